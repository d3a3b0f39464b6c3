/*
 * src/index.c through the public API: ws_index_build on a small set of
 * records: one quotation reported four ways (case, punctuation, cut at
 * its end, cut at its start) becomes one entry with a voted speaker;
 * the same entries whatever the number of partitions; bad lines, types,
 * the corpus page, I/O errors and allocation failures (nothing leaked,
 * no temporary file left). The speaker names of one person merged across
 * documents (a bare surname, middle initials, a short given name), the
 * names that must stay apart (two Clintons, two George Bushes,
 * organisations), the report of the merges, and a full name table (with
 * src/index.c compiled a second time with a tiny one).
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
    /* an output that is the input is refused before anything is opened */
    write_text(out, RECORDS);
    CHECK_EQ_INT(build(out, out, &o, &st), WS_ERR_INVALID_ARG);
    char *kept = read_text(out);
    CHECK(kept && strcmp(kept, RECORDS) == 0);
    free(kept);
    write_text(out, "");
    char other[96];
    snprintf(other, sizeof other, "%s/other.jsonl", dir);
    o.tmpdir = "/nonexistent";
    CHECK_EQ_INT(build(out, other, &o, &st), WS_ERR_IO);
    remove(other);
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

/* A direct record; speaker as JSON ("\"Obama\"" or "null"). */
#define REC(doc, speaker, quote)                                                        \
    "{\"doc\":\"" doc "\",\"type\":\"direct\",\"start\":0,\"end\":9,\"quote\":\"" quote \
    "\",\"speaker\":" speaker "}\n"

/* Reporters name one person several ways across documents (issue 14,
 * point 11). */
static const char NAMES[] =
    REC("A", "\"Barack Obama\"", "We will rebuild the roads and bridges of this country")
    REC("B", "\"Obama\"", "Nobody is above the law in this country of ours")
    REC("C", "\"Obama\"", "Nobody is above the law in this country of ours")
    REC("D", "\"Donald Trump\"", "The wall will be built and it will be beautiful")
    REC("E", "\"Donald J. Trump\"", "The wall will be built and it will be beautiful")
    REC("F", "\"Mitt Romney\"", "The wall will be built and it will be beautiful")
    REC("G", "\"Donald Trump\"", "We are going to win so much you will get tired of winning")
    REC("H", "\"Josh Apte\"", "Air pollution cuts lives short by more than a year")
    REC("I", "\"Joshua Apte\"", "Clean air is the cheapest medicine we have got")
    REC("J", "\"Hillary Clinton\"", "I am with her and proud of it every day")
    REC("K", "\"Bill Clinton\"", "It depends on what the meaning of the word is")
    REC("L", "\"Clinton\"", "We have to keep the promises we made to the voters")
    REC("M", "\"George W. Bush\"", "Mission accomplished on the deck of the carrier")
    REC("N", "\"George H. W. Bush\"", "Read my lips and hear me say no new taxes")
    REC("O", "\"George Bush\"", "A thousand points of light across the land")
    REC("P", "\"White House\"", "The president has full confidence in his team")
    REC("Q", "\"House\"", "The bill passes to the other chamber next week")
    REC("R", "\"a spokesman\"", "We do not comment on personnel matters at all");

TEST(one_person_many_names)
{
    char in[96], out[96], html[96], merged[96];
    snprintf(in, sizeof in, "%s/names.jsonl", dir);
    snprintf(out, sizeof out, "%s/index.jsonl", dir);
    snprintf(html, sizeof html, "%s/corpus.html", dir);
    snprintf(merged, sizeof merged, "%s/merged.jsonl", dir);
    write_text(in, NAMES);
    ws_index_options o;
    ws_index_options_init(&o);
    o.tmpdir = dir;
    o.html = html;
    o.merged = merged;
    ws_index_stats st;
    CHECK_EQ_INT(build(in, out, &o, &st), WS_OK);
    CHECK_EQ_INT(st.entries, 15);
    /* "White House", "House" and "a spokesman" are no person's names */
    CHECK_EQ_INT(st.names, 13);
    CHECK_EQ_INT(st.names_merged, 3);
    CHECK_EQ_INT(st.names_untracked, 0);
    char *idx = read_text(out);
    /* a bare surname that one person has: "Obama" only, yet Barack Obama */
    const char *e = line_with(idx, "\"quotation\":\"Nobody is above the law");
    CHECK(e && strstr(e, "\"speaker\":\"Barack Obama\",\"probas\":[{\"speaker\":\"Barack Obama\","
                         "\"p\":1.0000}],\"numOccurrences\":2,") != NULL);
    CHECK(e && strstr(e, "{\"doc\":\"B\",\"start\":0,\"end\":9,\"type\":\"direct\","
                         "\"speaker\":\"Obama\"}") != NULL); /* as its record says */
    /* middle initials aside: the two names' votes are one speaker's */
    e = line_with(idx, "\"quotation\":\"The wall will be built");
    CHECK(e && strstr(e, "\"speaker\":\"Donald J. Trump\",\"probas\":[{\"speaker\":\"Donald J. Trump\","
                         "\"p\":0.6667},{\"speaker\":\"Mitt Romney\",\"p\":0.3333}]") != NULL);
    e = line_with(idx, "\"quotation\":\"We are going to win");
    CHECK(e && strstr(e, "\"speaker\":\"Donald J. Trump\",") != NULL);
    /* a short given name */
    e = line_with(idx, "\"quotation\":\"Air pollution");
    CHECK(e && strstr(e, "\"speaker\":\"Joshua Apte\",") != NULL);
    /* two Clintons: the bare surname could be either */
    e = line_with(idx, "\"quotation\":\"We have to keep the promises");
    CHECK(e && strstr(e, "\"speaker\":\"Clinton\",") != NULL);
    e = line_with(idx, "\"quotation\":\"I am with her");
    CHECK(e && strstr(e, "\"speaker\":\"Hillary Clinton\",") != NULL);
    /* two George Bushes, told apart by their middle initials */
    e = line_with(idx, "\"quotation\":\"A thousand points");
    CHECK(e && strstr(e, "\"speaker\":\"George Bush\",") != NULL);
    e = line_with(idx, "\"quotation\":\"Read my lips");
    CHECK(e && strstr(e, "\"speaker\":\"George H. W. Bush\",") != NULL);
    e = line_with(idx, "\"quotation\":\"The bill passes");
    CHECK(e && strstr(e, "\"speaker\":\"House\",") != NULL);

    /* the report: a JSON line per merged name, by the name it counts as */
    char *m = read_text(merged);
    CHECK_EQ_CSTR(m ? m : "", m ? strlen(m) : 0,
                 "{\"name\":\"Obama\",\"speaker\":\"Barack Obama\",\"rule\":\"surname\",\"occurrences\":2}\n"
                 "{\"name\":\"Donald Trump\",\"speaker\":\"Donald J. Trump\",\"rule\":\"middle\","
                 "\"occurrences\":2}\n"
                 "{\"name\":\"Josh Apte\",\"speaker\":\"Joshua Apte\",\"rule\":\"given\",\"occurrences\":1}\n");
    /* the corpus page: the tally under the merged names, and the merges */
    char *page = read_text(html);
    CHECK(page && strstr(page, "<tr data-speaker=\"Donald J. Trump\"><td><span class=\"sw\"") != NULL);
    CHECK(page && strstr(page, "Donald J. Trump</td><td>2</td><td>4</td></tr>") != NULL);
    CHECK(page && strstr(page, "<tr data-speaker=\"Donald Trump\">") == NULL);
    CHECK(page && strstr(page, "<tr data-speaker=\"Obama\">") == NULL);
    CHECK(page && strstr(page, "<tr data-speaker=\"Clinton\">") != NULL);
    CHECK(page && strstr(page, "<h2>Merged speaker names</h2>") != NULL);
    CHECK(page && strstr(page, "<tr data-name=\"Obama\" data-speaker=\"Barack Obama\" "
                               "data-rule=\"surname\"><td>Obama</td><td>Barack Obama</td>"
                               "<td>surname</td><td>2</td></tr>") != NULL);
    CHECK(page && strstr(page, "data-name=\"Josh Apte\" data-speaker=\"Joshua Apte\" "
                               "data-rule=\"given\"") != NULL);
    CHECK(page && strstr(page, "name table") == NULL);
    CHECK_EQ_INT(leftovers(dir), 0);

    /* the same at 256 partitions */
    o.memory = 1;
    char *again = NULL;
    CHECK_EQ_INT(build(in, out, &o, &st), WS_OK);
    again = read_text(merged);
    CHECK(m && again && strcmp(m, again) == 0);
    /* a merged file that cannot be made: named, nothing left behind */
    o.merged = "/nonexistent/merged.jsonl";
    CHECK_EQ_INT(build(in, out, &o, &st), WS_ERR_IO);
    CHECK(st.file && strcmp(st.file, "/nonexistent/merged.jsonl") == 0);
    CHECK_EQ_INT(leftovers(dir), 0);
    free(idx);
    free(m);
    free(again);
    free(page);
    remove(in);
    remove(out);
    remove(html);
    remove(merged);
}


/* The index a second time, with a name table of four (after the tests
 * above, whose names would shadow its types). */
#define WS_INDEX_NAMES_CAP 4
#define ws_index_build small_index_build
#define ws_index_options_init small_index_options_init
#include "../src/index.c"
#undef ws_index_build
#undef ws_index_options_init

/* A name table of four: the names met once it is full are not merged
 * (the Trumps), those held still are (the Obamas), and the run says how
 * many records were left out. */
TEST(name_table_full)
{
    static const char FULL[] =
        REC("A", "\"Barack Obama\"", "We will rebuild the roads and bridges of this country")
        REC("B", "\"Obama\"", "Nobody is above the law in this country of ours")
        REC("C", "\"Mitt Romney\"", "Corporations are people too my friend")
        REC("D", "\"Paul Ryan\"", "We are a nation of makers and takers today")
        REC("E", "\"Donald Trump\"", "The wall will be built and it will be beautiful")
        REC("F", "\"Donald J. Trump\"", "We are going to win so much you will get tired of winning")
        REC("G", "\"Paul Ryan\"", "The budget is a moral document for the country");
    char in[96], dst[96], html[96], merged[96];
    snprintf(in, sizeof in, "%s/full.jsonl", dir);
    snprintf(dst, sizeof dst, "%s/index.jsonl", dir);
    snprintf(html, sizeof html, "%s/corpus.html", dir);
    snprintf(merged, sizeof merged, "%s/merged.jsonl", dir);
    write_text(in, FULL);
    ws_index_options o;
    small_index_options_init(&o);
    o.tmpdir = dir;
    o.html = html;
    o.merged = merged;
    ws_index_stats st;
    ws_error err;
    const char *inputs[] = {in};
    CHECK_EQ_INT(small_index_build(inputs, 1, dst, &o, &st, &err), WS_OK);
    CHECK_EQ_INT(st.names, 4);
    CHECK_EQ_INT(st.names_untracked, 2);
    CHECK_EQ_INT(st.names_merged, 1);
    char *lines = read_text(dst);
    const char *e = line_with(lines, "\"quotation\":\"Nobody is above the law");
    CHECK(e && strstr(e, "\"speaker\":\"Barack Obama\",") != NULL);
    e = line_with(lines, "\"quotation\":\"The wall will be built");
    CHECK(e && strstr(e, "\"speaker\":\"Donald Trump\",") != NULL);
    e = line_with(lines, "\"quotation\":\"We are going to win");
    CHECK(e && strstr(e, "\"speaker\":\"Donald J. Trump\",") != NULL);
    char *m = read_text(merged);
    CHECK_EQ_CSTR(m ? m : "", m ? strlen(m) : 0,
                 "{\"name\":\"Obama\",\"speaker\":\"Barack Obama\",\"rule\":\"surname\",\"occurrences\":1}\n");
    char *page = read_text(html);
    CHECK(page && strstr(page, "<p class=\"note\">More distinct speaker names than the name table "
                               "holds (4): the speakers of 2 records were not merged.</p>") != NULL);
    CHECK_EQ_INT(leftovers(dir), 0);
    free(lines);
    free(m);
    free(page);
    remove(in);
    remove(dst);
    remove(html);
    remove(merged);
}


int main(void)
{
    strcpy(dir, "/tmp/whosaid-test-index-XXXXXX");
    if (!mkdtemp(dir)) {
        printf("cannot make a temporary directory\n");
        return 1;
    }
    RUN_TEST(one_quotation_four_ways);
    RUN_TEST(one_person_many_names);
    RUN_TEST(name_table_full);
    RUN_TEST(io_errors);
    RUN_TEST(allocation_failures);
    rmdir(dir);
    return test_summary();
}
