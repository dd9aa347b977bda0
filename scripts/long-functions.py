#!/usr/bin/env python3
"""Lists Rust functions longer than a limit (default 100 lines), not counting lines
that hold only a comment. Used for issue 33's "no function over 100 lines"; run as
`python3 scripts/long-functions.py [LIMIT] [DIR...]` (default: src crates)."""
import os
import re
import sys

FN = re.compile(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)")


def strip(text):
    """The text with strings, chars and comments blanked (newlines kept), so braces
    and `fn` inside them do not count; also which lines held only a comment."""
    out = []
    i, n = 0, len(text)
    comment_lines = set()
    line = 1
    code_on_line = False
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            line += 1
            code_on_line = False
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            if not code_on_line:
                comment_lines.add(line)
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            chunk = text[i:j]
            out.append(re.sub(r"[^\n]", " ", chunk))
            line += chunk.count("\n")
            i = j
        elif (m := re.match(r'b?r(#*)"', text[i:i + 40])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + m.group(1)
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            chunk = text[i:j]
            out.append(re.sub(r"[^\n]", " ", chunk))
            line += chunk.count("\n")
            code_on_line = True
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            chunk = text[i:j + 1]
            out.append(re.sub(r"[^\n]", " ", chunk))
            line += chunk.count("\n")
            code_on_line = True
            i = j + 1
        elif c == "'" and (m := re.match(r"'(\\.[^']*|[^\\'])'", text[i:i + 12])):
            out.append(" " * m.end())
            code_on_line = True
            i += m.end()
        else:
            if not c.isspace():
                code_on_line = True
            out.append(c)
            i += 1
    return "".join(out), comment_lines


def functions(path):
    text = open(path, encoding="utf-8").read()
    code, comments = strip(text)
    for m in FN.finditer(code):
        start = code.count("\n", 0, m.start()) + 1
        depth, j = 0, m.end()
        # The body starts at the first `{` before any `;` (a declaration has none).
        while j < len(code) and code[j] not in "{;":
            j += 1
        if j >= len(code) or code[j] == ";":
            continue
        while j < len(code):
            if code[j] == "{":
                depth += 1
            elif code[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        end = code.count("\n", 0, j) + 1
        length = sum(1 for l in range(start, end + 1) if l not in comments)
        yield m.group(1), start, length


def main():
    args = sys.argv[1:]
    limit = int(args.pop(0)) if args and args[0].isdigit() else 100
    roots = args or ["src", "crates"]
    found = []
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith(".rs"):
                    p = os.path.join(dirpath, f)
                    found += [(length, p, name, line) for name, line, length in functions(p) if length > limit]
    for length, p, name, line in sorted(found, reverse=True):
        print(f"{length:5} {p}:{line} {name}")
    print(f"{len(found)} functions over {limit} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
