/*
 * Stage: attribution. Each quotation gets a cue and a speaker mention.
 *
 * First the local patterns, strongest first (docs/rules.md lists them):
 *   "Q," X said.  "Q," said X.  "Q," X, a Y, said.      (after the quote)
 *   X said, "Q"   X said: "Q"   X said that ... "Q" ...  (a cue before it)
 *   X: "Q"        saying, "Q" (the subject of the sentence)
 * Then, for quotations with no cue of their own, the context: an earlier
 * quotation of the same sentence or paragraph ("A," she said. "B."), the
 * previous paragraph's speaker for a paragraph that is a quotation, the
 * subject of the sentence before. A short quotation with no attribution
 * is a scare quote, a title or a nickname and is dropped (FORMAT.md).
 *
 * Every search is bounded by WS_MAX_ATTRIBUTION_WINDOW tokens.
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Local patterns                                                       */
/* ===================================================================== */

static void set_attr(ws_qpair *q, int32_t mention, size_t cue, size_t cue_end, const char *rule)
{
    q->keep = true;
    q->mention = mention;
    q->cue = cue == SIZE_MAX ? -1 : (int32_t)cue;
    q->cue_end = cue == SIZE_MAX ? -1 : (int32_t)cue_end;
    q->rule = rule;
}

/* After a quotation whose content ends with a full stop, "X said" starts
 * a new sentence unless the clause ends right there ("Q." he said.). */
static bool clause_ends_soon(const ws_doc *d, size_t i)
{
    for (size_t k = i; k < d->ntok && k - i < 6; k++) {
        const ws_token *t = &d->tok[k];
        if ((t->flags & TF_PARA_START) || (t->flags & TF_SENT_PUNCT) || (t->flags & TF_OPEN))
            return true;
        if (t->kind == TK_WORD && (t->lex & LX_COMPLEMENTISER))
            return false;
    }
    return false;
}

/* ""Maybe, we can build a wall around Donald Trump." -- Steve Quinlan": a
 * dash and a name closing the paragraph sign the quotation. */
static bool attribute_signature(const ws_doc *d, ws_qpair *q)
{
    size_t t = q->close + 1;
    if (q->to_para_end || !tok_is_dash(d, t))
        return false;
    int32_t m = ws_mention_at(d, t + 1);
    if (m < 0 || d->m[m].first != t + 1 || d->m[m].kind == MK_PRONOUN)
        return false;
    size_t e = d->m[m].last + 1;
    if (tok_is_punct(d, e, '.'))
        e++;
    if (e < d->ntok && !(d->tok[e].flags & TF_PARA_START))
        return false;
    set_attr(q, m, SIZE_MAX, SIZE_MAX, "quote-dash-speaker");
    q->cue = q->cue_end = -1;
    return true;
}

/* A transcript: ""WALLACE: Do you really see those two as equivalent?"" -
 * the speaker's label opens the quotation. */
static bool attribute_label(const ws_doc *d, ws_qpair *q)
{
    size_t t = q->open + 1;
    int32_t m = ws_mention_at(d, t);
    if (m < 0 || d->m[m].first != t || !d->m[m].label)
        return false;
    set_attr(q, m, SIZE_MAX, SIZE_MAX, "transcript-label");
    q->cue = q->cue_end = -1;
    return true;
}

/* ""Q," lead researcher and NASA planetary scientist Lucas Paganini
 * said": bare titles (no determiner, so no mention of their own) and
 * "and" before a name are that person's first titles. Returns the
 * name's mention, or -1. */
static int32_t coordinated_title_name(const ws_doc *d, size_t t)
{
    bool title = false;
    size_t j = t;
    for (; j < d->ntok && j - t < 6; j++) {
        const ws_token *w = &d->tok[j];
        if (w->kind != TK_WORD || !(w->flags & TF_LOWER) || w->mention >= 0)
            break;
        if (w->lex & (LX_TITLE | LX_ROLE))
            title = true;
        else if (w->lex & ~LX_VERB)
            break;
    }
    if (!title || j + 1 >= d->ntok || !(d->tok[j].lex & LX_CONJ))
        return -1;
    int32_t m = ws_mention_at(d, j + 1);
    return m >= 0 && d->m[m].first == j + 1 && d->m[m].kind == MK_NAME ? m : -1;
}

/* "Q," X said. / "Q," said X. */
/* ""France will always be France," an angry Hollande retaliated.": a
 * quotation that ends in a comma (or ? !), a subject and one past or
 * present verb that ends the sentence is an attribution whatever the verb
 * (retorted, quipped, laughs): English puts nothing else in that slot. */
static bool unlisted_verb_closes(const ws_doc *d, const ws_qpair *q, size_t k)
{
    if (q->close == 0 || !(tok_is_punct(d, q->close - 1, ',') || tok_is_punct(d, q->close - 1, '?') ||
                           tok_is_punct(d, q->close - 1, '!')))
        return false;
    if (k + 1 >= d->ntok || d->tok[k].kind != TK_WORD || !(d->tok[k].flags & TF_LOWER) ||
        (d->tok[k].lex & (LX_PREP | LX_DET | LX_CONJ | LX_FUNC | LX_BE | LX_PRONOUN)) ||
        !ws_tok_outside_quotes(&d->tok[k]))
        return false;
    const ws_token *t = &d->tok[k];
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    bool verb_form = n > 3 && ((w[n - 2] == 'e' && w[n - 1] == 'd') || w[n - 1] == 's');
    if (ws_word_is(d, k + 1, "back")) {
        /* ""Q," Bennett shot back with a laugh.", "Trump hit back.": a
         * verb and "back" answer, whatever its form; a phrase saying how
         * may end the sentence */
        size_t e = k + 2;
        if (ws_word_is(d, e, "with") || ws_word_is(d, e, "at") || ws_word_is(d, e, "on") ||
            ws_word_is(d, e, "in"))
            while (e < d->ntok && e - k < 8 && d->tok[e].kind == TK_WORD)
                e++;
        return e < d->ntok && tok_is_punct(d, e, '.') && (d->tok[e].flags & TF_SENT_PUNCT);
    }
    return verb_form && tok_is_punct(d, k + 1, '.') && (d->tok[k + 1].flags & TF_SENT_PUNCT);
}

/* ""This is fantastic!" beamed Donald Hartley of Madison, Alabama":
 * the inverted order of the same slot: a past form no list knows,
 * then a name that closes the clause. */
static int32_t unlisted_inverted_verb(const ws_doc *d, const ws_qpair *q, size_t k)
{
    if (q->close == 0 || !(tok_is_punct(d, q->close - 1, ',') || tok_is_punct(d, q->close - 1, '?') ||
                           tok_is_punct(d, q->close - 1, '!')))
        return -1;
    const ws_token *t = &d->tok[k];
    if (k + 1 >= d->ntok || t->kind != TK_WORD || !(t->flags & TF_LOWER) || t->mention >= 0 ||
        (t->lex & (LX_PREP | LX_DET | LX_CONJ | LX_FUNC | LX_BE | LX_PRONOUN | LX_SKIP)) ||
        !ws_tok_outside_quotes(t))
        return -1;
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    if (n < 4 || w[n - 2] != 'e' || w[n - 1] != 'd')
        return -1;
    size_t words = 0;
    for (size_t i = q->open + 1; i < q->close && words < 3; i++)
        words += d->tok[i].kind == TK_WORD;
    if (words < 3)
        return -1; /* ""Scandal," thanked Obama for ...": a title */
    int32_t m = ws_subject_right(d, k + 1);
    if (m < 0 || d->m[m].kind != MK_NAME || d->m[m].first != k + 1)
        return -1;
    m = ws_apposed_name(d, m);
    size_t after = d->m[m].last + 1;
    if (after + 1 < d->ntok && (ws_word_is(d, after, "of") || ws_word_is(d, after, "from")) &&
        ws_mention_at(d, after + 1) >= 0)
        after = d->m[ws_mention_at(d, after + 1)].last + 1; /* "of Madison" */
    bool closes = after >= d->ntok || ws_is_comma(d, after) ||
                  (d->tok[after].flags & (TF_SENT_PUNCT | TF_PARA_START));
    return closes ? m : -1;
}

/* ""Q," an angry Hollande retaliated.", ""Q," the 14th-ranked
 * Schwartzman said": a determiner and adjectives before a name describe
 * the speaker; the name is the mention. */
static int32_t name_after_determiner(const ws_doc *d, size_t t)
{
    if (t >= d->ntok || d->tok[t].kind != TK_WORD || !(d->tok[t].lex & LX_DET) ||
        !(d->tok[t].flags & TF_LOWER))
        return -1;
    for (size_t j = t + 1; j < d->ntok && j - t <= 3; j++) {
        int32_t m = ws_mention_at(d, j);
        if (m >= 0)
            return d->m[m].first == j && d->m[m].kind == MK_NAME ? m : -1;
        if (d->tok[j].kind != TK_WORD || !(d->tok[j].flags & (TF_LOWER | TF_DIGIT)) || d->tok[j].lex != 0)
            return -1;
    }
    return -1;
}

static bool attribute_after(const ws_doc *d, ws_qpair *q)
{
    if (q->to_para_end)
        return false;
    size_t t = q->close + 1;
    while (t < d->ntok && (ws_is_comma(d, t) || tok_is_dash(d, t)) && t - q->close < 3)
        t++;
    if (t >= d->ntok || d->tok[t].para != q->para || !ws_tok_outside_quotes(&d->tok[t]))
        return false;
    bool full_stop = q->close > 0 && tok_is_punct(d, q->close - 1, '.');
    size_t ce;
    if ((ce = ws_cue_end_at(d, t)) != 0) {
        int32_t m = !ws_cue_inverts(d, t) ? -1 : ws_subject_right(d, ce);
        if (m >= 0)
            m = ws_apposed_name(d, m);
        if (m < 0 || (full_stop && !clause_ends_soon(d, d->m[m].last + 1)))
            return false;
        set_attr(q, m, t, ce, "quote-cue-speaker");
        return true;
    }
    int32_t m = unlisted_inverted_verb(d, q, t);
    if (m >= 0) {
        set_attr(q, m, t, t + 1, "quote-cue-speaker");
        return true;
    }
    m = ws_mention_at(d, t);
    if (m >= 0 && d->m[m].first != t)
        return false;
    if (m < 0)
        m = name_after_determiner(d, t);
    if (m < 0 && (m = coordinated_title_name(d, t)) < 0)
        return false;
    if (d->m[m].kind == MK_NAME) {
        /* ""Q," JPL scientist and study co-author Michael Malaska said":
         * a name that modifies a bare title coordinated with the person */
        int32_t cm = coordinated_title_name(d, d->m[m].last + 1);
        if (cm >= 0)
            m = cm;
    }
    size_t k = d->m[m].last + 1;
    if (tok_is_punct(d, k, '(')) {
        /* "state Sen. Jason Holsman (D) said" */
        size_t j = k + 1;
        while (j < d->ntok && j - k < 8 && !tok_is_punct(d, j, ')') && ws_tok_outside_quotes(&d->tok[j]))
            j++;
        if (tok_is_punct(d, j, ')'))
            k = j + 1;
    }
    if (k < d->ntok && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_PREP) &&
        d->tok[k].mention < 0) {
        /* "James Pethokoukis of the American Enterprise Institute wrote" */
        size_t j = k + 1;
        if (j < d->ntok && (d->tok[j].lex & LX_DET) && d->tok[j].mention < 0)
            j++;
        int32_t pm = ws_mention_at(d, j);
        if (pm >= 0 && d->m[pm].first <= j)
            k = d->m[pm].last + 1;
        else
            k = ws_postmodifier_end(d, k); /* "a voice-over in the ad states" */
    }
    if (k + 1 < d->ntok && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_CONJ) &&
        d->tok[k].mention < 0) {
        /* ""Q," Paganini and his team wrote": a coordinated subject; the
         * first conjunct anchors it */
        int32_t cm = ws_mention_at(d, k + 1);
        if (cm >= 0 && d->m[cm].first == k + 1) {
            /* ""Q," lead researcher and NASA planetary scientist Lucas
             * Paganini said": a bare title (no determiner) coordinated
             * with a name is that person's second title */
            if (d->m[m].kind == MK_ROLE && !d->m[m].definite && d->m[cm].kind == MK_NAME &&
                !(d->tok[d->m[m].first].lex & LX_DET) && !d->m[m].org)
                m = cm;
            k = d->m[cm].last + 1;
        }
    }
    for (int pieces = 0; pieces < WS_MAX_APPOSITION_PIECES && ws_is_comma(d, k); pieces++) {
        /* an apposition: "Q," Sen. Ted Cruz, R-Texas, said; "Q," Scott
         * Pruitt, the attorney general of Oklahoma, one of the states
         * suing the EPA, said; "..., a planetary scientist at the center in
         * Greenbelt, Maryland, and American University, said": each comma
         * closes one piece; the cue follows the last */
        size_t j = k + 1;
        while (j < d->ntok && j - k < 25 && !ws_is_comma(d, j) && ws_tok_outside_quotes(&d->tok[j]) &&
               !(d->tok[j].flags & TF_SENT_PUNCT) && !(pieces > 0 && ws_cue_end_at(d, j)))
            j++;
        if (pieces > 0 && ws_cue_end_at(d, j)) {
            /* "..., a research analyst at the Council on Energy,
             * Environment and Water think tank told CBS News.": a list
             * inside the apposition, and no comma before the cue */
            k = j;
            break;
        }
        if (!ws_is_comma(d, j))
            break;
        k = ws_cue_end_at(d, j + 1) ? j + 1 : j;
    }
    if (ws_is_comma(d, k))
        k++;
    while (k < d->ntok && (d->tok[k].lex & LX_SKIP) && d->tok[k].kind == TK_WORD &&
           k - d->m[m].last < 4)
        k++;
    if ((ce = ws_cue_end_at(d, k)) == 0) {
        if (!unlisted_verb_closes(d, q, k))
            return false;
        ce = ws_word_is(d, k + 1, "back") ? k + 2 : k + 1;
    }
    if (full_stop && !clause_ends_soon(d, ce))
        return false;
    set_attr(q, m, k, ce,
             d->m[m].kind == MK_PRONOUN ? "quote-comma-pronoun-cue" : "quote-comma-speaker-cue");
    return true;
}

/* Is the stretch between a cue's end and the quotation just punctuation,
 * an object and "that" ("said:", "told reporters,", "said in a statement
 * that")? */
static bool cue_adjacent(size_t ce, size_t open)
{
    return open >= ce && open - ce <= 4;
}

/* FORMAT.md: a report nested in another is the outer one's ("critics say
 * he had proposed to "dismantle" the ACA" is the critics'). An outer cue
 * governs the inner speaker when only words stand between them: a comma
 * or a relative ("Clinton, who said") starts a clause of its own. */
static void outer_report(const ws_doc *d, ws_qpair *q)
{
    size_t s = d->m[q->mention].first;
    for (size_t k = s; k > 0 && s - k < 16; k--) {
        const ws_token *t = &d->tok[k - 1];
        if (!ws_tok_outside_quotes(t) || t->kind != TK_WORD || (t->lex & LX_RELATIVE) ||
            (d->tok[k].flags & TF_SENT_START))
            return;
        size_t ce = ws_cue_end_at(d, k - 1);
        if (!ce || (t->lex & (LX_CUE_ING | LX_ACCORDING)))
            continue;
        int32_t m = ws_subject_left(d, k - 1);
        if (m >= 0) {
            set_attr(q, m, k - 1, ce, "outer-speaker-cue-clause-quote");
            return;
        }
    }
}

/* "in a statement," between an inverted subject and the quotation it
 * resumes: a preposition, at most five words, a comma before the mark. */
static bool medium_before(const ws_doc *d, size_t from, size_t open)
{
    if (open < from + 3 || open - from > 7 || !(d->tok[from].lex & LX_PREP) || d->tok[from].kind != TK_WORD ||
        !(ws_is_comma(d, open - 1) || tok_is_punct(d, open - 1, ':')))
        return false;
    for (size_t k = from + 1; k + 1 < open; k++)
        if (d->tok[k].kind != TK_WORD || !ws_tok_outside_quotes(&d->tok[k]))
            return false;
    return true;
}

/* "The pensioner ... is said to be 'sitting up and demanding a cup of
 * tea'", "are said to have": a passive cue with an infinitive reports
 * hearsay; its subject is what is talked of, no speaker, and the text
 * names none (FORMAT.md: null when the text does not say who spoke). */
static bool hearsay_passive(const ws_doc *d, size_t c, size_t ce)
{
    return c > 0 && ws_word_is(d, c, "said") && d->tok[c - 1].kind == TK_WORD &&
           (d->tok[c - 1].lex & LX_BE) && ws_word_is(d, ce, "to");
}

/* "The Scottish Government has been accused of ‘throwing good money
 * after bad’", "was branded ‘reckless’ by opponents": in the passive of
 * a verb that judges someone, the subject is who is judged; the words
 * are the agent's after "by", or no one's the text names (synthetic dev
 * q, The Scotsman). Returns true for such a cue; *agent is the mention
 * after "by" near it, or -1. */
static bool judged_passive(const ws_doc *d, size_t c, size_t ce, size_t open, int32_t *agent)
{
    static const char *const JUDGING[] = {"accused", "criticised", "criticized", "branded", "labelled",
                                          "labeled", "blamed", "condemned", "slammed"};
    if (c == 0 || d->tok[c - 1].kind != TK_WORD || !(d->tok[c - 1].lex & LX_BE) ||
        !ws_word_among(d, c, JUDGING, sizeof JUDGING / sizeof JUDGING[0]))
        return false;
    *agent = -1;
    for (size_t k = ce; k < open && k < d->ntok && k - ce < 3; k++)
        if (ws_word_is(d, k, "by") && k + 1 < d->ntok && d->tok[k + 1].mention >= 0)
            *agent = d->tok[k + 1].mention;
    return true;
}

/* X said, "Q" / X said that ... "Q" / saying, "Q" / according to X, "Q". */
static bool attribute_before(const ws_doc *d, ws_qpair *q)
{
    if (d->tok[q->open].flags & TF_SENT_START)
        return false;
    size_t lim = WS_MAX_ATTRIBUTION_WINDOW;
    size_t first_cue = SIZE_MAX, first_ce = 0;
    for (size_t k = q->open; k > 0 && q->open - k < lim; k--) {
        size_t c = k - 1, ce;
        if (d->tok[c].para != q->para)
            break;
        if ((ce = ws_cue_end_at(d, c)) != 0) {
            uint32_t lx = d->tok[c].lex;
            int32_t m;
            int32_t agent;
            if (hearsay_passive(d, c, ce)) {
                set_attr(q, -1, c, ce, "passive-cue-quote");
                return true;
            }
            if (judged_passive(d, c, ce, q->open, &agent)) {
                set_attr(q, agent, c, ce, "passive-cue-quote");
                return true;
            }
            if (lx & LX_ACCORDING)
                m = ws_subject_right(d, ce);
            else if (lx & LX_CUE_ING)
                m = ws_participle_subject(d, c);
            else if ((m = ws_inverted_subject(d, c, ce)) >= 0 &&
                     (d->m[m].last + 3 >= q->open || medium_before(d, d->m[m].last + 1, q->open)))
                ; /* "explained Rosenberg, "Q"", "comments Johnston in a statement, "Q"" */
            else if ((m = ws_subject_left(d, c)) == -1)
                m = ws_inverted_subject(d, c, ce);
            if (m == -2)
                m = ws_sentence_subject(d, c);
            if (m >= 0) {
                set_attr(q, m, c, ce, cue_adjacent(ce, q->open) ? "speaker-cue-quote"
                                                                : "speaker-cue-clause-quote");
                outer_report(d, q);
                return true;
            }
            if (first_cue == SIZE_MAX) {
                first_cue = c;
                first_ce = ce;
            }
        }
        if (d->tok[c].flags & TF_SENT_START)
            break;
    }
    if (first_cue != SIZE_MAX) {
        int32_t m = ws_sentence_subject(d, first_cue);
        set_attr(q, m, first_cue, first_ce, "sentence-subject-cue-quote");
        return true;
    }
    return false;
}

/* "as The New Yorker put it", "as a Homeland Security memo put it": at
 * token a, "as", a mention within a few words, "put it". Returns the
 * mention, or -1; *put is the token of "put". */
static int32_t as_put_it(const ws_doc *d, size_t a, size_t *put)
{
    if (!ws_word_is(d, a, "as") || !ws_tok_outside_quotes(&d->tok[a]))
        return -1;
    int32_t m = -1;
    for (size_t k = a + 1; k + 1 < d->ntok && k - a <= 6; k++) {
        if (d->tok[k].kind != TK_WORD || !ws_tok_outside_quotes(&d->tok[k]))
            return -1;
        if (m < 0 && d->tok[k].mention >= 0)
            m = d->tok[k].mention;
        if (ws_word_is(d, k, "put") && ws_word_is(d, k + 1, "it")) {
            *put = k;
            return m >= 0 && d->m[m].last < k ? m : -1;
        }
    }
    return -1;
}

/* "the "operator," as The New Yorker put it." / "As Lee put it, "Q"": a
 * speaker who "put it" so has the quotation's wording. */
static bool attribute_put_it(const ws_doc *d, ws_qpair *q)
{
    size_t put;
    int32_t m;
    size_t k = q->close + 1;
    while (k < d->ntok && ws_is_comma(d, k) && k - q->close < 3)
        k++;
    if (!q->to_para_end && (m = as_put_it(d, k, &put)) >= 0) {
        set_attr(q, m, put, put + 2, "quote-as-speaker-put-it");
        return true;
    }
    /* before: "As Lee put it, "Q"", ", as Lee put it: "Q"" */
    size_t o = q->open;
    if (o < 3 || !(ws_is_comma(d, o - 1) || tok_is_punct(d, o - 1, ':')) || !ws_word_is(d, o - 2, "it") ||
        !ws_word_is(d, o - 3, "put"))
        return false;
    for (size_t a = o - 3; a > 0 && o - a <= 10; a--) {
        if ((m = as_put_it(d, a - 1, &put)) >= 0 && put == o - 3) {
            set_attr(q, m, put, put + 2, "as-speaker-put-it-quote");
            return true;
        }
    }
    return false;
}

/* ""Q" are sickening, Hollande said Tuesday in Paris, noting": the
 * adjuncts after a cue (a time, a place), at most
 * WS_MAX_CUE_ADJUNCT_WORDS plain words outside quotations; returns the
 * token after them, or e when the words go on into a clause. */
static size_t adjuncts_end(const ws_doc *d, size_t e)
{
    size_t k = e;
    while (k < d->ntok && k - e < WS_MAX_CUE_ADJUNCT_WORDS && d->tok[k].kind == TK_WORD &&
           ws_tok_outside_quotes(&d->tok[k]) && !(d->tok[k].flags & TF_SENT_START) &&
           !(d->tok[k].lex & (LX_COMPLEMENTISER | LX_CUE | LX_CUE_ING | LX_VERB | LX_BE | LX_PRONOUN)))
        k++;
    return k < d->ntok && (ws_is_comma(d, k) || (d->tok[k].flags & TF_SENT_PUNCT)) ? k : e;
}

/* "Q" at the convention, he said. - the attribution closes the sentence
 * a few words after a quotation that does not end it. */
static bool attribute_after_clause(const ws_doc *d, ws_qpair *q)
{
    if (q->to_para_end || (d->tok[q->close - 1].flags & TF_SENT_PUNCT))
        return false;
    for (size_t k = q->close + 1; k < d->ntok && k - q->close < 24; k++) {
        const ws_token *t = &d->tok[k];
        if (!ws_tok_outside_quotes(t) || (t->flags & (TF_SENT_START | TF_SENT_PUNCT)))
            return false;
        if (!ws_is_comma(d, k) || k + 2 >= d->ntok)
            continue;
        size_t ice = ws_cue_end_at(d, k + 1);
        /* ", noting the Republican nominee ...": a participle has no
         * inverted subject; what follows it is its object */
        /* "..., Karin Holmqvist, told Reuters": told's object heard it */
        if (ice && !(d->tok[k + 1].lex & LX_CUE_ING) && ws_cue_inverts(d, k + 1)) {
            /* ""Q," since ..., said Lee Epstein" */
            int32_t im = ws_subject_right(d, ice);
            if (im >= 0) {
                set_attr(q, ws_apposed_name(d, im), k + 1, ice, "quote-clause-cue-speaker");
                return true;
            }
        }
        int32_t m = ws_mention_at(d, k + 1);
        if (m < 0 || d->m[m].first != k + 1)
            continue;
        size_t c = d->m[m].last + 1, ce, ae;
        if ((ce = ws_cue_end_at(d, c)) != 0 && (ae = adjuncts_end(d, ce)) < d->ntok &&
            ((d->tok[ae].flags & TF_SENT_PUNCT) || ws_is_comma(d, ae))) {
            set_attr(q, m, c, ce, "quote-clause-speaker-cue");
            return true;
        }
    }
    return false;
}

/* "Verizon said in a statement: "Q"", "Lee wrote on Twitter: "Q"": the
 * phrase before the colon is the object of a preposition, an adjunct of
 * the cue, so the speaker is the cue's subject, not "a statement". */
static bool attribute_colon_adjunct(const ws_doc *d, ws_qpair *q, int32_t m)
{
    size_t p = d->m[m].first;
    if (p == 0 || !(d->tok[p - 1].lex & LX_PREP) || d->tok[p - 1].kind != TK_WORD ||
        (p >= 2 && (d->tok[p - 2].lex & LX_ACCORDING)))
        return false; /* "according to the statement: "Q"" names its source */
    return attribute_before(d, q);
}

/* X: "Q" (no cue; a name and a colon introduce the quotation) */
static bool attribute_colon(const ws_doc *d, ws_qpair *q)
{
    size_t o = q->open;
    if (o >= 2 && tok_is_dash(d, o - 1)) {
        /* "the former candidate Mitt Romney -- "Q" --" */
        int32_t m = ws_mention_at(d, o - 2);
        if (m < 0 || d->m[m].last != o - 2 || d->m[m].kind == MK_PRONOUN)
            return false;
        set_attr(q, m, SIZE_MAX, SIZE_MAX, "speaker-dash-quote");
        q->cue = q->cue_end = -1;
        return true;
    }
    if (o < 2 || !tok_is_punct(d, o - 1, ':'))
        return false;
    size_t cue = ws_cue_end_at(d, o - 2) ? o - 2 : (o >= 3 && ws_cue_end_at(d, o - 3) == o - 1) ? o - 3 : SIZE_MAX;
    if (cue != SIZE_MAX && (d->tok[o].flags & TF_PARA_START) && !(d->tok[cue].lex & (LX_CUE_ING | LX_ACCORDING))) {
        /* "..., and Breitbart News responded: ¶ "Q"": a paragraph that
         * ends in "X cue:" introduces the quotation that opens the next;
         * the speaker is that cue's subject (attribute_before stays
         * inside the quotation's paragraph) */
        int32_t m = ws_subject_left(d, cue);
        if (m == -2)
            m = ws_sentence_subject(d, cue);
        if (m < 0)
            return false;
        set_attr(q, m, cue, ws_cue_end_at(d, cue), "speaker-cue-colon-paragraph");
        return true;
    }
    if (cue != SIZE_MAX)
        return false; /* "Karen Webb said: "Q"": the cue's pattern */
    int32_t m = ws_mention_at(d, o - 2);
    if (m >= 0 && d->m[m].last == o - 2 && attribute_colon_adjunct(d, q, m))
        return true;
    if (m < 0 || d->m[m].last != o - 2) {
        /* "Pistorius was blunt: "Q"": the sentence's subject */
        m = ws_sentence_subject(d, o - 1);
        if (m < 0)
            return false;
        set_attr(q, m, SIZE_MAX, SIZE_MAX, "subject-colon-quote");
        q->cue = q->cue_end = -1;
        return true;
    }
    if (!d->m[m].subject) {
        /* "Schilling told WEEI: "Q"", "Trump issued the following
         * statement: "Q"": a hearer or an object before the colon; the
         * sentence's subject speaks */
        int32_t s = ws_sentence_subject(d, o - 1);
        if (s >= 0 && s != m) {
            set_attr(q, s, SIZE_MAX, SIZE_MAX, "subject-colon-quote");
            q->cue = q->cue_end = -1;
            return true;
        }
        size_t p = d->m[m].first;
        if (p > 0 && d->tok[p - 1].kind == TK_WORD && (d->tok[p - 1].lex & LX_PREP) &&
            !ws_word_is(d, p - 1, "from") && !ws_word_is(d, p - 1, "by"))
            return false; /* "celebrated the attacks on Twitter:" is a medium;
                             "A lesson from Loretta Lynch:" a source */
    }
    set_attr(q, m, SIZE_MAX, SIZE_MAX, "speaker-colon-quote");
    q->cue = q->cue_end = -1;
    return true;
}

/* ===================================================================== */
/*  Context                                                              */
/* ===================================================================== */

static void inherit(ws_qpair *q, const ws_qpair *from, const char *rule)
{
    q->keep = true;
    q->mention = from->mention;
    q->entity = from->entity;
    q->cue = from->cue;
    q->cue_end = from->cue_end;
    q->rule = rule;
}

static bool same_sentence(const ws_doc *d, const ws_qpair *a, const ws_qpair *b)
{
    return d->tok[a->close < d->ntok ? a->close : a->open].sent == d->tok[b->open].sent;
}

static size_t word_count(const ws_doc *d, const ws_qpair *q)
{
    size_t n = 0;
    for (size_t k = q->open + 1; k < q->close && n < 8; k++)
        n += d->tok[k].kind == TK_WORD;
    return n;
}

/* A quotation that reads as a statement, not a term: several words, or a
 * capital and a full stop. */
static bool looks_like_statement(const ws_doc *d, const ws_qpair *q)
{
    size_t words = word_count(d, q);
    bool ends = q->close > q->open + 1 && (d->tok[q->close - 1].flags & TF_SENT_PUNCT);
    return words >= 5 || (ends && words >= 2);
}

/* The latest subject mention before token i within the salience window
 * ("Pistorius was blunt. "Q."" takes Pistorius). */
static int32_t previous_subject(const ws_doc *d, size_t i)
{
    int32_t found = -1;
    for (size_t k = i; k > 0 && i - k < 2 * WS_MAX_ATTRIBUTION_WINDOW; k--) {
        int32_t m = d->tok[k - 1].mention;
        /* a relative pronoun's clause is inside the sentence: "On
         * Okonjo, who had not scored since August, the Portuguese was
         * effusive. 'Q.'" is the Portuguese's (synthetic dev q) */
        if (m >= 0 && d->m[m].subject && d->m[m].first == k - 1 && d->m[m].antecedent < 0 &&
            !(d->tok[k - 1].lex & LX_RELATIVE))
            found = m; /* keep going: the sentence's first subject wins */
        if (found >= 0 && (d->tok[k - 1].flags & TF_SENT_START))
            return found;
        if (d->tok[i].para - d->tok[k - 1].para > 1)
            break;
    }
    return found;
}

static bool looks_like_title(const ws_doc *d, const ws_qpair *q);

/* "Cruz blamed the law on "knuckleheaded Democratic politicians."",
 * "Meg Whitman ... labeled Mr. Trump "unfit to be president."": a quoted
 * fragment inside a sentence with no cue is the wording of the person
 * the sentence is about, its named subject (or "he"/"she"), when the
 * quotation reads as someone's words (several words) and not as a title. */
static int32_t fragment_subject(const ws_doc *d, const ws_qpair *q)
{
    size_t s = d->tok[q->open].sent;
    if (q->open < s + 2 || word_count(d, q) < 2 || looks_like_title(d, q) || q->to_para_end)
        return -1;
    int32_t m = ws_sentence_subject(d, q->open);
    if (m < 0 || d->m[m].embedded || d->m[m].last >= q->open)
        return -1;
    const ws_mention *mm = &d->m[m];
    if (mm->entity < 0)
        return -1;
    /* a person: a gender or a given name ("Europa Clipper" is none) */
    const ws_entity *e = &d->e[mm->entity];
    bool person = !e->org && !e->phrase && (mm->kind == MK_NAME || mm->kind == MK_PRONOUN) && !mm->first_person &&
                  (e->gender == G_MALE || e->gender == G_FEMALE || (d->tok[e->given_tok].lex & LX_GIVEN));
    return person ? m : -1;
}

/* ""Q," said ...": a comma, "?" or "!" closing the quotation and a cue
 * right after it. Returns the cue's token, or -1. */
static int32_t cue_after_closing(const ws_doc *d, const ws_qpair *q)
{
    size_t c = q->close + 1;
    /* one word (""whistleblower," read into the record") is a term */
    if (q->close < 1 || c >= d->ntok || (d->tok[c].flags & (TF_PARA_START | TF_SENT_START)) || word_count(d, q) < 2)
        return -1;
    size_t p = q->close - 1;
    if (!(ws_is_comma(d, p) || tok_is_punct(d, p, '?') || tok_is_punct(d, p, '!')))
        return -1;
    return d->tok[c].kind == TK_WORD && (d->tok[c].flags & TF_LOWER) && (d->tok[c].lex & LX_CUE) &&
                   ws_cue_end_at(d, c)
               ? (int32_t)c
               : -1;
}

static void attribute_from_context(ws_doc *d)
{
    int32_t last = -1;     /* the latest attributed quotation */
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        WS_WORK(d, 1);
        if (!q->keep && !q->term) {
            const ws_qpair *prev = last >= 0 ? &d->q[last] : NULL;
            bool para_opening = (d->tok[q->open].flags & TF_PARA_START) != 0;
            int32_t sm;
            if (prev && prev->para == q->para && same_sentence(d, prev, q))
                inherit(q, prev, "same-sentence");
            else if ((sm = fragment_subject(d, q)) >= 0) {
                set_attr(q, sm, SIZE_MAX, SIZE_MAX, "sentence-subject-fragment");
                q->cue = q->cue_end = -1;
            } else if (prev && prev->para == q->para && looks_like_statement(d, q))
                inherit(q, prev, "same-paragraph");
            else if (k + 1 < d->nq && d->q[k + 1].keep && d->q[k + 1].para == q->para &&
                     looks_like_statement(d, q))
                inherit(q, &d->q[k + 1], "same-paragraph-next");
            else if (prev && para_opening && q->para - prev->para <= 2 &&
                     looks_like_statement(d, q)) {
                inherit(q, prev, "continuing-paragraph");
                /* "Trump added. He then had a question. ¶ "Who..."": the
                 * nearest mention of the same speaker anchors it */
                int32_t m = previous_subject(d, q->open);
                if (m >= 0 && prev->mention >= 0 && d->m[m].entity >= 0 &&
                    d->m[m].entity == d->m[prev->mention].entity)
                    q->mention = m;
            }
            else if ((sm = cue_after_closing(d, q)) >= 0) {
                /* ""We lost the vote," said the very young Smith.": the
                 * cue says it is speech even when no speaker is read */
                set_attr(q, -1, (size_t)sm, ws_cue_end_at(d, (size_t)sm), "quote-cue-no-speaker");
            } else if (looks_like_statement(d, q)) {
                int32_t m = previous_subject(d, q->open);
                set_attr(q, m, SIZE_MAX, SIZE_MAX, m >= 0 ? "previous-sentence-subject" : "unattributed");
                q->cue = q->cue_end = -1;
            }
        }
        if (q->keep)
            last = (int32_t)k;
    }
}

/* ===================================================================== */
/*  The pass                                                             */
/* ===================================================================== */

/* Quoted titles and names in running text ("the "Art of the Deal"
 * author") are not quotations even next to a cue: short, Title Case, no
 * sentence punctuation. */
static bool looks_like_title(const ws_doc *d, const ws_qpair *q)
{
    size_t words = 0, caps = 0;
    for (size_t k = q->open + 1; k < q->close; k++) {
        const ws_token *t = &d->tok[k];
        /* American style puts the sentence's stop inside the marks:
         * "Legend in the Coal Fields." is still a title */
        if ((t->flags & TF_SENT_PUNCT) && k + 1 < q->close)
            return false;
        if (t->kind == TK_WORD) {
            words++;
            caps += (t->flags & TF_CAP) || (t->lex & (LX_FUNC | LX_DET | LX_OF | LX_FOR));
        }
    }
    return words >= 2 && words <= 6 && caps == words &&
           (d->tok[q->open + 1].flags & TF_CAP);
}

/* "what's called "feather duvet lung,"", "a condition known as
 * "popcorn lung"", "the so-called "Phase 1" deal", "was dubbed "the
 * Beast"": a short quotation after a naming verb in the passive (a form
 * of "be", "what's", "so-") or after "known as" is the name of a thing,
 * a quoted term nobody is reported to have said (FORMAT.md). The active
 * "Trump called the plan "a disaster"" is his wording and stays. */
static bool named_term(const ws_doc *d, const ws_qpair *q)
{
    static const char *const NAMING[] = {"called", "dubbed", "termed", "nicknamed", "labeled",
                                         "labelled", "named"};
    size_t words = 0;
    for (size_t k = q->open + 1; k < q->close && words <= WS_MAX_TERM_WORDS; k++)
        words += d->tok[k].kind == TK_WORD;
    if (words == 0 || words > WS_MAX_TERM_WORDS || q->open < 2)
        return false;
    size_t v = q->open - 1;
    if (ws_word_is(d, v, "as") && ws_word_is(d, v - 1, "known"))
        return true;
    /* "who coined the term "software engineering,"", "the phrase "X"" */
    if (ws_word_is(d, v, "term") || ws_word_is(d, v, "phrase") || ws_word_is(d, v, "slogan") ||
        ws_word_is(d, v, "nickname") || ws_word_is(d, v, "hashtag"))
        return true;
    if (ws_word_is(d, v, "so-called"))
        return true;
    bool naming = false;
    for (size_t i = 0; i < sizeof NAMING / sizeof NAMING[0]; i++)
        naming |= ws_word_is(d, v, NAMING[i]);
    if (!naming)
        return false;
    const ws_token *b = &d->tok[v - 1];
    return (b->kind == TK_WORD && (b->lex & LX_BE)) || ws_word_is(d, v - 1, "what") ||
           (b->kind == TK_CLITIC && v >= 2 && ws_word_is(d, v - 2, "what"));
}

/* Words with a capital in the quotation ("Star Wars" 2, "Step out." 1). */
static size_t capitalised_words(const ws_doc *d, const ws_qpair *q)
{
    size_t n = 0;
    for (size_t k = q->open + 1; k < q->close; k++)
        n += d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_CAP);
    return n;
}

/* "In an interview with "Fox and Friends," Trump said": a title-case
 * quotation that is a preposition's object names a work or a show, not
 * anyone's words; it attributes nothing to the subject after it. */
static bool title_after_preposition(const ws_doc *d, const ws_qpair *q)
{
    if (q->open == 0)
        return false;
    const ws_token *p = &d->tok[q->open - 1];
    return p->kind == TK_WORD && (p->flags & TF_LOWER) && (p->lex & LX_PREP) && looks_like_title(d, q) &&
           capitalised_words(d, q) >= 2;
}

/* "said, "Make America Great Again"": a comma or colon before the mark
 * introduces a quotation, whatever its case. */
static bool introduced_by_punctuation(const ws_doc *d, const ws_qpair *q)
{
    return q->open > 0 && (ws_is_comma(d, q->open - 1) || tok_is_punct(d, q->open - 1, ':'));
}

/* "a man yelled "Stay there!"", "the crowd chanted "Lock Her Up!"": an
 * exclamation or a question right after its cue is someone's words,
 * however few and capitalised its words are. */
static bool exclaimed_after_cue(const ws_doc *d, const ws_qpair *q)
{
    return q->rule && strcmp(q->rule, "speaker-cue-quote") == 0 && q->close >= 1 &&
           (tok_is_punct(d, q->close - 1, '!') || tok_is_punct(d, q->close - 1, '?'));
}

void ws_attribute(ws_doc *d)
{
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        WS_WORK(d, WS_MAX_ATTRIBUTION_WINDOW / 8);
        if ((q->term = named_term(d, q) || title_after_preposition(d, q)))
            continue;
        if (attribute_after(d, q)) {
            /* "X responds, "Why now?" Mills then writes back": a quotation
             * that ends its sentence belongs to the cue that introduced it */
            ws_qpair before = *q;
            if ((d->tok[q->close - 1].flags & TF_SENT_PUNCT) && attribute_before(d, &before) &&
                strcmp(before.rule, "speaker-cue-quote") == 0)
                *q = before;
            continue;
        }
        if (attribute_put_it(d, q) || attribute_colon(d, q) || attribute_after_clause(d, q) ||
            attribute_signature(d, q) || attribute_label(d, q))
            continue;
        if (attribute_before(d, q) && !introduced_by_punctuation(d, q) && looks_like_title(d, q) &&
            !exclaimed_after_cue(d, q))
            q->keep = false;
        /* "stocked with movies from Pixar, "Star Wars," Marvel Studios and
         * classic Disney fare, including "Mary Poppins" and "Bambi."": a
         * title with no local attribution takes none from its context */
        if (!q->keep && !introduced_by_punctuation(d, q) && looks_like_title(d, q) &&
            capitalised_words(d, q) >= 2)
            q->term = true;
    }
    attribute_from_context(d);
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        if (q->keep && q->entity < 0 && q->mention >= 0)
            q->entity = d->m[q->mention].entity;
    }
}
