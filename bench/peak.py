"""Run a Python module or script as __main__ and print its own peak memory (ru_maxrss) to stderr.

    python bench/peak.py -m reasoner.cli check case.json      # a module
    python bench/peak.py script.py args...                     # a script
The last line of stderr is ``peak-rss-kib: N``: the figure of this process alone.
"""

from __future__ import annotations

import resource
import runpy
import sys


def main() -> None:
    args = sys.argv[1:]
    code = 0
    try:
        if args[0] == "-m":
            sys.argv = [args[1], *args[2:]]
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = args
            runpy.run_path(args[0], run_name="__main__")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    sys.stdout.flush()
    print(f"peak-rss-kib: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
