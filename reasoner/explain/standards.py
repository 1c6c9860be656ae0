"""Which standards a case was weighed under, subject by subject, and where the two sets of the 2001
rule disagree (``--compare-standards``).  Read from the model: ``applied/2`` names the world that
governs each subject of the case, ``standards_on/2`` and ``pack_applies/2`` its day and documents
(asp/effect-2001/effect_2001_standards.lp)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reasoner.explain.i18n import natural_key, plain
from reasoner.law.catalogue import catalogue
from reasoner.law.packs import standard_packs
from reasoner.law.terms import Function, String, SymbolType, Term
from reasoner.solve.result import EXCLUDED, Result


class Worlds:
    """The worlds of standards a case was reasoned in: which instance of each record governs it."""

    def __init__(self, result: Result):
        setting = result.facts.setting
        self.two = bool(setting is not None and setting.two_worlds)
        self.base: dict[Term, Term] = {}  # applied instance -> the case's own subject
        self.applied: dict[Term, Term] = {}  # the case's own subject -> its applied instance
        if self.two:
            for s in result.named("applied"):
                if len(s.arguments) == 2:
                    self.base[s.arguments[1]] = s.arguments[0]
                    self.applied[s.arguments[0]] = s.arguments[1]

    def shown(self, subj: Term) -> bool:
        """A subject whose conclusions are printed: every one in one world; in two, the instance of
        each record in the world that governs it."""
        return not self.two or subj in self.base

    def instance_of(self, atom: Term) -> Term | None:
        """The printed subject of a conclusion atom of the three-valued answer (holds/2 in one
        world, applied_holds/2 in two: the case's subject, shown through its recorded instance)."""
        if not self.two:
            return atom.arguments[1] if atom.name == "holds" else None
        return self.applied.get(atom.arguments[1]) if atom.name == "applied_holds" else None

    def atom(self, pid: str, subj: Term) -> Term:
        """The atom whose truth is the conclusion's: holds(Id, S), or applied_holds(Id, Subject)."""
        if self.two and subj in self.base:
            return Function("applied_holds", [String(pid), self.base[subj]])
        return Function("holds", [String(pid), subj])


def setting_standards(setting) -> dict | None:
    """How the standards were chosen for a case (the header of every printout)."""
    if setting is None:
        return None
    if setting.standards is not None:
        return {"mode": "fixed", "date": setting.standards.isoformat()}
    return {"mode": "2001_rule", "two_worlds": setting.two_worlds}


class StandardsIndex:
    """The day and the documents of every subject's standards, read off the model once per case
    (``standards_on/2``, ``pack_applies/2``): not once per conclusion."""

    def __init__(self, result: Result):
        standard = {p.id for p in standard_packs()}
        self.day: dict[Term, int] = {}
        self.packs: dict[Term, list[str]] = defaultdict(list)
        for s in result.named("standards_on", "pack_applies"):
            if s.name == "standards_on" and len(s.arguments) == 2:
                self.day.setdefault(s.arguments[0], s.arguments[1].number)
            elif s.name == "pack_applies" and len(s.arguments) == 2 and s.arguments[0].type == SymbolType.String:
                if s.arguments[0].string in standard:
                    self.packs[s.arguments[1]].append(s.arguments[0].string)


def subject_standards(result: Result, subj: Term, index: StandardsIndex | None = None) -> dict | None:
    """The standards applied to a subject: the day whose documents govern it, those documents, and
    the world it was taken from (``index``: the model read once, for many subjects)."""
    index = index or StandardsIndex(result)
    day = index.day.get(subj)
    if day is None:
        return None
    applying = sorted(index.packs.get(subj, ()))
    world = _world_of(subj)
    act = _act_of(subj)
    rule = next(
        (
            pid
            for pid in ("eff2001.2", "eff2001.3")
            if act is not None and result.status(Function("holds", [String(pid), act])) != EXCLUDED
        ),
        None,
    )
    return {
        "date": f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}",
        "packs": applying,
        "world": world,
        "rule": rule,  # the 2001 rule's paragraph that chose them (None: chosen with --standards)
    }


def _act_of(subj: Term) -> Term | None:
    """The act instance whose standards a subject takes: itself, or the act of a person's part in it
    (by(A, P)), of a unit's responsible person (resp(A, R)) or of acts taken together (their first)."""
    if subj.type == SymbolType.Function and subj.name in ("by", "resp") and subj.arguments:
        return _act_of(subj.arguments[0])
    return subj


def _world_of(subj: Term) -> str | None:
    base = base_of(subj)
    return base[1] if base is not None else None


def base_of(subj: Term) -> tuple[Term, str] | None:
    """An instance's subject of the case and its world: (W, Id) -> (Id, W); by/resp/cumulation follow."""
    if subj.type != SymbolType.Function:
        return None
    if subj.name == "" and len(subj.arguments) == 2 and subj.arguments[0].type == SymbolType.Function:
        return subj.arguments[1], subj.arguments[0].name
    if subj.name in ("by", "resp", "cumulation") and subj.arguments:
        parts = [base_of(a) for a in subj.arguments]
        if parts[0] is None:
            return None
        args = [p[0] if p is not None else a for p, a in zip(parts, subj.arguments, strict=True)]
        return Function(subj.name, args), parts[0][1]
    return None


@dataclass(frozen=True)
class Difference:
    """One conclusion on which the standards of the act's time and those at judgment disagree."""

    provision: str
    label: str
    subject: str
    act_time: str  # established | possible | excluded
    judgment: str
    applied: str  # act_time | judgment: the world whose standards govern the subject

    def to_json(self) -> dict:
        return dict(self.__dict__)


def compare_standards(result: Result, lang: str) -> list[Difference] | None:
    """Conclusion by conclusion, where the two sets of standards disagree on this case; None when
    the case was weighed in one world (the standards of every act's time are those at judgment)."""
    worlds = Worlds(result)
    if not worlds.two:
        return None
    cat = catalogue()
    by_base: dict[tuple[str, Term], dict[str, Term]] = defaultdict(dict)
    for s in result.model:
        if s.name in ("holds", "candidate") and s.arguments[0].type == SymbolType.String:
            pid, subj = s.arguments[0].string, s.arguments[1]
            base = base_of(subj)
            # the 2001 rule's own conclusions say which world applies: they are the choice, not a
            # difference between the worlds
            if pid in cat and base is not None and not pid.startswith("eff2001."):
                by_base[(pid, base[0])][base[1]] = subj
    out = []
    for (pid, base), inst in sorted(by_base.items(), key=lambda kv: (natural_key(plain(kv[0][1])), kv[0][0])):
        statuses = {w: result.status(Function("holds", [String(pid), i])) for w, i in inst.items()}
        act_time, judgment = statuses.get("act_time", EXCLUDED), statuses.get("judgment", EXCLUDED)
        if act_time == judgment:
            continue
        applied = worlds.applied.get(base)
        world = _world_of(applied) if applied is not None else "act_time"
        out.append(Difference(pid, cat[pid].label(lang), plain(base), act_time, judgment, world or "act_time"))
    return out
