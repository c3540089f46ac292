"""A parent on a phone (390 x 844): every parents' page and the help page fit the screen with no
sideways scrolling, tables read as cards, every phone number can be tapped to call, every
helpline named is a link to it, and key boxes are at least as big as the text around them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import axe_violations

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
PAGES = ([f"parents/{p.stem}/".replace("parents/index/", "parents/")
          for p in sorted((ROOT / "content/parents").glob("*.md"))]
         + [f"parents/handouts/{p.stem}/" for p in sorted((ROOT / "content/parents/handouts")
                                                          .glob("*.md"))] + ["help/"])
HELPLINES = yaml.safe_load((ROOT / "facts/helplines.yml").read_text(encoding="utf-8"))
#: Where a name or number is a label, not something to follow (as the build leaves them).
NOT_LINKED = "h1, h2, h3, h4, h5, h6, summary, button, code, label"

# Each piece of the page's text that says ``wanted`` and is not inside a link to ``href`` (a
# prefix of it is enough: "tel:" for any phone number), nor in a link that names a service whose
# name holds it ("Report Remove (Childline and the Internet Watch Foundation)").
UNLINKED = """([wanted, href, skip, names]) => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'),
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.parentElement;
    if (!node.textContent.includes(wanted) || at.closest(skip)) continue;
    const link = at.closest('a');
    const text = link ? link.textContent.trim() : '';
    const named = names.includes(text) && text !== wanted && text.includes(wanted);
    if (!link || !(named || link.getAttribute('href').startsWith(href))) {
      found.push(at.outerHTML.slice(0, 120));
    }
  }
  return found;
}"""


def phones() -> list[str]:
    return [str(entry["phone"]) for entry in HELPLINES.values() if entry.get("phone")]


@pytest.mark.parametrize("address", PAGES)
def test_a_parents_page_fits_a_phone_with_cards_links_and_big_key_boxes(watched, site_url,
                                                                        address):
    page = watched
    page.set_viewport_size(PHONE)
    page.goto(site_url + address)
    sizes = page.evaluate("""() => {
        const root = document.documentElement;
        const px = (e) => parseFloat(getComputedStyle(e).fontSize);
        const body = Math.min(...[...document.querySelectorAll('article p')].map(px));
        const boxes = [...document.querySelectorAll('article :is(.admonition, details)')]
            .map(box => [...box.querySelectorAll('p, li')].map(px)).flat();
        const label = (td) => !['none', 'normal'].includes(getComputedStyle(td, '::before').content);
        const rows = [...document.querySelectorAll('article table:has(thead) tbody tr')];
        return {wide: root.scrollWidth, body, boxes,
                cells: rows.map(tr => [[...tr.cells].every(td => getComputedStyle(td).display === 'block'),
                                       [...tr.cells].filter(label).length,
                                       Math.round(tr.getBoundingClientRect().right)]),
                heads: [...document.querySelectorAll('article thead')].map(
                    h => Math.round(h.getBoundingClientRect().height))};
    }""")
    assert sizes["wide"] <= PHONE["width"], f"{address} scrolls sideways: {sizes['wide']}px"
    assert sizes["body"] >= 16
    assert all(size >= sizes["body"] for size in sizes["boxes"]), (address, sizes["boxes"])
    for stacked, labelled, right in sizes["cells"]:  # each row a card, its values labelled
        assert stacked and labelled >= 1 and right <= PHONE["width"], (address, sizes["cells"])
    assert all(height <= 1 for height in sizes["heads"])  # the header row is read, not shown
    for number in phones():
        assert page.evaluate(UNLINKED, [number, "tel:", NOT_LINKED, []]) == [], (address, number)
    names = [n for e in HELPLINES.values() for n in (e["name"], e["name"].split(" (")[0])]
    for entry in HELPLINES.values():
        if entry.get("website") and str(entry.get("phone")) not in entry["name"]:
            assert page.evaluate(UNLINKED, [entry["name"].split(" (")[0], entry["website"],
                                            NOT_LINKED, names]) == [], (address, entry["name"])


def test_the_age_limits_table_is_a_card_an_app_on_a_phone(watched, site_url):
    """The page the issue measured: its four columns squeezed to 70px and cut off."""
    page = watched
    page.set_viewport_size(PHONE)
    page.goto(site_url + "parents/age-limits/")
    rows = page.locator(".cw-age-limits tbody tr")
    assert rows.count() >= 10
    first = rows.first.locator("td")
    name, age = first.nth(0).bounding_box(), first.nth(1).bounding_box()
    assert abs(name["y"] - age["y"]) < 2 and age["x"] > name["x"]  # side by side
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["width"] >= 340  # the whole width of the phone, not 70px columns
    assert first.nth(2).evaluate("td => getComputedStyle(td, '::before').content") == \
        '"What it means: "'  # the column's heading, from the build


def test_a_tapped_phone_number_calls_it(watched, site_url):
    page = watched
    page.set_viewport_size(PHONE)
    page.goto(site_url + "parents/get-help/")
    calls = page.locator('a[href^="tel:"]')
    assert calls.count() >= 4
    for link in calls.all():
        digits = re.sub(r"\D", "", link.inner_text())
        assert link.get_attribute("href") == f"tel:{digits}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("address", ["parents/age-limits/", "parents/get-help/",
                                     "teachers/year-plan/"])
def test_no_serious_accessibility_problem_on_a_phone(watched, site_url, address, scheme):
    page = watched
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + address)
    found = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found
            if v["impact"] in ("serious", "critical")] == []
