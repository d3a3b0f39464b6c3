/*
 * The spec file through the library.
 *
 *   test_spec [SPEC_FILE]            check every example (default
 *                                    tests/spec.txt)
 *   test_spec --print [SPEC_FILE]    print the file back with every
 *                                    expectation replaced by the output of
 *                                    this build, to be checked by hand
 *
 * The format is described at the top of tests/spec.txt. Each example's
 * document goes through ws_extract and ws_quotes_write_jsonl (doc "spec")
 * into memory; the output must equal the expectation byte for byte.
 * tests/spec_cli.sh reads the same file through the CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"



/* ---- the spec file ----------------------------------------------------- */

typedef struct line {
    const char *s;
    size_t len;
} line;

typedef struct spec {
    char *data;
    line *lines;
    size_t nlines;
} spec;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Split into lines at '\n'; the file's final newline ends its last line. */
static int spec_load(spec *sp, const char *path)
{
    size_t len;
    memset(sp, 0, sizeof *sp);
    sp->data = read_file(path, &len);
    if (!sp->data)
        return -1;
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += sp->data[i] == '\n';
    sp->lines = malloc(cap * sizeof *sp->lines);
    if (!sp->lines)
        return -1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || sp->data[i] == '\n') {
            if (i == len && start == len)
                break; /* nothing after the final newline */
            sp->lines[sp->nlines].s = sp->data + start;
            sp->lines[sp->nlines].len = i - start;
            sp->nlines++;
            start = i + 1;
        }
    }
    return 0;
}

static void spec_free(spec *sp)
{
    free(sp->lines);
    free(sp->data);
}

static int line_is(const line *l, const char *s)
{
    return l->len == strlen(s) && memcmp(l->s, s, l->len) == 0;
}

static int line_starts(const line *l, const char *s)
{
    size_t n = strlen(s);
    return l->len >= n && memcmp(l->s, s, n) == 0;
}

/* One example: lines [doc, doc + ndoc) are the document, [exp, exp + nexp)
 * the expectation. */
typedef struct example {
    line name;
    size_t lineno; /* of the "### " line, 1-based */
    size_t doc, ndoc, exp, nexp;
} example;

/* Parse the example or the non-example line at *i. Returns 1 and fills *ex
 * for an example, 0 for a comment or blank line, -1 on a format error
 * (printed). Advances *i past what it read. */
static int spec_next(const spec *sp, const char *path, size_t *i, example *ex)
{
    const line *l = &sp->lines[*i];
    if (!line_starts(l, "### ")) {
        if (l->len == 0 || l->s[0] == '%') {
            (*i)++;
            return 0;
        }
        printf("%s:%zu: text outside an example (not a comment, not \"### \")\n",
               path, *i + 1);
        return -1;
    }
    ex->lineno = *i + 1;
    ex->name.s = l->s + 4;
    ex->name.len = l->len - 4;
    size_t k = *i + 1;
    ex->doc = k;
    while (k < sp->nlines && !line_is(&sp->lines[k], "."))
        k++;
    if (k == sp->nlines) {
        printf("%s:%zu: example has no \".\" line\n", path, ex->lineno);
        return -1;
    }
    ex->ndoc = k - ex->doc;
    ex->exp = ++k;
    while (k < sp->nlines && !line_is(&sp->lines[k], "==="))
        k++;
    if (k == sp->nlines) {
        printf("%s:%zu: example has no \"===\" line\n", path, ex->lineno);
        return -1;
    }
    ex->nexp = k - ex->exp;
    *i = k + 1;
    return 1;
}

/* Join lines [first, first + n) into m, each followed by '\n' when
 * newline_each, else separated by '\n'. */
static void join_lines(const spec *sp, size_t first, size_t n, int newline_each,
                       membuf *m)
{
    m->len = 0;
    for (size_t k = 0; k < n; k++) {
        const line *l = &sp->lines[first + k];
        if (k > 0 && !newline_each)
            membuf_write(m, "\n", 1);
        membuf_write(m, l->s, l->len);
        if (newline_each)
            membuf_write(m, "\n", 1);
    }
}

/* Run one document; 0 and the output in *out on success, else -1 with the
 * reason printed. */
static int run_example(ws_extractor *x, const example *ex, const membuf *doc,
                       membuf *out)
{
    const ws_quote *q = NULL;
    size_t count = 0;
    ws_error err;
    memset(&err, 0, sizeof err);
    out->len = 0;
    ws_status st = ws_extract(x, doc->data, doc->len, &q, &count, &err);
    if (st != WS_OK) {
        printf("  %.*s: ws_extract: %s (%s at %zu)\n", (int)ex->name.len,
               ex->name.s, ws_status_name(st),
               err.message ? err.message : "?", err.position);
        return -1;
    }
    st = ws_quotes_write_jsonl(doc->data, doc->len, "spec", 4, q, count,
                               membuf_write, out, &err);
    if (st != WS_OK || out->failed) {
        printf("  %.*s: ws_quotes_write_jsonl: %s\n", (int)ex->name.len,
               ex->name.s, ws_status_name(st));
        return -1;
    }
    return 0;
}

static void print_indented(const char *s, size_t len)
{
    if (len == 0)
        printf("    (nothing)\n");
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '\n') {
            if (i == len && start == len)
                break;
            printf("    %.*s%s\n", (int)(i - start), s + start,
                   i == len ? "   (no final newline)" : "");
            start = i + 1;
        }
    }
}

int main(int argc, char **argv)
{
    int print = 0;
    const char *path = "tests/spec.txt";
    int a = 1;
    if (a < argc && strcmp(argv[a], "--print") == 0) {
        print = 1;
        a++;
    }
    if (a < argc)
        path = argv[a++];
    if (a < argc) {
        fprintf(stderr, "usage: %s [--print] [SPEC_FILE]\n", argv[0]);
        return 2;
    }

    spec sp;
    if (spec_load(&sp, path) != 0) {
        perror(path);
        spec_free(&sp);
        if (print)
            return 1;
        CHECK(!"the spec file can be read");
        return test_summary();
    }
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    membuf doc = {0}, exp = {0}, got = {0};
    size_t examples = 0;
    int format_ok = 1, print_ok = 1;

    for (size_t i = 0; x && i < sp.nlines;) {
        size_t here = i;
        example ex;
        int r = spec_next(&sp, path, &i, &ex);
        if (r < 0) {
            format_ok = 0;
            break;
        }
        if (r == 0) {
            if (print)
                printf("%.*s\n", (int)sp.lines[here].len, sp.lines[here].s);
            continue;
        }
        examples++;
        join_lines(&sp, ex.doc, ex.ndoc, 0, &doc);
        int ran = run_example(x, &ex, &doc, &got) == 0;
        if (print) {
            printf("### %.*s\n", (int)ex.name.len, ex.name.s);
            for (size_t k = ex.doc; k < ex.doc + ex.ndoc; k++)
                printf("%.*s\n", (int)sp.lines[k].len, sp.lines[k].s);
            printf(".\n");
            if (ran && got.len) {
                fwrite(got.data, 1, got.len, stdout);
                if (got.data[got.len - 1] != '\n')
                    printf("\n");
            } else if (!ran) {
                print_ok = 0;
            }
            printf("===\n");
            continue;
        }
        join_lines(&sp, ex.exp, ex.nexp, 1, &exp);
        int same = ran && got.len == exp.len &&
                   (exp.len == 0 || memcmp(got.data, exp.data, exp.len) == 0);
        test_check(same, path, (int)ex.lineno, "output equals the expectation");
        if (!same) {
            printf("FAIL spec: %.*s (%s:%zu)\n", (int)ex.name.len, ex.name.s,
                   path, ex.lineno);
            printf("  expected:\n");
            print_indented(exp.data, exp.len);
            printf("  got:\n");
            if (ran)
                print_indented(got.data, got.len);
            else
                printf("    (no output: see the error above)\n");
        }
    }

    int have_x = x != NULL;
    if (!have_x)
        printf("ws_extractor_new failed\n");
    ws_extractor_free(x);
    free(doc.data);
    free(exp.data);
    free(got.data);
    spec_free(&sp);
    if (print)
        return have_x && format_ok && print_ok ? 0 : 1;
    CHECK(have_x);
    CHECK(format_ok);
    if (format_ok)
        CHECK(examples > 0);
    return test_summary();
}
