/*
 * What the whosaid commands (cli/whosaid.c, cli/index.c) share.
 */
#ifndef WHOSAID_CLI_COMMON_H
#define WHOSAID_CLI_COMMON_H

#include <stdbool.h>

/* "direct", "indirect" or both, comma-separated, into a WS_TYPE_* mask
 * (--types); false on an unknown or empty name. */
bool cli_parse_types(const char *s, unsigned *types);

/* The value of an option given as "--name VALUE" or "--name=VALUE" (and,
 * for a short one, "-oVALUE"); NULL when argv[*i] is not this option,
 * with *missing set when it is but no value follows. *i moves past a
 * separate value. */
/* "PROG: WHAT ARG" and "Try 'PROG --help'." on standard error (arg may be
 * NULL). */
void cli_usage_error(const char *prog, const char *what, const char *arg);

const char *cli_option_value(int argc, char **argv, int *i, const char *name,
                             bool *missing);

#endif
