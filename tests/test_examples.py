"""The worked examples are golden tests: the JSON output, byte for byte, in both languages.

To accept a deliberate change of output: REASONER_UPDATE_GOLDEN=1 pytest tests/test_examples.py
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

from reasoner.case.read import load
from reasoner.explain.conclusions import build
from reasoner.render.json_out import to_json

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def _output(name: str, lang: str) -> str:
    rel = f"examples/{name}"
    return to_json(build(load(ROOT / rel), rel, lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", CASES)
def test_golden_json(name: str, lang: str):
    out = _output(name, lang)
    golden = GOLDEN / f"{name.removesuffix('.yaml')}.{lang}.json"
    if os.environ.get("REASONER_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with REASONER_UPDATE_GOLDEN=1 to create it"
    assert out == golden.read_text(encoding="utf-8")


def test_there_are_at_least_five_examples():
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_examples_explain_down_to_the_facts(name: str):
    """Every conclusion that holds has a tree whose leaves include facts from the case file."""
    report = build(load(EXAMPLES / name), name, "zh")
    for c in report.conclusions:
        if c.status != "holds":
            continue
        leaves, stack = [], [c.explanation]
        while stack:
            n = stack.pop()
            if not n.children:
                leaves.append(n)
            stack.extend(n.children)
        assert any(leaf.kind in ("fact", "finding") and leaf.path for leaf in leaves), (name, c.id)


def test_output_is_the_same_bytes_across_processes():
    """Same case, same bytes, whatever the hash seed of the Python process."""
    outs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "reasoner.cli", "check", "examples/286-1-leak.yaml", "--format", "json"],
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        outs.append(proc.stdout)
    assert outs[0] == outs[1]
    assert outs[0].decode("utf-8") == _output("286-1-leak.yaml", "zh")
