/*
 * libFuzzer harness: the WS_INPUT_TEXT reader.
 *
 * The input is fed in pieces of pseudo-random sizes (0 to 4096 bytes,
 * mostly small; the sizes come from a hash of the input, so a run is
 * reproducible). Checked, with a trap on any violation:
 *   - every feed returns WS_OK;
 *   - before ws_reader_finish, ws_reader_next says WS_NEED_INPUT;
 *   - after it, exactly one document: WS_OK with text == the input byte
 *     for byte, no id, line 0, offset 0; then WS_DONE, and WS_DONE again.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t piece_size(uint64_t *rng)
{
    uint64_t r = fz_rand(rng);
    switch (r & 7) {
    case 0: return 0;                           /* an empty feed */
    case 1: return (size_t)((r >> 8) % 4097);   /* a big one */
    case 2: case 3: return (size_t)((r >> 8) % 64) + 1;
    default: return (size_t)((r >> 8) % 7) + 1; /* 1..7 bytes */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ws_reader *r = ws_reader_new(WS_INPUT_TEXT, NULL);
    FZ_CHECK(r != NULL, "ws_reader_new(WS_INPUT_TEXT) failed");
    uint64_t rng = fz_hash(data, size);
    ws_document doc;
    ws_error err;
    size_t at = 0;
    while (at < size) {
        size_t n = piece_size(&rng);
        if (n > size - at)
            n = size - at;
        /* each piece in its own allocation, so that ASan catches a read
         * past the bytes given */
        char *piece = malloc(n ? n : 1);
        if (!piece)
            abort();
        memcpy(piece, data + at, n);
        memset(&err, 0, sizeof err);
        ws_status st = ws_reader_feed(r, n ? piece : NULL, n, &err);
        free(piece);
        FZ_CHECK(st == WS_OK, "ws_reader_feed(%zu bytes at %zu) returned %s", n,
                 at, ws_status_name(st));
        at += n;
        if (fz_rand(&rng) & 1) {
            memset(&doc, 0, sizeof doc);
            st = ws_reader_next(r, &doc, &err);
            FZ_CHECK(st == WS_NEED_INPUT,
                     "ws_reader_next before finish returned %s, not need-input",
                     ws_status_name(st));
        }
    }
    ws_reader_finish(r);
    memset(&doc, 0, sizeof doc);
    memset(&err, 0, sizeof err);
    ws_status st = ws_reader_next(r, &doc, &err);
    FZ_CHECK(st == WS_OK, "ws_reader_next after finish returned %s (%s)",
             ws_status_name(st), err.message ? err.message : "no message");
    FZ_CHECK(doc.text != NULL, "document text is NULL");
    FZ_CHECK(doc.text_len == size, "document is %zu bytes, input %zu",
             doc.text_len, size);
    if (size) {
        for (size_t k = 0; k < size; k++)
            FZ_CHECK((uint8_t)doc.text[k] == data[k],
                     "document differs from the input at byte %zu", k);
    }
    FZ_CHECK(doc.id == NULL && doc.id_len == 0, "text document has an id");
    FZ_CHECK(doc.line == 0, "text document has line %zu", doc.line);
    FZ_CHECK(doc.offset == 0, "text document has offset %zu", doc.offset);
    st = ws_reader_next(r, &doc, &err);
    FZ_CHECK(st == WS_DONE, "second ws_reader_next returned %s, not done",
             ws_status_name(st));
    st = ws_reader_next(r, &doc, &err);
    FZ_CHECK(st == WS_DONE, "third ws_reader_next returned %s, not done",
             ws_status_name(st));
    ws_reader_free(r);
    return 0;
}
