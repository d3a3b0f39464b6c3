/*
 * Stage: indirect reports. Reported speech outside quotation marks
 * (FORMAT.md "indirect"): the content clause of
 *   X said (that) S.          X told Y (that) S.        saying (that) S
 *   S, X said.                S, said X.                S, according to X.
 *   According to X, S.        A, the Tribune reports, and B.   (two records)
 * The span is the content only: no complementiser, no source, no cue, and
 * not the writer's asides ("..., both of which sparked concerns"). A
 * report nested inside another is part of the outer one. A cue whose
 * object is a bare noun phrase ("X denied the allegations") reports no
 * clause and gives no record. Quoted fragments inside the content stay in
 * it (a mixed quotation); a content that is wholly one quotation is the
 * direct record's alone.
 *
 * Speakers come from the same cue grammar as the direct quotations
 * (cues.c). Each cue looks at most WS_MAX_REPORT_TOKENS ahead: linear.
 */
#include "pipeline.h"

/* ===================================================================== */
/*  Word tests                                                           */
/* ===================================================================== */


static bool sentence_stop(const ws_doc *d, size_t i)
{
    return i >= d->ntok || (d->tok[i].flags & (TF_SENT_START | TF_PARA_START));
}

/* The first token of the next sentence after i, at most
 * WS_MAX_REPORT_TOKENS away. */
static size_t sentence_end(const ws_doc *d, size_t i)
{
    size_t k = i + 1;
    while (k < d->ntok && k - i < WS_MAX_REPORT_TOKENS && !sentence_stop(d, k))
        k++;
    WS_WORK(d, k - i);
    return k;
}

/* Did sentence_end stop at the limit rather than at the sentence's end?
 * Then the content would be cut short: no record rather than a silently
 * truncated one (docs/limits.md). */
static bool sentence_too_long(const ws_doc *d, size_t end)
{
    return end < d->ntok && !sentence_stop(d, end);
}

/* A token that ends a sentence and so is not content: . ! ? */
static size_t trim_end(const ws_doc *d, size_t s, size_t e)
{
    while (e > s && ((d->tok[e - 1].flags & TF_SENT_PUNCT) || ws_is_comma(d, e - 1) ||
                     tok_is_punct(d, e - 1, ';') || tok_is_punct(d, e - 1, ':') ||
                     tok_is_dash(d, e - 1)))
        e--;
    return e;
}

/* The opening mark at i starts a quotation running to the sentence end:
 * the content is wholly quoted, so it is a direct record only. */
static bool wholly_quoted(const ws_doc *d, size_t s, size_t e)
{
    if (s >= e || !(d->tok[s].flags & TF_OPEN))
        return false;
    size_t k = s + 1;
    while (k < e && !(d->tok[k].flags & TF_CLOSE) && (d->tok[k].flags & TF_IN_QUOTE))
        k++;
    /* after the closing mark only punctuation may follow */
    for (k = k + 1; k < e; k++)
        if (d->tok[k].kind == TK_WORD)
            return false;
    return true;
}

/* FORMAT.md: the content must be a clause. Evidence of a finite verb: a
 * complementiser was dropped, a subject pronoun opens it, or an auxiliary,
 * a form of "be" or an -ed/-s verb follows its first word. */
/* "said the polling location never shut its doors": an adverb of the
 * verb phrase after the subject's head, then a plain word, is the verb's;
 * it says a clause even when the verb is an irregular past no list holds.
 * Not "only", "even", "as", "then": those also modify nouns. */
static bool verb_adverb_at(const ws_doc *d, size_t k, size_t e)
{
    static const char *const ADVERBS[] = {"never", "not", "also", "still", "already", "always",
                                          "often"};
    const ws_token *t = &d->tok[k];
    if (k + 1 >= e || !(t->lex & LX_SKIP) || (t->lex & (LX_VERB | LX_BE)) ||
        !(ws_tok_ends_with(d, t, "ly", 4) || ws_word_among(d, k, ADVERBS, sizeof ADVERBS / sizeof ADVERBS[0])))
        return false;
    const ws_token *p = &d->tok[k - 1], *n = &d->tok[k + 1];
    return p->kind == TK_WORD && !(p->lex & (LX_DET | LX_PREP | LX_OF | LX_FOR | LX_CONJ | LX_QUANTITY)) &&
           n->kind == TK_WORD && (n->flags & TF_LOWER) &&
           !(n->lex & (LX_DET | LX_PREP | LX_OF | LX_FOR | LX_CONJ | LX_FUNC | LX_PRONOUN));
}

/* "says translation works offline": a lower-case word with a noun's
 * suffix heads a subject as a name does, so an "-s" word after it is its
 * verb (synth-g, The Verge style); "Economic ties" has an adjective. */
static bool noun_by_suffix(const ws_doc *d, size_t k)
{
    const ws_token *t = &d->tok[k];
    return t->kind == TK_WORD && (t->flags & TF_LOWER) && t->lex == 0 &&
           (ws_tok_ends_with(d, t, "tion", 6) || ws_tok_ends_with(d, t, "sion", 6) ||
            ws_tok_ends_with(d, t, "ment", 6) || ws_tok_ends_with(d, t, "ness", 6) ||
            ws_tok_ends_with(d, t, "ity", 5));
}

static bool looks_like_clause(const ws_doc *d, size_t s, size_t e, bool had_that)
{
    size_t words = 0;
    for (size_t k = s; k < e && k - s < WS_MAX_ATTRIBUTION_WINDOW; k++)
        words += d->tok[k].kind == TK_WORD;
    if (words < 2)
        return false;
    if (had_that)
        return true;
    if (d->tok[s].kind == TK_WORD && (d->tok[s].lex & LX_PRONOUN))
        return true;
    /* the verb comes after the subject, which may carry an of-phrase or
     * two, or an apposition; a third preposition before any verb means a
     * noun phrase with its complements ("reported a loss of $304.7 million on
     * revenue of ... in the third quarter ended Sept. 29"). A quoted
     * fragment may hold the verb: "said Russia "can't stand" either
     * candidate" (a mixed quotation, FORMAT.md). */
    size_t preps = 0;
    for (size_t k = s + 1; k < e && k - s < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        const ws_token *t = &d->tok[k];
        if (t->kind == TK_WORD && (t->lex & (LX_PREP | LX_OF | LX_FOR)) && !(t->lex & LX_BE) &&
            !(t->flags & TF_IN_QUOTE) && ++preps >= 3)
            return false;
        if (t->kind != TK_WORD || !(t->flags & TF_LOWER))
            continue;
        /* "-ed", or "-s" after the subject's head; not a noun after a
         * number, a determiner or a preposition ("for 17 nights"); no
         * verb either right after a determiner ("its own monitor") */
        const ws_token *p = &d->tok[k - 1];
        bool noun_slot = (p->flags & TF_DIGIT) ||
                         (p->kind == TK_WORD && (p->lex & (LX_DET | LX_PREP | LX_QUANTITY)));
        bool after_det = p->kind == TK_WORD && (p->lex & LX_DET) && !(p->lex & LX_COMPLEMENTISER);
        if ((t->lex & (LX_BE | LX_CUE | LX_VERB)) && !(after_det && !(t->lex & LX_BE)))
            return true;
        if (k > s + 1 && verb_adverb_at(d, k, e))
            return true;
        size_t n = t->end - t->start;
        const char *w = d->text + t->start;
        /* "-s" right after the first word only after a name ("Trump
         * leads among men"); after an adjective it is a plural noun
         * ("Economic ties") */
        bool after_head = k > s + 1 || (p->mention >= 0 && d->m[p->mention].kind == MK_NAME) ||
                          (k == s + 1 && noun_by_suffix(d, s));
        if (n > 3 && !(t->lex & (LX_PLURAL | LX_ROLE)) && !noun_slot &&
            ((w[n - 2] == 'e' && w[n - 1] == 'd') || (after_head && w[n - 1] == 's' && w[n - 2] != 's')))
            return true;
    }
    return false;
}

/* ===================================================================== */
/*  Records                                                              */
/* ===================================================================== */

static bool add_report(ws_doc *d, size_t s, size_t e, int32_t m, size_t cue, size_t ce,
                       const char *rule)
{
    if (s >= e)
        return true;
    /* reports never overlap: a later one inside an earlier is nested */
    if (d->nr && d->tok[s].start < d->r[d->nr - 1].end)
        return true;
    if (!ws_grow(d->alloc, (void **)&d->r, &d->capr, d->nr + 1, sizeof *d->r))
        return false;
    ws_report *r = &d->r[d->nr++];
    r->start = d->tok[s].start;
    r->end = d->tok[e - 1].end;
    r->mention = m;
    r->entity = m >= 0 ? d->m[m].entity : -1;
    r->cue = cue == SIZE_MAX ? -1 : (int32_t)cue;
    r->cue_end = cue == SIZE_MAX ? -1 : (int32_t)ce;
    r->rule = rule;
    return true;
}

/* ===================================================================== */
/*  The content after a cue                                              */
/* ===================================================================== */

static bool verb_like(const ws_doc *d, size_t k);

/* Verbs of promising and asking report an infinitive: "vowed to", "urged
 * X to", "told him not to". Returns where the content starts (the object,
 * when there is one, belongs to it), or SIZE_MAX. */
static size_t infinitive_at(const ws_doc *d, size_t c, size_t k, size_t end)
{
    static const char *const DIRECTIVE[] = {"promis", "pledg", "vow", "threaten", "urg", "ask",
                                            "instruct", "order", "encourag", "implor", "beg",
                                            "plead", "warn", "told", "tell", "advis", "call"};
    const char *w = d->text + d->tok[c].start;
    size_t n = d->tok[c].end - d->tok[c].start;
    bool directive = false;
    for (size_t i = 0; i < sizeof DIRECTIVE / sizeof DIRECTIVE[0] && !directive; i++) {
        size_t l = strlen(DIRECTIVE[i]);
        directive = n >= l && memcmp(w, DIRECTIVE[i], l) == 0;
    }
    if (!directive)
        return SIZE_MAX;
    if (ws_word_is(d, c + 1, "on") || ws_word_is(d, c + 1, "for"))
        k = c + 2; /* "called on Congress to" */
    else if (n >= 4 && memcmp(w, "call", 4) == 0)
        return SIZE_MAX; /* "called Democratic bigwigs to the stage" */
    for (size_t j = k; j < end && j - k < 6; j++) {
        bool neg = ws_word_is(d, j, "not");
        size_t to = neg ? j + 1 : j;
        if (ws_word_is(d, to, "to")) {
            /* an infinitive: "to" and a verb, not "to the stage" */
            const ws_token *v = to + 1 < end ? &d->tok[to + 1] : NULL;
            if (!v || v->kind != TK_WORD || !(v->flags & TF_LOWER) ||
                (v->lex & (LX_DET | LX_PREP | LX_FUNC | LX_PRONOUN)))
                return SIZE_MAX;
            return j == k || ws_word_is(d, k, "not") ? j : k;
        }
        if (d->tok[j].kind != TK_WORD && d->tok[j].kind != TK_CLITIC)
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* Verbs whose object is a noun phrase unless "that" follows: "called
 * him a liar", "accused her of lying", "praised the plan" (FORMAT.md: a
 * bare noun phrase is not recorded). */
static bool takes_object(const ws_doc *d, size_t c)
{
    static const char *const OBJECT[] = {"call", "describ", "accus", "prais", "critici", "blast",
                                         "slam", "mock", "taunt", "hail", "thank", "challeng",
                                         "question", "quot", "cit", "mention", "disput", "order",
                                         "interrupt", "urg", "brand", "label", "dub", "demand",
                                         "propos", "recommend", "promis", "pledg", "vow", "threaten",
                                         "announc", "deni", "deny", "post", "email", "text", "publish",
                                         "highlight", "underscor", "repeat", "reiterat", "wrot", "writ",
                                         "tweet", "read", "recit", "chant", "sing", "answer", "show",
                                         "found", "find", "continu", "disclos", "acknowledg",
                                         "signal", "report", "reveal", "confirm", "admit", "claim",
                                         "affirm", "reaffirm", "reassert", "restat", "declar", "submit"};
    const char *w = d->text + d->tok[c].start;
    size_t n = d->tok[c].end - d->tok[c].start;
    for (size_t k = 0; k < sizeof OBJECT / sizeof OBJECT[0]; k++) {
        size_t m = strlen(OBJECT[k]);
        if (n >= m && memcmp(w, OBJECT[k], m) == 0)
            return true;
    }
    return false;
}

/* An auxiliary or a form of "be" (ws_aux_at, or the lexicon's LX_BE). */
static bool auxiliary_at(const ws_doc *d, size_t k)
{
    return ws_aux_at(d, k) || (k < d->ntok && d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_LOWER) &&
                               (d->tok[k].lex & LX_BE));
}

/* "announced they will suspend their campaigns": a subject pronoun and a
 * verb make a clause even without "that". */
static bool approximation_at(const ws_doc *d, size_t k, size_t end);

/* "found at least 11 Republicans were still undecided": an approximate
 * amount and its noun, then a verb (not "found at least 11 bodies in the
 * river", an object). */
static bool amount_subject_and_verb(const ws_doc *d, size_t k, size_t end)
{
    size_t j = k + (ws_word_is(d, k, "at") ? 2 : 1);
    for (size_t n = j + 1; n < end && n - j <= 4; n++) {
        const ws_token *t = &d->tok[n];
        if (t->kind != TK_WORD || (t->lex & (LX_PREP | LX_OF | LX_FOR | LX_CONJ)))
            return false;
        if ((t->flags & TF_LOWER) && ((t->lex & (LX_BE | LX_VERB)) || verb_like(d, n)))
            return true;
    }
    return false;
}

static bool subject_and_verb(const ws_doc *d, size_t k, size_t end)
{
    if (approximation_at(d, k, end))
        return amount_subject_and_verb(d, k, end);
    /* "new filings show it has less than $1.3 million": "it" needs an
     * auxiliary after it; "showed it off", "called it a disgrace" hold
     * an object */
    if (k + 1 < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_PRONOUN) &&
        (!(d->tok[k].lex & LX_NEUTER) ? verb_like(d, k + 1)
                                      : auxiliary_at(d, k + 1)))
        return true;
    /* "confirmed Smith would run", "announced the company will close":
     * a name or a speaker phrase and a verb */
    int32_t m = ws_mention_at(d, k);
    if (m >= 0 && d->m[m].first == k && d->m[m].kind != MK_PRONOUN) {
        size_t v = d->m[m].last + 1;
        return v < end && verb_like(d, v);
    }
    /* "claimed the tax cuts would pay for themselves", "confirmed the
     * deal was done": a noun phrase and an auxiliary; a noun object has
     * none ("called the plan a disaster") */
    if (k >= end || d->tok[k].kind != TK_WORD || !(d->tok[k].lex & LX_DET) ||
        (d->tok[k].lex & LX_COMPLEMENTISER))
        return false;
    for (size_t j = k + 1; j < end && j - k <= 5; j++) {
        const ws_token *t = &d->tok[j];
        if (t->kind != TK_WORD)
            return false;
        if ((t->flags & TF_LOWER) && (t->lex & (LX_BE | LX_SKIP)) && (t->lex & (LX_BE | LX_VERB)))
            return j > k + 1;
        if (t->lex & (LX_VERB | LX_CUE | LX_PREP | LX_OF | LX_FOR | LX_CONJ | LX_PRONOUN | LX_RELATIVE))
            return false;
    }
    return false;
}

/* Skip the hearer: a mention, "him", or a determiner and a few words. */
/* A word that opens a reported question ("whether", "if", "why", "what",
 * "where"; "how" is left to skip_to_content, as "how" is often "that",
 * and "when" says when). */
static bool question_word(const ws_doc *d, size_t k)
{
    return ws_word_is(d, k, "whether") || ws_word_is(d, k, "if") || ws_word_is(d, k, "why") ||
           ws_word_is(d, k, "what") || ws_word_is(d, k, "where");
}

static size_t skip_hearer(const ws_doc *d, size_t k, size_t end)
{
    /* "asked whether candidates supported", "asked if it would", "asked
     * why the plan failed": the question opens right away, there is no
     * hearer */
    if (question_word(d, k))
        return k;
    int32_t m = ws_mention_at(d, k);
    if (m >= 0 && d->m[m].first == k)
        return d->m[m].last + 1;
    if (k < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_FUNC) &&
        !(d->tok[k].lex & LX_PREP))
        return k + 1; /* "him", "them", "reporters" (a role) */
    /* "told reporters", "told lawmakers": a bare plural noun */
    if (k + 1 < end && d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_LOWER) &&
        !(d->tok[k].lex & ~(LX_ROLE | LX_PLURAL)) && d->tok[k].end - d->tok[k].start > 3 &&
        d->text[d->tok[k].end - 1] == 's')
        return k + 1;
    /* "warned the government that": a determiner opens the hearer; "warned
     * that the government ...": "that" opens the content */
    if (k < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_DET) &&
        !(d->tok[k].lex & LX_COMPLEMENTISER)) {
        size_t j = k + 1;
        /* "asked her why": "her" was the hearer, "why" opens the question */
        while (j < end && j - k < 4 && d->tok[j].kind == TK_WORD &&
               !(d->tok[j].lex & LX_COMPLEMENTISER) && !question_word(d, j))
            j++;
        return j;
    }
    return k;
}

/* "in a statement", "in an interview with CNN", "on Twitter", "on
 * Monday": a preposition whose object is a document, a medium, a time or
 * a name. Returns the token after it, or k when there is none. */
static size_t statement_phrase_end(const ws_doc *d, size_t k, size_t end)
{
    if (k >= end || d->tok[k].kind != TK_WORD || !(d->tok[k].lex & LX_PREP) ||
        (d->tok[k].lex & LX_OF))
        return k;
    size_t j = k + 1;
    if (j < end && d->tok[j].kind == TK_WORD && (d->tok[j].lex & LX_DET))
        j++;
    int32_t m = ws_mention_at(d, j);
    if (m >= 0 && d->m[m].first == j && d->m[m].kind != MK_PRONOUN)
        return d->m[m].last + 1 < end ? d->m[m].last + 1 : k;
    for (size_t w = j; w < end && w - j < 3; w++) {
        const ws_token *t = &d->tok[w];
        if (t->kind != TK_WORD || (t->lex & (LX_VERB | LX_CUE | LX_PRONOUN | LX_FUNC)))
            return k;
        if (t->lex & (LX_DOCUMENT | LX_TIME))
            return w + 1 < end ? w + 1 : k;
    }
    return k;
}

/* Does a subject start at k: a determiner, a personal pronoun or a
 * capitalised name? */
static bool subject_opens(const ws_doc *d, size_t k, size_t end)
{
    if (k >= end || d->tok[k].kind != TK_WORD)
        return false;
    const ws_token *t = &d->tok[k];
    return ((t->lex & (LX_DET | LX_PRONOUN)) && !(t->lex & (LX_COMPLEMENTISER | LX_RELATIVE))) ||
           ((t->flags & TF_CAP) && !(t->lex & (LX_FUNC | LX_PREP | LX_CONJ)));
}

/* Skip what stands between a cue and its content: times ("Wednesday"),
 * a short phrase ending in "that" ("in a statement that"). Sets *that. */
/* "about 12 percent of emissions are ...", "around 300 people were":
 * before a number a preposition is an approximation in the subject. */
static bool amount_at(const ws_doc *d, size_t j, size_t end)
{
    if (j >= end || d->tok[j].kind != TK_WORD)
        return false;
    const ws_token *t = &d->tok[j];
    /* "about half of the adjustment reflected", "around a third of",
     * "over two-thirds of" (PolNeAR train) */
    if (ws_word_is(d, j, "a") || ws_word_is(d, j, "the"))
        return j + 1 < end && (d->tok[j + 1].lex & LX_QUANTITY) && !(d->tok[j + 1].lex & LX_DET);
    return (t->flags & TF_DIGIT) || ((t->lex & LX_QUANTITY) && !(t->lex & (LX_DET | LX_PREP))) ||
           ws_tok_ends_with(d, t, "-thirds", 0) || ws_tok_ends_with(d, t, "-quarters", 0);
}

static bool approximation_at(const ws_doc *d, size_t k, size_t end)
{
    /* "found at least 11 Republicans were still undecided" (synth-g) */
    if (ws_word_is(d, k, "at") && (ws_word_is(d, k + 1, "least") || ws_word_is(d, k + 1, "most")))
        return amount_at(d, k + 2, end);
    /* not "in 2019", "on 12 May": those say when */
    return k + 1 < end && amount_at(d, k + 1, end) &&
           (ws_word_is(d, k, "about") || ws_word_is(d, k, "around") || ws_word_is(d, k, "over") ||
            ws_word_is(d, k, "under"));
}

/* "said in a note to clients that": a plain plural noun after "to" is
 * its object ("to clients", "to investors"), no infinitive's verb. */
static bool plural_noun_at(const ws_doc *d, size_t j)
{
    const ws_token *t = &d->tok[j];
    return t->kind == TK_WORD && !(t->lex & (LX_VERB | LX_CUE | LX_CUE_BASE | LX_BE)) &&
           ws_tok_ends_with(d, t, "s", 4) && !ws_tok_ends_with(d, t, "ss", 0) &&
           !ws_tok_ends_with(d, t, "us", 0);
}

/* "told the jury in his own opening statement that": a possessive
 * determiner inside the phrase before "that" (synthetic dev o, Canadian
 * Press); "her" only before a plain word, as "told her that" has her as
 * the hearer. */
static bool possessive_in_phrase(const ws_doc *d, size_t j)
{
    static const char *const POSSESSIVE[] = {"his", "its", "their", "our", "my", "your", "her"};
    if (!ws_word_among(d, j, POSSESSIVE, sizeof POSSESSIVE / sizeof POSSESSIVE[0]) || j + 1 >= d->ntok)
        return false;
    const ws_token *n = &d->tok[j + 1];
    return n->kind == TK_WORD && (n->flags & TF_LOWER) &&
           (ws_word_is(d, j + 1, "own") || !(n->lex & (LX_COMPLEMENTISER | LX_FUNC | LX_VERB)));
}

/* "in his own opening statement": "own" after a possessive is no verb. */
static bool own_after_possessive(const ws_doc *d, size_t j)
{
    return j > 0 && ws_word_is(d, j, "own") && possessive_in_phrase(d, j - 1);
}

static size_t skip_to_content(const ws_doc *d, size_t k, size_t end, bool after_hearer, bool *that)
{
    *that = false;
    /* "said late on Saturday that", "said early Tuesday", "said earlier
     * this week": a time's degree before its time or preposition
     * (synthetic dev m, Reuters) */
    if (k + 1 < end && (ws_word_is(d, k, "late") || ws_word_is(d, k, "early") || ws_word_is(d, k, "earlier") ||
                        ws_word_is(d, k, "later")) &&
        d->tok[k + 1].kind == TK_WORD &&
        ((d->tok[k + 1].lex & (LX_TIME | LX_PREP)) || ws_word_is(d, k + 1, "this") ||
         ws_word_is(d, k + 1, "last")))
        k++;
    /* "Wednesday", "this weekend", "last week" */
    while (k < end && d->tok[k].kind == TK_WORD &&
           ((d->tok[k].lex & LX_TIME) ||
            ((ws_word_is(d, k, "this") || ws_word_is(d, k, "last") || ws_word_is(d, k, "next")) &&
             k + 1 < end && (d->tok[k + 1].lex & LX_TIME))))
        k++;
    /* "said in a statement that", "told The Post and Courier newspaper of
     * Charleston on Saturday that": a "that" close ahead opens the content,
     * but only after a phrase, a time or a hearer ("said any negotiations
     * that are agreed upon" holds a relative "that") */
    /* "said after the meeting that he supported ...": "after" and
     * "before" with a noun phrase say when, as a preposition does */
    bool when = (ws_word_is(d, k, "after") || ws_word_is(d, k, "before")) && k + 1 < end &&
                d->tok[k + 1].kind == TK_WORD && (d->tok[k + 1].lex & LX_DET);
    bool phrase = when || (k < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & (LX_PREP | LX_TIME)));
    /* "lecturing the nation that its president is ...", "convinced the
     * jury that he ...": an object noun phrase, then a "that" whose next
     * word opens a subject (a determiner, a pronoun, a name), not a
     * relative's verb ("said the company that owns it will close") */
    bool object = k < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_DET) &&
                  (d->tok[k].lex & LX_DEFINITE) && !(d->tok[k].lex & LX_COMPLEMENTISER);
    for (size_t j = k; (phrase || after_hearer || object) && j < end && j - k < 12; j++) {
        if (ws_word_is(d, j, "that")) {
            if (!phrase && !after_hearer && (j - k > 3 || !subject_opens(d, j + 1, end)))
                break;
            if (when && !subject_opens(d, j + 1, end))
                break; /* "said after the meeting that ended the talks" */
            k = j;
            break;
        }
        /* words, and the commas of a place ("in Toledo, Ohio, that"); not
         * a verb phrase ("warned North Korea to refrain from further
         * actions that ...": that "that" is a relative) */
        if ((d->tok[j].kind != TK_WORD && d->tok[j].kind != TK_CLITIC && !ws_is_comma(d, j)) ||
            ws_cue_end_at(d, j) || ((d->tok[j].lex & (LX_VERB | LX_SKIP)) && !own_after_possessive(d, j)) ||
            ((d->tok[j].lex & LX_PRONOUN) && !possessive_in_phrase(d, j)) ||
            (ws_word_is(d, j, "to") && j + 1 < end && (d->tok[j + 1].flags & TF_LOWER) &&
             !(d->tok[j + 1].lex & LX_DET) && !plural_noun_at(d, j + 1)))
            break;
    }
    if (k < end && (ws_word_is(d, k, "that") || ws_word_is(d, k, "whether") || ws_word_is(d, k, "if"))) {
        *that = true;
        k++;
        return k;
    }
    /* "said in a statement there was no basis", "said on Twitter the
     * plan ...": with no "that", a phrase that says where or when the
     * statement was made is skipped to the clause (issue 12, point 5) */
    for (int pps = 0; pps < 2 && !approximation_at(d, k, end); pps++) {
        size_t j = statement_phrase_end(d, k, end);
        if (j == k)
            break;
        k = j;
    }
    return k;
}

/* A verb, or an auxiliary: what follows a conjunction that joins verb
 * phrases ("but has withheld her endorsement"). */
static bool verb_like(const ws_doc *d, size_t k)
{
    const ws_token *t = &d->tok[k];
    if (t->kind != TK_WORD || !(t->flags & TF_LOWER))
        return false;
    size_t n = t->end - t->start;
    return (t->lex & (LX_VERB | LX_CUE | LX_PAST)) ||
           (n > 3 && t->lex == 0 && d->text[t->end - 2] == 'e' && d->text[t->end - 1] == 'd');
}

/* After a name at a: its verb, over an apposition ("and Ms. Acosta
 * said", "and Han, the party's leader, said"), or a list's next item
 * ("including Lee, the leader of the Democratic Party, and Han, the
 * leader of Yoon's own party, along with ..."): a lower-case word that is
 * no preposition, determiner or conjunction. */
static bool name_has_verb(const ws_doc *d, size_t a, size_t end)
{
    if (a < end && ws_is_comma(d, a)) {
        size_t j = a + 1;
        while (j < end && j - a <= WS_MAX_APPOSITION_TOKENS && !ws_is_comma(d, j))
            j++;
        if (j >= end || !ws_is_comma(d, j))
            return false;
        a = j + 1;
    }
    return a < end && d->tok[a].kind == TK_WORD && (d->tok[a].flags & TF_LOWER) &&
           !(d->tok[a].lex & (LX_PREP | LX_OF | LX_FOR | LX_DET | LX_CONJ));
}

/* Does the conjunction at k start a clause of the writer's? ", and he
 * railed against ...", "but has withheld ...", ", though ...". Not ",
 * and that ..." (a second content clause of the same report, as in the
 * seed's Hegseth sentence), nor "Putin and Trump" (a noun phrase). */
static bool coordinates_clause(const ws_doc *d, size_t k, size_t end)
{
    bool comma = k > 0 && (ws_is_comma(d, k - 1) ||
                           ((d->tok[k - 1].flags & TF_CLOSE) && k >= 2 && ws_is_comma(d, k - 2)));
    bool conj = (d->tok[k].lex & LX_CONJ) != 0;
    bool concessive = ws_word_is(d, k, "though") || ws_word_is(d, k, "although") ||
                      ws_word_is(d, k, "whereas") || ws_word_is(d, k, "while") || (ws_word_is(d, k, "even") &&
                                                   (ws_word_is(d, k + 1, "as") || ws_word_is(d, k + 1, "though")));
    if (k + 1 >= end)
        return false;
    /* "claimed the tax cuts would pay for themselves even as the CBO
     * estimated ...": "even as", "even though" open the writer's
     * counterpoint with or without a comma */
    if (concessive && (comma || ws_word_is(d, k, "even")))
        return true;
    if (!conj || !comma || ws_word_is(d, k + 1, "that") || ws_word_is(d, k + 1, "whether"))
        return false;
    /* a new subject: ", and he railed", ", and Ms. Acosta said"; a verb
     * phrase sharing the subject ("and make Mexicans pay for it") is
     * still the report's */
    int32_t m = ws_mention_at(d, k + 1);
    return (m >= 0 && d->m[m].first == k + 1 && name_has_verb(d, d->m[m].last + 1, end)) ||
           (d->tok[k + 1].kind == TK_WORD && (d->tok[k + 1].lex & (LX_PRONOUN | LX_DET)) &&
            !(d->tok[k + 1].lex & LX_COMPLEMENTISER));
}

/* Where the clause of a cue at k starts: its subject, over adverbs, or
 * the cue itself. */
static size_t cue_clause_start(const ws_doc *d, size_t k)
{
    size_t j = k;
    while (j > 0 && d->tok[j - 1].kind == TK_WORD && (d->tok[j - 1].lex & LX_SKIP) && k - j < 2)
        j--;
    int32_t m = j > 0 ? ws_mention_at(d, j - 1) : -1;
    return (m >= 0 && d->m[m].last == j - 1) ? d->m[m].first : j;
}

/* Is the cue at k preceded by a break (a comma, a dash, a conjunction),
 * directly or through its subject ("but suggesting", ", the actress also
 * pointed out")? */
static bool opens_second_report(const ws_doc *d, size_t k)
{
    size_t j = cue_clause_start(d, k);
    if (j == 0)
        return false;
    /* "said Marchant was 'genuinely ashamed' and had written letters of
     * apology", "said he had ordered ... and had announced": a cue in the
     * past perfect or after "would" is backshifted, the reported
     * clause's own verb, not the writer's second report */
    if (k > 0 && (ws_word_is(d, k - 1, "had") || ws_word_is(d, k - 1, "would")))
        return false;
    const ws_token *b = &d->tok[j - 1];
    return ws_is_comma(d, j - 1) || tok_is_dash(d, j - 1) ||
           (b->kind == TK_WORD && (b->lex & LX_CONJ));
}

/* "said his band and collaborator Brian Burton, AKA Danger Mouse, wrote
 * a host of new songs": a finite cue right after the comma that closes an
 * apposition, in a content with no verb yet, is the content's own verb,
 * not a second report (PolNeAR train). */
static bool closes_subject_apposition(const ws_doc *d, size_t s, size_t k)
{
    if (k <= s + 2 || !ws_is_comma(d, k - 1) || !(d->tok[k].lex & LX_CUE) ||
        cue_clause_start(d, k) != k)
        return false;
    /* the apposition's opening comma is in the content: without one, the
     * comma ends a participle's object or a relative clause before the
     * writer's own cue ("Durbin, noting the size of his following, said") */
    size_t open = k - 2;
    while (open > s && k - open <= WS_MAX_APPOSITION_TOKENS && !ws_is_comma(d, open))
        open--;
    /* a pronoun takes no apposition: "and he, once again, pledged" */
    return open > s && ws_is_comma(d, open) && !(d->tok[open - 1].lex & LX_PRONOUN) &&
           !looks_like_clause(d, s, k - 1, false);
}

/* Where the second report's clause starts; the conjunction that breaks
 * it off ("but") is not content either. */
static size_t report_start(const ws_doc *d, size_t k)
{
    size_t j = cue_clause_start(d, k);
    if (j > 0 && d->tok[j - 1].kind == TK_WORD && (d->tok[j - 1].lex & LX_CONJ))
        j--;
    return j;
}

/* Where does a content clause starting at s end? At its sentence's end,
 * or before an attribution that interrupts it (", the Tribune reports,"),
 * a participle adding more (", adding ..."), a writer's aside (", both of
 * which ..."), or a time clause whose subject is the speaker ("announced
 * that peace negotiations would begin after he held a conversation"). */
/* Is there a comma outside quotations in (k, end)? */
static bool comma_ahead(const ws_doc *d, size_t k, size_t end)
{
    for (size_t j = k + 1; j < end; j++) {
        WS_WORK(d, 1);
        if (ws_is_comma(d, j) && ws_tok_outside_quotes(&d->tok[j]))
            return true;
    }
    return false;
}

/* "his approach has created leverage — and in some cases, he is right":
 * a spaced dash and a conjunction open the writer's comment. Not a dash
 * that pairs with a later one ("comments Trump made — and later walked
 * back — that ..."), a hyphen ("low- and moderate-income"), or "— and
 * that ...", a second content clause of the same report. */
static bool dash_comment_at(const ws_doc *d, size_t k, size_t end)
{
    if (!tok_is_dash(d, k) || k + 2 >= end || !(d->tok[k].flags & TF_SPACE_BEFORE) ||
        d->tok[k + 1].kind != TK_WORD || !(d->tok[k + 1].lex & LX_CONJ) ||
        !(d->tok[k + 1].flags & TF_SPACE_BEFORE) || ws_word_is(d, k + 2, "that"))
        return false;
    for (size_t j = k + 1; j < end; j++)
        if (tok_is_dash(d, j))
            return false;
    return true;
}

/* "the ruling party (RLVP) was misusing ...", "drawing about 1,650 MLD
 * (million litres per day) from the dams": a short parenthesis that the
 * clause goes on after is a gloss inside the content; one that ends the
 * sentence, or a long one, is what the writer adds. Returns the closing
 * bracket, or SIZE_MAX. */
static size_t gloss_end(const ws_doc *d, size_t k, size_t end)
{
    for (size_t j = k + 1; j < end && j - k <= WS_MAX_APPOSITION_TOKENS; j++) {
        if (tok_is_punct(d, j, '(') || (d->tok[j].flags & TF_SENT_PUNCT))
            return SIZE_MAX;
        if (tok_is_punct(d, j, ')'))
            return j + 1 < end && d->tok[j + 1].kind == TK_WORD ? j : SIZE_MAX;
    }
    return SIZE_MAX;
}

static size_t content_end(const ws_doc *d, size_t s, size_t end, int32_t speaker, size_t *resume)
{
    int32_t se = speaker >= 0 ? d->m[speaker].entity : -1;
    int32_t first = ws_mention_at(d, s);
    bool about_speaker = first >= 0 && se >= 0 && d->m[first].entity == se;
    *resume = SIZE_MAX;
    for (size_t k = s + 1; k < end; k++) {
        const ws_token *t = &d->tok[k];
        if (!ws_tok_outside_quotes(t))
            continue;
        /* a semicolon, a parenthesis or a dash opens what the writer adds
         * ("-- a controversial proposal he has raised") */
        if (tok_is_punct(d, k, '(')) {
            size_t g = gloss_end(d, k, end);
            if (g == SIZE_MAX)
                return k;
            k = g;
            continue;
        }
        /* "his approach has created leverage — and in some cases, he is
         * right": a dash and a conjunction open the writer's comment */
        if (tok_is_punct(d, k, ';') || dash_comment_at(d, k, end))
            return k;
        if (t->kind == TK_WORD && coordinates_clause(d, k, end))
            return k;
        /* "... on paper, but suggesting that ...", "-- the actress also
         * pointed out that ...": a second report starts; it gets its own
         * record */
        if (t->kind == TK_WORD && (t->lex & (LX_CUE | LX_CUE_ING)) && ws_cue_end_at(d, k) &&
            opens_second_report(d, k) && !closes_subject_apposition(d, s, k))
            return report_start(d, k);
        bool comma = ws_is_comma(d, k - 1) ||
                     ((d->tok[k - 1].flags & TF_CLOSE) && k >= 2 && ws_is_comma(d, k - 2));
        /* a cut after ",”" keeps the closing mark: the seed's "...
         * negotiated settlement,” both of which" */
        size_t cut = (d->tok[k - 1].flags & TF_CLOSE) ? k : k - 1;
        if (comma && t->kind == TK_WORD) {
            if (t->lex & LX_CUE_ING)
                return cut;
            if ((ws_word_is(d, k, "both") || ws_word_is(d, k, "all") || ws_word_is(d, k, "none") ||
                 ws_word_is(d, k, "neither")) && ws_word_is(d, k + 1, "of"))
                return cut;
            /* "..., amid simmering public anger over ...": the writer's
             * backdrop; "..., which plunged the country into chaos." to
             * the sentence's end: the writer's aside on the last noun (a
             * "which" clause closed by a comma is the content's own) */
            if (ws_word_is(d, k, "amid") || (ws_word_is(d, k, "which") && !comma_ahead(d, k, end)))
                return cut;
            size_t ce = ws_cue_end_at(d, k);
            int32_t m = ws_mention_at(d, k);
            if (ce && (d->tok[k].lex & LX_ACCORDING))
                return k - 1;
            if (m >= 0 && d->m[m].first == k && ws_cue_end_at(d, d->m[m].last + 1)) {
                size_t after = d->m[m].last + 2;
                if (ws_is_comma(d, after))
                    *resume = after + 1;
                return k - 1;
            }
        }
        if (!about_speaker && se >= 0 && t->kind == TK_WORD &&
            (ws_word_is(d, k, "after") || ws_word_is(d, k, "before") || ws_word_is(d, k, "when") ||
             ws_word_is(d, k, "while") || ws_word_is(d, k, "as"))) {
            int32_t m = ws_mention_at(d, k + 1);
            if (m >= 0 && d->m[m].kind == MK_PRONOUN && d->m[m].entity == se)
                return k;
        }
    }
    return end;
}

/* ===================================================================== */
/*  Patterns                                                             */
/* ===================================================================== */

/* The speaker of the cue at c (as for direct quotations). */
static int32_t cue_speaker(const ws_doc *d, size_t c, size_t ce)
{
    uint32_t lx = d->tok[c].lex;
    int32_t m;
    if (lx & LX_ACCORDING)
        return ws_subject_right(d, ce);
    if (c > 0 && (ws_is_comma(d, c - 1) || (d->tok[c - 1].flags & TF_CLOSE)) &&
        (m = ws_inverted_subject(d, c, ce)) >= 0)
        return m; /* "..., said Angie Drobnic Holan, Politifact's editor." */
    if (lx & LX_CUE_ING)
        m = ws_participle_subject(d, c);
    else if ((m = ws_subject_left(d, c)) == -1)
        m = ws_inverted_subject(d, c, ce);
    if (m == -2 || (m == -1 && !(lx & LX_CUE_BASE)))
        m = ws_sentence_subject(d, c);
    return m;
}

/* "did not directly answer", "declined to say", "never said": a report
 * denied is no report. */
static bool negated(const ws_doc *d, size_t c)
{
    for (size_t k = c; k > 0 && c - k < 3; k--) {
        if (ws_word_is(d, k - 1, "not") || ws_word_is(d, k - 1, "never") || ws_word_is(d, k - 1, "declined") ||
            ws_word_is(d, k - 1, "refused"))
            return true;
        if (d->tok[k - 1].kind == TK_WORD && d->text[d->tok[k - 1].end - 1] == 't' &&
            d->tok[k - 1].end - d->tok[k - 1].start > 3 &&
            (d->text[d->tok[k - 1].end - 2] == '\'' || (unsigned char)d->text[d->tok[k - 1].end - 2] == 0x99))
            return true; /* "didn't", "doesn’t" */
        if (d->tok[k - 1].kind != TK_WORD)
            return false;
    }
    return false;
}

/* "Asked whether he would run, he said ...", "When asked if it was
 * possible, she ...": a past participle that opens its sentence, alone or
 * after "when", "once" or "if", is a passive with no subject. */
static bool opening_passive(const ws_doc *d, size_t c)
{
    if (!(d->tok[c].lex & LX_PAST))
        return false;
    if (d->tok[c].sent == c)
        return true;
    return c >= 1 && d->tok[c - 1].sent == c - 1 &&
           (ws_word_is(d, c - 1, "when") || ws_word_is(d, c - 1, "once") || ws_word_is(d, c - 1, "if"));
}

/* "X was asked", "were told": a passive cue reports nothing but a "that"
 * (or "whether") clause, in report_passive. */
static bool passive(const ws_doc *d, size_t c)
{
    if (opening_passive(d, c))
        return true;
    size_t k = c;
    while (k > 0 && d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_SKIP) &&
           !(d->tok[k - 1].lex & LX_BE) && c - k < 2)
        k--;
    return k > 0 && d->tok[k - 1].kind == TK_WORD && (d->tok[k - 1].lex & LX_BE) &&
           (d->tok[c].lex & LX_PAST);
}

/* A lower-case word that reads as a finite verb: an auxiliary, a verb
 * of the lexicon, or "-s"/"-ed" ("was", "will", "marks", "ended"). */
static bool finite_verb_like(const ws_doc *d, size_t r)
{
    if (r >= d->ntok)
        return false;
    const ws_token *t = &d->tok[r];
    if (t->kind != TK_WORD || !(t->flags & TF_LOWER) ||
        (t->lex & (LX_PREP | LX_OF | LX_FOR | LX_DET | LX_CONJ | LX_FUNC | LX_CUE_ING | LX_PRONOUN |
                   LX_RELATIVE)))
        return false;
    if (t->lex & (LX_BE | LX_VERB))
        return true;
    size_t n = t->end - t->start;
    const char *w = d->text + t->start;
    return n > 3 && ((w[n - 1] == 's' && w[n - 2] != 's') || (w[n - 2] == 'e' && w[n - 1] == 'd'));
}

/* A word of a noun phrase, never of a clause or an infinitive ("pleaded
 * with them to reject his brand of politics" is no adjunct). */
static bool plain_phrase_word(const ws_doc *d, size_t k)
{
    const ws_token *t = &d->tok[k];
    if (t->kind == TK_CLITIC)
        return true;
    return !ws_word_is(d, k, "to") && !(t->lex & (LX_BE | LX_VERB | LX_CUE_BASE | LX_CUE_ING)) &&
           (!(t->lex & LX_PRONOUN) || (t->lex & LX_DET));
}

/* "S, X said." / "S, said X." / "S, according to X." - the attribution
 * closes the sentence and the content is what comes before it. The
 * attribution starts at a; after the cue only a time or a short phrase
 * may follow ("said Thursday", "said in a statement"), after an inverted
 * speaker an apposition ("said Angie Drobnic Holan, Politifact's
 * editor"). */
static bool attribution_closes(const ws_doc *d, size_t a, size_t after, size_t end, bool inverted,
                               size_t *resume)
{
    *resume = SIZE_MAX;
    if (a == 0 || !(ws_is_comma(d, a - 1) ||
                    ((d->tok[a - 1].flags & TF_CLOSE) && a >= 2 && ws_is_comma(d, a - 2))))
        return false;
    size_t k = after;
    if (inverted) {
        /* the apposition may hold a relative clause with verbs of its own
         * ("said an American official who was briefed on the details") */
        bool relative = false;
        /* "The combination, say economists, marks ...": the subject's
         * verb after the comma ends the attribution */
        if (ws_is_comma(d, k) && finite_verb_like(d, k + 1)) {
            *resume = k + 1;
            return true;
        }
        while (k < end && k - after < 32 && !(d->tok[k].flags & (TF_SENT_PUNCT | TF_OPEN)) &&
               (d->tok[k].kind == TK_WORD || d->tok[k].kind == TK_CLITIC || ws_is_comma(d, k) ||
                tok_is_punct(d, k, '(') || tok_is_punct(d, k, ')') || tok_is_dash(d, k) ||
                tok_is_punct(d, k, '&') || tok_is_punct(d, k, '/')) && /* "PG&E's senior director" */
               (relative || !ws_cue_end_at(d, k))) {
            relative |= d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_RELATIVE);
            k++;
        }
    } else {
        /* "..., a police official told the Post.": the hearer */
        if (after > 0 && ws_cue_takes_hearer(d, after - 1)) {
            int32_t h = ws_mention_at(d, k);
            if (h >= 0 && d->m[h].first == k)
                k = d->m[h].last + 1;
            else if (k < end && d->tok[k].kind == TK_WORD && !(d->tok[k].lex & LX_PREP) &&
                     ((d->tok[k].lex & LX_FUNC) || d->text[d->tok[k].end - 1] == 's'))
                k++; /* "told him", "told reporters" */
        }
        /* "..., researchers say this week in Science.": a time, with its
         * "this", "last" or "next" */
        static const char *const TIME_DETERMINERS[] = {"this", "last", "next"};
        while (k < end && d->tok[k].kind == TK_WORD && k - after < 3 &&
               ((d->tok[k].lex & LX_TIME) ||
                (k + 1 < end && (d->tok[k + 1].lex & LX_TIME) &&
                 ws_word_among(d, k, TIME_DETERMINERS, sizeof TIME_DETERMINERS / sizeof TIME_DETERMINERS[0]))))
            k++;
        if (k < end && d->tok[k].kind == TK_WORD && (d->tok[k].lex & LX_PREP)) {
            size_t p = k + 1;
            while (p < end && p - k < 6 && d->tok[p].kind == TK_WORD && !ws_cue_end_at(d, p))
                p++;
            /* "said in the campaign's public service announcement.": a
             * longer phrase of the medium, possessive included, when it
             * ends the sentence */
            size_t q = k + 1;
            while (q < end && q - k < 9 && (d->tok[q].kind == TK_WORD || d->tok[q].kind == TK_CLITIC) &&
                   !ws_cue_end_at(d, q) && plain_phrase_word(d, q))
                q++;
            if (q > p && (ws_word_is(d, k, "in") || ws_word_is(d, k, "on")) &&
                (q >= end || (d->tok[q].flags & TF_SENT_PUNCT)))
                p = q;
            k = p;
        }
    }
    if (k >= end || (d->tok[k].flags & TF_SENT_PUNCT))
        return true;
    /* "A, the Tribune reports, and B": the attribution interrupts */
    if (ws_is_comma(d, k)) {
        *resume = k + 1;
        return true;
    }
    return false;
}

/* "Then: "We will not sign this deal," she said.": a colon introduces a
 * direct quotation; the words before it report nothing. */
static bool introduces_quotation(const ws_doc *d, size_t s, size_t e)
{
    for (size_t k = s + 1; k < e; k++)
        if ((d->tok[k].flags & TF_OPEN) && tok_is_punct(d, k - 1, ':'))
            return true;
    return false;
}

/* A verb in s..e that no noun could be: an auxiliary or a verb of the
 * lexicon, or "-ed" ("headquarters" and "remarks" are no evidence). */
static bool has_verb(const ws_doc *d, size_t s, size_t e)
{
    for (size_t k = s; k < e && k - s < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        const ws_token *t = &d->tok[k];
        if (t->kind != TK_WORD || !(t->flags & TF_LOWER))
            continue;
        size_t n = t->end - t->start;
        /* "in remarks", "a plan": a noun after a determiner or a preposition */
        const ws_token *b = k > s ? &d->tok[k - 1] : NULL;
        bool noun_slot = b && b->kind == TK_WORD && (b->lex & (LX_DET | LX_PREP));
        if ((t->lex & LX_BE) || (!noun_slot && (t->lex & (LX_VERB | LX_CUE))) ||
            (n > 3 && d->text[t->end - 2] == 'e' && d->text[t->end - 1] == 'd'))
            return true;
    }
    return false;
}

static size_t first_comma(const ws_doc *d, size_t s, size_t e);

static bool report_before(ws_doc *d, size_t s, size_t a, int32_t m, size_t c, size_t ce,
                          const char *rule)
{
    size_t e = trim_end(d, s, a);
    /* "Yet Sondland has amended his testimony once -- "I now do recall,"
     * he said": after a dash the speaker's words are all quoted; what
     * the writer says before it is no report */
    for (size_t k = e; k > s + 1; k--)
        if (tok_is_dash(d, k - 1) && ws_tok_outside_quotes(&d->tok[k - 1])) {
            if (k < e && wholly_quoted(d, k, e))
                return true; /* the direct record says it all */
            break;
        }
    /* a sentence that ends in its attribution reports a clause: no test.
     * A cue inside it ("The poll found his rating fell, the paper
     * reported.") is a report nested in this one, which FORMAT.md
     * records as the outer report alone (closing_attribution left it) */
    if (e <= s || wholly_quoted(d, s, e) || e - s < 3 ||
        introduces_quotation(d, s, e))
        return true;
    /* "In a letter in May, Tom Reed, the president of the bureau, wrote
     * to the governor.": a fronted phrase says where or when; what opens
     * with a preposition is reported only as a clause ("In the end, the
     * deal will fail, he said") */
    size_t p = s;
    if (p + 2 < e && d->tok[p].kind == TK_WORD && ws_is_comma(d, p + 1))
        p += 2; /* "Later, in remarks at the party headquarters, Esper said" */
    if (d->tok[p].kind == TK_WORD && (d->tok[p].lex & LX_PREP) && !has_verb(d, p, e))
        return true;
    /* "After winning Ohio, Gov. John Kasich said, "Q"": a participle
     * phrase, with or without its preposition, is no clause */
    size_t v = p; /* "Minutes after winning Ohio": a time word may come first */
    for (size_t j = p; j + 1 < e && j <= p + 1; j++)
        if (d->tok[j].kind == TK_WORD && ((d->tok[j].lex & LX_PREP) || ws_is_subordinator(d, j))) {
            v = j + 1;
            break;
        }
    if (d->tok[v].kind == TK_WORD && ws_tok_ends_with(d, &d->tok[v], "ing", 4) &&
        !(d->tok[v].lex & (LX_VERB | LX_BE)) &&
        !has_verb(d, v + 1, e))
        return true;
    /* "When I asked one senior White House aide about her influence, he
     * laughed.": a subordinate clause alone, no main clause after a comma
     * of its own nor after the attribution, is the writer's scene, not
     * what was said ("While A, he said, B" is reported; "When the
     * plan fails, voters will blame us, he said" is reported; "As a
     * reality TV boss, Trump ..." is a preposition's phrase) */
    if (ws_is_subordinator(d, s) && !ws_word_is(d, s, "as") && first_comma(d, s, e) >= e &&
        (ce >= d->ntok || (d->tok[ce].flags & (TF_SENT_PUNCT | TF_PARA_START))))
        return true;
    return add_report(d, s, e, m, c, ce, rule);
}

/* "A, the Tribune reports, and B": what follows an interrupting
 * attribution is reported too when it is a clause of its own. */

static bool report_rest(ws_doc *d, size_t r, size_t end, int32_t m, size_t c, size_t ce)
{
    if (r < end && (d->tok[r].flags & TF_OPEN))
        return true; /* ""Yes," Hill said, "and ..."": the quotation goes on */
    if (r < end && d->tok[r].kind == TK_WORD && (d->tok[r].lex & LX_CONJ))
        r++;
    /* "..., he said, popping a Coca-Cola", "..., as a few young fighters
     * worked out": the writer goes on; a reported clause opens with its
     * subject */
    if (r < end && d->tok[r].kind == TK_WORD && (d->tok[r].flags & TF_LOWER)) {
        bool participle = ws_tok_ends_with(d, &d->tok[r], "ing", 4) || ws_tok_ends_with(d, &d->tok[r], "ed", 4);
        if ((participle && !(d->tok[r].lex & (LX_ROLE | LX_VERB))) || ws_word_is(d, r, "again") ||
            ws_word_is(d, r, "by"))
            return true;
        /* "..., she said, after weeks of pressure", "..., he said on
         * Tuesday, weeks after the vote": a time or a circumstance, the
         * writer's too */
        if ((d->tok[r].lex & (LX_PREP | LX_TIME)) || ws_is_subordinator(d, r) ||
            ws_word_is(d, r, "though") || ws_word_is(d, r, "despite") || ws_word_is(d, r, "amid") ||
            ws_word_is(d, r, "during"))
            return true;
    }
    size_t re = trim_end(d, r, end);
    if (re <= r || wholly_quoted(d, r, re) || !looks_like_clause(d, r, re, false))
        return true;
    return add_report(d, r, re, m, c, ce, "content-split-by-attribution");
}

/* Does the sentence close with an attribution of its own (", the source
 * added." / ", said X.")? Returns its cue, or SIZE_MAX. */
static bool attribution_closes(const ws_doc *d, size_t a, size_t after, size_t end, bool inverted,
                               size_t *resume);

/* "Sondland was known for telling others "Q" ..., said another witness
 * in the impeachment probe, former White House Russia adviser Fiona
 * Hill.": an inverted attribution, apposition and all, that closes the
 * sentence; its cue, or SIZE_MAX. */
static size_t closing_inverted_attribution(const ws_doc *d, size_t from, size_t end)
{
    for (size_t c = end; c-- > from + 1 && end - c < WS_MAX_ATTRIBUTION_WINDOW;) {
        WS_WORK(d, 1);
        if (!ws_tok_outside_quotes(&d->tok[c]))
            return SIZE_MAX;
        if (!ws_is_comma(d, c - 1) || (d->tok[c].lex & LX_CUE_ING))
            continue;
        size_t ce = ws_cue_end_at(d, c);
        int32_t m = ce ? ws_inverted_subject(d, c, ce) : -1;
        size_t resume;
        if (m >= 0 && attribution_closes(d, c, d->m[m].last + 1, end, true, &resume) && resume == SIZE_MAX)
            return c;
    }
    return SIZE_MAX;
}

static size_t closing_attribution(const ws_doc *d, size_t from, size_t end)
{
    size_t e = end;
    if (e > from && (d->tok[e - 1].flags & TF_SENT_PUNCT))
        e--;
    for (size_t k = e; k > from + 1 && e - k < 10; k--) {
        size_t c = k - 1;
        if (!ws_tok_outside_quotes(&d->tok[c]) || ws_is_comma(d, c))
            break;
        /* ", according to the Roper Center." */
        if ((d->tok[c].lex & LX_ACCORDING) && ws_cue_end_at(d, c) && c > from + 1 &&
            ws_is_comma(d, c - 1))
            return c;
        size_t ce = ws_cue_end_at(d, c);
        if (!ce || ce != e || (d->tok[c].lex & LX_CUE_ING))
            continue;
        /* ", X said." : a mention between the comma and the cue */
        int32_t m = ws_mention_at(d, c - 1);
        if (m >= 0 && d->m[m].last == c - 1 && d->m[m].first > from &&
            ws_is_comma(d, d->m[m].first - 1))
            return c;
        break;
    }
    return closing_inverted_attribution(d, from, end);
}

/* A reporting cue and what report_at learns about it. */
typedef struct cue_site {
    size_t c, ce;    /* the cue's tokens */
    size_t s0, end;  /* its sentence */
    int32_t m;       /* its speaker mention, or -1 */
    bool according;  /* "according to" */
} cue_site;

/* "As X noted, S.": the content is the clause after the comma. */
static bool report_as_opening(ws_doc *d, const cue_site *q, size_t after)
{
    size_t k = after;
    while (k < q->end && k - after < 6 && !ws_is_comma(d, k))
        k++;
    if (k + 1 >= q->end || !ws_is_comma(d, k))
        return true;
    size_t e = trim_end(d, k + 1, q->end);
    if (e <= k + 1 || wholly_quoted(d, k + 1, e) || !looks_like_clause(d, k + 1, e, false))
        return true;
    return add_report(d, k + 1, e, q->m, q->c, q->ce, "as-speaker-cue-content");
}

/* Where the content after the cue starts (past the speaker, a hearer,
 * "that" and a parenthetical comma), or SIZE_MAX when nothing after the
 * cue can be its content. */
/* "Saying that the plan had failed, the minister resigned": a cue that
 * opens its sentence as a participle; its subject comes after. */
static bool opening_participle(const ws_doc *d, const cue_site *q)
{
    return q->c == q->s0 && (d->tok[q->c].lex & LX_CUE_ING);
}

/* "According to F.A.A. records, S", "According to the officer in charge
 * of the CIA's Benghazi base that night, S": an "according to" that opens
 * its sentence takes a source up to its comma, however its words end the
 * mention, when no verb, relative or "that" comes first (the source is a
 * noun phrase). Returns the comma, or k when there is none in reach
 * (WS_MAX_APPOSITION_TOKENS). */
static size_t opening_source_end(const ws_doc *d, const cue_site *q, size_t k)
{
    bool opens = q->c == q->s0 ||
                 (q->c == q->s0 + 1 && d->tok[q->s0].kind == TK_WORD && (d->tok[q->s0].lex & LX_CONJ));
    if (!opens)
        return k;
    /* a relative clause of the source ("According to State Department
     * cables that were later released by WikiLeaks, S") has verbs of its
     * own; before one, a verb means the content began with no comma */
    bool relative = false;
    for (size_t j = k; j < q->end && j - k < WS_MAX_APPOSITION_TOKENS; j++) {
        const ws_token *t = &d->tok[j];
        if (ws_is_comma(d, j))
            return ws_tok_outside_quotes(t) ? j : k;
        if (t->kind == TK_WORD && (t->lex & (LX_RELATIVE | LX_COMPLEMENTISER)) && !relative) {
            relative = true;
            continue;
        }
        /* "According to her "clawback" plan,": a quoted word of the source */
        if ((t->kind != TK_WORD && t->kind != TK_CLITIC && t->kind != TK_QMARK && !tok_is_punct(d, j, '.') &&
             !tok_is_punct(d, j, '/') && !tok_is_punct(d, j, '-')) ||
            (t->flags & TF_SENT_PUNCT) ||
            (!relative && (t->lex & (LX_VERB | LX_CUE | LX_BE | LX_COMPLEMENTISER | LX_RELATIVE | LX_PRONOUN))))
            return k;
    }
    return k;
}

static size_t content_start(ws_doc *d, const cue_site *q, bool *that)
{
    const ws_mention *sp = &d->m[q->m];
    size_t k = q->ce;
    bool hearer = false;
    if (q->according) {
        k = sp->last + 1;
        /* "According to the Centre for Disease Control (CDC) in the US,
         * ...": an acronym in brackets and a place phrase belong to the
         * source */
        if (tok_is_punct(d, k, '(')) {
            size_t j = k + 1;
            while (j < q->end && j - k < 8 && !tok_is_punct(d, j, ')'))
                j++;
            if (tok_is_punct(d, j, ')'))
                k = j + 1;
        }
        k = ws_postmodifier_end(d, k);
        if (!ws_is_comma(d, k))
            k = opening_source_end(d, q, k);
        if (!ws_is_comma(d, k))
            return SIZE_MAX;
        k++;
    } else {
        if (sp->first >= q->ce && !opening_participle(d, q))
            k = sp->last + 1; /* "said Trump" then the content? rare */
        if (ws_cue_takes_hearer(d, q->c)) {
            size_t h = skip_hearer(d, k, q->end);
            hearer = h > k;
            k = h;
        }
    }
    *that = false;
    k = skip_to_content(d, k, q->end, hearer, that);
    /* "Instead, she said, her boss told her ...": a parenthetical
     * attribution, the content after its comma */
    if (*that && k + 1 < q->end && ws_is_comma(d, k))
        k++; /* "found that, relative to two years earlier, ..." */
    if (k + 1 < q->end && ws_is_comma(d, k) && !*that && q->c > 0 && sp->first > 0 &&
        (ws_is_comma(d, sp->first - 1) || ws_is_comma(d, q->c - 1)) &&
        d->tok[k + 1].kind == TK_WORD)
        k++;
    if (k >= q->end || ws_is_comma(d, k) || tok_is_punct(d, k, ':'))
        return SIZE_MAX;
    return k;
}

/* The first comma outside quotation marks in [s, e), or e. */
static size_t first_comma(const ws_doc *d, size_t s, size_t e)
{
    for (size_t j = s; j < e; j++) {
        WS_WORK(d, 1);
        if (ws_is_comma(d, j) && ws_tok_outside_quotes(&d->tok[j]))
            return j;
    }
    return e;
}

/* "When the advisers suggested a deal, Mr. Trump wasn't satisfied.": a
 * cue inside a sentence's opening time or reason clause reports up to the
 * comma that closes that clause; the main clause after it is the
 * writer's. Returns the content's end, e or earlier. */
static size_t opening_clause_end(const ws_doc *d, const cue_site *q, size_t k, size_t e)
{
    /* "Finding that difficult, he narrowed his focus", "Saying that the
     * plan failed, she resigned": an opening participle clause likewise */
    if (!opening_participle(d, q) && !ws_is_subordinator(d, q->s0))
        return e;
    for (size_t j = q->s0 + 1; j < q->c; j++)
        if (ws_is_comma(d, j) && ws_tok_outside_quotes(&d->tok[j]))
            return e; /* "When it rained, she said S": the cue is the main clause's */
    return first_comma(d, k + 1, e);
}

/* Is the cue (with its speaker) the attribution of a quotation that
 * closes right before it: ""Q," X said", ""Q," said X", ""Q," X, a
 * spokesman, said"? Then what follows the cue is the writer's ("said
 * matter-of-factly as confetti fell", "said of a list that ..."). */
static bool attributes_quotation(const ws_doc *d, const cue_site *q)
{
    size_t a = q->c;
    if (d->tok[q->c].lex & LX_CUE_ING)
        return false; /* ""Q," she said, emphasizing why ...": a second report */
    if (q->m >= 0 && d->m[q->m].first < a) {
        if (q->c - d->m[q->m].last > 3)
            return false; /* the speaker is not this cue's neighbour */
        a = d->m[q->m].first;
    }
    if (a < 2 || (d->tok[a].flags & (TF_SENT_START | TF_PARA_START)))
        return false; /* "... ." He said ...": a sentence of its own */
    size_t close = ws_is_comma(d, a - 1) ? a - 2 : a - 1;
    if (!(d->tok[close].flags & TF_CLOSE))
        return false;
    /* the quotation that closes there, found by its opening mark (the
     * pairs are sorted by it): it must be one this cue attributes, not a
     * title ("an interview on "Morning Joe," co-host X asked ...") */
    size_t lo = 0, hi = d->nq;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->q[mid].open < close)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0 && lo - k <= WS_MAX_QUOTE_DEPTH;) {
        const ws_qpair *p = &d->q[k];
        if (p->close == close)
            return p->keep && p->cue == (int32_t)q->c;
    }
    return false;
}

/* The content after the cue: an infinitive ("pledged to expand") or a
 * clause ("said that S", "told reporters S"). */
/* "said on NBC's "Meet the Press" on Sunday that ...": the phrase after
 * the cue ended on a possessor; the content starts after a "that" a few
 * words on (the possessed noun, a title, a time). Returns the content's
 * first token, or SIZE_MAX when no "that" comes. */
static size_t that_after_possessed(const ws_doc *d, size_t k, size_t end)
{
    for (size_t j = k + 1; j < end && j - k <= 10; j++) {
        const ws_token *t = &d->tok[j];
        if (ws_word_is(d, j, "that"))
            return j + 1 < end ? j + 1 : SIZE_MAX;
        if ((t->kind == TK_WORD && ws_tok_outside_quotes(t) &&
             (t->lex & (LX_VERB | LX_CUE | LX_CUE_ING | LX_PRONOUN))) ||
            (t->kind == TK_PUNCT && !ws_is_comma(d, j)) || (t->flags & TF_SENT_START))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* "who asked to be identified only as Maria", "asked not to be named":
 * the newsroom's note on a source's name, no request reported. */
static bool asks_anonymity(const ws_doc *d, size_t inf, size_t end)
{
    size_t j = inf;
    if (ws_word_is(d, j, "not"))
        j++;
    return j + 2 < end && ws_word_is(d, j, "to") && ws_word_is(d, j + 1, "be") &&
           (ws_word_is(d, j + 2, "identified") || ws_word_is(d, j + 2, "named"));
}

static bool report_after_cue(ws_doc *d, const cue_site *q, size_t *next)
{
    bool that = false;
    size_t k = content_start(d, q, &that);
    if (k == SIZE_MAX)
        return true;
    if (!that && attributes_quotation(d, q))
        return true; /* ""Q," Bechdel said in a statement issued ...": the
                        quotation is what was said */
    /* "pleaded guilty to ...", "pleading not guilty": a plea, not a report */
    if (d->tok[q->c].end - d->tok[q->c].start >= 5 &&
        memcmp(d->text + d->tok[q->c].start, "plead", 5) == 0 &&
        (ws_word_is(d, k, "guilty") || ws_word_is(d, k, "not") || ws_word_is(d, k, "innocent") ||
         ws_word_is(d, k, "no")))
        return true;
    size_t resume;
    size_t inf = that ? SIZE_MAX : infinitive_at(d, q->c, k, q->end);
    if (inf != SIZE_MAX && asks_anonymity(d, inf, q->end))
        return true;
    if (inf != SIZE_MAX) {
        /* "pledged to expand its military", "urged Silicon Valley to find
         * a compromise": a promise or a request reports its infinitive */
        size_t ie = trim_end(d, inf, content_end(d, inf, q->end, q->m, &resume));
        if (ie > inf + 1 && !add_report(d, inf, ie, q->m, q->c, q->ce, "speaker-cue-infinitive"))
            return false;
        *next = ie > inf ? ie : q->ce;
        return true;
    }
    if (!that && takes_object(d, q->c) && !subject_and_verb(d, k, q->end))
        return true; /* "called the senator a liar": no clause reported */
    /* "150 kW DC fast charging support, with Audi suggesting": a
     * participle between a plain modifier and a lone noun before a comma
     * modifies that noun; it reports nothing */
    if (!that && (d->tok[q->c].lex & LX_CUE_ING) && q->c > 0 && d->tok[q->c - 1].kind == TK_WORD &&
        (d->tok[q->c - 1].flags & TF_LOWER) && d->tok[q->c - 1].lex == 0 && k == q->ce && k + 1 < q->end &&
        d->tok[k].kind == TK_WORD && (d->tok[k].flags & TF_LOWER) &&
        (ws_is_comma(d, k + 1) || (d->tok[k + 1].flags & TF_SENT_PUNCT)))
        return true;
    if (!that && k > 0 && d->tok[k].kind == TK_CLITIC) {
        /* the skip over a time or a phrase ended on a possessor */
        size_t j = that_after_possessed(d, k, q->end);
        if (j != SIZE_MAX) {
            k = j;
            that = true;
        } else if (k >= 2 && d->tok[k - 2].kind == TK_WORD && (d->tok[k - 2].lex & LX_PREP)) {
            return true; /* "agrees to Beijing's demands": an object */
        } else {
            k--; /* "said Thursday's speeches have led her to ...": the
                    possessor opens the content */
        }
    }
    const ws_token *t = &d->tok[k];
    /* "the third witness testifying Tuesday who listened in": a relative
     * clause after the cue's time modifies a noun; it reports nothing */
    if (t->kind == TK_WORD && (t->lex & (LX_PREP | LX_CONJ | LX_CUE_ING)) && !that &&
        !approximation_at(d, k, q->end))
        return true;
    if (t->kind == TK_WORD && (t->lex & LX_RELATIVE) && !that && k > q->ce)
        return true; /* but "asked who would run": a question */
    /* "said when she resigned", "testified before Congress": a time
     * clause or phrase says when, not what */
    if (!that && ws_is_subordinator(d, k))
        return true;
    size_t e = trim_end(d, k, opening_clause_end(d, q, k, content_end(d, k, q->end, q->m, &resume)));
    if (e <= k || wholly_quoted(d, k, e) || !looks_like_clause(d, k, e, that))
        return true;
    if (!add_report(d, k, e, q->m, q->c, q->ce,
                    q->according ? "according-to-content" : "speaker-cue-content"))
        return false;
    *next = e;
    if (resume != SIZE_MAX && resume < q->end) {
        *next = q->end;
        return report_rest(d, resume, q->end, q->m, q->c, q->ce);
    }
    return true;
}

/* "The difference, Mr. Warner said, was that ...", "The combination, say
 * economists, marks a journey ...": the attribution stands between the
 * content's subject (s..a, a noun phrase, no clause) and its verb (at r).
 * FORMAT.md has one span per content: the record runs over the
 * attribution, as PolNeAR's annotators also write it. */
static bool splits_subject_and_verb(const ws_doc *d, size_t s, size_t a, size_t r)
{
    if (a <= s || a - s > WS_MAX_APPOSITION_TOKENS || looks_like_clause(d, s, a, false))
        return false;
    return finite_verb_like(d, r);
}

/* In the attribution after[..end): a relative pronoun whose verb is a
 * cue ("said the officials, who added that ..."). Returns the cue's
 * token, or SIZE_MAX. */
static size_t relative_cue(const ws_doc *d, size_t after, size_t end)
{
    for (size_t k = after; k + 1 < end && k - after < WS_MAX_ATTRIBUTION_WINDOW; k++) {
        WS_WORK(d, 1);
        if (d->tok[k].kind != TK_WORD || !(d->tok[k].lex & LX_RELATIVE))
            continue;
        size_t v = k + 1;
        if (v + 1 < end && d->tok[v].kind == TK_WORD && (d->tok[v].lex & LX_SKIP))
            v++; /* "who also said" */
        if (ws_cue_end_at(d, v))
            return v;
    }
    return SIZE_MAX;
}

/* "While most were elevated to the "confidential" level, according to an
 * official, two were upgraded": a clause opened by a subordinator
 * depends on the main clause after the source, which alone is the
 * content (PolNeAR train, politico). */
static bool subordinate_opening(const ws_doc *d, size_t s)
{
    return d->tok[s].kind == TK_WORD && (d->tok[s].flags & TF_CAP) && ws_is_subordinator(d, s);
}

/* "A, according to X, B": where the source of an "according to" that
 * interrupts its sentence ends: at the first comma after it, within
 * WS_MAX_APPOSITION_TOKENS ("according to a New York Times/CBS News
 * survey released on Thursday,"), when what follows is a clause
 * ("according to Human Rights Watch, state security forces have killed")
 * and not an apposition or a relative clause of the source ("according
 * to Andrew McCarthy, who prosecuted ..."; "according to Ann Roe, a
 * professor at Yale."). Returns that comma, or SIZE_MAX when the source
 * runs to the sentence's end. */
static size_t according_interrupts(const ws_doc *d, const ws_mention *src, size_t end)
{
    size_t k = src->last + 1;
    while (k < end && k - src->last <= WS_MAX_APPOSITION_TOKENS && !ws_is_comma(d, k)) {
        if ((d->tok[k].flags & (TF_SENT_PUNCT | TF_OPEN)) || ws_cue_end_at(d, k))
            return SIZE_MAX;
        k++;
    }
    if (k + 1 >= end || !ws_is_comma(d, k) || d->tok[k + 1].kind != TK_WORD)
        return SIZE_MAX;
    const ws_token *t = &d->tok[k + 1];
    size_t e = trim_end(d, k + 1, end);
    if (t->lex & LX_RELATIVE)
        return SIZE_MAX;
    if ((t->lex & LX_DET) && !(t->lex & LX_COMPLEMENTISER)) {
        /* "a Republican pollster who conducted the poll": the verbs of
         * the apposition's own relative clause */
        size_t v = k + 2;
        while (v < e && !(d->tok[v].kind == TK_WORD && (d->tok[v].lex & LX_RELATIVE)))
            v++;
        if (!has_verb(d, k + 1, v))
            return SIZE_MAX;
    }
    return looks_like_clause(d, k + 1, e, false) ? k : SIZE_MAX;
}

/* "A group called Riverton Neighbors United said ...": "call" that
 * gives a phrase its name (ws_named_by_verb) reports nothing. */
static bool names_a_phrase(const ws_doc *d, size_t c)
{
    if (c == 0 || !(ws_word_is(d, c, "called") || ws_word_is(d, c, "calling")))
        return false;
    int32_t r = d->tok[c - 1].mention;
    size_t n = c + 1 + (ws_word_is(d, c, "calling") && ws_word_is(d, c + 1, "itself"));
    int32_t m = n < d->ntok ? d->tok[n].mention : -1;
    return r >= 0 && m >= 0 && ws_named_by_verb(d, &d->m[r], &d->m[m]);
}

/* The report of the cue at c..ce, if any; *next is the token where the
 * next search may start. */
static bool report_at(ws_doc *d, size_t c, size_t ce, size_t *next)
{
    cue_site q = {.c = c, .ce = ce, .s0 = ws_sentence_start(d, c), .end = sentence_end(d, c)};
    *next = ce;
    if (sentence_too_long(d, q.end) || c - q.s0 > WS_MAX_REPORT_TOKENS) {
        *next = q.end;
        return true;
    }
    if (names_a_phrase(d, c))
        return true;
    q.m = cue_speaker(d, c, ce);
    q.according = (d->tok[c].lex & LX_ACCORDING) != 0;
    /* the attribution after the content */
    size_t a = c, after = ce;
    if (q.m >= 0 && d->m[q.m].last < c && !q.according)
        a = d->m[q.m].first;
    if (q.m >= 0 && d->m[q.m].first >= ce && !opening_participle(d, &q))
        after = d->m[q.m].last + 1;
    /* "as X pointed out": the attribution is the "as" clause */
    bool as_clause = q.m >= 0 && a == d->m[q.m].first && a > 0 && ws_word_is(d, a - 1, "as");
    if (as_clause) {
        a--;
        if (ws_word_is(d, after, "out"))
            after++;
        if (a == q.s0) {
            *next = q.end;
            return report_as_opening(d, &q, after);
        }
    }
    size_t resume;
    /* ""And I asked ...?" said Hill, who will testify Thursday.": a cue in
     * a relative clause describes its antecedent; what comes before the
     * relative is no content of that cue */
    bool relative = q.m >= 0 && (d->tok[d->m[q.m].first].lex & LX_RELATIVE) && d->m[q.m].last < c;
    size_t source_comma = q.according && q.m >= 0 && a > q.s0 ? according_interrupts(d, &d->m[q.m], q.end) : SIZE_MAX;
    if (source_comma != SIZE_MAX)
        after = source_comma;
    if (q.m >= 0 && a > q.s0 && !relative &&
        attribution_closes(d, a, after, q.end, d->m[q.m].first >= ce && source_comma == SIZE_MAX, &resume)) {
        *next = q.end;
        if (resume != SIZE_MAX && resume < q.end && splits_subject_and_verb(d, q.s0, a - 1, resume)) {
            size_t r2, e = trim_end(d, resume, content_end(d, resume, q.end, q.m, &r2));
            return e <= resume || add_report(d, q.s0, e, q.m, c, ce, "content-around-attribution");
        }
        /* "Since last November, according to Human Rights Watch, security
         * forces have killed ...": before an interrupting "according to"
         * an adjunct with no clause is the writer's; the content is after */
        bool adjunct_before = source_comma != SIZE_MAX &&
                              (!looks_like_clause(d, q.s0, trim_end(d, q.s0, a - 1), false) ||
                               subordinate_opening(d, q.s0));
        if (!adjunct_before && !report_before(d, q.s0, a - 1, q.m, c, ce,
                                              q.according ? "content-according-to" : "content-comma-speaker-cue"))
            return false;
        size_t rel = relative_cue(d, after, resume == SIZE_MAX ? q.end : resume);
        if (rel != SIZE_MAX) {
            *next = rel; /* "..., said the officials, who added that S": its own report */
            return true;
        }
        if (resume != SIZE_MAX && resume < q.end && ws_cue_end_at(d, resume)) {
            *next = resume; /* ""Q," he said, arguing that S": a cue of its own */
            return true;
        }
        return resume == SIZE_MAX || report_rest(d, resume, q.end, q.m, c, ce);
    }
    if (q.m < 0)
        return true;
    size_t closing = closing_attribution(d, ce, q.end);
    if (closing != SIZE_MAX) {
        /* "Clinton had told police officials that ..., the source added.":
         * this report is nested in the one that closes the sentence */
        *next = closing;
        return true;
    }
    return report_after_cue(d, &q, next);
}

/* The content [s, e), its end trimmed, as a report of the cue c..ce
 * when it is a clause ("that" seen before it or not) and not wholly
 * quoted; *next moves past it. The passive, court and source readers
 * share it. */
static bool add_clause_report(ws_doc *d, size_t s, size_t e, bool that, int32_t m, size_t c, size_t ce,
                              const char *rule, size_t *next)
{
    e = trim_end(d, s, e);
    if (e <= s + 1 || wholly_quoted(d, s, e) || !looks_like_clause(d, s, e, that))
        return true;
    *next = e;
    return add_report(d, s, e, m, c, ce, rule);
}

/* "residents were told that S", "it was reported that S", "were told
 * by officials that S": a passive cue reports its "that" clause; the
 * speaker is the agent of "by", or nobody (FORMAT.md: null when the
 * document does not say who spoke; issue 12, point 5). */
static bool report_passive(ws_doc *d, size_t c, size_t ce, size_t *next)
{
    size_t end = sentence_end(d, c), k = ce;
    int32_t m = -1;
    *next = ce;
    if (sentence_too_long(d, end))
        return true;
    if (ws_word_is(d, k, "by")) {
        m = ws_mention_at(d, k + 1);
        if (m < 0 || d->m[m].first != k + 1)
            return true;
        k = d->m[m].last + 1;
    }
    /* "that", "whether" and "if" are dropped as complementisers; "why",
     * "what" and "where" are the question's own words and stay in it, as
     * after an active "asked" */
    bool keeps_word = question_word(d, k) && !ws_word_is(d, k, "whether") && !ws_word_is(d, k, "if");
    /* "The court was told he had spent the money": "told" takes its
     * clause without "that" too, when a subject and its verb open it */
    if (!keeps_word && ws_word_is(d, c, "told") && subject_and_verb(d, k, end))
        keeps_word = true;
    if (!keeps_word && !ws_word_is(d, k, "that") && !ws_word_is(d, k, "whether") && !ws_word_is(d, k, "if"))
        return true;
    size_t resume, s = keeps_word ? k : k + 1;
    size_t e = content_end(d, s, end, m, &resume);
    if (opening_passive(d, c))
        e = first_comma(d, s, e); /* the clause ends at its comma; the main clause is the writer's */
    return add_clause_report(d, s, e, true, m, c, ce, "passive-cue-content", next);
}

/* "Maidstone Crown Court heard that ...", "The jury heard ...", "the
 * inquest heard she had been dead for two days": British court reporting
 * gives what was said in court as what the court heard. The hearer is no
 * speaker and the text does not say who spoke (FORMAT.md: null). */
static bool court_heard(const ws_doc *d, size_t i)
{
    static const char *const HEARERS[] = {"court", "jury", "jurors", "inquest", "tribunal", "hearing", "trial"};
    if (!ws_word_is(d, i, "heard") || !(d->tok[i].flags & TF_LOWER) || i == 0 ||
        !ws_tok_outside_quotes(&d->tok[i]))
        return false;
    return ws_word_among(d, i - 1, HEARERS, sizeof HEARERS / sizeof HEARERS[0]);
}

static bool report_court_heard(ws_doc *d, size_t c, size_t *next)
{
    size_t end = sentence_end(d, c), s = c + 1, resume;
    *next = c + 1;
    if (sentence_too_long(d, end))
        return true;
    bool that = ws_word_is(d, s, "that") || ws_word_is(d, s, "how");
    if (that)
        s++;
    size_t e = content_end(d, s, end, -1, &resume);
    /* "... would knock on doors, claiming he had noticed loose tiles": with
     * no speaker outside the content, its participle is its own */
    if (e < end && ws_is_comma(d, e))
        e++;
    if (e < end && e > s + 1 && ws_is_comma(d, e - 1) && (d->tok[e].lex & LX_CUE_ING))
        e = content_end(d, e + 1, end, -1, &resume);
    return add_clause_report(d, s, e, that, -1, c, c + 1, "court-heard-content", next);
}

/* "In an NBC News/Wall Street Journal poll released Monday, 50 percent
 * of respondents chose Clinton", "In the complaint, prosecutors ...": a
 * sentence that opens "In" a poll, study, report or filing, with no cue
 * of its own, is what that source found (FORMAT.md: written sources
 * count; PolNeAR train's "in" misses). The source is the speaker. Sets
 * *next past the report, or to i when there is none. */
static bool report_in_source(ws_doc *d, size_t i, size_t *next)
{
    static const char *const SOURCES[] = {"poll", "polls", "survey", "surveys", "study", "report",
                                          "analysis", "filing", "filings", "documents", "papers",
                                          "complaint", "lawsuit", "ruling", "memo", "records", "data"};
    size_t end = sentence_end(d, i), comma = SIZE_MAX, head = SIZE_MAX;
    *next = i;
    if (sentence_too_long(d, end))
        return true;
    for (size_t j = i + 1; j < end && j - i <= WS_MAX_APPOSITION_TOKENS; j++) {
        if (ws_is_comma(d, j)) {
            comma = j;
            break;
        }
        if (d->tok[j].kind != TK_WORD && d->tok[j].kind != TK_CLITIC && !tok_is_punct(d, j, '/') &&
            !tok_is_punct(d, j, '-'))
            return true;
        if (head == SIZE_MAX && (d->tok[j].flags & TF_LOWER) &&
            ws_word_among(d, j, SOURCES, sizeof SOURCES / sizeof SOURCES[0]))
            head = j;
    }
    if (comma == SIZE_MAX || head == SIZE_MAX)
        return true;
    /* the source's phrase, or the name inside it ("an NBC News/Wall
     * Street Journal poll"): the last mention before the comma */
    int32_t m = ws_mention_at(d, head);
    for (size_t j = comma; m < 0 && j > i + 1; j--)
        m = ws_mention_at(d, j - 1);
    size_t s = comma + 1, resume;
    for (size_t j = s; j < end; j++)
        if (ws_tok_outside_quotes(&d->tok[j]) && ws_cue_end_at(d, j))
            return true; /* "In a statement, the company said ...": its cue reports */
    return add_clause_report(d, s, content_end(d, s, end, m, &resume), false, m, i, i + 1, "in-source-content",
                             next);
}

/* ===================================================================== */
/*  Headlines                                                            */
/* ===================================================================== */

/* Where the paragraph starting at i ends, if it is short enough to be a
 * headline (WS_MAX_HEADLINE_TOKENS); else i. */
static size_t headline_end(const ws_doc *d, size_t i)
{
    size_t j = i + 1;
    while (j < d->ntok && !(d->tok[j].flags & TF_PARA_START) && j - i <= WS_MAX_HEADLINE_TOKENS)
        j++;
    if (j - i > WS_MAX_HEADLINE_TOKENS || (j < d->ntok && !(d->tok[j].flags & TF_PARA_START)))
        return i;
    return j;
}

/* "ECB not in talks with Greece - spokeswoman": a headline signed by its
 * source after a dash; "Trump: I will build the wall": a headline opened
 * by its speaker and a colon. Returns the token after the headline when a
 * record was made, else i. */
static size_t report_headline(ws_doc *d, size_t i, bool *ok)
{
    *ok = true;
    size_t j = headline_end(d, i);
    if (j <= i + 2 || (d->tok[j - 1].flags & TF_SENT_PUNCT))
        return i;
    /* the signature */
    for (size_t k = j - 2; k > i; k--) {
        if (!tok_is_dash(d, k))
            continue;
        int32_t m = ws_mention_at(d, k + 1);
        if (m < 0 || d->m[m].first != k + 1 || d->m[m].last != j - 1 || d->m[m].kind == MK_PRONOUN)
            break;
        size_t e = trim_end(d, i, k);
        if (e > i + 1 && !wholly_quoted(d, i, e))
            *ok = add_report(d, i, e, m, SIZE_MAX, SIZE_MAX, "headline-content-dash-speaker");
        return j;
    }
    /* the speaker's label */
    int32_t m = ws_mention_at(d, i);
    if (m >= 0 && d->m[m].first == i && d->m[m].kind == MK_NAME &&
        tok_is_punct(d, d->m[m].last + 1, ':')) {
        size_t s = d->m[m].last + 2;
        size_t e = trim_end(d, s, j);
        if (e > s + 1 && !wholly_quoted(d, s, e))
            *ok = add_report(d, s, e, m, SIZE_MAX, SIZE_MAX, "headline-speaker-colon-content");
        return j;
    }
    return i;
}

/* FORMAT.md, mixed quotations: a quoted fragment inside reported speech
 * ("South Dakota's meth crisis is "growing at an alarming rate", Noem
 * said") is the wording of the report's speaker. A fragment that found
 * no cue of its own took its speaker from the context, or none, which the
 * report around it overrules. Both lists are sorted by start: one merge. */
static void fragments_follow_reports(ws_doc *d)
{
    size_t j = 0;
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        WS_WORK(d, 1);
        while (j < d->nr && d->r[j].end < q->end)
            j++;
        if (j == d->nr)
            return;
        const ws_report *r = &d->r[j];
        if (q->term || (q->keep && q->cue >= 0) || r->mention < 0 || r->start > q->start)
            continue;
        q->keep = true; /* a short fragment no context attributed */
        q->mention = r->mention;
        q->entity = r->entity;
        q->cue = r->cue;
        q->cue_end = r->cue_end;
        q->rule = "report-around-quote";
    }
}

/* "Erekat said it was only the latest move ... ¶ "They wanted us on our
 * knees ..."": a paragraph that is a quotation no cue claims continues
 * the speaker who reported last, in the paragraph before,
 * when that report came after the last quotation that had a speaker of
 * its own. */
static bool from_context(const ws_qpair *q)
{
    return q->rule && (strcmp(q->rule, "continuing-paragraph") == 0 ||
                       strcmp(q->rule, "previous-sentence-subject") == 0 || strcmp(q->rule, "unattributed") == 0);
}

static void quotes_follow_reporters(ws_doc *d)
{
    size_t j = 0;
    uint32_t last_quote_end = 0; /* of the latest quotation with a cue */
    for (size_t k = 0; k < d->nq; k++) {
        ws_qpair *q = &d->q[k];
        WS_WORK(d, 1);
        while (j < d->nr && d->r[j].end <= q->start)
            j++;
        bool whole_paragraph = q->to_para_end || q->close + 1 >= d->ntok ||
                               (d->tok[q->close + 1].flags & TF_PARA_START);
        if (q->keep && !q->term && from_context(q) && j > 0 && whole_paragraph &&
            (d->tok[q->open].flags & TF_PARA_START)) {
            const ws_report *r = &d->r[j - 1];
            if (r->mention >= 0 && r->cue >= 0 && r->start > last_quote_end &&
                d->tok[r->cue].para + 1 == q->para && d->m[r->mention].kind != MK_PRONOUN) {
                q->mention = r->mention;
                q->entity = r->entity;
                q->cue = q->cue_end = -1;
                q->rule = "previous-reporter";
            }
        }
        if (q->keep && q->cue >= 0)
            last_quote_end = q->end;
    }
}

bool ws_indirect_find(ws_doc *d)
{
    d->nr = 0;
    size_t i = 0;
    while (i < d->ntok) {
        size_t ce, next;
        WS_WORK(d, 1);
        if (d->tok[i].flags & TF_PARA_START) {
            bool ok;
            size_t after = report_headline(d, i, &ok);
            if (!ok)
                return false;
            WS_WORK(d, after - i);
            if (after > i) {
                i = after;
                continue;
            }
        }
        if (ws_word_is(d, i, "in") && (d->tok[i].flags & (TF_SENT_START | TF_PARA_START))) {
            if (!report_in_source(d, i, &next))
                return false;
            if (next > i) {
                i = next;
                continue;
            }
        }
        if (court_heard(d, i)) {
            if (!report_court_heard(d, i, &next))
                return false;
            i = next > i ? next : i + 1;
            continue;
        }
        if (!ws_tok_outside_quotes(&d->tok[i]) || !(ce = ws_cue_end_at(d, i)) || negated(d, i)) {
            i++;
            continue;
        }
        if (passive(d, i)) {
            if (!report_passive(d, i, ce, &next))
                return false;
            i = next > i ? next : i + 1;
            continue;
        }
        if (!report_at(d, i, ce, &next))
            return false;
        i = next > i ? next : i + 1;
    }
    fragments_follow_reports(d);
    quotes_follow_reporters(d);
    return true;
}
