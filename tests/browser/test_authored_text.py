"""Authored text is always text: markup typed into any field a teacher or a school fills in
(a lesson, a story, the school's settings, a fact, a curriculum statement) shows on
every kind of page exactly as typed, and never runs.

One site is built from a copy of the project with markup in every kind of field; Chromium then
opens each kind of page (and plays the story and class mode to their ends, and searches), and
checks that no script ran, no dialog opened, no element carries an event handler or a
``javascript:`` link, and that every field's words are on some page, each time followed by the
markup exactly as it was typed.
"""

from __future__ import annotations

import threading

import pytest
import yaml

from build_scripts import cli
from build_scripts.tools.serve import make_server
from tests.browser import playing
from tests.build_scripts.test_build import _copy_project

#: Typed into every field after the field's tag (QX00, QX01, ...).
MARKUP = ('<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> '
          '</textarea> </title> {{ ]]> "><svg onload=window.__pwned=1> '
          '[a link](javascript:window.__pwned=1) *not bold* `not code` '
          '{: onclick="window.__pwned=1" } | not a cell')
#: A lesson's body is Markdown, so only its HTML must show as text.
BODY_HTML = ('<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> '
             '<iframe src="javascript:window.__pwned=1"></iframe> "><svg onload=window.__pwned=1>')
#: Markdown in a lesson's body that must not make anything live (checked on the page).
BODY_MARKDOWN = """
[a link](javascript:window.__pwned=1) [another][bad]
[an encoded link](&#106;avascript:window.__pwned=1)

A paragraph with an attribute list.
{: onclick="window.__pwned=1" }

[bad]: javascript:window.__pwned=1
"""
STORY, LESSON = "star99", "online-friends"


class Fields:
    """Each kind of field gets a tag, so a page shows which fields it holds."""

    def __init__(self):
        self.names: dict[str, str] = {}
        self.expected: dict[str, str] = {}

    def mark(self, name: str, markup: str = MARKUP) -> str:
        tag = f"QX{len(self.names):02d}"
        self.names[tag], self.expected[tag] = name, markup
        return f"{tag} {markup}"

    def kind(self, name: str) -> str:
        """The same tag for every field of one kind (every choice label, say)."""
        tag = next((t for t, n in self.names.items() if n == name), None)
        return f"{tag} {MARKUP}" if tag else self.mark(name)


def _edit_yaml(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")


def _story(data: dict, f: Fields) -> None:
    for key in ("title", "summary", "key_message"):
        data[key] = f.mark(f"story {key}")
    data["objectives"][0], data["discussion"][0] = f.mark("story objective"), f.mark("discussion")
    for person in data["characters"].values():
        person["name"] = f.kind("character name")
    for scene in data["scenes"].values():
        scene["text"] = f.kind("ending text" if scene.get("ending") else "scene text")
        for choice in scene.get("choices") or ():
            choice["label"], choice["feedback"] = f.kind("choice label"), f.kind("feedback")
        if scene.get("ending"):
            scene["safer_choice"] = f.kind("safer choice")


def _school(data: dict, f: Fields) -> None:
    for key in ("name", "short_name"):
        data[key] = f.mark(f"school {key}")
    data["safeguarding"] = {  # the default school's policy names no one
        "lead": {"name": f.mark("lead name"), "role": f.mark("lead role")},
        "deputies": [{"name": f.mark("deputy name"), "role": f.mark("deputy role")}],
        "online_safety_lead": {"name": f.mark("online safety lead"), "role": "Teacher"}}
    data["trusted_adults"][0], data["how_to_tell"][0] = f.mark("trusted adult"), f.mark("how")
    data["rules"]["ks1"][0], data["rules"]["ks2"][0] = f.mark("rule ks1"), f.mark("rule ks2")
    for group in ("pupils", "parents"):
        data["commitments"][group][0]["text"] = f.mark(f"commitment to {group}")
    data["commitments"]["pupils"][0]["source"] = f.mark("commitment source")
    data["parent_expectations"][0]["text"] = f.mark("parent expectation")
    data["policy"]["title"] = f.mark("policy title")
    data["blocked_services"] = [f.mark("blocked service")]
    data["contact"] = {key: f.mark(f"contact {key}")
                       for key in ("phone", "email", "website", "address")}
    data["signposts"] = [{**{key: f.mark(f"signpost {key}")
                             for key in ("name", "phone", "text", "website")},
                          "source": "2.1"}]
    data["positions"] = {"event_photos": {"value": "ask-families", "says": f.mark("position says"),
                                          "source": f.mark("position source")}}


def _lesson(path, f: Fields) -> None:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["title"], data["summary"] = f.mark("lesson title"), f.mark("lesson summary")
    data["objectives"][0] = f.mark("lesson objective")
    data["key_words"] = {f.mark("key word"): f.mark("key word meaning"), **data["key_words"]}
    filled = "Call {{childline.phone}} or tell {{school.trusted_adults}} at {{school.name}}."
    slide = body.index("\n", body.index("\n### ") + 1)  # on the first slide: text before
    body = (body[:slide] + f"\n\n{f.mark('lesson body', BODY_HTML)}\n\n{filled}\n"  # it is
            f"{BODY_MARKDOWN}\n" + body[slide:])  # refused ("on no slide")
    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}",
                    encoding="utf-8")


def _facts(root, f: Fields) -> None:
    def helplines(data):
        for key in ("name", "phone", "for_pupils", "for_ks2", "for_parents", "source_title",
                    "checked"):
            data["childline"][key] = f.mark(f"helpline {key}")
        # a website must be a web address: the markup goes after its start
        data["childline"]["website"] = "https://example.org/?" + f.mark("helpline website")

    def age_limits(data):
        data["tiktok"]["name"], data["tiktok"]["summary"] = f.mark("app"), f.mark("app summary")

    def curriculum(data):
        first = next(iter(data.values()))
        for key in ("statement", "strand", "framework"):
            first[key] = f.mark(f"curriculum {key}")

    for name, change in (("helplines", helplines), ("age-limits", age_limits),
                         ("curriculum", curriculum)):  # topics' names show on no page
        _edit_yaml(root / f"facts/{name}.yml", change)


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory):
    """The project built with markup in every kind of field, served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("marked")
    root, fields = _copy_project(tmp), Fields()
    _edit_yaml(root / f"quizzes/ks1/{STORY}.yml", lambda data: _story(data, fields))
    _edit_yaml(root / "schools/default.yml", lambda data: _school(data, fields))
    _lesson(root / f"lessons/ks1/{LESSON}.md", fields)
    _facts(root, fields)
    site = tmp / "site"
    assert cli.run_build(root, "default", False, site) == 0
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_port}/", fields
    server.stop()


#: One page of each kind, and the hand-written pages that show facts and school settings.
PAGES = ["", "help/", "pupils/ks1/", f"play/{STORY}/", f"class/{STORY}/", "teachers/",
         f"teachers/scenarios/{STORY}/", "teachers/coverage/", "teachers/curriculum/",
         "teachers/facts/", f"lessons/{LESSON}/", f"lessons/{LESSON}/present/",
         f"lessons/{LESSON}/notes/", "parents/", "parents/get-help/", "parents/age-limits/",
         "parents/handouts/where-to-get-help/", "parents/sharing-photos/",
         "lessons/my-trusted-adults/"]

#: What the page shows as text (the title, the body's text outside scripts and pictures, and
#: the pictures' titles), which tags it holds and whether each is followed by its markup as
#: typed; and anything that could run.
PROBE = """(expected) => {
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "svg"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let e = node.parentElement; e; e = e.parentElement) { // not what was typed in search
        if (skip.has(e.tagName) || e.matches(".md-search__form")) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const parts = [document.title];
  while (walker.nextNode()) parts.push(walker.currentNode.data);
  document.querySelectorAll("svg title").forEach((t) => parts.push(" " + t.textContent));
  const text = parts.join("").replace(/\\s+/g, " ");
  const tags = {};
  for (const m of text.matchAll(/QX(\\d\\d) /g)) {
    const want = expected["QX" + m[1]];
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + want.length);
    const cut = after.split(" …")[0]; // the outline's and the map's snippets of a scene
    const shown = after === want || (after.includes(" …") && want.startsWith(cut));
    (tags["QX" + m[1]] ||= []).push(shown ? "text" : after);
  }
  const live = [];
  const url = /^javascript:/i;
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      const value = a.value.replace(/[\\x00-\\x20]/g, "");
      const leads = /^(href|src|action|formaction|data)$/i.test(a.name);
      if (/^on/i.test(a.name) || (leads && url.test(value))) {
        live.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
  }
  document.querySelectorAll("iframe, object, embed, img[src='x']").forEach(
    (el) => live.push(el.outerHTML.slice(0, 60)));
  document.querySelectorAll("script:not([type='application/json'])").forEach((s) => {
    if (s.textContent.includes("__pwned")) live.push("script: " + s.textContent.slice(0, 60));
  });
  return { tags, live, pwned: window.__pwned !== undefined };
}"""


def _look(page, where: str, fields: Fields, seen: dict, problems: list) -> None:
    found = page.evaluate(PROBE, fields.expected)
    if found["pwned"]:
        problems.append(f"{where}: a script ran")
    problems.extend(f"{where}: live {thing}" for thing in found["live"])
    for tag, shown in found["tags"].items():
        seen.setdefault(tag, set()).add(where)
        problems.extend(f"{where}: {fields.names[tag]} shows as {after!r}"
                        for after in shown if after != "text")


def _play_class_to_the_summary(page, moves: list[int], look) -> None:
    """Reveal the answers (``look`` then), then follow ``moves`` to the end and its summary."""
    page.wait_for_selector("#cw-class[data-python^='3.']", timeout=60_000)
    page.click('button[data-do="reveal"]')
    page.wait_for_selector(".cw-tally-feedback")
    look()
    for index in moves:
        page.click(f'.cw-tally button[data-do="teacher"][data-index="{index}"]')
        page.wait_for_selector('#cw-decision[data-phase="feedback"]')
        page.click('#cw-decision button[data-do="continue"]')
        page.wait_for_selector('#cw-decision:not([data-phase="feedback"])')
    page.click('button[data-show="summary"]')
    page.wait_for_selector("#cw-class-summary")


def test_markup_in_every_field_shows_as_text_and_never_runs(watched, marked_site):
    site, url, fields = marked_site
    page, seen, problems, dialogs = watched, {}, [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size({"width": 1920, "height": 1080})  # the table of contents shows
    story = playing.scenario(site, STORY)
    ending, moves = next(iter(playing.paths_to_every_ending(story).items()))
    for path in PAGES:
        page.goto(url + path, wait_until="networkidle")
        if path.startswith("play/"):
            page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
            _look(page, path, fields, seen, problems)
            playing.play_path(page, moves)
            path += f" (ending {ending})"
        elif path.startswith("class/"):
            _look(page, path, fields, seen, problems)
            _play_class_to_the_summary(page, moves, lambda: _look(
                page, f"{path} (answers revealed)", fields, seen, problems))
            path += " (summary)"
        _look(page, path, fields, seen, problems)
        page.wait_for_load_state("networkidle")  # nothing still loading is cut off
    page.goto(url + "teachers/", wait_until="networkidle")
    title = next(tag for tag, name in fields.names.items() if name == "lesson title")
    page.fill("input[data-md-component=search-query]", title)
    # Material's search reads the box on a key coming up (or when its index is ready), not on
    # the input event that fill() sends: a key ends the typing as a person's would.
    page.press("input[data-md-component=search-query]", "End")
    # Search's index comes in beside the offline copy of the whole site (the service worker
    # starts keeping it on the first page), so it may take longer than a page's usual wait.
    page.wait_for_selector(".md-search-result__item", timeout=90_000)
    _look(page, "search results", fields, seen, problems)
    assert dialogs == []
    assert problems == [], "\n".join(problems)
    assert {fields.names[t] for t in fields.names if t not in seen} == set()
