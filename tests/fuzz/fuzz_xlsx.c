/*
 * fuzz_xlsx.c - libFuzzer target: `bcreport summary -f xlsx` over several
 * data files: the tables made into a workbook by libxlsxwriter (xlsx.h,
 * through its temporary file, read back into memory).  The input is split
 * at NUL bytes into up to four data files and a frame (fuzz_summary.h).
 * See tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bc_summary_format formats[] = {BC_SUMMARY_XLSX};
    fuzz_summary(data, size, formats, 1);
    return 0;
}
