"""The package graph, read from the source (every import, also those inside functions): no cycle between packages."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "flows", "render", "review", "schema", "store")


def imported_packages(path: Path) -> set[str]:
    """Our top-level packages a module imports, by absolute import anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(PACKAGES)
    return found


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in PACKAGES}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            graph[package] |= imported_packages(path) - {package}
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path (first node repeated at the end), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_packages_cycle_finder_finds_a_cycle() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_packages_have_no_import_cycle() -> None:
    graph = package_graph()
    assert graph["flows"] and graph["review"]  # the walk found imports at all
    assert cycle_in(graph) is None, " -> ".join(cycle_in(graph) or [])


def test_packages_layers() -> None:
    """schema imports none of ours; the store imports neither its writers (flows) nor the review app; render only
    schema."""
    graph = package_graph()
    assert graph["schema"] == set()
    assert not graph["store"] & {"flows", "review"}
    assert "review" not in graph["flows"]
    assert graph["render"] <= {"schema"}  # the terminal (flows) and the review page both draw marks with it


def test_packages_slow_marker_is_registered_and_make_test_runs_every_test() -> None:
    """`pytest -m "not slow"` is the quick run; `make test` selects nothing away."""
    import tomllib

    markers = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert any(m.startswith("slow:") for m in markers["markers"])
    recipe = (REPO / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    pytest_args = recipe.split("pytest", 1)[1].split("\n", 1)[0]
    assert "-m" not in pytest_args.split(), pytest_args
