/*
 * The quotation index: whosaid records from many documents in, one entry
 * per distinct quotation out, in the spirit of Quotebank.
 *
 * Three passes, each over data on disk, so that memory stays near
 * opts->memory however large the input:
 *   1. read the records; each becomes an item (one occurrence) and goes
 *      to a partition file by the hash of its first six normalised words;
 *   2. read one partition at a time; items with the same first words
 *      that are the same quotation (equal, one a prefix of the other, or
 *      similar) merge; the merged items go to new partitions by their
 *      last six words;
 *   3. likewise by the last words (a quotation cut at its start); each
 *      merged item is an entry: its speaker is voted, it is written.
 * Normalising (case, punctuation, quotation marks) uses utf8proc.
 *
 * An item on disk: u32 body length, u32 occurrences, str quotation, str
 * normalised text, u32 occurrence bytes, then per occurrence u8 type, u64
 * start, u64 end, str doc, str url, str date, str speaker (u32 length,
 * UINT32_MAX for none, then the bytes). Host byte order: the files live
 * only as long as the run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "out.h"
#include "pipeline.h"

#define NO_STR UINT32_MAX

/* ===================================================================== */
/*  The run                                                              */
/* ===================================================================== */

/* An item in memory: pointers into a loaded partition. */
typedef struct item {
    const char *rep, *norm, *occ;
    uint32_t rep_len, norm_len, occ_len, nocc;
    uint32_t key, words;
    int32_t next;   /* the next member of its cluster, -1 */
} item;

/* A speaker's running count (Misra-Gries: a bounded table of the most
 * frequent, exact while there are fewer than its capacity). */
typedef struct tally {
    ws_buf name;
    uint64_t weight, quotations, occurrences;
    bool used;
} tally;

/* One of the most repeated quotations, for the corpus page. */
typedef struct top {
    ws_buf quote, speaker, id;
    bool has_speaker;
    uint64_t docs, occurrences;
} top;

/* A vote: one speaker of an entry's occurrences. */
typedef struct vote {
    const char *name;
    uint32_t len;
    uint64_t count;
} vote;

typedef struct idx {
    const ws_allocator *a;
    ws_index_options opts;
    ws_index_stats *st;
    ws_error *err;
    ws_status first_bad;          /* code of the first bad line */
    bool fatal;                   /* the run stopped: code and err say why */
    ws_status code;
    char dir[4096];               /* the temporary directory, or "" */
    unsigned nparts;
    FILE **parts;                 /* the partitions being written */
    ws_buf scratch, norm, item;   /* per record */
    ws_buf doc, url, date, speaker, quote, key;
    bool has_speaker;
    int type;
    uint64_t start, end;
    item *items;  size_t capitems;
    int32_t *heads; size_t capheads;
    uint32_t *sh_a, *sh_b; size_t cap_a, cap_b;
    vote *votes;  size_t capvotes;
    ws_str *docs; size_t capdocs;
    tally *tallies; size_t ntallies;
    int32_t *slots;               /* tallies by name hash */
    bool tallies_exact;
    top *tops; size_t ntops;
    struct sname *names; size_t nnames, capnames; /* speaker names (pass 1) */
    ws_buf arena;                 /* their bytes */
    int32_t *name_slots;          /* names by hash, 2 * WS_INDEX_NAMES_CAP */
    ws_lexicon lex;               /* to tell a person's name from other speakers */
    bool has_lex;
    struct merge *merges; size_t nmerges; /* names counted as another */
    out *o;                       /* the entries */
    unsigned pass;                /* 2: merging by prefix, 3: by suffix */
    const char *output;           /* as the error names it ("stdout") */
} idx;

/* The run stops: the first error stands, with the file it concerns (an
 * input, the output, the page, the temporary directory; NULL for none)
 * in the statistics, for the message to name it. */
static bool fail_on(idx *x, const char *file, ws_status code, const char *msg)
{
    if (!x->fatal) {
        ws_set_error(x->err, code, msg, 0);
        x->code = code;
        x->st->file = file;
    }
    x->fatal = true;
    return false;
}

static bool fail(idx *x, ws_status code, const char *msg)
{
    return fail_on(x, NULL, code, msg);
}

/* The temporary directory's files. */
static bool fail_tmp(idx *x, const char *msg)
{
    return fail_on(x, x->dir, WS_ERR_IO, msg);
}

static bool nomem(idx *x)
{
    return fail(x, WS_ERR_NOMEM, "out of memory");
}

static bool grow(idx *x, void **p, size_t *cap, size_t need, size_t elem)
{
    return ws_grow(x->a, p, cap, need, elem) || nomem(x);
}

static void progress(idx *x)
{
    if (x->opts.on_progress)
        x->opts.on_progress(x->opts.ctx, x->st);
}

/* ===================================================================== */
/*  Normalising                                                          */
/* ===================================================================== */

static bool word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
           c == UTF8PROC_CATEGORY_NL || c == UTF8PROC_CATEGORY_NO;
}

static bool apostrophe(utf8proc_int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* Lower-case words separated by one space: case, punctuation and
 * quotation marks set aside ("It's" and "its" are the same word). */
static bool normalise(idx *x, const char *s, size_t n, ws_buf *dst)
{
    dst->len = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            k = 1;
            cp = ' ';
        }
        i += (size_t)k;
        if (apostrophe(cp))
            continue;
        if (!word_char(cp)) {
            space = dst->len > 0;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if ((space && !ws_buf_putc(x->a, dst, ' ')) ||
            !ws_buf_append(x->a, dst, (const char *)enc, (size_t)m))
            return nomem(x);
        space = false;
    }
    return true;
}

static uint32_t hash32(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static uint32_t count_words(const char *s, size_t n)
{
    uint32_t w = n > 0;
    for (size_t i = 0; i < n; i++)
        w += s[i] == ' ';
    return w;
}

/* The bytes of the first (or last) WS_INDEX_KEY_WORDS words. */
static size_t prefix_len(const char *s, size_t n)
{
    unsigned w = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' && ++w == WS_INDEX_KEY_WORDS)
            return i;
    return n;
}

static size_t suffix_start(const char *s, size_t n)
{
    unsigned w = 0;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == ' ' && ++w == WS_INDEX_KEY_WORDS)
            return i;
    return 0;
}

/* The partition of a key: by range, not by remainder, so that the
 * partitions taken in turn, each sorted by key, give the entries in key
 * order whatever their number (which follows the input's size and
 * --memory): the same index from a file, a pipe or any --memory. */
static unsigned partition_of(const idx *x, uint32_t key)
{
    return (unsigned)(((uint64_t)key * x->nparts) >> 32);
}

static uint32_t item_key(const char *norm, size_t n, unsigned pass)
{
    if (pass <= 2)
        return hash32(norm, prefix_len(norm, n));
    size_t s = suffix_start(norm, n);
    return hash32(norm + s, n - s);
}

/* ===================================================================== */
/*  Records: one JSON object per line                                    */
/* ===================================================================== */

typedef struct json {
    const char *s;
    size_t n, i;
} json;

static void skip_ws(json *j)
{
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\r' ||
                           j->s[j->i] == '\n'))
        j->i++;
}

static bool take(json *j, char c)
{
    skip_ws(j);
    if (j->i < j->n && j->s[j->i] == c) {
        j->i++;
        return true;
    }
    return false;
}

static long hex4(const json *j, size_t at)
{
    long v = 0;
    for (size_t k = at; k < at + 4; k++) {
        char c = k < j->n ? j->s[k] : 0;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* \uXXXX (a surrogate pair counts as one) into UTF-8. */
static bool unicode_escape(idx *x, json *j, ws_buf *dst)
{
    long cp = hex4(j, j->i);
    if (cp < 0)
        return false;
    j->i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && j->i + 6 <= j->n && j->s[j->i] == '\\' &&
        j->s[j->i + 1] == 'u') {
        long lo = hex4(j, j->i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            j->i += 6;
        }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
    return ws_buf_append(x->a, dst, (const char *)enc, (size_t)m) || nomem(x);
}

/* A string into out (NULL: parsed and dropped). */
static bool parse_string(idx *x, json *j, ws_buf *dst)
{
    if (!take(j, '"'))
        return false;
    if (dst)
        dst->len = 0;
    while (j->i < j->n) {
        size_t run = j->i;
        while (j->i < j->n && j->s[j->i] != '"' && j->s[j->i] != '\\')
            j->i++;
        if (dst && !ws_buf_append(x->a, dst, j->s + run, j->i - run))
            return nomem(x);
        if (j->i >= j->n)
            return false;
        if (j->s[j->i++] == '"')
            return true;
        if (j->i >= j->n)
            return false;
        char e = j->s[j->i++], c;
        switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case '"': case '\\': case '/': c = e; break;
        case 'u':
            if (!unicode_escape(x, j, dst ? dst : &x->scratch))
                return false;
            continue;
        default: return false;
        }
        if (dst && !ws_buf_putc(x->a, dst, c))
            return nomem(x);
    }
    return false;
}

static bool parse_uint(json *j, uint64_t *v)
{
    skip_ws(j);
    size_t from = j->i;
    *v = 0;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9' && j->i - from < 19)
        *v = *v * 10 + (uint64_t)(j->s[j->i++] - '0');
    return j->i > from;
}

static bool literal(json *j, const char *w)
{
    skip_ws(j);
    size_t n = strlen(w);
    if (j->n - j->i < n || memcmp(j->s + j->i, w, n) != 0)
        return false;
    j->i += n;
    return true;
}

/* Any value, dropped. */
static bool skip_value(idx *x, json *j, unsigned depth)
{
    skip_ws(j);
    if (j->i >= j->n || depth > WS_MAX_JSON_DEPTH)
        return false;
    char c = j->s[j->i];
    if (c == '"')
        return parse_string(x, j, NULL);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->i++;
        if (take(j, close))
            return true;
        do {
            if (c == '{' && (!parse_string(x, j, NULL) || !take(j, ':')))
                return false;
            if (!skip_value(x, j, depth + 1))
                return false;
        } while (take(j, ','));
        return take(j, close);
    }
    if (literal(j, "null") || literal(j, "true") || literal(j, "false"))
        return true;
    size_t from = j->i;
    while (j->i < j->n && strchr("+-0123456789.eE", j->s[j->i]))
        j->i++;
    return j->i > from;
}

/* A string field, or null (then *present is false). */
static bool string_or_null(idx *x, json *j, ws_buf *dst, bool *present)
{
    dst->len = 0;
    *present = !literal(j, "null");
    return !*present || parse_string(x, j, dst);
}

/* "doc": a string, or a number as written. */
static bool doc_field(idx *x, json *j)
{
    skip_ws(j);
    if (j->i < j->n && j->s[j->i] == '"')
        return parse_string(x, j, &x->doc);
    size_t from = j->i;
    if (!skip_value(x, j, 0))
        return false;
    x->doc.len = 0;
    return ws_buf_append(x->a, &x->doc, j->s + from, j->i - from) || nomem(x);
}

static bool member(idx *x, json *j, bool *has_quote)
{
    bool present;
    if (!parse_string(x, j, &x->key) || !take(j, ':'))
        return false;
    const char *k = x->key.data ? x->key.data : "";
    if (strcmp(k, "doc") == 0)
        return doc_field(x, j);
    if (strcmp(k, "quote") == 0)
        return string_or_null(x, j, &x->quote, has_quote);
    if (strcmp(k, "speaker") == 0)
        return string_or_null(x, j, &x->speaker, &x->has_speaker);
    if (strcmp(k, "url") == 0)
        return string_or_null(x, j, &x->url, &present);
    if (strcmp(k, "date") == 0)
        return string_or_null(x, j, &x->date, &present);
    if (strcmp(k, "start") == 0)
        return parse_uint(j, &x->start);
    if (strcmp(k, "end") == 0)
        return parse_uint(j, &x->end);
    if (strcmp(k, "type") == 0) {
        if (literal(j, "\"direct\""))
            x->type = WS_QUOTE_DIRECT;
        else if (literal(j, "\"indirect\""))
            x->type = WS_QUOTE_INDIRECT;
        else
            return false;
        return true;
    }
    return skip_value(x, j, 1);
}

/* A record line into x's fields; false when it is none. */
static bool parse_record(idx *x, const char *s, size_t n)
{
    json j = {s, n, 0};
    bool has_quote = false;
    x->doc.len = x->url.len = x->date.len = x->speaker.len = x->quote.len = 0;
    x->has_speaker = false;
    x->type = 0;
    x->start = x->end = 0;
    if (!take(&j, '{'))
        return false;
    if (!take(&j, '}')) {
        do {
            if (!member(x, &j, &has_quote))
                return false;
        } while (take(&j, ','));
        if (!take(&j, '}'))
            return false;
    }
    skip_ws(&j);
    return j.i == n && has_quote && x->type != 0;
}

/* ===================================================================== */
/*  Items on disk                                                        */
/* ===================================================================== */

static bool put_u32(idx *x, ws_buf *b, uint32_t v)
{
    return ws_buf_append(x->a, b, (const char *)&v, sizeof v) || nomem(x);
}

static bool put_u64(idx *x, ws_buf *b, uint64_t v)
{
    return ws_buf_append(x->a, b, (const char *)&v, sizeof v) || nomem(x);
}

static bool put_str(idx *x, ws_buf *b, const char *s, size_t n, bool present)
{
    if (n >= NO_STR)
        n = NO_STR - 1; /* no record field comes near 4 GiB */
    return put_u32(x, b, present ? (uint32_t)n : NO_STR) &&
           (!present || ws_buf_append(x->a, b, s, n) || nomem(x));
}

static uint32_t get_u32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t get_u64(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static const char *buf_or_empty(const ws_buf *b)
{
    return b->data ? b->data : "";
}

/* The record in x's fields as a one-occurrence item in x->item. */
static bool record_item(idx *x)
{
    ws_buf occ = {0};
    bool ok = (ws_buf_putc(x->a, &occ, (char)x->type) || nomem(x)) && put_u64(x, &occ, x->start) &&
              put_u64(x, &occ, x->end) &&
              put_str(x, &occ, buf_or_empty(&x->doc), x->doc.len, true) &&
              put_str(x, &occ, buf_or_empty(&x->url), x->url.len, x->url.len > 0) &&
              put_str(x, &occ, buf_or_empty(&x->date), x->date.len, x->date.len > 0) &&
              put_str(x, &occ, buf_or_empty(&x->speaker), x->speaker.len, x->has_speaker);
    x->item.len = 0;
    ok = ok && put_u32(x, &x->item, 0) && put_u32(x, &x->item, 1) &&
         put_str(x, &x->item, buf_or_empty(&x->quote), x->quote.len, true) &&
         put_str(x, &x->item, buf_or_empty(&x->norm), x->norm.len, true) &&
         put_u32(x, &x->item, (uint32_t)occ.len) &&
         (ws_buf_append(x->a, &x->item, buf_or_empty(&occ), occ.len) || nomem(x));
    ws_buf_free(x->a, &occ);
    if (ok) {
        uint32_t body = (uint32_t)(x->item.len - 4);
        memcpy(x->item.data, &body, sizeof body);
    }
    return ok;
}

static bool write_bytes(idx *x, FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n || fail_tmp(x, "cannot write a temporary file");
}

/* ===================================================================== */
/*  Partitions                                                           */
/* ===================================================================== */

static void part_name(const idx *x, unsigned pass, unsigned k, char *name, size_t cap)
{
    snprintf(name, cap, "%s/p%u-%u", x->dir, pass, k);
}

static bool open_parts(idx *x, unsigned pass)
{
    for (unsigned k = 0; k < x->nparts; k++) {
        char name[4200];
        part_name(x, pass, k, name, sizeof name);
        x->parts[k] = fopen(name, "wb");
        if (!x->parts[k])
            return fail_tmp(x, "cannot create a temporary file");
    }
    return true;
}

static bool close_parts(idx *x)
{
    bool ok = true;
    for (unsigned k = 0; k < x->nparts; k++) {
        if (x->parts[k] && fclose(x->parts[k]) != 0)
            ok = false;
        x->parts[k] = NULL;
    }
    return ok || fail_tmp(x, "cannot write a temporary file");
}

/* Read partition k of a pass whole, and remove it. */
static char *load_part(idx *x, unsigned pass, unsigned k, size_t *len)
{
    char name[4200];
    part_name(x, pass, k, name, sizeof name);
    FILE *f = fopen(name, "rb");
    struct stat sb;
    char *data = NULL;
    *len = 0;
    if (!f || fstat(fileno(f), &sb) != 0) {
        fail_tmp(x, "cannot read a temporary file");
    } else if ((data = ws_malloc(x->a, (size_t)sb.st_size + 1)) == NULL) {
        nomem(x);
    } else if (fread(data, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
        fail_tmp(x, "cannot read a temporary file");
        ws_free(x->a, data);
        data = NULL;
    } else {
        *len = (size_t)sb.st_size;
    }
    if (f)
        fclose(f);
    remove(name);
    return data;
}

/* The items of a loaded partition, checked against its length. */
static bool parse_items(idx *x, const char *p, size_t len, size_t *n)
{
    size_t at = 0;
    *n = 0;
    while (at + 8 <= len) {
        uint32_t body = get_u32(p + at);
        const char *b = p + at + 4, *e = b + body;
        if (body > len - at - 4 || body < 16)
            return fail_tmp(x, "a temporary file is corrupt");
        if (!grow(x, (void **)&x->items, &x->capitems, *n + 1, sizeof *x->items))
            return false;
        item *it = &x->items[(*n)++];
        it->nocc = get_u32(b);
        it->rep_len = get_u32(b + 4);
        it->rep = b + 8;
        it->norm_len = get_u32(it->rep + it->rep_len);
        it->norm = it->rep + it->rep_len + 4;
        it->occ_len = get_u32(it->norm + it->norm_len);
        it->occ = it->norm + it->norm_len + 4;
        if (it->occ + it->occ_len != e)
            return fail_tmp(x, "a temporary file is corrupt");
        it->key = item_key(it->norm, it->norm_len, x->pass);
        it->words = count_words(it->norm, it->norm_len);
        it->next = -1;
        at += 4 + body;
    }
    return at == len || fail_tmp(x, "a temporary file is corrupt");
}

/* ===================================================================== */
/*  Speaker names: one person under several names                        */
/* ===================================================================== */

/* Across documents one person is named several ways: "Obama" in one,
 * "Barack Obama" in another, "Donald J. Trump" and "Donald Trump", "Josh"
 * and "Joshua Apte". Pass 1 collects every speaker name in a bounded
 * table; before the votes, the names of one person resolve to the
 * fullest of them, through hash tables keyed on given name and surname
 * so that no two names are compared unless they share those. The limit
 * comes from limits.h; tests/test_index.c compiles this file a second
 * time with a tiny one, to fill the table. */
#ifndef WS_INDEX_NAMES_CAP
#define WS_INDEX_NAMES_CAP WS_INDEX_NAMES
#endif
_Static_assert((WS_INDEX_NAMES_CAP & (WS_INDEX_NAMES_CAP - 1)) == 0,
               "the name table's slots are a power of two");
_Static_assert((uint64_t)WS_INDEX_NAMES_CAP * WS_INDEX_NAME_BYTES < UINT32_MAX,
               "name offsets are 32 bits");

#define FNV_BASIS 2166136261u

/* A speaker name of the table. */
typedef struct sname {
    uint32_t off, len;      /* its bytes, in x->arena */
    uint32_t given;         /* bytes of its first word */
    uint32_t last;          /* where its last word starts */
    uint32_t words;
    int32_t canon;          /* the name it counts as: itself when unmerged */
    int32_t link;           /* while resolving: its group, then its person */
    uint64_t occurrences;   /* indexed records that give it */
} sname;

/* A name counted as another, for the report. */
typedef struct merge {
    const char *name, *canon, *rule;
    uint32_t name_len, canon_len;
    uint64_t occurrences;
} merge;

static unsigned char fold(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 'A' && u <= 'Z' ? (unsigned char)(u + 32) : u;
}

/* Names compare with ASCII case set aside, as the votes always did
 * ("TRUMP" is "Trump"); the hashes fold alike. */
static bool same_name(const char *a, size_t na, const char *b, size_t nb)
{
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++)
        if (fold(a[i]) != fold(b[i]))
            return false;
    return true;
}

static uint32_t hash_fold(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ fold(s[i])) * 16777619u;
    return h;
}

static uint32_t mix(uint32_t a, uint32_t b)
{
    return a ^ (b * 0x9E3779B1u + 0x7F4A7C15u + (a << 6) + (a >> 2));
}

/* The shape of a word of a name. */
enum { W_CAPITAL, W_INITIALS, W_LOWER, W_PREFIXED, W_OTHER };

/* "Obama", "McDonald", "O'Rourke": a capital, then lower case somewhere;
 * "J", "J." or "H.W.": initials; "von": lower case; "al-Assad": lower
 * case, then a capital; anything else ("FBI", "U.S" or "2016") is no
 * word of a person's name as news text writes it. */
static int word_shape(const char *s, size_t n)
{
    size_t upper = 0, lower = 0, dots = 0;
    bool first_upper = false, first = true;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return W_OTHER;
        i += (size_t)k;
        utf8proc_category_t c = utf8proc_category(cp);
        bool up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        bool low = c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO ||
                   c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_MN ||
                   c == UTF8PROC_CATEGORY_MC;
        if (first && !up && !low)
            return W_OTHER;
        if (first)
            first_upper = up;
        first = false;
        upper += up;
        lower += low;
        dots += cp == '.';
        if (!up && !low && cp != '.' && cp != '-' && !apostrophe(cp))
            return W_OTHER;
    }
    if (!first_upper)
        return upper ? W_PREFIXED : W_LOWER;
    if (lower)
        return W_CAPITAL;
    return upper == 1 || dots == upper ? W_INITIALS : W_OTHER;
}

/* Lexicon classes no word of a person's name has ("The", "said",
 * "spokesman", "Department", "of"); a given name may share a spelling
 * with one ("Bill"), and LX_GIVEN wins. */
#define NOT_A_NAME                                                                           \
    (LX_CUE | LX_CUE_BASE | LX_CUE_ING | LX_ACCORDING | LX_PRONOUN | LX_DET | LX_DEFINITE |  \
     LX_COMPLEMENTISER | LX_RELATIVE | LX_SKIP | LX_BE | LX_TITLE | LX_ROLE | LX_DOCUMENT |  \
     LX_ORG | LX_OF | LX_FOR | LX_FUNC | LX_CONJ | LX_PAST | LX_PREP | LX_VERB | LX_QUANTITY)

/* Is s a place of data/places.def (which lists them in lower case)? */
static bool place_word(const char *s, size_t n)
{
    char w[32];
    if (n >= sizeof w)
        return false;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)fold(s[i]);
    w[n] = '\0';
    return ws_place_name(w);
}

/* Is the word s[0..n), at position k of a name of `words`, one a
 * person's name has there? first_flags: the lexicon's for the first. */
static bool name_word(const idx *x, const char *s, size_t n, uint32_t k, uint32_t words,
                      uint32_t first_flags)
{
    int shape = word_shape(s, n);
    uint32_t flags = ws_lexicon_lookup(&x->lex, s, n);
    bool last = k + 1 == words && words > 1;
    if (k == 0 ? !(shape == W_CAPITAL || (words > 1 && shape == W_INITIALS))
        : last ? !(shape == W_CAPITAL || shape == W_PREFIXED)
               : !(shape == W_CAPITAL || shape == W_INITIALS ||
                   (shape == W_LOWER && (flags & LX_PARTICLE))))
        return false;
    if (flags & LX_GIVEN)
        return true;
    /* "Mexico" alone, "Turkish Americans": a place is nobody's surname,
     * nor given name unless the lexicon says so ("Georgia") */
    if (k == 0 && place_word(s, n))
        return false;
    if (!(flags & NOT_A_NAME))
        return true;
    /* "Michael Bloomberg": a surname that names an organisation too,
     * after a given name; alone, "Bloomberg" is the news agency. */
    return last && (flags & NOT_A_NAME) == LX_ORG && (first_flags & LX_GIVEN);
}

/* Does s read as a person's name: short, its words one space apart and
 * each of the shape and class a name's word has ("Barack Obama", "Ursula
 * von der Leyen", "Bashar al-Assad"; not "a spokesman", "The FBI",
 * "Department of Homeland Security"), so that no rule below takes an
 * organisation or a phrase apart into given name and surname. Where its
 * words are, into *m. */
static bool parse_name(const idx *x, const char *s, size_t n, sname *m)
{
    if (n == 0 || n > WS_INDEX_NAME_BYTES || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    m->len = (uint32_t)n;
    m->words = 1;
    m->given = (uint32_t)n;
    m->last = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || (c == ' ' && s[i + 1] == ' '))
            return false; /* s[n - 1] is no space, so s[i + 1] is in s */
        if (c == ' ') {
            if (m->words++ == 1)
                m->given = (uint32_t)i;
            m->last = (uint32_t)i + 1;
        }
    }
    uint32_t first_flags = ws_lexicon_lookup(&x->lex, s, m->given);
    size_t from = 0;
    for (uint32_t k = 0; k < m->words; k++) {
        size_t to = from;
        while (to < n && s[to] != ' ')
            to++;
        if (!name_word(x, s + from, to - from, k, m->words, first_flags))
            return false;
        from = to + 1;
    }
    return true;
}

static const char *name_text(const idx *x, const sname *m)
{
    return x->arena.data + m->off;
}

/* The slot of s in the name table: where it is, else the free one where
 * it would go (the table holds at most half as many names as slots). */
static size_t name_slot(const idx *x, const char *s, size_t n)
{
    size_t mask = 2 * (size_t)WS_INDEX_NAMES_CAP - 1;
    size_t k = hash_fold(FNV_BASIS, s, n) & mask;
    for (; x->name_slots[k] >= 0; k = (k + 1) & mask) {
        const sname *m = &x->names[x->name_slots[k]];
        if (same_name(name_text(x, m), m->len, s, n))
            return k;
    }
    return k;
}

/* Pass 1: a record's speaker into the name table. Once it is full, a new
 * name is only counted, so that the run can say how many records were
 * left out of the merging. A spelling that is no name's by itself but one
 * held in other case ("DONALD TRUMP") counts for it, as it votes for it. */
static bool note_name(idx *x, const char *s, size_t n)
{
    sname m;
    if (n == 0 || n > WS_INDEX_NAME_BYTES)
        return true;
    size_t k = name_slot(x, s, n);
    if (x->name_slots[k] >= 0) {
        x->names[x->name_slots[k]].occurrences++;
        return true;
    }
    if (!parse_name(x, s, n, &m))
        return true;
    if (x->nnames == WS_INDEX_NAMES_CAP) {
        x->st->names_untracked++;
        return true;
    }
    if (!grow(x, (void **)&x->names, &x->capnames, x->nnames + 1, sizeof *x->names))
        return false;
    m.off = (uint32_t)x->arena.len;
    if (!ws_buf_append(x->a, &x->arena, s, n))
        return nomem(x);
    m.canon = (int32_t)x->nnames;
    m.link = -1;
    m.occurrences = 1;
    x->names[x->nnames] = m;
    x->name_slots[k] = (int32_t)x->nnames++;
    x->st->names = x->nnames;
    return true;
}

/* The name a record's speaker counts as in the votes: the one its name
 * was merged into, else itself. */
static void counted_name(const idx *x, const char **s, uint32_t *n)
{
    if (*n == 0 || *n > WS_INDEX_NAME_BYTES || x->nnames == 0)
        return;
    int32_t k = x->name_slots[name_slot(x, *s, *n)];
    if (k >= 0) {
        const sname *c = &x->names[x->names[k].canon];
        *s = name_text(x, c);
        *n = c->len;
    }
}

/* ---- resolving ------------------------------------------------------- */

/* The names of one given name and surname ("Donald Trump", "Donald J.
 * Trump", "Donald John Trump"). */
typedef struct group {
    int32_t rep;        /* a name of it, whose first and last words are the key */
    int32_t sig;        /* a name of it with middle names, -1 for none */
    int32_t ext;        /* the group whose given name is this one's long form */
    int32_t into;       /* the group it is one person with: itself, or ext */
    bool two_sigs;      /* middle initials that differ: two people */
    bool two_exts;      /* a short form of two given names: which? */
} group;

/* One person: a group (with its short forms), or, in a group of two
 * people, the names of one set of middle initials. */
typedef struct person {
    int32_t group, sig, best;
} person;

/* The person a surname names, or two. */
typedef struct owner {
    int32_t rep, canon;
    bool two;
} owner;

typedef struct table {
    int32_t *slot;
    size_t mask;
} table;

static bool table_make(idx *x, table *t, size_t n)
{
    size_t cap = 2;
    while (cap < 2 * n)
        cap *= 2;
    t->slot = ws_malloc(x->a, cap * sizeof *t->slot);
    if (!t->slot)
        return nomem(x);
    for (size_t k = 0; k < cap; k++)
        t->slot[k] = -1;
    t->mask = cap - 1;
    return true;
}

static size_t cp_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* The middle names of m: [*from, *to) of its text, empty for none. */
static void middles(const sname *m, size_t *from, size_t *to)
{
    *from = m->words > 2 ? m->given + 1 : 0;
    *to = m->words > 2 ? m->last - 1 : 0;
}

/* Middle names compare by their initials, so that "J." is "John"; the
 * same number of them, with the same first letters. */
static bool same_initials(const idx *x, const sname *a, const sname *b)
{
    const char *sa = name_text(x, a), *sb = name_text(x, b);
    size_t i, ea, j, eb;
    middles(a, &i, &ea);
    middles(b, &j, &eb);
    while (i < ea && j < eb) {
        size_t k = cp_len((unsigned char)sa[i]);
        if (k != cp_len((unsigned char)sb[j]) || i + k > ea || j + k > eb)
            return false;
        for (size_t q = 0; q < k; q++)
            if (fold(sa[i + q]) != fold(sb[j + q]))
                return false;
        while (i < ea && sa[i] != ' ')
            i++;
        while (j < eb && sb[j] != ' ')
            j++;
        i++;
        j++;
    }
    return i >= ea && j >= eb;
}

static uint32_t initials_hash(const idx *x, const sname *m)
{
    const char *s = name_text(x, m);
    size_t i, e;
    uint32_t h = FNV_BASIS;
    middles(m, &i, &e);
    for (bool start = true; i < e; i++) {
        if (start) {
            size_t k = cp_len((unsigned char)s[i]);
            h = hash_fold(h, s + i, k < e - i ? k : e - i) * 31u;
        }
        start = s[i] == ' ';
    }
    return h;
}

/* Is name a fuller than b: more words, then more bytes; then the bytes
 * decide, so that the choice does not follow the order of the input. */
static bool fuller(const idx *x, int32_t a, int32_t b)
{
    const sname *p = &x->names[a], *q = &x->names[b];
    if (p->words != q->words)
        return p->words > q->words;
    if (p->len != q->len)
        return p->len > q->len;
    return memcmp(name_text(x, p), name_text(x, q), p->len) < 0;
}

/* The group of given name g and surname s, else the free slot. */
static size_t group_slot(const idx *x, const table *t, const group *gs, const char *g,
                         size_t gn, const char *s, size_t sn, uint32_t h)
{
    size_t k = h & t->mask;
    for (; t->slot[k] >= 0; k = (k + 1) & t->mask) {
        const sname *r = &x->names[gs[t->slot[k]].rep];
        const char *rt = name_text(x, r);
        if (same_name(rt, r->given, g, gn) && same_name(rt + r->last, r->len - r->last, s, sn))
            return k;
    }
    return k;
}

static uint32_t group_hash(uint32_t given, const char *s, size_t sn)
{
    return mix(given, hash_fold(FNV_BASIS, s, sn));
}

/* Names of two words or more into groups of one given name and surname;
 * a group whose middle initials differ ("George W. Bush", "George H. W.
 * Bush") is two people. */
static void group_names(idx *x, group *g, table *gt, size_t *ng)
{
    for (size_t i = 0; i < x->nnames; i++) {
        sname *m = &x->names[i];
        m->link = -1;
        if (m->words < 2)
            continue;
        const char *t = name_text(x, m);
        uint32_t h = group_hash(hash_fold(FNV_BASIS, t, m->given), t + m->last, m->len - m->last);
        size_t k = group_slot(x, gt, g, t, m->given, t + m->last, m->len - m->last, h);
        if (gt->slot[k] < 0) {
            g[*ng] = (group){(int32_t)i, -1, -1, -1, false, false};
            gt->slot[k] = (int32_t)(*ng)++;
        }
        group *gr = &g[gt->slot[k]];
        m->link = gt->slot[k];
        if (m->words > 2 && gr->sig < 0)
            gr->sig = (int32_t)i;
        else if (m->words > 2 && !same_initials(x, &x->names[gr->sig], m))
            gr->two_sigs = true;
    }
}

static size_t letters_in(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* A given name cut short ("Josh" of "Joshua", "Chris" of "Christopher"),
 * with the same surname: each group looks its own given name's short
 * forms up, at most WS_INDEX_NAME_BYTES of them, so the work is linear.
 * The short form keeps three letters (fewer is too many people's) and
 * drops two at least: one letter more is most often another person's
 * name (Daniel, Daniela), as the extractor has it within a document. */
static void extend_groups(idx *x, group *g, const table *gt, size_t ng)
{
    for (size_t e = 0; e < ng; e++) {
        const sname *r = &x->names[g[e].rep];
        const char *t = name_text(x, r);
        size_t sn = r->len - r->last, letters = 0, total = letters_in(t, r->given);
        uint32_t hv = FNV_BASIS;
        for (size_t j = 0; j < r->given; j++) {
            if (((unsigned char)t[j] & 0xC0) != 0x80) {
                /* [0, j) is a whole number of letters */
                if (letters >= 3 && total >= letters + 2) {
                    size_t k = group_slot(x, gt, g, t, j, t + r->last, sn,
                                          group_hash(hv, t + r->last, sn));
                    if (gt->slot[k] >= 0) {
                        group *s = &g[gt->slot[k]];
                        if (s->ext < 0)
                            s->ext = (int32_t)e;
                        else if (s->ext != (int32_t)e)
                            s->two_exts = true;
                    }
                }
                letters++;
            }
            hv = (hv ^ fold(t[j])) * 16777619u;
        }
    }
    /* No chain: a long form's own long form would be a second long form
     * of the short one, which then stays apart. */
    for (size_t e = 0; e < ng; e++) {
        group *s = &g[e];
        s->into = (int32_t)e;
        if (s->ext < 0 || s->two_exts || s->two_sigs || g[s->ext].two_sigs)
            continue;
        if (s->sig >= 0 && g[s->ext].sig >= 0 &&
            !same_initials(x, &x->names[s->sig], &x->names[g[s->ext].sig]))
            continue;
        s->into = s->ext;
    }
}

/* Every name of two words or more to its person, and to the person's
 * fullest name. A name without middle names in a group of two people
 * ("George Bush") could be either and stays itself. */
static void join_persons(idx *x, const group *g, person *p, const table *pt)
{
    size_t np = 0;
    for (size_t i = 0; i < x->nnames; i++) {
        sname *m = &x->names[i];
        if (m->words < 2)
            continue;
        const group *gr = &g[m->link];
        int32_t key = gr->into, sig = -1;
        if (gr->two_sigs && m->words == 2) {
            m->link = -1;
            continue;
        }
        if (gr->two_sigs) {
            key = m->link;
            sig = (int32_t)i;
        }
        uint32_t h = mix((uint32_t)key * 2654435761u, sig >= 0 ? initials_hash(x, m) : 0);
        size_t k = h & pt->mask;
        for (; pt->slot[k] >= 0; k = (k + 1) & pt->mask) {
            const person *q = &p[pt->slot[k]];
            if (q->group == key && (q->sig < 0) == (sig < 0) &&
                (sig < 0 || same_initials(x, &x->names[q->sig], m)))
                break;
        }
        if (pt->slot[k] < 0) {
            p[np] = (person){key, sig, (int32_t)i};
            pt->slot[k] = (int32_t)np++;
        }
        person *q = &p[pt->slot[k]];
        if (fuller(x, (int32_t)i, q->best))
            q->best = (int32_t)i;
        m->link = pt->slot[k];
    }
    for (size_t i = 0; i < x->nnames; i++) {
        sname *m = &x->names[i];
        if (m->words >= 2)
            m->canon = m->link >= 0 ? p[m->link].best : (int32_t)i;
    }
}

static size_t owner_slot(const idx *x, const table *t, const owner *ow, const char *s, size_t n)
{
    size_t k = hash_fold(FNV_BASIS, s, n) & t->mask;
    for (; t->slot[k] >= 0; k = (k + 1) & t->mask) {
        const sname *r = &x->names[ow[t->slot[k]].rep];
        if (same_name(name_text(x, r) + r->last, r->len - r->last, s, n))
            return k;
    }
    return k;
}

/* A bare surname counts as the one person of the index who has it
 * ("Obama"), and stays itself when two have it ("Clinton" beside
 * "Hillary Clinton" and "Bill Clinton"). */
static void bare_surnames(idx *x, owner *ow, const table *ot)
{
    size_t no = 0;
    for (size_t i = 0; i < x->nnames; i++) {
        const sname *m = &x->names[i];
        if (m->words < 2)
            continue;
        size_t k = owner_slot(x, ot, ow, name_text(x, m) + m->last, m->len - m->last);
        if (ot->slot[k] < 0) {
            ow[no] = (owner){(int32_t)i, m->canon, false};
            ot->slot[k] = (int32_t)no++;
        } else if (ow[ot->slot[k]].canon != m->canon) {
            ow[ot->slot[k]].two = true;
        }
    }
    for (size_t i = 0; i < x->nnames; i++) {
        sname *m = &x->names[i];
        if (m->words != 1)
            continue;
        int32_t k = ot->slot[owner_slot(x, ot, ow, name_text(x, m), m->len)];
        if (k >= 0 && !ow[k].two)
            m->canon = ow[k].canon;
    }
}

static const char *merge_rule(const idx *x, const sname *m, const sname *c)
{
    if (m->words == 1)
        return "surname";
    if (!same_name(name_text(x, m), m->given, name_text(x, c), c->given))
        return "given";
    return "middle";
}

static int compare_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

/* The report's order: by the name counted as, so that one person's
 * names come together, then the most frequent first. */
static int compare_merge(const void *pa, const void *pb)
{
    const merge *a = pa, *b = pb;
    int c = compare_bytes(a->canon, a->canon_len, b->canon, b->canon_len);
    if (c)
        return c;
    if (a->occurrences != b->occurrences)
        return a->occurrences > b->occurrences ? -1 : 1;
    return compare_bytes(a->name, a->name_len, b->name, b->name_len);
}

static bool list_merges(idx *x)
{
    size_t n = 0;
    for (size_t i = 0; i < x->nnames; i++)
        n += x->names[i].canon != (int32_t)i;
    x->st->names_merged = n;
    if (n == 0)
        return true;
    x->merges = ws_malloc(x->a, n * sizeof *x->merges);
    if (!x->merges)
        return nomem(x);
    for (size_t i = 0; i < x->nnames; i++) {
        const sname *m = &x->names[i], *c = &x->names[m->canon];
        if (m->canon != (int32_t)i)
            x->merges[x->nmerges++] = (merge){name_text(x, m), name_text(x, c), merge_rule(x, m, c),
                                              m->len, c->len, m->occurrences};
    }
    qsort(x->merges, x->nmerges, sizeof *x->merges, compare_merge);
    return true;
}

/* After pass 1, before any vote: every held name to the name it counts
 * as. Each step is one sweep of the names through a hash table. */
static bool resolve_names(idx *x)
{
    size_t n = x->nnames;
    if (n == 0)
        return true;
    group *g = ws_malloc(x->a, n * sizeof *g);
    person *p = ws_malloc(x->a, n * sizeof *p);
    owner *ow = ws_malloc(x->a, n * sizeof *ow);
    table gt = {0}, pt = {0}, ot = {0};
    bool ok = (g && p && ow) || nomem(x);
    ok = ok && table_make(x, &gt, n) && table_make(x, &pt, n) && table_make(x, &ot, n);
    if (ok) {
        size_t ng = 0;
        group_names(x, g, &gt, &ng);
        extend_groups(x, g, &gt, ng);
        join_persons(x, g, p, &pt);
        bare_surnames(x, ow, &ot);
        ok = list_merges(x);
    }
    ws_free(x->a, gt.slot);
    ws_free(x->a, pt.slot);
    ws_free(x->a, ot.slot);
    ws_free(x->a, g);
    ws_free(x->a, p);
    ws_free(x->a, ow);
    return ok;
}

/* ===================================================================== */
/*  Pass 1: records to partitions                                        */
/* ===================================================================== */

static bool wanted(const idx *x)
{
    unsigned bit = x->type == WS_QUOTE_DIRECT ? WS_TYPE_DIRECT : WS_TYPE_INDIRECT;
    return (x->opts.types & bit) != 0;
}

static bool index_line(idx *x, const char *name, const char *s, size_t n, size_t line)
{
    if (!parse_record(x, s, n)) {
        if (x->fatal)
            return false;
        x->st->lines_bad++;
        if (x->first_bad == WS_OK) {
            x->first_bad = WS_ERR_JSON;
            ws_set_error(x->err, WS_ERR_JSON, "a line is not a whosaid record", 0);
            if (x->err)
                x->err->line = line;
            x->st->file = name;
        }
        return true;
    }
    x->st->records_read++;
    if (!wanted(x))
        return true;
    if (!normalise(x, buf_or_empty(&x->quote), x->quote.len, &x->norm))
        return false;
    if (x->norm.len == 0)
        return true; /* punctuation only: nothing to find again */
    if (!record_item(x) ||
        (x->has_speaker && !note_name(x, buf_or_empty(&x->speaker), x->speaker.len)))
        return false;
    x->st->records_indexed++;
    uint32_t key = item_key(x->norm.data, x->norm.len, 2);
    if ((x->st->records_indexed & 0xFFFF) == 0)
        progress(x);
    return write_bytes(x, x->parts[partition_of(x, key)], x->item.data, x->item.len);
}

/* Lines of one input; a line over WS_INDEX_MAX_LINE_BYTES is skipped as
 * bad without being held. */
static bool read_input(idx *x, const char *name, FILE *f)
{
    char *chunk = ws_malloc(x->a, WS_INDEX_READ_CHUNK);
    ws_buf line = {0};
    bool ok = chunk != NULL || nomem(x), skipping = false;
    size_t lineno = 1, got;
    while (ok && (got = fread(chunk, 1, WS_INDEX_READ_CHUNK, f)) > 0) {
        x->st->bytes_read += got;
        size_t from = 0;
        for (size_t i = 0; ok && i <= got; i++) {
            if (i < got && chunk[i] != '\n')
                continue;
            size_t piece = i - from;
            if (!skipping && line.len + piece > WS_INDEX_MAX_LINE_BYTES)
                skipping = true;
            if (!skipping && !ws_buf_append(x->a, &line, chunk + from, piece))
                ok = nomem(x);
            if (i < got) {
                if (ok && !skipping && line.len)
                    ok = index_line(x, name, line.data, line.len, lineno);
                else if (skipping)
                    x->st->lines_bad++;
                line.len = 0;
                skipping = false;
                lineno++;
            }
            from = i + 1;
        }
    }
    if (ok && ferror(f))
        ok = fail_on(x, name, WS_ERR_IO, ws_io_message(WS_IO_READ_INPUT, errno));
    if (ok && line.len && !skipping)
        ok = index_line(x, name, line.data, line.len, lineno);
    ws_buf_free(x->a, &line);
    ws_free(x->a, chunk);
    return ok;
}

static bool read_inputs(idx *x, const char *const *inputs, size_t n)
{
    x->st->pass = 1;
    progress(x);
    for (size_t k = 0; k < n; k++) {
        bool is_stdin = strcmp(inputs[k], "-") == 0;
        const char *name = is_stdin ? "stdin" : inputs[k];
        FILE *f = is_stdin ? stdin : fopen(inputs[k], "rb");
        if (!f)
            return fail_on(x, name, WS_ERR_IO, ws_io_message(WS_IO_OPEN_INPUT, errno));
        bool ok = read_input(x, name, f);
        if (!is_stdin)
            fclose(f);
        if (!ok)
            return false;
    }
    return true;
}

/* ===================================================================== */
/*  Merging                                                              */
/* ===================================================================== */

static int compare_items(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->norm_len != b->norm_len)
        return a->norm_len > b->norm_len ? -1 : 1; /* the longest first */
    int c = memcmp(a->norm, b->norm, a->norm_len);
    if (c)
        return c;
    /* The same text: in the order read (rep points into the partition's
     * bytes), as qsort need not keep it; so the entries and their
     * occurrences come out alike whatever the partitioning. */
    return (a->rep > b->rep) - (a->rep < b->rep);
}

static int compare_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return a < b ? -1 : a > b;
}

/* The sorted distinct hashes of an item's word trigrams into *out. */
static bool trigrams(idx *x, const item *it, uint32_t **dst, size_t *cap, size_t *n)
{
    if (!grow(x, (void **)dst, cap, it->words, sizeof **dst))
        return false;
    size_t starts[3] = {0, 0, 0}, seen = 0, word = 0;
    *n = 0;
    for (size_t i = 0; i <= it->norm_len; i++) {
        if (i < it->norm_len && it->norm[i] != ' ')
            continue;
        starts[seen++ % 3] = word; /* the word [word, i) */
        if (seen >= 3) {
            size_t from = starts[(seen - 3) % 3];
            (*dst)[(*n)++] = hash32(it->norm + from, i - from);
        }
        word = i + 1;
    }
    qsort(*dst, *n, sizeof **dst, compare_u32);
    size_t u = 0;
    for (size_t k = 0; k < *n; k++)
        if (u == 0 || (*dst)[u - 1] != (*dst)[k])
            (*dst)[u++] = (*dst)[k];
    *n = u;
    return true;
}

/* Word-trigram Jaccard similarity of a and b at least
 * WS_INDEX_SIMILARITY percent. */
static bool similar(idx *x, const item *a, const item *b, bool *yes)
{
    size_t na, nb, i = 0, j = 0, common = 0;
    *yes = false;
    if (!trigrams(x, a, &x->sh_a, &x->cap_a, &na) || !trigrams(x, b, &x->sh_b, &x->cap_b, &nb))
        return false;
    while (i < na && j < nb) {
        if (x->sh_a[i] == x->sh_b[j]) {
            common++;
            i++;
            j++;
        } else if (x->sh_a[i] < x->sh_b[j]) {
            i++;
        } else {
            j++;
        }
    }
    size_t all = na + nb - common;
    *yes = all > 0 && common * 100 >= all * WS_INDEX_SIMILARITY;
    return true;
}

/* Is b (no longer than a, with the same key) the same quotation as a? */
static bool same_quotation(idx *x, const item *a, const item *b, bool *yes)
{
    *yes = a->norm_len == b->norm_len && memcmp(a->norm, b->norm, a->norm_len) == 0;
    if (*yes || b->words < WS_INDEX_KEY_WORDS)
        return true;
    /* cut short: in pass 2 the items share their first words, so b is a
     * prefix; in pass 3 their last words, so a suffix */
    size_t n = b->norm_len;
    if (a->norm_len > n && x->pass == 2 && memcmp(a->norm, b->norm, n) == 0 && a->norm[n] == ' ')
        *yes = true;
    if (a->norm_len > n && x->pass == 3 && memcmp(a->norm + a->norm_len - n, b->norm, n) == 0 &&
        a->norm[a->norm_len - n - 1] == ' ')
        *yes = true;
    if (*yes || a->words < WS_INDEX_KEY_WORDS)
        return true;
    return similar(x, a, b, yes);
}

/* The cluster of items[first..end) that item k joins: an existing head
 * (at most WS_INDEX_MAX_CANDIDATES are compared), or itself. */
static bool place_item(idx *x, size_t nheads, size_t k, int32_t *tail, size_t *heads_out)
{
    item *it = &x->items[k];
    bool yes = false;
    size_t h = nheads;
    if (nheads) {
        /* identical texts sort next to each other: the latest head first */
        if (!same_quotation(x, &x->items[x->heads[nheads - 1]], it, &yes))
            return false;
        h = yes ? nheads - 1 : nheads;
    }
    for (size_t c = 0; !yes && c < nheads && c < WS_INDEX_MAX_CANDIDATES; c++) {
        if (!same_quotation(x, &x->items[x->heads[c]], it, &yes))
            return false;
        h = yes ? c : nheads;
    }
    if (yes) {
        x->items[tail[h]].next = (int32_t)k;
        tail[h] = (int32_t)k;
        *heads_out = nheads;
        return true;
    }
    if (!grow(x, (void **)&x->heads, &x->capheads, nheads + 1, sizeof *x->heads))
        return false;
    x->heads[nheads] = (int32_t)k;
    tail[nheads] = (int32_t)k;
    *heads_out = nheads + 1;
    return true;
}

/* ===================================================================== */
/*  Writing merged items                                                 */
/* ===================================================================== */

static uint32_t cluster_occurrences(const idx *x, int32_t head, uint32_t *bytes)
{
    uint32_t n = 0;
    *bytes = 0;
    for (int32_t k = head; k >= 0; k = x->items[k].next) {
        n += x->items[k].nocc;
        *bytes += x->items[k].occ_len;
    }
    return n;
}

/* A cluster as one item, to a partition of the next pass. */
static bool write_cluster(idx *x, int32_t head, FILE *f)
{
    const item *h = &x->items[head];
    uint32_t bytes, nocc = cluster_occurrences(x, head, &bytes);
    uint32_t body = 4 + 4 + h->rep_len + 4 + h->norm_len + 4 + bytes;
    uint32_t hdr[3] = {body, nocc, h->rep_len};
    if (!write_bytes(x, f, hdr, sizeof hdr) || !write_bytes(x, f, h->rep, h->rep_len) ||
        !write_bytes(x, f, &h->norm_len, 4) || !write_bytes(x, f, h->norm, h->norm_len) ||
        !write_bytes(x, f, &bytes, 4))
        return false;
    for (int32_t k = head; k >= 0; k = x->items[k].next)
        if (!write_bytes(x, f, x->items[k].occ, x->items[k].occ_len))
            return false;
    return true;
}

/* One occurrence read back. */
typedef struct occurrence {
    int type;
    uint64_t start, end;
    ws_str doc, url, date, speaker;
    bool has_speaker, has_url, has_date;
} occurrence;

static const char *get_str(const char *p, ws_str *s, bool *present)
{
    uint32_t n = get_u32(p);
    *present = n != NO_STR;
    s->ptr = p + 4;
    s->len = *present ? n : 0;
    return p + 4 + s->len;
}

static const char *get_occurrence(const char *p, occurrence *o)
{
    bool doc_present;
    o->type = (unsigned char)p[0];
    o->start = get_u64(p + 1);
    o->end = get_u64(p + 9);
    p = get_str(p + 17, &o->doc, &doc_present);
    p = get_str(p, &o->url, &o->has_url);
    p = get_str(p, &o->date, &o->has_date);
    return get_str(p, &o->speaker, &o->has_speaker);
}

/* ===================================================================== */
/*  Entries: the vote and the output                                     */
/* ===================================================================== */

/* Is the short name the last words of the long one ("Trump", "Donald
 * Trump")? */
static bool surname_of(const vote *s, const vote *l)
{
    return s->len < l->len && l->name[l->len - s->len - 1] == ' ' &&
           same_name(s->name, s->len, l->name + l->len - s->len, s->len);
}

typedef struct tallied {
    size_t nvotes;
    uint64_t nulls, others, total;
    int32_t winner; /* a vote index, -1 for none */
} tallied;

/* Count the occurrences' speakers, each as the name it was merged into
 * across the index (up to WS_INDEX_MAX_VOTES distinct names; the rest
 * count as others), and give a surname's votes to the fuller name it
 * ends: within one quotation "Clinton" is the Clinton quoted beside it,
 * whom the index as a whole could not tell. */
static bool count_votes(idx *x, int32_t head, tallied *t)
{
    memset(t, 0, sizeof *t);
    t->winner = -1;
    if (!grow(x, (void **)&x->votes, &x->capvotes, WS_INDEX_MAX_VOTES, sizeof *x->votes))
        return false;
    for (int32_t k = head; k >= 0; k = x->items[k].next) {
        const char *p = x->items[k].occ;
        for (uint32_t i = 0; i < x->items[k].nocc; i++) {
            occurrence o;
            p = get_occurrence(p, &o);
            t->total++;
            if (!o.has_speaker) {
                t->nulls++;
                continue;
            }
            const char *sp = o.speaker.ptr;
            uint32_t sl = (uint32_t)o.speaker.len;
            counted_name(x, &sp, &sl);
            size_t v = 0;
            while (v < t->nvotes && !same_name(x->votes[v].name, x->votes[v].len, sp, sl))
                v++;
            if (v == t->nvotes && v == WS_INDEX_MAX_VOTES) {
                t->others++;
                continue;
            }
            if (v == t->nvotes)
                x->votes[t->nvotes++] = (vote){sp, sl, 0};
            x->votes[v].count++;
        }
    }
    for (size_t s = 0; s < t->nvotes; s++)
        for (size_t l = 0; l < t->nvotes; l++)
            if (x->votes[s].count && surname_of(&x->votes[s], &x->votes[l])) {
                x->votes[l].count += x->votes[s].count;
                x->votes[s].count = 0;
                break;
            }
    for (size_t v = 0; v < t->nvotes; v++)
        if (x->votes[v].count && (t->winner < 0 || x->votes[v].count > x->votes[t->winner].count))
            t->winner = (int32_t)v;
    return true;
}

static int compare_str(const void *pa, const void *pb)
{
    const ws_str *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->ptr, b->ptr, n);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static bool count_documents(idx *x, int32_t head, uint64_t nocc, uint64_t *docs)
{
    if (!grow(x, (void **)&x->docs, &x->capdocs, nocc, sizeof *x->docs))
        return false;
    size_t n = 0;
    for (int32_t k = head; k >= 0; k = x->items[k].next) {
        const char *p = x->items[k].occ;
        for (uint32_t i = 0; i < x->items[k].nocc; i++) {
            occurrence o;
            p = get_occurrence(p, &o);
            x->docs[n++] = o.doc;
        }
    }
    qsort(x->docs, n, sizeof *x->docs, compare_str);
    *docs = 0;
    for (size_t k = 0; k < n; k++)
        *docs += k == 0 || compare_str(&x->docs[k - 1], &x->docs[k]) != 0;
    return true;
}

static void out_hex64(out *o, uint64_t v)
{
    static const char hex[] = "0123456789abcdef";
    char s[16];
    for (int k = 15; k >= 0; k--, v >>= 4)
        s[k] = hex[v & 15];
    out_bytes(o, s, sizeof s);
}

static uint64_t hash64(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* p as a JSON number with four decimals. */
static void out_share(out *o, uint64_t part, uint64_t whole)
{
    uint64_t tenk = whole ? (part * 10000 + whole / 2) / whole : 0;
    out_size(o, tenk / 10000);
    char d[5] = {'.', (char)('0' + tenk / 1000 % 10), (char)('0' + tenk / 100 % 10),
                 (char)('0' + tenk / 10 % 10), (char)('0' + tenk % 10)};
    out_bytes(o, d, sizeof d);
}

static void out_probas(idx *x, const tallied *t)
{
    out *o = x->o;
    bool first = true;
    OUT_LITERAL(o, ",\"probas\":[");
    for (size_t v = 0; v < t->nvotes; v++) {
        if (!x->votes[v].count)
            continue;
        if (!first)
            OUT_LITERAL(o, ",");
        OUT_LITERAL(o, "{\"speaker\":");
        first = false;
        out_string(o, x->votes[v].name, x->votes[v].len);
        OUT_LITERAL(o, ",\"p\":");
        out_share(o, x->votes[v].count, t->total);
        OUT_LITERAL(o, "}");
    }
    if (t->nulls) {
        if (!first)
            OUT_LITERAL(o, ",");
        OUT_LITERAL(o, "{\"speaker\":null,\"p\":");
        out_share(o, t->nulls, t->total);
        OUT_LITERAL(o, "}");
    }
    OUT_LITERAL(o, "]");
}

static void out_occurrence(out *o, const occurrence *oc)
{
    OUT_LITERAL(o, "{\"doc\":");
    out_string(o, oc->doc.ptr, oc->doc.len);
    OUT_LITERAL(o, ",\"start\":");
    out_size(o, (size_t)oc->start);
    OUT_LITERAL(o, ",\"end\":");
    out_size(o, (size_t)oc->end);
    if (oc->type == WS_QUOTE_DIRECT)
        OUT_LITERAL(o, ",\"type\":\"direct\",\"speaker\":");
    else
        OUT_LITERAL(o, ",\"type\":\"indirect\",\"speaker\":");
    if (oc->has_speaker)
        out_string(o, oc->speaker.ptr, oc->speaker.len);
    else
        OUT_LITERAL(o, "null");
    if (oc->has_url) {
        OUT_LITERAL(o, ",\"url\":");
        out_string(o, oc->url.ptr, oc->url.len);
    }
    if (oc->has_date) {
        OUT_LITERAL(o, ",\"date\":");
        out_string(o, oc->date.ptr, oc->date.len);
    }
    OUT_LITERAL(o, "}");
}

static void out_entry(idx *x, int32_t head, const tallied *t, uint64_t docs)
{
    out *o = x->o;
    const item *h = &x->items[head];
    OUT_LITERAL(o, "{\"quoteID\":\"");
    out_hex64(o, hash64(h->norm, h->norm_len));
    OUT_LITERAL(o, "\",\"quotation\":");
    out_string(o, h->rep, h->rep_len);
    OUT_LITERAL(o, ",\"speaker\":");
    if (t->winner >= 0)
        out_string(o, x->votes[t->winner].name, x->votes[t->winner].len);
    else
        OUT_LITERAL(o, "null");
    out_probas(x, t);
    OUT_LITERAL(o, ",\"numOccurrences\":");
    out_size(o, (size_t)t->total);
    OUT_LITERAL(o, ",\"numDocuments\":");
    out_size(o, (size_t)docs);
    OUT_LITERAL(o, ",\"occurrences\":[");
    bool first = true;
    for (int32_t k = head; k >= 0; k = x->items[k].next) {
        const char *p = x->items[k].occ;
        for (uint32_t i = 0; i < x->items[k].nocc; i++) {
            occurrence oc;
            p = get_occurrence(p, &oc);
            if (!first)
                OUT_LITERAL(o, ",");
            first = false;
            out_occurrence(o, &oc);
        }
    }
    OUT_LITERAL(o, "]}\n");
}

/* ===================================================================== */
/*  The corpus figures: top speakers, most repeated quotations           */
/* ===================================================================== */

static void rebuild_slots(idx *x)
{
    for (size_t k = 0; k < 2 * WS_INDEX_SPEAKERS_TRACKED; k++)
        x->slots[k] = -1;
    for (size_t t = 0; t < x->ntallies; t++) {
        uint32_t h = hash32(x->tallies[t].name.data, x->tallies[t].name.len);
        size_t k = h & (2 * WS_INDEX_SPEAKERS_TRACKED - 1);
        while (x->slots[k] >= 0)
            k = (k + 1) & (2 * WS_INDEX_SPEAKERS_TRACKED - 1);
        x->slots[k] = (int32_t)t;
    }
}

/* Misra-Gries: a full table takes one from every count and lets go of
 * those at zero. Each such round pays for the WS_INDEX_SPEAKERS_TRACKED
 * entries counted before it, so the work stays linear. */
static void decrement_all(idx *x)
{
    size_t kept = 0;
    x->tallies_exact = false;
    for (size_t t = 0; t < x->ntallies; t++) {
        if (--x->tallies[t].weight == 0) {
            ws_buf_free(x->a, &x->tallies[t].name);
            continue;
        }
        x->tallies[kept++] = x->tallies[t];
    }
    x->ntallies = kept;
    rebuild_slots(x);
}

static bool tally_speaker(idx *x, const char *name, size_t len, uint64_t occurrences)
{
    uint32_t h = hash32(name, len);
    size_t k = h & (2 * WS_INDEX_SPEAKERS_TRACKED - 1);
    for (; x->slots[k] >= 0; k = (k + 1) & (2 * WS_INDEX_SPEAKERS_TRACKED - 1)) {
        tally *t = &x->tallies[x->slots[k]];
        if (t->name.len == len && memcmp(t->name.data, name, len) == 0) {
            t->weight++;
            t->quotations++;
            t->occurrences += occurrences;
            return true;
        }
    }
    if (x->ntallies == WS_INDEX_SPEAKERS_TRACKED) {
        decrement_all(x);
        return true;
    }
    tally *t = &x->tallies[x->ntallies];
    memset(t, 0, sizeof *t);
    if (!ws_buf_append(x->a, &t->name, name, len))
        return nomem(x);
    t->weight = t->quotations = 1;
    t->occurrences = occurrences;
    x->slots[k] = (int32_t)x->ntallies++;
    return true;
}

static bool better_top(const top *t, uint64_t docs, uint64_t occ)
{
    return docs > t->docs || (docs == t->docs && occ > t->occurrences);
}

/* Keep the WS_INDEX_TOP entries found in the most documents. */
static bool keep_top(idx *x, int32_t head, const tallied *tl, uint64_t docs)
{
    size_t slot = x->ntops;
    if (x->ntops == WS_INDEX_TOP) {
        slot = 0;
        for (size_t k = 1; k < x->ntops; k++)
            if (better_top(&x->tops[slot], x->tops[k].docs, x->tops[k].occurrences))
                slot = k;
        if (!better_top(&x->tops[slot], docs, tl->total))
            return true;
    } else {
        x->ntops++;
    }
    top *t = &x->tops[slot];
    const item *h = &x->items[head];
    char id[17];
    snprintf(id, sizeof id, "%016llx", (unsigned long long)hash64(h->norm, h->norm_len));
    t->quote.len = t->speaker.len = t->id.len = 0;
    t->has_speaker = tl->winner >= 0;
    t->docs = docs;
    t->occurrences = tl->total;
    return (ws_buf_append(x->a, &t->quote, h->rep, h->rep_len) &&
            ws_buf_append(x->a, &t->id, id, 16) &&
            (!t->has_speaker || ws_buf_append(x->a, &t->speaker, x->votes[tl->winner].name,
                                              x->votes[tl->winner].len))) ||
           nomem(x);
}

static bool emit_entry(idx *x, int32_t head)
{
    tallied t;
    uint64_t docs;
    if (!count_votes(x, head, &t) || !count_documents(x, head, t.total, &docs))
        return false;
    out_entry(x, head, &t, docs);
    x->st->entries++;
    x->st->repeated += docs > 1;
    if (t.winner >= 0 &&
        !tally_speaker(x, x->votes[t.winner].name, x->votes[t.winner].len, t.total))
        return false;
    if (x->o->failed)
        return fail_on(x, x->output, WS_ERR_IO, "cannot write the index");
    return keep_top(x, head, &t, docs);
}

/* ===================================================================== */
/*  Passes 2 and 3                                                       */
/* ===================================================================== */

/* Merge the items of one partition, group by group of equal keys. */
static bool merge_items(idx *x, size_t n)
{
    if (n)
        qsort(x->items, n, sizeof *x->items, compare_items);
    int32_t *tail = NULL;
    size_t captail = 0;
    bool ok = true;
    for (size_t g = 0; ok && g < n;) {
        size_t e = g, nheads = 0;
        while (e < n && x->items[e].key == x->items[g].key)
            e++;
        ok = grow(x, (void **)&tail, &captail, e - g, sizeof *tail);
        for (size_t k = g; ok && k < e; k++)
            ok = place_item(x, nheads, k, tail, &nheads);
        for (size_t h = 0; ok && h < nheads; h++) {
            int32_t head = x->heads[h];
            if (x->pass == 2) {
                const item *it = &x->items[head];
                uint32_t key = item_key(it->norm, it->norm_len, 3);
                ok = write_cluster(x, head, x->parts[partition_of(x, key)]);
            } else {
                ok = emit_entry(x, head);
            }
        }
        g = e;
    }
    ws_free(x->a, tail);
    return ok;
}

static bool merge_pass(idx *x, unsigned pass)
{
    x->pass = pass;
    x->st->pass = pass;
    if (pass == 2 && !open_parts(x, 3))
        return false;
    for (unsigned k = 0; k < x->nparts; k++) {
        size_t len, n;
        char *data = load_part(x, pass, k, &len);
        bool ok = data && parse_items(x, data, len, &n) && merge_items(x, n);
        ws_free(x->a, data);
        progress(x);
        if (!ok)
            return false;
    }
    return pass != 2 || close_parts(x);
}

/* ===================================================================== */
/*  The corpus page                                                      */
/* ===================================================================== */

static int compare_tally(const void *pa, const void *pb)
{
    const tally *a = pa, *b = pb;
    if (a->quotations != b->quotations)
        return a->quotations > b->quotations ? -1 : 1;
    return a->occurrences > b->occurrences ? -1 : a->occurrences < b->occurrences;
}

static int compare_top(const void *pa, const void *pb)
{
    const top *a = pa, *b = pb;
    return better_top(a, b->docs, b->occurrences) ? 1 : better_top(b, a->docs, a->occurrences) ? -1 : 0;
}

static void out_html_buf(out *o, const ws_buf *b)
{
    out_html(o, buf_or_empty(b), b->len);
}

static void page_speakers(idx *x, out *o)
{
    qsort(x->tallies, x->ntallies, sizeof *x->tallies, compare_tally);
    OUT_LITERAL(o, "<section><h2>Top speakers</h2>\n<table id=\"speakers\"><tr><th>speaker</th>"
                   "<th>quotations</th><th>occurrences</th></tr>\n");
    for (size_t k = 0; k < x->ntallies && k < WS_INDEX_TOP; k++) {
        const tally *t = &x->tallies[k];
        OUT_LITERAL(o, "<tr data-speaker=\"");
        out_html_buf(o, &t->name);
        OUT_LITERAL(o, "\"><td><span class=\"sw\" style=\"background:hsl(");
        out_size(o, out_colour_hue(buf_or_empty(&t->name), t->name.len));
        OUT_LITERAL(o, ",70%,70%)\"></span>");
        out_html_buf(o, &t->name);
        OUT_LITERAL(o, "</td><td>");
        out_size(o, (size_t)t->quotations);
        OUT_LITERAL(o, "</td><td>");
        out_size(o, (size_t)t->occurrences);
        OUT_LITERAL(o, "</td></tr>\n");
    }
    OUT_LITERAL(o, "</table>");
    if (!x->tallies_exact)
        OUT_LITERAL(o, "<p class=\"note\">More distinct speakers than the table holds: the "
                       "counts are lower bounds (Misra-Gries).</p>");
    OUT_LITERAL(o, "</section>\n");
}

static void page_quotations(idx *x, out *o)
{
    qsort(x->tops, x->ntops, sizeof *x->tops, compare_top);
    OUT_LITERAL(o, "<section><h2>Most repeated quotations</h2>\n<ol id=\"quotations\">\n");
    for (size_t k = 0; k < x->ntops; k++) {
        const top *t = &x->tops[k];
        OUT_LITERAL(o, "<li data-quote-id=\"");
        out_html_buf(o, &t->id);
        OUT_LITERAL(o, "\" data-documents=\"");
        out_size(o, (size_t)t->docs);
        OUT_LITERAL(o, "\"><q>");
        out_html_buf(o, &t->quote);
        OUT_LITERAL(o, "</q><div class=\"meta\">");
        if (t->has_speaker)
            out_html_buf(o, &t->speaker);
        else
            OUT_LITERAL(o, "(no speaker)");
        OUT_LITERAL(o, " \xE2\x80\x94 ");
        out_size(o, (size_t)t->docs);
        OUT_LITERAL(o, " documents, ");
        out_size(o, (size_t)t->occurrences);
        OUT_LITERAL(o, " occurrences</div></li>\n");
    }
    OUT_LITERAL(o, "</ol></section>\n");
}

/* What the merging did, for a reader to check it: every name counted as
 * another, why, and how many records it speaks. */
static void page_merges(idx *x, out *o)
{
    OUT_LITERAL(o, "<section><h2>Merged speaker names</h2>\n");
    if (x->nmerges == 0) {
        OUT_LITERAL(o, "<p>No speaker names merged.</p>\n");
    } else {
        OUT_LITERAL(o, "<p>");
        out_size(o, x->nmerges);
        OUT_LITERAL(o, " names counted as another name of the same person, in the votes and "
                       "the speakers above: <i>surname</i>, a bare surname that only that "
                       "person has; <i>middle</i>, the same given name and surname; "
                       "<i>given</i>, a short form of the given name.</p>\n"
                       "<table id=\"merged\"><tr><th>name</th><th>counted as</th><th>rule</th>"
                       "<th>occurrences</th></tr>\n");
        for (size_t k = 0; k < x->nmerges; k++) {
            const merge *m = &x->merges[k];
            OUT_LITERAL(o, "<tr data-name=\"");
            out_html(o, m->name, m->name_len);
            OUT_LITERAL(o, "\" data-speaker=\"");
            out_html(o, m->canon, m->canon_len);
            OUT_LITERAL(o, "\" data-rule=\"");
            out_bytes(o, m->rule, strlen(m->rule));
            OUT_LITERAL(o, "\"><td>");
            out_html(o, m->name, m->name_len);
            OUT_LITERAL(o, "</td><td>");
            out_html(o, m->canon, m->canon_len);
            OUT_LITERAL(o, "</td><td>");
            out_bytes(o, m->rule, strlen(m->rule));
            OUT_LITERAL(o, "</td><td>");
            out_size(o, (size_t)m->occurrences);
            OUT_LITERAL(o, "</td></tr>\n");
        }
        OUT_LITERAL(o, "</table>");
    }
    if (x->st->names_untracked) {
        OUT_LITERAL(o, "<p class=\"note\">More distinct speaker names than the name table "
                       "holds (");
        out_size(o, (size_t)x->st->names);
        OUT_LITERAL(o, "): the speakers of ");
        out_size(o, (size_t)x->st->names_untracked);
        OUT_LITERAL(o, " records were not merged.</p>");
    }
    OUT_LITERAL(o, "</section>\n");
}

static int write_file(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

/* Every file the index writes (-o, --html, --merged) goes to a temporary
 * in its directory and takes its name only once complete (files.c): an
 * interrupted or failed run never leaves a partial file under the name,
 * nor truncates what was there. The FILE works on a duplicate of the
 * temporary's descriptor; the outfile syncs and renames. */
static FILE *open_output(idx *x, const char *name, ws_outfile *of)
{
    int e = ws_outfile_open(of, name, x->a);
    if (e) {
        errno = e;
        return NULL;
    }
    int fd = dup(of->fd);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        e = errno;
        if (fd >= 0)
            close(fd);
        ws_outfile_discard(of, x->a);
        errno = e;
    }
    return f;
}

/* An output that could not be opened: out of memory, or an I/O error. */
static bool fail_open(idx *x, const char *name)
{
    if (errno == ENOMEM)
        return fail_on(x, name, WS_ERR_NOMEM, "out of memory");
    return fail_on(x, name, WS_ERR_IO, ws_io_message(WS_IO_OPEN_OUTPUT, errno));
}

static bool close_output(idx *x, FILE *f, ws_outfile *of, bool ok)
{
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        ws_outfile_discard(of, x->a);
        return false;
    }
    return ws_outfile_commit(of, x->a) == 0;
}

static bool write_page(idx *x)
{
    ws_outfile of;
    FILE *f = open_output(x, x->opts.html, &of);
    if (!f)
        return fail_open(x, x->opts.html);
    out o;
    out_init(&o, write_file, f);
    OUT_LITERAL(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>whosaid: quotation index</title>\n<style>\n"
                    "body{font:15px/1.5 sans-serif;margin:24px;color:#222;max-width:70em}\n"
                    "table{border-collapse:collapse}td,th{padding:3px 10px;text-align:left;"
                    "border-bottom:1px solid #ddd}\n"
                    ".sw{display:inline-block;width:10px;height:10px;margin-right:6px}\n"
                    "q{font-family:Georgia,serif}.meta{color:#555;font-size:13px}\n"
                    "li{margin-bottom:10px}.note{color:#a00}\n</style>\n</head>\n<body>\n"
                    "<h1>Quotation index</h1>\n<p>");
    out_size(&o, (size_t)x->st->entries);
    OUT_LITERAL(&o, " quotations from ");
    out_size(&o, (size_t)x->st->records_indexed);
    OUT_LITERAL(&o, " records; ");
    out_size(&o, (size_t)x->st->repeated);
    OUT_LITERAL(&o, " found in two documents or more.</p>\n");
    page_speakers(x, &o);
    page_merges(x, &o);
    page_quotations(x, &o);
    OUT_LITERAL(&o, "</body>\n</html>\n");
    out_flush(&o);
    return close_output(x, f, &of, !o.failed) ||
           fail_on(x, x->opts.html, WS_ERR_IO, "cannot write the HTML page");
}

/* The merged names as JSON lines, for a program to check or undo them. */
static bool write_merged(idx *x)
{
    ws_outfile of;
    FILE *f = open_output(x, x->opts.merged, &of);
    if (!f)
        return fail_open(x, x->opts.merged);
    out o;
    out_init(&o, write_file, f);
    for (size_t k = 0; k < x->nmerges; k++) {
        const merge *m = &x->merges[k];
        OUT_LITERAL(&o, "{\"name\":");
        out_string(&o, m->name, m->name_len);
        OUT_LITERAL(&o, ",\"speaker\":");
        out_string(&o, m->canon, m->canon_len);
        OUT_LITERAL(&o, ",\"rule\":\"");
        out_bytes(&o, m->rule, strlen(m->rule));
        OUT_LITERAL(&o, "\",\"occurrences\":");
        out_size(&o, (size_t)m->occurrences);
        OUT_LITERAL(&o, "}\n");
    }
    out_flush(&o);
    return close_output(x, f, &of, !o.failed) ||
           fail_on(x, x->opts.merged, WS_ERR_IO, "cannot write the merged names");
}

/* ===================================================================== */
/*  The API                                                              */
/* ===================================================================== */

void ws_index_options_init(ws_index_options *opts)
{
    if (opts) {
        memset(opts, 0, sizeof *opts);
        opts->types = WS_TYPE_DIRECT;
    }
}

static uint64_t input_size(const char *const *inputs, size_t n)
{
    uint64_t total = 0;
    for (size_t k = 0; k < n; k++) {
        struct stat sb;
        if (strcmp(inputs[k], "-") == 0 || stat(inputs[k], &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
        total += (uint64_t)sb.st_size;
    }
    return total;
}

/* Enough partitions for one, with its items, to fit in opts->memory. */
static unsigned partitions_for(uint64_t total, size_t memory)
{
    if (total == 0)
        return WS_INDEX_MAX_PARTITIONS / 4; /* standard input: size unknown */
    uint64_t p = total * 2 / memory + 1;
    return p > WS_INDEX_MAX_PARTITIONS ? WS_INDEX_MAX_PARTITIONS : (unsigned)p;
}

static bool make_dir(idx *x)
{
    const char *base = x->opts.tmpdir ? x->opts.tmpdir : getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    int n = snprintf(x->dir, sizeof x->dir, "%s/whosaid-index-XXXXXX", base);
    if (n < 0 || (size_t)n >= sizeof x->dir || !mkdtemp(x->dir)) {
        x->dir[0] = '\0';
        return fail_on(x, base, WS_ERR_IO, "cannot create a temporary directory in it");
    }
    return true;
}

static void remove_dir(idx *x)
{
    if (!x->dir[0])
        return;
    for (unsigned pass = 2; pass <= 3; pass++)
        for (unsigned k = 0; k < x->nparts; k++) {
            char name[4200];
            part_name(x, pass, k, name, sizeof name);
            remove(name);
        }
    rmdir(x->dir);
}

static bool set_up(idx *x, const char *const *inputs, size_t n)
{
    x->st->bytes_total = input_size(inputs, n);
    x->nparts = partitions_for(x->st->bytes_total, x->opts.memory);
    x->st->partitions = x->nparts;
    x->tallies_exact = true;
    x->parts = ws_malloc(x->a, x->nparts * sizeof *x->parts);
    if (x->parts)
        memset(x->parts, 0, x->nparts * sizeof *x->parts);
    x->tops = ws_malloc(x->a, WS_INDEX_TOP * sizeof *x->tops);
    if (x->tops)
        memset(x->tops, 0, WS_INDEX_TOP * sizeof *x->tops);
    x->tallies = ws_malloc(x->a, WS_INDEX_SPEAKERS_TRACKED * sizeof *x->tallies);
    x->slots = ws_malloc(x->a, 2 * WS_INDEX_SPEAKERS_TRACKED * sizeof *x->slots);
    x->name_slots = ws_malloc(x->a, 2 * (size_t)WS_INDEX_NAMES_CAP * sizeof *x->name_slots);
    if (!x->parts || !x->tallies || !x->slots || !x->tops || !x->name_slots)
        return nomem(x);
    for (size_t k = 0; k < 2 * (size_t)WS_INDEX_NAMES_CAP; k++)
        x->name_slots[k] = -1;
    if (!ws_lexicon_init(&x->lex, x->a))
        return nomem(x);
    x->has_lex = true;
    rebuild_slots(x);
    return make_dir(x) && open_parts(x, 2);
}

static void tear_down(idx *x)
{
    if (x->parts)
        for (unsigned k = 0; k < x->nparts; k++)
            if (x->parts[k])
                fclose(x->parts[k]);
    remove_dir(x);
    if (x->has_lex)
        ws_lexicon_free(&x->lex, x->a);
    ws_buf *bufs[] = {&x->scratch, &x->norm, &x->item, &x->doc, &x->url,
                      &x->date, &x->speaker, &x->quote, &x->key, &x->arena};
    for (size_t k = 0; k < sizeof bufs / sizeof bufs[0]; k++)
        ws_buf_free(x->a, bufs[k]);
    for (size_t t = 0; x->tallies && t < x->ntallies; t++)
        ws_buf_free(x->a, &x->tallies[t].name);
    for (size_t t = 0; x->tops && t < x->ntops; t++) {
        ws_buf_free(x->a, &x->tops[t].quote);
        ws_buf_free(x->a, &x->tops[t].speaker);
        ws_buf_free(x->a, &x->tops[t].id);
    }
    void *arrays[] = {x->parts, x->items, x->heads, x->sh_a, x->sh_b, x->votes,
                      x->docs, x->tallies, x->slots, x->tops, x->names, x->name_slots,
                      x->merges};
    for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
        ws_free(x->a, arrays[k]);
}

static bool run(idx *x, const char *const *inputs, size_t n, FILE *outf)
{
    out *o = ws_malloc(x->a, sizeof *o);
    if (!o)
        return nomem(x);
    out_init(o, write_file, outf);
    x->o = o;
    bool ok = set_up(x, inputs, n) && read_inputs(x, inputs, n) && close_parts(x) &&
              resolve_names(x) && merge_pass(x, 2) && merge_pass(x, 3);
    out_flush(o);
    if (ok && o->failed)
        ok = fail_on(x, x->output, WS_ERR_IO, "cannot write the index");
    ws_free(x->a, o);
    x->o = NULL;
    return ok && (!x->opts.html || write_page(x)) && (!x->opts.merged || write_merged(x));
}

ws_status ws_index_build(const char *const *inputs, size_t n_inputs, const char *output,
                         const ws_index_options *opts, ws_index_stats *stats, ws_error *err)
{
    ws_index_stats local;
    idx x;
    memset(&x, 0, sizeof x);
    ws_index_options_init(&x.opts);
    if (opts)
        x.opts = *opts;
    if (!x.opts.types)
        x.opts.types = WS_TYPE_DIRECT;
    if (!x.opts.memory)
        x.opts.memory = WS_INDEX_DEFAULT_MEMORY;
    ws_allocator a = ws_alloc_resolve(x.opts.alloc);
    x.a = &a;
    x.st = stats ? stats : &local;
    memset(x.st, 0, sizeof *x.st);
    x.err = err;
    ws_set_error(err, WS_OK, "ok", 0);
    if ((!inputs && n_inputs) || (x.opts.types & ~(unsigned)(WS_TYPE_DIRECT | WS_TYPE_INDIRECT))) {
        ws_set_error(err, WS_ERR_INVALID_ARG, "NULL inputs or unknown record types", 0);
        return WS_ERR_INVALID_ARG;
    }
    static const char *const from_stdin[] = {"-"};
    if (n_inputs == 0) {
        inputs = from_stdin;
        n_inputs = 1;
    }
    bool to_stdout = !output || strcmp(output, "-") == 0;
    x.output = to_stdout ? "stdout" : output;
    /* "whosaid index a.jsonl -o a.jsonl" would lose the input: refused
     * before anything is opened (as for whosaid -o); so are --html and
     * --merged naming an input */
    const char *outs[] = {to_stdout ? NULL : output, x.opts.html, x.opts.merged};
    for (size_t k = 0; k < sizeof outs / sizeof outs[0]; k++) {
        if (outs[k] && ws_output_is_input(outs[k], inputs, n_inputs) != SIZE_MAX) {
            fail_on(&x, outs[k], WS_ERR_INVALID_ARG, "the output is one of the inputs: it would be lost");
            return WS_ERR_INVALID_ARG;
        }
    }
    ws_outfile of;
    FILE *outf = to_stdout ? stdout : open_output(&x, output, &of);
    bool ok = outf ? run(&x, inputs, n_inputs, outf) : fail_open(&x, x.output);
    if (outf && !to_stdout && !close_output(&x, outf, &of, ok))
        ok = ok ? fail_on(&x, x.output, WS_ERR_IO, "cannot write the index") : false;
    else if (outf && to_stdout && fflush(outf) != 0)
        ok = fail_on(&x, x.output, WS_ERR_IO, "cannot write the index");
    tear_down(&x);
    progress(&x);
    if (!ok)
        return x.code ? x.code : WS_ERR_NOMEM; /* every stop goes through fail() */
    return x.first_bad;
}
