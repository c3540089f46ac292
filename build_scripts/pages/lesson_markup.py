"""What a lesson's Markdown may hold beyond plain Markdown, and the HTML it becomes.

- A picture: ``![Sam](pictures/sam.svg)``, a file in ``content/``. On a slide the pictures go
  beside the words, each with its words under it; in the plan and notes they stay small.
- A sort: a ``!!! sort`` block whose lines are the groups pupils sort into (two circles, three
  hoops), one ``- `` line each, a picture first if it has one::

      !!! sort
          - ![A padlock](pictures/padlock.svg) Private
          - OK to share

- A list straight under a line of text stays a list. Markdown wants a blank line first and
  otherwise runs the items into the paragraph; teachers write lists the natural way.

Authored words in the HTML made here are escaped: they are shown as text, never as markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

PICTURE = re.compile(r"!\[([^\]]*)\]\(\s*([^)\s]+)\s*\)")
SORT_START = re.compile(r"^( *)!!! sort\s*$")
ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)]) ")
#: A code fence opening or closing, at any indent (inside a list item too): what is inside is
#: code, never a heading, a block or a sort.
FENCE = re.compile(r"^ *(```|~~~)")


@dataclass(frozen=True)
class Picture:
    """A picture file in content/ (``src``) and the words for it (``name``)."""

    name: str
    src: str


def render(text: str, base: str) -> str:
    """Lesson Markdown for the plan and the notes: sorts drawn, pictures small, lists apart.
    ``base`` leads from the page back to the site's root."""
    text = render_sorts(text, base)
    return lists_apart(PICTURE.sub(lambda m: _img(Picture(m.group(1), m.group(2)), base,
                                                  "cw-lesson-picture"), text))


def take_pictures(text: str) -> tuple[str, list[Picture]]:
    """A slide's Markdown without its pictures, and the pictures (they go beside the words).
    A picture in a sort's group stays there."""
    pictures: list[Picture] = []
    kept: list[str] = []
    for block in _blocks(text.splitlines()):
        if isinstance(block, _Sort):
            kept += block.lines
            continue
        pictures += [Picture(m.group(1).strip(), m.group(2)) for m in PICTURE.finditer(block)]
        kept.append(PICTURE.sub("", block).rstrip())
    return ("\n".join(kept).strip("\n") + "\n" if pictures else text), pictures


def render_sorts(text: str, base: str) -> str:
    """Every ``!!! sort`` block in ``text`` as a list of groups drawn as circles."""
    out: list[str] = []
    for block in _blocks(text.splitlines()):
        if isinstance(block, str):
            out.append(block)
            continue
        pad = " " * block.indent  # a sort in a note block stays in it
        out += ["", f'{pad}<ul class="cw-sort">', *(
            f'{pad}<li class="cw-sort-group">{_group(label, base)}</li>'
            for label in block.groups), f"{pad}</ul>", ""]
    return "\n".join(out)


def problems(body: str) -> list[tuple[int, str]]:
    """``(line, message)`` for each picture or sort in ``body`` that cannot be shown (lines
    counted from 1). Whether a picture's file exists is for the caller, who knows the root."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(body.splitlines(), 1):
        for match in PICTURE.finditer(line):
            found += [(number, message) for message in picture_problems(*match.groups())]
    for block in _blocks(body.splitlines()):
        if not isinstance(block, _Sort):
            continue
        if len(block.groups) < 2:
            found.append((block.line, 'a sort needs two or more groups under "!!! sort", '
                                      'one "- " line each, indented by four spaces'))
        found += [(number, 'each line under "!!! sort" is a group: start it with "- "')
                  for number in block.stray]
    return found


def picture_problems(name: str, src: str) -> list[str]:
    """What is wrong with one ``![name](src)``, in the author's words."""
    found = []
    if "://" in src or src.startswith("//"):
        found.append(f'picture "{src}" is on the internet: put the file in content/pictures/ '
                     "(the site works offline)")
    if not name.strip():
        found.append(f'picture "{src}" has no words in its [ ]: say who or what it shows, '
                     "e.g. ![Sam](pictures/sam.svg)")
    return found


def pictures_in(body: str) -> list[tuple[int, str]]:
    """``(line, file)`` of every picture in ``body`` (lines counted from 1)."""
    return [(number, match.group(2)) for number, line in enumerate(body.splitlines(), 1)
            for match in PICTURE.finditer(line) if "://" not in match.group(2)]


def lists_apart(text: str) -> str:
    """``text`` with a blank line put before each list that follows a line of text directly,
    at any indentation (a list in a note block too); lists already apart are left alone."""
    out: list[str] = []
    list_indent: int | None = None
    previous = ""
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        indent = len(line) - len(line.lstrip(" "))
        item = None if fenced else ITEM.match(line)
        if item:
            if previous.strip() and (list_indent is None or indent < list_indent):
                out.append("")
            list_indent = indent if list_indent is None else min(list_indent, indent)
        elif line.strip() and not previous.strip() and list_indent is not None \
                and indent <= list_indent:
            list_indent = None  # a paragraph after a blank line ends the list
        out.append(line)
        previous = line
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


@dataclass
class _Sort:
    """A ``!!! sort`` block: the line it starts on and its groups' labels."""

    line: int
    indent: int
    lines: list[str]
    groups: list[str] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)


def _blocks(lines: list[str]):
    """The lines, with each sort block gathered into one _Sort; other lines come as they are."""
    block: _Sort | None = None
    for number, line in enumerate(lines, 1):
        if block is not None:
            inside = len(line) - len(line.lstrip(" ")) > block.indent
            if not line.strip() or inside:
                block.lines.append(line)
                item = ITEM.match(line)
                if item:
                    block.groups.append(line[item.end():].strip())
                elif line.strip():
                    block.stray.append(number)
                continue
            yield block
            block = None
        start = SORT_START.match(line)
        if start:
            block = _Sort(number, len(start.group(1)), [line])
        else:
            yield line
    if block is not None:
        yield block


def _group(label: str, base: str) -> str:
    picture = PICTURE.search(label)
    words = PICTURE.sub("", label).strip()
    drawn = _img(Picture("", picture.group(2)), base, "cw-sort-picture") if picture else ""
    return f'{drawn}<span class="cw-sort-label">{html.escape(words)}</span>'


def _img(picture: Picture, base: str, kind: str) -> str:
    return (f'<img class="{kind}" src="{html.escape(base + picture.src)}" '
            f'alt="{html.escape(picture.name)}" width="200" height="200">')
