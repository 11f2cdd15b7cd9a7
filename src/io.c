/* io.c - reading input files (see io.h). */
#include "bcreport/io.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcreport/alloc.h"
#include "bcreport/buf.h"

/* The files read so far, by identity (see bc_io_input_named). */
typedef struct input_id {
    dev_t dev;
    ino_t ino;
    char *name;
} input_id;

static struct {
    input_id *items;
    size_t count, cap;
} inputs;

/* Who is told of each path read (watch.c), and its context. */
static bc_io_observer observer;
static void *observer_ctx;

void bc_io_observe(bc_io_observer fn, void *ctx)
{
    observer = fn;
    observer_ctx = ctx;
}

const char *bc_display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Remembers the file behind f, once; only regular files can be replaced
 * by an output, so pipes and terminals are not kept. */
static void remember_input(FILE *f, const char *path)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
        bc_io_input_named(&st))
        return;
    if (inputs.count == inputs.cap) {
        inputs.cap = inputs.cap ? 2 * inputs.cap : 8;
        inputs.items = bc_xreallocarray(inputs.items, inputs.cap,
                                        sizeof *inputs.items);
    }
    input_id *id = &inputs.items[inputs.count++];
    id->dev = st.st_dev;
    id->ino = st.st_ino;
    id->name = bc_xstrdup(bc_display_name(path));
}

const char *bc_io_input_named(const struct stat *st)
{
    for (size_t i = 0; i < inputs.count; i++)
        if (inputs.items[i].dev == st->st_dev &&
            inputs.items[i].ino == st->st_ino)
            return inputs.items[i].name;
    return NULL;
}

void bc_io_forget_inputs(void)
{
    for (size_t i = 0; i < inputs.count; i++)
        free(inputs.items[i].name);
    free(inputs.items);
    memset(&inputs, 0, sizeof inputs);
}

/* Reads f to its end into out, straight into the buffer's storage (no
 * large buffer on the stack: bcreport must run with a small stack).  A
 * regular file's size is reserved first, so that a file of megabytes is
 * read in place, not copied at each doubling of the buffer. */
static bc_read_result read_all(FILE *f, size_t max_size, bc_buf *out,
                               int *error_number)
{
    enum { CHUNK = 64 * 1024 };
    size_t start = out->len;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0 && (uintmax_t)st.st_size <= max_size)
        bc_buf_reserve(out, (size_t)st.st_size);
    for (;;) {
        if (out->cap - out->len <= 1)
            bc_buf_reserve(out, CHUNK);
        size_t room = out->cap - out->len - 1;
        size_t n = fread(out->ptr + out->len, 1, room, f);
        if (n > max_size - (out->len - start))
            return BC_READ_TOO_LARGE;
        out->len += n;
        out->ptr[out->len] = '\0';
        if (n < room)
            break;
    }
    if (!ferror(f))
        return BC_READ_OK;
    *error_number = errno;
    /* A folder opens fine, then fails to read with EISDIR. */
    return errno == EISDIR ? BC_READ_CANNOT_OPEN : BC_READ_FAILED;
}

bc_read_result bc_read_into(const char *path, size_t max_size, bc_buf *out,
                            int *error_number)
{
    bool is_stdin = strcmp(path, "-") == 0;
    if (observer)
        observer(path, observer_ctx);
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    *error_number = 0;
    if (!f) {
        if (errno == ENOMEM)
            bc_out_of_memory(); /* status 71, as for every allocation */
        *error_number = errno;
        return errno == ENOENT || errno == ENOTDIR ? BC_READ_MISSING
                                                   : BC_READ_CANNOT_OPEN;
    }
    remember_input(f, path);
    bc_read_result result = read_all(f, max_size, out, error_number);
    if (!is_stdin)
        fclose(f);
    return result;
}

char *bc_read_file(const char *path, size_t max_size, size_t *len,
                   bc_diags *diags)
{
    bc_pos pos = {bc_display_name(path), 0, 0};
    bc_buf b = BC_BUF_INIT;
    int error_number;
    switch (bc_read_into(path, max_size, &b, &error_number)) {
    case BC_READ_OK:
        return bc_buf_detach(&b, len);
    case BC_READ_MISSING:
    case BC_READ_CANNOT_OPEN:
        bc_diag_add(diags, BC_ERROR, BC_EX_NOINPUT, pos, _("cannot open: %s"),
                    strerror(error_number));
        break;
    case BC_READ_TOO_LARGE:
        bc_diag_error(diags, pos, _("file is larger than the limit of %zu bytes"),
                      max_size);
        break;
    case BC_READ_FAILED:
        bc_diag_add(diags, BC_ERROR, BC_EX_IOERR, pos, _("cannot read: %s"),
                    strerror(error_number));
        break;
    }
    bc_buf_fini(&b);
    return NULL;
}

bool bc_write_all(int fd, const char *data, size_t len)
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
