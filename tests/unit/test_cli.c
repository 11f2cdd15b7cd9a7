/* test_cli.c - the bcreport binary: commands, output, exit statuses. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "yaml_cases.h"

typedef struct cli_case {
    const char *name;
    const char *args[6];
    const char *input;    /* standard input, or NULL */
    int status;
    const char *out;      /* exact standard output, or NULL: not checked */
    const char *err;      /* exact standard error */
} cli_case;

static const cli_case cases[] = {
    {"dump from stdin", {"dump", "-"}, "a: 1\nb: [x, 2.50]\n", 0,
     "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    2.5\n  ]\n}\n", ""},
    {"dump --help", {"dump", "--help"}, NULL, 0, NULL, ""},
    {"dump -h after the file", {"dump", "x.yaml", "-h"}, NULL, 0, NULL, ""},
    {"-- ends the options", {"dump", "--", "-"}, "a: 1\n", 0,
     "{\n  \"a\": 1\n}\n", ""},
    {"a value for an option that takes none", {"--help=x"}, NULL, 64, "",
     "bcreport: error: option \"--help\" takes no value\n"
     "Try 'bcreport --help'.\n"},
    {"a misspelt command", {"chek", "x.yaml"}, NULL, 64, "",
     "bcreport: error: unknown command \"chek\"; did you mean \"check\"?\n"
     "Try 'bcreport --help'.\n"},
    {"a misspelt option of the command", {"build", "--outptu=x.md", "x.yaml"},
     NULL, 64, "",
     "bcreport: error: unknown option \"--outptu=x.md\"; did you mean "
     "\"--output\"?\nTry 'bcreport --help'.\n"},
    {"a misspelt global option", {"--colr=never", "check"}, NULL, 64, "",
     "bcreport: error: unknown option \"--colr=never\"; did you mean "
     "\"--color\"?\nTry 'bcreport --help'.\n"},
    {"--color after the command", {"dump", "--color=always", "-"},
     "a: 1\na: 2\n", 65, "",
     "\033[1m<stdin>:2:1:\033[0m \033[1;31merror:\033[0m duplicate key "
     "\"a\" (first defined at 1:1)\n"},
    {"--quiet after the command keeps errors", {"dump", "-", "--quiet"},
     "a: 1\na: 2\n", 65, "",
     "<stdin>:2:1: error: duplicate key \"a\" (first defined at 1:1)\n"},
    {"--color WHEN after the file", {"dump", "-", "--color", "sometimes"},
     "a: 1\n", 64, "",
     "bcreport: error: --color takes auto, always or never, not "
     "\"sometimes\"\nTry 'bcreport --help'.\n"},
    {"--color after -- is a file", {"dump", "--", "--color=never"}, NULL, 66,
     "", "--color=never: error: cannot open: No such file or directory\n"},
    {"--color without its value", {"--color"}, NULL, 64, "",
     "bcreport: error: option \"--color\" needs a value\n"
     "Try 'bcreport --help'.\n"},
    {"version", {"--version"}, NULL, 0, "bcreport 0.1.0\n", ""},
    {"no command", {NULL}, NULL, 64, "", NULL},
    {"unknown command", {"frobnicate"}, NULL, 64, "",
     "bcreport: error: unknown command \"frobnicate\"\n"
     "Try 'bcreport --help'.\n"},
    {"unknown global option", {"--frob"}, NULL, 64, "",
     "bcreport: error: unknown option \"--frob\"\nTry 'bcreport --help'.\n"},
    {"unknown short option", {"dump", "-x", "f"}, NULL, 64, "",
     "bcreport: error: unknown option \"-x\"\nTry 'bcreport --help'.\n"},
    {"bad --color value", {"--color=pink", "dump", "-"}, NULL, 64, "",
     "bcreport: error: --color takes auto, always or never, not \"pink\"\n"
     "Try 'bcreport --help'.\n"},
    {"dump without a file", {"dump"}, NULL, 64, "",
     "bcreport: error: dump needs a FILE (\"-\" for standard input)\n"
     "Try 'bcreport --help'.\n"},
    {"dump with two files", {"dump", "a", "b"}, NULL, 64, "",
     "bcreport: error: dump takes one FILE\nTry 'bcreport --help'.\n"},
    {"help of an unknown command", {"help", "nope"}, NULL, 64, "",
     "bcreport: error: unknown command \"nope\"\nTry 'bcreport --help'.\n"},
    {"missing file", {"dump", "/nonexistent/2023.yaml"}, NULL, 66, "",
     "/nonexistent/2023.yaml: error: cannot open: No such file or "
     "directory\n"},
    {"a folder", {"dump", "/"}, NULL, 66, "",
     "/: error: cannot open: Is a directory\n"},
    {"duplicate key", {"dump", "-"}, "year: 2023\nyear: 2024\n", 65, "",
     "<stdin>:2:1: error: duplicate key \"year\" (first defined at 1:1)\n"},
    {"syntax error", {"dump", "-"}, "a: [1\n", 65, "",
     "<stdin>:1:4: error: this [ opens a list that is never closed; if the "
     "text only starts with [, put it in double quotes: a: \"[1\" (libyaml: "
     "did not find expected ',' or ']' (while parsing a flow sequence that "
     "started at 1:4))\n"},
    {"invalid UTF-8", {"dump", "-"}, "a: \xFF\n", 65, "",
     "<stdin>:1:4: error: invalid UTF-8 (byte 0xFF); save the file as "
     "UTF-8\n"},
    {"empty input", {"dump", "-"}, "", 65, "",
     "<stdin>:1:1: error: the file is empty\n"},
    {"second document", {"dump", "-"}, "a: 1\n---\nb: 1\n", 65, "",
     "<stdin>:2:1: error: a second YAML document starts here; a bcreport "
     "file holds one document\n"},
    {"unknown tag", {"dump", "-"}, "a: !x 1\n", 65, "",
     "<stdin>:1:4: error: unknown tag !x; if the text only starts with !, "
     "put it in double quotes: a: \"!x 1\"\n"},
    {"text starting with &", {"dump", "-"}, "a:\n  - &UBND xã báo cáo\n", 0,
     "{\n  \"a\": [\n    \"xã báo cáo\"\n  ]\n}\n",
     "<stdin>:2:5: warning: \"&UBND\" was read as an anchor, not as text, so "
     "the text here is only \"xã báo cáo\"; if the & belongs to the text, "
     "put all of it in double quotes\n"},
    {"an anchor that is used is no mistake", {"dump", "-"},
     "a: &k x\nb: *k\n", 0, "{\n  \"a\": \"x\",\n  \"b\": \"x\"\n}\n", ""},
    {"merge key", {"dump", "-"}, "<<: {a: 1}\n", 65, "",
     "<stdin>:1:1: error: merge keys (<<) are not supported; write the keys "
     "out in full\n"},
    {"alias cycle", {"dump", "-"}, "a: &x [*x]\n", 65, "",
     "<stdin>:1:8: error: alias *x refers to a collection that contains it "
     "(a cycle)\n"},
    {"render: partials from the template's folder, CRLF kept",
     {"render", "tests/fixtures/render/report.mustache",
      "tests/fixtures/render/data.yaml"},
     NULL, 0,
     "Kính gửi: Sở Ngoại vụ.\r\nPhạm Quang Sự\n1. Như trên;\n"
     "2. TT Huyện ủy;\n3. Lưu: VT.\n", ""},
    {"render: -P chooses the partials folder",
     {"render", "-P", "tests/fixtures/render/parts",
      "tests/fixtures/render/report.mustache",
      "tests/fixtures/render/data.yaml"},
     NULL, 0,
     "Kính gửi: Sở Ngoại vụ.\r\n<Phạm Quang Sự>\n1. Như trên;\n"
     "2. TT Huyện ủy;\n3. Lưu: VT.\n", ""},
    {"render: data from stdin",
     {"render", "tests/fixtures/render/report.mustache", "-"},
     "recipient: A & B\nsigner: X\nitems: []\n", 0,
     "Kính gửi: A &amp; B.\r\nX\n", ""},
    {"render: markdown escaping for a .md template",
     {"render", "tests/fixtures/render/note.md.mustache",
      "tests/fixtures/render/data.yaml"},
     NULL, 0,
     "# Báo cáo \\*năm\\* 2023\n\n\\# not a heading \\& \\<b>not "
     "html\\</b>\n", ""},
    {"render: markdown escaping for a template named *.md",
     {"render", "tests/fixtures/render/body.md",
      "tests/fixtures/render/data.yaml"},
     NULL, 0, "\\# not a heading \\& \\<b>not html\\</b>\n", ""},
    {"render: HTML escaping for any other template",
     {"render", "tests/fixtures/render/report.mustache", "-"},
     "recipient: \"<b>\"\nsigner: \"'x'\"\nitems: []\n", 0,
     "Kính gửi: &lt;b&gt;.\r\n&#39;x&#39;\n", ""},
    {"render with two DATA files",
     {"render", "tests/fixtures/render/report.mustache",
      "tests/fixtures/render/data.yaml", "tests/fixtures/render/data.yaml"},
     NULL, 64, "",
     "bcreport: error: render takes a TEMPLATE and at most one DATA file\n"
     "Try 'bcreport --help'.\n"},
    {"a file that cannot be read", {"dump", "/proc/self/mem"}, NULL, 74, "",
     "/proc/self/mem: error: cannot read: Input/output error\n"},
    {"render: --escape=none",
     {"render", "--escape=none", "tests/fixtures/render/note.md.mustache",
      "tests/fixtures/render/data.yaml"},
     NULL, 0,
     "# Báo cáo *năm* 2023\n\n# not a heading & <b>not html</b>\n", ""},
    {"render: the spec renders unknown names as nothing",
     {"render", "tests/fixtures/render/strict.mustache"}, NULL, 0,
     "x  \n", ""},
    {"render --strict: unknown names and partials are errors",
     {"render", "--strict", "tests/fixtures/render/strict.mustache"}, NULL,
     65, "",
     "tests/fixtures/render/strict.mustache:1:3: error: undefined name "
     "\"missing\"\n"
     "tests/fixtures/render/strict.mustache:1:15: error: unknown partial "
     "\"nope\"\n"},
    {"render: a template error", {"render",
     "tests/fixtures/render/unclosed.mustache"}, NULL, 65, "",
     "tests/fixtures/render/unclosed.mustache:2:1: error: unclosed section "
     "\"open\"\n"},
    {"render: a missing template", {"render", "nope.mustache"}, NULL, 66, "",
     "nope.mustache: error: cannot open: No such file or directory\n"},
    {"render: bad data", {"render", "tests/fixtures/render/report.mustache",
     "-"}, "a: [\n", 65, "",
     "<stdin>:2:1: error: did not find expected node content\n"},
    {"render: both from stdin", {"render", "-", "-"}, NULL, 64, "",
     "bcreport: error: standard input (\"-\") can be read only once\n"
     "Try 'bcreport --help'.\n"},
    {"check: standard input twice", {"check", "-", "-"}, "a: 1\n", 64, "",
     "bcreport: error: standard input (\"-\") can be read only once\n"
     "Try 'bcreport --help'.\n"},
    {"render: bad --escape", {"render", "-e", "rtf", "x"}, NULL, 64, "",
     "bcreport: error: --escape takes html, markdown or none, not \"rtf\"\n"
     "Try 'bcreport --help'.\n"},
    {"render without a template", {"render"}, NULL, 64, "",
     "bcreport: error: render needs a TEMPLATE\nTry 'bcreport --help'.\n"},
    {"colour on request", {"--color=always", "dump", "-"}, "a: 1\na: 2\n",
     65, "",
     "\033[1m<stdin>:2:1:\033[0m \033[1;31merror:\033[0m duplicate key "
     "\"a\" (first defined at 1:1)\n"},
};

static void run_case(void **state)
{
    const cli_case *c = *state;
    tu_result r;
    tu_run(&r, c->input, c->input ? strlen(c->input) : 0, c->args);
    if (!strncmp(c->name, "dump", 4) &&
        (strstr(c->name, "--help") || strstr(c->name, "-h ")))
        assert_non_null(strstr(r.out, "Usage: bcreport dump FILE"));
    if (r.status != c->status)
        fail_msg("%s: status %d, expected %d; stderr: %s", c->name, r.status,
                 c->status, r.err);
    if (c->out && strcmp(r.out, c->out) != 0)
        fail_msg("%s: stdout:\n%s\nexpected:\n%s", c->name, r.out, c->out);
    if (c->err && strcmp(r.err, c->err) != 0)
        fail_msg("%s: stderr:\n%s\nexpected:\n%s", c->name, r.err, c->err);
    tu_result_fini(&r);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" not found in:\n%s", needle, haystack);
}

/* Help lists only the commands that work, however it is asked for. */
static void test_help(void **state)
{
    (void)state;
    static const char *const variants[][3] = {
        {"--help", NULL}, {"-h", NULL}, {"help", NULL}};
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_run(&r, NULL, 0, variants[i]);
        assert_int_equal(r.status, 0);
        assert_contains(r.out, "Usage: bcreport [OPTIONS] COMMAND");
        assert_contains(r.out, "\n  dump ");
        assert_contains(r.out, "\n  help ");
        assert_contains(r.out, "\n  render ");
        assert_contains(r.out, "\n  build ");
        assert_contains(r.out, "\n  check ");
        assert_contains(r.out, "\n  schema ");
        assert_string_equal(r.err, "");
        tu_result_fini(&r);
    }
}

/* Each command has its own help. */
static void test_help_of_a_command(void **state)
{
    (void)state;
    static const char *const dump_help[] = {"help", "dump", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, dump_help);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "Usage: bcreport dump FILE");
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
}

/* The committed schema is the current one. */
static void test_schema_is_committed(void **state)
{
    (void)state;
    static const char *const args[] = {"schema", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 0);
    size_t len;
    char *committed = tu_read_file("schema/report.schema.json", &len);
    assert_non_null(committed);
    if (len != r.out_len || memcmp(committed, r.out, len) != 0)
        fail_msg("schema/report.schema.json is not `bcreport schema`'s "
                 "output: run 'make golden'");
    free(committed);
    tu_result_fini(&r);
}

/* The examples point to the schema, for editors. */
static void test_examples_point_to_the_schema(void **state)
{
    (void)state;
    static const char *const data[] = {"data/2023.yaml", "data/2025-xa.yaml",
                                       "data/2026-xa.yaml"};
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++) {
        char *text = tu_read_file(data[i], NULL);
        assert_non_null(text);
        if (strncmp(text, "# yaml-language-server: "
                          "$schema=../schema/report.schema.json\n",
                    61) != 0)
            fail_msg("%s does not start with the schema comment", data[i]);
        free(text);
    }
}

static void test_schema_takes_no_file(void **state)
{
    (void)state;
    static const char *const extra[] = {"schema", "x", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, extra);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "bcreport: error: schema takes no FILE\n"
                               "Try 'bcreport --help'.\n");
    tu_result_fini(&r);
}

static const char dump_yaml[] = "tên: \"Bình Sơn\"\nsố: 92\n";
static const char dump_json[] = "{\n  \"tên\": \"Bình Sơn\",\n  \"số\": 92\n}\n";

static void test_dump_file(void **state)
{
    (void)state;
    char *path = tu_temp_file(dump_yaml, strlen(dump_yaml), ".yaml");
    const char *by_file[] = {"dump", path, NULL};
    tu_result a;
    tu_run(&a, NULL, 0, by_file);
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, dump_json);
    assert_string_equal(a.err, "");
    remove(path);
    free(path);
    tu_result_fini(&a);
}

static void test_dump_file_matches_stdin(void **state)
{
    (void)state;
    char *path = tu_temp_file(dump_yaml, strlen(dump_yaml), ".yaml");
    const char *by_file[] = {"dump", path, NULL};
    const char *by_stdin[] = {"dump", "-", NULL};
    tu_result a, b;
    tu_run(&a, NULL, 0, by_file);
    tu_run(&b, dump_yaml, strlen(dump_yaml), by_stdin);
    assert_int_equal(b.status, 0);
    assert_string_equal(a.out, b.out);
    remove(path);
    free(path);
    tu_result_fini(&a), tu_result_fini(&b);
}

/* The same bytes on every run. */
static void test_dump_is_deterministic(void **state)
{
    (void)state;
    char *path = tu_temp_file(dump_yaml, strlen(dump_yaml), ".yaml");
    const char *by_file[] = {"dump", path, NULL};
    tu_result a, again;
    tu_run(&a, NULL, 0, by_file);
    tu_run(&again, NULL, 0, by_file);
    assert_int_equal(a.out_len, again.out_len);
    assert_memory_equal(a.out, again.out, a.out_len);
    remove(path);
    free(path);
    tu_result_fini(&a), tu_result_fini(&again);
}

/* A file's errors name the file. */
static void test_dump_errors_name_the_file(void **state)
{
    (void)state;
    static const char bad[] = "a: 1\na: 2\n";
    char *bad_path = tu_temp_file(bad, strlen(bad), ".yaml");
    const char *dump_bad[] = {"dump", bad_path, NULL};
    tu_result e;
    tu_run(&e, NULL, 0, dump_bad);
    assert_int_equal(e.status, 65);
    assert_string_equal(e.out, "");
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s:2:1: error: duplicate key \"a\" (first defined "
                         "at 1:1)\n", bad_path);
    assert_string_equal(e.err, want.ptr);
    bc_buf_fini(&want);
    remove(bad_path);
    free(bad_path);
    tu_result_fini(&e);
}

/* Every input the loader rejects makes the CLI exit 65 with exactly the
 * loader's diagnostics, named after standard input. */
static void test_every_load_error_exits_65(void **state)
{
    (void)state;
    static const char *const args[] = {"dump", "-", NULL};
    for (size_t i = 0; i < yaml_error_case_count; i++) {
        const yaml_error_case *c = &yaml_error_cases[i];
        bc_buf input = BC_BUF_INIT, want = BC_BUF_INIT;
        yaml_error_case_text(c, &input);
        for (const char *line = c->expected; *line;) {
            const char *end = strchr(line, '\n') + 1;
            bc_buf_puts(&want, "<stdin>");
            bc_buf_append(&want, line + strlen("t.yaml"),
                          (size_t)(end - line) - strlen("t.yaml"));
            line = end;
        }
        tu_result r;
        tu_run(&r, input.ptr, input.len, args);
        if (r.status != 65 || strcmp(r.err, want.ptr) != 0 || r.out_len)
            fail_msg("%s: status %d, stderr:\n%s\nexpected 65 and:\n%s",
                     c->name, r.status, r.err, want.ptr);
        tu_result_fini(&r);
        bc_buf_fini(&input);
        bc_buf_fini(&want);
    }
}

static void test_deep_nesting_exits_65(void **state)
{
    (void)state;
    static const char *const args[] = {"dump", "-", NULL};
    bc_buf deep = BC_BUF_INIT;
    for (int i = 0; i < 100000; i++)
        bc_buf_putc(&deep, '[');
    tu_result r;
    tu_run(&r, deep.ptr, deep.len, args);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, "<stdin>:1:65: error: nesting is deeper than "
                               "the limit of 64 levels\n");
    tu_result_fini(&r);
    bc_buf_fini(&deep);
}

static void test_billion_laughs_exits_65(void **state)
{
    (void)state;
    static const char *const args[] = {"dump", "-", NULL};
    bc_buf laughs = BC_BUF_INIT;
    bc_buf_puts(&laughs, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'z'; c++)
        bc_buf_printf(&laughs, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c]\n", c,
                      c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
    tu_result r;
    tu_run(&r, laughs.ptr, laughs.len, args);
    assert_int_equal(r.status, 65);
    assert_non_null(strstr(r.err, "error: the document expands to more than "
                                  "1000000 nodes"));
    tu_result_fini(&r);
    bc_buf_fini(&laughs);
}

/* A data file whose seven titles each cite the next one's title twenty
 * times (3 KB that would print gigabytes), as build, build -f html and
 * check all expand every title. */
static void fan_out_yaml(bc_buf *yaml)
{
    bc_buf_puts(yaml, TU_YAML_DOCUMENT "citations:\n");
    tu_fan_out_citations(yaml);
    bc_buf_puts(yaml, "preamble: [\"Theo [@c0 title].\"]\n"
                      "results:\n  title: KẾT QUẢ\n"
                      "  dissemination: {title: T, body: [x]}\n"
                      TU_YAML_TASKS_TO_DISTRIBUTION TU_YAML_SIGNATURE);
}

static void test_citation_fan_out_exits_65(void **state)
{
    (void)state;
    static const char error[] =
        "<stdin>:10:98: error: [@c1] makes the citations of this document "
        "print more than 1048576 bytes (the limit); does a title cite other "
        "titles many times?\n";
    static const char *const commands[][5] = {
        {"build", "-", NULL}, {"build", "-f", "html", "-", NULL},
        {"check", "-", NULL}};
    bc_buf yaml = BC_BUF_INIT;
    fan_out_yaml(&yaml);
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_run(&r, yaml.ptr, yaml.len, commands[i]);
        assert_int_equal(r.status, 65);
        assert_int_equal(r.out_len, 0);
        if (strncmp(r.err, error, strlen(error)) != 0)
            fail_msg("%s: stderr:\n%s\nexpected first:\n%s", commands[i][0],
                     r.err, error);
        tu_result_fini(&r);
    }
    bc_buf_fini(&yaml);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* "CMD -h" and "CMD --help" print what "help CMD" prints, on stdout,
 * for every command. */
static void test_help_option_of_each_command(void **state)
{
    (void)state;
    static const char *const commands[] = {"build", "check", "summary",
                                           "new",   "init",  "render",
                                           "dump",  "schema"};
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const char *help[] = {"help", commands[i], NULL};
        tu_result want;
        tu_run(&want, NULL, 0, help);
        assert_int_equal(want.status, 0);
        assert_true(want.out_len > 0);
        static const char *const flags[] = {"-h", "--help"};
        for (size_t k = 0; k < 2; k++) {
            const char *args[] = {commands[i], flags[k], NULL};
            tu_result r;
            tu_run(&r, NULL, 0, args);
            if (r.status != 0 || strcmp(r.out, want.out) != 0)
                fail_msg("%s %s: status %d, stdout:\n%s", commands[i],
                         flags[k], r.status, r.out);
            assert_string_equal(r.err, "");
            tu_result_fini(&r);
        }
        tu_result_fini(&want);
    }
}

/* render --escape names the escaping whatever the template's name: html
 * for a *.md.mustache, markdown for a *.mustache. */
static void test_render_escape_overrides_the_name(void **state)
{
    (void)state;
    static const char data[] = "x: \"<a*b> & _c_\"\n";
    char *md = tu_temp_file("{{x}}\n", 6, ".md.mustache");
    char *html = tu_temp_file("{{x}}\n", 6, ".mustache");
    const char *as_html[] = {"render", "--escape", "html", md, "-", NULL};
    const char *as_md[] = {"render", "--escape=markdown", html, "-", NULL};
    tu_result r;
    tu_run(&r, data, strlen(data), as_html);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "&lt;a*b&gt; &amp; _c_\n");
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
    tu_run(&r, data, strlen(data), as_md);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "\\<a\\*b> \\& \\_c\\_\n");
    assert_string_equal(r.err, "");
    tu_result_fini(&r);
    remove(md);
    remove(html);
    free(md);
    free(html);
}

/* summary --pdf-engine without PDF output is a usage error, nothing
 * read. */
static void test_summary_pdf_engine_needs_pdf(void **state)
{
    (void)state;
    const char *args[] = {"summary", "-f", "md", "--pdf-engine=chromium",
                          "no-such-file.yaml", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "bcreport: error: --pdf-engine goes with PDF "
                               "output (-f pdf)\nTry 'bcreport --help'.\n");
    tu_result_fini(&r);
}

/* Several files into a folder that cannot be made: status 73, the
 * folder named, nothing written. */
static void test_build_folder_cannot_be_made(void **state)
{
    (void)state;
    const char *args[] = {"build", "data/2025-xa.yaml", "data/2026-xa.yaml",
                          "-o", "/nonexistent/bcreport-out/", NULL};
    tu_result r;
    tu_run(&r, NULL, 0, args);
    assert_int_equal(r.status, 73);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "/nonexistent/bcreport-out/: error: cannot "
                               "create the folder: No such file or "
                               "directory\n");
    tu_result_fini(&r);
}

/* A misspelt option of render, init or check: the nearest one
 * suggested, status 64, as for the other commands; an option too long to
 * be one gets no suggestion. */
static void test_misspelt_options_of_each_command(void **state)
{
    (void)state;
    static const struct {
        const char *args[4];
        const char *err;
    } typos[] = {
        {{"render", "--stirct", "t.mustache", NULL},
         "bcreport: error: unknown option \"--stirct\"; did you mean "
         "\"--strict\"?\nTry 'bcreport --help'.\n"},
        {{"init", "--frm", "a.yaml", NULL},
         "bcreport: error: unknown option \"--frm\"; did you mean "
         "\"--from\"?\nTry 'bcreport --help'.\n"},
        {{"check", "--wreror", "a.yaml", NULL},
         "bcreport: error: unknown option \"--wreror\"; did you mean "
         "\"--werror\"?\nTry 'bcreport --help'.\n"},
        {{"build",
          "--outputxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
          "a.yaml", NULL},
         "bcreport: error: unknown option "
         "\"--outputxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
         "\"\nTry 'bcreport --help'.\n"},
    };
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        tu_result r;
        tu_run(&r, NULL, 0, typos[i].args);
        assert_int_equal(r.status, 64);
        assert_string_equal(r.out, "");
        assert_string_equal(r.err, typos[i].err);
        tu_result_fini(&r);
    }
}

/* --colour=always, spelt the British way, colours as --color=always
 * does, NO_COLOR notwithstanding. */
static void test_colour_spelling(void **state)
{
    (void)state;
    const char *args[] = {"--colour=always", "dump", "-", NULL};
    tu_result r;
    tu_run(&r, "a: 1\na: 2\n", 10, args);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.err, "\033[1m<stdin>:2:1:\033[0m \033[1;31merror:"
                               "\033[0m duplicate key \"a\" (first defined "
                               "at 1:1)\n");
    tu_result_fini(&r);
}

/* A write that fails (here /dev/full) is status 74, never silent. */
static void require_dev_full(void)
{
    if (access("/dev/full", W_OK) != 0) {
        fprintf(stderr, "\n*** SKIPPED: no /dev/full ***\n\n");
        skip();
    }
}

static void test_dump_write_error_is_74(void **state)
{
    (void)state;
    require_dev_full();
    assert_int_equal(tu_sh("%s", "echo 'a: 1' | \"$BCREPORT\" dump - "
                               ">/dev/full 2>/dev/null"),
                     74);
}

static void test_help_write_error_is_74(void **state)
{
    (void)state;
    require_dev_full();
    assert_int_equal(tu_sh("%s", "\"$BCREPORT\" --help >/dev/full 2>/dev/null"),
                     74);
}

static void test_version_write_error_is_74(void **state)
{
    (void)state;
    require_dev_full();
    assert_int_equal(
        tu_sh("%s", "\"$BCREPORT\" --version >/dev/full 2>/dev/null"), 74);
}

/* The failure is reported once, with its cause. */
static void test_write_error_is_reported_once(void **state)
{
    (void)state;
    require_dev_full();
    tu_result r;
    tu_shell(&r, "%s", "echo 'a: 1' | \"$BCREPORT\" dump - >/dev/full");
    assert_int_equal(r.status, 74);
    assert_string_equal(r.err, "bcreport: error: cannot write to standard "
                               "output: No space left on device\n");
    tu_result_fini(&r);
}

static void test_out_of_memory_is_71(void **state)
{
    (void)state;
    tu_skip_under_valgrind("valgrind's own memory counts against ulimit -v");
#if defined(__SANITIZE_ADDRESS__)
    skip(); /* ASan reserves terabytes of address space: ulimit -v breaks it */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    skip();
#endif
#endif
    /* A 12 MB file under a 20 MB address-space limit cannot be loaded. */
    bc_buf big = BC_BUF_INIT;
    bc_buf_puts(&big, "- ");
    for (int i = 0; i < 12 * 1024; i++) {
        char line[1024];
        memset(line, 'x', sizeof line - 1);
        line[sizeof line - 1] = '\0';
        bc_buf_puts(&big, line);
    }
    bc_buf_puts(&big, "\n");
    char *path = tu_temp_file(big.ptr, big.len, ".yaml");
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script,
                  "ulimit -v 20000; \"$BCREPORT\" dump '%s' >/dev/null "
                  "2>%s.err; s=$?; grep -qx 'bcreport: error: out of memory' "
                  "%s.err || s=1; rm -f %s.err; exit $s",
                  path, path, path, path);
    int status = tu_sh("%s", script.ptr);
    remove(path);
    free(path);
    bc_buf_fini(&script);
    bc_buf_fini(&big);
    assert_int_equal(status, 71);
}

/* A document number below 10 takes two digits on the Số line: 9 is 09,
 * as 5 is 05. */
static void test_number_nine_takes_two_digits(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "sed 's/^  number: \"5\"$/  number: \"9\"/' "
                 "data/2025-xa.yaml | \"$BCREPORT\" build -");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\nSố: 09/BC-UBND\n"));
    tu_result_fini(&r);
}

/* So does it in an appendix's reference to its report: "(Kèm theo Báo
 * cáo số 07/BC-UBND ...". */
static void test_appendix_number_takes_two_digits(void **state)
{
    (void)state;
    tu_result r;
    tu_shell(&r, "sed 's/^  number: \"\"$/  number: \"7\"/' "
                 "data/2026-xa.yaml | \"$BCREPORT\" build -");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "(Kèm theo Báo cáo số 07/BC-UBND "));
    tu_result_fini(&r);
}

int main(void)
{
    static const struct CMUnitTest more[] = {
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_help_of_a_command),
        cmocka_unit_test(test_dump_file),
        cmocka_unit_test(test_dump_file_matches_stdin),
        cmocka_unit_test(test_dump_is_deterministic),
        cmocka_unit_test(test_dump_errors_name_the_file),
        cmocka_unit_test(test_dump_write_error_is_74),
        cmocka_unit_test(test_help_write_error_is_74),
        cmocka_unit_test(test_version_write_error_is_74),
        cmocka_unit_test(test_write_error_is_reported_once),
        cmocka_unit_test(test_out_of_memory_is_71),
        cmocka_unit_test(test_every_load_error_exits_65),
        cmocka_unit_test(test_deep_nesting_exits_65),
        cmocka_unit_test(test_billion_laughs_exits_65),
        cmocka_unit_test(test_schema_is_committed),
        cmocka_unit_test(test_examples_point_to_the_schema),
        cmocka_unit_test(test_schema_takes_no_file),
        cmocka_unit_test(test_citation_fan_out_exits_65),
        cmocka_unit_test(test_help_option_of_each_command),
        cmocka_unit_test(test_render_escape_overrides_the_name),
        cmocka_unit_test(test_summary_pdf_engine_needs_pdf),
        cmocka_unit_test(test_build_folder_cannot_be_made),
        cmocka_unit_test(test_misspelt_options_of_each_command),
        cmocka_unit_test(test_colour_spelling),
        cmocka_unit_test(test_number_nine_takes_two_digits),
        cmocka_unit_test(test_appendix_number_takes_two_digits),
    };
    size_t n = sizeof cases / sizeof cases[0];
    size_t m = sizeof more / sizeof more[0];
    struct CMUnitTest *tests = calloc(n + m, sizeof *tests);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = cases[i].name;
        tests[i].test_func = run_case;
        tests[i].initial_state = (void *)&cases[i];
    }
    memcpy(tests + n, more, sizeof more);
    int failed = _cmocka_run_group_tests("cli", tests, n + m, NULL, NULL);
    free(tests);
    return failed;
}
