/*
 * src/view.c through the public API: the HTML page of a document. The
 * page's own structure (every record an element with its offsets, nested
 * and crossing records, escaping, invalid bytes, no network resource) is
 * checked here; tests/view_chromium.sh renders the seed's page in a
 * browser (the page whosaid --format html writes) and checks the spans
 * through the DOM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

static char *page_of(const char *text, size_t len, const ws_quote *q, size_t n,
                     const ws_speaker *s, size_t ns, ws_status *st)
{
    membuf m = {0};
    ws_error err;
    *st = ws_view_write_html(text, len, "doc<1>", 6, NULL, 0, q, n, s, ns, membuf_write, &m, &err);
    membuf_write(&m, "", 1);
    return m.data;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The spans of the header's legend (its two keys), closed like the rest. */
#define LEGEND_SPANS 2

static ws_quote record(ws_quote_type type, size_t start, size_t end)
{
    ws_quote q;
    memset(&q, 0, sizeof q);
    q.type = type;
    q.content.start = start;
    q.content.end = end;
    q.speaker.start = q.speaker.end = WS_NO_OFFSET;
    q.mention = q.cue = q.speaker;
    q.rule = "test-rule";
    return q;
}

/* The seed through the extractor: one element per record, in order, with
 * its offsets; the speaker panel with the counts. */
TEST(seed_page)
{
    FILE *f = fopen("examples/seed.txt", "rb");
    if (!CHECK(f != NULL))
        return;
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    const ws_quote *q;
    const ws_speaker *s;
    size_t n, ns;
    ws_error err;
    ws_status st;
    CHECK_EQ_INT(ws_extract(x, text, len, &q, &n, &err), WS_OK);
    CHECK_EQ_INT(ws_extract_speakers(x, &s, &ns, &err), WS_OK);
    char *html = page_of(text, len, q, n, s, ns, &st);
    CHECK_EQ_INT(st, WS_OK);
    for (size_t k = 0; k < n; k++) {
        char want[128];
        snprintf(want, sizeof want, "data-record=\"%zu\" data-start=\"%zu\" data-end=\"%zu\"", k,
                 q[k].content.start, q[k].content.end);
        CHECK_EQ_INT(count_of(html, want), 1);
    }
    CHECK_EQ_INT(count_of(html, "<span class=\"q "), n);
    /* and one count per speaker, the legend; no paragraph spacer, as the
     * seed's paragraphs are apart already (a blank line) */
    CHECK_EQ_INT(count_of(html, "<span class=\"pb\">"), 0);
    CHECK_EQ_INT(count_of(html, "</span>"), n + ns + LEGEND_SPANS);
    CHECK(strstr(html, "<li data-speaker=\"Pete Hegseth\"") != NULL);
    CHECK(strstr(html, "data-direct=\"6\" data-indirect=\"1\">7 (6 direct, 1 indirect)") != NULL);
    CHECK(strstr(html, "U.K. Defense Secretary") != NULL);
    CHECK(strstr(html, "title=\"Dovile Sakaliene \xE2\x80\x94 direct; cue: explained; rule: ") != NULL);
    /* self-contained: nothing is fetched */
    CHECK(strstr(html, "src=") == NULL);
    CHECK(strstr(html, "href=") == NULL);
    CHECK(strstr(html, "http") == NULL);
    CHECK(strstr(html, "<title>whosaid: doc&lt;1&gt;</title>") != NULL);
    free(html);
    ws_extractor_free(x);
}

/* "abcdefghij": [0,6) and [3,9) cross; [4,5) nests in both. */
TEST(crossing_records_are_split)
{
    const char *text = "abcdefghij";
    ws_quote q[3] = {record(WS_QUOTE_INDIRECT, 0, 6), record(WS_QUOTE_DIRECT, 3, 9),
                     record(WS_QUOTE_DIRECT, 4, 5)};
    ws_status st;
    char *html = page_of(text, 10, q, 3, NULL, 0, &st);
    CHECK_EQ_INT(st, WS_OK);
    const char *body = strstr(html, "<article id=\"text\" data-bytes=\"10\">");
    if (CHECK(body != NULL)) {
        /* the text reads the same with the tags taken out */
        char plain[64];
        size_t n = 0;
        bool in_tag = false;
        for (const char *p = strchr(body, '>') + 1; strncmp(p, "</article>", 10) != 0; p++) {
            if (*p == '<')
                in_tag = true;
            else if (*p == '>')
                in_tag = false;
            else if (!in_tag && n < sizeof plain - 1)
                plain[n++] = *p;
        }
        CHECK_EQ_STR(plain, n, "abcdefghij", 10);
    }
    CHECK_EQ_INT(count_of(html, "data-record=\"1\""), 2); /* reopened after [0,6) ends */
    CHECK_EQ_INT(count_of(html, "data-piece=\"continued\""), 1);
    CHECK_EQ_INT(count_of(html, "data-record=\"2\""), 1);
    CHECK_EQ_INT(count_of(html, "<span class=\"q"), count_of(html, "</span>") - LEGEND_SPANS);
    CHECK(strstr(html, "class=\"q direct none\"") != NULL);
    free(html);
}

TEST(escaping_and_invalid_bytes)
{
    const char text[] = "<b>&\"'\xff\r\n\x01" "z\0y";
    size_t len = sizeof text - 1;
    ws_quote q[1] = {record(WS_QUOTE_DIRECT, 0, len)};
    q[0].speaker.start = 0;
    q[0].speaker.end = 3; /* "<b>" as a speaker name */
    ws_status st;
    char *html = page_of(text, len, q, 1, NULL, 0, &st);
    CHECK_EQ_INT(st, WS_OK);
    CHECK(strstr(html, "&lt;b&gt;&amp;&quot;&#39;\xEF\xBF\xBD&#x0d;\n<span class=\"pb\"></span>"
                       "&#x01;z\xEF\xBF\xBDy</span>") != NULL);
    CHECK(strstr(html, "data-speaker=\"&lt;b&gt;\"") != NULL);
    CHECK(strstr(html, "<b>") == NULL);
    free(html);
}

static int failing_write(void *ctx, const char *data, size_t len)
{
    (void)ctx; (void)data; (void)len;
    return 1;
}

TEST(bad_arguments)
{
    const char *text = "abcdef";
    ws_quote q[2] = {record(WS_QUOTE_DIRECT, 3, 4), record(WS_QUOTE_DIRECT, 1, 2)};
    ws_status st;
    ws_error err;
    free(page_of(text, 6, q, 2, NULL, 0, &st));
    CHECK_EQ_INT(st, WS_ERR_INVALID_ARG); /* not sorted */
    q[1] = record(WS_QUOTE_DIRECT, 5, 9);
    free(page_of(text, 6, q, 2, NULL, 0, &st));
    CHECK_EQ_INT(st, WS_ERR_INVALID_ARG); /* off the text */
    CHECK_EQ_INT(ws_view_write_html(text, 6, NULL, 0, NULL, 0, q, 1, NULL, 0, NULL, NULL, &err),
                 WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_view_write_html(text, 6, NULL, 0, NULL, 0, q, 1, NULL, 0, failing_write, NULL, &err),
                 WS_ERR_WRITE);
    free(page_of("", 0, NULL, 0, NULL, 0, &st));
    CHECK_EQ_INT(st, WS_OK);
}

/* Deeper than WS_MAX_VIEW_NESTING (16): the extra records are written as
 * text, the page stays balanced. */
TEST(deep_nesting_is_bounded)
{
    char text[64];
    memset(text, 'x', sizeof text);
    ws_quote q[30];
    for (size_t k = 0; k < 30; k++)
        q[k] = record(WS_QUOTE_DIRECT, k, 64 - k);
    ws_status st;
    char *html = page_of(text, 64, q, 30, NULL, 0, &st);
    CHECK_EQ_INT(st, WS_OK);
    CHECK_EQ_INT(count_of(html, "<span class=\"q"), 16);
    CHECK_EQ_INT(count_of(html, "</span>"), 16 + LEGEND_SPANS);
    free(html);
}

/* The header: the title when there is one (the doc name under it), else
 * the doc name; the legend. A paragraph spacer after each single newline,
 * none in a blank line; the text itself unchanged. */
TEST(title_legend_and_paragraphs)
{
    const char *text = "One.\nTwo.\n\nThree.\n";
    membuf m = {0};
    ws_error err;
    CHECK_EQ_INT(ws_view_write_html(text, strlen(text), "d1", 2, "A <title>", 9, NULL, 0, NULL,
                                    0, membuf_write, &m, &err), WS_OK);
    membuf_write(&m, "", 1);
    CHECK(strstr(m.data, "<title>whosaid: A &lt;title&gt;</title>") != NULL);
    CHECK(strstr(m.data, "<h1>A &lt;title&gt;</h1><p class=\"doc\">d1</p>") != NULL);
    CHECK(strstr(m.data, "<span class=\"key direct\">direct</span>") != NULL);
    CHECK(strstr(m.data, "a background") != NULL && strstr(m.data, "an underline") != NULL);
    CHECK(strstr(m.data, ">One.\n<span class=\"pb\"></span>Two.\n\nThree.\n<span class=\"pb\">"
                         "</span></article>") != NULL);
    free(m.data);
    m = (membuf){0};
    CHECK_EQ_INT(ws_view_write_html(text, 4, "d1", 2, NULL, 0, NULL, 0, NULL, 0, membuf_write,
                                    &m, &err), WS_OK);
    membuf_write(&m, "", 1);
    CHECK(strstr(m.data, "<h1>d1</h1><p>0 quotations") != NULL);
    free(m.data);
    CHECK_EQ_INT(ws_view_write_html(text, 4, "d1", 2, NULL, 3, NULL, 0, NULL, 0, membuf_write,
                                    &m, &err), WS_ERR_INVALID_ARG);
}

int main(void)
{
    RUN_TEST(seed_page);
    RUN_TEST(crossing_records_are_split);
    RUN_TEST(escaping_and_invalid_bytes);
    RUN_TEST(bad_arguments);
    RUN_TEST(deep_nesting_is_bounded);
    RUN_TEST(title_legend_and_paragraphs);
    return test_summary();
}
