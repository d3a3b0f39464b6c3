/*
 * libFuzzer harness: the WS_INPUT_WARC reader, fed two ways.
 *
 *   whole: the input in one ws_reader_feed, then ws_reader_next until
 *          WS_NEED_INPUT, ws_reader_finish, ws_reader_next until WS_DONE;
 *   split: the input in pieces of 1..64 bytes whose sizes come from a
 *          generator seeded with the first eight bytes; after a piece
 *          ws_reader_next is called until WS_NEED_INPUT (or, on a coin
 *          toss, not at all), and at the end ws_reader_finish and
 *          ws_reader_next until WS_DONE.
 * The whole input is the stream both ways, so the seed corpus is plain
 * .warc and .warc.gz files.
 *
 * Every result other than WS_NEED_INPUT is an event: its status, skip
 * reason, the document's strings and offsets, or the error's code,
 * message and position. The two sequences must be identical. Also
 * checked: feeds return WS_OK; results are WS_OK, WS_SKIPPED or a WARC,
 * gzip or too-large error (never NOMEM or INVALID_ARG); a page has
 * content WS_CONTENT_HTML; every record_offset and error position lies in
 * the stream and record extents do not pass its end; the reader makes
 * progress (no more events than bytes, plus one); WS_DONE is sticky.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct pass {
    const uint8_t *stream;
    size_t size;
    fz_buf events;
    size_t nevents;
    const char *name;
} pass;

static void put_size(fz_buf *b, size_t v)
{
    fz_buf_append(b, &v, sizeof v);
}

static void put_bytes(fz_buf *b, const char *p, size_t n)
{
    FZ_CHECK(p != NULL || n == 0, "NULL string with length %zu", n);
    put_size(b, n);
    fz_buf_append(b, p, n);
}

static void record_event(pass *p, ws_status st, const ws_document *doc,
                         const ws_error *err)
{
    p->nevents++;
    FZ_CHECK(p->nevents <= p->size + 1,
             "%s: %zu events from %zu bytes: the reader makes no progress",
             p->name, p->nevents, p->size);
    put_size(&p->events, (size_t)st);
    FZ_CHECK(doc->record_offset <= p->size &&
                 doc->record_length <= p->size - doc->record_offset,
             "%s: record extent %llu+%llu past the stream (%zu)", p->name,
             (unsigned long long)doc->record_offset,
             (unsigned long long)doc->record_length, p->size);
    put_bytes(&p->events, doc->id, doc->id_len);
    put_bytes(&p->events, doc->url.ptr, doc->url.len);
    put_bytes(&p->events, doc->date.ptr, doc->date.len);
    put_bytes(&p->events, doc->charset.ptr, doc->charset.len);
    put_size(&p->events, doc->offset);
    put_size(&p->events, (size_t)doc->record_offset);
    put_size(&p->events, (size_t)doc->record_length);
    if (st == WS_OK) {
        FZ_CHECK(doc->text != NULL, "%s: page with NULL text", p->name);
        FZ_CHECK(doc->content == WS_CONTENT_HTML, "%s: page not HTML", p->name);
        put_bytes(&p->events, doc->text, doc->text_len);
        return;
    }
    if (st == WS_SKIPPED) {
        FZ_CHECK(doc->skip > WS_SKIP_NONE && doc->skip < WS_SKIP_COUNT,
                 "%s: skip reason %d", p->name, (int)doc->skip);
        put_size(&p->events, (size_t)doc->skip);
        return;
    }
    FZ_CHECK(st == WS_ERR_WARC || st == WS_ERR_GZIP || st == WS_ERR_TOO_LARGE,
             "%s: ws_reader_next returned %s", p->name, ws_status_name(st));
    FZ_CHECK(err->code == st, "%s: error code %s for status %s", p->name,
             ws_status_name(err->code), ws_status_name(st));
    FZ_CHECK(err->message != NULL, "%s: error without a message", p->name);
    FZ_CHECK(err->position <= p->size, "%s: error position %zu past the stream (%zu)",
             p->name, err->position, p->size);
    put_bytes(&p->events, err->message, strlen(err->message));
    put_size(&p->events, err->position);
}

static void drain(pass *p, ws_reader *r, bool finished)
{
    for (;;) {
        ws_document doc;
        ws_error err;
        memset(&doc, 0, sizeof doc);
        memset(&err, 0, sizeof err);
        ws_status st = ws_reader_next(r, &doc, &err);
        if (st == WS_NEED_INPUT) {
            FZ_CHECK(!finished, "%s: WS_NEED_INPUT after ws_reader_finish", p->name);
            return;
        }
        if (st == WS_DONE) {
            FZ_CHECK(finished, "%s: WS_DONE before ws_reader_finish", p->name);
            st = ws_reader_next(r, &doc, &err);
            FZ_CHECK(st == WS_DONE, "%s: %s after WS_DONE", p->name, ws_status_name(st));
            return;
        }
        record_event(p, st, &doc, &err);
    }
}

static void feed(pass *p, ws_reader *r, const uint8_t *d, size_t n)
{
    char *piece = malloc(n ? n : 1); /* its own block: ASan sees overreads */
    if (!piece)
        abort();
    if (n)
        memcpy(piece, d, n);
    ws_error err;
    memset(&err, 0, sizeof err);
    ws_status st = ws_reader_feed(r, piece, n, &err);
    free(piece);
    FZ_CHECK(st == WS_OK, "%s: ws_reader_feed(%zu bytes) returned %s", p->name, n,
             ws_status_name(st));
}

static void run_whole(pass *p)
{
    ws_reader *r = ws_reader_new(WS_INPUT_WARC, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_WARC) failed");
    feed(p, r, p->stream, p->size);
    drain(p, r, false);
    ws_reader_finish(r);
    drain(p, r, true);
    ws_reader_free(r);
}

static void run_split(pass *p)
{
    const uint8_t *d = p->stream;
    size_t size = p->size;
    uint64_t rng = 0;
    for (size_t k = 0; k < 8 && k < size; k++)
        rng = (rng << 8) | d[k];
    ws_reader *r = ws_reader_new(WS_INPUT_WARC, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_WARC) failed");
    size_t at = 0;
    while (at < size) {
        uint64_t x = fz_rand(&rng);
        size_t n = (size_t)(x % 64) + 1;
        if (n > size - at)
            n = size - at;
        feed(p, r, d + at, n);
        at += n;
        if ((x >> 32) % 4 != 0)
            drain(p, r, false);
    }
    ws_reader_finish(r);
    drain(p, r, true);
    ws_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pass whole = {.stream = data, .size = size, .name = "whole"};
    pass split = {.stream = data, .size = size, .name = "split"};
    run_whole(&whole);
    run_split(&split);
    if (whole.events.len != split.events.len || whole.nevents != split.nevents ||
        (whole.events.len &&
         memcmp(whole.events.data, split.events.data, whole.events.len) != 0)) {
        size_t n = whole.events.len < split.events.len ? whole.events.len : split.events.len;
        size_t k = 0;
        while (k < n && whole.events.data[k] == split.events.data[k])
            k++;
        fz_fail("whole and split feeding differ: %zu vs %zu events, first difference "
                "at serialized byte %zu", whole.nevents, split.nevents, k);
    }
    fz_buf_free(&whole.events);
    fz_buf_free(&split.events);
    return 0;
}
