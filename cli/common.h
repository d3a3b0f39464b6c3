/*
 * What the whosaid commands (cli/whosaid.c, cli/index.c) share.
 */
#ifndef WHOSAID_CLI_COMMON_H
#define WHOSAID_CLI_COMMON_H

#include <stdbool.h>

/* "direct", "indirect" or both, comma-separated, into a WS_TYPE_* mask
 * (--types); false on an unknown or empty name. */
bool cli_parse_types(const char *s, unsigned *types);

#endif
