/*
 * libFuzzer harness: the HTML stage, then the extractor on its text.
 *
 * The first byte picks the transport charset label given (none, UTF-8,
 * windows-1252, iso-8859-1, gb2312, shift_jis, a made-up label); the rest
 * is the page. Checked, with a trap on any violation:
 *   - ws_html_extract returns WS_OK, or WS_ERR_TOO_LARGE (nested past
 *     libxml2's limit), or WS_ERR_HTML (libxml2 built no document);
 *   - on WS_OK the text is valid UTF-8, one paragraph per line: no empty
 *     line, no line starting or ending with a space, no NUL;
 *   - the metadata strings are within their length and valid UTF-8;
 *   - the same handle gives the same text a second time (no state leaks
 *     from one page into the next);
 *   - ws_extract accepts the text and every span lies inside it.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const labels[] = {
    NULL, "utf-8", "windows-1252", "iso-8859-1", "gb2312", "shift_jis",
    "x-no-such-charset"
};

static int valid_utf8(const char *s, size_t n)
{
    return fz_utf8_invalid_at((const unsigned char *)s, n) == n;
}

static void check_layout(const char *t, size_t n)
{
    FZ_CHECK(valid_utf8(t, n), "article text is not valid UTF-8");
    for (size_t i = 0; i < n; i++) {
        FZ_CHECK(t[i] != 0, "NUL in article text at %zu", i);
        if (t[i] != '\n')
            continue;
        FZ_CHECK(i > 0 && t[i - 1] != '\n' && i + 1 < n, "empty line at %zu", i);
        FZ_CHECK(t[i - 1] != ' ' && t[i + 1] != ' ', "space at a line edge at %zu", i);
    }
    FZ_CHECK(n == 0 || (t[0] != ' ' && t[n - 1] != ' ' && t[n - 1] != '\n'),
             "text starts or ends with a space or newline");
}

static void check_meta(ws_str s, const char *what)
{
    FZ_CHECK(s.len == 0 || s.ptr != NULL, "%s: length without pointer", what);
    FZ_CHECK(valid_utf8(s.ptr, s.len), "%s is not valid UTF-8", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *label = labels[data[0] % (sizeof labels / sizeof *labels)];
    const char *page = (const char *)data + 1;
    size_t len = size - 1;
    ws_html *h = ws_html_new(NULL);
    FZ_CHECK(h != NULL, "ws_html_new failed");
    ws_page p;
    ws_error err;
    memset(&err, 0, sizeof err);
    ws_status st = ws_html_extract(h, page, len, label, label ? strlen(label) : 0,
                                   &p, &err);
    FZ_CHECK(st == WS_OK || st == WS_ERR_TOO_LARGE || st == WS_ERR_HTML,
             "ws_html_extract returned %s", ws_status_name(st));
    if (st == WS_OK) {
        check_layout(p.text, p.text_len);
        check_meta(p.title, "title");
        check_meta(p.byline, "byline");
        check_meta(p.date, "date");
        check_meta(p.url, "url");
        check_meta(p.site, "site");
        check_meta(p.lang, "lang");
        fz_buf first = {0};
        fz_buf_append(&first, p.text, p.text_len);
        ws_page again;
        st = ws_html_extract(h, page, len, label, label ? strlen(label) : 0, &again,
                             &err);
        FZ_CHECK(st == WS_OK && again.text_len == first.len &&
                     (first.len == 0 || memcmp(again.text, first.data, first.len) == 0),
                 "a second extraction of the same page differs");
        fz_buf_free(&first);

        /* One extractor for the whole run (built once: its lexicon takes
         * longer than a small page); ws_extract keeps no state between
         * documents that could change an answer. */
        static ws_extractor *x;
        if (!x)
            x = ws_extractor_new(NULL, NULL);
        FZ_CHECK(x != NULL, "ws_extractor_new failed");
        const ws_quote *q;
        size_t count;
        st = ws_extract(x, again.text, again.text_len, &q, &count, &err);
        FZ_CHECK(st == WS_OK, "ws_extract on article text returned %s",
                 ws_status_name(st));
        for (size_t i = 0; i < count; i++)
            FZ_CHECK(q[i].content.start <= q[i].content.end &&
                         q[i].content.end <= again.text_len,
                     "record %zu outside the text", i);
    }
    ws_html_free(h);
    return 0;
}
