"""Screens drawn at build time: the first scene's practice, class mode's first decision and the
scenario outline, each of real controls, nested as written (Markdown's HTML parser keeps count),
and the scenario file keeping the controls in the order the author wrote them."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import yaml

import quiz_engine
from quiz_engine import play

ROOT = Path(__file__).resolve().parents[2]
VOID = {"img", "input", "br", "hr", "meta", "link", "source", "wbr", "area", "col", "embed"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []
        self.parts: list = []  # text and child nodes, in page order

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find_all(self, test) -> list[Node]:
        found = [self] if test(self) else []
        for child in self.children:
            found += child.find_all(test)
        return found

    def find(self, test) -> Node:
        found = self.find_all(test)
        assert found, "not found"
        return found[0]

    def words(self) -> str:
        return " ".join(" ".join(p if isinstance(p, str) else p.words() for p in self.parts).split())


class Tree(HTMLParser):
    """The page as nested nodes (the browser's nesting for well-formed HTML)."""

    def __init__(self, html: str):
        super().__init__()
        self.root = self.now = Node("#root", {})
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.now)
        self.now.children.append(node)
        self.now.parts.append(node)
        if tag not in VOID:
            self.now = node

    def handle_endtag(self, tag):
        node = self.now
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None:
            self.now = node.parent

    def handle_data(self, data):
        self.now.parts.append(data)


def page(site: Path, path: str) -> Node:
    return Tree((site / path / "index.html").read_text(encoding="utf-8")).root


def by_class(name: str):
    return lambda node: name in node.classes()


def story(site: Path, sid: str) -> quiz_engine.Scenario:
    return quiz_engine.Scenario.from_json((site / f"scenarios/{sid}.json").read_text())


def test_the_first_scene_draws_its_practice_with_real_controls(built_site):
    scene = page(built_site, "play/lily-where-are-you").find(lambda n: n.attrs.get("id") == "cw-scene")
    practice = scene.find(by_class("cw-practice"))
    device = practice.find(by_class("cw-device"))
    assert device.attrs["data-kind"] == "popup"
    assert device.find(by_class("cw-device-screen")).attrs["role"] == "group"
    answers = device.find_all(lambda n: n.attrs.get("data-control") == "answer")
    assert [(n.tag, n.words(), n.attrs["aria-pressed"]) for n in answers] == [
        ("button", "Allow", "false"), ("button", "Don't allow", "false")]
    tell = practice.find(by_class("cw-offscreen")).find(lambda n: n.tag == "button")
    assert (tell.words(), "disabled" in tell.attrs) == ("Ask Dad what it means", False)
    assert [b.attrs["data-do"] for b in practice.find_all(lambda n: "data-do" in n.attrs)] == [
        "check", "continue"]
    assert "hidden" in practice.find(by_class("cw-practice-answer")).attrs


def test_class_mode_draws_the_screen_and_the_moves_to_vote_on_inside_the_decision(built_site):
    decision = page(built_site, "class/lily-where-are-you").find(
        lambda n: n.attrs.get("id") == "cw-decision")
    parts = [c for c in decision.children if c.tag != "p"]
    assert [(c.tag, c.classes()[0]) for c in parts] == [("div", "cw-practice"), ("ul", "cw-tallies")]
    played = story(built_site, "lily-where-are-you")
    moves = [c["label"] for c in play.view(played, play.start(played))["choices"]]
    labels = [n.words() for n in decision.find_all(by_class("cw-tally-label"))]
    assert labels == moves == ['Press "Allow"', 'Press "Don\'t allow"',
                               'Press "Ask Dad what it means"']


def test_the_outline_prints_every_screen_still_with_its_goal(built_site):
    outline = page(built_site, "teachers/scenarios/amira-settings-check")
    played = story(built_site, "amira-settings-check")
    screens = outline.find_all(by_class("cw-outline-screen"))
    assert [s.find(by_class("cw-device")).attrs["data-kind"] for s in screens] == [
        scene.screen.kind for scene in played.scenes.values() if scene.screen]
    controls = outline.find_all(lambda n: "data-control" in n.attrs)
    assert controls and all("disabled" in n.attrs for n in controls)
    practice = screens[0].words()
    items = [li.words() for li in screens[0].find_all(lambda n: n.tag == "li")]
    assert items[0] == ("Goal: Private account: on. Show my location to players nearby: off. "
                        "Who can send me messages? Friends or No one. Who can comment on my "
                        "builds? Friends or No one. Ask me before anyone tags me: on.")
    assert items[1] == "Private account: " + played.scene("settings").practice.feedback["private"]
    assert "Hint (after two tries): " + played.scene("settings").practice.hint in practice
    assert "Goes on to: request , whether the goal is met or not." in practice
    assert "Who can send me messages? Everyone: Everyone means anyone at all" in practice


def test_a_screens_controls_keep_the_authored_order(built_site):
    authored = yaml.safe_load((ROOT / "quizzes/ks2/amira-settings-check.yml").read_text())
    shipped = json.loads((built_site / "scenarios/amira-settings-check.json").read_text())
    assert list(shipped["scenes"]["settings"]["screen"]["controls"]) == \
        list(authored["scenes"]["settings"]["screen"]["controls"]) == \
        ["private", "location", "messages", "comments", "tags"]
