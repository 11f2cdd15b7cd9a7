/* test_locate.c - where a piece of a text value stands in its data file:
 * quotes, escapes, folded lines and line ends between the two. */
#include "testutil.h"

#include <string.h>

#include "bcreport/arena.h"
#include "bcreport/locate.h"

/* The position of the first occurrence of piece in text, a value that
 * starts at line:col of source. */
static bc_pos locate(const char *source, const char *text, int line, int col,
                     const char *piece)
{
    bc_arena *arena = bc_arena_new();
    bc_locator *loc = bc_locator_new(arena, "t.yaml", source, strlen(source));
    const char *at = strstr(text, piece);
    assert_non_null(at);
    bc_pos pos = bc_locator_find(loc, text, strlen(text), line, col,
                                 (size_t)(at - text));
    bc_arena_free(arena);
    return pos;
}

#define assert_at(pos, l, c)                                                  \
    do {                                                                      \
        bc_pos p_ = (pos);                                                    \
        if (p_.line != (l) || p_.col != (c))                                  \
            fail_msg("at %d:%d, expected %d:%d", p_.line, p_.col, (l), (c));  \
    } while (0)

/* A plain value: the piece where it is typed. */
static void test_plain_value(void **state)
{
    (void)state;
    assert_at(locate("a: Kế hoạch số 92\n", "Kế hoạch số 92", 1, 4, "số"),
              1, 13);
}

/* Columns count characters: "Độc" is three columns. */
static void test_columns_count_characters(void **state)
{
    (void)state;
    assert_at(locate("tên: Độc lập\n", "Độc lập", 1, 6, "lập"), 1, 10);
}

/* An escape in double quotes is one character of the text: "\x41" is
 * four bytes of source, "\u00E0" six, "\U0001F600" ten, "\n" two. */
static void test_escapes(void **state)
{
    (void)state;
    assert_at(locate("v: \"\\x41bc\"\n", "Abc", 1, 4, "bc"), 1, 9);
    assert_at(locate("v: \"\\u00E0bc\"\n", "\xC3\xA0" "bc", 1, 4, "bc"), 1,
              11);
    assert_at(locate("v: \"\\U0001F600bc\"\n", "\xF0\x9F\x98\x80" "bc", 1, 4,
                     "bc"),
              1, 15);
    assert_at(locate("v: \"a\\nbc\"\n", "a\nbc", 1, 4, "bc"), 1, 8);
}

/* '' in single quotes is one quote of the text. */
static void test_single_quotes(void **state)
{
    (void)state;
    assert_at(locate("v: 'it''s ok'\n", "it's ok", 1, 4, "ok"), 1, 11);
}

/* "\r\n" ends one line, not two. */
static void test_crlf_lines(void **state)
{
    (void)state;
    assert_at(locate("a: x\r\nb: hello\r\n", "hello", 2, 4, "llo"), 2, 6);
    assert_at(locate("a: x\r\n\r\nc: one two\r\n", "one two", 3, 4, "two"),
              3, 8);
}

/* A folded line break is one space of the text; the piece is on the
 * next line, after its indentation, whatever the line ends. */
static void test_folded_lines(void **state)
{
    (void)state;
    assert_at(locate("a: one\n  two\n", "one two", 1, 4, "two"), 2, 3);
    assert_at(locate("a: one\r\n  two\r\n", "one two", 1, 4, "two"), 2, 3);
    assert_at(locate("a: one\r  two\r", "one two", 1, 4, "two"), 2, 3);
    assert_at(locate("a: [one\rtwo]\r", "one two", 1, 5, "two"), 2, 1);
}

/* A block scalar: its text starts on the line after the header. */
static void test_block_scalar(void **state)
{
    (void)state;
    assert_at(locate("a: |-\n  one\n  two\n", "one\ntwo", 1, 4, "two"), 3,
              3);
}

/* A text the source does not spell: the value's own position. */
static void test_lost_walk_gives_the_value(void **state)
{
    (void)state;
    assert_at(locate("a: something else\n", "other text", 1, 4, "text"), 1,
              4);
}

/* Many pieces of one text, in order: each where it is. */
static void test_pieces_in_order(void **state)
{
    (void)state;
    static const char source[] = "a: \"x \\x41 y\n  z w\"\n";
    static const char text[] = "x A y z w";
    bc_arena *arena = bc_arena_new();
    bc_locator *loc = bc_locator_new(arena, "t.yaml", source, strlen(source));
    static const struct {
        char piece;
        int line, col;
    } want[] = {{'x', 1, 5}, {'A', 1, 7}, {'y', 1, 12}, {'z', 2, 3},
                {'w', 2, 5}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t off = (size_t)(strchr(text, want[i].piece) - text);
        bc_pos pos = bc_locator_find(loc, text, strlen(text), 1, 4, off);
        if (pos.line != want[i].line || pos.col != want[i].col)
            fail_msg("'%c' at %d:%d, expected %d:%d", want[i].piece, pos.line,
                     pos.col, want[i].line, want[i].col);
        assert_string_equal(pos.file, "t.yaml");
    }
    bc_arena_free(arena);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* A backslash at the end of a line in double quotes continues it: the
 * break and the next line's indentation are nothing in the text. */
static void test_escaped_line_break(void **state)
{
    (void)state;
    assert_at(locate("v: \"one \\\n    two\"\n", "one two", 1, 4, "two"), 2,
              5);
    assert_at(locate("v: \"one \\\r\n  two\"\r\n", "one two", 1, 4, "two"),
              2, 3);
}

/* A no-break space typed at the edge of a value is dropped from the text
 * (utf8.h's blanks) and skipped by the walk. */
static void test_blank_dropped_at_the_edge(void **state)
{
    (void)state;
    assert_at(locate("a: \xC2\xA0one two\n", "one two", 1, 4, "two"), 1, 9);
}

/* Pieces asked for out of order: the walk starts again, each where it
 * is. */
static void test_pieces_out_of_order(void **state)
{
    (void)state;
    static const char source[] = "a: one two\nb: three\n";
    bc_arena *arena = bc_arena_new();
    bc_locator *loc = bc_locator_new(arena, "t.yaml", source, strlen(source));
    bc_pos two = bc_locator_find(loc, "one two", 7, 1, 4, 4);
    bc_pos one = bc_locator_find(loc, "one two", 7, 1, 4, 0);
    bc_pos three = bc_locator_find(loc, "three", 5, 2, 4, 2);
    bc_pos again = bc_locator_find(loc, "one two", 7, 1, 4, 5);
    assert_at(two, 1, 8);
    assert_at(one, 1, 4);
    assert_at(three, 2, 6);
    assert_at(again, 1, 9);
    bc_arena_free(arena);
}

/* A value said to start past the source's end, or an offset past the
 * text's: the value's own position, never a read past the end. */
static void test_outside_the_source(void **state)
{
    (void)state;
    static const char source[] = "a: one\n";
    bc_arena *arena = bc_arena_new();
    bc_locator *loc = bc_locator_new(arena, "t.yaml", source, strlen(source));
    assert_at(bc_locator_find(loc, "one", 3, 9, 4, 1), 9, 4);
    assert_at(bc_locator_find(loc, "one", 3, 1, 4, 4), 1, 4);
    assert_at(bc_locator_find(loc, "one", 3, 1, 40, 1), 1, 40);
    bc_arena_free(arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_value),
        cmocka_unit_test(test_columns_count_characters),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_single_quotes),
        cmocka_unit_test(test_crlf_lines),
        cmocka_unit_test(test_folded_lines),
        cmocka_unit_test(test_block_scalar),
        cmocka_unit_test(test_lost_walk_gives_the_value),
        cmocka_unit_test(test_pieces_in_order),
        cmocka_unit_test(test_escaped_line_break),
        cmocka_unit_test(test_blank_dropped_at_the_edge),
        cmocka_unit_test(test_pieces_out_of_order),
        cmocka_unit_test(test_outside_the_source),
    };
    return cmocka_run_group_tests_name("locate", tests, NULL, NULL);
}
