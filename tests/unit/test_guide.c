/* test_guide.c - docs/huong-dan.md, the clerks' guide, stays true: it is
 * NFC, renders through our Markdown reader with every heading, its links
 * lead to a heading or a file of the repository, each error it shows is
 * what bcreport prints today in Vietnamese for the fixture it names, and
 * each YAML example loads. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "bcreport/buf.h"
#include "bcreport/md_html.h"
#include "bcreport/text.h"

#define GUIDE "docs/huong-dan.md"
#define FIXTURES "tests/fixtures/guide"

typedef struct guide {
    char *text;
    size_t len;
} guide;

static int setup(void **state)
{
    guide *g = calloc(1, sizeof *g);
    g->text = tu_read_file(GUIDE, &g->len);
    if (!g->text)
        return -1;
    *state = g;
    return 0;
}

static int teardown(void **state)
{
    guide *g = *state;
    free(g->text);
    free(g);
    return 0;
}

/* The next line of text from *at, without its break; NULL at the end. */
static const char *next_line(const char **at, size_t *len)
{
    const char *s = *at;
    if (!*s)
        return NULL;
    const char *nl = strchr(s, '\n');
    *len = nl ? (size_t)(nl - s) : strlen(s);
    *at = nl ? nl + 1 : s + *len;
    return s;
}

static bool is_fence(const char *line, size_t len)
{
    return len >= 3 && !strncmp(line, "```", 3);
}

/* GitHub's anchor of a heading: lower case, letters, marks, digits, "-"
 * and "_" kept, spaces turned into "-", the rest dropped. */
static void slug(const char *s, size_t len, bc_buf *out)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (utf8proc_ssize_t i = 0; i < (utf8proc_ssize_t)len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)len - i,
                                              &c);
        assert_true(n > 0);
        i += n;
        utf8proc_category_t cat = utf8proc_category(c);
        bool keep = c == '-' || c == '_' ||
                    (cat >= UTF8PROC_CATEGORY_LU &&
                     cat <= UTF8PROC_CATEGORY_NO);
        if (c == ' ')
            c = '-';
        else if (!keep)
            continue;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(c), enc);
        bc_buf_append(out, (const char *)enc, (size_t)m);
    }
}

/* Every heading's anchor, each on its own line between newlines. */
static void anchors(const guide *g, bc_buf *out, size_t *headings)
{
    const char *at = g->text, *line;
    size_t len;
    bool fenced = false;
    bc_buf_putc(out, '\n');
    while ((line = next_line(&at, &len))) {
        if (is_fence(line, len))
            fenced = !fenced;
        if (fenced || len < 2 || line[0] != '#')
            continue;
        size_t hashes = strspn(line, "#");
        if (hashes > 6 || line[hashes] != ' ')
            continue;
        slug(line + hashes + 1, len - hashes - 1, out);
        bc_buf_putc(out, '\n');
        ++*headings;
    }
}

static void test_guide_is_nfc(void **state)
{
    guide *g = *state;
    assert_true(bc_is_nfc(g->text, g->len));
}

/* Our Markdown reader makes a heading of each one, and no link is left
 * as raw text. */
static void test_guide_renders(void **state)
{
    guide *g = *state;
    bc_buf a = BC_BUF_INIT;
    size_t headings = 0;
    anchors(g, &a, &headings);
    bc_buf html = BC_BUF_INIT;
    bc_markdown_to_html(g->text, g->len, &html);
    size_t rendered = 0;
    for (const char *p = html.ptr; (p = strstr(p, "<h")); p++)
        rendered += p[2] >= '1' && p[2] <= '6';
    assert_int_equal(rendered, headings);
    assert_true(headings >= 30);
    assert_null(strstr(html.ptr, "]("));
    bc_buf_fini(&html);
    bc_buf_fini(&a);
}

/* Each link leads to a heading of the guide or to a file of the
 * repository; nothing leads outside it. */
static void test_guide_links_resolve(void **state)
{
    guide *g = *state;
    bc_buf known = BC_BUF_INIT;
    size_t headings = 0, links = 0;
    anchors(g, &known, &headings);
    const char *at = g->text, *line;
    size_t len;
    bool fenced = false;
    while ((line = next_line(&at, &len))) {
        if (is_fence(line, len))
            fenced = !fenced;
        if (fenced)
            continue;
        for (const char *p = line; (p = memchr(p, ']', (size_t)(line + len - p)));
             p++) {
            if (p[1] != '(')
                continue;
            const char *end = memchr(p, ')', (size_t)(line + len - p));
            assert_non_null(end);
            bc_buf target = BC_BUF_INIT;
            bc_buf_append(&target, p + 2, (size_t)(end - p - 2));
            links++;
            if (strstr(target.ptr, "://"))
                fail_msg("a link out of the repository: %s", target.ptr);
            if (target.ptr[0] == '#') {
                bc_buf want = BC_BUF_INIT;
                bc_buf_printf(&want, "\n%s\n", target.ptr + 1);
                if (!strstr(known.ptr, want.ptr))
                    fail_msg("no heading for the link %s", target.ptr);
                bc_buf_fini(&want);
            } else {
                bc_buf path = BC_BUF_INIT;
                bc_buf_printf(&path, "docs/%.*s",
                              (int)strcspn(target.ptr, "#"), target.ptr);
                struct stat st;
                if (stat(path.ptr, &st) != 0)
                    fail_msg("the link %s leads to no file", target.ptr);
                bc_buf_fini(&path);
            }
            bc_buf_fini(&target);
        }
    }
    assert_true(links >= 20);
    bc_buf_fini(&known);
}

/* The fenced block after each "<!-- guide-error: NAME -->" is what check
 * prints for tests/fixtures/guide/NAME under a Vietnamese locale; every
 * fixture is shown once. */
static void test_guide_errors_are_real(void **state)
{
    guide *g = *state;
    size_t shown = 0;
    for (const char *p = g->text; (p = strstr(p, "<!-- guide-error: "));) {
        p += strlen("<!-- guide-error: ");
        size_t n = strcspn(p, " ");
        bc_buf name = BC_BUF_INIT;
        bc_buf_append(&name, p, n);
        const char *open = strstr(p, "\n```");
        assert_non_null(open);
        const char *body = strchr(open + 1, '\n') + 1;
        const char *close = strstr(body, "```");
        assert_non_null(close);
        tu_result r;
        tu_shell(&r, "LANG=vi_VN.UTF-8 $BCREPORT check " FIXTURES "/%s",
                 name.ptr);
        if (r.err_len != (size_t)(close - body) ||
            memcmp(r.err, body, r.err_len) != 0)
            fail_msg("%s: the guide shows\n%.*s\nbcreport prints\n%s",
                     name.ptr, (int)(close - body), body, r.err);
        assert_int_equal(r.status, 65);
        tu_result_fini(&r);
        bc_buf_fini(&name);
        shown++;
        p = close;
    }
    size_t count;
    char **files = tu_list_files(FIXTURES, "", ".yaml", &count);
    tu_free_names(files, count);
    assert_int_equal(shown, count);
    assert_int_equal(shown, 15);
}

/* Each YAML example outside the errors' section loads (the examples of a
 * mistake are marked "# SAI"). */
static void test_guide_yaml_loads(void **state)
{
    guide *g = *state;
    const char *errors = strstr(g->text, "\n## 4. ");
    const char *after = errors ? strstr(errors, "\n## 5. ") : NULL;
    assert_non_null(after);
    size_t checked = 0;
    for (const char *p = g->text; (p = strstr(p, "\n```yaml\n"));) {
        const char *body = p + strlen("\n```yaml\n");
        const char *close = strstr(body, "\n```");
        assert_non_null(close);
        p = close + 4;
        if ((body > errors && body < after) || !strncmp(body, "# SAI", 5))
            continue;
        char *path = tu_temp_file(body, (size_t)(close - body) + 1, ".yaml");
        tu_result r;
        tu_shell(&r, "$BCREPORT dump %s", path);
        if (r.status != 0 && !strstr(r.err, "only comments"))
            fail_msg("an example does not load:\n%.*s\n%s",
                     (int)(close - body), body, r.err);
        tu_result_fini(&r);
        unlink(path);
        free(path);
        checked++;
    }
    assert_true(checked >= 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guide_is_nfc),
        cmocka_unit_test(test_guide_renders),
        cmocka_unit_test(test_guide_links_resolve),
        cmocka_unit_test(test_guide_errors_are_real),
        cmocka_unit_test(test_guide_yaml_loads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
