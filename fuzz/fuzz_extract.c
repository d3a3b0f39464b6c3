/*
 * libFuzzer harness: ws_extract on arbitrary bytes, then
 * ws_quotes_write_jsonl.
 *
 * The whole input is one document. One extractor lives for the whole run
 * (a static pointer: fine in a harness, never in the library), so the
 * reuse of its scratch buffers from one document to the next is fuzzed
 * too. Checked, with a trap on any violation (fuzz_common.h):
 *   - ws_extract returns WS_OK;
 *   - every span lies within the input with start <= end, or is absent
 *     (start == end == WS_NO_OFFSET; the content span never is); records
 *     have a known type and a rule, and are sorted by start;
 *   - the writer returns WS_OK and writes valid UTF-8: one line per
 *     record, each '{' ... '}' followed by '\n', no other raw control
 *     byte, each a valid JSON object with the documented members in
 *     order and the record's type and offsets.
 * The document is copied into a buffer of exactly its size, so ASan sees
 * any read past its end (the library must not rely on a NUL).
 */
#include "fuzz_common.h"

static ws_extractor *extractor;
static fz_buf output;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!extractor) {
        ws_options opts;
        ws_options_init(&opts);
        extractor = ws_extractor_new(&opts, NULL);
        FZ_CHECK(extractor != NULL, "ws_extractor_new failed");
    }
    /* libFuzzer's buffer is already exactly `size` bytes; a copy keeps
     * the pointer non-NULL for size 0 and makes the bound explicit. */
    char *text = malloc(size ? size : 1);
    if (!text)
        abort();
    if (size)
        memcpy(text, data, size);
    fz_extract_and_write(extractor, text, size, "fuzz", 4, &output);
    free(text);
    return 0;
}
