/* test_readme.c - what README.md shows is what bcreport does.
 *
 * The README's data-format example (a ```yaml block starting "plans:")
 * is put into data/2025-xa.yaml before its "distribution:" and built;
 * the Markdown block that follows the example must appear in the output
 * as it is. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "bcreport/buf.h"

/* The text of the first fenced block whose opening line is fence and
 * whose first line starts with first, after from; NULL when none. */
static char *fenced_block(const char *text, const char *fence,
                          const char *first, const char **end)
{
    const char *p = text;
    size_t fence_len = strlen(fence);
    while ((p = strstr(p, fence)) != NULL) {
        const char *body = p + fence_len;
        if (*body == '\n' && strncmp(body + 1, first, strlen(first)) == 0) {
            body++;
            const char *close = strstr(body, "\n```\n");
            assert_non_null(close);
            *end = close + 5;
            size_t len = (size_t)(close + 1 - body);
            char *out = malloc(len + 1);
            assert_non_null(out);
            memcpy(out, body, len);
            out[len] = '\0';
            return out;
        }
        p = body;
    }
    return NULL;
}

static void test_readme_example_is_what_build_prints(void **state)
{
    (void)state;
    char *readme = tu_read_file("README.md", NULL);
    char *data = tu_read_file("data/2025-xa.yaml", NULL);
    assert_non_null(readme);
    assert_non_null(data);
    const char *after_yaml = NULL, *after_md = NULL;
    char *yaml = fenced_block(readme, "```yaml", "plans:", &after_yaml);
    if (yaml == NULL)
        fail_msg("README.md has no ```yaml block starting \"plans:\"");
    char *markdown = fenced_block(after_yaml, "```", "### ", &after_md);
    if (markdown == NULL)
        fail_msg("README.md has no Markdown block after its example");

    const char *at = strstr(data, "\ndistribution:");
    assert_non_null(at);
    bc_buf input = BC_BUF_INIT;
    bc_buf_append(&input, data, (size_t)(at + 1 - data));
    bc_buf_puts(&input, yaml);
    bc_buf_puts(&input, at + 1);

    static const char *const args[] = {"build", "-", NULL};
    tu_result r;
    tu_run(&r, input.ptr, input.len, args);
    assert_int_equal(r.status, 0);
    if (strstr(r.out, markdown) == NULL)
        fail_msg("bcreport does not print README's example:\n%s\n"
                 "--- it prints:\n%s",
                 markdown, r.out);
    tu_result_fini(&r);
    bc_buf_fini(&input);
    free(yaml);
    free(markdown);
    free(data);
    free(readme);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_example_is_what_build_prints),
    };
    return cmocka_run_group_tests_name("readme", tests, NULL, NULL);
}
