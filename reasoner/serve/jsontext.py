"""The JSON text of an answer, byte for byte what :func:`reasoner.render.json_out.dumps` writes
(``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline), about twice as fast.

With ``indent``, the standard library encodes in Python through nested generators (CPython 3.11's
C encoder has no indentation): for the 200 KB answer of a small case that is a tenth of a warm
request.  This encoder appends to one list in plain recursion and leaves the strings to the same C
function the standard library uses.  ``tests/test_serve.py`` holds the two equal on every example
(each answer of the server is compared byte for byte with ``check --format json``).
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C encoder of strings, ensure_ascii=False

INDENT = "  "


def dumps(data: object) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2) + "\\n"``."""
    out: list[str] = []
    _value(data, out, "\n")
    out.append("\n")
    return "".join(out)


def _value(v: object, out: list[str], nl: str) -> None:
    """One value at the depth whose line break and indentation is ``nl``."""
    kind = type(v)
    if kind is str:
        out.append(encode_basestring(v))
    elif kind is dict:
        _dict(v, out, nl)  # type: ignore[arg-type]
    elif kind is list or kind is tuple:
        _list(v, out, nl)  # type: ignore[arg-type]
    else:
        _other(v, out, nl)


def _dict(d: dict, out: list[str], nl: str) -> None:
    if not d:
        out.append("{}")
        return
    inner = nl + INDENT
    sep = "{" + inner
    for k, v in d.items():
        out.append(sep)
        out.append(encode_basestring(k if type(k) is str else _key(k)))
        out.append(": ")
        kind = type(v)  # the common types inline: a call less for each value
        if kind is str:
            out.append(encode_basestring(v))
        elif kind is dict:
            _dict(v, out, inner)
        elif kind is list:
            _list(v, out, inner)
        else:
            _other(v, out, inner)
        sep = "," + inner
    out.append(nl + "}")


def _list(items: list | tuple, out: list[str], nl: str) -> None:
    if not items:
        out.append("[]")
        return
    inner = nl + INDENT
    sep = "[" + inner
    for v in items:
        out.append(sep)
        kind = type(v)
        if kind is str:
            out.append(encode_basestring(v))
        elif kind is dict:
            _dict(v, out, inner)
        elif kind is list:
            _list(v, out, inner)
        else:
            _other(v, out, inner)
        sep = "," + inner
    out.append(nl + "]")


def _other(v: object, out: list[str], nl: str) -> None:
    """Any other value, as json takes it: constants, numbers, and subclasses of str (a keyed
    message: its text), int, float, dict, list and tuple."""
    if v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, str):
        out.append(encode_basestring(v))
    elif isinstance(v, int):
        out.append(int.__repr__(v))
    elif isinstance(v, float):
        out.append(_float(v))
    elif isinstance(v, list | tuple):
        _list(v, out, nl)
    elif isinstance(v, dict):
        _dict(v, out, nl)
    else:
        raise TypeError(f"Object of type {type(v).__name__} is not JSON serializable")


def _float(v: float) -> str:
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == -float("inf"):
        return "-Infinity"
    return float.__repr__(v)


def _key(k: object) -> str:
    """A key that is not a str, as json writes it (a number, true, false, null)."""
    if isinstance(k, str):
        return k
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    if isinstance(k, float):
        return _float(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
