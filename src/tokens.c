/*
 * Stage: bytes -> tokens with offsets.
 *
 * One pass over the document. Every token carries its byte range, its
 * paragraph, a few orthographic flags and its lexicon classes. Invalid
 * UTF-8 is read one byte at a time as punctuation, so every offset stays
 * on the caller's bytes.
 */
#include <utf8proc.h>

#include "pipeline.h"

/* ===================================================================== */
/*  Character classes                                                    */
/* ===================================================================== */

typedef enum cclass { C_SPACE, C_NEWLINE, C_LETTER_UP, C_LETTER_LOW, C_LETTER,
                      C_DIGIT, C_MARKCHAR, C_PUNCT } cclass;

static cclass classify(int32_t cp)
{
    if (cp < 0x80) {
        if (cp == '\n')
            return C_NEWLINE;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v')
            return C_SPACE;
        if (cp >= 'A' && cp <= 'Z')
            return C_LETTER_UP;
        if (cp >= 'a' && cp <= 'z')
            return C_LETTER_LOW;
        if (cp >= '0' && cp <= '9')
            return C_DIGIT;
        return C_PUNCT;
    }
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return C_NEWLINE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_LETTER_UP;
    case UTF8PROC_CATEGORY_LL:
        return C_LETTER_LOW;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARKCHAR;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
        return C_SPACE;
    case UTF8PROC_CATEGORY_CF: /* soft hyphen, zero-width joiners */
        return C_MARKCHAR;
    default:
        return C_PUNCT;
    }
}

static inline bool is_wordchar(cclass c)
{
    return c == C_LETTER_UP || c == C_LETTER_LOW || c == C_LETTER ||
           c == C_DIGIT || c == C_MARKCHAR;
}

static inline bool is_letter(cclass c)
{
    return c == C_LETTER_UP || c == C_LETTER_LOW || c == C_LETTER;
}

/* The class of the code point at i (C_SPACE past the end). */
static inline cclass class_at(const ws_doc *d, size_t i, size_t *n)
{
    int32_t cp;
    if (i >= d->len) {
        *n = 0;
        return C_SPACE;
    }
    unsigned char b = (unsigned char)d->text[i];
    if (b < 0x80) {
        /* the common case, without decoding */
        *n = 1;
        if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')
            return b >= 'a' ? C_LETTER_LOW : C_LETTER_UP;
        if (b >= '0' && b <= '9')
            return C_DIGIT;
        return classify(b);
    }
    *n = ws_utf8_decode(d->text, d->len, i, &cp);
    if (ws_utf8_invalid(cp, *n))
        return C_PUNCT;
    return classify(cp);
}

static qmark quote_char(int32_t cp)
{
    switch (cp) {
    case 0x201C: return QM_LDQ;
    case 0x201D: return QM_RDQ;
    case 0x201E: return QM_LOW_DQ;
    case 0x00AB: return QM_LGUIL;
    case 0x00BB: return QM_RGUIL;
    case 0x2018: return QM_LSQ;
    case 0x2019: return QM_RSQ;
    case 0x201A: return QM_LOW_SQ;
    case 0x2039: return QM_LSGUIL;
    case 0x203A: return QM_RSGUIL;
    default: return QM_NONE;
    }
}

/* An apostrophe (ASCII or U+2019) at i; *n its length. */
static bool apostrophe_at(const ws_doc *d, size_t i, size_t *n)
{
    if (i < d->len && d->text[i] == '\'') {
        *n = 1;
        return true;
    }
    if (i + 2 < d->len && (unsigned char)d->text[i] == 0xE2 &&
        (unsigned char)d->text[i + 1] == 0x80 && (unsigned char)d->text[i + 2] == 0x99) {
        *n = 3;
        return true;
    }
    return false;
}

/* ===================================================================== */
/*  Words                                                                */
/* ===================================================================== */

/* Letters after an apostrophe that make a clitic split off the word:
 * "Hegseth's" -> Hegseth + 's, so names end where the possessive starts;
 * "don't" and "O'Brien" stay whole. Returns the clitic's letter count. */
static size_t clitic_letters(const ws_doc *d, size_t i)
{
    static const char *const CLITICS[] = {"s", "ll", "re", "ve", "d", "m"};
    for (size_t k = 0; k < sizeof CLITICS / sizeof CLITICS[0]; k++) {
        size_t n = strlen(CLITICS[k]), cn;
        if (i + n > d->len)
            continue;
        bool same = true;
        for (size_t j = 0; j < n; j++)
            if ((d->text[i + j] | 0x20) != CLITICS[k][j])
                same = false;
        if (same && !is_wordchar(class_at(d, i + n, &cn)))
            return n;
    }
    return 0;
}

/* A '.' right after a word belongs to it when the word is an initial
 * ("J."), a dotted abbreviation ("U.S."), or a listed abbreviation
 * ("Mr.", "Sen.", "Jan."). */
static bool takes_period(const ws_doc *d, size_t start, size_t end, bool dotted)
{
    size_t n = end - start;
    if (dotted)
        return true;
    /* "below 1.5°C. “Every bit ...": a unit after the degree sign is no
     * initial; its dot ends the sentence (synth-i, New Scientist style) */
    if (n == 1 && d->text[start] >= 'A' && d->text[start] <= 'Z')
        return !(start >= 2 && (unsigned char)d->text[start - 2] == 0xC2 &&
                 (unsigned char)d->text[start - 1] == 0xB0);
    if (n + 1 >= WS_LEXICON_MAX_WORD)
        return false;
    /* Titles, months and "Jr.", "Inc.", "etc." are listed with their dot
     * in the lexicon. */
    char w[WS_LEXICON_MAX_WORD];
    memcpy(w, d->text + start, n);
    w[n] = '.';
    return (ws_lexicon_lookup(d->lex, w, n + 1) & (LX_TITLE | LX_TIME | LX_ORG | LX_ABBREV)) != 0;
}

/* ASCII word characters by kind, for scan_word's fast path (0: none). */
enum { AW_LOWER = 1, AW_UPPER = 2, AW_DIGIT = 4 };
static inline unsigned ascii_word_kind(unsigned char b)
{
    if ((unsigned)(b - 'a') < 26u)
        return AW_LOWER;
    if ((unsigned)(b - 'A') < 26u)
        return AW_UPPER;
    return (unsigned)(b - '0') < 10u ? AW_DIGIT : 0;
}

/* What scan_word learns of a word on its way through it. */
typedef struct word_shape {
    bool abbrev;    /* took a final '.' */
    bool lower;     /* has a lower-case letter */
    bool hyphen;    /* has an inner hyphen ("co-founder") */
    int letters;
} word_shape;

/* Scan a word from i; returns its end and fills *w. */
static size_t scan_word(const ws_doc *d, size_t i, word_shape *w)
{
    size_t start = i, n;
    bool dotted = false;
    unsigned kinds = 0; /* AW_* seen on the fast path */
    w->abbrev = w->lower = false;
    w->hyphen = false;
    w->letters = 0;
    while (i < d->len) {
        /* the common case: a run of ASCII letters and digits */
        unsigned kind = ascii_word_kind((unsigned char)d->text[i]);
        if (kind) {
            kinds |= kind;
            i++;
            continue;
        }
        cclass c = class_at(d, i, &n);
        if (is_wordchar(c)) {
            w->letters += is_letter(c);
            w->lower |= c == C_LETTER_LOW;
            i += n;
            continue;
        }
        char ch = d->text[i];
        size_t an, nn;
        if ((ch == '-' || ch == '.' || ch == ',') && i + 1 < d->len) {
            cclass next = class_at(d, i + 1, &nn);
            bool digit_before = d->text[i - 1] >= '0' && d->text[i - 1] <= '9';
            if (ch == '-' && is_wordchar(next)) {
                w->hyphen = true;
                i += 1;
                continue;
            }
            if ((ch == '.' || ch == ',') && digit_before && next == C_DIGIT) {
                i += 1;
                continue;
            }
            /* "Polygraph.info", "Amazon.com": a dot between a word and a
             * lower-case letter, no space, is a domain's, not a stop */
            if (ch == '.' && next == C_LETTER_LOW && i > start && i - start > 1 &&
                is_letter(class_at(d, i - 1, &an))) {
                i += 1;
                continue;
            }
            /* U.S. / a.m.: a single letter, a dot, a letter */
            if (ch == '.' && is_letter(next) && i >= 1 &&
                (i - start == 1 || d->text[i - 2] == '.') &&
                (i + 2 >= d->len || d->text[i + 2] == '.')) {
                dotted = true;
                i += 1;
                continue;
            }
        }
        /* "R&B", "AT&T", "A&E", "S&P": an ampersand between capitals with
         * no space is inside the word ("The R&B singer says" had "The R"
         * and "B" for names; synth-k, Billboard style) */
        if (ch == '&' && i > start && i + 1 < d->len && (unsigned)(d->text[i - 1] - 'A') < 26u &&
            (unsigned)(d->text[i + 1] - 'A') < 26u) {
            i += 1;
            continue;
        }
        if (apostrophe_at(d, i, &an) && is_letter(class_at(d, i + an, &nn)) &&
            !clitic_letters(d, i + an)) {
            i += an;
            continue;
        }
        break;
    }
    w->lower |= (kinds & AW_LOWER) != 0;
    if (!w->lower) /* only a word without lower case needs its letters counted */
        for (size_t k = start; k < i; k++)
            w->letters += (ascii_word_kind((unsigned char)d->text[k]) & (AW_LOWER | AW_UPPER)) != 0;
    if (i < d->len && d->text[i] == '.' && takes_period(d, start, i, dotted)) {
        w->abbrev = true;
        i++;
    }
    return i;
}

/* ===================================================================== */
/*  Lines and paragraphs                                                 */
/* ===================================================================== */

/* How the document uses newlines (WS_WRAP_MAX_LINE_BYTES): one paragraph
 * per line, or lines hard-wrapped inside paragraphs. */
typedef struct line_model {
    bool wrapped;
    bool blank_lines;   /* paragraphs are separated by blank lines */
    size_t width;       /* the longest line, in bytes */
} line_model;

static bool space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Does the line [a, b) end a sentence: . ! ? or an ellipsis, perhaps
 * followed by closing marks or brackets? A colon introduces what follows
 * and a comma or a word goes on. */
static bool line_ends_sentence(const char *s, size_t a, size_t b)
{
    while (b > a && space_byte(s[b - 1]))
        b--;
    /* closing marks: " ' ) ] and the typographic closers U+2019, U+201D */
    for (int k = 0; k < 3 && b > a; k++) {
        unsigned char c = (unsigned char)s[b - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']')
            b--;
        else if (b >= a + 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80 &&
                 (c == 0x99 || c == 0x9D))
            b -= 3;
        else
            break;
    }
    if (b == a)
        return false;
    char c = s[b - 1];
    if (c == '.' || c == '!' || c == '?')
        return true;
    return b >= a + 3 && (unsigned char)s[b - 3] == 0xE2 && (unsigned char)s[b - 2] == 0x80 &&
           (unsigned char)s[b - 1] == 0xA6; /* U+2026 */
}

/* One pass over the lines (memchr): are they hard-wrapped? */
static void measure_lines(ws_doc *d, line_model *lm)
{
    size_t lines = 0, long_lines = 0, inside = 0, joins = 0, a = 0;
    bool prev_text = false, prev_inside = false;
    memset(lm, 0, sizeof *lm);
    while (a <= d->len) {
        const char *nl = a < d->len ? memchr(d->text + a, '\n', d->len - a) : NULL;
        size_t b = nl ? (size_t)(nl - d->text) : d->len, f = a;
        while (f < b && space_byte(d->text[f]))
            f++;
        WS_WORK(d, 1 + (f - a));
        if (f == b) {
            lm->blank_lines |= prev_text && nl;
            prev_text = false;
        } else {
            lines++;
            long_lines += b - a > WS_WRAP_MAX_LINE_BYTES;
            if (b - a > lm->width)
                lm->width = b - a;
            if (prev_text) {
                joins++;
                inside += prev_inside;
            }
            prev_text = true;
            prev_inside = !line_ends_sentence(d->text, a, b);
        }
        if (!nl)
            break;
        a = b + 1;
    }
    lm->wrapped = lines >= 3 && long_lines * 10 <= lines && inside >= 2 && inside * 5 >= joins;
}

/* The newline at byte i ends the line that started at line_start; does a
 * paragraph end there? A blank line always ends one (handled by the
 * caller); otherwise, in a text of one paragraph per line, a newline that
 * falls inside a sentence before a lower-case word is a wrapped line. */
static bool newline_ends_paragraph(const ws_doc *d, const line_model *lm, size_t line_start,
                                   size_t i, size_t n)
{
    if (n != 1)
        return true; /* U+2028, U+2029, U+0085: a separator on purpose */
    size_t k = i + 1;
    while (k < d->len && space_byte(d->text[k]))
        k++;
    bool indented = k > i + 1 && d->text[i + 1] != '\r';
    bool next_lower = k < d->len && d->text[k] >= 'a' && d->text[k] <= 'z';
    bool ends = line_ends_sentence(d->text, line_start, i);
    if (!lm->wrapped)
        return ends || !next_lower;
    if (lm->blank_lines)
        return false;
    return indented || (ends && (i - line_start) * 100 < lm->width * WS_WRAP_SHORT_LINE_PERCENT);
}

/* ===================================================================== */
/*  The token stream                                                     */
/* ===================================================================== */

static ws_token *push_token(ws_doc *d, size_t start, size_t end, tok_kind kind)
{
    if (!ws_grow(d->alloc, (void **)&d->tok, &d->captok, d->ntok + 1, sizeof *d->tok))
        return NULL;
    ws_token *t = &d->tok[d->ntok++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = (uint8_t)kind;
    t->mention = -1;
    return t;
}

/* "al-Qadasi", "el-Sisi", "ash-Sharaa": an Arabic name with its article
 * is a capitalised name, though its first letter is small (synthetic dev
 * j, Al Jazeera): the article of one or two letters, or a sun letter's
 * "ash"/"ad"/"as"..., a hyphen, then a capital. */
static bool article_prefixed_name(const ws_doc *d, const ws_token *t)
{
    const char *s = d->text + t->start;
    size_t n = t->end - t->start;
    if (n < 4 || (s[0] != 'a' && s[0] != 'e')) /* most words stop here */
        return false;
    size_t k = s[2] == '-' ? 2 : s[3] == '-' && n >= 5 ? 3 : 0;
    if (!k || !(s[k + 1] >= 'A' && s[k + 1] <= 'Z') || !(s[1] >= 'a' && s[1] <= 'z'))
        return false;
    return k == 2 || ((s[1] == 's' || s[1] == 'd' || s[1] == 'z' || s[1] == 't' || s[1] == 'r' || s[1] == 'n') &&
                      s[2] >= 'a' && s[2] <= 'z');
}

static void word_flags(ws_doc *d, ws_token *t, const word_shape *w)
{
    size_t n;
    cclass first = class_at(d, t->start, &n);
    WS_WORK(d, t->end - t->start);
    if (first == C_LETTER_UP)
        t->flags |= TF_CAP;
    else if (first == C_LETTER_LOW)
        t->flags |= TF_LOWER;
    else if (first == C_DIGIT)
        t->flags |= TF_DIGIT;
    if (!w->lower && w->letters >= 2)
        t->flags |= TF_ALLCAPS;
    if (w->abbrev)
        t->flags |= TF_ABBREV;
    t->lex = ws_lexicon_lookup_in(d->lex, d->text + t->start, t->end - t->start, d->len - t->start, &t->hash);
    /* "the US military said": in capitals "US" is the country, not the
     * pronoun (a shouted line of capitals is read as a banner anyway) */
    if (t->end - t->start == 2 && d->text[t->start] == 'U' && d->text[t->start + 1] == 'S')
        t->lex = LX_NEUTER;
    if (!t->lex && w->hyphen) {
        /* "ex-president", "co-founder": the head after the last hyphen */
        size_t h = t->end;
        while (h > t->start && d->text[h - 1] != '-')
            h--;
        if (h > t->start + 1 && h < t->end)
            t->lex = ws_lexicon_lookup(d->lex, d->text + h, t->end - h) & (LX_TITLE | LX_ROLE);
        if ((t->flags & TF_LOWER) && article_prefixed_name(d, t))
            t->flags = (uint16_t)((t->flags & ~TF_LOWER) | TF_CAP);
    }
}

static bool is_sentence_punct(const ws_doc *d, size_t s, size_t e)
{
    if (e - s == 1)
        return d->text[s] == '.' || d->text[s] == '!' || d->text[s] == '?';
    return e - s == 3 && (unsigned char)d->text[s] == 0xE2 &&
           (unsigned char)d->text[s + 1] == 0x80 && (unsigned char)d->text[s + 2] == 0xA6;
}

/* A run of the same ASCII punctuation ("--", "...", "!!!") is one token. */
static size_t punct_run(const ws_doc *d, size_t i)
{
    char c = d->text[i];
    size_t j = i + 1;
    if (c == '-' || c == '.' || c == '!' || c == '?' || c == '*' || c == '=' || c == '_')
        while (j < d->len && d->text[j] == c)
            j++;
    return j;
}

/* Quotation marks: the ASCII ones, then the typographic ones. */
static size_t scan_qmark(const ws_doc *d, size_t i, int32_t cp, size_t n, qmark *m)
{
    *m = QM_NONE;
    if (cp == '"') {
        *m = QM_DQ;
        return i + 1;
    }
    if (cp == '\'') {
        bool twice = i + 1 < d->len && d->text[i + 1] == '\'';
        /* three apostrophes closing a nested quotation are ' then ''
         * ("the word 'old-school,'''"); opening one, '' then ' */
        bool thrice = twice && i + 2 < d->len && d->text[i + 2] == '\'';
        if (thrice && i > 0 && d->text[i - 1] != ' ' && d->text[i - 1] != '\n')
            twice = false;
        *m = twice ? QM_DAPOS : QM_SQ;
        return i + (twice ? 2 : 1);
    }
    if (cp == '`' && i + 1 < d->len && d->text[i + 1] == '`') {
        *m = QM_BACKTICKS;
        return i + 2;
    }
    *m = quote_char(cp);
    return i + n;
}

/* "R-W.Va.", "D.C.": a stop between a single capital letter and a
 * letter, with no space, is inside an abbreviation ("Rep. David
 * McKinley, R-W.Va., visited" is one sentence). "rise.The" (a lost
 * space after a word) still ends its sentence. */
static bool initial_before_letter(const ws_doc *d, size_t i, size_t end)
{
    unsigned char next = (unsigned char)d->text[end];
    if (i < 1 || !((next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z')))
        return false;
    unsigned char c = (unsigned char)d->text[i - 1];
    unsigned char b = i >= 2 ? (unsigned char)d->text[i - 2] : ' ';
    bool b_letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    return c >= 'A' && c <= 'Z' && !b_letter;
}

bool ws_tokens_build(ws_doc *d)
{
    uint32_t para = 0;
    bool para_start = true, space = true, line_blank = true;
    size_t i = 0, line_start = 0;
    line_model lm;
    d->ntok = 0;
    measure_lines(d, &lm);
    while (i < d->len) {
        int32_t cp = (unsigned char)d->text[i];
        size_t n = cp < 0x80 ? 1 : ws_utf8_decode(d->text, d->len, i, &cp);
        bool invalid = ws_utf8_invalid(cp, n);
        cclass c = invalid ? C_PUNCT : class_at(d, i, &n);
        WS_WORK(d, 1);
        if (c == C_NEWLINE || c == C_SPACE) {
            if (c == C_NEWLINE) {
                if (!para_start &&
                    (line_blank || newline_ends_paragraph(d, &lm, line_start, i, n))) {
                    para++;
                    para_start = true;
                }
                line_start = i + n;
                line_blank = true;
            }
            if (d->ntok)
                d->tok[d->ntok - 1].flags |= TF_SPACE_AFTER;
            space = true;
            i += n;
            continue;
        }
        ws_token *t;
        qmark m = QM_NONE;
        size_t end;
        if (is_wordchar(c)) {
            word_shape w;
            end = scan_word(d, i, &w);
            if (!(t = push_token(d, i, end, TK_WORD)))
                return false;
            word_flags(d, t, &w);
        } else if (!invalid && (end = scan_qmark(d, i, cp, n, &m)) && m != QM_NONE) {
            size_t an;
            tok_kind kind = TK_QMARK;
            if ((m == QM_SQ || m == QM_RSQ) && apostrophe_at(d, i, &an) && d->ntok &&
                !space && clitic_letters(d, i + an)) {
                end = i + an + clitic_letters(d, i + an);
                kind = TK_CLITIC;
                m = QM_NONE;
            }
            if (!(t = push_token(d, i, end, kind)))
                return false;
            t->mark = (uint8_t)m;
        } else {
            end = invalid ? i + 1 : (n == 1 ? punct_run(d, i) : i + n);
            if (!(t = push_token(d, i, end, TK_PUNCT)))
                return false;
            /* "retired in Cambridge, Mass., said": a stop right before a
             * comma or semicolon ends an abbreviation, not a sentence */
            bool abbreviation_dot = d->text[i] == '.' && end < d->len &&
                                    (d->text[end] == ',' || d->text[end] == ';' ||
                                     initial_before_letter(d, i, end));
            if (!abbreviation_dot &&
                (is_sentence_punct(d, i, end) ||
                 (end - i > 1 && (d->text[i] == '.' || d->text[i] == '!' || d->text[i] == '?'))))
                t->flags |= TF_SENT_PUNCT;
        }
        t->para = para;
        if (space)
            t->flags |= TF_SPACE_BEFORE;
        if (para_start)
            t->flags |= TF_PARA_START;
        para_start = space = line_blank = false;
        i = end;
    }
    if (d->ntok)
        d->tok[d->ntok - 1].flags |= TF_SPACE_AFTER;
    return true;
}

bool tok_is_dash(const ws_doc *d, size_t i)
{
    if (i >= d->ntok || d->tok[i].kind != TK_PUNCT)
        return false;
    const unsigned char *s = (const unsigned char *)d->text + d->tok[i].start;
    size_t n = d->tok[i].end - d->tok[i].start;
    if (s[0] == '-')
        return true;
    /* U+2012 figure dash to U+2015 horizontal bar ("― Steve Quinlan") */
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x92 && s[2] <= 0x95;
}

uint32_t ws_hash_folded(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        h = (h ^ c) * 16777619u;
    }
    return h;
}
