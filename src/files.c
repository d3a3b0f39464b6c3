/*
 * Files: the messages of I/O errors, and outputs that cannot destroy
 * what they are made from: an output that is one of the inputs is
 * refused before it is opened, and an output file is written under a
 * temporary name beside it and takes its own name only once complete.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Errors carry static messages, so the usual errno values get a message
 * of their own and the rest a generic one. */
const char *ws_io_message(ws_io_op op, int e)
{
    static const char *const text[4][6] = {
        {"cannot open the input: no such file or directory",
         "cannot open the input: permission denied",
         "cannot read the input: it is a directory",
         "cannot open the input: no space left on the device",
         "cannot open the input: broken pipe",
         "cannot open the input"},
        {"cannot read the input: no such file or directory",
         "cannot read the input: permission denied",
         "cannot read the input: it is a directory",
         "cannot read the input: no space left on the device",
         "cannot read the input: broken pipe",
         "cannot read the input: I/O error"},
        {"cannot create the output: no such file or directory",
         "cannot create the output: permission denied",
         "cannot create the output: it is a directory",
         "cannot create the output: no space left on the device",
         "cannot create the output: broken pipe",
         "cannot create the output"},
        {"cannot write the output: no such file or directory",
         "cannot write the output: permission denied",
         "cannot write the output: it is a directory",
         "cannot write the output: no space left on the device",
         "cannot write the output: broken pipe",
         "cannot write the output: I/O error"},
    };
    int k = e == ENOENT ? 0 : e == EACCES ? 1 : e == EISDIR ? 2
          : e == ENOSPC ? 3 : e == EPIPE ? 4 : 5;
    return text[op][k];
}

/* ===================================================================== */
/*  An output that is an input                                           */
/* ===================================================================== */

/* The file behind a name, or behind standard input or output for "-". */
static bool stat_of(const char *name, int std_fd, struct stat *st)
{
    if (!name || strcmp(name, "-") == 0)
        return fstat(std_fd, st) == 0;
    return stat(name, st) == 0;
}

/* Only regular files are compared: a terminal is both standard input and
 * standard output of an interactive run, and /dev/null may be given as
 * both without harm. */
size_t ws_output_is_input(const char *output, const char *const *inputs, size_t n)
{
    struct stat out;
    if (!stat_of(output, STDOUT_FILENO, &out) || !S_ISREG(out.st_mode))
        return SIZE_MAX;
    for (size_t k = 0; k < n; k++) {
        struct stat in;
        if (stat_of(inputs[k], STDIN_FILENO, &in) && S_ISREG(in.st_mode) &&
            in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return k;
    }
    return SIZE_MAX;
}
