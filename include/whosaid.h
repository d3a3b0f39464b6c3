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
 *   input (text, JSONL, HTML, WARC) -> article text (HTML pages)
 *   -> paragraphs and sentences -> tokens with offsets
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
    WS_ERR_WRITE,         /* the output callback reported failure */
    WS_ERR_WARC,          /* a WARC record is malformed or truncated */
    WS_ERR_GZIP,          /* compressed input is corrupt or truncated */
    WS_ERR_HTML,          /* an HTML page could not be parsed or decoded */
    WS_ERR_IO,            /* a file could not be opened, read or written */
    WS_ERR_NOT_TEXT,      /* ws_run: a plain-text document is binary data
                             (a NUL byte, or too much invalid UTF-8; see
                             docs/limits.md) */
    WS_ERR_INTERRUPTED,   /* ws_run: the caller asked it to stop
                             (ws_run_options.interrupted) */
    WS_SKIPPED,           /* reader: this record holds no document; the
                             ws_document's skip field says why */
    WS_STATUS_COUNT       /* the number of codes above (for tables) */
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

/* A status code's key: the enum's name in lower case without its prefix
 * ("nomem" for WS_ERR_NOMEM, "too_large", "json", ...); NULL for a value
 * that is no code. The statistics are keyed by these wherever they are
 * written (whosaid --stats, the Python Stats, whosaid.dask). */
WS_API const char *ws_status_key(ws_status code);

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
                         when the text does not say who spoke, and when
                         the only mention is a pronoun no name took ("she"
                         is then in mention, not here). The writers give
                         its text on one line: a run of white space with a
                         line break or a tab in it is one space ("Marcelo
                         Claure" across a hard wrap) */
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
/*  Speakers: who is quoted in a document, and as whom                    */
/* ===================================================================== */

typedef enum ws_speaker_kind {
    WS_SPEAKER_PERSON = 1,       /* a named person */
    WS_SPEAKER_ORGANISATION = 2, /* a named organisation ("the Pentagon") */
    WS_SPEAKER_PHRASE = 3        /* a noun phrase ("a White House
                                    spokeswoman") */
} ws_speaker_kind;

typedef enum ws_mention_kind {
    WS_MENTION_NAME = 1,    /* a name, titles included ("German Defense
                               Minister Boris Pistorius", "Hegseth") */
    WS_MENTION_PRONOUN = 2, /* a pronoun resolved to the speaker ("she",
                               "who") */
    WS_MENTION_ROLE = 3     /* a noun phrase ("the secretary") */
} ws_mention_kind;

typedef struct ws_speaker_mention {
    ws_span span;
    ws_mention_kind kind;
} ws_speaker_mention;

typedef enum ws_gender {
    WS_GENDER_UNKNOWN = 0,
    WS_GENDER_MALE = 1,
    WS_GENDER_FEMALE = 2
} ws_gender;

typedef enum ws_evidence_kind {
    WS_EVIDENCE_PRONOUN = 1,    /* "he", "she" resolved to the speaker */
    WS_EVIDENCE_HONORIFIC = 2,  /* "Mr.", "Mrs.", "Ms." before the name,
                                   quotations included ("Mr. Trump") */
    WS_EVIDENCE_TITLE = 3,      /* a gendered title ("congresswoman") */
    WS_EVIDENCE_GIVEN_NAME = 4  /* a given name with a gender reading
                                   ("Donald"); cited once */
} ws_evidence_kind;

/* One word that tells the speaker's gender, where it stands. */
typedef struct ws_gender_evidence {
    ws_span span;
    ws_gender gender;
    ws_evidence_kind kind;
} ws_gender_evidence;

typedef enum ws_affiliation_kind {
    WS_AFFILIATION_PLACE = 1,       /* a country, demonym or state:
                                       "U.K.", "German", "Texas" */
    WS_AFFILIATION_ORGANISATION = 2 /* "Commentary's", "of the American
                                       Enterprise Institute" */
} ws_affiliation_kind;

typedef struct ws_affiliation {
    ws_span span;
    ws_affiliation_kind kind;
} ws_affiliation;

/* A speaker of the last document ws_extract read: someone (or some
 * phrase) at least one of its records is attributed to. Every span points
 * into that document's text; the arrays are owned by the extractor. */
typedef struct ws_speaker {
    ws_span name;          /* the canonical name: the records' speaker span */
    ws_speaker_kind kind;
    ws_gender gender;      /* what the evidence says; unknown when it says
                              nothing or disagrees evenly */
    const ws_speaker_mention *mentions; /* in document order */
    size_t n_mentions;
    const ws_span *titles; /* as the text gives them, each once:
                              premodifiers ("U.K. Defense Secretary") and
                              appositions (", the attorney general of
                              Oklahoma,") */
    size_t n_titles;
    const ws_affiliation *affiliations;
    size_t n_affiliations;
    const ws_gender_evidence *evidence;
    size_t n_evidence;
    const size_t *quotes;  /* indices of its records in ws_extract's array */
    size_t n_quotes;
    size_t quotes_direct, quotes_indirect;
} ws_speaker;

/* The speakers of the document the last ws_extract on x read, in the
 * order of their first record. Valid after a successful ws_extract, until
 * the extractor's next call or its free; the text must still be there.
 * WS_ERR_INVALID_ARG when there was no successful extraction. */
WS_API ws_status ws_extract_speakers(ws_extractor *x, const ws_speaker **speakers,
                                     size_t *count, ws_error *err);

/* ===================================================================== */
/*  Input: documents from a byte stream                                  */
/* ===================================================================== */

typedef enum ws_input_format {
    WS_INPUT_TEXT = 1,  /* the whole stream is one document */
    WS_INPUT_JSONL = 2, /* one {"id": ..., "text": ...} object per line */
    WS_INPUT_HTML = 3,  /* the whole stream is one HTML page */
    WS_INPUT_WARC = 4   /* WARC/1.0 or 1.1 records, each gzip-compressed
                           (a member per record) or all uncompressed */
} ws_input_format;

/* A string the library hands out: a pointer and a length, not
 * NUL-terminated. Empty (ptr NULL, len 0) when absent. */
typedef struct ws_str {
    const char *ptr;
    size_t len;
} ws_str;

/* What a document's bytes are. */
typedef enum ws_content {
    WS_CONTENT_TEXT = 0, /* UTF-8 text, ready for ws_extract */
    WS_CONTENT_HTML = 1  /* an HTML page: ws_html_extract gives its text */
} ws_content;

/* Why the reader skipped a record (WS_SKIPPED). */
typedef enum ws_skip {
    WS_SKIP_NONE = 0,
    WS_SKIP_NOT_RESPONSE, /* a WARC record that is not a response
                             (warcinfo, request, metadata, ...) */
    WS_SKIP_NOT_HTML,     /* a response whose payload is not HTML */
    WS_SKIP_NOT_OK,       /* an HTTP status other than 2xx (redirects,
                             errors): no article */
    WS_SKIP_EMPTY,        /* a page with no article text */
    WS_SKIP_COUNT
} ws_skip;

/* A skip reason's key, as ws_status_key for codes: "not_response",
 * "not_html", "not_ok", "empty" ("none" for WS_SKIP_NONE); NULL for a
 * value that is no reason. */
WS_API const char *ws_skip_key(ws_skip reason);

/* A document handed out by the reader. Its strings are owned by the
 * reader and valid until the next ws_reader_* call. */
typedef struct ws_document {
    const char *id;    /* JSONL "id" (a string, or a number as written);
                          for WARC the WARC-Record-ID; NULL when absent */
    size_t id_len;
    const char *text;  /* the document's bytes (HTML for WS_CONTENT_HTML;
                          for WARC the HTTP payload, headers removed) */
    size_t text_len;
    size_t line;       /* 1-based JSONL line; 0 for other input */
    size_t offset;     /* byte offset of the document in the (decompressed)
                          stream */
    ws_content content;
    ws_skip skip;      /* why, when ws_reader_next says WS_SKIPPED */
    ws_str charset;    /* from the HTTP Content-Type header, if given */
    ws_str url;        /* WARC-Target-URI */
    ws_str date;       /* WARC-Date */
    uint64_t record_offset; /* WARC: where the record starts in the file as
                               stored (compressed bytes for .warc.gz), and */
    uint64_t record_length; /* how many stored bytes it spans: enough to
                               fetch it again by byte range */
    ws_str title;      /* JSONL: the "title" field when it is a string (the
                          first, if given twice); empty otherwise */
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
 *                  call again for the next one.
 *   WS_SKIPPED     (WARC) a record that holds no document: doc->skip says
 *                  why.
 * For WARC input *doc carries the record's provenance (id, url, date,
 * charset, record_offset, record_length) as far as it was read on every
 * result, errors and skips included; src/warc.c has the details. */
WS_API ws_status ws_reader_next(ws_reader *r, ws_document *doc, ws_error *err);

/* Units of work the reader has done since ws_reader_new (bytes copied,
 * scanned, inflated or parsed, and calls): a counter the tests use to
 * check that reading stays linear in the input whatever the bytes (a
 * truncated gzip member, a lying Content-Length, a 10 MiB line) and
 * however they are cut, independent of timing. 0 for NULL. */
WS_API uint64_t ws_reader_work(const ws_reader *r);

/* ===================================================================== */
/*  HTML: the article text of a page                                     */
/* ===================================================================== */

/* The article of a page. text holds the main text only (boilerplate,
 * menus, comments and the like removed), one paragraph per line ("\n"
 * between paragraphs, whitespace runs collapsed, no empty lines), valid
 * UTF-8. The metadata come from <title>, <meta>, Open Graph and JSON-LD;
 * each is empty when the page does not give it. Owned by the ws_html
 * handle, valid until its next call or its free. */
typedef struct ws_page {
    const char *text;
    size_t text_len;
    ws_str title;   /* the headline */
    ws_str byline;  /* the author(s) */
    ws_str date;    /* the publication date, as the page writes it */
    ws_str url;     /* the canonical url */
    ws_str site;    /* the site's name */
    ws_str lang;    /* the page's language tag */
} ws_page;

typedef struct ws_html ws_html;

/* A reusable HTML extractor. libxml2 parses the page; its own internal
 * allocations do not go through alloc. NULL when out of memory. */
WS_API ws_html *ws_html_new(const ws_allocator *alloc);
WS_API void ws_html_free(ws_html *h);

/* Extract the article of the page html[0..len). charset (may be NULL or
 * empty) is the encoding the transport declared (HTTP Content-Type); else
 * the page's <meta> decides, else UTF-8. */
WS_API ws_status ws_html_extract(ws_html *h, const char *html, size_t len,
                                 const char *charset, size_t charset_len,
                                 ws_page *page, ws_error *err);

/* Units of work the last ws_html_extract did itself (bytes scanned and
 * written, elements visited, ancestor steps; libxml2's parse counted by
 * the bytes it was given): a counter the tests use to check that
 * extraction stays linear in the page, independent of timing. */
WS_API uint64_t ws_html_work(const ws_html *h);

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

/* Like ws_quotes_write_jsonl, for a document from the reader: doc is
 * written from doc->id, and the provenance the document carries (url,
 * date, warc_record_id, warc_filename, warc_record_offset,
 * warc_record_length) is added to every record when present. source (may
 * be NULL) names the file the document came from. text is what the
 * offsets point into (the article text for an HTML page). */
WS_API ws_status ws_document_write_jsonl(const ws_document *doc,
                                         const char *source,
                                         const char *text, size_t len,
                                         const ws_quote *quotes, size_t count,
                                         ws_write_fn write, void *ctx,
                                         ws_error *err);

/* One JSON object per speaker, each on its own line: doc, speaker,
 * start, end, kind, gender, quotes {direct, indirect, total, records},
 * titles, affiliations, gender_evidence, mentions; every span with its
 * text, start and end. Valid UTF-8 whatever the input bytes. */
WS_API ws_status ws_speakers_write_jsonl(const char *text, size_t len,
                                         const char *doc, size_t doc_len,
                                         const ws_speaker *speakers, size_t count,
                                         ws_write_fn write, void *ctx, ws_error *err);

/* One self-contained HTML page (inline CSS and JavaScript, no network
 * resource) showing the document with its quotations highlighted (direct:
 * a background, indirect: an underline, in the speaker's colour; a legend
 * in the header says so), a panel of the speakers with their counts, and
 * the cue, rule and speaker of each quotation on hover. The header gives
 * title (may be NULL or empty: doc stands there instead) and doc. The
 * panel's first WS_VIEW_PALETTE speakers (src/limits.h) get hues evenly
 * spaced round the colour wheel, so that they are told apart; later ones,
 * and every speaker when speakers is NULL, a hue from the name. The text
 * is the document's, each newline (a paragraph's end) followed by an
 * empty element that spaces the paragraphs. Every highlighted element
 * carries data-record (the record's index), data-start, data-end (the
 * record's byte offsets), data-type and data-speaker; a record that
 * crosses another is split into several elements with the same
 * data-record. quotes must be sorted by start (as ws_extract returns
 * them); speakers may be NULL (no panel). Valid UTF-8 whatever the input
 * bytes. */
WS_API ws_status ws_view_write_html(const char *text, size_t len,
                                    const char *doc, size_t doc_len,
                                    const char *title, size_t title_len,
                                    const ws_quote *quotes, size_t count,
                                    const ws_speaker *speakers, size_t n_speakers,
                                    ws_write_fn write, void *ctx, ws_error *err);

/* ===================================================================== */
/*  Runs: files in, records out, on every core                           */
/* ===================================================================== */

/* What a run did. read = processed + failed + skipped, always. */
typedef struct ws_stats {
    uint64_t documents_read;
    uint64_t documents_processed;
    uint64_t documents_failed;
    uint64_t documents_skipped;
    uint64_t failed_by[WS_STATUS_COUNT]; /* by error code */
    uint64_t skipped_by[WS_SKIP_COUNT];  /* by ws_skip reason */
    uint64_t quotations;
    uint64_t quotations_direct;
    uint64_t quotations_indirect;
    uint64_t bytes_in;        /* input bytes as stored (compressed) */
    uint64_t bytes_total;     /* input size when known in advance, else 0 */
    uint64_t bytes_text;      /* bytes of text the extractor read */
    uint64_t bytes_out;       /* output bytes before compression */
    uint64_t replaced;        /* invalid UTF-8 sequences written as U+FFFD */
} ws_stats;

typedef enum ws_output_format {
    WS_OUTPUT_JSONL = 1, /* one record per quotation */
    WS_OUTPUT_TEXT = 2,  /* the extracted text of each document (--text-only) */
    WS_OUTPUT_DOCS = 3,  /* one JSON line per document: its extracted text and
                            metadata (--emit-text) */
    WS_OUTPUT_SPEAKERS = 4, /* one JSON line per speaker of each document
                               (ws_speakers_write_jsonl; --speakers) */
    WS_OUTPUT_HTML = 5   /* one HTML page per document (ws_view_write_html,
                            speaker panel included; --format html): see
                            ws_run for where the pages go */
} ws_output_format;

typedef struct ws_run_options {
    ws_options extract;
    ws_input_format input;   /* 0: per file, by name (.jsonl, .html, .htm,
                                .warc, .warc.gz) and else by sniffing */
    ws_output_format output; /* 0: WS_OUTPUT_JSONL */
    unsigned threads;        /* worker threads; 0: one per core */
    /* Called (from the calling thread) once per failed document, with
     * the file it came from and the error; may be NULL. doc is NULL when
     * a whole input failed (it cannot be opened or read, or its format
     * is not built in): that is no document, and not counted in stats. */
    void (*on_failure)(void *ctx, const char *source, const ws_document *doc,
                       const ws_error *err);
    /* Called (from the calling thread) now and then with the figures so
     * far; may be NULL. */
    void (*on_progress)(void *ctx, const ws_stats *stats);
    /* Asked (from the calling thread) between pieces of input, after each
     * document, every few hundredths of a second while the run waits for
     * its workers, and when a read or write is interrupted by a signal
     * (EINTR: install a handler without SA_RESTART to have a blocking
     * read on a pipe cut short); may be NULL. Non-zero stops the run:
     * nothing more is read or written, an output file is removed (nothing
     * is left under its name, nor a temporary), and ws_run returns
     * WS_ERR_INTERRUPTED. A signal handler that sets a volatile
     * sig_atomic_t flag this returns is enough (cli/whosaid.c): the
     * workers block every signal, so the calling thread takes them. */
    int (*interrupted)(void *ctx);
    void *ctx;
} ws_run_options;

/* The defaults: every record type, the format by each input's name or
 * first bytes, JSONL records out, one thread per core, no callbacks. */
WS_API void ws_run_options_init(ws_run_options *opts);

/* Read every input ("-" is standard input), find the quotations of every
 * document on opts->threads workers (opts may be NULL: the defaults) and
 * write them, in input order, to output ("-" or NULL: standard output,
 * written as it comes; else a file, compressed when the name ends in .zst
 * or .gz, written as FILE.tmp.PID in the same directory and renamed to
 * FILE once complete, so that FILE is never seen partial and a run that
 * fails or is interrupted leaves nothing; a FILE that exists and is no
 * regular file, such as /dev/null, is written in place). *stats (may be NULL)
 * receives the figures. Returns WS_OK when every document was processed
 * or skipped; the first document error's code when some failed (the
 * others still ran); WS_ERR_IO, WS_ERR_INVALID_ARG or WS_ERR_NOMEM when
 * the run or one of its inputs could not go on (*err says why; the other
 * inputs still ran unless the output failed). An output that is the same
 * regular file as one of the inputs (the same device and inode, standard
 * input and output included) is refused before anything is opened:
 * WS_ERR_INVALID_ARG, with that input named through on_failure (doc
 * NULL), and the input is left as it was. The output is in input order and the same for any
 * number of threads. Memory is bounded by a few documents per thread
 * (see docs/limits.md), never by the input's size.
 * With WS_OUTPUT_HTML, output may name a directory (it ends in "/" or is
 * one; a missing directory named with a final "/" is created): each
 * processed document's page goes to DIR/NNNNNN-DOC.html, NNNNNN its number
 * among the documents read (from 000001, in input order) and DOC its "doc"
 * field with every byte but [A-Za-z0-9._-] made "_" (at most
 * WS_RUN_PAGE_NAME_BYTES of it, src/limits.h). Otherwise the output holds
 * one page, written (and its file made) only once the run is through, and
 * a second processed document stops the run with WS_ERR_INVALID_ARG,
 * nothing written and no file made. */
WS_API ws_status ws_run(const char *const *inputs, size_t n_inputs,
                        const char *output, const ws_run_options *opts,
                        ws_stats *stats, ws_error *err);

/* ===================================================================== */
/*  The quotation index: the same quotation across documents             */
/* ===================================================================== */

/* What an index run did. */
typedef struct ws_index_stats {
    uint64_t bytes_read;     /* input bytes read so far */
    uint64_t bytes_total;    /* input size when known in advance, else 0 */
    uint64_t records_read;   /* JSONL record lines read */
    uint64_t records_indexed;/* of the types asked for, with a quotation */
    uint64_t lines_bad;      /* lines that are no record (not counted above) */
    uint64_t entries;        /* quotations written */
    uint64_t repeated;       /* entries found in two documents or more */
    uint64_t partitions;     /* temporary files per pass */
    unsigned pass;           /* 1: reading, 2: prefixes, 3: suffixes */
    const char *file;        /* the file ws_index_build's error concerns:
                                an input (the first bad line's, for
                                WS_ERR_JSON; "stdin" for "-"), output
                                ("stdout" for standard output), opts->html
                                or the temporary directory; NULL when the
                                error concerns no file or there is none */
    uint64_t names;          /* distinct speaker names held for merging
                                (at most WS_INDEX_NAMES, src/limits.h) */
    uint64_t names_merged;   /* of them, merged into another name of the
                                same person (listed in opts->merged) */
    uint64_t names_untracked;/* indexed records whose speaker's name came
                                when the name table was full: not merged */
} ws_index_stats;

typedef struct ws_index_options {
    unsigned types;          /* WS_TYPE_* of the records indexed; 0 is
                                WS_TYPE_DIRECT (quotations proper) */
    size_t memory;           /* bytes of records held in memory at once;
                                0: 256 MiB. The input is cut into enough
                                partitions on disk for each to fit. */
    const char *tmpdir;      /* NULL: $TMPDIR, else /tmp */
    const char *html;        /* NULL, or a file for the corpus page: top
                                speakers, merged speaker names and most
                                repeated quotations */
    const char *merged;      /* NULL, or a file for the merged speaker
                                names: one JSON line each, {"name",
                                "speaker" (the name it counts as), "rule"
                                ("surname", "middle" or "given"),
                                "occurrences"} */
    const ws_allocator *alloc; /* NULL: malloc */
    /* Called now and then with the figures so far; may be NULL. */
    void (*on_progress)(void *ctx, const ws_index_stats *stats);
    void *ctx;
} ws_index_options;

WS_API void ws_index_options_init(ws_index_options *opts);

/* Read whosaid records (JSON lines as ws_quotes_write_jsonl and
 * ws_document_write_jsonl write them: doc, type, start, end, quote,
 * speaker, and url and date when present) from every input ("-" is
 * standard input) and write one JSON line per distinct quotation to
 * output ("-" or NULL: standard output): quoteID, quotation (its longest
 * form), speaker (by vote), probas (each speaker's share of the votes,
 * null for unattributed occurrences), numOccurrences, numDocuments, and
 * occurrences (doc, start, end, type, speaker, url, date). Occurrences
 * are one quotation when their text is the same after case, punctuation
 * and quotation marks are set aside, or when one is the other cut short
 * (a prefix, or a suffix; six words at least) or differs in a few words
 * (word-trigram Jaccard similarity 0.8 or more, in texts that share their
 * first or last six words). The speaker names of one person are merged
 * before the votes, the fullest (most words, then longest) standing for
 * the others: a bare surname that one person of the index has ("Obama":
 * "Barack Obama"; not "Clinton" beside "Hillary" and "Bill Clinton"),
 * the same given name and surname with middle names or initials left out
 * ("Donald Trump": "Donald J. Trump"; not when two people differ by them)
 * and a given name cut short, three letters at least and two fewer
 * ("Josh Apte": "Joshua Apte"; not when it shortens two). Each
 * occurrence keeps its record's speaker; "speaker" and "probas" give the
 * merged names. Memory stays near opts->memory whatever the
 * input's size: records go to partitions on disk by a key that brings
 * such occurrences together, and one partition is read at a time.
 * WS_OK, or the code of the first bad line when some were skipped (the
 * others are indexed), or WS_ERR_IO / WS_ERR_NOMEM when the run stopped. */
WS_API ws_status ws_index_build(const char *const *inputs, size_t n_inputs,
                                const char *output, const ws_index_options *opts,
                                ws_index_stats *stats, ws_error *err);

#ifdef __cplusplus
}
#endif

#endif /* WHOSAID_H */
