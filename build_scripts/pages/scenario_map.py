"""A scenario's map (inline SVG, drawn at build time) and the outline of its paths, for teachers.

The map is layered (Sugiyama style): with "try again" loops set aside, a scene sits one row below
the longest chain of choices leading to it, endings share the bottom row, and an arrow crossing
rows runs through waypoints, so it never cuts a box; its label is a waypoint too, so labels never
overlap. Pure functions of a quiz_engine Scenario, standard library only.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from itertools import combinations
from xml.sax.saxutils import escape

from quiz_engine import practice
from quiz_engine.model import Choice, Scenario, Scene

BOX_W, DOT_W, MARGIN, GAP_X, GAP_Y, PAD, LINE = 176, 14, 12, 18, 30, 7, 15
FONT, SMALL = 12.5, 11.5
INK, EDGE, BRAND = "#1b1b2f", "#424242", "#303f9f"
ICONS = {"safe": "✓", "unsure": "?", "risky": "!"}
# kind: (fill, border, text colour, border dashes, border width, tag). Colours match
# clickwise.css; each text colour has >= 4.5:1 contrast on its fill and on white (tests check).
STYLES = {
    "scene": ("#ffffff", BRAND, INK, "", 1.5, ""),
    "start": ("#e8eaf6", BRAND, BRAND, "", 3, "▶ Start"),
    "safe": ("#e8f5e9", "#2e7d32", "#1b5e20", "", 3, "✓ Safe ending"),
    "unsure": ("#fff3e0", "#b26a00", "#7a4a00", "8 4", 2.5, "? Unsure ending"),
    "risky": ("#fdecea", "#c62828", "#8e1b1b", "2 3", 2.5, "! Risky ending"),
    "label": ("#ffffff", EDGE, INK, "", 1, ""),
}


@dataclass
class Node:
    """A box in the drawing: a scene, an arrow's label or an arrow's waypoint."""
    key: str
    level: int
    width: float
    lines: list[str] = field(default_factory=list)
    kind: str = "dot"
    x: float = 0.0
    y: float = 0.0
    span: float = 0.0  # a waypoint runs straight down through its whole row

    @property
    def height(self) -> float:
        return 2 * PAD + LINE * len(self.lines) if self.lines else self.span


@dataclass
class Arrow:
    """Every choice from one scene to another, drawn as one arrow through ``chain``."""
    source: str
    target: str
    choices: list[Choice] = field(default_factory=list)
    back: bool = False
    chain: list[str] = field(default_factory=list)
    lanes: tuple[str, str] = ("", "")  # the two waypoints that may carry the label


@dataclass
class Layout:
    """Where everything goes: nodes by key, arrows, rows of node keys, the overall size."""
    nodes: dict[str, Node]
    arrows: list[Arrow]
    levels: list[list[str]]
    up: dict[str, list[str]] = field(default_factory=dict)  # neighbours along the arrows
    down: dict[str, list[str]] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def snippet(text: str, width: int = 23, lines: int = 3) -> list[str]:
    """The first few words of ``text``, wrapped into at most ``lines`` lines."""
    return textwrap.wrap(" ".join(text.split()), width, max_lines=lines, placeholder=" …") or [""]


def layout(scenario: Scenario) -> Layout:
    """Rows, order and positions for every scene and arrow of ``scenario``."""
    order, loops = _walk(scenario)
    arrows = _arrows(scenario, loops)
    rank = dict.fromkeys(order, 0)
    for sid in order:
        for arrow in arrows:
            if arrow.source == sid and not arrow.back:
                rank[arrow.target] = max(rank[arrow.target], rank[sid] + 1)
    # Every ending on the bottom row: each path ends with a grown-up helping, side by side.
    bottom = max(rank.values())
    rank.update({sid: bottom for sid in order if scenario.scene(sid).ending})
    lay = _nodes(scenario, order, arrows, rank)
    _order(lay)
    _label(lay)
    _place(lay)
    return lay


def _walk(scenario: Scenario) -> tuple[list[str], set[tuple[str, str]]]:
    """Scenes in depth-first order from the start (a topological order once loops are set
    aside), and the loops: choices that go back to a scene still being explored."""
    state: dict[str, str] = {}
    finished: list[str] = []
    loops: set[tuple[str, str]] = set()

    def visit(sid: str) -> None:
        state[sid] = "open"
        for goto in (choice.goto for choice in scenario.scene(sid).ways_on()):
            if state.get(goto) == "open":
                loops.add((sid, goto))
            elif goto not in state:
                visit(goto)
        state[sid] = "done"
        finished.append(sid)

    for sid in (scenario.start, *scenario.scenes):
        if sid not in state:
            visit(sid)
    return finished[::-1], loops


def _arrows(scenario: Scenario, loops: set[tuple[str, str]]) -> list[Arrow]:
    merged: dict[tuple[str, str], Arrow] = {}
    for scene in scenario.scenes.values():
        for choice in scene.ways_on():
            key = (scene.id, choice.goto)
            merged.setdefault(key, Arrow(*key, back=key in loops)).choices.append(choice)
    return list(merged.values())


def _nodes(scenario: Scenario, order: list[str], arrows: list[Arrow], rank: dict) -> Layout:
    """Scene boxes on every third row; between two rows of scenes, two rows (lanes) of
    waypoints, one of which will carry the label."""
    nodes = {sid: _scene_node(scenario, sid, 3 * rank[sid]) for sid in order}
    for index, arrow in enumerate(arrows):
        top, bottom = (arrow.target, arrow.source) if arrow.back else (arrow.source, arrow.target)
        lo, hi = nodes[top].level, max(nodes[bottom].level, nodes[top].level + 3)
        for level in range(lo + 1, hi):
            nodes[f"{index}:{level}"] = Node(f"{index}:{level}", level, DOT_W)
        arrow.chain = [top, *(f"{index}:{level}" for level in range(lo + 1, hi)), bottom]
        # The label sits in the gap next to the scene the choice is made in.
        arrow.lanes = tuple(arrow.chain[-3:-1] if arrow.back else arrow.chain[1:3])
    lay = Layout(nodes, arrows, [[] for _ in range(max(n.level for n in nodes.values()) + 1)],
                 {key: [] for key in nodes}, {key: [] for key in nodes})
    for node in nodes.values():
        lay.levels[node.level].append(node.key)
    for arrow in arrows:
        for above, below in zip(arrow.chain, arrow.chain[1:]):
            lay.down[above].append(below)
            lay.up[below].append(above)
    return lay


def _scene_node(scenario: Scenario, sid: str, level: int) -> Node:
    scene = scenario.scene(sid)
    kind = scene.ending.kind if scene.ending else "start" if sid == scenario.start else "scene"
    tag = STYLES.get(kind, STYLES["scene"])[5]
    name = sid if len(sid) <= 22 else sid[:21] + "…"
    return Node(sid, level, BOX_W, [name, *([tag] if tag else []), *snippet(scene.text)], kind)


def _label_lines(arrow: Arrow) -> list[str]:
    """Each choice as "✓ safe · label" in up to three short lines; loops marked with ↺."""
    lines = []
    for choice in arrow.choices:
        head = f"{'↺ ' if arrow.back else ''}{ICONS.get(choice.outcome, '·')} {choice.outcome}"
        first, *rest = snippet(f"{head} · {choice.label}", 22, 3)
        lines += [first, *("  " + line for line in rest)]  # hanging indent: one choice each
    return lines


def _label(lay: Layout) -> None:
    """Give each arrow's label to one of its two lanes: the first lane, or, in a gap with
    four or more labels, the two lanes in turn so that neighbouring labels may overlap."""
    gaps: dict[int, list[Arrow]] = {}
    for arrow in lay.arrows:
        gaps.setdefault(lay.nodes[arrow.lanes[0]].level, []).append(arrow)
    for level, arrows in gaps.items():
        where = {key: i for i, key in enumerate(lay.levels[level])}
        arrows.sort(key=lambda arrow: where[arrow.lanes[0]])
        for i, arrow in enumerate(arrows):
            node = lay.nodes[arrow.lanes[i % 2 if len(arrows) >= 4 else 0]]
            node.lines, node.kind = _label_lines(arrow), "label"
            node.width = max(len(line) for line in node.lines) * SMALL * 0.58 + 2 * PAD


def _order(lay: Layout, rounds: int = 16) -> None:
    """Sort each row by where its neighbours sit (barycentres), sweeping down then up, and
    keep the order with the fewest crossing arrows."""
    levels = lay.levels
    best = (_crossings(levels, lay.down), [list(row) for row in levels])
    for turn in range(rounds):
        step, links = (1, lay.up) if turn % 2 == 0 else (-1, lay.down)
        for row in range(1, len(levels)) if step == 1 else range(len(levels) - 2, -1, -1):
            ref = {key: i for i, key in enumerate(levels[row - step])}

            def centre(item: tuple[int, str]) -> float:
                seen = [ref[n] for n in links[item[1]] if n in ref]
                return sum(seen) / len(seen) if seen else item[0]

            levels[row] = [key for _, key in sorted(enumerate(levels[row]), key=centre)]
        best = min(best, (_crossings(levels, lay.down), [list(row) for row in levels]))
    levels[:] = best[1]


def _crossings(levels: list[list[str]], down: dict) -> int:
    total = 0
    for upper, lower in zip(levels, levels[1:]):
        where = {key: i for i, key in enumerate(lower)}
        links = [(i, where[n]) for i, key in enumerate(upper) for n in down[key] if n in where]
        total += sum((a - c) * (b - d) < 0 for (a, b), (c, d) in combinations(links, 2))
    return total


def _place(lay: Layout, rounds: int = 12) -> None:
    """x: pull each node towards its neighbours, keeping order and gaps; y: row by row."""
    nodes = lay.nodes
    for row in lay.levels:
        _spread([nodes[k] for k in row], [0.0] * len(row))
    for turn in range(rounds):
        rows, links = (lay.levels[1:], lay.up) if turn % 2 == 0 else (lay.levels[-2::-1], lay.down)
        for row in rows:
            want = [sum(nodes[n].x for n in links[k]) / len(links[k]) if links[k] else nodes[k].x
                    for k in row]
            _spread([nodes[k] for k in row], want)
    left = min(n.x - n.width / 2 for n in nodes.values())
    y = MARGIN
    for row in lay.levels:
        span = max((nodes[k].height for k in row), default=0)
        for key in row:
            nodes[key].x += MARGIN - left
            nodes[key].y = y
            nodes[key].span = span
        y += span + (GAP_Y if span else 0)
    lay.width = max(n.x + n.width / 2 for n in nodes.values()) + MARGIN
    lay.height = y - GAP_Y + MARGIN


def _spread(row: list[Node], want: list[float]) -> None:
    """Put ``row`` as near ``want`` as the gaps allow: the mean of a left and a right pack."""
    gaps = [(a.width + b.width) / 2 + GAP_X for a, b in zip(row, row[1:])]
    left, right = list(want), list(want)
    for i in range(1, len(row)):
        left[i] = max(want[i], left[i - 1] + gaps[i - 1])
    for i in range(len(row) - 2, -1, -1):
        right[i] = min(want[i], right[i + 1] - gaps[i])
    for node, a, b in zip(row, left, right):
        node.x = (a + b) / 2


def svg(scenario: Scenario, lay: Layout | None = None) -> str:
    """The map as an inline SVG string: role="img", a title and a description, a viewBox, and
    100% wide up to its natural size, given in rem (20px to Material's rem) so that the map grows
    with the reader's text size. Authored text is XML-escaped."""
    lay = lay or layout(scenario)
    w, h, sid = round(lay.width), round(lay.height), escape(scenario.id)
    ports = _ports(lay)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cw-map" role="img" viewBox="0 0 {w} {h}"'
        f' width="100%" style="--cw-map-width:{w / 20:g}rem;max-width:var(--cw-map-width);'
        f'height:auto" aria-labelledby="map-{sid}-title'
        f' map-{sid}-desc" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial,'
        f' sans-serif" font-size="{FONT}">',
        f'<title id="map-{sid}-title">Map of the scenario "{escape(scenario.title)}"</title>',
        f'<desc id="map-{sid}-desc">{escape(_describe(scenario))}</desc>',
        f'<defs><marker id="arrow-{sid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
        f' markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="{EDGE}"/></marker></defs>',
        f'<rect width="{w}" height="{h}" rx="10" fill="#ffffff"/>',
    ]
    for index, arrow in enumerate(lay.arrows):
        dash = ' stroke-dasharray="6 4"' if arrow.back else ""
        parts.append(f'<path d="{_path(lay, arrow, ports[index])}" fill="none" stroke="{EDGE}"'
                     f' stroke-width="1.6"{dash} marker-end="url(#arrow-{sid})"/>')
    for node in lay.nodes.values():
        if node.lines:
            parts.append(_box(node))
    parts.append("</svg>")
    return "\n".join(parts)


def _describe(scenario: Scenario) -> str:
    kinds = [s.ending.kind for s in scenario.scenes.values() if s.ending]
    counts = ", ".join(f"{kinds.count(k)} {k}" for k in ICONS if k in kinds)
    return (f"{len(scenario.scenes)} scenes, starting at \"{scenario.start}\", and "
            f"{len(kinds)} endings ({counts}). Each box is a scene; each arrow is a choice, "
            "labelled with how safe it is. Dashed arrows marked ↺ go back to an earlier scene. "
            "Every path is also written out below the map.")


def _ports(lay: Layout) -> list[list[float]]:
    """x where each arrow leaves or enters each scene box, spread out in neighbour order."""
    ends: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for index, arrow in enumerate(lay.arrows):
        chain = arrow.chain
        ends.setdefault((chain[0], "bottom"), []).append((lay.nodes[chain[1]].x, index, 0))
        last = (chain[-1], "bottom" if arrow.source == arrow.target else "top")
        ends.setdefault(last, []).append((lay.nodes[chain[-2]].x, index, 1))
    found = [[0.0, 0.0] for _ in lay.arrows]
    for (key, _), items in ends.items():
        node = lay.nodes[key]
        for i, (_, index, which) in enumerate(sorted(items)):
            found[index][which] = node.x + node.width * 0.8 * ((i + 1) / (len(items) + 1) - 0.5)
    return found


def _path(lay: Layout, arrow: Arrow, ports: list[float]) -> str:
    """A smooth path down the arrow's chain (reversed for loops, so the head is at the end)."""
    nodes = [lay.nodes[k] for k in arrow.chain]
    points = [(ports[0], nodes[0].y + nodes[0].height)]
    if arrow.source == arrow.target:  # a scene that loops to itself: down to the label and back
        label = next(node for node in nodes if node.kind == "label")
        points += [(label.x - 6, label.y), (label.x + 6, label.y), (ports[1], points[0][1])]
    else:
        for node in nodes[1:-1]:
            points += [(node.x, node.y), (node.x, node.y + node.height)]
        points.append((ports[1], nodes[-1].y))
    if arrow.back:
        points.reverse()
    d = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        bend = (y2 - y1) / 2
        d += f"C{x1:.1f} {y1 + bend:.1f} {x2:.1f} {y2 - bend:.1f} {x2:.1f} {y2:.1f}"
    return d


def _box(node: Node) -> str:
    """A scene box (id, tag, first words) or an arrow's label box."""
    left, top = node.x - node.width / 2, node.y
    fill, border, _, dash, width, _ = STYLES.get(node.kind, STYLES["scene"])
    dashes = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    out = [f'<g class="cw-map-{node.kind}"><rect x="{left:.1f}" y="{top:.1f}"'
           f' width="{node.width:.1f}" height="{node.height:.1f}" rx="{4 if node.kind == "label" else 8}"'
           f' fill="{fill}" stroke="{border}" stroke-width="{width}"{dashes}/>']
    for i, line in enumerate(node.lines):
        x, y = left + PAD + (10 if line.startswith("  ") else 0), top + PAD + LINE * (i + 0.78)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}"{_line(node, i, line.strip())}</text>')
    return "".join(out) + "</g>"


def _line(node: Node, index: int, line: str) -> str:
    """One line's style and text: a scene's id and tag in bold, a label's "✓ safe" head in
    bold and the outcome's colour."""
    head, sep, rest = line.partition(" · ")
    if node.kind == "label" and sep and head.split(" ")[-1] in ICONS:
        colour = STYLES[head.split(" ")[-1]][2]
        return (f' font-size="{SMALL}" fill="{INK}"><tspan font-weight="bold" fill="{colour}">'
                f"{escape(head)}</tspan> · {escape(rest)}")
    if node.kind == "label":
        return f' font-size="{SMALL}" fill="{INK}">{escape(line)}'
    tag = index == 1 and STYLES.get(node.kind, STYLES["scene"])[5] == line
    bold = ' font-weight="bold"' if index == 0 or tag else ""
    return f'{bold} fill="{STYLES[node.kind][2] if tag else INK}">{escape(line)}'


def paths(scenario: Scenario) -> list[dict]:
    """Every path from the start to an ending that plays no scene twice, in play order.

    Only paths the engine lets a pupil play count (a choice's ``when`` must hold for the
    flags set so far); choices that lead between the same two scenes on a path are merged.
    Each path is ``{"steps": [{"scene", "text", "choices": [Choice]}], "ending": {...}}``.
    """
    found: dict[tuple[str, ...], list[set[Choice]]] = {}

    def walk(sid: str, seen: tuple[str, ...], taken: tuple[Choice, ...], flags: frozenset) -> None:
        if scenario.scene(sid).ending:
            for options, choice in zip(found.setdefault(seen, [set() for _ in taken]), taken):
                options.add(choice)
        for choice in scenario.scene(sid).ways_on():
            if choice.goto not in seen and choice.offered(flags):
                walk(choice.goto, seen + (choice.goto,), taken + (choice,),
                     flags | frozenset(choice.sets))

    walk(scenario.start, (scenario.start,), (), frozenset())
    return [{"steps": [{"scene": sid, "text": " ".join(snippet(scenario.scene(sid).text, 60, 1)),
                        "choices": sorted(options, key=scenario.scene(sid).ways_on().index)}
                       for sid, options in zip(seen, merged)],
             "ending": _ending(scenario.scene(seen[-1]))} for seen, merged in found.items()]


def _ending(end: Scene) -> dict:
    return {"scene": end.id, "kind": end.ending.kind, "text": end.text,
            "safer_choice": end.ending.safer_choice}


def outline(scenario: Scenario) -> list[dict]:
    """The paths grouped by ending: safe endings first, then unsure, then risky."""
    groups: dict[str, dict] = {}
    for path in paths(scenario):
        end = path["ending"]
        groups.setdefault(end["scene"], dict(end, paths=[]))["paths"].append(path)
    rank = {kind: i for i, kind in enumerate(ICONS)}
    return sorted(groups.values(), key=lambda g: rank.get(g["kind"], len(rank)))


def screens(scenario: Scenario) -> list[dict]:
    """Every scene's screen as it starts (drawn, not live), with its practice: the goal, each
    control's feedback (a line, or a line per option), the hint and where the story goes on."""
    found = []
    for scene in (s for s in scenario.scenes.values() if s.screen):
        found.append({"scene": scene.id, "text": scene.text, "practice": scene.practice,
                      "screen": dict(practice.screen_view(scene, []), live=False),
                      "goal": practice.goal_view(scene) if scene.practice else []})
    return found
