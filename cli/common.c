/*
 * What the whosaid commands share (cli/common.h): options, and --types,
 * which both whosaid and whosaid index take, read one way.
 */
#include <stdio.h>
#include <string.h>

#include "whosaid.h"
#include "common.h"

bool cli_parse_types(const char *s, unsigned *types)
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

const char *cli_option_value(int argc, char **argv, int *i, const char *name,
                             bool *missing)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return n == 2 ? arg + n : NULL; /* "-oFILE"; "--typesX" is another option */
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

void cli_usage_error(const char *prog, const char *what, const char *arg)
{
    fprintf(stderr, "%s: %s%s%s\nTry '%s --help'.\n", prog, what, arg ? " " : "",
            arg ? arg : "", prog);
}
