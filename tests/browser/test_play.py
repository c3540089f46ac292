"""Every scenario played to every ending in real Chromium, with Python deciding each step, and
each ending checked for what its band needs (playing.ending_problems)."""

from __future__ import annotations

import pytest

from tests.browser import playing

def test_python_decides_every_scene_after_the_first(watched, site_url, built_site):
    page = watched
    page.goto(site_url + "play/star99/")
    first = page.locator("#cw-scene")
    assert first.get_attribute("data-decided-by") == "build"
    assert page.locator("#cw-scene .cw-choice").count() >= 2  # readable before Python starts
    page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
    story = playing.scenario(built_site, "star99")
    for ending, moves in playing.paths_to_every_ending(story).items():
        playing.play_path(page, moves)
        scene = page.locator("#cw-scene")
        assert scene.get_attribute("data-scene") == ending
        assert scene.get_attribute("data-phase") == "ending"
        assert scene.get_attribute("data-decided-by") == "python"
        assert scene.get_attribute("data-python").startswith("3.")
        assert page.locator(".cw-safer-choice").inner_text().strip()
        assert page.locator(".cw-helpers li").count() >= 1
        page.click('button[data-do="restart"]')
        page.wait_for_selector(f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')


@pytest.mark.parametrize("band", ["ks1", "ks2", "parents"])
def test_every_scenario_reaches_every_ending(watched, site_url, built_site, band):
    page = watched
    # Without the scenes' short entrance animations, which the player leaves out when a pupil's
    # device asks for less motion: each click is then five times quicker to make (the test
    # above plays with them).
    page.emulate_media(reduced_motion="reduce")
    # Each story is also handed the save the story before it left (finished, so it stays),
    # and must start fresh with the kind notice (test_saved_progress has every other bad save);
    # the first story gets the last one's save at an ending as the engine writes it (a page
    # load of the band's story list to reach this site's storage, not another Python start).
    ids = playing.ids(built_site, band)
    page.goto(site_url + playing.STORY_LISTS[band])
    page.wait_for_load_state("networkidle")  # leaving it early would cut its requests short
    playing.put_save(page, ids[0], playing.finished_save(playing.scenario(built_site, ids[-1])))
    for before, scenario_id in zip([None, *ids], ids):
        story = playing.scenario(built_site, scenario_id)
        if before:
            playing.give_save_to(page, before, scenario_id)
        page.goto(site_url + f"play/{scenario_id}/")
        page.wait_for_selector(playing.PYTHON_LIVE, timeout=60_000)
        playing.starts_fresh_from_another_story(page, story)
        endings = playing.paths_to_every_ending(story)
        assert len(endings) >= 2, f"{scenario_id} has fewer than two endings"
        for ending, moves in endings.items():
            playing.play_path(page, moves)
            assert page.get_attribute("#cw-scene", "data-scene") == ending, scenario_id
            assert playing.ending_problems(page, story, ending, moves) == [], (scenario_id, ending)
            page.click('button[data-do="restart"]')
            page.wait_for_selector(
                f'#cw-scene[data-scene="{story.start}"][data-decided-by="python"]')


def test_a_click_before_python_is_ready_is_played_when_it_is(watched, site_url):
    page = watched
    page.goto(site_url + "play/star99/")
    page.locator('#cw-scene button[data-do="choose"]').first.click()  # Python not live yet
    page.wait_for_selector('#cw-scene[data-phase="feedback"][data-decided-by="python"]',
                           timeout=60_000)
