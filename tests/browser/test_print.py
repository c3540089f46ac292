"""Handouts print from Chromium on exactly one A4 page each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANDOUTS = sorted(p.stem for p in (ROOT / "content/parents/handouts").glob("*.md"))
A4_POINTS = (595, 842)


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The size of each page of a PDF that Chromium wrote (one MediaBox per page)."""
    assert re.findall(rb"/Type\s*/Page[^s]", pdf)
    return [(float(w), float(h)) for w, h in
            re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]


def test_there_are_six_handouts():
    assert len(HANDOUTS) >= 6


@pytest.mark.parametrize("handout", HANDOUTS)
def test_handout_prints_on_exactly_one_a4_page(watched, site_url, handout, tmp_path):
    page = watched
    page.goto(site_url + f"parents/handouts/{handout}/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / f"{handout}.pdf").write_bytes(pdf)
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1, f"{handout} printed on {len(sizes)} pages"
    width, height = sizes[0]
    assert (round(width), round(height)) == A4_POINTS
