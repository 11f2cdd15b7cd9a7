#!/usr/bin/env python3
"""guide-errors.py BCREPORT - rewrites, in docs/huong-dan.md, the block
after each "<!-- guide-error: NAME -->" with what "bcreport check" prints
for tests/fixtures/guide/NAME in Vietnamese (make golden runs it; review
the diff; tests/unit/test_guide.c checks the blocks)."""
import os
import re
import subprocess
import sys

GUIDE = "docs/huong-dan.md"


def messages(binary, name):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "vi_VN.UTF-8"
    env["NO_COLOR"] = "1"
    run = subprocess.run([binary, "check", "tests/fixtures/guide/" + name],
                         capture_output=True, text=True, env=env)
    return run.stderr


def main():
    binary = os.path.abspath(sys.argv[1])
    text = open(GUIDE, encoding="utf-8").read()
    pattern = re.compile(r"(<!-- guide-error: (\S+) -->\n```[^\n]*\n)(.*?)(```)",
                         re.S)
    new = pattern.sub(lambda m: m.group(1) + messages(binary, m.group(2))
                      + m.group(4), text)
    if new != text:
        open(GUIDE, "w", encoding="utf-8").write(new)


if __name__ == "__main__":
    main()
