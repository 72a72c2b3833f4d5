"""Puts a replacement written in dictionary form into the form of the words it replaces.

«оформить возврат денег» replacing «рефанда» becomes «возврата денег»; replacing
«сделали рефанд» with «вернуть деньги» gives «вернули деньги». When no safe form can be
made, :func:`inflect_replacement` returns None and the caller falls back to advice.
"""

from __future__ import annotations

from replylint import nlp
from replylint.document import Token

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
_MODIFIERS = frozenset({"ADJF", "PRTF", "NPRO", "NUMR"})


def inflect_replacement(replacement: str, tokens: list[Token], previous: list[Token],
                        prefer: frozenset[str] = frozenset()) -> str | None:
    """Inflect ``replacement`` to fit the matched ``tokens``.

    Args:
        replacement: text in dictionary form, e.g. «передать специалисту».
        tokens: the matched word tokens, in order.
        previous: the word tokens before the match in its sentence (for case government).
        prefer: lemmas as the rule wrote them, to pick the right reading of the match.

    Returns:
        The inflected text with the capitalisation of the match, or None when the head
        word cannot be put into the needed form.
    """
    words = [token for token in tokens if token.kind == "word"]
    if not words:
        return None
    parts = replacement.split()
    if not parts:
        return None
    analyzer = nlp.morph()
    parses = [analyzer.parse(part)[0] for part in parts]
    head = _replacement_head(parses)
    if head is None:
        result = replacement
    else:
        head_parse = parses[head]
        if head_parse.tag.POS in _VERBAL:
            target = next((token for token in words if _readings(token, _VERBAL)), None)
            if target is None:
                return None
            forms = _inflect_verb(parses, head, target)
        else:
            target = next((token for token in words if _readings(token, _NOMINAL)), words[0])
            forms = _inflect_noun_phrase(parses, head, target, previous, prefer)
        if forms is None:
            return None
        result = " ".join(_keep_case(original, form) for original, form in zip(parts, forms))
    return _match_capitalisation(result, tokens[0], previous)


def _replacement_head(parses) -> int | None:
    for index, parse in enumerate(parses):
        if parse.tag.POS in ("INFN", "VERB"):
            return index
    for index, parse in enumerate(parses):
        if parse.tag.POS == "NOUN":
            return index
    return None


def _readings(token: Token, parts_of_speech) -> list:
    return [analysis for analysis in token.analyses if analysis.grammemes & parts_of_speech]


def _case_and_number(token: Token, previous: list[Token], prefer: frozenset[str]) -> tuple[str, str]:
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
        return case, "sing"
    case = next((grammeme for grammeme in _CASES if grammeme in chosen.grammemes), "nomn")
    case = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}.get(case, case)
    return case, "plur" if "plur" in chosen.grammemes else "sing"


def _inflect_noun_phrase(parses, head: int, target: Token, previous: list[Token],
                         prefer: frozenset[str]) -> list[str] | None:
    case, number = _case_and_number(target, previous, prefer)
    head_parse = parses[head]
    if "Pltm" in head_parse.tag.grammemes or "Sgtm" in head_parse.tag.grammemes:
        number = head_parse.tag.number or number
    inflected_head = head_parse.inflect({case, number})
    if inflected_head is None:
        return None
    forms = [parse.word for parse in parses]
    forms[head] = inflected_head.word
    gender = inflected_head.tag.gender
    # Adjectives right before the head agree with it («личный кабинет» → «личном кабинете»).
    position = head - 1
    while position >= 0 and parses[position].tag.POS in ("ADJF", "PRTF"):
        wanted = {case, number} | ({gender} if number == "sing" and gender else set())
        if case == "accs" and (number == "plur" or gender == "masc"):
            # masculine and plural accusatives differ for animate nouns («мягкий кофе», not «мягкого»)
            wanted.add("anim" if "anim" in inflected_head.tag.grammemes else "inan")
        agreed = parses[position].inflect(wanted)
        if agreed is None:
            return None
        forms[position] = agreed.word
        position -= 1
    return forms


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
        inflected = head_parse.inflect(wanted)
        if inflected is not None:
            forms[head] = inflected.word
            return forms
    return None


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
