/*
 * Buffered output to a ws_write_fn, and JSON strings (out.c). Internal.
 */
#ifndef WS_OUT_H
#define WS_OUT_H

#include "internal.h"

#define OUT_CAP 16384

/* An output buffer; lives on the caller's stack. */
typedef struct out {
    ws_write_fn write;
    void *ctx;
    bool failed; /* the write function reported failure: stop */
    uint64_t replaced; /* invalid bytes written as U+FFFD */
    size_t len;
    char buf[OUT_CAP];
} out;

static inline void out_init(out *o, ws_write_fn write, void *ctx)
{
    o->write = write;
    o->ctx = ctx;
    o->failed = false;
    o->replaced = 0;
    o->len = 0;
}

void out_flush(out *o);
void out_bytes(out *o, const char *s, size_t n);
/* lit must be a string literal ("" lit refuses anything else: the size of
 * a pointer would be taken for its length). */
#define OUT_LITERAL(o, lit) out_bytes((o), "" lit, sizeof(lit) - 1)
void out_size(out *o, size_t v);

/* s[0..n) as a JSON string, quotes included; invalid UTF-8 becomes
 * U+FFFD (one per byte), U+2028 and U+2029 are escaped. */
void out_string(out *o, const char *s, size_t n);

/* What stands for a sequence of k bytes decoding to cp that JSON text
 * cannot hold raw: U+FFFD for an invalid byte (k == 1, counted in
 * o->replaced), else the escaped U+2028 or U+2029. */
void out_replacement(out *o, size_t k, int32_t cp);

bool span_absent(ws_span sp);
/* The span's text as a JSON string, or null when absent. */
void out_span_text(out *o, const char *text, ws_span sp);
/* As out_span_text, but a name: line breaks and tabs written as one space. */
void out_name_text(out *o, const char *text, ws_span sp);
/* v, or null when the span is absent. */
void out_offset(out *o, ws_span sp, size_t v);

/* s[0..n) as HTML text or attribute value: & < > " ' escaped, controls
 * as character references, invalid UTF-8 as U+FFFD (one per byte, counted in o->replaced). */
void out_html(out *o, const char *s, size_t n);

/* A hue (0..345 degrees) for a speaker's name: the same name has the same
 * colour on every page. */
uint32_t out_colour_hue(const char *s, size_t n);

#endif
