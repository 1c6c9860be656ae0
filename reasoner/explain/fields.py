"""The fields of a case file in words, for the questions of ``ask`` (issue 17).

A question names the person and the fact, not the field path: ``acts[0].illegal_gains`` is asked
as 「李某的行为 A1 的违法所得？」 ("act A1 of 李某: illegal gains?"), from the case's own names and
ids and the labels of the translation table (errors.toml, [record] and [field]).  Nothing here
decides anything: it only words where a fact is recorded."""

from __future__ import annotations

import typing

from reasoner.case.edits import parse_path
from reasoner.case.pydantic_errors import leaves
from reasoner.explain.i18n import input_tables

#: records that only group fields whose own labels say it all: left out of a question
#: (「行为 A1 的传播的违法视频文件」, not 「行为 A1 的数量的传播的违法视频文件」)
GROUPS = frozenset({"quantities", "publishing", "leak", "funds", "response"})


def labels(lang: str) -> dict[str, str]:
    """Each field name of the case format in words."""
    return {name: entry[lang] for name, entry in input_tables()["field"].items() if lang in entry}


def ask_word(key: str, lang: str, **params: object) -> str:
    """A word of ask's questions ([ask] in errors.toml), its parameters filled in."""
    return input_tables()["ask"][key][lang].format(**params)


def field_names() -> set[str]:
    """Every field name of the case format (as a case file spells it), found from the model."""
    from pydantic import BaseModel

    from reasoner.case.model import Case

    seen: set[type] = set()
    names: set[str] = set()
    todo: list[object] = [Case]
    while todo:
        for t in leaves(todo.pop()):
            if isinstance(t, type) and issubclass(t, BaseModel):
                if t not in seen:
                    seen.add(t)
                    names |= {f.alias or n for n, f in t.model_fields.items()}
                    todo.extend(f.annotation for f in t.model_fields.values())
            else:
                todo.extend(typing.get_args(t))
    return names


def question_text(data: object, path: str, lang: str) -> str:
    """The fact at ``path`` of the case ``data`` as a question: its record named by its person,
    kind and id, then the fields down to it in words."""
    parts = parse_path(path)
    words = labels(lang)
    if not isinstance(data, dict) or not parts:
        return path
    head, rest = _record(data, parts, lang)
    node: object = _at(data, parts[: len(parts) - len(rest)])
    pieces: list[str] = []
    i = 0
    while i < len(rest):
        name = rest[i]
        label = words.get(str(name), str(name))
        node = node.get(name) if isinstance(node, dict) else None
        if i + 1 < len(rest) and isinstance(rest[i + 1], int):
            index = rest[i + 1]
            node = node[index] if isinstance(node, list) and index < len(node) else None
            label += _item_name(node, index, _names(data), lang)
            i += 1
        elif name in GROUPS and i + 1 < len(rest):
            label = ""
        if label:
            pieces.append(label)
        i += 1
    return _joined(head, pieces, lang)


def _joined(head: str, pieces: list[str], lang: str) -> str:
    if lang != "zh":
        return f"{head}: {', '.join(pieces)}?" if pieces else f"{head}?"
    text = head
    for p in pieces:
        if p.startswith(("是否", "能否")):
            text += (" " if text[-1:].isascii() and text[-1:].isalnum() else "") + p
        else:
            text += (" 的" if text[-1:].isascii() and text[-1:].isalnum() else "的") + p
    return text + "？"


def _item_name(node: object, index: int, names: dict[object, str], lang: str) -> str:
    """An item of a list within a record: by its id (and description), a person's part by the
    person's name, else by its place."""
    if isinstance(node, dict) and node.get("party") in names:
        return " " + names[node["party"]] if lang != "zh" else names[node["party"]]
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        what = node.get("description")
        return f" {node['id']}" + (_paren(what, lang) if isinstance(what, str) else "")
    if isinstance(node, str):
        return f" {node}"
    return _paren(ask_word("item", lang, n=index + 1), lang)


def _paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _at(data: object, parts: list) -> object:
    node = data
    for p in parts:
        try:
            node = node[p]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _record(data: dict, parts: list, lang: str) -> tuple[str, list]:
    """The record a path starts in, named (``李某的行为 A1``), and the rest of the path."""
    top = parts[0]
    names = input_tables()["record"]
    if top not in names or len(parts) < 2 or not isinstance(parts[1], int):
        return ask_word("the_case", lang), parts[1:] if top == "case" else parts
    rec = _at(data, parts[:2])
    rec = rec if isinstance(rec, dict) else {}
    ident = str(rec.get("id", parts[1] + 1))
    what = rec.get("name") if top == "parties" else rec.get("description")
    return names[top][lang].format(id=ident, what=what or ident, owner=_owner(data, top, rec, lang)), parts[2:]


def _owner(data: dict, top: str, rec: dict, lang: str) -> str:
    """The persons a record is about, by name: an act's actors, a penalty's party, an order's addressee."""
    if top == "acts":
        ids = rec.get("actors") if isinstance(rec.get("actors"), list) else [rec.get("actor")]
        ids = [x.get("party") if isinstance(x, dict) else x for x in ids]
    else:
        ids = [rec.get("to" if top == "orders" else "party")]
    names = _names(data)
    shown = [names.get(x, str(x)) for x in ids if x is not None]
    return ("、" if lang == "zh" else ", ").join(shown)


def _names(data: dict) -> dict[object, str]:
    """Each party's name by its id."""
    parties = data.get("parties") if isinstance(data.get("parties"), list) else []
    return {p.get("id"): str(p.get("name") or p.get("id")) for p in parties if isinstance(p, dict)}
