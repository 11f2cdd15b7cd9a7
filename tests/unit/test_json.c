/* test_json.c - JSON output and number formatting. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/json.h"
#include "bcreport/yaml_load.h"

static void test_format_double(void **state)
{
    (void)state;
    static const struct {
        double d;
        const char *text;
    } cases[] = {
        {1.21, "1.21"},     {1.0, "1"},         {0.1, "0.1"},
        {-2500, "-2500"},   {1e20, "100000000000000000000"},
        {1e21, "1e+21"},    {1e100, "1e+100"},  {1.5e-7, "1.5e-7"},
        {1e-6, "0.000001"}, {1e-7, "1e-7"}, {-1.25e-300, "-1.25e-300"}, {0.30000000000000004, "0.30000000000000004"},
        {115000000.5, "115000000.5"},           {HUGE_VAL, ".inf"},
        {-HUGE_VAL, "-.inf"},                   {NAN, ".nan"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        size_t n = bc_format_double(cases[i].d, out);
        assert_string_equal(out, cases[i].text);
        assert_int_equal(n, strlen(cases[i].text));
    }
}

static void test_string_escapes(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    static const char s[] = "a\"b\\c\nd\re\tf\bg\fh\x01i\x1fj\0k Việt\x7f";
    bc_json_write_string(s, sizeof s - 1, &out);
    assert_string_equal(out.ptr, "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i"
                                 "\\u001fj\\u0000k Việt\x7f\"");
    bc_buf_fini(&out);
}

/* The whole tree, through the loader: file order, nesting, every kind. */
static void test_document(void **state)
{
    (void)state;
    static const char yaml[] = "z: 1\n"
                               "a: [true, ~, 1.5, .inf, \"x\"]\n"
                               "m: {}\n"
                               "s: []\n"
                               "n: {k: -3}\n";
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    bc_value *root = bc_yaml_load(arena, "t", yaml, strlen(yaml), NULL, &diags);
    assert_non_null(root);
    bc_buf out = BC_BUF_INIT;
    bc_json_write(root, &out);
    assert_string_equal(out.ptr, "{\n"
                                 "  \"z\": 1,\n"
                                 "  \"a\": [\n"
                                 "    true,\n"
                                 "    null,\n"
                                 "    1.5,\n"
                                 "    \".inf\",\n"
                                 "    \"x\"\n"
                                 "  ],\n"
                                 "  \"m\": {},\n"
                                 "  \"s\": [],\n"
                                 "  \"n\": {\n"
                                 "    \"k\": -3\n"
                                 "  }\n"
                                 "}\n");
    bc_buf_fini(&out);
    bc_arena_free(arena);
    bc_diags_fini(&diags);
}

static void test_scalar_root(void **state)
{
    (void)state;
    bc_arena *arena = bc_arena_new();
    bc_buf out = BC_BUF_INIT;
    bc_json_write(bc_value_new_cstring(arena, "Bình Sơn"), &out);
    assert_string_equal(out.ptr, "\"Bình Sơn\"\n");
    bc_buf_fini(&out);
    bc_arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_scalar_root),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
