/*
 * Output: one JSON object per quotation, one per line.
 * The buffer and the JSON strings are in out.c.
 */
#include "out.h"

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

static void out_record(out *o, const char *text, const char *doc,
                       size_t doc_len, const ws_quote *q)
{
    OUT_LITERAL(o, "{\"doc\":");
    if (doc)
        out_string(o, doc, doc_len);
    else
        OUT_LITERAL(o, "null");
    if (q->type == WS_QUOTE_DIRECT)
        OUT_LITERAL(o, ",\"type\":\"direct\",\"start\":");
    else
        OUT_LITERAL(o, ",\"type\":\"indirect\",\"start\":");
    out_size(o, q->content.start);
    OUT_LITERAL(o, ",\"end\":");
    out_size(o, q->content.end);
    OUT_LITERAL(o, ",\"quote\":");
    out_span_text(o, text, q->content);
    OUT_LITERAL(o, ",\"speaker\":");
    out_span_text(o, text, q->speaker);
    /* The offsets are those of the local mention ("he", "Hegseth"), not
     * of the canonical name, which may stand anywhere in the document. */
    OUT_LITERAL(o, ",\"speaker_start\":");
    out_offset(o, q->mention, q->mention.start);
    OUT_LITERAL(o, ",\"speaker_end\":");
    out_offset(o, q->mention, q->mention.end);
    OUT_LITERAL(o, ",\"cue\":");
    out_span_text(o, text, q->cue);
    OUT_LITERAL(o, ",\"cue_start\":");
    out_offset(o, q->cue, q->cue.start);
    OUT_LITERAL(o, ",\"cue_end\":");
    out_offset(o, q->cue, q->cue.end);
    OUT_LITERAL(o, ",\"rule\":");
    if (q->rule)
        out_string(o, q->rule, strlen(q->rule));
    else
        OUT_LITERAL(o, "null");
    OUT_LITERAL(o, "}\n");
}

static bool span_within(ws_span sp, size_t len)
{
    return sp.start <= sp.end && sp.end <= len;
}

/* Every record is checked before anything is written, so a bad one never
 * leaves half a stream behind. */
static ws_status check_record(const ws_quote *q, size_t len, ws_error *err)
{
    const char *msg = NULL;
    size_t at = q->content.start;
    if (q->type != WS_QUOTE_DIRECT && q->type != WS_QUOTE_INDIRECT) {
        msg = "quotation of an unknown type";
    } else if (!span_within(q->content, len)) {
        msg = "quotation span outside the text or reversed";
    } else if (!span_absent(q->speaker) && !span_within(q->speaker, len)) {
        msg = "speaker span outside the text or reversed";
        at = q->speaker.start;
    } else if (!span_absent(q->mention) && !span_within(q->mention, len)) {
        msg = "mention span outside the text or reversed";
        at = q->mention.start;
    } else if (!span_absent(q->cue) && !span_within(q->cue, len)) {
        msg = "cue span outside the text or reversed";
        at = q->cue.start;
    }
    if (!msg)
        return WS_OK;
    ws_set_error(err, WS_ERR_INVALID_ARG, msg, at);
    return WS_ERR_INVALID_ARG;
}

static ws_status check_arguments(const char *text, size_t len,
                                 const ws_quote *quotes, size_t count,
                                 ws_write_fn sink, ws_error *err)
{
    if (!sink || (!text && len) || (!quotes && count)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text, quotes or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    for (size_t k = 0; k < count; k++) {
        ws_status st = check_record(&quotes[k], len, err);
        if (st != WS_OK)
            return st;
    }
    return WS_OK;
}

ws_status ws_quotes_write_jsonl(const char *text, size_t len,
                                const char *doc, size_t doc_len,
                                const ws_quote *quotes, size_t count,
                                ws_write_fn sink, void *ctx, ws_error *err)
{
    ws_status st = check_arguments(text, len, quotes, count, sink, err);
    if (st != WS_OK)
        return st;
    if (!text)
        text = ""; /* len is 0: spares NULL + 0 below */
    out o;
    out_init(&o, sink, ctx);
    for (size_t k = 0; k < count && !o.failed; k++)
        out_record(&o, text, doc, doc_len, &quotes[k]);
    out_flush(&o);
    if (o.failed) {
        ws_set_error(err, WS_ERR_WRITE, "the write function reported failure", 0);
        return WS_ERR_WRITE;
    }
    return WS_OK;
}
