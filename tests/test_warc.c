/*
 * The WARC reader (WS_INPUT_WARC) through the public API, on archives
 * built in memory with zlib (tests/warc_fixture.h): gzip with a member
 * per record, and uncompressed.
 *
 * Checked: every record is accounted for exactly once (a page, a skip
 * with its reason, or an error); every provenance field; that inflating
 * the stored bytes [record_offset, record_offset + record_length) gives
 * exactly that record; that the results are the same fed whole, a byte at
 * a time and in random pieces; damage (a truncated last member, a
 * Content-Length that lies either way, a corrupt member in the middle,
 * bytes between members, garbage) gives one error for the record it hits
 * and the others still come out; limits (with the reader compiled a
 * second time with tiny ones) and bounded memory; failing each allocation
 * in turn gives WS_ERR_NOMEM, the same results on retry and no leak.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "warc_fixture.h"
#include "whosaid.h"

/* ===================================================================== */
/*  The WARC stage a second time, with tiny limits                       */
/* ===================================================================== */

#define SMALL_MAX_HEADER 256
#define SMALL_MAX_DOCUMENT 200
#define SMALL_MAX_RESYNC 65536

#define ws_warc_new small_warc_new
#define ws_warc_free small_warc_free
#define ws_warc_feed small_warc_feed
#define ws_warc_finish small_warc_finish
#define ws_warc_next small_warc_next
#define ws_warc_work small_warc_work
#define WS_WARC_MAX_HEADER SMALL_MAX_HEADER
#define WS_WARC_MAX_DOCUMENT SMALL_MAX_DOCUMENT
#define WS_WARC_MAX_RESYNC SMALL_MAX_RESYNC
#include "../src/warc.c"
#undef ws_warc_new
#undef ws_warc_free
#undef ws_warc_feed
#undef ws_warc_finish
#undef ws_warc_next
#undef ws_warc_work

/* ===================================================================== */
/*  Results                                                              */
/* ===================================================================== */

/* One result of ws_reader_next, copied. */
typedef struct result {
    ws_status st;
    ws_skip skip;
    fx_bytes id, url, date, charset, text;
    size_t offset;
    uint64_t record_offset, record_length;
    size_t position; /* errors */
    ws_content content;
} result;

typedef struct results {
    result r[64];
    size_t n;
    size_t nomem;     /* WS_ERR_NOMEM returned (and retried) */
    bool overflow;
} results;

static void copy_str(fx_bytes *b, const char *p, size_t n)
{
    b->len = 0;
    fx_put(b, p, n);
}

static void results_free(results *rs)
{
    for (size_t k = 0; k < rs->n; k++) {
        fx_free(&rs->r[k].id);
        fx_free(&rs->r[k].url);
        fx_free(&rs->r[k].date);
        fx_free(&rs->r[k].charset);
        fx_free(&rs->r[k].text);
    }
    rs->n = 0;
}

static void record_result(results *rs, ws_status st, const ws_document *d, const ws_error *e)
{
    if (rs->n == sizeof rs->r / sizeof rs->r[0]) {
        rs->overflow = true;
        return;
    }
    result *r = &rs->r[rs->n++];
    memset(r, 0, sizeof *r);
    r->st = st;
    r->skip = d->skip;
    copy_str(&r->id, d->id, d->id_len);
    copy_str(&r->url, d->url.ptr, d->url.len);
    copy_str(&r->date, d->date.ptr, d->date.len);
    copy_str(&r->charset, d->charset.ptr, d->charset.len);
    if (st == WS_OK)
        copy_str(&r->text, d->text, d->text_len);
    r->offset = d->offset;
    r->record_offset = d->record_offset;
    r->record_length = d->record_length;
    r->content = d->content;
    r->position = st != WS_OK && st != WS_SKIPPED ? e->position : 0;
}

/* ws_reader_next until it wants input (or is done); NOMEM is retried. */
static bool drain(ws_reader *rd, results *rs, bool finished)
{
    for (size_t guard = 0; guard < 100000; guard++) {
        ws_document d;
        ws_error e;
        memset(&e, 0, sizeof e);
        ws_status st = ws_reader_next(rd, &d, &e);
        if (st == WS_NEED_INPUT)
            return !finished;
        if (st == WS_DONE)
            return finished;
        if (st == WS_ERR_NOMEM) {
            rs->nomem++;
            continue;
        }
        record_result(rs, st, &d, &e);
    }
    return false;
}

/* How to cut the stream. */
typedef enum split { WHOLE, BYTES, RANDOM, LATE } split;

/* Read stream[0..n) with reader rd, cut as asked. */
static bool read_with(ws_reader *rd, const char *stream, size_t n, split how,
                      unsigned seed, results *rs)
{
    memset(rs, 0, sizeof *rs);
    size_t at = 0;
    unsigned x = seed * 2654435761u + 1;
    bool ok = true;
    while (at < n) {
        size_t piece = n - at;
        if (how == BYTES)
            piece = 1;
        else if (how == RANDOM || how == LATE) {
            x = x * 1103515245u + 12345u;
            piece = 1 + (x >> 16) % 97;
            if (piece > n - at)
                piece = n - at;
        }
        if (ws_reader_feed(rd, stream + at, piece, NULL) != WS_OK)
            return false;
        at += piece;
        if (how != LATE)
            ok = drain(rd, rs, false) && ok;
    }
    ws_reader_finish(rd);
    ok = drain(rd, rs, true) && ok;
    return ok && !rs->overflow;
}

static bool read_stream(const char *stream, size_t n, split how, unsigned seed, results *rs)
{
    ws_reader *rd = ws_reader_new(WS_INPUT_WARC, NULL);
    if (!rd)
        return false;
    bool ok = read_with(rd, stream, n, how, seed, rs);
    ws_reader_free(rd);
    return ok;
}

static bool same_bytes(const fx_bytes *a, const fx_bytes *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static bool same_results(const results *a, const results *b)
{
    if (a->n != b->n)
        return false;
    for (size_t k = 0; k < a->n; k++) {
        const result *x = &a->r[k], *y = &b->r[k];
        if (x->st != y->st || x->skip != y->skip || x->offset != y->offset ||
            x->record_offset != y->record_offset || x->record_length != y->record_length ||
            x->position != y->position || x->content != y->content ||
            !same_bytes(&x->id, &y->id) || !same_bytes(&x->url, &y->url) ||
            !same_bytes(&x->date, &y->date) || !same_bytes(&x->charset, &y->charset) ||
            !same_bytes(&x->text, &y->text)) {
            printf("     results differ at %zu: %s vs %s\n", k, ws_status_name(x->st),
                   ws_status_name(y->st));
            return false;
        }
    }
    return true;
}

/* Fed whole, a byte at a time, in random pieces taken as they come and
 * in random pieces taken only at the end: the same results. */
static void check_every_split(const char *stream, size_t n)
{
    results whole, other;
    CHECK(read_stream(stream, n, WHOLE, 0, &whole));
    CHECK(read_stream(stream, n, BYTES, 0, &other));
    CHECK(same_results(&whole, &other));
    results_free(&other);
    for (unsigned seed = 1; seed <= 4; seed++) {
        CHECK(read_stream(stream, n, seed % 2 ? RANDOM : LATE, seed, &other));
        CHECK(same_results(&whole, &other));
        results_free(&other);
    }
    results_free(&whole);
}

/* ===================================================================== */
/*  Checking results against an archive                                  */
/* ===================================================================== */

#define CHECK_BYTES(b, s, n) CHECK_EQ_STR((b).data, (b).len, (s), (n))

/* The stored bytes of r, inflated (gzip) or as they are, are exactly the
 * record as written. */
static void check_extent(const fx_archive *a, const fx_record *want, const result *got)
{
    CHECK_EQ_INT(got->record_offset, want->start);
    CHECK_EQ_INT(got->record_length, want->length);
    if (got->record_offset + got->record_length > a->stored.len)
        return;
    const char *slice = a->stored.data + got->record_offset;
    fx_bytes one = {0}, whole = {0};
    if (a->gzip)
        CHECK(fx_gunzip(slice, (size_t)got->record_length, &one) == 0);
    else
        fx_put(&one, slice, (size_t)got->record_length);
    fx_record_bytes(want, &whole);
    CHECK(same_bytes(&one, &whole));
    fx_free(&one);
    fx_free(&whole);
}

/* After damage the decompressed offsets shift: check_record_at leaves
 * them out. */
static void check_record_at(const fx_archive *a, size_t k, const result *got, bool offset);

static void check_record(const fx_archive *a, size_t k, const result *got)
{
    check_record_at(a, k, got, true);
}

static void check_record_at(const fx_archive *a, size_t k, const result *got, bool offset)
{
    const fx_record *want = &a->rec[k];
    if (!CHECK_EQ_INT(got->st, want->want))
        printf("     record %zu (%s %s)\n", k, want->type, want->uri ? want->uri : "");
    CHECK_EQ_INT(got->skip, want->want == WS_SKIPPED ? want->want_skip : WS_SKIP_NONE);
    CHECK_BYTES(got->id, want->id, strlen(want->id));
    CHECK_BYTES(got->date, want->date, strlen(want->date));
    CHECK_BYTES(got->url, want->uri ? want->uri : "", want->uri ? strlen(want->uri) : 0);
    if (offset)
        CHECK_EQ_INT(got->offset, want->dstart);
    CHECK_EQ_INT(got->content, WS_CONTENT_HTML);
    if (want->want == WS_OK) {
        CHECK_BYTES(got->text, want->want_text, want->want_text_len);
        CHECK_BYTES(got->charset, want->want_charset, strlen(want->want_charset));
    }
    if (want->want != WS_OK && want->want != WS_SKIPPED)
        CHECK_EQ_INT(got->position, want->start);
    if (want->want == WS_OK || want->want == WS_SKIPPED)
        check_extent(a, want, got);
}

static void check_archive(const fx_archive *a)
{
    results rs;
    CHECK(read_stream(a->stored.data, a->stored.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, a->n))
        for (size_t k = 0; k < a->n; k++)
            check_record(a, k, &rs.r[k]);
    results_free(&rs);
    check_every_split(a->stored.data, a->stored.len);
}

/* ===================================================================== */
/*  Tests                                                                */
/* ===================================================================== */

TEST(standard_archive_gzip)
{
    fx_archive a;
    fx_standard(&a);
    fx_write(&a, 1);
    check_archive(&a);
    fx_archive_free(&a);
}

TEST(standard_archive_plain)
{
    fx_archive a;
    fx_standard(&a);
    fx_write(&a, 0);
    check_archive(&a);
    fx_archive_free(&a);
}

/* The gzip stream inflates to the plain one: same documents, whichever
 * way the archive is stored. */
TEST(gzip_and_plain_agree)
{
    fx_archive a;
    fx_standard(&a);
    fx_write(&a, 1);
    results gz, plain;
    CHECK(read_stream(a.stored.data, a.stored.len, WHOLE, 0, &gz));
    CHECK(read_stream(a.plain.data, a.plain.len, WHOLE, 0, &plain));
    CHECK_EQ_INT(gz.n, plain.n);
    for (size_t k = 0; k < gz.n && k < plain.n; k++) {
        CHECK_EQ_INT(gz.r[k].st, plain.r[k].st);
        CHECK(same_bytes(&gz.r[k].text, &plain.r[k].text));
        CHECK_EQ_INT(gz.r[k].offset, plain.r[k].offset);
    }
    results_free(&gz);
    results_free(&plain);
    fx_archive_free(&a);
}

/* A few good pages, to be damaged. */
static void three_pages(fx_archive *a, size_t count)
{
    memset(a, 0, sizeof *a);
    static const char *pages[] = {
        "<html><body><p>One.</p></body></html>",
        "<html><body><p>Two, a little longer than the first page.</p></body></html>",
        "<html><body><p>Three: \"quoted,\" he said.</p></body></html>",
        "<html><body><p>Four.</p></body></html>",
        "<html><body><p>Five, the last one.</p></body></html>",
    };
    for (size_t k = 0; k < count; k++) {
        fx_record *r = fx_add(a, "response", "https://x.example/p",
                              "application/http; msgtype=response", WS_OK, WS_SKIP_NONE);
        const char *p = pages[k % 5];
        fx_http(r, "200 OK", "Content-Type: text/html\r\n", p, strlen(p));
        fx_want_page(r, p, strlen(p), "");
    }
}

TEST(truncated_last_member)
{
    fx_archive a;
    three_pages(&a, 3);
    fx_write(&a, 1);
    for (size_t cut = 1; cut < a.rec[2].length; cut += 7) {
        results rs;
        CHECK(read_stream(a.stored.data, a.stored.len - cut, WHOLE, 0, &rs));
        if (CHECK_EQ_INT(rs.n, 3)) {
            check_record(&a, 0, &rs.r[0]);
            check_record(&a, 1, &rs.r[1]);
            CHECK_EQ_INT(rs.r[2].st, WS_ERR_GZIP);
            CHECK_EQ_INT(rs.r[2].position, a.rec[2].start);
            CHECK_EQ_INT(rs.r[2].record_offset, a.rec[2].start);
        }
        results_free(&rs);
    }
    check_every_split(a.stored.data, a.stored.len - 9);
    fx_archive_free(&a);
}

TEST(truncated_last_record_plain)
{
    fx_archive a;
    three_pages(&a, 3);
    fx_write(&a, 0);
    for (size_t cut = 1; cut < a.rec[2].length; cut += 5) {
        results rs;
        CHECK(read_stream(a.stored.data, a.stored.len - cut, WHOLE, 0, &rs));
        if (CHECK_EQ_INT(rs.n, 3)) {
            check_record(&a, 0, &rs.r[0]);
            check_record(&a, 1, &rs.r[1]);
            CHECK_EQ_INT(rs.r[2].st, WS_ERR_WARC);
            CHECK_EQ_INT(rs.r[2].position, a.rec[2].start);
        }
        results_free(&rs);
    }
    check_every_split(a.stored.data, a.stored.len - 3);
    fx_archive_free(&a);
}

/* Content-Length 20 too long on record 1, 15 too short on record 3. */
static void lying_archive(fx_archive *a, int gzip)
{
    three_pages(a, 5);
    a->rec[1].length_lie = 20;
    a->rec[3].length_lie = -15;
    a->rec[1].want = a->rec[3].want = WS_ERR_WARC;
    fx_write(a, gzip);
}

TEST(lying_content_length_gzip)
{
    fx_archive a;
    lying_archive(&a, 1);
    check_archive(&a);
    /* the errors carry the member's extent, which still holds the record */
    results rs;
    CHECK(read_stream(a.stored.data, a.stored.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, 5)) {
        check_extent(&a, &a.rec[1], &rs.r[1]);
        check_extent(&a, &a.rec[3], &rs.r[3]);
        CHECK_BYTES(rs.r[1].id, a.rec[1].id, strlen(a.rec[1].id));
    }
    results_free(&rs);
    fx_archive_free(&a);
}

/* Uncompressed, a Content-Length too long swallows the next record (it is
 * read as the end of the lying record's block; docs in src/warc.c); one
 * too short costs only its own record. */
TEST(lying_content_length_plain)
{
    fx_archive a;
    lying_archive(&a, 0);
    results rs;
    CHECK(read_stream(a.stored.data, a.stored.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, 4)) {
        check_record(&a, 0, &rs.r[0]);
        CHECK_EQ_INT(rs.r[1].st, WS_ERR_WARC);
        CHECK_EQ_INT(rs.r[1].position, a.rec[1].start);
        CHECK_BYTES(rs.r[1].id, a.rec[1].id, strlen(a.rec[1].id));
        CHECK_EQ_INT(rs.r[2].st, WS_ERR_WARC);
        CHECK_EQ_INT(rs.r[2].position, a.rec[3].start);
        check_record(&a, 4, &rs.r[3]);
    }
    results_free(&rs);
    check_every_split(a.stored.data, a.stored.len);
    fx_archive_free(&a);
}

/* Bytes flipped in the middle of member 2 of 5: an error for it, the
 * others whole. Every position of the damage is tried. */
TEST(corrupt_member_in_the_middle)
{
    fx_archive a;
    three_pages(&a, 5);
    fx_write(&a, 1);
    const fx_record *bad = &a.rec[2];
    size_t tried = 0, errors = 0;
    for (size_t at = bad->start + 10; at < bad->start + bad->length; at++) {
        fx_bytes damaged = {0};
        fx_put(&damaged, a.stored.data, a.stored.len);
        damaged.data[at] ^= 0x55;
        results rs;
        CHECK(read_stream(damaged.data, damaged.len, WHOLE, 0, &rs));
        tried++;
        if (rs.n != 5)
            for (size_t k = 0; k < rs.n; k++)
                printf("     damage at %zu: %zu: %s at %zu\n", at - bad->start, k,
                       ws_status_name(rs.r[k].st), (size_t)rs.r[k].record_offset);
        if (CHECK_EQ_INT(rs.n, 5)) {
            for (size_t k = 0; k < 5; k++)
                if (k != 2)
                    check_record_at(&a, k, &rs.r[k], k < 2);
            errors += rs.r[2].st == WS_ERR_GZIP;
            CHECK_EQ_INT(rs.r[2].st, WS_ERR_GZIP);
            CHECK_EQ_INT(rs.r[2].position, bad->start);
        }
        results_free(&rs);
        if (at % 9 == 0)
            check_every_split(damaged.data, damaged.len);
        fx_free(&damaged);
    }
    CHECK(tried > 20);
    CHECK_EQ_INT(errors, tried);
    fx_archive_free(&a);
}

/* A member cut short in the middle of the stream: its error, then the
 * next member is found again (zlib reads on into it). */
TEST(member_cut_short_in_the_middle)
{
    fx_archive a;
    three_pages(&a, 4);
    fx_write(&a, 1);
    const fx_record *bad = &a.rec[1];
    for (size_t cut = 1; cut < bad->length - 10; cut += 3) {
        fx_bytes damaged = {0};
        fx_put(&damaged, a.stored.data, bad->start + bad->length - cut);
        fx_put(&damaged, a.stored.data + bad->start + bad->length,
               a.stored.len - bad->start - bad->length);
        results rs;
        CHECK(read_stream(damaged.data, damaged.len, WHOLE, 0, &rs));
        if (CHECK_EQ_INT(rs.n, 4)) {
            check_record(&a, 0, &rs.r[0]);
            CHECK_EQ_INT(rs.r[1].st, WS_ERR_GZIP);
            CHECK_EQ_INT(rs.r[2].st, WS_OK);
            CHECK_EQ_INT(rs.r[2].record_offset, a.rec[2].start - cut);
            CHECK_EQ_INT(rs.r[3].st, WS_OK);
        }
        results_free(&rs);
        fx_free(&damaged);
    }
    fx_archive_free(&a);
}

/* Bytes between members that are not gzip: one error for the run. */
TEST(garbage_between_members)
{
    fx_archive a;
    three_pages(&a, 3);
    fx_write(&a, 1);
    static const char junk[] = "GARBAGE\x1f\x8b not a member\n";
    size_t cut = a.rec[1].start;
    fx_bytes s = {0};
    fx_put(&s, a.stored.data, cut);
    fx_put(&s, junk, sizeof junk - 1);
    fx_put(&s, a.stored.data + cut, a.stored.len - cut);
    results rs;
    CHECK(read_stream(s.data, s.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, 4)) {
        check_record(&a, 0, &rs.r[0]);
        CHECK_EQ_INT(rs.r[1].st, WS_ERR_GZIP);
        CHECK_EQ_INT(rs.r[1].position, cut);
        CHECK_EQ_INT(rs.r[2].st, WS_OK);
        CHECK_EQ_INT(rs.r[2].record_offset, a.rec[1].start + sizeof junk - 1);
        CHECK_EQ_INT(rs.r[3].st, WS_OK);
    }
    results_free(&rs);
    check_every_split(s.data, s.len);
    fx_free(&s);
    fx_archive_free(&a);
}

/* Input that is not WARC: errors, never a hang, and the records after a
 * run of garbage are still found. */
TEST(garbage_input)
{
    static const char *inputs[] = {
        "", "\n\n\r\n", "x", "hello world\n", "\x1f", "\x1f\x8b", "\x1f\x8b\x08\x00garbage",
        "WARC/1.0\r\n\r\n",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "WARC/2.0\r\n", "WARC/1.1\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
        "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n",
    };
    for (size_t k = 0; k < sizeof inputs / sizeof inputs[0]; k++) {
        results rs;
        CHECK(read_stream(inputs[k], strlen(inputs[k]), WHOLE, 0, &rs));
        for (size_t e = 0; e < rs.n; e++)
            CHECK(rs.r[e].st != WS_OK || rs.r[e].text.len > 0);
        results_free(&rs);
        check_every_split(inputs[k], strlen(inputs[k]));
    }
    /* garbage, then a good record: one error, then the page */
    fx_archive a;
    three_pages(&a, 1);
    fx_write(&a, 0);
    fx_bytes s = {0};
    fx_puts(&s, "junk junk\nWARX/1.0\nmore junk\n");
    size_t lead = s.len;
    fx_put(&s, a.stored.data, a.stored.len);
    results rs;
    CHECK(read_stream(s.data, s.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, 2)) {
        CHECK_EQ_INT(rs.r[0].st, WS_ERR_WARC);
        CHECK_EQ_INT(rs.r[0].position, 0);
        CHECK_EQ_INT(rs.r[1].st, WS_OK);
        CHECK_EQ_INT(rs.r[1].record_offset, lead);
        CHECK_EQ_INT(rs.r[1].offset, lead);
    }
    results_free(&rs);
    check_every_split(s.data, s.len);
    fx_free(&s);
    fx_archive_free(&a);
}

/* A WARC gzipped whole (one member, several records) is read; its
 * records cannot be fetched alone, so their length is 0. */
TEST(whole_file_gzip)
{
    fx_archive a;
    fx_standard(&a);
    fx_write(&a, 0);
    fx_bytes gz = {0};
    fx_gzip(&gz, a.plain.data, a.plain.len);
    results rs;
    CHECK(read_stream(gz.data, gz.len, WHOLE, 0, &rs));
    if (CHECK_EQ_INT(rs.n, a.n))
        for (size_t k = 0; k < a.n; k++) {
            CHECK_EQ_INT(rs.r[k].st, a.rec[k].want);
            CHECK_EQ_INT(rs.r[k].record_offset, 0);
            CHECK_EQ_INT(rs.r[k].record_length, 0);
            CHECK_EQ_INT(rs.r[k].offset, a.rec[k].dstart);
        }
    results_free(&rs);
    check_every_split(gz.data, gz.len);
    fx_free(&gz);
    fx_archive_free(&a);
}

/* ---- limits, with the small build ------------------------------------- */

typedef struct small_result {
    ws_status st;
    ws_skip skip;
} small_result;

/* Read with the small-limit stage, in pieces of `piece`; the statuses. */
static size_t small_read(const char *s, size_t n, size_t piece, const ws_allocator *alloc,
                         small_result *out, size_t max)
{
    ws_allocator a = ws_alloc_resolve(alloc);
    ws_warc *w = small_warc_new(&a);
    size_t count = 0;
    if (!w)
        return 0;
    size_t at = 0;
    do { /* the last piece may be short; finish right after it */
        size_t k = n - at < piece ? n - at : piece;
        if (k)
            small_warc_feed(w, s + at, k, NULL);
        at += k;
        if (at == n)
            small_warc_finish(w);
        for (;;) {
            ws_document d;
            ws_error e;
            ws_status st = small_warc_next(w, &d, &e);
            if (st == WS_NEED_INPUT || st == WS_DONE)
                break;
            if (count < max) {
                out[count].st = st;
                out[count].skip = st == WS_SKIPPED ? d.skip : WS_SKIP_NONE;
            }
            count++;
        }
    } while (at < n);
    small_warc_free(w);
    return count;
}

TEST(limits)
{
    char big[1000];
    memset(big, 'a', sizeof big);
    memcpy(big, "<html>", 6);
    fx_archive a;
    memset(&a, 0, sizeof a);
    fx_record *r = fx_add(&a, "response", "u", "application/http; msgtype=response",
                          WS_ERR_TOO_LARGE, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html\r\n", big, sizeof big);
    r = fx_add(&a, "response", "u", "application/http", WS_SKIPPED, WS_SKIP_NOT_HTML);
    fx_http(r, "200 OK", "Content-Type: video/mp4\r\n", big, sizeof big);
    r = fx_add(&a, "response", "u", "application/http", WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html\r\n", big, SMALL_MAX_DOCUMENT);
    r = fx_add(&a, "response", "u", "application/http", WS_ERR_TOO_LARGE, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html\r\nX-Big: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n",
            "<p>x</p>", 8);
    r = fx_add(&a, "response", "u", "application/http", WS_SKIPPED, WS_SKIP_NOT_OK);
    fx_http(r, "500 Oops", "Content-Type: text/html\r\n", "<p>x</p>", 8);
    for (int gzip = 0; gzip <= 1; gzip++) {
        fx_write(&a, gzip);
        /* a WARC header block over the limit: the framing is lost there;
         * gzip finds the next member, plain the next WARC line */
        fx_bytes s = {0};
        fx_put(&s, a.stored.data, a.stored.len);
        fx_bytes huge = {0};
        fx_puts(&huge, "WARC/1.0\r\nWARC-Type: metadata\r\n");
        for (int k = 0; k < 40; k++)
            fx_puts(&huge, "X-Filler: 0123456789\r\n");
        fx_puts(&huge, "Content-Length: 0\r\n\r\n\r\n\r\n");
        if (gzip)
            fx_gzip(&s, huge.data, huge.len);
        else
            fx_put(&s, huge.data, huge.len);
        fx_put(&s, a.stored.data + a.rec[4].start, a.rec[4].length);
        for (size_t piece = 1; piece <= 4096; piece *= 8) {
            small_result got[16];
            size_t n = small_read(s.data, s.len, piece, NULL, got, 16);
            if (n != a.n + 2)
                for (size_t k = 0; k < n && k < 16; k++)
                    printf("     %zu: %s %d\n", k, ws_status_name(got[k].st), (int)got[k].skip);
            if (CHECK_EQ_INT(n, a.n + 2)) {
                for (size_t k = 0; k < a.n; k++) {
                    CHECK_EQ_INT(got[k].st, a.rec[k].want);
                    CHECK_EQ_INT(got[k].skip, a.rec[k].want_skip);
                }
                CHECK_EQ_INT(got[a.n].st, WS_ERR_TOO_LARGE);
                CHECK_EQ_INT(got[a.n + 1].st, WS_SKIPPED);
            }
        }
        fx_free(&s);
        fx_free(&huge);
    }
    fx_archive_free(&a);
}

/* An uncompressed archive of one good HTML page. */
static void one_page_plain(fx_archive *a)
{
    memset(a, 0, sizeof *a);
    fx_record *r = fx_add(a, "response", "http://example.com/p", "application/http",
                          WS_OK, WS_SKIP_NONE);
    fx_http(r, "200 OK", "Content-Type: text/html\r\n", "<p>x</p>", 8);
    fx_write(a, 0);
}

/* A plain stream: a record cut off in its header, then a good record
 * whose own header ends past the limit counted from the cut one's start.
 * The cut block is refused, and reading goes back to the good record's
 * "WARC/1." line inside it: the good record still comes out, however the
 * stream is fed (pieces of every size up to 8, then growing). With two
 * cut records before it, the first one's refused block reaches the good
 * record's line: reading goes back there, and the second cut record, an
 * error either way, is part of the first one's. */
TEST(record_inside_a_refused_header)
{
    fx_archive a;
    one_page_plain(&a);
    for (int cuts = 1; cuts <= 2; cuts++) {
        fx_bytes s = {0};
        for (int c = 0; c < cuts; c++) {
            fx_puts(&s, "WARC/1.0\r\nX-Cut: ");
            for (int k = 0; k < 100; k++)
                fx_puts(&s, "a");
            fx_puts(&s, "\r\n");
        }
        size_t good_at = s.len;
        fx_put(&s, a.stored.data, a.stored.len);
        /* the good header alone fits; from the first cut start it does not */
        size_t good_header = (size_t)(strstr(a.stored.data, "\r\n\r\n") - a.stored.data) + 4;
        CHECK(good_header <= SMALL_MAX_HEADER && good_at + good_header > SMALL_MAX_HEADER);
        for (size_t piece = 1; piece <= s.len; piece = piece < 8 ? piece + 1 : piece * 3) {
            small_result got[8];
            size_t n = small_read(s.data, s.len, piece, NULL, got, 8);
            if (!CHECK_EQ_INT(n, 2)) {
                printf("     %d cut record(s), pieces of %zu\n", cuts, piece);
                continue;
            }
            CHECK_EQ_INT(got[0].st, WS_ERR_TOO_LARGE);
            CHECK_EQ_INT(got[1].st, WS_OK);
        }
        fx_free(&s);
    }
    fx_archive_free(&a);
}

/* Random plain streams of good records, records cut off in their header
 * (short or past the limit), stray header lines and blank lines: the
 * results are the same fed whole, a byte at a time and in pieces of 7 and
 * 64, and every good record placed at a line start after a blank line
 * comes out (the rewind into refused header blocks included). */
TEST(random_plain_streams_read_alike)
{
    fx_archive a;
    one_page_plain(&a);
    uint32_t x = 12345;
    for (int round = 0; round < 300; round++) {
        fx_bytes s = {0};
        size_t goods = 0;
        int parts = 3 + (int)((x >> 8) % 6);
        for (int p = 0; p < parts; p++) {
            x = x * 1103515245u + 12345u;
            switch ((x >> 16) % 4) {
            case 0:
                fx_put(&s, a.stored.data, a.stored.len);
                goods++;
                break;
            case 1:
                fx_puts(&s, "WARC/1.0\r\nX-Cut: ");
                for (uint32_t k = (x >> 4) % 320; k > 0; k--)
                    fx_puts(&s, "a");
                fx_puts(&s, "\r\n");
                break;
            case 2:
                fx_puts(&s, "X-Stray: b\r\n");
                break;
            default:
                fx_puts(&s, "\r\n");
                break;
            }
        }
        small_result whole[32], piece[32];
        size_t n = small_read(s.data, s.len, s.len ? s.len : 1, NULL, whole, 32);
        bool alike = true;
        static const size_t pieces[] = {1, 7, 64};
        for (size_t k = 0; k < 3; k++) {
            size_t m = small_read(s.data, s.len, pieces[k], NULL, piece, 32);
            alike &= m == n;
            for (size_t i = 0; alike && i < n && i < 32; i++)
                alike &= piece[i].st == whole[i].st && piece[i].skip == whole[i].skip;
        }
        size_t ok = 0;
        for (size_t i = 0; i < n && i < 32; i++)
            ok += whole[i].st == WS_OK;
        if (!CHECK(alike) || !CHECK(ok <= goods))
            printf("     round %d: %zu results, %zu pages of %zu\n", round, n, ok, goods);
        fx_free(&s);
    }
    fx_archive_free(&a);
}

/* Memory follows the largest kept record, not the stream: 8 MB of a
 * non-HTML record and a page over the document limit, fed in 4 KiB
 * pieces, and the reader never holds more than a few hundred KB. */
TEST(memory_bounded)
{
    size_t big = (size_t)8 << 20;
    char *payload = malloc(big);
    if (!CHECK(payload != NULL))
        return;
    for (size_t k = 0; k < big; k++)
        payload[k] = (char)('a' + (k * 7919) % 26);
    memcpy(payload, "<html>", 6);
    for (int gzip = 0; gzip <= 1; gzip++) {
        fx_archive a;
        memset(&a, 0, sizeof a);
        fx_record *r = fx_add(&a, "response", "u", "application/http", WS_SKIPPED,
                              WS_SKIP_NOT_HTML);
        fx_http(r, "200 OK", "Content-Type: application/pdf\r\n", payload, big);
        r = fx_add(&a, "response", "u", "application/http", WS_ERR_TOO_LARGE, WS_SKIP_NONE);
        fx_http(r, "200 OK", "Content-Type: text/html\r\n", payload, big);
        fx_write(&a, gzip);
        test_alloc t;
        ws_allocator alloc = test_allocator(&t, 0, false);
        small_result got[4];
        size_t n = small_read(a.stored.data, a.stored.len, 4096, &alloc, got, 4);
        CHECK_EQ_INT(n, 2);
        CHECK_EQ_INT(got[0].skip, WS_SKIP_NOT_HTML);
        CHECK_EQ_INT(got[1].st, WS_ERR_TOO_LARGE);
        if (!CHECK(t.peak_bytes < ((size_t)512 << 10)))
            printf("     peak %zu bytes (gzip %d)\n", t.peak_bytes, gzip);
        CHECK_EQ_INT(t.live, 0);
        fx_archive_free(&a);
    }
    free(payload);
}

/* ---- allocation failure ------------------------------------------------ */

/* Fail the Nth allocation, for every N: ws_reader_new gives NULL, or the
 * reader gives WS_ERR_NOMEM and then, retried, the very results of a run
 * with no failure; nothing leaks. Then every allocation from the Nth on
 * fails: the reader gives up cleanly and nothing leaks. */
static void fail_each_allocation(const char *stream, size_t n)
{
    results want;
    CHECK(read_stream(stream, n, WHOLE, 0, &want));
    size_t injected = 0, nomem = 0;
    for (size_t at = 1; at < 500; at++) {
        test_alloc t;
        ws_allocator alloc = test_allocator(&t, at, false);
        ws_reader *rd = ws_reader_new(WS_INPUT_WARC, &alloc);
        if (rd) {
            results got;
            bool ok = read_with(rd, stream, n, RANDOM, (unsigned)at, &got);
            if (ok && !CHECK(same_results(&want, &got))) /* only next is retried */
                printf("     allocation %zu failed; %zu vs %zu results\n", at, got.n, want.n);
            nomem += got.nomem;
            results_free(&got);
            ws_reader_free(rd);
        }
        CHECK_EQ_INT(t.live, 0);
        injected += t.failures;
        if (t.failures == 0)
            break;
    }
    CHECK(injected > 5);
    CHECK(nomem > 0);
    for (size_t at = 1; at < 60; at++) {
        test_alloc t;
        ws_allocator alloc = test_allocator(&t, at, true);
        ws_reader *rd = ws_reader_new(WS_INPUT_WARC, &alloc);
        if (rd) {
            ws_reader_feed(rd, stream, n, NULL);
            ws_reader_finish(rd);
            for (int k = 0; k < 100; k++) {
                ws_document d;
                ws_error e;
                ws_status st = ws_reader_next(rd, &d, &e);
                if (st == WS_DONE || st == WS_ERR_NOMEM)
                    break;
            }
            ws_reader_free(rd);
        }
        CHECK_EQ_INT(t.live, 0);
    }
    results_free(&want);
}

TEST(allocation_failure)
{
    fx_archive a;
    fx_standard(&a);
    fx_write(&a, 1);
    fail_each_allocation(a.stored.data, a.stored.len);
    fx_write(&a, 0);
    fail_each_allocation(a.stored.data, a.stored.len);
    fx_archive_free(&a);
}

TEST(reader_api)
{
    ws_reader *rd = ws_reader_new(WS_INPUT_WARC, NULL);
    CHECK(rd != NULL);
    ws_document d;
    ws_error e;
    CHECK_EQ_INT(ws_reader_next(rd, &d, &e), WS_NEED_INPUT);
    ws_reader_finish(rd);
    CHECK_EQ_INT(ws_reader_next(rd, &d, &e), WS_DONE);
    CHECK_EQ_INT(ws_reader_next(rd, &d, &e), WS_DONE);
    CHECK_EQ_INT(ws_reader_feed(rd, "x", 1, &e), WS_ERR_INVALID_ARG);
    ws_reader_free(rd);
}

int main(void)
{
    RUN_TEST(standard_archive_gzip);
    RUN_TEST(standard_archive_plain);
    RUN_TEST(gzip_and_plain_agree);
    RUN_TEST(truncated_last_member);
    RUN_TEST(truncated_last_record_plain);
    RUN_TEST(lying_content_length_gzip);
    RUN_TEST(lying_content_length_plain);
    RUN_TEST(corrupt_member_in_the_middle);
    RUN_TEST(member_cut_short_in_the_middle);
    RUN_TEST(garbage_between_members);
    RUN_TEST(garbage_input);
    RUN_TEST(whole_file_gzip);
    RUN_TEST(limits);
    RUN_TEST(record_inside_a_refused_header);
    RUN_TEST(random_plain_streams_read_alike);
    RUN_TEST(memory_bounded);
    RUN_TEST(allocation_failure);
    RUN_TEST(reader_api);
    return test_summary();
}
