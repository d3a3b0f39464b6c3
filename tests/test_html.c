/*
 * The HTML stage: which part of a page is the article, how its text is
 * laid out (one paragraph per line), the metadata, charsets, refusal of
 * pages nested past libxml2's limit, and allocation failure.
 *
 * The pages here are small but shaped like real ones: a header, a menu,
 * the article among share bars and related links, a footer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "whosaid.h"

/* ===================================================================== */
/*  Helpers                                                              */
/* ===================================================================== */

static const char article_page[] =
    "<!doctype html><html lang=\"en-GB\"><head>"
    "<title>Minister resigns | The Daily Example</title>"
    "<meta property=\"og:title\" content=\"Minister resigns\">"
    "<meta property=\"og:site_name\" content=\"The Daily Example\">"
    "<meta name=\"author\" content=\"Jane Reporter\">"
    "<meta property=\"article:published_time\" content=\"2025-03-01T10:00:00Z\">"
    "<link rel=\"canonical\" href=\"https://example.com/news/minister\">"
    "<script>var tracking = \"Do not read me, said nobody.\";</script>"
    "<style>p { color: red; }</style>"
    "</head><body>"
    "<header><a href=\"/\">Home</a> <a href=\"/news\">News</a></header>"
    "<nav><ul><li><a href=\"/a\">World</a></li><li><a href=\"/b\">Politics, "
    "elections and more politics</a></li></ul></nav>"
    "<div class=\"content\"><article>"
    "<h1>Minister resigns</h1>"
    "<p>The minister resigned on Tuesday, after weeks of pressure from her "
    "own party, saying she had \"no choice\" left.</p>"
    "<p>\"I have done what I could,\" she told reporters outside the "
    "ministry, where a crowd had gathered since the morning.</p>"
    "<div class=\"share-bar\"><a href=\"/s\">Share on social media</a></div>"
    "<p>Her deputy, <a href=\"/people/deputy\">John Smith</a>, will take over "
    "until a successor is named, officials said in a statement.</p>"
    "<ul class=\"related\"><li><a href=\"/r1\">Related: another story with a "
    "long headline</a></li><li><a href=\"/r2\">Related: yet another long "
    "headline here</a></li></ul>"
    "</article></div>"
    "<aside><p>Most read: a story about cats, which everyone, of course, "
    "reads every single day.</p></aside>"
    "<footer><p>Copyright, all rights reserved, The Daily Example, 2025, "
    "and some more words.</p></footer>"
    "</body></html>";

static const char article_text[] =
    "The minister resigned on Tuesday, after weeks of pressure from her own "
    "party, saying she had \"no choice\" left.\n"
    "\"I have done what I could,\" she told reporters outside the ministry, "
    "where a crowd had gathered since the morning.\n"
    "Her deputy, John Smith, will take over until a successor is named, "
    "officials said in a statement.";

static bool extract(ws_html *h, const char *html, size_t len, const char *charset,
                    ws_page *page)
{
    ws_error e = {0};
    ws_status st = ws_html_extract(h, html, len, charset,
                                   charset ? strlen(charset) : 0, page, &e);
    if (st != WS_OK)
        fprintf(stderr, "  ws_html_extract: %s\n", e.message);
    return st == WS_OK;
}

static bool str_is(ws_str s, const char *lit)
{
    return s.len == strlen(lit) && memcmp(s.ptr, lit, s.len) == 0;
}

static bool contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            return true;
    return false;
}

/* ===================================================================== */
/*  Tests                                                                */
/* ===================================================================== */

TEST(article_without_boilerplate)
{
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, article_page, sizeof article_page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len, article_text);
    ws_html_free(h);
}

TEST(metadata)
{
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, article_page, sizeof article_page - 1, NULL, &p));
    CHECK(str_is(p.title, "Minister resigns"));
    CHECK(str_is(p.byline, "Jane Reporter"));
    CHECK(str_is(p.date, "2025-03-01T10:00:00Z"));
    CHECK(str_is(p.url, "https://example.com/news/minister"));
    CHECK(str_is(p.site, "The Daily Example"));
    CHECK(str_is(p.lang, "en-GB"));
    ws_html_free(h);
}

TEST(metadata_from_json_ld)
{
    static const char page[] =
        "<html><head><title>T</title><script type=\"application/ld+json\">"
        "{\"@type\": \"NewsArticle\", \"headline\": \"Rates held\", "
        "\"datePublished\": \"2024-05-02\", \"author\": {\"@type\": "
        "\"Person\", \"name\": \"Ann Writer\"}}</script></head><body>"
        "<p>Rates were held, the central bank said, for a third month in a "
        "row, as inflation slowed.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK(str_is(p.title, "Rates held"));
    CHECK(str_is(p.date, "2024-05-02"));
    CHECK(str_is(p.byline, "Ann Writer"));
    CHECK(p.url.len == 0 && p.site.len == 0);
    ws_html_free(h);
}

TEST(blocks_break_lines_and_spaces_collapse)
{
    static const char page[] =
        "<html><body><div><p>One   line\n\twith   spaces,\xC2\xA0" "and a "
        "no-break space, long enough to count.</p>"
        "<p>Two<br>lines, split by a break, and long enough to count as "
        "prose here.</p><blockquote>A quoted block, which is part of the "
        "article, of course, and long.</blockquote></div></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "One line with spaces, and a no-break space, long enough to count.\n"
                  "Two\n"
                  "lines, split by a break, and long enough to count as prose here.\n"
                  "A quoted block, which is part of the article, of course, and long.");
    ws_html_free(h);
}

TEST(entities_decoded)
{
    static const char page[] =
        "<html><body><p>Fish &amp; chips, &quot;caf&eacute;&quot; and "
        "&#8220;quotes&#8221;, all decoded by the parser, of course.</p>"
        "</body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Fish & chips, \"caf\xC3\xA9\"" " and \xE2\x80\x9Cquotes\xE2\x80\x9D, "
                  "all decoded by the parser, of course.");
    ws_html_free(h);
}

TEST(charset_from_meta)
{
    /* windows-1252: 0xE9 is e-acute, 0x93/0x94 curly quotes. */
    static const char page[] =
        "<html><head><meta charset=\"windows-1252\"></head><body><p>The "
        "caf\xE9 owner said \x93we are open\x94, and so, of course, it "
        "was.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "The caf\xC3\xA9 owner said \xE2\x80\x9Cwe are open\xE2\x80\x9D, "
                  "and so, of course, it was.");
    ws_html_free(h);
}

TEST(charset_latin1_label_is_cp1252)
{
    static const char page[] =
        "<html><body><p>He said \x93yes\x94 to the caf\xE9, twice, and then "
        "left.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, "ISO-8859-1", &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "He said \xE2\x80\x9Cyes\xE2\x80\x9D to the caf\xC3\xA9, twice, "
                  "and then left.");
    ws_html_free(h);
}

TEST(transport_charset_beats_meta)
{
    static const char page[] =
        "<html><head><meta charset=\"utf-8\"></head><body><p>Na\xEFve, "
        "said the caf\xE9 owner, of course, at length.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, "windows-1252", &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Na\xC3\xAFve, said the caf\xC3\xA9 owner, of course, at length.");
    ws_html_free(h);
}

TEST(stale_label_on_utf8_bytes)
{
    /* Re-saved pages keep their old label (readability's qq). */
    static const char page[] =
        "<html><head><meta charset=\"gb2312\"></head><body><p>\xE8\xB0\xB7"
        "\xE6\xAD\x8C, caf\xC3\xA9, and more words, of course, here.</p>"
        "</body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "\xE8\xB0\xB7\xE6\xAD\x8C, caf\xC3\xA9, and more words, of course, here.");
    ws_html_free(h);
}

TEST(invalid_utf8_becomes_replacement)
{
    /* One bad byte must not turn the rest of the page into Latin-1. */
    static const char page[] =
        "<html><body><p>Bad \xFF byte, then caf\xC3\xA9 and \xE2\x80\x9Cquotes"
        "\xE2\x80\x9D, of course, intact.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Bad \xEF\xBF\xBD byte, then caf\xC3\xA9 and \xE2\x80\x9Cquotes"
                  "\xE2\x80\x9D, of course, intact.");
    ws_html_free(h);
}

TEST(headline_repeating_the_title_is_dropped)
{
    static const char page[] =
        "<html><head><title>Storm hits coast</title></head><body><article>"
        "<h1>Storm hits coast</h1><h2>Thousands without power</h2>"
        "<p>The storm reached the coast overnight, officials said, cutting "
        "power to thousands of homes.</p></article></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Thousands without power\n"
                  "The storm reached the coast overnight, officials said, cutting "
                  "power to thousands of homes.");
    ws_html_free(h);
}

TEST(hidden_and_script_text_dropped)
{
    static const char page[] =
        "<html><body><div><p>Visible prose, with commas, long enough to be "
        "an article paragraph.</p><p style=\"display:none\">Hidden text, "
        "with commas, long enough to count.</p><div hidden>Also hidden, "
        "with commas, long enough.</div><noscript>Enable JavaScript, please, "
        "to read this.</noscript></div></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Visible prose, with commas, long enough to be an article paragraph.");
    ws_html_free(h);
}

TEST(misleading_wrapper_class)
{
    /* A theme wraps the whole post in class "penci_sidebar" (scrapinghub
     * 0e014df6): the second attempt, without class hints, finds it. */
    char page[4096];
    int n = snprintf(page, sizeof page,
                     "<html><body><div class=\"container penci_sidebar\">"
                     "<article>%s%s%s%s</article></div></body></html>",
                     "<p>When you live in a state as beautiful as Colorado, it is "
                     "impossible to stay inside, and we go out every weekend.</p>",
                     "<p>We moved here two years ago, and we are still in awe of the "
                     "mountains, the rivers, and the light in the evening.</p>",
                     "<p>Water is a must here, whether you are out exploring or just "
                     "hanging around the house, because the air is dry.</p>",
                     "<p>Our hiking kit is simple: water, snacks, a map, a jacket, and "
                     "good shoes, which we never forget, ever.</p>");
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, (size_t)n, NULL, &p));
    CHECK(contains(p.text, p.text_len, "When you live in a state"));
    CHECK(contains(p.text, p.text_len, "good shoes, which we never forget"));
    ws_html_free(h);
}

TEST(empty_and_textless_pages)
{
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, "", 0, NULL, &p));
    CHECK_EQ_INT(p.text_len, 0);
    CHECK(extract(h, "<html><body><img src=x></body></html>", 37, NULL, &p));
    CHECK_EQ_INT(p.text_len, 0);
    CHECK(extract(h, "\0\0\0", 3, NULL, &p));
    ws_html_free(h);
}

TEST(too_deep_is_refused)
{
    size_t depth = 300;
    size_t cap = depth * 5 + 64, len = 0;
    char *page = malloc(cap);
    len += (size_t)sprintf(page, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(page + len, "<div>");
    len += (size_t)sprintf(page + len, "deep");
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    ws_error e = {0};
    CHECK_EQ_INT(ws_html_extract(h, page, len, NULL, 0, &p, &e), WS_ERR_TOO_LARGE);
    CHECK(e.message && strstr(e.message, "256"));
    /* The handle is still usable. */
    CHECK(extract(h, article_page, sizeof article_page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len, article_text);
    ws_html_free(h);
    free(page);
}

TEST(wide_page_is_whole)
{
    /* A page of 20,000 paragraphs: every one comes out. */
    size_t paragraphs = 20000;
    static const char para[] = "<p>Some text here, with commas, and more words.</p>";
    size_t cap = paragraphs * sizeof para + 64, len = 0;
    char *page = malloc(cap);
    len += (size_t)sprintf(page, "<html><body><div>");
    for (size_t i = 0; i < paragraphs; i++)
        len += (size_t)sprintf(page + len, "%s", para);
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, len, NULL, &p));
    size_t lines = p.text_len ? 1 : 0;
    for (size_t i = 0; i < p.text_len; i++)
        lines += p.text[i] == '\n';
    CHECK_EQ_INT(lines, paragraphs);
    ws_html_free(h);
    free(page);
}

TEST(misuse)
{
    ws_page p;
    ws_error e = {0};
    CHECK_EQ_INT(ws_html_extract(NULL, "x", 1, NULL, 0, &p, &e), WS_ERR_INVALID_ARG);
    ws_html *h = ws_html_new(NULL);
    CHECK_EQ_INT(ws_html_extract(h, NULL, 1, NULL, 0, &p, &e), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_html_extract(h, "x", 1, NULL, 0, NULL, &e), WS_ERR_INVALID_ARG);
    ws_html_free(h);
    ws_html_free(NULL);
}

TEST(allocation_failure)
{
    /* Fail each allocation in turn: an error, no leak, and the same
     * handle then succeeds with the same text. */
    size_t failures_seen = 0;
    for (size_t n = 1; n < 200; n++) {
        test_alloc t;
        ws_allocator a = test_allocator(&t, n, false);
        ws_html *h = ws_html_new(&a);
        if (!h) {
            CHECK_EQ_INT(t.live, 0);
            failures_seen++;
            continue;
        }
        ws_page p;
        ws_error e = {0};
        ws_status st = ws_html_extract(h, article_page, sizeof article_page - 1,
                                       NULL, 0, &p, &e);
        if (st != WS_OK) {
            CHECK_EQ_INT(st, WS_ERR_NOMEM);
            /* an error leaves an empty page, no half-resolved metadata */
            CHECK(p.text_len == 0 && p.title.len == 0 && p.byline.len == 0 &&
                  p.lang.len == 0 && p.url.len == 0);
            failures_seen++;
            st = ws_html_extract(h, article_page, sizeof article_page - 1, NULL, 0,
                                 &p, &e);
        }
        CHECK_EQ_INT(st, WS_OK);
        CHECK_EQ_CSTR(p.text, p.text_len, article_text);
        ws_html_free(h);
        CHECK_EQ_INT(t.live, 0);
        if (t.failures == 0)
            break; /* past the last allocation */
    }
    CHECK(failures_seen > 3);
}

TEST(legacy_charset_bad_byte_is_replaced_not_cut)
{
    /* 0x81 is undefined in windows-1252 (iconv rejects it): libxml2's own
     * conversion stopped there, dropped the rest and printed to stderr. */
    static const char page[] =
        "<html><body><p>Caf\xE9 owners said, on Tuesday, that it was open.</p>"
        "<p>Bad \x81 byte here, and then, of course, more text.</p>"
        "<p>Third paragraph, still here, and long enough to count.</p>"
        "</body></html>";
    fflush(stderr);
    FILE *capture = tmpfile();
    int saved = dup(fileno(stderr));
    dup2(fileno(capture), fileno(stderr));
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    bool ok = extract(h, page, sizeof page - 1, "iso-8859-1", &p);
    fflush(stderr);
    dup2(saved, fileno(stderr));
    close(saved);
    CHECK(ok);
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Caf\xC3\xA9 owners said, on Tuesday, that it was open.\n"
                  "Bad \xEF\xBF\xBD byte here, and then, of course, more text.\n"
                  "Third paragraph, still here, and long enough to count.");
    CHECK_EQ_INT(ftell(capture), 0); /* the library never prints */
    fclose(capture);
    ws_html_free(h);
}

TEST(meta_utf16_label_on_ascii_page)
{
    /* The HTML standard: a readable <meta> cannot be UTF-16. */
    static const char page[] =
        "<html><head><meta charset=\"utf-16\"></head><body><p>Plain text, "
        "readable, of course, as it always was.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len, "Plain text, readable, of course, as it always was.");
    ws_html_free(h);
}

TEST(unknown_label_reads_as_utf8)
{
    static const char page[] =
        "<html><body><p>Caf\xC3\xA9, na\xC3\xAFve, one bad \xFF byte, and "
        "more, of course.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, "x-no-such-charset", &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Caf\xC3\xA9, na\xC3\xAFve, one bad \xEF\xBF\xBD byte, and more, "
                  "of course.");
    ws_html_free(h);
}

/* A page with one tag of n attributes, or n attribute-like words inside
 * a script (which the parser does not read as a tag). */
static char *attribute_page(size_t n, bool in_script, size_t *len)
{
    char *page = malloc(n * 8 + 256);
    size_t at = (size_t)sprintf(page, "<html><body>%s<p", in_script ? "<script>x = '" : "");
    for (size_t i = 0; i < n; i++)
        at += (size_t)sprintf(page + at, " a%zu=1", i);
    at += (size_t)sprintf(page + at, "%s>Text of the paragraph, with commas, "
                          "long enough.</p></body></html>", in_script ? "';</script" : "");
    *len = at;
    return page;
}

TEST(tag_with_too_many_attributes_is_refused)
{
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    ws_error e = {0};
    size_t len;
    char *page = attribute_page(2000, false, &len);
    CHECK_EQ_INT(ws_html_extract(h, page, len, NULL, 0, &p, &e), WS_ERR_TOO_LARGE);
    CHECK(e.message && strstr(e.message, "attributes"));
    free(page);
    page = attribute_page(500, false, &len);
    CHECK(extract(h, page, len, NULL, &p));
    free(page);
    page = attribute_page(2000, true, &len); /* inside a script: not a tag */
    CHECK(extract(h, page, len, NULL, &p));
    free(page);
    ws_html_free(h);
}

TEST(headline_is_the_title_not_its_prefix)
{
    static const char page[] =
        "<html><head><title>Brexit: what happens next</title></head><body>"
        "<article><h2>Brexit</h2><p>The deal, which was agreed on Monday, "
        "goes to parliament next week, officials said.</p></article></body></html>";
    static const char page2[] =
        "<html><head><title>Storm hits coast | The Daily</title></head><body>"
        "<article><h1>Storm hits coast</h1><p>The storm reached the coast "
        "overnight, officials said, cutting power.</p></article></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK(contains(p.text, p.text_len, "Brexit\n"));
    CHECK(extract(h, page2, sizeof page2 - 1, NULL, &p));
    CHECK(!contains(p.text, p.text_len, "Storm hits coast"));
    ws_html_free(h);
}

TEST(hidden_body_still_read)
{
    static const char page[] =
        "<html><body style=\"display:none\" aria-hidden=\"true\"><p>Anti-flicker "
        "snippets hide the body, but the text, of course, is there.</p></body></html>";
    ws_html *h = ws_html_new(NULL);
    ws_page p;
    CHECK(extract(h, page, sizeof page - 1, NULL, &p));
    CHECK_EQ_CSTR(p.text, p.text_len,
                  "Anti-flicker snippets hide the body, but the text, of course, is there.");
    ws_html_free(h);
}

int main(void)
{
    RUN_TEST(article_without_boilerplate);
    RUN_TEST(metadata);
    RUN_TEST(metadata_from_json_ld);
    RUN_TEST(blocks_break_lines_and_spaces_collapse);
    RUN_TEST(entities_decoded);
    RUN_TEST(charset_from_meta);
    RUN_TEST(charset_latin1_label_is_cp1252);
    RUN_TEST(transport_charset_beats_meta);
    RUN_TEST(stale_label_on_utf8_bytes);
    RUN_TEST(invalid_utf8_becomes_replacement);
    RUN_TEST(headline_repeating_the_title_is_dropped);
    RUN_TEST(hidden_and_script_text_dropped);
    RUN_TEST(misleading_wrapper_class);
    RUN_TEST(empty_and_textless_pages);
    RUN_TEST(too_deep_is_refused);
    RUN_TEST(wide_page_is_whole);
    RUN_TEST(misuse);
    RUN_TEST(allocation_failure);
    RUN_TEST(legacy_charset_bad_byte_is_replaced_not_cut);
    RUN_TEST(meta_utf16_label_on_ascii_page);
    RUN_TEST(unknown_label_reads_as_utf8);
    RUN_TEST(tag_with_too_many_attributes_is_refused);
    RUN_TEST(headline_is_the_title_not_its_prefix);
    RUN_TEST(hidden_body_still_read);
    return test_summary();
}
