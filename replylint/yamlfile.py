"""YAML loading that remembers where every mapping, key and list item stands.

Rule files and configs are written by people; an error must name the line it is on.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from replylint.errors import ReplylintError, describe_os_error
from replylint.yamlbound import BoundedComposer


class LineDict(dict):
    """A dict that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_STRING_TAG = "tag:yaml.org,2002:str"


# libyaml parses rule files ~10× faster (`replylint rules` loads every file); same marks.
# The bounded composer keeps aliases and nesting from exploding (see yamlbound).
class _Loader(BoundedComposer, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def resolve(self, kind, value, implicit):
        # A quoted scalar, or a plain one that no implicit type (bool, number, null…)
        # starts with, is a string: most scalars of a rule file («фразы»), decided
        # without a call to each resolver (the safe loader has no path resolvers and no
        # resolvers for every first character).
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in self.yaml_implicit_resolvers)):
            return _STRING_TAG
        return super().resolve(kind, value, implicit)


def _construct(loader: _Loader, node: yaml.Node):
    # Most nodes of a rule file are strings: taken as they are, without the constructor's
    # bookkeeping, they load about a fifth faster (what SafeConstructor does with them).
    if node.__class__ is yaml.ScalarNode and node.tag == _STRING_TAG:
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "ключ должен быть простым значением (словом или числом)", key_node.start_mark)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"ключ {key!r} повторяется", key_node.start_mark)
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(_construct(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml_text(text: str, path: str):
    """Parse YAML text; syntax errors become a :class:`ReplylintError` with line and column."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        from replylint.yamlerrors import explain

        raise explain(error, text, path, _Loader) from None


def load_yaml_file(path: Path):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReplylintError(f"не UTF-8 (байт {error.start})", str(path)) from None
    except OSError as error:
        raise ReplylintError(f"не удаётся прочитать файл: {describe_os_error(error)}", str(path)) from None
    return load_yaml_text(text, str(path))
