/*
 * Input: WARC/1.0 and 1.1 archives, as the reader's WS_INPUT_WARC stage.
 *
 * The stream is sniffed: 0x1F 0x8B opens a gzip stream (a .warc.gz, one
 * member per record, as the WARC standard's annex and every crawler
 * write it), anything else is read as uncompressed WARC.
 *
 * Layers, each streaming and each touching a byte a bounded number of
 * times:
 *   stored bytes  -> fed bytes wait in `in`; ws_warc_next takes them.
 *   gzip members  -> zlib inflates one member at a time (16+MAX_WBITS,
 *                    inflateReset at each member end) into a fixed window;
 *                    a member is a "segment" of the decompressed stream.
 *                    Uncompressed input is one segment, the whole stream.
 *   records       -> a state machine reads each record: its header block
 *                    (to the blank line), Content-Length bytes of block
 *                    and the "\r\n\r\n" that must close it.
 *   HTTP          -> in a response record the block is an HTTP message:
 *                    its status line and headers are read; the payload is
 *                    kept only when it is an HTML page (2xx, text/html or
 *                    application/xhtml+xml, or no type and it looks like
 *                    HTML); any other payload streams past unkept.
 *
 * Every record gives exactly one result from ws_warc_next: WS_OK (an HTML
 * page: content WS_CONTENT_HTML, text the HTTP payload with chunked
 * Transfer-Encoding and gzip/deflate Content-Encoding undone), WS_SKIPPED
 * (skip says why: WS_SKIP_NOT_RESPONSE for warcinfo, request, metadata,
 * revisit ..., WS_SKIP_NOT_HTML, WS_SKIP_NOT_OK for a status other than
 * 2xx, WS_SKIP_EMPTY for an HTML 2xx response with no payload) or an
 * error. A 'resource' record whose Content-Type is HTML is read as a page
 * too (a saved page is archived that way); other resource records are
 * WS_SKIP_NOT_HTML. Results, errors included, carry the record's
 * provenance as far as it was read: id (WARC-Record-ID as written, angle
 * brackets and all), url, date, charset (the Content-Type charset
 * parameter), offset (where the record starts in the decompressed
 * stream), record_offset and record_length.
 *
 * record_offset/record_length: for a .warc.gz, the stored bytes of the
 * record's gzip member, so that inflating exactly that byte range gives
 * the record alone; for an uncompressed WARC, the record's bytes from its
 * "WARC/1." line through its closing "\r\n\r\n". A member that holds
 * several records (a WARC gzipped whole) cannot give one of them back by
 * byte range: its records have record_offset at the member's start and
 * record_length 0; so do the errors of a damaged member (its extent is
 * not known).
 *
 * Damage (one error for the record, and the records after it still read):
 *   - a corrupt or truncated gzip member: WS_ERR_GZIP at the member's
 *     compressed offset; the next member is searched for from just after
 *     the damaged one's start (a valid header: magic, deflate method,
 *     sane flags, XFL and OS bytes);
 *   - bytes where a member should start that are not one: WS_ERR_GZIP
 *     once for the run of them;
 *   - a Content-Length longer than the record's member: WS_ERR_WARC; one
 *     shorter, or any record whose block is not followed by "\r\n\r\n":
 *     WS_ERR_WARC, and the reader goes on at the next member (gzip) or at
 *     the next line that starts "WARC/1." (uncompressed). In an
 *     uncompressed WARC a Content-Length that is too long swallows what
 *     follows up to the next such line: nothing marks where the record
 *     really ended, and going back to look would make the work quadratic;
 *   - a record cut off by the end of the stream: WS_ERR_WARC (or
 *     WS_ERR_GZIP when its member is cut off);
 *   - a header block over WS_MAX_WARC_HEADER_BYTES, or a page over
 *     WS_MAX_DOCUMENT_BYTES: WS_ERR_TOO_LARGE; its bytes are dropped as
 *     they arrive.
 * Error positions are the record's start in the stream as fed
 * (record_offset).
 *
 * Memory: the header blocks and the page of the record being read, the
 * stored bytes fed and not yet taken, a 64 KiB inflate window and zlib's
 * state. WS_ERR_NOMEM from ws_warc_next leaves the reader as it was: the
 * next call tries the same step again.
 */
#include <zlib.h>

#include "warc.h"

/* The limits come from limits.h; tests/test_warc.c compiles this file a
 * second time with tiny ones. */
#ifndef WS_WARC_MAX_HEADER
#define WS_WARC_MAX_HEADER WS_MAX_WARC_HEADER_BYTES
#endif
#ifndef WS_WARC_MAX_DOCUMENT
#define WS_WARC_MAX_DOCUMENT WS_MAX_DOCUMENT_BYTES
#endif
#ifndef WS_WARC_MAX_RESYNC
#define WS_WARC_MAX_RESYNC WS_MAX_GZIP_RESYNC_BYTES
#endif

/* Inflated bytes are handed to the record parser this many at a time. */
#define INFLATE_WINDOW ((size_t)64 << 10)

typedef enum input_mode { MODE_UNKNOWN, MODE_PLAIN, MODE_GZIP } input_mode;

/* Where the record parser is. */
typedef enum record_state {
    R_START,  /* between records: blank lines are passed over */
    R_HEAD,   /* the WARC header block, to its blank line */
    R_HTTP,   /* the HTTP status line and headers of a response */
    R_KEEP,   /* block bytes that are kept (an HTML payload) */
    R_DROP,   /* block bytes that are not */
    R_TRAIL,  /* the "\r\n\r\n" that closes a record */
    R_DONE,   /* gzip: a whole record, waiting for its member to end */
    R_RESYNC  /* after a broken record: to the next member / WARC line */
} record_state;

/* How a gzip member (a segment) ended. */
typedef enum seg_end { SEG_CLEAN, SEG_CORRUPT, SEG_TRUNCATED, SEG_NOMEM } seg_end;

/* A piece of one of the record's buffers. */
typedef struct span {
    size_t at, len;
} span;

typedef struct record {
    uint64_t start;   /* record_offset */
    uint64_t doffset; /* where it starts in the decompressed stream */
    ws_buf hdr, http, payload, decoded;
    span type, uri, date, id, ctype; /* in hdr */
    span http_ctype, te, ce;         /* in http */
    span charset;                    /* in http, or in hdr when !charset_http */
    bool charset_http;
    uint64_t remaining; /* block bytes still to come */
    unsigned trail;     /* bytes of the closing "\r\n\r\n" seen */
    size_t line_len;    /* of the header line being read */
    char prev;          /* its last byte */
    unsigned line_magic; /* plain: 1 + bytes of "WARC/1." the header line
                            being read starts with; 0: it does not */
    uint64_t inner_start; /* plain: the last header line that starts
                             "WARC/1." (0: none), where reading resumes if
                             the block is refused */
    bool page;          /* the payload is kept as a page */
    bool sniff;         /* no Content-Type: decide by the payload's bytes */
    bool too_large;     /* the page passed the limit; its bytes let go */
    bool dechunked;     /* Transfer-Encoding undone (kept across retries) */
    bool use_decoded;   /* the page is `decoded`, not `payload` */
    int length_seen;    /* Content-Length: 0 none, 1 valid, 2 not a number */
    /* the verdict when it is not a page */
    ws_status code;
    ws_skip skip;
    const char *message;
} record;

/* The result waiting to be taken. */
typedef struct event {
    bool ready;
    bool page;      /* a page, to be decoded when taken */
    ws_status code; /* WS_SKIPPED or an error when !page */
    ws_skip skip;
    const char *message;
    uint64_t length; /* record_length */
} event;

struct ws_warc {
    ws_allocator alloc;
    input_mode mode;
    bool finished, done;

    ws_buf in;        /* in.data[head..in.len): stored bytes not taken */
    size_t head;
    uint64_t in_base; /* stream offset of in.data[0] */

    /* gzip */
    z_stream z;       /* the members */
    z_stream pz;      /* a payload's Content-Encoding */
    bool z_ready, pz_ready;
    unsigned char *out; /* out[out_head..out_len): inflated, not parsed */
    size_t out_head, out_len;
    bool in_member;
    uint64_t member_start, member_end;
    unsigned seg_records; /* records begun in this member */
    bool seg_pending;     /* the member ended; act once out is parsed */
    seg_end seg_kind;
    bool scanning;        /* searching for the next member's header */
    uint64_t rescanned_to; /* no search goes back before this again */

    uint64_t dpos; /* decompressed bytes parsed so far */

    /* the record parser */
    record_state state;
    record rec;
    event ev;
    ws_status pending_code; /* gzip: a broken record's error, given at */
    const char *pending_msg; /* the end of its member */
    unsigned match;        /* bytes of "WARC/1." matched (resync, R_DONE) */
    bool magic_pending;    /* a record's "WARC/1." was read: begin it */
    bool rewind_pending;   /* plain: go back to rec.inner_start */
    uint64_t magic_at;     /* where that record starts */
    bool junk;             /* R_DONE: bytes after the record that are not
                              one: dropped to the member's end */
    bool line_start;       /* plain resync: at the start of a line */
    bool resync_fresh;     /* line_start still to be set from last */
    char last;             /* the last byte parsed */

    uint64_t work; /* units of work: each byte copied, moved, scanned or
                      inflated, and each step; tests/test_pathological_input.c
                      checks it grows linearly, whatever the bytes */
};

#define WARC_WORK(w, n) ((w)->work += (uint64_t)(n))

static const char msg_nomem[] = "out of memory";
static const char msg_not_warc[] = "not a WARC record: no \"WARC/1.\" version line";
static const char msg_no_length[] = "WARC record without a valid Content-Length";
static const char msg_header_large[] =
    "WARC header block longer than WS_MAX_WARC_HEADER_BYTES (1 MiB)";
static const char msg_http_large[] =
    "HTTP header block longer than WS_MAX_WARC_HEADER_BYTES (1 MiB)";
static const char msg_page_large[] =
    "HTML payload longer than WS_MAX_DOCUMENT_BYTES (256 MiB)";
static const char msg_no_trailer[] =
    "WARC record not closed by CRLF CRLF after Content-Length bytes "
    "(Content-Length wrong?)";
static const char msg_past_member[] =
    "WARC record runs past the end of its gzip member (Content-Length too long?)";
static const char msg_truncated[] = "WARC record cut off by the end of the stream";
static const char msg_gzip_corrupt[] = "corrupt gzip member";
static const char msg_gzip_truncated[] = "gzip member cut off by the end of the stream";
static const char msg_gzip_nomem[] = "out of memory while inflating a gzip member";
static const char msg_gzip_garbage[] = "bytes between gzip members that are not gzip";
static const char msg_no_status[] = "response record without an HTTP status line";
static const char msg_encoding[] = "HTML payload's Content-Encoding could not be decoded";
static const char msg_unknown_encoding[] =
    "HTML payload in a Content-Encoding other than gzip or deflate";

/* ===================================================================== */
/*  Small helpers                                                        */
/* ===================================================================== */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_word(const char *s, size_t n, const char *word)
{
    size_t m = strlen(word);
    if (n != m)
        return false;
    for (size_t k = 0; k < n; k++)
        if (lower(s[k]) != word[k])
            return false;
    return true;
}

static bool starts_with_word(const char *s, size_t n, const char *word)
{
    size_t m = strlen(word);
    return n >= m && same_word(s, m, word);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static span trim(const char *base, size_t at, size_t end)
{
    while (at < end && is_space(base[at]))
        at++;
    while (end > at && is_space(base[end - 1]))
        end--;
    span s = {at, end - at};
    return s;
}

static ws_str str_of(const ws_buf *b, span s)
{
    ws_str out = {NULL, 0};
    if (s.len && b->data) {
        out.ptr = b->data + s.at;
        out.len = s.len;
    }
    return out;
}

/* The media type of a Content-Type value: before any ';', trimmed. */
static span media_type(const char *base, span v)
{
    const char *semi = memchr(base + v.at, ';', v.len);
    size_t end = semi ? (size_t)(semi - base) : v.at + v.len;
    return trim(base, v.at, end);
}

static bool is_html_type(const char *base, span v)
{
    span m = media_type(base, v);
    return same_word(base + m.at, m.len, "text/html") ||
           same_word(base + m.at, m.len, "application/xhtml+xml");
}

/* The charset parameter of a Content-Type value, quotes removed. */
static span charset_param(const char *base, span v)
{
    span none = {0, 0};
    size_t end = v.at + v.len;
    for (size_t k = v.at; k < end; k++) {
        if (base[k] != ';')
            continue;
        size_t p = k + 1;
        while (p < end && is_space(base[p]))
            p++;
        if (end - p < 8 || !same_word(base + p, 7, "charset"))
            continue;
        p += 7;
        while (p < end && is_space(base[p]))
            p++;
        if (p >= end || base[p] != '=')
            continue;
        p++;
        size_t q = p;
        while (q < end && base[q] != ';')
            q++;
        span c = trim(base, p, q);
        if (c.len >= 2 && base[c.at] == '"') {
            c.at++;
            c.len--;
            const char *close = memchr(base + c.at, '"', c.len);
            if (close)
                c.len = (size_t)(close - (base + c.at));
        }
        return c;
    }
    return none;
}

/* Does a payload with no declared type look like an HTML page? */
static bool looks_like_html(const char *s, size_t n)
{
    size_t k = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        k = 3;
    while (k < n && is_space(s[k]))
        k++;
    if (k >= n || s[k] != '<')
        return false;
    size_t end = n - k > 1024 ? k + 1024 : n;
    for (size_t i = k; i + 5 <= end; i++)
        if (s[i] == '<' && (starts_with_word(s + i, end - i, "<html") ||
                            starts_with_word(s + i, end - i, "<!doctype html") ||
                            starts_with_word(s + i, end - i, "<head") ||
                            starts_with_word(s + i, end - i, "<body")))
            return true;
    return false;
}

/* ===================================================================== */
/*  zlib through the caller's allocator                                  */
/* ===================================================================== */

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    if (size && items > SIZE_MAX / size)
        return Z_NULL;
    return ws_malloc((const ws_allocator *)opaque, (size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
    ws_free((const ws_allocator *)opaque, p);
}

/* gzip of "x". zlib allocates its 32 KiB window at the first inflate that
 * produces output, and an allocation failure there leaves the stream dead
 * for good; inflating this once when the reader is made takes that
 * allocation early, where failing is clean (the window survives
 * inflateReset and inflateReset2 to the same window size). */
static const unsigned char primer[] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab,
    0x00, 0x00, 0x83, 0x16, 0xdc, 0x8c, 0x01, 0x00, 0x00, 0x00};

static bool open_inflater(ws_warc *w, z_stream *z, int window_bits)
{
    memset(z, 0, sizeof *z);
    z->zalloc = z_alloc;
    z->zfree = z_free;
    z->opaque = &w->alloc;
    if (inflateInit2(z, window_bits) != Z_OK)
        return false;
    /* in two calls: zlib takes its window only when a call that produced
     * output ends before the member's trailer */
    unsigned char sink[4];
    z->next_in = (Bytef *)primer;
    z->avail_in = sizeof primer - 8;
    z->next_out = sink;
    z->avail_out = sizeof sink;
    int ret = inflate(z, Z_NO_FLUSH);
    z->avail_in = 8;
    if (ret == Z_OK)
        ret = inflate(z, Z_NO_FLUSH);
    if (ret != Z_STREAM_END || inflateReset(z) != Z_OK) {
        inflateEnd(z);
        return false;
    }
    return true;
}

/* ===================================================================== */
/*  The reader                                                           */
/* ===================================================================== */

ws_warc *ws_warc_new(const ws_allocator *alloc)
{
    ws_warc *w = ws_malloc(alloc, sizeof *w);
    if (!w)
        return NULL;
    memset(w, 0, sizeof *w);
    w->alloc = *alloc;
    w->out = ws_malloc(alloc, INFLATE_WINDOW);
    w->z_ready = w->out && open_inflater(w, &w->z, 16 + MAX_WBITS);
    w->pz_ready = w->z_ready && open_inflater(w, &w->pz, 32 + MAX_WBITS);
    if (!w->pz_ready) {
        ws_warc_free(w);
        return NULL;
    }
    return w;
}

static void free_record(const ws_allocator *a, record *r)
{
    ws_buf_free(a, &r->hdr);
    ws_buf_free(a, &r->http);
    ws_buf_free(a, &r->payload);
    ws_buf_free(a, &r->decoded);
}

void ws_warc_free(ws_warc *w)
{
    if (!w)
        return;
    ws_allocator a = w->alloc;
    if (w->z_ready)
        inflateEnd(&w->z);
    if (w->pz_ready)
        inflateEnd(&w->pz);
    ws_free(&a, w->out);
    ws_buf_free(&a, &w->in);
    free_record(&a, &w->rec);
    ws_free(&a, w);
}

void ws_warc_finish(ws_warc *w)
{
    w->finished = true;
}

/* The stored bytes the reader must keep: from head, or from the start of
 * the current member (up to the resync bound) for a search after damage. */
static size_t keep_from(const ws_warc *w)
{
    size_t keep = w->head;
    if (w->mode == MODE_PLAIN && w->state == R_HEAD) { /* for a rewind (on_head) */
        /* the start itself may be gone when its "WARC/1." came in two
         * feeds; the lines that can be rewound to come after it */
        size_t rs = w->rec.start > w->in_base ? (size_t)(w->rec.start - w->in_base) : 0;
        if (rs < keep)
            keep = rs;
    }
    if (w->mode == MODE_GZIP && w->in_member && w->member_start >= w->rescanned_to &&
        w->member_start >= w->in_base) {
        size_t ms = (size_t)(w->member_start - w->in_base);
        size_t floor = w->head > WS_WARC_MAX_RESYNC ? w->head - WS_WARC_MAX_RESYNC : 0;
        keep = ms > floor ? ms : floor;
        if (keep > w->head)
            keep = w->head;
    }
    return keep;
}

/* Move the kept bytes to the front once the dropped ones outnumber them,
 * so that each byte is moved at most once on average. */
static void compact(ws_warc *w)
{
    size_t shift = keep_from(w);
    size_t live = w->in.len - shift;
    if (shift == 0 || shift < live)
        return;
    if (live)
        memmove(w->in.data, w->in.data + shift, live);
    WARC_WORK(w, live);
    w->in.len = live;
    w->in_base += shift;
    w->head -= shift;
}

ws_status ws_warc_feed(ws_warc *w, const char *data, size_t len, ws_error *err)
{
    compact(w);
    if (!ws_grow(&w->alloc, (void **)&w->in.data, &w->in.cap, w->in.len + len, 1)) {
        ws_set_error(err, WS_ERR_NOMEM, msg_nomem, (size_t)(w->in_base + w->in.len));
        return WS_ERR_NOMEM;
    }
    memcpy(w->in.data + w->in.len, data, len);
    w->in.len += len;
    WARC_WORK(w, len + 1);
    return WS_OK;
}

uint64_t ws_warc_work(const ws_warc *w)
{
    return w->work;
}

/* ===================================================================== */
/*  Results                                                              */
/* ===================================================================== */

static void reset_record(record *r, uint64_t start, uint64_t doffset)
{
    ws_buf hdr = r->hdr, http = r->http, payload = r->payload, decoded = r->decoded;
    memset(r, 0, sizeof *r);
    r->hdr = hdr;
    r->http = http;
    r->payload = payload;
    r->decoded = decoded;
    r->hdr.len = r->http.len = r->payload.len = r->decoded.len = 0;
    r->start = start;
    r->doffset = doffset;
}

static void emit(ws_warc *w, ws_status code, ws_skip skip, const char *msg,
                 uint64_t length)
{
    event *e = &w->ev;
    e->ready = true;
    e->page = code == WS_OK;
    e->code = code;
    e->skip = skip;
    e->message = msg;
    e->length = length;
}

/* A whole record: its verdict, or a page to decode when taken. */
static void emit_record(ws_warc *w, uint64_t length)
{
    record *r = &w->rec;
    if (r->page && !r->too_large)
        emit(w, WS_OK, WS_SKIP_NONE, NULL, length);
    else
        emit(w, r->code, r->skip, r->message, length);
}

/* The framing is lost: an uncompressed stream reports now and looks for
 * the next "WARC/1." line; a gzip one waits for the member's end (to know
 * its extent) and drops the rest of it. */
static void fail_record(ws_warc *w, ws_status code, const char *msg, uint64_t at)
{
    w->state = R_RESYNC;
    if (w->mode == MODE_PLAIN) {
        emit(w, code, WS_SKIP_NONE, msg, at - w->rec.start);
        w->match = 0;
        w->resync_fresh = true;
    } else {
        w->pending_code = code;
        w->pending_msg = msg;
    }
}

/* The block is not a page: drop it, and give this verdict at its end. */
static void verdict(record *r, ws_status code, ws_skip skip, const char *msg)
{
    r->page = false;
    r->code = code;
    r->skip = skip;
    r->message = msg;
}

/* ---- decoding a page when it is taken -------------------------------- */

/* Undo chunked Transfer-Encoding in place; a payload that does not start
 * with a chunk-size line is left as it is (crawlers often store the
 * payload already de-chunked and keep the header). */
static void dechunk(ws_buf *b)
{
    char *s = b->data;
    size_t n = b->len, i = 0, o = 0;
    bool first = true;
    while (i < n) {
        size_t size = 0, digits = 0;
        while (i < n && digits < 15) {
            char c = lower(s[i]);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0)
                break;
            size = size * 16 + (size_t)v;
            digits++;
            i++;
        }
        if (digits == 0) {
            if (first)
                return;
            break;
        }
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            break;
        i = (size_t)(nl - s) + 1;
        first = false;
        if (size == 0)
            break;
        size_t take = size < n - i ? size : n - i;
        memmove(s + o, s + i, take);
        o += take;
        i += take;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    b->len = o;
}

/* Inflate src into r->decoded with the payload inflater reset to
 * window_bits. WS_OK with some output (a payload cut short, as crawlers
 * cut long ones, still gives what it holds), WS_ERR_GZIP, WS_ERR_TOO_LARGE
 * or WS_ERR_NOMEM. */
static ws_status inflate_payload(ws_warc *w, const ws_buf *src, int window_bits)
{
    record *r = &w->rec;
    z_stream *z = &w->pz;
    r->decoded.len = 0;
    if (inflateReset2(z, window_bits) != Z_OK)
        return WS_ERR_GZIP;
    z->next_in = (Bytef *)src->data;
    z->avail_in = (uInt)src->len; /* at most WS_MAX_DOCUMENT_BYTES */
    for (;;) {
        size_t want = r->decoded.len + INFLATE_WINDOW;
        if (!ws_grow(&w->alloc, (void **)&r->decoded.data, &r->decoded.cap, want, 1))
            return WS_ERR_NOMEM;
        size_t room = r->decoded.cap - r->decoded.len;
        if (room > UINT32_MAX)
            room = UINT32_MAX;
        z->next_out = (Bytef *)r->decoded.data + r->decoded.len;
        z->avail_out = (uInt)room;
        uInt in_before = z->avail_in;
        int ret = inflate(z, Z_NO_FLUSH);
        r->decoded.len += room - z->avail_out;
        WARC_WORK(w, (in_before - z->avail_in) + (room - z->avail_out) + 1);
        if (r->decoded.len > WS_WARC_MAX_DOCUMENT)
            return WS_ERR_TOO_LARGE;
        if (ret == Z_STREAM_END)
            return WS_OK;
        if (ret == Z_MEM_ERROR)
            return WS_ERR_NOMEM;
        if (ret != Z_OK && ret != Z_BUF_ERROR)
            return r->decoded.len ? WS_OK : WS_ERR_GZIP;
        if (z->avail_in == 0)
            return r->decoded.len ? WS_OK : WS_ERR_GZIP;
    }
}

/* The page's final bytes, or why it is not one. */
static ws_status decode_page(ws_warc *w, const ws_buf **text)
{
    record *r = &w->rec;
    if (!r->dechunked && r->te.len && r->http.data &&
        same_word(r->http.data + r->te.at, r->te.len, "chunked")) {
        WARC_WORK(w, r->payload.len);
        dechunk(&r->payload);
    }
    r->dechunked = true;
    *text = &r->payload;
    if (!r->ce.len)
        return WS_OK;
    const char *ce = r->http.data + r->ce.at;
    if (same_word(ce, r->ce.len, "identity"))
        return WS_OK;
    if (!same_word(ce, r->ce.len, "gzip") && !same_word(ce, r->ce.len, "x-gzip") &&
        !same_word(ce, r->ce.len, "deflate"))
        return WS_ERR_HTML;
    if (r->payload.len == 0)
        return WS_OK;
    ws_status st = inflate_payload(w, &r->payload, 32 + MAX_WBITS);
    if (st == WS_ERR_GZIP) /* "deflate" is often sent raw, without zlib's header */
        st = inflate_payload(w, &r->payload, -MAX_WBITS);
    *text = &r->decoded;
    return st;
}

/* Turn the waiting page into its final verdict. */
static ws_status settle_page(ws_warc *w)
{
    event *e = &w->ev;
    const ws_buf *text = NULL;
    ws_status st = decode_page(w, &text);
    if (st == WS_ERR_NOMEM)
        return st;
    e->page = false;
    e->code = WS_SKIPPED;
    w->rec.use_decoded = text == &w->rec.decoded;
    WARC_WORK(w, text->len); /* at most: the sniff below */
    if (st == WS_ERR_TOO_LARGE) {
        e->code = st;
        e->message = msg_page_large;
    } else if (st == WS_ERR_HTML) {
        e->code = WS_ERR_WARC;
        e->message = msg_unknown_encoding;
    } else if (st != WS_OK) {
        e->code = WS_ERR_GZIP;
        e->message = msg_encoding;
    } else if (text->len == 0) {
        e->skip = WS_SKIP_EMPTY;
    } else if (w->rec.sniff && !looks_like_html(text->data, text->len)) {
        e->skip = WS_SKIP_NOT_HTML;
    } else {
        e->code = WS_OK;
    }
    return WS_OK;
}

static void fill_provenance(const ws_warc *w, ws_document *doc)
{
    const record *r = &w->rec;
    memset(doc, 0, sizeof *doc);
    if (r->id.len) {
        doc->id = r->hdr.data + r->id.at;
        doc->id_len = r->id.len;
    }
    doc->url = str_of(&r->hdr, r->uri);
    doc->date = str_of(&r->hdr, r->date);
    doc->charset = str_of(r->charset_http ? &r->http : &r->hdr, r->charset);
    doc->offset = (size_t)r->doffset;
    doc->content = WS_CONTENT_HTML;
    doc->record_offset = r->start;
    doc->record_length = w->ev.length;
    doc->text = "";
}

static ws_status take_event(ws_warc *w, ws_document *doc, ws_error *err)
{
    event *e = &w->ev;
    record *r = &w->rec;
    if (e->page && settle_page(w) == WS_ERR_NOMEM) {
        ws_set_error(err, WS_ERR_NOMEM, msg_nomem, (size_t)r->start);
        return WS_ERR_NOMEM;
    }
    e->ready = false;
    fill_provenance(w, doc);
    if (e->code == WS_OK) {
        const ws_buf *text = r->use_decoded ? &r->decoded : &r->payload;
        doc->text = text->data;
        doc->text_len = text->len;
        return WS_OK;
    }
    if (e->code == WS_SKIPPED) {
        doc->skip = e->skip;
        return WS_SKIPPED;
    }
    ws_set_error(err, e->code, e->message, (size_t)r->start);
    return e->code;
}

/* ===================================================================== */
/*  Headers                                                              */
/* ===================================================================== */

/* Call fn for each "Name: value" line of b after the first line. */
typedef void (*header_fn)(record *r, const char *base, span name, span value);

static void each_header(record *r, const ws_buf *b, header_fn fn)
{
    const char *s = b->data;
    size_t n = b->len;
    const char *nl = memchr(s, '\n', n);
    size_t i = nl ? (size_t)(nl - s) + 1 : n;
    while (i < n) {
        nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        if (s[i] != ' ' && s[i] != '\t') { /* continuation lines: ignored */
            const char *colon = memchr(s + i, ':', end - i);
            if (colon) {
                size_t c = (size_t)(colon - s);
                fn(r, s, trim(s, i, c), trim(s, c + 1, end));
            }
        }
        i = end + 1;
    }
}

static void set_once(span *field, span value)
{
    if (field->len == 0)
        *field = value;
}

static void warc_header(record *r, const char *base, span name, span value)
{
    const char *nm = base + name.at;
    if (same_word(nm, name.len, "warc-type"))
        set_once(&r->type, value);
    else if (same_word(nm, name.len, "warc-target-uri"))
        set_once(&r->uri, value);
    else if (same_word(nm, name.len, "warc-date"))
        set_once(&r->date, value);
    else if (same_word(nm, name.len, "warc-record-id"))
        set_once(&r->id, value);
    else if (same_word(nm, name.len, "content-type"))
        set_once(&r->ctype, value);
    else if (same_word(nm, name.len, "content-length") && !r->length_seen) {
        uint64_t v = 0;
        bool ok = value.len > 0;
        for (size_t k = 0; ok && k < value.len; k++) {
            char c = base[value.at + k];
            ok = c >= '0' && c <= '9' && v <= (UINT64_MAX - 9) / 10;
            v = v * 10 + (uint64_t)(c - '0');
        }
        r->remaining = ok ? v : 0;
        r->length_seen = ok ? 1 : 2;
    }
}

static void http_header(record *r, const char *base, span name, span value)
{
    const char *nm = base + name.at;
    if (same_word(nm, name.len, "content-type"))
        set_once(&r->http_ctype, value);
    else if (same_word(nm, name.len, "transfer-encoding"))
        set_once(&r->te, value);
    else if (same_word(nm, name.len, "content-encoding"))
        set_once(&r->ce, value);
}

/* The WARC header block is whole: what to do with the block. */
static void read_warc_headers(ws_warc *w, uint64_t at)
{
    record *r = &w->rec;
    WARC_WORK(w, r->hdr.len);
    each_header(r, &r->hdr, warc_header);
    r->line_len = 0; /* the HTTP header block is scanned afresh */
    r->prev = 0;
    if (r->length_seen != 1) {
        fail_record(w, WS_ERR_WARC, msg_no_length, at);
        return;
    }
    const char *h = r->hdr.data;
    bool response = same_word(h + r->type.at, r->type.len, "response");
    bool resource = same_word(h + r->type.at, r->type.len, "resource");
    span media = media_type(h, r->ctype);
    bool http = media.len == 0 ||
                starts_with_word(h + media.at, media.len, "application/http");
    bool html = r->ctype.len && is_html_type(h, r->ctype);
    if (response && http) {
        w->state = R_HTTP;
        return;
    }
    w->state = R_DROP;
    if (!response && !resource) {
        verdict(r, WS_SKIPPED, WS_SKIP_NOT_RESPONSE, NULL);
    } else if (!html) {
        verdict(r, WS_SKIPPED, WS_SKIP_NOT_HTML, NULL);
    } else { /* an HTML resource (or response) record: the block is the page */
        r->page = true;
        r->charset = charset_param(h, r->ctype);
        r->charset_http = false;
        w->state = R_KEEP;
    }
}

/* The HTTP header block is whole (or the block ended first). */
static void read_http_headers(ws_warc *w)
{
    record *r = &w->rec;
    const char *s = r->http.data ? r->http.data : "";
    size_t n = r->http.len;
    WARC_WORK(w, 2 * n); /* the status line, then the header lines */
    w->state = R_DROP;
    /* "HTTP/1.1 200 OK" */
    size_t k = 0;
    if (!starts_with_word(s, n, "http/")) {
        verdict(r, WS_ERR_WARC, WS_SKIP_NONE, msg_no_status);
        return;
    }
    while (k < n && s[k] != ' ' && s[k] != '\n')
        k++;
    while (k < n && s[k] == ' ')
        k++;
    if (n - k < 3 || s[k] < '1' || s[k] > '5' || s[k + 1] < '0' || s[k + 1] > '9' ||
        s[k + 2] < '0' || s[k + 2] > '9') {
        verdict(r, WS_ERR_WARC, WS_SKIP_NONE, msg_no_status);
        return;
    }
    each_header(r, &r->http, http_header);
    if (s[k] != '2') {
        verdict(r, WS_SKIPPED, WS_SKIP_NOT_OK, NULL);
        return;
    }
    if (r->http_ctype.len && !is_html_type(s, r->http_ctype)) {
        verdict(r, WS_SKIPPED, WS_SKIP_NOT_HTML, NULL);
        return;
    }
    r->page = true;
    r->sniff = r->http_ctype.len == 0;
    r->charset = charset_param(s, r->http_ctype);
    r->charset_http = true;
    w->state = R_KEEP;
}

/* ===================================================================== */
/*  The record parser                                                    */
/* ===================================================================== */

/* Bytes up to and including the '\n' that ends the header block (a blank
 * line, CRLF or LF), or all n; *end says whether it was found. */
static size_t scan_header_block(record *r, const char *p, size_t n, bool *end)
{
    *end = false;
    for (size_t k = 0; k < n; k++) {
        char c = p[k];
        if (c == '\n') {
            if (r->line_len == 0 || (r->line_len == 1 && r->prev == '\r')) {
                *end = true;
                return k + 1;
            }
            r->line_len = 0;
        } else {
            r->line_len++;
        }
        r->prev = c;
    }
    return n;
}

/* How many of n more bytes a header block of held bytes may be scanned
 * for its end: one past the limit at most, which is enough to refuse it;
 * without the bound a stream with no blank line would be scanned to its
 * end for each record that starts in it. */
static size_t header_room(size_t held, size_t n)
{
    size_t room = held <= WS_WARC_MAX_HEADER ? WS_WARC_MAX_HEADER - held + 1 : 1;
    return n < room ? n : room;
}

static bool append(ws_warc *w, ws_buf *b, const char *p, size_t n)
{
    return ws_buf_append(&w->alloc, b, p, n);
}

static void begin_record(ws_warc *w, uint64_t dpos)
{
    uint64_t start = w->mode == MODE_GZIP ? w->member_start : dpos;
    reset_record(&w->rec, start, dpos);
    w->seg_records++;
    w->state = R_HEAD;
}

static const char warc_magic[] = "WARC/1.";
#define WARC_MAGIC_LEN 7

static size_t on_start(ws_warc *w, const char *p, size_t n, uint64_t at)
{
    size_t k = 0;
    while (k < n && (p[k] == '\r' || p[k] == '\n'))
        k++;
    if (k < n)
        begin_record(w, at + k);
    return k;
}

/* Note the header lines of p[0..n) (at offset at) that start "WARC/1.":
 * if the block proves too long, the last of them may begin a real record
 * whose header ends past the limit. */
static void note_inner_records(record *r, const char *p, size_t n, uint64_t at)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\n') {
            r->line_magic = 1;
        } else if (r->line_magic) {
            if (p[i] != warc_magic[r->line_magic - 1]) {
                r->line_magic = 0;
            } else if (++r->line_magic > WARC_MAGIC_LEN) {
                r->inner_start = at + i + 1 - WARC_MAGIC_LEN;
                r->line_magic = 0;
            }
        }
    }
}

/* A header block over the limit is refused whole: the bytes looked at are
 * used up. Were the resync to start again just after the version line,
 * each "WARC/1." line inside an endless block would begin a record
 * scanned up to the limit again: quadratic (tests/test_pathological_input.c,
 * "header blocks that never end"). In a plain stream reading goes back to
 * the last "WARC/1." line inside the block instead, when there is one: a
 * real record may start there whose header ends past the refused block
 * (the bytes are kept for it: keep_from). That stays linear: from one
 * refusal to the next after it the start moves on by about the limit. */
static void refuse_header(ws_warc *w, uint64_t at)
{
    fail_record(w, WS_ERR_TOO_LARGE, msg_header_large, at);
    w->rewind_pending = w->mode == MODE_PLAIN && w->rec.inner_start > w->rec.start &&
                        w->rec.inner_start >= w->in_base; /* kept: keep_from */
}

static ws_status on_head(ws_warc *w, const char *p, size_t n, uint64_t at, size_t *used)
{
    record *r = &w->rec;
    size_t k = 0;
    /* the version line, checked byte by byte so that a failure leaves the
     * byte that broke it for the resync to look at */
    while (r->hdr.len + k < WARC_MAGIC_LEN && k < n) {
        if (p[k] != warc_magic[r->hdr.len + k]) {
            if (k && !append(w, &r->hdr, p, k))
                return WS_ERR_NOMEM;
            fail_record(w, WS_ERR_WARC, msg_not_warc, at + k);
            *used = k;
            return WS_OK;
        }
        k++;
    }
    bool end = false;
    size_t line_len = r->line_len;
    char prev = r->prev;
    size_t look = header_room(r->hdr.len + k, n - k);
    size_t m = k + scan_header_block(r, p + k, look, &end);
    WARC_WORK(w, m);
    bool refused = r->hdr.len + m > WS_WARC_MAX_HEADER;
    if (!refused && !append(w, &r->hdr, p, m)) { /* the same bytes are scanned again */
        r->line_len = line_len;
        r->prev = prev;
        return WS_ERR_NOMEM;
    }
    if (w->mode == MODE_PLAIN) {
        note_inner_records(r, p + k, m - k, at + k);
        WARC_WORK(w, m - k);
    }
    *used = m;
    if (refused) {
        refuse_header(w, at + m);
        return WS_OK;
    }
    if (end)
        read_warc_headers(w, at + m);
    return WS_OK;
}

static ws_status on_http(ws_warc *w, const char *p, size_t n, size_t *used)
{
    record *r = &w->rec;
    size_t avail = r->remaining < n ? (size_t)r->remaining : n;
    bool end = false;
    size_t line_len = r->line_len;
    char prev = r->prev;
    size_t m = scan_header_block(r, p, header_room(r->http.len, avail), &end);
    WARC_WORK(w, m);
    if (r->http.len + m > WS_WARC_MAX_HEADER) {
        verdict(r, WS_ERR_TOO_LARGE, WS_SKIP_NONE, msg_http_large);
        w->state = R_DROP;
        *used = 0;
        return WS_OK;
    }
    if (!append(w, &r->http, p, m)) {
        r->line_len = line_len;
        r->prev = prev;
        return WS_ERR_NOMEM;
    }
    r->remaining -= m;
    *used = m;
    if (end || r->remaining == 0)
        read_http_headers(w);
    return WS_OK;
}

static ws_status on_keep(ws_warc *w, const char *p, size_t n, size_t *used)
{
    record *r = &w->rec;
    size_t m = r->remaining < n ? (size_t)r->remaining : n;
    if (!r->too_large && m > WS_WARC_MAX_DOCUMENT - r->payload.len) {
        r->too_large = true;
        verdict(r, WS_ERR_TOO_LARGE, WS_SKIP_NONE, msg_page_large);
        r->payload.len = 0;
    }
    if (!r->too_large && !append(w, &r->payload, p, m))
        return WS_ERR_NOMEM;
    r->remaining -= m;
    *used = m;
    return WS_OK;
}

static size_t on_trail(ws_warc *w, const char *p, size_t n, uint64_t at)
{
    record *r = &w->rec;
    size_t k = 0;
    while (k < n && r->trail < 4) {
        if (p[k] != "\r\n\r\n"[r->trail]) {
            fail_record(w, WS_ERR_WARC, msg_no_trailer, at + k);
            return k;
        }
        r->trail++;
        k++;
    }
    if (r->trail == 4) {
        if (w->mode == MODE_PLAIN) {
            emit_record(w, at + k - r->start);
            w->state = R_START;
        } else {
            w->state = R_DONE;
            w->match = 0;
            w->junk = false;
        }
    }
    return k;
}

/* gzip: a whole record, and more bytes in its member. Blank ones are
 * passed over; anything else is the next record of a member that holds
 * several, which none of them can be fetched alone from. */
static size_t on_done(ws_warc *w, const char *p, size_t n, uint64_t at)
{
    if (w->junk)
        return n;
    for (size_t k = 0; k < n; k++) {
        char c = p[k];
        if (w->match == 0 && (c == '\r' || c == '\n'))
            continue;
        if (c != warc_magic[w->match]) {
            /* not a record: the member holds this one and junk; the
             * record stands if the member ends cleanly */
            w->junk = true;
            return n;
        }
        if (++w->match == WARC_MAGIC_LEN) {
            emit_record(w, 0);
            w->match = 0;
            w->magic_pending = true;
            w->magic_at = at + k + 1 - WARC_MAGIC_LEN;
            w->state = R_START;
            return k + 1;
        }
    }
    return n;
}

/* A record whose "WARC/1." was read while looking for one: begin it with
 * those bytes. false when out of memory (nothing changed then). */
static bool begin_magic_record(ws_warc *w)
{
    record *r = &w->rec;
    if (!ws_grow(&w->alloc, (void **)&r->hdr.data, &r->hdr.cap, WARC_MAGIC_LEN + 1, 1))
        return false;
    begin_record(w, w->magic_at);
    append(w, &r->hdr, warc_magic, WARC_MAGIC_LEN);
    r->line_len = WARC_MAGIC_LEN;
    r->prev = '.';
    w->magic_pending = false;
    return true;
}

/* Uncompressed: look for a line that starts "WARC/1."; gzip: drop the
 * rest of the member. */
static size_t on_resync(ws_warc *w, const char *p, size_t n, uint64_t at)
{
    if (w->mode == MODE_GZIP)
        return n;
    if (w->resync_fresh) {
        w->line_start = w->last == '\n';
        w->resync_fresh = false;
    }
    for (size_t k = 0; k < n; k++) {
        char c = p[k];
        if (w->match > 0 || w->line_start) {
            if (c == warc_magic[w->match]) {
                w->line_start = false;
                if (++w->match == WARC_MAGIC_LEN) {
                    w->match = 0;
                    w->magic_pending = true;
                    w->magic_at = at + k + 1 - WARC_MAGIC_LEN;
                    w->state = R_START;
                    return k + 1;
                }
                continue;
            }
            w->match = 0;
        }
        w->line_start = c == '\n';
    }
    return n;
}

/* Parse bytes p[0..n), which start at decompressed offset w->dpos, until
 * they are used up or a result is ready. */
static ws_status parse(ws_warc *w, const char *p, size_t n, size_t *used_out)
{
    size_t used = 0;
    ws_status st = WS_OK;
    while (used < n && !w->ev.ready && !w->magic_pending && !w->rewind_pending &&
           st == WS_OK) {
        const char *q = p + used;
        size_t rem = n - used, k = 0;
        uint64_t at = w->dpos + used;
        record *r = &w->rec;
        switch (w->state) {
        case R_START: k = on_start(w, q, rem, at); break;
        case R_HEAD: st = on_head(w, q, rem, at, &k); break;
        case R_HTTP:
            if (r->remaining == 0)
                read_http_headers(w);
            else
                st = on_http(w, q, rem, &k);
            break;
        case R_KEEP:
        case R_DROP:
            if (r->remaining == 0) {
                w->state = R_TRAIL;
            } else if (w->state == R_KEEP) {
                st = on_keep(w, q, rem, &k);
            } else {
                k = r->remaining < rem ? (size_t)r->remaining : rem;
                r->remaining -= k;
            }
            break;
        case R_TRAIL: k = on_trail(w, q, rem, at); break;
        case R_DONE: k = on_done(w, q, rem, at); break;
        case R_RESYNC: k = on_resync(w, q, rem, at); break;
        }
        if (k) {
            used += k;
            w->last = q[k - 1];
        }
        WARC_WORK(w, k + 1);
    }
    w->dpos += used;
    *used_out = used;
    return st;
}

/* ===================================================================== */
/*  Segments: the end of a member, the end of an uncompressed stream     */
/* ===================================================================== */

static ws_status gzip_code(seg_end kind)
{
    return kind == SEG_NOMEM ? WS_ERR_NOMEM : WS_ERR_GZIP;
}

static const char *gzip_message(seg_end kind)
{
    return kind == SEG_NOMEM ? msg_gzip_nomem
           : kind == SEG_TRUNCATED ? msg_gzip_truncated
                                   : msg_gzip_corrupt;
}

/* After a damaged member: search for the next member from just after its
 * start, unless that ground was searched after earlier damage already
 * (so that no byte is searched more than twice). */
static void start_gzip_resync(ws_warc *w)
{
    uint64_t stopped = w->in_base + w->head;
    uint64_t from = stopped;
    if (w->member_start >= w->rescanned_to) {
        from = w->member_start + 1;
        if (from < w->in_base)
            from = w->in_base;
        w->rescanned_to = stopped;
    }
    if (from > stopped)
        from = stopped;
    w->head = (size_t)(from - w->in_base);
    w->scanning = true;
}

static void end_member(ws_warc *w, seg_end kind)
{
    uint64_t extent = kind == SEG_CLEAN ? w->member_end - w->member_start : 0;
    uint64_t length = w->seg_records == 1 ? extent : 0;
    switch (w->state) {
    case R_START:
        if (kind != SEG_CLEAN) {
            reset_record(&w->rec, w->member_start, w->dpos);
            emit(w, gzip_code(kind), WS_SKIP_NONE, gzip_message(kind), 0);
        }
        break;
    case R_DONE:
        if (kind == SEG_CLEAN)
            emit_record(w, length);
        else
            emit(w, gzip_code(kind), WS_SKIP_NONE, gzip_message(kind), 0);
        break;
    case R_RESYNC: /* damage in the member explains a broken record best */
        if (kind == SEG_CLEAN)
            emit(w, w->pending_code, WS_SKIP_NONE, w->pending_msg, length);
        else
            emit(w, gzip_code(kind), WS_SKIP_NONE, gzip_message(kind), 0);
        break;
    default: /* in the middle of a record */
        if (kind == SEG_CLEAN)
            emit(w, WS_ERR_WARC, WS_SKIP_NONE, msg_past_member, length);
        else
            emit(w, gzip_code(kind), WS_SKIP_NONE, gzip_message(kind), 0);
        break;
    }
    w->state = R_START;
    w->seg_records = 0;
    w->in_member = false;
    w->match = 0;
    w->junk = false;
    if (kind != SEG_CLEAN)
        start_gzip_resync(w);
}

/* The end of an uncompressed stream: false when there is nothing more. */
static bool end_plain(ws_warc *w)
{
    if (w->state == R_START || w->state == R_RESYNC)
        return false;
    emit(w, WS_ERR_WARC, WS_SKIP_NONE, msg_truncated, w->dpos - w->rec.start);
    w->state = R_START;
    return true;
}

/* ===================================================================== */
/*  gzip members                                                         */
/* ===================================================================== */

/* 1: p[0..n) starts a gzip member; 0: it cannot; -1: too few bytes to
 * tell. strict (when searching after damage) also wants sane XFL and OS
 * bytes, so that compressed data is seldom mistaken for a header. */
static int member_header(const unsigned char *p, size_t n, bool strict)
{
    static const unsigned char magic[3] = {0x1f, 0x8b, 0x08};
    size_t need = strict ? 10 : 4;
    for (size_t k = 0; k < need; k++) {
        if (k >= n)
            return -1;
        if (k < 3 && p[k] != magic[k])
            return 0;
        if (k == 3 && (p[k] & 0xE0))
            return 0;
        if (k == 8 && p[k] != 0 && p[k] != 2 && p[k] != 4)
            return 0;
        if (k == 9 && p[k] > 13 && p[k] != 255)
            return 0;
    }
    return 1;
}

typedef enum step { STEP_PROGRESS, STEP_NEED_INPUT, STEP_END } step;

static void open_member(ws_warc *w)
{
    inflateReset(&w->z);
    w->in_member = true;
    w->member_start = w->in_base + w->head;
    w->seg_records = 0;
    w->state = R_START;
}

/* Search for the next member header after damage or garbage. */
static step scan_for_member(ws_warc *w)
{
    const unsigned char *d = (const unsigned char *)w->in.data;
    while (w->head < w->in.len) {
        const unsigned char *hit = memchr(d + w->head, 0x1f, w->in.len - w->head);
        if (!hit) {
            WARC_WORK(w, w->in.len - w->head);
            w->head = w->in.len;
            break;
        }
        WARC_WORK(w, (size_t)(hit - d) - w->head + 1);
        w->head = (size_t)(hit - d);
        int h = member_header(hit, w->in.len - w->head, true);
        if (h == 1) {
            w->scanning = false;
            open_member(w);
            return STEP_PROGRESS;
        }
        if (h < 0 && !w->finished)
            return STEP_NEED_INPUT;
        w->head++;
    }
    return w->finished ? STEP_END : STEP_NEED_INPUT;
}

/* Between members: the next one, the end, or bytes that are not gzip. */
static step at_boundary(ws_warc *w)
{
    if (w->scanning)
        return scan_for_member(w);
    size_t avail = w->in.len - w->head;
    if (avail == 0)
        return w->finished ? STEP_END : STEP_NEED_INPUT;
    int h = member_header((const unsigned char *)w->in.data + w->head, avail, false);
    if (h < 0 && !w->finished)
        return STEP_NEED_INPUT;
    if (h == 1) {
        open_member(w);
        return STEP_PROGRESS;
    }
    reset_record(&w->rec, w->in_base + w->head, w->dpos);
    emit(w, WS_ERR_GZIP, WS_SKIP_NONE, msg_gzip_garbage, 0);
    w->scanning = true;
    w->head++;
    return STEP_PROGRESS;
}

static step inflate_some(ws_warc *w)
{
    size_t avail = w->in.len - w->head;
    if (avail == 0) {
        if (!w->finished)
            return STEP_NEED_INPUT;
        w->seg_pending = true;
        w->seg_kind = SEG_TRUNCATED;
        return STEP_PROGRESS;
    }
    z_stream *z = &w->z;
    uInt give = avail > UINT32_MAX ? UINT32_MAX : (uInt)avail;
    z->next_in = (Bytef *)w->in.data + w->head;
    z->avail_in = give;
    z->next_out = w->out;
    z->avail_out = (uInt)INFLATE_WINDOW;
    int ret = inflate(z, Z_NO_FLUSH);
    w->head += give - z->avail_in;
    w->out_head = 0;
    w->out_len = INFLATE_WINDOW - z->avail_out;
    WARC_WORK(w, (give - z->avail_in) + w->out_len + 1);
    if (ret == Z_BUF_ERROR && z->avail_in == give && w->out_len == 0)
        ret = Z_DATA_ERROR; /* no progress with input and room: never loop */
    if (ret == Z_STREAM_END) {
        w->member_end = w->in_base + w->head;
        w->seg_pending = true;
        w->seg_kind = SEG_CLEAN;
    } else if (ret == Z_MEM_ERROR) {
        w->seg_pending = true;
        w->seg_kind = SEG_NOMEM;
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
        w->seg_pending = true;
        w->seg_kind = SEG_CORRUPT;
    }
    return STEP_PROGRESS;
}

static step gzip_step(ws_warc *w)
{
    if (!w->in_member)
        return at_boundary(w);
    return inflate_some(w);
}

/* ===================================================================== */
/*  Taking results                                                       */
/* ===================================================================== */

/* Decide gzip or not from the first two bytes: false until it can. */
static bool sniff(ws_warc *w)
{
    size_t avail = w->in.len - w->head;
    if (avail < 2 && !w->finished)
        return false;
    w->mode = MODE_PLAIN;
    if (avail >= 2) {
        const unsigned char *d = (const unsigned char *)w->in.data + w->head;
        if (d[0] == 0x1f && d[1] == 0x8b)
            w->mode = MODE_GZIP;
    }
    return true;
}

static ws_status nomem(ws_warc *w, ws_error *err)
{
    ws_set_error(err, WS_ERR_NOMEM, msg_nomem, (size_t)w->rec.start);
    return WS_ERR_NOMEM;
}

/* Back to the last "WARC/1." line inside a refused header block (kept
 * by keep_from); the resync finds the record there. */
static void rewind_to_inner_record(ws_warc *w)
{
    w->rewind_pending = false;
    w->head = (size_t)(w->rec.inner_start - w->in_base);
    w->dpos = w->rec.inner_start;
    w->last = '\n';
}

static ws_status next_plain(ws_warc *w, ws_document *doc, ws_error *err)
{
    for (;;) {
        if (w->ev.ready)
            return take_event(w, doc, err);
        if (w->magic_pending && !begin_magic_record(w))
            return nomem(w, err);
        size_t avail = w->in.len - w->head;
        if (avail) {
            size_t used;
            ws_status st = parse(w, w->in.data + w->head, avail, &used);
            w->head += used;
            if (w->rewind_pending)
                rewind_to_inner_record(w);
            if (st == WS_ERR_NOMEM)
                return nomem(w, err);
            continue;
        }
        if (!w->finished)
            return WS_NEED_INPUT;
        if (!end_plain(w)) {
            w->done = true;
            return WS_DONE;
        }
    }
}

static ws_status next_gzip(ws_warc *w, ws_document *doc, ws_error *err)
{
    for (;;) {
        if (w->ev.ready)
            return take_event(w, doc, err);
        if (w->magic_pending && !begin_magic_record(w))
            return nomem(w, err);
        if (w->out_head < w->out_len) {
            size_t used;
            ws_status st = parse(w, (const char *)w->out + w->out_head,
                                 w->out_len - w->out_head, &used);
            w->out_head += used;
            if (st == WS_ERR_NOMEM)
                return nomem(w, err);
            continue;
        }
        if (w->seg_pending) {
            w->seg_pending = false;
            end_member(w, w->seg_kind);
            continue;
        }
        step s = gzip_step(w);
        if (s == STEP_NEED_INPUT)
            return WS_NEED_INPUT;
        if (s == STEP_END) {
            w->done = true;
            return WS_DONE;
        }
    }
}

ws_status ws_warc_next(ws_warc *w, ws_document *doc, ws_error *err)
{
    WARC_WORK(w, 1);
    if (w->done)
        return WS_DONE;
    if (w->mode == MODE_UNKNOWN && !sniff(w))
        return WS_NEED_INPUT;
    return w->mode == MODE_GZIP ? next_gzip(w, doc, err) : next_plain(w, doc, err);
}
