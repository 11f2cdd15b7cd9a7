/* test_yaml_load.c - the YAML loader: tree shape, marks, schema, errors. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/yaml_load.h"
#include "yaml_cases.h"

/* Loads text (len bytes) as "t.yaml"; returns the root or NULL, and the
 * diagnostics formatted one a line in *diags_text (malloc'd). */
static bc_value *load(bc_arena *arena, const char *text, size_t len,
                      const bc_yaml_options *opts, char **diags_text)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_value *root = bc_yaml_load(arena, "t.yaml", text, len, opts, &diags);
    bc_buf out = BC_BUF_INIT;
    for (size_t i = 0; i < diags.count; i++) {
        bc_diag_format(&diags.items[i], &out);
        bc_buf_putc(&out, '\n');
    }
    bc_diags_fini(&diags);
    *diags_text = bc_buf_detach(&out, NULL);
    return root;
}

static void assert_pos(const bc_value *v, int line, int col)
{
    assert_non_null(v);
    assert_int_equal(v->line, line);
    assert_int_equal(v->col, col);
}

static const char tree_text[] = "# a comment\n"
                                "year: 2023\n"
                                "agency:\n"
                                "  name: \"UBND huyện Bình Sơn\"\n"
                                "  recipients:\n"
                                "    - Sở Ngoại vụ\n"
                                "    - {id: vt, copies: 2}\n"
                                "empty: []\n";

/* The tree of tree_text, in arena; no diagnostics. */
static bc_value *load_tree(bc_arena *arena)
{
    char *diags;
    bc_value *root = load(arena, tree_text, strlen(tree_text), NULL, &diags);
    assert_string_equal(diags, "");
    free(diags);
    assert_non_null(root);
    return root;
}

/* The root mapping stands at its first key, past the comment. */
static void test_root_mapping(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *root = load_tree(arena);
    assert_int_equal(root->kind, BC_VALUE_MAP);
    assert_pos(root, 2, 1);
    assert_int_equal(root->as.map.count, 3);
    bc_arena_free(arena);
}

/* Keys keep file order and their own marks. */
static void test_keys_keep_order_and_marks(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *root = load_tree(arena);
    assert_string_equal(root->as.map.members[0].key->as.string.ptr, "year");
    assert_pos(root->as.map.members[0].key, 2, 1);
    assert_string_equal(root->as.map.members[1].key->as.string.ptr, "agency");
    assert_pos(root->as.map.members[1].key, 3, 1);
    assert_string_equal(root->as.map.members[2].key->as.string.ptr, "empty");
    assert_pos(root->as.map.members[2].key, 8, 1);
    bc_arena_free(arena);
}

static void test_scalar_value_and_mark(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *year = bc_value_map_get(load_tree(arena), "year");
    assert_int_equal(year->kind, BC_VALUE_INT);
    assert_int_equal(year->as.integer, 2023);
    assert_pos(year, 2, 7);
    bc_arena_free(arena);
}

/* A block mapping stands at its first key; a quoted string at its quote. */
static void test_nested_mapping(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *agency = bc_value_map_get(load_tree(arena), "agency");
    assert_int_equal(agency->kind, BC_VALUE_MAP);
    assert_pos(agency, 4, 3);
    bc_value *name = bc_value_map_get(agency, "name");
    assert_int_equal(name->kind, BC_VALUE_STRING);
    assert_string_equal(name->as.string.ptr, "UBND huyện Bình Sơn");
    assert_int_equal(name->as.string.len, strlen("UBND huyện Bình Sơn"));
    assert_pos(name, 4, 9);
    bc_arena_free(arena);
}

/* Columns count characters, not bytes: "Sở" is one column per letter. */
static void test_sequence_marks(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *agency = bc_value_map_get(load_tree(arena), "agency");
    bc_value *rec = bc_value_map_get(agency, "recipients");
    assert_int_equal(rec->kind, BC_VALUE_SEQ);
    assert_int_equal(rec->as.seq.count, 2);
    assert_pos(rec, 6, 5);
    assert_string_equal(rec->as.seq.items[0]->as.string.ptr, "Sở Ngoại vụ");
    assert_pos(rec->as.seq.items[0], 6, 7);
    bc_arena_free(arena);
}

static void test_flow_mapping_marks(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *agency = bc_value_map_get(load_tree(arena), "agency");
    bc_value *flow = bc_value_map_get(agency, "recipients")->as.seq.items[1];
    assert_int_equal(flow->kind, BC_VALUE_MAP);
    assert_pos(flow, 7, 7);
    assert_pos(bc_value_map_get(flow, "copies"), 7, 24);
    assert_int_equal(bc_value_map_get(flow, "copies")->as.integer, 2);
    bc_arena_free(arena);
}

static void test_empty_sequence(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_value *empty = bc_value_map_get(load_tree(arena), "empty");
    assert_int_equal(empty->kind, BC_VALUE_SEQ);
    assert_int_equal(empty->as.seq.count, 0);
    bc_arena_free(arena);
}

/* Every collection under v holds an array of exactly its size. */
static void assert_exact(const bc_value *v)
{
    if (v->kind == BC_VALUE_SEQ) {
        assert_int_equal(v->as.seq.cap, v->as.seq.count);
        for (uint32_t i = 0; i < v->as.seq.count; i++)
            assert_exact(v->as.seq.items[i]);
    } else if (v->kind == BC_VALUE_MAP) {
        assert_int_equal(v->as.map.cap, v->as.map.count);
        for (uint32_t i = 0; i < v->as.map.count; i++)
            assert_exact(v->as.map.members[i].value);
    }
}

/* Collections open inside one another each get their own items and
 * members, in order, in arrays of their size: a list of five mappings
 * between two keys of the root, one of nine keys (indexed), one holding
 * a list of its own; an alias shares a finished collection. */
static void test_nested_collections_exact(void **state)
{
    (void)state;
    static const char text[] =
        "first: 1\n"
        "rows:\n"
        "  - {a: 1}\n"
        "  - &nine {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n"
        "  - [x, [y, z], w]\n"
        "  - {list: [1, 2, 3, 4, 5, 6, 7, 8, 9], after: true}\n"
        "  - *nine\n"
        "last: [q]\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    free(diags);
    assert_non_null(root);
    assert_exact(root);
    assert_int_equal(root->as.map.count, 3);
    assert_int_equal(bc_value_map_get(root, "first")->as.integer, 1);
    assert_string_equal(
        bc_value_map_get(root, "last")->as.seq.items[0]->as.string.ptr, "q");
    const bc_value *rows = bc_value_map_get(root, "rows");
    assert_int_equal(rows->as.seq.count, 5);
    const bc_value *nine = rows->as.seq.items[1];
    assert_true(bc_value_map_indexed(nine));
    assert_int_equal(bc_value_map_get(nine, "i")->as.integer, 9);
    assert_ptr_equal(rows->as.seq.items[4], nine);
    const bc_value *inner = rows->as.seq.items[2];
    assert_int_equal(inner->as.seq.count, 3);
    assert_string_equal(inner->as.seq.items[1]->as.seq.items[1]->as.string.ptr,
                        "z");
    assert_string_equal(inner->as.seq.items[2]->as.string.ptr, "w");
    const bc_value *list = bc_value_map_get(rows->as.seq.items[3], "list");
    assert_int_equal(list->as.seq.count, 9);
    assert_int_equal(list->as.seq.items[8]->as.integer, 9);
    const bc_value *after = bc_value_map_get(rows->as.seq.items[3], "after");
    assert_int_equal(after->kind, BC_VALUE_BOOL);
    assert_true(after->as.boolean);
    bc_arena_free(arena);
}

/* An empty collection that ends before anything was pushed on the
 * loader's stacks ("[]" alone, "{}" alone, or as the first value): empty,
 * exact (fuzz_yaml under clang's UBSan found an offset added to the null
 * stack; the inputs are seeds of tests/fuzz/corpus/yaml too). */
static void test_first_collection_empty(void **state)
{
    (void)state;
    static const char *const texts[] = {"[]", "{}", "a: []\n", "- {}\n"};
    for (size_t i = 0; i < 4; i++) {
        bc_arena *arena = bc_arena_new();
        char *diags;
        bc_value *root = load(arena, texts[i], strlen(texts[i]), NULL, &diags);
        assert_string_equal(diags, "");
        free(diags);
        assert_non_null(root);
        assert_exact(root);
        const bc_value *inner =
            i == 2   ? bc_value_map_get(root, "a")
            : i == 3 ? root->as.seq.items[0]
                     : root;
        assert_int_equal(inner->kind, i % 2 ? BC_VALUE_MAP : BC_VALUE_SEQ);
        assert_int_equal(inner->kind == BC_VALUE_SEQ ? inner->as.seq.count
                                                     : inner->as.map.count,
                         0);
        bc_arena_free(arena);
    }
}

static const char crlf_text[] = "tên: Quảng Ngãi\r\nsố: 92\r\n";

/* After multibyte characters, a column counts characters. */
static void test_marks_after_multibyte(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, crlf_text, strlen(crlf_text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_pos(bc_value_map_get(root, "tên"), 1, 6);
    free(diags);
    bc_arena_free(arena);
}

/* "\r\n" ends one line. */
static void test_marks_after_crlf(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, crlf_text, strlen(crlf_text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_pos(bc_value_map_get(root, "số"), 2, 5);
    assert_pos(root->as.map.members[1].key, 2, 1);
    free(diags);
    bc_arena_free(arena);
}

/* ---- YAML 1.2 core schema ---- */

typedef struct scalar_case {
    const char *yaml;
    bc_value_kind kind;
    const char *text; /* expected string, or the integer/float in text */
} scalar_case;

static const scalar_case scalar_cases[] = {
    {"~", BC_VALUE_NULL, NULL},
    {"null", BC_VALUE_NULL, NULL},
    {"Null", BC_VALUE_NULL, NULL},
    {"NULL", BC_VALUE_NULL, NULL},
    {"", BC_VALUE_NULL, NULL},
    {"nULL", BC_VALUE_STRING, "nULL"},
    {"true", BC_VALUE_BOOL, "1"},
    {"True", BC_VALUE_BOOL, "1"},
    {"FALSE", BC_VALUE_BOOL, "0"},
    {"yes", BC_VALUE_STRING, "yes"}, /* YAML 1.1 booleans are strings */
    {"on", BC_VALUE_STRING, "on"},
    {"0", BC_VALUE_INT, "0"},
    {"-17", BC_VALUE_INT, "-17"},
    {"+17", BC_VALUE_INT, "17"},
    {"017", BC_VALUE_INT, "17"}, /* 1.2: no octal without 0o */
    {"0o17", BC_VALUE_INT, "15"},
    {"0x1F", BC_VALUE_INT, "31"},
    {"9223372036854775807", BC_VALUE_INT, "9223372036854775807"},
    {"-9223372036854775808", BC_VALUE_INT, "-9223372036854775808"},
    {"1_000", BC_VALUE_STRING, "1_000"},
    {"0x", BC_VALUE_STRING, "0x"},
    {"1.5", BC_VALUE_FLOAT, "1.5"},
    {"1.210", BC_VALUE_FLOAT, "1.21"},
    {".5", BC_VALUE_FLOAT, "0.5"},
    {"1.", BC_VALUE_FLOAT, "1"},
    {"-2.5e3", BC_VALUE_FLOAT, "-2500"},
    {"1e5", BC_VALUE_FLOAT, "100000"},
    {".inf", BC_VALUE_FLOAT, ".inf"},
    {"-.Inf", BC_VALUE_FLOAT, "-.inf"},
    {".NaN", BC_VALUE_FLOAT, ".nan"},
    {".", BC_VALUE_STRING, "."},
    {"1e", BC_VALUE_STRING, "1e"},
    {"2023-12-31", BC_VALUE_STRING, "2023-12-31"},
    {"115.000.000", BC_VALUE_STRING, "115.000.000"},
    {"\"true\"", BC_VALUE_STRING, "true"},
    {"'42'", BC_VALUE_STRING, "42"},
    {"\"\"", BC_VALUE_STRING, ""},
    {"!!str 42", BC_VALUE_STRING, "42"},
    {"! 42", BC_VALUE_STRING, "42"},
    {"!!int \"42\"", BC_VALUE_INT, "42"},
    {"!!float 1", BC_VALUE_FLOAT, "1"},
    {"!!bool 'true'", BC_VALUE_BOOL, "1"},
    {"!!null ''", BC_VALUE_NULL, NULL},
    {"\"a\\0b\"", BC_VALUE_STRING, "a"}, /* length checked below */
};

static void check_scalar(const scalar_case *c)
{
    bc_buf text = BC_BUF_INIT;
    bc_buf_printf(&text, "v: %s\n", c->yaml);
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text.ptr, text.len, NULL, &diags);
    if (!root)
        fail_msg("%s: %s", c->yaml, diags);
    bc_value *v = bc_value_map_get(root, "v");
    if (v->kind != c->kind)
        fail_msg("%s: kind %s, expected %s", c->yaml,
                 bc_value_kind_name(v->kind), bc_value_kind_name(c->kind));
    char num[64];
    switch (v->kind) {
    case BC_VALUE_BOOL:
        assert_string_equal(v->as.boolean ? "1" : "0", c->text);
        break;
    case BC_VALUE_INT:
        snprintf(num, sizeof num, "%lld", (long long)v->as.integer);
        assert_string_equal(num, c->text);
        break;
    case BC_VALUE_FLOAT:
        bc_format_double(v->as.number, num);
        assert_string_equal(num, c->text);
        break;
    case BC_VALUE_STRING:
        assert_string_equal(v->as.string.ptr, c->text);
        break;
    default:
        break;
    }
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

static void test_core_schema(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof scalar_cases / sizeof scalar_cases[0]; i++)
        check_scalar(&scalar_cases[i]);
}

static void test_string_with_nul_escape_keeps_length(void **state)
{
    (void)state;
    static const char text[] = "v: \"a\\0b\"\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *v = bc_value_map_get(load(arena, text, strlen(text), NULL,
                                        &diags), "v");
    assert_int_equal(v->as.string.len, 3);
    assert_memory_equal(v->as.string.ptr, "a\0b", 3);
    free(diags);
    bc_arena_free(arena);
}

/* Decomposed marks (as some systems type them) become NFC in keys, so
 * "Việt" typed two ways is one key. */
static void test_keys_are_nfc(void **state)
{
    (void)state;
    static const char text[] = "Vie\xCC\xA3\xCC\x82t: \"Vie\xCC\xA3\xCC\x82t "
                               "Nam\"\nViệt: x\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_null(root);
    assert_string_equal(diags, "t.yaml:2:1: error: duplicate key \"Việt\" "
                               "(first defined at 1:1)\n");
    free(diags);
    bc_arena_free(arena);
}

static void test_values_are_nfc(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    char *diags;
    static const char value[] = "a: \"Vie\xCC\xA3\xCC\x82t Nam\"\n";
    bc_value *root = load(arena, value, strlen(value), NULL, &diags);
    assert_string_equal(diags, "");
    assert_string_equal(bc_value_map_get(root, "a")->as.string.ptr,
                        "Việt Nam");
    free(diags);
    bc_arena_free(arena);
}

/* A text that NFC makes longer (U+0F9D, a composition exclusion, becomes
 * U+0F9C U+0FB7): the source the positions refer to is the longer NFC
 * text, with or without a byte-order mark before it (found by fuzz_docx:
 * the loader computed a pointer before the data). */
static void test_source_longer_after_nfc(void **state)
{
    (void)state;
    static const char *const texts[] = {"#\xE0\xBE\x9Ds~\n_oA",
                                        "\xEF\xBB\xBF#\xE0\xBE\x9Ds~\n_oA"};
    for (size_t i = 0; i < 2; i++) {
        bc_arena *arena = bc_arena_new();
        bc_diags diags;
        bc_diags_init(&diags);
        bc_yaml_source source;
        bc_value *root = bc_yaml_load_source(arena, "t.yaml", texts[i],
                                             strlen(texts[i]), NULL, &diags,
                                             &source);
        assert_non_null(root);
        assert_string_equal(root->as.string.ptr, "_oA");
        assert_string_equal(source.text,
                            "#\xE0\xBE\x9C\xE0\xBE\xB7s~\n_oA");
        assert_int_equal(source.len, 13);
        bc_diags_fini(&diags);
        bc_arena_free(arena);
    }
}

static void test_scalar_root(void **state)
{
    (void)state;
    static const char text[] = "hello\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_int_equal(root->kind, BC_VALUE_STRING);
    assert_string_equal(root->as.string.ptr, "hello");
    free(diags);
    bc_arena_free(arena);
}

/* A byte-order mark is skipped and takes no column. */
static void test_byte_order_mark(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBFhello\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_string_equal(root->as.string.ptr, "hello");
    assert_pos(root, 1, 1);
    free(diags);
    bc_arena_free(arena);
}

static void test_alias_shares_node(void **state)
{
    (void)state;
    static const char text[] = "base: &b {x: 1}\ncopy: *b\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_ptr_equal(bc_value_map_get(root, "base"),
                     bc_value_map_get(root, "copy"));
    free(diags);
    bc_arena_free(arena);
}

static void test_unknown_tags_kept_on_request(void **state)
{
    (void)state;
    static const char text[] = "f: !code {js: x}\ng: !x 12\n";
    bc_yaml_options opts = bc_yaml_default_options();
    opts.keep_unknown_tags = true;
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), &opts, &diags);
    assert_string_equal(diags, "");
    assert_string_equal(bc_value_tag(bc_value_map_get(root, "f")), "!code");
    assert_int_equal(bc_value_map_get(root, "f")->kind, BC_VALUE_MAP);
    assert_string_equal(bc_value_tag(bc_value_map_get(root, "g")), "!x");
    assert_int_equal(bc_value_map_get(root, "g")->kind, BC_VALUE_INT);
    free(diags);
    bc_arena_free(arena);
}

/* ---- errors: exact message, line and column ---- */

static void check_error(const yaml_error_case *c)
{
    bc_buf text = BC_BUF_INIT;
    yaml_error_case_text(c, &text);
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text.ptr, text.len, NULL, &diags);
    if (strcmp(diags, c->expected) != 0)
        fail_msg("%s:\n  got:      %s  expected: %s", c->name, diags,
                 c->expected);
    assert_null(root);
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < yaml_error_case_count; i++)
        check_error(&yaml_error_cases[i]);
}

/* ---- limits against hostile input ---- */

static void test_billion_laughs(void **state)
{
    (void)state;
    bc_buf text = BC_BUF_INIT;
    bc_buf_puts(&text, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'j'; c++) {
        bc_buf_printf(&text, "%c: &%c [", c, c);
        for (int i = 0; i < 9; i++)
            bc_buf_printf(&text, "%s*%c", i ? ", " : "", c - 1);
        bc_buf_puts(&text, "]\n");
    }
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text.ptr, text.len, NULL, &diags);
    assert_null(root);
    /* Stops at the alias that crosses the limit, in the 7th line, having
     * built a few hundred nodes, not a billion. */
    assert_string_equal(diags,
                        "t.yaml:7:8: error: the document expands to more "
                        "than 1000000 nodes (the limit); aliases repeat too "
                        "much (a \"billion laughs\" file?)\n");
    assert_true(bc_arena_used(arena) < 256 * 1024);
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

static void test_depth_limit_stops_early(void **state)
{
    (void)state;
    /* 100 000 levels take libyaml half a minute; the limit stops at 65. */
    bc_buf text = BC_BUF_INIT;
    for (int i = 0; i < 100000; i++)
        bc_buf_putc(&text, '[');
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text.ptr, text.len, NULL, &diags);
    assert_null(root);
    assert_string_equal(diags, "t.yaml:1:65: error: nesting is deeper than "
                               "the limit of 64 levels\n");
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

static void test_alias_cannot_bypass_depth(void **state)
{
    (void)state;
    bc_yaml_options opts = bc_yaml_default_options();
    opts.max_depth = 4;
    static const char text[] = "a: &a [[[1]]]\nb: [*a]\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    assert_null(load(arena, text, strlen(text), &opts, &diags));
    assert_string_equal(diags, "t.yaml:2:5: error: alias *a nests deeper "
                               "than the limit of 4 levels\n");
    free(diags);
    bc_arena_free(arena);
}

static bc_yaml_options small_limits(void)
{
    bc_yaml_options opts = bc_yaml_default_options();
    opts.max_file_size = 16;
    opts.max_scalar = 8;
    return opts;
}

/* An alias whose collection ends exactly at the depth limit is fine. */
static void test_alias_at_the_depth_limit(void **state)
{
    (void)state;
    bc_yaml_options opts = bc_yaml_default_options();
    opts.max_depth = 4;
    static const char text[] = "a: &a [[[1]]]\nb: *a\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), &opts, &diags);
    assert_string_equal(diags, "");
    assert_ptr_equal(bc_value_map_get(root, "b"), bc_value_map_get(root, "a"));
    free(diags);
    bc_arena_free(arena);
}

static void test_file_past_the_size_limit(void **state)
{
    (void)state;
    bc_yaml_options opts = small_limits();
    bc_arena *arena = bc_arena_new();
    char *diags;
    static const char big[] = "a: 0123456789abc\n"; /* 17 bytes */
    assert_null(load(arena, big, strlen(big), &opts, &diags));
    assert_string_equal(diags, "t.yaml:1:1: error: file is larger than the "
                               "limit of 16 bytes\n");
    free(diags);
    bc_arena_free(arena);
}

static void test_file_of_the_size_limit(void **state)
{
    (void)state;
    bc_yaml_options opts = small_limits();
    bc_arena *arena = bc_arena_new();
    char *diags;
    static const char text[] = "[1, 2, 3, 4, 5]\n"; /* 16 bytes */
    bc_value *root = load(arena, text, strlen(text), &opts, &diags);
    assert_string_equal(diags, "");
    assert_non_null(root);
    free(diags);
    bc_arena_free(arena);
}

static void test_scalar_past_the_size_limit(void **state)
{
    (void)state;
    bc_yaml_options opts = small_limits();
    bc_arena *arena = bc_arena_new();
    char *diags;
    static const char long_scalar[] = "a: 123456789\n";
    assert_null(load(arena, long_scalar, strlen(long_scalar), &opts, &diags));
    assert_string_equal(diags, "t.yaml:1:4: error: text is longer than the "
                               "limit of 8 bytes\n");
    free(diags);
    bc_arena_free(arena);
}

static void test_scalar_of_the_size_limit(void **state)
{
    (void)state;
    bc_yaml_options opts = small_limits();
    bc_arena *arena = bc_arena_new();
    char *diags;
    static const char text[] = "a: 12345678\n";
    bc_value *root = load(arena, text, strlen(text), &opts, &diags);
    assert_string_equal(diags, "");
    assert_int_equal(bc_value_map_get(root, "a")->as.integer, 12345678);
    free(diags);
    bc_arena_free(arena);
}

static void test_node_limit_counts_plain_nodes(void **state)
{
    (void)state;
    bc_yaml_options opts = bc_yaml_default_options();
    opts.max_nodes = 5;
    static const char text[] = "[1, 2, 3, 4, 5]\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    assert_null(load(arena, text, strlen(text), &opts, &diags));
    assert_string_equal(diags,
                        "t.yaml:1:14: error: the document has more than 5 "
                        "nodes (the limit)\n");
    free(diags);
    bc_arena_free(arena);
}

/* A few aliases of one long string stand for gigabytes of output: the
 * text budget stops them, however few the nodes. */
static void test_text_budget_counts_aliased_strings(void **state)
{
    (void)state;
    bc_buf text = BC_BUF_INIT;
    bc_buf_puts(&text, "a: &a \"");
    for (int i = 0; i < 1000000; i++)
        bc_buf_putc(&text, 'x');
    bc_buf_puts(&text, "\"\nb:\n");
    for (int i = 0; i < 100; i++)
        bc_buf_puts(&text, "  - *a\n");
    bc_arena *arena = bc_arena_new();
    char *diags;
    assert_null(load(arena, text.ptr, text.len, NULL, &diags));
    /* The total, not each node: 1 MB and 16 aliases of it pass 16 MiB. */
    assert_string_equal(diags,
                        "t.yaml:18:5: error: the document expands to more "
                        "than 16777216 bytes of text (the limit); aliases "
                        "repeat too much (a \"billion laughs\" file?)\n");
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

/* An anchored key, aliased as a value, gives its text. */
static void test_anchor_on_key(void **state)
{
    (void)state;
    static const char text[] = "&k name: 1\nother: *k\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_string_equal(bc_value_map_get(root, "other")->as.string.ptr,
                        "name");
    free(diags);
    bc_arena_free(arena);
}

/* The alias key keeps the anchored text, as a plain key would. */
static void test_alias_as_key(void **state)
{
    (void)state;
    static const char text[] = "n: &n 01\n*n : x\n";
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text, strlen(text), NULL, &diags);
    assert_string_equal(diags, "");
    assert_int_equal(bc_value_map_get(root, "n")->as.integer, 1);
    assert_string_equal(bc_value_map_get(root, "01")->as.string.ptr, "x");
    free(diags);
    bc_arena_free(arena);
}

/* Many keys stay fast: the keyed hash cannot be flooded by chosen keys;
 * here we check that a large mapping loads and keeps every key. */
static void test_large_mapping(void **state)
{
    (void)state;
    bc_buf text = BC_BUF_INIT;
    for (int i = 0; i < 200000; i++)
        bc_buf_printf(&text, "k%d: %d\n", i, i);
    bc_arena *arena = bc_arena_new();
    char *diags;
    bc_value *root = load(arena, text.ptr, text.len, NULL, &diags);
    assert_string_equal(diags, "");
    assert_int_equal(root->as.map.count, 200000);
    assert_int_equal(bc_value_map_get(root, "k199999")->as.integer, 199999);
    free(diags);
    bc_buf_fini(&text);
    bc_arena_free(arena);
}

static void test_load_missing_file(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    assert_null(bc_yaml_load_file(arena, "/nonexistent/x.yaml", NULL, &diags));
    assert_int_equal(diags.status, BC_EX_NOINPUT);
    assert_string_equal(diags.items[0].message,
                        "cannot open: No such file or directory");
    assert_string_equal(diags.items[0].file, "/nonexistent/x.yaml");
    bc_diags_fini(&diags);
    bc_arena_free(arena);
}

/* A file's errors name the file. */
static void test_load_file_errors_name_it(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    static const char text[] = "a: [1,\n";
    char *path = tu_temp_file(text, strlen(text), ".yaml");
    assert_null(bc_yaml_load_file(arena, path, NULL, &diags));
    assert_int_equal(diags.status, BC_EX_DATAERR);
    assert_string_equal(diags.items[0].file, path);
    assert_int_equal(diags.items[0].line, 2);
    remove(path);
    free(path);
    bc_diags_fini(&diags);
    bc_arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_root_mapping),
        cmocka_unit_test(test_keys_keep_order_and_marks),
        cmocka_unit_test(test_scalar_value_and_mark),
        cmocka_unit_test(test_nested_mapping),
        cmocka_unit_test(test_sequence_marks),
        cmocka_unit_test(test_flow_mapping_marks),
        cmocka_unit_test(test_empty_sequence),
        cmocka_unit_test(test_nested_collections_exact),
        cmocka_unit_test(test_first_collection_empty),
        cmocka_unit_test(test_marks_after_multibyte),
        cmocka_unit_test(test_marks_after_crlf),
        cmocka_unit_test(test_core_schema),
        cmocka_unit_test(test_string_with_nul_escape_keeps_length),
        cmocka_unit_test(test_keys_are_nfc),
        cmocka_unit_test(test_values_are_nfc),
        cmocka_unit_test(test_source_longer_after_nfc),
        cmocka_unit_test(test_scalar_root),
        cmocka_unit_test(test_byte_order_mark),
        cmocka_unit_test(test_alias_shares_node),
        cmocka_unit_test(test_unknown_tags_kept_on_request),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_depth_limit_stops_early),
        cmocka_unit_test(test_alias_cannot_bypass_depth),
        cmocka_unit_test(test_alias_at_the_depth_limit),
        cmocka_unit_test(test_file_past_the_size_limit),
        cmocka_unit_test(test_file_of_the_size_limit),
        cmocka_unit_test(test_scalar_past_the_size_limit),
        cmocka_unit_test(test_scalar_of_the_size_limit),
        cmocka_unit_test(test_node_limit_counts_plain_nodes),
        cmocka_unit_test(test_text_budget_counts_aliased_strings),
        cmocka_unit_test(test_anchor_on_key),
        cmocka_unit_test(test_alias_as_key),
        cmocka_unit_test(test_large_mapping),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_load_file_errors_name_it),
    };
    return cmocka_run_group_tests_name("yaml_load", tests, NULL, NULL);
}
