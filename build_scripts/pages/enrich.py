"""What the build adds to a page's HTML once Markdown has made it, for a parent on a phone.

- Every phone number is a ``tel:`` link, every helpline named (``facts/helplines.yml``) is a
  link to its website, and a web address written out is a link to it, wherever the page shows
  them: typed or filled in from a fact.
- Each cell of a table with a header row is labelled with its column's heading
  (``data-label``), so that on a narrow screen a table can show each row as a card
  (``clickwise.css``) without losing what each value is.

Only text is changed: never inside a link, a button, code, a heading or a script, nor on a
class slide (read from across the room, where a link is of no use and a tap on it would leave
the lesson), and the page's own markup is written back as it was.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

#: Where a link would be wrong, or of no use: inside these, text is left as it is.
KEEP = {"a", "button", "script", "style", "code", "pre", "textarea", "select", "option", "svg",
        "summary", "label", "caption", "title", "h1", "h2", "h3", "h4", "h5", "h6"}
#: A UK phone number (0800 1111, 0808 800 5000, 01234 567890) or a short one (999, 101, 111).
PHONE = r"0\d{3,4}(?: \d{3,4}){1,2}|999|101|111"
#: A web address written out in the text (not already a link); the end's full stop is not it.
ADDRESS = r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]"


def links_for(helplines: dict, school: dict) -> list[tuple[str, str]]:
    """``(text, address)`` for every phone number and named service the pages may show:
    each helpline's name (and its name before any brackets) to its website."""
    found = []
    for entry in helplines.values():
        if not isinstance(entry, dict) or not entry.get("website"):
            continue
        name = str(entry.get("name") or "")
        if entry.get("phone") and str(entry["phone"]) in name:
            continue  # "Emergency services (999)": the number is the link
        short = name.split(" (")[0]
        found += [(text, entry["website"]) for text in dict.fromkeys((name, short)) if text]
    return found


def enrich(page_html: str, services: list[tuple[str, str]]) -> str:
    """``page_html`` with phone numbers and services linked and table cells labelled."""
    rewriter = _Rewriter(_linker(services))
    rewriter.feed(page_html)
    rewriter.close()
    return "".join(rewriter.out)


def _linker(services: list[tuple[str, str]]):
    """A function that links every phone number and service named in a piece of text."""
    where = {html.escape(name, quote=False): address for name, address in services}
    names = "|".join(re.escape(name) for name in sorted(where, key=len, reverse=True)) or "(?!)"
    pattern = re.compile(rf"({ADDRESS})|(?<![\w/.-])(?:({names})|({PHONE}))(?![\w/-]|\.\d)")

    def one(match: re.Match) -> str:
        text = match.group(0)
        if match.group(1):
            return f'<a href="{html.escape(html.unescape(text))}">{text}</a>'
        if match.group(2):
            return f'<a href="{html.escape(where[match.group(2)])}">{text}</a>'
        return f'<a class="cw-tel" href="tel:{text.replace(" ", "")}">{text}</a>'
    return lambda text: pattern.sub(one, text)


class _Rewriter(HTMLParser):
    """Writes the HTML back as it came, linking text outside KEEP and labelling table cells.
    Text is gathered as written (character references and all) until the next tag, so that a
    web address with ``&amp;`` in it is one piece."""

    def __init__(self, link):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.text: list[str] = []
        self.link = link
        self.kept = 0  # how many KEEP elements we are inside
        self.slide = 0  # how deep in sections we are inside a class slide (0: not in one)
        self.tables: list[dict] = []  # for each open table: its headings, where we are

    def close(self):
        super().close()
        self._flush()

    def _flush(self):
        text = "".join(self.text)
        self.text = []
        if self.tables and self.tables[-1]["heading"] is not None:
            self.tables[-1]["heading"].append(html.unescape(text))
        self.out.append(text if self.kept or self.slide else self.link(text))

    def handle_starttag(self, tag, attrs):
        self._flush()
        text = self.get_starttag_text()
        if tag in KEEP:
            self.kept += 1
        if tag == "section" and (self.slide or "cw-slide" in str(dict(attrs).get("class"))
                                 .split()):
            self.slide += 1
        if tag == "table":
            self.tables.append({"labels": [], "head": False, "column": 0, "heading": None})
        elif self.tables:
            text = self._in_table(tag, dict(attrs), text)
        self.out.append(text)

    def handle_startendtag(self, tag, attrs):
        self._flush()
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self._flush()
        if tag in KEEP and self.kept:
            self.kept -= 1
        if tag == "section" and self.slide:
            self.slide -= 1
        if self.tables:
            table = self.tables[-1]
            if tag == "table":
                self.tables.pop()
            elif tag == "thead":
                table["head"] = False
            elif tag == "th" and table["heading"] is not None:
                table["labels"].append(" ".join("".join(table["heading"]).split()))
                table["heading"] = None
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.text.append(data)

    def handle_entityref(self, name):
        self.text.append(f"&{name};")

    def handle_charref(self, name):
        self.text.append(f"&#{name};")

    def handle_comment(self, data):
        self._flush()
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._flush()
        self.out.append(f"<!{decl}>")

    def unknown_decl(self, data):
        self._flush()
        self.out.append(f"<![{data}]>")

    def handle_pi(self, data):
        self._flush()
        self.out.append(f"<?{data}>")

    def _in_table(self, tag: str, attrs: dict, text: str) -> str:
        """Track the header row's headings; give each body cell its column's heading."""
        table = self.tables[-1]
        if tag == "thead":
            table["head"] = True
        elif tag == "tr":
            table["column"] = 0
        elif tag == "th" and table["head"]:
            table["heading"] = []
        elif tag in ("td", "th"):
            column = table["column"]
            table["column"] += int(attrs.get("colspan") or 1) if str(
                attrs.get("colspan") or "1").isdigit() else 1
            labels = table["labels"]
            if tag == "td" and column < len(labels) and "data-label" not in attrs:
                close = "/>" if text.endswith("/>") else ">"
                return (text[: -len(close)].rstrip()
                        + f' data-label="{html.escape(labels[column])}"' + close)
        return text
