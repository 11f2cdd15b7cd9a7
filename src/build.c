/* build.c - data file to document (see build.h). */
#include "bcreport/build.h"

#include "bcreport/arena.h"
#include "bcreport/md_html.h"
#include "bcreport/report.h"
#include "bcreport/view.h"

static bc_resolver *template_source(const bc_build_options *options)
{
    if (options && options->template_dir)
        return bc_resolver_new_dir(options->template_dir);
    return bc_resolver_new_table(bc_default_templates,
                                 bc_default_template_count);
}

/* Renders the template called name against view, appending to out;
 * false after diagnostics. */
static bool render_named(bc_resolver *resolver, const char *name,
                         const bc_value *view, bc_escape_fn escape,
                         const bc_build_options *options, bc_buf *out,
                         bc_diags *diags)
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
    return bc_template_render(t, view, &ro, out, diags);
}

/* Renders a Markdown part of the document, converts it with libcmark and
 * gives it to the view as key (raw HTML for the page template). */
static bool markdown_part(bc_resolver *resolver, const char *name,
                          const char *key, bc_value *view, bc_arena *arena,
                          const bc_build_options *options, bc_diags *diags)
{
    bc_buf md = BC_BUF_INIT, html = BC_BUF_INIT;
    bool ok = render_named(resolver, name, view, bc_escape_markdown, options,
                           &md, diags);
    if (ok) {
        bc_markdown_to_html(md.ptr ? md.ptr : "", md.len, &html);
        bc_value_map_assign(arena, view, key,
                            bc_value_new_string(arena, html.ptr, html.len));
    }
    bc_buf_fini(&md);
    bc_buf_fini(&html);
    return ok;
}

/* HTML: the body's and the closing's Markdown through libcmark, then the
 * page around them. */
static bool render_html(bc_resolver *resolver, bc_value *view,
                        bc_arena *arena, const bc_build_options *options,
                        bc_buf *out, bc_diags *diags)
{
    bool ok = markdown_part(resolver, BC_TEMPLATE_BODY, "body_html", view,
                            arena, options, diags) &&
              markdown_part(resolver, BC_TEMPLATE_CLOSING, "closing_html",
                            view, arena, options, diags);
    if (ok) {
        ok = render_named(resolver,
                          options->fragment ? BC_TEMPLATE_ARTICLE
                                            : BC_TEMPLATE_HTML,
                          view, bc_escape_html, options, out, diags);
    }
    return ok;
}

bool bc_build(const char *data_path, const bc_build_options *options,
              bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bool ok = false;
    bc_build_options defaults = {NULL, BC_FORMAT_MD, false};
    if (!options)
        options = &defaults;
    bc_report *report = bc_report_load(data_path, arena, diags);
    bc_value *view = report ? bc_view_build(report, arena, diags) : NULL;
    if (view) {
        bc_resolver *resolver = template_source(options);
        if (options->format == BC_FORMAT_HTML)
            ok = render_html(resolver, view, arena, options, out, diags);
        else
            ok = render_named(resolver, BC_TEMPLATE_MD, view,
                              bc_escape_markdown, options, out, diags);
        bc_resolver_free(resolver);
    }
    bc_arena_free(arena);
    return ok;
}
