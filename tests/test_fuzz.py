"""The fuzz corpus (issue 16): property tests over generated and mutated case files.

* reading: any bytes made from an example (text cut, lines repeated, hostile fragments put in:
  NUL, escapes, aliases, tags, brackets, a byte-order mark, GBK) are a case or a CaseFileError
  naming the file, never another exception;
* the command line: any case made by changing one field of an example (to null, a number, text, a
  list, "unknown", ...) or adding one gets exit 0 or 2 from ``check``, never a traceback, and the
  same output when run again;
* the law's monotony: more money or more gains never turns an established threshold item of Art 12
  into not established, and an Art 11 indicator added with its finding never removes 明知;
* batch screening gives each case the report ``check`` gives it alone.

Profiles (tests/conftest.py): ``ci`` by default, a few hundred cases on the same seed each run;
``long`` on demand (``pytest tests/test_fuzz.py --hypothesis-profile=long``), random, twenty
times as many.  A failure found is kept as a file in tests/fuzz_regressions/ (its minimal example,
written when Hypothesis replays it), and every file there is read and checked on every run.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, assist_act, assist_case, to_case
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reasoner.case.errors import CaseFileError
from reasoner.case.read import Loader, load_bytes
from reasoner.cli import main

REGRESSIONS = ROOT / "tests" / "fuzz_regressions"
TEXTS = {p.name: p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
#: Fragments hostile input puts into a case file.
FRAGMENTS = [
    "\x00",
    "\x1b[2K\r",
    "\ufeff",
    "&a ",
    "*a",
    "!foo ",
    "!!set ",
    "!!python/object:os.system ",
    "<<: ",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "\n- ",
    "\t",
    "\r\n",
    "~",
    "null",
    "'",
    '"',
    "\\",
    "9" * 40,
    "1e999",
    "-1",
    "unknown",
    "2023-02-30",
    "\u202e",
    "A1+A2+A3",
    "\ud800",
    "案",
]


def _share(share: float, at_least: int = 5) -> settings:
    """Settings for a property that costs more per case: a share of the profile's examples."""
    base = settings.default
    return settings(
        max_examples=max(at_least, int(base.max_examples * share)),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _keep(data: bytes, suffix: str) -> None:
    """Keep the minimal failing input as a regression file (when Hypothesis replays it)."""
    from hypothesis.control import current_build_context

    try:
        final = current_build_context().is_final
    except Exception:  # noqa: BLE001 - outside a Hypothesis run
        final = True
    if final:
        REGRESSIONS.mkdir(exist_ok=True)
        (REGRESSIONS / f"found-{hashlib.sha256(data).hexdigest()[:12]}{suffix}").write_bytes(data)


# --- reading: bytes in, a case or a CaseFileError out ------------------------------------------------


@st.composite
def mutated_bytes(draw) -> tuple[bytes, str]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    if draw(st.booleans()):  # the same case as JSON
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader
        text, suffix = (
            json.dumps(data, ensure_ascii=False, default=str, indent=draw(st.sampled_from([None, 1]))),
            ".json",
        )
    else:
        suffix = ".yaml"
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace", "repeat", "truncate"]))
        piece = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=3))
        end = min(len(text), at + draw(st.integers(0, 40)))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[end:]
        elif op == "replace":
            text = text[:at] + piece + text[end:]
        elif op == "repeat":
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gbk"]))
    raw = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    return raw, str(EXAMPLES / ("fuzz" + suffix))


def _read(raw: bytes, name: str) -> None:
    try:
        load_bytes(raw, name)
    except CaseFileError as e:
        assert e.errors
        for err in e.errors:
            assert err.file.startswith(str(EXAMPLES)) and err.message and (err.line is None or err.line >= 1)
    except Exception:
        _keep(raw, Path(name).suffix)
        raise


@given(case=mutated_bytes())
@_share(1.0)
def test_any_bytes_are_a_case_or_errors_naming_the_file(case):
    _read(*case)


# --- the command line: exit 0 or 2, the same output each time -----------------------------------------


_MONEY = st.decimals(min_value=0, max_value=2_000_000, places=2, allow_nan=False, allow_infinity=False)


def _money(v: Decimal) -> str:
    return f"{v:.2f}"


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**15),
    st.text(max_size=12),
    st.sampled_from(["unknown", "", "0", "236500.80", "-5", "1e3", "2023-02-29", "2024-02-29", "A1", "P1"]),
    st.lists(st.sampled_from(["A1", "P1", "X1", "unknown", 3]), max_size=3),
    st.dictionaries(st.sampled_from(["at_least", "at_most", "from", "to", "id"]), st.integers(0, 10**6), max_size=2),
)


def _at(data: object, path: tuple) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def _paths(node: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMOUNT = re.compile(r"^\d+(\.\d{1,2})?$")


def _nudged(draw, value: object) -> object:
    """A value of the same kind: a count or an amount scaled, a day moved, a boolean flipped or not
    known; the case mostly stays valid, and is reasoned about."""
    import datetime as dt

    if isinstance(value, bool):
        return draw(st.sampled_from([not value, "unknown"]))
    if isinstance(value, int):
        return draw(st.integers(0, max(10, value * 3)))
    if isinstance(value, str) and _DAY.match(value):
        try:
            day = dt.date.fromisoformat(value) + dt.timedelta(days=draw(st.integers(-800, 800)))
        except (ValueError, OverflowError):
            return value
        return day.isoformat()
    if isinstance(value, str) and _AMOUNT.match(value):
        return _money(draw(_MONEY))
    return draw(_VALUES)


@st.composite
def mutated_cases(draw) -> dict:
    """An example with one or two fields changed (mostly to a value of the same kind), removed or
    added, anywhere in the tree."""
    name = draw(st.sampled_from(sorted(n for n in TEXTS if "statement" not in n)))
    data = json.loads(json.dumps(yaml.load(TEXTS[name], Loader=Loader), default=str))  # noqa: S506
    for _ in range(draw(st.integers(1, 2))):
        op = draw(st.sampled_from(["nudge", "nudge", "nudge", "set", "remove", "add"]))
        paths = _paths(data)[1:]
        leaves = [p for p in paths if not isinstance(_at(data, p), dict | list)]
        path = draw(st.sampled_from(leaves if op == "nudge" and leaves else paths))
        parent = _at(data, path[:-1])
        if op == "remove":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "note", "id", "date", "unknown"]))] = draw(_VALUES)
        elif op == "nudge":
            parent[path[-1]] = _nudged(draw, parent[path[-1]])
        else:
            parent[path[-1]] = draw(_VALUES)
    return data


@given(data=mutated_cases())
@_share(0.1)
def test_check_exits_0_or_2_and_answers_the_same_twice(data, tmp_path_factory):
    p = tmp_path_factory.mktemp("fuzz") / "c.json"
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    p.write_bytes(raw)
    runs = [CliRunner().invoke(main, ["check", str(p), "--format", "json", "--lang", "en"]) for _ in range(2)]
    for out in runs:
        if out.exception is not None and not isinstance(out.exception, SystemExit):
            _keep(raw, ".json")
        assert out.exception is None or isinstance(out.exception, SystemExit), out.output
        assert out.exit_code in (0, 2), out.output
    assert runs[0].output == runs[1].output


# --- the law's monotony --------------------------------------------------------------------------


#: Art 12's threshold items: each holds from a figure up.
THRESHOLDS = ("interp.12.1.2", "interp.12.1.4", "interp.12.2.payment", "interp.12.2.gains", "cl.287-2.1.serious")


def _holding(data: dict, pids: tuple[str, ...]) -> set[str]:
    from reasoner.law.terms import String
    from reasoner.solve.engine import reason

    r = reason(to_case(data))
    return {pid for pid in pids if r.holds(pid, String("A1"))}


@given(settled=_MONEY, gains=_MONEY, more=_MONEY, more_gains=_MONEY, verifiable=st.booleans())
@_share(0.05)
def test_more_money_never_undoes_a_threshold_item(settled, gains, more, more_gains, verifiable):
    def case(s: Decimal, g: Decimal) -> dict:
        act = assist_act(settled=_money(s), illegal_gains=_money(g))
        act["assisted"][0]["confirmable"] = verifiable
        return assist_case(act, as_of="2024-06-01")

    before = _holding(case(settled, gains), THRESHOLDS)
    after = _holding(case(settled + more, gains + more_gains), THRESHOLDS)
    assert before <= after, (before, after)


#: Art 11's indicators, and the finding each needs (None: none).
INDICATORS = {
    "notified_by_regulator": None,
    "ignored_reports": None,
    "abnormal_price_or_method": "interp.11.1.3",
    "dedicated_tool": None,
    "evasion_measures": "interp.11.1.5",
    "helped_evasion": None,
    "other": "interp.11.1.7",
}


@given(
    first=st.lists(st.sampled_from(sorted(INDICATORS)), max_size=2, unique=True),
    added=st.sampled_from(sorted(INDICATORS)),
    rebutted=st.booleans(),
)
@_share(0.05)
def test_an_indicator_added_with_its_finding_never_removes_knowledge(first, added, rebutted):
    assume(added not in first)

    def case(indicators: list[str]) -> dict:
        knowledge: dict = {"indicators": indicators}
        if rebutted:
            knowledge["counter_evidence"] = ["对方出示了伪造的营业执照。"]
        act = assist_act(knowledge=knowledge)
        findings = [
            {"provision": INDICATORS[i], "subject": "A1", "holds": True, "reason": "审查认定。"}
            for i in indicators
            if INDICATORS[i]
        ]
        return assist_case(act, as_of="2024-06-01", findings=findings)

    pids = ("cl.287-2.1.knowledge", "interp.11.1")
    assert _holding(case(first), pids) <= _holding(case([*first, added]), pids)


# --- batch screening equals check ------------------------------------------------------------------


@given(cases=st.lists(mutated_cases(), min_size=1, max_size=3))
@_share(0.03)
def test_a_batch_row_is_the_report_check_gives(cases):
    from reasoner.batch.inputs import Item
    from reasoner.batch.rows import screen_chunk
    from reasoner.case.read import load_text
    from reasoner.explain.conclusions import build

    texts = [json.dumps(c, ensure_ascii=False) for c in cases]
    items = [Item(i, f"fuzz:{i}", "fuzz.json", t, str(EXAMPLES), i + 1) for i, t in enumerate(texts)]
    rows = screen_chunk(items, "en", "full")
    for text, row in zip(texts, rows, strict=True):
        try:
            case = load_text(text, "fuzz.json", base_dir=EXAMPLES)
        except CaseFileError as e:
            assert [x["message"] for x in row.payload["errors"]] == [x.message for x in e.errors]
            continue
        assert row.payload["report"] == build(case, row.source, "en").to_json()


# --- the regression files: failures found, and the hostile inputs of issue 16 --------------------------


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*")), ids=lambda p: p.name)
def test_regression_file_is_read_and_checked_without_a_traceback(path, tmp_path):
    raw = path.read_bytes()
    _read(raw, str(EXAMPLES / ("fuzz" + (".json" if path.suffix == ".json" else ".yaml"))))
    target = tmp_path / ("c" + (".json" if path.suffix == ".json" else ".yaml"))
    target.write_bytes(raw)
    out = CliRunner().invoke(main, ["check", str(target), "--format", "json", "--lang", "en"])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.output
    assert out.exit_code in (0, 2)


def test_the_corpus_reads_every_example_unchanged():
    for name, text in TEXTS.items():
        if not re.search(r"statement", name):
            load_bytes(text.encode("utf-8"), str(EXAMPLES / name))
