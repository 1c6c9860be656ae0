"""Controls made ahead: the compiled rules parsed into a fresh Control while the server waits, so
that a request starts at the case's facts.

Parsing the program text is about a third of what clingo spends on one case; a Control cannot be
copied, and once ground it cannot take another case's facts, so each case needs a new one.  One
thread keeps one Control ready; a request takes it (or parses its own when two come at once), and
the thread makes the next.  A Control is used by one request only: clingo's Controls are not
shared between threads.
"""

from __future__ import annotations

import queue
import threading

import clingo

from reasoner.solve.control import new_control


class Prepared:
    """A Control with the rules added, ready for one case's facts, kept by a background thread."""

    def __init__(self, ahead: int = 1):
        self._ready: queue.Queue[clingo.Control] = queue.Queue(maxsize=ahead)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fill, name="reasoner-prepare", daemon=True)
        self._thread.start()

    def _fill(self) -> None:
        while not self._stop.is_set():
            ctl = new_control()
            while not self._stop.is_set():
                try:
                    self._ready.put(ctl, timeout=0.5)
                    break
                except queue.Full:
                    continue

    def take(self) -> clingo.Control:
        """A fresh Control with the rules: the one made ahead, or a new one if it is not ready."""
        try:
            return self._ready.get_nowait()
        except queue.Empty:
            return new_control()

    def close(self) -> None:
        """Stop making Controls (the thread ends within half a second)."""
        self._stop.set()
