/*
 * Stages 4 and 5, src/mentions.c and src/entities.c: mentions of possible
 * speakers (names, pronouns, role noun phrases) and the entities they
 * corefer to.
 *
 * Runs the stages up to ws_entities_resolve on a ws_doc set up as
 * src/extract.c sets up its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../src/pipeline.h"
#include "stage.h"


/* The mention holding the first token whose text is w (searching from
 * token `from`); -1 when there is none. */
static int32_t mention_of(const stage *s, const char *w, size_t from)
{
    long t = find_tok(s, w, from);
    return t < 0 ? -1 : s->d.tok[t].mention;
}

static const char *tok_text(const stage *s, uint32_t first, uint32_t last, size_t *len)
{
    *len = s->d.tok[last].end - s->d.tok[first].start;
    return s->d.text + s->d.tok[first].start;
}

/* The whole mention m (titles included) is lit. */
#define CHECK_MENTION(st, mi, lit)                                                   \
    do {                                                                           \
        int32_t m_ = (mi);                                                          \
        if (CHECK(m_ >= 0 && (size_t)m_ < (st)->d.nm)) {                            \
            size_t n_;                                                             \
            const char *p_ = tok_text((st), (st)->d.m[m_].first, (st)->d.m[m_].last, &n_); \
            CHECK_EQ_CSTR(p_, n_, lit);                                            \
        }                                                                          \
    } while (0)

/* The name proper of mention m (from its name token) is lit. */
#define CHECK_NAME(st, mi, lit)                                                      \
    do {                                                                           \
        int32_t m_ = (mi);                                                          \
        if (CHECK(m_ >= 0 && (size_t)m_ < (st)->d.nm)) {                            \
            size_t n_;                                                             \
            const char *p_ = tok_text((st), (st)->d.m[m_].name, (st)->d.m[m_].last, &n_); \
            CHECK_EQ_CSTR(p_, n_, lit);                                            \
        }                                                                          \
    } while (0)

/* The canonical name of mention m's entity is lit. */
#define CHECK_CANON(st, mi, lit)                                                     \
    do {                                                                           \
        int32_t m_ = (mi);                                                          \
        if (CHECK(m_ >= 0 && (size_t)m_ < (st)->d.nm) &&                            \
            CHECK((st)->d.m[m_].entity >= 0 && (size_t)(st)->d.m[m_].entity < (st)->d.ne)) { \
            const ws_entity *e_ = &(st)->d.e[(st)->d.m[m_].entity];                  \
            size_t n_;                                                             \
            const char *p_ = tok_text((st), e_->canon_first, e_->canon_last, &n_);  \
            CHECK_EQ_CSTR(p_, n_, lit);                                            \
        }                                                                          \
    } while (0)

/* ---- mentions ----------------------------------------------------------- */

TEST(names_with_titles)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "U.K. Defense Secretary John Healey said on Thursday.", TO_MENTIONS));
    int32_t m = mention_of(&s, "Healey", 0);
    CHECK_MENTION(&s, m, "U.K. Defense Secretary John Healey");
    CHECK_NAME(&s, m, "John Healey");
    if (m >= 0) {
        CHECK_EQ_INT(s.d.m[m].kind, MK_NAME);
        CHECK(s.d.m[m].subject);
        CHECK(!s.d.m[m].org);
        /* "Thursday" is a time word, no mention */
        CHECK_EQ_INT(mention_of(&s, "Thursday", 0), -1);
    }

    CHECK(stage_run(&s, "Secretary of Defense Pete Hegseth rejected the premise.", TO_MENTIONS));
    m = mention_of(&s, "Hegseth", 0);
    CHECK_MENTION(&s, m, "Secretary of Defense Pete Hegseth");
    CHECK_NAME(&s, m, "Pete Hegseth");
    if (m >= 0)
        CHECK_EQ_INT(s.d.m[m].gender, G_MALE); /* "Pete" */

    CHECK(stage_run(&s, "Then Mr. Smith and Ms. Jones left.", TO_MENTIONS));
    m = mention_of(&s, "Smith", 0);
    CHECK_MENTION(&s, m, "Mr. Smith");
    CHECK_NAME(&s, m, "Smith");
    if (m >= 0)
        CHECK_EQ_INT(s.d.m[m].gender, G_MALE);
    m = mention_of(&s, "Jones", 0);
    CHECK_NAME(&s, m, "Jones");
    if (m >= 0)
        CHECK_EQ_INT(s.d.m[m].gender, G_FEMALE);
    stage_close(&s);
}

TEST(names_with_initials_particles_hyphens)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Donald J. Trump met Ursula von der Leyen, Osama bin Laden's "
                        "compound and Alexandria Ocasio-Cortez.", TO_MENTIONS));
    CHECK_MENTION(&s, mention_of(&s, "Donald", 0), "Donald J. Trump");
    CHECK_MENTION(&s, mention_of(&s, "Ursula", 0), "Ursula von der Leyen");
    CHECK_EQ_INT(mention_of(&s, "Ursula", 0), mention_of(&s, "Leyen", 0));
    /* the possessive is not part of the name ("compound": a role noun
     * such as "son" would make "Osama bin Laden's son" a speaker phrase) */
    CHECK_MENTION(&s, mention_of(&s, "Osama", 0), "Osama bin Laden");
    CHECK_MENTION(&s, mention_of(&s, "Alexandria", 0), "Alexandria Ocasio-Cortez");
    /* "von" at the start of nothing is no name */
    CHECK(stage_run(&s, "He lives von here.", TO_MENTIONS));
    CHECK_EQ_INT(mention_of(&s, "von", 0), -1);
    stage_close(&s);
}

TEST(pronouns)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "He said she left, they stayed, it rained and I slept.", TO_MENTIONS));
    static const struct {
        const char *w;
        int gender;
        bool first_person;
    } cases[] = {
        {"He", G_MALE, false},     {"she", G_FEMALE, false}, {"they", G_PLURAL, false},
        {"it", G_NEUTER, false},   {"I", G_UNKNOWN, true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int32_t m = mention_of(&s, cases[k].w, 0);
        if (!CHECK(m >= 0)) {
            printf("     no mention for %s\n", cases[k].w);
            continue;
        }
        CHECK_EQ_INT(s.d.m[m].kind, MK_PRONOUN);
        CHECK_EQ_INT(s.d.m[m].gender, cases[k].gender);
        CHECK_EQ_INT(s.d.m[m].first_person, cases[k].first_person);
        CHECK_EQ_INT(s.d.m[m].first, s.d.m[m].last);
    }
    /* object forms are no speakers */
    CHECK(stage_run(&s, "They told him and her.", TO_MENTIONS));
    CHECK_EQ_INT(mention_of(&s, "him", 0), -1);
    CHECK_EQ_INT(s.d.nm, 1);
    stage_close(&s);
}

TEST(role_phrases)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "\"No,\" the secretary said.", TO_MENTIONS));
    int32_t m = mention_of(&s, "secretary", 0);
    CHECK_MENTION(&s, m, "the secretary");
    if (m >= 0) {
        CHECK_EQ_INT(s.d.m[m].kind, MK_ROLE);
        CHECK(s.d.m[m].definite);
        CHECK(s.d.m[m].subject);
    }

    CHECK(stage_run(&s, "\"No,\" a White House spokeswoman said.", TO_MENTIONS));
    m = mention_of(&s, "spokeswoman", 0);
    CHECK_MENTION(&s, m, "a White House spokeswoman");
    if (m >= 0) {
        CHECK_EQ_INT(s.d.m[m].kind, MK_ROLE);
        CHECK(!s.d.m[m].definite);
        /* "White House" is inside the phrase, not a mention of its own */
        CHECK_EQ_INT(mention_of(&s, "White", 0), m);
    }

    CHECK(stage_run(&s, "He left, police said.", TO_MENTIONS));
    m = mention_of(&s, "police", 0);
    CHECK_MENTION(&s, m, "police");
    if (m >= 0) {
        CHECK_EQ_INT(s.d.m[m].kind, MK_ROLE);
        CHECK_EQ_INT(s.d.m[m].gender, G_PLURAL);
        CHECK(s.d.m[m].org);
    }

    /* "a spokesman for the Pentagon": the employer is part of the phrase */
    CHECK(stage_run(&s, "\"No,\" said a spokesman for the Pentagon.", TO_MENTIONS));
    CHECK_MENTION(&s, mention_of(&s, "spokesman", 0), "a spokesman for the Pentagon");
    stage_close(&s);
}

TEST(the_pentagon)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "He visited the Pentagon on Monday.", TO_MENTIONS));
    int32_t m = mention_of(&s, "Pentagon", 0);
    CHECK_MENTION(&s, m, "the Pentagon");
    CHECK_NAME(&s, m, "Pentagon");
    if (m >= 0) {
        CHECK_EQ_INT(s.d.m[m].kind, MK_NAME);
        CHECK(s.d.m[m].org);
        CHECK(s.d.m[m].definite);
        CHECK(!s.d.m[m].subject); /* the object of "visited" */
    }
    CHECK(stage_run(&s, "\"No troops were hurt,\" the Pentagon said.", TO_MENTIONS));
    m = mention_of(&s, "Pentagon", 0);
    CHECK_MENTION(&s, m, "the Pentagon");
    if (m >= 0)
        CHECK(s.d.m[m].subject);
    stage_close(&s);
}

TEST(premodifiers_belong_to_the_name)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "\"Yes,\" said presidential nominee Donald Trump.", TO_MENTIONS));
    int32_t m = mention_of(&s, "Trump", 0);
    CHECK_MENTION(&s, m, "presidential nominee Donald Trump");
    CHECK_NAME(&s, m, "Donald Trump");

    CHECK(stage_run(&s, "He met senior politics editor Jane Roe.", TO_MENTIONS));
    m = mention_of(&s, "Roe", 0);
    CHECK_MENTION(&s, m, "senior politics editor Jane Roe");
    CHECK_NAME(&s, m, "Jane Roe");
    if (m >= 0)
        CHECK_EQ_INT(s.d.m[m].gender, G_FEMALE);

    /* a name before the title: "CrowdStrike co-founder Dmitri Alperovitch" */
    CHECK(stage_run(&s, "CrowdStrike co-founder Dmitri Alperovitch wrote it.", TO_MENTIONS));
    m = mention_of(&s, "Alperovitch", 0);
    CHECK_MENTION(&s, m, "CrowdStrike co-founder Dmitri Alperovitch");
    CHECK_NAME(&s, m, "Dmitri Alperovitch");
    CHECK_EQ_INT(mention_of(&s, "CrowdStrike", 0), m);
    stage_close(&s);
}

TEST(no_mentions_in_quotations_banners_or_participles)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "\xe2\x80\x9cTrump lied,\xe2\x80\x9d Healey said.", TO_MENTIONS));
    CHECK_EQ_INT(mention_of(&s, "Trump", 0), -1);
    CHECK(mention_of(&s, "Healey", 0) >= 0);
    CHECK_EQ_INT(s.d.nm, 1);

    CHECK(stage_run(&s, "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER", TO_MENTIONS));
    CHECK_EQ_INT(s.d.nm, 0);

    CHECK(stage_run(&s, "Anna Weber spoke.\n\nCLICK HERE TO READ MORE FROM THE WASHINGTON "
                        "EXAMINER\n\nShe left.", TO_MENTIONS));
    CHECK_EQ_INT(s.d.nm, 2);
    CHECK(mention_of(&s, "Anna", 0) >= 0);
    CHECK(mention_of(&s, "She", 0) >= 0);
    CHECK_EQ_INT(mention_of(&s, "WASHINGTON", 0), -1);

    /* a sentence-initial participle is no name */
    CHECK(stage_run(&s, "Asked about it, Healey said no.", TO_MENTIONS));
    CHECK_EQ_INT(mention_of(&s, "Asked", 0), -1);
    CHECK_MENTION(&s, mention_of(&s, "Healey", 0), "Healey");
    stage_close(&s);
}

TEST(subjects)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "He spoke to Hegseth on Monday. Healey said no.", TO_MENTIONS));
    int32_t he = mention_of(&s, "He", 0), hegseth = mention_of(&s, "Hegseth", 0);
    int32_t healey = mention_of(&s, "Healey", 0);
    CHECK(he >= 0 && hegseth >= 0 && healey >= 0);
    if (he >= 0 && hegseth >= 0 && healey >= 0) {
        CHECK(s.d.m[he].subject);
        CHECK(!s.d.m[hegseth].subject); /* after a preposition */
        CHECK(s.d.m[healey].subject);
    }
    stage_close(&s);
}

/* A dateline's place is no subject, with or without a state or date
 * before its agency; a place that goes on into the sentence is one. */
TEST(dateline_places_are_no_subjects)
{
    static const char *const datelines[] = {
        "COLUMBIA, S.C. (AP) \xe2\x80\x94 Owners met on Tuesday.",
        "LONDON, Dec 5 (Reuters) - Owners met on Tuesday.",
        "DECATUR -- Owners met on Tuesday.",
    };
    for (size_t k = 0; k < sizeof datelines / sizeof *datelines; k++) {
        stage s;
        stage_open(&s);
        CHECK(stage_run(&s, datelines[k], TO_MENTIONS));
        int32_t m = s.d.tok[0].mention;
        CHECK(m >= 0 && !s.d.m[m].subject);
        stage_close(&s);
    }
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Columbia, the capital, voted no.", TO_MENTIONS));
    int32_t m = s.d.tok[0].mention;
    CHECK(m >= 0 && s.d.m[m].subject);
    stage_close(&s);
}

/* "told reporters that officials began": the role phrase is "officials",
 * and a subject after a lower-case "that" is its clause's. */
TEST(that_ends_a_role_phrase_and_embeds_its_subject)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Ed Alvarez told reporters that officials began.", TO_MENTIONS));
    CHECK_MENTION(&s, mention_of(&s, "officials", 0), "officials");
    int32_t m = mention_of(&s, "officials", 0);
    CHECK(m >= 0 && s.d.m[m].embedded);
    stage_close(&s);
}

/* ---- entities ----------------------------------------------------------- */

TEST(full_name_and_surname_are_one_entity)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Secretary of Defense Pete Hegseth arrived. Hegseth spoke. "
                        "Pete Hegseth left.", TO_ENTITIES));
    int32_t a = mention_of(&s, "Hegseth", 0);
    long t2 = find_tok(&s, "Hegseth", (size_t)find_tok(&s, "arrived", 0));
    long t3 = find_tok(&s, "Pete", (size_t)t2);
    CHECK(a >= 0 && t2 >= 0 && t3 >= 0);
    if (a >= 0 && t2 >= 0 && t3 >= 0) {
        int32_t b = s.d.tok[t2].mention, c = s.d.tok[t3].mention;
        CHECK(b >= 0 && b != a && c >= 0 && c != b);
        CHECK(s.d.m[a].entity >= 0);
        CHECK_EQ_INT(s.d.m[b].entity, s.d.m[a].entity);
        CHECK_EQ_INT(s.d.m[c].entity, s.d.m[a].entity);
        CHECK_CANON(&s, b, "Pete Hegseth");
        CHECK_EQ_INT(s.d.ne, 1);
    }

    /* "Mr. Trump" goes to the fullest name, initials and all */
    CHECK(stage_run(&s, "Donald J. Trump spoke. Mr. Trump left.", TO_ENTITIES));
    int32_t mr = mention_of(&s, "Mr.", 0);
    CHECK_CANON(&s, mr, "Donald J. Trump");
    CHECK_EQ_INT(s.d.m[mr].entity, s.d.m[mention_of(&s, "Donald", 0)].entity);

    /* two people of different surnames are two entities */
    CHECK(stage_run(&s, "John Healey met Boris Pistorius.", TO_ENTITIES));
    CHECK_EQ_INT(s.d.ne, 2);
    CHECK(s.d.m[mention_of(&s, "Healey", 0)].entity != s.d.m[mention_of(&s, "Boris", 0)].entity);
    stage_close(&s);
}

TEST(he_goes_to_the_latest_male_or_unknown_subject)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Pete Hegseth arrived. John Healey spoke. He said no.", TO_ENTITIES));
    int32_t he = mention_of(&s, "He", 0);
    CHECK_CANON(&s, he, "John Healey");

    /* unknown gender fits "he"; a female subject does not */
    CHECK(stage_run(&s, "Pete Hegseth arrived. Then Ms. Kovacs spoke. He said no.", TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "He", 0), "Pete Hegseth");
    CHECK(stage_run(&s, "Ms. Kovacs arrived. Then Hegseth spoke. He said no.", TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "He", 0), "Hegseth");
    /* and the pronoun tells the entity its gender */
    int32_t h = mention_of(&s, "Hegseth", 0);
    if (h >= 0 && s.d.m[h].entity >= 0)
        CHECK_EQ_INT(s.d.e[s.d.m[h].entity].gender, G_MALE);
    stage_close(&s);
}

TEST(she_skips_a_male_entity)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Dovile Sakaliene spoke. Then Mr. Jensen spoke. She said no.", TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "She", 0), "Dovile Sakaliene");
    CHECK(stage_run(&s, "Susan Hall sat beside Mark Jensen.\n\nShe said no.", TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "She", 0), "Susan Hall");
    /* nobody fits: no entity */
    CHECK(stage_run(&s, "Mr. Jensen spoke. She said no.", TO_ENTITIES));
    int32_t she = mention_of(&s, "She", 0);
    if (CHECK(she >= 0))
        CHECK_EQ_INT(s.d.m[she].entity, -1);
    stage_close(&s);
}

TEST(pronoun_salience_is_bounded)
{
    stage s;
    stage_open(&s);
    /* a subject WS_MAX_SALIENCE_PARAGRAPHS paragraphs back is still
     * salient; one paragraph further it is not */
    char buf[512];
    size_t n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "Pete Hegseth arrived.");
    for (int k = 0; k < WS_MAX_SALIENCE_PARAGRAPHS - 1; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\n\nIt rained.");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\n\nHe said no.");
    CHECK(stage_run_n(&s, buf, n, TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "He", 0), "Pete Hegseth");
    n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "Pete Hegseth arrived.");
    for (int k = 0; k < WS_MAX_SALIENCE_PARAGRAPHS; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\n\nIt rained.");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "\n\nHe said no.");
    CHECK(stage_run_n(&s, buf, n, TO_ENTITIES));
    int32_t he = mention_of(&s, "He", 0);
    if (CHECK(he >= 0))
        CHECK_EQ_INT(s.d.m[he].entity, -1);
    stage_close(&s);
}

TEST(first_person_is_nobody)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Pete Hegseth arrived. I said no.", TO_ENTITIES));
    int32_t i = mention_of(&s, "I", 0);
    if (CHECK(i >= 0))
        CHECK_EQ_INT(s.d.m[i].entity, -1);
    stage_close(&s);
}

TEST(role_nouns_and_organisations)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Defense Secretary Anne Morrow arrived.\n\n\"No,\" the secretary said.",
                    TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "the", 0), "Anne Morrow");
    CHECK_EQ_INT(s.d.m[mention_of(&s, "the", 0)].entity, s.d.m[mention_of(&s, "Anne", 0)].entity);

    /* with nobody holding the title, the phrase is its own entity */
    CHECK(stage_run(&s, "\"No,\" the secretary said.", TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "the", 0), "the secretary");

    /* "it" goes to an organisation, never to a person */
    CHECK(stage_run(&s, "Acme Corp. issued a statement. Then Pete Hegseth spoke. It said no.",
                    TO_ENTITIES));
    CHECK_CANON(&s, mention_of(&s, "It", 0), "Acme Corp.");
    stage_close(&s);
}

/* "CBP" before and after "Customs and Border Protection": one entity,
 * named by the whole run; "The CDC" after "the Centre for Disease Control
 * (CDC)": the phrase's entity. */
TEST(acronyms_name_joined_runs_and_phrases)
{
    stage s;
    stage_open(&s);
    CHECK(stage_run(&s, "Children in CBP custody. They wrote to Customs and Border Protection. CBP said no.",
                    TO_ENTITIES));
    int32_t a = mention_of(&s, "CBP", 0), b = mention_of(&s, "CBP", 5);
    int32_t full = mention_of(&s, "Protection", 0);
    CHECK(a >= 0 && b >= 0 && full >= 0);
    if (a >= 0 && b >= 0 && full >= 0) {
        CHECK(s.d.m[a].entity >= 0 && s.d.m[a].entity == s.d.m[b].entity);
        CHECK(s.d.m[a].entity == s.d.m[full].entity);
        if (s.d.m[a].entity >= 0) {
            const ws_entity *e = &s.d.e[s.d.m[a].entity];
            size_t n;
            const char *p = tok_text(&s, e->canon_first, e->canon_last, &n);
            CHECK_EQ_CSTR(p, n, "Customs and Border Protection");
        }
    }
    stage_close(&s);
    stage_open(&s);
    CHECK(stage_run(&s, "According to the Centre for Disease Control (CDC), it is rare. The CDC said so.", TO_ENTITIES));
    int32_t ph = mention_of(&s, "Centre", 0), cdc = mention_of(&s, "CDC", 10);
    CHECK(ph >= 0 && cdc >= 0 && s.d.m[ph].entity >= 0 && s.d.m[ph].entity == s.d.m[cdc].entity);
    stage_close(&s);
}

int main(void)
{
    RUN_TEST(names_with_titles);
    RUN_TEST(names_with_initials_particles_hyphens);
    RUN_TEST(pronouns);
    RUN_TEST(role_phrases);
    RUN_TEST(the_pentagon);
    RUN_TEST(premodifiers_belong_to_the_name);
    RUN_TEST(no_mentions_in_quotations_banners_or_participles);
    RUN_TEST(subjects);
    RUN_TEST(dateline_places_are_no_subjects);
    RUN_TEST(that_ends_a_role_phrase_and_embeds_its_subject);
    RUN_TEST(full_name_and_surname_are_one_entity);
    RUN_TEST(he_goes_to_the_latest_male_or_unknown_subject);
    RUN_TEST(she_skips_a_male_entity);
    RUN_TEST(pronoun_salience_is_bounded);
    RUN_TEST(first_person_is_nobody);
    RUN_TEST(role_nouns_and_organisations);
    RUN_TEST(acronyms_name_joined_runs_and_phrases);
    return test_summary();
}
