"""The rewrites of a paragraph, computed together so that the result reads as Russian.

Each diagnostic with a replacement is a :class:`Request`. The requests of a paragraph are
planned together: every replaced word takes its form from the sentence; a replaced noun
that changes gender, number or animacy takes the words that agree with it along («Ваш
тикет закрыт» → «Ваше обращение закрыто»), and when such a word is itself replaced, its
replacement agrees with the new noun («Ваш тикет эскалирован» → «Ваше обращение передано
специалисту»); a verb's replacement leaves out its own complement when the sentence has
one («эскалировали его в отдел» → «передали его в отдел»).

The changes are then split among the requests that caused them: each request gets one
edit spanning its own changes. Where two requests' edits would overlap, the first one's
edit covers both and the other request gets advice naming it, so that the edits of a
paragraph never overlap and applying all of them gives the planned text.

A rewrite is ``safe`` (applied by ``--fix``) only when its rule says so and every form
was found with certainty, its own and those of the requests it depends on; a rewrite
whose forms cannot be told falls back to advice (see :mod:`replylint.agreement`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from replylint import agreement, nlp
from replylint.agreement import CERTAIN, UNKNOWN, UNSURE, Clause, Features, Head
from replylint.document import WORD, Document, Token
from replylint.inflect import (
    Phrase,
    adjective_phrase,
    agree,
    agreeing_form,
    inflect as inflect_word,
    join,
    keep_case,
    noun_phrase,
    parse_for,
    parses_of,
    phrase_of,
    preposition_form,
    verb_phrase,
)

_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@dataclass(frozen=True, slots=True)
class Request:
    """A match to rewrite: its tokens (``last_token`` exclusive) and ranked replacements
    as ``(text, safe)``."""

    key: Hashable
    first_token: int
    last_token: int
    replacements: tuple[tuple[str, bool], ...]
    prefer: frozenset[str] = frozenset()

    @classmethod
    def covering(cls, document: Document, key: Hashable, start: int, end: int, replacements,
                 prefer: frozenset[str] = frozenset()) -> "Request":
        """A request for the tokens a regex match covers (it knows only characters)."""
        first = bisect_left(document.tokens, start, key=lambda token: token.start)
        last = first
        while last < len(document.tokens) and document.tokens[last].end <= end:
            last += 1
        if first == last or document.tokens[first].start != start or document.tokens[last - 1].end != end:
            return cls(key, -1, -1, tuple(replacements), prefer)  # inside a word: not rewritten
        return cls(key, first, last, tuple(replacements), prefer)


@dataclass(frozen=True, slots=True)
class Edit:
    """A rewrite of the characters ``start:end`` (offsets into the document's text)."""

    text: str
    start: int
    end: int
    safe: bool


@dataclass(frozen=True, slots=True)
class Planned:
    """What a request gets: edits (the first is the planned one, the others alternatives),
    advice lines where no edit can be offered, and the inflected replacement for the
    message (None when it falls back to advice)."""

    edits: tuple[Edit, ...]
    advice: tuple[str, ...]
    replacement: str | None


@dataclass(slots=True)
class _Change:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Unit:
    """One request with one of its replacements, while a paragraph is planned."""

    request: Request
    replacement: str
    rule_safe: bool
    phrase: Phrase
    words: list[Token]
    kind: str
    target: Token
    first: int
    last: int
    head: Head | None = None
    new: Features | None = None
    override: Features | None = None
    case: str | None = None
    text: str | None = None
    changes: list[_Change] = field(default_factory=list)
    doubt: int = CERTAIN
    links: set[int] = field(default_factory=set)
    #: the message's replacement, where it differs from the edit's («передано специалисту»)
    message: str | None = None
    #: a verb whose replacement ends with a preposition («сообщить о»): the noun unit
    #: that became its object, or the first word of its converted object; None: no object
    governed: object = None

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def plan(document: Document, requests: list[Request]) -> dict[Hashable, Planned]:
    """Plan every request of a document (see the module docstring)."""
    result: dict[Hashable, Planned] = {}
    by_paragraph: dict[int, list[Request]] = {}
    for request in requests:
        words = _words(document, request)
        if not words:
            result[request.key] = _advice_only(request)
            continue
        paragraph = document.sentences[words[0].sentence].paragraph
        by_paragraph.setdefault(paragraph, []).append(request)
    for group in by_paragraph.values():
        result.update(_plan_paragraph(document, group))
    return result


def _words(document: Document, request: Request) -> list[Token]:
    if request.first_token < 0:
        return []
    return [token for token in document.tokens[request.first_token:request.last_token] if token.kind == WORD]


def _advice_only(request: Request) -> Planned:
    return Planned((), tuple(f"Замените на «{phrase_of(text).text}»" for text, _ in request.replacements), None)


def _plan_paragraph(document: Document, requests: list[Request]) -> dict[Hashable, Planned]:
    # Two rules rewriting the same words: the one whose rewrite may be applied by --fix
    # (a team's own safe glossary) is planned; the other's rewrite is offered as advice.
    requests = [_unechoed_first(document, request) for request in requests]
    requests = sorted(requests, key=lambda r: (r.first_token, -r.last_token, not r.replacements[0][1]))
    chosen: list[Request] = []
    overlapping: list[Request] = []
    for request in requests:
        if chosen and request.first_token < chosen[-1].last_token:
            overlapping.append(request)
        else:
            chosen.append(request)
    result = _scene(document, chosen, {})
    for request in requests:
        if len(request.replacements) > 1 and request in chosen:
            result[request.key] = _with_alternatives(document, chosen, request, result)
    for request in overlapping:
        result[request.key] = _advice_only(request)
    return result


def _with_alternatives(document, chosen, request, result) -> Planned:
    planned = result[request.key]
    edits = list(planned.edits)
    advice = list(planned.advice)
    taken = [(e.start, e.end) for key, other in result.items() if key != request.key for e in other.edits[:1]]
    for number in range(1, len(request.replacements)):
        scene = _scene(document, chosen, {request.key: number})[request.key]
        edit = scene.edits[0] if scene.edits else None
        text = phrase_of(request.replacements[number][0]).text
        if _echoes(document, request, text):
            continue  # «Процессинг обработал…»: not «Обработка платежа обработала»
        if edit is None or any(start < edit.end and edit.start < end for start, end in taken):
            advice.append(f"Или замените на «{text}»")
        elif edit not in edits:
            edits.append(edit)
    return Planned(tuple(edits), tuple(advice), planned.replacement)


def _unechoed_first(document: Document, request: Request) -> Request:
    """Ranked replacements with those that say again a word of the sentence put last
    («Скоринг проверили» → «Оценку проверили», not «Проверку заявки проверили»)."""
    if len(request.replacements) < 2:
        return request
    ranked = sorted(request.replacements, key=lambda pair: _echoes(document, request, pair[0]))
    return request if ranked == list(request.replacements) else replace(request, replacements=tuple(ranked))


def _echoes(document: Document, request: Request, text: str) -> bool:
    """Does an alternative say again a word of its sentence outside the match (the same
    first six letters, or a six-letter word but its ending: «обработка» beside
    «обработал», «заявки» beside «Заявка»)?"""
    stems = tuple({word[:min(6, len(word) - 1)] for word in text.lower().replace("ё", "е").split() if len(word) >= 6})
    if not stems:
        return False
    sentence = document.sentences[document.tokens[request.first_token].sentence]
    return any(token.kind == WORD and token.norm.startswith(stems)
               for token in document.tokens[sentence.first_token:sentence.last_token]
               if not request.first_token <= token.index < request.last_token)


def _scene(document: Document, requests: list[Request], choice: dict) -> dict[Hashable, Planned]:
    """Plan requests together; a request that cannot be planned is left out and the rest
    planned again (its words then agree like any others)."""
    failed: dict[Hashable, Planned] = {}
    active = list(requests)
    while True:
        units = [_unit(document, request, choice.get(request.key, 0)) for request in active]
        missing = [request for request, unit in zip(active, units) if unit is None]
        if missing:  # a replacement of another kind than the words it replaces
            for request in missing:
                failed[request.key] = _advice_only(request)
            active = [request for request in active if request not in missing]
            continue
        _solve(document, units)
        bad = [unit for unit in units if unit.doubt >= UNKNOWN or unit.text is None]
        if not bad:
            break
        for unit in bad:
            failed[unit.request.key] = _advice_only(unit.request)
        active = [request for request in active if request.key not in failed]
    planned = _split(document, units)
    planned.update(failed)
    return planned


def _unit(document: Document, request: Request, number: int) -> _Unit | None:
    words = _words(document, request)
    replacement, safe = request.replacements[number]
    phrase = phrase_of(replacement)
    if not words or not phrase.words:
        return None
    pos = phrase.head_pos
    kind = "literal" if pos is None else "verb" if pos in ("VERB", "INFN") else \
        "adjective" if pos in ("ADJF", "PRTF") else "noun"
    target = _target(document, words, kind)
    if target is None or _inside_compound(document, words):
        return None
    return _Unit(request, replacement, safe, phrase, words, kind, target, words[0].index, words[-1].index + 1)


def _target(document: Document, words: list[Token], kind: str) -> Token | None:
    """The matched word the replacement takes its form from."""
    if kind == "literal":
        return words[0]
    if kind == "verb":
        return next((t for t in words if any(a.grammemes & _VERBAL for a in t.analyses)), None)
    if kind == "adjective":
        return next((t for t in words if any(a.grammemes & {"ADJF", "PRTF"} for a in t.analyses)), None)
    # «аккаунт-менеджером»: the last part of a compound is the one that declines
    nouns = [t for t in words if not _joined_to_next(document, t)] or words
    target = next((t for t in nouns if t.analyses and "NOUN" in t.analyses[0].grammemes), None) \
        or next((t for t in nouns if any("NOUN" in a.grammemes for a in t.analyses)), nouns[0])
    return None if _not_a_noun(target) else target  # «сабмитить» is not replaced by a noun


def _inside_compound(document: Document, words: list[Token]) -> bool:
    """«Мерж-реквест» matched as «Мерж»: a part of a hyphenated word is not replaced."""
    tokens = document.tokens
    first, last = words[0].index, words[-1].index
    before = first >= 2 and tokens[first - 1].text == "-" and tokens[first - 1].end == words[0].start \
        and tokens[first - 2].end == tokens[first - 1].start and tokens[first - 2].kind == WORD
    return before or _joined_to_next(document, tokens[last])


def _joined_to_next(document: Document, token: Token) -> bool:
    tokens = document.tokens
    index = token.index
    return index + 2 < len(tokens) and tokens[index + 1].text == "-" and tokens[index + 1].start == token.end \
        and tokens[index + 2].start == tokens[index + 1].end


def _not_a_noun(token: Token) -> bool:
    readings = token.analyses
    return bool(readings) and not any("NOUN" in a.grammemes for a in readings) \
        and bool(readings[0].grammemes & (_VERBAL | {"ADJF", "ADJS"})) and nlp.is_known_word(token.norm)


# --- solving --------------------------------------------------------------------------

def _solve(document: Document, units: list[_Unit]) -> None:
    clauses: dict[int, Clause] = {}

    def clause_of(unit: _Unit) -> Clause:
        sentence = unit.words[0].sentence
        if sentence not in clauses:
            clauses[sentence] = Clause(document, sentence)
        return clauses[sentence]

    owner = {}
    for position, unit in enumerate(units):
        for index in range(unit.first, unit.last):
            owner[index] = position
    for unit in units:
        if unit.kind == "verb":
            if _ends_with_preposition(unit.phrase):
                _object_takes_preposition(document, clause_of(unit), unit, units, owner)
            else:
                _objects_become_accusative(document, clause_of(unit), unit, units, owner)
    for position, unit in enumerate(units):
        if unit.kind == "noun":
            _solve_noun(document, clause_of(unit), position, units, owner)
    for unit in units:
        if unit.kind == "verb":
            _solve_verb(clause_of(unit), unit, units)
        elif unit.kind == "adjective":
            words = adjective_phrase(unit.phrase, unit.target, unit.override)
            unit.text = _finish(unit, words) if words is not None else None
        elif unit.kind == "literal":
            unit.text = _finish(unit, list(unit.phrase.words))
        if unit.kind in ("adjective", "literal"):
            _fix_preposition(clause_of(unit), unit)  # «о данной проблеме» → «об этой проблеме»
    for unit in units:
        if unit.text is not None and _repeats_a_word(clause_of(unit), unit):
            unit.doubt = UNKNOWN


def _repeats_a_word(clause: Clause, unit: _Unit) -> bool:
    """A rewrite never says a word twice: «триальный период» → «пробный период период»."""
    words = unit.text.split()
    following = clause.tokens[unit.last] if unit.last < len(clause.tokens) else None
    previous = clause.tokens[unit.first - 1] if unit.first - 1 >= clause.first else None
    return _same_word(words[-1], following) or _same_word(words[0], previous)


def _same_word(word: str, token: Token | None) -> bool:
    if token is None or token.kind != WORD or len(word) < 3:
        return False
    lemma = _content_lemma(word.lower().strip(",."))
    return lemma is not None and lemma in token.lemmas


@lru_cache(maxsize=4096)
def _content_lemma(word: str) -> str | None:
    """The lemma of a noun, adjective or verb (a preposition may well repeat)."""
    reading = parses_of(word)[0]
    if reading.tag.POS not in ("NOUN", "ADJF", "VERB", "INFN", "PRTF"):
        return None
    return reading.normal_form.replace("ё", "е")


def _solve_noun(document: Document, clause: Clause, position: int, units: list[_Unit], owner: dict) -> None:
    unit = units[position]
    first_word = unit.words[0]
    inner = first_word.index if _is_preposition(first_word) and len(unit.words) > 1 else -1
    head = agreement.head_of(clause, unit.target.index, unit.first if inner < 0 else inner + 1,
                             unit.request.prefer, inner)
    if head is None:
        unit.doubt = UNKNOWN
        return
    if _written_as_needed(unit):
        # «инфу» → «информацию»: a rule that inflects its replacement itself, for a word
        # the dictionary does not know (its case would be a guess)
        unit.text = _capitalised(unit, unit.phrase.text)
        return
    unit.head = head
    case = unit.case or _case_after(unit, head)
    form = noun_phrase(unit.phrase, case, head.features.number)
    if form is None:
        unit.text = None
        return
    words = list(form.words)
    spaced = list(unit.phrase.spaced)
    drop = _noun_complement_to_drop(clause, unit)
    if drop:  # «суброгация к причинителю вреда» → «требование к причинителю вреда»
        words = [word for index, word in enumerate(words) if index not in drop]
        spaced = [space for index, space in enumerate(spaced) if index not in drop]
    if _has_determiner(clause, unit) and _starts_with_determiner(unit.phrase):
        words = words[1:]
        spaced = spaced[1:]
    unit.new = form.features
    unit.doubt = max(unit.doubt, _head_doubt(unit, head, case))
    unit.text = _capitalised(unit, join(words, spaced))
    if unit.phrase.words.count(",") and unit.last < clause.last and clause.tokens[unit.last].kind == WORD:
        unit.text += ","  # «банк, выпустивший карту,» — the participial phrase closes
    old = head.features
    if _changed(old, form.features) or (unit.case and unit.case != old.case):
        _agree_with(document, clause, position, units, owner, old, form.features)
    _fix_preposition(clause, unit)


def _noun_complement_to_drop(clause: Clause, unit: _Unit) -> frozenset[int]:
    """A noun's own complement in parentheses («требование (к виновнику)»), left out when
    the words right after the match start with the same preposition: the sentence says to
    whom already."""
    optional = unit.phrase.optional
    if not optional or unit.last >= clause.last:
        return frozenset()
    following = clause.tokens[unit.last]
    first = unit.phrase.words[min(optional)].lower()
    return frozenset(optional) if following.kind == WORD and following.norm == first else frozenset()


def _written_as_needed(unit: _Unit) -> bool:
    phrase = unit.phrase
    head = phrase.parses[phrase.head]
    return unit.case is None and phrase.words[phrase.head].lower() != head.normal_form \
        and not phrase.plural() and not nlp.is_known_word(unit.target.norm)


def _case_after(unit: _Unit, head: Head) -> str:
    """The case of the replacement: the old noun's, unless the replacement brings its own
    preposition that does not take it («на холде» → «в резерве»: both locative)."""
    case = head.features.case or "nomn"
    first = unit.phrase.words[0].lower()
    if first in agreement.PREPOSITION_CASES and unit.phrase.head and unit.phrase.head > 0:
        governed = agreement.PREPOSITION_CASES[first]
        if case not in governed:
            case = next(c for c in ("accs", "gent", "datv", "ablt", "loct") if c in governed)
            if len(governed) > 1:
                unit.doubt = max(unit.doubt, UNSURE)
    return case


def _head_doubt(unit: _Unit, head: Head, case: str) -> int:
    """A doubt about the case matters only when the other case would change the words."""
    if head.doubt == CERTAIN:
        return CERTAIN
    if head.doubt >= UNKNOWN:
        return UNKNOWN
    chosen = noun_phrase(unit.phrase, case, head.features.number)
    for other in head.alternatives:
        form = noun_phrase(unit.phrase, other, head.features.number)
        if form is None or chosen is None or form.words != chosen.words:
            return head.doubt
    return CERTAIN


def _changed(old: Features, new: Features) -> bool:
    if old.number != new.number:
        return True
    if old.number == "sing" and old.gender != new.gender:
        return True
    return old.animate is not None and new.animate is not None and old.animate != new.animate \
        and old.case == "accs" and (old.number == "plur" or old.gender == "masc" or new.gender == "masc")


def _agree_with(document: Document, clause: Clause, position: int, units: list[_Unit], owner: dict,
                old: Features, new: Features) -> None:
    unit = units[position]
    head = unit.head
    found = agreement.find_agreeing(clause, head, unit.first, unit.last)
    if old.gender is None and old.number == "sing" and found.targets:
        found.worry(UNSURE)  # an abbreviation: its gender is a guess
    unit.doubt = max(unit.doubt, found.doubt)
    if head.doubt and any(t.role == "predicate" for t in found.targets):
        unit.doubt = max(unit.doubt, head.doubt)
    new = Features(unit.case or old.case, new.number, new.gender, new.animate)
    for target in found.targets:
        other = owner.get(target.index)
        if other is not None and other != position:
            units[other].override = Features(new.case if target.role == "modifier" else None,
                                             new.number, new.gender, new.animate)
            units[other].links.add(position)
            unit.links.add(other)
            continue
        if other == position:
            continue
        token = document.tokens[target.index]
        form = agreeing_form(token, target.analysis, new, target.role)
        if form is None:
            unit.doubt = UNKNOWN
            return
        if form != token.text:
            unit.changes.append(_Change(token.start, token.end, form))


def _has_determiner(clause: Clause, unit: _Unit) -> bool:
    """«ваш бэк-офис» → «ваши специалисты», not «ваши наши специалисты»."""
    index = unit.first - 1
    while index >= clause.first and clause.tokens[index].kind == WORD:
        analyses = clause.tokens[index].analyses
        if any("Apro" in a.grammemes for a in analyses[:2]):
            return True
        if not any(a.grammemes & {"ADJF", "PRTF"} for a in analyses[:1]):
            return False
        index -= 1
    return False


def _starts_with_determiner(phrase: Phrase) -> bool:
    parse = phrase.parses[0]
    return parse is not None and phrase.head is not None and phrase.head > 0 and "Apro" in parse.tag.grammemes


def _fix_preposition(clause: Clause, unit: _Unit) -> None:
    """«о баге» → «об ошибке», «с бэкапом» → «с резервной копией»."""
    index = unit.first - 1
    if index < clause.first or unit.text is None:
        return
    token = clause.tokens[index]
    if token.kind != WORD or token.norm not in ("о", "об", "с", "со", "в", "во", "к", "ко"):
        return
    form = preposition_form(token.text, unit.text.split()[0] if unit.text else "")
    if form != token.text:
        unit.changes.append(_Change(token.start, token.end, form))


def _is_preposition(token: Token) -> bool:
    return token.norm in agreement.PREPOSITION_CASES and any("PREP" in a.grammemes for a in token.analyses)


def _capitalised(unit: _Unit, text: str) -> str:
    """Capitalised like the words it replaces: «Тикет» → «Обращение», at a sentence's start
    «SLA» → «Гарантированный срок»; an abbreviation inside a sentence is not a capital."""
    first = unit.words[0]
    title = first.text[:1].isupper() and not (len(first.text) > 1 and first.text.isupper())
    if title or (first.sentence_start and first.text[:1].isupper()):
        return text[:1].upper() + text[1:]
    return text


def _finish(unit: _Unit, words: list[str], drop: frozenset[int] = frozenset()) -> str:
    spaced = [space for index, space in enumerate(unit.phrase.spaced) if index not in drop]
    return _capitalised(unit, join(words, spaced))


# --- verbs ----------------------------------------------------------------------------

def _solve_verb(clause: Clause, unit: _Unit, units: list[_Unit]) -> None:
    if _keeps_its_preposition(unit):
        drop = frozenset()
    elif _ends_with_preposition(unit.phrase):
        drop = _preposition_to_drop(unit, units)
        if unit.governed is None and _sentence_has(clause, unit, "object"):
            drop = None  # «Проблему зарепортили»: an object the preposition cannot take
    else:
        drop = _complement_to_drop(clause, unit)
    if drop is None:
        unit.text = None
        return
    words = verb_phrase(unit.phrase, unit.target, unit.override, drop)
    if words is None:
        unit.text = None
        return
    unit.text = _finish(unit, words, drop)
    if drop and not _ends_with_preposition(unit.phrase):
        # the message says the whole replacement («передано специалисту»), the edit
        # leaves out what the sentence already has («передано на L2»)
        whole = verb_phrase(unit.phrase, unit.target, unit.override)
        unit.message = _finish(unit, whole) if whole is not None else None


def _ends_with_preposition(phrase: Phrase) -> bool:
    return phrase.head is not None and phrase.head < len(phrase.words) - 1 \
        and phrase.words[-1].lower() in agreement.PREPOSITION_CASES


def _keeps_its_preposition(unit: _Unit) -> bool:
    """«осуществить подключение к» → «подключиться к»: the match ends with the preposition
    the rewrite ends with, so the rewrite keeps it and the words after it are governed
    already."""
    return _ends_with_preposition(unit.phrase) and unit.words[-1].norm == unit.phrase.words[-1].lower()


def _preposition_to_drop(unit: _Unit, units: list[_Unit]) -> frozenset[int] | None:
    """«сообщить о»: the preposition stays when the sentence has an object for it, in the
    form the object's first word wants («об ошибке»)."""
    last = len(unit.phrase.words) - 1
    if unit.governed is None:
        return frozenset({last})
    following = unit.governed
    if isinstance(following, int):
        following = units[following].text
    if not following:
        return None
    unit.phrase = _with_word(unit.phrase, last, preposition_form(unit.phrase.words[last], following.split()[0]))
    return frozenset()


def _with_word(phrase: Phrase, index: int, word: str) -> Phrase:
    words = list(phrase.words)
    words[index] = word
    return Phrase(tuple(words), phrase.spaced, phrase.parses, phrase.head, phrase.optional, phrase.coordinated)


def _object_takes_preposition(document: Document, clause: Clause, unit: _Unit, units: list[_Unit],
                              owner: dict) -> None:
    """«зарепортили баг» → «сообщили об ошибке»: the object takes the preposition's case."""
    if _keeps_its_preposition(unit):
        return
    preposition = unit.phrase.words[-1].lower()
    case = next(c for c in ("loct", "accs", "gent", "datv", "ablt") if c in agreement.PREPOSITION_CASES[preposition])
    found, governed = _recase_following(clause, unit, units, owner, "accs", case)
    if found:
        unit.governed = governed


def _complement_to_drop(clause: Clause, unit: _Unit) -> frozenset[int] | None:
    """The replacement's own complement, left out when the sentence already has one in
    the same role («эскалировали его в отдел» → «передали его в отдел»); None when the
    complement cannot be left out and the sentence has one already."""
    phrase = unit.phrase
    complement = [index for index in range(phrase.head + 1, len(phrase.words))
                  if phrase.parses[index] is not None]
    if not complement:
        return frozenset()
    role = _role_of(phrase, complement[0])
    repeated = any(_in_clause(clause, unit, phrase.parses[index]) for index in complement)
    if not repeated and (role is None or not _sentence_has(clause, unit, role)):
        return frozenset()
    if all(index in phrase.optional for index in complement):
        return frozenset(complement)
    return None


def _in_clause(clause: Clause, unit: _Unit, parse) -> bool:
    """«Исправление смержили» → «Исправление внесли», not «…внесли исправление»."""
    if parse.tag.POS not in ("NOUN", "ADJF"):
        return False
    lemma = parse.normal_form.replace("ё", "е")
    return any(lemma in clause.tokens[index].lemmas for index in range(clause.first, clause.last)
               if not unit.first <= index < unit.last and clause.tokens[index].kind == WORD)


def _role_of(phrase: Phrase, index: int) -> str | None:
    word = phrase.words[index].lower()
    parse = phrase.parses[index]
    if word in ("в", "на", "к", "ко", "во"):
        return "destination"
    if parse is None:
        return None
    if "datv" in parse.tag.grammemes and parse.tag.POS in ("NOUN", "NPRO"):
        return "destination"
    if parse.tag.POS in ("NOUN", "ADJF") and {"accs", "nomn"} & set(parse.tag.grammemes):
        return "object"
    return None


_CLAUSE_ENDS = frozenset({"что", "чтобы", "если", "когда", "и", "но", "а"})


def _sentence_has(clause: Clause, unit: _Unit, role: str) -> bool:
    """Does the clause of the verb already name a recipient or destination, or an object?"""
    passive = any(a.grammemes & {"PRTF", "PRTS"} for a in unit.target.analyses[:1])
    if role == "object" and passive:
        return False  # a passive has no object
    index = unit.last
    preposition = None
    end = min(clause.last, unit.last + 6)
    while index < end:
        token = clause.tokens[index]
        if token.kind == "punct" or token.norm in _CLAUSE_ENDS:
            break
        if preposition is not None:
            if role == "destination" and _destination(preposition, token):
                return True
            if token.kind != WORD or any(a.grammemes & {"NOUN", "NPRO"} for a in token.analyses[:1]):
                preposition = None
        elif _is_preposition(token):
            preposition = token.norm
        elif _fills(token, role):
            return True
        index += 1
    return role == "object" and _object_before(clause, unit)


def _destination(preposition: str, token: Token) -> bool:
    """«в отдел», «на L2», «к специалисту»: where to."""
    if preposition in ("к", "ко"):
        return True
    return preposition in ("в", "во", "на") and (
        token.kind != WORD or not token.known or any("accs" in a.grammemes for a in token.analyses))


def _fills(token: Token, role: str) -> bool:
    """A dative noun (to whom) or an accusative one (what), not after a preposition."""
    if role == "destination":
        return any(a.grammemes & {"NOUN", "NPRO"} and "datv" in a.grammemes for a in token.analyses[:1])
    return any(a.grammemes & {"NOUN", "NPRO"} and "accs" in a.grammemes for a in token.analyses)


def _object_before(clause: Clause, unit: _Unit) -> bool:
    """An object before the verb: «его передали», «Исправление смержили» (a noun the verb
    does not agree with)."""
    verb = next((a for a in unit.target.analyses if a.grammemes & _VERBAL), None)
    index = unit.first - 1
    while index >= clause.first and clause.tokens[index].kind == WORD:
        token = clause.tokens[index]
        if token.norm in ("его", "её", "ее", "их", "это", "всё", "все"):
            return True
        nominal = [a for a in token.analyses[:2] if a.grammemes & {"NOUN", "NPRO"}]
        if nominal and any("accs" in a.grammemes for a in nominal):
            nominative = next((a for a in nominal if "nomn" in a.grammemes), None)
            if nominative is None or verb is None or "VERB" not in verb.grammemes \
                    or not agreement.predicate_agrees(verb.grammemes, Features.of(nominative.grammemes)):
                return True
        index -= 1
    return False


def _objects_become_accusative(document: Document, clause: Clause, unit: _Unit, units: list[_Unit],
                               owner: dict) -> None:
    """«произвести оплату заказа» → «оплатить заказ»: the noun's genitive complement
    becomes the verb's object."""
    if unit.words[-1].analyses[:1] and "NOUN" not in unit.words[-1].analyses[0].grammemes:
        return
    if len(unit.words) < 2 or any(index > unit.phrase.head for index in range(len(unit.phrase.words))
                                  if unit.phrase.parses[index] is not None):
        return
    if any("PRTS" in a.grammemes for a in unit.target.analyses[:1]) \
            and any("nomn" in a.grammemes for a in unit.words[-1].analyses[:1]):
        # «осуществлена проверка», «произведена оплата»: the noun is the participle's
        # subject; «проверена», «оплачена» would be said of nothing: advice
        unit.doubt = UNKNOWN
        return
    if any(word.analyses[:1] and "PREP" in word.analyses[0].grammemes for word in unit.words[:-1]):
        # «доводит до сведения родителей»: the genitive is whom we tell, not an object
        # («сообщает родителям», not «сообщает родителей»): advice
        if _genitive_follows(clause, unit):
            unit.doubt = UNKNOWN
        return
    if any("pssv" in a.grammemes for a in unit.target.analyses[:1]):
        # «произведён перерасчёт стоимости»: the genitive would become the subject
        if _genitive_follows(clause, unit):
            unit.doubt = UNKNOWN
        return
    _recase_following(clause, unit, units, owner, "gent", "accs")


def _genitive_follows(clause: Clause, unit: _Unit) -> bool:
    """Does the word right after the match read as a genitive?"""
    following = clause.tokens[unit.last] if unit.last < len(clause.tokens) else None
    return following is not None and following.kind == WORD \
        and any("gent" in a.grammemes for a in following.analyses)


def _recase_following(clause: Clause, unit: _Unit, units: list[_Unit], owner: dict, standing_in: str,
                      case: str) -> tuple[bool, object]:
    """The noun phrase right after ``unit``, standing in ``standing_in``, goes into ``case``
    (the case the rewrite's verb or preposition wants): another rewrite's noun there is
    linked to this one, the sentence's own words are inflected. Returns whether a noun was
    found, and the other rewrite's index or the phrase's new first word."""
    index = unit.last
    modifiers = []
    while index < clause.last and clause.tokens[index].kind == WORD:
        token = clause.tokens[index]
        other = owner.get(index)
        if other is not None and units[other].kind == "noun":
            if not any(standing_in in a.grammemes for a in token.analyses):
                return False, None  # «зарепортили девелоперам»: not the object, the addressee
            units[other].case = case
            units[other].links.add(units.index(unit))
            unit.links.add(other)
            return True, other
        readings = [a for a in token.analyses if standing_in in a.grammemes and a.grammemes & {"NOUN", "ADJF", "PRTF"}]
        if not readings:
            return False, None
        noun = next((a for a in readings if "NOUN" in a.grammemes), None)
        if noun is not None:
            return True, _convert(unit, token, noun, modifiers, case)
        modifiers.append((token, readings[0]))
        index += 1
    return False, None


def _convert(unit: _Unit, noun: Token, analysis, modifiers, case: str) -> str | None:
    """Put a noun phrase of the sentence into ``case``; returns its new first word."""
    parse = parse_for(noun, analysis)
    number = "plur" if "plur" in analysis.grammemes else "sing"
    inflected = inflect_word(parse, {case, number}) if parse is not None else None
    if inflected is None:
        unit.doubt = UNKNOWN
        return None
    features = Features(case, number, inflected.tag.gender if number == "sing" else None,
                        "anim" in inflected.tag.grammemes)
    first = None
    for token, reading in modifiers:
        modifier = parse_for(token, reading)
        form = agree(modifier, features) if modifier is not None else None
        if form is None:
            unit.doubt = UNKNOWN
            return None
        first = first or form
        if form != token.text:
            unit.changes.append(_Change(token.start, token.end, keep_case(token.text, form)))
    if inflected.word != noun.norm:
        unit.changes.append(_Change(noun.start, noun.end, keep_case(noun.text, inflected.word)))
    return first or inflected.word


# --- splitting the changes among the requests -----------------------------------------

def _split(document: Document, units: list[_Unit]) -> dict[Hashable, Planned]:
    if len(units) == 1 and not units[0].changes:  # (most paragraphs: one word, nothing agrees)
        unit = units[0]
        safe = unit.rule_safe and unit.doubt == CERTAIN
        return {unit.request.key: Planned((Edit(unit.text, unit.start, unit.end, safe),), (),
                                          unit.message or unit.text)}
    text = document.text
    source = document.source or text  # (the edits keep the markup between the words they change)
    regions = []
    for position, unit in enumerate(units):
        changes = [_Change(unit.start, unit.end, unit.text)] + unit.changes
        regions.append((min(c.start for c in changes), max(c.end for c in changes), position, changes))
    regions.sort()
    clusters: list[list] = []
    for region in regions:
        if clusters and region[0] < clusters[-1][-1][1]:
            clusters[-1].append(region)
            clusters[-1].sort(key=lambda r: r[1])
        else:
            clusters.append([region])
    safe = _safety(units)
    result = {}
    for cluster in clusters:
        start = min(region[0] for region in cluster)
        end = max(region[1] for region in cluster)
        changes = sorted((change for region in cluster for change in region[3]), key=lambda c: (c.start, c.end))
        edited = _apply(source, start, end, changes)
        leader = min(cluster, key=lambda region: units[region[2]].start)
        cluster_safe = all(safe[region[2]] for region in cluster)
        for region in cluster:
            unit = units[region[2]]
            message = _message(text, unit, source)
            if region is leader:
                result[unit.request.key] = Planned((Edit(edited, start, end, cluster_safe),), (), message)
            else:
                result[unit.request.key] = Planned(
                    (), (f"Замените вместе с соседними словами: «{edited}»",), message)
    return result


def _apply(text: str, start: int, end: int, changes: list[_Change]) -> str:
    parts = []
    position = start
    for change in changes:
        if change.start < position:
            continue  # two requests changing the same word: the first one's form stands
        parts.append(text[position:change.start])
        parts.append(change.text)
        position = change.end
    parts.append(text[position:end])
    return "".join(parts)


def _message(text: str, unit: _Unit, source: str) -> str:
    """The replacement with the changed words right before it («Ваше обращение»), the
    markup between them left out («Ваш **тикет**» → «Ваше обращение»)."""
    start = unit.start
    message = unit.message or unit.text
    for change in sorted(unit.changes, key=lambda c: -c.start):
        if change.end <= start and not text[change.end:start].strip():
            between = text[change.end:start] if source[change.end:start] == text[change.end:start] else " "
            message = change.text + between + message
            start = change.start
    return message


def _safety(units: list[_Unit]) -> list[bool]:
    """Safe: the rule says so and every form is certain — for the request and every
    request it depends on (their words agree with each other)."""
    own = [unit.rule_safe and unit.doubt == CERTAIN for unit in units]
    result = list(own)
    for position, unit in enumerate(units):
        seen = {position}
        stack = list(unit.links)
        while stack:
            other = stack.pop()
            if other in seen:
                continue
            seen.add(other)
            result[position] = result[position] and own[other]
            stack.extend(units[other].links)
    return result
