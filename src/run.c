/*
 * Runs: files in, records out, on every core.
 *
 * The calling thread reads every input in chunks into a ws_reader and
 * hands each document out as a job (its bytes copied) to the workers, each
 * with its own extractor and HTML parser. Jobs live in a ring of
 * WS_RUN_JOBS_PER_THREAD slots per worker, numbered in input order; the
 * calling thread writes a job's output, counts it and reports it only
 * when every job before it is written, so the output (and the order of
 * the callbacks) is the same whatever the number of threads, and memory
 * is bounded by the ring, never by the input.
 *
 *   seq:   head ......... take ........... tail
 *          oldest         next for a       next to be
 *          not written    worker           submitted
 *
 * With one thread there is no worker: the calling thread processes each
 * job as it submits it, through the same functions.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "internal.h"

#define PROGRESS_SECONDS 0.5

/* How often the calling thread, waiting for a worker, asks
 * opts->interrupted (a signal does not end a condition wait): a stop
 * comes within this of the signal, or of the document being finished
 * when it runs on the calling thread (-j1). */
#define POLL_SECONDS 0.05

/* gzip output is compressed on the thread that writes, in order: zlib's
 * fastest level keeps that thread from holding the workers back (about
 * 3x faster than the default level on PolNeAR records, for a fifth more
 * bytes); zstd's default level is fast enough as it is. */
#define GZIP_LEVEL Z_BEST_SPEED

/* ===================================================================== */
/*  The output: plain, gzip or zstd                                      */
/* ===================================================================== */

typedef enum sink_kind { SINK_PLAIN, SINK_GZIP, SINK_ZSTD } sink_kind;

typedef struct sink {
    sink_kind kind;
    int fd;
    bool own_fd;     /* opened here (file): committed or discarded here */
    ws_outfile file; /* -o FILE: a temporary renamed once complete */
    const ws_allocator *alloc;
    int (*interrupted)(void *ctx); /* asked when a write is interrupted */
    void *ctx;
    bool failed;
    int error;       /* errno of the failure, or 0 */
    z_stream z;
    bool z_open;
    ZSTD_CCtx *zc;
    char *buf;       /* WS_RUN_OUTPUT_BUFFER bytes, as they go to the file */
    size_t len;
} sink;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static void write_all(sink *s, const char *p, size_t n)
{
    while (n && !s->failed) {
        ssize_t k = write(s->fd, p, n);
        if (k < 0 && errno == EINTR && !(s->interrupted && s->interrupted(s->ctx)))
            continue;
        if (k <= 0) {
            s->failed = true;
            s->error = k < 0 ? errno : EIO;
            return;
        }
        p += k;
        n -= (size_t)k;
    }
}

static void sink_flush(sink *s)
{
    write_all(s, s->buf, s->len);
    s->len = 0;
}

static void put_plain(sink *s, const char *data, size_t n)
{
    if (n > WS_RUN_OUTPUT_BUFFER - s->len)
        sink_flush(s);
    if (n >= WS_RUN_OUTPUT_BUFFER) {
        write_all(s, data, n);
        return;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
}

/* Deflate data (flush: Z_NO_FLUSH or Z_FINISH) into the buffer, writing
 * it out whenever it fills. */
static void put_gzip(sink *s, const char *data, size_t n, int flush)
{
    s->z.next_in = (Bytef *)(uintptr_t)data;
    s->z.avail_in = (uInt)n; /* sink_put passes at most 1 GiB at a time */
    for (;;) {
        if (s->len == WS_RUN_OUTPUT_BUFFER)
            sink_flush(s);
        if (s->failed)
            return;
        s->z.next_out = (Bytef *)s->buf + s->len;
        s->z.avail_out = (uInt)(WS_RUN_OUTPUT_BUFFER - s->len);
        int rc = deflate(&s->z, flush);
        s->len = WS_RUN_OUTPUT_BUFFER - s->z.avail_out;
        if (rc == Z_STREAM_ERROR) {
            s->failed = true;
            return;
        }
        if (flush == Z_FINISH ? rc == Z_STREAM_END
                              : s->z.avail_in == 0 && s->z.avail_out > 0)
            return;
    }
}

static void put_zstd(sink *s, const char *data, size_t n, ZSTD_EndDirective end)
{
    ZSTD_inBuffer in = {data, n, 0};
    for (;;) {
        if (s->len == WS_RUN_OUTPUT_BUFFER)
            sink_flush(s);
        if (s->failed)
            return;
        ZSTD_outBuffer out = {s->buf, WS_RUN_OUTPUT_BUFFER, s->len};
        size_t left = ZSTD_compressStream2(s->zc, &out, &in, end);
        s->len = out.pos;
        if (ZSTD_isError(left)) {
            s->failed = true;
            return;
        }
        if (end == ZSTD_e_end ? left == 0 : in.pos == in.size)
            return;
    }
}

static void sink_put(sink *s, const char *data, size_t n)
{
    if (s->failed)
        return;
    if (s->kind == SINK_PLAIN) {
        put_plain(s, data, n);
        return;
    }
    while (n && !s->failed) {
        size_t k = n < ((size_t)1 << 30) ? n : ((size_t)1 << 30); /* uInt */
        if (s->kind == SINK_GZIP)
            put_gzip(s, data, k, Z_NO_FLUSH);
        else
            put_zstd(s, data, k, ZSTD_e_continue);
        data += k;
        n -= k;
    }
}

static bool sink_start_compression(sink *s, const char *name)
{
    if (ends_with(name, ".gz")) {
        s->kind = SINK_GZIP;
        /* windowBits 15 + 16: a gzip wrapper, not zlib's */
        if (deflateInit2(&s->z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            return false;
        s->z_open = true;
    } else if (ends_with(name, ".zst")) {
        s->kind = SINK_ZSTD;
        s->zc = ZSTD_createCCtx();
        if (!s->zc)
            return false;
    }
    return true;
}

/* NULL or "-": standard output, never compressed, streamed as it comes;
 * a file is written under a temporary name (ws_outfile). */
static ws_status sink_open(sink *s, const char *name, const ws_allocator *a,
                           ws_error *err)
{
    memset(s, 0, sizeof *s);
    s->fd = STDOUT_FILENO;
    s->file.fd = -1;
    s->alloc = a;
    s->buf = ws_malloc(a, WS_RUN_OUTPUT_BUFFER);
    if (!s->buf) {
        ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
        return WS_ERR_NOMEM;
    }
    if (!name || strcmp(name, "-") == 0)
        return WS_OK;
    if (!sink_start_compression(s, name)) {
        ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
        return WS_ERR_NOMEM;
    }
    int e = ws_outfile_open(&s->file, name, a);
    if (e == ENOMEM) {
        ws_set_error(err, WS_ERR_NOMEM, "out of memory", 0);
        return WS_ERR_NOMEM;
    }
    if (e) {
        ws_set_error(err, WS_ERR_IO, ws_io_message(WS_IO_OPEN_OUTPUT, e), 0);
        return WS_ERR_IO;
    }
    s->fd = s->file.fd;
    s->own_fd = true;
    return WS_OK;
}

/* With finish, end the compressed stream, write what is buffered and put
 * the file in place; without (or when it failed), drop it: a file output
 * leaves nothing behind. */
static void sink_close(sink *s, bool finish)
{
    if (finish && s->kind == SINK_GZIP && s->z_open && !s->failed)
        put_gzip(s, "", 0, Z_FINISH);
    else if (finish && s->kind == SINK_ZSTD && s->zc && !s->failed)
        put_zstd(s, "", 0, ZSTD_e_end);
    if (finish)
        sink_flush(s);
    if (s->z_open)
        deflateEnd(&s->z);
    ZSTD_freeCCtx(s->zc);
    s->zc = NULL;
    s->z_open = false;
    if (!s->own_fd)
        return;
    s->own_fd = false;
    if (!finish || s->failed) {
        ws_outfile_discard(&s->file, s->alloc);
        return;
    }
    int e = ws_outfile_commit(&s->file, s->alloc);
    if (e) {
        s->failed = true;
        s->error = e;
    }
}

static void sink_free(sink *s, const ws_allocator *a)
{
    ws_free(a, s->buf);
    s->buf = NULL;
}

/* ===================================================================== */
/*  Jobs                                                                 */
/* ===================================================================== */

typedef enum job_state { JOB_FREE, JOB_PENDING, JOB_WORKING, JOB_DONE } job_state;

typedef struct job {
    job_state state;
    const ws_allocator *alloc;
    ws_output_format output;
    const char *source;  /* the input's name as shown ("stdin" for "-") */
    ws_document doc;     /* its strings point into held */
    ws_buf held;         /* the document's bytes, copied from the reader */
    ws_buf name;         /* the "doc" field when the document has no id */
    bool plain_text;     /* from a text input: checked to be text */
    ws_status status;    /* WS_OK, WS_SKIPPED or the error */
    ws_error err;
    ws_buf out;          /* what it writes, uncompressed */
    uint64_t direct, indirect, replaced, text_bytes;
} job;

static void job_release(job *j)
{
    ws_buf_free(j->alloc, &j->held);
    ws_buf_free(j->alloc, &j->name);
    ws_buf_free(j->alloc, &j->out);
}

/* Buffers that grew past WS_RUN_KEEP_BYTES go; the others are reused. */
static void job_trim(job *j)
{
    if (j->held.cap > WS_RUN_KEEP_BYTES)
        ws_buf_free(j->alloc, &j->held);
    if (j->out.cap > WS_RUN_KEEP_BYTES)
        ws_buf_free(j->alloc, &j->out);
}

static bool hold(job *j, const char *s, size_t n)
{
    return n == 0 || ws_buf_append(j->alloc, &j->held, s, n);
}

static ws_str held_str(const job *j, size_t at, size_t n)
{
    ws_str s = {n ? j->held.data + at : NULL, n};
    return s;
}

/* Copy d's strings (its text only when with_text) into the job. */
static bool job_copy_document(job *j, const ws_document *d, bool with_text)
{
    size_t text_len = with_text ? d->text_len : 0;
    j->held.len = 0;
    if (!hold(j, d->id, d->id_len) || !hold(j, d->text, text_len) ||
        !hold(j, d->charset.ptr, d->charset.len) ||
        !hold(j, d->url.ptr, d->url.len) || !hold(j, d->date.ptr, d->date.len) ||
        !hold(j, d->title.ptr, d->title.len))
        return false;
    j->doc = *d;
    size_t at = 0;
    j->doc.id = d->id ? (d->id_len ? j->held.data : "") : NULL;
    at += d->id_len;
    j->doc.text = text_len ? j->held.data + at : "";
    j->doc.text_len = text_len;
    at += text_len;
    j->doc.charset = held_str(j, at, d->charset.len);
    at += d->charset.len;
    j->doc.url = held_str(j, at, d->url.len);
    at += d->url.len;
    j->doc.date = held_str(j, at, d->date.len);
    at += d->date.len;
    j->doc.title = held_str(j, at, d->title.len);
    return true;
}

/* The "doc" field: the id; else FILE:LINE for a JSONL line, else the
 * file's name. */
static bool job_name_document(job *j)
{
    j->name.len = 0;
    if (j->doc.id)
        return true;
    if (!ws_buf_append(j->alloc, &j->name, j->source, strlen(j->source)))
        return false;
    if (j->doc.line == 0)
        return true;
    char digits[24];
    size_t k = sizeof digits;
    size_t v = j->doc.line;
    do {
        digits[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return ws_buf_putc(j->alloc, &j->name, ':') &&
           ws_buf_append(j->alloc, &j->name, digits + k, sizeof digits - k);
}

static ws_doc_name job_doc_name(const job *j)
{
    ws_doc_name n = {j->doc.id, j->doc.id_len, &j->doc, j->source};
    if (!j->doc.id) {
        n.doc = j->name.data ? j->name.data : "";
        n.doc_len = j->name.len;
    }
    return n;
}

static int job_write(void *ctx, const char *data, size_t len)
{
    job *j = ctx;
    return ws_buf_append(j->alloc, &j->out, data, len) ? 0 : -1;
}

static void job_fail(job *j, ws_status code, const char *msg, size_t at)
{
    j->status = code;
    ws_set_error(&j->err, code, msg, at);
}

/* ===================================================================== */
/*  Workers                                                              */
/* ===================================================================== */

typedef struct run run;

typedef struct worker {
    run *R;
    pthread_t thread;
    ws_extractor *x;
    ws_html *html;
} worker;

static void count_types(job *j, const ws_quote *q, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        if (q[k].type == WS_QUOTE_DIRECT)
            j->direct++;
        else
            j->indirect++;
    }
}

/* The speakers of the document ws_extract just read, as JSON lines or
 * with its quotations as an HTML page. */
static ws_status write_speakers_or_page(worker *w, job *j, const ws_doc_name *name,
                                        const char *text, size_t len,
                                        const ws_quote *quotes, size_t count)
{
    const ws_speaker *speakers;
    size_t n;
    ws_status st = ws_extract_speakers(w->x, &speakers, &n, &j->err);
    if (st != WS_OK)
        return st;
    if (j->output == WS_OUTPUT_SPEAKERS)
        return ws_write_speakers(text, len, name->doc, name->doc_len, speakers, n,
                                 job_write, j, &j->replaced, &j->err);
    ws_str title = name->provenance ? name->provenance->title : (ws_str){NULL, 0};
    return ws_write_view(text, len, name->doc, name->doc_len, title.ptr, title.len,
                         quotes, count, speakers, n, job_write, j, &j->replaced, &j->err);
}

/* What the job writes, from text (the document's, or its page's). */
static ws_status job_write_output(worker *w, job *j, const ws_page *page,
                                  const char *text, size_t len)
{
    ws_doc_name name = job_doc_name(j);
    /* A page's own url and date stand in the records when the transport
     * gave none (a saved page, not a WARC record), and its headline in
     * the HTML view. */
    ws_document provenance;
    if (page && name.provenance) {
        provenance = *name.provenance;
        if (!provenance.url.len)
            provenance.url = page->url;
        if (!provenance.date.len)
            provenance.date = page->date;
        if (!provenance.title.len)
            provenance.title = page->title;
        name.provenance = &provenance;
    }
    if (j->output == WS_OUTPUT_TEXT) {
        bool written = false; /* the separator is the writer thread's */
        return ws_write_document_text(text, len, &written, job_write, j,
                                      &j->replaced, &j->err);
    }
    if (j->output == WS_OUTPUT_DOCS)
        return ws_write_document_json(&name, page, text, len, job_write, j,
                                      &j->replaced, &j->err);
    const ws_quote *quotes;
    size_t count;
    ws_status st = ws_extract(w->x, text, len, &quotes, &count, &j->err);
    if (st != WS_OK)
        return st;
    count_types(j, quotes, count);
    if (j->output == WS_OUTPUT_SPEAKERS || j->output == WS_OUTPUT_HTML)
        return write_speakers_or_page(w, j, &name, text, len, quotes, count);
    return ws_write_records(&name, text, len, quotes, count, job_write, j,
                            &j->replaced, &j->err);
}

static void process_job(worker *w, job *j)
{
    j->out.len = 0;
    j->direct = j->indirect = j->replaced = j->text_bytes = 0;
    j->status = WS_OK;
    const char *text = j->doc.text;
    size_t len = j->doc.text_len;
    ws_page page, *pg = NULL;
    if (j->doc.content == WS_CONTENT_HTML) {
        memset(&page, 0, sizeof page);
        ws_status st = ws_html_extract(w->html, text, len, j->doc.charset.ptr,
                                       j->doc.charset.len, &page, &j->err);
        if (st != WS_OK) {
            j->status = st;
            return;
        }
        if (page.text_len == 0) {
            j->status = WS_SKIPPED;
            j->doc.skip = WS_SKIP_EMPTY;
            return;
        }
        pg = &page;
        text = page.text;
        len = page.text_len;
    }
    if (j->plain_text && ws_check_text(text, len, &j->err) != WS_OK) {
        j->status = WS_ERR_NOT_TEXT; /* a binary file gives no records */
        return;
    }
    j->text_bytes = len;
    ws_status st = job_write_output(w, j, pg, text, len);
    if (st == WS_ERR_WRITE) /* job_write only fails to allocate */
        job_fail(j, WS_ERR_NOMEM, "out of memory", 0);
    else
        j->status = st;
}

/* ===================================================================== */
/*  The run                                                              */
/* ===================================================================== */

struct run {
    const ws_run_options *opts;
    ws_allocator alloc;
    sink out;
    ws_stats stats;
    bool text_written;      /* WS_OUTPUT_TEXT: some text is out */
    const char *page_dir;   /* WS_OUTPUT_HTML into a directory: its name */
    ws_buf page_path;       /* the name of a page's file, built there */
    uint64_t pages;         /* WS_OUTPUT_HTML to the sink: pages made */
    ws_buf page;            /* ... the one page, held until the run ends */
    const char *page_output;/* ... where it goes (NULL: standard output) */

    job *jobs;              /* n_jobs slots; seq s lives in jobs[s % n_jobs] */
    size_t n_jobs;
    uint64_t head, take, tail;
    worker *workers;        /* n_workers threads; none: inline */
    size_t n_workers;
    worker inline_worker;
    pthread_mutex_t lock;
    pthread_cond_t work;    /* a job is pending, or closing */
    pthread_cond_t done;    /* a job is done */
    bool closing;

    bool stop;              /* the output failed: read no further */
    ws_status doc_status;   /* the first document error */
    ws_error doc_err;
    ws_status fatal;        /* the first error of the run itself */
    ws_error fatal_err;

    double next_progress;
    char *chunk;            /* WS_RUN_READ_CHUNK bytes */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void maybe_progress(run *R)
{
    if (!R->opts->on_progress)
        return;
    double t = now_seconds();
    if (t < R->next_progress)
        return;
    R->next_progress = t + PROGRESS_SECONDS;
    R->opts->on_progress(R->opts->ctx, &R->stats);
}

static void run_fail(run *R, ws_status code, const char *msg, size_t at)
{
    if (R->fatal != WS_OK)
        return;
    R->fatal = code;
    ws_set_error(&R->fatal_err, code, msg, at);
}

/* Whether the caller asked the run to stop (opts->interrupted): it then
 * reads and writes nothing more, and the output file is dropped. Asked on
 * the calling thread only, where a signal handler's flag is safe to read. */
static bool interrupted(run *R)
{
    if (R->fatal == WS_ERR_INTERRUPTED)
        return true;
    if (!R->opts->interrupted || !R->opts->interrupted(R->opts->ctx))
        return false;
    R->stop = true;
    R->fatal = WS_OK; /* the interruption is what the run ends with */
    run_fail(R, WS_ERR_INTERRUPTED, "interrupted", 0);
    return true;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    run *R = w->R;
    pthread_mutex_lock(&R->lock);
    for (;;) {
        if (R->take < R->head)
            R->take = R->head; /* those were done without a worker */
        while (R->take < R->tail && R->jobs[R->take % R->n_jobs].state != JOB_PENDING)
            R->take++;
        if (R->take < R->tail) {
            job *j = &R->jobs[R->take++ % R->n_jobs];
            j->state = JOB_WORKING;
            pthread_mutex_unlock(&R->lock);
            process_job(w, j);
            pthread_mutex_lock(&R->lock);
            j->state = JOB_DONE;
            pthread_cond_signal(&R->done);
        } else if (R->closing) {
            break;
        } else {
            pthread_cond_wait(&R->work, &R->lock);
        }
    }
    pthread_mutex_unlock(&R->lock);
    return NULL;
}

/* ---- writing jobs out, in order ------------------------------------------ */

static void count_failure(run *R, job *j)
{
    R->stats.documents_failed++;
    if ((unsigned)j->status < WS_STATUS_COUNT)
        R->stats.failed_by[j->status]++;
    if (R->doc_status == WS_OK) {
        R->doc_status = j->status;
        R->doc_err = j->err;
    }
    if (R->opts->on_failure)
        R->opts->on_failure(R->opts->ctx, j->source, &j->doc, &j->err);
}

static void output_failed(run *R, int error)
{
    R->stop = true;
    if (error == EINTR && interrupted(R))
        return; /* a write the signal cut short: no I/O error */
    run_fail(R, WS_ERR_IO, ws_io_message(WS_IO_WRITE_OUTPUT, error), 0);
}

/* DIR/NNNNNN-DOC.html for the job's page (ws_run's comment in whosaid.h). */
static bool page_path(run *R, job *j)
{
    ws_buf *p = &R->page_path;
    ws_doc_name name = job_doc_name(j);
    char number[32];
    int k = snprintf(number, sizeof number, "%06llu-",
                     (unsigned long long)R->stats.documents_read);
    p->len = 0;
    if (!ws_buf_append(&R->alloc, p, R->page_dir, strlen(R->page_dir)) ||
        (!ends_with(R->page_dir, "/") && !ws_buf_putc(&R->alloc, p, '/')) ||
        !ws_buf_append(&R->alloc, p, number, (size_t)k))
        return false;
    size_t n = name.doc_len < WS_RUN_PAGE_NAME_BYTES ? name.doc_len : WS_RUN_PAGE_NAME_BYTES;
    for (size_t i = 0; i < n; i++) {
        char c = name.doc[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ws_buf_putc(&R->alloc, p, keep ? c : '_'))
            return false;
    }
    return ws_buf_append(&R->alloc, p, ".html", 6); /* the NUL too */
}

/* The job's page into a file of its own in the page directory. */
static void write_page_file(run *R, job *j)
{
    if (!page_path(R, j)) {
        R->stop = true;
        run_fail(R, WS_ERR_NOMEM, "out of memory", 0);
        return;
    }
    sink file = {.fd = open(R->page_path.data, O_WRONLY | O_CREAT | O_TRUNC, 0666)};
    if (file.fd < 0) {
        R->stop = true;
        run_fail(R, WS_ERR_IO, ws_io_message(WS_IO_OPEN_OUTPUT, errno), 0);
        return;
    }
    write_all(&file, j->out.data, j->out.len);
    if (close(file.fd) != 0 && !file.failed) {
        file.failed = true;
        file.error = errno;
    }
    R->stats.bytes_out += j->out.len;
    if (file.failed)
        output_failed(R, file.error);
}

/* WS_OUTPUT_HTML: a page per file in the page directory; else the output
 * holds one page only, held here until the run is through (put_page). */
static void place_page(run *R, job *j)
{
    if (R->page_dir) {
        write_page_file(R, j);
        return;
    }
    if (R->pages++ == 0) {
        if (!ws_buf_append(&R->alloc, &R->page, j->out.data, j->out.len)) {
            R->stop = true;
            run_fail(R, WS_ERR_NOMEM, "out of memory", 0);
        }
        return;
    }
    R->stop = true;
    run_fail(R, WS_ERR_INVALID_ARG, "HTML pages of several documents need an output "
             "directory (a name that ends in \"/\" or is one)", 0);
}

/* The one HTML page, once no second document can come: only now is the
 * output file made, so that a run refused for a second page (a usage
 * error) leaves nothing behind, not even an empty file, and standard
 * output gets nothing. */
static void put_page(run *R)
{
    if (R->opts->output != WS_OUTPUT_HTML || R->page_dir || R->stop)
        return;
    const char *name = R->page_output;
    if (name && strcmp(name, "-") != 0) {
        ws_error e;
        sink_free(&R->out, &R->alloc);
        if (sink_open(&R->out, name, &R->alloc, &e) != WS_OK) {
            R->stop = true;
            run_fail(R, e.code, e.message, 0);
            return;
        }
        R->out.interrupted = R->opts->interrupted;
        R->out.ctx = R->opts->ctx;
    }
    sink_put(&R->out, R->page.data ? R->page.data : "", R->page.len);
    R->stats.bytes_out += R->page.len;
    if (R->out.failed)
        output_failed(R, R->out.error);
}

static void write_job_output(run *R, job *j)
{
    if (R->stop || j->out.len == 0)
        return;
    if (j->output == WS_OUTPUT_HTML) {
        place_page(R, j);
        return;
    }
    bool separate = j->output == WS_OUTPUT_TEXT && R->text_written;
    if (separate)
        sink_put(&R->out, "\n", 1);
    R->text_written = true;
    sink_put(&R->out, j->out.data, j->out.len);
    R->stats.bytes_out += j->out.len + separate;
    if (R->out.failed)
        output_failed(R, R->out.error);
}

static void emit_job(run *R, job *j)
{
    ws_stats *s = &R->stats;
    s->documents_read++;
    if (j->status == WS_OK) {
        s->documents_processed++;
        s->quotations_direct += j->direct;
        s->quotations_indirect += j->indirect;
        s->quotations += j->direct + j->indirect;
        s->bytes_text += j->text_bytes;
        s->replaced += j->replaced;
        write_job_output(R, j);
    } else if (j->status == WS_SKIPPED) {
        s->documents_skipped++;
        if ((unsigned)j->doc.skip < WS_SKIP_COUNT)
            s->skipped_by[j->doc.skip]++;
    } else {
        count_failure(R, j);
    }
    job_trim(j);
}

/* Write out the jobs at head, in order, until head reaches target (or,
 * with block false, until the one at head is not done). */
static void emit_jobs(run *R, uint64_t target, bool block)
{
    pthread_mutex_lock(&R->lock);
    while (R->head < R->tail) {
        job *j = &R->jobs[R->head % R->n_jobs];
        if (j->state != JOB_DONE) {
            if (!block || R->head >= target)
                break;
            if (R->opts->on_progress || R->opts->interrupted) {
                /* a signal does not wake a condition wait: look again
                 * every POLL_SECONDS */
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC, &ts);
                ts.tv_nsec += (long)(POLL_SECONDS * 1e9);
                if (ts.tv_nsec >= 1000000000L) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&R->done, &R->lock, &ts);
                pthread_mutex_unlock(&R->lock);
                maybe_progress(R);
                interrupted(R);
                pthread_mutex_lock(&R->lock);
            } else {
                pthread_cond_wait(&R->done, &R->lock);
            }
            continue;
        }
        pthread_mutex_unlock(&R->lock);
        emit_job(R, j);
        pthread_mutex_lock(&R->lock);
        j->state = JOB_FREE;
        R->head++;
    }
    pthread_mutex_unlock(&R->lock);
}

/* ---- submitting documents ---------------------------------------------- */

/* The slot for the next document, once there is room in the ring. */
static job *next_slot(run *R)
{
    if (R->tail - R->head >= R->n_jobs)
        emit_jobs(R, R->tail - R->n_jobs + 1, true);
    return &R->jobs[R->tail % R->n_jobs];
}

static void submit(run *R, job *j)
{
    bool pending = j->state == JOB_PENDING; /* j is a worker's once submitted */
    pthread_mutex_lock(&R->lock);
    R->tail++;
    if (pending)
        pthread_cond_signal(&R->work);
    pthread_mutex_unlock(&R->lock);
    if (pending && R->n_workers == 0) {
        process_job(&R->inline_worker, j);
        j->state = JOB_DONE; /* no other thread sees the ring */
    }
    emit_jobs(R, 0, false);
}

/* A document from the reader (of an input in format): st is WS_OK,
 * WS_SKIPPED or its error. */
static void submit_document(run *R, const char *source, ws_input_format format,
                            const ws_document *d, ws_status st, const ws_error *err)
{
    job *j = next_slot(R);
    j->source = source;
    j->plain_text = format == WS_INPUT_TEXT;
    j->output = R->opts->output ? R->opts->output : WS_OUTPUT_JSONL;
    j->out.len = 0;
    j->status = st;
    memset(&j->err, 0, sizeof j->err);
    if (err && st != WS_OK && st != WS_SKIPPED)
        j->err = *err;
    if (!job_copy_document(j, d, st == WS_OK) || !job_name_document(j)) {
        memset(&j->doc, 0, sizeof j->doc);
        j->doc.line = d->line;
        j->doc.offset = d->offset;
        job_fail(j, WS_ERR_NOMEM, "out of memory", 0);
    }
    if (j->status != WS_OK && j->status != WS_SKIPPED && err && j->doc.line == 0) {
        j->doc.line = err->line;
        j->doc.offset = err->position;
    }
    j->state = j->status == WS_OK ? JOB_PENDING : JOB_DONE;
    submit(R, j);
}

/* ===================================================================== */
/*  Reading the inputs                                                   */
/* ===================================================================== */

/* An input that cannot be read to its end: reported with no document,
 * after the documents before it (so the reports keep the input's order
 * whatever the threads), and the run's result says so. */
static void input_failed(run *R, const char *source, ws_status code,
                         const char *msg, size_t at)
{
    ws_error e;
    ws_set_error(&e, code, msg, at);
    emit_jobs(R, R->tail, true);
    run_fail(R, code, msg, at);
    if (R->opts->on_failure)
        R->opts->on_failure(R->opts->ctx, source, NULL, &e);
}

static bool has_prefix_nocase(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && strncasecmp(s, p, k) == 0;
}

/* The format of an input whose name does not tell, from its first bytes. */
static ws_input_format sniff_format(const char *s, size_t n)
{
    if ((n >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b) ||
        has_prefix_nocase(s, n, "WARC/"))
        return WS_INPUT_WARC;
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    if (i < n && s[i] == '<' &&
        (has_prefix_nocase(s + i, n - i, "<!doctype") ||
         has_prefix_nocase(s + i, n - i, "<html")))
        return WS_INPUT_HTML;
    if (i < n && s[i] == '{')
        return WS_INPUT_JSONL;
    return WS_INPUT_TEXT;
}

static ws_input_format format_by_name(const char *path)
{
    if (ends_with(path, ".jsonl"))
        return WS_INPUT_JSONL;
    if (ends_with(path, ".html") || ends_with(path, ".htm"))
        return WS_INPUT_HTML;
    if (ends_with(path, ".warc") || ends_with(path, ".warc.gz") ||
        ends_with(path, ".arc.gz"))
        return WS_INPUT_WARC;
    return 0;
}

typedef struct input {
    const char *path;
    const char *name;   /* as shown: "stdin" for "-" */
    int fd;
    bool eof;
    ws_input_format format;
} input;

/* Fill R->chunk from at up to the chunk's size or the end of the input;
 * *got is the bytes now in the chunk. False on a read error. */
static bool read_chunk(run *R, input *in, size_t at, size_t *got)
{
    while (at < WS_RUN_READ_CHUNK && !in->eof) {
        ssize_t n = read(in->fd, R->chunk + at, WS_RUN_READ_CHUNK - at);
        if (n < 0 && errno == EINTR) {
            if (interrupted(R))
                return false; /* a signal cut a wait on a pipe short */
            continue;
        }
        if (n < 0) {
            input_failed(R, in->name, WS_ERR_IO, ws_io_message(WS_IO_READ_INPUT, errno),
                         (size_t)R->stats.bytes_in);
            return false;
        }
        if (n == 0)
            in->eof = true;
        at += (size_t)n;
        R->stats.bytes_in += (uint64_t)n;
        if (at > 0)
            break; /* a pipe gives what it has: go on with that */
    }
    *got = at;
    return true;
}

/* Take every complete document. False when this input must stop. */
static bool take_documents(run *R, input *in, ws_reader *rd)
{
    for (;;) {
        ws_document d;
        ws_error e = {0};
        ws_status st = ws_reader_next(rd, &d, &e);
        if (st == WS_NEED_INPUT || st == WS_DONE)
            return true;
        if (st == WS_ERR_NOMEM) {
            input_failed(R, in->name, WS_ERR_NOMEM, "out of memory", e.position);
            return false;
        }
        if (st != WS_OK && st != WS_SKIPPED)
            memset(&d, 0, sizeof d);
        submit_document(R, in->name, in->format, &d, st, &e);
        if (R->stop || interrupted(R))
            return false;
    }
}

static void feed_input(run *R, input *in, ws_reader *rd, size_t got)
{
    for (;;) {
        ws_error e = {0};
        if (got && ws_reader_feed(rd, R->chunk, got, &e) != WS_OK) {
            input_failed(R, in->name, e.code, e.message ? e.message
                         : ws_status_name(e.code), e.position);
            return;
        }
        if (in->eof)
            ws_reader_finish(rd);
        if (!take_documents(R, in, rd) || in->eof)
            return;
        maybe_progress(R);
        if (interrupted(R) || !read_chunk(R, in, 0, &got))
            return;
    }
}

static ws_reader *open_reader(run *R, input *in, ws_input_format format)
{
    ws_reader *rd = ws_reader_new(format, &R->alloc);
    if (rd)
        return rd;
    if (format == WS_INPUT_WARC)
        input_failed(R, in->name, WS_ERR_INVALID_ARG,
                     "WARC input is not built into this library yet", 0);
    else
        input_failed(R, in->name, WS_ERR_NOMEM, "out of memory", 0);
    return NULL;
}

static void read_input(run *R, const char *path)
{
    input in = {path, strcmp(path, "-") == 0 ? "stdin" : path, STDIN_FILENO, false, 0};
    if (strcmp(path, "-") != 0 && (in.fd = open(path, O_RDONLY)) < 0) {
        input_failed(R, in.name, WS_ERR_IO, ws_io_message(WS_IO_OPEN_INPUT, errno), 0);
        return;
    }
    /* Enough bytes to sniff: read on while a pipe gives little. */
    size_t got = 0;
    bool ok = read_chunk(R, &in, 0, &got);
    while (ok && got < 64 && !in.eof)
        ok = read_chunk(R, &in, got, &got);
    if (ok) {
        ws_input_format format = R->opts->input ? R->opts->input
                                 : format_by_name(path);
        if (!format)
            format = sniff_format(R->chunk, got);
        in.format = format;
        ws_reader *rd = open_reader(R, &in, format);
        if (rd)
            feed_input(R, &in, rd, got);
        ws_reader_free(rd);
    }
    if (in.fd != STDIN_FILENO)
        close(in.fd);
}

/* The total size of the inputs, when every one is a regular file. */
static uint64_t total_size(const char *const *inputs, size_t n)
{
    uint64_t total = 0;
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (strcmp(inputs[k], "-") == 0 || stat(inputs[k], &st) != 0 ||
            !S_ISREG(st.st_mode))
            return 0;
        total += (uint64_t)st.st_size;
    }
    return total;
}

/* ===================================================================== */
/*  Setting up and tearing down                                          */
/* ===================================================================== */

void ws_run_options_init(ws_run_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    ws_options_init(&opts->extract);
    opts->output = WS_OUTPUT_JSONL;
}

static unsigned thread_count(const ws_run_options *opts)
{
    long n = opts->threads;
    if (n == 0)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > WS_MAX_THREADS ? WS_MAX_THREADS : (unsigned)n;
}

static bool valid_options(const ws_run_options *opts)
{
    unsigned all = WS_TYPE_DIRECT | WS_TYPE_INDIRECT;
    return (opts->extract.types & ~all) == 0 &&
           (unsigned)opts->input <= WS_INPUT_WARC &&
           (unsigned)opts->output <= WS_OUTPUT_HTML;
}

static bool init_sync(run *R)
{
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return false;
    bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
              pthread_mutex_init(&R->lock, NULL) == 0;
    if (ok && pthread_cond_init(&R->work, &attr) != 0) {
        pthread_mutex_destroy(&R->lock);
        ok = false;
    }
    if (ok && pthread_cond_init(&R->done, &attr) != 0) {
        pthread_cond_destroy(&R->work);
        pthread_mutex_destroy(&R->lock);
        ok = false;
    }
    pthread_condattr_destroy(&attr);
    return ok;
}

/* On the calling thread: libxml2 wants its first initialisation there,
 * not raced by several workers. */
static bool init_worker(run *R, worker *w)
{
    memset(w, 0, sizeof *w);
    w->R = R;
    w->x = ws_extractor_new(&R->opts->extract, &R->alloc);
    w->html = ws_html_new(&R->alloc);
    return w->x && w->html;
}

static void free_worker(worker *w)
{
    ws_extractor_free(w->x);
    ws_html_free(w->html);
}

/* A worker takes no signal: signals sent to the process then go to the
 * caller's threads, where a handler's flag is seen by opts->interrupted
 * and a blocking read is cut short (EINTR) as the caller expects. */
static bool start_thread(worker *w)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    bool ok = pthread_create(&w->thread, NULL, worker_main, w) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

/* Workers and the ring. One thread: none, and the calling thread does
 * the work. A thread that cannot start leaves the others to it. */
static bool start_workers(run *R, unsigned threads)
{
    size_t want = threads > 1 ? threads : 0;
    R->n_jobs = want ? want * WS_RUN_JOBS_PER_THREAD : 1;
    R->jobs = ws_malloc(&R->alloc, R->n_jobs * sizeof *R->jobs);
    R->workers = want ? ws_malloc(&R->alloc, want * sizeof *R->workers) : NULL;
    if (!R->jobs || (want && !R->workers))
        return false;
    memset(R->jobs, 0, R->n_jobs * sizeof *R->jobs);
    for (size_t k = 0; k < R->n_jobs; k++)
        R->jobs[k].alloc = &R->alloc;
    if (!init_worker(R, &R->inline_worker))
        return false;
    for (size_t k = 0; k < want; k++) {
        worker *w = &R->workers[R->n_workers];
        if (!init_worker(R, w)) {
            free_worker(w);
            return false;
        }
        if (!start_thread(w)) {
            free_worker(w);
            break;
        }
        R->n_workers++;
    }
    return true;
}

static void stop_workers(run *R)
{
    pthread_mutex_lock(&R->lock);
    R->closing = true;
    pthread_cond_broadcast(&R->work);
    pthread_mutex_unlock(&R->lock);
    for (size_t k = 0; k < R->n_workers; k++) {
        pthread_join(R->workers[k].thread, NULL);
        free_worker(&R->workers[k]);
    }
    R->n_workers = 0;
}

static void free_run(run *R)
{
    free_worker(&R->inline_worker);
    for (size_t k = 0; R->jobs && k < R->n_jobs; k++)
        job_release(&R->jobs[k]);
    ws_free(&R->alloc, R->jobs);
    ws_free(&R->alloc, R->workers);
    ws_free(&R->alloc, R->chunk);
    ws_buf_free(&R->alloc, &R->page_path);
    ws_buf_free(&R->alloc, &R->page);
    sink_free(&R->out, &R->alloc);
}

static ws_status run_inputs(run *R, const char *const *inputs, size_t n_inputs)
{
    R->stats.bytes_total = total_size(inputs, n_inputs);
    R->next_progress = now_seconds() + PROGRESS_SECONDS;
    for (size_t k = 0; k < n_inputs && !R->stop && !interrupted(R); k++)
        read_input(R, inputs[k]);
    emit_jobs(R, R->tail, true);
    stop_workers(R);
    interrupted(R); /* the last chance to keep the output from its name */
    put_page(R);
    sink_close(&R->out, !R->stop);
    if (R->out.failed)
        run_fail(R, WS_ERR_IO, ws_io_message(WS_IO_WRITE_OUTPUT, R->out.error), 0);
    return R->fatal != WS_OK ? R->fatal : R->doc_status;
}

static ws_status fail_setup(ws_error *err, ws_status code, const char *msg)
{
    ws_set_error(err, code, msg, 0);
    return code;
}

/* WS_OUTPUT_HTML into a directory: output ends in "/" (created when
 * missing) or is one. The other outputs, and HTML to a file, go to the
 * sink. */
static ws_status open_page_dir(run *R, const char *output, ws_error *err)
{
    if (R->opts->output != WS_OUTPUT_HTML || !output || strcmp(output, "-") == 0)
        return WS_OK;
    struct stat st;
    bool exists = stat(output, &st) == 0;
    if (exists ? !S_ISDIR(st.st_mode) : !ends_with(output, "/"))
        return WS_OK;
    if (!exists && mkdir(output, 0777) != 0)
        return fail_setup(err, WS_ERR_IO, ws_io_message(WS_IO_OPEN_OUTPUT, errno));
    R->page_dir = output;
    return WS_OK;
}

/* An output that is one of the inputs would destroy it (truncated when
 * opened, or replaced when renamed): refused, with the input named through
 * on_failure, before anything is opened. */
static bool output_is_an_input(const char *const *inputs, size_t n_inputs,
                               const char *output, const ws_run_options *opts,
                               ws_error *err)
{
    size_t k = ws_output_is_input(output, inputs, n_inputs);
    if (k == SIZE_MAX)
        return false;
    static const char msg[] = "it is also the output: refused, so as not to overwrite an input";
    ws_set_error(err, WS_ERR_INVALID_ARG, msg, 0);
    if (opts->on_failure) {
        ws_error e;
        ws_set_error(&e, WS_ERR_INVALID_ARG, msg, 0);
        opts->on_failure(opts->ctx, strcmp(inputs[k], "-") == 0 ? "stdin" : inputs[k],
                         NULL, &e);
    }
    return true;
}

ws_status ws_run(const char *const *inputs, size_t n_inputs, const char *output,
                 const ws_run_options *opts, ws_stats *stats, ws_error *err)
{
    ws_run_options defaults;
    ws_run_options_init(&defaults);
    if (!opts)
        opts = &defaults;
    if (stats)
        memset(stats, 0, sizeof *stats);
    if ((!inputs && n_inputs) || !valid_options(opts))
        return fail_setup(err, WS_ERR_INVALID_ARG, "NULL inputs or an invalid option");
    for (size_t k = 0; k < n_inputs; k++)
        if (!inputs[k])
            return fail_setup(err, WS_ERR_INVALID_ARG, "NULL input name");
    if (output_is_an_input(inputs, n_inputs, output, opts, err))
        return WS_ERR_INVALID_ARG;
    run R;
    memset(&R, 0, sizeof R);
    R.opts = opts;
    R.alloc = ws_alloc_resolve(NULL);
    if (!init_sync(&R))
        return fail_setup(err, WS_ERR_NOMEM, "cannot create the run's locks");
    ws_status st = open_page_dir(&R, output, err);
    /* HTML pages go to files of their own, or to the sink once complete */
    bool html = opts->output == WS_OUTPUT_HTML;
    R.page_output = html && !R.page_dir ? output : NULL;
    if (st == WS_OK)
        st = sink_open(&R.out, html ? NULL : output, &R.alloc, err);
    R.out.interrupted = opts->interrupted;
    R.out.ctx = opts->ctx;
    R.chunk = st == WS_OK ? ws_malloc(&R.alloc, WS_RUN_READ_CHUNK) : NULL;
    if (st == WS_OK && (!R.chunk || !start_workers(&R, thread_count(opts))))
        st = fail_setup(err, WS_ERR_NOMEM, "out of memory");
    if (st == WS_OK) {
        st = run_inputs(&R, inputs, n_inputs);
        if (err && st != WS_OK)
            *err = R.fatal != WS_OK ? R.fatal_err : R.doc_err;
    } else {
        stop_workers(&R);
        sink_close(&R.out, false);
    }
    if (stats)
        *stats = R.stats;
    free_run(&R);
    pthread_cond_destroy(&R.done);
    pthread_cond_destroy(&R.work);
    pthread_mutex_destroy(&R.lock);
    return st;
}
