"""Print the shape of the code: lines per app, imports that point up the layer order, cycles between
apps, and how many functions carry type annotations. Run: python scripts/layer_report.py"""

import ast
import itertools
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Bottom to top, as docs/architecture.md draws them.
LAYERS = [
    "core",
    "worker",
    "forces",
    "accounts",
    "inspections",
    "outbox",
    "recommendations",
    "reviews",
    "letters",
    "publications",
    "config",
]


def app_files(app):
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]


def imported_apps(path):
    """(line, app) for each import of another app in the file."""
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in LAYERS:
                yield node.lineno, name.split(".")[0]


def annotated(function):
    arguments = function.args.args + function.args.kwonlyargs + function.args.posonlyargs
    return function.returns is not None or any(argument.annotation is not None for argument in arguments)


def main():
    apps = [app for app in LAYERS if (ROOT / app).is_dir()]
    edges, upward, functions, typed = defaultdict(set), [], 0, 0
    for app in apps:
        files = app_files(app)
        print(f"lines: {app} {sum(len(path.read_text().splitlines()) for path in files)}")
        for path in files:
            for line, other in imported_apps(path):
                if other != app:
                    edges[app].add(other)
                    if LAYERS.index(other) > LAYERS.index(app):
                        upward.append(f"{path.relative_to(ROOT)}:{line} imports {other}")
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    functions += 1
                    typed += annotated(node)
    cycles = [(a, b) for a, b in itertools.combinations(apps, 2) if b in edges[a] and a in edges[b]]
    print(f"upward imports: {len(upward)}")
    for item in upward:
        print(f"  {item}")
    print(f"cycles: {len(cycles)} {' '.join(f'{a}<->{b}' for a, b in cycles)}")
    print(f"annotated functions: {typed} of {functions}")
    return 1 if "--check" in sys.argv and (upward or cycles) else 0


if __name__ == "__main__":
    sys.exit(main())
