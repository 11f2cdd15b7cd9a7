/* watch.c - build --watch: build, then build again on every change (see
 * watch.h).  inotify is Linux's; so is this file. */
#include "bcreport/watch.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/chars.h"
#include "bcreport/diag.h"
#include "bcreport/io.h"
#include "bcreport/output.h"

/* What a folder is watched for.  IN_MODIFY only keeps a build waiting
 * (classify); the folder's own deletion or move ends its watch, which
 * is then set up again by its path. */
#define FOLDER_EVENTS                                                        \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |  \
     IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

/* ---- the signals that end the watch ---- */

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP BC_COUNT(stop_signals)

/* Set by the handler; the loop checks it between its steps.  The byte
 * written to the pipe wakes a poll that started just before the signal
 * came (the self-pipe trick: a flag alone could be missed there). */
static volatile sig_atomic_t stop_requested;
static int wake_write = -1;

static void on_stop(int sig)
{
    int saved = errno;
    (void)sig;
    stop_requested = 1;
    if (wake_write >= 0)
        (void)!write(wake_write, "", 1); /* non-blocking: never stalls */
    errno = saved;
}

typedef struct signals {
    struct sigaction old[N_STOP];
    sigset_t set;
} signals;

/* SA_RESTART: a build's reads and the PDF engine's waits go on after the
 * handler; the loop's poll is never restarted, so it sees the signal.  A
 * signal ignored when we started (nohup, a background job) stays so. */
static void signals_begin(signals *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&s->set);
    for (size_t i = 0; i < N_STOP; i++) {
        sigaddset(&sa.sa_mask, stop_signals[i]);
        sigaddset(&s->set, stop_signals[i]);
    }
    for (size_t i = 0; i < N_STOP; i++) {
        sigaction(stop_signals[i], NULL, &s->old[i]);
        if (s->old[i].sa_handler != SIG_IGN)
            sigaction(stop_signals[i], &sa, NULL);
    }
}

static void signals_end(const signals *s)
{
    for (size_t i = 0; i < N_STOP; i++)
        sigaction(stop_signals[i], &s->old[i], NULL);
}

/* ---- the files watched ---- */

/* One name watched in one folder.  inotify gives the same descriptor to
 * every watch of one folder, so several targets may share wd. */
typedef struct target {
    char *dir;
    char *name;        /* NULL: any file of the folder (the templates') */
    bool holds_output; /* any-name: OUT is in this folder, not a change */
    int wd;            /* -1: not watched (yet): the folder is missing */
} target;

typedef struct targets {
    target *items;
    size_t count, cap;
} targets;

/* A path a build read or looked for, and what it was just before. */
typedef struct seen_file {
    char *path;
    bool found;
    struct stat st;
} seen_file;

typedef struct watcher {
    const bc_watch_request *req;
    int inotify;
    int wake_read;
    targets watched;
    /* The paths the build in progress reads or looks for (io.h). */
    seen_file *seen;
    size_t seen_count, seen_cap;
    /* A file changed between its reading and its watch: build again. */
    bool stale;
    int said;   /* the errno last said of the data file; 0: none */
    int warned; /* the errno last said of a folder not watched */
} watcher;

static void targets_fini(targets *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].dir);
        free(t->items[i].name);
    }
    free(t->items);
    memset(t, 0, sizeof *t);
}

static bool same_name(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b)); /* NULL: any name */
}

static bool targets_has(const targets *t, const char *dir, const char *name)
{
    for (size_t i = 0; i < t->count; i++)
        if (!strcmp(t->items[i].dir, dir) &&
            same_name(t->items[i].name, name))
            return true;
    return false;
}

static bool same_folder(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* "a/b/c" is the folder "a/b" and the name "c"; "c" is in "."; "/c" in
 * "/".  Both malloc'd. */
static void split_path(const char *path, char **dir, char **name)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *dir = bc_xstrdup(".");
        *name = bc_xstrdup(path);
        return;
    }
    *dir = bc_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
    *name = bc_xstrdup(slash + 1);
}

/* A folder that is missing is waited for in silence (it is tried again,
 * and the build says what is missing); any other reason, such as the
 * limit of inotify watches, is said once, as the watch is then blind. */
static void cannot_watch(watcher *w, const char *dir, int error)
{
    if (error == ENOMEM)
        bc_out_of_memory();
    if (error == ENOENT || error == ENOTDIR || error == w->warned)
        return;
    w->warned = error;
    if (error == ENOSPC)
        fprintf(stderr, _("bcreport: warning: cannot watch the folder %s: "
                          "too many watches (raise the limit "
                          "fs.inotify.max_user_watches)\n"),
                dir);
    else
        fprintf(stderr, _("bcreport: warning: cannot watch the folder %s: "
                          "%s\n"),
                dir, strerror(error));
}

/* Starts watching dir for name (NULL: any name), unless it already is. */
static void add_target(watcher *w, targets *t, char *dir, char *name)
{
    if (targets_has(t, dir, name)) {
        free(dir);
        free(name);
        return;
    }
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 8;
        t->items = bc_xreallocarray(t->items, t->cap, sizeof *t->items);
    }
    target *x = &t->items[t->count++];
    x->dir = dir;
    x->name = name;
    x->holds_output = false;
    x->wd = inotify_add_watch(w->inotify, dir, FOLDER_EVENTS);
    if (x->wd < 0)
        cannot_watch(w, dir, errno);
    if (!name) {
        char *out_dir, *out_name;
        split_path(w->req->output, &out_dir, &out_name);
        x->holds_output = same_folder(dir, out_dir);
        free(out_dir);
        free(out_name);
    }
}

/* Watches the file at path, and the file it leads to when it is a
 * symbolic link: an edit of that file changes what path reads. */
static void add_file(watcher *w, targets *t, const char *path)
{
    char *dir, *name;
    split_path(path, &dir, &name);
    add_target(w, t, dir, name);
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return;
    char *real = realpath(path, NULL);
    if (!real && errno == ENOMEM)
        bc_out_of_memory();
    if (!real)
        return; /* a dangling link: its name is watched */
    split_path(real, &dir, &name);
    free(real);
    add_target(w, t, dir, name);
}

/* True when some target has the watch descriptor wd. */
static bool wd_in(const targets *t, int wd)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->items[i].wd == wd)
            return true;
    return false;
}

/* Replaces what is watched by the data file, the template folder and the
 * files the last build looked for.  New watches are added before old
 * ones are removed, so a folder watched before and after is never
 * unwatched in between and no event of it is lost. */
static void watch_inputs(watcher *w)
{
    targets next = {0};
    add_file(w, &next, w->req->data_path);
    if (w->req->options.template_dir)
        add_target(w, &next, bc_xstrdup(w->req->options.template_dir), NULL);
    for (size_t i = 0; i < w->seen_count; i++)
        if (strcmp(w->seen[i].path, "-") != 0)
            add_file(w, &next, w->seen[i].path);
    for (size_t i = 0; i < w->watched.count; i++) {
        int wd = w->watched.items[i].wd;
        if (wd >= 0 && !wd_in(&next, wd)) {
            inotify_rm_watch(w->inotify, wd);
            for (size_t j = i; j < w->watched.count; j++)
                if (w->watched.items[j].wd == wd)
                    w->watched.items[j].wd = -1; /* removed once */
        }
    }
    targets_fini(&w->watched);
    w->watched = next;
}

/* Tries again the folders that could not be watched; true when one now
 * is (it came back, and what it holds may have changed meanwhile). */
static bool retry_targets(watcher *w)
{
    bool any = false;
    for (size_t i = 0; i < w->watched.count; i++) {
        target *x = &w->watched.items[i];
        if (x->wd >= 0)
            continue;
        x->wd = inotify_add_watch(w->inotify, x->dir, FOLDER_EVENTS);
        any = any || x->wd >= 0;
    }
    return any;
}

static bool targets_missing(const targets *t)
{
    return wd_in(t, -1);
}

/* The io.h observer: each path a build reads or looks for. */
static void observe(const char *path, void *ctx)
{
    watcher *w = ctx;
    if (w->seen_count == w->seen_cap) {
        w->seen_cap = w->seen_cap ? 2 * w->seen_cap : 16;
        w->seen = bc_xreallocarray(w->seen, w->seen_cap, sizeof *w->seen);
    }
    seen_file *f = &w->seen[w->seen_count++];
    f->path = bc_xstrdup(path);
    f->found = stat(path, &f->st) == 0;
}

static void forget_seen(watcher *w)
{
    for (size_t i = 0; i < w->seen_count; i++)
        free(w->seen[i].path);
    w->seen_count = 0;
}

static bool same_time(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* Whether a file the build read changed before its folder was watched
 * (a registry is known only once read): no event will tell.  Any change
 * of content, inode, mode or presence moves one of these. */
static bool changed_unseen(const watcher *w)
{
    for (size_t i = 0; i < w->seen_count; i++) {
        const seen_file *f = &w->seen[i];
        struct stat now;
        bool found = stat(f->path, &now) == 0;
        if (found != f->found)
            return true;
        if (found && (now.st_dev != f->st.st_dev ||
                      now.st_ino != f->st.st_ino ||
                      now.st_size != f->st.st_size ||
                      !same_time(now.st_mtim, f->st.st_mtim) ||
                      !same_time(now.st_ctim, f->st.st_ctim)))
            return true;
    }
    return false;
}

/* ---- what an event means ---- */

typedef enum change {
    CHANGE_NONE,    /* not about a file watched */
    CHANGE_WRITING, /* a file watched is being written (IN_MODIFY) */
    CHANGE_CREATED, /* one appeared: open for writing, or a link */
    CHANGE_DONE     /* one was saved, renamed, deleted, chmod'ed */
} change;

/* In the template folder, the files no template is: editors' swap and
 * backup files (".x.swp", "x~"), bcreport's temporary outputs (".x.XXXXXX")
 * and OUT itself, which would otherwise build again after each build. */
static bool not_a_template(const watcher *w, const target *x,
                           const char *name)
{
    size_t len = strlen(name);
    if (name[0] == '.' || (len > 0 && name[len - 1] == '~'))
        return true;
    if (!x->holds_output)
        return false;
    const char *slash = strrchr(w->req->output, '/');
    return !strcmp(name, slash ? slash + 1 : w->req->output);
}

/* What an event on a file watched means.  Writing in place is truncate,
 * write, close: only the close says the content is whole.  A file created
 * is usually written next, and closed; a link is not, so creation starts
 * a wait that the close cuts short. */
static change kind_of(uint32_t mask)
{
    if (mask == IN_MODIFY)
        return CHANGE_WRITING;
    if (mask == IN_CREATE)
        return CHANGE_CREATED; /* a folder (IN_ISDIR) is never written */
    return CHANGE_DONE;
}

static change classify(watcher *w, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW)
        return CHANGE_DONE; /* events were lost: anything may have changed */
    if (!wd_in(&w->watched, ev->wd))
        return CHANGE_NONE; /* a watch already given up */
    if (ev->mask & IN_IGNORED) {
        /* The folder is gone (or moved): watched again by its path. */
        for (size_t i = 0; i < w->watched.count; i++)
            if (w->watched.items[i].wd == ev->wd)
                w->watched.items[i].wd = -1;
        return CHANGE_DONE;
    }
    if (ev->len == 0)
        return CHANGE_DONE; /* the folder itself: moved, deleted, chmod */
    for (size_t i = 0; i < w->watched.count; i++) {
        const target *x = &w->watched.items[i];
        if (x->wd != ev->wd)
            continue;
        bool named = x->name ? !strcmp(x->name, ev->name)
                             : !not_a_template(w, x, ev->name);
        if (named)
            return kind_of(ev->mask);
    }
    return CHANGE_NONE;
}

/* Reads the events waiting; what the last one about a file watched
 * means (CHANGE_NONE when none is). */
static change read_events(watcher *w)
{
    _Alignas(struct inotify_event) char buf[8192];
    change last = CHANGE_NONE;
    for (;;) {
        ssize_t n = read(w->inotify, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return last; /* EAGAIN: no more for now */
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const void *)p;
            change c = classify(w, ev);
            if (c != CHANGE_NONE)
                last = c;
            p += sizeof *ev + ev->len;
        }
    }
}

/* ---- waiting ---- */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits up to timeout ms (-1: without end) for events.  1: events are
 * waiting; 0: the time passed; -1: a signal asks to stop. */
static int wait_events(const watcher *w, int timeout)
{
    struct pollfd fds[2] = {{w->inotify, POLLIN, 0},
                            {w->wake_read, POLLIN, 0}};
    long deadline = timeout < 0 ? 0 : now_ms() + timeout;
    for (;;) {
        if (stop_requested)
            return -1;
        int left = timeout < 0 ? -1 : (int)(deadline - now_ms());
        if (timeout >= 0 && left < 0)
            left = 0;
        int n = poll(fds, 2, left);
        if (stop_requested)
            return -1;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) /* ENOMEM: the only failure left with these fds */
            bc_out_of_memory();
        return n > 0 && (fds[0].revents & POLLIN) ? 1 : 0;
    }
}

/* After a change, waits for the burst it belongs to (a save is several
 * events) to be over: BC_WATCH_SETTLE_MS of quiet after a save, longer
 * while a file may still be being written.  false: stop. */
static bool settle(watcher *w, change state)
{
    long give_up = now_ms() + BC_WATCH_SETTLE_MAX_MS;
    for (;;) {
        long quiet = state == CHANGE_DONE ? BC_WATCH_SETTLE_MS
                                          : BC_WATCH_WRITING_MS;
        long left = give_up - now_ms();
        if (left <= 0)
            return true;
        int r = wait_events(w, (int)(left < quiet ? left : quiet));
        if (r <= 0)
            return r == 0;
        change c = read_events(w);
        if (c != CHANGE_NONE)
            state = c == CHANGE_DONE ? CHANGE_DONE : CHANGE_WRITING;
    }
}

/* Waits for a change to what is watched, settled.  Writing alone starts
 * nothing (a file truncated is not a file saved).  false: stop. */
static bool wait_for_change(watcher *w)
{
    if (w->stale) {
        w->stale = false;
        return settle(w, CHANGE_DONE);
    }
    for (;;) {
        bool retry = targets_missing(&w->watched);
        int r = wait_events(w, retry ? BC_WATCH_RETRY_MS : -1);
        if (r < 0)
            return false;
        change c = r > 0 ? read_events(w)
                   : retry_targets(w) ? CHANGE_DONE
                                      : CHANGE_NONE;
        if (c == CHANGE_DONE || c == CHANGE_CREATED)
            return settle(w, c);
    }
}

/* ---- building ---- */

/* "10:26:03 " and the message, one line on standard error. */
static void BC_PRINTF(1, 2) status_line(const char *fmt, ...)
{
    char clock[16] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    bc_buf line = BC_BUF_INIT;
    bc_buf_printf(&line, "%s ", clock);
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(&line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line.ptr);
    bc_buf_fini(&line);
}

/* Whether the data file can be read: 0, or the errno that says why not.
 * O_NONBLOCK: a pipe put in its place must not hang the watch. */
static int data_trouble(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return errno;
    struct stat st;
    int trouble = fstat(fd, &st) != 0 ? errno
                  : S_ISDIR(st.st_mode) ? EISDIR
                  : !S_ISREG(st.st_mode) ? EINVAL
                                         : 0;
    close(fd);
    return trouble;
}

/* Says, once for each new reason, why the data file cannot be built;
 * false when it can. */
static bool data_unavailable(watcher *w)
{
    int trouble = data_trouble(w->req->data_path);
    if (trouble == 0 || trouble == w->said) {
        w->said = trouble;
        return trouble != 0;
    }
    w->said = trouble;
    const char *data = w->req->data_path;
    if (trouble == ENOENT || trouble == ENOTDIR)
        status_line(_("%s was deleted or moved away; waiting for it to come "
                      "back"),
                    data);
    else if (trouble == EINVAL)
        status_line(_("%s is no longer a regular file; waiting for it to "
                      "come back"),
                    data);
    else
        status_line(_("cannot read %s (%s); waiting for it to change"), data,
                    strerror(trouble));
    return true;
}

/* Writes OUT with the stop signals blocked (output.h keeps them so):
 * one that comes meanwhile waits until OUT is whole, then ends the
 * watch. */
static void write_output(const watcher *w, const bc_buf *out,
                         bc_diags *diags)
{
    sigset_t stops, old;
    sigemptyset(&stops);
    for (size_t i = 0; i < N_STOP; i++)
        sigaddset(&stops, stop_signals[i]);
    sigprocmask(SIG_BLOCK, &stops, &old);
    bc_write_file_atomic(w->req->output, out->ptr, out->len, diags);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void print_outcome(const watcher *w, bc_diags *diags, long ms)
{
    const bc_watch_request *req = w->req;
    if (req->quiet)
        bc_diags_keep_errors(diags);
    bc_diags_print(diags, stderr, req->colour);
    struct stat st;
    if (diags->errors == 0) {
        if (!req->quiet)
            status_line(_("built %s (%.2f s)"), req->output, ms / 1000.0);
    } else if (stat(req->output, &st) == 0) {
        status_line(bc_ngettext("%zu error; %s kept as it was",
                                "%zu errors; %s kept as it was",
                                diags->errors),
                    diags->errors, req->output);
    } else {
        status_line(bc_ngettext("%zu error; %s not written",
                                "%zu errors; %s not written", diags->errors),
                    diags->errors, req->output);
    }
}

/* One build, its outcome said; then the files it looked for watched.
 * Returns its status (0 when nothing was built: no data file, a stop). */
static int build_once(watcher *w)
{
    const bc_watch_request *req = w->req;
    bc_diags diags;
    bc_diags_init(&diags);
    bc_buf out = BC_BUF_INIT;
    long start = now_ms();
    /* Each build's inputs anew: a file read by an earlier build, since
     * deleted, may have left its inode to OUT, which would be refused. */
    bc_io_forget_inputs();
    forget_seen(w);
    bc_io_observe(observe, w);
    bc_build(req->data_path, &req->options, &out, &diags);
    bc_io_observe(NULL, NULL);
    int status = BC_OK;
    if (!stop_requested) {
        watch_inputs(w);
        w->stale = changed_unseen(w);
        if (diags.errors == 0)
            write_output(w, &out, &diags);
        print_outcome(w, &diags, now_ms() - start);
        status = diags.status;
    }
    bc_buf_fini(&out);
    bc_diags_fini(&diags);
    return status;
}

/* ---- the watch ---- */

static bool watcher_init(watcher *w, const bc_watch_request *req)
{
    memset(w, 0, sizeof *w);
    w->req = req;
    w->wake_read = -1;
    int pipe_fds[2] = {-1, -1};
    w->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->inotify >= 0 && pipe(pipe_fds) == 0) {
        /* The PDF engine need not inherit them. */
        for (int i = 0; i < 2; i++) {
            fcntl(pipe_fds[i], F_SETFD, FD_CLOEXEC);
            fcntl(pipe_fds[i], F_SETFL, O_NONBLOCK);
        }
        w->wake_read = pipe_fds[0];
        wake_write = pipe_fds[1];
        return true;
    }
    fprintf(stderr, _("bcreport: error: cannot watch the files: %s\n"),
            strerror(errno));
    if (w->inotify >= 0)
        close(w->inotify);
    return false;
}

static void watcher_fini(watcher *w)
{
    targets_fini(&w->watched);
    forget_seen(w);
    free(w->seen);
    close(w->inotify);
    close(w->wake_read);
    close(wake_write);
    wake_write = -1;
}

int bc_watch(const bc_watch_request *req)
{
    watcher w;
    if (!watcher_init(&w, req))
        return BC_EX_OSERR;
    stop_requested = 0;
    signals s;
    signals_begin(&s);
    watch_inputs(&w); /* before the first build reads them */
    int status = build_once(&w);
    /* Only mistakes in the files can be mended by editing them. */
    if (status == BC_OK || status == BC_EX_DATAERR || stop_requested)
        status = BC_OK;
    while (status == BC_OK && !stop_requested && wait_for_change(&w))
        if (!data_unavailable(&w))
            build_once(&w);
    signals_end(&s);
    watcher_fini(&w);
    return status;
}
