"""Puts a replacement written in dictionary form into the form it needs in the sentence.

«возврат денег» replacing «рефанда» becomes «возврата денег»; «передать специалисту»
replacing «эскалировали» becomes «передали специалисту»; «ваш» before a replaced
«тикет» becomes «ваше». The words around the replacement that must change with it are
found by :mod:`replylint.agreement`; the whole sentence is put together by
:mod:`replylint.rewrite`. Every function here returns None when no form can be built, and
the caller falls back to advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from replylint import nlp
from replylint.agreement import Features, GENDERS, NUMERAL_GENDER, case_of
from replylint.document import Analysis, Token

_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_ADJECTIVAL = frozenset({"ADJF", "PRTF"})
_PIECE = re.compile(r"\(|\)|[\w][\w\-]*|[^\w\s()]")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A replacement as the rule wrote it, read once.

    Attributes:
        words: its words and punctuation, in order.
        spaced: whether a space stands before each piece.
        parses: the first pymorphy3 reading of each word (None for punctuation).
        head: the index of the word that takes the form of the replaced word.
        optional: indices of words in parentheses: a complement the sentence may already
            have («передать (специалисту)»).
        coordinated: indices of nouns joined to the head by «и» («логин и пароль»).
    """

    words: tuple[str, ...]
    spaced: tuple[bool, ...]
    parses: tuple
    head: int | None
    optional: frozenset[int]
    coordinated: tuple[int, ...]

    @property
    def head_pos(self) -> str | None:
        return self.parses[self.head].tag.POS if self.head is not None else None

    @property
    def text(self) -> str:
        """As it is shown to the agent: without the parentheses."""
        return join(self.words, self.spaced)

    def plural(self) -> bool:
        """Written in the plural («наши специалисты»), a plural-only noun («деньги») or two
        nouns joined by «и»: the replacement is plural whatever it replaces."""
        if self.head is None:
            return False
        tag = self.parses[self.head].tag
        return bool(self.coordinated) or "Pltm" in tag.grammemes or \
            ("plur" in tag.grammemes and "Sgtm" not in tag.grammemes
             and self.words[self.head].lower() != self.parses[self.head].normal_form)


def join(words, spaced) -> str:
    parts = []
    for word, space in zip(words, spaced):
        if parts and space:
            parts.append(" ")
        parts.append(word)
    return "".join(parts)


@lru_cache(maxsize=4096)
def phrase_of(replacement: str) -> Phrase:
    """Read a replacement (the same few replacements are inflected again and again)."""
    words, spaced, optional = _pieces(replacement)
    parses = _readings(words)
    _adjectives_before_nouns(words, parses)
    head = _head(parses)
    if head is not None and parses[head].tag.POS == "NOUN":
        _adjectives_of(words, parses, head)
    coordinated = ()
    if head is not None:
        coordinated = tuple(index for index in range(head + 2, len(words))
                            if words[index - 1] == "и" and parses[index] is not None
                            and parses[index].tag.POS == "NOUN")
    return Phrase(tuple(words), tuple(spaced), tuple(parses), head, frozenset(optional), coordinated)


def _pieces(replacement: str) -> tuple[list[str], list[bool], set[int]]:
    """Words and punctuation, whether a space stands before each, and the words in
    parentheses."""
    words: list[str] = []
    spaced: list[bool] = []
    optional: set[int] = set()
    depth = 0
    for match in _PIECE.finditer(replacement):
        piece = match.group()
        if piece in "()":
            depth = depth + 1 if piece == "(" else max(0, depth - 1)
            continue
        if depth:
            optional.add(len(words))
        words.append(piece)
        spaced.append(replacement[:match.start()].rstrip("(")[-1:].isspace())
    return words, spaced, optional


def _readings(words: list[str]) -> list:
    parses = []
    first_noun = True
    for index, word in enumerate(words):
        if not word[0].isalnum():
            parses.append(None)
            continue
        parse = _reading(word, len(words) == 1, index == len(words) - 1, first_noun)
        first_noun = first_noun and parse.tag.POS != "NOUN"
        parses.append(parse)
    return parses


def _adjectives_before_nouns(words: list[str], parses: list) -> None:
    """«старший мастер»: an adjective before a noun, not the noun «старший» (but «данные
    сети» is the noun «данные» and its genitive)."""
    for index in range(len(parses) - 1):
        parse, following = parses[index], parses[index + 1]
        if parse is None or following is None or parse.tag.POS != "NOUN" or following.tag.POS != "NOUN" \
                or "Pltm" in parse.tag.grammemes or "nomn" not in following.tag.grammemes:
            continue
        tag = following.tag
        adjective = next((r for r in parses_of(words[index].lower()) if r.tag.POS == "ADJF"
                          and "nomn" in r.tag.grammemes and tag.number in r.tag.grammemes
                          and (tag.number == "plur" or tag.gender in r.tag.grammemes)), None)
        if adjective is not None:
            parses[index] = adjective


def _adjectives_of(words: list[str], parses: list, head: int) -> None:
    """«обходной путь»: an adjective in the form that agrees with its noun, not «обходной»
    read as the genitive of «обходная»."""
    tag = parses[head].tag
    for index in range(head):
        if parses[index] is not None and parses[index].tag.POS in _ADJECTIVAL:
            parses[index] = next((r for r in parses_of(words[index].lower())
                                  if r.tag.POS in _ADJECTIVAL and tag.case in r.tag.grammemes
                                  and tag.number in r.tag.grammemes
                                  and (tag.number == "plur" or tag.gender in r.tag.grammemes)), parses[index])


_ODD = frozenset({"Fixd", "Abbr", "Geox", "Name", "Surn", "Patr", "Infr"})


def _reading(word: str, alone: bool, last: bool = False, first_noun: bool = True):
    """The reading a replacement word is written in: pymorphy3's first, but a noun in its
    dictionary form for a word standing alone («накладная») or last after an adjective
    («сохранённые данные»), the first noun in the nominative («занятия в записи», not the
    genitive «занятия»; «данные сети», not the participle of «дать»), and not a rare reading
    (an abbreviation, a place name) where a plain one exists («интернет-банк»)."""
    readings = parses_of(word.lower())
    first = readings[0]
    if alone or (last and first.tag.POS in ("ADJF", "PRTF")):
        noun = _noun_reading(readings, word.lower() if alone else None)
        if noun is not None:
            return noun
    if first.tag.grammemes & _ODD:
        first = next((r for r in readings if r.tag.POS == first.tag.POS and not r.tag.grammemes & _ODD), first)
    if first_noun and not last and first.tag.POS != "NOUN":
        first = next((r for r in readings if r.tag.POS == "NOUN" and "nomn" in r.tag.grammemes
                      and r.normal_form == word.lower() and "Pltm" in r.tag.grammemes), first)
    if first.tag.POS == "NOUN" and "nomn" not in first.tag.grammemes and first_noun:
        first = next((r for r in readings if r.tag.POS == "NOUN" and "nomn" in r.tag.grammemes
                      and r.normal_form == first.normal_form), first)
    return first


def _noun_reading(readings, dictionary_form: str | None):
    """A nominative noun reading (in its dictionary form and not a rare one, if given)."""
    for reading in readings:
        if reading.tag.POS != "NOUN" or "nomn" not in reading.tag.grammemes:
            continue
        if dictionary_form is None or (reading.normal_form == dictionary_form and not reading.tag.grammemes & _ODD):
            return reading
    return None


def restore_case(written: str, form: str) -> str:
    """«IP-адрес» in the locative is «IP-адресе», not pymorphy3's «ip-адресе»."""
    if written.islower() or len(form) < len(written) - 3:
        return form
    letters = list(form)
    for index, letter in enumerate(written):
        if index < len(letters) and letter.isupper() and letters[index] == letter.lower():
            letters[index] = letter
    return "".join(letters)


def _head(parses) -> int | None:
    for index, parse in enumerate(parses):
        if parse is not None and parse.tag.POS in ("INFN", "VERB"):
            return index
    for index, parse in enumerate(parses):
        if parse is not None and parse.tag.POS == "NOUN":
            return index
    words = [parse for parse in parses if parse is not None]
    if len(words) == 1 and words[0].tag.POS in _ADJECTIVAL:
        return parses.index(words[0])  # «данный» → «этот»: an adjective for an adjective
    return None


@lru_cache(maxsize=16_384)
def parses_of(word: str) -> tuple:
    """pymorphy3's readings of ``word`` (a batch inflects the same few replacements and the
    words around them again and again; a parse costs tens of microseconds)."""
    return tuple(nlp.morph().parse(word))


_INFLECTED: dict[tuple, object] = {}


def inflect(parse, grammemes) -> object | None:
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


def parse_for(token: Token, analysis: Analysis):
    """The pymorphy3 parse behind one of a token's readings."""
    for parse in parses_of(token.norm):
        if parse.normal_form.replace("ё", "е") == analysis.lemma and frozenset(parse.tag.grammemes) == analysis.grammemes:
            return parse
    return None


def keep_case(original: str, form: str) -> str:
    if len(original) > 1 and original.isupper() and len(form) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# --- nouns ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NounForm:
    words: tuple[str, ...]
    #: what the words that agree with the replacement take from it
    features: Features


@lru_cache(maxsize=4096)
def noun_phrase(phrase: Phrase, case: str, number: str) -> NounForm | None:
    """«возврат денег» in the genitive: «возврата денег»; its adjectives agree."""
    head = phrase.parses[phrase.head]
    tag = head.tag
    if phrase.plural():
        number = "plur"
    elif "Sgtm" in tag.grammemes:
        number = "sing"
    own_number = ("plur" if "plur" in tag.grammemes else "sing") if phrase.coordinated else number
    written = "nomn" in tag.grammemes and own_number in tag.grammemes and case == "nomn"
    inflected = head if written else inflect(head, {case, own_number})
    if inflected is None:
        return None
    words = list(phrase.words)
    words[phrase.head] = restore_case(phrase.words[phrase.head], inflected.word)
    gender = inflected.tag.gender if number == "sing" else None
    animate = "anim" in inflected.tag.grammemes
    features = Features(case, number, gender, animate)
    own = Features(case, "sing" if phrase.coordinated and "plur" not in tag.grammemes else number,
                   gender or (tag.gender if phrase.coordinated else None), animate)
    for index in range(len(words)):
        if index == phrase.head or phrase.parses[index] is None:
            continue
        parse = phrase.parses[index]
        if index in phrase.coordinated:
            other = inflect(parse, {case, "sing" if "sing" in parse.tag.grammemes else "plur"})
            if other is None:
                return None
            words[index] = other.word
        elif parse.tag.POS in _ADJECTIVAL and _describes_head(phrase, index):
            agreed = agree(parse, own)
            if agreed is None:
                return None
            if not _as_written(parse, own):  # «обходной путь» stays «обходной», not «обходный»
                words[index] = agreed
    return NounForm(tuple(words), features)


def _describes_head(phrase: Phrase, index: int) -> bool:
    """An adjective right before the head, or a participle after it set off by a comma
    («банк, выпустивший карту»), agrees with the head."""
    head = phrase.head
    if index < head:
        return all(phrase.parses[i] is not None and phrase.parses[i].tag.POS in _ADJECTIVAL
                   for i in range(index, head))
    return index == head + 2 and phrase.words[head + 1] == ","


def _as_written(parse, features: Features) -> bool:
    grammemes = parse.tag.grammemes
    return features.case in grammemes and features.number in grammemes and (
        features.number == "plur" or features.gender in grammemes) and not (
        features.case == "accs" and ("anim" in grammemes) != bool(features.animate))


def agree(parse, features: Features) -> str | None:
    """An adjective, participle or pronoun in the form that agrees with ``features``."""
    wanted = {features.case, features.number} | (
        {features.gender} if features.number == "sing" and features.gender else set())
    if features.case == "accs" and (features.number == "plur" or features.gender == "masc"):
        # masculine and plural accusatives differ for animate nouns («мягкий кофе», not «мягкого»)
        wanted.add("anim" if features.animate else "inan")
    agreed = inflect(parse, wanted)
    return agreed.word if agreed is not None else None


# --- verbs ----------------------------------------------------------------------------

_VERB_GROUPS = (("past", "pres", "futr"), ("1per", "2per", "3per"), ("sing", "plur"),
                ("masc", "femn", "neut"), ("indc", "impr"), ("actv", "pssv"),
                ("nomn", "gent", "datv", "accs", "ablt", "loct"), ("anim", "inan"))


def verb_phrase(phrase: Phrase, target: Token, override: Features | None = None,
                drop: frozenset[int] = frozenset()) -> list[str] | None:
    """«передать специалисту» in the form of «эскалировали»: «передали специалисту».

    Args:
        override: the number, gender (and case, for a participle) of the noun the verb
            agrees with, when that noun is replaced too.
        drop: words of the phrase to leave out (a complement the sentence already has).
    """
    head = phrase.parses[phrase.head]
    for reading in target.analyses:
        grammemes = reading.grammemes
        pos = next(iter(grammemes & _VERBAL), None)
        if pos is None:
            continue
        words = [word for index, word in enumerate(phrase.words) if index not in drop]
        position = phrase.head - sum(1 for index in drop if index < phrase.head)
        if pos == "INFN":
            return words
        wanted = {pos}
        for group in _VERB_GROUPS:
            wanted |= grammemes & set(group)
        if override is not None and not grammemes & {"1per", "2per", "impr"}:
            wanted = _override(wanted, pos, override)
        if "impr" in wanted:
            wanted |= grammemes & {"excl", "incl"}
        if "perf" in head.tag.grammemes and "pres" in wanted:
            wanted = (wanted - {"pres"}) | {"futr"}
        if "impf" in head.tag.grammemes and "futr" in wanted and pos == "VERB":
            continue
        if pos in ("PRTF", "PRTS") and "past" in wanted and "pssv" in wanted and "perf" not in head.tag.grammemes:
            wanted.discard("past")
        inflected = inflect(head, wanted)
        if inflected is not None:
            words[position] = inflected.word
            return words
    return None


def _override(wanted: set, pos: str, features: Features) -> set:
    wanted = set(wanted) - {"sing", "plur", "masc", "femn", "neut", "anim", "inan"}
    wanted.add(features.number)
    if features.number == "sing" and features.gender and (pos != "VERB" or "past" in wanted):
        wanted.add(features.gender)
    if pos == "PRTF":
        wanted = (wanted - {"nomn", "gent", "datv", "accs", "ablt", "loct"}) | {features.case or "nomn"}
        if features.case == "accs" and (features.number == "plur" or features.gender == "masc"):
            wanted.add("anim" if features.animate else "inan")
    return wanted


# --- adjectives -----------------------------------------------------------------------

def adjective_phrase(phrase: Phrase, target: Token, override: Features | None = None) -> list[str] | None:
    """«данной услуги» → «этой услуги»: the replacement takes the adjective's own form."""
    reading = next((a for a in target.analyses if a.grammemes & _ADJECTIVAL), None)
    if reading is None:
        return None
    features = override or Features.of(reading.grammemes)
    wanted = {features.case or "nomn", features.number} | (
        {features.gender} if features.number == "sing" and features.gender else set())
    if features.case == "accs" and (features.number == "plur" or features.gender == "masc"):
        animate = features.animate if features.animate is not None else "anim" in reading.grammemes
        wanted.add("anim" if animate else "inan")
    inflected = inflect(phrase.parses[phrase.head], wanted)
    if inflected is None:
        return None
    words = list(phrase.words)
    words[phrase.head] = inflected.word
    return words


# --- words of the sentence that agree -------------------------------------------------

def agreeing_form(token: Token, analysis: Analysis, features: Features, role: str) -> str | None:
    """The form a word of the sentence takes to agree with the replacement."""
    from replylint.agreement import personal_pronoun

    if role in ("pronoun", "possessive"):
        form = personal_pronoun(token, analysis, features)
        return keep_case(token.text, form) if form else None
    if role == "numeral":
        return keep_case(token.text, _numeral(token.norm, features))
    parse = parse_for(token, analysis)
    if parse is None:
        return None
    grammemes = analysis.grammemes
    if role == "predicate" and grammemes & {"VERB", "PRTS", "ADJS"}:
        wanted = {features.number}
        if features.number == "sing" and features.gender and grammemes & (GENDERS | {"PRTS", "ADJS"}):
            wanted.add(features.gender)
        inflected = inflect(parse, wanted)
    else:
        case = case_of(grammemes) if role in ("relative", "predicate") else features.case
        inflected = inflect(parse, _adjective_wanted(Features(case, features.number, features.gender,
                                                             features.animate), grammemes))
    if inflected is None:
        return None
    return keep_case(token.text, inflected.word)


def _adjective_wanted(features: Features, grammemes) -> set:
    wanted = {features.case or case_of(grammemes) or "nomn", features.number}
    if features.number == "sing" and features.gender:
        wanted.add(features.gender)
    if wanted & {"accs"} and (features.number == "plur" or features.gender == "masc"):
        animate = features.animate if features.animate is not None else "anim" in grammemes
        wanted.add("anim" if animate else "inan")
    return wanted


def _numeral(norm: str, features: Features) -> str:
    if features.gender == "femn":
        return NUMERAL_GENDER.get(norm, norm)
    masculine = {feminine: masculine for masculine, feminine in NUMERAL_GENDER.items()}
    return masculine.get(norm, norm)


#: «о» → «об» before a vowel, «с» → «со» before «с/з/ш/ж» and a consonant, and back.
_VOWELS = set("аоуэиыAOУЭИЫ".lower())


def preposition_form(preposition: str, following: str) -> str:
    """The form of «о/об», «с/со», «в/во», «к/ко» before ``following``."""
    word = following.lower()
    base = preposition.lower()
    if base in ("о", "об"):
        form = "об" if word[:1] in _VOWELS else "о"
    elif base in ("с", "со"):
        form = "со" if len(word) > 1 and word[0] in "сзшж" and word[1] not in _VOWELS | {"ё", "е", "ю", "я"} else "с"
    elif base in ("в", "во"):
        form = "во" if len(word) > 1 and word[0] in "вф" and word[1] not in _VOWELS | {"ё", "е", "ю", "я"} else "в"
    elif base in ("к", "ко"):
        form = "ко" if len(word) > 1 and word[0] in "кг" and word[1] not in _VOWELS | {"ё", "е", "ю", "я"} else "к"
    else:
        return preposition
    if form == base:
        return preposition
    return keep_case(preposition, form)
