"""Each school's own site in real Chromium: its name, safeguarding lead (or, where its policy
names none, words that claim no one) and rules show on its home and help pages."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from build_scripts.tools.serve import make_server
from tests.build_scripts.test_schools import SCHOOLS, built_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=SCHOOLS)
def school(request, tmp_path_factory):
    """(settings, address) of one school's site, built once and served on 127.0.0.1."""
    slug = request.param
    server = make_server(built_for(slug, tmp_path_factory), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    data = yaml.safe_load((ROOT / f"schools/{slug}.yml").read_text(encoding="utf-8"))
    yield data, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def rules(data: dict) -> list[str]:
    return data["rules"]["ks1"] + data["rules"]["ks2"]


def test_home_page_shows_the_schools_name_lead_and_rules(watched, school):
    data, url = school
    page = watched
    page.goto(url)
    article = page.locator("article")
    expect(page.locator("h1")).to_have_text(f"Welcome to Clickwise at {data['short_name']}")
    expect(article.locator("strong", has_text=data["name"])).to_be_visible()
    lead = (data.get("safeguarding") or {}).get("lead")
    if lead:
        expect(article.locator("strong", has_text=lead["name"]).first).to_be_visible()
    else:
        expect(article.get_by_text(f"Any grown-up at {data['short_name']} can pass a worry on "
                                   "to the person in charge of keeping everyone safe.")
               ).to_be_visible()
    page.get_by_text(f"Our online safety rules at {data['short_name']}").click()
    for rule in rules(data):
        expect(article.locator("li", has_text=rule).first).to_be_visible()


def test_help_page_shows_the_schools_adults_lead_and_rules(watched, school):
    data, url = school
    page = watched
    page.goto(url + "help/")
    article = page.locator("article")
    expect(article.locator("h2", has_text=f"At {data['short_name']}")).to_be_visible()
    lead = (data.get("safeguarding") or {}).get("lead")
    expect(article.get_by_text(f"Our designated safeguarding lead is {lead['name']}" if lead
                               else "Any grown-up in school can pass your worry on to our "
                               "designated safeguarding lead")).to_be_visible()
    for adult in data["trusted_adults"]:
        expect(article.locator("li", has_text=adult).first).to_be_visible()
    for rule in rules(data):
        expect(article.locator("li", has_text=rule).first).to_be_visible()
