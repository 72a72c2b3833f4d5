"""moves: what the reply's sentences do, and in what order (see :mod:`replylint.moves`) —
«the reply reports and stops», «a refusal with nothing after it», «a promise with no time»."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from replylint import moves as reply_moves
from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key, patterns
from replylint.rules.patternspec import PatternSpec

if TYPE_CHECKING:
    from replylint.rules.matching.sets import Hit, PatternSet
    from replylint.yamlfile import LineDict

NAME = "moves"
FIRES_WHEN = "the reply's moves (what each sentence does) and their order are as the rule says"
WHERE = ("move", "first_sentence", "last_sentence")


def _moves(checker: Checker, value, line: int, name: str) -> frozenset[str] | None:
    """A move, or a list of moves (see the table of moves in docs/rules.md)."""
    names = checker.texts(value, line, name)
    if names is None:
        return None
    unknown = [move for move in names if move not in reply_moves.MOVES]
    for move in unknown:
        checker.error(line, f"неизвестный ход '{move}' в '{name}' (ожидается одно из: {', '.join(reply_moves.MOVES)})")
    return None if unknown else frozenset(names)


def _move_list(doc: str, written: str | None = None):
    return key(doc, _moves, default=frozenset(), written=written)


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a moves rule."""

    move: frozenset[str] = _move_list("the moves the rule points at (each sentence that makes one)")
    with_: frozenset[str] = _move_list("the pointed-at sentence also makes all of these moves", written="with")
    without: frozenset[str] = _move_list("the pointed-at sentence makes none of these moves")
    has: frozenset[str] = _move_list("the reply makes at least one of these moves")
    lacks: frozenset[str] = _move_list("the reply makes none of these moves")
    last: frozenset[str] = _move_list("the reply's last move of content (sign-offs passed over) is one of these; "
                                      "the rule reads the reply's end, so it finds one place: the last")
    not_followed_by: frozenset[str] = _move_list("none of these moves comes after the pointed-at move (a `status` only from a later sentence)")
    match: PatternSpec | None = key("only where this pattern set also matches", patterns, default=None)
    where: str | None = key("what the finding points at: `move` (the move's words), `first_sentence` "
                            "or `last_sentence` of content (default: `move` with `move` or `match`, "
                            "else `last_sentence`)", Checker.one_of, default=None, choices=WHERE)
    min_words: int = key("replies with fewer words are not checked", Checker.whole_number, default=0, minimum=0)

    def validate(self, data: LineDict, checker: Checker) -> None:
        if not any(name in data for name in ("move", "has", "lacks", "last", "match")):
            checker.error(data.line, "для вида 'moves' нужно хотя бы одно из: move, has, lacks, last, match")
        if self.where == "move" and not ("move" in data or "match" in data):
            checker.error(data.line_of("where"), "'where: move' требует 'move' или 'match'")


class MovesRule(NamedTuple):
    """A moves rule, compiled."""

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
    #: What a reply needs for the rule to find something there: for each of ``move``,
    #: ``has`` and ``last`` that it names, the cue sets of :func:`replylint.moves.needs_of`.
    needs: tuple


def compile(rule, compiler) -> MovesRule:
    options: Options = rule.kind_options
    where = options.where or ("move" if options.move or options.match is not None else "last_sentence")
    cues = reply_moves.compile_cues(compiler)
    needs = tuple(reply_moves.needs_of(cues, needed) for needed in (options.move, options.has, options.last)
                  if needed)
    return MovesRule(cues, options.move, options.with_, options.without,
                     options.has, options.lacks, options.last, options.not_followed_by,
                     compiler.optional_pattern_set(options.match),
                     compiler.optional_pattern_set(rule.unless, lazy=True), where, options.min_words, needs)


def triggers(compiled: MovesRule):
    """A rule with ``match`` finds nothing where it does not occur; one on moves alone
    looks at every reply."""
    return None if compiled.match is None else (compiled.match,)


def check(compiled: MovesRule, table, settings):
    document = table.document
    if not document.sentences:
        return
    for needs in compiled.needs:  # (most replies stop here or at the next test)
        if not reply_moves.may_have(table, needs):
            return
    if compiled.min_words and document.word_count < compiled.min_words:
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
    if compiled.last:
        # a rule on how the reply ends has one remark: three apologies in a row at the end
        # are one bare ending, not three
        hits = hits[-1:]
    if compiled.unless is not None:
        hits = table.filter_unless(hits, compiled.unless)
    for hit in hits:
        yield Match.from_hit(hit)


def _targets(compiled: MovesRule, table, found, last) -> list[Hit]:
    from replylint.rules.matching.sets import Hit

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
        if compiled.not_followed_by and any(_follows(later, move) and later.name in compiled.not_followed_by
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


#: Moves that follow another only from a later sentence: a report in a refusal's own
#: sentence is its reason («Вернуть нельзя: заказ уже передан в доставку»), not what the
#: reply goes on to say.
_LATER_SENTENCE = frozenset({"status"})


def _follows(later, move) -> bool:
    if later.name in _LATER_SENTENCE:
        return later.sentence > move.sentence
    return later.start >= move.end


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
    from replylint.rules.matching.sets import Hit

    tokens = [token.index for token in document.tokens[document.sentences[move.sentence].first_token:
                                                        document.sentences[move.sentence].last_token]
              if move.start <= token.start and token.end <= move.end]
    if not tokens:
        sentence = document.sentences[move.sentence]
        return Hit(sentence.start, sentence.end, sentence.first_token, sentence.last_token)
    return Hit(move.start, move.end, tokens[0], tokens[-1] + 1)
