/* test_schema_json.c - the JSON Schema of the data file: well-formed,
 * deterministic, a valid draft 2020-12 schema, and in agreement with the
 * loader on every fixture (checked with Python's jsonschema). */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/json.h"
#include "bcreport/report.h"
#include "bcreport/schema_json.h"
#include "bcreport/utf8.h"

/* Debian's Python, which has python3-jsonschema; a python3 found first on
 * PATH may be another build without it.  (-DPYTHON=... to try another.) */
#ifndef PYTHON
#define PYTHON "/usr/bin/python3"
#endif
#define VALIDATOR "tests/validate_schema.py"
#define FIXTURES "tests/fixtures/build"

static char *report_schema(size_t *len)
{
    bc_buf out = BC_BUF_INIT;
    bc_schema_json_write(&bc_report_schema, &out);
    return bc_buf_detach(&out, len);
}

/* Skips, loudly, when Python or its jsonschema module is missing; fails
 * instead under CI=true, where they are installed on purpose. */
static void require_python(bool jsonschema)
{
    const char *missing = NULL;
    if (access(PYTHON, X_OK) != 0)
        missing = PYTHON;
    else if (jsonschema &&
             tu_sh("%s", PYTHON " -c 'import jsonschema' 2>/dev/null") != 0)
        missing = "the jsonschema module of " PYTHON
                  " (apt-get install python3-jsonschema)";
    if (!missing)
        return;
    fprintf(stderr, "\n*** SKIPPED: %s is missing: the schema is not "
                    "checked ***\n\n", missing);
    if (tu_in_ci())
        fail_msg("CI=true: %s must be installed", missing);
    skip();
}

/* Runs the validator on schema_path and n instances (JSON files) in one
 * go, for Python starts slowly; returns its exit status, its output in
 * log after a line break (so each of its lines follows a "\n"). */
static int validate(const char *schema_path, char *const *instances,
                    size_t n, bc_buf *log)
{
    char *out = tu_temp_file("", 0, ".log");
    bc_buf cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd, PYTHON " " VALIDATOR " '%s'", schema_path);
    for (size_t i = 0; i < n; i++)
        bc_buf_printf(&cmd, " '%s'", instances[i]);
    bc_buf_printf(&cmd, " >'%s' 2>&1", out);
    int status = tu_sh("%s", cmd.ptr);
    char *text = tu_read_file(out, NULL);
    bc_buf_clear(log);
    bc_buf_putc(log, '\n');
    bc_buf_puts(log, text ? text : "");
    free(text);
    unlink(out);
    free(out);
    bc_buf_fini(&cmd);
    return status;
}

/* ---- (a) well-formed and deterministic ---- */

static void test_json_and_deterministic(void **state)
{
    (void)state;
    size_t len, again_len;
    char *text = report_schema(&len);
    char *again = report_schema(&again_len);
    assert_int_equal(len, again_len);
    assert_memory_equal(text, again, len);
    assert_true(bc_utf8_valid(text, len, NULL));
    assert_true(len > 2 && text[len - 1] == '\n' && text[len - 2] == '}');
    free(again);

    require_python(false);
    char *path = tu_temp_file(text, len, ".json");
    bc_buf cmd = BC_BUF_INIT;
    bc_buf_printf(&cmd,
                  PYTHON " -c 'import json,sys; json.load(sys.stdin)' <'%s'",
                  path);
    assert_int_equal(tu_sh("%s", cmd.ptr), 0);
    unlink(path);
    free(path);
    bc_buf_fini(&cmd);
    free(text);
}

/* ---- (b) a valid draft 2020-12 schema ---- */

static void test_valid_schema(void **state)
{
    (void)state;
    require_python(true);
    size_t len;
    char *text = report_schema(&len);
    char *path = tu_temp_file(text, len, ".json");
    bc_buf report = BC_BUF_INIT;
    if (validate(path, NULL, 0, &report) != 0)
        fail_msg("not a valid schema:\n%s", report.ptr);
    unlink(path);
    free(path);
    bc_buf_fini(&report);
    free(text);
}

/* ---- (c) schema and loader agree ---- */

/* What the loader and the schema say of one data file. */
typedef struct verdict {
    const char *data;
    int loader;    /* exit status of `bcreport build` */
    int schema;    /* 0 when `bcreport dump` passes the schema, else 1 */
    char *json;    /* that dump, in a temporary file */
    bc_buf errors; /* the validator's errors, when it does not */
} verdict;

/* Finds the validator's line about v->json and the errors under it. */
static void read_verdict(const char *log, verdict *v)
{
    bc_buf line = BC_BUF_INIT;
    bc_buf_printf(&line, "\nvalid %s\n", v->json);
    const char *at = strstr(log, line.ptr);
    v->schema = 0;
    if (!at) {
        bc_buf_clear(&line);
        bc_buf_printf(&line, "\ninvalid %s\n", v->json);
        at = strstr(log, line.ptr);
        v->schema = 1;
    }
    if (!at)
        fail_msg("%s: the validator said nothing of it:%s", v->data, log);
    bc_buf_init(&v->errors);
    for (at += line.len; !strncmp(at, "  ", 2); at = strchr(at, '\n') + 1)
        bc_buf_append(&v->errors, at, (size_t)(strchr(at, '\n') + 1 - at));
    bc_buf_puts(&v->errors, "");
    bc_buf_fini(&line);
}

/* Judges the data files v[i].data: the loader builds each, the schema
 * validates its dump (the loader's own reading of the YAML, as JSON). */
static void judge(const char *schema_path, verdict *v, size_t n)
{
    char **jsons = bc_xcalloc(n, sizeof *jsons);
    for (size_t i = 0; i < n; i++) {
        const char *build[] = {"build", v[i].data, NULL};
        tu_result r;
        tu_run(&r, NULL, 0, build);
        v[i].loader = r.status;
        tu_result_fini(&r);
        const char *dump[] = {"dump", v[i].data, NULL};
        tu_run(&r, NULL, 0, dump);
        if (r.status != 0)
            fail_msg("%s: dump failed (%d): %s", v[i].data, r.status, r.err);
        jsons[i] = v[i].json = tu_temp_file(r.out, r.out_len, ".json");
        tu_result_fini(&r);
    }
    bc_buf log = BC_BUF_INIT;
    if (validate(schema_path, jsons, n, &log) > 1)
        fail_msg("the validator failed:%s", log.ptr);
    for (size_t i = 0; i < n; i++)
        read_verdict(log.ptr, &v[i]);
    bc_buf_fini(&log);
    free(jsons);
}

static void verdicts_fini(verdict *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unlink(v[i].json);
        free(v[i].json);
        bc_buf_fini(&v[i].errors);
    }
}

static const char *verb(int status)
{
    return status == 0 ? "accepts" : "rejects";
}

/* Mistakes inside text, which JSON Schema cannot see: the loader rejects
 * these fixtures and the schema accepts them. */
static const struct {
    const char *file;
    const char *reason;
} schema_blind[] = {
    {"bad-citation-part.yaml",
     "an unknown part of a citation inside text ([@nd80 number dat])"},
    {"bad-unknown-citation.yaml",
     "a citation of an undeclared id inside text ([@nd81])"},
    {"bad-disbursed.yaml",
     "more disbursed than the amount (two fields compared)"},
};
#define N_BLIND (sizeof schema_blind / sizeof schema_blind[0])

static const char *blind_reason(const char *file)
{
    for (size_t i = 0; i < N_BLIND; i++)
        if (!strcmp(schema_blind[i].file, file))
            return schema_blind[i].reason;
    return NULL;
}

/* The bad-*.yaml fixtures, sorted so the output reads the same each run. */
static char **bad_fixtures(size_t *count)
{
    return tu_list_files(FIXTURES, "bad-", ".yaml", count);
}

static char *schema_file(void)
{
    size_t len;
    char *text = report_schema(&len);
    char *path = tu_temp_file(text, len, ".json");
    free(text);
    return path;
}

static void test_valid_files_pass(void **state)
{
    (void)state;
    require_python(true);
    char *schema = schema_file();
    verdict v[] = {{.data = "data/2023.yaml"},
                   {.data = "data/2025-xa.yaml"},
                   {.data = "data/2026-xa.yaml"},
                   {.data = FIXTURES "/minimal.yaml"}};
    size_t n = sizeof v / sizeof v[0];
    judge(schema, v, n);
    for (size_t i = 0; i < n; i++) {
        printf("  %-40s loader %s, schema %s\n", v[i].data,
               verb(v[i].loader), verb(v[i].schema));
        if (v[i].loader != 0 || v[i].schema != 0)
            fail_msg("%s must pass both (loader %d):\n%s", v[i].data,
                     v[i].loader, v[i].errors.ptr);
    }
    verdicts_fini(v, n);
    unlink(schema);
    free(schema);
}

static void test_bad_fixtures_fail(void **state)
{
    (void)state;
    require_python(true);
    char *schema = schema_file();
    size_t n, blind_seen = 0;
    char **names = bad_fixtures(&n);
    assert_true(n >= 11);
    verdict *v = bc_xcalloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        bc_buf path = BC_BUF_INIT;
        bc_buf_printf(&path, FIXTURES "/%s", names[i]);
        v[i].data = bc_buf_detach(&path, NULL);
    }
    judge(schema, v, n);
    for (size_t i = 0; i < n; i++) {
        const char *reason = blind_reason(names[i]);
        blind_seen += reason != NULL;
        printf("  %-28s loader %s (%d), schema %s%s%s\n", names[i],
               verb(v[i].loader), v[i].loader, verb(v[i].schema),
               reason ? ": not a schema error, " : "", reason ? reason : "");
        if (v[i].loader != 65)
            fail_msg("%s: the loader must reject it (65), not %d", names[i],
                     v[i].loader);
        if (reason && v[i].schema != 0)
            fail_msg("%s: listed as invisible to the schema, which rejects "
                     "it:\n%s",
                     names[i], v[i].errors.ptr);
        if (!reason && v[i].schema == 0)
            fail_msg("%s: the loader rejects it but the schema accepts it",
                     names[i]);
    }
    /* A renamed fixture must not leave a stale excuse behind. */
    assert_int_equal(blind_seen, N_BLIND);
    verdicts_fini(v, n);
    for (size_t i = 0; i < n; i++)
        free((char *)v[i].data);
    free(v);
    tu_free_names(names, n);
    unlink(schema);
    free(schema);
}

/* More cases than the fixtures cover, each minimal.yaml with one edit:
 * nulls, blanks, narrative shapes, dates and the rules of report.c. */
typedef struct edit_case {
    const char *what;
    const char *find; /* once in minimal.yaml */
    const char *replace;
    bool valid;
    const char *blind; /* why the schema accepts what the loader rejects */
} edit_case;

#define PLACE "  place: \"A\"\n"
#define PREAMBLE "preamble: [\"Mở đầu.\"]"
#define STATUS_OPEN "status: \"đang triển khai thực hiện\""
#define STATUS STATUS_OPEN "}"
#define CITATIONS "citations:\n"

static const edit_case edit_cases[] = {
    /* null stands for an absent key: fine when optional only */
    {"optional keys left empty (null)",
     PLACE, PLACE "  number:\n  date:\n", true, NULL},
    {"a required key left empty",
     PLACE, "  place:\n", false, NULL},
    {"an unknown key left empty",
     PLACE, PLACE "  plase:\n", false, NULL},
    {"optional mappings left empty",
     "distribution:", "proposals:\nclosing:\ndistribution:", true, NULL},
    {"an optional amount as null",
     STATUS, "status: \"đã hoàn thành\", disbursed: null}", true, NULL},
    {"a status not in the list",
     STATUS, "status: \"xong\"}", false, NULL},
    /* texts: blank, control characters, a no-break space */
    {"a blank text",
     PLACE, "  place: \" \\t\\n\"\n", false, NULL},
    {"an empty required text",
     PLACE, "  place: \"\"\n", false, NULL},
    {"a control character",
     PLACE, "  place: \"A\\x01\"\n", false, NULL},
    {"tab and line break in text",
     PLACE, "  place: \"A\\tB\\nC\"\n", true, NULL},
    {"a no-break space alone is blank",
     PLACE, "  place: \"\\u00a0\\u200b\"\n", false, NULL},
    {"a no-break space around text",
     PLACE, "  place: \"\\u00a0A\\u00a0\"\n", true, NULL},
    {"an empty line of an optional list",
     "signature: {", "signature: {lines: [\"\"], ", false, NULL},
    {"a blank item of a list",
     "recipients: [\"Sở Ngoại vụ\"]", "recipients: [\"A\", \"\\u3000\"]",
     false, NULL},
    {"issuer name as a list of lines",
     "name: \"ỦY BAN NHÂN DÂN XÃ A\"", "name: [\"A\", \"B\"]", true, NULL},
    {"issuer name as an empty list",
     "name: \"ỦY BAN NHÂN DÂN XÃ A\"", "name: []", false, NULL},
    {"a list given as one text",
     "recipients: [\"Sở Ngoại vụ\"]", "recipients: \"Sở\"", false, NULL},
    /* report.c: the number in digits, citation ids */
    {"document number in digits",
     PLACE, PLACE "  number: \"05\"\n", true, NULL},
    {"document number with its symbol",
     PLACE, PLACE "  number: \"05/BC\"\n", false, NULL},
    {"a citation id with a space",
     CITATIONS,
     CITATIONS "  - {id: \"a b\", type: t, number: n, date: 2020-01-01, "
               "issuer: i}\n",
     false, NULL},
    {"a citation id with . _ -",
     CITATIONS,
     CITATIONS "  - {id: a.b_c-1, type: t, number: n, date: 2020-01-01, "
               "issuer: i}\n",
     true, NULL},
    /* dates and years */
    {"a blank date until signed",
     PLACE, PLACE "  date: \"\"\n", true, NULL},
    {"29 February of a leap year",
     PLACE, PLACE "  date: 2024-02-29\n", true, NULL},
    {"29 February of another year",
     PLACE, PLACE "  date: 2023-02-29\n", false, NULL},
    {"a year before 1000",
     PLACE, PLACE "  date: 0999-01-01\n", false, NULL},
    {"a date written day first",
     PLACE, PLACE "  date: \"15/12/2025\"\n", true, NULL},
    {"a date with dashes, day first",
     PLACE, PLACE "  date: \"5-1-2025\"\n", true, NULL},
    {"a date written month first",
     PLACE, PLACE "  date: \"12/31/2025\"\n", false, NULL},
    {"a day-first date not in the calendar",
     PLACE, PLACE "  date: \"31/02/2025\"\n", false,
     "the calendar checks only YYYY-MM-DD (\"format\": \"date\")"},
    {"an amount with dots between thousands",
     "amount: 1000,", "amount: \"1.000 đồng\",", true, NULL},
    {"an amount with a decimal comma",
     "amount: 1000,", "amount: \"1,5\",", false, NULL},
    {"a date without its zeros",
     PLACE, PLACE "  date: \"2024-1-05\"\n", false, NULL},
    {"a blank required date",
     "date: 2020-07-08", "date: \"\"", false, NULL},
    {"a year of three digits",
     "year: 2025", "year: 999", false, NULL},
    {"a year of five digits",
     "year: 2025", "year: 10000", false, NULL},
    /* narrative */
    {"narrative as one paragraph",
     PREAMBLE, "preamble: \"Một đoạn.\"", true, NULL},
    {"narrative as an empty text",
     PREAMBLE, "preamble: \"\"", false, NULL},
    {"narrative as an empty list",
     PREAMBLE, "preamble: []", false, NULL},
    {"a blank paragraph",
     PREAMBLE, "preamble: [\" \"]", false, NULL},
    {"a number as a paragraph",
     PREAMBLE, "preamble: [1]", false, NULL},
    {"paragraph, bullets, sub-items, note",
     PREAMBLE,
     "preamble: [\"Đoạn.\", [\"a\", [\"a1\", \"a2\"], \"b\"], "
     "{label: \"L\", text: \"T\"}]",
     true, NULL},
    {"bullets alone",
     PREAMBLE, "preamble: [[\"a\"]]", true, NULL},
    {"sub-items before any bullet",
     PREAMBLE, "preamble: [[[\"a1\"]]]", false, NULL},
    {"an empty list of bullets",
     PREAMBLE, "preamble: [[]]", false, NULL},
    {"an empty list of sub-items",
     PREAMBLE, "preamble: [[\"a\", []]]", false, NULL},
    {"a blank sub-item",
     PREAMBLE, "preamble: [[\"a\", [\"\"]]]", false, NULL},
    {"a note without text",
     PREAMBLE, "preamble: [{label: \"L\"}]", false, NULL},
    {"a note with an unknown key",
     PREAMBLE, "preamble: [{label: \"L\", text: \"T\", x: 1}]", false, NULL},
    {"a note with a blank label",
     PREAMBLE, "preamble: [{label: \" \", text: \"T\"}]", false, NULL},
    /* the outline: parts, items, points */
    {"plans, proposals and a section",
     "distribution:",
     "plans: {items: [{title: \"Một\", items: [{title: \"a\"}]}]}\n"
     "proposals: {to: \"UBND tỉnh\", body: [\"Đề nghị.\"]}\n"
     "sections: [{title: \"KHÁC\", body: [\"Nội dung.\"]}]\n"
     "distribution:",
     true, NULL},
    {"a part under a name of its own",
     "distribution:", "direction: {body: [\"x\"]}\ndistribution:", false,
     NULL},
    {"a section without a title",
     "distribution:", "sections: [{body: [\"x\"]}]\ndistribution:", false,
     NULL},
    {"an item without a title",
     "distribution:", "plans: {items: [{body: [\"x\"]}]}\ndistribution:",
     false, NULL},
    /* activities */
    {"visits, trips and an event",
     "        aid_projects:",
     "        visits:\n"
     "          - {guests: \"Đoàn B\", country: \"Hàn Quốc\", "
     "from: 2025-03-12, to: 2025-03-14, members: 5, purpose: \"thăm\"}\n"
     "        delegations:\n"
     "          - {who: \"Đoàn xã\", countries: [\"Lào\"], "
     "from: 2025-04-01, purpose: \"giao lưu\"}\n"
     "        events:\n"
     "          - {title: \"Giao lưu\", date: 2025-05-19, place: \"xã A\"}\n"
     "        aid_projects:",
     true, NULL},
    {"a visit without its guests",
     "        aid_projects:",
     "        visits: [{country: \"Lào\", from: 2025-03-12}]\n"
     "        aid_projects:",
     false, NULL},
    {"a visit with a negative number of members",
     "        aid_projects:",
     "        visits: [{guests: \"B\", country: \"Lào\", from: 2025-03-12, "
     "members: -1}]\n"
     "        aid_projects:",
     false, NULL},
    {"a project in the clerk's own words",
     STATUS, STATUS_OPEN ", text: \"Dự án **Giếng** đang làm.\"}", true,
     NULL},
    /* tables */
    {"a typed table with a total",
     PREAMBLE,
     "preamble:\n  - table:\n      columns: [{title: A}, "
     "{title: B, type: amount}, {title: C, type: date}, "
     "{title: D, type: percent}, {title: E, type: integer}]\n"
     "      rows: [[x, 1000, 2025-01-02, 12.5, 3]]\n      total: true",
     true, NULL},
    {"a table of a type unknown",
     PREAMBLE,
     "preamble:\n  - table: {columns: [{title: A, type: money}], "
     "rows: [[1]]}",
     false, NULL},
    {"a text in an amount column",
     PREAMBLE,
     "preamble:\n  - table: {columns: [{title: A, type: amount}], "
     "rows: [[\"một\"]]}",
     false, "a cell's type follows its column's (two fields compared)"},
    {"a table without rows",
     PREAMBLE,
     "preamble:\n  - table: {columns: [{title: A}]}", false, NULL},
    {"a table made from the aid projects",
     PREAMBLE, "preamble:\n  - table: {from: aid_projects}", true, NULL},
    {"a table made from something else",
     PREAMBLE, "preamble:\n  - table: {from: citations}", false, NULL},
    {"a row shorter than the columns",
     PREAMBLE,
     "preamble:\n  - table: {columns: [{title: A}, {title: B}], "
     "rows: [[x]]}",
     false, "a row's length against the columns' (two fields compared)"},
    {"a total past 10^15",
     PREAMBLE,
     "preamble:\n  - table: {columns: [{title: A, type: amount}], "
     "rows: [[1000000000000000], [1]], total: true}",
     false, "a sum of cells (arithmetic over the rows)"},
    /* appendices, signers */
    {"an appendix",
     "distribution:",
     "appendices: [{id: pl-a, title: \"DANH MỤC\", "
     "body: [{table: {from: aid_projects}}]}]\ndistribution:",
     true, NULL},
    {"an appendix without an id",
     "distribution:",
     "appendices: [{title: \"DANH MỤC\", body: [\"x\"]}]\ndistribution:",
     false, NULL},
    {"two signers",
     "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}",
     "signatures:\n  - {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n"
     "  - {title: \"GIÁM ĐỐC\", name: \"Trần Thị B\"}",
     true, NULL},
    {"signature and signatures both",
     "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}",
     "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n"
     "signatures: [{title: \"GIÁM ĐỐC\", name: \"Trần Thị B\"}]",
     false, NULL},
    {"no signer",
     "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}", "", false,
     NULL},
    /* citations */
    {"a document replaced",
     "issuer: \"Chính phủ\"}",
     "issuer: \"Chính phủ\", replaced_by: \"Nghị định số 313/2025/NĐ-CP\", "
     "replaced_on: 2025-12-08}",
     true, NULL},
    /* what JSON Schema cannot say */
    {"a whole amount written 1000.0",
     "amount: 1000,", "amount: 1000.0,", false,
     "JSON has one kind of number: dump prints 1000.0 as 1000, an integer"},
    {"a citation id declared twice",
     CITATIONS,
     CITATIONS "  - {id: nd80, type: t, number: n, date: 2020-01-01, "
               "issuer: i}\n",
     false, "a citation id used twice (no uniqueness of one property)"},
};

static char *edited(const char *base, const edit_case *c)
{
    const char *at = strstr(base, c->find);
    if (!at || strstr(at + 1, c->find))
        fail_msg("\"%s\" must be in minimal.yaml once", c->find);
    bc_buf b = BC_BUF_INIT;
    bc_buf_append(&b, base, (size_t)(at - base));
    bc_buf_puts(&b, c->replace);
    bc_buf_puts(&b, at + strlen(c->find));
    return bc_buf_detach(&b, NULL);
}

#define N_EDITS (sizeof edit_cases / sizeof edit_cases[0])

static void test_edits_agree(void **state)
{
    (void)state;
    require_python(true);
    char *schema = schema_file();
    char *base = tu_read_file(FIXTURES "/minimal.yaml", NULL);
    assert_non_null(base);
    char *texts[N_EDITS];
    verdict v[N_EDITS];
    for (size_t i = 0; i < N_EDITS; i++) {
        texts[i] = edited(base, &edit_cases[i]);
        memset(&v[i], 0, sizeof v[i]);
        v[i].data = tu_temp_file(texts[i], strlen(texts[i]), ".yaml");
    }
    judge(schema, v, N_EDITS);
    for (size_t i = 0; i < N_EDITS; i++) {
        const edit_case *c = &edit_cases[i];
        printf("  %-36s loader %s, schema %s%s%s\n", c->what,
               verb(v[i].loader), verb(v[i].schema), c->blind ? ": " : "",
               c->blind ? c->blind : "");
        bool schema_ok = c->valid || c->blind;
        if ((v[i].loader == 0) != c->valid ||
            (v[i].schema == 0) != schema_ok) {
            /* cmocka cuts long messages: the file and errors go first */
            printf("%s\n%s", texts[i], v[i].errors.ptr);
            fail_msg("%s: loader %d, schema %d; expected %s%s", c->what,
                     v[i].loader, v[i].schema,
                     c->valid ? "both to accept" : "the loader to reject",
                     c->blind ? " and the schema to accept"
                              : (c->valid ? "" : " and the schema too"));
        }
    }
    verdicts_fini(v, N_EDITS);
    for (size_t i = 0; i < N_EDITS; i++) {
        unlink(v[i].data);
        free((char *)v[i].data);
        free(texts[i]);
    }
    free(base);
    unlink(schema);
    free(schema);
}

/* ---- (d) the text itself ---- */

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Every field's doc, of every struct reachable from schema, is the
 * description of a property. */
static void assert_docs(const char *text, const bc_schema *schema, int depth)
{
    assert_true(depth < 16);
    for (size_t i = 0; i < schema->field_count; i++) {
        const bc_field *f = &schema->fields[i];
        bc_buf want = BC_BUF_INIT;
        bc_buf_puts(&want, "\"description\": ");
        bc_json_write_string(f->doc, strlen(f->doc), &want);
        if (!strstr(text, want.ptr))
            fail_msg("no description for %s.%s", schema->name, f->key);
        bc_buf_fini(&want);
        if (f->schema)
            assert_docs(text, f->schema, depth + 1);
    }
}

static void test_text(void **state)
{
    (void)state;
    char *text = report_schema(NULL);
    static const char head[] =
        "{\n"
        "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
        "  \"$id\": \"https://bcreport.invalid/schema/report.schema.json\",\n";
    assert_memory_equal(text, head, sizeof head - 1);
    /* document.date, in Vietnamese, optional and blank until signed */
    assert_non_null(strstr(
        text, "        \"date\": {\n"
              "          \"description\": \"Ngày ký, dạng 15/12/2026 "
              "(ngày/tháng/năm) hoặc 2026-12-15; để trống (\\\"\\\") cho "
              "đến khi ký.\",\n"
              "          \"type\": [\n"
              "            \"string\",\n"
              "            \"null\"\n"
              "          ],\n"
              "          \"anyOf\": [\n"
              "            {\n"
              "              \"const\": \"\"\n"));
    assert_docs(text, &bc_report_schema, 0);
    /* Every object, the root and 13 structs, closed to unknown keys. */
    size_t objects = count(text, "\"type\": \"object\"");
    assert_true(objects >= 14);
    assert_int_equal(count(text, "\"additionalProperties\": false"), objects);
    assert_non_null(strstr(text, "\n    \"aid_project\": {\n"));
    assert_non_null(strstr(text, "\"$ref\": \"#/$defs/aid_project\""));
    assert_non_null(strstr(text, "  \"required\": [\n"
                                 "    \"document\",\n"
                                 "    \"preamble\",\n"
                                 "    \"distribution\"\n"
                                 "  ],\n"
                                 "  \"oneOf\": [\n"
                                 "    {\n"
                                 "      \"required\": [\n"
                                 "        \"signature\"\n"));
    assert_non_null(strstr(text, "      \"required\": [\n"
                                 "        \"label\",\n"
                                 "        \"text\"\n"
                                 "      ]\n"));
    /* A year: required (no null), four digits. */
    assert_non_null(strstr(text, "\"type\": \"integer\",\n"
                                 "          \"minimum\": 1000,\n"
                                 "          \"maximum\": 9999\n"));
    assert_non_null(strstr(text, "\"pattern\": \"[^a-zA-Z0-9_.-]\""));
    free(text);
}

/* The generator beyond the report: names made safe and kept apart, and a
 * struct that refers back to the root. */
typedef struct node {
    int unused;
} node;

static const bc_schema root_schema;

static const bc_field leaf_a_fields[] = {
    {.key = "v", .kind = BC_FIELD_INT, .doc = "A"},
};
static const bc_schema leaf_a = {
    BC_SCHEMA("a leaf", node, leaf_a_fields,
              "first")};
static const bc_schema leaf_b = {
    BC_SCHEMA("a/leaf", node, leaf_a_fields,
              "second")};

static const bc_field root_fields[] = {
    {.key = "one", .kind = BC_FIELD_OBJECT, .flags = BC_REQUIRED,
     .schema = &leaf_a, .doc = "1"},
    {.key = "two", .kind = BC_FIELD_LIST, .flags = BC_NONEMPTY,
     .schema = &leaf_b, .doc = "2"},
    {.key = "self", .kind = BC_FIELD_OBJECT, .schema = &root_schema,
     .doc = "3"},
};
static const bc_schema root_schema = {
    BC_SCHEMA("tiny tree", node, root_fields,
              "root")};

static void test_names(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    bc_schema_json_write(&root_schema, &out);
    assert_non_null(strstr(out.ptr, "schema/tiny_tree.schema.json\""));
    assert_non_null(strstr(out.ptr, "\"$ref\": \"#/$defs/a_leaf\""));
    assert_non_null(strstr(out.ptr, "\"$ref\": \"#/$defs/a_leaf_2\""));
    assert_non_null(strstr(out.ptr, "\"$ref\": \"#\""));
    assert_null(strstr(out.ptr, "blocks")); /* no narrative, no defs */
    assert_int_equal(count(out.ptr, "\"additionalProperties\": false"), 3);
    bc_buf_fini(&out);
}

int main(void)
{
    /* Our lines between cmocka's (on stderr) in the order they happen. */
    setvbuf(stdout, NULL, _IONBF, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_and_deterministic),
        cmocka_unit_test(test_valid_schema),
        cmocka_unit_test(test_valid_files_pass),
        cmocka_unit_test(test_bad_fixtures_fail),
        cmocka_unit_test(test_edits_agree),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests_name("schema_json", tests, NULL, NULL);
}
