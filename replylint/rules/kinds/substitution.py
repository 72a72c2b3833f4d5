"""substitution: a glossary — each term found is offered its replacement, inflected."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint.rules.checker import type_name
from replylint.rules.kinds.match import Match
from replylint.rules.options import key
from replylint.rules.patternspec import WORD_CHARACTER, PatternSpec, read_pattern_set
from replylint.yamlfile import LineDict, LineList

if TYPE_CHECKING:
    from replylint.rules.checker import Checker
    from replylint.rules.matching.sets import PatternSet

NAME = "substitution"
FIRES_WHEN = "at every glossary term, offering its replacement inflected to fit"
#: Every finding offers a rewrite of its words (a typo inside them is the rewrite's to mend).
REWRITES_MATCHES = True
_ENTRY_KEYS = {"match", "replace", "advice", "safe", "message"}


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry: what to find and what to say instead."""

    match: PatternSpec
    replacements: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    safe: bool = False


def _swap(checker: Checker, value, line: int, name: str) -> tuple[Term, ...] | None:
    """``term: replacement`` pairs, or a list of entries ``{match, replace, advice, safe}``."""
    if isinstance(value, LineDict):
        return _term_mapping(checker, value, line, name)
    if not isinstance(value, LineList) or not value:
        checker.error(line, f"'{name}': нужен словарь «термин: замена» или список записей")
        return None
    terms = []
    for position, entry in enumerate(value):
        if not isinstance(entry, LineDict):
            checker.error(value.line_of(position), f"каждая запись '{name}' — словарь с 'match' и 'replace'")
            continue
        terms.append(_entry(checker, entry, value.line_of(position), name))
    return tuple(terms)


def _term_mapping(checker: Checker, swap: LineDict, line: int, name: str) -> tuple[Term, ...]:
    if not swap:
        checker.error(line, f"'{name}' не может быть пустым")
    terms = []
    for term, replacement in swap.items():
        term_line = swap.line_of(term)
        if not isinstance(term, str) or not WORD_CHARACTER.search(term):
            checker.error(term_line, f"в термине {term!r} нет слов для поиска")
        replacements = _texts(replacement)
        if not replacements:
            checker.error(term_line, f"замена для {term!r} должна быть текстом или списком текстов")
        terms.append(Term(PatternSpec(phrases=(str(term),)), replacements or ()))
    return tuple(terms)


def _entry(checker: Checker, entry: LineDict, line: int, name: str) -> Term:
    checker.unknown_keys(entry, _ENTRY_KEYS, f"в записи '{name}'")
    match = None
    if "match" not in entry:
        checker.error(line, f"в записи '{name}' нет ключа 'match'")
    else:
        match = read_pattern_set(checker, entry["match"], entry.line_of("match"), f"{name}.match")
    if "replace" not in entry and "advice" not in entry:
        checker.error(line, f"в записи '{name}' нужен ключ 'replace' или 'advice'")
    written = {}
    for text_key in ("replace", "advice"):
        if text_key in entry:
            written[text_key] = _texts(entry[text_key])
            if not written[text_key]:
                checker.error(entry.line_of(text_key), f"'{text_key}': нужен текст или список текстов, "
                                                       f"а здесь {type_name(entry[text_key])}")
    return Term(match or PatternSpec(), written.get("replace") or (), written.get("advice") or (),
                checker.boolean(entry, "safe", False))


def _texts(value) -> tuple[str, ...] | None:
    """A text or a non-empty list of texts (None: neither)."""
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(item, str) and item.strip() for item in values):
        return None
    return tuple(values)


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a substitution rule."""

    swap: tuple[Term, ...] = key("`term: replacement` pairs, or a list of entries `{match: <pattern set>, "
                                 "replace: …, advice: …, safe: true}`", _swap)


class Entry(NamedTuple):
    """A glossary entry, compiled."""

    match: PatternSet
    replacements: tuple[str, ...]
    advice: tuple[str, ...]
    safe: bool
    written: frozenset[str]


class Substitution(NamedTuple):
    """A substitution rule, compiled."""

    entries: tuple[Entry, ...]
    unless: PatternSet | None
    #: Entry index by the ident of its pattern set (a glossary has hundreds of entries
    #: and a reply hits a few: only those are looked at).
    by_ident: dict[int, int]
    #: Entries with regexes or any-order phrases, which are looked at in every reply.
    always: frozenset[int]


#: «тикет(а|у|ом)?»: a word, then optional endings — the word itself is a form the rule wrote
_LITERAL_START = re.compile(r"^(\w+)(?:\((?:\?:)?[\w|]*\)\?)?$")


def _written_forms(spec: PatternSpec, fold) -> frozenset[str]:
    """The words an entry is written with: the lemmas to read a matched word by («тикет»,
    not pymorphy3's guess «тикета»). A token test's literal start counts too («тикет(а|у)?»)."""
    words = {fold(word).lstrip("=").rstrip("?") for phrase in spec.phrases
             for part in phrase.split() for word in part.split("|")}
    for sequence in spec.tokens:
        for test in sequence:
            text = test.get("text") if isinstance(test, dict) else None
            literal = _LITERAL_START.match(text) if isinstance(text, str) else None
            if literal:
                words.add(fold(literal.group(1)))
    return frozenset(words)


def compile(rule, compiler) -> Substitution:
    from replylint import nlp  # (not needed to read rule files)

    options: Options = rule.kind_options
    entries = [Entry(compiler.pattern_set(term.match), term.replacements, term.advice, term.safe,
                     # the words as written, to pick the reading to inflect from
                     _written_forms(term.match, nlp.fold))
               for term in options.swap]
    unless = compiler.optional_pattern_set(rule.unless, lazy=True)
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
