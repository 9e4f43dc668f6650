"""The layers of kb/ (README, "Layout"): the engine imports neither the site nor the tools,
the site does not import the tools, and no two modules import each other (directly or
through others). Every import counts, a lazy one inside a function too."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a layer -> the layers it may import (itself included)
# modules outside the layers: entry points only, importing any layer
ENTRY_POINTS = {"kb.__main__", "kb.explain"}
ALLOWED = {"engine": {"engine"}, "site": {"engine", "site"}, "tools": {"engine", "site", "tools"}}


def modules(kb: Path) -> dict[str, Path]:
    out = {}
    for path in sorted(kb.rglob("*.py")):
        parts = path.relative_to(kb.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The kb modules a module imports (``from kb.x import y`` counts kb.x.y when that is a
    module, else kb.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kb.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and (node.module == "kb" or node.module.startswith("kb.")):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in known else node.module)
    return {m for m in found if m != name and m != "kb"}


def graph(kb: Path) -> dict[str, set[str]]:
    mods = modules(kb)
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def wrong_imports(g: dict[str, set[str]]) -> list[str]:
    out = []
    for mod, deps in g.items():
        for dep in sorted(deps):
            if layer(mod) and layer(dep) and layer(dep) not in ALLOWED[layer(mod)]:
                out.append(f"{mod} ({layer(mod)}) imports {dep} ({layer(dep)})")
        if mod.count(".") == 1 and mod not in ENTRY_POINTS and layer(mod) is None:
            out.append(f"{mod} is in no layer (kb/engine, kb/site or kb/tools)")
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in g:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in g:
        if v not in index:
            visit(v)
    return out


def test_each_layer_imports_only_the_layers_below():
    assert wrong_imports(graph(ROOT / "kb")) == []


def test_no_import_cycles():
    assert cycles(graph(ROOT / "kb")) == []


def test_a_wrong_import_and_a_cycle_are_found(tmp_path):
    kb = tmp_path / "kb"
    for d in ("engine", "site", "tools"):
        (kb / d).mkdir(parents=True)
        (kb / d / "__init__.py").write_text("")
    (kb / "__init__.py").write_text("")
    (kb / "engine" / "a.py").write_text("def f():\n    from kb.site import b\n")
    (kb / "site" / "b.py").write_text("from kb.engine import a\nimport kb.tools.c\n")
    (kb / "tools" / "c.py").write_text("from kb.site.b import x\n")
    g = graph(kb)
    assert wrong_imports(g) == ["kb.engine.a (engine) imports kb.site.b (site)",
                                "kb.site.b (site) imports kb.tools.c (tools)"]
    assert cycles(g) == [["kb.engine.a", "kb.site.b", "kb.tools.c"]]
