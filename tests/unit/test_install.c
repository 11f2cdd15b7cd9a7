/* test_install.c - make install and make uninstall (issue 14).
 *
 * Each test installs the binary under test ($BCREPORT_BIN: ./bcreport, or
 * build/asan/bcreport under make check-asan; under make check-valgrind
 * $BCREPORT_REAL_BIN, its copies running without valgrind) with make
 * install into a temporary DESTDIR, PREFIX=/usr, and runs what was
 * installed from there:
 * the binary builds the golden report and finds its catalogue and its
 * templates beside itself; an installed template replaces its built-in
 * one, name by name; the manual page renders without a warning and
 * describes every command and option of the program's own help; bash
 * completion completes them; make uninstall leaves no file behind.  The
 * binary of the build tree reads no installed template.  The Debian
 * package builds and holds the same. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"
#include "bcreport/paths.h"

/* ---- installing ---------------------------------------------------------- */

/* The build folder of the binary under test, as make knows it (BUILDDIR):
 * where its catalogue was compiled, the binary's own folder under
 * build/asan, build/ beside ./bcreport. */
static void build_dir_of(const char *bin, bc_buf *out)
{
    const char *slash = strrchr(bin, '/');
    bc_buf_append(out, bin, (size_t)(slash - bin));
    bc_buf probe = BC_BUF_INIT;
    bc_buf_printf(&probe, "%s/locale/vi/LC_MESSAGES/bcreport.mo", out->ptr);
    struct stat st;
    if (stat(probe.ptr, &st) != 0)
        bc_buf_puts(out, "/build");
    bc_buf_fini(&probe);
}

/* Runs make with target (install, uninstall) for DESTDIR dest and
 * PREFIX=/usr, with the BIN and BUILDDIR of the binary under test, which
 * make must not build again ("-o BIN": check-asan's is built with other
 * flags).  The suite's own make (MAKEFLAGS) is kept out. */
static void run_make(const char *target, const char *dest)
{
    bc_buf builddir = BC_BUF_INIT;
    build_dir_of(tu_real_bin(), &builddir);
    tu_result r;
    tu_shell(&r,
             "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEFILES "
             "make --no-print-directory -s -o '%s' %s DESTDIR='%s' "
             "PREFIX=/usr BIN='%s' BUILDDIR='%s'",
             tu_real_bin(), target, dest, tu_real_bin(), builddir.ptr);
    if (r.status != 0)
        fail_msg("make %s: status %d\n%s%s", target, r.status, r.out, r.err);
    tu_result_fini(&r);
    bc_buf_fini(&builddir);
}

/* A new temporary DESTDIR with bcreport installed in it; free it with
 * remove_tree. */
static char *install(void)
{
    char *dest = strdup("/tmp/bctest-install-XXXXXX");
    assert_non_null(mkdtemp(dest));
    run_make("install", dest);
    return dest;
}

static void remove_tree(char *dest)
{
    tu_sh("rm -rf '%s'", dest);
    free(dest);
}

/* Runs a shell command line that must succeed; $D is the DESTDIR,
 * $B the installed binary, $T the installed templates' folder. */
static void sh_in(const char *dest, tu_result *r, const char *script)
{
    tu_shell(r,
             "D='%s'; B=$D/usr/bin/bcreport; T=$D/usr/share/bcreport/templates; "
             "unset BCREPORT_LOCALEDIR; %s",
             dest, script);
}

static void sh_ok(const char *dest, const char *script)
{
    tu_result r;
    sh_in(dest, &r, script);
    if (r.status != 0) /* cmocka cuts long messages: the script last */
        fail_msg("status %d\nstderr: %.600s\nstdout: %.200s\nscript: %s",
                 r.status, r.err, r.out, script);
    tu_result_fini(&r);
}

/* A tool the test drives; missing, the test is skipped loudly (a failure
 * under CI=true: make check installs it). */
static void require(const char *tool, const char *package)
{
    if (tu_sh("command -v %s >/dev/null 2>&1", tool) == 0)
        return;
    fprintf(stderr, "\n*** SKIPPED: %s not found; apt-get install %s ***\n\n",
            tool, package);
    if (tu_in_ci())
        fail_msg("CI=true: %s (Debian package %s) is required", tool,
                 package);
    skip();
}

/* ---- the program's own help: its commands and options ---------------------- */

#define MAX_WORDS 64

typedef struct words {
    char *w[MAX_WORDS];
    size_t n;
} words;

static void words_fini(words *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i]);
    ws->n = 0;
}

static void words_add(words *ws, const char *s, size_t len)
{
    assert_true(ws->n < MAX_WORDS);
    ws->w[ws->n] = malloc(len + 1);
    memcpy(ws->w[ws->n], s, len);
    ws->w[ws->n][len] = '\0';
    ws->n++;
}

static char *help_of(const char *command)
{
    tu_result r;
    if (command)
        tu_shell(&r, "$BCREPORT help %s", command);
    else
        tu_shell(&r, "$BCREPORT --help");
    assert_int_equal(r.status, 0);
    char *out = r.out;
    r.out = NULL;
    tu_result_fini(&r);
    return out;
}

/* The lines of text after the line starting with heading, up to an empty
 * line, each passed to fn. */
static void each_line_after(const char *text, const char *heading,
                            void (*fn)(const char *line, size_t len,
                                       words *ws),
                            words *ws)
{
    const char *p = strstr(text, heading);
    if (!p)
        return;
    p = strchr(p, '\n');
    while (p && p[1] && p[1] != '\n') {
        const char *line = p + 1;
        p = strchr(line, '\n');
        fn(line, p ? (size_t)(p - line) : strlen(line), ws);
    }
}

/* "  build    write the report ..." gives "build". */
static void command_of_line(const char *line, size_t len, words *ws)
{
    (void)len;
    size_t sp = strspn(line, " ");
    size_t n = strcspn(line + sp, " \n");
    if (sp == 2 && n)
        words_add(ws, line + sp, n);
}

/* An option line, "  -o, --output=FILE  ..." or "      --force  ...",
 * gives "-o" and "--output"; the lines that go on with a description are
 * indented further. */
static void options_of_line(const char *line, size_t len, words *ws)
{
    (void)len;
    size_t sp = strspn(line, " ");
    if (sp > 6 || line[sp] != '-')
        return;
    const char *p = line + sp;
    if (p[1] != '-') {
        words_add(ws, p, 2);
        p += 2;
        p += strspn(p, ", ");
    }
    if (!strncmp(p, "--", 2))
        words_add(ws, p, strcspn(p, "= \n"));
}

static void commands_of_help(words *ws)
{
    char *help = help_of(NULL);
    each_line_after(help, "Commands:", command_of_line, ws);
    free(help);
    assert_true(ws->n >= 7);
}

/* The options of command, or the global ones for NULL. */
static void options_of(const char *command, words *ws)
{
    char *help = help_of(command);
    each_line_after(help, command ? "Options:" : "Options (also after",
                    options_of_line, ws);
    free(help);
}

static bool has_word(const words *ws, const char *w)
{
    for (size_t i = 0; i < ws->n; i++)
        if (!strcmp(ws->w[i], w))
            return true;
    return false;
}

/* ---- what is installed ------------------------------------------------------ */

/* The binary, the catalogue, every template, the manual page and the
 * completion, each a copy of its source, and nothing else. */
static void test_install_puts_each_file(void **state)
{
    (void)state;
    char *dest = install();
    size_t n_templates;
    char **templates = tu_list_files("templates", "", ".mustache",
                                     &n_templates);
    assert_true(n_templates >= 30);
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script,
                  "set -e; test -x $B; cmp $B '%s'; "
                  "cmp $D/usr/share/man/man1/bcreport.1 docs/bcreport.1; "
                  "cmp $D/usr/share/bash-completion/completions/bcreport "
                  "completion/bcreport.bash; "
                  "test -s $D/usr/share/locale/vi/LC_MESSAGES/bcreport.mo; ",
                  tu_real_bin());
    for (size_t i = 0; i < n_templates; i++)
        bc_buf_printf(&script, "cmp $T/%s templates/%s; ", templates[i],
                      templates[i]);
    bc_buf_printf(&script, "test $(find $D ! -type d | wc -l) -eq %zu",
                  n_templates + 4);
    sh_ok(dest, script.ptr);
    bc_buf_fini(&script);
    tu_free_names(templates, n_templates);
    remove_tree(dest);
}

/* The installed binary builds the examples as the build tree's does:
 * its templates, installed unchanged, are the built-in ones. */
static void test_installed_binary_builds_the_golden_report(void **state)
{
    (void)state;
    char *dest = install();
    sh_ok(dest, "set -e; $B build data/2023.yaml > $D/out.md; "
                "cmp $D/out.md tests/golden/2023.md; "
                "$B build -f html data/2025-xa.yaml > $D/out.html; "
                "cmp $D/out.html tests/golden/2025-xa.html; "
                "$B build data/2023.yaml -o $D/out.docx; "
                "$BCREPORT build data/2023.yaml -o $D/built-in.docx; "
                "cmp $D/out.docx $D/built-in.docx");
    remove_tree(dest);
}

/* The installed catalogue is the build's, and the installed binary finds
 * it beside itself: under LANG=vi_VN.UTF-8 it speaks Vietnamese and says
 * what the build tree's binary says; a catalogue put in its place is the
 * one read. */
static void test_installed_binary_finds_its_catalogue(void **state)
{
    (void)state;
    char *dest = install();
    bc_buf builddir = BC_BUF_INIT;
    build_dir_of(tu_real_bin(), &builddir);
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script,
                  "set -e; cmp $D/usr/share/locale/vi/LC_MESSAGES/bcreport.mo "
                  "'%s/locale/vi/LC_MESSAGES/bcreport.mo'; "
                  "for args in --help 'help build' 'chek'; do "
                  "  LANG=vi_VN.UTF-8 $B $args > $D/a 2>&1 || true; "
                  "  LANG=vi_VN.UTF-8 $BCREPORT $args > $D/b 2>&1 || true; "
                  "  cmp $D/a $D/b; "
                  "done",
                  builddir.ptr);
    sh_ok(dest, script.ptr);
    bc_buf_fini(&script);
    bc_buf_fini(&builddir);

    /* po/vi.po is translated: the installed binary speaks Vietnamese */
    tu_result r;
    sh_in(dest, &r, "LANG=vi_VN.UTF-8 $B chek");
    assert_int_equal(r.status, 64);
    if (!strstr(r.err, "bcreport: lỗi: ") || strstr(r.err, "error"))
        fail_msg("not in Vietnamese:\n%s", r.err);
    tu_result_fini(&r);

    /* A catalogue of one message, in place of the installed one. */
    sh_in(dest, &r,
          "set -e; printf '%s\\n' 'msgid \"\"' "
          "'msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"' '' "
          "'msgid \"unknown command \\\"%s\\\"; did you mean \\\"%s\\\"?\"' "
          "'msgstr \"không có lệnh \\\"%s\\\"; có phải là \\\"%s\\\"?\"' "
          "> $D/one.po; "
          "msgfmt -o $D/usr/share/locale/vi/LC_MESSAGES/bcreport.mo $D/one.po; "
          "LANG=vi_VN.UTF-8 $B chek || echo status $?; "
          "LANG=C.UTF-8 $B chek || echo status $?");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "status 64\nstatus 64\n");
    if (!strstr(r.err, "không có lệnh \"chek\"; có phải là \"check\"?\n"))
        fail_msg("the installed catalogue was not read:\n%s", r.err);
    if (!strstr(r.err, "unknown command \"chek\"; did you mean \"check\"?"))
        fail_msg("not in English under LANG=C.UTF-8:\n%s", r.err);
    tu_result_fini(&r);
    remove_tree(dest);
}

/* ---- installed templates ---------------------------------------------------- */

#define MARKER "<!-- mẫu của văn phòng -->"

/* report.md edited where it is installed: the marker heads the report. */
static void mark_installed_report_md(const char *dest)
{
    sh_ok(dest, "set -e; sed -i 's/^{{> header.md}}$/" MARKER
                "\\n{{> header.md}}/' $T/report.md.mustache; "
                "grep -q 'văn phòng' $T/report.md.mustache");
}

static char *golden_with_marker(void)
{
    char *golden = tu_read_file("tests/golden/2023.md", NULL);
    assert_non_null(golden);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, MARKER "\n%s", golden);
    free(golden);
    return bc_buf_detach(&want, NULL);
}

static void expect_build(const char *dest, const char *args,
                         const char *want)
{
    tu_result r;
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script, "$B build %s", args);
    sh_in(dest, &r, script.ptr);
    bc_buf_fini(&script);
    if (r.status != 0)
        fail_msg("build %s: status %d\n%s", args, r.status, r.err);
    if (strcmp(r.out, want) != 0)
        fail_msg("build %s printed:\n%.400s\n...", args, r.out);
    tu_result_fini(&r);
}

/* An office edits the installed report.md: the report changes; its
 * partials, and the other formats, still come from where they did. */
static void test_installed_template_replaces_the_built_in_one(void **state)
{
    (void)state;
    char *dest = install();
    mark_installed_report_md(dest);
    char *want = golden_with_marker();
    expect_build(dest, "data/2023.yaml", want);
    char *html = tu_read_file("tests/golden/2023.html", NULL);
    expect_build(dest, "-f html data/2023.yaml", html);
    free(html);

    /* Every other template gone from the folder: the built-in ones. */
    sh_ok(dest, "set -e; cd $T; for f in *.mustache; do "
                "[ $f = report.md.mustache ] || rm $f; done; "
                "test $(ls | wc -l) -eq 1");
    expect_build(dest, "data/2023.yaml", want);
    html = tu_read_file("tests/golden/2023.html", NULL);
    expect_build(dest, "-f html data/2023.yaml", html);
    free(html);
    sh_ok(dest, "set -e; $B build data/2023.yaml -o $D/a.docx; "
                "$BCREPORT build data/2023.yaml -o $D/b.docx; "
                "cmp $D/a.docx $D/b.docx");
    free(want);
    remove_tree(dest);
}

/* A partial is looked for in the folder too: header.md, named by the
 * built-in report.md once the installed one is gone. */
static void test_installed_partial_replaces_the_built_in_one(void **state)
{
    (void)state;
    char *dest = install();
    sh_ok(dest, "set -e; rm $T/report.md.mustache; "
                "sed -i 's/^# {{type}}$/# {{type}} (VĂN PHÒNG)/' "
                "$T/header.md.mustache");
    tu_result r;
    sh_in(dest, &r, "$B build data/2023.yaml");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n# BÁO CÁO (VĂN PHÒNG)\n"));
    tu_result_fini(&r);
    remove_tree(dest);
}

/* new's skeleton is a template like the others. */
static void test_installed_skeleton_is_used_by_new(void **state)
{
    (void)state;
    char *dest = install();
    sh_ok(dest, "set -e; sed -i '1i # Mẫu của văn phòng' $T/new.yaml.mustache; "
                "$B new --year 2026 | head -n 1 | grep -qx '# Mẫu của văn phòng'; "
                "$B new --year 2026 -o $D/n.yaml; $B check $D/n.yaml");
    remove_tree(dest);
}

/* A broken installed template, or one that cannot be read, is an error
 * at its own path: it is never passed over for the built-in one. */
static void test_broken_installed_template_is_reported(void **state)
{
    (void)state;
    char *dest = install();
    tu_result r;
    sh_in(dest, &r, "printf '{{#x}}\\n' > $T/header.md.mustache; "
                    "$B build data/2023.yaml");
    assert_int_equal(r.status, 65);
    assert_string_equal(r.out, "");
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "%s/usr/share/bcreport/templates/header.md.mustache:1:1: "
                  "error: unclosed section \"x\"\n",
                  dest);
    if (strncmp(r.err, want.ptr, want.len) != 0)
        fail_msg("expected %s, got:\n%s", want.ptr, r.err);
    bc_buf_fini(&want);
    tu_result_fini(&r);

    /* one that cannot be read (a link to itself) */
    sh_in(dest, &r, "(cd $T && rm header.md.mustache && "
                    "ln -s header.md.mustache header.md.mustache) && "
                    "$B build data/2023.yaml");
    assert_int_equal(r.status, 65);
    assert_string_equal(r.out, "");
    if (!strstr(r.err, "cannot load template \"header.md\": ") ||
        !strstr(r.err, "header.md.mustache: Too many levels of symbolic "
                       "links\n"))
        fail_msg("expected the link named, got:\n%s", r.err);
    tu_result_fini(&r);
    remove_tree(dest);
}

/* -T DIR is read alone: the installed templates do not count. */
static void test_templates_option_wins_over_installed(void **state)
{
    (void)state;
    char *dest = install();
    mark_installed_report_md(dest);
    char *golden = tu_read_file("tests/golden/2023.md", NULL);
    expect_build(dest, "-T templates data/2023.yaml", golden);
    free(golden);
    remove_tree(dest);
}

/* The installed tree moved elsewhere still finds its files. */
static void test_installed_tree_can_move(void **state)
{
    (void)state;
    char *dest = install();
    mark_installed_report_md(dest);
    sh_ok(dest, "set -e; mkdir $D/opt; mv $D/usr $D/opt/bcreport");
    char *want = golden_with_marker();
    tu_result r;
    sh_in(dest, &r, "$D/opt/bcreport/bin/bcreport build data/2023.yaml");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, want);
    tu_result_fini(&r);
    free(want);
    remove_tree(dest);
}

/* ./bcreport and build/asan/bcreport have no share folder beside them
 * and do not run from BC_BINDIR: they open no template file and find no
 * template folder (strace shows every file they look at), and nor do the
 * test programs. */
static void test_build_tree_reads_no_installed_template(void **state)
{
    (void)state;
    bc_buf dir = BC_BUF_INIT;
    assert_false(bc_installed_template_dir(&dir));
    assert_int_equal(dir.len, 0);
    bc_buf_fini(&dir);

    require("strace", "strace");
    tu_result r;
    tu_shell(&r, "d=$(mktemp -d); ASAN_OPTIONS=detect_leaks=0 strace -f "
                 "-o $d/trace -e trace=%%file $BCREPORT build data/2023.yaml "
                 ">/dev/null && grep -q 'data/2023.yaml' $d/trace && "
                 "echo traced; grep -E 'mustache|share/bcreport/templates' "
                 "$d/trace | grep -v ENOENT; rm -rf $d");
    assert_string_equal(r.out, "traced\n");
    tu_result_fini(&r);
}

/* ---- the manual page ---------------------------------------------------------- */

/* The text of the man page's part that starts with the line start, up
 * to the next section or subsection; NULL if there is none. */
static char *man_part(const char *page, const char *start)
{
    bc_buf head = BC_BUF_INIT;
    bc_buf_printf(&head, "\n%s", start);
    const char *p = strstr(page, head.ptr);
    bc_buf_fini(&head);
    if (!p)
        return NULL;
    p++;
    const char *end = p + 1;
    while ((end = strchr(end, '\n')) && strncmp(end, "\n.SH", 4) &&
           strncmp(end, "\n.SS", 4))
        end++;
    return strndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* The subsection of a command: ".SS schema" or ".SS \"build \\fR...". */
static char *man_command_part(const char *page, const char *command)
{
    bc_buf head = BC_BUF_INIT;
    bc_buf_printf(&head, ".SS %s\n", command);
    char *part = man_part(page, head.ptr);
    if (!part) {
        bc_buf_clear(&head);
        bc_buf_printf(&head, ".SS \"%s ", command);
        part = man_part(page, head.ptr);
    }
    bc_buf_fini(&head);
    return part;
}

/* An option as roff writes it: each "-" as "\-". */
static bool man_mentions(const char *text, const char *option)
{
    bc_buf roff = BC_BUF_INIT;
    for (const char *c = option; *c; c++)
        bc_buf_puts(&roff, *c == '-' ? "\\-" : (char[]){*c, 0});
    bool found = strstr(text, roff.ptr) != NULL;
    bc_buf_fini(&roff);
    return found;
}

/* man -l and groff render the installed page without a warning. */
static void test_man_page_renders_without_warnings(void **state)
{
    (void)state;
    require("man", "man-db");
    require("groff", "groff-base");
    char *dest = install();
    static const char *const scripts[] = {
        "MANWIDTH=80 man --warnings -E UTF-8 -l $D/usr/share/man/man1/bcreport.1",
        "LC_ALL=C MANWIDTH=80 man --warnings -l $D/usr/share/man/man1/bcreport.1",
        "groff -man -Tutf8 -ww -z $D/usr/share/man/man1/bcreport.1",
        "groff -man -Tascii -ww -z $D/usr/share/man/man1/bcreport.1",
    };
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
        tu_result r;
        sh_in(dest, &r, scripts[i]);
        if (r.status != 0 || r.err_len)
            fail_msg("%s: status %d\n%s", scripts[i], r.status, r.err);
        if (i == 0) {
            assert_non_null(strstr(r.out, "BCREPORT(1)"));
            assert_non_null(strstr(r.out, "(BÁO CÁO)")); /* justified: spaces vary */
            assert_non_null(strstr(r.out, "\nEXIT STATUS\n"));
        }
        if (i == 1)
            assert_non_null(strstr(r.out, "(Noi nhan)"));
        tu_result_fini(&r);
    }
    remove_tree(dest);
}

/* Every command and every option of the program's own help is
 * described, each option under its command; every exit status; the
 * environment; the guide in Vietnamese.  The page is ASCII (groff
 * escapes for Vietnamese letters). */
static void test_man_page_describes_every_command(void **state)
{
    (void)state;
    char *page = tu_read_file("docs/bcreport.1", NULL);
    assert_non_null(page);
    for (const unsigned char *c = (const unsigned char *)page; *c; c++)
        if (*c >= 0x80)
            fail_msg("docs/bcreport.1 is not ASCII at byte %zu",
                     (size_t)(c - (const unsigned char *)page));
    words commands = {0};
    commands_of_help(&commands);
    for (size_t i = 0; i < commands.n; i++) {
        char *part = man_command_part(page, commands.w[i]);
        if (!part)
            fail_msg("docs/bcreport.1 has no .SS for %s", commands.w[i]);
        words options = {0};
        options_of(commands.w[i], &options);
        for (size_t j = 0; j < options.n; j++)
            if (!man_mentions(part, options.w[j]))
                fail_msg("docs/bcreport.1: %s's option %s is not described",
                         commands.w[i], options.w[j]);
        words_fini(&options);
        free(part);
    }
    words_fini(&commands);

    words globals = {0};
    options_of(NULL, &globals);
    assert_true(has_word(&globals, "--color"));
    char *part = man_part(page, ".SH GLOBAL OPTIONS");
    assert_non_null(part);
    for (size_t j = 0; j < globals.n; j++)
        if (!man_mentions(part, globals.w[j]))
            fail_msg("docs/bcreport.1: global option %s not described",
                     globals.w[j]);
    words_fini(&globals);
    free(part);

    /* "Exit status: 0 success, 64 usage error, ..." */
    char *help = help_of(NULL);
    const char *p = strstr(help, "Exit status:");
    assert_non_null(p);
    part = man_part(page, ".SH EXIT STATUS");
    assert_non_null(part);
    size_t statuses = 0;
    for (const char *end = strstr(p, "\n\n"); p < end; p++)
        if (p[-1] == ' ' && p[0] >= '0' && p[0] <= '9') {
            bc_buf item = BC_BUF_INIT;
            bc_buf_printf(&item, ".B %.*s\n", (int)strspn(p, "0123456789"),
                          p);
            if (!strstr(part, item.ptr))
                fail_msg("docs/bcreport.1: exit status %s", item.ptr);
            bc_buf_fini(&item);
            statuses++;
            p += strspn(p, "0123456789");
        }
    assert_int_equal(statuses, 9);
    free(help);
    free(part);

    part = man_part(page, ".SH ENVIRONMENT");
    assert_non_null(part);
    static const char *const env[] = {"LANG", "LANGUAGE", "LC_ALL",
                                      "LC_MESSAGES", "NO_COLOR",
                                      "BCREPORT_LOCALEDIR"};
    for (size_t i = 0; i < sizeof env / sizeof env[0]; i++)
        if (!strstr(part, env[i]))
            fail_msg("docs/bcreport.1: %s is not in ENVIRONMENT", env[i]);
    free(part);
    static const char *const sections[] = {
        ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH FILES",
        ".SH EXAMPLES", ".SH SEE ALSO", ".SH TEMPLATES"};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (!strstr(page, sections[i]))
            fail_msg("docs/bcreport.1 has no %s", sections[i]);
    assert_non_null(strstr(page, "huong\\-dan.md"));
    assert_non_null(strstr(page, "share/bcreport/templates"));
    free(page);
}

/* ---- bash completion ---------------------------------------------------------- */

/* Completes words (the command line, the last word being completed) with
 * the installed completion in a bash without start-up files, in folder
 * dir (NULL: the repository); returns COMPREPLY, one a line. */
static char *complete_line(const char *dest, const char *dir,
                           const char *line, bool sorted)
{
    tu_result r;
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script,
                  "cat > $D/complete.sh <<'EOF'\n"
                  ". \"$1\"/usr/share/bash-completion/completions/bcreport\n"
                  "COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                  "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                  "$(complete -p bcreport | sed -n 's/.* -F \\([^ ]*\\) .*/\\1/p')\n"
                  "[ ${#COMPREPLY[@]} -eq 0 ] || "
                  "printf '%%s\\n' \"${COMPREPLY[@]}\"%s\n"
                  "EOF\n"
                  "cd '%s' && bash --norc --noprofile $D/complete.sh $D",
                  line, sorted ? " | LC_ALL=C sort" : "", dir ? dir : ".");
    sh_in(dest, &r, script.ptr);
    bc_buf_fini(&script);
    if (r.status != 0 || r.err_len)
        fail_msg("completing %s: status %d\n%s", line, r.status, r.err);
    char *out = r.out;
    r.out = NULL;
    tu_result_fini(&r);
    return out;
}

/* Completions of the files of a folder come in the folder's order: they
 * are sorted before they are compared (commands and values are not). */
static void expect_completion(const char *dest, const char *dir,
                              const char *line, const char *want)
{
    char *got = complete_line(dest, dir, line, dir != NULL);
    if (strcmp(got, want) != 0)
        fail_msg("completing (%s): expected\n%sgot\n%s", line, want, got);
    free(got);
}

static bool completes(const char *got, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = got; (p = strstr(p, word)); p++)
        if ((p == got || p[-1] == '\n') &&
            (p[n] == '\n' || (p[n] == '=' && p[n + 1] == '\n')))
            return true;
    return false;
}

/* Commands, each command's options, formats, levels, colours. */
static void test_completion_of_commands_and_values(void **state)
{
    (void)state;
    require("bash", "bash");
    char *dest = install();
    expect_completion(dest, NULL, "bcreport ''",
                      "new\ninit\nbuild\ncheck\nsummary\ndump\nrender\nschema\n"
                      "help\n");
    expect_completion(dest, NULL, "bcreport b", "build\n");
    expect_completion(dest, NULL, "bcreport build -f ''",
                      "md\nhtml\ndocx\npdf\n");
    expect_completion(dest, NULL, "bcreport build data/2023.yaml --format h",
                      "html\n");
    expect_completion(dest, NULL, "bcreport build --format = d",
                      "docx\n");
    expect_completion(dest, NULL, "bcreport summary -f ''",
                      "md\nhtml\ndocx\npdf\nxlsx\ncsv\n");
    expect_completion(dest, NULL, "bcreport summary --format=x",
                      "xlsx\n");
    /* where "=" does not break words, the word is all of --format=d */
    tu_result r;
    sh_in(dest, &r,
          "bash --norc --noprofile -c '"
          ". $0/usr/share/bash-completion/completions/bcreport; "
          "COMP_WORDBREAKS=\" \"; COMP_WORDS=(bcreport build --format=d); "
          "COMP_CWORD=2; _bcreport; echo \"${COMPREPLY[*]}\"' $D");
    assert_string_equal(r.out, "--format=docx\n");
    tu_result_fini(&r);
    expect_completion(dest, NULL, "bcreport new --level ''",
                      "xa\ntinh\nso\n");
    expect_completion(dest, NULL, "bcreport new -l t", "tinh\n");
    expect_completion(dest, NULL, "bcreport --color ''",
                      "auto\nalways\nnever\n");
    expect_completion(dest, NULL, "bcreport check --color=a",
                      "auto\nalways\n");
    expect_completion(dest, NULL, "bcreport --color never ''",
                      "new\ninit\nbuild\ncheck\nsummary\ndump\nrender\nschema\n"
                      "help\n");
    expect_completion(dest, NULL, "bcreport render -e ''",
                      "html\nmarkdown\nnone\n");
    expect_completion(dest, NULL, "bcreport help bu", "build\n");
    expect_completion(dest, NULL, "bcreport build --w", "--watch\n");
    expect_completion(dest, NULL, "bcreport check --f", "--final\n");
    expect_completion(dest, NULL, "bcreport new --f", "--force\n");

    /* Every command of the program's help, and each of its options. */
    char *all = complete_line(dest, NULL, "bcreport ''", false);
    words commands = {0};
    commands_of_help(&commands);
    for (size_t i = 0; i < commands.n; i++) {
        if (!completes(all, commands.w[i]))
            fail_msg("the command %s is not completed", commands.w[i]);
        bc_buf line = BC_BUF_INIT;
        bc_buf_printf(&line, "bcreport %s -", commands.w[i]);
        char *got = complete_line(dest, NULL, line.ptr, false);
        words options = {0};
        options_of(commands.w[i], &options);
        for (size_t j = 0; j < options.n; j++)
            if (!completes(got, options.w[j]))
                fail_msg("%s: the option %s is not completed:\n%s",
                         commands.w[i], options.w[j], got);
        words_fini(&options);
        free(got);
        bc_buf_fini(&line);
    }
    words_fini(&commands);
    free(all);
    words globals = {0};
    options_of(NULL, &globals);
    char *got = complete_line(dest, NULL, "bcreport -", false);
    for (size_t j = 0; j < globals.n; j++)
        if (!completes(got, globals.w[j]))
            fail_msg("the global option %s is not completed:\n%s",
                     globals.w[j], got);
    free(got);
    words_fini(&globals);
    remove_tree(dest);
}

/* Data files: folders, and the files named *.yaml or *.yml. */
static void test_completion_of_data_files(void **state)
{
    (void)state;
    require("bash", "bash");
    char *dest = install();
    sh_ok(dest, "set -e; mkdir -p \"$D/w/sub dir\" $D/w/out; cd $D/w; "
                "touch 'a b.yaml' c.YML d.txt e.yaml.bak sub.yml");
    bc_buf dir = BC_BUF_INIT;
    bc_buf_printf(&dir, "%s/w", dest);
    expect_completion(dest, dir.ptr, "bcreport build ''",
                      "a b.yaml\nc.YML\nout\nsub dir\nsub.yml\n");
    expect_completion(dest, dir.ptr, "bcreport check s",
                      "sub dir\nsub.yml\n");
    expect_completion(dest, dir.ptr, "bcreport build -T ''",
                      "out\nsub dir\n");
    expect_completion(dest, dir.ptr, "bcreport build -o out/x.md a", "a b.yaml\n");
    expect_completion(dest, dir.ptr, "bcreport summary c", "c.YML\n");
    expect_completion(dest, dir.ptr, "bcreport new ''", "");
    expect_completion(dest, dir.ptr, "bcreport init --from ''",
                      "a b.yaml\nc.YML\nout\nsub dir\nsub.yml\n");
    expect_completion(dest, dir.ptr, "bcreport init --from=s",
                      "sub dir\nsub.yml\n");
    bc_buf_fini(&dir);
    remove_tree(dest);
}

/* ---- uninstalling ------------------------------------------------------------- */

/* make uninstall removes every file make install put; a template the
 * office added of its own stays, with its folder. */
static void test_uninstall_removes_every_file(void **state)
{
    (void)state;
    char *dest = install();
    run_make("uninstall", dest);
    sh_ok(dest, "set -e; test -z \"$(find $D ! -type d)\"; "
                "test ! -e $D/usr/share/bcreport");
    tu_sh("rm -rf '%s'/usr", dest);
    run_make("install", dest);
    sh_ok(dest, "echo '{{> header.md}}' > $T/office.md.mustache");
    run_make("uninstall", dest);
    sh_ok(dest, "set -e; test \"$(find $D ! -type d)\" = "
                "$T/office.md.mustache");
    remove_tree(dest);
}

/* ---- the Debian package -------------------------------------------------------- */

/* dpkg-buildpackage -us -uc -b builds the package from a copy of the
 * tree (in a clean environment: none of the suite's make variables); it
 * holds what make install puts, with PREFIX=/usr, and the guide; its
 * Build-Depends are the Makefile's packages; its binary, unpacked
 * anywhere, builds the golden report. */
static void test_debian_package_builds(void **state)
{
    (void)state;
    require("dpkg-buildpackage", "dpkg-dev");
    require("dh", "debhelper");
    char *dest = strdup("/tmp/bctest-deb-XXXXXX");
    assert_non_null(mkdtemp(dest));
    size_t n_templates;
    char **templates = tu_list_files("templates", "", ".mustache",
                                     &n_templates);
    bc_buf script = BC_BUF_INIT;
    bc_buf_puts(&script,
                "set -e; src=$D/bcreport-src; mkdir $src; "
                "tar -cf - --exclude=./build --exclude=./bcreport "
                "--exclude=./.git --exclude=./debian/bcreport "
                "--exclude=./debian/.debhelper --exclude=./debian/tmp "
                "--exclude=./debian/files --exclude='./debian/*.substvars' "
                "--exclude=./debian/debhelper-build-stamp . | tar -C $src -xf -; "
                /* the Makefile's packages, as deps.sh names them */
                "deps=$(awk '/^Build-Depends:/ {f = 1; print; next} "
                "/^[^ ]/ {f = 0} f' debian/control); "
                "for pc in $(sed -n 's/^PKGS = //p' Makefile); do "
                "  deb=$(sed -n \"s/^ *$pc) need \\([^ ]*\\) ;;/\\1/p\" "
                "scripts/deps.sh); test -n \"$deb\"; "
                "  echo \"$deps\" | grep -qw \"$deb\" || "
                "{ echo \"Build-Depends lacks $deb\" >&2; exit 1; }; "
                "done; "
                "for deb in gettext pkg-config 'debhelper-compat (= 13)'; do "
                "  echo \"$deps\" | grep -qF \"$deb\"; done; "
                "(cd $src && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "
                "HOME=$D LANG=C.UTF-8 DEB_BUILD_OPTIONS=parallel=2 "
                "dpkg-buildpackage -us -uc -b > $D/log 2>&1) || "
                "{ tail -n 40 $D/log >&2; exit 1; }; "
                "version=$(cd $src && dpkg-parsechangelog -S Version); "
                "deb=$D/bcreport_${version}_$(dpkg --print-architecture).deb; "
                "dpkg-deb -c $deb | awk '{print $6}' > $D/list; "
                "for f in usr/bin/bcreport "
                "usr/share/locale/vi/LC_MESSAGES/bcreport.mo "
                "usr/share/man/man1/bcreport.1.gz "
                "usr/share/bash-completion/completions/bcreport "
                "usr/share/doc/bcreport/copyright "
                "usr/share/doc/bcreport/huong-dan.md.gz");
    for (size_t i = 0; i < n_templates; i++)
        bc_buf_printf(&script, " usr/share/bcreport/templates/%s",
                      templates[i]);
    bc_buf_puts(&script,
                "; do grep -qx \"./$f\" $D/list || "
                "{ echo \"the package lacks $f\" >&2; exit 1; }; done; "
                "dpkg-deb -f $deb Depends | grep -q libyaml; "
                "dpkg-deb -x $deb $D/root; "
                "test \"$($D/root/usr/bin/bcreport --version)\" = "
                "\"bcreport $version\"; "
                "$D/root/usr/bin/bcreport build data/2023.yaml > $D/out.md; "
                "cmp $D/out.md tests/golden/2023.md; "
                "zcat $D/root/usr/share/man/man1/bcreport.1.gz | "
                "cmp - docs/bcreport.1");
    sh_ok(dest, script.ptr);
    bc_buf_fini(&script);
    tu_free_names(templates, n_templates);
    remove_tree(dest);
}

int main(void)
{
    tu_bin(); /* resolve $BCREPORT_BIN before any test runs */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_install_puts_each_file),
        cmocka_unit_test(test_installed_binary_builds_the_golden_report),
        cmocka_unit_test(test_installed_binary_finds_its_catalogue),
        cmocka_unit_test(test_installed_template_replaces_the_built_in_one),
        cmocka_unit_test(test_installed_partial_replaces_the_built_in_one),
        cmocka_unit_test(test_installed_skeleton_is_used_by_new),
        cmocka_unit_test(test_broken_installed_template_is_reported),
        cmocka_unit_test(test_templates_option_wins_over_installed),
        cmocka_unit_test(test_installed_tree_can_move),
        cmocka_unit_test(test_build_tree_reads_no_installed_template),
        cmocka_unit_test(test_man_page_renders_without_warnings),
        cmocka_unit_test(test_man_page_describes_every_command),
        cmocka_unit_test(test_completion_of_commands_and_values),
        cmocka_unit_test(test_completion_of_data_files),
        cmocka_unit_test(test_uninstall_removes_every_file),
        cmocka_unit_test(test_debian_package_builds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
