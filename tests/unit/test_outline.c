/* test_outline.c - the report as offices write it: parts in the data's
 * order and their numbering, tables and their totals, activities and
 * their sentences, appendices, several signers, emphasis, a shared
 * registry of documents; each checked through the binary. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"

/* The document part of every data file here, then the rest. */
#define HEAD                                                                  \
    "document:\n"                                                             \
    "  issuer: {name: \"ỦY BAN NHÂN DÂN XÃ A\", short_name: \"UBND xã A\","  \
    " self_name: \"UBND xã\"}\n"                                              \
    "  symbol: \"BC-UBND\"\n"                                                 \
    "  place: \"A\"\n"                                                        \
    "  year: 2026\n"                                                          \
    "  type: \"BÁO CÁO\"\n"                                                   \
    "  subject: \"Kết quả năm 2026\"\n"                                       \
    "  recipients: [\"Sở Ngoại vụ\"]\n"
/* The six no-break spaces of a blank left for the records office. */
#define BLANK "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
#define TAIL                                                                  \
    "distribution: [\"Lưu: VT, VP\"]\n"                                       \
    "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n"

/* Builds yaml (from standard input) as format; the result in r. */
static void build(tu_result *r, const char *format, const char *yaml)
{
    const char *args[] = {"build", "-f", format, "-", NULL};
    tu_run(r, yaml, strlen(yaml), args);
}

/* Builds and expects success and each of the NULL-ended pieces, in order,
 * in the output. */
static void expect_in_order(const char *format, const char *yaml,
                            const char *const *pieces)
{
    tu_result r;
    build(&r, format, yaml);
    if (r.status != 0)
        fail_msg("status %d:\n%s", r.status, r.err);
    const char *at = r.out;
    for (size_t i = 0; pieces[i]; i++) {
        const char *hit = strstr(at, pieces[i]);
        if (!hit)
            fail_msg("not in the output (in order): \"%s\"\n---\n%s",
                     pieces[i], r.out);
        at = hit + strlen(pieces[i]);
    }
    tu_result_fini(&r);
}

/* Builds and expects exactly the diagnostics err and status 65. */
static void expect_errors(const char *yaml, const char *err)
{
    tu_result r;
    build(&r, "md", yaml);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, err);
    assert_string_equal(r.out, "");
    tu_result_fini(&r);
}

/* ---- the outline ---- */

/* Parts are optional: Roman numerals follow presence, each part keeps its
 * default title, items and points are numbered alike in every part. */
static void test_numbering_follows_presence(void **state)
{
    (void)state;
    const char *yaml = HEAD
        "preamble: [\"Mở đầu.\"]\n"
        "plans:\n"
        "  items:\n"
        "    - title: \"Tuyên truyền\"\n"
        "      items: [{title: \"Một\"}, {title: \"Hai\"}, {title: \"Ba\"},"
        " {title: \"Bốn\"}, {title: \"Năm\"}, {title: \"Sáu\"}]\n"
        "proposals: {to: \"Sở Ngoại vụ\", body: [\"Xin.\"]}\n" TAIL;
    const char *want[] = {"## I. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027\n",
                          "### 1. Tuyên truyền\n",
                          "#### a) Một\n", "#### d) Bốn\n", "#### đ) Năm\n",
                          "#### e) Sáu\n",
                          "## II. ĐỀ XUẤT, KIẾN NGHỊ\n",
                          "Kính đề nghị Sở Ngoại vụ:\n", NULL};
    expect_in_order("md", yaml, want);
}

/* The parts stand in the data's order; sections where "sections" stands;
 * a title given replaces the default. */
static void test_parts_in_data_order(void **state)
{
    (void)state;
    const char *yaml = HEAD
        "preamble: [\"Mở đầu.\"]\n"
        "proposals: {title: \"KIẾN NGHỊ\", body: [\"Xin.\"]}\n"
        "sections:\n"
        "  - {title: \"CÔNG TÁC THÔNG TIN ĐỐI NGOẠI\", body: [\"Tin.\"]}\n"
        "results:\n"
        "  items: [{title: \"Tuyên truyền\", body: [\"Đã làm.\"]}]\n"
        "  dissemination: {body: [\"Quán triệt.\"]}\n" TAIL;
    const char *want[] = {"## I. KIẾN NGHỊ\n",
                          "## II. CÔNG TÁC THÔNG TIN ĐỐI NGOẠI\n", "Tin.\n",
                          "## III. KẾT QUẢ THỰC HIỆN\n",
                          "### 1. Tuyên truyền\n", "Đã làm.\n",
                          "### 2. Công tác tuyên truyền, quán triệt\n",
                          "Quán triệt.\n", NULL};
    expect_in_order("md", yaml, want);
}

static void test_unknown_part_lists_the_keys(void **state)
{
    (void)state;
    expect_errors(HEAD "preamble: [\"Mở đầu.\"]\ndirection: {}\n" TAIL,
                  "<stdin>:10:1: error: unknown key \"direction\" in report. "
                  "The keys here: document, registry, citations, preamble, "
                  "results, assessment, plans, proposals, sections, "
                  "appendices, closing, distribution, signature, "
                  "signatures.\n");
}

/* ---- tables ---- */

#define TABLE_YAML                                                            \
    HEAD "preamble:\n"                                                        \
         "  - table:\n"                                                       \
         "      title: \"Kết quả\"\n"                                         \
         "      columns:\n"                                                   \
         "        - {title: \"Nội dung\"}\n"                                  \
         "        - {title: \"Số lượt\", type: integer}\n"                    \
         "        - {title: \"Kinh phí (đồng)\", type: amount}\n"             \
         "        - {title: \"Ngày\", type: date}\n"                          \
         "        - {title: \"Tỷ lệ\", type: percent}\n"                      \
         "      rows:\n"                                                      \
         "        - [\"Giếng | nước\", 2, 250000000, 2026-01-05, 45.5]\n"     \
         "        - [\"Nhà văn hóa\", 1, 1000000, null, 100]\n"               \
         "      total: true\n" TAIL

static void test_table_markdown(void **state)
{
    (void)state;
    const char *want[] = {
        "**Kết quả**\n\n"
        "| STT | Nội dung | Số lượt | Kinh phí (đồng) | Ngày | Tỷ lệ |\n"
        "| :---: | --- | ---: | ---: | :---: | ---: |\n"
        "| 1 | Giếng \\| nước | 2 | 250.000.000 | 05/01/2026 | 45,5% |\n"
        "| 2 | Nhà văn hóa | 1 | 1.000.000 |  | 100% |\n"
        "|  | **Tổng cộng** | **3** | **251.000.000** |  |  |\n",
        NULL};
    expect_in_order("md", TABLE_YAML, want);
}

static void test_table_html(void **state)
{
    (void)state;
    const char *want[] = {
        "<table class=\"bc-table bc-roomy\">\n<caption>Kết quả</caption>\n",
        "<tr><th>STT</th><th>Nội dung</th><th>Số lượt</th>",
        "<tr><td class=\"bc-center\">1</td><td class=\"bc-left\">Giếng | "
        "nước</td><td class=\"bc-right\">2</td><td class=\"bc-right\">"
        "250.000.000</td><td class=\"bc-center\">05/01/2026</td>"
        "<td class=\"bc-right\">45,5%</td></tr>",
        "<tr class=\"bc-total\"><td class=\"bc-center\"></td><td "
        "class=\"bc-left\">Tổng cộng</td><td class=\"bc-right\">3</td>",
        NULL};
    expect_in_order("html", TABLE_YAML, want);
}

/* Each mistake in a table at its line and column. */
static void test_table_errors(void **state)
{
    (void)state;
    expect_errors(HEAD "preamble:\n"
                       "  - table:\n"
                       "      columns: [{title: A}, {title: B, type: amount}]\n"
                       "      rows:\n"
                       "        - [x]\n"
                       "        - [x, -5]\n"
                       "        - [x, 1.5]\n"
                       "        - [x, 1]\n"
                       "      total: yes\n" TAIL,
                  "<stdin>:13:11: error: row 1 must be a list of 2 values, "
                  "one a column, not a list of another length\n"
                  "<stdin>:14:15: error: in column \"B\", row 2: the value "
                  "must be a whole number of đồng from 0 to 10^15\n"
                  "<stdin>:15:15: error: in column \"B\", row 3: the value "
                  "must be a whole number of đồng from 0 to 10^15\n"
                  "<stdin>:17:14: error: \"total\" must be true or false, "
                  "not text\n");
    expect_errors(HEAD "preamble:\n"
                       "  - table:\n"
                       "      columns: [{title: A, type: money}]\n"
                       "      rows: [[1]]\n" TAIL,
                  "<stdin>:11:34: error: \"type\" must be one of \"text\", "
                  "\"integer\", \"amount\", \"date\", \"percent\"\n");
}

/* A table is columns with rows, or made from the activities: the
 * mistakes in its shape are named at the key. */
static void test_table_shape_errors(void **state)
{
    (void)state;
    expect_errors(HEAD "preamble:\n"
                       "  - table: {columns: [{title: A}]}\n"
                       "  - table: {from: visits, rows: [[1]]}\n"
                       "  - table: {title: T}\n"
                       "  - table: {columns: [{title: A}], rows: []}\n" TAIL,
                  "<stdin>:10:13: error: \"columns\" without \"rows\" in "
                  "table; give both\n"
                  "<stdin>:11:27: error: \"rows\" without \"columns\" in "
                  "table; give both\n"
                  "<stdin>:12:12: error: missing required key \"columns\" or "
                  "\"from\" in table\n"
                  "<stdin>:13:42: error: \"rows\" must not be empty\n");
}

/* Totals cannot pass what a total holds (10^15). */
static void test_table_total_overflow(void **state)
{
    (void)state;
    expect_errors(HEAD "preamble:\n"
                       "  - table:\n"
                       "      columns: [{title: A, type: amount}]\n"
                       "      rows: [[1000000000000000], [1]]\n"
                       "      total: true\n" TAIL,
                  "<stdin>:11:7: error: the total of column \"A\" passes "
                  "10^15, more than a total can hold\n");
}

/* A Markdown table typed into a paragraph is refused with a hint. */
static void test_pipe_table_refused(void **state)
{
    (void)state;
    expect_errors(HEAD "preamble: [\"| A | B |\\n|---|---|\\n| 1 | 2 |\"]\n"
                  TAIL,
                  "<stdin>:9:12: error: this text holds a table written "
                  "with \"|\" and \"---\", which bcreport does not read as a "
                  "table; write it as a table block: - table: {columns: "
                  "[...], rows: [[...], ...]}\n");
}

/* ---- activities ---- */

#define ENTRY(activities)                                                     \
    HEAD "preamble: [\"Mở đầu.\"]\n"                                          \
         "citations:\n"                                                       \
         "  - {id: nd313, type: \"Nghị định\", number: \"313/2025/NĐ-CP\","   \
         " date: 2025-12-08, issuer: \"Chính phủ\"}\n"                        \
         "results:\n"                                                         \
         "  items:\n"                                                         \
         "    - title: \"Hoạt động\"\n" activities                          \
         "appendices:\n"                                                      \
         "  - {id: pl, title: \"DỰ ÁN\", body: [{table: {from: "             \
         "aid_projects}}]}\n" TAIL

static const char aid_yaml[] = ENTRY(
    "      aid_projects:\n"
    "        - {donor: \"Quỹ B\", project: \"Giếng\", place: \"thôn C\","
    " amount: 100000000, disbursed: 40000000, legal_basis: \"[@nd313]\","
    " status: \"đã hoàn thành, bàn giao đưa vào sử dụng\"}\n"
    "        - {donor: \"Quỹ D\", project: \"Cầu\", place: \"thôn E\","
    " amount: 20000000, legal_basis: \"[@nd313]\", status: \"tạm dừng\"}\n"
    "        - {donor: \"Quỹ F\", project: \"Lớp\", place: \"thôn G\","
    " amount: 5000000, legal_basis: \"[@nd313]\", status: \"chưa triển "
    "khai\", text: \"Dự án **Lớp học** chưa bắt đầu.\"}\n");

/* Each project's sentence reads right for its status; the second does
 * not open like the first; the clerk's own text replaces the sentence. */
static void test_aid_sentences(void **state)
{
    (void)state;
    const char *want[] = {
        "Năm 2026, UBND xã phối hợp với Quỹ B triển khai thực hiện dự án "
        "theo quy định tại Nghị định số 313/2025/NĐ-CP ngày 08/12/2025 của "
        "Chính phủ; đến nay dự án Giếng ở thôn C đã hoàn thành, bàn giao "
        "đưa vào sử dụng, với tổng kinh phí là 100.000.000 đồng (đã giải "
        "ngân 40.000.000 đồng).\n",
        "UBND xã còn phối hợp với Quỹ D triển khai thực hiện dự án theo quy "
        "định tại Nghị định số 313/2025/NĐ-CP; hiện nay dự án Cầu ở thôn E "
        "đang tạm dừng, với tổng kinh phí là 20.000.000 đồng.\n",
        "Dự án **Lớp học** chưa bắt đầu.\n", NULL};
    expect_in_order("md", aid_yaml, want);
}

/* What was paid out stands in brackets after the amount: all of it, or
 * nothing yet. */
static void test_disbursement_phrases(void **state)
{
    (void)state;
    const char *want[] = {
        "với tổng kinh phí là 30.000.000 đồng (đã giải ngân toàn bộ).\n",
        "với tổng kinh phí là 8.000.000 đồng (chưa giải ngân).\n", NULL};
    expect_in_order(
        "md",
        ENTRY("      aid_projects:\n"
              "        - {donor: B, project: G, place: C, amount: 30000000,"
              " disbursed: 30000000, legal_basis: L, status: \"đã hoàn "
              "thành\"}\n"
              "        - {donor: D, project: H, place: E, amount: 8000000,"
              " disbursed: 0, legal_basis: L, status: \"chưa triển khai\"}\n"),
        want);
}

/* The appendix's table is made from the projects, with its totals. */
static void test_table_from_activities(void **state)
{
    (void)state;
    const char *want[] = {
        "**Phụ lục**\n\n**DỰ ÁN**\n\n*(Kèm theo Báo cáo số",
        "| STT | Dự án | Nhà tài trợ | Địa điểm | Kinh phí (đồng) | Đã giải "
        "ngân (đồng) | Tình trạng |\n",
        "| 1 | Giếng | Quỹ B | Thôn C | 100.000.000 | 40.000.000 | Đã hoàn "
        "thành, bàn giao đưa vào sử dụng |\n",
        "| 2 | Cầu | Quỹ D | Thôn E | 20.000.000 |  | Tạm dừng |\n",
        "|  | **Tổng cộng** |  |  | **125.000.000** | **40.000.000** |  |\n",
        NULL};
    expect_in_order("md", aid_yaml, want);
}

/* The totals of a table made from the activities cannot pass 10^15
 * either: the error is at the table. */
static void test_table_from_activities_total_overflow(void **state)
{
    (void)state;
    expect_errors(ENTRY("      aid_projects:\n"
                        "        - &p {donor: B, project: G, place: C,"
                        " amount: 1000000000000000, legal_basis: L,"
                        " status: \"tạm dừng\"}\n"
                        "        - *p\n"),
                  "<stdin>:19:45: error: the total of column \"Kinh phí "
                  "(đồng)\" passes 10^15, more than a total can hold\n");
}

/* Each table made from the activities prints their texts again, so the
 * copies count against the citations' budget (1 MiB): a long text in
 * many such tables is an error at the text, not gigabytes of output. */
static void test_copies_in_tables_are_bounded(void **state)
{
    (void)state;
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_puts(&yaml, HEAD "preamble: [\"Mở đầu.\"]\n"
                            "results:\n  items:\n    - title: \"A\"\n"
                            "      aid_projects:\n"
                            "        - {project: P, place: C, amount: 1,"
                            " legal_basis: L, status: \"tạm dừng\","
                            " donor: \"");
    for (int i = 0; i < 400 * 1024; i++)
        bc_buf_putc(&yaml, 'x');
    bc_buf_puts(&yaml, "\"}\nappendices:\n  - id: pl\n    title: T\n"
                       "    body:\n");
    for (int i = 0; i < 3; i++)
        bc_buf_puts(&yaml, "      - {table: {from: aid_projects}}\n");
    bc_buf_puts(&yaml, TAIL);
    expect_errors(yaml.ptr,
                  "<stdin>:14:88: error: a table made from the activities "
                  "prints this text again, past the limit of 1048576 bytes "
                  "that citations and repeated text may print in a "
                  "document\n");
    bc_buf_fini(&yaml);
}

/* The sentences of visits, events and trips; a visit whose guests name
 * their country does not name it again, an event held by another body
 * says so. */
static void test_visit_and_event_sentences(void **state)
{
    (void)state;
    const char *yaml = ENTRY(
        "      visits:\n"
        "        - {guests: \"Đoàn của Tổ chức X\", country: \"Hàn Quốc\","
        " from: 2026-03-12, to: 2026-03-14, members: 5, purpose: \"khảo sát"
        " dự án\", outcome: \"hai bên thống nhất kế hoạch năm 2027\"}\n"
        "        - {guests: \"Đoàn cựu chiến binh Hoa Kỳ\", country: \"Hoa "
        "Kỳ\", from: 2026-10-20, purpose: \"thăm\"}\n"
        "      events:\n"
        "        - {title: \"Chương trình giao lưu hữu nghị\", date:"
        " 2026-09-02, place: \"Nhà văn hóa xã\", participants: 120,"
        " foreign: \"đại diện Tổ chức X\"}\n"
        "        - {title: \"Lễ tưởng niệm\", date: 2026-03-16, place:"
        " \"Khu Chứng tích\", host: \"UBND tỉnh\", foreign: \"đoàn Hoa "
        "Kỳ\"}\n"
        "      delegations:\n"
        "        - {who: \"đồng chí Chủ tịch UBND xã\", countries: [\"Nhật "
        "Bản\"], purpose: \"học tập kinh nghiệm\", from: 2026-05-04,"
        " members: 3}\n");
    const char *want[] = {
        "Ngày 04/5/2026, đồng chí Chủ tịch UBND xã (đoàn gồm 03 thành viên) "
        "đi công tác nước ngoài để học tập kinh nghiệm tại Nhật Bản.\n",
        "Từ ngày 12/3/2026 đến ngày 14/3/2026, UBND xã đón tiếp Đoàn của Tổ "
        "chức X (Hàn Quốc) gồm 05 thành viên đến khảo sát dự án; qua đó, "
        "hai bên thống nhất kế hoạch năm 2027.\n",
        "Ngày 20/10/2026, UBND xã đón tiếp Đoàn cựu chiến binh Hoa Kỳ đến "
        "thăm.\n",
        "Ngày 02/9/2026, tại Nhà văn hóa xã, UBND xã tổ chức Chương trình "
        "giao lưu hữu nghị, với sự tham gia của 120 đại biểu, trong đó có "
        "đại diện Tổ chức X.\n",
        "Ngày 16/3/2026, tại Khu Chứng tích, UBND tỉnh tổ chức Lễ tưởng "
        "niệm, với sự tham gia của đoàn Hoa Kỳ.\n",
        NULL};
    expect_in_order("md", yaml, want);
}

static void test_visit_dates_in_order(void **state)
{
    (void)state;
    expect_errors(ENTRY("      visits:\n"
                        "        - {guests: G, country: C, from: 2026-03-12,"
                        " to: 2026-03-10, purpose: P}\n"),
                  "<stdin>:16:57: error: \"to\" is before \"from\" (16:41): "
                  "the last day comes after the first\n");
}

/* ---- appendices ---- */

/* One appendix is "Phụ lục"; several are numbered; the text names them by
 * id. */
static void test_appendix_references(void **state)
{
    (void)state;
    const char *one = HEAD
        "preamble: [\"Chi tiết tại [@pl1].\"]\n"
        "appendices:\n"
        "  - {id: pl1, title: \"MỘT\", body: [\"x\"]}\n" TAIL;
    const char *want_one[] = {"Chi tiết tại Phụ lục.\n", "**Phụ lục**\n",
                              NULL};
    expect_in_order("md", one, want_one);
    const char *two = HEAD
        "preamble: [\"Chi tiết tại [@pl2] và [@pl1].\"]\n"
        "appendices:\n"
        "  - {id: pl1, title: \"MỘT\", body: [\"x\"]}\n"
        "  - {id: pl2, title: \"HAI\", body: [\"y\"]}\n" TAIL;
    const char *want_two[] = {"Chi tiết tại Phụ lục II và Phụ lục I.\n",
                              "**Phụ lục I**\n\n**MỘT**\n",
                              "*(Kèm theo Báo cáo số" BLANK "/BC-UBND ngày"
                              BLANK "tháng" BLANK "năm 2026 của UBND xã A)*\n",
                              "**Phụ lục II**\n\n**HAI**\n", NULL};
    expect_in_order("md", two, want_two);
    expect_errors(HEAD "preamble: [\"[@pl1 number]\"]\n"
                       "appendices: [{id: pl1, title: T, body: [x]}]\n" TAIL,
                  "<stdin>:9:13: error: [@pl1] names an appendix: it takes "
                  "no parts\n");
}

/* ---- signers ---- */

static void test_several_signers(void **state)
{
    (void)state;
    const char *yaml = HEAD "preamble: [\"Mở đầu.\"]\n"
        "distribution: [\"Lưu: VT, VP\"]\n"
        "signatures:\n"
        "  - {lines: [\"TM. ỦY BAN NHÂN DÂN\"], title: \"CHỦ TỊCH\", name: "
        "\"Lê Văn Chủ\"}\n"
        "  - {lines: [\"TM. BAN THƯỜNG TRỰC\"], title: \"CHỦ TỊCH\", name: "
        "\"Trần Thị Phối\"}\n";
    /* The lead (first in the data) comes last: on the right. */
    const char *md[] = {"**TM. BAN THƯỜNG TRỰC**", "**Trần Thị Phối**",
                        "**TM. ỦY BAN NHÂN DÂN**", "**Lê Văn Chủ**", NULL};
    expect_in_order("md", yaml, md);
    const char *html[] = {"<footer class=\"bc-footer bc-joint\">",
                          "<div class=\"bc-signers\">", "Trần Thị Phối",
                          "Lê Văn Chủ", "<div class=\"bc-distribution\">",
                          NULL};
    expect_in_order("html", yaml, html);
    expect_errors(HEAD "preamble: [\"Mở đầu.\"]\n"
                       "distribution: [\"Lưu: VT, VP\"]\n"
                       "signature: {title: T, name: N}\n"
                       "signatures: [{title: T, name: N}]\n",
                  "<stdin>:12:1: error: \"signatures\" and \"signature\" "
                  "(11:1) together; give one of them\n");
    expect_errors(HEAD "preamble: [\"Mở đầu.\"]\n"
                       "distribution: [\"Lưu: VT, VP\"]\n",
                  "<stdin>:1:1: error: missing required key \"signature\" or "
                  "\"signatures\" in report\n");
}

/* ---- emphasis ---- */

/* The clerk's bold and italic in narrative; nothing else from the data. */
static void test_emphasis_in_narrative(void **state)
{
    (void)state;
    const char *yaml = HEAD
        "preamble:\n"
        "  - \"**Kết quả:** đạt *tốt*; [link](x) <b>y</b> `z`\"\n"
        "results:\n"
        "  title: \"**KẾT QUẢ**\"\n" TAIL;
    const char *md[] = {"**Kết quả:** đạt *tốt*; \\[link\\](x) \\<b>y\\</b> "
                        "\\`z\\`\n",
                        "## I. \\*\\*KẾT QUẢ\\*\\*\n", NULL};
    expect_in_order("md", yaml, md);
    const char *html[] = {"<p><strong>Kết quả:</strong> đạt <em>tốt</em>; "
                          "[link](x) &lt;b&gt;y&lt;/b&gt; `z`</p>",
                          "<h2>I. **KẾT QUẢ**</h2>", NULL};
    expect_in_order("html", yaml, html);
}

/* ---- a registry of documents shared by an office ---- */

static char *write_in(const char *dir, const char *name, const char *text)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.ptr, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return bc_buf_detach(&path, NULL);
}

static void test_registry(void **state)
{
    (void)state;
    char dir[] = "/tmp/bctest-registry-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *reg = write_in(dir, "van-ban.yaml",
                         "citations:\n"
                         "  - {id: ct12, type: \"Chỉ thị\", number: "
                         "\"12-CT/TW\", date: 2022-01-05, issuer: \"Ban Bí "
                         "thư\", short_name: \"Chỉ thị số 12\"}\n"
                         "  - {id: bad, type: T, number: \"1\", date: "
                         "2022-01-05, issuer: I, title: \"về [@nope]\"}\n");
    char *data = write_in(dir, "bc.yaml",
                          HEAD "registry: \"van-ban.yaml\"\n"
                               "preamble: [\"Thực hiện [@ct12].\"]\n" TAIL);
    const char *args[] = {"build", data, NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 65);
    /* The mistake is in the registry: reported there. */
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s:3:77: error: unknown citation [@nope]; "
                         "declare it under \"citations\"\n",
                  reg);
    assert_string_equal(r.err, want.ptr);
    tu_result_fini(&r);
    free(write_in(dir, "van-ban.yaml",
             "citations:\n"
             "  - {id: ct12, type: \"Chỉ thị\", number: \"12-CT/TW\", date: "
             "2022-01-05, issuer: \"Ban Bí thư\", short_name: \"Chỉ thị số "
             "12\"}\n"));
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Thực hiện Chỉ thị số 12-CT/TW ngày "
                                  "05/01/2022 của Ban Bí thư (*sau đây gọi "
                                  "tắt là Chỉ thị số 12*).\n"));
    tu_result_fini(&r);
    /* The registry is an input: -o never replaces it. */
    const char *onto[] = {"build", data, "-o", reg, NULL};
    tu_run(&r, NULL, 0, onto);
    assert_int_equal(r.status, 64);
    tu_result_fini(&r);
    unlink(reg);
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 66);
    bc_buf_clear(&want);
    bc_buf_printf(&want, "%s: error: cannot open: No such file or directory\n"
                         "%s:9:11: note: the registry named here\n",
                  reg, data);
    assert_string_equal(r.err, want.ptr);
    tu_result_fini(&r);
    bc_buf_fini(&want);
    unlink(data);
    rmdir(dir);
    free(reg);
    free(data);
}

/* A total of exactly 10^15 is what a total holds: not an error.  An
 * amount of 0 đồng is an amount. */
static void test_table_total_of_exactly_the_limit(void **state)
{
    (void)state;
    const char *want[] = {"| 1 | 999.999.999.999.999 |\n", "| 2 | 0 |\n",
                          "| 3 | 1 |\n",
                          "| **Tổng cộng** | **1.000.000.000.000.000** |\n",
                          NULL};
    expect_in_order("md",
                    HEAD "preamble:\n"
                         "  - table:\n"
                         "      columns: [{title: A, type: amount}]\n"
                         "      rows: [[999999999999999], [0], [1]]\n"
                         "      total: true\n" TAIL,
                    want);
}

/* So is it in a table made from the activities. */
static void test_table_from_activities_total_of_exactly_the_limit(void **state)
{
    (void)state;
    const char *want[] = {
        "|  | **Tổng cộng** |  |  | **1.000.000.000.000.000** | **0** |  |\n",
        NULL};
    expect_in_order("md",
                    ENTRY("      aid_projects:\n"
                          "        - {donor: B, project: G, place: C,"
                          " amount: 999999999999999, legal_basis: L,"
                          " status: \"tạm dừng\"}\n"
                          "        - {donor: B, project: H, place: C,"
                          " amount: 1, legal_basis: L,"
                          " status: \"tạm dừng\"}\n"),
                    want);
}

/* A registry called "-" is a file of that name, never standard input
 * (found writing the fuzz targets: `bcreport check a.yaml` read the
 * terminal). */
static void test_registry_named_dash(void **state)
{
    (void)state;
    static const char yaml[] = HEAD "registry: \"-\"\n"
                                    "preamble: [\"P\"]\n" TAIL;
    const char *args[] = {"check", "-", NULL};
    tu_result r;
    tu_run(&r, yaml, strlen(yaml), args);
    assert_int_equal(r.status, 66);
    assert_string_equal(r.err,
                        "./-: error: cannot open: No such file or directory\n"
                        "<stdin>:9:11: note: the registry named here\n"
                        "1 file checked: 1 error, 0 warnings\n");
    tu_result_fini(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbering_follows_presence),
        cmocka_unit_test(test_parts_in_data_order),
        cmocka_unit_test(test_unknown_part_lists_the_keys),
        cmocka_unit_test(test_table_markdown),
        cmocka_unit_test(test_table_html),
        cmocka_unit_test(test_table_errors),
        cmocka_unit_test(test_table_shape_errors),
        cmocka_unit_test(test_table_total_overflow),
        cmocka_unit_test(test_pipe_table_refused),
        cmocka_unit_test(test_aid_sentences),
        cmocka_unit_test(test_disbursement_phrases),
        cmocka_unit_test(test_table_from_activities),
        cmocka_unit_test(test_table_from_activities_total_overflow),
        cmocka_unit_test(test_copies_in_tables_are_bounded),
        cmocka_unit_test(test_visit_and_event_sentences),
        cmocka_unit_test(test_visit_dates_in_order),
        cmocka_unit_test(test_appendix_references),
        cmocka_unit_test(test_several_signers),
        cmocka_unit_test(test_emphasis_in_narrative),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_table_total_of_exactly_the_limit),
        cmocka_unit_test(test_table_from_activities_total_of_exactly_the_limit),
        cmocka_unit_test(test_registry_named_dash),
    };
    return cmocka_run_group_tests_name("outline", tests, NULL, NULL);
}
