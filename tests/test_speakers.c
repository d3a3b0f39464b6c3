/*
 * src/speakers.c through the public API: ws_extract_speakers on the seed
 * article (the five speakers of the acceptance, their titles, gender
 * evidence and counts) and on short cases (honorifics, appositions,
 * complements, phrase speakers), ws_speakers_write_jsonl, misuse,
 * allocation failure and linear work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "whosaid.h"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[*len] = '\0';
    return buf;
}

static int span_text_is(const char *text, ws_span sp, const char *want)
{
    return sp.start <= sp.end && sp.end - sp.start == strlen(want) &&
           memcmp(text + sp.start, want, sp.end - sp.start) == 0;
}

static const ws_speaker *find_speaker(const char *text, const ws_speaker *s, size_t n,
                                      const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (span_text_is(text, s[k].name, name))
            return &s[k];
    return NULL;
}

static int has_title(const char *text, const ws_speaker *s, const char *title)
{
    for (size_t k = 0; k < s->n_titles; k++)
        if (span_text_is(text, s->titles[k], title))
            return 1;
    return 0;
}

static int has_affiliation(const char *text, const ws_speaker *s, const char *what,
                           ws_affiliation_kind kind)
{
    for (size_t k = 0; k < s->n_affiliations; k++)
        if (span_text_is(text, s->affiliations[k].span, what) && s->affiliations[k].kind == kind)
            return 1;
    return 0;
}

/* Evidence of that kind and gender whose cited span reads word. */
static int has_evidence(const char *text, const ws_speaker *s, const char *word,
                        ws_evidence_kind kind, ws_gender g)
{
    for (size_t k = 0; k < s->n_evidence; k++)
        if (s->evidence[k].kind == kind && s->evidence[k].gender == g &&
            span_text_is(text, s->evidence[k].span, word))
            return 1;
    return 0;
}

/* ===================================================================== */
/*  The seed                                                             */
/* ===================================================================== */

/* Every record with a speaker is counted once, under the speaker whose
 * name is its speaker text, with its type. */
static void check_counts(const char *text, const ws_quote *q, size_t nq,
                         const ws_speaker *s, size_t ns)
{
    size_t attributed = 0, listed = 0;
    for (size_t i = 0; i < nq; i++)
        attributed += q[i].speaker.start != WS_NO_OFFSET;
    for (size_t k = 0; k < ns; k++) {
        size_t direct = 0, indirect = 0;
        listed += s[k].n_quotes;
        for (size_t j = 0; j < s[k].n_quotes; j++) {
            const ws_quote *r = &q[s[k].quotes[j]];
            CHECK(s[k].quotes[j] < nq);
            CHECK(r->speaker.end - r->speaker.start == s[k].name.end - s[k].name.start &&
                  memcmp(text + r->speaker.start, text + s[k].name.start,
                         s[k].name.end - s[k].name.start) == 0);
            direct += r->type == WS_QUOTE_DIRECT;
            indirect += r->type == WS_QUOTE_INDIRECT;
        }
        CHECK_EQ_INT(s[k].quotes_direct, direct);
        CHECK_EQ_INT(s[k].quotes_indirect, indirect);
    }
    CHECK_EQ_INT(listed, attributed);
}

TEST(seed_five_speakers)
{
    size_t len;
    char *text = read_file("examples/seed.txt", &len);
    if (!CHECK(text != NULL))
        return;
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    const ws_quote *q;
    size_t nq, ns;
    const ws_speaker *s;
    ws_error err;
    CHECK_EQ_INT(ws_extract(x, text, len, &q, &nq, &err), WS_OK);
    CHECK_EQ_INT(ws_extract_speakers(x, &s, &ns, &err), WS_OK);
    CHECK_EQ_INT(ns, 5);
    static const char *const names[] = {"Pete Hegseth", "Donald Trump", "John Healey",
                                        "Boris Pistorius", "Dovile Sakaliene"};
    static const char *const titles[] = {"Secretary of Defense", "President",
                                         "U.K. Defense Secretary", "German Defense Minister",
                                         "Lithuanian Defense Minister"};
    /* the gold's counts (direct, indirect) */
    static const size_t counts[][2] = {{6, 1}, {2, 1}, {1, 0}, {1, 0}, {2, 1}};
    for (size_t k = 0; k < 5 && k < ns; k++) {
        CHECK(span_text_is(text, s[k].name, names[k]));
        CHECK(has_title(text, &s[k], titles[k]));
        CHECK_EQ_INT(s[k].kind, WS_SPEAKER_PERSON);
        CHECK_EQ_INT(s[k].quotes_direct, counts[k][0]);
        CHECK_EQ_INT(s[k].quotes_indirect, counts[k][1]);
    }
    const ws_speaker *h = find_speaker(text, s, ns, "Pete Hegseth");
    const ws_speaker *t = find_speaker(text, s, ns, "Donald Trump");
    const ws_speaker *sk = find_speaker(text, s, ns, "Dovile Sakaliene");
    const ws_speaker *hl = find_speaker(text, s, ns, "John Healey");
    if (CHECK(h && t && sk && hl)) {
        CHECK_EQ_INT(h->gender, WS_GENDER_MALE);
        CHECK_EQ_INT(t->gender, WS_GENDER_MALE);
        CHECK_EQ_INT(sk->gender, WS_GENDER_FEMALE);
        CHECK(has_evidence(text, h, "He", WS_EVIDENCE_PRONOUN, WS_GENDER_MALE));
        CHECK(has_evidence(text, t, "he", WS_EVIDENCE_PRONOUN, WS_GENDER_MALE));
        CHECK(has_evidence(text, t, "Mr.", WS_EVIDENCE_HONORIFIC, WS_GENDER_MALE));
        CHECK(has_evidence(text, sk, "she", WS_EVIDENCE_PRONOUN, WS_GENDER_FEMALE));
        /* "she explained", the last paragraph but one */
        CHECK(sk->n_evidence == 1 && sk->evidence[0].span.start == (size_t)(strstr(text, "she explained") - text));
        CHECK(has_affiliation(text, hl, "U.K.", WS_AFFILIATION_PLACE));
        CHECK(has_affiliation(text, sk, "Lithuanian", WS_AFFILIATION_PLACE));
        /* "The secretary" and "He" are mentions of Hegseth */
        size_t roles = 0, pronouns = 0;
        for (size_t k = 0; k < h->n_mentions; k++) {
            roles += h->mentions[k].kind == WS_MENTION_ROLE;
            pronouns += h->mentions[k].kind == WS_MENTION_PRONOUN;
            CHECK(k == 0 || h->mentions[k].span.start > h->mentions[k - 1].span.start);
        }
        CHECK(roles >= 1);
        CHECK(pronouns >= 2);
    }
    check_counts(text, q, nq, s, ns);
    ws_extractor_free(x);
    free(text);
}

/* ===================================================================== */
/*  Short cases                                                          */
/* ===================================================================== */

typedef struct run {
    ws_extractor *x;
    const char *text;
    const ws_quote *q;
    size_t nq;
    const ws_speaker *s;
    size_t ns;
} run;

static void run_text(run *r, const char *text)
{
    ws_error err;
    r->text = text;
    CHECK_EQ_INT(ws_extract(r->x, text, strlen(text), &r->q, &r->nq, &err), WS_OK);
    CHECK_EQ_INT(ws_extract_speakers(r->x, &r->s, &r->ns, &err), WS_OK);
}

TEST(honorific_and_apposition)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    /* "Kit" is in no list of given names: the honorific says the gender */
    run_text(&r, "\"We will sue,\" Kit Pruitt, the attorney general of Oklahoma, said on Monday. "
                 "\"It is unlawful,\" Mrs. Pruitt added.");
    const ws_speaker *p = find_speaker(r.text, r.s, r.ns, "Kit Pruitt");
    if (CHECK(p != NULL)) {
        CHECK(has_title(r.text, p, "attorney general of Oklahoma"));
        CHECK(has_affiliation(r.text, p, "Oklahoma", WS_AFFILIATION_PLACE));
        CHECK(has_evidence(r.text, p, "Mrs.", WS_EVIDENCE_HONORIFIC, WS_GENDER_FEMALE));
        CHECK_EQ_INT(p->gender, WS_GENDER_FEMALE);
        CHECK_EQ_INT(p->n_quotes, 2);
        CHECK_EQ_INT(p->n_titles, 1); /* "Mrs." is an honorific, not a title */
    }
    ws_extractor_free(r.x);
}

/* "Scott Pruitt ... Mrs. Pruitt": a given name and an honorific that
 * disagree name two people of one surname (issue 12, point 2: the
 * honorific decides); his wife is often "Mrs. Pruitt" alone. */
TEST(honorific_decides_between_namesakes)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "\"We will sue,\" Scott Pruitt said on Monday. "
                 "\"It is unlawful,\" Mrs. Pruitt added.");
    const ws_speaker *p = find_speaker(r.text, r.s, r.ns, "Scott Pruitt");
    if (CHECK(p != NULL)) {
        CHECK(has_evidence(r.text, p, "Scott", WS_EVIDENCE_GIVEN_NAME, WS_GENDER_MALE));
        CHECK(!has_evidence(r.text, p, "Mrs.", WS_EVIDENCE_HONORIFIC, WS_GENDER_FEMALE));
        CHECK_EQ_INT(p->gender, WS_GENDER_MALE);
        CHECK_EQ_INT(p->n_quotes, 1);
    }
    CHECK_EQ_INT(r.ns, 2);
    ws_extractor_free(r.x);
}

TEST(complement_and_possessor)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "\"The numbers do not add up,\" James Pethokoukis of the American Enterprise "
                 "Institute wrote.\n\"It was a mistake,\" Commentary's Kit Rothman said.");
    const ws_speaker *p = find_speaker(r.text, r.s, r.ns, "James Pethokoukis");
    const ws_speaker *n = find_speaker(r.text, r.s, r.ns, "Kit Rothman");
    if (CHECK(p != NULL))
        CHECK(has_affiliation(r.text, p, "American Enterprise Institute",
                              WS_AFFILIATION_ORGANISATION));
    if (CHECK(n != NULL)) {
        CHECK(has_affiliation(r.text, n, "Commentary", WS_AFFILIATION_ORGANISATION));
        CHECK_EQ_INT(n->gender, WS_GENDER_UNKNOWN); /* "Kit" is in no list of given names */
        CHECK_EQ_INT(n->n_evidence, 0);
    }
    ws_extractor_free(r.x);
}

TEST(phrase_speakers_share_by_text)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "\"We have no comment at this time,\" a spokesman said.\n"
                 "The talks went on.\n"
                 "\"We will say more next week,\" a spokesman said.");
    CHECK_EQ_INT(r.ns, 1);
    if (CHECK(r.ns >= 1)) {
        CHECK(span_text_is(r.text, r.s[0].name, "a spokesman"));
        CHECK_EQ_INT(r.s[0].kind, WS_SPEAKER_PHRASE);
        CHECK_EQ_INT(r.s[0].n_quotes, 2);
        CHECK_EQ_INT(r.s[0].n_mentions, 2);
        CHECK_EQ_INT(r.s[0].gender, WS_GENDER_MALE);
        CHECK(has_evidence(r.text, &r.s[0], "spokesman", WS_EVIDENCE_TITLE, WS_GENDER_MALE));
    }
    ws_extractor_free(r.x);
}

TEST(conflicting_evidence_is_unknown)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "Alex Morgan spoke on Monday. \"We are ready,\" he said. "
                 "\"We will win,\" Ms. Morgan said.");
    const ws_speaker *p = find_speaker(r.text, r.s, r.ns, "Alex Morgan");
    if (CHECK(p != NULL)) {
        CHECK(has_evidence(r.text, p, "he", WS_EVIDENCE_PRONOUN, WS_GENDER_MALE));
        CHECK(has_evidence(r.text, p, "Ms.", WS_EVIDENCE_HONORIFIC, WS_GENDER_FEMALE));
        CHECK_EQ_INT(p->gender, WS_GENDER_UNKNOWN);
    }
    ws_extractor_free(r.x);
}

TEST(no_records_no_speakers)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "Nobody said anything about John Smith today.");
    CHECK_EQ_INT(r.ns, 0);
    CHECK(r.s != NULL);
    run_text(&r, "");
    CHECK_EQ_INT(r.ns, 0);
    ws_extractor_free(r.x);
}

/* ===================================================================== */
/*  Misuse, output, failure                                              */
/* ===================================================================== */

TEST(needs_a_successful_extraction)
{
    ws_extractor *x = ws_extractor_new(NULL, NULL);
    const ws_speaker *s = NULL;
    size_t n = 7;
    ws_error err;
    CHECK_EQ_INT(ws_extract_speakers(x, &s, &n, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(n, 0);
    CHECK(s != NULL);
    CHECK_EQ_INT(ws_extract_speakers(NULL, &s, &n, &err), WS_ERR_INVALID_ARG);
    const ws_quote *q;
    size_t nq;
    CHECK_EQ_INT(ws_extract(x, "\"Hi there, all of you,\" Ann Lee said.", 37, &q, &nq, &err), WS_OK);
    CHECK_EQ_INT(ws_extract_speakers(x, NULL, &n, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_extract_speakers(x, &s, &n, &err), WS_OK);
    CHECK_EQ_INT(n, 1);
    /* a failed extraction leaves nothing to profile */
    CHECK_EQ_INT(ws_extract(x, NULL, 5, &q, &nq, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_extract_speakers(x, &s, &n, &err), WS_ERR_INVALID_ARG);
    ws_extractor_free(x);
}

static int failing_write(void *ctx, const char *data, size_t len)
{
    (void)ctx; (void)data; (void)len;
    return 1;
}

TEST(jsonl_output)
{
    run r = {ws_extractor_new(NULL, NULL), 0, 0, 0, 0, 0};
    run_text(&r, "\"We will sue,\" Mrs. Ann Lee of the Sierra Club said. \"Now\xff!\" Lee added.");
    membuf m = {0};
    ws_error err;
    CHECK_EQ_INT(ws_speakers_write_jsonl(r.text, strlen(r.text), "d\"1", 3, r.s, r.ns,
                                         membuf_write, &m, &err), WS_OK);
    CHECK(m.len > 0 && m.data[m.len - 1] == '\n');
    if (m.len) {
        membuf_write(&m, "", 1);
        CHECK(strstr(m.data, "{\"doc\":\"d\\\"1\",\"speaker\":\"Ann Lee\",") == m.data);
        CHECK(strstr(m.data, "\"gender\":\"female\"") != NULL);
        CHECK(strstr(m.data, "\"quotes\":{\"direct\":2,\"indirect\":0,\"total\":2,\"records\":[0,1]}") != NULL);
        CHECK(strstr(m.data, "{\"text\":\"Sierra Club\",") != NULL);
        CHECK(strstr(m.data, "{\"text\":\"Lee\",\"start\":") != NULL);
        CHECK(strstr(m.data, "\"kind\":\"honorific\",\"gender\":\"female\"") != NULL);
    }
    free(m.data);
    CHECK_EQ_INT(ws_speakers_write_jsonl(r.text, strlen(r.text), NULL, 0, r.s, r.ns,
                                         failing_write, NULL, &err), WS_ERR_WRITE);
    ws_speaker bad = r.s[0];
    bad.name.end = strlen(r.text) + 1;
    CHECK_EQ_INT(ws_speakers_write_jsonl(r.text, strlen(r.text), NULL, 0, &bad, 1,
                                         membuf_write, &m, &err), WS_ERR_INVALID_ARG);
    CHECK_EQ_INT(ws_speakers_write_jsonl(r.text, strlen(r.text), NULL, 0, NULL, 1,
                                         membuf_write, &m, &err), WS_ERR_INVALID_ARG);
    ws_extractor_free(r.x);
}

/* Fail each allocation of ws_extract_speakers in turn: NOMEM, nothing
 * leaked, and the next call works. */
TEST(allocation_failures)
{
    size_t len;
    char *text = read_file("examples/seed.txt", &len);
    if (!CHECK(text != NULL))
        return;
    size_t failed = 0;
    for (size_t at = 1; at < 200; at++) {
        test_alloc t;
        ws_allocator a = test_allocator(&t, 0, false);
        ws_extractor *x = ws_extractor_new(NULL, &a);
        const ws_quote *q;
        const ws_speaker *s;
        size_t nq, ns;
        ws_error err;
        CHECK_EQ_INT(ws_extract(x, text, len, &q, &nq, &err), WS_OK);
        t.fail_at = t.calls + at;
        ws_status st = ws_extract_speakers(x, &s, &ns, &err);
        if (st == WS_OK) {
            CHECK_EQ_INT(ns, 5);
            ws_extractor_free(x);
            break;
        }
        failed++;
        CHECK_EQ_INT(st, WS_ERR_NOMEM);
        CHECK_EQ_INT(ns, 0);
        t.fail_at = 0;
        CHECK_EQ_INT(ws_extract_speakers(x, &s, &ns, &err), WS_OK);
        CHECK_EQ_INT(ns, 5);
        ws_extractor_free(x);
        CHECK_EQ_INT(t.live, 0);
    }
    CHECK(failed > 5);
    free(text);
}

/* The speakers' work (the extractor's counter after ws_extract_speakers,
 * less what ws_extract did) grows linearly. */
TEST(linear_work)
{
    const char *para = "\"We will not stop,\" Mrs. Jane Doe, the mayor of Ohio, said. "
                       "\"Mr. Doe agrees,\" she added.\n";
    size_t n = 200, plen = strlen(para);
    char *big = malloc(4 * n * plen + 1);
    if (!CHECK(big != NULL))
        return;
    uint64_t work[2];
    for (int round = 0; round < 2; round++) {
        size_t reps = round ? 4 * n : n;
        uint64_t base;
        for (size_t k = 0; k < reps; k++)
            memcpy(big + k * plen, para, plen);
        ws_extractor *x = ws_extractor_new(NULL, NULL);
        const ws_quote *q;
        const ws_speaker *s;
        size_t nq, ns;
        ws_error err;
        CHECK_EQ_INT(ws_extract(x, big, reps * plen, &q, &nq, &err), WS_OK);
        base = ws_extractor_work(x);
        CHECK_EQ_INT(ws_extract_speakers(x, &s, &ns, &err), WS_OK);
        CHECK_EQ_INT(ns, 1);
        CHECK(ns == 1 && s[0].n_quotes == nq && s[0].n_titles == 1);
        work[round] = ws_extractor_work(x) - base; /* the speakers' own */
        ws_extractor_free(x);
    }
    CHECK(work[1] <= 5 * work[0]);
    free(big);
}

int main(void)
{
    RUN_TEST(seed_five_speakers);
    RUN_TEST(honorific_and_apposition);
    RUN_TEST(honorific_decides_between_namesakes);
    RUN_TEST(complement_and_possessor);
    RUN_TEST(phrase_speakers_share_by_text);
    RUN_TEST(conflicting_evidence_is_unknown);
    RUN_TEST(no_records_no_speakers);
    RUN_TEST(needs_a_successful_extraction);
    RUN_TEST(jsonl_output);
    RUN_TEST(allocation_failures);
    RUN_TEST(linear_work);
    return test_summary();
}
