/* json.c - writing a value tree as JSON (see json.h). */
#include "bcreport/json.h"

#include <inttypes.h>
#include <math.h>

static void indent(bc_buf *out, int depth)
{
    bc_buf_putc(out, '\n');
    for (int i = 0; i < depth; i++)
        bc_buf_append(out, "  ", 2);
}

void bc_json_write_string(const char *s, size_t len, bc_buf *out)
{
    static const char hex[] = "0123456789abcdef";
    bc_buf_reserve(out, len + 2);
    bc_buf_putc(out, '"');
    size_t run = 0; /* bytes copied as they are, flushed in one append */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        bc_buf_append(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            bc_buf_append(out, "\\\"", 2);
            break;
        case '\\':
            bc_buf_append(out, "\\\\", 2);
            break;
        case '\n':
            bc_buf_append(out, "\\n", 2);
            break;
        case '\r':
            bc_buf_append(out, "\\r", 2);
            break;
        case '\t':
            bc_buf_append(out, "\\t", 2);
            break;
        case '\b':
            bc_buf_append(out, "\\b", 2);
            break;
        case '\f':
            bc_buf_append(out, "\\f", 2);
            break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            bc_buf_append(out, u, sizeof u);
        }
        }
    }
    bc_buf_append(out, s + run, len - run);
    bc_buf_putc(out, '"');
}

static void write_float(double d, bc_buf *out)
{
    char text[32];
    size_t n = bc_format_double(d, text);
    if (isfinite(d))
        bc_buf_append(out, text, n);
    else
        bc_json_write_string(text, n, out);
}

static void write_value(const bc_value *v, int depth, bc_buf *out)
{
    switch (v->kind) {
    case BC_VALUE_NULL:
        bc_buf_puts(out, "null");
        break;
    case BC_VALUE_BOOL:
        bc_buf_puts(out, v->as.boolean ? "true" : "false");
        break;
    case BC_VALUE_INT:
        bc_buf_printf(out, "%" PRId64, v->as.integer);
        break;
    case BC_VALUE_FLOAT:
        write_float(v->as.number, out);
        break;
    case BC_VALUE_STRING:
        bc_json_write_string(v->as.string.ptr, v->as.string.len, out);
        break;
    case BC_VALUE_SEQ:
        if (v->as.seq.count == 0) {
            bc_buf_puts(out, "[]");
            break;
        }
        bc_buf_putc(out, '[');
        for (size_t i = 0; i < v->as.seq.count; i++) {
            if (i)
                bc_buf_putc(out, ',');
            indent(out, depth + 1);
            write_value(v->as.seq.items[i], depth + 1, out);
        }
        indent(out, depth);
        bc_buf_putc(out, ']');
        break;
    case BC_VALUE_MAP:
        if (v->as.map.count == 0) {
            bc_buf_puts(out, "{}");
            break;
        }
        bc_buf_putc(out, '{');
        for (size_t i = 0; i < v->as.map.count; i++) {
            const bc_member *m = &v->as.map.members[i];
            if (i)
                bc_buf_putc(out, ',');
            indent(out, depth + 1);
            bc_json_write_string(m->key->as.string.ptr,
                                 m->key->as.string.len, out);
            bc_buf_append(out, ": ", 2);
            write_value(m->value, depth + 1, out);
        }
        indent(out, depth);
        bc_buf_putc(out, '}');
        break;
    }
}

void bc_json_write(const bc_value *value, bc_buf *out)
{
    write_value(value, 0, out);
    bc_buf_putc(out, '\n');
}
