"""The rule file format: validation of YAML data into :class:`Rule` (no NLP needed).

Everything a QA lead can get wrong is reported with file, line and rule id, and all the
errors of a file are collected before loading stops. See docs/rules.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import regex

from replylint.categories import CATEGORIES
from replylint.errors import ReplylintError, RuleFileError
from replylint.yamlfile import LineDict, LineList, load_yaml_file

SEVERITIES = ("error", "warning", "suggestion")
KINDS = ("existence", "substitution", "absence", "position", "occurrence", "condition",
         "metric", "consistency", "spelling")
SCOPES = ("overlap", "sentence", "document")
WITHIN = ("sentence", "paragraph", "document")
APPLIES_TO = ("all", "drafts", "templates")

COMMON_KEYS = {"id", "kind", "category", "severity", "message", "explanation", "source",
               "suggest", "examples", "aliases", "enabled", "applies_to", "unless"}
KIND_KEYS: dict[str, dict[str, bool]] = {
    # key -> required
    "existence": {"match": True},
    "substitution": {"swap": True},
    "absence": {"require": True, "when": False, "min_words": False},
    "position": {"where": True, "match": True, "max_words": False, "skip": False,
                 "not_followed_by": False},
    "occurrence": {"match": True, "at_least": True, "within": False},
    "condition": {"match": True, "within": False, "followed_by": False, "not_followed_by": False,
                  "preceded_by": False, "not_preceded_by": False, "document_has": False,
                  "document_lacks": False},
    "metric": {"measure": True, "max": True, "setting": False},
    "consistency": {"variants": True},
    "spelling": {"mode": False, "min_length": False, "ignore": False, "offensive": False},
}
POSITIONS = ("first_sentence", "last_sentence", "last_paragraph")
SPELLING_MODES = ("unknown", "offensive-slip")
MEASURES = ("sentence_words", "paragraph_words", "paragraph_sentences")
PATTERN_KEYS = {"phrases", "tokens", "regex", "any_order", "window", "case_sensitive", "scope"}
TOKEN_KEYS = {"lemma", "form", "text", "pos", "tense", "person", "number", "case", "gender",
              "mood", "aspect", "voice", "grammemes", "negated", "kind", "capitalized", "known",
              "sentence_start", "not",
              "optional", "repeat", "gap"}
TOKEN_KINDS = ("word", "number", "punct", "placeholder", "url", "email", "symbol")

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
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9\-]*(\.[a-z0-9][a-z0-9\-]*)+$")
_GAP = re.compile(r"^\{(\d+)(?:,(\d+))?\}$")
_WORD_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class SuggestSpec:
    """A rule's suggestion: ``replace`` (inflected into the match) or ``advice`` text."""

    text: str
    replace: bool = False
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated rule, before compilation. ``options`` holds the kind-specific keys."""

    id: str
    kind: str
    category: str
    severity: str
    message: str
    explanation: str
    source: str
    suggest: tuple[SuggestSpec, ...]
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    options: dict = field(hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    applies_to: str = "all"
    path: str = ""
    line: int = 0
    #: (bad text, the text after the rule's rewrites) pairs, run like ``bad`` and ``good``
    examples_fix: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "category": self.category,
            "severity": self.severity, "message": self.message,
            "explanation": self.explanation, "source": self.source,
            "suggest": [{"replace" if s.replace else "advice": s.text, "safe": s.safe}
                        for s in self.suggest],
            "examples": {"bad": list(self.examples_bad), "good": list(self.examples_good),
                         "fix": [list(pair) for pair in self.examples_fix]},
            "aliases": list(self.aliases), "enabled": self.enabled,
            "applies_to": self.applies_to, "options": _plain(self.options),
            "path": self.path, "line": self.line,
        }


def _plain(value):
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class _Checker:
    """Collects errors for one file, each with line and rule id."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[ReplylintError] = []
        self.rule_id = "?"
        #: (compiled regex, line, where) of the rule being checked, for the backtracking probe
        self.regexes: list[tuple] = []

    def error(self, line: int, message: str) -> None:
        self.errors.append(ReplylintError(f"rule {self.rule_id}: {message}", self.path, line or None))

    def keys(self, mapping: LineDict, allowed: set[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = ", ".join(sorted(allowed))
                self.error(mapping.line_of(key), f"unknown key '{key}' in {what} (expected one of: {hint})")

    def string(self, mapping: LineDict, key: str, required: bool = True) -> str | None:
        if key not in mapping:
            if required:
                self.error(mapping.line, f"missing required key '{key}'")
            return None
        value = mapping[key]
        if not isinstance(value, str) or not value.strip():
            self.error(mapping.line_of(key), f"'{key}' must be a non-empty string, got {_type_name(value)}")
            return None
        return value

    def string_list(self, mapping: LineDict, key: str) -> list[str]:
        value = mapping.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(mapping.line_of(key), f"'{key}' must be a string or a list of strings")
            return []
        return list(value)

    def integer(self, mapping: LineDict, key: str, minimum: int = 0) -> int | None:
        if key not in mapping:
            return None
        value = mapping[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(mapping.line_of(key), f"'{key}' must be a whole number ≥ {minimum}, got {value!r}")
            return None
        return value

    def boolean(self, mapping: LineDict, key: str, default: bool) -> bool:
        value = mapping.get(key, default)
        if not isinstance(value, bool):
            self.error(mapping.line_of(key), f"'{key}' must be true or false, got {value!r}")
            return default
        return value

    def choice(self, mapping: LineDict, key: str, choices: tuple[str, ...], default: str | None) -> str | None:
        if key not in mapping:
            if default is None:
                self.error(mapping.line, f"missing required key '{key}' (one of: {', '.join(choices)})")
            return default
        value = mapping[key]
        if value not in choices:
            self.error(mapping.line_of(key), f"'{key}' must be one of: {', '.join(choices)}; got {value!r}")
            return default
        return value


def _type_name(value) -> str:
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", LineList: "a list",
            bool: "a boolean", int: "a number", float: "a number", type(None): "nothing"}.get(
        type(value), type(value).__name__)


def load_rule_file(path: Path, root: Path | None = None) -> list[Rule]:
    """Read and validate one rule file; raise :class:`RuleFileError` with every error found."""
    display = str(path)
    try:
        data = load_yaml_file(path)
    except ReplylintError as error:
        raise RuleFileError([error]) from None
    checker = _Checker(display)
    rules: list[Rule] = []
    if isinstance(data, LineDict) and "rules" in data:
        checker.keys(data, {"rules", "category", "source", "severity"}, "the file")
        defaults = {key: data[key] for key in ("category", "source", "severity") if key in data}
        items = data["rules"]
        if not isinstance(items, LineList) or not items:
            checker.error(data.line_of("rules"), "'rules' must be a non-empty list of rules")
            items = LineList()
        for item in items:
            if not isinstance(item, LineDict):
                checker.error(getattr(items, "line", 0), "each item of 'rules' must be a mapping")
                continue
            rule = _rule(item, defaults, None, checker)
            if rule:
                rules.append(rule)
    elif isinstance(data, LineDict):
        default_id = f"{path.parent.name}.{path.stem}" if path.parent.name in CATEGORIES else None
        rule = _rule(data, {}, default_id, checker)
        if rule:
            rules.append(rule)
    elif data is None:
        checker.error(1, "the file is empty (expected a rule mapping or 'rules:' list)")
    else:
        checker.error(1, f"expected a rule mapping or a 'rules:' list, got {_type_name(data)}")
    if checker.errors:
        raise RuleFileError(checker.errors)
    return rules


def _rule(data: LineDict, defaults: dict, default_id: str | None, checker: _Checker) -> Rule | None:
    errors_before = len(checker.errors)
    checker.regexes = []
    rule_id = data.get("id", default_id)
    checker.rule_id = str(rule_id) if rule_id else "?"
    if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
        checker.error(data.line_of("id"),
                      "'id' must look like 'category.name' (lower-case latin, digits, dashes)")
    merged = LineDict({**defaults, **data})
    merged.line = data.line
    merged.key_lines = data.key_lines
    kind = checker.choice(merged, "kind", KINDS, None)
    allowed = set(COMMON_KEYS)
    if kind:
        allowed |= set(KIND_KEYS[kind])
    checker.keys(data, allowed, "a rule")
    category = merged.get("category")
    if category not in CATEGORIES:
        checker.error(merged.line_of("category"),
                      f"unknown category {category!r} (see taxonomy.md: {', '.join(CATEGORIES)})")
    severity = checker.choice(merged, "severity", SEVERITIES, "warning")
    message = checker.string(merged, "message")
    if message and "\n" in message.strip():
        checker.error(merged.line_of("message"), "'message' must be one line")
    explanation = checker.string(merged, "explanation")
    source = checker.string(merged, "source")
    suggest = _suggestions(merged, checker)
    bad, good = _examples(merged, checker)
    fix = fix_examples(merged, checker)
    aliases = checker.string_list(merged, "aliases")
    enabled = checker.boolean(merged, "enabled", True)
    applies_to = checker.choice(merged, "applies_to", APPLIES_TO, "all")
    options: dict = {}
    if kind:
        for key, required in KIND_KEYS[kind].items():
            if key in merged:
                options[key] = merged[key]
            elif required:
                checker.error(merged.line, f"kind '{kind}' needs the key '{key}'")
        _check_kind_options(kind, merged, checker)
    if "unless" in merged:
        options["unless"] = merged["unless"]
        check_pattern_set(merged["unless"], merged.line_of("unless"), "unless", checker, allow_scope=True)
    if len(checker.errors) == errors_before:
        check_backtracking(checker, [*bad, *good])
    if len(checker.errors) > errors_before:
        return None
    return Rule(rule_id, kind, category, severity, message.strip(), explanation.strip(),
                source.strip(), tuple(suggest), tuple(bad), tuple(good), options,
                tuple(aliases), enabled, applies_to, checker.path, data.line, tuple(fix))


def _suggestions(data: LineDict, checker: _Checker) -> list[SuggestSpec]:
    value = data.get("suggest")
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    result = []
    for position, item in enumerate(items):
        line = items.line_of(position) if isinstance(items, LineList) else data.line_of("suggest")
        if isinstance(item, str) and item.strip():
            result.append(SuggestSpec(item.strip()))
        elif isinstance(item, LineDict):
            checker.keys(item, {"replace", "advice", "safe"}, "a suggestion")
            if ("replace" in item) == ("advice" in item):
                checker.error(line, "a suggestion needs exactly one of 'replace' or 'advice'")
                continue
            key = "replace" if "replace" in item else "advice"
            text = checker.string(item, key)
            safe = checker.boolean(item, "safe", False)
            if text:
                result.append(SuggestSpec(text.strip(), key == "replace", safe))
        else:
            checker.error(line, f"a suggestion must be a string or a mapping, got {_type_name(item)}")
    return result


def _examples(data: LineDict, checker: _Checker) -> tuple[list[str], list[str]]:
    examples = data.get("examples")
    if examples is None:
        checker.error(data.line, "missing required key 'examples' (with 'bad' and 'good' texts)")
        return [], []
    if not isinstance(examples, LineDict):
        checker.error(data.line_of("examples"), "'examples' must be a mapping with 'bad' and 'good'")
        return [], []
    checker.keys(examples, {"bad", "good", "fix"}, "examples")
    bad = checker.string_list(examples, "bad")
    good = checker.string_list(examples, "good")
    if not bad:
        checker.error(examples.line, "'examples' needs at least one 'bad' text")
    return bad, good


def fix_examples(data: LineDict, checker: _Checker) -> list[tuple[str, str]]:
    """``examples.fix``: what a bad text reads like after the rule's rewrites, as a
    mapping ``"bad text": "fixed text"`` or a list of ``[bad text, fixed text]`` pairs."""
    examples = data.get("examples")
    value = examples.get("fix") if isinstance(examples, LineDict) else None
    if value is None:
        return []
    line = examples.line_of("fix")
    if isinstance(value, LineDict):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(item, list) and len(item) == 2 for item in value):
        pairs = [tuple(item) for item in value]
    else:
        checker.error(line, "'fix' must be a mapping of bad text to fixed text, or a list of "
                            "[bad text, fixed text] pairs")
        return []
    if not all(isinstance(before, str) and isinstance(after, str) and before.strip() and after.strip()
               for before, after in pairs):
        checker.error(line, "'fix' pairs must be two non-empty strings: the bad text and the fixed text")
        return []
    if not any(spec.replace for spec in _suggestions(data, _Checker(checker.path))) \
            and data.get("kind") != "substitution":
        checker.error(line, "'fix' examples need a rule with rewrites ('swap' or 'suggest: {replace: …}')")
        return []
    return [(before, after) for before, after in pairs]


def _check_kind_options(kind: str, data: LineDict, checker: _Checker) -> None:
    if kind in ("existence", "position", "occurrence", "condition") and "match" in data:
        check_pattern_set(data["match"], data.line_of("match"), "match", checker)
    if kind == "substitution" and "swap" in data:
        _check_swap(data["swap"], data.line_of("swap"), checker)
    if kind == "absence":
        if "require" in data:
            check_pattern_set(data["require"], data.line_of("require"), "require", checker)
        if "when" in data:
            check_pattern_set(data["when"], data.line_of("when"), "when", checker)
        checker.integer(data, "min_words", 0)
    if kind == "position":
        checker.choice(data, "where", POSITIONS, None)
        checker.integer(data, "max_words", 1)
        for key in ("skip", "not_followed_by"):
            if key in data:
                check_pattern_set(data[key], data.line_of(key), key, checker)
    if kind == "occurrence":
        checker.integer(data, "at_least", 2)
        checker.choice(data, "within", WITHIN, "document")
    if kind == "condition":
        within = data.get("within", "sentence")
        if within not in WITHIN and not (isinstance(within, LineDict) and set(within) == {"sentences"}
                                         and isinstance(within["sentences"], int)):
            checker.error(data.line_of("within"),
                          f"'within' must be one of: {', '.join(WITHIN)}, or 'sentences: N'")
        conditions = [key for key in ("followed_by", "not_followed_by", "preceded_by",
                                      "not_preceded_by", "document_has", "document_lacks") if key in data]
        if not conditions:
            checker.error(data.line, "kind 'condition' needs at least one of followed_by, "
                          "not_followed_by, preceded_by, not_preceded_by, document_has, document_lacks")
        for key in conditions:
            check_pattern_set(data[key], data.line_of(key), key, checker)
    if kind == "metric":
        checker.choice(data, "measure", MEASURES, None)
        checker.integer(data, "max", 1)
        checker.string(data, "setting", required=False)
    if kind == "consistency":
        variants = data.get("variants")
        if not isinstance(variants, LineDict) or len(variants) < 2:
            checker.error(data.line_of("variants"), "'variants' must map at least two names to patterns")
        else:
            for name, value in variants.items():
                check_pattern_set(value, variants.line_of(name), f"variants.{name}", checker)
    if kind == "spelling":
        checker.choice(data, "mode", SPELLING_MODES, "unknown")
        checker.integer(data, "min_length", 1)
        checker.string_list(data, "ignore")
        checker.string_list(data, "offensive")


def _check_swap(swap, line: int, checker: _Checker) -> None:
    if isinstance(swap, LineDict):
        if not swap:
            checker.error(line, "'swap' must not be empty")
        for term, replacement in swap.items():
            term_line = swap.line_of(term)
            if not isinstance(term, str) or not _WORD_CHAR.search(term):
                checker.error(term_line, f"the term {term!r} has no words to match")
            if isinstance(replacement, list):
                if not replacement or not all(isinstance(item, str) and item.strip() for item in replacement):
                    checker.error(term_line, f"the replacement of {term!r} must be text or a list of texts")
            elif not isinstance(replacement, str) or not replacement.strip():
                checker.error(term_line, f"the replacement of {term!r} must be text or a list of texts")
        return
    if not isinstance(swap, LineList) or not swap:
        checker.error(line, "'swap' must be a mapping 'term: replacement' or a list of entries")
        return
    for position, entry in enumerate(swap):
        entry_line = swap.line_of(position)
        if not isinstance(entry, LineDict):
            checker.error(entry_line, "each 'swap' entry must be a mapping with 'match' and 'replace'")
            continue
        checker.keys(entry, {"match", "replace", "advice", "safe", "message"}, "a swap entry")
        if "match" not in entry:
            checker.error(entry_line, "a 'swap' entry needs 'match'")
        else:
            check_pattern_set(entry["match"], entry.line_of("match"), "swap.match", checker)
        if "replace" not in entry and "advice" not in entry:
            checker.error(entry_line, "a 'swap' entry needs 'replace' or 'advice'")
        for key in ("replace", "advice"):
            if key in entry:
                values = entry[key] if isinstance(entry[key], list) else [entry[key]]
                if not values or not all(isinstance(value, str) and value.strip() for value in values):
                    checker.error(entry.line_of(key), f"'{key}' must be text or a list of texts")
        checker.boolean(entry, "safe", False)


def check_pattern_set(value, line: int, where: str, checker: _Checker, allow_scope: bool = False) -> None:
    """Validate a pattern set: a phrase, a list of phrases, or a mapping of pattern keys."""
    if isinstance(value, str):
        _check_phrase(value, line, where, checker)
        return
    if isinstance(value, list):
        if not value:
            checker.error(line, f"'{where}' must not be empty")
        for position, item in enumerate(value):
            item_line = value.line_of(position) if isinstance(value, LineList) else line
            if isinstance(item, str):
                _check_phrase(item, item_line, where, checker)
            else:
                checker.error(item_line, f"'{where}' items must be phrases (strings), got {_type_name(item)}")
        return
    if not isinstance(value, LineDict):
        checker.error(line, f"'{where}' must be a phrase, a list of phrases or a mapping, got {_type_name(value)}")
        return
    allowed = set(PATTERN_KEYS) if allow_scope else PATTERN_KEYS - {"scope"}
    checker.keys(value, allowed, f"'{where}'")
    if not any(key in value for key in ("phrases", "tokens", "regex")):
        checker.error(value.line, f"'{where}' needs 'phrases', 'tokens' or 'regex'")
    for phrase_position, phrase in enumerate(checker.string_list(value, "phrases")):
        phrases = value.get("phrases")
        phrase_line = phrases.line_of(phrase_position) if isinstance(phrases, LineList) else value.line_of("phrases")
        _check_phrase(phrase, phrase_line, where, checker)
    for pattern in checker.string_list(value, "regex"):
        check_regex(pattern, value.line_of("regex"), where, checker)
    if "tokens" in value:
        _check_tokens(value["tokens"], value.line_of("tokens"), where, checker)
    checker.boolean(value, "any_order", False)
    checker.boolean(value, "case_sensitive", False)
    checker.integer(value, "window", 1)
    if allow_scope:
        checker.choice(value, "scope", SCOPES, "overlap")


def _check_phrase(phrase: str, line: int, where: str, checker: _Checker) -> None:
    words = []
    for chunk in phrase.split():
        gap = _GAP.match(chunk)
        if gap:
            low, high = int(gap.group(1)), int(gap.group(2) or gap.group(1))
            if high < low or high > 10:
                checker.error(line, f"gap {chunk} in phrase {phrase!r} must be {{m,n}} with m ≤ n ≤ 10")
            continue
        if _WORD_CHAR.search(chunk):
            words.append(chunk)
    if not words:
        checker.error(line, f"the phrase {phrase!r} in '{where}' has no words to match")


def check_regex(pattern: str, line: int, where: str, checker: _Checker) -> None:
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.MULTILINE)
    except regex.error as error:
        checker.error(line, f"the regex {pattern!r} in '{where}' does not compile: {error}")
        return
    checker.regexes.append((compiled, line, where))


#: How long one regex may take on one probe text when a rule file is loaded, in seconds.
PROBE_TIMEOUT = 0.25
_QUANTIFIED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,)")
_PROBE_CLASSES = {"w": "а", "d": "1", "s": " ", "S": "а", "W": "!", "D": "а", ".": "а"}


def check_backtracking(checker: _Checker, examples: list[str]) -> None:
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
                checker.error(line, f"the regex {compiled.pattern!r} in '{where}' backtracks "
                                    f"catastrophically (over {PROBE_TIMEOUT} s on {shown!r}); simplify it")
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


def _check_tokens(value, line: int, where: str, checker: _Checker) -> None:
    if not isinstance(value, list) or not value:
        checker.error(line, f"'{where}.tokens' must be a list of token sequences")
        return
    sequences = value if all(isinstance(item, list) for item in value) else [value]
    for sequence in sequences:
        if not sequence:
            checker.error(line, f"'{where}.tokens' has an empty sequence")
        for position, spec in enumerate(sequence):
            spec_line = sequence.line_of(position) if isinstance(sequence, LineList) else line
            check_token_spec(spec, spec_line, where, checker)


def check_token_spec(spec, line: int, where: str, checker: _Checker) -> None:
    if not isinstance(spec, LineDict):
        checker.error(line, f"a token in '{where}' must be a mapping like {{lemma: мочь}}, got {_type_name(spec)}")
        return
    checker.keys(spec, TOKEN_KEYS, f"a token in '{where}'")
    for key in ("tense", "person", "number", "case", "gender", "mood", "aspect", "voice", "pos"):
        if key in spec:
            values = spec[key] if isinstance(spec[key], list) else [spec[key]]
            for value in values:
                if grammeme_of(key, value) is None:
                    known = ", ".join(sorted(GRAMMEME_ALIASES[key]))
                    checker.error(spec.line_of(key), f"unknown {key} {value!r} (expected one of: {known})")
    for key in ("lemma", "form"):
        if key in spec:
            values = spec[key] if isinstance(spec[key], list) else [spec[key]]
            if not values or not all(isinstance(value, str) and value.strip() for value in values):
                checker.error(spec.line_of(key), f"'{key}' must be a word or a list of words, got "
                              f"{spec[key]!r} (quote numbers: '5')")
    if "text" in spec:
        if isinstance(spec["text"], str):
            check_regex(spec["text"], spec.line_of("text"), where, checker)
        else:
            checker.error(spec.line_of("text"), "'text' must be a regex string")
    if "kind" in spec and spec["kind"] not in TOKEN_KINDS:
        checker.error(spec.line_of("kind"), f"'kind' must be one of: {', '.join(TOKEN_KINDS)}")
    if "repeat" in spec and parse_repeat(spec["repeat"]) is None:
        checker.error(spec.line_of("repeat"), "'repeat' must be N or 'M-N' with M ≤ N ≤ 10")
    if "gap" in spec and parse_repeat(spec["gap"], allow_zero=True) is None:
        checker.error(spec.line_of("gap"), "'gap' must be N or 'M-N' with M ≤ N ≤ 10")
    for key in ("negated", "optional", "capitalized", "known", "sentence_start"):
        if key in spec:
            checker.boolean(spec, key, False)
    if "not" in spec:
        check_token_spec(spec["not"], spec.line_of("not"), where, checker)
    if not set(spec) - {"optional", "repeat"}:
        checker.error(line, f"a token in '{where}' says nothing about the word (give lemma, pos, text...)")


def grammeme_of(key: str, value) -> str | None:
    text = str(value)
    if key == "pos" and text.upper() in KNOWN_POS:
        return text.upper()
    return GRAMMEME_ALIASES.get(key, {}).get(text.lower() if key != "pos" else text.lower())


def parse_repeat(value, allow_zero: bool = False) -> tuple[int, int] | None:
    low_bound = 0
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        low, high = value, value
    elif isinstance(value, str) and re.fullmatch(r"\d+-\d+", value.strip()):
        low, high = (int(part) for part in value.strip().split("-"))
    else:
        return None
    if low < low_bound or high < max(low, 1 if not allow_zero else 0) or high > 10:
        return None
    return low, high
