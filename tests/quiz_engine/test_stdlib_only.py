"""quiz_engine imports nothing but the standard library, so Pyodide runs the very same files."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "quiz_engine"
FILES = sorted(ENGINE.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # a relative import stays inside the package
                found.add("quiz_engine")
            else:
                found.add(node.module.split(".")[0])
    return found


def test_the_engine_has_modules_to_check():
    assert {"__init__.py", "api.py", "check.py", "model.py", "play.py", "state.py"} <= \
        {f.name for f in FILES}


def test_the_walker_sees_nested_and_from_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os.path\nfrom json import loads\n"
                      "def f():\n    import yaml\n    from . import play\n")
    assert imported_modules(sample) == {"os", "json", "yaml", "quiz_engine"}


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_imports_only_the_standard_library(path):
    modules = imported_modules(path)
    assert not modules & {"js", "pyodide", "pyodide_js"}
    outside = {m for m in modules if m != "quiz_engine" and m not in sys.stdlib_module_names}
    assert outside == set(), f"{path.name} imports {sorted(outside)}"


def test_imports_in_an_interpreter_without_site_packages():
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-S", "-s", "-c",
         "import sys, quiz_engine, quiz_engine.api\n"
         "assert not any('site-packages' in p for p in sys.path), sys.path\n"
         "print(quiz_engine.__file__)"],
        env={**env, "PYTHONNOUSERSITE": "1"}, cwd="/", capture_output=True, text=True,
        timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(ENGINE / "__init__.py")
