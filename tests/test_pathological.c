/*
 * Pathological input through the public API: the work ws_extract does
 * must grow linearly with the input, whatever the input, and everything it
 * returns must stay on the input's bytes.
 *
 * For each family of bad input (unmatched and deeply nested quotation
 * marks, every byte value, NUL bytes, a very long word, one huge paragraph
 * of quotations and cues, ...) the document is built at a size N and at
 * 4N, and ws_extractor_work() after each must satisfy
 *
 *     work(4N) <= 4 * 1.25 * work(N)
 *
 * The work counter is the library's own count of units of work, so the
 * test never depends on timing. Includes the two sizes from the limits
 * (docs/limits.md): 10 MiB of unmatched quotation marks (against 2.5 MiB),
 * a 1 MiB paragraph (against 256 KiB) and a 10 MiB line with no break of
 * quotations and cues (against 2.5 MiB). The reader's own pathological
 * streams are tests/test_pathological_input.c. A document over
 * WS_MAX_DOCUMENT_BYTES (256 MiB) is not tried: too costly for a unit test.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

#define KIB ((size_t)1024)
#define MIB (KIB * KIB)

/* ---- building the documents ---------------------------------------------- */

/* Fill buf[0..n) with pattern repeated, the last copy cut short. */
static void fill_pattern(char *buf, size_t n, const char *pat, size_t plen)
{
    for (size_t i = 0; i < n; i += plen)
        memcpy(buf + i, pat, n - i < plen ? n - i : plen);
}

#define PATTERN(name, text)                                                \
    static void name(char *buf, size_t n)                                  \
    {                                                                      \
        static const char pat[] = text;                                    \
        fill_pattern(buf, n, pat, sizeof pat - 1);                         \
    }

PATTERN(gen_straight_only, "\"")
PATTERN(gen_straight_words, "\"We will ")
PATTERN(gen_open_only, "\xe2\x80\x9cWe ")           /* “We  */
PATTERN(gen_close_only, "win\xe2\x80\x9d ")         /* win”  */
PATTERN(gen_reversed, "\xe2\x80\x9d no \xe2\x80\x9c yes ")  /* ” no “ yes */
PATTERN(gen_crossed, "\xe2\x80\x9c" "a \xe2\x80\x98" "b \xe2\x80\x9d" "c \xe2\x80\x99" "d ")
PATTERN(gen_apostrophes, "''We will win'' ''")
PATTERN(gen_prose,
        "The mayor arrived at noon. \"We will win,\" he said. \"The vote is "
        "on Friday,\" said Jane Smith, the mayor of the town. She said that "
        "the plan was sound, according to her aides. \xe2\x80\x9cNo,\xe2\x80"
        "\x9d he told reporters, \xe2\x80\x9cnot yet.\xe2\x80\x9d ")
PATTERN(gen_said_that, "the mayor said that ")
PATTERN(gen_according_to, "according to Mr. Smith, ")
PATTERN(gen_short_paragraphs,
        "\"No,\" he said.\n\"Yes,\" she told reporters.\n\n\xe2\x80\x9cMaybe,"
        "\xe2\x80\x9d they added.\n")
PATTERN(gen_mark_paragraphs,
        "\xe2\x80\x9c\n\n\xe2\x80\x9d\n\n\"\n\n\xe2\x80\x98\n\xe2\x80\x99\n'\n")
PATTERN(gen_nul_prose, "\"We\0will\0win,\"\0she\0said.\0")
PATTERN(gen_capitals, "Smith Jones Brown ")

static void gen_every_byte(char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(unsigned char)(i & 0xFF);
}

static void gen_nul(char *buf, size_t n)
{
    memset(buf, 0, n);
}

/* Half opening marks, half closing ones: “a ‘b “a ‘b ... c’ d” c’ d”. */
static void gen_deep_nesting(char *buf, size_t n)
{
    static const char open[] = "\xe2\x80\x9c" "a \xe2\x80\x98" "b ";
    static const char close[] = "c\xe2\x80\x99 d\xe2\x80\x9d ";
    fill_pattern(buf, n / 2, open, sizeof open - 1);
    fill_pattern(buf + n / 2, n - n / 2, close, sizeof close - 1);
}

/* One word of letters inside a quotation: "aaaa...a," he said. */
static void gen_long_word(char *buf, size_t n)
{
    static const char tail[] = ",\" he said.";
    size_t t = sizeof tail - 1;
    memset(buf, 'a', n);
    buf[0] = '"';
    memcpy(buf + n - t, tail, t);
}

/* A run of distinct names joined by a pattern: "Zxaa's Zxab's ...",
 * "Zxaa co-founder Zxab co-founder ...". Each name could merge with the
 * one before it; merging must stop (WS_MAX_PHRASE_TOKENS) or the run
 * grows one mention without end. */
static void fill_names(char *buf, size_t n, const char *joint)
{
    size_t i = 0;
    for (unsigned k = 0; i < n; k++) {
        char s[64];
        int len = snprintf(s, sizeof s, "Zx%c%c%c%s", 'a' + k % 26, 'a' + k / 26 % 26,
                           'a' + k / 676 % 26, joint);
        size_t m = (size_t)len < n - i ? (size_t)len : n - i;
        memcpy(buf + i, s, m);
        i += m;
    }
}

static void gen_possessive_names(char *buf, size_t n) { fill_names(buf, n, "'s "); }
static void gen_cofounder_chain(char *buf, size_t n) { fill_names(buf, n, " co-founder "); }
static void gen_senator_chain(char *buf, size_t n) { fill_names(buf, n, " senator "); }
PATTERN(gen_spokesman_chain, "Smith's spokesman's ")

/* One long sentence, then many quotations with no cue of their own: each
 * asks whether it shares a sentence with the attributed one. */
static void gen_long_sentence_then_quotes(char *buf, size_t n)
{
    static const char head[] = "Bob said, \"we will win the vote.\" ";
    size_t h = sizeof head - 1;
    memcpy(buf, head, h);
    fill_pattern(buf + h, n / 2 - h, "and ", 4);
    fill_pattern(buf + n / 2, n - n / 2, ". \"a\" ", 6);
}

/* A "name" of half the document, then many attributed quotations: the
 * speaker text, written once per record, must not be that name. */
static void gen_giant_name_then_quotes(char *buf, size_t n)
{
    static const char mid[] = " said. ";
    buf[0] = 'Z';
    memset(buf + 1, 'a', n / 2);
    memcpy(buf + n / 2, mid, sizeof mid - 1);
    size_t s = n / 2 + sizeof mid - 1;
    fill_pattern(buf + s, n - s, "\"Yes,\" he said. ", 16);
}

/* Sentences with every speaker a new name: "Yes," said Bab Cab. */
static void gen_many_names(char *buf, size_t n)
{
    size_t i = 0;
    for (unsigned k = 0; i < n; k++) {
        char s[64];
        int len = snprintf(s, sizeof s, "\"Yes,\" said %c%c%c %c%c%c. ",
                           'A' + k % 26, 'a' + k / 26 % 26, 'a' + k / 676 % 26,
                           'A' + k / 17576 % 26, 'a' + k % 7, 'b' + k % 5);
        size_t m = (size_t)len < n - i ? (size_t)len : n - i;
        memcpy(buf + i, s, m);
        i += m;
    }
}

typedef struct family {
    const char *name;
    void (*gen)(char *buf, size_t n);
    size_t n; /* the smaller size; the larger is 4n */
} family;

static const family families[] = {
    {"straight quotation marks only", gen_straight_only, 256 * KIB},
    {"straight marks between words", gen_straight_words, 256 * KIB},
    {"opening typographic marks alone", gen_open_only, 256 * KIB},
    {"closing typographic marks alone", gen_close_only, 256 * KIB},
    {"typographic marks the wrong way round", gen_reversed, 256 * KIB},
    {"single and double marks crossed", gen_crossed, 256 * KIB},
    {"doubled apostrophes", gen_apostrophes, 256 * KIB},
    {"one paragraph of quotations and cues", gen_prose, 256 * KIB},
    {"one sentence of 'said that'", gen_said_that, 256 * KIB},
    {"one sentence of 'according to'", gen_according_to, 256 * KIB},
    {"many short quotation paragraphs", gen_short_paragraphs, 256 * KIB},
    {"paragraphs of quotation marks only", gen_mark_paragraphs, 256 * KIB},
    {"every byte value", gen_every_byte, 256 * KIB},
    {"NUL bytes only", gen_nul, 256 * KIB},
    {"NUL bytes in a quotation", gen_nul_prose, 256 * KIB},
    {"deep nesting of double and single marks", gen_deep_nesting, 256 * KIB},
    {"a very long word in a quotation", gen_long_word, 256 * KIB},
    {"a run of capitalised names", gen_capitals, 256 * KIB},
    {"a new speaker name in every sentence", gen_many_names, 256 * KIB},
    {"distinct possessive names: Zxaa's Zxab's", gen_possessive_names, 256 * KIB},
    {"names joined by titles: Zxaa co-founder Zxab", gen_cofounder_chain, 256 * KIB},
    {"names joined by roles: Zxaa senator Zxab", gen_senator_chain, 256 * KIB},
    {"possessive roles: Smith's spokesman's", gen_spokesman_chain, 256 * KIB},
    {"a long sentence, then quotations without cues", gen_long_sentence_then_quotes, 256 * KIB},
    {"a giant name, then attributed quotations", gen_giant_name_then_quotes, 256 * KIB},
    /* the limits' own cases */
    {"10 MiB of unmatched opening marks", gen_open_only, 10 * MIB / 4},
    {"a 10 MiB line of quotations and cues", gen_prose, 10 * MIB / 4},
};

/* ---- checking the output ----------------------------------------------- */

/* The output sink: counts bytes and lines, and checks as it goes that the
 * output is valid UTF-8 with no raw control character (U+0000-U+001F) but
 * the line ends. */
typedef struct sink {
    size_t bytes, lines;
    int need;            /* continuation bytes still expected */
    unsigned char lo, hi; /* range of the next continuation byte */
    int bad;             /* an invalid byte was seen */
    size_t bad_at;
} sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        size_t at = s->bytes + i;
        if (s->need) {
            if (c < s->lo || c > s->hi) {
                if (!s->bad)
                    s->bad_at = at;
                s->bad = 1;
                s->need = 0;
                continue;
            }
            s->need--;
            s->lo = 0x80;
            s->hi = 0xBF;
            continue;
        }
        s->lo = 0x80;
        s->hi = 0xBF;
        if (c == '\n')
            s->lines++;
        else if (c < 0x20)
            goto invalid; /* JSON escapes every control character */
        else if (c < 0x80)
            continue;
        else if (c >= 0xC2 && c <= 0xDF)
            s->need = 1;
        else if (c == 0xE0)
            s->need = 2, s->lo = 0xA0;
        else if (c == 0xED)
            s->need = 2, s->hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF)
            s->need = 2;
        else if (c == 0xF0)
            s->need = 3, s->lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3)
            s->need = 3;
        else if (c == 0xF4)
            s->need = 3, s->hi = 0x8F;
        else
            goto invalid;
        continue;
    invalid:
        if (!s->bad)
            s->bad_at = at;
        s->bad = 1;
    }
    s->bytes += len;
    return 0;
}

/* A span is absent (both ends WS_NO_OFFSET) or within [0, len], start <=
 * end. */
static int span_ok(ws_span sp, size_t len, int may_be_absent)
{
    if (sp.start == WS_NO_OFFSET || sp.end == WS_NO_OFFSET)
        return may_be_absent && sp.start == sp.end;
    return sp.start <= sp.end && sp.end <= len;
}

/* Check what one ws_extract returned; prints the first bad record. */
static int records_ok(const char *what, const ws_quote *q, size_t count,
                      size_t len)
{
    for (size_t i = 0; i < count; i++) {
        const ws_quote *r = &q[i];
        const char *why = NULL;
        if (r->type != WS_QUOTE_DIRECT && r->type != WS_QUOTE_INDIRECT)
            why = "type";
        else if (!span_ok(r->content, len, 0))
            why = "content span";
        else if (!span_ok(r->speaker, len, 1))
            why = "speaker span";
        else if (!span_ok(r->mention, len, 1))
            why = "mention span";
        else if (!span_ok(r->cue, len, 1))
            why = "cue span";
        else if (!r->rule)
            why = "rule (NULL)";
        else if (i > 0 && r->content.start < q[i - 1].content.start)
            why = "order (not sorted by start)";
        if (why) {
            printf("  %s: record %zu of %zu: bad %s: content [%zu, %zu) "
                   "speaker [%zu, %zu) mention [%zu, %zu) cue [%zu, %zu), "
                   "document length %zu\n",
                   what, i, count, why, r->content.start, r->content.end,
                   r->speaker.start, r->speaker.end, r->mention.start,
                   r->mention.end, r->cue.start, r->cue.end, len);
            return 0;
        }
    }
    return 1;
}

/* The outcome of one document. */
typedef struct run {
    int status_ok, records_ok, output_ok;
    uint64_t work;
    size_t count, out_bytes;
} run;

static run run_one(ws_extractor *x, const char *what, const char *text,
                   size_t len)
{
    run r;
    memset(&r, 0, sizeof r);
    const ws_quote *q = NULL;
    ws_error err;
    memset(&err, 0, sizeof err);
    ws_status st = ws_extract(x, text, len, &q, &r.count, &err);
    r.work = ws_extractor_work(x);
    r.status_ok = st == WS_OK;
    if (!r.status_ok) {
        printf("  %s: ws_extract: %s (%s at %zu)\n", what, ws_status_name(st),
               err.message ? err.message : "?", err.position);
        return r;
    }
    r.records_ok = records_ok(what, q, r.count, len);
    if (!r.records_ok)
        return r;
    sink s;
    memset(&s, 0, sizeof s);
    st = ws_quotes_write_jsonl(text, len, "p", 1, q, r.count, sink_write, &s,
                               &err);
    r.out_bytes = s.bytes;
    r.output_ok = st == WS_OK && !s.bad && s.need == 0 && s.lines == r.count &&
                  (s.bytes == 0 || s.lines > 0);
    if (!r.output_ok)
        printf("  %s: output: %s, %zu lines for %zu records, %s at byte %zu\n",
               what, ws_status_name(st), s.lines, r.count,
               s.bad || s.need ? "not valid UTF-8 JSON text" : "valid",
               s.bad_at);
    return r;
}

static void test_family(ws_extractor *x, const family *f)
{
    size_t n = f->n, n4 = 4 * f->n;
    test_current = f->name; /* named in the failures CHECK prints */
    char *buf = malloc(n4);
    CHECK(buf != NULL);
    if (!buf) {
        test_current = "";
        return;
    }
    char what[160];

    f->gen(buf, n);
    snprintf(what, sizeof what, "%s, %zu bytes", f->name, n);
    run small = run_one(x, what, buf, n);

    f->gen(buf, n4);
    snprintf(what, sizeof what, "%s, %zu bytes", f->name, n4);
    run large = run_one(x, what, buf, n4);

    /* Again at the small size with the scratch buffers of the large one:
     * the same records. */
    f->gen(buf, n);
    snprintf(what, sizeof what, "%s, %zu bytes again", f->name, n);
    run again = run_one(x, what, buf, n);

    CHECK(small.status_ok && large.status_ok && again.status_ok);
    CHECK(small.records_ok && large.records_ok && again.records_ok);
    CHECK(small.output_ok && large.output_ok && again.output_ok);
    CHECK(small.work > 0 && large.work > 0);
    int linear = large.work <= 5 * small.work;
    CHECK(linear);
    int out_linear = large.out_bytes <= 5 * small.out_bytes + 4096;
    CHECK(out_linear);
    int same = again.count == small.count && again.out_bytes == small.out_bytes;
    CHECK(same);

    printf("  %-42s work %10llu -> %10llu (x%.2f), %zu -> %zu records\n",
           f->name, (unsigned long long)small.work,
           (unsigned long long)large.work,
           small.work ? (double)large.work / (double)small.work : 0.0,
           small.count, large.count);
    if (!linear)
        printf("  FAIL %s: work grew x%.2f for x4 input (limit x5)\n", f->name,
               small.work ? (double)large.work / (double)small.work : 0.0);
    if (!out_linear)
        printf("  FAIL %s: output grew from %zu to %zu bytes for x4 input\n",
               f->name, small.out_bytes, large.out_bytes);
    if (!same)
        printf("  FAIL %s: the same document again gave %zu records, %zu "
               "bytes of output (first: %zu, %zu)\n",
               f->name, again.count, again.out_bytes, small.count,
               small.out_bytes);
    free(buf);
    test_current = "";
}

static void test_edges(ws_extractor *x)
{
    const ws_quote *q = NULL;
    size_t count = 99;
    ws_error err;
    memset(&err, 0, sizeof err);

    /* NULL text of length 0 is the empty document. */
    CHECK(ws_extract(x, NULL, 0, &q, &count, &err) == WS_OK);
    CHECK(count == 0);

    /* A NULL extractor is an invalid argument, not a crash. */
    count = 99;
    static const char yes[] = "\"Yes,\" he said.";
    CHECK(ws_extract(NULL, yes, sizeof yes - 1, &q, &count, &err) ==
          WS_ERR_INVALID_ARG);

    /* One byte of each value, alone. */
    int all_ok = 1;
    for (int c = 0; c < 256; c++) {
        char b = (char)c;
        char what[32];
        snprintf(what, sizeof what, "the byte 0x%02X alone", c);
        run r = run_one(x, what, &b, 1);
        all_ok &= r.status_ok && r.records_ok && r.output_ok;
    }
    CHECK(all_ok);
}

int main(void)
{
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    CHECK(x != NULL);
    if (!x)
        return test_summary();
    test_current = "edges";
    test_edges(x);
    test_current = "";
    printf("work at N -> 4N (the limit is x5):\n");
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
        test_family(x, &families[i]);
    ws_extractor_free(x);
    return test_summary();
}
