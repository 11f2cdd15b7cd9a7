/*
 * fuzz_yaml.c - libFuzzer target: YAML bytes -> bc_yaml_load -> JSON.
 *
 * The input is one YAML file.  It is loaded twice, with the default options
 * (unknown tags rejected) and with unknown tags kept, and every tree that
 * loads is written out as JSON, which walks every node (aliases included).
 * See tests/fuzz/README.md.
 */
#include <stddef.h>
#include <stdint.h>

#include "bcreport/arena.h"
#include "bcreport/buf.h"
#include "bcreport/diag.h"
#include "fuzz_common.h"
#include "bcreport/json.h"
#include "bcreport/yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load_once(const uint8_t *data, size_t size,
                      const bc_yaml_options *opts)
{
    bc_diags diags;
    bc_diags_init(&diags);
    bc_arena *arena = bc_arena_new();
    bc_value *root =
        bc_yaml_load(arena, "fuzz.yaml", (const char *)data, size, opts,
                     &diags);
    if (root) {
        bc_buf out = BC_BUF_INIT;
        bc_json_write(root, &out);
        bc_buf_fini(&out);
    }
    fuzz_format_diags(&diags);
    bc_arena_free(arena);
    bc_diags_fini(&diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load_once(data, size, NULL);
    bc_yaml_options opts = bc_yaml_default_options();
    opts.keep_unknown_tags = true;
    load_once(data, size, &opts);
    return 0;
}
