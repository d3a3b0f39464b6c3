/*
 * A program of a library user, built by tests/install.sh against an
 * installed whosaid through pkg-config alone: it calls the public API the
 * way README.md shows (ws_extract on a text, ws_run over a file).
 *
 *   install_prog TEXT_FILE OUT.jsonl
 *
 * Prints "version V extract N run M" (N quotations found by ws_extract in
 * TEXT_FILE, M by ws_run, which writes its records to OUT.jsonl).
 */
#include <stdio.h>
#include <stdlib.h>

#include <whosaid.h>

/* The whole file, or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)))
            *len = fread(buf, 1, (size_t)size, f);
    }
    if (f)
        fclose(f);
    return buf;
}

/* Quotations ws_extract finds in the file, or -1. */
static long extract_count(const char *path)
{
    size_t len = 0, n = 0;
    char *text = slurp(path, &len);
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    const ws_quote *q;
    ws_error err;
    long count = -1;
    if (text && x && ws_extract(x, text, len, &q, &n, &err) == WS_OK)
        count = (long)n;
    ws_extractor_free(x);
    free(text);
    return count;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s TEXT_FILE OUT.jsonl\n", argv[0]);
        return 2;
    }
    ws_run_options opts;
    ws_run_options_init(&opts);
    opts.threads = 2;
    ws_stats stats;
    ws_error err;
    const char *inputs[] = {argv[1]};
    if (ws_run(inputs, 1, argv[2], &opts, &stats, &err) != WS_OK) {
        fprintf(stderr, "ws_run: %s\n", err.message ? err.message : "failed");
        return 1;
    }
    printf("version %s extract %ld run %llu\n", WHOSAID_VERSION,
           extract_count(argv[1]), (unsigned long long)stats.quotations);
    return 0;
}
