/* test_textwidth.c - advance widths of Times New Roman text, against the
 * widths LibreOffice printed for the same texts (docx research: the agency,
 * the Quốc hiệu and the Tiêu ngữ, to 0.2 pt). */
#include "testutil.h"

#include <string.h>

#include "bcreport/textwidth.h"

static unsigned long twips(const char *s, bc_face face, int half_points)
{
    return bc_text_twips(s, strlen(s), face, half_points);
}

/* LibreOffice printed "ỦY BAN NHÂN DÂN" in bold 12 pt 112.9 pt wide, the
 * Quốc hiệu in bold 12.5 pt 260.6 pt, the Tiêu ngữ in bold 13 pt 159.1
 * pt: within a point (20 twips). */
static void test_widths_as_printed(void **state)
{
    (void)state;
    unsigned long agency = twips("ỦY BAN NHÂN DÂN", BC_FACE_BOLD, 24);
    unsigned long country = twips("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                  BC_FACE_BOLD, 25);
    unsigned long slogan = twips("Độc lập - Tự do - Hạnh phúc",
                                 BC_FACE_BOLD, 26);
    assert_in_range(agency, 2258 - 20, 2258 + 20);
    assert_in_range(country, 5212 - 20, 5212 + 20);
    assert_in_range(slogan, 3182 - 20, 3182 + 20);
}

/* A Vietnamese letter is as wide as its base letter, but ơ and ư are
 * wider than o and u; the same text in NFD measures the same. */
static void test_vietnamese_letters(void **state)
{
    (void)state;
    assert_int_equal(bc_text_advance("ấ", strlen("ấ"), BC_FACE_REGULAR),
                     bc_text_advance("a", 1, BC_FACE_REGULAR));
    assert_int_equal(bc_text_advance("ờ", strlen("ờ"), BC_FACE_REGULAR),
                     1083);
    assert_int_equal(bc_text_advance("Ư", strlen("Ư"), BC_FACE_BOLD), 1630);
    assert_int_equal(bc_text_advance("o\xcc\x9b\xcc\x80", 5, BC_FACE_REGULAR),
                     bc_text_advance("ờ", strlen("ờ"), BC_FACE_REGULAR));
}

/* Faces differ; characters outside the table count as "n"; bytes that
 * are not UTF-8 count too, each as one character. */
static void test_faces_and_unknowns(void **state)
{
    (void)state;
    assert_int_equal(bc_text_advance("A", 1, BC_FACE_REGULAR), 1479);
    assert_int_equal(bc_text_advance("%", 1, BC_FACE_BOLD), 2048);
    assert_int_equal(bc_text_advance("+", 1, BC_FACE_ITALIC), 1382);
    assert_int_equal(bc_text_advance("中", strlen("中"), BC_FACE_REGULAR),
                     bc_text_advance("n", 1, BC_FACE_REGULAR));
    assert_int_equal(bc_text_advance("\xff\xfe", 2, BC_FACE_REGULAR),
                     2 * bc_text_advance("n", 1, BC_FACE_REGULAR));
    assert_int_equal(bc_text_advance("", 0, BC_FACE_REGULAR), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_widths_as_printed),
        cmocka_unit_test(test_vietnamese_letters),
        cmocka_unit_test(test_faces_and_unknowns),
    };
    return cmocka_run_group_tests_name("textwidth", tests, NULL, NULL);
}
