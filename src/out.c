/*
 * Buffered output to a caller's write function, and JSON strings: shared
 * by the writers (writer.c records, speakers.c profiles, index.c entries,
 * view.c pages).
 *
 * Lines are built in a buffer and handed to the caller's write function
 * whenever it fills and at the end, so writing allocates nothing and calls
 * back once per buffer rather than once per field. Strings are copied in
 * runs: only the bytes that JSON or UTF-8 validity require to change break
 * a run.
 */
#include <string.h>

#include "out.h"

/* ===================================================================== */
/*  The output buffer                                                    */
/* ===================================================================== */

void out_flush(out *o)
{
    if (o->len && !o->failed && o->write(o->ctx, o->buf, o->len) != 0)
        o->failed = true;
    o->len = 0;
}

void out_bytes(out *o, const char *s, size_t n)
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

void out_size(out *o, size_t v)
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
void out_replacement(out *o, size_t k, int32_t cp)
{
    if (k == 1) {
        OUT_LITERAL(o, "\xEF\xBF\xBD");
        o->replaced++;
    } else if (cp == 0x2028)
        OUT_LITERAL(o, "\\u2028");
    else
        OUT_LITERAL(o, "\\u2029");
}

/* The JSON string body of s[0..n), escaped, without its quotes. */
static void out_escaped(out *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    for (;;) {
        i = ws_json_plain_end(s, i, n, true);
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
}

void out_string(out *o, const char *s, size_t n)
{
    OUT_LITERAL(o, "\"");
    out_escaped(o, s, n);
    OUT_LITERAL(o, "\"");
}

static bool name_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* A name as one line: in hard-wrapped text a name may cross a line
 * ("Marcelo\nClaure"); written so, the same speaker would be two in a
 * table or an index. Each run of white space that holds a line break or
 * a tab is written as one space; the span itself stays the text's. */
void out_name_text(out *o, const char *text, ws_span sp)
{
    if (span_absent(sp)) {
        OUT_LITERAL(o, "null");
        return;
    }
    const char *s = text + sp.start;
    size_t n = sp.end - sp.start, seg = 0;
    if (!memchr(s, '\n', n) && !memchr(s, '\t', n) && !memchr(s, '\r', n)) {
        out_string(o, s, n); /* nearly every name: one line already */
        return;
    }
    OUT_LITERAL(o, "\"");
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
            continue;
        size_t a = i, b = i;
        while (a > seg && s[a - 1] == ' ')
            a--;
        while (b < n && name_space(s[b]))
            b++;
        out_escaped(o, s + seg, a - seg);
        if (a > seg && b < n)
            OUT_LITERAL(o, " ");
        seg = b;
        i = b - 1;
    }
    out_escaped(o, s + seg, n - seg);
    OUT_LITERAL(o, "\"");
}

bool span_absent(ws_span sp)
{
    return sp.start == WS_NO_OFFSET;
}

void out_span_text(out *o, const char *text, ws_span sp)
{
    if (span_absent(sp))
        OUT_LITERAL(o, "null");
    else
        out_string(o, text + sp.start, sp.end - sp.start);
}

void out_offset(out *o, ws_span sp, size_t v)
{
    if (span_absent(sp))
        OUT_LITERAL(o, "null");
    else
        out_size(o, v);
}

/* ===================================================================== */
/*  HTML text                                                            */
/* ===================================================================== */

static bool html_special(unsigned char c)
{
    return c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80;
}

static void out_html_byte(out *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '&': OUT_LITERAL(o, "&amp;"); return;
    case '<': OUT_LITERAL(o, "&lt;"); return;
    case '>': OUT_LITERAL(o, "&gt;"); return;
    case '"': OUT_LITERAL(o, "&quot;"); return;
    case '\'': OUT_LITERAL(o, "&#39;"); return;
    case '\n': OUT_LITERAL(o, "\n"); return;
    case '\t': OUT_LITERAL(o, "\t"); return;
    case 0: OUT_LITERAL(o, "\xEF\xBF\xBD"); return; /* the parser would drop it */
    default: break;
    }
    /* other controls as references, so that the parser keeps them (a raw
     * CR would be folded into the LF after it) */
    char e[6] = {'&', '#', 'x', hex[c >> 4], hex[c & 15], ';'};
    out_bytes(o, e, sizeof e);
}

void out_html(out *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        if (!html_special(u[i])) {
            i++;
            continue;
        }
        if (u[i] < 0x80) {
            out_bytes(o, s + run, i - run);
            out_html_byte(o, u[i]);
            run = ++i;
            continue;
        }
        int32_t cp;
        size_t k = ws_utf8_decode(s, n, i, &cp);
        if (k == 1) {
            out_bytes(o, s + run, i - run);
            OUT_LITERAL(o, "\xEF\xBF\xBD");
            o->replaced++;
            run = i + 1;
        }
        i += k;
    }
    out_bytes(o, s + run, n - run);
}

uint32_t out_colour_hue(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    /* 24 hues 15 degrees apart: neighbours stay distinguishable */
    return (h % 24u) * 15u;
}
