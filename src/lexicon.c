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

/* Words are hashed eight bytes at a time: each little-endian chunk of the
 * folded word, zero-padded past its end, is mixed in; the length seeds
 * the hash. hash_word (a folded buffer) and the in-place lookup below
 * compute the same value. */
static inline uint64_t load_le(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* The first n <= 8 bytes of p, zero-padded, as load_le would read them. */
static inline uint64_t load_part(const char *p, size_t n)
{
    char b[8] = {0};
    memcpy(b, p, n);
    return load_le(b);
}

static inline uint64_t mix(uint64_t h)
{
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
}

static inline uint32_t finish(uint64_t h)
{
    return (uint32_t)(h ^ (h >> 32));
}

/* the chunk arrays and the slots' words hold whole eight-byte chunks */
_Static_assert(WS_LEXICON_MAX_WORD % 8 == 0, "WS_LEXICON_MAX_WORD must be a multiple of 8");

#define HIGH_BITS 0x8080808080808080ull
#define LOW_BITS 0x0101010101010101ull

/* ASCII upper case to lower case in eight bytes below 0x80 at once: a
 * byte in 'A'..'Z' gains 0x20. No byte's sum carries into the next. */
static inline uint64_t fold8(uint64_t x)
{
    uint64_t ge_a = x + LOW_BITS * (0x80 - 'A'), gt_z = x + LOW_BITS * (0x80 - 'Z' - 1);
    return x | (((ge_a & ~gt_z) & HIGH_BITS) >> 2);
}

static uint32_t hash_word(const char *w, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (size_t i = 0; i < n; i += 8)
        h = mix(h ^ (n - i >= 8 ? load_le(w + i) : load_part(w + i, n - i)));
    return finish(h);
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

/* The flags of the folded word of hash h, given as its zero-padded
 * chunks q[0..(n+7)/8): slots are zero-filled past their words. */
static uint32_t probe(const ws_lexicon *lx, const uint64_t *q, size_t n, uint32_t h)
{
    for (uint32_t k = h & lx->mask; lx->slots[k].len; k = (k + 1) & lx->mask) {
        const struct ws_lex_slot *s = &lx->slots[k];
        if (s->hash != h || s->len != n)
            continue;
        size_t c = 0;
        while (c * 8 < n && load_le(s->word + c * 8) == q[c])
            c++;
        if (c * 8 >= n)
            return s->flags;
    }
    return 0;
}

/* A word with non-ASCII bytes: folded into a buffer first. */
static uint32_t lookup_wide(const ws_lexicon *lx, const char *text, size_t len, uint32_t *hash)
{
    char w[WS_LEXICON_MAX_WORD];
    uint64_t q[WS_LEXICON_MAX_WORD / 8] = {0};
    size_t n = fold_word(text, len, w);
    if (!n)
        return 0;
    *hash = hash_word(w, n);
    for (size_t i = 0; i < n; i += 8)
        q[i / 8] = n - i >= 8 ? load_le(w + i) : load_part(w + i, n - i);
    return probe(lx, q, n, *hash);
}

uint32_t ws_lexicon_lookup_hash(const ws_lexicon *lx, const char *text, size_t len, uint32_t *hash)
{
    return ws_lexicon_lookup_in(lx, text, len, len, hash);
}

uint32_t ws_lexicon_lookup_in(const ws_lexicon *lx, const char *text, size_t len, size_t avail,
                              uint32_t *hash)
{
    *hash = 0;
    if (len == 0 || len >= WS_LEXICON_MAX_WORD)
        return 0;
    if (avail < len)
        avail = len; /* never read past what the word itself says is there */
    /* the common all-ASCII word is folded, hashed and compared in place,
     * eight bytes at a time (the same hash as hash_word of the folded
     * word); a chunk that would read past avail is copied first */
    uint64_t q[WS_LEXICON_MAX_WORD / 8], h = 0x9e3779b97f4a7c15ull ^ len;
    for (size_t i = 0; i < len; i += 8) {
        size_t rest = len - i;
        uint64_t x = i + 8 <= avail ? load_le(text + i) : load_part(text + i, rest < 8 ? rest : 8);
        if (rest < 8)
            x &= (1ull << (8 * rest)) - 1;
        if (x & HIGH_BITS)
            return lookup_wide(lx, text, len, hash);
        x = fold8(x);
        q[i / 8] = x;
        h = mix(h ^ x);
    }
    *hash = finish(h);
    return probe(lx, q, len, *hash);
}
