/*
 * textwidth.h - how wide a text prints in Times New Roman.
 *
 * A DOCX cannot say "a rule 40 % as long as the line above" or "centre
 * this block", as CSS can; bcreport computes the lengths instead.  Times
 * New Roman and Liberation Serif (which stands in for it where it is not
 * installed) have the same advance widths: that is what metric-compatible
 * means.  The table holds the widths of Liberation Serif 2.1 for ASCII,
 * the no-break space, Đ đ Ơ ơ Ư ư, dashes, quotes and the ellipsis; any
 * other Vietnamese letter is as wide as its base letter (á as a, ấ as a),
 * combining marks add nothing, and a character outside the table counts
 * as an "n", an estimate.
 */
#ifndef BC_TEXTWIDTH_H
#define BC_TEXTWIDTH_H

#include <stddef.h>

typedef enum bc_face {
    BC_FACE_REGULAR,
    BC_FACE_BOLD,
    BC_FACE_ITALIC,
    BC_FACE_BOLD_ITALIC
} bc_face;

/* Units of advance in one em. */
#define BC_FONT_UNITS_PER_EM 2048

/* The advance width of len bytes of UTF-8 text s, in font units (1/2048
 * em); bytes that are not UTF-8 count as unknown characters. */
unsigned long bc_text_advance(const char *s, size_t len, bc_face face);

/* The same in twips (1/20 pt) at a size of half_points (28: 14 pt),
 * rounded up. */
unsigned long bc_text_twips(const char *s, size_t len, bc_face face,
                            int half_points);

#endif
