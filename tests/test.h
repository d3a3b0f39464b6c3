/*
 * A tiny header-only test framework for the C tests.
 *
 *   TEST(name) { CHECK(...); }      define a test
 *   RUN_TEST(name);                 run it (from main)
 *   return test_summary();          print "N passed, N failed"; 1 if any failed
 *
 * CHECK counts one pass or one failure per call; a failure prints where it
 * was and what was checked. tests/run_all.sh adds up the summary lines.
 *
 * Also a counting allocator (test_alloc) that can fail the Nth allocation,
 * or every one from the Nth on, and tracks live blocks and bytes, for the
 * allocation-failure and memory-bound tests.
 */
#ifndef WS_TEST_H
#define WS_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid.h"

/* ===================================================================== */
/*  Checks and counts                                                    */
/* ===================================================================== */

static int test_passes, test_failures;
static const char *test_current = "";

static inline int test_check(int ok, const char *file, int line, const char *what)
{
    if (ok) {
        test_passes++;
    } else {
        test_failures++;
        printf("FAIL %s:%d: %s%s%s\n", file, line, test_current,
               *test_current ? ": " : "", what);
        fflush(stdout);
    }
    return ok;
}

/* Prints a byte string with everything outside printable ASCII escaped. */
static inline void test_print_bytes(const char *s, size_t n)
{
    putchar('"');
    for (size_t k = 0; s && k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
            putchar(c);
        else
            printf("\\x%02X", c);
    }
    putchar('"');
}

static inline int test_check_eq_int(long long a, long long b, const char *file,
                                    int line, const char *what)
{
    if (!test_check(a == b, file, line, what))
        printf("     got %lld, want %lld\n", a, b);
    return a == b;
}

static inline int test_check_eq_str(const char *a, size_t alen, const char *b,
                                    size_t blen, const char *file, int line,
                                    const char *what)
{
    int same = alen == blen && (alen == 0 || (a && b && memcmp(a, b, alen) == 0));
    if (!test_check(same, file, line, what)) {
        printf("     got  ");
        test_print_bytes(a, alen);
        printf(" (%zu bytes)\n     want ", alen);
        test_print_bytes(b, blen);
        printf(" (%zu bytes)\n", blen);
    }
    return same;
}

#define CHECK(cond) test_check((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
#define CHECK_EQ_INT(a, b) \
    test_check_eq_int((long long)(a), (long long)(b), __FILE__, __LINE__, #a " == " #b)
#define CHECK_EQ_STR(a, alen, b, blen) \
    test_check_eq_str((a), (alen), (b), (blen), __FILE__, __LINE__, #a " == " #b)
/* A NUL-terminated expectation against a string with a length. */
#define CHECK_EQ_CSTR(a, alen, lit) CHECK_EQ_STR((a), (alen), (lit), strlen(lit))

#define TEST(name) static void name(void)
#define RUN_TEST(name) (test_current = #name, name(), test_current = "")

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", test_passes, test_failures);
    fflush(stdout);
    return test_failures ? 1 : 0;
}

/* ===================================================================== */
/*  A counting, failing allocator                                        */
/* ===================================================================== */

typedef struct test_alloc {
    size_t calls;      /* malloc and realloc calls so far */
    size_t fail_at;    /* the call to fail, 1-based; 0: none */
    bool fail_after;   /* fail every call from fail_at on, not only that one */
    size_t failures;   /* calls failed */
    size_t live;       /* blocks allocated, not yet freed */
    size_t live_bytes; /* their bytes */
    size_t peak_bytes; /* the most live_bytes has been */
} test_alloc;

/* Each block carries its size in front, to count live bytes. */
typedef union test_block_header {
    max_align_t align;
    size_t size;
} test_block_header;

static inline bool test_alloc_should_fail(test_alloc *t)
{
    t->calls++;
    bool fail = t->fail_at && (t->calls == t->fail_at ||
                               (t->fail_after && t->calls > t->fail_at));
    if (fail)
        t->failures++;
    return fail;
}

static inline void test_alloc_count(test_alloc *t, long long blocks, long long bytes)
{
    t->live = (size_t)((long long)t->live + blocks);
    t->live_bytes = (size_t)((long long)t->live_bytes + bytes);
    if (t->live_bytes > t->peak_bytes)
        t->peak_bytes = t->live_bytes;
}

static inline void *test_alloc_realloc(void *ctx, void *p, size_t n)
{
    test_alloc *t = ctx;
    if (test_alloc_should_fail(t) || n > SIZE_MAX - sizeof(test_block_header))
        return NULL;
    test_block_header *old = p ? (test_block_header *)p - 1 : NULL;
    size_t old_size = old ? old->size : 0;
    test_block_header *h = realloc(old, sizeof *h + n);
    if (!h)
        return NULL;
    h->size = n;
    test_alloc_count(t, old ? 0 : 1, (long long)n - (long long)old_size);
    return h + 1;
}

static inline void *test_alloc_malloc(void *ctx, size_t n)
{
    return test_alloc_realloc(ctx, NULL, n);
}

static inline void test_alloc_free(void *ctx, void *p)
{
    if (!p)
        return;
    test_block_header *h = (test_block_header *)p - 1;
    test_alloc_count(ctx, -1, -(long long)h->size);
    free(h);
}

/* An allocator over t, which starts counting from zero. */
static inline ws_allocator test_allocator(test_alloc *t, size_t fail_at, bool fail_after)
{
    memset(t, 0, sizeof *t);
    t->fail_at = fail_at;
    t->fail_after = fail_after;
    ws_allocator a = {test_alloc_malloc, test_alloc_realloc, test_alloc_free, t};
    return a;
}

/* ---- an in-memory output (a ws_write_fn) ------------------------------- */

typedef struct membuf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed */
} membuf;

static inline int membuf_write(void *ctx, const char *data, size_t len)
{
    membuf *m = (membuf *)ctx;
    if (len > m->cap - m->len) {
        size_t cap = m->cap ? m->cap : 256;
        while (cap - m->len < len)
            cap *= 2;
        char *p = (char *)realloc(m->data, cap);
        if (!p) {
            m->failed = 1;
            return 1;
        }
        m->data = p;
        m->cap = cap;
    }
    if (len)
        memcpy(m->data + m->len, data, len);
    m->len += len;
    return 0;
}

#endif
