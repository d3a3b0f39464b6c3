/*
 * What the whosaid commands share (cli/common.h): --types, which both
 * whosaid and whosaid index take, read one way.
 */
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
