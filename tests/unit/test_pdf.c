/* test_pdf.c - the PDF engines: found on PATH or by path, or an error
 * naming the package; run with the documented command line in a folder
 * of their own that is always removed; their PDF checked, not their exit
 * status; stopped after the timeout or when bcreport gets a fatal signal,
 * with whatever they started.  Fake engines are shell scripts; the real
 * Chromium and LibreOffice print once each when installed. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "bcreport/pdf.h"

/* What the fake engines write, and the shell that writes it to $out. */
#define FAKE_PDF "%PDF-1.4\n%fake\n%%EOF\n"
#define WRITE_FAKE_PDF "printf '%%PDF-1.4\\n%%fake\\n%%%%EOF\\n' > \"$out\"\n"
/* Sets $out from --print-to-pdf=, as Chromium reads it. */
#define CHROMIUM_OUT                                                          \
    "for a; do case $a in --print-to-pdf=*) out=${a#--print-to-pdf=};; "      \
    "esac; done\n"
/* Records the arguments, one a line, and HOME. */
#define RECORD                                                                \
    "for a; do printf '%s\\n' \"$a\"; done > \"$run/args\"\n"                 \
    "printf '%s\\n' \"$HOME\" > \"$run/home\"\n"
/* Writes its pid, starts a child that writes its own, and waits. */
#define HANG                                                                  \
    "echo $$ > \"$run/engine.tmp\" && mv \"$run/engine.tmp\" "                \
    "\"$run/engine.pid\"\n"                                                   \
    "sleep 100 &\n"                                                           \
    "echo $! > \"$run/child.tmp\" && mv \"$run/child.tmp\" "                  \
    "\"$run/child.pid\"\n"                                                    \
    "wait\n"

#define HTML                                                                  \
    "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"         \
    "<title>Báo cáo thử</title></head><body><p>Báo cáo</p></body></html>"

/* Each test gets a folder: bin/ for fake engines, run/ for what they
 * record, tmp/ for $TMPDIR (empty again after every print). */
typedef struct fixture {
    char *root;
    bc_buf bin, run, tmp;
    char *saved_path, *saved_tmpdir;
    bc_pdf_engine engine;
    bc_diags diags;
    bc_buf out;
} fixture;

static char *saved_env(const char *name)
{
    const char *v = getenv(name);
    return v ? bc_xstrdup(v) : NULL;
}

static void restore_env(const char *name, char *value)
{
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
    free(value);
}

static void make_dir(bc_buf *path, const char *root, const char *name)
{
    bc_buf_printf(path, "%s/%s", root, name);
    assert_int_equal(mkdir(path->ptr, 0700), 0);
}

static int setup(void **state)
{
    fixture *fx = bc_xcalloc(1, sizeof *fx);
    char root[] = "/tmp/bctest-pdf-XXXXXX";
    assert_non_null(mkdtemp(root));
    fx->root = realpath(root, NULL);
    assert_non_null(fx->root);
    make_dir(&fx->bin, fx->root, "bin");
    make_dir(&fx->run, fx->root, "run");
    make_dir(&fx->tmp, fx->root, "tmp");
    fx->saved_path = saved_env("PATH");
    fx->saved_tmpdir = saved_env("TMPDIR");
    setenv("TMPDIR", fx->tmp.ptr, 1);
    unsetenv("BCREPORT_PDF_TIMEOUT");
    bc_diags_init(&fx->diags);
    *state = fx;
    return 0;
}

static void kill_recorded(const fixture *fx);

static int teardown(void **state)
{
    fixture *fx = *state;
    kill_recorded(fx);
    restore_env("PATH", fx->saved_path);
    restore_env("TMPDIR", fx->saved_tmpdir);
    unsetenv("BCREPORT_PDF_TIMEOUT");
    tu_result r;
    tu_shell(&r, "rm -rf '%s'", fx->root);
    tu_result_fini(&r);
    bc_pdf_engine_fini(&fx->engine);
    bc_diags_fini(&fx->diags);
    bc_buf_fini(&fx->out);
    bc_buf_fini(&fx->bin);
    bc_buf_fini(&fx->run);
    bc_buf_fini(&fx->tmp);
    free(fx->root);
    free(fx);
    return 0;
}

/* ---- helpers ---- */

/* Writes a script for shell bin/name (with $run set to the run folder)
 * and returns its path. */
static char *script_for(fixture *fx, const char *shell, const char *name,
                        const char *body, mode_t mode)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", fx->bin.ptr, name);
    FILE *f = fopen(path.ptr, "w");
    assert_non_null(f);
    fprintf(f, "#!%s\nrun='%s'\n%s", shell, fx->run.ptr, body);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path.ptr, mode), 0);
    return bc_buf_detach(&path, NULL);
}

static char *script(fixture *fx, const char *name, const char *body,
                    mode_t mode)
{
    return script_for(fx, "/bin/sh", name, body, mode);
}

/* The fixture's engine: the script bin/name. */
static void fake(fixture *fx, bc_pdf_kind kind, const char *name,
                 const char *body)
{
    fx->engine.kind = kind;
    fx->engine.program = script(fx, name, body, 0755);
}

static char *run_file(const fixture *fx, const char *name)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", fx->run.ptr, name);
    char *text = tu_read_file(path.ptr, NULL);
    bc_buf_fini(&path);
    return text;
}

static void assert_run_file(const fixture *fx, const char *name,
                            const char *want)
{
    char *got = run_file(fx, name);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* The temporary folder is gone: $TMPDIR is empty. */
static void assert_tmp_empty(const fixture *fx)
{
    DIR *d = opendir(fx->tmp.ptr);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            fail_msg("left in $TMPDIR: %s", e->d_name);
    closedir(d);
}

/* Exactly one diagnostic: an error with this status and message. */
static void assert_error(const fixture *fx, bc_status status,
                         const char *file, const char *message)
{
    assert_int_equal(fx->diags.count, 1);
    assert_int_equal(fx->diags.items[0].level, BC_ERROR);
    assert_int_equal(fx->diags.status, status);
    if (file)
        assert_string_equal(fx->diags.items[0].file, file);
    else
        assert_null(fx->diags.items[0].file);
    assert_string_equal(fx->diags.items[0].message, message);
}

static bool print(fixture *fx, const char *doc)
{
    return bc_pdf_print(&fx->engine, doc, strlen(doc), &fx->out,
                        &fx->diags);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* The pid in run/name, waiting up to 10 s for the engine to write it. */
static pid_t pid_in(const fixture *fx, const char *name)
{
    for (int i = 0; i < 1000; i++) {
        char *text = run_file(fx, name);
        if (text) {
            pid_t pid = (pid_t)atol(text);
            free(text);
            assert_true(pid > 1);
            return pid;
        }
        sleep_ms(10);
    }
    fail_msg("the engine never wrote run/%s", name);
    return 0;
}

/* After a failure, nothing a fake engine started may run on: its group
 * and its child get SIGKILL. */
static void kill_recorded(const fixture *fx)
{
    const char *names[] = {"engine.pid", "child.pid"};
    for (size_t i = 0; i < 2; i++) {
        char *text = run_file(fx, names[i]);
        pid_t pid = text ? (pid_t)atol(text) : 0;
        free(text);
        if (pid > 1) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
        }
    }
}

/* Dead: no such process, or a zombie (the init here does not reap
 * orphans, so killed grandchildren may stay zombies). */
static bool dead(pid_t pid)
{
    if (kill(pid, 0) != 0)
        return errno == ESRCH;
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    char *stat = tu_read_file(path, NULL);
    if (!stat)
        return true;
    const char *p = strrchr(stat, ')');
    bool zombie = p && p[1] && (p[2] == 'Z' || p[2] == 'X');
    free(stat);
    return zombie;
}

/* SIGKILL is delivered asynchronously to processes that are not ours:
 * allow a moment. */
static void assert_dead_soon(pid_t pid)
{
    for (int i = 0; i < 300 && !dead(pid); i++)
        sleep_ms(10);
    if (!dead(pid)) {
        kill(pid, SIGKILL);
        fail_msg("process %ld is still running", (long)pid);
    }
}

/* ---- finding the engine ---- */

static void test_find_default_chromium(void **state)
{
    fixture *fx = *state;
    free(script(fx, "chromium-browser", "", 0755));
    free(script(fx, "google-chrome", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_true(bc_pdf_find_engine(NULL, &fx->engine, &fx->diags));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s/chromium-browser", fx->bin.ptr);
    assert_string_equal(fx->engine.program, want.ptr);
    assert_int_equal(fx->engine.kind, BC_PDF_CHROMIUM);
    assert_int_equal(fx->diags.count, 0);
    bc_buf_fini(&want);
}

static void test_find_chromium_first(void **state)
{
    fixture *fx = *state;
    free(script(fx, "google-chrome", "", 0755));
    free(script(fx, "chromium", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_true(bc_pdf_find_engine("chromium", &fx->engine, &fx->diags));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s/chromium", fx->bin.ptr);
    assert_string_equal(fx->engine.program, want.ptr);
    assert_int_equal(fx->engine.kind, BC_PDF_CHROMIUM);
    bc_buf_fini(&want);
}

static void test_find_libreoffice(void **state)
{
    fixture *fx = *state;
    free(script(fx, "soffice", "", 0755));
    free(script(fx, "chromium", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_true(bc_pdf_find_engine("libreoffice", &fx->engine, &fx->diags));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s/soffice", fx->bin.ptr);
    assert_string_equal(fx->engine.program, want.ptr);
    assert_int_equal(fx->engine.kind, BC_PDF_LIBREOFFICE);
    assert_int_equal(fx->diags.count, 0);
    bc_buf_fini(&want);
}

/* A path is taken as it is; its name tells which engine it is. */
static void test_find_explicit_path(void **state)
{
    fixture *fx = *state;
    char *lo = script(fx, "soffice.bin", "", 0755);
    char *chrome = script(fx, "headless-shell", "", 0755);
    assert_true(bc_pdf_find_engine(lo, &fx->engine, &fx->diags));
    assert_string_equal(fx->engine.program, lo);
    assert_int_equal(fx->engine.kind, BC_PDF_LIBREOFFICE);
    bc_pdf_engine_fini(&fx->engine);
    assert_null(fx->engine.program);
    assert_true(bc_pdf_find_engine(chrome, &fx->engine, &fx->diags));
    assert_string_equal(fx->engine.program, chrome);
    assert_int_equal(fx->engine.kind, BC_PDF_CHROMIUM);
    assert_int_equal(fx->diags.count, 0);
    free(lo);
    free(chrome);
}

/* A name without '/' is looked for on PATH. */
static void test_find_name_on_path(void **state)
{
    fixture *fx = *state;
    free(script(fx, "libreoffice7.4", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_true(
        bc_pdf_find_engine("libreoffice7.4", &fx->engine, &fx->diags));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "%s/libreoffice7.4", fx->bin.ptr);
    assert_string_equal(fx->engine.program, want.ptr);
    assert_int_equal(fx->engine.kind, BC_PDF_LIBREOFFICE);
    bc_buf_fini(&want);
}

static void test_find_missing_chromium(void **state)
{
    fixture *fx = *state;
    free(script(fx, "soffice", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_false(bc_pdf_find_engine(NULL, &fx->engine, &fx->diags));
    assert_null(fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL,
                 "no PDF engine: chromium, chromium-browser and "
                 "google-chrome are not on PATH; install the Debian package "
                 "chromium, or give --pdf-engine=libreoffice or "
                 "--pdf-engine=PATH");
}

static void test_find_missing_libreoffice(void **state)
{
    fixture *fx = *state;
    free(script(fx, "chromium", "", 0755));
    setenv("PATH", fx->bin.ptr, 1);
    assert_false(bc_pdf_find_engine("libreoffice", &fx->engine, &fx->diags));
    assert_error(fx, BC_EX_UNAVAILABLE, NULL,
                 "no PDF engine: soffice and libreoffice are not on PATH; "
                 "install the Debian package libreoffice-writer-nogui (or "
                 "libreoffice-writer), or give --pdf-engine=chromium or "
                 "--pdf-engine=PATH");
}

static void test_find_missing_name(void **state)
{
    fixture *fx = *state;
    setenv("PATH", fx->bin.ptr, 1);
    assert_false(bc_pdf_find_engine("soffice", &fx->engine, &fx->diags));
    assert_error(fx, BC_EX_UNAVAILABLE, NULL,
                 "no PDF engine: soffice is not on PATH; install the Debian "
                 "package libreoffice-writer-nogui (or libreoffice-writer), "
                 "or give --pdf-engine=chromium or --pdf-engine=PATH");
}

static void test_find_missing_path(void **state)
{
    fixture *fx = *state;
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/chromium", fx->bin.ptr);
    assert_false(bc_pdf_find_engine(path.ptr, &fx->engine, &fx->diags));
    assert_null(fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, path.ptr,
                 "cannot run the PDF engine: No such file or directory; "
                 "install the Debian package chromium, or give "
                 "--pdf-engine=PATH");
    bc_buf_fini(&path);
}

static void test_find_not_executable(void **state)
{
    fixture *fx = *state;
    char *path = script(fx, "soffice", "", 0644);
    assert_false(bc_pdf_find_engine(path, &fx->engine, &fx->diags));
    assert_error(fx, BC_EX_UNAVAILABLE, path,
                 "cannot run the PDF engine: not executable; install the "
                 "Debian package libreoffice-writer-nogui (or "
                 "libreoffice-writer), or give --pdf-engine=PATH");
    free(path);
}

/* Not executable on PATH is not found, and a folder is no program. */
static void test_find_skips_non_programs(void **state)
{
    fixture *fx = *state;
    free(script(fx, "chromium", "", 0644));
    bc_buf dir = BC_BUF_INIT;
    make_dir(&dir, fx->bin.ptr, "chromium-browser");
    setenv("PATH", fx->bin.ptr, 1);
    assert_false(bc_pdf_find_engine(NULL, &fx->engine, &fx->diags));
    assert_int_equal(fx->diags.status, BC_EX_UNAVAILABLE);
    bc_diags_fini(&fx->diags);
    bc_diags_init(&fx->diags);
    assert_false(bc_pdf_find_engine(dir.ptr, &fx->engine, &fx->diags));
    assert_error(fx, BC_EX_UNAVAILABLE, dir.ptr,
                 "cannot run the PDF engine: a folder, not a program; "
                 "install the Debian package chromium, or give "
                 "--pdf-engine=PATH");
    bc_buf_fini(&dir);
}

/* ---- printing with fake engines ---- */

static void test_print_chromium(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         CHROMIUM_OUT "for a; do case $a in file://*) "
                      "cp \"${a#file://}\" \"$run/seen\";; esac; done\n"
                      WRITE_FAKE_PDF "echo printed\n");
    assert_true(print(fx, HTML));
    assert_int_equal(fx->out.len, strlen(FAKE_PDF));
    assert_memory_equal(fx->out.ptr, FAKE_PDF, strlen(FAKE_PDF));
    assert_int_equal(fx->diags.count, 0);
    assert_run_file(fx, "seen", HTML);
    assert_tmp_empty(fx);
}

/* The PDF goes after what out held. */
static void test_print_appends(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium", CHROMIUM_OUT WRITE_FAKE_PDF);
    bc_buf_puts(&fx->out, "before|");
    assert_true(print(fx, HTML));
    assert_string_equal(fx->out.ptr, "before|" FAKE_PDF);
}

/* Every flag as one argument, in the folder of its own. */
static void test_chromium_command_line(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium", RECORD CHROMIUM_OUT WRITE_FAKE_PDF);
    assert_true(print(fx, HTML));
    char *home = run_file(fx, "home");
    assert_non_null(home);
    home[strcspn(home, "\n")] = '\0';
    bc_buf prefix = BC_BUF_INIT, want = BC_BUF_INIT;
    bc_buf_printf(&prefix, "%s/bcreport-pdf-", fx->tmp.ptr);
    assert_int_equal(strncmp(home, prefix.ptr, prefix.len), 0);
    assert_int_equal(strlen(home), prefix.len + 6);
    bc_buf_printf(&want,
                  "--headless\n--no-sandbox\n--disable-gpu\n--no-first-run\n"
                  "--no-default-browser-check\n"
                  "--disable-background-networking\n"
                  "--disable-component-update\n--disable-sync\n"
                  "--disable-extensions\n"
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE "
                  "localhost\n"
                  "--user-data-dir=%s/profile\n--no-pdf-header-footer\n"
                  "--print-to-pdf=%s/report.pdf\nfile://%s/report.html\n",
                  home, home, home);
    assert_run_file(fx, "args", want.ptr);
    free(home);
    bc_buf_fini(&prefix);
    bc_buf_fini(&want);
}

/* Standard input from /dev/null, the output to a log in the folder, a
 * process group of its own, no XDG folder outside it. */
static void test_engine_surroundings(void **state)
{
    fixture *fx = *state;
    setenv("XDG_CONFIG_HOME", "/nonexistent/config", 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         "for fd in 0 1 2; do\n"
         "  name=$(readlink /proc/$$/fd/$fd)\n"
         "  echo \"$name\" > \"$run/fd$fd\"\n"
         "done\n"
         "pgid=$(cut -d' ' -f5 /proc/$$/stat)\n"
         "[ \"$pgid\" = $$ ] && echo own > \"$run/group\"\n"
         "echo \"${XDG_CONFIG_HOME-unset}\" > \"$run/xdg\"\n"
         "[ \"$TMPDIR\" = \"$HOME\" ] && echo same > \"$run/tmpdir\"\n"
         "printf '%s\\n' \"$HOME\" > \"$run/home\"\n" CHROMIUM_OUT
             WRITE_FAKE_PDF);
    bool ok = print(fx, HTML);
    unsetenv("XDG_CONFIG_HOME");
    assert_true(ok);
    char *home = run_file(fx, "home");
    assert_non_null(home);
    home[strcspn(home, "\n")] = '\0';
    bc_buf log = BC_BUF_INIT;
    bc_buf_printf(&log, "%s/engine.log\n", home);
    assert_run_file(fx, "fd0", "/dev/null\n");
    assert_run_file(fx, "fd1", log.ptr);
    assert_run_file(fx, "fd2", log.ptr);
    assert_run_file(fx, "group", "own\n");
    assert_run_file(fx, "xdg", "unset\n");
    assert_run_file(fx, "tmpdir", "same\n"); /* removed with the folder */
    free(home);
    bc_buf_fini(&log);
}

/* A $TMPDIR with a space, '#' and '%' gives a URL that means the file. */
static void test_url_is_encoded(void **state)
{
    fixture *fx = *state;
    bc_buf odd = BC_BUF_INIT;
    make_dir(&odd, fx->tmp.ptr, "a b#1%");
    setenv("TMPDIR", odd.ptr, 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium", RECORD CHROMIUM_OUT WRITE_FAKE_PDF);
    assert_true(print(fx, HTML));
    char *args = run_file(fx, "args");
    assert_non_null(args);
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "\nfile://%s/a%%20b%%231%%25/bcreport-pdf-",
                  fx->tmp.ptr);
    assert_non_null(strstr(args, want.ptr));
    free(args);
    bc_buf_fini(&want);
    bc_buf_fini(&odd);
}

static void test_print_libreoffice(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_LIBREOFFICE, "soffice",
         RECORD "while [ $# -gt 1 ]; do\n"
                "  if [ \"$1\" = --outdir ]; then dir=$2; fi; shift\n"
                "done\n"
                "cp \"$1\" \"$run/seen\"\n"
                "base=${1##*/}; out=$dir/${base%.docx}.pdf\n" WRITE_FAKE_PDF
                "echo \"convert $1 -> $out\"\n");
    const char docx[] = "PK\003\004 not really a DOCX";
    assert_true(print(fx, docx));
    assert_string_equal(fx->out.ptr, FAKE_PDF);
    assert_int_equal(fx->diags.count, 0);
    assert_run_file(fx, "seen", docx);
    char *home = run_file(fx, "home");
    assert_non_null(home);
    home[strcspn(home, "\n")] = '\0';
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "-env:UserInstallation=file://%s/profile\n--headless\n"
                  "--norestore\n--nolockcheck\n--convert-to\npdf\n"
                  "--outdir\n%s\n%s/report.docx\n",
                  home, home, home);
    assert_run_file(fx, "args", want.ptr);
    assert_tmp_empty(fx);
    free(home);
    bc_buf_fini(&want);
}

/* Exit status 0 is not trusted: no PDF is an error quoting the last
 * five lines the engine printed. */
static void test_no_pdf(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_LIBREOFFICE, "soffice",
         "for n in one two three four five six; do echo $n; done\n"
         "echo 'Error: source file could not be loaded' >&2\n"
         "echo; echo ' '\n");
    assert_false(print(fx, "PK"));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "the PDF engine %s wrote no PDF; it printed last: "
                  "three\\nfour\\nfive\\nsix\\nError: source file could not "
                  "be loaded",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_int_equal(fx->out.len, 0);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

/* Only the end of a long log is read; a line cut there is left out. */
static void test_no_pdf_long_log(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         "echo first\nhead -c 10000 /dev/zero | tr '\\0' x\n"
         "echo; echo last\n");
    assert_false(print(fx, HTML));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "the PDF engine %s wrote no PDF; it printed last: "
                         "last",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

static void test_no_pdf_silent(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium", "exit 0\n");
    assert_false(print(fx, HTML));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "the PDF engine %s wrote no PDF and printed nothing",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

static void test_not_a_pdf(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         CHROMIUM_OUT "printf '<html>%%PDF-1.4' > \"$out\"\n");
    assert_false(print(fx, HTML));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "the PDF engine %s wrote no PDF and printed nothing",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_int_equal(fx->out.len, 0);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

static void test_empty_pdf(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium", CHROMIUM_OUT ": > \"$out\"\n");
    assert_false(print(fx, HTML));
    assert_int_equal(fx->diags.status, BC_EX_UNAVAILABLE);
    assert_non_null(strstr(fx->diags.items[0].message, "wrote no PDF"));
    assert_tmp_empty(fx);
}

/* A PDF does not make up for a failure: it may be cut short. */
static void test_exit_status_with_pdf(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         CHROMIUM_OUT WRITE_FAKE_PDF "echo 'out of paper' >&2\nexit 3\n");
    assert_false(print(fx, HTML));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "the PDF engine %s failed with exit status 3; it printed "
                  "last: out of paper",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_int_equal(fx->out.len, 0);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

static void test_engine_crashes(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         CHROMIUM_OUT WRITE_FAKE_PDF "kill -KILL $$\n");
    assert_false(print(fx, HTML));
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want,
                  "the PDF engine %s was killed by signal %d (%s) and "
                  "printed nothing",
                  fx->engine.program, SIGKILL, strsignal(SIGKILL));
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

/* An engine gone between finding and printing. */
static void test_engine_vanished(void **state)
{
    fixture *fx = *state;
    tu_skip_under_valgrind("valgrind runs posix_spawn's vfork as a fork, so "
                           "an engine that cannot be run is seen as one that "
                           "exits 127, not as posix_spawn's ENOENT");
    fx->engine.kind = BC_PDF_CHROMIUM;
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/chromium", fx->bin.ptr);
    fx->engine.program = bc_xstrdup(path.ptr);
    assert_false(print(fx, HTML));
    assert_error(fx, BC_EX_UNAVAILABLE, path.ptr,
                 "cannot run the PDF engine: No such file or directory");
    assert_tmp_empty(fx);
    bc_buf_fini(&path);
}

static void test_no_temporary_folder(void **state)
{
    fixture *fx = *state;
    bc_buf missing = BC_BUF_INIT, want = BC_BUF_INIT;
    bc_buf_printf(&missing, "%s/missing", fx->root);
    setenv("TMPDIR", missing.ptr, 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium", CHROMIUM_OUT WRITE_FAKE_PDF);
    assert_false(print(fx, HTML));
    bc_buf_printf(&want,
                  "cannot create a temporary folder in %s to print the PDF: "
                  "No such file or directory",
                  missing.ptr);
    assert_error(fx, BC_EX_CANTCREAT, NULL, want.ptr);
    bc_buf_fini(&missing);
    bc_buf_fini(&want);
}

/* A signal set from /proc/PID/status ("SigBlk:", "SigIgn:"). */
static unsigned long long sig_bits(const char *status, const char *field)
{
    const char *p = strstr(status, field);
    assert_non_null(p);
    return strtoull(p + strlen(field), NULL, 16);
}

static bool has_sig(unsigned long long bits, int sig)
{
    return (bits >> (sig - 1)) & 1;
}

/* The engine gets the caller's mask, not the one bcreport uses while it
 * waits, and SIGPIPE and SIGXFSZ back (main ignores them); a SIGHUP the
 * caller ignores (nohup) stays ignored. */
static void test_engine_signal_state(void **state)
{
    fixture *fx = *state;
    /* bash, whose commands get the mask it got (dash clears it), and
     * grep's own status (bash blocks SIGCHLD while it waits). */
    fx->engine.kind = BC_PDF_CHROMIUM;
    fx->engine.program = script_for(
        fx, "/bin/bash", "chromium",
        "grep ^Sig /proc/self/status > \"$run/status\"\n" CHROMIUM_OUT
            WRITE_FAKE_PDF,
        0755);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN);
    void (*xfsz_was)(int) = signal(SIGXFSZ, SIG_IGN);
    void (*hup_was)(int) = signal(SIGHUP, SIG_IGN);
    bool ok = print(fx, HTML);
    signal(SIGPIPE, pipe_was);
    signal(SIGXFSZ, xfsz_was);
    signal(SIGHUP, hup_was);
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    assert_true(ok);
    char *status = run_file(fx, "status");
    assert_non_null(status);
    unsigned long long blk = sig_bits(status, "SigBlk:");
    unsigned long long ign = sig_bits(status, "SigIgn:");
    free(status);
    assert_true(has_sig(blk, SIGUSR1));
    int free_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD};
    for (size_t i = 0; i < 4; i++)
        assert_false(has_sig(blk, free_sigs[i]));
    assert_false(has_sig(ign, SIGPIPE));
    assert_false(has_sig(ign, SIGXFSZ));
    assert_true(has_sig(ign, SIGHUP));
}

/* ---- the timeout ---- */

/* Stopped after $BCREPORT_PDF_TIMEOUT seconds, with the child it
 * started, and the folder removed. */
static void test_timeout(void **state)
{
    fixture *fx = *state;
    setenv("BCREPORT_PDF_TIMEOUT", "1", 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium", HANG);
    double start = now();
    assert_false(print(fx, HTML));
    double took = now() - start;
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, "the PDF engine %s did not finish within 1 s",
                  fx->engine.program);
    assert_error(fx, BC_EX_UNAVAILABLE, NULL, want.ptr);
    assert_true(took >= 1.0 && took < 2.9);
    assert_dead_soon(pid_in(fx, "engine.pid"));
    assert_dead_soon(pid_in(fx, "child.pid"));
    assert_tmp_empty(fx);
    bc_buf_fini(&want);
}

/* An engine deaf to SIGTERM gets SIGKILL after the grace. */
static void test_timeout_term_ignored(void **state)
{
    fixture *fx = *state;
    setenv("BCREPORT_PDF_TIMEOUT", "1", 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium", "trap '' TERM\n" HANG);
    double start = now();
    assert_false(print(fx, HTML));
    double took = now() - start;
    assert_int_equal(fx->diags.status, BC_EX_UNAVAILABLE);
    assert_true(took >= 2.5 && took < 5.0);
    assert_dead_soon(pid_in(fx, "engine.pid"));
    assert_dead_soon(pid_in(fx, "child.pid"));
    assert_tmp_empty(fx);
}

/* ---- signals ---- */

/* Prints in a child of the test that gets sig once the engine runs;
 * returns the child's wait status.  ignore: the child ignores sig. */
static int print_and_signal(fixture *fx, int sig, bool ignore)
{
    fflush(NULL);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        tu_default_signals();
        if (ignore)
            signal(sig, SIG_IGN);
        bool ok = print(fx, HTML);
        _exit(ok ? 0 : 1);
    }
    pid_in(fx, "child.pid"); /* the engine runs, its child too */
    assert_int_equal(kill(child, sig), 0);
    if (ignore) /* the engine may finish now */
        tu_sh("touch '%s/go'", fx->run.ptr);
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

static void dies_of(fixture *fx, int sig)
{
    fake(fx, BC_PDF_CHROMIUM, "chromium", HANG);
    int status = print_and_signal(fx, sig, false);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    assert_dead_soon(pid_in(fx, "engine.pid"));
    assert_dead_soon(pid_in(fx, "child.pid"));
    assert_tmp_empty(fx);
}

static void test_sigterm(void **state)
{
    dies_of(*state, SIGTERM);
}

static void test_sigint(void **state)
{
    dies_of(*state, SIGINT);
}

static void test_sighup(void **state)
{
    dies_of(*state, SIGHUP);
}

/* nohup: a SIGHUP ignored stays ignored and the engine finishes. */
static void test_ignored_signal(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         "echo $$ > \"$run/child.tmp\" && mv \"$run/child.tmp\" "
         "\"$run/child.pid\"\n"
         "while [ ! -e \"$run/go\" ]; do sleep 0.05; done\n" CHROMIUM_OUT
             WRITE_FAKE_PDF);
    int status = print_and_signal(fx, SIGHUP, true);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_tmp_empty(fx);
}

/* The caller's mask and SIGCHLD's action come back; a SIGCHLD ignored
 * (which would have the kernel reap the engine) does not matter. */
static void test_signal_state_restored(void **state)
{
    fixture *fx = *state;
    fake(fx, BC_PDF_CHROMIUM, "chromium", CHROMIUM_OUT WRITE_FAKE_PDF);
    sigset_t usr1, before, after;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &before);
    sigprocmask(SIG_BLOCK, NULL, &before);
    struct sigaction ign, old, now_chld;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGCHLD, &ign, &old);
    bool ok = print(fx, HTML);
    sigaction(SIGCHLD, &old, &now_chld);
    sigprocmask(SIG_UNBLOCK, &usr1, &after);
    assert_true(ok);
    assert_true(now_chld.sa_handler == SIG_IGN);
    int sigs[] = {SIGUSR1, SIGINT, SIGTERM, SIGHUP, SIGCHLD};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        assert_int_equal(sigismember(&after, sigs[i]),
                         sigismember(&before, sigs[i]));
    assert_true(sigismember(&after, SIGUSR1));
}

/* ---- the real engines ---- */

/* Skips loudly when a program is missing, or fails under CI=true. */
static void need(const char *program, const char *package)
{
    if (tu_sh("command -v '%s' >/dev/null 2>&1", program) == 0)
        return;
    fprintf(stderr,
            "\n*** SKIPPED: %s is not installed (Debian package %s) ***\n\n",
            program, package);
    if (tu_in_ci())
        fail_msg("CI=true: %s must be installed", program);
    skip();
}

/* pdfinfo's report on the PDF in out, written to root/out.pdf. */
static char *pdfinfo(fixture *fx)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/out.pdf", fx->root);
    FILE *f = fopen(path.ptr, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(fx->out.ptr, 1, fx->out.len, f), fx->out.len);
    assert_int_equal(fclose(f), 0);
    tu_result r;
    tu_shell(&r, "pdfinfo '%s'", path.ptr);
    assert_int_equal(r.status, 0);
    free(r.err);
    bc_buf_fini(&path);
    return r.out;
}

static int pages(const char *info)
{
    const char *p = strstr(info, "\nPages:");
    assert_non_null(p);
    return atoi(p + strlen("\nPages:"));
}

static void test_real_chromium(void **state)
{
    fixture *fx = *state;
    need("chromium", "chromium");
    need("pdfinfo", "poppler-utils");
    assert_true(bc_pdf_find_engine("chromium", &fx->engine, &fx->diags));
    double start = now();
    bool ok = print(fx, HTML);
    double took = now() - start;
    if (!ok)
        bc_diags_print(&fx->diags, stderr, false);
    assert_true(ok);
    fprintf(stderr, "chromium printed in %.1f s\n", took);
    assert_int_equal(memcmp(fx->out.ptr, "%PDF-", 5), 0);
    char *info = pdfinfo(fx);
    assert_int_equal(pages(info), 1);
    assert_non_null(strstr(info, "Title:           Báo cáo thử\n"));
    free(info);
    assert_tmp_empty(fx);
}

static void test_real_libreoffice(void **state)
{
    fixture *fx = *state;
    need("soffice", "libreoffice-writer-nogui");
    need("pdfinfo", "poppler-utils");
    assert_true(bc_pdf_find_engine("libreoffice", &fx->engine, &fx->diags));
    bc_buf docx = BC_BUF_INIT;
    bc_buf_printf(&docx, "%s/report.docx", fx->root);
    assert_int_equal(tu_sh("\"$BCREPORT\" build data/2025-xa.yaml -o '%s'",
                           docx.ptr),
                     0);
    size_t len;
    char *doc = tu_read_file(docx.ptr, &len);
    assert_non_null(doc);
    double start = now();
    bool ok = bc_pdf_print(&fx->engine, doc, len, &fx->out, &fx->diags);
    double took = now() - start;
    if (!ok)
        bc_diags_print(&fx->diags, stderr, false);
    assert_true(ok);
    fprintf(stderr, "libreoffice printed in %.1f s\n", took);
    assert_int_equal(memcmp(fx->out.ptr, "%PDF-", 5), 0);
    char *info = pdfinfo(fx);
    assert_true(pages(info) >= 1);
    free(info);
    free(doc);
    bc_buf_fini(&docx);
    assert_tmp_empty(fx);
}

/* A timeout of 0 is not a timeout of 0 s but none given: the default
 * holds, and an engine that takes a moment finishes its PDF. */
static void test_timeout_zero_is_the_default(void **state)
{
    fixture *fx = *state;
    setenv("BCREPORT_PDF_TIMEOUT", "0", 1);
    fake(fx, BC_PDF_CHROMIUM, "chromium",
         "sleep 0.5\n" CHROMIUM_OUT WRITE_FAKE_PDF);
    assert_true(print(fx, HTML));
    assert_string_equal(fx->out.ptr, FAKE_PDF);
    assert_int_equal(fx->diags.count, 0);
}

int main(void)
{
    tu_bin(); /* before any test changes folder */
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_find_default_chromium),
        T(test_find_chromium_first),
        T(test_find_libreoffice),
        T(test_find_explicit_path),
        T(test_find_name_on_path),
        T(test_find_missing_chromium),
        T(test_find_missing_libreoffice),
        T(test_find_missing_name),
        T(test_find_missing_path),
        T(test_find_not_executable),
        T(test_find_skips_non_programs),
        T(test_print_chromium),
        T(test_print_appends),
        T(test_chromium_command_line),
        T(test_engine_surroundings),
        T(test_url_is_encoded),
        T(test_print_libreoffice),
        T(test_no_pdf),
        T(test_no_pdf_long_log),
        T(test_no_pdf_silent),
        T(test_not_a_pdf),
        T(test_empty_pdf),
        T(test_exit_status_with_pdf),
        T(test_engine_crashes),
        T(test_engine_vanished),
        T(test_no_temporary_folder),
        T(test_timeout),
        T(test_timeout_term_ignored),
        T(test_timeout_zero_is_the_default),
        T(test_sigterm),
        T(test_sigint),
        T(test_sighup),
        T(test_ignored_signal),
        T(test_signal_state_restored),
        T(test_engine_signal_state),
        T(test_real_chromium),
        T(test_real_libreoffice),
    };
    return cmocka_run_group_tests_name("pdf", tests, NULL, NULL);
}
