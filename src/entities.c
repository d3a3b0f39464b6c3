/*
 * Stage: coreference. One canonical speaker per person per document.
 *
 * Pass 1 makes an entity of every full name (two or more name tokens),
 * keyed by given name and surname, so "Pete Hegseth" and "Secretary of
 * Defense Pete Hegseth" are one entity whose canonical name is the fullest
 * form. Pass 2 walks the mentions in document order keeping salience (the
 * latest subject and latest mention of each entity): a bare surname goes
 * to the most recently mentioned entity of that surname, a pronoun to the
 * latest compatible subject (the seed's "she explained" reaches back past
 * a "CLICK HERE" line to Dovile Sakaliene), a definite role phrase ("the
 * secretary") to the latest person holding that title.
 *
 * Every search runs over at most WS_MAX_ENTITIES entities: linear time.
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Entities                                                             */
/* ===================================================================== */

static uint32_t tok_hash(const ws_doc *d, uint32_t t)
{
    return ws_hash_folded(d->text + d->tok[t].start, d->tok[t].end - d->tok[t].start);
}

/* Where the canonical name starts: after the titles; but an
 * organisation keeps its article ("the Pentagon", "The New York Times"). */
static uint32_t canonical_first(const ws_doc *d, const ws_mention *m)
{
    if (m->org && m->name == m->first + 1 && (d->tok[m->first].lex & LX_DEFINITE))
        return m->first;
    if (m->org && m->name == m->first && m->first > 0 && (d->tok[m->first - 1].lex & LX_DEFINITE) &&
        d->tok[m->first - 1].mention == d->tok[m->first].mention)
        return m->first - 1;
    return m->name;
}

/* Is the name a bare surname with its particle ("von der Leyen")? */
static bool particle_surname(const ws_doc *d, const ws_mention *m)
{
    return (d->tok[m->name].lex & LX_PARTICLE) && (d->tok[m->name].flags & TF_LOWER);
}

/* The last title before the name: "Secretary" in "Secretary of State
 * Anne Morrow", so that "the secretary" finds her. */
static uint32_t title_word(const ws_doc *d, const ws_mention *m)
{
    /* "area coroner Dr Miriam Holt": the office ("coroner", a role) is
     * what "the coroner" later finds her by, not the honorific before
     * the name; failing an office, the last title */
    uint32_t last = UINT32_MAX;
    for (uint32_t k = m->name; k > m->first; k--) {
        uint32_t lx = d->tok[k - 1].lex;
        if ((lx & LX_TITLE) && (lx & LX_ROLE))
            return k - 1;
        if ((lx & (LX_TITLE | LX_ROLE)) && last == UINT32_MAX)
            last = k - 1;
    }
    return last;
}

static bool same_word(const ws_doc *d, uint32_t a, uint32_t b)
{
    uint32_t la = d->tok[a].end - d->tok[a].start, lb = d->tok[b].end - d->tok[b].start;
    if (la != lb)
        return false;
    for (uint32_t i = 0; i < la; i++)
        if ((d->text[d->tok[a].start + i] | 0x20) != (d->text[d->tok[b].start + i] | 0x20))
            return false;
    return true;
}

/* A phrase's head: the role word before its complement ("A spokesperson
 * for the Environment Agency" is a spokesperson), or its last word. */
static uint32_t phrase_head(const ws_doc *d, uint32_t first, uint32_t last)
{
    for (uint32_t k = first; k < last; k++)
        if ((d->tok[k].lex & LX_ROLE) && (d->tok[k + 1].flags & TF_LOWER) &&
            (ws_word_is(d, k + 1, "for") || ws_word_is(d, k + 1, "of") || ws_word_is(d, k + 1, "in") ||
             ws_word_is(d, k + 1, "at")))
            return k;
    return last;
}

/* A name's surname: its last word, or the word before a generational
 * suffix ("Marcus Ellery Jr." is an Ellery, so "Ellery" later is he and
 * not "Renee Ellery", his mother; synthetic dev q, Kansas City Star). */
static bool generational_suffix(const ws_doc *d, uint32_t t)
{
    static const char *const SUFFIXES[] = {"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"};
    return ws_word_among(d, t, SUFFIXES, sizeof SUFFIXES / sizeof SUFFIXES[0]);
}

static uint32_t surname_tok(const ws_doc *d, const ws_mention *m)
{
    uint32_t t = m->last;
    if (m->kind == MK_NAME && t > m->name + 1 && generational_suffix(d, t))
        return t - 1;
    return t;
}

static int32_t new_entity(ws_doc *d, const ws_mention *m)
{
    if (d->ne >= WS_MAX_ENTITIES)
        return -1;
    if (!ws_grow(d->alloc, (void **)&d->e, &d->cape, d->ne + 1, sizeof *d->e))
        return -2;
    ws_entity *e = &d->e[d->ne];
    memset(e, 0, sizeof *e);
    e->canon_first = canonical_first(d, m);
    e->canon_last = m->last;
    e->ntok = m->last - m->name + 1;
    e->key_tok = surname_tok(d, m);
    e->key_hash = tok_hash(d, e->key_tok);
    e->given_hash = tok_hash(d, m->name);
    e->given_tok = m->name;
    e->title_tok = title_word(d, m);
    e->last_subject = e->last_mention = -1;
    e->first_tok = m->first;
    e->alias_tok = UINT32_MAX;
    e->gender = m->gender;
    e->gender_named = m->kind == MK_NAME && (m->gender == G_MALE || m->gender == G_FEMALE);
    e->named_as = -1;
    e->head_tok = m->kind != MK_NAME ? phrase_head(d, m->first, m->last) : m->last;
    e->org = m->org;
    e->phrase = m->kind != MK_NAME;
    return (int32_t)d->ne++;
}

static bool is_person(const ws_entity *e)
{
    return !e->org && !e->phrase;
}

/* A name that a pronoun, an honorific or a given name made a person. */
static bool is_person_named(const ws_doc *d, const ws_entity *e)
{
    return !e->org && (e->gender == G_MALE || e->gender == G_FEMALE || (d->tok[e->given_tok].lex & LX_GIVEN));
}

/* Record what a mention tells about its entity. */
static void absorb(ws_doc *d, ws_entity *e, const ws_mention *m)
{
    if (m->kind == MK_NAME && m->last - m->name + 1 > e->ntok) {
        e->canon_first = canonical_first(d, m);
        e->canon_last = m->last;
        e->ntok = m->last - m->name + 1;
    }
    /* "NSW Treasurer Daniel Okafor ... Mr Okafor ... The Treasurer told":
     * an honorific (a gendered title that heads no role) keeps the office
     * a role finds the person by (synth-k, Sydney Morning Herald style) */
    uint32_t tw = m->kind == MK_NAME ? title_word(d, m) : UINT32_MAX;
    bool honorific = tw != UINT32_MAX && (d->tok[tw].lex & (LX_MALE | LX_FEMALE)) && !(d->tok[tw].lex & LX_ROLE);
    if (tw != UINT32_MAX && !(honorific && e->title_tok != UINT32_MAX))
        e->title_tok = tw;
    if (!e->gender && (m->gender == G_MALE || m->gender == G_FEMALE)) {
        e->gender = m->gender;
        e->gender_named = m->kind == MK_NAME;
    } else if (m->kind == MK_NAME && m->gender == e->gender && (m->gender == G_MALE || m->gender == G_FEMALE)) {
        e->gender_named = true; /* a pronoun said it first, a name confirms it */
    }
    if (m->credit)
        return;
    e->last_mention = (int32_t)m->first;
    if (m->subject && !m->embedded)
        e->last_subject = (int32_t)m->first;
}

/* ===================================================================== */
/*  Pass 1: full names                                                   */
/* ===================================================================== */

/* Is entity k mentioned after entity best (or is there no best yet)?
 * Every salience choice in this file keeps the latest candidate. */
static bool mentioned_later(const ws_doc *d, int32_t best, size_t k)
{
    return best < 0 || d->e[k].last_mention > d->e[best].last_mention;
}

static uint32_t tok_len(const ws_doc *d, uint32_t t)
{
    return d->tok[t].end - d->tok[t].start;
}

/* "Josh" and "Joshua", "Chris" and "Christopher": one given name the
 * short form of the other, the way a reporter shortens it on second
 * mention, so that one person is one speaker (issue 14, point 11). The
 * short form has three letters at least ("Al" is too many people's), and
 * the long one adds two or more: a single added letter is most often
 * another person's name, "Daniel"/"Daniela", "Paul"/"Paula". */
static bool given_variant(const ws_doc *d, uint32_t a, uint32_t b)
{
    uint32_t la = tok_len(d, a), lb = tok_len(d, b);
    uint32_t shorter = la < lb ? la : lb, longer = la < lb ? lb : la;
    if (shorter < 3 || longer < shorter + 2)
        return false;
    return memcmp(d->text + d->tok[a].start, d->text + d->tok[b].start, shorter) == 0;
}

static bool genders_clash(uint8_t a, uint8_t b)
{
    return (a == G_MALE && b == G_FEMALE) || (a == G_FEMALE && b == G_MALE);
}

/* The entity of a full name: the same given name and surname (a middle
 * name or initial between them does not matter), or the same surname with
 * a short form of the given name and no clash of gender. */
static int32_t find_full(const ws_doc *d, const ws_mention *m)
{
    uint32_t surname = surname_tok(d, m), given = tok_hash(d, m->name), key = tok_hash(d, surname);
    int32_t variant = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->ntok < 2 || e->key_hash != key || e->org || !same_word(d, e->key_tok, surname))
            continue;
        /* "Donald Trump Jr." is not "Donald Trump": the suffixes agree */
        bool e_suffix = e->canon_last > e->canon_first + 1 && generational_suffix(d, e->canon_last);
        bool m_suffix = m->last != surname;
        if (e_suffix != m_suffix || (m_suffix && !same_word(d, e->canon_last, m->last)))
            continue;
        if (e->given_hash == given && same_word(d, e->given_tok, m->name))
            return (int32_t)k;
        if (variant < 0 && given_variant(d, e->given_tok, m->name) &&
            !genders_clash(e->gender, m->gender))
            variant = (int32_t)k;
    }
    return variant;
}

/* The fuller of two names of one length in tokens: "Joshua Apte" over
 * "Josh Apte" (FORMAT.md: the fullest name the document gives). */
static bool fuller_name(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    uint32_t n = m->last - m->name + 1;
    if (n != e->ntok)
        return n > e->ntok;
    return d->tok[m->last].end - d->tok[m->name].start >
           d->tok[e->canon_last].end - d->tok[e->canon_first].start;
}

/* A person the text has named in full whose surname is token t, the
 * latest mentioned; -1 for none. */
static int32_t person_with_surname(const ws_doc *d, uint32_t t)
{
    uint32_t h = tok_hash(d, t);
    int32_t best = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->ntok >= 2 && is_person(e) && e->key_hash == h && same_word(d, e->key_tok, t) &&
            mentioned_later(d, best, k))
            best = (int32_t)k;
    }
    return best;
}

/* "the Argentine Schwartzman", "the 14th-ranked Schwartzman", "the
 * Spaniard Nadal": a name after "the" with no title between is no full
 * name (English gives a person's name no article) but a described
 * surname: the person of that surname, when the text has named one. */
static int32_t described_surname(const ws_doc *d, const ws_mention *m)
{
    bool after_the = m->kind == MK_NAME ? m->name == m->first + 1 && m->name < m->last
                                        : m->last > m->first;
    if (!after_the || m->org || !(d->tok[m->first].lex & LX_DEFINITE) ||
        !(d->tok[m->last].flags & TF_CAP) || d->tok[m->last].kind != TK_WORD)
        return -1;
    return person_with_surname(d, m->last);
}

/* "Customs and Border Protection (CBP)", "Sierra Nevada Corporation
 * (SNC)": an acronym in parentheses right after a name, spelling the
 * initials of its capitalised words, names the same organisation later.
 * Returns the acronym's token, or UINT32_MAX. */
static uint32_t initials_end_at(const ws_doc *d, uint32_t last, const char *acr, uint32_t n);
static bool initials_reordered(const ws_doc *d, const ws_mention *m, const char *acr, uint32_t n);

static uint32_t acronym_after(const ws_doc *d, const ws_mention *m)
{
    uint32_t a = m->last + 2;
    if (a + 1 >= d->ntok || !tok_is_punct(d, m->last + 1, '(') || !tok_is_punct(d, a + 1, ')') ||
        d->tok[a].kind != TK_WORD || !(d->tok[a].flags & TF_ALLCAPS))
        return UINT32_MAX;
    const char *acr = d->text + d->tok[a].start;
    uint32_t n = d->tok[a].end - d->tok[a].start;
    if (initials_end_at(d, m->last, acr, n) != UINT32_MAX)
        return a;
    return m->org && initials_reordered(d, m, acr, n) ? a : UINT32_MAX;
}

/* The initials of the capitalised words ending at token last, read
 * backwards (last word first) into initials[0..cap); *first is the run's
 * first token. Returns how many. */
static uint32_t initials_before(const ws_doc *d, uint32_t last, char *initials, uint32_t cap, uint32_t *first)
{
    uint32_t ni = 0;
    *first = last;
    for (uint32_t k = last + 1; k-- > 0 && ni < cap && last - k < WS_MAX_PHRASE_TOKENS;) {
        const ws_token *t = &d->tok[k];
        WS_WORK(d, 1);
        if (t->kind == TK_WORD && (t->flags & TF_CAP)) {
            initials[ni++] = d->text[t->start];
            *first = k;
        } else if (!(t->kind == TK_WORD && (t->flags & TF_LOWER) && (t->lex & (LX_CONJ | LX_OF | LX_FOR)))) {
            break;
        }
    }
    return ni;
}

/* Do the capitalised words ending at token last, read backwards over
 * "and", "of", "for" ("Customs and Border Protection": a name run stops
 * at "and"), spell the acronym acr[0..n)? Returns the run's first token,
 * or UINT32_MAX. */
static uint32_t initials_end_at(const ws_doc *d, uint32_t last, const char *acr, uint32_t n)
{
    char initials[WS_MAX_PHRASE_TOKENS];
    uint32_t first;
    uint32_t ni = initials_before(d, last, initials, n < WS_MAX_PHRASE_TOKENS ? n : WS_MAX_PHRASE_TOKENS, &first);
    if (ni != n || n < 2)
        return UINT32_MAX;
    for (uint32_t i = 0; i < n; i++)
        if (initials[n - 1 - i] != acr[i])
            return UINT32_MAX;
    return first;
}

/* "The National Electoral Council (CNE)": an organisation's acronym
 * from its own language orders the same initials otherwise (Consejo
 * Nacional Electoral; synthetic dev m). The letters of acr[0..n) are
 * the initials of m's whole name, each as often. */
static bool initials_reordered(const ws_doc *d, const ws_mention *m, const char *acr, uint32_t n)
{
    char initials[WS_MAX_PHRASE_TOKENS];
    uint32_t first;
    if (n < 3 || n > WS_MAX_PHRASE_TOKENS)
        return false;
    uint32_t ni = initials_before(d, m->last, initials, n, &first);
    if (ni != n || first != m->name)
        return false;
    unsigned count[26] = {0};
    for (uint32_t i = 0; i < n; i++) {
        unsigned a = (unsigned char)acr[i] - 'A', b = (unsigned char)initials[i] - 'A';
        if (a >= 26 || b >= 26)
            return false;
        count[a]++;
        count[b]--;
    }
    for (unsigned c = 0; c < 26; c++)
        if (count[c])
            return false;
    return true;
}

static bool collect_full_names(ws_doc *d)
{
    for (size_t k = 0; k < d->nm; k++) {
        ws_mention *m = &d->m[k];
        WS_WORK(d, 1);
        if (m->kind != MK_NAME || m->last == m->name || particle_surname(d, m))
            continue;
        int32_t e = described_surname(d, m);
        if (e >= 0) {
            m->entity = e;
            continue;
        }
        e = find_full(d, m);
        if (e < 0)
            e = new_entity(d, m);
        if (e == -2)
            return false;
        if (e >= 0 && fuller_name(d, &d->e[e], m)) {
            d->e[e].canon_first = canonical_first(d, m);
            d->e[e].canon_last = m->last;
            d->e[e].ntok = m->last - m->name + 1;
        }
        if (e >= 0 && !d->e[e].gender) {
            d->e[e].gender = m->gender;
            d->e[e].gender_named = m->gender == G_MALE || m->gender == G_FEMALE;
        }
        if (e >= 0 && d->e[e].alias_tok == UINT32_MAX)
            d->e[e].alias_tok = acronym_after(d, m);
        m->entity = e;
    }
    return true;
}

/* ===================================================================== */
/*  Pass 2: salience                                                     */
/* ===================================================================== */

/* A bare name: the latest entity with that surname, else that given name
 * ("Hillary" for Hillary Clinton). */
/* Do the capitalised words of the entity's name begin with the letters
 * of the acronym at t ("CBP" and "Customs and Border Protection"; a
 * leading "U.S." may stand before them)? */
static bool acronym_of(const ws_doc *d, const ws_entity *e, uint32_t t)
{
    /* "PG&E" for "Pacific Gas & Electric Co.": the ampersand spells no
     * initial, and a closing "Co." or "Inc." is no word of the acronym */
    char a[WS_MAX_NAME_TOKENS + 1];
    uint32_t n = 0, at = 0;
    for (uint32_t k = d->tok[t].start; k < d->tok[t].end && n < WS_MAX_NAME_TOKENS; k++)
        if (d->text[k] != '&')
            a[n++] = d->text[k];
    if (n == WS_MAX_NAME_TOKENS)
        return false;
    char initials[WS_MAX_NAME_TOKENS + 1];
    uint32_t ni = 0;
    for (uint32_t k = e->canon_first; k <= e->canon_last && ni < WS_MAX_NAME_TOKENS; k++) {
        WS_WORK(d, 1);
        if (d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_CAP) && !(d->tok[k].lex & LX_DET))
            initials[ni++] = d->text[d->tok[k].start]; /* not "The" */
    }
    if (ni == n + 1 && d->tok[e->canon_first].kind == TK_WORD && (d->tok[e->canon_first].flags & TF_ABBREV))
        at = 1;
    else if (ni == n + 1 && (d->tok[e->canon_last].flags & TF_ABBREV) && (d->tok[e->canon_last].lex & LX_ORG))
        ni--;
    if (ni - at != n)
        return false;
    for (uint32_t k = 0; k < n; k++)
        if (initials[at + k] != a[k])
            return false;
    return true;
}

static int32_t match_single_name(const ws_doc *d, uint32_t t, uint8_t says)
{
    uint32_t h = tok_hash(d, t);
    int32_t best = -1, best_given = -1, other = -1, org_first = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        /* most entities share neither hash nor an alias: turned away at once */
        if (e->key_hash != h && e->given_hash != h && e->alias_tok == UINT32_MAX)
            continue;
        /* "Hoshino Electric Industries ... Hoshino said it expects": an
         * organisation mentioned already, its name's first word */
        if (e->org && !e->phrase && e->ntok >= 2 && e->last_mention >= 0 && e->given_hash == h &&
            same_word(d, e->given_tok, t) && mentioned_later(d, org_first, k))
            org_first = (int32_t)k;
        /* a phrase's last word is its head noun, no surname: "Officials
         * said" is not "multiple government officials" */
        if (!e->phrase && e->key_hash == h && same_word(d, e->key_tok, t)) {
            /* "Tom and Rebecca Barnard ... Mr Barnard said", "Tom Barnard
             * ... Mrs Barnard": the honorific decides (issue 12, point 2);
             * a namesake a given name or honorific gave the other gender
             * is someone else (his wife is often "Mrs Barnard" alone). One
             * only a pronoun gave it is still a candidate when no other
             * is (the pronoun may have been misread). */
            bool other_gender = (says == G_MALE || says == G_FEMALE) &&
                                (e->gender == G_MALE || e->gender == G_FEMALE) && e->gender != says;
            if (other_gender && e->gender_named)
                continue;
            if (other_gender) {
                if (mentioned_later(d, other, k))
                    other = (int32_t)k;
                continue;
            }
            if (mentioned_later(d, best, k))
                best = (int32_t)k;
        }
        /* "CBP said", after "Customs and Border Protection (CBP)" */
        if (e->alias_tok != UINT32_MAX && same_word(d, e->alias_tok, t) && mentioned_later(d, best, k))
            best = (int32_t)k;
        /* "CBP" is no given name of "the CBP McAllen facility" */
        if (e->given_hash == h && e->ntok >= 2 && !e->org && best_given < 0 &&
            !(d->tok[e->given_tok].flags & TF_ALLCAPS) && same_word(d, e->given_tok, t))
            best_given = (int32_t)k;
    }
    if (best < 0 && best_given < 0 && (d->tok[t].flags & TF_ALLCAPS) && tok_len(d, t) >= 2 &&
        tok_len(d, t) < WS_MAX_NAME_TOKENS) {
        /* "CBP custody" after "Customs and Border Protection", with no
         * "(CBP)" to say so: the initials of a name the text gave */
        for (size_t k = 0; k < d->ne; k++) {
            const ws_entity *e = &d->e[k];
            if (!e->phrase && e->ntok >= 2 && acronym_of(d, e, t) && mentioned_later(d, best, k))
                best = (int32_t)k;
        }
    }
    if (best < 0 && best_given < 0)
        return other >= 0 ? other : org_first;
    /* a person of that surname the text names only later ("President
     * Takuya Hoshino told reporters" a paragraph on) is not yet the one
     * meant: the organisation named before is (synthetic dev q, Nikkei) */
    if (best >= 0 && d->e[best].last_mention < 0 && org_first >= 0)
        return org_first;
    return best >= 0 ? best : best_given;
}

static bool gender_fits(const ws_entity *e, uint8_t g)
{
    if (g == G_NEUTER)
        return e->org && e->gender != G_PLURAL; /* not "police" */
    if (g == G_PLURAL)
        return e->org || (e->phrase && e->gender == G_PLURAL);
    if (!is_person(e) && !(e->phrase && e->gender == g))
        return false;
    return e->gender == G_UNKNOWN || e->gender == g;
}

static bool recent_enough(const ws_doc *d, int32_t tok, uint32_t para)
{
    return tok >= 0 && para - d->tok[tok].para <= WS_MAX_SALIENCE_PARAGRAPHS;
}

/* The latest entity that fits, as subject first; failing that, the
 * latest mention; both within the salience window. */
typedef bool (*entity_fits)(const ws_doc *d, const ws_entity *e, const ws_mention *m);

static int32_t latest_in_focus(const ws_doc *d, const ws_mention *m, entity_fits fits)
{
    uint32_t para = d->tok[m->first].para;
    int32_t best = -1, best_any = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        /* out of the window first: most entities are, and the test is
         * cheaper than fits */
        if (!recent_enough(d, e->last_mention, para) && !recent_enough(d, e->last_subject, para))
            continue;
        if (!fits(d, e, m))
            continue;
        if (recent_enough(d, e->last_subject, para) &&
            (best < 0 || e->last_subject > d->e[best].last_subject))
            best = (int32_t)k;
        if (recent_enough(d, e->last_mention, para) && mentioned_later(d, best_any, k))
            best_any = (int32_t)k;
    }
    /* a subject paragraphs before the latest mention that fits yields to
     * it: "When Patrick walked in, ... as he apologized. | "Don't mind
     * me!" he told them." is Patrick, not the dateline's place */
    if (best >= 0 && best_any >= 0 && best_any != best &&
        d->tok[d->e[best_any].last_mention].para > d->tok[d->e[best].last_subject].para)
        return best_any;
    return best >= 0 ? best : best_any;
}

/* "When I asked one senior White House aide about her influence, he
 * laughed": a person's role of no stated gender is "he" or "she", when
 * it is the latest in focus (synth-j, The Atlantic style). */
static bool role_pronoun_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    return (m->gender == G_MALE || m->gender == G_FEMALE) && e->phrase && !e->org && e->gender == G_UNKNOWN &&
           (d->tok[e->head_tok].lex & LX_ROLE) && !(d->tok[e->head_tok].lex & (LX_DOCUMENT | LX_ORG | LX_PLURAL));
}

/* The latest compatible subject; failing that, the latest mention. */
static bool pronoun_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    /* "The memo ... was written by senior civil servants. It states
     * that ...": "it" is also a written source's phrase (synth-j) */
    if (gender_fits(e, m->gender))
        return true;
    if (!e->phrase)
        return false; /* most entities: names that do not fit */
    if (m->gender == G_NEUTER)
        return e->gender != G_PLURAL && (d->tok[e->head_tok].lex & LX_DOCUMENT);
    return role_pronoun_fits(d, e, m);
}

/* "Devon and Somerset Fire and Rescue Service said ... One neighbour
 * ... “Q,” she said": a place is never "he" or "she". Tested on the
 * choice only (a search): rarely does the choice fall on one. */
static bool place_for_person(const ws_doc *d, int32_t e, const ws_mention *m)
{
    return e >= 0 && (m->gender == G_MALE || m->gender == G_FEMALE) && !d->e[e].gender &&
           ws_place_token(d, d->e[e].key_tok);
}

static bool pronoun_fits_no_place(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    return pronoun_fits(d, e, m) && !(!e->gender && ws_place_token(d, e->key_tok));
}

static int32_t resolve_pronoun(const ws_doc *d, const ws_mention *m)
{
    int32_t e = latest_in_focus(d, m, pronoun_fits);
    return place_for_person(d, e, m) ? latest_in_focus(d, m, pronoun_fits_no_place) : e;
}


/* "the secretary": the latest person whose title is that word; failing
 * one, the first person named with that title further on, within the
 * salience window ("China's ambassador to Britain warned ..." and two
 * paragraphs later "China's ambassador to Britain Liu Xiaming has said":
 * news writes the role first and the name when it comes to it). */
static int32_t resolve_role(const ws_doc *d, const ws_mention *m)
{
    uint32_t head = m->last, para = d->tok[m->first].para;
    uint32_t reach = WS_MAX_SALIENCE_PARAGRAPHS + (para < WS_HEADLINE_PARAGRAPHS ? WS_HEADLINE_PARAGRAPHS : 0);
    int32_t best = -1, ahead = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (!is_person(e) || e->title_tok == UINT32_MAX || !same_word(d, e->title_tok, head))
            continue;
        if (e->last_mention >= 0 && mentioned_later(d, best, k))
            best = (int32_t)k;
        if (e->last_mention < 0 && e->first_tok > m->last &&
            d->tok[e->first_tok].para - para <= reach &&
            (ahead < 0 || e->first_tok < d->e[ahead].first_tok))
            ahead = (int32_t)k;
    }
    return best >= 0 ? best : ahead;
}

/* Does a capitalised word before entity e's office equal the word at
 * t? "Westbridge United manager Sean Harcourt": "Westbridge". */
static bool office_names_word(const ws_doc *d, const ws_entity *e, uint32_t t)
{
    uint32_t k = e->title_tok;
    for (uint32_t n = 0; k > 0 && n < WS_MAX_OFFICE_NAME_WORDS; n++) {
        WS_WORK(d, 1);
        k--;
        const ws_token *w = &d->tok[k];
        if (w->kind != TK_WORD || !(w->flags & TF_CAP) || (w->lex & (LX_DET | LX_FUNC)))
            return false;
        if (same_word(d, k, t))
            return true;
    }
    return false;
}

/* "the Westbridge boss", "the Labour leader": every word between "the"
 * and the head is capitalised; the person of that club's, party's or
 * firm's office, whatever word the office is given. */
static bool office_modifier_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    if (!is_person(e) || e->title_tok == UINT32_MAX)
        return false;
    for (uint32_t t = m->first + 1; t < m->last; t++)
        if (office_names_word(d, e, t))
            return true;
    return false;
}

static bool capitalised_modifiers(const ws_doc *d, const ws_mention *m)
{
    if (m->last < m->first + 2 || !ws_word_is(d, m->first, "the") || !(d->tok[m->last].flags & TF_LOWER))
        return false;
    for (uint32_t t = m->first + 1; t < m->last; t++)
        if (d->tok[t].kind != TK_WORD || !(d->tok[t].flags & TF_CAP) || ws_place_token(d, t))
            return false;
    return true;
}

/* "Westbridge United manager Sean Harcourt ... The Westbridge boss was
 * also asked": a role named by the organisation of someone's office is
 * that person, in focus, though the office has another word (synthetic
 * dev l, BBC Sport); it comes before the title's holder, who may hold
 * the same office elsewhere ("Villa boss Lucas Ferreira"). */
static int32_t office_holder_in_focus(const ws_doc *d, const ws_mention *m)
{
    if (m->org || !capitalised_modifiers(d, m))
        return -1;
    return latest_in_focus(d, m, office_modifier_fits);
}

/* "the company", "the club", "the agency" (issue 12, point 1): the
 * organisation the text named last, within the salience window. An
 * entity is taken for an organisation when its name says so (LX_ORG);
 * failing one, a name that no pronoun, honorific or given name made a
 * person ("Tyvak Nano-Satellite Systems", "GateHouse"). */
/* Does the entity's name hold the word at t, in the singular or the
 * plural ("the coalition" / "WeWorkers Coalition", "the doctors" /
 * "Doctors for Camp Closure", "the museum" / "the Bardo Museum")? */
static bool name_holds_head(const ws_doc *d, const ws_entity *e, uint32_t t)
{
    uint32_t lt = tok_len(d, t);
    const char *w = d->text + d->tok[t].start;
    for (uint32_t k = e->canon_first; k <= e->canon_last; k++) {
        WS_WORK(d, 1);
        uint32_t lk = tok_len(d, k);
        const char *v = d->text + d->tok[k].start;
        uint32_t n = lk < lt ? lk : lt;
        if ((lk == lt || lk + 1 == lt || lt + 1 == lk) && n >= 4 && (v[0] | 0x20) == (w[0] | 0x20) &&
            memcmp(v + 1, w + 1, n - 1) == 0 &&
            (lk == lt || (lk > lt ? v[lk - 1] : w[lt - 1]) == 's'))
            return true;
    }
    return false;
}

/* "Russia's foreign ministry", "the French foreign ministry": a role
 * with a proper modifier of its own says which organisation it is, so it
 * is not the organisation named last. */
/* "according to the provincial disaster management authority", "the
 * state health department": two plain words or more before the head,
 * no participle among them ("the embattled company" is the one named
 * before), describe an office whole; it is its own speaker, not the
 * organisation named last ("Kalam river", synthetic dev x, Al Jazeera). */
static bool described_at_length(const ws_doc *d, const ws_mention *m)
{
    /* a business is described by what it makes ("the social media
     * company", "the electric car maker"): that is the one named before */
    static const char *const BUSINESSES[] = {"company", "firm", "maker", "carmaker", "automaker", "chipmaker",
                                             "drugmaker", "giant", "group", "chain", "retailer", "startup",
                                             "business", "lender", "insurer", "manufacturer", "supplier"};
    if (ws_word_among(d, m->last, BUSINESSES, sizeof BUSINESSES / sizeof BUSINESSES[0]))
        return false;
    uint32_t plain = 0;
    for (uint32_t k = m->first + 1; k < m->last; k++) {
        const ws_token *w = &d->tok[k];
        if (w->kind != TK_WORD || !(w->flags & TF_LOWER) || (w->lex & (LX_DET | LX_FUNC | LX_PREP | LX_OF)) ||
            ws_tok_ends_with(d, w, "ed", 3) || ws_tok_ends_with(d, w, "ing", 4))
            return false;
        plain++;
    }
    return plain >= 2 && (d->tok[m->first].lex & LX_DET);
}

static bool names_its_own(const ws_doc *d, const ws_mention *m)
{
    if (described_at_length(d, m))
        return true;
    uint32_t from = m->first;
    for (uint32_t k = m->first; k < m->last; k++)
        if (ws_tok_ends_with(d, &d->tok[k], "-based", 6))
            from = k + 1; /* "the San Jose, California-based company" */
    for (uint32_t k = from; k < m->last; k++) {
        WS_WORK(d, 1);
        /* "the California-based company" says where it sits, not which
         * one it is */
        if (d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_CAP) && !(d->tok[k].lex & LX_DET) &&
            !ws_tok_ends_with(d, &d->tok[k], "-based", 0))
            return true;
    }
    return false;
}

/* "The group, WeWorkers Coalition, ..." then "the group said": the
 * latest organisation, within the salience window, that a role of the
 * same head named in apposition, or -1. */
static int32_t titled_org(const ws_doc *d, const ws_mention *m)
{
    uint32_t para = d->tok[m->first].para;
    int32_t best = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->org && !e->phrase && e->title_tok != UINT32_MAX && same_word(d, e->title_tok, m->last) &&
            recent_enough(d, e->last_mention, para) && mentioned_later(d, best, k))
            best = (int32_t)k;
    }
    return best;
}

/* "The US military said in a statement ... "Q," the statement said": a
 * definite document refers back to the latest document of the same
 * word that a determiner introduced, and speaks for whoever issued it,
 * the subject of the verb it followed. Returns the issuer's entity, or
 * -1. */
static int32_t document_issuer(const ws_doc *d, const ws_mention *m)
{
    /* a message someone sends; a poll, a study, a report or an ad is a
     * source in its own right */
    static const char *const sent[] = {"statement", "letter", "email", "e-mail", "memo",
                                       "release", "tweet", "message"};
    uint32_t head = m->last;
    if (!(d->tok[head].lex & LX_DOCUMENT))
        return -1;
    bool message = false;
    for (size_t k = 0; k < sizeof sent / sizeof sent[0] && !message; k++)
        message = ws_word_is(d, head, sent[k]);
    if (!message)
        return -1;
    for (uint32_t k = m->first; k > 1 && m->first - k < WS_MAX_DOCUMENT_LOOKBACK; k--) {
        WS_WORK(d, 1);
        uint32_t w = k - 1;
        if (!same_word(d, w, head) || d->tok[w].mention == d->tok[head].mention)
            continue;
        uint32_t det = w - 1;
        while (det > 0 && w - det < 3 && d->tok[det].kind == TK_WORD && d->tok[det].lex == 0)
            det--; /* "a joint statement" */
        if (!(d->tok[det].lex & LX_DET) || (d->tok[det].lex & LX_DEFINITE))
            return -1; /* the latest such document was no introduction */
        /* the verb it is the object or adjunct of: "issued a statement",
         * "said in a statement" */
        uint32_t v = det;
        if (v > 0 && (d->tok[v - 1].lex & LX_PREP))
            v--;
        if (v == 0 || d->tok[v - 1].kind != TK_WORD || !(d->tok[v - 1].flags & TF_LOWER))
            return -1;
        int32_t s = ws_subject_left(d, v - 1);
        if (s == -2)
            s = ws_sentence_subject(d, v - 1);
        if (s < 0 || d->m[s].first >= w || d->m[s].entity < 0 || (d->tok[d->m[s].last].lex & LX_DOCUMENT))
            return -1;
        return d->m[s].entity;
    }
    return -1;
}

/* "a spokesperson said ... the spokesperson said": a definite phrase
 * takes up the latest phrase of the same head noun within the salience
 * window (an indefinite noun phrase introduces, a definite one refers
 * back). Returns its entity, or -1. */
static int32_t same_head_phrase(const ws_doc *d, const ws_mention *m)
{
    uint32_t para = d->tok[m->first].para;
    int32_t best = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        /* "the campaign" after "a spokesman for the Clinton campaign" takes
         * the phrase's last word; "the spokesperson" after "A spokesperson
         * for the Environment Agency" its head (synth Guardian-style text) */
        if (e->phrase && recent_enough(d, e->last_mention, para) &&
            (same_word(d, e->key_tok, m->last) ||
             same_word(d, e->head_tok, m->last)) &&
            mentioned_later(d, best, k))
            best = (int32_t)k;
    }
    return best;
}

/* "According to a probable cause statement filed in the case, ... the
 * court document says": "document" and "filing" are any written source;
 * the latest one in the salience window is the one meant (synthetic dev
 * q, Kansas City Star), or -1. */
static bool names_document(const ws_doc *d, const ws_entity *e)
{
    /* "a probable cause statement filed in the case": the document's
     * word need not be the phrase's last */
    for (uint32_t t = e->canon_first; t <= e->canon_last && t - e->canon_first < WS_MAX_PHRASE_TOKENS; t++)
        if (d->tok[t].lex & LX_DOCUMENT)
            return true;
    return false;
}

static int32_t generic_document(const ws_doc *d, const ws_mention *m)
{
    static const char *const GENERIC[] = {"document", "filing"};
    if (!ws_word_among(d, m->last, GENERIC, sizeof GENERIC / sizeof GENERIC[0]))
        return -1;
    uint32_t para = d->tok[m->first].para;
    int32_t best = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->phrase && e->gender != G_PLURAL && recent_enough(d, e->last_mention, para) &&
            names_document(d, e) && mentioned_later(d, best, k))
            best = (int32_t)k;
    }
    return best;
}

/* The latest organisation, within the salience window, whose name holds
 * the role's head ("the coalition" after "WeWorkers Coalition"), or -1. */
static int32_t org_named_by_head(const ws_doc *d, const ws_mention *m)
{
    uint32_t para = d->tok[m->first].para;
    int32_t named = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (!e->phrase && recent_enough(d, e->last_mention, para) && !is_person_named(d, e) &&
            e->ntok >= 2 && name_holds_head(d, e, m->last) && mentioned_later(d, named, k))
            named = (int32_t)k;
    }
    if (named >= 0 || !(d->tok[m->first].lex & LX_DEFINITE))
        return named;
    /* "The utilities commission ..." paragraphs after "the California
     * Public Utilities Commission": a definite head names the one
     * organisation the text gave that head, however far back */
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (!e->phrase && e->first_tok < m->first && !is_person_named(d, e) && e->ntok >= 2 &&
            name_holds_head(d, e, m->last) && mentioned_later(d, named, k))
            named = (int32_t)k;
    }
    return named;
}

/* "the Invasion of Privacy Act", "the Human Landing System": a law, a
 * scheme or an index is named like an organisation (so never "he"), but
 * it issues nothing; "according to the company" is not the act the last
 * sentence cited (synth-g, The Verge style). */
static bool names_a_thing(const ws_doc *d, const ws_entity *e)
{
    static const char *const THINGS[] = {"act", "system", "program", "programme", "project",
                                         "initiative", "index"};
    return ws_word_among(d, e->canon_last, THINGS, sizeof THINGS / sizeof THINGS[0]);
}

static int32_t resolve_org_role(const ws_doc *d, const ws_mention *m)
{
    uint32_t para = d->tok[m->first].para;
    int32_t best = -1, best_unknown = -1, best_subject = -1;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->phrase || !recent_enough(d, e->last_mention, para) || names_a_thing(d, e))
            continue;
        if (e->org && mentioned_later(d, best, k))
            best = (int32_t)k;
        /* a place ("Iowa", "Britain") is no organisation that speaks */
        bool unknown = !e->org && e->gender == G_UNKNOWN && !(d->tok[e->given_tok].lex & LX_GIVEN) &&
                       !ws_place_token(d, e->given_tok) && !ws_place_token(d, e->key_tok);
        if (unknown && mentioned_later(d, best_unknown, k))
            best_unknown = (int32_t)k;
        /* "Petro Austral said ... near the town of Añelo in Neuquén
         * province ... “Q,” the company said": among names of no stated
         * kind, one that spoke or acted (a subject) is the company */
        if (unknown && recent_enough(d, e->last_subject, para) &&
            (best_subject < 0 || e->last_subject > d->e[best_subject].last_subject))
            best_subject = (int32_t)k;
    }
    /* "The Environment Agency ... Severnvale Water denied any wrongdoing.
     * In a statement, the company said": a name that acted since the
     * organisation was last mentioned is the one in focus (synth-l) */
    /* not a name a person's title came before ("President Takuya
     * Hoshino told reporters ... The Osaka-based company", synthetic dev
     * q, Nikkei) */
    if (best >= 0 && best_subject >= 0 && d->e[best_subject].ntok >= 2 &&
        d->e[best_subject].title_tok == UINT32_MAX &&
        d->e[best_subject].last_subject > d->e[best].last_mention)
        return best_subject; /* a name of two words: not "Sales will be ..., Veltrix said" */
    return best >= 0 ? best : best_subject >= 0 ? best_subject : best_unknown;
}

/* "Jean Dupont, France's foreign minister," / "France's foreign
 * minister, Jean Dupont,": a role in apposition to a name is that
 * person, and its head is the person's title from then on ("the
 * minister said" later finds Dupont). An organisation's role takes a
 * name that is no person ("The group, WeWorkers Coalition,"). Returns
 * the name's mention or -1. */
/* "Her attorney, Gregory Vance of Vance Hollister LLP, said": the name in
 * apposition may carry its employer ("of", "at", "from" and a name)
 * before the comma that closes it (synth-k, Billboard style). */
static bool employer_closes(const ws_doc *d, const ws_mention *n, size_t k)
{
    size_t p = n->last + 1;
    if (!(ws_word_is(d, p, "of") || ws_word_is(d, p, "at") || ws_word_is(d, p, "from")) || k + 1 >= d->nm)
        return false;
    /* "Marcus Oyelaran of the nonprofit Government Accountability
     * Project,": a determiner and plain words may open the employer */
    const ws_mention *o = &d->m[k + 1];
    size_t f = p + 1;
    while (f < o->first && f - p <= 3 && d->tok[f].kind == TK_WORD && (d->tok[f].flags & TF_LOWER))
        f++;
    return o->kind == MK_NAME && o->first == f && o->last + 1 < d->ntok && ws_is_comma(d, o->last + 1);
}

/* "the doctor who discharged her, Dr Tom Ashworth, said": a person's
 * role, its restrictive relative clause, and the name in apposition
 * after the clause's comma (synth-i, an inquest report). */
static int32_t name_after_relative(const ws_doc *d, const ws_mention *m, size_t k)
{
    size_t r = m->last + 1;
    if (m->org || m->kind != MK_ROLE || !ws_word_is(d, r, "who"))
        return -1;
    size_t c = r + 1;
    while (c < d->ntok && c - r <= WS_MAX_APPOSITION_TOKENS && !ws_is_comma(d, c) &&
           !(d->tok[c].flags & (TF_SENT_PUNCT | TF_PARA_START)))
        c++;
    if (c >= d->ntok || !ws_is_comma(d, c))
        return -1;
    for (size_t j = k + 1; j < d->nm && d->m[j].first <= c + 1; j++) {
        const ws_mention *n = &d->m[j];
        if (n->first == c + 1 && n->kind == MK_NAME && !n->org && n->last + 1 < d->ntok &&
            ws_is_comma(d, n->last + 1))
            return (int32_t)j;
    }
    return -1;
}

static int32_t apposed_name(const ws_doc *d, const ws_mention *m, size_t k)
{
    if (m->first >= 2 && tok_is_punct(d, m->first - 1, ',') && k > 0) {
        const ws_mention *p = &d->m[k - 1];
        /* "When Rubio thanked Miami, a man yelled": a phrase that goes on
         * into its own verb after an object is a new clause's subject,
         * not an apposition; "Jane Roe, a lawyer, said" closes it */
        size_t after = m->last + 1;
        bool closed = after >= d->ntok || tok_is_punct(d, after, ',') || tok_is_punct(d, after, ')') ||
                      tok_is_dash(d, after) || (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START));
        /* "Ms Rachel Tan, 29, an accounts executive who lives in
         * Woodlands, said": an age may stand between */
        bool aged = p->last + 4 == m->first && (d->tok[p->last + 2].flags & TF_DIGIT) &&
                    ws_is_comma(d, p->last + 3) && ws_is_comma(d, p->last + 1);
        if (p->kind == MK_NAME && (p->last + 2 == m->first || aged) && !p->org && (closed || p->subject))
            return (int32_t)(k - 1);
    }
    if (k + 1 < d->nm && tok_is_punct(d, m->last + 1, ',')) {
        const ws_mention *n = &d->m[k + 1];
        bool kind_agrees = m->org ? n->org || (n->gender == G_UNKNOWN && !(d->tok[n->name].lex & LX_GIVEN))
                                  : !n->org;
        if (n->kind == MK_NAME && n->first == m->last + 2 && kind_agrees &&
            (n->last + 1 >= d->ntok || tok_is_punct(d, n->last + 1, ',') ||
             tok_is_punct(d, n->last + 1, '.') || employer_closes(d, n, k + 1)))
            return (int32_t)(k + 1);
    }
    return name_after_relative(d, m, k);
}

/* A person a pronoun, an honorific or a given name made one: what an
 * age description refers to. */
static bool named_person_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    (void)m;
    return !e->phrase && is_person_named(d, e);
}

/* "Jones was jailed ... the 34-year-old said": failing a named person, a
 * bare name that was a subject, unless it is a place */
static bool subject_name_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    (void)m;
    return !e->phrase && !e->org && e->last_subject >= 0 && !ws_place_token(d, e->canon_last);
}


/* "the 56-year-old": a phrase whose head is an age */
static bool age_description(const ws_doc *d, const ws_mention *m)
{
    return ws_age_word(d, m->last);
}

/* Is the word at t a person epithet (data/epithets.def)? *says gets
 * the gender the word says. */
static bool epithet_word(const ws_doc *d, uint32_t t, uint8_t *says)
{
    static const struct { const char *word; uint8_t gender; } EPITHETS[] = {
#define EPITHET(w, g) {w, g},
#include "../data/epithets.def"
#undef EPITHET
    };
    for (size_t k = 0; k < sizeof EPITHETS / sizeof EPITHETS[0]; k++)
        if (ws_word_is(d, t, EPITHETS[k].word)) {
            *says = EPITHETS[k].gender;
            return true;
        }
    return false;
}

/* A person's full name ("Taylor Swift"), no place, organisation or group
 * ("New York City", "Muslims"), of the epithet's gender where it has
 * one. */
static bool full_person_name(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    if (e->phrase || e->org || e->ntok < 2 || e->gender == G_PLURAL)
        return false;
    for (uint32_t t = e->canon_first; t <= e->canon_last; t++)
        if (ws_place_token(d, t) || (d->tok[t].lex & LX_ORG))
            return false;
    return m->gender == G_UNKNOWN || gender_fits(e, m->gender);
}

static bool epithet_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    return named_person_fits(d, e, m) && full_person_name(d, e, m);
}

static bool epithet_subject_fits(const ws_doc *d, const ws_entity *e, const ws_mention *m)
{
    return subject_name_fits(d, e, m) && full_person_name(d, e, m);
}

/* The person an epithet refers back to: the latest in focus of those a
 * pronoun, honorific or given name made a person, unless a later subject
 * has a full name no such evidence backs ("Brighton boss Roberto De
 * Zerbi praised his players. ... the Italian said" is De Zerbi, though
 * only "Erik ten Hag" was a "he" before). */
/* Is the subject entity's latest subject in the sentence of the named
 * entity's latest mention, which was no subject there? "Tarrant, 28, has
 * scored 61 runs ... by the left-arm seam of Australia's Callum Reid.
 * The Surrey batsman admitted" is Tarrant: a sentence's subject is
 * what the next sentence goes on about, not a name inside its object
 * (synthetic dev j, Telegraph cricket). */
static bool subject_of_same_sentence(const ws_doc *d, int32_t subject, int32_t named)
{
    const ws_entity *s = &d->e[subject], *n = &d->e[named];
    return s->last_subject >= 0 && n->last_mention >= 0 && n->last_subject != n->last_mention &&
           d->tok[s->last_subject].sent == d->tok[n->last_mention].sent;
}

static int32_t person_in_focus(const ws_doc *d, const ws_mention *m)
{
    int32_t named = latest_in_focus(d, m, epithet_fits);
    int32_t subject = latest_in_focus(d, m, epithet_subject_fits);
    if (named < 0 || subject < 0)
        return named >= 0 ? named : subject;
    return d->e[subject].last_subject > d->e[named].last_mention || subject_of_same_sentence(d, subject, named)
               ? subject
               : named;
}

/* The person an age description refers back to: the person in focus
 * as for an epithet ("Danny Ings came off the bench ... the 27-year-old
 * said" is Ings, though only the manager was a "he" before); failing
 * that, a bare name that was a subject ("Jones was jailed ... the
 * 34-year-old said"). */
static int32_t named_person_in_focus(const ws_doc *d, const ws_mention *m)
{
    int32_t named = latest_in_focus(d, m, named_person_fits);
    int32_t subject = latest_in_focus(d, m, epithet_subject_fits);
    if (named >= 0 && subject >= 0)
        return d->e[subject].last_subject > d->e[named].last_mention || subject_of_same_sentence(d, subject, named)
                   ? subject
                   : named;
    if (named >= 0 || subject >= 0)
        return named >= 0 ? named : subject;
    return latest_in_focus(d, m, subject_name_fits);
}

/* "Taylor Swift ... the singer said", "the WikiLeaks founder told": a
 * definite epithet that no title or earlier phrase explains refers back
 * to the named person in focus, as an age description does (issue 12,
 * point 1; data/epithets.def says which nouns are identities). */
static int32_t epithet_in_focus(const ws_doc *d, const ws_mention *m)
{
    /* lower case: "the Philippine Star" is a newspaper's name */
    uint8_t says;
    if (!(d->tok[m->last].flags & TF_LOWER) || !epithet_word(d, m->last, &says))
        return -1;
    ws_mention probe = *m;
    if (probe.gender == G_UNKNOWN)
        probe.gender = says; /* "the businessman" */
    return person_in_focus(d, &probe);
}

/* A word for a person by trade or kind that no list knows:
 * "electrician", "neurosurgeon", "pharmacist", "teacher". */
static bool person_noun(const ws_doc *d, uint32_t t)
{
    const ws_token *k = &d->tok[t];
    /* a title ("the Vermont senator", "the French minister") is an
     * office: resolve_role has looked for its holder */
    if (k->lex & (LX_ROLE | LX_TITLE))
        return (k->lex & LX_ROLE) && !(k->lex & (LX_TITLE | LX_ORG | LX_PLURAL | LX_DOCUMENT));
    if (k->lex || k->end - k->start < 6)
        return false;
    return ws_tok_ends_with(d, k, "ian", 0) || ws_tok_ends_with(d, k, "ist", 0) ||
           ws_tok_ends_with(d, k, "surgeon", 0) || ws_tok_ends_with(d, k, "teacher", 0) ||
           ws_tok_ends_with(d, k, "worker", 0) || ws_tok_ends_with(d, k, "owner", 0);
}

/* "Her neighbor Tom Bechtel said ... "I probably shouldn't have done
 * it," the retired electrician admitted", "the Italian director says": a
 * definite description of a person (no office title) whose head is
 * modified by plain words or a demonym tells more about someone the
 * text has named; it
 * introduces no one (a newcomer comes with "a" or a name). Not "the
 * other candidate", "the second man", which set someone apart. Returns
 * the person in focus, or -1. */
static int32_t described_in_focus(const ws_doc *d, const ws_mention *m)
{
    static const char *const APART[] = {"other", "second", "third", "fourth", "fifth", "new", "next"};
    if (m->kind != MK_ROLE || m->last < m->first + 2 || !ws_word_is(d, m->first, "the") ||
        !(d->tok[m->last].flags & TF_LOWER) || !person_noun(d, m->last))
        return -1;
    for (uint32_t t = m->first + 1; t < m->last; t++) {
        const ws_token *k = &d->tok[t];
        if (k->kind != TK_WORD || (!(k->flags & TF_LOWER) && !ws_place_token(d, t)) ||
            (k->lex & (LX_OF | LX_PREP | LX_DET | LX_ROLE)) ||
            ws_word_among(d, t, APART, sizeof APART / sizeof APART[0]))
            return -1; /* "former", "retired" are titles too, and modify */
    }
    return person_in_focus(d, m);
}

/* "Roger Federer lost ... "I played badly," the Swiss said", "the
 * Dutchman admitted": "the" and one demonym used as a noun is an epithet
 * of the named person in focus. Not a country that takes "the" ("the
 * Philippines", "the Gambia"), a plural ("the Russians"), an "-ese" that
 * names a people as often as a person ("the Chinese"), or an adjective
 * ("the Romanian hacker"). */
static int32_t demonym_in_focus(const ws_doc *d, const ws_mention *m)
{
    static const char *const COUNTRIES_WITH_THE[] = {"gambia", "congo", "sudan", "ukraine",
                                                     "vatican", "yemen", "lebanon", "gulf"};
    uint32_t t = m->last, n = t + 1;
    if (m->last != m->first + 1 || !m->definite || (d->tok[t].flags & TF_ALLCAPS) ||
        !ws_place_token(d, t))
        return -1;
    if ((ws_tok_ends_with(d, &d->tok[t], "s", 0) && !ws_tok_ends_with(d, &d->tok[t], "ss", 0)) ||
        ws_tok_ends_with(d, &d->tok[t], "ese", 0))
        return -1;
    if (n < d->ntok && d->tok[n].kind == TK_WORD &&
        ((d->tok[n].lex & LX_ROLE) ||
         !(d->tok[n].lex & (LX_CUE | LX_CUE_BASE | LX_VERB | LX_BE | LX_SKIP | LX_CONJ | LX_PREP))))
        return -1;
    for (size_t k = 0; k < sizeof COUNTRIES_WITH_THE / sizeof COUNTRIES_WITH_THE[0]; k++)
        if (ws_word_is(d, t, COUNTRIES_WITH_THE[k]))
            return -1;
    return person_in_focus(d, m);
}

/* "CBP announced" after "Customs and Border Protection" with no "(CBP)"
 * to say so: a name run stops at "and", so the initials are those of an
 * entity's name and the words joined before it. The entity's name grows
 * to the whole run, the name the text gave (news dev, msn). */
static int32_t joined_acronym(ws_doc *d, uint32_t t)
{
    if (!(d->tok[t].flags & TF_ALLCAPS) || tok_len(d, t) < 2 || tok_len(d, t) >= WS_MAX_NAME_TOKENS)
        return -1;
    const char *acr = d->text + d->tok[t].start;
    int32_t best = -1;
    uint32_t best_first = 0;
    WS_WORK(d, d->ne);
    for (size_t k = 0; k < d->ne; k++) {
        const ws_entity *e = &d->e[k];
        if (e->phrase || e->canon_first == 0 ||
            !(d->tok[e->canon_first - 1].lex & LX_CONJ))
            continue;
        uint32_t first = initials_end_at(d, e->canon_last, acr, tok_len(d, t));
        if (first != UINT32_MAX && first < e->canon_first && mentioned_later(d, best, k)) {
            best = (int32_t)k;
            best_first = first;
        }
    }
    if (best >= 0) {
        d->e[best].canon_first = best_first;
        d->e[best].ntok = d->e[best].canon_last - best_first + 1;
    }
    return best;
}

/* A bare title word in the first WS_HEADLINE_PARAGRAPHS paragraphs
 * ("Judge says ...", "Transport Minister says ..."): a headline's role. */
static bool headline_title(const ws_doc *d, const ws_mention *m)
{
    return !m->definite && m->gender != G_PLURAL && d->tok[m->first].para < WS_HEADLINE_PARAGRAPHS &&
           (d->tok[m->last].lex & LX_TITLE) && m->last - m->first < 2 && !(d->tok[m->first].lex & LX_DET);
}

static int32_t resolve(ws_doc *d, ws_mention *m)
{
    switch ((mention_kind)m->kind) {
    case MK_NAME:
        if (m->entity >= 0)
            return m->entity;
        {
            int32_t e = match_single_name(d, m->last, m->gender);
            if (e < 0)
                e = joined_acronym(d, m->last);
            if (e < 0)
                e = demonym_in_focus(d, m);
            return e >= 0 ? e : new_entity(d, m);
        }
    case MK_PRONOUN:
        if (m->antecedent >= 0)
            return d->m[m->antecedent].entity;
        return m->first_person ? -1 : resolve_pronoun(d, m);
    case MK_ROLE:
        if (m->definite && m->gender != G_PLURAL && age_description(d, m)) {
            /* "Jose Mourinho ... The 56-year-old said": an age names no
             * one new; it is the person in focus, as "he" or "she" is */
            int32_t e = named_person_in_focus(d, m);
            if (e >= 0)
                return e;
        }
        if (headline_title(d, m)) {
            /* "Judge says scheme was 'cynical and sustained'": a headline
             * drops its article; the title is the body's holder of it */
            int32_t e = resolve_role(d, m);
            if (e >= 0)
                return e;
        }
        if (m->definite && m->gender != G_PLURAL) {
            int32_t e = described_surname(d, m);
            if (e < 0)
                e = document_issuer(d, m);
            if (e < 0)
                e = office_holder_in_focus(d, m);
            if (e < 0)
                e = resolve_role(d, m);
            if (e < 0 && m->org)
                e = titled_org(d, m);
            bool own = names_its_own(d, m);
            if (e < 0 && !own)
                e = same_head_phrase(d, m);
            if (e < 0)
                e = generic_document(d, m);
            if (e < 0)
                e = org_named_by_head(d, m);
            if (e < 0 && m->org && !own)
                e = resolve_org_role(d, m);
            if (e < 0 && !m->org)
                e = epithet_in_focus(d, m); /* "the WikiLeaks founder" too */
            if (e < 0 && !m->org)
                e = described_in_focus(d, m);
            if (e >= 0)
                return e;
        }
        /* an indefinite phrase ("a spokesman", "sources") is its own
         * speaker and nothing refers back to it, unless "it", "they",
         * "he" or "she" can: an organisation, a definite or gendered one */
        return new_entity(d, m);
    }
    return -1;
}

/* "Her husband, Tom Barnard, said ... "They were run off their feet," he
 * said": a role relinked to the name after it takes its place in focus
 * with it; the entity the role made alone, mentioned nowhere else, is
 * no candidate any more (synthetic BBC-style text). */
static void move_salience(ws_doc *d, const ws_mention *r, int32_t to)
{
    if (r->entity < 0 || r->entity == to)
        return;
    ws_entity *from = &d->e[r->entity], *e = &d->e[to];
    if (r->subject && !r->embedded && e->last_subject < (int32_t)r->first)
        e->last_subject = (int32_t)r->first;
    if (from->first_tok == r->first && from->last_mention == (int32_t)r->first &&
        (from->last_subject < 0 || from->last_subject == (int32_t)r->first))
        from->last_subject = from->last_mention = -1;
}

/* Does a naming verb join role r to the name n after it: "a group
 * called X", "a charity named X", "a group calling itself X", "a
 * coalition known as X" (synthetic newsletter and NYT-style text)? */
bool ws_named_by_verb(const ws_doc *d, const ws_mention *r, const ws_mention *n)
{
    if (r->kind != MK_ROLE || r->gender == G_PLURAL)
        return false;
    uint32_t v = r->last + 1, a = n->last + 1;
    /* "one lawmaker called Trump "the orange prince"": a person calls
     * someone something; an organisation's phrase, or a name that goes
     * on into its own verb, is named */
    if (!r->org && !(a < d->ntok && (tok_is_punct(d, a, ',') ||
                                     (d->tok[a].kind == TK_WORD && (d->tok[a].lex & (LX_CUE | LX_VERB | LX_BE))))))
        return false;
    if (n->first == v + 1)
        return ws_word_is(d, v, "called") || ws_word_is(d, v, "named");
    if (n->first == v + 2)
        return (ws_word_is(d, v, "calling") && ws_word_is(d, v + 1, "itself")) ||
               (ws_word_is(d, v, "known") && ws_word_is(d, v + 1, "as"));
    return false;
}

/* "Her neighbour, who gave his name only as Derek, said", "a resident,
 * who asked to be identified only as Maria,": a person's role and the
 * name its relative clause gives with "as" (synth-k, Sky News style). */
static bool named_in_relative(const ws_doc *d, const ws_mention *r, const ws_mention *n)
{
    if (r->kind != MK_ROLE || r->org || r->gender == G_PLURAL || !ws_is_comma(d, r->last + 1) ||
        !ws_word_is(d, r->last + 2, "who") || n->first < r->last + 5 ||
        n->first - r->last > WS_MAX_APPOSITION_TOKENS || !ws_word_is(d, n->first - 1, "as"))
        return false;
    for (uint32_t t = r->last + 3; t + 1 < n->first; t++)
        if (ws_word_is(d, t, "name") || ws_word_is(d, t, "identified"))
            return true;
    return false;
}

/* The "by" or "from" that names a document's author, at t or after a
 * participle and its adjunct ("A study published last year by the
 * International Transport Forum", "a survey released in October by",
 * synthetic dev m, l); UINT32_MAX when there is none. */
static uint32_t author_preposition(const ws_doc *d, uint32_t t)
{
    uint32_t j = t;
    if (j < d->ntok && d->tok[j].kind == TK_WORD && (d->tok[j].flags & TF_LOWER) &&
        ws_tok_ends_with(d, &d->tok[j], "ed", 4))
        for (j++; j < d->ntok && j - t <= WS_MAX_POSTMODIFIER_WORDS && d->tok[j].kind == TK_WORD &&
                  !ws_word_is(d, j, "by") && !ws_word_is(d, j, "from");
             j++)
            ;
    if (j < d->ntok && (ws_word_is(d, j, "by") || ws_word_is(d, j, "from")) && (d->tok[j].flags & TF_LOWER))
        return j;
    return UINT32_MAX;
}

/* Can mention m, of entity e, author a document? A name can; so can a
 * definite phrase ("the Pew Research Center") and one whose entity's
 * name holds its head ("A 2024 survey by the coalition found", after the
 * Diabetes Access Coalition, synthetic m); a phrase that resolved to
 * another name is no author ("a victim impact statement from the
 * hospital group" is not the court's, synthetic k). */
static bool document_author(const ws_doc *d, const ws_mention *m, int32_t e)
{
    if (m->kind == MK_NAME)
        return true;
    if (m->kind != MK_ROLE || !m->definite || m->gender == G_PLURAL)
        return false;
    const ws_entity *ent = &d->e[e];
    bool own = ent->canon_first == m->first || ent->canon_first == m->first + 1;
    return own || name_holds_head(d, ent, m->last);
}

/* "A report by the Healthcare Safety Investigation Branch found", "a
 * study from Stanford University", "An email from Neera Tanden": a
 * document whose author follows it says what its author says; the
 * author is the speaker (FORMAT.md: written sources count; the fullest
 * name the document gives), and PolNeAR's longer phrase holds that name. */
static bool authored_by(const ws_doc *d, const ws_mention *r, const ws_mention *n)
{
    if (r->kind != MK_ROLE || !(d->tok[r->last].lex & LX_DOCUMENT))
        return false;
    uint32_t j = author_preposition(d, r->last + 1);
    if (j == UINT32_MAX)
        return false;
    j++;
    if (ws_word_is(d, j, "the"))
        j++;
    /* "a 2014 study by Harvard and the University of California": two
     * authors are no one name; the phrase stays the speaker */
    if (ws_word_is(d, n->last + 1, "and"))
        return false;
    return n->first == j || (n->first == j - 1 && (d->tok[n->first].lex & LX_DEFINITE));
}

/* "Morrison was the third witness testifying Tuesday ...": a definite
 * role after a name and "is"/"was" is that person; its "he" later is
 * the name's (news dev, CBS News). */
static int32_t copula_subject(const ws_doc *d, const ws_mention *m, size_t k)
{
    if (k == 0 || !m->definite || m->first < 2 || d->tok[m->first - 1].kind != TK_WORD ||
        !(ws_word_is(d, m->first - 1, "is") || ws_word_is(d, m->first - 1, "was")))
        return -1;
    const ws_mention *p = &d->m[k - 1];
    return p->kind == MK_NAME && !p->org && p->last + 2 == m->first && p->subject ? (int32_t)(k - 1) : -1;
}

/* A role mention next to a name in apposition joins the name's entity
 * (an earlier name: now; a later one: the role mention is relinked when
 * the name is reached, as the record stage reads m->entity only later). */
static void link_apposition(ws_doc *d, ws_mention *m, size_t k, int32_t *e)
{
    if (k > 0 && *e >= 0 && authored_by(d, &d->m[k - 1], m) && document_author(d, m, *e)) {
        d->m[k - 1].entity = *e; /* "A report by the HSIB found": the author says it */
        return;
    }
    if (m->kind == MK_ROLE && !m->org && m->gender != G_PLURAL) {
        int32_t n = apposed_name(d, m, k);
        if (n < 0)
            n = copula_subject(d, m, k);
        if (n >= 0 && (size_t)n < k && d->m[n].entity >= 0) {
            *e = d->m[n].entity;
            if (d->tok[m->last].lex & (LX_TITLE | LX_ROLE))
                d->e[*e].title_tok = m->last;
        }
        return;
    }
    size_t rk = k > 0 ? k - 1 : 0;
    while (rk > 0 && k - rk < 3 && d->m[rk].kind == MK_PRONOUN)
        rk--;
    if (m->kind == MK_NAME && k > 0 && *e >= 0 &&
        (ws_named_by_verb(d, &d->m[k - 1], m) || named_in_relative(d, &d->m[rk], m))) {
        /* "A group called Riverton Neighbors United said": the phrase is
         * the name's, definite or not */
        ws_mention *r = &d->m[ws_named_by_verb(d, &d->m[k - 1], m) ? k - 1 : rk];
        move_salience(d, r, *e);
        r->entity = *e;
        if (r->org)
            d->e[*e].org = true;
        return;
    }
    if (m->kind == MK_NAME && k > 0 && *e >= 0) {
        /* the role is the mention before the name, or before the
         * relative clause between them ("the doctor who discharged her,
         * Dr Tom Ashworth,") */
        size_t j = k - 1;
        while (j > 0 && k - j < 3 && d->m[j].kind == MK_PRONOUN)
            j--;
        ws_mention *r = &d->m[j];
        /* "The group, WeWorkers Coalition, formed ...": an organisation's
         * role in apposition names it as well, and "the group" later is
         * that organisation */
        if (r->kind == MK_ROLE && (!r->org || r->definite) &&
            r->gender != G_PLURAL && apposed_name(d, r, j) == (int32_t)k) {
            move_salience(d, r, *e);
            r->entity = *e;
            if (r->org)
                d->e[*e].org = true;
            if (d->tok[r->last].lex & (LX_TITLE | LX_ROLE))
                d->e[*e].title_tok = r->last;
        }
    }
}

/* Do the capitalised words ending at surname s (from `from` on) name
 * entity e, given name and all? "Gary Johnson's doctor" is no mention
 * of an earlier "Jeh Johnson" (PolNeAR dev, breitbart). */
static bool possessor_is_named(const ws_doc *d, const ws_entity *e, uint32_t from, uint32_t s)
{
    uint32_t c = e->canon_last;
    for (uint32_t t = s; t > from && (d->tok[t - 1].flags & TF_CAP) && d->tok[t - 1].kind == TK_WORD; t--) {
        if (c == e->canon_first)
            return false;
        c--;
        if (!same_word(d, c, t - 1))
            return false;
    }
    return true;
}

/* "Negotiations between the club and Mourinho's representatives": a
 * named possessor inside a phrase keeps that person in focus, though the
 * phrase itself is someone else, when the phrase is a subject; "The
 * 56-year-old said" two sentences on is still Mourinho, not the manager
 * a later sentence made its subject (news dev, sky). Only the latest
 * mention moves, never the subject. */
static void note_possessor(ws_doc *d, const ws_mention *m)
{
    if (m->kind != MK_ROLE || !m->subject) /* "signed on to Trump's team" keeps no one in focus */
        return;
    for (uint32_t t = m->first + 1; t <= m->last; t++) {
        if (d->tok[t].kind != TK_CLITIC || d->tok[t - 1].kind != TK_WORD || !(d->tok[t - 1].flags & TF_CAP))
            continue;
        int32_t e = match_single_name(d, t - 1, G_UNKNOWN);
        if (e >= 0 && e != m->entity && possessor_is_named(d, &d->e[e], m->first, t - 1) &&
            d->e[e].last_mention < (int32_t)m->first)
            d->e[e].last_mention = (int32_t)m->first;
        return;
    }
}

/* Do mentions a and b have the same words ("Her daughter", "her
 * daughter")? */
static bool same_phrase(const ws_doc *d, const ws_mention *a, const ws_mention *b)
{
    if (a->last - a->first != b->last - b->first)
        return false;
    for (uint32_t i = 0; i <= a->last - a->first; i++)
        if (!same_word(d, a->first + i, b->first + i))
            return false;
    return true;
}

/* "Her daughter said the family had 'honestly thought we'd lost her'"
 * in a tabloid's summary bullets, then "Her daughter, Margaret Holt, 64,
 * said" in its body: a phrase that named no one is the person the same
 * words name a little later, within WS_MAX_CATAPHORA_MENTIONS mentions
 * (synth Daily Mail-style text). */
static void name_phrases_forward(ws_doc *d)
{
    bool named = false;
    for (size_t k = 0; k < d->nm; k++) {
        ws_mention *m = &d->m[k];
        if (m->kind != MK_ROLE || !m->subject || m->entity < 0 || !d->e[m->entity].phrase ||
            d->e[m->entity].first_tok != m->first)
            continue;
        /* a speaker phrase that opened its entity, with a definite or
         * possessive determiner ("Her daughter", "the neighbour") */
        if (!m->definite && (!(d->tok[m->first].lex & LX_DET) || ws_word_is(d, m->first, "a") ||
                             ws_word_is(d, m->first, "an")))
            continue;
        for (size_t j = k + 1; j < d->nm && j - k <= WS_MAX_CATAPHORA_MENTIONS; j++) {
            WS_WORK(d, 1);
            const ws_mention *n = &d->m[j];
            if (n->kind != MK_ROLE || n->entity < 0 || d->e[n->entity].phrase || !same_phrase(d, m, n))
                continue;
            /* only a name in apposition says who the words are; a later
             * "the president" resolved by its title may be another */
            int32_t a = apposed_name(d, n, j);
            if (a >= 0 && d->m[a].entity == n->entity) {
                d->e[m->entity].named_as = n->entity;
                named = true;
                break;
            }
        }
    }
    /* every mention of such a phrase ("she added" after it) follows it */
    for (size_t k = 0; named && k < d->nm; k++) {
        WS_WORK(d, 1);
        int32_t e = d->m[k].entity;
        if (e >= 0 && d->e[e].named_as >= 0)
            d->m[k].entity = d->e[e].named_as;
    }
}

bool ws_entities_resolve(ws_doc *d)
{
    d->ne = 0;
    if (!collect_full_names(d))
        return false;
    for (size_t k = 0; k < d->nm; k++) {
        ws_mention *m = &d->m[k];
        WS_WORK(d, 1);
        int32_t e = resolve(d, m);
        if (e == -2)
            return false;
        link_apposition(d, m, k, &e);
        m->entity = e;
        if (e < 0)
            continue;
        ws_entity *ent = &d->e[e];
        /* "the Centre for Disease Control (CDC)": a phrase's acronym in
         * brackets names it too, as a full name's does, so that "The CDC
         * advises" later is that phrase's entity (news dev, express) */
        if (m->kind == MK_ROLE && ent->alias_tok == UINT32_MAX && (d->tok[m->last].flags & TF_CAP))
            ent->alias_tok = acronym_after(d, m);
        if (m->kind == MK_PRONOUN && !ent->gender && (m->gender == G_MALE || m->gender == G_FEMALE))
            ent->gender = m->gender; /* pronoun evidence */
        /* "Con Edison, which maintains ...": "which" takes things and
         * organisations, so its antecedent is no "he" or "she" later */
        if (m->kind == MK_PRONOUN && m->antecedent >= 0 && !ent->gender && ws_word_is(d, m->first, "which"))
            ent->gender = G_NEUTER;
        absorb(d, ent, m);
        note_possessor(d, m);
    }
    name_phrases_forward(d);
    return true;
}
