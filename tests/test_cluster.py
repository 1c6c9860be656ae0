"""`reasoner batch --scheduler`: on a Dask cluster the rows are those of the in-process batch, every
input line has its row, a killed worker's tasks run again, and a worker with other rules is refused.

Skipped only where Dask is not installed (it is in the `test` extra, so CI runs these).

A case that makes the reasoner raise: no real input does (those found were fixed), so the test
installs a hook on every worker, through a Dask worker plugin, which Dask also installs on a worker
that starts later (the one the nanny starts after the kill): ``build`` (the name
``reasoner.batch.rows`` imported from ``reasoner.explain.conclusions``) raises for the case whose id
is ``RAISES``.  The in-process batch it is compared with gets the same hook.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import cloudpickle  # noqa: E402  (comes with distributed)
from click.testing import CliRunner  # noqa: E402
from conftest import ROOT, undated  # noqa: E402

import reasoner.batch.cluster as cluster  # noqa: E402
import reasoner.batch.rows as rows_module  # noqa: E402
from reasoner.batch.inputs import collect  # noqa: E402
from reasoner.batch.output import Tally  # noqa: E402
from reasoner.cli import main  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from gen_cases import generate  # noqa: E402

# the workers cannot import this file: the plugin and the functions run there are sent by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])

RAISES = "raises-in-the-reasoner"


def _raising_build(real):
    def build(case, *a, **k):
        if case.case.id == RAISES:
            raise RuntimeError("the test's hook raised for this case")
        return real(case, *a, **k)

    build.real = real
    return build


class Harness(distributed.WorkerPlugin):
    """On every worker, also one that joins later: the raising hook, and a log of the chunk tasks
    each worker process started (executing) and finished (memory)."""

    name = "reasoner-test-harness"

    def __init__(self, log: str):
        self.log = log

    def setup(self, worker):
        import reasoner.batch.rows as r

        if not hasattr(r.build, "real"):
            r.build = _raising_build(r.build)

    def teardown(self, worker):
        import reasoner.batch.rows as r

        r.build = getattr(r.build, "real", r.build)

    def transition(self, key, start, finish, **kwargs):
        if isinstance(key, str) and key.startswith(cluster.PREFIX) and "executing" in (start, finish):
            with open(self.log, "a", encoding="utf-8") as f:
                f.write(f"{os.getpid()} {key} {finish}\n")


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as lc,
        distributed.Client(lc) as c,
    ):
        yield c


def _input(path: Path, data: list[dict], broken_at: int | None = None) -> Path:
    lines = [json.dumps(x, ensure_ascii=False) for x in data]
    if broken_at is not None:
        lines.insert(broken_at, '{"case": {"id": "cut short"')
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _valid(d: dict) -> bool:
    from reasoner.case.errors import CaseFileError
    from reasoner.case.read import load_text

    try:
        load_text(json.dumps(d, ensure_ascii=False), "x.json")
    except CaseFileError:
        return False
    return True


def _rows(rows) -> list[tuple]:
    return [(r.index, r.source, r.payload) for r in rows]


def test_a_killed_worker_loses_nothing(client, tmp_path, monkeypatch):
    # 48 cases in tasks of 8 (6 tasks on 2 workers): when the first task is done the other worker is
    # still in its first, and 4 tasks wait; the case that raises is in a later task
    data = generate(48, seed=21)
    valid = [i for i, d in enumerate(data) if i >= 16 and _valid(d)]
    data[valid[0]]["case"]["id"] = RAISES
    src = _input(tmp_path / "in.jsonl", data, broken_at=3)
    items = collect(src)
    assert len(items) == 49

    monkeypatch.setattr(rows_module, "build", _raising_build(rows_module.build))
    expected = list(rows_module.screen(items, "zh", "summary", jobs=1, chunk=8))
    monkeypatch.undo()

    log = tmp_path / "tasks.log"
    client.register_plugin(Harness(str(log)))
    pids = set(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_a_busy_worker(n: int) -> None:
        """At the first task done: kill (SIGKILL) a worker that is in the middle of a task."""
        if killed:
            return
        last: dict[int, str] = {}
        for line in log.read_text("utf-8").splitlines():
            pid, _, state = line.split()
            last[int(pid)] = state
        busy = [pid for pid, state in last.items() if state == "executing" and pid in pids]
        if busy:
            os.kill(busy[0], signal.SIGKILL)
            killed.append(busy[0])

    try:
        rows = list(cluster.screen(items, "zh", "summary", "tcp", chunk=8, progress=kill_a_busy_worker, client=client))
    finally:
        client.unregister_worker_plugin(Harness.name)

    assert killed, "no worker was busy when the first task was done"
    assert [r.index for r in rows] == list(range(49))  # every input line has its row, in order
    assert _rows(rows) == _rows(expected)  # the rows of the in-process batch
    tally = Tally(rows_module.offences())
    for r in rows:
        tally.add(r)
    assert tally.cases == 49 and tally.invalid == sum(1 for r in expected if not r.ok)
    assert rows[3].errors and rows[3].errors[0].line == 4  # the broken line
    (raised,) = [r for r in rows if r.case_id == RAISES]
    hook = "RuntimeError: the test's hook raised for this case"
    assert raised.errors[0].message == f"the reasoner failed on this case: {hook}"

    # the killed worker's unfinished tasks ran again, on another worker process, and finished there
    events = [line.split() for line in log.read_text("utf-8").splitlines()]
    victim = killed[0]
    started = {key for pid, key, state in events if int(pid) == victim and state == "executing"}
    finished = {key for pid, key, state in events if int(pid) == victim and state == "memory"}
    cut = started - finished
    assert cut, events
    for key in cut:
        assert any(int(pid) != victim and k == key and state == "memory" for pid, k, state in events), key


def _fake_digest() -> None:
    """On a worker: its rules digest as if its package held other rule files."""
    import reasoner.explain.i18n as i18n

    real = getattr(i18n.rules_digest, "real", i18n.rules_digest)

    def fake() -> str:
        return "0" * 64

    fake.real = real
    i18n.rules_digest = fake


def _real_digest() -> None:
    import reasoner.explain.i18n as i18n

    i18n.rules_digest = getattr(i18n.rules_digest, "real", i18n.rules_digest)


def test_a_worker_with_other_rules_is_refused(client, tmp_path):
    items = collect(_input(tmp_path / "in.jsonl", generate(4, seed=2)))
    worker = sorted(client.scheduler_info()["workers"])[0]
    ours = cluster.identity()
    client.run(_fake_digest, workers=[worker])  # as if its package held other rule files
    try:
        with pytest.raises(cluster.WorkerMismatch) as e:
            list(cluster.screen(items, "zh", "summary", "tcp", client=client))
    finally:
        client.run(_real_digest, workers=[worker])
    message = str(e.value)
    theirs = f"it has reasoner {ours['version']} with rules digest {'0' * 64}"
    assert message.startswith(f"worker {worker} refused: {theirs}")
    assert f"the client has reasoner {ours['version']} with rules digest {ours['digest']}" in message
    assert len(message.splitlines()) == 1  # the other worker is fine


def _worker_today() -> str | None:
    return os.environ.get("REASONER_TODAY")


def test_undated_cases_are_judged_on_the_clients_day(client, tmp_path, monkeypatch):
    """A case that gives no date of judgment is judged on the client's day, shipped with each task,
    whatever the worker's own REASONER_TODAY (or clock, or time zone) says."""
    items = collect(_input(tmp_path / "in.jsonl", undated(generate(8, seed=4))[:2]))
    assert set(client.run(_worker_today).values()) == {"2024-12-01"}  # from conftest, when they started
    monkeypatch.setenv("REASONER_TODAY", "2026-06-01")  # the client's day, not the workers'
    rows = list(cluster.screen(items, "zh", "summary", "tcp", chunk=1, client=client))
    assert [r.payload["date_of_judgment_used"] for r in rows] == ["2026-06-01"] * len(items)
    assert _rows(rows) == _rows(rows_module.screen(items, "zh", "summary", jobs=1, chunk=1))


def test_each_task_checks_its_worker_again(tmp_path):
    """A worker that joins after the start check meets the same check inside every task."""
    items = collect(_input(tmp_path / "one.jsonl", generate(1, seed=1)))
    ours = cluster.identity()
    assert [r.index for r in cluster.task(items, "zh", "summary", ours)] == [0]
    other = {"version": "0.0.1", "digest": "f" * 64}
    here = f"has reasoner {ours['version']} with rules digest {ours['digest']}"
    with pytest.raises(cluster.WorkerMismatch, match=here):
        cluster.task(items, "zh", "summary", other)


def _head_waits(part: list[int], folder: str) -> list[tuple[int, str]]:
    """A stand-in task: each chunk notes that it started; the first waits until a chunk beyond the
    first window of tasks has started (or 20 s), and says which."""
    import time

    k = part[0]
    Path(folder, f"started-{k}").touch()
    if k != 0:
        return [(k, "")]
    end = time.monotonic() + 20
    while time.monotonic() < end:
        if any(Path(folder, f"started-{j}").exists() for j in range(8, 12)):
            return [(0, "the workers moved on")]
        time.sleep(0.05)
    return [(0, "the workers waited for the first chunk")]


def test_a_slow_first_chunk_does_not_idle_the_workers(client, tmp_path, monkeypatch):
    """A slow chunk at the head of the input (a case whose open facts take seconds) must not stop
    the other worker: tasks beyond the first window start while it runs, and the rows still come
    in input order."""
    monkeypatch.setattr(cluster, "task", _head_waits)
    window = max(8, 4 * 2)  # cluster._in_order's window for two threads
    got = list(cluster._in_order(client, list(range(window + 4)), (str(tmp_path),), 1, 2, 0, None))
    assert got[0] == (0, "the workers moved on")
    assert [k for k, _ in got] == list(range(window + 4))


def test_cli_partitions_to_a_folder_and_resume(client, tmp_path):
    """A glob of partitions on the cluster to -o DIR/: each file equals the in-process batch of that
    partition; --resume redoes only the partition that is missing; the summary counts every line."""
    folder = tmp_path / "in"
    folder.mkdir()
    _input(folder / "a.jsonl", generate(12, seed=31))
    _input(folder / "b.jsonl", generate(9, seed=32), broken_at=2)
    runner = CliRunner()
    for name, status in (("a", 0), ("b", 3)):  # b's line 3 is an error row: exit 3
        res = runner.invoke(main, ["batch", str(folder / f"{name}.jsonl"), "-o", str(tmp_path / f"{name}.jsonl")])
        assert res.exit_code == status, res.output
    out = tmp_path / "out"
    args = ["batch", str(folder / "*.jsonl"), "-o", f"{out}/", "--scheduler", client.scheduler.address, "--chunk", "4"]
    res = runner.invoke(main, args)
    assert res.exit_code == 3 and f"  {folder / 'b.jsonl'}:3\n" in res.output, res.output
    assert "(22 cases" in res.output or "（22 件" in res.output
    for name in ("a", "b"):
        assert (out / f"{name}.jsonl").read_bytes() == (tmp_path / f"{name}.jsonl").read_bytes(), name
    a = (out / "a.jsonl").stat()
    (out / "b.jsonl").unlink()
    res = runner.invoke(main, [*args, "--resume"])
    assert res.exit_code == 3, res.output
    assert "resuming: 1 of 2 partitions (12 cases)" in res.output
    assert "（22 件" in res.output  # the summary counts the partition kept too
    assert (out / "a.jsonl").stat().st_ino == a.st_ino and (out / "a.jsonl").stat().st_mtime_ns == a.st_mtime_ns
    assert (out / "b.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert sorted(p.name for p in out.iterdir()) == [".reasoner-batch.json", "a.jsonl", "b.jsonl"]


def test_cli_local_cluster_one_csv_equals_in_process(tmp_path):
    src = _input(tmp_path / "in.jsonl", generate(8, seed=41), broken_at=5)
    runner = CliRunner()
    res = runner.invoke(main, ["batch", str(src), "-o", str(tmp_path / "here.csv"), "--jobs", "1"])
    assert res.exit_code == 3 and res.output.endswith(f"  {src}:6\n"), res.output  # line 6 is an error row
    res = runner.invoke(main, ["batch", str(src), "-o", str(tmp_path / "there.csv"), "--scheduler", "local:1"])
    assert res.exit_code == 3 and res.output.endswith(f"  {src}:6\n"), res.output  # the same on Dask
    assert "local:1: workers 1, threads 1" in res.output
    assert (tmp_path / "there.csv").read_bytes() == (tmp_path / "here.csv").read_bytes()
