/*
 * WARC fixtures built in memory: records written as the WARC standard
 * lays them out, each gzip-compressed into its own member with zlib (or
 * left uncompressed), with the stored extent of every record noted so
 * that tests can check the provenance the reader reports. Used by
 * tests/test_warc.c and tests/make_warc_fixtures.c.
 *
 * fx_standard() is the archive of the acceptance criteria: warcinfo,
 * request and metadata records, HTML pages (UTF-8, ISO-8859-1 declared in
 * the HTTP header, a charset only in <meta>, chunked, gzip-encoded, no
 * Content-Type), a JPEG, a 301 and a 404, an HTML resource record and an
 * empty page. Each record carries what the reader should say about it.
 */
#ifndef WS_WARC_FIXTURE_H
#define WS_WARC_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "whosaid.h"

/* ---- bytes -------------------------------------------------------------- */

typedef struct fx_bytes {
    char *data;
    size_t len, cap;
} fx_bytes;

static inline void fx_put(fx_bytes *b, const void *p, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap - b->len < n)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            fputs("warc_fixture: out of memory\n", stderr);
            exit(2);
        }
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
}

static inline void fx_puts(fx_bytes *b, const char *s)
{
    fx_put(b, s, strlen(s));
}

static inline void fx_printf(fx_bytes *b, const char *fmt, size_t v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, fmt, v);
    fx_put(b, tmp, (size_t)n);
}

static inline void fx_free(fx_bytes *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* data compressed as one gzip member (windowBits 16+15), appended to out. */
static inline void fx_gzip(fx_bytes *out, const void *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        exit(2);
    size_t bound = deflateBound(&z, (uLong)len) + 32;
    char *buf = malloc(bound);
    if (!buf)
        exit(2);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)bound;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        exit(2);
    fx_put(out, buf, bound - z.avail_out);
    deflateEnd(&z);
    free(buf);
}

/* All of a gzip stream (one or more members) inflated; -1 on damage. */
static inline int fx_gunzip(const char *data, size_t len, fx_bytes *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        return -1;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
        char buf[4096];
        z.next_out = (Bytef *)buf;
        z.avail_out = sizeof buf;
        ret = inflate(&z, Z_NO_FLUSH);
        fx_put(out, buf, sizeof buf - z.avail_out);
        if (ret != Z_OK && ret != Z_STREAM_END)
            break;
    }
    int ok = ret == Z_STREAM_END && z.avail_in == 0;
    inflateEnd(&z);
    return ok ? 0 : -1;
}

/* ---- records ---------------------------------------------------------- */

typedef struct fx_record {
    const char *type;  /* WARC-Type */
    const char *uri;   /* WARC-Target-URI, or NULL */
    const char *ctype; /* the WARC Content-Type, or NULL */
    fx_bytes block;    /* the record's block */
    long length_lie;   /* Content-Length = block length + this */
    /* what the reader should say */
    ws_status want;
    ws_skip want_skip;
    const char *want_text; /* the page (NUL-free), for WS_OK */
    size_t want_text_len;
    const char *want_charset;
    /* filled in when the archive is written */
    char id[64], date[32];
    size_t start, length;     /* stored extent */
    size_t dstart, dlength;   /* extent in the uncompressed WARC */
} fx_record;

typedef struct fx_archive {
    fx_record rec[32];
    size_t n;
    fx_bytes stored;     /* the archive as written */
    fx_bytes plain;      /* the uncompressed WARC */
    int gzip;
} fx_archive;

static inline fx_record *fx_add(fx_archive *a, const char *type, const char *uri,
                                const char *ctype, ws_status want, ws_skip skip)
{
    fx_record *r = &a->rec[a->n];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->uri = uri;
    r->ctype = ctype;
    r->want = want;
    r->want_skip = skip;
    snprintf(r->id, sizeof r->id, "<urn:uuid:00000000-0000-4000-8000-%012zu>", a->n + 1);
    snprintf(r->date, sizeof r->date, "2024-05-%02zuT12:00:00Z", a->n % 28 + 1);
    a->n++;
    return r;
}

/* An HTTP response as the block of r: status line, headers (each ending
 * in CRLF, or ""), payload. */
static inline void fx_http(fx_record *r, const char *status, const char *headers,
                           const char *payload, size_t payload_len)
{
    fx_puts(&r->block, "HTTP/1.1 ");
    fx_puts(&r->block, status);
    fx_puts(&r->block, "\r\n");
    fx_puts(&r->block, headers);
    fx_puts(&r->block, "\r\n");
    fx_put(&r->block, payload, payload_len);
}

static inline void fx_want_page(fx_record *r, const char *text, size_t len,
                                const char *charset)
{
    r->want = WS_OK;
    r->want_text = text;
    r->want_text_len = len;
    r->want_charset = charset;
}

/* The record's bytes: version line, headers, block, "\r\n\r\n". */
static inline void fx_record_bytes(const fx_record *r, fx_bytes *out)
{
    fx_puts(out, "WARC/1.0\r\n");
    fx_puts(out, "WARC-Type: ");
    fx_puts(out, r->type);
    fx_puts(out, "\r\n");
    if (r->uri) {
        fx_puts(out, "WARC-Target-URI: ");
        fx_puts(out, r->uri);
        fx_puts(out, "\r\n");
    }
    fx_puts(out, "WARC-Date: ");
    fx_puts(out, r->date);
    fx_puts(out, "\r\nWARC-Record-ID: ");
    fx_puts(out, r->id);
    fx_puts(out, "\r\n");
    if (r->ctype) {
        fx_puts(out, "Content-Type: ");
        fx_puts(out, r->ctype);
        fx_puts(out, "\r\n");
    }
    fx_printf(out, "Content-Length: %zu\r\n\r\n", (size_t)((long)r->block.len + r->length_lie));
    fx_put(out, r->block.data, r->block.len);
    fx_puts(out, "\r\n\r\n");
}

/* Write the archive: every record in its own gzip member, or all plain. */
static inline void fx_write(fx_archive *a, int gzip)
{
    a->gzip = gzip;
    a->stored.len = a->plain.len = 0;
    for (size_t k = 0; k < a->n; k++) {
        fx_record *r = &a->rec[k];
        fx_bytes one = {0};
        fx_record_bytes(r, &one);
        r->dstart = a->plain.len;
        r->dlength = one.len;
        fx_put(&a->plain, one.data, one.len);
        r->start = a->stored.len;
        if (gzip)
            fx_gzip(&a->stored, one.data, one.len);
        else
            fx_put(&a->stored, one.data, one.len);
        r->length = a->stored.len - r->start;
        fx_free(&one);
    }
}

static inline void fx_archive_free(fx_archive *a)
{
    for (size_t k = 0; k < a->n; k++)
        fx_free(&a->rec[k].block);
    fx_free(&a->stored);
    fx_free(&a->plain);
    a->n = 0;
}

/* ---- the standard archive ----------------------------------------------- */

static const char fx_page_utf8[] =
    "<html><head><title>Mayor speaks</title></head><body><article>"
    "<p>\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D the mayor said.</p></article></body></html>";
static const char fx_page_latin1[] =
    "<html><head><title>Caf\xE9</title></head><body><p>\xAB Nous "
    "reviendrons \xBB, a d\xE9" "clar\xE9 le maire.</p></body></html>";
static const char fx_page_meta[] =
    "<html><head><meta charset=\"windows-1252\"><title>x</title></head>"
    "<body><p>\x93Quoted,\x94 she said.</p></body></html>";
static const char fx_page_chunked[] =
    "<html><body><p>\"Chunks arrive,\" the engineer said.</p></body></html>";
static const char fx_page_gzip[] =
    "<html><body><p>\"Compressed twice,\" the archivist said.</p></body></html>";
static const char fx_page_sniffed[] =
    "<!DOCTYPE html>\n<html><body><p>No type given.</p></body></html>";
static const char fx_page_resource[] =
    "<html><body><p>\"Saved as a resource,\" the curator said.</p></body></html>";

static inline void fx_standard(fx_archive *a)
{
    memset(a, 0, sizeof *a);
    fx_record *r;

    r = fx_add(a, "warcinfo", NULL, "application/warc-fields", WS_SKIPPED,
               WS_SKIP_NOT_RESPONSE);
    fx_puts(&r->block, "software: whosaid-tests\r\nformat: WARC File Format 1.0\r\n");

    r = fx_add(a, "request", "https://news.example/a", "application/http; msgtype=request",
               WS_SKIPPED, WS_SKIP_NOT_RESPONSE);
    fx_puts(&r->block, "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n");

    r = fx_add(a, "response", "https://news.example/a", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", fx_page_utf8,
            strlen(fx_page_utf8));
    fx_want_page(r, fx_page_utf8, strlen(fx_page_utf8), "utf-8");

    r = fx_add(a, "metadata", "https://news.example/a", "application/warc-fields",
               WS_SKIPPED, WS_SKIP_NOT_RESPONSE);
    fx_puts(&r->block, "fetchTimeMs: 42\r\n");

    r = fx_add(a, "response", "https://news.example/photo.jpg",
               "application/http; msgtype=response", WS_SKIPPED, WS_SKIP_NOT_HTML);
    static const char jpeg[] = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\r\n\r\nWARC/1.0\r\n\xFF\xD9";
    fx_http(r, "200 OK", "Content-Type: image/jpeg\r\n", jpeg, sizeof jpeg - 1);

    r = fx_add(a, "response", "http://news.example/old", "application/http; msgtype=response",
               WS_SKIPPED, WS_SKIP_NOT_OK);
    static const char moved[] = "<html><body>Moved</body></html>";
    fx_http(r, "301 Moved Permanently",
            "Location: https://news.example/a\r\nContent-Type: text/html\r\n", moved,
            strlen(moved));

    r = fx_add(a, "response", "https://journal.example/fr", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html;charset=\"ISO-8859-1\"\r\n", fx_page_latin1,
            strlen(fx_page_latin1));
    fx_want_page(r, fx_page_latin1, strlen(fx_page_latin1), "ISO-8859-1");

    r = fx_add(a, "response", "https://news.example/meta", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html\r\n", fx_page_meta, strlen(fx_page_meta));
    fx_want_page(r, fx_page_meta, strlen(fx_page_meta), "");

    r = fx_add(a, "response", "https://news.example/chunked", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    {
        fx_bytes chunked = {0};
        size_t n = strlen(fx_page_chunked), at = 0, piece = 17;
        while (at < n) {
            size_t take = n - at < piece ? n - at : piece;
            char line[32];
            snprintf(line, sizeof line, "%zx;ext=1\r\n", take);
            fx_puts(&chunked, line);
            fx_put(&chunked, fx_page_chunked + at, take);
            fx_puts(&chunked, "\r\n");
            at += take;
        }
        fx_puts(&chunked, "0\r\nX-Trailer: y\r\n\r\n");
        fx_http(r, "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                chunked.data, chunked.len);
        fx_free(&chunked);
    }
    fx_want_page(r, fx_page_chunked, strlen(fx_page_chunked), "");

    r = fx_add(a, "response", "https://news.example/gz", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    {
        fx_bytes gz = {0};
        fx_gzip(&gz, fx_page_gzip, strlen(fx_page_gzip));
        fx_http(r, "200 OK", "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n",
                gz.data, gz.len);
        fx_free(&gz);
    }
    fx_want_page(r, fx_page_gzip, strlen(fx_page_gzip), "utf-8");

    r = fx_add(a, "response", "https://news.example/untyped", "application/http; msgtype=response",
               WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Server: x\r\n", fx_page_sniffed, strlen(fx_page_sniffed));
    fx_want_page(r, fx_page_sniffed, strlen(fx_page_sniffed), "");

    r = fx_add(a, "response", "https://news.example/robots.txt",
               "application/http; msgtype=response", WS_SKIPPED, WS_SKIP_NOT_HTML);
    fx_http(r, "200 OK", "", "User-agent: *\n", 14);

    r = fx_add(a, "resource", "file:///saved/page.html", "text/html; charset=utf-8", WS_OK,
               WS_SKIP_NONE);
    fx_puts(&r->block, fx_page_resource);
    fx_want_page(r, fx_page_resource, strlen(fx_page_resource), "utf-8");

    r = fx_add(a, "response", "https://news.example/missing", "application/http; msgtype=response",
               WS_SKIPPED, WS_SKIP_NOT_OK);
    fx_http(r, "404 Not Found", "Content-Type: text/html\r\n", "<p>no</p>", 9);

    r = fx_add(a, "response", "https://news.example/empty", "application/http; msgtype=response",
               WS_SKIPPED, WS_SKIP_EMPTY);
    fx_http(r, "200 OK", "Content-Type: text/html\r\nContent-Length: 0\r\n", "", 0);
}

#endif
