/*
 * The JSONL writer: record layout, escaping, invalid UTF-8, null fields,
 * argument checks and write failures.
 *
 * Beyond the exact expectations, random byte strings go through the
 * writer and back through the library's own strict JSON reader: every
 * line must parse, and decode to the input with each invalid byte turned
 * into U+FFFD. The output is also checked as UTF-8 by an independent
 * validator.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"
#include "../src/internal.h"

/* ===================================================================== */
/*  Collecting output                                                    */
/* ===================================================================== */

typedef struct sink {
    char *data;
    size_t len, cap;
    size_t calls;
    size_t fail_at_call; /* 1-based; 0: never fail */
} sink;

static int sink_write(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    s->calls++;
    if (s->fail_at_call && s->calls >= s->fail_at_call)
        return -1;
    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 1024;
        while (cap < s->len + len + 1)
            cap *= 2;
        char *p = realloc(s->data, cap);
        if (!p)
            return -1;
        s->data = p;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

static void sink_free(sink *s)
{
    free(s->data);
    memset(s, 0, sizeof *s);
}

static const ws_span absent = {WS_NO_OFFSET, WS_NO_OFFSET};

static ws_quote make_quote(ws_quote_type type, size_t start, size_t end)
{
    ws_quote q;
    q.type = type;
    q.content.start = start;
    q.content.end = end;
    q.speaker = q.mention = q.cue = absent;
    q.rule = "test-rule";
    return q;
}

static ws_status write_quotes(const char *text, size_t len, const char *doc,
                              const ws_quote *q, size_t count, sink *out)
{
    ws_error e = {0};
    return ws_quotes_write_jsonl(text, len, doc, doc ? strlen(doc) : 0, q, count,
                                 sink_write, out, &e);
}

/* ===================================================================== */
/*  An independent UTF-8 check                                           */
/* ===================================================================== */

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, <= U+10FFFF. */
static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (n - i - 1 < k)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t m = 2; m <= k; m++)
            if ((s[i + m] & 0xC0) != 0x80)
                return false;
        i += k + 1;
    }
    return true;
}

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

TEST(full_record)
{
    static const char text[] = "\"We will win,\" said Jane Doe.";
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 1, 13);
    q.speaker = (ws_span){20, 28};
    q.mention = (ws_span){20, 28};
    q.cue = (ws_span){15, 19};
    q.rule = "after-cue";
    sink out = {0};
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, "d1", &q, 1, &out), WS_OK);
    CHECK_EQ_CSTR(out.data, out.len,
                  "{\"doc\":\"d1\",\"type\":\"direct\",\"start\":1,\"end\":13,"
                  "\"quote\":\"We will win,\",\"speaker\":\"Jane Doe\","
                  "\"speaker_start\":20,\"speaker_end\":28,\"cue\":\"said\","
                  "\"cue_start\":15,\"cue_end\":19,\"rule\":\"after-cue\"}\n");
    CHECK_EQ_INT(out.calls, 1);
    sink_free(&out);
}

/* speaker is the canonical name, wherever it stands; speaker_start and
 * speaker_end are the mention next to the quotation. */
TEST(speaker_offsets_are_the_mention)
{
    static const char text[] = "Jane Doe spoke. \"Yes,\" she said.";
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 17, 21);
    q.speaker = (ws_span){0, 8};
    q.mention = (ws_span){23, 26};
    q.cue = (ws_span){27, 31};
    q.rule = "r";
    sink out = {0};
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, "d", &q, 1, &out), WS_OK);
    CHECK_EQ_CSTR(out.data, out.len,
                  "{\"doc\":\"d\",\"type\":\"direct\",\"start\":17,\"end\":21,"
                  "\"quote\":\"Yes,\",\"speaker\":\"Jane Doe\","
                  "\"speaker_start\":23,\"speaker_end\":26,\"cue\":\"said\","
                  "\"cue_start\":27,\"cue_end\":31,\"rule\":\"r\"}\n");
    sink_free(&out);

    q.mention = absent;
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, "d", &q, 1, &out), WS_OK);
    CHECK(out.data && strstr(out.data, "\"speaker\":\"Jane Doe\",\"speaker_start\":null,"
                                       "\"speaker_end\":null,") != NULL);
    sink_free(&out);
}

/* A name across a hard wrap is written on one line; the quotation keeps
 * its line break, as it is the text's own. */
TEST(speaker_name_on_one_line)
{
    static const char text[] = "Mary \r\n  Ann\tLee said \"a\nb,\" ok";
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 23, 27);
    q.speaker = (ws_span){0, 16};
    q.rule = "r";
    sink out = {0};
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, "d", &q, 1, &out), WS_OK);
    CHECK(out.data && strstr(out.data, "\"quote\":\"a\\nb,\",\"speaker\":\"Mary Ann Lee\",") != NULL);
    sink_free(&out);
}

TEST(null_fields)
{
    static const char text[] = "They said the plan would work.";
    ws_quote q[2];
    q[0] = make_quote(WS_QUOTE_INDIRECT, 10, 29);
    q[0].rule = NULL;
    q[1] = make_quote(WS_QUOTE_DIRECT, 0, 0);
    q[1].speaker = (ws_span){WS_NO_OFFSET, 3}; /* absent: start says so */
    sink out = {0};
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, NULL, q, 2, &out), WS_OK);
    CHECK_EQ_CSTR(out.data, out.len,
                  "{\"doc\":null,\"type\":\"indirect\",\"start\":10,\"end\":29,"
                  "\"quote\":\"the plan would work\",\"speaker\":null,"
                  "\"speaker_start\":null,\"speaker_end\":null,\"cue\":null,"
                  "\"cue_start\":null,\"cue_end\":null,\"rule\":null}\n"
                  "{\"doc\":null,\"type\":\"direct\",\"start\":0,\"end\":0,"
                  "\"quote\":\"\",\"speaker\":null,"
                  "\"speaker_start\":null,\"speaker_end\":null,\"cue\":null,"
                  "\"cue_start\":null,\"cue_end\":null,\"rule\":\"test-rule\"}\n");
    sink_free(&out);
}

TEST(no_records_write_nothing)
{
    sink out = {0};
    CHECK_EQ_INT(write_quotes("abc", 3, "d", NULL, 0, &out), WS_OK);
    CHECK_EQ_INT(out.len, 0);
    CHECK_EQ_INT(out.calls, 0);
    CHECK_EQ_INT(write_quotes(NULL, 0, "d", NULL, 0, &out), WS_OK);
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 0, 0);
    CHECK_EQ_INT(write_quotes(NULL, 0, "d", &q, 1, &out), WS_OK);
    CHECK(out.len > 0);
    sink_free(&out);
}

/* ===================================================================== */
/*  Escaping                                                             */
/* ===================================================================== */

/* The "quote" value written for text[0..len). */
static void check_quote_value(const char *text, size_t len, const char *want,
                              int line)
{
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 0, len);
    sink out = {0};
    ws_status st = write_quotes(text, len, "d", &q, 1, &out);
    test_check(st == WS_OK, __FILE__, line, "written");
    const char *from = out.data ? strstr(out.data, ",\"quote\":") : NULL;
    const char *to = from ? strstr(from, ",\"speaker\":") : NULL;
    if (test_check(from && to, __FILE__, line, "a quote field")) {
        from += strlen(",\"quote\":");
        test_check_eq_str(from, (size_t)(to - from), want, strlen(want),
                          __FILE__, line, "the quote as written");
    }
    test_check(out.data && valid_utf8((const unsigned char *)out.data, out.len),
               __FILE__, line, "valid UTF-8");
    sink_free(&out);
}

#define CHECK_QUOTE(text, want) check_quote_value((text), sizeof(text) - 1, (want), __LINE__)

TEST(escaping)
{
    CHECK_QUOTE("plain", "\"plain\"");
    CHECK_QUOTE("q\"b\\s/", "\"q\\\"b\\\\s/\"");
    CHECK_QUOTE("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
    CHECK_QUOTE("\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"");
    CHECK_QUOTE("a\0b", "\"a\\u0000b\"");
    CHECK_QUOTE("\xc3\xa9 \xe2\x80\x9cQ\xe2\x80\x9d \xf0\x9f\x98\x80 \xef\xbf\xbd",
                "\"\xc3\xa9 \xe2\x80\x9cQ\xe2\x80\x9d \xf0\x9f\x98\x80 \xef\xbf\xbd\"");
    CHECK_QUOTE("a\xe2\x80\xa8z\xe2\x80\xa9", "\"a\\u2028z\\u2029\"");
    /* A run longer than a machine word, with the special byte at each
     * position of the word. */
    CHECK_QUOTE("abcdefgh\"ijklmnop", "\"abcdefgh\\\"ijklmnop\"");
    CHECK_QUOTE("abcdefghijklmno\n", "\"abcdefghijklmno\\n\"");
    CHECK_QUOTE("abcdefghijklmn\xc3\xa9", "\"abcdefghijklmn\xc3\xa9\"");
}

#define FFFD "\xef\xbf\xbd"

TEST(invalid_utf8_becomes_fffd)
{
    CHECK_QUOTE("\xff", "\"" FFFD "\"");
    CHECK_QUOTE("a\x80z", "\"a" FFFD "z\"");
    CHECK_QUOTE("\xc3", "\"" FFFD "\"");                       /* truncated */
    CHECK_QUOTE("\xe2\x80", "\"" FFFD FFFD "\"");             /* truncated */
    CHECK_QUOTE("\xc0\xaf", "\"" FFFD FFFD "\"");             /* overlong */
    CHECK_QUOTE("\xed\xa0\x80", "\"" FFFD FFFD FFFD "\"");    /* surrogate */
    CHECK_QUOTE("\xf4\x90\x80\x80", "\"" FFFD FFFD FFFD FFFD "\""); /* > U+10FFFF */
    CHECK_QUOTE("\xe2\x80\x9c\xff\xe2\x80\x9d", "\"\xe2\x80\x9c" FFFD "\xe2\x80\x9d\"");
}

/* A span that cuts a character: its bytes inside the span are invalid. */
TEST(span_cutting_a_character)
{
    static const char text[] = "\xe2\x80\x9cHi\xe2\x80\x9d";
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 1, 7);
    sink out = {0};
    CHECK_EQ_INT(write_quotes(text, sizeof text - 1, "d", &q, 1, &out), WS_OK);
    CHECK(out.data && strstr(out.data, "\"quote\":\"" FFFD FFFD "Hi" FFFD FFFD "\""));
    CHECK(out.data && valid_utf8((const unsigned char *)out.data, out.len));
    sink_free(&out);
}

TEST(doc_and_rule_are_escaped)
{
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 0, 1);
    q.rule = "r\"1";
    sink out = {0};
    CHECK_EQ_INT(write_quotes("x", 1, "a\"b\n\xff", &q, 1, &out), WS_OK);
    static const char want[] = "{\"doc\":\"a\\\"b\\n" FFFD "\",";
    CHECK(out.data && strncmp(out.data, want, sizeof want - 1) == 0);
    CHECK(out.data && strstr(out.data, ",\"rule\":\"r\\\"1\"}\n") != NULL);
    sink_free(&out);
}

/* ===================================================================== */
/*  Round trip through the reader                                        */
/* ===================================================================== */

/* text with each invalid byte replaced by U+FFFD: what the output holds. */
static char *sanitised(const char *s, size_t n, size_t *out_len)
{
    char *r = malloc(3 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t len = ws_utf8_decode(s, n, i, &cp);
        if (len == 1 && (unsigned char)s[i] >= 0x80) {
            memcpy(r + k, FFFD, 3);
            k += 3;
        } else {
            memcpy(r + k, s + i, len);
            k += len;
        }
        i += len;
    }
    *out_len = k;
    return r;
}

/* The output line for doc = text = s, read back by the library's reader
 * with "doc" renamed "text": the line must be strict JSON, and its doc
 * must decode to the sanitised input. */
static bool round_trip(const char *s, size_t n)
{
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 0, n);
    q.speaker = (ws_span){0, n};
    sink out = {0};
    ws_error e = {0};
    bool ok = ws_quotes_write_jsonl(s, n, s, n, &q, 1, sink_write, &out, &e) == WS_OK;
    ok = ok && out.len > 8 && memcmp(out.data, "{\"doc\":", 7) == 0;
    ok = ok && valid_utf8((const unsigned char *)out.data, out.len);
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    ok = ok && r;
    if (ok) {
        ws_document d;
        ws_reader_feed(r, "{\"text\":", 8, &e);
        ws_reader_feed(r, out.data + 7, out.len - 7, &e);
        ws_reader_finish(r);
        size_t want_len;
        char *want = sanitised(s, n, &want_len);
        ok = ws_reader_next(r, &d, &e) == WS_OK && d.text_len == want_len &&
             memcmp(d.text, want, want_len) == 0 &&
             ws_reader_next(r, &d, &e) == WS_DONE;
        free(want);
    }
    ws_reader_free(r);
    sink_free(&out);
    return ok;
}

TEST(random_bytes_round_trip)
{
    unsigned rng = 12345;
    char buf[300];
    int bad = 0;
    for (int t = 0; t < 3000; t++) {
        size_t n = (size_t)(t % 300);
        for (size_t k = 0; k < n; k++) {
            rng = rng * 1103515245u + 12345u;
            unsigned v = rng >> 16;
            /* Mostly text, with some of every kind of byte. */
            buf[k] = (char)(v % 4 == 0 ? (v >> 2) & 0xFF : v % 4 == 1 ? 0xE2 : 'a' + v % 26);
            if (v % 7 == 0)
                buf[k] = (char)(0x80 + (v >> 3) % 64);
        }
        if (!round_trip(buf, n) && bad++ < 3)
            printf("     round trip failed for %zu random bytes (case %d)\n", n, t);
    }
    CHECK_EQ_INT(bad, 0);
}

/* Longer than the writer's buffer, so that it is flushed mid-string. */
TEST(long_quote_round_trip)
{
    size_t n = 200000;
    char *big = malloc(n);
    CHECK(big != NULL);
    if (!big)
        return;
    static const char pattern[] = "word \"\xe2\x80\x9c\\\n\x01\xff\xe2\x80\xa8 ";
    for (size_t k = 0; k < n; k++)
        big[k] = pattern[k % (sizeof pattern - 1)];
    CHECK(round_trip(big, n));
    free(big);
}

/* ===================================================================== */
/*  Bad arguments and write failures                                     */
/* ===================================================================== */

TEST(offsets_out_of_range)
{
    static const char text[] = "0123456789";
    size_t len = sizeof text - 1;
    ws_quote good = make_quote(WS_QUOTE_DIRECT, 0, 10);
    ws_quote bad[10];
    for (size_t k = 0; k < 10; k++)
        bad[k] = good;
    bad[0].content = (ws_span){0, 11};
    bad[1].content = (ws_span){5, 4};
    bad[2].content = absent;
    bad[3].speaker = (ws_span){3, 11};
    bad[4].speaker = (ws_span){7, 6};
    bad[5].cue = (ws_span){11, 12};
    bad[6].cue = (ws_span){2, WS_NO_OFFSET};
    bad[7].type = (ws_quote_type)3;
    bad[8].mention = (ws_span){0, 11};
    bad[9].mention = (ws_span){4, 3};
    for (size_t k = 0; k < 10; k++) {
        ws_quote pair[2] = {good, bad[k]};
        sink out = {0};
        ws_error e = {0};
        ws_status st = ws_quotes_write_jsonl(text, len, "d", 1, pair, 2, sink_write,
                                             &out, &e);
        if (!CHECK_EQ_INT(st, WS_ERR_INVALID_ARG))
            printf("     bad record %zu\n", k);
        CHECK_EQ_INT(e.code, WS_ERR_INVALID_ARG);
        CHECK(e.message != NULL);
        CHECK_EQ_INT(out.calls, 0); /* nothing half-written */
        sink_free(&out);
    }
    sink out = {0};
    ws_error e = {0};
    CHECK_EQ_INT(ws_quotes_write_jsonl(text, len, "d", 1, &good, 1, NULL, &out, &e),
                 WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_quotes_write_jsonl(NULL, 3, "d", 1, &good, 1, sink_write, &out, &e),
                 WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_quotes_write_jsonl(text, len, "d", 1, NULL, 1, sink_write, &out, &e),
                 WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(out.calls, 0);
    sink_free(&out);
}

TEST(write_failure)
{
    static const char text[] = "\"Yes,\" she said.";
    ws_quote q = make_quote(WS_QUOTE_DIRECT, 1, 5);
    sink out = {.fail_at_call = 1};
    ws_error e = {0};
    CHECK_EQ_INT(ws_quotes_write_jsonl(text, sizeof text - 1, "d", 1, &q, 1,
                                       sink_write, &out, &e), WS_ERR_WRITE);
    CHECK_EQ_INT(e.code, WS_ERR_WRITE);
    CHECK(e.message != NULL);
    sink_free(&out);

    /* A failure after the first flush stops the writing there. */
    size_t n = 100000;
    char *big = malloc(n);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'a', n);
    ws_quote many[20];
    for (size_t k = 0; k < 20; k++)
        many[k] = make_quote(WS_QUOTE_DIRECT, 0, n);
    sink later = {.fail_at_call = 2};
    CHECK_EQ_INT(ws_quotes_write_jsonl(big, n, "d", 1, many, 20, sink_write,
                                       &later, &e), WS_ERR_WRITE);
    CHECK_EQ_INT(later.calls, 2);
    sink_free(&later);

    /* The same without failure: every byte arrives, in few calls. */
    sink all = {0};
    CHECK_EQ_INT(ws_quotes_write_jsonl(big, n, "d", 1, many, 20, sink_write, &all, &e),
                 WS_OK);
    CHECK(all.len > 20 * n);
    CHECK(all.calls < all.len / 4096);
    size_t lines = 0;
    for (size_t k = 0; k < all.len; k++)
        lines += all.data[k] == '\n';
    CHECK_EQ_INT(lines, 20);
    sink_free(&all);
    free(big);
}

int main(void)
{
    RUN_TEST(full_record);
    RUN_TEST(speaker_offsets_are_the_mention);
    RUN_TEST(speaker_name_on_one_line);
    RUN_TEST(null_fields);
    RUN_TEST(no_records_write_nothing);
    RUN_TEST(escaping);
    RUN_TEST(invalid_utf8_becomes_fffd);
    RUN_TEST(span_cutting_a_character);
    RUN_TEST(doc_and_rule_are_escaped);
    RUN_TEST(random_bytes_round_trip);
    RUN_TEST(long_quote_round_trip);
    RUN_TEST(offsets_out_of_range);
    RUN_TEST(write_failure);
    return test_summary();
}
