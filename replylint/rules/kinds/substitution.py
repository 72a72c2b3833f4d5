"""substitution: a glossary — each term found is offered its replacement, inflected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replylint import nlp
from replylint.rules.kinds import Match
from replylint.rules.patterns import PatternSet


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


#: «тикет(а|у|ом)?»: a word, then optional endings — the word itself is a form the rule wrote
_LITERAL_START = re.compile(r"^(\w+)(?:\((?:\?:)?[\w|]*\)\?)?$")


def _written_forms(match) -> frozenset[str]:
    """The words an entry is written with: the lemmas to read a matched word by («тикет»,
    not pymorphy3's guess «тикета»). A token test's literal start counts too («тикет(а|у)?»)."""
    phrases = match if isinstance(match, list) else [match] if isinstance(match, str) else \
        (match.get("phrases") if isinstance(match.get("phrases"), list) else [match.get("phrases") or ""])
    words = {nlp.fold(word).lstrip("=").rstrip("?") for phrase in phrases
             for part in phrase.split() for word in part.split("|")}
    if isinstance(match, dict):
        for sequence in match.get("tokens") or []:
            for test in sequence if isinstance(sequence, list) else []:
                literal = _LITERAL_START.match(test.get("text", "")) if isinstance(test, dict) else None
                if literal:
                    words.add(nlp.fold(literal.group(1)))
    return frozenset(words)


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
    found = [(hit, index) for index in sorted(present)
             for hit in table.filter_unless(table.hits(compiled.entries[index].match), compiled.unless)]
    if len(found) > 1:
        found = _longest(found)
    for hit, index in found:
        entry = compiled.entries[index]
        replacement = entry.replacements[0] if entry.replacements else ""
        yield Match.from_hit(hit, replacements=entry.replacements, safe=entry.safe,
                             advice=entry.advice, prefer=entry.written,
                             arguments={"replacement": replacement})


def _longest(found):
    """Where two entries match overlapping words («на холде» and «холде»), the longer
    match (then the earlier entry) stands: one fault, one rewrite."""
    ranked = sorted(range(len(found)), key=lambda position: (
        found[position][0].start - found[position][0].end, found[position][1]))
    kept: list[int] = []
    for position in ranked:
        hit = found[position][0]
        if all(hit.end <= found[other][0].start or found[other][0].end <= hit.start for other in kept):
            kept.append(position)
    return [found[position] for position in sorted(kept)]
