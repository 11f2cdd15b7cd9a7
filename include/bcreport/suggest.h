/*
 * suggest.h - "did you mean": the known word nearest to a mistyped one.
 *
 * One owner for every suggestion bcreport makes: keys of the data,
 * values from a fixed set, citation ids, commands and options.  The
 * distance is the optimal string alignment distance over bytes
 * (Levenshtein with the swap of two neighbours as one edit: "kh54" is one
 * edit from "kh45"); a word is suggested when it is within a third of the
 * mistyped word's length, and at least one edit.
 */
#ifndef BC_SUGGEST_H
#define BC_SUGGEST_H

#include <stddef.h>

/* The edit distance between a and b; SIZE_MAX for words over 64 bytes. */
size_t bc_edit_distance(const char *a, const char *b);

/* The word of words (n of them, or up to a NULL, whichever comes first)
 * nearest to word when close enough to be a typo; else NULL.  The first
 * of equally near words wins. */
const char *bc_suggest(const char *const *words, size_t n, const char *word);

#endif
