"""A kind's options: each key declared once, with its meaning, default and reader.

A kind's ``Options`` is a frozen, slotted, keyword-only dataclass whose fields are the
keys a rule of that kind may have. Each field is made with :func:`key`::

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        require: PatternSpec = key("what a good reply has", patterns)
        min_words: int = key("replies shorter than this are skipped", Checker.whole_number,
                             default=0, minimum=0)

A field without a default is a required key. The reader turns the YAML value into the
field's type, or records an error and returns None; :func:`read_options` reads every key
of a rule, and the kinds table of docs/rules.md is written from the same declarations.
An ``Options`` may define ``validate(self, data, checker)`` for what involves several
keys at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from replylint.rules.patternspec import read_pattern_set

if TYPE_CHECKING:
    from replylint.rules.checker import Checker
    from replylint.yamlfile import LineDict

#: ``reader(checker, value, line, key, **limits) -> value | None``
Reader = Callable[..., object]


def key(doc: str, read: Reader, *, default=dataclasses.MISSING, tag: str | None = None,
        written: str | None = None, **limits):
    """A key of a kind's options.

    Args:
        doc: what the key means, for docs/rules.md (English, one line).
        read: the reader of its value (a :class:`~replylint.rules.checker.Checker`
            method taking ``(value, line, key)``, or a function like :func:`patterns`).
        default: its value when the rule leaves it out (none: the key is required).
        tag: marks keys a kind treats alike (a condition's relations).
        written: the key as a rule file writes it, where that is no Python name («with»).
        limits: passed on to the reader (``minimum=1``, ``choices=(...)``).
    """
    metadata = {"doc": doc, "read": read, "limits": limits, "tag": tag, "written": written}
    return dataclasses.field(default=default, metadata=metadata)


def patterns(checker: Checker, value, line: int, name: str):
    """A pattern set (see docs/rules.md, «Pattern sets»)."""
    return read_pattern_set(checker, value, line, name)


def written_key(field: dataclasses.Field) -> str:
    """The key of ``field`` as a rule file writes it."""
    return field.metadata.get("written") or field.name


def keys_of(options_class) -> tuple[str, ...]:
    return tuple(written_key(field) for field in dataclasses.fields(options_class))


def is_required(field: dataclasses.Field) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def read_options(options_class, data: LineDict, checker: Checker, kind: str):
    """The options of a rule of ``kind`` from its YAML mapping ``data``.

    Every error is recorded in ``checker``; with errors, the result is not to be used
    (a key in error holds its default, or None).
    """
    values = {}
    for field in dataclasses.fields(options_class):
        written = written_key(field)
        if written not in data:
            if is_required(field):
                checker.error(data.line, f"для вида '{kind}' нужен ключ '{written}'")
                values[field.name] = None
            continue
        read = field.metadata["read"]
        value = read(checker, data[written], data.line_of(written), written,
                     **field.metadata["limits"])
        if value is not None:
            values[field.name] = value
        elif is_required(field):
            values[field.name] = None
    options = options_class(**values)
    validate = getattr(options, "validate", None)
    if validate is not None:
        validate(data, checker)
    return options
