#!/usr/bin/env python3
"""Lists import circles between modules of a crate: `python3 scripts/module-cycles.py
src [crates/NAME/src ...]`. A module is a file; an edge is any `crate::a::b` or
`super::x` path in it naming another module. Edges between a module and its own
ancestors or descendants (a parent using its children, a child its parent's types)
are not circles of design and are left out; an edge between submodules counts
between the siblings that hold them."""

import re
import sys
from pathlib import Path


def modules(root):
    mods = {}
    for f in root.rglob("*.rs"):
        rel = f.relative_to(root).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        mods[tuple(parts)] = f
    return mods


def resolve(mods, path):
    """The longest prefix of `path` that is a module."""
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return None


def edges(mods, me, text):
    text = re.sub(r"//[^\n]*", "", text)
    out = set()
    for m in re.finditer(r"\b(crate|super(?:::super)*)((?:::[A-Za-z_][A-Za-z0-9_]*)+)", text):
        head, rest = m.group(1), [p for p in m.group(2).split("::") if p]
        if head == "crate":
            base = []
        else:
            # a mod.rs/lib.rs module is its own directory: `super` is its parent
            base = list(me)
            for _ in head.split("::"):
                base = base[:-1]
        # `use super::{a, b}` and `crate::{x::y, z}` are handled by the brace scan below
        target = resolve(mods, base + rest)
        if target is not None:
            out.add(target)
    for m in re.finditer(r"\b(crate|super)::\{([^}]*)\}", text):
        base = [] if m.group(1) == "crate" else list(me)[:-1]
        for item in m.group(2).split(","):
            item = item.strip().split(" as ")[0]
            path = [p for p in item.split("::") if p and p != "self"]
            if path:
                target = resolve(mods, base + path)
                if target is not None:
                    out.add(target)
    return out


def related(a, b):
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def cycles(root):
    mods = modules(root)
    # Each edge is lifted to the two siblings it runs between (`source::lock` using
    # `config` is `source` using `config`), so a circle through submodules shows.
    graph = {m: set() for m in mods}
    for m, f in mods.items():
        for t in edges(mods, m, f.read_text()):
            if related(m, t):
                continue
            n = 0
            while m[n] == t[n]:
                n += 1
            graph[m[: n + 1]].add(t[: n + 1])
    # Tarjan's strongly connected components.
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return [["::".join(m) or "crate" for m in sorted(c)] for c in comps]


def main():
    total = 0
    for root in sys.argv[1:] or ["src"]:
        for comp in cycles(Path(root)):
            total += 1
            print(f"{root}: circle: {' <-> '.join(comp)}")
    print(f"{total} import circles")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
