/* test_watch.c - build --watch, driven through the binary running in the
 * background: saves in place, rename-saves, a bad edit, the registry,
 * the templates of -T, the data file deleted, replaced, made unreadable
 * and back, and the signals that end it with status 0.
 *
 * Nothing here sleeps and hopes: each step waits for what it expects
 * (a status line counted in the watcher's standard error, the output's
 * content, the process's exit) for up to WAIT_MS, generous enough for a
 * loaded machine under AddressSanitizer; speed is measured and printed
 * (test_latency), never asserted. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/buf.h"

#define WAIT_MS 20000

/* A small report: its preamble says marker, and cites ct12, declared in
 * the file itself or in the registry when there is one. */
#define HEAD                                                                  \
    "document:\n"                                                             \
    "  issuer: {name: \"ỦY BAN NHÂN DÂN XÃ A\", short_name: \"UBND xã A\","  \
    " self_name: \"UBND xã\"}\n"                                              \
    "  symbol: \"BC-UBND\"\n"                                                 \
    "  place: \"A\"\n"                                                        \
    "  year: 2026\n"                                                          \
    "  type: \"BÁO CÁO\"\n"                                                   \
    "  subject: \"Kết quả năm 2026\"\n"                                       \
    "  recipients: [\"Sở Ngoại vụ\"]\n"
#define TAIL                                                                  \
    "distribution: [\"Lưu: VT, VP\"]\n"                                       \
    "signature: {title: \"CHỦ TỊCH\", name: \"Nguyễn Văn A\"}\n"
#define CT12(short_name)                                                      \
    "citations:\n"                                                            \
    "  - {id: ct12, type: \"Chỉ thị\", number: \"12-CT/TW\", date: "          \
    "2022-01-05, issuer: \"Ban Bí thư\", short_name: \"" short_name "\"}\n"

typedef struct fixture {
    char *dir;
    pid_t pid; /* the watcher, 0 when none runs */
} fixture;

/* ---- files ---- */

static char *path_in(const fixture *fx, const char *name)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s", fx->dir, name);
    return bc_buf_detach(&path, NULL);
}

/* Writes text over name in place (truncated, written, closed), as an
 * editor that saves in place does. */
static void save(const fixture *fx, const char *name, const char *text)
{
    char *path = path_in(fx, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    free(path);
}

/* Writes a new file and renames it over name, as vim, gedit and VS Code
 * may: name gets a new inode. */
static void rename_save(const fixture *fx, const char *name, const char *text)
{
    bc_buf tmp = BC_BUF_INIT;
    bc_buf_printf(&tmp, "%s.tmp-save", name);
    save(fx, tmp.ptr, text);
    char *from = path_in(fx, tmp.ptr), *to = path_in(fx, name);
    assert_int_equal(rename(from, to), 0);
    free(from);
    free(to);
    bc_buf_fini(&tmp);
}

/* A report whose preamble says marker; its citation from the file. */
static char *report(const char *marker)
{
    bc_buf y = BC_BUF_INIT;
    bc_buf_printf(&y,
                  HEAD CT12("Chỉ thị số 12") "preamble: [\"Thực hiện [@ct12]. "
                                             "%s.\"]\n" TAIL,
                  marker);
    return bc_buf_detach(&y, NULL);
}

static void save_report(const fixture *fx, const char *marker)
{
    char *text = report(marker);
    save(fx, "d.yaml", text);
    free(text);
}

static char *read_in(const fixture *fx, const char *name)
{
    char *path = path_in(fx, name);
    char *text = tu_read_file(path, NULL);
    free(path);
    return text;
}

/* ---- the watcher ---- */

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->dir = strdup("/tmp/bctest-watch-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    save_report(fx, "Bản đầu");
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    if (fx->pid > 0) { /* a test that failed half-way */
        kill(fx->pid, SIGKILL);
        waitpid(fx->pid, NULL, 0);
    }
    tu_result r;
    tu_shell(&r, "chmod -R u+rwx '%s'; rm -rf '%s'", fx->dir, fx->dir);
    tu_result_fini(&r);
    free(fx->dir);
    free(fx);
    return 0;
}

/* Starts "bcreport build d.yaml -o bc.md --watch" and the args (NULL
 * ended) in the fixture's folder, its standard error into watch.err;
 * prefix (NULL: none) is a program that runs it, as setpriv. */
static void start_with(fixture *fx, const char *const *prefix,
                       const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    for (; prefix && prefix[n]; n++)
        argv[n] = prefix[n];
    const char *base[] = {tu_bin(), "build", "d.yaml", "-o", "bc.md",
                          "--watch"};
    for (size_t i = 0; i < 6; i++)
        argv[n++] = base[i];
    for (size_t i = 0; args && args[i]; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    /* What an earlier watcher said is not this one's. */
    char *err_path = path_in(fx, "watch.err");
    unlink(err_path);
    free(err_path);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (chdir(fx->dir) != 0)
            _exit(126);
        int err = open("watch.err", O_WRONLY | O_CREAT | O_TRUNC, 0666);
        int null = open("/dev/null", O_RDWR);
        if (err < 0 || null < 0)
            _exit(126);
        dup2(null, 0), dup2(null, 1), dup2(err, 2);
        /* The signals as a shell gives them to a foreground program. */
        for (int sig = 1; sig < 32; sig++)
            signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setenv("NO_COLOR", "1", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("LANGUAGE"), unsetenv("LC_ALL"), unsetenv("LC_MESSAGES");
        execvp(argv[0], (char **)argv); /* a prefix from PATH */
        _exit(127);
    }
    fx->pid = pid;
}

static void start(fixture *fx, const char *const *args)
{
    start_with(fx, NULL, args);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static char *errors_of(const fixture *fx)
{
    char *err = read_in(fx, "watch.err");
    return err ? err : strdup("");
}

/* The status lines so far: those that start with the time, "12:34:56 ". */
static size_t status_lines(const fixture *fx)
{
    char *err = errors_of(fx);
    size_t n = 0;
    for (const char *line = err; *line;) {
        if (strlen(line) > 9 && line[2] == ':' && line[5] == ':' &&
            line[8] == ' ' && strspn(line, "0123456789:") == 8)
            n++;
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(err);
    return n;
}

static size_t count_of(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
        n++;
    return n;
}

typedef bool (*condition)(const fixture *fx, const void *arg);

/* Waits until cond holds, up to WAIT_MS; fails with what and the
 * watcher's standard error otherwise. */
static void wait_for(const fixture *fx, condition cond, const void *arg,
                     const char *what)
{
    long give_up = now_ms() + WAIT_MS;
    while (!cond(fx, arg)) {
        if (now_ms() > give_up) {
            char *err = errors_of(fx);
            fail_msg("waited %d ms for %s; the watcher said:\n%s", WAIT_MS,
                     what, err);
        }
        pause_ms(2);
    }
}

static bool has_lines(const fixture *fx, const void *arg)
{
    return status_lines(fx) >= *(const size_t *)arg;
}

static void wait_lines(const fixture *fx, size_t n)
{
    bc_buf what = BC_BUF_INIT;
    bc_buf_printf(&what, "%zu status lines", n);
    wait_for(fx, has_lines, &n, what.ptr);
    bc_buf_fini(&what);
}

static bool output_has(const fixture *fx, const void *arg)
{
    char *out = read_in(fx, "bc.md");
    bool yes = out && strstr(out, arg);
    free(out);
    return yes;
}

static void wait_output(const fixture *fx, const char *text)
{
    bc_buf what = BC_BUF_INIT;
    bc_buf_printf(&what, "bc.md to say \"%s\"", text);
    wait_for(fx, output_has, text, what.ptr);
    bc_buf_fini(&what);
}

static bool errors_have(const fixture *fx, const void *arg)
{
    char *err = errors_of(fx);
    bool yes = strstr(err, arg) != NULL;
    free(err);
    return yes;
}

static void wait_said(const fixture *fx, const char *text)
{
    bc_buf what = BC_BUF_INIT;
    bc_buf_printf(&what, "the line \"%s\"", text);
    wait_for(fx, errors_have, text, what.ptr);
    bc_buf_fini(&what);
}

/* Sends sig and waits for the watcher to end: its exit status, 128 + a
 * signal that killed it. */
static int stop(fixture *fx, int sig)
{
    assert_int_equal(kill(fx->pid, sig), 0);
    long give_up = now_ms() + WAIT_MS;
    int wstatus;
    pid_t got;
    while ((got = waitpid(fx->pid, &wstatus, WNOHANG)) == 0) {
        if (now_ms() > give_up)
            fail_msg("the watcher did not end within %d ms of signal %d",
                     WAIT_MS, sig);
        pause_ms(2);
    }
    assert_int_equal(got, fx->pid);
    fx->pid = 0;
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                              : 128 + WTERMSIG(wstatus);
}

/* No temporary file of the output is left in the folder. */
static void assert_no_temporary(const fixture *fx)
{
    tu_result r;
    tu_shell(&r, "ls -A '%s' | grep '^\\.bc\\.md\\.' || true", fx->dir);
    if (*r.out)
        fail_msg("temporary files left: %s", r.out);
    tu_result_fini(&r);
}

/* ---- saves ---- */

static void test_save_in_place(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_lines(fx, 1);
    wait_said(fx, " built bc.md (");
    wait_output(fx, "Bản đầu");
    save_report(fx, "Sửa tại chỗ");
    wait_output(fx, "Sửa tại chỗ");
    wait_lines(fx, 2);
    assert_int_equal(stop(fx, SIGINT), 0);
    char *err = errors_of(fx);
    assert_int_equal(count_of(err, " built bc.md ("), 2);
    assert_null(strstr(err, "error"));
    free(err);
    assert_no_temporary(fx);
}

/* The file renamed over, as vim (backupcopy=no), gedit and VS Code's
 * safe save do; then vim's way: the old file moved to a backup, a new
 * one written under the name. */
static void test_rename_save(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *text = report("Đổi tên đè");
    rename_save(fx, "d.yaml", text);
    free(text);
    wait_output(fx, "Đổi tên đè");
    char *from = path_in(fx, "d.yaml"), *to = path_in(fx, "d.yaml~");
    assert_int_equal(rename(from, to), 0);
    save_report(fx, "Như vim");
    assert_int_equal(unlink(to), 0);
    free(from);
    free(to);
    wait_output(fx, "Như vim");
    assert_int_equal(stop(fx, SIGINT), 0);
    assert_no_temporary(fx);
}

/* A bad edit: its diagnostics at their line and column, OUT kept; the
 * edit mended, built again. */
static void test_bad_edit_keeps_the_output(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *good = read_in(fx, "bc.md");
    save(fx, "d.yaml", HEAD "preamble: [\"Thực hiện [@nope].\"]\n" TAIL);
    wait_said(fx, "1 error; bc.md kept as it was");
    wait_said(fx, "d.yaml:9:23: error: unknown citation [@nope]");
    char *kept = read_in(fx, "bc.md");
    assert_string_equal(kept, good);
    save_report(fx, "Đã sửa");
    wait_output(fx, "Đã sửa");
    assert_int_equal(stop(fx, SIGTERM), 0);
    char *err = errors_of(fx);
    /* The lines, in order: built, the error and its status, built. */
    const char *error = strstr(err, "d.yaml:9:23: error:");
    const char *kept_line = strstr(err, " 1 error; bc.md kept as it was\n");
    assert_non_null(error);
    assert_non_null(kept_line);
    assert_true(error < kept_line);
    assert_non_null(strstr(kept_line, " built bc.md ("));
    free(err);
    free(kept);
    free(good);
    assert_no_temporary(fx);
}

/* The registry, in a folder of its own: an edit of it alone rebuilds. */
static void test_registry_edit(void **state)
{
    fixture *fx = *state;
    char *shared = path_in(fx, "shared");
    assert_int_equal(mkdir(shared, 0777), 0);
    free(shared);
    save(fx, "shared/van-ban.yaml", CT12("Chỉ thị số 12"));
    save(fx, "d.yaml",
         HEAD "registry: \"shared/van-ban.yaml\"\n"
              "preamble: [\"Thực hiện [@ct12].\"]\n" TAIL);
    start(fx, NULL);
    wait_output(fx, "(*sau đây gọi tắt là Chỉ thị số 12*)");
    rename_save(fx, "shared/van-ban.yaml", CT12("Chỉ thị 12 mới"));
    wait_output(fx, "(*sau đây gọi tắt là Chỉ thị 12 mới*)");
    save(fx, "shared/van-ban.yaml", CT12("Chỉ thị 12 sửa tại chỗ"));
    wait_output(fx, "(*sau đây gọi tắt là Chỉ thị 12 sửa tại chỗ*)");
    assert_int_equal(stop(fx, SIGINT), 0);
}

/* The templates of -T: an edit rebuilds; a partial named but missing is
 * an error, mended by creating it. */
static void test_template_edit(void **state)
{
    fixture *fx = *state;
    assert_int_equal(tu_sh("cp -R templates '%s/tpl'", fx->dir), 0);
    char *main_template = read_in(fx, "tpl/report.md.mustache");
    assert_non_null(main_template);
    const char *args[] = {"-T", "tpl", NULL};
    start(fx, args);
    wait_output(fx, "Bản đầu");
    bc_buf t = BC_BUF_INIT;
    bc_buf_printf(&t, "%sDòng thêm từ mẫu.\n", main_template);
    save(fx, "tpl/report.md.mustache", t.ptr);
    wait_output(fx, "Dòng thêm từ mẫu.");
    bc_buf_clear(&t);
    bc_buf_printf(&t, "%s{{> them}}\n", main_template);
    rename_save(fx, "tpl/report.md.mustache", t.ptr);
    wait_said(fx, "1 error; bc.md kept as it was");
    save(fx, "tpl/them.mustache", "Phần mẫu mới.\n");
    wait_output(fx, "Phần mẫu mới.");
    assert_int_equal(stop(fx, SIGINT), 0);
    bc_buf_fini(&t);
    free(main_template);
}

/* OUT in the template folder: writing it is no change of the templates,
 * or each build would start the next.  (The pause checks that nothing
 * more comes; it can only miss a loop, never fail a right program.) */
static void test_output_among_the_templates(void **state)
{
    fixture *fx = *state;
    assert_int_equal(tu_sh("cp -R templates '%s/tpl'", fx->dir), 0);
    const char *args[] = {"-T", "tpl", "-o", "tpl/bc.md", NULL};
    start(fx, args);
    wait_said(fx, " built tpl/bc.md (");
    save(fx, "tpl/.report.md.mustache.swp", "vim's swap file");
    save(fx, "tpl/report.md.mustache~", "a backup");
    save_report(fx, "Lần hai");
    wait_lines(fx, 2);
    pause_ms(500);
    assert_int_equal(status_lines(fx), 2);
    assert_int_equal(stop(fx, SIGINT), 0);
}

/* ---- the data file gone, replaced, unreadable ---- */

static void test_deleted_then_back(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *data = path_in(fx, "d.yaml");
    assert_int_equal(unlink(data), 0);
    wait_said(fx, "d.yaml was deleted or moved away; waiting for it to come "
                  "back\n");
    char *kept = read_in(fx, "bc.md");
    assert_non_null(strstr(kept, "Bản đầu"));
    save_report(fx, "Đã trở lại");
    wait_output(fx, "Đã trở lại");
    char *err = errors_of(fx);
    assert_int_equal(count_of(err, "was deleted"), 1); /* said once */
    free(err);
    /* Replaced by another file moved over it. */
    char *other = report("Tệp khác");
    save(fx, "other.yaml", other);
    char *from = path_in(fx, "other.yaml");
    assert_int_equal(rename(from, data), 0);
    wait_output(fx, "Tệp khác");
    /* Replaced by a hard link, and by a symbolic one: no close ends
     * those, only the wait for one. */
    char *linked = report("Liên kết cứng");
    save(fx, "hard.yaml", linked);
    char *hard = path_in(fx, "hard.yaml");
    assert_int_equal(unlink(data), 0);
    assert_int_equal(link(hard, data), 0);
    wait_output(fx, "Liên kết cứng");
    free(linked);
    linked = report("Liên kết mềm");
    save(fx, "soft.yaml", linked);
    assert_int_equal(unlink(data), 0);
    assert_int_equal(symlink("soft.yaml", data), 0);
    wait_output(fx, "Liên kết mềm");
    free(linked);
    free(hard);
    assert_int_equal(stop(fx, SIGINT), 0);
    err = errors_of(fx);
    assert_null(strstr(err, "error"));
    free(err);
    free(from);
    free(other);
    free(kept);
    free(data);
}

/* A folder where the file was: it cannot be read, and that is said. */
static void test_replaced_by_a_folder(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *data = path_in(fx, "d.yaml");
    assert_int_equal(unlink(data), 0);
    assert_int_equal(mkdir(data, 0777), 0);
    wait_said(fx, "cannot read d.yaml (Is a directory); waiting for it to "
                  "change\n");
    assert_int_equal(rmdir(data), 0);
    save_report(fx, "Lại là tệp");
    wait_output(fx, "Lại là tệp");
    assert_int_equal(stop(fx, SIGINT), 0);
    free(data);
}

/* chmod 000, then back.  root reads a chmod 000 file all the same, so
 * as root the watcher runs as nobody (setpriv), or the test is
 * skipped. */
static void test_unreadable_then_readable(void **state)
{
    fixture *fx = *state;
    static const char *const as_nobody[] = {"setpriv", "--reuid=65534",
                                            "--regid=65534",
                                            "--clear-groups", NULL};
    const char *const *prefix = NULL;
    if (geteuid() == 0) {
        if (tu_sh("setpriv --reuid=65534 --regid=65534 --clear-groups "
                  "test -x '%s' 2>/dev/null",
                  tu_bin()) != 0) {
            print_message("skipped: running as root, which reads a chmod "
                          "000 file anyway, and cannot run the binary as "
                          "nobody with setpriv\n");
            skip();
        }
        assert_int_equal(tu_sh("chmod 777 '%s' && chmod 666 '%s/d.yaml'",
                               fx->dir, fx->dir),
                         0);
        prefix = as_nobody;
    }
    start_with(fx, prefix, NULL);
    wait_output(fx, "Bản đầu");
    char *data = path_in(fx, "d.yaml");
    assert_int_equal(chmod(data, 0), 0);
    wait_said(fx, "cannot read d.yaml (Permission denied); waiting for it "
                  "to change\n");
    assert_int_equal(chmod(data, 0644), 0);
    wait_lines(fx, 3);
    save_report(fx, "Đọc được");
    wait_output(fx, "Đọc được");
    assert_int_equal(stop(fx, SIGINT), 0);
    char *err = errors_of(fx);
    assert_int_equal(count_of(err, " built bc.md ("), 3);
    free(err);
    free(data);
}

/* A symbolic link: an edit of the file it leads to rebuilds. */
static void test_link_to_the_data(void **state)
{
    fixture *fx = *state;
    char *real_dir = path_in(fx, "real");
    assert_int_equal(mkdir(real_dir, 0777), 0);
    char *data = path_in(fx, "d.yaml");
    assert_int_equal(unlink(data), 0);
    save_report(fx, "Bản đầu");
    char *real = path_in(fx, "real/data.yaml");
    assert_int_equal(rename(data, real), 0);
    assert_int_equal(symlink("real/data.yaml", data), 0);
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *text = report("Qua liên kết");
    save(fx, "real/data.yaml", text);
    wait_output(fx, "Qua liên kết");
    assert_int_equal(stop(fx, SIGINT), 0);
    free(text);
    free(real);
    free(data);
    free(real_dir);
}

/* ---- the command line ---- */

static void test_usage(void **state)
{
    (void)state;
    static const char *const cases[][8] = {
        {"build", "data/2023.yaml", "--watch", NULL},
        {"build", "data/2023.yaml", "-o", "-", "--watch", NULL},
        {"build", "-", "-o", "x.md", "--watch", NULL},
    };
    static const char *const said[] = {
        "--watch needs -o OUT: it rewrites a file each time FILE changes",
        "--watch needs -o OUT: it rewrites a file each time FILE changes",
        "--watch needs a FILE to watch, not standard input",
    };
    for (size_t i = 0; i < 3; i++) {
        tu_result r;
        tu_run(&r, NULL, 0, cases[i]);
        assert_int_equal(r.status, 64);
        bc_buf want = BC_BUF_INIT;
        bc_buf_printf(&want,
                      "bcreport: error: %s\nTry 'bcreport --help'.\n",
                      said[i]);
        assert_string_equal(r.err, want.ptr);
        bc_buf_fini(&want);
        tu_result_fini(&r);
    }
}

/* The first build is the command as given: a data file that cannot be
 * opened ends the watch with build's status, instead of waiting. */
static void test_missing_file_at_start(void **state)
{
    fixture *fx = *state;
    tu_result r;
    tu_shell(&r, "cd '%s' && \"$BCREPORT\" build nope.yaml -o bc.md --watch",
             fx->dir);
    assert_int_equal(r.status, 66);
    const char *first = "nope.yaml: error: cannot open: No such file or "
                        "directory\n";
    assert_true(strncmp(r.err, first, strlen(first)) == 0);
    const char *status = r.err + strlen(first);
    assert_int_equal(strspn(status, "0123456789:"), 8);
    assert_string_equal(status + 8, " 1 error; bc.md not written\n");
    tu_result_fini(&r);
}

static bool have(const char *tool)
{
    tu_result r;
    tu_shell(&r, "command -v %s", tool);
    bool found = r.status == 0;
    tu_result_fini(&r);
    if (!found && tu_in_ci())
        fail_msg("CI=true: %s is missing (make check installs it)", tool);
    return found;
}

/* A folder that cannot be watched for want of inotify watches (strace
 * makes inotify_add_watch fail so) is said, once: the watch is blind
 * there.  The data file is missing, so that the watch ends by itself. */
static void test_watch_limit_is_said(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    tu_result r;
    tu_shell(&r,
             "cd '%s' && ASAN_OPTIONS=detect_leaks=0 timeout -s KILL 60 "
             "strace -o /dev/null -e trace=inotify_add_watch "
             "-e inject=inotify_add_watch:error=ENOSPC "
             "\"$BCREPORT\" build nope.yaml -o bc.md --watch",
             fx->dir);
    assert_int_equal(r.status, 66);
    const char *warning = "bcreport: warning: cannot watch the folder .: "
                          "too many watches (raise the limit "
                          "fs.inotify.max_user_watches)\n";
    assert_true(strncmp(r.err, warning, strlen(warning)) == 0);
    assert_int_equal(count_of(r.err, "warning"), 1);
    tu_result_fini(&r);
}

/* ---- signals ---- */

/* SIGINT, SIGTERM and SIGHUP end it with status 0, whenever they come:
 * right after an edit, OUT is the old report or the new one, whole. */
static void test_signals_end_it_cleanly(void **state)
{
    fixture *fx = *state;
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < 3; i++) {
        save_report(fx, "Bản đầu");
        start(fx, NULL);
        wait_lines(fx, 1); /* its handlers are in place */
        wait_output(fx, "Bản đầu");
        char *old = read_in(fx, "bc.md");
        save_report(fx, "Bản mới");
        assert_int_equal(stop(fx, signals[i]), 0);
        char *now = read_in(fx, "bc.md");
        bool whole = !strcmp(now, old) || strstr(now, "Bản mới") != NULL;
        assert_true(whole);
        assert_non_null(strstr(now, "Nguyễn Văn A")); /* to its end */
        free(now);
        free(old);
        assert_no_temporary(fx);
    }
}

/* A signal while OUT is written (strace delivers it as rename starts):
 * it waits for the write to end, then ends the watch with 0.  With the
 * rename failing, OUT is the old file; without, the new one; never a
 * temporary file left.  (LeakSanitizer cannot run under ptrace.) */
static void test_signal_during_the_write(void **state)
{
    fixture *fx = *state;
    if (!have("strace"))
        skip();
    static const char *const injections[] = {
        "inject=rename:error=EINTR:signal=INT",
        "inject=rename:signal=INT",
    };
    for (size_t i = 0; i < 2; i++) {
        save(fx, "bc.md", "old\n");
        tu_result r;
        tu_shell(&r,
                 "cd '%s' && ASAN_OPTIONS=detect_leaks=0 timeout -s KILL 60 "
                 "strace -o /dev/null -e trace=rename -e %s "
                 "\"$BCREPORT\" build d.yaml -o bc.md --watch",
                 fx->dir, injections[i]);
        if (r.status != 0)
            fail_msg("%s: status %d: %s", injections[i], r.status, r.err);
        char *out = read_in(fx, "bc.md");
        if (i == 0) {
            assert_string_equal(out, "old\n");
            assert_non_null(strstr(r.err, "bc.md: error: cannot create: "
                                          "Interrupted system call\n"));
            assert_non_null(strstr(r.err, " 1 error; bc.md kept as it "
                                          "was\n"));
        } else {
            assert_non_null(strstr(out, "Bản đầu"));
            assert_non_null(strstr(r.err, " built bc.md ("));
        }
        free(out);
        tu_result_fini(&r);
        assert_no_temporary(fx);
    }
}

/* ---- speed, measured (make check prints it; nothing is asserted) ---- */

static int by_value(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* From the end of a save to the status line of its build. */
static void test_latency(void **state)
{
    fixture *fx = *state;
    enum { SAVES = 20 };
    long ms[SAVES];
    start(fx, NULL);
    wait_lines(fx, 1);
    for (size_t i = 0; i < SAVES; i++) {
        bc_buf marker = BC_BUF_INIT;
        bc_buf_printf(&marker, "Lần lưu %zu", i + 1);
        char *text = report(marker.ptr);
        long t0 = now_ms();
        if (i % 2)
            rename_save(fx, "d.yaml", text);
        else
            save(fx, "d.yaml", text);
        wait_lines(fx, i + 2);
        ms[i] = now_ms() - t0;
        wait_output(fx, marker.ptr);
        free(text);
        bc_buf_fini(&marker);
    }
    assert_int_equal(stop(fx, SIGINT), 0);
    qsort(ms, SAVES, sizeof ms[0], by_value);
    print_message("watch: save to status line over %d saves: min %ld ms, "
                  "median %ld ms, max %ld ms (settle %d ms)\n",
                  SAVES, ms[0], ms[SAVES / 2], ms[SAVES - 1], 30);
}

/* ---- make coverage: behaviours no test reached (docs/coverage.md) ---- */

/* The data is a link into a folder that is deleted, then made again:
 * the watcher says the file is gone, watches the folder again by its
 * path when it is back, and builds what is saved there. */
static void test_folder_of_the_data_deleted_then_back(void **state)
{
    fixture *fx = *state;
    char *sub = path_in(fx, "sub");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *data = path_in(fx, "d.yaml");
    char *real = path_in(fx, "sub/d.yaml");
    assert_int_equal(rename(data, real), 0);
    assert_int_equal(symlink("sub/d.yaml", data), 0);
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    assert_int_equal(tu_sh("rm -rf '%s'", sub), 0);
    wait_said(fx, "d.yaml was deleted or moved away; waiting for it to come "
                  "back\n");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *text = report("Thư mục đã trở lại");
    save(fx, "sub/d.yaml", text);
    wait_output(fx, "Thư mục đã trở lại");
    assert_int_equal(stop(fx, SIGINT), 0);
    char *err = errors_of(fx);
    assert_null(strstr(err, "error"));
    free(err);
    free(text);
    free(real);
    free(data);
    free(sub);
}

/* A named pipe where the file was is not read (it would block): it is
 * said to be no regular file, and the next save is built. */
static void test_replaced_by_a_pipe(void **state)
{
    fixture *fx = *state;
    start(fx, NULL);
    wait_output(fx, "Bản đầu");
    char *data = path_in(fx, "d.yaml");
    assert_int_equal(unlink(data), 0);
    assert_int_equal(mkfifo(data, 0666), 0);
    wait_said(fx, "d.yaml is no longer a regular file; waiting for it to "
                  "come back\n");
    char *kept = read_in(fx, "bc.md");
    assert_non_null(strstr(kept, "Bản đầu"));
    assert_int_equal(unlink(data), 0);
    save_report(fx, "Lại là tệp thường");
    wait_output(fx, "Lại là tệp thường");
    assert_int_equal(stop(fx, SIGINT), 0);
    free(kept);
    free(data);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_save_in_place),
        T(test_rename_save),
        T(test_bad_edit_keeps_the_output),
        T(test_registry_edit),
        T(test_template_edit),
        T(test_output_among_the_templates),
        T(test_deleted_then_back),
        T(test_replaced_by_a_folder),
        T(test_unreadable_then_readable),
        T(test_link_to_the_data),
        T(test_usage),
        T(test_missing_file_at_start),
        T(test_watch_limit_is_said),
        T(test_signals_end_it_cleanly),
        T(test_signal_during_the_write),
        T(test_latency),
        T(test_folder_of_the_data_deleted_then_back),
        T(test_replaced_by_a_pipe),
    };
#undef T
    return cmocka_run_group_tests_name("watch", tests, NULL, NULL);
}
