/*
 * Output: one JSON object per quotation, one per line.
 *
 * Lines are built in a buffer on the stack and handed to the caller's
 * write function whenever it fills and at the end, so writing allocates
 * nothing and calls back once per buffer rather than once per field.
 * Strings are copied in runs: only the bytes that JSON or UTF-8 validity
 * require to change break a run.
 */
#include "internal.h"

/* ===================================================================== */
/*  The output buffer                                                    */
/* ===================================================================== */

#define OUT_CAP 16384

typedef struct out {
    ws_write_fn write;
    void *ctx;
    bool failed; /* the write function reported failure: stop */
    size_t len;
    char buf[OUT_CAP];
} out;

static void out_flush(out *o)
{
    if (o->len && !o->failed && o->write(o->ctx, o->buf, o->len) != 0)
        o->failed = true;
    o->len = 0;
}

static void out_bytes(out *o, const char *s, size_t n)
{
    while (n > OUT_CAP - o->len) {
        size_t k = OUT_CAP - o->len;
        memcpy(o->buf + o->len, s, k);
        o->len += k;
        s += k;
        n -= k;
        out_flush(o);
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

#define OUT_LITERAL(o, lit) out_bytes((o), (lit), sizeof(lit) - 1)

static void out_size(out *o, size_t v)
{
    char digits[24];
    size_t k = sizeof digits;
    do {
        digits[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_bytes(o, digits + k, sizeof digits - k);
}

/* ===================================================================== */
/*  JSON strings                                                         */
/* ===================================================================== */

static bool is_plain_ascii(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Eight bytes at a time while none is a control byte, a quote, a
 * backslash or non-ASCII; the tests are the usual "has a byte below /
 * equal to" bit tricks, exact about whether such a byte is present. */
static size_t skip_plain_ascii(const unsigned char *s, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
        uint64_t special = ((w - ones * 0x20) & ~w) |
                           ((quote - ones) & ~quote) |
                           ((slash - ones) & ~slash) | w;
        if (special & highs)
            break;
        i += 8;
    }
    while (i < n && is_plain_ascii(s[i]))
        i++;
    return i;
}

static void out_escape_byte(out *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': OUT_LITERAL(o, "\\\""); return;
    case '\\': OUT_LITERAL(o, "\\\\"); return;
    case '\n': OUT_LITERAL(o, "\\n"); return;
    case '\t': OUT_LITERAL(o, "\\t"); return;
    case '\r': OUT_LITERAL(o, "\\r"); return;
    case '\b': OUT_LITERAL(o, "\\b"); return;
    case '\f': OUT_LITERAL(o, "\\f"); return;
    default: break;
    }
    char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    out_bytes(o, e, sizeof e);
}

/* A non-ASCII character that cannot be copied as it is: an invalid byte
 * becomes U+FFFD (one per byte, so the output is UTF-8 whatever the
 * input); U+2028 and U+2029 are escaped because JavaScript string
 * literals cannot hold them raw. */
static void out_replacement(out *o, size_t k, int32_t cp)
{
    if (k == 1)
        OUT_LITERAL(o, "\xEF\xBF\xBD");
    else if (cp == 0x2028)
        OUT_LITERAL(o, "\\u2028");
    else
        OUT_LITERAL(o, "\\u2029");
}

static void out_string(out *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    OUT_LITERAL(o, "\"");
    size_t run = 0, i = 0;
    for (;;) {
        i = skip_plain_ascii(u, i, n);
        if (i == n)
            break;
        if (u[i] < 0x80) {
            out_bytes(o, s + run, i - run);
            out_escape_byte(o, u[i]);
            run = ++i;
            continue;
        }
        int32_t cp;
        size_t k = ws_utf8_decode(s, n, i, &cp);
        if (k == 1 || cp == 0x2028 || cp == 0x2029) {
            out_bytes(o, s + run, i - run);
            out_replacement(o, k, cp);
            run = i + k;
        }
        i += k;
    }
    out_bytes(o, s + run, n - run);
    OUT_LITERAL(o, "\"");
}

static bool span_absent(ws_span sp)
{
    return sp.start == WS_NO_OFFSET;
}

static void out_span_text(out *o, const char *text, ws_span sp)
{
    if (span_absent(sp))
        OUT_LITERAL(o, "null");
    else
        out_string(o, text + sp.start, sp.end - sp.start);
}

static void out_offset(out *o, ws_span sp, size_t v)
{
    if (span_absent(sp))
        OUT_LITERAL(o, "null");
    else
        out_size(o, v);
}

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

static void out_record(out *o, const char *text, const char *doc,
                       size_t doc_len, const ws_quote *q)
{
    OUT_LITERAL(o, "{\"doc\":");
    if (doc)
        out_string(o, doc, doc_len);
    else
        OUT_LITERAL(o, "null");
    if (q->type == WS_QUOTE_DIRECT)
        OUT_LITERAL(o, ",\"type\":\"direct\",\"start\":");
    else
        OUT_LITERAL(o, ",\"type\":\"indirect\",\"start\":");
    out_size(o, q->content.start);
    OUT_LITERAL(o, ",\"end\":");
    out_size(o, q->content.end);
    OUT_LITERAL(o, ",\"quote\":");
    out_span_text(o, text, q->content);
    OUT_LITERAL(o, ",\"speaker\":");
    out_span_text(o, text, q->speaker);
    /* The offsets are those of the local mention ("he", "Hegseth"), not
     * of the canonical name, which may stand anywhere in the document. */
    OUT_LITERAL(o, ",\"speaker_start\":");
    out_offset(o, q->mention, q->mention.start);
    OUT_LITERAL(o, ",\"speaker_end\":");
    out_offset(o, q->mention, q->mention.end);
    OUT_LITERAL(o, ",\"cue\":");
    out_span_text(o, text, q->cue);
    OUT_LITERAL(o, ",\"cue_start\":");
    out_offset(o, q->cue, q->cue.start);
    OUT_LITERAL(o, ",\"cue_end\":");
    out_offset(o, q->cue, q->cue.end);
    OUT_LITERAL(o, ",\"rule\":");
    if (q->rule)
        out_string(o, q->rule, strlen(q->rule));
    else
        OUT_LITERAL(o, "null");
    OUT_LITERAL(o, "}\n");
}

static bool span_within(ws_span sp, size_t len)
{
    return sp.start <= sp.end && sp.end <= len;
}

/* Every record is checked before anything is written, so a bad one never
 * leaves half a stream behind. */
static ws_status check_record(const ws_quote *q, size_t len, ws_error *err)
{
    const char *msg = NULL;
    size_t at = q->content.start;
    if (q->type != WS_QUOTE_DIRECT && q->type != WS_QUOTE_INDIRECT) {
        msg = "quotation of an unknown type";
    } else if (!span_within(q->content, len)) {
        msg = "quotation span outside the text or reversed";
    } else if (!span_absent(q->speaker) && !span_within(q->speaker, len)) {
        msg = "speaker span outside the text or reversed";
        at = q->speaker.start;
    } else if (!span_absent(q->mention) && !span_within(q->mention, len)) {
        msg = "mention span outside the text or reversed";
        at = q->mention.start;
    } else if (!span_absent(q->cue) && !span_within(q->cue, len)) {
        msg = "cue span outside the text or reversed";
        at = q->cue.start;
    }
    if (!msg)
        return WS_OK;
    ws_set_error(err, WS_ERR_INVALID_ARG, msg, at);
    return WS_ERR_INVALID_ARG;
}

static ws_status check_arguments(const char *text, size_t len,
                                 const ws_quote *quotes, size_t count,
                                 ws_write_fn sink, ws_error *err)
{
    if (!sink || (!text && len) || (!quotes && count)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text, quotes or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    for (size_t k = 0; k < count; k++) {
        ws_status st = check_record(&quotes[k], len, err);
        if (st != WS_OK)
            return st;
    }
    return WS_OK;
}

ws_status ws_quotes_write_jsonl(const char *text, size_t len,
                                const char *doc, size_t doc_len,
                                const ws_quote *quotes, size_t count,
                                ws_write_fn sink, void *ctx, ws_error *err)
{
    ws_status st = check_arguments(text, len, quotes, count, sink, err);
    if (st != WS_OK)
        return st;
    if (!text)
        text = ""; /* len is 0: spares NULL + 0 below */
    out o;
    o.write = sink;
    o.ctx = ctx;
    o.failed = false;
    o.len = 0;
    for (size_t k = 0; k < count && !o.failed; k++)
        out_record(&o, text, doc, doc_len, &quotes[k]);
    out_flush(&o);
    if (o.failed) {
        ws_set_error(err, WS_ERR_WRITE, "the write function reported failure", 0);
        return WS_ERR_WRITE;
    }
    return WS_OK;
}
