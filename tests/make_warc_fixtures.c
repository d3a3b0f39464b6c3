/*
 * Write the WARC fixtures of tests/warc_fixture.h to files, for tests of
 * the CLI and for the fuzzer's seed corpus.
 *
 *   make_warc_fixtures DIR       (make fixtures: DIR = build/fixtures)
 *
 * Writes into DIR (which must exist):
 *   standard.warc.gz, standard.warc   the acceptance archive: warcinfo,
 *       request, metadata, pages in UTF-8 / ISO-8859-1 / charset only in
 *       <meta> / chunked / gzip-encoded / untyped, a JPEG, a 301, a 404,
 *       an HTML resource record, an empty page (15 records, 7 pages);
 *   truncated.warc.gz   standard.warc.gz with its last member cut short;
 *   lying.warc.gz, lying.warc   five pages, Content-Length 20 too long on
 *       the second and 15 too short on the fourth;
 *   corrupt.warc.gz     five pages, the third member's data damaged;
 *   whole.warc.gz       standard.warc gzipped as one member.
 * and prints one line per file: name, bytes, records, and what the reader
 * should say of each record in order (O page, S skipped, E error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "warc_fixture.h"

static int write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "make_warc_fixtures: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

static void describe(const char *name, size_t len, const fx_archive *a, const char *override)
{
    printf("%-20s %7zu bytes  ", name, len);
    if (override) {
        printf("%s\n", override);
        return;
    }
    for (size_t k = 0; k < a->n; k++)
        putchar(a->rec[k].want == WS_OK ? 'O' : a->rec[k].want == WS_SKIPPED ? 'S' : 'E');
    putchar('\n');
}

static void five_pages(fx_archive *a)
{
    memset(a, 0, sizeof *a);
    for (size_t k = 0; k < 5; k++) {
        fx_record *r = fx_add(a, "response", "https://x.example/p",
                              "application/http; msgtype=response", WS_OK, WS_SKIP_NONE);
        static const char page[] =
            "<html><body><p>\"Five pages,\" the fixture said.</p></body></html>";
        fx_http(r, "200 OK", "Content-Type: text/html\r\n", page, strlen(page));
        fx_want_page(r, page, strlen(page), "");
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    int bad = 0;
    fx_archive a;

    fx_standard(&a);
    fx_write(&a, 1);
    bad |= write_file(dir, "standard.warc.gz", a.stored.data, a.stored.len);
    describe("standard.warc.gz", a.stored.len, &a, NULL);
    bad |= write_file(dir, "truncated.warc.gz", a.stored.data, a.stored.len - 9);
    describe("truncated.warc.gz", a.stored.len - 9, &a, "SSOSSSOOOOOSOSE (last: gzip error)");
    fx_bytes whole = {0};
    fx_gzip(&whole, a.plain.data, a.plain.len);
    bad |= write_file(dir, "whole.warc.gz", whole.data, whole.len);
    describe("whole.warc.gz", whole.len, &a, NULL);
    fx_free(&whole);
    fx_write(&a, 0);
    bad |= write_file(dir, "standard.warc", a.stored.data, a.stored.len);
    describe("standard.warc", a.stored.len, &a, NULL);
    fx_archive_free(&a);

    five_pages(&a);
    a.rec[1].length_lie = 20;
    a.rec[3].length_lie = -15;
    a.rec[1].want = a.rec[3].want = WS_ERR_WARC;
    fx_write(&a, 1);
    bad |= write_file(dir, "lying.warc.gz", a.stored.data, a.stored.len);
    describe("lying.warc.gz", a.stored.len, &a, NULL);
    fx_write(&a, 0);
    bad |= write_file(dir, "lying.warc", a.stored.data, a.stored.len);
    describe("lying.warc", a.stored.len, &a, "OEEO (the too-long record swallows the next)");
    fx_archive_free(&a);

    five_pages(&a);
    fx_write(&a, 1);
    a.stored.data[a.rec[2].start + a.rec[2].length / 2] ^= 0x55;
    a.rec[2].want = WS_ERR_GZIP;
    bad |= write_file(dir, "corrupt.warc.gz", a.stored.data, a.stored.len);
    describe("corrupt.warc.gz", a.stored.len, &a, NULL);
    fx_archive_free(&a);
    return bad;
}
