"""Batch output safety (issue 16): an output that is an input is refused before anything is written;
an existing results file is kept until the run has finished; Ctrl-C and SIGTERM stop cleanly with no
partial file; worker processes stay quiet when the parent dies; --jobs is bounded by cores and chunks."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, undated

import reasoner.batch.rows as rows_module
from reasoner.batch.inputs import collect
from reasoner.batch.rows import screen
from reasoner.cli import main

sys.path.insert(0, str(ROOT / "bench"))
from gen_cases import generate  # noqa: E402


def _jsonl(path: Path, data: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in data), "utf-8")
    return path


@pytest.fixture(scope="module")
def few() -> list[dict]:
    return generate(6, seed=4)


def test_output_that_is_the_input_is_refused_before_anything_is_written(tmp_path, few):
    src = _jsonl(tmp_path / "x.jsonl", few)
    before = src.read_bytes()
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(src), "--jobs", "1"])
    assert res.exit_code == 2, res.output  # was 0, and x.jsonl held the rows instead of the cases
    assert "is also an input" in res.output
    assert src.read_bytes() == before
    # the same file by another name (a hard link), and a case file of a folder input
    link = tmp_path / "y.jsonl"
    os.link(src, link)
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(link), "--jobs", "1"])
    assert res.exit_code == 2 and src.read_bytes() == before, res.output
    folder = tmp_path / "cases"
    folder.mkdir()
    case = (EXAMPLES / "287-2-card-seller.yaml").read_text("utf-8")
    (folder / "a.json").write_text(case, "utf-8")
    res = CliRunner().invoke(main, ["batch", str(folder), "-o", str(folder / "a.json"), "--jobs", "1"])
    assert res.exit_code == 2 and (folder / "a.json").read_text("utf-8") == case, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases", "x.jsonl", "y.jsonl"]


def _slow_screen(monkeypatch, check, stop_after: int | None = None):
    """reasoner.batch.rows.screen with a look at the world before each row is handed over (and,
    optionally, a Ctrl-C after some rows)."""
    real = rows_module.screen

    def screen_(*a, **k):
        for n, row in enumerate(real(*a, **k)):
            if stop_after is not None and n == stop_after:
                raise KeyboardInterrupt
            check()
            yield row

    monkeypatch.setattr(rows_module, "screen", screen_)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_existing_results_are_kept_until_the_run_has_finished(tmp_path, few, monkeypatch, suffix):
    src = _jsonl(tmp_path / "in.jsonl", few)
    out = tmp_path / f"out{suffix}"
    out.write_text("old results\n", "utf-8")
    seen = []
    _slow_screen(monkeypatch, lambda: seen.append(out.read_text("utf-8")))
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert seen and set(seen) == {"old results\n"}  # was "": -o emptied the file before the first case
    assert len(out.read_text("utf-8").splitlines()) == len(few) + (suffix == ".csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", out.name]  # no temporary file left


def test_ctrl_c_leaves_the_old_results_and_no_partial_file(tmp_path, few, monkeypatch):
    src = _jsonl(tmp_path / "in.jsonl", few)
    out = tmp_path / "out.jsonl"
    out.write_text("old results\n", "utf-8")
    _slow_screen(monkeypatch, lambda: None, stop_after=3)
    res = CliRunner().invoke(main, ["batch", str(src), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 130, res.output
    assert "interrupted" in res.output and "nothing was written" in res.output
    assert out.read_text("utf-8") == "old results\n"  # was three rows: a partial file over the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def _big_input(tmp_path: Path) -> Path:
    """Enough cases that a batch on 2 processes runs for minutes: it is always stopped long before."""
    data = generate(100, seed=9)
    return _jsonl(tmp_path / "big.jsonl", data * 30)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _start(tmp_path: Path, out: Path, **kw) -> subprocess.Popen:
    """`reasoner batch big.jsonl -o OUT --jobs 2` started, returned once its two workers run."""
    cmd = [sys.executable, "-m", "reasoner.cli", "batch", str(_big_input(tmp_path)), "-o", str(out)]
    p = subprocess.Popen(
        [*cmd, "--jobs", "2", "--chunk", "5"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )
    deadline = time.monotonic() + 120
    while len(_children(p.pid)) < 2:
        assert p.poll() is None, p.communicate()
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
    time.sleep(1.5)  # the workers are in the middle of their chunks
    return p


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_sigterm_and_ctrl_c_stop_cleanly(tmp_path, how):
    """SIGTERM to the batch (as `kill` does), or SIGINT to its whole process group (as Ctrl-C in a
    terminal does): a clean stop, exit non-zero, the old results kept, no partial file and no
    traceback from any process (was: SIGTERM killed the batch and left a partial file; Ctrl-C made
    every worker print a KeyboardInterrupt traceback)."""
    out = tmp_path / "out.jsonl"
    out.write_text("old results\n", "utf-8")
    p = _start(tmp_path, out, start_new_session=True)
    workers = _children(p.pid)
    if how == "SIGTERM":
        p.send_signal(signal.SIGTERM)
    else:
        os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == (143 if how == "SIGTERM" else 130), err
    assert "Traceback" not in err and "Error" not in err, err
    assert "interrupted" in err
    assert out.read_text("utf-8") == "old results\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.jsonl", "out.jsonl"]
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and _state(w) != "Z"], "a worker is left running"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find the worker processes")
def test_workers_are_quiet_when_the_parent_is_killed(tmp_path):
    """kill -9 of the batch: its workers finish the chunk in hand, find no one to send it to, and
    end without a word (was: a BrokenPipeError traceback from each worker)."""
    out = tmp_path / "out.jsonl"
    p = _start(tmp_path, out)
    p.kill()
    # stderr reaches its end only when every process holding it, the workers too, has ended
    _, err = p.communicate(timeout=120)
    assert "BrokenPipeError" not in err and "Traceback" not in err, err
    assert not out.exists()


def test_jobs_are_bounded_by_cores_and_chunks(few, tmp_path):
    """--jobs 50 on 3 cases makes at most as many worker processes as there are cores and chunks
    (was: a pool of 50 processes)."""
    items = collect(_jsonl(tmp_path / "in.jsonl", few[:3]))
    seen = []
    rows = []
    for row in screen(items, jobs=50, chunk=1):
        seen.append(len(mp.active_children()))
        rows.append(row)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert [r.index for r in rows] == [0, 1, 2]
    assert 1 <= max(seen) <= min(cores, 3), seen


def test_a_case_that_makes_the_reasoner_raise_gets_an_error_row(tmp_path, few, monkeypatch):
    """The chunk is screened again one case at a time, so that only that case gets the error row and
    the batch goes on (was: the exception ended the batch).  A test-only hook makes it raise: rows
    calls ``build`` by the name it imported from reasoner.explain.conclusions, so the hook replaces
    that name."""
    items = collect(_jsonl(tmp_path / "in.jsonl", few))
    plain = list(screen(items, jobs=1))
    target = next(r for r in plain if r.ok and r.index > 0)
    real = rows_module.build

    def build(case, *a, **k):
        if case.case.id == target.case_id:
            raise RuntimeError("hook")
        return real(case, *a, **k)

    monkeypatch.setattr(rows_module, "build", build)
    rows = list(screen(items, jobs=1))
    assert [r.index for r in rows] == list(range(len(few)))
    for r, p in zip(rows, plain, strict=True):
        if r.index == target.index:
            (err,) = r.errors
            assert (err.file, err.line) == (str(tmp_path / "in.jsonl"), target.index + 1)
            assert err.message == "the reasoner failed on this case: RuntimeError: hook"
            assert r.payload["case"] == target.case_id and "offences" not in r.payload
        else:
            assert r.payload == p.payload


def test_the_batch_judges_undated_cases_on_its_own_day(tmp_path):
    """A case that gives no date of judgment is judged on the batch's day, fixed when it starts
    (law2's date of judgment meets issue 14's workers: every chunk, in whichever process, the same)."""
    items = collect(_jsonl(tmp_path / "in.jsonl", undated(generate(8, seed=4))[:2]))
    assert items
    rows = list(screen(items, jobs=1, chunk=1, day="2026-06-01"))
    assert [r.payload["date_of_judgment_used"] for r in rows] == ["2026-06-01"] * len(items)
    rows = list(screen(items, jobs=1, chunk=1))  # the day it starts: REASONER_TODAY in conftest
    assert [r.payload["date_of_judgment_used"] for r in rows] == ["2024-12-01"] * len(items)


def test_resume_judges_on_the_day_of_the_run_it_continues(tmp_path, monkeypatch):
    """--resume keeps the day of the run it continues for cases that give no date of judgment, so
    that one output folder is judged on one day; REASONER_TODAY naming another day is refused."""
    folder = tmp_path / "in"
    folder.mkdir()
    cases = undated(generate(8, seed=4))
    _jsonl(folder / "a.jsonl", cases[:1])
    _jsonl(folder / "b.jsonl", cases[1:2])
    out = tmp_path / "out"
    args = ["batch", str(folder / "*.jsonl"), "-o", f"{out}/", "--jobs", "1"]
    runner = CliRunner()
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert json.loads((out / ".reasoner-batch.json").read_text("utf-8"))["today"] == "2024-12-01"
    (out / "b.jsonl").unlink()
    monkeypatch.delenv("REASONER_TODAY")
    monkeypatch.setattr(rows_module, "today", lambda: dt.date(2026, 6, 1))  # the clock, on a later day
    res = runner.invoke(main, [*args, "--resume"])
    assert res.exit_code == 0, res.output
    assert "resuming with the day of the run it continues: 2024-12-01" in res.output
    assert json.loads((out / "b.jsonl").read_text("utf-8"))["date_of_judgment_used"] == "2024-12-01"
    (out / "b.jsonl").unlink()
    monkeypatch.setenv("REASONER_TODAY", "2026-06-01")
    res = runner.invoke(main, [*args, "--resume"])
    assert res.exit_code == 2 and "today 2024-12-01; this run has today 2026-06-01" in res.output, res.output


def test_the_default_batch_does_not_import_dask():
    code = (
        "import sys; from click.testing import CliRunner; from reasoner.cli import main; "
        f"r = CliRunner().invoke(main, ['batch', {str(EXAMPLES)!r}, '--jobs', '1']); assert r.exit_code == 0; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_glob_partitions_one_file_or_a_file_each(tmp_path):
    """A glob of JSONL files: one output in input order (index counts through the partitions), or
    with -o DIR/ a file per partition equal to the batch of that partition alone."""
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "b.jsonl", generate(3, seed=52))
    _jsonl(folder / "a.jsonl", generate(4, seed=51))
    runner = CliRunner()
    pattern = str(folder / "*.jsonl")
    res = runner.invoke(main, ["batch", pattern, "-o", str(tmp_path / "all.jsonl"), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text("utf-8").splitlines()]
    assert [r["index"] for r in rows] == list(range(7))
    assert [r["source"] for r in rows] == [
        f"{folder / n}.jsonl:{i}" for n, k in (("a", 4), ("b", 3)) for i in range(1, k + 1)
    ]
    res = runner.invoke(main, ["batch", pattern, "-o", f"{tmp_path / 'out'}/", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    for n in ("a", "b"):
        alone = runner.invoke(main, ["batch", str(folder / f"{n}.jsonl"), "--jobs", "1"]).stdout
        assert (tmp_path / "out" / f"{n}.jsonl").read_text("utf-8") == "".join(
            x + "\n" for x in alone.splitlines() if x.startswith("{")
        )
    for args, said in [
        ([str(tmp_path / "none-*.jsonl")], "no file matches"),
        ([str(tmp_path / "*")], "a glob must match JSONL files only"),
        ([pattern, "-o", f"{tmp_path / 'all.jsonl'}/"], "cannot write the output"),
        ([pattern, "-o", str(folder / "a.jsonl")], "is also an input"),
        ([pattern, "-o", f"{folder}/"], "is also an input"),
        ([pattern, "-o", str(tmp_path / "x.jsonl"), "--resume"], "--resume needs -o DIR/"),
        ([pattern, "--scheduler", "nowhere"], "expected local:N or a scheduler's address"),
    ]:
        res = runner.invoke(main, ["batch", *args])
        assert res.exit_code == 2 and said in res.output, (args, res.output)
