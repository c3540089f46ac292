"""The ``clickwise`` command: check content, build the site, serve it to a class."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from build_scripts import build
from build_scripts.problems import failing, summary_line

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; the only place in the build that decides the exit code."""
    parser = argparse.ArgumentParser(prog="clickwise", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every lesson, scenario, fact and school file")
    site = commands.add_parser("build", help="check, then build the site into site/")
    serve = commands.add_parser("serve", help="build, then serve the site on this computer")
    for command in (check, site, serve):
        command.add_argument("--school", default="default",
                             help="the settings file in schools/ to build for (default: default)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--reading", action="store_true",
                       help="also print each scenario's reading level against its band's target")
    for command in (site, serve):
        command.add_argument("--site-dir", type=Path, default=None,
                             help="where to build (default: site/ in the project)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to serve on (0.0.0.0 lets the class's devices connect)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    school = commands.add_parser("school", help="set up a school's settings from its policy")
    draft = school.add_subparsers(dest="school_command", required=True).add_parser(
        "draft", help="write a draft schools/<slug>.yml from a policy (.txt, .md, .docx, .pdf)")
    draft.add_argument("policy", type=Path, help="the school's policy file")
    draft.add_argument("--slug", help="the settings file's name (default: from the school's "
                       "name, e.g. st-marys)")
    draft.add_argument("--output", type=Path, default=None,
                       help="where to write it (default: schools/<slug>.yml)")
    draft.add_argument("--force", action="store_true", help="replace a settings file that is "
                       "already there")
    bench = commands.add_parser("bench", help="measure the built site's speed and size in "
                                "Chromium against the targets (needs the test extras)")
    bench.add_argument("--output", type=Path, default=None,
                       help="where to write the numbers as JSON (default: bench-results.json)")
    bench.add_argument("--repeat", type=int, default=11,
                       help="cold visits of each page, interleaved, of which the median is shown "
                            "(one visit on a two-core laptop can vary by a tenth)")
    bench.add_argument("--clicks", type=int, default=24, help="choices made, each then Next")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.root, args.school, args.strict, args.reading)
    if args.command == "school":
        return run_draft(args.root, args.policy, args.slug, args.output, args.force)
    if args.command == "bench":
        return run_bench(args.root, args.output or args.root / "bench-results.json",
                         args.repeat, args.clicks)
    site_dir = args.site_dir or args.root / "site"
    code = run_build(args.root, args.school, args.strict, site_dir)
    if args.command == "serve" and code == 0:
        from build_scripts.tools.serve import serve_forever
        serve_forever(site_dir, args.host, args.port)
    return code


def run_check(root: Path, school: str, strict: bool, report: bool = False) -> int:
    """Print every problem, then one summary line; non-zero when any stops the build."""
    started = time.perf_counter()
    loaded, problems = build.gather_and_check(root, school)
    if report:
        print_reading_levels(loaded)
    for problem in problems:
        print(problem)
    print(f"{summary_line(problems, strict, building=False)} "
          f"({time.perf_counter() - started:.2f} s)")
    return 1 if failing(problems, strict) else 0


def print_reading_levels(loaded) -> None:
    """Flesch Reading Ease of each scenario's pupil text beside its band's target."""
    from build_scripts.load import reading

    print(f"{'scenario':32} {'band':8} {'ease':>5} {'target':>6}")
    for scenario_id, (band, source) in sorted(loaded.scenarios.items(),
                                              key=lambda item: (item[1][0], item[0])):
        if isinstance(source.data, dict):
            score = reading.ease(reading.pupil_text(source.data))
            flag = "" if score >= reading.TARGETS[band] else "  below target"
            print(f"{scenario_id:32} {band:8} {score:5.0f} {reading.TARGETS[band]:6.0f}{flag}")


def run_draft(root: Path, policy: Path, slug: str | None, output: Path | None,
              force: bool) -> int:
    """Write a draft settings file from a policy; say what was found and what is left."""
    import dataclasses

    import yaml

    from build_scripts.schools import draft, draft_yaml, policy_text

    try:
        found = draft.find(policy_text.read(policy))
    except policy_text.PolicyUnreadable as error:
        print(f"Could not draft settings: {error}", file=sys.stderr)
        return 1
    found = dataclasses.replace(found, slug=draft.slug(slug) if slug else found.slug)
    path = output or root / "schools" / f"{found.slug}.yml"
    if path.exists() and not force:
        print(f"{_shown(root, path)} is already there: give another name with --slug, or "
              "replace it with --force", file=sys.stderr)
        return 1
    neutral = yaml.safe_load((root / "schools/default.yml").read_text(encoding="utf-8"))
    text = draft_yaml.to_yaml(found, policy.name, neutral)
    draft_yaml.write(text, path)
    print(f"Wrote {_shown(root, path)} from {policy.name}.")
    for line in draft_yaml.summary(found):
        print(f"  {line}")
    left = draft_yaml.marks(text)
    print(f"{left} {'value is' if left == 1 else 'values are'} marked FILL IN for you. Next: "
          f"open the file beside your policy, then run: clickwise check --school {found.slug}")
    return 0


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def run_bench(root: Path, output: Path, repeat: int, clicks: int) -> int:
    """Measure, print the table against the targets, write the JSON; 1 if it could not run."""
    from build_scripts.tools import bench

    try:
        results = bench.run(root, output, repeat, clicks)
    except ImportError as error:
        print(f"The benchmark needs Playwright ({error}): pip install -e '.[test]'",
              file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"The benchmark stopped: {error}", file=sys.stderr)
        return 1
    print(bench.table(results))
    print(f"Wrote {output}")
    return 0


def run_build(root: Path, school: str, strict: bool, site_dir: Path) -> int:
    """Build into a fresh folder beside ``site_dir`` and swap it in only when all went well."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ["CLICKWISE_SCHOOL"] = school
    _show_mkdocs_warnings()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".building-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(fresh), strict=strict)
        config.extra["school"] = school
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        said = str(error)  # the hooks' own summary line starts "Stopped:"; MkDocs' do not
        print(said if said.startswith("Stopped:") else f"Build stopped: {said}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    _swap(fresh, site_dir)
    print(f"Built the site for school \"{school}\" in {site_dir}")
    return 0


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (tests capture it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def _show_mkdocs_warnings() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "clickwise", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.setLevel(logging.INFO)
        handler.addFilter(lambda record: record.levelno >= logging.WARNING
                          or record.name == "mkdocs.hooks.clickwise")
        handler.clickwise = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _swap(fresh: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".old-{site_dir.name}")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
