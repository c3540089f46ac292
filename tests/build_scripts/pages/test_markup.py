"""Authored text as text: what a template or a filled-in fact writes reads exactly as typed in
Markdown and in HTML, a lesson body's HTML shows as text, and no rendered page keeps a link to
anything but a web page, email, phone or the site, or an event handler."""

from __future__ import annotations

import html
import html.parser
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.load import placeholders
from build_scripts.pages import markers, markup
from build_scripts.pages.render import environment

#: The site's own Markdown extensions (mkdocs.yml).
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc",
              "build_scripts.pages.markup"]
#: Places a template puts a value: a paragraph, a heading, a list item, bold words, a table
#: cell, a link's words, after a line of text, and inside an HTML block the page marks Markdown.
PLACES = ["{}", "# {}", "## Title {}", "- {}", "**{}**: more", "| A | B |\n|---|---|\n| {} | b |",
          "[{}](page.md)", "Text\n{}", '<div markdown>\n<p class="x">{}</p>\n</div>']


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def shown(source: str) -> tuple[str, list[str]]:
    """What a reader sees of rendered Markdown (whitespace collapsed), and its elements."""
    parser = _Text()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return spaced("".join(parser.parts)), parser.tags


def spaced(text: str) -> str:
    """Runs of spaces and line ends as one space, as a browser shows them (no-break spaces
    are kept)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" ")


def rendered(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


TYPED = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[a](javascript:x)",
         "*not* _em_ `code` **bold**", "{: onclick=x }", "a | b", "# not a heading",
         "- not a list", "1. not a list", "!!! note", "= x", "+ y", "&amp; &lt; &#60;", "C#",
         "back\\slash", "</textarea> ]]> {{ school.name }}", "line one\n\nline two",
         "10\u00a0minutes"]


@pytest.mark.parametrize("typed", TYPED)
@pytest.mark.parametrize("place", PLACES)
def test_a_value_reads_as_typed_wherever_a_template_puts_it(place, typed):
    text, tags = shown(place.format(markup.text(typed)))
    assert spaced(typed) in text
    assert tags == shown(place.format("words"))[1]  # the place's own elements, no others


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_text_reads_as_typed(typed):
    for place in ("{}", "# {}", "- {}", "| A |\n|---|\n| {} |"):
        expected = shown(place.format("x MARK y"))[0].replace("MARK", typed)
        assert shown(place.format(f"x {markup.text(typed)} y"))[0] == spaced(expected)


def test_spaces_around_a_value_stay_and_a_run_of_them_is_one():
    assert markup.text("; ") == "; " and markup.text(" or ") == " or "
    assert markup.text("a\n\n  b") == "a b"
    assert shown(f"x{markup.text('   - y')}")[0] == "x - y"
    assert shown(markup.text("   - not a list"))[1] == ["p"]


def test_templates_write_every_value_as_text():
    page = environment().from_string(
        "# {{ title }}\n\n{{ body }}\n\n{{ safe | safe }}\n\n{{ number }}\n").render(
        title="<b>x</b> *y*", body="[a](javascript:x)", safe="<em>kept</em>", number=7)
    assert page == ("# &lt;b&gt;x&lt;/b&gt; &#42;y&#42;\n\n&#91;a&#93;(javascript:x)\n\n"
                    "<em>kept</em>\n\n7")


def test_a_page_title_is_text_in_front_matter():
    front = markup.page_title('Star99 <img src=x onerror="alert(1)"> </title>')
    assert front == '"Star99 &lt;img src=x onerror=&#34;alert(1)&#34;&gt; &lt;/title&gt;"'


def test_code_shows_whatever_it_holds():
    assert shown(f"Write {markup.code('{{childline.phone}}')}.")[0] == \
        "Write {{childline.phone}}."
    assert shown(markup.code("a` <b>x</b> `y"))[0] == "a` <b>x</b> `y"


@pytest.mark.parametrize("url, result", [
    ("https://www.childline.org.uk/", "[Childline](https://www.childline.org.uk/)"),
    ("https://example.org/a b(c)", "[Childline](https://example.org/a%20b%28c%29)"),
    ("javascript:alert(1)", "Childline"),
    ("www.childline.org.uk", "Childline"),  # no scheme: not a link the site can trust
])
def test_a_link_only_to_a_web_page(url, result):
    assert markup.link("Childline", url) == result


BODY = """## Starter <img src=x onerror=alert(1)>

Raw <script>alert(1)</script> and <iframe src="javascript:alert(1)"></iframe> as text.
See <https://www.childline.org.uk> and `<b>code</b>`.
"""


def test_html_in_a_lesson_body_shows_as_text():
    page = rendered(markup.lesson_body(BODY))
    text, tags = shown(markup.lesson_body(BODY))
    assert "<script>alert(1)</script>" in text and '<iframe src="javascript:alert(1)">' in text
    assert "Starter <img src=x onerror=alert(1)>" in text
    assert not {"script", "iframe", "img"} & set(tags)
    assert '<a href="https://www.childline.org.uk">' in page  # a link written the Markdown way
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in page  # code shows what is written


@pytest.mark.parametrize("source", [
    "[a](javascript:alert(1))", "[a](JavaScript:alert(1))", "[a](java\tscript:alert(1))",
    "[a](&#106;avascript:alert(1))", "[a][r]\n\n[r]: javascript:alert(1)",
    "![a](javascript:alert(1))", "[a](data:text/html,<script>alert(1)</script>)",
    "[a](vbscript:msgbox(1))", "A paragraph\n{: onclick=alert(1) }", "## Title {: onmouseover=x }",
    "[a](https://x.org){: href='javascript:alert(1)' }",
])
def test_no_link_leads_to_a_script_and_no_element_has_a_handler(source):
    page = rendered(source).lower()
    assert "javascript" not in page and "script:" not in page and "data:" not in page
    assert " on" not in page.replace(" one", "")


@pytest.mark.parametrize("source, kept", [
    ("[a](https://x.org/)", 'href="https://x.org/"'), ("[a](mailto:head@school.org)", "mailto:"),
    ("[a](tel:08001111)", 'href="tel:08001111"'), ("[a](../help.md)", 'href="../help.md"'),
    ("[a](#top)", 'href="#top"'), ("A note: see this.\n{: .cw-note }", 'class="cw-note"'),
])
def test_links_to_pages_email_phones_and_the_site_stay(source, kept):
    assert kept in rendered(source)


def test_facts_filled_into_a_page_are_text_and_references_in_code_stay():
    facts = {"childline": {"phone": "<b>0800 1111</b>", "name": "*Childline*"}}.get
    school = {"name": "St [Mary's](javascript:x)"}
    page = placeholders.fill("Call {{childline.phone}} (`{{childline.phone}}`) at "
                             "{{school.name}}, or {{childline.name}}.", facts, school,
                             markdown=True)
    assert shown(page)[0] == ("Call <b>0800 1111</b> ({{childline.phone}}) at "
                              "St [Mary's](javascript:x), or *Childline*.")
    assert placeholders.fill("{{childline.phone}}", facts, school) == "<b>0800 1111</b>"


def test_generated_tables_show_settings_as_text(monkeypatch):
    class Content:
        school = type("Source", (), {"data": {
            "name": "<i>St Mary's</i>", "rules": {"ks1": ["Be *kind*"], "ks2": ["a | b"]},
            "parent_expectations": [{"text": "[x](javascript:alert(1))"}],
            "safeguarding": {"lead": {"name": "Ms <b>A</b>", "role": "Head"}},
            "contact": {"website": "javascript:alert(1)"}}})()

        @staticmethod
        def fact_file(name):
            return {"childline": {"name": "Child<b>line</b>", "phone": "0800", "for_parents":
                                  "`x`", "website": "javascript:alert(1)"}}

    for maker in (markers.rules, markers.parent_expectations, markers.contacts,
                  markers.helplines):
        text, tags = shown(maker(Content))
        assert not {"i", "b", "em", "code", "a", "table"} & set(tags), maker.__name__
    assert "Be *kind*" in shown(markers.rules(Content))[0]
    assert "Child<b>line</b>, 0800: `x` (javascript:alert(1))" in shown(markers.helplines(Content))[0]
    assert html.unescape("St Mary&#39;s") in shown(markers.contacts(Content))[0]
