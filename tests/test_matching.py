"""Phrases match on lemmas in every form; gaps, alternatives, exceptions, token patterns."""

from __future__ import annotations

import pytest

from helpers import make_linter, spans


@pytest.fixture
def phrase_linter(tmp_path):
    def build(match: str, extra: str = ""):
        return make_linter(tmp_path, f"kind: existence\nmatch:\n{match}\n{extra}")
    return build


@pytest.mark.parametrize("text,expected", [
    ("Мы не будем выносить реквизит.", ["не будем выносить"]),
    ("Они не будут выносить вещи.", ["не будут выносить"]),
    ("Вы не будете выносить?", ["не будете выносить"]),
    ("Мы вынесем реквизит.", []),
])
def test_phrase_matches_every_person_and_tense(phrase_linter, text, expected):
    linter = phrase_linter('  phrases: ["не быть выносить"]')
    assert spans(linter, text) == expected


@pytest.mark.parametrize("text,word", [
    # pymorphy3 reads «нубы» as a form of «нуба», and guesses nothing at all for «нуб»
    ("Опять нубы путают кнопки.", "нубы"), ("Он нубом был, теперь мастер.", "нубом"),
])
@pytest.mark.parametrize("pattern", ['  phrases: ["нуб"]', '  tokens: [[{lemma: нуб}]]'])
def test_an_unknown_word_matches_its_forms_whatever_lemma_they_get(phrase_linter, pattern, text, word):
    assert spans(phrase_linter(pattern), text) == [word]


@pytest.mark.parametrize("pattern", ['  phrases: ["нуб"]', '  tokens: [[{lemma: нуб}]]'])
def test_the_forms_of_an_unknown_word_do_not_reach_other_words(phrase_linter, pattern):
    assert spans(phrase_linter(pattern), "Нубийская пустыня и нубук — другие слова.") == []


@pytest.mark.parametrize("text", ["рефанд", "рефанда", "рефандом", "рефанды", "о рефанде"])
def test_phrase_matches_every_case_of_an_unknown_word(phrase_linter, text):
    linter = phrase_linter('  phrases: ["рефанд"]')
    assert len(spans(linter, f"Мы оформили {text} вчера.")) == 1


def test_a_rule_for_moch_matches_mozhem(phrase_linter):
    linter = phrase_linter('  phrases: ["мочь"]')
    assert spans(linter, "Мы можем помочь. Смогли бы?") == ["можем"]


def test_yo_and_e_match_each_other_both_ways(phrase_linter):
    linter = phrase_linter('  phrases: ["ещё раз"]')
    assert spans(linter, "Проверьте еще раз.") == ["еще раз"]
    linter = phrase_linter('  phrases: ["еще раз"]')
    assert spans(linter, "Проверьте ЕЩЁ РАЗ.") == ["ЕЩЁ РАЗ"]


def test_case_does_not_matter_by_default(phrase_linter):
    linter = phrase_linter('  phrases: ["в ближайшее время"]')
    assert spans(linter, "В БЛИЖАЙШЕЕ ВРЕМЯ ответим.") == ["В БЛИЖАЙШЕЕ ВРЕМЯ"]


@pytest.mark.parametrize("text,expected", [
    ("Мы не можем помочь.", ["не можем"]),
    ("Мы не всегда можем помочь.", ["не всегда можем"]),
    ("Мы не очень быстро можем помочь.", ["не очень быстро можем"]),
    ("Мы не очень-то и так быстро можем.", []),
    ("Если не получится, можем перезвонить.", []),  # a gap does not cross a comma
])
def test_gaps(phrase_linter, text, expected):
    linter = phrase_linter('  phrases: ["не {0,2} мочь"]')
    assert spans(linter, text) == expected


def test_alternatives_and_optional_words(phrase_linter):
    linter = phrase_linter('  phrases: ["ваш? заказ|доставка задержаться"]')
    assert spans(linter, "Ваша доставка задержится. Заказ задержался.") == [
        "Ваша доставка задержится", "Заказ задержался"]


def test_exact_form_is_not_lemmatised(phrase_linter):
    linter = phrase_linter('  phrases: ["=вас"]')
    assert spans(linter, "Мы вас слышим. Вы правы.") == ["вас"]


def test_word_order_freedom(phrase_linter):
    linter = phrase_linter('  phrases: ["возврат невозможен"]\n  any_order: true')
    assert spans(linter, "Невозможен, к сожалению, возврат.") == ["Невозможен, к сожалению, возврат"]
    assert spans(linter, "Возврат оформлен. Это невозможно.") == []
    # sentences that lack one of the words are passed over, the one that has both is not
    assert spans(linter, "Возврат оформлен. Невозможен, к сожалению, возврат. Невозможно.") == \
        ["Невозможен, к сожалению, возврат"]


def test_soft_punctuation_does_not_break_a_phrase(phrase_linter):
    linter = phrase_linter('  phrases: ["извинить пожалуйста"]')
    assert spans(linter, "Извините, пожалуйста.") == ["Извините, пожалуйста"]


def test_a_phrase_never_crosses_a_sentence_end(phrase_linter):
    linter = phrase_linter('  phrases: ["заказ отменить"]')
    assert spans(linter, "Это ваш заказ. Отменить его?") == []


def test_exceptions_drop_overlapping_matches(phrase_linter):
    linter = phrase_linter('  phrases: ["не {0,1} волноваться|переживать|беспокоиться", "не мочь"]',
                           'unless:\n  phrases: ["не волноваться", "не беспокоиться"]')
    assert spans(linter, "Не волнуйтесь, мы не можем ошибиться.") == ["не можем"]


def test_sentence_scope_exception(phrase_linter):
    linter = phrase_linter('  phrases: ["постараться"]',
                           'unless:\n  regex: [\'\\d{1,2}:\\d{2}\']\n  scope: sentence')
    assert spans(linter, "Постараемся до 18:00. Постараемся.") == ["Постараемся"]


def test_token_pattern_on_grammar(phrase_linter):
    linter = phrase_linter("  tokens:\n    - [{lemma: мочь, negated: true, person: 1}, {pos: INFN}]")
    assert spans(linter, "Мы не можем выдать справку. Они не могут выдать.") == ["можем выдать"]


def test_token_pattern_optional_and_repeat(phrase_linter):
    linter = phrase_linter("  tokens:\n    - [{lemma: очень, repeat: '1-3'}, {lemma: жаль}]")
    assert spans(linter, "Нам очень очень жаль.") == ["очень очень жаль"]


def test_token_text_regex_and_kind(phrase_linter):
    linter = phrase_linter("  tokens:\n    - [{text: 'L[123]'}]\n    - [{kind: placeholder}]")
    assert spans(linter, "Передали на L2, {{name}}.") == ["L2", "{{name}}"]


def test_raw_regex_offsets_survive_yo_folding(phrase_linter):
    linter = phrase_linter("  regex: ['ещ[её]\\s+раз']")
    text = "Ёж. Ещё раз."
    assert spans(linter, text) == ["Ещё раз"]


def test_all_readings_are_considered(phrase_linter):
    # «стали» is first read as the verb «стать», but the noun «сталь» must still match.
    linter = phrase_linter('  phrases: ["сталь"]')
    assert spans(linter, "Сделано из стали.") == ["стали"]


def test_placeholders_are_not_words(phrase_linter):
    linter = phrase_linter('  phrases: ["name"]')
    assert spans(linter, "Здравствуйте, {{name}}! %name% {name}") == []


def test_an_explicit_comma_lets_a_gap_reach_across_it(phrase_linter):
    linter = phrase_linter('  phrases: ["как только {0,4} , так сразу"]')
    assert spans(linter, "Как только мастер освободится, так сразу позвоним.") == [
        "Как только мастер освободится, так сразу"]
    assert spans(linter, "Как только так сразу.") == ["Как только так сразу"]


def test_sentence_start_and_known_token_tests(phrase_linter):
    linter = phrase_linter("  tokens:\n    - [{form: вы, capitalized: true, sentence_start: false}]")
    assert spans(linter, "Вы правы. Спасибо, что Вы написали. — Вы здесь?") == ["Вы"]
    linter = phrase_linter("  tokens:\n    - [{pos: VERB, mood: imperative, known: true}]")
    assert spans(linter, "Напишите нам. Капчи нет.") == ["Напишите"]


def test_a_sentence_scoped_exception_works_in_a_glossary(tmp_path):
    linter = make_linter(tmp_path, "kind: substitution\nswap:\n  кэш: временные файлы\n"
                                   "unless:\n  phrases: [кнопка]\n  scope: sentence\n")
    assert spans(linter, "Нажмите кнопку «Очистить кэш». Кэш растёт.") == ["Кэш"]


def test_an_exact_form_stays_exact_beside_lemma_alternatives(phrase_linter):
    linter = phrase_linter('  phrases: ["=не =записывать|обслуживать"]')
    assert spans(linter, "Не записывать. Мы не записываем. Не обслуживаем.") == ["Не записывать", "Не обслуживаем"]


def test_lazy_pattern_sets_find_what_eager_ones_find(linter, bundled_rules):
    """Exceptions and contexts are matched only when asked for; asked for, they must find
    exactly what matching them in the document pass finds."""
    from dataclasses import replace

    from replylint.rules.matching.index import Matcher

    assert linter.matcher.lazy_sets
    eager = Matcher()
    copies = [eager.register(replace(pattern_set)) for pattern_set in linter.matcher.pattern_sets]
    texts = [text for rule in bundled_rules for text in rule.examples_bad + rule.examples_good]
    compared = 0
    for text in texts:
        document = linter.parse(text)
        lazy_table, eager_table = linter.matcher.run(document), eager.run(document)
        for pattern_set, copy in zip(linter.matcher.pattern_sets, copies):
            assert lazy_table.hits(pattern_set) == eager_table.hits(copy), (text, pattern_set.ident)
            compared += bool(pattern_set.ident in linter.matcher.lazy_sets and eager_table.hits(copy))
    assert compared > 100  # lazy sets that found something, checked


def test_occurs_answers_what_hits_would(linter, bundled_rules):
    """`occurs` stops at the first hit (absence and document conditions only ask whether a
    set is there); it must answer as `hits` does, for lazy and eager sets, asked first
    (nothing cached) or after `hits` (from the cache)."""
    texts = [text for rule in bundled_rules for text in rule.examples_bad + rule.examples_good]
    present = absent = 0
    for text in texts:
        document = linter.parse(text)
        asked_first, asked_after = linter.matcher.run(document), linter.matcher.run(document)
        for pattern_set in linter.matcher.pattern_sets:
            expected = bool(asked_after.hits(pattern_set))
            assert asked_first.occurs(pattern_set) is expected, (text, pattern_set.ident)
            assert asked_after.occurs(pattern_set) is expected, (text, pattern_set.ident)
            present += expected
            absent += not expected
    assert present > 1000 and absent > 1000


def _startable(matcher, token) -> tuple[set, set, set]:
    """Every sequence that may start at ``token``, found by putting the word to each one:
    (idents of the one-token sequences decided there, (ident, negated, sentence_start) of
    those the token's two fields decide, ids of the other sequences)."""
    decided, checked, others = set(), set(), set()
    for entry in matcher.entries:
        sequence, tests = entry.sequence, entry.sequence.start_tests
        if tests is not None and not any(test.may_start(token) for test in tests):
            continue
        head = sequence.elements[0]
        if sequence.decided_at_start and not entry.lazy:
            decided.add(entry.ident)
        elif sequence.decided_by_token and not entry.lazy:
            if head.exclude is None or not head.exclude.accepts(token):
                checked.add((entry.ident, head.negated, head.sentence_start))
        else:
            others.add(id(sequence))
    return decided, checked, others


def _routed(row) -> tuple[set, set, set]:
    others = {id(sequence) for sequence, _, _ in row.always}
    others |= {id(sequence) for _, items in row.by_next for sequence, _, _ in items}
    others |= {id(sequence) for _, items in row.by_test for sequence, _, _ in items}
    others |= {id(sequence) for items in (row.lazy or {}).values() for sequence, _, _ in items}
    return set(row.certain), set(row.checked), others


def test_the_candidate_index_drops_no_sequence_a_word_can_start(linter, bundled_rules, tmp_path):
    """Sequences reach a word through the lemma and grammeme indexes, the literals their
    `text:` regexes need, or the gates (regexes with no such literal): together they must
    offer every sequence whose start test the word passes, and only those."""
    own = make_linter(tmp_path, """kind: existence
match:
  tokens:
    - [{text: "[а-яё]{2,}ость"}]
    - [{text: "[а-яё]{12,}"}]
    - [{text: "(?i)(щас|ща)"}, {lemma: быть}]
    - [{kind: punct, text: "[,!]"}, {text: "(?i)зайк[аи]"}]
""")
    texts = [text for rule in bundled_rules for text in rule.examples_bad + rule.examples_good]
    texts += ["Щас, зайка! Ёлки, СРОЧНОСТЬ и Новость {{name}} 🙂 \ud800 x@y.ru 12:00"]
    checked = 0
    for matcher in (linter.matcher, own.matcher):
        seen = set()
        for text in texts:
            for token in linter.parse(text).tokens:
                if (token.kind, token.text) in seen:
                    continue
                seen.add((token.kind, token.text))
                matcher.forget()
                assert _routed(matcher.candidates(token)) == _startable(matcher, token), token.text
                checked += 1
    assert checked > 3000


def test_the_candidate_cache_stays_within_its_bound(linter, monkeypatch):
    """What the matcher remembers per distinct word is emptied when it grows past its
    bound (a batch of a million replies must not grow it without end); results do not
    change when it is emptied mid-reply."""
    from replylint.rules.matching import index

    text = ("Добрый день! Мы не сможем вернуть деньги, зайка, ваш тикет передан в работу. "
            "Напишите Нам завтра, щас всё сделаем.")
    expected = [(d.rule, d.start, d.end) for d in linter.lint(text)]
    monkeypatch.setattr(index, "CANDIDATE_CACHE_SIZE", 7)
    linter.matcher.forget()
    for _ in range(3):
        assert [(d.rule, d.start, d.end) for d in linter.lint(text)] == expected
        remembered = sum(map(len, linter.matcher.word_rows.values()))
        assert remembered <= 7 and remembered == linter.matcher._word_count
        assert len(linter.matcher._distinct_rows) <= remembered
    assert expected


def test_words_that_start_the_same_sequences_share_one_row(linter):
    """A row is made once for all the words that start the same sequences the same way
    and meet the same requirements («стол», «стул» start nothing): thousands of words
    share a few hundred rows, and a word's row is still its own answer."""
    matcher = linter.matcher
    matcher.forget()
    tokens = {token.text: token for token in linter.parse(
        "Стол, стул и шкаф. Мы не можем. Мы передали заявку.").tokens}
    rows = {text: matcher.candidates(token) for text, token in tokens.items()}
    assert rows["стул"] is rows["шкаф"]  # (words that start and require nothing)
    assert rows["Мы"] is not rows["стул"] and rows["не"] is not rows["стул"]
    for text, token in tokens.items():
        matcher.forget()
        assert matcher.candidates(token) == rows[text], text
    assert len(matcher._distinct_rows) == 1


def test_token_regex_verdicts_are_remembered_within_their_bound(linter, monkeypatch):
    """A `text:` element's verdict on a word is remembered (asked again in every sentence
    that tries the sequence); the memory is emptied past its bounds and results do not
    change when it is."""
    from replylint.rules.matching import regexes

    text = ("Вы сами виноваты, что не проверили адрес. Поставьте нам, пожалуйста, оценку 5! "
            "Если вы не ответите, мы закроем чат.")
    expected = [(d.rule, d.start, d.end) for d in linter.lint(text)]
    assert {"pressure.hurry-up", "blame.blames-customer"} & {rule for rule, _, _ in expected}
    monkeypatch.setattr(regexes, "SURFACE_VERDICTS_SIZE", 5)
    monkeypatch.setattr(regexes, "SURFACE_PATTERNS_KEPT", 2)
    regexes._SURFACE_VERDICTS.clear()
    for _ in range(3):
        assert [(d.rule, d.start, d.end) for d in linter.lint(text)] == expected
        assert len(regexes._SURFACE_VERDICTS) <= 2
        assert all(len(verdicts) <= 5 for _, verdicts in regexes._SURFACE_VERDICTS.values())
    monkeypatch.undo()
    regexes._SURFACE_VERDICTS.clear()
    first = [(d.rule, d.start, d.end) for d in linter.lint(text)]
    remembered = sum(len(verdicts) for _, verdicts in regexes._SURFACE_VERDICTS.values())
    assert first == expected and remembered > 5


def test_what_a_sentence_can_hold_is_remembered_per_word_within_its_bound(linter, monkeypatch):
    """Which of a word's sequences a sentence can hold is remembered by the sentence's
    bits; the memory is emptied past its bound, and results do not change."""
    from replylint.rules.matching import table

    text = ("Мы не можем вернуть деньги. Мы уже всё объяснили. Он опытный сотрудник, он не мог "
            "ошибиться. Вы сами виноваты. Мы передали заявку, ответим завтра.")
    linter.matcher.forget()
    expected = [(d.rule, d.start, d.end) for d in linter.lint(text)]
    assert len(expected) >= 3
    remembered = [row.always_passing or {} for rows in linter.matcher.word_rows.values() for row in rows.values()]
    assert max(map(len, remembered)) >= 2  # «мы» in sentences with different words
    monkeypatch.setattr(table, "ALWAYS_MEMO_SIZE", 1)
    linter.matcher.forget()
    for _ in range(3):
        assert [(d.rule, d.start, d.end) for d in linter.lint(text)] == expected
        remembered = [row.always_passing or {} for rows in linter.matcher.word_rows.values() for row in rows.values()]
        assert max(map(len, remembered)) <= 1


def test_rules_woken_by_their_triggers_find_what_every_rule_run_everywhere_finds(bundled_rules):
    """A rule is checked only on the replies where one of its trigger sets hits, a
    literal its regexes need occurs or the words of an any-order phrase are (an absence
    rule with a `when`: where `when` can be); checking every rule on every reply must
    find exactly the same."""
    from replylint.linter import Linter

    woken, everything = Linter(bundled_rules), Linter(bundled_rules)
    everything._always = list(range(len(everything.rules)))
    everything._by_set, everything._by_needle, everything._by_mask = {}, {}, {}
    absence = [position for position, compiled in enumerate(woken.rules)
               if compiled.rule.kind == "absence" and compiled.compiled.when is not None]
    # (the bundled rules may hold none: missing-next-step reads the reply's moves now)
    assert not set(absence) & set(woken._always)
    any_order = [position for position, compiled in enumerate(woken.rules)
                 if isinstance(compiled.rule.options.get("match"), dict)
                 and compiled.rule.options["match"].get("any_order")]
    assert any_order and not set(any_order) & set(woken._always)
    assert len(woken._always) < len(woken.rules) / 5
    texts = [text for rule in bundled_rules for text in rule.examples_bad + rule.examples_good]
    found = 0
    for text in texts:
        expected = everything.lint(text)
        assert woken.lint(text) == expected, text
        found += len(expected)
    assert found > 500


def test_replies_read_ahead_get_what_each_gets_alone(linter, monkeypatch):
    """lint_many reads replies before the rules run on them (so many, or so many
    characters): each still gets exactly what lint gives it alone, in order."""
    import replylint.linter as linter_module
    from helpers import ROOT
    from replylint.formats import Reply

    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples" / "drafts").glob("*.txt"))]
    replies = [Reply(text, start=1000 * number, name=f"reply {number}",
                     ignored=((0, 12),) if number % 3 == 0 else ())
               for number, text in enumerate(texts)]
    alone_texts = [linter.lint(text) for text in texts]
    alone_replies = [linter.lint(reply.text, ignored=reply.ignored, origin=reply.origin, reply=reply.name)
                     for reply in replies]
    assert sum(map(len, alone_texts)) > 50 and alone_replies != alone_texts
    for most_replies, most_characters in ((1, 10**9), (5, 10**9), (10**9, 1500), (10**9, 10**9)):
        monkeypatch.setattr(linter_module, "READ_AHEAD_REPLIES", most_replies)
        monkeypatch.setattr(linter_module, "READ_AHEAD_CHARS", most_characters)
        assert list(linter.lint_many(texts)) == alone_texts
        assert list(linter.lint_many(replies)) == alone_replies


def test_at_most_splits_a_fault_between_rules(tmp_path):
    from helpers import make_linter

    sorry = 'match: ["извинить|простить"]\n'
    twice_in_a_sentence = make_linter(tmp_path, "kind: occurrence\nat_least: 2\nwithin: sentence\nat_most: 2\n" + sorry,
                                      category="over-apology", rule_id="over-apology.twice")
    assert len(twice_in_a_sentence.lint("Простите, извините, так вышло.")) == 1
    # three in the reply are another rule's fault, not this one's
    assert twice_in_a_sentence.lint("Простите, извините, так вышло. Ещё раз простите.") == []
