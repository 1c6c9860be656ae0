"""The terminal printouts at the widths a reader's terminal has (80, 100 and 120 columns), measured
in display columns (a Chinese character takes two): no line wider than the terminal, lines broken
as Chinese typesetting breaks them (no line starts with ，。、；：？！）」』》… nor ends with （「『《, a
figure stays with its measure word), no dangling 「·」, and every conclusion's label whole in the
summary — a table where each row fits on one line, otherwise the rows stacked."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from rich.cells import cell_len

from reasoner.case.read import load
from reasoner.cli import main
from reasoner.explain.conclusions import build
from reasoner.explain.report import Report
from reasoner.render.terminal import print_report
from reasoner.render.typeset import NO_END, NO_START, console, divide, words

CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
WIDTHS = (80, 100, 120)


@cache
def _reports(name: str) -> dict[str, Report]:
    from reasoner.solve.engine import reason

    case = load(EXAMPLES / name)
    result = reason(case)
    return {lang: build(case, f"examples/{name}", lang, result) for lang in ("zh", "en")}


def _lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in zip([0, *divide(text, width)], [*divide(text, width), len(text)], strict=True)]


def _faults(out: str, width: int) -> list[str]:
    """The lines of a printout that are too wide or broken where Chinese typesetting forbids."""
    bad = []
    for line in out.splitlines():
        body = line.lstrip(" │├└─").rstrip()
        mark = body[:2] == "? "  # a line's own mark (fact not known), not a closing question mark
        if cell_len(line) > width:
            bad.append(f"wider than {width}: {line}")
        elif body and body[0] in NO_START and not mark:
            bad.append(f"starts with {body[0]}: {line}")
        elif body and body[-1] in NO_END:
            bad.append(f"ends with {body[-1]}: {line}")
    return bad


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", CASES)
def test_the_printout_fits_the_terminal_and_breaks_lines_as_chinese_typesetting_does(name: str):
    for lang, report in _reports(name).items():
        for width in WIDTHS:
            buf = io.StringIO()
            print_report(report, console(width, buf))
            out = buf.getvalue()
            assert not _faults(out, width), (lang, width, _faults(out, width)[:5])
            # every label whole in the summary (a table row or a stacked row, however wrapped)
            summary = _squeezed(out.split("\n─")[0])
            cut = [c.label for c in report.conclusions if _squeezed(c.label) not in summary]
            assert not cut, (lang, width, cut)
            assert "…" not in out.split("\n─")[0], (lang, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_check_and_rules_take_the_width_of_the_terminal(width: int):
    """The commands read the width from the terminal (COLUMNS here): the header breaks between its
    parts, never after a 「·」; `rules` stacks each provision when its row would not fit."""
    env = {"COLUMNS": str(width)}
    out = CliRunner().invoke(main, ["check", str(EXAMPLES / "287-2-card-seller.yaml")], env=env).output
    assert not _faults(out, width)
    head = out.split("结论汇总")[0]
    assert "规则版本" in head and not any(line.rstrip().endswith("·") for line in head.splitlines())
    assert "明知他人利用信息网络实施犯罪而为其犯罪提供帮助（第十二条第一款的前提）" in _squeezed(out)
    rules = CliRunner().invoke(main, ["rules"], env=env).output
    assert not _faults(rules, width), _faults(rules, width)[:5]
    # the label of each provision is whole (the squeezed table of old cut it to 刑法第十 …)
    assert "帮助信息网络犯罪活动罪" in rules and "刑法第二百八十七条之二第一款" in rules
    assert "…" not in rules.replace("……", "")


def test_lines_break_between_chinese_characters_but_not_before_a_closing_mark():
    text = "明知他人利用信息网络实施犯罪，为其犯罪提供互联网接入、服务器托管、网络存储、通讯传输等技术支持"
    for width in range(6, 60):
        lines = _lines(text, width)
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in "，、" for line in lines[1:]), (width, lines)
    # rich would put the comma at the start of the second line here
    assert _lines(text, 28) == [
        "明知他人利用信息网络实施犯",
        "罪，为其犯罪提供互联网接入、",
        "服务器托管、网络存储、通讯传",
        "输等技术支持",
    ]


def test_a_figure_stays_with_its_measure_word_and_its_range():
    text = "ℹ 法定刑：有期徒刑 6 个月以上 36 个月以下（刑法第四十五条）"
    pieces = [text[a:b] for a, b in words(text)]
    assert "6 个月以上 " in pieces and "36 个月以下" in pieces
    for width in range(12, 60):
        for line in _lines(text, width):
            assert not re.match(r"\s*(个月|以下|以上)", line), (width, line)
            assert not re.search(r"\d\s*$", line), (width, line)
    # a numeral in words with its unit, a date, an item of an article: never parted
    text = "支付结算金额二十万元以上的；本修正案自2015年11月1日起施行；法释〔2019〕15号第十条第（七）项"
    for width in range(20, 60):
        lines = _lines(text, width)
        joined = "|".join(lines)
        for whole in ("二十万元以上", "2015年11月1日", "法释〔2019〕15号", "第十条", "第（七）项"):
            assert whole in joined, (width, whole, lines)


def test_no_line_ends_with_an_opening_mark_or_a_separator():
    text = "✔ 明知他人利用信息网络实施犯罪（A1） cl.287-2 · 刑法第二百八十七条之二 法释〔2019〕15号"
    for width in range(16, 60):  # a tree line's room at 80 columns, twelve levels deep
        lines = _lines(text, width)
        assert all(not line.rstrip().endswith(("（", "·")) and not line.lstrip().startswith("·") for line in lines)
        assert not any(re.search(r"第二百?$|法释〔?$", line.rstrip()) for line in lines), (width, lines)


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_speak_chinese_and_the_batch_summary_fits(width: int, tmp_path):
    """`rules` names its columns in the user's language (no 'confidence' or 'rule' in Chinese), and
    the summary of `batch` keeps each offence's label whole: stacked where the table does not fit."""
    env = {"COLUMNS": str(width)}
    rules = CliRunner().invoke(main, ["rules"], env=env).output
    assert "文本可信度" in rules and "规则位置" in rules
    assert not re.search(r"\bconfidence\b|\brule\b", rules)
    out = tmp_path / "rows.jsonl"
    done = CliRunner().invoke(main, ["batch", str(EXAMPLES), "-o", str(out), "--jobs", "1"], env=env)
    assert done.exit_code == 0, done.output
    assert "帮助信息网络犯罪活动罪" in _squeezed(done.output) and "非法利用信息网络罪" in _squeezed(done.output)
    assert " …" not in done.output and not _faults(done.output, width), _faults(done.output, width)[:5]
