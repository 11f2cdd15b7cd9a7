/*
 * yaml_load.h - loading a YAML file into a value tree (libyaml event API).
 *
 * Takes the bytes of one YAML file and returns the root of its value tree,
 * allocated in the caller's arena, or NULL after adding at least one error
 * to diags.  Nothing is half-built: on error the arena may hold nodes, but
 * the caller gets no root.
 *
 * What it accepts: one UTF-8 document (a byte-order mark is skipped).
 * Plain scalars are resolved by the YAML 1.2 core schema (null, true/false,
 * integers in decimal, 0o octal and 0x hex, floats with .inf and .nan);
 * quoted and block scalars are strings; dates stay strings.  The standard
 * tags !!str !!int !!float !!bool !!null !!seq !!map and the non-specific
 * tag "!" are honoured.  Anchors and aliases work; an alias shares the
 * anchored node.
 *
 * What it rejects, each with file:line:col: syntax errors, duplicate keys,
 * invalid UTF-8, NUL bytes, an empty file, a second document, unknown tags,
 * merge keys (<<), non-scalar keys, out-of-range integers, unknown aliases,
 * an alias inside the collection it names (a cycle), and input beyond the
 * limits below.
 */
#ifndef BC_YAML_LOAD_H
#define BC_YAML_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "bcreport/arena.h"
#include "bcreport/diag.h"
#include "bcreport/value.h"

/* Default limits: far above any report, far below what hurts. */
#define BC_YAML_MAX_FILE_SIZE (16u * 1024u * 1024u) /* bytes in one file */
#define BC_YAML_MAX_SCALAR (1u * 1024u * 1024u)     /* bytes in one scalar */
#define BC_YAML_MAX_DEPTH 64      /* nested sequences and mappings */
#define BC_YAML_MAX_NODES 1000000 /* nodes once aliases are expanded */
/* Text bytes once aliases are expanded, keys included: as much as a file
 * may hold, so aliases cannot make a document longer than a file could
 * be; a report's output is bounded by multiples of it (README, Limits). */
#define BC_YAML_MAX_TEXT (16u * 1024u * 1024u)

typedef struct bc_yaml_options {
    size_t max_file_size;
    size_t max_scalar;
    int max_depth;
    size_t max_nodes;
    size_t max_text;
    /* Keep tags other than the standard ones on the node (bc_value_tag)
     * instead of rejecting them; the Mustache spec files need this. */
    bool keep_unknown_tags;
    /* Where the texts go (the bytes of string values, and the source; a
     * key's bytes stay in the tree's arena): NULL for the tree's own.  A
     * caller that keeps only the texts
     * (report.c reads the tree into structs) frees the tree's arena once
     * it has read it, and the texts stay. */
    bc_arena *texts;
    /* The data lives in the texts' arena (or the tree's) for as long as
     * they do, NUL-terminated: the source points into it, uncopied. */
    bool data_kept;
} bc_yaml_options;

/* The defaults above, with unknown tags rejected. */
bc_yaml_options bc_yaml_default_options(void);

/* Loads len bytes of data.  name is the file name used in diagnostics.
 * opts may be NULL for the defaults. */
bc_value *bc_yaml_load(bc_arena *arena, const char *name, const char *data,
                       size_t len, const bc_yaml_options *opts,
                       bc_diags *diags);

/* The text that the positions of a load refer to: the data without its
 * byte-order mark, in NFC (a file typed in decomposed form is normalised
 * as a whole before parsing, so that columns count the characters an
 * editor shows, as for the same file in NFC).  NUL-terminated, in the
 * arena. */
typedef struct bc_yaml_source {
    const char *text;
    size_t len;
} bc_yaml_source;

/* bc_yaml_load that also fills *source (NULL: not wanted), even when the
 * load fails. */
bc_value *bc_yaml_load_source(bc_arena *arena, const char *name,
                              const char *data, size_t len,
                              const bc_yaml_options *opts, bc_diags *diags,
                              bc_yaml_source *source);

/* Reads path ("-" for standard input) and loads it.  A file that cannot be
 * opened is an error with status 66, a read error 74. */
bc_value *bc_yaml_load_file(bc_arena *arena, const char *path,
                            const bc_yaml_options *opts, bc_diags *diags);

#endif
