"""The LanguageTool contract of `replylint serve`: /v2/check and /v2/languages as the
LanguageTool add-on, LTeX+ and the Obsidian plugin call them.

Offsets are checked the way a client uses them: the UTF-16 code units of what it sent
(JavaScript's and Java's string indexes), sliced with ``offset`` and ``length``.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from replylint.serve.app import create_app  # noqa: E402
from replylint.serve.core import Checker, Settings  # noqa: E402
from replylint.serve.languagetool import Annotated, Utf16  # noqa: E402

MATCH_KEYS = {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule"}


@pytest.fixture(scope="module")
def client():
    checker = Checker(Settings())
    checker.warm_up()
    with TestClient(create_app(checker.settings, checker)) as client:
        yield client


def lt_check(client, **fields) -> dict:
    fields.setdefault("language", "ru-RU")
    response = client.post("/v2/check", data=fields)
    assert response.status_code == 200, response.text
    return response.json()


def utf16_slice(text: str, offset: int, length: int) -> str:
    """What a JavaScript client finds at ``text.substr(offset, length)``."""
    units = text.encode("utf-16-le")
    return units[2 * offset:2 * (offset + length)].decode("utf-16-le")


def by_rule(body: dict, rule: str) -> list[dict]:
    return [match for match in body["matches"] if match["rule"]["id"] == rule]


def api_diagnostics(client, text: str) -> list[dict]:
    return client.post("/api/check", json={"text": text}).json()["diagnostics"]


# ------------------------------------------------------------------ the answer


def test_answer_has_languagetools_shape(client):
    body = lt_check(client, text="Здравствуйте! Ваш тикет эскалирован.")
    assert body["software"]["name"] == "replylint" and body["software"]["apiVersion"] == 1
    assert body["language"]["code"] == "ru-RU" and body["language"]["detectedLanguage"]["code"] == "ru-RU"
    assert body["matches"]
    for match in body["matches"]:
        assert MATCH_KEYS <= set(match)
        assert set(match["rule"]) >= {"id", "description", "issueType", "category"}
        assert set(match["rule"]["category"]) == {"id", "name"}
        assert set(match["context"]) == {"text", "offset", "length"}
        assert match["type"]["typeName"]
        assert "{" not in match["rule"]["description"]  # a template is never shown unfilled


def test_matches_are_the_diagnostics_of_api_check(client):
    text = "Здравствуйте! Ваш тикет эскалирован на L2, по регламенту срок 10 дней. Ответим в ближайшее время."
    body = lt_check(client, text=text)
    diagnostics = api_diagnostics(client, text)
    assert [m["rule"]["id"] for m in body["matches"]] == [d["rule"] for d in diagnostics]
    for match, diagnostic in zip(body["matches"], diagnostics):
        assert match["message"] == diagnostic["message"]
        assert diagnostic["text"] in utf16_slice(text, match["offset"], match["length"])


def test_offsets_count_utf16_units_after_emoji_and_crlf(client):
    text = "👍🏻 Здравствуйте, Анна!\r\n\r\n🙂 Ваш тикет эскалирован на L2.\r\nОтветим в ближайшее время 🙏"
    body = lt_check(client, text=text)
    [ticket] = by_rule(body, "jargon.glossary")[:1]
    assert utf16_slice(text, ticket["offset"], ticket["length"]) == "Ваш тикет"
    assert ticket["replacements"] == [{"value": "Ваше обращение"}]
    assert ticket["offset"] == len("👍🏻 Здравствуйте, Анна!\r\n\r\n🙂 ".encode("utf-16-le")) // 2
    escalated = by_rule(body, "jargon.glossary")[1]
    assert utf16_slice(text, escalated["offset"], escalated["length"]) == "эскалирован"
    [vague] = by_rule(body, "vague-promise.no-time")
    assert utf16_slice(text, vague["offset"], vague["length"]) == "в ближайшее время"
    # the same words in code points would be two units short: the test would catch it
    assert vague["offset"] == text.index("в ближайшее") + 3


def test_context_offsets_are_inside_the_context(client):
    text = "🙂" * 30 + " Ваш тикет эскалирован на L2, по регламенту срок рассмотрения 10 рабочих дней."
    for match in lt_check(client, text=text)["matches"]:
        context = match["context"]
        found = utf16_slice(context["text"], context["offset"], context["length"])
        assert found.replace(" ", "") == utf16_slice(text, match["offset"], match["length"]).replace(" ", "")[:len(found.replace(" ", ""))]
        assert found


def test_spelling_is_a_misspelling_and_style_is_style(client):
    body = lt_check(client, text="К сожелению, курьер задерживается. Ваш тикет эскалирован.")
    [typo] = by_rule(body, "spelling.common-typos")
    assert typo["rule"]["issueType"] == "misspelling" and typo["type"]["typeName"] == "UnknownWord"
    assert typo["rule"]["category"] == {"id": "spelling", "name": "Орфография"}
    assert {"value": "сожалению"} in typo["replacements"]
    jargon = by_rule(body, "jargon.glossary")[0]
    assert jargon["rule"]["issueType"] == "style" and jargon["type"]["typeName"] == "Other"


# ------------------------------------------------------------------ data


def test_data_with_markup_counts_the_markup(client):
    annotation = [{"markup": "<p>"}, {"text": "Здравствуйте! Ваш "}, {"markup": "<b>"}, {"text": "тикет"},
                  {"markup": "</b>"}, {"text": " эскалирован."}, {"markup": "</p>", "interpretAs": "\n\n"},
                  {"markup": "<p>"}, {"text": "Ответим в ближайшее время."}, {"markup": "</p>"}]
    original = "".join(piece.get("text", piece.get("markup")) for piece in annotation)
    body = lt_check(client, data=json.dumps({"annotation": annotation}))
    ticket, escalated = by_rule(body, "jargon.glossary")
    assert utf16_slice(original, ticket["offset"], ticket["length"]) == "Ваш <b>тикет"
    assert utf16_slice(original, escalated["offset"], escalated["length"]) == "эскалирован"
    [vague] = by_rule(body, "vague-promise.no-time")
    assert utf16_slice(original, vague["offset"], vague["length"]) == "в ближайшее время"
    # the markup is not checked: the same words as plain text give the same remarks
    plain = lt_check(client, text="Здравствуйте! Ваш тикет эскалирован.\n\nОтветим в ближайшее время.")
    assert [m["rule"]["id"] for m in body["matches"]] == [m["rule"]["id"] for m in plain["matches"]]


def test_data_interpret_as_maps_back_onto_the_whole_markup(client):
    annotation = [{"text": "Здравствуйте! 😀 Ваш "}, {"markup": "\\ticket{}", "interpretAs": "тикет"},
                  {"text": " эскалирован."}]
    original = "".join(piece.get("text", piece.get("markup")) for piece in annotation)
    body = lt_check(client, data=json.dumps({"annotation": annotation}))
    ticket = by_rule(body, "jargon.glossary")[0]
    assert utf16_slice(original, ticket["offset"], ticket["length"]) == "Ваш \\ticket{}"


@pytest.mark.parametrize("data, words", [
    ("{not json", "не JSON"),
    ('{"text": "Ваш тикет"}', "annotation"),
    ('{"annotation": [{"text": 5}]}', "annotation[0]"),
    ('{"annotation": ["Ваш тикет"]}', "annotation[0]"),
    ('{"annotation": [{"markup": "<b>", "interpretAs": 1}]}', "interpretAs"),
])
def test_malformed_data_is_400(client, data, words):
    response = client.post("/v2/check", data={"data": data, "language": "ru"})
    assert response.status_code == 400
    assert words in response.json()["message"]


def test_neither_text_nor_data_is_400(client):
    response = client.post("/v2/check", data={"language": "ru"})
    assert response.status_code == 400
    assert response.json() == {"message": "нужно поле text или data"}


def test_multipart_form_is_accepted(client):
    response = client.post("/v2/check", files={"text": (None, "Ваш тикет эскалирован."), "language": (None, "ru")})
    assert response.status_code == 200
    assert by_rule(response.json(), "jargon.glossary")


def test_form_without_its_content_type_and_get_with_a_query(client):
    """Some LTeX LS versions send the form without a content type; LanguageTool also
    answers GET with the fields in the query."""
    from urllib.parse import urlencode

    body = urlencode({"text": "Ваш тикет эскалирован.", "language": "ru-RU"}).encode()
    response = client.post("/v2/check", content=body, headers={"Content-Type": "text/plain"})
    assert response.status_code == 200 and by_rule(response.json(), "jargon.glossary")
    response = client.get("/v2/check", params={"text": "Ваш тикет эскалирован.", "language": "ru"})
    assert response.status_code == 200 and by_rule(response.json(), "jargon.glossary")


# ------------------------------------------------------------------ choosing rules

TEXT = "Здравствуйте! Ваш тикет эскалирован. К сожелению, по регламенту ответим в ближайшее время."


def rules_in(body: dict) -> set[str]:
    return {match["rule"]["id"] for match in body["matches"]}


def categories_in(body: dict) -> set[str]:
    return {match["rule"]["category"]["id"] for match in body["matches"]}


def test_disabled_rules_and_categories(client):
    everything = lt_check(client, text=TEXT)
    assert {"jargon.glossary", "spelling.common-typos", "vague-promise.no-time"} <= rules_in(everything)
    # as `check --ignore` does (another rule may then speak for the same words)
    without = lt_check(client, text=TEXT, disabledRules="JARGON.GLOSSARY,no.such.rule")
    assert "jargon.glossary" not in rules_in(without)
    assert rules_in(without) == {d["rule"] for d in ignoring(client, ["jargon.glossary"])}
    without = lt_check(client, text=TEXT, disabledCategories="jargon,spelling")
    assert categories_in(without) == categories_in(everything) - {"jargon", "spelling"}


def ignoring(client, names):
    return client.post("/api/check", json={"text": TEXT, "options": {"ignore": names}}).json()["diagnostics"]


def test_enabled_only_rules_and_categories(client):
    only = lt_check(client, text=TEXT, enabledRules="vague-promise.no-time", enabledOnly="true")
    assert rules_in(only) == {"vague-promise.no-time"}
    only = lt_check(client, text=TEXT, enabledCategories="JARGON", enabledOnly="true")
    assert categories_in(only) == {"jargon"}
    nothing = lt_check(client, text=TEXT, enabledRules="UPPERCASE_SENTENCE_START", enabledOnly="true")
    assert nothing["matches"] == []
    # without enabledOnly, enabledRules adds to the rules that run
    more = lt_check(client, text=TEXT, enabledRules="vague-promise.no-time")
    assert rules_in(more) == rules_in(lt_check(client, text=TEXT))


def test_enabled_rules_and_picky_level_switch_on_rules_off_by_default(client):
    text = ("Заказ собран. Курьер выехал. Он позвонит за час. Оплатить можно картой. Чек придёт на почту. "
            "Если что-то не так, напишите. Мы на связи до 22:00.")
    assert "readability.many-sentences" not in rules_in(lt_check(client, text=text))
    assert "readability.many-sentences" not in rules_in(lt_check(client, text=text, level="default"))
    assert "readability.many-sentences" in rules_in(lt_check(client, text=text, enabledRules="readability.many-sentences"))
    picky = lt_check(client, text=text, level="picky")
    assert "readability.many-sentences" in rules_in(picky)
    assert rules_in(lt_check(client, text=text)) <= rules_in(picky)


def test_other_languages_get_no_matches(client):
    body = lt_check(client, text="Ваш тикет эскалирован.", language="en-US")
    assert body["matches"] == []
    assert rules_in(lt_check(client, text="Ваш тикет эскалирован.", language="auto"))
    assert rules_in(lt_check(client, text="Ваш тикет эскалирован.", language="ru"))


def test_languages(client):
    assert client.get("/v2/languages").json() == [{"name": "Russian", "code": "ru", "longCode": "ru-RU"}]


# ------------------------------------------------------------------ the pieces


@pytest.mark.parametrize("text", ["abc", "я😀б", "😀😀x", "\U0001F44D\U0001F3FB\r\nВаш"])
def test_utf16_offsets_as_java_counts(text):
    to_utf16 = Utf16(text)
    for index in range(len(text) + 1):
        assert to_utf16(index) == len(text[:index].encode("utf-16-le")) // 2


def test_annotated_spans_map_back():
    annotated = Annotated.from_data(json.dumps({"annotation": [
        {"markup": "<p>"}, {"text": "A "}, {"markup": "<b>"}, {"text": "test"}, {"markup": "</b>"},
        {"markup": "<br>", "interpretAs": "\n"}, {"text": "end"}]}))
    assert annotated.plain == "A test\nend"
    assert annotated.original == "<p>A <b>test</b><br>end"

    def original(start, end):
        low, high = annotated.to_original(start, end)
        return annotated.original[low:high]

    assert original(0, 1) == "A"
    assert original(2, 6) == "test"
    assert original(0, 6) == "A <b>test"
    assert original(6, 7) == "<br>"
    assert original(7, 10) == "end"
    assert original(2, 10) == "test</b><br>end"
