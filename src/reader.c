/*
 * Input: documents from a byte stream, as plain text or as JSONL (an HTML
 * page is read whole, as text is; a WARC archive is read by warc.c, to
 * which every call on a WS_INPUT_WARC reader is handed on).
 *
 * The bytes fed and not yet taken live in one buffer, in.data[head..len).
 * ws_reader_next takes whole lines from its front; ws_reader_feed appends
 * at its back and first moves the live bytes to the front once the taken
 * ones outnumber them, so every byte is moved at most once on average and
 * the buffer stays within twice the bytes not yet taken.
 *
 * A JSONL line that grows past the line limit is never buffered whole:
 * feed drops the part it holds, records a "dropped line" in its place and
 * discards the rest of the line as it arrives. next reports that line as
 * WS_ERR_TOO_LARGE when it reaches it, so the documents and errors come
 * out in stream order however the stream was cut.
 */
#include "internal.h"
#include "warc.h"

/* The limits come from limits.h; tests/test_reader.c compiles this file a
 * second time with small ones so that over-long input can be tried without
 * feeding half a gigabyte. */
#ifndef WS_READER_MAX_LINE
#define WS_READER_MAX_LINE WS_MAX_LINE_BYTES
#endif
#ifndef WS_READER_MAX_DOCUMENT
#define WS_READER_MAX_DOCUMENT WS_MAX_DOCUMENT_BYTES
#endif

/* ===================================================================== */
/*  The reader                                                           */
/* ===================================================================== */

/* An over-long JSONL line, cut out of the buffer. It stood at `at` (a line
 * start in the buffer) and covers `dropped` bytes of the stream. */
typedef struct dropped_line {
    size_t at;
    size_t dropped;
    bool closed; /* its '\n' has arrived */
} dropped_line;

struct ws_reader {
    ws_allocator alloc;
    ws_input_format format;

    ws_buf in;       /* in.data[head..in.len): fed, not yet taken */
    size_t head;     /* start of the next line */
    size_t scanned;  /* in.data[head..scanned) holds no '\n' */
    size_t base;     /* stream offset of in.data[head] is base + head */
    size_t line;     /* 1-based number of the line at head */
    size_t fed;      /* bytes accepted so far */

    size_t open_len; /* bytes of the unfinished last line, dropped included */
    bool skipping;   /* discarding the rest of an over-long line or text */

    dropped_line *drops; /* drops[first_drop..n_drops), in stream order */
    size_t first_drop, n_drops, cap_drops;

    bool finished;   /* ws_reader_finish was called */
    bool done;       /* WS_DONE was returned */

    ws_buf text, id, key, title; /* the decoded fields of the current line */

    ws_warc *warc;   /* WS_INPUT_WARC: the WARC stage does the work */

    uint64_t work;   /* units of work: each byte copied, moved, scanned or
                        parsed, and each call (ws_reader_work) */
};

#define READER_WORK(r, n) ((r)->work += (uint64_t)(n))

static const char msg_nomem[] = "out of memory";
static const char msg_line_too_long[] =
    "line longer than WS_MAX_LINE_BYTES (512 MiB)";
static const char msg_text_too_long[] =
    "document longer than WS_MAX_DOCUMENT_BYTES (256 MiB)";

ws_reader *ws_reader_new(ws_input_format format, const ws_allocator *alloc)
{
    if (format != WS_INPUT_TEXT && format != WS_INPUT_JSONL &&
        format != WS_INPUT_HTML && format != WS_INPUT_WARC)
        return NULL;
    ws_allocator a = ws_alloc_resolve(alloc);
    ws_reader *r = ws_malloc(&a, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->alloc = a;
    r->format = format;
    r->line = 1;
    if (format == WS_INPUT_WARC) {
        r->warc = ws_warc_new(&r->alloc);
        if (!r->warc) {
            ws_free(&a, r);
            return NULL;
        }
    }
    return r;
}

void ws_reader_free(ws_reader *r)
{
    if (!r)
        return;
    ws_allocator a = r->alloc;
    ws_buf_free(&a, &r->in);
    ws_buf_free(&a, &r->text);
    ws_buf_free(&a, &r->id);
    ws_buf_free(&a, &r->key);
    ws_buf_free(&a, &r->title);
    ws_free(&a, r->drops);
    ws_warc_free(r->warc);
    ws_free(&a, r);
}

void ws_reader_finish(ws_reader *r)
{
    if (r) {
        r->finished = true;
        if (r->warc)
            ws_warc_finish(r->warc);
    }
}

static void set_reader_error(ws_error *err, ws_status code, const char *msg,
                             size_t pos, size_t line)
{
    ws_set_error(err, code, msg, pos);
    if (err)
        err->line = line;
}

/* ===================================================================== */
/*  Feeding                                                              */
/* ===================================================================== */

/* Move the live bytes to the front once the taken ones outnumber them:
 * the cost of a move is paid for by the bytes taken since the last. */
static void compact(ws_reader *r)
{
    size_t shift = r->head;
    size_t live = r->in.len - shift;
    if (shift == 0 || shift < live)
        return;
    if (live)
        memmove(r->in.data, r->in.data + shift, live);
    READER_WORK(r, live + (r->n_drops - r->first_drop));
    r->in.len = live;
    r->base += shift;
    r->scanned -= shift;
    r->head = 0;
    for (size_t k = r->first_drop; k < r->n_drops; k++)
        r->drops[k].at -= shift;
}

static bool reserve_input(ws_reader *r, size_t need)
{
    return ws_grow(&r->alloc, (void **)&r->in.data, &r->in.cap, need, 1);
}

static bool reserve_drops(ws_reader *r, size_t more)
{
    if (r->first_drop == r->n_drops)
        r->first_drop = r->n_drops = 0;
    return ws_grow(&r->alloc, (void **)&r->drops, &r->cap_drops,
                   r->n_drops + more, sizeof *r->drops);
}

/* Text: the whole stream is one document. Past the limit its bytes are
 * let go, and next reports the document as too large. */
static ws_status feed_text(ws_reader *r, const char *data, size_t len,
                           ws_error *err)
{
    if (r->skipping)
        return WS_OK;
    if (len > WS_READER_MAX_DOCUMENT - r->in.len) {
        ws_buf_free(&r->alloc, &r->in);
        r->skipping = true;
        return WS_OK;
    }
    if (!reserve_input(r, r->in.len + len)) {
        set_reader_error(err, WS_ERR_NOMEM, msg_nomem, r->fed, 0);
        return WS_ERR_NOMEM;
    }
    memcpy(r->in.data + r->in.len, data, len);
    r->in.len += len;
    READER_WORK(r, len);
    return WS_OK;
}

/* The length of the unfinished line after appending data, which holds no
 * over-long line: only its tail after the last '\n' matters. */
static size_t open_length_after(size_t open_len, const char *data, size_t len)
{
    size_t i = len;
    while (i > 0 && data[i - 1] != '\n')
        i--;
    return i > 0 ? len - i : open_len + len;
}

/* The common case: no line in data can reach the limit. */
static ws_status append_lines(ws_reader *r, const char *data, size_t len,
                              ws_error *err)
{
    if (!reserve_input(r, r->in.len + len)) {
        set_reader_error(err, WS_ERR_NOMEM, msg_nomem, r->fed, 0);
        return WS_ERR_NOMEM;
    }
    memcpy(r->in.data + r->in.len, data, len);
    r->in.len += len;
    r->open_len = open_length_after(r->open_len, data, len);
    READER_WORK(r, 2 * len); /* the copy, then the look back for a '\n' */
    return WS_OK;
}

/* What feeding data with drops needs: walk_feed runs once to count, so
 * that every allocation happens before the reader changes, then once to
 * apply, which cannot fail. */
typedef struct feed_walk {
    bool apply;
    size_t len, open_len, scanned; /* the reader's, as the walk goes */
    bool skipping;
    size_t peak;  /* largest in.len reached */
    size_t drops; /* dropped lines begun */
} feed_walk;

static void walk_skip(ws_reader *r, feed_walk *w, const char *p, size_t rem,
                      size_t *used)
{
    const char *nl = memchr(p, '\n', rem);
    size_t n = nl ? (size_t)(nl - p) + 1 : rem;
    if (w->apply) {
        dropped_line *d = &r->drops[r->n_drops - 1];
        d->dropped += n;
        d->closed = nl != NULL;
    }
    if (nl) {
        w->skipping = false;
        w->open_len = 0;
    }
    *used = n;
}

/* The open line, with open_len bytes in the buffer and `look` more in
 * data, has no '\n' and passes the limit: cut it out, skip the rest. */
static void walk_drop(ws_reader *r, feed_walk *w, size_t look)
{
    w->len -= w->open_len;
    if (w->scanned > w->len)
        w->scanned = w->len;
    if (w->apply) {
        dropped_line *d = &r->drops[r->n_drops++];
        d->at = w->len;
        d->dropped = w->open_len + look;
        d->closed = false;
    }
    w->drops++;
    w->skipping = true;
    w->open_len = 0;
}

static void walk_keep(ws_reader *r, feed_walk *w, const char *p, size_t rem,
                      size_t *used)
{
    size_t room = WS_READER_MAX_LINE - w->open_len;
    size_t look = rem < room + 1 ? rem : room + 1;
    const char *nl = memchr(p, '\n', look);
    if (!nl && rem > room) {
        walk_drop(r, w, look);
        *used = look;
        return;
    }
    size_t n = nl ? (size_t)(nl - p) + 1 : rem;
    if (w->apply)
        memcpy(r->in.data + w->len, p, n);
    w->len += n;
    w->open_len = nl ? 0 : w->open_len + n;
    if (w->len > w->peak)
        w->peak = w->len;
    *used = n;
}

static void walk_feed(ws_reader *r, feed_walk *w, const char *data, size_t len)
{
    w->len = r->in.len;
    w->open_len = r->open_len;
    w->scanned = r->scanned;
    w->skipping = r->skipping;
    w->peak = r->in.len;
    w->drops = 0;
    for (size_t i = 0, used = 0; i < len; i += used) {
        if (w->skipping)
            walk_skip(r, w, data + i, len - i, &used);
        else
            walk_keep(r, w, data + i, len - i, &used);
        READER_WORK(r, used + 1);
    }
    if (w->apply) {
        r->in.len = w->len;
        r->open_len = w->open_len;
        r->scanned = w->scanned;
        r->skipping = w->skipping;
    }
}

static ws_status feed_with_drops(ws_reader *r, const char *data, size_t len,
                                 ws_error *err)
{
    feed_walk w = {.apply = false};
    walk_feed(r, &w, data, len);
    if (!reserve_input(r, w.peak) || !reserve_drops(r, w.drops)) {
        set_reader_error(err, WS_ERR_NOMEM, msg_nomem, r->fed, 0);
        return WS_ERR_NOMEM;
    }
    w.apply = true;
    walk_feed(r, &w, data, len);
    return WS_OK;
}

static ws_status feed_jsonl(ws_reader *r, const char *data, size_t len,
                            ws_error *err)
{
    compact(r);
    if (!r->skipping && len <= WS_READER_MAX_LINE - r->open_len)
        return append_lines(r, data, len, err);
    return feed_with_drops(r, data, len, err);
}

ws_status ws_reader_feed(ws_reader *r, const char *data, size_t len, ws_error *err)
{
    if (!r || (!data && len)) {
        set_reader_error(err, WS_ERR_INVALID_ARG, "NULL reader or data", 0, 0);
        return WS_ERR_INVALID_ARG;
    }
    if (r->finished) {
        set_reader_error(err, WS_ERR_INVALID_ARG,
                         "ws_reader_feed after ws_reader_finish", r->fed, 0);
        return WS_ERR_INVALID_ARG;
    }
    READER_WORK(r, 1);
    if (len == 0)
        return WS_OK;
    if (len > SIZE_MAX - r->fed) {
        set_reader_error(err, WS_ERR_TOO_LARGE, "stream longer than SIZE_MAX",
                         r->fed, 0);
        return WS_ERR_TOO_LARGE;
    }
    ws_status st;
    if (r->warc)
        st = ws_warc_feed(r->warc, data, len, err);
    else if (r->format == WS_INPUT_JSONL)
        st = feed_jsonl(r, data, len, err);
    else
        st = feed_text(r, data, len, err);
    if (st == WS_OK)
        r->fed += len;
    return st;
}

/* ===================================================================== */
/*  JSON: a strict RFC 8259 parser for one line                          */
/* ===================================================================== */

typedef struct json {
    ws_reader *r;
    const char *s;
    size_t n, i;
    const char *error; /* the first problem found, or NULL */
    size_t error_at;   /* its index in s */
    bool nomem;
} json;

/* Which of the fields that matter the object has given so far. */
typedef struct fields {
    bool text, id, id_value; /* id_value: an id other than null */
    bool title;              /* a string "title" was read */
} fields;

static bool json_fail_at(json *j, size_t at, const char *msg)
{
    if (!j->error && !j->nomem) {
        j->error = msg;
        j->error_at = at;
    }
    return false;
}

static bool json_fail(json *j, const char *msg)
{
    return json_fail_at(j, j->i, msg);
}

static bool json_append(json *j, ws_buf *out, const char *s, size_t n)
{
    if (!out || n == 0)
        return true;
    if (!ws_buf_append(&j->r->alloc, out, s, n)) {
        j->nomem = true;
        return false;
    }
    return true;
}

static int json_peek(const json *j)
{
    return j->i < j->n ? (unsigned char)j->s[j->i] : -1;
}

static void skip_ws(json *j)
{
    while (j->i < j->n) {
        char c = j->s[j->i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return;
        j->i++;
    }
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* ---- strings -------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits at s[at..at+4) as a code unit, or -1. */
static long hex4(const json *j, size_t at)
{
    if (at > j->n || j->n - at < 4)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hex_value(j->s[at + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* j->i is on the 'u' of "\uXXXX". A high surrogate takes the low one of a
 * following "\uXXXX" with it; a surrogate without its partner stands for
 * U+FFFD, as the text around it is still worth reading. */
static bool parse_unicode_escape(json *j, ws_buf *out)
{
    long unit = hex4(j, j->i + 1);
    if (unit < 0)
        return json_fail_at(j, j->i - 1, "invalid \\u escape in string");
    j->i += 5;
    uint32_t cp = (uint32_t)unit;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
        long low = -1;
        if (j->i + 1 < j->n && j->s[j->i] == '\\' && j->s[j->i + 1] == 'u')
            low = hex4(j, j->i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + (((uint32_t)unit - 0xD800) << 10) + ((uint32_t)low - 0xDC00);
            j->i += 6;
        } else {
            cp = 0xFFFD;
        }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        cp = 0xFFFD;
    }
    char utf8[4];
    return json_append(j, out, utf8, utf8_encode(cp, utf8));
}

/* j->i is on a backslash, which is not the last byte. */
static bool parse_escape(json *j, ws_buf *out)
{
    j->i++;
    char c;
    switch (j->s[j->i]) {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u': return parse_unicode_escape(j, out);
    default: return json_fail_at(j, j->i - 1, "invalid escape in string");
    }
    j->i++;
    return json_append(j, out, &c, 1);
}

/* j->i is on the opening quote. The string, decoded, is appended to out
 * (when not NULL); raw bytes, valid UTF-8 or not, are copied as they are. */
static bool parse_string(json *j, ws_buf *out)
{
    size_t open = j->i++;
    for (;;) {
        size_t run = j->i;
        j->i = ws_json_plain_end(j->s, j->i, j->n, false);
        if (!json_append(j, out, j->s + run, j->i - run))
            return false;
        if (j->i == j->n)
            return json_fail_at(j, open, "unterminated string");
        char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return true;
        }
        if (c != '\\')
            return json_fail(j, "unescaped control character in string");
        if (j->i + 1 == j->n)
            return json_fail_at(j, open, "unterminated string");
        if (!parse_escape(j, out))
            return false;
    }
}

/* ---- numbers and literals ------------------------------------------- */

static void skip_digits(json *j)
{
    while (is_digit(json_peek(j)))
        j->i++;
}

static bool parse_number(json *j)
{
    if (json_peek(j) == '-')
        j->i++;
    if (json_peek(j) == '0')
        j->i++;
    else if (is_digit(json_peek(j)))
        skip_digits(j);
    else
        return json_fail(j, "invalid number");
    if (json_peek(j) == '.') {
        j->i++;
        if (!is_digit(json_peek(j)))
            return json_fail(j, "invalid number: no digit after '.'");
        skip_digits(j);
    }
    if (json_peek(j) == 'e' || json_peek(j) == 'E') {
        j->i++;
        if (json_peek(j) == '+' || json_peek(j) == '-')
            j->i++;
        if (!is_digit(json_peek(j)))
            return json_fail(j, "invalid number: no digit in the exponent");
        skip_digits(j);
    }
    return true;
}

static bool parse_literal(json *j, const char *word, size_t len)
{
    if (j->n - j->i < len || memcmp(j->s + j->i, word, len) != 0)
        return json_fail(j, "expected a JSON value");
    j->i += len;
    return true;
}

/* ---- values, arrays, objects ---------------------------------------- */

static bool parse_value(json *j, size_t depth);
static bool parse_object(json *j, size_t depth, fields *top);

static bool check_depth(json *j, size_t depth)
{
    if (depth > WS_MAX_JSON_DEPTH)
        return json_fail(j, "nesting deeper than WS_MAX_JSON_DEPTH (64)");
    return true;
}

/* j->i is on '['. */
static bool parse_array(json *j, size_t depth)
{
    if (!check_depth(j, depth))
        return false;
    j->i++;
    skip_ws(j);
    if (json_peek(j) == ']') {
        j->i++;
        return true;
    }
    for (;;) {
        if (!parse_value(j, depth + 1))
            return false;
        skip_ws(j);
        int c = json_peek(j);
        j->i++;
        if (c == ']')
            return true;
        if (c != ',') {
            j->i--;
            return json_fail(j, "expected ',' or ']' after a value");
        }
        skip_ws(j);
    }
}

/* A value nested at depth (the line's object is depth 1), skipped. */
static bool parse_value(json *j, size_t depth)
{
    switch (json_peek(j)) {
    case '{': return parse_object(j, depth, NULL);
    case '[': return parse_array(j, depth);
    case '"': return parse_string(j, NULL);
    case 't': return parse_literal(j, "true", 4);
    case 'f': return parse_literal(j, "false", 5);
    case 'n': return parse_literal(j, "null", 4);
    default: break;
    }
    if (json_peek(j) == '-' || is_digit(json_peek(j)))
        return parse_number(j);
    return json_fail(j, "expected a JSON value");
}

static bool key_is(const ws_buf *key, const char *name)
{
    size_t n = strlen(name);
    return key->len == n && memcmp(key->data, name, n) == 0;
}

static bool parse_text_field(json *j, fields *f)
{
    if (f->text)
        return json_fail(j, "duplicate \"text\" field");
    if (json_peek(j) != '"')
        return json_fail(j, "\"text\" is not a string");
    f->text = true;
    return parse_string(j, &j->r->text);
}

/* The id is a string (decoded) or a number (as written); null means none. */
static bool parse_id_field(json *j, fields *f)
{
    if (f->id)
        return json_fail(j, "duplicate \"id\" field");
    f->id = true;
    int c = json_peek(j);
    if (c == '"') {
        f->id_value = true;
        return parse_string(j, &j->r->id);
    }
    if (c == '-' || is_digit(c)) {
        size_t start = j->i;
        f->id_value = true;
        return parse_number(j) &&
               json_append(j, &j->r->id, j->s + start, j->i - start);
    }
    if (c == 'n')
        return parse_literal(j, "null", 4);
    return json_fail(j, "\"id\" is not a string or a number");
}

/* A string "title" is kept for the HTML view; anything else there, or a
 * second one, is read and ignored, as an unknown field is (a title is
 * never a reason to refuse a document). */
static bool parse_title_field(json *j, size_t depth, fields *f)
{
    if (f->title || json_peek(j) != '"')
        return parse_value(j, depth + 1);
    f->title = true;
    return parse_string(j, &j->r->title);
}

/* One "key": value member; top is NULL inside values that are skipped. */
static bool parse_member(json *j, size_t depth, fields *top)
{
    if (json_peek(j) != '"')
        return json_fail(j, "expected a string key");
    ws_buf *key = top ? &j->r->key : NULL;
    if (key)
        key->len = 0;
    if (!parse_string(j, key))
        return false;
    skip_ws(j);
    if (json_peek(j) != ':')
        return json_fail(j, "expected ':' after object key");
    j->i++;
    skip_ws(j);
    if (top && key_is(key, "text"))
        return parse_text_field(j, top);
    if (top && key_is(key, "id"))
        return parse_id_field(j, top);
    if (top && key_is(key, "title"))
        return parse_title_field(j, depth, top);
    return parse_value(j, depth + 1);
}

/* j->i is on '{'. */
static bool parse_object(json *j, size_t depth, fields *top)
{
    if (!check_depth(j, depth))
        return false;
    j->i++;
    skip_ws(j);
    if (json_peek(j) == '}') {
        j->i++;
        return true;
    }
    for (;;) {
        if (!parse_member(j, depth, top))
            return false;
        skip_ws(j);
        int c = json_peek(j);
        j->i++;
        if (c == '}')
            return true;
        if (c != ',') {
            j->i--;
            return json_fail(j, "expected ',' or '}' after a value");
        }
        skip_ws(j);
    }
}

/* The line s[0..n) as one object with a "text" string. A byte-order mark
 * may open the stream (line 1), as some editors on Windows write one. */
static bool parse_line_object(json *j, size_t line, fields *f)
{
    if (line == 1 && j->n >= 3 && memcmp(j->s, "\xEF\xBB\xBF", 3) == 0)
        j->i = 3;
    skip_ws(j);
    size_t open = j->i;
    if (json_peek(j) != '{')
        return json_fail(j, "the line is not a JSON object");
    if (!parse_object(j, 1, f))
        return false;
    skip_ws(j);
    if (j->i < j->n)
        return json_fail(j, "trailing characters after the object");
    if (!f->text)
        return json_fail_at(j, open, "missing \"text\" field");
    if (j->r->text.len > WS_READER_MAX_DOCUMENT)
        return json_fail_at(j, open, msg_text_too_long);
    return true;
}

/* ===================================================================== */
/*  Taking documents                                                     */
/* ===================================================================== */

/* A line is blank when it holds only JSON whitespace ('\r' included, for
 * CRLF streams); blank lines are skipped, as most JSONL tools do. */
static bool is_blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
            return false;
    return true;
}

static ws_status parse_document(ws_reader *r, const char *s, size_t n,
                                 ws_document *doc, ws_error *err)
{
    size_t origin = r->base + r->head;
    json j = {.r = r, .s = s, .n = n};
    fields f = {0};
    READER_WORK(r, 2 * n); /* each byte read once, written once at most */
    r->text.len = r->id.len = r->title.len = 0;
    if (!parse_line_object(&j, r->line, &f)) {
        if (j.nomem) {
            set_reader_error(err, WS_ERR_NOMEM, msg_nomem, origin, r->line);
            return WS_ERR_NOMEM;
        }
        ws_status code = j.error == msg_text_too_long ? WS_ERR_TOO_LARGE : WS_ERR_JSON;
        set_reader_error(err, code, j.error, origin + j.error_at, r->line);
        return code;
    }
    doc->id = f.id_value ? (r->id.data ? r->id.data : "") : NULL;
    doc->id_len = f.id_value ? r->id.len : 0;
    doc->text = r->text.data ? r->text.data : "";
    doc->text_len = r->text.len;
    if (f.title && r->title.len) {
        doc->title.ptr = r->title.data;
        doc->title.len = r->title.len;
    }
    doc->line = r->line;
    doc->offset = origin;
    return WS_OK;
}

/* Where the line at head ends (its '\n', or the end of the stream), or
 * false when it has not all arrived. The scan resumes where the last one
 * stopped, so a line fed a byte at a time is still scanned once. */
static bool find_line_end(ws_reader *r, size_t *end)
{
    if (r->scanned < r->head)
        r->scanned = r->head;
    size_t from = r->scanned;
    const char *nl = NULL;
    if (from < r->in.len)
        nl = memchr(r->in.data + from, '\n', r->in.len - from);
    if (nl) {
        *end = (size_t)(nl - r->in.data);
        READER_WORK(r, *end - from + 1);
        return true;
    }
    READER_WORK(r, r->in.len - from);
    r->scanned = r->in.len;
    *end = r->in.len;
    return r->finished;
}

static void take_line(ws_reader *r, size_t end)
{
    r->head = end < r->in.len ? end + 1 : end;
    r->scanned = r->head;
    r->line++;
}

static dropped_line *drop_at_head(ws_reader *r)
{
    if (r->first_drop == r->n_drops || r->drops[r->first_drop].at != r->head)
        return NULL;
    return &r->drops[r->first_drop];
}

static ws_status take_drop(ws_reader *r, dropped_line *d, ws_error *err)
{
    size_t origin = r->base + r->head;
    set_reader_error(err, WS_ERR_TOO_LARGE, msg_line_too_long,
                     origin + WS_READER_MAX_LINE, r->line);
    r->base += d->dropped;
    r->first_drop++;
    r->line++;
    return WS_ERR_TOO_LARGE;
}

static ws_status next_jsonl(ws_reader *r, ws_document *doc, ws_error *err)
{
    for (;;) {
        dropped_line *d = drop_at_head(r);
        if (d) {
            if (!d->closed && !r->finished)
                return WS_NEED_INPUT;
            return take_drop(r, d, err);
        }
        size_t end;
        if (!find_line_end(r, &end))
            return WS_NEED_INPUT;
        if (r->head == r->in.len && end == r->in.len) {
            r->done = true;
            return WS_DONE;
        }
        const char *s = r->in.data + r->head;
        size_t n = end - r->head;
        READER_WORK(r, n + 1);
        if (is_blank(s, n)) {
            take_line(r, end);
            continue;
        }
        ws_status st = parse_document(r, s, n, doc, err);
        if (st != WS_ERR_NOMEM) /* kept otherwise, to be tried again */
            take_line(r, end);
        return st;
    }
}

static ws_status next_text(ws_reader *r, ws_document *doc, ws_error *err)
{
    if (!r->finished)
        return WS_NEED_INPUT;
    r->done = true;
    if (r->skipping) {
        set_reader_error(err, WS_ERR_TOO_LARGE, msg_text_too_long,
                         WS_READER_MAX_DOCUMENT, 0);
        return WS_ERR_TOO_LARGE;
    }
    doc->id = NULL;
    doc->id_len = 0;
    doc->text = r->in.data ? r->in.data : "";
    doc->text_len = r->in.len;
    doc->line = 0;
    doc->offset = 0;
    return WS_OK;
}

ws_status ws_reader_next(ws_reader *r, ws_document *doc, ws_error *err)
{
    if (!r || !doc) {
        set_reader_error(err, WS_ERR_INVALID_ARG, "NULL reader or document", 0, 0);
        return WS_ERR_INVALID_ARG;
    }
    if (r->warc)
        return ws_warc_next(r->warc, doc, err);
    READER_WORK(r, 1);
    if (r->done)
        return WS_DONE;
    memset(doc, 0, sizeof *doc);
    if (r->format == WS_INPUT_HTML) {
        ws_status st = next_text(r, doc, err);
        doc->content = WS_CONTENT_HTML;
        return st;
    }
    return r->format == WS_INPUT_TEXT ? next_text(r, doc, err)
                                      : next_jsonl(r, doc, err);
}

uint64_t ws_reader_work(const ws_reader *r)
{
    if (!r)
        return 0;
    return r->work + (r->warc ? ws_warc_work(r->warc) : 0);
}
