#!/usr/bin/python3
"""validate_schema.py SCHEMA [INSTANCE...] - check a JSON Schema and data.

Checks that SCHEMA (a JSON file) is a valid draft 2020-12 schema whose
"#/$defs/..." references all resolve, then
validates each INSTANCE (a JSON file, such as `bcreport dump` prints) with
formats checked, so "format": "date" rejects 2020-02-30.  Prints one line
per instance, "valid FILE" or "invalid FILE" followed by its errors.

Exit status: 0 when every instance is valid, 1 when one is not, 2 when the
schema itself is not valid or a file cannot be read, 3 when the jsonschema
module is missing (Debian: python3-jsonschema, for /usr/bin/python3).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("validate_schema.py: the jsonschema module is missing "
          "(apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(3)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dangling_refs(node, defs):
    """The "#/$defs/NAME" references whose NAME is not in defs: check_schema
    does not resolve them, and an instance may never reach one."""
    if isinstance(node, dict):
        for key, value in node.items():
            if (key == "$ref" and isinstance(value, str)
                    and value.startswith("#/$defs/")
                    and value[len("#/$defs/"):] not in defs):
                yield value
            else:
                yield from dangling_refs(value, defs)
    elif isinstance(node, list):
        for item in node:
            yield from dangling_refs(item, defs)


def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
        jsonschema.Draft202012Validator.check_schema(schema)
        bad = sorted(set(dangling_refs(schema, schema.get("$defs", {}))))
        if bad:
            raise ValueError("unknown $ref " + ", ".join(bad))
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        print(f"{argv[1]}: not a valid draft 2020-12 schema: {e}",
              file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker())
    status = 0
    for path in argv[2:]:
        try:
            instance = load(path)
        except (OSError, ValueError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(instance),
                        key=lambda e: (where(e), e.message))
        print(("invalid " if errors else "valid ") + path)
        for e in errors:
            print(f"  {where(e)}: {e.message}")
        if errors:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
