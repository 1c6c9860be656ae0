"""A warm `reasoner serve` against a clingo-only floor for the same case, side by side in one run.

    python bench/serve.py [CASE] [--runs 21] [--phases]

(a) the floor: the compiled program's text (cached), the case's facts as the reasoner builds them,
a fresh Control: add the text, add the facts, ground, solve, read the shown holds/2; nothing else.
(b) `POST /v1/check` of the same case to a `reasoner serve` started by this script (its own
process, warmed by its first requests), over one kept-open connection: the full explained JSON.
The two alternate, run by run, so that both see the same load, with a pause after each
(``--gap``, 1 s): a server between requests makes the Control of the next one then.  With
``--gap 0`` the requests come back to back and the server parses each next Control while this
script times the floor: a steady stream pays that parse on the server's cores.  Printed: each
one's median and minimum wall time, and the ratio of the medians, judged against the target of
issue 20 (at most 1.2); and the CPU time of each (on a loaded machine the wall time is mostly
waiting for a core; the CPU time is what each costs): the server's read from /proc (Linux).

Also printed, for reference: the floor with the rules alone (no provenance shadow rules), which
the server does not meet -- it explains every conclusion, and explanations need the rules that fired.

``--phases`` also times, in this process, each step of what the server does for one request
(without HTTP), to show where its time goes.  A case with a statement is served with the case's
folder as the server's --statements folder.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import clingo
import yaml
from machine import describe

from reasoner.case.read import Loader, load
from reasoner.law.program import program
from reasoner.solve.atoms.build import case_facts
from reasoner.solve.atoms.setting import setting_for
from reasoner.solve.control import add_facts

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.2


def floor(text: str, facts) -> tuple[int, clingo.Control]:
    """The clingo-only floor: a Control from the cached text, the case's facts, ground, solve, holds/2.
    The Control is returned, to be freed after the clock stops (freeing it takes milliseconds)."""
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], text)
    ctl.add("base", [], "#show holds/2.")
    add_facts(ctl, facts)
    ctl.ground([("base", [])])
    shown: list[clingo.Symbol] = []
    ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
    return len(shown), ctl


def server_cpu(pid: int) -> float:
    """The CPU time (user and system) of a process so far, in seconds, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(statements: Path) -> tuple[subprocess.Popen, int]:
    """`reasoner serve` on a free port of 127.0.0.1; returns when it listens (after its warm-up)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "reasoner.cli", "serve", "--port", "0", "--statements", str(statements)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stderr is not None
    line = proc.stderr.readline()
    if "listening on" not in line:
        proc.kill()
        raise SystemExit(f"reasoner serve did not start: {line}{proc.stderr.read()}")
    return proc, int(line.rsplit(":", 1)[1].split("/")[0])


def _ms(ts: list[float]) -> str:
    return f"median {statistics.median(ts) * 1000:7.1f} ms   min {min(ts) * 1000:7.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", nargs="?", default="examples/287-2-card-seller.yaml")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--gap", type=float, default=1.0, help="seconds between runs (default 1)")
    ap.add_argument("--phases", action="store_true", help="also time each step of a request in this process")
    a = ap.parse_args()
    path = (ROOT / a.case).resolve() if not Path(a.case).is_absolute() else Path(a.case)
    print(describe())
    case = load(path)
    facts = case_facts(case, setting=setting_for(case, "case.as_of", None))
    text = program().text
    body = json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=Loader), ensure_ascii=False).encode()
    plain = program().plain
    proc, port = start_server(path.parent)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        url = f"/v1/check?file={quote(str(path), safe='')}"

        def post() -> bytes:
            conn.request("POST", url, body, {"Content-Type": "application/json"})
            got = conn.getresponse()
            data = got.read()
            assert got.status == 200, data[:300]
            return data

        for _ in range(3):  # warm both: the server's caches, this process's clingo
            post()
            floor(text, facts)
        served, floors, floor_cpu, served_cpu, plain_floors = [], [], [], [], []
        cpu_start = server_cpu(proc.pid)
        for i in range(a.runs):
            order = (("s", post), ("f", lambda: floor(text, facts)))
            for kind, run in order if i % 2 == 0 else order[::-1]:
                c0, s0, t = time.process_time(), server_cpu(proc.pid), time.perf_counter()
                kept = run()
                wall, cpu, scpu = time.perf_counter() - t, time.process_time() - c0, server_cpu(proc.pid) - s0
                (served if kind == "s" else floors).append(wall)
                (served_cpu.append(scpu) if kind == "s" else floor_cpu.append(cpu))
                del kept  # a Control freed out of the clock
                time.sleep(a.gap)  # the server between requests: it makes its next Control
            t = time.perf_counter()
            kept = floor(plain, facts)
            plain_floors.append(time.perf_counter() - t)
            del kept
        all_in = (server_cpu(proc.pid) - cpu_start) / a.runs  # with the Controls made ahead and freed
        size = len(post())
        http_only = []
        for _ in range(a.runs):  # what HTTP alone costs: a round trip of the smallest answer
            t = time.perf_counter()
            conn.request("GET", "/v1/version")
            conn.getresponse().read()
            http_only.append(time.perf_counter() - t)
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    f_med, s_med = statistics.median(floors), statistics.median(served)
    ratio = s_med / f_med
    print(f"case: {a.case}; {a.runs} runs each, alternating, {a.gap} s apart; answer {size:,} bytes of JSON")
    print("wall time:")
    print(f"  (a) clingo-only floor: parse, facts, ground, solve, holds/2  {_ms(floors)}")
    print(f"  (b) warm POST /v1/check, the full explained JSON            {_ms(served)}")
    print(f"  (an HTTP round trip alone, GET /v1/version                   {_ms(http_only)})")
    f_cpu, s_cpu = statistics.mean(floor_cpu), sum(served_cpu) / a.runs
    print("CPU time (means; the server's from /proc in ticks of 10 ms, summed over the runs):")
    print(f"  (a) the floor, in this process                     {f_cpu * 1000:7.1f} ms")
    print(f"  (b) the server, from request to answer             {s_cpu * 1000:7.1f} ms   ratio {s_cpu / f_cpu:.2f}")
    print(f"  (b) the same, with its next Control made ahead     {all_in * 1000:7.1f} ms   ratio {all_in / f_cpu:.2f}")
    verdict = "MET" if ratio <= TARGET else "NOT MET"
    print(f"ratio (b)/(a) of the wall-time medians: {ratio:.2f}  (target <= {TARGET}: {verdict})")
    p_med = statistics.median(plain_floors)
    print(
        f"for reference, (a') the same floor with the rules alone, no shadow rules: {_ms(plain_floors)}; "
        f"(b)/(a') {s_med / p_med:.2f}"
    )
    if a.phases:
        phases(path, a.runs)


def phases(path: Path, runs: int) -> None:
    """Each step of a request, as the server does it, timed in this process (CPU time of the
    thread that does it: the background threads and the machine's load left out; medians); the clingo
    part of reasoning (facts, ground, solve, every atom read) also timed alone, on a Control of its own."""
    from reasoner.case.read import case_text, load_text
    from reasoner.explain.conclusions import build
    from reasoner.serve.jsontext import dumps as answer_text
    from reasoner.serve.prepared import Prepared
    from reasoner.solve.control import new_control
    from reasoner.solve.engine import reason

    raw = json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=Loader), ensure_ascii=False).encode()
    case = load(path)
    facts = case_facts(case, setting=setting_for(case, "case.as_of", None))
    text = program().text
    prepared = Prepared()
    steps: dict[str, list[float]] = {}

    def clingo_part(c) -> None:
        box = [prepared.take()]
        add_facts(box[0], case_facts(c, setting=setting_for(c, "case.as_of", None)), law=False)
        box[0].ground([("base", [])])
        box[0].solve(on_model=lambda m: m.symbols(atoms=True))
        prepared.spent(box)  # as the server does: freed in another thread, the next one made

    try:
        for i in range(runs + 2):
            time.sleep(0.5)  # the Control of the next request is made meanwhile, as between requests
            t0 = time.thread_time()
            c = load_text(case_text(raw, str(path)), str(path), path.parent, path.parent, as_json=True)
            t1 = time.thread_time()
            held = [reason(c, "case.as_of", None, prepared.take())]
            t2 = time.thread_time()
            report = build(c, str(path), "zh", held[0])
            t3 = time.thread_time()
            answer_text(report.to_json())
            t4 = time.thread_time()
            prepared.spent(held)
            time.sleep(0.5)
            t5 = time.thread_time()
            clingo_part(c)
            t6 = time.thread_time()
            kept = floor(text, facts)
            t7 = time.thread_time()
            del kept
            if i >= 2:
                for name, d in (
                    ("read and validate the case (JSON)", t1 - t0),
                    ("reason (facts, ground, solve, result)", t2 - t1),
                    ("  of which clingo: facts, ground, solve, read", t6 - t5),
                    ("conclusions, explanations, why-not", t3 - t2),
                    ("the JSON text", t4 - t3),
                    ("(the floor, for comparison)", t7 - t6),
                ):
                    steps.setdefault(name, []).append(d)
        t = time.thread_time()
        new_control(law=True, shadows=False)
        parse = time.thread_time() - t
    finally:
        prepared.close()
    print("where a request's time goes (CPU time of the thread, in this process, without HTTP; medians):")
    for name, ts in steps.items():
        print(f"  {name:<46} {statistics.median(ts) * 1000:7.1f} ms")
    print(
        f"  (done ahead by the server: the rules parsed into a Control, the law's figures added: {parse * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
