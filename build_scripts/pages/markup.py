"""Authored text on the site's pages: always shown as text, never run as code.

Every generated page is Markdown with HTML blocks before MkDocs makes it HTML, so a title, a
school's name or a fact must be plain text in both languages at once: its HTML characters and
the characters that start Markdown (links, emphasis, code, tables, attribute lists) are written
as character references, which read the same in HTML and mean nothing to Markdown. The
templates do this to every value they write (``render.environment``), and the hooks to every
fact or school setting filled into a page (``placeholders.fill``).

A lesson's body is the one piece of authored Markdown. It may use Markdown (headings, lists,
emphasis, tables, links, teacher-notes blocks), but HTML in it is shown as text
(``lesson_body``). Last, ``SafeLinks`` checks every page MkDocs renders: a link or picture may
only lead to a web page, an email address, a phone number or a page of this site, and no
element may carry an event handler (an attribute list such as ``{: onclick=... }``).
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

#: Characters written as references wherever they are: HTML's own, Markdown's and its
#: extensions' (attribute lists ``{}``, tables ``|``; ``#`` closes a heading).
_REFERENCE = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}|#"} | {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&#34;", ord("'"): "&#39;"}
#: What starts a block when a value begins a line (after a space at most): a list (``-``,
#: ``+``, ``1.``), a heading's underline (``=``) or a notes block (``!!!``). Only its last
#: character needs a reference.
_BLOCK_START = re.compile(r"^ ?(?:[-+=!]|\d+[.)])")
#: Markdown code, fenced or inline (it shows what is written; never a value said to a reader).
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)
#: A ``<`` that does not start an automatic link to a web page (``<https://...>``).
_NOT_AUTOLINK = re.compile(r"<(?!https?://[^<>\s]+>)")
SCHEMES = ("http", "https", "mailto", "tel")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster",
                   "background", "cite", "srcset")
#: Spaces and line ends, which Markdown reads as the end of a line or a block (a no-break space
#: is kept: it is what the author meant).
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers skip these inside a scheme


def text(value) -> Markup:
    """``value`` as text that HTML and Markdown both show exactly as written, on one line."""
    words = _SPACES.sub(" ", str(value))  # one space stays one: "; " between links, say
    start = _BLOCK_START.match(words)
    if not start:
        return Markup(words.translate(_REFERENCE))
    last = start.end() - 1
    return Markup(words[:last] + f"&#{ord(words[last])};" + words[last + 1:].translate(_REFERENCE))


def finalize(value):
    """Jinja's last step for every ``{{ value }}``: text stays text (see ``text``). Values
    already marked safe (``tojson``, macros, ``| safe``) and numbers are left as they are."""
    return text(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def page_title(value) -> Markup:
    """A page's ``title:`` in its front matter. MkDocs and Material write the title into the
    page's ``<title>``, header, navigation and search as HTML, so it goes in as text."""
    return Markup(json.dumps(str(text(value)), ensure_ascii=False))


def code(value) -> Markup:
    """``value`` shown as code, whatever it holds (a backtick would end a Markdown code span)."""
    return Markup(f"<code>{text(value)}</code>")


def link(label, url: str) -> Markup:
    """A Markdown link to ``url`` when it leads to a web page, email or phone; else the label."""
    if not allowed_url(url) or not _SCHEME.match(url.strip()):
        return text(label)
    target = urllib.parse.quote(url.strip(), safe=":/?#@!$&*+,;=%~-._")
    return Markup(f"[{text(label)}]({target})")


def outside_code(markdown: str, change) -> str:
    """``markdown`` with ``change`` applied to everything but its code."""
    parts = CODE.split(markdown)
    return "".join(p if i % 2 else change(p) for i, p in enumerate(parts))


def lesson_body(markdown: str) -> str:
    """A lesson's Markdown with any HTML in it shown as text (links to web pages written as
    ``<https://...>`` stay links). Code shows what is written anyway."""
    return outside_code(markdown, lambda part: _NOT_AUTOLINK.sub("&lt;", part))


def allowed_url(url: str) -> bool:
    """A web page, an email address, a phone number or a page of this site (no scheme)."""
    plain = _IGNORED_IN_URL.sub("", html.unescape(url))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in SCHEMES


class _SafeLinksProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name, value in list(element.items()):
                lower = name.lower()
                if lower.startswith("on") or lower == "srcdoc" or (
                        lower in _URL_ATTRIBUTES and value and not allowed_url(value)):
                    del element.attrib[name]


class SafeLinks(Extension):
    """Links only to web pages, email, phones and this site; no event handlers (see above)."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's name
        # After every other step (attribute lists at 8, restoring escapes at 0).
        md.treeprocessors.register(_SafeLinksProcessor(md), "clickwise_safe_links", -10)


def makeExtension(**kwargs) -> SafeLinks:  # noqa: N802 - Markdown's name for the entry point
    """``build_scripts.pages.markup`` in mkdocs.yml's ``markdown_extensions``."""
    return SafeLinks(**kwargs)
