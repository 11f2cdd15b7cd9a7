/*
 * fuzz_summary.c - libFuzzer target: `bcreport summary` over several data
 * files, as documents: Markdown, HTML and DOCX (the summary's view, its
 * frame, the report's templates).  The input is split at NUL bytes into
 * up to four data files and a frame (fuzz_summary.h).  See
 * tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bc_summary_format formats[] = {
        BC_SUMMARY_MD, BC_SUMMARY_HTML, BC_SUMMARY_DOCX};
    fuzz_summary(data, size, formats, sizeof formats / sizeof formats[0]);
    return 0;
}
