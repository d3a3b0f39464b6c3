/*
 * Throughput and memory of the whole pipeline on real news text.
 *
 *   bench_throughput [CORPUS_DIR [MB]]
 *
 * Reads CORPUS_DIR/{train,dev,test}.jsonl (default ../shared/corpus/polnear)
 * through ws_reader and keeps each document's id and text. Then streams
 * them, over and over, as {"id": ..., "text": ...} JSONL lines (what the
 * scorer gives the CLI) through ws_reader, ws_extract and
 * ws_quotes_write_jsonl into an output that discards, until about MB
 * megabytes (default 50, 1 MB = 10^6 bytes) of JSONL have gone in. The
 * stream is made and fed 64 KiB at a time, never held whole, so the
 * memory figures show what the library keeps, not the input's size.
 *
 * Prints figures; it is not a test and never fails on them. The time is
 * that of the library calls only (feeding, reading, extracting, writing),
 * with CLOCK_MONOTONIC; making the stream is not counted.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "whosaid.h"
#include "corpus.h"

#define CHUNK ((size_t)64 * 1024)
#define MB BENCH_MB

/* ---- small helpers ------------------------------------------------------ */

static void die(const char *what)
{
    fprintf(stderr, "bench_throughput: %s\n", what);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}


/* Peak resident set size so far, in MB (ru_maxrss is in KiB on Linux). */
static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return (double)ru.ru_maxrss * 1024.0 / MB;
}

/* Resident set size now, in MB, where /proc tells it; -1 elsewhere. */
static double current_rss_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    unsigned long size = 0, resident = 0;
    int n = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    if (n != 2)
        return -1;
    long page = sysconf(_SC_PAGESIZE);
    return (double)resident * (double)(page > 0 ? page : 4096) / MB;
}

/* A growable byte buffer. */
typedef struct bytes {
    char *data;
    size_t len, cap;
} bytes;

static void bytes_put(bytes *b, const char *s, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            die("out of memory");
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

/* Append s[0..n) as a JSON string. Bytes >= 0x80 go through as they are:
 * the texts come from the reader, as UTF-8. */
static void bytes_put_json_string(bytes *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    bytes_put(b, "\"", 1);
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        bytes_put(b, s + run, i - run);
        run = i + 1;
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        switch (c) {
        case '"': bytes_put(b, "\\\"", 2); break;
        case '\\': bytes_put(b, "\\\\", 2); break;
        case '\n': bytes_put(b, "\\n", 2); break;
        case '\t': bytes_put(b, "\\t", 2); break;
        case '\r': bytes_put(b, "\\r", 2); break;
        default: bytes_put(b, esc, 6); break;
        }
    }
    bytes_put(b, s + run, n - run);
    bytes_put(b, "\"", 1);
}

/* ---- loading the corpus ------------------------------------------------- */

typedef struct doc {
    char *id, *text;
    size_t id_len, text_len;
} doc;

typedef struct corpus {
    doc *docs;
    size_t count, cap;
    size_t text_bytes;
    size_t bad_lines;
} corpus;

static char *dup_bytes(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Take every complete document the reader has; WS_DONE at the end. */
static ws_status drain_into(ws_reader *r, corpus *c, const char *path)
{
    for (;;) {
        ws_document d;
        ws_error err;
        ws_status st = ws_reader_next(r, &d, &err);
        if (st == WS_NEED_INPUT || st == WS_DONE)
            return st;
        if (st != WS_OK) {
            fprintf(stderr, "%s:%zu: %s\n", path, err.line,
                    err.message ? err.message : ws_status_name(st));
            c->bad_lines++;
            continue;
        }
        if (c->count == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            doc *p = realloc(c->docs, c->cap * sizeof *p);
            if (!p)
                die("out of memory");
            c->docs = p;
        }
        doc *k = &c->docs[c->count++];
        k->id = dup_bytes(d.id ? d.id : "", d.id ? d.id_len : 0);
        k->id_len = d.id ? d.id_len : 0;
        k->text = dup_bytes(d.text, d.text_len);
        k->text_len = d.text_len;
        c->text_bytes += d.text_len;
    }
}

static void load_file(corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_throughput: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    if (!r)
        die("ws_reader_new failed");
    char *buf = xmalloc(CHUNK);
    ws_error err;
    for (;;) {
        size_t n = fread(buf, 1, CHUNK, f);
        if (n == 0)
            break;
        ws_status st = ws_reader_feed(r, buf, n, &err);
        if (st != WS_OK)
            die(ws_status_name(st));
        drain_into(r, c, path);
    }
    if (ferror(f))
        die("read error");
    ws_reader_finish(r);
    while (drain_into(r, c, path) != WS_DONE)
        ;
    free(buf);
    ws_reader_free(r);
    fclose(f);
}

/* ---- streaming ------------------------------------------------------------- */

typedef struct discard {
    size_t bytes;
} discard;

static int discard_write(void *ctx, const char *data, size_t len)
{
    (void)data;
    ((discard *)ctx)->bytes += len;
    return 0;
}

typedef struct stream {
    ws_reader *reader;
    ws_extractor *x;
    discard out;
    size_t docs, quotes, direct, indirect, failed;
    double seconds; /* in the library */
} stream;

/* Give one chunk of the stream to the library and process every document
 * it completes; finish ends the stream. */
static void stream_chunk(stream *s, const char *data, size_t len, int finish)
{
    double t0 = bench_now();
    ws_error err;
    if (len && ws_reader_feed(s->reader, data, len, &err) != WS_OK)
        die("ws_reader_feed failed");
    if (finish)
        ws_reader_finish(s->reader);
    for (;;) {
        ws_document d;
        ws_status st = ws_reader_next(s->reader, &d, &err);
        if (st == WS_NEED_INPUT || st == WS_DONE)
            break;
        if (st != WS_OK) {
            s->failed++;
            continue;
        }
        const ws_quote *q;
        size_t count;
        st = ws_extract(s->x, d.text, d.text_len, &q, &count, &err);
        if (st == WS_OK)
            st = ws_quotes_write_jsonl(d.text, d.text_len, d.id, d.id_len, q,
                                       count, discard_write, &s->out, &err);
        if (st != WS_OK) {
            s->failed++;
            continue;
        }
        s->docs++;
        s->quotes += count;
        for (size_t i = 0; i < count; i++) {
            if (q[i].type == WS_QUOTE_DIRECT)
                s->direct++;
            else
                s->indirect++;
        }
    }
    s->seconds += bench_now() - t0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/corpus/polnear";
    double target_mb = argc > 2 ? atof(argv[2]) : 50;
    if (argc > 3 || target_mb <= 0) {
        fprintf(stderr, "usage: %s [CORPUS_DIR [MB]]\n", argv[0]);
        return 2;
    }

    corpus c;
    memset(&c, 0, sizeof c);
    static const char *const splits[] = {"train", "dev", "test"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(dir) + 32;
        char *path = xmalloc(n);
        snprintf(path, n, "%s/%s.jsonl", dir, splits[i]);
        load_file(&c, path);
        free(path);
    }
    if (c.count == 0)
        die("no document in the corpus");
    double rss_loaded_peak = peak_rss_mb(), rss_loaded_now = current_rss_mb();

    stream s;
    memset(&s, 0, sizeof s);
    s.reader = ws_reader_new(WS_INPUT_JSONL, NULL);
    s.x = ws_extractor_new(NULL, NULL);
    if (!s.reader || !s.x)
        die("ws_reader_new or ws_extractor_new failed");

    const size_t target = (size_t)(target_mb * MB);
    const size_t mark = (size_t)(10 * MB); /* where memory is looked at */
    double rss_mark_peak = -1, rss_mark_now = -1;
    bytes chunk = {0};
    size_t fed = 0;
    for (size_t k = 0; fed + chunk.len < target; k = (k + 1) % c.count) {
        const doc *d = &c.docs[k];
        bytes_put(&chunk, "{\"id\":", 6);
        bytes_put_json_string(&chunk, d->id, d->id_len);
        bytes_put(&chunk, ",\"text\":", 8);
        bytes_put_json_string(&chunk, d->text, d->text_len);
        bytes_put(&chunk, "}\n", 2);
        /* Feed in pieces of CHUNK bytes, cut anywhere, as a file would. */
        size_t off = 0;
        while (chunk.len - off >= CHUNK) {
            stream_chunk(&s, chunk.data + off, CHUNK, 0);
            off += CHUNK;
            fed += CHUNK;
            if (rss_mark_peak < 0 && fed >= mark) {
                rss_mark_peak = peak_rss_mb();
                rss_mark_now = current_rss_mb();
            }
        }
        memmove(chunk.data, chunk.data + off, chunk.len - off);
        chunk.len -= off;
    }
    stream_chunk(&s, chunk.data, chunk.len, 1);
    fed += chunk.len;
    double rss_end_peak = peak_rss_mb(), rss_end_now = current_rss_mb();

    printf("corpus          %s: %zu documents, %.1f MB of text%s\n", dir,
           c.count, (double)c.text_bytes / MB,
           c.bad_lines ? " (some lines refused, see above)" : "");
    printf("documents       %zu processed, %zu failed\n", s.docs, s.failed);
    printf("JSONL input     %.1f MB\n", (double)fed / MB);
    printf("seconds         %.3f (library calls only)\n", s.seconds);
    printf("throughput      %.1f MB/s of JSONL\n",
           s.seconds > 0 ? (double)fed / MB / s.seconds : 0.0);
    printf("quotations      %zu (%zu direct, %zu indirect), %.1f MB of JSONL out\n",
           s.quotes, s.direct, s.indirect, (double)s.out.bytes / MB);
    if (rss_mark_peak < 0)
        rss_mark_peak = rss_end_peak, rss_mark_now = rss_end_now;
    printf("peak RSS        %.1f MB after loading the corpus, %.1f MB at %.0f MB "
           "streamed, %.1f MB at the end\n",
           rss_loaded_peak, rss_mark_peak,
           (double)(fed < mark ? fed : mark) / MB, rss_end_peak);
    if (rss_end_now >= 0)
        printf("RSS now         %.1f MB after loading the corpus, %.1f MB at "
               "%.0f MB streamed, %.1f MB at the end\n",
               rss_loaded_now, rss_mark_now,
               (double)(fed < mark ? fed : mark) / MB, rss_end_now);

    ws_reader_free(s.reader);
    ws_extractor_free(s.x);
    free(chunk.data);
    for (size_t i = 0; i < c.count; i++) {
        free(c.docs[i].id);
        free(c.docs[i].text);
    }
    free(c.docs);
    return 0;
}
