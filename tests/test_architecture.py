"""The shape of the code: no import cycle among render's packages and top-level modules (lazy
imports inside functions count too), and every block type handled wherever blocks are matched."""

from __future__ import annotations

import ast
from pathlib import Path

RENDER = Path(__file__).resolve().parent.parent / "render"


def _unit(module: str) -> str:
    """render.X: a subpackage or a top-level module."""
    return ".".join(module.split(".")[:2])


def _imports() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in RENDER.rglob("*.py"):
        parts = path.relative_to(RENDER.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("render"):
                continue
            targets = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            for name in targets:
                if _unit(name) != _unit(module):
                    edges.setdefault(_unit(module), set()).add(_unit(name))
    return edges


def test_no_import_cycle_among_render_packages():
    edges = _imports()
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, [" → ".join(c) for c in cycles]


def test_every_match_over_blocks_ends_in_assert_never():
    """A match on blocks that forgets a kind must fail loudly, not fall through."""
    for path in RENDER.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Match):
                continue
            names = {n.id for case in node.cases for n in ast.walk(case.pattern)
                     if isinstance(n, ast.Name)}
            if not names & {"Para", "OffGrid", "JointMark", "PageMark", "PageRule",
                            "ImprintBlock"}:
                continue
            last = node.cases[-1]
            assert isinstance(last.pattern, ast.MatchAs) and last.pattern.pattern is None, \
                f"{path.name}:{node.lineno}: a match over blocks needs `case _: assert_never(…)`"
            call = last.body[0].value if isinstance(last.body[0], ast.Expr) else None
            assert isinstance(call, ast.Call) and getattr(call.func, "id", "") == "assert_never", \
                f"{path.name}:{node.lineno}: the default case must be assert_never"
