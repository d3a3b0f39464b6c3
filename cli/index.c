/*
 * whosaid index: records from many documents in, one line per distinct
 * quotation out (ws_index_build). A progress line goes to standard error
 * when it is a terminal, and nowhere otherwise.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid.h"
#include "common.h"
#include "index.h"

enum { EXIT_OK = 0, EXIT_BAD_LINES = 1, EXIT_USAGE_OR_IO = 2 };

static const char help_text[] =
    "Usage: whosaid index [OPTION]... [FILE]...\n"
    "Index the quotations of whosaid records (the JSON lines whosaid writes)\n"
    "from every FILE (standard input when there is none, or for \"-\"): the\n"
    "same quotation reported by several documents becomes one entry.\n"
    "\n"
    "  --types LIST     the records indexed: direct, indirect, or both as\n"
    "                   direct,indirect (default: direct)\n"
    "  --memory MIB     memory for records held at once, in MiB (default 256);\n"
    "                   the input is partitioned on disk to stay within it\n"
    "  --tmpdir DIR     where the partitions go (default: $TMPDIR, else /tmp)\n"
    "  --html FILE      also write a corpus page: top speakers, merged speaker\n"
    "                   names, most repeated quotations\n"
    "  --merged FILE    also write the merged speaker names, one JSON line each:\n"
    "                   name, speaker (the name it counts as), rule, occurrences\n"
    "  -o FILE          write the index to FILE instead of standard output\n"
    "  --help           print this help and exit\n"
    "\n"
    "Output: one object per quotation: quoteID, quotation (its longest form),\n"
    "speaker (the most voted), probas (each speaker's share of the\n"
    "occurrences; null for unattributed ones), numOccurrences, numDocuments,\n"
    "occurrences (doc, start, end, type, speaker, and url and date when the\n"
    "records have them). Occurrences are one quotation when they read the same\n"
    "once case, punctuation and quotation marks are set aside, when one is\n"
    "the other cut short (six words at least), or when they differ in a few\n"
    "words. The entries come in the same order however the input is given\n"
    "(files or a pipe) and whatever --memory is.\n"
    "\n"
    "Speaker names of one person are merged before the votes, the fullest\n"
    "(most words, then longest) standing for the others; each occurrence keeps\n"
    "its record's speaker. The rules: surname, a bare surname that one person\n"
    "of the index has (\"Obama\": \"Barack Obama\"; not \"Clinton\" beside Hillary\n"
    "and Bill Clinton); middle, the same given name and surname, middle names\n"
    "or initials aside (\"Donald J. Trump\", \"Donald Trump\"; not when two people\n"
    "differ by them); given, a given name cut short, three letters at least\n"
    "and two fewer (\"Josh Apte\": \"Joshua Apte\"). At most 32768 distinct names\n"
    "are held; when there are more, standard error says how many records'\n"
    "speakers were not merged.\n"
    "\n"
    "Exit status: 0 all lines indexed; 1 some lines were no record (each\n"
    "skipped; the first is named on standard error); 2 a usage error, an\n"
    "input or output that cannot be read or written, or no memory.\n";

typedef struct config {
    ws_index_options opts;
    const char *output;
    const char **files;
    size_t n_files;
} config;

static int usage_error(const char *what, const char *arg)
{
    cli_usage_error("whosaid index", what, arg);
    return EXIT_USAGE_OR_IO;
}

static int parse_option(int argc, char **argv, int *i, config *cfg)
{
    const char *v;
    bool missing = false;
    if (strcmp(argv[*i], "--help") == 0) {
        fputs(help_text, stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE_OR_IO;
    }
    if ((v = cli_option_value(argc, argv, i, "--types", &missing)) != NULL)
        return cli_parse_types(v, &cfg->opts.types) ? -1 : usage_error("--types takes direct, indirect or direct,indirect, not", v);
    if ((v = cli_option_value(argc, argv, i, "--memory", &missing)) != NULL) {
        char *end;
        errno = 0;
        unsigned long long mib = strtoull(v, &end, 10);
        if (errno || *end || mib == 0 || mib > (SIZE_MAX >> 20))
            return usage_error("--memory takes a number of MiB, not", v);
        cfg->opts.memory = (size_t)mib << 20;
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--tmpdir", &missing)) != NULL) {
        cfg->opts.tmpdir = v;
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--html", &missing)) != NULL) {
        cfg->opts.html = v;
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "--merged", &missing)) != NULL) {
        cfg->opts.merged = v;
        return -1;
    }
    if ((v = cli_option_value(argc, argv, i, "-o", &missing)) != NULL) {
        cfg->output = v;
        return -1;
    }
    return usage_error(missing ? "a value is missing after" : "unknown option", argv[*i]);
}

static int parse_arguments(int argc, char **argv, config *cfg)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        if (!options_done && strcmp(argv[i], "--") == 0) {
            options_done = true;
        } else if (!options_done && argv[i][0] == '-' && argv[i][1] != '\0') {
            int status = parse_option(argc, argv, &i, cfg);
            if (status >= 0)
                return status;
        } else {
            cfg->files[cfg->n_files++] = argv[i];
        }
    }
    return -1;
}

static const char *pass_name(unsigned pass)
{
    return pass == 1 ? "reading" : pass == 2 ? "merging by first words" : "merging by last words";
}

static void show_progress(void *ctx, const ws_index_stats *st)
{
    (void)ctx;
    fprintf(stderr, "\rwhosaid index: pass %u/3 (%s): %llu records", st->pass,
            pass_name(st->pass), (unsigned long long)st->records_indexed);
    if (st->bytes_total)
        fprintf(stderr, ", %llu%% read", (unsigned long long)(st->bytes_read * 100 / st->bytes_total));
    if (st->pass == 3)
        fprintf(stderr, ", %llu quotations", (unsigned long long)st->entries);
    fputs("   ", stderr);
}

/* "whosaid index: FILE: message", naming the file the library says the
 * error concerns; a bad line as FILE:LINE, as whosaid names them. */
static void report_error(ws_status s, const ws_index_stats *st, const ws_error *err)
{
    const char *msg = err->message ? err->message : ws_status_name(s);
    if (s == WS_ERR_JSON)
        fprintf(stderr, "whosaid index: %llu lines are no record; the first: %s:%zu: %s\n",
                (unsigned long long)st->lines_bad, st->file ? st->file : "-", err->line, msg);
    else if (st->file)
        fprintf(stderr, "whosaid index: %s: %s\n", st->file, msg);
    else
        fprintf(stderr, "whosaid index: %s\n", msg);
}

int whosaid_index_main(int argc, char **argv)
{
    config cfg;
    memset(&cfg, 0, sizeof cfg);
    ws_index_options_init(&cfg.opts);
    cfg.files = malloc(sizeof *cfg.files * (size_t)(argc + 1));
    if (!cfg.files) {
        fputs("whosaid index: out of memory\n", stderr);
        return EXIT_USAGE_OR_IO;
    }
    int status = parse_arguments(argc, argv, &cfg);
    if (status < 0) {
        bool tty = isatty(STDERR_FILENO) != 0;
        if (tty)
            cfg.opts.on_progress = show_progress;
        ws_index_stats st;
        ws_error err = {0};
        ws_status s = ws_index_build(cfg.files, cfg.n_files, cfg.output, &cfg.opts, &st, &err);
        if (tty)
            fprintf(stderr, "\nwhosaid index: %llu quotations, %llu in two documents or more; "
                    "%llu speaker names merged into others\n",
                    (unsigned long long)st.entries, (unsigned long long)st.repeated,
                    (unsigned long long)st.names_merged);
        /* Said whether or not stderr is a terminal: the speakers are not
         * what they would be with room for every name. */
        if (st.names_untracked)
            fprintf(stderr, "whosaid index: more distinct speaker names than the %llu the name "
                    "table holds: the speakers of %llu records were not merged\n",
                    (unsigned long long)st.names, (unsigned long long)st.names_untracked);
        if (s != WS_OK)
            report_error(s, &st, &err);
        status = s == WS_OK ? EXIT_OK : s == WS_ERR_JSON ? EXIT_BAD_LINES : EXIT_USAGE_OR_IO;
    }
    free(cfg.files);
    return status;
}
