"""`python -m oversight screenshots --out docs/screenshots`: start the dashboard on a free port,
capture every page dashboard.py registers at a desktop size in headless Chromium, stop it.
`--phone` captures at a phone's width instead (390 px; files named <page>-phone.png).

The app scrolls inside its own container, so each page is captured with a viewport as tall as
its content (a full-page screenshot of the window would show the first screen only).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools import browser

WIDTH = 1440
PHONE_WIDTH = 390
PHONE_HEIGHT = 844
MIN_HEIGHT = 900
MAX_HEIGHT = 5000
_CONTENT_HEIGHT = """() => {
    const block = document.querySelector('[data-testid="stMainBlockContainer"]')
        || document.querySelector('[data-testid="stMain"]');
    return Math.ceil(block.getBoundingClientRect().top + block.scrollHeight);
}"""
# Every chart on screen drawn (one hidden at this width, a phone's list in its place, is not).
_CHARTS_DRAWN = """() => [...document.querySelectorAll(
        '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]')]
    .filter(chart => chart.offsetParent !== null)
    .every(chart => chart.querySelector('.main-svg, svg.marks, canvas.marks'))"""


def capture(
    out: Path,
    data_dir: Path | None = None,
    width: int = WIDTH,
    pages: list[str] | None = None,
    suffix: str = "",
) -> list[Path]:
    """One PNG per registered page (<url_path><suffix>.png in `out`), in navigation order."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    specs = [p for p in browser.registered_pages() if not pages or p.url_path in pages]
    written = []
    with browser.streamlit_server(data_dir) as server, sync_playwright() as playwright:
        chromium = browser.launch_chromium(playwright)
        try:
            for spec in specs:
                first = PHONE_HEIGHT if width <= PHONE_WIDTH else MIN_HEIGHT
                context = chromium.new_context(viewport={"width": width, "height": first})
                page = context.new_page()
                page.goto(f"{server.url}/{'' if spec.default else spec.url_path}")
                browser.wait_for_app(page, timeout=60_000)
                _settle(page)
                height = min(max(page.evaluate(_CONTENT_HEIGHT) + 40, first), MAX_HEIGHT)
                page.set_viewport_size({"width": width, "height": height})
                _settle(page)
                path = out / f"{spec.slug}{suffix}.png"
                page.screenshot(path=str(path))
                written.append(path)
                print(f"{path} ({width}x{height}) {spec.title}")
                context.close()
        finally:
            chromium.close()
    return written


def _settle(page) -> None:
    """Let charts draw and the layout follow a resize before the picture is taken."""
    page.wait_for_function(_CHARTS_DRAWN, timeout=30_000)
    page.wait_for_timeout(800)
    browser.wait_for_app(page)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    parser.add_argument("--data", help="data folder (default: $OVERSIGHT_DATA_DIR or data/)")
    parser.add_argument("--width", type=int, default=WIDTH, help=f"pixels (default {WIDTH})")
    parser.add_argument(
        "--page", action="append", help="url_path of a page to capture; repeat (default: all)"
    )
    parser.add_argument(
        "--phone",
        action="store_true",
        help=f"a phone's width ({PHONE_WIDTH} px), files named <page>-phone.png",
    )
    parser.set_defaults(func=_main)


def _main(args: argparse.Namespace) -> int:
    if not browser.CHROMIUM.exists():
        print(f"{browser.CHROMIUM} is missing (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    data_dir = Path(args.data) if args.data else None
    if args.phone:
        written = capture(Path(args.out), data_dir, PHONE_WIDTH, args.page, suffix="-phone")
    else:
        written = capture(Path(args.out), data_dir, args.width, args.page)
    print(f"{len(written)} screenshot(s) in {args.out}")
    return 0
