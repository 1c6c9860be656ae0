"""Elements (issue 18 items 9-13) and the case format it added: Art 12's chapeau, help as an open
class, Art 13's tried author, Art 11's presumption shown as one, the wording of labels, a count of
groups with their members' total, and files of format 1 kept valid (``reasoner upgrade``)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import EXAMPLES, ROOT, assist_act, assist_case, holds, run, to_case

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.law.catalogue import catalogue
from reasoner.law.terms import String

A1 = String("A1")
FORMAT1 = ROOT / "tests" / "data" / "format1"


def conclusion(data: dict, pid: str, lang: str = "en"):
    return next(c for c in build(to_case(data), "t.json", lang).conclusions if c.id == pid)


# ----------------------------------------------------------------------------- 9: Art 12's chapeau


def test_no_item_of_art_12_without_knowledge_or_help():
    rich = assist_act("A1", "2023-05-01", "900000", illegal_gains="50000", knowledge={"proven": False})
    data = assist_case(rich, as_of="2024-06-01")
    for pid in ("interp.12.1", "interp.12.1.2", "interp.12.1.4", "cl.287-2.1.serious"):
        assert not holds(data, pid), pid
    helped_nothing = assist_act("A1", "2023-05-01", "900000", help=[])
    for pid in ("interp.12.1.2", "cl.287-2.1.serious"):
        assert not holds(assist_case(helped_nothing, as_of="2024-06-01"), pid), pid


def test_a_rebutted_presumption_leaves_no_serious_circumstance():
    presumed = {"indicators": ["notified_by_regulator"], "counter_evidence": ["经查其确不知情"]}
    data = assist_case(assist_act("A1", "2023-05-01", "900000", knowledge=presumed), as_of="2024-06-01")
    assert holds(data, "interp.11.1.rebuttal")
    assert not holds(data, "cl.287-2.1.serious")


# ----------------------------------------------------------------------------- 10: 等技术支持 / 等帮助


def test_help_of_another_kind_is_help_without_a_finding():
    for kind in ("account_unblocking", "cards_and_accounts", "phone_cards", "tools", "other_assistance"):
        data = assist_case(assist_act("A1", "2023-05-01", help=[kind]), as_of="2024-06-01")
        assert holds(data, "cl.287-2.1.help"), kind
        assert not conclusion(data, "cl.287-2.1.help").discretionary, kind


def test_a_finding_may_say_the_conduct_was_no_help():
    no_help = {"provision": "cl.287-2.1.help", "subject": "A1", "holds": False, "reason": "与其犯罪无关"}
    data = assist_case(assist_act("A1", "2023-05-01"), as_of="2024-06-01", findings=[no_help])
    assert not holds(data, "cl.287-2.1.help")
    assert not holds(data, "cl.287-2")


# ----------------------------------------------------------------------------- 11: Art 13


def test_a_tried_author_confirms_the_crime():
    party = {
        "id": "X1",
        "description": "诈骗团伙",
        "uses_network": True,
        "reaches_crime": "yes",
        "author_status": "tried",
    }
    data = assist_case(assist_act("A1", "2023-05-01", assisted=[party]), as_of="2024-06-01")
    assert run(data).holds("interp.13.1", String("X1"))
    assert conclusion(data, "cl.287-2").certainty == "established"


def test_confirmable_left_out_is_open_not_false():
    party = {
        "id": "X1",
        "description": "诈骗团伙",
        "uses_network": True,
        "reaches_crime": "yes",
        "author_status": "not_caught",
    }
    data = assist_case(assist_act("A1", "2023-05-01", assisted=[party]), as_of="2024-06-01")
    offence = conclusion(data, "cl.287-2")
    assert offence.certainty == "possible"
    assert "acts[0].assisted[0].confirmable" in offence.depends_on_unknown


# ----------------------------------------------------------------------------- 12: Art 11's 可以


def test_a_presumed_knowledge_is_shown_as_a_presumption():
    presumed = {"indicators": ["notified_by_regulator"]}
    data = assist_case(assist_act("A1", "2023-05-01", knowledge=presumed), as_of="2024-06-01")
    offence = conclusion(data, "cl.287-2")
    assert offence.presumed and offence.to_json({})["presumed_knowledge"] is True
    proven = conclusion(assist_case(assist_act("A1", "2023-05-01"), as_of="2024-06-01"), "cl.287-2")
    assert not proven.presumed


# ----------------------------------------------------------------------------- 13: wording


def test_the_wording_of_the_labels():
    cat = catalogue()
    assert "where the circumstances are serious" in cat["cl.286-1.1.3"].en
    assert "embezzlement" in cat["interp.5.1.1"].en and "corruption" not in cat["interp.5.1.1"].en
    assert "interp.2.2.4" not in cat  # Art 2 ¶2 names three factors; the refusal is its own conclusion
    assert cat["interp.2.2.refused"].citation("zh") == "法释〔2019〕15号第二条第二款"
    fine = build(to_case(assist_case(assist_act("A1", "2023-05-01"), as_of="2024-06-01")), "t.json", "zh")
    notes = " ".join(next(c for c in fine.conclusions if c.id == "interp.18").notes)
    assert "第十八条" in notes


# ----------------------------------------------------------------------------- case format gaps


def test_a_count_of_groups_with_only_their_members_total():
    report = build(load(EXAMPLES / "287-1-filed-in-time.yaml"), "x", "en")
    assert next(c for c in report.conclusions if c.id == "interp.10.1.3").status == "holds"  # 6 groups
    assert next(c for c in report.conclusions if c.id == "cl.287-1").status == "holds"
    assert next(c for c in report.conclusions if c.id == "cl.87.1").status == "not_established"  # filed in time


# ----------------------------------------------------------------------------- format 1 kept, and upgraded


def test_a_format_1_file_keeps_its_meaning():
    for name in ("287-2-cumulation.yaml", "287-2-unblocking-studio.yaml"):
        old = build(load(FORMAT1 / name), name, "en").to_json()
        new = build(load(EXAMPLES / name), name, "en").to_json()
        got = {(c["id"], c["subject"], c["party"], c["certainty"]) for c in old["conclusions"]}
        want = {(c["id"], c["subject"], c["party"], c["certainty"]) for c in new["conclusions"]}
        assert got == want, name


def test_upgrade_rewrites_format_1_and_lists_the_changes(tmp_path):
    src = tmp_path / "case.yaml"
    shutil.copy(FORMAT1 / "287-2-unblocking-studio.yaml", src)
    cmd = [sys.executable, "-m", "reasoner.cli", "upgrade", str(src), "--lang", "en"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert "format: 1 -> 2" in out and "declared under assisted_parties" in out
    assert "removed the finding that cl.287-2.1.help holds" in out
    text = src.read_text(encoding="utf-8")
    assert text.startswith("# CL 287-2 through Art 12 ¶1 item (1)")  # comments kept
    assert "format: 2" in text and "assisted: [X1, X2, X3, X4]" in text
    load(src)  # valid in the new format
    again = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    assert "already in the current format" in again
    zh = subprocess.run(cmd[:-2], capture_output=True, text=True, check=True).stdout  # Chinese by default
    assert "已是当前格式，未作改动" in zh
    # the input is never lost: the file as it was is kept beside it, byte for byte
    assert (tmp_path / "case.format-1.yaml").read_bytes() == (FORMAT1 / "287-2-unblocking-studio.yaml").read_bytes()


def test_an_upgrade_in_place_never_overwrites_an_earlier_backup(tmp_path):
    src = tmp_path / "case.yaml"
    shutil.copy(FORMAT1 / "287-2-unblocking-studio.yaml", src)
    (tmp_path / "case.format-1.yaml").write_text("keep me", encoding="utf-8")
    cmd = [sys.executable, "-m", "reasoner.cli", "upgrade", str(src)]
    run = subprocess.run([*cmd, "--lang", "en"], capture_output=True, text=True)
    assert run.returncode == 1 and "case.format-1.yaml already exists" in run.stderr
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 1 and "case.format-1.yaml 已经存在" in run.stderr
    assert (tmp_path / "case.format-1.yaml").read_text(encoding="utf-8") == "keep me"
    assert src.read_bytes() == (FORMAT1 / "287-2-unblocking-studio.yaml").read_bytes()
