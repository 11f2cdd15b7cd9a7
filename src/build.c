/* build.c - the pipelines of the commands: build, check, render (see
 * build.h). */
#include "bcreport/build.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/io.h"
#include "bcreport/json.h"
#include "bcreport/md_html.h"
#include "bcreport/report.h"
#include "bcreport/view.h"
#include "bcreport/yaml_load.h"

/* The put_value of a Markdown part for HTML: each value into parts. */
static void keep_value(void *user, const char *s, size_t len, bool escape,
                       bc_buf *out)
{
    (void)out; /* the parts' own skeleton */
    bc_md_parts_add(user, s, len, escape);
}

static bc_resolver *template_source(const bc_build_options *options)
{
    if (options && options->template_dir)
        return bc_resolver_new_dir(options->template_dir);
    return bc_resolver_new_table(bc_default_templates,
                                 bc_default_template_count);
}

/* Renders the template called name against view, appending to out;
 * false after diagnostics.  With parts, the values go there instead,
 * out being parts->skeleton (see md_html.h). */
static bool render_named(bc_resolver *resolver, const char *name,
                         const bc_value *view, bc_escape_fn escape,
                         const bc_build_options *options, bc_md_parts *parts,
                         bc_buf *out, bc_diags *diags)
{
    const bc_template *t = NULL;
    bc_pos where = {options && options->template_dir ? options->template_dir
                                                      : NULL,
                    0, 0};
    bc_resolve_result found =
        bc_resolver_load(resolver, name, &t, where, diags);
    if (found == BC_RESOLVE_MISSING)
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, where,
                    "no template \"%s\" (%s.mustache) in the template folder",
                    name, name);
    if (found != BC_RESOLVE_FOUND)
        return false;
    bc_render_options ro = {0};
    ro.escape = escape;
    ro.strict = true;
    ro.resolver = resolver;
    if (parts) {
        ro.put_value = keep_value;
        ro.put_value_user = parts;
    }
    return bc_template_render(t, view, &ro, out, diags);
}

/* Renders a Markdown part of the document, converts it with libcmark and
 * gives it to the view as key (raw HTML for the page template).  The
 * values stay apart from the template's Markdown, so that cmark's memory
 * follows the template rather than the data (md_html.h). */
static bool markdown_part(bc_resolver *resolver, const char *name,
                          const char *key, bc_value *view, bc_arena *arena,
                          const bc_build_options *options, bc_pos data,
                          bc_diags *diags)
{
    bc_md_parts parts;
    bc_md_parts_init(&parts);
    bc_buf html = BC_BUF_INIT;
    bool ok = render_named(resolver, name, view, bc_escape_markdown, options,
                           &parts, &parts.skeleton, diags) &&
              bc_md_parts_to_html(&parts, &html, data, diags);
    if (ok)
        bc_value_map_assign(arena, view, key,
                            bc_value_new_string(arena, html.ptr,
                                                html.len));
    bc_md_parts_fini(&parts);
    bc_buf_fini(&html);
    return ok;
}

/* HTML: the body's and the closing's Markdown through libcmark, then the
 * page around them. */
static bool render_html(bc_resolver *resolver, bc_value *view,
                        bc_arena *arena, const bc_build_options *options,
                        bc_pos data, bc_buf *out, bc_diags *diags)
{
    bool ok = markdown_part(resolver, BC_TEMPLATE_BODY, "body_html", view,
                            arena, options, data, diags) &&
              markdown_part(resolver, BC_TEMPLATE_CLOSING, "closing_html",
                            view, arena, options, data, diags);
    if (ok) {
        ok = render_named(resolver,
                          options->fragment ? BC_TEMPLATE_ARTICLE
                                            : BC_TEMPLATE_HTML,
                          view, bc_escape_html, options, NULL, out, diags);
    }
    return ok;
}

/* The stages build and check share: the data file loaded and checked,
 * its view built, with the record of what its citations print. */
typedef struct prepared {
    bc_report *report; /* NULL when the file is not a report */
    bc_value *view;    /* NULL after errors */
    bc_cite_use *uses; /* per registered document */
} prepared;

static void prepare(const char *path, bc_arena *arena, prepared *p,
                    bc_diags *diags)
{
    p->report = bc_report_load(path, arena, diags);
    p->view = NULL;
    p->uses = NULL;
    if (!p->report)
        return;
    p->uses = bc_arena_calloc(arena, p->report->citations.count,
                              sizeof(bc_cite_use));
    p->view = bc_view_build(p->report, arena, p->uses, diags);
}

bool bc_build(const char *data_path, const bc_build_options *options,
              bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bool ok = false;
    bc_build_options defaults = {NULL, BC_FORMAT_MD, false};
    if (!options)
        options = &defaults;
    prepared p;
    prepare(data_path, arena, &p, diags);
    if (p.view) {
        bc_resolver *resolver = template_source(options);
        bc_pos data = {p.report->file, 0, 0};
        if (options->format == BC_FORMAT_HTML)
            ok = render_html(resolver, p.view, arena, options, data, out,
                             diags);
        else
            ok = render_named(resolver, BC_TEMPLATE_MD, p.view,
                              bc_escape_markdown, options, NULL, out, diags);
        bc_resolver_free(resolver);
    }
    bc_arena_free(arena);
    return ok;
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
    prepare(data_path, arena, &p, diags);
    if (p.report) /* a citation error does not hide the other findings */
        bc_lint(p.report, p.uses, options, diags);
    bc_arena_free(arena);
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
