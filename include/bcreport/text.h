/*
 * text.h - Unicode normalisation and legacy Vietnamese encodings.
 *
 * Contract: every string bcreport keeps is valid UTF-8 in NFC.  The loader
 * checks UTF-8 itself; these functions then normalise the text and recognise
 * Vietnamese typed in a pre-Unicode encoding, so that such text is reported
 * (with a position and bc_legacy_hint) rather than passed through.
 *
 * Legacy text arrives in two ways:
 *  - raw TCVN3 or VNI bytes in a file that was never converted: usually
 *    invalid UTF-8, which the loader rejects; bc_legacy_detect_bytes, given
 *    the bytes around the bad byte, says which encoding it looks like;
 *  - far more often, valid UTF-8 mojibake: legacy bytes that a program read
 *    as Windows-1252 (a .VnTime or VNI-Times document copied as text), e.g.
 *    "Céng hoµ x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI);
 *    bc_legacy_detect finds those.
 *
 * Detection works word by word (a Vietnamese word is one syllable): a word
 * is evidence when it is not a Vietnamese syllable as written but becomes
 * one when its characters are read back through the legacy code table, so
 * correct Vietnamese, foreign words and stray symbols (© « » ° ½ ² ·) are
 * not evidence.  Text is reported only on two such words, or on one that
 * needed two or more legacy characters; one- and two-letter words ("où",
 * "µm") count as half a word, at most once.  And at least a third of the
 * words that are not Vietnamese must be evidence, so that a long text in
 * another language is not reported for a few chance words.  A short string
 * with a single legacy word ("Vieät Nam") is therefore not reported: pass
 * as much text as there is (a whole field, or the whole file).
 *
 * The functions are pure: they read caller-owned bytes and allocate nothing
 * that outlives the call.
 */
#ifndef BC_TEXT_H
#define BC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bcreport/buf.h"

/* True when the len bytes at s are valid UTF-8 already in NFC; false when
 * they are not NFC or not valid UTF-8.  A quick check answers for nearly
 * all text; only a string holding a combining mark, a composition
 * exclusion, a singleton or a Hangul jamo is normalised in full. */
bool bc_is_nfc(const char *s, size_t len);

/* The quick check's test of one code point: NFC gives cp back wherever it
 * stands, and nothing next to it composes with it.  A text made only of
 * such code points is NFC, and so is any text made of its pieces joined
 * with more of them (ASCII among them): a YAML value cut from it. */
bool bc_nfc_stable(uint32_t cp);

/* The two halves of bc_is_nfc, for its tests: the quick check (true: NFC
 * for certain; false: utf8proc must say) and utf8proc's full answer. */
bool bc_is_nfc_quick(const char *s, size_t len);
bool bc_is_nfc_full(const char *s, size_t len);

/* Appends the NFC form of the len bytes at s to out and returns true; when
 * s is not valid UTF-8 appends nothing and returns false.  Out of memory
 * exits via bc_out_of_memory. */
bool bc_to_nfc(const char *s, size_t len, bc_buf *out);

typedef enum {
    BC_LEGACY_NONE,
    BC_LEGACY_TCVN3, /* TCVN 5712:1993 VN3, the "ABC" .VnTime fonts */
    BC_LEGACY_VNI    /* VNI Windows, the VNI-Times fonts */
} bc_legacy_encoding;

/* Looks for TCVN3 or VNI mojibake in the UTF-8 text s (len bytes).  On a
 * find, returns the encoding and stores in *offset (when offset is not
 * NULL) the byte offset of the first word that gave it away; otherwise
 * returns BC_LEGACY_NONE and leaves *offset alone.  Bytes that are not
 * valid UTF-8 are treated as spaces. */
bc_legacy_encoding bc_legacy_detect(const char *s, size_t len,
                                         size_t *offset);

/* The same for raw bytes that are not (all) UTF-8, such as a window around
 * the byte the loader rejected: a byte that does not start a valid UTF-8
 * sequence stands for its Windows-1252 character (bytes 0x80-0x9F as
 * spaces), valid sequences for themselves.  *offset is a byte offset into
 * bytes. */
bc_legacy_encoding bc_legacy_detect_bytes(const char *bytes, size_t len,
                                          size_t *offset);

/* bc_legacy_detect (raw false) or bc_legacy_detect_bytes (raw true)
 * without their pre-filter, every word judged: the same answers, slower;
 * for the tests. */
bc_legacy_encoding bc_legacy_detect_full(const char *s, size_t len,
                                         bool raw, size_t *offset);

/* "TCVN3 (ABC)", "VNI" or "Unicode" (for BC_LEGACY_NONE): a static string. */
const char *bc_legacy_name(bc_legacy_encoding enc);

/* What the user should do, for the end of an error message, e.g. "convert
 * it to Unicode (Unikey: Công cụ chuyển mã, from TCVN3 to Unicode) and
 * paste it again"; "" for BC_LEGACY_NONE.  A static string. */
const char *bc_legacy_hint(bc_legacy_encoding enc);

#endif
