/*
 * Shared checks for the libFuzzer harnesses (fuzz/fuzz_*.c).
 *
 * Every check that fails prints one line naming what was violated and
 * then traps (__builtin_trap), so libFuzzer records a crash and keeps the
 * input. Harness code only: the static state here (none beyond the
 * growable buffers passed in) never goes near the library.
 */
#ifndef WS_FUZZ_COMMON_H
#define WS_FUZZ_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid.h"

#if defined(__GNUC__) || defined(__clang__)
#define FZ_UNUSED __attribute__((unused))
#define FZ_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FZ_UNUSED
#define FZ_PRINTF(a, b)
#endif

/* ---- failing -------------------------------------------------------- */

static FZ_UNUSED FZ_PRINTF(1, 2) void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("\n*** whosaid fuzz invariant violated: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    __builtin_trap();
}

#define FZ_CHECK(cond, ...)          \
    do {                             \
        if (!(cond))                 \
            fz_fail(__VA_ARGS__);    \
    } while (0)

/* ---- a growable byte buffer ------------------------------------------ */

typedef struct fz_buf {
    unsigned char *data;
    size_t len, cap;
} fz_buf;

static FZ_UNUSED void fz_buf_append(fz_buf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->len < n)
            cap *= 2;
        unsigned char *d = realloc(b->data, cap);
        if (!d)
            abort();
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static FZ_UNUSED void fz_buf_free(fz_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* The ws_write_fn: collect everything written. */
static FZ_UNUSED int fz_sink(void *ctx, const char *data, size_t len)
{
    FZ_CHECK(data != NULL || len == 0, "write callback given NULL data");
    fz_buf_append((fz_buf *)ctx, data, len);
    return 0;
}

/* ---- a small deterministic generator for chunk sizes ---------------- */

static FZ_UNUSED uint64_t fz_rand(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static FZ_UNUSED uint64_t fz_hash(const uint8_t *d, size_t n)
{
    uint64_t h = 0xCBF29CE484222325u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ d[i]) * 0x100000001B3u;
    return h;
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF. Returns the offset of the first bad byte, or n. */
static FZ_UNUSED size_t fz_utf8_invalid_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        uint32_t v, min;
        if (c >= 0xC2 && c <= 0xDF) {
            k = 2; v = c & 0x1F; min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 3; v = c & 0x0F; min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 4; v = c & 0x07; min = 0x10000;
        } else {
            return i;
        }
        if (n - i < k)
            return i;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
            v = (v << 6) | (s[i + j] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return i;
        i += k;
    }
    return n;
}

/* ---- spans and records ------------------------------------------------ */

static FZ_UNUSED bool fz_span_absent(ws_span sp)
{
    return sp.start == WS_NO_OFFSET && sp.end == WS_NO_OFFSET;
}

static FZ_UNUSED void fz_check_span(const char *what, size_t k, ws_span sp,
                                    size_t len, bool may_be_absent)
{
    if (may_be_absent && fz_span_absent(sp))
        return;
    FZ_CHECK(sp.start != WS_NO_OFFSET && sp.end != WS_NO_OFFSET,
             "record %zu: %s span half absent or absent where it may not be "
             "(start=%zu end=%zu, len=%zu)", k, what, sp.start, sp.end, len);
    FZ_CHECK(sp.start <= sp.end,
             "record %zu: %s span reversed (start=%zu end=%zu)", k, what,
             sp.start, sp.end);
    FZ_CHECK(sp.end <= len,
             "record %zu: %s span past the input (start=%zu end=%zu, len=%zu)",
             k, what, sp.start, sp.end, len);
}

/* Every record of one ws_extract: spans within text[0..len), a known
 * type, a rule, records sorted by start (whosaid.h). */
static FZ_UNUSED void fz_check_quotes(const ws_quote *q, size_t count,
                                      size_t len)
{
    FZ_CHECK(q != NULL, "ws_extract returned WS_OK with *quotes == NULL");
    for (size_t k = 0; k < count; k++) {
        FZ_CHECK(q[k].type == WS_QUOTE_DIRECT || q[k].type == WS_QUOTE_INDIRECT,
                 "record %zu: unknown type %d", k, (int)q[k].type);
        fz_check_span("content", k, q[k].content, len, false);
        fz_check_span("speaker", k, q[k].speaker, len, true);
        fz_check_span("mention", k, q[k].mention, len, true);
        fz_check_span("cue", k, q[k].cue, len, true);
        FZ_CHECK(q[k].rule != NULL && q[k].rule[0] != '\0',
                 "record %zu: no rule", k);
        if (k > 0)
            FZ_CHECK(q[k - 1].content.start <= q[k].content.start,
                     "records %zu and %zu not sorted by start (%zu > %zu)",
                     k - 1, k, q[k - 1].content.start, q[k].content.start);
    }
}

/* ---- JSON ----------------------------------------------------------- */

/* A strict RFC 8259 validator over one line, which holds no '\n'. It
 * records the raw text of the top-level members' keys and values so that
 * the caller can compare them with the records. */
#define FZ_MAX_MEMBERS 16

typedef struct fz_json {
    const unsigned char *s;
    size_t n, i;
    const char *error;
    size_t error_at;
    size_t nmembers;
    struct {
        const unsigned char *key; /* inside the quotes */
        size_t key_len;
        const unsigned char *val; /* raw value text */
        size_t val_len;
    } m[FZ_MAX_MEMBERS];
} fz_json;

static bool fz_json_value(fz_json *j, int depth);

static bool fz_json_err(fz_json *j, const char *msg)
{
    if (!j->error) {
        j->error = msg;
        j->error_at = j->i;
    }
    return false;
}

static void fz_json_ws(fz_json *j)
{
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
                           j->s[j->i] == '\r'))
        j->i++;
}

static int fz_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long fz_json_u4(fz_json *j)
{
    if (j->n - j->i < 4)
        return -1;
    long v = 0;
    for (int k = 0; k < 4; k++) {
        int h = fz_hex(j->s[j->i + (size_t)k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    j->i += 4;
    return v;
}

static bool fz_json_string(fz_json *j)
{
    j->i++; /* the opening quote */
    for (;;) {
        if (j->i >= j->n)
            return fz_json_err(j, "unterminated string");
        unsigned char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return true;
        }
        if (c < 0x20)
            return fz_json_err(j, "raw control byte in a string");
        if (c != '\\') {
            j->i++;
            continue;
        }
        j->i++;
        if (j->i >= j->n)
            return fz_json_err(j, "unterminated escape");
        c = j->s[j->i++];
        if (strchr("\"\\/bfnrt", c) && c != '\0')
            continue;
        if (c != 'u')
            return fz_json_err(j, "invalid escape");
        long u = fz_json_u4(j);
        if (u < 0)
            return fz_json_err(j, "invalid \\u escape");
        if (u >= 0xDC00 && u <= 0xDFFF)
            return fz_json_err(j, "lone low surrogate escape");
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (j->n - j->i < 2 || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u')
                return fz_json_err(j, "lone high surrogate escape");
            j->i += 2;
            long lo = fz_json_u4(j);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return fz_json_err(j, "high surrogate escape without low");
        }
    }
}

static bool fz_json_digits(fz_json *j)
{
    size_t at = j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i > at;
}

static bool fz_json_number(fz_json *j)
{
    if (j->s[j->i] == '-')
        j->i++;
    if (j->i < j->n && j->s[j->i] == '0')
        j->i++;
    else if (!fz_json_digits(j))
        return fz_json_err(j, "invalid number");
    if (j->i < j->n && j->s[j->i] == '.') {
        j->i++;
        if (!fz_json_digits(j))
            return fz_json_err(j, "invalid fraction");
    }
    if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
        j->i++;
        if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
            j->i++;
        if (!fz_json_digits(j))
            return fz_json_err(j, "invalid exponent");
    }
    return true;
}

static bool fz_json_literal(fz_json *j, const char *w)
{
    size_t n = strlen(w);
    if (j->n - j->i < n || memcmp(j->s + j->i, w, n) != 0)
        return fz_json_err(j, "invalid literal");
    j->i += n;
    return true;
}

static bool fz_json_container(fz_json *j, int depth, bool object)
{
    char close = object ? '}' : ']';
    j->i++;
    fz_json_ws(j);
    if (j->i < j->n && j->s[j->i] == (unsigned char)close) {
        j->i++;
        return true;
    }
    for (;;) {
        const unsigned char *key = NULL;
        size_t key_len = 0;
        if (object) {
            if (j->i >= j->n || j->s[j->i] != '"')
                return fz_json_err(j, "expected a key");
            size_t at = j->i;
            if (!fz_json_string(j))
                return false;
            key = j->s + at + 1;
            key_len = j->i - at - 2;
            fz_json_ws(j);
            if (j->i >= j->n || j->s[j->i] != ':')
                return fz_json_err(j, "expected ':'");
            j->i++;
            fz_json_ws(j);
        }
        size_t vat = j->i;
        if (!fz_json_value(j, depth + 1))
            return false;
        if (object && depth == 0) {
            if (j->nmembers >= FZ_MAX_MEMBERS)
                return fz_json_err(j, "too many members");
            j->m[j->nmembers].key = key;
            j->m[j->nmembers].key_len = key_len;
            j->m[j->nmembers].val = j->s + vat;
            j->m[j->nmembers].val_len = j->i - vat;
            j->nmembers++;
        }
        fz_json_ws(j);
        if (j->i >= j->n)
            return fz_json_err(j, "unterminated container");
        unsigned char c = j->s[j->i++];
        if (c == (unsigned char)close)
            return true;
        if (c != ',')
            return fz_json_err(j, "expected ',' or a close");
        fz_json_ws(j);
    }
}

static bool fz_json_value(fz_json *j, int depth)
{
    if (depth > 64)
        return fz_json_err(j, "too deep");
    if (j->i >= j->n)
        return fz_json_err(j, "expected a value");
    switch (j->s[j->i]) {
    case '{': return fz_json_container(j, depth, true);
    case '[': return fz_json_container(j, depth, false);
    case '"': return fz_json_string(j);
    case 't': return fz_json_literal(j, "true");
    case 'f': return fz_json_literal(j, "false");
    case 'n': return fz_json_literal(j, "null");
    default: break;
    }
    if (j->s[j->i] == '-' || (j->s[j->i] >= '0' && j->s[j->i] <= '9'))
        return fz_json_number(j);
    return fz_json_err(j, "expected a value");
}

/* ---- the JSONL output of ws_quotes_write_jsonl ----------------------- */

static bool fz_raw_is(const unsigned char *p, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(p, lit, n) == 0;
}

/* The raw member value must be the decimal v, or null when the span is
 * absent. */
static void fz_check_offset(size_t line, const fz_json *j, size_t m,
                            ws_span sp, bool end)
{
    const unsigned char *p = j->m[m].val;
    size_t n = j->m[m].val_len;
    if (fz_span_absent(sp)) {
        FZ_CHECK(fz_raw_is(p, n, "null"), "line %zu: member %.*s should be null",
                 line, (int)j->m[m].key_len, (const char *)j->m[m].key);
        return;
    }
    char want[32];
    snprintf(want, sizeof want, "%zu", end ? sp.end : sp.start);
    FZ_CHECK(fz_raw_is(p, n, want), "line %zu: member %.*s is %.*s, want %s",
             line, (int)j->m[m].key_len, (const char *)j->m[m].key, (int)n,
             (const char *)p, want);
}

/* out[0..n) is what ws_quotes_write_jsonl wrote for the records q[0..count):
 * valid UTF-8; exactly count lines, each ending in '\n'; no raw control
 * byte but those '\n'; every line one JSON object with the documented
 * fields, in order, whose offsets and type are those of its record. */
static FZ_UNUSED void fz_check_jsonl(const unsigned char *out, size_t n,
                                     const ws_quote *q, size_t count)
{
    static const char *const keys[] = {
        "doc", "type", "start", "end", "quote", "speaker", "speaker_start",
        "speaker_end", "cue", "cue_start", "cue_end", "rule"};
    size_t bad = fz_utf8_invalid_at(out, n);
    FZ_CHECK(bad == n, "output is not valid UTF-8 at byte %zu of %zu", bad, n);
    FZ_CHECK(count == 0 || (n > 0 && out[n - 1] == '\n'),
             "output does not end with a newline (%zu bytes, %zu records)", n,
             count);
    size_t line = 0, at = 0;
    while (at < n) {
        const unsigned char *nl = memchr(out + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - out) : n;
        FZ_CHECK(line < count, "more output lines than the %zu records", count);
        const unsigned char *s = out + at;
        size_t len = end - at;
        for (size_t k = 0; k < len; k++)
            FZ_CHECK(s[k] >= 0x20, "line %zu: raw control byte 0x%02x at %zu",
                     line, s[k], k);
        FZ_CHECK(len >= 2 && s[0] == '{' && s[len - 1] == '}',
                 "line %zu does not start with '{' and end with '}'", line);
        fz_json j;
        memset(&j, 0, sizeof j);
        j.s = s;
        j.n = len;
        bool ok = fz_json_value(&j, 0);
        FZ_CHECK(ok, "line %zu: invalid JSON (%s at %zu)", line,
                 j.error ? j.error : "?", j.error_at);
        FZ_CHECK(j.i == len, "line %zu: trailing bytes after the object", line);
        FZ_CHECK(j.nmembers == sizeof keys / sizeof keys[0],
                 "line %zu: %zu members, want %zu", line, j.nmembers,
                 sizeof keys / sizeof keys[0]);
        for (size_t m = 0; m < j.nmembers; m++)
            FZ_CHECK(fz_raw_is(j.m[m].key, j.m[m].key_len, keys[m]),
                     "line %zu: member %zu is \"%.*s\", want \"%s\"", line, m,
                     (int)j.m[m].key_len, (const char *)j.m[m].key, keys[m]);
        const ws_quote *r = &q[line];
        FZ_CHECK(fz_raw_is(j.m[1].val, j.m[1].val_len,
                           r->type == WS_QUOTE_DIRECT ? "\"direct\"" : "\"indirect\""),
                 "line %zu: wrong type", line);
        fz_check_offset(line, &j, 2, r->content, false);
        fz_check_offset(line, &j, 3, r->content, true);
        fz_check_offset(line, &j, 6, r->mention, false);
        fz_check_offset(line, &j, 7, r->mention, true);
        fz_check_offset(line, &j, 9, r->cue, false);
        fz_check_offset(line, &j, 10, r->cue, true);
        FZ_CHECK(j.m[4].val[0] == '"', "line %zu: quote is not a string", line);
        FZ_CHECK(fz_span_absent(r->speaker) ? fz_raw_is(j.m[5].val, j.m[5].val_len, "null")
                                            : j.m[5].val[0] == '"',
                 "line %zu: speaker neither string nor null as its span says", line);
        FZ_CHECK(fz_span_absent(r->cue) ? fz_raw_is(j.m[8].val, j.m[8].val_len, "null")
                                        : j.m[8].val[0] == '"',
                 "line %zu: cue neither string nor null as its span says", line);
        line++;
        at = end + 1;
    }
    FZ_CHECK(line == count, "%zu output lines for %zu records", line, count);
}

/* ws_extract, then the writer, with every check above. */
static FZ_UNUSED void fz_extract_and_write(ws_extractor *x, const char *text,
                                           size_t len, const char *doc,
                                           size_t doc_len, fz_buf *out)
{
    const ws_quote *q = NULL;
    size_t count = (size_t)-1;
    ws_error err;
    memset(&err, 0, sizeof err);
    ws_status st = ws_extract(x, text, len, &q, &count, &err);
    FZ_CHECK(st == WS_OK, "ws_extract failed on %zu bytes: %s (%s, position %zu)",
             len, ws_status_name(st), err.message ? err.message : "no message",
             err.position);
    fz_check_quotes(q, count, len);
    out->len = 0;
    memset(&err, 0, sizeof err);
    st = ws_quotes_write_jsonl(text, len, doc, doc_len, q, count, fz_sink, out, &err);
    FZ_CHECK(st == WS_OK, "ws_quotes_write_jsonl failed: %s (%s, position %zu)",
             ws_status_name(st), err.message ? err.message : "no message",
             err.position);
    fz_check_jsonl(out->data, out->len, q, count);
}

/* ---- feeding a ws_reader two ways (fuzz_jsonl, fuzz_warc) ------------ */

/* The harness's record of one ws_reader_next result other than
 * WS_NEED_INPUT and WS_DONE; ctx is its pass. */
typedef void (*fz_event_fn)(void *ctx, ws_status st, const ws_document *doc,
                            const ws_error *err);

/* Events are serialized into a buffer so that two passes compare with
 * memcmp. */
static FZ_UNUSED void fz_put_size(fz_buf *b, size_t v)
{
    fz_buf_append(b, &v, sizeof v);
}

static FZ_UNUSED void fz_put_bytes(fz_buf *b, const char *p, size_t n)
{
    FZ_CHECK(p != NULL || n == 0, "NULL string with length %zu", n);
    fz_put_size(b, n);
    fz_buf_append(b, p, n);
}

/* ws_reader_feed of d[0..n), which must return WS_OK; name is the pass's,
 * for the report. */
static FZ_UNUSED void fz_feed(const char *name, ws_reader *r, const uint8_t *d,
                              size_t n)
{
    char *piece = malloc(n ? n : 1); /* its own block: ASan sees overreads */
    if (!piece)
        abort();
    if (n)
        memcpy(piece, d, n);
    ws_error err;
    memset(&err, 0, sizeof err);
    ws_status st = ws_reader_feed(r, piece, n, &err);
    free(piece);
    FZ_CHECK(st == WS_OK, "%s: ws_reader_feed(%zu bytes) returned %s", name, n,
             ws_status_name(st));
}

/* ws_reader_next until WS_NEED_INPUT (or WS_DONE once finished, which must
 * then stay), every other result to on_event. */
static FZ_UNUSED void fz_drain(const char *name, ws_reader *r, bool finished,
                               fz_event_fn on_event, void *ctx)
{
    for (;;) {
        ws_document doc;
        ws_error err;
        memset(&doc, 0, sizeof doc);
        memset(&err, 0, sizeof err);
        ws_status st = ws_reader_next(r, &doc, &err);
        if (st == WS_NEED_INPUT) {
            FZ_CHECK(!finished, "%s: WS_NEED_INPUT after ws_reader_finish", name);
            return;
        }
        if (st == WS_DONE) {
            FZ_CHECK(finished, "%s: WS_DONE before ws_reader_finish", name);
            st = ws_reader_next(r, &doc, &err);
            FZ_CHECK(st == WS_DONE, "%s: %s after WS_DONE", name, ws_status_name(st));
            return;
        }
        on_event(ctx, st, &doc, &err);
    }
}

/* The events of the whole and the split pass (serialized, and counted)
 * must be the same; if not, fail naming the first byte where they part. */
static FZ_UNUSED void fz_check_same_events(const fz_buf *whole, size_t whole_count,
                                           const fz_buf *split, size_t split_count)
{
    if (whole->len == split->len && whole_count == split_count &&
        (whole->len == 0 || memcmp(whole->data, split->data, whole->len) == 0))
        return;
    size_t n = whole->len < split->len ? whole->len : split->len;
    size_t k = 0;
    while (k < n && whole->data[k] == split->data[k])
        k++;
    fz_fail("whole and split feeding differ: %zu vs %zu events, %zu vs %zu "
            "serialized bytes, first difference at serialized byte %zu",
            whole_count, split_count, whole->len, split->len, k);
}

#endif
