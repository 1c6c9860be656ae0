"""Data files kept between runs (reasoner/law/kept.py): the same data as parsing, from the cache only
for the same bytes, and a damaged cache is parsed again rather than trusted."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from reasoner.explain.i18n import ERRORS, MESSAGES
from reasoner.law import kept
from reasoner.law.packs import pack_files

TABLE = """
[pack]
id = "x"
in_force = 2019-11-01
checked = 2024-01-02T03:04:05
at = 07:30:00
figures = [1, 2.5, true, "五"]
[[param]]
name = "n"
value = 10000
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REASONER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_table_read_twice_is_the_table_parsed_the_second_time_from_the_cache(tmp_path, cache, monkeypatch):
    f = tmp_path / "t.toml"
    f.write_text(TABLE, encoding="utf-8")
    first = kept.read_toml(f)
    assert first == tomllib.loads(TABLE) and first["pack"]["in_force"] == dt.date(2019, 11, 1)
    assert len(list(cache.glob("toml-*.marshal"))) == 1

    def no_parsing(_text: str) -> dict:
        raise AssertionError("parsed again")

    monkeypatch.setattr(kept.tomllib, "loads", no_parsing)
    second = kept.read_toml(f)
    assert second == first
    assert [type(v) for v in second["pack"].values()] == [type(v) for v in first["pack"].values()]


def test_changed_bytes_are_parsed_again(tmp_path, cache):
    f = tmp_path / "t.toml"
    f.write_text(TABLE, encoding="utf-8")
    kept.read_toml(f)
    f.write_text(TABLE.replace("10000", "10001"), encoding="utf-8")
    assert kept.read_toml(f)["param"][0]["value"] == 10001


def test_a_damaged_cache_is_parsed_again(tmp_path, cache):
    f = tmp_path / "t.toml"
    f.write_text(TABLE, encoding="utf-8")
    kept.read_toml(f)
    (entry,) = cache.glob("toml-*.marshal")
    entry.write_bytes(entry.read_bytes()[:20])
    assert kept.read_toml(f) == tomllib.loads(TABLE)


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("REASONER_CACHE", str(blocked / "cache"))
    f = tmp_path / "t.toml"
    f.write_text(TABLE, encoding="utf-8")
    assert kept.read_toml(f) == tomllib.loads(TABLE)


@pytest.mark.parametrize("name", ["pack.toml", "parameters.toml", "provisions.toml"])
def test_every_table_of_the_law_reads_as_parsed(name, cache):
    for f in pack_files(name):
        assert kept.read_toml(f) == tomllib.loads(f.read_text(encoding="utf-8")), f
        assert kept.read_toml(f) == tomllib.loads(f.read_text(encoding="utf-8")), f  # from the cache


def test_the_translation_tables_read_as_parsed(cache):
    for f in (MESSAGES, ERRORS):
        kept.read_toml(f)
        assert kept.read_toml(f) == tomllib.loads(f.read_text(encoding="utf-8"))
