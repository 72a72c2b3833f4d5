"""substitution: a glossary — each term found is offered its replacement, inflected."""

from __future__ import annotations

from dataclasses import dataclass

from replylint import nlp
from replylint.rules.kinds import Match
from replylint.rules.matching.sets import PatternSet


@dataclass(frozen=True, slots=True)
class Entry:
    match: PatternSet
    replacements: tuple[str, ...]
    advice: tuple[str, ...]
    safe: bool
    written: frozenset[str]


@dataclass(frozen=True, slots=True)
class Substitution:
    entries: tuple[Entry, ...]
    unless: PatternSet | None
    #: Entry index by the ident of its pattern set (a glossary has hundreds of entries
    #: and a reply hits a few: only those are looked at).
    by_ident: dict[int, int]
    #: Entries with regexes or any-order phrases, which are looked at in every reply.
    always: frozenset[int]


def _texts(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _written_forms(match) -> frozenset[str]:
    phrases = match if isinstance(match, list) else [match] if isinstance(match, str) else \
        (match.get("phrases") if isinstance(match.get("phrases"), list) else [match.get("phrases") or ""])
    return frozenset(nlp.fold(word) for phrase in phrases for word in phrase.split())


def compile(rule, compiler) -> Substitution:
    swap = rule.options["swap"]
    entries = []
    if isinstance(swap, dict):
        for term, replacement in swap.items():
            entries.append(Entry(compiler.pattern_set(term), _texts(replacement), (), False,
                                 _written_forms(term)))
    else:
        for entry in swap:
            entries.append(Entry(compiler.pattern_set(entry["match"]), _texts(entry.get("replace")),
                                 _texts(entry.get("advice")), bool(entry.get("safe", False)),
                                 _written_forms(entry["match"])))
    unless = compiler.optional_pattern_set(rule.options.get("unless"), lazy=True)
    return Substitution(tuple(entries), unless,
                        {entry.match.ident: index for index, entry in enumerate(entries)},
                        frozenset(index for index, entry in enumerate(entries)
                                  if entry.match.regexes or entry.match.unordered))


def triggers(compiled: Substitution):
    return tuple(entry.match for entry in compiled.entries)


def check(compiled: Substitution, table, settings):
    by_ident = compiled.by_ident
    present = compiled.always.union(by_ident[ident] for ident in table.found() if ident in by_ident)
    for index in sorted(present):
        entry = compiled.entries[index]
        for hit in table.filter_unless(table.hits(entry.match), compiled.unless):
            replacement = entry.replacements[0] if entry.replacements else ""
            yield Match.from_hit(hit, replacements=entry.replacements, safe=entry.safe,
                                 advice=entry.advice, prefer=entry.written,
                                 arguments={"replacement": replacement})
