/*
 * Output: one self-contained HTML page per document (inline CSS and
 * JavaScript, nothing fetched), the quotations highlighted.
 *
 * The text is written once, in order, inside one pre-wrapped element, so
 * that the page's text is the document's text and a record's element
 * reads exactly its span. Records nest (a direct fragment inside an
 * indirect report); one that crosses another is closed where the other
 * ends and reopened after it, each piece carrying the record's
 * attributes. The open records are kept on a stack of at most
 * WS_MAX_VIEW_NESTING, so each boundary costs O(1): linear in the text
 * and the records. Writing allocates nothing.
 *
 * The extractor reads every line as a paragraph, and an HTML page's
 * article text has one paragraph a line with no blank line between: a
 * newline alone would show as a mere line break, so each single newline
 * is followed by an empty block (span.pb) that spaces the paragraphs
 * without adding to the text (a blank line already spaces them).
 */
#include "out.h"

static const char PAGE_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"whosaid " WHOSAID_VERSION "\">\n<title>whosaid: ";

static const char PAGE_STYLE[] =
    "</title>\n<style>\n"
    "body{font:16px/1.55 Georgia,serif;margin:0;color:#222;background:#fafafa}\n"
    "header{padding:12px 24px;background:#263238;color:#fff}\n"
    "header h1{font:600 18px sans-serif;margin:0}header p{margin:4px 0 0;font:13px sans-serif}\n"
    "main{display:flex;gap:24px;padding:24px;align-items:flex-start}\n"
    "#text{flex:3;white-space:pre-wrap;max-width:46em;background:#fff;padding:16px 24px;"
    "border:1px solid #ddd}\n"
    "#speakers{flex:1;font:14px sans-serif;position:sticky;top:12px;min-width:14em}\n"
    "#speakers h2{font-size:15px;margin:0 0 8px}#speakers ul{list-style:none;padding:0;margin:0}\n"
    "#speakers li{padding:6px 8px;margin-bottom:6px;border-left:8px solid var(--c);"
    "background:#fff;cursor:default}\n"
    "#speakers .meta{color:#555;font-size:12px}\n"
    ".pb{display:block;height:.7em}\n"
    ".legend{font:13px sans-serif;margin:6px 0 0}\n"
    ".key{padding:0 4px;border-radius:2px;color:#222;--c:hsl(200,70%,78%)}\n"
    ".key.direct{background:var(--c)}\n"
    ".key.indirect{color:#fff;border-bottom:3px solid var(--c)}\n"
    ".q{border-radius:2px}\n"
    ".q.direct{background:var(--c)}\n"
    ".q.indirect{border-bottom:3px solid var(--c);background:var(--b)}\n"
    ".q.none{--c:#ccc;--b:#f2f2f2}\n"
    ".dim .q:not(.on){opacity:.35}\n"
    "</style>\n</head>\n<body>\n";

/* Hovering a speaker in the panel brings out that speaker's quotations. */
static const char PAGE_SCRIPT[] =
    "<script>\n"
    "(function(){var t=document.getElementById('text');"
    "document.querySelectorAll('#speakers li').forEach(function(li){"
    "li.addEventListener('mouseenter',function(){var n=li.getAttribute('data-speaker');"
    "t.classList.add('dim');t.querySelectorAll('.q').forEach(function(q){"
    "q.classList.toggle('on',q.getAttribute('data-speaker')===n);});});"
    "li.addEventListener('mouseleave',function(){t.classList.remove('dim');});});})();\n"
    "</script>\n";

/* ===================================================================== */
/*  Pieces                                                               */
/* ===================================================================== */

static void out_text_or(out *o, const char *s, size_t n, const char *none)
{
    if (s)
        out_html(o, s, n);
    else
        out_bytes(o, none, strlen(none));
}

static void out_span_html(out *o, const char *text, ws_span sp)
{
    out_html(o, text + sp.start, sp.end - sp.start);
}

/* The page: where it goes, the text, the speakers of the panel. */
typedef struct page {
    out o;
    const char *text;
    size_t len;
    const ws_speaker *speakers;
    size_t n_speakers;
} page;

/* The first WS_VIEW_PALETTE speakers of the panel get hues evenly spaced
 * round the wheel, 360/N degrees apart for N of them (72 for five), the
 * most two colours can be kept apart; a golden-angle sequence, which
 * need not know N, leaves some pairs closer (52 degrees for five). The
 * others (and every speaker when there is no panel) get a hue from their
 * name. Comparing a record's speaker with a bounded number of names keeps
 * the page linear and allocation free. */
static uint32_t hue_of(const page *pg, const char *name, size_t n)
{
    size_t palette = pg->n_speakers < WS_VIEW_PALETTE ? pg->n_speakers : WS_VIEW_PALETTE;
    for (size_t k = 0; k < palette; k++) {
        ws_span sp = pg->speakers[k].name;
        if (sp.end - sp.start == n && memcmp(pg->text + sp.start, name, n) == 0)
            return (uint32_t)((200u + k * 360u / palette) % 360u);
    }
    return out_colour_hue(name, n);
}

/* style="--c:hsl(H,70%,78%);--b:hsl(H,70%,95%)" for a name. */
static void out_colour(const page *pg, out *o, const char *name, size_t n)
{
    uint32_t hue = hue_of(pg, name, n);
    OUT_LITERAL(o, " style=\"--c:hsl(");
    out_size(o, hue);
    OUT_LITERAL(o, ",70%,78%);--b:hsl(");
    out_size(o, hue);
    OUT_LITERAL(o, ",70%,95%)\"");
}

static const char *type_name(ws_quote_type t)
{
    return t == WS_QUOTE_DIRECT ? "direct" : "indirect";
}

/* The opening tag of (a piece of) record k. */
static void open_record(page *pg, const ws_quote *q, size_t k, bool piece)
{
    out *o = &pg->o;
    const char *text = pg->text;
    bool has_speaker = !span_absent(q->speaker);
    OUT_LITERAL(o, "<span class=\"q ");
    out_bytes(o, type_name(q->type), strlen(type_name(q->type)));
    if (!has_speaker)
        OUT_LITERAL(o, " none");
    OUT_LITERAL(o, "\" data-record=\"");
    out_size(o, k);
    OUT_LITERAL(o, "\" data-start=\"");
    out_size(o, q->content.start);
    OUT_LITERAL(o, "\" data-end=\"");
    out_size(o, q->content.end);
    OUT_LITERAL(o, "\" data-type=\"");
    out_bytes(o, type_name(q->type), strlen(type_name(q->type)));
    OUT_LITERAL(o, "\" data-speaker=\"");
    if (has_speaker)
        out_span_html(o, text, q->speaker);
    OUT_LITERAL(o, "\" data-cue=\"");
    if (!span_absent(q->cue))
        out_span_html(o, text, q->cue);
    OUT_LITERAL(o, "\" data-rule=\"");
    out_text_or(o, q->rule, q->rule ? strlen(q->rule) : 0, "");
    if (piece)
        OUT_LITERAL(o, "\" data-piece=\"continued");
    /* the tooltip: speaker, cue, rule */
    OUT_LITERAL(o, "\" title=\"");
    if (has_speaker)
        out_span_html(o, text, q->speaker);
    else
        OUT_LITERAL(o, "(no speaker)");
    OUT_LITERAL(o, " \xE2\x80\x94 ");
    out_bytes(o, type_name(q->type), strlen(type_name(q->type)));
    OUT_LITERAL(o, "; cue: ");
    if (!span_absent(q->cue))
        out_span_html(o, text, q->cue);
    else
        OUT_LITERAL(o, "none");
    OUT_LITERAL(o, "; rule: ");
    out_text_or(o, q->rule, q->rule ? strlen(q->rule) : 0, "none");
    OUT_LITERAL(o, "\"");
    if (has_speaker)
        out_colour(pg, o, text + q->speaker.start, q->speaker.end - q->speaker.start);
    OUT_LITERAL(o, ">");
}

/* ===================================================================== */
/*  The text with its records                                            */
/* ===================================================================== */

typedef struct nest {
    size_t open[WS_MAX_VIEW_NESTING]; /* record indices, outermost first */
    size_t depth;
} nest;

static size_t first_end(const ws_quote *q, const nest *n)
{
    size_t e = SIZE_MAX;
    for (size_t k = 0; k < n->depth; k++)
        if (q[n->open[k]].content.end < e)
            e = q[n->open[k]].content.end;
    return e;
}

/* Close every open record that ends at p; those above it are closed and
 * reopened as pieces. */
static void close_at(page *pg, const ws_quote *q, nest *n, size_t p)
{
    out *o = &pg->o;
    size_t low = 0;
    while (low < n->depth && q[n->open[low]].content.end != p)
        low++;
    for (size_t k = low; k < n->depth; k++)
        OUT_LITERAL(o, "</span>");
    size_t kept = low;
    for (size_t k = low; k < n->depth; k++) {
        size_t r = n->open[k];
        if (q[r].content.end == p)
            continue;
        n->open[kept++] = r;
        open_record(pg, &q[r], r, true);
    }
    n->depth = kept;
}

/* The text [from, to), a paragraph spacer after each single newline. */
static void out_text(page *pg, size_t from, size_t to)
{
    const char *text = pg->text;
    size_t at = from;
    for (size_t i = from; i < to; i++) {
        if (text[i] != '\n')
            continue;
        bool single = (i == 0 || text[i - 1] != '\n') && (i + 1 >= pg->len || text[i + 1] != '\n');
        if (!single)
            continue;
        out_html(&pg->o, text + at, i + 1 - at);
        OUT_LITERAL(&pg->o, "<span class=\"pb\"></span>");
        at = i + 1;
    }
    out_html(&pg->o, text + at, to - at);
}

static void out_document(page *pg, size_t len, const ws_quote *q, size_t count)
{
    nest n = {{0}, 0};
    size_t pos = 0, i = 0;
    for (;;) {
        size_t next_open = i < count ? q[i].content.start : SIZE_MAX;
        size_t next_close = first_end(q, &n);
        if (next_open == SIZE_MAX && next_close == SIZE_MAX)
            break;
        size_t p = next_close <= next_open ? next_close : next_open;
        out_text(pg, pos, p);
        pos = p;
        if (next_close <= next_open) {
            close_at(pg, q, &n, p);
        } else {
            if (n.depth < WS_MAX_VIEW_NESTING) {
                n.open[n.depth++] = i;
                open_record(pg, &q[i], i, false);
            }
            i++;
        }
    }
    out_text(pg, pos, len);
}

/* ===================================================================== */
/*  The speaker panel                                                    */
/* ===================================================================== */

static const char *gender_word(ws_gender g)
{
    return g == WS_GENDER_MALE ? "male" : g == WS_GENDER_FEMALE ? "female" : "gender unknown";
}

static void out_spans_joined(out *o, const char *text, const ws_span *s, size_t n, size_t stride)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            OUT_LITERAL(o, "; ");
        out_span_html(o, text, *(const ws_span *)(const void *)((const char *)s + k * stride));
    }
}

static void out_speaker_item(page *pg, const ws_speaker *p)
{
    out *o = &pg->o;
    const char *text = pg->text;
    OUT_LITERAL(o, "<li data-speaker=\"");
    out_span_html(o, text, p->name);
    OUT_LITERAL(o, "\"");
    out_colour(pg, o, text + p->name.start, p->name.end - p->name.start);
    OUT_LITERAL(o, "><b>");
    out_span_html(o, text, p->name);
    OUT_LITERAL(o, "</b> <span class=\"count\" data-direct=\"");
    out_size(o, p->quotes_direct);
    OUT_LITERAL(o, "\" data-indirect=\"");
    out_size(o, p->quotes_indirect);
    OUT_LITERAL(o, "\">");
    out_size(o, p->n_quotes);
    OUT_LITERAL(o, " (");
    out_size(o, p->quotes_direct);
    OUT_LITERAL(o, " direct, ");
    out_size(o, p->quotes_indirect);
    OUT_LITERAL(o, " indirect)</span><div class=\"meta\">");
    if (p->n_titles) {
        out_spans_joined(o, text, p->titles, p->n_titles, sizeof *p->titles);
        OUT_LITERAL(o, "<br>");
    }
    if (p->n_affiliations) {
        OUT_LITERAL(o, "affiliation: ");
        out_spans_joined(o, text, &p->affiliations[0].span, p->n_affiliations,
                         sizeof *p->affiliations);
        OUT_LITERAL(o, "<br>");
    }
    out_bytes(o, gender_word(p->gender), strlen(gender_word(p->gender)));
    if (p->n_evidence) {
        OUT_LITERAL(o, " (");
        out_spans_joined(o, text, &p->evidence[0].span, p->n_evidence, sizeof *p->evidence);
        OUT_LITERAL(o, ")");
    }
    OUT_LITERAL(o, "</div></li>\n");
}

static void out_panel(page *pg)
{
    OUT_LITERAL(&pg->o, "<aside id=\"speakers\"><h2>Speakers</h2>\n<ul>\n");
    for (size_t k = 0; k < pg->n_speakers; k++)
        out_speaker_item(pg, &pg->speakers[k]);
    OUT_LITERAL(&pg->o, "</ul></aside>\n");
}

/* ===================================================================== */
/*  The page                                                             */
/* ===================================================================== */

static bool within(ws_span sp, size_t len)
{
    return span_absent(sp) || (sp.start <= sp.end && sp.end <= len);
}

static ws_status check_arguments(const char *text, size_t len, const ws_quote *q, size_t count,
                                 const ws_speaker *s, size_t ns, ws_write_fn write,
                                 ws_error *err)
{
    if (!write || (!text && len) || (!q && count) || (!s && ns)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text, quotes, speakers or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    for (size_t k = 0; k < count; k++) {
        const char *msg = NULL;
        if (span_absent(q[k].content) || !within(q[k].content, len) || !within(q[k].speaker, len) ||
            !within(q[k].cue, len))
            msg = "quotation span outside the text or reversed";
        else if (k && q[k].content.start < q[k - 1].content.start)
            msg = "quotations not sorted by start";
        if (msg) {
            ws_set_error(err, WS_ERR_INVALID_ARG, msg, q[k].content.start);
            return WS_ERR_INVALID_ARG;
        }
    }
    for (size_t k = 0; k < ns; k++)
        if (span_absent(s[k].name) || !within(s[k].name, len)) {
            ws_set_error(err, WS_ERR_INVALID_ARG, "speaker span outside the text or reversed",
                         s[k].name.start);
            return WS_ERR_INVALID_ARG;
        }
    return WS_OK;
}

/* The header: the title (else the doc name), the doc name under a title,
 * the counts and the legend of the highlighting. */
static void out_header(page *pg, const char *doc, size_t doc_len, const char *title,
                       size_t title_len, size_t count)
{
    out *o = &pg->o;
    bool titled = title && title_len;
    OUT_LITERAL(o, "<header><h1>");
    if (titled)
        out_html(o, title, title_len);
    else
        out_text_or(o, doc, doc_len, "document");
    OUT_LITERAL(o, "</h1>");
    if (titled) {
        OUT_LITERAL(o, "<p class=\"doc\">");
        out_text_or(o, doc, doc_len, "document");
        OUT_LITERAL(o, "</p>");
    }
    OUT_LITERAL(o, "<p>");
    out_size(o, count);
    OUT_LITERAL(o, " quotations, ");
    out_size(o, pg->n_speakers);
    OUT_LITERAL(o, " speakers</p>\n<p class=\"legend\"><span class=\"key direct\">direct"
                   "</span> in quotation marks: a background \xC2\xB7 <span class=\"key "
                   "indirect\">indirect</span> reported speech: an underline \xC2\xB7 in the "
                   "speaker's colour (grey: no speaker)</p></header>\n");
}

ws_status ws_write_view(const char *text, size_t len, const char *doc, size_t doc_len,
                        const char *title, size_t title_len,
                        const ws_quote *quotes, size_t count,
                        const ws_speaker *speakers, size_t n_speakers,
                        ws_write_fn write, void *ctx, uint64_t *replaced, ws_error *err)
{
    ws_status st = check_arguments(text, len, quotes, count, speakers, n_speakers, write, err);
    if (st != WS_OK)
        return st;
    if (!title && title_len) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL title", 0);
        return WS_ERR_INVALID_ARG;
    }
    if (!text)
        text = "";
    page pg;
    out_init(&pg.o, write, ctx);
    pg.text = text;
    pg.len = len;
    pg.speakers = speakers;
    pg.n_speakers = speakers ? n_speakers : 0;
    out *o = &pg.o;
    out_bytes(o, PAGE_HEAD, sizeof PAGE_HEAD - 1);
    if (title && title_len)
        out_html(o, title, title_len);
    else
        out_text_or(o, doc, doc_len, "document");
    out_bytes(o, PAGE_STYLE, sizeof PAGE_STYLE - 1);
    out_header(&pg, doc, doc_len, title, title_len, count);
    OUT_LITERAL(o, "<main>\n<article id=\"text\" data-bytes=\"");
    out_size(o, len);
    OUT_LITERAL(o, "\">");
    out_document(&pg, len, quotes, count);
    OUT_LITERAL(o, "</article>\n");
    if (speakers)
        out_panel(&pg);
    OUT_LITERAL(o, "</main>\n");
    out_bytes(o, PAGE_SCRIPT, sizeof PAGE_SCRIPT - 1);
    OUT_LITERAL(o, "</body>\n</html>\n");
    out_flush(o);
    if (replaced)
        *replaced += o->replaced;
    if (o->failed) {
        ws_set_error(err, WS_ERR_WRITE, "the write function reported failure", 0);
        return WS_ERR_WRITE;
    }
    ws_set_error(err, WS_OK, "ok", 0);
    return WS_OK;
}

ws_status ws_view_write_html(const char *text, size_t len, const char *doc, size_t doc_len,
                             const char *title, size_t title_len,
                             const ws_quote *quotes, size_t count,
                             const ws_speaker *speakers, size_t n_speakers,
                             ws_write_fn write, void *ctx, ws_error *err)
{
    return ws_write_view(text, len, doc, doc_len, title, title_len, quotes, count,
                         speakers, n_speakers, write, ctx, NULL, err);
}
