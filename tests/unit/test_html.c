/* test_html.c - `bcreport build -f html`: golden pages, a real parser,
 * injection, and printing in a real browser (headless Chromium). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/chars.h"
#include "pdfcheck.h"

#define NBSP "\xC2\xA0"
#define BLANK NBSP NBSP NBSP NBSP NBSP NBSP

static void build_html(const char *data, const char *extra, tu_result *r)
{
    const char *args[] = {"build", "-f", "html", data, extra, NULL};
    tu_run(r, NULL, 0, args);
    if (r->status != 0)
        fail_msg("%s: status %d: %s", data, r->status, r->err);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" not found", needle);
}

/* ---- the page itself ---- */

static void check_golden(const char *data, const char *golden)
{
    tu_result r;
    build_html(data, NULL, &r);
    size_t len;
    char *want = tu_read_file(golden, &len);
    assert_non_null(want);
    if (len != r.out_len || memcmp(want, r.out, len) != 0) {
        char *got = tu_temp_file(r.out, r.out_len, ".html");
        bc_buf cmd = BC_BUF_INIT;
        bc_buf_printf(&cmd, "diff -u '%s' '%s' | head -n 60 >&2", golden, got);
        if (system(cmd.ptr) == -1)
            perror("diff");
        fail_msg("output differs from %s (regenerate with 'make golden' "
                 "after review)",
                 golden);
    }
    free(want);
    tu_result_fini(&r);
}

static void test_golden_page_2023(void **state)
{
    (void)state;
    check_golden("data/2023.yaml", "tests/golden/2023.html");
}

static void test_golden_page_commune_2025(void **state)
{
    (void)state;
    check_golden("data/2025-xa.yaml", "tests/golden/2025-xa.html");
}

static void test_golden_page_commune_2026(void **state)
{
    (void)state;
    check_golden("data/2026-xa.yaml", "tests/golden/2026-xa.html");
}

/* The page of 2023, built once for the tests of its parts. */
static tu_result page_2023;

static const char *page(void)
{
    if (!page_2023.out)
        build_html("data/2023.yaml", NULL, &page_2023);
    return page_2023.out;
}

static void test_page_is_vietnamese_html5(void **state)
{
    (void)state;
    assert_true(strncmp(page(), "<!DOCTYPE html>\n<html lang=\"vi\">", 31) ==
                0);
    assert_contains(page(), "<meta charset=\"utf-8\" />");
}

/* Nothing outside the file: no stylesheet, script, image or font. */
static void test_page_needs_nothing_outside(void **state)
{
    (void)state;
    assert_null(strstr(page(), "<link"));
    assert_null(strstr(page(), "<script"));
    assert_null(strstr(page(), "src="));
    assert_null(strstr(page(), "url("));
}

/* A4, the margins and the font of Decree 30. */
static void test_page_layout_of_the_decree(void **state)
{
    (void)state;
    assert_contains(page(), "size: A4;");
    assert_contains(page(), "margin: 20mm 15mm 20mm 30mm;");
    assert_contains(page(), "font-family: \"Times New Roman\", \"Liberation "
                            "Serif\", Tinos, serif;");
}

/* The header's pieces; the blanks are no-break spaces, which no browser
 * squeezes. */
static void test_page_header(void **state)
{
    (void)state;
    assert_contains(page(), "<p class=\"bc-number\">Số:" BLANK
                            "/BC-UBND</p>");
    assert_contains(page(), "<p class=\"bc-place-date\">Bình Sơn, ngày" BLANK
                            "tháng" BLANK "năm 2023</p>");
    assert_contains(page(), "<h1 class=\"bc-type\">BÁO CÁO</h1>");
    assert_contains(page(), "<p class=\"bc-signer\">Phạm Quang Sự</p>");
}

/* The body from the Markdown, through cmark. */
static void test_page_body_from_markdown(void **state)
{
    (void)state;
    assert_contains(page(), "<h2>I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN</h2>");
    assert_contains(page(), "(<em>sau đây gọi tắt là Kế hoạch số 92</em>)");
    assert_contains(page(), "<li>Lưu: VT, VPH.</li>");
}

static void test_fragment(void **state)
{
    (void)state;
    tu_result r;
    build_html("data/2025-xa.yaml", "--fragment", &r);
    assert_true(strncmp(r.out, "<article class=\"bc-document\">", 29) == 0);
    assert_string_equal(r.out + r.out_len - 11, "</article>\n");
    assert_null(strstr(r.out, "<html"));
    assert_null(strstr(r.out, "<head>"));
    assert_null(strstr(r.out, "<style"));
    /* Two recipients: a list under "Kính gửi:". */
    assert_contains(r.out, "<li>Sở Ngoại vụ tỉnh Quảng Ngãi;</li>\n"
                           "<li>Đảng ủy xã Tịnh Khê.</li>");
    tu_result_fini(&r);
}

/* --fragment is for HTML only. */
static void test_fragment_needs_html(void **state)
{
    (void)state;
    tu_result r;
    const char *md[] = {"build", "--fragment", "data/2023.yaml", NULL};
    tu_run(&r, NULL, 0, md);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: --fragment goes with HTML "
                               "output (-f html)\nTry 'bcreport --help'.\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

/* Without -f, an output named *.html or *.htm is HTML. */
static void check_output_name_chooses_html(const char *suffix)
{
    char *path = tu_temp_file("", 0, suffix);
    const char *args[] = {"build", "data/2025-xa.yaml", "-o", path, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    size_t len;
    char *written = tu_read_file(path, &len);
    char *golden = tu_read_file("tests/golden/2025-xa.html", NULL);
    assert_string_equal(written, golden);
    free(written);
    free(golden);
    remove(path);
    free(path);
    tu_result_fini(&r);
}

static void test_output_name_chooses_html(void **state)
{
    (void)state;
    check_output_name_chooses_html(".html");
}

static void test_output_name_htm_chooses_html(void **state)
{
    (void)state;
    check_output_name_chooses_html(".htm");
}

/* A real parser: the page is well-formed XML (polyglot markup), and the
 * HTML parser finds nothing wrong but the HTML5 sectioning elements that
 * libxml2 2.9 (Debian 12) predates (section: an appendix). */
static const char *const golden_pages[] = {"tests/golden/2023.html",
                                           "tests/golden/2025-xa.html",
                                           "tests/golden/2026-xa.html"};

static void test_golden_pages_are_well_formed_xml(void **state)
{
    (void)state;
    pc_require("xmllint", "libxml2-utils");
    for (size_t i = 0; i < BC_COUNT(golden_pages); i++) {
        bc_buf cmd = BC_BUF_INIT, out = BC_BUF_INIT;
        bc_buf_printf(&cmd, "xmllint --noout %s", golden_pages[i]);
        if (pc_shell(cmd.ptr, &out) != 0 || out.len)
            fail_msg("%s is not well-formed:\n%s", golden_pages[i], out.ptr);
        bc_buf_fini(&cmd);
        bc_buf_fini(&out);
    }
}

static void test_golden_pages_pass_the_html_parser(void **state)
{
    (void)state;
    pc_require("xmllint", "libxml2-utils");
    for (size_t i = 0; i < BC_COUNT(golden_pages); i++) {
        bc_buf cmd = BC_BUF_INIT, out = BC_BUF_INIT;
        bc_buf_printf(&cmd,
                      "xmllint --html --noout %s 2>&1 | grep 'error' | "
                      "grep -v -E 'Tag (article|header|footer|section) invalid'",
                      golden_pages[i]);
        pc_shell(cmd.ptr, &out);
        if (out.len)
            fail_msg("%s: HTML parser errors:\n%s", golden_pages[i], out.ptr);
        bc_buf_fini(&cmd);
        bc_buf_fini(&out);
    }
}

/* ---- injection: data cannot put markup, scripts or links in the page ---- */

static const char hostile_yaml[] =
    "document:\n"
    "  issuer:\n"
    "    parent: \"<script>alert(1)</script>\"\n"
    "    name: [\"A & B <b>\", \"\\\"quoted\\\"\"]\n"
    "    short_name: \"<img src=x onerror=alert(2)>\"\n"
    "    self_name: \"UBND\"\n"
    "  symbol: \"BC-<i>UBND</i>\"\n"
    "  place: \"A\\\" onmouseover=\\\"alert(3)\"\n"
    "  year: 2025\n"
    "  type: \"BÁO CÁO\"\n"
    "  subject: \"[x](javascript:alert(4)) <javascript:alert(5)>\"\n"
    "  recipients: [\"<script>alert(6)</script>\"]\n"
    "citations:\n"
    "  - {id: d, type: \"<b>T</b>\", number: \"1/<i>X</i>\", date: "
    "2020-01-01, issuer: \"I & J\", title: \"<script>alert(7)</script>\", "
    "short_name: \"[s](javascript:alert(8))\"}\n"
    "preamble:\n"
    "  - \"<script>alert(9)</script> & [@d]\"\n"
    "  - \"<div onclick=alert(10)>x</div>\"\n"
    "  - \"![i](javascript:alert(11)) [a](javascript:alert(12))\"\n"
    "  - \"<http://example.com> <a href=javascript:alert(13)>a</a>\"\n"
    "results:\n"
    "  title: \"# <b>T</b>\"\n"
    "  dissemination: {title: \"*x* _y_ `z`\", body: [[\"<iframe "
    "src=javascript:alert(14)>\", [\"<svg onload=alert(15)>\"]]]}\n"
    "  tasks: {title: \"[@d]\", items: [{title: \"<script>\", body: "
    "[{label: \"<b>L</b>\", text: \"<script>alert(16)</script>\"}]}]}\n"
    "assessment:\n"
    "  title: T\n"
    "  strengths: {title: S, body: [\"1. <style>body{}</style>\"]}\n"
    "  limitations: {title: L, body: [\"&lt;script&gt;\"]}\n"
    "distribution: [\"<script>alert(17)</script>\"]\n"
    "signature: {lines: [\"<b>TM.</b>\"], title: \"<u>T</u>\", name: "
    "\"</p></article><script>alert(18)</script>\"}\n";

/* The hostile page, built once. */
static tu_result hostile;

static const char *hostile_page(void)
{
    if (!hostile.out) {
        const char *args[] = {"build", "-f", "html", "-", NULL};
        tu_run(&hostile, hostile_yaml, strlen(hostile_yaml), args);
        if (hostile.status != 0)
            fail_msg("status %d: %s", hostile.status, hostile.err);
    }
    return hostile.out;
}

/* No element, handler or link came from the data. */
static void test_injection_adds_no_markup(void **state)
{
    (void)state;
    const char *page = hostile_page();
    static const char *const never[] = {
        "<script", "<img", "<iframe", "<svg", "<div onclick", "<i>", "<u>",
        "<b>", "<a ", "href=\"", "src=\"", "<style>body",
        "onerror=\"", "onmouseover=\"", "<http", "</article><script"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        if (strstr(page, never[i]))
            fail_msg("found \"%s\" in the page", never[i]);
}

/* The text is all there, escaped. */
static void test_injected_text_is_shown(void **state)
{
    (void)state;
    const char *page = hostile_page();
    assert_contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_contains(page, "A &amp; B &lt;b&gt;");
    assert_contains(page, "&quot;quoted&quot;");
    assert_contains(page, "A&quot; onmouseover=&quot;alert(3)");
    assert_contains(page, "[x](javascript:alert(4))");
    assert_contains(page, "&lt;script&gt;alert(9)&lt;/script&gt; &amp; ");
    assert_contains(page, "&lt;svg onload=alert(15)&gt;");
    assert_contains(page, "&amp;lt;script&amp;gt;");
    assert_contains(page, "&lt;/p&gt;&lt;/article&gt;&lt;script&gt;");
}

/* And the page is still well formed. */
static void test_injected_page_is_well_formed(void **state)
{
    (void)state;
    pc_require("xmllint", "libxml2-utils");
    const char *page = hostile_page();
    char *path = tu_temp_file(page, strlen(page), ".html");
    bc_buf cmd = BC_BUF_INIT, out = BC_BUF_INIT;
    bc_buf_printf(&cmd, "xmllint --noout %s", path);
    if (pc_shell(cmd.ptr, &out) != 0 || out.len)
        fail_msg("the hostile page is not well-formed:\n%s", out.ptr);
    remove(path);
    free(path);
    bc_buf_fini(&cmd);
    bc_buf_fini(&out);
}

/* A template folder of one's own (-T): its own markup is the author's and
 * is printed as written, but it cannot unescape the data.  The writer
 * escapes each value for HTML before any template sees it, so {{x}},
 * {{{x}}} and {{&x}} all print the same escaped text. */
static void test_own_template_cannot_unescape_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/bctest-html-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/report.html.mustache", dir);
    FILE *f = fopen(path.ptr, "wb");
    assert_non_null(f);
    fputs("<div onclick=\"alert(0)\">{{subject}}|{{{subject}}}|{{&subject}}"
          "</div>\n{{#recipients}}<p>{{{.}}}</p>{{/recipients}}\n"
          "<p>{{{signature.name}}}</p>\n",
          f);
    assert_int_equal(fclose(f), 0);
    const char *args[] = {"build", "-f", "html", "-T", dir, "-", NULL};
    tu_result r;
    tu_run(&r, hostile_yaml, strlen(hostile_yaml), args);
    remove(path.ptr);
    rmdir(dir);
    bc_buf_fini(&path);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
#define SUBJECT "[x](javascript:alert(4)) &lt;javascript:alert(5)&gt;"
    assert_string_equal(r.out,
                        "<div onclick=\"alert(0)\">" SUBJECT "|" SUBJECT "|"
                        SUBJECT "</div>\n"
                        "<p>&lt;script&gt;alert(6)&lt;/script&gt;.</p>\n"
                        "<p>&lt;/p&gt;&lt;/article&gt;&lt;script&gt;alert(18)"
                        "&lt;/script&gt;</p>\n");
#undef SUBJECT
    tu_result_fini(&r);
}

/* ---- a real browser: print to PDF and read it back ---- */

static const char chromium_flags[] =
    "--headless --no-sandbox --disable-gpu --no-first-run "
    "--disable-background-networking --disable-component-update "
    "--disable-sync --no-pdf-header-footer";

/* Prints html_path to pdf_path with headless Chromium. */
static void print_pdf(const char *html_path, const char *pdf_path)
{
    char profile[] = "/tmp/bctest-chromium-XXXXXX";
    assert_non_null(mkdtemp(profile));
    bc_buf cmd = BC_BUF_INIT, out = BC_BUF_INIT;
    bc_buf_printf(&cmd,
                  "timeout 120 chromium %s --user-data-dir=%s "
                  "--print-to-pdf=%s file://%s",
                  chromium_flags, profile, pdf_path, html_path);
    int status = pc_shell(cmd.ptr, &out);
    if (status != 0 || access(pdf_path, R_OK) != 0)
        fail_msg("chromium failed (%d):\n%s", status, out.ptr);
    bc_buf_clear(&cmd);
    bc_buf_printf(&cmd, "rm -rf %s", profile);
    pc_shell(cmd.ptr, NULL);
    bc_buf_fini(&cmd);
    bc_buf_fini(&out);
}

/* The advance of ":" in Times New Roman and the fonts of its metrics
 * (Liberation Serif, Tinos): 569/2048 em. */
#define COLON_EM (569.0 / 2048.0)

/* Prints an HTML file given relative to the repository. */
static char *print_repo_file(const char *html)
{
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", cwd, html);
    char *pdf = tu_temp_file("", 0, ".pdf");
    print_pdf(path.ptr, pdf);
    bc_buf_fini(&path);
    return pdf;
}

/* The golden page of 2023 printed, once for the tests that read it. */
static char *pdf_2023;

static const char *printed_2023(void)
{
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    if (!pdf_2023)
        pdf_2023 = print_repo_file("tests/golden/2023.html");
    return pdf_2023;
}

static void test_printed_page_count(void **state)
{
    (void)state;
    const char *pdf = printed_2023();
    char *golden = tu_read_file("tests/golden/2023.pdf-pages", NULL);
    assert_non_null(golden);
    assert_non_null(strstr(golden, "chromium "));
    assert_int_equal(pc_page_count(pdf),
                     atoi(strstr(golden, "chromium ") + strlen("chromium ")));
    free(golden);
}

static void test_printed_text(void **state)
{
    (void)state;
    const char *pdf = printed_2023();
    bc_buf out = BC_BUF_INIT;
    pc_run_tool("pdftotext -layout %s -", pdf, &out);
    static const char *const texts[] = {
        "ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "HUYỆN BÌNH SƠN", "BÁO CÁO",
        "Số:", "/BC-UBND", "Bình Sơn, ngày", "Kính gửi: Sở Ngoại vụ.",
        "I. KẾT QUẢ TRIỂN KHAI THỰC HIỆN", "115.000.000 đồng",
        "kính báo cáo./.", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Quang Sự"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (!strstr(out.ptr, texts[i]))
            fail_msg("\"%s\" is not in the printed PDF", texts[i]);
    bc_buf_fini(&out);
}

static void test_printed_layout(void **state)
{
    (void)state;
    const char *pdf = printed_2023();
    pc_words ws;
    pc_read_words(pdf, &ws);
    pc_check_layout(&ws, pc_page_count(pdf), NULL);
    free(ws.items);
}

/* One serif family, embedded, and no Type 3 fallback glyphs. */
static void test_printed_fonts(void **state)
{
    (void)state;
    const char *pdf = printed_2023();
    bc_buf out = BC_BUF_INIT;
    pc_run_tool("pdffonts %s | tail -n +3", pdf, &out);
    assert_true(out.len > 0);
    assert_null(strstr(out.ptr, "Type 3"));
    char family[64] = "";
    for (char *line = out.ptr; *line;) {
        char *end = strchr(line, '\n');
        char *plus = strchr(line, '+');
        char name[64] = "";
        if (plus)
            sscanf(plus + 1, "%63[^- ]", name);
        if (!*family)
            snprintf(family, sizeof family, "%s", name);
        if (!*name || strcmp(name, family) != 0 ||
            !(strstr(name, "LiberationSerif") || strstr(name, "TimesNewRoman") ||
              strstr(name, "Tinos")))
            fail_msg("fonts from more than one Times-like family: %s, %s",
                     family, name);
        line = end ? end + 1 : line + strlen(line);
    }
    bc_buf_fini(&out);
}

/* The commune's page printed keeps the layout too. */
static void test_printed_commune_layout(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    char *pdf = print_repo_file("tests/golden/2025-xa.html");
    pc_words ws;
    pc_read_words(pdf, &ws);
    pc_check_layout(&ws, pc_page_count(pdf), NULL);
    free(ws.items);
    remove(pdf);
    free(pdf);
}

/* The commune's page with its end pushed to a page break: the closing
 * sentence, Nơi nhận and the signature move together. */
static void test_end_kept_together(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    pc_words ws;
    char *data = tu_read_file("data/2025-xa.yaml", NULL);
    const char *anchor = "các buổi sinh hoạt khu dân cư.\n";
    char *at = strstr(data, anchor);
    assert_non_null(at);
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_append(&yaml, data, (size_t)(at - data) + strlen(anchor));
    for (int i = 0; i < 28; i++) /* found by trying: the break falls there */
        bc_buf_printf(&yaml, "      - \"Đoạn thêm số %d để đẩy phần cuối của "
                             "văn bản xuống gần chỗ ngắt trang.\"\n", i);
    bc_buf_puts(&yaml, at + strlen(anchor));
    free(data);
    char *html = tu_temp_file("", 0, ".html");
    const char *args[] = {"build", "-f", "html", "-o", html, "-", NULL};
    tu_result r;
    tu_run(&r, yaml.ptr, yaml.len, args);
    assert_int_equal(r.status, 0);
    tu_result_fini(&r);
    char *pdf = tu_temp_file("", 0, ".pdf");
    print_pdf(html, pdf);
    pc_read_words(pdf, &ws);
    const pc_word *closing = pc_find_word(&ws, 0, "cáo./.");
    const pc_word *label = pc_find_word(&ws, 0, "nhận:");
    const pc_word *signer = pc_find_word(&ws, 0, "An");
    assert_non_null(closing);
    assert_non_null(label);
    assert_non_null(signer);
    if (closing->page != label->page || label->page != signer->page)
        fail_msg("the end is split: closing on page %d, Nơi nhận on %d, the "
                 "signer on %d",
                 closing->page, label->page, signer->page);
    assert_true(label->page > 1); /* the test does reach a page break */
    pc_check_layout(&ws, pc_page_count(pdf), NULL);
    free(ws.items);
    remove(pdf);
    remove(html);
    free(pdf);
    free(html);
    bc_buf_fini(&yaml);
}

/* ---- the decree's finer rules, on fixtures made for them ---- */

/* Builds a data file into an HTML file and prints it; the PDF's path. */
static char *print_data(const char *data)
{
    char *html = tu_temp_file("", 0, ".html");
    const char *args[] = {"build", "-f", "html", "-o", html, data, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    if (r.status != 0)
        fail_msg("%s: status %d: %s", data, r.status, r.err);
    tu_result_fini(&r);
    char *pdf = tu_temp_file("", 0, ".pdf");
    print_pdf(html, pdf);
    remove(html);
    free(html);
    return pdf;
}

/* A line of `pdftohtml -xml`, as much text as one font sets: its style
 * comes from the font's name (<b>, <i>). */
typedef struct run {
    int page;
    double top, left, width;
    bool bold, italic;
    char text[512];
} run;

typedef struct runs {
    run *items;
    size_t count;
} runs;

static void read_runs(const char *pdf, runs *out)
{
    bc_buf xml = BC_BUF_INIT;
    pc_run_tool("pdftohtml -xml -i -stdout -zoom 1 %s", pdf, &xml);
    out->items = NULL;
    out->count = 0;
    size_t cap = 0;
    int page = 0;
    for (char *line = xml.ptr; line && *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        run r = {0};
        if (!strncmp(line, "<page number=", 13))
            page++;
        char *body = strchr(line, '>');
        if (!strncmp(line, "<text ", 6) && body &&
            sscanf(line, "<text top=\"%lf\" left=\"%lf\" width=\"%lf\"",
                   &r.top, &r.left, &r.width) == 3) {
            r.page = page;
            r.bold = strstr(body, "<b>") != NULL;
            r.italic = strstr(body, "<i>") != NULL;
            size_t n = 0;
            bool space = false;
            for (const char *c = body + 1; *c && n + 1 < sizeof r.text;) {
                if (!strncmp(c, "</text>", 7))
                    break;
                if (*c == '<') { /* <b>, </i>: the style, read above */
                    const char *close = strchr(c, '>');
                    c = close ? close + 1 : c + strlen(c);
                    continue;
                }
                if (*c == ' ') { /* justified lines: one space */
                    space = n > 0;
                    c++;
                    continue;
                }
                if (space)
                    r.text[n++] = ' ';
                space = false;
                if (!strncmp(c, "&amp;", 5)) {
                    r.text[n++] = '&';
                    c += 5;
                } else {
                    r.text[n++] = *c++;
                }
            }
            r.text[n] = '\0';
            if (out->count == cap) {
                cap = cap ? cap * 2 : 256;
                out->items = realloc(out->items, cap * sizeof(run));
            }
            out->items[out->count++] = r;
        }
        line = end ? end + 1 : NULL;
    }
    bc_buf_fini(&xml);
}

/* The first run that starts with the pc_words of text (cells side by side
 * may share a run). */
static const run *find_run(const runs *rs, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < rs->count; i++)
        if (!strncmp(rs->items[i].text, text, n) &&
            (rs->items[i].text[n] == '\0' || rs->items[i].text[n] == ' '))
            return &rs->items[i];
    fail_msg("no line \"%s\" in the PDF", text);
    return NULL;
}

/* "Kính gửi:" with several recipients ends its line; each recipient
 * stands on a line of its own after a dash, the dashes under the colon
 * (Decree 30, Phụ lục I, II.9.d), ";" after each and "." after the last. */
static void check_recipients(const pc_words *ws, size_t count)
{
    long at = pc_word_index(ws, 1, "gửi:");
    assert_true(at > 0);
    const pc_word *to = &ws->items[at];
    assert_string_equal(ws->items[at - 1].text, "Kính");
    double colon = to->x1 - COLON_EM * 14;
    size_t i = (size_t)at + 1;
    if (i < ws->count && pc_near(ws->items[i].y0, to->y0, 1))
        fail_msg("\"%s\" shares the line of \"Kính gửi:\"",
                 ws->items[i].text);
    for (size_t n = 0; n < count; n++) {
        assert_true(i < ws->count);
        const pc_word *dash = &ws->items[i];
        if (strcmp(dash->text, "-") != 0)
            fail_msg("recipient %zu starts with \"%s\", not a dash", n + 1,
                     dash->text);
        if (!pc_near(dash->x0, colon, 1))
            fail_msg("recipient %zu: its dash at %.2f pt, the colon at "
                     "%.2f pt", n + 1, dash->x0, colon);
        while (i + 1 < ws->count && pc_near(ws->items[i + 1].y0, dash->y0, 1))
            i++;
        const char *last = ws->items[i].text;
        char end = n + 1 < count ? ';' : '.';
        if (last[strlen(last) - 1] != end)
            fail_msg("recipient %zu ends \"%s\", not with '%c'", n + 1, last,
                     end);
        i++;
    }
}

static void test_recipients_under_colon(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    static const struct {
        const char *data;
        size_t count;
    } cases[] = {{"tests/fixtures/html/layout.yaml", 3},
                 {"data/2025-xa.yaml", 2}};
    for (size_t c = 0; c < BC_COUNT(cases); c++) {
        char *pdf = print_data(cases[c].data);
        pc_words ws;
        pc_read_words(pdf, &ws);
        check_recipients(&ws, cases[c].count);
        free(ws.items);
        remove(pdf);
        free(pdf);
    }
    /* One recipient: on the line of "Kính gửi:", centred. */
    char *pdf = print_repo_file("tests/golden/2023.html");
    pc_words ws;
    pc_read_words(pdf, &ws);
    long at = pc_word_index(&ws, 1, "Kính");
    assert_true(at >= 0 && (size_t)at + 4 < ws.count);
    static const char *const line[] = {"Kính", "gửi:", "Sở", "Ngoại", "vụ."};
    for (size_t i = 0; i < 5; i++) {
        const pc_word *w = &ws.items[at + (long)i];
        assert_string_equal(w->text, line[i]);
        assert_true(pc_near(w->y0, ws.items[at].y0, 0.5));
    }
    double middle = (ws.items[at].x0 + ws.items[at + 4].x1) / 2;
    if (!pc_near(middle, (PC_LEFT + PC_RIGHT) / 2, 1))
        fail_msg("\"Kính gửi: Sở Ngoại vụ.\" centred on %.1f mm, not %.1f",
                 middle / PC_MM, (PC_LEFT + PC_RIGHT) / 2 / PC_MM);
    free(ws.items);
    remove(pdf);
    free(pdf);
}

/* Whether a line of the text ends inside one of the numbers: with a
 * part of it that ends at a '/' or '-' where it could break. */
static const char *broken_number(const char *text)
{
    static const char *const numbers[] = {"92/KH-UBND", "80/2020/NĐ-CP"};
    static char part[32];
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        const char *last = end;
        while (last > line && (last[-1] == ' ' || last[-1] == '\f'))
            last--;
        for (size_t n = 0; n < BC_COUNT(numbers); n++)
            for (size_t k = 1; numbers[n][k]; k++) {
                if (numbers[n][k - 1] != '/' && numbers[n][k - 1] != '-')
                    continue;
                if ((size_t)(last - line) >= k &&
                    !memcmp(last - k, numbers[n], k)) {
                    snprintf(part, sizeof part, "%.*s", (int)k, numbers[n]);
                    return part;
                }
            }
        line = *end ? end + 1 : end;
    }
    return NULL;
}

static int occurrences(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* A document number never breaks across lines.  The fixture's paragraphs
 * end a line at the hyphen of "92/KH-UBND" and of "80/2020/NĐ-CP" when
 * the page lacks the style that keeps a number on one line; the page as
 * built keeps them whole. */
static void test_numbers_never_break(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    tu_result r;
    build_html("tests/fixtures/html/nobreak.yaml", NULL, &r);
    static const char rule[] = ".bc-nb { white-space: nowrap; }";
    char *at = strstr(r.out, rule);
    assert_non_null(at);
    char *html = tu_temp_file(r.out, r.out_len, ".html");
    memset(at, ' ', strlen(rule));
    char *bare = tu_temp_file(r.out, r.out_len, ".html");
    tu_result_fini(&r);
    char *pdf = tu_temp_file("", 0, ".pdf");
    bc_buf text = BC_BUF_INIT;

    print_pdf(bare, pdf);
    pc_run_tool("pdftotext -layout %s -", pdf, &text);
    bool kh = strstr(text.ptr, "92/KH-\n") != NULL;
    bool nd = strstr(text.ptr, "80/2020/NĐ-\n") != NULL;
    if (!kh || !nd)
        fail_msg("without .bc-nb the fixture no longer breaks %s: make its "
                 "paragraphs end a line inside the number again",
                 kh ? "80/2020/NĐ-CP" : "92/KH-UBND");

    print_pdf(html, pdf);
    pc_run_tool("pdftotext -layout %s -", pdf, &text);
    const char *part = broken_number(text.ptr);
    if (part)
        fail_msg("a line ends with \"%s\":\n%s", part, text.ptr);
    /* And the numbers are there, whole, twice each. */
    assert_int_equal(occurrences(text.ptr, "92/KH-UBND"), 2);
    assert_int_equal(occurrences(text.ptr, "80/2020/NĐ-CP"), 2);
    pc_words ws;
    pc_read_words(pdf, &ws);
    pc_check_layout(&ws, pc_page_count(pdf), NULL);
    free(ws.items);

    remove(pdf);
    remove(html);
    remove(bare);
    free(pdf);
    free(html);
    free(bare);
    bc_buf_fini(&text);
}

/* The wide table: inside the text width, its header bold and centred,
 * figures right-aligned, the total bold. */
static void check_table(const pc_words *ws, const runs *rs)
{
    long first = pc_word_index(ws, 0, "STT");
    long last = pc_word_index(ws, 0, "1.156.790.011.246");
    assert_true(first >= 0 && last > first);
    for (long i = first; i <= last; i++) {
        const pc_word *w = &ws->items[i];
        if (w->y0 < PC_TOP) /* a page number */
            continue;
        if (w->x0 < PC_LEFT - 0.5 || w->x1 > PC_RIGHT + 0.5)
            fail_msg("\"%s\" of the table stands from %.1f to %.1f mm, "
                     "outside 30 to 195 mm", w->text, w->x0 / PC_MM, w->x1 / PC_MM);
    }
    /* A column of figures of different widths: right edges in line, the
     * total's too. */
    static const char *const figures[] = {
        "987.654.321.000", "123.456.789.012", "45.678.901.234",
        "1.156.790.011.246"};
    const pc_word *total = pc_find_word(ws, 0, figures[3]);
    for (size_t i = 0; i < BC_COUNT(figures); i++) {
        const pc_word *w = pc_find_word(ws, 0, figures[i]);
        assert_non_null(w);
        if (!pc_near(w->x1, total->x1, 0.5))
            fail_msg("%s ends at %.2f pt, the total at %.2f", figures[i],
                     w->x1, total->x1);
    }
    /* Headers centred over their columns: STT over the numbers of the
     * rows; "(đồng)" over the widest figure, which fills its column. */
    const pc_word *stt = pc_find_word(ws, 0, "STT"), *one = pc_find_word(ws, 0, "1");
    assert_non_null(one);
    if (!pc_near(pc_centre(stt), pc_centre(one), 1))
        fail_msg("STT centred on %.2f pt, its column on %.2f", pc_centre(stt),
                 pc_centre(one));
    long unit = pc_word_index(ws, 0, "(đồng)");
    assert_true(unit >= 0);
    if (!pc_near(pc_centre(&ws->items[unit]), pc_centre(total), 1.5))
        fail_msg("\"(đồng)\" centred on %.2f pt, its column on %.2f",
                 pc_centre(&ws->items[unit]), pc_centre(total));
    /* Bold: the header and the total; the figures of the rows are not. */
    assert_true(find_run(rs, "STT")->bold);
    assert_true(find_run(rs, "Tổng cộng")->bold);
    assert_true(find_run(rs, "1.156.790.011.246")->bold);
    assert_false(find_run(rs, "987.654.321.000")->bold);
}

/* Each appendix on a page of its own, its label the page's first line,
 * bold and centred, its title bold, the "Kèm theo" line italic; and it
 * is numbered on its own (Decree 30, Phụ lục I, III.1.đ), its first page
 * without a number like the document's. */
static void check_appendix(const pc_words *ws, const runs *rs, const char *label,
                           const char *title)
{
    const run *l = find_run(rs, label);
    const pc_word *first = NULL;
    for (size_t i = 0; i < ws->count; i++) {
        const pc_word *w = &ws->items[i];
        if (w->page == l->page && w->y0 >= PC_TOP &&
            (!first || w->y0 < first->y0 - 0.5))
            first = w;
    }
    assert_non_null(first);
    if (strcmp(first->text, "Phụ") != 0 || !pc_near(first->y0, l->top, 1.5))
        fail_msg("page %d begins with \"%s\", not \"%s\"", l->page,
                 first->text, label);
    if (!l->bold || !pc_near(l->left + l->width / 2, (PC_LEFT + PC_RIGHT) / 2, 1.5))
        fail_msg("\"%s\" is not bold and centred", label);
    const run *t = find_run(rs, title);
    assert_int_equal(t->page, l->page);
    assert_true(t->bold);
    for (size_t i = 0; i < rs->count; i++) {
        const run *r = &rs->items[i];
        if (r->page == l->page && !strncmp(r->text, "(Kèm theo", 9)) {
            assert_true(r->italic);
            return;
        }
    }
    fail_msg("no \"(Kèm theo ...\" line under \"%s\"", label);
}

/* Two signers: the blocks side by side from one top, the lead agency
 * (first in the data) on the right, the names on one line; Nơi nhận
 * under them on the left.  The end stays on one page. */
static void check_signers(const pc_words *ws)
{
    long a = pc_word_index(ws, 0, "TM."), b = -1;
    assert_true(a >= 0);
    for (size_t i = (size_t)a + 1; i < ws->count && b < 0; i++)
        if (!strcmp(ws->items[i].text, "TM."))
            b = (long)i;
    assert_true(b > 0);
    const pc_word *left = &ws->items[a], *right = &ws->items[b];
    if (left->x0 > right->x0) {
        const pc_word *t = left;
        left = right;
        right = t;
    }
    if (!pc_near(left->y0, right->y0, 0.5))
        fail_msg("the signature blocks start at %.2f and %.2f pt", left->y0,
                 right->y0);
    const pc_word *lead = pc_find_word(ws, 0, "An");
    const pc_word *other = pc_find_word(ws, 0, "Bình");
    long at = pc_word_index(ws, 0, "nhận:");
    assert_non_null(lead);
    assert_non_null(other);
    assert_true(at > 0);
    const pc_word *label = &ws->items[at - 1]; /* "Nơi" */
    assert_string_equal(label->text, "Nơi");
    if (lead->x0 < (PC_LEFT + PC_RIGHT) / 2 || other->x1 > (PC_LEFT + PC_RIGHT) / 2 ||
        right->x0 < (PC_LEFT + PC_RIGHT) / 2)
        fail_msg("the lead's block is not on the right: its name at %.1f "
                 "mm, the other's at %.1f mm", lead->x0 / PC_MM, other->x0 / PC_MM);
    if (!pc_near(lead->y0, other->y0, 0.5))
        fail_msg("the names stand at %.2f and %.2f pt", lead->y0, other->y0);
    if (label->y0 < lead->y1 || !pc_near(label->x0, PC_LEFT, 1) ||
        label->page != lead->page || left->page != lead->page)
        fail_msg("Nơi nhận is not under the signatures on the left (%.1f, "
                 "%.1f mm)", label->x0 / PC_MM, label->y0 / PC_MM);
    const pc_word *closing = pc_find_word(ws, 0, "cáo./.");
    assert_non_null(closing);
    assert_int_equal(closing->page, lead->page);
}

static void test_report_with_everything(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    char *pdf = print_data("tests/fixtures/html/layout.yaml");
    int pages = pc_page_count(pdf);
    /* The report, then appendix I on two pages and appendix II on one. */
    static const int numbers[] = {0, 2, 0, 2, 0};
    assert_int_equal(pages, (int)BC_COUNT(numbers));
    pc_words ws;
    runs rs;
    pc_read_words(pdf, &ws);
    read_runs(pdf, &rs);
    pc_check_layout(&ws, pages, numbers);
    check_table(&ws, &rs);
    check_appendix(&ws, &rs, "Phụ lục I",
                   "DANH MỤC CÁC DỰ ÁN VIỆN TRỢ NĂM 2025");
    check_appendix(&ws, &rs, "Phụ lục II",
                   "DANH SÁCH CÁC ĐOÀN NƯỚC NGOÀI ĐẾN THĂM VÀ LÀM VIỆC");
    check_signers(&ws);
    free(ws.items);
    free(rs.items);
    remove(pdf);
    free(pdf);
}

/* The only appendix has no number: "Phụ lục". */
static void test_single_appendix_label(void **state)
{
    (void)state;
    static const char yaml[] =
        TU_YAML_DOCUMENT "preamble: [Mở đầu.]\n"
        "results:\n  title: KẾT QUẢ\n"
        "  dissemination: {title: T, body: [\"Chi tiết tại [@pl].\"]}\n"
        TU_YAML_TASKS_TO_DISTRIBUTION
        "appendices: [{id: pl, title: Danh mục, body: [x]}]\n"
        TU_YAML_SIGNATURE;
    const char *args[] = {"build", "-f", "html", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    assert_contains(r.out, "Chi tiết tại Phụ lục.");
    assert_contains(r.out, "<section class=\"bc-appendix bc-appendix-1\">\n"
                           "<p class=\"bc-appendix-label\">Phụ lục</p>");
    assert_contains(r.out, "@page bc-appendix-1 {");
    tu_result_fini(&r);
}

/* A table of twelve columns of counts: too many for each to get the
 * roomy 3.6 em (view.h), so they are as narrow as their figures and the
 * table stays inside the margins at full size, where giving them all
 * 3.6 em made Chromium shrink the page to 71 %. */
static void test_many_figure_columns_fit(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    bc_buf yaml = BC_BUF_INIT;
    /* a paragraph long enough to be justified to the right margin */
    bc_buf_puts(&yaml, TU_YAML_DOCUMENT "preamble:\n  - >-\n   ");
    for (int i = 0; i < 6; i++)
        bc_buf_puts(&yaml, " Các đơn vị báo cáo số đoàn, số hoạt động và "
                           "số đề xuất trong năm.");
    bc_buf_puts(&yaml, "\n");
    tu_yaml_count_table(&yaml, 12);
    bc_buf_puts(&yaml, "results:\n  title: KẾT QUẢ\n"
                       "  dissemination: {title: T, body: [x]}\n"
                       TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
    char *data = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    bc_buf_fini(&yaml);
    char *pdf = print_data(data);
    pc_words ws;
    pc_read_words(pdf, &ws);
    pc_check_layout(&ws, pc_page_count(pdf), NULL);
    /* at full size: the title's 14 pt letters stand 15.5 pt tall (10.8
     * when the page was shrunk to fit the table) */
    const pc_word *title = pc_find_word(&ws, 1, "BÁO");
    assert_non_null(title);
    if (title->y1 - title->y0 < 14)
        fail_msg("the title is %.1f pt tall: the page was shrunk",
                 title->y1 - title->y0);
    long first = pc_word_index(&ws, 0, "STT");
    long last = pc_word_index(&ws, 0, "Sơn");
    assert_true(first >= 0 && last > first);
    for (long i = first; i < (long)ws.count && ws.items[i].page == 1; i++)
        if (ws.items[i].x1 > PC_RIGHT + 0.5)
            fail_msg("\"%s\" of the table ends at %.1f mm, past 195 mm",
                     ws.items[i].text, ws.items[i].x1 / PC_MM);
    free(ws.items);
    remove(pdf);
    free(pdf);
    remove(data);
    free(data);
}

/* A data file within every limit whose body is count copies (aliases) of
 * one paragraph of 1 MiB full of markup: "a [x] *y* " again and again. */
static void markup_heavy_yaml(bc_buf *yaml, int count)
{
    bc_buf_puts(yaml,
                TU_YAML_DOCUMENT
                "preamble: [Mở đầu.]\n"
                "results:\n  title: KẾT QUẢ\n"
                "  dissemination:\n    title: T\n    body:\n      - &p \"");
    for (size_t n = 0; n + 10 < 1024 * 1024 - 64; n += 10)
        bc_buf_puts(yaml, "a [x] *y* ");
    bc_buf_puts(yaml, "z\"\n");
    for (int i = 1; i < count; i++)
        bc_buf_puts(yaml, "      - *p\n");
    bc_buf_puts(yaml, TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
}

/* 15 MiB of text full of markup, within the limits: libcmark used to keep
 * a node for every escaped bracket and asterisk of the whole body (2 GB
 * here, 8 GB at 63 MiB).  Now the HTML build fits in the address space
 * that a few Markdown builds take: 300 MB, where the Markdown build's
 * peak is about 50 MB and the HTML's about 80 MB.  Not a timing test:
 * the limit fails the old way at once.  Skipped under ASan, which
 * reserves terabytes of address space. */
static void test_html_memory_follows_markdown(void **state)
{
    (void)state;
    tu_skip_under_valgrind("valgrind's own memory counts against ulimit -v");
#if defined(__SANITIZE_ADDRESS__)
    skip();
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    skip();
#endif
#endif
    bc_buf yaml = BC_BUF_INIT;
    markup_heavy_yaml(&yaml, 15);
    char *path = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    static const char *const formats[] = {"md", "html"};
    for (size_t i = 0; i < 2; i++) {
        bc_buf cmd = BC_BUF_INIT, out = BC_BUF_INIT;
        bc_buf_printf(&cmd,
                      "ulimit -v 300000; \"%s\" build -f %s '%s' >'%s.out' "
                      "&& wc -c <'%s.out'; s=$?; rm -f '%s.out'; exit $s",
                      tu_bin(), formats[i], path, path, path, path);
        int status = pc_shell(cmd.ptr, &out);
        if (status != 0 || strtoul(out.ptr, NULL, 10) < 15u * 1024 * 1024)
            fail_msg("build -f %s under ulimit -v 300000: status %d, %s",
                     formats[i], status, out.ptr);
        bc_buf_fini(&cmd);
        bc_buf_fini(&out);
    }
    remove(path);
    free(path);
    bc_buf_fini(&yaml);
}

/* The same paragraph 63 times is 63 MiB of text in a 1 MiB file, 63
 * nodes: the total text of the document, aliases expanded, is limited to
 * 16 MiB (BC_YAML_MAX_TEXT), like a file. */
static void test_aliased_text_limit(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    markup_heavy_yaml(&yaml, 63);
    static const char *const args[] = {"build", "-f", "html", "-", NULL};
    tu_result r;
    tu_run(&r, yaml.ptr, yaml.len, args);
    assert_int_equal(r.status, 65);
    assert_int_equal(r.out_len, 0);
    /* Line 31, the 17th copy, passes 16 MiB. */
    assert_string_equal(r.err, "<stdin>:31:9: error: the document expands "
                               "to more than 16777216 bytes of text (the "
                               "limit); aliases repeat too much (a \"billion "
                               "laughs\" file?)\n");
    tu_result_fini(&r);
    bc_buf_fini(&yaml);
}

/* The 2026 commune draft: the body, with its table, keeps the layout of
 * the others; the appendix, made from the aid projects, starts on a page
 * of its own after the signer and keeps its table, totals included, inside
 * the margins (its text starts inside the cells, not at the margin, so
 * pc_check_layout's left edge does not apply to it). */
static void test_appendix_prints(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdfinfo", "poppler-utils");
    char *pdf = print_repo_file("tests/golden/2026-xa.html");
    int pages = pc_page_count(pdf);
    pc_words ws;
    pc_read_words(pdf, &ws);
    const pc_word *signer = pc_find_word(&ws, 0, "Thu");
    const pc_word *title = pc_find_word(&ws, 0, "DANH");
    assert_non_null(signer);
    assert_non_null(title);
    if (title->page <= signer->page)
        fail_msg("the appendix starts on page %d, the signer is on page %d",
                 title->page, signer->page);
    assert_int_equal(title->page, pages); /* one appendix, one page */
    pc_check_layout(&ws, title->page - 1, NULL);
    assert_non_null(pc_find_word(&ws, title->page, "255.000.000"));
    assert_non_null(pc_find_word(&ws, title->page, "225.000.000"));
    const double left = 30 * PC_MM, right = (210 - 15) * PC_MM;
    for (size_t i = 0; i < ws.count; i++) {
        const pc_word *w = &ws.items[i];
        if (w->page == title->page && (w->x0 < left - 1 || w->x1 > right + 1))
            fail_msg("appendix: \"%s\" from %.1f to %.1f mm, outside 30 to "
                     "195 mm",
                     w->text, w->x0 / PC_MM, w->x1 / PC_MM);
    }
    free(ws.items);
    remove(pdf);
    free(pdf);
}

/* Drops what the tests built once. */
static int teardown_group(void **state)
{
    (void)state;
    if (page_2023.out)
        tu_result_fini(&page_2023);
    if (hostile.out)
        tu_result_fini(&hostile);
    if (pdf_2023) {
        remove(pdf_2023);
        free(pdf_2023);
        pdf_2023 = NULL;
    }
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_page_2023),
        cmocka_unit_test(test_golden_page_commune_2025),
        cmocka_unit_test(test_golden_page_commune_2026),
        cmocka_unit_test(test_page_is_vietnamese_html5),
        cmocka_unit_test(test_page_needs_nothing_outside),
        cmocka_unit_test(test_page_layout_of_the_decree),
        cmocka_unit_test(test_page_header),
        cmocka_unit_test(test_page_body_from_markdown),
        cmocka_unit_test(test_fragment),
        cmocka_unit_test(test_fragment_needs_html),
        cmocka_unit_test(test_output_name_chooses_html),
        cmocka_unit_test(test_output_name_htm_chooses_html),
        cmocka_unit_test(test_golden_pages_are_well_formed_xml),
        cmocka_unit_test(test_golden_pages_pass_the_html_parser),
        cmocka_unit_test(test_injection_adds_no_markup),
        cmocka_unit_test(test_injected_text_is_shown),
        cmocka_unit_test(test_injected_page_is_well_formed),
        cmocka_unit_test(test_own_template_cannot_unescape_data),
        cmocka_unit_test(test_printed_page_count),
        cmocka_unit_test(test_printed_text),
        cmocka_unit_test(test_printed_layout),
        cmocka_unit_test(test_printed_fonts),
        cmocka_unit_test(test_printed_commune_layout),
        cmocka_unit_test(test_end_kept_together),
        cmocka_unit_test(test_appendix_prints),
        cmocka_unit_test(test_recipients_under_colon),
        cmocka_unit_test(test_numbers_never_break),
        cmocka_unit_test(test_report_with_everything),
        cmocka_unit_test(test_single_appendix_label),
        cmocka_unit_test(test_many_figure_columns_fit),
        cmocka_unit_test(test_html_memory_follows_markdown),
        cmocka_unit_test(test_aliased_text_limit),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, teardown_group);
}
