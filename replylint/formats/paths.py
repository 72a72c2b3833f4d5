"""Reply paths in YAML/JSON documents: ``macros[].actions[].value``, ``replies.*``.

A path is keys separated by dots; ``[]`` after a key (or alone) means every item of a
list, ``*`` every value of a mapping. Walking yields each string the path reaches, with
its location (``macros[3].actions[0].value``) and the title of the nearest list item that
has one, so a diagnostic can name the macro it belongs to.
"""

from __future__ import annotations

import re

from replylint.errors import ConfigError

_STEP = re.compile(r"\[\]|\*|[^.\[\]]+")
TITLE_KEYS = ("title", "name", "id", "key", "slug")


def parse_path(path: str) -> tuple[str, ...]:
    """``macros[].actions[].value`` → (``macros``, ``[]``, ``actions``, ``[]``, ``value``)."""
    steps = []
    for part in path.split("."):
        if not part:
            raise ConfigError(f"неверный путь к ответу '{path}' (ожидаются ключи через точку, "
                              "например macros[].actions[].value)")
        matched = _STEP.findall(part)
        if "".join(matched) != part:
            raise ConfigError(f"неверный путь к ответу '{path}' (ожидаются ключи, [] и *)")
        steps.extend(matched)
    return tuple(steps)


def location(parent: str, step) -> str:
    if isinstance(step, int):
        return f"{parent}[{step}]"
    return f"{parent}.{step}" if parent else str(step)


def reply_name(where: str, title: str | None) -> str:
    return f"{title} ({where})" if title else where
