/* testutil.c - helpers shared by the unit tests (see testutil.h). */
#define _DEFAULT_SOURCE /* mkstemps */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"

char *tu_replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    bc_buf out = BC_BUF_INIT;
    bc_buf_append(&out, text, (size_t)(at - text));
    bc_buf_puts(&out, to);
    bc_buf_puts(&out, at + strlen(from));
    return bc_buf_detach(&out, NULL);
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    bc_buf b = BC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_append(&b, chunk, n);
    fclose(f);
    return bc_buf_detach(&b, len);
}

char *tu_temp_file(const void *data, size_t len, const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/bctest-XXXXXX%s", dir && *dir ? dir : "/tmp",
                  suffix ? suffix : "");
    int fd = mkstemps(path.ptr, suffix ? (int)strlen(suffix) : 0);
    assert_true(fd >= 0);
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        assert_true(w > 0);
        p += w;
        len -= (size_t)w;
    }
    close(fd);
    return bc_buf_detach(&path, NULL);
}

static void drain(int fd, bc_buf *into, bool *open)
{
    char chunk[65536];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n > 0)
        bc_buf_append(into, chunk, (size_t)n);
    else if (n == 0 || errno != EINTR)
        *open = false;
}

void tu_yaml_count_table(bc_buf *yaml, int n)
{
    bc_buf_puts(yaml, "  - table:\n      columns: [{title: Đơn vị}");
    for (int c = 1; c <= n; c++)
        bc_buf_printf(yaml, ", {title: Cột %d, type: integer}", c);
    bc_buf_puts(yaml, "]\n      rows:\n        - [UBND xã Bình Sơn");
    for (int c = 1; c <= n; c++)
        bc_buf_printf(yaml, ", %d", c);
    bc_buf_puts(yaml, "]\n");
}

void tu_default_signals(void)
{
    static const int sigs[] = {SIGPIPE, SIGINT, SIGHUP, SIGQUIT, SIGTERM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
}

/* The messages the tests expect are English whatever the machine's
 * locale; a test of the Vietnamese ones sets LANG in its command line. */
static void child_in_english(void)
{
    setenv("LANG", "C.UTF-8", 1);
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
}

const char *tu_bin(void)
{
    /* Absolute, so that tests may change folder before running it. */
    static char bin[4096];
    if (!*bin) {
        const char *env = getenv("BCREPORT_BIN");
        if (!realpath(env && *env ? env : "./bcreport", bin))
            fail_msg("cannot find the bcreport binary (BCREPORT_BIN)");
    }
    return bin;
}

/* Runs the program at path with argv, feeding input, collecting its
 * outputs and exit status into r. */
static void run_program(tu_result *r, const char *path, char **argv,
                        const char *input, size_t input_len)
{
    int in[2], out[2], err[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        close(err[0]), close(err[1]);
        /* The parent ignores SIGPIPE; the child gets what a shell
         * gives, or a closed pipe could not be tested. */
        tu_default_signals();
        setenv("NO_COLOR", "1", 1);
        child_in_english();
        setenv("BCREPORT", tu_bin(), 1);
        execv(path, argv);
        _exit(127);
    }
    close(in[0]), close(out[1]), close(err[1]);
    signal(SIGPIPE, SIG_IGN);

    bc_buf o = BC_BUF_INIT, e = BC_BUF_INIT;
    bool out_open = true, err_open = true;
    size_t written = 0;
    int in_fd = in[1];
    if (!input || input_len == 0) {
        close(in_fd);
        in_fd = -1;
    }
    while (out_open || err_open) {
        struct pollfd fds[3] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0},
                                {in_fd, POLLOUT, 0}};
        if (!out_open)
            fds[0].fd = -1;
        if (!err_open)
            fds[1].fd = -1;
        if (poll(fds, 3, -1) < 0)
            continue;
        if (fds[0].revents)
            drain(out[0], &o, &out_open);
        if (fds[1].revents)
            drain(err[0], &e, &err_open);
        if (in_fd >= 0 && fds[2].revents) {
            ssize_t w = write(in_fd, input + written, input_len - written);
            if (w > 0)
                written += (size_t)w;
            if (w < 0 || written == input_len) {
                close(in_fd);
                in_fd = -1;
            }
        }
    }
    if (in_fd >= 0)
        close(in_fd);
    close(out[0]), close(err[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                                   : 128 + WTERMSIG(wstatus);
    r->out = bc_buf_detach(&o, &r->out_len);
    r->err = bc_buf_detach(&e, &r->err_len);
}

void tu_run(tu_result *r, const char *input, size_t input_len,
            const char *const *args)
{
    const char *bin = tu_bin();
    size_t argc = 0;
    while (args[argc])
        argc++;
    char **argv = bc_xcalloc(argc + 2, sizeof(char *));
    argv[0] = (char *)bin;
    for (size_t i = 0; i < argc; i++)
        argv[i + 1] = (char *)args[i];
    run_program(r, bin, argv, input, input_len);
    free(argv);
}

void tu_shell(tu_result *r, const char *fmt, ...)
{
    bc_buf script = BC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(&script, fmt, ap);
    va_end(ap);
    char *argv[] = {(char *)"sh", (char *)"-c", script.ptr, NULL};
    run_program(r, "/bin/sh", argv, NULL, 0);
    bc_buf_fini(&script);
}

int tu_sh(const char *fmt, ...)
{
    bc_buf script = BC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(&script, fmt, ap);
    va_end(ap);
    const char *bin = tu_bin();
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        tu_default_signals();
        child_in_english();
        setenv("BCREPORT", bin, 1);
        execl("/bin/sh", "sh", "-c", script.ptr, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    bc_buf_fini(&script);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void tu_fan_out_citations(bc_buf *yaml)
{
    for (int i = 0; i < 7; i++) {
        bc_buf_printf(yaml, "  - {id: c%d, type: Nghị định, number: "
                            "%d/2020/NĐ-CP, date: 2020-07-08, issuer: Chính "
                            "phủ, title: \"",
                      i, i + 1);
        for (int k = 0; i < 6 && k < 20; k++)
            bc_buf_printf(yaml, "[@c%d title] ", i + 1);
        bc_buf_puts(yaml, "về x\"}\n");
    }
}

void tu_result_fini(tu_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

char *tu_shared_dir(const char *env_var, const char *sub)
{
    const char *env = env_var ? getenv(env_var) : NULL;
    bc_buf path = BC_BUF_INIT;
    if (env && *env)
        bc_buf_puts(&path, env);
    else
        bc_buf_printf(&path, "../shared/%s", sub);
    struct stat st;
    if (stat(path.ptr, &st) != 0 || !S_ISDIR(st.st_mode)) {
        bc_buf_fini(&path);
        return NULL;
    }
    return bc_buf_detach(&path, NULL);
}

bool tu_in_ci(void)
{
    const char *ci = getenv("CI");
    return ci && strcmp(ci, "true") == 0;
}

char *tu_read_example(size_t *len)
{
    char *dir = tu_shared_dir("BCREPORT_SEED_DIR", "seed");
    if (!dir) {
        fprintf(stderr, "\n*** SKIPPED: the example report "
                        "(../shared/seed/000_128ea849c527b4f7.txt) is not "
                        "here; set BCREPORT_SEED_DIR ***\n\n");
        if (tu_in_ci())
            fail_msg("CI=true: the example report must be present");
        skip();
    }
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/000_128ea849c527b4f7.txt", dir);
    char *text = tu_read_file(path.ptr, len);
    if (!text)
        fail_msg("cannot read %s", path.ptr);
    bc_buf_fini(&path);
    free(dir);
    return text;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **tu_list_files(const char *dir, const char *prefix, const char *suffix,
                     size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    char **names = NULL;
    size_t n = 0, lp = strlen(prefix), ls = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < lp + ls || strncmp(e->d_name, prefix, lp) != 0 ||
            strcmp(e->d_name + len - ls, suffix) != 0)
            continue;
        names = bc_xreallocarray(names, n + 1, sizeof *names);
        names[n++] = bc_xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *count = n;
    return names;
}

void tu_free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

bool tu_under_valgrind(void)
{
    const char *v = getenv("BC_UNDER_VALGRIND");
    return v && strcmp(v, "1") == 0;
}

void tu_skip_under_valgrind(const char *why)
{
    if (!tu_under_valgrind())
        return;
    fprintf(stderr, "\n*** SKIPPED under valgrind: %s ***\n\n", why);
    skip();
}

const char *tu_real_bin(void)
{
    static char bin[4096];
    const char *env = getenv("BCREPORT_REAL_BIN");
    if (!env || !*env)
        return tu_bin();
    if (!*bin && !realpath(env, bin))
        fail_msg("cannot find the bcreport binary (BCREPORT_REAL_BIN)");
    return bin;
}
