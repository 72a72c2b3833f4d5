"""`replylint serve`: its own API, the page's files, errors, limits, the token and CORS,
through an HTTP client (starlette's TestClient)."""

from __future__ import annotations

import json
import re
import threading
import time

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402

from replylint.cli import main  # noqa: E402
from replylint.serve import app as app_module  # noqa: E402
from replylint.serve.app import create_app  # noqa: E402
from replylint.serve.core import MAX_REPLY_CHARS, Checker, Settings  # noqa: E402

DRAFT = ("Здравствуйте! Ваш тикет эскалирован на L2, по регламенту срок рассмотрения 10 рабочих дней.\n"
         "Ответим в ближайшее время.")


@pytest.fixture(scope="module")
def checker():
    checker = Checker(Settings())
    checker.warm_up()
    return checker


def client_for(checker, **settings) -> TestClient:
    settings = Settings(checker.settings.options, **settings)
    return TestClient(create_app(settings, _sharing(checker, settings)), raise_server_exceptions=False)


def _sharing(checker, settings):
    """A checker with other settings over the same warm session (no second spaCy load)."""
    return Checker(settings, checker.session)


@pytest.fixture(scope="module")
def client(checker):
    with client_for(checker) as client:
        yield client


def cli_json(text: str, *args: str) -> list[dict]:
    return cli_file(text, *args)["diagnostics"]


def cli_file(text: str, *args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "-", "--isolated", "--format", "json", *args], input=text)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"][0]


# ------------------------------------------------------------------ /api/check


def test_check_answers_the_objects_of_check_format_json(client):
    response = client.post("/api/check", json={"text": DRAFT})
    assert response.status_code == 200
    body = response.json()
    assert body["diagnostics"] == cli_json(DRAFT)
    assert {d["rule"] for d in body["diagnostics"]} >= {"jargon.glossary", "vague-promise.no-time"}
    for diagnostic in body["diagnostics"]:  # offsets point at the words of the text
        assert DRAFT[diagnostic["start"]:diagnostic["end"]] == diagnostic["text"]


def test_check_gives_the_replys_score_as_check_does(client):
    body = client.post("/api/check", json={"text": DRAFT}).json()
    assert body["score"] == cli_file(DRAFT)["score"]
    assert 0 <= body["score"] < 10  # (the draft has remarks)
    assert client.post("/api/check", json={"text": "Заказ привезём завтра до 12:00."}).json()["score"] == 10


def test_check_with_the_clients_message(client):
    response = client.post("/api/check", json={"text": DRAFT, "client": "Где мой возврат? Жду неделю!"})
    assert response.status_code == 200
    assert response.json()["diagnostics"] == cli_json(DRAFT)
    # Words the client used first are not jargon: the answer is that of `check --client`.
    asked = "Мой тикет эскалирован на L2? Жду неделю!"
    answer = client.post("/api/check", json={"text": DRAFT, "client": asked}).json()["diagnostics"]
    assert answer != cli_json(DRAFT)
    assert "тикет" not in {d["text"] for d in answer}


def test_check_with_the_clients_message_as_check_client_gives_it(client, tmp_path):
    asked = tmp_path / "client.txt"
    asked.write_text("Мой тикет эскалирован на L2? Жду неделю!", encoding="utf-8")
    answer = client.post("/api/check", json={"text": DRAFT, "client": asked.read_text(encoding="utf-8")})
    assert answer.json()["diagnostics"] == cli_json(DRAFT, "--client", str(asked))


def test_check_options_select_ignore_mode(client):
    selected = client.post("/api/check", json={"text": DRAFT, "options": {"select": ["jargon"]}}).json()
    assert selected["diagnostics"] == cli_json(DRAFT, "--select", "jargon")
    assert {d["category"] for d in selected["diagnostics"]} == {"jargon"}
    ignored = client.post("/api/check", json={"text": DRAFT, "options": {"ignore": ["jargon"]}}).json()
    assert ignored["diagnostics"] == cli_json(DRAFT, "--ignore", "jargon")
    assert "jargon" not in {d["category"] for d in ignored["diagnostics"]}
    template = "Здравствуйте, {{name}}! Ваш заказ {{order}} отправлен, привезём завтра до 18:00."
    for mode in ("drafts", "templates"):
        answer = client.post("/api/check", json={"text": template, "options": {"mode": mode}})
        assert answer.json()["diagnostics"] == cli_json(template, "--mode", mode)


def test_check_empty_text_has_no_diagnostics(client):
    assert client.post("/api/check", json={"text": ""}).json() == {"diagnostics": []}


@pytest.mark.parametrize("body, status, words", [
    ({"text": DRAFT, "options": {"select": ["jargn"]}}, 422,
     "options.select: неизвестное правило или категория 'jargn' — может быть, 'jargon'? (список: GET /api/rules)"),
    ({"text": DRAFT, "options": {"ignore": ["jargn"]}}, 422, "options.ignore: неизвестное правило"),
    ({"text": DRAFT, "options": {"mode": "letters"}}, 422, "options.mode"),
    ({"text": DRAFT, "options": {"select": "jargon"}}, 422, "options.select"),
    ({"text": DRAFT, "options": {"colour": "red"}}, 422, "options.colour"),
    ({"text": DRAFT, "client": 5}, 422, "client"),
    ({"text": 5}, 422, "text"),
    ({"draft": DRAFT}, 422, "text"),
    ({}, 422, "text: обязательное поле"),
    ([DRAFT], 400, "JSON"),
], ids=["unknown-rule", "unknown-ignored-rule", "unknown-mode", "select-not-list", "unknown-option", "client-not-string",
        "text-not-string", "unknown-field", "missing-text", "not-an-object"])
def test_check_refuses_bad_requests_with_a_json_message(client, body, status, words):
    response = client.post("/api/check", json=body)
    assert response.status_code == status
    assert words in response.json()["message"]


BODIES = [{"text": DRAFT}, {"text": ""}, {"text": DRAFT, "client": None},
          {"text": DRAFT, "client": "Где мой возврат?", "options": {"select": ["jargon"], "ignore": [], "mode": "drafts"}},
          {"text": DRAFT, "options": {"select": ["jargn"]}}, {"text": DRAFT, "options": {"mode": None}},
          {"text": DRAFT, "options": None}, {"text": DRAFT, "options": {"select": None}},
          {"text": DRAFT, "options": {"ignore": ["jargon", 5]}}, {"text": DRAFT, "options": {"mode": "letters"}},
          {"text": DRAFT, "options": {"colour": "red"}}, {"text": DRAFT, "client": 5}, {"text": None},
          {"text": ["а"]}, {"draft": DRAFT}, {}, [DRAFT], "текст", 5, None,
          {"text": "а" * (MAX_REPLY_CHARS + 1)}, {"text": DRAFT, "client": "а" * (MAX_REPLY_CHARS + 1)}]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_plain_json_gets_the_answer_of_the_models(client, body):
    """A body sent as application/json is read by a fast door before FastAPI (see
    app._FastCheck); sent as another JSON type, the same body goes through FastAPI's
    models. Both must answer alike, for valid and invalid bodies."""
    data = json.dumps(body, ensure_ascii=False).encode()
    plain = client.post("/api/check", content=data, headers={"Content-Type": "application/json; charset=utf-8"})
    routed = client.post("/api/check", content=data, headers={"Content-Type": "application/x-replylint+json"})
    assert (plain.status_code, plain.json()) == (routed.status_code, routed.json())
    assert plain.headers["content-type"] == routed.headers["content-type"]
    assert ("server-timing" in plain.headers) == ("server-timing" in routed.headers) == (plain.status_code == 200)


def test_the_fast_door_takes_only_plainly_valid_bodies():
    assert app_module._plainly_valid(b'{"text": "a", "options": {"ignore": ["b"]}}') == ("a", None, [], ["b"], None)
    assert app_module._plainly_valid(b'{"text": "a", "client": "b", "options": {"mode": "templates"}}') == \
        ("a", "b", [], [], "templates")
    for body in (b'{"text": "a"', b'["a"]', b'{"text": 1}', b'{"text": "a", "x": 1}', b'{"text": "a", "options": null}',
                 b'{"text": "a", "options": {"mode": "x"}}', b'{"text": "a", "options": {"select": [1]}}', b"\xff"):
        assert app_module._plainly_valid(body) is None, body


def test_malformed_json_is_400(client):
    response = client.post("/api/check", content=b'{"text": "abc"', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"message": "тело запроса — не JSON-объект"}


def test_text_over_the_limit_is_413(client):
    response = client.post("/api/check", json={"text": "а" * (MAX_REPLY_CHARS + 1)})
    assert response.status_code == 413
    assert "200 000" in response.json()["message"]
    response = client.post("/v2/check", data={"text": "а" * (MAX_REPLY_CHARS + 1)})
    assert response.status_code == 413


def test_body_over_a_megabyte_is_413_before_it_is_read(client):
    big = json.dumps({"text": "а" * 600_000}).encode()  # 1.2 MB of UTF-8
    response = client.post("/api/check", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "байт" in response.json()["message"]


def test_body_over_a_megabyte_without_a_length_is_413(client):
    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(30):
            yield b"x" * 50_000

    response = client.post("/api/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_crash_is_a_json_500_without_a_traceback(checker, monkeypatch):
    def broken(*args):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app_module, "check_reply", broken)
    with client_for(checker) as client:
        response = client.post("/api/check", json={"text": DRAFT})
    assert response.status_code == 500
    assert response.json() == {"message": "внутренняя ошибка сервера (подробности — в журнале сервера)"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_a_slow_check_times_out_and_does_not_block_others(checker, monkeypatch):
    real = app_module.check_reply

    def slow(session, text, client=None):
        if text.startswith("медленно"):
            time.sleep(1.5)
        return real(session, text, client)

    monkeypatch.setattr(app_module, "check_reply", slow)
    with client_for(checker, timeout=0.5) as client:
        answers = {}
        long_text = "медленно " + "Спасибо за ожидание. " * 200  # (a short text is checked on the loop)
        thread = threading.Thread(target=lambda: answers.setdefault(
            "slow", client.post("/api/check", json={"text": long_text})))
        thread.start()
        time.sleep(0.1)
        started = time.perf_counter()
        health = client.get("/api/health")
        assert health.status_code == 200 and time.perf_counter() - started < 0.4
        thread.join()
        assert answers["slow"].status_code == 503
        assert "не уложилась" in answers["slow"].json()["message"]
        # while the worker thread still runs the slow check, a short one waits for it
        # rather than run beside it (the linter is used by one thread at a time)...
        assert client.post("/api/check", json={"text": DRAFT}).status_code == 503
        time.sleep(1.2)  # ...and once it is over, checks are answered again
        assert client.post("/api/check", json={"text": DRAFT}).status_code == 200


# ------------------------------------------------------------------ the rest


def test_health_rules_and_openapi(client):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["rules"] > 10
    rules = client.get("/api/rules").json()
    glossary = rules["rules"]["jargon.glossary"]
    assert glossary["explanation"] and glossary["source"] and glossary["category_title"]
    assert rules["categories"]["jargon"] == glossary["category_title"]
    assert any(rule["quote"] for rule in rules["rules"].values())  # the post's words, where the source names one
    spec = client.get("/openapi.json").json()
    assert {"/api/check", "/v2/check", "/v2/languages", "/api/health"} <= set(spec["paths"])
    assert "text" in json.dumps(spec["components"]["schemas"]["CheckRequest"])


def test_the_openapi_description_is_in_russian(client):
    """What an integrator reads at /docs: every title, summary and description has Russian
    words (the names of fields, rules and formats aside)."""
    spec = client.get("/openapi.json").json()
    english = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "summary", "description") and isinstance(value, str) \
                        and not re.search("[а-яё]", value, re.IGNORECASE) and value != "replylint":
                    english.append(f"{where}/{key}: {value}")
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(spec, "")
    assert english == []
    assert spec["components"]["schemas"]["Diagnostic"]["properties"]["text"]["title"] == "Слова"


def test_page_and_its_files_are_served_from_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="ru">' in page.text and "/static/app.js" in page.text and "/static/app.css" in page.text
    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css"), ("icon.svg", "image/svg+xml")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["content-type"].startswith(kind)
        assert "http://" not in response.text.replace("http://www.w3.org/2000/svg", "") and "https://" not in response.text
    assert "https://" not in page.text and "http://" not in page.text  # no external assets: works offline


@pytest.mark.parametrize("path", ["/static/nothing.js", "/static/..%2Fapp.py", "/static/__init__.py", "/nowhere"])
def test_unknown_paths_are_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["message"]


def test_wrong_method_is_json_405(client):
    response = client.get("/api/check")
    assert response.status_code == 405
    assert response.json() == {"message": "этот адрес не принимает такой метод"}


def test_cors_is_open_for_add_ons(client):
    preflight = client.options("/v2/check", headers={"Origin": "chrome-extension://abc",
                                                     "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    answer = client.post("/v2/check", data={"text": "Ваш тикет", "language": "ru"},
                         headers={"Origin": "moz-extension://abc"})
    assert answer.headers["access-control-allow-origin"] == "*"


def test_cors_and_the_token_apply_to_the_fast_door(checker):
    with client_for(checker, token="s3cret") as client:
        headers = {"Origin": "chrome-extension://abc", "Authorization": "Bearer s3cret"}
        answer = client.post("/api/check", json={"text": DRAFT}, headers=headers)
        assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"
        refused = client.post("/api/check", json={"text": DRAFT}, headers={"Origin": "chrome-extension://abc"})
        assert refused.status_code == 401


def test_token_is_required_when_set(checker):
    with client_for(checker, token="s3cret") as client:
        refused = client.post("/api/check", json={"text": DRAFT})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        assert "Bearer" in refused.json()["message"]
        wrong = client.post("/api/check", json={"text": DRAFT}, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = client.post("/api/check", json={"text": DRAFT}, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["diagnostics"]
        assert client.post("/v2/check", data={"text": DRAFT}).status_code == 401
        assert client.post("/v2/check", data={"text": DRAFT, "apiKey": "s3cret"}).status_code == 200
        assert client.get("/api/rules").status_code == 401
        assert client.get("/v2/languages", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        for public in ("/", "/static/app.js", "/api/health", "/openapi.json"):
            assert client.get(public).status_code == 200, public
