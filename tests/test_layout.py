"""The package's layout is the design's: the root holds only the app's glue, every folder says
what it holds and may import, and the README's "Where things are" lists exactly the folders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "matcher"
ROOT_MODULES = {"__init__", "app", "extensions", "db", "i18n"}


def _packages() -> set[str]:
    """Every folder of the package."""
    return {
        f"matcher/{path.name}/"
        for path in PACKAGE.iterdir()
        if path.is_dir() and path.name != "__pycache__"
    }


def test_the_package_root_holds_only_the_glue() -> None:
    assert {path.stem for path in PACKAGE.glob("*.py")} == ROOT_MODULES


def test_every_layer_folder_says_what_it_holds_and_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        if init.parent.name == "migrations":
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init} has no docstring"
        assert "may import" in docstring.lower(), f"{init} does not say what it may import"


def test_the_readme_lists_every_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`(matcher/[a-z_]+/)`", section))
    assert listed == _packages()
