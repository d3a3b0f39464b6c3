/*
 * The document as the stages see it: tokens, quotation pairs, mentions,
 * entities. One ws_doc lives in each extractor and its arrays are reused
 * from document to document (they grow, never shrink), so the hot path
 * allocates only when a document is larger than any before it.
 *
 * Stages, in order (one file each):
 *   tokens.c     bytes -> tokens with offsets, paragraphs, lexicon classes
 *   quotes.c     quotation-mark pairing, per paragraph
 *   sentences.c  sentence starts, with quotations kept whole
 *   mentions.c   names, pronouns, role noun phrases
 *   entities.c   coreference: one canonical speaker per person
 *   attribute.c  quotation -> cue and speaker mention
 *   extract.c    the public API; records
 */
#ifndef WS_PIPELINE_H
#define WS_PIPELINE_H

#include "internal.h"
#include "lexicon.h"

/* ===================================================================== */
/*  Tokens                                                               */
/* ===================================================================== */

typedef enum tok_kind {
    TK_WORD = 1,   /* letters, digits, inner apostrophes, hyphens, dots */
    TK_PUNCT,      /* one punctuation or symbol code point (or a run) */
    TK_QMARK,      /* a quotation mark, or an apostrophe that may be one */
    TK_CLITIC      /* 's 'll 're 've 'd 'm split off a word */
} tok_kind;

/* Quotation-mark characters (tok.mark). */
typedef enum qmark {
    QM_NONE = 0,
    QM_DQ,        /* "  */
    QM_DAPOS,     /* '' (NYT style doubled apostrophes) */
    QM_BACKTICKS, /* `` */
    QM_LDQ,       /* U+201C */
    QM_RDQ,       /* U+201D */
    QM_LOW_DQ,    /* U+201E */
    QM_LGUIL,     /* U+00AB */
    QM_RGUIL,     /* U+00BB */
    QM_SQ,        /* '  */
    QM_LSQ,       /* U+2018 */
    QM_RSQ,       /* U+2019 */
    QM_LOW_SQ,    /* U+201A */
    QM_LSGUIL,    /* U+2039 */
    QM_RSGUIL     /* U+203A */
} qmark;

#define QM_IS_SINGLE(m) ((m) >= QM_SQ)

enum tok_flags {
    TF_CAP = 1u << 0,         /* starts with an upper-case letter */
    TF_ALLCAPS = 1u << 1,     /* two or more letters, all upper case */
    TF_LOWER = 1u << 2,       /* starts with a lower-case letter */
    TF_DIGIT = 1u << 3,       /* starts with a digit */
    TF_SPACE_BEFORE = 1u << 4,/* white space, a paragraph or the document
                                 start before it */
    TF_SPACE_AFTER = 1u << 5,
    TF_PARA_START = 1u << 6,  /* first token of a paragraph */
    TF_SENT_START = 1u << 7,  /* first token of a sentence */
    TF_IN_QUOTE = 1u << 8,    /* inside a recorded quotation's content */
    TF_OPEN = 1u << 9,        /* the opening mark of an outer quotation */
    TF_CLOSE = 1u << 10,      /* its closing mark */
    TF_ABBREV = 1u << 11,     /* ends with a '.' that is not a full stop */
    TF_SENT_PUNCT = 1u << 12, /* . ! ? or an ellipsis */
    TF_COMMON = 1u << 13      /* a sentence's capitalised first word that
                                 the document uses in lower case: no name
                                 (mentions.c) */
};

typedef struct ws_token {
    uint32_t start, end;  /* bytes */
    uint32_t lex;         /* lexicon flags (LX_*) */
    int32_t mention;      /* the mention this token belongs to, or -1 */
    uint16_t flags;       /* TF_* */
    uint8_t kind;         /* tok_kind */
    uint8_t mark;         /* qmark, for TK_QMARK */
    uint32_t para;        /* paragraph index */
    uint32_t sent;        /* first token of its sentence (sentences.c) */
    uint32_t hash;        /* the case-folded word's hash (words only) */
} ws_token;

/* ===================================================================== */
/*  Quotations                                                           */
/* ===================================================================== */

typedef struct ws_qpair {
    uint32_t open, close;      /* token indices of the marks; for a quote
                                  running to its paragraph's end, close is
                                  the first token after the content */
    uint32_t start, end;       /* content bytes, marks excluded */
    uint32_t para;
    bool to_para_end;          /* multi-paragraph quote, reopened below */
    bool single;               /* 'single' marks */
    /* attribution (attribute.c) */
    bool keep;
    bool term;                 /* a name given to something ("what's called
                                  "X""): never a quotation */
    int32_t mention;           /* speaker mention, or -1 */
    int32_t entity;            /* speaker entity, or -1 */
    int32_t cue, cue_end;      /* cue token range [cue, cue_end), or -1 */
    const char *rule;
} ws_qpair;

/* An indirect report (indirect.c): content outside quotation marks. */
typedef struct ws_report {
    uint32_t start, end;       /* content bytes */
    int32_t mention, entity;   /* speaker, or -1 */
    int32_t cue, cue_end;      /* cue tokens [cue, cue_end), or -1 */
    const char *rule;
} ws_report;

/* ===================================================================== */
/*  Mentions and entities                                                */
/* ===================================================================== */

typedef enum mention_kind {
    MK_NAME = 1,     /* a proper name, titles included in the span */
    MK_PRONOUN,
    MK_ROLE          /* a noun phrase headed by a role: "the secretary" */
} mention_kind;

typedef enum gender { G_UNKNOWN = 0, G_MALE, G_FEMALE, G_NEUTER, G_PLURAL } gender;

typedef struct ws_mention {
    uint32_t first, last;  /* tokens [first, last] of the whole mention */
    uint32_t name;         /* first token of the name proper (no titles) */
    uint8_t kind;          /* mention_kind */
    uint8_t gender;
    bool org;
    bool definite;         /* role phrase with "the" */
    bool subject;          /* first of its sentence, or next to a cue */
    bool embedded;         /* a subject inside reported content ("X said
                              Tyvak would ..."): not what a later pronoun
                              refers to */
    bool first_person;     /* "I", "we": the writer or a narrator */
    int32_t antecedent;    /* for "who": the mention it follows, or -1 */
    bool label;            /* a transcript label: "WALLACE:" */
    bool credit;           /* a dateline's agency "(Reuters)": names, is
                              in no one's focus */
    int32_t entity;
} ws_mention;

typedef struct ws_entity {
    uint32_t canon_first, canon_last; /* tokens of the fullest name */
    uint32_t ntok;                    /* its length in tokens */
    uint32_t key_hash;                /* hash of the surname (last token) */
    uint32_t given_hash;              /* hash of the first name token */
    uint32_t key_tok, given_tok;      /* those tokens: a hash match is
                                         confirmed on the text */
    uint32_t title_tok;               /* last title word before the name,
                                         or UINT32_MAX */
    int32_t last_subject, last_mention; /* token indices, -1 */
    uint32_t first_tok;               /* where the text first names it */
    uint32_t alias_tok;               /* its acronym ("Customs and Border
                                         Protection (CBP)"), or UINT32_MAX */
    uint8_t gender;
    bool gender_named;                /* the gender came from a given name
                                         or an honorific, not a pronoun */
    uint32_t head_tok;                /* a phrase's head word ("A spokesperson
                                         for the Environment Agency": the
                                         spokesperson); a name's last */
    int32_t named_as;                 /* a phrase that named no one: the
                                         entity the same words name later
                                         (name_phrases_forward), or -1 */
    bool org;
    bool phrase;                      /* a noun phrase, not a name */
} ws_entity;

/* ===================================================================== */
/*  The document                                                         */
/* ===================================================================== */

typedef struct ws_doc {
    const char *text;
    size_t len;
    const ws_lexicon *lex;
    const ws_allocator *alloc;
    uint64_t *work;            /* the linear-work counter: every loop over
                                  tokens, mentions or entities adds to it,
                                  through WS_WORK even where d is const */

    ws_token *tok;   size_t ntok, captok;
    ws_qpair *q;     size_t nq, capq;
    ws_report *r;    size_t nr, capr;
    ws_mention *m;   size_t nm, capm;
    ws_entity *e;    size_t ne, cape;
    /* scratch for quotation pairing */
    struct ws_qstack *stack; size_t capstack;
    uint32_t *links; size_t caplinks;
} ws_doc;

#define WS_WORK(d, n) (*(d)->work += (uint64_t)(n))

void ws_doc_free(ws_doc *d);

/* The stages. Each returns false only when an allocation failed. */
bool ws_tokens_build(ws_doc *d);
bool ws_quotes_pair(ws_doc *d);
void ws_sentences_mark(ws_doc *d);
bool ws_mentions_find(ws_doc *d);
bool ws_entities_resolve(ws_doc *d);
/* Does a naming verb give role mention r the name n after it ("a group
 * called X", "a group calling itself X", "a coalition known as X")? */
bool ws_named_by_verb(const ws_doc *d, const ws_mention *r, const ws_mention *n);
void ws_attribute(ws_doc *d);
bool ws_indirect_find(ws_doc *d);

/* Helpers shared by stages. */
static inline bool tok_is_word(const ws_doc *d, size_t i)
{
    return i < d->ntok && d->tok[i].kind == TK_WORD;
}
static inline bool tok_is_punct(const ws_doc *d, size_t i, char c)
{
    return i < d->ntok && d->tok[i].kind == TK_PUNCT &&
           d->tok[i].end - d->tok[i].start == 1 && d->text[d->tok[i].start] == c;
}
/* Any dash: '-', '--', U+2013, U+2014. */
bool tok_is_dash(const ws_doc *d, size_t i);
uint32_t ws_hash_folded(const char *s, size_t n);

/* Is w (lower case, NUL-terminated) a place word of data/places.def
 * (speakers.c)? The index asks as well: a bare "Mexico" is nobody's
 * surname. */
bool ws_place_name(const char *w);
/* Is token t a capitalised place word (speakers.c)? */
bool ws_place_token(const ws_doc *d, size_t t);

/* Cues and speaker phrases (cues.c). A speaker function returns a mention
 * index, -1 for none, or -2 for "the subject of the sentence". */
bool ws_tok_outside_quotes(const ws_token *t);
bool ws_cue_takes_hearer(const ws_doc *d, size_t c);
bool ws_cue_inverts(const ws_doc *d, size_t c);
size_t ws_cue_end_at(const ws_doc *d, size_t i);
bool ws_age_word(const ws_doc *d, size_t i);
bool ws_plural_noun_before_verb(const ws_doc *d, size_t i);
int32_t ws_mention_at(const ws_doc *d, size_t i);
bool ws_is_comma(const ws_doc *d, size_t i);
/* The tokens [*a, *b) around i in its paragraph, at most
 * WS_MAX_HEADLINE_TOKENS either side (a headline's length): *a is the
 * paragraph's start and *b its end when the paragraph is that short. */
void ws_headline_window(const ws_doc *d, size_t i, size_t *a, size_t *b);

/* Is token i the word w (ASCII, lower case in w, any case in the text)? */
/* Does the token, longer than min bytes, end in suf ("-ing", "-ed")? */
static inline bool ws_tok_ends_with(const ws_doc *d, const ws_token *t, const char *suf, size_t min)
{
    size_t n = strlen(suf), len = t->end - t->start;
    return len > min && len >= n && memcmp(d->text + t->end - n, suf, n) == 0;
}

static inline bool ws_word_is(const ws_doc *d, size_t i, const char *w)
{
    if (i >= d->ntok || d->tok[i].kind != TK_WORD)
        return false;
    /* the first letter turns most calls away before strlen (a hot path:
     * the clause readers ask this of nearly every token) */
    if ((d->text[d->tok[i].start] | 0x20) != w[0])
        return false;
    size_t n = strlen(w);
    if (d->tok[i].end - d->tok[i].start != n)
        return false;
    for (size_t k = 0; k < n; k++)
        if ((d->text[d->tok[i].start + k] | 0x20) != w[k])
            return false;
    return true;
}

/* An auxiliary at i, lower case: "is", "was", "has", "had", "will",
 * "would" (the lexicon marks them LX_SKIP and LX_VERB). */
static inline bool ws_aux_at(const ws_doc *d, size_t i)
{
    if (i >= d->ntok)
        return false;
    const ws_token *t = &d->tok[i];
    return t->kind == TK_WORD && (t->flags & TF_LOWER) && (t->lex & LX_SKIP) && (t->lex & LX_VERB);
}

/* Is the word at i one of words[0..n) (as ws_word_is)? */
static inline bool ws_word_among(const ws_doc *d, size_t i, const char *const *words, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (ws_word_is(d, i, words[k]))
            return true;
    return false;
}

bool ws_is_subordinator(const ws_doc *d, size_t i);
bool ws_opens_fronted(const ws_doc *d, size_t s);
bool ws_fronted_goes_on(const ws_doc *d, size_t k);
bool ws_clause_comma(const ws_doc *d, size_t k);
size_t ws_place_apposition_end(const ws_doc *d, size_t k);
int32_t ws_nearest_subject_left(const ws_doc *d, size_t c);
int32_t ws_subject_left(const ws_doc *d, size_t c);
int32_t ws_participle_subject(const ws_doc *d, size_t c);
size_t ws_postmodifier_end(const ws_doc *d, size_t k);
int32_t ws_subject_right(const ws_doc *d, size_t e);
int32_t ws_inverted_subject(const ws_doc *d, size_t c, size_t ce);
int32_t ws_apposed_name(const ws_doc *d, int32_t m);
size_t ws_sentence_start(const ws_doc *d, size_t i);
int32_t ws_sentence_subject(const ws_doc *d, size_t i);

/* ===================================================================== */
/*  After extraction                                                     */
/* ===================================================================== */

/* Where a record came from: its speaker entity and anchoring mention
 * (-1 for none). */
typedef struct ws_record_source {
    int32_t entity, mention;
} ws_record_source;

/* What the last successful ws_extract left behind, for the stages that
 * read it afterwards (speakers.c). */
typedef struct ws_last {
    const ws_doc *doc;
    const ws_quote *quotes;
    const ws_record_source *sources; /* one per record */
    size_t count;
    const ws_allocator *alloc;
    struct ws_speakers **speakers;   /* speakers.c's scratch, owned (and
                                        freed) by the extractor */
} ws_last;

/* false when the last ws_extract on x failed or there was none. */
bool ws_extractor_last(ws_extractor *x, ws_last *last);
void ws_speakers_free(const ws_allocator *a, struct ws_speakers *s);

#endif
