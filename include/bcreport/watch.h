/*
 * watch.h - bcreport build FILE -o OUT --watch: the report built once,
 * then again whenever what it is made from changes, until Ctrl-C.
 *
 * What is watched: the data file; every file the last build read or
 * looked for (io.h tells), which is its registry and the templates of
 * -T, even those it did not find, so that creating one counts; and the
 * template folder itself, any file in it but hidden ones (editors' swap
 * files, bcreport's own temporary files), backups ending in "~" and OUT.
 * Each file is watched through its folder with inotify and picked out by
 * its name, not its inode: editors that save by writing a new file and
 * renaming it over the old one (vim, VS Code, gedit) give the name a new
 * inode, which a watch on the file itself would lose.  A symbolic link is
 * watched as a name and through the file it leads to.
 *
 * A save is a burst of events; it is taken as one change.  Writing in
 * place (IN_MODIFY) starts nothing: a file truncated is not yet saved;
 * the close that ends the save (IN_CLOSE_WRITE), a rename over the name,
 * a deletion or a chmod does.  The build starts when the files have been
 * quiet for BC_WATCH_SETTLE_MS after that; for BC_WATCH_WRITING_MS when
 * the last event was a file created or written to and not yet closed (a
 * link made with ln never is); and BC_WATCH_SETTLE_MAX_MS after the first
 * event at the latest.
 *
 * Each build prints its diagnostics as build does, then one status line
 * on standard error, with the time:
 *
 *     10:26:03 built bc.html (0.02 s)
 *     10:26:09 2 errors; bc.html kept as it was
 *
 * A failed build leaves OUT as it was (output.h).  The data file deleted,
 * moved away or unreadable is said in one line, once, and watched for:
 * when it comes back, it is built.  A folder that cannot be watched (it
 * is gone) is tried again every BC_WATCH_RETRY_MS.
 *
 * The first build is the command as given: when it fails for anything
 * but mistakes in the files (status 65) -- the data file cannot be
 * opened, OUT cannot be written, no PDF engine -- watching ends with its
 * status, as it would not mend itself.
 *
 * SIGINT, SIGTERM and SIGHUP end the watch with status 0: at once while
 * it waits; after the build in progress otherwise, without writing it
 * (a PDF engine is stopped, pdf.h).  A write is never cut short: the
 * signals wait while OUT is written, so OUT is the old file or the new
 * one and no temporary file is left.  A signal ignored when bcreport
 * started (nohup) stays ignored.
 */
#ifndef BC_WATCH_H
#define BC_WATCH_H

#include <stdbool.h>

#include "bcreport/build.h"

#define BC_WATCH_SETTLE_MS 30
#define BC_WATCH_WRITING_MS 500
#define BC_WATCH_SETTLE_MAX_MS 2000
#define BC_WATCH_RETRY_MS 1000

typedef struct bc_watch_request {
    const char *data_path;    /* a file: not "-" */
    const char *output;       /* OUT, a file: not standard output */
    bc_build_options options; /* options.template_dir is watched too */
    bool colour;              /* diagnostics in colour (diag.h) */
    bool quiet;               /* errors only: no warnings, no "built" */
} bc_watch_request;

/* Builds and watches until a signal; returns the exit status (0 after a
 * signal).  Errors that stop it before or at the first build: 71 when
 * inotify cannot be had, or the first build's status. */
int bc_watch(const bc_watch_request *req);

#endif
