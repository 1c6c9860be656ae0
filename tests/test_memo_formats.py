"""The memo in its three formats, each checked against the one document model it is written from:
the model of every example pinned as JSON (what the memo says, whatever the format); the Word file
opened again with python-docx (headings, tables, receipt, fonts, page, fields, same bytes); the
HTML parsed (every tree a <details>, every leaf there, nothing fetched, case text escaped); and
`reasoner report` choosing the format and writing files whole.

To accept a deliberate change of content: REASONER_UPDATE_GOLDEN=1 pytest tests/test_memo_formats.py
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser

import docx
import pytest
from conftest import EXAMPLES, ROOT
from memo_cases import CASES, conclusions, folds, headings, leaves, memo_of, trees, walk
from test_printouts import GOLDEN

from reasoner.case.read import load
from reasoner.explain.i18n import msg
from reasoner.render.memo import markdown, memo, render
from reasoner.render.memo_md import render_markdown
from reasoner.render.memo_model import from_json, to_json
from reasoner.render.memo_runs import mark_runs, marks_runs, plain


@pytest.mark.parametrize("name", CASES)
def test_each_examples_memo_in_every_format(name: str):
    """Per example, built once: the model against its golden JSON, the Word file and the HTML page
    against the model (one test, so that the case is reasoned and each format written once)."""
    m = memo_of(name)
    _golden_model(name, m)
    _docx_against_model(m, docx.Document(io.BytesIO(render(m, "docx"))))
    _html_against_model(m, render(m, "html").decode("utf-8"))


def _golden_model(name: str, m) -> None:
    """What the memo says, as JSON: a change of content shows here in review, whichever format it
    would be read in; and the JSON gives the model back."""
    out = to_json(m)
    golden = GOLDEN / f"{name.removesuffix('.yaml')}.memo.json"
    if os.environ.get("REASONER_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with REASONER_UPDATE_GOLDEN=1 to create it"
    assert out == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
    assert from_json(out) == m


def test_english_and_a_depth_limit_in_every_format():
    """The English memo cut off at two levels: the cut lines say how many lines are left out in
    each format, and Word and HTML still say what the model says."""
    name = "287-2-unverifiable-below.yaml"
    m = memo(load(EXAMPLES / name), f"examples/{name}", "en", depth=2)
    more = [s for c in conclusions(m) for s in walk(trees(c)) if s.more]
    assert more
    words = msg("report_more", "en").format(n=more[0].more)
    _docx_against_model(m, docx.Document(io.BytesIO(render(m, "docx"))))
    html = render(m, "html").decode("utf-8")
    _html_against_model(m, html)
    assert words in html and words in render(m, "md").decode("utf-8")


def test_markdown_is_a_rendering_of_the_model():
    name = "287-2-card-seller.yaml"
    assert render_markdown(memo_of(name)) == markdown(load(EXAMPLES / name), f"examples/{name}")


# -- Word ---------------------------------------------------------------------------------------
def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _docx_against_model(m, doc) -> None:
    """Headings (Word's navigation pane) and tables, the receipt last, as the model has them."""
    found = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in doc.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert found == headings(m, lambda key: msg(key, m.lang))
    tables = [_cells(t) for t in doc.tables]
    if m.summary:  # the summary is the first table, row for row
        rows = [
            [plain(mark_runs(r.verdict)), f"{r.label} · {r.citation}", r.subject, plain(marks_runs(r.flags, m.lang))]
            for r in m.summary
        ]
        assert tables[0][1:] == rows
    # the receipt is the last table, row for row, and nothing comes after it but its own spacing
    assert tables[-1][0] == [msg("report_item", m.lang), msg("report_value", m.lang)]
    assert tables[-1][1:] == [[r.item, r.value] for r in m.receipt]
    last = max(i for i, p in enumerate(doc.paragraphs) if p.style.name.startswith("Heading "))
    assert not any(p.text for p in doc.paragraphs[last + 1 :])
    facts = [r for t in tables for r in t if len(r) == 2]
    for record in m.facts:
        for f in record.facts:
            assert [f.text, f.path] in facts


def test_docx_page_fonts_fields_and_statute_style():
    name = "287-2-card-seller.yaml"
    data = render(memo_of(name), "docx")
    doc = docx.Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert min(section.left_margin.mm, section.right_margin.mm, section.top_margin.mm) >= 20
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        styles = z.read("word/styles.xml").decode()
        footer = next(z.read(n).decode() for n in names if n.startswith("word/footer"))
        fonts = z.read("word/fontTable.xml").decode()
        core = z.read("docProps/core.xml").decode()
        document = z.read("word/document.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # East Asian fonts beside Latin ones, with their English names as fallbacks
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="宋体"' in styles and 'w:eastAsia="楷体"' in styles
    assert 'w:ascii="Times New Roman"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert re.search(r'w:name="宋体">\s*<w:altName w:val="SimSun"', fonts)
    assert "PAGE" in footer and "NUMPAGES" in footer and 'w:fldCharType="begin"' in footer
    assert "dcterms:created" not in core and "dcterms:modified" not in core
    assert "docProps/thumbnail.jpeg" not in names
    # the statute in its own paragraph style, quotes of the law in the trees in its character style
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Statute Quote"]
    assert conclusions(memo_of(name))[0].text in quotes
    assert 'w:rStyle w:val="Statute"' in document
    # links to subtrees given in full elsewhere land on bookmarks
    anchors = set(re.findall(r'w:anchor="(r\d+)"', document))
    assert anchors <= set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="(r\d+)"', document))
    assert render(memo(load(EXAMPLES / name), f"examples/{name}"), "docx") == data


# -- HTML ---------------------------------------------------------------------------------------
class _Page(HTMLParser):
    """What the checks need of a page: its tags, the summary first in every <details>, the words
    of every leaf line, the text, and every address it names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.details = 0
        self.after_details = False
        self.summary_first = True
        self.leaf_depth = 0
        self.leaf_text: list[str] = []
        self.leaves: list[str] = []
        self.text: list[str] = []
        self.addresses: list[str] = []
        self.styles: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if self.after_details and tag != "summary":
            self.summary_first = False
        self.after_details = tag == "details"
        self.details += tag == "details"
        self.addresses += [v for k, v in attrs.items() if k in ("href", "src", "action", "poster", "srcset") and v]
        self.in_style = tag == "style"
        if tag == "li" and "leaf" in (attrs.get("class") or "").split():
            self.leaf_depth, self.leaf_text = 1, []
        elif self.leaf_depth and tag == "li":
            self.leaf_depth += 1

    def handle_endtag(self, tag):
        self.in_style = False
        if tag == "li" and self.leaf_depth:
            self.leaf_depth -= 1
            if not self.leaf_depth:
                self.leaves.append("".join(self.leaf_text))

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self.leaf_depth:
            self.leaf_text.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _html_against_model(m, html: str) -> None:
    """Every tree and every line with lines below it a <details>, opening on its <summary>; every
    leaf line there, in order; the headings and the receipt; nothing fetched from anywhere."""
    page = _page(html)
    assert page.details == folds(m) and page.summary_first
    assert page.leaves == leaves(m)
    for level, words in headings(m, lambda key: msg(key, m.lang)):
        assert words in "".join(page.text), (level, words)
    for row in m.receipt:
        assert row.value in "".join(page.text)
    # self-contained: no scripts, no stylesheets, images or fonts fetched, only links within the page
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert all(a.startswith("#") for a in page.addresses), page.addresses
    assert not re.search(r"url\(|@import|https?:", "".join(page.styles))
    assert "@page" in html and "size: A4" in html and "@media print" in html


def test_html_escapes_text_from_the_case(tmp_path):
    src = (EXAMPLES / "287-2-card-seller.yaml").read_text(encoding="utf-8")
    hostile = "某团伙 </td><script>alert(1)</script> <b>x</b> & \"q\" 's' \x0b\n第二行"
    src = src.replace("description: 某电信诈骗团伙", f"description: {json.dumps(hostile, ensure_ascii=False)}")
    path = tmp_path / "case.yaml"
    path.write_text(src.replace("李某出售银行卡帮助信息网络犯罪活动案", "<i>李某</i>案" + "长" * 300), encoding="utf-8")
    m = memo(load(path), str(path))
    html = render(m, "html").decode("utf-8")
    page = _page(html)
    assert "script" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert any("<script>alert(1)</script>" in t for t in page.text)
    assert "<title>审查报告：&lt;i&gt;李某&lt;/i&gt;案长长" in html
    # Word takes what XML can hold: a control character is left out, a newline breaks the line,
    # a title longer than a document property is cut there
    doc = docx.Document(io.BytesIO(render(m, "docx")))
    assert len(doc.core_properties.title) == 255
    assert any("<script>alert(1)</script>" in p.text and "\x0b" not in p.text for p in doc.paragraphs)


# -- the command --------------------------------------------------------------------------------
def _report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reasoner.cli", "report", *args], capture_output=True, cwd=ROOT)


def test_report_picks_the_format_by_extension_and_writes_files_whole(tmp_path):
    case = "examples/286-1-leak.yaml"
    for ext, start in ((".md", b"# "), (".docx", b"PK\x03\x04"), (".html", b"<!DOCTYPE html>")):
        out = tmp_path / f"memo{ext}"
        _report(case, "-o", str(out)).check_returncode()
        assert out.read_bytes().startswith(start), ext
    # --format wins over the extension; stdout stays Markdown
    _report(case, "-o", str(tmp_path / "memo.txt"), "--format", "html").check_returncode()
    assert (tmp_path / "memo.txt").read_bytes().startswith(b"<!DOCTYPE html>")
    assert _report(case).stdout == (tmp_path / "memo.md").read_bytes()
    assert _report(case, "--format", "docx").returncode == 2
    # no temporary file is left beside the memo
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.docx", "memo.html", "memo.md", "memo.txt"]


def test_report_never_writes_over_the_case_or_half_a_memo(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_bytes((EXAMPLES / "286-1-leak.yaml").read_bytes())
    before = case.read_bytes()
    done = _report(str(case), "-o", str(case), "--format", "md")
    # said in the user's language (Chinese by default)
    assert done.returncode == 2 and "就是案件文件本身".encode() in done.stderr and case.read_bytes() == before
    done = _report(str(case), "-o", str(case), "--lang", "en")
    assert done.returncode == 2 and b"is the case file itself" in done.stderr and case.read_bytes() == before
    # a bad case leaves an old memo as it was
    memo_file = tmp_path / "memo.md"
    memo_file.write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("case: {id: x}\n", encoding="utf-8")
    assert _report(str(bad), "-o", str(memo_file)).returncode == 2
    assert memo_file.read_text(encoding="utf-8") == "old"
    assert _report(str(case), "-o", str(tmp_path / "missing" / "memo.md")).returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "case.yaml", "memo.md"]
