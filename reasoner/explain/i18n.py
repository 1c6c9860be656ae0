"""The translation table (messages.toml): every printed word in Chinese (default) and English."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from reasoner.case.errors import InputError, Msg
from reasoner.law.kept import read_toml
from reasoner.law.program import digest
from reasoner.law.terms import SymbolType, Term

LANGS = ("zh", "en")


#: The one translation table: every word printed, in every language.
MESSAGES = Path(__file__).with_name("messages.toml")


@cache
def table() -> dict:
    return read_toml(MESSAGES)


@cache
def rules_digest() -> str:
    """The digest a report names its rules by: the rule packs and the words of the conclusions."""
    return digest(MESSAGES)


def msg(key: str, lang: str) -> str:
    return table()["msg"][key][lang]


#: The translation table of input and output errors (kept apart: it is not in the rules digest).
ERRORS = Path(__file__).with_name("errors.toml")


@cache
def input_tables() -> dict[str, dict[str, dict[str, str]]]:
    """errors.toml: the words of input: [error] its errors, [ask] the questions of ask, [record]
    and [field] the records and fields of the case format as those questions name them."""
    return read_toml(ERRORS)


def error_table() -> dict[str, dict[str, str]]:
    return input_tables()["error"]


def message(m: Msg, lang: str) -> str:
    """A keyed message in a language (its parameters that are messages too, in the same one)."""
    entry = error_table().get(m.key)
    if entry is None or lang not in entry:
        return m.text
    return entry[lang].format(**{k: _param(v, lang) for k, v in m.params})


def _param(value: object, lang: str) -> object:
    """A parameter in a language: a message translated; a tuple listed with the language's "or"
    (messages translated, ``行为或当事人``; names as written, ``'a' or 'b'`` / ``a 或 b``)."""
    if isinstance(value, Msg):
        return message(value, lang)
    if isinstance(value, tuple):
        word, quote = error_table()["or_words"][lang].split("|")
        if all(isinstance(x, Msg) for x in value):
            return word.join(message(x, lang) for x in value)
        return word.join(quote.format(x) for x in value)
    return value


def error_line(err: InputError, lang: str) -> str:
    """An input error as one line, ``file:line: field: message``, its message in the language where
    it is keyed (English otherwise)."""
    text = message(err.detail, lang) if err.detail is not None else err.message
    where = f"{err.file}:{err.line}" if err.line else err.file
    top = "（顶层）" if lang == "zh" else "(top level)"
    return f"{where}: {err.path or top}: {text}"


def colon(lang: str) -> str:
    """The colon of the language: full-width in Chinese."""
    return msg("colon", lang)


def paren(text: str, lang: str) -> str:
    """Text in the parentheses of the language: （…） in Chinese, ' (…)' in English."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


def sep(lang: str) -> str:
    return msg("list_sep", lang)


def term(name: str, lang: str) -> str:
    entry = table()["term"].get(name)
    return entry[lang] if entry else name


def fmt_num(n: int) -> str:
    return f"{n:,}"


def fmt_yuan(fen: int, lang: str) -> str:
    """Whole fen as yuan, exactly: 20000000 -> 200,000.00 元 / CNY 200,000.00."""
    sign, fen = ("-", -fen) if fen < 0 else ("", fen)
    yuan, rest = divmod(fen, 100)
    text = f"{sign}{yuan:,}.{rest:02d}"
    return f"{text} 元" if lang == "zh" else f"CNY {text}"


def fmt_date(n: int) -> str:
    return f"{n // 10000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"


#: Names of subjects the rules make up (an Art 16 cumulation is named by its acts: "A1+A2+A3").
ALIASES: dict[Term, str] = {}


def plain(sym: Term) -> str:
    """A symbol as a reader sees it: strings without quotes, (case, id) pairs as their id."""
    if sym in ALIASES:
        return ALIASES[sym]
    if sym.type == SymbolType.String:
        return sym.string
    if sym.type == SymbolType.Number:
        return str(sym.number)
    if sym.type == SymbolType.Function and sym.name == "" and len(sym.arguments) == 2:
        return plain(sym.arguments[1])
    if sym.type == SymbolType.Function and sym.name in ("by", "resp") and len(sym.arguments) == 2:
        return plain(sym.arguments[0])  # a person's part in an act: the act (the person is the party)
    return str(sym)


def shown(sym: Term) -> str:
    """A subject as printed: as :func:`plain`, but a person's part in an act done by several names
    the person too (``A1 · P2``), so that two persons' conclusions on one act never read alike."""
    person = person_of(sym)
    return plain(sym) if person is None else f"{plain(sym)} · {plain(person)}"


def person_of(sym: Term) -> Term | None:
    """The person a subject is about: ``by(Act, Person)`` (one of several who did an act together)
    or ``resp(Act, Person)`` (a unit's responsible person); None for any other subject."""
    if sym.type == SymbolType.Function and sym.name in ("by", "resp") and len(sym.arguments) == 2:
        return sym.arguments[1]
    return None


_NATURAL = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Ids sorted as a reader expects: G2 before G10."""
    return tuple((0, int(x), "") if x.isdigit() else (1, 0, x) for x in _NATURAL.split(text) if x)


#: Keys of recorded figures (cl_12_time.lp) that are money, shown in yuan.
MONEY_KEYS = frozenset(
    {
        "payment_settlement",
        "advertising_funds",
        "illegal_gains",
        "inflow",
        "inflow_total",
        "outflow",
        "verified_fraud",
        "lawful_funds",
    }
)


def _money_figure(sym: Term) -> bool:
    """recorded/part/counted atoms whose key is money (their number is fen)."""
    return (
        sym.name in ("recorded", "part", "counted")
        and len(sym.arguments) >= 3
        and sym.arguments[1].type == SymbolType.Function
        and sym.arguments[1].name in MONEY_KEYS
    )


_PLACE = re.compile(r"\{(\d+)(?:\|(\w+))?\}")


def describe_not(sym: Term, lang: str) -> str:
    """What a rule requires absent, said as the fact it is ([atom_not.<predicate>]: 行为 A1 未经行政
    处罚处理); 'absent: ' and the atom's words for a predicate without one."""
    if sym.name in table().get("atom_not", {}):
        return describe(sym, lang, "atom_not")
    return f"{msg('absent', lang)}{colon(lang)}{describe(sym, lang)}"


def describe(sym: Term, lang: str, section: str = "atom") -> str:
    """An atom in words, from its [atom.<predicate>] template; the bare atom if none."""
    entry = table()[section].get(sym.name)
    if entry is None:
        return str(sym)
    args = sym.arguments

    def sub(m: re.Match) -> str:
        i, kind = int(m.group(1)), m.group(2)
        a = args[i]
        if kind == "date" and a.type == SymbolType.Number:
            return fmt_date(a.number)
        if kind == "num" and a.type == SymbolType.Number:
            return fmt_yuan(a.number, lang) if i == len(args) - 1 and _money_figure(sym) else fmt_num(a.number)
        if kind == "world" and a.type == SymbolType.Function and a.name == "" and len(a.arguments) == 2:
            return term(a.arguments[0].name, lang)  # an instance (World, Id): its world
        if kind == "yuan" and a.type == SymbolType.Number:
            return fmt_yuan(a.number, lang)
        if kind == "term" and a.type == SymbolType.Function:
            if a.arguments:  # a keyed figure, e.g. quantity(videos): 数量（违法视频文件）
                return term(a.name, lang) + paren(
                    sep(lang).join(
                        term(x.name, lang) if x.type == SymbolType.Function else plain(x) for x in a.arguments
                    ),
                    lang,
                )
            return term(a.name, lang)
        if kind in ("prov", "label", "pack") and a.type == SymbolType.String:
            return law_name(a.string, kind, lang)
        return shown(a)  # a person's part in a joint act names the person: A1 · P2

    return _PLACE.sub(sub, entry[lang])


def law_name(ident: str, kind: str, lang: str) -> str:
    """A provision or document named as a reader knows it, never by its id: ``prov`` its citation,
    ``label`` its label (its citation where it has none), ``pack`` the document's short name."""
    from reasoner.law.catalogue import catalogue
    from reasoner.law.citations import cite
    from reasoner.law.packs import by_id

    if kind == "pack":
        pack = by_id().get(ident)
        return pack.short(lang) if pack else ident
    prov = catalogue().get(ident)
    if kind == "label" and prov is not None:
        return prov.label(lang)
    return prov.citation(lang) if prov is not None else cite(ident, lang)
