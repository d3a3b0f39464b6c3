/*
 * Every internal limit of libwhosaid, in one place, with its reason.
 * docs/limits.md repeats this table for users.
 */
#ifndef WS_LIMITS_H
#define WS_LIMITS_H

/* Largest document ws_extract accepts: 256 MiB. Offsets are kept in
 * 32 bits inside the pipeline (halving the token arrays, which keeps the
 * hot loop in cache); no news document comes near, and a larger one is
 * refused with WS_ERR_TOO_LARGE rather than silently truncated. */
#define WS_MAX_DOCUMENT_BYTES ((size_t)256 << 20)

/* Largest JSONL line the reader accepts: a document of the size above,
 * with room for JSON escaping and the other fields. */
#define WS_MAX_LINE_BYTES (WS_MAX_DOCUMENT_BYTES * 2)

/* Deepest nesting of quotation marks tracked inside one paragraph. Real
 * prose nests two or three levels ("He said 'they told me "no"'"); a
 * deeper stack is a run of stray marks, and marks past this depth are
 * treated as text so that pairing stays linear and bounded. */
#define WS_MAX_QUOTE_DEPTH 8

/* Longest span, in tokens, that the attribution patterns look through
 * between a quotation and its cue or speaker. Attribution is local; a
 * bound keeps every quotation's search O(1) so a paragraph of a million
 * tokens is still processed in linear work. */
#define WS_MAX_ATTRIBUTION_WINDOW 40

/* Tokens an indirect report's content may span. A content clause ends
 * with its sentence; a "sentence" longer than this is a list, a table or
 * a paragraph without stops, and cutting the report there keeps each
 * cue's work O(1) so that a 1 MB paragraph stays linear. */
#define WS_MAX_REPORT_TOKENS 160

/* Tokens a headline may have ("ECB not in talks with Greece -
 * spokeswoman"): a paragraph without a final stop and no longer than this
 * is read as a headline; longer ones are prose with a missing stop. */
#define WS_MAX_HEADLINE_TOKENS 24

/* A photo credit paragraph ("Neilson Barnard via Getty Images.") is at
 * most this many tokens; a longer line of capitalised words and "by" is
 * a sentence of names. */
#define WS_MAX_CREDIT_TOKENS 12

/* Words of state or date between a dateline's place and its agency or
 * dash ("COLUMBIA, S.C. (AP) —", "LONDON, Dec 5 (Reuters) -"); a longer
 * run after a comma is the sentence going on. */
#define WS_MAX_DATELINE_WORDS 4

/* Tokens in an apposition between a subject and its cue ("Greg Raiff,
 * chief executive officer of Private Jet Services, said"; "Zippy Duvall,
 * the president of the American Farm Bureau, said"). Longer runs between
 * two commas are clauses or lists, not a description of the subject. */
#define WS_MAX_APPOSITION_TOKENS 16

/* Comma-separated pieces of an apposition between a quotation's speaker
 * and its cue ("Lucas Paganini, a planetary scientist at the center in
 * Greenbelt, Maryland, and American University in Washington, said").
 * More pieces are a list or the writer's own sentence, not a speaker's
 * description. */
#define WS_MAX_APPOSITION_PIECES 5

/* Words in the noun phrase of a prepositional phrase between a speaker
 * phrase and its cue ("the head of the state health department said").
 * A longer run is a clause of the writer's, not a postmodifier. */
#define WS_MAX_POSTMODIFIER_WORDS 4

/* Capitalised words before a person's office that an epithet may take
 * up ("Westbridge United manager Sean Harcourt ... the Westbridge
 * boss"): a club's, party's or firm's name; longer runs are rare. */
#define WS_MAX_OFFICE_NAME_WORDS 4

/* Words of adjuncts between a reporting verb and a participle that shares
 * its subject ("Hollande said Tuesday in Paris, noting ..."): a time, a
 * place, a short object. Further away the participle hangs on something
 * else of the sentence. */
#define WS_MAX_CUE_ADJUNCT_WORDS 6

/* Words in a quoted term after a naming verb ("what's called "feather
 * duvet lung""): longer quotations there are someone's words. */
#define WS_MAX_TERM_WORDS 5

/* Sentence-initial capitalised words per document checked against the
 * rest of the text for a lower-case use ("Much like Mr. Obama, ..." with
 * "much" elsewhere: no name). The check costs one bit test per token;
 * words past this count keep their name reading. */
#define WS_MAX_COMMON_CANDIDATES 64

/* Tokens looked back from "the statement said" for the statement it
 * refers to ("X said in a statement ..."): a document is taken up within
 * a few paragraphs, and the bound keeps each look-back O(1). */
#define WS_MAX_DOCUMENT_LOOKBACK 400

/* Tokens in one name or noun phrase. Longer capitalised runs are headline
 * text or tables, not names. */
#define WS_MAX_NAME_TOKENS 8

/* Tokens in one whole mention, titles, premodifiers and possessors
 * included ("Breitbart News' Washington Political Editor Matthew
 * Boyle"). Merging stops here, so a run of "Zxaa's Zxab's ..." cannot
 * grow one mention without end (each merge re-walks the mention). */
#define WS_MAX_PHRASE_TOKENS 16

/* Bytes in one word of a name. A longer "word" is data, not a name; the
 * bound keeps the speaker text, written once per record, small, so the
 * output stays linear in the input. */
#define WS_MAX_NAME_BYTES 64

/* Hard-wrapped text (e-mailed and plain-text news: a newline every 72
 * or so columns inside a paragraph). A document is read as wrapped when
 * at most one line in ten is longer than WS_WRAP_MAX_LINE_BYTES (no
 * wrapping tool writes lines that long; a paragraph-per-line text such as
 * PolNeAR's or an extracted web page has most lines longer) and at least
 * one newline in five falls inside a sentence. Then a single newline is a
 * space, and a paragraph ends at a blank line; in a wrapped text with no
 * blank lines, at an indented line or after a sentence whose line is
 * shorter than WS_WRAP_SHORT_LINE_PERCENT of the longest line. */
#define WS_WRAP_MAX_LINE_BYTES 120
#define WS_WRAP_SHORT_LINE_PERCENT 70

/* How far back, in paragraphs, a speaker stays salient for a pronoun or a
 * quotation paragraph with no cue (the seed's "she explained" reaches back
 * over a "CLICK HERE ..." line). */
#define WS_MAX_SALIENCE_PARAGRAPHS 4

/* A bare role in a headline or standfirst ("Judge says scheme was
 * 'cynical'") is named in the body after the byline and date lines, which
 * are paragraphs too: a role in the first WS_HEADLINE_PARAGRAPHS
 * paragraphs looks that many further ahead for its holder. */
#define WS_HEADLINE_PARAGRAPHS 3

/* Mentions ahead in which a phrase that named no one ("Her daughter said")
 * may find the same words in apposition to a name ("Her daughter, Margaret
 * Holt, said"): a tabloid's summary bullets and the body's first
 * paragraphs; the bound keeps the forward look linear. */
#define WS_MAX_CATAPHORA_MENTIONS 64

/* Entities (distinct people and organisations) tracked per document for
 * coreference; a search over them is bounded by this, so a document full
 * of names stays linear. Later names are still reported under their own
 * mention. */
#define WS_MAX_ENTITIES 256

/* Distinct titles (and, apart, affiliations) kept per speaker in its
 * profile (speakers.c): a title is compared with the speaker's earlier
 * ones to list it once, and the bound keeps that O(1) per mention. A
 * speaker with more is a list, not a person; the rest are left out. */
#define WS_MAX_SPEAKER_TITLES 16

/* Records open at once in an HTML page (view.c): a direct fragment
 * inside an indirect report is two; the extractor never gives more than
 * a few. The open ones are scanned at each boundary, so the bound keeps
 * writing linear; a record that would open deeper is left unhighlighted
 * (it is still counted in the page's header). */
#define WS_MAX_VIEW_NESTING 16

/* Speakers of a page (view.c) that get colours of their own, their hues
 * evenly spaced round the wheel (22.5 degrees apart for 16: much closer
 * and hues are no longer told apart). A record's speaker is compared with
 * these names only, so the page stays linear without a table. Later
 * speakers get a colour from their name (which may resemble another's). */
#define WS_VIEW_PALETTE 16

/* The quotation index (index.c). */

/* Words of the partition keys: occurrences that share their first (pass
 * 2) or last (pass 3) this many normalised words meet in one partition;
 * a quotation cut short must keep this many words to be matched as a
 * prefix or suffix of a longer one (fewer would match any "I think we"). */
#define WS_INDEX_KEY_WORDS 6

/* Distinct quotations of one key compared with each new occurrence; past
 * it, an occurrence that is not identical to the latest starts its own
 * entry. Bounds the work per occurrence in a key shared by many
 * different quotations. */
#define WS_INDEX_MAX_CANDIDATES 32

/* Word-trigram Jaccard similarity, in percent, from which two quotations
 * that share a key are one with small edits. */
#define WS_INDEX_SIMILARITY 80

/* Distinct speakers voted on per entry; more count as "others" (a
 * quotation with more than this many attributions is a slogan). */
#define WS_INDEX_MAX_VOTES 32

/* Speakers counted for the corpus page (Misra-Gries): exact while the
 * corpus has fewer distinct speakers, lower bounds after, with bounded
 * memory either way. */
#define WS_INDEX_SPEAKERS_TRACKED 1024

/* Distinct speaker names the index holds to merge the names of one
 * person ("Obama" and "Barack Obama", "Donald J. Trump" and "Donald
 * Trump", "Josh" and "Joshua Apte"): each is compared, through hash
 * tables, with the others of its given name and surname only, so the
 * work stays linear and the memory bounded (with the next limit, 7 MiB
 * at most while the names are resolved; PolNeAR's 2,881 speakers take
 * well under one). A newsroom corpus has some thousands; names met once
 * the table is full are not merged, and the run says how many records
 * they speak (stats, corpus page, the CLI on stderr). */
#define WS_INDEX_NAMES 32768

/* Bytes of a speaker name the name table takes: longer "names" are
 * phrases ("a spokesman for the ..."), not a person's name, and are left
 * as they are. */
#define WS_INDEX_NAME_BYTES 64

/* Speakers and quotations listed on the corpus page. */
#define WS_INDEX_TOP 50

/* Partition files per pass, all open while a pass writes: within the
 * usual limit of 1024 open files. Past 256 x memory / 2 bytes of input
 * a partition outgrows the memory asked for. */
#define WS_INDEX_MAX_PARTITIONS 256

/* Memory for one partition when the caller does not say: 256 MiB. */
#define WS_INDEX_DEFAULT_MEMORY ((size_t)256 << 20)

/* Longest record line: 64 MiB, far above any quotation; a longer line is
 * skipped as bad without being held. */
#define WS_INDEX_MAX_LINE_BYTES ((size_t)64 << 20)

/* Bytes read from an input at a time. */
#define WS_INDEX_READ_CHUNK ((size_t)1 << 20)

/* Depth of JSON nesting the JSONL reader follows inside a document line
 * (ignored fields may hold objects and arrays). */
#define WS_MAX_JSON_DEPTH 64

/* HTML pages (html.c). libxml2 builds no tree past 256 nested elements
 * (WS_MAX_HTML_DEPTH, its own guard against stack exhaustion); a deeper
 * page is refused with WS_ERR_TOO_LARGE rather than cut where libxml2
 * stopped. Real pages nest 20 to 40 deep. */
#define WS_MAX_HTML_DEPTH 256

/* Bytes of an element's class and id read for boilerplate hints ("share",
 * "sidebar"): a class attribute of megabytes is data, and reading a bounded
 * prefix keeps each element's test O(1). */
#define WS_MAX_CLASS_HINT_BYTES 256

/* Bytes at the start of a page searched for <meta charset>, as browsers
 * do (the HTML standard's prescan reads 1024; real pages put it later,
 * after long <script> blocks). */
#define WS_MAX_CHARSET_PRESCAN_BYTES 4096

/* Attributes in one HTML start tag. libxml2 2.9 compares each new
 * attribute with every earlier one of the same tag: 40,000 in one tag
 * (350 KB) take seconds, a page of megabytes minutes. Real tags have
 * tens; a page with a tag past this is refused (WS_ERR_TOO_LARGE),
 * found by one linear pass before libxml2 sees it. */
#define WS_MAX_HTML_ATTRIBUTES 1024

/* Longest charset label kept ("windows-1252", "iso-2022-jp"): longer ones
 * are not labels. */
#define WS_MAX_CHARSET_NAME_BYTES 40

/* ---- runs (run.c) ---------------------------------------------------- */

/* A document read as plain text (a whole file as one document) that
 * holds a NUL byte, or in which more than this share (in percent) of the
 * bytes are not UTF-8, is binary data (an executable, an image, an
 * archive), not an article: WS_ERR_NOT_TEXT, not records of garbage.
 * Text in an 8-bit encoding stays well under it: windows-1252 English
 * has a byte outside ASCII per curly quotation mark or dash (1 to 2% in
 * a heavily quoted article), Latin-1 French or German 2 to 4% accented
 * letters; random or compressed bytes are over half invalid, and hold a
 * NUL every 256 bytes. JSONL texts are not judged: their NULs are
 * escapes someone wrote. */
#define WS_NOT_TEXT_INVALID_PERCENT 5

/* ... and only once it has this many invalid bytes: a short text with a
 * few stray bytes (a headline in windows-1252) is not binary by share
 * alone. */
#define WS_NOT_TEXT_MIN_INVALID 16

/* Bytes read from an input at a time: enough that system calls cost
 * nothing next to extraction, small next to a document so that the
 * reader holds little beyond the document it is assembling. */
#define WS_RUN_READ_CHUNK ((size_t)256 << 10)

/* Documents in flight per worker thread (queued, being processed, or
 * done and waiting for their turn in the output). Pages differ in cost
 * tenfold, so a worker with only two slots often waited on the reading
 * thread: eight took -j2 on two cores from 1.50x to 1.79x -j1 on the
 * PolNeAR WARC (bench/run.c). The memory of a run is bounded by this
 * times the threads times the largest document. */
#define WS_RUN_JOBS_PER_THREAD 8

/* Most worker threads a run starts, whatever it is asked for: beyond
 * the cores of any machine this is meant for, and a bound on the memory
 * above. */
#define WS_MAX_THREADS 256

/* A job's buffers (the document's copy, its output) are let go after
 * the document when they grew past this, so that one huge document does
 * not pin its size in every slot for the rest of the run. */
#define WS_RUN_KEEP_BYTES ((size_t)4 << 20)

/* Output bytes buffered (after compression) before a write(2). */
#define WS_RUN_OUTPUT_BUFFER ((size_t)1 << 20)

/* Bytes of a document's "doc" name kept in the file name of its HTML
 * page (ws_run with WS_OUTPUT_HTML into a directory): file names are
 * limited to 255 bytes, and a WARC-Record-ID or a long path should not
 * come near that; the page's number before it keeps names distinct. */
#define WS_RUN_PAGE_NAME_BYTES 80

/* Largest WARC header block, and largest HTTP header block inside a
 * response record, the WARC reader holds. Real ones are a few kilobytes
 * (Common Crawl's run to about 2 KB; cookies and security policies can
 * push HTTP headers to some tens of KB); a "header" that runs on for a
 * megabyte is not one, and without a bound a stream with no blank line
 * would be buffered whole. Over it: WS_ERR_TOO_LARGE for that record. A
 * WARC header block over it is scanned no further than the limit and one
 * byte; the reader then goes on at the next gzip member, or, uncompressed,
 * at the last line inside the refused block that starts "WARC/1." (else
 * after the block). An HTTP header block over it drops its record by the
 * record's Content-Length. */
#define WS_MAX_WARC_HEADER_BYTES ((size_t)1 << 20)

/* The WARC reader keeps an HTML payload (raw, and again once Transfer-
 * and Content-Encoding are undone) up to WS_MAX_DOCUMENT_BYTES; a larger
 * one is WS_ERR_TOO_LARGE for its record and its bytes are let go as they
 * stream past. Payloads that are not HTML are never held at all, whatever
 * their size (they are skipped as they stream past). */

/* Compressed bytes of the current gzip member the WARC reader keeps so
 * that, when the member turns out corrupt, it can look for the next
 * member from just after the damaged one's start (the damage may have
 * made zlib read on into the members that follow). A member-per-record
 * archive's members are far smaller; past this (a whole WARC gzipped as
 * one member) the search starts this far back instead, so memory stays
 * bounded. */
#define WS_MAX_GZIP_RESYNC_BYTES ((size_t)16 << 20)

#endif
