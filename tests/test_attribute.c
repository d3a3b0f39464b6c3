/*
 * Stage 6, src/attribute.c, through the public API: each attribution
 * pattern on a short snippet, checking the quotation span, the speaker
 * (canonical name), the anchoring mention, the cue and the rule.
 *
 * The extractor is asked for direct records only (WS_TYPE_DIRECT), so
 * that these checks do not depend on the indirect reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

static ws_extractor *direct_only;

static const char *cur_text;
static const ws_quote *cur_q;
static size_t cur_n;

/* Extract text with the direct-only extractor; the number of records. */
static size_t extract(const char *text)
{
    ws_error err;
    cur_text = text;
    cur_q = NULL;
    cur_n = 0;
    ws_status st = ws_extract(direct_only, text, strlen(text), &cur_q, &cur_n, &err);
    if (!CHECK_EQ_INT(st, WS_OK)) {
        cur_n = 0;
        return 0;
    }
    return cur_n;
}

static int span_is(ws_span sp, const char *want, const char *file, int line, const char *what)
{
    if (!want) {
        int ok = sp.start == WS_NO_OFFSET && sp.end == WS_NO_OFFSET;
        if (!test_check(ok, file, line, what))
            printf("     got [%zu, %zu), want no span\n", sp.start, sp.end);
        return ok;
    }
    if (sp.start == WS_NO_OFFSET || sp.end == WS_NO_OFFSET || sp.start > sp.end ||
        sp.end > strlen(cur_text)) {
        test_check(0, file, line, what);
        printf("     got no span (or one off the text), want \"%s\"\n", want);
        return 0;
    }
    return test_check_eq_str(cur_text + sp.start, sp.end - sp.start, want, strlen(want),
                             file, line, what);
}

/* Record k: its quotation, speaker, mention, cue (NULL: absent) and rule. */
static void record_is(size_t k, const char *quote, const char *speaker, const char *mention,
                      const char *cue, const char *rule, const char *file, int line)
{
    if (!test_check(k < cur_n, file, line, "the record exists")) {
        printf("     record %zu of %zu in: %s\n", k, cur_n, cur_text);
        return;
    }
    const ws_quote *q = &cur_q[k];
    test_check_eq_int(q->type, WS_QUOTE_DIRECT, file, line, "type");
    span_is(q->content, quote, file, line, "quotation");
    span_is(q->speaker, speaker, file, line, "speaker");
    span_is(q->mention, mention, file, line, "mention");
    span_is(q->cue, cue, file, line, "cue");
    test_check_eq_str(q->rule, q->rule ? strlen(q->rule) : 0, rule, strlen(rule), file, line,
                      "rule");
}

#define RECORD_IS(k, quote, speaker, mention, cue, rule) \
    record_is((k), (quote), (speaker), (mention), (cue), (rule), __FILE__, __LINE__)

/* ---- after the quotation ------------------------------------------------- */

TEST(quote_comma_speaker_cue)
{
    CHECK_EQ_INT(extract("\"We are ready for the storm,\" Karen Webb said."), 1);
    RECORD_IS(0, "We are ready for the storm,", "Karen Webb", "Karen Webb", "said",
              "quote-comma-speaker-cue");
    /* titles stay in the mention, not in the speaker */
    CHECK_EQ_INT(extract("\xe2\x80\x9cWe are ready,\xe2\x80\x9d U.K. Defense Secretary John "
                         "Healey said Thursday."), 1);
    RECORD_IS(0, "We are ready,", "John Healey", "U.K. Defense Secretary John Healey", "said",
              "quote-comma-speaker-cue");
    /* an apposition between speaker and cue */
    CHECK_EQ_INT(extract("\xe2\x80\x9cWe are ready,\xe2\x80\x9d Laura Chen, the fire chief, said."), 1);
    RECORD_IS(0, "We are ready,", "Laura Chen", "Laura Chen", "said", "quote-comma-speaker-cue");
    /* adverbs between speaker and cue */
    CHECK_EQ_INT(extract("\"We are ready,\" Laura Chen also said."), 1);
    RECORD_IS(0, "We are ready,", "Laura Chen", "Laura Chen", "said", "quote-comma-speaker-cue");
}

TEST(quote_cue_speaker)
{
    CHECK_EQ_INT(extract("\xe2\x80\x9cThe river is still rising,\xe2\x80\x9d said Karen Webb, "
                         "a spokeswoman for the fire department."), 1);
    RECORD_IS(0, "The river is still rising,", "Karen Webb", "Karen Webb", "said",
              "quote-cue-speaker");
    CHECK_EQ_INT(extract("\xe2\x80\x9cWho is going to pay for all of this?\xe2\x80\x9d asked "
                         "Rep. Tim Cole."), 1);
    RECORD_IS(0, "Who is going to pay for all of this?", "Tim Cole", "Rep. Tim Cole", "asked",
              "quote-cue-speaker");
}

TEST(quote_comma_pronoun_cue)
{
    CHECK_EQ_INT(extract("Ellen Price spoke after the vote.\n\n\xe2\x80\x9cWe will not accept "
                         "this contract,\xe2\x80\x9d she explained."), 1);
    RECORD_IS(0, "We will not accept this contract,", "Ellen Price", "she", "explained",
              "quote-comma-pronoun-cue");
    /* "she" skips a man mentioned later */
    CHECK_EQ_INT(extract("Susan Hall sat beside Mark Jensen at the hearing.\n\n\xe2\x80\x9cI have "
                         "read every page,\xe2\x80\x9d she said."), 1);
    RECORD_IS(0, "I have read every page,", "Susan Hall", "she", "said", "quote-comma-pronoun-cue");
    /* "it" for an organisation */
    CHECK_EQ_INT(extract("Acme Corp. issued a statement on Monday. \xe2\x80\x9cWe regret the "
                         "error,\xe2\x80\x9d it said."), 1);
    RECORD_IS(0, "We regret the error,", "Acme Corp.", "it", "said", "quote-comma-pronoun-cue");
}

TEST(quote_clause_then_attribution)
{
    CHECK_EQ_INT(extract("\"We will win\" in November, Mary Hill said."), 1);
    RECORD_IS(0, "We will win", "Mary Hill", "Mary Hill", "said", "quote-clause-speaker-cue");
    CHECK_EQ_INT(extract("\"We will win\" in November, said Mary Hill."), 1);
    RECORD_IS(0, "We will win", "Mary Hill", "Mary Hill", "said", "quote-clause-cue-speaker");
}

TEST(quote_dash_speaker)
{
    CHECK_EQ_INT(extract("\"Maybe we can build a wall around the town.\" -- Steve Quinlan"), 1);
    RECORD_IS(0, "Maybe we can build a wall around the town.", "Steve Quinlan", "Steve Quinlan",
              NULL, "quote-dash-speaker");
}

/* ---- before the quotation ------------------------------------------------ */

TEST(speaker_cue_quote)
{
    CHECK_EQ_INT(extract("Karen Webb said, \xe2\x80\x9cThe river is still rising.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "The river is still rising.", "Karen Webb", "Karen Webb", "said",
              "speaker-cue-quote");
    CHECK_EQ_INT(extract("According to Dr. Ray Lin, \xe2\x80\x9cthe data are clear.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "the data are clear.", "Ray Lin", "Dr. Ray Lin", "According to",
              "speaker-cue-quote");
    /* a participle takes the sentence's subject */
    CHECK_EQ_INT(extract("Mayor Joe Vance ended the meeting early, saying, \xe2\x80\x9cWe have "
                         "heard enough.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "We have heard enough.", "Joe Vance", "Mayor Joe Vance", "saying",
              "speaker-cue-quote");
    /* a slogan introduced by a comma is a quotation, Title Case or not */
    CHECK_EQ_INT(extract("Mary Hill said, \"Make America Great Again.\""), 1);
    RECORD_IS(0, "Make America Great Again.", "Mary Hill", "Mary Hill", "said",
              "speaker-cue-quote");
}

TEST(speaker_cue_clause_quote)
{
    CHECK_EQ_INT(extract("Karen Webb said on Monday that the city was \"ready for anything.\""), 1);
    RECORD_IS(0, "ready for anything.", "Karen Webb", "Karen Webb", "said",
              "speaker-cue-clause-quote");
    /* a report inside a report is the outer speaker's */
    CHECK_EQ_INT(extract("Critics say he had proposed to \"dismantle the program entirely.\""), 1);
    RECORD_IS(0, "dismantle the program entirely.", "Critics", "Critics", "say",
              "outer-speaker-cue-clause-quote");
}

TEST(colons_and_dashes)
{
    CHECK_EQ_INT(extract("Helen Park, the principal, answered questions on Monday.\n\n"
                         "Park: \xe2\x80\x9cThe school will stay closed.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "The school will stay closed.", "Helen Park", "Park", NULL,
              "speaker-colon-quote");
    CHECK_EQ_INT(extract("Maria Ortiz was blunt: \xe2\x80\x9cThe plan is dead.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "The plan is dead.", "Maria Ortiz", "Maria Ortiz", NULL, "subject-colon-quote");
    CHECK_EQ_INT(extract("He quoted the former candidate Mitt Romney -- \"a phony and a fraud\" "
                         "-- at the rally."), 1);
    RECORD_IS(0, "a phony and a fraud", "Mitt Romney", "the former candidate Mitt Romney", NULL,
              "speaker-dash-quote");
    CHECK_EQ_INT(extract("\"WALLACE: Do you really see those two as equivalent?\""), 1);
    RECORD_IS(0, "WALLACE: Do you really see those two as equivalent?", "WALLACE", "WALLACE",
              NULL, "transcript-label");
}

/* ---- from the context ---------------------------------------------------- */

TEST(interrupted_quotation)
{
    CHECK_EQ_INT(extract("\xe2\x80\x9cWe won the vote,\xe2\x80\x9d Mary Hill said. \xe2\x80\x9cNow "
                         "we have to govern.\xe2\x80\x9d"), 2);
    RECORD_IS(0, "We won the vote,", "Mary Hill", "Mary Hill", "said", "quote-comma-speaker-cue");
    RECORD_IS(1, "Now we have to govern.", "Mary Hill", "Mary Hill", "said", "same-paragraph");
    CHECK(cur_n < 2 || cur_q[0].content.start < cur_q[1].content.start);

    CHECK_EQ_INT(extract("\xe2\x80\x9cIf the rain continues,\xe2\x80\x9d Maria Ortiz said, "
                         "\xe2\x80\x9cthe river will flood.\xe2\x80\x9d"), 2);
    RECORD_IS(0, "If the rain continues,", "Maria Ortiz", "Maria Ortiz", "said",
              "quote-comma-speaker-cue");
    RECORD_IS(1, "the river will flood.", "Maria Ortiz", "Maria Ortiz", "said",
              "speaker-cue-quote");
}

TEST(quotation_before_its_attributed_neighbour)
{
    CHECK_EQ_INT(extract("Mary Hill was asked about the offer. \"Absolutely not, not now.\" "
                         "\"We will not sign this deal,\" she said."), 2);
    RECORD_IS(0, "Absolutely not, not now.", "Mary Hill", "she", "said", "same-paragraph-next");
    RECORD_IS(1, "We will not sign this deal,", "Mary Hill", "she", "said",
              "quote-comma-pronoun-cue");
}

TEST(continuing_paragraphs)
{
    CHECK_EQ_INT(extract("\xe2\x80\x9cWe have water for two weeks,\xe2\x80\x9d said Dan Moore.\n\n"
                         "\xe2\x80\x9c" "After that, we will need help from the state.\xe2\x80\x9d"), 2);
    RECORD_IS(0, "We have water for two weeks,", "Dan Moore", "Dan Moore", "said",
              "quote-cue-speaker");
    RECORD_IS(1, "After that, we will need help from the state.", "Dan Moore", "Dan Moore",
              "said", "continuing-paragraph");
    /* one quotation over two paragraphs: one record per paragraph */
    CHECK_EQ_INT(extract("\xe2\x80\x9cWe counted every ballot,\xe2\x80\x9d said Paul Reyes. "
                         "\xe2\x80\x9cIt took three days.\n\n\xe2\x80\x9cNobody went home "
                         "before midnight.\xe2\x80\x9d"), 3);
    RECORD_IS(1, "It took three days.", "Paul Reyes", "Paul Reyes", "said", "same-paragraph");
    RECORD_IS(2, "Nobody went home before midnight.", "Paul Reyes", "Paul Reyes", "said",
              "continuing-paragraph");
}

TEST(previous_sentence_subject)
{
    CHECK_EQ_INT(extract("Governor Lisa Grant was blunt about the budget. \xe2\x80\x9cThere is no "
                         "money left for new roads.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "There is no money left for new roads.", "Lisa Grant", "Governor Lisa Grant",
              NULL, "previous-sentence-subject");
}

TEST(unattributed_statement)
{
    CHECK_EQ_INT(extract("\xe2\x80\x9cNobody saw this coming, and nobody was ready for "
                         "it.\xe2\x80\x9d"), 1);
    RECORD_IS(0, "Nobody saw this coming, and nobody was ready for it.", NULL, NULL, NULL,
              "unattributed");
}

/* ---- not quotations ------------------------------------------------------ */

TEST(scare_quotes_titles_nicknames)
{
    CHECK_EQ_INT(extract("The so-called \"smart\" meters were installed last year."), 0);
    CHECK_EQ_INT(extract("Her new book, \"The Long Road Home,\" went on sale on Tuesday."), 0);
    CHECK_EQ_INT(extract("He wrote \"The Long Road Home\" last year."), 0);
    CHECK_EQ_INT(extract("Former boxer James \"Hammer\" Doyle opened a gym in Dublin."), 0);
    CHECK_EQ_INT(extract("The word \xe2\x80\x9cno\xe2\x80\x9d appears twice."), 0);
}

/* ---- the API around it --------------------------------------------------- */

TEST(records_are_sorted_and_on_the_text)
{
    const char *text = "\"A is first,\" said Karen Webb. \"B is second,\" said Tom Baker.\n\n"
                       "\"C is third and it is the longest of the three,\" Webb added.";
    CHECK_EQ_INT(extract(text), 3);
    for (size_t k = 0; k < cur_n; k++) {
        CHECK(cur_q[k].content.start < cur_q[k].content.end);
        CHECK(cur_q[k].content.end <= strlen(text));
        if (k > 0)
            CHECK(cur_q[k - 1].content.start < cur_q[k].content.start);
    }
    RECORD_IS(1, "B is second,", "Tom Baker", "Tom Baker", "said", "quote-cue-speaker");
    RECORD_IS(2, "C is third and it is the longest of the three,", "Karen Webb", "Webb", "added",
              "quote-comma-speaker-cue");
}

TEST(options_and_arguments)
{
    ws_options bad = {WS_TYPE_DIRECT | (1u << 7)};
    CHECK(ws_extractor_new(&bad, NULL) == NULL);

    ws_options none = {0};
    ws_extractor *x = ws_extractor_new(&none, NULL);
    if (CHECK(x != NULL)) {
        const ws_quote *q;
        size_t n = 99;
        const char *text = "\"We are ready for the storm,\" Karen Webb said.";
        CHECK_EQ_INT(ws_extract(x, text, strlen(text), &q, &n, NULL), WS_OK);
        CHECK_EQ_INT(n, 0);
        ws_extractor_free(x);
    }

    const ws_quote *q = NULL;
    size_t n = 99;
    ws_error err;
    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ws_extract(NULL, "x", 1, &q, &n, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(err.code, WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(ws_extract(direct_only, NULL, 5, &q, &n, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_extract(direct_only, "x", 1, NULL, &n, &err), WS_ERR_INVALID_ARG);
    /* NULL text with no length is the empty document */
    CHECK_EQ_INT(ws_extract(direct_only, NULL, 0, &q, &n, &err), WS_OK);
    CHECK_EQ_INT(n, 0);
    CHECK(q != NULL);
}

int main(void)
{
    ws_options opts;
    ws_options_init(&opts);
    CHECK_EQ_INT(opts.types, WS_TYPE_DIRECT | WS_TYPE_INDIRECT);
    opts.types = WS_TYPE_DIRECT;
    direct_only = ws_extractor_new(&opts, NULL);
    if (!CHECK(direct_only != NULL))
        return test_summary();
    RUN_TEST(quote_comma_speaker_cue);
    RUN_TEST(quote_cue_speaker);
    RUN_TEST(quote_comma_pronoun_cue);
    RUN_TEST(quote_clause_then_attribution);
    RUN_TEST(quote_dash_speaker);
    RUN_TEST(speaker_cue_quote);
    RUN_TEST(speaker_cue_clause_quote);
    RUN_TEST(colons_and_dashes);
    RUN_TEST(interrupted_quotation);
    RUN_TEST(quotation_before_its_attributed_neighbour);
    RUN_TEST(continuing_paragraphs);
    RUN_TEST(previous_sentence_subject);
    RUN_TEST(unattributed_statement);
    RUN_TEST(scare_quotes_titles_nicknames);
    RUN_TEST(records_are_sorted_and_on_the_text);
    RUN_TEST(options_and_arguments);
    ws_extractor_free(direct_only);
    return test_summary();
}
