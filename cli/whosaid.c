/*
 * whosaid: the command line, on ws_run.
 *
 * Parses the options, runs the library over the inputs and reports: each
 * failed document on stderr as it comes, a progress line while stderr is
 * a terminal, a one-line summary at the end (unless --quiet), the
 * statistics as JSON with --stats. The exit status says whether every
 * document was processed (0), some failed (1) or the run could not be
 * done (2: usage, I/O, memory).
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "whosaid.h"
#include "common.h"
#include "index.h"

enum {
    EXIT_ALL_PROCESSED = 0,
    EXIT_DOCUMENT_FAILED = 1,
    EXIT_USAGE_OR_IO = 2
};

/* ===================================================================== */
/*  Help                                                                 */
/* ===================================================================== */

static const char help_text[] =
    "Usage: whosaid [OPTIONS] [FILE...]\n"
    "   or: whosaid index [OPTIONS] [RECORDS...]\n"
    "Find the quotations in news text and who said them, and write one JSON\n"
    "object per quotation, one per line (JSON Lines).\n"
    "\n"
    "Each FILE is plain UTF-8 text (the whole file one document), JSONL (one\n"
    "{\"id\": ..., \"text\": ...} object per line, each line a document), an\n"
    "HTML page (its article text is extracted) or a WARC archive (each HTML\n"
    "response an article). With no FILE, or when FILE is -, standard input\n"
    "is read.\n"
    "\n"
    "Options:\n"
    "  --in FORMAT      the input format: text, jsonl, html or warc (default:\n"
    "                   by the name: .jsonl, .html or .htm, .warc, .warc.gz or\n"
    "                   .arc.gz; else by the first bytes: WARC or gzip, an HTML\n"
    "                   doctype or <html>, '{' for JSONL; else text)\n"
    "  --types LIST     the records to write: a comma-separated list of\n"
    "                   direct and indirect (default: direct,indirect)\n"
    "  -j N             N worker threads (default, or 0: one per core); the\n"
    "                   output is the same for every N\n"
    "  -o FILE          write to FILE instead of standard output; compressed\n"
    "                   with zstd when FILE ends in .zst, with gzip in .gz;\n"
    "                   written as FILE.tmp.PID and renamed once complete,\n"
    "                   so an interrupted or failed run leaves no FILE; an\n"
    "                   input is never overwritten\n"
    "  --text-only      write the text of each document instead of records:\n"
    "                   one paragraph a line, a blank line between documents\n"
    "  --emit-text      write one JSON object per document instead of records:\n"
    "                   doc, url, date, title, byline, site, lang,\n"
    "                   warc_record_id, warc_filename, warc_record_offset,\n"
    "                   warc_record_length and the text the offsets count in\n"
    "  --speakers       write one JSON object per speaker of each document\n"
    "                   instead of records: doc, speaker, start, end, kind,\n"
    "                   gender, quotes {direct, indirect, total, records},\n"
    "                   titles, affiliations, gender_evidence, mentions\n"
    "  --format FORMAT  jsonl (the records, the default) or html: one\n"
    "                   self-contained HTML page per document, its quotations\n"
    "                   highlighted and a panel of its speakers. With several\n"
    "                   documents -o must name a directory (ending in /, made\n"
    "                   when missing), which gets NNNNNN-DOC.html for each\n"
    "                   (NNNNNN the document's number in input order, DOC its\n"
    "                   doc name, bytes other than A-Z a-z 0-9 . _ - made _);\n"
    "                   else the one page goes to -o FILE or standard output,\n"
    "                   and a second document stops the run (exit 2) with\n"
    "                   nothing written\n"
    "  --stats FILE     write the run's statistics to FILE as a JSON object\n"
    "  --quiet          no progress line and no summary on standard error\n"
    "                   (failed documents are still named)\n"
    "  --help           print this help and exit\n"
    "  --version        print the version and exit\n"
    "\n"
    "Output: one object per quotation, with these fields in this order.\n"
    "Offsets count bytes of the document's text as UTF-8 (for JSONL, of the\n"
    "decoded \"text\" string; for HTML, of the extracted text); a span runs\n"
    "from its start (inclusive) to its end (exclusive).\n"
    "  doc            the document: its JSONL \"id\" (a string, or a number as\n"
    "                 written), FILE:LINE for a JSONL line with no id, the\n"
    "                 WARC-Record-ID, or the file name for text and HTML input\n"
    "                 (stdin for standard input)\n"
    "  type           \"direct\" (words in quotation marks) or \"indirect\"\n"
    "                 (reported speech: she said that ...)\n"
    "  start          where the quotation starts, its quotation marks left out\n"
    "  end            where the quotation ends\n"
    "  quote          the quotation's text, without its quotation marks\n"
    "  speaker        who said it: the fullest name the document gives that\n"
    "                 speaker, titles dropped, as it stands in the text; or\n"
    "                 the most specific noun phrase; null when the text does\n"
    "                 not say who spoke\n"
    "  speaker_start  where the mention that anchors the attribution starts:\n"
    "                 the words next to the quotation that name the speaker\n"
    "                 (\"he\", \"the secretary\", \"Hegseth\"), so that speaker\n"
    "                 may be a name given elsewhere; null when there is none\n"
    "  speaker_end    where that mention ends; null when there is none\n"
    "  cue            the reporting word or phrase (\"said\", \"according to\");\n"
    "                 null when there is none\n"
    "  cue_start      where the cue stands (null with cue)\n"
    "  cue_end        where the cue ends (null with cue)\n"
    "  rule           the evidence the attribution rests on (see docs/rules.md)\n"
    "Records of a WARC document add url, date (WARC-Target-URI, WARC-Date),\n"
    "warc_record_id, warc_filename, warc_record_offset and warc_record_length\n"
    "(where the record is stored in the file, to fetch it again).\n"
    "Invalid UTF-8 in the input is written as U+FFFD (and counted); the\n"
    "output is always valid UTF-8.\n"
    "\n"
    "A document that cannot be read or processed is reported on standard\n"
    "error as \"whosaid: FILE:LINE: message (byte POSITION)\" (\"FILE: record\n"
    "ID:\" for WARC, no LINE for text and HTML) and the others are still\n"
    "processed. POSITION is a byte offset in the input for a reading error,\n"
    "in the document's text for an extraction error. At the end a summary\n"
    "line gives the documents read, processed, failed and skipped, the\n"
    "quotations and the bytes, unless --quiet. While standard error is a\n"
    "terminal a progress line shows the documents, megabytes and MB/s so\n"
    "far, and the time left when the size of the input is known.\n"
    "\n"
    "Commands:\n"
    "  whosaid index [OPTIONS] [RECORDS...]\n"
    "                   index the quotations of record files (what whosaid\n"
    "                   writes): one JSON line per distinct quotation, with\n"
    "                   its speaker (the names of one person merged) and\n"
    "                   every occurrence; options --types, --memory,\n"
    "                   --tmpdir, --html FILE, --merged FILE and -o FILE\n"
    "                   (see whosaid index --help)\n"
    "\n"
    "Exit status:\n"
    "  0  every document was processed (skipped records, such as WARC\n"
    "     requests or non-HTML responses, are fine)\n"
    "  1  some document failed (each one is reported on standard error)\n"
    "  2  a usage error, an input file that cannot be read, an output that\n"
    "     cannot be written, or no memory\n"
    "  130, 143  stopped by SIGINT or SIGTERM (nothing left under -o FILE)\n";

/* ===================================================================== */
/*  Options                                                              */
/* ===================================================================== */

typedef struct config {
    ws_run_options run;
    const char *output;     /* NULL: standard output */
    const char *stats_file; /* NULL: none */
    bool quiet;
    const char **files;
    size_t n_files;
} config;

static int usage_error(const char *what, const char *arg)
{
    cli_usage_error("whosaid", what, arg);
    return EXIT_USAGE_OR_IO;
}

static bool parse_format(const char *s, ws_input_format *format)
{
    static const struct { const char *name; ws_input_format format; } names[] = {
        {"text", WS_INPUT_TEXT}, {"jsonl", WS_INPUT_JSONL},
        {"html", WS_INPUT_HTML}, {"warc", WS_INPUT_WARC},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (strcmp(s, names[k].name) == 0) {
            *format = names[k].format;
            return true;
        }
    }
    return false;
}

/* A thread count: digits only, at most 4096. */
static bool parse_threads(const char *s, unsigned *n)
{
    if (*s == '\0' || strlen(s) > 4)
        return false;
    unsigned v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (unsigned)(*s - '0');
    }
    if (v > 4096)
        return false;
    *n = v;
    return true;
}

static int print_and_exit(const char *text)
{
    fputs(text, stdout);
    return fflush(stdout) == 0 ? EXIT_ALL_PROCESSED : EXIT_USAGE_OR_IO;
}

static int set_output_format(config *cfg, ws_output_format format, const char *arg)
{
    if (cfg->run.output != WS_OUTPUT_JSONL && cfg->run.output != format)
        return usage_error("--text-only, --emit-text, --speakers and --format html "
                           "exclude each other:", arg);
    cfg->run.output = format;
    return -1;
}

/* Options without a value. Returns -1 to go on, -2 when arg is none of
 * them, or the exit status. */
static int parse_flag(const char *arg, config *cfg)
{
    if (strcmp(arg, "--help") == 0)
        return print_and_exit(help_text);
    if (strcmp(arg, "--version") == 0)
        return print_and_exit("whosaid " WHOSAID_VERSION "\n");
    if (strcmp(arg, "--quiet") == 0) {
        cfg->quiet = true;
        return -1;
    }
    if (strcmp(arg, "--text-only") == 0)
        return set_output_format(cfg, WS_OUTPUT_TEXT, arg);
    if (strcmp(arg, "--emit-text") == 0)
        return set_output_format(cfg, WS_OUTPUT_DOCS, arg);
    if (strcmp(arg, "--speakers") == 0)
        return set_output_format(cfg, WS_OUTPUT_SPEAKERS, arg);
    return -2;
}

/* Returns -1 to go on, or the exit status. */
static int parse_option(int argc, char **argv, int *i, config *cfg)
{
    const char *arg = argv[*i];
    const char *v;
    bool missing = false;
    int status = parse_flag(arg, cfg);
    if (status != -2)
        return status;
    if ((v = cli_option_value(argc, argv, i, "--in", &missing)) != NULL) {
        if (!parse_format(v, &cfg->run.input))
            return usage_error("--in takes text, jsonl, html or warc, not", v);
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--types", &missing)) != NULL) {
        if (!cli_parse_types(v, &cfg->run.extract.types))
            return usage_error("--types takes a comma-separated list of direct "
                               "and indirect, not", v);
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--format", &missing)) != NULL) {
        if (strcmp(v, "jsonl") != 0 && strcmp(v, "html") != 0)
            return usage_error("--format takes jsonl or html, not", v);
        return set_output_format(cfg, v[0] == 'h' ? WS_OUTPUT_HTML : WS_OUTPUT_JSONL, arg);
    }
    if ((v = cli_option_value(argc, argv, i, "-j", &missing)) != NULL) {
        if (!parse_threads(v, &cfg->run.threads))
            return usage_error("-j takes a number of threads (0 to 4096), not", v);
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "-o", &missing)) != NULL) {
        cfg->output = v;
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--stats", &missing)) != NULL) {
        cfg->stats_file = v;
        return -1;
    }
    if (missing)
        return usage_error("a value is missing after", arg);
    return usage_error("unknown option", arg);
}

/* Returns -1 to go on, or the exit status. */
static int parse_arguments(int argc, char **argv, config *cfg)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
        } else if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            int status = parse_option(argc, argv, &i, cfg);
            if (status >= 0)
                return status;
        } else {
            cfg->files[cfg->n_files++] = arg;
        }
    }
    if (cfg->n_files == 0)
        cfg->files[cfg->n_files++] = "-";
    return -1;
}

/* ===================================================================== */
/*  Reporting                                                            */
/* ===================================================================== */

typedef struct report {
    bool progress;        /* stderr is a terminal and not --quiet */
    bool progress_shown;  /* a progress line is on the screen */
    double start;
    ws_error last_input_error; /* the last whole-input failure named */
    bool input_error_named;
} report;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_progress(report *rep)
{
    if (rep->progress_shown) {
        fputs("\r\033[K", stderr);
        rep->progress_shown = false;
    }
}

static const char *error_message(const ws_error *err)
{
    return err->message ? err->message : ws_status_name(err->code);
}

/* "whosaid: FILE:LINE: message (byte N)", "FILE: record ID: ...", or for
 * a whole input "whosaid: FILE: message". */
static void on_failure(void *ctx, const char *source, const ws_document *doc,
                       const ws_error *err)
{
    report *rep = ctx;
    clear_progress(rep);
    const char *msg = error_message(err);
    if (!doc) {
        fprintf(stderr, "whosaid: %s: %s\n", source, msg);
        rep->last_input_error = *err;
        rep->input_error_named = true;
    } else if (doc->line) {
        fprintf(stderr, "whosaid: %s:%zu: %s (byte %zu)\n", source, doc->line,
                msg, err->position);
    } else if (doc->id && doc->record_length) {
        fprintf(stderr, "whosaid: %s: record %.*s: %s (byte %zu)\n", source,
                (int)doc->id_len, doc->id, msg, err->position);
    } else {
        fprintf(stderr, "whosaid: %s: %s (byte %zu)\n", source, msg, err->position);
    }
}

static void on_progress(void *ctx, const ws_stats *s)
{
    report *rep = ctx;
    if (!rep->progress)
        return;
    double elapsed = now_seconds() - rep->start;
    double mb = (double)s->bytes_in / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    fprintf(stderr, "\r\033[Kwhosaid: %llu documents, %.1f MB, %.1f MB/s",
            (unsigned long long)s->documents_read, mb, rate);
    if (s->bytes_total && rate > 0 && s->bytes_total >= s->bytes_in) {
        double left = ((double)(s->bytes_total - s->bytes_in) / 1e6) / rate;
        unsigned long secs = (unsigned long)(left + 0.5);
        fprintf(stderr, ", %.0f%%, ETA %lu:%02lu:%02lu",
                100.0 * (double)s->bytes_in / (double)s->bytes_total,
                secs / 3600, secs / 60 % 60, secs % 60);
    }
    fflush(stderr);
    rep->progress_shown = true;
}

/* Names of the failure and skip reasons, for the summary and --stats:
 * the library's own keys, so that --stats, the Python Stats and
 * whosaid.dask agree. Every error code counts as a document failure
 * reason; the other statuses and WS_SKIP_NONE are none. */
static const char *failure_key(ws_status code)
{
    if (code < WS_ERR_NOMEM || code >= WS_SKIPPED)
        return NULL;
    return ws_status_key(code);
}

static const char *skip_key(ws_skip reason)
{
    return reason == WS_SKIP_NONE ? NULL : ws_skip_key(reason);
}

/* " (json 2, html 1)": the non-zero counts of a by-reason table. */
static void print_reasons(FILE *f, const uint64_t *counts, size_t n,
                          const char *(*key)(int))
{
    bool any = false;
    for (size_t k = 0; k < n; k++) {
        const char *name = key((int)k);
        if (!name || !counts[k])
            continue;
        fprintf(f, "%s%s %llu", any ? ", " : " (", name, (unsigned long long)counts[k]);
        any = true;
    }
    if (any)
        fputc(')', f);
}

static const char *failure_key_int(int k) { return failure_key((ws_status)k); }
static const char *skip_key_int(int k) { return skip_key((ws_skip)k); }

static void print_summary(const ws_stats *s, double seconds)
{
    fprintf(stderr, "whosaid: %llu documents: %llu processed, %llu failed",
            (unsigned long long)s->documents_read,
            (unsigned long long)s->documents_processed,
            (unsigned long long)s->documents_failed);
    print_reasons(stderr, s->failed_by, WS_STATUS_COUNT, failure_key_int);
    fprintf(stderr, ", %llu skipped", (unsigned long long)s->documents_skipped);
    print_reasons(stderr, s->skipped_by, WS_SKIP_COUNT, skip_key_int);
    fprintf(stderr, "; %llu quotations (%llu direct, %llu indirect); "
            "%.1f MB in, %.1f MB out, %.1f s\n",
            (unsigned long long)s->quotations,
            (unsigned long long)s->quotations_direct,
            (unsigned long long)s->quotations_indirect,
            (double)s->bytes_in / 1e6, (double)s->bytes_out / 1e6, seconds);
}

static void json_table(FILE *f, const char *name, const uint64_t *counts,
                       size_t n, const char *(*key)(int))
{
    fprintf(f, ",\n  \"%s\": {", name);
    bool any = false;
    for (size_t k = 0; k < n; k++) {
        const char *kname = key((int)k);
        if (!kname)
            continue;
        fprintf(f, "%s\"%s\": %llu", any ? ", " : "", kname,
                (unsigned long long)counts[k]);
        any = true;
    }
    fputc('}', f);
}

static void json_count(FILE *f, const char *name, uint64_t v)
{
    fprintf(f, ",\n  \"%s\": %llu", name, (unsigned long long)v);
}

/* The statistics as one JSON object. False when FILE cannot be written. */
static bool write_stats(const char *path, const ws_stats *s, double seconds,
                        int exit_status)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "whosaid: %s: %s\n", path, strerror(errno));
        return false;
    }
    fprintf(f, "{\n  \"documents_read\": %llu", (unsigned long long)s->documents_read);
    json_count(f, "documents_processed", s->documents_processed);
    json_count(f, "documents_failed", s->documents_failed);
    json_count(f, "documents_skipped", s->documents_skipped);
    json_table(f, "failed_by", s->failed_by, WS_STATUS_COUNT, failure_key_int);
    json_table(f, "skipped_by", s->skipped_by, WS_SKIP_COUNT, skip_key_int);
    json_count(f, "quotations", s->quotations);
    json_count(f, "quotations_direct", s->quotations_direct);
    json_count(f, "quotations_indirect", s->quotations_indirect);
    json_count(f, "bytes_in", s->bytes_in);
    json_count(f, "bytes_total", s->bytes_total);
    json_count(f, "bytes_text", s->bytes_text);
    json_count(f, "bytes_out", s->bytes_out);
    json_count(f, "replaced", s->replaced);
    fprintf(f, ",\n  \"seconds\": %.3f,\n  \"exit_status\": %d\n}\n", seconds,
            exit_status);
    if (fclose(f) != 0) {
        fprintf(stderr, "whosaid: %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}

/* ===================================================================== */
/*  Main                                                                 */
/* ===================================================================== */

static bool same_error(const ws_error *a, const ws_error *b)
{
    return a->code == b->code && a->message == b->message && a->position == b->position;
}

/* The run's own error, unless on_failure already named it. An I/O error
 * no input was blamed for is the output's. */
static void report_run_error(const config *cfg, const report *rep,
                             const ws_error *err)
{
    if (rep->input_error_named && same_error(err, &rep->last_input_error))
        return;
    if (err->code == WS_ERR_IO)
        fprintf(stderr, "whosaid: %s: %s\n", cfg->output ? cfg->output : "stdout",
                error_message(err));
    else
        fprintf(stderr, "whosaid: %s\n", error_message(err));
}

static int exit_status_of(ws_status st)
{
    if (st == WS_OK)
        return EXIT_ALL_PROCESSED;
    if (st == WS_ERR_IO || st == WS_ERR_INVALID_ARG || st == WS_ERR_NOMEM)
        return EXIT_USAGE_OR_IO;
    return EXIT_DOCUMENT_FAILED;
}

/* Two names of one regular file, or one name twice (a file not made yet). */
static bool same_regular_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return strcmp(a, "-") != 0 && strcmp(b, "-") != 0 && stat(a, &sa) == 0 &&
           stat(b, &sb) == 0 && S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The --stats file is the CLI's own output: one that is an input or the
 * -o file would destroy it, so it is refused before anything is read.
 * (ws_run itself refuses an -o that is an input.) */
static int check_stats_file(const config *cfg)
{
    if (!cfg->stats_file)
        return -1;
    for (size_t k = 0; k < cfg->n_files; k++)
        if (same_regular_file(cfg->stats_file, cfg->files[k])) {
            fprintf(stderr, "whosaid: %s: it is also the --stats file: refused, so as "
                    "not to overwrite an input\n", cfg->files[k]);
            return EXIT_USAGE_OR_IO;
        }
    if (cfg->output && same_regular_file(cfg->stats_file, cfg->output)) {
        fprintf(stderr, "whosaid: %s: it is both the -o and the --stats file\n",
                cfg->output);
        return EXIT_USAGE_OR_IO;
    }
    return -1;
}

/* ===================================================================== */
/*  Signals                                                              */
/* ===================================================================== */

/* SIGINT or SIGTERM during a run: its number, else 0.
 *
 * The handler only sets this flag. ws_run asks for it (opts.interrupted)
 * between documents, while it waits for its workers and whenever the
 * signal cuts a read or a write short; it then stops, removes its
 * temporary output itself, and run_files reports and returns 128 + the
 * signal. The other async-signal-safe design, unlink and _exit in the
 * handler, would need the temporary's name in a global (the library
 * keeps none and names it itself), would race the rename that puts a
 * complete output in place (unlinking a name that just became the final
 * file's, or exiting with the rename half observed), and would stop the
 * workers in the middle of writes; with the flag every clean-up runs on
 * the ordinary path, in order, under the sanitizers. Its cost is a delay:
 * a document being processed on the calling thread (-j1) is finished
 * first, a few milliseconds for news. SA_RESETHAND gives a second signal
 * its default action, so that a run stuck in one huge document can
 * still be killed at once (leaving at most its temporary). */
static volatile sig_atomic_t caught_signal;

static void on_signal(int sig)
{
    caught_signal = sig;
}

static int run_interrupted(void *ctx)
{
    (void)ctx;
    return caught_signal != 0;
}

typedef struct saved_signals {
    struct sigaction old[2];
    bool caught[2];
} saved_signals;

static const int stop_signals[2] = {SIGINT, SIGTERM};

/* No SA_RESTART: a read blocked on a pipe returns with EINTR, so the run
 * sees the flag at once. A signal ignored when whosaid started (nohup, a
 * background job of a script) stays ignored. */
static void catch_signals(saved_signals *saved)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    for (int k = 0; k < 2; k++) {
        saved->caught[k] = sigaction(stop_signals[k], NULL, &saved->old[k]) == 0 &&
                           saved->old[k].sa_handler != SIG_IGN &&
                           sigaction(stop_signals[k], &sa, NULL) == 0;
    }
}

static void restore_signals(const saved_signals *saved)
{
    for (int k = 0; k < 2; k++)
        if (saved->caught[k])
            sigaction(stop_signals[k], &saved->old[k], NULL);
}

/* One line for an interrupted run, and its exit status, 128 + the signal
 * as a shell reports a process the signal killed. */
static int report_interrupted(const config *cfg)
{
    int sig = caught_signal;
    const char *name = sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
    if (cfg->output && strcmp(cfg->output, "-") != 0)
        fprintf(stderr, "whosaid: interrupted by %s: %s was not written\n", name,
                cfg->output);
    else
        fprintf(stderr, "whosaid: interrupted by %s: the output stops after the "
                "documents written so far\n", name);
    return 128 + sig;
}

static int run_files(config *cfg)
{
    report rep = {0};
    rep.progress = !cfg->quiet && isatty(STDERR_FILENO);
    rep.start = now_seconds();
    cfg->run.on_failure = on_failure;
    cfg->run.on_progress = rep.progress ? on_progress : NULL;
    cfg->run.interrupted = run_interrupted;
    cfg->run.ctx = &rep;
    ws_stats stats;
    ws_error err = {0};
    saved_signals saved;
    catch_signals(&saved);
    ws_status st = ws_run(cfg->files, cfg->n_files, cfg->output, &cfg->run,
                          &stats, &err);
    restore_signals(&saved);
    double seconds = now_seconds() - rep.start;
    clear_progress(&rep);
    if (st == WS_ERR_INTERRUPTED) /* no summary nor --stats of half a run */
        return report_interrupted(cfg);
    int status = exit_status_of(st);
    if (status == EXIT_USAGE_OR_IO)
        report_run_error(cfg, &rep, &err);
    /* A refused run (a usage error the library found: the output is an
     * input, several HTML pages for one file) did not happen: no summary
     * to suggest it did, and no --stats file. */
    if (st == WS_ERR_INVALID_ARG)
        return status;
    if (!cfg->quiet)
        print_summary(&stats, seconds);
    if (cfg->stats_file && !write_stats(cfg->stats_file, &stats, seconds, status))
        status = EXIT_USAGE_OR_IO;
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "index") == 0)
        return whosaid_index_main(argc - 1, argv + 1);
    config cfg = {0};
    ws_run_options_init(&cfg.run);
    cfg.files = malloc(sizeof *cfg.files * (size_t)(argc + 1));
    if (!cfg.files) {
        fputs("whosaid: out of memory\n", stderr);
        return EXIT_USAGE_OR_IO;
    }
    int status = parse_arguments(argc, argv, &cfg);
    if (status < 0)
        status = check_stats_file(&cfg);
    if (status < 0)
        status = run_files(&cfg);
    free(cfg.files);
    return status;
}
