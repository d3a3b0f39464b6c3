/*
 * libFuzzer harness: the WS_INPUT_JSONL reader, fed two ways.
 *
 *   whole: the input in one ws_reader_feed, then ws_reader_next until
 *          WS_NEED_INPUT, ws_reader_finish, ws_reader_next until WS_DONE;
 *   split: the first P bytes in one piece, P derived from the first two
 *          bytes, then the rest in pieces of 1..7 bytes whose sizes come
 *          from a generator seeded with the first eight bytes; after a
 *          piece ws_reader_next is called until WS_NEED_INPUT (or, on a
 *          coin toss from the same generator, not at all), and at the end
 *          ws_reader_finish and ws_reader_next until WS_DONE.
 * The whole input is the stream both ways (the control bytes are part of
 * it), so the seed corpus is plain JSONL.
 *
 * Every result other than WS_NEED_INPUT is an event: for WS_OK the
 * document (id or its absence, text, line, offset); for an error its
 * code, message, line and position. The two sequences must be identical
 * ("the documents read are the same however it is fed", whosaid.h).
 * Also checked: feeds return WS_OK; no WS_ERR_NOMEM or INVALID_ARG; lines
 * strictly increase; positions and offsets lie in the stream; the reader
 * makes progress (no more events than lines); WS_DONE is sticky. Every
 * document of the whole pass also goes through ws_extract and the writer
 * with its id, with the checks of fuzz_extract.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ws_extractor *extractor;
static fz_buf output;

typedef struct pass {
    const uint8_t *stream;
    size_t size;
    bool extract;     /* run each document through ws_extract */
    fz_buf events;    /* the serialized events */
    size_t nevents;
    size_t last_line;
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
    if (st == WS_OK) {
        FZ_CHECK(doc->text != NULL, "%s: document with NULL text", p->name);
        FZ_CHECK(doc->id != NULL || doc->id_len == 0,
                 "%s: NULL id with id_len %zu", p->name, doc->id_len);
        FZ_CHECK(doc->line > p->last_line, "%s: document line %zu after line %zu",
                 p->name, doc->line, p->last_line);
        FZ_CHECK(doc->offset < p->size, "%s: document offset %zu past the stream (%zu)",
                 p->name, doc->offset, p->size);
        p->last_line = doc->line;
        fz_put_size(&p->events, doc->id != NULL);
        if (doc->id)
            fz_put_bytes(&p->events, doc->id, doc->id_len);
        fz_put_bytes(&p->events, doc->text, doc->text_len);
        fz_put_size(&p->events, doc->line);
        fz_put_size(&p->events, doc->offset);
        if (p->extract) {
            if (!extractor) {
                extractor = ws_extractor_new(NULL, NULL);
                FZ_CHECK(extractor != NULL, "ws_extractor_new failed");
            }
            /* an exact-size copy, so ASan sees reads past the text */
            char *text = malloc(doc->text_len ? doc->text_len : 1);
            if (!text)
                abort();
            memcpy(text, doc->text, doc->text_len);
            fz_extract_and_write(extractor, text, doc->text_len, doc->id,
                                 doc->id_len, &output);
            free(text);
        }
        return;
    }
    FZ_CHECK(st == WS_ERR_JSON || st == WS_ERR_TOO_LARGE,
             "%s: ws_reader_next returned %s", p->name, ws_status_name(st));
    FZ_CHECK(err->code == st, "%s: error code %s for status %s", p->name,
             ws_status_name(err->code), ws_status_name(st));
    FZ_CHECK(err->message != NULL, "%s: error without a message", p->name);
    FZ_CHECK(err->line > p->last_line, "%s: error line %zu after line %zu",
             p->name, err->line, p->last_line);
    FZ_CHECK(err->position <= p->size, "%s: error position %zu past the stream (%zu)",
             p->name, err->position, p->size);
    p->last_line = err->line;
    fz_put_size(&p->events, (size_t)err->code);
    fz_put_bytes(&p->events, err->message, strlen(err->message));
    fz_put_size(&p->events, err->line);
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
    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_JSONL) failed");
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
    uint64_t seed = 0;
    for (size_t k = 0; k < 8 && k < size; k++)
        seed = (seed << 8) | d[k];
    uint64_t rng = seed;
    size_t first = 0;
    if (size >= 2)
        first = (((size_t)d[0] << 8) | d[1]) % (size + 1);
    else if (size == 1)
        first = d[0] % 2;

    ws_reader *r = ws_reader_new(WS_INPUT_JSONL, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_JSONL) failed");
    size_t at = 0;
    if (first) {
        fz_feed(p->name, r, d, first);
        at = first;
        drain(p, r, false);
    }
    while (at < size) {
        uint64_t x = fz_rand(&rng);
        size_t n = (size_t)(x % 7) + 1;
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
    pass whole = {.stream = data, .size = size, .extract = true, .name = "whole"};
    pass split = {.stream = data, .size = size, .extract = false, .name = "split"};
    run_whole(&whole);
    run_split(&split);
    fz_check_same_events(&whole.events, whole.nevents, &split.events, split.nevents);
    fz_buf_free(&whole.events);
    fz_buf_free(&split.events);
    return 0;
}
