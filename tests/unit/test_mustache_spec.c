/*
 * test_mustache_spec.c - runs the official Mustache spec (v1.4.2) through
 * our YAML loader and template engine, one cmocka test per spec case,
 * named "<file>: <name>".
 *
 * The spec folder is ../shared/mustache-spec, or $MUSTACHE_SPEC_DIR.  When
 * it is missing the run is skipped loudly (exit 0), except in CI (CI=true),
 * where that is a failure.  Spec runs escape HTML and are not strict.
 * ~lambdas.yml carries code in other languages; each of its tests runs
 * with a C function registered under the name "lambda" instead.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/template.h"
#include "bcreport/value.h"
#include "bcreport/yaml_load.h"

typedef struct spec_case {
    char *title; /* "file: name" */
    const char *file;
    const bc_value *test; /* the case's mapping */
} spec_case;

/* ---- the lambdas, in C ------------------------------------------------ */

static int lambda_calls; /* "Interpolation - Multiple Calls" */

static bool put(bc_buf *out, const char *s)
{
    bc_buf_puts(out, s);
    return true;
}

static bool l_world(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call;
    return put(out, "world");
}

static bool l_planet(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call;
    return put(out, "{{planet}}");
}

static bool l_alt_delims(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call;
    return put(out, "|planet| => {{planet}}");
}

static bool l_calls(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)call;
    int *calls = user;
    bc_buf_printf(out, "%d", ++*calls);
    return true;
}

static bool l_gt(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call;
    return put(out, ">");
}

static bool l_section(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user;
    bool same = call->section_len == 5 &&
                memcmp(call->section, "{{x}}", 5) == 0;
    return put(out, same ? "yes" : "no");
}

/* text + middle + text, the middle being user. */
static bool l_wrap(void *user, const bc_fn_call *call, bc_buf *out)
{
    bc_buf_append(out, call->section, call->section_len);
    bc_buf_puts(out, user);
    bc_buf_append(out, call->section, call->section_len);
    return true;
}

static bool l_underscores(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user;
    bc_buf_puts(out, "__");
    bc_buf_append(out, call->section, call->section_len);
    bc_buf_puts(out, "__");
    return true;
}

static bool l_false(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call, (void)out;
    return true; /* never called: a function is truthy */
}

typedef struct lambda_impl {
    const char *test;
    bc_template_fn fn;
    void *user;
} lambda_impl;

static char expansion_middle[] = "{{planet}}";
static char alt_middle[] = "{{planet}} => |planet|";

static const lambda_impl lambdas[] = {
    {"Interpolation", l_world, NULL},
    {"Interpolation - Expansion", l_planet, NULL},
    {"Interpolation - Alternate Delimiters", l_alt_delims, NULL},
    {"Interpolation - Multiple Calls", l_calls, &lambda_calls},
    {"Escaping", l_gt, NULL},
    {"Section", l_section, NULL},
    {"Section - Expansion", l_wrap, expansion_middle},
    {"Section - Alternate Delimiters", l_wrap, alt_middle},
    {"Section - Multiple Calls", l_underscores, NULL},
    {"Inverted Section", l_false, NULL},
};

static const lambda_impl *find_lambda(const char *test)
{
    for (size_t i = 0; i < sizeof lambdas / sizeof *lambdas; i++)
        if (strcmp(lambdas[i].test, test) == 0)
            return &lambdas[i];
    return NULL;
}

/* ---- running a case --------------------------------------------------- */

static const char *str(const bc_value *map, const char *key, size_t *len)
{
    const bc_value *v = bc_value_map_get(map, key);
    if (!v || v->kind != BC_VALUE_STRING) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = v->as.string.len;
    return v->as.string.ptr;
}

/* Appends s with \n, \r and \t (and backslashes) shown visibly. */
static void visible(bc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\n':
            bc_buf_puts(b, "\\n");
            break;
        case '\r':
            bc_buf_puts(b, "\\r");
            break;
        case '\t':
            bc_buf_puts(b, "\\t");
            break;
        case '\\':
            bc_buf_puts(b, "\\\\");
            break;
        default:
            bc_buf_putc(b, s[i]);
        }
    }
}

static void report(const spec_case *c, const char *actual, size_t actual_len,
                   const bc_diags *diags)
{
    size_t tlen, elen;
    const char *tmpl = str(c->test, "template", &tlen);
    const char *expected = str(c->test, "expected", &elen);
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "file:     %s\nname:     %s\ndesc:     %s\n",
                  c->file, str(c->test, "name", NULL),
                  str(c->test, "desc", NULL));
    bc_buf_puts(&b, "template: \"");
    visible(&b, tmpl, tlen);
    bc_buf_puts(&b, "\"\nexpected: \"");
    visible(&b, expected, elen);
    bc_buf_puts(&b, "\"\nactual:   \"");
    visible(&b, actual, actual_len);
    bc_buf_puts(&b, "\"\n");
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf_puts(&b, "diag:     ");
        bc_diag_format(&diags->items[i], &b);
        bc_buf_putc(&b, '\n');
    }
    print_error("%s", b.ptr);
    bc_buf_fini(&b);
}

static bc_resolver *partials_resolver(const spec_case *c,
                                      bc_template_entry **entries)
{
    const bc_value *p = bc_value_map_get(c->test, "partials");
    size_t n = p && p->kind == BC_VALUE_MAP ? p->as.map.count : 0;
    *entries = bc_xcalloc(n ? n : 1, sizeof **entries);
    for (size_t i = 0; i < n; i++) {
        const bc_member *m = &p->as.map.members[i];
        (*entries)[i].name = m->key->as.string.ptr;
        (*entries)[i].text = m->value->as.string.ptr;
        (*entries)[i].len = m->value->as.string.len;
    }
    return bc_resolver_new_table(*entries, n);
}

static void run_case(void **state)
{
    const spec_case *c = *state;
    size_t tlen, elen;
    const char *tmpl = str(c->test, "template", &tlen);
    const char *expected = str(c->test, "expected", &elen);
    assert_non_null(tmpl);
    assert_non_null(expected);

    bc_render_options opts;
    memset(&opts, 0, sizeof opts);
    opts.escape = bc_escape_html;
    bc_template_fn_def fn = {"lambda", NULL, NULL, BC_FN_EXPAND};
    if (strcmp(c->file, "~lambdas.yml") == 0) {
        const lambda_impl *impl = find_lambda(str(c->test, "name", NULL));
        if (!impl)
            fail_msg("no C function for lambda test \"%s\"", c->title);
        fn.fn = impl->fn;
        fn.user = impl->user;
        lambda_calls = 0;
        opts.fns = &fn;
        opts.fn_count = 1;
    }
    bc_template_entry *entries;
    opts.resolver = partials_resolver(c, &entries);

    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    bc_template *t = bc_template_compile("template", tmpl, tlen, &diags);
    bool ok = t && bc_template_render(t, bc_value_map_get(c->test, "data"),
                                      &opts, &out, &diags);
    bool same = ok && out.len == elen &&
                memcmp(out.ptr, expected, elen) == 0;
    if (!same)
        report(c, out.ptr, out.len, &diags);
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    bc_template_free(t);
    bc_resolver_free(opts.resolver);
    free(entries);
    if (!same)
        fail_msg("%s", c->title);
}

/* ---- collecting the cases --------------------------------------------- */

static int yml_only(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".yml") == 0;
}

/* Adds the cases of one file; false when it does not load. */
static bool add_file(bc_arena *arena, const char *dir, const char *file,
                     spec_case **cases, size_t *count, size_t *cap)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", dir, file);
    bc_yaml_options yo = bc_yaml_default_options();
    yo.keep_unknown_tags = true;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_value *root = bc_yaml_load_file(arena, path.ptr, &yo, &diags);
    const bc_value *tests = bc_value_map_get(root, "tests");
    bool ok = tests && tests->kind == BC_VALUE_SEQ;
    if (!ok) {
        fprintf(stderr, "cannot load %s:\n", path.ptr);
        bc_diags_print(&diags, stderr, false);
    }
    bc_diags_fini(&diags);
    bc_buf_fini(&path);
    if (!ok)
        return false;
    const char *name = bc_arena_strdup(arena, file);
    for (size_t i = 0; i < tests->as.seq.count; i++) {
        if (*count == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *cases = bc_xreallocarray(*cases, *cap, sizeof **cases);
        }
        spec_case *c = &(*cases)[(*count)++];
        c->file = name;
        c->test = tests->as.seq.items[i];
        bc_buf title = BC_BUF_INIT;
        const char *test_name = str(c->test, "name", NULL);
        bc_buf_printf(&title, "%s: %s", file, test_name ? test_name : "?");
        /* Names repeat in ~inheritance.yml: number the later ones. */
        int seen = 1;
        for (size_t j = 0; j < i; j++) {
            const char *other = str(tests->as.seq.items[j], "name", NULL);
            if (test_name && other && strcmp(other, test_name) == 0)
                seen++;
        }
        if (seen > 1)
            bc_buf_printf(&title, " (%d)", seen);
        c->title = bc_buf_detach(&title, NULL);
    }
    return true;
}

static void spec_missing(void **state)
{
    (void)state;
    skip();
}

/* No spec to run: say so loudly, and show one skipped test so the suite's
 * summary counts it; in CI a missing spec is a failure. */
static int no_spec(const char *why, const char *where)
{
    printf("SKIPPED: Mustache spec %s at %s; set MUSTACHE_SPEC_DIR\n", why,
           where);
    if (tu_in_ci()) {
        printf("FAILED: the Mustache spec is required in CI (CI=true)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(spec_missing)};
    cmocka_run_group_tests_name("mustache_spec", tests, NULL, NULL);
    return 0;
}

int main(void)
{
    char *dir = tu_shared_dir("MUSTACHE_SPEC_DIR", "mustache-spec");
    if (!dir) {
        const char *env = getenv("MUSTACHE_SPEC_DIR");
        return no_spec("folder not found",
                       env && *env ? env : "../shared/mustache-spec");
    }
    struct dirent **files;
    int nfiles = scandir(dir, &files, yml_only, alphasort);
    if (nfiles <= 0) {
        int r = no_spec("files (*.yml) not found", dir);
        free(dir);
        return r;
    }
    bc_arena *arena = bc_arena_new();
    spec_case *cases = NULL;
    size_t count = 0, cap = 0;
    int load_failures = 0;
    for (int i = 0; i < nfiles; i++) {
        if (!add_file(arena, dir, files[i]->d_name, &cases, &count, &cap))
            load_failures++;
        free(files[i]);
    }
    free(files);

    struct CMUnitTest *tests = bc_xcalloc(count ? count : 1, sizeof *tests);
    for (size_t i = 0; i < count; i++) {
        tests[i].name = cases[i].title;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    int failed = _cmocka_run_group_tests("mustache_spec", tests, count, NULL,
                                         NULL);
    for (size_t i = 0; i < count; i++)
        free(cases[i].title);
    free(cases);
    free(tests);
    bc_arena_free(arena);
    free(dir);
    return failed + load_failures;
}
