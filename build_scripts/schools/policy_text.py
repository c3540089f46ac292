"""A school's policy file read as plain paragraphs, each with the section it is in.

Policies come as Word documents, PDFs, or text copied out of them (``.txt``, ``.md``). Word
documents are read with python-docx, PDFs with pypdf; the text of either is then read the same
way: a line that looks like a heading ("5. Pupils' use of social media", "Section 2: ...",
"## 4. Personal use ...") starts a section, and a numbered clause ("6.6. Pupils are ...") is
its own section within it, so every paragraph can say where in the policy it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

READABLE = (".txt", ".md", ".docx", ".pdf")
_MARKUP = re.compile(r"</?b>|\*\*|__|\[([^\]]*)\]\([^)]*\)|^#+\s*|^[-*◆•●▪➢>]\s+|\\")
_HEADING = re.compile(r"^(?:section\s+)?(\d{1,2}(?:\.\d{1,2})?)\.?[:.]?\s+([A-Z][^.]{2,90})$",
                      re.I)
_CLAUSE = re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.:;!?)\"”]$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph or list item of the policy, and where it is. ``depth`` and ``marker``
    (its indent, and the bullet characters it starts with) tell a list inside a list apart."""

    text: str
    section: str
    number: str = ""
    bullet: bool = False
    depth: int = 0
    marker: str = ""


class PolicyUnreadable(Exception):
    """The file is not a policy Clickwise can read (its message says why, for the teacher)."""


def read(path: Path) -> list[Paragraph]:
    """The policy's paragraphs, in order, each with its section."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise PolicyUnreadable(f"{path.name}: Clickwise reads policies saved as "
                               f"{', '.join(READABLE)}; save it as one of those")
    try:
        if suffix == ".docx":
            lines = _docx_lines(path)
        elif suffix == ".pdf":
            lines = _pdf_lines(path)
        else:
            lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except (OSError, ValueError, KeyError) as error:
        raise PolicyUnreadable(f"{path.name}: could not be read ({error})") from error
    return paragraphs(lines)


def _docx_lines(path: Path) -> list[str]:
    import docx  # python-docx: only needed for this one kind of file
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except PackageNotFoundError as error:
        raise PolicyUnreadable(f"{path.name}: not a Word document (.docx)") from error
    lines = []
    for paragraph in document.paragraphs:
        bullet = paragraph.style is not None and "List" in (paragraph.style.name or "")
        lines.append(("- " if bullet else "") + paragraph.text)
    for table in document.tables:  # cover pages often keep dates in a table
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return lines


def _pdf_lines(path: Path) -> list[str]:
    import pypdf

    try:
        reader = pypdf.PdfReader(str(path))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except pypdf.errors.PyPdfError as error:
        raise PolicyUnreadable(f"{path.name}: not a readable PDF ({error})") from error
    if not text.strip():
        raise PolicyUnreadable(f"{path.name}: the PDF has no text in it (a scan?): save the "
                               "policy from Word as .docx or .pdf instead")
    return _rejoin(text.splitlines())


def _rejoin(lines: list[str]) -> list[str]:
    """PDF text breaks lines where the page did: join a line to the next when it does not end
    a sentence and the next does not start a heading, a clause or a list item."""
    joined: list[str] = []
    for line in (line.strip() for line in lines):
        starts_new = not line or _HEADING.match(line) or _CLAUSE.match(line) or \
            re.match(r"^[-*◆•●▪➢]\s", line)
        if joined and joined[-1] and not starts_new and not _SENTENCE_END.search(joined[-1]):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def paragraphs(lines: list[str]) -> list[Paragraph]:
    """Lines of text as paragraphs with their sections."""
    found: list[Paragraph] = []
    heading = ("", "")
    for raw in lines:
        if re.search(r"\.{4,}|\t\d{1,3}\s*$", raw):  # a line of the contents, not the text
            continue
        prefix = re.match(r"^(\s*)((?:[-*◆•●▪➢]\s+)*)", raw)
        bullet, marker = bool(prefix.group(2)), re.sub(r"\s", "", prefix.group(2))
        text = " ".join(_clean(raw).split())
        if not text:
            continue
        match = _HEADING.match(text)
        if match and not _CLAUSE_TEXT(text) and len(text) < 100:
            heading = (match.group(1), match.group(2).strip().rstrip(":"))
            continue
        clause = _CLAUSE.match(text)
        number = clause.group(1) if clause else ""
        body = clause.group(2) if clause else text
        found.append(Paragraph(body, _section(heading, number), number, bullet,
                               len(prefix.group(1)), marker))
    return found


def _CLAUSE_TEXT(text: str) -> bool:  # noqa: N802 - reads as the question it asks
    """A numbered line that is a clause (a sentence), not a heading."""
    return bool(_CLAUSE.match(text)) and bool(re.search(r"[.;:]\s*$|\s(?:will|are|is|should|"
                                                        r"must|may)\s", text))


def _clean(line: str) -> str:
    line = line.replace("\u00a0", " ").strip()
    previous = None
    while previous != line:
        previous, line = line, _MARKUP.sub(lambda m: m.group(1) or "", line).strip()
    return line


def _section(heading: tuple[str, str], number: str) -> str:
    """Where a paragraph is, as a reader of the policy would look for it: "6.6, Social media
    use - pupils and parents" for a numbered clause, else "Section 5, Pupils' use of social
    media"."""
    heading_number, title = heading
    if number:
        return f"{number}, {title}" if title else number
    if heading_number:
        return f"Section {heading_number}, {title}"
    return title
