/*
 * The lexicon: data/lexicon.def as an open-addressing hash table.
 *
 * Built once per extractor (so there is no global mutable state) and
 * read-only afterwards.
 */
#include "lexicon.h"

/* ===================================================================== */
/*  Entries                                                              */
/* ===================================================================== */

typedef struct lex_entry {
    const char *word;
    uint32_t flags;
} lex_entry;

#define CUE(base, third, past, ing) \
    {base, LX_CUE_BASE}, {third, LX_CUE}, {past, LX_CUE | LX_PAST}, {ing, LX_CUE_ING},
#define WORD(w, f) {w, f},
static const lex_entry LEXICON[] = {
#include "../data/lexicon.def"
};
#undef CUE
#undef WORD

enum { LEXICON_SIZE = sizeof LEXICON / sizeof LEXICON[0] };

/* ===================================================================== */
/*  Hashing                                                              */
/* ===================================================================== */

/* Fold one byte for lookup: ASCII lower case. */
static inline unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Copy a word folded, mapping U+2019 (typographic apostrophe) to '.
 * Returns the folded length, or 0 when it does not fit. */
static size_t fold_word(const char *s, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (n + 1 >= WS_LEXICON_MAX_WORD)
                return 0;
            out[n++] = (char)fold(c);
            continue;
        }
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            c = '\'';
            i += 2;
        }
        if (n + 1 >= WS_LEXICON_MAX_WORD)
            return 0;
        out[n++] = (char)fold(c);
    }
    out[n] = '\0';
    return n;
}

static uint32_t hash_word(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* ===================================================================== */
/*  Building and lookup                                                  */
/* ===================================================================== */

bool ws_lexicon_init(ws_lexicon *lx, const ws_allocator *a)
{
    uint32_t size = 1;
    while (size < LEXICON_SIZE * 4u)
        size <<= 1;
    lx->mask = size - 1;
    lx->slots = ws_malloc(a, (size_t)size * sizeof *lx->slots);
    if (!lx->slots)
        return false;
    memset(lx->slots, 0, (size_t)size * sizeof *lx->slots);
    for (size_t i = 0; i < LEXICON_SIZE; i++) {
        char w[WS_LEXICON_MAX_WORD];
        size_t n = fold_word(LEXICON[i].word, strlen(LEXICON[i].word), w);
        if (!n) {
            /* an entry longer than WS_LEXICON_MAX_WORD: fail loudly (no
             * extractor) rather than drop a word of the lexicon */
            ws_free(a, lx->slots);
            lx->slots = NULL;
            return false;
        }
        uint32_t full = hash_word(w, n), h = full & lx->mask;
        while (lx->slots[h].len && strcmp(lx->slots[h].word, w) != 0)
            h = (h + 1) & lx->mask;
        memcpy(lx->slots[h].word, w, n + 1);
        lx->slots[h].hash = full;
        lx->slots[h].len = (uint8_t)n;
        /* A word listed twice (a cue that is also a title) has both. */
        lx->slots[h].flags |= LEXICON[i].flags;
    }
    return true;
}

void ws_lexicon_free(ws_lexicon *lx, const ws_allocator *a)
{
    ws_free(a, lx->slots);
    lx->slots = NULL;
}

uint32_t ws_lexicon_lookup(const ws_lexicon *lx, const char *text, size_t len)
{
    uint32_t hash;
    return ws_lexicon_lookup_hash(lx, text, len, &hash);
}

/* Does the slot's folded word equal text[0..n) folded (ASCII)? */
static bool same_folded(const char *slot, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((char)fold((unsigned char)text[i]) != slot[i])
            return false;
    return true;
}

/* The flags of the word of hash h: text[0..n), already folded or not. */
static uint32_t probe(const ws_lexicon *lx, const char *text, size_t n, uint32_t h, bool folded)
{
    for (uint32_t k = h & lx->mask; lx->slots[k].len; k = (k + 1) & lx->mask) {
        const struct ws_lex_slot *s = &lx->slots[k];
        if (s->hash == h && s->len == n &&
            (folded ? memcmp(s->word, text, n) == 0 : same_folded(s->word, text, n)))
            return s->flags;
    }
    return 0;
}

/* A word with non-ASCII bytes: folded into a buffer first. */
static uint32_t lookup_wide(const ws_lexicon *lx, const char *text, size_t len, uint32_t *hash)
{
    char w[WS_LEXICON_MAX_WORD];
    size_t n = fold_word(text, len, w);
    if (!n)
        return 0;
    *hash = hash_word(w, n);
    return probe(lx, w, n, *hash, true);
}

uint32_t ws_lexicon_lookup_hash(const ws_lexicon *lx, const char *text, size_t len, uint32_t *hash)
{
    *hash = 0;
    if (len == 0 || len >= WS_LEXICON_MAX_WORD)
        return 0;
    /* the common all-ASCII word is hashed and compared in place, folded
     * on the fly (the same FNV-1a as hash_word over the folded bytes) */
    uint32_t h = 2166136261u;
    for (size_t n = 0; n < len; n++) {
        unsigned char c = (unsigned char)text[n];
        if (c >= 0x80)
            return lookup_wide(lx, text, len, hash);
        h = (h ^ fold(c)) * 16777619u;
    }
    *hash = h;
    return probe(lx, text, len, h, false);
}
