/*
 * Stage: speaker profiles. Runs after ws_extract, on what it left behind:
 * the mentions (mentions.c), the entities they resolved to (entities.c)
 * and the entity and mention behind each record (extract.c). Nothing is
 * re-derived: a speaker is an entity some record is attributed to, or,
 * for a record whose mention resolved to no entity ("a spokesman"), the
 * speaker text itself.
 *
 * For each speaker, from its mentions in document order:
 *   titles        the premodifiers of its names ("U.K. Defense
 *                 Secretary John Healey") and appositions ("Scott Pruitt,
 *                 the attorney general of Oklahoma,"), each once;
 *   affiliations  place words in those (data/places.def: "U.K.",
 *                 "German"), possessors ("Commentary's Noah Rothman") and
 *                 "of/for" complements ("of the American Enterprise
 *                 Institute");
 *   gender        pronouns resolved to it, honorifics ("Mr. Trump", also
 *                 inside quotations), gendered titles and given names,
 *                 each cited with its offsets; the majority decides.
 *
 * Linear: every mention and token is visited a bounded number of times;
 * the honorific scan compares with at most WS_MAX_ENTITIES entities.
 */
#include <stdlib.h>

#include "out.h"
#include "pipeline.h"

struct ws_speakers {
    ws_speaker *sp;              size_t nsp, capsp;
    ws_speaker_mention *men;     size_t nmen, capmen;
    ws_span *titles;             size_t ntitles, captitles;
    ws_affiliation *aff;         size_t naff, capaff;
    ws_gender_evidence *ev;      size_t nev, capev;
    size_t *qidx;                size_t capq;
    int32_t *of_entity;          size_t capent;  /* entity -> speaker */
    int32_t *of_mention;         size_t capmen2; /* mention -> speaker */
    int32_t *of_record;          size_t caprec;  /* record -> speaker */
    uint32_t *slots;             size_t capslots;/* phrase speakers by text */
    uint32_t *order;             size_t caporder;/* mentions grouped by speaker */
    uint32_t *start;             size_t capstart;/* per speaker: first in order */
    uint32_t *hon;               size_t nhon, caphon; /* honorific tokens */
    uint32_t *hon_order;         size_t caphonord;
    uint32_t *hon_start;         size_t caphonst;
    int32_t *entity_of;          size_t capentof; /* speaker -> entity, -1 */
};

void ws_speakers_free(const ws_allocator *a, struct ws_speakers *s)
{
    if (!s)
        return;
    ws_free(a, s->sp);
    ws_free(a, s->men);
    ws_free(a, s->titles);
    ws_free(a, s->aff);
    ws_free(a, s->ev);
    ws_free(a, s->qidx);
    ws_free(a, s->of_entity);
    ws_free(a, s->of_mention);
    ws_free(a, s->of_record);
    ws_free(a, s->slots);
    ws_free(a, s->order);
    ws_free(a, s->start);
    ws_free(a, s->hon);
    ws_free(a, s->hon_order);
    ws_free(a, s->hon_start);
    ws_free(a, s->entity_of);
    ws_free(a, s);
}

/* The state of one call: the extraction and the scratch. */
typedef struct ctx {
    const ws_doc *d;
    const ws_quote *quotes;
    const ws_record_source *src;
    size_t count;
    const ws_allocator *a;
    struct ws_speakers *s;
} ctx;

#define GROW(c, arr, cap, need) \
    ws_grow((c)->a, (void **)&(c)->s->arr, &(c)->s->cap, (need), sizeof *(c)->s->arr)

/* ===================================================================== */
/*  Words                                                                */
/* ===================================================================== */

static const char *const PLACES[] = {
#define PLACE(w) w,
#include "../data/places.def"
#undef PLACE
};

enum { N_PLACES = sizeof PLACES / sizeof PLACES[0] };

/* Lower-case ASCII copy of a token, NUL-terminated; false when longer
 * than the buffer (no place or honorific is that long). */
static bool folded(const ws_doc *d, uint32_t t, char *buf, size_t cap)
{
    size_t n = d->tok[t].end - d->tok[t].start;
    if (n + 1 > cap)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = d->text[d->tok[t].start + k];
        buf[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    buf[n] = '\0';
    return true;
}

static int compare_place(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

bool ws_place_name(const char *w)
{
    return bsearch(w, PLACES, N_PLACES, sizeof PLACES[0], compare_place) != NULL;
}

/* A capitalised place word: "German", "U.K."; "US" only in capitals. */
static bool place_word(const ws_doc *d, uint32_t t);

bool ws_place_token(const ws_doc *d, size_t t)
{
    return t < d->ntok && place_word(d, (uint32_t)t);
}

static bool place_word(const ws_doc *d, uint32_t t)
{
    char w[32];
    const ws_token *k = &d->tok[t];
    if (k->kind != TK_WORD || !(k->flags & TF_CAP) || !folded(d, t, w, sizeof w))
        return false;
    if (strcmp(w, "us") == 0 || strcmp(w, "un") == 0)
        return (k->flags & TF_ALLCAPS) != 0;
    return ws_place_name(w);
}

/* "New York", "South Korea", "United States": the place starts a word
 * earlier. */
static bool place_prefix(const ws_doc *d, uint32_t t)
{
    static const char *const prefixes[] = {"new", "north", "south", "east", "west",
                                           "united", "saudi", "rhode"};
    char w[16];
    if (!(d->tok[t].flags & TF_CAP) || !folded(d, t, w, sizeof w))
        return false;
    for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++)
        if (strcmp(w, prefixes[k]) == 0)
            return true;
    return false;
}

static bool honorific(const ws_doc *d, uint32_t t)
{
    static const char *const words[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"};
    char w[8];
    if (!(d->tok[t].lex & LX_TITLE) || !folded(d, t, w, sizeof w))
        return false;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(w, words[k]) == 0)
            return true;
    return false;
}

static ws_gender gender_of_lex(uint32_t lx)
{
    return (lx & LX_MALE) ? WS_GENDER_MALE : (lx & LX_FEMALE) ? WS_GENDER_FEMALE
                                                              : WS_GENDER_UNKNOWN;
}

static ws_span tok_span(const ws_doc *d, uint32_t first, uint32_t last)
{
    ws_span s = {d->tok[first].start, d->tok[last].end};
    return s;
}

static bool same_text(const char *text, ws_span a, ws_span b)
{
    return a.end - a.start == b.end - b.start &&
           memcmp(text + a.start, text + b.start, a.end - a.start) == 0;
}

/* ===================================================================== */
/*  Speakers                                                             */
/* ===================================================================== */

static int32_t new_speaker(ctx *c, ws_span name, ws_speaker_kind kind, int32_t entity)
{
    if (!GROW(c, sp, capsp, c->s->nsp + 1) || !GROW(c, entity_of, capentof, c->s->nsp + 1))
        return -2;
    c->s->entity_of[c->s->nsp] = entity;
    ws_speaker *p = &c->s->sp[c->s->nsp];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->kind = kind;
    return (int32_t)c->s->nsp++;
}

static ws_speaker_kind entity_kind(const ws_entity *e)
{
    return e->org ? WS_SPEAKER_ORGANISATION : e->phrase ? WS_SPEAKER_PHRASE : WS_SPEAKER_PERSON;
}

static ws_speaker_kind mention_kind_of(const ws_mention *m)
{
    if (m->kind != MK_NAME)
        return WS_SPEAKER_PHRASE;
    return m->org ? WS_SPEAKER_ORGANISATION : WS_SPEAKER_PERSON;
}

/* A record whose mention resolved to no entity, or to a phrase: its
 * speaker text is the key, so two "a spokesman" records share one
 * speaker. */
static int32_t phrase_speaker(ctx *c, size_t i, size_t nslots)
{
    ws_span name = c->quotes[i].speaker;
    const ws_record_source *r = &c->src[i];
    ws_speaker_kind kind = r->entity >= 0 ? WS_SPEAKER_PHRASE
                                          : mention_kind_of(&c->d->m[r->mention]);
    uint32_t h = ws_hash_folded(c->d->text + name.start, name.end - name.start);
    for (size_t k = h & (nslots - 1);; k = (k + 1) & (nslots - 1)) {
        WS_WORK(c->d, 1);
        uint32_t v = c->s->slots[k];
        if (v == 0) {
            int32_t sp = new_speaker(c, name, kind, -1);
            if (sp >= 0)
                c->s->slots[k] = (uint32_t)sp + 1;
            return sp;
        }
        if (same_text(c->d->text, c->s->sp[v - 1].name, name))
            return (int32_t)v - 1;
    }
}

static int32_t record_speaker(ctx *c, size_t i, size_t nslots)
{
    const ws_record_source *r = &c->src[i];
    if (span_absent(c->quotes[i].speaker))
        return -1;
    if (r->entity >= 0 && c->d->e[r->entity].phrase) {
        int32_t sp = phrase_speaker(c, i, nslots);
        if (sp >= 0)
            c->s->of_entity[r->entity] = sp;
        return sp;
    }
    if (r->entity >= 0) {
        int32_t *sp = &c->s->of_entity[r->entity];
        if (*sp < 0)
            *sp = new_speaker(c, c->quotes[i].speaker, entity_kind(&c->d->e[r->entity]),
                              r->entity);
        return *sp;
    }
    return r->mention >= 0 ? phrase_speaker(c, i, nslots) : -1;
}

static bool assign_records(ctx *c)
{
    size_t nslots = 16;
    while (nslots < 2 * c->count)
        nslots *= 2;
    if (!GROW(c, of_entity, capent, c->d->ne) || !GROW(c, of_record, caprec, c->count) ||
        !GROW(c, slots, capslots, nslots))
        return false;
    for (size_t e = 0; e < c->d->ne; e++)
        c->s->of_entity[e] = -1;
    memset(c->s->slots, 0, nslots * sizeof *c->s->slots);
    for (size_t i = 0; i < c->count; i++) {
        WS_WORK(c->d, 1);
        int32_t sp = record_speaker(c, i, nslots);
        if (sp == -2)
            return false;
        c->s->of_record[i] = sp;
        if (sp < 0)
            continue;
        ws_speaker *p = &c->s->sp[sp];
        p->n_quotes++;
        if (c->quotes[i].type == WS_QUOTE_DIRECT)
            p->quotes_direct++;
        else
            p->quotes_indirect++;
    }
    return true;
}

/* Each speaker's records, in record order: a counting sort. */
static bool group_records(ctx *c)
{
    if (!GROW(c, qidx, capq, c->count))
        return false;
    size_t at = 0;
    for (size_t k = 0; k < c->s->nsp; k++) {
        c->s->sp[k].quotes = NULL;
        at += c->s->sp[k].n_quotes;
        c->s->sp[k].n_quotes = at; /* the end of its run, for now */
    }
    for (size_t i = c->count; i-- > 0;) {
        int32_t sp = c->s->of_record[i];
        if (sp >= 0)
            c->s->qidx[--c->s->sp[sp].n_quotes] = i;
    }
    /* n_quotes now holds each run's start; the ends are the next starts */
    for (size_t k = 0; k < c->s->nsp; k++) {
        size_t begin = c->s->sp[k].n_quotes;
        size_t end = k + 1 < c->s->nsp ? c->s->sp[k + 1].n_quotes : at;
        c->s->sp[k].n_quotes = end - begin;
        c->s->sp[k].quotes = (const size_t *)(uintptr_t)begin; /* an offset until fixed */
    }
    return true;
}

/* ===================================================================== */
/*  Grouping mentions and honorifics by speaker                          */
/* ===================================================================== */

/* order[start[s] .. start[s+1]) lists the items of speaker s, in their
 * original order (a stable counting sort of key[0..n)). */
static void bucket(const int32_t *key, size_t n, size_t nsp, uint32_t *order, uint32_t *start)
{
    memset(start, 0, (nsp + 1) * sizeof *start);
    for (size_t k = 0; k < n; k++)
        if (key[k] >= 0)
            start[key[k] + 1]++;
    for (size_t s = 0; s < nsp; s++)
        start[s + 1] += start[s];
    for (size_t k = 0; k < n; k++)
        if (key[k] >= 0)
            order[start[key[k]]++] = (uint32_t)k;
    for (size_t s = nsp; s > 0; s--)
        start[s] = start[s - 1];
    start[0] = 0;
}

static bool assign_mentions(ctx *c)
{
    const ws_doc *d = c->d;
    if (!GROW(c, of_mention, capmen2, d->nm) || !GROW(c, order, caporder, d->nm) ||
        !GROW(c, start, capstart, c->s->nsp + 1))
        return false;
    for (size_t k = 0; k < d->nm; k++) {
        int32_t e = d->m[k].entity;
        c->s->of_mention[k] = e >= 0 ? c->s->of_entity[e] : -1;
    }
    for (size_t i = 0; i < c->count; i++)
        if (c->src[i].entity < 0 && c->src[i].mention >= 0)
            c->s->of_mention[c->src[i].mention] = c->s->of_record[i];
    WS_WORK(d, d->nm + c->count);
    bucket(c->s->of_mention, d->nm, c->s->nsp, c->s->order, c->s->start);
    return true;
}

/* "Mr. Trump" anywhere, quotations included: the honorific before a
 * speaker's surname. Mentions outside quotations are read with their
 * names (premodifiers); this finds the others. The speakers that are
 * named entities are at most WS_MAX_ENTITIES. */
static int32_t honorific_target(ctx *c, uint32_t t)
{
    const ws_doc *d = c->d;
    uint32_t n = t + 1;
    if (n >= d->ntok || d->tok[n].kind != TK_WORD || !(d->tok[n].flags & TF_CAP))
        return -1;
    if (d->tok[t].mention >= 0 && c->s->of_mention[d->tok[t].mention] >= 0)
        return -1; /* a mention's premodifier: read there */
    size_t len = d->tok[n].end - d->tok[n].start;
    WS_WORK(d, c->s->nsp);
    for (size_t sp = 0; sp < c->s->nsp; sp++) {
        int32_t e = c->s->entity_of[sp];
        if (e < 0 || d->e[e].phrase || d->e[e].org)
            continue;
        uint32_t k = d->e[e].key_tok;
        if (d->tok[k].end - d->tok[k].start == len &&
            memcmp(d->text + d->tok[k].start, d->text + d->tok[n].start, len) == 0)
            return (int32_t)sp;
    }
    return -1;
}

static bool find_honorifics(ctx *c)
{
    const ws_doc *d = c->d;
    c->s->nhon = 0;
    for (size_t t = 0; t < d->ntok; t++) {
        WS_WORK(d, 1);
        if (!(d->tok[t].lex & LX_TITLE) || !gender_of_lex(d->tok[t].lex) ||
            !honorific(d, (uint32_t)t))
            continue;
        int32_t sp = honorific_target(c, (uint32_t)t);
        if (sp < 0)
            continue;
        if (!GROW(c, hon, caphon, 2 * (c->s->nhon + 1)))
            return false;
        c->s->hon[2 * c->s->nhon] = (uint32_t)t;
        c->s->hon[2 * c->s->nhon + 1] = (uint32_t)sp;
        c->s->nhon++;
    }
    return true;
}

/* ===================================================================== */
/*  One speaker's profile                                                */
/* ===================================================================== */

static bool add_mention(ctx *c, const ws_mention *m)
{
    if (!GROW(c, men, capmen, c->s->nmen + 1))
        return false;
    ws_speaker_mention *p = &c->s->men[c->s->nmen++];
    p->span = tok_span(c->d, m->first, m->last);
    p->kind = m->kind == MK_NAME ? WS_MENTION_NAME : m->kind == MK_PRONOUN ? WS_MENTION_PRONOUN
                                                                          : WS_MENTION_ROLE;
    return true;
}

static bool add_evidence(ctx *c, uint32_t t, ws_evidence_kind kind)
{
    if (!GROW(c, ev, capev, c->s->nev + 1))
        return false;
    ws_gender_evidence *p = &c->s->ev[c->s->nev++];
    p->span = tok_span(c->d, t, t);
    p->gender = gender_of_lex(c->d->tok[t].lex);
    p->kind = kind;
    return true;
}

/* A title once per speaker: titles[from..] are this speaker's so far. */
static bool add_title(ctx *c, size_t from, ws_span span)
{
    for (size_t k = from; k < c->s->ntitles; k++)
        if (same_text(c->d->text, c->s->titles[k], span))
            return true;
    if (c->s->ntitles - from >= WS_MAX_SPEAKER_TITLES)
        return true;
    if (!GROW(c, titles, captitles, c->s->ntitles + 1))
        return false;
    c->s->titles[c->s->ntitles++] = span;
    return true;
}

static bool add_affiliation(ctx *c, size_t from, ws_span span, ws_affiliation_kind kind)
{
    for (size_t k = from; k < c->s->naff; k++)
        if (same_text(c->d->text, c->s->aff[k].span, span))
            return true;
    if (c->s->naff - from >= WS_MAX_SPEAKER_TITLES)
        return true;
    if (!GROW(c, aff, capaff, c->s->naff + 1))
        return false;
    c->s->aff[c->s->naff].span = span;
    c->s->aff[c->s->naff].kind = kind;
    c->s->naff++;
    return true;
}

/* Where this speaker's titles and affiliations start in the flat arrays. */
typedef struct firsts {
    size_t title, aff;
    bool given; /* a given name was cited already */
} firsts;

/* Place words among tokens [f, l] are affiliations. */
static bool places_in(ctx *c, const firsts *fs, uint32_t f, uint32_t l)
{
    for (uint32_t t = f; t <= l; t++) {
        if (!place_word(c->d, t))
            continue;
        uint32_t s = t > f && place_prefix(c->d, t - 1) ? t - 1 : t;
        if (!add_affiliation(c, fs->aff, tok_span(c->d, s, t), WS_AFFILIATION_PLACE))
            return false;
    }
    return true;
}

static bool is_title_word(const ws_doc *d, uint32_t t)
{
    return (d->tok[t].lex & (LX_TITLE | LX_ROLE)) || (d->tok[t].flags & TF_LOWER);
}

/* The words before a name: "U.K. Defense Secretary", "Commentary's". */
static bool premodifiers(ctx *c, firsts *fs, const ws_mention *m)
{
    const ws_doc *d = c->d;
    uint32_t f = m->first, name = m->name;
    if (f < name && (d->tok[f].lex & LX_DET))
        f++;
    for (uint32_t t = f; t < name; t++) {
        if (d->tok[t].kind == TK_CLITIC && t > f) {
            /* a possessor: "Breitbart News' Washington Political Editor" */
            if (!add_affiliation(c, fs->aff, tok_span(d, f, t - 1), WS_AFFILIATION_ORGANISATION))
                return false;
            f = t + 1;
        }
    }
    for (uint32_t t = f; t < name; t++)
        if (gender_of_lex(d->tok[t].lex) && (d->tok[t].lex & LX_TITLE) &&
            !add_evidence(c, t, honorific(d, t) ? WS_EVIDENCE_HONORIFIC : WS_EVIDENCE_TITLE))
            return false;
    while (f < name && honorific(d, f))
        f++;
    bool titled = false;
    for (uint32_t t = f; t < name; t++)
        titled = titled || is_title_word(d, t);
    if (f < name && titled && !add_title(c, fs->title, tok_span(d, f, name - 1)))
        return false;
    if (f < name && !titled &&
        !add_affiliation(c, fs->aff, tok_span(d, f, name - 1), WS_AFFILIATION_ORGANISATION))
        return false; /* "CrowdStrike Dmitri Alperovitch": a name before a name */
    return f >= name || !titled || places_in(c, fs, f, name - 1);
}

/* The complement of a role phrase or a name: "... of the American
 * Enterprise Institute", "a spokesman for the Pentagon". t is the "of". */
static bool complement(ctx *c, firsts *fs, uint32_t t, uint32_t last)
{
    const ws_doc *d = c->d;
    uint32_t f = t + 1;
    if (f <= last && (d->tok[f].lex & LX_DET))
        f++;
    if (f > last || !(d->tok[f].flags & TF_CAP))
        return true;
    bool place = f == last && place_word(d, f);
    return add_affiliation(c, fs->aff, tok_span(d, f, last),
                           place ? WS_AFFILIATION_PLACE : WS_AFFILIATION_ORGANISATION);
}

static bool of_word(const ws_doc *d, uint32_t t)
{
    return d->tok[t].kind == TK_WORD && (d->tok[t].flags & TF_LOWER) &&
           (d->tok[t].lex & (LX_OF | LX_FOR));
}

/* The end (inclusive) of an apposition starting at f: words up to a
 * comma or the sentence's end, one of them a title or role; 0 when
 * there is none. */
static uint32_t apposition_end(const ws_doc *d, uint32_t f)
{
    bool titled = false;
    uint32_t t = f;
    for (; t < d->ntok && t - f < WS_MAX_PHRASE_TOKENS; t++) {
        const ws_token *k = &d->tok[t];
        if (k->kind != TK_WORD || !ws_tok_outside_quotes(k) || (t > f && (k->flags & TF_SENT_START)))
            break;
        if (k->lex & (LX_CUE | LX_CUE_ING | LX_PRONOUN | LX_RELATIVE | LX_COMPLEMENTISER))
            return 0;
        titled = titled || (k->lex & (LX_TITLE | LX_ROLE));
    }
    bool closed = t < d->ntok && (tok_is_punct(d, t, ',') || (d->tok[t].flags & TF_SENT_PUNCT));
    return titled && closed && t > f ? t - 1 : 0;
}

/* "Scott Pruitt, the attorney general of Oklahoma,": a phrase with a
 * title, right after a name and a comma, is a title. */
static bool apposition(ctx *c, firsts *fs, const ws_mention *m)
{
    const ws_doc *d = c->d;
    uint32_t k = m->last + 1;
    if (!tok_is_punct(d, k, ',') || k + 2 >= d->ntok)
        return true;
    uint32_t f = k + 1;
    if (d->tok[f].lex & LX_DET)
        f++;
    uint32_t l = apposition_end(d, f);
    if (l == 0)
        return true;
    for (uint32_t t = f; t < l; t++)
        if (of_word(d, t)) {
            if (!complement(c, fs, t, l))
                return false;
            break;
        }
    if (!add_title(c, fs->title, tok_span(d, f, l)))
        return false;
    return places_in(c, fs, f, l);
}

/* "James Pethokoukis of the American Enterprise Institute". */
static bool name_complement(ctx *c, firsts *fs, const ws_mention *m)
{
    const ws_doc *d = c->d;
    uint32_t t = m->last + 1;
    if (t + 1 >= d->ntok || !of_word(d, t))
        return true;
    uint32_t n = t + 1;
    if (d->tok[n].lex & LX_DET)
        n++;
    if (n >= d->ntok || d->tok[n].mention < 0)
        return true;
    const ws_mention *o = &d->m[d->tok[n].mention];
    if (o->kind != MK_NAME || o->first > n)
        return true;
    return complement(c, fs, t, o->last);
}

static bool read_mention(ctx *c, firsts *fs, const ws_mention *m)
{
    const ws_doc *d = c->d;
    if (!add_mention(c, m))
        return false;
    if (m->kind == MK_PRONOUN) {
        uint32_t lx = d->tok[m->first].lex;
        return !gender_of_lex(lx) || (lx & LX_FIRST_PERSON) ||
               add_evidence(c, m->first, WS_EVIDENCE_PRONOUN);
    }
    if (m->kind == MK_ROLE) {
        uint32_t lx = d->tok[m->last].lex;
        return !gender_of_lex(lx) || add_evidence(c, m->last, WS_EVIDENCE_TITLE);
    }
    if (m->label)
        return true;
    if (!fs->given && m->name < m->last && (d->tok[m->name].lex & LX_GIVEN) &&
        gender_of_lex(d->tok[m->name].lex)) {
        fs->given = true;
        if (!add_evidence(c, m->name, WS_EVIDENCE_GIVEN_NAME))
            return false;
    }
    return premodifiers(c, fs, m) && apposition(c, fs, m) && name_complement(c, fs, m);
}

/* The majority of pronouns, honorifics and titles; a given name ("Scott",
 * which some women bear) only when they say nothing. */
static ws_gender decide_gender(const ws_gender_evidence *ev, size_t n)
{
    size_t male = 0, female = 0, given_male = 0, given_female = 0;
    for (size_t k = 0; k < n; k++) {
        bool given = ev[k].kind == WS_EVIDENCE_GIVEN_NAME;
        size_t *m = given ? &given_male : &male, *f = given ? &given_female : &female;
        *m += ev[k].gender == WS_GENDER_MALE;
        *f += ev[k].gender == WS_GENDER_FEMALE;
    }
    if (male == female) {
        male = given_male;
        female = given_female;
    }
    return male > female ? WS_GENDER_MALE : female > male ? WS_GENDER_FEMALE : WS_GENDER_UNKNOWN;
}

/* Offsets into the flat arrays, turned into pointers once every array
 * has stopped moving. */
typedef struct runs {
    size_t men, titles, aff, ev;
} runs;

static bool profile(ctx *c, size_t sp, runs *at)
{
    struct ws_speakers *s = c->s;
    firsts fs = {s->ntitles, s->naff, false};
    at->men = s->nmen;
    at->titles = s->ntitles;
    at->aff = s->naff;
    at->ev = s->nev;
    size_t h = s->hon_start[sp], hend = s->hon_start[sp + 1];
    for (size_t k = s->start[sp]; k < s->start[sp + 1]; k++) {
        const ws_mention *m = &c->d->m[s->order[k]];
        /* honorifics inside quotations, in document order with the rest */
        for (; h < hend && s->hon[2 * s->hon_order[h]] < m->first; h++)
            if (!add_evidence(c, s->hon[2 * s->hon_order[h]], WS_EVIDENCE_HONORIFIC))
                return false;
        WS_WORK(c->d, 1);
        if (!read_mention(c, &fs, m))
            return false;
    }
    for (; h < hend; h++)
        if (!add_evidence(c, s->hon[2 * s->hon_order[h]], WS_EVIDENCE_HONORIFIC))
            return false;
    return true;
}

static bool group_honorifics(ctx *c)
{
    struct ws_speakers *s = c->s;
    if (!GROW(c, hon_order, caphonord, s->nhon) || !GROW(c, hon_start, caphonst, s->nsp + 1) ||
        !GROW(c, of_record, caprec, s->nhon))
        return false;
    /* of_record is free again (records are grouped): the keys */
    for (size_t k = 0; k < s->nhon; k++)
        s->of_record[k] = (int32_t)s->hon[2 * k + 1];
    bucket(s->of_record, s->nhon, s->nsp, s->hon_order, s->hon_start);
    return true;
}

static bool build_profiles(ctx *c)
{
    struct ws_speakers *s = c->s;
    s->nmen = s->ntitles = s->naff = s->nev = 0;
    size_t nsp = s->nsp;
    /* the arrays still grow: each run's start is kept as an offset in the
     * speaker's own pointer fields meanwhile */
    for (size_t k = 0; k < nsp; k++) {
        runs r;
        if (!profile(c, k, &r))
            return false;
        ws_speaker *p = &s->sp[k];
        p->mentions = (const ws_speaker_mention *)(uintptr_t)r.men;
        p->n_mentions = s->nmen - r.men;
        p->titles = (const ws_span *)(uintptr_t)r.titles;
        p->n_titles = s->ntitles - r.titles;
        p->affiliations = (const ws_affiliation *)(uintptr_t)r.aff;
        p->n_affiliations = s->naff - r.aff;
        p->evidence = (const ws_gender_evidence *)(uintptr_t)r.ev;
        p->n_evidence = s->nev - r.ev;
    }
    /* an array never grown is NULL, with nothing in it: NULL + 0 is
     * undefined, so its fields stay NULL (their counts are 0) */
    for (size_t k = 0; k < nsp; k++) {
        ws_speaker *p = &s->sp[k];
        p->mentions = s->men ? s->men + (uintptr_t)p->mentions : NULL;
        p->titles = s->titles ? s->titles + (uintptr_t)p->titles : NULL;
        p->affiliations = s->aff ? s->aff + (uintptr_t)p->affiliations : NULL;
        p->evidence = s->ev ? s->ev + (uintptr_t)p->evidence : NULL;
        p->quotes = s->qidx ? s->qidx + (uintptr_t)p->quotes : NULL;
        p->gender = decide_gender(p->evidence, p->n_evidence);
    }
    return true;
}

/* ===================================================================== */
/*  The API                                                              */
/* ===================================================================== */

static bool run(ctx *c)
{
    c->s->nsp = 0;
    return assign_records(c) && group_records(c) && assign_mentions(c) &&
           find_honorifics(c) && group_honorifics(c) && build_profiles(c);
}

ws_status ws_extract_speakers(ws_extractor *x, const ws_speaker **speakers,
                              size_t *count, ws_error *err)
{
    static const ws_speaker none[1];
    ws_last last;
    if (speakers)
        *speakers = none;
    if (count)
        *count = 0;
    if (!speakers || !count || !ws_extractor_last(x, &last)) {
        ws_set_error(err, WS_ERR_INVALID_ARG,
                     "NULL argument, or no successful ws_extract before", 0);
        return WS_ERR_INVALID_ARG;
    }
    if (!*last.speakers) {
        *last.speakers = ws_malloc(last.alloc, sizeof **last.speakers);
        if (!*last.speakers) {
            ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
            return WS_ERR_NOMEM;
        }
        memset(*last.speakers, 0, sizeof **last.speakers);
    }
    ctx c = {last.doc, last.quotes, last.sources, last.count, last.alloc, *last.speakers};
    if (!run(&c)) {
        c.s->nsp = 0;
        ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
        return WS_ERR_NOMEM;
    }
    *speakers = c.s->nsp ? c.s->sp : none;
    *count = c.s->nsp;
    ws_set_error(err, WS_OK, "ok", 0);
    return WS_OK;
}

/* ===================================================================== */
/*  JSON lines                                                           */
/* ===================================================================== */

static const char *kind_name(ws_speaker_kind k)
{
    return k == WS_SPEAKER_ORGANISATION ? "organisation" : k == WS_SPEAKER_PHRASE ? "phrase"
                                                                                  : "person";
}

static const char *gender_name(ws_gender g)
{
    return g == WS_GENDER_MALE ? "male" : g == WS_GENDER_FEMALE ? "female" : "unknown";
}

static const char *evidence_name(ws_evidence_kind k)
{
    switch (k) {
    case WS_EVIDENCE_PRONOUN: return "pronoun";
    case WS_EVIDENCE_HONORIFIC: return "honorific";
    case WS_EVIDENCE_TITLE: return "title";
    case WS_EVIDENCE_GIVEN_NAME: return "given-name";
    }
    return "unknown";
}

static const char *mention_name(ws_mention_kind k)
{
    return k == WS_MENTION_NAME ? "name" : k == WS_MENTION_PRONOUN ? "pronoun" : "role";
}

/* The opening of the k-th object of an array. */
static void out_item_open(out *o, size_t k)
{
    if (k)
        OUT_LITERAL(o, ",{");
    else
        OUT_LITERAL(o, "{");
}

/* "text":..,"start":..,"end":.. */
static void out_span_fields(out *o, const char *text, ws_span sp)
{
    OUT_LITERAL(o, "\"text\":");
    out_string(o, text + sp.start, sp.end - sp.start);
    OUT_LITERAL(o, ",\"start\":");
    out_size(o, sp.start);
    OUT_LITERAL(o, ",\"end\":");
    out_size(o, sp.end);
}

static void out_speaker(out *o, const char *text, const char *doc, size_t doc_len,
                        const ws_speaker *p)
{
    OUT_LITERAL(o, "{\"doc\":");
    if (doc)
        out_string(o, doc, doc_len);
    else
        OUT_LITERAL(o, "null");
    OUT_LITERAL(o, ",\"speaker\":");
    out_name_text(o, text, p->name);
    OUT_LITERAL(o, ",\"start\":");
    out_size(o, p->name.start);
    OUT_LITERAL(o, ",\"end\":");
    out_size(o, p->name.end);
    OUT_LITERAL(o, ",\"kind\":\"");
    out_bytes(o, kind_name(p->kind), strlen(kind_name(p->kind)));
    OUT_LITERAL(o, "\",\"gender\":\"");
    out_bytes(o, gender_name(p->gender), strlen(gender_name(p->gender)));
    OUT_LITERAL(o, "\",\"quotes\":{\"direct\":");
    out_size(o, p->quotes_direct);
    OUT_LITERAL(o, ",\"indirect\":");
    out_size(o, p->quotes_indirect);
    OUT_LITERAL(o, ",\"total\":");
    out_size(o, p->n_quotes);
    OUT_LITERAL(o, ",\"records\":[");
    for (size_t k = 0; k < p->n_quotes; k++) {
        if (k)
            OUT_LITERAL(o, ",");
        out_size(o, p->quotes[k]);
    }
    OUT_LITERAL(o, "]},\"titles\":[");
    for (size_t k = 0; k < p->n_titles; k++) {
        out_item_open(o, k);
        out_span_fields(o, text, p->titles[k]);
        OUT_LITERAL(o, "}");
    }
    OUT_LITERAL(o, "],\"affiliations\":[");
    for (size_t k = 0; k < p->n_affiliations; k++) {
        out_item_open(o, k);
        out_span_fields(o, text, p->affiliations[k].span);
        if (p->affiliations[k].kind == WS_AFFILIATION_PLACE)
            OUT_LITERAL(o, ",\"kind\":\"place\"}");
        else
            OUT_LITERAL(o, ",\"kind\":\"organisation\"}");
    }
    OUT_LITERAL(o, "],\"gender_evidence\":[");
    for (size_t k = 0; k < p->n_evidence; k++) {
        const ws_gender_evidence *e = &p->evidence[k];
        out_item_open(o, k);
        out_span_fields(o, text, e->span);
        OUT_LITERAL(o, ",\"kind\":\"");
        out_bytes(o, evidence_name(e->kind), strlen(evidence_name(e->kind)));
        OUT_LITERAL(o, "\",\"gender\":\"");
        out_bytes(o, gender_name(e->gender), strlen(gender_name(e->gender)));
        OUT_LITERAL(o, "\"}");
    }
    OUT_LITERAL(o, "],\"mentions\":[");
    for (size_t k = 0; k < p->n_mentions; k++) {
        out_item_open(o, k);
        out_span_fields(o, text, p->mentions[k].span);
        OUT_LITERAL(o, ",\"kind\":\"");
        out_bytes(o, mention_name(p->mentions[k].kind), strlen(mention_name(p->mentions[k].kind)));
        OUT_LITERAL(o, "\"}");
    }
    OUT_LITERAL(o, "]}\n");
}

static bool span_ok(ws_span sp, size_t len)
{
    return sp.start <= sp.end && sp.end <= len;
}

/* Every span must lie on the text: checked before anything is written. */
static bool speaker_ok(const ws_speaker *p, size_t len)
{
    bool ok = span_ok(p->name, len);
    for (size_t k = 0; ok && k < p->n_titles; k++)
        ok = span_ok(p->titles[k], len);
    for (size_t k = 0; ok && k < p->n_affiliations; k++)
        ok = span_ok(p->affiliations[k].span, len);
    for (size_t k = 0; ok && k < p->n_evidence; k++)
        ok = span_ok(p->evidence[k].span, len);
    for (size_t k = 0; ok && k < p->n_mentions; k++)
        ok = span_ok(p->mentions[k].span, len);
    return ok;
}

ws_status ws_write_speakers(const char *text, size_t len, const char *doc, size_t doc_len,
                            const ws_speaker *speakers, size_t count,
                            ws_write_fn write, void *wctx, uint64_t *replaced, ws_error *err)
{
    if (!write || (!text && len) || (!speakers && count)) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL text, speakers or write function", 0);
        return WS_ERR_INVALID_ARG;
    }
    for (size_t k = 0; k < count; k++)
        if (!speaker_ok(&speakers[k], len)) {
            ws_set_error(err, WS_ERR_INVALID_ARG, "speaker span outside the text or reversed",
                         speakers[k].name.start);
            return WS_ERR_INVALID_ARG;
        }
    out o;
    out_init(&o, write, wctx);
    for (size_t k = 0; k < count && !o.failed; k++)
        out_speaker(&o, text ? text : "", doc, doc_len, &speakers[k]);
    out_flush(&o);
    if (replaced)
        *replaced += o.replaced;
    if (o.failed) {
        ws_set_error(err, WS_ERR_WRITE, "the write function reported failure", 0);
        return WS_ERR_WRITE;
    }
    return WS_OK;
}

ws_status ws_speakers_write_jsonl(const char *text, size_t len, const char *doc, size_t doc_len,
                                  const ws_speaker *speakers, size_t count,
                                  ws_write_fn write, void *wctx, ws_error *err)
{
    return ws_write_speakers(text, len, doc, doc_len, speakers, count, write, wctx, NULL, err);
}
