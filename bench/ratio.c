/*
 * whosaid against gzip -1 on the same bytes, in one run: the speed ratio
 * the project's throughput goal is stated in (issue 13).
 *
 *   bench_ratio [-n ROUNDS] [INPUT | CORPUS_DIR] [MB]
 *
 * A directory (default ../shared/corpus/polnear) is taken as a corpus:
 * its {train,dev,test}.jsonl lines are repeated into a temporary JSONL
 * file of about MB megabytes (default 100; 1 MB = 10^6 bytes), as
 * bench_run does. INPUT is any file whosaid reads (.jsonl, .warc.gz, ...).
 *
 * Each of ROUNDS rounds (default 5) times, one after the other, whosaid at
 * one thread, gzip -1 -c FILE > /dev/null and whosaid at two threads, so
 * that a change in the machine's load falls on all three alike; the order
 * of the first two alternates from round to round. whosaid is ws_run in a forked child,
 * output to /dev/null, as in bench_run; gzip is spawned with posix_spawnp.
 * Both are timed in this process from the start of the child to its end,
 * so each pays for starting a process.
 *
 * gzip -1 compresses the bytes whosaid reads. When INPUT is itself gzip
 * (a .warc.gz), it is decompressed once to a temporary file first, and
 * gzip -1 compresses that, the uncompressed WARC, while whosaid reads
 * INPUT as it is. Temporaries are removed at the end, and on an error.
 *
 * Prints figures; it is not a test and judges none of them.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* posix_spawn, mkstemp, fork */
#endif
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
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
#include <zlib.h>

#include "whosaid.h"
#include "corpus.h"

#define MB BENCH_MB
/* More rounds than this only makes a run longer: the best of a handful
 * is already what the load allows. */
#define MAX_ROUNDS 100
/* gzread's piece when the input is decompressed once to a temporary. */
#define INFLATE_PIECE (1 << 20)

extern char **environ; /* for posix_spawnp; unistd.h declares it only for _GNU_SOURCE */

/* The temporaries, so that an error exit removes them too. */
static char tmp_jsonl[] = "/tmp/bench_ratio.XXXXXX";
static char tmp_plain[] = "/tmp/bench_ratio_warc.XXXXXX";
static int have_jsonl, have_plain;

static void cleanup(void)
{
    if (have_jsonl)
        unlink(tmp_jsonl);
    if (have_plain)
        unlink(tmp_plain);
    have_jsonl = have_plain = 0;
}

static void die(const char *what, const char *arg)
{
    fflush(stdout); /* what was printed comes before the error */
    fprintf(stderr, "bench_ratio: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    cleanup();
    exit(1);
}


/* User + system seconds of every child waited for so far. */
static double children_cpu(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_CHILDREN, &ru) != 0)
        return 0;
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double file_mb(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        die("cannot stat", path);
    return (double)st.st_size / MB;
}

/* ---- the inputs ----------------------------------------------------------- */


/* The corpus's JSONL files over and over into path (bench/corpus.h). */
static void make_jsonl(const char *dir, double mb, const char *path)
{
    const char *arg, *err = bench_make_jsonl(dir, mb, path, &arg);
    if (err)
        die(err, arg);
}

/* Whether path starts with gzip's magic bytes. */
static int is_gzip(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open", path);
    unsigned char m[2] = {0, 0};
    size_t n = fread(m, 1, 2, f);
    fclose(f);
    return n == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

/* Every gzip member of in, decompressed, into out (gzread goes on across
 * members, as whosaid's WARC reader does). */
static void gunzip(const char *in, const char *out)
{
    gzFile g = gzopen(in, "rb");
    if (!g)
        die("cannot open", in);
    FILE *f = fopen(out, "wb");
    if (!f)
        die("cannot write", out);
    char *buf = malloc(INFLATE_PIECE);
    if (!buf)
        die("out of memory", NULL);
    int n;
    while ((n = gzread(g, buf, INFLATE_PIECE)) > 0)
        if (fwrite(buf, 1, (size_t)n, f) != (size_t)n)
            die("cannot write", out);
    int zerr = Z_OK;
    const char *msg = gzerror(g, &zerr);
    /* Z_BUF_ERROR at the end: the file stops inside a member. */
    if (n < 0 || zerr != Z_OK)
        die("cannot decompress", msg && *msg ? msg : in);
    free(buf);
    gzclose(g);
    if (fclose(f) != 0)
        die("cannot write", out);
}

/* ---- one timed run -------------------------------------------------------- */

typedef struct timing {
    double seconds;     /* wall, from the child's start to its end */
    double cpu_seconds; /* the child's user + system, every thread */
} timing;

/* What the whosaid child sends back. */
typedef struct run_result {
    ws_status status;
    ws_stats stats;
} run_result;

static timing run_whosaid(const char *input, unsigned threads, run_result *r)
{
    int fds[2];
    if (pipe(fds) != 0)
        die("pipe", strerror(errno));
    double cpu0 = children_cpu(), t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0)
        die("fork", strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        ws_run_options o;
        ws_run_options_init(&o);
        o.threads = threads;
        run_result c;
        memset(&c, 0, sizeof c);
        ws_error e = {0};
        c.status = ws_run(&input, 1, "/dev/null", &o, &c.stats, &e);
        ssize_t n = write(fds[1], &c, sizeof c);
        _exit(n == (ssize_t)sizeof c ? 0 : 1);
    }
    close(fds[1]);
    memset(r, 0, sizeof *r);
    ssize_t n = read(fds[0], r, sizeof *r);
    close(fds[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid || n != (ssize_t)sizeof *r ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("the whosaid run did not finish", input);
    timing t = {bench_now() - t0, children_cpu() - cpu0};
    if (r->status != WS_OK)
        die("the whosaid run failed", ws_status_name(r->status));
    return t;
}

/* gzip -1 -c path > /dev/null. */
static timing run_gzip(const char *path)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0 ||
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0) != 0)
        die("posix_spawn_file_actions", NULL);
    char *const argv[] = {"gzip", "-1", "-c", (char *)path, NULL};
    double cpu0 = children_cpu(), t0 = bench_now();
    pid_t pid;
    int err = posix_spawnp(&pid, "gzip", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err != 0)
        die("cannot run gzip", strerror(err));
    int status;
    if (waitpid(pid, &status, 0) != pid)
        die("waitpid", strerror(errno));
    timing t = {bench_now() - t0, children_cpu() - cpu0};
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("gzip -1 failed on", path);
    return t;
}

/* The best of each figure over the rounds (each taken on its own). */
static void keep_best(timing *best, timing t, int round)
{
    if (round == 0 || t.seconds < best->seconds)
        best->seconds = t.seconds;
    if (round == 0 || t.cpu_seconds < best->cpu_seconds)
        best->cpu_seconds = t.cpu_seconds;
}

static double rate(double mb, double seconds)
{
    return seconds > 0 ? mb / seconds : 0;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : 0;
}

int main(int argc, char **argv)
{
    int rounds = 5, a = 1;
    if (a + 1 < argc && strcmp(argv[a], "-n") == 0) {
        char *end;
        long n = strtol(argv[a + 1], &end, 10);
        if (*end || n < 1 || n > MAX_ROUNDS) {
            fprintf(stderr, "bench_ratio: -n wants a number of rounds from 1 to %d, not %s\n",
                    MAX_ROUNDS, argv[a + 1]);
            return 1;
        }
        rounds = (int)n;
        a += 2;
    }
    if (argc - a > 2)
        die("usage: bench_ratio [-n ROUNDS] [INPUT | CORPUS_DIR] [MB]", NULL);
    const char *arg = a < argc ? argv[a] : "../shared/corpus/polnear";
    double mb = 100;
    if (a + 1 < argc) {
        char *end;
        mb = strtod(argv[a + 1], &end);
        if (*end || !(mb > 0))
            die("MB wants a positive number, not", argv[a + 1]);
    }
    struct stat st;
    if (stat(arg, &st) != 0)
        die("cannot find", arg);

    const char *input = arg;  /* what whosaid reads */
    const char *plain = arg;  /* what gzip -1 compresses */
    int warc_gz = 0;
    if (S_ISDIR(st.st_mode)) {
        int fd = mkstemp(tmp_jsonl);
        if (fd < 0)
            die("cannot make a temporary file", strerror(errno));
        close(fd);
        have_jsonl = 1;
        make_jsonl(arg, mb, tmp_jsonl);
        input = plain = tmp_jsonl;
        printf("input: %s repeated to %.1f MB of JSONL (%s)\n", arg,
               file_mb(input), input);
        printf("gzip -1 compresses the same file\n");
    } else if (is_gzip(arg)) {
        int fd = mkstemp(tmp_plain);
        if (fd < 0)
            die("cannot make a temporary file", strerror(errno));
        close(fd);
        have_plain = 1;
        gunzip(arg, tmp_plain);
        plain = tmp_plain;
        warc_gz = 1;
        printf("input: %s, %.1f MB compressed, %.1f MB uncompressed\n", arg,
               file_mb(input), file_mb(plain));
        printf("whosaid reads the compressed file; gzip -1 compresses the "
               "uncompressed bytes (%s, decompressed once, not timed)\n", plain);
    } else {
        printf("input: %s, %.1f MB\n", input, file_mb(input));
        printf("gzip -1 compresses the same file\n");
    }
    double in_mb = file_mb(input), plain_mb = file_mb(plain);
    printf("cores online: %ld; %d rounds of whosaid -j1, gzip -1, whosaid -j2 "
           "(the first two in turn)\n",
           sysconf(_SC_NPROCESSORS_ONLN), rounds);
    fflush(stdout);

    timing b1 = {0, 0}, bg = {0, 0}, b2 = {0, 0};
    run_result r1, r2;
    for (int k = 0; k < rounds; k++) {
        timing t1, tg, t2;
        if (k % 2 == 0) {
            t1 = run_whosaid(input, 1, &r1);
            tg = run_gzip(plain);
        } else {
            tg = run_gzip(plain);
            t1 = run_whosaid(input, 1, &r1);
        }
        t2 = run_whosaid(input, 2, &r2);
        keep_best(&b1, t1, k);
        keep_best(&bg, tg, k);
        keep_best(&b2, t2, k);
        printf("round %d: whosaid -j1 %.2f s, gzip -1 %.2f s (%.2fx), "
               "whosaid -j2 %.2f s\n",
               k + 1, t1.seconds, tg.seconds, ratio(tg.seconds, t1.seconds), t2.seconds);
        fflush(stdout);
    }

    const ws_stats *s = &r1.stats;
    double text_mb = (double)s->bytes_text / MB;
    printf("best of %d (wall; CPU = user + system, its own best):\n", rounds);
    printf("  whosaid -j1  %6.2f s  CPU %6.2f s  %6.1f MB/s input", b1.seconds,
           b1.cpu_seconds, rate(in_mb, b1.seconds));
    if (warc_gz)
        printf(" (compressed)  %6.1f MB/s uncompressed WARC", rate(plain_mb, b1.seconds));
    printf("  %6.1f MB/s text\n", rate(text_mb, b1.seconds));
    printf("  gzip -1      %6.2f s  CPU %6.2f s  %6.1f MB/s%s\n", bg.seconds,
           bg.cpu_seconds, rate(plain_mb, bg.seconds),
           warc_gz ? " uncompressed WARC" : " input");
    printf("  whosaid -j2  %6.2f s  CPU %6.2f s  %6.1f MB/s input", b2.seconds,
           b2.cpu_seconds, rate(in_mb, b2.seconds));
    if (warc_gz)
        printf(" (compressed)  %6.1f MB/s uncompressed WARC", rate(plain_mb, b2.seconds));
    printf("  %6.1f MB/s text\n", rate(text_mb, b2.seconds));
    printf("whosaid -j1 / gzip -1: %.2fx by wall time, %.2fx by CPU time "
           "(gzip's seconds over whosaid's on the same content: >1 means "
           "whosaid is faster)\n",
           ratio(bg.seconds, b1.seconds), ratio(bg.cpu_seconds, b1.cpu_seconds));
    printf("whosaid -j2 / -j1: %.2fx by wall time\n", ratio(b1.seconds, b2.seconds));
    printf("%llu documents (%llu processed, %llu failed, %llu skipped), "
           "%llu quotations, %.1f MB out; -j2: %llu quotations, %.1f MB out\n",
           (unsigned long long)s->documents_read,
           (unsigned long long)s->documents_processed,
           (unsigned long long)s->documents_failed,
           (unsigned long long)s->documents_skipped,
           (unsigned long long)s->quotations, (double)s->bytes_out / MB,
           (unsigned long long)r2.stats.quotations, (double)r2.stats.bytes_out / MB);
    cleanup();
    return 0;
}
