/*
 * diag.h - diagnostics: one type for every message bcreport gives a user.
 *
 * Every stage appends its findings to a bc_diags sink instead of printing at
 * once, so tests can assert on them and the CLI prints them together.  A
 * diagnostic carries the file, a 1-based line and column (column counted in
 * characters, as editors do; 0 when not known), a level and a message, and is
 * printed compiler style:
 *
 *     data/2023.yaml:12:5: error: duplicate key "year" (first defined at 3:1)
 *
 * Each error also carries the exit status it calls for (sysexits values); the
 * sink remembers the first one, which becomes the program's exit status.
 * The sink owns copies of every string given to it; bc_diags_fini frees them.
 *
 * User text may be put into messages as it is: the sink writes tabs, line
 * breaks and other control characters as \t, \n, \xNN, and bytes that are
 * not UTF-8 as \xNN, so a diagnostic is always one line of valid UTF-8 and
 * never carries a terminal escape.  Long user text is shortened with
 * bc_diag_excerpt, at a character boundary.
 */
#ifndef BC_DIAG_H
#define BC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bcreport/buf.h" /* BC_PRINTF */

/* Exit statuses, with the values of BSD's sysexits.h. */
typedef enum bc_status {
    BC_OK = 0,
    BC_EX_USAGE = 64,     /* the command was used wrongly */
    BC_EX_DATAERR = 65,   /* the input data is wrong */
    BC_EX_NOINPUT = 66,   /* an input file cannot be opened */
    BC_EX_UNAVAILABLE = 69, /* a program bcreport needs is missing (PDF) */
    BC_EX_SOFTWARE = 70,  /* internal error: a bug in bcreport */
    BC_EX_OSERR = 71,     /* out of memory */
    BC_EX_CANTCREAT = 73, /* an output file cannot be created */
    BC_EX_IOERR = 74      /* reading or writing failed */
} bc_status;

typedef enum bc_level { BC_NOTE, BC_WARNING, BC_ERROR } bc_level;

/* A place in a file; the file name is borrowed, lines and columns 1-based. */
typedef struct bc_pos {
    const char *file;
    int line;
    int col;
} bc_pos;

typedef struct bc_diag {
    bc_level level;
    bc_status status; /* BC_OK for notes and warnings */
    char *file;       /* NULL when the message concerns no file */
    int line;         /* 0 when unknown */
    int col;          /* 0 when unknown */
    char *message;
} bc_diag;

typedef struct bc_diags {
    bc_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    bc_status status; /* status of the first error, BC_OK while none */
} bc_diags;

void bc_diags_init(bc_diags *diags);
void bc_diags_fini(bc_diags *diags);
/* Removes the notes (what was changed in an output, say, once that output
 * was not written after all), keeping errors and warnings in order. */
void bc_diags_drop_notes(bc_diags *diags);

/* Appends a diagnostic.  status must be BC_OK for notes and warnings and an
 * error status for errors. */
void bc_diag_add(bc_diags *diags, bc_level level, bc_status status,
                 bc_pos pos, const char *fmt, ...) BC_PRINTF(5, 6);
void bc_diag_vadd(bc_diags *diags, bc_level level, bc_status status,
                  bc_pos pos, const char *fmt, va_list ap);

/* Shorthand for the common case: an error in the data (status 65). */
void bc_diag_error(bc_diags *diags, bc_pos pos, const char *fmt, ...)
    BC_PRINTF(3, 4);

/* Appends at most max characters of the len bytes at s to out, cut at a
 * character boundary, and "..." when it cut. */
void bc_diag_excerpt(bc_buf *out, const char *s, size_t len, size_t max);

/* Turns every warning into an error with status 65 (--werror). */
void bc_diags_promote_warnings(bc_diags *diags);

/* Drops the notes and warnings, keeping the errors in order (--quiet). */
void bc_diags_keep_errors(bc_diags *diags);

/* The number of diagnostics of a level. */
size_t bc_diags_count(const bc_diags *diags, bc_level level);

/* Formats one diagnostic, without colour and without a newline. */
void bc_diag_format(const bc_diag *diag, bc_buf *out);

/* The most diagnostics printed in one run: past them, a clerk fixes the
 * first ones and runs again. */
#define BC_DIAG_MAX_SHOWN 50

/* Prints the diagnostics one a line in file order: the files in the order
 * they first appear, in each by line and column (those without a line
 * first), the order they were added kept among equals.  At most
 * BC_DIAG_MAX_SHOWN, then a line that says how many more errors (and
 * warnings) there are.  With colour, the location is bold and the level
 * coloured as gcc does. */
void bc_diags_print(const bc_diags *diags, FILE *stream, bool colour);

/* The same text, appended to out instead of printed: what a command
 * prepares before it replaces its output file, so that nothing is left
 * to allocate (and to fail for want of memory) once the file is new. */
void bc_diags_format(const bc_diags *diags, bool colour, bc_buf *out);

/* Whether to colour diagnostics on stream: only on a terminal, and never
 * when the NO_COLOR environment variable is set to a non-empty value. */
bool bc_diag_colour_auto(FILE *stream);

#endif
