/* test_catalogue.c - the catalogue of bad input (tests/fixtures/bad, whose
 * README.md describes the layout): every case, in English and in
 * Vietnamese, in a fresh copy of its folder.  Each run must give exactly
 * the recorded status, standard error and standard output, within 10 s of
 * processor time (ulimit -t) and 60 s of wall time, without a crash, and
 * leave its folder exactly as it was: no output created or changed, no
 * temporary file left.
 *
 * With BCREPORT_CATALOGUE_RECORD=1 (make catalogue-expect) it records what
 * each case gives instead (CASE.status, .err, .err.vi, .out), for review;
 * CATALOGUE_CASES="NNN-name ..." limits either mode to those cases. */
#define _DEFAULT_SOURCE /* mkdtemp, strsep */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"

#define FIXTURES "tests/fixtures/bad"
#define CPU_SECONDS 10
#define WALL_SECONDS 60
#define BIG_FILE (1024 * 1024)
/* What an output named by -o holds before a Vietnamese run. */
#define OLD_OUTPUT "bcreport catalogue: the old output, which must stay as it is\n"

static bool recording;

/* ---- files ---- */

static char *read_text(const char *path, size_t *len)
{
    return tu_read_file(path, len);
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void write_whole(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        fail_msg("cannot write %s: %s", path, strerror(errno));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir but . and .., sorted; NULL when it cannot be read. */
static char **entries(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d)
        return NULL;
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        names = bc_xreallocarray(names, *n + 1, sizeof *names);
        names[(*n)++] = bc_xstrdup(e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, by_name);
    return names;
}

/* Copies src (a file, or a folder with everything in it) to dst, modes
 * kept. */
static void copy_tree(const char *src, const char *dst)
{
    struct stat st;
    if (lstat(src, &st) != 0)
        fail_msg("cannot stat %s", src);
    if (S_ISDIR(st.st_mode)) {
        if (mkdir(dst, 0700) != 0 && errno != EEXIST)
            fail_msg("cannot make %s", dst);
        size_t n;
        char **names = entries(src, &n);
        for (size_t i = 0; i < n; i++) {
            bc_buf s = BC_BUF_INIT, d = BC_BUF_INIT;
            bc_buf_printf(&s, "%s/%s", src, names[i]);
            bc_buf_printf(&d, "%s/%s", dst, names[i]);
            copy_tree(s.ptr, d.ptr);
            bc_buf_fini(&s);
            bc_buf_fini(&d);
        }
        tu_free_names(names, n);
    } else if (S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t len = readlink(src, target, sizeof target - 1);
        assert_true(len >= 0);
        target[len] = '\0';
        assert_int_equal(symlink(target, dst), 0);
        return;
    } else {
        size_t len;
        char *data = read_text(src, &len);
        if (!data)
            fail_msg("cannot read %s", src);
        write_whole(dst, data, len);
        free(data);
    }
    chmod(dst, st.st_mode & 07777);
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700); /* a case may have taken away the rights */
        size_t n;
        char **names = entries(path, &n);
        for (size_t i = 0; i < n; i++) {
            bc_buf p = BC_BUF_INIT;
            bc_buf_printf(&p, "%s/%s", path, names[i]);
            remove_tree(p.ptr);
            bc_buf_fini(&p);
        }
        tu_free_names(names, n);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* FNV-1a, 64 bits: enough to see that a file changed.  The few big
 * inputs are not read (their size, inode and time tell). */
static unsigned long long hash_file(const char *path)
{
    unsigned long long h = 14695981039346656037ULL;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    unsigned char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        for (ssize_t i = 0; i < n; i++)
            h = (h ^ chunk[i]) * 1099511628211ULL;
    close(fd);
    return h;
}

/* One line for each entry under dir (rel is its path inside the
 * snapshot): type, mode, and for a file its size, inode, modification
 * time and content; for a link its target.  A folder's own times are
 * left out: a temporary file made and removed changes them. */
static void snapshot(const char *dir, const char *rel, bc_buf *out)
{
    size_t n;
    char **names = entries(dir, &n);
    for (size_t i = 0; i < n; i++) {
        bc_buf path = BC_BUF_INIT, sub = BC_BUF_INIT;
        bc_buf_printf(&path, "%s/%s", dir, names[i]);
        bc_buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (lstat(path.ptr, &st) != 0) {
            bc_buf_printf(out, "%s vanished\n", sub.ptr);
        } else if (S_ISDIR(st.st_mode)) {
            bc_buf_printf(out, "%s/ mode %o\n", sub.ptr,
                          (unsigned)(st.st_mode & 07777));
            snapshot(path.ptr, sub.ptr, out);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t len = readlink(path.ptr, target, sizeof target - 1);
            target[len < 0 ? 0 : len] = '\0';
            bc_buf_printf(out, "%s -> %s\n", sub.ptr, target);
        } else {
            bc_buf_printf(out, "%s mode %o size %lld inode %llu mtime "
                               "%lld.%09ld content %016llx\n",
                          sub.ptr, (unsigned)(st.st_mode & 07777),
                          (long long)st.st_size,
                          (unsigned long long)st.st_ino,
                          (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                          S_ISREG(st.st_mode) && st.st_size <= BIG_FILE
                              ? hash_file(path.ptr)
                              : 0ULL);
        }
        bc_buf_fini(&path);
        bc_buf_fini(&sub);
    }
    tu_free_names(names, n);
}

/* ---- the cases ---- */

/* Every case: the names NNN-name before the first dot of the entries of
 * FIXTURES that start with three digits and a dash. */
static char **list_cases(size_t *count)
{
    size_t n;
    char **names = entries(FIXTURES, &n);
    if (!names)
        fail_msg("cannot read %s", FIXTURES);
    char **cases = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = names[i];
        if (strlen(s) < 5 || strspn(s, "0123456789") != 3 || s[3] != '-')
            continue;
        size_t len = strcspn(s, ".");
        if (k && strlen(cases[k - 1]) == len &&
            !strncmp(cases[k - 1], s, len))
            continue; /* sorted: the entries of a case come together */
        cases = bc_xreallocarray(cases, k + 1, sizeof *cases);
        cases[k++] = bc_xstrndup(s, len);
    }
    tu_free_names(names, n);
    *count = k;
    return cases;
}

/* The content of FIXTURES/name+suffix, or NULL. */
static char *case_file(const char *name, const char *suffix, size_t *len)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s%s", FIXTURES, name, suffix);
    char *text = read_text(path.ptr, len);
    bc_buf_fini(&path);
    return text;
}

/* The case's arguments to bcreport, a line of the shell: CASE.cmd without
 * its line end, or "build CASE.yaml -o out.md". */
static char *case_command(const char *name)
{
    char *cmd = case_file(name, ".cmd", NULL);
    if (!cmd) {
        bc_buf b = BC_BUF_INIT;
        bc_buf_printf(&b, "build %s.yaml -o out.md", name);
        return bc_buf_detach(&b, NULL);
    }
    cmd[strcspn(cmd, "\n")] = '\0';
    return cmd;
}

/* The file named by -o (-o FILE, -oFILE, --output FILE, --output=FILE)
 * in cmd, split at blanks, or NULL; NULL too for new and init, which
 * refuse any existing file by design. */
static char *output_of(const char *cmd)
{
    char *copy = bc_xstrdup(cmd), *rest = copy, *word, *out = NULL;
    bool first = true, take = false;
    while ((word = strsep(&rest, " \t"))) {
        if (!*word)
            continue;
        if (first && *word != '-') {
            first = false;
            if (!strcmp(word, "new") || !strcmp(word, "init"))
                break;
        }
        if (take) {
            out = bc_xstrdup(word);
            break;
        }
        if (!strcmp(word, "-o") || !strcmp(word, "--output"))
            take = true;
        else if (!strncmp(word, "--output=", 9))
            out = bc_xstrdup(word + 9);
        else if (!strncmp(word, "-o", 2))
            out = bc_xstrdup(word + 2);
        if (out)
            break;
    }
    free(copy);
    return out;
}

/* Copies the case's inputs into dir (CASE.yaml, the content of the folder
 * CASE/) and runs CASE.setup there.  For a Vietnamese run, the output
 * named by -o, when it is a plain name of a file that is not there, is
 * made with OLD_OUTPUT: the English run sees that no output is created,
 * the Vietnamese one that none is changed. */
static void prepare(const char *name, bool vietnamese, const char *cmd,
                    const char *dir)
{
    bc_buf src = BC_BUF_INIT, dst = BC_BUF_INIT;
    bc_buf_printf(&src, "%s/%s.yaml", FIXTURES, name);
    bc_buf_printf(&dst, "%s/%s.yaml", dir, name);
    if (exists(src.ptr))
        copy_tree(src.ptr, dst.ptr);
    bc_buf_clear(&src);
    bc_buf_printf(&src, "%s/%s", FIXTURES, name);
    if (exists(src.ptr))
        copy_tree(src.ptr, dir);
    char *setup = case_file(name, ".setup", NULL);
    if (setup) {
        setup[strcspn(setup, "\n")] = '\0';
        int status = tu_sh("cd '%s' && %s", dir, setup);
        if (status != 0)
            fail_msg("%s: its setup failed with status %d", name, status);
        free(setup);
    }
    char *out = vietnamese ? output_of(cmd) : NULL;
    if (out && *out && *out != '/' && strcmp(out, "-") != 0 &&
        out[strlen(out) - 1] != '/') {
        bc_buf path = BC_BUF_INIT;
        bc_buf_printf(&path, "%s/%s", dir, out);
        char *slash = strrchr(path.ptr, '/');
        *slash = '\0';
        struct stat st;
        bool folder = stat(path.ptr, &st) == 0 && S_ISDIR(st.st_mode);
        *slash = '/';
        FILE *f = folder && !exists(path.ptr) ? fopen(path.ptr, "wb") : NULL;
        if (f) { /* none when the name is too long for the system */
            fputs(OLD_OUTPUT, f);
            assert_int_equal(fclose(f), 0);
        }
        bc_buf_fini(&path);
    }
    free(out);
    bc_buf_fini(&src);
    bc_buf_fini(&dst);
}

typedef struct run_result {
    int status; /* exit status, or 128 + signal */
    bool timed_out;
    bc_buf out, err;
} run_result;

/* Runs "$BCREPORT cmd" with /bin/sh in dir, in the language asked, with
 * standard input /dev/null (cmd may redirect it), under the limits. */
static void run_case(const char *cmd, bool vietnamese, const char *dir,
                     run_result *r)
{
    int out[2], err[2];
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    bc_buf script = BC_BUF_INIT;
    bc_buf_printf(&script, "exec \"$BCREPORT\" %s", cmd);
    const char *bin = tu_bin();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0 || dup2(out[1], 1) < 0 ||
            dup2(err[1], 2) < 0 || chdir(dir) != 0)
            _exit(126);
        close(out[0]), close(out[1]), close(err[0]), close(err[1]);
        signal(SIGPIPE, SIG_DFL);
        setenv("LANG", vietnamese ? "vi_VN.UTF-8" : "C.UTF-8", 1);
        unsetenv("LANGUAGE");
        unsetenv("LC_ALL");
        unsetenv("LC_MESSAGES");
        setenv("NO_COLOR", "1", 1);
        setenv("BCREPORT", bin, 1);
        struct rlimit cpu = {CPU_SECONDS, CPU_SECONDS + 1};
        setrlimit(RLIMIT_CPU, &cpu); /* ulimit -t */
        if (!strpbrk(cmd, "<>|&;\"'$`\\*?()[]{}~#=")) {
            /* plain words: run it directly, a process less */
            char *words = bc_xstrdup(cmd), *rest = words, *w;
            char *argv[64] = {(char *)bin};
            int argc = 1;
            while ((w = strsep(&rest, " \t")) && argc < 63)
                if (*w)
                    argv[argc++] = w;
            argv[argc] = NULL;
            execv(bin, argv);
            _exit(127);
        }
        execl("/bin/sh", "sh", "-c", script.ptr, (char *)NULL);
        _exit(127);
    }
    close(out[1]), close(err[1]);
    signal(SIGPIPE, SIG_IGN);
    bc_buf_init(&r->out);
    bc_buf_init(&r->err);
    r->timed_out = false;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    bool open_out = true, open_err = true;
    while (open_out || open_err) {
        struct pollfd fds[2] = {{open_out ? out[0] : -1, POLLIN, 0},
                                {open_err ? err[0] : -1, POLLIN, 0}};
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited = (long)(now.tv_sec - start.tv_sec);
        if (waited >= WALL_SECONDS && !r->timed_out) {
            r->timed_out = true;
            kill(pid, SIGKILL); /* a hang fails; the pipes close */
        }
        if (poll(fds, 2, 1000) <= 0)
            continue;
        for (int i = 0; i < 2; i++) {
            if (!fds[i].revents)
                continue;
            char chunk[65536];
            ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
            if (n > 0)
                bc_buf_append(i ? &r->err : &r->out, chunk, (size_t)n);
            else if (n == 0 || errno != EINTR)
                *(i ? &open_err : &open_out) = false;
        }
    }
    close(out[0]), close(err[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                                   : 128 + WTERMSIG(wstatus);
    bc_buf_fini(&script);
}

/* Prints want and got as a unified diff on standard error. */
static void show_diff(const char *what, const char *want, const char *got,
                      size_t got_len)
{
    char *a = tu_temp_file(want, strlen(want), ".want");
    char *b = tu_temp_file(got, got_len, ".got");
    fprintf(stderr, "  %s differs:\n", what);
    fflush(stderr);
    tu_sh("diff -u '%s' '%s' | sed 's/^/    /' >&2", a, b);
    unlink(a);
    unlink(b);
    free(a);
    free(b);
}

/* Writes the expectations of a case from its runs. */
static void record(const char *name, bool vietnamese, const run_result *r)
{
    bc_buf path = BC_BUF_INIT;
    bc_buf_printf(&path, "%s/%s%s", FIXTURES, name,
                  vietnamese ? ".err.vi" : ".err");
    write_whole(path.ptr, r->err.ptr ? r->err.ptr : "", r->err.len);
    if (!vietnamese) {
        char status[16];
        int n = snprintf(status, sizeof status, "%d\n", r->status);
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s.status", FIXTURES, name);
        write_whole(path.ptr, status, (size_t)n);
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s.out", FIXTURES, name);
        if (r->out.len)
            write_whole(path.ptr, r->out.ptr, r->out.len);
        else
            unlink(path.ptr);
    } else {
        char *want = case_file(name, ".status", NULL);
        if (want && atoi(want) != r->status)
            fprintf(stderr, "%s: status %d in Vietnamese, %d in English\n",
                    name, r->status, atoi(want));
        free(want);
    }
    bc_buf_fini(&path);
}

/* Runs one case in one language; returns false (having said why on
 * standard error) when it does not keep its promises. */
static bool check_case(const char *name, bool vietnamese)
{
    const char *lang = vietnamese ? "vi" : "en";
    char *cmd = case_command(name);
    const char *tmp = getenv("TMPDIR");
    bc_buf dir = BC_BUF_INIT;
    bc_buf_printf(&dir, "%s/bccat-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir.ptr))
        fail_msg("mkdtemp: %s", strerror(errno));
    prepare(name, vietnamese, cmd, dir.ptr);
    bc_buf before = BC_BUF_INIT, after = BC_BUF_INIT;
    snapshot(dir.ptr, "", &before);
    run_result r;
    run_case(cmd, vietnamese, dir.ptr, &r);
    snapshot(dir.ptr, "", &after);
    bool ok = true;
    const char *got_err = r.err.ptr ? r.err.ptr : "";
    if (r.timed_out || r.status >= 128) {
        fprintf(stderr, "FAIL %s (%s): %s, status %d: bcreport %s\n%s\n",
                name, lang,
                r.timed_out ? "HANG (no end after 60 s)" : "CRASH",
                r.status, cmd, got_err);
        ok = false;
    }
    if (strcmp(before.ptr ? before.ptr : "", after.ptr ? after.ptr : "")) {
        fprintf(stderr, "FAIL %s (%s): the folder changed (an output created "
                        "or changed, or a temporary file left): bcreport %s\n",
                name, lang, cmd);
        show_diff("the folder", before.ptr ? before.ptr : "",
                  after.ptr ? after.ptr : "", after.len);
        ok = false;
    }
    if (recording) {
        record(name, vietnamese, &r);
    } else {
        char *want_status = case_file(name, ".status", NULL);
        char *want_err = case_file(name, vietnamese ? ".err.vi" : ".err",
                                   NULL);
        char *want_out = case_file(name, ".out", NULL);
        if (!want_status || !want_err) {
            fprintf(stderr, "FAIL %s: no %s file (make catalogue-expect "
                            "CASES=%s, then review it)\n",
                    name, !want_status ? ".status" : lang, name);
            ok = false;
        } else {
            if (atoi(want_status) != r.status) {
                fprintf(stderr, "FAIL %s (%s): status %d, expected %d: "
                                "bcreport %s\n",
                        name, lang, r.status, atoi(want_status), cmd);
                ok = false;
            }
            if (strlen(got_err) != r.err.len || strcmp(want_err, got_err)) {
                fprintf(stderr, "FAIL %s (%s): standard error: bcreport %s\n",
                        name, lang, cmd);
                show_diff("standard error", want_err, got_err, r.err.len);
                ok = false;
            }
            const char *got_out = r.out.ptr ? r.out.ptr : "";
            if (strlen(got_out) != r.out.len ||
                strcmp(want_out ? want_out : "", got_out)) {
                fprintf(stderr, "FAIL %s (%s): standard output: bcreport %s\n",
                        name, lang, cmd);
                show_diff("standard output", want_out ? want_out : "",
                          got_out, r.out.len);
                ok = false;
            }
        }
        free(want_status);
        free(want_err);
        free(want_out);
    }
    remove_tree(dir.ptr);
    bc_buf_fini(&r.out);
    bc_buf_fini(&r.err);
    bc_buf_fini(&before);
    bc_buf_fini(&after);
    bc_buf_fini(&dir);
    free(cmd);
    return ok;
}

/* Whether name is among CATALOGUE_CASES (all when it is not set). */
static bool selected(const char *name)
{
    const char *only = getenv("CATALOGUE_CASES");
    if (!only || !*only)
        return true;
    size_t len = strlen(name);
    for (const char *p = only; (p = strstr(p, name)); p += len)
        if ((p == only || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
            return true;
    return false;
}

static double seconds(struct timespec from, struct timespec to)
{
    return (double)(to.tv_sec - from.tv_sec) +
           (double)(to.tv_nsec - from.tv_nsec) / 1e9;
}

static void test_catalogue(void **state)
{
    (void)state;
    const char *rec = getenv("BCREPORT_CATALOGUE_RECORD");
    recording = rec && *rec && strcmp(rec, "0") != 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    size_t n, runs = 0, failed = 0;
    char **cases = list_cases(&n);
    for (size_t i = 0; i < n; i++) {
        if (!selected(cases[i]))
            continue;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int vi = 0; vi < 2; vi++) {
            runs++;
            failed += !check_case(cases[i], vi);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (getenv("CATALOGUE_TIMES")) /* which cases are slow */
            fprintf(stderr, "%.3f s %s\n", seconds(t0, t1), cases[i]);
        if (recording) {
            char *status = case_file(cases[i], ".status", NULL);
            printf("%s: %s", cases[i], status ? status : "?\n");
            free(status);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double secs = seconds(start, end);
    printf("catalogue: %zu cases, %zu runs in %.1f s, %zu failed\n", n, runs,
           secs, failed);
    tu_free_names(cases, n);
    if (failed)
        fail_msg("%zu of %zu runs of the catalogue failed (above)", failed,
                 runs);
    assert_true(n >= 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
