"""Untrusted text reaches every reader as text: Markdown and HTML payloads put in the data (report
titles, a finding's text, deadline wording, leads, notes, the committee, the meeting's title, a
force's name) and in the address are shown literally on every page, in every chart and in the
briefing pack (Markdown, DOCX, PDF), and the PDF printer fetches nothing. Links the app builds
itself stay links."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from oversight import app, db, escape, paper, phone
from oversight.paper import as_pdf
from tests import drawn
from tests.golden import shown
from tools import browser

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PAYLOAD = (
    "`code` ![x](https://example.invalid/x.png) [link](https://evil.invalid) "
    "<img src=https://example.invalid/y.png> <b>x</b> <script>alert(1)</script> "
    "[sign in](https://evil.invalid/login) ` -5% reduction"
)
# A meeting title that would leave the PDF footer's CSS string and fetch an image.
BREAKOUT = 'June\n}body{background:url(https://example.invalid/z.png)} " \\'
HOSTS = ("evil.invalid", "example.invalid")
R02 = "wmp-peel2017nat-r02"


def _edit(folder: Path, name: str, change) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def hostile_copy(target: Path) -> Path:
    """The bundled tables with the payload in every kind of text a page or the pack shows (a RAG
    grade's word and meaning included)."""
    shutil.copytree(DATA, target)

    def inspections(row):
        if row["inspection_id"] in ("peel-2017-effectiveness-national", "yot-oocd-2018"):
            row["title"] = "Report " + PAYLOAD

    def recommendations(row):
        if row["rec_id"] == R02:
            row["text"] = f"Finding {PAYLOAD}\n- bullet {PAYLOAD}"
            row["chief_officer_lead"] = "ACC " + PAYLOAD
            row["tactical_lead"] = "Supt " + PAYLOAD
            row["governance_board"] = "Board " + PAYLOAD
        if row["rec_id"] == "wmp-peel2017nat-r03":
            row["deadline_text"] = "Soon " + PAYLOAD
            row["due_on"] = row["due_source"] = ""

    def updates(row):
        if row["rec_id"] == R02:
            row["note"] = "Note " + PAYLOAD

    def meetings(row):
        row["committee"] = "Committee " + PAYLOAD
        row["title"] = BREAKOUT

    def forces(row):
        if row["force_id"] == "wmp":
            row["name"] = "West Midlands Police " + PAYLOAD

    def rag(row):
        if row["rag"] == "amber":
            row["label"] = "Amber [l](https://evil.invalid/r) <b>x</b>"
            row["meaning"] = "At risk " + PAYLOAD

    _edit(target, "rag.csv", rag)
    _edit(target, "inspections.csv", inspections)
    _edit(target, "recommendations.csv", recommendations)
    _edit(target, "updates.csv", updates)
    _edit(target, "meetings.csv", meetings)
    _edit(target, "forces.csv", forces)
    return target


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    assert db.validate(folder) == []
    return folder


def unsafe(markdown: str) -> list[str]:
    """What in a piece of Markdown would act rather than show: a payload's host outside an escape
    (so a link or an image), an unescaped code span, an HTML tag."""
    flat = re.sub(r"\\.", "§", markdown)
    found = [host for host in HOSTS if host in flat]
    found += ["code span"] if "`code`" in flat else []
    found += ["tag"] if re.search(r"<(img|b|script)\b", flat) else []
    return found


def markdown_of(at: AppTest) -> list[tuple[str, str]]:
    """Every piece of text the page gives Streamlit's Markdown: bodies, captions, alerts,
    headings, metric labels, widget labels and help."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info"):
        out += [(kind, el.value) for el in getattr(at, kind)]
    out += [("error", el.value) for el in at.error] + [("success", el.value) for el in at.success]
    out += [("metric", el.label) for el in at.metric]
    out += [("expander", el.label) for el in at.expander]
    # st.table draws every cell as Markdown (the Overview's lists: oversight/static_table.py)
    out += [
        ("table", cell)
        for table in at.table
        for cell in table.value.to_numpy().ravel()
        if isinstance(cell, str)
    ]
    for kind in ("selectbox", "multiselect", "date_input", "text_input", "button"):
        for el in at.get(kind):
            out += [(f"{kind} label", el.proto.label)]
            if getattr(el.proto, "help", ""):
                out += [(f"{kind} help", el.proto.help)]
    return out


def run(monkeypatch, folder: Path, page: str, **params) -> AppTest:
    monkeypatch.setenv("OVERSIGHT_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


PAGES = [p.path for p in browser.registered_pages()]
PARAMS = {"pages/record.py": {"rec": R02}, "pages/recommendations.py": {"rec": R02}}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_in_the_data_is_shown_as_text_on_every_page(monkeypatch, hostile, page):
    at = run(monkeypatch, hostile, page, **PARAMS.get(page, {}))
    assert not at.exception
    bad = [(kind, text[:120]) for kind, text in markdown_of(at) if unsafe(text)]
    assert bad == []
    own = {app.ENTER_APPLIES_DATE, phone.PHONE_CSS, paper.SCREEN_CSS}  # the app's constants
    for body in set(drawn.html_bodies(at)) - own:  # the Briefing's preview: nothing from the data
        assert not re.search(r"<(img|a|script|b|iframe)\b|<[^>]*\b(href|src)\s*=", body), body[:200]
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        assert "<img" not in spec and not re.search(r"<a href=[^>]*invalid", spec)


@pytest.mark.parametrize(
    ("page", "where"),
    [
        ("pages/record.py", "markdown"),
        ("pages/recommendations.py", "caption"),
        ("pages/briefing.py", "html"),
        ("pages/overview.py", "table"),
        ("pages/overview.py", "caption"),
    ],
)
def test_the_hostile_text_reads_exactly_as_written(monkeypatch, hostile, page, where):
    at = run(monkeypatch, hostile, page, **PARAMS.get(page, {}))
    if where == "html":
        words = " ".join(drawn.html_text(body) for body in drawn.html_bodies(at))
    else:
        words = " ".join(shown(text) for kind, text in markdown_of(at) if kind == where)
    assert PAYLOAD in words


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_charts_show_hostile_labels_as_characters(monkeypatch, hostile):
    import json

    at = run(monkeypatch, hostile, "pages/timeline.py")
    labels = [s for c in at.get("plotly_chart") for s in _strings(json.loads(c.proto.spec))]
    # plotly shows an entity as its character: the reader sees the tag, written out (the label
    # is wrapped over lines with the builder's own <br>)
    wrapped = [s.replace("<br>", " ") for s in labels]
    assert any("Report `code` ![x](https://example.invalid/x.png)" in s for s in wrapped)
    assert any(
        "&lt;img src=https://example.invalid/y.png&gt; &lt;b&gt;x&lt;/b&gt; "
        "&lt;script&gt;alert(1)&lt;/script&gt;" in s
        for s in wrapped
    )
    assert not any(re.search(r"<(img|a|script)\b", s) for s in labels)


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/inspections.py"])
def test_vega_lite_charts_are_given_the_text_as_it_is(monkeypatch, hostile, page):
    """Vega-Lite draws every label and tooltip as text: the Overview's RAG charts and the
    Inspections calendar carry a title as written (an entity there would show as "&lt;")."""
    import json

    at = run(monkeypatch, hostile, page)
    charts = [c.proto for c in at.get("vega_lite_chart")]
    assert charts
    words = [s for c in charts for s in _strings(json.loads(c.spec))]
    words += [str(v) for c in charts for row in drawn.vega_rows(c) for v in row.values()]
    assert any(s.startswith("Report `code` ![x](https://example.invalid/x.png)") for s in words)
    assert not any("&lt;" in s or "&amp;" in s for s in words)


def test_peel_charts_and_figures_are_given_the_force_name_as_it_is(monkeypatch, hostile):
    """The PEEL grades page: the national picture's tooltip names the forces on each grade as
    written (Vega-Lite draws it as text; an entity would show as "&lt;"), and the force's grade
    beside it is headed by its name, escaped for Markdown, reading exactly as written."""
    import json

    at = run(monkeypatch, hostile, "pages/peel.py")
    assert not at.exception
    charts = [c.proto for c in at.get("vega_lite_chart")]
    assert len(charts) == 2
    words = [s for c in charts for s in _strings(json.loads(c.spec))]
    words += [str(v) for c in charts for row in drawn.vega_rows(c) for v in row.values()]
    assert any("West Midlands Police " + PAYLOAD in s for s in words)
    assert not any("&lt;" in s or "&amp;" in s for s in words)
    assert "West Midlands Police " + PAYLOAD in [shown(m.label) for m in at.metric]
    assert not [m.label for m in at.metric if unsafe(m.label)]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/record.py", {"rec": PAYLOAD}),
        ("pages/recommendations.py", {"q": PAYLOAD, "owner": PAYLOAD, "rec": PAYLOAD}),
        ("pages/briefing.py", {"meeting": PAYLOAD}),
        ("pages/overview.py", {"force": PAYLOAD, "as_at": PAYLOAD}),
        ("pages/inspections.py", {"since_meeting": PAYLOAD}),
    ],
)
def test_hostile_values_in_the_address_are_shown_as_text(monkeypatch, page, params):
    at = run(monkeypatch, DATA, page, **params)
    assert not at.exception
    bad = [(kind, text[:120]) for kind, text in markdown_of(at) if unsafe(text)]
    assert bad == []
    said = " ".join(shown(w.value) for w in at.warning)
    assert PAYLOAD[:40] in said  # what was asked for is said, as written (long values cut)


# Every value any page reads from the address (its own and the sidebar's, the explorer's
# filters and the widgets bound to the address).
ADDRESS_KEYS = [
    "force",
    "as_at",
    "meeting",
    "since",
    "since_meeting",
    "rec",
    "group_by",
    "due_within",
    "group",
    "bars",
    "inspection",
    "kind",
    "addressed",
    "status",
    "rag",
    "overdue",
    "slipped",
    "owner",
    "tactical",
    "board",
    "area",
    "due_from",
    "due_to",
    "q",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_address_values_as_text(monkeypatch, page):
    at = run(monkeypatch, DATA, page, **dict.fromkeys(ADDRESS_KEYS, PAYLOAD))
    assert not at.exception
    bad = [(kind, text[:120]) for kind, text in markdown_of(at) if unsafe(text)]
    assert bad == []


def test_links_the_app_builds_stay_links(monkeypatch, hostile):
    at = run(monkeypatch, hostile, "pages/record.py", rec=R02)
    heading = next(m.value for m in at.markdown if m.value.startswith("From **"))
    assert re.search(r"\. \[Open its record\]\(recommendations\?rec=" + R02, heading)
    assert unsafe(heading) == []


# --- the briefing pack ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack(hostile):
    return paper.build(db.load(hostile), dt.date(2018, 6, 28))


def test_the_markdown_pack_shows_the_payload_as_text(pack):
    text = paper.render(pack, "md").decode("utf-8")
    flat = re.sub(r"\\.", "§", text)
    assert "](https://evil.invalid" not in flat and "![x](" not in flat
    assert "<img" not in flat and "`code`" not in flat
    # CommonMark shows a backslash-escaped punctuation mark as the mark itself.
    assert PAYLOAD in re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_the_docx_pack_shows_the_payload_as_text(pack):
    import docx

    document = docx.Document(io.BytesIO(paper.render(pack, "docx")))
    words = "\n".join(p.text for p in document.paragraphs)
    words += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert PAYLOAD in words


def test_the_pdf_pack_prints_the_payload_as_text_and_fetches_nothing(pack, monkeypatch):
    from pypdf import PdfReader

    asked: list[str] = []
    fetcher = as_pdf.pack_fetcher

    def recording():
        inner = fetcher()
        real = inner.fetch

        def fetch(url, headers=None):
            asked.append(url)
            return real(url, headers)

        inner.fetch = fetch
        return inner

    monkeypatch.setattr(as_pdf, "pack_fetcher", recording)
    reader = PdfReader(io.BytesIO(paper.render(pack, "pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "<img src=https://example.invalid/y.png> <b>x</b> <script>alert(1)</script>" in flat
    assert "[sign in](https://evil.invalid/login) ` -5% reduction" in flat
    assert "`code` ![x](https://example.invalid/x.png) [link](https://evil.invalid)" in flat
    assert "\\<" not in text  # `<` prints as `<`
    assert all(url.startswith("data:image/png;base64,") for url in asked)
    # The meeting's title stays in the footer's string: printed as words, never as a style.
    html = as_pdf.to_html(pack, {})
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" not in style and "example.invalid" not in style
    assert "June" in flat and "background" in flat


def test_the_pdf_printer_refuses_every_address():
    fetcher = as_pdf.pack_fetcher()
    for url in ("https://example.invalid/x.png", "http://127.0.0.1/", "file:///etc/passwd"):
        with pytest.raises(as_pdf.FetchRefused):
            fetcher.fetch(url)
    png = "data:image/png;base64," + "iVBORw0KGgo="
    assert fetcher.fetch(png).read() == b"\x89PNG\r\n\x1a\n"


def test_escape_helpers():
    assert shown(escape.md(PAYLOAD)) == PAYLOAD
    assert unsafe(escape.md(PAYLOAD)) == []
    assert escape.chart("<a href='x'>y</a> & z") == "&lt;a href='x'&gt;y&lt;/a&gt; &amp; z"
    css = escape.css_string(BREAKOUT)
    assert css.startswith('"') and css.endswith('"') and "\n" not in css
    assert '"' not in css[1:-1] and "(" not in css and "}" not in css
