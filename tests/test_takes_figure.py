"""what-it-takes on a conclusion excluded by a recorded figure (issue 17): illegal gains of 4,000
recorded against the 10,000 of Art 12 ¶1 (4) are answered with the figure needed and the provision,
not with 「没有可以审查……的对象（相关事实均未记录）」."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import assist_act, assist_case

from reasoner.cli import main


def _file(tmp_path, **changes) -> str:
    act = assist_act(settled="1000", help=["payment_settlement"], illegal_gains="4000", **changes)
    path = tmp_path / "gains.json"
    path.write_text(json.dumps(assist_case(act, as_of="2024-06-01"), ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(*args: str) -> str:
    out = CliRunner().invoke(main, ["what-it-takes", *args])
    assert out.exit_code == 0, out.output
    return out.output


def test_the_figure_needed_and_the_provision(tmp_path):
    text = _run(_file(tmp_path), "interp.12.1.4")
    assert "没有可以审查" not in text
    assert "须达到：10,000.00 元（现为 4,000.00 元，尚差 6,000.00 元）" in text
    assert "法释〔2019〕15号第十二条第一款第（四）项" in text
    en = _run(_file(tmp_path), "interp.12.1.4", "--lang", "en")
    assert "needed: CNY 10,000.00 (now CNY 4,000.00, CNY 6,000.00 more)" in en


def test_the_offence_lists_it_among_the_figures_recorded(tmp_path):
    text = _run(_file(tmp_path), "cl.287-2")
    assert "须达到：10,000.00 元（现为 4,000.00 元，尚差 6,000.00 元）" in text
