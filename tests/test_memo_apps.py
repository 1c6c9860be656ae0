"""The memo checked in the applications that open it, as a reader would see it: each example's
HTML page in headless Chromium, each example's Word file converted by LibreOffice.

The memos are written from the document models pinned in ``tests/golden/*.memo.json`` (which
test_memo_formats checks against the reasoner), so that these tests reason about nothing and
spend their time in the applications: one browser for every page, one LibreOffice run for every
document.  What they make (screenshots, PDFs, PNG pages) is kept for review in
``$REASONER_APP_OUTPUT`` (default: reasoner-app-output in the system's temporary folder), not in git.

A test is skipped, saying why, only where its application is not installed; under CI (``CI`` set)
a missing application is a failure: `.ci/run` installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from chromium import Browser, chromium_binary, problems
from memo_cases import CASES, leaves
from test_printouts import GOLDEN

from reasoner.explain.i18n import msg
from reasoner.render.memo import render
from reasoner.render.memo_md import render_markdown
from reasoner.render.memo_model import Memo, from_json

OUTPUT = Path(os.environ.get("REASONER_APP_OUTPUT") or Path(tempfile.gettempdir()) / "reasoner-app-output")


def _need(binary: str | None, what: str, package: str) -> str:
    if binary:
        return binary
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed: .ci/run installs Debian's {package}")
    pytest.skip(f"{what} is not installed (Debian: apt-get install {package})")


#: The examples opened in the applications: one of each shape the renderers meet (two persons, facts
#: not known, acts taken together, a unit, a later document's standards, refusal of duties, a long
#: why-not); every example's memo model is pinned in its golden (test_memo_formats.py), and the
#: renderers are the same for all, so the applications' minutes are spent on these.
APP_CASES = [
    "286-1-leak.yaml",
    "286-1-mass-spread-incomplete.yaml",
    "287-1-chat-groups.yaml",
    "287-2-card-seller.yaml",
    "287-2-co-perpetrators.yaml",
    "287-2-cumulation.yaml",
    "287-2-five-cards.yaml",
    "287-2-unit.yaml",
]
assert set(APP_CASES) <= set(CASES)


def _models() -> dict[str, Memo]:
    out = {}
    for name in APP_CASES:
        golden = GOLDEN / f"{name.removesuffix('.yaml')}.memo.json"
        out[name.removesuffix(".yaml")] = from_json(golden.read_text(encoding="utf-8"))
    return out


def _folder(name: str) -> Path:
    folder = OUTPUT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _plausible(pages: int, memo: Memo) -> bool:
    """About 30 lines of the Markdown memo to an A4 page; never under a page for 90 lines, nor a page
    for every 8."""
    lines = sum(1 for line in render_markdown(memo).splitlines() if line.strip())
    return max(1, lines // 90) <= pages <= lines // 8 + 2


#: Leaf lines of the page that the browser does not show (a closed fold hides them).
HIDDEN_LEAVES = "[...document.querySelectorAll('li.leaf')].filter(e => !e.checkVisibility()).length"
SHOW_FIRST_OFFENCE = "(document.querySelector('article.conclusion') || document.body).scrollIntoView()"
UNFOLD = "document.querySelectorAll('details').forEach(d => d.open = true); document.querySelectorAll('details').length"
LEAF_TEXTS = "[...document.querySelectorAll('li.leaf')].map(e => e.innerText)"


def test_html_memos_in_chromium():
    """Each example's page loads with no console error and asks for nothing; printed as it opens
    (folded) it gives a plausible number of A4 pages holding every line of every tree, so the print
    stylesheet opens every fold; unfolding every <details> shows every leaf line, the model's; a
    screenshot of the first offence is kept."""
    binary = _need(chromium_binary(), "Chromium", "chromium")
    for tool in ("pdfinfo", "pdftotext"):
        _need(shutil.which(tool), tool, "poppler-utils")
    folder = _folder("html")
    failures: list[str] = []
    browser = Browser(binary)
    try:
        for stem, memo in _models().items():
            page = folder / f"{stem}.html"
            page.write_bytes(render(memo, "html"))
            failures += [f"{stem}: {p}" for p in _check_page(browser, page, memo, folder / stem)]
    finally:
        browser.close()
    assert not failures, "\n".join(failures)


def _check_page(browser: Browser, page: Path, memo: Memo, out: Path) -> list[str]:
    found = []
    browser.open(page)
    browser.evaluate(SHOW_FIRST_OFFENCE)
    browser.screenshot(out.with_suffix(".png"))
    pdf = out.with_suffix(".pdf")
    browser.pdf(pdf)
    folds = browser.evaluate(UNFOLD)
    hidden = browser.evaluate(HIDDEN_LEAVES)
    if hidden:
        found.append(f"{hidden} leaf lines hidden with every fold open")
    if browser.evaluate(LEAF_TEXTS) != leaves(memo):
        found.append("the leaf lines shown are not the model's")
    shown = browser.evaluate("document.body.innerText")
    found += problems(browser.drain(), page.resolve().as_uri())
    pages = _pages(pdf)
    printed = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for mark in ("§", "•", "✔", "✘"):  # one per tree line of their kinds: folded lines print too
        if printed.count(mark) != shown.count(mark):
            found.append(f"printed {printed.count(mark)} {mark}, the unfolded page shows {shown.count(mark)}")
    if not _plausible(pages, memo) or not folds:
        found.append(f"{pages} pages printed, {folds} folds: implausible")
    return found


def test_docx_memos_in_libreoffice():
    """Each example's Word file converts to PDF in LibreOffice (all in one run), with a plausible
    number of A4 pages and the case's id in its text; its pages are kept as PNG for review."""
    binary = _need(shutil.which("soffice") or shutil.which("libreoffice"), "LibreOffice", "libreoffice-writer-nogui")
    for tool in ("pdfinfo", "pdftoppm", "pdftotext"):
        _need(shutil.which(tool), tool, "poppler-utils")
    folder = _folder("docx")
    models = _models()
    for stem, memo in models.items():
        (folder / f"{stem}.docx").write_bytes(render(memo, "docx"))
    profile = Path(tempfile.mkdtemp(prefix="reasoner-soffice-"))
    try:
        subprocess.run(
            [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
            + ["--convert-to", "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
            capture_output=True,
            timeout=600,
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    failures = []
    for stem, memo in models.items():
        pdf = folder / f"{stem}.pdf"
        if not pdf.exists():
            failures.append(f"{stem}: LibreOffice made no PDF")
            continue
        pages = _pages(pdf)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        if not _plausible(pages, memo):
            failures.append(f"{stem}: {pages} pages: implausible")
        if memo.header.case_id not in text or msg("report_receipt", memo.lang) not in text:
            failures.append(f"{stem}: the case id or the receipt is not in the PDF's text")
        # the first pages for review: the head, the summary, the facts and the first offence
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-l", "4", str(pdf), str(folder / stem)], check=True)
    assert not failures, "\n".join(failures)
