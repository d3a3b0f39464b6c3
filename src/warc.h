/*
 * WARC input (warc.c): the WS_INPUT_WARC stage of the reader. reader.c
 * hands every call on a WS_INPUT_WARC reader to these; their contract is
 * that of ws_reader_feed, ws_reader_finish and ws_reader_next in
 * include/whosaid.h, with the WARC details described at the top of
 * warc.c. Not installed.
 */
#ifndef WS_WARC_H
#define WS_WARC_H

#include "internal.h"

typedef struct ws_warc ws_warc;

/* NULL when out of memory. alloc must be a resolved allocator
 * (ws_alloc_resolve); it is copied. */
ws_warc *ws_warc_new(const ws_allocator *alloc);
void ws_warc_free(ws_warc *w);
/* The bytes are copied; on WS_ERR_NOMEM none of them were taken. */
ws_status ws_warc_feed(ws_warc *w, const char *data, size_t len, ws_error *err);
void ws_warc_finish(ws_warc *w);
ws_status ws_warc_next(ws_warc *w, ws_document *doc, ws_error *err);
/* Units of work done so far (see ws_reader_work). */
uint64_t ws_warc_work(const ws_warc *w);

#endif
