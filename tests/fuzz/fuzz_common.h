/* fuzz_common.h - shared by the libFuzzer targets (header-only: each
 * target is built from one .c file). */
#ifndef BC_FUZZ_COMMON_H
#define BC_FUZZ_COMMON_H

#include "bcreport/buf.h"
#include "bcreport/diag.h"

/* Formats every diagnostic, which exercises the messages' arguments. */
static inline void fuzz_format_diags(const bc_diags *diags)
{
    bc_buf msg = BC_BUF_INIT;
    for (size_t i = 0; i < diags->count; i++) {
        bc_buf_clear(&msg);
        bc_diag_format(&diags->items[i], &msg);
    }
    bc_buf_fini(&msg);
}

#endif
