"""The reply's moves: what each sentence does, and rules that read them."""

from __future__ import annotations

import json

import pytest
from helpers import make_linter, run_cli, spans

from replylint import moves, nlp, segment
from replylint.rules.compile import Compiler


@pytest.fixture(scope="module")
def moves_of():
    """The moves of each sentence of a text, as sets of names."""
    compiler = Compiler()
    cues = moves.compile_cues(compiler)
    compiler.matcher.prepare()

    def read(text: str) -> list[set[str]]:
        document = nlp.parse(text, segment.DEFAULT_PLACEHOLDER_REGEX, ())
        found = moves.moves_of(compiler.matcher.run(document), cues)
        return [set(names) for names in found.by_sentence]

    return read


@pytest.mark.parametrize("text, expected", [
    ("Здравствуйте, Анна!", {"greeting"}),
    ("Спасибо за терпение!", {"closing", "thanks"}),
    ("Понимаю ваше беспокойство.", {"empathy"}),
    ("Приносим извинения за задержку.", {"apology"}),
    ("Заявку передали инженеру.", {"status"}),
    ("Мы вернули деньги на карту.", {"done"}),
    ("Пункт выдачи работает без выходных.", {"fact"}),
    ("Вернуть деньги невозможно.", {"refusal"}),
    ("Обращайтесь в свой банк.", {"redirect", "instruction"}),
    ("Мы перезвоним вам завтра до 12:00.", {"promise", "timed-promise", "time"}),
    ("Специалист с вами свяжется.", {"promise", "untimed-promise"}),
    ("Ответ придёт после проверки.", {"promise", "untimed-promise", "vague-time"}),
    ("Приложите, пожалуйста, фото чека.", {"instruction"}),
    ("Вам нужно заполнить заявление.", {"instruction"}),
    ("Можем предложить другой день.", {"offer"}),
    ("Когда вам удобно приехать?", {"offer", "question"}),
    ("С уважением, Анна Петрова, служба поддержки", {"closing"}),
    ("В случае неуплаты доступ будет ограничен.", {"warning"}),
])
def test_each_sentence_is_labelled_with_what_it_does(moves_of, text, expected):
    assert moves_of(text) == [expected]


def test_a_third_party_not_doing_something_is_a_fact_not_our_refusal(moves_of):
    assert moves_of("Врач не принимает по понедельникам.") == [{"fact"}]
    assert moves_of("Сотрудник не мог ошибиться.") == [{"fact"}]
    assert moves_of("Мы не принимаем заявки по понедельникам.") == [{"refusal"}]


def test_comforting_imperatives_are_not_instructions(moves_of):
    assert moves_of("Не волнуйтесь, извините.") != [{"instruction"}]
    assert "instruction" not in moves_of("Нам очень жаль.")[0]


def test_a_rare_imperative_reading_of_a_common_word_is_no_instruction(moves_of):
    # «всей» also reads as the imperative of «всеять»
    assert moves_of("Приносим извинения от всей лаборатории.") == [{"apology"}]


def test_a_participle_in_an_indirect_question_is_no_step_taken(moves_of):
    assert "done" not in moves_of("Проверьте, включена ли передача данных.")[0]
    assert "done" in moves_of("Передача данных включена.")[0]


def test_waiting_on_a_third_party_is_where_the_case_stands(moves_of):
    assert "status" in moves_of("Ждём ответа от банка.")[0]


def test_the_next_bill_is_a_time_the_client_knows(moves_of):
    assert "time" in moves_of("Перерасчёт будет в следующей квитанции.")[0]


def test_a_ticket_opened_is_status_not_a_fix(moves_of):
    assert moves_of("По платежу открыт инцидент.") == [{"status"}]
    assert "done" in moves_of("Мы открыли вам доступ к курсу.")[0]


def test_a_past_passive_tells_what_happened_not_a_step_taken(moves_of):
    assert "done" not in moves_of("Вместо корма для кошек был доставлен корм для котят.")[0]
    assert "done" in moves_of("Корм для кошек доставлен.")[0]


def test_a_time_behind_us_is_not_a_time_to_wait_for(moves_of):
    assert "time" not in moves_of("Курьер приезжал в 15:20.")[0]
    assert "time" in moves_of("Поставила доставку на завтра, с 19:00.")[0]


@pytest.mark.parametrize("text, expected", [
    ("Гарантия на такие случаи не распространяется.", {"refusal"}),
    ("Других вариантов в этом доме нет.", {"refusal"}),
    ("Свободных мест на эту дату нет.", {"refusal"}),
    ("Возврата за пройденные модули не будет.", {"refusal"}),
    ("Вопросы по тарифам в нашу компетенцию не входят.", {"redirect"}),
    ("Тикет заведён на второй уровень.", {"status"}),
    ("Ваш заказ в пути.", {"status"}),
    ("Компенсации за опоздание нет.", {"refusal"}),
    ("Оснований для разбирательства мы не видим.", {"refusal", "status"}),
])
def test_a_denial_without_the_word_no_is_still_an_answer(moves_of, text, expected):
    assert moves_of(text) == [expected]


def test_apologies_for_the_trouble_caused_are_not_steps_taken(moves_of):
    # «доставленные неудобства» is a participle, not «we delivered»
    assert moves_of("Приносим извинения за доставленные неудобства.") == [{"apology"}]
    assert moves_of("Мы очень сожалеем, что информация, озвученная на демонстрации, не подтвердилась.") \
        == [{"apology", "status"}]
    assert "refusal" in moves_of("К сожалению, ваша жалоба не подтвердилась.")[0]


def test_a_limit_noted_in_passing_is_not_a_refusal(moves_of):
    assert "refusal" not in moves_of("Учтите, что на групповые беседы настройки приватности не распространяются.")[0]


def test_what_is_already_with_the_client_is_a_step_taken(moves_of):
    assert "done" in moves_of("Исправленный полис уже у вас на почте.")[0]
    assert "done" in moves_of("Новый договор уже в вашем личном кабинете.")[0]


def test_guilt_put_on_the_client_is_no_apology(moves_of):
    assert "apology" not in moves_of("Сам купил, сам виноват.")[0]
    assert "apology" in moves_of("Мы виноваты, простите.")[0]


def test_disowning_the_matter_sends_away_rather_than_refuses(moves_of):
    assert moves_of("Мы к кредитам отношения не имеем.") == [{"redirect"}]


def test_no_other_choice_is_not_an_offer(moves_of):
    assert moves_of("Есть другой вариант: доставка в пятницу.")[0] >= {"offer"}
    assert "offer" not in moves_of("Других вариантов нет.")[0]


def test_the_order_of_moves_is_kept_within_a_sentence():
    compiler = Compiler()
    cues = moves.compile_cues(compiler)
    compiler.matcher.prepare()
    document = nlp.parse("Вернуть деньги не получится, но мы заменим товар завтра. Хорошего дня!",
                         segment.DEFAULT_PLACEHOLDER_REGEX, ())
    found = moves.moves_of(compiler.matcher.run(document), cues)
    assert found.last_content().name in {"promise", "timed-promise"}
    assert [move.name for move in found.events if move.name == "refusal"] == ["refusal"]


MOVES_RULE = """\
kind: moves
move: [refusal]
not_followed_by: [offer, promise]
"""


def test_a_moves_rule_points_at_the_move_and_respects_what_follows(tmp_path):
    linter = make_linter(tmp_path, MOVES_RULE, category="negative-ending", message="отказ в конце")
    assert spans(linter, "Мы проверили заказ. Вернуть деньги невозможно.") == ["невозможно"]
    assert spans(linter, "Вернуть деньги невозможно, зато можем заменить товар.") == []
    assert spans(linter, "Вернуть деньги невозможно. Привезём замену в пятницу.") == []


def test_reply_level_keys(tmp_path):
    linter = make_linter(tmp_path, """\
        kind: moves
        has: [status]
        lacks: [promise, question]
        where: last_sentence
        """, category="missing-next-step", message="что дальше?")
    assert spans(linter, "Здравствуйте! Заявку передали инженеру.\n\nС уважением, Анна") == \
        ["Заявку передали инженеру."]
    assert spans(linter, "Заявку передали инженеру, он позвонит завтра.") == []
    assert spans(linter, "Заявку передали инженеру. Удобно ли вам завтра?") == []


def test_an_unknown_move_is_a_rule_file_error(tmp_path):
    path = tmp_path / "rules"
    path.mkdir()
    (path / "bad.yaml").write_text(
        "id: negative-ending.mine\nkind: moves\ncategory: negative-ending\nmessage: м\n"
        "explanation: о\nsource: и\nmove: [refusal, rufusal]\nexamples:\n  bad: ['Нельзя.']\n",
        encoding="utf-8")
    result = run_cli("check", "--rules", str(path), "--no-bundled", "-", input="Нельзя.")
    assert result.exit_code == 2
    assert "bad.yaml:7: правило negative-ending.mine: неизвестный ход 'rufusal' в 'move'" in result.output
    assert "Traceback" not in result.output


def test_a_moves_rule_needs_something_to_look_for(tmp_path):
    path = tmp_path / "rules"
    path.mkdir()
    (path / "bad.yaml").write_text(
        "id: negative-ending.mine\nkind: moves\ncategory: negative-ending\nmessage: м\n"
        "explanation: о\nsource: и\nwhere: last_sentence\nexamples:\n  bad: ['Нельзя.']\n",
        encoding="utf-8")
    result = run_cli("check", "--rules", str(path), "--no-bundled", "-", input="Нельзя.")
    assert result.exit_code == 2
    assert "для вида 'moves' нужно хотя бы одно из: move, has, lacks, last, match" in result.output


def test_a_reply_ending_on_several_apologies_gets_one_remark_for_its_end():
    """Three apologies in a row at the end are one bare ending: one remark, at the last."""
    draft = ("Добрый день! Примите наши извинения за сбой. Мы искренне сожалеем о неудобствах. "
             "Ещё раз просим прощения за ситуацию с переводом.")
    result = run_cli("check", "--isolated", "--select", "negative-ending.apology-at-end", "--format", "json", "-",
                     input=draft)
    found = [d for f in json.loads(result.output)["files"] for d in f["diagnostics"]]
    assert [d["text"] for d in found] == ["просим прощения"]


@pytest.mark.parametrize("text, expected", [
    ("Здраствуйте! Заявка принята.", [{"greeting"}, {"status"}]),   # a typo parses as an imperative
    ("Здравствуйте, напишите номер заказа.", [{"greeting", "instruction"}]),
    ("Информация о списании принята к сведению.", [{"status"}]),
])
def test_a_greeting_alone_gives_no_instruction_and_noted_is_a_status(moves_of, text, expected):
    assert moves_of(text) == expected


def test_a_possessive_read_as_an_imperative_is_no_instruction(moves_of):
    # «нашей» is also the imperative of «нашить»: the reply tells the client nothing to do
    assert moves_of("Сбоев на нашей стороне нет.") == [{"fact"}]
    assert moves_of("Случилось по нашей вине, простите.") == [{"apology"}]
    assert "instruction" in moves_of("Пришейте, пожалуйста, пуговицу сами.")[0]


def test_a_fault_denied_is_not_a_case_being_handled(moves_of):
    assert "status" not in moves_of("Табель считает программа, ошибки тут быть не может.")[0]
    assert "status" in moves_of("Ошибка есть, мы о ней знаем.")[0]


def test_our_part_narrowed_to_what_we_do_sends_the_client_elsewhere(moves_of):
    assert moves_of("Мы только доставляем посылки, за упаковку отвечает магазин.") == [{"redirect"}]
    assert moves_of("Мы лишь обслуживаем линию до подъезда.") == [{"redirect"}]
    assert "redirect" not in moves_of("Мы принимаем только карты.")[0]
    assert "redirect" not in moves_of("Мы только что отправили код.")[0]
    assert "promise" in moves_of("Мы вернём деньги только завтра.")[0]
    assert moves_of("Вопросы по начислениям — к управляющей компании.") == [{"redirect"}]
    assert "redirect" not in moves_of("Вопрос к вам: когда удобно?")[0]


def test_a_possibility_not_ruled_out_is_no_refusal(moves_of):
    assert "refusal" not in moves_of("Мы не исключаем, что функция вернётся.")[0]
    assert "refusal" in moves_of("Мы не принимаем заявки по понедельникам.")[0]


def test_a_state_the_client_is_told_to_check_is_no_step_taken(moves_of):
    assert moves_of("Убедитесь, что счётчик подключён к сети.") == [{"instruction"}]
    assert "done" in moves_of("Мы проверили, что счётчик подключён.")[0]


def test_a_noun_read_as_a_verb_is_no_promise(moves_of):
    assert moves_of("Мы оформили возврат.") == [{"done"}]
    # «почту» is the mail, not «почтить»: no promise
    assert moves_of("Вы указали почту с опечаткой.") == [{"fact"}]


def test_a_compensation_is_a_gift_not_an_apology_nor_a_status(moves_of):
    assert moves_of("В знак извинения — бесплатная доставка при следующей покупке.") == [{"gift"}]
    assert "gift" in moves_of("Начислим вам 300 баллов за ожидание.")[0]
    assert "status" not in moves_of("Скидка 7% на следующий визит уже в вашем профиле.")[0]


def test_work_going_on_now_is_its_own_move(moves_of):
    assert "ongoing" in moves_of("Сейчас выясняем это с курьерской службой.")[0]
    assert "ongoing" not in moves_of("Мы работаем с 9 до 21 без выходных.")[0]


def test_a_past_plural_after_a_singular_noun_reports_what_we_did(moves_of):
    # «нашли» also reads as the «ты» imperative of «наслать»: it is no instruction
    names = moves_of("Чемодан ваш нашли в Казани.")[0]
    assert "status" in names and "instruction" not in names


def test_a_modal_in_the_past_reproaches_it_does_not_instruct(moves_of):
    assert "instruction" not in moves_of("Документы надо было сдать до пятницы.")[0]
    assert "instruction" in moves_of("Документы надо сдать до пятницы.")[0]


def test_a_verb_with_li_or_after_a_preposition_is_no_promise(moves_of):
    assert "promise" not in moves_of("Не знаем, примет ли склад возврат.")[0]
    # «отелю» also reads as «отелить» (1st person future)
    assert "promise" not in moves_of("Все вопросы по номеру к отелю.")[0]


def test_a_refusal_that_may_come_is_no_refusal(moves_of):
    assert "refusal" not in moves_of("Если банк откажет, вернём деньги сами.")[0]
    assert "refusal" in moves_of("Решение окончательное.")[0]


def test_claims_sent_on_with_k_and_our_part_named_by_what_we_are_not_are_redirects(moves_of):
    assert "redirect" in moves_of("Жалобы к перевозчику.")[0]
    assert "redirect" in moves_of("Мы агентство, а не авиакомпания.")[0]
    assert "redirect" not in moves_of("Претензий к перевозчику у нас нет.")[0]


def test_tracking_is_waiting_not_a_step(moves_of):
    assert "instruction" not in moves_of("Посылку отслеживайте по трек-номеру.")[0]
    assert "instruction" in moves_of("Следите за наличием на сайте.")[0]


def test_someone_put_on_the_case_is_where_it_stands(moves_of):
    names = moves_of("Оценщик назначен.")[0]
    assert "done" not in names


def test_what_the_client_asked_for_being_gone_is_a_refusal(moves_of):
    assert "refusal" in moves_of("На пятницу столиков уже нет.")[0]
    assert "refusal" not in moves_of("Нет проблем, перенесём.")[0]


@pytest.mark.parametrize("text, expected", [
    # a pledge put as a question waits for the client's «yes»: an offer
    ("Переоформим билет на вечерний рейс?", {"offer", "question"}),
    # … but a question before a pledge leaves it a pledge
    ("Что вам ответить? Мы рассмотрим заявку.", {"promise"}),
    # «now» is a time ahead only with a verb that looks ahead
    ("Остаток на счёте сейчас 2 300 ₽.", {"fact"}),
    ("Сейчас отправлю вам чек.", {"promise", "timed-promise", "time"}),
    # an hour of the day, the approximate order of a span, a span in words
    ("Сантехник будет в 14.", {"promise", "timed-promise", "time"}),
    ("Такси подъедет минут через 7.", {"promise", "timed-promise", "time"}),
    ("Документы подпишем за два рабочих дня.", {"promise", "timed-promise", "time"}),
    # any perfective future of a third party pledges, not what a thing costs or needs
    ("Кладовщик отыщет вашу коробку.", {"promise", "untimed-promise"}),
    ("Замена обойдётся в 500 рублей.", {"fact"}),
    ("Само пройдёт через пару дней.", {"fact", "time"}),
    # taking note is where the case stands, not a pledge
    ("Хорошо, учтём.", {"status"}),
    ("Примем во внимание ваши замечания.", {"status"}),
])
def test_promises_offers_and_times_are_told_apart_by_form(moves_of, text, expected):
    found = set().union(*moves_of(text))
    assert {"promise", "offer", "time", "status", "fact"} & found == {"promise", "offer", "time", "status", "fact"} & expected
    assert ("timed-promise" in found) == ("timed-promise" in expected)


def test_a_form_that_also_reads_as_a_present_is_no_pledge(moves_of):
    # «доходит», «переносится» read both as a present and as a perfective future
    assert "promise" not in set().union(*moves_of("Письмо доходит до адресата долго."))
    assert "promise" not in set().union(*moves_of("Занятие переносится."))


@pytest.mark.parametrize("text", ["Квитанция в приложении.", "Прикладываю акт сверки к письму.",
                                  "Высылаем вам исправленный договор."])
def test_a_document_handed_over_with_the_letter_is_a_step_taken(moves_of, text):
    assert "done" in set().union(*moves_of(text))


def test_our_own_non_liability_disowns_the_case_a_third_partys_does_not(moves_of):
    assert "redirect" in set().union(*moves_of("Мы ответственности за сторонние сайты не несём."))
    assert "redirect" not in set().union(*moves_of("Перевозчик не несёт ответственности за хрупкие вещи."))


def test_a_verb_that_reads_first_as_an_adjective_still_looks_ahead(moves_of):
    # «исправим» reads first as a short adjective; the sentence is not wholly in the past
    assert "time" in set().union(*moves_of("Мы нашли ошибку и исправим её в пятницу, 16 мая."))


def test_work_said_impersonally_is_work_going_on(moves_of):
    assert moves_of("Дата отгрузки уточняется.") == [{"ongoing"}]


def test_a_report_follows_a_refusal_only_from_a_later_sentence(tmp_path):
    linter = make_linter(tmp_path, """\
        kind: moves
        move: [refusal]
        not_followed_by: [status, promise]
        """, category="negative-ending", message="отказ в конце")
    # in the refusal's own sentence a report is its reason
    assert spans(linter, "Вернуть деньги нельзя: заказ уже передан в доставку.") == ["нельзя"]
    assert spans(linter, "Вернуть деньги нельзя. Заказ передали в отдел возвратов.") == []
    # other moves follow within the sentence as before
    assert spans(linter, "Вернуть деньги нельзя, но пришлём замену.") == []


@pytest.mark.parametrize("text", ["Осталось только подписать акт в приложении.",
                                  "Квитанции — в личном кабинете.",
                                  "Выписка доступна по ссылке в разделе «Документы»."])
def test_the_step_left_or_the_place_to_look_is_an_instruction(moves_of, text):
    assert "instruction" in set().union(*moves_of(text))


def test_a_charge_waived_is_no_refusal(moves_of):
    assert "refusal" not in set().union(*moves_of("За простой мы не выставим счёт за март."))


def test_condolences_are_empathy(moves_of):
    assert "empathy" in moves_of("Примите наши соболезнования.")[0]
    assert "empathy" in moves_of("Выражаем вам сочувствие.")[0]


def test_a_day_of_the_month_is_a_time(moves_of):
    assert "timed-promise" in moves_of("Пенсия придёт 12 числа.")[0]


def test_a_time_after_a_dash_is_no_address_to_turn_to(moves_of):
    assert "redirect" not in moves_of("Юрист ответит на ваши вопросы — в четверг с 10 до 12.")[0]
    assert "redirect" in moves_of("Вопросы по страховке — к страховщику.")[0]


def test_what_has_nothing_to_do_with_the_client_sends_nobody_away(moves_of):
    assert "redirect" not in moves_of("Этот штраф к вам отношения не имеет, мы его сняли.")[0]
    assert "redirect" in moves_of("Мы к этим кредитам отношения не имеем.")[0]


@pytest.mark.parametrize("text", [
    "Мастер готов приехать к вам повторно.",
    "Оплата картой возможна только при получении.",
    "Записаться на следующую смену лагеря можно на сайте.",
])
def test_what_can_be_done_instead_is_an_offer(moves_of, text):
    assert "offer" in moves_of(text)[0]


@pytest.mark.parametrize("text", [
    "Мы всегда готовы помочь.",
    "Возможно, письмо попало в спам.",
])
def test_a_courtesy_or_a_perhaps_is_no_offer(moves_of, text):
    assert "offer" not in moves_of(text)[0]


def test_the_way_a_thing_is_done_said_impersonally_points_the_client_to_it(moves_of):
    assert "instruction" in moves_of("Справка выдаётся через портал госуслуг.")[0]
    assert "instruction" not in moves_of("Справка выдаётся бесплатно.")[0]


@pytest.mark.parametrize("text", [
    "Скидка действует для гостей, не имеющих задолженности.",
    "Без вашей подписи мы не сможем отправить договор.",
    "Компания оставляет за собой право отказать в продлении.",
])
def test_a_no_that_describes_conditions_or_threatens_is_no_refusal(moves_of, text):
    assert "refusal" not in moves_of(text)[0]


def test_a_goodbye_that_names_a_time_to_come_is_no_sign_off(moves_of):
    assert "closing" in moves_of("Ждём вас!")[0]
    assert "closing" not in moves_of("Ждём вас завтра до 21:00")[0]


def test_readiness_taken_back_with_but_is_no_offer(moves_of):
    assert "offer" not in moves_of("Мы готовы и дальше присылать SMS, но такой возможности у нас нет.")[0]


@pytest.mark.parametrize("text", [
    "Ваши замечания к меню записали.",
    "Сведения о поломке приняли.",
])
def test_feedback_noted_is_where_the_case_stands_not_a_step_taken(moves_of, text):
    assert moves_of(text) == [{"status"}]


def test_a_bare_noted_is_no_step_taken_a_booking_is(moves_of):
    assert "done" not in moves_of("Записали.")[0]
    assert "done" in moves_of("Записали вашу дочь на пятницу.")[0]


def test_sending_the_client_there_is_an_instruction_and_a_redirect(moves_of):
    assert {"instruction", "redirect"} <= moves_of("Обращайтесь туда.")[0]
    assert "instruction" in moves_of("Обращайтесь на стойку регистрации.")[0]


def test_someone_else_who_can_do_it_is_an_offer_a_possible_delay_is_not(moves_of):
    assert "offer" in moves_of("Ваш муж может оформить карту на себя.")[0]
    assert "offer" not in moves_of("Курьер может опоздать на полчаса.")[0]


def test_a_no_that_hangs_on_the_clients_answer_is_no_refusal(moves_of):
    assert "refusal" not in moves_of("Без оценки я не смогу закрыть обращение.")[0]
    assert "offer" not in moves_of("Собственник может приезжать только по будням.")[0]
    assert "offer" not in moves_of("Это запрещено и может повлечь блокировку.")[0]


@pytest.mark.parametrize("text", ["Да, можно 👍", "Да, конечно.", "Есть, на первом этаже."])
def test_a_request_granted_is_an_offer_taken_up(moves_of, text):
    assert "offer" in moves_of(text)[0]


@pytest.mark.parametrize("text", ["Конечно, разберёмся.", "Есть авария на линии.", "Да, знаем."])
def test_a_yes_that_grants_nothing_is_no_offer(moves_of, text):
    assert "offer" not in moves_of(text)[0]


def test_a_time_in_an_apology_for_the_past_is_no_time_ahead(moves_of):
    assert "time" not in moves_of("Приносим извинения за то, что мастер не пришёл в субботу.")[-1]
    assert "time" in moves_of("Приносим извинения, мастер придёт в субботу.")[-1]


def test_a_constraint_told_of_the_past_is_no_warning(moves_of):
    assert "warning" not in moves_of("Собственник был вынужден перенести показ.")[0]
    assert "warning" in moves_of("Мы будем вынуждены приостановить договор.")[0]


def test_the_client_addressed_by_name_is_a_greeting(moves_of):
    assert moves_of("Уважаемый Константин Игоревич!") == [{"greeting"}]


def test_the_outcome_of_a_check_is_where_the_case_stands(moves_of):
    assert "status" in moves_of("По результатам диагностики дефект не подтвердился.")[0]


def test_someone_due_in_a_while_is_a_timed_promise(moves_of):
    assert {"promise", "timed-promise"} <= moves_of("Курьер будет через 5 минут.")[0]


def test_a_participle_after_li_is_no_step_taken(moves_of):
    assert "done" not in moves_of("Проверьте, надёжно ли подключён кабель.")[0]


def test_a_guessed_cause_is_no_report_on_the_case(moves_of):
    assert "status" not in moves_of("Зайдите позже, возможно, ведутся работы.")[0]
    assert "status" in moves_of("На линии ведутся работы.")[0]
