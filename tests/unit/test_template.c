/*
 * test_template.c - unit tests of the template engine beyond the spec:
 * compile errors and their positions, strict mode, render limits,
 * registered functions, loop names, the escapers, resolvers and scale.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/template.h"
#include "bcreport/value.h"
#include "bcreport/yaml_load.h"

/* ---- helpers ---------------------------------------------------------- */

typedef struct fixture {
    bc_arena *arena;
    bc_diags diags;
    bc_render_options opts;
    bc_buf out;
} fixture;

static int setup(void **state)
{
    fixture *f = bc_xcalloc(1, sizeof *f);
    f->arena = bc_arena_new();
    bc_diags_init(&f->diags);
    bc_buf_init(&f->out);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    bc_resolver_free(f->opts.resolver);
    bc_buf_fini(&f->out);
    bc_diags_fini(&f->diags);
    bc_arena_free(f->arena);
    free(f);
    return 0;
}

/* A context from YAML text. */
static const bc_value *ctx(fixture *f, const char *yaml)
{
    bc_diags d;
    bc_diags_init(&d);
    const bc_value *v =
        bc_yaml_load(f->arena, "ctx.yaml", yaml, strlen(yaml), NULL, &d);
    if (!v)
        bc_diags_print(&d, stderr, false);
    bc_diags_fini(&d);
    assert_non_null(v);
    return v;
}

/* Compiles and renders; the output, or NULL when either step failed. */
static const char *render(fixture *f, const char *src, const bc_value *c)
{
    bc_buf_clear(&f->out);
    bc_template *t = bc_template_compile("template", src, strlen(src),
                                         &f->diags);
    if (!t)
        return NULL;
    bool ok = bc_template_render(t, c, &f->opts, &f->out, &f->diags);
    bc_template_free(t);
    return ok ? f->out.ptr : NULL;
}

/* The first diagnostic, formatted; "" when there is none. */
static char *first_diag(fixture *f)
{
    bc_buf b = BC_BUF_INIT;
    if (f->diags.count)
        bc_diag_format(&f->diags.items[0], &b);
    else
        bc_buf_puts(&b, "");
    return bc_buf_detach(&b, NULL);
}

static void expect_error(fixture *f, const char *src, const bc_value *c,
                         const char *diag)
{
    bc_diags_fini(&f->diags);
    bc_diags_init(&f->diags);
    assert_null(render(f, src, c));
    char *got = first_diag(f);
    assert_string_equal(got, diag);
    assert_int_equal(f->diags.status, BC_EX_DATAERR);
    free(got);
}

static void expect_output(fixture *f, const char *src, const bc_value *c,
                          const char *want)
{
    const char *got = render(f, src, c);
    if (!got)
        bc_diags_print(&f->diags, stderr, false);
    assert_non_null(got);
    assert_string_equal(got, want);
}

static void use_table(fixture *f, const bc_template_entry *e, size_t n)
{
    bc_resolver_free(f->opts.resolver);
    f->opts.resolver = bc_resolver_new_table(e, n);
}

/* ---- compile errors --------------------------------------------------- */

static const struct {
    const char *src;
    const char *diag;
} compile_errors[] = {
    {"a\n{{#items}}x", "template:2:1: error: unclosed section \"items\""},
    {"a\n  {{#a}}{{/b}}",
     "template:2:9: error: closing tag \"b\" does not match section \"a\" "
     "opened at 2:3"},
    {"x {{/a}}",
     "template:1:3: error: closing tag \"a\" has no open section"},
    {"ab{{x", "template:1:3: error: unclosed tag: missing \"}}\""},
    {"{{{x}}", "template:1:1: error: unclosed tag: missing \"}}}\""},
    {"\n\n {{}}", "template:3:2: error: empty tag"},
    {"{{# }}", "template:1:1: error: empty tag"},
    {"{{a b}}", "template:1:1: error: invalid name \"a b\""},
    {"{{a..b}}", "template:1:1: error: invalid name \"a..b\""},
    {"{{>a b}}", "template:1:1: error: invalid name \"a b\""},
    {"x {{=<% %>}}", "template:1:3: error: unclosed tag: missing \"=}}\""},
    {"{{=<%=}}",
     "template:1:1: error: invalid set-delimiter tag: expected two "
     "delimiters separated by whitespace"},
    {"{{=<% %> x=}}",
     "template:1:1: error: invalid set-delimiter tag: expected two "
     "delimiters separated by whitespace"},
    {"{{=<<<<<<<<<<<<<<<<< >=}}",
     "template:1:1: error: invalid set-delimiter tag: a delimiter is longer "
     "than 16 bytes"},
    /* Positions count characters, not bytes. */
    {"Số tiền: đồng {{#x}}", "template:1:15: error: unclosed section \"x\""},
    {"{{=<% %>=}}\n<%#a%>\n<%/b%>",
     "template:3:1: error: closing tag \"b\" does not match section \"a\" "
     "opened at 2:1"},
    {"{{<p}}{{$b}}{{/p}}",
     "template:1:13: error: closing tag \"p\" does not match block \"b\" "
     "opened at 1:7"},
    {"{{<p}}", "template:1:1: error: unclosed parent \"p\""},
};

static void test_compile_errors(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof compile_errors / sizeof *compile_errors;
         i++) {
        bc_diags_fini(&f->diags);
        bc_diags_init(&f->diags);
        if (render(f, compile_errors[i].src, NULL))
            fail_msg("\"%s\" compiled", compile_errors[i].src);
        char *got = first_diag(f);
        if (strcmp(got, compile_errors[i].diag) != 0)
            fail_msg("\"%s\": got \"%s\", want \"%s\"", compile_errors[i].src,
                     got, compile_errors[i].diag);
        assert_int_equal(f->diags.status, BC_EX_DATAERR);
        free(got);
    }
}

/* A tag of src_prefix, "{{", n letters and "}}". */
static void long_tag(bc_buf *src, const char *prefix, int n)
{
    bc_buf_clear(src);
    bc_buf_puts(src, prefix);
    bc_buf_puts(src, "{{");
    for (int i = 0; i < n; i++)
        bc_buf_putc(src, 'a');
    bc_buf_puts(src, "}}");
}

/* Tag length: exactly the limit passes... */
static void test_tag_of_the_limit(void **state)
{
    fixture *f = *state;
    bc_buf src = BC_BUF_INIT;
    long_tag(&src, "", BC_TEMPLATE_MAX_TAG);
    expect_output(f, src.ptr, NULL, "");
    bc_buf_fini(&src);
}

/* ...one more byte fails. */
static void test_tag_past_the_limit(void **state)
{
    fixture *f = *state;
    bc_buf src = BC_BUF_INIT;
    long_tag(&src, "x\n", BC_TEMPLATE_MAX_TAG + 1);
    expect_error(f, src.ptr, NULL,
                 "template:2:1: error: tag longer than 1024 bytes (or "
                 "missing \"}}\")");
    bc_buf_fini(&src);
}

/* Comments may be long. */
static void test_long_comment(void **state)
{
    fixture *f = *state;
    bc_buf src = BC_BUF_INIT;
    bc_buf_puts(&src, "{{!");
    for (int i = 0; i < 3 * BC_TEMPLATE_MAX_TAG; i++)
        bc_buf_putc(&src, 'c');
    bc_buf_puts(&src, "}}ok");
    expect_output(f, src.ptr, NULL, "ok");
    bc_buf_fini(&src);
}

static void nested_sections(bc_buf *src, int open, int close)
{
    bc_buf_clear(src);
    for (int i = 0; i < open; i++)
        bc_buf_puts(src, "{{#a}}");
    for (int i = 0; i < close; i++)
        bc_buf_puts(src, "{{/a}}");
}

static void test_nesting_of_the_limit(void **state)
{
    fixture *f = *state;
    bc_buf src = BC_BUF_INIT;
    nested_sections(&src, BC_TEMPLATE_MAX_NESTING, BC_TEMPLATE_MAX_NESTING);
    expect_output(f, src.ptr, NULL, "");
    bc_buf_fini(&src);
}

static void test_nesting_past_the_limit(void **state)
{
    fixture *f = *state;
    bc_buf src = BC_BUF_INIT;
    nested_sections(&src, BC_TEMPLATE_MAX_NESTING + 1, 0);
    expect_error(f, src.ptr, NULL,
                 "template:1:193: error: sections nested deeper than 32");
    bc_buf_fini(&src);
}

/* A template of exactly the size limit compiles... */
static void test_template_of_the_size_limit(void **state)
{
    fixture *f = *state;
    size_t n = BC_TEMPLATE_MAX_SIZE;
    char *huge = bc_xmalloc(n);
    memset(huge, 'x', n);
    bc_template *t = bc_template_compile("big", huge, n, &f->diags);
    assert_non_null(t);
    assert_int_equal(f->diags.count, 0);
    bc_template_free(t);
    free(huge);
}

/* ...one byte more does not. */
static void test_template_past_the_size_limit(void **state)
{
    fixture *f = *state;
    size_t big = BC_TEMPLATE_MAX_SIZE + 1u;
    char *huge = bc_xmalloc(big);
    memset(huge, 'x', big);
    assert_null(bc_template_compile("big", huge, big, &f->diags));
    char *got = first_diag(f);
    assert_string_equal(got,
                        "big: error: template larger than 16777216 bytes");
    free(got);
    free(huge);
}

/* ---- strict mode and partials ----------------------------------------- */

static const bc_template_entry recursive[] = {
    {"r", "x{{>r}}", 0}, {"deep", "{{#a}}{{>deep}}{{/a}}", 0}};

/* Endless recursion stops at the default depth... */
static void test_partial_depth_default(void **state)
{
    fixture *f = *state;
    use_table(f, recursive, 2);
    expect_error(f, "{{>r}}", NULL,
                 "r:1:2: error: partial \"r\" nested deeper than 64 levels");
}

/* ...or at the depth asked for, partials and parents alike. */
static void test_partial_depth_chosen(void **state)
{
    fixture *f = *state;
    use_table(f, recursive, 2);
    f->opts.max_partial_depth = 3;
    expect_error(f, "{{>r}}", NULL,
                 "r:1:2: error: partial \"r\" nested deeper than 3 levels");
    expect_error(f, "{{<r}}{{/r}}", NULL,
                 "r:1:2: error: partial \"r\" nested deeper than 3 levels");
}

/* The deepest nesting at the largest depth stays within the stack, which
 * caps the depth asked for. */
static void test_partial_depth_capped(void **state)
{
    fixture *f = *state;
    bc_buf deep = BC_BUF_INIT;
    for (int i = 0; i < BC_TEMPLATE_MAX_NESTING; i++)
        bc_buf_puts(&deep, "{{#t}}");
    bc_buf_puts(&deep, "{{>nest}}");
    for (int i = 0; i < BC_TEMPLATE_MAX_NESTING; i++)
        bc_buf_puts(&deep, "{{/t}}");
    bc_template_entry e2[] = {{"nest", deep.ptr, deep.len}};
    use_table(f, e2, 1);
    f->opts.max_partial_depth = BC_TEMPLATE_MAX_PARTIAL_DEPTH + 100;
    expect_error(f, "{{>nest}}", ctx(f, "t: true"),
                 "nest:1:193: error: partial \"nest\" nested deeper than "
                 "256 levels");
    bc_buf_fini(&deep);
}

/* Recursion that ends is fine (depth 0: the default). */
static void test_recursion_that_ends(void **state)
{
    fixture *f = *state;
    use_table(f, recursive, 2);
    f->opts.max_partial_depth = 0;
    const bc_value *c = ctx(f, "a: {a: {a: false}}");
    expect_output(f, "{{>deep}}", c, "");
}

/* A block inside an override of the same name takes the parent's
 * default: it must not find its own override again, endlessly. */
static void test_block_inside_its_override(void **state)
{
    fixture *f = *state;
    static const bc_template_entry e[] = {{"p", "<{{$b}}default{{/b}}>", 0}};
    use_table(f, e, 1);
    expect_output(f, "{{<p}}{{$b}}[{{$b}}inner{{/b}}]{{/b}}{{/p}}", NULL,
                  "<[inner]>");
}

/* Blocks count towards the depth limit like partials and parents. */
static void test_blocks_count_towards_depth(void **state)
{
    fixture *f = *state;
    static const bc_template_entry r[] = {{"q", "{{$b}}{{<q}}{{/q}}{{/b}}", 0}};
    use_table(f, r, 1);
    f->opts.max_partial_depth = 4;
    expect_error(f, "{{<q}}{{/q}}", NULL,
                 "q:1:7: error: parent \"q\" nested deeper than 4 levels");
}

/* ---- the step and output budgets ------------------------------------ */

#define STEPS_ERROR                                                           \
    "rendering stopped after %llu steps (the limit): sections nested over "  \
    "the same long list, or partials recursing over it, repeat their "       \
    "content too often"

static char *steps_error(const char *where, unsigned long long steps)
{
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "%s: error: ", where);
    bc_buf_printf(&b, STEPS_ERROR, steps);
    return bc_buf_detach(&b, NULL);
}

/* A step is a node visited, a list item entered or a context frame
 * searched: "top\n  ", the section and its name looked up at the root,
 * then each of three items, "[", {{.}} (no search) and "]": 3 + 3 x 4. */
static void test_steps_counted(void **state)
{
    fixture *f = *state;
    const bc_value *c = ctx(f, "l: [1, 2, 3]");
    static const char src[] = "top\n  {{#l}}[{{.}}]{{/l}}";
    unsigned long long steps = 0;
    f->opts.steps = &steps;
    expect_output(f, src, c, "top\n  [1][2][3]");
    assert_int_equal(steps, 15);
    f->opts.max_steps = 15; /* exactly enough */
    expect_output(f, src, c, "top\n  [1][2][3]");
    assert_int_equal(steps, 15);
    /* each frame searched: the inner l is found in the root, under the
     * outer item: section, l, item, section, l twice, item */
    expect_output(f, "{{#l}}{{#l}}{{/l}}{{/l}}", ctx(f, "l: [1]"), "");
    assert_int_equal(steps, 1 + 1 + 1 + 1 + 2 + 1);
}

/* One step short, rendering stops at the text it would have written (its
 * line and column counted in characters) with status 65; short of an
 * item, at the section entering it. */
static void test_step_budget_stops_at_its_place(void **state)
{
    fixture *f = *state;
    const bc_value *c = ctx(f, "l: [1, 2, 3]");
    static const char src[] = "tốp\n  {{#l}}[{{.}}]{{/l}}";
    f->opts.max_steps = 14;
    char *want = steps_error("template:2:15", 14);
    expect_error(f, src, c, want);
    free(want);
    assert_int_equal(f->diags.count, 1);
    f->opts.max_steps = 11;
    want = steps_error("template:2:3", 11);
    expect_error(f, src, c, want);
    free(want);
    /* in a partial, at its own place */
    static const bc_template_entry e[] = {{"p", "é\n{{#l}}{{.}}{{/l}}", 0}};
    use_table(f, e, 1);
    f->opts.max_steps = 6;
    want = steps_error("p:2:7", 6);
    expect_error(f, "x{{>p}}", c, want);
    free(want);
}

/* Sections nested 20 deep over one list of 10 items would take 10^20
 * steps: the default budget stops them in about a second, at the
 * innermost section.  The budget asked for cannot pass the default. */
static void test_step_budget_stops_nested_sections(void **state)
{
    fixture *f = *state;
    tu_skip_under_valgrind("10^8 steps take minutes under valgrind; "
                           "test_step_budget_stops_at_its_place covers the "
                           "same code with a small budget");
    const bc_value *c = ctx(f, "l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    bc_buf src = BC_BUF_INIT;
    for (int i = 0; i < 20; i++)
        bc_buf_puts(&src, "{{#l}}");
    bc_buf_puts(&src, "x");
    for (int i = 0; i < 20; i++)
        bc_buf_puts(&src, "{{/l}}");
    f->opts.max_steps = BC_TEMPLATE_MAX_STEPS * 1000;
    unsigned long long steps = 0;
    f->opts.steps = &steps;
    clock_t start = clock();
    char *want = steps_error("template:1:115", BC_TEMPLATE_MAX_STEPS);
    expect_error(f, src.ptr, c, want);
    printf("    sections nested 20 deep over 10 items: stopped after %llu "
           "steps, %.2f s of CPU time\n",
           steps, (double)(clock() - start) / CLOCKS_PER_SEC);
    assert_true(steps >= BC_TEMPLATE_MAX_STEPS &&
                steps <= BC_TEMPLATE_MAX_STEPS + 20);
    free(want);
    bc_buf_fini(&src);
}

/* Partials that each repeat the next over one list, 40 of them (10^40
 * steps, within the depth limit of 64), stop at the budget too. */
static void test_step_budget_stops_chained_partials(void **state)
{
    fixture *f = *state;
    enum { N = 40 };
    bc_template_entry e[N + 1];
    char names[N + 1][8];
    bc_buf texts[N];
    for (int i = 0; i <= N; i++) {
        snprintf(names[i], sizeof names[i], "p%d", i);
        e[i].name = names[i];
        e[i].len = 0;
        e[i].text = "x";
    }
    for (int i = 0; i < N; i++) {
        bc_buf_init(&texts[i]);
        bc_buf_printf(&texts[i], "{{#l}}{{>p%d}}{{/l}}", i + 1);
        e[i].text = texts[i].ptr;
    }
    use_table(f, e, N + 1);
    f->opts.max_steps = 100000;
    char *want = steps_error("p39:1:1", 100000);
    expect_error(f, "{{>p0}}", ctx(f, "l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"),
                 want);
    free(want);
    bc_resolver_free(f->opts.resolver); /* before the names it borrows */
    f->opts.resolver = NULL;
    for (int i = 0; i < N; i++)
        bc_buf_fini(&texts[i]);
}

/* The output budget: checked at each step, so rendering stops at the
 * first step after the output passed it, with the bytes written. */
static void test_output_budget(void **state)
{
    fixture *f = *state;
    const bc_value *c = ctx(f, "l: [1, 2, 3, 4, 5]\nv: \"<&>\"");
    f->opts.max_output = 12;
    expect_output(f, "{{#l}}abcd{{/l}}", ctx(f, "l: [1, 2, 3]"),
                  "abcdabcdabcd");
    expect_error(f, "{{#l}}abcd{{/l}}", c,
                 "template:1:1: error: rendering stopped after writing 16 "
                 "bytes, past the limit of 12: does a section repeat long "
                 "text over a long list?");
    /* escaped data counts as written: 13 bytes for "<&>" */
    expect_error(f, "{{v}}\n{{v}}", c,
                 "template:1:6: error: rendering stopped after writing 13 "
                 "bytes, past the limit of 12: does a section repeat long "
                 "text over a long list?");
}

/* A template in a folder (-T) larger than the limit is an error at the
 * tag that loads it; the file is sparse, nothing is allocated for it. */
static void test_dir_template_past_the_size_limit(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/big.mustache", dir);
    FILE *fp = fopen(path.ptr, "w");
    assert_non_null(fp);
    fclose(fp);
    assert_int_equal(truncate(path.ptr, (off_t)BC_TEMPLATE_MAX_SIZE + 1), 0);
    f->opts.resolver = bc_resolver_new_dir(dir);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "template:2:1: error: cannot load template \"big\": %s: "
                  "larger than 16777216 bytes",
                  path.ptr);
    expect_error(f, "x\n{{>big}}", NULL, want.ptr);
    unlink(path.ptr);
    rmdir(dir);
    bc_buf_fini(&want);
    bc_buf_fini(&path);
}

static const bc_template_entry strict_partials[] = {{"p", "[{{x}}]", 0}};

static const bc_value *strict_context(fixture *f)
{
    use_table(f, strict_partials, 1);
    return ctx(f, "x: null\na: {b: 1}\nn: null\nlist: [1]\nname: dynamic\n"
                  "num: 3");
}

/* Not strict: the spec's behaviour, unknown names are nothing. */
static void test_not_strict_unknown_is_nothing(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    expect_output(f, "({{nope}})({{>nope}})({{a.c}})({{>*nope}})", c,
                  "()()()()");
}

/* Strict: null is defined, and so is a dotted name through null. */
static void test_strict_defined_names(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    expect_output(f, "{{x}}{{#x}}y{{/x}}{{^x}}n{{/x}}{{n.deep}}", c, "n");
    expect_output(f, "{{>p}}{{a.b}}", c, "[]1");
}

static void test_strict_undefined_names(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    expect_error(f, "line\n  {{nope}}", c,
                 "template:2:3: error: undefined name \"nope\"");
    expect_error(f, "{{#a}}\n{{#missing}}{{/missing}}{{/a}}", c,
                 "template:2:1: error: undefined name \"missing\"");
    expect_error(f, "{{^missing}}{{/missing}}", c,
                 "template:1:1: error: undefined name \"missing\"");
    expect_error(f, "x {{a.c}}", c,
                 "template:1:3: error: undefined name \"a.c\": \"a\" has "
                 "no \"c\"");
    expect_error(f, "{{a.b.c}}", c,
                 "template:1:1: error: undefined name \"a.b.c\": \"a.b\" "
                 "has no \"c\"");
}

static void test_strict_unknown_templates(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    expect_error(f, "a\nb {{>nope}}", c,
                 "template:2:3: error: unknown partial \"nope\"");
    expect_error(f, "{{<nope}}{{/nope}}", c,
                 "template:1:1: error: unknown parent \"nope\"");
}

static void test_strict_dynamic_names(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    expect_error(f, "{{>*name}}", c,
                 "template:1:1: error: unknown partial \"dynamic\"");
    expect_error(f, "{{>*missing}}", c,
                 "template:1:1: error: undefined name \"missing\"");
    expect_error(f, "{{>*num}}", c,
                 "template:1:1: error: dynamic name \"num\" is of type "
                 "integer, not a template name");
}

static void test_strict_cannot_interpolate_a_list(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    expect_error(f, "{{list}}", c,
                 "template:1:1: error: cannot interpolate \"list\": it is of "
                 "type sequence");
}

/* Rendering goes on after such errors: each faulty tag is reported once,
 * however often a loop reaches it. */
static void test_strict_each_faulty_tag_once(void **state)
{
    fixture *f = *state;
    f->opts.strict = true;
    const bc_value *three = ctx(f, "l: [1, 2, 3]");
    expect_error(f, "{{#l}}{{a}}\n{{b}}{{/l}}{{c}}", three,
                 "template:1:7: error: undefined name \"a\"");
    assert_int_equal(f->diags.count, 3);
    bc_buf b = BC_BUF_INIT;
    bc_diag_format(&f->diags.items[2], &b);
    assert_string_equal(b.ptr, "template:2:12: error: undefined name \"c\"");
    bc_buf_fini(&b);
}

/* ...up to a limit, then a note. */
static void test_strict_stops_after_the_error_limit(void **state)
{
    fixture *f = *state;
    f->opts.strict = true;
    const bc_value *three = ctx(f, "l: [1, 2, 3]");
    bc_buf b = BC_BUF_INIT;
    for (int i = 0; i < BC_TEMPLATE_MAX_ERRORS + 5; i++)
        bc_buf_printf(&b, "{{u%d}}", i);
    expect_error(f, b.ptr, three,
                 "template:1:1: error: undefined name \"u0\"");
    assert_int_equal(f->diags.count, BC_TEMPLATE_MAX_ERRORS + 1);
    assert_int_equal(f->diags.items[BC_TEMPLATE_MAX_ERRORS].level, BC_NOTE);
    bc_buf_clear(&b);
    bc_diag_format(&f->diags.items[BC_TEMPLATE_MAX_ERRORS], &b);
    assert_string_equal(b.ptr, "template: note: stopped after 20 template "
                               "errors");
    bc_buf_fini(&b);
}

/* An undefined name inside a partial points into the partial. */
static void test_strict_error_inside_a_partial(void **state)
{
    fixture *f = *state;
    const bc_value *c = strict_context(f);
    f->opts.strict = true;
    static const bc_template_entry e2[] = {{"p", "ok\n {{y}}", 0}};
    use_table(f, e2, 1);
    expect_error(f, "{{>p}}", c, "p:2:2: error: undefined name \"y\"");
}

/* A folder of templates for the resolver tests; dir is filled in. */
static const struct {
    const char *name, *text;
} dir_files[] = {{"a.mustache", "A{{x}}"},
                 {"b", "B"},
                 {"sub/c.mustache", "C{{>b}}"},
                 {"bad.mustache", "{{#x}}"},
                 {"both.mustache", "with suffix"},
                 {"both", "without"},
                 {"folder.mustache/x", "in a folder"}};

static void make_template_dir(fixture *f, char *dir)
{
    assert_non_null(mkdtemp(dir));
    bc_buf path = BC_BUF_INIT;
    static const char *const subs[] = {"sub", "folder.mustache"};
    for (size_t i = 0; i < 2; i++) {
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", dir, subs[i]);
        assert_int_equal(mkdir(path.ptr, 0700), 0);
    }
    for (size_t i = 0; i < sizeof dir_files / sizeof *dir_files; i++) {
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", dir, dir_files[i].name);
        FILE *fp = fopen(path.ptr, "w");
        assert_non_null(fp);
        fputs(dir_files[i].text, fp);
        fclose(fp);
    }
    bc_buf_fini(&path);
    f->opts.resolver = bc_resolver_new_dir(dir);
}

static void remove_template_dir(const char *dir)
{
    bc_buf path = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof dir_files / sizeof *dir_files; i++) {
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", dir, dir_files[i].name);
        unlink(path.ptr);
    }
    static const char *const subs[] = {"sub", "folder.mustache"};
    for (size_t i = 0; i < 2; i++) {
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", dir, subs[i]);
        rmdir(path.ptr);
    }
    rmdir(dir);
    bc_buf_fini(&path);
}

/* name.mustache, then name; subfolders; a missing one is nothing. */
static void test_dir_resolver_finds_templates(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    const bc_value *c = ctx(f, "x: 1");
    expect_output(f, "{{>a}}|{{>b}}|{{>sub/c}}|{{>none}}", c, "A1|B|CB|");
    remove_template_dir(dir);
}

/* name.mustache comes before name. */
static void test_dir_resolver_prefers_the_suffix(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    expect_output(f, "{{>both}}", NULL, "with suffix");
    remove_template_dir(dir);
}

/* A folder named like a template, or a path through a file, is no
 * template: nothing, or in strict mode an unknown partial. */
static void test_dir_resolver_skips_what_is_no_file(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    expect_output(f, "({{>folder}})({{>b/x}})", NULL, "()()");
    f->opts.strict = true;
    expect_error(f, "{{>folder}}", NULL,
                 "template:1:1: error: unknown partial \"folder\"");
    expect_error(f, "{{>a.mustache/x}}", NULL,
                 "template:1:1: error: unknown partial \"a.mustache/x\"");
    remove_template_dir(dir);
}

static void test_dir_resolver_refuses_parent_parts(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    expect_error(f, "\n {{>../etc/passwd}}", NULL,
                 "template:2:2: error: cannot load template "
                 "\"../etc/passwd\": a template name must not contain "
                 "empty, \".\" or \"..\" parts");
    expect_error(f, "{{>sub/../a}}", NULL,
                 "template:1:1: error: cannot load template "
                 "\"sub/../a\": a template name must not contain "
                 "empty, \".\" or \"..\" parts");
    remove_template_dir(dir);
}

static void test_dir_resolver_refuses_absolute_names(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    expect_error(f, "{{>/etc/passwd}}", NULL,
                 "template:1:1: error: cannot load template \"/etc/passwd\": "
                 "a template name must be a relative path");
    remove_template_dir(dir);
}

/* A partial that does not compile: its error, then a note at the tag;
 * asked for again, the error is given again (errors are not cached). */
static void test_dir_resolver_reports_bad_templates(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    bc_buf msg = BC_BUF_INIT;
    bc_buf_printf(&msg, "%s/bad.mustache:1:1: error: unclosed section \"x\"",
                  dir);
    expect_error(f, "{{>bad}}", NULL, msg.ptr);
    assert_int_equal(f->diags.count, 2); /* and a note at the tag */
    assert_int_equal(f->diags.items[1].level, BC_NOTE);
    expect_error(f, "{{>bad}}", NULL, msg.ptr);
    assert_int_equal(f->diags.count, 2);
    bc_buf_fini(&msg);
    remove_template_dir(dir);
}

/* A resolver compiles each template once, across renders. */
static int lookups;

static bc_resolve_result counting_find(void *user, const char *name,
                                       bc_buf *text, bc_buf *display,
                                       bc_buf *error)
{
    (void)user, (void)error;
    lookups++;
    if (strcmp(name, "item") != 0)
        return BC_RESOLVE_MISSING;
    bc_buf_puts(display, "builtin:item.mustache");
    bc_buf_puts(text, "<{{.}}>");
    return BC_RESOLVE_FOUND;
}

static void test_resolver_compiles_once(void **state)
{
    fixture *f = *state;
    f->opts.resolver = bc_resolver_new(counting_find, NULL);
    lookups = 0;
    const bc_value *c = ctx(f, "l: [1, 2, 3]");
    expect_output(f, "{{#l}}{{>item}}{{>none}}{{/l}}", c, "<1><2><3>");
    expect_output(f, "{{#l}}{{>item}}{{/l}}", c, "<1><2><3>");
    assert_int_equal(lookups, 2);
}

/* A template found by a resolver is named as the resolver shows it. */
static void test_resolver_names_what_it_found(void **state)
{
    fixture *f = *state;
    f->opts.resolver = bc_resolver_new(counting_find, NULL);
    const bc_template *t;
    bc_pos nowhere = {NULL, 0, 0};
    assert_int_equal(bc_resolver_load(f->opts.resolver, "item", &t, nowhere,
                                      &f->diags),
                     BC_RESOLVE_FOUND);
    assert_string_equal(bc_template_name(t), "builtin:item.mustache");
}

/* ---- a chain of resolvers --------------------------------------------- */

/* The folder over a table, as installed templates over the built-in
 * ones: each name from the folder when it is there, else from the
 * table; a partial of a table template still looks in the folder. */
static void test_chain_falls_back_name_by_name(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    static const bc_template_entry table[] = {
        {"a", "table a", 0}, {"only", "table only {{>b}}", 0}};
    f->opts.resolver = bc_resolver_new_chain(f->opts.resolver,
                                             bc_resolver_new_table(table, 2));
    const bc_value *c = ctx(f, "x: 1");
    expect_output(f, "{{>a}}|{{>only}}|{{>none}}", c, "A1|table only B|");
    f->opts.strict = true;
    expect_error(f, "{{>none}}", NULL,
                 "template:1:1: error: unknown partial \"none\"");

    /* each named where it was found */
    const bc_template *t;
    bc_pos nowhere = {NULL, 0, 0};
    assert_int_equal(bc_resolver_load(f->opts.resolver, "only", &t, nowhere,
                                      &f->diags),
                     BC_RESOLVE_FOUND);
    assert_string_equal(bc_template_name(t), "only");
    assert_int_equal(bc_resolver_load(f->opts.resolver, "a", &t, nowhere,
                                      &f->diags),
                     BC_RESOLVE_FOUND);
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/a.mustache", dir);
    assert_string_equal(bc_template_name(t), path.ptr);
    bc_buf_fini(&path);
    remove_template_dir(dir);
}

/* What the first resolver cannot give (a broken template, a name it
 * refuses) is an error, never the second one's template. */
static void test_chain_does_not_pass_over_errors(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/bctmpl-XXXXXX";
    make_template_dir(f, dir);
    static const bc_template_entry table[] = {{"bad", "fine", 0},
                                              {"../x", "fine", 0}};
    f->opts.resolver = bc_resolver_new_chain(f->opts.resolver,
                                             bc_resolver_new_table(table, 2));
    bc_buf msg = BC_BUF_INIT;
    bc_buf_printf(&msg, "%s/bad.mustache:1:1: error: unclosed section \"x\"",
                  dir);
    expect_error(f, "{{>bad}}", NULL, msg.ptr);
    bc_buf_fini(&msg);
    expect_error(f, "{{>../x}}", NULL,
                 "template:1:1: error: cannot load template \"../x\": a "
                 "template name must not contain empty, \".\" or \"..\" "
                 "parts");
    remove_template_dir(dir);
}

/* Chains chain; freeing the outer one frees them all (ASan's leak check
 * under make check-asan). */
static void test_chains_chain(void **state)
{
    fixture *f = *state;
    static const bc_template_entry one[] = {{"a", "1", 0}};
    static const bc_template_entry two[] = {{"a", "2", 0}, {"b", "2", 0}};
    static const bc_template_entry three[] = {{"c", "3", 0}};
    bc_resolver_free(f->opts.resolver);
    f->opts.resolver = bc_resolver_new_chain(
        bc_resolver_new_table(one, 1),
        bc_resolver_new_chain(bc_resolver_new_table(two, 2),
                              bc_resolver_new_table(three, 1)));
    expect_output(f, "{{>a}}{{>b}}{{>c}}{{>d}}", NULL, "123");
}

/* ---- registered functions --------------------------------------------- */

/* 115000000 -> "115.000.000 đồng": the value on top of the context. */
static bool fn_money(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user;
    const bc_value *v = call->context;
    if (call->section) /* {{#money}}name{{/money}}: the name of the amount */
        v = bc_fn_lookup(call, bc_arena_strndup(user, call->section,
                                                call->section_len));
    if (!v || v->kind != BC_VALUE_INT) {
        bc_fn_error(call, "money: expected an integer amount");
        return false;
    }
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)v->as.integer);
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            bc_buf_putc(out, '.');
        bc_buf_putc(out, digits[i]);
    }
    bc_buf_puts(out, " đồng");
    return true;
}

static bool fn_raw(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)call;
    bc_buf_puts(out, user);
    return true;
}

/* Renders its section, then upper-cases ASCII letters. */
static bool fn_upper(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user;
    size_t start = out->len;
    if (!bc_fn_render(call, call->section, call->section_len, out))
        return false;
    for (size_t i = start; i < out->len; i++)
        if (out->ptr[i] >= 'a' && out->ptr[i] <= 'z')
            out->ptr[i] = (char)(out->ptr[i] - 'a' + 'A');
    return true;
}

static bool fn_fail(void *user, const bc_fn_call *call, bc_buf *out)
{
    (void)user, (void)call, (void)out;
    return false;
}

static char tag_text[] = "<b>{{x}}</b>";
static char broken_text[] = "{{#x}}";

static bc_template_fn_def fns[] = {
    {"money", fn_money, NULL, 0},
    {"tag", fn_raw, tag_text, 0},
    {"expand", fn_raw, tag_text, BC_FN_EXPAND},
    {"upper", fn_upper, NULL, 0},
    {"fail", fn_fail, NULL, 0},
    {"broken", fn_raw, broken_text, BC_FN_EXPAND},
};

static const bc_value *with_functions(fixture *f)
{
    fns[0].user = f->arena;
    f->opts.fns = fns;
    f->opts.fn_count = sizeof fns / sizeof *fns;
    return ctx(f, "total: 115000000\nx: '&'\nname: lan\nmoney: shadowed\n"
                  "rows: [{v: 1000}, {v: 25}]\nbad: text");
}

/* A function reads the value on top of the context. */
static void test_function_of_the_context(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_output(f, "{{#total}}{{money}}{{/total}}", c, "115.000.000 đồng");
    expect_output(f, "{{#rows}}{{#v}}{{money}}{{/v}};{{/rows}}", c,
                  "1.000 đồng;25 đồng;");
}

/* A function as a section gets the section's text. */
static void test_function_of_its_section(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_output(f, "{{#money}}total{{/money}}", c, "115.000.000 đồng");
}

/* Literal results are escaped (interpolation) and never parsed. */
static void test_function_literal_results(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_output(f, "{{tag}}|{{{tag}}}|{{#tag}}x{{/tag}}|{{^tag}}no{{/tag}}",
                  c,
                  "&lt;b&gt;{{x}}&lt;/b&gt;|<b>{{x}}</b>|<b>{{x}}</b>|");
}

/* Expanded results are rendered, then escaped. */
static void test_function_expanded_results(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_output(f, "{{expand}}|{{{expand}}}", c,
                  "&lt;b&gt;&amp;amp;&lt;/b&gt;|<b>&amp;</b>");
}

/* A function can render its section and change the result. */
static void test_function_renders_its_section(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_output(f, "{{#upper}}hi {{name}}{{/upper}}", c, "HI LAN");
}

/* A function's own error, at its tag. */
static void test_function_error(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_error(f, "\n  {{#bad}}{{money}}{{/bad}}", c,
                 "template:2:11: error: money: expected an integer amount");
}

/* A function that fails without saying why. */
static void test_function_failed(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_error(f, "{{fail}}", c,
                 "template:1:1: error: function \"fail\" failed");
}

static void test_function_returns_a_bad_template(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    expect_error(f, "ab {{broken}}", c,
                 "template:1:4: error: function \"broken\" returned an "
                 "invalid template: unclosed section \"x\" (at 1:1 of its "
                 "result)");
}

/* Without the function, the name is the data's again. */
static void test_function_not_registered(void **state)
{
    fixture *f = *state;
    const bc_value *c = with_functions(f);
    f->opts.fns = NULL;
    f->opts.fn_count = 0;
    expect_output(f, "{{money}}", c, "shadowed");
}

/* ---- loop names ------------------------------------------------------- */

static const bc_value *loop_context(fixture *f)
{
    return ctx(f, "items: [a, b, c]\none: [x]\nnested: [[1, 2], [3]]\n"
                  "maps: [{n: p}, {n: q, -last: own}]");
}

static void test_loop_last(void **state)
{
    fixture *f = *state;
    expect_output(f,
                  "{{#items}}{{.}}{{^-last}}; {{/-last}}{{#-last}}.{{/-last}}"
                  "{{/items}}",
                  loop_context(f), "a; b; c.");
}

static void test_loop_index_and_first(void **state)
{
    fixture *f = *state;
    expect_output(f, "{{#items}}{{-index}}{{#-first}}F{{/-first}} {{/items}}",
                  loop_context(f), "1F 2 3 ");
}

/* The only item is the first and the last. */
static void test_loop_of_one(void **state)
{
    fixture *f = *state;
    expect_output(f, "{{#one}}{{-first}}{{-last}}{{-index}}{{/one}}",
                  loop_context(f), "truetrue1");
}

/* In a loop in a loop, the names are the inner loop's. */
static void test_loop_nested(void **state)
{
    fixture *f = *state;
    expect_output(f,
                  "{{#nested}}[{{-index}}:{{#.}}{{-index}}{{.}}"
                  "{{#-last}}.{{/-last}}{{/.}}]{{/nested}}",
                  loop_context(f), "[1:1122.][2:13.]");
}

/* The list frame answers first, even before the item's own keys. */
static void test_loop_names_before_item_keys(void **state)
{
    fixture *f = *state;
    expect_output(f, "{{#maps}}{{n}}{{-index}}{{-last}};{{/maps}}",
                  loop_context(f), "p1false;q2true;");
}

/* Outside a loop they are undefined: nothing, or in strict mode an
 * error. */
static void test_loop_names_outside_a_loop(void **state)
{
    fixture *f = *state;
    const bc_value *c = loop_context(f);
    expect_output(f, "{{-first}}|{{#items}}{{/items}}{{-index}}", c, "|");
    f->opts.strict = true;
    expect_error(f, "{{-first}}", c,
                 "template:1:1: error: undefined name \"-first\"");
}

/* ---- escaping --------------------------------------------------------- */

typedef struct escape_case {
    const char *in;
    const char *md;
    const char *html;
} escape_case;

static const escape_case escape_cases[] = {
    {"", "", ""},
    {"Nguyễn Văn A, Trưởng phòng Kế hoạch – Tài chính",
     "Nguyễn Văn A, Trưởng phòng Kế hoạch – Tài chính",
     "Nguyễn Văn A, Trưởng phòng Kế hoạch – Tài chính"},
    {"Ngày 05/01/2024", "Ngày 05/01/2024", "Ngày 05/01/2024"},
    {"05/01/2024", "05/01/2024", "05/01/2024"},
    {"115.000.000 đồng", "115.000.000 đồng", "115.000.000 đồng"},
    {"Tổng: 1.250.000 đ (50%) - đã duyệt",
     "Tổng: 1.250.000 đ (50%) - đã duyệt",
     "Tổng: 1.250.000 đ (50%) - đã duyệt"},
    {"1. a", "1\\. a", "1. a"},
    {"2) b", "2\\) b", "2) b"},
    {"2024.", "2024\\.", "2024."},
    {"Năm 2024. Tốt", "Năm 2024. Tốt", "Năm 2024. Tốt"},
    {"# x", "\\# x", "# x"},
    {"  # x", "\\# x", "  # x"},
    {"Số #5, C#", "Số \\#5, C#", "Số #5, C#"},
    {"*x*", "\\*x\\*", "*x*"},
    {"_x_ a_b", "\\_x\\_ a\\_b", "_x_ a_b"},
    {"`code`", "\\`code\\`", "`code`"},
    {"[a](javascript:x)", "\\[a\\](javascript:x)", "[a](javascript:x)"},
    {"![i](x.png)", "!\\[i\\](x.png)", "![i](x.png)"},
    {"<script>alert(1)</script>", "\\<script>alert(1)\\</script>",
     "&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"<http://x.y>", "\\<http://x.y>", "&lt;http://x.y&gt;"},
    {"a & b &amp; &#35;", "a \\& b \\&amp; \\&#35;",
     "a &amp; b &amp;amp; &amp;#35;"},
    {"back\\slash\\", "back\\\\slash\\\\", "back\\slash\\"},
    {"\"quoted\" 'single'", "\"quoted\" 'single'",
     "&quot;quoted&quot; &#39;single&#39;"},
    {"a\n- b", "a - b", "a\n- b"},
    {"a\n# b", "a \\# b", "a\n# b"},
    {"a\r\n\r\n  b", "a b", "a\r\n\r\n  b"},
    {"a  \n  b", "a b", "a  \n  b"},
    {"line\n", "line", "line\n"},
    {"\n\nline", "line", "\n\nline"},
    {"- b", "\\- b", "- b"},
    {"-5 độ", "-5 độ", "-5 độ"},
    {"+84 912 345 678", "+84 912 345 678", "+84 912 345 678"},
    {"+ b", "\\+ b", "+ b"},
    {"---", "\\---", "---"},
    {"===", "\\===", "==="},
    {"> quote", "\\> quote", "&gt; quote"},
    {"a > b", "a > b", "a &gt; b"},
    {"~~~", "\\~~~", "~~~"},
    {"a ~ b | c", "a ~ b \\| c", "a ~ b | c"}, /* | ends a table cell */
    {"    code", "code", "    code"},
    {"\tcode", "code", "\tcode"},
    {"  two", "two", "  two"},
    {" Title", "Title", " Title"}, /* after a template's "#" */
    {"trailing  ", "trailing", "trailing  "}, /* no hard break */
};

static void test_escapers(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof escape_cases / sizeof *escape_cases; i++) {
        const escape_case *e = &escape_cases[i];
        bc_buf_clear(&b);
        bc_escape_markdown(e->in, strlen(e->in), &b);
        bc_buf_putc(&b, '\0'); /* b.ptr is a string even when empty */
        if (strcmp(b.ptr, e->md) != 0)
            fail_msg("markdown of \"%s\": got \"%s\", want \"%s\"", e->in,
                     b.ptr, e->md);
        bc_buf_clear(&b);
        bc_escape_html(e->in, strlen(e->in), &b);
        bc_buf_putc(&b, '\0');
        if (strcmp(b.ptr, e->html) != 0)
            fail_msg("html of \"%s\": got \"%s\", want \"%s\"", e->in, b.ptr,
                     e->html);
        bc_buf_clear(&b);
        bc_escape_none(e->in, strlen(e->in), &b);
        bc_buf_putc(&b, '\0');
        assert_string_equal(b.ptr, e->in);
    }
    bc_buf_fini(&b);
}

static const bc_value *escape_context(fixture *f)
{
    return ctx(f, "v: '*a* & <b>'\nn: 1.210\ni: -7\nt: true");
}

/* Markdown escaping for {{x}}, none for {{{x}}} and {{&x}}; numbers and
 * booleans as they print. */
static void test_escape_mode_markdown(void **state)
{
    fixture *f = *state;
    f->opts.escape = bc_escape_markdown;
    expect_output(f, "- {{v}} / {{{v}}} / {{&v}} {{n}} {{i}} {{t}}\n",
                  escape_context(f),
                  "- \\*a\\* \\& \\<b> / *a* & <b> / *a* & <b> 1.21 -7 true\n");
}

static void test_escape_mode_none(void **state)
{
    fixture *f = *state;
    f->opts.escape = bc_escape_none;
    expect_output(f, "{{v}}", escape_context(f), "*a* & <b>");
}

static void test_escape_mode_html(void **state)
{
    fixture *f = *state;
    f->opts.escape = bc_escape_html;
    expect_output(f, "{{v}}", escape_context(f), "*a* &amp; &lt;b&gt;");
}

/* ---- truthiness ------------------------------------------------------- */

static void test_truthiness(void **state)
{
    fixture *f = *state;
    const bc_value *c = ctx(f, "zero: 0\nfz: 0.0\nempty: ''\nlist: []\n"
                               "map: {}\nno: false\nnil: null\ns: x");
    const char *names[] = {"zero", "fz", "empty", "list",
                           "map",  "no", "nil",   "s"};
    const char *want = "zero:T fz:T empty:F list:F map:T no:F nil:F s:T ";
    bc_buf src = BC_BUF_INIT;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        bc_buf_printf(&src, "%s:{{#%s}}T{{/%s}}{{^%s}}F{{/%s}} ", names[i],
                      names[i], names[i], names[i], names[i]);
    expect_output(f, src.ptr, c, want);
    bc_buf_fini(&src);
}

/* ---- scale and reuse -------------------------------------------------- */

/* A list of n mappings {n: i}. */
static bc_value *large_list(fixture *f, int n)
{
    bc_value *root = bc_value_new_map(f->arena);
    bc_value *items = bc_value_new_seq(f->arena);
    for (int i = 0; i < n; i++) {
        bc_value *item = bc_value_new_map(f->arena);
        bc_value_map_set(f->arena, item, "n", bc_value_new_int(f->arena, i));
        bc_value_seq_push(f->arena, items, item);
    }
    bc_value_map_set(f->arena, root, "items", items);
    return root;
}

static const char large_src[] = "{{#items}}<{{-index}}:{{n}}>{{^-last}},"
                                "{{/-last}}{{/items}}";

static void test_large_list(void **state)
{
    fixture *f = *state;
    enum { N = 100000 };
    bc_value *root = large_list(f, N);
    bc_template *t = bc_template_compile("big", large_src, strlen(large_src),
                                         &f->diags);
    assert_non_null(t);
    assert_true(bc_template_render(t, root, &f->opts, &f->out, &f->diags));
    /* "<i+1:i>," per item, the index one digit longer at powers of ten */
    char tmp[32];
    size_t index_digits = 0, n_digits = 0;
    for (int i = 1; i <= N; i++)
        index_digits += (size_t)snprintf(tmp, sizeof tmp, "%d", i);
    for (int i = 0; i < N; i++)
        n_digits += (size_t)snprintf(tmp, sizeof tmp, "%d", i);
    size_t expect_len = (size_t)N * 3 + index_digits + n_digits + (N - 1);
    assert_int_equal(f->out.len, expect_len);
    assert_memory_equal(f->out.ptr, "<1:0>,<2:1>,", 12);
    assert_non_null(strstr(f->out.ptr, ",<50001:50000>,"));
    assert_string_equal(f->out.ptr + f->out.len - 15, ",<100000:99999>");
    bc_template_free(t);
}

/* The same template renders again to the same output. */
static void test_compiled_template_renders_again(void **state)
{
    fixture *f = *state;
    bc_value *root = large_list(f, 1000);
    bc_template *t = bc_template_compile("big", large_src, strlen(large_src),
                                         &f->diags);
    assert_non_null(t);
    assert_true(bc_template_render(t, root, &f->opts, &f->out, &f->diags));
    char *first = bc_buf_detach(&f->out, NULL);
    assert_true(bc_template_render(t, root, &f->opts, &f->out, &f->diags));
    assert_string_equal(f->out.ptr, first);
    free(first);
    bc_template_free(t);
}

static void test_render_twice(void **state)
{
    fixture *f = *state;
    static const bc_template_entry e[] = {
        {"row", "  * {{name}}\n    {{>cell}}\n", 0},
        {"cell", "{{#-first}}first{{/-first}}{{^-first}}more{{/-first}}\n",
         0}};
    use_table(f, e, 2);
    const bc_value *c = ctx(f, "rows: [{name: a}, {name: b}]");
    const char *src = "List:\n{{#rows}}\n  {{>row}}\n{{/rows}}\nEnd\n";
    bc_template *t = bc_template_compile("t", src, strlen(src), &f->diags);
    assert_non_null(t);
    const char *want = "List:\n    * a\n      first\n    * b\n      more\n"
                       "End\n";
    for (int i = 0; i < 2; i++) {
        bc_buf_clear(&f->out);
        assert_true(bc_template_render(t, c, &f->opts, &f->out, &f->diags));
        assert_string_equal(f->out.ptr, want);
    }
    bc_template_free(t);
    assert_int_equal(f->diags.count, 0);
}

static const bc_template_entry indented[] = {
    {"block", "{{$b}}x{{/b}}\ny\n", 0},
    {"detail", "line 1\n{{>more}}\n", 0},
    {"more", "{{v}}\n", 0}};

/* A block opening a line of an indented partial is indented too. */
static void test_indented_partial_block(void **state)
{
    fixture *f = *state;
    use_table(f, indented, 3);
    expect_output(f, "  {{>block}}\n", ctx(f, "v: \"a\\nb\""),
                  "  x\n  y\n");
}

/* Nested standalone partials add up; data lines are not indented. */
static void test_indented_partials_nest(void **state)
{
    fixture *f = *state;
    use_table(f, indented, 3);
    expect_output(f, "- item\n  {{>detail}}\nend\n", ctx(f, "v: \"a\\nb\""),
                  "- item\n  line 1\n  a\nb\nend\n");
}

/* An inline partial takes no indentation. */
static void test_inline_partial_not_indented(void **state)
{
    fixture *f = *state;
    use_table(f, indented, 3);
    expect_output(f, "- {{>detail}}|", ctx(f, "v: \"a\\nb\""),
                  "- line 1\na\nb\n|");
}

static void test_empty_template(void **state)
{
    fixture *f = *state;
    expect_output(f, "", NULL, "");
}

/* Without a context, every name is undefined. */
static void test_null_context(void **state)
{
    fixture *f = *state;
    expect_output(f, "a{{x}}b{{#x}}c{{/x}}{{^x}}d{{/x}}", NULL, "abd");
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* Writes what bc_fn_lookup finds for the section's text: the kind of
 * the value, or "undefined". */
static bool fn_kind(void *user, const bc_fn_call *call, bc_buf *out)
{
    char *name = bc_arena_strndup(user, call->section, call->section_len);
    const bc_value *v = bc_fn_lookup(call, name);
    static const char *const kinds[] = {"null", "bool", "int", "float",
                                        "string", "seq", "map"};
    bc_buf_puts(out, !v ? "undefined"
                        : (size_t)v->kind < sizeof kinds / sizeof *kinds
                            ? kinds[v->kind]
                            : "?");
    bc_buf_putc(out, ';');
    return true;
}

/* A function looks a name up as a tag would: "." is the top of the
 * context, a dotted name stops at a null (defined: null) and is undefined
 * through a list or a missing key. */
static void test_function_looks_names_up(void **state)
{
    fixture *f = *state;
    static bc_template_fn_def kind[] = {{"kind", fn_kind, NULL, 0}};
    kind[0].user = f->arena;
    f->opts.fns = kind;
    f->opts.fn_count = 1;
    const bc_value *c = ctx(f, "a: {b: {c: 1}}\nn: null\nl: [1]\n");
    expect_output(f,
                  "{{#kind}}.{{/kind}}{{#kind}}a.b.c{{/kind}}"
                  "{{#kind}}a.b{{/kind}}{{#kind}}n.x.y{{/kind}}"
                  "{{#kind}}l.x{{/kind}}{{#kind}}a.z{{/kind}}"
                  "{{#kind}}zz{{/kind}}",
                  c, "map;int;map;null;undefined;undefined;undefined;");
}

/* An error while rendering an expanded result names the function and
 * stands at the tag that called it. */
static void test_error_in_a_function_result(void **state)
{
    fixture *f = *state;
    static char missing[] = "x {{nope}}";
    static bc_template_fn_def def[] = {
        {"expand", fn_raw, missing, BC_FN_EXPAND}};
    f->opts.fns = def;
    f->opts.fn_count = 1;
    f->opts.strict = true;
    expect_error(f, "ab\n  {{expand}}", ctx(f, "a: 1"),
                 "template:2:3: error: in the result of function "
                 "\"expand\": undefined name \"nope\"");
}

/* ---- streaming into a sink ---- */

typedef struct collected {
    bc_buf all;
    size_t pieces, largest;
    size_t fail_at; /* the piece that fails (1-based); 0: none */
    bc_diags *diags; /* NULL: it fails without saying why */
} collected;

static bool collect(void *ctx, const char *s, size_t len)
{
    collected *c = ctx;
    c->pieces++;
    if (c->pieces == c->fail_at) {
        bc_pos nowhere = {NULL, 0, 0};
        if (c->diags)
            bc_diag_add(c->diags, BC_ERROR, BC_EX_IOERR, nowhere,
                        "disk full");
        return false;
    }
    bc_buf_append(&c->all, s, len);
    if (len > c->largest)
        c->largest = len;
    return true;
}

/* A list of 20 000 lines, with a function's section over all of it. */
static const char streamed_src[] =
    "head\n{{#l}}line {{.}}\n{{/l}}{{#upper}}{{#l}}x{{.}}{{/l}}{{/upper}}"
    "\ntail";

static const bc_value *long_list(fixture *f)
{
    bc_buf y = BC_BUF_INIT;
    bc_buf_puts(&y, "l: [");
    for (int i = 0; i < 20000; i++)
        bc_buf_printf(&y, "%s%d", i ? ", " : "", i);
    bc_buf_puts(&y, "]");
    const bc_value *c = ctx(f, y.ptr);
    bc_buf_fini(&y);
    return c;
}

/* With a sink the output comes in pieces of about 64 KiB, out emptied
 * after each, and is the same bytes as without; a function's result is
 * never cut (its section renders whole before it is uppercased). */
static void test_sink_gets_the_output_in_pieces(void **state)
{
    fixture *f = *state;
    with_functions(f);
    const bc_value *c = long_list(f);
    char *whole = bc_xstrdup(render(f, streamed_src, c));
    collected got = {BC_BUF_INIT, 0, 0, 0, &f->diags};
    f->opts.sink = collect;
    f->opts.sink_ctx = &got;
    bc_buf_clear(&f->out);
    bc_buf_puts(&f->out, "before|");
    bc_template *t = bc_template_compile("template", streamed_src,
                                         strlen(streamed_src), &f->diags);
    assert_non_null(t);
    assert_true(bc_template_render(t, c, &f->opts, &f->out, &f->diags));
    bc_template_free(t);
    assert_int_equal(f->out.len, 0);
    assert_true(strncmp(got.all.ptr, "before|", 7) == 0);
    assert_string_equal(got.all.ptr + 7, whole);
    assert_true(got.pieces >= strlen(whole) / BC_TEMPLATE_SINK_PIECE);
    /* A piece passes the mark by one step's output at most, except the
     * function's result (about 110 KB), which is put in one step. */
    assert_true(got.largest < 2 * BC_TEMPLATE_SINK_PIECE + 128 * 1024);
    assert_true(strstr(got.all.ptr, "X0X1X2") != NULL);
    free(whole);
    bc_buf_fini(&got.all);
}

/* A sink that fails stops rendering there: false, its diagnostic, no
 * more pieces. */
static void test_sink_failure_stops_rendering(void **state)
{
    fixture *f = *state;
    with_functions(f);
    const bc_value *c = long_list(f);
    collected got = {BC_BUF_INIT, 0, 0, 2, &f->diags};
    f->opts.sink = collect;
    f->opts.sink_ctx = &got;
    assert_null(render(f, streamed_src, c));
    assert_int_equal(got.pieces, 2);
    assert_int_equal(f->diags.count, 1);
    assert_string_equal(f->diags.items[0].message, "disk full");
    assert_int_equal(f->diags.status, BC_EX_IOERR);
    bc_buf_fini(&got.all);
}

/* A sink that fails without a diagnostic is still an error, at the tag
 * where the output stopped, or at the template when it was the last
 * piece. */
static void test_silent_sink_failure_is_an_error(void **state)
{
    fixture *f = *state;
    with_functions(f);
    const bc_value *c = long_list(f);
    collected got = {BC_BUF_INIT, 0, 0, 1, NULL};
    f->opts.sink = collect;
    f->opts.sink_ctx = &got;
    expect_error(f, streamed_src, c,
                 "template:2:12: error: the output could not be written");
    got.pieces = 0;
    expect_error(f, "short", c,
                 "template: error: the output could not be written");
    bc_buf_fini(&got.all);
}

/* ---- lazy lists ------------------------------------------------------- */

/* Item i is {n: i + 1, sub: [a lazy list of i items]}: each made when read,
 * counted, and its arena emptied before the next is made. */
typedef struct counting_maker {
    bc_lazy_maker maker;
    int made;
    bc_arena *last; /* the arena of the last item made */
    size_t last_used;
} counting_maker;

static bc_value *make_counted(const bc_lazy_maker *m, size_t i,
                              bc_arena *arena)
{
    counting_maker *c = (counting_maker *)(void *)m;
    c->made++;
    /* Made in an arena emptied since the item before (or a new one). */
    if (c->last == arena)
        assert_int_equal(bc_arena_used(arena), 0);
    c->last = arena;
    bc_value *item = bc_value_new_map(arena);
    bc_value_map_set(arena, item, "n", bc_value_new_int(arena, (int64_t)i + 1));
    bc_value_map_set(arena, item, "sub",
                     bc_value_new_lazy_seq(arena, NULL, i, (bc_lazy_maker *)m));
    return item;
}

static void test_lazy_list_renders_as_a_list(void **state)
{
    fixture *f = *state;
    counting_maker c = {{make_counted, NULL, NULL}, 0, NULL, 0};
    bc_value *made = bc_value_new_map(f->arena);
    bc_value_map_set(f->arena, made, "n", bc_value_new_cstring(f->arena, "two"));
    bc_value_map_set(f->arena, made, "sub", bc_value_new_seq(f->arena));
    bc_value *items[3] = {NULL, made, NULL};
    bc_value *list = bc_value_new_lazy_seq(f->arena, items, 3, &c.maker);
    bc_value *root = bc_value_new_map(f->arena);
    bc_value_map_set(f->arena, root, "list", list);
    bc_value_map_set(f->arena, root, "none",
                     bc_value_new_lazy_seq(f->arena, NULL, 0, &c.maker));
    assert_ptr_equal(bc_value_lazy_maker(list), &c.maker);
    assert_null(bc_value_lazy_maker(made));
    const char *out = render(f,
                             "{{#list}}{{-index}}:{{n}}[{{#sub}}{{n}}{{/sub}}]"
                             "{{^-last}},{{/-last}}{{/list}}"
                             "{{^none}} none{{/none}}{{#none}}?{{/none}}",
                             root);
    assert_non_null(out);
    /* The third item's sub-list made 1 and 2 in arenas of their own. */
    assert_string_equal(out, "1:1[],2:two[],3:3[12] none");
    assert_int_equal(c.made, 4); /* items 1 and 3, then 3's two */
    /* Read again, made again: the same text. */
    out = render(f, "{{#list}}{{n}}{{/list}}", root);
    assert_string_equal(out, "1two3");
    assert_int_equal(c.made, 6);
}

/* A reader's finish is called on each item made, not on those made
 * already. */
static void finish_mark(void *ctx, bc_value *item, bc_arena *arena)
{
    (*(int *)ctx)++;
    bc_value_map_set(arena, item, "marked", bc_value_new_bool(arena, true));
}

static void test_lazy_list_items_finished(void **state)
{
    fixture *f = *state;
    counting_maker c = {{make_counted, NULL, NULL}, 0, NULL, 0};
    int finished = 0;
    c.maker.finish = finish_mark;
    c.maker.finish_ctx = &finished;
    bc_value *made = bc_value_new_map(f->arena);
    bc_value_map_set(f->arena, made, "n", bc_value_new_int(f->arena, 9));
    bc_value *items[2] = {made, NULL};
    bc_value *root = bc_value_new_map(f->arena);
    bc_value_map_set(f->arena, root, "list",
                     bc_value_new_lazy_seq(f->arena, items, 2, &c.maker));
    const char *out =
        render(f, "{{#list}}{{n}}{{#marked}}*{{/marked}} {{/list}}", root);
    assert_string_equal(out, "9 2* ");
    assert_int_equal(finished, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_compile_errors),
        T(test_lazy_list_renders_as_a_list),
        T(test_lazy_list_items_finished),
        T(test_tag_of_the_limit),
        T(test_tag_past_the_limit),
        T(test_long_comment),
        T(test_nesting_of_the_limit),
        T(test_nesting_past_the_limit),
        T(test_template_of_the_size_limit),
        T(test_template_past_the_size_limit),
        T(test_partial_depth_default),
        T(test_partial_depth_chosen),
        T(test_partial_depth_capped),
        T(test_recursion_that_ends),
        T(test_block_inside_its_override),
        T(test_blocks_count_towards_depth),
        T(test_steps_counted),
        T(test_step_budget_stops_at_its_place),
        T(test_step_budget_stops_nested_sections),
        T(test_step_budget_stops_chained_partials),
        T(test_output_budget),
        T(test_sink_gets_the_output_in_pieces),
        T(test_sink_failure_stops_rendering),
        T(test_silent_sink_failure_is_an_error),
        T(test_dir_template_past_the_size_limit),
        T(test_not_strict_unknown_is_nothing),
        T(test_strict_defined_names),
        T(test_strict_undefined_names),
        T(test_strict_unknown_templates),
        T(test_strict_dynamic_names),
        T(test_strict_cannot_interpolate_a_list),
        T(test_strict_each_faulty_tag_once),
        T(test_strict_stops_after_the_error_limit),
        T(test_strict_error_inside_a_partial),
        T(test_dir_resolver_finds_templates),
        T(test_dir_resolver_prefers_the_suffix),
        T(test_dir_resolver_skips_what_is_no_file),
        T(test_dir_resolver_refuses_parent_parts),
        T(test_dir_resolver_refuses_absolute_names),
        T(test_dir_resolver_reports_bad_templates),
        T(test_resolver_compiles_once),
        T(test_resolver_names_what_it_found),
        T(test_chain_falls_back_name_by_name),
        T(test_chain_does_not_pass_over_errors),
        T(test_chains_chain),
        T(test_function_of_the_context),
        T(test_function_of_its_section),
        T(test_function_literal_results),
        T(test_function_expanded_results),
        T(test_function_renders_its_section),
        T(test_function_error),
        T(test_function_failed),
        T(test_function_returns_a_bad_template),
        T(test_function_not_registered),
        T(test_function_looks_names_up),
        T(test_error_in_a_function_result),
        T(test_loop_last),
        T(test_loop_index_and_first),
        T(test_loop_of_one),
        T(test_loop_nested),
        T(test_loop_names_before_item_keys),
        T(test_loop_names_outside_a_loop),
        T(test_escapers),
        T(test_escape_mode_markdown),
        T(test_escape_mode_none),
        T(test_escape_mode_html),
        T(test_truthiness),
        T(test_large_list),
        T(test_compiled_template_renders_again),
        T(test_render_twice),
        T(test_indented_partial_block),
        T(test_indented_partials_nest),
        T(test_inline_partial_not_indented),
        T(test_empty_template),
        T(test_null_context),
    };
    return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
