"""Runs compiled rules on documents and stamps rule id, category and severity."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from replylint import nlp, segment
from replylint.client import ClientContext, phrase_lemmas, read_client, tokens_in
from replylint.diagnostics import Diagnostic, Severity, Suggestion
from replylint.document import Document, LineIndex
from replylint.errors import ReplylintError
from replylint.formats import Reply
from replylint.notes import outside_notes
from replylint.register import heeding_register
from replylint.signature import outside_signature
from replylint.rules.compile import Compiler
from replylint.rules.kinds import (Match, inflects_replacements, kept_beside, kind_named, rewrites_matches,
                                   yields_to_other_rules)
from replylint.rules.matching.regexes import RegexTimeout
from replylint.rules.schema import CLIENT_SAID_MATCH, Rule

if TYPE_CHECKING:
    from replylint.rewrite import Planned


#: :meth:`Linter.lint_many` reads this many replies, or as many as hold this many
#: characters, before the rules run on them.
READ_AHEAD_REPLIES = 64
READ_AHEAD_CHARS = 64_000


_FORMATTER = string.Formatter()


def _render(message: str, arguments: dict) -> str:
    """A rule's message with its ``{name}`` fields filled. A message with any other field
    (a format spec, conversion, attribute or index: ``{match:>400000000}`` allocates
    gigabytes, ``{match.nosuch}`` raises) is shown as written, as a broken one is."""
    if not _formattable(message):
        return message
    try:
        return message.format_map(arguments)
    except (ValueError, IndexError):
        return message


@lru_cache(maxsize=1024)
def _formattable(message: str) -> bool:
    """Has ``message`` only plain ``{name}`` fields (asked for every finding; a rule's
    message is one of a few hundred)?"""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in _FORMATTER.parse(message)
                  if name is not None]
    except (ValueError, IndexError):
        return False
    return not any(not name.isidentifier() or spec or conversion for name, spec, conversion in fields)


class _Arguments(dict):
    def __missing__(self, key):
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule made ready to run: its kind's compiled form and what the linter needs of it."""

    rule: Rule
    severity: Severity
    module: object
    compiled: object
    #: Idents of the pattern sets one of which must hit for the rule to find anything
    #: (None: check every reply; also when a set has any-order phrases, which only the
    #: rule's own check looks for).
    triggers: frozenset[int] | None = None
    #: Strings one of which a reply must hold for the regexes of those sets to match
    #: (empty: they have none; None: some regex may match without any).
    trigger_needles: frozenset[str] | None = None
    #: Requirement masks (see :class:`~replylint.rules.matching.index.Matcher`) of the sets'
    #: any-order phrases: one of them must be within the reply's lemmas for one to match.
    trigger_masks: frozenset[int] = frozenset()
    #: Replacements are dictionary forms to inflect into the match (see the kinds' contract).
    inflects: bool = field(init=False, repr=False)
    #: The rule's own suggestions, made once: (text, safe) of each replacement, and the
    #: advice lines (the same objects in every diagnostic).
    replacements: tuple[tuple[str, bool], ...] = field(init=False, repr=False)
    advice: tuple[Suggestion, ...] = field(init=False, repr=False)
    #: The message has {placeholders} to fill in.
    formatted: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        suggest = self.rule.suggest
        object.__setattr__(self, "replacements", tuple((spec.text, spec.safe) for spec in suggest if spec.replace))
        object.__setattr__(self, "advice", tuple(Suggestion(spec.text) for spec in suggest if not spec.replace))
        object.__setattr__(self, "formatted", "{" in self.rule.message)
        object.__setattr__(self, "inflects", inflects_replacements(self.module))


def _triggers(module, compiled) -> tuple[frozenset[int] | None, frozenset[str] | None, frozenset[int]]:
    triggers = getattr(module, "triggers", None)
    if triggers is None:
        return None, None, frozenset()
    pattern_sets = triggers(compiled)
    if pattern_sets is None:
        return None, None, frozenset()
    masks = frozenset(mask for pattern_set in pattern_sets for mask in pattern_set.unordered_masks)
    if 0 in masks:  # an any-order phrase of words no lemma picks: it may be anywhere
        return None, None, frozenset()
    needles = [pattern_set.regex_needles for pattern_set in pattern_sets]
    return (frozenset(pattern_set.ident for pattern_set in pattern_sets),
            None if None in needles else frozenset().union(*needles), masks)


class Linter:
    """A set of rules compiled once and run on many documents.

    Args:
        rules: validated rules (see :func:`replylint.loader.load_rules`).
        settings: thresholds and options by name (``sentence_words``, ``spelling.ignore``…).
        severities: overrides by rule id or category.
        mode: ``drafts`` (default) or ``templates`` (canned responses; rules marked
            ``applies_to: drafts`` are skipped).
        one_remark_per_fault: keep one of the same-category findings on overlapping
            words (see :func:`one_remark_per_fault`); False: every rule's own findings
            (what a rule's examples are tested against).
    """

    def __init__(self, rules: list[Rule], settings: dict | None = None,
                 severities: dict[str, str] | None = None, mode: str = "drafts",
                 placeholder_regex=segment.DEFAULT_PLACEHOLDER_REGEX, *, one_remark_per_fault: bool = True) -> None:
        self.settings = dict(settings or {})
        self.one_remark_per_fault = one_remark_per_fault
        self.mode = mode
        self.placeholder_regex = placeholder_regex
        severities = severities or {}
        compiler = Compiler()
        self.rules: list[CompiledRule] = []
        self._owners: list[Rule] = []
        for rule in rules:
            if mode == "templates" and rule.applies_to == "drafts":
                continue
            if mode == "drafts" and rule.applies_to == "templates":
                continue
            module = kind_named(rule.kind)
            severity = severities.get(rule.id) or severities.get(rule.category) or rule.severity
            first_pattern_set = len(compiler.matcher.pattern_sets)
            compiled = module.compile(rule, compiler)
            self.rules.append(CompiledRule(rule, Severity.parse(severity), module, compiled,
                                           *_triggers(module, compiled)))
            # which rule wrote which pattern set, to name it when its regex times out
            self._owners.extend([rule] * (len(compiler.matcher.pattern_sets) - first_pattern_set))
        self.matcher = compiler.matcher
        self.matcher.prepare()
        # Which rules a reply can wake (see lint_document): by the idents of their
        # trigger sets, by the literals those sets' regexes need and by the lemmas of
        # their any-order phrases; the rest always run.
        self._always: list[int] = []
        self._by_set: dict[int, list[int]] = {}
        self._by_needle: dict[str, list[int]] = {}
        self._by_mask: dict[int, list[int]] = {}
        for position, compiled_rule in enumerate(self.rules):
            if compiled_rule.triggers is None or compiled_rule.trigger_needles is None:
                self._always.append(position)
                continue
            for ident in compiled_rule.triggers:
                self._by_set.setdefault(ident, []).append(position)
            for needle in compiled_rule.trigger_needles:
                self._by_needle.setdefault(needle, []).append(position)
            for mask in compiled_rule.trigger_masks:
                self._by_mask.setdefault(mask, []).append(position)
        #: Rules whose findings give way to another rule's on the same span, and the
        #: categories each does not give way to (see the kinds' ``kept_beside``).
        self._yielding = {compiled_rule.rule.id: kept_beside(compiled_rule.module, compiled_rule.rule)
                          for compiled_rule in self.rules if yields_to_other_rules(compiled_rule.module)}
        #: Rules that rewrite the words they match (a glossary): a typo inside them is theirs.
        self._rewriting_rules = frozenset(c.rule.id for c in self.rules
                                          if rewrites_matches(c.module) or c.replacements)
        #: The words and phrases of each ``unless_client_said`` list, as lemma sets (made
        #: when a client's message first comes).
        self._client_phrases: dict[str, tuple] | None = None

    def parse(self, text: str, ignored=(), unmasked: str | None = None) -> Document:
        """Read a reply; ``unmasked``: the reply before its markup was blanked out."""
        # The lines quoting the client are not the agent's words: blanked out (offsets
        # kept), so that neither words nor regexes find anything in them.
        source = unmasked
        quoted = segment.quoted_lines(text)
        if quoted:
            from replylint.formats.markdown import mask

            source = source or text
            text = mask(text, quoted)
        document = nlp.parse(text, self.placeholder_regex, tuple(ignored))
        if source is not None and len(source) == len(text):
            document.source = source
        return document

    def lint(self, text: str, *, ignored=(), origin=None, line_index: LineIndex | None = None,
             reply: str | None = None, client: str | None = None) -> list[Diagnostic]:
        """Lint one reply.

        Args:
            text: the reply text the rules read.
            ignored: spans of ``text`` not to lint (markup, code).
            origin: maps an offset in ``text`` to an offset in the file (None: the same).
            line_index: line index of the file (built from ``text`` when None).
            reply: the reply's name within the file (a key or a row).
            client: the client's message the reply answers (see :mod:`replylint.client`).
        """
        document = self.parse(text, ignored)
        return self.lint_document(document, origin=origin, line_index=line_index,
                                  reply=reply, client=read_client(client))

    def lint_many(self, replies: Iterable[Reply | str], *,
                  line_index: LineIndex | None = None) -> Iterator[list[Diagnostic]]:
        """Lint replies one after another: yields what :meth:`lint` returns for each, in order.

        Args:
            replies: the replies of a file (see :class:`replylint.formats.Reply`), or texts.
            line_index: line index of the file they are in (each text's own when None).

        Reading a reply (spaCy, pymorphy3) and running the rules on it each need their own
        tables in the processor's caches and push the other's out: done in turn for every
        reply, the rules run about 15 % slower than on replies read beforehand, so a few
        dozen replies are read before the rules run on them.
        """
        batch: list[tuple[Reply, Document]] = []
        characters = 0
        for reply in replies:
            if isinstance(reply, str):
                reply = Reply(reply)
            document = self.parse(reply.text, reply.ignored, reply.unmasked)
            document.synthetic, document.forbidden = reply.synthetic, reply.forbidden
            batch.append((reply, document))
            characters += len(reply.text)
            if len(batch) >= READ_AHEAD_REPLIES or characters >= READ_AHEAD_CHARS:
                yield from self._lint_read(batch, line_index)
                batch, characters = [], 0
        yield from self._lint_read(batch, line_index)

    def _lint_read(self, batch: list[tuple[Reply, Document]], line_index) -> Iterator[list[Diagnostic]]:
        for reply, document in batch:
            yield self.lint_document(document, origin=reply.origin, line_index=line_index, reply=reply.name,
                                     client=read_client(reply.client))

    def lint_document(self, document: Document, *, origin=None, line_index=None,
                      reply=None, client: ClientContext | None = None) -> list[Diagnostic]:
        try:
            table = self.matcher.run(document)
        except RegexTimeout as timeout:
            raise self._timeout_error(timeout, None) from None
        results: dict[tuple, Diagnostic] = {}
        # A rule with triggers runs only where one of its sets hit, the reply holds a
        # literal its regexes need or the words of an any-order phrase (each in some
        # sentence); otherwise none of what it looks for is here.
        woken = set(self._always)
        by_set, by_needle = self._by_set, self._by_needle
        for ident in table.found():
            woken.update(by_set.get(ident, ()))
        if by_needle:
            for needle in table.present_needles():
                woken.update(by_needle.get(needle, ()))
        if self._by_mask:
            lemma_bits = table.lemma_bits()
            for mask, positions in self._by_mask.items():
                if lemma_bits & mask == mask:
                    woken.update(positions)
        found: list[tuple[CompiledRule, Match]] = []
        for position in sorted(woken):
            compiled_rule = self.rules[position]
            try:
                matches = list(compiled_rule.module.check(compiled_rule.compiled, table, self.settings))
            except RegexTimeout as timeout:
                raise self._timeout_error(timeout, compiled_rule.rule) from None
            found.extend((compiled_rule, match) for match in matches)
        if client is not None and found:
            found = self._heeding_client(found, document, client)
        if found:
            found = heeding_register(found, document)
        if self.one_remark_per_fault and found:
            found = outside_notes(found, document)
            found = outside_signature(found, document)
        planned = {}
        if found:
            line_index = line_index or LineIndex(document.text)  # (most replies have no finding)
            planned = _plan_rewrites(document, found, client)
        for compiled_rule, match in found:
            diagnostic = self._diagnostic(compiled_rule, match, document, origin, line_index, reply,
                                          planned.get((compiled_rule.rule.id, match.start, match.end)), client)
            results.setdefault((diagnostic.rule, diagnostic.start, diagnostic.end), diagnostic)
        diagnostics = _without_yielding(results.values(), self._yielding, self._rewriting_rules)
        if self.one_remark_per_fault and len(diagnostics) > 1:
            diagnostics = one_remark_per_fault(diagnostics)
        return sorted(diagnostics, key=Diagnostic.sort_key)

    def _timeout_error(self, timeout: RegexTimeout, rule: Rule | None) -> ReplylintError:
        if 0 <= timeout.pattern_set < len(self._owners):
            rule = self._owners[timeout.pattern_set]
        if rule is None:
            return ReplylintError(f"регулярное выражение {timeout.pattern!r} выполняется слишком долго "
                                  "(катастрофический перебор)")
        return ReplylintError(
            f"правило {rule.id}: регулярное выражение {timeout.pattern!r} выполняется слишком долго "
            "(катастрофический перебор); упростите его", rule.path, rule.line)

    def _heeding_client(self, found: list, document: Document, client: ClientContext) -> list:
        """``found`` without the matches the client's message makes no fault: those of a
        rule with ``unless_client_said`` (see :mod:`replylint.client`)."""
        if self._client_phrases is None:
            self._client_phrases = {
                compiled_rule.rule.id: tuple(phrase_lemmas(phrase) for phrase in compiled_rule.rule.unless_client_said
                                             if phrase != CLIENT_SAID_MATCH)
                for compiled_rule in self.rules
                if compiled_rule.rule.unless_client_said and compiled_rule.rule.unless_client_said != CLIENT_SAID_MATCH}
        kept = []
        for compiled_rule, match in found:
            condition = compiled_rule.rule.unless_client_said
            # (``match`` may also stand in a list beside words: both tests hold)
            if condition == CLIENT_SAID_MATCH or (not isinstance(condition, str) and CLIENT_SAID_MATCH in condition):
                if client.said_all(tokens_in(document, match.start, match.end)):
                    continue
            if condition and condition != CLIENT_SAID_MATCH and client.mentions(self._client_phrases[compiled_rule.rule.id]):
                continue
            kept.append((compiled_rule, match))
        return kept

    def _diagnostic(self, compiled_rule: CompiledRule, match: Match, document: Document, origin,
                    line_index: LineIndex, reply, planned: Planned | None,
                    client: ClientContext | None = None) -> Diagnostic:
        rule = compiled_rule.rule
        text = (document.source or document.text)[match.start:match.end]
        start = origin(match.start) if origin else match.start
        end = origin(match.end) if origin else match.end
        if end < start:
            end = start
        line, column = line_index.position(start)
        end_line, end_column = line_index.position(end)
        suggestions = self._suggestions(compiled_rule, match, document, start, end, origin or _same, planned, client)
        if compiled_rule.formatted:
            arguments = _Arguments(match.arguments or ())
            arguments.setdefault("match", text)
            if planned is not None and planned.replacement is not None:
                # «рефанда» → «возврата денег», not «возврат денег»
                arguments["replacement"] = planned.replacement
            else:
                for suggestion in suggestions:
                    if suggestion.is_replacement:
                        arguments["replacement"] = suggestion.text
                        break
            if "replacement" not in arguments:
                arguments["replacement"] = _written(match.replacements[0]) if match.replacements else ""
            message = _render(rule.message, arguments)
        else:
            message = rule.message  # (format_map would return it as it is, or fail on a lone «}»)
        context, context_start = _context(document, match)
        return Diagnostic(rule.id, rule.category, compiled_rule.severity, message, start, end,
                          line, column, end_line, end_column, text, tuple(suggestions),
                          context, context_start, reply)

    def _suggestions(self, compiled_rule: CompiledRule, match: Match, document: Document, start: int, end: int,
                     to_file, planned: Planned | None, client: ClientContext | None = None) -> list[Suggestion]:
        suggestions: list[Suggestion] = []
        replacements = _replacements(compiled_rule, match, client)
        if replacements and not compiled_rule.inflects:
            suggestions = [_edit(document, match, replacement, safe, match.start, match.end, start, end)
                           for replacement, safe in replacements]
        elif planned is not None:
            suggestions = [_edit(document, match, edit.text, edit.safe, edit.start, edit.end,
                                 to_file(edit.start), to_file(edit.end)) for edit in planned.edits]
            suggestions += [Suggestion(text) for text in planned.advice]
        if match.advice:
            suggestions += [Suggestion(text) for text in match.advice]
        suggestions += compiled_rule.advice
        if len(suggestions) < 2:
            return suggestions
        unique = []
        for suggestion in suggestions:
            if suggestion not in unique:
                unique.append(suggestion)
        return unique


def _replacements(compiled_rule: CompiledRule, match: Match,
                  client: ClientContext | None = None) -> list[tuple[str, bool]]:
    """A match's rewrites, ranked: those in the client's own words, then its own (a
    glossary entry's), then the rule's."""
    replacements = list(compiled_rule.replacements)
    if match.replacements:
        replacements = [(text, match.safe) for text in match.replacements] + replacements
    if client is not None and len(replacements) > 1:
        replacements.sort(key=lambda replacement: not client.uses_words_of(replacement[0]))  # (stable)
    return replacements


def _written(replacement: str) -> str:
    """A replacement as the agent reads it: «передать (специалисту)» → «передать специалисту»."""
    from replylint.rewrite import phrase_of

    return phrase_of(replacement).text


def _plan_rewrites(document: Document, found, client: ClientContext | None = None) -> dict:
    """The rewrites of every match with a replacement, planned together (see
    :mod:`replylint.rewrite`, imported only for a reply that has some): the first match of
    a rule at a span counts, as for the diagnostics."""
    from replylint import rewrite

    requests = {}
    for compiled_rule, match in found:
        if not compiled_rule.inflects or not (match.replacements or compiled_rule.replacements):
            continue
        replacements = _replacements(compiled_rule, match, client)
        key = (compiled_rule.rule.id, match.start, match.end)
        if key not in requests:
            if match.first_token >= 0:
                requests[key] = rewrite.Request(key, match.first_token, match.last_token, tuple(replacements),
                                                match.prefer)
            else:  # a regex's match
                requests[key] = rewrite.Request.covering(document, key, match.start, match.end, replacements,
                                                         match.prefer)
    if not requests:
        return {}
    return rewrite.plan(document, list(requests.values()))


def _same(offset: int) -> int:
    return offset


def _edit(document: Document, match: Match, text: str, safe: bool, start: int, end: int,
          file_start: int, file_end: int) -> Suggestion:
    """A rewrite of the reply's ``start:end`` (``file_start:file_end`` in the file), if a
    client may write it into the file as it is; one over an escape or a doubled quote
    («\\n», «\\"» in a JSON string), or bringing a character that would end the string
    («"» into a JSON string), becomes advice naming the words to write."""
    if not (document.synthetic or document.forbidden) or (
            not any(index in document.synthetic for index in range(start, end))
            and not any(char in document.forbidden for char in text)):
        return Suggestion(text, True, safe, file_start, file_end)
    words = " ".join(text.split())  # (advice is read, not written: one line)
    if start < match.start or end > match.end:  # the words that agree change too
        return Suggestion(f"Замените вместе с соседними словами: «{words}»")
    return Suggestion(f"Замените на «{words}»")


def _without_yielding(diagnostics, yielding, rewriting_rules=frozenset()):
    """Drop the findings of ``yielding`` rules (typos) on spans another rule has a finding
    on — unless that finding is of a category the rule is kept beside: «Ваш лох № 4471 снят
    с продажи» is «лот» mistyped, and the remark that calls the word rude does not replace
    the one that names the slip — and on words inside words a rule rewrites («на бэке»)."""
    diagnostics = list(diagnostics)
    if not yielding:
        return diagnostics
    found = {}
    for d in diagnostics:
        if d.rule not in yielding:
            found.setdefault((d.start, d.end), set()).add(d.category)
    rewritten = [(d.start, d.end) for d in diagnostics if d.rule in rewriting_rules]
    return [d for d in diagnostics if d.rule not in yielding or not (
        found.get((d.start, d.end), set()) - yielding[d.rule]
        or any(start <= d.start and d.end <= end for start, end in rewritten))]


def one_remark_per_fault(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One remark per fault: of the findings of one category on overlapping characters
    (or the same span) of a reply, only the most specific is kept, and the messages of
    the others become lines of advice under it («Также: …»).

    Most specific, in this order: the higher severity (the agent must not lose the
    stronger remark); one that offers a rewrite (it says exactly what to write: the
    glossary's «бэк-офис» → «специалисты», not the loanword «бэк» inside it); the
    narrower span (it points at the words to change); the earlier start; the rule id (so
    the choice never depends on the order the rules ran in). Kept findings never overlap one another: each finding is
    weighed against those already kept, most specific first.

    Two findings of one rule in one sentence that only give advice are one fault too
    («Ответим в ближайшее время, как только, так сразу» is one promise without a time):
    the same advice twice says nothing new. Findings that rewrite their words stay apart,
    each with its own rewrite («Ваш тикет эскалирован»), and so do errors.
    """
    by_category: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_category.setdefault(diagnostic.category, []).append(diagnostic)
    if all(len(group) < 2 for group in by_category.values()):
        return diagnostics
    result: list[Diagnostic] = []
    for group in by_category.values():
        if len(group) < 2:
            result.extend(group)
            continue
        kept: list[Diagnostic] = []
        notes: dict[int, list[str]] = {}
        for diagnostic in sorted(group, key=_specificity):
            owner = next((index for index, other in enumerate(kept)
                          if _overlaps(other, diagnostic) or _same_advice_in_sentence(other, diagnostic)), None)
            if owner is None:
                kept.append(diagnostic)
            elif diagnostic.message != kept[owner].message:
                notes.setdefault(owner, []).append(diagnostic.message)
        result.extend(_noting(diagnostic, notes.get(index, ())) for index, diagnostic in enumerate(kept))
    return result


def _specificity(diagnostic: Diagnostic) -> tuple:
    rewrites = any(suggestion.is_replacement for suggestion in diagnostic.suggestions)
    return (-diagnostic.severity, not rewrites, diagnostic.end - diagnostic.start, diagnostic.start,
            diagnostic.rule)


def _overlaps(first: Diagnostic, second: Diagnostic) -> bool:
    """The spans share a character, or are the same (empty) span."""
    return ((first.start, first.end) == (second.start, second.end)
            or (first.start < second.end and second.start < first.end))


def _same_advice_in_sentence(first: Diagnostic, second: Diagnostic) -> bool:
    """One rule's advice (no rewrite, below error) twice in the same sentence of the same
    reply. Errors stay one remark each: each unfilled placeholder must be filled."""
    return (first.rule == second.rule and first.severity < Severity.ERROR and first.reply == second.reply
            and first.context == second.context
            and first.start - first.context_start == second.start - second.context_start
            and not any(suggestion.is_replacement for suggestion in (*first.suggestions, *second.suggestions)))


def _noting(diagnostic: Diagnostic, messages) -> Diagnostic:
    """``diagnostic`` with the messages of the findings it stands for as advice lines."""
    notes = [Suggestion(f"Также: {message}") for message in dict.fromkeys(messages)]
    notes = [note for note in notes if note not in diagnostic.suggestions]
    return diagnostic._replace(suggestions=diagnostic.suggestions + tuple(notes)) if notes else diagnostic


def _context(document: Document, match: Match) -> tuple[str, int]:
    """The sentence(s) around a match, and where the match starts inside them."""
    first = document.sentence_at(match.start)
    last = document.sentence_at(max(match.start, match.end - 1))
    if first is None or last is None:
        return document.text[match.start:match.end], 0
    return document.text[first.start:last.end], match.start - first.start


_DEFAULT_LINTER: Linter | None = None


def default_linter() -> Linter:
    global _DEFAULT_LINTER
    if _DEFAULT_LINTER is None:
        from replylint.loader import load_rules, select_rules

        _DEFAULT_LINTER = Linter(select_rules(load_rules()))  # what `check` runs: enabled rules
    return _DEFAULT_LINTER


def lint_text(text: str, *, linter: Linter | None = None) -> list[Diagnostic]:
    """Lint one reply with the bundled rules (or ``linter``)."""
    return (linter or default_linter()).lint(text)
