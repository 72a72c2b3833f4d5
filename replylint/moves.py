"""The reply's moves: what each sentence does (greets, apologises, refuses, promises…).

A layer above the :class:`~replylint.document.Document`, computed once per reply from the
cue words in ``moves.yaml`` (the rules' own pattern syntax, matched by the rules' own
:class:`~replylint.rules.matching.index.Matcher`) and a little logic here: a question is a
sentence with «?», a closing is a sentence made of sign-off words, a promise is timed when
its sentence names a concrete time, and a sentence of content with no other move states a
fact. Rules of kind ``moves`` test the moves and their order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from replylint.document import WORDLIKE
from replylint.errors import ReplylintError

#: Every move a rule may name, in the order docs/rules.md explains them.
MOVES = ("greeting", "thanks", "empathy", "apology", "fact", "status", "ongoing", "done", "gift", "refusal",
         "redirect", "warning", "promise", "timed-promise", "untimed-promise", "time", "vague-time", "instruction",
         "offer", "question", "closing")
#: Moves that only frame the reply, and marks of a sentence's time: passed over when
#: asking for the reply's last move.
FRAMING = frozenset({"greeting", "thanks", "closing"})
_NOT_LAST = FRAMING | {"time", "vague-time"}
#: Moves that carry the reply forward or report on the case: a sentence with none of these
#: (and none of the social moves) states a fact.
_CONTENT = frozenset({"status", "ongoing", "done", "gift", "refusal", "redirect", "warning", "promise",
                      "instruction", "offer", "question"})
_SOCIAL = frozenset({"greeting", "thanks", "empathy", "apology", "closing"})
#: The cue sets of moves.yaml, in the order it lists them.
CUE_NAMES = ("greeting", "thanks", "empathy", "apology", "closing", "refusal", "warning", "redirect",
             "promise", "timed", "vague-time", "instruction", "offer", "done", "gift", "status", "ongoing")
#: Parts of speech of words that say something (not pronouns, particles, conjunctions).
_CONTENT_POS = frozenset({"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS", "NUMR",
                          "GRND", "COMP"})


def cues_path() -> Path:
    return Path(__file__).with_name("moves.yaml")


@lru_cache(maxsize=1)
def cue_data() -> dict:
    """The validated cue sets of moves.yaml, by move: ``{"cues": PatternSpec, "unless":
    PatternSpec | None}``."""
    from replylint.rules.checker import Checker
    from replylint.rules.patternspec import read_pattern_set
    from replylint.yamlfile import LineDict, load_yaml_file

    path = cues_path()
    data = load_yaml_file(path)
    checker = Checker(str(path))
    checker.rule = "ходы"
    if not isinstance(data, LineDict):
        raise ReplylintError("файл ходов должен сопоставлять имена ходов наборам признаков", str(path), 1)
    for name in CUE_NAMES:
        if name not in data:
            checker.error(1, f"нет признаков хода '{name}'")
    specs = {}
    for name, entry in data.items():
        if name not in CUE_NAMES:
            checker.error(data.line_of(name), f"неизвестный ход '{name}' (ожидается одно из: {', '.join(CUE_NAMES)})")
            continue
        if not isinstance(entry, LineDict) or "cues" not in entry:
            checker.error(data.line_of(name), f"ходу '{name}' нужен ключ 'cues'")
            continue
        checker.unknown_keys(entry, {"cues", "unless"}, f"в ходе '{name}'")
        cues = read_pattern_set(checker, entry["cues"], entry.line_of("cues"), f"{name}.cues")
        unless = (read_pattern_set(checker, entry["unless"], entry.line_of("unless"), f"{name}.unless",
                                   allow_scope=True) if "unless" in entry else None)
        specs[name] = {"cues": cues, "unless": unless}
    if checker.errors:
        raise checker.errors[0]
    return specs


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled cue sets: (move, cues, unless) in :data:`CUE_NAMES` order, and the
    cues by move."""

    sets: tuple
    by_name: dict


def compile_cues(compiler) -> Cues:
    """Compile the cue sets into ``compiler``'s matcher, once per compiler: every rule of
    kind ``moves`` shares them, so a reply's moves are found once."""
    cues = getattr(compiler, "moves_cues", None)
    if cues is None:
        data = cue_data()
        sets = tuple((name, compiler.pattern_set(data[name]["cues"]),
                      compiler.optional_pattern_set(data[name]["unless"], lazy=True))
                     for name in CUE_NAMES)
        cues = Cues(sets, {name: cue_set for name, cue_set, _ in sets})
        compiler.moves_cues = cues
    return cues


class Move(NamedTuple):
    """One move: its name, the sentence it is in, and the characters that show it (a
    tuple: a reply has a dozen, made for every reply a moves rule looks at)."""

    name: str
    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Moves:
    """The moves of one reply.

    Attributes:
        by_sentence: the set of move names of each sentence.
        events: every move in the order of the text.
        names: every move the reply makes.
        last: the last move that is not a greeting, a thank-you or a sign-off (None: none).
    """

    by_sentence: tuple
    events: tuple
    names: frozenset
    last: Move | None

    def has(self, names) -> bool:
        return not self.names.isdisjoint(names)

    def last_content(self) -> Move | None:
        """The last move that is not a greeting, a thank-you or a sign-off."""
        return self.last


#: What each move needs among the cues: a move can only be in a reply where one of its
#: cues has hits (``fact`` and ``question`` need none).
_NEEDS = {"timed-promise": ("promise", "timed"), "untimed-promise": ("promise",),
          "time": ("timed",), "fact": None, "question": None}
#: Moves that another move's cues can also make: a promise asked as a question is an offer.
_ALSO_FROM = {"offer": ("promise",)}


def needs_of(cues: Cues, names) -> tuple[tuple, ...] | None:
    """What the reply needs to have one of the moves ``names``: alternatives, each the cue
    sets that must all have hits (None: one of the moves needs no cue). Worked out once
    per rule, asked of every reply (see :func:`may_have`)."""
    alternatives = []
    for name in sorted(names):
        needs = _NEEDS.get(name, (name,))
        if needs is None:
            return None
        alternatives.append(tuple(cues.by_name[need] for need in needs))
        alternatives.extend((cues.by_name[other],) for other in _ALSO_FROM.get(name, ()))
    return tuple(alternatives)


def may_have(table, needs: tuple[tuple, ...] | None) -> bool:
    """Can the reply have one of the moves whose :func:`needs_of` is ``needs``? False only
    when none can be there (no cue of theirs has hits): a rule asks this before the
    moves are worked out, so most replies never need them."""
    if needs is None:
        return True
    hits = table.hits
    for cue_sets in needs:
        for cue_set in cue_sets:
            if not hits(cue_set):
                break
        else:
            return True
    return False


def moves_of(table, cues: Cues) -> Moves:
    """The moves of the reply ``table`` was made for (found on the first call)."""
    found = getattr(table, "reply_moves", None)
    if found is None:
        found = table.reply_moves = _find(table, cues)
    return found


def _cue_hits(table, cues: Cues) -> dict:
    """The hits of each move's cues (most find nothing in a given reply: asked through
    :meth:`MatchTable.hits`, which knows that at once)."""
    hits = {}
    for name, cue_set, unless in cues.sets:
        found = table.hits(cue_set)
        if found and unless is not None:
            found = table.filter_unless(found, unless)
        if found:
            hits[name] = found
    return hits


def _find(table, cues: Cues) -> Moves:
    document = table.document
    sentences = document.sentences
    hits = _cue_hits(table, cues)
    by_sentence: list[dict] = [{} for _ in sentences]
    for name, found in hits.items():
        for hit in found:
            index = table.sentence_of(hit)
            if index >= 0:
                by_sentence[index].setdefault(name, []).append(hit)
    events: list[tuple] = []
    names_of: list[frozenset] = []
    for sentence, cued in zip(sentences, by_sentence):
        names = _sentence_moves(document, sentence, cued)
        names_of.append(frozenset(names))
        for name in names:
            for start, rank, end in _places(name, sentence, cued, document):
                events.append((start, rank, end, name, sentence.index))
    events.sort()
    moves = tuple(Move(name, index, start, end) for start, _, end, name, index in events)
    return Moves(tuple(names_of), moves, frozenset().union(*names_of), _last_content(moves, names_of))


def _last_content(events: tuple, by_sentence: list[frozenset]) -> Move | None:
    for move in reversed(events):
        if move.name not in _NOT_LAST and "closing" not in by_sentence[move.sentence]:
            return move
    return None


#: The cues whose words show a move that is not named after them.
_SOURCE = {"timed-promise": "promise", "untimed-promise": "promise", "time": "timed"}


def _places(name: str, sentence, cued: dict, document):
    """Where a move shows in its sentence: its cues, or the whole sentence (ranked first,
    so that a cue of the same sentence counts as coming after it)."""
    source = _SOURCE.get(name, name)
    if name == "question":
        end = sentence.end
        return [(end - 1, 2, end)]
    if source in cued:
        return [(hit.start, 1, hit.end) for hit in cued[source]]
    return [(sentence.start, 0, sentence.end)]


def _sentence_moves(document, sentence, cued: dict) -> set[str]:
    text = document.text[sentence.start:sentence.end]
    if not cued:  # (most sentences: no cue at all)
        if "?" in text:
            return {"question"}
        words = document.tokens[sentence.first_token:sentence.last_token]
        return {"fact"} if any(_says_something(word) for word in words) else set()
    words = [token for token in document.tokens[sentence.first_token:sentence.last_token]
             if token.kind in WORDLIKE]
    if not words:
        return {"question"} if "?" in text else set()
    names = {name for name in cued if name in _SOCIAL or name in _CONTENT}
    if "closing" in names and ("timed" in cued or not _signs_off(words, cued["closing"])):
        # a sign-off word in a sentence that says more; «ждём вас до 21:00» names a time
        # to come, an invitation rather than a goodbye
        names.discard("closing")
    if "closing" in names:
        return names & {"closing", "thanks", "greeting"}
    if "?" in text:
        _ask(names, text, sentence.start, cued)
    names |= _time_marks(document, sentence, cued, "promise" in names)
    if "instruction" in names and "greeting" in names and not _uncovered(words, cued["greeting"]):
        names.discard("instruction")  # «Здраствуйте!» is a greeting, however its typo parses
    if not names & _CONTENT and _states_a_fact(words, names, cued):
        names.add("fact")
    return names


def _states_a_fact(words, names: set[str], cued: dict) -> bool:
    """Does a sentence with no move of content say something beyond its greeting, thanks
    or apology (a greeting with three more words of content states a fact)?"""
    social = [hit for name in _SOCIAL for hit in cued.get(name, ())]
    if not social or (names <= {"greeting"} and _uncovered(words, social) >= 3):
        return _uncovered(words, social) > 0
    return False


def _ask(names: set[str], text: str, start: int, cued: dict) -> None:
    """A sentence with «?» asks; a pledge in it put as a question («Бронирую?», «Оформим
    возврат?») waits for the client's «yes» — an offer, not a promise to hold us to."""
    names.add("question")
    if "promise" in names and _asked(text, start, cued["promise"]):
        names.discard("promise")
        names.add("offer")


def _asked(text: str, start: int, hits) -> bool:
    """Is every promise of the sentence asked: a «?» after it, with no full stop between
    («Что ей ответить? Мы рассмотрим жалобу» pledges; the segmenter may join the two)."""
    for hit in hits:
        rest = text[hit.end - start:]
        mark = rest.find("?")
        if mark < 0 or any(stop in rest[:mark] for stop in ".!…"):
            return False
    return True


def _time_marks(document, sentence, cued: dict, promises: bool) -> set[str]:
    """Whether the sentence names a time ahead or a vague one, and so what its promise is."""
    marks = set()
    if promises:
        marks.add("timed-promise" if "timed" in cued else "untimed-promise")
    if "timed" in cued and not _tells_the_past(document, sentence):
        marks.add("time")
    elif "vague-time" in cued:
        marks.add("vague-time")
    return marks


def _signs_off(words, hits) -> bool:
    """Is the sentence a sign-off: its cues and at most a name or two («С уважением, Анна
    Петрова, служба поддержки»), with no verb of its own?"""
    left = [word for word in words
            if not any(hit.start <= word.start and word.end <= hit.end for hit in hits)]
    if len(left) <= 1:
        return True
    return len(left) <= 3 and not any(
        word.analyses and {"VERB", "INFN"} & word.analyses[0].grammemes for word in left)


def _tells_the_past(document, sentence) -> bool:
    """Is the sentence about the past? («Курьер приезжал в 15:20» names a time behind us,
    not one the client can wait for.) Its verbs are all in the past and no word of it
    points ahead («поставила доставку на завтра» does)."""
    past = False
    for token in document.tokens[sentence.first_token:sentence.last_token]:
        if token.kind != "word" or not token.analyses or token.analyses[0].lemma in _FRAME_VERBS:
            continue
        if token.norm in _AHEAD:
            return False
        if any("VERB" in reading.grammemes and not {"futr", "impr"}.isdisjoint(reading.grammemes)
               for reading in token.analyses):
            return False  # «исправим» reads first as an adjective, and still looks ahead
        grammemes = token.analyses[0].grammemes
        if "VERB" in grammemes:
            if "past" not in grammemes:
                return False
            past = True
    return past


#: Verbs that frame a sentence without telling its time: «Приносим извинения, что мастер
#: не пришёл в субботу» is about Saturday past, whatever the tense of «приносим».
_FRAME_VERBS = frozenset({"приносить", "принести", "извинить", "извиниться", "извиняться", "простить",
                          "просить", "сожалеть", "выражать", "выразить", "благодарить", "понимать",
                          "сочувствовать"})
#: Words that put a time ahead of us, whatever the tense of the verbs around them.
_AHEAD = frozenset({"завтра", "послезавтра", "через", "течение", "следующий", "следующей",
                    "следующем", "следующую", "ближайший"})


def _uncovered(words, hits) -> int:
    """How many of ``words`` that say something no hit covers."""
    return sum(1 for word in words
               if _says_something(word)
               and not any(hit.start <= word.start and word.end <= hit.end for hit in hits))


def _says_something(token) -> bool:
    """A number, or a word whose first reading is a noun, verb, adjective, participle…
    (not a pronoun, particle or conjunction)."""
    if token.kind == "number":
        return True
    if token.kind != "word" or not token.analyses:
        return False
    return not _CONTENT_POS.isdisjoint(token.analyses[0].grammemes)
