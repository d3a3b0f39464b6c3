/*
 * Allocation: the caller's allocator, or the C library's.
 */
#include <stdlib.h>

#include "internal.h"

static void *default_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void *default_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return realloc(p, n);
}

static void default_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

ws_allocator ws_alloc_resolve(const ws_allocator *alloc)
{
    ws_allocator a = {default_malloc, default_realloc, default_free, NULL};
    if (alloc && alloc->malloc && alloc->realloc && alloc->free)
        a = *alloc;
    return a;
}

bool ws_grow_to(const ws_allocator *a, void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            return false;
        n *= 2;
    }
    void *p = ws_realloc(a, *buf, n * elem);
    if (!p)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

bool ws_buf_append(const ws_allocator *a, ws_buf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return false;
    if (!ws_grow(a, (void **)&b->data, &b->cap, b->len + n + 1, 1))
        return false;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

void ws_buf_free(const ws_allocator *a, ws_buf *b)
{
    ws_free(a, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *ws_status_name(ws_status code)
{
    switch (code) {
    case WS_OK: return "ok";
    case WS_DONE: return "done";
    case WS_NEED_INPUT: return "need input";
    case WS_ERR_NOMEM: return "out of memory";
    case WS_ERR_INVALID_ARG: return "invalid argument";
    case WS_ERR_TOO_LARGE: return "over a limit";
    case WS_ERR_JSON: return "malformed JSON";
    case WS_ERR_WRITE: return "write failed";
    case WS_ERR_WARC: return "malformed WARC record";
    case WS_ERR_GZIP: return "corrupt compressed data";
    case WS_ERR_HTML: return "unreadable HTML";
    case WS_ERR_IO: return "I/O error";
    case WS_ERR_NOT_TEXT: return "not text";
    case WS_ERR_INTERRUPTED: return "interrupted";
    case WS_SKIPPED: return "skipped";
    case WS_STATUS_COUNT: break;
    }
    return "unknown status";
}

/* The keys are the enum's own names, lower case and without the WS_ /
 * WS_ERR_ prefix: the one spelling every front end (the CLI's --stats,
 * the Python Stats, whosaid.dask) uses for a reason. */
const char *ws_status_key(ws_status code)
{
    switch (code) {
    case WS_OK: return "ok";
    case WS_DONE: return "done";
    case WS_NEED_INPUT: return "need_input";
    case WS_ERR_NOMEM: return "nomem";
    case WS_ERR_INVALID_ARG: return "invalid_arg";
    case WS_ERR_TOO_LARGE: return "too_large";
    case WS_ERR_JSON: return "json";
    case WS_ERR_WRITE: return "write";
    case WS_ERR_WARC: return "warc";
    case WS_ERR_GZIP: return "gzip";
    case WS_ERR_HTML: return "html";
    case WS_ERR_IO: return "io";
    case WS_ERR_NOT_TEXT: return "not_text";
    case WS_ERR_INTERRUPTED: return "interrupted";
    case WS_SKIPPED: return "skipped";
    case WS_STATUS_COUNT: break;
    }
    return NULL;
}

const char *ws_skip_key(ws_skip reason)
{
    switch (reason) {
    case WS_SKIP_NONE: return "none";
    case WS_SKIP_NOT_RESPONSE: return "not_response";
    case WS_SKIP_NOT_HTML: return "not_html";
    case WS_SKIP_NOT_OK: return "not_ok";
    case WS_SKIP_EMPTY: return "empty";
    case WS_SKIP_COUNT: break;
    }
    return NULL;
}
