"""``clickwise bench``: how fast the site is for a pupil, measured in real Chromium.

One run builds the real content into a temporary folder, serves it with our own server on
127.0.0.1 (counting every byte it sends, whoever asks: page, engine worker or service worker),
and measures side by side a bare page that only boots the same Pyodide in a module worker, a
scenario page and a page whose first scene is a practice on a screen; then clicks and presses
on the screen, the same pages on a slow device (the CPU slowed 4x through the DevTools
protocol) with a press made before Python is live, a lesson page, the build, and ``check`` over
10, 100 and 1,000 generated scenarios. It prints a table against the targets and writes the
numbers as JSON. Targets are reported, never enforced: timings on a busy machine are noisy.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from build_scripts.tools.bench_traffic import Traffic, counting_handler
from build_scripts.tools.serve import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCENARIO = "star99"
PRACTICE = "lily-where-are-you"  # its first scene is a practice on a pop-up
#: A first press on each page: a choice, and a button on the practice's screen.
FIRST_PRESS = {SCENARIO: '#cw-scene button[data-do="choose"]',
               PRACTICE: "#cw-scene .cw-practice button[data-control]"}
SLOW_CPU, SLOW_RUNS = 4, 5
CHECK_SIZES = (10, 100, 1000)
TIMEOUT_MS = 120_000

BARE_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module">
const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = (event) => { window.__bare = { ready: performance.now(), python: event.data }; };
</script></html>"""
BARE_WORKER = """import { loadPyodide } from "../pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href,
                                    checkAPIVersion: true });
postMessage(pyodide.runPython("import sys; sys.version.split()[0]"));
"""

# Runs in each page before its own scripts: long tasks, first scene painted, engine live, and
# the time from a click to the next frame painted after the engine's answer is drawn.
INSTRUMENT = """(() => {
  const bench = window.__bench = { longtasks: [], firstScene: null, engineLive: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { bench.noLongtasks = String(e); }
  const painted = (then) => requestAnimationFrame(() => setTimeout(() => then(performance.now())));
  const drawn = (el) => el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const look = () => {  // the first scene: its first button, and its screen if it has one
    const choice = document.querySelector("#cw-scene .cw-choice");
    const screen = document.querySelector("#cw-scene .cw-device");
    if (drawn(choice) && (!screen || drawn(screen))) {
      painted((t) => { bench.firstScene = t; });
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  new MutationObserver(() => {
    const player = document.getElementById("cw-player");
    if (bench.engineLive === null && player && player.dataset.python) {
      bench.engineLive = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-python"] });
  addEventListener("click", (e) => { bench.clickAt = e.timeStamp; }, true);
  bench.expect = (phase) => {
    bench.answer = new Promise((resolve) => {
      const done = () => {
        const scene = document.getElementById("cw-scene");
        if (!scene || scene === bench.before || scene.dataset.decidedBy !== "python") return false;
        const now = scene.dataset.phase;
        if (phase.startsWith("!") ? now === phase.slice(1) : now !== phase) return false;
        painted((t) => resolve(t - bench.clickAt));
        return true;
      };
      const watch = new MutationObserver(() => { if (done()) watch.disconnect(); });
      watch.observe(document.getElementById("cw-player"),
                    { subtree: true, childList: true, attributes: true });
    });
    bench.before = document.getElementById("cw-scene");
  };
  bench.expectTurn = () => {  // a press on a practice's screen, answered in place
    const turn = () => document.querySelector("#cw-scene .cw-practice")?.dataset.turn;
    const was = turn();
    bench.answer = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (turn() === was) return;
        watch.disconnect();
        painted((t) => resolve(t - bench.clickAt));
      });
      watch.observe(document.getElementById("cw-player"),
                    { subtree: true, attributes: true, attributeFilter: ["data-turn"] });
    });
  };
})();"""


def run(root: Path, output: Path, repeat: int = 11, clicks: int = 24) -> dict:
    """Everything measured, as a dict (also written to ``output`` as JSON)."""
    with tempfile.TemporaryDirectory(prefix="clickwise-bench-") as folder:
        work = Path(folder)
        results: dict = {"build": measure_build(root, work / "site")}
        if not results["build"]["ok"]:
            raise RuntimeError("the site did not build (its problems are listed above)")
        results["check"] = measure_check(root, work)
        site = work / "site"
        (site / "bench-bare").mkdir()
        (site / "bench-bare/index.html").write_text(BARE_PAGE)
        (site / "bench-bare/bare-worker.js").write_text(BARE_WORKER)
        results.update(measure_browser(site, repeat, clicks))
    results["targets"] = judge(results)
    output.write_text(json.dumps(results, indent=1) + "\n")
    return results


def measure_build(root: Path, site: Path) -> dict:
    """The real content, built for the default school as an author builds it (``clickwise
    build`` in a fresh process; download caches warm)."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "build_scripts.cli", "--root", str(root), "build",
                          "--site-dir", str(site)], capture_output=True, text=True, check=False,
                         cwd=root)
    if run.returncode:
        print(run.stderr, file=sys.stderr)
    return {"seconds": round(time.perf_counter() - started, 2), "ok": run.returncode == 0}


def measure_check(root: Path, work: Path) -> dict:
    """``clickwise check`` as an author runs it (a fresh process), over the real project with
    ``size`` more scenarios: copies of the real ones under new names (the schools' settings name
    the real lessons and stories, so they stay). ``check_seconds`` is the time the command
    itself reports, without starting Python and importing the build."""
    originals = sorted((root / "quizzes").glob("*/*.yml"))
    found = {}
    for size in CHECK_SIZES:
        tree = work / f"check-{size}"
        for folder in ("facts", "schools", "content", "lessons", "quizzes"):
            shutil.copytree(root / folder, tree / folder)
        for i in range(size):
            source = originals[i % len(originals)]
            target = tree / "quizzes" / source.parent.name / f"{source.stem}-{i:04d}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "build_scripts.cli", "--root", str(tree),
                              "check"], capture_output=True, text=True, check=False, cwd=root)
        seconds = time.perf_counter() - started
        summary = (run.stdout.strip().splitlines() or [""])[-1]
        reported = re.search(r"\(([\d.]+) s\)$", summary)
        if reported is None:
            raise RuntimeError(f"check over {size} scenarios did not finish: {run.stderr[-500:]}")
        found[str(size)] = {"seconds": round(seconds, 3), "check_seconds": float(reported[1]),
                            "ms_per_scenario": round(1000 * seconds / size, 2),
                            "summary": summary}
    return found


def measure_browser(site: Path, repeat: int, clicks: int) -> dict:
    """Bare boot against the scenario page (cold, ``repeat`` times), clicks, visits, lesson."""
    from playwright.sync_api import sync_playwright

    traffic = Traffic()
    server = make_server(site, "127.0.0.1", 0, counting_handler(traffic))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    lesson = sorted((site / "lessons").glob("*/index.html"))[0].parent.name
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            bare, quiz, practice = [], [], []
            for _ in range(repeat):  # interleaved, so a busy moment hurts all alike
                bare.append(cold_bare(browser, url, traffic))
                quiz.append(cold_quiz(browser, url, traffic))
                practice.append(cold_quiz(browser, url, traffic, PRACTICE))
            slow = {sid: [slow_visit(browser, url, sid) for _ in range(SLOW_RUNS)]
                    for sid in (SCENARIO, PRACTICE)}
            return {"bare": _median_run(bare), "quiz": _median_run(quiz),
                    "practice": _median_run(practice),
                    "slow": {sid: _median_run(runs) for sid, runs in slow.items()},
                    "clicks": click_latency(browser, url, clicks),
                    "presses": press_latency(browser, url, clicks),
                    "visits": two_visits(browser, url, traffic),
                    "lesson": cold_lesson(browser, url + f"lessons/{lesson}/", traffic),
                    "chromium": browser.version}
    finally:
        server.stop()


def _context(browser, service_workers: str = "block"):
    context = browser.new_context(service_workers=service_workers)
    context.add_init_script(INSTRUMENT)
    return context, context.new_page()


def cold_bare(browser, url: str, traffic: Traffic) -> dict:
    """A page whose module worker only boots Pyodide: the baseline."""
    context, page = _context(browser)
    traffic.quiet()
    traffic.reset()
    page.goto(url + "bench-bare/")
    page.wait_for_function("window.__bare", timeout=TIMEOUT_MS)
    traffic.quiet()
    found = page.evaluate("window.__bare")
    context.close()
    return {"boot_ms": round(found["ready"]), "python": found["python"], "bytes": traffic.total()}


def cold_quiz(browser, url: str, traffic: Traffic, scenario: str = SCENARIO) -> dict:
    """A scenario page on a first visit (no service worker yet): until the engine is live."""
    context, page = _context(browser)
    traffic.quiet()
    traffic.reset()
    page.goto(url + f"play/{scenario}/")
    page.wait_for_function("__bench.engineLive !== null && __bench.firstScene !== null",
                           timeout=TIMEOUT_MS)
    traffic.quiet()
    found = page.evaluate("""() => ({ first: __bench.firstScene, live: __bench.engineLive,
        fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
        long: __bench.longtasks })""")
    context.close()
    blocking = sum(max(0.0, d - 50) for _, d in found["long"])
    return {"first_scene_ms": round(found["first"]), "engine_live_ms": round(found["live"]),
            "first_contentful_paint_ms": round(found["fcp"] or 0),
            "blocking_ms": round(blocking), "long_tasks": len(found["long"]),
            "bytes": traffic.total(), "requests": len(traffic.sent)}


def slow_visit(browser, url: str, scenario: str) -> dict:
    """A first visit on a slow device (the CPU slowed down 4x): the first scene, a press made as
    soon as it shows (before Python is live), and whether the engine then played that press."""
    from playwright.sync_api import TimeoutError as Timeout

    context, page = _context(browser)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
    page.goto(url + f"play/{scenario}/")
    page.wait_for_function("__bench.firstScene !== null", timeout=TIMEOUT_MS)
    early = page.evaluate("document.getElementById('cw-player').dataset.python === ''")
    page.locator(FIRST_PRESS[scenario]).first.click()
    page.wait_for_function("__bench.engineLive !== null", timeout=TIMEOUT_MS)
    try:  # the press is played once Python is live: a choice's feedback, or the screen's answer
        page.wait_for_function(
            """() => { const scene = document.getElementById("cw-scene");
                       const turn = scene.querySelector(".cw-practice")?.dataset.turn;
                       return scene.dataset.decidedBy === "python"
                              && (scene.dataset.phase === "feedback" || turn === "1"); }""",
            timeout=30_000)
        kept = True
    except Timeout:
        kept = False
    found = page.evaluate("({ first: __bench.firstScene, live: __bench.engineLive })")
    context.close()
    return {"first_scene_ms": round(found["first"]), "engine_live_ms": round(found["live"]),
            "pressed_before_live": early, "press_kept": kept}


def _median_run(runs: list[dict]) -> dict:
    numbers = {k for k, v in runs[0].items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)}
    median = {k: round(statistics.median(r[k] for r in runs)) for k in numbers}
    return {**runs[0], **median, "runs": runs}


def click_latency(browser, url: str, clicks: int) -> dict:
    """Choose, then Next, ``clicks`` times each; Start again at each ending (not timed)."""
    context, page = _context(browser)
    page.goto(url + f"play/{SCENARIO}/")
    page.wait_for_selector("#cw-player[data-python^='3.']", timeout=TIMEOUT_MS)
    chose, went_on = [], []
    for turn in range(clicks):
        if page.locator("#cw-scene .cw-practice").count():  # presses there are press_latency's
            _go_on(page)
        if page.get_attribute("#cw-scene", "data-phase") == "ending":
            page.click('button[data-do="restart"]')
            page.wait_for_selector("#cw-scene[data-phase=scene][data-decided-by=python]")
        options = page.locator('#cw-scene button[data-do="choose"]')
        chose.append(_timed_click(page, options.nth(turn % options.count()), "feedback"))
        went_on.append(_timed_click(page, page.locator('#cw-scene button[data-do="continue"]'),
                                    "!feedback"))
    blocking = page.evaluate("__bench.longtasks.filter(([s]) => s > __bench.engineLive)")
    context.close()
    every = chose + went_on
    return {"count": len(every), "median_ms": round(statistics.median(every), 1),
            "p95_ms": round(_p95(every), 1), "max_ms": round(max(every), 1),
            "choose_median_ms": round(statistics.median(chose), 1),
            "continue_median_ms": round(statistics.median(went_on), 1),
            "blocking_ms": round(sum(max(0.0, d - 50) for _, d in blocking))}


def _go_on(page) -> None:
    """Leave a practice scene at once with Go on (there is no wrong end), untimed."""
    step = page.get_attribute("#cw-scene", "data-scene")
    page.click('#cw-scene button[data-do="continue"]')
    page.wait_for_function("(s) => document.querySelector('#cw-scene').dataset.scene !== s",
                           arg=step)


def press_latency(browser, url: str, presses: int) -> dict:
    """Presses on the practice's screen and on Check, each answered in place by the engine."""
    context, page = _context(browser)
    page.goto(url + f"play/{PRACTICE}/")
    page.wait_for_selector("#cw-player[data-python^='3.']", timeout=TIMEOUT_MS)
    buttons = page.locator('#cw-scene .cw-practice :is(button[data-control], [data-do="check"])')
    timed = []
    for turn in range(presses):
        page.evaluate("__bench.expectTurn()")
        buttons.nth(turn % buttons.count()).click()
        timed.append(page.evaluate("__bench.answer"))
    blocking = page.evaluate("__bench.longtasks.filter(([s]) => s > __bench.engineLive)")
    context.close()
    return {"count": len(timed), "median_ms": round(statistics.median(timed), 1),
            "p95_ms": round(_p95(timed), 1), "max_ms": round(max(timed), 1),
            "blocking_ms": round(sum(max(0.0, d - 50) for _, d in blocking))}


def _timed_click(page, button, phase: str) -> float:
    page.evaluate("(phase) => __bench.expect(phase)", phase)
    button.click()
    return page.evaluate("__bench.answer")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def two_visits(browser, url: str, traffic: Traffic) -> dict:
    """A first visit that lets the service worker keep the site, then a second visit."""
    context, page = _context(browser, "allow")
    quiz = url + f"play/{SCENARIO}/"
    traffic.quiet()
    traffic.reset()
    page.goto(quiz)
    page.wait_for_selector("#cw-player[data-python^='3.']", timeout=TIMEOUT_MS)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=TIMEOUT_MS)
    traffic.quiet(seconds=1.0)
    first = {"bytes": traffic.total(), "requests": len(traffic.sent),
             "engine_live_ms": round(page.evaluate("__bench.engineLive"))}
    traffic.reset()
    page.goto(quiz)
    page.wait_for_function("window.__bench.engineLive !== null", timeout=TIMEOUT_MS)
    traffic.quiet(seconds=1.0)
    second = {"bytes": traffic.total(),
              "engine_live_ms": round(page.evaluate("__bench.engineLive")),
              "first_scene_ms": round(page.evaluate("__bench.firstScene") or 0),
              "requests": [{"path": p, "status": s, "bytes": b} for p, s, b in traffic.sent]}
    context.close()
    return {"first_with_offline_copy": first, "second": second}


def cold_lesson(browser, url: str, traffic: Traffic) -> dict:
    """A lesson page on a first visit: its bytes, its load time, and no Python runtime."""
    context, page = _context(browser)
    traffic.quiet()
    traffic.reset()
    page.goto(url, wait_until="load")
    traffic.quiet()
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return {"url": url.split("/", 3)[3], "load_ms": round(loaded), "bytes": traffic.total(),
            "requests": len(traffic.sent),
            "pyodide_requests": sum("pyodide" in p for p, _, _ in traffic.sent)}


def judge(r: dict) -> list[dict]:
    """Each target beside what was measured; ``ratio`` is measured / limit (1 or less is met)."""
    boot = r["bare"]["boot_ms"]
    checks = r["check"]
    seconds = {int(size): found["check_seconds"] for size, found in checks.items()}
    linear = ((seconds[1000] - seconds[100]) / 900) / max((seconds[100] - seconds[10]) / 90, 1e-6)
    rows = [
        ("first scene visible", r["quiz"]["first_scene_ms"], "ms", 0.15 * boot,
         "<= 0.15 x bare boot"),
        ("engine live", r["quiz"]["engine_live_ms"], "ms", 1.1 * boot, "<= 1.1 x bare boot"),
        ("click p95", r["clicks"]["p95_ms"], "ms", 50, "<= 50 ms"),
        ("main-thread blocking (load)", r["quiz"]["blocking_ms"], "ms", 100, "<= 100 ms"),
        ("main-thread blocking (clicks)", r["clicks"]["blocking_ms"], "ms", 100, "<= 100 ms"),
        ("practice: first scene and screen visible", r["practice"]["first_scene_ms"], "ms",
         0.15 * boot, "<= 0.15 x bare boot"),
        ("practice: engine live", r["practice"]["engine_live_ms"], "ms", 1.1 * boot,
         "<= 1.1 x bare boot"),
        ("practice: press on the screen p95", r["presses"]["p95_ms"], "ms", 50, "<= 50 ms"),
        ("practice: main-thread blocking (load)", r["practice"]["blocking_ms"], "ms", 100,
         "<= 100 ms"),
        ("practice: main-thread blocking (presses)", r["presses"]["blocking_ms"], "ms", 100,
         "<= 100 ms"),
        ("cold quiz page", r["quiz"]["bytes"], "B", 3.5e6, "<= 3.5 MB"),
        ("cold practice page", r["practice"]["bytes"], "B", 3.5e6, "<= 3.5 MB"),
        *[(f"slow CPU {SLOW_CPU}x, {sid}: first scene visible", slow["first_scene_ms"], "ms",
           1000, "<= 1 s") for sid, slow in r["slow"].items()],
        *[(f"slow CPU {SLOW_CPU}x, {sid}: presses before Python lost",
           sum(v["pressed_before_live"] and not v["press_kept"] for v in slow["runs"]),
           "lost", 0, "none lost") for sid, slow in r["slow"].items()],
        ("lesson page", r["lesson"]["bytes"], "B", 300e3, "<= 300 KB, no Pyodide"),
        ("second visit", r["visits"]["second"]["bytes"], "B", 0, "0 B"),
        ("check, 1,000 scenarios", checks["1000"]["seconds"], "s", 2.0, "<= 2 s"),
        ("check: cost of a scenario, 100-1,000 / 10-100", round(linear, 2), "x", 1.5,
         "linear (<= 1.5)"),
    ]
    judged = []
    for name, value, unit, limit, target in rows:
        met = value <= limit and (name != "lesson page" or r["lesson"]["pyodide_requests"] == 0)
        judged.append({"metric": name, "value": value, "unit": unit, "target": target,
                       "limit": round(limit, 3), "met": met,
                       "ratio": round(value / limit, 2) if limit else None,
                       "x_bare_boot": round(value / boot, 2) if "bare boot" in target else None})
    return judged


def table(r: dict) -> str:
    """The results as a plain-text table."""
    lines = [f"Chromium {r['chromium']}; bare Pyodide boot {r['bare']['boot_ms']} ms (median of "
             f"{len(r['bare']['runs'])} cold visits); build of the real content "
             f"{r['build']['seconds']} s",
             f"{'metric':46} {'measured':>20} {'target':>22} {'ratio':>6}  met"]
    for row in r["targets"]:
        shown = (f"{row['value'] / 1e3:.1f} KB" if row["unit"] == "B"
                 else f"{row['value']} {row['unit']}")
        if row["x_bare_boot"] is not None:
            shown += f" ({row['x_bare_boot']:.2f}x)"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        lines.append(f"{row['metric']:46} {shown:>20} {row['target']:>22} {ratio:>6}  "
                     f"{'yes' if row['met'] else 'NO'}")
    for size, found in r["check"].items():
        lines.append(f"check {size:>5} scenarios: {found['seconds']:.2f} s for the command, "
                     f"{found['check_seconds']:.2f} s checking ({found['summary']})")
    return "\n".join(lines)
