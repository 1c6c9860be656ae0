"""Statements of transactions: exact sums at any size, errors naming file, line and column, and the
settlement they give reaching the rules (capped) and the explanation (exact, with what was summed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES

from reasoner.batch.inputs import collect
from reasoner.batch.rows import screen
from reasoner.case.errors import CaseFileError
from reasoner.case.read import load
from reasoner.case.statements import StatementError, read_statement
from reasoner.explain.conclusions import build
from reasoner.law.terms import Function, String
from reasoner.render.json_out import to_json
from reasoner.solve.atoms.facts import FEN_CEILING
from reasoner.solve.engine import reason

HEADER = "date,account,direction,amount,counterparty,flags\n"


def _case(tmp: Path, csv_text: str, **statement) -> Path:
    (tmp / "s.csv").write_text(csv_text, encoding="utf-8")
    data = json.loads(json.dumps(_CASE))
    data["acts"][0]["statement"] = {"file": "s.csv", **statement}
    p = tmp / "case.json"
    p.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return p


_CASE = {
    "case": {"id": "ev"},
    "parties": [{"id": "P1", "kind": "person", "name": "孙某"}],
    "acts": [
        {
            "id": "A1",
            "actor": "P1",
            "kind": "assist_network_crime",
            "date": {"from": "2023-01-01", "to": "2023-12-31"},
            "help": ["payment_settlement"],
            "assisted": [
                {"id": "X1", "description": "团伙", "uses_network": True, "reaches_crime": "yes", "confirmable": True}
            ],
            "knowledge": {"proven": True},
        }
    ],
}


def _holds(path: Path, pid: str = "interp.12.1.2") -> bool:
    return reason(load(path)).holds(pid, String("A1"))


@pytest.mark.parametrize("total_fen", [2**31 + 7, 2**53 + 1, 10**30 + 3])
def test_sums_are_exact_above_32_and_53_bits(tmp_path, total_fen):
    """Many rows whose exact sum is above 2^31 / 2^53 fen (where a float loses the last fen)."""
    rows, left = [], total_fen
    piece = total_fen // 37 + 1_234_567  # about 37 rows, with odd fen digits
    accounts = set()
    i = 0
    while left > 0:
        fen = min(piece + i, left)
        rows.append(f"2023-03-{1 + i % 28:02d},acct{i % 5},in,{fen // 100}.{fen % 100:02d},x,\n")
        accounts.add(f"acct{i % 5}")
        left -= fen
        i += 1
    rows.append("2023-03-05,acct9,out,0.01,x,verified_fraud\n")
    p = _case(tmp_path, HEADER + "".join(rows))
    t = read_statement(tmp_path / "s.csv", "s.csv")
    assert t.inflow_fen == total_fen and t.outflow_fen == 1 and t.fraud_fen == 1
    assert t.rows == len(rows) > 30 and t.accounts == len(accounts) + 1
    assert str(t.settlement_yuan) == f"{total_fen // 100}.{total_fen % 100:02d}"
    if total_fen > 2**53:
        assert int(float(total_fen)) != total_fen  # a float could not even hold the total
    by_day = read_statement(tmp_path / "s.csv", "s.csv", by_day=True)  # the sums by day, as exact
    assert sum(r[3] for r in by_day.daily) == total_fen and by_day.flow(None).inflow_fen == total_fen
    case = load(p)
    result = reason(case)
    (atom,) = [
        s for s in result.facts.atoms if s.name == "recorded" and s.arguments[1] == Function("payment_settlement")
    ]
    assert atom.arguments[-1].number == FEN_CEILING  # the solver sees the cap, far below 2^31
    info = result.facts.atoms[atom]
    assert info.saturated and info.path == "acts[0].statement"
    report = build(case, str(p), "zh")
    text = to_json(report)
    yuan = f"{total_fen // 100:,}.{total_fen % 100:02d} 元"
    assert f"支付结算金额：{yuan}" in text and f"{len(rows):,} 条流水" in text and "来源 s.csv" in text


def test_settlement_from_the_inflow_or_the_outflow(tmp_path):
    rows = HEADER + "2023-03-01,a,in,150000.00,x,\n2023-03-02,a,out,250000.00,y,\n"
    assert not _holds(_case(tmp_path, rows))  # inflow 150,000 < 200,000
    assert _holds(_case(tmp_path, rows, settlement="outflow"))  # outflow 250,000


def test_columns_in_any_order_and_optional_ones(tmp_path):
    rows = "amount,direction,account,date\n199999.99,in,a,2023-03-01\n0.01,in,b,2023-03-02\n"
    assert _holds(_case(tmp_path, rows))
    t = read_statement(tmp_path / "s.csv", "s.csv")
    assert (t.inflow_fen, t.accounts, t.fraud_fen) == (20_000_000, 2, 0)


def test_bad_rows_name_file_line_and_column(tmp_path):
    rows = HEADER + "\n".join(
        [
            "2023-03-01,a,in,100.00,x,",  # line 2: fine
            "2023-02-30,a,in,100.00,x,",  # line 3: no such day
            "2023-03-01,a,sideways,100.00,x,",  # 4
            "2023-03-01,a,in,1,000.00,x,",  # 5: a thousands separator splits the field
            "2023-03-01,a,in,-5,x,",  # 6
            "2023-03-01,a,in,1.234,x,",  # 7: below a fen
            "2023-03-01,a,in,１２,x,",  # 8: full-width digits
            "2023-03-01,a,in,1e3,x,",  # 9
            "2023-03-01,,in,5,x,",  # 10: no account
            "2023-03-01,a,in,5,x,stolen",  # 11: unknown flag
        ]
    )
    p = _case(tmp_path, rows + "\n")
    with pytest.raises(CaseFileError) as e:
        load(p)
    got = [(Path(x.file).name, x.line, x.path) for x in e.value.errors]
    assert got == [
        ("s.csv", 3, "date"),
        ("s.csv", 4, "direction"),
        ("s.csv", 5, ""),
        ("s.csv", 6, "amount"),
        ("s.csv", 7, "amount"),
        ("s.csv", 8, "amount"),
        ("s.csv", 9, "amount"),
        ("s.csv", 10, "account"),
        ("s.csv", 11, "flags"),
    ]
    assert "expected 6 fields, found 7" in e.value.errors[2].message
    assert "'2023-02-30'" in e.value.errors[0].message


def test_header_and_file_errors(tmp_path):
    with pytest.raises(CaseFileError) as e:
        load(_case(tmp_path, "date,account,amount,colour\n"))
    (err,) = e.value.errors
    assert err.line == 1 and "missing column(s) direction" in err.message and "unknown column(s) colour" in err.message
    p = _case(tmp_path, HEADER)
    (tmp_path / "s.csv").unlink()
    with pytest.raises(CaseFileError) as e:
        load(p)
    (err,) = e.value.errors
    assert err.file == str(p) and err.path == "acts[0].statement.file" and err.line and "cannot read" in err.message


def test_statement_is_exclusive_and_only_for_assistance(tmp_path):
    data = json.loads(json.dumps(_CASE))
    data["acts"][0]["statement"] = {"file": "s.csv"}
    data["acts"][0]["payment_settlement"] = "5"
    p = tmp_path / "c.json"
    p.write_text(json.dumps(data), "utf-8")
    with pytest.raises(CaseFileError, match="not both"):
        load(p)
    data["acts"][0].pop("payment_settlement")
    data["acts"][0]["statement"] = {"file": "s.txt"}
    p.write_text(json.dumps(data), "utf-8")
    with pytest.raises(CaseFileError, match="acts\\[0\\].statement.file"):
        load(p)


def test_the_example_statement_is_summed_and_explained():
    case = load(EXAMPLES / "287-2-card-statement.yaml")
    t = case.acts[0].statement.totals
    assert (t.rows, t.accounts, t.inflow_fen, t.outflow_fen, t.fraud_fen) == (12, 4, 21030079, 21003029, 16150050)
    en = to_json(build(case, "x.yaml", "en"))
    assert "12 transactions (4 accounts), inflow CNY 210,300.79" in en and "from 287-2-card-statement.csv" in en


def test_batch_finds_statements_beside_the_case_files(tmp_path):
    """A folder: beside each case file; a JSONL file: beside the JSONL file."""
    p = _case(tmp_path, HEADER + "2023-03-01,a,in,200000,x,\n")
    rows = list(screen(collect(tmp_path), jobs=1))
    assert rows[0].ok and rows[0].outcomes["cl.287-2"] == "established"
    jl = tmp_path / "cases.jsonl"
    jl.write_text(json.dumps(json.loads(p.read_text("utf-8"))) + "\n", "utf-8")
    (row,) = screen(collect(jl), jobs=1)
    assert row.ok and row.outcomes["cl.287-2"] == "established"


def _reference(text: str) -> tuple[int, int, int, int]:
    """Inflow, outflow, fraud money (fen) and rows, with the csv module and Decimal."""
    import csv
    import io
    from decimal import Decimal

    r = csv.DictReader(io.StringIO(text))
    sums = {"in": 0, "out": 0}
    fraud = rows = 0
    for row in r:
        fen = int(Decimal(row["amount"]) * 100)
        sums[row["direction"]] += fen
        fraud += fen if row.get("flags") else 0
        rows += 1
    return sums["in"], sums["out"], fraud, rows


@pytest.mark.parametrize("block", [64, 1 << 22])
def test_block_sums_equal_row_by_row_sums_and_lines_stay_right(tmp_path, monkeypatch, block):
    """Blocks summed column-wise, blocks read again row by row, quoted fields (also over two
    lines): the same totals as a plain reading, and an error's line is the line in the file."""
    import random

    from reasoner.case import statements

    monkeypatch.setattr(statements, "BLOCK_BYTES", block)
    rng = random.Random(4)
    rows = []
    for i in range(400):
        amount = f"{rng.randrange(0, 10**6)}" + rng.choice(["", f".{rng.randrange(10)}", f".{rng.randrange(100):02d}"])
        rows.append(
            f"2023-0{1 + i % 9}-1{i % 10},a{i % 13},{rng.choice(['in', 'out'])},{amount},cp{i},"
            f"{rng.choice(['', '', 'verified_fraud'])}\n"
        )
    plain = HEADER + "".join(rows)
    path = tmp_path / "s.csv"
    path.write_text(plain, "utf-8")
    t = read_statement(path, "s.csv")
    assert (t.inflow_fen, t.outflow_fen, t.fraud_fen, t.rows) == _reference(plain)
    quoted = rows[:300] + ['2023-05-01,a1,in,7.5,"某公司, 分公司\n（第二行）",\n'] + rows[300:]
    text = HEADER + "".join(quoted)
    path.write_text(text, "utf-8")
    t = read_statement(path, "s.csv")
    assert (t.inflow_fen, t.outflow_fen, t.fraud_fen, t.rows) == _reference(text)
    bad = rows[:250] + ["2023-05-01,a1,in,7.5.5,x,\n"] + rows[250:]
    path.write_text(HEADER + "".join(bad), "utf-8")
    with pytest.raises(statements.StatementError) as e:
        read_statement(path, "s.csv")
    assert e.value.problems == [(252, "amount", e.value.problems[0][2])]
    after_quote = quoted[:350] + ["2023-13-01,a1,in,1,x,\n"] + quoted[350:]
    path.write_text(HEADER + "".join(after_quote), "utf-8")
    with pytest.raises(statements.StatementError) as e:
        read_statement(path, "s.csv")
    assert [(line, col) for line, col, _ in e.value.problems] == [(353, "date")]  # the quoted row spans 2 lines


def test_jsonl_batch_keeps_the_statement_errors_own_file_and_line(tmp_path):
    """An error in a statement a JSONL case points to names the statement's line, not the JSONL line;
    an error in the case itself names the JSONL line."""
    p = _case(tmp_path, HEADER + "2023-03-01,a,in,5,x,\n2023-03-01,a,in,-5,x,\n")
    data = json.loads(p.read_text("utf-8"))
    bad = json.loads(json.dumps(data))
    bad["acts"][0]["colour"] = "red"
    jl = tmp_path / "cases.jsonl"
    jl.write_text("\n" + json.dumps(data) + "\n" + json.dumps(bad) + "\n", "utf-8")
    first, second = screen(collect(jl), jobs=1)
    (err,) = first.errors
    assert (err.file, err.line, err.path) == (str(tmp_path / "s.csv"), 3, "amount")
    (err,) = second.errors
    assert (err.file, err.line, err.path) == (str(jl), 3, "acts[0].colour")


def _problems(tmp: Path, data: bytes | str) -> list[tuple[int | None, str, str]]:
    path = tmp / "s.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    with pytest.raises(StatementError) as e:
        read_statement(path, "s.csv")
    return e.value.problems


@pytest.mark.parametrize("block", [64, 1 << 22])
def test_unreadable_csv_names_its_line(tmp_path, monkeypatch, block):
    """Bad quoting and bytes that are not UTF-8 name their line (were: no line at all); a quoted
    record over several lines with a bad value names the line where the record starts (was: its last)."""
    import csv

    from reasoner.case import statements

    monkeypatch.setattr(statements, "BLOCK_BYTES", block)
    good = "2023-03-02,a,in,5,x,\n"
    ((line, col, message),) = _problems(tmp_path, HEADER + good * 3 + '2023-03-02,a,in,5,"bad"x,\n' + good)
    assert (line, col) == (5, "") and message.startswith("not valid CSV")
    ((line, col, message),) = _problems(tmp_path, (HEADER + good * 6).encode() + b"2023-03-02,a,in,5,\xff\xfe,\n")
    assert (line, col) == (8, "") and "not UTF-8" in message and "\\xff" in message
    ((line, col, message),) = _problems(tmp_path, HEADER + good + '2023-03-02,a,in,5x,"multi\nline\nthree",\n' + good)
    assert (line, col) == (3, "amount")
    two_lines = '2023-03-02,a,in,5,"two\nlines",\n'
    ((line, col, _),) = _problems(tmp_path, HEADER + two_lines + good + "2023-02-30,a,in,5,x,\n")
    assert (line, col) == (5, "date")
    assert csv.field_size_limit() == 131072  # the module's limit, lifted for the read, is back


def test_a_long_field_is_read_alike_quoted_or_not(tmp_path):
    """A 200 KB counterparty was refused when quoted (the csv module's 128 KiB field limit: an error
    without a line) and taken when not: both are taken now, and the process-wide limit is restored."""
    import csv

    long = "x" * 200_000
    for field in (long, f'"{long}"', f'"{long},\n{long}"'):
        path = tmp_path / "s.csv"
        path.write_text(HEADER + f"2023-03-02,a,in,5,{field},\n2023-03-02,a,in,1.5,y,\n", "utf-8")
        t = read_statement(path, "s.csv")
        assert (t.rows, t.inflow_fen) == (2, 650)
        assert csv.field_size_limit() == 131072


@pytest.mark.parametrize("day", ["2023-W01-1", "2023-001", "20230301", "2023-03-01T00:00", "２０２３-03-01"])
def test_dates_are_yyyy_mm_dd_row_by_row_as_in_blocks(tmp_path, day):
    """date.fromisoformat takes ISO week and ordinal dates (Python 3.11): the row-by-row reading
    (used after a quote or a bad row) took 2023-W01-1 while the block reading refused it."""
    for rows in (f"{day},a,in,5,x,\n", f'{day},a,in,5,"x",\n', f"{day},a,in,5,x,\n2023-03-01,a,in,-1,x,\n"):
        problems = _problems(tmp_path, HEADER + rows)
        assert (2, "date") in [(line, col) for line, col, _ in problems], (day, rows)


def test_empty_and_header_only_statements(tmp_path):
    """An empty file is "empty" (was: "missing column(s) ..."); a header with no rows is a statement
    of no transactions, summed to 0 (as docs/case-format.md says)."""
    ((line, _, message),) = _problems(tmp_path, "")
    assert line == 1 and message == "the statement is empty; expected a header row"
    ((line, _, message),) = _problems(tmp_path, "\n" + HEADER)
    assert line == 1 and "expected a header row, found an empty line" in message
    for text in (HEADER, HEADER.rstrip("\n"), HEADER + "\n"):
        (tmp_path / "s.csv").write_text(text, "utf-8")
        t = read_statement(tmp_path / "s.csv", "s.csv")
        assert (t.rows, t.accounts, t.inflow_fen, t.outflow_fen) == (0, 0, 0, 0)


def test_amounts_too_long_to_convert_are_errors(tmp_path):
    """An amount of more than 4,300 digits crashed the reading (Python's limit for int <-> text)."""
    for quote in ("", '"'):
        ((line, col, message),) = _problems(tmp_path, HEADER + f"2023-03-02,a,in,{quote}{'9' * 5000}{quote},x,\n")
        assert (line, col) == (2, "amount") and "at most 4,000 digits" in message
    path = tmp_path / "s.csv"
    path.write_text(HEADER + f"2023-03-02,a,in,{'9' * 3998}.99,x,\n", "utf-8")
    assert read_statement(path, "s.csv").inflow_fen == int("9" * 4000)


@pytest.mark.parametrize(
    ("date", "outside"),
    [
        ({"from": "2023-01-01", "to": "2023-12-31"}, False),
        ({"from": "2023-03-02", "to": "2023-03-31"}, False),  # the first and the last row's days
        ({"from": "2023-03-03", "to": "2023-03-31"}, True),  # a row the day before
        ("2023-03-02", True),  # one day; a row later
        ({"not_before": "2023-03-01", "not_after": "2023-03-31"}, True),  # one day, bounded: still one day
        ({"from": {"not_before": "2023-02-01", "not_after": "2023-03-02"}, "to": "2023-03-31"}, False),
        ({"from": "2023-03-02", "to": {"not_before": "2023-03-15", "not_after": "2023-03-30"}}, True),
        ("unknown", False),
    ],
)
def test_rows_outside_the_acts_days_are_an_error(tmp_path, date, outside):
    rows = HEADER + "2023-03-02,c1,in,150000,x,\n2023-03-31,c1,in,60000,x,\n"
    p = _case(tmp_path, rows)
    data = json.loads(p.read_text("utf-8"))
    data["acts"][0]["date"] = date
    p.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    if not outside:
        load(p)
        return
    with pytest.raises(CaseFileError) as e:
        load(p)
    (err,) = e.value.errors
    assert err.path == "acts[0].statement.file"
    one_day = not isinstance(date, dict) or "not_before" in date
    expected = "on more than one day" if one_day else "has rows from 2023-03-02 to 2023-03-31, outside the act's days"
    assert expected in err.message
