"""The client's message as context: carried from every door to the rules, and what the
bundled rules do with it."""

from __future__ import annotations

import json

import pytest

from helpers import run_cli as run
from replylint.api import CheckOptions, Session
from replylint.errors import RuleFileError

DRAFT = "Здравствуйте! Паллеты приедут завтра до 18:00.\n"
CLIENT = "Когда приедут мои паллеты с товаром?\n"
OTHER = "Когда приедет мой заказ?\n"


@pytest.fixture(scope="module")
def session():
    return Session(CheckOptions(select=("jargon", "law-citing")))


def rules_of(result) -> list[str]:
    return [diagnostic.rule for diagnostic in result.diagnostics]


# ----------------------------------------------------------------------- the API

def test_check_text_heeds_the_clients_words(session):
    assert rules_of(session.check_text(DRAFT)) == ["jargon.glossary-logistics"]
    assert rules_of(session.check_text(DRAFT, client=OTHER)) == ["jargon.glossary-logistics"]
    assert rules_of(session.check_text(DRAFT, client=CLIENT)) == []
    assert rules_of(session.check_text(DRAFT, client="   ")) == ["jargon.glossary-logistics"]


def test_the_options_client_is_the_default_and_the_keyword_wins():
    session = Session(CheckOptions(select=("jargon",), client=CLIENT))
    assert rules_of(session.check_text(DRAFT)) == []
    assert rules_of(session.check_text(DRAFT, client=OTHER)) == ["jargon.glossary-logistics"]


def test_fix_text_takes_the_client_too(session):
    fixed = session.fix_text("Спасибо за фидбэк!", client="Хочу оставить отзыв о курьере")
    left = fixed.result.diagnostics
    assert [d.rule for d in left] == ["jargon.glossary"]
    assert left[0].suggestions[0].text == "отзыв"


# ------------------------------------------------------------------- collections

def test_a_csv_client_column_belongs_to_its_row(session):
    text = 'client,text\n"Где паллеты?","Паллеты приедут завтра."\n"Где заказ?","Паллеты приедут завтра."\n'
    result = session.check_text(text, format="csv")
    assert [(d.rule, d.line) for d in result.diagnostics] == [("jargon.glossary-logistics", 3)]


def test_the_client_column_can_be_named_in_the_config(session, tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text("formats:\n  csv: {client_column: вопрос}\n  jsonl: {client_column: q}\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text('вопрос;ответ\nГде паллеты?;Паллеты приедут завтра.\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"q": "Где паллеты?", "text": "Паллеты приедут завтра."},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text('question;ответ\nГде паллеты?;Паллеты приедут завтра.\n', encoding="utf-8")
    result = run("check", str(tmp_path), "--select", "jargon", "--format", "json")
    files = {file["path"].rsplit("/", 1)[-1]: file for file in json.loads(result.stdout)["files"]}
    assert files["a.csv"]["diagnostics"] == [] and files["b.jsonl"]["diagnostics"] == []
    assert "в заголовке нет столбца 'вопрос' с сообщением клиента" in files["c.csv"]["error"]
    assert result.exit_code == 2


def test_a_jsonl_client_key_belongs_to_its_line(session):
    lines = [{"id": "a", "client": "Где паллеты?", "text": "Паллеты приедут завтра."},
             {"id": "b", "text": "Паллеты приедут завтра."}]
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    result = session.check_text(text, format="jsonl")
    assert [d.reply for d in result.diagnostics] == ["b (строка 2)"]


def test_a_json_or_yaml_client_key_is_context_never_a_reply(session):
    data = [{"title": "a", "client": "Где мои паллеты, по закону вы должны были привезти вчера?",
             "reply": "Паллеты приедут завтра."},
            {"title": "b", "reply": "Паллеты приедут завтра."}]
    as_json = session.check_text(json.dumps(data, ensure_ascii=False), format="json")
    assert [d.reply for d in as_json.diagnostics] == ["b ([1].reply)"]
    yaml_text = ("macros:\n  - title: a\n    client: Где паллеты?\n    actions:\n"
                 "      - value: Паллеты приедут завтра.\n  - title: b\n    actions:\n"
                 "      - value: Паллеты приедут завтра.\n")
    as_yaml = session.check_text(yaml_text, format="yaml")
    assert [d.reply for d in as_yaml.diagnostics] == ["b (macros[1].actions[0].value)"]
    by_path = Session(CheckOptions(select=("jargon",))).check_text(yaml_text, name="m.yaml")
    assert len(by_path.diagnostics) == 1


def test_a_replys_own_client_wins_over_the_option():
    session = Session(CheckOptions(select=("jargon",), client="Где паллеты?"))
    text = 'client,text\n"Где заказ?","Паллеты приедут завтра."\n,"Паллеты приедут завтра."\n'
    assert [d.line for d in session.check_text(text, format="csv").diagnostics] == [2]


# --------------------------------------------------------------------- the CLI

@pytest.fixture
def files(tmp_path):
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "client.txt").write_text(CLIENT, encoding="cp1251")  # decoded as the files are
    return tmp_path


def test_check_client_file(files):
    plain = run("check", str(files / "draft.txt"), "--isolated", "--select", "jargon")
    assert plain.exit_code == 1 and "jargon.glossary-logistics" in plain.output
    with_client = run("check", str(files / "draft.txt"), "--isolated", "--select", "jargon",
                      "--client", str(files / "client.txt"))
    assert with_client.exit_code == 0, with_client.output


def test_check_client_from_stdin_and_draft_from_a_file(files):
    result = run("check", str(files / "draft.txt"), "--isolated", "--select", "jargon", "--client", "-",
                 input=CLIENT)
    assert result.exit_code == 0, result.output
    result = run("check", str(files / "draft.txt"), "--isolated", "--select", "jargon", "--client", "-",
                 input=OTHER)
    assert result.exit_code == 1


def test_check_client_and_draft_cannot_both_be_stdin(files):
    result = run("check", "-", "--client", "-", input=DRAFT)
    assert result.exit_code == 2
    assert "стандартный ввод один" in result.output


def test_check_client_file_missing_is_a_one_line_error(files):
    result = run("check", str(files / "draft.txt"), "--client", str(files / "nosuch.txt"))
    assert result.exit_code == 2
    assert "nosuch.txt: нет такого файла (сообщение клиента, --client)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name, content", [("rows.csv", 'text\n"Паллеты приедут завтра."\n'),
                                           ("rows.jsonl", '{"text": "Паллеты приедут завтра."}\n')])
@pytest.mark.parametrize("output", ["text", "json"])
def test_check_client_applies_to_a_collection_row_without_its_own(files, name, content, output):
    # (a collection is read reply by reply when it is only checked: --client reaches those replies too)
    (files / name).write_text(content, encoding="utf-8")
    plain = run("check", str(files / name), "--isolated", "--select", "jargon", "--format", output)
    assert plain.exit_code == 1, plain.output
    result = run("check", str(files / name), "--isolated", "--select", "jargon", "--format", output,
                 "--client", str(files / "client.txt"))
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------- the rules

@pytest.mark.parametrize("draft, client", [
    ("Паллеты приедут завтра.", "Где мои паллеты?"),                         # glossary, another form
    ("Заказ ждёт на хабе в Подольске.", "Мой заказ застрял на хабе?"),       # logistics
    ("Платёж пока в холде, это нормально.", "Почему платёж в холде?"),       # payments
    ("Проверим по WMS и ответим завтра.", "Что у вас в wms по моему заказу?"),  # Latin, another case
    ("Ваш тикет закрыт.", "Что с моим тикетом?"),                            # the general glossary
    ("Вебхуки снова отправляются.", "Webhooks перестали приходить"),         # the client's Latin, in Cyrillic
    ("Рефандом занимается банк.", "Where is my refund?"),                    # … and in another case
])
def test_jargon_the_client_used_first_is_not_flagged(session, draft, client):
    flagged = [d.rule for d in session.check_text(draft).diagnostics if d.category == "jargon"]
    assert flagged, draft  # (the rule does fire without the client's words)
    assert [d.rule for d in session.check_text(draft, client=client).diagnostics if d.category == "jargon"] == []


@pytest.mark.parametrize("cyrillic, latin, same", [
    ("вебхуки", "webhooks", True), ("рефандом", "refunds", True), ("воркеры", "workers", True),
    ("матчмейкинг", "matchmaking", True), ("кэшбэк", "cashback", True),
    ("сервер", "service", False), ("стоп", "stock", False), ("холд", "hello", False),
])
def test_a_latin_word_meets_its_cyrillic_spelling_and_no_other(cyrillic, latin, same):
    from replylint import nlp
    from replylint.client import ClientContext

    context = ClientContext.read(f"Что с {latin}?")
    token = next(token for token in nlp.parse(cyrillic).tokens if token.norm == cyrillic)
    assert context.said(token) is same


def test_jargon_the_client_did_not_use_is_still_flagged(session):
    draft = "Заказ ждёт на хабе, платёж в холде."
    result = session.check_text(draft, client="Где мой заказ? Вы говорили про хаб.")
    assert [d.text for d in result.diagnostics if d.category == "jargon"] == ["в холде"]


LAW_DRAFT = ("Здравствуйте! Согласно ст. 25 Закона о защите прав потребителей обмен возможен в течение "
             "14 дней. Привезите товар в магазин.")


@pytest.mark.parametrize("client", ["А по закону я могу его обменять?", "Какие у меня права?", "А что по 214-ФЗ?",
                                    "Что написано в договоре про обмен?", "Это законно — отказывать в обмене?"])
def test_the_law_may_be_named_when_the_client_asked_about_it(session, client):
    assert rules_of(session.check_text(LAW_DRAFT)) == ["law-citing.laws"]
    assert rules_of(session.check_text(LAW_DRAFT, client=client)) == []


def test_the_law_is_still_a_remark_when_the_client_did_not_ask(session):
    assert rules_of(session.check_text(LAW_DRAFT, client="Можно обменять куртку на размер больше?")) \
        == ["law-citing.laws"]


def test_a_replacement_in_the_clients_words_comes_first(session):
    draft = "Спасибо за фидбэк!"
    plain = session.check_text(draft).diagnostics[0]
    theirs = session.check_text(draft, client="Хочу оставить отзыв").diagnostics[0]
    assert [s.text for s in plain.suggestions][:2] == ["обратную связь", "отзыв"]
    assert [s.text for s in theirs.suggestions][:2] == ["отзыв", "обратную связь"]
    assert "«отзыв»" in theirs.message


# ------------------------------------------------------------------ the rule key

RULE = """\
id: jargon.tickets
kind: existence
category: jargon
message: "«{{match}}»"
explanation: Тест.
source: "тест"
match: [тикет]
unless_client_said: {value}
examples:
  bad: ["Ваш тикет закрыт."]
{examples}
"""


def rule_text(value: str = "match", examples: str = '  good: ["Ваше обращение закрыто."]') -> str:
    return RULE.format(value=value, examples=examples)


def client_examples(items: str) -> str:
    return rule_text(examples="  client:\n" + items)


def test_unless_client_said_takes_a_list_of_phrases(tmp_path):
    (tmp_path / "r.yaml").write_text(rule_text("[номер обращения, жалоба]"), encoding="utf-8")
    session = Session(CheckOptions(rule_dirs=(str(tmp_path),), include_bundled=False))
    assert rules_of(session.check_text("Ваш тикет закрыт.", client="Какой номер у моего обращения?")) == []
    assert rules_of(session.check_text("Ваш тикет закрыт.", client="Я писал жалобы дважды")) == []
    assert rules_of(session.check_text("Ваш тикет закрыт.", client="Какой номер заказа?")) == ["jargon.tickets"]


@pytest.mark.parametrize("value", ["everything", "[]", "{a: 1}", "true"])
def test_unless_client_said_refuses_other_values(tmp_path, value):
    from replylint.rules.schema import load_rule_file

    (tmp_path / "r.yaml").write_text(rule_text(value), encoding="utf-8")
    with pytest.raises(RuleFileError, match="'unless_client_said': нужно 'match'"):
        load_rule_file(tmp_path / "r.yaml")


def test_every_jargon_and_law_citing_rule_heeds_the_client():
    from replylint.loader import load_rules

    rules = [rule for rule in load_rules() if rule.category in ("jargon", "law-citing")]
    assert rules
    for rule in rules:
        expected = "match" if rule.category == "jargon" else "закон"
        assert expected == rule.unless_client_said or expected in rule.unless_client_said, rule.id


def test_client_examples_are_run_by_test_rules(tmp_path):
    good = '    - client: "Что с тикетом?"\n      good: "Ваш тикет закрыт."'
    wrong = '    - client: "Что с тикетом?"\n      bad: "Ваш тикет закрыт."'
    (tmp_path / "ok.yaml").write_text(client_examples(good), encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 0, result.output
    (tmp_path / "ok.yaml").write_text(client_examples(wrong), encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.exit_code == 1 and "jargon.tickets:client:1" in result.output


@pytest.mark.parametrize("items", ['    - "Ваш тикет закрыт."', '    - client: "Что?"',
                                   '    - client: "Что?"\n      good: "a"\n      bad: "b"'])
def test_client_examples_need_a_message_and_one_text(tmp_path, items):
    from replylint.rules.schema import load_rule_file

    (tmp_path / "r.yaml").write_text(client_examples(items), encoding="utf-8")
    with pytest.raises(RuleFileError, match="'client': нужен список словарей"):
        load_rule_file(tmp_path / "r.yaml")
