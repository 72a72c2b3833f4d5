"""The rewrites of a sentence are planned together and the words that agree with a replaced
noun change with it (replylint/rewrite.py, replylint/agreement.py)."""

from __future__ import annotations

import pytest

from helpers import make_linter
from replylint.linter import default_linter
from replylint.ruletest import apply_rewrites


def rewritten(text: str, linter=None) -> str:
    """``text`` after the first rewrite of every diagnostic, as a user applying them all."""
    result, problem = apply_rewrites(text, (linter or default_linter()).lint(text))
    assert not problem, problem
    return result


# the table of issue 18: what the rewrites gave, and what they give now
ISSUE = [
    ("Ваш тикет закрыт.", "Ваше обращение закрыто."),
    ("Ваш тикет эскалирован.", "Ваше обращение передано специалисту."),
    ("Сработал чарджбэк.", "Сработало оспаривание платежа."),
    ("Платёж на холде.", "Платёж в резерве."),
    ("Мы создали тикет, он уже в работе.", "Мы создали обращение, оно уже в работе."),
    ("Тикет, созданный вчера, закрыт.", "Обращение, созданное вчера, закрыто."),
    ("Апрув получен.", "Одобрение получено."),
    ("Эскалированный тикет будет рассмотрен.", "Переданное специалисту обращение будет рассмотрено."),
    ("Мы эскалировали его в отдел.", "Мы передали его в отдел."),
    ("SLA по нему 3 дня.", "Гарантированный срок по нему 3 дня."),
    ("Пришлём фидбек.", "Пришлём обратную связь."),
]


@pytest.mark.parametrize("text, expected", ISSUE, ids=[text for text, _ in ISSUE])
def test_the_rewrites_of_the_issue_read_as_russian(text, expected):
    assert rewritten(text) == expected


AGREEMENT = [
    # modifiers before the noun: adjectives, pronouns, numerals, a participle with its words
    ("Этот новый тикет закрыт.", "Это новое обращение закрыто."),
    ("Мы закрыли два кейса.", "Мы закрыли две ситуации."),
    ("Созданный вами вчера тикет закрыт.", "Созданное вами вчера обращение закрыто."),
    ("Ответ придёт в этот же тикет.", "Ответ придёт в это же обращение."),
    # after it: a participial phrase, «который» in its own case, after a preposition
    ("Мы нашли тикет, созданный вами вчера.", "Мы нашли обращение, созданное вами вчера."),
    ("Кейс, который вы описали, уже решён.", "Ситуация, которую вы описали, уже решена."),
    ("Баг, о котором вы писали, исправлен.", "Ошибка, о которой вы писали, исправлена."),
    # the predicate: after, before, through an insertion, with a copula or a modal
    ("Кейс, к сожалению, закрыт.", "Ситуация, к сожалению, закрыта."),
    ("Кейс был сложным.", "Ситуация была сложной."),
    ("Баг должен исчезнуть после обновления.", "Ошибка должна исчезнуть после обновления."),
    ("Таск будет закрыт завтра.", "Задача будет закрыта завтра."),
    ("Пролонгация договора бесплатная.", "Продление договора бесплатное."),
    ("KPI нашей команды вырос.", "Показатель нашей команды вырос."),
    # number: a plural replacement and two nouns joined by «и»
    ("Наш бэк-офис проверил платёж.", "Наши специалисты проверили платёж."),
    ("Креды устарели.", "Логин и пароль устарели."),
    # a pronoun in the next sentence, a possessive «его»
    ("Мы создали тикет. Он будет рассмотрен завтра.", "Мы создали обращение. Оно будет рассмотрено завтра."),
    ("Отправили вам бриф, заполните его, пожалуйста.", "Отправили вам анкету, заполните её, пожалуйста."),
    # the object of a verb: its case, and animacy («мерчанта» → «магазин»)
    ("Баг, найденный юзером, пофиксили.", "Ошибку, найденную пользователем, исправили."),
    ("Мы проверим мерчанта.", "Мы проверим магазин."),
    ("Ваша заявка ждёт апрува.", "Ваша заявка ждёт одобрения."),
    # an abbreviation takes its case from the adjective or the verb
    ("Данные уже в нашей CRM.", "Данные уже в нашей системе."),
    ("Зайдите в ЛК и проверьте баланс.", "Зайдите в личный кабинет и проверьте баланс."),
    # «это» + a noun: the noun names what «это» is, a nominative («Это ошибку» was given)
    ("Это баг на нашей стороне.", "Это ошибка на нашей стороне."),
    ("К сожалению, это баг приложения.", "К сожалению, это ошибка приложения."),
    ("Сбой не у вас, а это баг сервера.", "Сбой не у вас, а это ошибка сервера."),
    ("Реклама — это не баг, а фича.", "Реклама — это не ошибка, а функция."),
    # past the noun's own adjectives, and whatever verb the sentence has later («Это известную
    # ошибку, ждём…» was given)
    ("Это известный баг, ждём выкатку.", "Это известная ошибка, ждём выпуск."),
    ("это наш новый тикет по оплате", "это наше новое обращение по оплате"),
    # a predicate before the subject and its modifiers («прикреплён большое вложение» was given)
    ("К письму прикреплён большой аттач.", "К письму прикреплено большое вложение."),
    ("Создан новый тикет.", "Создано новое обращение."),
    # a number sign and the predicate's own phrase between coordinated predicates
    # («Ваше обращение #4482 переведён на L2 и назначен» was given)
    ("Ваш тикет #4482 переведён на L2 и назначен дежурному.", "Ваше обращение #4482 переведено на L2 и назначено дежурному."),
    ("Тикет передан в отдел претензий и закрыт.", "Обращение передано в отдел претензий и закрыто."),
    # …but not a predicate with a subject of its own («Ваша ситуация передана…, присвоена номер»)
    ("Ваш кейс передан в отдел, присвоен номер 5.", "Ваша ситуация передана в отдел, присвоен номер 5."),
    # a colloquial plural is no reading («кэша» as «дома»: «размер сохранённые данные» was given)
    ("Проблема в размере кэша.", "Проблема в размере сохранённых данных."),
    # a possessive after the noun: its modifier, or the predicate («Да, ошибку наш» was given)
    ("Тикет ваш закрыт.", "Обращение ваше закрыто."),
    ("Да, баг наш, воспроизвели.", "Да, ошибка наша, воспроизвели."),
    # the subject after the verb: the noun before it is the object («Обращение закрыло» was given)
    ("Тикет закрыл менеджер.", "Обращение закрыл менеджер."),
    ("Ваш тикет вчера закрыл менеджер Анна.", "Ваше обращение вчера закрыл менеджер Анна."),
]


@pytest.mark.parametrize("text, expected", AGREEMENT, ids=[text for text, _ in AGREEMENT])
def test_the_words_that_agree_change_with_the_replaced_noun(text, expected):
    assert rewritten(text) == expected


GOVERNMENT = [
    # a rewrite that brings its own preposition
    ("Так положено по скрипту.", "Так положено по правилам."),
    ("На проде всё работает.", "В рабочей версии всё работает."),
    ("Материалы лежат в LMS.", "Материалы лежат на учебной платформе."),
    # «о» before a vowel
    ("Мы сообщим о баге разработчикам.", "Мы сообщим об ошибке разработчикам."),
    # a verb whose object takes a preposition, and one whose noun's complement becomes its object
    ("Мы зарепортили баг.", "Мы сообщили об ошибке."),
    ("Мы зарепортили проблему девелоперам.", "Мы сообщили о проблеме разработчикам."),
    # a verb the dictionary marks transitive but that is said of a process («Деплой прошёл»)
    ("Деплой прошёл успешно.", "Обновление прошло успешно."),
    ("Мы осуществим возврат денежных средств в течение недели.", "Мы вернём деньги в течение недели."),
    # the replacement's own complement is left out when the sentence has one in its role
    ("Я эскалирую ваш вопрос руководителю.", "Я передам ваш вопрос руководителю."),
    ("Исправление смержили, вечером оно будет у всех.", "Исправление внесли, вечером оно будет у всех."),
    # no word said twice: the determiner the sentence already has
    ("Свяжитесь с вашим аккаунт-менеджером.", "Свяжитесь с вашим менеджером."),
    # a ranked alternative that says again a word of the sentence comes last, or not at all
    # («Проверку заявки проверили», «Обработка платежа обработала платёж» were given)
    ("Скоринг проверили вчера.", "Оценку проверили вчера."),
    ("Обратитесь к эмитенту карты.", "Обратитесь к банку, выпустившему карту."),
    ("Эмитент карты отклонил платёж.", "Банк, выпустивший карту, отклонил платёж."),
    # a sentence without a verb names things: a nominative («в среду перегрузку…» was given)
    ("В среду кросс-докинг, потом доставка.", "В среду перегрузка на другой склад, потом доставка."),
    # a guessed word in a case its preposition does not govern, or guessed as a place: the
    # preposition or the noun before it tells the case («в процедурному кабинету» was given)
    ("Приходите в процедурку натощак.", "Приходите в процедурный кабинет натощак."),
    ("Цена рассчитана с учётом сурджа.", "Цена рассчитана с учётом повышенного спроса."),
    # after a noun, the genitive that depends on it (the accusative «банк, выпустивший…» was given)
    ("Деньги вернутся по срокам банка-эмитента.", "Деньги вернутся по срокам банка, выпустившего карту."),
]


@pytest.mark.parametrize("text, expected", GOVERNMENT, ids=[text for text, _ in GOVERNMENT])
def test_a_rewrite_takes_the_government_of_the_sentence(text, expected):
    assert rewritten(text) == expected


UNDECIDABLE = [
    # «он»: the ticket or the order?
    "Мы проверили тикет по заказу, он закрыт.",
    # which of two nouns is the subject?
    "Платёж проверяет бэк-офис.",
    # the object is already there and «деньги» cannot go
    "Платёж зарефандили.",
    # only a part of a hyphenated word matches
    "Мерж-реквест уже одобрен.",
    # «это» before a word the dictionary lacks: its determiner or the pronoun?
    "Это овербукинг, номера вашей категории закончились.",
    # no subject anywhere, and the verb agrees with the noun: the system worked, or «he» worked it?
    "Некорректно отработал провижининг.",
    # after an abbreviation, a guessed word's case is anyone's guess («по ТЗ продажи…» was given)
    "Там по ТЗ овербукинг, это штатная ситуация.",
    # a verb that needs an object and has none: the ticket escalated, or «I» escalated it?
    # («Обращение передало на второй лайн» was given)
    "Тикет эскалировал на второй лайн.",
    "Тикет закрыл вчера.",
    # «сообщить о»: the object stands before the verb, where «о» cannot take it
    # («Проблему сообщили о разработчиках» was given)
    "Проблему зарепортили девелоперам.",
    # «под ТТН»: for the waybill or under it? the two cases mean different things
    "Заказ в статусе «резерв под ТТН».",
]


@pytest.mark.parametrize("text", UNDECIDABLE)
def test_where_the_forms_cannot_be_told_the_rewrite_falls_back_to_advice(text):
    jargon = [d for d in default_linter().lint(text) if d.rule.startswith("jargon.")]
    assert jargon
    assert any(not any(s.is_replacement for s in d.suggestions) for d in jargon)
    assert any(s.text.startswith("Замените на «") for d in jargon for s in d.suggestions)
    # the word whose form cannot be told stays as it was (another rewrite may still apply)
    undecided = next(d for d in jargon if not any(s.is_replacement for s in d.suggestions))
    assert text[undecided.start:undecided.end] in rewritten(text)


#: A verb that would replace a phrase and leave a word of it without its role.
ROLE_LOST = [
    # the genitive after «до сведения» is whom we tell («сообщает родителей» was given)
    ("Администрация доводит до сведения родителей, что смена начнётся в июне.", "доводит до сведения"),
    # the noun is the participle's subject («проверена», «заменена» of nothing were given)
    ("По вашей жалобе осуществлена проверка.", "осуществлена проверка"),
    ("В понедельник будет произведена замена счётчика.", "произведена замена"),
]


@pytest.mark.parametrize("text, words", ROLE_LOST, ids=[text for text, _ in ROLE_LOST])
def test_a_verb_rewrite_that_would_leave_a_word_without_its_role_is_advice(text, words):
    found = [d for d in default_linter().lint(text) if text[d.start:d.end] == words]
    assert found
    assert not any(s.is_replacement for d in found for s in d.suggestions)
    assert any(s.text.startswith("Замените на «") for d in found for s in d.suggestions)


@pytest.mark.parametrize("text, echo", [("Процессинг обработал платёж.", "обработка"),
                                        # a six-letter word, its ending aside
                                        ("Заявка ушла на андеррайтинг.", "заявки")])
def test_no_alternative_says_again_a_word_of_its_sentence(text, echo):
    diagnostic = next(d for d in default_linter().lint(text) if d.rule.startswith("jargon."))
    offered = [s.text for s in diagnostic.suggestions]
    assert offered and not any(echo in text.lower() for text in offered)


def test_a_set_phrase_is_not_cut_out_of_a_longer_noun_phrase():
    # «в связи с вышеизложенным» → «поэтому», but «вышеизложенными» here is the noun's
    # adjective: «Поэтому обстоятельствами, …» was given
    text = "В связи с вышеизложенными обстоятельствами заказ отменён."
    assert "обстоятельствами" not in rewritten(text) or rewritten(text).startswith("В связи с")


def test_two_rewrites_whose_changes_interleave_share_one_edit():
    text = "Тикет по вашему кейсу закрыт."
    diagnostics = [d for d in default_linter().lint(text) if d.rule == "jargon.glossary"]
    first, second = diagnostics
    edit = first.suggestions[0]
    assert edit.is_replacement and text[edit.start:edit.end] == "Тикет по вашему кейсу закрыт"
    assert edit.text == "Обращение по вашей ситуации закрыто"
    assert not any(s.is_replacement for s in second.suggestions)
    assert "Обращение по вашей ситуации закрыто" in second.suggestions[0].text
    assert rewritten(text) == "Обращение по вашей ситуации закрыто."


def test_the_message_names_the_replacement_with_its_modifiers():
    diagnostic = next(d for d in default_linter().lint("Ваш тикет закрыт.") if d.rule == "jargon.glossary")
    assert diagnostic.message.endswith("«Ваше обращение»")
    assert diagnostic.suggestions[0].text == "Ваше обращение закрыто"


SAFE_GLOSSARY = """
kind: substitution
swap:
  - match: {tokens: [[{text: "тикет(а|у|ом|е|ы|ов|ам|ами|ах)?"}]]}
    replace: обращение
    safe: true
  - match: {tokens: [[{text: "кейс(а|у|ом|е|ы|ов|ам|ами|ах)?"}]]}
    replace: ситуация
    safe: true
  - match: {tokens: [[{text: "эскалир\\\\w+"}]]}
    replace: передать (специалисту)
    safe: {escalation_safe}
"""


def _safe_linter(tmp_path, escalation_safe: bool):
    return make_linter(tmp_path, SAFE_GLOSSARY.replace("{escalation_safe}", str(escalation_safe).lower()))


def _rewrites(linter, text):
    return {d.text: next((s for s in d.suggestions if s.is_replacement), None) for d in linter.lint(text)}


def test_a_rewrite_whose_forms_are_certain_is_safe(tmp_path):
    linter = _safe_linter(tmp_path, True)
    suggestion = _rewrites(linter, "Ваш тикет закрыт.")["тикет"]
    assert suggestion.safe and suggestion.text == "Ваше обращение закрыто"
    assert all(s.safe for s in _rewrites(linter, "Ваш тикет эскалирован.").values())


def test_a_rewrite_that_depends_on_an_unsafe_one_is_not_applied_alone(tmp_path):
    # «Ваше обращение» alone would leave «эскалирован» agreeing with «тикет»
    linter = _safe_linter(tmp_path, False)
    suggestions = _rewrites(linter, "Ваш тикет эскалирован.")
    assert suggestions["тикет"].text == "Ваше обращение" and not suggestions["тикет"].safe
    assert suggestions["эскалирован"].text == "передано специалисту" and not suggestions["эскалирован"].safe


def test_a_likely_but_uncertain_form_is_offered_not_applied(tmp_path):
    # «Кейс закрыли вчера»: «кейс» is the object only because «закрыли» is plural
    suggestion = _rewrites(_safe_linter(tmp_path, True), "Кейс закрыли вчера.")["Кейс"]
    assert suggestion.text == "Ситуацию" and not suggestion.safe


def test_an_undecidable_form_is_advice_even_in_a_safe_rule(tmp_path):
    diagnostic = next(d for d in _safe_linter(tmp_path, True).lint("Мы проверили тикет по заказу, он закрыт."))
    assert [s.text for s in diagnostic.suggestions] == ["Замените на «обращение»"]
