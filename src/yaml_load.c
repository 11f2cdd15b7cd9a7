/*
 * yaml_load.c - YAML bytes to a value tree through libyaml's event API.
 *
 * The only file that includes yaml.h.  The event API lets us keep a mark on
 * every node and enforce every limit as the events arrive, before any work
 * grows with hostile input: depth at each collection start, expanded size
 * at each alias, duplicate keys through a hash set per open mapping.
 *
 * Errors about one node (a duplicate key, a bad tag) are recorded and the
 * load goes on, so a user sees them all at once; errors after which the
 * event stream means nothing (syntax, limits) stop it.
 */
#include "bcreport/yaml_load.h"
#include "bcreport/i18n.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "bcreport/alloc.h"
#include "bcreport/io.h"
#include "bcreport/strmap.h"
#include "bcreport/text.h"
#include "bcreport/chars.h"
#include "bcreport/utf8.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* Most mappings have a few keys: comparing them costs less than hashing. */
enum { FEW_KEYS = 12 };

/* A sequence or mapping whose end event has not come yet. */
typedef struct frame {
    bc_value *node;
    bc_value *key;       /* mapping: the key waiting for its value */
    /* mapping: its keys so far, for duplicates: a few in a list, then in
     * a hash set (key text -> key node) once there are more */
    bc_value *few[FEW_KEYS];
    int few_count;
    bc_strmap keys;
    struct anchor *anchor; /* the anchor naming this collection, if any */
    size_t first_pending; /* its items or members start there in the
                             loader's pending stack */
    size_t first_node;   /* the node count when the collection began */
    size_t first_byte;   /* the text byte count then */
    int height;          /* levels of nesting below this collection */
} frame;

/* What an alias needs to know about the node its anchor names. */
typedef struct anchor {
    char *name;
    bc_value *node;
    const char *text; /* a scalar's source text, for use as a key */
    size_t len;
    size_t nodes; /* nodes in the expanded subtree */
    size_t bytes; /* bytes of text in it */
    int height;   /* levels of nesting in it */
    bool open;    /* the collection has not ended: an alias is a cycle */
    bool used;    /* an alias named it */
    bool plain_text; /* on unquoted text: "- &UBND xã ..." loses "&UBND" */
    bc_pos pos;
    struct anchor *next; /* all anchors, for freeing */
} anchor;

typedef struct loader {
    bc_arena *arena; /* the tree's nodes */
    bc_arena *texts; /* the bytes of its strings, and the source */
    const char *name;
    const char *text; /* the input after any byte-order mark */
    size_t len;
    bc_yaml_options opts;
    bc_diags *diags;
    size_t first_error; /* diags->errors when the load began */
    bool stopped;       /* a fatal error: no further events are read */
    /* Every code point of the text is NFC-stable (text.h): a value made of
     * its pieces is NFC without a look, unless escapes made it. */
    bool stable_text;
    bool value_from_text; /* the value at hand holds no escapes */

    frame *frames;
    int depth;
    int frames_cap;
    /* The items and members of the open collections, innermost last: a
     * collection gets them in an array of its exact size at its end, not
     * one doubled as it grew (a report of 13 MB: 5.4 MB less). */
    bc_value **items;
    size_t items_len, items_cap;
    bc_member *members;
    size_t members_len, members_cap;
    bc_strmap anchors; /* name -> anchor */
    bc_buf scratch;    /* for quoting user text in messages */
    anchor *all_anchors;
    size_t nodes;  /* nodes created so far, aliases counted expanded */
    size_t bytes;  /* bytes of text in them, likewise */
    int documents;
    bool explicit_end; /* the last document ended with "..." */
    bool empty_root;   /* the document is an empty plain scalar */
    bc_pos doc_pos;    /* where the document starts */
    bc_value *root;
} loader;

bc_yaml_options bc_yaml_default_options(void)
{
    bc_yaml_options o = {BC_YAML_MAX_FILE_SIZE, BC_YAML_MAX_SCALAR,
                         BC_YAML_MAX_DEPTH,     BC_YAML_MAX_NODES,
                         BC_YAML_MAX_TEXT,      false,
                         NULL,                  false};
    return o;
}

static bc_pos mark_pos(const loader *ld, yaml_mark_t mark)
{
    /* libyaml counts from 0; people and editors count from 1. */
    bc_pos p = {ld->name, (int)mark.line + 1, (int)mark.column + 1};
    return p;
}

static bool quoted_line(const loader *ld, size_t at, bc_buf *out);
static size_t mark_offset(const loader *ld, yaml_mark_t mark);
static void error_at(loader *ld, bc_pos pos, const char *fmt, ...)
    BC_PRINTF(3, 4);
static void error_at(loader *ld, bc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(ld->diags, BC_ERROR, BC_EX_DATAERR, pos, fmt, ap);
    va_end(ap);
}

/* User text for a message: quoted, and shortened when long (diag.c
 * escapes what would break the line).  Returns out's text, valid until out
 * changes. */
static const char *quoted(bc_buf *out, const char *s, size_t len)
{
    bc_buf_clear(out);
    bc_buf_putc(out, '"');
    bc_diag_excerpt(out, s, len, 60);
    bc_buf_putc(out, '"');
    return out->ptr;
}

/* ---- input checks that libyaml would report without a position ---- */

/* YAML's printable set (YAML 1.2 §5.1), less what libyaml accepts. */
static bool is_printable(uint32_t c)
{
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) ||
           c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

/* Invalid UTF-8: often a file typed in TCVN3 or VNI and never converted;
 * the bytes around the bad one tell. */
static void invalid_utf8(loader *ld, bc_pos pos, size_t at)
{
    size_t from = at > 64 ? at - 64 : 0;
    size_t to = ld->len - at > 64 ? at + 64 : ld->len;
    bc_legacy_encoding legacy =
        bc_legacy_detect_bytes(ld->text + from, to - from, NULL);
    if (legacy != BC_LEGACY_NONE)
        error_at(ld, pos,
                 _("invalid UTF-8 (byte 0x%02X): the text looks like %s; %s"),
                 (unsigned char)ld->text[at], bc_legacy_name(legacy),
                 bc_legacy_hint(legacy));
    else
        error_at(ld, pos,
                 _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                 (unsigned char)ld->text[at]);
}

/* Valid UTF-8 that is Vietnamese in a legacy encoding, read as Windows-1252
 * ("Céng hoµ x· héi"): never passed through.  The whole file is looked at,
 * as one word in a short value is not enough evidence. */
static bool check_legacy(loader *ld)
{
    size_t at = 0;
    bc_legacy_encoding legacy = bc_legacy_detect(ld->text, ld->len, &at);
    if (legacy == BC_LEGACY_NONE)
        return true;
    bc_pos pos = {ld->name, 0, 0};
    bc_utf8_position(ld->text, ld->len, at, &pos.line, &pos.col);
    error_at(ld, pos, _("this text is in the legacy encoding %s, not Unicode: "
                      "%s"),
             bc_legacy_name(legacy), bc_legacy_hint(legacy));
    return false;
}

/* Checks that the text is printable UTF-8, and notes on the way whether
 * it is NFC-stable throughout (one pass for both). */
static bool check_text(loader *ld)
{
    const unsigned char *p = (const unsigned char *)ld->text;
    ld->stable_text = true;
    for (size_t i = 0; i < ld->len;) {
        if ((p[i] >= 0x20 && p[i] < 0x7F) || p[i] == '\n') {
            i++; /* most of any file: printable ASCII, nothing to decode */
            continue;
        }
        uint32_t c = 0; /* not set by a decode that fails */
        size_t n = p[i] < 0x80 ? (c = p[i], 1)
                               : bc_utf8_decode(p + i, ld->len - i, &c);
        bool line_break = c == 0x85 || c == 0x2028 || c == 0x2029;
        if (n > 0 && is_printable(c) && !line_break) {
            if (c >= 0x80 && ld->stable_text && !bc_nfc_stable(c))
                ld->stable_text = false;
            i += n;
            continue;
        }
        bc_pos pos = {ld->name, 0, 0};
        bc_utf8_position(ld->text, ld->len, i, &pos.line, &pos.col);
        if (n == 0)
            invalid_utf8(ld, pos, i);
        else if (c == 0)
            error_at(ld, pos, _("NUL byte in the file; is it a text file?"));
        else if (c == 0xFEFF)
            /* A byte-order mark pasted in with text from another file. */
            error_at(ld, pos, _("invisible character U+FEFF (a byte-order "
                                "mark, pasted with text from another "
                                "file): delete it"));
        else if (line_break)
            /* libyaml would count a line there that editors do not show. */
            error_at(ld, pos, _("invisible line separator U+%04X (pasted "
                                "from another program?); use a plain space "
                                "or line break"),
                     (unsigned)c);
        else
            error_at(ld, pos, _("control character U+%04X is not allowed "
                                "in YAML"),
                     (unsigned)c);
        return false;
    }
    return true;
}

/* What a file that is not text is, told by its first bytes: a clerk may
 * give the Word file, the PDF or a scan instead of the data file.  NULL
 * for anything else. */
static const char *binary_kind(const char *data, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"PK\x03\x04", 4,
         N_("a Word, Excel or OpenDocument file (.docx, .xlsx, .odt), which "
            "is a ZIP archive")},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
         N_("an old Word or Excel file (.doc, .xls)")},
        {"%PDF-", 5, N_("a PDF document")},
        {"\x89PNG", 4, N_("a PNG image")},
        {"\xFF\xD8\xFF", 3, N_("a JPEG image")},
        {"\x1F\x8B", 2, N_("a compressed file (gzip)")},
        {"\x7F" "ELF", 4, N_("a program (ELF)")},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (len >= kinds[i].len && !memcmp(data, kinds[i].magic, kinds[i].len))
            return _(kinds[i].what);
    return NULL;
}

/* UTF-32 (with its byte-order mark) before UTF-16, whose mark begins
 * UTF-32LE's. */
static const char *wide_encoding(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    if (len >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && !p[2] && !p[3]) ||
                     (!p[0] && !p[1] && p[2] == 0xFE && p[3] == 0xFF)))
        return "UTF-32";
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
                     (p[0] == 0xFE && p[1] == 0xFF)))
        return "UTF-16";
    return NULL;
}

/* ---- text ---- */

/* A string value, in NFC: text typed on different systems (a Mac gives
 * decomposed marks) compares, sorts and prints the same. */
static bc_value *new_string(loader *ld, const char *s, size_t len,
                            bc_arena *bytes)
{
    if (!(ld->stable_text && ld->value_from_text) && !bc_is_nfc(s, len)) {
        bc_buf_clear(&ld->scratch);
        bc_to_nfc(s, len, &ld->scratch);
        s = ld->scratch.ptr;
        len = ld->scratch.len;
    }
    return bc_value_new_string_ref(ld->arena, bc_arena_strndup(bytes, s, len),
                                   len);
}

/* A value's text: its bytes in the texts' arena, which may outlive the
 * tree (report.c keeps only them). */
static bc_value *new_text(loader *ld, const char *s, size_t len)
{
    return new_string(ld, s, len, ld->texts);
}

/* ---- core schema ---- */

static bool is_null(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int parse_bool(const char *s)
{
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
        return 1;
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
        return 0;
    return -1;
}

static bool all_digits(const char *s, const char *set)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!strchr(set, *s))
            return false;
    return true;
}

typedef enum { NUM_NONE, NUM_INT, NUM_RANGE, NUM_FLOAT } num_kind;

/* [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static num_kind parse_int(const char *s, int64_t *out)
{
    int base = 10;
    const char *digits = s;
    if (s[0] == '0' && s[1] == 'o' && all_digits(s + 2, "01234567"))
        base = 8, digits = s + 2;
    else if (s[0] == '0' && s[1] == 'x' &&
             all_digits(s + 2, "0123456789abcdefABCDEF"))
        base = 16, digits = s + 2;
    else if (!all_digits(s + (*s == '-' || *s == '+'), "0123456789"))
        return NUM_NONE;
    errno = 0;
    char *end;
    if (base == 10) {
        long long v = strtoll(digits, &end, 10);
        *out = (int64_t)v;
    } else {
        unsigned long long v = strtoull(digits, &end, base);
        if (v > INT64_MAX)
            errno = ERANGE;
        *out = (int64_t)v;
    }
    return errno == ERANGE ? NUM_RANGE : NUM_INT;
}

/* A float read from s, which must not be a finite number too large for a
 * double (1e999): plain or tagged !!float, that is an error, not
 * infinity; only .inf is infinite. */
static bc_value *new_float(loader *ld, const char *s, double d, bc_pos pos,
                           bool tagged)
{
    if (isinf(d) && !strchr(s, 'i') && !strchr(s, 'I')) {
        if (tagged)
            error_at(ld, pos, _("number %s is out of range; leave out the "
                                "tag !!float to keep it as text"),
                     s);
        else
            error_at(ld, pos, _("number %s is out of range; quote it to keep "
                                "it as text"),
                     s);
        return NULL;
    }
    return bc_value_new_float(ld->arena, d);
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? and .inf/.nan */
static num_kind parse_float(const char *s, double *out)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF")) {
        *out = *s == '-' ? -HUGE_VAL : HUGE_VAL;
        return NUM_FLOAT;
    }
    if (p == s && (!strcmp(s, ".nan") || !strcmp(s, ".NaN") ||
                   !strcmp(s, ".NAN"))) {
        *out = NAN;
        return NUM_FLOAT;
    }
    size_t int_digits = strspn(p, "0123456789");
    p += int_digits;
    size_t frac_digits = 0;
    if (*p == '.') {
        frac_digits = strspn(p + 1, "0123456789");
        p += 1 + frac_digits;
    }
    if (int_digits == 0 && frac_digits == 0)
        return NUM_NONE;
    if (*p == 'e' || *p == 'E') {
        p++;
        p += (*p == '-' || *p == '+');
        size_t exp_digits = strspn(p, "0123456789");
        if (exp_digits == 0)
            return NUM_NONE;
        p += exp_digits;
    }
    if (*p)
        return NUM_NONE;
    *out = strtod(s, NULL); /* the C locale: bcreport never sets one */
    return NUM_FLOAT;
}

/* Resolves a plain scalar by the YAML 1.2 core schema.  Returns NULL (after
 * an error) for an integer out of range. */
static bc_value *resolve_plain(loader *ld, const char *s, size_t len,
                               bc_pos pos)
{
    int64_t i;
    double d;
    int b;
    if (is_null(s))
        return bc_value_new_null(ld->arena);
    if ((b = parse_bool(s)) >= 0)
        return bc_value_new_bool(ld->arena, b);
    switch (parse_int(s, &i)) {
    case NUM_INT:
        return bc_value_new_int(ld->arena, i);
    case NUM_RANGE:
        error_at(ld, pos,
                 _("integer %s is out of range; quote it to keep it as text"),
                 s);
        return NULL;
    default:
        break;
    }
    if (parse_float(s, &d) == NUM_FLOAT)
        return new_float(ld, s, d, pos, false);
    return new_text(ld, s, len);
}

/* ---- tags ---- */

/* The tag as a person writes it: "!!int" rather than its full form. */
static const char *short_tag(const char *tag, char *buf, size_t size)
{
    if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0) {
        snprintf(buf, size, "!!%s", tag + strlen(TAG_PREFIX));
        return buf;
    }
    return tag;
}

static const char *core_tag(const char *tag)
{
    if (tag && strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0)
        return tag + strlen(TAG_PREFIX);
    return NULL;
}

/* Applies an explicit standard tag to a scalar's text. */
static bc_value *resolve_tagged(loader *ld, const char *type, const char *s,
                                size_t len, bc_pos pos)
{
    if (!strcmp(type, "str"))
        return new_text(ld, s, len);
    bc_value *v = NULL;
    int64_t i;
    double d;
    if (!strcmp(type, "null") && is_null(s))
        v = bc_value_new_null(ld->arena);
    else if (!strcmp(type, "bool") && parse_bool(s) >= 0)
        v = bc_value_new_bool(ld->arena, parse_bool(s));
    else if (!strcmp(type, "int") && parse_int(s, &i) == NUM_INT)
        v = bc_value_new_int(ld->arena, i);
    else if (!strcmp(type, "float") && parse_int(s, &i) == NUM_INT)
        v = bc_value_new_float(ld->arena, (double)i);
    else if (!strcmp(type, "float") && parse_float(s, &d) == NUM_FLOAT)
        return new_float(ld, s, d, pos, true);
    if (!v)
        error_at(ld, pos, _("%s is not a valid !!%s"),
                 quoted(&ld->scratch, s, len), type);
    return v;
}

/* Checks a tag on a node of the given kind.  Returns false (after an
 * error) for a tag that cannot apply; stores an application tag to keep. */
static bool check_tag(loader *ld, const char *tag, const char *expected,
                      bc_pos pos, yaml_mark_t mark, const char **keep)
{
    *keep = NULL;
    if (!tag || !strcmp(tag, "!"))
        return true;
    const char *type = core_tag(tag);
    static const char *const scalar_types[] = {"str", "int", "float",
                                               "bool", "null"};
    char shown[256];
    if (type) {
        bool is_scalar_type = false;
        for (size_t i = 0; i < 5; i++)
            is_scalar_type |= !strcmp(type, scalar_types[i]);
        bool fits = !strcmp(expected, "scalar") ? is_scalar_type
                                                : !strcmp(type, expected);
        if (fits)
            return true;
        if (is_scalar_type || !strcmp(type, "seq") || !strcmp(type, "map")) {
            error_at(ld, pos, _("the tag !!%s cannot be used on %s"), type,
                     !strcmp(expected, "seq")   ? _("a list")
                     : !strcmp(expected, "map") ? _("named items (key: value)")
                                                : _("plain text"));
            return false;
        }
    }
    if (ld->opts.keep_unknown_tags) {
        *keep = bc_arena_strdup(ld->arena, tag);
        return true;
    }
    /* "- !Quan trọng: ..." is text that starts with "!" */
    bc_buf fix = BC_BUF_INIT;
    if (!strcmp(expected, "scalar") &&
        quoted_line(ld, mark_offset(ld, mark), &fix))
        error_at(ld, pos, _("unknown tag %s; if the text only starts with !, "
                            "put it in double quotes: %s"),
                 short_tag(tag, shown, sizeof shown), fix.ptr);
    else
        error_at(ld, pos, _("unknown tag %s"),
                 short_tag(tag, shown, sizeof shown));
    bc_buf_fini(&fix);
    return false;
}

/* ---- building the tree ---- */

static frame *top(loader *ld)
{
    return ld->depth ? &ld->frames[ld->depth - 1] : NULL;
}

static void stop(loader *ld)
{
    ld->stopped = true;
}

/* Counts nodes and their text as they would be after expanding aliases,
 * so that a small file cannot stand for a huge tree or a huge output. */
static bool count_expansion(loader *ld, size_t nodes, size_t bytes,
                            bc_pos pos, bool by_alias)
{
    if (nodes > ld->opts.max_nodes - ld->nodes) {
        if (by_alias)
            error_at(ld, pos, _("the document expands to more than %zu nodes "
                                "(the limit); aliases repeat too much (a "
                                "\"billion laughs\" file?)"),
                     ld->opts.max_nodes);
        else
            error_at(ld, pos, _("the document has more than %zu nodes (the "
                                "limit)"),
                     ld->opts.max_nodes);
    } else if (bytes > ld->opts.max_text - ld->bytes) {
        if (by_alias)
            error_at(ld, pos, _("the document expands to more than %zu bytes "
                                "of text (the limit); aliases repeat too much "
                                "(a \"billion laughs\" file?)"),
                     ld->opts.max_text);
        else
            error_at(ld, pos, _("the document has more than %zu bytes of "
                                "text (the limit)"),
                     ld->opts.max_text);
    } else {
        ld->nodes += nodes;
        ld->bytes += bytes;
        return true;
    }
    stop(ld);
    return false;
}

static void add_to_parent(loader *ld, bc_value *v, int height)
{
    frame *f = top(ld);
    if (!f) {
        ld->root = v;
        return;
    }
    if (height + 1 > f->height)
        f->height = height + 1;
    if (f->node->kind == BC_VALUE_SEQ) {
        if (ld->items_len == ld->items_cap)
            ld->items = bc_grow_array(ld->items, &ld->items_cap,
                                      sizeof *ld->items);
        ld->items[ld->items_len++] = v;
    } else if (f->key) {
        if (ld->members_len == ld->members_cap)
            ld->members = bc_grow_array(ld->members, &ld->members_cap,
                                        sizeof *ld->members);
        ld->members[ld->members_len++] = (bc_member){f->key, v};
        f->key = NULL;
    }
}

/* Gives the collection of f, now ended, its items or members.  An empty
 * one may end before either stack exists: no offset is added to a null
 * pointer (undefined, even of zero; fuzz_yaml found it on "[]"). */
static void fill_collection(loader *ld, const frame *f)
{
    size_t first = f->first_pending;
    if (f->node->kind == BC_VALUE_SEQ) {
        size_t n = ld->items_len - first;
        bc_value_seq_fill(ld->arena, f->node, n ? ld->items + first : NULL,
                          n);
        ld->items_len = first;
    } else {
        size_t n = ld->members_len - first;
        bc_value_map_fill(ld->arena, f->node,
                          n ? ld->members + first : NULL, n);
        ld->members_len = first;
    }
}

/* The key node that first defined the text s in the mapping of f, or
 * NULL. */
static bc_value *defined_key(const frame *f, const char *s, size_t len)
{
    if (f->keys.count == 0) {
        for (int i = 0; i < f->few_count; i++)
            if (f->few[i]->as.string.len == len &&
                !memcmp(f->few[i]->as.string.ptr, s, len))
                return f->few[i];
        return NULL;
    }
    return bc_strmap_get(&f->keys, s, len);
}

/* Notes key as defined in the mapping of f: in the list while it has
 * room, then everything in the hash set. */
static void define_key(frame *f, bc_value *key)
{
    if (f->keys.count == 0 && f->few_count < FEW_KEYS) {
        f->few[f->few_count++] = key;
        return;
    }
    for (int i = 0; i < f->few_count; i++)
        bc_strmap_put(&f->keys, f->few[i]->as.string.ptr,
                      f->few[i]->as.string.len, f->few[i]);
    f->few_count = 0;
    bc_strmap_put(&f->keys, key->as.string.ptr, key->as.string.len, key);
}

/* A scalar in key position becomes the mapping's pending key; its text is
 * the key whatever the scalar resolved to ("2023: ..." has key "2023"). */
static bc_value *add_key(loader *ld, const char *text, size_t len, bc_pos pos,
                         bool plain)
{
    frame *f = top(ld);
    /* A key's bytes go with the tree: read into structs, a report keeps
     * none of its 200 000 keys (13 MB of data). */
    bc_value *key = new_string(ld, text, len, ld->arena);
    len = key->as.string.len;
    key->line = pos.line;
    key->col = pos.col;
    f->key = key;
    if (plain && !strcmp(text, "<<")) {
        error_at(ld, pos, _("merge keys (<<) are not supported; write the "
                          "keys out in full"));
        return key;
    }
    bc_value *first = defined_key(f, key->as.string.ptr, len);
    if (first) {
        error_at(ld, pos, _("duplicate key %s (first defined at %d:%d)"),
                 quoted(&ld->scratch, key->as.string.ptr, len), first->line,
                 first->col);
        return key;
    }
    define_key(f, key);
    return key;
}

static bool expects_key(const loader *ld)
{
    const frame *f = ld->depth ? &ld->frames[ld->depth - 1] : NULL;
    return f && f->node->kind == BC_VALUE_MAP && !f->key;
}

static anchor *define_anchor(loader *ld, const char *name, bc_value *node)
{
    anchor *a = bc_xcalloc(1, sizeof *a);
    a->name = bc_xstrdup(name);
    a->node = node;
    a->next = ld->all_anchors;
    ld->all_anchors = a;
    /* A later anchor of the same name hides the earlier one (YAML 1.2). */
    bc_strmap_put(&ld->anchors, a->name, strlen(a->name), a);
    return a;
}

/* The value of a scalar that is not a key. */
static bc_value *scalar_value(loader *ld, const yaml_event_t *ev, bc_pos pos,
                              bool tag_ok, const char *keep)
{
    const char *text = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    bc_value *v;
    if (tag_ok && core_tag(tag))
        v = resolve_tagged(ld, core_tag(tag), text, len, pos);
    else if (plain && (!tag || keep))
        v = resolve_plain(ld, text, len, pos);
    else
        v = new_text(ld, text, len);
    if (!v) /* already reported; keep the tree's shape */
        v = bc_value_new_null(ld->arena);
    v->line = pos.line;
    v->col = pos.col;
    v = bc_value_with_tag(ld->arena, v, keep);
    return v;
}

static void on_scalar(loader *ld, const yaml_event_t *ev)
{
    bc_pos pos = mark_pos(ld, ev->start_mark);
    const char *text = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    if (len > ld->opts.max_scalar) {
        error_at(ld, pos, _("text is longer than the limit of %zu bytes"),
                 ld->opts.max_scalar);
        stop(ld);
        return;
    }
    if (!count_expansion(ld, 1, len, pos, false))
        return;
    const char *tag = (const char *)ev->data.scalar.tag;
    const char *keep;
    bool tag_ok = check_tag(ld, tag, "scalar", pos, ev->start_mark, &keep);
    /* Only a double-quoted scalar has escapes (\u0301); the others are
     * the text's own characters, folded with spaces and line breaks. */
    ld->value_from_text =
        ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    bool is_key = expects_key(ld);
    bc_value *v;
    if (is_key) {
        bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        v = add_key(ld, text, len, pos, plain && !tag);
    } else {
        v = scalar_value(ld, ev, pos, tag_ok, keep);
    }
    if (ev->data.scalar.anchor) {
        anchor *a = define_anchor(ld, (const char *)ev->data.scalar.anchor, v);
        a->nodes = 1;
        a->bytes = len;
        /* Kept for an alias used as a key: "1" stays "1", not 1. */
        a->text = is_key ? v->as.string.ptr
                         : bc_arena_strndup(ld->arena, text, len);
        a->len = len;
        a->pos = pos;
        a->plain_text = !is_key && v && v->kind == BC_VALUE_STRING &&
                        ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    }
    if (!is_key) {
        ld->empty_root = ld->depth == 0 && len == 0 && !tag &&
                         ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        add_to_parent(ld, v, 0);
    }
}

static void on_alias(loader *ld, const yaml_event_t *ev)
{
    bc_pos pos = mark_pos(ld, ev->start_mark);
    ld->value_from_text = false; /* an anchor's text: looked at again */
    const char *name = (const char *)ev->data.alias.anchor;
    anchor *a = bc_strmap_get(&ld->anchors, name, strlen(name));
    if (a)
        a->used = true;
    bc_buf fix = BC_BUF_INIT;
    if (!a && quoted_line(ld, mark_offset(ld, ev->start_mark), &fix))
        error_at(ld, pos, _("unknown alias *%s (no anchor &%s before it); "
                            "if the text only starts with *, put it in "
                            "double quotes: %s"),
                 name, name, fix.ptr);
    else if (!a)
        error_at(ld, pos, _("unknown alias *%s (no anchor &%s before it)"),
                 name, name);
    bc_buf_fini(&fix);
    if (!a) {
        stop(ld);
        return;
    }
    if (a->open) {
        error_at(ld, pos, _("alias *%s refers to a collection that contains "
                          "it (a cycle)"), name);
        stop(ld);
        return;
    }
    if (ld->depth + a->height > ld->opts.max_depth) {
        error_at(ld, pos, _("alias *%s nests deeper than the limit of %d levels"),
                 name, ld->opts.max_depth);
        stop(ld);
        return;
    }
    if (!count_expansion(ld, a->nodes, a->bytes, pos, true))
        return;
    if (expects_key(ld)) {
        if (!a->text) {
            error_at(ld, pos, _("a key must be plain text, not %s (alias "
                                "*%s)"),
                     a->node->kind == BC_VALUE_MAP ? _("named items (key: value)")
                                                   : _("a list"),
                     name);
            stop(ld);
            return;
        }
        add_key(ld, a->text, a->len, pos, false);
        return;
    }
    add_to_parent(ld, a->node, a->height);
}

static void on_collection_start(loader *ld, const yaml_event_t *ev,
                                bool is_map)
{
    bc_pos pos = mark_pos(ld, ev->start_mark);
    /* Checked first: libyaml's parser slows quadratically with depth. */
    if (ld->depth >= ld->opts.max_depth) {
        error_at(ld, pos, _("nesting is deeper than the limit of %d levels"),
                 ld->opts.max_depth);
        stop(ld);
        return;
    }
    if (expects_key(ld)) {
        error_at(ld, pos, _("a key must be plain text, not %s"),
                 is_map ? _("named items (key: value)") : _("a list"));
        stop(ld);
        return;
    }
    if (!count_expansion(ld, 1, 0, pos, false))
        return;
    const char *tag = is_map ? (const char *)ev->data.mapping_start.tag
                             : (const char *)ev->data.sequence_start.tag;
    const char *anchor_name =
        is_map ? (const char *)ev->data.mapping_start.anchor
               : (const char *)ev->data.sequence_start.anchor;
    const char *keep;
    check_tag(ld, tag, is_map ? "map" : "seq", pos, ev->start_mark, &keep);
    bc_value *v = is_map ? bc_value_new_map(ld->arena)
                         : bc_value_new_seq(ld->arena);
    v->line = pos.line;
    v->col = pos.col;
    v = bc_value_with_tag(ld->arena, v, keep);
    if (ld->depth == ld->frames_cap) {
        ld->frames_cap = ld->frames_cap ? ld->frames_cap * 2 : 16;
        ld->frames = bc_xreallocarray(ld->frames, (size_t)ld->frames_cap,
                                      sizeof(frame));
    }
    frame *f = &ld->frames[ld->depth++];
    memset(f, 0, sizeof *f);
    f->node = v;
    f->first_pending = is_map ? ld->members_len : ld->items_len;
    f->first_node = ld->nodes - 1;
    f->first_byte = ld->bytes;
    if (anchor_name) {
        f->anchor = define_anchor(ld, anchor_name, v);
        f->anchor->open = true;
    }
}

static void on_collection_end(loader *ld)
{
    frame f = ld->frames[--ld->depth];
    bc_strmap_fini(&f.keys);
    fill_collection(ld, &f);
    if (f.node->kind == BC_VALUE_MAP)
        bc_value_map_index(ld->arena, f.node);
    if (f.anchor) {
        f.anchor->open = false;
        f.anchor->nodes = ld->nodes - f.first_node;
        f.anchor->bytes = ld->bytes - f.first_byte;
        f.anchor->height = f.height;
    }
    add_to_parent(ld, f.node, f.height);
}

static void on_document_start(loader *ld, bc_pos pos)
{
    ld->doc_pos = pos;
    if (++ld->documents > 1) {
        error_at(ld, pos,
                 _("a second YAML document starts here; a bcreport file "
                 "holds one document"));
        stop(ld);
    }
}

/* An anchor no alias uses, on unquoted text, is most likely text that
 * starts with "&" ("- &UBND xã báo cáo..."): YAML took the first word
 * for an anchor's name, and it would be missing from the report. */
static void warn_unused_anchors(loader *ld)
{
    for (const anchor *a = ld->all_anchors; a; a = a->next) {
        if (a->used || !a->plain_text)
            continue;
        bc_buf text = BC_BUF_INIT;
        bc_diag_excerpt(&text, a->text, a->len, 40);
        bc_diag_add(ld->diags, BC_WARNING, BC_OK, a->pos,
                    _("\"&%s\" was read as an anchor, not as text, so the "
                      "text here is only \"%s\"; if the & belongs to the "
                      "text, put all of it in double quotes"),
                    a->name, text.ptr);
        bc_buf_fini(&text);
    }
}

static void on_stream_end(loader *ld)
{
    warn_unused_anchors(ld);
    if (ld->empty_root) {
        error_at(ld, ld->doc_pos, _("the document is empty"));
        return;
    }
    if (ld->documents > 0)
        return;
    bc_pos pos = {ld->name, 1, 1};
    bool blank = true;
    for (size_t i = 0; i < ld->len && blank; i++)
        blank = bc_is_space(ld->text[i]);
    error_at(ld, pos, "%s",
             blank ? _("the file is empty")
                   : _("the file holds no YAML document, only comments"));
}

/* ---- libyaml's own errors ---- */

/* The byte offset of a libyaml mark (whose index counts characters),
 * found again by line and column; the text's length past its end. */
static size_t mark_offset(const loader *ld, yaml_mark_t mark)
{
    const unsigned char *p = (const unsigned char *)ld->text;
    size_t i = 0, line = 0, col = 0;
    while (i < ld->len && (line < mark.line || col < mark.column)) {
        if (p[i] == '\n') {
            line++, col = 0;
        } else if ((p[i] & 0xC0) != 0x80) {
            col += line == mark.line;
        }
        i++;
        while (i < ld->len && (p[i] & 0xC0) == 0x80)
            i++;
        if (line > mark.line)
            return ld->len;
    }
    return i;
}

/* The character at a libyaml mark; 0 past the text's end. */
static uint32_t char_at(const loader *ld, yaml_mark_t mark)
{
    size_t i = mark_offset(ld, mark);
    uint32_t c = 0;
    if (i < ld->len &&
        !bc_utf8_decode((const unsigned char *)ld->text + i, ld->len - i, &c))
        c = 0;
    return c;
}

/* The line of the text that holds byte offset at: its start and end. */
static void line_around(const loader *ld, size_t at, size_t *start,
                        size_t *end)
{
    if (at > ld->len)
        at = ld->len;
    *start = at;
    while (*start > 0 && ld->text[*start - 1] != '\n')
        (*start)--;
    *end = at;
    while (*end < ld->len && ld->text[*end] != '\n' && ld->text[*end] != '\r')
        (*end)++;
}

/* The line at, written with its value in double quotes: "subject: Báo cáo:
 * kết quả" gives 'subject: "Báo cáo: kết quả"', "- [@ct12] thực hiện"
 * gives '- "[@ct12] thực hiện"'.  False when the line has no value to
 * quote (it already starts with a quote, or is empty). */
static bool quoted_line(const loader *ld, size_t at, bc_buf *out)
{
    size_t start, end;
    line_around(ld, at, &start, &end);
    const char *t = ld->text;
    size_t v = start;
    while (v < end && t[v] == ' ')
        v++;
    while (v + 1 < end && t[v] == '-' && t[v + 1] == ' ') /* "- " items */
        for (v += 2; v < end && t[v] == ' ';)
            v++;
    /* "key: " before the value; text that starts with an indicator
     * ("!Quan trọng: tốt") is the value, colon and all */
    bool indicator = v < end && strchr("!&*[@%`|>{", t[v]);
    for (size_t i = v; !indicator && i + 1 < end; i++)
        if (t[i] == ':' && t[i + 1] == ' ' && i > v &&
            !memchr(t + v, '"', i - v) && !memchr(t + v, '\'', i - v)) {
            for (v = i + 2; v < end && t[v] == ' ';)
                v++;
            break;
        }
    while (end > v && t[end - 1] == ' ')
        end--;
    if (v >= end || t[v] == '"' || t[v] == '\'')
        return false;
    bc_buf_append(out, t + start, v - start);
    bc_buf_putc(out, '"');
    for (size_t i = v; i < end; i++) {
        if (t[i] == '"' || t[i] == '\\')
            bc_buf_putc(out, '\\');
        bc_buf_putc(out, t[i]);
    }
    bc_buf_putc(out, '"');
    return true;
}

/* True when the line at holds "key:value" with no space after the
 * colon (not "://", as in an address). */
static bool colon_without_space(const loader *ld, size_t at)
{
    size_t start, end;
    line_around(ld, at, &start, &end);
    for (size_t i = start; i + 1 < end; i++)
        if (ld->text[i] == ':' && ld->text[i + 1] != ' ' &&
            ld->text[i + 1] != '/')
            return true;
    return false;
}

/* True when the text before offset at (blanks aside) ends in a quote:
 * "a: "x" y" has text after its closing quote. */
static bool after_quote(const loader *ld, size_t at)
{
    while (at > 0 && ld->text[at - 1] == ' ')
        at--;
    return at > 0 && (ld->text[at - 1] == '"' || ld->text[at - 1] == '\'');
}

/* The offset of the quote that the quote just before at (blanks aside)
 * closes, when it is on an earlier line: a text whose closing quote was
 * forgotten runs on to the next quote, lines below.  SIZE_MAX if none. */
static size_t unclosed_quote(const loader *ld, size_t at)
{
    const char *t = ld->text;
    while (at > 0 && t[at - 1] == ' ')
        at--;
    if (at == 0 || (t[at - 1] != '"' && t[at - 1] != '\''))
        return SIZE_MAX;
    char q = t[at - 1];
    bool line_break = false;
    for (size_t i = at - 1; i-- > 0;) {
        line_break |= t[i] == '\n';
        if (t[i] != q)
            continue;
        size_t slashes = 0; /* \" inside a double-quoted text */
        while (q == '"' && slashes < i && t[i - 1 - slashes] == '\\')
            slashes++;
        if (slashes % 2 == 0)
            return line_break ? i : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* True when the line around at starts, blanks aside, with a dash glued to
 * what follows ("-\"TT Đảng ủy xã\""), meant as a list item. */
static bool dash_without_space(const loader *ld, size_t at)
{
    size_t start, end;
    line_around(ld, at, &start, &end);
    while (start < end && ld->text[start] == ' ')
        start++;
    return start + 1 < end && ld->text[start] == '-' &&
           ld->text[start + 1] != ' ' && ld->text[start + 1] != '-' &&
           !bc_is_digit(ld->text[start + 1]);
}

static bc_pos offset_pos(const loader *ld, size_t offset)
{
    bc_pos pos = {ld->name, 1, 1};
    bc_utf8_position(ld->text, ld->len, offset, &pos.line, &pos.col);
    return pos;
}

/* The clerk's fix for what libyaml reports, in plain words; *at moves to
 * where the fix belongs (the opening quote of an unclosed text). */
static void syntax_hint(const loader *ld, const yaml_parser_t *parser,
                        bc_pos *at, bc_buf *hint)
{
    const char *problem = parser->problem ? parser->problem : "";
    const char *context = parser->context ? parser->context : "";
    uint32_t c = char_at(ld, parser->problem_mark);
    uint32_t first = char_at(ld, parser->context_mark); /* an open quote */
    size_t opened;
    bc_buf fix = BC_BUF_INIT;
    if (strstr(problem, "cannot start any token") && c == '\t') {
        bc_buf_puts(hint, _("tabs cannot indent YAML: use spaces"));
    } else if (strstr(problem, "mapping values are not allowed") &&
               parser->problem_mark.column > 1024) {
        bc_buf_puts(hint, _("a key can be at most 1024 characters long"));
    } else if (strstr(context, "quoted scalar") &&
               strstr(problem, "end of stream")) {
        *at = mark_pos(ld, parser->context_mark);
        bc_buf_printf(hint, _("this %s opens a text that is never closed: "
                              "end the text with the same quote"),
                      first == '"' ? _("double quote") : _("quote"));
    } else if ((strstr(problem, "mapping values are not allowed") ||
                strstr(problem, "cannot start any token") ||
                strstr(context, "block scalar")) &&
               quoted_line(ld, mark_offset(ld, parser->problem_mark), &fix)) {
        bc_buf_printf(hint, _("put the text in double quotes: %s"), fix.ptr);
    } else if (strstr(context, "flow sequence") &&
               quoted_line(ld, mark_offset(ld, parser->context_mark), &fix)) {
        *at = mark_pos(ld, parser->context_mark);
        bc_buf_printf(hint, _("this [ opens a list that is never closed; "
                              "if the text only starts with [, put it in "
                              "double quotes: %s"),
                      fix.ptr);
    } else if (strstr(problem, "could not find expected ':'") &&
               colon_without_space(ld, mark_offset(ld, parser->context_mark))) {
        *at = mark_pos(ld, parser->context_mark);
        bc_buf_puts(hint, _("put a space after the colon, as in "
                            "\"place: Bình Sơn\""));
    } else if ((strstr(problem, "could not find expected ':'") ||
                strstr(problem, "mapping values are not allowed")) &&
               dash_without_space(ld,
                                  mark_offset(ld, parser->context_mark))) {
        *at = mark_pos(ld, parser->context_mark);
        bc_buf_puts(hint, _("put a space after the dash of a list item, as "
                            "in \"- Như trên\""));
    } else if ((strstr(problem, "did not find expected key") ||
                strstr(problem, "did not find expected '-' indicator")) &&
               (opened = unclosed_quote(
                    ld, mark_offset(ld, parser->problem_mark))) != SIZE_MAX) {
        *at = offset_pos(ld, opened);
        bc_buf_printf(hint, _("this %s opens a text that is not closed on "
                              "its line: end the text there with the same "
                              "quote"),
                      ld->text[opened] == '"' ? _("double quote")
                                              : _("quote"));
    } else if ((strstr(problem, "did not find expected key") ||
                strstr(problem, "did not find expected '-' indicator")) &&
               after_quote(ld, mark_offset(ld, parser->problem_mark))) {
        bc_buf_puts(hint, _("text goes on after its closing quote: put "
                            "all of it inside the quotes, writing a \" "
                            "inside as \\\""));
    } else if (strstr(problem, "did not find expected key")) {
        bc_buf_puts(hint, _("this line is indented wrongly: the keys of one "
                            "group start in the same column"));
    } else if (strstr(problem, "invalid Unicode character escape code")) {
        bc_buf_puts(hint, _("this \\u escape is not a character "
                            "(\\uD800 to \\uDFFF are halves of UTF-16 "
                            "pairs): write the character itself"));
    }
    bc_buf_fini(&fix);
}

static void parser_error(loader *ld, const yaml_parser_t *parser)
{
    bc_pos pos = {ld->name, 1, 1};
    if (parser->error == YAML_MEMORY_ERROR)
        bc_out_of_memory(); /* as for our own allocations (alloc.h) */
    if (parser->error == YAML_READER_ERROR) {
        bc_utf8_position(ld->text, ld->len, parser->problem_offset,
                         &pos.line, &pos.col);
        error_at(ld, pos, _("%s"), parser->problem);
        return;
    }
    pos = mark_pos(ld, parser->problem_mark);
    if (ld->explicit_end && parser->problem &&
        strstr(parser->problem, "expected <document start>")) {
        /* Text after "..." begins another document, without "---". */
        on_document_start(ld, pos);
        return;
    }
    const char *problem = parser->problem ? parser->problem : _("syntax error");
    if (strstr(problem, "expected <document start>"))
        problem = _("unexpected text after the end of the data (a stray "
                    "bracket or quote, or a line indented wrongly?)");
    bc_buf hint = BC_BUF_INIT;
    syntax_hint(ld, parser, &pos, &hint);
    /* libyaml's own words follow the hint, in brackets. */
    bc_buf words = BC_BUF_INIT;
    bc_buf_puts(&words, problem);
    /* "while scanning for the next token" at the same place adds nothing. */
    bool same_place =
        parser->context_mark.line == parser->problem_mark.line &&
        parser->context_mark.column == parser->problem_mark.column;
    if (parser->context && !same_place)
        bc_buf_printf(&words, _(" (%s that started at %d:%d)"),
                      parser->context, (int)parser->context_mark.line + 1,
                      (int)parser->context_mark.column + 1);
    if (hint.len)
        error_at(ld, pos, _("%s (libyaml: %s)"), hint.ptr, words.ptr);
    else
        error_at(ld, pos, "%s", words.ptr);
    bc_buf_fini(&hint);
    bc_buf_fini(&words);
}

static void handle_event(loader *ld, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        on_document_start(ld, mark_pos(ld, ev->start_mark));
        break;
    case YAML_DOCUMENT_END_EVENT:
        ld->explicit_end = !ev->data.document_end.implicit;
        break;
    case YAML_SCALAR_EVENT:
        on_scalar(ld, ev);
        break;
    case YAML_ALIAS_EVENT:
        on_alias(ld, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        on_collection_start(ld, ev, false);
        break;
    case YAML_MAPPING_START_EVENT:
        on_collection_start(ld, ev, true);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_collection_end(ld);
        break;
    case YAML_STREAM_END_EVENT:
        on_stream_end(ld);
        break;
    default:
        break;
    }
}

static void run_parser(loader *ld)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        bc_out_of_memory();
    yaml_parser_set_input_string(&parser, (const unsigned char *)ld->text,
                                 ld->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    bool done = false;
    while (!done && !ld->stopped) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            parser_error(ld, &parser);
            break;
        }
        handle_event(ld, &ev);
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
}

static void loader_fini(loader *ld)
{
    for (int i = 0; i < ld->depth; i++)
        bc_strmap_fini(&ld->frames[i].keys);
    free(ld->frames);
    free(ld->items);
    free(ld->members);
    bc_strmap_fini(&ld->anchors);
    bc_buf_fini(&ld->scratch);
    anchor *a = ld->all_anchors;
    while (a) {
        anchor *next = a->next;
        free(a->name);
        free(a);
        a = next;
    }
}

/* A file typed in decomposed form (NFD, as some Mac and web tools save
 * it) is normalised as a whole before parsing, so that every position
 * counts the characters an editor shows, the same as for the NFC file. */
static void normalise_text(loader *ld)
{
    if (ld->stable_text || bc_is_nfc(ld->text, ld->len))
        return;
    bc_buf nfc = BC_BUF_INIT;
    bc_to_nfc(ld->text, ld->len, &nfc); /* valid: check_text said so */
    ld->text = bc_arena_strndup(ld->texts, nfc.ptr, nfc.len);
    ld->len = nfc.len;
    bc_buf_fini(&nfc);
}

bc_value *bc_yaml_load(bc_arena *arena, const char *name, const char *data,
                       size_t len, const bc_yaml_options *opts,
                       bc_diags *diags)
{
    return bc_yaml_load_source(arena, name, data, len, opts, diags, NULL);
}

bc_value *bc_yaml_load_source(bc_arena *arena, const char *name,
                              const char *data, size_t len,
                              const bc_yaml_options *opts, bc_diags *diags,
                              bc_yaml_source *source)
{
    loader ld;
    memset(&ld, 0, sizeof ld);
    bc_buf_init(&ld.scratch);
    ld.arena = arena;
    ld.name = name;
    ld.opts = opts ? *opts : bc_yaml_default_options();
    ld.texts = ld.opts.texts ? ld.opts.texts : arena;
    ld.diags = diags;
    ld.first_error = diags->errors;
    ld.text = data;
    ld.len = len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        ld.text += 3; /* a UTF-8 byte-order mark: allowed, skipped */
        ld.len -= 3;
    }
    const char *given = ld.text; /* until normalise_text makes its own */
    bc_pos start = {name, 1, 1};
    if (len > ld.opts.max_file_size) {
        error_at(&ld, start, _("file is larger than the limit of %zu bytes"),
                 ld.opts.max_file_size);
    } else if (wide_encoding(data, len)) {
        error_at(&ld, start, _("the file is %s; save it as UTF-8"),
                 wide_encoding(data, len));
    } else if (binary_kind(data, len)) {
        error_at(&ld, start, _("this is not a text file but %s; give the "
                               "data file (.yaml)"),
                 binary_kind(data, len));
    } else if (check_text(&ld)) {
        normalise_text(&ld);
        if (check_legacy(&ld))
            run_parser(&ld);
    }
    if (source) {
        /* The data as given is copied, unless it lives as long as the
         * texts; a normalised text is theirs already. */
        bool copy = ld.text == given && !ld.opts.data_kept;
        source->text = copy ? bc_arena_strndup(ld.texts, ld.text, ld.len)
                            : ld.text;
        source->len = ld.len;
    }
    loader_fini(&ld);
    return diags->errors > ld.first_error ? NULL : ld.root;
}

bc_value *bc_yaml_load_file(bc_arena *arena, const char *path,
                            const bc_yaml_options *opts, bc_diags *diags)
{
    bc_yaml_options o = opts ? *opts : bc_yaml_default_options();
    size_t len;
    char *data = bc_read_file(path, o.max_file_size, &len, diags);
    if (!data)
        return NULL;
    bc_value *root =
        bc_yaml_load(arena, bc_display_name(path), data, len, &o, diags);
    free(data);
    return root;
}
