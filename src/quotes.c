/*
 * Stage: quotation-mark pairing.
 *
 * Paragraph by paragraph, a bounded stack pairs openers with closers of the
 * same family (double: " “ ” „ « » '' ``; single: ' ‘ ’ ‚ ‹ ›). Only the
 * outermost pairs become quotations (FORMAT.md: a nested quotation belongs
 * to the outer one). Damage from a stray mark is contained in its
 * paragraph: an opener never closed is dropped, and the pairs formed inside
 * it are promoted to the level below. An opener left open at a paragraph's
 * end whose next paragraph reopens with the same family is a quotation
 * running over paragraphs (FORMAT.md: one record per paragraph).
 *
 * Every mark is pushed and popped at most once, and the search for a
 * matching opener looks at most WS_MAX_QUOTE_DEPTH entries: linear time.
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Flanking: may a mark open or close?                                  */
/* ===================================================================== */

typedef struct ws_qstack {
    uint32_t tok;
    bool single;
    int32_t first_child, last_child; /* pairs formed inside it (links) */
} qentry;

/* Is the token before/after i punctuation-like for flanking purposes? */
static bool punct_before(const ws_doc *d, size_t i)
{
    return i > 0 && d->tok[i - 1].end == d->tok[i].start &&
           (d->tok[i - 1].kind == TK_PUNCT || d->tok[i - 1].kind == TK_QMARK);
}

static bool punct_after(const ws_doc *d, size_t i)
{
    return i + 1 < d->ntok && d->tok[i + 1].start == d->tok[i].end &&
           (d->tok[i + 1].kind == TK_PUNCT || d->tok[i + 1].kind == TK_QMARK ||
            d->tok[i + 1].kind == TK_CLITIC);
}

/* The token before i, across white space, is a quotation mark. */
static bool punct_before_spaced(const ws_doc *d, size_t i)
{
    return i > 0 && d->tok[i - 1].kind == TK_QMARK && d->tok[i - 1].para == d->tok[i].para;
}

/* "'90s", "class of '08": two digits, an "s" at most, after the mark */
static bool short_year(const ws_doc *d, size_t i)
{
    size_t n = d->tok[i].end - d->tok[i].start;
    const char *w = d->text + d->tok[i].start;
    return n == 2 || (n == 3 && (w[2] == 's' || w[2] == 'S'));
}

static bool stop_before_spaced(const ws_doc *d, size_t i)
{
    return i > 0 && d->tok[i - 1].para == d->tok[i].para &&
           ((d->tok[i - 1].flags & TF_SENT_PUNCT) || tok_is_punct(d, i - 1, ','));
}

static bool digit_before(const ws_doc *d, size_t i)
{
    uint32_t s = d->tok[i].start;
    return s > 0 && d->text[s - 1] >= '0' && d->text[s - 1] <= '9';
}

typedef struct flank {
    bool open, close;
} flank;

static flank mark_flanking(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    bool sb = (t->flags & TF_SPACE_BEFORE) || i == 0;
    bool sa = (t->flags & TF_SPACE_AFTER) || i + 1 == d->ntok;
    bool left = !sa && (sb || punct_before(d, i));
    bool right = !sb && (sa || punct_after(d, i));
    flank f = {false, false};
    switch ((qmark)t->mark) {
    case QM_DQ:
    case QM_DAPOS:
    case QM_SQ:
        /* 6'3" and 12" are measures, not quotations */
        if (digit_before(d, i) && !left)
            break;
        f.open = left;
        f.close = right;
        /* '90s is an elision, not an opening mark */
        if ((qmark)t->mark == QM_SQ && i + 1 < d->ntok && (d->tok[i + 1].flags & TF_DIGIT) &&
            d->tok[i + 1].start == t->end && short_year(d, i + 1))
            f.open = false; /* but '2020 will be ...' opens */
        /* ' " ' standing alone after a nested quotation closes:
         * "... 'Oh, this is important,' " Magel said */
        if (!left && !right && (qmark)t->mark != QM_SQ && sb && sa && punct_before_spaced(d, i))
            f.close = true;
        /* a stray space before the closing mark: "... ourselves? " she
         * wrote" (news dev, The Hill): after the sentence's stop or a
         * comma a spaced mark closes */
        if (!left && !right && sb && sa && stop_before_spaced(d, i))
            f.close = true;
        break;
    case QM_LDQ:
    case QM_LSQ:
        /* German „...“ closes with U+201C */
        f.close = right && !left;
        f.open = !f.close;
        break;
    case QM_RDQ:
        f.open = left && !right;
        f.close = !f.open;
        break;
    case QM_RSQ:
        /* U+2019 is an apostrophe far more often than an opener ("’90s") */
        f.close = right;
        break;
    case QM_LGUIL:
    case QM_LSGUIL:
        f.close = right && !left;
        f.open = !f.close;
        break;
    case QM_RGUIL:
    case QM_RSGUIL:
        f.open = left && !right;
        f.close = !f.open;
        break;
    case QM_BACKTICKS:
    case QM_LOW_DQ:
    case QM_LOW_SQ:
        f.open = true;
        break;
    case QM_NONE:
        break;
    }
    return f;
}

/* "the Joneses’ figures", "Chris’ car": after an s, before a word. */
static bool possessive_apostrophe(const ws_doc *d, size_t i)
{
    uint32_t st = d->tok[i].start;
    /* a possessive is followed by what it possesses, never by "and",
     * "that", "to": "‘political correctness’ and ‘social engineering’"
     * closes (issue 12, point 4) */
    return st > 0 && (d->text[st - 1] | 0x20) == 's' && i + 1 < d->ntok &&
           d->tok[i + 1].kind == TK_WORD && (d->tok[i + 1].flags & TF_LOWER) &&
           d->tok[i + 1].para == d->tok[i].para &&
           !(d->tok[i + 1].lex & (LX_CONJ | LX_PREP | LX_FUNC | LX_COMPLEMENTISER | LX_RELATIVE |
                                  LX_SKIP | LX_CUE | LX_VERB | LX_BE | LX_PRONOUN | LX_DET));
}

/* The last single mark of the paragraph starting at token i that can
 * close, for possessive_apostrophe's choice; one scan per paragraph. */
static size_t last_single_closer(ws_doc *d, size_t i)
{
    size_t last = SIZE_MAX;
    for (size_t k = i; k < d->ntok && d->tok[k].para == d->tok[i].para; k++) {
        WS_WORK(d, 1);
        if (d->tok[k].kind == TK_QMARK && QM_IS_SINGLE(d->tok[k].mark) && mark_flanking(d, k).close &&
            !possessive_apostrophe(d, k))
            last = k;
    }
    return last;
}

/* ===================================================================== */
/*  Pairs                                                                */
/* ===================================================================== */

/* Pairs are kept in d->q as they form; links[k] chains pair k to the next
 * pair of the same level, so lists of children can be handed down in O(1).
 * Only the pairs on the paragraph's outer list are kept at the end. */
typedef struct pairing {
    ws_doc *d;
    qentry *stack;
    size_t depth;
    int32_t outer_first, outer_last;
    size_t para_first_q; /* first pair of this paragraph in d->q */
    size_t last_single_close; /* last single mark of the paragraph that
                                 can close, or SIZE_MAX */
} pairing;

static void list_append(ws_doc *d, int32_t *first, int32_t *last, int32_t f2, int32_t l2)
{
    if (f2 < 0)
        return;
    if (*first < 0)
        *first = f2;
    else
        d->links[*last] = (uint32_t)f2;
    *last = l2;
}

static bool add_pair(pairing *p, uint32_t open, uint32_t close, bool single, bool to_end)
{
    ws_doc *d = p->d;
    if (!ws_grow(d->alloc, (void **)&d->q, &d->capq, d->nq + 1, sizeof *d->q) ||
        !ws_grow(d->alloc, (void **)&d->links, &d->caplinks, d->nq + 1, sizeof *d->links))
        return false;
    ws_qpair *q = &d->q[d->nq];
    memset(q, 0, sizeof *q);
    q->open = open;
    q->close = close;
    q->single = single;
    q->to_para_end = to_end;
    q->para = d->tok[open].para;
    q->mention = q->entity = q->cue = q->cue_end = -1;
    d->links[d->nq] = UINT32_MAX;
    int32_t k = (int32_t)d->nq++;
    if (p->depth == 0)
        list_append(d, &p->outer_first, &p->outer_last, k, k);
    else
        list_append(d, &p->stack[p->depth - 1].first_child,
                    &p->stack[p->depth - 1].last_child, k, k);
    return true;
}

/* Drop the top entry: its children move down a level. */
static void drop_top(pairing *p)
{
    qentry *e = &p->stack[--p->depth];
    if (p->depth == 0)
        list_append(p->d, &p->outer_first, &p->outer_last, e->first_child, e->last_child);
    else
        list_append(p->d, &p->stack[p->depth - 1].first_child,
                    &p->stack[p->depth - 1].last_child, e->first_child, e->last_child);
}

static void push_opener(pairing *p, uint32_t tok, bool single)
{
    if (p->depth == WS_MAX_QUOTE_DEPTH)
        return; /* a run of stray marks: the rest is text */
    qentry e = {tok, single, -1, -1};
    p->stack[p->depth++] = e;
}

/* The closer at tok matches the nearest opener of its family. */
static bool try_close(pairing *p, uint32_t tok, bool single)
{
    size_t k = p->depth;
    while (k > 0 && p->stack[k - 1].single != single)
        k--;
    if (k == 0)
        return true; /* stray closer, or an apostrophe */
    /* openers above the match are strays inside this pair: their children
     * are nested in it and vanish with them */
    p->depth = k - 1;
    return add_pair(p, p->stack[k - 1].tok, tok, single, false);
}

static bool has_opener(const pairing *p, bool single)
{
    for (size_t k = 0; k < p->depth; k++)
        if (p->stack[k].single == single)
            return true;
    return false;
}

/* ===================================================================== */
/*  Paragraphs                                                           */
/* ===================================================================== */

/* Does the paragraph starting at token i open with a mark of this family? */
static bool reopens(const ws_doc *d, size_t i, bool single)
{
    if (i >= d->ntok || d->tok[i].kind != TK_QMARK ||
        QM_IS_SINGLE(d->tok[i].mark) != single)
        return false;
    return mark_flanking(d, i).open;
}

static bool finish_paragraph(pairing *p, size_t next_para_tok)
{
    ws_doc *d = p->d;
    while (p->depth > 1)
        drop_top(p);
    if (p->depth == 1) {
        qentry bottom = p->stack[0];
        /* either family: British papers run a speech over paragraphs in
         * single marks, each continuation opening with ‘ (issue 12,
         * point 4) */
        if (reopens(d, next_para_tok, bottom.single)) {
            p->depth = 0;
            if (!add_pair(p, bottom.tok, (uint32_t)next_para_tok, bottom.single, true))
                return false;
        } else {
            drop_top(p);
        }
    }
    /* keep only the outer pairs of this paragraph, in order */
    size_t w = p->para_first_q;
    for (int32_t k = p->outer_first; k >= 0;
         k = d->links[k] == UINT32_MAX ? -1 : (int32_t)d->links[k]) {
        d->q[w++] = d->q[k];
        WS_WORK(d, 1);
    }
    /* the compaction reads ahead of where it writes: pairs are appended in
     * order of closing and an outer pair's index is never below one kept
     * earlier, so d->q[k] with k >= w is still intact */
    d->nq = w;
    p->outer_first = p->outer_last = -1;
    p->para_first_q = d->nq;
    return true;
}

static bool pair_mark(pairing *p, uint32_t i)
{
    ws_doc *d = p->d;
    bool single = QM_IS_SINGLE(d->tok[i].mark);
    flank f = mark_flanking(d, i);
    if (f.open && f.close) {
        /* "word" between punctuation: close if something is open */
        if (has_opener(p, single))
            return try_close(p, i, single);
        push_opener(p, i, single);
        return true;
    }
    if (f.close) {
        /* a single closer with no single opener is an apostrophe
         * ("the Joneses’"); so is one after a plural that a later mark of
         * the paragraph can close instead ("‘We don’t accept the Joneses’
         * figures at all,’ Sarah Jones said.") */
        if (single && (!has_opener(p, true) ||
                       (possessive_apostrophe(d, i) && p->last_single_close != SIZE_MAX &&
                        p->last_single_close > i)))
            return true;
        return try_close(p, i, single);
    }
    if (f.open)
        push_opener(p, i, single);
    return true;
}

static void set_content(ws_doc *d, ws_qpair *q)
{
    uint32_t s = d->tok[q->open].end;
    uint32_t e = q->close < d->ntok ? d->tok[q->close].start : (uint32_t)d->len;
    if (q->to_para_end)
        e = d->tok[q->close - 1].end;
    while (s < e && (d->text[s] == ' ' || d->text[s] == '\t' || d->text[s] == '\n' || d->text[s] == '\r'))
        s++;
    while (e > s && (d->text[e - 1] == ' ' || d->text[e - 1] == '\t' || d->text[e - 1] == '\n' || d->text[e - 1] == '\r'))
        e--;
    q->start = s;
    q->end = e;
}

bool ws_quotes_pair(ws_doc *d)
{
    if (!ws_grow(d->alloc, (void **)&d->stack, &d->capstack, WS_MAX_QUOTE_DEPTH,
                 sizeof *d->stack))
        return false;
    pairing p = {d, d->stack, 0, -1, -1, 0, last_single_closer(d, 0)};
    d->nq = 0;
    for (uint32_t i = 0; i < d->ntok; i++) {
        WS_WORK(d, 1);
        if (i > 0 && d->tok[i].para != d->tok[i - 1].para) {
            if (!finish_paragraph(&p, i))
                return false;
            p.last_single_close = last_single_closer(d, i);
        }
        if (d->tok[i].kind == TK_QMARK && !pair_mark(&p, i))
            return false;
    }
    if (!finish_paragraph(&p, d->ntok))
        return false;
    /* mark the tokens of each quotation; drop empty ones */
    size_t w = 0;
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        set_content(d, q);
        if (q->start >= q->end)
            continue;
        d->tok[q->open].flags |= TF_OPEN;
        if (!q->to_para_end)
            d->tok[q->close].flags |= TF_CLOSE;
        for (uint32_t t = q->open + 1; t < q->close; t++) {
            d->tok[t].flags |= TF_IN_QUOTE;
            WS_WORK(d, 1);
        }
        d->q[w++] = *q;
    }
    d->nq = w;
    return true;
}
