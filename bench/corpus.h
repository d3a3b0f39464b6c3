/*
 * What the benchmark programs share: a monotonic clock, reading a whole
 * file, and the JSONL input made by repeating a corpus's splits, so that
 * bench_run and bench_ratio time the same bytes and their figures compare.
 * Header-only (static inline): each program is one file.
 */
#ifndef WS_BENCH_CORPUS_H
#define WS_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_MB 1e6 /* 1 MB = 10^6 bytes, as the figures are printed */

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The whole file at path, *len its size; NULL when it cannot be opened,
 * read or held in memory. The caller frees it. */
static inline char *bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            char *p = realloc(data, cap);
            if (!p) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = p;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

/* The corpus dir's {train,dev,test}.jsonl over and over into path, until
 * mb megabytes. Returns NULL, or what failed with *arg the file it
 * failed on. */
static inline const char *bench_make_jsonl(const char *dir, double mb, const char *path, const char **arg)
{
    static const char *const parts[] = {"train.jsonl", "dev.jsonl", "test.jsonl"};
    static char name[4096];
    char *texts[3] = {NULL, NULL, NULL};
    size_t lens[3], total = 0;
    const char *err = NULL;
    *arg = path;
    for (int k = 0; k < 3 && !err; k++) {
        snprintf(name, sizeof name, "%s/%s", dir, parts[k]);
        texts[k] = bench_slurp(name, &lens[k]);
        if (!texts[k]) {
            err = "cannot read";
            *arg = name;
        } else {
            total += lens[k];
        }
    }
    if (!err && total == 0) {
        err = "empty corpus";
        *arg = dir;
    }
    FILE *out = err ? NULL : fopen(path, "wb");
    if (!err && !out)
        err = "cannot write";
    for (size_t written = 0; !err && (double)written < mb * BENCH_MB;) {
        for (int k = 0; k < 3 && !err; k++) {
            if (fwrite(texts[k], 1, lens[k], out) != lens[k])
                err = "cannot write";
            written += lens[k];
        }
    }
    if (out && fclose(out) != 0 && !err)
        err = "cannot write";
    for (int k = 0; k < 3; k++)
        free(texts[k]);
    return err;
}

#endif
