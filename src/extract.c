/*
 * The public extraction API: runs the stages over one document and turns
 * the attributed quotations into records.
 */
#include "pipeline.h"

struct ws_extractor {
    uint64_t work;
    ws_allocator alloc;
    ws_options opts;
    ws_lexicon lexicon;
    ws_doc doc;
    ws_quote *out;
    size_t capout;
    ws_record_source *src;     /* per record: its entity and mention */
    size_t capsrc;
    size_t nout;
    bool valid;                /* the last ws_extract succeeded */
    struct ws_speakers *speakers; /* speakers.c's scratch */
};

/* ===================================================================== */
/*  Handles                                                              */
/* ===================================================================== */

void ws_options_init(ws_options *opts)
{
    if (opts)
        opts->types = WS_TYPE_DIRECT | WS_TYPE_INDIRECT;
}

ws_extractor *ws_extractor_new(const ws_options *opts, const ws_allocator *alloc)
{
    ws_allocator a = ws_alloc_resolve(alloc);
    if (opts && (opts->types & ~(WS_TYPE_DIRECT | WS_TYPE_INDIRECT)))
        return NULL;
    ws_extractor *x = ws_malloc(&a, sizeof *x);
    if (!x)
        return NULL;
    memset(x, 0, sizeof *x);
    x->alloc = a;
    ws_options_init(&x->opts);
    if (opts)
        x->opts = *opts;
    if (!ws_lexicon_init(&x->lexicon, &x->alloc)) {
        ws_free(&a, x);
        return NULL;
    }
    x->doc.alloc = &x->alloc;
    x->doc.work = &x->work;
    x->doc.lex = &x->lexicon;
    return x;
}

void ws_doc_free(ws_doc *d)
{
    const ws_allocator *a = d->alloc;
    ws_free(a, d->tok);
    ws_free(a, d->q);
    ws_free(a, d->r);
    ws_free(a, d->m);
    ws_free(a, d->e);
    ws_free(a, d->stack);
    ws_free(a, d->links);
}

void ws_extractor_free(ws_extractor *x)
{
    if (!x)
        return;
    ws_allocator a = x->alloc;
    ws_doc_free(&x->doc);
    ws_lexicon_free(&x->lexicon, &a);
    ws_free(&a, x->out);
    ws_free(&a, x->src);
    ws_speakers_free(&a, x->speakers);
    ws_free(&a, x);
}

uint64_t ws_extractor_work(const ws_extractor *x)
{
    return x ? x->work : 0;
}

bool ws_extractor_last(ws_extractor *x, ws_last *last)
{
    if (!x || !x->valid)
        return false;
    last->doc = &x->doc;
    last->quotes = x->out;
    last->sources = x->src;
    last->count = x->nout;
    last->alloc = &x->alloc;
    last->speakers = &x->speakers;
    return true;
}

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

static ws_span no_span(void)
{
    ws_span s = {WS_NO_OFFSET, WS_NO_OFFSET};
    return s;
}

static ws_span tok_span(const ws_doc *d, uint32_t first, uint32_t last)
{
    ws_span s = {d->tok[first].start, d->tok[last].end};
    return s;
}

/* The canonical speaker: the entity's fullest name, or the mention
 * itself when it resolved to nobody ("a spokesman"), but never a bare
 * pronoun. */
static ws_span speaker_span(const ws_doc *d, const ws_qpair *q)
{
    if (q->entity >= 0) {
        const ws_entity *e = &d->e[q->entity];
        return tok_span(d, e->canon_first, e->canon_last);
    }
    if (q->mention >= 0) {
        const ws_mention *m = &d->m[q->mention];
        /* A pronoun that no entity took says who spoke to a reader of the
         * page, not of the record: "speaker": "she" is no answer (FORMAT:
         * null where the document does not say). The record keeps the
         * pronoun as its mention (issue 14, point 11). */
        if (m->kind == MK_PRONOUN)
            return no_span();
        return tok_span(d, m->name, m->last);
    }
    return no_span();
}

static void make_record(const ws_doc *d, const ws_qpair *q, ws_quote *r)
{
    r->type = WS_QUOTE_DIRECT;
    r->content.start = q->start;
    r->content.end = q->end;
    r->speaker = speaker_span(d, q);
    r->mention = q->mention >= 0 ? tok_span(d, d->m[q->mention].first, d->m[q->mention].last)
                                 : no_span();
    r->cue = q->cue >= 0 ? tok_span(d, (uint32_t)q->cue, (uint32_t)q->cue_end - 1) : no_span();
    r->rule = q->rule ? q->rule : "unattributed";
}

static void make_report_record(const ws_doc *d, const ws_report *rp, ws_quote *r)
{
    ws_qpair as_pair;
    memset(&as_pair, 0, sizeof as_pair);
    as_pair.mention = rp->mention;
    as_pair.entity = rp->entity;
    r->type = WS_QUOTE_INDIRECT;
    r->content.start = rp->start;
    r->content.end = rp->end;
    r->speaker = speaker_span(d, &as_pair);
    r->mention = rp->mention >= 0 ? tok_span(d, d->m[rp->mention].first, d->m[rp->mention].last)
                                  : no_span();
    r->cue = rp->cue >= 0 ? tok_span(d, (uint32_t)rp->cue, (uint32_t)rp->cue_end - 1) : no_span();
    r->rule = rp->rule;
}

/* Direct and indirect records, each list sorted by start, merged. */
static ws_status collect_records(ws_extractor *x, size_t *count)
{
    ws_doc *d = &x->doc;
    size_t n = 0, i = 0, j = 0;
    size_t nq = (x->opts.types & WS_TYPE_DIRECT) ? d->nq : 0;
    size_t nr = (x->opts.types & WS_TYPE_INDIRECT) ? d->nr : 0;
    while (i < nq || j < nr) {
        if (i < nq && !d->q[i].keep) {
            i++;
            continue;
        }
        if (!ws_grow(&x->alloc, (void **)&x->out, &x->capout, n + 1, sizeof *x->out) ||
            !ws_grow(&x->alloc, (void **)&x->src, &x->capsrc, n + 1, sizeof *x->src))
            return WS_ERR_NOMEM;
        if (j < nr && (i >= nq || d->r[j].start <= d->q[i].start)) {
            x->src[n].entity = d->r[j].entity;
            x->src[n].mention = d->r[j].mention;
            make_report_record(d, &d->r[j++], &x->out[n++]);
        } else {
            x->src[n].entity = d->q[i].entity;
            x->src[n].mention = d->q[i].mention;
            make_record(d, &d->q[i++], &x->out[n++]);
        }
    }
    *count = n;
    return WS_OK;
}

/* ===================================================================== */
/*  Extraction                                                           */
/* ===================================================================== */

static bool run_stages(ws_doc *d, unsigned types)
{
    if (!ws_tokens_build(d) || !ws_quotes_pair(d))
        return false;
    ws_sentences_mark(d);
    if (!ws_mentions_find(d) || !ws_entities_resolve(d))
        return false;
    ws_attribute(d);
    return !(types & WS_TYPE_INDIRECT) || ws_indirect_find(d);
}

ws_status ws_extract(ws_extractor *x, const char *text, size_t len,
                     const ws_quote **quotes, size_t *count, ws_error *err)
{
    static const ws_quote none[1];
    if (x)
        x->valid = false;
    if (quotes)
        *quotes = none;
    if (count)
        *count = 0;
    if (!x || !quotes || !count || (!text && len)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL extractor, text or result pointer", 0);
        return WS_ERR_INVALID_ARG;
    }
    ws_doc *d = &x->doc;
    x->work = 0;
    if (len > WS_MAX_DOCUMENT_BYTES) {
        ws_set_error(err, WS_ERR_TOO_LARGE, "document larger than WS_MAX_DOCUMENT_BYTES (256 MiB)",
                     WS_MAX_DOCUMENT_BYTES);
        return WS_ERR_TOO_LARGE;
    }
    d->text = text ? text : "";
    d->len = len;
    d->ntok = d->nq = d->nr = d->nm = d->ne = 0;
    if (!run_stages(d, x->opts.types)) {
        ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
        return WS_ERR_NOMEM;
    }
    size_t n = 0;
    ws_status st = collect_records(x, &n);
    if (st != WS_OK) {
        ws_set_error(err, st, "out of memory", 0);
        return st;
    }
    *quotes = n ? x->out : none;
    *count = n;
    x->nout = n;
    x->valid = true;
    if (err)
        ws_set_error(err, WS_OK, "ok", 0);
    return WS_OK;
}
