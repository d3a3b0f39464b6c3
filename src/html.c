/*
 * HTML -> article text. (Placeholder until the libxml2 extractor lands:
 * every page is refused with WS_ERR_HTML.)
 */
#include "whosaid.h"
#include "internal.h"

struct ws_html {
    ws_allocator alloc;
};

ws_html *ws_html_new(const ws_allocator *alloc)
{
    ws_allocator a = ws_alloc_resolve(alloc);
    ws_html *h = ws_malloc(&a, sizeof *h);
    if (h)
        h->alloc = a;
    return h;
}

void ws_html_free(ws_html *h)
{
    if (h)
        ws_free(&h->alloc, h);
}

ws_status ws_html_extract(ws_html *h, const char *html, size_t len,
                          const char *charset, size_t charset_len,
                          ws_page *page, ws_error *err)
{
    (void)h; (void)html; (void)len; (void)charset; (void)charset_len; (void)page;
    ws_set_error(err, WS_ERR_HTML, "HTML extraction is not built yet", 0);
    return WS_ERR_HTML;
}
