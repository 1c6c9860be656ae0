"""The limits of a case file, checked in one pass over the YAML parser's events, before anything
is built from them: the first value past a limit ends the reading with an error naming its field
and line.

Aliases are counted as often as they are used, with the size of what they name, so that a file of
a few lines whose aliases name aliases (nine levels of nine: 387 million values) is refused at
once instead of being walked.  An alias inside the value it names, an alias naming no anchor, a
tag (``!foo``, ``!!python/object``, ``!!set``), and a key that is not text are refused here too:
each would otherwise stop the constructor with a traceback, or build what no case file holds.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from reasoner.case.errors import CaseFileError, InputError, Msg, keyed, path_text
from reasoner.case.values import MAX_ACTS

#: Lists and mappings nest at most this deep (a case needs about 8 levels): deeper input would
#: exhaust Python's recursion in the parsers and the validator.
MAX_DEPTH = 64
#: Values (scalars, lists and mappings, keys included) in one case, an alias counted with the size
#: of what it names each time it is used: a case at every other limit has about 300,000.
MAX_NODES = 500_000
#: Aliases (``*name``) in one case file.
MAX_ALIASES = 1_000

DEEP = f"at most {MAX_DEPTH} levels of lists and mappings"


def too_deep() -> Msg:
    return keyed("too_deep", f"nested too deeply ({DEEP})", levels=MAX_DEPTH)


_YAML_TAG = "tag:yaml.org,2002:"


@dataclass
class _Frame:
    """A list or mapping being read: where it is, and what it holds so far."""

    path: tuple
    mapping: bool
    anchor: str | None
    start: int  # values read before it began
    children: int = 0
    height: int = 0  # levels of lists and mappings below it, aliases expanded
    key: object = None  # the key of the value now being read (mappings)
    acts: bool = False  # the top-level list of acts


def too_many_acts(count: int) -> Msg:
    most, found = f"{MAX_ACTS:,}", f"{count:,}"
    text = f"more than {most} acts; at most {most} in one case file (found {found} so far)"
    return keyed("too_many_acts", text, limit=most, count=found)


def tag_text(tag: str) -> str:
    """A tag as it is written: ``!!set`` for the YAML tags, the tag itself otherwise."""
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


class _Scan:
    def __init__(self, file: str):
        self.file = file
        self.nodes = 0
        self.aliases = 0
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[int, int, bool]] = {}  # anchor -> (values, height, is a scalar)
        self.open: set[str] = set()

    def fail(self, path: tuple, event: yaml.Event, message: Msg) -> None:
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        raise CaseFileError([InputError.of(self.file, path_text(path), line, message)])

    def place(self, event: yaml.Event) -> tuple:
        """The path of the value the event starts, counted into its parent; a key must be text."""
        if not self.stack:
            return ()
        parent = self.stack[-1]
        n = parent.children
        parent.children += 1
        if not parent.mapping:
            if parent.acts and n >= MAX_ACTS:
                self.fail(parent.path + (n,), event, too_many_acts(n + 1))
            return parent.path + (n,)
        if n % 2 == 0:  # a key
            if isinstance(event, yaml.ScalarEvent):
                parent.key = event.value
            elif isinstance(event, yaml.AliasEvent) and self.anchors.get(event.anchor, (0, 0, False))[2]:
                parent.key = f"*{event.anchor}"
            else:
                self.fail(parent.path, event, keyed("key_not_text", "a key must be text, found a list or a mapping"))
            return parent.path + (parent.key,)
        return parent.path + (parent.key,)

    def count(self, n: int, path: tuple, event: yaml.Event) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            most = f"{MAX_NODES:,}"
            text = (
                f"more than {most} values in the file (aliases counted with what they name, as often as they are "
                f"used); a case has far fewer"
            )
            self.fail(path, event, keyed("too_many_values", text, limit=most))

    def grow(self, height: int, path: tuple, event: yaml.Event) -> None:
        """The values below the parents reach ``height`` levels: too deep is an error."""
        if len(self.stack) + height > MAX_DEPTH:
            where = path_text(path[:2]) + (" ..." if len(path) > 2 else "")
            raise CaseFileError([InputError.of(self.file, where, event.start_mark.line + 1, too_deep())])
        for i, frame in enumerate(reversed(self.stack)):
            frame.height = max(frame.height, height + i)

    def tag(self, event: yaml.NodeEvent, path: tuple) -> None:
        tag = getattr(event, "tag", None)
        if tag is None or tag == "!":
            return
        if tag == _YAML_TAG + "set":
            text = "a set (!!set) is not part of the case format: write a list, [a, b]"
            self.fail(path, event, keyed("tag_set", text))
        shown = tag_text(tag)
        text = f"the tag {shown} is not part of the case format (see docs/case-format.md)"
        self.fail(path, event, keyed("tag", text, tag=shown))

    def event(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.ScalarEvent):
            path = self.place(event)
            self.tag(event, path)
            self.count(1, path, event)
            self.grow(0, path, event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (1, 0, True)
        elif isinstance(event, yaml.CollectionStartEvent):
            path = self.place(event)
            self.tag(event, path)
            self.count(1, path, event)
            self.grow(1, path, event)
            frame = _Frame(path, isinstance(event, yaml.MappingStartEvent), event.anchor, self.nodes - 1)
            frame.acts = path == ("acts",) and not frame.mapping
            self.stack.append(frame)
            if event.anchor is not None:
                self.open.add(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.open.discard(frame.anchor)
                self.anchors[frame.anchor] = (self.nodes - frame.start, frame.height + 1, False)

    def alias(self, event: yaml.AliasEvent) -> None:
        path = self.place(event)
        name = event.anchor
        if name in self.open:
            text = f"the alias *{name} is inside the value it names (&{name})"
            self.fail(path, event, keyed("alias_inside", text, name=name))
        if name not in self.anchors:
            text = f"the alias *{name} names no anchor (&{name}) before it"
            self.fail(path, event, keyed("alias_unknown", text, name=name))
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            most = f"{MAX_ALIASES:,}"
            text = f"more than {most} aliases (*name) in the file"
            self.fail(path, event, keyed("too_many_aliases", text, limit=most))
        size, height, _ = self.anchors[name]
        self.count(size, path, event)
        self.grow(height, path, event)


def scan(text: str, file: str, loader: type) -> None:
    """Read the YAML events of ``text`` once, checking the limits; a CaseFileError at the first
    value past one (syntax errors are left to the reader, which names them)."""
    s = _Scan(file)
    for event in yaml.parse(text, Loader=loader):
        s.event(event)
