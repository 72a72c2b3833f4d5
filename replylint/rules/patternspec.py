"""Pattern sets as a rule file writes them: reading and checking phrases, token tests and
regexes (no NLP needed; :mod:`replylint.rules.compile` turns them into matchers).

See docs/rules.md, «Pattern sets».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.document import EMAIL, NUMBER, PLACEHOLDER, PUNCT, SYMBOL, URL, WORD
from replylint.errors import regex_problem
from replylint.rules.checker import type_name
from replylint.yamlfile import LineDict, LineList

if TYPE_CHECKING:
    from replylint.rules.checker import Checker

SCOPES = ("overlap", "sentence", "document")
PATTERN_KEYS = {"phrases", "tokens", "regex", "any_order", "window", "case_sensitive", "scope"}
TOKEN_KEYS = {"lemma", "form", "text", "pos", "tense", "person", "number", "case", "gender",
              "mood", "aspect", "voice", "grammemes", "negated", "kind", "capitalized", "known",
              "sentence_start", "not",
              "optional", "repeat", "gap"}
TOKEN_KINDS = (WORD, NUMBER, PUNCT, PLACEHOLDER, URL, EMAIL, SYMBOL)
#: Keys of a token test whose values are grammemes (see :data:`GRAMMEME_ALIASES`).
GRAMMEME_KEYS = ("pos", "tense", "person", "number", "case", "gender", "mood", "aspect", "voice")
_TRUE_OR_FALSE_KEYS = ("negated", "optional", "capitalized", "known", "sentence_start")

#: Friendly names a QA lead may use, mapped to pymorphy3 (OpenCorpora) grammemes.
GRAMMEME_ALIASES: dict[str, dict[str, str]] = {
    "pos": {"noun": "NOUN", "verb": "VERB", "infinitive": "INFN", "adjective": "ADJF",
            "adj": "ADJF", "adverb": "ADVB", "pronoun": "NPRO", "participle": "PRTF",
            "gerund": "GRND", "numeral": "NUMR", "preposition": "PREP", "conjunction": "CONJ",
            "particle": "PRCL", "interjection": "INTJ", "predicative": "PRED",
            "short_adjective": "ADJS", "short_participle": "PRTS", "comparative": "COMP"},
    "tense": {"past": "past", "present": "pres", "pres": "pres", "future": "futr", "futr": "futr"},
    "person": {"1": "1per", "2": "2per", "3": "3per", "1per": "1per", "2per": "2per", "3per": "3per"},
    "number": {"singular": "sing", "sing": "sing", "plural": "plur", "plur": "plur"},
    "case": {"nom": "nomn", "nomn": "nomn", "gen": "gent", "gent": "gent", "dat": "datv",
             "datv": "datv", "acc": "accs", "accs": "accs", "ins": "ablt", "abl": "ablt",
             "ablt": "ablt", "loc": "loct", "prep": "loct", "loct": "loct", "voc": "voct",
             "voct": "voct", "gen2": "gen2", "acc2": "acc2", "loc2": "loc2"},
    "gender": {"m": "masc", "masc": "masc", "f": "femn", "femn": "femn", "n": "neut", "neut": "neut"},
    "mood": {"indicative": "indc", "indc": "indc", "imperative": "impr", "impr": "impr"},
    "aspect": {"perfective": "perf", "perf": "perf", "imperfective": "impf", "impf": "impf"},
    "voice": {"active": "actv", "actv": "actv", "passive": "pssv", "pssv": "pssv"},
}
KNOWN_POS = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR",
             "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ", "LATN", "NUMB", "ROMN", "PNCT", "UNKN"}
#: A gap in a phrase: ``{m,n}`` or ``{n}`` other words.
GAP = re.compile(r"^\{(\d+)(?:,(\d+))?\}$")
WORD_CHARACTER = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """A checked pattern set: what to look for, as the rule file wrote it.

    Attributes:
        phrases: phrases in natural Russian (lemmatised when compiled).
        tokens: sequences of token tests, each a checked mapping (``{lemma: мочь}``).
        regexes: regexes on the raw text.
        window: with ``any_order``: how many words apart the words may stand (None:
            the phrase's length and three more).
        scope: of an exception (``unless``): what a match of it drops.
    """

    phrases: tuple[str, ...] = ()
    tokens: tuple[tuple[LineDict, ...], ...] = ()
    regexes: tuple[str, ...] = ()
    any_order: bool = False
    window: int | None = None
    case_sensitive: bool = False
    scope: str = "overlap"


def read_pattern_set(checker: Checker, value, line: int, where: str,
                     allow_scope: bool = False) -> PatternSpec | None:
    """Check a pattern set: a phrase, a list of phrases, or a mapping of pattern keys."""
    if isinstance(value, str):
        _check_phrase(value, line, where, checker)
        return PatternSpec(phrases=(value,))
    if isinstance(value, list):
        return _phrase_list(checker, value, line, where)
    if not isinstance(value, LineDict):
        checker.error(line, f"'{where}': нужна фраза, список фраз или словарь, а здесь {type_name(value)}")
        return None
    allowed = PATTERN_KEYS if allow_scope else PATTERN_KEYS - {"scope"}
    checker.unknown_keys(value, allowed, f"в '{where}'")
    if not any(key in value for key in ("phrases", "tokens", "regex")):
        checker.error(value.line, f"в '{where}' нужен ключ 'phrases', 'tokens' или 'regex'")
    phrases = checker.string_list(value, "phrases")
    written = value.get("phrases")
    for position, phrase in enumerate(phrases):
        phrase_line = written.line_of(position) if isinstance(written, LineList) else value.line_of("phrases")
        _check_phrase(phrase, phrase_line, where, checker)
    regexes = checker.string_list(value, "regex")
    for pattern in regexes:
        check_regex(pattern, value.line_of("regex"), where, checker)
    tokens = _tokens(value["tokens"], value.line_of("tokens"), where, checker) if "tokens" in value else ()
    return PatternSpec(tuple(phrases), tokens, tuple(regexes),
                       checker.boolean(value, "any_order", False), checker.integer(value, "window", 1),
                       checker.boolean(value, "case_sensitive", False),
                       checker.choice(value, "scope", SCOPES, "overlap") if allow_scope else "overlap")


def _phrase_list(checker: Checker, value: list, line: int, where: str) -> PatternSpec:
    if not value:
        checker.error(line, f"'{where}' не может быть пустым")
    for position, item in enumerate(value):
        item_line = value.line_of(position) if isinstance(value, LineList) else line
        if isinstance(item, str):
            _check_phrase(item, item_line, where, checker)
        else:
            checker.error(item_line, f"элементы '{where}' должны быть фразами (строками), а здесь {type_name(item)}")
    return PatternSpec(phrases=tuple(item for item in value if isinstance(item, str)))


def _check_phrase(phrase: str, line: int, where: str, checker: Checker) -> None:
    words = []
    for chunk in phrase.split():
        gap = GAP.match(chunk)
        if gap:
            low, high = int(gap.group(1)), int(gap.group(2) or gap.group(1))
            if high < low or high > 10:
                checker.error(line, f"пропуск {chunk} во фразе {phrase!r} должен быть {{m,n}}, где m ≤ n ≤ 10")
            continue
        if WORD_CHARACTER.search(chunk):
            words.append(chunk)
    if not words:
        checker.error(line, f"во фразе {phrase!r} в '{where}' нет слов для поиска")


def check_regex(pattern: str, line: int, where: str, checker: Checker) -> None:
    # (imported here: `replylint rules` with its cache reads no rule file and needs no regex)
    import regex

    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE)
    except regex.error as error:
        checker.error(line, f"регулярное выражение {pattern!r} в '{where}' не компилируется: {regex_problem(error)}")
        return
    checker.regexes.append((compiled, line, where))


#: How long one regex may take on one probe text when a rule file is loaded, in seconds.
PROBE_TIMEOUT = 0.25
_QUANTIFIED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,)")
_PROBE_CLASSES = {"w": "а", "d": "1", "s": " ", "S": "а", "W": "!", "D": "а", ".": "а"}


def check_backtracking(checker: Checker, examples: list[str]) -> None:
    """Reject a regex that backtracks catastrophically, when the file is loaded.

    Each regex runs on the rule's own examples (word by word too, as ``text:`` tests
    do) and on a few texts built to make nested repetition explode: one character the
    pattern repeats, 40 times, then one it cannot end on. A run past :data:`PROBE_TIMEOUT`
    is an error naming the rule; at lint time regexes are bounded by a timeout anyway.
    """
    for compiled, line, where in checker.regexes:
        if not _QUANTIFIED_GROUP.search(compiled.pattern):
            continue  # without a repeated group, backtracking stays polynomial
        for text in _probe_texts(compiled.pattern, examples):
            try:
                compiled.search(text, timeout=PROBE_TIMEOUT)
                compiled.fullmatch(text, timeout=PROBE_TIMEOUT)
            except TimeoutError:
                shown = text if len(text) <= 24 else text[:20] + "…" + text[-3:]
                checker.error(line, f"регулярное выражение {compiled.pattern!r} в '{where}' работает "
                                    f"катастрофически долго (больше {PROBE_TIMEOUT} с на {shown!r}); упростите его")
                break


def _probe_texts(pattern: str, examples: list[str]) -> list[str]:
    texts = list(examples)
    texts += [word for example in examples for word in example.split()]
    characters = {character.lower() for character in pattern if character.isalnum()}
    characters |= {_PROBE_CLASSES[name] for name in _PROBE_CLASSES if "\\" + name in pattern}
    if "." in pattern:
        characters.add("а")
    for character in sorted(characters):
        texts += [character * 40 + "!", character * 40 + "\n", (character + " ") * 20 + "!"]
    return texts


def _tokens(value, line: int, where: str, checker: Checker) -> tuple[tuple[LineDict, ...], ...]:
    if not isinstance(value, list) or not value:
        checker.error(line, f"'{where}.tokens': нужен список последовательностей токенов")
        return ()
    # one sequence may be written without the outer list
    sequences = value if all(isinstance(item, list) for item in value) else [value]
    for sequence in sequences:
        if not sequence:
            checker.error(line, f"в '{where}.tokens' пустая последовательность")
        for position, spec in enumerate(sequence):
            spec_line = sequence.line_of(position) if isinstance(sequence, LineList) else line
            check_token_spec(spec, spec_line, where, checker)
    return tuple(tuple(sequence) for sequence in sequences)


def check_token_spec(spec, line: int, where: str, checker: Checker) -> None:
    """Check one token test (``{lemma: мочь, person: 1}``)."""
    if not isinstance(spec, LineDict):
        checker.error(line, f"токен в '{where}' должен быть словарём вроде {{lemma: мочь}}, а здесь {type_name(spec)}")
        return
    checker.unknown_keys(spec, TOKEN_KEYS, f"в токене в '{where}'")
    _check_grammemes(spec, checker)
    _check_words(spec, where, checker)
    if "kind" in spec and spec["kind"] not in TOKEN_KINDS:
        checker.error(spec.line_of("kind"), f"'kind': допустимо одно из: {', '.join(TOKEN_KINDS)}")
    for key, allow_zero in (("repeat", False), ("gap", True)):
        if key in spec and parse_repeat(spec[key], allow_zero) is None:
            checker.error(spec.line_of(key), f"'{key}': нужно N или 'M-N', где M ≤ N ≤ 10")
    for key in _TRUE_OR_FALSE_KEYS:
        if key in spec:
            checker.boolean(spec, key, False)
    if "not" in spec:
        check_token_spec(spec["not"], spec.line_of("not"), where, checker)
    if not set(spec) - {"optional", "repeat"}:
        checker.error(line, f"токен в '{where}' ничего не говорит о слове (укажите lemma, pos, text…)")


def _check_grammemes(spec: LineDict, checker: Checker) -> None:
    for key in GRAMMEME_KEYS:
        if key in spec:
            values = spec[key] if isinstance(spec[key], list) else [spec[key]]
            for value in values:
                if grammeme_of(key, value) is None:
                    known = ", ".join(sorted(GRAMMEME_ALIASES[key]))
                    checker.error(spec.line_of(key), f"неизвестное значение {key} {value!r} (допустимы: {known})")


def _check_words(spec: LineDict, where: str, checker: Checker) -> None:
    for key in ("lemma", "form", "grammemes"):
        if key in spec:
            values = spec[key] if isinstance(spec[key], list) else [spec[key]]
            if not values or not all(isinstance(value, str) and value.strip() for value in values):
                checker.error(spec.line_of(key), f"'{key}': нужно слово или список слов, а здесь "
                                                 f"{spec[key]!r} (числа берите в кавычки: '5')")
    if "text" in spec:
        if isinstance(spec["text"], str):
            check_regex(spec["text"], spec.line_of("text"), where, checker)
        else:
            checker.error(spec.line_of("text"), "'text': нужно регулярное выражение (строка)")


def grammeme_of(key: str, value) -> str | None:
    """The pymorphy3 grammeme a token test's ``key: value`` names (None: none)."""
    text = str(value)
    if key == "pos" and text.upper() in KNOWN_POS:
        return text.upper()
    return GRAMMEME_ALIASES.get(key, {}).get(text.lower())


def parse_repeat(value, allow_zero: bool = False) -> tuple[int, int] | None:
    """``N`` or ``"M-N"`` as (M, N), with M ≤ N ≤ 10 (None: not that)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        low, high = value, value
    elif isinstance(value, str) and re.fullmatch(r"\d+-\d+", value.strip()):
        low, high = (int(part) for part in value.strip().split("-"))
    else:
        return None
    if low < 0 or high < max(low, 0 if allow_zero else 1) or high > 10:
        return None
    return low, high
