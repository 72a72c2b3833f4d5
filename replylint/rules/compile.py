"""Turns validated rule data into pattern sets, lemmatising phrases with the same pipeline
that reads drafts (so a phrase and a draft agree on what a word's lemmas are)."""

from __future__ import annotations

import regex

from replylint import nlp
from replylint.document import EMAIL, NUMBER, PUNCT, SYMBOL, URL, WORD
from replylint.rules.matching import prefilter
from replylint.rules.matching.index import Matcher
from replylint.rules.matching.sequences import Sequence
from replylint.rules.matching.sets import PatternSet
from replylint.rules.matching.tokens import TokenTest
from replylint.rules.patternspec import GAP, GRAMMEME_KEYS, PatternSpec, grammeme_of, parse_repeat

_PHRASE_PUNCT = frozenset({",", "-", "—", "–", ":"})


class Compiler:
    """Compiles the pattern sets of many rules into one shared :class:`Matcher`."""

    def __init__(self) -> None:
        self.matcher = Matcher()

    def pattern_set(self, spec: PatternSpec, lazy: bool = False) -> PatternSet:
        """Compile a checked pattern set.

        ``lazy``: the set is only looked at when the rule's main set has hits (an
        exception, a condition's context); see :meth:`Matcher.register`.
        """
        case_sensitive = spec.case_sensitive
        sequences = []
        unordered = []
        for phrase in (variant for written in spec.phrases for variant in _split_mixed_slots(written)):
            elements = self.phrase_elements(phrase, case_sensitive)
            if spec.any_order:
                tests = tuple(element for element in elements if not element.is_gap)
                window = spec.window if spec.window is not None else len(tests) + 3
                unordered.append((tests, window))
            else:
                sequences.append(Sequence(tuple(elements)))
        for token_sequence in spec.tokens:
            sequences.append(Sequence(tuple(self.token_test(test, case_sensitive) for test in token_sequence)))
        flags = regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
        regexes = tuple(regex.compile(_fold_pattern(pattern, case_sensitive), flags) for pattern in spec.regexes)
        literal_sets = [prefilter.required_literal_sets(pattern.pattern, pattern.flags) for pattern in regexes]
        pattern_set = PatternSet(tuple(sequences), tuple(unordered), regexes,
                                 tuple(sets[0] if sets else None for sets in literal_sets),
                                 spec.scope, case_sensitive,
                                 more_needles=tuple(sets[1:] for sets in literal_sets))
        return self.matcher.register(pattern_set, lazy)

    def optional_pattern_set(self, spec: PatternSpec | None, lazy: bool = False) -> PatternSet | None:
        return None if spec is None else self.pattern_set(spec, lazy)

    def phrase_elements(self, phrase: str, case_sensitive: bool) -> list[TokenTest]:
        """«не {0,2} мочь|смочь =срочно помочь?» → token tests on lemmas, forms and gaps."""
        elements: list[TokenTest] = []
        for chunk in phrase.split():
            gap = GAP.match(chunk)
            if gap:
                low = int(gap.group(1))
                high = int(gap.group(2) or low)
                elements.append(TokenTest(minimum=low, maximum=high, is_gap=True))
                continue
            if chunk in _PHRASE_PUNCT:
                # «как только {0,4} , так сразу»: a gap stops at punctuation unless the
                # phrase says punctuation may stand there
                elements.append(TokenTest(forms=_PHRASE_PUNCT, kinds=frozenset({PUNCT}), minimum=0))
                continue
            optional = len(chunk) > 1 and chunk.endswith("?") and chunk[-2] != "?"
            if optional:
                chunk = chunk[:-1]
            if "|" in chunk:
                # Alternatives share one slot; a token's lemma set holds its own form too,
                # so exact forms (=...) and lemmas can be pooled.
                pooled: set[str] = set()
                for alternative in chunk.split("|"):
                    if alternative.startswith("="):
                        pooled.add(nlp.fold(alternative[1:]))
                    elif alternative:
                        for test in self._word_tests(alternative, case_sensitive):
                            pooled |= (test.lemmas or frozenset()) | (test.forms or frozenset())
                elements.append(TokenTest(lemmas=frozenset(pooled), minimum=0 if optional else 1))
                continue
            if chunk.startswith("=") and len(chunk) > 1:
                tests = [TokenTest(forms=frozenset({nlp.fold(chunk[1:])}),
                                   capitalized=chunk[1].isupper() if case_sensitive else None)]
            else:
                tests = self._word_tests(chunk, case_sensitive)
            if optional:
                tests = [_with(test, minimum=0) for test in tests]
            elements.extend(tests)
        return elements

    def _word_tests(self, chunk: str, case_sensitive: bool) -> list[TokenTest]:
        tests = []
        # Most phrase words are letters only: spaCy keeps such a chunk whole, so it need
        # not run (a tokenizer call for each of the bundled rules' 3,000 phrase words
        # would be most of the time it takes to compile them).
        pieces = [(0, len(chunk), WORD)] if chunk.isalpha() else nlp._raw_tokens(chunk, None)
        for start, end, kind in pieces:
            surface = chunk[start:end]
            norm = nlp.fold(surface)
            capitalized = surface[0].isupper() if case_sensitive else None
            if kind == WORD:
                _, lemmas, known = nlp.analyse(norm)
                if not known:
                    # slang and loanwords: their guessed lemma may differ form by form
                    lemmas = lemmas | nlp.forms_of_unknown(norm)
                tests.append(TokenTest(lemmas=lemmas, capitalized=capitalized))
            elif kind in (NUMBER, SYMBOL, URL, EMAIL):
                tests.append(TokenTest(forms=frozenset({norm}), kinds=frozenset({kind})))
        return tests

    def token_test(self, spec: dict, case_sensitive: bool) -> TokenTest:
        if "gap" in spec:
            low, high = parse_repeat(spec["gap"], allow_zero=True)
            return TokenTest(minimum=low, maximum=high, is_gap=True)
        lemmas = _as_list(spec.get("lemma"))
        forms = _as_list(spec.get("form"))
        groups = []
        for key in GRAMMEME_KEYS:
            if key in spec:
                groups.append(frozenset(grammeme_of(key, value) for value in _as_list(spec[key])))
        for grammeme in _as_list(spec.get("grammemes")):
            groups.append(frozenset({grammeme}))
        minimum, maximum = 1, 1
        if spec.get("optional"):
            minimum = 0
        if "repeat" in spec:
            minimum, maximum = parse_repeat(spec["repeat"])
            if spec.get("optional"):
                minimum = 0
        surface = None
        if "text" in spec:
            surface = regex.compile(spec["text"], 0 if case_sensitive else regex.IGNORECASE)
        kind = spec.get("kind")
        return TokenTest(
            lemmas=_with_forms_of_unknown(frozenset(nlp.fold(lemma) for lemma in lemmas)) if lemmas else None,
            forms=frozenset(nlp.fold(form) for form in forms) if forms else None,
            surface=surface,
            grammemes=tuple(groups),
            negated=spec.get("negated"),
            kinds=frozenset({kind}) if kind else None,
            capitalized=spec.get("capitalized"),
            known=spec.get("known"),
            sentence_start=spec.get("sentence_start"),
            exclude=self.token_test(spec["not"], case_sensitive) if "not" in spec else None,
            minimum=minimum,
            maximum=maximum,
        )


def _split_mixed_slots(phrase: str) -> list[str]:
    """«=не =записывать|обслуживать» → «=не =записывать», «=не обслуживать».

    A slot pools its alternatives into one lemma set, which would let an exact form
    (``=записывать``) match every form of its lemma («записываем»); a slot mixing exact
    forms and lemmas is split into two phrases instead.
    """
    variants = [[]]
    for chunk in phrase.split():
        optional = "?" if len(chunk) > 1 and chunk.endswith("?") and chunk[-2] != "?" else ""
        alternatives = chunk[:len(chunk) - len(optional)].split("|")
        exact = [a for a in alternatives if a.startswith("=")]
        lemmas = [a for a in alternatives if a and not a.startswith("=")]
        if exact and lemmas:
            choices = ["|".join(exact) + optional, "|".join(lemmas) + optional]
        else:
            choices = [chunk]
        variants = [variant + [choice] for variant in variants for choice in choices]
    return [" ".join(variant) for variant in variants]


def _with(test: TokenTest, **changes) -> TokenTest:
    from dataclasses import replace

    return replace(test, **changes)


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    return [value]


def _fold_pattern(pattern: str, case_sensitive: bool) -> str:
    # Case-insensitive regexes run on the text with «ё» folded to «е» (same length).
    return pattern if case_sensitive else pattern.replace("ё", "е").replace("Ё", "Е")


__all__ = ["Compiler"]


def _with_forms_of_unknown(lemmas: frozenset[str]) -> frozenset[str]:
    """``lemma:`` words and, for those the dictionary does not know (slang, loanwords: «нуб»),
    every form they take, since a reply's form of them may get another guessed lemma."""
    extra = [nlp.forms_of_unknown(lemma) for lemma in lemmas if " " not in lemma and lemma.isalpha()]
    return lemmas.union(*extra) if extra else lemmas
