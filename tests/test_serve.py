"""``reasoner serve`` (docs/serve.md): the answer to a posted case is byte for byte what ``check
--format json`` prints; a bad case is 422 with the command's error lines; a request past the limit
is 413, an unknown path 404; statements are read only from the request or the server's folder;
requests answered at once get the bytes they get one at a time."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import uuid
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES

from reasoner.case.read import Loader
from reasoner.cli import main
from reasoner.serve.http import Handler, Server
from reasoner.serve.jsontext import dumps as answer_text
from reasoner.serve.prepared import Prepared
from reasoner.serve.service import Service

CARD_STATEMENT = EXAMPLES / "287-2-card-statement.csv"


class Running:
    """A server on an ephemeral port of 127.0.0.1, in a thread of the test process."""

    def __init__(self, service: Service, max_bytes: int = 4 * 2**20):
        self.server = Server(("127.0.0.1", 0), service, max_bytes)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            got = conn.getresponse()
            return got.status, dict(got.getheaders()), got.read()
        finally:
            conn.close()

    def check(self, case: dict | bytes, file: str = "case.json", lang: str | None = None, headers: dict | None = None):
        body = case if isinstance(case, bytes) else json.dumps(case, ensure_ascii=False).encode()
        query = f"?file={quote(file, safe='')}" + (f"&lang={lang}" if lang else "")
        return self.request("POST", "/v1/check" + query, body, {"Content-Type": "application/json", **(headers or {})})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def service():
    s = Service()
    yield s
    s.close()


@pytest.fixture(scope="module")
def server(service):
    running = Running(service)
    yield running
    running.close()


def as_json(path: Path) -> dict:
    """A YAML case file as the JSON a client would post (dates stay text, as the reader keeps them)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def multipart(case: bytes, statements: dict[str, bytes]) -> tuple[bytes, str]:
    """A multipart/form-data body: the case and its statements."""
    boundary = uuid.uuid4().hex
    parts = [(b'name="case"; filename="case.json"', b"application/json", case)]
    for name, data in statements.items():
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')  # a quoted-string's escapes
        parts.append((f'name="statement"; filename="{quoted}"'.encode(), b"text/csv", data))
    body = b""
    for disposition, ctype, data in parts:
        body += b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; " + disposition
        body += b"\r\nContent-Type: " + ctype + b"\r\n\r\n" + data + b"\r\n"
    return body + b"--" + boundary.encode() + b"--\r\n", f"multipart/form-data; boundary={boundary}"


def post_with_statements(server: Running, case: dict, statements: dict[str, bytes], file: str = "case.json"):
    body, ctype = multipart(json.dumps(case, ensure_ascii=False).encode(), statements)
    return server.request("POST", f"/v1/check?file={quote(file, safe='')}", body, {"Content-Type": ctype})


def cli_json(path: Path) -> bytes:
    done = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert done.exit_code == 0, done.output
    return done.stdout_bytes


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_every_example_is_answered_byte_for_byte_as_check_prints_it(server):
    assert len(EXAMPLE_FILES) > 20
    for path in EXAMPLE_FILES:
        case = as_json(path)
        statement = any("statement" in a for a in case.get("acts", []))
        if statement:  # sent with the case, under the name the case gives it
            status, _, body = post_with_statements(
                server, case, {CARD_STATEMENT.name: CARD_STATEMENT.read_bytes()}, str(path)
            )
        else:
            status, _, body = server.check(case, str(path))
        assert status == 200, (path.name, body[:500])
        assert body == cli_json(path), path.name


def test_the_command_listens_on_the_port_it_names_and_stops_on_sigterm(tmp_path):
    """``reasoner serve --port 0``: a free port of 127.0.0.1, named on stderr once it is warm."""
    cmd = [sys.executable, "-m", "reasoner.cli", "serve", "--port", "0", "--max-bytes", "100"]
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent), "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        line = proc.stderr.readline()
        assert line.startswith("reasoner serve: listening on http://127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1].split("/")[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/v1/version")
        assert json.loads(conn.getresponse().read())["api"] == "v1"
        conn.request("POST", "/v1/check", b"{}" * 51, {"Content-Type": "application/json"})
        assert conn.getresponse().status == 413  # --max-bytes 100
        conn.close()
    finally:
        proc.terminate()
        assert proc.wait(timeout=60) == 0
    assert list(tmp_path.glob("reasoner-serve-*")) == []  # its private folder removed


def test_the_answer_is_json_with_the_schema_of_check(server):
    status, headers, body = server.check(as_json(EXAMPLES / "287-2-card-seller.yaml"))
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body)
    assert data["schema"] == "reasoner/check/2" and data["case"]["file"] == "case.json"


def test_version_names_the_api_the_package_the_schema_and_the_rules(server):
    status, _, body = server.request("GET", "/v1/version")
    data = json.loads(body)
    answer = json.loads(cli_json(EXAMPLES / "287-2-card-seller.yaml"))
    assert status == 200
    assert data["api"] == "v1" and data["schema"] == answer["schema"]
    assert data["rules"] == answer["rules"]
    assert data["reasoner"]


BAD = {"format": 2, "case": {"id": "bad"}, "parties": [{"id": "P1", "kind": "robot"}], "acts": [{"id": "A1"}]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_case_is_422_with_the_error_lines_check_prints(server, tmp_path, monkeypatch, lang):
    (tmp_path / "bad.json").write_text(json.dumps(BAD), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "bad.json", "--format", "json", "--lang", lang])
    assert done.exit_code == 2
    status, _, body = server.check(BAD, "bad.json", lang=lang)
    data = json.loads(body)
    assert status == 422 and data["error"] == "invalid_case"
    assert data["errors"] + [data["summary"]] == done.stderr.splitlines()


def test_the_language_follows_accept_language_and_is_chinese_by_default(server):
    zh = json.loads(server.check(BAD, "bad.json")[2])
    en = json.loads(server.check(BAD, "bad.json", headers={"Accept-Language": "fr, en-GB;q=0.8, zh;q=0.5"})[2])
    assert "未作推理" in zh["summary"] and en["summary"].endswith("nothing was reasoned.")
    status, _, body = server.check(BAD, lang="fr")
    assert status == 400 and json.loads(body)["error"] == "bad_lang"


def test_a_request_past_the_limit_is_413_and_its_body_is_not_read(service):
    small = Running(service, max_bytes=1000)
    try:
        case = as_json(EXAMPLES / "287-2-card-seller.yaml")
        status, headers, body = small.check(case, lang="en")
        assert status == 413 and json.loads(body)["error"] == "too_big"
        assert "at most 1,000 are accepted" in json.loads(body)["message"]
        # a length far past the limit, with no body sent at all: answered at once
        with socket.create_connection(("127.0.0.1", small.port), timeout=30) as s:
            s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
            s.sendall(b"Content-Length: 999999999999\r\n\r\n")
            assert s.recv(100).startswith(b"HTTP/1.1 413")
        ok = json.dumps({"format": 2}).encode()
        assert small.check(ok)[0] == 422  # within the limit: read (and refused as a case)
    finally:
        small.close()


def test_the_command_s_limits_are_the_case_file_s_and_the_statement_s():
    from reasoner.case.files import MAX_CASE_BYTES, MAX_STATEMENT_BYTES
    from reasoner.commands.serve import DEFAULT_BYTES, MOST_BYTES
    from reasoner.serve.http import MAX_BYTES

    assert DEFAULT_BYTES == MAX_BYTES == MAX_CASE_BYTES
    assert MOST_BYTES == MAX_CASE_BYTES + MAX_STATEMENT_BYTES


def test_the_default_limit_is_a_case_file_s_limit(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        s.sendall(f"Content-Length: {4 * 2**20 + 1}\r\n\r\n".encode())
        assert s.recv(100).startswith(b"HTTP/1.1 413")


def test_a_body_without_its_length_is_411(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        s.sendall(b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 411")


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("GET", "/", 404),
        ("GET", "/v1/nothing", 404),
        ("POST", "/v2/check", 404),
        ("GET", "/v1/check", 405),
        ("POST", "/v1/version", 405),
        ("DELETE", "/v1/check", 405),
    ],
)
def test_unknown_paths_are_404_and_other_methods_405(server, method, path, status):
    got, headers, body = server.request(method, path, b"{}" if method == "POST" else None)
    assert got == status and json.loads(body)["error"] == ("not_found" if status == 404 else "method")
    if status == 405:
        assert headers["Allow"] in ("GET", "POST")


def test_a_fault_of_the_reasoner_is_500_and_the_server_goes_on(server, monkeypatch, capsys):
    def fail(*args, **kwargs):
        raise RuntimeError("a fault")

    monkeypatch.setattr(server.server.service, "check", fail)
    status, _, body = server.check(BAD, lang="en")
    assert status == 500 and json.loads(body)["error"] == "internal"
    assert "RuntimeError: a fault" in capsys.readouterr().err
    monkeypatch.undo()
    assert server.request("GET", "/v1/version")[0] == 200


def test_an_answer_is_not_held_back_for_the_client_s_ack(server, monkeypatch):
    """Headers and body are two writes: without TCP_NODELAY the body waits for the client's delayed
    ACK (40 ms on Linux, more than most of a request)."""
    seen: list[int] = []
    setup = Handler.setup

    def record(self):
        setup(self)
        seen.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    monkeypatch.setattr(Handler, "setup", record)
    assert server.request("GET", "/v1/version")[0] == 200
    assert seen and seen[0] != 0


def test_a_misspelt_parameter_and_a_case_not_json_are_refused(server):
    status, _, body = server.request("POST", "/v1/check?lnag=en", b"{}", {"Content-Type": "application/json"})
    assert status == 400 and json.loads(body)["error"] == "bad_parameter"
    status, _, body = server.request("POST", "/v1/check", b"format: 2", {"Content-Type": "application/x-yaml"})
    assert status == 415 and json.loads(body)["error"] == "unsupported_media_type"


def test_a_posted_case_is_json_whatever_name_it_is_given(server):
    """A name ending in .yaml labels the answer; the body is still read as JSON (YAML would take
    this text as one string and say so)."""
    status, _, body = server.check(b'{"format": 2, "case": {"id": "x"}', "x.yaml", lang="en")
    assert status == 422 and "not valid JSON" in json.loads(body)["errors"][0]


# ------------------------------------------------------------------------- statements: never a path from the case


def statement_case(file: str) -> dict:
    case = as_json(EXAMPLES / "287-2-card-statement.yaml")
    case["acts"][0]["statement"]["file"] = file
    return case


@pytest.fixture(scope="module")
def folder_server(tmp_path_factory):
    """A server reading statements from one folder, beside which lies a file it must never read."""
    top = tmp_path_factory.mktemp("serve")
    folder = top / "statements"
    folder.mkdir()
    (folder / CARD_STATEMENT.name).write_bytes(CARD_STATEMENT.read_bytes())
    (top / "outside.csv").write_bytes(CARD_STATEMENT.read_bytes())
    os.symlink(top / "outside.csv", folder / "link.csv")
    service = Service(folder)
    running = Running(service)
    yield running, folder, top
    running.close()
    service.close()


def test_statements_are_read_from_the_server_s_folder(folder_server):
    running, folder, _ = folder_server
    status, _, body = running.check(statement_case(CARD_STATEMENT.name), str(EXAMPLES / "287-2-card-statement.yaml"))
    assert status == 200 and body == cli_json(EXAMPLES / "287-2-card-statement.yaml")


@pytest.mark.parametrize(
    "name,key",
    [
        ("ABSOLUTE", "expected a path relative to the case file's folder, found the absolute path"),
        ("../outside.csv", "leads out of the folder"),
        ("link.csv", "leads out of the folder"),  # a link in the folder to a file outside it
        ("missing.csv", "cannot read the statement"),
    ],
)
def test_a_statement_outside_the_folder_is_refused_422(folder_server, name, key):
    running, _, top = folder_server
    name = str(top / "outside.csv") if name == "ABSOLUTE" else name
    status, _, body = running.check(statement_case(name), lang="en")
    data = json.loads(body)
    assert status == 422 and data["error"] == "invalid_case"
    assert any("acts[0].statement.file" in e and key in e for e in data["errors"]), data["errors"]


def test_without_a_folder_a_statement_is_read_only_from_the_request(server, tmp_path):
    (tmp_path / "card.csv").write_bytes(CARD_STATEMENT.read_bytes())
    for name in (str(tmp_path / "card.csv"), "card.csv", "../card.csv"):
        status, _, body = server.check(statement_case(name), lang="en")
        assert status == 422 and "acts[0].statement.file" in json.loads(body)["errors"][0], name
    status, _, _ = post_with_statements(server, statement_case("card.csv"), {"card.csv": CARD_STATEMENT.read_bytes()})
    assert status == 200


@pytest.mark.parametrize("name", ["../card.csv", "/tmp/card.csv", "a/card.csv", "a\\card.csv", "..", "C:card.csv"])
def test_a_statement_sent_under_a_name_with_a_folder_is_refused_422(server, name):
    status, _, body = post_with_statements(server, statement_case("card.csv"), {name: CARD_STATEMENT.read_bytes()})
    assert status == 422 and json.loads(body)["error"] == "bad_statement"


def test_a_case_pointing_out_of_the_statements_sent_is_refused_422(server):
    case = statement_case("../card.csv")
    status, _, body = post_with_statements(server, case, {"card.csv": CARD_STATEMENT.read_bytes()})
    assert status == 422 and "acts[0].statement.file" in json.loads(body)["errors"][0]


# ------------------------------------------------------------------------- concurrency


def test_requests_at_once_get_the_bytes_they_get_one_at_a_time(server):
    """Each request reasons with its own Control (clingo's are not shared between threads)."""
    chosen = [EXAMPLES / n for n in ("287-2-card-seller.yaml", "286-1-leak.yaml", "287-1-websites-incomplete.yaml")]
    cases = [(as_json(p), str(p)) for p in chosen] * 3
    alone = {file: server.check(case, file)[2] for case, file in cases[:3]}
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda cf: server.check(*cf), cases))
    assert all(status == 200 for status, _, _ in together)
    assert [body for _, _, body in together] == [alone[file] for _, file in cases]


def test_no_more_cases_are_reasoned_at_once_than_workers(monkeypatch):
    from reasoner.serve import service as module

    one = Service(workers=1)
    running = Running(one)
    inside, most = [0], [0]
    reason = module.reason

    def counted(*args, **kwargs):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        try:
            return reason(*args, **kwargs)
        finally:
            inside[0] -= 1

    monkeypatch.setattr(module, "reason", counted)
    try:
        case = as_json(EXAMPLES / "287-2-card-seller.yaml")
        with ThreadPoolExecutor(max_workers=3) as pool:
            statuses = list(pool.map(lambda _: running.check(case)[0], range(3)))
        assert statuses == [200] * 3 and most[0] == 1
    finally:
        running.close()
        one.close()


def test_a_used_control_is_freed_in_another_thread():
    prepared = Prepared()
    try:
        freed = threading.Event()
        where: list[str] = []
        box = [prepared.take()]
        weakref.finalize(box[0], lambda: (where.append(threading.current_thread().name), freed.set()))
        prepared.spent(box)
        assert freed.wait(60) and where == ["reasoner-free"]
    finally:
        prepared.close()


def test_a_control_is_made_ahead_with_the_rules_and_made_again_once_taken():
    prepared = Prepared()
    try:
        ctl = prepared.take()
        ctl.ground([("base", [])])
        shown = []
        ctl.solve(on_model=lambda m: shown.extend(m.symbols(shown=True)))
        assert shown == []  # the rules without a case: nothing holds, and nothing fails
        prepared.spent([])  # its request done: the next one is made
        again = prepared._ready.get(timeout=60)
        assert again is not ctl
    finally:
        prepared.close()


class Keyed(str):
    """A str subclass, as a keyed message is."""


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[]], "d": [{}]},
        {"x": (1, 2, (3,)), "y": [True, False, None, 0, -7, 10**40, 0.1, 1e20, -0.0, float("nan"), float("inf")]},
        {7: "one", 2.5: "x", True: "t", False: "f", None: "n", 'é\u2028\x1b"\\': "ü\n\t\x00"},
        {"k": Keyed("a message"), Keyed("key"): [Keyed("v")]},
        [{"deep": [[[{"a": [1, {"b": []}]}]]]}],
        "just text",
        3,
    ],
)
def test_the_answer_text_is_what_json_dumps_writes(data):
    assert answer_text(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
