/*
 * Throughput and peak memory of ws_run, the engine under the CLI, at one
 * and at two worker threads.
 *
 *   bench_run [INPUT | CORPUS_DIR] [MB]
 *
 * INPUT is any file whosaid reads (JSONL, HTML, WARC, text). A directory
 * (default ../shared/corpus/polnear) is taken as a corpus: its
 * {train,dev,test}.jsonl lines are repeated into a temporary JSONL file of
 * about MB megabytes (default 100; 1 MB = 10^6 bytes), which is removed
 * at the end.
 *
 * Each run is a child process (fork), so that its peak resident memory
 * (getrusage's ru_maxrss, taken in the child at its end) is its own; its
 * output goes to /dev/null. Prints
 * figures; it is not a test and judges none of them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "whosaid.h"
#include "corpus.h"

#define MB BENCH_MB

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "bench_run: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    exit(2);
}


/* ---- the input ------------------------------------------------------------ */


/* The corpus's JSONL files over and over into path (bench/corpus.h). */
static void make_input(const char *dir, double mb, const char *path)
{
    const char *arg, *err = bench_make_jsonl(dir, mb, path, &arg);
    if (err)
        die(err, arg);
}

/* ---- one run in a child --------------------------------------------------- */

typedef struct result {
    ws_status status;
    ws_stats stats;
    double seconds;
    double cpu_seconds; /* user + system, every thread */
    double peak_rss_mb;
} result;

static void child(const char *input, unsigned threads, int fd)
{
    ws_run_options o;
    ws_run_options_init(&o);
    o.threads = threads;
    result r;
    memset(&r, 0, sizeof r);
    ws_error e = {0};
    double t0 = bench_now();
    r.status = ws_run(&input, 1, "/dev/null", &o, &r.stats, &e);
    r.seconds = bench_now() - t0;
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) {
        r.peak_rss_mb = (double)ru.ru_maxrss * 1024.0 / MB; /* KiB on Linux */
        r.cpu_seconds = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                        (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    }
    ssize_t n = write(fd, &r, sizeof r);
    _exit(n == (ssize_t)sizeof r ? 0 : 1);
}

static result run_once(const char *input, unsigned threads)
{
    int fds[2];
    if (pipe(fds) != 0)
        die("pipe", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        die("fork", strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        child(input, threads, fds[1]);
    }
    close(fds[1]);
    result r;
    memset(&r, 0, sizeof r);
    ssize_t n = read(fds[0], &r, sizeof r);
    close(fds[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || n != (ssize_t)sizeof r)
        die("the run did not finish", NULL);
    return r;
}

static void print_result(unsigned threads, const result *r, double base_rate)
{
    const ws_stats *s = &r->stats;
    double in = (double)s->bytes_in / MB, text = (double)s->bytes_text / MB;
    double rate = r->seconds > 0 ? in / r->seconds : 0;
    printf("-j%u  %6.2f s  %7.1f MB/s input  %7.1f MB/s text  peak RSS %6.1f MB",
           threads, r->seconds, rate, r->seconds > 0 ? text / r->seconds : 0,
           r->peak_rss_mb);
    if (base_rate > 0)
        printf("  (%.2fx -j1)", rate / base_rate);
    printf("\n     CPU %.2f s (%.2f cores busy on average; the machine's other "
           "load shows here)\n     %llu documents (%llu processed, %llu failed, %llu skipped), "
           "%llu quotations, %.1f MB out, status %s\n",
           r->cpu_seconds, r->seconds > 0 ? r->cpu_seconds / r->seconds : 0,
           (unsigned long long)s->documents_read,
           (unsigned long long)s->documents_processed,
           (unsigned long long)s->documents_failed,
           (unsigned long long)s->documents_skipped,
           (unsigned long long)s->quotations, (double)s->bytes_out / MB,
           ws_status_name(r->status));
}

int main(int argc, char **argv)
{
    const char *arg = argc > 1 ? argv[1] : "../shared/corpus/polnear";
    double mb = argc > 2 ? atof(argv[2]) : 100;
    struct stat st;
    if (stat(arg, &st) != 0)
        die("cannot find", arg);
    char tmp[] = "/tmp/bench_run.XXXXXX"; /* JSONL, found by its first byte */
    const char *input = arg;
    if (S_ISDIR(st.st_mode)) {
        int fd = mkstemp(tmp);
        if (fd < 0)
            die("cannot make a temporary file", strerror(errno));
        close(fd);
        make_input(arg, mb, tmp);
        input = tmp;
        if (stat(input, &st) != 0)
            die("cannot stat", input);
        printf("input: %s repeated to %.1f MB of JSONL (%s)\n", arg,
               (double)st.st_size / MB, input);
    } else {
        printf("input: %s, %.1f MB\n", input, (double)st.st_size / MB);
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("cores online: %ld\n", cores);
    fflush(stdout);
    result one = run_once(input, 1);
    double base = one.seconds > 0 ? (double)one.stats.bytes_in / MB / one.seconds : 0;
    print_result(1, &one, 0);
    fflush(stdout);
    result two = run_once(input, 2);
    print_result(2, &two, base);
    if (input == tmp)
        unlink(tmp);
    return 0;
}
