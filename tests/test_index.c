/*
 * src/index.c through the public API: ws_index_build on a small set of
 * records: one quotation reported four ways (case, punctuation, cut at
 * its end, cut at its start) becomes one entry with a voted speaker;
 * the same entries whatever the number of partitions; bad lines, types,
 * the corpus page, I/O errors and allocation failures (nothing leaked,
 * no temporary file left).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "whosaid.h"

static char dir[64];

static const char RECORDS[] =
    "{\"doc\":\"A\",\"type\":\"direct\",\"start\":10,\"end\":60,\"quote\":\"We will make America "
    "great again, and we will win,\",\"speaker\":\"Donald Trump\",\"rule\":\"x\"}\n"
    "{\"doc\":\"B\",\"type\":\"direct\",\"start\":5,\"end\":52,\"quote\":\"\\u201cwe will MAKE "
    "america great again and we WILL win\\u201d\",\"speaker\":\"Trump\",\"url\":\"http://b.example/1\","
    "\"date\":\"2016-09-12\"}\n"
    "{\"doc\":\"C\",\"type\":\"direct\",\"start\":0,\"end\":32,\"quote\":\"We will make America great "
    "again\",\"speaker\":\"Donald Trump\"}\n"
    "{\"doc\":\"E\",\"type\":\"direct\",\"start\":3,\"end\":45,\"quote\":\"Make America great again, "
    "and we will win\",\"speaker\":null}\n"
    "{\"doc\":7,\"type\":\"direct\",\"start\":1,\"end\":30,\"quote\":\"The weather is fine today in "
    "Ohio\",\"speaker\":\"Jane Doe\",\"extra\":{\"a\":[1,2,{\"b\":null}]}}\n"
    "{\"doc\":\"F\",\"type\":\"indirect\",\"start\":1,\"end\":30,\"quote\":\"taxes would go down\","
    "\"speaker\":\"Jane Doe\"}\n"
    "not a record\n"
    "{\"doc\":\"G\",\"type\":\"direct\",\"start\":1,\"end\":3,\"quote\":\"--\",\"speaker\":null}\n";

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    if (buf)
        buf[fread(buf, 1, (1 << 16) - 1, f)] = '\0';
    fclose(f);
    return buf;
}

static size_t lines_of(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static const char *line_with(const char *s, const char *needle)
{
    const char *p = s ? strstr(s, needle) : NULL;
    while (p && p > s && p[-1] != '\n')
        p--;
    return p;
}

/* The temporary directory holds nothing but the test's own files. */
static size_t leftovers(const char *tmp)
{
    DIR *d = opendir(tmp);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, "whosaid-index-", 14) == 0;
    if (d)
        closedir(d);
    return n;
}

static ws_status build(const char *in, const char *out, ws_index_options *o, ws_index_stats *st)
{
    ws_error err;
    const char *inputs[] = {in};
    return ws_index_build(inputs, 1, out, o, st, &err);
}

TEST(one_quotation_four_ways)
{
    char in[96], out[96], html[96];
    snprintf(in, sizeof in, "%s/records.jsonl", dir);
    snprintf(out, sizeof out, "%s/index.jsonl", dir);
    snprintf(html, sizeof html, "%s/corpus.html", dir);
    write_text(in, RECORDS);
    ws_index_options o;
    ws_index_options_init(&o);
    o.tmpdir = dir;
    o.html = html;
    ws_index_stats st;
    CHECK_EQ_INT(build(in, out, &o, &st), WS_ERR_JSON); /* "not a record" */
    CHECK_EQ_INT(st.lines_bad, 1);
    CHECK_EQ_INT(st.records_read, 7);
    CHECK_EQ_INT(st.records_indexed, 5); /* no indirect, no "--" */
    CHECK_EQ_INT(st.entries, 2);
    CHECK_EQ_INT(st.repeated, 1);
    CHECK_EQ_INT(leftovers(dir), 0);
    char *idx = read_text(out);
    CHECK_EQ_INT(lines_of(idx), 2);
    const char *maga = line_with(idx, "\"quotation\":\"We will make America great again, and we will win,\"");
    if (CHECK(maga != NULL)) {
        CHECK(strncmp(maga, "{\"quoteID\":\"", 12) == 0);
        CHECK(strstr(maga, "\"speaker\":\"Donald Trump\",\"probas\":[{\"speaker\":\"Donald Trump\","
                           "\"p\":0.7500},{\"speaker\":null,\"p\":0.2500}],\"numOccurrences\":4,"
                           "\"numDocuments\":4,") != NULL);
        CHECK(strstr(maga, "{\"doc\":\"B\",\"start\":5,\"end\":52,\"type\":\"direct\",\"speaker\":\"Trump\","
                           "\"url\":\"http://b.example/1\",\"date\":\"2016-09-12\"}") != NULL);
        CHECK(strstr(maga, "{\"doc\":\"E\",") != NULL);
    }
    CHECK(line_with(idx, "{\"doc\":\"7\",") != NULL); /* a number id, as written */
    char *page = read_text(html);
    CHECK(page && strstr(page, "<tr data-speaker=\"Donald Trump\">") != NULL);
    CHECK(page && strstr(page, "data-documents=\"4\"><q>We will make America great again, and we will win,</q>") != NULL);
    CHECK(page && strstr(page, "src=") == NULL);

    /* 256 partitions: the same entries, in another order */
    o.memory = 1;
    o.html = NULL;
    CHECK_EQ_INT(build(in, out, &o, &st), WS_ERR_JSON);
    CHECK_EQ_INT(st.partitions, 256);
    char *small = read_text(out);
    CHECK_EQ_INT(lines_of(small), 2);
    CHECK(maga && line_with(small, maga) != NULL && strncmp(line_with(small, maga), maga, strcspn(maga, "\n")) == 0);
    CHECK_EQ_INT(leftovers(dir), 0);

    /* indirect records too */
    o.types = WS_TYPE_DIRECT | WS_TYPE_INDIRECT;
    CHECK_EQ_INT(build(in, out, &o, &st), WS_ERR_JSON);
    CHECK_EQ_INT(st.entries, 3);
    free(idx);
    free(small);
    free(page);
    remove(in);
    remove(out);
    remove(html);
}

TEST(io_errors)
{
    ws_index_options o;
    ws_index_options_init(&o);
    o.tmpdir = dir;
    ws_index_stats st;
    char out[96];
    snprintf(out, sizeof out, "%s/index.jsonl", dir);
    CHECK_EQ_INT(build("/nonexistent/records.jsonl", out, &o, &st), WS_ERR_IO);
    CHECK_EQ_INT(build(out, "/nonexistent/dir/index.jsonl", &o, &st), WS_ERR_IO);
    o.tmpdir = "/nonexistent";
    write_text(out, "");
    CHECK_EQ_INT(build(out, out, &o, &st), WS_ERR_IO);
    o.tmpdir = dir;
    o.types = 1u << 7;
    CHECK_EQ_INT(build(out, out, &o, &st), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(leftovers(dir), 0);
    remove(out);
}

/* Fail each allocation in turn: WS_ERR_NOMEM, nothing leaked, nothing
 * left on disk. */
TEST(allocation_failures)
{
    char in[96], out[96];
    snprintf(in, sizeof in, "%s/records.jsonl", dir);
    snprintf(out, sizeof out, "%s/index.jsonl", dir);
    write_text(in, RECORDS);
    size_t failed = 0;
    for (size_t at = 1; at < 400; at++) {
        test_alloc t;
        ws_allocator a = test_allocator(&t, at, false);
        ws_index_options o;
        ws_index_options_init(&o);
        o.tmpdir = dir;
        o.alloc = &a;
        ws_index_stats st;
        ws_status s = build(in, out, &o, &st);
        CHECK_EQ_INT(t.live, 0);
        if (s == WS_ERR_JSON && t.failures == 0)
            break;
        failed++;
        if (!CHECK_EQ_INT(s, WS_ERR_NOMEM))
            printf("     failing allocation %zu\n", at);
    }
    CHECK(failed > 20);
    CHECK_EQ_INT(leftovers(dir), 0);
    remove(in);
    remove(out);
}

int main(void)
{
    strcpy(dir, "/tmp/whosaid-test-index-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("cannot make a temporary directory\n");
        return 1;
    }
    RUN_TEST(one_quotation_four_ways);
    RUN_TEST(io_errors);
    RUN_TEST(allocation_failures);
    rmdir(dir);
    return test_summary();
}
