"""The texts of the rule packs (docs/packs.md): every provision quotes its source in its pack's rule
files; every provision of a later document marked ``verbatim = true`` is word for word in the verified
texts (../shared/law/later-documents-verified.zh.md); every conclusion resting on a provision marked
``verbatim = false`` says so (``unverified``); every pack's figures cite their document."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import ROOT
from pack_cases import card_case, conclusion, finding, report

from reasoner.law.catalogue import catalogue
from reasoner.law.packs import packs

LAW = ROOT.parent / "shared" / "law"
VERIFIED = LAW / "later-documents-verified.zh.md"
#: the packs of the documents after 法释〔2019〕15号, whose texts later-documents-verified.zh.md gives
LATER = ("minutes-2020", "opinions-2021", "minutes-2022", "opinion-2025")
PACKS = {p.id: p for p in packs()}

#: half-width and full-width punctuation, and the quotation marks, are compared as one (the verified
#: file: "copies show half-width commas, colons and parentheses")
WIDTH = str.maketrans(
    {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "。": ".", "！": "!", "？": "?", "“": '"', "”": '"'}
)


def normal(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(WIDTH))


def provisions_of(pack_id: str) -> dict[str, dict]:
    return tomllib.loads((PACKS[pack_id].folder / "provisions.toml").read_text(encoding="utf-8"))


def parameters_of(pack_id: str) -> list[dict]:
    path = PACKS[pack_id].folder / "parameters.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")).get("param", []) if path.is_file() else []


# ----------------------------------------------------------------------------- quoted in the rule files


def comments_of(pack_id: str) -> str:
    """The comments of a pack's rule files, as one text.  Where a quotation breaks off (……) for a
    note of the project's in ASCII parentheses and goes on after it (op2021.8.2: the words after the
    note are reported, not verified), the note and the ellipsis are left out."""
    lines = []
    for f in sorted(PACKS[pack_id].folder.glob("*.lp")):
        lines += [
            line.lstrip("%!").strip() for line in f.read_text(encoding="utf-8").splitlines() if line.startswith("%")
        ]
    text = "".join(lines)
    return normal(re.sub(r"……\s*\((?=[^()]*[A-Za-z])[^()]*\)", "", text))


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_every_provision_quotes_its_source_text_in_its_rule_files(pack_id):
    comments = comments_of(pack_id)
    entries = provisions_of(pack_id)
    assert entries, pack_id
    for pid, entry in entries.items():
        assert pid in catalogue(), (pack_id, pid, "no rule file marks it")  # %! provision: <id>
        assert normal(entry["text"]) in comments, (pack_id, pid)


# ----------------------------------------------------------------------------- verbatim in the verified texts

#: the number of an item, （一） or （1）: one verified copy of Opinions (II) 九 (一) folds the item
#: into another list as "(7)…"; the words of the item are what is verified
ITEM_NUMBER = re.compile(r"^\((?:[一二三四五六七八九十]+|\d+)\)")


@pytest.mark.skipif(not VERIFIED.is_file(), reason="the verified texts (../shared/law) are not beside this checkout")
@pytest.mark.parametrize("pack_id", LATER)
def test_every_verbatim_provision_of_a_later_document_is_in_the_verified_texts(pack_id):
    assert PACKS[pack_id].source.startswith("../shared/law/later-documents-verified.zh.md")
    verified = normal(VERIFIED.read_text(encoding="utf-8"))
    verbatim = {pid: e for pid, e in provisions_of(pack_id).items() if e.get("verbatim", True)}
    assert verbatim or pack_id == "opinion-2025", pack_id
    for pid, entry in verbatim.items():
        assert ITEM_NUMBER.sub("", normal(entry["text"])) in verified, (pack_id, pid)
    for param in parameters_of(pack_id):
        if param.get("verbatim", True):
            assert normal(param["source"]) in verified, (pack_id, param["provision"], param["name"])


@pytest.mark.skipif(not (LAW / "later-documents.zh.md").is_file(), reason="../shared/law is not beside this checkout")
def test_the_2001_rule_is_quoted_verbatim():
    assert PACKS["effect-2001"].source.startswith("../shared/law/later-documents.zh.md")
    text = normal((LAW / "later-documents.zh.md").read_text(encoding="utf-8"))
    for pid, entry in provisions_of("effect-2001").items():
        assert entry["verbatim"] and normal(entry["text"]) in text, pid


def test_the_texts_not_verified_are_the_ones_docs_packs_md_names():
    unverified = sorted(pid for pid, p in catalogue().items() if not p.verbatim)
    assert unverified == [
        "m2022.knowledge.1",
        "m2022.knowledge.2",
        "m2022.knowledge.3",
        "m2022.knowledge.4",
        "m2022.knowledge.6",
        "m2022.knowledge.7",
        "op2021.8.2",
        "op2021.9.1",
        "op2021.9.2",
        "op2025.5.1",
        "op2025.5.2",
        "op2025.5.3",
        "op2025.6.1",
        "op2025.6.2",
        "op2025.6.3",
    ]


# ----------------------------------------------------------------------------- marked on the conclusions


def knowing(indicator: str, when: str = "2023-05-01") -> dict:
    """Knowledge presumed from ``indicator``; serious through 支付结算 of ¥250,000 (Art 12 ¶1 (2),
    verified text), with no cards, so that nothing else unverified is on the way."""
    return card_case(
        date=when,
        as_of=when if when > "2025" else "2024-06-01",
        help=["payment_settlement"],
        payment_settlement="250000",
        knowledge={"indicators": [indicator]},
    )


#: for every provision whose text is not verified, a case whose offence rests on it, and what the
#: offence is marked with
RESTING_ON = {
    "op2021.8.2": (knowing("unit_accounts_traded"), ["op2021.8.2"]),
    # 九's chapeau (其他情节严重) was not seen verbatim, only its items
    "op2021.9.1": (card_case(("bank_card", "own", "sold", 5)), ["op2021.9.1"]),
    "op2021.9.2": (card_case(("phone_card", "others", "sold", 20)), ["op2021.9.2"]),
    "m2022.knowledge.1": (knowing("batch_card_trading"), ["m2022.knowledge.1"]),
    "m2022.knowledge.2": (knowing("continued_after_notice"), ["m2022.knowledge.2"]),
    "m2022.knowledge.3": (knowing("continued_after_freeze"), ["m2022.knowledge.3"]),
    "m2022.knowledge.4": (knowing("continued_after_account_sealed"), ["m2022.knowledge.4"]),
    "m2022.knowledge.6": (knowing("scripted_answers"), ["m2022.knowledge.6"]),
    "m2022.knowledge.7": (knowing("prior_card_trading_sanction"), ["m2022.knowledge.7"]),
    "op2025.5.1": (knowing("fraud_devices_or_software", "2025-08-01"), ["op2025.5.1"]),
    "op2025.5.2": (knowing("continued_after_restriction", "2025-08-01"), ["op2025.5.2"]),
    "op2025.5.3": (knowing("scripted_answers", "2025-08-01"), ["m2022.knowledge.6", "op2025.5.3"]),
    "op2025.6.1": (
        card_case(("bank_card", "own", "sold", 3), date="2025-08-01", as_of="2025-10-01", funds={"inflow": "300000"}),
        ["op2025.6.1"],
    ),
    "op2025.6.2": (
        card_case(
            ("bank_account", "unit", "sold", 1), date="2025-08-01", as_of="2025-10-01", funds={"inflow": "300000"}
        ),
        ["op2025.6.2"],
    ),
    "op2025.6.3": (card_case(("phone_card", "own", "sold", 20), date="2025-08-01", as_of="2025-10-01"), ["op2025.6.3"]),
}


def test_every_unverified_provision_has_a_case_here():
    assert sorted(RESTING_ON) == sorted(pid for pid, p in catalogue().items() if not p.verbatim)


@pytest.mark.parametrize("pid", sorted(RESTING_ON))
def test_a_conclusion_resting_on_an_unverified_text_is_marked(pid):
    data, marks = RESTING_ON[pid]
    rep = report(data)
    offence, item = conclusion(rep, "cl.287-2"), conclusion(rep, pid)
    assert offence.certainty == "established", pid
    assert offence.unverified == marks
    assert item.certainty == "established" and pid in item.unverified


@pytest.mark.parametrize(
    "data, via",
    [
        (
            card_case(
                ("bank_card", "own", "sold", 2), date="2021-01-10", as_of="2021-03-01", funds={"inflow": "400000"}
            ),
            "m2020.5",
        ),
        (
            card_case(
                ("bank_card", "own", "sold", 2),
                funds={"inflow": "400000", "verified_fraud": "3000"},
                findings=[finding("m2022.4.comparable")],
            ),
            "m2022.4.1",
        ),
    ],
)
def test_a_conclusion_resting_on_verified_texts_is_not_marked(data, via):
    rep = report(data)
    assert conclusion(rep, via).certainty == "established"
    assert conclusion(rep, "cl.287-2").unverified == []


# ----------------------------------------------------------------------------- figures cite their document


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_every_packs_figures_cite_their_document(pack_id):
    """Each figure cites the pack's document (its short title or number; the Criminal Law's articles
    as 刑法…).  A figure the document takes from another enactment (the age of a minor in the 2025
    Opinion para 11) cites that enactment by its title in 《》 and is marked verbatim = false."""
    pack = PACKS[pack_id]
    names = [n for n in (pack.short_zh, pack.short_zh.strip("《》"), pack.number) if n]
    provisions = provisions_of(pack_id)
    for param in parameters_of(pack_id):
        where = (pack_id, param["provision"], param["name"])
        assert param["source"].strip(), where
        assert param["provision"] in catalogue(), where
        if any(n in param["cite"] for n in names):
            continue
        assert re.search(r"《[^》]+》", param["cite"]) and param.get("verbatim") is False, where
        assert normal(param["source"]) in normal(provisions[param["provision"]]["text"]), where


def test_a_later_documents_figures_quote_the_provision_they_serve():
    for pack_id in LATER:
        provisions = provisions_of(pack_id)
        for param in parameters_of(pack_id):
            if param.get("verbatim", True):
                assert normal(param["source"]) in normal(provisions[param["provision"]]["text"]), param
