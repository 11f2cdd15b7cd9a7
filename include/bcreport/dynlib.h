/*
 * dynlib.h - a shared library opened when it is first needed.
 *
 * libzip (DOCX) and libxlsxwriter (the summary's workbook) both bring
 * libcrypto, whose relocations, bound at load, cost every command more
 * than reading and building a whole report.  The modules that use them
 * (zip.c, xlsx.c) open them here, by the name the library gives itself
 * (its SONAME, from the Makefile), only when a DOCX or a workbook is
 * made.
 *
 * bc_dynlib_open takes a table of symbol names, each with the address of
 * a function pointer to fill.  It returns NULL when the library and every
 * symbol were found, or the reason why not (dlerror's text, valid until
 * the next call); the caller says it in its own words.  The library stays
 * open until the program ends.
 */
#ifndef BC_DYNLIB_H
#define BC_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_dynlib_symbol {
    const char *name;
    void *slot; /* the address of a function pointer */
} bc_dynlib_symbol;

typedef struct bc_dynlib {
    const char *soname;
    void *handle; /* NULL until opened */
} bc_dynlib;

const char *bc_dynlib_open(bc_dynlib *lib, const bc_dynlib_symbol *symbols,
                           size_t count);

#endif
