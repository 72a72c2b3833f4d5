"""A YAML composer that cannot explode: bounded nesting, bounded alias expansion.

PyYAML composes aliases as shared nodes, so "billion laughs" (a kilobyte of nested
aliases) costs nothing until something walks or prints the tree — and then it costs
gigabytes. A recursive alias (``a: &a [x, *a]``) makes the node graph cyclic, and deep
nesting exhausts the Python stack. This composer works from the parser's events with an
explicit stack (no recursion) and, while it composes, counts how many nodes each node
stands for once its aliases are expanded. It refuses, with a mark naming the line:

- nesting deeper than :data:`MAX_DEPTH` collections;
- an alias to a collection that is still open (a recursive alias);
- aliases that together would expand to more than :data:`ALIAS_BUDGET` nodes plus the
  number of nodes written in the document, so expansion never more than doubles a
  document that uses aliases heavily.

Mix :class:`BoundedComposer` in front of a loader (pure-Python or libyaml); it only uses
the parser's ``check_event``/``peek_event``/``get_event``.
"""

from __future__ import annotations

from yaml.composer import ComposerError
from yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

MAX_DEPTH = 200
ALIAS_BUDGET = 10_000


class _Open:
    """A collection being composed: its node, its children so far, its expanded size."""

    __slots__ = ("node", "items", "size")

    def __init__(self, node) -> None:
        self.node = node
        self.items: list = []
        self.size = 1


class BoundedComposer:
    """Replaces PyYAML's recursive composer (and libyaml's) for every loader it precedes."""

    def check_node(self) -> bool:
        if self.check_event(StreamStartEvent):
            self.get_event()
        return not self.check_event(StreamEndEvent)

    def get_node(self):
        if not self.check_event(StreamEndEvent):
            return self.compose_document()
        return None

    def get_single_node(self):
        self.get_event()  # the stream start
        document = None
        if not self.check_event(StreamEndEvent):
            document = self.compose_document()
        if not self.check_event(StreamEndEvent):
            event = self.get_event()
            raise ComposerError("в файле один YAML-документ", document.start_mark,
                                "а здесь начинается второй («---»)", event.start_mark)
        self.get_event()
        return document

    def compose_document(self):
        self.get_event()  # the document start
        node = _compose(self)
        self.get_event()  # the document end
        return node


def _compose(loader):
    anchors: dict = {}
    sizes: dict[int, int] = {}  # id(node) → nodes it stands for, aliases expanded
    stack: list[_Open] = []
    written = expanded = 0
    while True:
        event = loader.get_event()
        if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            current = stack.pop()
            node = current.node
            node.end_mark = event.end_mark
            node.value = (list(zip(current.items[::2], current.items[1::2]))
                          if isinstance(node, MappingNode) else current.items)
            size = current.size
        elif isinstance(event, AliasEvent):
            node = anchors.get(event.anchor)
            if node is None:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                    event.start_mark)
            if id(node) not in sizes:
                raise ComposerError(None, None, f"ссылка «*{event.anchor}» ведёт внутрь своего же якоря (рекурсия)",
                                    event.start_mark)
            size = sizes[id(node)]
            expanded += size
            if expanded > ALIAS_BUDGET + written:
                raise ComposerError(None, None, "ссылки «*…» раскрываются в слишком много узлов "
                                    f"(больше {ALIAS_BUDGET} сверх написанных)",
                                    event.start_mark)
        else:
            written += 1
            if event.anchor is not None and event.anchor in anchors:
                raise ComposerError(f"якорь «&{event.anchor}» уже объявлен",
                                    anchors[event.anchor].start_mark,
                                    "объявлен второй раз", event.start_mark)
            node = _start(loader, event)
            if event.anchor is not None:
                anchors[event.anchor] = node
            if not isinstance(event, ScalarEvent):
                if len(stack) >= MAX_DEPTH:
                    raise ComposerError(None, None, f"вложенность глубже {MAX_DEPTH} уровней",
                                        event.start_mark)
                stack.append(_Open(node))
                continue
            size = 1
        sizes[id(node)] = size
        if not stack:
            return node
        stack[-1].items.append(node)
        stack[-1].size += size


def _start(loader, event):
    tag = event.tag
    if isinstance(event, ScalarEvent):
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
    kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
    if not isinstance(event, (SequenceStartEvent, MappingStartEvent)):
        raise ComposerError(None, None, f"unexpected {type(event).__name__}", event.start_mark)
    if tag is None or tag == "!":
        tag = loader.resolve(kind, None, event.implicit)
    return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
