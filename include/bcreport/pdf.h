/*
 * pdf.h - printing the report to PDF with an external engine.
 *
 * Chromium, headless, prints the HTML page (its CSS has the page's
 * layout); LibreOffice, headless, prints the DOCX.  The engine runs in a
 * temporary folder of its own, removed in every case: the document to
 * print, a throw-away profile, the PDF it writes.  It is started without
 * network, first-run, sync, component updates or extensions, Chromium
 * without its own header and footer (no date or address stamped on the
 * page), and it is stopped after a timeout (BC_PDF_TIMEOUT seconds, or
 * $BCREPORT_PDF_TIMEOUT).  Its output is checked: a PDF must come out,
 * starting with "%PDF-"; neither engine's exit status can be trusted
 * (LibreOffice exits 0 when it could not load the file).
 *
 * SIGINT, SIGTERM and SIGHUP while the engine runs stop the engine and
 * remove the folder, then end bcreport as the signal would have: nothing
 * is left behind.  When the caller catches the signal with a handler of
 * its own (build --watch), that handler gets it then instead, and the
 * print fails.
 *
 * A missing engine is an error with status 69 (EX_UNAVAILABLE) naming
 * the Debian package that provides it.
 */
#ifndef BC_PDF_H
#define BC_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/buf.h"
#include "bcreport/diag.h"

#define BC_PDF_TIMEOUT 120

typedef enum bc_pdf_kind {
    BC_PDF_CHROMIUM,   /* prints HTML */
    BC_PDF_LIBREOFFICE /* prints DOCX */
} bc_pdf_kind;

typedef struct bc_pdf_engine {
    bc_pdf_kind kind;
    char *program; /* the path run; malloc'd */
} bc_pdf_engine;

/* Finds the engine that spec names (--pdf-engine):
 *   NULL or "chromium"   chromium, chromium-browser or google-chrome,
 *                        the first found on PATH;
 *   "libreoffice"        soffice or libreoffice on PATH;
 *   anything else        the path of a program (with a '/', or found on
 *                        PATH): LibreOffice when its name starts with
 *                        "soffice" or "libreoffice", else a Chromium.
 * False after a diagnostic (69 when it is not there or not executable). */
bool bc_pdf_find_engine(const char *spec, bc_pdf_engine *engine,
                        bc_diags *diags);

void bc_pdf_engine_fini(bc_pdf_engine *engine);

/* Prints the document (len bytes of HTML for Chromium, of DOCX for
 * LibreOffice) and appends the PDF's bytes to out; false after a
 * diagnostic: 69 when the engine fails, times out or writes no PDF (with
 * the last lines it printed), 73 when the temporary folder cannot be
 * made. */
bool bc_pdf_print(const bc_pdf_engine *engine, const char *doc, size_t len,
                  bc_buf *out, bc_diags *diags);

#endif
