/*
 * Stage: sentence starts.
 *
 * A sentence starts at each paragraph, and after a full stop, question or
 * exclamation mark outside quotations when the next token can begin a
 * sentence. A quotation is kept whole: "A. B. C," he said is one sentence
 * around it; but a quotation that ends a sentence inside its marks and is
 * followed by a capitalised word ends the sentence ("... realities."
 * Trump also ...). Attribution reads across that boundary where the
 * pattern says so (attribute.c).
 */
#include "pipeline.h"

static bool can_begin_sentence(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i];
    if (t->kind == TK_WORD)
        return (t->flags & (TF_CAP | TF_DIGIT)) != 0;
    return t->kind == TK_QMARK || (t->flags & TF_OPEN);
}

/* Does the quotation closed at token c end with . ! ? inside its marks? */
static bool quote_ends_sentence(const ws_doc *d, size_t c)
{
    return c > 0 && (d->tok[c - 1].flags & TF_SENT_PUNCT);
}

/* "terrorist attacks in the U.S. He says ...", "at 7 p.m. He says": an
 * abbreviation's dot also ends its sentence when a capitalised pronoun,
 * "The" or a conjunction follows, which no name or title would be
 * (PolNeAR train: the next report ran into the first). A title's dot
 * ("Gen. He Weidong") and an initial's ("J. Edgar") stay inside. */
static bool abbreviation_ends_sentence(const ws_doc *d, size_t i)
{
    const ws_token *t = &d->tok[i], *n = &d->tok[i + 1];
    if (t->kind != TK_WORD || !(t->flags & TF_ABBREV) || (t->lex & LX_TITLE) || t->end - t->start < 3 ||
        d->text[t->end - 1] != '.')
        return false;
    /* "said Donald Trump Jr. “We will win,”": a quotation opening on a
     * capital after the dot starts a sentence (synthetic dev q) */
    if (n->kind == TK_QMARK && (n->flags & TF_OPEN) && i + 2 < d->ntok && d->tok[i + 2].kind == TK_WORD &&
        (d->tok[i + 2].flags & TF_CAP))
        /* a name's "Jr.", "Inc.", a place's "Brooklyn, N.Y.": not "the
         * U.S. “Patriot Act”" */
        return i > 0 && ((d->tok[i - 1].kind == TK_WORD && (d->tok[i - 1].flags & TF_CAP) &&
                          !(d->tok[i - 1].lex & LX_DET)) ||
                         ws_is_comma(d, i - 1));
    if (n->kind != TK_WORD || !(n->flags & TF_CAP) ||
        (n->flags & TF_IN_QUOTE) || d->text[t->end - 1] != '.')
        return false;
    return (n->lex & (LX_PRONOUN | LX_CONJ)) || ((n->lex & LX_DEFINITE) && (n->lex & LX_DET));
}

void ws_sentences_mark(ws_doc *d)
{
    bool boundary = true;
    uint32_t start = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        ws_token *t = &d->tok[i];
        WS_WORK(d, 1);
        if (t->flags & TF_PARA_START)
            boundary = true;
        if (boundary && !(t->flags & TF_IN_QUOTE)) {
            if ((t->flags & TF_PARA_START) || can_begin_sentence(d, i)) {
                t->flags |= TF_SENT_START;
                start = (uint32_t)i;
            }
            boundary = false;
        }
        /* every token knows its sentence's first token: "same sentence?"
         * and "where does it start?" are O(1) for the later stages */
        t->sent = start;
        if (t->flags & TF_IN_QUOTE)
            continue;
        if ((t->flags & TF_SENT_PUNCT) && !(t->flags & TF_OPEN))
            boundary = true;
        else if ((t->flags & TF_CLOSE) && quote_ends_sentence(d, i))
            boundary = true;
        else if (t->kind == TK_QMARK && !(t->flags & (TF_OPEN | TF_CLOSE)) && i > 0 &&
                 (d->tok[i - 1].flags & TF_SENT_PUNCT))
            boundary = true; /* ." after a stray mark */
        else if ((t->flags & TF_ABBREV) && i + 1 < d->ntok && abbreviation_ends_sentence(d, i))
            boundary = true;
        else
            boundary = boundary && (t->kind == TK_QMARK);
    }
}
