"""Which words of a sentence agree with a noun, and so must change when the noun is replaced.

Russian agreement, read from pymorphy3's readings, word order and punctuation (no parser):
adjectives, participles, possessive and demonstrative pronouns and «один/два/оба/полтора»
take the noun's case, number and gender, before it («ваш тикет») or after it, set off by
commas («тикет, созданный вчера,»); the subject's predicate takes its number and gender
(«закрыт», «сработал», «был создан», «будет рассмотрен», «должен»); «который» and
«он/она/оно/они» (also «его», «ему», «её», possessive «его/её/их») take the gender and
number of the noun they refer to.

Every finding carries a doubt: 0 — certain; 1 — the likely reading was chosen among
others (a rewrite is offered but not applied by ``--fix``); 2 — the words cannot be told
apart (no rewrite: the rule's advice instead). A wrong form is worse than no rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from functools import lru_cache

from replylint import nlp
from replylint.document import NUMBER, WORD, Analysis, Document, Token

CERTAIN, UNSURE, UNKNOWN = 0, 1, 2

GENDERS = frozenset({"masc", "femn", "neut"})
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_CASE_ALIASES = {"gen1": "gent", "gen2": "gent", "acc2": "accs", "loc1": "loct", "loc2": "loct",
                 "voct": "nomn"}
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
_PREDICATE_POS = frozenset({"VERB", "PRTS", "ADJS"})
_SKIPPED_POS = frozenset({"ADVB", "PRCL", "PRED", "COMP", "GRND"})
#: Prepositions and the cases they govern.
PREPOSITION_CASES = {
    "в": {"accs", "loct"}, "во": {"accs", "loct"}, "на": {"accs", "loct"},
    "о": {"loct", "accs"}, "об": {"loct", "accs"}, "обо": {"loct"}, "при": {"loct"},
    "по": {"datv", "loct", "accs"}, "к": {"datv"}, "ко": {"datv"},
    "с": {"gent", "ablt"}, "со": {"gent", "ablt"}, "из": {"gent"}, "изо": {"gent"},
    "от": {"gent"}, "до": {"gent"}, "для": {"gent"}, "без": {"gent"}, "у": {"gent"},
    "после": {"gent"}, "из-за": {"gent"}, "около": {"gent"}, "кроме": {"gent"},
    "вместо": {"gent"}, "среди": {"gent"}, "против": {"gent"}, "насчет": {"gent"},
    "за": {"ablt", "accs"}, "под": {"ablt", "accs"}, "над": {"ablt"}, "перед": {"ablt"},
    "между": {"ablt"}, "через": {"accs"}, "про": {"accs"}, "сквозь": {"accs"},
    "благодаря": {"datv"}, "согласно": {"datv"}, "вопреки": {"datv"}, "из-под": {"gent"},
    "возле": {"gent"}, "мимо": {"gent"}, "внутри": {"gent"}, "вне": {"gent"}, "помимо": {"gent"},
}
#: Personal pronouns of the third person: (case, gender or "plur") → form; «н-» forms
#: (after a preposition) are made by adding «н».
_PERSONAL = {
    "nomn": {"masc": "он", "neut": "оно", "femn": "она", "plur": "они"},
    "gent": {"masc": "его", "neut": "его", "femn": "её", "plur": "их"},
    "datv": {"masc": "ему", "neut": "ему", "femn": "ей", "plur": "им"},
    "accs": {"masc": "его", "neut": "его", "femn": "её", "plur": "их"},
    "ablt": {"masc": "им", "neut": "им", "femn": "ей", "plur": "ими"},
    "loct": {"masc": "нём", "neut": "нём", "femn": "ней", "plur": "них"},
}
_POSSESSIVE = {"masc": "его", "neut": "его", "femn": "её", "plur": "их"}
#: «два тикета» → «две ситуации»: numerals that show gender only in these forms.
NUMERAL_GENDER = {"два": "две", "оба": "обе", "полтора": "полторы"}
_NUMERAL_MASCULINE = {feminine: masculine for masculine, feminine in NUMERAL_GENDER.items()}
_SUBJECT_PRONOUNS = frozenset({"я", "ты", "он", "она", "оно"})
_PLURAL_SUBJECTS = frozenset({"мы", "вы", "они"})
_CLAUSE_WORDS = frozenset({"что", "чтобы", "если", "когда", "потому", "поэтому", "хотя", "пока",
                           "где", "куда", "как", "так", "зато", "либо", "или", "однако", "ведь"})
_COORDINATORS = frozenset({"и", "но", "а", "или", "либо", "однако", "зато"})
_COPULAS = frozenset({"быть", "стать", "оказаться", "остаться", "являться", "становиться",
                      "оставаться", "казаться", "считаться", "выглядеть", "получиться", "получаться",
                      "показаться", "оказываться"})


def case_of(grammemes) -> str | None:
    for case in _CASES:
        if case in grammemes:
            return case
    for alias, case in _CASE_ALIASES.items():
        if alias in grammemes:
            return case
    return None


def pos_of(analysis: Analysis | None) -> str | None:
    if analysis is None:
        return None
    for grammeme in analysis.grammemes:
        if grammeme.isupper() and grammeme in _ALL_POS:
            return grammeme
    return None


_ALL_POS = frozenset({"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR",
                      "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ", "LATN", "UNKN", "NUMB"})


def primary(token: Token) -> Analysis | None:
    """The reading a word most likely has: pymorphy3's first, but for a verb the dictionary
    does not know («пофиксили», read first as a noun «пофиксиль») its first verb reading."""
    if not token.analyses:
        return None
    first = token.analyses[0]
    if token.kind == WORD and "NOUN" in first.grammemes and token.norm.endswith(_VERB_ENDINGS) \
            and not _known(token.norm):
        return next((a for a in token.analyses if a.grammemes & {"VERB", "INFN"}), first)
    return first


_VERB_ENDINGS = ("ть", "ться", "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись", "ем", "им", "ет",
                 "ит", "ут", "ют", "ат", "ят", "ете", "ите", "йте", "ьте", "ишь", "ешь", "тесь")


@dataclass(frozen=True, slots=True)
class Features:
    """What agreeing words take from a noun: case, number, gender, animacy."""

    case: str | None
    number: str
    gender: str | None
    animate: bool | None = None

    @classmethod
    def of(cls, grammemes) -> "Features":
        number = "plur" if "plur" in grammemes else "sing"
        gender = next((g for g in ("masc", "femn", "neut") if g in grammemes), None)
        animate = True if "anim" in grammemes else False if "inan" in grammemes else None
        return cls(case_of(grammemes), number, gender if number == "sing" else None, animate)

    def key(self) -> str:
        """«plur» or the gender: what a predicate and a pronoun show."""
        return "plur" if self.number == "plur" else (self.gender or "masc")


def agrees(grammemes, features: Features, with_case: bool = True) -> bool:
    """Does a reading of an adjective, participle or pronoun agree with ``features``?"""
    if "Fixd" in grammemes:
        return False  # «его», «её», «их» as possessives: invariable
    if with_case and features.case is not None and case_of(grammemes) != features.case:
        return False
    if features.number == "plur":
        if "plur" not in grammemes:
            return False
    elif "sing" not in grammemes or (features.gender and features.gender not in grammemes
                                     and "Ms-f" not in grammemes):
        return False
    if with_case and features.case == "accs" and features.animate is not None \
            and (features.number == "plur" or features.gender == "masc"):
        if ("anim" in grammemes and not features.animate) or ("inan" in grammemes and features.animate):
            return False
    return True


def predicate_agrees(grammemes, features: Features) -> bool:
    """A predicate shows number, and in the singular of the past and short forms, gender."""
    if features.number == "plur":
        return "plur" in grammemes
    if "sing" not in grammemes:
        return False
    genders = grammemes & GENDERS
    return not genders or features.gender is None or features.gender in genders


def predicate_reading(token: Token, features: Features) -> Analysis | None:
    """The reading of ``token`` that is a predicate agreeing with ``features``, if any."""
    if token.kind != WORD or pos_of(primary(token)) in ("ADVB", "NOUN", "PREP", "CONJ"):
        return None  # «отдельно», «удобно»: an adverb, not «оно удобно»
    for analysis in token.analyses:
        grammemes = analysis.grammemes
        if not grammemes & _PREDICATE_POS:
            continue
        if "VERB" in grammemes and ("indc" not in grammemes or not ("past" in grammemes or "3per" in grammemes)):
            continue
        if "PRTS" in grammemes and "pres" in grammemes:
            continue  # «рассматриваем», «пофиксим»: a verb, not a present passive participle
        if predicate_agrees(grammemes, features):
            return analysis
    return None


def modifier_reading(token: Token, features: Features, parts_of_speech=_MODIFIER_POS) -> Analysis | None:
    if token.kind != WORD:
        return None
    for analysis in token.analyses:
        if analysis.grammemes & parts_of_speech and agrees(analysis.grammemes, features):
            return analysis
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """A word that agrees with the noun: its token, the reading it agrees by, and how."""

    index: int
    analysis: Analysis
    #: modifier, numeral, predicate, relative, pronoun, possessive
    role: str


@dataclass(slots=True)
class Found:
    targets: list[Target]
    doubt: int = CERTAIN

    def add(self, index: int, analysis: Analysis, role: str) -> None:
        if all(target.index != index for target in self.targets):
            self.targets.append(Target(index, analysis, role))

    def worry(self, doubt: int) -> None:
        self.doubt = max(self.doubt, doubt)


class Clause:
    """The tokens of a sentence (and the next one, for pronouns), read for agreement."""

    def __init__(self, document: Document, sentence_index: int) -> None:
        self.document = document
        sentence = document.sentences[sentence_index]
        self.first = sentence.first_token
        self.last = sentence.last_token
        following = document.sentences[sentence_index + 1] if sentence_index + 1 < len(document.sentences) else None
        same_paragraph = following is not None and following.paragraph == sentence.paragraph
        self.next_last = following.last_token if same_paragraph else self.last
        self.tokens = document.tokens


# --- the replaced noun: which case it stands in, and whether it is the subject ---------

@dataclass(frozen=True, slots=True)
class Head:
    """The replaced noun as it stands in the sentence."""

    features: Features
    #: subject, object, oblique
    role: str
    #: how sure the case is (see the module's doubt levels)
    doubt: int
    #: the preposition right before the noun phrase (its token index), or -1
    preposition: int = -1
    #: other cases the noun may stand in, when ``doubt`` > 0
    alternatives: tuple[str, ...] = ()


def noun_readings(token: Token, prefer: frozenset[str]) -> list[Features]:
    """The noun readings of a word, those with the lemma the rule wrote first (remembered:
    the same jargon words come again and again)."""
    return list(_noun_readings(token.norm, token.text, token.kind, token.analyses, prefer))


@lru_cache(maxsize=8192)
def _noun_readings(norm: str, text: str, kind: str, analyses: tuple[Analysis, ...],
                   prefer: frozenset[str]) -> tuple[Features, ...]:
    """The noun readings of a word, those with the lemma the rule wrote first.

    pymorphy3 guesses odd lemmas for words it does not know («тикет» → «тикета», «деплой»
    → an adjective «деплый»), and reads loanwords as surnames («рефанда»): jargon names
    things, so a guessed word is read as an inanimate noun, and one written as the rule
    wrote it, as the nominative or accusative singular.
    """
    nominal = _nominal(analyses)
    preferred = [a for a in nominal if a.lemma in prefer]
    guessed = kind == WORD and not _known(norm)
    if preferred:
        nominal = preferred
    elif guessed and norm in prefer and _written_in_cyrillic(norm, text):
        gender = _gender_by_ending(norm)
        return (Features("nomn", "sing", gender, False), Features("accs", "sing", gender, False))
    elif guessed:
        nominal = [a for a in nominal if "NOUN" in a.grammemes and not a.grammemes & {"Name", "Surn", "Patr"}]
        if all("Geox" in a.grammemes for a in nominal):
            nominal = []  # a place is a guess too: «сурджа» is no town but «сурдж» in the genitive
    readings = [Features.of(a.grammemes) for a in nominal]
    if guessed:
        readings = _as_things(readings)
    unique = []
    for features in readings:
        features = Features(features.case or "nomn", features.number, features.gender, features.animate)
        if features not in unique:
            unique.append(features)
    return tuple(unique)


def _gender_by_ending(norm: str) -> str:
    """The gender a noun's nominative singular ending shows («-а/-я» feminine, «-о/-е»
    neuter, else masculine), for a word whose dictionary reading cannot be trusted."""
    return {"а": "femn", "я": "femn", "о": "neut", "е": "neut"}.get(norm[-1:], "masc")


def _nominal(analyses: tuple[Analysis, ...]) -> list[Analysis]:
    """A word's noun readings (else its adjective and pronoun ones), colloquial ones left
    out when it has others: «кэша» is the genitive of «кэш», and its colloquial plural
    («кэша» as «дома») turned «размер кэша» into «размер сохранённые данные»."""
    nominal = [a for a in analyses if "NOUN" in a.grammemes] or \
        [a for a in analyses if a.grammemes & {"ADJF", "NPRO"}]
    return [a for a in nominal if "Infr" not in a.grammemes] or nominal


def _written_in_cyrillic(norm: str, text: str) -> bool:
    return norm.isalpha() and text[1:] == norm[1:] and "а" <= norm[0] <= "я"


def _guessed_only(token: Token) -> bool:
    return token.kind == WORD and not _known(token.norm)


def _as_things(readings: list[Features]) -> list[Features]:
    """Loanwords are guessed as animate: «рефанд» is a thing (its «-а» form a genitive, its
    accusative the nominative); «мерчант» may be either (its «-а» form is kept as an
    animate accusative too)."""
    readings = [Features(f.case, f.number, f.gender, f.case == "accs" and f.animate is True) for f in readings]
    for features in list(readings):
        if features.case == "nomn" and (features.number == "plur" or features.gender == "masc"):
            readings.append(Features("accs", features.number, features.gender, False))
    return readings


def _known(norm: str) -> bool:
    return nlp.is_known_word(norm)


def preposition_before(clause: Clause, np_first: int) -> int:
    """The preposition governing a noun phrase starting at ``np_first`` (or -1)."""
    index = np_first - 1
    while index >= clause.first:
        token = clause.tokens[index]
        if token.kind == "punct":
            return -1
        if token.norm in PREPOSITION_CASES and _is_preposition(token):
            return index
        analysis = primary(token)
        if token.kind == NUMBER or (analysis and analysis.grammemes & (_MODIFIER_POS | {"NUMR"})
                                      and "Fixd" not in analysis.grammemes) \
                or (analysis and "Fixd" in analysis.grammemes and "Apro" in analysis.grammemes):
            index -= 1
            continue
        return -1
    return -1


def _is_preposition(token: Token) -> bool:
    return any("PREP" in a.grammemes for a in token.analyses) or token.norm in ("из-за", "из-под")


def head_of(clause: Clause, head: int, np_first: int, prefer: frozenset[str], preposition: int = -1) -> Head | None:
    """Work out the case and role of the replaced noun at token ``head``; its phrase
    starts at ``np_first``; ``preposition`` is one the match itself starts with («на холде»)."""
    readings = noun_readings(clause.tokens[head], prefer)
    if preposition < 0:
        preposition = preposition_before(clause, np_first)
    counted = _counted(clause, head, np_first, readings, preposition)
    if counted is not None and counted.case != "nomn":
        return Head(counted, "oblique", CERTAIN, preposition)
    if counted is not None:  # «21 паллета»: a subject or an object, as any singular noun
        readings = [counted, Features("accs", "sing", counted.gender, counted.animate)]
    if preposition >= 0:
        return _governed(clause, head, np_first, preposition, readings)
    if _this_is(clause, np_first):
        # «Это баг»: the noun names what «это» is — a nominative, whatever else it reads as
        # («Это ошибка», not «Это ошибку»); a neuter noun may have «это» as its determiner
        # instead («это приложение глючит»), which is read as any phrase is
        nominative = [f for f in readings if f.case == "nomn" and (f.gender, f.number) != ("neut", "sing")]
        if nominative:
            return Head(nominative[0], "subject", CERTAIN)
        if not readings:  # a word the dictionary does not know: its gender, and so «это»'s part, unknown
            return Head(Features("nomn", "sing", None), "subject", UNKNOWN)
    modifiers = _modifier_cases(clause, np_first, head)
    if not readings:
        if not modifiers:
            return _indeclinable(clause, head, np_first)
        # «Ваш PNR аннулировали»: the adjective tells the case, as for any noun
        gender = _modifier_gender(clause, head)
        readings = [Features(case, "sing", gender, False) for case in _CASES if case in modifiers]
    if modifiers:
        readings = [f for f in readings if f.case in modifiers] or readings
    return _by_case(clause, head, np_first, readings)


#: Numerals in the nominative after which a noun takes the genitive singular («два тикета»).
_FEW_WORDS = frozenset({*NUMERAL_GENDER, *NUMERAL_GENDER.values(), "три", "четыре"})
#: Words that count in the genitive plural, as «пять» does («несколько тикетов»).
_MANY_WORDS = frozenset({"несколько", "много", "мало", "сколько", "столько", "немного"})


def _counted(clause: Clause, head: int, np_first: int, readings: list[Features], preposition: int) -> Features | None:
    """The form a noun takes after a number, whatever pymorphy3 reads the word as (it knows
    «паллет», not «паллета»): the genitive singular after 2-4 in the nominative or
    accusative («2 паллеты» → «2 поддона»), the genitive plural after 5 and more («5
    паллет» → «5 поддонов»), the nominative singular after 21, 31… («21 паллета» → «21
    поддон»), the numeral's case in the plural after an oblique one («двух паллет» →
    «двух поддонов»). None when no number counts the noun, or when the noun already
    shows another case («с 2 паллетами»)."""
    if not readings or {f.case for f in readings} - {"nomn", "accs", "gent"}:
        return None
    index = _before_modifiers(clause, np_first - 1)  # «2 новые паллеты»
    if index < clause.first:
        return None
    count = _count_of(clause, index)
    if count is None:
        return None
    case, number = count
    if case == "nomn" and preposition >= 0:
        governed = PREPOSITION_CASES[clause.tokens[preposition].norm]
        if len(governed) != 1:
            return None
        case = next(iter(governed))  # «из 21 паллеты»: the preposition's genitive, singular
    elif case == "nomn" and any(f.case != "gent" for f in readings):
        return None  # «21 тикет»: read right already
    gender = next((f.gender for f in readings if f.gender), None) if number == "sing" else None
    if case == "nomn":  # read as a genitive, it is a nominative: its ending tells the gender («паллета»)
        gender = _gender_by_ending(clause.tokens[head].norm)
    return Features(case, number, gender, readings[0].animate)


def _count_of(clause: Clause, index: int) -> tuple[str, str] | None:
    """The (case, number) a number or a numeral at ``index`` gives the noun it counts."""
    token = clause.tokens[index]
    if token.kind == NUMBER:
        if index > clause.first and clause.tokens[index - 1].text in ("№", "#"):
            return None  # «тикет № 2» names, it does not count
        digits = token.text.replace("\u00a0", "").replace(" ", "")
        if not digits.isdigit():
            fraction = any(mark in digits for mark in ",.") and digits.replace(",", "").replace(".", "").isdigit()
            return ("gent", "sing") if fraction else None  # «1,5 паллеты»
        value = int(digits)
        if 11 <= value % 100 <= 14 or value % 10 in (0, 5, 6, 7, 8, 9):
            return "gent", "plur"
        return ("nomn", "sing") if value % 10 == 1 else ("gent", "sing")
    if token.kind != WORD:
        return None
    if token.norm in _FEW_WORDS:
        return "gent", "sing"
    if token.norm in _MANY_WORDS:
        return "gent", "plur"
    analysis = primary(token)
    if analysis is None or pos_of(analysis) != "NUMR" or analysis.lemma in ("один", "тысяча", "миллион"):
        return None
    case = case_of(analysis.grammemes)
    return ("gent", "plur") if case in ("nomn", "accs") else (case, "plur") if case else None


def _before_modifiers(clause: Clause, index: int) -> int:
    """The index of the first token at or before ``index``, going left, that is not an
    adjective or participle of the noun phrase (``clause.first - 1`` when there is none)."""
    while index >= clause.first and clause.tokens[index].kind == WORD \
            and pos_of(primary(clause.tokens[index])) in _MODIFIER_POS:
        index -= 1
    return index


def _this_is(clause: Clause, np_first: int) -> bool:
    """«Это баг», «…, это тикет по оплате», «это не баг»: «это» right before the noun phrase
    (past its adjectives and its «не») and first in its clause (after nothing, a
    punctuation mark or a conjunction)."""
    index = _before_modifiers(clause, np_first - 1)  # the noun's own adjectives: «Это известный баг»
    if index > clause.first and clause.tokens[index].norm == "не":
        index -= 1  # «это не баг, а фича»
    if index < clause.first or clause.tokens[index].norm != "это":
        return False
    before = index - 1
    return before < clause.first or clause.tokens[before].kind == "punct" \
        or clause.tokens[before].norm in ("и", "а", "но", "ведь", "так", "что")


def _by_case(clause: Clause, head: int, np_first: int, readings: list[Features]) -> Head:
    """The role a noun's possible cases leave it: oblique, subject, object — or, for a
    nominative that may be an accusative, what the clause says."""
    cases = {f.case for f in readings}
    if not cases & {"nomn", "accs"}:
        if cases <= {"gent"} and _nothing_before(clause, np_first):
            # «Паллета уже погружена»: read as the genitive of «паллет», with nothing to
            # govern it — the dictionary does not know the word as written
            return Head(readings[0], "oblique", UNKNOWN)
        return _choose(readings, "oblique")
    if cases == {"nomn"}:
        return _choose(readings, "subject")
    if "nomn" not in cases:
        # «ждём рефанда» (genitive), «проверим мерчанта» (accusative): the verb tells
        # («по срокам банка-эмитента»: after a noun, the genitive that depends on it)
        first = "gent" if _after_genitive_verb(clause, np_first) or _after_noun(clause, np_first) else "accs"
        return _choose([f for f in readings if f.case == first] + [f for f in readings if f.case != first],
                       "object")
    role, doubt = subject_or_object(clause, head, np_first, readings)
    if doubt != CERTAIN and "gent" in cases and _after_noun(clause, np_first):
        # «по факту выкатки»: nothing makes it a subject or an object, and the noun before
        # it takes a genitive (not «по факту выпуски»)
        return _choose([f for f in readings if f.case == "gent"] + [f for f in readings if f.case != "gent"],
                       "oblique", doubt=UNSURE)
    wanted = "nomn" if role == "subject" else "accs"
    chosen = [f for f in readings if f.case == wanted] or readings
    other = tuple(sorted(cases - {wanted}))
    return Head(chosen[0], role, doubt, -1, other if doubt else ())


def _governed(clause: Clause, head: int, np_first: int, preposition: int, readings: list[Features]) -> Head:
    """A noun after a preposition: the readings in a case it governs, the likeliest first."""
    governed = PREPOSITION_CASES[clause.tokens[preposition].norm]
    order = preferred_cases(clause, preposition)
    fitting = sorted((f for f in readings if f.case in governed), key=lambda f: order.index(f.case))
    if fitting:
        return _choose(fitting, "oblique", preposition)
    if readings and not _guessed_only(clause.tokens[head]):
        return _choose(readings, "oblique", preposition, UNSURE)
    # a guessed word in no case the preposition governs («в процедурку», read as a dative
    # of «процедурок»): the guess is wrong, the preposition tells the case
    # «по SLA»: an indeclinable word takes the preposition's case
    modifiers = _modifier_cases(clause, np_first, head)
    if modifiers and modifiers & governed:  # «в нашей CRM»: the adjective tells
        governed = modifiers & governed
    case = next(c for c in order if c in governed)
    # «с HLR»: with it or from it? «под ТТН»: for it or under it? the two cases mean
    # different things
    doubt = CERTAIN if len(governed) == 1 else UNKNOWN if governed in ({"gent", "ablt"}, {"accs", "ablt"}) \
        else UNSURE
    return Head(Features(case, "sing", _modifier_gender(clause, head)), "oblique", doubt, preposition)


def _choose(readings: list[Features], role: str, preposition: int = -1, doubt: int = CERTAIN) -> Head:
    cases = []
    for features in readings:
        if features.case not in cases:
            cases.append(features.case)
    if len(cases) > 1:
        doubt = max(doubt, UNSURE)
    return Head(readings[0], role, doubt, preposition, tuple(cases[1:]))


def _modifier_cases(clause: Clause, np_first: int, head: int) -> set[str]:
    """The cases the adjectives right before the noun can stand in («вашему тикету»)."""
    cases: set[str] | None = None
    index = head - 1
    while index >= clause.first:
        token = clause.tokens[index]
        found = {case_of(a.grammemes) for a in token.analyses
                 if a.grammemes & _MODIFIER_POS and "Fixd" not in a.grammemes}
        found.discard(None)
        if not found or (index < np_first and token.kind != WORD):
            break
        cases = found if cases is None else cases & found
        index -= 1
    return cases or set()


#: Verbs of motion and transfer: «в/на» after them is where to (accusative).
_DIRECTION_VERBS = frozenset("""
отправить отправлять передать передавать доставить доставлять привезти привозить отвезти
отвозить перевезти перевозить направить направлять поступить поступать прибыть прибывать
приехать приезжать уехать уезжать переместить перемещать вернуть возвращать вернуться
возвращаться записать записывать внести вносить добавить добавлять загрузить загружать
зайти заходить войти входить прийти приходить положить класть поставить ставить перевести
переводить перейти переходить отдать отдавать сдать сдавать принести приносить подать
подавать обратиться обращаться написать писать позвонить звонить выйти выходить ехать
идти пойти попасть попадать отнести относить вывезти вывозить выгрузить
выгружать занести заносить завезти завозить ввести вводить переехать переезжать
""".split())


def preferred_cases(clause: Clause, preposition: int) -> list[str]:
    """The cases a preposition governs, the likeliest first: «по» the dative, «в/на/за/под»
    the accusative after a verb of motion or transfer («отправим на склад»), else the
    locative or instrumental («лежит на складе»)."""
    norm = clause.tokens[preposition].norm
    governed = PREPOSITION_CASES[norm]
    order = ["datv", "ablt", "gent", "loct", "accs", "nomn"]
    if norm in ("в", "во", "на", "за", "под") and _after_direction_verb(clause, preposition):
        order = ["accs", "loct", "ablt", "datv", "gent", "nomn"]
    return [case for case in order if case in governed] + [case for case in _CASES if case not in order]


def _after_direction_verb(clause: Clause, index: int) -> bool:
    index -= 1
    while index >= clause.first and clause.tokens[index].kind != "punct":
        analyses = clause.tokens[index].analyses
        verbal = [a for a in analyses[:2] if a.grammemes & {"VERB", "INFN", "PRTS", "PRTF", "GRND"}]
        if verbal:
            return any(a.lemma in _DIRECTION_VERBS for a in verbal)
        index -= 1
    return False


#: Verbs whose object is in the genitive («ждём ответа»).
_GENITIVE_VERBS = frozenset("""
ждать ожидать дождаться дожидаться требовать потребовать хотеть захотеть просить
попросить искать добиваться добиться бояться избегать избежать желать пожелать достичь
достигнуть достигать лишить лишать касаться коснуться стоить заслуживать
""".split())


def _after_genitive_verb(clause: Clause, index: int) -> bool:
    index -= 1
    while index >= clause.first and clause.tokens[index].kind == WORD:
        verbal = [a for a in clause.tokens[index].analyses[:2] if a.grammemes & {"VERB", "INFN", "GRND"}]
        if verbal:
            return any(a.lemma in _GENITIVE_VERBS for a in verbal)
        index -= 1
    return False


def _modifier_gender(clause: Clause, head: int) -> str | None:
    """The gender the adjective right before an abbreviation shows («нашей CRM»)."""
    token = clause.tokens[head - 1] if head - 1 >= clause.first else None
    if token is None or token.kind != WORD:
        return None
    genders = {g for a in token.analyses if a.grammemes & _MODIFIER_POS and "sing" in a.grammemes
               for g in a.grammemes & GENDERS}
    return genders.pop() if len(genders) == 1 else None


def _indeclinable(clause: Clause, head: int, np_first: int) -> Head:
    """An abbreviation or a Latin word: the case from the word before it."""
    previous = _previous_word(clause, np_first)
    if previous is not None:
        analysis = primary(previous)
        if _after_noun(clause, np_first):
            return Head(Features("gent", "sing", None), "oblique", UNSURE)
        if analysis and analysis.grammemes & {"VERB", "INFN", "GRND"} and _transitive_only(previous):
            return Head(Features("accs", "sing", None), "object", UNSURE)
    following = _next_word(clause, head)
    if following is not None and predicate_reading(following, Features(None, "sing", None)):
        return Head(Features("nomn", "sing", None), "subject", UNSURE)
    if previous is None:
        return Head(Features("nomn", "sing", None), "subject", UNSURE)
    return Head(Features("nomn", "sing", None), "subject", UNKNOWN)


def _after_noun(clause: Clause, np_first: int) -> bool:
    """The word right before the noun phrase is a noun (whose genitive complement it is);
    after an abbreviation nothing says so («по ТЗ овербукинг» is a nominative)."""
    previous = _previous_word(clause, np_first)
    analysis = primary(previous) if previous is not None else None
    return analysis is not None and "NOUN" in analysis.grammemes and "Fixd" not in analysis.grammemes


def _previous_word(clause: Clause, index: int) -> Token | None:
    index -= 1
    if index >= clause.first and clause.tokens[index].kind in (WORD, NUMBER):
        return clause.tokens[index]
    return None


def _next_word(clause: Clause, index: int) -> Token | None:
    index += 1
    if index < clause.last and clause.tokens[index].kind in (WORD, NUMBER):
        return clause.tokens[index]
    return None


def _transitive_only(token: Token) -> bool:
    verbal = [a for a in token.analyses if a.grammemes & {"VERB", "INFN", "GRND", "PRTF"}]
    return bool(verbal) and all("tran" in a.grammemes for a in verbal)


def _needs_object(token: Token) -> bool:
    """A transitive verb that is not one of going («пройти», «перейти»: the dictionary
    marks them transitive for «пройти улицу», but «Деплой прошёл» is how they are said)."""
    return _transitive_only(token) and not any(lemma.endswith("йти") for lemma in token.lemmas)


def _intransitive(token: Token) -> bool:
    return any("intr" in a.grammemes for a in token.analyses if a.grammemes & {"VERB", "INFN"})


def subject_or_object(clause: Clause, head: int, np_first: int, readings: list[Features]) -> tuple[str, int]:
    """A noun that reads as nominative or accusative («тикет»): subject or object?

    A transitive verb before it makes it the object («Мы создали тикет»), an intransitive
    one or a short participle the subject («Сработал чарджбэк», «Создан тикет»); a
    predicate after it that agrees with it, the subject («Тикет закрыт»); a subject of its
    own after it, the object («Тикет мы закрыли»).
    """
    nominative = next(f for f in readings if f.case == "nomn")
    index = np_first - 1
    modified = False
    while index >= clause.first:
        token = clause.tokens[index]
        if token.kind == "punct":
            break
        analysis = primary(token)
        pos = pos_of(analysis)
        if pos in _SKIPPED_POS or token.kind == NUMBER:
            index -= 1
            continue
        if pos in ("ADJF", "PRTF", "NUMR") and modifier_reading(token, nominative, _MODIFIER_POS | {"NUMR"}):
            index -= 1  # the noun's own modifier: «Создан новый тикет»
            modified = True
            continue
        if modified and not (pos == "PRTS" or (pos == "VERB" and _intransitive(token))):
            break  # (past its modifiers only a predicate that makes the noun its subject counts)
        if pos in ("VERB", "INFN") or (pos == "PRTS" and predicate_reading(token, nominative)):
            return _role_after_verb(clause, head, index, nominative)
        if pos == "NPRO" and (token.norm in _SUBJECT_PRONOUNS or token.norm in _PLURAL_SUBJECTS):
            # «мы тикет создали»: a subject before it, the verb after
            return "object", UNSURE
        break
    return _role_from_the_right(clause, head, nominative)


def _role_after_verb(clause: Clause, head: int, verb: int, nominative: Features) -> tuple[str, int]:
    """The role of a nominative-or-accusative noun after the verb (or short participle) at
    ``verb``: see :func:`subject_or_object`."""
    token = clause.tokens[verb]
    analysis = primary(token)
    pos = pos_of(analysis)
    if pos == "PRTS" or (_intransitive(token) and predicate_reading(token, nominative)):
        return "subject", CERTAIN
    if not (_transitive_only(token) or pos == "INFN" or "impr" in analysis.grammemes):
        return "object", UNSURE
    subject = _subject_before(clause, verb, analysis)
    if subject == UNKNOWN:
        return "object", UNKNOWN  # «Платёж проверяет бэк-офис»: which is which?
    if not subject and pos == "VERB" and "impr" not in analysis.grammemes \
            and nominative.number == "sing" and predicate_agrees(analysis.grammemes, nominative) \
            and not nominative.animate and not _subject_after(clause, head):
        # «Некорректно отработал провижининг»: no subject anywhere and the verb agrees
        # with the noun — it may be the subject («отработать» is also said of a system) or
        # the object of a «he» left unsaid: which is which? (a plural verb is a «we» or
        # «they» left unsaid: «поменяли сайлентблоки»)
        return "object", UNKNOWN
    return "object", CERTAIN if subject or "impr" in analysis.grammemes or pos == "INFN" \
        or not predicate_agrees(analysis.grammemes, nominative) else UNSURE


def _subject_after(clause: Clause, head: int) -> bool:
    """A sure subject after ``head`` in its clause (see :func:`_nominative_readings`)."""
    for index in range(head + 1, clause.last):
        token = clause.tokens[index]
        if token.kind == "punct":
            return False
        if _nominative_readings(token) is None:
            return True
    return False


def _object_of(clause: Clause, head: int, verb: int) -> bool:
    """Does the verb at ``verb`` have an object other than the noun at ``head`` before it:
    an accusative between the two («Эквайер его не засеттлил») or after the verb in its
    clause, not after a preposition («Процессинг обработал платёж»)?"""
    between = range(head + 1, verb)
    for index in [*between, *range(verb + 1, clause.last)]:
        token = clause.tokens[index]
        if token.kind == "punct" and index > verb:
            return False
        if index > verb and pos_of(primary(token)) == "PREP":
            return False  # (what follows is the preposition's; an object comes before it)
        if token.kind == NUMBER or token.norm in ("его", "её", "ее", "их") or (token.kind == WORD and any(
                a.grammemes & {"NOUN", "NPRO", "NUMR"} and "accs" in a.grammemes for a in token.analyses[:2])):
            return True
    return False


def _subject_before(clause: Clause, verb: int, analysis: Analysis) -> int | bool:
    """Is there a subject before the verb? True for a pronoun or a noun that can only be
    nominative; UNKNOWN for a noun that reads as nominative or accusative and agrees with
    the verb (then either noun may be the subject); False for none."""
    found: int | bool = False
    for index in range(clause.first, verb):
        token = clause.tokens[index]
        nominative = _nominative_readings(token)
        if nominative is None:
            return True
        if any(predicate_agrees(analysis.grammemes, Features.of(a.grammemes)) for a in nominative):
            found = UNKNOWN
    return found


def _nominative_readings(token: Token) -> list[Analysis] | None:
    """None when ``token`` is surely a subject — a subject pronoun, or a noun that is
    nominative and either cannot be accusative or is a person («Менеджер закрыл тикет»: a
    person is the one who acts); else its nominative noun readings that may or may not
    be one (none for a word that is not a nominative noun)."""
    if token.norm in _SUBJECT_PRONOUNS or token.norm in _PLURAL_SUBJECTS:
        return None
    nouns = [a for a in token.analyses if "NOUN" in a.grammemes]
    if not nouns or "NOUN" not in token.analyses[0].grammemes:
        return []
    nominative = [a for a in nouns if "nomn" in a.grammemes]
    if nominative and ("accs" not in {case_of(a.grammemes) for a in nouns}
                       or any("anim" in a.grammemes for a in nominative)):
        return None
    return nominative


def _role_from_the_right(clause: Clause, head: int, nominative: Features) -> tuple[str, int]:
    index = _phrases_after(clause, _genitive_after(clause, head + 1), nominative, Found([]))
    in_phrase = False
    while index < clause.last:
        token = clause.tokens[index]
        if token.kind == "punct" and not _number_sign(clause, index):
            if token.text == "," and _insertion_end(clause, index, nominative) is not None:
                index = _insertion_end(clause, index, nominative)
                continue
            break
        analysis = primary(token)
        pos = pos_of(analysis)
        if predicate_reading(token, nominative) and pos in _PREDICATE_POS:
            return _role_before_predicate(clause, head, index, nominative)
        if adjective_predicate(clause, index, nominative) is not None:
            return "subject", CERTAIN
        if pos == "NPRO" and (token.norm in _SUBJECT_PRONOUNS or token.norm in _PLURAL_SUBJECTS):
            return "object", CERTAIN
        if pos in ("VERB",) and "indc" in analysis.grammemes:
            return "object", UNSURE  # «Кейс закрыли вчера»: a verb that does not agree
        in_phrase = _skip(token, in_phrase)
        if in_phrase is None:
            role = _order_before_verb(clause, index, nominative) if token.kind == WORD else None
            if role is not None:
                return role, UNSURE
            break
        index += 1
    if _opens_clause(clause, head) or not _has_verb(clause):
        # (a sentence without a verb names things: «в среду кросс-докинг, далее доставка»)
        return "subject", UNSURE
    return "object", UNSURE


def _order_before_verb(clause: Clause, index: int, nominative: Features) -> str | None:
    """The replaced noun's role when another noun stands at ``index`` before a verb:
    «андеррайтинг повышение не согласует» — a thing that may be an accusative, then a verb
    that agrees with the replaced noun: subject, object, verb, the order Russian reads
    first; «Кейс менеджер закрыл» — a person, who is the subject: the replaced noun is the
    object. None when no verb follows."""
    token = clause.tokens[index]
    first = primary(token)
    following = index + 1
    while following < clause.last and clause.tokens[following].norm in ("не", "уже", "пока", "ещё", "еще", "сейчас"):
        following += 1
    if first is None or following >= clause.last or pos_of(primary(clause.tokens[following])) != "VERB":
        return None
    verb = clause.tokens[following]
    if "anim" in first.grammemes and "NOUN" in first.grammemes and "nomn" in first.grammemes \
            and predicate_reading(verb, Features.of(first.grammemes)) is not None:
        return "object"
    if any("NOUN" in a.grammemes and "accs" in a.grammemes for a in token.analyses[:2]) \
            and predicate_reading(verb, nominative) is not None:
        return "subject"
    return None


def _role_before_predicate(clause: Clause, head: int, predicate: int, nominative: Features) -> tuple[str, int]:
    """The role of a nominative-or-accusative noun before a predicate that agrees with it."""
    token = clause.tokens[predicate]
    analysis = primary(token)
    if pos_of(analysis) != "VERB":
        return "subject", CERTAIN
    # «Тикет закрыл менеджер»: a subject after the verb (a noun that may also be the
    # object after it, «Процессинг обработал платёж», leaves the first one the subject)
    if not _intransitive(token) and _subject_after(clause, predicate):
        return "object", UNSURE
    if _needs_object(token) and "past" in analysis.grammemes and nominative.number == "sing" \
            and not nominative.animate and not _object_of(clause, head, predicate):
        # «Тикет эскалировал на второй лайн», «Тикет закрыл вчера»: a verb that needs an
        # object and has none — the noun is its subject, or the object of a «я» left
        # unsaid: which is which?
        return "object", UNKNOWN
    return "subject", CERTAIN if not _transitive_only(token) else UNSURE


def _has_verb(clause: Clause) -> bool:
    """Does the sentence have a verb, an infinitive, a short participle or a predicative —
    anything that could take an object?"""
    return any(pos_of(primary(clause.tokens[index])) in ("VERB", "INFN", "PRTS", "GRND", "PRED")
               for index in range(clause.first, clause.last) if clause.tokens[index].kind == WORD)


def _nothing_before(clause: Clause, np_first: int) -> bool:
    """No word before the noun phrase in its sentence (quotes and dashes aside)."""
    return all(clause.tokens[index].kind == "punct" for index in range(clause.first, np_first))


def _opens_clause(clause: Clause, head: int) -> bool:
    """Nothing but the noun's own modifiers stands before it in the sentence."""
    index = head - 1
    while index >= clause.first:
        token = clause.tokens[index]
        if token.kind == "punct" and token.text not in "«\"(—–-":
            return False
        if token.kind == WORD and not any(a.grammemes & (_MODIFIER_POS | {"NUMR"}) for a in token.analyses[:1]):
            return False
        index -= 1
    return True


def adjective_predicate(clause: Clause, index: int, features: Features) -> Analysis | None:
    """«Кейс сложный»: a full adjective in the nominative after the subject, not followed
    by a noun of its own."""
    token = clause.tokens[index]
    analysis = modifier_reading(token, Features("nomn", features.number, features.gender, None))
    if analysis is None:
        return None
    following = index + 1
    if following < len(clause.tokens) and clause.tokens[following].sentence == token.sentence \
            and clause.tokens[following].kind != "punct":
        return None  # «бесплатная доставка», «новый клиент создал»: not a predicate
    return analysis


def _skip(token: Token, in_phrase: bool) -> bool | None:
    """Can the search for a predicate pass over this word? Returns whether a prepositional
    phrase is open after it, or None to stop (another subject, a new clause)."""
    if token.kind == NUMBER:
        return False
    analysis = primary(token)
    pos = pos_of(analysis)
    if token.norm in PREPOSITION_CASES and _is_preposition(token):
        return True
    if pos in _SKIPPED_POS or token.norm in ("номер", "№", "#"):
        return in_phrase
    if token.norm in _CLAUSE_WORDS or pos in ("CONJ", "INTJ"):
        return None
    if pos in ("NOUN", "NPRO", "ADJF", "PRTF", "NUMR", "LATN", "UNKN", None):
        if in_phrase:
            return pos not in ("NOUN", "NPRO", "LATN", "UNKN", None)
        nominative = any("nomn" in a.grammemes for a in token.analyses if a.grammemes & {"NOUN", "NPRO"})
        if nominative or pos in ("LATN", "UNKN", None):
            return None
        return False
    return None


def _number_sign(clause: Clause, index: int) -> bool:
    """«тикет #4482 закрыт»: «#» before a number is read as «№» is."""
    return clause.tokens[index].text == "#" and index + 1 < clause.last and clause.tokens[index + 1].kind == NUMBER


def _insertion_end(clause: Clause, comma: int, features: Features) -> int | None:
    """«Тикет, к сожалению, закрыт»: a short stretch between commas with no subject of its
    own, followed by a predicate agreeing with the noun. Returns the index after the
    closing comma, or None."""
    index = comma + 1
    words = 0
    while index < clause.last and words <= 5:
        token = clause.tokens[index]
        if token.kind == "punct":
            if token.text != ",":
                return None
            break
        if token.kind == WORD:
            words += 1
            if any(a.grammemes & {"NOUN", "NPRO"} and "nomn" in a.grammemes
                   and predicate_agrees(a.grammemes, features) for a in token.analyses[:1]):
                return None
        index += 1
    else:
        return None
    if index >= clause.last or words == 0:
        return None
    after = index + 1
    while after < clause.last and pos_of(primary(clause.tokens[after])) in _SKIPPED_POS:
        after += 1
    if after < clause.last and predicate_reading(clause.tokens[after], features):
        return index + 1
    return None


# --- the words that agree -------------------------------------------------------------

def find_agreeing(clause: Clause, head: Head, np_first: int, match_last: int) -> Found:
    """Every word that agrees with the replaced noun, which occupies tokens
    ``np_first`` (its first modifier) to ``match_last`` (exclusive)."""
    found = Found([])
    features = head.features
    _modifiers_before(clause, np_first, features, found)
    after = _phrases_after(clause, match_last, features, found)
    if after == match_last:
        after = _phrases_after(clause, _genitive_after(clause, match_last), features, found)
    if head.role == "subject":
        if not _predicate_after(clause, after, features, found):
            # (before the noun's own modifiers: «прикреплён большой аттач»)
            modifiers = [target.index for target in found.targets if target.role in ("modifier", "numeral")
                         and target.index < np_first]
            _predicate_before(clause, min(modifiers, default=np_first), features, found)
        _unexplained_predicates(clause, features, found, np_first, match_last)
    _pronouns(clause, match_last, features, found)
    return found


def _modifiers_before(clause: Clause, np_first: int, features: Features, found: Found) -> None:
    """«ваш новый тикет», «созданный вами тикет», «два тикета»."""
    index = np_first - 1
    while index >= clause.first:
        token = clause.tokens[index]
        analysis = modifier_reading(token, features, _MODIFIER_POS | {"NUMR"})
        if analysis is not None:
            found.add(index, analysis, "modifier")
            index -= 1
            continue
        if token.norm in NUMERAL_GENDER or token.norm in _NUMERAL_MASCULINE:
            found.add(index, primary(token), "numeral")
            index -= 1
            continue
        if (token.text == "," or token.norm in ("и", "или", "же")) and index - 1 >= clause.first \
                and modifier_reading(clause.tokens[index - 1], features) is not None:
            index -= 1  # «новый и срочный тикет», «этот же тикет»
            continue
        participle = _participle_with_dependents(clause, index, features)
        if participle is None:
            return
        found.add(participle, modifier_reading(clause.tokens[participle], features), "modifier")
        index = participle - 1


def _participle_with_dependents(clause: Clause, index: int, features: Features) -> int | None:
    """«созданный в приложении тикет»: a participle before the noun with its own words
    between them (adverbs, prepositional phrases, nouns in other cases)."""
    steps = 0
    while index >= clause.first and steps < 5:
        token = clause.tokens[index]
        if token.kind == "punct":
            return None
        analysis = modifier_reading(token, features, frozenset({"PRTF"}))
        if analysis is not None:
            following = clause.tokens[index + 1] if index + 1 < clause.last else None
            if following is not None and following.kind == WORD and _agrees_with_noun(token, following):
                return None  # it belongs to the noun right after it
            return index
        pos = pos_of(primary(token))
        if pos in ("NOUN", "NPRO") and any("nomn" in a.grammemes for a in token.analyses[:1]):
            return None
        if pos not in ("ADVB", "PREP", "NOUN", "NPRO", "ADJF", "PRCL", "NUMR") and token.kind != NUMBER:
            return None
        index -= 1
        steps += 1
    return None


def _agrees_with_noun(modifier: Token, noun: Token) -> bool:
    nouns = [Features.of(a.grammemes) for a in noun.analyses if "NOUN" in a.grammemes]
    return any(agrees(a.grammemes, features) for features in nouns for a in modifier.analyses
               if a.grammemes & _MODIFIER_POS)


def _phrases_after(clause: Clause, match_last: int, features: Features, found: Found) -> int:
    """«тикет, созданный вчера,», «тикет, который вы создали,»: returns where the noun's
    own words end (after the closing comma)."""
    index = match_last
    while index < clause.last:
        token = clause.tokens[index]
        if token.text == "," and index + 1 < clause.last:
            end = _relative_clause(clause, index, features, found)
            if end is None:
                end = _participial_phrase(clause, index, features, found)
            if end is None:
                return index
            index = end + 1 if end < clause.last and clause.tokens[end].text == "," else end
            continue
        participle = modifier_reading(token, features, frozenset({"PRTF"})) if token.kind == WORD else None
        if participle is not None and index == match_last:
            found.add(index, participle, "modifier")  # «тикет созданный вчера» (no comma)
            index += 1
            continue
        possessive = _possessive_after(clause, index, features) if index == match_last else None
        if possessive is not None:
            found.add(index, possessive, "modifier")  # «Тикет ваш закрыт»
            index += 1
            continue
        return index
    return index


def _possessive_after(clause: Clause, index: int, features: Features) -> Analysis | None:
    """«Тикет ваш закрыт»: a possessive right after the noun, agreeing with it, and followed
    by a word (before a punctuation mark it is the predicate: «Баг наш.»)."""
    token = clause.tokens[index]
    following = index + 1
    if token.kind != WORD or following >= clause.last or clause.tokens[following].kind != WORD:
        return None
    analysis = modifier_reading(token, features, frozenset({"ADJF"}))
    return analysis if analysis is not None and "Apro" in analysis.grammemes else None


def _relative_clause(clause: Clause, comma: int, features: Features, found: Found) -> int | None:
    """«, который вы создали», «, о котором вы писали»: «который» takes the noun's gender
    and number in its own case; in the nominative it is the subject of its clause. Returns
    where the clause ends, or None when there is none."""
    position = comma + 1
    following = clause.tokens[position]
    relative = _relative_reading(following, features)
    if relative is None and _is_preposition(following) and position + 1 < clause.last:
        relative = _relative_reading(clause.tokens[position + 1], features)
        if relative is not None:
            found.add(position + 1, relative, "relative")
            return _phrase_end(clause, position + 2)
    if relative is None:
        return None
    end = _phrase_end(clause, position + 1)
    wanted = "accs" if _has_own_subject(clause, position + 1, end) else "nomn"  # «который вы создали»
    relative = next((a for a in following.analyses if wanted in a.grammemes
                     and agrees(a.grammemes, features, with_case=False)), relative)
    found.add(position, relative, "relative")
    if "nomn" in relative.grammemes:
        _predicate_after(clause, position + 1, features, found, end)
    return end


def _participial_phrase(clause: Clause, comma: int, features: Features, found: Found) -> int | None:
    """«, созданный вчера (и переданный специалисту),»: returns where it ends, or None."""
    participle = modifier_reading(clause.tokens[comma + 1], features)
    if participle is None:
        return None
    found.add(comma + 1, participle, "modifier")
    end = _phrase_end(clause, comma + 2)
    _coordinated_participles(clause, comma + 2, end, features, found)
    return end


def _genitive_after(clause: Clause, index: int) -> int:
    """«Пролонгация договора бесплатная», «KPI нашей команды вырос»: a genitive phrase
    right after a noun belongs to it. Returns where it ends (``index`` when there is none)."""
    position = index
    while position < clause.last:
        token = clause.tokens[position]
        if token.kind != WORD or not any("gent" in a.grammemes and a.grammemes & {"NOUN", "ADJF", "PRTF", "NPRO"}
                                           for a in token.analyses):
            break
        if "NOUN" in (primary(token).grammemes if token.analyses else ()):
            position += 1
            return position
        position += 1
    return index


def _relative_reading(token: Token, features: Features) -> Analysis | None:
    if token.norm != "который":
        for analysis in token.analyses:
            if analysis.lemma == "который" and agrees(analysis.grammemes, features, with_case=False):
                return analysis
        return None
    return next((a for a in token.analyses if agrees(a.grammemes, features, with_case=False)), None)


def _phrase_end(clause: Clause, index: int) -> int:
    while index < clause.last and not (clause.tokens[index].kind == "punct"):
        index += 1
    return index


def _coordinated_participles(clause, start, end, features, found) -> None:
    for index in range(start, end - 1):
        if clause.tokens[index].norm == "и":
            analysis = modifier_reading(clause.tokens[index + 1], features)
            if analysis is not None:
                found.add(index + 1, analysis, "modifier")


def _predicate_after(clause: Clause, start: int, features: Features, found: Found,
                     end: int | None = None) -> bool:
    """The predicate after the subject: «Тикет (уже) закрыт», «был создан и передан»."""
    end = clause.last if end is None else end
    index = start
    in_phrase = False
    while index < end:
        token = clause.tokens[index]
        if token.kind == "punct" and not _number_sign(clause, index):
            insertion = _insertion_end(clause, index, features) if token.text == "," else None
            if insertion is None:
                return False
            index = insertion
            continue
        if token.kind == WORD and not in_phrase and predicate_reading(token, features):
            _predicate_chain(clause, index, end, features, found)
            return True
        adjective = adjective_predicate(clause, index, features) if not in_phrase else None
        if adjective is not None:
            found.add(index, adjective, "predicate")
            return True
        in_phrase = _skip(token, in_phrase)
        if in_phrase is None:
            return False
        index += 1
    return False


def _predicate_chain(clause: Clause, index: int, end: int, features: Features, found: Found) -> None:
    """From the first word of a predicate: «был создан», «должен быть закрыт», «создан и
    передан», «будет рассмотрен», «стал доступен»."""
    copula = False
    while index < end:
        token = clause.tokens[index]
        analysis = predicate_reading(token, features) if token.kind == WORD else None
        if analysis is not None:
            found.add(index, analysis, "predicate")
            copula = analysis.lemma in _COPULAS or analysis.lemma == "должный"
            index += 1
            continue
        if token.kind == WORD and copula:
            complement = modifier_reading(token, Features("ablt", features.number, features.gender)) \
                or modifier_reading(token, Features("nomn", features.number, features.gender))
            if complement is not None:
                found.add(index, complement, "predicate")  # «был закрытым»
                index += 1
                continue
        pos = pos_of(primary(token))
        if token.kind == WORD and (pos in ("ADVB", "PRCL") or (pos == "INFN" and primary(token).lemma in _COPULAS)):
            index += 1
            continue
        if token.kind == WORD and _is_preposition(token):
            # «передан на второй уровень и назначен…»: past the predicate's own phrase
            index = _prepositional_phrase_end(clause, index + 1, end)
            continue
        following = _coordinated_predicate(clause, index, end, features)
        if following is None:
            return
        index = following


def _coordinated_predicate(clause: Clause, index: int, end: int, features: Features) -> int | None:
    """«создан и передан», «закрыт, передан»: where the next predicate of the same
    subject starts after the «и» or comma at ``index``, or None."""
    if clause.tokens[index].norm not in _COORDINATORS and clause.tokens[index].text != ",":
        return None
    following = index + 1
    while following < end and (clause.tokens[following].norm in _COORDINATORS
                               or pos_of(primary(clause.tokens[following])) in ("ADVB", "PRCL")):
        following += 1
    if following < end and clause.tokens[following].known \
            and predicate_reading(clause.tokens[following], features) \
            and not _has_own_subject(clause, index, following) \
            and not _has_own_subject(clause, following + 1, min(following + 2, end)):
        # (not «…, присвоен номер»: a predicate with a subject of its own after it)
        return following
    return None


def _prepositional_phrase_end(clause: Clause, index: int, end: int) -> int:
    """Where the words governed by a preposition end: its noun, the noun's modifiers and
    genitives, numbers and codes («на L2», «в отдел претензий», «на 3 дня»)."""
    while index < end:
        token = clause.tokens[index]
        if token.kind == NUMBER or _number_sign(clause, index) or token.norm == "№":
            index += 1
            continue
        if token.kind != WORD or token.norm in _COORDINATORS:
            break
        if pos_of(primary(token)) not in ("NOUN", "ADJF", "PRTF", "NUMR", "NPRO", "LATN", "UNKN", None):
            break
        index += 1
    return index


def _has_own_subject(clause: Clause, start: int, end: int) -> bool:
    return any(any("nomn" in a.grammemes and a.grammemes & {"NOUN", "NPRO"} for a in clause.tokens[i].analyses[:1])
               for i in range(start, end))


def _predicate_before(clause: Clause, np_first: int, features: Features, found: Found) -> None:
    """«Сработал чарджбэк», «Вчера был закрыт тикет»: the predicate before the subject."""
    index = np_first - 1
    chain: list[tuple[int, Analysis]] = []
    while index >= clause.first:
        token = clause.tokens[index]
        if token.kind == NUMBER and index == np_first - 1:
            index -= 1  # «осталась 21 паллета»: the number that counts the noun
            continue
        if token.kind != WORD:
            break
        analysis = predicate_reading(token, features)
        if analysis is not None:
            chain.append((index, analysis))
            index -= 1
            continue
        if pos_of(primary(token)) in ("ADVB", "PRCL") or (chain and pos_of(primary(token)) == "INFN"):
            index -= 1
            continue
        break
    for position, analysis in chain:
        found.add(position, analysis, "predicate")


def _unexplained_predicates(clause: Clause, features: Features, found: Found, np_first: int,
                            match_last: int) -> None:
    """A form in the sentence that agrees with the noun, was not found as its predicate and
    has no other subject to agree with: the search missed something; give up."""
    targeted = {target.index for target in found.targets}
    for index in range(clause.first, clause.last):
        if index in targeted or np_first <= index < match_last:
            continue
        token = clause.tokens[index]
        analysis = predicate_reading(token, features)
        if analysis is None or not (analysis.grammemes & GENDERS or analysis.grammemes & {"PRTS", "ADJS"}
                                    or features.number == "plur"):
            continue
        if pos_of(primary(token)) not in _PREDICATE_POS:
            continue
        if not _other_owner(clause, index, analysis, np_first, match_last):
            found.worry(UNKNOWN)
            return


def _other_owner(clause: Clause, predicate: int, analysis: Analysis, np_first: int, match_last: int) -> bool:
    """Is there another word in the sentence this predicate could agree with?"""
    grammemes = analysis.grammemes
    for index in range(clause.first, clause.last):
        if np_first <= index < match_last or index == predicate:
            continue
        token = clause.tokens[index]
        if token.norm in ("я", "ты") and "sing" in grammemes:
            return True
        if token.norm in _PLURAL_SUBJECTS and "plur" in grammemes:
            return True
        for reading in token.analyses:
            if reading.grammemes & {"NOUN", "NPRO"} and "nomn" in reading.grammemes \
                    and predicate_agrees(grammemes, Features.of(reading.grammemes)) \
                    and ("plur" in reading.grammemes) == ("plur" in grammemes):
                return True
    return False


def _pronouns(clause: Clause, match_last: int, features: Features, found: Found) -> None:
    """«Мы создали тикет, он уже в работе»: third-person pronouns after the noun (in its
    sentence and the next) that can only refer to it."""
    targeted = {target.index for target in found.targets}
    for index in range(match_last, clause.next_last):
        token = clause.tokens[index]
        if token.kind != WORD or index in targeted:
            continue
        if index >= clause.last and any("NOUN" in a.grammemes for a in token.analyses[:1]):
            return  # the next sentence names something of its own before any pronoun
        reading = _pronoun_reading(token, features)
        if reading is None:
            continue
        if _rival_antecedent(clause, index, features, match_last):
            found.worry(UNKNOWN)
            return
        role = "possessive" if "Apro" in reading.grammemes else "pronoun"
        found.add(index, reading, role)
        if role == "pronoun" and "nomn" in reading.grammemes:  # «…, оно уже закрыто»
            _predicate_after(clause, index + 1, features, found,
                             clause.next_last if index >= clause.last else clause.last)
        if index >= clause.last:
            found.worry(UNSURE)


def _pronoun_reading(token: Token, features: Features) -> Analysis | None:
    for analysis in token.analyses:
        grammemes = analysis.grammemes
        if "NPRO" in grammemes and "3per" in grammemes and analysis.lemma in ("он", "она", "оно", "они"):
            if predicate_agrees(grammemes, features) and (grammemes & GENDERS or features.number == "plur"):
                return analysis
        if "Apro" in grammemes and "Fixd" in grammemes and analysis.lemma in ("его", "её", "ее", "их"):
            owner = {"его": ("masc", "neut"), "её": ("femn",), "ее": ("femn",), "их": ("plur",)}[analysis.lemma]
            if features.key() in owner:
                return analysis
    return None


def _rival_antecedent(clause: Clause, pronoun: int, features: Features, match_last: int) -> bool:
    """Is there another noun before the pronoun it could refer to?"""
    first = clause.first
    for index in range(first, pronoun):
        if index < match_last and index >= _np_start_guess(clause, match_last):
            continue
        token = clause.tokens[index]
        analysis = primary(token)
        if analysis is None or not ("NOUN" in analysis.grammemes or
                                    (token.kind == WORD and not token.known and token.text[:1].isupper())):
            continue
        for reading in token.analyses:
            if "NOUN" in reading.grammemes and Features.of(reading.grammemes).key() == features.key():
                return True
    return False


def _np_start_guess(clause: Clause, match_last: int) -> int:
    index = match_last - 1
    while index > clause.first and clause.tokens[index - 1].kind == WORD \
            and pos_of(primary(clause.tokens[index - 1])) in ("ADJF", "PRTF", "NOUN"):
        index -= 1
    return index


def personal_pronoun(token: Token, analysis: Analysis, new: Features) -> str | None:
    """«он» → «оно», «его» → «её», «нём» → «ней» for the new gender or number."""
    if "Apro" in analysis.grammemes:
        return _POSSESSIVE[new.key()]
    case = case_of(analysis.grammemes)
    form = _PERSONAL.get(case, {}).get(new.key())
    if form is None:
        return None
    if token.norm.startswith("н") and case != "nomn" and not form.startswith("н"):
        form = "н" + ("е" + form[1:] if form == "её" else form)
    return form
