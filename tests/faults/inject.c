/*
 * inject.c - allocation faults for the fault build (make check-faults).
 *
 * Linked into build/fault/bcreport only, with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=mmap:
 * every allocation made by an object linked statically (bcreport's own,
 * through alloc.c, zlib's for the DOCX through it too, and the arena's
 * mapped huge blocks; libyaml's, utf8proc's and libcmark's, whose static
 * libraries the fault build links) comes through fault_now() below.  The
 * C library's own allocations (stdio, realpath, gettext) and those of the
 * shared library libxlsxwriter, opened at run time, are not seen.
 *
 * libcmark's default allocator (cmark.c: xcalloc, xrealloc) aborts when
 * memory runs out, so md_html.c gives cmark an allocator of bcreport's;
 * the fault build's copy of libcmark.a has its calloc and realloc renamed
 * to bc_fault_cmark_default_*, which stop the program loudly: any use of
 * the default allocator is found, failing or not.
 *
 * The environment says what to do:
 *   BC_FAULT_COUNT=FILE   at exit, write to FILE how many allocations the
 *                         run made;
 *   BC_FAULT_ALLOC=N      make the Nth allocation fail (from 1), once;
 *   BC_FAULT_TRACE=N      print where the Nth allocation is made (the
 *                         stack, by the sanitizer), to find the code a
 *                         failing N names;
 *   BC_FAULT_FORK=LOG     the fork server: at each allocation k (those with
 *                         k % BC_FAULT_STEP == BC_FAULT_OFFSET, default
 *                         every one), fork; the child fails allocation k
 *                         and goes on (to exit 71, one hopes), its
 *                         standard error read through a pipe, its
 *                         standard output in /dev/null; the parent waits for it,
 *                         checks it, and goes on with the allocation
 *                         granted.  The checks: status 71 (LeakSanitizer
 *                         turns a leak into another status), standard
 *                         error exactly "bcreport: error: out of
 *                         memory\n", and the folder BC_FAULT_DIR (the
 *                         current one by default) left exactly as the
 *                         parent found it when it started: the same names,
 *                         each file the same bytes.  Each failed check is
 *                         a line in LOG; at exit the parent adds
 *                         "total A forked F failed X tolerated T".  A failure the
 *                         program can do without (utf8proc ignores a
 *                         failed realloc that would shrink its buffer)
 *                         must give what a run without faults gives:
 *                         status 0, the standard error in
 *                         BC_FAULT_REF_ERR, the folder as the folder
 *                         BC_FAULT_REF_DIR is; the parent then puts the
 *                         folder back as it was for the next child.
 *   BC_FAULT_LEAK_EVERY=M with ASAN_OPTIONS=leak_check_at_exit=0: every
 *                         Mth child (from the first) has LeakSanitizer
 *                         look for leaks when it exits (a leak is status
 *                         23); LeakSanitizer takes some 90 ms a run, five
 *                         times the rest of a child's cost.
 * A child shares the parent's files: one that fails while a temporary
 * file of -o exists removes it at exit (output.c), and the parent's
 * rename then fails, which is reported as the parent's failure.  So an
 * allocation between the temporary's creation and its rename, which
 * output.c avoids, is found either way (tried: with output.c's clean-up
 * at exit, "the run that forks did not write what a plain run writes";
 * without it, the temporary "left behind").
 * This way one run checks every allocation's failure at the cost of a
 * fork and the end of a run, not of a whole run each.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <dirent.h>
#include <sys/mman.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
char *__wrap_strdup(const char *s);
void *bc_fault_cmark_default_calloc(size_t count, size_t size);
void *bc_fault_cmark_default_realloc(void *ptr, size_t size);

static const char oom_message[] = "bcreport: error: out of memory\n";

void __sanitizer_print_stack_trace(void);
void __lsan_do_leak_check(void);

static unsigned long count, fail_at, trace_at, step = 1, offset;
static unsigned long forked, failed, tolerated, leak_every;
static int ready, is_child, in_hook;
static const char *count_file, *fork_log, *dir = ".";

/* ---- the folder as it was: names and contents ---- */

typedef struct entry {
    char *name;
    char *data; /* NULL for anything but a regular file */
    size_t len;
} entry;

typedef struct snapshot {
    entry *items;
    size_t count;
} snapshot;

static snapshot before, reference;
static const char *ref_dir, *ref_err;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static char *read_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *p = __real_malloc(cap);
    for (;;) {
        if (n == cap)
            p = __real_realloc(p, cap *= 2);
        ssize_t r = read(fd, p + n, cap - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *len = n;
    return p;
}

static void take(snapshot *s, const char *dir)
{
    s->items = NULL;
    s->count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (s->count == cap)
            s->items = __real_realloc(s->items,
                                      (cap = cap ? 2 * cap : 16) *
                                          sizeof *s->items);
        entry *it = &s->items[s->count++];
        it->name = __real_strdup(e->d_name);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        it->data = lstat(path, &st) == 0 && S_ISREG(st.st_mode)
                       ? read_all(path, &it->len)
                       : NULL;
    }
    closedir(d);
    if (s->count)
        qsort(s->items, s->count, sizeof *s->items, by_name);
}

static void drop(snapshot *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].name);
        free(s->items[i].data);
    }
    free(s->items);
}

/* What differs between the folder now and want, into why; 0 when
 * nothing does. */
static int differs(const snapshot *want, char *why, size_t size)
{
    const snapshot *was = want;
    snapshot now;
    take(&now, dir);
    int bad = 0;
    size_t i = 0, j = 0;
    while (!bad && (i < was->count || j < now.count)) {
        int c = i == was->count  ? 1
                : j == now.count ? -1
                                 : strcmp(was->items[i].name,
                                          now.items[j].name);
        if (c < 0)
            snprintf(why, size, "%s missing", was->items[i].name), bad = 1;
        else if (c > 0)
            snprintf(why, size, "%s left behind", now.items[j].name), bad = 1;
        else {
            const entry *a = &was->items[i++], *b = &now.items[j++];
            if (!a->data != !b->data ||
                (a->data && (a->len != b->len ||
                             memcmp(a->data, b->data, a->len) != 0)))
                snprintf(why, size, "%s changed", a->name), bad = 1;
        }
    }
    drop(&now);
    return bad;
}

/* Puts the folder back as it was before: what a child that succeeded
 * wrote is undone for the next one. */
static void restore(void)
{
    snapshot now;
    take(&now, dir);
    char path[4096];
    for (size_t j = 0; j < now.count; j++) {
        snprintf(path, sizeof path, "%s/%s", dir, now.items[j].name);
        const entry *was = NULL;
        for (size_t i = 0; i < before.count && !was; i++)
            if (!strcmp(before.items[i].name, now.items[j].name))
                was = &before.items[i];
        if (!was)
            unlink(path);
    }
    for (size_t i = 0; i < before.count; i++) {
        if (!before.items[i].data)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, before.items[i].name);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            (void)!write(fd, before.items[i].data, before.items[i].len);
            close(fd);
        }
    }
    drop(&now);
}

/* ---- the fork server ---- */

static void log_line(const char *fmt, unsigned long a, const char *b)
{
    FILE *f = fopen(fork_log, "a");
    if (!f)
        return;
    fprintf(f, fmt, a, b);
    fclose(f);
}

static void report(void)
{
    if (is_child)
        return;
    if (count_file) {
        FILE *f = fopen(count_file, "w");
        if (f) {
            fprintf(f, "%lu\n", count);
            fclose(f);
        }
    }
    if (fork_log) {
        FILE *f = fopen(fork_log, "a");
        if (f) {
            fprintf(f, "total %lu forked %lu failed %lu tolerated %lu\n",
                    count, forked, failed, tolerated);
            fclose(f);
        }
        drop(&before);
        drop(&reference);
    }
}

/* Forks a child that fails allocation k; checks it.  Returns 1 in the
 * child, 0 in the parent. */
static int fork_and_check(unsigned long k)
{
    fflush(NULL); /* nothing buffered for the child to write again */
    int pipe_fd[2];
    if (pipe(pipe_fd) != 0) {
        log_line("alloc %lu: cannot make a pipe%s\n", k, "");
        failed++;
        return 0;
    }
    pid_t pid = fork();
    if (pid < 0) {
        log_line("alloc %lu: cannot fork%s\n", k, "");
        failed++;
        close(pipe_fd[0]);
        close(pipe_fd[1]);
        return 0;
    }
    if (pid == 0) {
        is_child = 1;
        close(pipe_fd[0]);
        dup2(pipe_fd[1], 2);
        close(pipe_fd[1]);
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            close(fd);
        }
        alarm(60); /* a hang is a failure too */
        if (leak_every && forked % leak_every == 0)
            atexit(__lsan_do_leak_check);
        return 1;
    }
    forked++;
    close(pipe_fd[1]);
    size_t err_len = 0, cap = 4096;
    char *err = __real_malloc(cap);
    for (;;) {
        if (err_len == cap)
            err = __real_realloc(err, cap *= 2);
        ssize_t r = read(pipe_fd[0], err + err_len, cap - err_len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        err_len += (size_t)r;
    }
    close(pipe_fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    char why[512] = "";
    if (!WIFEXITED(status))
        snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(status));
    else if (WEXITSTATUS(status) == 0 && ref_dir && ref_err) {
        size_t want_len = 0;
        char *want = read_all(ref_err, &want_len);
        if (!want || !err || want_len != err_len ||
            memcmp(want, err, err_len) != 0)
            snprintf(why, sizeof why,
                     "status 0, standard error not a good run's");
        else if (!differs(&reference, why, sizeof why))
            tolerated++;
        free(want);
        restore();
    } else if (WEXITSTATUS(status) != 71)
        snprintf(why, sizeof why, "status %d", WEXITSTATUS(status));
    else if (!err || err_len != sizeof oom_message - 1 ||
             memcmp(err, oom_message, err_len) != 0)
        snprintf(why, sizeof why, "standard error not the message");
    else
        differs(&before, why, sizeof why);
    if (*why) {
        failed++;
        char line[1024];
        snprintf(line, sizeof line, "%s; stderr: %.*s", why,
                 err ? (int)(err_len > 400 ? 400 : err_len) : 0,
                 err ? err : "");
        for (char *p = line; *p; p++)
            if (*p == '\n')
                *p = '|';
        log_line("alloc %lu: %s\n", k, line);
    }
    free(err);
    return 0;
}

/* True when this allocation is to fail. */
static int fault_now(void)
{
    if (in_hook)
        return 0;
    if (!ready) {
        ready = 1;
        in_hook = 1;
        /* A mark for strace: the calls before it are the dynamic loader's
         * and the sanitizers', not bcreport's (tests/faults.sh). */
        (void)!open("/bc-fault: main has started", O_RDONLY);
        const char *n = getenv("BC_FAULT_ALLOC");
        fail_at = n ? strtoul(n, NULL, 10) : 0;
        const char *t = getenv("BC_FAULT_TRACE");
        trace_at = t ? strtoul(t, NULL, 10) : 0;
        count_file = getenv("BC_FAULT_COUNT");
        fork_log = getenv("BC_FAULT_FORK");
        if (fork_log) {
            if (getenv("BC_FAULT_DIR"))
                dir = getenv("BC_FAULT_DIR");
            const char *s = getenv("BC_FAULT_STEP");
            const char *o = getenv("BC_FAULT_OFFSET");
            step = s ? strtoul(s, NULL, 10) : 1;
            const char *l = getenv("BC_FAULT_LEAK_EVERY");
            leak_every = l ? strtoul(l, NULL, 10) : 0;
            offset = o ? strtoul(o, NULL, 10) : 0;
            if (!step)
                step = 1;
            take(&before, dir);
            ref_dir = getenv("BC_FAULT_REF_DIR");
            ref_err = getenv("BC_FAULT_REF_ERR");
            if (ref_dir)
                take(&reference, ref_dir);
        }
        if (count_file || fork_log)
            atexit(report);
        in_hook = 0;
    }
    if (is_child)
        return 0;
    unsigned long k = ++count;
    if (k == trace_at) {
        fprintf(stderr, "allocation %lu:\n", k);
        __sanitizer_print_stack_trace();
    }
    if (k == fail_at) {
        errno = ENOMEM;
        return 1;
    }
    if (fork_log && k % step == offset % step) {
        in_hook = 1;
        int child = fork_and_check(k);
        in_hook = 0;
        if (child) {
            errno = ENOMEM;
            return 1;
        }
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    return fault_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fault_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *ptr, size_t size)
{
    return fault_now() ? NULL : __real_realloc(ptr, size);
}

char *__wrap_strdup(const char *s)
{
    return fault_now() ? NULL : __real_strdup(s);
}

/* Anonymous mappings are allocations (alloc.c's bc_xmap); files mapped
 * are not. */
void *__real_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t off);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t off);
void *__wrap_mmap(void *addr, size_t len, int prot, int flags, int fd,
                  off_t off)
{
    if ((flags & MAP_ANONYMOUS) && fault_now())
        return MAP_FAILED;
    return __real_mmap(addr, len, prot, flags, fd, off);
}

/* ---- libcmark's default allocator: never to be reached ---- */

static _Noreturn void cmark_default_reached(void)
{
    static const char msg[] =
        "bcreport: fault build: libcmark's default allocator reached\n";
    (void)!write(2, msg, sizeof msg - 1);
    abort();
}

void *bc_fault_cmark_default_calloc(size_t n, size_t size)
{
    (void)n;
    (void)size;
    cmark_default_reached();
}

void *bc_fault_cmark_default_realloc(void *ptr, size_t size)
{
    (void)ptr;
    (void)size;
    cmark_default_reached();
}
