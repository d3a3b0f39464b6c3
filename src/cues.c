/*
 * Stage: cues, and the speaker phrases around them.
 *
 * A cue is a reporting verb of the lexicon (finite, a participle, or a
 * base form after an auxiliary or a plural subject) or "according to".
 * Its speaker is found where English puts a subject: right before it
 * (over adverbs, times and parentheticals), after it when inverted ("said
 * Ryan Ellis"), or at the head of the sentence for a participle
 * ("saying"). Shared by the direct (attribute.c) and indirect
 * (indirect.c) attribution. Every search is bounded by
 * WS_MAX_ATTRIBUTION_WINDOW tokens or a smaller constant.
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Cues                                                                 */
/* ===================================================================== */

bool ws_tok_outside_quotes(const ws_token *t)
{
    return !(t->flags & (TF_IN_QUOTE | TF_OPEN | TF_CLOSE));
}

/* An auxiliary before a base form makes it a cue: "will say", "did not
 * deny", "to add". */
/* Is token i the word "to"? */
static bool is_to(const ws_doc *d, size_t i)
{
    if (i >= d->ntok || d->tok[i].kind != TK_WORD)
        return false;
    const ws_token *t = &d->tok[i];
    return t->end - t->start == 2 && (d->text[t->start] | 0x20) == 't' &&
           (d->text[t->start + 1] | 0x20) == 'o';
}

static bool aux_before(const ws_doc *d, size_t i)
{
    if (i == 0)
        return false;
    const ws_token *t = &d->tok[i - 1];
    if (t->kind != TK_WORD)
        return false;
    bool to = is_to(d, i - 1);
    /* "will say", "did not deny": a modal or "do" (LX_VERB and LX_SKIP),
     * over at most one adverb */
    if (to || ((t->lex & LX_SKIP) && (t->lex & LX_VERB) && !(t->lex & LX_BE)))
        return true;
    if ((t->lex & LX_SKIP) && i >= 2 && d->tok[i - 2].kind == TK_WORD) {
        uint32_t lx2 = d->tok[i - 2].lex;
        return (lx2 & LX_SKIP) && (lx2 & LX_VERB) && !(lx2 & LX_BE);
    }
    return false;
}

/* A base form right after a mention is a present tense: "critics say",
 * "they tell", "the Saudis state". */
static bool mention_before(const ws_doc *d, size_t i)
{
    size_t k = i;
    while (k > 0 && d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_SKIP) &&
           !(d->tok[k - 1].lex & LX_BE) && i - k < 2)
        k--;
    if (k == 0 || d->tok[k - 1].mention < 0)
        return false;
    const ws_mention *m = &d->m[d->tok[k - 1].mention];
    /* "Mr. Autor and Mr. Hanson emphasize": a coordinated subject */
    bool coordinated = m->first >= 2 && d->tok[m->first - 1].kind == TK_WORD &&
                       (d->tok[m->first - 1].lex & LX_CONJ) && d->tok[m->first - 2].mention >= 0;
    return m->last == k - 1 && (coordinated || m->gender == G_PLURAL || m->first_person ||
                                (d->tok[m->last].lex & LX_PLURAL) ||
                                (m->kind == MK_NAME && d->text[d->tok[m->last].end - 1] == 's'));
}

/* A mention ends right before i (over adverbs): "Trump says", "the
 * report states", "he also notes". */
static bool mention_subject_before(const ws_doc *d, size_t i)
{
    size_t k = i;
    while (k > 0 && d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_SKIP) &&
           !(d->tok[k - 1].lex & LX_BE) && i - k < 2)
        k--;
    if (k == 0 || tok_is_punct(d, k - 1, ',') || (d->tok[k - 1].flags & TF_CLOSE) ||
        (d->tok[i].flags & TF_SENT_START) ||
        (d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_CONJ)))
        return true; /* "Trump, the nominee, says"; ""Q," says X"; "and says" */
    return k > 0 && d->tok[k - 1].mention >= 0 && d->m[d->tok[k - 1].mention].last == k - 1;
}

/* "those surveyed say", "union members and leaders say": a base form
 * after a plural-looking word (-s, not -ss) is a present tense. */
static bool plural_before(const ws_doc *d, size_t i)
{
    if (i == 0 || d->tok[i - 1].kind != TK_WORD || (d->tok[i - 1].lex & (LX_VERB | LX_FUNC | LX_SKIP)))
        return false;
    const ws_token *t = &d->tok[i - 1];
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    /* "Six in 10 say", "two of every three say": a proportion */
    bool proportion = (t->flags & TF_DIGIT) && i >= 3 &&
                      (ws_word_is(d, i - 2, "in") || ws_word_is(d, i - 2, "of"));
    /* "Jeb Bush and Chris Christie, who say": a base form after the
     * relative agrees with its plural antecedent */
    bool relative = (t->lex & LX_RELATIVE) && ws_word_is(d, i - 1, "who");
    return proportion || relative || (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u') ||
           (t->lex & (LX_PLURAL | LX_QUANTITY)) || (n > 3 && memcmp(w + n - 2, "ed", 2) == 0 &&
                                                   i >= 2 && (d->tok[i - 2].lex & LX_DET));
}

/* "Executives across the world say", "Many of the residents say": a
 * plural subject with a prepositional phrase before a base form. */
static bool plural_with_phrase_before(const ws_doc *d, size_t i)
{
    for (size_t k = i; k-- > 1 && i - k <= 4;) {
        const ws_token *t = &d->tok[k];
        if (t->kind != TK_WORD || (t->lex & (LX_VERB | LX_CUE | LX_SKIP | LX_CONJ)))
            return false;
        if (t->lex & LX_PREP)
            return k + 1 < i && !(t->flags & TF_SENT_START) && plural_before(d, k);
        if (t->flags & TF_SENT_START)
            return false;
    }
    return false;
}

/* "The deal will fail, say experts.", "The combination, say economists,
 * marks ...": a base form after a comma, inverted before a plural
 * subject that closes the attribution (issue 12, point 5: present-tense
 * cues after plural subjects). */
static bool inverted_plural_after(const ws_doc *d, size_t i)
{
    if (i < 2 || !(tok_is_punct(d, i - 1, ',') ||
                   ((d->tok[i - 1].flags & TF_CLOSE) && tok_is_punct(d, i - 2, ','))))
        return false;
    int32_t m = ws_mention_at(d, i + 1);
    if (m < 0 || d->m[m].first != i + 1 || d->m[m].kind == MK_PRONOUN)
        return false;
    const ws_token *h = &d->tok[d->m[m].last];
    const char *w = d->text + h->start;
    size_t n = h->end - h->start;
    bool plural = d->m[m].gender == G_PLURAL || (h->lex & LX_PLURAL) ||
                  ((h->flags & TF_LOWER) && n > 3 && w[n - 1] == 's' && w[n - 2] != 's');
    size_t a = d->m[m].last + 1;
    return plural && (a >= d->ntok || tok_is_punct(d, a, ',') ||
                      (d->tok[a].flags & (TF_SENT_PUNCT | TF_PARA_START)));
}

void ws_headline_window(const ws_doc *d, size_t i, size_t *a, size_t *b)
{
    size_t s = i, e = i + 1;
    while (s > 0 && !(d->tok[s].flags & TF_PARA_START) && i - s < WS_MAX_HEADLINE_TOKENS)
        s--;
    while (e < d->ntok && !(d->tok[e].flags & TF_PARA_START) && e - i < WS_MAX_HEADLINE_TOKENS)
        e++;
    WS_WORK(d, e - s);
    *a = s;
    *b = e;
}

/* A title-case headline: "Newspaper Says Clinton Needs To Quit". */
static bool headline_cue(const ws_doc *d, size_t i)
{
    if (!(d->tok[i].lex & (LX_CUE | LX_PAST)) || !(d->tok[i].flags & TF_CAP) || i == 0 ||
        i + 1 >= d->ntok)
        return false;
    /* "..., Former White House Doctor Says." ends its headline */
    bool closes = (d->tok[i + 1].flags & (TF_SENT_PUNCT | TF_PARA_START)) != 0;
    if (!((d->tok[i - 1].flags & TF_CAP) && ((d->tok[i + 1].flags & TF_CAP) || closes) &&
          d->tok[i - 1].para == d->tok[i].para && !(d->tok[i].flags & TF_SENT_START)))
        return false;
    /* and the paragraph is a headline: short ("the United States Senate"
     * in running text is no headline) */
    size_t a, b;
    ws_headline_window(d, i, &a, &b);
    return (d->tok[a].flags & TF_PARA_START) && (b >= d->ntok || (d->tok[b].flags & TF_PARA_START)) &&
           b - a <= WS_MAX_HEADLINE_TOKENS;
}

/* The cue at token i: its end (exclusive), or 0. */
/* "movies and TV shows from Pixar", "reports from the front": an -s form
 * before "from" is a noun's plural; a verb of saying has its content or
 * its hearer next, not a source. */
static bool plural_noun_from(const ws_doc *d, size_t i)
{
    const ws_token *n = i + 1 < d->ntok ? &d->tok[i + 1] : NULL;
    return n && n->kind == TK_WORD && n->end - n->start == 4 &&
           memcmp(d->text + n->start, "from", 4) == 0;
}

/* "his anti-Muslim remarks were", "the reports have shown": an -s form
 * followed by an auxiliary or "be" is a plural noun, the subject of
 * that verb; a verb of saying is followed by its content or hearer. */

bool ws_plural_noun_before_verb(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    if (!(t->lex & LX_CUE) || (t->lex & LX_PAST) || d->text[t->end - 1] != 's' || i + 1 >= d->ntok)
        return false;
    /* "which Sanders says is maintained", "the plan the company says
     * would cost": after a subject the -s form is the verb of a relative
     * clause; only a plain modifier before it ("his fundraising emails")
     * makes it a noun */
    const ws_token *p = i > 0 ? &d->tok[i - 1] : NULL;
    /* "the Russian and Syrian claims are false": a demonym modifies */
    if (p && ws_place_token(d, i - 1) && d->text[p->end - 1] == 'n')
        return ws_aux_at(d, i + 1);
    if (!p || p->kind != TK_WORD || !(p->flags & TF_LOWER) || p->mention >= 0 ||
        (p->lex & (LX_PRONOUN | LX_CONJ | LX_SKIP | LX_FUNC | LX_PREP | LX_RELATIVE | LX_COMPLEMENTISER |
                   LX_ROLE | LX_ORG | LX_DOCUMENT)))
        return false; /* "he favors but says would", "the foundation predicts will" */
    return ws_aux_at(d, i + 1);
}

/* "the 34-year-old": a word that describes a person by age (FORMAT: the
 * speaker of "the 34-year-old said" is the person in focus). Shared with
 * entities.c, which resolves such a phrase. */
bool ws_age_word(const ws_doc *d, size_t i)
{
    static const char suffix[] = "-year-old";
    const ws_token *t = &d->tok[i];
    size_t n = t->end - t->start, k = sizeof suffix - 1;
    return (t->flags & TF_DIGIT) && n > k && memcmp(d->text + t->end - k, suffix, k) == 0;
}

/* "Some said", "Many say": a quantity determiner alone before a past
 * or a base form is the subject, not the determiner of a noun ("some
 * states", "many comments" are -s forms and stay nouns). */
static bool quantity_as_subject(const ws_doc *d, size_t i)
{
    const ws_token *p = &d->tok[i - 1];
    return (p->lex & LX_QUANTITY) && (d->tok[i].lex & (LX_PAST | LX_CUE_BASE)) &&
           ((p->flags & TF_SENT_START) ||
            (i >= 2 && (ws_is_comma(d, i - 2) || (d->tok[i - 2].kind == TK_WORD && (d->tok[i - 2].lex & LX_CONJ)))));
}

/* "in each state said": after "each" or "every" a bare base form is a
 * noun; "the Times and the Post each called it" keeps its past form. */
static bool noun_after_each(const ws_doc *d, size_t i)
{
    return (ws_word_is(d, i - 1, "each") || ws_word_is(d, i - 1, "every")) &&
           !(d->tok[i].lex & (LX_CUE | LX_PAST | LX_CUE_ING));
}

size_t ws_cue_end_at(const ws_doc *d, size_t i)
{
    if (i >= d->ntok)
        return 0;
    const ws_token *t = &d->tok[i];
    if (!(t->lex & (LX_CUE | LX_CUE_BASE | LX_CUE_ING | LX_ACCORDING)) || t->kind != TK_WORD ||
        !ws_tok_outside_quotes(t))
        return 0; /* most tokens: one test */
    if (t->lex & LX_ACCORDING)
        return is_to(d, i + 1) ? i + 2 : 0;
    if (!(t->flags & TF_LOWER) && !(t->flags & TF_SENT_START) && !headline_cue(d, i))
        return 0;
    /* "the states", "her emails", "three points": a noun */
    if (i > 0 && d->tok[i - 1].kind == TK_WORD &&
        (((d->tok[i - 1].lex & LX_DET) && !(d->tok[i - 1].lex & LX_COMPLEMENTISER) &&
          !quantity_as_subject(d, i)) || noun_after_each(d, i) ||
         ((d->tok[i - 1].flags & TF_DIGIT) && !ws_age_word(d, i - 1) &&
          !(i >= 3 && d->tok[i - 1].mention >= 0 &&
            (ws_word_is(d, i - 2, "in") || ws_word_is(d, i - 2, "of"))))))
        return 0; /* but "Six in 10 say": a proportion (mentions.c); "the
                     34-year-old told the court": an age is a person */
    if ((t->lex & LX_CUE) && !(t->lex & LX_PAST) && d->text[t->end - 1] == 's' &&
        (!mention_subject_before(d, i) || plural_noun_from(d, i) || ws_plural_noun_before_verb(d, i)))
        return 0; /* "swing states", "his comments", "TV shows from Pixar": plural nouns */
    /* "Added together, it has become ...", "Asked about it, she ...": a
     * past participle opening its sentence, a few plain words and a
     * comma, is an adjunct, not a cue */
    if ((t->flags & TF_SENT_START) && (t->lex & LX_PAST) && !(t->flags & TF_LOWER)) {
        size_t j = i + 1;
        while (j < d->ntok && j - i <= 3 && d->tok[j].kind == TK_WORD && (d->tok[j].flags & TF_LOWER))
            j++;
        if (j > i + 1 && ws_is_comma(d, j))
            return 0;
    }
    /* "That said, the DEA says ...", "Having said that, ...": a
     * discourse phrase, not a report */
    if (i >= 1 && ws_word_is(d, i, "said") &&
        (((d->tok[i - 1].flags & TF_SENT_START) && ws_word_is(d, i - 1, "that") && ws_is_comma(d, i + 1)) ||
         (ws_word_is(d, i - 1, "having") && ws_word_is(d, i + 1, "that") && ws_is_comma(d, i + 2))))
        return 0;
    /* "pointed out that", "laid out how": the particle is the cue's */
    if ((t->lex & (LX_CUE | LX_CUE_ING)) && ws_word_is(d, i + 1, "out"))
        return i + 2;
    if (t->lex & (LX_CUE | LX_CUE_ING))
        return i + 1;
    if (t->lex & LX_CUE_BASE) {
        /* "Most mainstream economists, however, argue that": a one-word
         * aside between commas stands between the subject and its verb */
        size_t b = i;
        if (i >= 4 && ws_is_comma(d, i - 1) && ws_is_comma(d, i - 3) && d->tok[i - 2].kind == TK_WORD &&
            (d->tok[i - 2].flags & TF_LOWER) && d->tok[i - 2].mention < 0 &&
            !(d->tok[i - 2].lex & (LX_CONJ | LX_CUE | LX_CUE_BASE | LX_PRONOUN)))
            b = i - 3;
        if (aux_before(d, i) || mention_before(d, b) || plural_before(d, b) ||
            plural_with_phrase_before(d, b) || inverted_plural_after(d, i))
            return i + 1;
    }
    return 0;
}

/* Verbs whose first object is the hearer: "told reporters (that)",
 * "informed the court". */
bool ws_cue_takes_hearer(const ws_doc *d, size_t c)
{
    static const char *const HEARER[] = {"told", "tells", "tell", "telling", "informed",
                                         "informs", "assured", "assures", "reminded", "reminds",
                                         "warned", "warns", "asked", "asks", "ask", "asking",
                                         "briefed"};
    if (c >= d->ntok || d->tok[c].kind != TK_WORD)
        return false;
    const char *w = d->text + d->tok[c].start;
    size_t n = d->tok[c].end - d->tok[c].start;
    for (size_t k = 0; k < sizeof HEARER / sizeof HEARER[0]; k++) {
        bool same = (w[0] | 0x20) == HEARER[k][0] && strlen(HEARER[k]) == n;
        for (size_t i = 0; same && i < n; i++)
            same = (w[i] | 0x20) == HEARER[k][i];
        if (same)
            return true;
    }
    return false;
}

/* Can the mention after the cue at c be its inverted subject? Not after
 * "told" and its kin ("..., Carlineo's attorney, told The Hill": The
 * Hill heard it); "asked" inverts ("“Why?” asked Jones"). */
bool ws_cue_inverts(const ws_doc *d, size_t c)
{
    if (!ws_cue_takes_hearer(d, c))
        return true;
    /* ""Q," warned Clinton.": right after a quotation any cue but "tell"
     * inverts; a hearer there would leave the clause without a subject */
    if (c > 0 && (d->tok[c - 1].flags & TF_CLOSE) && !ws_word_is(d, c, "told") && !ws_word_is(d, c, "tells") &&
        !ws_word_is(d, c, "tell"))
        return true;
    const char *w = d->text + d->tok[c].start;
    return d->tok[c].end - d->tok[c].start >= 3 && (w[0] | 0x20) == 'a' && (w[1] | 0x20) == 's' &&
           (w[2] | 0x20) == 'k';
}

/* ===================================================================== */
/*  Speaker phrases around a cue                                         */
/* ===================================================================== */

int32_t ws_mention_at(const ws_doc *d, size_t i)
{
    return i < d->ntok ? d->tok[i].mention : -1;
}

bool ws_is_comma(const ws_doc *d, size_t i)
{
    return tok_is_punct(d, i, ',');
}

/* A subordinator opens a clause that says when or why ("said when she
 * resigned", "When the advisers suggested a deal, Mr. Trump ..."), never
 * what was said. */
bool ws_is_subordinator(const ws_doc *d, size_t i)
{
    static const char *const words[] = {"when", "while", "because", "as", "although",
                                        "before", "after", "since", "until"};
    if (i >= d->ntok || d->tok[i].kind != TK_WORD)
        return false;
    size_t n = d->tok[i].end - d->tok[i].start;
    const char *w = d->text + d->tok[i].start;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        if ((w[0] | 0x20) != words[k][0] || strlen(words[k]) != n)
            continue;
        size_t j = 0;
        while (j < n && (w[j] | 0x20) == words[k][j])
            j++;
        if (j == n)
            return true;
    }
    return false;
}

/* Does the sentence starting at s open with a fronted clause or phrase
 * whose comma comes before the main clause ("When the advisers
 * suggested a deal, ...", "In a wide-ranging interview with journalist
 * Matei Rosca last year, Lazar said ...")? A name inside it is no
 * subject of the sentence. */
/* A comma that closes a clause: one outside quotation marks, or one
 * that ends a quotation ("In an interview with "Fox and Friends,"
 * Donald Trump ...", American punctuation puts it inside). */
bool ws_clause_comma(const ws_doc *d, size_t k)
{
    return ws_is_comma(d, k) &&
           (ws_tok_outside_quotes(&d->tok[k]) || (k + 1 < d->ntok && (d->tok[k + 1].flags & TF_CLOSE)));
}

/* "At a rally in Portsmouth, N.H., on Tuesday, Sanders said": the comma
 * at k opens a place in apposition to the place before it (a place
 * word or a dotted state abbreviation, up to three capitalised words);
 * returns the comma that closes it, or 0. Such a comma ends no clause. */
size_t ws_place_apposition_end(const ws_doc *d, size_t k)
{
    size_t j = k + 1;
    /* "Calif." may be a word and a stop that is no full stop */
    while (j < d->ntok && j - k <= 4 &&
           ((d->tok[j].kind == TK_WORD && (d->tok[j].flags & TF_CAP)) ||
            (j > k + 1 && tok_is_punct(d, j, '.') && !(d->tok[j].flags & TF_SENT_PUNCT))) &&
           d->tok[j].para == d->tok[k].para)
        j++;
    if (j == k + 1 || !ws_is_comma(d, j))
        return 0;
    /* "In October, Rep. David McKinley, R-W.Va., visited": a title or a
     * given name makes a person, not a place */
    for (size_t t = k + 1; t < j; t++)
        if (d->tok[t].kind == TK_WORD && (d->tok[t].lex & (LX_TITLE | LX_GIVEN)))
            return 0;
    for (size_t t = k + 1; t < j; t++) {
        const ws_token *w = &d->tok[t];
        if (ws_place_token(d, t) || (w->end - w->start >= 3 && memchr(d->text + w->start, '.', w->end - w->start) != NULL) ||
            (t + 1 < j && tok_is_punct(d, t + 1, '.')))
            return j;
    }
    return 0;
}

/* "At a hearing in X, on Tuesday, after 14 people were killed, the
 * sheriff ...": after an opening phrase's comma, another phrase or
 * clause of time or place may follow before the main clause. */
bool ws_fronted_goes_on(const ws_doc *d, size_t k)
{
    /* "..., in New Hampshire, which is set to host ...,": a relative
     * clause on the phrase's last noun belongs to it too */
    return k < d->ntok && d->tok[k].kind == TK_WORD &&
           (ws_is_subordinator(d, k) || ((d->tok[k].lex & LX_PREP) && !(d->tok[k].lex & LX_OF)) ||
            ws_word_is(d, k, "which") || ws_word_is(d, k, "where"));
}

bool ws_opens_fronted(const ws_doc *d, size_t s)
{
    if (ws_is_subordinator(d, s))
        return true;
    /* "Speaking to reporters in New Hampshire on Tuesday, Bush ...": an
     * opening participle */
    if (s < d->ntok && d->tok[s].kind == TK_WORD && !(d->tok[s].flags & TF_LOWER) && d->tok[s].mention < 0) {
        if (ws_tok_ends_with(d, &d->tok[s], "ing", 5))
            return true;
    }
    return s < d->ntok && d->tok[s].kind == TK_WORD && (d->tok[s].lex & LX_PREP) &&
           !(d->tok[s].flags & TF_LOWER) && !(d->tok[s].lex & LX_OF);
}

/* "Tomás Lindqvist at the University of Reading, UK, who wasn't
 * involved, says": a place after a comma locates the name before it; the
 * apposition does not open after it (synth-i, New Scientist style). */
static bool place_in_apposition(const ws_doc *d, const ws_mention *m)
{
    return m->first >= 2 && ws_is_comma(d, m->first - 1) && d->tok[m->first - 2].mention >= 0 &&
           ws_place_token(d, m->last);
}

/* Step left over what may stand between a subject and its cue: adverbs
 * and auxiliaries ("also", "has"), times ("Wednesday", "on Thursday"),
 * and a parenthetical between commas ("Hegseth, during his press
 * conference, said"; "Sakaliene, a minister, said"). */
static size_t skip_left_fillers(const ws_doc *d, size_t k)
{
    for (int steps = 0; k > 0 && steps < 6; steps++) {
        const ws_token *t = &d->tok[k - 1];
        if (t->kind == TK_WORD && (t->lex & (LX_SKIP | LX_TIME)) && t->mention < 0) {
            k--;
            continue;
        }
        if (t->kind == TK_WORD && (t->lex & LX_FUNC) && (d->tok[k].lex & LX_TIME)) {
            k--; /* "on" in "on Thursday" */
            continue;
        }
        break;
    }
    /* "Gov. John Kasich (R-OH), said": a stray comma after the bracket */
    if (k > 1 && ws_is_comma(d, k - 1) && tok_is_punct(d, k - 2, ')'))
        k--;
    if (k > 0 && tok_is_punct(d, k - 1, ')')) {
        /* "House Speaker Paul D. Ryan (R-Wis.) said" */
        for (size_t j = k - 1; j > 0 && k - j < 10; j--)
            if (tok_is_punct(d, j - 1, '('))
                return j - 1;
    }
    if (k > 0 && ws_is_comma(d, k - 1)) {
        /* an apposition: find the comma that opens it. "Greg Raiff, chief
         * executive officer of Private Jet Services, an aviation consulting
         * firm ..., said" has commas inside it too: the opening comma is
         * the one after the sentence's subject, else the nearest one */
        size_t nearest = SIZE_MAX;
        for (size_t j = k - 1; j > 0 && k - j < WS_MAX_ATTRIBUTION_WINDOW; j--) {
            WS_WORK(d, 1);
            if (ws_is_comma(d, j - 1) && j >= 2 && d->tok[j - 2].mention >= 0 &&
                !place_in_apposition(d, &d->m[d->tok[j - 2].mention])) {
                const ws_mention *m = &d->m[d->tok[j - 2].mention];
                if (m->last == j - 2 && m->subject)
                    return j - 1;
                if (nearest == SIZE_MAX && k - j < WS_MAX_APPOSITION_TOKENS)
                    nearest = j - 1;
            }
            if (!ws_tok_outside_quotes(&d->tok[j - 1]) || (d->tok[j - 1].flags & TF_SENT_START))
                break;
        }
        if (nearest != SIZE_MAX)
            return nearest;
    }
    return k;
}

static bool to_before(const ws_doc *d, size_t c)
{
    return c > 0 && is_to(d, c - 1);
}

static bool after_preposition(const ws_doc *d, const ws_mention *m)
{
    return m->first > 0 && d->tok[m->first - 1].kind == TK_WORD &&
           (d->tok[m->first - 1].lex & LX_PREP);
}

static bool possessive_after(const ws_doc *d, const ws_mention *m)
{
    return m->last + 1 < d->ntok && d->tok[m->last + 1].kind == TK_CLITIC;
}

/* The nearest mention before c that can be a subject: not after a
 * preposition, not a possessor ("a source familiar with the FDIC's
 * investigation said" takes "a source"). */
static int32_t nearest_subject_left(const ws_doc *d, size_t c, bool skip_embedded)
{
    for (size_t k = c; k > 0 && c - k < 14; k--) {
        const ws_token *t = &d->tok[k - 1];
        if (!ws_tok_outside_quotes(t) || tok_is_punct(d, k - 1, ';') || tok_is_punct(d, k - 1, ':'))
            return -1;
        int32_t m = t->mention;
        if (m >= 0 && d->m[m].last == k - 1) {
            const ws_mention *mm = &d->m[m];
            if (!after_preposition(d, mm) && !possessive_after(d, mm) && mm->subject &&
                !(skip_embedded && mm->embedded))
                return m;
        }
        /* a subject further back belongs to that other cue ("Sakaliene
         * said any negotiations that are agreed upon ...") */
        if (t->kind == TK_WORD && (t->lex & LX_CUE))
            return -1;
        if (t->flags & TF_SENT_START)
            return -1;
    }
    return -1;
}

int32_t ws_nearest_subject_left(const ws_doc *d, size_t c)
{
    return nearest_subject_left(d, c, false);
}

/* "sources in the Rukban camp told", "a 2014 study by Harvard and the
 * University of California at Berkeley found": the mention before a cue
 * is a preposition's object; the subject is the head the phrases hang
 * on, found by walking left over "prep mention" and "and mention" links
 * to a mention that follows neither. -1 when the chain breaks. */
static int32_t phrase_head(const ws_doc *d, int32_t m)
{
    for (int links = 0; links < 6; links++) {
        size_t p = d->m[m].first;
        if (p < 2 || d->tok[p - 1].kind != TK_WORD || !ws_tok_outside_quotes(&d->tok[p - 1]) ||
            !(d->tok[p - 1].lex & (LX_PREP | LX_CONJ)) || !(d->tok[p - 1].flags & TF_LOWER))
            return links > 0 && !after_preposition(d, &d->m[m]) ? m : -1;
        int32_t h = ws_mention_at(d, p - 2);
        if (h < 0 || d->m[h].last != p - 2)
            return -1;
        m = h;
    }
    return -1;
}

/* The subject of the cue at c: the mention ending just before it; -2
 * when the cue is coordinated ("... and said") and so shares the
 * sentence's subject. */
int32_t ws_subject_left(const ws_doc *d, size_t c)
{
    size_t k = skip_left_fillers(d, c);
    if (k == 0)
        return -1;
    if (d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_CONJ)) {
        /* "Ms. Sherry smiled and said": the nearest subject, not one
         * inside the first verb's content ("Harcourt confirmed that
         * midfielder Kai Brennan would return but said ...") */
        int32_t m = nearest_subject_left(d, k - 1, true);
        return m >= 0 ? m : -2;
    }
    if (to_before(d, c))
        return -2; /* "went on to say": the governing verb's subject */
    int32_t m = ws_mention_at(d, k - 1);
    if (m >= 0 && d->m[m].last == k - 1 && !after_preposition(d, &d->m[m]))
        return m;
    if (m >= 0 && d->m[m].last == k - 1 && (m = phrase_head(d, m)) >= 0)
        return m;
    return ws_nearest_subject_left(d, k);
}

/* The finite reporting verb a participle after the comma at k hangs on:
 * at most WS_MAX_CUE_ADJUNCT_WORDS words of adjuncts back ("said Tuesday
 * in Paris,"), inside the clause (no other comma, quotation or sentence
 * start between). SIZE_MAX when there is none. */
static size_t cue_left_in_clause(const ws_doc *d, size_t k)
{
    for (size_t j = k; j > 0 && k - j <= WS_MAX_CUE_ADJUNCT_WORDS; j--) {
        const ws_token *t = &d->tok[j - 1];
        if (t->kind != TK_WORD || !ws_tok_outside_quotes(t))
            return SIZE_MAX;
        if ((t->lex & LX_CUE) && ws_cue_end_at(d, j - 1) != 0)
            return j - 1;
        if (t->flags & (TF_SENT_START | TF_PARA_START))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* "Trump calling it "a great meeting"", "Ryan saying": the mention right
 * before a participle; "she sent an email saying", "..., saying": the
 * sentence's subject (-2). */
/* The subject left of the preposition at p - 1 and its verb, inside the
 * clause: the nearest mention that can be a subject and is no other
 * preposition's object. */
static int32_t subject_over_verb(const ws_doc *d, size_t p)
{
    for (size_t k = p; k > 0 && p - k < WS_MAX_ATTRIBUTION_WINDOW; k--) {
        const ws_token *t = &d->tok[k - 1];
        if (!ws_tok_outside_quotes(t) || t->kind == TK_PUNCT)
            return -1;
        int32_t m = t->mention;
        if (m >= 0 && d->m[m].last == k - 1 && d->m[m].subject && !after_preposition(d, &d->m[m]) &&
            d->m[m].kind != MK_PRONOUN)
            return m;
        if (t->flags & TF_SENT_START)
            return -1;
    }
    return -1;
}

int32_t ws_participle_subject(const ws_doc *d, size_t c)
{
    if (d->tok[c].flags & TF_SENT_START) {
        /* "Saying that the plan had failed, the minister resigned": an
         * opening participle's subject is the main clause's, after the
         * clause's comma */
        for (size_t j = c + 1; j < d->ntok && j - c < WS_MAX_REPORT_TOKENS; j++) {
            WS_WORK(d, 1);
            if (d->tok[j].flags & (TF_SENT_START | TF_PARA_START))
                break;
            if (ws_is_comma(d, j) && ws_tok_outside_quotes(&d->tok[j])) {
                int32_t m = ws_mention_at(d, j + 1);
                if (m >= 0 && d->m[m].first == j + 1)
                    return m;
                break;
            }
        }
    }
    size_t k = c;
    while (k > 0 && d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & (LX_SKIP | LX_TIME)) &&
           d->tok[k - 1].mention < 0 && c - k < 3)
        k--;
    int32_t m = k > 0 ? ws_mention_at(d, k - 1) : -1;
    /* "filed a class action in federal court in San Jose alleging that":
     * a preposition's object is no participle's subject, save in the
     * absolute "with forecasters warning" and after "of" ("footage of
     * Hillary Clinton asking") */
    bool object = m >= 0 && d->m[m].last == k - 1 && after_preposition(d, &d->m[m]) &&
                  !ws_word_is(d, d->m[m].first - 1, "with") && !ws_word_is(d, d->m[m].first - 1, "of");
    if (object) {
        /* its verb's subject, further left ("David Emery posted to
         * Twitter asking") */
        int32_t s = subject_over_verb(d, d->m[m].first);
        if (s >= 0)
            return s;
    }
    if (m >= 0 && d->m[m].last == k - 1 && !(d->tok[d->m[m].last].lex & LX_DOCUMENT) &&
        d->m[m].kind != MK_PRONOUN && !object)
        return m;
    /* "The town released a statement Wednesday saying": a written source
     * that is a verb's object says what its issuer says, so the subject
     * is looked for before the document, not at it */
    if (m >= 0 && d->m[m].last == k - 1)
        c = d->m[m].first;
    /* ""Q," Law said, noting that donors feel "Q"": a participle right
     * after "X said," shares that cue's subject, not the sentence's
     * first (which may be a name inside the first quotation's clause) */
    if (c >= 2 && ws_is_comma(d, c - 1) && ws_cue_end_at(d, c - 2) == c - 1) {
        m = ws_subject_left(d, c - 2);
        if (m >= 0)
            return m;
    }
    /* "Trump's "excesses" are sickening, Hollande said Tuesday in Paris,
     * noting ...": a participle after the adjuncts of "X said" is still
     * that cue's; its subject, not the sentence's first mention */
    if (c >= 2 && ws_is_comma(d, c - 1)) {
        size_t cue = cue_left_in_clause(d, c - 1);
        /* but "lashed out at what he characterized as ..., advising":
         * a cue inside a relative clause is not the one it hangs on */
        if (cue != SIZE_MAX && (m = ws_subject_left(d, cue)) >= 0 &&
            !(d->m[m].first > 0 && (d->tok[d->m[m].first - 1].lex & LX_RELATIVE)))
            return m;
    }
    /* "..., he said, adding, "Q"": the nearest subject */
    /* "an admission that Russian soldiers had fought there, saying": a
     * participle after a comma hangs on the main clause, not on the
     * subordinate one before it; "where he forced her to hide while
     * threatening" stays inside it */
    m = nearest_subject_left(d, c, c > 0 && ws_is_comma(d, c - 1));
    return m >= 0 ? m : -2;
}

/* "the head of the institute said", "a voice-over in the ad states",
 * "the authors of the report wrote": a prepositional phrase after a
 * speaker phrase's head, before its cue. Returns the token after the
 * phrase (one preposition, a determiner or possessor, at most
 * WS_MAX_POSTMODIFIER_WORDS words, once more for "of the Department of
 * Health"), or k when no such phrase starts at k. Words that make a
 * clause (a cue, a verb, "that", a pronoun) end the reading: "the
 * figures in the report show" still has "show" after the phrase. */
size_t ws_postmodifier_end(const ws_doc *d, size_t k)
{
    size_t e = k;
    for (int depth = 0; depth < 2; depth++) {
        if (e >= d->ntok || d->tok[e].kind != TK_WORD || !(d->tok[e].flags & TF_LOWER) ||
            !(d->tok[e].lex & LX_PREP) || !ws_tok_outside_quotes(&d->tok[e]) ||
            (depth > 0 && !(d->tok[e].lex & LX_OF)))
            break;
        size_t j = e + 1;
        if (j < d->ntok && d->tok[j].kind == TK_WORD && (d->tok[j].lex & LX_DET) &&
            !(d->tok[j].lex & LX_COMPLEMENTISER))
            j++;
        size_t w = j;
        while (w < d->ntok && w - j < WS_MAX_POSTMODIFIER_WORDS && ws_tok_outside_quotes(&d->tok[w]) &&
               (d->tok[w].kind == TK_WORD || d->tok[w].kind == TK_CLITIC) &&
               !(d->tok[w].flags & (TF_SENT_START | TF_PARA_START)) &&
               !(d->tok[w].lex & (LX_CUE | LX_CUE_ING | LX_VERB | LX_BE | LX_PREP | LX_CONJ |
                                  LX_PRONOUN | LX_RELATIVE | LX_COMPLEMENTISER | LX_SKIP | LX_DET |
                                  LX_ACCORDING)) &&
               /* a base form right after the determiner is a noun ("of
                * the report", "of the state agency"); later it is the
                * cue ("members of the committee say") */
               (w == j || !(d->tok[w].lex & LX_CUE_BASE)))
            w++;
        if (w == j || d->tok[w - 1].kind == TK_CLITIC)
            break;
        e = w;
    }
    return e;
}

/* An inverted subject: "said Ryan Ellis", "according to the report";
 * "said 9/11 widow Terry Strada" reaches over a premodifier that no list
 * knows when the name closes the clause. */
int32_t ws_subject_right(const ws_doc *d, size_t e)
{
    size_t k = e;
    while (k < d->ntok && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_TIME) && k - e < 2)
        k++;
    int32_t m = ws_mention_at(d, k);
    if (m >= 0 && d->m[m].first == k) {
        /* "said it would", "told him": a pronoun after a cue is its
         * object, unless it closes the clause ("..., said he.") */
        if (d->m[m].kind == MK_PRONOUN) {
            size_t after = d->m[m].last + 1;
            bool closes = after >= d->ntok || ws_is_comma(d, after) ||
                          (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START));
            return closes && !d->m[m].first_person && d->m[m].gender != G_NEUTER ? m : -1;
        }
        return m;
    }
    /* "said the younger Mr. Trump", "said the elder Smith": a definite
     * article and a plain adjective before a name */
    if (k + 2 < d->ntok && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_DEFINITE) &&
        d->tok[k + 1].kind == TK_WORD && (d->tok[k + 1].flags & TF_LOWER) && d->tok[k + 1].lex == 0)
        k++;
    bool title_of = false;
    for (size_t j = k; j < d->ntok && j - k < (title_of ? 5u : 3u); j++) {
        const ws_token *t = &d->tok[j];
        /* "said former secretary of state Hillary Clinton": "of" inside
         * a title, between a title word and a lower-case word */
        bool of_here = j > k && (t->lex & LX_OF) && (d->tok[j - 1].lex & (LX_TITLE | LX_ROLE)) && j + 1 < d->ntok &&
                       d->tok[j + 1].kind == TK_WORD && (d->tok[j + 1].flags & TF_LOWER);
        title_of |= of_here;
        if ((t->kind != TK_WORD && !tok_is_punct(d, j, '/')) ||
            (t->kind == TK_WORD && (t->lex & (LX_PREP | LX_DET)) && !of_here))
            return -1; /* "posted the clip to YouTube": an object, not a premodifier */
        m = ws_mention_at(d, j + 1);
        if (m >= 0 && d->m[m].first == j + 1 && d->m[m].kind == MK_NAME) {
            size_t after = d->m[m].last + 1;
            /* "wrote 43-year-old Martin Taylor of Aberdeenshire, Scotland,
             * in a case study": a place of origin, then a phrase saying
             * where, may close the inverted subject */
            if (after + 1 < d->ntok && (ws_word_is(d, after, "of") || ws_word_is(d, after, "from"))) {
                int32_t pm = ws_mention_at(d, after + 1);
                if (pm >= 0 && d->m[pm].first == after + 1)
                    after = d->m[pm].last + 1;
            }
            bool closes = after >= d->ntok || ws_is_comma(d, after) ||
                          (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START)) ||
                          (d->tok[after].kind == TK_WORD && (d->tok[after].lex & LX_PREP) &&
                           !(d->tok[after].lex & LX_OF));
            return closes ? m : -1;
        }
    }
    return -1;
}

/* ""Q," said the head of the institute, John Smith.", "said Clinton's
 * introducer, actress Jamie Lee Curtis": an inverted subject that is a
 * description (or a possessor's) with a name in apposition after it is
 * that person; the name is the speaker (FORMAT.md: the fullest name the
 * document gives). Returns the name's mention, or m. */
int32_t ws_apposed_name(const ws_doc *d, int32_t m)
{
    size_t e = d->m[m].last + 1;
    /* "said a report from Kotak Institutional Equities": a document
     * speaks for its issuer (as "the statement said" does) */
    if ((d->tok[d->m[m].last].lex & LX_DOCUMENT) && (ws_word_is(d, e, "from") || ws_word_is(d, e, "by"))) {
        int32_t is = ws_mention_at(d, e + 1);
        if (is < 0 && e + 2 < d->ntok && (d->tok[e + 1].lex & LX_DET))
            is = ws_mention_at(d, e + 2);
        if (is >= 0 && d->m[is].kind == MK_NAME && d->m[is].first <= e + 2)
            return is;
    }
    bool possessor = e < d->ntok && d->tok[e].kind == TK_CLITIC;
    if (d->m[m].kind == MK_NAME && !possessor)
        return m;
    if (possessor) {
        size_t h = e + 1;
        while (h < d->ntok && h - e <= 3 && d->tok[h].kind == TK_WORD && (d->tok[h].flags & TF_LOWER) &&
               d->tok[h].mention < 0 && !(d->tok[h].lex & (LX_PREP | LX_CONJ | LX_CUE | LX_VERB | LX_BE)))
            h++;
        if (h == e + 1)
            return m;
        e = h;
    }
    e = ws_postmodifier_end(d, e);
    if (!ws_is_comma(d, e))
        return m;
    size_t n = e + 1;
    /* "actress Jamie Lee Curtis": a bare title before the name */
    while (n < d->ntok && n - e <= 2 && d->tok[n].kind == TK_WORD && (d->tok[n].flags & TF_LOWER) &&
           d->tok[n].mention < 0 && !(d->tok[n].lex & (LX_DET | LX_PREP | LX_CONJ | LX_CUE | LX_VERB |
                                                        LX_BE | LX_PRONOUN | LX_RELATIVE)))
        n++;
    int32_t a = ws_mention_at(d, n);
    if (a < 0 || a == m || d->m[a].kind != MK_NAME || d->m[a].last + 1 > d->ntok)
        return m;
    /* "Andrew J. Pincus of the law firm Mayer Brown." */
    size_t after = ws_postmodifier_end(d, d->m[a].last + 1);
    bool closes = after >= d->ntok || ws_is_comma(d, after) ||
                  (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START));
    return closes ? a : m;
}

/* "Said Trump: "Q"" - an inverted subject before a quotation, only where
 * nothing else can follow it ("said the Florida senator can "bring..."" is
 * a clause, not an inversion). */
int32_t ws_inverted_subject(const ws_doc *d, size_t c, size_t ce)
{
    if (!ws_cue_inverts(d, c))
        return -1; /* "told The Hill": the hearer */
    int32_t m = ws_subject_right(d, ce);
    if (m < 0)
        return -1;
    size_t after = d->m[m].last + 1;
    /* "called Trump "a nasty guy"" has an object, not an inversion */
    bool closed = after >= d->ntok || ws_is_comma(d, after) || tok_is_punct(d, after, ':') ||
                  (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START));
    if (!closed && d->tok[after].kind == TK_WORD && (d->tok[after].lex & LX_PREP) &&
        !(d->tok[after].lex & LX_OF)) {
        /* "comments Johnston in a statement, "Q"": a phrase saying where
         * may stand before the clause's end */
        size_t k = after + 1;
        while (k < d->ntok && k - after <= 5 && d->tok[k].kind == TK_WORD && ws_tok_outside_quotes(&d->tok[k]) &&
               !(d->tok[k].lex & (LX_BE | LX_VERB | LX_CUE | LX_CUE_BASE | LX_PREP)))
            k++;
        closed = k < d->ntok && k - after <= 5 && (ws_is_comma(d, k) || tok_is_punct(d, k, ':'));
    }
    return (closed || (d->tok[c].flags & TF_SENT_START)) ? ws_apposed_name(d, m) : -1;
}

size_t ws_sentence_start(const ws_doc *d, size_t i)
{
    return d->tok[i].sent;
}

/* "When Trump suggested a deal, Rubio fired back: "Q"": a sentence opened
 * by a subordinate clause has its main clause, and so its subject, after
 * that clause's comma (as mark_subjects in mentions.c reads it). */
static size_t main_clause_start(const ws_doc *d, size_t s, size_t i)
{
    if (!ws_opens_fronted(d, s))
        return s;
    for (size_t k = s + 1; k < i && k - s < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        WS_WORK(d, 1);
        if (!ws_clause_comma(d, k))
            continue;
        size_t e = ws_place_apposition_end(d, k);
        if (e == 0 && !ws_fronted_goes_on(d, k + 1))
            return k + 1;
        if (e != 0)
            k = e - 1;
    }
    return s;
}

/* The subject of the sentence holding token i: its first subject
 * mention before i ("Trump also raised eyebrows ..., saying, "Q""); when
 * the sentence opens with the participle ("In declaring X "not
 * Christian," the pope ..."), the subject after the comma. */

int32_t ws_sentence_subject(const ws_doc *d, size_t i)
{
    /* a subject opens its sentence: look at the sentence's first
     * WS_MAX_ATTRIBUTION_WINDOW tokens only, however long it runs */
    size_t s = main_clause_start(d, ws_sentence_start(d, i), i);
    for (size_t k = s; k < i && k - s < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        WS_WORK(d, 1);
        int32_t m = ws_mention_at(d, k);
        if (m >= 0 && d->m[m].subject && d->m[m].first == k)
            return m;
    }
    for (size_t k = i + 1; k < d->ntok && k - i < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        WS_WORK(d, 1);
        if (d->tok[k].flags & (TF_SENT_START | TF_SENT_PUNCT))
            break;
        int32_t m = ws_mention_at(d, k);
        bool after_comma = ws_is_comma(d, k - 1) ||
                           ((d->tok[k - 1].flags & TF_CLOSE) && ws_is_comma(d, k - 2));
        if (m >= 0 && d->m[m].first == k && after_comma && d->m[m].subject)
            return m;
    }
    return -1;
}

