/*
 * HTML stage: the article text of a web page.
 *
 * libxml2's HTML parser builds the tree (it recovers from the tag soup of
 * real pages and decodes entities and charsets); what is hand-written here
 * is the product itself: deciding which part of the page is the article.
 *
 * The decision follows the tradition of Readability and jusText:
 *   1. a post-order pass sums, for every element, the text it holds, the
 *      text inside links, and the paragraph-like text below it;
 *   2. every paragraph-like element (p, pre, td, a div of inline content)
 *      of enough text gives points to its parent and ancestors (more for
 *      longer text and more commas: prose, not menus);
 *   3. the best-scoring container, discounted by its link density, is the
 *      article; its siblings join when they score close to it or are prose
 *      paragraphs themselves (articles split by ads);
 *   4. the article's text is written block by block, dropping blocks that
 *      are mostly links, carry boilerplate class names, or repeat the
 *      headline.
 * Every pass is linear in the number of nodes: per-node figures are kept
 * in arrays indexed through the node's _private field.
 *
 * Banner sections: charset, parse, node figures, scoring, selection,
 * output, metadata, API.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "internal.h"

typedef struct node_info {
    uint32_t text;        /* bytes of visible text below (whitespace runs 1) */
    uint32_t link_text;   /* of which inside <a> */
    uint32_t commas;      /* commas in the text below */
    uint32_t para_text;   /* text in paragraph-like children below */
    float score;          /* content score (containers) */
    int8_t weight;        /* class/id hint: +25, 0 or -25 */
    uint8_t flags;
} node_info;

enum {
    NODE_SKIPPED = 1,     /* never text: script, nav, hidden, boilerplate */
    NODE_CANDIDATE = 2,   /* received a paragraph's score */
    NODE_PARAGRAPH = 4,   /* paragraph-like: scores its ancestors */
    NODE_BLOCK = 8,       /* starts a new line in the output */
    NODE_KEEP = 16        /* selected as part of the article */
};

struct ws_html {
    ws_allocator alloc;
    node_info *info;      /* indexed by node number - 1 */
    size_t info_cap;
    xmlNode **order;      /* elements in document order */
    size_t order_cap;
    size_t count;
    ws_buf text;          /* the article, one paragraph per line */
    ws_buf meta;          /* storage for the metadata strings */
    ws_buf scratch;       /* the page with invalid UTF-8 replaced, when needed */
    ws_buf decoded;       /* the page decoded from a legacy charset */
    ws_buf para;          /* the paragraph being built */
    uint64_t work;        /* units of work of the last extraction: each
                             input byte scanned, node visited, ancestor
                             step and text byte written (ws_html_work) */
};

#define HTML_WORK(h, n) ((h)->work += (uint64_t)(n))

/* ===================================================================== */
/*  Tag and class-name tables                                            */
/* ===================================================================== */

/* ASCII-only case folding: the C library's follows the host's locale
 * (a Turkish locale folds 'I' elsewhere), and tag, attribute and charset
 * names are ASCII. */
static inline unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline bool ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z');
}

static bool ascii_ncaseeq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return false;
    return true;
}

static bool ascii_caseeq(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && ascii_ncaseeq(a, b, n);
}

/* The first byte decides most comparisons without a call (tag tests
 * run for every node, several per node: 3% of the WARC profile). */
static inline bool name_is(const xmlNode *n, const char *name)
{
    return n->name && n->name[0] == (xmlChar)name[0] && strcmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (name_is(n, *names))
            return true;
    return false;
}

/* Never article text. form is left out: some sites wrap the whole page
 * in one (ASP.NET). */
static const char *const skipped_tags[] = {
    "script", "style", "noscript", "template", "iframe", "svg", "math",
    "button", "select", "option", "textarea", "input", "object", "embed",
    "canvas", "video", "audio", "map", "head", "nav", "aside", "footer",
    "menu", "dialog", "label", NULL
};

/* Elements that start a new line in the output. */
static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "body", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "td", "th",
    "tr", "ul", "br", "caption", "html", "menu", "legend", "option", NULL
};

/* A div holding one of these is a container, not a paragraph. */
static const char *const div_block_children[] = {
    "blockquote", "dl", "div", "img", "ol", "p", "pre", "table",
    "ul", "section", "article", "figure", "header", "h1", "h2", "h3", "h4",
    "h5", "h6", NULL
};

static bool is_heading(const xmlNode *n)
{
    return n->name && n->name[0] == 'h' && n->name[1] >= '1' &&
           n->name[1] <= '6' && n->name[2] == 0;
}

/* Class and id words that say "not the article" (Readability's unlikely
 * candidates, plus what the scrapinghub dev pages show: share bars,
 * newsletter boxes, "related" rails). */
static const char *const negative_words[] = {
    "comment", "combx", "disqus", "foot", "footer", "masthead", "media",
    "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool",
    "widget", "banner", "breadcrumb", "cookie", "newsletter", "subscribe",
    "popup", "modal", "social", "advert", "menu", "nav", "byline",
    "author", "caption", "credit", "hidden", "signup", "recommend",
    "teaser", "trending", "most-popular", "mostpopular", "rail", NULL
};

/* ... and that say "the article". */
static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "pagination", "post", "text", "blog", "story", "prose", NULL
};

/* Case-insensitive substring search; both strings are short (a class
 * attribute, a word of the tables above), so this stays O(1) per node. */
static bool contains_word(const char *hay, size_t hay_len, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= hay_len; i++) {
        size_t k = 0;
        while (k < w && ascii_lower((unsigned char)hay[i + k]) == (unsigned char)word[k])
            k++;
        if (k == w)
            return true;
    }
    return false;
}

static bool contains_any(const char *hay, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (contains_word(hay, len, *words))
            return true;
    return false;
}

/* class and id of n, joined (bounded: a class attribute of megabytes is
 * data, not a hint). */
static size_t class_and_id(ws_html *h, const xmlNode *n, char *out, size_t cap)
{
    size_t len = 0;
    static const char *const attrs[] = {"class", "id", NULL};
    for (const char *const *a = attrs; *a; a++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)*a);
        if (!v)
            continue;
        size_t vl = strlen((const char *)v);
        HTML_WORK(h, 2 * vl); /* copied by libxml2, then measured */
        if (vl > cap - len - 1)
            vl = cap - len - 1;
        memcpy(out + len, v, vl);
        len += vl;
        if (len < cap - 1)
            out[len++] = ' ';
        xmlFree(v);
    }
    out[len] = 0;
    return len;
}

static int class_weight(ws_html *h, const xmlNode *n)
{
    char buf[WS_MAX_CLASS_HINT_BYTES];
    size_t len = class_and_id(h, n, buf, sizeof buf);
    if (!len)
        return 0;
    int w = 0;
    if (contains_any(buf, len, negative_words))
        w -= 25;
    if (contains_any(buf, len, positive_words))
        w += 25;
    return w;
}

static bool attr_equals(const xmlNode *n, const char *attr, const char *value)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v)
        return false;
    bool eq = ascii_caseeq((const char *)v, value);
    xmlFree(v);
    return eq;
}

static bool attr_contains(const xmlNode *n, const char *attr, const char *word)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v)
        return false;
    bool has = contains_word((const char *)v, strlen((const char *)v), word);
    xmlFree(v);
    return has;
}

static bool is_hidden(ws_html *h, const xmlNode *n)
{
    /* Anti-flicker snippets hide <body> until scripts run. */
    if (name_is(n, "html") || name_is(n, "body"))
        return false;
    if (xmlHasProp(n, (const xmlChar *)"hidden"))
        return true;
    if (attr_equals(n, "aria-hidden", "true"))
        return true;
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
    if (!style)
        return false;
    size_t len = strlen((const char *)style);
    HTML_WORK(h, 4 * len); /* its length, then three searches */
    bool hidden = contains_word((const char *)style, len, "display:none") ||
                  contains_word((const char *)style, len, "display: none") ||
                  contains_word((const char *)style, len, "visibility:hidden");
    xmlFree(style);
    return hidden;
}

/* An element that never holds article text. The html, body, article and
 * main elements are never dropped for their class names: some sites put
 * "page-footer-sticky" on <body>. */
static bool is_boilerplate(ws_html *h, const xmlNode *n, int weight, bool class_hints)
{
    if (name_in(n, skipped_tags) || is_hidden(h, n))
        return true;
    if (!class_hints)
        return false;
    if (name_is(n, "html") || name_is(n, "body") || name_is(n, "article") ||
        name_is(n, "main"))
        return false;
    if (attr_equals(n, "role", "navigation") ||
        attr_equals(n, "role", "complementary") ||
        attr_equals(n, "role", "contentinfo") ||
        attr_equals(n, "itemprop", "comment"))
        return true;
    return weight < 0;
}

/* ===================================================================== */
/*  Node numbering and figures                                           */
/* ===================================================================== */

static inline size_t node_id(const xmlNode *n)
{
    return (size_t)(uintptr_t)n->_private;
}

/* Only elements this call numbered have figures: the document node (the
 * root's parent) and anything a host program tagged through libxml2's
 * node callbacks do not. */
static inline node_info *info_of(ws_html *h, const xmlNode *n)
{
    size_t id = n->type == XML_ELEMENT_NODE ? node_id(n) : 0;
    return id && id <= h->count && h->order[id - 1] == n ? &h->info[id - 1] : NULL;
}

/* Next element in document order; skip_children jumps over n's subtree.
 * Iterative, so a page nested a million deep needs no stack. */
static xmlNode *next_element(ws_html *h, xmlNode *n, const xmlNode *root,
                             bool skip_children)
{
    for (;;) {
        HTML_WORK(h, 1);
        if (!skip_children && n->children) {
            n = n->children;
        } else {
            while (n != root && !n->next) {
                HTML_WORK(h, 1);
                n = n->parent;
            }
            if (n == root)
                return NULL;
            n = n->next;
        }
        skip_children = false;
        if (n->type == XML_ELEMENT_NODE)
            return n;
        skip_children = true; /* text, comments: no element children */
    }
}

static bool number_nodes(ws_html *h, xmlNode *root)
{
    h->count = 0;
    for (xmlNode *n = root; n; n = next_element(h, n, root, false)) {
        if (!ws_grow(&h->alloc, (void **)&h->order, &h->order_cap,
                     h->count + 1, sizeof *h->order) ||
            !ws_grow(&h->alloc, (void **)&h->info, &h->info_cap,
                     h->count + 1, sizeof *h->info))
            return false;
        h->order[h->count] = n;
        n->_private = (void *)(uintptr_t)(h->count + 1);
        h->count++;
        HTML_WORK(h, 1);
    }
    return true;
}

/* Visible length of a text node with whitespace runs counted once, and
 * its commas (Latin, CJK and Arabic). */
static size_t text_figures(const char *s, uint32_t *len, uint32_t *commas)
{
    const char *start = s;
    bool space = true;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            if (!space)
                (*len)++;
            space = true;
            continue;
        }
        space = false;
        (*len)++;
        if (c == ',')
            (*commas)++;
        else if ((c == 0xEF && (unsigned char)s[1] == 0xBC &&
                  (unsigned char)s[2] == 0x8C) || /* U+FF0C */
                 (c == 0xE3 && (unsigned char)s[1] == 0x80 &&
                  (unsigned char)s[2] == 0x81) || /* U+3001 */
                 (c == 0xD8 && (unsigned char)s[1] == 0x8C)) /* U+060C */
            (*commas)++;
    }
    return (size_t)(s - start);
}

static bool is_paragraph_like(ws_html *h, const xmlNode *n)
{
    if (name_is(n, "p") || name_is(n, "pre") || name_is(n, "td") ||
        name_is(n, "blockquote"))
        return true;
    if (!name_is(n, "div") && !name_is(n, "section") && !name_is(n, "span"))
        return false;
    for (const xmlNode *c = n->children; c; c = c->next) {
        HTML_WORK(h, 1);
        if (c->type == XML_ELEMENT_NODE && name_in(c, div_block_children))
            return false;
    }
    return true;
}

/* Attribute lookups marking does per element (class, id, hidden,
 * aria-hidden, style, four role/itemprop checks), each a walk over its
 * attributes: the work counter charges them per attribute. */
#define MARK_ATTRIBUTE_LOOKUPS 9

/* Pre-order: flags. Skipped subtrees are marked whole. Without
 * class_hints, class names neither skip nor weigh (the second attempt,
 * for pages whose wrapper says "sidebar": scrapinghub 0e014df6). */
static void mark_nodes(ws_html *h, bool class_hints)
{
    for (size_t i = 0; i < h->count; i++) {
        xmlNode *n = h->order[i];
        node_info *in = &h->info[i];
        HTML_WORK(h, 1);
        for (const xmlAttr *a = n->properties; a; a = a->next)
            HTML_WORK(h, MARK_ATTRIBUTE_LOOKUPS); /* each lookup walks them */
        memset(in, 0, sizeof *in);
        node_info *parent = n->parent ? info_of(h, n->parent) : NULL;
        in->weight = class_hints ? (int8_t)class_weight(h, n) : 0;
        if ((parent && (parent->flags & NODE_SKIPPED)) ||
            is_boilerplate(h, n, in->weight, class_hints))
            in->flags |= NODE_SKIPPED;
        if (name_in(n, block_tags))
            in->flags |= NODE_BLOCK;
        if (is_paragraph_like(h, n))
            in->flags |= NODE_PARAGRAPH;
    }
}

/* Post-order (the pre-order list reversed): sum the figures upwards. */
static void sum_figures(ws_html *h)
{
    for (size_t i = h->count; i-- > 0;) {
        xmlNode *n = h->order[i];
        node_info *in = &h->info[i];
        HTML_WORK(h, 1);
        if (in->flags & NODE_SKIPPED)
            continue;
        for (xmlNode *c = n->children; c; c = c->next) {
            HTML_WORK(h, 1);
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                c->content)
                HTML_WORK(h, text_figures((const char *)c->content, &in->text, &in->commas));
        }
        if (name_is(n, "a"))
            in->link_text = in->text;
        node_info *parent = n->parent ? info_of(h, n->parent) : NULL;
        if (!parent)
            continue;
        parent->text += in->text;
        parent->link_text += in->link_text;
        parent->commas += in->commas;
        parent->para_text += (in->flags & NODE_PARAGRAPH) ? in->text : in->para_text;
    }
}

static float link_density(const node_info *in)
{
    return in->text ? (float)in->link_text / (float)in->text : 0.0f;
}

/* ===================================================================== */
/*  Scoring                                                              */
/* ===================================================================== */

/* Text below this many bytes is a label or a button, not a paragraph. */
#define MIN_PARAGRAPH_TEXT 25
/* Ancestors a paragraph scores, as in Readability. */
#define SCORED_ANCESTORS 5

static float tag_base_score(const xmlNode *n)
{
    if (name_is(n, "div") || name_is(n, "article") || name_is(n, "section") ||
        name_is(n, "main"))
        return 5;
    if (name_is(n, "pre") || name_is(n, "td") || name_is(n, "blockquote"))
        return 3;
    if (name_is(n, "address") || name_is(n, "ol") || name_is(n, "ul") ||
        name_is(n, "dl") || name_is(n, "dd") || name_is(n, "dt") ||
        name_is(n, "li") || name_is(n, "form"))
        return -3;
    if (is_heading(n) || name_is(n, "th"))
        return -5;
    return 0;
}

static void init_candidate(ws_html *h, xmlNode *n)
{
    node_info *in = info_of(h, n);
    if (!in || (in->flags & NODE_CANDIDATE))
        return;
    in->flags |= NODE_CANDIDATE;
    in->score = tag_base_score(n) + in->weight;
}

static void score_paragraph(ws_html *h, xmlNode *n, const node_info *in)
{
    float points = 1.0f + (float)in->commas;
    uint32_t hundreds = in->text / 100;
    points += (float)(hundreds < 3 ? hundreds : 3);
    xmlNode *a = n->parent;
    for (int level = 0; a && level < SCORED_ANCESTORS; level++, a = a->parent) {
        HTML_WORK(h, 1);
        if (a->type != XML_ELEMENT_NODE || !info_of(h, a))
            break;
        init_candidate(h, a);
        float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
        info_of(h, a)->score += points / divider;
    }
}

static void score_nodes(ws_html *h)
{
    for (size_t i = 0; i < h->count; i++) {
        node_info *in = &h->info[i];
        HTML_WORK(h, 1);
        if ((in->flags & (NODE_SKIPPED | NODE_PARAGRAPH)) != NODE_PARAGRAPH ||
            in->text < MIN_PARAGRAPH_TEXT)
            continue;
        /* A paragraph inside a paragraph-like div scores once, at the
         * innermost level. */
        score_paragraph(h, h->order[i], in);
    }
}

/* ===================================================================== */
/*  Selection                                                            */
/* ===================================================================== */

static float final_score(const node_info *in)
{
    return in->score * (1.0f - link_density(in));
}

/* Candidates kept for the "shared ancestor" test, as in Readability. */
#define TOP_CANDIDATES 5
/* Of them, how many must sit under one ancestor to promote it. */
#define SHARED_CANDIDATES 3

static bool is_inside(ws_html *h, const xmlNode *n, const xmlNode *ancestor)
{
    for (; n; n = n->parent) {
        HTML_WORK(h, 1);
        if (n == ancestor)
            return true;
    }
    return false;
}

static void best_candidates(ws_html *h, xmlNode **top, size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < h->count; i++) {
        node_info *in = &h->info[i];
        HTML_WORK(h, 1);
        if (!(in->flags & NODE_CANDIDATE) || (in->flags & NODE_SKIPPED))
            continue;
        float s = final_score(in);
        size_t at = *count;
        while (at > 0 && final_score(info_of(h, top[at - 1])) < s)
            at--;
        if (at >= TOP_CANDIDATES)
            continue;
        size_t last = *count < TOP_CANDIDATES ? *count : TOP_CANDIDATES - 1;
        memmove(top + at + 1, top + at, (last - at) * sizeof *top);
        top[at] = h->order[i];
        if (*count < TOP_CANDIDATES)
            (*count)++;
    }
}

/* An article split into sections (readability's quanta-1): when several
 * near-best candidates share an ancestor, the ancestor is the article. */
static xmlNode *shared_ancestor(ws_html *h, xmlNode **top, size_t count,
                                xmlNode *body)
{
    float best = final_score(info_of(h, top[0]));
    for (xmlNode *a = top[0]->parent; a && a != body && info_of(h, a); a = a->parent) {
        HTML_WORK(h, 1);
        size_t inside = 0;
        for (size_t i = 1; i < count; i++)
            if (final_score(info_of(h, top[i])) >= best * 0.75f && is_inside(h, top[i], a))
                inside++;
        if (inside >= SHARED_CANDIDATES)
            return a;
    }
    return top[0];
}

/* p has one element child (text and comments aside). */
static bool only_element_child(ws_html *h, const xmlNode *p)
{
    size_t elements = 0;
    for (const xmlNode *c = p->children; c && elements < 2; c = c->next) {
        HTML_WORK(h, 1);
        elements += c->type == XML_ELEMENT_NODE;
    }
    return elements == 1;
}

/* Climb while the parent scores higher (the intro paragraph sits in a
 * wrapper of its own: readability's herald-sun-1), or while the
 * candidate is its parent's only element. */
static xmlNode *climb(ws_html *h, xmlNode *best, xmlNode *body)
{
    float last = info_of(h, best)->score, threshold = last / 3;
    for (xmlNode *p = best->parent; p && p != body && info_of(h, p); p = p->parent) {
        HTML_WORK(h, 1);
        node_info *pi = info_of(h, p);
        if (pi->flags & NODE_SKIPPED)
            break;
        if (!(pi->flags & NODE_CANDIDATE))
            continue;
        if (pi->score < threshold)
            break;
        if (pi->score > last) {
            best = p;
            break;
        }
        last = pi->score;
    }
    while (best->parent && best->parent != body && info_of(h, best->parent) &&
           !(info_of(h, best->parent)->flags & NODE_SKIPPED) &&
           only_element_child(h, best->parent)) {
        HTML_WORK(h, 1);
        best = best->parent;
    }
    return best;
}

static xmlNode *top_candidate(ws_html *h, xmlNode *body)
{
    xmlNode *top[TOP_CANDIDATES];
    size_t count;
    best_candidates(h, top, &count);
    if (!count)
        return body;
    return climb(h, shared_ancestor(h, top, count, body), body);
}

static bool sibling_is_prose(const node_info *in)
{
    float ld = link_density(in);
    return (in->flags & NODE_PARAGRAPH) &&
           ((in->text > 80 && ld < 0.25f) || (in->text > 0 && ld == 0.0f));
}

static void keep_subtree(ws_html *h, xmlNode *n)
{
    node_info *in = info_of(h, n);
    if (in)
        in->flags |= NODE_KEEP;
}

static void select_article(ws_html *h, xmlNode *top)
{
    node_info *ti = info_of(h, top);
    keep_subtree(h, top);
    if (!top->parent || !info_of(h, top->parent) || name_is(top, "body"))
        return;
    float threshold = ti->score * 0.2f;
    if (threshold < 10)
        threshold = 10;
    for (xmlNode *s = top->parent->children; s; s = s->next) {
        HTML_WORK(h, 1);
        node_info *si = s->type == XML_ELEMENT_NODE ? info_of(h, s) : NULL;
        if (!si || s == top || (si->flags & NODE_SKIPPED))
            continue;
        float score = (si->flags & NODE_CANDIDATE)
                          ? si->score * (1.0f - link_density(si)) : 0;
        if (score >= threshold || sibling_is_prose(si))
            keep_subtree(h, s);
    }
}

/* ===================================================================== */
/*  Output                                                               */
/* ===================================================================== */

/* A block dropped from inside the article: mostly links (menus, tag
 * lists, "read more" rails), or a list or table of link-heavy items. */
static bool block_is_noise(const xmlNode *n, const node_info *in)
{
    float ld = link_density(in);
    if (in->text == 0 || !(in->flags & NODE_BLOCK))
        return false; /* a link inside a sentence is part of it */
    if (ld > 0.5f)
        return true;
    if ((name_is(n, "ul") || name_is(n, "ol") || name_is(n, "table") ||
         name_is(n, "div") || name_is(n, "section")) &&
        ld > 0.33f && in->para_text < in->text / 2)
        return true;
    if (name_is(n, "figure") || name_is(n, "figcaption"))
        return true;
    return false;
}

/* Whole paragraphs that are page furniture, not prose: ad slots and
 * widget labels left inside article bodies (scrapinghub dev pages:
 * "Advert" between paragraphs, "This slideshow requires JavaScript."). */
static const char *const furniture[] = {
    "ad", "advert", "advertisement", "advertising", "sponsored", "comments",
    "comment", "share", "share this", "share this article", "share this story",
    "related", "related articles", "related stories", "read more",
    "continue reading", "story continues below advertisement",
    "this slideshow requires javascript", "click here", "loading",
    "skip advert", "scroll to continue with content", NULL
};

static bool is_furniture(const char *s, size_t len)
{
    while (len && (s[len - 1] == '.' || s[len - 1] == ':' || s[len - 1] == ' '))
        len--;
    for (const char *const *f = furniture; *f; f++)
        if (strlen(*f) == len && ascii_ncaseeq(s, *f, len))
            return true;
    return false;
}

static bool flush_paragraph(ws_html *h)
{
    ws_buf *p = &h->para;
    while (p->len && p->data[p->len - 1] == ' ')
        p->len--;
    if (p->len && is_furniture(p->data, p->len))
        p->len = 0;
    if (!p->len)
        return true;
    HTML_WORK(h, p->len);
    if (h->text.len && !ws_buf_putc(&h->alloc, &h->text, '\n'))
        return false;
    bool ok = ws_buf_append(&h->alloc, &h->text, p->data, p->len);
    p->len = 0;
    return ok;
}

static bool html_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* The text of a node into the paragraph, each run of white space (a
 * no-break space U+00A0 among it: a space to readers) as one space. The
 * bytes between spaces go in as one run, not one call per byte (issue
 * 13: the per-byte appends were 6% of the WARC profile). */
static bool append_text(ws_html *h, const char *s)
{
    ws_buf *p = &h->para;
    while (*s) {
        const char *run = s;
        while (*s && !html_space((unsigned char)*s) &&
               !((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0))
            s++;
        HTML_WORK(h, s - run);
        if (s > run && !ws_buf_append(&h->alloc, p, run, (size_t)(s - run)))
            return false;
        if (!*s)
            break;
        s += html_space((unsigned char)*s) ? 1 : 2;
        HTML_WORK(h, 1);
        if (p->len && p->data[p->len - 1] != ' ' && !ws_buf_putc(&h->alloc, p, ' '))
            return false;
    }
    return true;
}

static bool inside_heading(ws_html *h, const xmlNode *n)
{
    for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        HTML_WORK(h, 1);
        if (is_heading(a))
            return true;
    }
    return false;
}

/* Separators between a headline and the site's name in <title>. */
static const char *const title_separators[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};

/* The heading is the headline: it equals the page's title, or the title
 * is it plus " | Site". That is not article body (FORMAT: offsets point
 * into the body text). Only the outermost heading is compared, and only
 * when its visible text could match, so no byte is copied twice. */
static bool is_headline(ws_html *h, const xmlNode *n, ws_str title)
{
    const node_info *in = info_of(h, n);
    if (!title.len || !in || in->text > title.len || inside_heading(h, n))
        return false;
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return false;
    const char *s = (const char *)t;
    while (ascii_space((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    HTML_WORK(h, 2 * (size_t)(s - (const char *)t) + 2 * len); /* copied, then read */
    while (len && ascii_space((unsigned char)s[len - 1]))
        len--;
    bool same = len && len <= title.len && strncmp(title.ptr, s, len) == 0;
    if (same && len < title.len) {
        same = false;
        for (const char *const *sep = title_separators; *sep; sep++)
            if (strncmp(title.ptr + len, *sep, strlen(*sep)) == 0)
                same = true;
    }
    xmlFree(t);
    return same;
}

/* Write the text of the kept subtrees, in document order. */
static bool write_article(ws_html *h, xmlNode *root, ws_str title)
{
    h->text.len = h->para.len = 0;
    xmlNode *n = root;
    bool skip = false;
    for (;;) {
        node_info *in = n->type == XML_ELEMENT_NODE ? info_of(h, n) : NULL;
        bool enter = false;
        HTML_WORK(h, 1);
        if (!skip) {
            if (in) {
                bool kept = (in->flags & NODE_KEEP) ||
                            (n->parent && info_of(h, n->parent) &&
                             (info_of(h, n->parent)->flags & NODE_KEEP));
                /* The selected nodes themselves are never noise: a short
                 * article under a link-heavy wrapper is still the article
                 * (scrapinghub's jpost "breaking news" pages). */
                bool selected = in->flags & NODE_KEEP;
                if (kept && !(in->flags & NODE_SKIPPED) &&
                    (selected || !block_is_noise(n, in)) &&
                    !(is_heading(n) && (in->weight < 0 || is_headline(h, n, title)))) {
                    in->flags |= NODE_KEEP;
                    enter = true;
                    if ((in->flags & NODE_BLOCK) && !flush_paragraph(h))
                        return false;
                } else if (!kept) {
                    enter = true; /* look for kept nodes below */
                }
            } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                       n->content && n->parent && info_of(h, n->parent) &&
                       (info_of(h, n->parent)->flags & NODE_KEEP) &&
                       !(info_of(h, n->parent)->flags & NODE_SKIPPED)) {
                if (!append_text(h, (const char *)n->content))
                    return false;
            }
        }
        if (enter && n->children) {
            n = n->children;
            skip = false;
            continue;
        }
        /* Leave n and every ancestor that has no next sibling. */
        for (;;) {
            if (n->type == XML_ELEMENT_NODE && in && (in->flags & NODE_BLOCK) &&
                (in->flags & NODE_KEEP) && !flush_paragraph(h))
                return false;
            if (n == root)
                return flush_paragraph(h);
            if (n->next) {
                n = n->next;
                skip = false;
                break;
            }
            n = n->parent;
            in = info_of(h, n);
            HTML_WORK(h, 1);
        }
    }
}

/* ===================================================================== */
/*  Metadata                                                             */
/* ===================================================================== */

static ws_str keep_meta(ws_html *h, const char *s, size_t len, bool *ok)
{
    ws_str out = {NULL, 0};
    while (len && ascii_space((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && ascii_space((unsigned char)s[len - 1]))
        len--;
    if (!len)
        return out;
    size_t at = h->meta.len;
    if (!ws_buf_append(&h->alloc, &h->meta, s, len)) {
        *ok = false;
        return out;
    }
    /* Offsets now, pointers once the buffer stops moving. */
    out.ptr = (const char *)(uintptr_t)(at + 1);
    out.len = len;
    return out;
}

static void resolve_meta(ws_html *h, ws_str *s)
{
    if (s->len)
        s->ptr = h->meta.data + ((uintptr_t)s->ptr - 1);
}

static void set_from_attr(ws_html *h, ws_str *field, const xmlNode *n,
                          const char *attr, bool *ok)
{
    if (field->len)
        return;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v)
        return;
    *field = keep_meta(h, (const char *)v, strlen((const char *)v), ok);
    xmlFree(v);
}

/* "key": "value" in a JSON-LD block: enough for datePublished, headline
 * and an author's name without a JSON parser (values we take are plain
 * strings). */
static void jsonld_string(ws_html *h, ws_str *field, const char *json,
                          const char *key, bool *ok)
{
    if (field->len)
        return;
    const char *k = strstr(json, key);
    if (!k)
        return;
    const char *s = k + strlen(key);
    while (*s == ' ' || *s == '"' || *s == ':' || *s == '\n' || *s == '\t' ||
           *s == '{' || *s == '[')
        s++;
    if (s == k + strlen(key))
        return;
    const char *e = s;
    while (*e && *e != '"')
        e += (*e == '\\' && e[1]) ? 2 : 1;
    if (e > s && (size_t)(e - s) < 512)
        *field = keep_meta(h, s, (size_t)(e - s), ok);
}

static void meta_element(ws_html *h, const xmlNode *n, ws_page *page, bool *ok)
{
    xmlChar *key = xmlGetProp(n, (const xmlChar *)"property");
    if (!key)
        key = xmlGetProp(n, (const xmlChar *)"name");
    if (!key)
        key = xmlGetProp(n, (const xmlChar *)"itemprop");
    if (!key)
        return;
    const char *k = (const char *)key;
    if (ascii_caseeq(k, "og:title") || ascii_caseeq(k, "twitter:title"))
        set_from_attr(h, &page->title, n, "content", ok);
    else if (ascii_caseeq(k, "author") || ascii_caseeq(k, "article:author") ||
             ascii_caseeq(k, "byl") || ascii_caseeq(k, "dc.creator"))
        set_from_attr(h, &page->byline, n, "content", ok);
    else if (ascii_caseeq(k, "article:published_time") ||
             ascii_caseeq(k, "datePublished") || ascii_caseeq(k, "date") ||
             ascii_caseeq(k, "pubdate") || ascii_caseeq(k, "dc.date") ||
             ascii_caseeq(k, "og:published_time"))
        set_from_attr(h, &page->date, n, "content", ok);
    else if (ascii_caseeq(k, "og:url"))
        set_from_attr(h, &page->url, n, "content", ok);
    else if (ascii_caseeq(k, "og:site_name"))
        set_from_attr(h, &page->site, n, "content", ok);
    xmlFree(key);
}

static void read_metadata(ws_html *h, xmlDoc *doc, ws_page *page, bool *ok)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return;
    set_from_attr(h, &page->lang, root, "lang", ok);
    ws_str title_tag = {NULL, 0};
    for (size_t i = 0; i < h->count; i++) {
        xmlNode *n = h->order[i];
        HTML_WORK(h, 1);
        if (name_is(n, "meta")) {
            meta_element(h, n, page, ok);
        } else if (name_is(n, "link") && attr_contains(n, "rel", "canonical")) {
            ws_str canonical = {NULL, 0};
            set_from_attr(h, &canonical, n, "href", ok);
            if (canonical.len)
                page->url = canonical; /* canonical beats og:url */
        } else if (name_is(n, "script") && attr_contains(n, "type", "ld+json")) {
            xmlChar *json = xmlNodeGetContent(n);
            if (json) {
                const char *j = (const char *)json;
                HTML_WORK(h, 5 * strlen(j)); /* copied, three searches, a value */
                jsonld_string(h, &page->date, j, "\"datePublished\"", ok);
                jsonld_string(h, &page->title, j, "\"headline\"", ok);
                const char *author = strstr(j, "\"author\"");
                if (author)
                    jsonld_string(h, &page->byline, author, "\"name\"", ok);
                xmlFree(json);
            }
        } else if (name_is(n, "title") && !title_tag.len) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t) {
                title_tag = keep_meta(h, (const char *)t, strlen((const char *)t), ok);
                xmlFree(t);
            }
        } else if (name_is(n, "time") && !page->date.len) {
            set_from_attr(h, &page->date, n, "datetime", ok);
        }
    }
    if (!page->title.len)
        page->title = title_tag;
}

/* ===================================================================== */
/*  Charset                                                              */
/* ===================================================================== */


static bool is_utf8_label(const char *s)
{
    return ascii_caseeq(s, "utf-8") || ascii_caseeq(s, "utf8") ||
           ascii_caseeq(s, "unicode-1-1-utf-8");
}

/* The label in `charset=LABEL` found at s, copied into out. */
static bool read_label(const char *s, const char *end, char *out)
{
    while (s < end && (*s == ' ' || *s == '=' || *s == '"' || *s == '\''))
        s++;
    size_t n = 0;
    while (s < end && n < WS_MAX_CHARSET_NAME_BYTES - 1 &&
           (ascii_alnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == ':' ||
            *s == '.'))
        out[n++] = *s++;
    out[n] = 0;
    return n > 0;
}

static bool prescan_charset(const char *html, size_t len, char *out)
{
    size_t scan = len < WS_MAX_CHARSET_PRESCAN_BYTES ? len : WS_MAX_CHARSET_PRESCAN_BYTES;
    for (size_t i = 0; i + 8 <= scan; i++)
        if (ascii_ncaseeq(html + i, "charset", 7) && i > 0 &&
            html[i - 1] != '-' && read_label(html + i + 7, html + scan, out))
            return true;
    return false;
}

/* Labels browsers treat as windows-1252 (the HTML standard's encoding
 * table): pages labelled latin-1 are written in cp1252. */
static const char *normalise_label(const char *label)
{
    if (ascii_caseeq(label, "iso-8859-1") || ascii_caseeq(label, "latin1") ||
        ascii_caseeq(label, "us-ascii") || ascii_caseeq(label, "ascii") ||
        ascii_caseeq(label, "iso8859-1") || ascii_caseeq(label, "l1"))
        return "windows-1252";
    if (ascii_caseeq(label, "gb2312") || ascii_caseeq(label, "gbk"))
        return "GB18030";
    return label;
}

/* One pass over the page as UTF-8: where the first invalid byte is (len
 * when none), and whether a multibyte sequence came before it. The
 * charset choice and the replacement of invalid bytes both use it, so a
 * page is scanned once, not once for each. */
typedef struct utf8_scan {
    size_t first_invalid;
    bool multibyte;
} utf8_scan;

static utf8_scan scan_utf8(const char *s, size_t len)
{
    utf8_scan sc = {len, false};
    int32_t cp;
    for (size_t i = 0; i < len;) {
        /* ASCII, most of a page's markup, eight bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i < len && (unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (i >= len)
            break;
        size_t n = ws_utf8_decode(s, len, i, &cp);
        if (ws_utf8_invalid(cp, n)) {
            sc.first_invalid = i;
            break;
        }
        sc.multibyte |= n > 1;
        i += n;
    }
    return sc;
}

/* The encoding to decode with: BOM, then the transport's label, then the
 * page's <meta>, then UTF-8. A page whose bytes are valid UTF-8 with
 * multibyte sequences is UTF-8 whatever its label says: legacy text
 * almost never forms such sequences, while re-saved pages keep stale
 * labels (readability's qq: UTF-8 bytes under charset=gb2312). */
static void choose_charset(const char *html, size_t len, utf8_scan sc,
                           const char *given, size_t given_len, char *out)
{
    if (len >= 2 && (memcmp(html, "\xFE\xFF", 2) == 0 || memcmp(html, "\xFF\xFE", 2) == 0)) {
        strcpy(out, "UTF-16"); /* iconv reads the byte-order mark */
        return;
    }
    if ((len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0) ||
        (sc.first_invalid == len && sc.multibyte)) {
        strcpy(out, "UTF-8");
        return;
    }
    if (given && given_len && given_len < WS_MAX_CHARSET_NAME_BYTES &&
        read_label(given, given + given_len, out))
        return;
    if (prescan_charset(html, len, out)) {
        /* The HTML standard: a <meta> that could be read is not in
         * UTF-16 or UTF-32, so such a label means UTF-8. */
        if (ascii_ncaseeq(out, "utf-16", 6) || ascii_ncaseeq(out, "utf-32", 6))
            strcpy(out, "UTF-8");
        return;
    }
    strcpy(out, "UTF-8");
}

/* UTF-7 decodes '+...-' runs into markup; browsers refuse it, and so do
 * we (read as UTF-8). */
static bool is_refused_label(const char *label)
{
    return ascii_caseeq(label, "utf-7") || ascii_caseeq(label, "utf7");
}

/* Decode a page in a legacy charset into UTF-8 with iconv, ourselves:
 * libxml2's own conversion stops at the first byte iconv rejects, drops
 * the rest of the page and prints to stderr. Here an unconvertible
 * sequence becomes U+FFFD and decoding goes on at the next byte (the
 * undefined windows-1252 bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D included).
 * *known is false when iconv has no such charset. */
static bool decode_legacy(ws_html *h, const char *html, size_t len,
                          const char *label, bool *known)
{
    iconv_t cd = iconv_open("UTF-8", label);
    *known = cd != (iconv_t)-1;
    if (!*known)
        return true;
    /* Every input byte gives at most 4 output bytes (U+FFFD: 3). */
    size_t cap = len * 4 + 16;
    h->decoded.len = 0;
    if (!ws_grow(&h->alloc, (void **)&h->decoded.data, &h->decoded.cap, cap, 1)) {
        iconv_close(cd);
        return false;
    }
    char *in = (char *)(uintptr_t)html, *out = h->decoded.data;
    size_t in_left = len, out_left = h->decoded.cap;
    while (in_left) {
        if (iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1)
            break;
        if ((errno != EILSEQ && errno != EINVAL) || out_left < 3)
            break; /* E2BIG cannot happen with the room above */
        memcpy(out, "\xEF\xBF\xBD", 3);
        out += 3;
        out_left -= 3;
        in++;
        in_left--;
        iconv(cd, NULL, NULL, NULL, NULL); /* reset the shift state */
    }
    iconv(cd, NULL, NULL, &out, &out_left);
    iconv_close(cd);
    h->decoded.len = (size_t)(out - h->decoded.data);
    return true;
}

/* A start tag with more attributes than this is refused: libxml2 2.9
 * compares each new attribute with every earlier one of its tag, so
 * 40,000 attributes in one tag (350 KB) take seconds, and a page of
 * megabytes minutes (found by a second reader). One linear pass counts
 * them before libxml2 sees the page; script and style bodies and
 * comments are skipped, as the parser skips them. */
static size_t skip_past(const char *s, size_t len, size_t i, const char *end_mark,
                        bool fold)
{
    size_t m = strlen(end_mark);
    for (; i + m <= len; i++)
        if (fold ? ascii_ncaseeq(s + i, end_mark, m) : memcmp(s + i, end_mark, m) == 0)
            return i + m;
    return len;
}

static bool raw_text_element(const char *name, size_t n)
{
    return (n == 6 && ascii_ncaseeq(name, "script", 6)) ||
           (n == 5 && ascii_ncaseeq(name, "style", 5));
}

/* Attributes of the start tag whose name begins at s[i]; *end is where
 * the tag ends ('>' or the page's end). */
static size_t count_attributes(const char *s, size_t len, size_t i, size_t *end)
{
    size_t count = 0;
    bool in_token = true; /* the tag's name */
    while (i < len && s[i] != '>') {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\'') {
            size_t close = i + 1;
            while (close < len && s[close] != (char)c)
                close++;
            i = close < len ? close + 1 : len;
            in_token = true;
            continue;
        }
        if (ascii_space(c) || c == '/') {
            in_token = false;
        } else if (!in_token && c != '=') {
            in_token = true;
            count++;
        } else if (c == '=') {
            in_token = true; /* the value that follows is no new attribute */
        }
        i++;
    }
    *end = i;
    return count;
}

static bool too_many_attributes(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '<') {
            const char *lt = memchr(s + i, '<', len - 1 - i); /* the tags only */
            if (!lt)
                break;
            i = (size_t)(lt - s);
        }
        if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0) {
            i = skip_past(s, len, i + 4, "-->", false) - 1;
            continue;
        }
        if (!ascii_alnum((unsigned char)s[i + 1]))
            continue;
        size_t name = i + 1, name_end = name;
        while (name_end < len && ascii_alnum((unsigned char)s[name_end]))
            name_end++;
        size_t end;
        if (count_attributes(s, len, name, &end) > WS_MAX_HTML_ATTRIBUTES)
            return true;
        i = end;
        if (raw_text_element(s + name, name_end - name))
            i = skip_past(s, len, i, "</", false) - 1;
    }
    return false;
}

/* libxml2 gives up on UTF-8 at the first invalid byte and re-reads the
 * rest as Latin-1; a page of UTF-8 with one bad byte would turn to
 * mojibake. Invalid bytes, from the first one on (scan_utf8 found it),
 * become U+FFFD here first; a valid page is used as it is. */
static bool sanitise_utf8(ws_html *h, const char *html, size_t len, size_t first_invalid,
                          const char **out, size_t *out_len)
{
    if (first_invalid >= len) {
        *out = html;
        *out_len = len;
        return true;
    }
    h->scratch.len = 0;
    if (!ws_buf_append(&h->alloc, &h->scratch, html, first_invalid))
        return false;
    int32_t cp;
    for (size_t i = first_invalid; i < len;) {
        size_t n = ws_utf8_decode(html, len, i, &cp);
        bool bad = ws_utf8_invalid(cp, n);
        if (!ws_buf_append(&h->alloc, &h->scratch, bad ? "\xEF\xBF\xBD" : html + i,
                           bad ? 3 : n))
            return false;
        i += n;
    }
    *out = h->scratch.data;
    *out_len = h->scratch.len;
    return true;
}

/* ===================================================================== */
/*  API                                                                  */
/* ===================================================================== */

ws_html *ws_html_new(const ws_allocator *alloc)
{
    ws_allocator a = ws_alloc_resolve(alloc);
    ws_html *h = ws_malloc(&a, sizeof *h);
    if (!h)
        return NULL;
    memset(h, 0, sizeof *h);
    h->alloc = a;
    /* Idempotent; called here so that the first parse in a worker thread
     * does not race to initialise libxml2's tables. */
    xmlInitParser();
    return h;
}

void ws_html_free(ws_html *h)
{
    if (!h)
        return;
    ws_free(&h->alloc, h->info);
    ws_free(&h->alloc, h->order);
    ws_buf_free(&h->alloc, &h->text);
    ws_buf_free(&h->alloc, &h->meta);
    ws_buf_free(&h->alloc, &h->scratch);
    ws_buf_free(&h->alloc, &h->decoded);
    ws_buf_free(&h->alloc, &h->para);
    ws_free(&h->alloc, h);
}

static const int parse_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                 HTML_PARSE_COMPACT;

/* libxml2 stops building the tree past 256 nested elements (its
 * protection against stack exhaustion, lifted only by HTML_PARSE_HUGE,
 * which we do not set); the rest of such a page would be lost, so the
 * page is refused instead of silently cut. */
static bool too_deep(htmlParserCtxtPtr ctxt)
{
    xmlError *e = xmlCtxtGetLastError(ctxt);
    return e && e->code == XML_ERR_INTERNAL_ERROR && e->message &&
           strstr(e->message, "depth");
}

typedef enum parse_outcome {
    PARSED, PARSE_NOMEM, PARSE_FAILED, PARSE_TOO_DEEP, PARSE_TOO_LARGE,
    PARSE_TOO_MANY_ATTRIBUTES
} parse_outcome;

static xmlDoc *read_with(const char *html, size_t len, const char *encoding,
                         parse_outcome *outcome)
{
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        *outcome = PARSE_NOMEM;
        return NULL;
    }
    xmlDoc *doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, encoding,
                                     parse_options);
    *outcome = !doc ? PARSE_FAILED : too_deep(ctxt) ? PARSE_TOO_DEEP : PARSED;
    if (*outcome == PARSE_TOO_DEEP) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    htmlFreeParserCtxt(ctxt);
    return doc;
}

static xmlDoc *parse_page(ws_html *h, const char *html, size_t len,
                          const char *charset, size_t charset_len,
                          parse_outcome *outcome)
{
    char label[WS_MAX_CHARSET_NAME_BYTES];
    utf8_scan sc = scan_utf8(html, len);
    HTML_WORK(h, len);
    choose_charset(html, len, sc, charset, charset_len, label);
    if (!is_utf8_label(label) && !is_refused_label(label)) {
        bool known;
        if (!decode_legacy(h, html, len, normalise_label(label), &known)) {
            *outcome = PARSE_NOMEM;
            return NULL;
        }
        if (known) { /* iconv wrote valid UTF-8 */
            HTML_WORK(h, len + h->decoded.len);
            html = h->decoded.data ? h->decoded.data : "";
            len = h->decoded.len;
            sc.first_invalid = len;
        }
        /* else: a charset iconv does not know: read the bytes as UTF-8 */
    }
    const char *clean;
    size_t clean_len;
    if (!sanitise_utf8(h, html, len, sc.first_invalid, &clean, &clean_len)) {
        *outcome = PARSE_NOMEM;
        return NULL;
    }
    /* sanitised, searched for attributes, then parsed: libxml2's parser
     * is linear in the page but for the two cases refused here (too many
     * attributes in a tag, nesting past its depth limit) */
    HTML_WORK(h, (clean == html ? 0 : clean_len) + 2 * clean_len);
    if (clean_len > (size_t)INT32_MAX) { /* libxml2 takes an int length */
        *outcome = PARSE_TOO_LARGE;
        return NULL;
    }
    if (too_many_attributes(clean, clean_len)) {
        *outcome = PARSE_TOO_MANY_ATTRIBUTES;
        return NULL;
    }
    return read_with(clean, clean_len, "UTF-8", outcome);
}

static xmlNode *find_body(ws_html *h, xmlNode *root)
{
    for (xmlNode *n = root; n; n = next_element(h, n, root, false))
        if (name_is(n, "body"))
            return n;
    return root;
}

/* An article shorter than this after the first attempt is taken as a
 * sign that class names misled it (Readability retries the same way). */
#define MIN_ARTICLE_TEXT 500

static bool attempt(ws_html *h, xmlNode *root, ws_str title, bool class_hints)
{
    mark_nodes(h, class_hints);
    sum_figures(h);
    score_nodes(h);
    select_article(h, top_candidate(h, find_body(h, root)));
    return write_article(h, root, title);
}

static bool find_article(ws_html *h, xmlNode *root, ws_str title)
{
    if (!attempt(h, root, title, true))
        return false;
    if (h->text.len >= MIN_ARTICLE_TEXT)
        return true;
    ws_buf first = h->text;
    h->text = (ws_buf){NULL, 0, 0};
    if (!attempt(h, root, title, false)) {
        ws_buf_free(&h->alloc, &first);
        return false;
    }
    if (first.len >= h->text.len) {
        ws_buf_free(&h->alloc, &h->text);
        h->text = first;
    } else {
        ws_buf_free(&h->alloc, &first);
    }
    return true;
}

static ws_status fail(ws_error *err, ws_status code, const char *msg)
{
    ws_set_error(err, code, msg, 0);
    return code;
}

static ws_status parse_failure(ws_error *err, parse_outcome outcome)
{
    switch (outcome) {
    case PARSE_NOMEM:
        return fail(err, WS_ERR_NOMEM, "out of memory");
    case PARSE_TOO_DEEP:
        return fail(err, WS_ERR_TOO_LARGE,
                    "HTML nested deeper than 256 elements (libxml2's limit)");
    case PARSE_TOO_LARGE:
        return fail(err, WS_ERR_TOO_LARGE, "HTML page too large once decoded");
    case PARSE_TOO_MANY_ATTRIBUTES:
        return fail(err, WS_ERR_TOO_LARGE,
                    "an HTML tag with more than WS_MAX_HTML_ATTRIBUTES (1024) attributes");
    case PARSED:
    case PARSE_FAILED:
        break;
    }
    return fail(err, WS_ERR_HTML, "the page could not be parsed as HTML");
}

/* The page's fields, filled in only when the whole extraction worked: on
 * an error the caller sees an empty page, never half-resolved metadata. */
static void clear_page(ws_page *page)
{
    memset(page, 0, sizeof *page);
    page->text = "";
}

static ws_status extract_tree(ws_html *h, xmlDoc *doc, ws_page *page, ws_error *err)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root)
        return WS_OK;
    bool ok = true;
    if (!number_nodes(h, root))
        return fail(err, WS_ERR_NOMEM, "out of memory");
    read_metadata(h, doc, page, &ok);
    resolve_meta(h, &page->title);
    if (!ok || !find_article(h, root, page->title))
        return fail(err, WS_ERR_NOMEM, "out of memory");
    ws_str *fields[] = {&page->byline, &page->date, &page->url, &page->site,
                        &page->lang};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        resolve_meta(h, fields[i]);
    page->text = h->text.data ? h->text.data : "";
    page->text_len = h->text.len;
    return WS_OK;
}

ws_status ws_html_extract(ws_html *h, const char *html, size_t len,
                          const char *charset, size_t charset_len,
                          ws_page *page, ws_error *err)
{
    if (!h || (!html && len) || !page)
        return fail(err, WS_ERR_INVALID_ARG, "NULL extractor, page or input");
    h->work = 0;
    clear_page(page);
    if (len > WS_MAX_DOCUMENT_BYTES)
        return fail(err, WS_ERR_TOO_LARGE, "HTML page over the document size limit");
    h->text.len = h->meta.len = h->para.len = 0;
    h->count = 0;
    if (!len)
        return WS_OK;
    parse_outcome outcome;
    xmlDoc *doc = parse_page(h, html, len, charset, charset_len, &outcome);
    if (!doc)
        return parse_failure(err, outcome);
    ws_status st = extract_tree(h, doc, page, err);
    xmlFreeDoc(doc);
    if (st != WS_OK)
        clear_page(page);
    return st;
}

uint64_t ws_html_work(const ws_html *h)
{
    return h ? h->work : 0;
}
