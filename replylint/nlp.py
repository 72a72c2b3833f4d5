"""The only module importing spaCy and pymorphy3: tokens, sentences, lemma sets.

Both libraries are loaded lazily and once. Morphological analyses are cached per
folded word form as plain strings (not Parse objects): the same words repeat in every
reply, and strings keep the cache small.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from replylint import segment
from replylint.document import (
    EMAIL,
    NUMBER,
    PLACEHOLDER,
    PUNCT,
    SYMBOL,
    URL,
    WORD,
    WORDLIKE,
    Analysis,
    Document,
    Paragraph,
    Sentence,
    Token,
)
from replylint.lookalikes import matching_form

_NEGATIONS = frozenset({"не", "ни"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_INNER_BREAK = re.compile(r"(?<=[^\W\d_])([?!…;]+|\.(?=[А-ЯЁA-Z][а-яёa-z]))(?=[^\W\d_])")


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's rule-based Russian tokenizer (blank pipeline: no model to download)."""
    import spacy

    return spacy.blank("ru").tokenizer


@lru_cache(maxsize=1)
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def fold(text: str) -> str:
    """Lower-case and fold «ё» to «е»; never changes the length of ``text``."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def analyse(norm: str, spelled: str | None = None) -> tuple[tuple[Analysis, ...], frozenset[str], bool]:
    """All readings of a folded word form: (analyses, lemma set, known to the dictionary).
    ``spelled``: the lower-cased form as written when it has «ё», which rules out the
    readings spelled with «е» («подъём» is a noun, never «подъем» of «подъесть»)."""
    if _SURROGATE.search(norm):
        return (), frozenset({norm}), False  # pymorphy3's DAWG cannot encode a lone surrogate
    analyzer = morph()
    analyses = []
    seen = set()
    if spelled is not None and not analyzer.word_is_known(spelled):
        spelled = None  # a «ё» the dictionary does not write: read the word as folded
    try:
        parses = analyzer.parse(spelled or norm)
    except ValueError:
        # pymorphy3 asks unicodedata.name() of every letter, and letters without a name
        # («𗀀», U+17000) raise; such a word has no Russian reading anyway.
        return (), frozenset({norm}), False
    for parse in parses:
        lemma = parse.normal_form.replace("ё", "е")
        grammemes = frozenset(parse.tag.grammemes)
        key = (lemma, grammemes)
        if key not in seen:
            seen.add(key)
            analyses.append(Analysis(lemma, grammemes))
    lemmas = frozenset({analysis.lemma for analysis in analyses} | {norm})
    # A known prefix on a dictionary word («аудио|альбомы», «пере|подписаться», «спец|предложения»)
    # is a real compound, not a typo; an arbitrary split-off prefix proves nothing, and neither
    # does a known prefix on a guess («за|втро», «мета|лическим», «пере|срать»: the rest is no word).
    known = analyzer.word_is_known(norm) or any(_known_prefix_on_word(parse.methods_stack) for parse in parses)
    return tuple(analyses), lemmas, known


def _known_prefix_on_word(methods_stack) -> bool:
    """Was the reading made of a known prefix and a word the dictionary itself has?"""
    return (len(methods_stack) == 2 and type(methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
            and type(methods_stack[1][0]).__name__ == "KnownPrefixAnalyzer")


def _dictionary_words():
    """pymorphy3's DAWG of word forms, or None in a layout without one."""
    return getattr(getattr(morph(), "dictionary", None), "words", None)


def known_words_filter():
    """A faster :func:`is_known_word` for batches of folded words of Cyrillic letters (the
    spelling kind's one-edit candidates): returns a function that keeps the known words of
    a list, asking the DAWG directly in one comprehension, with the «е» → «ё» substitution
    only for words that have an «е» (0.2-0.7 µs a word, where a lookup through pymorphy3
    takes 1.6 µs)."""
    words = _dictionary_words()
    substitutes = getattr(morph(), "char_substitutes", None)
    if words is None or not hasattr(words, "similar_keys"):  # another pymorphy3 layout
        known = morph().word_is_known
        return lambda batch: [word for word in batch if known(word)]
    similar_keys = words.similar_keys
    return lambda batch: [word for word in batch
                          if word in words or ("е" in word and similar_keys(word, substitutes))]


#: Stands for one letter in a word :func:`dictionary_search` looks for (never in a word).
WILDCARD = "?"


@lru_cache(maxsize=4)
def dictionary_search(letters: str):
    """For folded words of Cyrillic letters with one :data:`WILDCARD`: a function listing
    the dictionary words that match with any of ``letters`` in its place (and «ё» for any
    «е», as :func:`known_words_filter` allows), folded. The DAWG is walked once and only
    along letters some word has there: 1-10 µs instead of a lookup per letter (33 of them,
    0.2-0.7 µs each). None when the dictionary cannot be asked that."""
    words = _dictionary_words()
    compile_replaces = getattr(type(words), "compile_replaces", None)
    if compile_replaces is None or not hasattr(words, "similar_keys"):
        return None
    wildcard_letters = sorted(set(letters) | ({"ё"} if "е" in letters else set()))
    replaces = compile_replaces({WILDCARD: wildcard_letters, "е": "ё"})
    similar_keys = words.similar_keys
    return lambda pattern: [key.replace("ё", "е") for key in similar_keys(pattern, replaces)]


def known_prefix_test():
    """For folded words of Cyrillic letters: does some dictionary word start with this
    prefix (with «ё» for any of its «е», as :func:`known_words_filter` allows)? None when
    the dictionary cannot be asked that."""
    has_prefix = getattr(_dictionary_words(), "has_keys_with_prefix", None)
    if has_prefix is None:
        return None

    def known_prefix(prefix: str) -> bool:
        if has_prefix(prefix):
            return True
        positions = [index for index, letter in enumerate(prefix) if letter == "е"]
        if not positions:
            return False
        if len(positions) > 4:
            return True  # too many spellings to try: assume it may be
        for mask in range(1, 1 << len(positions)):
            letters = list(prefix)
            for bit, index in enumerate(positions):
                if mask >> bit & 1:
                    letters[index] = "ё"
            if has_prefix("".join(letters)):
                return True
        return False

    return known_prefix


def is_known_word(norm: str) -> bool:
    """Is ``norm`` a dictionary word? A DAWG lookup (~1 µs), so it is not cached: the
    spelling kind asks this of hundreds of one-edit candidates per unknown word, and a
    full parse of each (~30 µs, guessing by analogy) would fill the analysis cache with
    non-words."""
    return not _SURROGATE.search(norm) and morph().word_is_known(norm)


#: The endings of a Russian noun on a hard consonant, for a word pymorphy3 cannot read at
#: all («нуб»: нуба, нубу, нубом, нубы…); after «г», «к», «х» the plural takes «и».
_NOUN_ENDINGS = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")
_CYRILLIC_CONSONANT_END = re.compile(r"[а-яё]*[бвгджзклмнпрстфхцчшщ]$")


@lru_cache(maxsize=4096)
def forms_of_unknown(norm: str) -> frozenset[str]:
    """Every form a word the dictionary does not know can take: the forms of each reading
    pymorphy3 guesses for it («задеплоить» → «задеплоим», «задеплоили»…), or a noun's
    endings where it guesses none («нуб» → «нубы»). A rule's slang or loanword then finds
    its forms in a reply even where the reply's form gets another guessed lemma («нубы» is
    read as a form of «нуба»). Empty for a known word."""
    if _SURROGATE.search(norm) or morph().word_is_known(norm):
        return frozenset()
    forms: set[str] = set()
    try:
        parses = morph().parse(norm)
    except ValueError:
        return frozenset()
    for parse in parses:
        if "UNKN" not in parse.tag:
            forms.update(form.word.replace("ё", "е") for form in parse.lexeme)
    if _CYRILLIC_CONSONANT_END.match(norm):
        forms.update(norm + (("и" if norm[-1] in "гкхжшчщ" else "ы") if ending == "ы" else ending)
                     for ending in _NOUN_ENDINGS)
    return frozenset(forms)


def _raw_tokens(text: str, placeholder_regex) -> list[tuple[int, int, str]]:
    """(start, end, kind) for every token; placeholders are cut out before spaCy runs."""
    pieces: list[tuple[int, int, str]] = []
    position = 0
    segments: list[tuple[int, int, bool]] = []
    if placeholder_regex is not None:
        for match in placeholder_regex.finditer(text):
            if match.end() == match.start():
                continue
            if match.start() > position:
                segments.append((position, match.start(), False))
            segments.append((match.start(), match.end(), True))
            position = match.end()
    if position < len(text):
        segments.append((position, len(text), False))
    tokenize = tokenizer()
    # spaCy cannot encode a lone surrogate (a file read with surrogateescape, or a str from
    # an API caller); it reads U+FFFD in its place, one code point for one, so offsets hold.
    readable = _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
    for start, end, is_placeholder in segments:
        if is_placeholder:
            pieces.append((start, end, PLACEHOLDER))
            continue
        chunk = readable[start:end]
        for token in tokenize(chunk):
            token_text = token.text
            if token_text.isspace():
                continue
            token_start = start + token.idx
            for sub_start, sub_end in _split_inner(token_text):
                sub_text = token_text[sub_start:sub_end]
                kind = segment.classify(sub_text)
                if kind == WORD and (token.like_email or token.like_url) and sub_end - sub_start == len(token_text):
                    kind = EMAIL if token.like_email else URL
                pieces.append((token_start + sub_start, token_start + sub_end, kind))
    return _merge_hyphenated(text, pieces)


def _split_inner(token_text: str) -> list[tuple[int, int]]:
    """Split «здесь?!Ответьте» (a missing space) into word, punctuation, word."""
    if len(token_text) < 3 or "@" in token_text or "/" in token_text:
        return [(0, len(token_text))]
    spans = []
    position = 0
    for match in _INNER_BREAK.finditer(token_text):
        spans.append((position, match.start()))
        spans.append((match.start(), match.end()))
        position = match.end()
    spans.append((position, len(token_text)))
    return spans


def _merge_hyphenated(text: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join «кто - то» back into «кто-то» when the dictionary knows the whole word."""
    merged: list[tuple[int, int, str]] = []
    index = 0
    while index < len(pieces):
        start, end, kind = pieces[index]
        if (kind == WORD and index + 2 < len(pieces)
                and text[pieces[index + 1][0]:pieces[index + 1][1]] == "-"
                and pieces[index + 1][0] == end and pieces[index + 2][0] == pieces[index + 1][1]
                and pieces[index + 2][2] == WORD):
            whole = text[start:pieces[index + 2][1]]
            if is_known_word(fold(whole)):
                merged.append((start, pieces[index + 2][1], WORD))
                index += 3
                continue
        merged.append((start, end, kind))
        index += 1
    return merged


def parse(text: str, placeholder_regex=segment.DEFAULT_PLACEHOLDER_REGEX,
          ignored: tuple[tuple[int, int], ...] = ()) -> Document:
    """Read a reply into a :class:`Document`.

    Args:
        text: the reply exactly as read; offsets of every token point into it.
        placeholder_regex: what counts as a template placeholder (one token, not a word).
        ignored: character spans not to lint (code spans, front matter); their tokens are
            dropped but offsets of everything else are untouched.
    """
    pieces = _raw_tokens(text, placeholder_regex)
    if ignored:
        pieces = [piece for piece in pieces
                  if not any(start < piece[1] and piece[0] < end for start, end in ignored)]
    boundaries = _sentence_boundaries(text, pieces)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    sentence_index = 0
    sentence_first = 0
    paragraph_index = 0
    paragraph_first_sentence = 0
    previous_word: Token | None = None
    for index, (start, end, kind) in enumerate(pieces):
        surface = text[start:end]
        norm = fold(surface)
        if kind in WORDLIKE:
            form = matching_form(surface).lower()
            norm = fold(form)  # «тикeт», «тик\u00adет» read as «тикет»
            analyses, lemmas, known = analyse(norm, form if "ё" in form else None)
        else:
            analyses, lemmas, known = (), frozenset({norm}), True
        negated = (kind == WORD and previous_word is not None
                   and previous_word.sentence == sentence_index
                   and previous_word.index == index - 1
                   and previous_word.norm in _NEGATIONS)
        opens_sentence = kind in WORDLIKE and (previous_word is None or previous_word.sentence != sentence_index)
        token = Token(index, start, end, surface, norm, kind, lemmas, analyses,
                      sentence_index, negated, known, opens_sentence)
        tokens.append(token)
        if kind in WORDLIKE:
            previous_word = token
        boundary = boundaries[index]
        if boundary:
            sentences.append(Sentence(sentence_index, pieces[sentence_first][0], end,
                                      sentence_first, index + 1, paragraph_index))
            sentence_index += 1
            sentence_first = index + 1
            if boundary == 2:
                paragraphs.append(Paragraph(paragraph_index, sentences[paragraph_first_sentence].start,
                                            end, paragraph_first_sentence, sentence_index))
                paragraph_index += 1
                paragraph_first_sentence = sentence_index
    return Document(text, tokens, sentences, paragraphs, text.replace("ё", "е").replace("Ё", "Е"))


def _unit_ends_sentence(text: str, pieces: list[tuple[int, int, str]], unit: int, following: int) -> bool:
    """Is ``pieces[unit]`` a unit abbreviation after a number, with a capitalised word at
    ``pieces[following]`` («4 812,50 руб. В случае…»): then its dot ends the sentence."""
    if unit < 1 or following >= len(pieces) or pieces[unit - 1][2] != NUMBER:
        return False
    start, end, _ = pieces[unit]
    if fold(text[start:end].rstrip(".")) not in segment.UNITS_AFTER_NUMBER:
        return False
    start, end, kind = pieces[following]
    return kind == WORD and text[start:start + 1].isupper()


#: «:)», «;-)», «:(», «:D» (a lone «)» or «(» is judged apart: see _smiley_ends_sentence).
_SMILEY = re.compile(r"[:;=]-?[)(]+|\){2,}|\({2,}|[:;=]-?[DPР]")


def _smiley_ends_sentence(text: str, pieces: list[tuple[int, int, str]], index: int) -> bool:
    """Do a chat smiley or an emoji end the sentence before a capitalised word on the same
    line («ждём вас)) Извините, что…», «уже на складе 🐱 Самовывоз…»)? A «)» that closes a
    «(» of its sentence is a bracket, not a smiley."""
    start, end, kind = pieces[index]
    next_start, _, next_kind = pieces[index + 1]
    if next_kind != WORD or not text[next_start:next_start + 1].isupper():
        return False
    surface = text[start:end]
    if kind == SYMBOL:
        return all(unicodedata.category(char) in ("So", "Sk", "Cf", "Mn") for char in surface)
    if surface in ("(", ")"):
        # spaCy splits «))» and «((» into single signs: a run of two is a smiley
        if index and pieces[index - 1][1] == start and text[pieces[index - 1][0]:start] == surface:
            return True
        if surface == "(":
            return False
        before = text[max(0, start - 300):start]
        last_end = max(before.rfind(mark) for mark in ".!?\n")
        return "(" not in before[last_end + 1:]
    return _SMILEY.fullmatch(surface) is not None


def _sentence_boundaries(text: str, pieces: list[tuple[int, int, str]]) -> list[int]:
    """For each token: 0 no boundary after it, 1 a sentence ends, 2 a paragraph ends."""
    count = len(pieces)
    result = [0] * count
    for index in range(count):
        start, end, kind = pieces[index]
        if index == count - 1:
            result[index] = 2
            break
        next_start, next_end, next_kind = pieces[index + 1]
        breaks = segment.line_breaks(text[end:next_start])
        if breaks >= 2:
            result[index] = 2
            continue
        surface = text[start:end]
        if kind == PUNCT and surface in segment.CLOSING and index > 0 and result[index - 1]:
            # «…сделаем.» — the closing quote belongs to the sentence the dot ended
            result[index], result[index - 1] = result[index - 1], 0
            continue
        if breaks == 1:
            if not _continues_on_next_line(kind, surface, next_kind, text[next_start:next_end]):
                result[index] = 1
            continue
        if kind in (PUNCT, SYMBOL) and _smiley_ends_sentence(text, pieces, index):
            result[index] = 1
            continue
        if kind == WORD and surface.endswith(".") and _unit_ends_sentence(text, pieces, index, index + 1):
            result[index] = 1  # spaCy keeps the dot of «руб.» in the word
            continue
        if kind == PUNCT and segment.is_terminal(surface) and _ends_sentence(text, pieces, index):
            result[index] = 1
    return result


def _continues_on_next_line(kind: str, surface: str, next_kind: str, next_surface: str) -> bool:
    """Does a sentence go on across a single line break: a word or punctuation that ends
    nothing (neither terminal nor a colon), then a word in lower case?"""
    return (kind in (WORD, PUNCT) and surface not in segment.TERMINAL_PUNCT
            and surface != ":" and next_kind == WORD and next_surface[0].islower())


def _ends_sentence(text: str, pieces: list[tuple[int, int, str]], index: int) -> bool:
    """Does the terminal punctuation ``pieces[index]`` end its sentence (on the same line
    as the next token)?"""
    start, end, _ = pieces[index]
    surface = text[start:end]
    next_start, next_end, next_kind = pieces[index + 1]
    next_surface = text[next_start:next_end]
    if next_kind == PUNCT and (next_surface in segment.CLOSING or segment.is_terminal(next_surface)):
        return False  # «?!», «.»»: the last of them ends it
    if surface[0] in "!?" or surface[-1] in "!?":
        return True
    previous = text[pieces[index - 1][0]:pieces[index - 1][1]] if index else ""
    if surface == "." and fold(previous) in segment.ABBREVIATIONS and pieces[index - 1][1] == start \
            and not _unit_ends_sentence(text, pieces, index - 1, index + 1):
        return False  # «ст. 25», but «4 812 руб. В случае…» ends there
    if segment.starts_sentence(next_surface, next_kind):
        return True
    # «…не был в использовании. у вас ещё 9 дней»: a writer who never capitalises starts
    # sentences in lower case; a dot after a whole word (not an abbreviation) ends one
    return (surface == "." and next_kind == WORD and index > 0 and pieces[index - 1][2] == WORD
            and len(previous) > 1 and fold(previous) not in segment.ABBREVIATIONS
            and _never_capitalised(text))


#: A capital letter where a sentence starts: the text's first letter, or one after «.!?…».
_CAPITAL_START = re.compile(r"(?:^|[.!?…]\s+)[«\"„“(]?[A-ZА-ЯЁ]")


@lru_cache(maxsize=4)
def _never_capitalised(text: str) -> bool:
    """Is the text written all in lower case at its sentence starts (a chat writer's habit)?
    (Remembered: asked at every dot before a lower-case word, it would read a long text
    once per dot.)"""
    return _CAPITAL_START.search(text.lstrip()) is None
