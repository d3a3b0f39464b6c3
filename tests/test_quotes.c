/*
 * Stage 2, src/quotes.c: quotation-mark pairing.
 *
 * Runs ws_tokens_build and ws_quotes_pair on a ws_doc set up as
 * src/extract.c sets up its own, and checks the pairs (d->q): which marks
 * pair, the content span, the multi-paragraph convention, and the flags
 * the pairing leaves on the tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../src/pipeline.h"
#include "stage.h"


/* The content of pair k is exactly lit. */
#define CHECK_PAIR(s, k, lit)                                                        \
    do {                                                                             \
        size_t k_ = (size_t)(k);                                                     \
        if (CHECK(k_ < (s)->d.nq))                                                   \
            CHECK_EQ_CSTR((s)->d.text + (s)->d.q[k_].start,                          \
                          (size_t)((s)->d.q[k_].end - (s)->d.q[k_].start), lit);      \
    } while (0)

/* Pair the marks of text; the number of pairs. */
static size_t pairs_of(stage *s, const char *text)
{
    if (!CHECK(stage_run(s, text, TO_QUOTES)))
        return 0;
    return s->d.nq;
}

/* ---- tests -------------------------------------------------------------- */

TEST(every_family_pairs)
{
    static const struct {
        const char *text, *content;
        bool single;
    } cases[] = {
        {"He said \"yes\" today.", "yes", false},
        {"He said \xe2\x80\x9cyes\xe2\x80\x9d today.", "yes", false},
        {"He said \xe2\x80\x9eja\xe2\x80\x9c today.", "ja", false},
        {"He said \xc2\xaboui\xc2\xbb today.", "oui", false},
        {"He said \xc2\xbbja\xc2\xab today.", "ja", false},
        {"He said ''yes'' today.", "yes", false},
        {"He said ``yes'' today.", "yes", false},
        {"He said 'yes' today.", "yes", true},
        {"He said \xe2\x80\x98yes\xe2\x80\x99 today.", "yes", true},
        {"He said \xe2\x80\x9aja\xe2\x80\x98 today.", "ja", true},
        {"He said \xe2\x80\xb9oui\xe2\x80\xba today.", "oui", true},
        {"He said \xe2\x80\xbaja\xe2\x80\xb9 today.", "ja", true},
        /* white space inside the marks is not content */
        {"He said \xe2\x80\x9c yes \xe2\x80\x9d today.", "yes", false},
    };
    stage s;
    stage_open(&s);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (!CHECK_EQ_INT(pairs_of(&s, cases[k].text), 1)) {
            printf("     case %zu: %s\n", k, cases[k].text);
            continue;
        }
        CHECK_PAIR(&s, 0, cases[k].content);
        CHECK_EQ_INT(s.d.q[0].single, cases[k].single);
        CHECK_EQ_INT(s.d.q[0].open, 2);
        CHECK_EQ_INT(s.d.q[0].close, 4);
        CHECK(!s.d.q[0].to_para_end);
        CHECK_EQ_INT(s.d.q[0].para, 0);
        /* attribution fields start empty */
        CHECK(!s.d.q[0].keep);
        CHECK_EQ_INT(s.d.q[0].mention, -1);
        CHECK_EQ_INT(s.d.q[0].cue, -1);
    }
    stage_close(&s);
}

TEST(token_flags)
{
    stage s;
    stage_open(&s);
    /* 0 He 1 said 2 “ 3 a 4 ‘ 5 b 6 ’ 7 c 8 ” 9 now */
    CHECK_EQ_INT(pairs_of(&s, "He said \xe2\x80\x9c" "a \xe2\x80\x98" "b\xe2\x80\x99 c\xe2\x80\x9d now"), 1);
    CHECK_EQ_INT(s.d.ntok, 10);
    CHECK(s.d.tok[2].flags & TF_OPEN);
    CHECK(!(s.d.tok[2].flags & TF_IN_QUOTE));
    CHECK(s.d.tok[8].flags & TF_CLOSE);
    CHECK(!(s.d.tok[8].flags & TF_IN_QUOTE));
    for (size_t k = 3; k <= 7; k++)
        CHECK(s.d.tok[k].flags & TF_IN_QUOTE);
    /* the nested marks are content, not a quotation's marks */
    CHECK(!(s.d.tok[4].flags & (TF_OPEN | TF_CLOSE)));
    CHECK(!(s.d.tok[6].flags & (TF_OPEN | TF_CLOSE)));
    for (size_t k = 0; k < 2; k++)
        CHECK(!(s.d.tok[k].flags & (TF_IN_QUOTE | TF_OPEN | TF_CLOSE)));
    CHECK(!(s.d.tok[9].flags & (TF_IN_QUOTE | TF_OPEN | TF_CLOSE)));
    stage_close(&s);
}

TEST(families_do_not_cross)
{
    stage s;
    stage_open(&s);
    /* a single closer never closes a double opener */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cWe won\xe2\x80\x99 he said."), 0);
    CHECK_EQ_INT(pairs_of(&s, "\"We won' he said."), 0);
    /* two quotations side by side */
    CHECK_EQ_INT(pairs_of(&s, "\"Yes,\" she said. \"No,\" he said."), 2);
    CHECK_PAIR(&s, 0, "Yes,");
    CHECK_PAIR(&s, 1, "No,");
    CHECK(s.d.q[0].close < s.d.q[1].open);
    stage_close(&s);
}

TEST(nested_quotations_keep_only_the_outer)
{
    stage s;
    stage_open(&s);
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cHe said \xe2\x80\x98no\xe2\x80\x99 twice,\xe2\x80\x9d she said."), 1);
    CHECK_PAIR(&s, 0, "He said \xe2\x80\x98no\xe2\x80\x99 twice,");
    CHECK(!s.d.q[0].single);
    /* the same family inside */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9c" "a \xe2\x80\x9c" "b\xe2\x80\x9d c\xe2\x80\x9d"), 1);
    CHECK_PAIR(&s, 0, "a \xe2\x80\x9c" "b\xe2\x80\x9d c");
    /* three levels */
    CHECK_EQ_INT(pairs_of(&s, "\"a 'b \xe2\x80\x9c" "c\xe2\x80\x9d d' e\" he said"), 1);
    CHECK_PAIR(&s, 0, "a 'b \xe2\x80\x9c" "c\xe2\x80\x9d d' e");
    /* double inside single */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x98He shouted \xe2\x80\x9cget out\xe2\x80\x9d at us,\xe2\x80\x99 she said."), 1);
    CHECK_PAIR(&s, 0, "He shouted \xe2\x80\x9cget out\xe2\x80\x9d at us,");
    CHECK(s.d.q[0].single);
    stage_close(&s);
}

TEST(unclosed_opener_is_dropped_and_inner_pairs_promoted)
{
    stage s;
    stage_open(&s);
    /* the outer “ never closes: the inner ‘no’ becomes a quotation */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cHe said \xe2\x80\x98no\xe2\x80\x99 twice, she said."), 1);
    CHECK_PAIR(&s, 0, "no");
    CHECK(s.d.q[0].single);
    CHECK(!(s.d.tok[0].flags & TF_OPEN));
    /* the same when the next paragraph does not reopen */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9c" "a \"b\" c\n\nNext \"d\" here."), 2);
    CHECK_PAIR(&s, 0, "b");
    CHECK_PAIR(&s, 1, "d");
    CHECK_EQ_INT(s.d.q[1].para, 1);
    /* an opener at the end of the document */
    CHECK_EQ_INT(pairs_of(&s, "He said \xe2\x80\x9cwe"), 0);
    /* a stray opener does not reach into the next paragraph */
    CHECK_EQ_INT(pairs_of(&s, "He said \"yes\n\nShe said no\" today."), 0);
    stage_close(&s);
}

TEST(multi_paragraph_quotation)
{
    stage s;
    stage_open(&s);
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9c" "First part.\n\n\xe2\x80\x9cSecond part.\xe2\x80\x9d"), 2);
    CHECK_PAIR(&s, 0, "First part.");
    CHECK(s.d.q[0].to_para_end);
    CHECK_EQ_INT(s.d.q[0].para, 0);
    CHECK_PAIR(&s, 1, "Second part.");
    CHECK(!s.d.q[1].to_para_end);
    CHECK_EQ_INT(s.d.q[1].para, 1);
    /* the reopening mark is the first token of the next paragraph */
    CHECK_EQ_INT(s.d.q[0].close, s.d.q[1].open);
    CHECK(s.d.tok[s.d.q[1].open].flags & TF_PARA_START);

    /* three paragraphs, straight marks */
    CHECK_EQ_INT(pairs_of(&s, "\"One.\n\n\"Two.\n\n\"Three.\" he said."), 3);
    CHECK_PAIR(&s, 0, "One.");
    CHECK_PAIR(&s, 1, "Two.");
    CHECK_PAIR(&s, 2, "Three.");
    CHECK(s.d.q[0].to_para_end && s.d.q[1].to_para_end && !s.d.q[2].to_para_end);

    /* British papers keep the convention in single marks (issue 12,
     * point 4): a single opener left open continues into a paragraph that
     * opens with one */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x98One.\n\n\xe2\x80\x98Two.\xe2\x80\x99"), 2);
    CHECK_PAIR(&s, 0, "One.");
    CHECK_PAIR(&s, 1, "Two.");
    CHECK(s.d.q[0].to_para_end && s.d.q[0].single && !s.d.q[1].to_para_end);
    /* a paragraph opening with another family does not continue it */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cOne.\n\n\xe2\x80\x98Two.\xe2\x80\x99"), 1);
    CHECK_PAIR(&s, 0, "Two.");
    CHECK(s.d.q[0].single);
    /* nor does a paragraph whose mark does not open */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cOne.\n\nTwo.\xe2\x80\x9d"), 0);
    stage_close(&s);
}

TEST(apostrophes_do_not_pair)
{
    stage s;
    stage_open(&s);
    CHECK_EQ_INT(pairs_of(&s, "The Joneses\xe2\x80\x99 dog and Hegseth\xe2\x80\x99s plan don\xe2\x80\x99t "
                              "matter in the \xe2\x80\x99" "90s."), 0);
    CHECK_EQ_INT(pairs_of(&s, "Hegseth's plan and Trump's deal don't matter, y'all."), 0);
    /* apostrophes inside a quotation leave it whole */
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x9cWe don\xe2\x80\x99t know Hegseth\xe2\x80\x99s plan,\xe2\x80\x9d he said."), 1);
    CHECK_PAIR(&s, 0, "We don\xe2\x80\x99t know Hegseth\xe2\x80\x99s plan,");
    CHECK_EQ_INT(pairs_of(&s, "\xe2\x80\x98We don\xe2\x80\x99t know,\xe2\x80\x99 he said."), 1);
    CHECK_PAIR(&s, 0, "We don\xe2\x80\x99t know,");
    stage_close(&s);
}

TEST(measures_are_not_marks)
{
    stage s;
    stage_open(&s);
    CHECK_EQ_INT(pairs_of(&s, "He is 6'3\" tall and owns a 12\" pizza stone."), 0);
    CHECK_EQ_INT(pairs_of(&s, "\"He is 6'3\" tall,\" she said."), 1);
    CHECK_PAIR(&s, 0, "He is 6'3\" tall,");
    CHECK_EQ_INT(pairs_of(&s, "Brown, who is 6'3\", said, \"The court is small.\""), 1);
    CHECK_PAIR(&s, 0, "The court is small.");
    stage_close(&s);
}

TEST(empty_quotations_are_dropped)
{
    stage s;
    stage_open(&s);
    CHECK_EQ_INT(pairs_of(&s, "He said \"\" twice."), 0);
    CHECK_EQ_INT(pairs_of(&s, "He said \xe2\x80\x9c \xe2\x80\x9d twice."), 0);
    CHECK_EQ_INT(pairs_of(&s, ""), 0);
    stage_close(&s);
}

/* Openers past WS_MAX_QUOTE_DEPTH are text: 100 nested openers pair only
 * the outermost WS_MAX_QUOTE_DEPTH with the first closers, and only the
 * outermost of those is kept. */
TEST(depth_limit)
{
    enum { N = 100 };
    static const char open[] = "\xe2\x80\x9c", close[] = "\xe2\x80\x9d";
    char buf[N * 6 + 64];
    size_t n = 0;
    for (int k = 0; k < N; k++) {
        memcpy(buf + n, open, 3);
        n += 3;
    }
    buf[n++] = 'a';
    for (int k = 0; k < N; k++) {
        memcpy(buf + n, close, 3);
        n += 3;
    }
    static const char tail[] = "\n\n\"Next,\" he said.";
    memcpy(buf + n, tail, sizeof tail);
    n += sizeof tail - 1;
    stage s;
    stage_open(&s);
    CHECK(stage_run_n(&s, buf, n, TO_QUOTES));
    CHECK_EQ_INT(s.d.ntok, 2 * N + 1 + 7);
    if (CHECK_EQ_INT(s.d.nq, 2)) {
        CHECK_EQ_INT(s.d.q[0].open, 0);
        CHECK_EQ_INT(s.d.q[0].close, N + WS_MAX_QUOTE_DEPTH);
        CHECK_EQ_INT(s.d.q[0].start, 3);
        CHECK_EQ_INT(s.d.q[0].end, 3 * (N + WS_MAX_QUOTE_DEPTH) + 1 - 3);
        /* the next paragraph is untouched */
        CHECK_PAIR(&s, 1, "Next,");
        CHECK_EQ_INT(s.d.q[1].para, 1);
    }
    /* 100 openers never closed, then a paragraph with a quotation (not
     * at its start, which would continue the open quotation) */
    static const char tail2[] = "\n\nHe said, \"Next.\"";
    n = 0;
    for (int k = 0; k < N; k++) {
        memcpy(buf + n, open, 3);
        n += 3;
    }
    buf[n++] = 'x'; /* a "“" right before the newline would close, German style */
    memcpy(buf + n, tail2, sizeof tail2);
    n += sizeof tail2 - 1;
    CHECK(stage_run_n(&s, buf, n, TO_QUOTES));
    if (CHECK_EQ_INT(s.d.nq, 1))
        CHECK_PAIR(&s, 0, "Next.");
    stage_close(&s);
}

/* Whatever the marks, pairs are in order, do not overlap, lie inside
 * their paragraph's text and the flags agree with them. */
TEST(random_marks_give_well_formed_pairs)
{
    static const char *const pieces[] = {
        "a", "We", " ", " ", "\n", "\n\n", "'", "\"", ".", ",", "6", "\xe2\x80\x9c",
        "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99", "\xc2\xab", "\xc2\xbb", "''", "``",
        "\xe2\x80\x9e", "\xe2\x80\xb9", "\xe2\x80\xba", "s",
    };
    enum { NPIECES = sizeof pieces / sizeof pieces[0] };
    stage s;
    stage_open(&s);
    unsigned seed = 777;
    char buf[600];
    int bad = 0;
    for (int round = 0; round < 500 && !bad; round++) {
        size_t n = 0;
        while (n < sizeof buf - 8) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % NPIECES];
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
        }
        if (!stage_run_n(&s, buf, n, TO_QUOTES)) {
            bad = 1;
            break;
        }
        uint32_t prev_close = 0;
        for (size_t k = 0; k < s.d.nq && !bad; k++) {
            const ws_qpair *q = &s.d.q[k];
            bool ok = q->open < q->close && q->close <= s.d.ntok &&
                      (k == 0 || q->open >= prev_close) && q->start < q->end &&
                      q->start >= s.d.tok[q->open].end && q->end <= s.d.len &&
                      (q->to_para_end || (q->close < s.d.ntok && q->end <= s.d.tok[q->close].start)) &&
                      (s.d.tok[q->open].flags & TF_OPEN) &&
                      (q->to_para_end || (s.d.tok[q->close].flags & TF_CLOSE)) &&
                      s.d.tok[q->open].para == q->para &&
                      (q->to_para_end ? s.d.tok[q->close - 1].para == q->para
                                      : s.d.tok[q->close].para == q->para);
            for (uint32_t t = q->open + 1; ok && t < q->close; t++)
                ok = (s.d.tok[t].flags & TF_IN_QUOTE) != 0;
            if (!ok) {
                printf("     round %d, pair %zu: tokens [%u, %u) bytes [%u, %u)\n", round, k,
                       (unsigned)q->open, (unsigned)q->close, (unsigned)q->start, (unsigned)q->end);
                bad = 1;
            }
            prev_close = q->close;
        }
    }
    CHECK(!bad);
    stage_close(&s);
}

int main(void)
{
    RUN_TEST(every_family_pairs);
    RUN_TEST(token_flags);
    RUN_TEST(families_do_not_cross);
    RUN_TEST(nested_quotations_keep_only_the_outer);
    RUN_TEST(unclosed_opener_is_dropped_and_inner_pairs_promoted);
    RUN_TEST(multi_paragraph_quotation);
    RUN_TEST(apostrophes_do_not_pair);
    RUN_TEST(measures_are_not_marks);
    RUN_TEST(empty_quotations_are_dropped);
    RUN_TEST(depth_limit);
    RUN_TEST(random_marks_give_well_formed_pairs);
    return test_summary();
}
