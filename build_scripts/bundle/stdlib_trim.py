"""Trim Pyodide's standard library to what its boot and the engine import (2.5 MB of zip to
0.3 MB of brotli).

What is needed is found by asking Pyodide itself: the build boots the pinned Pyodide under
Node.js, unpacks the engine wheel the way the browser's engine worker does, imports the engine,
and keeps every module that is then loaded from the standard library zip (plus Pyodide's own
``_pyodide`` and ``pyodide`` packages, whole). Docstrings are dropped from the rest with Python
3.14's own ``ast`` (each file is kept as it was if the result does not parse back to the same
tree), and the files are stored uncompressed so that brotli, working across all of them, does
better than a zip compressing each alone. A second Pyodide then boots from the trimmed zip and
imports the engine, or the build stops. The result is cached: this runs again only when Pyodide,
this recipe or the set of standard modules the engine imports changes.
"""

from __future__ import annotations

import ast
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

RECIPE_VERSION = "2"
TRIMMED = "python_stdlib_trimmed.zip"

# Run by Node.js in the folder holding the runtime files, the engine wheel and its lock file.
NODE_SCRIPT = r"""
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const dir = process.argv[2];
const { loadPyodide } = await import(pathToFileURL(`${dir}/pyodide.mjs`).href);
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// As content/assets/js/engine-worker.js does in the browser: unpack the wheel, import the engine.
async function engineIn(stdLibURL) {
  const pyodide = await loadPyodide({ indexURL: `${dir}/`, stdLibURL, ...quiet });
  const { packages } = JSON.parse(readFileSync(`${dir}/pyodide-lock.json`, "utf8"));
  const wheel = readFileSync(`${dir}/${packages["quiz-engine"].file_name}`);
  pyodide.FS.writeFile("/tmp/engine.whl", new Uint8Array(wheel));
  pyodide.runPython(`import site, sys, zipfile
where = site.getsitepackages()[0]
zipfile.ZipFile("/tmp/engine.whl").extractall(where)
sys.path_importer_cache.pop(where, None)`);
  pyodide.runPython("import quiz_engine.api; quiz_engine.api.python_version()");
  try { pyodide.runPython("raise ValueError('an error crossing into JavaScript')"); } catch {}
  return pyodide;
}

const full = await engineIn(undefined);
full.FS.mkdir("/work");
full.FS.mount(full.FS.filesystems.NODEFS, { root: dir }, "/work");
full.runPython(readFileSync(`${dir}/trim.py`, "utf8"));
await engineIn(`${dir}/TRIMMED`);  // the trimmed library must still run the engine
"""

# Run inside that Pyodide (Python 3.14), after the engine has been imported.
TRIM_SCRIPT = r'''
import ast, sys, zipfile

WHOLE = ("_pyodide/", "pyodide/")  # Pyodide's own packages, exactly as shipped
ALSO = ("encodings/ascii.py", "encodings/latin_1.py", "encodings/utf_8_sig.py")
source_path = next(p for p in sys.path if p.endswith(".zip"))
source = zipfile.ZipFile(source_path)
used = {m.__spec__.origin[len(source_path) + 1:] for m in list(sys.modules.values())
        if getattr(getattr(m, "__spec__", None), "origin", None)
        and m.__spec__.origin.startswith(source_path + "/")}
names = sorted(n for n in source.namelist()
               if n in used or n in ALSO or (n.startswith(WHOLE) and n.endswith(".py")))


def without_docstrings(text):
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                node.body = node.body[1:] or [ast.Pass()]
    trimmed = ast.unparse(tree)
    return trimmed if ast.dump(ast.parse(trimmed)) == ast.dump(tree) else text


with zipfile.ZipFile("/work/TRIMMED", "w", zipfile.ZIP_STORED) as out:
    for name in names:
        data = source.read(name)
        if not name.startswith(WHOLE):
            data = without_docstrings(data.decode("utf-8")).encode("utf-8")
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        out.writestr(info, data)
'''


def engine_imports(engine_dir: Path) -> list[str]:
    """The standard-library modules the engine's own files import, by top-level name."""
    found = set()
    for path in engine_dir.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return sorted(found - {engine_dir.name})


def cache_key(pyodide_integrity: str, imports: list[str]) -> str:
    """What the trimmed library depends on: Pyodide, this recipe, the engine's imports."""
    parts = [RECIPE_VERSION, pyodide_integrity, NODE_SCRIPT, TRIM_SCRIPT, *imports]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def trim(runtime_files: dict[str, bytes], problem: type[Exception]) -> bytes:
    """The trimmed ``python_stdlib.zip``, made with Node.js and Pyodide (the caller caches it).

    ``runtime_files`` holds the core runtime, the engine wheel and its lock file. Raises
    ``problem`` with what to do when Node.js is missing or the trimmed library fails.
    """
    if shutil.which("node") is None:
        raise problem("Node.js is needed once to trim Python's standard library for the "
                      "browser (Debian: apt-get install nodejs), then run the build again.")
    with tempfile.TemporaryDirectory(prefix="clickwise-trim-") as work:
        folder = Path(work)
        for name, data in runtime_files.items():
            (folder / name).write_bytes(data)
        (folder / "trim.py").write_text(TRIM_SCRIPT.replace("TRIMMED", TRIMMED))
        (folder / "trim.mjs").write_text(NODE_SCRIPT.replace("TRIMMED", TRIMMED))
        run = subprocess.run(["node", str(folder / "trim.mjs"), str(folder)],
                             capture_output=True, text=True, check=False, timeout=600)
        if run.returncode != 0 or not (folder / TRIMMED).is_file():
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            raise problem(f"trimming Python's standard library for the browser failed ({last}).")
        return (folder / TRIMMED).read_bytes()
