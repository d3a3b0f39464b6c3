/*
 * Output: one JSON object per quotation, one per line; or, for a run,
 * one JSON object per document (its text and metadata), or its text.
 * The buffer and the JSON strings are in out.c.
 */
#include "out.h"

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

static void out_string_or_null(out *o, const char *s, size_t n)
{
    if (s)
        out_string(o, s, n);
    else
        OUT_LITERAL(o, "null");
}

static bool str_present(ws_str s)
{
    return s.ptr && s.len;
}

/* A WARC record always spans some stored bytes; other input leaves the
 * length 0. */
static bool from_warc(const ws_document *d)
{
    return d && d->record_length;
}

/* The provenance fields of a record, each only when the document has it. */
static void out_provenance(out *o, const ws_document *d, const char *source)
{
    if (!d)
        return;
    if (str_present(d->url)) {
        OUT_LITERAL(o, ",\"url\":");
        out_string(o, d->url.ptr, d->url.len);
    }
    if (str_present(d->date)) {
        OUT_LITERAL(o, ",\"date\":");
        out_string(o, d->date.ptr, d->date.len);
    }
    if (!from_warc(d))
        return;
    if (d->id) {
        OUT_LITERAL(o, ",\"warc_record_id\":");
        out_string(o, d->id, d->id_len);
    }
    if (source) {
        OUT_LITERAL(o, ",\"warc_filename\":");
        out_string(o, source, strlen(source));
    }
    OUT_LITERAL(o, ",\"warc_record_offset\":");
    out_size(o, (size_t)d->record_offset);
    OUT_LITERAL(o, ",\"warc_record_length\":");
    out_size(o, (size_t)d->record_length);
}

static void out_record(out *o, const char *text, const ws_doc_name *name,
                       const ws_quote *q)
{
    OUT_LITERAL(o, "{\"doc\":");
    out_string_or_null(o, name->doc, name->doc_len);
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
    out_name_text(o, text, q->speaker);
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
    out_provenance(o, name->provenance, name->source);
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

static void out_open(out *o, ws_write_fn sink, void *ctx)
{
    out_init(o, sink, ctx);
}

/* Flush, add the replacements to *replaced and say how it went. */
static ws_status out_close(out *o, uint64_t *replaced, ws_error *err)
{
    out_flush(o);
    if (replaced)
        *replaced += o->replaced;
    if (o->failed) {
        ws_set_error(err, WS_ERR_WRITE, "the write function reported failure", 0);
        return WS_ERR_WRITE;
    }
    return WS_OK;
}

ws_status ws_write_records(const ws_doc_name *name, const char *text, size_t len,
                           const ws_quote *quotes, size_t count,
                           ws_write_fn sink, void *ctx, uint64_t *replaced,
                           ws_error *err)
{
    ws_status st = check_arguments(text, len, quotes, count, sink, err);
    if (st != WS_OK)
        return st;
    if (!text)
        text = ""; /* len is 0: spares NULL + 0 below */
    out o;
    out_open(&o, sink, ctx);
    for (size_t k = 0; k < count && !o.failed; k++)
        out_record(&o, text, name, &quotes[k]);
    return out_close(&o, replaced, err);
}

ws_status ws_quotes_write_jsonl(const char *text, size_t len,
                                const char *doc, size_t doc_len,
                                const ws_quote *quotes, size_t count,
                                ws_write_fn sink, void *ctx, ws_error *err)
{
    ws_doc_name name = {doc, doc_len, NULL, NULL};
    return ws_write_records(&name, text, len, quotes, count, sink, ctx, NULL, err);
}

ws_status ws_document_write_jsonl(const ws_document *doc, const char *source,
                                  const char *text, size_t len,
                                  const ws_quote *quotes, size_t count,
                                  ws_write_fn sink, void *ctx, ws_error *err)
{
    if (!doc) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL document", 0);
        return WS_ERR_INVALID_ARG;
    }
    ws_doc_name name = {doc->id, doc->id_len, doc, source};
    return ws_write_records(&name, text, len, quotes, count, sink, ctx, NULL, err);
}

/* ===================================================================== */
/*  Documents: their text and metadata (runs)                            */
/* ===================================================================== */

static void out_field(out *o, const char *key, size_t key_len, ws_str value)
{
    out_bytes(o, key, key_len);
    if (str_present(value))
        out_string(o, value.ptr, value.len);
    else
        OUT_LITERAL(o, "null");
}

#define OUT_FIELD(o, lit, value) out_field((o), (lit), sizeof(lit) - 1, (value))

/* The page's value, else the transport's. */
static ws_str prefer(ws_str page_value, ws_str document_value)
{
    return str_present(page_value) ? page_value : document_value;
}

static void out_warc_fields(out *o, const ws_document *d, const char *source)
{
    bool warc = from_warc(d);
    ws_str id = {warc ? d->id : NULL, warc ? d->id_len : 0};
    ws_str file = {warc ? source : NULL, warc && source ? strlen(source) : 0};
    OUT_FIELD(o, ",\"warc_record_id\":", id);
    OUT_FIELD(o, ",\"warc_filename\":", file);
    OUT_LITERAL(o, ",\"warc_record_offset\":");
    if (warc)
        out_size(o, (size_t)d->record_offset);
    else
        OUT_LITERAL(o, "null");
    OUT_LITERAL(o, ",\"warc_record_length\":");
    if (warc)
        out_size(o, (size_t)d->record_length);
    else
        OUT_LITERAL(o, "null");
}

ws_status ws_write_document_json(const ws_doc_name *name, const ws_page *page,
                                 const char *text, size_t len,
                                 ws_write_fn sink, void *ctx, uint64_t *replaced,
                                 ws_error *err)
{
    if (!sink || (!text && len)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    static const ws_page no_page;
    static const ws_document no_document;
    const ws_page *p = page ? page : &no_page;
    const ws_document *d = name->provenance ? name->provenance : &no_document;
    out o;
    out_open(&o, sink, ctx);
    OUT_LITERAL(&o, "{\"doc\":");
    out_string_or_null(&o, name->doc, name->doc_len);
    OUT_FIELD(&o, ",\"url\":", prefer(p->url, d->url));
    OUT_FIELD(&o, ",\"date\":", prefer(p->date, d->date));
    OUT_FIELD(&o, ",\"title\":", prefer(p->title, d->title));
    OUT_FIELD(&o, ",\"byline\":", p->byline);
    OUT_FIELD(&o, ",\"site\":", p->site);
    OUT_FIELD(&o, ",\"lang\":", p->lang);
    out_warc_fields(&o, d, name->source);
    OUT_LITERAL(&o, ",\"text\":");
    out_string(&o, text ? text : "", len);
    OUT_LITERAL(&o, "}\n");
    return out_close(&o, replaced, err);
}

/* ===================================================================== */
/*  Plain text (runs)                                                    */
/* ===================================================================== */

/* Text as UTF-8: valid sequences copied, each invalid byte U+FFFD. */
static void out_utf8(out *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = ws_utf8_decode(s, n, i, &cp);
        if (k == 1) {
            out_bytes(o, s + run, i - run);
            out_replacement(o, 1, cp);
            run = i + 1;
        }
        i += k;
    }
    out_bytes(o, s + run, n - run);
}

static bool is_blank_line(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
            return false;
    return true;
}

ws_status ws_write_document_text(const char *text, size_t len, bool *written,
                                 ws_write_fn sink, void *ctx, uint64_t *replaced,
                                 ws_error *err)
{
    if (!sink || (!text && len) || !written) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    out o;
    out_open(&o, sink, ctx);
    /* Blank lines are dropped so that one blank line between documents
     * is the only one: a reader splits the output on it. */
    size_t at = 0;
    bool started = false;
    while (at < len) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - at;
        if (n && text[end - 1] == '\r')
            n--;
        if (!is_blank_line(text + at, n)) {
            if (*written && !started)
                OUT_LITERAL(&o, "\n");
            started = true;
            out_utf8(&o, text + at, n);
            OUT_LITERAL(&o, "\n");
        }
        at = end + 1;
    }
    *written = *written || started;
    return out_close(&o, replaced, err);
}
