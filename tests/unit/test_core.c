/* test_core.c - buffers, arenas, the string map and diagnostics. */
#include "testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/strmap.h"
#include "bcreport/value.h"

static void test_buf(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        bc_buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 20000);
    assert_memory_equal(b.ptr + 19996, "8,9,", 5); /* with the NUL */
    bc_buf_append(&b, "\0x", 2);
    assert_int_equal(b.len, 20002);
    size_t len;
    char *s = bc_buf_detach(&b, &len);
    assert_int_equal(len, 20002);
    assert_string_equal(b.ptr, ""); /* a string at once, never NULL */
    assert_int_equal(b.len, 0);
    free(s);
    bc_buf fresh = BC_BUF_INIT;
    assert_string_equal(fresh.ptr, "");
    bc_buf_clear(&fresh);
    bc_buf_fini(&fresh);
    assert_string_equal(fresh.ptr, "");
    /* Detaching an empty buffer gives an empty string, never NULL. */
    s = bc_buf_detach(&b, &len);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
    bc_buf_fini(&b);
}

static void test_arena(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    char *small = bc_arena_alloc(a, 3);
    memcpy(small, "ab", 3);
    /* A large piece does not waste the space left in the current block. */
    char *big = bc_arena_calloc(a, 1, 1 << 20);
    assert_int_equal(big[(1 << 20) - 1], 0);
    char *after = bc_arena_strdup(a, "Độc lập");
    assert_string_equal(small, "ab");
    assert_string_equal(after, "Độc lập");
    assert_int_equal((uintptr_t)after % _Alignof(max_align_t), 0);
    assert_true(bc_arena_used(a) >= (1 << 20) + 3 + sizeof "Độc lập");
    for (int i = 0; i < 100000; i++)
        bc_arena_alloc(a, 24);
    bc_arena_free(a);
    bc_arena_free(NULL);
}

static void test_strmap(void **state)
{
    (void)state;
    bc_strmap m = BC_STRMAP_INIT;
    assert_null(bc_strmap_get(&m, "x", 1));
    static char keys[5000][16];
    for (int i = 0; i < 5000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        bc_strmap_put(&m, keys[i], strlen(keys[i]), &keys[i]);
    }
    assert_int_equal(m.count, 5000);
    for (int i = 0; i < 5000; i++)
        assert_ptr_equal(bc_strmap_get(&m, keys[i], strlen(keys[i])), &keys[i]);
    bc_strmap_put(&m, "k7", 2, NULL);
    assert_int_equal(m.count, 5000);
    assert_null(bc_strmap_get(&m, "k7", 2));
    assert_null(bc_strmap_get(&m, "k", 1));
    bc_strmap_fini(&m);
}

static void test_value_builders(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = bc_value_new_map(a);
    bc_value *seq = bc_value_new_seq(a);
    for (int i = 0; i < 100; i++)
        bc_value_seq_push(a, seq, bc_value_new_int(a, i));
    bc_value_map_set(a, map, "items", seq);
    bc_value_map_set(a, map, "name", bc_value_new_cstring(a, "Sở Ngoại vụ"));
    assert_int_equal(bc_value_map_get(map, "items")->as.seq.count, 100);
    assert_int_equal(seq->as.seq.items[99]->as.integer, 99);
    assert_string_equal(bc_value_map_get(map, "name")->as.string.ptr,
                        "Sở Ngoại vụ");
    assert_null(bc_value_map_get(map, "nam"));
    assert_null(bc_value_map_get(seq, "name"));
    assert_string_equal(bc_value_kind_name(BC_VALUE_MAP), "mapping");
    bc_arena_free(a);
}

static void test_map_index(void **state)
{
    (void)state;
    bc_arena *a = bc_arena_new();
    bc_value *map = bc_value_new_map(a);
    char key[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        bc_value_map_set(a, map, key, bc_value_new_int(a, i));
    }
    bc_value_map_set(a, map, "k7", bc_value_new_int(a, -7)); /* a duplicate */
    bc_value_map_index(a, map);
    assert_non_null(map->as.map.index);
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_int_equal(bc_value_map_get(map, key)->as.integer, i);
    }
    assert_null(bc_value_map_get(map, "k1000"));
    assert_null(bc_value_map_get(map, ""));
    /* Adding a member drops the index; lookups still find everything. */
    bc_value_map_set(a, map, "new", bc_value_new_int(a, 1));
    assert_null(map->as.map.index);
    assert_int_equal(bc_value_map_get(map, "new")->as.integer, 1);
    assert_int_equal(bc_value_map_get(map, "k7")->as.integer, 7);
    bc_arena_free(a);
}

static void test_diags(void **state)
{
    (void)state;
    bc_diags d;
    bc_diags_init(&d);
    bc_pos here = {"data/2023.yaml", 12, 5};
    bc_pos file_only = {"x.yaml", 0, 0};
    bc_pos nowhere = {NULL, 0, 0};
    bc_diag_add(&d, BC_WARNING, BC_OK, here, "unused citation \"%s\"", "kh12");
    assert_int_equal(d.status, BC_OK);
    bc_diag_add(&d, BC_ERROR, BC_EX_NOINPUT, file_only, "cannot open");
    bc_diag_error(&d, here, "duplicate key \"%s\"", "year");
    bc_diag_add(&d, BC_NOTE, BC_OK, nowhere, "see the README");
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.status, BC_EX_NOINPUT); /* the first error's */

    char *path = tu_temp_file("", 0, ".txt");
    FILE *f = fopen(path, "w+");
    bc_diags_print(&d, f, false);
    bc_diags_print(&d, f, true);
    fclose(f);
    char *text = tu_read_file(path, NULL);
    assert_string_equal(
        text,
        "data/2023.yaml:12:5: warning: unused citation \"kh12\"\n"
        "x.yaml: error: cannot open\n"
        "data/2023.yaml:12:5: error: duplicate key \"year\"\n"
        "bcreport: note: see the README\n"
        "\033[1mdata/2023.yaml:12:5:\033[0m \033[1;35mwarning:\033[0m "
        "unused citation \"kh12\"\n"
        "\033[1mx.yaml:\033[0m \033[1;31merror:\033[0m cannot open\n"
        "\033[1mdata/2023.yaml:12:5:\033[0m \033[1;31merror:\033[0m "
        "duplicate key \"year\"\n"
        "\033[1mbcreport:\033[0m \033[1;36mnote:\033[0m see the README\n");
    free(text);
    remove(path);
    free(path);
    bc_diags_fini(&d);
}

/* User text in a message cannot break its line or reach the terminal. */
static void test_diag_escapes_user_text(void **state)
{
    (void)state;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_pos pos = {"a\nb.yaml", 2, 3};
    bc_diag_error(&diags, pos, "key \"%s\"", "bad\x1b[31mkey\nline2\tx\x7f\xff");
    bc_buf line = BC_BUF_INIT;
    bc_diag_format(&diags.items[0], &line);
    assert_string_equal(line.ptr, "a\\nb.yaml:2:3: error: key "
                                  "\"bad\\x1B[31mkey\\nline2\\tx\\x7F\\xFF\"");
    bc_buf_fini(&line);
    bc_diags_fini(&diags);
}

/* Shortened text is cut between characters, never inside one. */
static void test_diag_excerpt(void **state)
{
    (void)state;
    bc_buf out = BC_BUF_INIT;
    bc_diag_excerpt(&out, "Kết quả", strlen("Kết quả"), 2);
    assert_string_equal(out.ptr, "Kế...");
    bc_buf_clear(&out);
    bc_diag_excerpt(&out, "ab", 2, 2);
    assert_string_equal(out.ptr, "ab");
    bc_buf_fini(&out);
}

static void test_colour_auto(void **state)
{
    (void)state;
    char *path = tu_temp_file("", 0, ".txt");
    FILE *f = fopen(path, "w");
    unsetenv("NO_COLOR");
    assert_false(bc_diag_colour_auto(f)); /* not a terminal */
    fclose(f);
    remove(path);
    free(path);
    FILE *tty = fopen("/dev/tty", "w");
    if (tty) {
        assert_true(bc_diag_colour_auto(tty));
        setenv("NO_COLOR", "1", 1);
        assert_false(bc_diag_colour_auto(tty));
        setenv("NO_COLOR", "", 1); /* empty: no effect, as no-color.org says */
        assert_true(bc_diag_colour_auto(tty));
        fclose(tty);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_value_builders),
        cmocka_unit_test(test_map_index),
        cmocka_unit_test(test_diags),
        cmocka_unit_test(test_colour_auto),
        cmocka_unit_test(test_diag_escapes_user_text),
        cmocka_unit_test(test_diag_excerpt),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
