"""The house's layering, from each module's own import statements: stages import only the stages below them.

    ground (errors, problems, atomic, the package itself) < models < yamlio < tracker < checks < views
    < render < cli, with edit and sheets beside the tracker's upper side.

Every import counts: at the top, inside a function (deferred for a fast start-up) and under
``if TYPE_CHECKING:`` alike, since each is a dependency a reader must follow. Nothing below render
uses a terminal, template or CLI library, and no module of the package imports itself round a cycle.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import francis_cli

PACKAGE = francis_cli.__name__
SRC = Path(francis_cli.__file__).resolve().parent

GROUND = "ground"
STAGES = ("models", "yamlio", "tracker", "checks", "views", "edit", "sheets", "render", "cli")
GROUND_MODULES = frozenset(
    {PACKAGE, f"{PACKAGE}.__main__", f"{PACKAGE}.errors", f"{PACKAGE}.problems", f"{PACKAGE}.atomic"}
)

ALLOWED: dict[str, frozenset[str]] = {
    GROUND: frozenset({GROUND}),
    "models": frozenset({"models", GROUND}),
    "yamlio": frozenset({"yamlio", GROUND}),
    "tracker": frozenset({"tracker", "models", "yamlio", GROUND}),
    "checks": frozenset({"checks", "tracker", "models", "yamlio", GROUND}),
    "views": frozenset({"views", "tracker", "checks", "models", "yamlio", GROUND}),
    "sheets": frozenset({"sheets", "tracker", "models", "yamlio", GROUND}),
    "edit": frozenset({"edit", "tracker", "checks", "models", "yamlio", "sheets", GROUND}),
    "render": frozenset({"render", "views", "tracker", "checks", "models", "yamlio", GROUND}),
    "cli": frozenset({GROUND, *STAGES}),
}
"""Which stages each stage may import from."""

ENTRY_POINT = (f"{PACKAGE}.__main__", f"{PACKAGE}.cli")
"""``python -m francis_cli`` runs the CLI: the one ground module that imports upwards, and only the cli package."""

PRESENTATION = frozenset({"typer", "click", "rich", "jinja2", "markupsafe"})
"""Terminal, template and CLI libraries: only render/ and cli/ may use them."""
NO_PRESENTATION = frozenset({GROUND, "models", "yamlio", "tracker", "checks", "views", "edit", "sheets"})


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    target: str
    """A module of the package (dotted name), or the top-level name of a library."""
    line: int
    internal: bool

    def __str__(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.target}"


@cache
def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name, with its source file (a package by its __init__.py)."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(SRC).with_suffix("").parts]
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def stage(module: str) -> str:
    if module in GROUND_MODULES:
        return GROUND
    part = module.split(".")[1] if module.count(".") else ""
    return part if part in STAGES else f"?{module}"


def _package_of(module: str) -> str:
    """The package a module's relative imports start from (itself, for a package's __init__)."""
    return module if modules()[module].name == "__init__.py" else module.rpartition(".")[0]


@cache
def imports(module: str) -> tuple[Import, ...]:
    """Every import statement in ``module``'s source, wherever it stands, resolved to what it imports."""
    return imports_in(module, modules()[module].read_text(encoding="utf-8"))


def imports_in(module: str, source_text: str) -> tuple[Import, ...]:
    """The imports of ``source_text`` as the source of ``module``."""
    tree = ast.parse(source_text)
    known = modules()
    found: list[Import] = []

    def add(target: str, line: int) -> None:
        internal = target == PACKAGE or target.startswith(PACKAGE + ".")
        found.append(Import(module, target if internal else target.split(".")[0], line, internal))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module).split(".")
                base = base[: len(base) - (node.level - 1)]
                assert base, f"{module}:{node.lineno}: a relative import above the package"
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                assert node.module is not None
                source = node.module
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                add(sub if sub in known else source, node.lineno)
    return tuple(found)


def all_imports() -> list[Import]:
    return [i for m in modules() for i in imports(m)]


# --- the package as it is ---------------------------------------------------------------------------------


def test_every_folder_of_the_package_is_a_regular_package() -> None:
    """A folder of modules without an __init__.py is a namespace package: it imports, but pkgutil
    (and every tool built on it) does not see its modules, and it has no docstring saying what it is."""
    folders = sorted({p.parent for p in SRC.rglob("*.py")})
    assert [f.relative_to(SRC.parent).as_posix() for f in folders if not (f / "__init__.py").is_file()] == []
    seen = {m.name for m in pkgutil.walk_packages([str(SRC)], prefix=f"{PACKAGE}.")}
    assert sorted(set(modules()) - seen - {PACKAGE}) == []


@pytest.mark.parametrize("module", sorted(m for m in modules() if not m.endswith(".__main__")))
def test_every_module_imports(module: str) -> None:
    assert importlib.import_module(module).__name__ == module


def test_every_module_has_a_stage() -> None:
    assert sorted(m for m in modules() if stage(m).startswith("?")) == []


def test_every_internal_import_names_a_module_of_the_package() -> None:
    assert [str(i) for i in all_imports() if i.internal and i.target not in modules()] == []


def test_deferred_and_type_checking_imports_are_seen() -> None:
    """The walk reaches imports inside functions and under TYPE_CHECKING, not only the top ones,
    and resolves relative imports, and ``from . import module``, to the module imported."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..problems import Problem\n"
        "from . import run\n"
        "if TYPE_CHECKING:\n"
        "    from ..views.status import StatusView\n"
        "def f():\n"
        "    import rich.console\n"
        "    from .. import errors\n"
        "    from .. import tracker\n"
    )
    found = [(i.target, i.line, i.internal) for i in imports_in(f"{PACKAGE}.checks.review", source)]
    assert found == [
        ("typing", 1, False),
        (f"{PACKAGE}.problems", 2, True),
        (f"{PACKAGE}.checks.run", 3, True),
        (f"{PACKAGE}.views.status", 5, True),
        ("rich", 7, False),
        (f"{PACKAGE}.errors", 8, True),
        (f"{PACKAGE}.tracker", 9, True),
    ]


# --- the rules --------------------------------------------------------------------------------------------


def layering(found: list[Import]) -> list[str]:
    """The imports of a stage from a stage it may not import."""
    return [
        f"{i} ({stage(i.importer)} may not import {stage(i.target)})"
        for i in found
        if i.internal
        and stage(i.target) not in ALLOWED.get(stage(i.importer), frozenset())
        and (i.importer, i.target) != ENTRY_POINT
    ]


def presentation(found: list[Import]) -> list[str]:
    """The imports of a terminal, template or CLI library below render."""
    below = [i for i in found if not i.internal and stage(i.importer) in NO_PRESENTATION]
    return [str(i) for i in below if i.target in PRESENTATION]


def test_each_stage_imports_only_the_stages_below_it() -> None:
    assert layering(all_imports()) == []


def test_the_entry_point_is_the_only_exception_and_still_needed() -> None:
    assert [i.target for i in imports(ENTRY_POINT[0]) if i.internal] == [ENTRY_POINT[1]]


@pytest.mark.parametrize(
    ("importer", "target", "allowed"),
    [
        ("models", "yamlio", False),
        ("yamlio", "models", False),
        ("tracker", "checks", False),
        ("checks", "views", False),
        ("views", "edit", False),
        ("views", "render", False),
        ("sheets", "edit", False),
        ("sheets", "checks", False),
        ("render", "edit", False),
        ("render", "cli", False),
        ("edit", "render", False),
        (GROUND, "models", False),
        ("edit", "sheets", True),
        ("views", "checks", True),
        ("cli", "edit", True),
    ],
)
def test_the_rules_say_what_the_house_says(importer: str, target: str, allowed: bool) -> None:
    assert (target in ALLOWED[importer]) is allowed


def test_a_wrong_import_is_reported_with_its_place() -> None:
    up = Import(f"{PACKAGE}.models.vocab", f"{PACKAGE}.tracker.corpus", 12, True)
    sideways = Import(f"{PACKAGE}.views.status", f"{PACKAGE}.edit.files", 3, True)
    fine = Import(f"{PACKAGE}.edit.sheets", f"{PACKAGE}.sheets.rows", 9, True)
    assert layering([up, sideways, fine]) == [
        "francis_cli.models.vocab (line 12) imports francis_cli.tracker.corpus (models may not import tracker)",
        "francis_cli.views.status (line 3) imports francis_cli.edit.files (views may not import edit)",
    ]
    rich = Import(f"{PACKAGE}.checks.run", "rich", 40, False)
    assert presentation([rich, Import(f"{PACKAGE}.render.paper", "jinja2", 1, False)]) == [
        "francis_cli.checks.run (line 40) imports rich"
    ]


def test_nothing_below_render_uses_a_terminal_template_or_cli_library() -> None:
    assert presentation(all_imports()) == []


LIBRARY_HOMES = {
    "ruamel": {"yamlio"},  # yamlio/__init__.py: "Nothing else imports a YAML parser."
    "openpyxl": {"sheets"},
    "weasyprint": {"render"},
    "jinja2": {"render"},
    "markupsafe": {"render"},
    "rich": {"render", "cli"},
    "typer": {"cli"},
    "click": {"cli"},
}


@pytest.mark.parametrize("library", sorted(LIBRARY_HOMES))
def test_each_heavy_library_is_imported_in_its_home_stage_only(library: str) -> None:
    stages = {stage(i.importer) for i in all_imports() if not i.internal and i.target == library}
    assert stages <= LIBRARY_HOMES[library]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` (its modules in order, the first repeated at the end), or None."""
    colour: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        colour[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if colour.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in colour:
                found = walk(nxt)
                if found:
                    return found
        colour[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in colour:
            found = walk(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    assert _cycle({"a": {"a"}}) == ["a", "a"]


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {m: set() for m in modules()}
    for i in all_imports():
        if i.internal and i.target != i.importer:
            graph[i.importer].add(i.target)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])
