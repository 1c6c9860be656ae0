"""Controls made ahead: the compiled rules parsed into a fresh Control while the server waits, so
that a request starts at the case's facts.

Parsing the program text is about a third of what clingo spends on one case; a Control cannot be
copied, and once ground it cannot take another case's facts, so each case needs a new one.  One
thread keeps one Control ready, with the figures of the law added too; a request takes it (or
parses its own when two come at once), and when the request is done the thread makes the next:
not while the request runs, where it would take a core and the GIL from it.  A Control is used by
one request only: clingo's Controls are not shared between threads.

Freeing a ground Control takes milliseconds too (clingo_control_free, 5 to 25 here): a request
hands what holds its Control to a second thread, which drops it once the answer is on its way.
"""

from __future__ import annotations

import queue
import threading

import clingo

from reasoner.solve.control import new_control


class Prepared:
    """A Control with the rules added, ready for one case's facts, kept by a background thread."""

    def __init__(self) -> None:
        self._ready: queue.Queue[clingo.Control] = queue.Queue(maxsize=1)
        self._spent: queue.Queue[list | None] = queue.Queue()
        self._wanted = threading.Event()  # the one made ahead was taken, and its request is done
        self._wanted.set()
        self._stop = threading.Event()
        threading.Thread(target=self._fill, name="reasoner-prepare", daemon=True).start()
        threading.Thread(target=self._drop, name="reasoner-free", daemon=True).start()

    def _fill(self) -> None:
        while True:
            self._wanted.wait()
            if self._stop.is_set():
                return
            self._wanted.clear()
            if self._ready.empty():
                self._ready.put(new_control(law=True, shadows=False))

    def _drop(self) -> None:
        while (box := self._spent.get()) is not None:
            box.clear()  # the last reference to what it held: freed here, not in the request's thread

    def take(self) -> clingo.Control:
        """A fresh Control with the rules and the law's figures: the one made ahead, or a new one
        if it is not ready."""
        try:
            return self._ready.get_nowait()
        except queue.Empty:
            return new_control(law=True, shadows=False)

    def spent(self, box: list) -> None:
        """A request is done: what held its Control, in a list that holds the only reference to
        it, is freed by the second thread, and the next Control is made."""
        self._spent.put(box)
        self._wanted.set()

    def close(self) -> None:
        """Stop making and freeing Controls (the threads end)."""
        self._stop.set()
        self._wanted.set()
        self._spent.put(None)
