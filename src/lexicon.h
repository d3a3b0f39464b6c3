/*
 * Word classes of the lexicon (data/lexicon.def).
 */
#ifndef WS_LEXICON_H
#define WS_LEXICON_H

#include <stdint.h>
#include "internal.h"

/* Lexicon classes: bits of a uint32_t (there are 32 of them, so not an
 * enum, whose constants must fit an int). */
#define LX_CUE              (1u << 0)  /* reporting verb, finite or past form */
#define LX_CUE_BASE         (1u << 1)  /* its base form: a cue after an auxiliary */
#define LX_CUE_ING          (1u << 2)  /* its participle: "saying", "adding" */
#define LX_ACCORDING        (1u << 3)  /* "according (to)" */
#define LX_PRONOUN          (1u << 4)
#define LX_MALE             (1u << 5)
#define LX_FEMALE           (1u << 6)
#define LX_PLURAL           (1u << 7)
#define LX_NEUTER           (1u << 8)
#define LX_FIRST_PERSON     (1u << 9)
#define LX_DET              (1u << 10)
#define LX_DEFINITE         (1u << 11)
#define LX_COMPLEMENTISER   (1u << 12)
#define LX_RELATIVE         (1u << 13)
#define LX_SKIP             (1u << 14)  /* may stand between speaker and cue */
#define LX_BE               (1u << 15)
#define LX_TIME             (1u << 16)
#define LX_TITLE            (1u << 17)  /* dropped from canonical names */
#define LX_ROLE             (1u << 18)  /* heads a speaker noun phrase */
#define LX_DOCUMENT         (1u << 19)  /* a written source: "the report said" */
#define LX_ORG              (1u << 20)
#define LX_PARTICLE         (1u << 21)  /* "von", "bin": lower case inside names */
#define LX_OF               (1u << 22)
#define LX_FOR              (1u << 23)
#define LX_FUNC             (1u << 24)  /* capitalised, yet never a name */
#define LX_CONJ             (1u << 25)
#define LX_GIVEN            (1u << 26)  /* a given name with a gender reading */
#define LX_PAST             (1u << 27)  /* the past form of a cue */
#define LX_PREP             (1u << 28)  /* a preposition: what follows is no subject */
#define LX_ABBREV           (1u << 29)  /* an abbreviation whose dot is no full stop */
#define LX_VERB             (1u << 30)  /* a finite verb: evidence that words make a clause */
#define LX_QUANTITY         (1u << 31)  /* "half", "percent", "majority": of a group */


/* Longest word the lexicon holds; longer tokens are never looked up. */
#define WS_LEXICON_MAX_WORD 24

typedef struct ws_lexicon {
    uint32_t mask;          /* table size - 1 (a power of two) */
    struct ws_lex_slot {
        uint32_t hash;      /* the folded word's full hash: most probes
                               end on it without comparing bytes */
        uint32_t flags;
        uint8_t len;        /* 0: an empty slot */
        char word[WS_LEXICON_MAX_WORD];
    } *slots;
} ws_lexicon;

bool ws_lexicon_init(ws_lexicon *lx, const ws_allocator *a);
void ws_lexicon_free(ws_lexicon *lx, const ws_allocator *a);

/* Flags of text[0..len), compared case-insensitively (ASCII); 0 when the
 * word is not in the lexicon. Typographic apostrophes match ASCII ones. */
uint32_t ws_lexicon_lookup(const ws_lexicon *lx, const char *text, size_t len);
/* The same, also giving the case-folded word's 32-bit hash (0 for a word
 * too long for the lexicon): equal words, in any case, hash equal. */
uint32_t ws_lexicon_lookup_hash(const ws_lexicon *lx, const char *text, size_t len, uint32_t *hash);
/* The same for a word inside a buffer that may be read avail bytes from
 * text on (avail >= len): the tokenizer's hot path reads the word eight
 * bytes at a time. */
uint32_t ws_lexicon_lookup_in(const ws_lexicon *lx, const char *text, size_t len, size_t avail,
                              uint32_t *hash);

#endif
