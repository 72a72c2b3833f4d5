"""A small document tree shared by the YAML and JSON formats, and the walk that finds
the replies in it (by configured paths, or every string not under a skipped key)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from replylint.errors import ConfigError
from replylint.formats.paths import TITLE_KEYS, location, parse_path, reply_name
from replylint.formats.reply import Reply, without_html

MAPPING, SEQUENCE, STRING, OTHER = "mapping", "sequence", "string", "other"

#: Keys whose string values are ids, titles and tags, not replies.
SKIP_KEYS = ("id", "name", "title", "slug", "tags", "tag", "url", "locale", "lang", "language", "type",
             "field", "created_at", "updated_at", "position", "active", "key", "category")


@dataclass(frozen=True, slots=True)
class TreeOptions:
    """Where the replies are in a YAML or JSON document (``formats.yaml`` / ``formats.json``).

    Attributes:
        text_paths: paths of the reply text, e.g. ``macros[].actions[].value``; empty:
            every string not under ``skip_keys``.
        skip_keys: keys whose string values are not replies (ids, titles, tags…).
        client_key: the key, beside a reply or above it, whose string is the client's
            message the reply answers (context for the rules, never checked itself).
    """

    text_paths: tuple[str, ...] = field(default=(), metadata={"example": '["macros[].actions[].value"]'})
    skip_keys: tuple[str, ...] = SKIP_KEYS
    client_key: str = "client"

    def __post_init__(self) -> None:
        from replylint.formats import OptionError

        for path in self.text_paths:
            try:
                parse_path(path)
            except ConfigError as error:
                raise OptionError("text_paths", error.message) from None


@dataclass(slots=True)
class Node:
    """A mapping, sequence, string or other scalar; strings build their reply lazily.

    ``build`` returns (text, offsets, synthetic, forbidden) for a string: the decoded
    text, the file offset of each character (plus the end), the indices of characters
    not verbatim in the file, and the characters a fix may not write.
    """

    kind: str
    entries: list = field(default_factory=list)  # (key, Node) for mappings, Node for sequences
    value: str | None = None
    build: Callable[[], tuple[str, list[int], list[int], str]] | None = None

    def get(self, key: str) -> "Node | None":
        for entry_key, node in self.entries:
            if entry_key == key:
                return node
        return None


def replies(roots: list[Node], options: TreeOptions) -> list[Reply]:
    found: list[tuple[str, str | None, Node, str | None]] = []
    client_key = options.client_key
    for index, root in enumerate(roots):
        prefix = f"[{index}]" if len(roots) > 1 else ""
        if options.text_paths:
            for path in options.text_paths:
                _follow(root, parse_path(path), prefix, None, found, client_key)
        else:
            _every_string(root, prefix, None, {*options.skip_keys, client_key.lower()}, found, client_key)
    result = []
    seen = set()
    for where, title, node, client in found:
        if id(node) in seen or not node.value or not node.value.strip():
            continue
        seen.add(id(node))
        text, offsets, synthetic, forbidden = node.build()
        result.append(without_html(Reply(text, tuple(offsets), name=reply_name(where, title), forbidden=forbidden,
                                         synthetic=frozenset(synthetic), client=client)))
    return result


def _client(node: Node, key: str, inherited: str | None) -> str | None:
    """The client's message of the replies in ``node``: its own ``key``, else its parent's."""
    if node.kind != MAPPING:
        return inherited
    value = node.get(key)
    if value is not None and value.kind == STRING and value.value and value.value.strip():
        return value.value
    return inherited


def _title(node: Node) -> str | None:
    if node.kind != MAPPING:
        return None
    for key in TITLE_KEYS:
        value = node.get(key)
        if value is not None and value.kind == STRING and value.value:
            return value.value.strip()
    return None


def _follow(node: Node, steps: tuple[str, ...], where: str, title, found, client_key: str,
            client: str | None = None) -> None:
    client = _client(node, client_key, client)
    if not steps:
        if node.kind == STRING:
            found.append((where, title, node, client))
        elif node.kind == SEQUENCE:  # a list of strings at the end of a path
            for index, item in enumerate(node.entries):
                if item.kind == STRING:
                    found.append((location(where, index), title, item, client))
        return
    step, rest = steps[0], steps[1:]
    if step == "[]":
        if node.kind == SEQUENCE:
            for index, item in enumerate(node.entries):
                _follow(item, rest, location(where, index), _title(item) or title, found, client_key, client)
    elif step == "*":
        if node.kind == MAPPING:
            for key, value in node.entries:
                _follow(value, rest, location(where, key), title, found, client_key, client)
    elif node.kind == MAPPING:
        value = node.get(step)
        if value is not None:
            _follow(value, rest, location(where, step), title, found, client_key, client)


def _every_string(node: Node, where: str, title, skip: set[str], found, client_key: str,
                  client: str | None = None) -> None:
    if node.kind == STRING:
        found.append((where, title, node, client))
    elif node.kind == MAPPING:
        client = _client(node, client_key, client)
        for key, value in node.entries:
            if str(key).lower() in skip:
                continue
            _every_string(value, location(where, key), title, skip, found, client_key, client)
    elif node.kind == SEQUENCE:
        for index, item in enumerate(node.entries):
            _every_string(item, location(where, index), _title(item) or title, skip, found, client_key, client)
