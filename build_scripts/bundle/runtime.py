"""The Pyodide runtime and the engine wheel that the browser plays scenarios with.

Pyodide comes from the npm registry through the ``npm`` client, at a pinned version whose
integrity hash is checked, and is cached outside the source tree (``npm_package``, which the
tests use for the HTML checker too). Only the core runtime files are copied into the site,
with the standard library trimmed to what the engine needs (``stdlib_trim``). The engine is
packed from ``quiz_engine/`` as a py3-none-any wheel, listed in a lock file of our own so that
Pyodide's loader finds it in the site and nowhere else.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

from build_scripts.bundle import stdlib_trim

PYODIDE_VERSION = "314.0.7"
PYODIDE_INTEGRITY = ("sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+"
                     "SNvi/6V5JEsOlD2R1A==")
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ENGINE = "quiz_engine"
ENGINE_DIST = "quiz-engine"


class RuntimeProblem(Exception):
    """The runtime could not be fetched or checked; the message says what to do."""


def cache_dir() -> Path:
    """Where downloads are kept between builds (``CLICKWISE_CACHE`` overrides it)."""
    base = os.environ.get("CLICKWISE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "clickwise")
    return Path(base)


def write_whole(path: Path, data: bytes) -> None:
    """Write a file of the cache through a temporary name beside it, so that a build running
    at the same moment never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)


def tarball() -> Path:
    """The pinned Pyodide npm package, fetched once and checked every time."""
    return npm_package("pyodide", PYODIDE_VERSION, PYODIDE_INTEGRITY, "Pyodide")


def npm_package(name: str, version: str, integrity: str, label: str) -> Path:
    """The npm package ``name@version`` as a tarball in the cache, fetched once with the npm
    client and checked against its pinned sha512 ``integrity`` every time (``label`` names it
    in messages)."""
    folder = cache_dir() / f"{name}-{version}"
    path = folder / f"{name}-{version}.tgz"
    if not path.is_file():
        _fetch(name, version, label, folder)
    digest = "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    if digest != integrity:
        raise RuntimeProblem(
            f"the {label} download {path} is corrupt (its sha512 integrity hash does not match "
            f"the pinned one for {name}@{version}). Delete the folder {folder} and run "
            "again to download it afresh.")
    return path


def _fetch(name: str, version: str, label: str, folder: Path) -> None:
    if shutil.which("npm") is None:
        raise RuntimeProblem(f"npm is needed to download {label} once: install Node.js and npm "
                             "(Debian: apt-get install npm), then run again.")
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "download"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    run = subprocess.run(["npm", "pack", f"{name}@{version}", "--json",
                          "--pack-destination", str(partial)],
                         capture_output=True, text=True, check=False)
    packed = partial / f"{name}-{version}.tgz"
    if run.returncode != 0 or not packed.is_file():
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeProblem(f"npm could not download {name}@{version} ({last}). Check "
                             "the network connection to the npm registry and run again.")
    packed.replace(folder / packed.name)
    shutil.rmtree(partial, ignore_errors=True)


def core_files() -> dict[str, bytes]:
    """The core runtime files, read from the checked tarball."""
    found = {}
    with tarfile.open(tarball()) as archive:
        for name in CORE_FILES + ("pyodide-lock.json",):
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise RuntimeProblem(f"the Pyodide package has no {name}")
            found[name] = member.read()
    return found


def engine_wheel(root: Path, out: Path, version: str) -> Path:
    """Pack ``quiz_engine/`` as a reproducible py3-none-any wheel in ``out``."""
    name = f"{ENGINE}-{version}-py3-none-any.whl"
    dist_info = f"{ENGINE}-{version}.dist-info"
    files = {f"{ENGINE}/{p.name}": p.read_bytes()
             for p in sorted((root / ENGINE).glob("*.py"))}
    files[f"{dist_info}/METADATA"] = (f"Metadata-Version: 2.1\nName: {ENGINE_DIST}\n"
                                      f"Version: {version}\nSummary: Clickwise scenario engine\n"
                                      ).encode()
    files[f"{dist_info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: clickwise\n"
                                   b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    record = [f"{n},sha256={_urlsafe_sha256(d)},{len(d)}" for n, d in files.items()]
    files[f"{dist_info}/RECORD"] = ("\n".join(record + [f"{dist_info}/RECORD,,"]) + "\n").encode()
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out / name, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file_name, data in files.items():
            info = zipfile.ZipInfo(file_name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            wheel.writestr(info, data, zipfile.ZIP_DEFLATED)
    return out / name


def _urlsafe_sha256(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def engine_lock(wheel: Path, pyodide_lock: bytes) -> str:
    """A lock file listing only the engine wheel, for Pyodide's own package loader."""
    from pyodide_lock.spec import InfoSpec, PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    info = InfoSpec(**{"version": PYODIDE_VERSION, **json.loads(pyodide_lock)["info"]})
    spec = add_wheels_to_spec(PyodideLockSpec(info=info, packages={}), [wheel])
    return json.dumps(spec.model_dump(), indent=1, sort_keys=True)


def bundle(root: Path, version: str) -> dict[str, bytes]:
    """Every file of the runtime folder in the site: Pyodide core with its standard library
    trimmed to what the engine needs, the engine wheel, and the lock file."""
    files = core_files()
    lock = files.pop("pyodide-lock.json")
    with tempfile.TemporaryDirectory(prefix="clickwise-engine-") as stage:
        wheel = engine_wheel(root, Path(stage), version)
        files[wheel.name] = wheel.read_bytes()
        files["pyodide-lock.json"] = engine_lock(wheel, lock).encode()
    imports = stdlib_trim.engine_imports(root / ENGINE)
    cached = (cache_dir() / f"pyodide-{PYODIDE_VERSION}"
              / f"python_stdlib-{stdlib_trim.cache_key(PYODIDE_INTEGRITY, imports)}.zip")
    if not cached.is_file():
        write_whole(cached, stdlib_trim.trim(files, RuntimeProblem))
    files["python_stdlib.zip"] = cached.read_bytes()
    return files
