"""The HTTP server of ``reasoner serve``: the standard library's ThreadingHTTPServer, one thread a
connection, speaking HTTP/1.1 (connections kept open between requests).

    GET  /v1/version          the API, the package's version, the schema and the rules' digest
    POST /v1/check            a case (application/json, or multipart/form-data with its statements)

A body is read only when it gives its length (411 otherwise) and that length is within the limit
(413 otherwise, the connection then closed: the body is never read).  Any other path is 404, any
other method on these paths 405.  Every error answer is JSON, ``{"error": key, "message": why}``,
in the request's language (``?lang=``, else Accept-Language, else Chinese).
"""

from __future__ import annotations

import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from reasoner.case.errors import keyed
from reasoner.case.files import MAX_CASE_BYTES
from reasoner.serve.requests import Refused, case_name, known_parameters, language, posted
from reasoner.serve.service import API, Answer, Service, refusal

#: The largest request body accepted by default: a case file's own limit (docs/limits.md).
MAX_BYTES = MAX_CASE_BYTES
ROUTES = {f"/{API}/version": "GET", f"/{API}/check": "POST"}


class Handler(BaseHTTPRequestHandler):
    """One request: routed, its limits checked, answered by the server's :class:`Service`."""

    protocol_version = "HTTP/1.1"
    server_version = "reasoner-serve"
    sys_version = ""  # the Python version is nobody's business
    timeout = 60  # a client that stops sending its body does not hold a thread for ever
    # the headers and the body are two writes: with Nagle's algorithm the second waits for the
    # client's delayed ACK of the first, 40 ms on Linux, longer than most of a request
    disable_nagle_algorithm = True
    server: Server

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._route("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._route("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._route("DELETE")

    def _route(self, method: str) -> None:
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        lang = "zh"
        try:
            lang = language(query, self.headers.get("Accept-Language"))
            allowed = ROUTES.get(url.path)
            if allowed is None:
                shown = repr(url.path[:80])
                text = f"no such path {shown}: the API offers GET /{API}/version and POST /{API}/check"
                raise Refused(404, keyed("serve_not_found", text, path=shown, api=API), "not_found")
            if method != allowed:
                text = f"{method} is not allowed on {url.path}: use {allowed}"
                raise Refused(405, keyed("serve_method", text, method=method, path=url.path, allowed=allowed), "method")
            known_parameters(query)
            if url.path.endswith("/version"):
                self._send(self.server.service.version())
                return
            file = case_name(query)
            body = self._body()
            self._send(self.server.service.check(posted(body, self.headers.get("Content-Type")), lang, file))
        except Refused as e:
            if e.status in (405, 404, 411, 413) and method != "GET":
                self.close_connection = True  # a body left unread would be read as the next request
            self._send(refusal(e, lang), allow=ROUTES.get(url.path) if e.status == 405 else None)
        except Exception:  # a case that makes the reasoner fail: 500 for it, the server goes on
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
            text = (
                "the reasoner failed on this request (a fault of the reasoner, not of the case): see the server's log"
            )
            self._send(refusal(Refused(500, keyed("serve_failed", text), "internal"), lang))

    def _body(self) -> bytes:
        """The request's body, if it gives its length and that is within the server's limit."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit() or self.headers.get("Transfer-Encoding"):
            text = "the request gives no Content-Length: send the body with its length"
            raise Refused(411, keyed("serve_length_required", text), "length_required")
        size, most = int(length), self.server.max_bytes
        if size > most:
            shown, limit = f"{size:,}", f"{most:,}"
            text = f"the request has {shown} bytes; at most {limit} are accepted (reasoner serve --max-bytes)"
            raise Refused(413, keyed("serve_too_big", text, size=shown, limit=limit), "too_big")
        return self.rfile.read(size)

    def _send(self, answer: Answer, allow: str | None = None) -> None:
        """The answer, headers and body; a client gone meanwhile ends the connection quietly."""
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(answer.body)))
            if allow:
                self.send_header("Allow", allow)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class Server(ThreadingHTTPServer):
    """The HTTP server with its service, its limit on a request's body, and whether it logs."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], service: Service, max_bytes: int = MAX_BYTES, verbose: bool = False):
        super().__init__(address, Handler)
        self.service, self.max_bytes, self.verbose = service, max_bytes, verbose
