"""moves: what the reply's sentences do, and in what order (see :mod:`replylint.moves`) —
«the reply reports and stops», «a refusal with nothing after it», «a promise with no time»."""

from __future__ import annotations

from dataclasses import dataclass

from replylint import moves as reply_moves
from replylint.rules.kinds import Match
from replylint.rules.patterns import Hit, PatternSet

#: key -> required
KEYS = {"move": False, "with": False, "without": False, "has": False, "lacks": False, "last": False,
        "not_followed_by": False, "match": False, "where": False, "min_words": False}
WHERE = ("move", "first_sentence", "last_sentence")
_MOVE_LISTS = ("move", "with", "without", "has", "lacks", "last", "not_followed_by")


def check_options(data, checker) -> None:
    """Validate a ``moves`` rule's own keys (``checker`` collects the errors)."""
    from replylint.rules.schema import check_pattern_set

    for key in _MOVE_LISTS:
        for name in checker.string_list(data, key):
            if name not in reply_moves.MOVES:
                checker.error(data.line_of(key), f"unknown move '{name}' in '{key}' "
                              f"(expected one of: {', '.join(reply_moves.MOVES)})")
    if not any(key in data for key in ("move", "has", "lacks", "last", "match")):
        checker.error(data.line, "kind 'moves' needs at least one of move, has, lacks, last, match")
    where = checker.choice(data, "where", WHERE, "move")
    if where == "move" and "where" in data and not ("move" in data or "match" in data):
        checker.error(data.line_of("where"), "'where: move' needs 'move' or 'match'")
    checker.integer(data, "min_words", 0)
    if "match" in data:
        check_pattern_set(data["match"], data.line_of("match"), "match", checker)


@dataclass(frozen=True, slots=True)
class MovesRule:
    cues: reply_moves.Cues
    move: frozenset[str]
    with_: frozenset[str]
    without: frozenset[str]
    has: frozenset[str]
    lacks: frozenset[str]
    last: frozenset[str]
    not_followed_by: frozenset[str]
    match: PatternSet | None
    unless: PatternSet | None
    where: str
    min_words: int


def _names(options, key) -> frozenset[str]:
    value = options.get(key) or ()
    return frozenset([value] if isinstance(value, str) else value)


def compile(rule, compiler) -> MovesRule:
    options = rule.options
    where = options.get("where") or ("move" if "move" in options or "match" in options else "last_sentence")
    return MovesRule(reply_moves.compile_cues(compiler),
                     *(_names(options, key) for key in _MOVE_LISTS),
                     compiler.optional_pattern_set(options.get("match")),
                     compiler.optional_pattern_set(options.get("unless"), lazy=True),
                     where, int(options.get("min_words") or 0))


def triggers(compiled: MovesRule):
    """A rule with ``match`` finds nothing where it does not occur; one on moves alone
    looks at every reply."""
    return None if compiled.match is None else (compiled.match,)


def check(compiled: MovesRule, table, settings):
    document = table.document
    if not document.sentences or document.word_count < compiled.min_words:
        return
    for needed in (compiled.move, compiled.has, compiled.last):
        if needed and not reply_moves.may_have(table, compiled.cues, needed):
            return
    found = reply_moves.moves_of(table, compiled.cues)
    if compiled.has and not found.has(compiled.has):
        return
    if compiled.lacks and found.has(compiled.lacks):
        return
    last = found.last_content()
    if compiled.last and (last is None or last.name not in compiled.last):
        return
    hits = _targets(compiled, table, found, last)
    if compiled.unless is not None:
        hits = table.filter_unless(hits, compiled.unless)
    for hit in hits:
        yield Match.from_hit(hit)


def _targets(compiled: MovesRule, table, found, last) -> list[Hit]:
    document = table.document
    if compiled.where != "move":
        index = _edge_sentence(found, compiled.where, last)
        if index is None or not _fits(compiled, found, index):
            return []
        sentence = document.sentences[index]
        return [Hit(sentence.start, sentence.end, sentence.first_token, sentence.last_token)]
    matched = table.hits(compiled.match) if compiled.match is not None else None
    if not compiled.move:
        return [hit for hit in matched or () if _fits(compiled, found, table.sentence_of(hit))]
    targets: list[Hit] = []
    taken: set[int] = set()
    for move in found.events:
        if move.name not in compiled.move or move.sentence in taken or not _fits(compiled, found, move.sentence):
            continue
        if compiled.not_followed_by and any(later.start >= move.end and later.name in compiled.not_followed_by
                                            for later in found.events):
            continue
        if matched is not None:
            inside = [hit for hit in matched if table.sentence_of(hit) == move.sentence]
            if not inside:
                continue
            targets.append(inside[0])
        else:
            targets.append(_hit_of(document, move))
        taken.add(move.sentence)
    return targets


def _fits(compiled: MovesRule, found, index: int) -> bool:
    if index < 0:
        return False
    names = found.by_sentence[index]
    return compiled.with_ <= names and names.isdisjoint(compiled.without) and (not compiled.move or compiled.where == "move"
                                                   or not names.isdisjoint(compiled.move))


def _edge_sentence(found, where: str, last) -> int | None:
    """The first or last sentence of content (greetings and sign-offs passed over)."""
    content = [index for index, names in enumerate(found.by_sentence)
               if names and not names <= reply_moves.FRAMING]
    if not content:
        return None
    if where == "first_sentence":
        return content[0]
    return last.sentence if last is not None else content[-1]


def _hit_of(document, move) -> Hit:
    """The move's words as a span with its token range (a whole sentence for a fact)."""
    tokens = [token.index for token in document.tokens[document.sentences[move.sentence].first_token:
                                                        document.sentences[move.sentence].last_token]
              if move.start <= token.start and token.end <= move.end]
    if not tokens:
        sentence = document.sentences[move.sentence]
        return Hit(sentence.start, sentence.end, sentence.first_token, sentence.last_token)
    return Hit(move.start, move.end, tokens[0], tokens[-1] + 1)
