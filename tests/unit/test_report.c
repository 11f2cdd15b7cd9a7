/* test_report.c - the report model: schema reading, citations, the view. */
#include "testutil.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "bcreport/cite.h"
#include "bcreport/report.h"
#include "bcreport/view.h"
#include "bcreport/writer.h"
#include "bcreport/yaml_load.h"

/* A valid report to which each test adds or changes a little. */
static const char base_yaml[] =
    "document:\n"
    "  issuer: {name: [\"ỦY BAN NHÂN DÂN\", \"XÃ A\"], short_name: UBND xã A,"
    " self_name: UBND xã}\n"
    "  symbol: BC-UBND\n"
    "  place: A\n"
    "  year: 2025\n"
    "  type: BÁO CÁO\n"
    "  subject: Kết quả\n"
    "  recipients: [Sở Ngoại vụ]\n"
    "citations:\n"
    "  - {id: kh92, type: Kế hoạch, number: 92/KH-UBND, date: 2022-06-03,"
    " issuer: UBND tỉnh Quảng Ngãi, title: \"về thực hiện [@ct12 number]\","
    " short_name: Kế hoạch số 92}\n"
    "  - {id: ct12, type: Chỉ thị, number: 12-CT/TW, date: 2022-01-05,"
    " issuer: Ban Bí thư}\n"
    "preamble: [Mở đầu.]\n"
    "results:\n"
    "  title: KẾT QUẢ\n"
    "  dissemination: {title: T, body: [x]}\n"
    "  tasks: {title: N, items: [{title: a}]}\n"
    "assessment:\n"
    "  title: ĐÁNH GIÁ\n"
    "  strengths: {title: Ưu điểm, body: [x]}\n"
    "  limitations: {title: Hạn chế, body: [x]}\n"
    "distribution: [\"Lưu: VT, VP\"]\n"
    "signature: {title: CHỦ TỊCH, name: Nguyễn Văn A}\n";

typedef struct fixture {
    bc_arena *arena;
    bc_diags diags;
    bc_report *report;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->arena = bc_arena_new();
    bc_diags_init(&f->diags);
    f->report = bc_report_parse("t.yaml", base_yaml, strlen(base_yaml),
                                f->arena, &f->diags);
    assert_non_null(f->report);
    /* The texts these tests expand are not in the file: errors fall back
     * on the text's own position (3:7). */
    f->report->source = NULL;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    bc_diags_fini(&f->diags);
    bc_arena_free(f->arena);
    free(f);
    return 0;
}

/* Expands each text in turn with one citer (so "already cited" carries
 * over) and checks the plain and Markdown results. */
static void expect_citations(fixture *f, const char *const *texts,
                             const char *const *plain, const char *const *md)
{
    bc_citer *c = bc_citer_new(f->report);
    bc_buf raw = BC_BUF_INIT, out = BC_BUF_INIT;
    for (size_t i = 0; texts[i]; i++) {
        bc_text t = {texts[i], strlen(texts[i]), 3, 7, NULL};
        bc_buf_clear(&raw);
        assert_true(bc_cite_expand(c, &t, &raw, &f->diags));
        bc_buf_clear(&out);
        for (size_t k = 0; k < raw.len; k++) /* the marks dropped */
            if ((unsigned char)raw.ptr[k] > BC_MARK_NOBREAK_CLOSE)
                bc_buf_putc(&out, raw.ptr[k]);
        assert_string_equal(out.ptr, plain[i]);
        bc_buf_clear(&out);
        bc_writer_markdown.text(raw.ptr, raw.len, false, &out);
        assert_string_equal(out.ptr, md[i]);
    }
    bc_buf_fini(&raw);
    bc_buf_fini(&out);
    bc_citer_free(c);
}

static void test_citation_forms(void **state)
{
    fixture *f = *state;
    static const char *const texts[] = {
        "Theo [@kh92 number date issuer].",
        "Theo [@kh92].",
        "Lại [@kh92], và [@ct12 number date], [@ct12 short].",
        "[@ct12, khoản 2 Điều 8] nói *rõ*.",
        "Lần đầu [@ct12], rồi [@ct12].",
        "Không trích dẫn: [link] và @ a",
        NULL};
    static const char *const plain[] = {
        "Theo Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh Quảng "
        "Ngãi.",
        /* The first automatic mention: full, then the short name. */
        "Theo Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh Quảng Ngãi "
        "về thực hiện Chỉ thị số 12-CT/TW (sau đây gọi tắt là Kế hoạch số "
        "92).",
        "Lại Kế hoạch số 92, và Chỉ thị số 12-CT/TW ngày 05/01/2022, Chỉ thị "
        "số 12-CT/TW.",
        "khoản 2 Điều 8 của Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí "
        "thư nói *rõ*.",
        /* Without a short name, later mentions give type and number. */
        "Lần đầu Chỉ thị số 12-CT/TW, rồi Chỉ thị số 12-CT/TW.",
        "Không trích dẫn: [link] và @ a",
        NULL};
    static const char *const md[] = {
        "Theo Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh Quảng "
        "Ngãi.",
        "Theo Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh Quảng Ngãi "
        "về thực hiện Chỉ thị số 12-CT/TW (*sau đây gọi tắt là Kế hoạch số "
        "92*).",
        "Lại Kế hoạch số 92, và Chỉ thị số 12-CT/TW ngày 05/01/2022, Chỉ thị "
        "số 12-CT/TW.",
        /* The data's own asterisks stay text. */
        "khoản 2 Điều 8 của Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí "
        "thư nói \\*rõ\\*.",
        "Lần đầu Chỉ thị số 12-CT/TW, rồi Chỉ thị số 12-CT/TW.",
        "Không trích dẫn: \\[link\\] và @ a",
        NULL};
    expect_citations(f, texts, plain, md);
}

static void expect_cite_error(fixture *f, const char *text, const char *msg)
{
    bc_citer *c = bc_citer_new(f->report);
    bc_buf out = BC_BUF_INIT;
    bc_text t = {text, strlen(text), 3, 7, NULL};
    size_t before = f->diags.count;
    assert_false(bc_cite_expand(c, &t, &out, &f->diags));
    assert_int_equal(f->diags.count, before + 1);
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&f->diags.items[before], &line);
    assert_string_equal(line.ptr, msg);
    bc_buf_fini(&line);
    bc_buf_fini(&out);
    bc_citer_free(c);
}

static void test_citation_errors(void **state)
{
    fixture *f = *state;
    expect_cite_error(f, "x [@kh12] y",
                      "t.yaml:3:7: error: unknown citation [@kh12]; did you "
                      "mean [@kh92]?");
    expect_cite_error(f, "x [@cv1520] y",
                      "t.yaml:3:7: error: unknown citation [@cv1520]; declare "
                      "it under \"citations\"");
    expect_cite_error(f, "x [@kh92 nuber]",
                      "t.yaml:3:7: error: unknown part \"nuber\" in a "
                      "citation of \"kh92\"; the parts are number, date, "
                      "issuer, title, short, define and effective");
    expect_cite_error(f, "x [@kh92 number",
                      "t.yaml:3:7: error: a citation \"[@\" has no closing "
                      "\"]\"");
    expect_cite_error(f, "[@ct12 define]",
                      "t.yaml:3:7: error: [@ct12 define] needs a short_name "
                      "for \"ct12\"");
    expect_cite_error(f, "[@]", "t.yaml:3:7: error: a citation needs an id "
                                "right after \"[@\", as in [@kh92]");
}

static void test_citation_cycle(void **state)
{
    fixture *f = *state;
    /* A title that cites its own document: reported in the title. */
    bc_citation *kh92 = &f->report->citations.items[0];
    kh92->title.s = "về [@kh92 number title]";
    kh92->title.len = strlen(kh92->title.s);
    kh92->title.line = 10;
    kh92->title.col = 107;
    expect_cite_error(f, "[@kh92 number title]",
                      "t.yaml:10:107: error: citations nest too deep (a "
                      "title that cites itself?)");
}

/* A report whose citations c0 ... c(n-1) each cite the next one's title
 * in their own; expands "[@c0 title]" and returns whether that worked,
 * with the first diagnostic in *first (malloc'd, "" for none). */
static bool expand_title_chain(int n, char **first)
{
    bc_buf yaml = BC_BUF_INIT;
    const char *cites = strstr(base_yaml, "citations:\n");
    bc_buf_append(&yaml, base_yaml, (size_t)(cites - base_yaml));
    bc_buf_puts(&yaml, "citations:\n");
    for (int i = 0; i < n; i++) {
        bc_buf_printf(&yaml,
                      "  - {id: c%d, type: Quyết định, number: %d/QĐ-UBND, "
                      "date: 2022-01-05, issuer: UBND, title: \"t%d",
                      i, i + 1, i);
        if (i + 1 < n)
            bc_buf_printf(&yaml, " [@c%d title]", i + 1);
        bc_buf_puts(&yaml, "\"}\n");
    }
    bc_buf_puts(&yaml, strstr(base_yaml, "preamble:"));
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", yaml.ptr, yaml.len, arena,
                                   &diags);
    assert_non_null(r);
    bc_citer *c = bc_citer_new(r);
    bc_buf out = BC_BUF_INIT, line = BC_BUF_INIT;
    bc_text t = {"[@c0 title]", 11, 3, 7, NULL};
    bool ok = bc_cite_expand(c, &t, &out, &diags);
    if (diags.count)
        bc_diag_format(&diags.items[0], &line);
    *first = bc_buf_detach(&line, NULL);
    bc_buf_fini(&out);
    bc_citer_free(c);
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    bc_buf_fini(&yaml);
    return ok;
}

/* Titles citing titles: seven deep is fine (the text and seven titles
 * make eight levels)... */
static void test_titles_nest_seven_deep(void **state)
{
    (void)state;
    char *first;
    assert_true(expand_title_chain(7, &first));
    assert_string_equal(first, "");
    free(first);
}

/* ...eight is taken for a cycle. */
static void test_titles_nest_no_deeper(void **state)
{
    (void)state;
    char *first;
    assert_false(expand_title_chain(8, &first));
    assert_string_equal(first, "t.yaml:17:90: error: citations nest too "
                               "deep (a title that cites itself?)");
    free(first);
}

/* The record of what is printed: every citation counts as printed; in
 * full only with its date, not its short name, and only in a text of the
 * data file (not one bcreport made). */
static void test_citer_records_what_it_prints(void **state)
{
    fixture *f = *state;
    const bc_source *data = f->report->document.subject.src;
    assert_non_null(data);
    bc_citer *c = bc_citer_new(f->report);
    bc_buf out = BC_BUF_INIT;
    bc_cite_record rec;
    bc_text short_date = {"[@kh92 short date]", 18, 3, 7, data};
    assert_true(bc_cite_expand(c, &short_date, &out, &f->diags));
    assert_string_equal(out.ptr, "\x03Kế hoạch số 92\x04");
    bc_citer_record(c, f->arena, &rec);
    assert_int_equal(rec.uses[0].printed, 1);
    assert_int_equal(rec.uses[0].full, 0);
    bc_text dated = {"[@kh92 number date]", 19, 3, 7, data};
    assert_true(bc_cite_expand(c, &dated, &out, &f->diags));
    bc_citer_record(c, f->arena, &rec);
    assert_int_equal(rec.uses[0].printed, 2);
    assert_int_equal(rec.uses[0].full, 1);
    /* Text bcreport made is printed, but is no mention. */
    bc_text made = {"[@kh92 number date]", 19, 3, 7, NULL};
    assert_true(bc_cite_expand(c, &made, &out, &f->diags));
    bc_citer_record(c, f->arena, &rec);
    assert_int_equal(rec.uses[0].printed, 3);
    assert_int_equal(rec.uses[0].full, 1);
    /* The subject's citations are printed, never in full. */
    bc_text subject = {"[@ct12]", 7, 3, 7, data};
    assert_true(bc_cite_expand_heading(c, &subject, &out, &f->diags));
    bc_citer_record(c, f->arena, &rec);
    assert_int_equal(rec.uses[1].printed, 1);
    assert_int_equal(rec.uses[1].full, 0);
    bc_buf_fini(&out);
    bc_citer_free(c);
}

/* The budget of what citations print may be spent to the last byte by
 * text printed again... */
static void test_charge_to_the_last_byte(void **state)
{
    fixture *f = *state;
    bc_citer *c = bc_citer_new(f->report);
    bc_text t = {"x", 1, 3, 7, NULL};
    assert_true(bc_cite_charge(c, &t, "this", BC_CITE_MAX_EXPANDED,
                               &f->diags));
    assert_int_equal(f->diags.count, 0);
    assert_false(bc_cite_charge(c, &t, "this", 1, &f->diags));
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&f->diags.items[0], &line);
    assert_string_equal(line.ptr, "t.yaml:3:7: error: this, past the limit "
                                  "of 1048576 bytes that citations and "
                                  "repeated text may print in a document");
    bc_buf_fini(&line);
    bc_citer_free(c);
}

/* ...or by a citation. */
static void test_citation_to_the_last_byte(void **state)
{
    fixture *f = *state;
    /* With its marks: literal text, the number unbroken. */
    static const char ct12[] = "\x03" "Chỉ thị số \x05" "12-CT/TW\x06\x04";
    bc_citer *c = bc_citer_new(f->report);
    bc_text t = {"[@ct12 number]", 14, 3, 7, NULL};
    assert_true(bc_cite_charge(c, &t, "this",
                               BC_CITE_MAX_EXPANDED - strlen(ct12),
                               &f->diags));
    bc_buf out = BC_BUF_INIT;
    assert_true(bc_cite_expand(c, &t, &out, &f->diags));
    assert_string_equal(out.ptr, ct12);
    assert_int_equal(f->diags.count, 0);
    assert_false(bc_cite_expand(c, &t, &out, &f->diags));
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&f->diags.items[0], &line);
    assert_string_equal(line.ptr, "t.yaml:3:7: error: [@ct12] makes the "
                                  "citations of this document print more "
                                  "than 1048576 bytes (the limit); does a "
                                  "title cite other titles many times?");
    bc_buf_fini(&line);
    bc_buf_fini(&out);
    bc_citer_free(c);
}

/* One byte more than the budget leaves is refused, closing mark
 * included: the budget once took the citation's last byte for free, and
 * then every charge after it (the limit's subtraction wrapped round). */
static void test_citation_one_byte_past_the_budget(void **state)
{
    fixture *f = *state;
    static const char ct12[] = "\x03" "Chỉ thị số \x05" "12-CT/TW\x06\x04";
    bc_citer *c = bc_citer_new(f->report);
    bc_text t = {"[@ct12 number]", 14, 3, 7, NULL};
    assert_true(bc_cite_charge(c, &t, "this",
                               BC_CITE_MAX_EXPANDED - strlen(ct12) + 1,
                               &f->diags));
    bc_buf out = BC_BUF_INIT;
    assert_false(bc_cite_expand(c, &t, &out, &f->diags));
    assert_int_equal(f->diags.errors, 1);
    assert_false(bc_cite_charge(c, &t, "this", 1, &f->diags));
    bc_buf_fini(&out);
    bc_citer_free(c);
}

/* text with the first from replaced by to; malloc'd. */
/* A short name that ends in a no-break space (pasted from a word
 * processor) still gets its italics: "*... 92 *" would be no emphasis,
 * for cmark as for any reader of the Markdown.  The loader drops it. */
static void test_short_name_blanks_trimmed(void **state)
{
    (void)state;
    char *yaml = tu_replaced(base_yaml, "short_name: Kế hoạch số 92}",
                          "short_name: \"Kế hoạch số 92\\u00A0 \"}");
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", yaml, strlen(yaml), arena,
                                   &diags);
    assert_non_null(r);
    fixture f = {arena, diags, r};
    static const char *const texts[] = {"[@kh92 number define]", NULL};
    static const char *const plain[] = {
        "Kế hoạch số 92/KH-UBND (sau đây gọi tắt là Kế hoạch số 92)", NULL};
    static const char *const md[] = {
        "Kế hoạch số 92/KH-UBND (*sau đây gọi tắt là Kế hoạch số 92*)",
        NULL};
    expect_citations(&f, texts, plain, md);
    bc_diags_fini(&f.diags);
    bc_arena_free(arena);
    free(yaml);
}

/* ---- schema ---- */

static void test_suggestions(void **state)
{
    (void)state;
    const bc_field *fields = bc_report_schema.fields;
    const bc_schema *doc = fields[0].schema;
    assert_string_equal(bc_schema_suggest(doc, "subjet"), "subject");
    assert_string_equal(bc_schema_suggest(doc, "Year"), "year");
    assert_string_equal(bc_schema_suggest(doc, "recipient"), "recipients");
    assert_null(bc_schema_suggest(doc, "ngay"));
    assert_null(bc_schema_suggest(doc, "x"));
    assert_string_equal(bc_schema_suggest(&bc_report_schema, "citation"),
                        "citations");
}

/* A typo may change up to a third of the key (at least one edit): two
 * edits in a key of seven, not three in a key of eight. */
static void test_suggestion_allows_a_third_of_the_key(void **state)
{
    (void)state;
    const bc_schema *doc = bc_report_schema.fields[0].schema;
    assert_string_equal(bc_schema_suggest(doc, "subjcet"), "subject");
    assert_string_equal(bc_schema_suggest(doc, "recipeints"), "recipients");
    assert_null(bc_schema_suggest(doc, "sbujcte"));
}

/* Loads base_yaml with one substitution and returns the diagnostics. */
static char *errors_of(const char *from, const char *to)
{
    const char *at = strstr(base_yaml, from);
    assert_non_null(at);
    bc_buf yaml = BC_BUF_INIT;
    bc_buf_append(&yaml, base_yaml, (size_t)(at - base_yaml));
    bc_buf_puts(&yaml, to);
    bc_buf_puts(&yaml, at + strlen(from));
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", yaml.ptr, yaml.len, arena,
                                   &diags);
    bc_value *view = r ? bc_view_build(r, &bc_writer_markdown, arena, NULL, &diags) : NULL;
    bc_buf out = BC_BUF_INIT;
    for (size_t i = 0; i < diags.count; i++) {
        bc_diag_format(&diags.items[i], &out);
        bc_buf_putc(&out, '\n');
    }
    assert_true((diags.count == 0) == (view != NULL));
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    bc_buf_fini(&yaml);
    return bc_buf_detach(&out, NULL);
}

static void test_schema_errors(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *errors;
    } cases[] = {
        {"body: [x]}\n  tasks", "body: [[x, [[y]]]]}\n  tasks",
         "t.yaml:15:41: error: each item of \"body\" must be text, not a "
         "list\n"},
        {"body: [x]}\n  tasks", "body: [[[x], y]]}\n  tasks",
         "t.yaml:15:37: error: sub-items in \"body\" need a bullet before "
         "them\n"},
        {"body: [x]}\n  tasks", "body: [{label: Ghi chú}]}\n  tasks",
         "t.yaml:15:36: error: missing required key \"text\" in note\n"},
        {"body: [x]}\n  tasks", "body: [1]}\n  tasks",
         "t.yaml:15:36: error: an item of \"body\" must be a paragraph "
         "(text), a list of bullets, or a note with label and text; not an "
         "integer\n"},
        {"place: A", "place: \"A\\u0001\"",
         "t.yaml:4:10: error: \"place\" contains the control character "
         "U+0001\n"},
        {"place: A", "place:",
         "t.yaml:4:3: error: missing value for \"place\" in document\n"},
        {"year: 2025", "year: 2025\n  status: 1",
         "t.yaml:6:3: error: unknown key \"status\" in document. The keys "
         "here: issuer, number, symbol, place, date, year, type, subject, "
         "recipients.\n"},
        /* User text in messages stays on its line, with no live escape. */
        {"year: 2025", "year: 2025\n  \"bad\\e[31mkey\\nline2\": 1",
         "t.yaml:6:3: error: unknown key \"bad\\x1B[31mkey\\nline2\" in "
         "document. The keys here: issuer, number, symbol, place, date, "
         "year, type, subject, recipients.\n"},

        {"place: A", "place: \"\"",
         "t.yaml:4:10: error: \"place\" must not be empty\n"},
        /* Citation errors point at the citation itself, even inside a
         * title that is cited from elsewhere, or never cited. */
        {"title: \"về thực hiện [@ct12 number]\"",
         "title: \"về thực hiện [@ct13 number]\"",
         "t.yaml:10:121: error: unknown citation [@ct13]; did you mean "
         "[@ct12]?\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"Mở [@kh92] và\\n [@kh92 "
         "dat]\"]",
         "t.yaml:12:29: error: unknown part \"dat\" in a citation of "
         "\"kh92\"; the parts are number, date, issuer, title, short, "
         "define and effective\n"},
        /* Brackets inside a citation are errors at the bracket. */
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92, khoản [2]]\"]",
         "t.yaml:12:27: error: \"[\" inside a citation; write the part "
         "cited without brackets, as in [@nd80, khoản 2 Điều 8]\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92, [@kh92]]\"]",
         "t.yaml:12:21: error: a citation inside a citation; close the "
         "first with \"]\" before the next \"[@\"\n"},
        /* A long unknown part is cut between characters. */
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92 "
         "Điềuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu]\"]",
         "t.yaml:12:13: error: unknown part \"Điềuuuuuuuuuuuuuuuuuuuuuuuuuuu...\" "
         "in a citation of \"kh92\"; the parts are number, date, issuer, "
         "title, short, define and effective\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"[@ kh92]\"]",
         "t.yaml:12:13: error: a citation needs an id right after \"[@\", as "
         "in [@kh92]\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92,  ]\"]",
         "t.yaml:12:13: error: the part cited is missing after the comma in "
         "[@kh92, ...]\n"},
        {"{id: ct12", "{id: \"ct 12\"",
         "t.yaml:11:10: error: \"id\" may use only the letters a-z and A-Z, "
         "digits, \"_\", \"-\" and \".\"\n"},
        /* Required text says something; lists of bullets have bullets. */
        {"subject: Kết quả", "subject: \"   \"",
         "t.yaml:7:12: error: \"subject\" must not be blank\n"},
        {"recipients: [Sở Ngoại vụ]", "recipients: [\"\"]",
         "t.yaml:8:16: error: \"recipients\" must not be empty\n"},
        {"preamble: [Mở đầu.]", "preamble: \"\"",
         "t.yaml:12:11: error: \"preamble\" must not be empty\n"},
        {"preamble: [Mở đầu.]", "preamble: [[]]",
         "t.yaml:12:12: error: a list of bullets in \"preamble\" must not "
         "be empty\n"},
        {"preamble: [Mở đầu.]", "preamble: [[a, [\" \"]]]",
         "t.yaml:12:17: error: \"preamble\" must not be blank\n"},
        {"name: [\"ỦY BAN NHÂN DÂN\", \"XÃ A\"]", "name: \"\"",
         "t.yaml:2:18: error: \"name\" must not be empty\n"},
        {"year: 2025", "year: -5",
         "t.yaml:5:9: error: \"year\" must be a year written with four "
         "digits, such as 2025, not -5\n"},
        {"symbol: BC-UBND", "number: \"5/BC\"\n  symbol: BC-UBND",
         "t.yaml:3:11: error: \"number\" must be the number alone, in "
         "digits (such as \"05\"), or \"\" until it is issued; the symbol "
         "goes in \"symbol\"\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92 effective]\"]",
         "t.yaml:12:13: error: [@kh92 effective] needs the document's "
         "\"effective\" date\n"},
        {"preamble: [Mở đầu.]", "preamble: [\"[@kh92 number effective]\"]",
         "t.yaml:12:13: error: [@kh92 effective] stands alone: it gives only "
         "the date the document took effect\n"},
        {"  - {id: ct12", "  - {id: kh92",
         "t.yaml:11:10: error: id \"kh92\" is used twice (first at "
         "10:10)\n"},
        {"date: 2022-06-03", "date: \"\"",
         "t.yaml:10:58: error: \"date\" must not be empty\n"},
        {"issuer: {", "issuer: [",
         NULL}, /* a YAML error: not this test's business */
        /* Texts may hold tabs and line breaks. */
        {"place: A", "place: \"A\\tB\\nC\"", ""},
        /* Years: four digits, 1000 to 9999. */
        {"year: 2025", "year: 1000", ""},
        {"year: 2025", "year: 9999", ""},
        {"year: 2025", "year: 999",
         "t.yaml:5:9: error: \"year\" must be a year written with four "
         "digits, such as 2025, not 999\n"},
        {"year: 2025", "year: 10000",
         "t.yaml:5:9: error: \"year\" must be a year written with four "
         "digits, such as 2025, not 10000\n"},
        /* Amounts: whole numbers from 0 to 10^15 đồng. */
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: 0, legal_basis: L, "
         "status: đã hoàn thành}]}]", ""},
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: 1000000000000000, legal_basis: L, "
         "status: đã hoàn thành}]}]", ""},
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: 1000000000000001, legal_basis: L, "
         "status: đã hoàn thành}]}]",
         "t.yaml:16:96: error: \"amount\" is more than 10^15 đồng, beyond "
         "what can be written in words: 1000000000000001\n"},
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: -1, legal_basis: L, "
         "status: đã hoàn thành}]}]",
         "t.yaml:16:96: error: \"amount\" cannot be negative: -1\n"},
        /* All of the amount may be disbursed, not more. */
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: 5, disbursed: 5, legal_basis: L, "
         "status: đã hoàn thành}]}]", ""},
        {"items: [{title: a}]", "items: [{title: a, aid_projects: [{donor: D, "
         "project: P, place: Q, amount: 5, disbursed: 6, legal_basis: L, "
         "status: đã hoàn thành}]}]",
         "t.yaml:16:110: error: \"disbursed\" (6 đồng) is more than "
         "\"amount\" (5 đồng, at 16:96)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (!cases[i].errors)
            continue;
        char *got = errors_of(cases[i].from, cases[i].to);
        if (strcmp(got, cases[i].errors) != 0)
            fail_msg("%s -> %s:\n got:  %s want: %s", cases[i].from,
                     cases[i].to, got, cases[i].errors);
        free(got);
    }
}


/* The subject cites in full but is not the first mention: the body's
 * first [@kh92] still gives the full citation and its short name. */
static void test_subject_is_not_first_mention(void **state)
{
    (void)state;
    char *step = tu_replaced(base_yaml, "subject: Kết quả\n",
                          "subject: \"Kết quả thực hiện [@kh92]\"\n");
    char *text = tu_replaced(step, "preamble: [Mở đầu.]",
                          "preamble: [\"[@kh92]\"]");
    free(step);
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", text, strlen(text), arena,
                                   &diags);
    assert_non_null(r);
    bc_value *view = bc_view_build(r, &bc_writer_markdown, arena, NULL, &diags);
    assert_non_null(view);
    assert_string_equal(bc_value_map_get(view, "subject")->as.string.ptr,
                        "Kết quả thực hiện Kế hoạch số 92/KH-UBND ngày "
                        "03/6/2022 của UBND tỉnh Quảng Ngãi về thực hiện Chỉ "
                        "thị số 12-CT/TW");
    bc_value *first = bc_value_map_get(view, "preamble")->as.seq.items[0];
    assert_string_equal(bc_value_map_get(first, "paragraph")->as.string.ptr,
                        "Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh "
                        "Quảng Ngãi về thực hiện Chỉ thị số 12-CT/TW "
                        "(*sau đây gọi tắt là Kế hoạch số 92*)");
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    free(text);
}

static void test_view_numbering(void **state)
{
    (void)state;
    /* 23 points take a) to y); a 24th has no letter. */
    bc_buf items = BC_BUF_INIT;
    bc_buf_puts(&items, "items: [");
    for (int i = 0; i < 24; i++)
        bc_buf_printf(&items, "%s{title: t%d}", i ? ", " : "", i);
    bc_buf_puts(&items, "]}");
    char *got = errors_of("items: [{title: a}]}", items.ptr);
    assert_string_equal(got, "t.yaml:16:349: error: item 24 cannot be "
                             "numbered: the Vietnamese letters a) to y) stop "
                             "at 23; split the list\n");
    free(got);
    bc_buf_fini(&items);
}

/* The parts of a citation are separated by any blanks, tabs and line
 * breaks included. */
static void test_citation_blanks(void **state)
{
    fixture *f = *state;
    static const char *const texts[] = {"[@kh92\tnumber]",
                                        "[@kh92\n number\t date]", NULL};
    static const char *const plain[] = {
        "Kế hoạch số 92/KH-UBND", "Kế hoạch số 92/KH-UBND ngày 03/6/2022"};
    expect_citations(f, texts, plain, plain);
}

/* The one scanner of citations: where each is, its id, parts and
 * locator, and what is wrong with it. */
static void test_citation_tokens(void **state)
{
    (void)state;
    const char *s = "a [@kh92 number, khoản 2 ] b [@x, [y]] [@z";
    bc_cite_token t;
    assert_true(bc_cite_next(s, strlen(s), 0, &t));
    assert_int_equal(t.start, 2);
    assert_int_equal(t.end, strlen("a [@kh92 number, khoản 2 ]"));
    assert_memory_equal(s + t.id, "kh92", t.id_len);
    assert_int_equal(t.id_len, 4);
    assert_memory_equal(s + t.words, " number", t.words_len);
    assert_true(t.has_locator);
    assert_memory_equal(s + t.locator, "khoản 2", t.locator_len);
    assert_int_equal(t.locator_len, strlen("khoản 2"));
    assert_int_equal(t.syntax, BC_CITE_OK);
    assert_true(bc_cite_next(s, strlen(s), t.end, &t));
    assert_int_equal(t.syntax, BC_CITE_NESTED);
    assert_int_equal(t.error_at, strlen("a [@kh92 number, khoản 2 ] b [@x, "));
    assert_true(bc_cite_next(s, strlen(s), t.end, &t));
    assert_int_equal(t.syntax, BC_CITE_UNCLOSED);
    assert_int_equal(t.end, strlen(s));
    assert_false(bc_cite_next(s, strlen(s), t.end, &t));
}

/* A file typed in decomposed form (NFD) gives the same findings at the
 * same places as the same file in NFC: positions count the characters an
 * editor shows. */
static void test_nfd_positions(void **state)
{
    (void)state;
    size_t len;
    char *nfc = tu_read_file("tests/fixtures/check/example-2023.yaml", &len);
    assert_non_null(nfc);
    utf8proc_uint8_t *nfd = utf8proc_NFD((const utf8proc_uint8_t *)nfc);
    assert_non_null(nfd);
    assert_true(strlen((char *)nfd) > len); /* decomposed indeed */
    const char *args[] = {"check", "-", NULL};
    tu_result a, b;
    tu_run(&a, nfc, len, args);
    tu_run(&b, (char *)nfd, strlen((char *)nfd), args);
    assert_int_equal(a.status, b.status);
    assert_non_null(strstr(a.err, "<stdin>:80:42: warning: "));
    assert_string_equal(b.err, a.err);
    tu_result_fini(&a);
    tu_result_fini(&b);
    free(nfd);
    free(nfc);
}

/* Seven documents, each title citing the next one's title twenty times:
 * 3 KB of data that would print gigabytes.  The expansion stops at the
 * budget, with one error at the citation that passed it; the titles are
 * checked first, so it is one in c0's title. */
static void test_citation_fan_out_is_bounded(void **state)
{
    (void)state;
    bc_buf more = BC_BUF_INIT;
    tu_fan_out_citations(&more);
    bc_buf_puts(&more, "preamble: [\"Theo [@c0 title].\"]");
    char *got = errors_of("preamble: [Mở đầu.]", more.ptr);
    assert_string_equal(got, "t.yaml:12:98: error: [@c1] makes the citations "
                             "of this document print more than 1048576 bytes "
                             "(the limit); does a title cite other titles "
                             "many times?\n");
    free(got);
    bc_buf_fini(&more);
}

/* Titles that are fine alone, cited in full many times: the text's own
 * citations count too, and the error is where the limit was passed. */
static void test_many_citations_are_bounded(void **state)
{
    (void)state;
    bc_buf more = BC_BUF_INIT;
    bc_buf_puts(&more, "  - {id: long, type: Nghị định, number: 1/2020/NĐ-CP,"
                       " date: 2020-07-08, issuer: Chính phủ, title: \"về ");
    for (int i = 0; i < 2000; i++)
        bc_buf_putc(&more, 'x');
    bc_buf_puts(&more, "\"}\npreamble: [\"");
    for (int i = 0; i < 600; i++)
        bc_buf_puts(&more, "[@long title] ");
    bc_buf_puts(&more, "\"]");
    char *got = errors_of("preamble: [Mở đầu.]", more.ptr);
    /* 2 043 bytes a citation (its marks too: literal, no-break): the
     * 514th passes 1 MiB, at column 13 + 513 * 14 (each "[@long title] "
     * is 14 bytes). */
    assert_string_equal(got, "t.yaml:13:7195: error: [@long] makes the "
                             "citations of this document print more than "
                             "1048576 bytes (the limit); does a title cite "
                             "other titles many times?\n");
    free(got);
    bc_buf_fini(&more);
}

/* self_name stands in for every partner left out: printed again for each
 * aliased aid project, it counts against the same budget. */
static void test_repeated_self_name_is_bounded(void **state)
{
    (void)state;
    bc_buf name = BC_BUF_INIT;
    bc_buf_puts(&name, "self_name: \"UBND ");
    for (int i = 0; i < 200000; i++)
        bc_buf_putc(&name, 'x');
    bc_buf_puts(&name, "\"}");
    char *step = tu_replaced(base_yaml, "self_name: UBND xã}", name.ptr);
    char *text = tu_replaced(step, "items: [{title: a}]",
                          "items: [{title: a, aid_projects: [&p {donor: D, "
                          "project: P, place: Q, amount: 1, legal_basis: L, "
                          "status: đã hoàn thành}, *p, *p, *p, *p, *p, *p]}]");
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    bc_report *r = bc_report_parse("t.yaml", text, strlen(text), arena,
                                   &diags);
    assert_non_null(r);
    assert_null(bc_view_build(r, &bc_writer_markdown, arena, NULL, &diags));
    assert_int_equal(diags.count, 1);
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&diags.items[0], &line);
    /* The first project prints it free; the sixth repeat passes 1 MiB.
     * The error is at the project's donor (here the anchored one's). */
    assert_string_equal(line.ptr, "t.yaml:16:66: error: self_name stands in "
                                  "for a partner or a host once more, past "
                                  "the limit of 1048576 bytes "
                                  "that citations and repeated text may "
                                  "print in a document");
    bc_buf_fini(&line);
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    free(text);
    free(step);
    bc_buf_fini(&name);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* An amount or a count that is a list or true/false: what it must be,
 * with its unit, and what it is. */
static void test_number_of_the_wrong_kind(void **state)
{
    (void)state;
    char *got = errors_of(
        "items: [{title: a}]",
        "items: [{title: a, aid_projects: [{donor: D, project: P, place: Q, "
        "amount: [5], disbursed: true, legal_basis: L, "
        "status: đã hoàn thành}]}]");
    assert_string_equal(got,
                        "t.yaml:16:96: error: \"amount\" must be a whole "
                        "number of đồng, not a list\n"
                        "t.yaml:16:112: error: \"disbursed\" must be a whole "
                        "number of đồng, not a boolean\n");
    free(got);
    got = errors_of("items: [{title: a}]",
                    "items: [{title: a, visits: [{guests: G, country: C, "
                    "from: 2025-01-02, members: {n: 5}, purpose: P}]}]");
    assert_string_equal(got, "t.yaml:16:100: error: \"members\" must be a "
                             "whole number of people, not named items "
                             "(key: value)\n");
    free(got);
}

/* ---- the file's text, dropped once read (report.c) ---- */

/* The subject "Kết quả" stands at 7:12; its "t" (byte 4) at 7:14. */
static bc_pos subject_t(const bc_report *r)
{
    return bc_report_locate(r, &r->document.subject, 4, 1);
}

/* Called once with the path being read, just after io.c's first fread
 * of it (the Makefile links this test with --wrap=fread); NULL: none. */
static void (*while_read)(const char *path);
static const char *while_read_path;

size_t __real_fread(void *ptr, size_t size, size_t n, FILE *f);
size_t __wrap_fread(void *ptr, size_t size, size_t n, FILE *f);

size_t __wrap_fread(void *ptr, size_t size, size_t n, FILE *f)
{
    size_t got = __real_fread(ptr, size, n, f);
    void (*fn)(const char *) = while_read;
    while_read = NULL;
    if (fn)
        fn(while_read_path);
    return got;
}

/* Loads yaml from a file (during, not NULL, called on its path while it
 * is read), calls meanwhile (NULL: nothing) on its path, and expects the
 * subject's "t" at line:col, twice: the second time from what the first
 * one read, or did not. */
static void expect_subject_t(const char *yaml, size_t len,
                             void (*during)(const char *path),
                             void (*meanwhile)(const char *path), int line,
                             int col)
{
    char *path = tu_temp_file(yaml, len, ".yaml");
    bc_arena *arena = bc_arena_new();
    bc_diags diags;
    bc_diags_init(&diags);
    while_read = during;
    while_read_path = path;
    bc_report *r = bc_report_load(path, arena, &diags);
    assert_null(while_read); /* it was read with fread */
    assert_non_null(r);
    assert_string_equal(r->document.subject.s, "Kết quả");
    if (during)
        assert_non_null(r->source); /* not the file's now: kept */
    else
        assert_null(r->source); /* freed once the tree was read */
    if (meanwhile)
        meanwhile(path);
    for (int i = 0; i < 2; i++) {
        bc_pos pos = subject_t(r);
        assert_int_equal(pos.line, line);
        assert_int_equal(pos.col, col);
    }
    bc_diags_fini(&diags);
    bc_arena_free(arena);
    unlink(path);
    free(path);
}

/* An error inside a text is placed there, the file read again for it. */
static void test_dropped_source_is_read_again(void **state)
{
    (void)state;
    expect_subject_t(base_yaml, strlen(base_yaml), NULL, NULL, 7, 14);
}

/* The same bytes, saved again a second later. */
static void save_later(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    struct timespec times[2] = {{0, UTIME_OMIT},
                                {st.st_mtim.tv_sec + 1, st.st_mtim.tv_nsec}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void remove_file(const char *path)
{
    assert_int_equal(unlink(path), 0);
}

/* A file changed since it was read is not believed: the error stands at
 * the text's start (7:12), not at a place of another text. */
static void test_changed_source_is_not_read_again(void **state)
{
    (void)state;
    expect_subject_t(base_yaml, strlen(base_yaml), NULL, save_later, 7, 12);
}

static void test_removed_source_is_not_read_again(void **state)
{
    (void)state;
    expect_subject_t(base_yaml, strlen(base_yaml), NULL, remove_file, 7, 12);
}

/* The file saved again while it is read, the same length, a second
 * later: its subject one column to the right ("  subject:  Kết quả"),
 * a blank fewer in the issuer's flow mapping. */
static void save_shifted_while_read(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    bc_buf text = BC_BUF_INIT;
    bc_buf_puts(&text, base_yaml);
    char *comma = strstr(text.ptr, "UBND xã A, self_name");
    assert_non_null(comma);
    comma += strlen("UBND xã A,");
    memmove(comma, comma + 1, strlen(comma + 1) + 1); /* ", s" -> ",s" */
    char *subject = strstr(text.ptr, "subject: Kết");
    assert_non_null(subject);
    subject += strlen("subject:");
    memmove(subject + 1, subject, strlen(subject) + 1);
    *subject = ' ';
    assert_int_equal(strlen(text.ptr), strlen(base_yaml));
    FILE *f = fopen(path, "wb"); /* the same inode */
    assert_non_null(f);
    assert_int_equal(fwrite(text.ptr, 1, strlen(text.ptr), f),
                     strlen(text.ptr));
    assert_int_equal(fclose(f), 0);
    struct timespec times[2] = {{0, UTIME_OMIT},
                                {st.st_mtim.tv_sec + 1, st.st_mtim.tv_nsec}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    bc_buf_fini(&text);
}

/* A file saved again while it was read is not the one read, though its
 * identity after the read would say so: its text is kept, as standard
 * input's, and the error stands where it is in the text read (7:14), not
 * one column off in the new one (7:15). */
static void test_source_saved_while_read_is_kept(void **state)
{
    (void)state;
    expect_subject_t(base_yaml, strlen(base_yaml), save_shifted_while_read,
                     NULL, 7, 14);
}

/* A byte-order mark is skipped: positions count from after it, on the
 * first line too, where the subject stands at 1:21 ("t" at 1:23). */
static void test_dropped_source_after_bom(void **state)
{
    (void)state;
    bc_buf text = BC_BUF_INIT;
    bc_buf_puts(&text, "\xEF\xBB\xBF"
                       "document: {subject: Kết quả, symbol: BC-UBND, place: "
                       "A, year: 2025, type: BÁO CÁO, recipients: [Sở Ngoại "
                       "vụ], issuer: {name: [\"ỦY BAN NHÂN DÂN\", \"XÃ A\"], "
                       "short_name: UBND xã A, self_name: UBND xã}}\n");
    bc_buf_puts(&text, strstr(base_yaml, "citations:"));
    expect_subject_t(text.ptr, text.len, NULL, NULL, 1, 23);
    bc_buf_fini(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_citation_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_citation_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_citation_cycle, setup, teardown),
        cmocka_unit_test(test_short_name_blanks_trimmed),
        cmocka_unit_test(test_titles_nest_seven_deep),
        cmocka_unit_test_setup_teardown(test_citer_records_what_it_prints,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_charge_to_the_last_byte, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_citation_to_the_last_byte, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_citation_one_byte_past_the_budget,
                                        setup, teardown),
        cmocka_unit_test(test_titles_nest_no_deeper),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_suggestion_allows_a_third_of_the_key),
        cmocka_unit_test(test_schema_errors),
        cmocka_unit_test(test_number_of_the_wrong_kind),
        cmocka_unit_test(test_subject_is_not_first_mention),
        cmocka_unit_test(test_view_numbering),
        cmocka_unit_test(test_nfd_positions),
        cmocka_unit_test_setup_teardown(test_citation_blanks, setup,
                                        teardown),
        cmocka_unit_test(test_citation_tokens),
        cmocka_unit_test(test_citation_fan_out_is_bounded),
        cmocka_unit_test(test_many_citations_are_bounded),
        cmocka_unit_test(test_repeated_self_name_is_bounded),
        cmocka_unit_test(test_dropped_source_is_read_again),
        cmocka_unit_test(test_changed_source_is_not_read_again),
        cmocka_unit_test(test_removed_source_is_not_read_again),
        cmocka_unit_test(test_source_saved_while_read_is_kept),
        cmocka_unit_test(test_dropped_source_after_bom),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
