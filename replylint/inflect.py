"""Puts a replacement written in dictionary form into the form of the words it replaces.

«оформить возврат денег» replacing «рефанда» becomes «возврата денег»; replacing
«сделали рефанд» with «вернуть деньги» gives «вернули деньги». When no safe form can be
made, :func:`inflect_replacement` returns None and the caller falls back to advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from replylint import nlp
from replylint.document import WORD, Token

_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_NOMINAL = frozenset({"NOUN"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
_PREPOSITION_CASES = {
    "в": {"accs", "loct"}, "во": {"accs", "loct"}, "на": {"accs", "loct"},
    "о": {"loct", "accs"}, "об": {"loct", "accs"}, "обо": {"loct"}, "при": {"loct"},
    "по": {"datv", "loct", "accs"}, "к": {"datv"}, "ко": {"datv"},
    "с": {"gent", "ablt"}, "со": {"gent", "ablt"}, "из": {"gent"}, "изо": {"gent"},
    "от": {"gent"}, "до": {"gent"}, "для": {"gent"}, "без": {"gent"}, "у": {"gent"},
    "после": {"gent"}, "из-за": {"gent"}, "около": {"gent"}, "кроме": {"gent"},
    "вместо": {"gent"}, "среди": {"gent"}, "против": {"gent"}, "насчет": {"gent"},
    "за": {"ablt", "accs"}, "под": {"ablt", "accs"}, "над": {"ablt"}, "перед": {"ablt"},
    "между": {"ablt"}, "через": {"accs"}, "про": {"accs"}, "сквозь": {"accs"},
    "благодаря": {"datv"}, "согласно": {"datv"}, "вопреки": {"datv"},
}
_ADJECTIVAL = frozenset({"ADJF", "PRTF"})
_MODIFIERS = frozenset({"ADJF", "PRTF", "NPRO", "NUMR"})


@dataclass(frozen=True, slots=True)
class Rewrite:
    """An inflected replacement for the characters ``start:end`` of the text."""

    text: str
    start: int
    end: int


def rewrite(replacement: str, tokens: list[Token], previous: list[Token], text: str,
            prefer: frozenset[str] = frozenset()) -> Rewrite | None:
    """Inflect ``replacement`` to fit the matched ``tokens``.

    Args:
        replacement: text in dictionary form, e.g. «передать специалисту».
        tokens: the matched word tokens, in order.
        previous: the word tokens before the match in its sentence (for case government).
        text: the document text the tokens point into.
        prefer: lemmas as the rule wrote them, to pick the right reading of the match.

    Returns:
        The inflected text with the capitalisation of the match, spanning the match and
        any agreeing words before it that had to change with it («ваш кейс» → «ваша
        ситуация»); None when the head word cannot be put into the needed form.
    """
    words = [token for token in tokens if token.kind == WORD]
    parts, parses, head, head_pos = _plan(replacement)
    if not words or not parts:
        return None
    start, end = tokens[0].start, tokens[-1].end
    modifiers = []
    if head is None:
        result = replacement
    else:
        if head_pos in _ADJECTIVAL:
            forms = _inflect_adjective(parses, head, words)
        elif head_pos in _VERBAL:
            target = next((token for token in words if _readings(token, _VERBAL)), None)
            forms = _inflect_verb(parses, head, target) if target is not None else None
        else:
            target = next((token for token in words if _readings(token, _NOMINAL)), words[0])
            inflected = _inflect_noun_phrase(parses, head, target, previous, prefer)
            forms = None
            if inflected is not None:
                forms, agreement = inflected
                modifiers = _agreeing_modifiers(words, previous, agreement)
        if forms is None:
            return None
        result = " ".join(_keep_case(original, form) for original, form in zip(parts, forms))
    if modifiers:
        first = modifiers[0][0]
        prefix = text[first.start:start]
        for token, form in reversed(modifiers):
            offset = token.start - first.start
            prefix = prefix[:offset] + form + prefix[offset + len(token.text):]
        return Rewrite(prefix + _match_capitalisation(result, tokens[0], previous[:-len(modifiers)] or [first]),
                       first.start, end)
    return Rewrite(_match_capitalisation(result, tokens[0], previous), start, end)


@lru_cache(maxsize=4096)
def _plan(replacement: str) -> tuple[tuple[str, ...], tuple, int | None, str | None]:
    """A replacement's words, the first reading of each, which one is the head and its
    part of speech: the same for every match (replacements come from the rules, and
    pymorphy3 works a tag's part of speech out anew on every access)."""
    parts = tuple(replacement.split())
    parses = tuple(_parses(part)[0] for part in parts)
    head = _replacement_head(parses) if parts else None
    return parts, parses, head, parses[head].tag.POS if head is not None else None


def _replacement_head(parses) -> int | None:
    for index, parse in enumerate(parses):
        if parse.tag.POS in ("INFN", "VERB"):
            return index
    for index, parse in enumerate(parses):
        if parse.tag.POS == "NOUN":
            return index
    if len(parses) == 1 and parses[0].tag.POS in _ADJECTIVAL:
        return 0  # «данный» → «этот»: an adjective standing in for an adjective
    return None


def _inflect_adjective(parses, head: int, words: list[Token]) -> list[str] | None:
    """«данной услуги» → «этой услуги»: the replacement takes the adjective's own form."""
    target = next((token for token in words if _readings(token, _ADJECTIVAL)), None)
    if target is None:
        return None
    reading = _readings(target, _ADJECTIVAL)[0]
    wanted = reading.grammemes & ({"sing", "plur", "masc", "femn", "neut", "anim", "inan"} | set(_CASES))
    inflected = _inflect(parses[head], wanted)
    if inflected is None:
        return None
    forms = [parse.word for parse in parses]
    forms[head] = inflected.word
    return forms


def _readings(token: Token, parts_of_speech) -> list:
    return [analysis for analysis in token.analyses if analysis.grammemes & parts_of_speech]


def _case_and_number(token: Token, previous: list[Token], prefer: frozenset[str]) -> tuple[str, str, str | None]:
    """The case and number the replaced noun stands in.

    Readings whose lemma is the term as the rule wrote it come first (pymorphy3 guesses
    odd lemmas for unknown words: «тикет» → «тикета»); a preposition before the word
    narrows the case; an indeclinable word («SLA») takes the case the preposition wants.
    """
    readings = _readings(token, _NOMINAL) or _readings(token, {"ADJF", "NPRO"})
    preferred = [reading for reading in readings if reading.lemma in prefer]
    if preferred:
        readings = preferred
    elif token.norm in prefer or not readings:
        readings = []  # written as the rule wrote it, but unknown to the dictionary («деплой»)
    governing = None
    after_verb = False
    for word in reversed(previous):
        if word.norm in _PREPOSITION_CASES:
            governing = _PREPOSITION_CASES[word.norm]
            break
        if any(analysis.grammemes & _MODIFIERS for analysis in word.analyses):
            continue
        after_verb = any(analysis.grammemes & {"VERB", "INFN"} for analysis in word.analyses)
        break
    chosen = None
    if governing:
        chosen = next((reading for reading in readings if reading.grammemes & governing), None)
    if chosen is None and after_verb:
        # An object after a verb is accusative, but a masculine «-а» form read as an
        # animate accusative («ждём рефанда») is really a genitive of a thing.
        chosen = next((reading for reading in readings
                       if "accs" in reading.grammemes and "anim" not in reading.grammemes), None)
    if chosen is None and readings:
        chosen = next((reading for reading in readings if "nomn" in reading.grammemes), readings[0])
    if chosen is None:
        case = next((case for case in _CASES if governing and case in governing),
                    "accs" if after_verb else "nomn")
        return case, "sing", None
    case = next((grammeme for grammeme in _CASES if grammeme in chosen.grammemes), "nomn")
    case = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}.get(case, case)
    gender = next((g for g in ("masc", "femn", "neut") if g in chosen.grammemes), None)
    return case, "plur" if "plur" in chosen.grammemes else "sing", gender


@dataclass(frozen=True, slots=True)
class _Agreement:
    """The form the replaced noun stood in, and the gender the replacement brings."""

    case: str
    number: str
    old_gender: str | None
    new_gender: str | None
    animate: bool


def _inflect_noun_phrase(parses, head: int, target: Token, previous: list[Token],
                         prefer: frozenset[str]) -> tuple[list[str], _Agreement] | None:
    case, number, old_gender = _case_and_number(target, previous, prefer)
    head_parse = parses[head]
    if "Pltm" in head_parse.tag.grammemes or "Sgtm" in head_parse.tag.grammemes:
        number = head_parse.tag.number or number
    inflected_head = _inflect(head_parse, {case, number})
    if inflected_head is None:
        return None
    forms = [parse.word for parse in parses]
    forms[head] = inflected_head.word
    gender = inflected_head.tag.gender
    animate = "anim" in inflected_head.tag.grammemes
    # Adjectives right before the head agree with it («личный кабинет» → «личном кабинете»).
    position = head - 1
    while position >= 0 and parses[position].tag.POS in ("ADJF", "PRTF"):
        agreed = _agree(parses[position], case, number, gender, animate)
        if agreed is None:
            return None
        forms[position] = agreed
        position -= 1
    return forms, _Agreement(case, number, old_gender, gender, animate)


def _agree(parse, case: str, number: str, gender: str | None, animate: bool) -> str | None:
    wanted = {case, number} | ({gender} if number == "sing" and gender else set())
    if case == "accs" and (number == "plur" or gender == "masc"):
        # masculine and plural accusatives differ for animate nouns («мягкий кофе», not «мягкого»)
        wanted.add("anim" if animate else "inan")
    agreed = _inflect(parse, wanted)
    return agreed.word if agreed is not None else None


def _agreeing_modifiers(words: list[Token], previous: list[Token], agreement: _Agreement):
    """Words right before the match that agree with it and must change with it:
    «ваш кейс» → «ваша ситуация». Returns [(token, new form)], nearest last."""
    if agreement.number == "plur" or agreement.old_gender == agreement.new_gender \
            or agreement.old_gender is None or agreement.new_gender is None:
        return []
    changes = []
    expected_index = words[0].index - 1
    for token in reversed(previous):
        if token.index != expected_index or token.kind != WORD:
            break
        parse = next((p for p in _parses(token.norm)
                      if p.tag.POS in ("ADJF", "PRTF") and agreement.case in p.tag.grammemes
                      and agreement.old_gender in p.tag.grammemes and "sing" in p.tag.grammemes), None)
        if parse is None:
            break
        form = _agree(parse, agreement.case, "sing", agreement.new_gender, agreement.animate)
        if form is None:
            break
        changes.append((token, _keep_case(token.text, form)))
        expected_index -= 1
    return list(reversed(changes))


def _inflect_verb(parses, head: int, target: Token) -> list[str] | None:
    readings = _readings(target, _VERBAL)
    head_parse = parses[head]
    forms = [parse.word for parse in parses]
    for reading in readings:
        grammemes = reading.grammemes
        pos = next(iter(grammemes & _VERBAL))
        if pos == "INFN":
            return forms
        wanted = {pos}
        for group in (("past", "pres", "futr"), ("1per", "2per", "3per"), ("sing", "plur"),
                      ("masc", "femn", "neut"), ("indc", "impr"), ("actv", "pssv"), _CASES):
            wanted |= grammemes & set(group)
        if "impr" in wanted:
            wanted |= grammemes & {"excl", "incl"}
        if "perf" in head_parse.tag.grammemes and "pres" in wanted:
            wanted = (wanted - {"pres"}) | {"futr"}
        if "impf" in head_parse.tag.grammemes and "futr" in wanted and pos == "VERB":
            continue
        inflected = _inflect(head_parse, wanted)
        if inflected is not None:
            forms[head] = inflected.word
            return forms
    return None


@lru_cache(maxsize=16_384)
def _parses(word: str) -> tuple:
    """pymorphy3's readings of ``word`` (a batch inflects the same few replacements and
    the words around them again and again; a parse costs tens of microseconds)."""
    try:
        return tuple(nlp.morph().parse(word))
    except ValueError:  # a letter without a Unicode name («𗀀»): no reading, as in nlp.analyse
        return ()


_INFLECTED: dict[tuple, object] = {}


def _inflect(parse, grammemes) -> object | None:
    """``parse.inflect(grammemes)``, remembered (bounded like the other caches)."""
    key = (parse, frozenset(grammemes))  # a Parse is an immutable, hashable namedtuple
    try:
        return _INFLECTED[key]
    except KeyError:
        pass
    if len(_INFLECTED) >= 16_384:
        _INFLECTED.clear()
    inflected = _INFLECTED[key] = parse.inflect(set(grammemes))
    return inflected


def _keep_case(original: str, form: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _match_capitalisation(result: str, first: Token, previous: list[Token]) -> str:
    text = first.text
    title_case = text[:1].isupper() and not (len(text) > 1 and text.isupper())
    sentence_start = not previous and text[:1].isupper()
    if title_case or sentence_start:
        return result[:1].upper() + result[1:]
    return result
