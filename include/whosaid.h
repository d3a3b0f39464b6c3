/*
 * whosaid: who said what in news text.
 *
 * The only public header of libwhosaid. Every offset is a UTF-8 byte offset
 * into the caller's buffer; spans point into that buffer and are never
 * copies. The library never prints, never exits and holds no global mutable
 * state: all state lives in handles the caller creates with *_new and frees
 * with the matching *_free.
 *
 * Pipeline (one source file per stage under src/):
 *   input (text, JSONL) -> paragraphs and sentences -> tokens with offsets
 *   -> quotation-mark pairing -> mentions and cues -> attribution
 *   -> records -> output (JSONL).
 */
#ifndef WHOSAID_H
#define WHOSAID_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WHOSAID_VERSION "0.1.0"

/* The shared library exports these declarations and nothing else. */
#if defined(__GNUC__) || defined(__clang__)
#define WS_API __attribute__((visibility("default")))
#else
#define WS_API
#endif

/* ===================================================================== */
/*  Allocation and errors                                                */
/* ===================================================================== */

/* Every allocation goes through this. Pass NULL for malloc/realloc/free.
 * A function may return NULL to simulate exhaustion: every call then fails
 * with WS_ERR_NOMEM, frees what it took and leaves the handle usable. */
typedef struct ws_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} ws_allocator;

typedef enum ws_status {
    WS_OK = 0,
    WS_DONE,              /* reader: no further document */
    WS_NEED_INPUT,        /* reader: feed more bytes, or finish */
    WS_ERR_NOMEM,         /* an allocation failed */
    WS_ERR_INVALID_ARG,   /* a NULL handle, a bad option */
    WS_ERR_TOO_LARGE,     /* over a documented limit (see docs/limits.md) */
    WS_ERR_JSON,          /* a JSONL line is not a JSON object with "text" */
    WS_ERR_WRITE          /* the output callback reported failure */
} ws_status;

/* An error: a code, a static message (never freed) and the byte position
 * in the input it concerns (for the reader: in the whole stream fed so
 * far; for ws_extract: in the document), plus the 1-based line for JSONL
 * input (0 where it does not apply). */
typedef struct ws_error {
    ws_status code;
    const char *message;
    size_t position;
    size_t line;
} ws_error;

/* A short static English name of a status code ("out of memory", ...). */
WS_API const char *ws_status_name(ws_status code);

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

/* A span that is absent has start == end == WS_NO_OFFSET. */
#define WS_NO_OFFSET ((size_t)-1)

typedef struct ws_span {
    size_t start; /* inclusive */
    size_t end;   /* exclusive */
} ws_span;

typedef enum ws_quote_type {
    WS_QUOTE_DIRECT = 1,
    WS_QUOTE_INDIRECT = 2
} ws_quote_type;

/* One quotation. */
typedef struct ws_quote {
    ws_quote_type type;
    ws_span content;  /* the quotation without its quotation marks */
    ws_span speaker;  /* the canonical name: the fullest name the document
                         gives that speaker, titles dropped, as it stands in
                         the text; or the most specific noun phrase; absent
                         when the text does not say who spoke */
    ws_span mention;  /* the mention that anchors the attribution locally
                         ("he", "the secretary", "Hegseth"); may be absent */
    ws_span cue;      /* the reporting word or phrase; may be absent */
    const char *rule; /* static identifier of the evidence used; the list
                         is in docs/rules.md */
} ws_quote;

/* ===================================================================== */
/*  Extraction                                                           */
/* ===================================================================== */

#define WS_TYPE_DIRECT   (1u << 0)
#define WS_TYPE_INDIRECT (1u << 1)

typedef struct ws_options {
    unsigned types; /* WS_TYPE_* mask of the records to return */
} ws_options;

/* Fill in the defaults: every type this version extracts. */
WS_API void ws_options_init(ws_options *opts);

typedef struct ws_extractor ws_extractor;

/* A reusable extractor. It keeps its scratch buffers between documents, so
 * a stream of documents allocates only when a document is larger than any
 * before. NULL when out of memory or when opts is invalid. opts and alloc
 * may be NULL for the defaults; *alloc is copied. */
WS_API ws_extractor *ws_extractor_new(const ws_options *opts, const ws_allocator *alloc);
WS_API void ws_extractor_free(ws_extractor *x);

/* Find the quotations of one document, text[0..len). On WS_OK, *quotes
 * points to *count records sorted by start, owned by the extractor and
 * valid until its next call or its free. text need not be valid UTF-8 nor
 * NUL-terminated; every offset returned lies on the document's bytes. */
WS_API ws_status ws_extract(ws_extractor *x, const char *text, size_t len,
                     const ws_quote **quotes, size_t *count, ws_error *err);

/* Units of work the last ws_extract performed: a counter the tests use to
 * check that work grows linearly with the input, independent of timing. */
WS_API uint64_t ws_extractor_work(const ws_extractor *x);

/* ===================================================================== */
/*  Input: documents from a byte stream                                  */
/* ===================================================================== */

typedef enum ws_input_format {
    WS_INPUT_TEXT = 1,  /* the whole stream is one document */
    WS_INPUT_JSONL = 2  /* one {"id": ..., "text": ...} object per line */
} ws_input_format;

/* A document handed out by the reader. Its strings are owned by the
 * reader and valid until the next ws_reader_* call. */
typedef struct ws_document {
    const char *id;    /* JSONL "id" (a string, or a number as written);
                          NULL when absent */
    size_t id_len;
    const char *text;
    size_t text_len;
    size_t line;       /* 1-based JSONL line; 0 for text input */
    size_t offset;     /* byte offset of the document in the stream */
} ws_document;

typedef struct ws_reader ws_reader;

WS_API ws_reader *ws_reader_new(ws_input_format format, const ws_allocator *alloc);
WS_API void ws_reader_free(ws_reader *r);

/* Append bytes of the stream; they are copied. The stream may be cut
 * anywhere: the documents read are the same however it is fed. */
WS_API ws_status ws_reader_feed(ws_reader *r, const char *data, size_t len, ws_error *err);

/* Declare the end of the stream. */
WS_API void ws_reader_finish(ws_reader *r);

/* Take the next complete document.
 *   WS_OK          *doc is filled in
 *   WS_NEED_INPUT  feed more (or finish)
 *   WS_DONE        the stream is finished and every document was taken
 *   WS_ERR_*       this document (line) is bad: *err says why and where;
 *                  call again for the next one. */
WS_API ws_status ws_reader_next(ws_reader *r, ws_document *doc, ws_error *err);

/* ===================================================================== */
/*  Output                                                               */
/* ===================================================================== */

/* Where output goes: return 0 on success, non-zero on failure. */
typedef int (*ws_write_fn)(void *ctx, const char *data, size_t len);

/* Write one JSON object per quotation, each on its own line, with the
 * fields doc, type, start, end, quote, speaker, speaker_start, speaker_end,
 * cue, cue_start, cue_end, rule. The output is valid UTF-8 JSON whatever
 * the input bytes: invalid sequences become U+FFFD. doc may be NULL
 * (written as null). */
WS_API ws_status ws_quotes_write_jsonl(const char *text, size_t len,
                                const char *doc, size_t doc_len,
                                const ws_quote *quotes, size_t count,
                                ws_write_fn write, void *ctx, ws_error *err);

#ifdef __cplusplus
}
#endif

#endif /* WHOSAID_H */
