/* test_summary.c - bcreport summary: the province's summary of many
 * units' reports, driven through the real binary.  Golden documents over
 * the examples and the communes of tests/fixtures/summary; the workbook
 * read back (unzip and xmllint on its XML; LibreOffice recalculating its
 * formulas); CSV byte for byte; a failing file among good ones; the
 * output kept on failure; usage errors; speed. */
#include "testutil.h"
#include "pdfcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/chars.h"
#include "bcreport/xlsx.h"
#include "bcreport/zip.h"

/* The reports of tests/golden/summary.* (the Makefile's SUMMARY_GOLDEN). */
#define INPUTS                                                                \
    "data/2025-xa.yaml data/2026-xa.yaml "                                    \
    "tests/fixtures/summary/xa-binh-son.yaml "                                \
    "tests/fixtures/summary/xa-dong-son.yaml "                                \
    "tests/fixtures/summary/xa-van-tuong.yaml"
#define HEADER "tests/fixtures/summary/header.yaml"
#define BAD "tests/fixtures/build/bad-date.yaml"

static char *fresh_dir(void)
{
    char *dir = strdup("/tmp/bctest-summary-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    tu_sh("rm -rf '%s'", dir);
    free(dir);
}

/* What dir holds: its names (ls -A), then what the files named in cat
 * (a list for the shell, or "") hold. */
static void assert_folder(const char *dir, const char *cat, const char *want)
{
    tu_result ls;
    tu_shell(&ls, "cd '%s' && ls -A%s%s", dir, *cat ? " && cat " : "", cat);
    assert_string_equal(ls.out, want);
    tu_result_fini(&ls);
}

static bool file_exists(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    return stat(path, &st) == 0;
}

/* Fails with a unified diff between want (a file) and got. */
static void assert_matches_file(const char *got, size_t got_len,
                                const char *want_path)
{
    size_t want_len;
    char *want = tu_read_file(want_path, &want_len);
    if (!want)
        fail_msg("cannot read %s", want_path);
    if (want_len != got_len || memcmp(want, got, got_len) != 0) {
        char *actual = tu_temp_file(got, got_len, ".out");
        tu_sh("diff -u '%s' '%s' | head -n 60 >&2", want_path, actual);
        fail_msg("output differs from %s (diff above; regenerate with "
                 "'make golden' after review)",
                 want_path);
    }
    free(want);
}

/* ---- the document ---- */

static void check_golden(const char *format, const char *golden)
{
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary -f %s " INPUTS, format);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    assert_matches_file(r.out, r.out_len, golden);
    tu_result_fini(&r);
}

static void test_golden_markdown(void **state)
{
    (void)state;
    check_golden("md", "tests/golden/summary.md");
}

static void test_golden_html(void **state)
{
    (void)state;
    check_golden("html", "tests/golden/summary.html");
}

/* What the golden documents rest on, said plainly: the totals per unit
 * and overall, the activities typed under plans (next year's) left out,
 * the proposals by unit. */
static void test_totals_and_what_is_counted(void **state)
{
    (void)state;
    char *md = tu_read_file("tests/golden/summary.md", NULL);
    assert_non_null(md);
    static const char *const want[] = {
        "| **Cộng UBND xã Tịnh Khê** |  |  |  | **505.000.000** | "
        "**475.000.000** |  |",
        "| **Cộng UBND xã Bình Sơn** |  |  |  | **350.000.000** | **0** |  |",
        "| **Cộng UBND xã Vạn Tường** |  |  |  | **480.000.000** | "
        "**360.000.000** |  |",
        "|  | **Tổng cộng** |  |  |  | **1.335.000.000** | "
        "**835.000.000** |  |",
        "| 4 | UBND xã Vạn Tường | 1 | 2 | 1 | 0 | 1 | 3 |",
        "|  | **Tổng cộng** | **5** | **6** | **3** | **2** | **2** | "
        "**6** |",
        "### 3. UBND xã Vạn Tường",
        "  + trong lĩnh vực **giáo dục**.",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(md, want[i]))
            fail_msg("summary.md lacks: %s", want[i]);
    assert_null(strstr(md, "2027")); /* the planned visit */
    free(md);
}

/* Without --header, the header's places are blanks to fill by hand, as
 * Decree 30's forms have them; with it, the department's own. */
static void test_header(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary tests/fixtures/summary/xa-binh-son.yaml");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
                                  "/BC-……"));
    assert_non_null(strstr(r.out, "……………, ngày\u00a0\u00a0\u00a0\u00a0"
                                  "\u00a0\u00a0tháng"));
    assert_non_null(strstr(r.out, "**Tổng hợp kết quả công tác đối ngoại "
                                  "năm 2026 của các đơn vị**"));
    tu_result_fini(&r);

    tu_shell(&r, "\"$BCREPORT\" summary --header " HEADER " " INPUTS);
    assert_int_equal(r.status, 0);
    static const char *const want[] = {
        "UBND TỈNH QUẢNG NGÃI\\\n**SỞ NGOẠI VỤ**",
        "/BC-SNgV",
        "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi.",
        "Sở Ngoại vụ kính báo cáo./.",
        "- Lưu: VT, PHTQT.",
        "**Nguyễn Văn Minh**",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(r.out, want[i]))
            fail_msg("no %s in:\n%s", want[i], r.out);
    tu_result_fini(&r);
}

/* A header with a mistake: its diagnostic, status 65, nothing written. */
static void test_bad_header(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    tu_shell(&r,
             "sed 's/^distribution:/distributon:/' " HEADER " > '%s/h.yaml' "
             "&& \"$BCREPORT\" summary --header '%s/h.yaml' -o '%s/s.md' "
             INPUTS,
             dir, dir, dir);
    assert_int_equal(r.status, 65);
    if (!strstr(r.err, "h.yaml:18:1: error: unknown key \"distributon\" in "
                       "header; did you mean \"distribution\"?"))
        fail_msg("stderr: %s", r.err);
    assert_false(file_exists(dir, "s.md"));
    tu_result_fini(&r);
    remove_dir(dir);
}

/* Word, from the report's own DOCX templates. */
static void test_docx(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary " INPUTS " -o '%s/s.docx' && "
                 "unzip -p '%s/s.docx' word/document.xml",
             dir, dir);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "DỰ ÁN VIỆN TRỢ NƯỚC NGOÀI"));
    assert_non_null(strstr(r.out, "1.335.000.000"));
    assert_non_null(strstr(r.out, "<w:b/><w:bCs/></w:rPr><w:t "
                                  "xml:space=\"preserve\">Cộng UBND xã Bình "
                                  "Sơn</w:t>"));
    tu_result_fini(&r);
    remove_dir(dir);
}

/* ---- the workbook ---- */

/* The text of xpath in part of the workbook (xmllint's answer, trimmed),
 * malloc'd. */
static char *xpath(const char *xlsx, const char *part, const char *path)
{
    tu_result r;
    tu_shell(&r, "unzip -p '%s' '%s' | xmllint --xpath \"%s\" -", xlsx, part,
             path);
    if (r.status != 0)
        fail_msg("xpath %s in %s: %s", path, part, r.err);
    char *s = strdup(r.out);
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
    tu_result_fini(&r);
    return s;
}

#define E(name) "*[local-name()='" name "']"

/* A cell's element (c) of a sheet, by its reference ("F2"). */
static char *cell(const char *xlsx, int sheet, const char *ref,
                  const char *what)
{
    char part[64], path[256];
    snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", sheet);
    snprintf(path, sizeof path, "string(//" E("c") "[@r='%s']%s)", ref,
             what);
    return xpath(xlsx, part, path);
}

/* A text cell's text, from the shared strings. */
static char *cell_text(const char *xlsx, int sheet, const char *ref)
{
    char *index = cell(xlsx, sheet, ref, "/" E("v"));
    char path[256];
    snprintf(path, sizeof path, "string((//" E("si") ")[%d])",
             atoi(index) + 1);
    free(index);
    return xpath(xlsx, "xl/sharedStrings.xml", path);
}

static void assert_cell(const char *xlsx, int sheet, const char *ref,
                        const char *what, const char *want)
{
    char *got = cell(xlsx, sheet, ref, what);
    if (strcmp(got, want) != 0)
        fail_msg("sheet%d %s%s: \"%s\", not \"%s\"", sheet, ref, what, got,
                 want);
    free(got);
}

static char *make_workbook(const char *dir)
{
    char *path = malloc(strlen(dir) + 8);
    sprintf(path, "%s/s.xlsx", dir);
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary " INPUTS " -o '%s'", path);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
    return path;
}

/* ---- a workbook damaged by a full disk ---- */

typedef struct parts {
    bc_zip *z;
    const char *cut_name; /* the part to cut short */
    size_t cut_at;        /* the bytes of it kept */
    size_t cut_len;       /* the cut part's length, when found */
} parts;

/* Copies each entry into p->z, the one named p->cut_name cut short. */
static bool copy_part(void *ctx, const char *name, size_t name_len,
                      const char *data, size_t len)
{
    parts *p = ctx;
    bc_diags diags;
    bc_diags_init(&diags);
    char *copy = strndup(name, name_len);
    if (strcmp(copy, p->cut_name) == 0)
        p->cut_len = len;
    bool ok = bc_zip_add(p->z, copy, data,
                    strcmp(copy, p->cut_name) == 0 && p->cut_at < len
                        ? p->cut_at
                        : len,
                    &diags);
    assert_true(ok);
    free(copy);
    bc_diags_fini(&diags);
    return true;
}

/* The workbook read into book remade with p's part cut short (p->cut_len:
 * that part's length). */
static void remake(const char *book, size_t len, parts *p, bc_buf *out)
{
    bc_diags diags;
    bc_diags_init(&diags);
    p->z = bc_zip_new(&diags);
    assert_null(bc_zip_read(book, len, copy_part, p));
    assert_true(bc_zip_finish(p->z, out, &diags));
    bc_diags_fini(&diags);
}

/* A workbook whose part is cut short anywhere (its closing tag lost, or
 * more: what a full disk leaves) is damaged; the workbook as made, and
 * remade, is whole.  (A piece lost in the middle, a write failing and
 * the disk then working again, can go unseen: its two ends may both fall
 * inside texts or attribute values, and the tags still pair; README.) */
static void test_workbook_parts_checked(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    char *xlsx = make_workbook(dir);
    size_t len;
    char *book = tu_read_file(xlsx, &len);
    assert_non_null(book);
    assert_null(bc_xlsx_damage(book, len));
    static const char *const names[] = {
        "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
        "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml"};
    for (size_t n = 0; n < sizeof names / sizeof *names; n++) {
        parts p = {.cut_name = names[n], .cut_at = (size_t)-1};
        bc_buf out = BC_BUF_INIT;
        remake(book, len, &p, &out); /* finds the part's length */
        assert_true(p.cut_len > 0);
        assert_null(bc_xlsx_damage(out.ptr, out.len));
        size_t full = p.cut_len;
        for (size_t at = 0; at + 1 < full; at += at < 64 ? 1 : 61) {
            parts cut = {.cut_name = names[n], .cut_at = at};
            bc_buf_clear(&out);
            remake(book, len, &cut, &out);
            if (!bc_xlsx_damage(out.ptr, out.len))
                fail_msg("%s cut at %zu of %zu: still whole", names[n], at,
                         full);
        }
        bc_buf_fini(&out);
    }
    free(book);
    free(xlsx);
    remove_dir(dir);
}

/* libxlsxwriter does not check its writes to its own temporary files:
 * the first write failing (its [Content_Types].xml) left a workbook with
 * an empty part and status 0.  Now that write failing, or every write
 * from it on (a full disk), gives 74 and keeps OUT; nothing is left
 * behind. */
static void test_workbook_damaged_by_full_disk(void **state)
{
    (void)state;
    tu_skip_under_valgrind("strace counts valgrind's own writes too: the "
                           "first is not libxlsxwriter's; test_summary's "
                           "parts check and check-faults cover the rest");
    if (tu_sh("command -v strace > /dev/null") != 0)
        skip();
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("printf old > '%s/s.xlsx'", dir), 0);
    static const char *const when[] = {"1", "1+"};
    for (size_t i = 0; i < 2; i++) {
        tu_result r;
        tu_shell(&r,
                 "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null "
                 "-e inject=write:error=ENOSPC:when=%s \"$BCREPORT\" summary "
                 INPUTS " -o '%s/s.xlsx'",
                 when[i], dir);
        assert_int_equal(r.status, 74);
        if (i == 0 && /* with 1+, stderr cannot be written either */
            !strstr(r.err, "s.xlsx: error: the workbook came out damaged ("))
            fail_msg("when=%s: %s", when[i], r.err);
        tu_result_fini(&r);
    }
    assert_folder(dir, "s.xlsx", "s.xlsx\nold");
    remove_dir(dir);
}

/* Read back with unzip and xmllint: the sheets, the header row, a
 * number and its format, the totals' formulas, the frozen header, the
 * widths. */
static void test_xlsx_read_back(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    char *xlsx = make_workbook(dir);
    char *names = xpath(xlsx, "xl/workbook.xml",
                        "//" E("sheet") "/@name");
    assert_string_equal(names, " name=\"Số liệu theo đơn vị\"\n "
                               "name=\"Dự án viện trợ\"\n "
                               "name=\"Đoàn vào\"\n name=\"Đoàn ra\"\n "
                               "name=\"Hoạt động, sự kiện\"\n "
                               "name=\"Đề xuất, kiến nghị\"");
    free(names);

    /* Sheet 2, the aid projects: the header row, in bold. */
    static const char *const header[] = {
        "STT", "Đơn vị", "Nhà tài trợ", "Dự án", "Địa điểm",
        "Kinh phí (đồng)", "Đã giải ngân (đồng)", "Tình trạng"};
    for (int c = 0; c < 8; c++) {
        char ref[8];
        snprintf(ref, sizeof ref, "%c1", 'A' + c);
        char *text = cell_text(xlsx, 2, ref);
        assert_string_equal(text, header[c]);
        free(text);
    }
    char *s = cell(xlsx, 2, "B1", "/@s");
    char path[256];
    snprintf(path, sizeof path,
             "string((//" E("cellXfs") "/" E("xf") ")[%d]/@fontId)",
             atoi(s) + 1);
    char *font = xpath(xlsx, "xl/styles.xml", path);
    snprintf(path, sizeof path, "count((//" E("fonts") "/" E("font") ")[%d]/"
             E("b") ")", atoi(font) + 1);
    char *bold = xpath(xlsx, "xl/styles.xml", path);
    assert_string_equal(bold, "1");
    free(s);
    free(font);
    free(bold);

    /* An amount: a number, in the format #,##0. */
    assert_cell(xlsx, 2, "F2", "/" E("v"), "250000000");
    assert_cell(xlsx, 2, "F2", "/@t", "");
    s = cell(xlsx, 2, "F2", "/@s");
    snprintf(path, sizeof path,
             "string((//" E("cellXfs") "/" E("xf") ")[%d]/@numFmtId)",
             atoi(s) + 1);
    char *id = xpath(xlsx, "xl/styles.xml", path);
    snprintf(path, sizeof path,
             "string(//" E("numFmt") "[@numFmtId='%s']/@formatCode)", id);
    char *format = xpath(xlsx, "xl/styles.xml", path);
    assert_string_equal(format, "#,##0");
    free(format);
    free(id);
    free(s);

    /* The subtotals and the total: formulas over their rows, with their
     * values.  Rows: Tịnh Khê 2-4, its subtotal 5; Bình Sơn 6, 7; Vạn
     * Tường 8-9, 10; the total 11. */
    char *label = cell_text(xlsx, 2, "B10");
    assert_string_equal(label, "Cộng UBND xã Vạn Tường");
    free(label);
    assert_cell(xlsx, 2, "F10", "/" E("f"), "SUBTOTAL(9,F8:F9)");
    assert_cell(xlsx, 2, "F10", "/" E("v"), "480000000");
    assert_cell(xlsx, 2, "F7", "/" E("f"), "SUBTOTAL(9,F6:F6)");
    label = cell_text(xlsx, 2, "B11");
    assert_string_equal(label, "Tổng cộng");
    free(label);
    assert_cell(xlsx, 2, "F11", "/" E("f"), "SUBTOTAL(9,F2:F10)");
    assert_cell(xlsx, 2, "F11", "/" E("v"), "1335000000");
    assert_cell(xlsx, 2, "G11", "/" E("v"), "835000000");

    /* The header row stays in sight; the project column is as wide as
     * its longest text (47 characters, and 2 of margin). */
    char *pane = xpath(xlsx, "xl/worksheets/sheet2.xml",
                       "string(//" E("pane") "/@state)");
    assert_string_equal(pane, "frozen");
    free(pane);
    char *split = xpath(xlsx, "xl/worksheets/sheet2.xml",
                        "string(//" E("pane") "/@ySplit)");
    assert_string_equal(split, "1");
    free(split);
    char *width = xpath(xlsx, "xl/worksheets/sheet2.xml",
                        "string(//" E("col") "[@min='4']/@width)");
    assert_int_equal(atoi(width), 49);
    free(width);
    free(xlsx);
    remove_dir(dir);
}

/* Splits a line of CSV into at most max fields, in place (RFC 4180:
 * a quoted field may hold commas and doubled quotes); their count. */
static int split_csv(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        fields[n++] = out;
        bool quoted = *p == '"';
        p += quoted;
        for (; *p && (quoted || *p != ','); p++) {
            if (quoted && *p == '"') {
                if (p[1] != '"') {
                    quoted = false;
                    continue;
                }
                p++;
            }
            *out++ = *p;
        }
        bool more = *p == ',';
        *out = '\0';
        if (!more)
            break;
        p++;
    }
    return n;
}

/* LibreOffice opens the workbook with its cached values taken out, so
 * that it must recalculate every formula, and writes the aid projects'
 * sheet as CSV: each subtotal is its unit's sum and the total the sum of
 * the projects, as the test adds them up. */
static void test_xlsx_through_libreoffice(void **state)
{
    (void)state;
    if (system("command -v soffice >/dev/null 2>&1") != 0 ||
        access("/usr/lib/libreoffice/program/libsclo.so", F_OK) != 0) {
        fprintf(stderr, "\n*** SKIPPED: LibreOffice Calc not found; "
                        "apt-get install libreoffice-calc-nogui ***\n\n");
        if (tu_in_ci())
            fail_msg("CI=true: LibreOffice Calc is required");
        skip();
    }
    char *dir = fresh_dir();
    char *xlsx = make_workbook(dir);
    /* The profile asks for a recalculation on every load. */
    int status = tu_sh(
        "set -e; cd '%s'; mkdir -p lo/user; "
        "printf '%%s\\n' '<?xml version=\"1.0\" encoding=\"UTF-8\"?>' "
        "'<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
        "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">' "
        "'<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\">"
        "<prop oor:name=\"OOXMLRecalcMode\" oor:op=\"fuse\"><value>0</value>"
        "</prop></item>' '</oor:items>' > lo/user/registrymodifications.xcu; "
        "python3 -c 'import re, sys, zipfile\n"
        "src = zipfile.ZipFile(\"s.xlsx\")\n"
        "dst = zipfile.ZipFile(\"blank.xlsx\", \"w\", zipfile.ZIP_DEFLATED)\n"
        "for i in src.infolist():\n"
        "    data = src.read(i.filename)\n"
        "    if i.filename.startswith(\"xl/worksheets/\"):\n"
        "        data = re.sub(rb\"</f><v>[0-9]+</v>\", rb\"</f><v>0</v>\", "
        "data)\n"
        "    dst.writestr(i, data)\n"
        "dst.close()'; "
        "unzip -p blank.xlsx xl/worksheets/sheet2.xml | "
        "grep -q '<f>SUBTOTAL(9,F2:F10)</f><v>0</v>'; "
        "HOME=\"$PWD\" timeout 120 soffice --headless "
        "-env:UserInstallation=\"file://$PWD/lo\" --convert-to "
        "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
        "false,false,2' --outdir out blank.xlsx >lo.log 2>&1 || "
        "{ cat lo.log >&2; exit 1; }",
        dir);
    assert_int_equal(status, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/out/blank-Dự án viện trợ.csv", dir);
    char *csv = tu_read_file(path, NULL);
    if (!csv)
        fail_msg("LibreOffice wrote no %s", path);
    /* Item rows start with their STT; a sum row with a comma. */
    long long unit[2] = {0, 0}, all[2] = {0, 0};
    int subtotals = 0, totals = 0;
    for (char *line = strtok(csv, "\n"); line; line = strtok(NULL, "\n")) {
        char *fields[8] = {0};
        int n = split_csv(line, fields, 8);
        if (n < 7 || !strcmp(fields[0], "STT"))
            continue;
        long long f = atoll(fields[5]), g = atoll(fields[6]);
        if (*fields[0]) { /* an item */
            unit[0] += f, unit[1] += g, all[0] += f, all[1] += g;
        } else if (!strncmp(fields[1], "Cộng ", strlen("Cộng "))) {
            assert_int_equal(f, unit[0]);
            assert_int_equal(g, unit[1]);
            unit[0] = unit[1] = 0;
            subtotals++;
        } else {
            assert_string_equal(fields[1], "Tổng cộng");
            assert_int_equal(f, all[0]);
            assert_int_equal(g, all[1]);
            assert_int_equal(f, 1335000000);
            totals++;
        }
    }
    assert_int_equal(subtotals, 3);
    assert_int_equal(totals, 1);
    free(csv);
    free(xlsx);
    remove_dir(dir);
}

/* Two runs give the same bytes (the workbook's date is fixed). */
static void test_xlsx_is_reproducible(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("cd '%s' && \"$BCREPORT\" summary \"$OLDPWD/"
                           "data/2026-xa.yaml\" -o a.xlsx && sleep 1 && "
                           "\"$BCREPORT\" summary \"$OLDPWD/data/"
                           "2026-xa.yaml\" -o b.xlsx && cmp a.xlsx b.xlsx",
                           dir),
                     0);
    remove_dir(dir);
}

/* ---- CSV ---- */

/* Byte for byte: the golden file, and what it rests on said plainly. */
static void test_csv(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary -f csv " INPUTS);
    assert_int_equal(r.status, 0);
    assert_matches_file(r.out, r.out_len, "tests/golden/summary.csv");
    /* A byte-order mark, then the first table's title line. */
    assert_memory_equal(r.out, "\xEF\xBB\xBFSỐ BÁO CÁO VÀ HOẠT ĐỘNG THEO "
                               "ĐƠN VỊ\r\nSTT,Đơn vị,Số báo cáo,",
                        strlen("\xEF\xBB\xBFSỐ BÁO CÁO VÀ HOẠT ĐỘNG THEO "
                               "ĐƠN VỊ\r\nSTT,Đơn vị,Số báo cáo,"));
    /* Every line ends in CRLF; a bare LF only inside a quoted field (a
     * proposal's sub-items). */
    bool quoted = false;
    for (size_t i = 0; i < r.out_len; i++) {
        if (r.out[i] == '"')
            quoted = !quoted;
        if (r.out[i] == '\n' && !quoted && (i == 0 || r.out[i - 1] != '\r'))
            fail_msg("a bare LF at byte %zu", i);
    }
    assert_false(quoted);
    assert_int_equal(r.out[r.out_len - 2], '\r');
    assert_int_equal(r.out[r.out_len - 1], '\n');
    /* A cell with a comma and quotes, quoted, its quotes doubled; amounts
     * as plain digits. */
    assert_non_null(strstr(r.out, "\r\n5,UBND xã Vạn Tường,\"Hội \"\"Bạn "
                                  "của Quảng Ngãi\"\", Nhật Bản\",Xây dựng "
                                  "cầu dân sinh thôn Thanh Thủy,Thôn Thanh "
                                  "Thủy,420000000,300000000,Đang triển khai "
                                  "thực hiện\r\n"));
    assert_non_null(strstr(r.out, "\r\n,Tổng cộng,,,,1335000000,835000000,"
                                  "\r\n"));
    assert_non_null(strstr(r.out, "\"Hỗ trợ xã kết nối với các tổ chức phi "
                                  "chính phủ nước ngoài:\n+ trong lĩnh vực "
                                  "nước sạch;\n+ trong lĩnh vực giáo dục.\""));
    /* Six tables, one empty line between two. */
    size_t empty = 0;
    for (const char *p = r.out; (p = strstr(p, "\r\n\r\n")); p += 2)
        empty++;
    assert_int_equal(empty, 5);
    tu_result_fini(&r);
}

/* ---- failures ---- */

/* A failing file among good ones: its diagnostics (file:line:col), the
 * others summarised, the failure counted in the output, status 65, the
 * output written. */
static void test_failing_file_is_counted(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary " INPUTS " " BAD " -o '%s/s.md'",
             dir);
    assert_int_equal(r.status, 65);
    if (!strstr(r.err, BAD ":") || !strstr(r.err, ": error: "))
        fail_msg("stderr: %s", r.err);
    assert_non_null(strstr(r.err, "6 files: 5 summarised, 1 could not be "
                                  "read\n"));
    char path[512];
    snprintf(path, sizeof path, "%s/s.md", dir);
    char *md = tu_read_file(path, NULL);
    assert_non_null(md);
    assert_non_null(strstr(md, "Không đọc được: 1 báo cáo (" BAD ")."));
    assert_non_null(strstr(md, "**1.335.000.000**"));
    free(md);
    tu_result_fini(&r);

    /* The same in the spreadsheet formats. */
    tu_shell(&r, "\"$BCREPORT\" summary -f csv " BAD " " INPUTS);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.out, ",Tổng cộng,5,6,3,2,2,6\r\nKhông đọc "
                                  "được: 1 báo cáo (" BAD ").\r\n\r\n"));
    tu_result_fini(&r);
    tu_shell(&r, "\"$BCREPORT\" summary " BAD " " INPUTS " -o '%s/s.xlsx' "
                 "&& exit 1; unzip -p '%s/s.xlsx' xl/sharedStrings.xml",
             dir, dir);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Không đọc được: 1 báo cáo (" BAD ")."));
    tu_result_fini(&r);
    remove_dir(dir);
}

/* No readable file: 65, nothing written, an existing OUT kept as it
 * was, no temporary file beside it; the same for the workbook. */
static void test_nothing_readable(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("printf old > '%s/s.md' && printf old > "
                           "'%s/s.xlsx'", dir, dir), 0);
    static const char *const outputs[] = {"s.md", "s.xlsx", "s.csv"};
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_shell(&r, "\"$BCREPORT\" summary " BAD " no-such-file.yaml "
                     "-o '%s/%s'", dir, outputs[i]);
        assert_int_equal(r.status, 65);
        assert_non_null(strstr(r.err, "no-such-file.yaml: error: cannot "
                                      "open"));
        assert_non_null(strstr(r.err, "bcreport: error: no report could be "
                                      "read: nothing was written\n"));
        tu_result_fini(&r);
    }
    assert_folder(dir, "s.md s.xlsx", "s.md\ns.xlsx\noldold");
    remove_dir(dir);
}

/* An output that cannot be written: its status, OUT kept, nothing left
 * behind (the workbook's temporary file has no name to leave). */
static void test_output_kept_on_failure(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    tu_result r;
    /* Onto an input. */
    tu_shell(&r, "cp tests/fixtures/summary/xa-dong-son.yaml '%s/x.yaml' && "
                 "cp '%s/x.yaml' '%s/before' && \"$BCREPORT\" summary -f xlsx "
                 "'%s/x.yaml' -o '%s/x.yaml'; s=$?; cmp '%s/x.yaml' "
                 "'%s/before' && exit $s",
             dir, dir, dir, dir, dir, dir, dir);
    assert_int_equal(r.status, 64);
    assert_non_null(strstr(r.err, "refusing to write the output onto an "
                                  "input"));
    tu_result_fini(&r);
    /* Into a folder that is not there: 73, even with a file left out
     * (65), as nothing could be written. */
    tu_shell(&r, "\"$BCREPORT\" summary " INPUTS " " BAD " -o "
                 "'%s/none/s.xlsx'", dir);
    assert_int_equal(r.status, 73);
    assert_non_null(strstr(r.err, "cannot create the workbook's temporary "
                                  "file"));
    tu_result_fini(&r);
    /* The PDF engine missing: said before any file is read. */
    tu_shell(&r, "PATH=/nonexistent \"$BCREPORT\" summary no-such.yaml "
                 "-o '%s/s.pdf'", dir);
    assert_int_equal(r.status, 69);
    assert_null(strstr(r.err, "no-such.yaml"));
    tu_result_fini(&r);
    assert_folder(dir, "", "before\nx.yaml\n");
    remove_dir(dir);
}

/* ---- the command line ---- */

static void test_usage_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args, *err;
    } cases[] = {
        {"", "bcreport: error: summary needs at least one FILE\n"
             "Try 'bcreport --help'.\n"},
        {"-f xls data/2026-xa.yaml",
         "bcreport: error: unknown format \"xls\" (formats: md, html, docx, "
         "pdf, xlsx, csv)\nTry 'bcreport --help'.\n"},
        {"data/2026-xa.yaml -o s.txt",
         "bcreport: error: cannot tell the format of \"s.txt\" from its name: "
         "end it in .md, .html, .docx, .pdf, .xlsx or .csv, or give -f "
         "(formats: md, html, docx, pdf, xlsx, csv)\nTry 'bcreport --help'.\n"},
        {"-f csv data/2026-xa.yaml -o s.xlsx",
         "bcreport: error: -f csv but the output \"s.xlsx\" is named as xlsx; "
         "make them agree\nTry 'bcreport --help'.\n"},
        {"-T templates data/2026-xa.yaml -o s.csv",
         "bcreport: error: --templates goes with the documents (md, html, "
         "docx, pdf), not with csv\nTry 'bcreport --help'.\n"},
        {"--header - - data/2026-xa.yaml",
         "bcreport: error: standard input (\"-\") can be read only once\n"
         "Try 'bcreport --help'.\n"},
        {"--heder h.yaml data/2026-xa.yaml",
         "bcreport: error: unknown option \"--heder\"; did you mean "
         "\"--header\"?\nTry 'bcreport --help'.\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tu_result r;
        tu_shell(&r, "cd /tmp && \"$BCREPORT\" summary %s", cases[i].args);
        if (r.status != 64)
            fail_msg("%s: status %d", cases[i].args, r.status);
        assert_string_equal(r.err, cases[i].err);
        assert_string_equal(r.out, "");
        tu_result_fini(&r);
    }
}

/* The workbook is not text for a terminal (script(1) gives one); piped,
 * it is written.  Standard input is a data file like any other. */
static void test_terminal_and_stdin(void **state)
{
    (void)state;
    tu_result r;
    if (system("command -v script >/dev/null 2>&1") == 0) {
        tu_shell(&r, "script -qec '\"$BCREPORT\" summary -f xlsx "
                     "data/2026-xa.yaml' /dev/null");
        assert_int_equal(r.status, 64);
        assert_non_null(strstr(r.out, "xlsx is not text for a terminal"));
        tu_result_fini(&r);
    }
    tu_shell(&r, "\"$BCREPORT\" summary -f xlsx - < data/2026-xa.yaml | "
                 "head -c 4");
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "PK\x03\x04", 4);
    tu_result_fini(&r);
    tu_shell(&r, "\"$BCREPORT\" summary - < data/2026-xa.yaml");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "| 1 | UBND xã Tịnh Khê | 1 | 2 | 2 | 1 "
                                  "| 1 | 2 |"));
    tu_result_fini(&r);
}

static double seconds(long whole, long part, double per_second)
{
    return (double)whole + (double)part / per_second;
}

/* A hundred reports (the 2026 example as a hundred communes) are
 * summarised in well under a second. */
static void test_a_hundred_reports(void **state)
{
    (void)state;
    tu_skip_under_valgrind("it measures processor time");
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("for i in $(seq 1 100); do sed \"s/Tịnh Khê/Số "
                           "$i/g\" data/2026-xa.yaml > \"%s/xa-$i.yaml\"; done",
                           dir),
                     0);
    static const char *const formats[] = {"md", "xlsx", "csv"};
    for (size_t i = 0; i < 3; i++) {
        struct timespec t0, t1;
        struct rusage u0, u1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        getrusage(RUSAGE_CHILDREN, &u0);
        tu_result r;
        tu_shell(&r, "\"$BCREPORT\" summary '%s'/xa-*.yaml -o '%s/s.%s'",
                 dir, dir, formats[i]);
        getrusage(RUSAGE_CHILDREN, &u1);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        assert_int_equal(r.status, 0);
        tu_result_fini(&r);
        double wall = seconds(t1.tv_sec - t0.tv_sec, t1.tv_nsec - t0.tv_nsec,
                              1e9);
        /* The processor's time, which other work on the machine does not
         * stretch as it stretches the wall clock's. */
        double cpu = seconds(u1.ru_utime.tv_sec - u0.ru_utime.tv_sec +
                                 u1.ru_stime.tv_sec - u0.ru_stime.tv_sec,
                             u1.ru_utime.tv_usec - u0.ru_utime.tv_usec +
                                 u1.ru_stime.tv_usec - u0.ru_stime.tv_usec,
                             1e6);
        fprintf(stderr, "100 reports summarised as %s: %.3f s of processor "
                        "time, %.3f s on the clock\n",
                formats[i], cpu, wall);
        /* Sanitizers slow everything down several times; make
         * coverage's build (-O0, counting every branch) about twice. */
        bool sanitized = strstr(tu_bin(), "/asan/") != NULL;
        bool counted = strstr(tu_bin(), "/cov/") != NULL;
        if (cpu >= (sanitized ? 10.0 : counted ? 2.0 : 0.5))
            fail_msg("%.3f s for a hundred reports", cpu);
    }
    tu_result r;
    tu_shell(&r, "grep -c '^| [0-9]* | UBND xã Số [0-9]* | 1 | 2 | 2 | 1 | "
                 "1 | 2 |$' '%s/s.md'", dir);
    assert_string_equal(r.out, "100\n");
    tu_result_fini(&r);
    remove_dir(dir);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* xa-van-tuong.yaml with its text from "from" to the line before "to"
 * replaced by "by", in a new file in dir; its path, malloc'd. */
static char *edited_commune(const char *dir, const char *from,
                            const char *to, const char *by)
{
    char *y = tu_read_file("tests/fixtures/summary/xa-van-tuong.yaml", NULL);
    assert_non_null(y);
    char *a = strstr(y, from);
    char *b = a ? strstr(a, to) : NULL;
    if (!a || !b)
        fail_msg("xa-van-tuong.yaml: no \"%s\" ... \"%s\"", from, to);
    bc_buf out = BC_BUF_INIT;
    bc_buf_append(&out, y, (size_t)(a - y));
    bc_buf_puts(&out, by);
    bc_buf_puts(&out, b);
    free(y);
    char *path = malloc(strlen(dir) + 16);
    sprintf(path, "%s/xa.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(out.ptr, 1, out.len, f), out.len);
    assert_int_equal(fclose(f), 0);
    bc_buf_fini(&out);
    return path;
}

/* Proposals typed as a note, a table, and an item with a paragraph,
 * bullets and points: the note is a proposal ("label: text"), the table
 * is left out, the item's paragraph, bullets and points' titles are its
 * sub-items, in that order. */
static void test_proposals_notes_and_points(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    char *path = edited_commune(
        dir, "proposals:", "distribution:",
        "proposals:\n"
        "  to: \"Sở Ngoại vụ:\"\n"
        "  body:\n"
        "    - {label: \"Lưu ý\", text: \"Kinh phí *đối ứng* do xã bố trí.\"}\n"
        "    - table: {columns: [{title: \"Việc\"}], rows: [[\"Bảng\"]]}\n"
        "  items:\n"
        "    - title: \"Về đào tạo\"\n"
        "      body:\n"
        "        - \"Mở lớp bồi dưỡng nghiệp vụ đối ngoại.\"\n"
        "        - - \"Cho công chức xã;\"\n"
        "          - \"Cho cán bộ thôn.\"\n"
        "      items:\n"
        "        - title: \"Năm 2026\"\n"
        "        - title: \"Năm 2027\"\n\n");
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary '%s'", path);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    static const char want[] =
        "## VI. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ\n\n"
        "### 1. UBND xã Vạn Tường\n\n"
        "Kính đề nghị Sở Ngoại vụ:\n\n"
        "- Lưu ý: Kinh phí *đối ứng* do xã bố trí.\n\n"
        "- Về đào tạo\n\n"
        "  + Mở lớp bồi dưỡng nghiệp vụ đối ngoại.\n\n"
        "  + Cho công chức xã;\n\n"
        "  + Cho cán bộ thôn.\n\n"
        "  + Năm 2026\n\n"
        "  + Năm 2027\n\n"
        "…………………… kính báo cáo./.\n";
    if (!strstr(r.out, want))
        fail_msg("the proposals are not:\n%s\nbut:\n%s", want, r.out);
    assert_null(strstr(r.out, "Bảng"));
    tu_result_fini(&r);
    free(path);
    remove_dir(dir);
}

/* A text longer than a cell of a workbook holds (32767) is cut at the
 * start of a character, with a warning; the workbook is still written,
 * status 0. Here 15 000 "ả" (45 000 bytes) keep 10 922 (32 766 bytes). */
static void test_xlsx_long_text_is_cut(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    bc_buf long_name = BC_BUF_INIT;
    bc_buf_puts(&long_name, "project: \"");
    for (int i = 0; i < 15000; i++)
        bc_buf_puts(&long_name, "ả");
    bc_buf_putc(&long_name, '"');
    char *path = edited_commune(dir, "project: \"Xây dựng cầu dân sinh",
                                "\n          place:", long_name.ptr);
    tu_result r;
    tu_shell(&r, "cd '%s' && \"$BCREPORT\" summary xa.yaml -o s.xlsx", dir);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "bcreport: warning: a text longer than a "
                               "spreadsheet's cell holds (32767 characters) "
                               "was cut to fit\n");
    tu_result_fini(&r);
    char xlsx[512];
    snprintf(xlsx, sizeof xlsx, "%s/s.xlsx", dir);
    char *text = cell_text(xlsx, 2, "D2");
    bc_buf want = BC_BUF_INIT;
    bc_buf_puts(&want, "Ả");
    for (int i = 1; i < 10922; i++)
        bc_buf_puts(&want, "ả");
    if (strcmp(text, want.ptr) != 0)
        fail_msg("the cut cell has %zu bytes, not %zu", strlen(text),
                 want.len);
    free(text);
    bc_buf_fini(&want);
    bc_buf_fini(&long_name);
    free(path);
    remove_dir(dir);
}

/* The workbook is dated its signing date: 15 March (the months after
 * February count from March in the calendar arithmetic). */
static void test_xlsx_dated_its_signing_date(void **state)
{
    (void)state;
    char *dir = fresh_dir();
    assert_int_equal(tu_sh("sed 's/^  date: \"\"/  date: 2026-03-15/' "
                           HEADER " > '%s/h.yaml' && \"$BCREPORT\" summary "
                           "--header '%s/h.yaml' data/2026-xa.yaml "
                           "-o '%s/s.xlsx'",
                           dir, dir, dir),
                     0);
    bc_buf xlsx = BC_BUF_INIT;
    bc_buf_printf(&xlsx, "%s/s.xlsx", dir);
    char *created = xpath(xlsx.ptr, "docProps/core.xml",
                          "string(//" E("created") ")");
    assert_string_equal(created, "2026-03-15T00:00:00Z");
    free(created);
    bc_buf_fini(&xlsx);
    remove_dir(dir);
}

/* ---- printed ---- */

/* The counts of table I printed (Chromium): each column of small counts
 * wide enough that its header wraps at two words a line, "Dự án / viện
 * trợ", not one word a line down four. */
static void test_printed_count_headers(void **state)
{
    (void)state;
    pc_require("chromium", "chromium");
    pc_require("pdftotext", "poppler-utils");
    char *dir = fresh_dir();
    tu_result r;
    tu_shell(&r, "\"$BCREPORT\" summary --header " HEADER
                 " tests/fixtures/summary/xa-binh-son.yaml "
                 "tests/fixtures/summary/xa-dong-son.yaml "
                 "tests/fixtures/summary/xa-van-tuong.yaml -o '%s/s.pdf'",
             dir);
    if (r.status != 0)
        fail_msg("status %d: %s", r.status, r.err);
    tu_result_fini(&r);
    bc_buf pdf = BC_BUF_INIT;
    bc_buf_printf(&pdf, "%s/s.pdf", dir);
    pc_words ws;
    pc_read_words(pdf.ptr, &ws);
    /* The header's words, each the first of its text after the one
     * before (pdftotext lists a table's lines across its columns). */
    static const char *const header[] = {"Dự", "án", "viện", "trợ"};
    pc_word w[4];
    size_t at = 0;
    for (size_t i = 0; i < BC_COUNT(header); i++) {
        while (at < ws.count && strcmp(ws.items[at].text, header[i]) != 0)
            at++;
        assert_true(at < ws.count);
        w[i] = ws.items[at];
        assert_int_equal(w[i].page, 1);
    }
    if (!pc_near(w[0].y0, w[1].y0, 0.5) || !pc_near(w[2].y0, w[3].y0, 0.5))
        fail_msg("\"Dự án viện trợ\" printed on lines at %.1f, %.1f, %.1f "
                 "and %.1f pt: one word a line",
                 w[0].y0, w[1].y0, w[2].y0, w[3].y0);
    pc_words_fini(&ws);
    bc_buf_fini(&pdf);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_markdown),
        cmocka_unit_test(test_golden_html),
        cmocka_unit_test(test_printed_count_headers),
        cmocka_unit_test(test_totals_and_what_is_counted),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_bad_header),
        cmocka_unit_test(test_docx),
        cmocka_unit_test(test_xlsx_read_back),
        cmocka_unit_test(test_workbook_parts_checked),
        cmocka_unit_test(test_workbook_damaged_by_full_disk),
        cmocka_unit_test(test_xlsx_through_libreoffice),
        cmocka_unit_test(test_xlsx_is_reproducible),
        cmocka_unit_test(test_xlsx_dated_its_signing_date),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_failing_file_is_counted),
        cmocka_unit_test(test_nothing_readable),
        cmocka_unit_test(test_output_kept_on_failure),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_terminal_and_stdin),
        cmocka_unit_test(test_a_hundred_reports),
        cmocka_unit_test(test_proposals_notes_and_points),
        cmocka_unit_test(test_xlsx_long_text_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
