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

/* How far back, in paragraphs, a speaker stays salient for a pronoun or a
 * quotation paragraph with no cue (the seed's "she explained" reaches back
 * over a "CLICK HERE ..." line). */
#define WS_MAX_SALIENCE_PARAGRAPHS 4

/* Entities (distinct people and organisations) tracked per document for
 * coreference; a search over them is bounded by this, so a document full
 * of names stays linear. Later names are still reported under their own
 * mention. */
#define WS_MAX_ENTITIES 256

/* Depth of JSON nesting the JSONL reader follows inside a document line
 * (ignored fields may hold objects and arrays). */
#define WS_MAX_JSON_DEPTH 64

/* Largest WARC header block, and largest HTTP header block inside a
 * response record, the WARC reader holds. Real ones are a few kilobytes
 * (Common Crawl's run to about 2 KB; cookies and security policies can
 * push HTTP headers to some tens of KB); a "header" that runs on for a
 * megabyte is not one, and without a bound a stream with no blank line
 * would be buffered whole. Over it: WS_ERR_TOO_LARGE for that record. */
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
