"""What a request asks for: its language, the name its case is given, and its body (the case as
JSON, or multipart/form-data with the case and the statements it points to).

Every refusal is a :class:`Refused`: an HTTP status and a keyed message, worded in the request's
language by the service.  Nothing here reads a file: statements come inside the request.
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass, field
from email.parser import BytesParser
from pathlib import PurePosixPath, PureWindowsPath

from reasoner.case.errors import Msg, keyed

LANGS = ("zh", "en")
#: The query parameters of POST /v1/check (and lang of every path).
PARAMETERS = ("lang", "file")
#: The name a posted case is given in its answer and its errors, where the request names none.
DEFAULT_FILE = "case.json"
MAX_NAME = 255


class Refused(Exception):
    """A request refused: the HTTP status and why."""

    def __init__(self, status: int, detail: Msg, key: str):
        self.status, self.detail, self.key = status, detail, key
        super().__init__(detail.text)


@dataclass
class Posted:
    """A posted case: its bytes, and the statements sent with it (file name -> bytes), if any."""

    case: bytes
    statements: dict[str, bytes] | None = field(default=None)


def language(query: dict[str, str], accept_language: str | None) -> str:
    """``?lang=`` if given (zh or en), else the first of zh and en that Accept-Language prefers,
    else Chinese: the language of the answer and of its errors."""
    if "lang" in query:
        if query["lang"] not in LANGS:
            shown = repr(query["lang"][:40])
            raise Refused(400, keyed("serve_lang", f"lang={shown}: expected zh or en", value=shown), "bad_lang")
        return query["lang"]
    best, best_q = "zh", 0.0
    for item in (accept_language or "").split(","):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > best_q:
            best, best_q = primary, q
    return best


def case_name(query: dict[str, str]) -> str:
    """The name the case is given (``?file=``, default ``case.json``): a label in the answer and
    its errors only, never a path that is read."""
    name = query.get("file", DEFAULT_FILE)
    if not 0 < len(name) <= MAX_NAME or not name.isprintable():
        shown = repr(name[:40])
        text = f"file={shown}: expected a name of 1 to {MAX_NAME} printable characters"
        raise Refused(400, keyed("serve_file", text, value=shown, limit=MAX_NAME), "bad_file")
    return name


def known_parameters(query: dict[str, str]) -> None:
    """A misspelt parameter is an error, not silently ignored."""
    for name in query:
        if name not in PARAMETERS:
            shown = repr(name[:40])
            text = f"unknown query parameter {shown}: expected lang or file"
            raise Refused(400, keyed("serve_parameter", text, name=shown), "bad_parameter")


def posted(body: bytes, content_type: str | None) -> Posted:
    """The case (and statements) of a POST /v1/check body, by its Content-Type."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/json":
        return Posted(body)
    if kind == "multipart/form-data":
        return _multipart(body, content_type or "")
    shown = repr((content_type or "")[:60])
    text = (
        f"expected the case as application/json, or multipart/form-data with a part case and parts "
        f"statement; found Content-Type {shown}"
    )
    raise Refused(415, keyed("serve_media_type", text, found=shown), "unsupported_media_type")


def _multipart(body: bytes, content_type: str) -> Posted:
    """multipart/form-data: one part ``case`` (the case as JSON) and a part ``statement`` for each
    statement the case points to, its file name the one the case writes (a plain name)."""
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\nMIME-Version: 1.0\r\n\r\n"
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        text = "the body is not multipart/form-data with the boundary its Content-Type names"
        raise Refused(400, keyed("serve_multipart", text), "bad_multipart")
    case: bytes | None = None
    statements: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "case" and case is None:
            case = payload
        elif name == "statement":
            file = statement_name(part.get_filename())
            if file in statements:
                shown = repr(file)
                raise Refused(
                    422,
                    keyed("serve_statement_twice", f"two statements are named {shown}", name=shown),
                    "bad_statement",
                )
            statements[file] = payload
        else:
            shown = repr(str(name)[:40])
            text = f"unexpected part {shown}: expected one part case and parts statement"
            raise Refused(400, keyed("serve_part", text, name=shown), "bad_multipart")
    if case is None:
        raise Refused(400, keyed("serve_no_case", "the multipart body has no part case"), "bad_multipart")
    return Posted(case, statements)


def statement_name(name: str | None) -> str:
    """A statement's file name as sent: a plain name (no folder, no ``..``, not absolute), the
    name the case's ``statement.file`` gives; refused otherwise (422)."""
    shown = repr((name or "")[:40])
    plain = (
        name
        and len(name) <= MAX_NAME
        and name.isprintable()
        and name not in (".", "..")
        and "/" not in name
        and "\\" not in name
        and not PureWindowsPath(name).drive
        and not PurePosixPath(name).is_absolute()
    )
    if not plain:
        text = (
            f"the statement's file name {shown} is not a plain file name: expected a name without folders "
            f"(no /, \\ or ..)"
        )
        raise Refused(422, keyed("serve_statement_name", text, name=shown), "bad_statement")
    return name
