/*
 * The stage harness shared by the per-stage unit tests: a document run
 * through the pipeline up to one stage, in the order src/extract.c runs
 * them, with the internal header (src/pipeline.h).
 */
#ifndef WS_TEST_STAGE_H
#define WS_TEST_STAGE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/pipeline.h"

/* ---- a document run through the stages up to one of them ------------- */

enum { TO_TOKENS = 1, TO_QUOTES, TO_SENTENCES, TO_MENTIONS, TO_ENTITIES, TO_ATTRIBUTE };

typedef struct stage {
    ws_allocator alloc;
    ws_lexicon lex;
    ws_doc d;
    uint64_t work;
} stage;

static inline void stage_open(stage *s)
{
    memset(s, 0, sizeof *s);
    s->alloc = ws_alloc_resolve(NULL);
    if (!ws_lexicon_init(&s->lex, &s->alloc)) {
        printf("ws_lexicon_init failed\n");
        exit(1);
    }
    s->d.alloc = &s->alloc;
    s->d.lex = &s->lex;
    s->d.work = &s->work;
}

static inline void stage_close(stage *s)
{
    ws_doc_free(&s->d);
    ws_lexicon_free(&s->lex, &s->alloc);
}

/* Run text[0..len) through the stages up to `upto`, in the order
 * src/extract.c runs them. false when a stage reported out of memory. */
static inline bool stage_run_n(stage *s, const char *text, size_t len, int upto)
{
    ws_doc *d = &s->d;
    d->text = text;
    d->len = len;
    s->work = 0;
    d->ntok = d->nq = d->nm = d->ne = 0;
    if (!ws_tokens_build(d))
        return false;
    if (upto >= TO_QUOTES && !ws_quotes_pair(d))
        return false;
    if (upto >= TO_SENTENCES)
        ws_sentences_mark(d);
    if (upto >= TO_MENTIONS && !ws_mentions_find(d))
        return false;
    if (upto >= TO_ENTITIES && !ws_entities_resolve(d))
        return false;
    if (upto >= TO_ATTRIBUTE)
        ws_attribute(d);
    return true;
}

static inline bool stage_run(stage *s, const char *text, int upto)
{
    return stage_run_n(s, text, strlen(text), upto);
}

/* The index of the first token whose text is w at or after token `from`;
 * -1 when there is none. */
static inline long find_tok(const stage *s, const char *w, size_t from)
{
    size_t n = strlen(w);
    for (size_t i = from; i < s->d.ntok; i++) {
        const ws_token *t = &s->d.tok[i];
        if (t->end - t->start == n && memcmp(s->d.text + t->start, w, n) == 0)
            return (long)i;
    }
    return -1;
}

#endif
