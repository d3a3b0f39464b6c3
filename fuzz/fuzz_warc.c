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

static void record_event(void *ctx, ws_status st, const ws_document *doc,
                         const ws_error *err)
{
    pass *p = ctx;
    p->nevents++;
    FZ_CHECK(p->nevents <= p->size + 1,
             "%s: %zu events from %zu bytes: the reader makes no progress",
             p->name, p->nevents, p->size);
    fz_put_size(&p->events, (size_t)st);
    FZ_CHECK(doc->record_offset <= p->size &&
                 doc->record_length <= p->size - doc->record_offset,
             "%s: record extent %llu+%llu past the stream (%zu)", p->name,
             (unsigned long long)doc->record_offset,
             (unsigned long long)doc->record_length, p->size);
    fz_put_bytes(&p->events, doc->id, doc->id_len);
    fz_put_bytes(&p->events, doc->url.ptr, doc->url.len);
    fz_put_bytes(&p->events, doc->date.ptr, doc->date.len);
    fz_put_bytes(&p->events, doc->charset.ptr, doc->charset.len);
    fz_put_size(&p->events, doc->offset);
    fz_put_size(&p->events, (size_t)doc->record_offset);
    fz_put_size(&p->events, (size_t)doc->record_length);
    if (st == WS_OK) {
        FZ_CHECK(doc->text != NULL, "%s: page with NULL text", p->name);
        FZ_CHECK(doc->content == WS_CONTENT_HTML, "%s: page not HTML", p->name);
        fz_put_bytes(&p->events, doc->text, doc->text_len);
        return;
    }
    if (st == WS_SKIPPED) {
        FZ_CHECK(doc->skip > WS_SKIP_NONE && doc->skip < WS_SKIP_COUNT,
                 "%s: skip reason %d", p->name, (int)doc->skip);
        fz_put_size(&p->events, (size_t)doc->skip);
        return;
    }
    FZ_CHECK(st == WS_ERR_WARC || st == WS_ERR_GZIP || st == WS_ERR_TOO_LARGE,
             "%s: ws_reader_next returned %s", p->name, ws_status_name(st));
    FZ_CHECK(err->code == st, "%s: error code %s for status %s", p->name,
             ws_status_name(err->code), ws_status_name(st));
    FZ_CHECK(err->message != NULL, "%s: error without a message", p->name);
    FZ_CHECK(err->position <= p->size, "%s: error position %zu past the stream (%zu)",
             p->name, err->position, p->size);
    fz_put_bytes(&p->events, err->message, strlen(err->message));
    fz_put_size(&p->events, err->position);
}

/* ws_reader_next until WS_NEED_INPUT (or WS_DONE once finished), each
 * result one event of p. */
static void drain(pass *p, ws_reader *r, bool finished)
{
    fz_drain(p->name, r, finished, record_event, p);
}

static void run_whole(pass *p)
{
    ws_reader *r = ws_reader_new(WS_INPUT_WARC, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_WARC) failed");
    fz_feed(p->name, r, p->stream, p->size);
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
        fz_feed(p->name, r, d + at, n);
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
    fz_check_same_events(&whole.events, whole.nevents, &split.events, split.nevents);
    fz_buf_free(&whole.events);
    fz_buf_free(&split.events);
    return 0;
}
