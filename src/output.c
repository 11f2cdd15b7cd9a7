/* output.c - writing output files safely (see output.h). */
#include "bcreport/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/buf.h"

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* "dir/name" gives "dir/.name.XXXXXX": hidden, in the same folder, so the
 * final rename stays on one file system and is atomic. */
static void temp_name(const char *path, bc_buf *out)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    bc_buf_append(out, path, dir_len);
    bc_buf_printf(out, ".%s.XXXXXX", path + dir_len);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* The mode for the new file: the old file's, or 0666 less the umask. */
static mode_t wanted_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return st.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Where the new file goes: a symbolic link is followed, so the file it
 * points to is replaced, not the link.  Anything but a regular file (a
 * device such as /dev/null, a pipe, a folder) is refused: renaming over it
 * would destroy it.  Returns false after an error. */
static bool target_of(const char *path, bc_buf *target, bc_diags *diags)
{
    bc_pos pos = {path, 0, 0};
    struct stat st;
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL); /* NULL: a dangling link, refused */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && !real) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    "cannot create: the link points nowhere");
        return false;
    }
    const char *file = real ? real : path;
    bool ok = stat(file, &st) != 0 || S_ISREG(st.st_mode);
    if (!ok)
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    "cannot create: not a regular file; bcreport only "
                    "writes files");
    else
        bc_buf_puts(target, file);
    free(real);
    return ok;
}

bool bc_write_file_atomic(const char *path, const char *data, size_t len,
                          const char *input_path, bc_diags *diags)
{
    bc_pos pos = {path, 0, 0};
    if (input_path && strcmp(input_path, "-") != 0 &&
        same_file(path, input_path)) {
        bc_diag_add(diags, BC_ERROR, BC_EX_USAGE, pos,
                    "refusing to write the output onto the input file");
        return false;
    }
    bc_buf target = BC_BUF_INIT;
    if (!target_of(path, &target, diags)) {
        bc_buf_fini(&target);
        return false;
    }
    path = target.ptr;
    bc_buf tmp = BC_BUF_INIT;
    temp_name(path, &tmp);
    int fd = mkstemp(tmp.ptr);
    if (fd < 0) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    "cannot create: %s", strerror(errno));
        bc_buf_fini(&tmp);
        bc_buf_fini(&target);
        return false;
    }
    bool ok = fchmod(fd, wanted_mode(path)) == 0 &&
              write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp.ptr, path) != 0) {
        bc_diag_add(diags, BC_ERROR, BC_EX_CANTCREAT, pos,
                    "cannot create: %s", strerror(errno));
        ok = false;
    } else if (!ok) {
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos, "cannot write: %s",
                    strerror(saved ? saved : errno));
    }
    if (!ok)
        unlink(tmp.ptr);
    bc_buf_fini(&tmp);
    bc_buf_fini(&target);
    return ok;
}
