/*
 * Runs (ws_run) on temporary files: input order kept across threads, the
 * same output for any number of threads, the statistics' invariant
 * (read = processed + failed + skipped) on inputs with failures, one
 * failure callback per failed document, invalid UTF-8 counted, every
 * output line valid UTF-8 and strict JSON, compressed outputs that
 * decompress to the plain one, the text and per-document outputs, the
 * provenance fields, format detection, and the run's own errors.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "test.h"
#include "whosaid.h"

#define FFFD "\xEF\xBF\xBD"

/* ===================================================================== */
/*  Temporary files                                                      */
/* ===================================================================== */

static char tmpdir[64];

static char *tmp_path(const char *name)
{
    static char paths[16][256];
    static int next;
    char *p = paths[next++ % 16];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        printf("cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f)
        return NULL;
    membuf m = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        membuf_write(&m, buf, n);
    fclose(f);
    membuf_write(&m, "", 1); /* a NUL after the data, for strstr */
    *len = m.len - 1;
    return m.data;
}

/* ===================================================================== */
/*  Checking the output: UTF-8, strict JSON                              */
/* ===================================================================== */

static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        unsigned v, min;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { k = 1; v = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; v = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; v = c & 0x07; min = 0x10000; }
        else return false;
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
                return false;
            v = (v << 6) | (s[i + j] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return false;
        i += k + 1;
    }
    return true;
}

/* A strict JSON recogniser (RFC 8259) over s[*i..n). */
typedef struct jp {
    const char *s;
    size_t i, n;
} jp;

static void jp_ws(jp *p)
{
    while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
        p->i++;
}

static bool jp_value(jp *p, int depth);

static bool jp_string(jp *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return false;
    for (p->i++; p->i < p->n; p->i++) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c != '\\')
            continue;
        if (++p->i >= p->n)
            return false;
        c = (unsigned char)p->s[p->i];
        if (c == 'u') {
            for (int k = 0; k < 4; k++)
                if (++p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]))
                    return false;
        } else if (!strchr("\"\\/bfnrt", c) || c == 0) {
            return false;
        }
    }
    return false;
}

static bool jp_digits(jp *p)
{
    size_t from = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
        p->i++;
    return p->i > from;
}

static bool jp_number(jp *p)
{
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    if (p->i < p->n && p->s[p->i] == '0')
        p->i++;
    else if (!jp_digits(p))
        return false;
    if (p->i < p->n && p->s[p->i] == '.' && (p->i++, !jp_digits(p)))
        return false;
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        return jp_digits(p);
    }
    return true;
}

static bool jp_literal(jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return false;
    p->i += k;
    return true;
}

static bool jp_members(jp *p, int depth, char close, bool object)
{
    p->i++;
    jp_ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return true;
    }
    for (;;) {
        if (object) {
            if (!jp_string(p))
                return false;
            jp_ws(p);
            if (p->i >= p->n || p->s[p->i++] != ':')
                return false;
        }
        if (!jp_value(p, depth + 1))
            return false;
        jp_ws(p);
        if (p->i >= p->n)
            return false;
        char c = p->s[p->i++];
        if (c == close)
            return true;
        if (c != ',')
            return false;
        jp_ws(p);
    }
}

static bool jp_value(jp *p, int depth)
{
    jp_ws(p);
    if (p->i >= p->n || depth > 64)
        return false;
    switch (p->s[p->i]) {
    case '{': return jp_members(p, depth, '}', true);
    case '[': return jp_members(p, depth, ']', false);
    case '"': return jp_string(p);
    case 't': return jp_literal(p, "true");
    case 'f': return jp_literal(p, "false");
    case 'n': return jp_literal(p, "null");
    default: return jp_number(p);
    }
}

/* Every line a JSON object; the whole output UTF-8 and newline-ended.
 * *lines receives the number of lines. */
static bool valid_jsonl(const char *s, size_t n, size_t *lines)
{
    *lines = 0;
    if (!valid_utf8((const unsigned char *)s, n) || (n && s[n - 1] != '\n'))
        return false;
    size_t at = 0;
    while (at < n) {
        const char *nl = memchr(s + at, '\n', n - at);
        size_t end = (size_t)(nl - s);
        jp p = {s, at, end};
        if (at >= end || s[at] != '{' || !jp_value(&p, 0))
            return false;
        jp_ws(&p);
        if (p.i != end)
            return false;
        (*lines)++;
        at = end + 1;
    }
    return true;
}

/* ===================================================================== */
/*  Running                                                              */
/* ===================================================================== */

typedef struct calls {
    size_t failures;       /* documents */
    size_t input_failures; /* whole inputs (doc NULL) */
    size_t first_line;     /* of the first failed document */
    ws_status first_code;
} calls;

static void count_failure(void *ctx, const char *source, const ws_document *doc,
                          const ws_error *err)
{
    calls *c = ctx;
    (void)source;
    if (!doc) {
        c->input_failures++;
        return;
    }
    if (c->failures++ == 0) {
        c->first_line = doc->line;
        c->first_code = err->code;
    }
}

static ws_run_options options(unsigned threads, ws_output_format output, calls *c)
{
    ws_run_options o;
    ws_run_options_init(&o);
    o.threads = threads;
    o.output = output;
    o.on_failure = count_failure;
    o.ctx = c;
    return o;
}

static bool invariant(const ws_stats *s)
{
    uint64_t failed = 0, skipped = 0;
    for (int k = 0; k < WS_STATUS_COUNT; k++)
        failed += s->failed_by[k];
    for (int k = 0; k < WS_SKIP_COUNT; k++)
        skipped += s->skipped_by[k];
    return s->documents_read ==
               s->documents_processed + s->documents_failed + s->documents_skipped &&
           failed == s->documents_failed && skipped == s->documents_skipped &&
           s->quotations == s->quotations_direct + s->quotations_indirect;
}

/* Run one input into tmp_path(out_name); the output is read back. */
static char *run_one(const char *input, const char *out_name, ws_run_options *o,
                     ws_status *st, ws_stats *stats, size_t *len)
{
    ws_error e = {0};
    const char *out = tmp_path(out_name);
    *st = ws_run(&input, 1, out, o, stats, &e);
    return read_file(out, len);
}

/* N small documents, each one quotation; every seventh line broken. */
static void write_many_documents(const char *path, int n, bool with_bad_lines)
{
    membuf m = {0};
    char line[256];
    for (int k = 0; k < n; k++) {
        int len;
        if (with_bad_lines && k % 7 == 3)
            len = snprintf(line, sizeof line, "{\"id\":\"d%d\",\"text\": broken\n", k);
        else
            len = snprintf(line, sizeof line,
                           "{\"id\":\"d%d\",\"text\":\"\\\"Vote %d,\\\" Ann Lee said.\"}\n",
                           k, k);
        membuf_write(&m, line, (size_t)len);
    }
    write_file(path, m.data, m.len);
    free(m.data);
}

/* ===================================================================== */
/*  Tests                                                                */
/* ===================================================================== */

/* One JSON line per document, so the order is visible line by line. */
TEST(order_kept_across_threads)
{
    const int n = 3000;
    const char *in = tmp_path("many.jsonl");
    write_many_documents(in, n, false);
    calls c = {0};
    ws_run_options o = options(3, WS_OUTPUT_DOCS, &c);
    ws_status st;
    ws_stats s;
    size_t len, lines = 0;
    char *out = run_one(in, "many.docs", &o, &st, &s, &len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK(out && valid_jsonl(out, len, &lines));
    CHECK_EQ_INT(lines, n);
    int bad = 0, k = 0;
    for (const char *p = out; p && *p; k++) {
        char want[64];
        int w = snprintf(want, sizeof want, "{\"doc\":\"d%d\",", k);
        if (strncmp(p, want, (size_t)w) != 0 && bad++ < 3)
            printf("     line %d is not document d%d\n", k + 1, k);
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(s.documents_read, n);
    CHECK_EQ_INT(s.documents_processed, n);
    CHECK(invariant(&s));
    free(out);
}

/* Records at -j1, -j2, -j5 and -j0 (one per core): byte for byte the same,
 * failures and all; the failures come back in input order. */
TEST(same_output_for_any_thread_count)
{
    const int n = 700;
    const char *in = tmp_path("mixed.jsonl");
    write_many_documents(in, n, true);
    unsigned threads[] = {1, 2, 5, 0};
    char *first = NULL;
    size_t first_len = 0;
    for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
        calls c = {0};
        ws_run_options o = options(threads[t], WS_OUTPUT_JSONL, &c);
        ws_status st;
        ws_stats s;
        size_t len, lines = 0;
        char *out = run_one(in, "mixed.out", &o, &st, &s, &len);
        CHECK_EQ_INT(st, WS_ERR_JSON);
        CHECK(out && valid_jsonl(out, len, &lines));
        CHECK_EQ_INT(lines, n - n / 7);
        CHECK_EQ_INT(s.documents_failed, n / 7);
        CHECK_EQ_INT(s.failed_by[WS_ERR_JSON], n / 7);
        CHECK_EQ_INT(c.failures, s.documents_failed);
        CHECK_EQ_INT(c.first_line, 4);
        CHECK(invariant(&s));
        CHECK_EQ_INT(s.bytes_out, len);
        if (!first) {
            first = out;
            first_len = len;
        } else {
            CHECK_EQ_STR(out, len, first, first_len);
            free(out);
        }
    }
    free(first);
}

/* Failures of every kind the run can see today: bad JSON lines, an HTML
 * page (whether the HTML stage fails it, skips it or processes it), an
 * empty line (no document), and an input that does not exist (no
 * document either). */
TEST(stats_invariant_with_failures)
{
    const char *jsonl = tmp_path("fail.jsonl");
    static const char lines[] =
        "{\"id\":\"a\",\"text\":\"\\\"Yes,\\\" he said.\"}\n"
        "not json\n"
        "\n"
        "{\"id\":\"b\"}\n"
        "{\"id\":\"c\",\"text\":\"No quotation here.\"}\n"
        "[1]\n";
    write_file(jsonl, lines, sizeof lines - 1);
    const char *html = tmp_path("page.html");
    static const char page[] =
        "<!DOCTYPE html><html><head><title>T</title></head><body>"
        "<p>\"We will win,\" she said.</p></body></html>";
    write_file(html, page, sizeof page - 1);
    const char *inputs[] = {jsonl, tmp_path("no-such-file.jsonl"), html};
    calls c = {0};
    ws_run_options o = options(2, WS_OUTPUT_JSONL, &c);
    ws_stats s;
    ws_error e = {0};
    ws_status st = ws_run(inputs, 3, tmp_path("fail.out"), &o, &s, &e);
    CHECK_EQ_INT(st, WS_ERR_IO); /* the missing input wins over documents */
    CHECK_EQ_INT(e.code, WS_ERR_IO);
    CHECK_EQ_INT(c.input_failures, 1);
    CHECK_EQ_INT(s.documents_read, 6);
    CHECK(s.documents_failed >= 3);
    CHECK_EQ_INT(s.failed_by[WS_ERR_JSON], 3);
    CHECK_EQ_INT(c.failures, s.documents_failed);
    CHECK(invariant(&s));
    CHECK_EQ_INT(s.bytes_in, sizeof lines - 1 + sizeof page - 1);
    CHECK_EQ_INT(s.bytes_total, 0); /* one input could not be sized */
}

/* Every invalid byte written as U+FFFD is counted, in each output. */
TEST(replacements_counted)
{
    const char *in = tmp_path("bad.txt");
    static const char text[] = "\"We \xff will win,\" Ann Lee said.\n\nAnd \xc3 \xe2\x80 then.\n";
    write_file(in, text, sizeof text - 1);
    calls c = {0};
    ws_run_options o = options(1, WS_OUTPUT_TEXT, &c);
    ws_status st;
    ws_stats s;
    size_t len;
    char *out = run_one(in, "bad.text", &o, &st, &s, &len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK_EQ_INT(s.replaced, 4); /* \xff, \xc3, \xe2, \x80 */
    static const char want[] = "\"We " FFFD " will win,\" Ann Lee said.\n"
                               "And " FFFD " " FFFD FFFD " then.\n";
    CHECK_EQ_STR(out, len, want, sizeof want - 1);
    free(out);

    o = options(2, WS_OUTPUT_JSONL, &c);
    o.extract.types = WS_TYPE_DIRECT;
    out = run_one(in, "bad.jsonl", &o, &st, &s, &len);
    size_t lines = 0;
    CHECK(out && valid_jsonl(out, len, &lines));
    CHECK_EQ_INT(lines, 1);
    CHECK_EQ_INT(s.quotations_direct, 1);
    CHECK_EQ_INT(s.replaced, 1); /* the quotation's one invalid byte */
    free(out);

    o = options(2, WS_OUTPUT_DOCS, &c);
    out = run_one(in, "bad.docs", &o, &st, &s, &len);
    CHECK(out && valid_jsonl(out, len, &lines));
    CHECK_EQ_INT(s.replaced, 4);
    free(out);

    o = options(2, WS_OUTPUT_HTML, &c); /* the page holds the whole text */
    out = run_one(in, "bad.html", &o, &st, &s, &len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK(out && strstr(out, "data-start=") && strstr(out, "We " FFFD " will"));
    CHECK_EQ_INT(s.replaced, 4);
    free(out);
}

/* Any bytes in, valid JSON Lines out: quotation marks and letters with
 * stray high bytes, about 2% of them (over 5%, or a NUL, and the document
 * would be binary: binary_text_is_not_text). */
TEST(output_valid_whatever_the_input)
{
    char bytes[4096];
    unsigned rng = 99;
    for (size_t k = 0; k < sizeof bytes; k++) {
        rng = rng * 1103515245u + 12345u;
        unsigned v = rng >> 16;
        bytes[k] = (char)(v % 3 == 0 ? (unsigned)'"' : v % 50 == 1 ? ((v >> 4) & 0xFF) | 0x80
                                                                : 'a' + v % 26);
    }
    static const char said[] = " said Ann Lee. \xe2\x80\x9cYes\xe2\x80\x9d, he told reporters.";
    memcpy(bytes + 100, said, sizeof said - 1);
    const char *in = tmp_path("bytes.txt");
    write_file(in, bytes, sizeof bytes);
    ws_output_format formats[] = {WS_OUTPUT_JSONL, WS_OUTPUT_DOCS};
    for (size_t f = 0; f < 2; f++) {
        calls c = {0};
        ws_run_options o = options(2, formats[f], &c);
        ws_status st;
        ws_stats s;
        size_t len, lines = 0;
        char *out = run_one(in, "bytes.out", &o, &st, &s, &len);
        CHECK_EQ_INT(st, WS_OK);
        CHECK(out && valid_jsonl(out, len, &lines));
        CHECK(lines >= 1);
        CHECK(s.replaced > 0);
        free(out);
    }
}

/* A text document with a NUL, or over 5% invalid UTF-8, fails as
 * WS_ERR_NOT_TEXT at the first such byte, and gives no output; a JSONL
 * text with a NUL escape does not. */
TEST(binary_text_is_not_text)
{
    char bytes[2048];
    for (size_t k = 0; k < sizeof bytes; k++)
        bytes[k] = (char)(k < 100 ? 'a' : 0x80 | (k & 0x7F)); /* invalid from 100 */
    bytes[1500] = '\0';
    const char *in = tmp_path("binary.txt");
    const char *want[2] = {"NUL", "UTF-8"};
    for (int pass = 0; pass < 2; pass++) {
        write_file(in, bytes, sizeof bytes);
        calls c = {0};
        ws_run_options o = options(2, WS_OUTPUT_JSONL, &c);
        ws_status st;
        ws_stats s;
        ws_error e = {0};
        st = ws_run(&in, 1, tmp_path("binary.out"), &o, &s, &e);
        CHECK_EQ_INT(st, WS_ERR_NOT_TEXT);
        CHECK_EQ_INT(e.position, pass == 0 ? 1500 : 100);
        CHECK(e.message && strstr(e.message, want[pass]) != NULL);
        CHECK_EQ_INT(s.failed_by[WS_ERR_NOT_TEXT], 1);
        CHECK_EQ_INT(c.first_code, WS_ERR_NOT_TEXT);
        CHECK(invariant(&s));
        CHECK_EQ_INT(s.bytes_out, 0);
        bytes[1500] = 'x';
    }
    const char *jsonl = tmp_path("nul.jsonl");
    static const char line[] = "{\"id\":\"n\",\"text\":\"a \\u0000 b\"}\n";
    write_file(jsonl, line, sizeof line - 1);
    calls c = {0};
    ws_run_options o = options(1, WS_OUTPUT_JSONL, &c);
    ws_stats s;
    CHECK_EQ_INT(ws_run(&jsonl, 1, tmp_path("nul.out"), &o, &s, NULL), WS_OK);
    CHECK_EQ_INT(s.documents_processed, 1);
}

/* The plain, .gz and .zst outputs of the same run hold the same bytes. */
static char *gunzip(const char *z, size_t n, size_t *len)
{
    membuf m = {0};
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, 15 + 16) != Z_OK)
        return NULL;
    s.next_in = (Bytef *)(uintptr_t)z;
    s.avail_in = (uInt)n;
    char buf[65536];
    int rc;
    do {
        s.next_out = (Bytef *)buf;
        s.avail_out = sizeof buf;
        rc = inflate(&s, Z_NO_FLUSH);
        membuf_write(&m, buf, sizeof buf - s.avail_out);
    } while (rc == Z_OK);
    inflateEnd(&s);
    *len = m.len;
    if (rc != Z_STREAM_END || s.avail_in != 0) {
        free(m.data);
        return NULL;
    }
    return m.data ? m.data : calloc(1, 1);
}

static char *unzstd(const char *z, size_t n, size_t *len)
{
    membuf m = {0};
    ZSTD_DStream *d = ZSTD_createDStream();
    ZSTD_inBuffer in = {z, n, 0};
    char buf[65536];
    size_t rc = 1;
    while (in.pos < in.size) {
        ZSTD_outBuffer out = {buf, sizeof buf, 0};
        rc = ZSTD_decompressStream(d, &out, &in);
        if (ZSTD_isError(rc))
            break;
        membuf_write(&m, buf, out.pos);
    }
    ZSTD_freeDStream(d);
    *len = m.len;
    if (rc != 0) {
        free(m.data);
        return NULL;
    }
    return m.data ? m.data : calloc(1, 1);
}

TEST(compressed_outputs)
{
    const char *in = tmp_path("z.jsonl");
    write_many_documents(in, 2000, false);
    calls c = {0};
    ws_run_options o = options(2, WS_OUTPUT_JSONL, &c);
    ws_status st;
    ws_stats s;
    size_t plain_len, gz_len, zst_len, len;
    char *plain = run_one(in, "z.out", &o, &st, &s, &plain_len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK(plain_len > 100000);
    char *gz = run_one(in, "z.out.gz", &o, &st, &s, &gz_len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK_EQ_INT(s.bytes_out, plain_len); /* counted before compression */
    CHECK(gz && gz_len < plain_len / 4);
    char *back = gz ? gunzip(gz, gz_len, &len) : NULL;
    CHECK(back != NULL);
    if (back)
        CHECK_EQ_STR(back, len, plain, plain_len);
    free(back);
    char *zst = run_one(in, "z.out.ZST", &o, &st, &s, &zst_len);
    CHECK_EQ_INT(st, WS_OK);
    CHECK(zst && zst_len < plain_len / 4);
    back = zst ? unzstd(zst, zst_len, &len) : NULL;
    CHECK(back != NULL);
    if (back)
        CHECK_EQ_STR(back, len, plain, plain_len);
    free(back);
    free(plain);
    free(gz);
    free(zst);
}

/* --text-only: paragraphs one a line, blank lines dropped inside a
 * document, one blank line between documents; empty documents write
 * nothing. */
TEST(text_output)
{
    const char *in = tmp_path("t.jsonl");
    static const char lines[] =
        "{\"id\":1,\"text\":\"First para.\\r\\n\\n\\nSecond para.\\n\"}\n"
        "{\"id\":2,\"text\":\"  \\n\"}\n"
        "{\"id\":3,\"text\":\"Third.\"}\n";
    write_file(in, lines, sizeof lines - 1);
    calls c = {0};
    ws_run_options o = options(2, WS_OUTPUT_TEXT, &c);
    ws_status st;
    ws_stats s;
    size_t len;
    char *out = run_one(in, "t.out", &o, &st, &s, &len);
    CHECK_EQ_INT(st, WS_OK);
    static const char want[] = "First para.\nSecond para.\n\nThird.\n";
    CHECK_EQ_STR(out, len, want, sizeof want - 1);
    CHECK_EQ_INT(s.bytes_out, len);
    CHECK_EQ_INT(s.documents_processed, 3);
    free(out);
}

/* --emit-text: every field, null when absent; doc names FILE:LINE for a
 * JSONL line with no id, and the file name for text. */
TEST(document_output)
{
    const char *in = tmp_path("d.jsonl");
    static const char lines[] = "{\"text\":\"A \\\"b\\\"\\n\"}\n";
    write_file(in, lines, sizeof lines - 1);
    calls c = {0};
    ws_run_options o = options(1, WS_OUTPUT_DOCS, &c);
    ws_status st;
    ws_stats s;
    size_t len;
    char *out = run_one(in, "d.out", &o, &st, &s, &len);
    char want[512];
    int n = snprintf(want, sizeof want,
                     "{\"doc\":\"%s:1\",\"url\":null,\"date\":null,\"title\":null,"
                     "\"byline\":null,\"site\":null,\"lang\":null,"
                     "\"warc_record_id\":null,\"warc_filename\":null,"
                     "\"warc_record_offset\":null,\"warc_record_length\":null,"
                     "\"text\":\"A \\\"b\\\"\\n\"}\n", in);
    CHECK_EQ_STR(out, len, want, (size_t)n);
    free(out);

    const char *txt = tmp_path("d.txt");
    write_file(txt, "Plain.", 6);
    o.output = WS_OUTPUT_JSONL;
    out = run_one(txt, "d2.out", &o, &st, &s, &len);
    CHECK_EQ_INT(len, 0); /* no quotation */
    CHECK_EQ_INT(s.documents_processed, 1);
    CHECK_EQ_INT(s.bytes_text, 6);
    free(out);
}

/* ws_document_write_jsonl adds the provenance of a WARC document. */
static int to_membuf(void *ctx, const char *data, size_t len)
{
    return membuf_write(ctx, data, len);
}

TEST(provenance_fields)
{
    static const char text[] = "\"Yes,\" he said.";
    ws_quote q = {WS_QUOTE_DIRECT, {1, 5}, {WS_NO_OFFSET, WS_NO_OFFSET},
                  {7, 9}, {10, 14}, "r"};
    q.speaker = q.mention;
    ws_document d;
    memset(&d, 0, sizeof d);
    d.id = "<urn:uuid:1>";
    d.id_len = strlen(d.id);
    d.url = (ws_str){"http://x.test/a", 15};
    d.date = (ws_str){"2024-01-02T03:04:05Z", 20};
    d.record_offset = 1234;
    d.record_length = 567;
    membuf m = {0};
    ws_error e = {0};
    CHECK_EQ_INT(ws_document_write_jsonl(&d, "crawl.warc.gz", text, sizeof text - 1,
                                         &q, 1, to_membuf, &m, &e), WS_OK);
    static const char want[] =
        "{\"doc\":\"<urn:uuid:1>\",\"type\":\"direct\",\"start\":1,\"end\":5,"
        "\"quote\":\"Yes,\",\"speaker\":\"he\",\"speaker_start\":7,\"speaker_end\":9,"
        "\"cue\":\"said\",\"cue_start\":10,\"cue_end\":14,\"rule\":\"r\","
        "\"url\":\"http://x.test/a\",\"date\":\"2024-01-02T03:04:05Z\","
        "\"warc_record_id\":\"<urn:uuid:1>\",\"warc_filename\":\"crawl.warc.gz\","
        "\"warc_record_offset\":1234,\"warc_record_length\":567}\n";
    CHECK_EQ_STR(m.data, m.len, want, sizeof want - 1);

    /* Not from a WARC: the same as ws_quotes_write_jsonl. */
    membuf plain = {0};
    m.len = 0;
    d.record_length = 0;
    d.url.ptr = d.date.ptr = NULL;
    d.url.len = d.date.len = 0;
    CHECK_EQ_INT(ws_document_write_jsonl(&d, "f", text, sizeof text - 1, &q, 1,
                                         to_membuf, &m, &e), WS_OK);
    CHECK_EQ_INT(ws_quotes_write_jsonl(text, sizeof text - 1, d.id, d.id_len, &q, 1,
                                       to_membuf, &plain, &e), WS_OK);
    CHECK_EQ_STR(m.data, m.len, plain.data, plain.len);
    CHECK_EQ_INT(ws_document_write_jsonl(NULL, "f", text, 1, &q, 0, to_membuf, &m, &e),
                 WS_ERR_INVALID_ARG);
    free(m.data);
    free(plain.data);
}

/* The format comes from --in, else the name, else the first bytes. */
TEST(format_detection)
{
    static const char jsonl[] = "\xEF\xBB\xBF {\"id\":\"x\",\"text\":\"\\\"Hi,\\\" Ann said.\"}\n";
    const char *in = tmp_path("noext");
    write_file(in, jsonl, sizeof jsonl - 1);
    calls c = {0};
    ws_run_options o = options(1, WS_OUTPUT_DOCS, &c);
    ws_status st;
    ws_stats s;
    size_t len;
    char *out = run_one(in, "f1.out", &o, &st, &s, &len);
    CHECK(out && strncmp(out, "{\"doc\":\"x\"", 10) == 0); /* sniffed: JSONL */
    free(out);
    o.input = WS_INPUT_TEXT;
    out = run_one(in, "f2.out", &o, &st, &s, &len);
    CHECK_EQ_INT(s.bytes_text, sizeof jsonl - 1); /* told: text */
    free(out);

    static const char page[] = "  <!doctype html><p>\"Hi,\" Ann said.</p>";
    in = tmp_path("page-noext");
    write_file(in, page, sizeof page - 1);
    o.input = 0;
    out = run_one(in, "f3.out", &o, &st, &s, &len);
    CHECK_EQ_INT(s.documents_read, 1);
    CHECK(s.bytes_text < sizeof page - 1); /* not read as text */
    CHECK(invariant(&s));
    free(out);

    ws_reader *warc = ws_reader_new(WS_INPUT_WARC, NULL);
    if (!warc) { /* until the WARC reader lands: a clear error */
        in = tmp_path("x.warc");
        write_file(in, "WARC/1.0\r\n", 10);
        memset(&c, 0, sizeof c);
        out = run_one(in, "f4.out", &o, &st, &s, &len);
        CHECK_EQ_INT(st, WS_ERR_INVALID_ARG);
        CHECK_EQ_INT(c.input_failures, 1);
        CHECK_EQ_INT(s.documents_read, 0);
        free(out);
    }
    ws_reader_free(warc);
}

/* The run's own errors: bad options, an output that cannot be made. */
TEST(run_errors)
{
    const char *in = tmp_path("e.jsonl");
    write_many_documents(in, 3, false);
    ws_run_options o;
    ws_run_options_init(&o);
    ws_stats s;
    ws_error e = {0};
    o.output = (ws_output_format)9;
    CHECK_EQ_INT(ws_run(&in, 1, tmp_path("e.out"), &o, &s, &e), WS_ERR_INVALID_ARG);
    ws_run_options_init(&o);
    o.extract.types = 64;
    CHECK_EQ_INT(ws_run(&in, 1, tmp_path("e.out"), &o, &s, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_run(NULL, 1, tmp_path("e.out"), NULL, &s, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_run(&in, 1, tmp_path("no/such/dir/e.out"), NULL, &s, &e), WS_ERR_IO);
    CHECK(e.message && strstr(e.message, "output") != NULL);
    CHECK_EQ_INT(s.documents_read, 0);
    /* Defaults (opts NULL, one thread per core), no stats wanted. */
    CHECK_EQ_INT(ws_run(&in, 1, tmp_path("e.out"), NULL, NULL, NULL), WS_OK);
    size_t len, lines = 0;
    char *out = read_file(tmp_path("e.out"), &len);
    CHECK(out && valid_jsonl(out, len, &lines) && lines == 3);
    free(out);
    /* No input: an empty output. */
    CHECK_EQ_INT(ws_run(NULL, 0, tmp_path("e.out"), NULL, &s, &e), WS_OK);
    out = read_file(tmp_path("e.out"), &len);
    CHECK_EQ_INT(len, 0);
    free(out);
}

/* A progress callback sees the figures grow and changes nothing. Whether
 * it is called at all depends on time, so only what it sees is checked. */
typedef struct progress {
    size_t calls;
    uint64_t last_read;
    bool went_back;
} progress;

static void on_progress(void *ctx, const ws_stats *s)
{
    progress *p = ctx;
    p->calls++;
    if (s->documents_read < p->last_read)
        p->went_back = true;
    p->last_read = s->documents_read;
}

TEST(progress_changes_nothing)
{
    const char *in = tmp_path("p.jsonl");
    write_many_documents(in, 1500, true);
    calls c = {0};
    ws_run_options o = options(2, WS_OUTPUT_JSONL, &c);
    ws_status st;
    ws_stats s;
    size_t len_a, len_b;
    char *a = run_one(in, "p1.out", &o, &st, &s, &len_a);
    progress p = {0};
    o.on_progress = on_progress;
    o.ctx = &p; /* on_failure gets it too: it counts nothing here */
    o.on_failure = NULL;
    char *b = run_one(in, "p2.out", &o, &st, &s, &len_b);
    CHECK_EQ_STR(b, len_b, a, len_a);
    CHECK(!p.went_back);
    CHECK(p.last_read <= s.documents_read);
    free(a);
    free(b);
}

static void remove_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("could not remove %s\n", tmpdir);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_run.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        printf("cannot make a temporary directory\n");
        return 2;
    }
    RUN_TEST(order_kept_across_threads);
    RUN_TEST(same_output_for_any_thread_count);
    RUN_TEST(stats_invariant_with_failures);
    RUN_TEST(replacements_counted);
    RUN_TEST(output_valid_whatever_the_input);
    RUN_TEST(binary_text_is_not_text);
    RUN_TEST(compressed_outputs);
    RUN_TEST(text_output);
    RUN_TEST(document_output);
    RUN_TEST(provenance_fields);
    RUN_TEST(format_detection);
    RUN_TEST(run_errors);
    RUN_TEST(progress_changes_nothing);
    remove_tmpdir();
    return test_summary();
}
