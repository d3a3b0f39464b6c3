/*
 * Pathological input streams through the public reader (ws_reader_*): the
 * work reading does must grow linearly with the stream, whatever its bytes
 * and however it is cut, and the reader must always come to WS_DONE.
 *
 * The families are those of issue #6's pathological set that belong to
 * the input stage: truncated gzip (one record cut off, every member cut
 * short), gzip headers planted in garbage (each opens a member that fails
 * at once), WARC records whose Content-Length lies either way (gzip and
 * uncompressed), "WARC/1." lines whose header block never ends, NUL bytes,
 * a 10 MiB JSONL line fed in 4 KiB pieces, a JSONL line fed a byte at a
 * time, an unterminated JSON string, deep JSON nesting, a 10 MiB text
 * line. (Quotation marks, deep quotation nesting and a 10 MiB line in the
 * extractor are tests/test_pathological.c.) Then the same for HTML pages
 * through ws_html_extract and ws_html_work(): a 10 MiB paragraph, deep and
 * single-child nesting, tags never closed, headings repeating the title,
 * JSON-LD, many attributes, links, no tags at all, every byte value,
 * windows-1252, a comment or an attribute value never closed, NUL bytes.
 *
 * Each stream is built at a size N and at 4N, and ws_reader_work() after
 * reading each must satisfy
 *
 *     work(4N) <= 4 * 1.25 * work(N)
 *
 * so the test never depends on timing. A gzip stream is measured by its
 * bytes plus the bytes its members inflate to (members of NUL bytes
 * inflate a thousandfold). A reader that loops is stopped by a work budget
 * (WORK_BUDGET_PER_BYTE per byte so measured) and fails the family rather
 * than hanging the suite. Where a family's result count is known
 * (one error for one truncated record, one per lying member), it is
 * checked too: nothing lost, nothing invented.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "warc_fixture.h"
#include "whosaid.h"

#define KIB ((size_t)1024)
#define MIB (KIB * KIB)

/* A reader doing more than this per input byte is taken to be looping;
 * the linear families stay under 20. */
#define WORK_BUDGET_PER_BYTE 400

#define ANY_COUNT SIZE_MAX

/* ===================================================================== */
/*  Building the streams                                                 */
/* ===================================================================== */

/* Deterministic letters and spaces that do not compress to nothing, so
 * that a gzip member holds about as many bytes as its page. */
static void put_prose(fx_bytes *b, size_t n, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        unsigned v = (x >> 16) % 32;
        char c = v < 26 ? (char)('a' + v) : ' ';
        fx_put(b, &c, 1);
    }
}

/* One response record for an HTML page of about page_len bytes, its
 * Content-Length off by lie. */
static void put_response(fx_bytes *out, size_t page_len, long lie, uint32_t seed)
{
    fx_record r;
    memset(&r, 0, sizeof r);
    r.type = "response";
    r.uri = "http://example.com/a";
    r.ctype = "application/http; msgtype=response";
    r.length_lie = lie;
    snprintf(r.id, sizeof r.id, "<urn:uuid:00000000-0000-4000-8000-%012u>", seed);
    snprintf(r.date, sizeof r.date, "2024-05-01T12:00:00Z");
    fx_bytes page = {0};
    fx_puts(&page, "<html><body><p>");
    put_prose(&page, page_len, seed);
    fx_puts(&page, "</p></body></html>");
    fx_http(&r, "200 OK", "Content-Type: text/html\r\n", page.data, page.len);
    fx_record_bytes(&r, out);
    fx_free(&page);
    fx_free(&r.block);
}

/* The generators: a stream of about n bytes; they return how many results
 * (documents, skips and errors) reading it must give, or ANY_COUNT. */

/* One record of an n-byte page, gzipped, cut off two thirds in. */
static size_t gen_gzip_truncated_record(fx_bytes *out, size_t n)
{
    fx_bytes rec = {0};
    put_response(&rec, n, 0, 1);
    fx_gzip(out, rec.data, rec.len);
    out->len = out->len * 2 / 3;
    fx_free(&rec);
    return 1; /* the gzip error for the record */
}

/* Members of one record each, every one cut to half its length. */
static size_t gen_gzip_members_cut_short(fx_bytes *out, size_t n)
{
    for (uint32_t k = 0; out->len < n; k++) {
        fx_bytes rec = {0}, z = {0};
        put_response(&rec, 300, 0, k);
        fx_gzip(&z, rec.data, rec.len);
        fx_put(out, z.data, z.len / 2);
        fx_free(&rec);
        fx_free(&z);
    }
    return ANY_COUNT; /* a cut member runs into the next one's bytes */
}

/* A good member, then garbage studded with plausible member headers
 * (magic, deflate, no flags, OS byte 3): the search after the damage
 * opens each of them, and each fails. */
static size_t gen_gzip_false_headers(fx_bytes *out, size_t n)
{
    static const unsigned char header[10] = {0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3};
    fx_bytes rec = {0};
    put_response(&rec, 200, 0, 7);
    fx_gzip(out, rec.data, rec.len);
    fx_free(&rec);
    while (out->len < n) {
        fx_put(out, header, sizeof header);
        put_prose(out, 6, (uint32_t)out->len);
    }
    return ANY_COUNT;
}

/* Members whose record claims far more bytes than the member holds. */
static size_t gen_gzip_lying_long(fx_bytes *out, size_t n)
{
    size_t count = 0;
    for (uint32_t k = 0; out->len < n; k++, count++) {
        fx_bytes rec = {0};
        put_response(&rec, 200, 1000000000L, k);
        fx_gzip(out, rec.data, rec.len);
        fx_free(&rec);
    }
    return count; /* one error per member */
}

/* Members whose record claims 100 bytes fewer than it holds. */
static size_t gen_gzip_lying_short(fx_bytes *out, size_t n)
{
    size_t count = 0;
    for (uint32_t k = 0; out->len < n; k++, count++) {
        fx_bytes rec = {0};
        put_response(&rec, 300, -100, k);
        fx_gzip(out, rec.data, rec.len);
        fx_free(&rec);
    }
    return count; /* one result per member */
}

/* Uncompressed records each claiming 100 bytes fewer than they hold: the
 * reader looks for the next "WARC/1." line after each. */
static size_t gen_plain_lying_short(fx_bytes *out, size_t n)
{
    for (uint32_t k = 0; out->len < n; k++)
        put_response(out, 300, -100, k);
    return ANY_COUNT;
}

/* An uncompressed record claiming a terabyte, then good records: it
 * swallows them and is cut off by the end of the stream. */
static size_t gen_plain_lying_long(fx_bytes *out, size_t n)
{
    put_response(out, 200, 1000000000000L, 0);
    for (uint32_t k = 1; out->len < n; k++)
        put_response(out, 300, 0, k);
    return 1;
}

/* "WARC/1.0" lines and header lines with no blank line ever: each version
 * line starts a record whose header block never ends. */
static size_t gen_plain_endless_headers(fx_bytes *out, size_t n)
{
    while (out->len < n)
        fx_puts(out, "WARC/1.0\r\nWARC-Type: response\r\n");
    return ANY_COUNT;
}

static size_t gen_nul_bytes(fx_bytes *out, size_t n)
{
    static const char zeros[4096];
    while (out->len < n)
        fx_put(out, zeros, n - out->len < sizeof zeros ? n - out->len : sizeof zeros);
    return ANY_COUNT;
}

/* A gzip member of n NUL bytes, a good member, then a member of NULs. */
static size_t gen_gzip_nul_records(fx_bytes *out, size_t n)
{
    fx_bytes zeros = {0}, rec = {0};
    gen_nul_bytes(&zeros, n / 2);
    fx_gzip(out, zeros.data, zeros.len);
    put_response(&rec, 300, 0, 3);
    fx_gzip(out, rec.data, rec.len);
    fx_gzip(out, zeros.data, zeros.len);
    fx_free(&zeros);
    fx_free(&rec);
    return 3;
}

/* One JSONL line: a text of n bytes full of escapes. */
static size_t gen_jsonl_long_line(fx_bytes *out, size_t n)
{
    static const char piece[] =
        "\\\"We will win,\\\" he said. \\u201cNo,\\u201d she said.\\n\\t";
    fx_puts(out, "{\"id\":\"long\",\"text\":\"");
    while (out->len < n)
        fx_puts(out, piece);
    fx_puts(out, "\"}\n");
    return 1;
}

/* A JSON string that never closes. */
static size_t gen_jsonl_unterminated(fx_bytes *out, size_t n)
{
    fx_puts(out, "{\"text\":\"");
    put_prose(out, n, 5);
    return 1; /* the JSON error */
}

/* Arrays nested n deep in one line. */
static size_t gen_jsonl_deep(fx_bytes *out, size_t n)
{
    fx_puts(out, "{\"text\":\"a\",\"x\":");
    while (out->len < n)
        fx_puts(out, "[[[[[[[[");
    fx_puts(out, "\n");
    return 1; /* the nesting error */
}

/* Many blank and short lines. */
static size_t gen_jsonl_short_lines(fx_bytes *out, size_t n)
{
    size_t count = 0;
    while (out->len < n) {
        fx_puts(out, "\n \r\n{\"text\":\"\\\"Yes,\\\" he said.\"}\n{}\n");
        count += 2; /* a document, and {} without a text: an error */
    }
    return count;
}

/* One line of text, no '\n' anywhere. */
static size_t gen_text_long_line(fx_bytes *out, size_t n)
{
    put_prose(out, n, 9);
    return 1;
}

/* The stream's bytes, plus for gzip what its members inflate to as far
 * as each is whole (the reader does no more inflating than that, give or
 * take the bytes it searches again after damage). */
static size_t measured_size(const fx_bytes *s)
{
    size_t size = s->len;
    if (s->len < 2 || (unsigned char)s->data[0] != 0x1f || (unsigned char)s->data[1] != 0x8b)
        return size;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        exit(2);
    z.next_in = (Bytef *)s->data;
    z.avail_in = (uInt)s->len;
    for (;;) {
        char buf[4096];
        z.next_out = (Bytef *)buf;
        z.avail_out = sizeof buf;
        int ret = inflate(&z, Z_NO_FLUSH);
        size += sizeof buf - z.avail_out;
        if (ret == Z_STREAM_END && z.avail_in > 0)
            inflateReset(&z); /* the next member */
        else if (ret != Z_OK)
            break;
    }
    inflateEnd(&z);
    return size;
}

/* ===================================================================== */
/*  Reading                                                              */
/* ===================================================================== */

typedef struct family {
    const char *name;
    ws_input_format format;
    size_t (*gen)(fx_bytes *out, size_t n);
    size_t n;     /* the smaller size; the larger is 4n */
    size_t piece; /* fed in pieces of this many bytes; 0: whole */
} family;

static const family families[] = {
    {"gzip: one record cut off", WS_INPUT_WARC, gen_gzip_truncated_record, 256 * KIB, 4 * KIB},
    {"gzip: one record cut off, fed whole", WS_INPUT_WARC, gen_gzip_truncated_record, 256 * KIB, 0},
    {"gzip: every member cut short", WS_INPUT_WARC, gen_gzip_members_cut_short, 256 * KIB, 4 * KIB},
    {"gzip: member headers in garbage", WS_INPUT_WARC, gen_gzip_false_headers, 256 * KIB, 4 * KIB},
    {"gzip: member headers in garbage, whole", WS_INPUT_WARC, gen_gzip_false_headers, 256 * KIB, 0},
    {"gzip: Content-Length lying long", WS_INPUT_WARC, gen_gzip_lying_long, 256 * KIB, 4 * KIB},
    {"gzip: Content-Length lying short", WS_INPUT_WARC, gen_gzip_lying_short, 256 * KIB, 4 * KIB},
    {"gzip: members of NUL bytes", WS_INPUT_WARC, gen_gzip_nul_records, 256 * KIB, 4 * KIB},
    {"WARC: Content-Length lying short", WS_INPUT_WARC, gen_plain_lying_short, 256 * KIB, 4 * KIB},
    {"WARC: Content-Length lying long", WS_INPUT_WARC, gen_plain_lying_long, 256 * KIB, 4 * KIB},
    {"WARC: header blocks that never end", WS_INPUT_WARC, gen_plain_endless_headers, 2 * MIB, 64 * KIB},
    {"WARC: header blocks that never end, whole", WS_INPUT_WARC, gen_plain_endless_headers, 2 * MIB, 0},
    {"WARC: NUL bytes", WS_INPUT_WARC, gen_nul_bytes, 256 * KIB, 4 * KIB},
    {"JSONL: a 10 MiB line in 4 KiB pieces", WS_INPUT_JSONL, gen_jsonl_long_line, 10 * MIB / 4, 4 * KIB},
    {"JSONL: a line fed a byte at a time", WS_INPUT_JSONL, gen_jsonl_long_line, 64 * KIB, 1},
    {"JSONL: a string that never closes", WS_INPUT_JSONL, gen_jsonl_unterminated, 256 * KIB, 4 * KIB},
    {"JSONL: deep nesting", WS_INPUT_JSONL, gen_jsonl_deep, 256 * KIB, 4 * KIB},
    {"JSONL: NUL bytes", WS_INPUT_JSONL, gen_nul_bytes, 256 * KIB, 4 * KIB},
    {"JSONL: many short lines, a byte at a time", WS_INPUT_JSONL, gen_jsonl_short_lines, 16 * KIB, 1},
    {"text: a 10 MiB line in 4 KiB pieces", WS_INPUT_TEXT, gen_text_long_line, 10 * MIB / 4, 4 * KIB},
    {"HTML: NUL bytes", WS_INPUT_HTML, gen_nul_bytes, 256 * KIB, 4 * KIB},
};

typedef struct outcome {
    bool done;      /* WS_DONE came, within the work budget */
    uint64_t work;
    size_t results; /* documents, skips and errors */
} outcome;

/* Feed the next piece, or finish: false when the reader refused it. */
static bool feed_piece(ws_reader *r, const fx_bytes *s, size_t piece, size_t *fed)
{
    ws_error err;
    size_t rest = s->len - *fed;
    size_t k = piece && piece < rest ? piece : rest;
    if (k && ws_reader_feed(r, s->data + *fed, k, &err) != WS_OK) {
        printf("  ws_reader_feed: %s\n", err.message);
        return false;
    }
    *fed += k;
    if (*fed == s->len)
        ws_reader_finish(r);
    return true;
}

static outcome read_stream(const family *f, const fx_bytes *s)
{
    outcome o = {0};
    ws_reader *r = ws_reader_new(f->format, NULL);
    if (!r)
        return o;
    uint64_t budget = (uint64_t)WORK_BUDGET_PER_BYTE * (measured_size(s) + 1);
    size_t fed = 0;
    bool finished = s->len == 0;
    if (finished)
        ws_reader_finish(r);
    while (ws_reader_work(r) <= budget) {
        ws_document doc;
        ws_error err;
        ws_status st = ws_reader_next(r, &doc, &err);
        if (st == WS_DONE) {
            o.done = true;
            break;
        }
        if (st == WS_NEED_INPUT) {
            if (finished) {
                printf("  %s: WS_NEED_INPUT after the stream was finished\n", f->name);
                break;
            }
            if (!feed_piece(r, s, f->piece, &fed))
                break;
            finished = fed == s->len;
            continue;
        }
        if (st == WS_ERR_NOMEM || st == WS_ERR_INVALID_ARG) {
            printf("  %s: %s\n", f->name, ws_status_name(st));
            break;
        }
        o.results++;
    }
    o.work = ws_reader_work(r);
    if (!o.done && o.work > budget)
        printf("  %s: over the work budget (%llu units for %zu bytes)\n", f->name,
               (unsigned long long)o.work, s->len);
    ws_reader_free(r);
    return o;
}

static void test_family(const family *f)
{
    test_current = f->name;
    fx_bytes small = {0}, large = {0};
    size_t want_small = f->gen(&small, f->n);
    size_t want_large = f->gen(&large, 4 * f->n);
    outcome a = read_stream(f, &small);
    outcome b = read_stream(f, &large);

    CHECK(a.done && b.done);
    CHECK(a.work > 0);
    /* the stream, not the size asked for, is what the work is measured
     * against: generators overshoot by up to one piece */
    double ratio = a.work ? (double)b.work / (double)a.work : 0.0;
    size_t small_size = measured_size(&small), large_size = measured_size(&large);
    double size_ratio = small_size ? (double)large_size / (double)small_size : 0.0;
    bool linear = ratio <= 1.25 * size_ratio;
    CHECK(linear);
    bool counted = (want_small == ANY_COUNT || a.results == want_small) &&
                   (want_large == ANY_COUNT || b.results == want_large);
    CHECK(counted);
    CHECK(a.results >= 1 && b.results >= a.results);

    printf("  %-42s work %10llu -> %10llu (x%.2f for x%.2f bytes, %.1f/byte), "
           "%zu -> %zu results\n",
           f->name, (unsigned long long)a.work, (unsigned long long)b.work, ratio,
           size_ratio, large_size ? (double)b.work / (double)large_size : 0.0,
           a.results, b.results);
    if (!linear)
        printf("  FAIL %s: work grew x%.2f for x%.2f input\n", f->name, ratio, size_ratio);
    if (!counted)
        printf("  FAIL %s: %zu and %zu results, not %zu and %zu\n", f->name, a.results,
               b.results, want_small, want_large);
    fx_free(&small);
    fx_free(&large);
    test_current = "";
}

/* ===================================================================== */
/*  HTML pages                                                           */
/* ===================================================================== */

/* Each builds a page of about n bytes. */
typedef void (*page_gen)(fx_bytes *out, size_t n);

#define PAGE_HEAD "<html><head><title>Breaking news</title></head><body>"
#define PAGE_TAIL "</body></html>"

static void repeat_until(fx_bytes *out, size_t n, const char *piece)
{
    while (out->len < n)
        fx_puts(out, piece);
}

static void put_times(fx_bytes *out, const char *piece, int times)
{
    for (int k = 0; k < times; k++)
        fx_puts(out, piece);
}

static void page_one_paragraph(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<article><p>");
    put_prose(out, n, 11);
    fx_puts(out, "</p></article>" PAGE_TAIL);
}

static void page_many_paragraphs(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<div class=\"article-body\">");
    repeat_until(out, n, "<p>\"We will win, and soon,\" the mayor said, smiling.</p>\n");
    fx_puts(out, "</div>" PAGE_TAIL);
}

/* Blocks nested 200 deep (under libxml2's 256), again and again. */
static void page_nested_blocks(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    while (out->len < n) {
        put_times(out, "<div>", 200);
        fx_puts(out, "<p>Some text, with commas, here and there, enough to score.</p>");
        put_times(out, "</div>", 200);
    }
    fx_puts(out, PAGE_TAIL);
}

/* A chain of 250 single-child blocks around one long paragraph: the
 * article climbs it. */
static void page_single_child_chain(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    put_times(out, "<div>", 250);
    fx_puts(out, "<p>");
    put_prose(out, n, 13);
    fx_puts(out, "</p>");
    put_times(out, "</div>", 250);
    fx_puts(out, PAGE_TAIL);
}

/* Formatting tags never closed: libxml2 nests them until its limit, and
 * the page is refused. */
static void page_unclosed_tags(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    repeat_until(out, n, "<p>text, more <b>bold <i>it <span>x, y ");
}

/* The same tags left open, each block's end closing them. */
static void page_tags_left_open(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    repeat_until(out, n, "<div><p>text, more <b>bold <i>it <span>x, y, z and so on</div>\n");
    fx_puts(out, PAGE_TAIL);
}

/* Headings that repeat the title, each compared with it. */
static void page_headline_repeats(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    repeat_until(out, n, "<h1>Breaking news</h1><p>A line of text, with commas, to score.</p>");
    fx_puts(out, PAGE_TAIL);
}

static void page_json_ld(fx_bytes *out, size_t n)
{
    fx_puts(out, "<html><head>");
    repeat_until(out, n, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                         "\"author\":{\"name\":\"A\"},\"other\":\"x\"}</script>");
    fx_puts(out, "</head><body><p>Text, text, text.</p>" PAGE_TAIL);
}

/* Tags of 100 attributes each. */
static void page_many_attributes(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD);
    while (out->len < n) {
        fx_puts(out, "<p");
        for (unsigned k = 0; k < 100; k++)
            fx_printf(out, " a%zu=\"1\"", k);
        fx_puts(out, ">Text, with commas, in a paragraph of some length.</p>");
    }
    fx_puts(out, PAGE_TAIL);
}

static void page_links(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<div>");
    repeat_until(out, n, "<a href=\"/x\">a link, one of many</a> ");
    fx_puts(out, "</div>" PAGE_TAIL);
}

static void page_no_tags(fx_bytes *out, size_t n)
{
    put_prose(out, n, 17);
}

static void page_every_byte(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<p>");
    for (size_t i = 0; out->len < n; i++) {
        char c = (char)(unsigned char)(i & 0xFF);
        fx_put(out, &c, 1);
    }
}

/* windows-1252 text (its high bytes, undefined ones included), decoded
 * with iconv. */
static void page_legacy(fx_bytes *out, size_t n)
{
    fx_puts(out, "<html><head><meta charset=\"windows-1252\"></head><body><p>");
    for (size_t i = 0; out->len < n; i++) {
        char c = (char)(unsigned char)(i % 3 ? 'a' + i % 26 : 0x80 + i % 128);
        fx_put(out, &c, 1);
    }
}

static void page_unclosed_comment(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<p>Text.</p><!--");
    put_prose(out, n, 19);
}

static void page_unclosed_attribute(fx_bytes *out, size_t n)
{
    fx_puts(out, PAGE_HEAD "<p title=\"");
    put_prose(out, n, 23);
}

static void page_nul(fx_bytes *out, size_t n)
{
    gen_nul_bytes(out, n);
}

typedef struct page_family {
    const char *name;
    page_gen gen;
    size_t n;     /* the smaller size; the larger is 4n */
    ws_status want;
} page_family;

static const page_family page_families[] = {
    {"one paragraph of 10 MiB", page_one_paragraph, 10 * MIB / 4, WS_OK},
    {"many paragraphs", page_many_paragraphs, 256 * KIB, WS_OK},
    {"blocks nested 200 deep, again and again", page_nested_blocks, 256 * KIB, WS_OK},
    {"a chain of 250 single-child blocks", page_single_child_chain, 256 * KIB, WS_OK},
    {"formatting tags never closed: too deep", page_unclosed_tags, 256 * KIB, WS_ERR_TOO_LARGE},
    {"formatting tags left open in each block", page_tags_left_open, 256 * KIB, WS_OK},
    {"headings repeating the title", page_headline_repeats, 256 * KIB, WS_OK},
    {"JSON-LD blocks", page_json_ld, 256 * KIB, WS_OK},
    {"tags of 100 attributes", page_many_attributes, 256 * KIB, WS_OK},
    {"links only", page_links, 256 * KIB, WS_OK},
    {"a 10 MiB line of text, no tags", page_no_tags, 10 * MIB / 4, WS_OK},
    {"every byte value", page_every_byte, 256 * KIB, WS_OK},
    {"windows-1252 high bytes", page_legacy, 256 * KIB, WS_OK},
    {"a comment never closed", page_unclosed_comment, 256 * KIB, WS_OK},
    {"an attribute value never closed", page_unclosed_attribute, 256 * KIB, WS_OK},
    {"NUL bytes", page_nul, 256 * KIB, WS_OK},
};

typedef struct page_outcome {
    ws_status st;
    uint64_t work;
    size_t text_len;
} page_outcome;

static page_outcome extract_page(ws_html *h, const fx_bytes *page)
{
    page_outcome o = {0};
    ws_page out;
    ws_error err;
    o.st = ws_html_extract(h, page->data, page->len, NULL, 0, &out, &err);
    o.work = ws_html_work(h);
    o.text_len = out.text_len;
    return o;
}

static void test_page_family(ws_html *h, const page_family *f)
{
    test_current = f->name;
    fx_bytes small = {0}, large = {0};
    f->gen(&small, f->n);
    f->gen(&large, 4 * f->n);
    page_outcome a = extract_page(h, &small);
    page_outcome b = extract_page(h, &large);

    /* the page's text, or for a page libxml2 would cut (nesting past its
     * limit) a refusal */
    CHECK_EQ_INT(a.st, f->want);
    CHECK_EQ_INT(b.st, f->want);
    CHECK(a.work > 0);
    double ratio = a.work ? (double)b.work / (double)a.work : 0.0;
    double size_ratio = (double)large.len / (double)small.len;
    bool linear = ratio <= 1.25 * size_ratio;
    CHECK(linear);
    printf("  %-42s work %10llu -> %10llu (x%.2f for x%.2f bytes, %.1f/byte), "
           "%s, text %zu -> %zu bytes\n",
           f->name, (unsigned long long)a.work, (unsigned long long)b.work, ratio,
           size_ratio, (double)b.work / (double)large.len, ws_status_name(a.st),
           a.text_len, b.text_len);
    if (!linear)
        printf("  FAIL %s: work grew x%.2f for x%.2f input\n", f->name, ratio, size_ratio);
    fx_free(&small);
    fx_free(&large);
    test_current = "";
}

int main(void)
{
    printf("reader work at N -> 4N (the limit is x1.25 the growth of the stream):\n");
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
        test_family(&families[i]);

    printf("HTML extraction work at N -> 4N (the same limit):\n");
    ws_html *h = ws_html_new(NULL);
    CHECK(h != NULL);
    for (size_t i = 0; h && i < sizeof page_families / sizeof page_families[0]; i++)
        test_page_family(h, &page_families[i]);
    ws_html_free(h);
    return test_summary();
}
