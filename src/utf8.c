/* utf8.c - UTF-8 checks and positions in text (see utf8.h). */
#include "bcreport/utf8.h"

#include <utf8proc.h>

size_t bc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t min, v;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, v = c & 0x07;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5..FF */
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

bool bc_utf8_decode_last(const char *s, size_t end, size_t *start,
                         uint32_t *cp)
{
    size_t i = end;
    while (i > 0 && end - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return false;
    *start = i - 1;
    return bc_utf8_decode((const unsigned char *)s + i - 1, end - i + 1,
                          cp) == end - i + 1;
}

bool bc_utf8_is_space(uint32_t cp)
{
    return cp == 9 || cp == 10 || cp == 12 || cp == 13 || cp == 32 ||
           cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool bc_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = bc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

void bc_utf8_position(const char *text, size_t len, size_t offset, int *line,
                      int *col)
{
    const unsigned char *p = (const unsigned char *)text;
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
            continue; /* the '\n' that follows ends the line */
        if (p[i] == '\n' || p[i] == '\r') {
            l++;
            c = 1;
        } else if ((p[i] & 0xC0) != 0x80) {
            c++; /* count a character at its first byte only */
        }
    }
    *line = l;
    *col = c;
}

/* Unicode White_Space, and the invisible characters that pasted text
 * brings along: zero-width space, word joiner, zero-width no-break space
 * (a stray byte-order mark), soft hyphen, zero-width (non-)joiner. */
static bool is_blank_cp(uint32_t c)
{
    switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20:
    case 0x85: case 0xA0: case 0xAD: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000: case 0x200B: case 0x200C:
    case 0x200D: case 0x2060: case 0xFEFF:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

size_t bc_utf8_blank_at(const char *s, size_t len)
{
    uint32_t c;
    size_t n = bc_utf8_decode((const unsigned char *)s, len, &c);
    return n && is_blank_cp(c) ? n : 0;
}

size_t bc_utf8_blank_before(const char *s, size_t end)
{
    size_t start = end;
    while (start > 0 && end - start < 4 &&
           ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0)
        start--; /* the lead byte */
    size_t n = bc_utf8_blank_at(s + start, end - start);
    return n == end - start ? n : 0;
}

size_t bc_utf8_invisible_at(const char *s, size_t len, uint32_t *cp)
{
    size_t n = bc_utf8_blank_at(s, len);
    if (n < 2) /* ASCII blanks are what they seem */
        return 0;
    bc_utf8_decode((const unsigned char *)s, len, cp);
    return n;
}

void bc_utf8_trim(const char **s, size_t *len)
{
    size_t n;
    while (*len > 0 && (n = bc_utf8_blank_at(*s, *len)) > 0) {
        *s += n;
        *len -= n;
    }
    while (*len > 0 && (n = bc_utf8_blank_before(*s, *len)) > 0)
        *len -= n;
}

void bc_utf8_sentence_case(const char *s, size_t len, bc_buf *out)
{
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = bc_utf8_decode((const unsigned char *)s + i, len - i, &c);
        if (n == 0) { /* not UTF-8: as it is */
            bc_buf_putc(out, s[i++]);
            continue;
        }
        if (i > 0)
            c = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)c, enc);
        bc_buf_append(out, enc, (size_t)m);
        i += n;
    }
}

void bc_utf8_upper_first(const char *s, size_t len, bc_buf *out)
{
    uint32_t c;
    size_t n = bc_utf8_decode((const unsigned char *)s, len, &c);
    if (n > 0) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(
            utf8proc_toupper((utf8proc_int32_t)c), enc);
        bc_buf_append(out, enc, (size_t)m);
    }
    bc_buf_append(out, s + n, len - n);
}
