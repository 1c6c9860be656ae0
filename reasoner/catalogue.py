"""The catalogue of encoded provisions: ids, citations, source text, labels, rule files.

Ids follow the law's structure: ``interp.<article>.<paragraph>.<item>[.<sub-item>]`` for the 2019
Interpretation, ``cl.<article>[.<paragraph>.<item>]`` for the Criminal Law.  Citations are built
from the id so that they cannot disagree with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DIGITS = "零一二三四五六七八九"

#: Articles of the Interpretation with more than one paragraph (cited with 第…款).
_MULTI_PARAGRAPH = {2, 12}
#: Articles of the Criminal Law with one paragraph: a third id part is an item (cl.87.1 = 第八十七条第（一）项).
_CL_SINGLE_PARAGRAPH = {"87"}
INTERP_ZH = "法释〔2019〕15号"
INTERP_EN = "Interpretation 2019 No. 15"


def _ten_form(n: int) -> str:
    """10..99 inside a larger number: 八十六, 一十二 (after 百, ten keeps its 一)."""
    tens, ones = divmod(n, 10)
    return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")


def zh_number(n: int) -> str:
    """Chinese numeral for 1..999, as the law writes article and item numbers."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS[hundreds] + "百"
        return _DIGITS[hundreds] + "百" + ("零" + _DIGITS[rest] if rest < 10 else _ten_form(rest))
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def cl_article(art: str) -> str:
    """A Criminal Law article number in Chinese: 286-1 -> 第二百八十六条之一, 12 -> 第十二条."""
    num, _, sub = art.partition("-")
    return f"第{zh_number(int(num))}条" + (f"之{zh_number(int(sub))}" if sub else "")


def cite(pid: str, lang: str) -> str:
    """Citation for a provision id, e.g. interp.3.1.6 -> 法释〔2019〕15号第三条第（六）项."""
    parts = pid.split(".")
    if parts[0] == "interp":
        nums = []
        for part in parts[1:]:  # named sub-conclusions (e.g. interp.11.1.rebuttal) cite their numbered part
            if not part.isdigit():
                break
            nums.append(part)
        art = int(nums[0])
        zh = [f"{INTERP_ZH}第{zh_number(art)}条"]
        en = [f"{INTERP_EN}, Art {art}"]
        if len(nums) > 1:
            para = int(nums[1])
            if art in _MULTI_PARAGRAPH:
                zh.append(f"第{zh_number(para)}款")
                en.append(f"¶{para}")
        if len(nums) > 2:
            if art == 2:
                zh.append(f"（因素{zh_number(int(nums[2]))}）")
                en.append(f"factor {nums[2]}")
            else:
                zh.append(f"第（{zh_number(int(nums[2]))}）项")
                en.append(f"item ({nums[2]})")
        if len(nums) > 3:
            zh.append(f"第{int(nums[3])}目")
            en.append(f"sub-item {nums[3]}")
        return "".join(zh) if lang == "zh" else " ".join(en)
    if parts[0] == "cl":
        art = parts[1]
        zh = [f"刑法{cl_article(art)}"]
        en = [f"Criminal Law Art {art}"]
        if len(parts) > 2 and art in _CL_SINGLE_PARAGRAPH:
            zh.append(f"第（{zh_number(int(parts[2]))}）项")
            en.append(f"item ({parts[2]})")
        elif len(parts) > 2:
            zh.append(f"第{zh_number(int(parts[2]))}款")
            en.append(f"¶{parts[2]}")
        if len(parts) > 3:
            if parts[3].isdigit():
                zh.append(f"第（{zh_number(int(parts[3]))}）项")
                en.append(f"item ({parts[3]})")
        return "".join(zh) if lang == "zh" else " ".join(en)
    raise ValueError(f"not a provision id: {pid}")


@dataclass(frozen=True)
class Provision:
    id: str
    text: str
    zh: str
    en: str
    file: str
    line: int
    finding: bool  # whether a reviewer finding can establish or defeat it
    finding_holds: bool = True  # whether a finding that it holds is used (else only one that it does not)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def citation(self, lang: str) -> str:
        return cite(self.id, lang)


@cache
def rules_dir() -> Path:
    """The folder of rule packs: ``asp/`` beside the package in a checkout, or the package data
    ``reasoner/asp`` of an installed wheel.  Each pack is a sub-folder with a ``pack.toml``."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "asp", here / "asp"):
        if any(candidate.glob("*/pack.toml")):
            return candidate
    raise RuntimeError(f"the rule packs (asp/*/pack.toml) are not found next to {here}")


def pack_dirs() -> list[Path]:
    """The rule packs' folders, in a fixed order (by name)."""
    return sorted(p.parent for p in rules_dir().glob("*/pack.toml"))


def pack_files(name: str) -> list[Path]:
    """One data file of every pack that has it (``parameters.toml``, ``provisions.toml``), in pack order."""
    return [d / name for d in pack_dirs() if (d / name).is_file()]


def rule_files() -> list[Path]:
    """Rule files of every pack, ordered by file name (as they were when asp/ was flat), so that
    grounding, the catalogue's order and the output are deterministic."""
    return sorted((f for d in pack_dirs() for f in d.glob("*.lp")), key=lambda f: f.name)


@cache
def rule_path(name: str) -> Path:
    """The path of a rule file named by its file name (as explanations cite it: ``cl_287-2.lp``)."""
    for f in rule_files():
        if f.name == name:
            return f
    raise KeyError(name)


@cache
def catalogue() -> dict[str, Provision]:
    """Every encoded provision, keyed by id, in the order of the rule files."""
    from .engine import program
    from .transform import provision_lines

    labels: dict = {}
    for f in pack_files("provisions.toml"):
        labels.update(tomllib.loads(f.read_text(encoding="utf-8")))
    prog = program()
    with_finding = prog.finding_provisions
    out: dict[str, Provision] = {}
    for path in rule_files():
        for line, pid in provision_lines(path):
            if pid in out:
                continue
            entry = labels.get(pid)
            if entry is None:
                raise RuntimeError(f"{path.name}:{line}: provision {pid} has no entry in provisions.toml")
            out[pid] = Provision(
                pid,
                entry["text"],
                entry["zh"],
                entry["en"],
                path.name,
                line,
                pid in with_finding,
                pid in prog.positive_findings,
            )
    return out


#: Literals that say what kind of record a variable is: (predicate, argument position) -> kind.
_TYPING = {
    ("service", 0): "party",
    **{
        (p, 0): "order"
        for p in (
            "order",
            "order_to",
            "order_issuer",
            "order_basis",
            "provider_capacity",
            "order_not_complied",
            "order_form",
            "issuer_statutory_duty",
        )
    },
    **{
        (p, 0): "act"
        for p in (
            "act",
            "act_kind",
            "actor",
            "act_order",
            "duty_not_performed",
            "user_info_leaked",
            "evidence_loss",
            "duty_lapse",
            "used_for_attack",
            "used_for_crime",
            "public_network_damaged",
            "knowledge_indicator",
            "help",
            "site",
            "assisted",
            "publishing",
            "publish_method",
            "harm",
        )
    },
    ("site", 1): "site",
    ("site_kind", 0): "site",
    ("site_purpose", 0): "site",
    ("assisted", 1): "assisted",
    ("assisted_uses_network", 0): "assisted",
    ("assisted_reaches_crime", 0): "assisted",
}


@cache
def finding_subjects() -> dict[str, frozenset[str]]:
    """For each provision that takes a finding, the kinds of record the finding can be about,
    read from the rules: the literals beside the finding that type its subject variable."""
    from .engine import program

    rules = program().rules
    head_kind: dict[str, set[str]] = {}

    def kinds_of(var: str, body: list, seen: frozenset) -> set[str]:
        out: set[str] = set()
        for lit in body:
            a = getattr(lit, "atom", None)
            if a is None or a.ast_type.name != "SymbolicAtom" or a.symbol.ast_type.name != "Function":
                continue
            sym = a.symbol
            for i, arg in enumerate(sym.arguments):
                if arg.ast_type.name == "Variable" and arg.name == var:
                    if (sym.name, i) in _TYPING:
                        out.add(_TYPING[(sym.name, i)])
                    elif sym.name == "holds" and i == 1 and sym.arguments[0].ast_type.name == "SymbolicTerm":
                        out |= subject_kind(sym.arguments[0].symbol.string, seen)
        return out

    def subject_kind(pid: str, seen: frozenset = frozenset()) -> set[str]:
        if pid in head_kind:
            return head_kind[pid]
        if pid in seen:
            return set()
        out: set[str] = set()
        for r in rules:
            if r.head_id == pid:
                out |= kinds_of(r.head.arguments[1].name, r.body, seen | {pid})
        head_kind[pid] = out
        return out

    result: dict[str, set[str]] = {}
    for r in rules:
        for lit in r.body if r.findings else []:
            a = getattr(lit, "atom", None)
            if a is None or a.ast_type.name != "SymbolicAtom" or a.symbol.ast_type.name != "Function":
                continue
            if a.symbol.name in ("finding_holds", "finding_fails"):
                pid = a.symbol.arguments[0].symbol.string
                var = a.symbol.arguments[1].name
                result.setdefault(pid, set()).update(kinds_of(var, r.body, frozenset()))
    return {pid: frozenset(k) for pid, k in result.items()}
