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

/* ---- runs (run.c) ---------------------------------------------------- */

/* Bytes read from an input at a time: enough that system calls cost
 * nothing next to extraction, small next to a document so that the
 * reader holds little beyond the document it is assembling. */
#define WS_RUN_READ_CHUNK ((size_t)256 << 10)

/* Documents in flight per worker thread (queued, being processed, or
 * done and waiting for their turn in the output). Two keep every worker
 * busy while the output waits for a slow document; the memory of a run
 * is bounded by this times the threads times the largest document. */
#define WS_RUN_JOBS_PER_THREAD 2

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

#endif
