/*
 * whosaid: the command line.
 *
 * Reads each input in fixed chunks and feeds them to a reader, so memory
 * follows the largest document, not the input; extracts the quotations of
 * each document as soon as it is complete and writes them as JSON Lines.
 * A bad document is reported on stderr and skipped; the rest go on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid.h"
#include "index.h"

#define READ_CHUNK ((size_t)64 * 1024)
#define OUTPUT_BUFFER ((size_t)1 << 20)

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
    "Find the quotations in news text and who said them, and write one JSON\n"
    "object per quotation, one per line (JSON Lines).\n"
    "\n"
    "Each FILE is plain UTF-8 text, the whole file one document, or JSONL,\n"
    "one {\"id\": ..., \"text\": ...} object per line, each line a document.\n"
    "With no FILE, or when FILE is -, standard input is read.\n"
    "\n"
    "Options:\n"
    "  --in text|jsonl  the input format (default: jsonl for a FILE whose\n"
    "                   name ends in .jsonl, otherwise text, standard input\n"
    "                   included)\n"
    "  --types LIST     the records to write: a comma-separated list of\n"
    "                   direct and indirect (default: direct,indirect)\n"
    "  -o FILE          write to FILE instead of standard output\n"
    "  --help           print this help and exit\n"
    "  --version        print the version and exit\n"
    "\n"
    "Output: one object per quotation, with these fields in this order.\n"
    "Offsets count bytes of the document's text as UTF-8 (for JSONL, of the\n"
    "decoded \"text\" string); a span runs from its start (inclusive) to its\n"
    "end (exclusive).\n"
    "  doc            the document: its JSONL \"id\" (a string, or a number as\n"
    "                 written), FILE:LINE for a JSONL line with no id, or the\n"
    "                 file name for text input (stdin for standard input)\n"
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
    "Invalid UTF-8 in the input is written as U+FFFD; the output is always\n"
    "valid UTF-8.\n"
    "\n"
    "A document that cannot be read or processed is reported on standard\n"
    "error as \"whosaid: FILE:LINE: message (byte POSITION)\" (no LINE for\n"
    "text input) and skipped; the others are still processed. POSITION is a\n"
    "byte offset in the input for a reading error, in the document's text\n"
    "for an extraction error. When every input is read and every document\n"
    "processed, standard error stays empty.\n"
    "\n"
    "Exit status:\n"
    "  0  every document was processed\n"
    "  1  some document failed (each one is reported on standard error)\n"
    "  2  a usage error, an input file that cannot be read, an output that\n"
    "     cannot be written, or no memory\n";

/* ===================================================================== */
/*  Options                                                              */
/* ===================================================================== */

typedef struct config {
    ws_input_format format; /* 0: by each file's name */
    unsigned types;         /* WS_TYPE_* */
    const char *output;     /* NULL: standard output */
    const char **files;
    size_t n_files;
} config;

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "whosaid: %s%s%s\nTry 'whosaid --help'.\n", what,
            arg ? " " : "", arg ? arg : "");
    return EXIT_USAGE_OR_IO;
}

static bool parse_format(const char *s, ws_input_format *format)
{
    if (strcmp(s, "text") == 0)
        *format = WS_INPUT_TEXT;
    else if (strcmp(s, "jsonl") == 0)
        *format = WS_INPUT_JSONL;
    else
        return false;
    return true;
}

/* "direct,indirect" into a WS_TYPE_* mask; false on an unknown or empty name. */
static bool parse_types(const char *s, unsigned *types)
{
    *types = 0;
    for (;;) {
        size_t n = strcspn(s, ",");
        if (n == 6 && strncmp(s, "direct", 6) == 0)
            *types |= WS_TYPE_DIRECT;
        else if (n == 8 && strncmp(s, "indirect", 8) == 0)
            *types |= WS_TYPE_INDIRECT;
        else
            return false;
        if (s[n] == '\0')
            return true;
        s += n + 1;
    }
}

/* The value of an option given as "--name VALUE" or "--name=VALUE"; NULL
 * when arg is not this option. *i moves past a separate value. */
static const char *option_value(int argc, char **argv, int *i,
                                const char *name, bool *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

/* Returns -1 to go on, or the exit status. */
static int parse_option(int argc, char **argv, int *i, config *cfg)
{
    const char *arg = argv[*i];
    const char *v;
    bool missing = false;
    if (strcmp(arg, "--help") == 0) {
        fputs(help_text, stdout);
        return fflush(stdout) == 0 ? EXIT_ALL_PROCESSED : EXIT_USAGE_OR_IO;
    }
    if (strcmp(arg, "--version") == 0) {
        printf("whosaid %s\n", WHOSAID_VERSION);
        return fflush(stdout) == 0 ? EXIT_ALL_PROCESSED : EXIT_USAGE_OR_IO;
    }
    if ((v = option_value(argc, argv, i, "--in", &missing)) != NULL) {
        if (!parse_format(v, &cfg->format))
            return usage_error("--in takes text or jsonl, not", v);
        return -1;
    }
    if ((v = option_value(argc, argv, i, "--types", &missing)) != NULL) {
        if (!parse_types(v, &cfg->types))
            return usage_error("--types takes a comma-separated list of direct "
                               "and indirect, not", v);
        return -1;
    }
    if ((v = option_value(argc, argv, i, "-o", &missing)) != NULL) {
        cfg->output = v;
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
/*  Running                                                              */
/* ===================================================================== */

typedef struct run {
    const config *cfg;
    ws_extractor *x;
    FILE *out;
    const char *out_name;
    char *chunk;         /* READ_CHUNK bytes */
    char *doc_name;      /* "FILE:LINE" for a JSONL line without an id */
    size_t doc_name_cap;
    bool document_failed;
    bool io_failed;
    bool stop;           /* the output failed: nothing more can be written */
} run;

/* The input being read. */
typedef struct input {
    const char *name;    /* as shown: "stdin" for "-" */
    ws_input_format format;
} input;

static int write_to_file(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ctx) == len ? 0 : -1;
}

static void report_output_error(run *R)
{
    fprintf(stderr, "whosaid: %s: write error: %s\n", R->out_name, strerror(errno));
    R->io_failed = true;
    R->stop = true;
}

static void report_out_of_memory(run *R, const input *in)
{
    fprintf(stderr, "whosaid: %s: out of memory\n", in->name);
    R->io_failed = true;
}

static void report_document_error(run *R, const input *in, size_t line,
                                   const ws_error *err)
{
    const char *msg = err->message ? err->message : ws_status_name(err->code);
    if (in->format == WS_INPUT_JSONL)
        fprintf(stderr, "whosaid: %s:%zu: %s (byte %zu)\n", in->name, line, msg,
                err->position);
    else
        fprintf(stderr, "whosaid: %s: %s (byte %zu)\n", in->name, msg,
                err->position);
    R->document_failed = true;
}

/* The "doc" field: the JSONL id, FILE:LINE for a line without one, or the
 * file name for text. NULL when out of memory. */
static const char *document_name(run *R, const input *in, const ws_document *d,
                                 size_t *len)
{
    if (d->id) {
        *len = d->id_len;
        return d->id;
    }
    if (in->format == WS_INPUT_TEXT) {
        *len = strlen(in->name);
        return in->name;
    }
    size_t need = strlen(in->name) + 24;
    if (need > R->doc_name_cap) {
        char *p = realloc(R->doc_name, need);
        if (!p)
            return NULL;
        R->doc_name = p;
        R->doc_name_cap = need;
    }
    int n = snprintf(R->doc_name, R->doc_name_cap, "%s:%zu", in->name, d->line);
    *len = (size_t)n;
    return R->doc_name;
}

static void process_document(run *R, const input *in, const ws_document *d)
{
    const ws_quote *quotes;
    size_t count;
    ws_error err = {0};
    ws_status st = ws_extract(R->x, d->text, d->text_len, &quotes, &count, &err);
    if (st == WS_ERR_NOMEM) {
        report_out_of_memory(R, in); /* exit 2, as --help says */
        return;
    }
    if (st != WS_OK) {
        report_document_error(R, in, d->line, &err);
        return;
    }
    size_t name_len;
    const char *name = document_name(R, in, d, &name_len);
    if (!name) {
        report_out_of_memory(R, in);
        return;
    }
    st = ws_quotes_write_jsonl(d->text, d->text_len, name, name_len, quotes,
                               count, write_to_file, R->out, &err);
    if (st == WS_ERR_WRITE)
        report_output_error(R);
    else if (st != WS_OK)
        report_document_error(R, in, d->line, &err);
}

/* Take every complete document. False when reading this input must stop. */
static bool drain(run *R, const input *in, ws_reader *rd)
{
    for (;;) {
        ws_document d;
        ws_error err = {0};
        ws_status st = ws_reader_next(rd, &d, &err);
        if (st == WS_NEED_INPUT || st == WS_DONE)
            return true;
        if (st == WS_OK)
            process_document(R, in, &d);
        else if (st == WS_ERR_NOMEM) {
            report_out_of_memory(R, in);
            return false;
        } else
            report_document_error(R, in, err.line, &err);
        if (R->stop)
            return false;
    }
}

static bool read_chunk(run *R, const input *in, int fd, size_t *got)
{
    for (;;) {
        ssize_t n = read(fd, R->chunk, READ_CHUNK);
        if (n >= 0) {
            *got = (size_t)n;
            return true;
        }
        if (errno != EINTR) {
            fprintf(stderr, "whosaid: %s: %s\n", in->name, strerror(errno));
            R->io_failed = true;
            return false;
        }
    }
}

static void read_documents(run *R, const input *in, int fd, ws_reader *rd)
{
    for (;;) {
        size_t got;
        if (!read_chunk(R, in, fd, &got))
            return;
        if (got == 0) {
            ws_reader_finish(rd);
            drain(R, in, rd);
            return;
        }
        ws_error err = {0};
        if (ws_reader_feed(rd, R->chunk, got, &err) != WS_OK) {
            fprintf(stderr, "whosaid: %s: %s\n", in->name,
                    err.message ? err.message : ws_status_name(err.code));
            R->io_failed = true;
            return;
        }
        if (!drain(R, in, rd))
            return;
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void process_file(run *R, const char *path)
{
    bool is_stdin = strcmp(path, "-") == 0;
    input in;
    in.name = is_stdin ? "stdin" : path;
    in.format = R->cfg->format ? R->cfg->format
                : ends_with(path, ".jsonl") ? WS_INPUT_JSONL : WS_INPUT_TEXT;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "whosaid: %s: %s\n", in.name, strerror(errno));
        R->io_failed = true;
        return;
    }
    ws_reader *rd = ws_reader_new(in.format, NULL);
    if (rd)
        read_documents(R, &in, fd, rd);
    else
        report_out_of_memory(R, &in);
    ws_reader_free(rd);
    if (!is_stdin)
        close(fd);
}

/* ===================================================================== */
/*  Main                                                                 */
/* ===================================================================== */

static FILE *open_output(const config *cfg, char *buffer)
{
    FILE *out = cfg->output ? fopen(cfg->output, "wb") : stdout;
    if (!out) {
        fprintf(stderr, "whosaid: %s: %s\n", cfg->output, strerror(errno));
        return NULL;
    }
    setvbuf(out, buffer, _IOFBF, OUTPUT_BUFFER);
    return out;
}

/* Flush and close, so that a full disk is noticed before exit says 0. */
static void close_output(run *R)
{
    if (fclose(R->out) != 0 && !R->stop)
        report_output_error(R);
}

static int run_files(const config *cfg)
{
    run R = {.cfg = cfg, .out_name = cfg->output ? cfg->output : "stdout"};
    char *out_buffer = malloc(OUTPUT_BUFFER);
    R.chunk = malloc(READ_CHUNK);
    ws_options opts;
    ws_options_init(&opts);
    opts.types = cfg->types;
    R.x = ws_extractor_new(&opts, NULL);
    if (!out_buffer || !R.chunk || !R.x) {
        fputs("whosaid: out of memory\n", stderr);
        R.io_failed = true;
    } else if ((R.out = open_output(cfg, out_buffer)) == NULL) {
        R.io_failed = true;
    } else {
        for (size_t k = 0; k < cfg->n_files && !R.stop; k++)
            process_file(&R, cfg->files[k]);
        close_output(&R);
    }
    ws_extractor_free(R.x);
    free(R.doc_name);
    free(R.chunk);
    free(out_buffer);
    if (R.io_failed)
        return EXIT_USAGE_OR_IO;
    return R.document_failed ? EXIT_DOCUMENT_FAILED : EXIT_ALL_PROCESSED;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "index") == 0)
        return whosaid_index_main(argc - 1, argv + 1);
    config cfg = {.types = WS_TYPE_DIRECT | WS_TYPE_INDIRECT};
    cfg.files = malloc(sizeof *cfg.files * (size_t)(argc + 1));
    if (!cfg.files) {
        fputs("whosaid: out of memory\n", stderr);
        return EXIT_USAGE_OR_IO;
    }
    int status = parse_arguments(argc, argv, &cfg);
    if (status < 0)
        status = run_files(&cfg);
    free(cfg.files);
    return status;
}
