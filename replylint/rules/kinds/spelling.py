"""spelling: words the dictionary does not know, and one-letter slips into rude words.

``mode: unknown`` flags Cyrillic words pymorphy3 does not know that are one edit away
from a word it knows (names mid-sentence, abbreviations, Latin, numbers, placeholders and
words with no known neighbour are left alone) and suggests the nearest known words.
``mode: offensive-slip`` flags a word from the ``offensive`` list that is one letter away
from an ordinary word («Gavna» for «Glavna»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from replylint.document import WORD
from replylint.rules.checker import Checker
from replylint.rules.kinds.match import Match
from replylint.rules.options import key

if TYPE_CHECKING:
    from replylint.rules.matching.sets import PatternSet

# replylint.nlp is imported where it is used: reading rule files (`replylint rules`)
# imports this module for its Options and has no use for the NLP layer.

NAME = "spelling"
FIRES_WHEN = "a word is unknown (or a slip into a rude word)"
MODES = ("unknown", "offensive-slip", "mixed-alphabet")
#: Words a team accepts (its config's ``words``), in every spelling rule.
IGNORE_SETTING = "spelling.ignore"
#: A word another rule already explains («тикет» is jargon) is not also a typo.
YIELDS_TO_OTHER_RULES = True
#: Suggestions are the words as they should be spelled, not dictionary forms.
INFLECTS_REPLACEMENTS = False


def kept_beside(rule) -> frozenset[str]:
    """A slip into a rude word stays beside the remark that calls the word rude: «Ваш лох
    № 4471 снят с продажи» is «лот» mistyped, and the agent needs both."""
    return frozenset({"offensive"}) if rule.kind_options.mode == "offensive-slip" else frozenset()

_CYRILLIC_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$")
_ALPHABET = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
#: Letters agents swap for each other most (sound-alike vowels, neighbouring keys).
_CLOSE = {frozenset(pair) for pair in ("еи", "ао", "ия", "ею", "ое", "сз", "дт", "бп", "вф", "гк",
                                       "жш", "ьъ", "ыи", "эе", "шщ", "ую", "уо")}
#: Neighbouring keys of the ЙЦУКЕН layout: a finger that slipped sideways.
_KEYBOARD_ROWS = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")
_CLOSE |= {frozenset(row[index:index + 2]) for row in _KEYBOARD_ROWS for index in range(len(row) - 1)}
#: The costliest edit still taken for a slip: a letter missing, doubled or swapped for a
#: close one. A word whose only neighbours differ by an arbitrary letter («биллинге» →
#: «шиллинге») is more likely a loanword than a typo.
_SLIP_COST = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """The keys of a spelling rule."""

    mode: str = key("`unknown`: unknown words a slip away from known ones; `offensive-slip`: "
                    "listed rude words a slip away from ordinary ones", Checker.one_of,
                    default="unknown", choices=MODES)
    min_length: int = key("shorter words are not checked", Checker.whole_number, default=3, minimum=1)
    ignore: tuple[str, ...] = key("words to accept", Checker.texts, default=())
    offensive: tuple[str, ...] = key("`offensive-slip`: the rude words (lemmas)", Checker.texts, default=())


class Spelling(NamedTuple):
    """A spelling rule, compiled."""

    mode: str
    min_length: int
    ignore: frozenset[str]
    offensive: frozenset[str]
    #: offensive-slip: the words of the list, found by the matcher's single pass (a reply
    #: without one is not looked at).
    listed: PatternSet | None = None
    #: Contexts where the word is meant as written («вы лох»), not a slip.
    unless: PatternSet | None = None


def compile(rule, compiler) -> Spelling:
    from replylint import nlp
    from replylint.rules.matching.sequences import Sequence
    from replylint.rules.matching.sets import PatternSet
    from replylint.rules.matching.tokens import TokenTest

    options: Options = rule.kind_options
    offensive = frozenset(nlp.fold(word) for word in options.offensive)
    # a listed rude verb with a verb prefix is as rude («вы|срать», «подъ|ебать»): the
    # dictionary lacks most of them, and a slip of «выслали», «подъехать» lands there
    offensive |= frozenset(prefix + word for word in offensive if word.endswith("ть")
                           for prefix in _VERB_PREFIXES)
    listed = None
    if options.mode == "offensive-slip" and offensive:
        listed = compiler.matcher.register(PatternSet((Sequence((
            TokenTest(lemmas=offensive, kinds=frozenset({WORD})),)),)))
    return Spelling(options.mode, options.min_length, frozenset(nlp.fold(word) for word in options.ignore),
                    offensive, listed, compiler.optional_pattern_set(rule.unless, lazy=True))


def team_settings(config, rules, settings: dict) -> dict:
    """A team's own words (``words:``) are accepted as spelled."""
    if not config.words:
        return {}
    return {IGNORE_SETTING: tuple(settings.get(IGNORE_SETTING, ())) + tuple(config.words)}


def triggers(compiled: Spelling):
    """offensive-slip looks only at listed words; unknown words are anywhere."""
    if compiled.mode != "offensive-slip":
        return None
    return (compiled.listed,) if compiled.listed is not None else ()


def check(compiled: Spelling, table, settings):
    from replylint import nlp

    document = table.document
    if compiled.mode == "mixed-alphabet":
        yield from _mixed_alphabet(document)
        return
    from replylint.rules.matching.sets import Hit

    if compiled.mode == "offensive-slip":
        words = [document.tokens[hit.first_token] for hit in table.filter_unless(table.hits(compiled.listed),
                                                                               compiled.unless)]
        slips = _offensive_slips
    else:
        words = [token for token in document.tokens if token.kind == WORD and not token.known]
        slips = _unknown_word_slips
        if words and compiled.unless is not None:  # (hits made only for a rule with exceptions)
            hits = [Hit(token.start, token.end, token.index, token.index + 1) for token in words]
            words = [document.tokens[hit.first_token] for hit in table.filter_unless(hits, compiled.unless)]
    if not words:
        return
    ignored = compiled.ignore
    if settings.get(IGNORE_SETTING):
        ignored = ignored | frozenset(nlp.fold(word) for word in settings[IGNORE_SETTING])
    for token in words:
        # a listed word is ignored in every form its guessed lemma covers («грумером»)
        if token.norm not in ignored and ignored.isdisjoint(token.lemmas):
            yield from slips(compiled, document, token)


def _offensive_slips(compiled: Spelling, document, token):
    from replylint import nlp

    candidates = [word for word in nearest_known(token.norm)
                  if compiled.offensive.isdisjoint(nlp.analyse(word)[1])]
    if candidates:
        yield Match(token.start, token.end, token.index, token.index + 1,
                    advice=tuple(f"Возможно, имелось в виду «{_cased(token.text, word)}»"
                                 for word in candidates[:3]),
                    arguments={"candidate": candidates[0]})


def _unknown_word_slips(compiled: Spelling, document, token):
    if token.known or len(token.norm) < compiled.min_length or not _CYRILLIC_WORD.match(token.norm):
        return
    sentence = document.sentences[token.sentence]
    if token.text[:1].isupper() and token.index != sentence.first_token:
        return  # a name or a brand mid-sentence
    if len(token.text) > 1 and token.text.isupper():
        return  # an abbreviation
    if _prefixed_verb(token.norm) or _formed_from_known(token.norm) or _names_a_kind_of(document, token):
        return
    candidates = _slip_candidates(token.norm, token.text.lower())
    if not candidates:
        return
    replacements = tuple(_cased(token.text, word) for word in candidates)
    yield Match(token.start, token.end, token.index, token.index + 1,
                replacements=replacements, safe=False,
                arguments={"candidate": replacements[0]})


@lru_cache(maxsize=4096)
def _slip_candidates(word: str, lowered: str) -> tuple[str, ...]:
    """The known words (at most three) an unknown ``word`` (folded; ``lowered``: as
    written, in lower case) is a slip for; empty when it is no slip. It depends on the
    word alone, and jargon comes back reply after reply («эскалирован», «тикет»): asked
    once per word form."""
    # A slip of one letter leaves a known word one edit away («пожалуста»); loanwords and
    # jargon the dictionary lacks («биллинг», «вебинар») do not, and a loanword whose only
    # neighbours are names («ламинат» → «Аминат», «гейта» → «Гейтса») is not a slip either.
    if _inflected_known(word):
        return ()
    # A word spelled as only borrowed words are («крэш», «биллинг») is a slip only when a
    # known word is a swap or a close letter away («жопинга» for «шопинга»): a letter more
    # or less is how transliterations differ from the dictionary's spelling.
    # («э» for «е» is how such words vary, «скрэпер» beside «скрепер»: no slip either)
    borrowed = _loanword_form(lowered)
    candidates = []
    for known in nearest_known(word, 1 if borrowed else _SLIP_COST):
        if not _only_a_name(known) and not (borrowed and known == word.replace("э", "е")):
            candidates.append(known)
            if len(candidates) == 3:
                break
    return tuple(candidates)


def _names_a_kind_of(document, token) -> bool:
    """Is ``token`` the first part of a hyphenated compound whose last part is a known noun
    («гакк|-машина», «крипто|-провайдер», «фитнес|-зал»)? Such a part names a kind of the
    thing — a brand, a loanword, a trade's term — and is joined to it whole: a slip is made
    inside a word, and the words a compound is made of are seldom in the dictionary."""
    tokens = document.tokens
    index = token.index
    if index + 2 >= len(tokens) or tokens[index + 1].text != "-" or tokens[index + 1].start != token.end:
        return False
    last = tokens[index + 2]
    while (last.index + 2 < len(tokens) and tokens[last.index + 1].text == "-"
           and tokens[last.index + 1].start == last.end and tokens[last.index + 2].start == last.end + 1):
        last = tokens[last.index + 2]  # «wi-fi-роутер»: the compound ends at its last part
    return (last.start == token.end + 1 and last.kind == WORD and last.known
            and any("NOUN" in analysis.grammemes for analysis in last.analyses[:1]))


#: An adjective's endings: what a known adverb or short form («десятикратно») takes when
#: the reply uses the full adjective the dictionary lacks («десятикратном»).
_ADJECTIVE_ENDINGS = ("ом", "ого", "ому", "ым", "ой", "ая", "ую", "ые", "ых", "ыми", "ое", "ый")


def _inflected_known(word: str) -> bool:
    """Is ``word`` the full adjective of a known adverb (stem + «о»): «десятикратн|ом»
    beside «десятикратно»? A slip changes a letter inside a word; it does not grow a
    whole ending onto one."""
    from replylint import nlp

    return any(word.endswith(ending) and len(word) - len(ending) >= 6
               and nlp.is_known_word(word[:-len(ending)] + "о") for ending in _ADJECTIVE_ENDINGS)


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=4096)
def _only_a_name(word: str) -> bool:
    """Is every reading of ``word`` a proper name (a first name, surname, place, brand)?"""
    from replylint import nlp

    analyses = nlp.analyse(word)[0]
    return bool(analyses) and all(not analysis.grammemes.isdisjoint(_NAME_GRAMMEMES) for analysis in analyses)


def _mixed_alphabet(document):
    """Words typed with Latin look-alikes among Cyrillic letters («тикeт»): the rules read
    them as Cyrillic (see :mod:`replylint.lookalikes`); the fix retypes them so."""
    from replylint import lookalikes

    if not lookalikes.has_latin_letter(document.text):
        return  # (most replies: no word of them can mix the alphabets)
    for token in document.tokens:
        if token.kind == WORD and (word := lookalikes.restored(token.text)):
            yield Match(token.start, token.end, token.index, token.index + 1,
                        replacements=(word,), safe=True, arguments={"candidate": word})


def _cased(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


#: Verb prefixes: «с|конвертировать», «под|грузится», «по|беспокоиться» are words the
#: dictionary lacks but every reader knows.
_VERB_PREFIXES = ("недо", "пере", "пред", "разъ", "подъ", "объ", "съ", "вз", "воз", "вы", "до",
                  "за", "из", "ис", "на", "над", "об", "от", "по", "под", "при", "про", "раз",
                  "рас", "со", "с", "у", "в", "о", "пре")
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=4096)
def _prefixed_verb(word: str) -> bool:
    from replylint import nlp

    for prefix in _VERB_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4 and nlp.is_known_word(rest) and _verbal(rest):
            return True
    return False


#: Endings of verbs made from a noun in speech («спам|ить», «маяк|нём», «лайк|нуть»).
_VERB_ENDINGS = ("нуть", "нём", "нем", "нёт", "нет", "нешь", "нёшь", "нул", "нула", "нули", "ните",
                 "ить", "ишь", "ит", "им", "ите", "ят", "ил", "ила", "или", "ило")
#: Verbs made from a noun in speech, by their endings and what follows the root in the
#: noun: «лаг|ает» from «лаг», «истер|ить» from «истер|ика» (not «вид|ить» from «вид»: a bare
#: root before «-ить» is more often a slip, «видить» for «видеть»).
_NOUN_VERBS = (
    (("ает", "ают", "аешь", "ать", "ал", "ала", "али"), ("",)),
    (("ить", "ит", "ишь", "ят", "ил", "ила", "или"), ("ика", "ия")),
)
#: Endings of nouns in «-ка» made from a word in speech («учёт|ка», «сим|ку», «зарплат|ки»).
_KA_ENDINGS = ("ками", "кам", "ках", "кой", "ок", "ка", "ки", "ку", "ке")


@lru_cache(maxsize=4096)
def _formed_from_known(word: str) -> bool:
    """A word of speech made from a known one by a productive pattern, not a slip: a verb
    with another prefix than the dictionary has («подвисает» beside «зависает»), a verb made
    from a noun («спамить», «маякнём»), a noun in «-ка» («учёток», «симку»)."""
    from replylint import nlp

    for prefix in _VERB_PREFIXES:
        rest = word[len(prefix):]
        # (a prefix of three letters or more, swapped for one a slip cannot give: «с|учай» for
        # «из|учай» is a slip, and «пре» is most often a slip for «при»)
        if len(prefix) >= 3 and prefix != "пре" and word.startswith(prefix) and len(rest) >= 4:
            for other in _VERB_PREFIXES:
                if len(other) >= 2 and not _one_edit(prefix, other) and nlp.is_known_word(other + rest) \
                        and _verbal(other + rest):
                    return True
    if _verb_from_noun(word) or _adjective_from_noun(word) or _compound_of_known(word) \
            or _prefixed_noun(word) or _suffixed_noun(word) or _noun_from_verb(word):
        return True
    for ending in _KA_ENDINGS:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and any(
                nlp.is_known_word(base) and _a_noun(base) for base in (stem, stem + "а")):
            return True
    return False


#: Endings of a relational adjective in «-ов-»/«-ев-» («стаж|евого», «тариф|ная» is known).
_OV_ADJECTIVE = re.compile(r"^(?P<stem>[а-яё]{3,}?)(?:ов|ев|ёв)(?:ый|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми|ий|ее|ие|его|ему|им|ем|юю|их|ими)$")


#: Endings of a relational adjective in «-онн-» made from a noun in «-ия»/«-я» («акци|онный»).
_ONN_ADJECTIVE = re.compile(r"^(?P<stem>[а-яё]{3,}?)онн(?:ый|ой|ая|ое|ые|ого|ому|ым|ом|ую|ых|ыми)$")


def _adjective_from_noun(word: str) -> bool:
    """An adjective made from a known noun by «-ов-»/«-ев-» («стаж|евой», «лимит|овый») or by
    «-онн-» from a noun in «-ия» («акци|онные» from «акция»): the dictionary lacks many of
    them, and a slip seldom leaves a noun before the suffix."""
    found = _OV_ADJECTIVE.match(word)
    if found is not None and _a_noun_as_is(found["stem"]):
        return True
    found = _ONN_ADJECTIVE.match(word)
    return found is not None and _a_noun_as_is(found["stem"] + "я")


#: The shortest last part of a compound («пункт», «зал» is too short to tell from a slip).
_NOUN_TAIL_MIN = 4


def _compound_of_known(word: str) -> bool:
    """A compound of two known nouns, the first clipped to its stem («травм|пункт» from
    «травма» and «пункт», «спорт|зала»): each part is a word the reader knows, and a slip
    does not leave a whole known noun at a word's end."""
    from replylint import nlp

    for cut in range(4, len(word) - _NOUN_TAIL_MIN + 1):
        head, tail = word[:cut], word[cut:]
        # (the joined letters are not doubled: «заказзе» is a slip, not «заказ|зе»)
        if head[-1] == tail[0] or not (nlp.is_known_word(tail) and _a_noun(tail)):
            continue
        if any(_a_noun_as_is(head + vowel) for vowel in ("", "а", "я", "о")):
            return True
    return False


#: Prefixes of nouns made from prefixed verbs («о|прессовка», «пере|сборка», «до|настройка»).
_NOUN_PREFIXES = ("пере", "пред", "под", "раз", "рас", "без", "вы", "до", "за", "из", "на", "об",
                  "от", "по", "при", "про", "о")


#: Endings of nouns made from verbs («прессов|ка», «подключ|ение», «сбор|ка»).
_VERBAL_NOUN_ENDINGS = ("ка", "ние", "тие")


def _prefixed_noun(word: str) -> bool:
    """A noun made from a verb, known, of six letters or more, behind a prefix
    («о|прессовке», «пере|подключение»):
    a word made by a productive pattern the dictionary lacks, not a slip (a doubled letter
    at the seam, «ооплата», is one)."""
    from replylint import nlp

    for prefix in _NOUN_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 6 and rest[0] != prefix[-1] and nlp.is_known_word(rest) \
                and any("NOUN" in analysis.grammemes and analysis.lemma.endswith(_VERBAL_NOUN_ENDINGS)
                        for analysis in nlp.analyse(rest)[0]):
            return True
    return False


#: A verbal noun in «-ание»/«-яние»/«-ение» with its case endings, and the verbs it may be
#: made from («вписа|ние» from «вписать», «перезаряж|ение» from «перезаряжать»: the stem
#: and the verb's «-а-/-я-/-и-/-е-»).
_VERBAL_NOUN = re.compile(r"^(?P<stem>[а-яё]{3,}?)(?P<vowel>а|я|е)ни(?:е|я|ю|ем|и|й|ям|ями|ях)$")
_VERB_VOWELS = {"а": ("а",), "я": ("я",), "е": ("и", "е", "я", "а")}


def _noun_from_verb(word: str) -> bool:
    """A verbal noun made from a known verb («вписание» from «вписать»): the dictionary
    lacks many, and a slip inside a word seldom leaves a known verb behind it («зачесление»
    has no «зачеслить»; «назначание» beside «назначение» is a slip of the vowel)."""
    from replylint import nlp

    found = _VERBAL_NOUN.match(word)
    if found is None:
        return False
    # «назначание» beside the known «назначение»: a slip of the vowel, not another noun
    stem, vowel = found["stem"], found["vowel"]
    rest = word[len(stem) + 1:]
    if any(nlp.is_known_word(stem + other + rest) for other in "аяе" if other != vowel):
        return False
    return any(nlp.is_known_word(verb) and _verbal(verb)
               for verb in (found["stem"] + vowel + "ть" for vowel in _VERB_VOWELS[found["vowel"]]))


#: Borrowed noun suffixes of medicine and science («нейтрофил|ёз», «бронх|ит»), with their
#: case endings (folded: «ёз» is «ез»).
_SCIENCE_NOUN = re.compile(r"^(?P<stem>[а-яё]{5,}?)(?:ез|оз|ит|изм|ист)(?:|а|у|ом|ем|е|ы|и|ов|ей|ам|ами|ах)$")


def _suffixed_noun(word: str) -> bool:
    """A known noun with a borrowed suffix of medicine or science («нейтрофил|ёз»): a term
    the dictionary lacks (jargon, maybe), not a slip."""
    found = _SCIENCE_NOUN.match(word)
    return found is not None and _a_noun_as_is(found["stem"])


#: Spellings Russian words do not have but transliterated English ones do: «э» after a
#: consonant («крэш», «бэкап»), «-инг» («биллинг»), a final «-шн» («продакшн»).
_LOANWORD_FORM = re.compile(r"[бвгджзклмнпрстфхцчшщ]э|инг(?:|а|у|ом|е|и|ов|ам|ами|ах)$|шн$")


def _loanword_form(word: str) -> bool:
    """Is ``word`` (lower case, «ё» kept) spelled the way only borrowed words are?"""
    return _LOANWORD_FORM.search(word) is not None


def _verb_from_noun(word: str) -> bool:
    """A verb made from a noun in speech: «спам|ить», «маяк|нём», and on a noun's root in
    «-ать» or «-ить» («лаг|ает», «истер|ить» from «истер|ика»)."""
    from replylint import nlp

    for ending in _VERB_ENDINGS:
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4 and nlp.is_known_word(stem) and _a_noun(stem):
            return True
    for endings, suffixes in _NOUN_VERBS:
        for ending in endings:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= 3 and any(_a_noun_as_is(stem + suffix) for suffix in suffixes):
                return True
    return False


def _a_noun_as_is(word: str) -> bool:
    """Is ``word`` a noun in its dictionary form («истерика», «лаг»; not «видика», a form
    of «видик»)?"""
    from replylint import nlp

    return nlp.is_known_word(word) and any("NOUN" in analysis.grammemes and analysis.lemma == word
                                           for analysis in nlp.analyse(word)[0])


def _one_edit(first: str, second: str) -> bool:
    """Are the two strings at most one letter put in, left out or swapped for another apart?"""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        return sum(a != b for a, b in zip(first, second)) <= 1
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:index] + longer[index + 1:] == shorter for index in range(len(longer)))


def _verbal(word: str) -> bool:
    from replylint import nlp

    return any(analysis.grammemes & _VERBAL for analysis in nlp.analyse(word)[0])


def _a_noun(word: str) -> bool:
    from replylint import nlp

    return any("NOUN" in analysis.grammemes for analysis in nlp.analyse(word)[0])


@lru_cache(maxsize=4096)
def nearest_known(word: str, max_cost: int = 3) -> tuple[str, ...]:
    """Known words one edit (Damerau) away costing at most ``max_cost``, likeliest first."""
    from replylint import nlp

    scored: dict[str, int] = {}
    cyrillic = _CYRILLIC_WORD.match(word) is not None
    if cyrillic:
        known = nlp.known_words_filter()
    else:
        def known(batch):
            return [candidate for candidate in batch if nlp.is_known_word(candidate)]
    known_prefix = nlp.known_prefix_test() if cyrillic else None
    # An edit at position i keeps word[:i]: past the longest prefix some dictionary word
    # starts with, no edit can give a known word (most of a slip's edits are skipped).
    reach = _known_prefix_length(word, known_prefix) if known_prefix else len(word)
    # (words are folded; one with «ё» is looked up as written, letter by letter)
    search = nlp.dictionary_search(_ALPHABET) if cyrillic and "ё" not in word else None
    if search is None:
        batches = [(cost, known(batch)) for cost, batch in _edits(word, max_cost, reach)]
    else:
        batches = _searched_edits(word, max_cost, reach, known, search)
    for cost, found in batches:
        for candidate in found:
            scored.setdefault(candidate, cost)  # batches come cheapest first
    scored.pop(word, None)
    return tuple(sorted(scored, key=lambda candidate: (scored[candidate], candidate)))


#: For each letter, the letters a slip swaps it for (see _CLOSE).
_CLOSE_TO = {letter: "".join(other for other in _ALPHABET
                             if other != letter and frozenset((letter, other)) in _CLOSE)
             for letter in _ALPHABET}


def _known_prefix_length(word: str, known_prefix) -> int:
    """The length of the longest prefix of ``word`` that starts a dictionary word (a
    prefix of a prefix starts one too, so a binary search finds it)."""
    low, high = 0, len(word)  # word[:low] starts a word; word[:high + 1] does not
    while low < high:
        middle = (low + high + 1) // 2
        if known_prefix(word[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _searched_edits(word: str, max_cost: int, reach: int, known, search) -> list[tuple[int, list[str]]]:
    """The known words among :func:`_edits`, as (cost, words) batches, cheapest first.

    A letter put in or swapped for another is looked for with a wildcard in its place
    (``search``: see :func:`replylint.nlp.dictionary_search`), one walk of the dictionary
    per position instead of a lookup per letter; a swapped letter is graded by the letter
    the word found has there. The few other edits are looked up one by one (``known``).
    """
    from replylint import nlp

    wildcard = nlp.WILDCARD
    splits = _splits(word, reach)
    batches = [(0, known(_swapped(splits)))]
    other: list[str] = []
    if max_cost >= 3:
        close = []
        for index, (left, right) in enumerate(splits):
            if not right:
                continue
            near = _CLOSE_TO.get(right[0], "")
            for found in search(left + wildcard + right[1:]):
                letter = found[index]
                if letter in near:
                    close.append(found)
                elif letter != right[0]:
                    other.append(found)
        batches.append((1, close))
    elif max_cost >= 1:
        batches.append((1, known(_closer(splits))))
    if max_cost >= 2:
        batches.append((2, [found for left, right in splits for found in search(left + wildcard + right)]
                        + known(_dropped(splits))))
    if max_cost >= 3:
        batches.append((3, other))
    return batches


def _edits(word: str, max_cost: int, reach: int | None = None) -> list[tuple[int, list[str]]]:
    """Edits of ``word`` costing at most ``max_cost``, as (cost, words) batches, cheapest
    kinds first: a swap of neighbours 0, a close letter 1, a letter missing or extra 2,
    any other letter 3. Only edits at positions up to ``reach`` (all when None) are made:
    each keeps the letters before its position."""
    splits = _splits(word, reach)
    batches = [(0, _swapped(splits))]
    if max_cost >= 1:
        batches.append((1, _closer(splits)))
    if max_cost >= 2:
        batches.append((2, [left + letter + right for left, right in splits for letter in _ALPHABET]
                        + _dropped(splits)))
    if max_cost >= 3:
        batches.append((3, [left + other + right[1:] for left, right in splits if right
                            for other in _ALPHABET
                            if other != right[0] and other not in _CLOSE_TO.get(right[0], "")]))
    return batches


def _splits(word: str, reach: int | None) -> list[tuple[str, str]]:
    """(letters before, letters from) each position an edit may be made at (up to
    ``reach``; all when None)."""
    last = len(word) if reach is None else min(reach, len(word))
    return [(word[:index], word[index:]) for index in range(last + 1)]


def _swapped(splits) -> list[str]:
    """Two neighbouring letters swapped."""
    return [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) >= 2]


def _closer(splits) -> list[str]:
    """A letter swapped for a close one (see _CLOSE)."""
    return [left + other + right[1:] for left, right in splits if right
            for other in _CLOSE_TO.get(right[0], "")]


def _dropped(splits) -> list[str]:
    """A letter missing."""
    return [left + right[1:] for left, right in splits if right]
