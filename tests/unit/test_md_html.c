/* test_md_html.c - Markdown to HTML in parts: the same HTML as libcmark
 * gives for the whole document, in bounded memory. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/cite.h"
#include "bcreport/md_html.h"

/* A small deterministic generator (the tests must not vary between runs). */
static unsigned long rng_state = 1;

static unsigned pick(unsigned n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Pieces of values: plain words, every ASCII punctuation character that
 * means something to CommonMark, blanks (Unicode ones too), line breaks,
 * Vietnamese letters, entities and a URL. */
static const char *const value_pieces[] = {
    "a", "bc", " ", "  ", "\t", "\n", "\\", "*", "_", "[", "]", "(", ")",
    "<", ">", "&", "\"", "'", "!", "#", "`", "-", "+", "=", "~", ".", "1",
    "23", ":", ";", "|", "ơ", "Đ", "\xC2\xA0", "\xE2\x80\x83", "amp;",
    "#39;", "http://x.vn", "x@y.vn", "**", "__", "![", "](", "\\*",
};

/* Pieces of template text: what Markdown templates are made of, the
 * built-in ones' and others. */
static const char *const template_pieces[] = {
    "", " ", "\n", "\n\n", "## ", "### 1. ", "#### a) ", "- ", "  + ",
    "1. ", "2) ", "> ", "    ", "\\* **", ":** ", "**", "*", "_", " *",
    "* ", "[", "](http://x)", "`", "<b>", "&", "&#", ";", "!", "\\", ".",
    ")", ". ", ") ", "./.", "2", "x", "Kính gửi: ", "\n---\n", "\n===\n",
    "```\n", "~~~\n", "<!-- ", " -->", "[r]: /u\n", "\xEE\x80\x80",
};

static void random_text(bc_buf *out, const char *const *pieces, size_t n,
                        unsigned max)
{
    unsigned count = pick(max + 1);
    for (unsigned i = 0; i < count; i++)
        bc_buf_puts(out, pieces[pick((unsigned)n)]);
}

/* A value as the view writes it: text with citations' italics, through
 * bc_cite_finish_markdown. */
static void view_value(bc_buf *out)
{
    bc_buf raw = BC_BUF_INIT;
    random_text(&raw, value_pieces, COUNT(value_pieces), 4);
    bc_buf_puts(&raw, " (\x01sau đây gọi tắt là ");
    random_text(&raw, value_pieces, COUNT(value_pieces), 3);
    bc_buf_puts(&raw, "x\x02)");
    random_text(&raw, value_pieces, COUNT(value_pieces), 3);
    bc_cite_finish_markdown(raw.ptr, raw.len, out);
    bc_buf_fini(&raw);
}

/* Adds a value of one of three kinds: escaped by the template ({{x}}),
 * from the view ({{{x}}}), or raw Markdown ({{{x}}} of anything). */
static void add_random_value(bc_md_parts *p)
{
    bc_buf v = BC_BUF_INIT;
    unsigned kind = pick(3);
    if (kind == 1)
        view_value(&v);
    else
        random_text(&v, value_pieces, COUNT(value_pieces), 6);
    bc_md_parts_add(p, v.ptr, v.len, kind == 0);
    bc_buf_fini(&v);
}

/* Converts p both ways; the HTML must be the same.  Returns whether the
 * fast way applied. */
static bool check_same_html(const bc_md_parts *p)
{
    bc_buf md = BC_BUF_INIT, whole = BC_BUF_INIT, parts = BC_BUF_INIT;
    bc_md_parts_markdown(p, &md);
    bc_markdown_to_html(md.ptr, md.len, &whole);
    bool fast = bc_md_parts_fast_html(p, &parts);
    if (fast && strcmp(parts.ptr, whole.ptr) != 0)
        fail_msg("Markdown:\n%s\nskeleton:\n%s\ncmark:\n%s\nin parts:\n%s",
                 md.ptr, p->skeleton.ptr, whole.ptr,
                 parts.ptr);
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf_clear(&parts);
    bc_pos where = {"t.yaml", 0, 0};
    assert_true(bc_md_parts_to_html(p, &parts, where, &diags));
    assert_string_equal(parts.ptr, whole.ptr);
    bc_diags_fini(&diags);
    bc_buf_fini(&md);
    bc_buf_fini(&whole);
    bc_buf_fini(&parts);
    return fast;
}

/* Random templates and values: the parts give cmark's HTML for the whole
 * document, whether the fast way applies or not. */
static void test_parts_give_cmark_html(void **state)
{
    (void)state;
    rng_state = 1;
    size_t fast = 0, runs = 20000;
    for (size_t run = 0; run < runs; run++) {
        bc_md_parts p;
        bc_md_parts_init(&p);
        unsigned n = 1 + pick(6);
        for (unsigned i = 0; i < n; i++) {
            random_text(&p.skeleton, template_pieces,
                        COUNT(template_pieces), 3);
            add_random_value(&p);
        }
        random_text(&p.skeleton, template_pieces, COUNT(template_pieces), 2);
        fast += check_same_html(&p);
        bc_md_parts_fini(&p);
    }
    /* Both ways are exercised. */
    assert_true(fast > runs / 10);
    assert_true(fast < runs - runs / 10);
}

/* The places the built-in templates give values (body.md, block.md,
 * delegation.md, aid_project.md, closing.md), before and after each. */
static const char *const builtin_places[][2] = {
    {"## I. ", "\n\n"},         {"### 1. ", "\n\n"},
    {"#### a) ", "\n\n"},       {"", "\n\n"},
    {"- ", "\n\n"},             {"  + ", "\n\n"},
    {"\\* **", ":** "},         {"", "\n\n"},
    {"\\* **Nguyên nhân:** ", "\n\n"},
    {"Kính đề nghị ", ":\n\n"}, {"Trong năm ", ", "},
    {" tham gia ", " đi "},     {"tại ", ".\n\n"},
    {"Năm ", ", "},             {" theo quy định tại ", "; hiện nay "},
    {" là ", "."},              {"", "./."},
};

/* Whatever the data, a value in a built-in template's place takes the
 * fast way: data cannot send the body through libcmark whole. */
static void test_data_cannot_avoid_fast_way(void **state)
{
    (void)state;
    rng_state = 7;
    for (size_t run = 0; run < 20000; run++) {
        bc_md_parts p;
        bc_md_parts_init(&p);
        unsigned n = 1 + pick(6);
        for (unsigned i = 0; i < n; i++) {
            const char *const *place = builtin_places[pick(
                (unsigned)COUNT(builtin_places))];
            bc_buf_puts(&p.skeleton, place[0]);
            bc_buf v = BC_BUF_INIT;
            bool escape = pick(2);
            if (escape)
                random_text(&v, value_pieces, COUNT(value_pieces), 8);
            else
                view_value(&v);
            bc_md_parts_add(&p, v.ptr, v.len, escape);
            bc_buf_puts(&p.skeleton, place[1]);
            bc_buf_fini(&v);
        }
        if (!check_same_html(&p)) {
            bc_buf md = BC_BUF_INIT;
            bc_md_parts_markdown(&p, &md);
            fail_msg("the whole document went through cmark:\n%s", md.ptr);
        }
        bc_md_parts_fini(&p);
    }
}

/* A template that puts a value in a link sends the whole body through
 * libcmark, whose memory grows with the markup: past the limit, an error
 * rather than gigabytes. */
static void test_markup_limit(void **state)
{
    (void)state;
    bc_md_parts p;
    bc_md_parts_init(&p);
    bc_buf v = BC_BUF_INIT;
    for (int i = 0; i < BC_MD_HTML_MAX_MARKUP; i++)
        bc_buf_putc(&v, '[');
    bc_buf_puts(&p.skeleton, "[");
    bc_md_parts_add(&p, v.ptr, v.len, true);
    bc_buf_puts(&p.skeleton, "](http://x)\n");
    bc_buf html = BC_BUF_INIT;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_pos where = {"t.yaml", 0, 0};
    assert_false(bc_md_parts_to_html(&p, &html, where, &diags));
    assert_int_equal(html.len, 0);
    assert_int_equal(diags.count, 1);
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&diags.items[0], &line);
    assert_string_equal(line.ptr,
                        "t.yaml: error: the HTML would need the whole body "
                        "converted at once (its template puts a value where "
                        "it is not plain text), and it has 500003 characters "
                        "of markup, more than the limit of 250000");
    bc_buf_fini(&line);
    bc_diags_fini(&diags);
    bc_buf_fini(&html);
    bc_buf_fini(&v);
    bc_md_parts_fini(&p);
}

/* ---- libcmark's safe mode: raw HTML and dangerous links never pass ---- */

/* Straight to cmark: raw HTML blocks and inline tags become comments,
 * javascript: and data: links lose their target. */
static void test_markdown_to_html_is_safe(void **state)
{
    (void)state;
    static const char md[] =
        "<script>alert(1)</script>\n\nx <b>bold</b> [l](javascript:alert(2)) "
        "![i](data:x) <a href=\"javascript:alert(3)\">a</a>\n";
    bc_buf html = BC_BUF_INIT;
    bc_markdown_to_html(md, strlen(md), &html);
    assert_string_equal(html.ptr,
                        "<!-- raw HTML omitted -->\n"
                        "<p>x <!-- raw HTML omitted -->bold<!-- raw HTML "
                        "omitted --> <a href=\"\">l</a> <img src=\"\" "
                        "alt=\"i\" /> <!-- raw HTML omitted -->a<!-- raw HTML "
                        "omitted --></p>\n");
    bc_buf_fini(&html);
}

/* Converts parts the way a build does. */
static void parts_html(const bc_md_parts *p, bc_buf *html)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_pos where = {"t.yaml", 0, 0};
    assert_true(bc_md_parts_to_html(p, html, where, &diags));
    assert_int_equal(diags.count, 0);
    bc_diags_fini(&diags);
}

/* A template of one's own with raw HTML: the whole body goes through
 * libcmark, still in its safe mode. */
static void test_parts_template_raw_html_is_dropped(void **state)
{
    (void)state;
    bc_md_parts p;
    bc_md_parts_init(&p);
    bc_buf_puts(&p.skeleton, "<div onclick=\"alert(1)\">\n\nKính gửi: ");
    bc_md_parts_add(&p, "Sở Ngoại vụ", strlen("Sở Ngoại vụ"), true);
    bc_buf_puts(&p.skeleton, " [x](javascript:alert(2))\n");
    bc_buf html = BC_BUF_INIT;
    parts_html(&p, &html);
    assert_string_equal(html.ptr, "<!-- raw HTML omitted -->\n"
                                  "<p>Kính gửi: Sở Ngoại vụ <a href=\"\">x</a>"
                                  "</p>\n");
    bc_buf_fini(&html);
    bc_md_parts_fini(&p);
}

/* A value written unescaped ({{{x}}}) with raw HTML in it. */
static void test_parts_value_raw_html_is_dropped(void **state)
{
    (void)state;
    bc_md_parts p;
    bc_md_parts_init(&p);
    bc_buf_puts(&p.skeleton, "Kính gửi: ");
    static const char v[] = "<script>alert(1)</script>";
    bc_md_parts_add(&p, v, strlen(v), false);
    bc_buf_puts(&p.skeleton, "\n");
    bc_buf html = BC_BUF_INIT;
    parts_html(&p, &html);
    assert_string_equal(html.ptr, "<p>Kính gửi: <!-- raw HTML omitted -->"
                                  "alert(1)<!-- raw HTML omitted --></p>\n");
    bc_buf_fini(&html);
    bc_md_parts_fini(&p);
}

/* A body that goes through libcmark whole with a value of n "[": 2 n + 2
 * characters of markup, and one more with a final line break. */
static void bracket_body(bc_md_parts *p, int n, bool line_break)
{
    bc_md_parts_init(p);
    bc_buf v = BC_BUF_INIT;
    for (int i = 0; i < n; i++)
        bc_buf_putc(&v, '[');
    bc_buf_puts(&p->skeleton, "[");
    bc_md_parts_add(p, v.ptr, v.len, true);
    bc_buf_puts(&p->skeleton, line_break ? "](http://x)\n" : "](http://x)");
    bc_buf_fini(&v);
}

/* Exactly the limit of markup is converted... */
static void test_markup_of_the_limit(void **state)
{
    (void)state;
    bc_md_parts p;
    bracket_body(&p, (BC_MD_HTML_MAX_MARKUP - 2) / 2, false);
    bc_buf html = BC_BUF_INIT;
    parts_html(&p, &html);
    assert_true(strncmp(html.ptr, "<p><a href=\"http://x\">[[[", 25) == 0);
    bc_buf_fini(&html);
    bc_md_parts_fini(&p);
}

/* ...one character more is not. */
static void test_markup_past_the_limit(void **state)
{
    (void)state;
    bc_md_parts p;
    bracket_body(&p, (BC_MD_HTML_MAX_MARKUP - 2) / 2, true);
    bc_buf html = BC_BUF_INIT;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_pos where = {"t.yaml", 0, 0};
    assert_false(bc_md_parts_to_html(&p, &html, where, &diags));
    assert_int_equal(html.len, 0);
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&diags.items[0], &line);
    assert_string_equal(line.ptr,
                        "t.yaml: error: the HTML would need the whole body "
                        "converted at once (its template puts a value where "
                        "it is not plain text), and it has 250001 characters "
                        "of markup, more than the limit of 250000");
    bc_buf_fini(&line);
    bc_diags_fini(&diags);
    bc_buf_fini(&html);
    bc_md_parts_fini(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts_give_cmark_html),
        cmocka_unit_test(test_data_cannot_avoid_fast_way),
        cmocka_unit_test(test_markup_limit),
        cmocka_unit_test(test_markup_of_the_limit),
        cmocka_unit_test(test_markup_past_the_limit),
        cmocka_unit_test(test_markdown_to_html_is_safe),
        cmocka_unit_test(test_parts_template_raw_html_is_dropped),
        cmocka_unit_test(test_parts_value_raw_html_is_dropped),
    };
    return cmocka_run_group_tests_name("md_html", tests, NULL, NULL);
}
