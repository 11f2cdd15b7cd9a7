/* test_markdown_property.c - no value in the data can change the structure
 * of the Markdown document.
 *
 * A document with every kind of text field is built many times with random
 * values (Markdown markup, list markers, numbers, HTML, no-break and
 * zero-width spaces, line breaks, Vietnamese) in every field.  Each result
 * is parsed by libcmark and its tree, text left out, must be the tree of
 * the same document built with plain values: a value may only ever be
 * text.  The runs are seeded, so a failure repeats; BC_PROPERTY_RUNS and
 * BC_PROPERTY_SEED change how many and which. */
#include "testutil.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcreport/build.h"
#include "bcreport/utf8.h"

/* Every free text of the model, "@" standing for a value and "%" for a
 * value of narrative (rich text, whose **bold** and *italic* are kept). */
static const char skeleton[] =
    "document:\n"
    "  issuer: {parent: \"@\", name: [\"@\", \"@\"], short_name: \"@\","
    " self_name: \"@\"}\n"
    "  symbol: BC-UBND\n"
    "  place: \"@\"\n"
    "  year: 2025\n"
    "  type: \"@\"\n"
    "  subject: \"@ [@kh1] @\"\n"
    "  recipients: [\"@\", \"@\"]\n"
    "citations:\n"
    "  - {id: kh1, type: \"@\", number: \"@\", date: 2025-01-02,"
    " issuer: \"@\", title: \"@\", short_name: \"@\"}\n"
    "  - {id: nd2, type: \"@\", number: \"@\", date: 2020-07-08,"
    " issuer: \"@\"}\n"
    "preamble: [\"% [@kh1] %\", [\"%\", [\"%\", \"%\"], \"%\"],"
    " {label: \"@\", text: \"%\"}]\n"
    "results:\n"
    "  title: \"@\"\n"
    "  dissemination: {title: \"@\", body: [\"%\", \"% [@kh1] %\"]}\n"
    "  tasks:\n"
    "    title: \"@\"\n"
    "    items:\n"
    "      - title: \"@\"\n"
    "        delegations:\n"
    "          - {who: \"@\", with: \"@\", countries: [\"@\", \"@\"],"
    " purpose: \"@\"}\n"
    "          - {who: \"@\", countries: [\"@\"], purpose: \"@\","
    " text: \"%\"}\n"
    "        visits:\n"
    "          - {guests: \"@\", country: \"@\", from: 2025-03-02,"
    " members: 4, purpose: \"@\", outcome: \"@\"}\n"
    "        aid_projects:\n"
    "          - {partner: \"@\", donor: \"@\", project: \"@\", place: \"@\","
    " amount: 1000, legal_basis: \"[@nd2, @]\","
    " status: \"đang triển khai thực hiện\", disbursed: 500}\n"
    "        events:\n"
    "          - {title: \"@\", date: 2025-05-01, place: \"@\","
    " foreign: \"@\"}\n"
    "        body: [\"%\", [\"%\"]]\n"
    "  items:\n"
    "    - title: \"@\"\n"
    "      body:\n"
    "        - table:\n"
    "            title: \"@\"\n"
    "            columns: [{title: \"@\"}, {title: \"@\", type: amount}]\n"
    "            rows: [[\"@\", 5], [\"@\", 7]]\n"
    "            total: true\n"
    "assessment:\n"
    "  title: \"@\"\n"
    "  strengths: {title: \"@\", body: [\"%\"]}\n"
    "  limitations: {title: \"@\", body: [\"%\"]}\n"
    "  causes: \"%\"\n"
    "plans: {items: [{title: \"@\", body: [\"%\"]}]}\n"
    "proposals: {title: \"@\", to: \"@\", body: [\"%\", [\"%\"]]}\n"
    "sections: [{title: \"@\", body: [\"%\"]}]\n"
    "appendices:\n"
    "  - id: pl\n"
    "    title: \"@\"\n"
    "    body: [{table: {from: aid_projects}}]\n"
    "closing: \"@\"\n"
    "distribution: [\"@\", \"@\", \"@\"]\n"
    "signature: {lines: [\"@\", \"@\"], title: \"@\", name: \"@\"}\n";

/* Rich values keep their * and _ in the second half of the runs; the
 * first half takes them out, so that the whole tree, emphasis included,
 * must be the plain document's. */
static bool keep_emphasis;

/* Pieces of values: what opens a block at the start of a line, inline
 * markup, numbers that the layout's "." or ";" could complete, blanks that
 * Word pastes, HTML, Vietnamese. */
static const char *const pieces[] = {
    "1", "2024", "1.", "2)", "12.", "-", "+", "*", "#", "##", ">", "=",
    "---", "***", "___", "===", "```", "~~~", "|", "| a | b |", "\\", "`",
    "_", "__", "**", "[", "]", "[x](y)", "![a](b)", "<b>", "</p>", "<!--",
    "&amp;", "&", "&#49;", "<http://a.b>", ":", ";", ".", ",", "(", ")",
    "\"", "'", "!", "?", " ", "  ", "\t", "\n", "\n\n", "\u00a0",
    "\u200b", "\u2003", "\u3000", "\u00ad", "Kết quả", "năm", "Đồng",
    "ƯU ĐIỂM", "x", "a", "Z", "./.", "Lưu: VT", "@", "[@", "$", "%",
};

#define N_PIECES (sizeof pieces / sizeof pieces[0])

static uint64_t rng_state;

static uint64_t next_random(void)
{
    /* xorshift64*: small, seeded, the same on every machine */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

/* A random value: a few pieces, never a citation, never only blanks. */
static void random_value(bc_buf *out)
{
    size_t n = 1 + next_random() % 6;
    bc_buf v = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        bc_buf_puts(&v, pieces[next_random() % N_PIECES]);
    for (char *p = strstr(v.ptr, "[@"); p; p = strstr(p, "[@"))
        p[1] = 'a'; /* citations are not plain values */
    const char *s = v.ptr;
    size_t len = v.len;
    bc_utf8_trim(&s, &len);
    if (len == 0) /* a blank optional value is no value: another shape */
        bc_buf_puts(&v, "x");
    bc_buf_append(out, v.ptr, v.len);
    bc_buf_fini(&v);
}

/* value, written inside a YAML double-quoted scalar. */
static void yaml_quoted(const char *value, size_t len, bc_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        char c = value[i];
        if (c == '"' || c == '\\')
            bc_buf_printf(out, "\\%c", c);
        else if (c == '\n')
            bc_buf_puts(out, "\\n");
        else if (c == '\t')
            bc_buf_puts(out, "\\t");
        else
            bc_buf_putc(out, c);
    }
}

/* The skeleton with every "@" outside a citation replaced: by "x" when
 * plain, else by a random value. */
static void document(bool plain, bc_buf *out)
{
    for (const char *p = skeleton; *p; p++) {
        bool rich = *p == '%';
        bool value = (*p == '@' || rich) && !(p > skeleton && p[-1] == '[');
        if (!value) {
            bc_buf_putc(out, *p);
            continue;
        }
        bc_buf v = BC_BUF_INIT;
        if (plain)
            bc_buf_puts(&v, "x");
        else
            random_value(&v);
        for (size_t i = 0; rich && !keep_emphasis && i < v.len; i++)
            if (v.ptr[i] == '*' || v.ptr[i] == '_')
                v.ptr[i] = '-';
        if (p[1] == ']') /* a citation's locator: brackets end it, or are
                            an error there */
            for (size_t i = 0; i < v.len; i++)
                if (v.ptr[i] == '[' || v.ptr[i] == ']')
                    v.ptr[i] = '(';
        yaml_quoted(v.ptr, v.len, out);
        bc_buf_fini(&v);
    }
}

/* Leaves are visited once (ENTER); containers twice. */
static bool is_leaf(cmark_node_type type)
{
    switch (type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
        return true;
    default:
        return false;
    }
}

/* The tree of a Markdown document, text left out: one node a line,
 * indented by depth, with what makes a list, a heading or a code block
 * what it is.  Runs of text nodes are one "text" (cmark splits text at
 * escapes and entities). */
static void shape(const char *md, size_t len, bc_buf *out)
{
    cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int depth = 0;
    bool in_text = false;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_EXIT) {
            bool emphasis = type == CMARK_NODE_EMPH ||
                            type == CMARK_NODE_STRONG;
            if (keep_emphasis && emphasis)
                continue; /* transparent: its text joins the text around */
            depth--;
            in_text = false;
            continue;
        }
        if (type == CMARK_NODE_TEXT && in_text)
            continue;
        if (keep_emphasis &&
            (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG))
            continue; /* the clerk's emphasis, in the second half */
        in_text = type == CMARK_NODE_TEXT;
        bc_buf_printf(out, "%*s%s", 2 * depth, "",
                      cmark_node_get_type_string(n));
        if (type == CMARK_NODE_HEADING)
            bc_buf_printf(out, " %d", cmark_node_get_heading_level(n));
        if (type == CMARK_NODE_LIST)
            bc_buf_printf(out, " %d %d", (int)cmark_node_get_list_type(n),
                          cmark_node_get_list_start(n));
        bc_buf_putc(out, '\n');
        if (!is_leaf(type))
            depth++; /* containers, even empty ones, get an EXIT */
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

/* Builds the data as Markdown in-process; false when the data is refused
 * (random values can make a number or a date of the registry wrong). */
static bool build(const bc_buf *yaml, bc_buf *md, bc_diags *diags)
{
    char *path = tu_temp_file(yaml->ptr, yaml->len, ".yaml");
    bc_build_options options = {.format = BC_FORMAT_MD};
    bool ok = bc_build(path, &options, md, diags);
    remove(path);
    free(path);
    return ok;
}

static unsigned long env_number(const char *name, unsigned long fallback)
{
    const char *v = getenv(name);
    return v && *v ? strtoul(v, NULL, 10) : fallback;
}

static void print_diags(const bc_diags *diags)
{
    bc_buf line = BC_BUF_INIT;
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf_clear(&line);
        bc_diag_format(&diags->items[i], &line);
        printf("  %s\n", line.ptr);
    }
    bc_buf_fini(&line);
}

static void test_values_never_make_markup(void **state)
{
    (void)state;
    rng_state = env_number("BC_PROPERTY_SEED", 20261201) | 1;
    unsigned long runs = env_number("BC_PROPERTY_RUNS", 300);
    bc_buf yaml = BC_BUF_INIT, md = BC_BUF_INIT, strict = BC_BUF_INIT,
           loose = BC_BUF_INIT, got = BC_BUF_INIT;
    bc_diags diags;
    bc_diags_init(&diags);
    document(true, &yaml);
    if (!build(&yaml, &md, &diags)) {
        print_diags(&diags);
        fail_msg("the plain document does not build");
    }
    shape(md.ptr, md.len, &strict);
    keep_emphasis = true;
    shape(md.ptr, md.len, &loose);
    unsigned long built = 0;
    for (unsigned long run = 0; run < runs; run++) {
        bc_buf_clear(&yaml);
        bc_buf_clear(&md);
        bc_buf_clear(&got);
        bc_diags_fini(&diags);
        bc_diags_init(&diags);
        keep_emphasis = run >= runs / 2;
        document(false, &yaml);
        if (!build(&yaml, &md, &diags))
            continue;
        built++;
        shape(md.ptr, md.len, &got);
        const bc_buf *want = keep_emphasis ? &loose : &strict;
        if (strcmp(got.ptr, want->ptr) != 0) {
            printf("run %lu: the structure changed.\n--- data:\n%s\n"
                   "--- Markdown:\n%s\n--- tree:\n%s\n--- expected:\n%s\n",
                   run, yaml.ptr, md.ptr, got.ptr, want->ptr);
            fflush(stdout);
            fail_msg("run %lu: a value changed the document's structure",
                     run);
        }
    }
    /* Most random documents must build, or the test proves little. */
    if (built * 10 < runs * 9)
        fail_msg("only %lu of %lu random documents built", built, runs);
    bc_diags_fini(&diags);
    bc_buf_fini(&yaml);
    bc_buf_fini(&md);
    bc_buf_fini(&strict);
    bc_buf_fini(&loose);
    bc_buf_fini(&got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_never_make_markup),
    };
    return cmocka_run_group_tests_name("markdown_property", tests, NULL,
                                       NULL);
}
