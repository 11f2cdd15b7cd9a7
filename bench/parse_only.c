/*
 * parse_only.c - the floor of the bench: a file read with libyaml's event
 * parser and nothing else.
 *
 *   parse_only FILE
 *
 * The file is read whole into memory, as bcreport reads it, then every
 * event is parsed and thrown away.  Prints the number of events; exits 65
 * when libyaml rejects the file, 66 when it cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

/* The whole file in a malloc'd buffer; NULL (after a message) on error. */
static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (!buf || ferror(f)) {
        fprintf(stderr, "%s: cannot read it\n", path);
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Parses every event of the text; the count, or -1 on a parse error. */
static long parse_events(const unsigned char *text, size_t len)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return -1;
    yaml_parser_set_input_string(&parser, text, len);
    long events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            fprintf(stderr, "libyaml: %s\n",
                    parser.problem ? parser.problem : "error");
            events = -1;
            break;
        }
        events++;
        int done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (done)
            break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: parse_only FILE\n");
        return 64;
    }
    size_t len;
    unsigned char *text = read_all(argv[1], &len);
    if (!text)
        return 66;
    long events = parse_events(text, len);
    free(text);
    if (events < 0)
        return 65;
    printf("%ld events\n", events);
    return 0;
}
