"""Inline suppressions in the linted file, for the formats that have comments.

Each format writes its directives in its own comment syntax (its ``SUPPRESSION`` regex,
see :mod:`replylint.formats`): ``disable`` … ``enable``, ``disable-next-line`` and
``disable-line``. Without ids a directive covers every rule; ids may be rule ids, aliases
or categories, separated by commas. A suppression that suppresses nothing is reported
(``suppression.unused``), so stale ones get cleaned up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from replylint.diagnostics import Diagnostic, Severity
from replylint.document import LineIndex

UNUSED_RULE = "suppression.unused"
UNUSED_CATEGORY = "suppression"
UNUSED_HELP = ("Подавление, которое ничего не подавляет: правило здесь больше не срабатывает "
               "или названо с ошибкой. Удалите комментарий, чтобы он не прятал будущие замечания.")


@dataclass(slots=True)
class Suppression:
    """A disabled region: lines ``first``..``last`` (inclusive) for ``rules`` (None: all)."""

    rules: frozenset[str] | None
    first: int
    last: int
    start: int
    end: int
    text: str
    used: bool = False
    unknown: tuple[str, ...] = field(default_factory=tuple)


def directives(text: str, file_format: str):
    """(kind, rule names or None, start, end) of every directive in the file."""
    from replylint.formats import module_of

    pattern = module_of(file_format).SUPPRESSION
    if pattern is None:
        return []
    found = []
    for match in re.finditer(pattern, text):  # (compiled once: re keeps the patterns it compiled)
        names = [name for name in re.split(r"[\s,]+", (match.group(2) or "").strip()) if name]
        found.append((match.group(1), frozenset(names) if names else None, match.start(), match.end()))
    return found


def suppressions(text: str, file_format: str, line_index: LineIndex, known: set[str]) -> list[Suppression]:
    """The regions the file's directives disable; ``enable`` closes what it names."""
    result: list[Suppression] = []
    open_regions: list[Suppression] = []
    last_line = line_index.position(len(text))[0]
    for kind, names, start, end in directives(text, file_format):
        line = line_index.position(start)[0]
        unknown = tuple(sorted(name for name in names or () if name not in known))
        if kind == "enable":
            for region in list(open_regions):
                if names is None or region.rules is None or region.rules <= names:
                    region.last = line
                    open_regions.remove(region)
            continue
        if kind == "disable":
            region = Suppression(names, line, last_line, start, end, text[start:end], unknown=unknown)
            open_regions.append(region)
        elif kind == "disable-line":
            region = Suppression(names, line, line, start, end, text[start:end], unknown=unknown)
        else:
            region = Suppression(names, line + 1, line + 1, start, end, text[start:end], unknown=unknown)
        result.append(region)
    return result


def apply(diagnostics: list[Diagnostic], regions: list[Suppression], names_of) -> list[Diagnostic]:
    """Drop suppressed diagnostics; ``names_of(diagnostic)`` gives its id, aliases, category."""
    if not regions:
        return diagnostics
    kept = []
    for diagnostic in diagnostics:
        names = names_of(diagnostic)
        suppressed = False
        for region in regions:
            if region.first <= diagnostic.line <= region.last and (
                    region.rules is None or region.rules & names):
                region.used = True
                suppressed = True
        if not suppressed:
            kept.append(diagnostic)
    return kept


def unused(regions: list[Suppression], active: set[str], line_index: LineIndex) -> list[Diagnostic]:
    """A diagnostic for every suppression that suppressed nothing.

    Args:
        active: names (ids, aliases, categories) of the rules that ran: a suppression of
            a rule switched off by the config is not reported as stale.
    """
    result = []
    for region in regions:
        if region.used:
            continue
        if region.unknown:
            message = f"Неизвестное правило в подавлении: {', '.join(region.unknown)}"
        elif region.rules is not None and not region.rules & active:
            continue
        else:
            message = "Подавление ничего не подавляет; удалите его"
        line, column = line_index.position(region.start)
        end_line, end_column = line_index.position(region.end)
        result.append(Diagnostic(UNUSED_RULE, UNUSED_CATEGORY, Severity.WARNING, message, region.start,
                                 region.end, line, column, end_line, end_column, region.text,
                                 context=region.text))
    return result
