"""The ingest corpus (tests/fixtures/reports/): each document, the findings it must yield, and the
precision and recall of what `oversight.ingest.read` finds in it, per field.

A finding found is matched to the expected finding whose text it has (after spaces and bullet
marks are made alike), or failing that the one whose words it shares most (at least half): a
finding found with its text cut short still scores on its other fields, and loses on text.
For each field, a value found counts for precision and a value expected for recall: a value found
where none is expected (an invented deadline, say) costs precision; an expected one missed costs
recall. Run `python -m tests.ingest_corpus` to print the table kept in docs/ingest.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from oversight import ingest

REPORTS = Path(__file__).parent / "fixtures" / "reports"
DATA = Path(__file__).resolve().parents[1] / "data"
FIELDS = ("kind", "text", "addressed_to", "deadline_text", "due_on", "ref", "parent", "peel_area")
HEADINGS = {
    "kind": "kind",
    "text": "text",
    "addressed_to": "addressed to",
    "deadline_text": "deadline",
    "due_on": "due date",
    "ref": "number",
    "parent": "parent",
    "peel_area": "PEEL area",
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Result:
    document: str
    expected: int
    found: int
    matched: int
    fields: dict[str, Score] = field(default_factory=dict)
    report: dict[str, bool] = field(default_factory=dict)  # title, publication date, address


def documents() -> list[dict[str, str]]:
    with (REPORTS / "corpus.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def pdf_from_markdown(source: Path, *, bold: bool = True) -> bytes:
    """A PDF fixture: the source's words printed by WeasyPrint (nothing fetched); with
    bold=False, bold type is printed plain, as many PDFs print a quoted finding."""
    import markdown
    import weasyprint

    def refuse(url: str, *args, **kwargs):
        raise ValueError(f"nothing is fetched: {url}")

    body = markdown.markdown(source.read_text(encoding="utf-8"))
    page = (
        "<html><head><meta charset='utf-8'><style>@page { size: A4; margin: 2cm }"
        " body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt }"
        " h4 { font-size: 14pt }"
        + ("" if bold else " strong { font-weight: normal }")
        + "</style></head><body>"
        + body
        + "</body></html>"
    )
    return weasyprint.HTML(string=page, url_fetcher=refuse).write_pdf()


def file_bytes(doc: dict[str, str]) -> bytes:
    path = REPORTS / doc["file"]
    if doc["format"] == "pdf" and not path.exists():
        return pdf_from_markdown(REPORTS / f"{path.stem}.pdf-source.md")
    if doc["format"] == "pdf-plain":
        return pdf_from_markdown(REPORTS / f"{path.stem}.txt", bold=False)
    return path.read_bytes()


def expected_rows(doc: dict[str, str]) -> list[dict[str, str]]:
    name = doc.get("expected") or doc["document"]
    with (REPORTS / f"{name}.expected.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read(doc: dict[str, str], areas: dict[str, str]) -> ingest.Proposal:
    published = dt.date.fromisoformat(doc["published_on"]) if doc["published_on"] else None
    return ingest.read(
        doc["file"], file_bytes(doc), published_on=published, inspection_id="doc", areas=areas
    )


def normal(text: str | None) -> str:
    text = (text or "").replace("\n- ", " ").replace("\n", " ")
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9’']+", text.lower()))


def score(doc: dict[str, str], proposal: ingest.Proposal) -> Result:
    expected = expected_rows(doc)
    rows = proposal.recommendation_rows()
    by_id = {row["rec_id"]: row for row in rows}
    found = []
    for row in rows:
        parent = by_id.get(row["parent_rec_id"]) if row["parent_rec_id"] else None
        found.append({**row, "parent_text": normal(parent["text"]) if parent else ""})
    exp_text = {e["id"]: normal(e["text"]) for e in expected}
    pairs: dict[int, int] = {}  # found index -> expected index
    for i, row in enumerate(found):
        exact = [j for j, e in enumerate(expected) if normal(e["text"]) == normal(row["text"])]
        free = [j for j in exact if j not in pairs.values()]
        if free:
            pairs[i] = free[0]
    for i, row in enumerate(found):
        if i in pairs:
            continue
        words = _words(row["text"])
        best, overlap = None, 0.5
        for j, e in enumerate(expected):
            if j in pairs.values():
                continue
            theirs = _words(e["text"])
            share = len(words & theirs) / max(len(words | theirs), 1)
            if share >= overlap:
                best, overlap = j, share
        if best is not None:
            pairs[i] = best
    result = Result(doc["document"], len(expected), len(found), len(pairs))
    for name in FIELDS:
        s = Score()
        for i, row in enumerate(found):
            value = _found_value(row, name)
            if not value:
                continue
            j = pairs.get(i)
            want = _expected_value(expected[j], name, exp_text) if j is not None else ""
            if value == want:
                s.tp += 1
            else:
                s.fp += 1
        for j, e in enumerate(expected):
            want = _expected_value(e, name, exp_text)
            if not want:
                continue
            i = next((i for i, k in pairs.items() if k == j), None)
            if i is None or _found_value(found[i], name) != want:
                s.fn += 1
        result.fields[name] = s
    result.report = {
        "title": (proposal.title or "") == doc["title"],
        "published_on": (proposal.published_on.isoformat() if proposal.published_on else "")
        == doc["expected_published_on"],
        "url": (proposal.url or "") == doc["url"],
    }
    return result


def _found_value(row: dict[str, str | None], name: str) -> str:
    if name == "text":
        return normal(row["text"])
    if name == "parent":
        return row["parent_text"] or ""
    return row.get(name) or ""


def _expected_value(e: dict[str, str], name: str, texts: dict[str, str]) -> str:
    if name == "text":
        return normal(e["text"])
    if name == "parent":
        return texts.get(e["parent"], "") if e["parent"] else ""
    return e.get(name) or ""


def run() -> list[Result]:
    areas = ingest.load_areas(DATA)
    return [score(doc, read(doc, areas)) for doc in documents()]


def _cell(s: Score) -> str:
    p, r = s.precision, s.recall
    if p is None and r is None:
        return "–"
    return f"{_pct(p)} / {_pct(r)}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(results: list[Result]) -> str:
    """The Markdown table docs/ingest.md keeps: per document, findings expected, found and
    matched, then precision / recall per field; a total row last."""
    names = list(FIELDS)
    head = ["document", "report", "expected", "found", "matched"] + [HEADINGS[n] for n in names]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total = Result("all documents", 0, 0, 0, {n: Score() for n in names})
    for r in results:
        report = f"{sum(r.report.values())}/{len(r.report)}"
        cells = [r.document, report, str(r.expected), str(r.found), str(r.matched)]
        cells += [_cell(r.fields[n]) for n in names]
        lines.append("| " + " | ".join(cells) + " |")
        total.expected += r.expected
        total.found += r.found
        total.matched += r.matched
        for n in names:
            total.fields[n].add(r.fields[n])
    right = sum(sum(r.report.values()) for r in results)
    report = f"{right}/{sum(len(r.report) for r in results)}"
    cells = [f"**{total.document}**", report, str(total.expected), str(total.found)]
    cells += [str(total.matched)]
    cells += [_cell(total.fields[n]) for n in names]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
