"""What the build adds to each page's HTML: phone numbers, helplines and written-out addresses
as links, and table cells labelled with their column's heading (for cards on a phone)."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_scripts.pages import enrich

ROOT = Path(__file__).resolve().parents[3]
SERVICES = [("Childline", "https://www.childline.org.uk"),
            ("Report Remove (Childline and the IWF)", "https://remove.example"),
            ("Report Remove", "https://remove.example")]


def test_phone_numbers_services_and_addresses_in_text_become_links():
    html = enrich.enrich("<p>Call Childline on 0800 1111, the NSPCC on 0808 800 5000 or 999. "
                         "Report Remove (Childline and the IWF) helps; see "
                         "https://x.example/a?b=1&amp;c=2.</p>", SERVICES)
    assert html == (
        '<p>Call <a href="https://www.childline.org.uk">Childline</a> on '
        '<a class="cw-tel" href="tel:08001111">0800 1111</a>, the NSPCC on '
        '<a class="cw-tel" href="tel:08088005000">0808 800 5000</a> or '
        '<a class="cw-tel" href="tel:999">999</a>. '
        '<a href="https://remove.example">Report Remove (Childline and the IWF)</a> helps; see '
        '<a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a>.</p>')


def test_text_in_links_buttons_code_headings_and_scripts_and_other_numbers_is_left_alone():
    kept = ('<h2>Childline</h2><p><a href="/x">Childline 0800 1111</a> <code>999</code> '
            "<button>Call 999</button> Star999, 2026-11-21, 1999, 9990, v1.111</p>"
            '<script>let n = "0800 1111";</script><!-- Childline > 999 -->'
            '<svg><text x="101">101</text></svg>'
            '<section class="cw-slide" data-slide="2"><ul><li>Childline: 0800 1111</li></ul>'
            "<section><p>Report Remove</p></section><p>999</p></section>")
    assert enrich.enrich(kept, SERVICES) == kept
    after = "<section><p>Childline</p></section>"  # after the slide, text is linked again
    assert enrich.enrich(kept + after, SERVICES) == kept + after.replace(
        "<p>Childline", '<p><a href="https://www.childline.org.uk">Childline</a>')


def test_a_table_s_cells_get_their_column_s_heading_and_nothing_else_changes():
    table = ('<table>\n<thead>\n<tr>\n<th>If...</th>\n<th align="left">Who &amp; <em>how</em>'
             '</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>In danger</td>\n<td align="left">Ring'
             '</td>\n</tr>\n</tbody>\n</table>\n<table><tr><th scope="row">Time</th><td>30</td>'
             "</tr></table>")
    assert enrich.enrich(table, []) == table.replace(
        "<td>In danger", '<td data-label="If...">In danger').replace(
        '<td align="left">', '<td align="left" data-label="Who &amp; how">')


def test_every_helpline_with_a_website_is_linked_by_its_name_and_its_short_name():
    helplines = yaml.safe_load((ROOT / "facts/helplines.yml").read_text(encoding="utf-8"))
    links = dict(enrich.links_for(helplines, {}))
    assert links["Childline"] == helplines["childline"]["website"]
    assert links["CEOP Safety Centre (National Crime Agency)"] == links["CEOP Safety Centre"]
    assert links["Report Remove"] == helplines["report-remove"]["website"]
    assert not [name for name in links if "999" in name]  # its number is the link
