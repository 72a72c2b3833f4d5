"""The posts' own texts: their bad quotes are flagged with the right category, and the
rewrites they recommend (docs/categories.md names the posts) get no warning."""

from __future__ import annotations

import pytest

GOOD_REWRITES = [
    "Да, конечно, можно арендовать и с вами может быть гость. В зале мы сможем вашему гостю "
    "организовать пуфик для ожидания.",
    "Вероятно, не просох верхний слой лака. Извините, приходите, мы все исправим. Когда вам удобно?",
    "Процедура должна занимать 10-12 минут. Дайте мне несколько минут уточнить у нашего банщика… "
    "я предложу вам либо дополнительное парение, либо компенсирую стоимость, по вашему выбору.",
]

BAD_QUOTES = [
    ("Вам купаж или арабику?", "jargon"),
    ("Ваш тикет эскалирован на L2.", "jargon"),
    ("Транзакция в холде, сделали рефанд.", "jargon"),
    ("Проблема на бэкенде, ждём деплой.", "jargon"),
    ("Да, вы можете снять, но вы должны понимать, что мы не будем выносить реквизит, "
     "который вам не нужен.", "negative-framing"),
    ("Мы не будем переносить доставку.", "negative-framing"),
    ("Гостю нельзя ждать в холле.", "negative-framing"),
    ("Мы не можем выдать справку.", "negative-framing"),
    ("Согласно ст. 20 Закона у нас есть 30 дней на ответ.", "law-citing"),
    ("По п. 5.3 оферты возврат невозможен.", "law-citing"),
    ("По регламенту срок 10 рабочих дней.", "law-citing"),
    ("Информацию передали.", "missing-next-step"),
    ("Ваша заявка принята.", "missing-next-step"),
    ("Ответим в ближайшее время.", "vague-promise"),
    ("Постараемся решить.", "vague-promise"),
    ("Скоро всё заработает.", "vague-promise"),
    ("Постараемся сегодня, но не факт.", "vague-promise"),
    ("Вы сами не подтвердили заказ.", "blame"),
    ("Надо было внимательно читать договор.", "blame"),
    ("Вы должны были проверить.", "blame"),
    ("Сори, но подтверждения вы не получили, значит и воды не будет, какие вопросы?", "blame"),
    ("Бывает.", "dismissive"),
    ("Ничем не можем помочь.", "dismissive"),
    ("Это не наша проблема.", "dismissive"),
    ("Обращайтесь в банк.", "dismissive"),
    ("Анастасия, вы здесь?", "pressure"),
    ("Ответьте поскорее, чтобы я не тратил время.", "pressure"),
    ("Поставьте нам пятёрку.", "pressure"),
    ("Эй, братюнь, оценку поставь.", "pressure"),
    ("Попробуйте включить и выключить.", "canned-deflection"),
    ("Перелогиньтесь и очистите кэш.", "canned-deflection"),
    ("Извините, приносим извинения, ещё раз простите.", "over-apology"),
    ("Простите-извините, все дела.", "over-apology"),
    ("В качестве извинения дарим промокод 5% на следующий заказ.", "weak-compensation"),
    ("Мы проверили заказ. К сожалению, вернуть деньги невозможно.", "negative-ending"),
    ("{{name}}, здравствуйте!", "internal-leak"),
    ("Здравствуйте, [ИМЯ КЛИЕНТА]!", "internal-leak"),
    ("NB: клиент проблемный, не записывать.", "internal-leak"),
    ("TODO уточнить сроки.", "internal-leak"),
    ("Юля еврейка! Не записывать.", "offensive"),
    ("Это неадекватный клиент.", "offensive"),
    ("Сложный клиент, опять пишет.", "offensive"),
    ("Наш мастер не мог ошибиться.", "defending-staff"),
    ("Оператор всё сделал правильно.", "defending-staff"),
    ("Мы будем вынуждены обратиться в суд.", "threat"),
    ("Заблокируем ваш аккаунт, если вы не оплатите.", "threat"),
    ("Осуществляется проверка.", "bureaucratese"),
    ("В целях урегулирования данная услуга отключена.", "bureaucratese"),
    ("В связи с вышеизложенным возврат не производится.", "bureaucratese"),
    ("Окей, братан, сделаем.", "familiarity"),
    ("Вы можете оплатить картой, а ты попробуй наличными.", "familiarity"),
    ("Спасибо, пожалуста, подождите.", "spelling"),
    ("Извените за ожидание.", "spelling"),
]


@pytest.mark.parametrize("text", GOOD_REWRITES)
def test_the_posts_rewrites_get_no_warning(lint, text):
    warnings = [f"{d.rule}: «{d.text}»" for d in lint(text) if d.severity.label != "suggestion"]
    assert warnings == []


@pytest.mark.parametrize("text,category", BAD_QUOTES, ids=[f"{c}:{t[:30]}" for t, c in BAD_QUOTES])
def test_the_posts_bad_quotes_are_flagged_with_their_category(lint, text, category):
    categories = {d.category for d in lint(text)}
    assert category in categories, f"got {sorted(categories)}"


def test_a_long_sentence_is_a_readability_suggestion(lint):
    text = ("Мы получили ваше обращение и передали его в отдел логистики, который проверит статус "
            "посылки, свяжется со службой доставки и, если окажется, что посылка потерялась по пути "
            "на склад, оформит повторную отправку за наш счёт в течение трёх рабочих дней, а также "
            "сообщит вам новый номер для отслеживания по электронной почте.")
    assert "readability" in {d.category for d in lint(text)}
