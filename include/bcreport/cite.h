/*
 * cite.h - citations of registered documents inside text fields.
 *
 * The documents a report cites are declared once (report.h, citations) and
 * named in text by their id, so a number or a date cannot drift between
 * mentions:
 *
 *   [@kh92]                 the first time: the full citation
 *                           "Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND
 *                           tỉnh Quảng Ngãi về ..." followed by
 *                           "(sau đây gọi tắt là Kế hoạch số 92)" when a
 *                           short name is registered; later: the short name
 *                           (or "Kế hoạch số 92/KH-UBND" without one).
 *   [@kh92 number date]     only the parts named, in this order: number
 *                           (type and number), date, issuer, title; or short
 *                           (the short name); define adds "(sau đây gọi tắt
 *                           là ...)" and makes later [@kh92] short;
 *                           [@nd80 effective] alone gives the date the
 *                           document took effect ("17/9/2020").
 *   [@nd80, khoản 2 Điều 8] a locator, written before the document:
 *                           "khoản 2 Điều 8 của Nghị định số ...".
 *
 * A title may cite other documents in turn.  The expansion is the text
 * with the marks of escape.h: each citation's text is LITERAL (the data's
 * markup cannot reach into it), its "sau đây gọi tắt là" phrase EMPH (in
 * italics), each document number NOBREAK.  A citer keeps the state of "already cited", so
 * texts must be expanded in document order.  Errors are reported where
 * the citation stands in the data file (found again in report->source),
 * or at the start of its text when that cannot be done.
 *
 * The nesting of titles is bounded, and so is their fan-out: a title that
 * cites another title twenty times, seven deep, would print gigabytes from
 * a file of 3 KB.  Everything a citer's citations print counts against one
 * budget, BC_CITE_MAX_EXPANDED; the citation that passes it is an error,
 * and so is every later one, silently (one error is enough).
 */
#ifndef BC_CITE_H
#define BC_CITE_H

#include <stdbool.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/escape.h"
#include "bcreport/report.h"


/* The characters of a citation id. */
#define BC_CITATION_ID_CHARS                                                  \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."

/* Bytes that the citations of one document may print in all, titles
 * cited in titles included (and text printed again, bc_cite_charge: a
 * self_name standing in, an activity's text in a table): the
 * examples print 1.6 KB and 0.5 KB, a long report citing a hundred
 * documents perhaps 100 KB.  As much as one scalar may hold, so citations
 * cannot make a report much longer than its data. */
#define BC_CITE_MAX_EXPANDED (1u * 1024u * 1024u)

typedef struct bc_citer bc_citer;

/* One citation as a text writes it, "[@id words, locator]", by offsets
 * into the text.  The one scanner of citations: expansion and `check`
 * both read them with bc_cite_next. */
typedef enum bc_cite_syntax {
    BC_CITE_OK,
    BC_CITE_UNCLOSED, /* "[@" without its "]" */
    BC_CITE_NESTED    /* a "[" inside: a bracket, or another "[@" */
} bc_cite_syntax;

typedef struct bc_cite_token {
    size_t start, end;       /* at "[@", and just after its "]" (the text's
                                end when there is none) */
    size_t id, id_len;       /* the id, right after "[@"; may be empty */
    size_t words, words_len; /* the parts, up to a comma or the "]" */
    bool has_locator;        /* a comma: the part of the document cited */
    size_t locator, locator_len; /* after it, blanks trimmed */
    bc_cite_syntax syntax;
    size_t error_at; /* where the syntax goes wrong */
} bc_cite_token;

/* Finds the first citation of s (len bytes) at or after from: true with
 * *tok filled, false when there is none. */
bool bc_cite_next(const char *s, size_t len, size_t from,
                  bc_cite_token *tok);

/* Where a citation stands: its text (a copy; text.src is NULL for text
 * bcreport made), and the offset of its "[@". */
typedef struct bc_cite_place {
    bc_text text;
    size_t at;
} bc_cite_place;

/* What a citer has printed of one registered document. */
typedef struct bc_cite_use {
    unsigned printed; /* citations printed, in any form, titles included */
    unsigned full;    /* of them, in full (with the date), in the text */
    bc_cite_place first; /* the first in the text (text.s NULL: none) */
} bc_cite_use;

/* A document cited in full again after its first mention in full, in
 * the text (not in a title, which quotes, nor in the subject): Decree 30
 * wants only the type and number, or the short name, after the first. */
typedef struct bc_cite_repeat {
    size_t doc; /* the index in report->citations */
    bc_cite_place place, first;
} bc_cite_repeat;

/* All a citer printed: one use a registered document, the repeats in the
 * order found.  In the arena given to bc_citer_record. */
typedef struct bc_cite_record {
    bc_cite_use *uses;
    bc_cite_repeat *repeats;
    size_t repeat_count;
} bc_cite_record;

/* A citer for report's registry; the report must outlive it.  Free it with
 * bc_citer_free (NULL is a no-op). */
bc_citer *bc_citer_new(const bc_report *report);
void bc_citer_free(bc_citer *c);

/* Checks every registered title once, even one never printed, and reports
 * its errors; a title found wrong is then left out wherever c would print
 * it, so its errors are not given twice.  Returns false after errors. */
bool bc_citer_check_titles(bc_citer *c, bc_diags *diags);

/* Copies what c has printed into record, in arena. */
void bc_citer_record(const bc_citer *c, bc_arena *arena,
                     bc_cite_record *record);

/* Checks the citations of t as bc_cite_expand would (the ids, declared
 * or an appendix's, with the nearest suggested for an unknown one; the
 * parts; the syntax) without printing them: for a report whose other
 * fields have errors, so that one run reports every mistake.  False
 * after errors. */
bool bc_cite_check(bc_citer *c, const bc_text *t, bc_diags *diags);

/* Appends text t with its citations expanded to out.  Returns false after
 * adding an error (unknown id, unknown part, unclosed bracket, a citation
 * cycle through titles, the budget spent) at t's position. */
bool bc_cite_expand(bc_citer *c, const bc_text *t, bc_buf *out,
                    bc_diags *diags);

/* The same for the subject (trích yếu), which stands apart from the text:
 * [@id] gives the full citation, never "(sau đây gọi tắt là ...)", and does
 * not count as the first mention, so the body still cites in full once. */
bool bc_cite_expand_heading(bc_citer *c, const bc_text *t, bc_buf *out,
                            bc_diags *diags);

/* Counts len bytes of text that the caller prints once more against the
 * same budget (self_name standing in for each aid project's partner).
 * Past the limit it adds an error at t, what followed by the limit, and
 * returns false. */
bool bc_cite_charge(bc_citer *c, const bc_text *t, const char *what,
                    size_t len, bc_diags *diags);

#endif
