/*
 * Stage: mentions of possible speakers.
 *
 * Three kinds, found outside quotations in one left-to-right pass:
 *   names     runs of capitalised words with their titles and particles
 *             ("U.K. Defense Secretary John Healey", "Ursula von der
 *             Leyen", "Secretary of Defense Pete Hegseth");
 *   pronouns  he, she, they, it;
 *   roles     noun phrases headed by a role noun ("the secretary", "a
 *             White House spokeswoman", "sources", "the company").
 * A mention records where its name proper starts, after the titles, so
 * that the canonical speaker drops them (FORMAT.md: "without honorifics or
 * job titles").
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Word tests                                                           */
/* ===================================================================== */


static bool suffix_is(const ws_doc *d, const ws_token *t, const char *suf)
{
    return ws_tok_ends_with(d, t, suf, strlen(suf) + 2); /* a stem of three letters or more */
}

/* A capitalised word that can be part of a name. */
static bool name_word(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_COMMON) || !ws_tok_outside_quotes(t) ||
        t->end - t->start > WS_MAX_NAME_BYTES)
        return false;
    uint32_t lx = t->lex;
    if (lx & (LX_TITLE | LX_ORG | LX_GIVEN))
        return true;
    /* "Residents had been told ...", "Critics say": a plural role word
     * opening its sentence is that role, people, not a name, so "she"
     * later never takes it (synth Guardian-style text) */
    if ((t->flags & TF_SENT_START) && (lx & LX_ROLE) && (lx & LX_PLURAL) && i + 1 < d->ntok &&
        d->tok[i + 1].kind == TK_WORD && (d->tok[i + 1].flags & TF_LOWER))
        return false;
    if (lx & (LX_FUNC | LX_DET | LX_PRONOUN | LX_RELATIVE | LX_SKIP | LX_TIME | LX_PREP |
              LX_CUE | LX_CUE_ING | LX_ACCORDING | LX_COMPLEMENTISER))
        return false; /* "For instance, ...": a capital is not a name */
    if ((lx & LX_QUANTITY) && (t->flags & TF_SENT_START))
        return false; /* "Six in 10 say", "Half of them said" */
    /* "Speaking later on the same show, Sen. Claire McCaskill ... said",
     * "Citing a report, ...": a participle opening its sentence before a
     * preposition, a determiner or "that" (an adverb may come first);
     * "Manning said", "Beijing officials", "Boeing is" keep the name */
    if ((t->flags & TF_SENT_START) && suffix_is(d, t, "ing") && i + 1 < d->ntok &&
        d->tok[i + 1].kind == TK_WORD && (d->tok[i + 1].flags & TF_LOWER)) {
        size_t v = i + 1;
        if ((d->tok[v].lex & (LX_SKIP | LX_TIME)) && v + 1 < d->ntok && d->tok[v + 1].kind == TK_WORD)
            v++;
        if ((d->tok[v].lex & (LX_PREP | LX_DET | LX_COMPLEMENTISER)) &&
            !(d->tok[v].lex & (LX_CUE | LX_CUE_BASE | LX_PAST | LX_VERB | LX_BE)))
            return false;
    }
    return true;
}

/* "He Jianxiong, the former executive director, said": a Chinese
 * surname spelled like the pronoun, before a capitalised word the
 * lexicon does not know (a given name; "He Said" in a headline is two
 * known words). */
static bool pronoun_spelled_surname(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    if (t->end - t->start != 2 || d->text[t->start] != 'H' || d->text[t->start + 1] != 'e' ||
        i + 1 >= d->ntok)
        return false;
    const ws_token *n = &d->tok[i + 1];
    bool verb_ending = ws_tok_ends_with(d, n, "ed", 3) || ws_tok_ends_with(d, n, "ing", 3);
    return n->kind == TK_WORD && (n->flags & TF_CAP) && !(n->flags & (TF_ALLCAPS | TF_SENT_START)) &&
           n->lex == 0 && !verb_ending && n->start == t->end + 1 && ws_tok_outside_quotes(n);
}

/* A sentence-initial capitalised participle or adverb ("Asked about it,",
 * "Speaking Tuesday,", "Separately,") is not a name. */
static bool sentence_initial_non_name(const ws_doc *d, size_t i)
{
    static const char *const WHEN[] = {"last", "next", "early", "late", "later", "earlier"};
    const ws_token *t = &d->tok[i];
    if (!(t->flags & TF_SENT_START))
        return false;
    /* "Midcaps and smallcaps are underperforming": coordinated with a
     * lower-case plural, a capitalised plural is a common noun too */
    if (suffix_is(d, t, "s") && i + 2 < d->ntok && d->tok[i + 1].kind == TK_WORD &&
        (d->tok[i + 1].lex & LX_CONJ) && (d->tok[i + 2].flags & TF_LOWER) &&
        suffix_is(d, &d->tok[i + 2], "s"))
        return true;
    /* "Last week State Department official David Holmes revealed": a
     * time phrase opens the sentence */
    if (i + 1 < d->ntok && (d->tok[i + 1].lex & LX_TIME))
        for (size_t k = 0; k < sizeof WHEN / sizeof WHEN[0]; k++)
            if (ws_word_is(d, i, WHEN[k]))
                return true;
    if (!suffix_is(d, t, "ed") && !suffix_is(d, t, "ing") && !suffix_is(d, t, "ly"))
        return false;
    /* "Husted continued", "Ted Cruz said" are names: the participle is
     * followed by a comma or a plain lower-case word ("Asked about") */
    if (i + 1 >= d->ntok)
        return true;
    const ws_token *n = &d->tok[i + 1];
    if (n->kind == TK_PUNCT)
        return true;
    return n->kind == TK_WORD && (n->flags & TF_LOWER) &&
           !(n->lex & (LX_CUE | LX_CUE_BASE | LX_SKIP | LX_PARTICLE));
}

static bool lower_word(const ws_doc *d, size_t i, uint32_t lx)
{
    return i < d->ntok && d->tok[i].kind == TK_WORD && (d->tok[i].flags & TF_LOWER) &&
           (d->tok[i].lex & lx) && ws_tok_outside_quotes(&d->tok[i]);
}

/* ---- common words at a sentence's start ------------------------------ */

/* A one-word capital that opens a sentence ("Much like Mr. Obama, ...",
 * "Last year ...", "Stronger ties ...") reads as a name only by its
 * position. When the document uses the same word in lower case and never
 * capitalised inside a sentence, it is a common word: no name, so no
 * speaker and no antecedent for "he". A word the lexicon knows, or one
 * right before a cue ("Prosecutors said"), keeps its reading. */
static bool common_candidate(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    if (t->kind != TK_WORD || !(t->flags & TF_SENT_START) || !(t->flags & TF_CAP) ||
        (t->flags & TF_ALLCAPS) || t->lex != 0 || t->hash == 0)
        return false;
    if (i + 1 < d->ntok) {
        const ws_token *n = &d->tok[i + 1];
        if (n->kind == TK_WORD && ((n->flags & TF_CAP) || (n->lex & (LX_CUE | LX_CUE_BASE))))
            return false; /* "Kathy Sullivan", "Critics say" */
        if (n->kind == TK_CLITIC)
            return false; /* "Trump's" */
    }
    return true;
}

static bool same_text_folded(const ws_doc *d, size_t a, size_t b)
{
    const ws_token *x = &d->tok[a], *y = &d->tok[b];
    size_t n = x->end - x->start;
    if (y->end - y->start != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)d->text[x->start + k], e = (unsigned char)d->text[y->start + k];
        if ((c | (c < 0x80 ? 0x20 : 0)) != (e | (e < 0x80 ? 0x20 : 0)))
            return false;
    }
    return true;
}

/* "Net sales are forecast to reach ...": before a plain plural noun and
 * its verb the capital modifies the noun that heads the subject; never
 * capitalised inside a sentence, it names nothing, so "the company" does
 * not take it (synth-i, Japan Times style). */
static bool modifies_plural_subject(const ws_doc *d, size_t i)
{
    if (i + 2 >= d->ntok)
        return false;
    const ws_token *n = &d->tok[i + 1], *v = &d->tok[i + 2];
    return n->kind == TK_WORD && (n->flags & TF_LOWER) && !(n->lex & ~(uint32_t)LX_PLURAL) &&
           ws_tok_ends_with(d, n, "s", 4) && !ws_tok_ends_with(d, n, "ss", 0) && v->kind == TK_WORD &&
           (v->flags & TF_LOWER) && (v->lex & (LX_BE | LX_VERB));
}

static void mark_common_words(ws_doc *d)
{
    uint32_t cand[WS_MAX_COMMON_CANDIDATES];
    bool lower[WS_MAX_COMMON_CANDIDATES], inner_cap[WS_MAX_COMMON_CANDIDATES];
    uint64_t filter[64] = {0}; /* 4096 bits: few false hits for 64 words */
    size_t nc = 0;
    WS_WORK(d, 2 * d->ntok); /* the two passes below, counted once */
    for (size_t i = 0; i < d->ntok && nc < WS_MAX_COMMON_CANDIDATES; i++) {
        if ((d->tok[i].flags & TF_SENT_START) && common_candidate(d, i)) {
            lower[nc] = inner_cap[nc] = false;
            cand[nc++] = (uint32_t)i;
            filter[(d->tok[i].hash >> 6) & 63] |= 1ull << (d->tok[i].hash & 63);
        }
    }
    if (nc == 0)
        return;
    const ws_token *tok = d->tok;
    for (size_t i = 0; i < d->ntok; i++) {
        const ws_token *t = &tok[i];
        if (!(filter[(t->hash >> 6) & 63] & (1ull << (t->hash & 63))) || t->kind != TK_WORD ||
            (t->flags & TF_SENT_START))
            continue;
        for (size_t c = 0; c < nc; c++) {
            WS_WORK(d, 1);
            if (d->tok[cand[c]].hash == t->hash && same_text_folded(d, cand[c], i)) {
                lower[c] |= (t->flags & TF_LOWER) != 0;
                inner_cap[c] |= (t->flags & TF_CAP) != 0;
            }
        }
    }
    for (size_t c = 0; c < nc; c++)
        if ((lower[c] || modifies_plural_subject(d, cand[c])) && !inner_cap[c])
            d->tok[cand[c]].flags |= TF_COMMON;
}

/* ===================================================================== */
/*  Mentions                                                             */
/* ===================================================================== */

static ws_mention *add_mention(ws_doc *d, size_t first, size_t last, mention_kind kind)
{
    if (!ws_grow(d->alloc, (void **)&d->m, &d->capm, d->nm + 1, sizeof *d->m))
        return NULL;
    ws_mention *m = &d->m[d->nm];
    memset(m, 0, sizeof *m);
    m->first = (uint32_t)first;
    m->last = (uint32_t)last;
    m->name = (uint32_t)first;
    m->kind = (uint8_t)kind;
    m->entity = -1;
    m->antecedent = -1;
    for (size_t k = first; k <= last; k++) {
        d->tok[k].mention = (int32_t)d->nm;
        WS_WORK(d, 1);
    }
    d->nm++;
    return m;
}

static void drop_last_mention(ws_doc *d)
{
    ws_mention *m = &d->m[--d->nm];
    for (size_t k = m->first; k <= m->last; k++)
        d->tok[k].mention = -1;
}

static uint8_t gender_of(uint32_t lx)
{
    if (lx & LX_MALE)
        return G_MALE;
    if (lx & LX_FEMALE)
        return G_FEMALE;
    return G_UNKNOWN;
}

/* Is the paragraph around token j Title Case, as a headline is ("Obama
 * Says African-American Museum Is a Tribute to ...")? Prose has a plain
 * lower-case word of four letters or more, no preposition or
 * conjunction, within WS_MAX_HEADLINE_TOKENS either side. */
static bool title_case_around(const ws_doc *d, size_t j)
{
    size_t a, b;
    ws_headline_window(d, j, &a, &b);
    for (size_t k = a; k < b; k++) {
        const ws_token *t = &d->tok[k];
        if (t->kind == TK_WORD && (t->flags & TF_LOWER) && t->end - t->start >= 4 &&
            !(t->lex & (LX_PREP | LX_CONJ | LX_DET)))
            return false;
    }
    return true;
}

/* "United States", "The Washington Post": inside a capitalised run a
 * capitalised cue word ("States", "Post") is part of the name; a
 * sentence-case text never capitalises its verbs (a title-case headline
 * holds no names, title_case_headline_end). */
static bool capitalised_cue_in_name(const ws_doc *d, size_t j)
{
    const ws_token *t = &d->tok[j];
    if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_ALLCAPS) ||
        !ws_tok_outside_quotes(t) || !(t->lex & (LX_CUE | LX_CUE_BASE)) ||
        (t->lex & ~(LX_CUE | LX_CUE_BASE | LX_PAST | LX_CUE_ING | LX_ROLE | LX_VERB)))
        return false;
    /* the name goes on into prose ("the United States said", "the
     * Washington Post's", "in the United States."); a headline's verb is
     * followed by more capitals or ends its line without a stop
     * ("Obama Says African-American Museum ...", "..., Former White House
     * Doctor Says") */
    if (j + 1 >= d->ntok || (d->tok[j + 1].flags & TF_PARA_START) || ws_word_is(d, j, "says") ||
        ws_word_is(d, j, "said"))
        return false; /* "..., Lindsey Graham Says.": "say" names nothing */
    const ws_token *n = &d->tok[j + 1];
    /* "The United States State Department said": in running text a
     * capital after the verb goes on with the name; only a headline's
     * verb stands between capitals (synthetic dev m, Reuters) */
    if (n->kind == TK_WORD && (n->flags & TF_CAP) && !(n->flags & TF_SENT_START) && !title_case_around(d, j))
        return true;
    return (n->kind == TK_WORD && (n->flags & TF_LOWER)) || n->kind == TK_CLITIC ||
           (n->flags & TF_SENT_PUNCT) || tok_is_punct(d, j + 1, ',');
}

/* Is the clitic at j a bare apostrophe (' or ’) after a word in -s? */
static bool plural_apostrophe(const ws_doc *d, size_t j)
{
    const ws_token *t = &d->tok[j];
    const char *c = d->text + t->start;
    size_t n = t->end - t->start;
    bool bare = (n == 1 && c[0] == '\'') || (n == 3 && memcmp(c, "\xe2\x80\x99", 3) == 0);
    return bare && j > 0 && d->tok[j - 1].end == t->start && ws_tok_ends_with(d, &d->tok[j - 1], "s", 2);
}

/* The end (exclusive) of the capitalised run starting at i. */
static size_t name_run_end(const ws_doc *d, size_t i)
{
    size_t j = i + 1;
    while (j < d->ntok && j - i < WS_MAX_NAME_TOKENS) {
        if (d->tok[j].flags & (TF_SENT_START | TF_PARA_START))
            break;
        if (name_word(d, j) || capitalised_cue_in_name(d, j)) {
            j++;
            continue;
        }
        /* "von der Leyen", "bin Laden" */
        size_t k = j;
        while (k < d->ntok && k - j < 2 && lower_word(d, k, LX_PARTICLE))
            k++;
        if (k > j && k < d->ntok && name_word(d, k) && !(d->tok[k].flags & TF_SENT_START)) {
            j = k + 1;
            continue;
        }
        /* "The Finance Workers’ Union", "the Lawyers' Committee": a
         * plural's bare apostrophe between capitalised words is inside
         * an organisation's name (synthetic dev o, The Times) */
        if (d->tok[j].kind == TK_QMARK && !(d->tok[j].flags & (TF_OPEN | TF_CLOSE)) &&
            plural_apostrophe(d, j) && j + 1 < d->ntok && name_word(d, j + 1) &&
            !(d->tok[j + 1].flags & TF_SENT_START)) {
            j += 2;
            continue;
        }
        /* "Pacific Gas & Electric Co.", "Marks & Spencer": a spaced
         * ampersand joins one name, where "and" may join two */
        if (tok_is_punct(d, j, '&') && j + 1 < d->ntok && name_word(d, j + 1) &&
            !(d->tok[j + 1].flags & TF_SENT_START)) {
            j += 2;
            continue;
        }
        /* "Secretary of Defense", "Department of Justice", "Institute
         * for Fiscal Studies", "Minister for Transport" */
        if (lower_word(d, j, LX_OF | LX_FOR) && (d->tok[j - 1].lex & (LX_TITLE | LX_ORG | LX_ROLE)) &&
            j + 1 < d->ntok && name_word(d, j + 1)) {
            j += 2;
            continue;
        }
        /* "the Office of the Inspector General", "Department of the
         * Interior" (news dev, Al Jazeera) */
        if (lower_word(d, j, LX_OF) && (d->tok[j - 1].lex & LX_ORG) && ws_word_is(d, j + 1, "the") &&
            (d->tok[j + 1].flags & TF_LOWER) && j + 2 < d->ntok && name_word(d, j + 2) &&
            !(d->tok[j + 2].flags & TF_SENT_START)) {
            j += 3;
            continue;
        }
        break;
    }
    return j;
}

/* Where a person's name starts after a title's "of" or "for" at k, in
 * the run ending at j: at a listed given name, else after one department
 * word ("Secretary of Defense Mattis"), or, with a longer department, at
 * the run's last two words ("Secretary of Homeland Security Kirstjen
 * Nielsen", "Minister for Transport Amy Chua"). */
static size_t name_after_department(const ws_doc *d, size_t k, size_t j)
{
    for (size_t g = k + 2; g + 1 < j; g++)
        if ((d->tok[g].lex & LX_GIVEN) && !(d->tok[g].lex & (LX_ORG | LX_TITLE)))
            return g;
    return j >= k + 5 ? j - 2 : k + 2;
}

/* A surname that opens with its particle: "von der Leyen said". */
static bool particle_starts_name(const ws_doc *d, size_t i)
{
    if (!lower_word(d, i, LX_PARTICLE) || (i > 0 && name_word(d, i - 1)))
        return false;
    size_t k = i + 1;
    while (k < d->ntok && k - i < 3 && lower_word(d, k, LX_PARTICLE))
        k++;
    return k < d->ntok && name_word(d, k) && !(d->tok[k].flags & TF_SENT_START);
}

/* Shouted lines ("CLICK HERE TO READ MORE") are not names. */
static bool shouted(const ws_doc *d, size_t i, size_t j)
{
    size_t caps = 0;
    for (size_t k = i; k < j; k++)
        caps += (d->tok[k].flags & TF_ALLCAPS) != 0;
    return caps >= 3 && caps == j - i;
}

/* Lower-case titles and roles right before a name belong to its mention
 * ("presidential nominee Donald Trump", "press secretary Josh Earnest"),
 * and so does a determiner. */
/* A plain lower-case word, in no list: a modifier ("senior", "politics"). */
static bool modifier_word(const ws_doc *d, size_t i)
{
    if (i >= d->ntok || d->tok[i].kind != TK_WORD || !(d->tok[i].flags & TF_LOWER) ||
        !ws_tok_outside_quotes(&d->tok[i]))
        return false;
    /* a word the lexicon knows only as a verb modifies the title right
     * after it ("lead researcher Lucas Paganini", "study lead author");
     * before a plain word it is the verb ("met senior politics editor") */
    if (d->tok[i].lex == LX_VERB)
        return i + 1 < d->ntok && lower_word(d, i + 1, LX_TITLE | LX_ROLE);
    return d->tok[i].lex == 0;
}

/* "Magic president of basketball operations Curtis Bale": a title's
 * "of" and one or two plain words (its portfolio) before a name belong
 * to the title (synthetic dev o, Bleacher Report). Returns the "of", or
 * first. */
static size_t title_portfolio_start(const ws_doc *d, size_t first)
{
    size_t g = first;
    while (g > 0 && first - g < 2 && d->tok[g - 1].mention < 0 && d->tok[g - 1].kind == TK_WORD && (d->tok[g - 1].flags & TF_LOWER) &&
           !(d->tok[g - 1].lex & ~(uint32_t)(LX_PLURAL | LX_ROLE)) && ws_tok_outside_quotes(&d->tok[g - 1]))
        g--;
    if (g == first || g < 2 || (d->tok[g].flags & TF_SENT_START) || !lower_word(d, g - 1, LX_OF) ||
        d->tok[g - 1].mention >= 0 || !lower_word(d, g - 2, LX_TITLE) || d->tok[g - 2].mention >= 0)
        return first;
    return g - 1;
}

static size_t extend_left(const ws_doc *d, size_t first, bool *definite)
{
    size_t f = title_portfolio_start(d, first), titles = 0;
    /* titles, and the plain words that modify them ("senior politics
     * editor", "conservative activist", "study lead author"), in any
     * order once a title is passed */
    while (f > 0 && first - f < 7 && d->tok[f - 1].mention < 0 && !(d->tok[f].flags & TF_SENT_START)) {
        if (titles < 4 && lower_word(d, f - 1, LX_TITLE | LX_ROLE | LX_ORG))
            titles++;
        else if (!(f < first && modifier_word(d, f - 1)))
            break;
        f--;
    }
    if (f > 0 && lower_word(d, f - 1, LX_DET) && !(d->tok[f].flags & TF_SENT_START) &&
        d->tok[f - 1].mention < 0 && !(d->tok[f - 1].lex & LX_COMPLEMENTISER)) {
        *definite = (d->tok[f - 1].lex & LX_DEFINITE) != 0;
        f--;
    }
    if (f == first && f > 0 && (d->tok[f - 1].flags & TF_CAP) && (d->tok[f - 1].lex & LX_DET) &&
        (d->tok[f - 1].lex & LX_DEFINITE) && d->tok[f - 1].mention < 0) {
        *definite = true; /* "The New York Post" */
        f--;
    }
    return f;
}

/* A name right before this mention's titles, or a possessor, is part of
 * it: "CrowdStrike co-founder Dmitri Alperovitch", "Commentary's Noah
 * Rothman". Returns the mention to merge with, or -1. */
static int32_t premodifying_name(const ws_doc *d, size_t first, size_t name)
{
    if (first == 0 || d->nm == 0 || (d->tok[first].flags & TF_SENT_START))
        return -1;
    size_t k = first - 1;
    bool possessive = d->tok[k].kind == TK_CLITIC && d->tok[k].end == d->tok[first].start - 1;
    if (possessive && k > 0)
        k--;
    else if (first == name || (d->tok[first].lex & LX_DET))
        return -1; /* two names side by side, no title between; "told
                      Polygraph.info the Russian Defense Ministry's":
                      a determiner opens a noun phrase of its own */
    int32_t m = d->tok[k].mention;
    if (m < 0 || (size_t)m != d->nm - 1 || d->m[m].last != k || d->m[m].kind != MK_NAME ||
        name - d->m[m].first > WS_MAX_PHRASE_TOKENS)
        return -1;
    return m;
}

/* "China's ambassador to Britain Liu Xiaming", "the envoy to Ukraine
 * Kurt Volker": a role, a preposition and a place before a name. The
 * place is the role's complement, not the name's first word; the role
 * mention just added (the latest) is this name's title. Returns the
 * role's mention, or -1. */
static int32_t role_to_place(const ws_doc *d, size_t i, size_t j)
{
    if (j - i < 3 || i < 2 || d->nm == 0 || (d->tok[i].flags & TF_SENT_START) ||
        (d->tok[i].lex & (LX_NEUTER | LX_GIVEN | LX_TITLE)) != LX_NEUTER ||
        !lower_word(d, i - 1, LX_PREP | LX_OF | LX_FOR))
        return -1;
    int32_t r = d->tok[i - 2].mention;
    if (r < 0 || (size_t)r != d->nm - 1 || d->m[r].kind != MK_ROLE || d->m[r].last != i - 2 ||
        !(d->tok[i - 2].lex & (LX_TITLE | LX_ROLE)) || j - d->m[r].first > WS_MAX_PHRASE_TOKENS)
        return -1;
    return r;
}

/* Are the tokens [k, j) all titles? */
static bool titles_to_end(const ws_doc *d, size_t k, size_t j)
{
    for (; k < j; k++)
        if (!(d->tok[k].lex & LX_TITLE))
            return false;
    return true;
}

static bool add_name(ws_doc *d, size_t i, size_t j)
{
    int32_t role = role_to_place(d, i, j);
    if (role >= 0) {
        size_t first = d->m[role].first;
        bool definite = d->m[role].definite;
        drop_last_mention(d);
        ws_mention *m = add_mention(d, first, j - 1, MK_NAME);
        if (!m)
            return false;
        m->name = (uint32_t)(i + 1);
        m->definite = definite;
        if (i + 2 < j && (d->tok[i + 1].lex & LX_GIVEN))
            m->gender = gender_of(d->tok[i + 1].lex);
        return true;
    }
    /* the name proper starts after the last title */
    size_t name = i;
    bool org_of = false; /* "Office of the Inspector General": after an
                            organisation's "of", titles that close the run
                            name the office; "Bureau of Prisons Director
                            Michael Carvajal" still has a person after his */
    for (size_t k = i; k < j; k++) {
        if (org_of && titles_to_end(d, k, j))
            continue;
        if ((d->tok[k].lex & LX_ORG) && k + 1 < j && (d->tok[k + 1].lex & (LX_OF | LX_FOR)) &&
            (d->tok[k + 1].flags & TF_LOWER))
            org_of = true;
        /* "the Hollis Center for Rural Health", "the Center for American
         * Progress": a title before "for" or "of" that follows a plain
         * name word, or that names no office (a player's position), is
         * the head of an organisation's name, not a title before a
         * person's (synthetic dev g, PolNeAR); "Oklahoma Republican" with
         * nothing after stays a role, "Secretary of State" an office */
        bool head = (name < k || !(d->tok[k].lex & LX_ROLE)) && k + 1 < j &&
                    (d->tok[k + 1].lex & (LX_OF | LX_FOR)) && (d->tok[k + 1].flags & TF_LOWER);
        if (((d->tok[k].lex & LX_TITLE) && !head) || (k + 1 < j && suffix_is(d, &d->tok[k], "-based")))
            name = k + 1; /* "Sacramento-based McClatchy" is McClatchy */
        else if (k == name && (d->tok[k].lex & (LX_OF | LX_FOR)) && (d->tok[k].flags & TF_LOWER) && k + 1 < j)
            name = name_after_department(d, k, j);
    }
    bool definite = false;
    size_t first = extend_left(d, i, &definite);
    int32_t pre = premodifying_name(d, first, name < j ? name : first);
    if (pre >= 0 && name < j) {
        first = d->m[pre].first;
        drop_last_mention(d);
    }
    /* "Teacher turnover in the district fell": one title opening its
     * sentence before a plain lower-case noun modifies that noun; it
     * names no one, so a later "she" does not take it (synth-x) */
    if (name >= j && j == i + 1 && first == i && (d->tok[i].flags & TF_SENT_START) &&
        !(d->tok[i].lex & LX_PLURAL) && j < d->ntok && d->tok[j].kind == TK_WORD &&
        (d->tok[j].flags & TF_LOWER) && d->tok[j].lex == 0)
        return true;
    mention_kind kind = name < j ? MK_NAME : MK_ROLE;
    ws_mention *m = add_mention(d, first, j - 1, kind);
    if (!m)
        return false;
    m->name = (uint32_t)(name < j ? name : first);
    m->definite = definite;
    m->org = (d->tok[j - 1].lex & LX_ORG) != 0;
    /* gender evidence: an honorific ("Mr."), a gendered title
     * ("congresswoman") or a given name with a gender reading */
    for (size_t k = first; k < name && k < j && !m->gender; k++)
        m->gender = gender_of(d->tok[k].lex);
    /* a given name reads so only before a surname: alone it may be the
     * surname ("Omar asked ...", Ilhan Omar) */
    if (!m->gender && name + 1 < j && (d->tok[name].lex & LX_GIVEN))
        m->gender = gender_of(d->tok[name].lex);
    /* a place ("Hawaii", "South Korea"): no person, unless a title or a
     * given name says so ("Michael Jordan") */
    bool titled = false;
    for (size_t k = first; k < name && k < j; k++)
        titled |= (d->tok[k].lex & LX_TITLE) != 0;
    if (!m->gender && name < j && !titled && !(d->tok[name].lex & LX_GIVEN) &&
        (d->tok[j - 1].lex & (LX_NEUTER | LX_PRONOUN)) == LX_NEUTER)
        m->gender = G_NEUTER;
    return true;
}

/* ---- role noun phrases ---------------------------------------------- */

/* "Nearly half said", "About 4 in 10 say", "more than half of white women
 * said", "at least half of voters": the words that make a proportion
 * approximate belong to the group of speakers; left out, "About" reads as
 * a preposition and its object is no subject (PolNeAR's poll reports).
 * Returns the first token of the proportion f with its approximators. */
static size_t approximator_start(const ws_doc *d, size_t f)
{
    static const char *const SINGLE[] = {"nearly", "almost", "about", "roughly", "around",
                                         "approximately", "just", "only", "over", "under", "some"};
    for (int steps = 0; f > 0 && steps < 2 && !(d->tok[f].flags & TF_SENT_START); steps++) {
        size_t p = f - 1;
        if (d->tok[p].kind != TK_WORD || d->tok[p].mention >= 0 || !ws_tok_outside_quotes(&d->tok[p]))
            break;
        bool pair = p > 0 && !(d->tok[p].flags & TF_SENT_START) &&
                    ((ws_word_is(d, p, "than") &&
                      (ws_word_is(d, p - 1, "more") || ws_word_is(d, p - 1, "less") ||
                       ws_word_is(d, p - 1, "fewer"))) ||
                     (ws_word_is(d, p, "least") && ws_word_is(d, p - 1, "at")));
        if (pair)
            f = p - 1;
        else if (ws_word_among(d, p, SINGLE, sizeof SINGLE / sizeof SINGLE[0]))
            f = p;
        else
            break;
    }
    return f;
}

/* Walk left from a role noun over its modifiers to a determiner. Returns
 * the first token, or SIZE_MAX when the phrase is not a speaker phrase. */
/* "the San Jose, California-based company": a wire's city and state
 * before "-based" are one modifier, comma and all, after "the". f is the
 * "-based" word; returns the city's first token (after "the"), or
 * SIZE_MAX. The city's name (its "the" too) and the "-based" word,
 * where they are mentions, are the latest (*n of them, to be dropped). */
static size_t based_place_start(const ws_doc *d, size_t f, size_t *n)
{
    if (!ws_tok_ends_with(d, &d->tok[f], "-based", 6) || f < 3)
        return SIZE_MAX;
    size_t p = f - 1, q = p;
    while (q > 1 && p - q < WS_MAX_NAME_TOKENS && d->tok[q - 1].kind == TK_WORD &&
           (d->tok[q - 1].flags & TF_CAP) && !(d->tok[q - 1].lex & LX_DET))
        q--;
    if (q == p || d->tok[q - 1].kind != TK_WORD || !(d->tok[q - 1].lex & LX_DEFINITE))
        return SIZE_MAX;
    size_t latest = d->nm;
    *n = 0;
    if (d->tok[f].mention >= 0) {
        if ((size_t)d->tok[f].mention + 1 != latest || d->m[latest - 1].first != f)
            return SIZE_MAX;
        latest--;
        (*n)++;
    }
    int32_t pm = d->tok[q].mention;
    if (pm >= 0) {
        if ((size_t)pm + 1 != latest || d->m[pm].first + 1 < q || d->m[pm].last != p - 1)
            return SIZE_MAX;
        (*n)++;
    }
    for (size_t k = q; k < p; k++)
        if (d->tok[k].mention != pm)
            return SIZE_MAX;
    return q;
}

static size_t role_phrase_start(ws_doc *d, size_t r, bool *definite, bool *absorbed)
{
    size_t f = r;
    *absorbed = false;
    for (int steps = 0; f > 0 && steps < 5; steps++) {
        const ws_token *t = &d->tok[f - 1];
        if (!ws_tok_outside_quotes(t) || (d->tok[f].flags & TF_SENT_START))
            break;
        if (t->kind == TK_WORD && (t->lex & LX_DET) && !(t->lex & LX_COMPLEMENTISER && !(t->flags & TF_CAP))) {
            *definite = (t->lex & LX_DEFINITE) != 0;
            /* "one of the climate advisers": the partitive heads it */
            if (f >= 3 && (d->tok[f - 2].lex & LX_OF) && d->tok[f - 3].kind == TK_WORD &&
                (d->tok[f - 3].lex & LX_QUANTITY) && d->tok[f - 3].mention < 0) {
                *definite = false;
                return f - 3;
            }
            return f - 1;
        }
        if (t->kind == TK_CLITIC && f >= 2 && d->tok[f - 2].kind == TK_WORD) {
            /* "Trump's campaign": the possessor stands for a determiner */
            *definite = true;
            int32_t pm = d->tok[f - 2].mention;
            if (pm >= 0 && (size_t)pm == d->nm - 1 && !*absorbed &&
                r - d->m[pm].first <= WS_MAX_PHRASE_TOKENS) {
                *absorbed = true;
                return d->m[pm].first;
            }
            /* "says the trial's lead investigator, Tomasz Wierzbicki,": a
             * common possessor takes its determiner along, so the phrase
             * starts right after the cue (an inverted subject) */
            if (f >= 3 && (d->tok[f - 2].flags & TF_LOWER) && d->tok[f - 3].kind == TK_WORD &&
                (d->tok[f - 3].lex & LX_DET) && !(d->tok[f - 3].lex & LX_COMPLEMENTISER) &&
                d->tok[f - 3].mention < 0 && ws_tok_outside_quotes(&d->tok[f - 3]))
                return f - 3;
            return f - 2;
        }
        size_t drop = 0, q = ws_is_comma(d, f - 1) ? based_place_start(d, f, &drop) : SIZE_MAX;
        if (q != SIZE_MAX && (!*absorbed || d->tok[f].mention >= 0)) {
            /* with two to drop, the latest (the "-based" word's) goes
             * here and the caller drops the city's */
            if (drop == 2)
                drop_last_mention(d);
            *absorbed = drop > 0;
            *definite = true;
            return q - 1;
        }
        if (t->kind != TK_WORD)
            break;
        if (t->mention >= 0) {
            /* "a White House spokeswoman": the name is a modifier */
            if ((size_t)t->mention != d->nm - 1 || *absorbed ||
                r - d->m[t->mention].first > WS_MAX_PHRASE_TOKENS)
                break;
            *absorbed = true;
            f = d->m[t->mention].first;
            if ((d->tok[f].lex & LX_DET) || d->m[t->mention].definite) {
                /* the name's mention began with the determiner */
                *definite = (d->tok[f].lex & LX_DEFINITE) != 0;
                return f;
            }
            continue;
        }
        if ((t->lex & LX_OF) && f >= 2 && d->tok[f - 2].kind == TK_WORD &&
            (d->tok[f - 2].lex & LX_QUANTITY)) {
            /* "about half of Democratic primary voters", "58 percent of
             * voters", "a majority of Republicans": the quantity heads it */
            f -= 2;
            if (f > 0 && d->tok[f - 1].kind == TK_WORD &&
                ((d->tok[f - 1].flags & TF_DIGIT) || (d->tok[f - 1].lex & (LX_DET | LX_QUANTITY))))
                f--;
            if (f > 0 && d->tok[f - 1].kind == TK_WORD && (d->tok[f - 1].lex & (LX_DET | LX_QUANTITY)))
                f--;
            *definite = false;
            return approximator_start(d, f);
        }
        if (ws_word_is(d, f - 1, "in") && (d->tok[f].flags & TF_DIGIT) && f >= 2 &&
            d->tok[f - 2].kind == TK_WORD && d->tok[f - 2].mention < 0 &&
            ((d->tok[f - 2].flags & TF_DIGIT) || (d->tok[f - 2].lex & LX_QUANTITY))) {
            *definite = false;
            return approximator_start(d, f - 2); /* "Nine in 10 Democratic voters": a proportion */
        }
        /* "told reporters that officials began": a lower-case "that"
         * before a role opens the clause it heads; it was read as a
         * modifier, and the hearer and "that" became the phrase */
        if (t->lex & (LX_FUNC | LX_CUE | LX_CUE_ING | LX_CUE_BASE | LX_SKIP | LX_PRONOUN |
                      LX_RELATIVE | LX_PARTICLE | LX_OF | LX_FOR | LX_ACCORDING | LX_TIME |
                      LX_COMPLEMENTISER))
            break;
        f--;
    }
    /* "ECB not in talks with Greece - spokeswoman": a headline's
     * signature needs no determiner */
    bool signature = f > 0 && tok_is_dash(d, f - 1) &&
                     (r + 1 >= d->ntok || (d->tok[r + 1].flags & TF_PARA_START));
    /* "Another diplomat, former special envoy to Ukraine Kurt Volker,": an
     * apposition needs no determiner either */
    bool apposition = f > 0 && ws_is_comma(d, f - 1) && f < r;
    return (d->tok[r].lex & LX_PLURAL) || (d->tok[r].flags & TF_CAP) || signature || apposition ? f : SIZE_MAX;
}

/* A lower-case word of three letters or more that names a field, no
 * verb or function word ("hardware", "agriculture", "trustees"). */
static bool plain_field_word(const ws_doc *d, size_t j)
{
    return j < d->ntok && d->tok[j].kind == TK_WORD && (d->tok[j].flags & TF_LOWER) &&
           !(d->tok[j].lex & ~(LX_ROLE | LX_PLURAL)) && d->tok[j].end - d->tok[j].start >= 3;
}

/* "The head of the agency, Ricardo Almeida,", "the chair of the
 * county's planning board, Jo Hart,": a person's role, "of", a
 * determiner and at most WS_MAX_POSTMODIFIER_WORDS plain words up to a
 * comma and a name is one office, which the name in apposition holds
 * (synthetic dev o). Returns the complement's last token, or r. */
/* Plain lower-case words from w, and a possessive's clitic ("the
 * county's"), up to a comma and a name in apposition: returns the last
 * plain word, or SIZE_MAX when the words do not end so. */
static size_t plain_words_to_apposition(const ws_doc *d, size_t w)
{
    size_t j = w;
    while (j < d->ntok && j - w < WS_MAX_POSTMODIFIER_WORDS &&
           ((d->tok[j].kind == TK_WORD && (d->tok[j].flags & TF_LOWER) &&
             !(d->tok[j].lex & ~(LX_ROLE | LX_PLURAL | LX_ORG))) ||
            (d->tok[j].kind == TK_CLITIC && j > w)))
        j++;
    if (j == w || j + 1 >= d->ntok || !tok_is_punct(d, j, ',') || !name_word(d, j + 1))
        return SIZE_MAX;
    return j - 1;
}

static size_t organisation_complement_end(const ws_doc *d, size_t r)
{
    if (!(d->tok[r].lex & LX_ROLE) || (d->tok[r].lex & LX_ORG) || !lower_word(d, r + 1, LX_OF) ||
        r + 3 >= d->ntok || d->tok[r + 2].kind != TK_WORD || !(d->tok[r + 2].lex & LX_DET))
        return r;
    size_t e = plain_words_to_apposition(d, r + 3);
    return e == SIZE_MAX ? r : e;
}

/* "Its current chair of trustees, Alison Farrow,", "the agency's
 * representative in Pakistan, Henrik Solberg,": a plain word after
 * "of", or a place after "in", completes a role that a name in
 * apposition follows; the name is then the role's (news writes the
 * office whole before the comma). Returns the complement's last token,
 * or r. */
static size_t role_complement_end(const ws_doc *d, size_t r)
{
    size_t org = organisation_complement_end(d, r);
    if (org != r)
        return org;
    size_t j = r + 2;
    /* "Its spokesperson on agriculture, Dutch MEP Pieter van Dam,",
     * "spokesman on foreign affairs, ...": a portfolio after "on", of
     * one or two plain words (synthetic dev o, Euronews) */
    if (ws_word_is(d, r + 1, "on") && (d->tok[r + 1].flags & TF_LOWER) && j + 2 < d->ntok &&
        plain_field_word(d, j)) {
        size_t e = plain_field_word(d, j + 1) ? j + 1 : j;
        if (tok_is_punct(d, e + 1, ',') && e + 2 < d->ntok && name_word(d, e + 2))
            return e;
    }
    if (j + 1 >= d->ntok || !tok_is_punct(d, j + 1, ',') || d->tok[j].kind != TK_WORD)
        return r;
    /* "head of hardware, Sun-Min Yoo," (synth-g): a plain singular
     * field serves as well as a plural */
    /* "The council's cabinet member for education, Councillor Ray
     * Dunmore," (synthetic dev q, a press digest) */
    if (lower_word(d, r + 1, LX_OF | LX_FOR) && plain_field_word(d, j))
        return j;
    if (ws_word_is(d, r + 1, "in") && (d->tok[r + 1].flags & TF_LOWER) && ws_place_token(d, j))
        return j;
    return r;
}

/* "a spokesman for the Pentagon": the complement names the employer. */
static size_t role_phrase_end(const ws_doc *d, size_t r)
{
    size_t j = r + 1;
    if (!(lower_word(d, j, LX_FOR | LX_OF)))
        return role_complement_end(d, r);
    j++;
    if (j < d->ntok && d->tok[j].kind == TK_WORD && (d->tok[j].lex & LX_DEFINITE))
        j++;
    if (j >= d->ntok || !name_word(d, j))
        return role_complement_end(d, r);
    size_t e = name_run_end(d, j) - 1;
    /* "The head of the Houthi delegation, Abdulmalik al-Sharafi,": a
     * name that modifies the plain words after it is the complement's
     * too, when the name in apposition follows them (synthetic dev j,
     * Al Jazeera) */
    size_t plain = (d->tok[r].lex & LX_ROLE) && !(d->tok[r].lex & LX_ORG) && lower_word(d, r + 1, LX_OF)
                       ? plain_words_to_apposition(d, e + 1)
                       : SIZE_MAX;
    return plain == SIZE_MAX ? e : plain;
}

/* "The head of the UN climate body, Ricardo Almeida,": a person's role
 * before "of" heads the phrase, not the organisation after it, so the
 * phrase is a person and the name in apposition is its (synthetic dev
 * o, AFP). Returns that role's token, or r. */
static size_t of_head(const ws_doc *d, size_t first, size_t r)
{
    for (size_t k = first + 1; k < r; k++)
        if (lower_word(d, k, LX_OF) && (d->tok[k - 1].lex & LX_ROLE) && !(d->tok[k - 1].lex & LX_ORG))
            return k - 1;
    return r;
}

/* "..., researchers report this week in Science.", "scientists report
 * that": a cue's base form that is also a noun ("report", "claim") after
 * a plural phrase, before the sentence's end, a time, a preposition or
 * "that", is the plural's verb, no head of a phrase "researchers report"
 * (synthetic dev q, Science). */
static bool verb_after_plural(const ws_doc *d, size_t r)
{
    if (!(d->tok[r].lex & LX_CUE_BASE) || !(d->tok[r].flags & TF_LOWER) || r == 0 || r + 1 >= d->ntok)
        return false;
    int32_t p = d->tok[r - 1].mention;
    const ws_token *w = &d->tok[r - 1];
    /* the plural is a phrase of its own, or a bare plural that opens its
     * clause ("Scientists report", ", researchers report"); "a business
     * report" has its determiner */
    bool bare_plural = p < 0 && w->kind == TK_WORD && !(w->lex & ~(LX_PLURAL | LX_ROLE)) && d->text[w->end - 1] == 's' &&
                       ((w->flags & TF_SENT_START) || (r >= 2 && ws_is_comma(d, r - 2)));
    if (!bare_plural && (p < 0 || d->m[p].last != r - 1 || d->m[p].gender != G_PLURAL))
        return false;
    const ws_token *n = &d->tok[r + 1];
    return (n->flags & TF_SENT_PUNCT) || ws_is_comma(d, r + 1) ||
           (n->kind == TK_WORD && (n->lex & (LX_TIME | LX_PREP | LX_COMPLEMENTISER))) ||
           (n->kind == TK_WORD && (n->lex & LX_DET) && r + 2 < d->ntok && (d->tok[r + 2].lex & LX_TIME));
}

static bool add_role(ws_doc *d, size_t r, size_t *next)
{
    bool definite = false, absorbed = false;
    if (verb_after_plural(d, r))
        return true;
    size_t first = role_phrase_start(d, r, &definite, &absorbed);
    if (first == SIZE_MAX)
        return true;
    if (absorbed)
        drop_last_mention(d);
    size_t last = role_phrase_end(d, r);
    ws_mention *m = add_mention(d, first, last, MK_ROLE);
    if (!m)
        return false;
    m->name = (uint32_t)first;
    m->definite = definite;
    size_t head = of_head(d, first, r);
    m->org = (d->tok[head].lex & LX_ORG) != 0;
    m->gender = (d->tok[head].lex & LX_PLURAL) ? G_PLURAL : gender_of(d->tok[head].lex);
    *next = last + 1;
    return true;
}

/* ---- pronouns -------------------------------------------------------- */

static bool add_pronoun(ws_doc *d, size_t i)
{
    uint32_t lx = d->tok[i].lex;
    ws_mention *m = add_mention(d, i, i, MK_PRONOUN);
    if (!m)
        return false;
    m->first_person = (lx & LX_FIRST_PERSON) != 0;
    m->gender = (lx & LX_MALE) ? G_MALE : (lx & LX_FEMALE) ? G_FEMALE :
                (lx & LX_NEUTER) ? G_NEUTER : m->first_person ? G_UNKNOWN : G_PLURAL;
    return true;
}

/* "released two highly critical reports that depicted": a word no list
 * knows with an adjective's ending, right before a verb's -s form, makes
 * that form a plural noun ("reports", "claims", "notes"), so the words
 * before it are no speaker (news dev, Al Jazeera). */
static bool adjective_before_plural(const ws_doc *d, size_t a, size_t v)
{
    static const char *const ENDINGS[] = {"ical", "ive", "ous", "ful", "less", "able", "ible"};
    const ws_token *t = &d->tok[a];
    if (v != a + 1 || t->lex != 0 || !(t->flags & TF_LOWER) || (d->tok[v].lex & LX_PAST) ||
        d->text[d->tok[v].end - 1] != 's')
        return false;
    for (size_t k = 0; k < sizeof ENDINGS / sizeof ENDINGS[0]; k++)
        if (ws_tok_ends_with(d, t, ENDINGS[k], strlen(ENDINGS[k]) + 2))
            return true;
    return false;
}

/* ---- any noun phrase that reports ------------------------------------ */

static bool reporting_verb(const ws_doc *d, size_t i)
{
    return i < d->ntok && d->tok[i].kind == TK_WORD && (d->tok[i].flags & TF_LOWER) &&
           (d->tok[i].lex & LX_CUE) && ws_tok_outside_quotes(&d->tok[i]) &&
           !ws_plural_noun_before_verb(d, i);
}

/* "the billionaire business mogul told People", "a voice over says": a
 * determiner and up to four plain words right before a reporting verb
 * make a speaker phrase even when no word of it is in the lexicon. */
static bool add_phrase_before_cue(ws_doc *d, size_t i, size_t *next)
{
    size_t j = i + 1;
    while (j < d->ntok && j - i <= 4 && d->tok[j].kind == TK_WORD && ws_tok_outside_quotes(&d->tok[j]) &&
           d->tok[j].mention < 0 && !(d->tok[j].flags & TF_SENT_START) &&
           !(d->tok[j].lex & (LX_CUE | LX_CUE_ING | LX_FUNC | LX_DET | LX_PRONOUN | LX_SKIP |
                              LX_RELATIVE | LX_PREP | LX_OF | LX_FOR | LX_COMPLEMENTISER |
                              LX_CONJ | LX_TIME)))
        j++;
    /* "the head of the institute said": a prepositional phrase may
     * stand between the phrase and its verb; it is no part of the
     * mention, and its own noun phrase is read on its own */
    size_t v = j < d->ntok && (d->tok[j].lex & LX_PREP) ? ws_postmodifier_end(d, j) : j;
    size_t pp = v;
    while (v < d->ntok && v - pp < 2 && d->tok[v].kind == TK_WORD && (d->tok[v].lex & LX_SKIP) &&
           !(d->tok[v].lex & LX_BE))
        v++; /* "the editorial board recently wrote" */
    if (j == i + 1 || !reporting_verb(d, v))
        return true;
    bool all_names = true;
    for (size_t k = i + 1; k < j; k++)
        all_names = all_names && name_word(d, k);
    if (all_names)
        return true; /* "the Pentagon said": a name, with its own rules */
    if (name_word(d, j - 1))
        return true; /* "a tearful Marta Keller said": the name is the
                        speaker; the words describing her are no part of it */
    if (adjective_before_plural(d, j - 1, v))
        return true;
    if (pp > j) {
        /* "a spokesperson for the Foreign Office said": a role word
         * heads its own phrase, complement and all (add_role) */
        for (size_t k = i + 1; k < j; k++)
            if (d->tok[k].lex & LX_ROLE)
                return true;
        /* "A Quinnipiac University poll released in late August found":
         * a participle before the phrase is a reduced relative, no part
         * of the head */
        if (j - 1 > i + 1 && suffix_is(d, &d->tok[j - 1], "ed"))
            j--;
    }
    size_t first = i;
    if (i >= 2 && (d->tok[i - 1].lex & LX_OF) && d->tok[i - 2].kind == TK_WORD &&
        (d->tok[i - 2].lex & LX_QUANTITY) && d->tok[i - 2].mention < 0 &&
        d->tok[i - 1].mention < 0)
        first = i - 2; /* "one of the climate advisers pointed out" */
    ws_mention *m = add_mention(d, first, j - 1, MK_ROLE);
    if (!m)
        return false;
    m->definite = first == i && (d->tok[i].lex & LX_DEFINITE) != 0;
    uint32_t head = d->tok[j - 1].lex;
    bool common = (d->tok[j - 1].flags & TF_LOWER) != 0; /* "the Congressional Budget
                                                            Office" names itself */
    m->org = common && (head & LX_ORG);
    m->gender = (head & LX_PLURAL) ? G_PLURAL : common ? gender_of(head) : G_UNKNOWN;
    *next = j;
    return true;
}

/* Is token i right after a cue in the inverted order: after a quotation
 * that ends in a comma (""Q," wrote"), or after a comma with "say",
 * "write" or "add" ("The figures are poor, said the report")? Other
 * verbs after a comma have their subject before ("Several candidates,
 * including Y, criticized the trade"). */
static bool inverted_cue_before(const ws_doc *d, size_t i)
{
    if (i < 3 || !reporting_verb(d, i - 1) || !(d->tok[i - 1].lex & LX_CUE))
        return false;
    if (d->tok[i - 2].flags & TF_CLOSE)
        return tok_is_punct(d, i - 3, ',') || tok_is_punct(d, i - 3, '?') || tok_is_punct(d, i - 3, '!');
    static const char *const plain[] = {"said", "says", "wrote", "writes", "added", "adds"};
    if (!tok_is_punct(d, i - 2, ','))
        return false;
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++)
        if (ws_word_is(d, i - 1, plain[k]))
            return true;
    return false;
}

/* ""Q," wrote the authors.", "..., said the head of the agency, John
 * Smith.": after an inverted cue (one that follows a quotation or a
 * comma) a determiner and up to four plain words that close the clause
 * are its subject, listed or not. */
static bool add_phrase_after_cue(ws_doc *d, size_t i, size_t *next)
{
    static const char *const possessive[] = {"his", "her", "its", "their", "our", "my", "your"};
    if (!inverted_cue_before(d, i))
        return true;
    for (size_t k = 0; k < sizeof possessive / sizeof possessive[0]; k++)
        if (ws_word_is(d, i, possessive[k]))
            return true; /* "said their stump speeches ...": the content's subject */
    size_t j = i + 1;
    /* "said another leading Supreme Court advocate, Andrew J. Pincus":
     * names may modify the head; the head itself is a common word */
    /* "said the Khan family deserved better": a verb after the head
     * ends it */
    while (j < d->ntok && j - i <= 5 && d->tok[j].kind == TK_WORD && ws_tok_outside_quotes(&d->tok[j]) &&
           d->tok[j].mention < 0 && !(d->tok[j].flags & (TF_SENT_START | TF_PARA_START)) &&
           (j == i + 1 || !suffix_is(d, &d->tok[j], "ed")) &&
           (name_word(d, j) ||
            !(d->tok[j].lex & (LX_CUE | LX_CUE_ING | LX_FUNC | LX_DET | LX_PRONOUN | LX_SKIP | LX_ROLE |
                               LX_TITLE | LX_RELATIVE | LX_PREP | LX_COMPLEMENTISER | LX_CONJ |
                               LX_TIME | LX_VERB | LX_BE))))
        j++;
    if (j == i + 1 || name_word(d, j - 1) || (d->tok[j - 1].flags & TF_CAP))
        return true; /* "said the Pentagon", "said the Florida senator Marco Rubio" */
    size_t e = ws_postmodifier_end(d, j);
    bool closes = e >= d->ntok || ws_is_comma(d, e) ||
                  (d->tok[e].flags & (TF_SENT_PUNCT | TF_PARA_START));
    if (!closes)
        return true; /* "said the plan would fail": the content's subject */
    ws_mention *m = add_mention(d, i, j - 1, MK_ROLE);
    if (!m)
        return false;
    m->definite = (d->tok[i].lex & LX_DEFINITE) != 0;
    uint32_t head = d->tok[j - 1].lex;
    bool plural = (head & LX_PLURAL) || (suffix_is(d, &d->tok[j - 1], "s") && !suffix_is(d, &d->tok[j - 1], "ss"));
    m->gender = plural ? G_PLURAL : gender_of(head);
    *next = j;
    return true;
}

/* "Tomás Lindqvist at the University of Reading, UK, who wasn't
 * involved": "who" is no place; over the place in apposition and the
 * "at"/"of" phrases it locates, the person they hang on (synth-i). */
static int32_t person_before_place(const ws_doc *d, int32_t a)
{
    const ws_mention *m = &d->m[a];
    /* "Dr Priya Chandran, a hydrologist at the University of
     * Gloucestershire, who said": the employer after "at" is no "who";
     * the role it hangs on, and the name that role is apposed to, are */
    if (m->first >= 2 && lower_word(d, m->first - 1, LX_PREP) && !lower_word(d, m->first - 1, LX_OF) &&
        d->tok[m->first - 2].mention < 0) {
        /* the role may be a word no list holds ("a hydrologist"): plain
         * words back to a determiner after the name's comma */
        size_t f = m->first - 2;
        while (f > 0 && m->first - 2 - f < 4 && d->tok[f].kind == TK_WORD && (d->tok[f].flags & TF_LOWER) &&
               !(d->tok[f].lex & LX_DET))
            f--;
        if (f >= 2 && (d->tok[f].lex & LX_DET) && (d->tok[f].flags & TF_LOWER) && ws_is_comma(d, f - 1) &&
            d->tok[f - 2].mention >= 0 && d->m[d->tok[f - 2].mention].kind == MK_NAME &&
            d->m[d->tok[f - 2].mention].last == f - 2)
            return d->tok[f - 2].mention;
        return a;
    }
    if (m->first >= 2 && lower_word(d, m->first - 1, LX_PREP) && !lower_word(d, m->first - 1, LX_OF) &&
        d->tok[m->first - 2].mention >= 0) {
        int32_t r = d->tok[m->first - 2].mention;
        const ws_mention *rm = &d->m[r];
        if (rm->last != m->first - 2 || rm->kind != MK_ROLE || rm->org)
            return a;
        if (rm->first >= 2 && ws_is_comma(d, rm->first - 1) && d->tok[rm->first - 2].mention >= 0 &&
            d->m[d->tok[rm->first - 2].mention].kind == MK_NAME)
            return d->tok[rm->first - 2].mention;
        return r;
    }
    if (!ws_place_token(d, m->last) || m->first < 2 || !ws_is_comma(d, m->first - 1))
        return a;
    int32_t b = d->tok[m->first - 2].mention;
    for (int links = 0; b >= 0 && d->m[b].last == m->first - 2 && links < 3; links++) {
        size_t f = d->m[b].first;
        if (f < 2 || !lower_word(d, f - 1, LX_PREP | LX_OF) || d->tok[f - 2].mention < 0 ||
            d->m[d->tok[f - 2].mention].last != f - 2)
            return d->m[b].kind == MK_NAME ? b : a;
        b = d->tok[f - 2].mention;
        m = &d->m[b];
        if (m->kind == MK_NAME && !ws_place_token(d, m->last))
            return b;
    }
    return a;
}

/* "the Mexican president, who said": the relative pronoun is the local
 * mention (PolNeAR annotates it so), its antecedent the speaker. */
static bool add_relative(ws_doc *d, size_t i)
{
    size_t k = i;
    if (k > 0 && tok_is_punct(d, k - 1, ','))
        k--;
    int32_t a = k > 0 ? d->tok[k - 1].mention : -1;
    if (a < 0 || d->m[a].last != k - 1 || d->m[a].kind == MK_PRONOUN)
        return true;
    if (ws_word_is(d, i, "who"))
        a = person_before_place(d, a);
    ws_mention *m = add_mention(d, i, i, MK_PRONOUN);
    if (!m)
        return false;
    m->antecedent = a;
    m->gender = d->m[a].gender;
    return true;
}

static bool add_phrase_from(ws_doc *d, size_t s, size_t *next);

/* "according to the state Division of Gaming Enforcement": whatever noun
 * phrase follows "according to" is a source, listed or not. The phrase
 * runs to the next punctuation, at most WS_MAX_NAME_TOKENS words. */
static bool add_source_after_according(ws_doc *d, size_t i, size_t *next)
{
    size_t s = i + 2;
    /* "according to court papers", "according to police records": a role
     * word that modifies a plain noun or a document is no role of its
     * own, and with no determiner the role rule makes no phrase of it */
    bool modifier = s + 1 < d->ntok && d->tok[s + 1].kind == TK_WORD && (d->tok[s + 1].flags & TF_LOWER) &&
                    !(d->tok[s + 1].lex & ~LX_DOCUMENT);
    if (!(d->tok[i].lex & LX_ACCORDING) || s >= d->ntok || d->tok[s].mention >= 0 ||
        d->tok[i + 1].end - d->tok[i + 1].start != 2 ||
        name_word(d, s) || (d->tok[s].lex & LX_PRONOUN) || ((d->tok[s].lex & LX_ROLE) && !modifier))
        return true; /* names, pronouns and roles have their own rules */
    return add_phrase_from(d, s, next);
}

/* "according to a new report from the Hollis Center for Rural Health":
 * the document's author is a mention of its own, which the entity stage
 * links the document to (entities.c authored_by), so the phrase ends at
 * the "by" or "from" after a document noun (synthetic dev g, news dev). */
static bool document_author_follows(const ws_doc *d, size_t j)
{
    return j > 0 && (d->tok[j - 1].lex & LX_DOCUMENT) && (d->tok[j].flags & TF_LOWER) &&
           (ws_word_is(d, j, "by") || ws_word_is(d, j, "from"));
}

/* A phrase from token s to the next punctuation or relative pronoun. */
static bool add_phrase_from(ws_doc *d, size_t s, size_t *next)
{
    size_t j = s;
    while (j < d->ntok && j - s < WS_MAX_NAME_TOKENS && ws_tok_outside_quotes(&d->tok[j]) &&
           (d->tok[j].kind == TK_WORD || d->tok[j].kind == TK_CLITIC) &&
           !(d->tok[j].flags & TF_SENT_START) && !(d->tok[j].lex & (LX_COMPLEMENTISER | LX_RELATIVE)) &&
           !document_author_follows(d, j))
        j++;
    if (j == s)
        return true;
    ws_mention *m = add_mention(d, s, j - 1, MK_ROLE);
    if (!m)
        return false;
    m->definite = (d->tok[s].lex & LX_DEFINITE) != 0;
    /* "according to the agency": the head says an organisation, so that
     * it resolves to the one named before (NASA), as "the agency said"
     * does */
    uint32_t head = d->tok[j - 1].lex;
    /* "the Congressional Budget Office" names itself: no earlier
     * organisation stands for it */
    bool common = (d->tok[j - 1].flags & TF_LOWER) != 0;
    m->org = common && (head & LX_ORG);
    m->gender = (head & LX_PLURAL) ? G_PLURAL : common ? gender_of(head) : G_UNKNOWN;
    *next = j;
    return true;
}

/* "two Democratic speechwriters implored", "human rights groups warned",
 * "independent analyses agree": a plural noun right before a cue heads a
 * speaker phrase even when no word of it is listed. Called at the cue;
 * the phrase reaches back over plain words to a determiner or a break. */
static bool add_plural_before_cue(ws_doc *d, size_t c)
{
    if (c == 0 || !(d->tok[c].flags & TF_LOWER) ||
        !(d->tok[c].lex & (LX_CUE | LX_CUE_BASE | LX_CUE_ING)))
        return true;
    bool participle = (d->tok[c].lex & (LX_CUE | LX_CUE_BASE)) == 0;
    if (!participle && c >= 3 && (d->tok[c - 1].flags & TF_DIGIT) && d->tok[c - 1].mention < 0 &&
        (ws_word_is(d, c - 2, "in") || ws_word_is(d, c - 2, "of")) && d->tok[c - 3].kind == TK_WORD &&
        d->tok[c - 3].mention < 0 && ws_tok_outside_quotes(&d->tok[c - 3]) &&
        ((d->tok[c - 3].flags & TF_DIGIT) || (d->tok[c - 3].lex & LX_QUANTITY) ||
         (d->tok[c - 3].flags & TF_SENT_START))) {
        /* "Six in 10 say he is decisive": a proportion of those asked */
        ws_mention *m = add_mention(d, approximator_start(d, c - 3), c - 1, MK_ROLE);
        if (!m)
            return false;
        m->gender = G_PLURAL;
        return true;
    }
    /* "Some said they felt dejected", "Many say ...", "Others argued":
     * a quantity alone opening its clause is a group of speakers */
    size_t q = c - 1;
    if (!participle && d->tok[c - 1].kind == TK_WORD && (d->tok[c - 1].lex & LX_QUANTITY) &&
        !(d->tok[c - 1].flags & TF_DIGIT) && d->tok[c - 1].mention < 0 &&
        ws_tok_outside_quotes(&d->tok[c - 1]) && ((q = approximator_start(d, c - 1)), true) &&
        ((d->tok[q].flags & TF_SENT_START) ||
         (q >= 1 && (ws_is_comma(d, q - 1) || (d->tok[q - 1].lex & LX_CONJ))))) {
        ws_mention *m = add_mention(d, q, c - 1, MK_ROLE);
        if (!m)
            return false;
        m->gender = G_PLURAL;
        return true;
    }
    size_t h = c - 1;
    /* "Deficit hawks have warned", "officials also said" */
    while (h > 0 && c - h <= 2 && d->tok[h].kind == TK_WORD && (d->tok[h].lex & LX_SKIP) &&
           d->tok[h].mention < 0)
        h--;
    const ws_token *t = &d->tok[h];
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    if (t->kind != TK_WORD || t->mention >= 0 || !(t->flags & TF_LOWER) || n < 4 ||
        w[n - 1] != 's' || w[n - 2] == 's' || (t->lex & ~(uint32_t)(LX_ROLE | LX_PLURAL | LX_ORG)) ||
        !ws_tok_outside_quotes(t))
        return true;
    size_t f = h;
    /* "Opposition lawmakers said": a common word opening the sentence
     * modifies the plural */
    while (f > 0 && h - f < 4 && d->tok[f - 1].kind == TK_WORD && d->tok[f - 1].mention < 0 &&
           ws_tok_outside_quotes(&d->tok[f - 1]) && !(d->tok[f].flags & TF_SENT_START) &&
           !(d->tok[f - 1].lex & (LX_PREP | LX_CONJ | LX_FUNC | LX_CUE | LX_CUE_ING | LX_VERB |
                                  LX_SKIP | LX_PRONOUN | LX_RELATIVE | LX_COMPLEMENTISER))) {
        f--;
        if (d->tok[f].lex & LX_DET)
            break;
    }
    /* "with forecasters warning that ...": a participle has a subject of
     * its own only in that absolute construction */
    if (participle && !(f > 0 && ws_word_is(d, f - 1, "with")))
        return true;
    /* "Nine in 10 Democratic voters say", "half of all voters say": the
     * proportion is the subject's head */
    if (f >= 2 && (ws_word_is(d, f - 1, "in") || ws_word_is(d, f - 1, "of")) &&
        d->tok[f - 2].kind == TK_WORD && d->tok[f - 2].mention < 0 &&
        ((d->tok[f - 2].flags & TF_DIGIT) || (d->tok[f - 2].lex & LX_QUANTITY)))
        f = approximator_start(d, f - 2);
    ws_mention *m = add_mention(d, f, h, MK_ROLE);
    if (!m)
        return false;
    m->gender = G_PLURAL;
    m->definite = (d->tok[f].lex & LX_DEFINITE) != 0;
    return true;
}

/* ===================================================================== */
/*  Subjects                                                             */
/* ===================================================================== */

/* Is token i a reporting verb (finite, or a base form after "to", "will",
 * "did")? Shared with attribute.c through the mention's subject flag. */
static bool cue_at(const ws_doc *d, size_t i)
{
    if (i >= d->ntok || d->tok[i].kind != TK_WORD || !ws_tok_outside_quotes(&d->tok[i]))
        return false;
    return (d->tok[i].lex & (LX_CUE | LX_CUE_BASE)) != 0 && (d->tok[i].flags & TF_LOWER);
}

/* "Zippy Duvall, the president of the American Farm Bureau, said": the
 * cue after an apposition that follows the mention at a (a comma). */
static bool cue_after_apposition(const ws_doc *d, size_t a)
{
    if (!ws_is_comma(d, a))
        return false;
    for (size_t j = a + 1; j < d->ntok && j - a <= WS_MAX_APPOSITION_TOKENS; j++) {
        WS_WORK(d, 1);
        if ((d->tok[j].flags & (TF_SENT_START | TF_PARA_START)) || !ws_tok_outside_quotes(&d->tok[j]) ||
            cue_at(d, j))
            return false;
        if (ws_is_comma(d, j))
            return cue_at(d, j + 1);
    }
    return false;
}

/* "DECATUR --", "Washington (AFP) --", "COLUMBIA, S.C. (AP) —", "LONDON,
 * Dec 5 (Reuters) -": after its place a dateline has at most
 * WS_MAX_DATELINE_WORDS of state or date, an agency in brackets, and a
 * dash. The place is no subject: read as one, "COLUMBIA" became the
 * antecedent of the article's first "he" (news dev, ctpost). */
static size_t dateline_end(const ws_doc *d, size_t n);

static bool dateline_at(const ws_doc *d, size_t n)
{
    return dateline_end(d, n) != SIZE_MAX;
}

/* The dash that ends a dateline whose place ends before n, or SIZE_MAX. */
static size_t dateline_end(const ws_doc *d, size_t n)
{
    /* "LONDON/BUENOS AIRES, Sept 9 (Reuters) -": places joined by "/" */
    for (int places = 0; places < 3 && tok_is_punct(d, n, '/'); places++) {
        n++;
        while (n < d->ntok && d->tok[n].kind == TK_WORD && (d->tok[n].flags & TF_CAP) &&
               !(d->tok[n].flags & TF_PARA_START))
            n++;
    }
    if (tok_is_punct(d, n, ',')) {
        size_t end = n + 1 + WS_MAX_DATELINE_WORDS;
        n++;
        while (n < d->ntok && n < end && !tok_is_punct(d, n, '(') && !tok_is_dash(d, n) &&
               !(d->tok[n].flags & (TF_SENT_START | TF_PARA_START | TF_OPEN | TF_CLOSE)) &&
               !(d->tok[n].kind == TK_WORD && (d->tok[n].flags & TF_LOWER)))
            n++;
    }
    if (tok_is_punct(d, n, '(')) {
        size_t open = n;
        while (n < d->ntok && n - open < 6 && !tok_is_punct(d, n, ')'))
            n++;
        if (tok_is_punct(d, n, ')'))
            n++;
    }
    return n < d->ntok && tok_is_dash(d, n) ? n : SIZE_MAX;
}

/* A mention is a subject when it is the first of its sentence (not after
 * a preposition) or stands right before or after a cue. Subjects are what
 * pronouns and later quotations attach to (salience, entities.c). */
static void mark_subjects(ws_doc *d)
{
    size_t scan = 0, s = 0; /* tokens read so far; the latest clause start */
    size_t cue = SIZE_MAX;  /* the latest cue of this clause */
    bool opening = false;   /* in a sentence's opening "When ...," clause */
    for (size_t k = 0; k < d->nm; k++) {
        ws_mention *m = &d->m[k];
        for (; scan <= m->first; scan++) {
            if (d->tok[scan].flags & TF_SENT_START) {
                s = scan;
                cue = SIZE_MAX;
                opening = ws_opens_fronted(d, scan);
            } else if (opening && ws_clause_comma(d, scan) && ws_place_apposition_end(d, scan) == 0) {
                /* "When the advisers suggested a deal, Mr. Trump wasn't
                 * satisfied.": the main clause starts after the comma,
                 * with a subject of its own, outside the cue's content */
                s = scan + 1;
                cue = SIZE_MAX;
                opening = ws_fronted_goes_on(d, scan + 1);
            }
            if (scan < m->first && cue_at(d, scan))
                cue = scan;
        }
        bool first_in_sentence = k == 0 || d->m[k - 1].last < s;
        size_t a = m->last + 1;
        while (a < d->ntok && (d->tok[a].lex & LX_SKIP) && a - m->last < 4)
            a++;
        /* "said in a Facebook post that": after "a" and a name a bare
         * base form is the noun the name modifies, no verb of its */
        bool compound = a == m->last + 1 && a < d->ntok && !(d->tok[a].lex & LX_CUE) &&
                        (ws_word_is(d, m->first, "a") || ws_word_is(d, m->first, "an"));
        /* "at the University of Reading, UK, who ..., says": the place
         * locates the name before it; the cue is that name's */
        bool located = m->first >= 2 && ws_is_comma(d, m->first - 1) && d->tok[m->first - 2].mention >= 0 &&
                       ws_place_token(d, m->last);
        /* nor is a preposition's object ("an exercise physiologist at the
         * University of Colorado, who was not involved, points out") */
        bool object = m->first > 0 && d->tok[m->first - 1].kind == TK_WORD && (d->tok[m->first - 1].lex & LX_PREP) &&
                      (d->tok[m->first - 1].flags & TF_LOWER) && !(d->tok[m->first - 1].lex & LX_OF) &&
                      !ws_word_is(d, m->first - 1, "by"); /* "a study by the Centre ..., a think tank, concluded" */
        bool before_cue = (cue_at(d, a) && !compound) ||
                          (cue_after_apposition(d, m->last + 1) && !located && !object);
        /* "..., said X": an inverted subject; "mocked the complaint" has
         * an object there */
        size_t cu = m->first > 0 ? m->first - 1 : 0;
        bool after_cue = m->first > 0 && cue_at(d, cu) &&
                         (cu == 0 || tok_is_punct(d, cu - 1, ',') || (d->tok[cu - 1].flags & TF_CLOSE) ||
                          (d->tok[cu].flags & TF_SENT_START));
        bool after_prep = m->first > 0 && (d->tok[m->first - 1].lex & LX_PREP) &&
                          d->tok[m->first - 1].kind == TK_WORD;
        /* "Mrs. Clinton tried ...": a lower-case word that is not a
         * preposition after the mention is most likely its verb */
        bool before_verb = a < d->ntok && d->tok[a].kind == TK_WORD &&
                           (d->tok[a].flags & TF_LOWER) &&
                           !(d->tok[a].lex & (LX_PREP | LX_CONJ | LX_FUNC | LX_DET));
        /* "Netanyahu visited the Gush Etzion settlement bloc": after a
         * plain lower-case word (a verb) a mention is its object, and
         * the word after it is a noun it modifies */
        if (before_verb && m->first > 0) {
            const ws_token *p = &d->tok[m->first - 1];
            if (p->kind == TK_WORD && (p->flags & TF_LOWER) &&
                !(p->lex & (LX_CONJ | LX_COMPLEMENTISER | LX_RELATIVE | LX_SKIP | LX_FUNC | LX_PRONOUN)) &&
                !ws_is_subordinator(d, m->first - 1))
                before_verb = false;
        }
        /* "clashed at Saturday's GOP debate": after a possessor a
         * mention modifies the noun that follows; "Florida's Marco Rubio
         * said" is still a subject, by its cue */
        if (before_verb && m->first > 0 && d->tok[m->first - 1].kind == TK_CLITIC && !first_in_sentence)
            before_verb = false;
        /* "visited the U.S.-Mexico border ... and argued": a name joined
         * by a hyphen to the word before modifies the noun after it */
        if (before_verb && m->first > 0 && tok_is_dash(d, m->first - 1) &&
            !(d->tok[m->first - 1].flags & TF_SPACE_BEFORE) && !(d->tok[m->first].flags & TF_SPACE_BEFORE))
            before_verb = false;
        if ((d->tok[m->first].flags & TF_PARA_START) && dateline_at(d, m->last + 1)) {
            m->subject = false;
            /* "NEUQUÉN, Argentina, Nov 18 (Reuters) -": the agency's name
             * credits the story; it is no one in focus, so "It did not
             * say" later is not Reuters (synth-j, Reuters style) */
            size_t dash = dateline_end(d, m->last + 1);
            for (size_t j = k + 1; j < d->nm && d->m[j].last < dash; j++) {
                d->m[j].subject = false;
                d->m[j].credit = true;
            }
            continue;
        }
        /* the hearer of "told" is its object ("..., told The Hill"); an
         * inverted subject closes its clause ("..., said Ryan Ellis, a
         * consultant."), where "..., said Tyvak would ..." opens the
         * content's */
        size_t after_m = m->last + 1;
        after_cue = after_cue && ws_cue_inverts(d, cu) &&
                    (after_m >= d->ntok || tok_is_punct(d, after_m, ',') ||
                     tok_is_punct(d, after_m, '(') || tok_is_dash(d, after_m) ||
                     (d->tok[after_m].flags & (TF_SENT_PUNCT | TF_PARA_START | TF_CLOSE)));
        m->subject = before_cue || after_cue ||
                     (!after_prep && (first_in_sentence || before_verb));
        /* a subject inside the content of a cue earlier in its sentence
         * ("Marco Villa ... said Tyvak would leverage ...") is the
         * reported clause's, not the paragraph's: a later "he said" is
         * still Villa (issue 12, point 8) */
        /* "Chloe said her grandmother had told the family ...": a cue in
         * the past perfect or after "would" is the reported clause's own
         * (as indirect.c reads it), and its subject stays embedded */
        bool backshifted = before_cue && a > m->last + 1 &&
                           (ws_word_is(d, a - 1, "had") || ws_word_is(d, a - 1, "would"));
        m->embedded = cue != SIZE_MAX && cue < m->first && (backshifted || (!before_cue && !after_cue));
        /* "... both Lorenz and Rothman, who had arrived": a relative
         * clause's subject is no main subject either */
        m->embedded |= m->antecedent >= 0 && !before_cue;
        /* "In the hours after 14 people were killed in San Bernardino,
         * Calif., a familiar voice ...": a subject inside an opening
         * phrase is that phrase's, not the sentence's */
        m->embedded |= opening && !before_cue && !after_cue;
        /* "Mr. Putin veered close to an admission that Russian soldiers
         * had fought ..., saying": a subject after a lower-case "that"
         * is its clause's, and the participle is still Putin's */
        m->embedded |= m->first > 0 && !before_cue && !after_cue &&
                       (d->tok[m->first - 1].lex & LX_COMPLEMENTISER) &&
                       (d->tok[m->first - 1].flags & TF_LOWER);
        WS_WORK(d, 1);
    }
}

/* ===================================================================== */
/*  The pass                                                             */
/* ===================================================================== */

/* A paragraph in capitals ("CLICK HERE TO READ MORE FROM THE WASHINGTON
 * EXAMINER", the seed) is a banner, not prose: it names no speaker. */
static size_t shouted_paragraph_end(const ws_doc *d, size_t i)
{
    size_t words = 0, caps = 0, j = i;
    do {
        if (d->tok[j].kind == TK_WORD) {
            words++;
            caps += (d->tok[j].flags & TF_ALLCAPS) != 0;
        }
        j++;
    } while (j < d->ntok && !(d->tok[j].flags & TF_PARA_START));
    return (words >= 4 && caps * 5 >= words * 4) ? j : i;
}

/* A headline in title case ("Trump's Made-for-TV Trade War Keeps World
 * Guessing"): every word of four letters or more capitalised, no final
 * stop, no quotation, no colon, at most WS_MAX_HEADLINE_TOKENS tokens. Its
 * capitalised run is headline words, not a name: read as one, it became
 * the antecedent of the article's first "he" (news dev, nytimes). A
 * headline in sentence case ("ECB not in talks with Greece -
 * spokeswoman") or one naming its speaker ("Sanders: Clinton needs ...")
 * keeps its names. Returns the paragraph's end, or i. */
static size_t title_case_headline_end(const ws_doc *d, size_t i)
{
    size_t long_words = 0, j = i;
    do {
        const ws_token *t = &d->tok[j];
        if (j - i > WS_MAX_HEADLINE_TOKENS || (t->flags & (TF_OPEN | TF_SENT_PUNCT)) ||
            tok_is_punct(d, j, ':'))
            return i;
        if (t->kind == TK_WORD && t->end - t->start >= 4) {
            if (!(t->flags & TF_CAP))
                return i;
            long_words++;
        }
        j++;
    } while (j < d->ntok && !(d->tok[j].flags & TF_PARA_START));
    return long_words >= 4 ? j : i;
}

/* A photo credit ("Neilson Barnard via Getty Images.", "Photo by Jane
 * Doe", "John Smith for The New York Times"): a short paragraph of
 * capitalised words joined by "via", "by" or "for", with no verb. The
 * photographer acts nowhere in the text; read as a name, the credit drew
 * the next "the 43-year-old" (PolNeAR train, huff-post). Returns the
 * paragraph's end, or i. */
static size_t credit_line_end(const ws_doc *d, size_t i)
{
    static const char *const JOINERS[] = {"via", "by", "for", "and", "of", "the"};
    size_t j = i, joiners = 0;
    do {
        const ws_token *t = &d->tok[j];
        if (j - i > WS_MAX_CREDIT_TOKENS || (t->flags & TF_OPEN) ||
            (t->kind == TK_WORD && (t->lex & (LX_CUE | LX_VERB | LX_BE))))
            return i; /* "Trump Wins By A Landslide" has a verb: a headline */
        if (t->kind == TK_WORD && !(t->flags & TF_CAP)) {
            size_t k = 0;
            while (k < sizeof JOINERS / sizeof JOINERS[0] && !ws_word_is(d, j, JOINERS[k]))
                k++;
            if (k == sizeof JOINERS / sizeof JOINERS[0])
                return i;
            joiners += k < 3;
        }
        j++;
    } while (j < d->ntok && !(d->tok[j].flags & TF_PARA_START));
    return joiners ? j : i;
}

/* "WALLACE: ..." at the start of a quotation: a transcript's speaker. */
static bool add_labels(ws_doc *d)
{
    for (size_t k = 0; k < d->nq; k++) {
        size_t t = d->q[k].open + 1;
        WS_WORK(d, 1);
        if (t + 1 >= d->q[k].close || d->tok[t].kind != TK_WORD ||
            !(d->tok[t].flags & TF_ALLCAPS) || !tok_is_punct(d, t + 1, ':') ||
            d->tok[t].mention >= 0)
            continue;
        ws_mention *m = add_mention(d, t, t, MK_NAME);
        if (!m)
            return false;
        m->label = true;
        m->subject = true;
    }
    return true;
}

bool ws_mentions_find(ws_doc *d)
{
    d->nm = 0;
    mark_common_words(d);
    size_t i = 0;
    while (i < d->ntok) {
        const ws_token *t = &d->tok[i];
        WS_WORK(d, 1);
        if (t->flags & TF_PARA_START) {
            size_t skip = shouted_paragraph_end(d, i);
            if (skip == i)
                skip = title_case_headline_end(d, i);
            if (skip == i)
                skip = credit_line_end(d, i);
            WS_WORK(d, skip - i);
            if (skip > i) {
                i = skip;
                continue;
            }
        }
        if (t->kind != TK_WORD || !ws_tok_outside_quotes(t)) {
            i++;
            continue;
        }
        if (particle_starts_name(d, i)) {
            /* "von der Leyen said", "bin Laden said" */
            size_t j = name_run_end(d, i);
            if (!add_name(d, i, j))
                return false;
            i = j;
            continue;
        }
        if ((name_word(d, i) && !sentence_initial_non_name(d, i)) || pronoun_spelled_surname(d, i)) {
            size_t j = name_run_end(d, i);
            if (!shouted(d, i, j) && !add_name(d, i, j))
                return false;
            i = j;
            continue;
        }
        if ((t->lex & LX_RELATIVE) && !add_relative(d, i))
            return false;
        if (t->lex & LX_PRONOUN) {
            if (!add_pronoun(d, i))
                return false;
            i++;
            continue;
        }
        if ((t->lex & (LX_CUE | LX_CUE_BASE | LX_CUE_ING)) && !add_plural_before_cue(d, i))
            return false;
        if (t->lex & LX_ACCORDING) {
            size_t next = i + 1;
            if (!add_source_after_according(d, i, &next))
                return false;
            i = next;
            continue;
        }
        if ((t->lex & LX_DET) && !(t->lex & (LX_COMPLEMENTISER | LX_FEMALE))) {
            size_t next = i + 1;
            if (!add_phrase_before_cue(d, i, &next) ||
                (next == i + 1 && !add_phrase_after_cue(d, i, &next)))
                return false;
            if (next > i + 1) {
                i = next;
                continue;
            }
        }
        if ((t->lex & LX_ROLE) && (!lower_word(d, i + 1, LX_ROLE | LX_TITLE) || verb_after_plural(d, i + 1)) &&
            !(i + 1 < d->ntok && name_word(d, i + 1) &&
                                    !(d->tok[i + 1].flags & TF_SENT_START))) {
            size_t next = i + 1;
            if (!add_role(d, i, &next))
                return false;
            i = next;
            continue;
        }
        i++;
    }
    mark_subjects(d);
    return add_labels(d);
}
