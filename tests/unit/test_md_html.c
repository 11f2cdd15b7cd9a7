/* test_md_html.c - reading Markdown through libcmark, and the writers of
 * the report's texts (md_html.h, writer.h). */
#include "testutil.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/escape.h"
#include "bcreport/md_html.h"
#include "bcreport/writer.h"

static char *html_of(const char *md)
{
    bc_buf out = BC_BUF_INIT;
    bc_markdown_to_html(md, strlen(md), &out);
    return bc_buf_detach(&out, NULL);
}

/* libcmark runs in its safe mode: raw HTML and javascript: links that
 * reach it anyway become harmless. */
static void test_raw_html_is_omitted(void **state)
{
    (void)state;
    char *html = html_of("<script>alert(1)</script>\n\nx <b onclick=\"y\">z</b>"
                         " [a](javascript:alert(1))\n");
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b "));
    assert_null(strstr(html, "javascript:"));
    assert_non_null(strstr(html, "<!-- raw HTML omitted -->"));
    assert_non_null(strstr(html, "<a href=\"\">a</a>"));
    free(html);
}

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

/* What a sink hears, as a string: [b] [/b] [i] [/i] around the text. */
static void log_text(void *user, const char *s, size_t len)
{
    bc_buf_append(user, s, len);
}

static void log_strong(void *user, bool open)
{
    bc_buf_puts(user, open ? "[b]" : "[/b]");
}

static void log_emph(void *user, bool open)
{
    bc_buf_puts(user, open ? "[i]" : "[/i]");
}

static void expect_inline(const char *md, const char *want)
{
    bc_buf got = BC_BUF_INIT;
    bc_inline_sink sink = {&got, log_text, log_strong, log_emph};
    bc_md_inline(md, strlen(md), &sink);
    assert_string_equal(got.ptr, want);
    bc_buf_fini(&got);
}

static void test_inline_emphasis(void **state)
{
    (void)state;
    expect_inline("**Kết quả:** đạt *tốt*", "[b]Kết quả:[/b] đạt [i]tốt[/i]");
    expect_inline("\\*\\*not bold\\*\\* a \\[b\\]", "**not bold** a [b]");
    expect_inline("***both***", "[i][b]both[/b][/i]");
    expect_inline("a\nb", "a b");
}

static char *written(const bc_writer *w, const char *s, bool rich)
{
    bc_buf out = BC_BUF_INIT;
    w->text(s, strlen(s), rich, &out);
    return bc_buf_detach(&out, NULL);
}

static void expect_written(const bc_writer *w, const char *s, bool rich,
                           const char *want)
{
    char *got = written(w, s, rich);
    assert_string_equal(got, want);
    free(got);
}

/* Narrative keeps the clerk's bold and italic; other text keeps none. */
static void test_rich_text(void **state)
{
    (void)state;
    const char *s = "**Kết quả:** <b>x</b> & *tốt*";
    expect_written(&bc_writer_markdown, s, true,
                   "**Kết quả:** \\<b>x\\</b> \\& *tốt*");
    expect_written(&bc_writer_markdown, s, false,
                   "\\*\\*Kết quả:\\*\\* \\<b>x\\</b> \\& \\*tốt\\*");
    expect_written(&bc_writer_html, s, true,
                   "<strong>Kết quả:</strong> &lt;b&gt;x&lt;/b&gt; &amp; "
                   "<em>tốt</em>");
    expect_written(&bc_writer_html, s, false,
                   "**Kết quả:** &lt;b&gt;x&lt;/b&gt; &amp; *tốt*");
}

/* Rich text cannot start a list or a rule, link, or hold code. */
static void test_rich_text_stays_inline(void **state)
{
    (void)state;
    expect_written(&bc_writer_markdown, "* a", true, "\\* a");
    expect_written(&bc_writer_markdown, "***", true, "\\***");
    expect_written(&bc_writer_markdown, "[a](b) `c`", true,
                   "\\[a\\](b) \\`c\\`");
    expect_written(&bc_writer_html, "* a", true, "* a");
}

/* Marks made by bcreport: italics, literal text (never markup), numbers
 * that never break. */
static void test_marks(void **state)
{
    (void)state;
    char s[] = "Kế hoạch số \x05" "92/KH-UBND\x06 (\x01sau đây\x02) \x03*x*\x04";
    expect_written(&bc_writer_markdown, s, true,
                   "Kế hoạch số 92/KH-UBND (*sau đây*) \\*x\\*");
    expect_written(&bc_writer_html, s, true,
                   "Kế hoạch số <span class=\"bc-nb\">92/KH-UBND</span> "
                   "(<em>sau đây</em>) *x*");
    bc_buf bare = BC_BUF_INIT;
    bc_writer_html.bare(s, strlen(s), &bare);
    assert_string_equal(bare.ptr, "Kế hoạch số 92/KH-UBND (sau đây) *x*");
    bc_buf_fini(&bare);
}

/* ---- the HTML writer says what cmark says, on random text ---- */

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* cmark's HTML of one paragraph, its <p> taken off, ' as cmark leaves it
 * and ours as &#39;: the same characters. */
static void reference(const char *md, bc_buf *out)
{
    char *html = html_of(md);
    const char *s = html;
    size_t n = strlen(s);
    if (n >= 8 && !strncmp(s, "<p>", 3) && !strcmp(s + n - 5, "</p>\n")) {
        s += 3;
        n -= 8;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'')
            bc_buf_puts(out, "&#39;");
        else
            bc_buf_putc(out, s[i]);
    }
    free(html);
}

static void test_html_writer_matches_cmark(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Kết", " ", "*", "**", "_", "__", "\\", "[", "]", "<", ">",
        "&", "\"", "'", "`", "#", "-", "1.", "!", "(", ")", "\n", "x*y",
        "\u00a0", "."};
    const size_t n = sizeof pieces / sizeof pieces[0];
    for (int run = 0; run < 3000; run++) {
        bc_buf value = BC_BUF_INIT, md = BC_BUF_INIT, want = BC_BUF_INIT;
        for (uint64_t k = 1 + next() % 8; k > 0; k--)
            bc_buf_puts(&value, pieces[next() % n]);
        bc_escape_markdown_marked(value.ptr, value.len, true, &md);
        if (md.len == 0 || strchr(md.ptr, '\n'))
            goto next_run; /* nothing to say, or not one paragraph */
        reference(md.ptr, &want);
        char *got = written(&bc_writer_html, value.ptr, true);
        if (strcmp(got, want.ptr) != 0)
            fail_msg("value \"%s\": Markdown \"%s\"\n got: %s\nwant: %s",
                     value.ptr, md.ptr, got, want.ptr);
        free(got);
    next_run:
        bc_buf_fini(&value);
        bc_buf_fini(&md);
        bc_buf_fini(&want);
    }
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* What escaped text never holds, read all the same: a second paragraph,
 * a heading, a code block or raw HTML is joined by a space, as a line
 * break is; a code block and raw HTML are handed over as their text.
 * (A code block was glued to the text before it: "xy".) */
static void test_inline_blocks_are_text(void **state)
{
    (void)state;
    expect_inline("a\n\nb", "a b");
    expect_inline("# T\n\nx", "T x");
    expect_inline("x\n\n    y", "x y\n");
    expect_inline("x\n\n<div>\n", "x <div>\n"); /* text: escaped by the writer */
}

/* The Word writer: bcreport's marks as runs, italics as run properties,
 * a document number's hyphen non-breaking and its space a no-break
 * space, a literal span never markup, a tab or line break a space. */
static void test_wml_marks(void **state)
{
    (void)state;
    char s[] = "Số \x05" "12 CT-TW\x06 (\x01sau đây\x02) \x03*x*\x04 a\tb";
    expect_written(
        &bc_writer_wml, s, true,
        "<w:r><w:t xml:space=\"preserve\">Số </w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\">12\u00a0CT</w:t><w:noBreakHyphen/>"
        "<w:t xml:space=\"preserve\">TW</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\"> (</w:t></w:r>"
        "<w:r><w:rPr><w:i/><w:iCs/></w:rPr>"
        "<w:t xml:space=\"preserve\">sau đây</w:t></w:r>"
        "<w:r><w:t xml:space=\"preserve\">) *x* a b</w:t></w:r>");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_html_is_omitted),
        cmocka_unit_test(test_markdown_to_html_is_safe),
        cmocka_unit_test(test_inline_emphasis),
        cmocka_unit_test(test_rich_text),
        cmocka_unit_test(test_rich_text_stays_inline),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_html_writer_matches_cmark),
        cmocka_unit_test(test_inline_blocks_are_text),
        cmocka_unit_test(test_wml_marks),
    };
    return cmocka_run_group_tests_name("md_html", tests, NULL, NULL);
}
