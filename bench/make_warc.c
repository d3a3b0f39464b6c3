/*
 * Make a .warc.gz of news pages for the WARC benchmarks: the PolNeAR
 * texts, each wrapped in a simple HTML article page, as a crawler would
 * have stored them.
 *
 *   make_warc CORPUS_DIR MB OUT.warc.gz       (make warc-bench)
 *
 * Reads CORPUS_DIR/{train,dev,test}.jsonl (the "text" field of each line,
 * read with the library's own JSONL reader) and writes OUT: a warcinfo
 * record, then for every document a request record and a response record
 * (HTTP 200, text/html; charset=utf-8) whose payload is
 *   <html><head><title>first line</title></head><body>
 *   <nav>menu links</nav><article><h1>first line</h1><p>line</p>...
 *   </article><footer>...</footer></body></html>
 * (one <p> per further line of the text, HTML-escaped), each record in its
 * own gzip member. The set is repeated, with fresh URLs and record ids,
 * until OUT holds about MB * 10^6 bytes. Prints what it wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "whosaid.h"

typedef struct bytes {
    char *data;
    size_t len, cap;
} bytes;

/* Room for n more bytes. */
static void reserve(bytes *b, size_t n)
{
    if (n <= b->cap - b->len)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len < n)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        fputs("make_warc: out of memory\n", stderr);
        exit(2);
    }
    b->data = d;
    b->cap = cap;
}

static void put(bytes *b, const char *p, size_t n)
{
    reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void puts_b(bytes *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_escaped(bytes *b, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        switch (s[k]) {
        case '&': puts_b(b, "&amp;"); break;
        case '<': puts_b(b, "&lt;"); break;
        case '>': puts_b(b, "&gt;"); break;
        default: put(b, s + k, 1); break;
        }
    }
}

/* ---- the corpus --------------------------------------------------------- */

typedef struct corpus {
    char **text;
    size_t *len;
    size_t n, cap;
} corpus;

static void load(corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "make_warc: cannot open %s\n", path);
        exit(2);
    }
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    char buf[65536];
    size_t got;
    int finished = 0;
    while (!finished) {
        got = fread(buf, 1, sizeof buf, f);
        if (got)
            ws_reader_feed(r, buf, got, NULL);
        else {
            ws_reader_finish(r);
            finished = 1;
        }
        for (;;) {
            ws_document d;
            ws_error e;
            ws_status st = ws_reader_next(r, &d, &e);
            if (st == WS_NEED_INPUT || st == WS_DONE)
                break;
            if (st != WS_OK)
                continue;
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 1024;
                c->text = realloc(c->text, c->cap * sizeof *c->text);
                c->len = realloc(c->len, c->cap * sizeof *c->len);
                if (!c->text || !c->len)
                    exit(2);
            }
            c->text[c->n] = malloc(d.text_len + 1);
            if (!c->text[c->n])
                exit(2);
            memcpy(c->text[c->n], d.text, d.text_len);
            c->len[c->n++] = d.text_len;
        }
    }
    ws_reader_free(r);
    fclose(f);
}

/* ---- pages and records -------------------------------------------------- */

static void page(bytes *b, const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t first = nl ? (size_t)(nl - text) : len;
    puts_b(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    put_escaped(b, text, first);
    puts_b(b, "</title></head>\n<body>\n<nav><ul><li><a href=\"/\">Home</a></li>"
              "<li><a href=\"/politics\">Politics</a></li><li><a href=\"/world\">World"
              "</a></li><li><a href=\"/opinion\">Opinion</a></li></ul></nav>\n"
              "<article><h1>");
    put_escaped(b, text, first);
    puts_b(b, "</h1>\n");
    size_t at = nl ? first + 1 : len;
    while (at < len) {
        const char *end = memchr(text + at, '\n', len - at);
        size_t stop = end ? (size_t)(end - text) : len;
        if (stop > at) {
            puts_b(b, "<p>");
            put_escaped(b, text + at, stop - at);
            puts_b(b, "</p>\n");
        }
        at = stop + 1;
    }
    puts_b(b, "</article>\n<footer><p>&copy; 2016 Example News. <a href=\"/about\">About"
              "</a> | <a href=\"/privacy\">Privacy</a></p></footer>\n</body></html>\n");
}

static void record(bytes *out, const char *type, const char *uri, unsigned long long id,
                   const char *ctype, const bytes *block)
{
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "WARC/1.1\r\nWARC-Type: %s\r\n%s%s%s"
                     "WARC-Date: 2016-11-08T12:00:00Z\r\n"
                     "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012llu>\r\n"
                     "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                     type, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "",
                     id, ctype, block->len);
    bytes rec = {0};
    put(&rec, head, (size_t)n);
    put(&rec, block->data, block->len);
    put(&rec, "\r\n\r\n", 4);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        exit(2);
    size_t bound = deflateBound(&z, (uLong)rec.len) + 64;
    reserve(out, bound);
    z.next_in = (Bytef *)rec.data;
    z.avail_in = (uInt)rec.len;
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)bound;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        exit(2);
    out->len += bound - z.avail_out;
    deflateEnd(&z);
    free(rec.data);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CORPUS_DIR MB OUT.warc.gz\n", argv[0]);
        return 2;
    }
    double mb = atof(argv[2]);
    if (mb <= 0) {
        fprintf(stderr, "make_warc: MB must be positive\n");
        return 2;
    }
    corpus c = {0};
    static const char *sets[] = {"train.jsonl", "dev.jsonl", "test.jsonl"};
    for (size_t k = 0; k < 3; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], sets[k]);
        load(&c, path);
    }
    if (c.n == 0) {
        fprintf(stderr, "make_warc: no documents in %s\n", argv[1]);
        return 2;
    }
    FILE *f = fopen(argv[3], "wb");
    if (!f) {
        fprintf(stderr, "make_warc: cannot write %s\n", argv[3]);
        return 2;
    }
    size_t target = (size_t)(mb * 1e6);
    size_t written = 0, records = 0, pages = 0, html_bytes = 0;
    unsigned long long id = 1;
    bytes out = {0}, block = {0};
    block.len = 0;
    puts_b(&block, "software: whosaid bench/make_warc\r\nformat: WARC File Format 1.1\r\n");
    record(&out, "warcinfo", NULL, id++, "application/warc-fields", &block);
    records++;
    for (size_t round = 0; written + out.len < target; round++) {
        for (size_t k = 0; k < c.n && written + out.len < target; k++) {
            char uri[256];
            snprintf(uri, sizeof uri, "https://news.example/%zu/article-%zu.html", round, k);
            block.len = 0;
            puts_b(&block, "GET ");
            puts_b(&block, uri + strlen("https://news.example"));
            puts_b(&block, " HTTP/1.1\r\nHost: news.example\r\nUser-Agent: make_warc\r\n\r\n");
            record(&out, "request", uri, id++, "application/http; msgtype=request", &block);
            bytes html = {0};
            page(&html, c.text[k], c.len[k]);
            block.len = 0;
            char head[256];
            snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                     "Content-Length: %zu\r\nServer: example\r\n\r\n", html.len);
            puts_b(&block, head);
            put(&block, html.data, html.len);
            record(&out, "response", uri, id++, "application/http; msgtype=response", &block);
            html_bytes += html.len;
            free(html.data);
            records += 2;
            pages++;
            if (out.len > ((size_t)4 << 20)) {
                if (fwrite(out.data, 1, out.len, f) != out.len)
                    return 2;
                written += out.len;
                out.len = 0;
            }
        }
    }
    if (fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0)
        return 2;
    written += out.len;
    printf("wrote %s: %.1f MB compressed, %zu records (%zu pages, %.1f MB of HTML) "
           "from %zu documents\n", argv[3], written / 1e6, records, pages,
           html_bytes / 1e6, c.n);
    for (size_t k = 0; k < c.n; k++)
        free(c.text[k]);
    free(c.text);
    free(c.len);
    free(out.data);
    free(block.data);
    return 0;
}
