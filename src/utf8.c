/*
 * UTF-8 decoding that never leaves the caller's bytes.
 */
#include "internal.h"

size_t ws_utf8_decode(const char *s, size_t len, size_t i, int32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[i];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (i + n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t k = 1; k < n; k++) {
        unsigned cc = u[i + k];
        if ((cc & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (int32_t)(cc & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

static const char msg_nul[] = "not text: it holds a NUL byte (binary data?)";
static const char msg_invalid[] =
    "not text: over " STRINGIFY(WS_NOT_TEXT_INVALID_PERCENT)
    "% of its bytes are not UTF-8 (binary data, or another encoding?)";

/* Bytes s[i..i+8) all ASCII: the common case, tested a word at a time. */
static bool ascii8(const char *s, size_t i)
{
    uint64_t w;
    memcpy(&w, s + i, sizeof w);
    return (w & 0x8080808080808080u) == 0;
}

ws_status ws_check_text(const char *s, size_t len, ws_error *err)
{
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    if (nul) {
        ws_set_error(err, WS_ERR_NOT_TEXT, msg_nul, (size_t)(nul - s));
        return WS_ERR_NOT_TEXT;
    }
    size_t invalid = 0, first = 0, i = 0;
    while (i < len) {
        if (i + 8 <= len && ascii8(s, i)) {
            i += 8;
            continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = ws_utf8_decode(s, len, i, &cp);
        if (ws_utf8_invalid(cp, n) && invalid++ == 0)
            first = i;
        i += n;
    }
    if (invalid >= WS_NOT_TEXT_MIN_INVALID &&
        (uint64_t)invalid * 100 > (uint64_t)len * WS_NOT_TEXT_INVALID_PERCENT) {
        ws_set_error(err, WS_ERR_NOT_TEXT, msg_invalid, first);
        return WS_ERR_NOT_TEXT;
    }
    return WS_OK;
}
