"""A generated corpus of Russian support drafts for benchmarks (deterministic by seed).

Not a few sentences repeated (that flatters caches): sentences are assembled from
templates whose slots are filled with words from a few hundred lemmas, put by pymorphy3
into the case and number each slot needs, plus names, dates, order numbers, template
placeholders, URLs, typos, jargon, «ты» among «вы», long sentences and mixed line ends.

    python bench/corpus.py --drafts 2500 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from functools import lru_cache

NOUNS = """заказ посылка товар платёж карта счёт возврат доставка курьер склад магазин
приложение аккаунт пароль подписка тариф договор заявка обращение вопрос проблема ошибка
сбой сервис сайт страница кнопка корзина скидка промокод бонус баланс перевод сумма чек
квитанция документ паспорт адрес телефон номер письмо сообщение уведомление ответ
специалист оператор менеджер отдел поддержка компания банк терминал касса устройство
телефон ноутбук наушники холодильник пылесос телевизор кофеварка чайник кресло диван
стол шкаф матрас куртка ботинки платье рюкзак чемодан билет рейс поезд гостиница номер
бронь путёвка страховка полис ремонт гарантия сертификат upgrade замена обмен брак дефект
царапина упаковка коробка инструкция зарядка кабель батарея экран камера динамик
клавиатура мышь принтер роутер интернет связь сеть сигнал трафик минута смс звонок
неделя день месяц срок время очередь статус отслеживание трек пункт отделение офис
филиал город область регион область клиент покупатель пользователь владелец получатель
отправитель продавец партнёр поставщик производитель водитель мастер инженер консультант
""".split()
ADJECTIVES = """новый старый быстрый медленный удобный срочный обычный повторный полный
частичный возвратный банковский мобильный личный электронный бумажный подарочный
бесплатный платный дополнительный основной ближайший следующий последний первый
технический клиентский фирменный гарантийный сервисный почтовый курьерский
международный местный крупный небольшой дорогой дешёвый исправный неисправный
""".split()
NAMES = """Анна Мария Елена Ольга Татьяна Наталья Ирина Светлана Юлия Екатерина Дарья Алина
Алексей Дмитрий Сергей Андрей Михаил Иван Николай Павел Артём Максим Роман Владимир
Игорь Константин Виктор Григорий Людмила Валентина Ксения Вера""".split()
CITIES = """Москва Казань Новосибирск Екатеринбург Самара Омск Ростов Уфа Пермь Воронеж
Волгоград Краснодар Тюмень Иркутск Хабаровск Ярославль Владивосток Томск Оренбург""".split()
JARGON = ["тикет", "рефанд", "эскалировать", "бэкенд", "деплой", "холд", "чарджбэк",
          "саппорт", "апдейт", "баг", "фича", "кейс"]
PLACEHOLDERS = ["{{name}}", "{{ user.name }}", "%{ticket.number}", "%%NAME%%", "[ИМЯ КЛИЕНТА]",
                "{order_id}", "${manager}"]
DOMAINS = ["shop.ru", "example.com", "help.market.ru", "lk.bank.ru", "pochta.ru"]

GREETINGS = ["Здравствуйте, {name}!", "Добрый день, {name}!", "{name}, здравствуйте.",
             "Добрый вечер!", "Здравствуйте!", "Привет, {name}!", "{placeholder}, добрый день!",
             "Доброе утро, {name}.", "Уважаемый клиент!"]
SIGN_OFFS = ["С уважением, {name}.", "Хорошего дня!", "Спасибо, что остаётесь с нами.",
             "Если появятся вопросы, пишите — ответим.", "Всего доброго, команда поддержки.",
             "С уважением, служба заботы о клиентах", "Будем рады помочь!", "{name}, отдел качества"]
BODY = [
    "Ваш {noun_nom} {verb_past_passive} на {noun_acc}.",
    "Мы проверили {adj_acc} {noun_acc} и нашли {noun_acc2}.",
    "По вашему {noun_dat} {noun_nom} уже передан специалисту, он ответит до {hour}:00.",
    "Мы вернём {sum} ₽ на {noun_acc} в течение {days} рабочих дней.",
    "К сожалению, мы не можем {verb_inf} {noun_acc} без {noun_gen}.",
    "Приносим извинения за {noun_acc}, {name}.",
    "Извините за ожидание! Извините ещё раз, нам очень жаль.",
    "Ваш {jargon} эскалирован на вторую линию, ответим в ближайшее время.",
    "Мы сделали {jargon}, деньги придут на карту.",
    "Проблема на {jargon_loc}, ждём {jargon}.",
    "Согласно ст. {article} Закона «О защите прав потребителей» срок рассмотрения {days} дней.",
    "По регламенту мы не обязаны {verb_inf} {noun_acc}.",
    "Трек-номер {track}: отследить {noun_acc} можно на {url}.",
    "Заказ №{order} будет у вас {date}, курьер позвонит за час.",
    "Напишите нам на {email}, и мы {verb_futr} {noun_acc}.",
    "Попробуй {verb_inf} {noun_acc} ещё раз, а если не выйдет — напишите нам.",
    "Ты можешь {verb_inf} {noun_acc} в {adj_loc} {noun_loc}.",
    "Уточните, пожалуйста, {noun_acc} и {noun_acc2}, чтобы мы {verb_past_pl} быстрее.",
    "Сейчас {noun_nom} в {noun_loc} недоступен, инженеры уже работают, обновим статус до {hour}:00.",
    "Мы передали {noun_acc} в {noun_acc2}, и {noun_nom} свяжется с вами {date}.",
    "{placeholder}, ваш {noun_nom} в пути и прибудет в {city_acc} {date}.",
    "Вы должны понимать, что {noun_nom} не может быть {short_adj}.",
    "Ответим в ближайшее время.",
    "Это невозможно, так как {noun_nom} уже {verb_past}.",
    "Мы не возвращаем {noun_acc} после {noun_gen}, но можем предложить {noun_acc2} или {noun_acc3}.",
    "Пожалуйста, пришлите фото {noun_gen} и {noun_gen2}, мы посмотрим и ответим {date}.",
    "Деньги за {noun_acc} вернутся на {adj_acc} {noun_acc2} в течение {days} дней, если {noun_nom} не {verb_past}.",
    "Мы понимаем, как важно получить {noun_acc} вовремя, и уже {verb_past_pl} {noun_acc2}, "
    "а также {verb_past_pl2} {noun_acc3}, чтобы {noun_nom} в {city_loc} и {noun_nom2} в "
    "{noun_loc} не задерживались, и {noun_nom3} приехал к вам до {hour}:00 {date}, "
    "как вы и просили в {adj_loc} {noun_loc2}.",
    "Спасибо за {noun_acc}! Ваш {noun_nom} очень помог нам найти {noun_acc2}.",
    "Код подтверждения не приходит? Проверьте {noun_acc} в {adj_loc} {noun_loc}.",
    "Сбросить {noun_acc} можно по ссылке {url}/reset.",
    "Оплата по {noun_dat} прошла {date} в {hour}:{minute}, сумма {sum} руб.",
    "Не волнуйтесь: {noun_nom} сохранён, {noun_nom2} тоже.",
    "Ваше обращение №{order} закрыто, {noun_nom} {verb_past}.",
    "Мы не сможем {verb_inf} {noun_acc}.",
    "Как только {noun_nom} {verb_futr_3}, так сразу сообщим.",
    "Оформили {noun_acc} на {sum} ₽ — он действует до {date}.",
    "В {city_loc} {noun_nom} доставит {adj_nom} {noun_nom2} за {days} дня.",
]
VERBS_INF = """проверить вернуть заменить обменять отправить доставить оформить отменить
подключить восстановить обновить продлить перенести уточнить найти передать исправить
выдать принять оплатить подтвердить активировать""".split()
VERBS_PAST = """отправлен доставлен оформлен отменён передан обновлён закрыт принят
найден оплачен""".split()
DATES = ["завтра", "сегодня", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу",
         "до конца недели", "12 марта", "3 апреля", "25.05", "01.06.2024", "через два дня"]


@lru_cache(maxsize=None)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=None)
def inflect(word: str, *grammemes: str) -> str:
    """``word`` in the given case/number/gender (unchanged when pymorphy3 cannot)."""
    parse = _morph().parse(word)[0]
    form = parse.inflect(set(grammemes))
    return form.word if form else word


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or not word.isalpha():
        return word
    index = rng.randrange(1, len(word) - 1)
    choice = rng.random()
    if choice < 0.4:
        return word[:index] + word[index + 1] + word[index] + word[index + 2:]
    if choice < 0.7:
        return word[:index] + word[index + 1:]
    return word[:index] + rng.choice("аеиоуя") + word[index + 1:]


def _fill(template: str, rng: random.Random) -> str:
    def noun(*grammemes):
        return inflect(rng.choice(NOUNS), *grammemes)

    def adjective(*grammemes):
        return inflect(rng.choice(ADJECTIVES), *grammemes)

    values = {
        "noun_nom": noun("nomn", "sing"), "noun_nom2": noun("nomn", rng.choice(["sing", "plur"])),
        "noun_nom3": noun("nomn", "sing"),
        "noun_acc": noun("accs", rng.choice(["sing", "plur"])), "noun_acc2": noun("accs", "sing"),
        "noun_acc3": noun("accs", "plur"), "noun_gen": noun("gent", "sing"),
        "noun_gen2": noun("gent", "plur"), "noun_dat": noun("datv", "sing"),
        "noun_loc": noun("loct", "sing"), "noun_loc2": noun("loct", "sing"),
        "adj_acc": adjective("accs", "masc", "inan", "sing"), "adj_loc": adjective("loct", "masc", "sing"),
        "adj_nom": adjective("nomn", "masc", "sing"), "short_adj": adjective("ADJS", "masc", "sing"),
        "verb_inf": rng.choice(VERBS_INF), "verb_past": rng.choice(VERBS_PAST),
        "verb_past_passive": rng.choice(VERBS_PAST),
        "verb_past_pl": inflect(rng.choice(VERBS_INF), "past", "plur"),
        "verb_past_pl2": inflect(rng.choice(VERBS_INF), "past", "plur"),
        "verb_futr": inflect(rng.choice(VERBS_INF), "1per", "plur"),
        "verb_futr_3": inflect(rng.choice(VERBS_INF), "3per", "sing"),
        "jargon": rng.choice(JARGON), "jargon_loc": inflect(rng.choice(["бэкенд", "сервер", "склад"]), "loct"),
        "name": rng.choice(NAMES), "placeholder": rng.choice(PLACEHOLDERS),
        "city_acc": inflect(rng.choice(CITIES), "accs"), "city_loc": inflect(rng.choice(CITIES), "loct"),
        "hour": str(rng.randint(9, 21)), "minute": f"{rng.randint(0, 59):02d}",
        "days": str(rng.randint(2, 30)), "sum": f"{rng.randint(100, 99000):,}".replace(",", " "),
        "order": str(rng.randint(100000, 9999999)), "track": f"RU{rng.randint(10**8, 10**9)}CN",
        "article": str(rng.randint(18, 32)), "date": rng.choice(DATES),
        "url": f"https://{rng.choice(DOMAINS)}/{rng.choice(['orders', 'help', 'lk', 'track'])}",
        "email": f"{rng.choice(['help', 'support', 'care'])}@{rng.choice(DOMAINS)}",
    }
    sentence = template.format(**values)
    if rng.random() < 0.15:
        words = sentence.split(" ")
        position = rng.randrange(len(words))
        words[position] = _typo(words[position], rng)
        sentence = " ".join(words)
    return sentence


def draft(rng: random.Random) -> str:
    """One draft: greeting, 1–4 paragraphs of 1–4 sentences, sign-off; random line ends."""
    paragraphs = []
    if rng.random() < 0.8:
        paragraphs.append([_fill(rng.choice(GREETINGS), rng)])
    for _ in range(rng.randint(1, 4)):
        paragraphs.append([_fill(rng.choice(BODY), rng) for _ in range(rng.randint(1, 4))])
    if rng.random() < 0.7:
        paragraphs.append([_fill(rng.choice(SIGN_OFFS), rng)])
    newline = rng.choice(["\n", "\n", "\n", "\r\n"])
    joiner = rng.choice([" ", newline])
    return (newline * 2).join(joiner.join(sentences) for sentences in paragraphs) + newline


def generate(count: int, seed: int = 2024) -> list[str]:
    rng = random.Random(seed)
    return [draft(rng) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    with open(arguments.out, "w", encoding="utf-8") as stream:
        for number, text in enumerate(generate(arguments.drafts, arguments.seed)):
            stream.write(json.dumps({"id": f"gen-{number:05d}", "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
