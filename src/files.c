/*
 * Files: the messages of I/O errors.
 */
#include <errno.h>

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
