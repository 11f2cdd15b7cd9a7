/*
 * test_view.c - the lazy view (view.h, bc_view_build_lazy): it prints
 * what the whole view prints, byte for byte, in every format; it makes
 * at once only what cites, and counts against the citations' budget in
 * the same order, with the same errors.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/arena.h"
#include "bcreport/build.h"
#include "bcreport/chars.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/docx.h"
#include "bcreport/report.h"
#include "bcreport/template.h"
#include "bcreport/view.h"

static const char *const inputs[] = {
    "data/2023.yaml", "data/2025-xa.yaml", "data/2026-xa.yaml",
    "tests/fixtures/lazy-mixed.yaml"};

typedef bc_value *(*view_fn)(const bc_report *, const bc_writer *,
                             bc_arena *, bc_cite_record *, bc_diags *);

/* The document of path in format (md, html, docx), the view made by
 * build; the diagnostics formatted into diags_text. */
static void render(const char *path, const char *format, view_fn build,
                   bc_buf *out, bc_buf *diags_text)
{
    bc_arena *report_arena = bc_arena_new();
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_load(path, report_arena, &diags);
    assert_non_null(r);
    bool docx = !strcmp(format, "docx");
    bool md = !strcmp(format, "md");
    const bc_writer *writer = docx ? &bc_writer_wml
                              : md ? &bc_writer_markdown
                                   : &bc_writer_html;
    bc_value *view = build(r, writer, arena, NULL, &diags);
    if (view) {
        bc_resolver *resolver = bc_resolver_new_table(
            bc_default_templates, bc_default_template_count);
        bool ok = docx ? bc_docx_write(view, arena, resolver, NULL, out,
                                       &diags)
                       : bc_view_render(resolver,
                                        md ? BC_TEMPLATE_MD
                                           : BC_TEMPLATE_HTML,
                                        view, NULL, out, &diags);
        assert_true(ok);
        bc_resolver_free(resolver);
    }
    for (size_t i = 0; i < diags.count; i++) {
        bc_diag_format(&diags.items[i], diags_text);
        bc_buf_putc(diags_text, '\n');
    }
    bc_diags_fini(&diags);
    bc_arena_free(arena); /* the lazy view's last reading done */
    bc_arena_free(report_arena);
}

static void expect_same(const char *path, const char *format)
{
    bc_buf whole = BC_BUF_INIT, lazy = BC_BUF_INIT;
    bc_buf whole_diags = BC_BUF_INIT, lazy_diags = BC_BUF_INIT;
    render(path, format, bc_view_build, &whole, &whole_diags);
    render(path, format, bc_view_build_lazy, &lazy, &lazy_diags);
    assert_true(whole.len > 1000);
    if (whole.len != lazy.len || memcmp(whole.ptr, lazy.ptr, whole.len))
        fail_msg("%s to %s: the lazy view prints otherwise (%zu bytes, "
                 "not %zu)",
                 path, format, lazy.len, whole.len);
    assert_string_equal(lazy_diags.ptr, whole_diags.ptr);
    bc_buf_fini(&whole);
    bc_buf_fini(&lazy);
    bc_buf_fini(&whole_diags);
    bc_buf_fini(&lazy_diags);
}

/* Every example and a report that mixes what cites and what does not
 * (every kind of activity, self_name standing in, typed rows, items with
 * points, tables, causes), in the three formats. */
static void test_lazy_view_prints_the_same(void **state)
{
    (void)state;
    static const char *const formats[] = {"md", "html", "docx"};
    for (size_t i = 0; i < BC_COUNT(inputs); i++)
        for (size_t f = 0; f < BC_COUNT(formats); f++)
            expect_same(inputs[i], formats[f]);
}

/* ---- what is made at once ---- */

typedef struct census {
    size_t lazy_lists;
    size_t made;    /* items of lazy lists made at once */
    size_t pending; /* and those left to be made */
} census;

static void count_items(const bc_value *v, census *c)
{
    if (v->kind == BC_VALUE_SEQ) {
        bool lazy = bc_value_lazy_maker(v) != NULL;
        c->lazy_lists += lazy;
        for (size_t i = 0; i < v->as.seq.count; i++) {
            const bc_value *item = v->as.seq.items[i];
            if (lazy && item)
                c->made++;
            if (lazy && !item)
                c->pending++;
            if (item)
                count_items(item, c);
        }
    } else if (v->kind == BC_VALUE_MAP) {
        for (size_t i = 0; i < v->as.map.count; i++)
            count_items(v->as.map.members[i].value, c);
    }
}

static census census_of(const char *path)
{
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_load(path, arena, &diags);
    assert_non_null(r);
    bc_value *view = bc_view_build_lazy(r, &bc_writer_markdown, arena, NULL,
                                        &diags);
    assert_non_null(view);
    census c = {0, 0, 0};
    count_items(view, &c);
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    return c;
}

/* lazy-mixed.yaml.  Made at once: an item that cites, holds points or a
 * table, or is the limitations (closed by their causes); an activity or a
 * row that cites.  The rest waits to be read. */
static void test_lazy_view_makes_what_cites(void **state)
{
    (void)state;
    census c = census_of("tests/fixtures/lazy-mixed.yaml");
    /* The items of the three parts; the activities of results' items 1,
     * 2, its point a) and 3; the rows of item 4's two tables and of
     * plans' item 5's.  Point b) and item 4 have no activities: an empty
     * list is a plain one. */
    assert_int_equal(c.lazy_lists, 10);
    /* Results' 1 to 4 (each cites, or holds points or tables), the
     * limitations, plans' 1 (cites), 4 (points), 5 (a table); a
     * delegation, a visit, an aid project, an event and a row that
     * cite. */
    assert_int_equal(c.made, 13);
    /* The strengths, plans' 2 and 3; four activities of item 1, two of
     * item 2, one of its point a), two of item 3; two rows of each table
     * of item 4, one of plans' 5. */
    assert_int_equal(c.pending, 17);
}

/* ---- the budget ---- */

/* The diagnostics of building yaml's view, one a line. */
static void view_errors(const char *yaml, view_fn build, bc_buf *out)
{
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", yaml, strlen(yaml), arena,
                                   &diags);
    assert_non_null(r);
    assert_null(build(r, &bc_writer_markdown, arena, NULL, &diags));
    for (size_t i = 0; i < diags.count; i++) {
        bc_diag_format(&diags.items[i], out);
        bc_buf_putc(out, '\n');
    }
    bc_diags_fini(&diags);
    bc_arena_free(arena);
}

/* The errors of yaml's view, built whole and lazily: the same for both
 * (malloc'd). */
static char *same_errors(const char *yaml)
{
    bc_buf whole = BC_BUF_INIT, lazy = BC_BUF_INIT;
    view_errors(yaml, bc_view_build, &whole);
    view_errors(yaml, bc_view_build_lazy, &lazy);
    assert_string_equal(lazy.ptr, whole.ptr);
    bc_buf_fini(&whole);
    return bc_buf_detach(&lazy, NULL);
}

/* lazy-mixed.yaml with from replaced by to (malloc'd). */
static char *mixed_with(const char *from, const char *to)
{
    size_t len;
    char *text = tu_read_file("tests/fixtures/lazy-mixed.yaml", &len);
    assert_non_null(text);
    char *yaml = tu_replaced(text, from, to);
    free(text);
    return yaml;
}

/* self_name, long, stands in for the hosts of events made lazily, with an
 * event that cites (made at once) among them: what passes the budget,
 * and where, is what the whole view says. */
static void test_lazy_view_counts_in_document_order(void **state)
{
    (void)state;
    bc_buf name = BC_BUF_INIT;
    bc_buf_puts(&name, "self_name: \"UBND ");
    for (int i = 0; i < 200000; i++)
        bc_buf_putc(&name, 'x');
    bc_buf_putc(&name, '"');
    char *step = mixed_with("self_name: \"UBND xã\"", name.ptr);
    bc_buf events = BC_BUF_INIT;
    bc_buf_puts(&events, "events:\n");
    for (int i = 0; i < 8; i++)
        bc_buf_printf(&events,
                      "          - {title: \"Sự kiện %d%s\", date: "
                      "2026-01-0%d, place: \"Hội trường xã\"}\n",
                      i + 1, i == 1 ? " theo [@ct12]" : "", i + 1);
    bc_buf_puts(&events, "          - title: \"Lễ bàn giao nhà tình thương\"");
    char *yaml = tu_replaced(step,
                             "events:\n          - title: \"Lễ bàn giao "
                             "nhà tình thương\"",
                             events.ptr);
    char *errors = same_errors(yaml);
    /* Two visits' hosts, two aid projects' partners and the point a)'s
     * event's host come first: the first stand-in is free, each next
     * 200 KB, and the seventh passes 1 MiB, at the second event, which
     * cites and is made at once, between events made lazily. */
    assert_string_equal(errors,
                        "t.yaml:185:21: error: self_name stands in for a "
                        "partner or a host once more, past the limit of "
                        "1048576 bytes that citations and repeated text "
                        "may print in a document\n");
    free(errors);
    free(yaml);
    free(step);
    bc_buf_fini(&events);
    bc_buf_fini(&name);
}

/* An item of more points than there are letters: the error of the whole
 * view, though nothing in it cites (such an item is made at once). */
static void test_lazy_view_letters_points(void **state)
{
    (void)state;
    bc_buf points = BC_BUF_INIT;
    bc_buf_puts(&points, "    - title: \"Các điểm\"\n      items:\n");
    for (int i = 0; i < 30; i++)
        bc_buf_printf(&points, "        - title: \"Điểm %d\"\n", i + 1);
    char *yaml = mixed_with("    - title: \"Các điểm\"\n      items:\n"
                            "        - title: \"Điểm thứ nhất\"\n"
                            "        - title: \"Điểm thứ hai\"\n",
                            points.ptr);
    char *errors = same_errors(yaml);
    /* Points 24 to 30, each at its title. */
    assert_non_null(strstr(errors, "t.yaml:267:18: error: item 24 cannot "
                                   "be numbered: the Vietnamese letters "
                                   "a) to y) stop at 23; split the "
                                   "list\n"));
    assert_non_null(strstr(errors, "t.yaml:273:18: error: item 30"));
    free(errors);
    free(yaml);
    bc_buf_fini(&points);
}

int main(void)
{
    tu_default_signals();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lazy_view_prints_the_same),
        cmocka_unit_test(test_lazy_view_makes_what_cites),
        cmocka_unit_test(test_lazy_view_counts_in_document_order),
        cmocka_unit_test(test_lazy_view_letters_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
