"""Every HTML page of the built site is valid HTML: the Nu Html Checker (vnu.jar, from the npm
package ``vnu-jar``, pinned and integrity-checked like Pyodide) reads them all in one run, for
the default school and a second one. Warnings are not failures; every error is listed."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from build_scripts.bundle import runtime
from tests.build_scripts.test_schools import built_for

VNU_VERSION = "26.9.27"
VNU_INTEGRITY = ("sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0Sg"
                 "hgBX6RJRNea0KA==")
SECOND_SCHOOL = "wateringbury"

# Errors in MkDocs Material's own markup that overrides/ cannot reach without copying a whole
# theme file: (exact message, a piece of the offending element that only the theme writes).
THEME_ERRORS = [
    # base.html writes its drawer and search toggles (checkboxes) with autocomplete="off", so
    # that Firefox does not reopen them after a reload; the lines are outside every block.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
     "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
     "“tel”, “text”, “time”, “url”, or “week”.",
     '<input class="md-toggle" data-md-toggle="'),
    # partials/nav-item.html (170 lines of macros) gives the label of a tab's section in the
    # sidebar tabindex="" to mean no tab stop; browsers ignore the empty value, as intended.
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a "
     "valid integer.",
     'tabindex="">'),
]


def vnu_jar(folder: Path) -> Path:
    """vnu.jar, unpacked into ``folder`` from the checked npm package."""
    package = runtime.npm_package("vnu-jar", VNU_VERSION, VNU_INTEGRITY, "the Nu Html Checker")
    jar = folder / "vnu.jar"
    with tarfile.open(package) as archive:
        jar.write_bytes(archive.extractfile("package/build/dist/vnu.jar").read())
    return jar


def validate(jar: Path, sites: dict[str, Path]) -> list[str]:
    """Every error in every HTML file of ``sites`` as ``school: path:line: message``."""
    files = {str(p.resolve()): f"{school}: {p.relative_to(site)}"
             for school, site in sites.items() for p in sorted(site.rglob("*.html"))}
    run = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--errors-only",
                          "--exit-zero-always", "--stdout", *files],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"vnu.jar failed: {run.stderr.strip()}"
    errors = []
    for message in json.loads(run.stdout)["messages"]:
        if _from_theme(message):
            continue
        where = files.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def _from_theme(message: dict) -> bool:
    return any(text == message["message"] and piece in message.get("extract", "")
               for text, piece in THEME_ERRORS)


def test_every_page_is_valid_html(built_site, tmp_path_factory, tmp_path):
    if shutil.which("java") is None:
        pytest.fail("Java is needed to run the Nu Html Checker (vnu.jar): install it (Debian: "
                    "apt-get install default-jre-headless), or use ./run test, which does.")
    sites = {"default": built_site, SECOND_SCHOOL: built_for(SECOND_SCHOOL, tmp_path_factory)}
    errors = validate(vnu_jar(tmp_path), sites)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
