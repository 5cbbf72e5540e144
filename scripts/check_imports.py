#!/usr/bin/env python3
"""The app-level import graph of src/almenhub, read from the source (AST).

Fails (exit 1) on
- a cycle between apps (two apps that import each other, directly or through
  others), lazy imports included: a function-level import is a dependency too;
- `core` importing a domain app (apps depend downwards, core is the bottom);
- a function-level import of the project's own code without a reason, given
  as a trailing comment on its first line or a comment line just above it:
  `# lazy: <why it cannot be at the top>` (Wagtail's routable-page idiom,
  AppConfig.ready, a module that imports this one).

Tests, conftest files and migrations are left out: a test may reach into any
app. Imports under `if TYPE_CHECKING:` are left out too: they never run.
The project-level modules (urls, settings, wsgi) sit above every app.

    scripts/check_imports.py            # report, exit 1 on a problem
    scripts/check_imports.py --graph    # also print every app's dependencies
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "almenhub"
PROJECT_LEVEL = {"urls", "settings", "wsgi", "conftest", "__init__"}
BOTTOM = "core"
LAZY_MARK = "# lazy:"

# Imports that are being removed: reported, but they do not fail. A key is a path under src/almenhub (a
# file, or a folder ending in "/"), or "path::module" for one import there.
# Remove an entry when its imports are gone; the script says when one is.
PENDING: dict[str, str] = {}


@dataclass(frozen=True)
class Import:
    source: str  # app of the importing module
    target: str  # app imported
    module: str  # module imported
    path: Path
    line: int
    lazy: bool
    reason: str | None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != PACKAGE or len(parts) < 2 or parts[1] in PROJECT_LEVEL:
        return None
    return parts[1]


def skipped(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return (
        "migrations" in parts
        or "tests" in parts
        or path.name == "conftest.py"
        or path.name.startswith("test_")
    )


def resolve(node: ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".")
        if not is_package:
            package = package[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, *([node.module] if node.module else [])])
    if node.module is None:  # from . import a, b: each may be a module
        return [f"{base}.{alias.name}" for alias in node.names]
    return [base]


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class Collector(ast.NodeVisitor):
    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.module = module_name(path)
        self.app = app_of(self.module) if self.module != PACKAGE else None
        self.is_package = path.name == "__init__.py"
        self.depth = 0  # functions entered
        self.imports: list[Import] = []

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _add(self, node: ast.stmt, targets: list[str]) -> None:
        line = self.lines[node.lineno - 1]
        above = self.lines[node.lineno - 2].strip() if node.lineno > 1 else ""
        reason = None
        if LAZY_MARK in line:
            reason = line.split(LAZY_MARK, 1)[1].strip() or None
        elif above.startswith(LAZY_MARK):
            reason = above[len(LAZY_MARK) :].strip() or None
        for target in targets:
            app = app_of(target)
            if app is None:
                continue
            self.imports.append(
                Import(
                    source=self.app or "(project)",
                    target=app,
                    module=target,
                    path=self.path,
                    line=node.lineno,
                    lazy=self.depth > 0,
                    reason=reason,
                )
            )

    def visit_Import(self, node: ast.Import) -> None:
        self._add(node, [alias.name for alias in node.names])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._add(node, resolve(node, self.module, self.is_package))


def collect() -> list[Import]:
    found: list[Import] = []
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        if skipped(path):
            continue
        text = path.read_text(encoding="utf-8")
        collector = Collector(path, text.splitlines())
        collector.visit(ast.parse(text, filename=str(path)))
        found.extend(collector.imports)
    return found


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components with more than one app (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def pending_key(item: Import) -> str | None:
    rel = item.path.relative_to(ROOT / PACKAGE).as_posix()
    for key in PENDING:
        path, _, module = key.partition("::")
        if module and not item.module.startswith(module):
            continue
        if rel == path or (path.endswith("/") and rel.startswith(path)):
            return key
    return None


def where(item: Import) -> str:
    return f"{item.path.relative_to(ROOT.parent)}:{item.line}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", action="store_true", help="print the graph")
    args = parser.parse_args(argv)

    found = [i for i in collect() if i.source != "(project)"]
    pending = [i for i in found if pending_key(i)]
    imports = [i for i in found if not pending_key(i)]
    by_edge: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for item in imports:
        if item.source != item.target:
            by_edge[(item.source, item.target)].append(item)
    problems = 0

    for component in cycles(set(by_edge)):
        problems += 1
        print(f"import cycle between apps: {' <-> '.join(component)}")
        members = set(component)
        for edge in sorted(by_edge):
            if edge[0] in members and edge[1] in members:
                first = by_edge[edge][0]
                more = len(by_edge[edge]) - 1
                also = f" (and {more} more)" if more else ""
                print(f"  {edge[0]} -> {edge[1]}: {where(first)}{also}")

    for edge in sorted(by_edge):
        if edge[0] == BOTTOM:
            problems += 1
            first = by_edge[edge][0]
            print(f"{BOTTOM} imports the domain app {edge[1]}: {where(first)}")

    used = {pending_key(i) for i in pending}
    for key, owner in PENDING.items():
        if key in used:
            count = sum(1 for i in pending if pending_key(i) == key)
            print(f"pending ({owner}): {key}: {count} imports not checked yet")
        else:
            print(f"pending entry {key} ({owner}) matches nothing: remove it")

    lazy = [i for i in imports if i.lazy]
    lines = {(i.path, i.line): i for i in lazy}
    unexplained = [i for i in lines.values() if not i.reason]
    for item in unexplained:
        print(f"function-level import without '{LAZY_MARK} <reason>': {where(item)}")
    problems += len(unexplained)

    if args.graph:
        deps: dict[str, set[str]] = defaultdict(set)
        for source, target in by_edge:
            deps[source].add(target)
        for app in sorted(deps):
            print(f"{app}: {', '.join(sorted(deps[app]))}")

    print(
        f"{len({i.source for i in imports})} apps, {len(by_edge)} dependencies, "
        f"{len(lines)} function-level imports of project code "
        f"({len(lines) - len(unexplained)} with a reason)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
