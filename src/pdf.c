/* pdf.c - printing to PDF with headless Chromium or LibreOffice, in a
 * temporary folder removed in every case (see pdf.h). */
#include "bcreport/pdf.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/chars.h"
#include "bcreport/io.h"

/* POSIX has the application declare it. */
extern char **environ;

/* How long an engine stopped with SIGTERM gets to end before SIGKILL:
 * enough for Chromium or LibreOffice to close their files. */
#define GRACE_MS 2000
/* What of the engine's log a failure quotes: its last lines, read from
 * its last bytes only (Chromium can print a lot). */
#define LOG_TAIL_LINES 5
#define LOG_TAIL_BYTES 4096
/* $BCREPORT_PDF_TIMEOUT above a day is taken for a mistake. */
#define MAX_TIMEOUT 86400L

/* ---- finding the engine ---- */

static const char *const chromium_names[] = {"chromium", "chromium-browser",
                                             "google-chrome", NULL};
static const char *const libreoffice_names[] = {"soffice", "libreoffice",
                                                NULL};

static const char *package_of(bc_pdf_kind kind)
{
    return kind == BC_PDF_LIBREOFFICE
               ? _("libreoffice-writer-nogui (or libreoffice-writer)")
               : "chromium";
}

/* LibreOffice by its name (soffice, soffice.bin, libreoffice7.6, ...);
 * anything else is taken for a Chromium, which has many names. */
static bc_pdf_kind kind_of(const char *program)
{
    const char *slash = strrchr(program, '/');
    const char *base = slash ? slash + 1 : program;
    return strncmp(base, "soffice", 7) == 0 ||
                   strncmp(base, "libreoffice", 11) == 0
               ? BC_PDF_LIBREOFFICE
               : BC_PDF_CHROMIUM;
}

/* Why path cannot be run as a program, or NULL when it can. */
static const char *not_runnable(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return strerror(errno);
    if (S_ISDIR(st.st_mode))
        return _("a folder, not a program");
    if (!S_ISREG(st.st_mode))
        return _("not a program");
    if (access(path, X_OK) != 0)
        return _("not executable");
    return NULL;
}

/* The first program called name in PATH's folders, malloc'd, or NULL.
 * An empty entry is the current folder, as for the shell; with no PATH,
 * the system's default, as execvp does. */
static char *search_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    bc_buf cand = BC_BUF_INIT;
    for (const char *p = path;;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        bc_buf_clear(&cand);
        if (n == 0)
            bc_buf_printf(&cand, "./%s", name);
        else
            bc_buf_printf(&cand, "%.*s/%s", (int)n, p, name);
        if (!not_runnable(cand.ptr))
            return bc_buf_detach(&cand, NULL);
        if (!end)
            break;
        p = end + 1;
    }
    bc_buf_fini(&cand);
    return NULL;
}

/* "a", "a and b", "a, b and c": the names that were looked for. */
static void list_names(const char *const *names, bc_buf *out)
{
    for (size_t i = 0; names[i]; i++) {
        if (i > 0)
            bc_buf_puts(out, names[i + 1] ? ", " : _(" and "));
        bc_buf_puts(out, names[i]);
    }
}

/* The first of names on PATH; an error naming the package otherwise. */
static bool find_named(const char *const *names, bc_pdf_kind kind,
                       bc_pdf_engine *engine, bc_diags *diags)
{
    for (size_t i = 0; names[i]; i++) {
        engine->program = search_path(names[i]);
        if (engine->program) {
            engine->kind = kind;
            return true;
        }
    }
    bc_buf list = BC_BUF_INIT;
    list_names(names, &list);
    size_t count = 0;
    while (names[count])
        count++;
    /* the other engine may be installed: say how to choose it */
    const char *other = kind == BC_PDF_LIBREOFFICE ? "chromium" : "libreoffice";
    bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){NULL, 0, 0},
                bc_ngettext("no PDF engine: %s is not on PATH; install the "
                            "Debian package %s, or give --pdf-engine=%s or "
                            "--pdf-engine=PATH",
                            "no PDF engine: %s are not on PATH; install the "
                            "Debian package %s, or give --pdf-engine=%s or "
                            "--pdf-engine=PATH",
                            count),
                list.ptr, package_of(kind), other);
    bc_buf_fini(&list);
    return false;
}

/* A program given by its path. */
static bool find_at(const char *path, bc_pdf_engine *engine,
                    bc_diags *diags)
{
    bc_pdf_kind kind = kind_of(path);
    const char *why = not_runnable(path);
    if (why) {
        bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){path, 0, 0},
                    _("cannot run the PDF engine: %s; install the Debian "
                    "package %s, or give --pdf-engine=PATH"),
                    why, package_of(kind));
        return false;
    }
    engine->kind = kind;
    engine->program = bc_xstrdup(path);
    return true;
}

bool bc_pdf_find_engine(const char *spec, bc_pdf_engine *engine,
                        bc_diags *diags)
{
    engine->program = NULL;
    engine->kind = BC_PDF_CHROMIUM;
    if (!spec || strcmp(spec, "chromium") == 0)
        return find_named(chromium_names, BC_PDF_CHROMIUM, engine, diags);
    if (strcmp(spec, "libreoffice") == 0)
        return find_named(libreoffice_names, BC_PDF_LIBREOFFICE, engine,
                          diags);
    if (strchr(spec, '/'))
        return find_at(spec, engine, diags);
    const char *names[] = {spec, NULL};
    return find_named(names, kind_of(spec), engine, diags);
}

void bc_pdf_engine_fini(bc_pdf_engine *engine)
{
    free(engine->program);
    engine->program = NULL;
}

/* ---- the signals that would orphan the folder and the engine ---- */

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* While the engine runs, the fatal signals and SIGCHLD are blocked and
 * taken with sigtimedwait: no handler runs, so the cleanup needs nothing
 * async-signal-safe and no global state. */
typedef struct sig_guard {
    sigset_t wait_set; /* SIGCHLD and the fatal signals taken */
    sigset_t old_mask;
    struct sigaction old_chld;
} sig_guard;

/* A fatal signal that is ignored (nohup, a background job) stays
 * ignored, and one the caller blocks stays the caller's: only the others
 * are taken.  SIGCHLD ignored would have the kernel reap the engine
 * before waitpid could tell how it ended, so it is the default for now. */
static void guard_begin(sig_guard *g)
{
    sigprocmask(SIG_BLOCK, NULL, &g->old_mask);
    sigemptyset(&g->wait_set);
    sigaddset(&g->wait_set, SIGCHLD);
    for (size_t i = 0; i < BC_COUNT(fatal_signals); i++) {
        struct sigaction sa;
        if (sigaction(fatal_signals[i], NULL, &sa) == 0 &&
            sa.sa_handler != SIG_IGN &&
            !sigismember(&g->old_mask, fatal_signals[i]))
            sigaddset(&g->wait_set, fatal_signals[i]);
    }
    sigprocmask(SIG_BLOCK, &g->wait_set, NULL);
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGCHLD, &dfl, &g->old_chld);
}

static void guard_end(const sig_guard *g)
{
    sigaction(SIGCHLD, &g->old_chld, NULL);
    sigprocmask(SIG_SETMASK, &g->old_mask, NULL);
}

/* Ends bcreport as the signal taken would have, once everything is
 * cleaned up and the caller's mask is back. */
static _Noreturn void die_of(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the three signals end a process */
}

/* A caller with a handler of its own for the signal (build --watch,
 * which ends cleanly) gets it back once the folder is gone, and the print
 * fails; otherwise bcreport ends as the signal would have ended it. */
static void give_back(int sig, bc_diags *diags)
{
    struct sigaction sa;
    bool caught = sigaction(sig, NULL, &sa) == 0 &&
                  ((sa.sa_flags & SA_SIGINFO) ||
                   (sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN));
    if (!caught)
        die_of(sig);
    raise(sig); /* unblocked again: the handler runs before raise returns */
    bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){NULL, 0, 0},
                _("the PDF was not printed: interrupted (%s)"),
                strsignal(sig));
}

/* ---- time ---- */

static struct timespec deadline_after(long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* The time until deadline into left; false once it has passed. */
static bool time_left(const struct timespec *deadline, struct timespec *left)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    left->tv_sec = deadline->tv_sec - now.tv_sec;
    left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
    if (left->tv_nsec < 0) {
        left->tv_sec--;
        left->tv_nsec += 1000000000L;
    }
    return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

/* BC_PDF_TIMEOUT, or $BCREPORT_PDF_TIMEOUT when it is a whole number of
 * seconds; any other value is ignored, so that a stray setting cannot
 * stop a report. */
static long timeout_seconds(void)
{
    const char *s = getenv("BCREPORT_PDF_TIMEOUT");
    if (!s || !*s)
        return BC_PDF_TIMEOUT;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    return *end || errno || v <= 0 || v > MAX_TIMEOUT ? BC_PDF_TIMEOUT : v;
}

/* ---- the temporary folder ---- */

typedef struct job {
    const bc_pdf_engine *engine;
    bc_buf dir; /* the folder, absolute */
    bc_buf doc; /* dir/report.html or dir/report.docx */
    bc_buf pdf; /* dir/report.pdf, where both engines write */
    bc_buf log; /* dir/engine.log: the engine's output */
} job;

static void job_init(job *j, const bc_pdf_engine *engine)
{
    j->engine = engine;
    bc_buf_init(&j->dir);
    bc_buf_init(&j->doc);
    bc_buf_init(&j->pdf);
    bc_buf_init(&j->log);
}

static void job_fini(job *j)
{
    bc_buf_fini(&j->dir);
    bc_buf_fini(&j->doc);
    bc_buf_fini(&j->pdf);
    bc_buf_fini(&j->log);
}

/* Makes the folder under $TMPDIR (or /tmp), by its absolute path: the
 * engines are given URLs, which cannot be relative. */
static bool make_folder(job *j, bc_diags *diags)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    bc_buf name = BC_BUF_INIT;
    bc_buf_printf(&name, "%s/bcreport-pdf-XXXXXX", tmp);
    char *real = NULL;
    int saved = 0;
    if (!mkdtemp(name.ptr))
        saved = errno;
    else if (!(real = realpath(name.ptr, NULL))) {
        saved = errno;
        rmdir(name.ptr);
    }
    bc_buf_fini(&name);
    if (saved == ENOMEM)
        bc_out_of_memory();
    if (!real) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, (bc_pos){NULL, 0, 0},
                    _("cannot create a temporary folder in %s to print the "
                    "PDF: %s"),
                    tmp, strerror(saved));
        return false;
    }
    bc_buf_puts(&j->dir, real);
    free(real);
    bool html = j->engine->kind == BC_PDF_CHROMIUM;
    bc_buf_printf(&j->doc, "%s/report.%s", j->dir.ptr, html ? "html" : "docx");
    bc_buf_printf(&j->pdf, "%s/report.pdf", j->dir.ptr);
    bc_buf_printf(&j->log, "%s/engine.log", j->dir.ptr);
    return true;
}

static int remove_entry(const char *path, const struct stat *st, int type,
                        struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type == FTW_DP || type == FTW_DNR)
        rmdir(path);
    else
        unlink(path);
    return 0; /* on to the rest: remove all that can be */
}

/* Removes the folder and all in it; a warning when something stays. */
static void remove_folder(const job *j, bc_diags *diags)
{
    nftw(j->dir.ptr, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    struct stat st;
    if (lstat(j->dir.ptr, &st) == 0)
        bc_diag_add(diags, BC_WARNING, BC_OK, (bc_pos){NULL, 0, 0},
                    _("cannot remove the temporary folder %s"), j->dir.ptr);
}

static bool write_document(const job *j, const char *doc, size_t len,
                           bc_diags *diags)
{
    int fd = open(j->doc.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
                  0600);
    bool ok = fd >= 0 && bc_write_all(fd, doc, len);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, (bc_pos){j->doc.ptr, 0, 0},
                    _("cannot write the document to print: %s"),
                    strerror(saved));
    return ok;
}

/* ---- the engine's command line and environment ---- */

/* A NULL-terminated vector of malloc'd strings. */
typedef struct strv {
    char **v;
    size_t n;
} strv;

static void strv_add(strv *a, const char *fmt, ...) BC_PRINTF(2, 3);

static void strv_add(strv *a, const char *fmt, ...)
{
    bc_buf s = BC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(&s, fmt, ap);
    va_end(ap);
    a->v = bc_xreallocarray(a->v, a->n + 2, sizeof *a->v);
    a->v[a->n++] = bc_buf_detach(&s, NULL);
    a->v[a->n] = NULL;
}

static void strv_fini(strv *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
}

/* file:// and the path, each byte outside the unreserved characters of
 * RFC 3986 (and '/') percent-encoded: $TMPDIR may hold spaces, '#', '%'. */
static void file_url(const char *path, bc_buf *out)
{
    static const char hex[] = "0123456789ABCDEF";
    bc_buf_puts(out, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            bc_buf_putc(out, (char)*p);
        else
            bc_buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

/* No network (every host name but localhost fails to resolve), nothing
 * of the user's profile, no first-run or background work, no header or
 * footer with a date and the file's address on the page. */
static const char *const chromium_flags[] = {
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost"};

static void engine_args(const job *j, strv *a)
{
    bc_buf url = BC_BUF_INIT;
    strv_add(a, "%s", j->engine->program);
    if (j->engine->kind == BC_PDF_CHROMIUM) {
        for (size_t i = 0; i < BC_COUNT(chromium_flags); i++)
            strv_add(a, "%s", chromium_flags[i]);
        strv_add(a, "--user-data-dir=%s/profile", j->dir.ptr);
        strv_add(a, "--no-pdf-header-footer");
        strv_add(a, "--print-to-pdf=%s", j->pdf.ptr);
        file_url(j->doc.ptr, &url);
        strv_add(a, "%s", url.ptr);
    } else {
        bc_buf profile = BC_BUF_INIT;
        bc_buf_printf(&profile, "%s/profile", j->dir.ptr);
        file_url(profile.ptr, &url);
        bc_buf_fini(&profile);
        strv_add(a, "-env:UserInstallation=%s", url.ptr);
        strv_add(a, "--headless");
        strv_add(a, "--norestore");
        strv_add(a, "--nolockcheck");
        strv_add(a, "--convert-to");
        strv_add(a, "pdf");
        strv_add(a, "--outdir");
        strv_add(a, "%s", j->dir.ptr);
        strv_add(a, "%s", j->doc.ptr);
    }
    bc_buf_fini(&url);
}

/* Chromium makes a socket under $TMPDIR (".org.chromium.Chromium.XXXXXX/
 * SingletonSocket"), whose path cannot pass 107 bytes: a longer folder
 * keeps the caller's TMPDIR. */
#define ENGINE_TMPDIR_MAX 60

/* Variables the engine must not see: HOME, and TMPDIR when the folder
 * is short enough, are replaced by the folder, and the XDG folders are
 * dropped so that they default to places under it; both engines write
 * there (caches, fontconfig, crash reports; Chromium's
 * org.chromium.Chromium.* files, which an engine stopped by a signal
 * would otherwise leave in the caller's TMPDIR). */
static bool replaced_var(const job *j, const char *var)
{
    static const char *const names[] = {"HOME=", "XDG_CONFIG_HOME=",
                                        "XDG_CACHE_HOME=", "XDG_DATA_HOME=",
                                        "XDG_STATE_HOME="};
    for (size_t i = 0; i < BC_COUNT(names); i++)
        if (strncmp(var, names[i], strlen(names[i])) == 0)
            return true;
    return j->dir.len <= ENGINE_TMPDIR_MAX && strncmp(var, "TMPDIR=", 7) == 0;
}

/* A copy of the environment, less replaced_var, with HOME=dir (and
 * TMPDIR=dir). */
static void engine_env(const job *j, strv *env)
{
    for (char **e = environ; e && *e; e++)
        if (!replaced_var(j, *e))
            strv_add(env, "%s", *e);
    strv_add(env, "HOME=%s", j->dir.ptr);
    if (j->dir.len <= ENGINE_TMPDIR_MAX)
        strv_add(env, "TMPDIR=%s", j->dir.ptr);
}

/* ---- running it ---- */

/* Standard input from /dev/null, standard output and error to the log. */
static int set_files(posix_spawn_file_actions_t *fa, const job *j)
{
    int err = posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY,
                                               0);
    if (!err)
        err = posix_spawn_file_actions_addopen(
            fa, 1, j->log.ptr, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!err)
        err = posix_spawn_file_actions_adddup2(fa, 1, 2);
    return err;
}

/* Its own process group, so that it can be stopped whole, and so that a
 * terminal's ^C reaches bcreport only; the caller's signal mask, and the
 * default action for the signals bcreport takes or ignores for itself
 * (main ignores SIGPIPE and SIGXFSZ). */
static int set_attributes(posix_spawnattr_t *at, const sig_guard *g)
{
    sigset_t dfl = g->wait_set;
    sigaddset(&dfl, SIGPIPE);
    sigaddset(&dfl, SIGXFSZ);
    int err = posix_spawnattr_setflags(
        at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                POSIX_SPAWN_SETSIGDEF);
    if (!err)
        err = posix_spawnattr_setpgroup(at, 0);
    if (!err)
        err = posix_spawnattr_setsigmask(at, &g->old_mask);
    if (!err)
        err = posix_spawnattr_setsigdefault(at, &dfl);
    return err;
}

static bool spawn_engine(const job *j, const sig_guard *g, pid_t *pid,
                         bc_diags *diags)
{
    strv argv = {NULL, 0}, env = {NULL, 0};
    engine_args(j, &argv);
    engine_env(j, &env);
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    int err = posix_spawn_file_actions_init(&fa);
    if (!err) {
        err = posix_spawnattr_init(&at);
        if (!err) {
            err = set_files(&fa, j);
            if (!err)
                err = set_attributes(&at, g);
            if (!err)
                err = posix_spawn(pid, argv.v[0], &fa, &at, argv.v, env.v);
            posix_spawnattr_destroy(&at);
        }
        posix_spawn_file_actions_destroy(&fa);
    }
    strv_fini(&argv);
    strv_fini(&env);
    if (err == ENOMEM)
        bc_out_of_memory();
    if (err)
        bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE,
                    (bc_pos){j->engine->program, 0, 0},
                    _("cannot run the PDF engine: %s"), strerror(err));
    return !err;
}

/* Waits until the engine has ended, the deadline has passed (-1) or one
 * of the fatal signals in set has come (the signal).  0 when it has
 * ended, left unreaped: its process group stays whole, so that killing
 * what it left running cannot reach a stranger who took its number. */
static int wait_engine(pid_t pid, const sigset_t *set,
                       const struct timespec *deadline)
{
    for (;;) {
        siginfo_t info;
        info.si_pid = 0;
        int r = waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT);
        if (r == 0 && info.si_pid == pid)
            return 0;
        if (r != 0 && errno == ECHILD)
            return 0; /* gone already: reaping tells the rest */
        struct timespec left;
        if (!time_left(deadline, &left))
            return -1;
        /* Blocked, SIGCHLD cannot come between waitid and here unseen. */
        int sig = sigtimedwait(set, NULL, &left);
        if (sig > 0 && sig != SIGCHLD)
            return sig;
    }
}

/* Kills what is left of the engine's group, then reaps the engine: its
 * wait status, or 0 when it could not be had. */
static int reap_engine(pid_t pid)
{
    kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* SIGTERM to the whole group, the grace to end, then SIGKILL. */
static int stop_engine(pid_t pid)
{
    kill(-pid, SIGTERM);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    struct timespec grace = deadline_after(GRACE_MS);
    wait_engine(pid, &chld, &grace);
    return reap_engine(pid);
}

/* ---- what came out ---- */

/* Opens a regular file for reading, refusing anything else: a pipe the
 * engine might have left there would block open and read. */
static int open_regular(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

/* The last lines of the engine's log, trimmed, into out. */
static void log_tail(const job *j, bc_buf *out)
{
    struct stat st;
    int fd = open_regular(j->log.ptr, &st);
    if (fd < 0)
        return;
    char text[LOG_TAIL_BYTES];
    off_t from = st.st_size > LOG_TAIL_BYTES ? st.st_size - LOG_TAIL_BYTES : 0;
    ssize_t got = pread(fd, text, sizeof text, from);
    close(fd);
    size_t end = got > 0 ? (size_t)got : 0;
    while (end > 0 && strchr(" \t\r\n", text[end - 1]))
        end--;
    size_t start = end;
    for (int lines = 0; start > 0; start--)
        if (text[start - 1] == '\n' && ++lines == LOG_TAIL_LINES)
            break;
    if (start == 0 && from > 0) { /* the first line is cut: drop it */
        const char *nl = memchr(text, '\n', end);
        start = nl ? (size_t)(nl - text) + 1 : 0;
    }
    if (start < end)
        bc_buf_append(out, text + start, end - start);
}

/* "the PDF engine PROGRAM <what>", and the last lines it printed. */
static void engine_failed(const job *j, const char *what, bc_diags *diags)
{
    bc_buf tail = BC_BUF_INIT;
    log_tail(j, &tail);
    if (tail.len == 0)
        bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){NULL, 0, 0},
                    _("the PDF engine %s %s and printed nothing"),
                    j->engine->program, what);
    else
        bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){NULL, 0, 0},
                    _("the PDF engine %s %s; it printed last: %s"),
                    j->engine->program, what, tail.ptr);
    bc_buf_fini(&tail);
}

/* An engine that did not end with status 0 failed, even when it wrote a
 * PDF: it may be cut short. */
static bool check_status(const job *j, int status, bc_diags *diags)
{
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    bc_buf what = BC_BUF_INIT;
    if (WIFEXITED(status))
        bc_buf_printf(&what, _("failed with exit status %d"),
                      WEXITSTATUS(status));
    else
        bc_buf_printf(&what, _("was killed by signal %d (%s)"),
                      WTERMSIG(status), strsignal(WTERMSIG(status)));
    engine_failed(j, what.ptr, diags);
    bc_buf_fini(&what);
    return false;
}

/* Appends the file at fd to out; false with errno on a read error. */
static bool read_all(int fd, bc_buf *out)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0;
        bc_buf_append(out, chunk, (size_t)n);
    }
}

/* The PDF, whatever the exit status said: a file that starts "%PDF-".
 * LibreOffice exits 0 when it cannot load the document. */
static bool collect_pdf(const job *j, bc_buf *out, bc_diags *diags)
{
    struct stat st;
    bc_buf pdf = BC_BUF_INIT;
    int fd = open_regular(j->pdf.ptr, &st);
    bool read = fd >= 0 && read_all(fd, &pdf);
    int saved = errno;
    if (fd >= 0)
        close(fd);
    bool ok = read && pdf.len >= 5 && memcmp(pdf.ptr, "%PDF-", 5) == 0;
    if (fd >= 0 && !read)
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, (bc_pos){j->pdf.ptr, 0, 0},
                    _("cannot read the PDF printed: %s"), strerror(saved));
    else if (!ok)
        engine_failed(j, _("wrote no PDF"), diags);
    else
        bc_buf_append(out, pdf.ptr, pdf.len);
    bc_buf_fini(&pdf);
    return ok;
}

/* Runs the engine to its end; false after a diagnostic, or with *fatal
 * set to the signal that came meanwhile (the engine stopped). */
static bool run_engine(const job *j, const sig_guard *g, int *fatal,
                       bc_diags *diags)
{
    pid_t pid;
    if (!spawn_engine(j, g, &pid, diags))
        return false;
    long timeout = timeout_seconds();
    struct timespec deadline = deadline_after(timeout * 1000);
    int end = wait_engine(pid, &g->wait_set, &deadline);
    int status = end == 0 ? reap_engine(pid) : stop_engine(pid);
    if (end > 0)
        *fatal = end;
    else if (end < 0)
        bc_diag_add(diags, BC_ERROR, BC_EX_UNAVAILABLE, (bc_pos){NULL, 0, 0},
                    _("the PDF engine %s did not finish within %ld s"),
                    j->engine->program, timeout);
    return end == 0 && check_status(j, status, diags);
}

bool bc_pdf_print(const bc_pdf_engine *engine, const char *doc, size_t len,
                  bc_buf *out, bc_diags *diags)
{
    job j;
    sig_guard g;
    int fatal = 0;
    job_init(&j, engine);
    /* From before the folder exists until it is gone, so that no signal
     * can leave it behind. */
    guard_begin(&g);
    bool ok = make_folder(&j, diags);
    if (ok) {
        ok = write_document(&j, doc, len, diags) &&
             run_engine(&j, &g, &fatal, diags) &&
             collect_pdf(&j, out, diags);
        remove_folder(&j, diags);
    }
    guard_end(&g);
    job_fini(&j);
    if (fatal)
        give_back(fatal, diags);
    return ok && !fatal;
}
