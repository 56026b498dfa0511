"""Every package the code imports is one pyproject.toml declares: a fresh install from the
README must run everything (numpy, used by the page composer, was once missing and only a
clean venv showed it), and every subpackage of layout/ is listed for setuptools."""
from __future__ import annotations

import ast
import re
import sys
import tomllib

from tests.kit.paths import ROOT

# import name -> distribution name, where they differ
DIST = {"PIL": "pillow", "yaml": "pyyaml", "docx": "python-docx", "ruamel": "ruamel.yaml",
        "fontTools": "fonttools"}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared() -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower()
            for d in _pyproject()["project"]["dependencies"]}


def _imported() -> dict[str, str]:
    """Top-level modules imported anywhere in layout/ that are neither ours nor the
    standard library's, with a file that imports each."""
    out: dict[str, str] = {}
    for path in sorted((ROOT / "layout").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "layout" and top not in sys.stdlib_module_names:
                    out.setdefault(top, str(path.relative_to(ROOT)))
    return out


def test_every_imported_package_is_a_declared_dependency():
    declared = _declared()
    missing = {m: f for m, f in _imported().items()
               if DIST.get(m, m).lower().replace("_", "-") not in
               {d.replace("_", "-") for d in declared}}
    assert missing == {}, f"imported but not in pyproject.toml's dependencies: {missing}"


def test_every_subpackage_is_listed_for_setuptools():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "layout").rglob("__init__.py")}
    assert found - listed == set(), f"not in [tool.setuptools] packages: {found - listed}"
