/*
 * Allocation failure: every allocation the extractor makes may fail, and
 * then (include/whosaid.h) the call fails with WS_ERR_NOMEM, frees what it
 * took and leaves the handle usable.
 *
 *   test_alloc [SPEC_FILE]      (default tests/spec.txt)
 *
 * For every document of the spec file (read as tests/test_spec.c reads
 * it) and a few built here, and for N = 1, 2, ... until a run succeeds:
 *   - an allocator fails the Nth allocation only, or every one from the
 *     Nth on (the counting allocator of tests/test.h);
 *   - ws_extractor_new returns NULL, or ws_extract returns WS_ERR_NOMEM
 *     with no records, and only when an allocation did fail;
 *   - after a failed ws_extract the same handle, its allocator switched to
 *     never fail, extracts the document exactly as a fresh extractor with
 *     the C library's allocator does (the records written as JSONL, byte
 *     for byte);
 *   - after ws_extractor_free no block is live.
 * Then one extractor reads every document in turn with the Nth allocation
 * of the whole stream failing, retrying the document that failed: the
 * scratch buffers it keeps between documents must survive a failure half
 * way through growing them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

/* Far more allocations than one document of the spec needs: a run that
 * has not succeeded by then is looping. */
#define MAX_ATTEMPTS 5000

/* What the runs did, printed at the end so that a test that injects no
 * failure at all would show. */
static size_t stat_new_failed, stat_extract_failed, stat_recovered;

/* ---- building documents (membuf is in test.h) ------------------------- */


static void membuf_put(membuf *m, const char *s, size_t n)
{
    if (membuf_write(m, s, n) != 0) {
        printf("out of memory in the test itself\n");
        exit(1);
    }
}

static void membuf_puts(membuf *m, const char *s)
{
    membuf_put(m, s, strlen(s));
}

/* ---- the documents ------------------------------------------------------- */

typedef struct document {
    char name[128];
    char *text;
    size_t len;
    membuf expected; /* the records of a clean run, as JSONL */
} document;

static document *docs;
static size_t ndocs, capdocs;

static void add_document(const char *name, size_t name_len, const char *text, size_t len)
{
    if (ndocs == capdocs) {
        capdocs = capdocs ? capdocs * 2 : 64;
        docs = realloc(docs, capdocs * sizeof *docs);
        if (!docs) {
            printf("out of memory in the test itself\n");
            exit(1);
        }
    }
    document *d = &docs[ndocs++];
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%.*s", (int)(name_len < 120 ? name_len : 120), name);
    d->text = malloc(len ? len : 1);
    if (!d->text) {
        printf("out of memory in the test itself\n");
        exit(1);
    }
    if (len)
        memcpy(d->text, text, len);
    d->len = len;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    membuf m = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        membuf_put(&m, chunk, got);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(m.data);
        return NULL;
    }
    *len = m.len;
    membuf_put(&m, "", 1); /* never NULL, even when empty */
    return m.data;
}

static bool line_is(const char *s, size_t n, const char *lit)
{
    return n == strlen(lit) && memcmp(s, lit, n) == 0;
}

/* The examples of the spec file (format: the top of tests/spec.txt): the
 * document is every line after "### name" up to a line ".", joined with
 * "\n"; the expectation runs to a line "===". Returns the number of
 * examples, or -1 when the file is unreadable or malformed. */
static long load_spec(const char *path)
{
    size_t len;
    char *data = read_file(path, &len);
    if (!data)
        return -1;
    /* lines: [start, end) pairs; the final newline ends the last line */
    size_t cap = 1, nlines = 0;
    for (size_t i = 0; i < len; i++)
        cap += data[i] == '\n';
    size_t *starts = malloc(cap * sizeof *starts), *ends = malloc(cap * sizeof *ends);
    if (!starts || !ends) {
        printf("out of memory in the test itself\n");
        exit(1);
    }
    for (size_t i = 0, start = 0; i <= len; i++) {
        if (i == len || data[i] == '\n') {
            if (i == len && start == len)
                break;
            starts[nlines] = start;
            ends[nlines++] = i;
            start = i + 1;
        }
    }
    long examples = 0;
    size_t i = 0;
    while (i < nlines) {
        const char *l = data + starts[i];
        size_t ln = ends[i] - starts[i];
        if (ln < 4 || memcmp(l, "### ", 4) != 0) {
            i++;
            continue;
        }
        size_t k = i + 1;
        membuf doc = {0};
        while (k < nlines && !line_is(data + starts[k], ends[k] - starts[k], ".")) {
            if (k > i + 1)
                membuf_put(&doc, "\n", 1);
            membuf_put(&doc, data + starts[k], ends[k] - starts[k]);
            k++;
        }
        size_t e = k + 1;
        while (e < nlines && !line_is(data + starts[e], ends[e] - starts[e], "==="))
            e++;
        if (k >= nlines || e >= nlines) {
            printf("%s:%zu: example with no \".\" or \"===\" line\n", path, i + 1);
            free(doc.data);
            examples = -1;
            break;
        }
        add_document(l + 4, ln - 4, doc.data ? doc.data : "", doc.len);
        free(doc.data);
        examples++;
        i = e + 1;
    }
    free(starts);
    free(ends);
    free(data);
    return examples;
}

/* A few documents of our own: one long enough that every buffer grows
 * several times, and one of stray and nested marks. */
static void add_built_documents(void)
{
    membuf m = {0};
    for (int k = 0; k < 120; k++) {
        char s[256];
        int n = snprintf(s, sizeof s,
                         "\xe2\x80\x9cPoint %d is settled,\xe2\x80\x9d said Karen Webb, a "
                         "spokeswoman for the city. She added, \"We move on to %d.\"\n\n",
                         k, k + 1);
        membuf_put(&m, s, (size_t)n);
    }
    add_document("built: 120 paragraphs of quotations", 35, m.data, m.len);
    m.len = 0;
    for (int k = 0; k < 40; k++)
        membuf_puts(&m, "\xe2\x80\x9c" "a \xe2\x80\x98" "b \"c ");
    for (int k = 0; k < 40; k++)
        membuf_puts(&m, "d\" e\xe2\x80\x99 f\xe2\x80\x9d ");
    membuf_puts(&m, "\n\nMr. Trump said: \xe2\x80\x9cNo.\xe2\x80\x9d");
    add_document("built: deep nesting and stray marks", 35, m.data, m.len);
    free(m.data);
}

/* ---- running ------------------------------------------------------------- */

/* Extract and write the records as JSONL into out. */
static ws_status run(ws_extractor *x, const document *d, membuf *out, size_t *count, ws_error *err)
{
    const ws_quote *q = NULL;
    size_t n = 0;
    out->len = 0;
    ws_status st = ws_extract(x, d->text, d->len, &q, &n, err);
    *count = n;
    if (st != WS_OK)
        return st;
    ws_error werr;
    if (ws_quotes_write_jsonl(d->text, d->len, "spec", 4, q, n, membuf_write, out, &werr) != WS_OK) {
        printf("     %s: ws_quotes_write_jsonl failed\n", d->name);
        return WS_ERR_WRITE;
    }
    return WS_OK;
}

static bool same_output(const document *d, const membuf *got)
{
    return got->len == d->expected.len &&
           (got->len == 0 || memcmp(got->data, d->expected.data, got->len) == 0);
}

/* One document, failing the Nth allocation (and every later one when
 * fail_after), for N = 1, 2, ... until a run succeeds. */
static void fail_each_allocation(document *d, bool fail_after)
{
    membuf out = {0};
    const char *mode = fail_after ? "every allocation from the Nth" : "the Nth allocation";
    bool succeeded = false;
    int bad = 0;
    size_t n;
    for (n = 1; n <= MAX_ATTEMPTS && !succeeded && !bad; n++) {
        test_alloc ta;
        ws_allocator a = test_allocator(&ta, n, fail_after);
        ws_extractor *x = ws_extractor_new(NULL, &a);
        if (!x) {
            /* a NULL handle only for a failed allocation, and nothing kept */
            if (!CHECK(ta.failures > 0) || !CHECK_EQ_INT(ta.live, 0))
                bad = 1;
            stat_new_failed++;
            continue;
        }
        ws_error err;
        memset(&err, 0, sizeof err);
        size_t count = 99;
        ws_status st = run(x, d, &out, &count, &err);
        if (st == WS_OK) {
            /* success: no allocation failed unnoticed, and the records are
             * those of a clean run */
            succeeded = true;
            if (!CHECK_EQ_INT(ta.failures, 0) || !CHECK(same_output(d, &out)))
                bad = 1;
        } else {
            if (!CHECK_EQ_INT(st, WS_ERR_NOMEM) || !CHECK_EQ_INT(err.code, WS_ERR_NOMEM) ||
                !CHECK_EQ_INT(count, 0) || !CHECK(ta.failures > 0))
                bad = 1;
            /* the same handle, never failing now, gets it right */
            ta.fail_at = 0;
            ta.fail_after = false;
            stat_extract_failed++;
            st = run(x, d, &out, &count, &err);
            if (!CHECK_EQ_INT(st, WS_OK) || !CHECK(same_output(d, &out)))
                bad = 1;
            else
                stat_recovered++;
        }
        ws_extractor_free(x);
        if (!CHECK_EQ_INT(ta.live, 0) || !CHECK_EQ_INT(ta.live_bytes, 0))
            bad = 1;
    }
    if (!CHECK(succeeded) || bad)
        printf("     document \"%s\", failing %s, N = %zu\n", d->name, mode, n - 1);
    free(out.data);
}

/* One extractor over the whole stream of documents; the Nth allocation of
 * the stream fails; the document it failed on is retried. */
static void fail_in_a_stream(void)
{
    membuf out = {0};
    bool clean = false;
    int bad = 0;
    size_t n;
    for (n = 1; n <= MAX_ATTEMPTS && !clean && !bad; n++) {
        test_alloc ta;
        ws_allocator a = test_allocator(&ta, n, false);
        ws_extractor *x = ws_extractor_new(NULL, &a);
        if (!x) {
            if (!CHECK_EQ_INT(ta.live, 0))
                bad = 1;
            continue;
        }
        size_t failed_docs = 0;
        for (size_t k = 0; k < ndocs && !bad; k++) {
            ws_error err;
            size_t count;
            ws_status st = run(x, &docs[k], &out, &count, &err);
            if (st == WS_ERR_NOMEM) {
                failed_docs++;
                st = run(x, &docs[k], &out, &count, &err);
            }
            if (st != WS_OK || !same_output(&docs[k], &out)) {
                CHECK(!"each document of the stream extracts right, retried after a failure");
                printf("     document \"%s\", N = %zu: %s\n", docs[k].name, n,
                       ws_status_name(st));
                bad = 1;
            }
        }
        /* exactly one allocation failed, so at most one document did */
        if (!CHECK(failed_docs <= 1) || !CHECK_EQ_INT(failed_docs, ta.failures))
            bad = 1;
        clean = ta.failures == 0;
        ws_extractor_free(x);
        if (!CHECK_EQ_INT(ta.live, 0))
            bad = 1;
    }
    CHECK(clean);
    if (!clean || bad)
        printf("     the stream, N = %zu\n", n - 1);
    free(out.data);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/spec.txt";
    long examples = load_spec(path);
    if (!CHECK(examples > 0)) {
        printf("cannot read the examples of %s\n", path);
        return test_summary();
    }
    add_built_documents();

    /* the records of a clean run, with the C library's allocator */
    ws_extractor *ref = ws_extractor_new(NULL, NULL);
    if (!CHECK(ref != NULL))
        return test_summary();
    for (size_t k = 0; k < ndocs; k++) {
        ws_error err;
        size_t count;
        if (!CHECK_EQ_INT(run(ref, &docs[k], &docs[k].expected, &count, &err), WS_OK))
            printf("     document \"%s\"\n", docs[k].name);
    }
    ws_extractor_free(ref);

    test_current = "fail_each_allocation";
    for (size_t k = 0; k < ndocs; k++) {
        fail_each_allocation(&docs[k], false);
        fail_each_allocation(&docs[k], true);
    }
    test_current = "fail_in_a_stream";
    fail_in_a_stream();
    test_current = "";

    printf("%zu documents (%ld from %s): ws_extractor_new failed %zu times, ws_extract "
           "%zu times, of which %zu recovered on the same handle\n",
           ndocs, examples, path, stat_new_failed, stat_extract_failed, stat_recovered);
    CHECK(stat_new_failed > 0 && stat_extract_failed > 0);
    for (size_t k = 0; k < ndocs; k++) {
        free(docs[k].text);
        free(docs[k].expected.data);
    }
    free(docs);
    return test_summary();
}
