/*
 * The reader: JSONL and text input through the public API.
 *
 * Most tests turn a whole run of the reader into a transcript, one line
 * per document or error, so that a run can be compared with the expected
 * one and with itself fed in other ways: whole, a byte at a time, in
 * random pieces, without taking documents until the end. Every way must
 * give the same transcript.
 *
 * Over-long lines need 512 MiB to reach the real limit, so the reader is
 * compiled a second time below, with tiny limits and other names.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

/* ===================================================================== */
/*  A second reader, with tiny limits                                    */
/* ===================================================================== */

#define SMALL_MAX_LINE 32
#define SMALL_MAX_DOCUMENT 12

ws_reader *small_reader_new(ws_input_format format, const ws_allocator *alloc);
void small_reader_free(ws_reader *r);
ws_status small_reader_feed(ws_reader *r, const char *data, size_t len, ws_error *err);
void small_reader_finish(ws_reader *r);
ws_status small_reader_next(ws_reader *r, ws_document *doc, ws_error *err);

#define ws_reader_new small_reader_new
#define ws_reader_free small_reader_free
#define ws_reader_feed small_reader_feed
#define ws_reader_finish small_reader_finish
#define ws_reader_next small_reader_next
#define ws_reader_work small_reader_work
#define WS_READER_MAX_LINE SMALL_MAX_LINE
#define WS_READER_MAX_DOCUMENT SMALL_MAX_DOCUMENT
#include "../src/reader.c"
#undef ws_reader_new
#undef ws_reader_free
#undef ws_reader_feed
#undef ws_reader_finish
#undef ws_reader_next
#undef ws_reader_work

/* ===================================================================== */
/*  Transcripts                                                          */
/* ===================================================================== */

typedef struct reader_api {
    ws_reader *(*create)(ws_input_format, const ws_allocator *);
    void (*destroy)(ws_reader *);
    ws_status (*feed)(ws_reader *, const char *, size_t, ws_error *);
    void (*finish)(ws_reader *);
    ws_status (*next)(ws_reader *, ws_document *, ws_error *);
} reader_api;

static const reader_api real_api = {ws_reader_new, ws_reader_free, ws_reader_feed,
                                    ws_reader_finish, ws_reader_next};
static const reader_api small_api = {small_reader_new, small_reader_free,
                                     small_reader_feed, small_reader_finish,
                                     small_reader_next};

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            fputs("test_reader: out of memory\n", stderr);
            exit(2);
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void text_printf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    text_add(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void text_add_escaped(text *t, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x20 && c < 0x7F && c != '\\' && c != '|')
            text_add(t, (const char *)&c, 1);
        else
            text_printf(t, "\\x%02X", c);
    }
}

static void text_free(text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

/* How a run feeds the reader. */
typedef struct feeding {
    size_t piece;        /* bytes per ws_reader_feed; 0: all at once */
    unsigned seed;       /* nonzero: random pieces of 1..piece bytes */
    bool take_at_end;    /* take documents only after finishing */
    bool retry_nomem;    /* on WS_ERR_NOMEM, call again (a one-shot failure) */
} feeding;

static const char *status_word(ws_status st)
{
    switch (st) {
    case WS_OK: return "OK";
    case WS_DONE: return "DONE";
    case WS_NEED_INPUT: return "NEED_INPUT";
    case WS_ERR_NOMEM: return "NOMEM";
    case WS_ERR_INVALID_ARG: return "INVALID_ARG";
    case WS_ERR_TOO_LARGE: return "TOO_LARGE";
    case WS_ERR_JSON: return "JSON";
    case WS_ERR_WRITE: return "WRITE";
    default: break;
    }
    return "?";
}

static void record_document(text *t, const ws_document *d)
{
    text_printf(t, "doc line=%zu offset=%zu id=", d->line, d->offset);
    if (d->id) {
        text_add(t, "|", 1);
        text_add_escaped(t, d->id, d->id_len);
        text_add(t, "|", 1);
    } else {
        text_add(t, "NULL", 4);
    }
    text_add(t, " text=|", 7);
    text_add_escaped(t, d->text, d->text_len);
    text_add(t, "|\n", 2);
}

static void record_error(text *t, ws_status st, const ws_error *e)
{
    text_printf(t, "%s line=%zu byte=%zu %s\n", status_word(st), e->line,
                e->position, e->message ? e->message : "(no message)");
}

/* Takes documents until the reader wants input or is done; the last
 * status, or WS_ERR_NOMEM when a failure is not to be retried. */
static ws_status take_all(const reader_api *api, ws_reader *r, const feeding *f,
                          text *t)
{
    for (;;) {
        ws_document d;
        ws_error e = {0};
        ws_status st = api->next(r, &d, &e);
        if (st == WS_ERR_NOMEM && f->retry_nomem)
            continue;
        if (st == WS_NEED_INPUT)
            return st;
        if (st == WS_DONE) {
            text_add(t, "DONE\n", 5);
            return st;
        }
        if (st == WS_ERR_NOMEM)
            return st;
        if (st == WS_OK)
            record_document(t, &d);
        else
            record_error(t, st, &e);
    }
}

static size_t next_piece(const feeding *f, unsigned *rng, size_t left)
{
    size_t n = f->piece ? f->piece : left;
    if (f->seed && f->piece) {
        *rng = *rng * 1103515245u + 12345u;
        n = 1 + (*rng >> 8) % f->piece;
    }
    return n < left ? n : left;
}

static ws_status feed_piece(const reader_api *api, ws_reader *r, const feeding *f,
                            const char *p, size_t n)
{
    for (;;) {
        ws_error e = {0};
        ws_status st = api->feed(r, p, n, &e);
        if (st == WS_ERR_NOMEM && f->retry_nomem)
            continue;
        return st;
    }
}

/* One run of the reader over input; the transcript goes to t. Returns
 * WS_DONE when the run completed, else the status that stopped it. */
static ws_status run_reader(const reader_api *api, ws_input_format format,
                            const char *input, size_t len, const feeding *f,
                            const ws_allocator *alloc, text *t)
{
    ws_reader *r = NULL;
    while (!r) {
        r = api->create(format, alloc);
        if (!r && !f->retry_nomem)
            return WS_ERR_NOMEM;
    }
    ws_status st = WS_OK;
    unsigned rng = f->seed;
    for (size_t at = 0; at < len && st != WS_ERR_NOMEM;) {
        size_t n = next_piece(f, &rng, len - at);
        st = feed_piece(api, r, f, input + at, n);
        if (st != WS_OK)
            break;
        at += n;
        if (!f->take_at_end)
            st = take_all(api, r, f, t);
    }
    if (st != WS_ERR_NOMEM) {
        api->finish(r);
        st = take_all(api, r, f, t);
    }
    api->destroy(r);
    return st;
}

static ws_status transcript(const reader_api *api, ws_input_format format,
                            const char *input, size_t len, text *t)
{
    feeding whole = {0};
    return run_reader(api, format, input, len, &whole, NULL, t);
}

/* The transcript of input fed whole, which must equal expected. */
#define CHECK_TRANSCRIPT(api, format, input, expected)                       \
    do {                                                                   \
        text t_ = {0};                                                     \
        transcript((api), (format), (input), sizeof(input) - 1, &t_);      \
        CHECK_EQ_STR(t_.s, t_.len, (expected), strlen(expected));          \
        text_free(&t_);                                                    \
    } while (0)

#define CHECK_JSONL(input, expected) \
    CHECK_TRANSCRIPT(&real_api, WS_INPUT_JSONL, input, expected)

/* ===================================================================== */
/*  JSONL                                                                */
/* ===================================================================== */

TEST(jsonl_happy_path)
{
    CHECK_JSONL("{\"id\":\"a\",\"text\":\"Hello.\"}\n"
                "{\"text\":\"No id.\", \"id\" : \"b\" }\n"
                "{\"text\":\"\"}\n",
                "doc line=1 offset=0 id=|a| text=|Hello.|\n"
                "doc line=2 offset=27 id=|b| text=|No id.|\n"
                "doc line=3 offset=58 id=NULL text=||\n"
                "DONE\n");
}

TEST(jsonl_fields_of_the_document)
{
    static const char in[] = "{\"id\":\"x1\",\"text\":\"abc\"}\n";
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    CHECK(r != NULL);
    if (!r)
        return;
    ws_document d;
    ws_error e = {0};
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_NEED_INPUT);
    CHECK_EQ_INT(ws_reader_feed(r, in, sizeof in - 1, &e), WS_OK);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_OK);
    CHECK_EQ_CSTR(d.id, d.id_len, "x1");
    CHECK_EQ_CSTR(d.text, d.text_len, "abc");
    CHECK_EQ_INT(d.line, 1);
    CHECK_EQ_INT(d.offset, 0);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_NEED_INPUT);
    ws_reader_finish(r);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_DONE);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_DONE);
    ws_reader_free(r);
}

TEST(jsonl_escapes)
{
    CHECK_JSONL("{\"text\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u0041\\u00e9\\u20AC \\u0000\"}\n",
                "doc line=1 offset=0 id=NULL text=|q\" b\\x5C s/ "
                "\\x08\\x0C\\x0A\\x0D\\x09 A\\xC3\\xA9\\xE2\\x82\\xAC \\x00|\n"
                "DONE\n");
    /* Escapes in keys are decoded before the key is recognised. */
    CHECK_JSONL("{\"te\\u0078t\":\"k\",\"\\u0069d\":\"i\"}\n",
                "doc line=1 offset=0 id=|i| text=|k|\nDONE\n");
}

/* The JSON string scanner (shared with the writer) skips plain bytes
 * eight at a time: a quote, a backslash or a control byte at any place
 * in the word, and bytes of 0x80 and above (which look "negative" to the
 * SWAR tests), must be found exactly. */
TEST(string_runs_end_at_every_offset)
{
    static const char specials[] = {'"', '\\', 0x00, 0x01, 0x1f};
    for (size_t k = 0; k < sizeof specials; k++)
        for (size_t at = 0; at < 19; at++) {
            char s[19];
            for (size_t i = 0; i < sizeof s; i++)
                s[i] = (char)(i % 3 == 0 ? 0xE2 : i % 3 == 1 ? ' ' : 0x7f);
            s[at] = specials[k];
            CHECK(ws_json_plain_end(s, 0, sizeof s, false) == at);
            CHECK(ws_json_plain_end(s, at, sizeof s, false) == at);
        }
    char plain[19];
    memset(plain, 'a', sizeof plain);
    CHECK(ws_json_plain_end(plain, 3, sizeof plain, false) == sizeof plain);
    CHECK(ws_json_plain_end(plain, sizeof plain, sizeof plain, false) == sizeof plain);
    /* the writer's mode (ascii_only) also stops at a byte of 0x80 or above */
    for (size_t at = 0; at < sizeof plain; at++) {
        memset(plain, 'a', sizeof plain);
        plain[at] = (char)0xC3;
        CHECK(ws_json_plain_end(plain, 0, sizeof plain, true) == at);
        CHECK(ws_json_plain_end(plain, 0, sizeof plain, false) == sizeof plain);
    }
}

TEST(jsonl_surrogates)
{
    CHECK_JSONL("{\"text\":\"\\ud83d\\ude00\"}\n"          /* a pair */
                "{\"text\":\"a\\ud800b\"}\n"               /* lone high */
                "{\"text\":\"a\\udc00b\"}\n"               /* lone low */
                "{\"text\":\"\\ud800\\ud83d\\ude00\"}\n"   /* high, then a pair */
                "{\"text\":\"\\ud800\\u0041\"}\n"          /* high, then not low */
                "{\"text\":\"\\ude00\\ud83d\"}\n"          /* reversed */
                "{\"text\":\"\\uDBFF\\uDFFF\"}\n",         /* U+10FFFF */
                "doc line=1 offset=0 id=NULL text=|\\xF0\\x9F\\x98\\x80|\n"
                "doc line=2 offset=24 id=NULL text=|a\\xEF\\xBF\\xBDb|\n"
                "doc line=3 offset=44 id=NULL text=|a\\xEF\\xBF\\xBDb|\n"
                "doc line=4 offset=64 id=NULL text=|\\xEF\\xBF\\xBD\\xF0\\x9F\\x98\\x80|\n"
                "doc line=5 offset=94 id=NULL text=|\\xEF\\xBF\\xBDA|\n"
                "doc line=6 offset=118 id=NULL text=|\\xEF\\xBF\\xBD\\xEF\\xBF\\xBD|\n"
                "doc line=7 offset=142 id=NULL text=|\\xF4\\x8F\\xBF\\xBF|\n"
                "DONE\n");
}

TEST(jsonl_raw_bytes_pass_through)
{
    CHECK_JSONL("{\"text\":\"\xff\xfe \xc3 \xe2\x80\x9c\x7f\"}\n",
                "doc line=1 offset=0 id=NULL text=|\\xFF\\xFE \\xC3 \\xE2\\x80\\x9C\\x7F|\n"
                "DONE\n");
}

TEST(jsonl_ids)
{
    CHECK_JSONL("{\"id\":42,\"text\":\"a\"}\n"
                "{\"id\":-0.5e+10,\"text\":\"b\"}\n"
                "{\"id\":null,\"text\":\"c\"}\n"
                "{\"id\":\"\",\"text\":\"d\"}\n"
                "{\"id\":true,\"text\":\"e\"}\n"
                "{\"id\":[1],\"text\":\"f\"}\n",
                "doc line=1 offset=0 id=|42| text=|a|\n"
                "doc line=2 offset=21 id=|-0.5e+10| text=|b|\n"
                "doc line=3 offset=48 id=NULL text=|c|\n"
                "doc line=4 offset=71 id=|| text=|d|\n"
                "JSON line=5 byte=98 \"id\" is not a string or a number\n"
                "JSON line=6 byte=121 \"id\" is not a string or a number\n"
                "DONE\n");
}

TEST(jsonl_other_fields_skipped)
{
    CHECK_JSONL("{\"a\":{\"b\":[1,2.5,-3e2,\"x\",true,false,null,{},[]]},"
                "\"text\":\"t\",\"z\":[[[\"\\u00e9\"]]] , \"n\" : -0 }\n",
                "doc line=1 offset=0 id=NULL text=|t|\nDONE\n");
}

TEST(jsonl_missing_or_bad_text)
{
    CHECK_JSONL("{\"id\":\"a\"}\n"
                "{\"text\":1}\n"
                "{\"text\":null}\n"
                "{}\n"
                "{\"text\":\"a\",\"text\":\"b\"}\n"
                "{\"id\":\"a\",\"id\":\"b\",\"text\":\"c\"}\n",
                "JSON line=1 byte=0 missing \"text\" field\n"
                "JSON line=2 byte=19 \"text\" is not a string\n"
                "JSON line=3 byte=30 \"text\" is not a string\n"
                "JSON line=4 byte=36 missing \"text\" field\n"
                "JSON line=5 byte=58 duplicate \"text\" field\n"
                "JSON line=6 byte=78 duplicate \"id\" field\n"
                "DONE\n");
}

TEST(jsonl_malformed)
{
    CHECK_JSONL("[1]\n"
                "\"text\"\n"
                "{\"text\":\"a\"} x\n"
                "{\"text\":\"a\"}{}\n"
                "{\"text\" \"a\"}\n"
                "{\"text\":\"a\",}\n"
                "{text:\"a\"}\n"
                "{\"text\":\"a\"\n"
                "{\"text\":\"a}\n"
                "{\"text\":\"a\tb\"}\n"
                "{\"text\":\"a\\xb\"}\n"
                "{\"text\":\"a\\u12G4\"}\n"
                "{\"text\":\"a\\u12\"}\n"
                "{\"text\":\"a\",\"n\":01}\n"
                "{\"text\":\"a\",\"n\":1.}\n"
                "{\"text\":\"a\",\"n\":-}\n"
                "{\"text\":\"a\",\"n\":1e}\n"
                "{\"text\":\"a\",\"n\":tru}\n"
                "{\"text\":\"a\",\"n\":[1,]}\n"
                "{\"text\":\"a\",\"n\":[1 2]}\n"
                "{\"text\":\"a\",\"n\":'x'}\n"
                "{\"text\":\"a\\\n",
                "JSON line=1 byte=0 the line is not a JSON object\n"
                "JSON line=2 byte=4 the line is not a JSON object\n"
                "JSON line=3 byte=24 trailing characters after the object\n"
                "JSON line=4 byte=38 trailing characters after the object\n"
                "JSON line=5 byte=49 expected ':' after object key\n"
                "JSON line=6 byte=66 expected a string key\n"
                "JSON line=7 byte=69 expected a string key\n"
                "JSON line=8 byte=90 expected ',' or '}' after a value\n"
                "JSON line=9 byte=99 unterminated string\n"
                "JSON line=10 byte=113 unescaped control character in string\n"
                "JSON line=11 byte=128 invalid escape in string\n"
                "JSON line=12 byte=144 invalid \\u escape in string\n"
                "JSON line=13 byte=163 invalid \\u escape in string\n"
                "JSON line=14 byte=187 expected ',' or '}' after a value\n"
                "JSON line=15 byte=208 invalid number: no digit after '.'\n"
                "JSON line=16 byte=227 invalid number\n"
                "JSON line=17 byte=247 invalid number: no digit in the exponent\n"
                "JSON line=18 byte=265 expected a JSON value\n"
                "JSON line=19 byte=289 expected a JSON value\n"
                "JSON line=20 byte=311 expected ',' or ']' after a value\n"
                "JSON line=21 byte=331 expected a JSON value\n"
                "JSON line=22 byte=344 unterminated string\n"
                "DONE\n");
}

/* Builds a line of depth nested arrays in a skipped field. */
static void nested_line(text *t, size_t depth)
{
    text_add(t, "{\"text\":\"a\",\"n\":", 16);
    for (size_t k = 0; k < depth; k++)
        text_add(t, "[", 1);
    for (size_t k = 0; k < depth; k++)
        text_add(t, "]", 1);
    text_add(t, "}\n", 2);
}

TEST(jsonl_nesting_limit)
{
    /* The line's object is one level: 63 arrays inside it make 64. */
    text in = {0}, got = {0};
    nested_line(&in, WS_MAX_JSON_DEPTH - 1);
    nested_line(&in, WS_MAX_JSON_DEPTH);
    nested_line(&in, 100000); /* deep input must not recurse deeply */
    transcript(&real_api, WS_INPUT_JSONL, in.s, in.len, &got);
    const char *first = strchr(got.s, '\n');
    CHECK(strncmp(got.s, "doc line=1 ", 11) == 0);
    CHECK(first && strncmp(first + 1, "JSON line=2 ", 12) == 0);
    CHECK(strstr(got.s, "JSON line=3 ") != NULL);
    CHECK(strstr(got.s, "nesting deeper") != NULL);
    text_free(&in);
    text_free(&got);
}

TEST(jsonl_bad_line_3_of_5)
{
    CHECK_JSONL("{\"id\":\"1\",\"text\":\"one\"}\n"
                "{\"id\":\"2\",\"text\":\"two\"}\n"
                "{\"id\":\"3\",\"text\":\"three\" \"x\"}\n"
                "{\"id\":\"4\",\"text\":\"four\"}\n"
                "{\"id\":\"5\",\"text\":\"five\"}\n",
                "doc line=1 offset=0 id=|1| text=|one|\n"
                "doc line=2 offset=24 id=|2| text=|two|\n"
                "JSON line=3 byte=73 expected ',' or '}' after a value\n"
                "doc line=4 offset=78 id=|4| text=|four|\n"
                "doc line=5 offset=103 id=|5| text=|five|\n"
                "DONE\n");
}

TEST(jsonl_crlf_blank_lines_and_last_line)
{
    CHECK_JSONL("{\"text\":\"a\"}\r\n"
                "\r\n"
                "   \t \n"
                "\n"
                "{\"text\":\"b\"}\r\n"
                "{\"text\":\"c\"}",
                "doc line=1 offset=0 id=NULL text=|a|\n"
                "doc line=5 offset=23 id=NULL text=|b|\n"
                "doc line=6 offset=37 id=NULL text=|c|\n"
                "DONE\n");
    CHECK_JSONL("{\"text\":\"a\"", "JSON line=1 byte=11 expected ',' or '}' after a value\nDONE\n");
    CHECK_JSONL("", "DONE\n");
    CHECK_JSONL("\n\n  ", "DONE\n");
    CHECK_JSONL("\xEF\xBB\xBF{\"text\":\"bom\"}\n\xEF\xBB\xBF{\"text\":\"bom\"}\n",
                "doc line=1 offset=0 id=NULL text=|bom|\n"
                "JSON line=2 byte=18 the line is not a JSON object\n"
                "DONE\n");
}

TEST(jsonl_reader_misuse)
{
    ws_error e = {0};
    ws_document d;
    CHECK(ws_reader_new((ws_input_format)0, NULL) == NULL);
    CHECK(ws_reader_new((ws_input_format)99, NULL) == NULL);
    CHECK_EQ_INT(ws_reader_feed(NULL, "x", 1, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_reader_next(NULL, &d, &e), WS_ERR_INVALID_ARG);
    ws_reader_finish(NULL);
    ws_reader_free(NULL);
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_EQ_INT(ws_reader_feed(r, NULL, 1, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_reader_feed(r, NULL, 0, &e), WS_OK);
    CHECK_EQ_INT(ws_reader_next(r, NULL, &e), WS_ERR_INVALID_ARG);
    ws_reader_finish(r);
    CHECK_EQ_INT(ws_reader_feed(r, "x", 1, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_reader_next(r, &d, NULL), WS_DONE);
    ws_reader_free(r);
}

/* ===================================================================== */
/*  Text                                                                 */
/* ===================================================================== */

TEST(text_whole_stream)
{
    CHECK_TRANSCRIPT(&real_api, WS_INPUT_TEXT, "One.\n\n{\"text\":1}\n\xff",
                     "doc line=0 offset=0 id=NULL text=|One.\\x0A\\x0A{\"text\":1}\\x0A\\xFF|\n"
                     "DONE\n");
    CHECK_TRANSCRIPT(&real_api, WS_INPUT_TEXT, "", "doc line=0 offset=0 id=NULL text=||\nDONE\n");

    ws_reader *r = ws_reader_new(WS_INPUT_TEXT, NULL);
    CHECK(r != NULL);
    if (!r)
        return;
    ws_document d;
    ws_error e = {0};
    CHECK_EQ_INT(ws_reader_feed(r, "ab\n", 3, &e), WS_OK);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_NEED_INPUT);
    CHECK_EQ_INT(ws_reader_feed(r, "c", 1, &e), WS_OK);
    ws_reader_finish(r);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_OK);
    CHECK_EQ_CSTR(d.text, d.text_len, "ab\nc");
    CHECK(d.id == NULL);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_DONE);
    ws_reader_free(r);
}

TEST(text_too_large)
{
    /* SMALL_MAX_DOCUMENT bytes are fine; one more is refused, once. */
    CHECK_TRANSCRIPT(&small_api, WS_INPUT_TEXT, "123456789012",
                     "doc line=0 offset=0 id=NULL text=|123456789012|\nDONE\n");
    CHECK_TRANSCRIPT(&small_api, WS_INPUT_TEXT, "1234567890123",
                     "TOO_LARGE line=0 byte=12 document longer than "
                     "WS_MAX_DOCUMENT_BYTES (256 MiB)\nDONE\n");
}

/* ===================================================================== */
/*  Over-long lines (the small reader: lines of 32 bytes at most)        */
/* ===================================================================== */

static const char long_lines[] =
    "{\"text\":\"a\"}\n"
    "{\"text\":\"0123456789012345678901\"}\n"    /* 33 bytes: one too many */
    "{\"text\":\"012345678901\",\"x\":\"12\"}\n"    /* 32: fine */
    "{\"text\":\"0123456789012\"}\n"              /* a text over 12 bytes */
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"      /* two in a row */
    "{\"text\":\"b\"}\n"
    "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"; /* unfinished */

static const char long_lines_expected[] =
    "doc line=1 offset=0 id=NULL text=|a|\n"
    "TOO_LARGE line=2 byte=45 line longer than WS_MAX_LINE_BYTES (512 MiB)\n"
    "doc line=3 offset=47 id=NULL text=|012345678901|\n"
    "TOO_LARGE line=4 byte=80 document longer than WS_MAX_DOCUMENT_BYTES (256 MiB)\n"
    "TOO_LARGE line=5 byte=137 line longer than WS_MAX_LINE_BYTES (512 MiB)\n"
    "TOO_LARGE line=6 byte=280 line longer than WS_MAX_LINE_BYTES (512 MiB)\n"
    "doc line=7 offset=285 id=NULL text=|b|\n"
    "TOO_LARGE line=8 byte=330 line longer than WS_MAX_LINE_BYTES (512 MiB)\n"
    "DONE\n";

TEST(long_lines_reported_and_skipped)
{
    CHECK_TRANSCRIPT(&small_api, WS_INPUT_JSONL, long_lines, long_lines_expected);
}

/* The reader holds no more than a line's worth of an over-long line. */
TEST(long_line_memory_is_bounded)
{
    test_alloc ta;
    ws_allocator a = test_allocator(&ta, 0, false);
    ws_reader *r = small_reader_new(WS_INPUT_JSONL, &a);
    CHECK(r != NULL);
    if (!r)
        return;
    char chunk[1000];
    memset(chunk, 'x', sizeof chunk);
    ws_error e = {0};
    ws_status st = WS_OK;
    for (int k = 0; k < 1000 && st == WS_OK; k++)
        st = small_reader_feed(r, chunk, sizeof chunk, &e);
    CHECK_EQ_INT(st, WS_OK);
    st = small_reader_feed(r, "\n{\"text\":\"ok\"}\n", 15, &e);
    CHECK_EQ_INT(st, WS_OK);
    ws_document d;
    CHECK_EQ_INT(small_reader_next(r, &d, &e), WS_ERR_TOO_LARGE);
    CHECK_EQ_INT(e.line, 1);
    CHECK_EQ_INT(e.position, SMALL_MAX_LINE);
    CHECK_EQ_INT(small_reader_next(r, &d, &e), WS_OK);
    CHECK_EQ_CSTR(d.text, d.text_len, "ok");
    CHECK_EQ_INT(d.offset, 1000001);
    CHECK_EQ_INT(d.line, 2);
    CHECK(ta.peak_bytes < 4 * sizeof chunk);
    small_reader_free(r);
    CHECK_EQ_INT(ta.live, 0);
}

/* ===================================================================== */
/*  However the stream is cut                                            */
/* ===================================================================== */

typedef struct sample {
    const reader_api *api;
    ws_input_format format;
    const char *input;
    size_t len;
} sample;

#define SAMPLE(api, format, s) {(api), (format), (s), sizeof(s) - 1}

static const sample samples[] = {
    SAMPLE(&real_api, WS_INPUT_JSONL,
           "{\"id\":\"1\",\"text\":\"one \\\"two\\\" \\ud83d\\ude00\"}\n"
           "\n"
           "{\"id\":2,\"text\":\"x\"}\r\n"
           "{\"id\":\"3\",\"text\":\"three\" \"x\"}\n"
           "  \t\r\n"
           "{\"text\":\"\xe2\x80\x9cQ\xe2\x80\x9d\xff\"}\n"
           "[]\n"
           "{\"text\":\"last\",\"deep\":[[[{\"a\":[]}]]]}"),
    SAMPLE(&real_api, WS_INPUT_JSONL,
           "\xEF\xBB\xBF{\"text\":\"bom\"}\n\n\n{\"text\":\"end\"}\n"),
    SAMPLE(&real_api, WS_INPUT_JSONL, "{\"text\":\"unterminated\n{\"text\":\"b\"}\n"),
    SAMPLE(&real_api, WS_INPUT_JSONL, "\n\n\n"),
    SAMPLE(&real_api, WS_INPUT_TEXT, "Text \"with\" lines\n\nand\r\nmore\xff"),
    SAMPLE(&real_api, WS_INPUT_TEXT, ""),
    SAMPLE(&small_api, WS_INPUT_JSONL, long_lines),
    SAMPLE(&small_api, WS_INPUT_TEXT, "1234567890123"),
};

static const feeding feedings[] = {
    {.piece = 1},
    {.piece = 1, .take_at_end = true},
    {.piece = 2},
    {.piece = 3},
    {.piece = 7, .seed = 1},
    {.piece = 40, .seed = 2},
    {.piece = 40, .seed = 3, .take_at_end = true},
    {.piece = 0, .take_at_end = true},
};

TEST(any_cut_gives_the_same_documents)
{
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        const sample *sm = &samples[s];
        text whole = {0};
        transcript(sm->api, sm->format, sm->input, sm->len, &whole);
        for (size_t f = 0; f < sizeof feedings / sizeof feedings[0]; f++) {
            text cut = {0};
            run_reader(sm->api, sm->format, sm->input, sm->len, &feedings[f],
                       NULL, &cut);
            if (!CHECK_EQ_STR(cut.s, cut.len, whole.s, whole.len))
                printf("     sample %zu, feeding %zu\n", s, f);
            text_free(&cut);
        }
        text_free(&whole);
    }
}

/* A random JSONL stream: lines good and bad, short and over-long, blank,
 * with CRLF or not, the last one finished or not. */
static void random_stream(unsigned *rng, text *in)
{
    static const char *const in_text[] = {
        "abc", " ", "\\n", "\\\"", "\\ud83d\\ude00", "\\ud800", "\\u00e9",
        "\xe2\x80\x9c", "\xff", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
    static const char *const anything[] = {
        "{\"text\":\"", "{\"id\":", "\"", "\",\"text\":\"", "\"}", "}", "{", "\n",
        " ", "\\", "\\u", "[", "]", ",", ":", "1", "-2.5e3", "null", "abc", "\xff"};
    const size_t n_text = sizeof in_text / sizeof in_text[0];
    const size_t n_any = sizeof anything / sizeof anything[0];
#define RANDOM(n) (*rng = *rng * 1103515245u + 12345u, (size_t)(*rng >> 16) % (n))
    size_t lines = RANDOM(8);
    for (size_t l = 0; l < lines; l++) {
        size_t kind = RANDOM(5);
        if (kind <= 2) {
            text_printf(in, "{\"id\":%zu,\"text\":\"", l);
            for (size_t k = RANDOM(4); k > 0; k--) {
                const char *p = in_text[RANDOM(n_text)];
                text_add(in, p, strlen(p));
            }
            text_add(in, "\"}", 2);
        }
        for (size_t k = kind >= 2 ? RANDOM(4) : 0; k > 0; k--) {
            const char *p = anything[RANDOM(n_any)];
            text_add(in, p, strlen(p));
        }
        if (l + 1 == lines && RANDOM(2))
            break; /* the last line unfinished */
        if (RANDOM(3))
            text_add(in, "\n", 1);
        else
            text_add(in, "\r\n", 2);
    }
#undef RANDOM
}

/* Random streams: every way of feeding them gives the same transcript. */
TEST(random_streams_any_cut)
{
    unsigned rng = 2024;
    int differ = 0;
    for (int c = 0; c < 500; c++) {
        text in = {0};
        random_stream(&rng, &in);
        const reader_api *api = c % 2 ? &small_api : &real_api;
        text whole = {0};
        transcript(api, WS_INPUT_JSONL, in.s ? in.s : "", in.len, &whole);
        for (size_t f = 0; f < sizeof feedings / sizeof feedings[0]; f++) {
            text cut = {0};
            run_reader(api, WS_INPUT_JSONL, in.s ? in.s : "", in.len, &feedings[f],
                       NULL, &cut);
            if ((cut.len != whole.len || memcmp(cut.s, whole.s, cut.len) != 0) &&
                differ++ < 3) {
                printf("     case %d, feeding %zu: input ", c, f);
                test_print_bytes(in.s, in.len);
                printf("\n");
            }
            text_free(&cut);
        }
        text_free(&whole);
        text_free(&in);
    }
    CHECK_EQ_INT(differ, 0);
}

/* Every split into two pieces, for the first sample. */
TEST(every_split_point)
{
    const sample *sm = &samples[0];
    text whole = {0};
    transcript(sm->api, sm->format, sm->input, sm->len, &whole);
    bool same = true;
    for (size_t cut_at = 1; cut_at < sm->len; cut_at++) {
        text cut = {0};
        ws_reader *r = ws_reader_new(sm->format, NULL);
        ws_error e = {0};
        feeding f = {0};
        ws_reader_feed(r, sm->input, cut_at, &e);
        take_all(&real_api, r, &f, &cut);
        ws_reader_feed(r, sm->input + cut_at, sm->len - cut_at, &e);
        ws_reader_finish(r);
        take_all(&real_api, r, &f, &cut);
        ws_reader_free(r);
        same = same && cut.len == whole.len && memcmp(cut.s, whole.s, cut.len) == 0;
        text_free(&cut);
    }
    CHECK(same);
    text_free(&whole);
}

/* ===================================================================== */
/*  Linear time and bounded memory                                       */
/* ===================================================================== */

/* A 4 MiB line fed a byte at a time, with a ws_reader_next after each
 * byte: quadratic rescanning would take hours, not a blink. */
TEST(long_line_a_byte_at_a_time)
{
    const size_t n = (size_t)4 << 20;
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    CHECK(r != NULL);
    if (!r)
        return;
    ws_error e = {0};
    ws_document d;
    ws_status st = ws_reader_feed(r, "{\"text\":\"", 9, &e);
    for (size_t k = 0; k < n && st == WS_OK; k++) {
        st = ws_reader_feed(r, "a", 1, &e);
        if (st == WS_OK && ws_reader_next(r, &d, &e) != WS_NEED_INPUT)
            st = WS_ERR_INVALID_ARG;
    }
    CHECK_EQ_INT(st, WS_OK);
    ws_reader_feed(r, "\"}\n", 3, &e);
    CHECK_EQ_INT(ws_reader_next(r, &d, &e), WS_OK);
    CHECK_EQ_INT(d.text_len, n);
    ws_reader_free(r);
}

/* Many lines through a reader that is drained as it goes: its memory
 * follows the longest line, not the stream. */
TEST(memory_follows_the_longest_line)
{
    test_alloc ta;
    ws_allocator a = test_allocator(&ta, 0, false);
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, &a);
    CHECK(r != NULL);
    if (!r)
        return;
    text chunk = {0};
    while (chunk.len < 65536)
        text_printf(&chunk, "{\"id\":%zu,\"text\":\"Some words \\\"quoted\\\".\"}\n",
                    chunk.len);
    ws_error e = {0};
    ws_document d;
    size_t docs = 0;
    bool ok = true;
    for (int k = 0; k < 200 && ok; k++) {
        /* Cut the chunk unevenly so that lines straddle feeds. */
        ok = ws_reader_feed(r, chunk.s, 1000, &e) == WS_OK &&
             ws_reader_feed(r, chunk.s + 1000, chunk.len - 1000, &e) == WS_OK;
        while (ok && ws_reader_next(r, &d, &e) == WS_OK)
            docs++;
    }
    CHECK(ok);
    CHECK(docs > 200000);
    CHECK(ta.peak_bytes < 4 * chunk.len);
    ws_reader_free(r);
    CHECK_EQ_INT(ta.live, 0);
    text_free(&chunk);
}

/* ===================================================================== */
/*  Allocation failures                                                  */
/* ===================================================================== */

/* Fail the Nth allocation alone, for every N: the call that meets it
 * returns WS_ERR_NOMEM and trying again gives the very same transcript;
 * fail every allocation from the Nth on: the run stops with WS_ERR_NOMEM
 * and nothing leaks. */
static void check_allocation_failures(const sample *sm, size_t piece)
{
    text want = {0};
    transcript(sm->api, sm->format, sm->input, sm->len, &want);
    bool retried_same = true, stopped = true, no_leak = true;
    size_t last_calls = 0;
    for (size_t n = 1;; n++) {
        test_alloc ta;
        ws_allocator a = test_allocator(&ta, n, false);
        feeding once = {.piece = piece, .retry_nomem = true};
        text got = {0};
        run_reader(sm->api, sm->format, sm->input, sm->len, &once, &a, &got);
        retried_same = retried_same && got.len == want.len &&
                       memcmp(got.s, want.s, got.len) == 0;
        no_leak = no_leak && ta.live == 0;
        text_free(&got);

        ws_allocator b = test_allocator(&ta, n, true);
        feeding no_retry = {.piece = piece};
        ws_status st = run_reader(sm->api, sm->format, sm->input, sm->len,
                                  &no_retry, &b, &got);
        stopped = stopped && (ta.failures == 0 ? st == WS_DONE : st == WS_ERR_NOMEM);
        no_leak = no_leak && ta.live == 0;
        text_free(&got);
        if (ta.failures == 0) {
            last_calls = ta.calls;
            break;
        }
    }
    CHECK(last_calls > 0);
    CHECK(retried_same);
    CHECK(stopped);
    CHECK(no_leak);
    text_free(&want);
}

TEST(allocation_failures)
{
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        check_allocation_failures(&samples[s], 0);
        check_allocation_failures(&samples[s], 5);
    }
}

int main(void)
{
    RUN_TEST(jsonl_happy_path);
    RUN_TEST(jsonl_fields_of_the_document);
    RUN_TEST(jsonl_escapes);
    RUN_TEST(string_runs_end_at_every_offset);
    RUN_TEST(jsonl_surrogates);
    RUN_TEST(jsonl_raw_bytes_pass_through);
    RUN_TEST(jsonl_ids);
    RUN_TEST(jsonl_other_fields_skipped);
    RUN_TEST(jsonl_missing_or_bad_text);
    RUN_TEST(jsonl_malformed);
    RUN_TEST(jsonl_nesting_limit);
    RUN_TEST(jsonl_bad_line_3_of_5);
    RUN_TEST(jsonl_crlf_blank_lines_and_last_line);
    RUN_TEST(jsonl_reader_misuse);
    RUN_TEST(text_whole_stream);
    RUN_TEST(text_too_large);
    RUN_TEST(long_lines_reported_and_skipped);
    RUN_TEST(long_line_memory_is_bounded);
    RUN_TEST(any_cut_gives_the_same_documents);
    RUN_TEST(random_streams_any_cut);
    RUN_TEST(every_split_point);
    RUN_TEST(long_line_a_byte_at_a_time);
    RUN_TEST(memory_follows_the_longest_line);
    RUN_TEST(allocation_failures);
    return test_summary();
}
