/*
 * paths.h - where bcreport's own files are: the folder of the running
 * program, and the templates installed with it.
 *
 * make install puts the templates in PREFIX/share/bcreport/templates
 * (the Makefile's TEMPLATEDIR), beside PREFIX/bin.  The program looks for
 * them beside itself, PREFIX/bin/../share/bcreport/templates, so that an
 * installed tree still finds them when it is moved (a DESTDIR, a copied
 * tree); then in BC_TEMPLATEDIR, the folder it was built for, but only
 * when it runs from BC_BINDIR, the folder it was built to run from.  A
 * program in its build tree (./bcreport, build/asan/bcreport) or a test
 * program (build/tests/...) has no share folder beside it and does not
 * run from BC_BINDIR: it reads no installed template, even on a machine
 * where bcreport is installed, so what it prints depends on the source
 * tree alone.  Without /proc/self/exe the program cannot tell where it
 * is, and reads no installed template either.
 *
 * i18n.c finds the catalogues of messages beside the program too, after
 * the build tree's and before the folder it was built for (i18n.h).
 */
#ifndef BC_PATHS_H
#define BC_PATHS_H

#include <stdbool.h>

#include "bcreport/buf.h"

/* Appends to out the folder of the running program, from /proc/self/exe,
 * else from argv0 (may be NULL) when it names a path.  False, with out
 * unchanged, when neither says. */
bool bc_program_folder(const char *argv0, bc_buf *out);

/* Appends to out the folder of the installed templates and returns true,
 * or returns false when there is none for this program (see above). */
bool bc_installed_template_dir(bc_buf *out);

#endif
