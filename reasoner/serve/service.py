"""The service behind the HTTP server: a posted case in; the JSON ``reasoner check --format json``
prints for it (200), or the errors the command prints (422), out; and the API's version.

It is made once and kept: the rules, the catalogue, the figures and the words are loaded when it
starts (a small case reasoned once warms every cache), and a Control is made ahead for each case
(:mod:`.prepared`).  Each request reasons with its own Control; the reading of a case is done one
request at a time (reading a statement changes the csv module's process-wide field limit).

Statements are never read from where a posted case says: they come inside the request (written to
a private folder made for it and removed after it) or from the one folder named when the server
starts, and the case's ``statement.file`` is resolved inside that folder exactly as ``check``
resolves it inside the case file's folder (absolute paths, ``../`` and links out refused).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from reasoner.batch.rows import settle
from reasoner.case.errors import CaseFileError, keyed
from reasoner.case.model import Case
from reasoner.case.read import case_text, load_text
from reasoner.explain.conclusions import build
from reasoner.explain.i18n import error_line, message, rules_digest
from reasoner.explain.report import SCHEMA
from reasoner.render.cells import visible
from reasoner.render.json_out import dumps
from reasoner.serve.jsontext import dumps as answer_text
from reasoner.serve.prepared import Prepared
from reasoner.serve.requests import Posted, Refused
from reasoner.solve.engine import reason

#: The version of the HTTP API: its paths begin with it, and it changes only with a change that
#: breaks a client (docs/serve.md).
API = "v1"


@dataclass
class Answer:
    """An HTTP answer: status and JSON body."""

    status: int
    body: bytes


def refusal(e: Refused, lang: str) -> Answer:
    """A refused request: its status, and ``{"error": key, "message": why}``."""
    return Answer(e.status, dumps({"error": e.key, "message": message(e.detail, lang)}).encode())


class Service:
    """The warm reasoner: one per server, shared by its request threads."""

    def __init__(self, statements: str | Path | None = None, workers: int | None = None):
        """``workers``: how many cases are reasoned at once (default: one a core); more requests
        wait their turn, so that a burst does not hold a ground Control for each."""
        #: the folder statements are read from, when a request sends none (None: no folder)
        self.statements = Path(statements) if statements is not None else None
        self._workers = threading.BoundedSemaphore(workers or os.cpu_count() or 1)
        self._empty = tempfile.TemporaryDirectory(prefix="reasoner-serve-")  # when there is no folder: nothing in it
        self._reading = threading.Lock()
        self.prepared = Prepared()
        self._warm()

    def close(self) -> None:
        self.prepared.close()
        self._empty.cleanup()

    def _warm(self) -> None:
        """Reason a small case once: the program, catalogue, figures, words and every cache of the
        explanations are loaded before the first request; then set the collector (:func:`settle`)."""
        for lang in ("zh", "en"):
            answer = self.check(Posted(json.dumps(WARM_CASE).encode()), lang, "warm.json")
            if answer.status != 200:  # pragma: no cover - the rules or the case format changed under it
                raise RuntimeError(f"the warm-up case was not reasoned: {answer.body.decode()}")
        settle()  # what is loaded stays: out of the garbage collector's way, as in a batch's workers

    def version(self) -> Answer:
        """GET /v1/version: the API, the package's version, the schema of the answers and the rules'
        digest (the one each answer names)."""
        import clingo

        out = {
            "api": API,
            "reasoner": package_version(),
            "schema": SCHEMA,
            "rules": {"sha256": rules_digest(), "clingo": clingo.__version__},
        }
        return Answer(200, dumps(out).encode())

    def check(self, posted: Posted, lang: str, file: str) -> Answer:
        """POST /v1/check: the case reasoned, or its errors (422), in ``lang``; ``file`` names the
        case in the answer and the errors (a label, never read)."""
        folder = None
        try:
            if posted.statements is not None:
                folder = self._inline(posted.statements)
                base = Path(folder.name)
            else:
                base = self.statements or Path(self._empty.name)
            try:
                case = self._load(posted.case, file, base)
            except CaseFileError as e:
                n = len(e.errors)
                s = "s" if n != 1 else ""
                summary = keyed("errors_in_file", f"{n} error{s} in {file}; nothing was reasoned.", n=n, s=s, path=file)
                return _invalid(e, lang, visible(message(summary, lang)))
            with self._workers:
                return self._reason(case, file, lang)
        except Refused as e:
            return refusal(e, lang)
        finally:
            if folder is not None:
                folder.cleanup()

    def _reason(self, case: Case, file: str, lang: str) -> Answer:
        """The case reasoned with the Control made ahead, and its answer as ``check`` writes it."""
        held: list = []  # the only reference to the result, and so to its Control
        try:
            held.append(reason(case, "case.as_of", None, self.prepared.take()))
            report = build(case, file, lang, held[0])
        except CaseFileError as e:
            return _invalid(e, lang, None)
        finally:
            self.prepared.spent(held)  # its Control freed in another thread, and the next one made
        return Answer(200, answer_text(report.to_json()).encode())  # check's to_json, faster

    def _load(self, raw: bytes, file: str, base: Path) -> Case:
        """The posted case read and validated as a case file of that name in ``base`` would be."""
        with self._reading:
            return load_text(case_text(raw, file), file, base_dir=base, root=base, as_json=True)

    @staticmethod
    def _inline(statements: dict[str, bytes]) -> tempfile.TemporaryDirectory:
        """A private folder holding the statements sent with the case (plain names, checked)."""
        folder = tempfile.TemporaryDirectory(prefix="reasoner-serve-")
        for name, data in statements.items():
            (Path(folder.name) / name).write_bytes(data)
        return folder


def _invalid(e: CaseFileError, lang: str, summary: str | None) -> Answer:
    """422: every error of the case, each line as ``check`` prints it on stderr, and the summary
    line it ends with (None where the case was read but could not be reasoned)."""
    lines = [visible(error_line(err, lang)) for err in e.errors]
    return Answer(422, dumps({"error": "invalid_case", "errors": lines, "summary": summary}).encode())


def package_version() -> str:
    """The installed package's version ("unknown" when run from a checkout that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reasoner")
    except PackageNotFoundError:
        return "unknown"


#: A small case reasoned at start (every fact known; one offence examined through its routes).
WARM_CASE = {
    "format": 2,
    "case": {"id": "warm", "as_of": "2024-06-01"},
    "parties": [{"id": "P1", "kind": "person", "name": "P"}],
    "assisted_parties": [
        {
            "id": "X1",
            "description": "x",
            "uses_network": True,
            "reaches_crime": "yes",
            "crime": "诈骗罪",
            "crime_kind": "telecom_fraud",
            "confirmable": True,
            "author_status": "not_caught",
        }
    ],
    "acts": [
        {
            "id": "A1",
            "actor": "P1",
            "kind": "assist_network_crime",
            "date": {"from": "2023-02-01", "to": "2023-05-31"},
            "description": "x",
            "help": ["cards_and_accounts"],
            "cards": [{"kind": "bank_card", "whose": "own", "how": "sold", "count": 4}],
            "payment_settlement": "236500.80",
            "moved_funds": False,
            "face_verification": False,
            "illegal_gains": "6000",
            "assisted": ["X1"],
            "knowledge": {"proven": True},
        }
    ],
}
