"""The formats layer: a file's text → the replies in it, each mapped back to the file.

A format is one module with one contract, and :data:`REGISTRY` lists them:

* ``NAME``: what ``--input-format`` and the config's ``formats:`` call it;
* ``SUFFIXES``: the file suffixes read as this format (lower case, with the dot);
* ``Options``: a frozen dataclass of its settings under ``formats.<NAME>`` in the config,
  with their defaults; validation that needs more than the field's type lives in its
  ``__post_init__``, raising :class:`OptionError`;
* ``SUPPRESSION``: the regex (a string: compiled when first used) of its inline
  ``replylint-disable`` comments, group 1 the directive and group 2 the rule names; None
  for a format without comments;
* ``parse(text, path, options) -> list[Reply]``.

Suffixes, the CLI's choices, the config's ``formats:`` keys, the starter config's globs
and the suppression syntax are all read from the registry, so a new format is one new
module and its name in :data:`REGISTRY`.

Offsets are sacred: a diagnostic found in a decoded YAML scalar points at the character in
the file it came from (see :class:`~replylint.formats.reply.Reply`).
"""

from __future__ import annotations

import dataclasses
import os
import typing

from replylint.formats.reply import ParsedFile, Reply
from replylint.registry import Registry

#: Every format replylint reads (modules of this package), in the order help and docs
#: list them. A module is imported when a file may be of its format.
REGISTRY = Registry(__name__, ("text", "markdown", "yamlfile", "jsonfile", "jsonl", "csvfile"))
#: What a file is read as when no format claims its suffix.
DEFAULT = "text"

__all__ = ["DEFAULT", "REGISTRY", "OptionError", "ParsedFile", "Reply", "configurable", "format_of", "module_of",
           "names", "options_from_config", "parse", "suffixes"]


class OptionError(ValueError):
    """A format option with a value the format cannot use (raised by an ``Options``)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def names() -> tuple[str, ...]:
    """Every format's name (``--input-format``)."""
    return REGISTRY.names()


def suffixes() -> dict[str, str]:
    """File suffix → format name, for every format."""
    return {suffix: module.NAME for module in REGISTRY.modules() for suffix in module.SUFFIXES}


def module_of(file_format: str):
    """The module of a format, by name (KeyError: no such format)."""
    return REGISTRY.named(file_format)


def format_of(path: str, forced: str | None = None) -> str:
    """The format of a file: forced, or by suffix (:data:`DEFAULT` when none claims it)."""
    if forced:
        return forced
    suffix = os.path.splitext(path)[1].lower()
    module = REGISTRY.find(lambda candidate: suffix in candidate.SUFFIXES) if suffix else None
    return module.NAME if module is not None else DEFAULT


def parse(file_text: str, path: str, file_format: str, options=None) -> ParsedFile:
    """Split a decoded file into replies; syntax errors are :class:`InputError` with line."""
    if not file_text.strip():  # an empty or blank file holds no reply, whatever its format
        return ParsedFile(file_format, [])
    module = module_of(file_format)
    return ParsedFile(file_format, module.parse(file_text, path, options or module.Options()))


def configurable() -> tuple[str, ...]:
    """The formats that have settings (the keys the config's ``formats:`` accepts)."""
    return tuple(module.NAME for module in REGISTRY.modules() if dataclasses.fields(module.Options))


def options_from_config(file_format: str, values: dict) -> tuple[object, list[tuple[str, str]]]:
    """The format's ``Options`` from the config's mapping, and the problems found.

    Returns:
        (options, problems): each problem is (key, message); the options hold the
        defaults where a value was unusable.
    """
    options_class = module_of(file_format).Options
    types = typing.get_type_hints(options_class)
    known = {option.name for option in dataclasses.fields(options_class)}
    problems: list[tuple[str, str]] = []
    accepted = {}
    for key, value in values.items():
        if key not in known:
            problems.append((key, f"неизвестный ключ '{key}'"))
            continue
        converted, problem = _convert(value, types[key])
        if problem:
            problems.append((key, problem))
        else:
            accepted[key] = converted
    try:
        return options_class(**accepted), problems
    except OptionError as error:
        problems.append((error.key, error.message))
        accepted.pop(error.key, None)
        return options_class(**accepted), problems


def _convert(value, wanted) -> tuple[object, str | None]:
    if wanted == tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value), None
        return None, "ожидается список строк"
    if wanted in (str, str | None):
        return (value, None) if isinstance(value, str) else (None, "ожидается строка")
    if wanted is bool:
        return (value, None) if isinstance(value, bool) else (None, "ожидается true или false")
    if wanted is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (None, "ожидается целое число")
    raise TypeError(f"a format option of type {wanted!r} has no conversion from the config")
