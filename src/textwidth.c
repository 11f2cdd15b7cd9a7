/* textwidth.c - advance widths of Times New Roman text (see
 * textwidth.h). */
#include "bcreport/textwidth.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "bcreport/chars.h"
#include "bcreport/utf8.h"

/* Liberation Serif 2.1.5's advances (hmtx, units per em 2048), regular,
 * bold, italic, bold italic; sorted by code point.  Read with fontTools
 * from fonts-liberation2; every precomposed Vietnamese letter was checked
 * to share its base letter's advance, the horn letters excepted. */
static const struct advance {
    uint32_t cp;
    uint16_t width[4];
} advances[] = {
    {0x0020, {512, 512, 512, 512}},
    {0x0021, {682, 682, 682, 797}},
    {0x0022, {836, 1137, 860, 1137}},
    {0x0023, {1024, 1024, 1024, 1024}},
    {0x0024, {1024, 1024, 1024, 1024}},
    {0x0025, {1706, 2048, 1706, 1706}},
    {0x0026, {1593, 1706, 1593, 1593}},
    {0x0027, {369, 569, 438, 569}},
    {0x0028, {682, 682, 682, 682}},
    {0x0029, {682, 682, 682, 682}},
    {0x002A, {1024, 1024, 1024, 1024}},
    {0x002B, {1155, 1167, 1382, 1167}},
    {0x002C, {512, 512, 512, 512}},
    {0x002D, {682, 682, 682, 682}},
    {0x002E, {512, 512, 512, 512}},
    {0x002F, {569, 569, 569, 569}},
    {0x0030, {1024, 1024, 1024, 1024}},
    {0x0031, {1024, 1024, 1024, 1024}},
    {0x0032, {1024, 1024, 1024, 1024}},
    {0x0033, {1024, 1024, 1024, 1024}},
    {0x0034, {1024, 1024, 1024, 1024}},
    {0x0035, {1024, 1024, 1024, 1024}},
    {0x0036, {1024, 1024, 1024, 1024}},
    {0x0037, {1024, 1024, 1024, 1024}},
    {0x0038, {1024, 1024, 1024, 1024}},
    {0x0039, {1024, 1024, 1024, 1024}},
    {0x003A, {569, 682, 682, 682}},
    {0x003B, {569, 682, 682, 682}},
    {0x003C, {1155, 1167, 1382, 1167}},
    {0x003D, {1155, 1167, 1382, 1167}},
    {0x003E, {1155, 1167, 1382, 1167}},
    {0x003F, {909, 1024, 1024, 1024}},
    {0x0040, {1886, 1905, 1884, 1704}},
    {0x0041, {1479, 1479, 1251, 1366}},
    {0x0042, {1366, 1366, 1251, 1366}},
    {0x0043, {1366, 1479, 1366, 1366}},
    {0x0044, {1479, 1479, 1479, 1479}},
    {0x0045, {1251, 1366, 1251, 1366}},
    {0x0046, {1139, 1251, 1251, 1366}},
    {0x0047, {1479, 1593, 1479, 1479}},
    {0x0048, {1479, 1593, 1479, 1593}},
    {0x0049, {682, 797, 682, 797}},
    {0x004A, {797, 1024, 909, 1024}},
    {0x004B, {1479, 1593, 1366, 1366}},
    {0x004C, {1251, 1366, 1139, 1251}},
    {0x004D, {1821, 1933, 1706, 1821}},
    {0x004E, {1479, 1479, 1366, 1479}},
    {0x004F, {1479, 1593, 1479, 1479}},
    {0x0050, {1139, 1251, 1251, 1251}},
    {0x0051, {1479, 1593, 1479, 1479}},
    {0x0052, {1366, 1479, 1251, 1366}},
    {0x0053, {1139, 1139, 1024, 1139}},
    {0x0054, {1251, 1366, 1139, 1251}},
    {0x0055, {1479, 1479, 1479, 1479}},
    {0x0056, {1479, 1479, 1251, 1366}},
    {0x0057, {1933, 2048, 1706, 1821}},
    {0x0058, {1479, 1479, 1251, 1366}},
    {0x0059, {1479, 1479, 1139, 1251}},
    {0x005A, {1251, 1366, 1139, 1251}},
    {0x005B, {682, 682, 797, 682}},
    {0x005C, {569, 569, 569, 569}},
    {0x005D, {682, 682, 797, 682}},
    {0x005E, {961, 1190, 864, 1167}},
    {0x005F, {1024, 1024, 1024, 1024}},
    {0x0060, {682, 682, 682, 682}},
    {0x0061, {909, 1024, 1024, 1024}},
    {0x0062, {1024, 1139, 1024, 1024}},
    {0x0063, {909, 909, 909, 909}},
    {0x0064, {1024, 1139, 1024, 1024}},
    {0x0065, {909, 909, 909, 909}},
    {0x0066, {682, 682, 569, 682}},
    {0x0067, {1024, 1024, 1024, 1024}},
    {0x0068, {1024, 1139, 1024, 1139}},
    {0x0069, {569, 569, 569, 569}},
    {0x006A, {569, 682, 569, 569}},
    {0x006B, {1024, 1139, 909, 1024}},
    {0x006C, {569, 569, 569, 569}},
    {0x006D, {1593, 1706, 1479, 1593}},
    {0x006E, {1024, 1139, 1024, 1139}},
    {0x006F, {1024, 1024, 1024, 1024}},
    {0x0070, {1024, 1139, 1024, 1024}},
    {0x0071, {1024, 1139, 1024, 1024}},
    {0x0072, {682, 909, 797, 797}},
    {0x0073, {797, 797, 797, 797}},
    {0x0074, {569, 682, 569, 569}},
    {0x0075, {1024, 1139, 1024, 1139}},
    {0x0076, {1024, 1024, 909, 909}},
    {0x0077, {1479, 1479, 1366, 1366}},
    {0x0078, {1024, 1024, 909, 1024}},
    {0x0079, {1024, 1024, 909, 909}},
    {0x007A, {909, 909, 797, 797}},
    {0x007B, {983, 807, 819, 713}},
    {0x007C, {410, 451, 563, 451}},
    {0x007D, {983, 807, 819, 713}},
    {0x007E, {1108, 1065, 1108, 1167}},
    {0x00A0, {512, 512, 512, 512}},
    {0x0110, {1479, 1479, 1479, 1479}},
    {0x0111, {1024, 1139, 1024, 1024}},
    {0x01A0, {1479, 1593, 1479, 1479}},
    {0x01A1, {1083, 1134, 1093, 1099}},
    {0x01AF, {1589, 1630, 1544, 1587}},
    {0x01B0, {1110, 1229, 1117, 1227}},
    {0x2013, {1024, 1024, 1024, 1024}},
    {0x2014, {2048, 2048, 1821, 2048}},
    {0x2018, {682, 682, 682, 682}},
    {0x2019, {682, 682, 682, 682}},
    {0x201C, {909, 1024, 1139, 1024}},
    {0x201D, {909, 1024, 1139, 1024}},
    {0x2026, {2048, 2048, 1821, 2048}},
};

static int by_code_point(const void *key, const void *item)
{
    uint32_t cp = *(const uint32_t *)key;
    uint32_t at = ((const struct advance *)item)->cp;
    return cp < at ? -1 : cp > at;
}

static const struct advance *lookup(uint32_t cp)
{
    return bsearch(&cp, advances, BC_COUNT(advances), sizeof advances[0],
                   by_code_point);
}

#define HORN 0x031B

/* o, u, O, U with the horn: ơ, ư, Ơ, Ư, wider than o and u. */
static uint32_t with_horn(uint32_t base)
{
    switch (base) {
    case 'O': return 0x01A0;
    case 'o': return 0x01A1;
    case 'U': return 0x01AF;
    case 'u': return 0x01B0;
    }
    return base;
}

/* The character whose advance cp has: its base letter, with the horn if
 * it has one (next: the character after it, for text in NFD). */
static uint32_t width_class(uint32_t cp, uint32_t next)
{
    utf8proc_int32_t parts[8];
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, parts, BC_COUNT(parts), UTF8PROC_DECOMPOSE,
        NULL);
    uint32_t base = n >= 1 ? (uint32_t)parts[0] : cp;
    bool horn = next == HORN;
    for (utf8proc_ssize_t i = 1; i < n; i++)
        horn |= parts[i] == HORN;
    return horn ? with_horn(base) : base;
}

static unsigned advance_of(uint32_t cp, uint32_t next, bc_face face)
{
    const utf8proc_property_t *p = utf8proc_get_property(
        (utf8proc_int32_t)cp);
    if (p->category == UTF8PROC_CATEGORY_MN)
        return 0; /* a combining mark sits on the letter before */
    const struct advance *a = lookup(width_class(cp, next));
    if (!a)
        a = lookup('n');
    return a->width[face];
}

/* The character at s[i], U+FFFD for a byte that is not UTF-8; its length
 * in *n (at least 1). */
static uint32_t char_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp = 0xFFFD;
    *n = bc_utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (*n == 0) {
        *n = 1;
        cp = 0xFFFD;
    }
    return cp;
}

unsigned long bc_text_advance(const char *s, size_t len, bc_face face)
{
    unsigned long total = 0;
    size_t n, next_n;
    for (size_t i = 0; i < len; i += n) {
        uint32_t cp = char_at(s, len, i, &n);
        uint32_t next = i + n < len ? char_at(s, len, i + n, &next_n) : 0;
        total += advance_of(cp, next, face);
    }
    return total;
}

unsigned long bc_text_twips(const char *s, size_t len, bc_face face,
                            int half_points)
{
    /* units * (half_points / 2) pt * 20 twips / 2048 */
    unsigned long units = bc_text_advance(s, len, face);
    unsigned long scale = (unsigned long)half_points * 10u;
    return (units * scale + BC_FONT_UNITS_PER_EM - 1) / BC_FONT_UNITS_PER_EM;
}
