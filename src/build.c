/* build.c - the pipelines of the commands: build, check, render (see
 * build.h). */
#include "bcreport/build.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/chars.h"
#include "bcreport/docx.h"
#include "bcreport/io.h"
#include "bcreport/json.h"
#include "bcreport/paths.h"
#include "bcreport/pdf.h"
#include "bcreport/report.h"
#include "bcreport/view.h"
#include "bcreport/yaml_load.h"

/* -T's folder alone; without it, the installed templates (paths.h), each
 * name not found there taken from the compiled-in table. */
static bc_resolver *template_source(const bc_build_options *options)
{
    if (options && options->template_dir)
        return bc_resolver_new_dir(options->template_dir);
    bc_resolver *r = bc_resolver_new_table(bc_default_templates,
                                           bc_default_template_count);
    bc_buf installed = BC_BUF_INIT;
    if (bc_installed_template_dir(&installed))
        r = bc_resolver_new_chain(bc_resolver_new_dir(installed.ptr), r);
    bc_buf_fini(&installed);
    return r;
}

/* The writer and the main template of each format. */
static const struct {
    const bc_writer *writer;
    const char *main, *fragment;
} formats[] = {
    [BC_FORMAT_MD] = {&bc_writer_markdown, BC_TEMPLATE_MD, BC_TEMPLATE_MD},
    [BC_FORMAT_HTML] = {&bc_writer_html, BC_TEMPLATE_HTML,
                        BC_TEMPLATE_ARTICLE},
    [BC_FORMAT_DOCX] = {&bc_writer_wml, NULL, NULL}, /* docx.h's parts */
};

static const struct {
    const char *name;
    const char *extensions[3]; /* lower case, NULL-ended */
} format_names[] = {
    [BC_FORMAT_MD] = {"md", {".md", ".markdown", NULL}},
    [BC_FORMAT_HTML] = {"html", {".html", ".htm", NULL}},
    [BC_FORMAT_DOCX] = {"docx", {".docx", NULL}},
    [BC_FORMAT_PDF] = {"pdf", {".pdf", NULL}},
};

bool bc_format_named(const char *name, bc_format *format)
{
    for (size_t f = 0; f < BC_COUNT(format_names); f++)
        if (!strcmp(name, format_names[f].name)) {
            *format = (bc_format)f;
            return true;
        }
    return false;
}

bool bc_format_of_path(const char *path, bc_format *format)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot)
        return false;
    for (size_t f = 0; f < BC_COUNT(format_names); f++)
        for (const char *const *e = format_names[f].extensions; *e; e++)
            if (!strcasecmp(dot, *e)) {
                *format = (bc_format)f;
                return true;
            }
    return false;
}

const char *bc_format_name(bc_format format)
{
    return format_names[format].name;
}

/* The stages build and check share: the data file loaded and checked,
 * its view built, with the record of what its citations print. */
typedef struct prepared {
    bc_report *report; /* NULL when the file is not a report */
    bc_value *view;    /* NULL after errors */
    bc_cite_record cites; /* what its citations print */
} prepared;

/* A report with errors in its fields still has its citations checked,
 * so that one run reports every mistake (an impossible date does not
 * hide an unknown citation). */
typedef struct citation_check {
    bc_citer *citer;
    bc_diags *diags;
} citation_check;

static void check_citation(void *ctx, const bc_text *t)
{
    citation_check *c = ctx;
    bc_cite_check(c->citer, t, c->diags);
}

static void check_citations(const bc_report *r, bc_diags *diags)
{
    citation_check c = {bc_citer_new(r), diags};
    bc_report_visit_texts(r, check_citation, &c);
    bc_citer_free(c.citer);
}

/* Loads the report into report_arena and builds its lazy view in
 * view_arena (the same arena, or one of its own, which must then go
 * after the view: bc_view_build_lazy). */
static void prepare(const char *path, const bc_writer *writer,
                    bc_arena *report_arena, bc_arena *view_arena,
                    prepared *p, bc_diags *diags)
{
    size_t errors = diags->errors;
    p->report = bc_report_load_all(path, report_arena, diags);
    p->view = NULL;
    memset(&p->cites, 0, sizeof p->cites);
    if (p->report && diags->errors != errors) {
        if (!p->report->citations_incomplete)
            check_citations(p->report, diags);
        p->report = NULL;
    }
    if (!p->report)
        return;
    p->view =
        bc_view_build_lazy(p->report, writer, view_arena, &p->cites, diags);
}

static void free_arena(void *arena)
{
    bc_arena_free(arena);
}

/* The view of a data file, for bc_build_view.  The view is lazy: its
 * long lists are made from the report as they are rendered, so the
 * report (in an arena of its own) goes with the view's arena, and what
 * is alive while the document grows is the report, not a view twice its
 * size. */
static bc_value *report_view(void *data_path, const bc_writer *writer,
                             bc_arena *arena, bc_diags *diags)
{
    bc_arena *report_arena = bc_arena_new();
    bc_arena_defer(arena, free_arena, report_arena);
    prepared p;
    prepare(data_path, writer, report_arena, arena, &p, diags);
    return p.view;
}

bc_report *bc_build_load(const char *data_path, bc_arena *arena,
                         bc_diags *diags)
{
    /* The view is built as build builds it, for its errors (citations,
     * totals), then left in the arena. */
    prepared p;
    size_t errors = diags->errors;
    prepare(data_path, &bc_writer_markdown, arena, arena, &p, diags);
    return diags->errors == errors ? p.report : NULL;
}

/* The document of format (md, html or docx) appended to out. */
static bool build_document(bc_view_maker make, void *ctx,
                           const bc_build_options *options, bc_format format,
                           bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bool ok = false;
    bc_value *view = make(ctx, formats[format].writer, arena, diags);
    if (view) {
        bc_resolver *resolver = template_source(options);
        if (format == BC_FORMAT_DOCX)
            ok = bc_docx_write(view, arena, resolver,
                               options->template_dir, out, diags);
        else
            ok = bc_view_stream(resolver,
                                options->fragment ? formats[format].fragment
                                                  : formats[format].main,
                                view, options->template_dir, out,
                                options->sink, options->sink_ctx, diags);
        bc_resolver_free(resolver);
    }
    bc_arena_free(arena);
    return ok;
}

/* A PDF: the engine is looked for first (a missing one is said before
 * any data is read), then it prints the HTML (Chromium) or the DOCX
 * (LibreOffice). */
static bool build_pdf(bc_view_maker make, void *ctx,
                      const bc_build_options *options, bc_buf *out,
                      bc_diags *diags)
{
    bc_pdf_engine engine;
    if (!bc_pdf_find_engine(options->pdf_engine, &engine, diags))
        return false;
    bc_format source = engine.kind == BC_PDF_LIBREOFFICE ? BC_FORMAT_DOCX
                                                         : BC_FORMAT_HTML;
    bc_build_options page = *options;
    page.fragment = false;
    page.sink = NULL; /* the engine prints the whole document */
    bc_buf doc = BC_BUF_INIT;
    bool ok = build_document(make, ctx, &page, source, &doc, diags) &&
              bc_pdf_print(&engine, doc.ptr, doc.len, out, diags);
    bc_buf_fini(&doc);
    bc_pdf_engine_fini(&engine);
    return ok;
}

bool bc_build_view(bc_view_maker make, void *ctx,
                   const bc_build_options *options, bc_buf *out,
                   bc_diags *diags)
{
    bc_build_options defaults = {.format = BC_FORMAT_MD};
    if (!options)
        options = &defaults;
    if (options->format == BC_FORMAT_PDF)
        return build_pdf(make, ctx, options, out, diags);
    return build_document(make, ctx, options, options->format, out, diags);
}

bool bc_build(const char *data_path, const bc_build_options *options,
              bc_buf *out, bc_diags *diags)
{
    return bc_build_view(report_view, (void *)data_path, options, out, diags);
}

bool bc_names_folder(const char *path)
{
    size_t n = strlen(path);
    struct stat st;
    return (n > 0 && path[n - 1] == '/') ||
           (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

char *bc_output_name(const char *folder, const char *input,
                     bc_format format)
{
    const char *slash = strrchr(input, '/');
    const char *stem = slash ? slash + 1 : input;
    size_t len = strlen(stem);
    static const char *const yaml_ext[] = {".yaml", ".yml", ".YAML", ".YML"};
    for (size_t i = 0; i < BC_COUNT(yaml_ext); i++) {
        size_t e = strlen(yaml_ext[i]);
        if (len > e && !strcmp(stem + len - e, yaml_ext[i])) {
            len -= e;
            break;
        }
    }
    size_t flen = strlen(folder);
    bool sep = flen > 0 && folder[flen - 1] != '/';
    bc_buf name = BC_BUF_INIT;
    bc_buf_printf(&name, "%s%s%.*s.%s", folder, sep ? "/" : "", (int)len,
                  stem, bc_format_name(format));
    return bc_buf_detach(&name, NULL);
}

void bc_dump_file(const char *path, bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bc_value *root = bc_yaml_load_file(arena, path, NULL, diags);
    if (root)
        bc_json_write(root, out);
    bc_arena_free(arena);
}

void bc_check_file(const char *data_path, const bc_lint_options *options,
                   bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    prepared p;
    prepare(data_path, &bc_writer_markdown, arena, arena, &p, diags);
    if (p.report) /* a citation error does not hide the other findings */
        bc_lint(p.report, &p.cites, options, diags);
    bc_arena_free(arena);
}

static const char *const agency_levels[] = {
    [BC_AGENCY_XA] = "xa", [BC_AGENCY_TINH] = "tinh", [BC_AGENCY_SO] = "so"};

bool bc_agency_level_named(const char *name, bc_agency_level *level)
{
    for (size_t i = 0; i < BC_COUNT(agency_levels); i++)
        if (!strcmp(name, agency_levels[i])) {
            *level = (bc_agency_level)i;
            return true;
        }
    return false;
}

bool bc_new_file(const bc_new_options *options, bc_buf *out,
                 bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bc_value *data = bc_value_new_map(arena);
    for (size_t i = 0; i < BC_COUNT(agency_levels); i++)
        bc_value_map_set(arena, data, agency_levels[i],
                         bc_value_new_bool(arena, i == options->level));
    bc_value_map_set(arena, data, "year",
                     bc_value_new_int(arena, options->year));
    bc_value_map_set(arena, data, "next_year",
                     bc_value_new_int(arena, options->year + 1));
    bc_build_options source = {.template_dir = options->template_dir};
    bc_resolver *resolver = template_source(&source);
    bool ok = bc_view_render(resolver, BC_TEMPLATE_NEW, data,
                             options->template_dir, out, diags);
    bc_resolver_free(resolver);
    bc_arena_free(arena);
    return ok;
}

/* The folder part of path ("." when there is none); malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return bc_xstrdup(".");
    return bc_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

bool bc_render_file(const bc_render_request *req, bc_buf *out,
                    bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bc_value *data = NULL;
    bool ok = false;
    if (req->data_path)
        data = bc_yaml_load_file(arena, req->data_path, NULL, diags);
    size_t len;
    char *src = !req->data_path || data
                    ? bc_read_file(req->template_path, BC_TEMPLATE_MAX_SIZE,
                                   &len, diags)
                    : NULL;
    bc_template *t = src ? bc_template_compile(
                               bc_display_name(req->template_path), src, len,
                               diags)
                         : NULL;
    free(src);
    if (t) {
        char *folder = req->partials ? bc_xstrdup(req->partials)
                                     : folder_of(req->template_path);
        bc_render_options ro = {0};
        ro.escape = req->escape;
        ro.strict = req->strict;
        ro.resolver = bc_resolver_new_dir(folder);
        ok = bc_template_render(t, data, &ro, out, diags);
        bc_resolver_free(ro.resolver);
        free(folder);
    }
    bc_template_free(t);
    bc_arena_free(arena);
    return ok;
}
