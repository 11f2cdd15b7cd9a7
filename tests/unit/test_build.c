/* test_build.c - `bcreport build`: golden documents, the example report,
 * validation errors, -o and -T. */
#include "testutil.h"

#include <cmark.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/build.h"
#include "bcreport/cite.h"
#include "bcreport/yaml_load.h"

/* ---- golden documents ---- */

/* Fails with a unified diff between want (a file) and got. */
static void assert_matches_file(const char *got, size_t got_len,
                                const char *want_path)
{
    size_t want_len;
    char *want = tu_read_file(want_path, &want_len);
    if (!want)
        fail_msg("cannot read %s", want_path);
    if (want_len != got_len || memcmp(want, got, got_len) != 0) {
        char *actual = tu_temp_file(got, got_len, ".md");
        bc_buf cmd = BC_BUF_INIT;
        bc_buf_printf(&cmd, "diff -u '%s' '%s' | head -n 60 >&2", want_path,
                      actual);
        if (system(cmd.ptr) == -1)
            perror("diff");
        fail_msg("output differs from %s (diff above; regenerate with "
                 "'make golden' after review)",
                 want_path);
    }
    free(want);
}

static void check_golden(const char *data, const char *golden)
{
    const char *args[] = {"build", data, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    if (r.status != 0)
        fail_msg("%s: status %d: %s", data, r.status, r.err);
    assert_string_equal(r.err, "");
    assert_matches_file(r.out, r.out_len, golden);
    tu_result_fini(&r);
}

static void test_golden_2023(void **state)
{
    (void)state;
    check_golden("data/2023.yaml", "tests/golden/2023.md");
}

static void test_golden_commune_2025(void **state)
{
    (void)state;
    check_golden("data/2025-xa.yaml", "tests/golden/2025-xa.md");
}

/* A draft after the 2025 reorganisation: trips, visits, aid projects, an
 * event, a typed table with totals and an appendix made from the aid
 * projects. */
static void test_golden_commune_2026(void **state)
{
    (void)state;
    check_golden("data/2026-xa.yaml", "tests/golden/2026-xa.md");
}

/* The same bytes on every run. */
static void test_build_is_deterministic(void **state)
{
    (void)state;
    const char *args[] = {"build", "data/2023.yaml", NULL};
    tu_result r, again;
    tu_run(&r, NULL, 0, args);
    tu_run(&again, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_int_equal(again.out_len, r.out_len);
    assert_memory_equal(again.out, r.out, r.out_len);
    tu_result_fini(&again);
    tu_result_fini(&r);
}

/* ---- the example report, sentence by sentence ---- */

/* The example's own mistakes, which the data corrects.  Each must occur
 * in the example, so this table cannot go stale silently. */
static const struct {
    const char *wrong;
    const char *right;
} corrections[] = {
    /* "Kế hoạch 12" does not exist: after "02 năm" (2022-2023) it is
     * Chỉ thị số 12 of 05/01/2022 (Kế hoạch số 92 dates from June). */
    {"Kế hoạch 12", "Chỉ thị số 12"},
    /* The short name is "Kế hoạch số 92" everywhere else. */
    {"Kế hoạch 92", "Kế hoạch số 92"},
    /* Decree 30 (Phụ lục I): a document is cited in full once, later by
     * its type and number or its short name.  Chỉ thị 12 and Kế hoạch 92
     * were defined above; Decree 80 was cited in full in point b). */
    {"Thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư, Kế "
     "hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh Quảng Ngãi,",
     "Thực hiện Chỉ thị số 12, Kế hoạch số 92,"},
    /* Decree 80 is 80/2020/NĐ-CP of 08/7/2020, on aid that is NOT ODA. */
    {"Nghị định số 80/2022/NĐ-CP ngày 17/9/2020 của Chính phủ",
     "Nghị định số 80/2020/NĐ-CP"},
    {"Nghị định số 80/2022/NĐ-CP", "Nghị định số 80/2020/NĐ-CP"},
    {"viện trợ không hoàn lại thuộc", "viện trợ không hoàn lại không thuộc"},
    /* The titles of points c) and e) alone ended with a full stop. */
    {"nhân dân các nước.\n", "nhân dân các nước\n"},
    {"mục tiêu phát triển bền vững.\n", "mục tiêu phát triển bền vững\n"},
    /* Decree 30: "Lưu: VT, <drafting unit>" (here the office of the
     * district's HĐND and UBND, VPH); the section title takes its comma. */
    {"Lưu VT.", "Lưu: VT, VPH."},
    {"ĐỀ XUẤT KIẾN NGHỊ", "ĐỀ XUẤT, KIẾN NGHỊ"},
};

static void replace_all(bc_buf *text, const char *wrong, const char *right)
{
    bc_buf out = BC_BUF_INIT;
    const char *p = text->ptr;
    const char *hit;
    while ((hit = strstr(p, wrong))) {
        bc_buf_append(&out, p, (size_t)(hit - p));
        bc_buf_puts(&out, right);
        p = hit + strlen(wrong);
    }
    bc_buf_puts(&out, p);
    bc_buf_fini(text);
    *text = out;
}

/* Markdown to comparable text: markup dropped (emphasis, headings,
 * escapes, list markers), all whitespace one space. */
static void normalise(const char *s, size_t len, bc_buf *out)
{
    bool line_start = true, space = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool nbsp = (unsigned char)c == 0xC2 && i + 1 < len &&
                    (unsigned char)s[i + 1] == 0xA0;
        if (nbsp)
            i++; /* the blanks of "Số:" and "ngày      tháng" */
        if (nbsp || c == '\n' || c == ' ' || c == '\t' || c == '\r') {
            line_start |= c == '\n';
            space = out->len > 0;
            continue;
        }
        if (c == '*' || c == '#' || c == '\\')
            continue;
        if (line_start && (c == '-' || c == '+') && i + 1 < len &&
            s[i + 1] == ' ')
            continue; /* a list marker */
        if (space)
            bc_buf_putc(out, ' ');
        space = line_start = false;
        bc_buf_putc(out, c);
    }
}

/* Fragments of the example: its lines, cut after . ; : and normalised;
 * extraction breaks and the lost header then only make them shorter. */
static size_t next_fragment(const char *s, size_t len, size_t *start,
                            bc_buf *out)
{
    size_t i = *start;
    while (i < len) {
        char c = s[i++];
        if (c == '\n')
            break;
        if ((c == '.' || c == ';' || c == ':') &&
            (i == len || s[i] == ' ' || s[i] == '\n'))
            break;
    }
    bc_buf_clear(out);
    normalise(s + *start, i - *start, out);
    *start = i;
    return out->len;
}

static void test_example_sentences(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_read_example(&len);
    bc_buf example = BC_BUF_INIT;
    bc_buf_append(&example, text, len);
    free(text);
    for (size_t i = 0; i < sizeof corrections / sizeof corrections[0]; i++) {
        if (!strstr(example.ptr, corrections[i].wrong))
            fail_msg("correction \"%s\" is not in the example any more",
                     corrections[i].wrong);
        replace_all(&example, corrections[i].wrong, corrections[i].right);
    }

    const char *args[] = {"build", "data/2023.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    bc_buf output = BC_BUF_INIT, fragment = BC_BUF_INIT;
    normalise(r.out, r.out_len, &output);

    size_t at = 0, cursor = 0, checked = 0;
    while (at < example.len) {
        if (!next_fragment(example.ptr, example.len, &at, &fragment))
            continue;
        const char *hit = strstr(output.ptr + cursor, fragment.ptr);
        if (!hit)
            fail_msg("not in the output (in order): \"%s\"\nafter: \"%.80s\"",
                     fragment.ptr, output.ptr + cursor);
        cursor = (size_t)(hit - output.ptr) + fragment.len;
        checked++;
    }
    fprintf(stderr, "example: %zu fragments found in order\n", checked);
    assert_true(checked >= 80); /* the example was read, not empty */
    bc_buf_fini(&fragment);
    bc_buf_fini(&output);
    bc_buf_fini(&example);
    tu_result_fini(&r);
}

/* ---- CommonMark: the Markdown has the structure it means to have ---- */

static size_t count(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* The HTML cmark makes of the golden Markdown of 2023, malloc'd. */
static char *golden_2023_html(void)
{
    size_t len;
    char *md = tu_read_file("tests/golden/2023.md", &len);
    assert_non_null(md);
    char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT);
    free(md);
    return html;
}

/* One title, I II III, and 1, 2 under I and II. */
static void test_markdown_headings(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_int_equal(count(html, "<h1>"), 1);
    assert_non_null(strstr(html, "<h1>BÁO CÁO</h1>"));
    assert_int_equal(count(html, "<h2>"), 3); /* I, II, III */
    assert_int_equal(count(html, "<h3>"), 4); /* 1, 2 under I and II */
    free(html);
}

static void test_markdown_short_name_in_italics(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_non_null(strstr(html, "<em>sau đây gọi tắt là Kế hoạch số "
                                 "92</em>"));
    free(html);
}

/* The note's star is text, the label bold. */
static void test_markdown_note(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_non_null(strstr(html, "<p>* <strong>Nguyên nhân:</strong> "));
    free(html);
}

static void test_markdown_has_no_raw_html(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_null(strstr(html, "raw HTML omitted"));
    free(html);
}

/* Sub-items "+" nest in the item before them. */
static void test_markdown_sub_items_nest(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_non_null(strstr(html, "80/2020/NĐ-CP:</p>\n<ul>\n<li>\n<p>Bổ sung"));
    free(html);
}

/* The header keeps its lines: hard breaks, not one run-on line. */
static void test_markdown_header_keeps_its_lines(void **state)
{
    (void)state;
    char *html = golden_2023_html();
    assert_non_null(strstr(html, "<strong>ỦY BAN NHÂN DÂN</strong><br />"));
    free(html);
}

/* ---- validation errors: one fixture each, exact messages ---- */

/* The messages of build on a fixture, in the language of locale (NULL:
 * English), run from the fixture folder so that they name the bare file,
 * compared with the file NAME.suffix beside it. */
static void expect_fixture_messages(const char *dir, const char *name,
                                    const char *locale, const char *suffix)
{
    size_t len = strlen(name);
    bc_buf err_path = BC_BUF_INIT;
    bc_buf_printf(&err_path, "%s/%.*s%s", dir, (int)(len - 5), name, suffix);
    char *want = tu_read_file(err_path.ptr, NULL);
    if (!want)
        fail_msg("%s has no %s file", name, suffix);
    tu_result r;
    if (locale)
        tu_shell(&r, "cd %s && LANG=%s $BCREPORT build %s", dir, locale,
                 name);
    else
        tu_shell(&r, "cd %s && $BCREPORT build %s", dir, name);
    if (r.status != 65 || strcmp(r.err, want) != 0 || r.out_len)
        fail_msg("%s (%s): status %d, stderr:\n%s\nexpected 65 and:\n%s",
                 name, locale ? locale : "English", r.status, r.err, want);
    tu_result_fini(&r);
    bc_buf_fini(&err_path);
    free(want);
}

static void test_validation_fixtures(void **state)
{
    (void)state;
    const char *dir = "tests/fixtures/build";
    size_t n;
    char **names = tu_list_files(dir, "bad-", ".yaml", &n);
    for (size_t i = 0; i < n; i++)
        expect_fixture_messages(dir, names[i], NULL, ".err");
    tu_free_names(names, n);
    assert_true(n >= 11);
}

/* The same fixtures under a Vietnamese locale: each NAME.err.vi. */
static void test_validation_fixtures_in_vietnamese(void **state)
{
    (void)state;
    const char *dir = "tests/fixtures/build";
    size_t n;
    char **names = tu_list_files(dir, "bad-", ".yaml", &n);
    for (size_t i = 0; i < n; i++)
        expect_fixture_messages(dir, names[i], "vi_VN.UTF-8", ".err.vi");
    tu_free_names(names, n);
    assert_true(n >= 11);
}

/* The fixtures' common base is valid. */
static void test_minimal_fixture_is_valid(void **state)
{
    (void)state;
    const char *args[] = {"build", "tests/fixtures/build/minimal.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
}

/* ---- -T: another template folder ---- */

static char *temp_dir(void)
{
    char *dir = strdup("/tmp/bctest-dir-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void write_text(const char *dir, const char *name, const char *text)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.ptr, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    bc_buf_fini(&path);
}

static void remove_in(const char *dir, const char *name)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", dir, name);
    remove(path.ptr);
    bc_buf_fini(&path);
}

/* Builds data/2025-xa.yaml with the templates of dir. */
static void build_with_templates(const char *dir, tu_result *r)
{
    const char *args[] = {"build", "-T", dir, "data/2025-xa.yaml", NULL};
    tu_run(r, NULL, 0, args);
}

/* A folder without the main template: status 66, and what is missing. */
static void test_template_folder_without_main_template(void **state)
{
    (void)state;
    char *dir = temp_dir();
    tu_result r;
    build_with_templates(dir, &r);
    assert_int_equal(r.status, 66);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s: error: no template \"report.md\" "
                         "(report.md.mustache) in the template folder\n",
                  dir);
    assert_string_equal(r.err, want.ptr);
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
    rmdir(dir);
    free(dir);
    bc_buf_fini(&want);
}

/* A folder's templates replace the built-in ones. */
static void test_template_folder_replaces_built_in(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_text(dir, "report.md.mustache",
               "{{type}} {{number_line}}\n{{> sign}}\n");
    write_text(dir, "sign.mustache", "{{signature.name}}");
    tu_result r;
    build_with_templates(dir, &r);
    assert_int_equal(r.status, 0);
    /* A standalone partial tag takes its line's end with it. */
    assert_string_equal(r.out, "BÁO CÁO Số: 05/BC-UBND\nNguyễn Văn An");
    tu_result_fini(&r);
    remove_in(dir, "report.md.mustache");
    remove_in(dir, "sign.mustache");
    rmdir(dir);
    free(dir);
}

/* Amounts in words are there for templates that want them. */
static void test_template_folder_amount_words(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_text(dir, "report.md.mustache",
               "{{#sections}}{{#items}}{{#points}}{{#activities}}"
               "{{amount}} ({{amount_words}}){{/activities}}{{/points}}"
               "{{/items}}{{/sections}}\n");
    tu_result r;
    build_with_templates(dir, &r);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "250.000.000 đồng (Hai trăm năm mươi triệu "
                               "đồng)\n");
    tu_result_fini(&r);
    remove_in(dir, "report.md.mustache");
    rmdir(dir);
    free(dir);
}

/* Templates are strict: an unknown name is an error at its place. */
static void test_template_folder_is_strict(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_text(dir, "report.md.mustache",
               "{{type}} {{number_line}}\n{{> sign}}\n");
    write_text(dir, "sign.mustache", "\n  {{signature.nam}}");
    tu_result r;
    build_with_templates(dir, &r);
    assert_int_equal(r.status, 65);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s/sign.mustache:2:3: error: undefined name "
                         "\"signature.nam\": \"signature\" has no \"nam\"\n",
                  dir);
    assert_string_equal(r.err, want.ptr);
    assert_int_equal(r.out_len, 0);
    tu_result_fini(&r);
    remove_in(dir, "report.md.mustache");
    remove_in(dir, "sign.mustache");
    rmdir(dir);
    free(dir);
    bc_buf_fini(&want);
}

/* Punctuation copied from an old document is not doubled. */
/* Builds tests/fixtures/build/minimal.yaml with each edits[i] (from) line
 * part replaced by edits[i + 1] (to), as format; the result in r. */
static void build_minimal(tu_result *r, const char *format,
                          const char *const *edits)
{
    char *base = tu_read_file("tests/fixtures/build/minimal.yaml", NULL);
    assert_non_null(base);
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, base);
    free(base);
    for (size_t i = 0; edits[i]; i += 2) {
        char *at = strstr(yaml.ptr, edits[i]);
        if (!at)
            fail_msg("not in minimal.yaml: %s", edits[i]);
        bc_buf next = BC_BUF_INIT;
        bc_buf_append(&next, yaml.ptr, (size_t)(at - yaml.ptr));
        bc_buf_puts(&next, edits[i + 1]);
        bc_buf_puts(&next, at + strlen(edits[i]));
        bc_buf_fini(&yaml);
        yaml = next;
    }
    const char *args[] = {"build", "-f", format, "-", NULL};
    tu_run(r, yaml.ptr, yaml.len, args);
    bc_buf_fini(&yaml);
}

/* Builds with the edits and expects success and each of the NULL-ended
 * wanted pieces in the output. */
static void expect_built(const char *format, const char *const *edits,
                         const char *const *wanted)
{
    tu_result r;
    build_minimal(&r, format, edits);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    for (size_t i = 0; wanted[i]; i++)
        if (!strstr(r.out, wanted[i]))
            fail_msg("not in the output: \"%s\"\n%s", wanted[i], r.out);
    tu_result_fini(&r);
}

#define RECIPIENTS "recipients: [\"Sở Ngoại vụ\"]"
#define DISTRIBUTION "distribution: [\"Lưu: VT, VP\"]"

static void test_no_doubled_punctuation(void **state)
{
    (void)state;
    const char *edits[] = {RECIPIENTS, "recipients: [\"Sở Ngoại vụ.\"]",
                           DISTRIBUTION,
                           "distribution: [\"Như trên;\", \"Lưu: VT.\"]",
                           NULL};
    const char *wanted[] = {"Kính gửi: Sở Ngoại vụ.\n",
                            "- Như trên;\n- Lưu: VT.\n", NULL};
    expect_built("md", edits, wanted);
}

static void test_closing_and_proposals_not_doubled(void **state)
{
    (void)state;
    const char *edits[] = {
        DISTRIBUTION,
        DISTRIBUTION "\nclosing: \"UBND xã A kính báo cáo.\"\n"
                     "proposals: {title: KIẾN NGHỊ, to: \"Sở Ngoại vụ:\", "
                     "body: [Xin.]}",
        NULL};
    const char *wanted[] = {"\nUBND xã A kính báo cáo./.\n",
                            "\nKính đề nghị Sở Ngoại vụ:\n", NULL};
    expect_built("md", edits, wanted);
}

/* The layout's "." after a number must not make it an ordered list,
 * nested in the list of recipients or of Nơi nhận. */
static const char *const numbers_in_lists[] = {
    RECIPIENTS, "recipients: [\"Sở A\", \"2024\"]", DISTRIBUTION,
    "distribution: [\"Lưu: VT\", \"1.\"]", NULL};

static void test_numbers_in_lists_stay_text_markdown(void **state)
{
    (void)state;
    const char *md[] = {"- Sở A;\n- 2024\\.\n", "- Lưu: VT;\n- 1\\.\n", NULL};
    expect_built("md", numbers_in_lists, md);
}

static void test_numbers_in_lists_stay_text_html(void **state)
{
    (void)state;
    const char *html[] = {"<li>2024.</li>", "<li>1.</li>", NULL};
    expect_built("html", numbers_in_lists, html);
}

/* Text pasted from Word brings no-break spaces: at the edges of a value
 * they would undo the bold of the subject and the signer's name. */
static void test_blanks_at_edges_dropped(void **state)
{
    (void)state;
    const char *edits[] = {
        "subject: \"Kết quả năm 2025\"",
        "subject: \"\\u00A0Kết quả năm 2025\\u00A0\\u200B\"",
        "place: \"A\"", "place: \"A\\u00A0\"",
        "name: \"Nguyễn Văn A\"", "name: \"\\u2003Nguyễn Văn A\\u00A0\"",
        NULL};
    const char *wanted[] = {"\n**Kết quả năm 2025**\n",
                            "\n*A, ngày", "\n**Nguyễn Văn A**\n", NULL};
    expect_built("md", edits, wanted);
}

/* A placeholder of punctuation only ("...", a recipient not decided yet)
 * is kept as typed, the layout's "." after it. */
static void test_punctuation_placeholder_kept(void **state)
{
    (void)state;
    const char *edits[] = {RECIPIENTS, "recipients: [\"...\"]", NULL};
    const char *wanted[] = {"Kính gửi: ....\n", NULL};
    expect_built("md", edits, wanted);
}

/* A blank parent agency is no parent: no stray line break above the
 * agency. */
static void test_blank_parent_is_none(void **state)
{
    (void)state;
    const char *edits[] = {"  issuer:\n", "  issuer:\n    parent: \" \"\n",
                           NULL};
    tu_result r;
    build_minimal(&r, "md", edits);
    assert_int_equal(r.status, 0);
    assert_true(!strncmp(r.out, "**ỦY BAN NHÂN DÂN XÃ A**\n", 28));
    tu_result_fini(&r);
}

/* An empty item in a list is a slip: in the signature it would print as
 * "****". */
static void test_empty_signature_line(void **state)
{
    (void)state;
    const char *edits[] = {"signature: {", "signature: {lines: [\"TM. UBND\", "
                                           "\"\"], ",
                           NULL};
    tu_result r;
    build_minimal(&r, "md", edits);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, "<stdin>:30:33: error: \"lines\" must not be "
                               "empty\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

static void test_build_needs_a_file(void **state)
{
    (void)state;
    tu_result r;
    const char *no_file[] = {"build", NULL};
    tu_run(&r, NULL, 0, no_file);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: build needs a FILE (\"-\" "
                               "for standard input)\nTry 'bcreport --help'.\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

static void test_build_several_files_need_a_folder(void **state)
{
    (void)state;
    tu_result r;
    const char *two[] = {"build", "data/2023.yaml", "data/2025-xa.yaml", NULL};
    tu_run(&r, NULL, 0, two);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: several FILEs need -o "
                               "FOLDER/, where one output is written for "
                               "each, named after it\n"
                               "Try 'bcreport --help'.\n");
    tu_result_fini(&r);
}

static void test_build_unknown_format(void **state)
{
    (void)state;
    tu_result r;
    const char *bad_format[] = {"build", "-f", "rtf", "data/2023.yaml", NULL};
    tu_run(&r, NULL, 0, bad_format);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.err, "bcreport: error: unknown format \"rtf\" "
                               "(formats: md, html, docx, pdf)\nTry 'bcreport --help'.\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

/* "-o -" is standard output. */
static void test_build_output_dash_is_stdout(void **state)
{
    (void)state;
    tu_result r;
    const char *md[] = {"build", "-f", "md", "-o", "-", "data/2025-xa.yaml",
                        NULL};
    tu_run(&r, NULL, 0, md);
    assert_int_equal(r.status, 0);
    assert_matches_file(r.out, r.out_len, "tests/golden/2025-xa.md");
    tu_result_fini(&r);
}

static void test_build_missing_file_is_66(void **state)
{
    (void)state;
    tu_result r;
    const char *missing[] = {"build", "nope.yaml", NULL};
    tu_run(&r, NULL, 0, missing);
    assert_int_equal(r.status, 66);
    assert_string_equal(r.err, "nope.yaml: error: cannot open: No such file "
                               "or directory\n");
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

/* ---- the size of the output ---- */

/* The longest output the built-in templates make from data within the
 * limits (README, Limits): each text is printed once (the view expands it
 * once), escaped: Markdown adds at most a backslash (2 bytes for 1), HTML
 * at most writes " as &quot; (6 for 1); citations print at most their
 * budget; HTML prints the type and the subject twice (the page's title);
 * each node adds at most 32 bytes of template text (an HTML signature
 * line adds 29, an aid project's sentence 18 a node). */
static size_t output_bound(bc_format format)
{
    size_t text = (size_t)BC_YAML_MAX_TEXT + BC_CITE_MAX_EXPANDED;
    size_t twice = 2 * (size_t)BC_YAML_MAX_SCALAR + BC_CITE_MAX_EXPANDED;
    size_t nodes = 32 * (size_t)BC_YAML_MAX_NODES + 16 * 1024;
    return format == BC_FORMAT_MD ? 2 * text + nodes
                                  : 6 * text + 6 * twice + nodes;
}

/* Data at the limits, made of ch, the character its format escapes most:
 * a type, a subject and 11 paragraphs of 1 MiB, a title cited as often as
 * the citation budget allows, and the rest of the nodes as signature
 * lines. */
static void worst_case_yaml(bc_buf *yaml, char ch)
{
    bc_buf big = BC_BUF_INIT;
    for (size_t i = 0; i < 1024 * 1024 - 16; i++)
        bc_buf_putc(&big, ch);
    bc_buf_printf(yaml,
                  "document:\n"
                  "  issuer: {name: [\"ỦY BAN NHÂN DÂN XÃ A\"], short_name: "
                  "UBND xã A, self_name: UBND xã}\n"
                  "  symbol: BC-UBND\n  place: A\n  year: 2025\n"
                  "  type: '%s'\n  subject: '%s'\n"
                  "  recipients: [Sở Ngoại vụ]\ncitations:\n"
                  "  - {id: t, type: N, number: 1/2020/NĐ-CP, date: "
                  "2020-07-08, issuer: C, title: '%.1000s'}\n"
                  "preamble:\n  - &p '%s'\n",
                  big.ptr, big.ptr, big.ptr, big.ptr);
    for (int i = 0; i < 10; i++)
        bc_buf_puts(yaml, "  - *p\n");
    bc_buf_puts(yaml, "  - \"");
    for (int i = 0; i < 1000; i++) /* 1 020 bytes each: just within 1 MiB */
        bc_buf_puts(yaml, "[@t title] ");
    bc_buf_puts(yaml, "\"\nresults:\n  title: KẾT QUẢ\n"
                      "  dissemination: {title: T, body: [x]}\n"
                      "  tasks: {title: N, items: [{title: a}]}\n"
                      "assessment:\n  title: ĐÁNH GIÁ\n"
                      "  strengths: {title: Ưu điểm, body: [x]}\n"
                      "  limitations: {title: Hạn chế, body: [x]}\n"
                      "distribution: [\"Lưu: VT, VP\"]\n"
                      "signature:\n  title: CHỦ TỊCH\n  name: Nguyễn Văn A\n"
                      "  lines:\n    - &l x\n");
    for (int i = 0; i < 999000; i++)
        bc_buf_puts(yaml, "    - *l\n");
    bc_buf_fini(&big);
}

/* Data at the limits that used to multiply: a self_name of 1 MiB stood
 * in for the partner of every aid project, here 76 000 aliases of one (80
 * GB of output).  Now each repeat counts against the citation budget. */
static void repeated_partner_yaml(bc_buf *yaml)
{
    bc_buf_puts(yaml, "document:\n"
                      "  issuer: {name: [\"ỦY BAN NHÂN DÂN XÃ A\"], "
                      "short_name: UBND xã A, self_name: '");
    for (size_t i = 0; i < 1024 * 1024 - 16; i++)
        bc_buf_putc(yaml, 'x');
    bc_buf_puts(yaml, "'}\n"
                      "  symbol: BC-UBND\n  place: A\n  year: 2025\n"
                      "  type: BÁO CÁO\n  subject: Kết quả\n"
                      "  recipients: [Sở Ngoại vụ]\n"
                      "preamble: [Mở đầu.]\n"
                      "results:\n  title: KẾT QUẢ\n"
                      "  dissemination: {title: T, body: [x]}\n"
                      "  tasks:\n    title: N\n    items:\n"
                      "      - title: a\n        aid_projects:\n"
                      "          - &a {donor: D, project: P, place: Q, "
                      "amount: 1, legal_basis: L, status: S}\n");
    for (int i = 0; i < 76000; i++)
        bc_buf_puts(yaml, "          - *a\n");
    bc_buf_puts(yaml, "assessment:\n  title: ĐÁNH GIÁ\n"
                      "  strengths: {title: Ưu điểm, body: [x]}\n"
                      "  limitations: {title: Hạn chế, body: [x]}\n"
                      "distribution: [\"Lưu: VT, VP\"]\n"
                      "signature: {title: CHỦ TỊCH, name: Nguyễn Văn A}\n");
}

/* Builds path; returns the output's length, or SIZE_MAX after errors,
 * which must be the data's (status 65). */
static size_t built_size(const char *path, bc_format format)
{
    bc_build_options options = {.format = format};
    bc_buf out = BC_BUF_INIT;
    bc_diags diags;
    bc_diags_init(&diags);
    bool ok = bc_build(path, &options, &out, &diags);
    if (!ok && diags.status != 65)
        fail_msg("status %d, not a data error", diags.status);
    size_t len = ok ? out.len : SIZE_MAX;
    bc_diags_fini(&diags);
    bc_buf_fini(&out);
    return len;
}

/* Within the limits, no data makes a longer document than the bound: the
 * worst cases for Markdown ("[" becomes "\[") and for HTML (" becomes
 * &quot;) come within a factor of two of it. */
static void check_worst_case(bc_format format, char ch)
{
    bc_buf yaml = BC_BUF_INIT;
    worst_case_yaml(&yaml, ch);
    char *path = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    size_t len = built_size(path, format);
    size_t bound = output_bound(format);
    if (len > bound || len < bound / 2)
        fail_msg("%zu bytes, bound %zu", len, bound);
    remove(path);
    free(path);
    bc_buf_fini(&yaml);
}

static void test_markdown_output_is_bounded(void **state)
{
    (void)state;
    tu_skip_under_valgrind("a million nodes and 16 MiB of text take a "
                           "quarter of an hour under valgrind; the same "
                           "code builds every other test's data under it");
    check_worst_case(BC_FORMAT_MD, '[');
}

static void test_html_output_is_bounded(void **state)
{
    (void)state;
    tu_skip_under_valgrind("a million nodes and 16 MiB of text take a "
                           "quarter of an hour under valgrind; the same "
                           "code builds every other test's data under it");
    check_worst_case(BC_FORMAT_HTML, '"');
}

/* Data that used to multiply (a long self_name standing in for the
 * partner of many aid projects) is an error instead. */
static void test_repeated_partner_is_an_error(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    repeated_partner_yaml(&yaml);
    char *path = tu_temp_file(yaml.ptr, yaml.len, ".yaml");
    size_t len = built_size(path, BC_FORMAT_MD);
    if (len != SIZE_MAX)
        fail_msg("built %zu bytes instead of failing", len);
    remove(path);
    free(path);
    bc_buf_fini(&yaml);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_2023),
        cmocka_unit_test(test_golden_commune_2025),
        cmocka_unit_test(test_golden_commune_2026),
        cmocka_unit_test(test_build_is_deterministic),
        cmocka_unit_test(test_example_sentences),
        cmocka_unit_test(test_markdown_headings),
        cmocka_unit_test(test_markdown_short_name_in_italics),
        cmocka_unit_test(test_markdown_note),
        cmocka_unit_test(test_markdown_has_no_raw_html),
        cmocka_unit_test(test_markdown_sub_items_nest),
        cmocka_unit_test(test_markdown_header_keeps_its_lines),
        cmocka_unit_test(test_validation_fixtures),
        cmocka_unit_test(test_validation_fixtures_in_vietnamese),
        cmocka_unit_test(test_minimal_fixture_is_valid),
        cmocka_unit_test(test_template_folder_without_main_template),
        cmocka_unit_test(test_template_folder_replaces_built_in),
        cmocka_unit_test(test_template_folder_amount_words),
        cmocka_unit_test(test_template_folder_is_strict),
        cmocka_unit_test(test_no_doubled_punctuation),
        cmocka_unit_test(test_closing_and_proposals_not_doubled),
        cmocka_unit_test(test_numbers_in_lists_stay_text_markdown),
        cmocka_unit_test(test_numbers_in_lists_stay_text_html),
        cmocka_unit_test(test_punctuation_placeholder_kept),
        cmocka_unit_test(test_blanks_at_edges_dropped),
        cmocka_unit_test(test_blank_parent_is_none),
        cmocka_unit_test(test_empty_signature_line),
        cmocka_unit_test(test_build_needs_a_file),
        cmocka_unit_test(test_build_several_files_need_a_folder),
        cmocka_unit_test(test_build_unknown_format),
        cmocka_unit_test(test_build_output_dash_is_stdout),
        cmocka_unit_test(test_build_missing_file_is_66),
        cmocka_unit_test(test_markdown_output_is_bounded),
        cmocka_unit_test(test_html_output_is_bounded),
        cmocka_unit_test(test_repeated_partner_is_an_error),
    };
    return cmocka_run_group_tests_name("build", tests, NULL, NULL);
}
