/*
 * Stage 1, src/tokens.c: bytes -> tokens with offsets, paragraphs,
 * orthographic flags and lexicon classes.
 *
 * Runs ws_tokens_build alone on a ws_doc set up as src/extract.c sets up
 * its own (the extractor's lexicon, the default allocator).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../src/pipeline.h"
#include "stage.h"


#define CHECK_TOK(s, i, lit)                                                      \
    do {                                                                          \
        size_t i_ = (size_t)(i);                                                  \
        if (CHECK(i_ < (s)->d.ntok))                                              \
            CHECK_EQ_CSTR((s)->d.text + (s)->d.tok[i_].start,                     \
                          (size_t)((s)->d.tok[i_].end - (s)->d.tok[i_].start), lit); \
    } while (0)

/* Every token lies on the text, is non-empty, follows the one before it
 * and is in the same or a later paragraph. One check for the whole list. */
static bool tokens_well_formed(const stage *s)
{
    uint32_t prev_end = 0, prev_para = 0;
    for (size_t i = 0; i < s->d.ntok; i++) {
        const ws_token *t = &s->d.tok[i];
        if (!(t->start < t->end && t->end <= s->d.len && t->start >= prev_end &&
              t->para >= prev_para)) {
            CHECK(!"every token [start, end) is non-empty, within the text, in order");
            printf("     at token %zu [%u, %u) para %u of %zu bytes (previous end %u)\n", i,
                   (unsigned)t->start, (unsigned)t->end, (unsigned)t->para, s->d.len,
                   (unsigned)prev_end);
            return false;
        }
        prev_end = t->end;
        prev_para = t->para;
    }
    return CHECK(1);
}

/* ---- tests -------------------------------------------------------------- */

TEST(offsets_of_words_and_punctuation)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Hello, world.", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 4);
    CHECK_EQ_INT(s.d.tok[0].start, 0);
    CHECK_EQ_INT(s.d.tok[0].end, 5);
    CHECK_EQ_INT(s.d.tok[0].kind, TK_WORD);
    CHECK_EQ_INT(s.d.tok[1].start, 5);
    CHECK_EQ_INT(s.d.tok[1].end, 6);
    CHECK_EQ_INT(s.d.tok[1].kind, TK_PUNCT);
    CHECK_EQ_INT(s.d.tok[2].start, 7);
    CHECK_EQ_INT(s.d.tok[2].end, 12);
    CHECK_EQ_INT(s.d.tok[3].start, 12);
    CHECK_EQ_INT(s.d.tok[3].end, 13);
    CHECK(s.d.tok[3].flags & TF_SENT_PUNCT);
    /* white space around tokens */
    CHECK(s.d.tok[0].flags & TF_SPACE_BEFORE);
    CHECK(!(s.d.tok[1].flags & TF_SPACE_BEFORE));
    CHECK(s.d.tok[1].flags & TF_SPACE_AFTER);
    CHECK(s.d.tok[2].flags & TF_SPACE_BEFORE);
    CHECK(!(s.d.tok[2].flags & TF_SPACE_AFTER));
    /* orthography */
    CHECK(s.d.tok[0].flags & TF_CAP);
    CHECK(s.d.tok[2].flags & TF_LOWER);
    CHECK(!(s.d.tok[0].flags & TF_ALLCAPS));
    CHECK(tokens_well_formed(&s));
    stage_close(&s);
}

TEST(offsets_after_multibyte_characters)
{
    stage s;
    stage_open(&s);
    /* “ is 3 bytes, é 2 */
    CHECK(stage_run(&s, "\xe2\x80\x9c" "Caf\xc3\xa9 ol\xc3\xa9" "\xe2\x80\x9d", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 4);
    CHECK_EQ_INT(s.d.tok[0].kind, TK_QMARK);
    CHECK_EQ_INT(s.d.tok[0].end, 3);
    CHECK_TOK(&s, 1, "Caf\xc3\xa9");
    CHECK_EQ_INT(s.d.tok[1].start, 3);
    CHECK_EQ_INT(s.d.tok[2].start, 9);
    CHECK_TOK(&s, 2, "ol\xc3\xa9");
    CHECK_EQ_INT(s.d.tok[3].start, 13);
    CHECK_EQ_INT(s.d.tok[3].end, 16);
    stage_close(&s);
}

/* An Arabic name with its article is capitalised; other hyphenated
 * words keep their small letter. */
TEST(article_prefixed_names_are_capitalised)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "al-Qadasi el-Sisi ash-Sharaa all-American an-other co-Founder", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 6);
    for (int k = 0; k < 3; k++)
        CHECK((s.d.tok[k].flags & TF_CAP) && !(s.d.tok[k].flags & TF_LOWER));
    for (int k = 3; k < 6; k++)
        CHECK((s.d.tok[k].flags & TF_LOWER) && !(s.d.tok[k].flags & TF_CAP));
    stage_close(&s);
}

TEST(paragraphs)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "One two.\n\nThree four.\n\n\n\nFive.\nSix", TO_TOKENS));
    long one = find_tok(&s, "One", 0), two = find_tok(&s, "two", 0);
    long three = find_tok(&s, "Three", 0), four = find_tok(&s, "four", 0);
    long five = find_tok(&s, "Five", 0), six = find_tok(&s, "Six", 0);
    CHECK(one >= 0 && two >= 0 && three >= 0 && four >= 0 && five >= 0 && six >= 0);
    if (one < 0 || two < 0 || three < 0 || four < 0 || five < 0 || six < 0) {
        stage_close(&s);
        return;
    }
    CHECK_EQ_INT(s.d.tok[one].para, 0);
    CHECK_EQ_INT(s.d.tok[two].para, 0);
    CHECK_EQ_INT(s.d.tok[three].para, 1);
    CHECK_EQ_INT(s.d.tok[four].para, 1);
    /* a run of blank lines is one paragraph break */
    CHECK_EQ_INT(s.d.tok[five].para, 2);
    /* a single newline also starts a paragraph (FORMAT.md: paragraphs
     * separated by \n) */
    CHECK_EQ_INT(s.d.tok[six].para, 3);
    CHECK(s.d.tok[one].flags & TF_PARA_START);
    CHECK(!(s.d.tok[two].flags & TF_PARA_START));
    CHECK(s.d.tok[three].flags & TF_PARA_START);
    CHECK(s.d.tok[five].flags & TF_PARA_START);
    CHECK(s.d.tok[six].flags & TF_PARA_START);
    CHECK(tokens_well_formed(&s));

    /* leading blank lines do not count as a paragraph */
    CHECK(stage_run(&s, "\n\n  First", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 1);
    CHECK_EQ_INT(s.d.tok[0].para, 0);
    CHECK(s.d.tok[0].flags & TF_PARA_START);
    stage_close(&s);
}

TEST(clitics_split_off_names)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Hegseth\xe2\x80\x99s plan and Trump's deal", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 7);
    CHECK_TOK(&s, 0, "Hegseth");
    CHECK_EQ_INT(s.d.tok[0].kind, TK_WORD);
    CHECK_TOK(&s, 1, "\xe2\x80\x99s");
    CHECK_EQ_INT(s.d.tok[1].kind, TK_CLITIC);
    CHECK_EQ_INT(s.d.tok[1].mark, QM_NONE);
    CHECK_TOK(&s, 4, "Trump");
    CHECK_TOK(&s, 5, "'s");
    CHECK_EQ_INT(s.d.tok[5].kind, TK_CLITIC);

    /* the other clitics: 'll 're 've 'd 'm */
    CHECK(stage_run(&s, "we'll they're we've she'd I'm", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 10);
    for (size_t k = 1; k < s.d.ntok; k += 2)
        CHECK_EQ_INT(s.d.tok[k].kind, TK_CLITIC);
    CHECK_TOK(&s, 1, "'ll");
    CHECK_TOK(&s, 3, "'re");
    CHECK_TOK(&s, 5, "'ve");
    CHECK_TOK(&s, 7, "'d");
    CHECK_TOK(&s, 9, "'m");
    stage_close(&s);
}

TEST(contractions_and_inner_apostrophes_stay_whole)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "don\xe2\x80\x99t can't O\xe2\x80\x99" "Brien O'Neill", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 4);
    CHECK_TOK(&s, 0, "don\xe2\x80\x99t");
    CHECK_TOK(&s, 1, "can't");
    CHECK_TOK(&s, 2, "O\xe2\x80\x99" "Brien");
    CHECK_TOK(&s, 3, "O'Neill");
    for (size_t k = 0; k < s.d.ntok; k++)
        CHECK_EQ_INT(s.d.tok[k].kind, TK_WORD);
    /* but 's after a name is a clitic even when the name could go on */
    CHECK(stage_run(&s, "Odell's", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 2);
    stage_close(&s);
}

TEST(abbreviations_take_their_period)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "The U.S. envoy met Mr. Smith and Donald J. Trump at 5 p.m. today.", TO_TOKENS));
    long us = find_tok(&s, "U.S.", 0), mr = find_tok(&s, "Mr.", 0);
    long j = find_tok(&s, "J.", 0), pm = find_tok(&s, "p.m.", 0);
    CHECK(us >= 0 && mr >= 0 && j >= 0 && pm >= 0);
    if (us >= 0) {
        CHECK(s.d.tok[us].flags & TF_ABBREV);
        CHECK_EQ_INT(s.d.tok[us].kind, TK_WORD);
        CHECK(!(s.d.tok[us].flags & TF_SENT_PUNCT));
    }
    if (mr >= 0) {
        CHECK(s.d.tok[mr].flags & TF_ABBREV);
        CHECK(s.d.tok[mr].lex & LX_TITLE);
        CHECK(s.d.tok[mr].lex & LX_MALE);
    }
    if (j >= 0) {
        CHECK(s.d.tok[j].flags & TF_ABBREV);
        CHECK_TOK(&s, j + 1, "Trump");
    }
    if (pm >= 0)
        CHECK(s.d.tok[pm].flags & TF_ABBREV);
    /* the sentence's own full stop is a token of its own */
    CHECK_TOK(&s, s.d.ntok - 1, ".");
    CHECK(s.d.tok[s.d.ntok - 1].flags & TF_SENT_PUNCT);
    CHECK_TOK(&s, s.d.ntok - 2, "today");
    /* an ordinary word keeps no period */
    CHECK(stage_run(&s, "He left.", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 3);
    CHECK_TOK(&s, 1, "left");
    CHECK(!(s.d.tok[1].flags & TF_ABBREV));
    stage_close(&s);
}

TEST(hyphens_and_numbers)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Trump-Putin talks, Ocasio-Cortez, 3.5 and 1,000 - then -- now", TO_TOKENS));
    CHECK_TOK(&s, 0, "Trump-Putin");
    CHECK_TOK(&s, 3, "Ocasio-Cortez");
    CHECK_TOK(&s, 5, "3.5");
    CHECK_TOK(&s, 7, "1,000");
    CHECK_TOK(&s, 8, "-");
    CHECK_EQ_INT(s.d.tok[8].kind, TK_PUNCT);
    CHECK(tok_is_dash(&s.d, 8));
    CHECK_TOK(&s, 10, "--");
    CHECK(tok_is_dash(&s.d, 10));
    CHECK(!tok_is_dash(&s.d, 0));
    /* "ex-president": a hyphenated word takes the classes of its head */
    CHECK(stage_run(&s, "ex-president co-founder", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 2);
    CHECK(s.d.tok[0].lex & LX_TITLE);
    CHECK(s.d.tok[0].lex & LX_ROLE);
    CHECK(s.d.tok[1].lex & LX_ROLE);
    stage_close(&s);
}

TEST(quotation_mark_kinds)
{
    static const struct {
        const char *text;
        int mark;
    } cases[] = {
        {"\"", QM_DQ},
        {"''", QM_DAPOS},
        {"``", QM_BACKTICKS},
        {"\xe2\x80\x9c", QM_LDQ},
        {"\xe2\x80\x9d", QM_RDQ},
        {"\xe2\x80\x9e", QM_LOW_DQ},
        {"\xc2\xab", QM_LGUIL},
        {"\xc2\xbb", QM_RGUIL},
        {"'", QM_SQ},
        {"\xe2\x80\x98", QM_LSQ},
        {"\xe2\x80\x99", QM_RSQ},
        {"\xe2\x80\x9a", QM_LOW_SQ},
        {"\xe2\x80\xb9", QM_LSGUIL},
        {"\xe2\x80\xba", QM_RSGUIL},
    };
    stage s;
    stage_open(&s);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char buf[32];
        snprintf(buf, sizeof buf, "a %s b", cases[k].text);
        CHECK(stage_run(&s, buf, TO_TOKENS));
        if (!CHECK_EQ_INT(s.d.ntok, 3)) {
            printf("     in case %zu\n", k);
            continue;
        }
        CHECK_EQ_INT(s.d.tok[1].kind, TK_QMARK);
        CHECK_EQ_INT(s.d.tok[1].mark, cases[k].mark);
        CHECK_EQ_INT(s.d.tok[1].start, 2);
        CHECK_EQ_INT(s.d.tok[1].end, 2 + strlen(cases[k].text));
    }
    CHECK(QM_IS_SINGLE(QM_SQ) && QM_IS_SINGLE(QM_RSQ) && QM_IS_SINGLE(QM_RSGUIL));
    CHECK(!QM_IS_SINGLE(QM_DQ) && !QM_IS_SINGLE(QM_DAPOS) && !QM_IS_SINGLE(QM_RGUIL));
    /* a lone backtick is punctuation, not a mark */
    CHECK(stage_run(&s, "a ` b", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 3);
    CHECK_EQ_INT(s.d.tok[1].kind, TK_PUNCT);
    stage_close(&s);
}

TEST(marks_next_to_words)
{
    stage s;
    stage_open(&s);
    /* “We” is mark, word, mark; ''No,'' is '' No , '' */
    CHECK(stage_run(&s, "\xe2\x80\x9cWe\xe2\x80\x9d ''No,''", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 7);
    CHECK_EQ_INT(s.d.tok[0].mark, QM_LDQ);
    CHECK_TOK(&s, 1, "We");
    CHECK_EQ_INT(s.d.tok[2].mark, QM_RDQ);
    CHECK_EQ_INT(s.d.tok[3].mark, QM_DAPOS);
    CHECK_TOK(&s, 4, "No");
    CHECK_TOK(&s, 5, ",");
    CHECK_EQ_INT(s.d.tok[6].mark, QM_DAPOS);
    /* a closing typographic apostrophe after a plural is still a mark
     * token (the pairing decides what it is) */
    CHECK(stage_run(&s, "the Joneses\xe2\x80\x99 car", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 4);
    CHECK_EQ_INT(s.d.tok[2].kind, TK_QMARK);
    CHECK_EQ_INT(s.d.tok[2].mark, QM_RSQ);
    stage_close(&s);
}

TEST(invalid_utf8_is_one_byte_punctuation)
{
    stage s;
    stage_open(&s);
    static const char text[] = "ab\xff" "cd \xc3 x \xe2\x80";
    CHECK(stage_run_n(&s, text, sizeof text - 1, TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 7);
    CHECK_TOK(&s, 0, "ab");
    CHECK_EQ_INT(s.d.tok[1].kind, TK_PUNCT);
    CHECK_EQ_INT(s.d.tok[1].start, 2);
    CHECK_EQ_INT(s.d.tok[1].end, 3);
    CHECK_TOK(&s, 2, "cd");
    /* a lead byte with no continuation */
    CHECK_EQ_INT(s.d.tok[3].kind, TK_PUNCT);
    CHECK_EQ_INT(s.d.tok[3].end - s.d.tok[3].start, 1);
    CHECK_TOK(&s, 4, "x");
    /* a sequence cut short by the end of the text: one token per byte */
    CHECK_EQ_INT(s.d.tok[5].end - s.d.tok[5].start, 1);
    CHECK_EQ_INT(s.d.tok[6].end - s.d.tok[6].start, 1);
    CHECK_EQ_INT(s.d.tok[6].end, sizeof text - 1);
    CHECK(tokens_well_formed(&s));
    stage_close(&s);
}

TEST(nul_bytes_and_empty_text)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run_n(&s, "", 0, TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 0);
    CHECK(stage_run_n(&s, "   \n\n\t ", 7, TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 0);
    static const char nul[] = "a\0b";
    CHECK(stage_run_n(&s, nul, 3, TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 3);
    CHECK_EQ_INT(s.d.tok[1].kind, TK_PUNCT);
    CHECK(tokens_well_formed(&s));
    stage_close(&s);
}

TEST(lexicon_classes)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "She said he told the secretary", TO_TOKENS));
    CHECK_EQ_INT(s.d.ntok, 6);
    CHECK(s.d.tok[0].lex & LX_PRONOUN);
    CHECK(s.d.tok[0].lex & LX_FEMALE);
    CHECK(s.d.tok[1].lex & LX_CUE);
    CHECK(s.d.tok[1].lex & LX_PAST);
    CHECK(s.d.tok[2].lex & LX_MALE);
    CHECK(s.d.tok[3].lex & LX_CUE);
    CHECK(s.d.tok[4].lex & LX_DEFINITE);
    CHECK(s.d.tok[5].lex & LX_TITLE);
    CHECK(s.d.tok[5].lex & LX_ROLE);
    /* all capitals */
    CHECK(stage_run(&s, "CLICK HERE NOW A", TO_TOKENS));
    CHECK(s.d.tok[0].flags & TF_ALLCAPS);
    CHECK(s.d.tok[2].flags & TF_ALLCAPS);
    CHECK(!(s.d.tok[3].flags & TF_ALLCAPS)); /* one letter is not shouting */
    stage_close(&s);
}

/* Every word of data/lexicon.def, for the in-place lookup that reads a
 * word eight bytes at a time, against a plain search of the list: found
 * with its flags at every offset of a buffer, at the very end of an
 * exact-size heap buffer (ASan sees any read past it), in capitals, with
 * the same hash in any case; a word with its first or last byte changed
 * has the flags the list gives that word (none, mostly), so a lookup
 * that skipped a chunk's bytes would be caught. */
static const struct { const char *word; uint32_t flags; } LEXICON_WORDS[] = {
#define CUE(base, third, past, ing) \
    {base, LX_CUE_BASE}, {third, LX_CUE}, {past, LX_CUE | LX_PAST}, {ing, LX_CUE_ING},
#define WORD(w, f) {w, f},
#include "../data/lexicon.def"
#undef CUE
#undef WORD
};
enum { NLEXICON_WORDS = sizeof LEXICON_WORDS / sizeof LEXICON_WORDS[0] };

/* The flags the list gives w[0..n), compared without case. */
static uint32_t listed_flags(const char *w, size_t n)
{
    uint32_t f = 0;
    for (size_t k = 0; k < NLEXICON_WORDS; k++) {
        const char *e = LEXICON_WORDS[k].word;
        size_t i = 0;
        while (i < n && e[i] && (e[i] | 0x20) == (w[i] | 0x20))
            i++;
        if (i == n && e[n] == '\0')
            f |= LEXICON_WORDS[k].flags;
    }
    return f;
}

static uint32_t lookup_exact(const ws_lexicon *lx, const char *w, size_t n, uint32_t *hash)
{
    char *b = malloc(n ? n : 1);
    if (!b)
        return 0;
    memcpy(b, w, n);
    uint32_t f = ws_lexicon_lookup_in(lx, b, n, n, hash);
    free(b);
    return f;
}

TEST(lexicon_lookup_in_place)
{
    stage s;
    stage_open(&s);
    size_t bad = 0;
    for (size_t k = 0; k < NLEXICON_WORDS; k++) {
        const char *w = LEXICON_WORDS[k].word;
        size_t n = strlen(w);
        char up[WS_LEXICON_MAX_WORD], buf[WS_LEXICON_MAX_WORD + 16];
        uint32_t h, hu, hb, want = listed_flags(w, n);
        bool ok = lookup_exact(&s.lex, w, n, &h) == want;
        for (size_t i = 0; i < n; i++)
            up[i] = (w[i] >= 'a' && w[i] <= 'z') ? (char)(w[i] - 32) : w[i];
        ok = ok && lookup_exact(&s.lex, up, n, &hu) == want && hu == h;
        for (size_t off = 0; off < 9 && ok; off++) {
            memset(buf, 'x', sizeof buf);
            memcpy(buf + off, w, n);
            ok = ws_lexicon_lookup_in(&s.lex, buf + off, n, sizeof buf - off, &hb) == want && hb == h;
        }
        for (size_t at = 0; at < n && ok; at += n - 1 > 0 ? n - 1 : 1) {
            uint32_t hq;
            memcpy(buf, w, n);
            buf[at] = w[at] == 'q' ? 'z' : 'q';
            ok = lookup_exact(&s.lex, buf, n, &hq) == listed_flags(buf, n);
        }
        if (!ok && bad++ < 5)
            printf("     lexicon word \"%s\" not looked up alike in place\n", w);
    }
    CHECK_EQ_INT(bad, 0);
    /* a typographic apostrophe is the ASCII one, flags and hash alike */
    uint32_t h1, h2;
    CHECK_EQ_INT(lookup_exact(&s.lex, "don\xe2\x80\x99t", 7, &h1), lookup_exact(&s.lex, "don't", 5, &h2));
    CHECK_EQ_INT(h1, h2);
    stage_close(&s);
}

/* Tokens of arbitrary bytes stay on the text and in order. */
TEST(random_bytes_stay_in_bounds)
{
    static const char *const pieces[] = {
        "a", "Z", " ", "\n", "'", "\"", ".", ",", "-", "\xe2\x80\x9c", "\xe2\x80\x9d",
        "\xe2\x80\x98", "\xe2\x80\x99", "\xc2\xab", "\xc2\xbb", "\xff", "\xc3", "\xe2\x80",
        "U.S.", "Mr.", "s", "``", "''", "3", "\xc3\xa9", "\0", "\xe2\x80\xa6",
    };
    enum { NPIECES = sizeof pieces / sizeof pieces[0] };
    stage s;
    stage_open(&s);
    unsigned seed = 12345;
    char buf[512];
    for (int round = 0; round < 400; round++) {
        size_t n = 0;
        while (n < sizeof buf - 8) {
            seed = seed * 1103515245u + 12345u;
            unsigned k = (seed >> 16) % NPIECES;
            size_t len = k == 25 ? 1 : strlen(pieces[k]);
            memcpy(buf + n, pieces[k], len);
            n += len;
            if ((seed >> 8) % 97 == 0)
                break;
        }
        if (!CHECK(stage_run_n(&s, buf, n, TO_TOKENS)) || !tokens_well_formed(&s)) {
            printf("     round %d\n", round);
            break;
        }
        /* everything that is not white space is in some token */
        size_t t = 0;
        for (size_t i = 0; i < n; i++) {
            while (t < s.d.ntok && s.d.tok[t].end <= i)
                t++;
            bool in_tok = t < s.d.ntok && s.d.tok[t].start <= i;
            bool space = buf[i] == ' ' || buf[i] == '\n';
            if (in_tok != !space) {
                printf("     round %d: byte %zu (0x%02X) %s\n", round, i,
                       (unsigned char)buf[i], in_tok ? "in a token" : "in no token");
                CHECK(!"a byte is in a token exactly when it is not white space");
                break;
            }
        }
    }
    stage_close(&s);
}

/* FORMAT.md: paragraphs are separated by "\n"; but in a hard-wrapped text
 * (issue 12, point 6: e-mailed and plain-text news) a single newline
 * inside a sentence is a space and a blank line ends the paragraph. */
TEST(hard_wrapped_lines_are_one_paragraph)
{
    stage s;
    stage_open(&s);
    const char *wrapped =
        "The council voted on Tuesday to close the old bridge for repairs\n"
        "that will take most of the summer, officials said in a statement\n"
        "released after the meeting.\n"
        "\n"
        "\"We have no other choice,\" said Ann Lee, who chairs the works\n"
        "committee. \"The steel is older than any of us and it shows its\n"
        "age in every beam.\"\n";
    CHECK(stage_run(&s, wrapped, TO_TOKENS));
    long that = find_tok(&s, "that", 0), released = find_tok(&s, "released", 0);
    long we = find_tok(&s, "We", 0), age = find_tok(&s, "age", 0);
    if (CHECK(that >= 0 && released >= 0 && we >= 0 && age >= 0)) {
        CHECK_EQ_INT(s.d.tok[that].para, 0);
        CHECK_EQ_INT(s.d.tok[released].para, 0);
        CHECK(!(s.d.tok[that].flags & TF_PARA_START));
        CHECK_EQ_INT(s.d.tok[we].para, 1);
        CHECK_EQ_INT(s.d.tok[age].para, 1);
    }
    CHECK(tokens_well_formed(&s));

    /* One paragraph per line (PolNeAR, extracted pages): every newline
     * after a sentence, or before a capital, still ends a paragraph. */
    CHECK(stage_run(&s, "First one.\nSecond one\nThird one.", TO_TOKENS));
    long second = find_tok(&s, "Second", 0), third = find_tok(&s, "Third", 0);
    if (CHECK(second >= 0 && third >= 0)) {
        CHECK_EQ_INT(s.d.tok[second].para, 1);
        CHECK_EQ_INT(s.d.tok[third].para, 2);
    }

    /* ... but a newline inside a sentence before a lower-case word is a
     * wrapped line even there (a soft wrap left in by an extractor). */
    CHECK(stage_run(&s, "Police stopped him from\nentering the hall.\nHe left.", TO_TOKENS));
    long entering = find_tok(&s, "entering", 0), he = find_tok(&s, "He", 0);
    if (CHECK(entering >= 0 && he >= 0)) {
        CHECK_EQ_INT(s.d.tok[entering].para, 0);
        CHECK_EQ_INT(s.d.tok[he].para, 1);
    }
    stage_close(&s);
}

int main(void)
{
    RUN_TEST(offsets_of_words_and_punctuation);
    RUN_TEST(offsets_after_multibyte_characters);
    RUN_TEST(article_prefixed_names_are_capitalised);
    RUN_TEST(paragraphs);
    RUN_TEST(hard_wrapped_lines_are_one_paragraph);
    RUN_TEST(clitics_split_off_names);
    RUN_TEST(contractions_and_inner_apostrophes_stay_whole);
    RUN_TEST(abbreviations_take_their_period);
    RUN_TEST(hyphens_and_numbers);
    RUN_TEST(quotation_mark_kinds);
    RUN_TEST(marks_next_to_words);
    RUN_TEST(invalid_utf8_is_one_byte_punctuation);
    RUN_TEST(nul_bytes_and_empty_text);
    RUN_TEST(lexicon_classes);
    RUN_TEST(lexicon_lookup_in_place);
    RUN_TEST(random_bytes_stay_in_bounds);
    return test_summary();
}
