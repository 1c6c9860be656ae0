"""Facts to atoms: the validated case becomes clingo symbols, built with clingo's API.

No text from a case file is ever pasted into ASP source: every id becomes a ``String`` symbol and
every category a constant drawn from the model's closed vocabularies.

clingo integers are 32-bit and overflow silently, so every figure is capped before it reaches the
solver: counts at :data:`COUNT_CEILING`.  The ceiling is far above every threshold of the law,
so a comparison with any threshold has the same outcome for the capped and the exact figure, and
small enough that the largest expression in the rules (100 * a + 10 * b + c, Art 4 (4)) stays
below 2^31.  ``tests/test_overflow.py`` checks both properties.  The exact figure is kept here and
shown in explanations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from clingo import Function, Number, String, Symbol

from . import model as m
from .model import UNKNOWN, Case

COUNT_CEILING = 10_000_000
#: Cap on a count that the rules add up over a list (registered accounts of each site, ...): above
#: every threshold such counts meet, and small enough that MAX_SUMMED of them fit in 32 bits.
SUMMED_CEILING = 100_000
MAX_SUMMED = 20_000
#: Cap on money in fen (10,000,000 yuan): above five times every money threshold (Art 12 ¶2).
FEN_CEILING = 1_000_000_000
#: Art 16 adds up figures of up to model.MAX_ACTS acts as (V // SUM_BASE) and (V % SUM_BASE) sums,
#: each below 2**31 for 1,000 acts of at most FEN_CEILING (interp_16_cumulation.lp).
SUM_BASE = 1_000_000
#: Largest integer clingo can hold.
INT32_MAX = 2**31 - 1


def fen(yuan: Decimal) -> int:
    """Yuan (at most two decimals) as whole fen, exactly at any size: from the digits, because
    Decimal arithmetic rounds to the context's 28 digits."""
    sign, digits, exponent = yuan.as_tuple()
    n = int("".join(map(str, digits)) or "0")
    shift = int(exponent) + 2
    n = n * 10**shift if shift >= 0 else n // 10**-shift
    return -n if sign else n


def date_number(d: dt.date) -> int:
    """A date as the integer YYYYMMDD: order-preserving, and '+ 20000' is 'two years later'."""
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(frozen=True)
class FactInfo:
    """Where an input atom came from, for explanations: the field path and the exact figure."""

    path: str
    value: object = None  # the exact value (int, Decimal, date, str) when the atom carries one
    saturated: bool = False  # the atom carries COUNT_CEILING instead of the exact (larger) value
    unknown: bool = False  # recorded as not known; present only in "what if it were" solving
    source: object = None  # where a figure was summed from (evidence.StatementTotals), shown with it


@dataclass
class Facts:
    """The atoms of one case, with their provenance."""

    atoms: dict[Symbol, FactInfo] = field(default_factory=dict)
    unknown: dict[Symbol, FactInfo] = field(default_factory=dict)
    #: dates recorded as not known: no atom at all (no date can stand in for them), so they are
    #: listed here, as (predicate, entity id, case path), for the conclusions that may depend on them
    unknown_dates: list[tuple[str, str, str]] = field(default_factory=list)
    findings: dict[Symbol, m.Finding] = field(default_factory=dict)

    def add(
        self, sym: Symbol, path: str, value: object = None, saturated: bool = False, source: object = None
    ) -> None:
        self.atoms.setdefault(sym, FactInfo(path, value, saturated, source=source))

    def add_unknown(self, sym: Symbol, path: str) -> None:
        self.unknown.setdefault(sym, FactInfo(path, None, False, True))

    def info(self, sym: Symbol) -> FactInfo | None:
        return self.atoms.get(sym) or self.unknown.get(sym)


def _f(name: str, *args: Symbol | int | str) -> Symbol:
    return Function(
        name, [a if isinstance(a, Symbol) else Number(a) if isinstance(a, int) else Function(a) for a in args]
    )


class _Builder:
    def __init__(self, case: Case, scope: Symbol | None, as_of_path: str = "case.as_of"):
        self.as_of_path = as_of_path
        self.case = case
        self.scope = scope
        self.out = Facts()

    def ent(self, ident: str) -> Symbol:
        """An entity id; with a scope (batch screening), a (case, id) pair keeps cases apart."""
        s = String(ident)
        return Function("", [self.scope, s]) if self.scope is not None else s

    def fact(self, name: str, args: list, path: str, value: object = None) -> None:
        self.out.add(_f(name, *args), path, value)

    def flag(self, name: str, args: list, v: m.MaybeBool | None, path: str) -> None:
        """A boolean fact: true adds the atom, unknown records it as open, false/absent adds nothing."""
        if v is True:
            self.fact(name, args, path, True)
        elif v == UNKNOWN:
            self.out.add_unknown(_f(name, *args), path)

    def count(self, name: str, args: list, v: m.MaybeCount | None, path: str) -> None:
        if v is None:
            return
        if v == UNKNOWN:
            self.out.add_unknown(_f(name, *args, COUNT_CEILING), path)
            return
        capped = min(int(v), COUNT_CEILING)
        self.out.add(_f(name, *args, capped), path, int(v), saturated=int(v) > COUNT_CEILING)

    def capped(self, name: str, args: list, v: int, ceiling: int, path: str, exact: object = None) -> None:
        """A figure capped at ``ceiling`` (the atom says ceiling; the exact figure stays here)."""
        self.out.add(_f(name, *args, min(v, ceiling)), path, v if exact is None else exact, saturated=v > ceiling)

    def money(self, name: str, args: list, v: m.MaybeMoney | None, path: str) -> None:
        """An amount of yuan as whole fen, exact, capped at FEN_CEILING."""
        if v is None:
            return
        if v == UNKNOWN:
            self.out.add_unknown(_f(name, *args, FEN_CEILING), path)
            return
        self.capped(name, args, fen(v), FEN_CEILING, path, exact=v)

    def choice(self, name: str, args: list, v: str | None, options: list[str], path: str) -> None:
        """A fact with a closed set of values; unknown opens every value."""
        if v is None:
            return
        if v == UNKNOWN:
            for o in options:
                self.out.add_unknown(_f(name, *args, o), path)
        else:
            self.fact(name, [*args, v], path, v)

    def date(self, name: str, args: list, v: dt.date | str | None, path: str) -> None:
        if v == UNKNOWN:
            ident = args[0].arguments[-1].string if args[0].type.name == "Function" else args[0].string
            self.out.unknown_dates.append((name, ident, path))
        if v is None or v == UNKNOWN:
            return  # an unknown date establishes nothing that depends on it
        self.fact(name, [*args, date_number(v)], path, v)

    def build(self) -> Facts:
        c = self.case
        self.fact("count_ceiling", [COUNT_CEILING], "(reasoner: the cap on figures sent to the solver)", COUNT_CEILING)
        self.fact("fen_ceiling", [FEN_CEILING], "(reasoner: the cap on amounts sent to the solver)", FEN_CEILING)
        self.fact("sum_base", [SUM_BASE], "(reasoner: Art 16 sums in two parts to stay within 32 bits)", SUM_BASE)
        for i, p in enumerate(c.parties):
            pp = f"parties[{i}]"
            e = self.ent(p.id)
            self.fact("party", [e], pp, p.name)
            self.fact(p.kind, [e], f"{pp}.kind", p.kind)
            for j, s in enumerate(p.services):
                self.fact("service", [e, s.category.value], f"{pp}.services[{j}]", s.category.value)
            for j, r in enumerate(p.responsible_persons):
                self.fact("responsible", [e, self.ent(r.person), r.role.value], f"{pp}.responsible_persons[{j}]")
        for i, o in enumerate(c.orders):
            self._order(i, o)
        for i, a in enumerate(c.acts):
            self._act(i, a)
        for i, pen in enumerate(c.admin_penalties):
            pp = f"admin_penalties[{i}]"
            e = self.ent(pen.id)
            self.fact("admin_penalty", [e], pp)
            self.fact("penalty_party", [e, self.ent(pen.party)], f"{pp}.party", pen.party)
            self.fact("penalty_for", [e, pen.for_], f"{pp}.for", pen.for_)
            self.date("penalty_date", [e], pen.date, f"{pp}.date")
        for i, fd in enumerate(c.findings):
            name = "finding_holds" if fd.holds else "finding_fails"
            sym = _f(name, String(fd.provision), self.ent(fd.subject))
            self.out.add(sym, f"findings[{i}]", fd.reason)
            self.out.findings[sym] = fd
        return self.out

    def _order(self, i: int, o: m.Order) -> None:
        pp = f"orders[{i}]"
        e = self.ent(o.id)
        self.fact("order", [e], pp)
        self.fact("order_to", [e, self.ent(o.to)], f"{pp}.to", o.to)
        self.fact("order_issuer", [e, o.issuer.kind.value], f"{pp}.issuer", o.issuer.name)
        self.flag("issuer_statutory_duty", [e], o.issuer.statutory_duty, f"{pp}.issuer.statutory_duty")
        self.choice("order_form", [e], o.form, ["rectification_notice", "other_document", "oral"], f"{pp}.form")
        self.date("order_date", [e], o.date, f"{pp}.date")
        self.date("order_deadline", [e], o.deadline, f"{pp}.deadline")
        if o.legal_basis == UNKNOWN:
            for b in m.BasisKind:
                self.out.add_unknown(_f("order_basis", e, b.value), f"{pp}.legal_basis")
        else:
            for j, b in enumerate(o.legal_basis):
                self.fact("order_basis", [e, b.kind.value], f"{pp}.legal_basis[{j}]", b.name)
        self.flag("provider_capacity", [e], o.capacity_to_comply, f"{pp}.capacity_to_comply")
        complied = o.response.complied
        not_complied = UNKNOWN if complied == UNKNOWN else (not complied)
        self.flag("order_not_complied", [e], not_complied, f"{pp}.response.complied")

    def _illegal_use(self, pp: str, e: Symbol, a: m.Act) -> None:
        for j, site in enumerate(a.sites):
            sp = f"{pp}.sites[{j}]"
            s = self.ent(site.id)
            self.fact("site", [e, s], sp, site.name or site.id)
            self.fact("site_kind", [s, site.kind], f"{sp}.kind", site.kind)
            self.choice(
                "site_purpose",
                [s],
                site.purpose,
                ["set_up_for_illegal_activity", "used_mainly_for_illegal_activity", "other"],
                f"{sp}.purpose",
            )
            self.fact("site_activity", [s, site.activity.kind], f"{sp}.activity", site.activity.description)
            _character(self, s, site.activity, f"{sp}.activity")
            if site.impersonates:
                self.fact("site_impersonates", [s, site.impersonates], f"{sp}.impersonates", site.impersonates)
            for field_name, pred in (("registered_accounts", "site_accounts"), ("members", "site_members")):
                v = getattr(site, field_name)
                if v == UNKNOWN:
                    self.out.add_unknown(_f(pred, s, SUMMED_CEILING), f"{sp}.{field_name}")
                elif v is not None:
                    self.capped(pred, [s], v, SUMMED_CEILING, f"{sp}.{field_name}")
        if a.publishing is not None:
            pub = a.publishing
            pp2 = f"{pp}.publishing"
            self.fact("publishing", [e, pub.content], f"{pp2}.content", pub.content)
            self.fact("publish_activity", [e, pub.activity.kind], f"{pp2}.activity", pub.activity.description)
            _character(self, e, pub.activity, f"{pp2}.activity")
            for j, method in enumerate(pub.methods):
                self.fact("publish_method", [e, method], f"{pp2}.methods[{j}]", method)
            for q in ("items_on_websites", "recipient_accounts", "group_members_total", "followers_total"):
                self.count("publish_count", [e, q], getattr(pub, q), f"{pp2}.{q}")

    def _assist(self, pp: str, e: Symbol, a: m.Act) -> None:
        for j, h in enumerate(a.help):
            self.fact("help", [e, h], f"{pp}.help[{j}]", h)
        for j, x in enumerate(a.assisted):
            xp = f"{pp}.assisted[{j}]"
            xe = self.ent(x.id)
            self.fact("assisted", [e, xe], xp, x.description)
            self.flag("assisted_uses_network", [xe], x.uses_network, f"{xp}.uses_network")
            self.choice(
                "assisted_reaches_crime", [xe], x.reaches_crime, ["yes", "no", "unverifiable"], f"{xp}.reaches_crime"
            )
            self.flag("assisted_confirmable", [xe], x.confirmable, f"{xp}.confirmable")
            if x.author_status:
                self.fact("assisted_author_status", [xe, x.author_status], f"{xp}.author_status", x.author_status)
        k = a.knowledge
        if k is not None:
            kp = f"{pp}.knowledge"
            if k.proven is True:
                self.fact("knowledge_proven", [e], f"{kp}.proven", k.evidence)
            else:
                self.flag("knowledge_proven", [e], k.proven, f"{kp}.proven")
            for j, ind in enumerate(k.indicators):
                self.fact("knowledge_indicator", [e, ind], f"{kp}.indicators[{j}]", ind)
            for j, text in enumerate(k.counter_evidence):
                self.fact("counter_evidence", [e, j + 1], f"{kp}.counter_evidence[{j}]", text)
        self.money("payment_settlement", [e], a.payment_settlement, f"{pp}.payment_settlement")
        if a.statement is not None:  # summed from the rows of a statement (evidence.py), exact, then capped
            t = a.statement.totals
            total = t.settlement_fen
            sym = _f("payment_settlement", e, min(total, FEN_CEILING))
            self.out.add(sym, f"{pp}.statement", t.settlement_yuan, saturated=total > FEN_CEILING, source=t)
        self.money("advertising_funds", [e], a.advertising_funds, f"{pp}.advertising_funds")

    def _act(self, i: int, a: m.Act) -> None:
        pp = f"acts[{i}]"
        e = self.ent(a.id)
        self.fact("act", [e], pp, a.description)
        self.fact("actor", [e, self.ent(a.actor)], f"{pp}.actor", a.actor)
        self.fact("act_kind", [e, a.kind], f"{pp}.kind", a.kind)
        span = m.bounds(a.date)
        if span is None:
            self.out.unknown_dates.append(("act_end", a.id, f"{pp}.date"))
        if span:
            self.fact("act_start", [e, date_number(span[0])], f"{pp}.date", span[0])
            self.fact("act_end", [e, date_number(span[1])], f"{pp}.date", span[1])
        if self.case.case.as_of is not None:
            self.fact("judgment_date", [e, date_number(self.case.case.as_of)], self.as_of_path, self.case.case.as_of)
        if a.handled is not None:
            self.choice("handled", [e], a.handled, ["administrative_sanction", "criminal_sanction"], f"{pp}.handled")
        if a.order is not None:
            self.fact("act_order", [e, self.ent(a.order)], f"{pp}.order", a.order)
        self.flag("duty_not_performed", [e], a.duty_not_performed, f"{pp}.duty_not_performed")
        if a.quantities is not None:
            for name in m.Quantities.model_fields:
                self.count("quantity", [e, name], getattr(a.quantities, name), f"{pp}.quantities.{name}")
        if a.leak is not None:
            lk = a.leak
            any_count = False
            for name in m.Leak.model_fields:
                if name in ("occurred", "harms", "economic_loss"):
                    continue
                v = getattr(lk, name)
                self.count("leaked", [e, name], v, f"{pp}.leak.{name}")
                any_count = any_count or (isinstance(v, int) and v > 0)
            occurred = True if any_count else lk.occurred
            self.flag("user_info_leaked", [e], occurred, f"{pp}.leak.occurred")
            for j, h in enumerate(lk.harms):
                self.fact("harm", [e, h], f"{pp}.leak.harms[{j}]", h)
        for j, ev in enumerate(a.evidence_losses):
            ep = f"{pp}.evidence_losses[{j}]"
            ee = self.ent(ev.id)
            if ev.affects_conviction_or_sentencing is True:
                self.fact("evidence_loss", [e, ee], ep, ev.case)
            elif ev.affects_conviction_or_sentencing == UNKNOWN:
                self.out.add_unknown(_f("evidence_loss", e, ee), f"{ep}.affects_conviction_or_sentencing")
            self.choice(
                "evidence_case_crime",
                [ee],
                ev.crime_kind,
                ["state_security", "terrorism", "mafia", "corruption_bribery", "other"],
                f"{ep}.crime_kind",
            )
            s = ev.likely_sentence
            if s == UNKNOWN:
                self.out.add_unknown(_f("evidence_case_sentence_life", ee), f"{ep}.likely_sentence")
            elif s.kind in ("life", "death"):
                self.fact("evidence_case_sentence_life", [ee], f"{ep}.likely_sentence", s.kind)
            elif s.kind == "fixed_term":
                months = min(s.years * 12, COUNT_CEILING)
                self.out.add(_f("evidence_case_sentence", ee, months), f"{ep}.likely_sentence.years", s.years)
        for j, lapse in enumerate(a.duty_lapses):
            self.fact("duty_lapse", [e, lapse], f"{pp}.duty_lapses[{j}]", lapse)
        self.flag("used_for_attack", [e], a.used_for_attack, f"{pp}.used_for_attack")
        for j, k in enumerate(a.used_for_crime):
            self.fact("used_for_crime", [e, k], f"{pp}.used_for_crime[{j}]", k)
        for j, s in enumerate(a.public_network_damaged):
            self.fact("public_network_damaged", [e, s], f"{pp}.public_network_damaged[{j}]", s)
        self._illegal_use(pp, e, a)
        self._assist(pp, e, a)
        self.money("illegal_gains", [e], a.illegal_gains, f"{pp}.illegal_gains")
        for j, name in enumerate(a.also_other_crime):
            self.fact("also_other_crime", [e, String(name)], f"{pp}.also_other_crime[{j}]", name)


def _character(b: _Builder, ent: Symbol, act: m.IllegalActivity, path: str) -> None:
    b.choice(
        "activity_character",
        [ent],
        act.legal_character,
        ["crime", "illegal_act_of_criminal_type", "other_violation"],
        f"{path}.legal_character",
    )


def case_facts(case: Case, scope: Symbol | None = None, as_of_path: str = "case.as_of") -> Facts:
    """All input atoms of a case.  ``scope`` (a case id symbol) is for screening many cases at once;
    ``as_of_path`` names where the date of judgment came from (the case file, or ``--as-of``)."""
    return _Builder(case, scope, as_of_path).build()
