/* output.c - writing output files safely (see output.h). */
#include "bcreport/output.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"
#include "bcreport/io.h"
#include "bcreport/chars.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* ---- the temporary file and the signals that would orphan it ---- */

/* The temporary file being written, for the signal handler; NULL when
 * there is none.  Set and cleared with the signals blocked. */
static char *volatile pending_temp;

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_FATAL BC_COUNT(fatal_signals)

/* Async-signal-safe: removes the temporary file, then dies of the signal
 * as if it had not been caught, so the parent sees the usual status. */
static void on_fatal_signal(int sig)
{
    int saved = errno;
    if (pending_temp)
        unlink(pending_temp);
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

typedef struct guard {
    struct sigaction old[N_FATAL];
    sigset_t fatal;
    sigset_t old_mask; /* the caller's, put back by unblock */
} guard;

static void block(guard *g)
{
    sigprocmask(SIG_BLOCK, &g->fatal, NULL);
}

/* The caller's mask, not an unblocking of the fatal signals: a caller
 * that blocks them (build --watch, around its writes) keeps them blocked,
 * so that they wait until the file is complete and never kill the
 * program mid-write. */
static void unblock(guard *g)
{
    sigprocmask(SIG_SETMASK, &g->old_mask, NULL);
}

/* Catches the fatal signals while a temporary file exists; a signal that
 * was ignored (nohup, a background job) stays ignored. */
static void guard_begin(guard *g)
{
    sigprocmask(SIG_BLOCK, NULL, &g->old_mask);
    sigemptyset(&g->fatal);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_FATAL; i++) {
        sigaddset(&g->fatal, fatal_signals[i]);
        sigaddset(&sa.sa_mask, fatal_signals[i]);
    }
    for (size_t i = 0; i < N_FATAL; i++) {
        sigaction(fatal_signals[i], NULL, &g->old[i]);
        if (g->old[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
}

static void guard_end(guard *g)
{
    for (size_t i = 0; i < N_FATAL; i++)
        sigaction(fatal_signals[i], &g->old[i], NULL);
}

/* ---- where the output goes ---- */

/* "dir/name" gives "dir/.name.XXXXXX": hidden, in the same folder, so the
 * final rename stays on one file system and is atomic.  A name too long
 * to take the 8 more bytes gets a short temporary name instead. */
static void temp_name(const char *path, bc_buf *out)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *name = path + dir_len;
    bc_buf_append(out, path, dir_len);
    if (strlen(name) + 8 <= NAME_MAX)
        bc_buf_printf(out, ".%s.XXXXXX", name);
    else
        bc_buf_puts(out, ".bcreport.XXXXXX");
}

/* The folder part of path, for messages ("." when there is none). */
static void folder_of(const char *path, bc_buf *out)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        bc_buf_puts(out, ".");
    else
        bc_buf_append(out, path, slash == path ? 1 : (size_t)(slash - path));
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Why the temporary file could not be made, in the user's terms. */
static void cannot_create(const char *path, const char *target,
                          int error_number, bc_diags *diags)
{
    bc_pos pos = {path, 0, 0};
    if (error_number == ENOMEM)
        bc_out_of_memory();
    bc_buf folder = BC_BUF_INIT;
    folder_of(target, &folder);
    if (error_number == ENOENT && is_folder(folder.ptr))
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create: the folder \"%s\" does not take new "
                    "files"),
                    folder.ptr);
    else if (error_number == ENOENT || error_number == ENOTDIR)
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create: there is no folder \"%s\""), folder.ptr);
    else
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create: %s (in the folder \"%s\")"),
                    strerror(error_number), folder.ptr);
    bc_buf_fini(&folder);
}

/* Where the new file goes: a symbolic link is followed, so the file it
 * points to is replaced, not the link.  Anything but a regular file (a
 * device such as /dev/null, a pipe, a folder) is refused: renaming over it
 * would destroy it.  Returns false after an error. */
static bool target_of(const char *path, bc_buf *target, bc_diags *diags)
{
    bc_pos pos = {path, 0, 0};
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ELOOP) {
            bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                        _("cannot create: the link leads round in a loop"));
            return false;
        }
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
            bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                        _("cannot create: the link points nowhere"));
            return false;
        }
        bc_buf_puts(target, path); /* a new file */
        return true;
    }
    if (!S_ISREG(st.st_mode)) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create: not a regular file; bcreport only "
                    "writes files (leave out -o, or give -o -, for "
                    "standard output)"));
        return false;
    }
    char *real = realpath(path, NULL);
    if (!real && errno == ENOMEM)
        bc_out_of_memory();
    bc_buf_puts(target, real ? real : path);
    free(real);
    return true;
}

/* An existing file is replaced only if it could have been written in
 * place: never one the program has read, nor one the user may not write
 * (a read-only file says "do not change me"). */
static bool may_replace(const char *path, const char *target, bc_diags *diags)
{
    bc_pos pos = {path, 0, 0};
    struct stat st;
    if (stat(target, &st) != 0)
        return true;
    const char *input = bc_io_input_named(&st);
    if (input) {
        bc_diag_add(diags, BC_ERROR, BC_EX_USAGE, pos,
                    _("refusing to write the output onto an input of this "
                    "command (%s)"),
                    !strcmp(input, "<stdin>") ? _("standard input") : input);
        return false;
    }
    if (access(target, W_OK) != 0 && errno == EACCES) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot write: the file is read-only (Permission "
                    "denied)"));
        return false;
    }
    return true;
}

/* The new file takes the old one's permissions, and its owner and group
 * where the system lets us (root, or a group we belong to); a new name
 * gets 0666 less the umask, as any file created normally. */
static bool set_owner_and_mode(int fd, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        mode_t mask = umask(0);
        umask(mask);
        return fchmod(fd, 0666 & ~mask) == 0;
    }
    if (fchown(fd, st.st_uid, st.st_gid) != 0)
        (void)!fchown(fd, (uid_t)-1, st.st_gid); /* the group, at least */
    return fchmod(fd, st.st_mode & 07777) == 0;
}

/* Removes the temporary file, if there is one, with the signals blocked. */
static void drop_temp(const char *tmp, guard *g)
{
    block(g);
    if (pending_temp)
        unlink(tmp);
    pending_temp = NULL;
    unblock(g);
}

/* An exit() while a temporary file exists (out of memory, status 71)
 * removes it too. */
static void drop_temp_at_exit(void)
{
    if (pending_temp)
        unlink(pending_temp);
}

/* ---- writing in pieces ---- */

/* What is held before the temporary file is made: a document of one
 * piece (template.h's BC_TEMPLATE_SINK_PIECE) or less is written whole at
 * commit, so that nothing is allocated while its temporary file exists
 * (make check-faults proves each allocation's failure so, a run forked
 * at each sharing the parent's files). */
#define HELD_AT_MOST (64u * 1024u)

struct bc_output {
    char *path; /* as given, for messages */
    bc_buf held; /* written when the temporary file is made */
    bc_buf target, tmp;
    int fd;      /* the temporary file's, -1 until the first piece */
    bool failed; /* an error was reported: nothing more is done */
    guard g;
    bc_diags *diags;
};

bc_output *bc_output_open(const char *path, bc_diags *diags)
{
    bc_output *o = bc_xcalloc(1, sizeof *o);
    o->path = bc_xstrdup(path);
    bc_buf_init(&o->held);
    bc_buf_init(&o->target);
    bc_buf_init(&o->tmp);
    o->fd = -1;
    o->diags = diags;
    return o;
}

static void output_free(bc_output *o)
{
    bc_buf_fini(&o->held);
    bc_buf_fini(&o->tmp);
    bc_buf_fini(&o->target);
    free(o->path);
    free(o);
}

/* The temporary file, made beside the file it will replace, with that
 * file's owner and permissions; fatal signals and exit() remove it. */
static bool start(bc_output *o)
{
    if (!target_of(o->path, &o->target, o->diags) ||
        !may_replace(o->path, o->target.ptr, o->diags))
        return false;
    temp_name(o->target.ptr, &o->tmp);
    static bool at_exit;
    if (!at_exit)
        at_exit = atexit(drop_temp_at_exit) == 0;
    guard_begin(&o->g);
    block(&o->g);
    o->fd = mkstemp(o->tmp.ptr);
    int saved = errno;
    pending_temp = o->fd >= 0 ? o->tmp.ptr : NULL;
    unblock(&o->g);
    if (o->fd < 0) {
        guard_end(&o->g);
        cannot_create(o->path, o->target.ptr, saved, o->diags);
        return false;
    }
    return true;
}

/* Closes and removes the temporary file after an error (saved: its
 * errno, reported as a write error; 0: reported already). */
static void fail(bc_output *o, int saved)
{
    if (o->fd >= 0) {
        close(o->fd);
        o->fd = -1;
        drop_temp(o->tmp.ptr, &o->g);
        guard_end(&o->g);
    }
    if (saved) {
        bc_pos pos = {o->path, 0, 0};
        bc_diag_add(o->diags, BC_ERROR, BC_EX_IOERR, pos,
                    _("cannot write: %s"), strerror(saved));
    }
    o->failed = true;
}

/* Makes the temporary file and writes what was held. */
static bool open_temp(bc_output *o)
{
    if (!start(o)) {
        o->failed = true;
        return false;
    }
    if (!set_owner_and_mode(o->fd, o->target.ptr) ||
        !bc_write_all(o->fd, o->held.ptr, o->held.len)) {
        fail(o, errno);
        return false;
    }
    bc_buf_fini(&o->held);
    return true;
}

bool bc_output_write(bc_output *o, const char *data, size_t len)
{
    if (o->failed)
        return false;
    if (o->fd < 0 && o->held.len + len <= HELD_AT_MOST) {
        bc_buf_append(&o->held, data, len);
        return true;
    }
    if (o->fd < 0 && !open_temp(o))
        return false;
    if (!bc_write_all(o->fd, data, len)) {
        fail(o, errno);
        return false;
    }
    return true;
}

bool bc_output_sink(void *output, const char *data, size_t len)
{
    return bc_output_write(output, data, len);
}

/* Flushes and renames the temporary file; reports and returns false on
 * failure, the temporary file removed before anything is allocated for
 * the report. */
bool bc_output_commit(bc_output *o)
{
    if (!o->failed && o->fd < 0)
        open_temp(o);
    if (o->failed) {
        output_free(o);
        return false;
    }
    bc_pos pos = {o->path, 0, 0};
    bool ok = fsync(o->fd) == 0;
    /* The error of the first step that failed: errno is not cleared by
     * the calls that succeed, so it is read only after a failure. */
    int saved = ok ? 0 : errno;
    if (close(o->fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    o->fd = -1;
    if (!ok) {
        drop_temp(o->tmp.ptr, &o->g);
        guard_end(&o->g);
        bc_diag_add(o->diags, BC_ERROR, BC_EX_IOERR, pos,
                    _("cannot write: %s"), strerror(saved));
        output_free(o);
        return false;
    }
    /* Written in pieces while the templates were read: one read after
     * the first piece (a partial) is refused now. */
    if (!may_replace(o->path, o->target.ptr, o->diags)) {
        drop_temp(o->tmp.ptr, &o->g);
        guard_end(&o->g);
        output_free(o);
        return false;
    }
    block(&o->g);
    ok = rename(o->tmp.ptr, o->target.ptr) == 0;
    saved = errno;
    if (ok)
        pending_temp = NULL; /* nothing left to remove */
    unblock(&o->g);
    if (!ok) {
        drop_temp(o->tmp.ptr, &o->g);
        bc_diag_add(o->diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    _("cannot create: %s"), strerror(saved));
    }
    guard_end(&o->g);
    output_free(o);
    return ok;
}

bool bc_output_failed(const bc_output *o)
{
    return o->failed;
}

void bc_output_abort(bc_output *o)
{
    if (!o)
        return;
    if (!o->failed)
        fail(o, 0);
    output_free(o);
}

bool bc_write_file_atomic(const char *path, const char *data, size_t len,
                          bc_diags *diags)
{
    bc_output *o = bc_output_open(path, diags);
    bc_output_write(o, data, len);
    return bc_output_commit(o);
}
