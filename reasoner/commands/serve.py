"""``reasoner serve``: the resident server (docs/serve.md), for case-management systems and for
anyone checking many cases one at a time without paying a fresh process for each."""

from __future__ import annotations

import click

from reasoner.commands.common import say

#: The default --max-bytes: a case file's limit (reasoner.case.files.MAX_CASE_BYTES, written out so
#: that the command line does not import the stages to show its help; a test holds them equal).
DEFAULT_BYTES = 4 * 2**20
#: The largest: a case file and a bank statement at their own limits (docs/limits.md).
MOST_BYTES = DEFAULT_BYTES + 256 * 2**20


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="the address to listen on")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="0: any free port")
@click.option(
    "--statements",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="read the bank statements cases point to from inside this folder (default: only those sent with the case)",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1, MOST_BYTES),
    default=DEFAULT_BYTES,
    show_default=True,
    help="the largest request body accepted (413 beyond it)",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="cases reasoned at once; more requests wait their turn (default: one a core)",
)
@click.option("--verbose", is_flag=True, help="log each request on stderr")
def serve(host: str, port: int, statements: str | None, max_bytes: int, workers: int | None, verbose: bool) -> None:
    """Answer `check` over HTTP: POST a case as JSON to /v1/check, get the JSON `check --format json`
    prints (or its errors, status 422).  GET /v1/version names the API, the version and the rules."""
    import signal
    import sys

    from reasoner.serve.http import Server
    from reasoner.serve.service import API, Service

    # SIGTERM (a service manager stopping it) as Ctrl-C: its private folder removed, exit 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    service = Service(statements, workers)
    server = Server((host, port), service, max_bytes, verbose)
    shown_host = f"[{host}]" if ":" in host else host
    say(f"reasoner serve: listening on http://{shown_host}:{server.server_address[1]}/{API}/", err=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
        service.close()
