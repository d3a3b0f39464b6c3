/*
 * Internal declarations shared by the stages of libwhosaid. Not installed.
 */
#ifndef WS_INTERNAL_H
#define WS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../include/whosaid.h"
#include "limits.h"

/* ===================================================================== */
/*  Allocation (alloc.c)                                                 */
/* ===================================================================== */

/* Resolve a caller's allocator (NULL or partial) into a complete one. */
ws_allocator ws_alloc_resolve(const ws_allocator *alloc);

static inline void *ws_malloc(const ws_allocator *a, size_t n)
{
    return a->malloc(a->ctx, n ? n : 1);
}
static inline void *ws_realloc(const ws_allocator *a, void *p, size_t n)
{
    return a->realloc(a->ctx, p, n ? n : 1);
}
static inline void ws_free(const ws_allocator *a, void *p)
{
    if (p)
        a->free(a->ctx, p);
}

/* Grow *buf (of *cap elements of size elem) to hold at least need
 * elements; geometric, so appends are amortised O(1). false on failure,
 * leaving *buf and *cap as they were. */
bool ws_grow_to(const ws_allocator *a, void **buf, size_t *cap, size_t need, size_t elem);
static inline bool ws_grow(const ws_allocator *a, void **buf, size_t *cap, size_t need, size_t elem)
{
    /* inline: every token, mention and record appended passes here, and
     * all but a few dozen per document already fit */
    return need <= *cap || ws_grow_to(a, buf, cap, need, elem);
}

/* The end of the run of bytes from i that a JSON string holds as they
 * are: no '"', '\\' or control byte, and with ascii_only no byte of 0x80
 * or above (the writer escapes those itself). Eight bytes at a time while
 * none of them is special: the classic SWAR "has zero byte" and "has
 * byte less than" tests, exact about whether such a byte is present. The
 * JSON reader and writer spend most of their time in long runs of text. */
static inline size_t ws_json_plain_end(const char *s, size_t i, size_t n, bool ascii_only)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');
        uint64_t special = ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
                           ((slash - ones) & ~slash) | (ascii_only ? w : 0);
        if (special & highs) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the lowest flagged byte is exact (a borrow only flags bytes
             * above a true one), so no byte loop over the rest */
            return i + ((size_t)__builtin_ctzll(special & highs) >> 3);
#else
            break;
#endif
        }
        i += 8;
    }
    for (; i < n; i++) {
        unsigned char u = (unsigned char)s[i];
        if (u < 0x20 || u == '"' || u == '\\' || (ascii_only && u >= 0x80))
            break;
    }
    return i;
}

/* A growable byte buffer. */
typedef struct ws_buf {
    char *data;
    size_t len, cap;
} ws_buf;

bool ws_buf_append(const ws_allocator *a, ws_buf *b, const char *s, size_t n);
static inline bool ws_buf_putc(const ws_allocator *a, ws_buf *b, char c)
{
    return ws_buf_append(a, b, &c, 1);
}
void ws_buf_free(const ws_allocator *a, ws_buf *b);

static inline void ws_set_error(ws_error *err, ws_status code, const char *msg,
                                size_t pos)
{
    if (err) {
        err->code = code;
        err->message = msg;
        err->position = pos;
        err->line = 0;
    }
}

/* ===================================================================== */
/*  UTF-8 (utf8.c)                                                       */
/* ===================================================================== */

/* Decode one code point at s[i..len). Returns its length in bytes (>= 1);
 * *cp is U+FFFD for an invalid or truncated sequence, which then counts as
 * one byte so that every offset stays on the caller's bytes. */
size_t ws_utf8_decode(const char *s, size_t len, size_t i, int32_t *cp);

/* Was that an invalid byte (and not a U+FFFD the text itself holds)? */
static inline bool ws_utf8_invalid(int32_t cp, size_t n)
{
    return cp == 0xFFFD && n == 1;
}

/* WS_OK for text; WS_ERR_NOT_TEXT for binary data (a NUL byte, or over
 * WS_NOT_TEXT_INVALID_PERCENT of the bytes invalid UTF-8, limits.h),
 * with *err at the first NUL or the first invalid byte. */
ws_status ws_check_text(const char *s, size_t len, ws_error *err);

/* ===================================================================== */
/*  Files (files.c)                                                      */
/* ===================================================================== */

typedef enum ws_io_op {
    WS_IO_OPEN_INPUT, WS_IO_READ_INPUT, WS_IO_OPEN_OUTPUT, WS_IO_WRITE_OUTPUT
} ws_io_op;

/* A static message for an I/O failure of op with errno e ("cannot create
 * the output: permission denied"). */
const char *ws_io_message(ws_io_op op, int e);

/* The index of the input (among inputs[0..n), "-" for standard input)
 * that is the same regular file (device and inode) as output (NULL or
 * "-" for standard output), or SIZE_MAX when none is, or output does not
 * exist yet. */
size_t ws_output_is_input(const char *output, const char *const *inputs, size_t n);

/* An output file written under a temporary name in its directory
 * (FILE.tmp.PID) and renamed to FILE only once complete, so that FILE is
 * never seen partial and an interrupted or failed run leaves nothing. A
 * name that exists and is not a regular file (/dev/null, a FIFO) is
 * written in place; a symbolic link's target is the file replaced. */
typedef struct ws_outfile {
    int fd;      /* -1: not open */
    char *tmp;   /* the temporary's name; NULL when written in place */
    char *final; /* the name it takes */
} ws_outfile;

/* 0, or the errno of the failure (ENOMEM included) with nothing open. */
int ws_outfile_open(ws_outfile *f, const char *name, const ws_allocator *a);

/* Sync, close and rename into place: 0, or the errno of the failure
 * (the temporary is then removed). */
int ws_outfile_commit(ws_outfile *f, const ws_allocator *a);

/* Close and remove the temporary: nothing is left at the name. */
void ws_outfile_discard(ws_outfile *f, const ws_allocator *a);

/* ===================================================================== */
/*  Output (writer.c), for runs (run.c)                                  */
/* ===================================================================== */

/* What names a document in the output: the "doc" field, and the document
 * (may be NULL) and file (may be NULL) its provenance fields come from. */
typedef struct ws_doc_name {
    const char *doc; /* NULL: written as null */
    size_t doc_len;
    const ws_document *provenance;
    const char *source;
} ws_doc_name;

/* The writers below add the invalid bytes they wrote as U+FFFD to
 * *replaced (may be NULL). */

/* One JSON line per quotation (ws_document_write_jsonl). */
ws_status ws_write_records(const ws_doc_name *name, const char *text, size_t len,
                           const ws_quote *quotes, size_t count,
                           ws_write_fn write, void *ctx, uint64_t *replaced,
                           ws_error *err);

/* One JSON line for the document: doc, url, date, title, byline, site,
 * lang, the WARC provenance and text, each null when absent. page may be
 * NULL (a document that was not an HTML page). */
ws_status ws_write_document_json(const ws_doc_name *name, const ws_page *page,
                                 const char *text, size_t len,
                                 ws_write_fn write, void *ctx, uint64_t *replaced,
                                 ws_error *err);

/* ws_speakers_write_jsonl (speakers.c), counting what it replaced. */
ws_status ws_write_speakers(const char *text, size_t len, const char *doc, size_t doc_len,
                            const ws_speaker *speakers, size_t count,
                            ws_write_fn write, void *ctx, uint64_t *replaced, ws_error *err);

/* ws_view_write_html (view.c), counting what it replaced. */
ws_status ws_write_view(const char *text, size_t len, const char *doc, size_t doc_len,
                        const char *title, size_t title_len,
                        const ws_quote *quotes, size_t count,
                        const ws_speaker *speakers, size_t n_speakers,
                        ws_write_fn write, void *ctx, uint64_t *replaced, ws_error *err);

/* The text, one line per non-blank line of it, with a blank line before
 * it when *written says some document's text came before; sets *written
 * once a line is out. */
ws_status ws_write_document_text(const char *text, size_t len, bool *written,
                                 ws_write_fn write, void *ctx, uint64_t *replaced,
                                 ws_error *err);

#endif
