/*
 * build.h - the pipelines of the commands, from files to a document or to
 * findings; the command line (main.c) only parses and dispatches.
 *
 * bc_build loads and checks the data file, builds the view model and
 * renders the main template of the format in strict mode, with Markdown
 * or HTML escaping: an undefined name or a missing partial in a template
 * is an error, never a silently missing paragraph.  Templates come from a
 * folder alone (options.template_dir, as with -T); without one, from the
 * templates installed with the program (paths.h: an office may adapt them
 * system-wide), each name they lack from the defaults compiled into the
 * binary (templates/ in the source tree).
 *
 * The output is appended to a bc_buf the caller owns; on failure it holds
 * nothing useful and diagnostics say why.
 */
#ifndef BC_BUILD_H
#define BC_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/lint.h"
#include "bcreport/template.h"
#include "bcreport/value.h"
#include "bcreport/writer.h"

/* The default templates (generated from templates/ at build time). */
extern const bc_template_entry bc_default_templates[];
extern const size_t bc_default_template_count;

typedef enum bc_format {
    BC_FORMAT_MD,   /* Markdown: the template "report.md" */
    BC_FORMAT_HTML, /* a standalone HTML page: "report.html" */
    BC_FORMAT_DOCX, /* Word: the parts' templates "docx-*.xml" (docx.h) */
    BC_FORMAT_PDF   /* the HTML or the DOCX printed by an engine (pdf.h) */
} bc_format;

/* The formats' names, "md|html|docx|pdf", for messages. */
#define BC_FORMAT_NAMES "md, html, docx, pdf"

/* The format called name ("md", "html", "docx", "pdf"); false if none. */
bool bc_format_named(const char *name, bc_format *format);

/* The format a file's name says by its extension, in any case: .md
 * .markdown, .html .htm, .docx, .pdf; false if none. */
bool bc_format_of_path(const char *path, bc_format *format);

const char *bc_format_name(bc_format format);

typedef struct bc_build_options {
    const char *template_dir; /* NULL: installed, then built in */
    bc_format format;
    bool fragment;          /* HTML: only the <article> ("article.html") */
    const char *pdf_engine; /* PDF: as --pdf-engine (pdf.h); NULL: find
                             * Chromium */
    /* Markdown and HTML: the document handed to sink in pieces as it is
     * rendered (template.h), never held whole, instead of appended to
     * out; NULL: appended.  The other formats ignore it. */
    bc_render_sink sink;
    void *sink_ctx;
} bc_build_options;

/* The templates a build starts from; each format has its own set, over
 * the same view (view.h), its values written for the format. */
#define BC_TEMPLATE_MD "report.md"
#define BC_TEMPLATE_HTML "report.html"
#define BC_TEMPLATE_ARTICLE "article.html"

bool bc_build(const char *data_path, const bc_build_options *options,
              bc_buf *out, bc_diags *diags);

/* Whether -o path names a folder to build several files into: it ends in
 * "/" or is an existing folder. */
bool bc_names_folder(const char *path);

/* Where a build of input goes in folder: folder/STEM.EXT, STEM being the
 * input's name without its folder and its .yaml or .yml, EXT the
 * format's ("md", "html", "docx", "pdf").  malloc'd. */
char *bc_output_name(const char *folder, const char *input,
                     bc_format format);

/* The report of data_path, loaded and checked exactly as bc_build checks
 * it (its view is built too, for the errors only a view finds), in arena;
 * NULL after adding errors to diags. */
bc_report *bc_build_load(const char *data_path, bc_arena *arena,
                         bc_diags *diags);

/* A view of the report's shape (view.h) made by the caller for writer,
 * in arena; NULL after adding errors to diags. */
typedef bc_value *(*bc_view_maker)(void *ctx, const bc_writer *writer,
                                   bc_arena *arena, bc_diags *diags);

/* bc_build for a view made by make (the summary of many reports): the
 * same formats and templates; for PDF the engine is found first, before
 * make runs. */
bool bc_build_view(bc_view_maker make, void *ctx,
                   const bc_build_options *options, bc_buf *out,
                   bc_diags *diags);

/* bcreport dump: the YAML file as JSON, exactly as read (json.h). */
void bc_dump_file(const char *path, bc_buf *out, bc_diags *diags);

/* bcreport check: loads and checks the data file as bc_build does (the
 * same stages, the view included, so that its findings are about the
 * citations the document prints), then the checks of lint.h. */
void bc_check_file(const char *data_path, const bc_lint_options *options,
                   bc_diags *diags);

/* bcreport new: a data file to start a report from, every part explained
 * in Vietnamese, «...» where the clerk fills in (lint.h flags those).  The
 * level of the agency chooses the issuer, the recipients and the signer. */
typedef enum bc_agency_level {
    BC_AGENCY_XA,   /* a commune, ward or special zone (xã) */
    BC_AGENCY_TINH, /* a province (tỉnh) */
    BC_AGENCY_SO    /* a provincial department (sở) */
} bc_agency_level;

#define BC_AGENCY_LEVEL_NAMES "xa, tinh, so"
#define BC_TEMPLATE_NEW "new.yaml"

/* The level called name ("xa", "tinh", "so"); false if none. */
bool bc_agency_level_named(const char *name, bc_agency_level *level);

typedef struct bc_new_options {
    bc_agency_level level;
    int year;                 /* the year reported on */
    const char *template_dir; /* NULL: installed, then built in */
} bc_new_options;

/* Appends the data file to out; false after diagnostics. */
bool bc_new_file(const bc_new_options *options, bc_buf *out,
                 bc_diags *diags);

/* bcreport render: any Mustache template with any YAML data. */
typedef struct bc_render_request {
    const char *template_path;
    const char *data_path; /* NULL: an empty mapping */
    const char *partials;  /* NULL: the template's folder */
    bc_escape_fn escape;
    bool strict;
} bc_render_request;

/* Appends the rendered template to out; false after diagnostics (out then
 * holds nothing useful). */
bool bc_render_file(const bc_render_request *req, bc_buf *out,
                    bc_diags *diags);

#endif
