/* yaml_cases.c - YAML inputs the loader must reject, with the exact
 * diagnostics (for a file named "t.yaml"); shared by the loader's unit
 * tests and the CLI tests. */
#include "yaml_cases.h"

#include <string.h>

const yaml_error_case yaml_error_cases[] = {
    {"duplicate key", "year: 2023\nname: x\nyear: 2024\n", 0,
     "t.yaml:3:1: error: duplicate key \"year\" (first defined at 1:1)\n"},
    {"duplicate key in nested flow mapping", "a:\n  b: {c: 1, c: 2}\n", 0,
     "t.yaml:2:13: error: duplicate key \"c\" (first defined at 2:7)\n"},
    {"every duplicate is reported", "a: 1\na: 2\nb: 1\nb: 2\n", 0,
     "t.yaml:2:1: error: duplicate key \"a\" (first defined at 1:1)\n"
     "t.yaml:4:1: error: duplicate key \"b\" (first defined at 3:1)\n"},
    /* Past a dozen keys they are looked up in a hash set, not a list. */
    {"duplicates among many keys",
     "k1: 1\nk2: 1\nk3: 1\nk4: 1\nk5: 1\nk6: 1\nk7: 1\nk8: 1\nk9: 1\n"
     "k10: 1\nk11: 1\nk3: 2\nk12: 1\nk13: 1\nk14: 1\nk1: 2\nk14: 2\n",
     0,
     "t.yaml:12:1: error: duplicate key \"k3\" (first defined at 3:1)\n"
     "t.yaml:16:1: error: duplicate key \"k1\" (first defined at 1:1)\n"
     "t.yaml:17:1: error: duplicate key \"k14\" (first defined at 15:1)\n"},
    {"quoted and plain keys are the same key", "1: a\n\"1\": b\n", 0,
     "t.yaml:2:1: error: duplicate key \"1\" (first defined at 1:1)\n"},
    {"tab indentation", "a:\n\t- b\n", 0,
     "t.yaml:2:1: error: tabs cannot indent YAML: use spaces (libyaml: found "
     "character that cannot start any token)\n"},
    {"unclosed flow sequence", "a: [1, 2\nb: 3\n", 0,
     "t.yaml:1:4: error: this [ opens a list that is never closed; if the "
     "text only starts with [, put it in double quotes: a: \"[1, 2\" "
     "(libyaml: did not find expected ',' or ']' (while parsing a flow "
     "sequence that started at 1:4))\n"},
    {"bad indentation", "a:\n  b: 1\n c: 2\n", 0,
     "t.yaml:3:2: error: this line is indented wrongly: the keys of one "
     "group start in the same column (libyaml: did not find expected key "
     "(while parsing a block mapping that started at 1:1))\n"},
    {"unclosed quote", "a: \"abc\n", 0,
     "t.yaml:1:4: error: this double quote opens a text that is never "
     "closed: end the text with the same quote (libyaml: found unexpected "
     "end of stream (while scanning a quoted scalar that started at "
     "1:4))\n"},
    {"key longer than 1024 characters", NULL, 0,
     "t.yaml:1:1026: error: a key can be at most 1024 characters long "
     "(libyaml: mapping values are not allowed in this context)\n"},
    {"a colon and a space in unquoted text",
     "subject: Báo cáo: kết quả năm 2025\n", 0,
     "t.yaml:1:17: error: put the text in double quotes: subject: \"Báo "
     "cáo: kết quả năm 2025\" (libyaml: mapping values are not allowed in "
     "this context)\n"},
    {"a list item starting with a citation",
     "preamble:\n  - [@cv1520] thực hiện\n", 0,
     "t.yaml:2:6: error: put the text in double quotes:   - \"[@cv1520] "
     "thực hiện\" (libyaml: found character that cannot start any "
     "token)\n"},
    {"a value starting with @", "a: @nd80 là\n", 0,
     "t.yaml:1:4: error: put the text in double quotes: a: \"@nd80 là\" "
     "(libyaml: found character that cannot start any token)\n"},
    {"a value starting with |", "a: |x\n", 0,
     "t.yaml:1:5: error: put the text in double quotes: a: \"|x\" "
     "(libyaml: did not find expected comment or line break (while "
     "scanning a block scalar that started at 1:4))\n"},
    {"no space after a colon", "a: 1\nplace:A\nb: 2\n", 0,
     "t.yaml:2:1: error: put a space after the colon, as in \"place: Bình "
     "Sơn\" (libyaml: could not find expected ':' (while scanning a simple "
     "key that started at 2:1))\n"},
    {"a dash glued to its item", "d:\n  - \"a\"\n  -\"b\"\n  - \"c\"\n", 0,
     "t.yaml:3:3: error: put a space after the dash of a list item, as in "
     "\"- Như trên\" (libyaml: could not find expected ':' (while scanning "
     "a simple key that started at 3:3))\n"},
    {"a quote not closed on its line",
     "a:\n  s: \"Kết quả\n  r:\n    - \"Sở\"\n", 0,
     "t.yaml:2:6: error: this double quote opens a text that is not closed "
     "on its line: end the text there with the same quote (libyaml: did not "
     "find expected key (while parsing a block mapping that started at "
     "2:3))\n"},
    {"text after a closing quote in a list", "d:\n  - \"a\";\n  - \"c\"\n",
     0,
     "t.yaml:2:8: error: text goes on after its closing quote: put all of "
     "it inside the quotes, writing a \" inside as \\\" (libyaml: did not "
     "find expected '-' indicator (while parsing a block collection that "
     "started at 2:3))\n"},
    {"text after a closing quote", "a: \"Kết quả \"tốt\" nhất\"\n", 0,
     "t.yaml:1:14: error: text goes on after its closing quote: put all of "
     "it inside the quotes, writing a \" inside as \\\" (libyaml: did not "
     "find expected key (while parsing a block mapping that started at "
     "1:1))\n"},
    {"an unknown alias that is text", "a: *x y\n", 0,
     "t.yaml:1:4: error: unknown alias *x (no anchor &x before it); if the "
     "text only starts with *, put it in double quotes: a: \"*x y\"\n"},
    {"invalid UTF-8 byte", "a: b\xFF\n", 0,
     "t.yaml:1:5: error: invalid UTF-8 (byte 0xFF); save the file as "
     "UTF-8\n"},
    {"Latin-1 text", "tên: Qu\xE1ng\n", 0,
     "t.yaml:1:8: error: invalid UTF-8 (byte 0xE1); save the file as "
     "UTF-8\n"},
    {"overlong UTF-8", "a: \xC0\xAF\n", 0,
     "t.yaml:1:4: error: invalid UTF-8 (byte 0xC0); save the file as "
     "UTF-8\n"},
    {"UTF-8 surrogate", "a: \xED\xA0\x80\n", 0,
     "t.yaml:1:4: error: invalid UTF-8 (byte 0xED); save the file as "
     "UTF-8\n"},
    {"truncated UTF-8 at the end", "a: \xE1\xBA", 0,
     "t.yaml:1:4: error: invalid UTF-8 (byte 0xE1); save the file as "
     "UTF-8\n"},
    {"NUL byte", "a: 1\nb: x\0y\n", 12,
     "t.yaml:2:5: error: NUL byte in the file; is it a text file?\n"},
    {"control character", "a: \x07\n", 0,
     "t.yaml:1:4: error: control character U+0007 is not allowed in YAML\n"},
    {"UTF-16 file", "\xFF\xFE" "a\0:\0", 6,
     "t.yaml:1:1: error: the file is UTF-16; save it as UTF-8\n"},
    {"empty file", "", 0, "t.yaml:1:1: error: the file is empty\n"},
    {"blank file", "\n  \n", 0, "t.yaml:1:1: error: the file is empty\n"},
    {"only a byte-order mark", "\xEF\xBB\xBF", 0,
     "t.yaml:1:1: error: the file is empty\n"},
    {"only comments", "# nothing yet\n", 0,
     "t.yaml:1:1: error: the file holds no YAML document, only comments\n"},
    {"second document", "a: 1\n---\nb: 2\n", 0,
     "t.yaml:2:1: error: a second YAML document starts here; a bcreport "
     "file holds one document\n"},
    {"second document after end marker", "a: 1\n...\nb: 2\n", 0,
     "t.yaml:3:1: error: a second YAML document starts here; a bcreport "
     "file holds one document\n"},
    {"unknown tag on a scalar", "a: !code 1\n", 0,
     "t.yaml:1:4: error: unknown tag !code; if the text only starts with !, "
     "put it in double quotes: a: \"!code 1\"\n"},
    {"text starting with ! in a list", "a:\n  - !Quan trọng: tốt\n", 0,
     "t.yaml:2:5: error: unknown tag !Quan; if the text only starts with !, "
     "put it in double quotes:   - \"!Quan trọng: tốt\"\n"},
    {"unknown tag on a mapping", "a: !!set {x: 1}\n", 0,
     "t.yaml:1:4: error: unknown tag !!set\n"},
    {"standard tag on the wrong kind", "a: !!seq {x: 1}\n", 0,
     "t.yaml:1:4: error: the tag !!seq cannot be used on named items (key: value)\n"},
    {"value that does not fit its tag", "a: !!int abc\n", 0,
     "t.yaml:1:4: error: \"abc\" is not a valid !!int\n"},
    {"integer out of range", "a: 9223372036854775808\n", 0,
     "t.yaml:1:4: error: integer 9223372036854775808 is out of range; "
     "quote it to keep it as text\n"},
    {"merge key", "base: &b {x: 1}\nc:\n  <<: *b\n", 0,
     "t.yaml:3:3: error: merge keys (<<) are not supported; write the keys "
     "out in full\n"},
    {"mapping as a key", "? {a: 1}\n: x\n", 0,
     "t.yaml:1:3: error: a key must be plain text, not named items (key: value)\n"},
    {"unknown alias", "a: *nowhere\n", 0,
     "t.yaml:1:4: error: unknown alias *nowhere (no anchor &nowhere before "
     "it); if the text only starts with *, put it in double quotes: "
     "a: \"*nowhere\"\n"},
    {"alias cycle", "a: &x [1, *x]\n", 0,
     "t.yaml:1:11: error: alias *x refers to a collection that contains it "
     "(a cycle)\n"},
    {"alias key naming a sequence", "s: &s [1]\n*s : x\n", 0,
     "t.yaml:2:1: error: a key must be plain text, not a list "
     "(alias *s)\n"},
    {"alias key duplicating an anchored key", "{&a x: 1, *a : 2}\n", 0,
     "t.yaml:1:11: error: duplicate key \"x\" (first defined at 1:2)\n"},
    {"key text is quoted and escaped", "\"a\\nb\\e\": 1\n\"a\\nb\\e\": 2\n", 0,
     "t.yaml:2:1: error: duplicate key \"a\\n" "b\\x1B\" (first defined at "
     "1:1)\n"},
    {"a long key is cut short in the message",
     "\"Kết quả thực hiện Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh\": 1\n"
     "\"Kết quả thực hiện Kế hoạch số 92/KH-UBND ngày 03/6/2022 của UBND tỉnh\": 2\n",
     0,
     "t.yaml:2:1: error: duplicate key \"Kết quả thực hiện Kế hoạch số "
     "92/KH-UBND ngày 03/6/2022 của ...\" (first defined at 1:1)\n"},
    {"stray bracket", "[1]]\n", 0,
     "t.yaml:1:4: error: unexpected text after the end of the data (a stray "
     "bracket or quote, or a line indented wrongly?)\n"},
    {"text after a flow mapping", "{a: 1} x\n", 0,
     "t.yaml:1:8: error: unexpected text after the end of the data (a stray "
     "bracket or quote, or a line indented wrongly?)\n"},
    {"empty document", "# nothing yet\n---\n", 0,
     "t.yaml:2:1: error: the document is empty\n"},
    {"line separator", "# note \xE2\x80\xA8 pasted\na: 1\n", 0,
     "t.yaml:1:8: error: invisible line separator U+2028 (pasted from another "
     "program?); use a plain space or line break\n"},
    {"next line character", "a: \"x\xC2\x85y\"\n", 0,
     "t.yaml:1:6: error: invisible line separator U+0085 (pasted from another "
     "program?); use a plain space or line break\n"},
    {"TCVN3 text read as Windows-1252",
     "a: \"C\xC3\xA9ng ho\xC2\xB5 x\xC2\xB7 h\xC3\xA9i ch\xC3\xB1 "
     "ngh\xC3\x9C" "a Vi\xC3\x96t Nam\"\n", 0,
     "t.yaml:1:5: error: this text is in the legacy encoding TCVN3 (ABC), "
     "not Unicode: convert it to Unicode (Unikey: Công cụ chuyển mã, from "
     "TCVN3 (ABC) to Unicode) and paste it again\n"},
    {"VNI text read as Windows-1252",
     "a: Co\xC3\xA4ng ho\xC3\xB8" "a xa\xC3\xB5 ho\xC3\xA4i chu\xC3\xBB "
     "ngh\xC3\xB3" "a Vie\xC3\xA4t Nam\n", 0,
     "t.yaml:1:4: error: this text is in the legacy encoding VNI, not "
     "Unicode: convert it to Unicode (Unikey: Công cụ chuyển mã, from VNI "
     "Windows to Unicode) and paste it again\n"},
    {"raw TCVN3 bytes", "a: C\xE9ng ho\xB5 x\xB7 h\xE9i ch\xF1 ngh\xDC" "a\n", 0,
     "t.yaml:1:5: error: invalid UTF-8 (byte 0xE9): the text looks like "
     "TCVN3 (ABC); convert it to Unicode (Unikey: Công cụ chuyển mã, from "
     "TCVN3 (ABC) to Unicode) and paste it again\n"},
    {"float out of range", "a: 1e999\n", 0,
     "t.yaml:1:4: error: number 1e999 is out of range; quote it to keep it as "
     "text\n"},
    {"tagged float out of range", "a: !!float \"1e999\"\n", 0,
     "t.yaml:1:4: error: number 1e999 is out of range; leave out the tag "
     "!!float to keep it as text\n"},
};

const size_t yaml_error_case_count =
    sizeof yaml_error_cases / sizeof yaml_error_cases[0];

void yaml_error_case_text(const yaml_error_case *c, bc_buf *out)
{
    if (c->yaml) {
        bc_buf_append(out, c->yaml, c->len ? c->len : strlen(c->yaml));
        return;
    }
    /* The only generated case: a key longer than libyaml allows. */
    for (int i = 0; i < 1025; i++)
        bc_buf_putc(out, 'k');
    bc_buf_puts(out, ": v\n");
}
