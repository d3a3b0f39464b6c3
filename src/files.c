/*
 * Files: the messages of I/O errors, and outputs that cannot destroy
 * what they are made from: an output that is one of the inputs is
 * refused before it is opened, and an output file is written under a
 * temporary name beside it and takes its own name only once complete.
 */
/* realpath (a symbolic link's target) is XSI, outside _POSIX_C_SOURCE */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ===================================================================== */
/*  Output files under a temporary name                                  */
/* ===================================================================== */

/* Attempts at a free temporary name (FILE.tmp.PID, then FILE.tmp.PID.N):
 * another is taken only when a run of this same process (or one that had
 * its pid) holds the name. */
#define TMP_ATTEMPTS 100

static char *copy_string(const ws_allocator *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = ws_malloc(a, n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* Where the output really goes: a symbolic link's target, so that the
 * rename replaces the file the link points to, not the link. */
static char *final_name(const ws_allocator *a, const char *name)
{
    struct stat lst;
    if (lstat(name, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *target = realpath(name, NULL); /* malloc'd by libc */
        if (target) {
            char *c = copy_string(a, target);
            free(target);
            return c;
        }
    }
    return copy_string(a, name);
}

static int open_temporary(ws_outfile *f, const ws_allocator *a)
{
    size_t cap = strlen(f->final) + 48;
    f->tmp = ws_malloc(a, cap);
    if (!f->tmp)
        return ENOMEM;
    long pid = (long)getpid();
    for (unsigned k = 0; k < TMP_ATTEMPTS; k++) {
        if (k == 0)
            snprintf(f->tmp, cap, "%s.tmp.%ld", f->final, pid);
        else
            snprintf(f->tmp, cap, "%s.tmp.%ld.%u", f->final, pid, k);
        f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (f->fd >= 0 || errno != EEXIST)
            break;
    }
    int e = f->fd < 0 ? errno : 0;
    if (f->fd < 0) {
        ws_free(a, f->tmp);
        f->tmp = NULL;
    }
    return e;
}

int ws_outfile_open(ws_outfile *f, const char *name, const ws_allocator *a)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
    struct stat st;
    bool exists = stat(name, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        /* /dev/null, a FIFO, a terminal: no rename can replace those */
        f->fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        return f->fd < 0 ? errno : 0;
    }
    f->final = final_name(a, name);
    if (!f->final)
        return ENOMEM;
    int e = open_temporary(f, a);
    if (e) {
        ws_free(a, f->final);
        f->final = NULL;
        return e;
    }
    if (exists) /* the new file keeps the old one's permissions */
        (void)fchmod(f->fd, st.st_mode & 07777);
    return 0;
}

static void outfile_release(ws_outfile *f, const ws_allocator *a)
{
    ws_free(a, f->tmp);
    ws_free(a, f->final);
    f->tmp = f->final = NULL;
    f->fd = -1;
}

int ws_outfile_commit(ws_outfile *f, const ws_allocator *a)
{
    if (f->fd < 0)
        return 0;
    int e = 0;
    /* on disk before it takes the name, so that a crash after the rename
     * cannot leave an empty or partial file under it */
    if (f->tmp && fsync(f->fd) != 0)
        e = errno;
    if (close(f->fd) != 0 && !e)
        e = errno;
    if (f->tmp && !e && rename(f->tmp, f->final) != 0)
        e = errno;
    if (f->tmp && e)
        unlink(f->tmp);
    outfile_release(f, a);
    return e;
}

void ws_outfile_discard(ws_outfile *f, const ws_allocator *a)
{
    if (f->fd < 0)
        return;
    close(f->fd);
    if (f->tmp)
        unlink(f->tmp);
    outfile_release(f, a);
}
