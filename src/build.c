/* build.c - data file to document (see build.h). */
#include "bcreport/build.h"

#include "bcreport/arena.h"
#include "bcreport/report.h"
#include "bcreport/view.h"

static bc_resolver *template_source(const bc_build_options *options)
{
    if (options && options->template_dir)
        return bc_resolver_new_dir(options->template_dir);
    return bc_resolver_new_table(bc_default_templates,
                                 bc_default_template_count);
}

/* Renders the main template against view; false after diagnostics. */
static bool render_view(const bc_value *view, const bc_build_options *options,
                        bc_buf *out, bc_diags *diags)
{
    bc_resolver *resolver = template_source(options);
    const bc_template *main_template = NULL;
    bc_pos nowhere = {options && options->template_dir
                          ? options->template_dir
                          : NULL,
                      0, 0};
    bc_resolve_result found = bc_resolver_load(resolver, BC_MAIN_TEMPLATE,
                                               &main_template, nowhere, diags);
    bool ok = false;
    if (found == BC_RESOLVE_MISSING)
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, nowhere,
                    "no template \"%s\" (%s.mustache) in the template folder",
                    BC_MAIN_TEMPLATE, BC_MAIN_TEMPLATE);
    if (found == BC_RESOLVE_FOUND) {
        bc_render_options ro = {0};
        ro.escape = BC_ESCAPE_MARKDOWN;
        ro.strict = true;
        ro.resolver = resolver;
        ok = bc_template_render(main_template, view, &ro, out, diags);
    }
    bc_resolver_free(resolver);
    return ok;
}

bool bc_build(const char *data_path, const bc_build_options *options,
              bc_buf *out, bc_diags *diags)
{
    bc_arena *arena = bc_arena_new();
    bool ok = false;
    bc_report *report = bc_report_load(data_path, arena, diags);
    bc_value *view = report ? bc_view_build(report, arena, diags) : NULL;
    if (view)
        ok = render_view(view, options, out, diags);
    bc_arena_free(arena);
    return ok;
}
