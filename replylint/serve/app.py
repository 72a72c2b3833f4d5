"""The web application of `replylint serve` (FastAPI): routes, errors, limits, the token.

Every answer, errors included, is JSON with a Russian ``message``; no traceback ever
leaves the process (it goes to the log).
"""

from __future__ import annotations

import hmac
import logging
from importlib import resources
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from replylint import __version__
from replylint.errors import ReplylintError
from replylint.score import mean_score
from replylint.serve import languagetool
from replylint.serve.core import INLINE_CHARS, MAX_REPLY_CHARS, Checker, CheckTimeout, Settings, check_reply

log = logging.getLogger("replylint.serve")

#: Paths anyone may read: the page, its files, the API's description, health.
PUBLIC = ("/", "/static/", "/openapi.json", "/docs", "/api/health")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8"}


class ApiError(Exception):
    """An error answer: HTTP status and the Russian message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ------------------------------------------------------------------ models


class CheckRequestOptions(BaseModel):
    """Overrides of the server's configuration for one request."""

    model_config = ConfigDict(extra="forbid", title="Параметры проверки",
                              json_schema_extra={"description": "Что изменить в настройках сервера для этого запроса."})
    select: list[str] = Field(default_factory=list, title="Только", description="Только эти правила или категории.")
    ignore: list[str] = Field(default_factory=list, title="Пропустить",
                              description="Пропустить эти правила или категории.")
    mode: Literal["drafts", "templates"] | None = Field(None, title="Режим",
                                                        description="drafts — черновики, templates — шаблоны.")


class CheckRequest(BaseModel):
    """A draft to check."""

    model_config = ConfigDict(extra="forbid", title="Запрос на проверку",
                              json_schema_extra={"description": "Черновик ответа и, если есть, сообщение клиента."})
    text: str = Field(title="Текст", description="Текст ответа.")
    client: str | None = Field(None, title="Клиент", description="Сообщение клиента, на которое отвечают (необязательно).")
    options: CheckRequestOptions = Field(default_factory=CheckRequestOptions, title="Параметры")


class Suggestion(BaseModel):
    model_config = ConfigDict(title="Предложение", json_schema_extra={
        "description": "Замена слов (replace: text вместо символов start:end) или совет (advice)."})
    kind: Literal["replace", "advice"] = Field(title="Вид")
    text: str = Field(title="Текст", description="Чем заменить, или текст совета.")
    safe: bool | None = Field(None, title="Безопасно", description="Можно применить без проверки человеком (--fix).")
    start: int | None = Field(None, title="Начало", description="Смещение начала заменяемых символов.")
    end: int | None = Field(None, title="Конец", description="Смещение конца заменяемых символов (не включая).")


class Diagnostic(BaseModel):
    """One remark, the very object of `replylint check --format json`."""

    model_config = ConfigDict(title="Замечание", json_schema_extra={
        "description": "Одно замечание — тот же объект, что в `replylint check --format json`."})
    rule: str = Field(title="Правило")
    category: str = Field(title="Категория")
    severity: Literal["error", "warning", "suggestion"] = Field(title="Важность")
    message: str = Field(title="Сообщение")
    line: int = Field(title="Строка", description="Строка начала, с 1.")
    column: int = Field(title="Столбец", description="Столбец начала, с 1.")
    end_line: int = Field(title="Строка конца")
    end_column: int = Field(title="Столбец конца")
    start: int = Field(title="Начало", description="Смещение начала в символах (кодовых точках) текста.")
    end: int = Field(title="Конец", description="Смещение конца (не включая).")
    text: str = Field(title="Слова", description="Отмеченные слова, как они стоят в тексте.")
    suggestions: list[Suggestion] = Field(title="Предложения")
    reply: str | None = Field(None, title="Ответ", description="Имя ответа внутри файла, если их несколько.")


class CheckResponse(BaseModel):
    model_config = ConfigDict(title="Результат проверки")
    diagnostics: list[Diagnostic] = Field(title="Замечания")
    score: float | None = Field(None, title="Оценка", description="Оценка ответа, когда она есть.")


class ErrorResponse(BaseModel):
    model_config = ConfigDict(title="Ошибка")
    message: str = Field(title="Сообщение", description="Что не так, одной строкой.")


#: The refusals of the checking endpoints, in the words /openapi.json shows.
ERRORS = {status: {"model": ErrorResponse, "description": words} for status, words in (
    (400, "Тело запроса — не JSON-объект или нет нужного поля"),
    (401, "Нужен токен"),
    (413, "Текст или тело запроса слишком велики"),
    (422, "Поле неверного вида, неизвестное правило или режим"),
    (503, "Проверка не уложилась в отведённое время"))}


# --------------------------------------------------------------- the app


def create_app(settings: Settings, checker: Checker | None = None) -> FastAPI:
    """The application for these settings (``checker``: an already warm one)."""
    checker = checker or Checker(settings)
    app = FastAPI(title="replylint", version=__version__, docs_url="/docs", redoc_url=None,
                  description="Проверка ответов поддержки: свой API и API, совместимый с LanguageTool.")
    app.state.checker = checker
    app.add_middleware(_FastCheck, checker=checker)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["Authorization", "Content-Type"], max_age=600)
    app.add_middleware(_Guard, token=settings.token, max_body=settings.max_body)
    _errors(app)
    _pages(app)
    _api(app, checker)
    _languagetool(app, checker)
    app.router.add_event_handler("shutdown", checker.close)
    return app


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError):
        return JSONResponse({"message": error.message}, status_code=error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        problems = error.errors()
        if any(problem.get("type") == "json_invalid" or tuple(problem.get("loc", ())) == ("body",)
               for problem in problems):
            return JSONResponse({"message": "тело запроса — не JSON-объект"}, status_code=400)
        fields = [{"field": ".".join(str(part) for part in problem.get("loc", ())[1:]) or "body",
                   "problem": _problem(problem)} for problem in problems]
        message = "; ".join(f"{field['field']}: {field['problem']}" for field in fields)
        return JSONResponse({"message": f"неверный запрос: {message}", "errors": fields}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        messages = {404: "нет такого адреса", 405: "этот адрес не принимает такой метод"}
        return JSONResponse({"message": messages.get(error.status_code, str(error.detail))},
                            status_code=error.status_code, headers=getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception):
        log.exception("replylint serve: ошибка при обработке %s", request.url.path)
        return JSONResponse({"message": "внутренняя ошибка сервера (подробности — в журнале сервера)"},
                            status_code=500)


def _problem(problem: dict) -> str:
    kinds = {"missing": "обязательное поле", "string_type": "нужна строка", "list_type": "нужен список",
             "extra_forbidden": "неизвестное поле", "literal_error": "недопустимое значение",
             "model_attributes_type": "нужен объект", "dict_type": "нужен объект"}
    return kinds.get(problem.get("type", ""), problem.get("msg", "неверное значение"))


def _pages(app: FastAPI) -> None:
    static = resources.files("replylint.serve") / "static"

    @app.get("/", include_in_schema=False)
    async def page():
        return HTMLResponse((static / "index.html").read_text(encoding="utf-8"),
                            headers={"Cache-Control": "no-cache"})

    @app.get("/static/{name}", include_in_schema=False)
    async def static_file(name: str):
        suffix = name[name.rfind("."):] if "." in name else ""
        file = static / name
        if "/" in name or suffix not in STATIC_TYPES or not file.is_file():
            raise ApiError(404, "нет такого файла")
        return Response(file.read_bytes(), media_type=STATIC_TYPES[suffix], headers={"Cache-Control": "no-cache"})


def _api(app: FastAPI, checker: Checker) -> None:
    @app.get("/api/health", tags=["api"], summary="Сервер жив и правила загружены",
             response_description="Состояние, версия и число правил")
    async def health():
        return {"status": "ok", "version": __version__, "rules": len(checker.session.running_rules)}

    @app.post("/api/check", tags=["api"], response_model=CheckResponse, responses=ERRORS,
              summary="Проверить черновик ответа", response_description="Замечания и оценка ответа")
    async def check(request: CheckRequest):
        # (a well-formed request is answered by _FastCheck before it gets here; this route
        # validates the others with the models, and gives /openapi.json the contract)
        options = request.options
        return await _answer_check(checker, request.text, request.client, options.select, options.ignore,
                                   options.mode)

    @app.get("/api/rules", tags=["api"], summary="Правила: что делать, почему и пост, на котором правило стоит",
             response_description="Правила и категории")
    async def rules():
        from replylint.categories import BY_ID

        posts = [post for category in BY_ID.values() for post in category.posts]
        return {"rules": {rule.id: _rule_json(rule, BY_ID, posts) for rule in checker.session.rules},
                "categories": {category.id: category.title for category in BY_ID.values()}}


class _FastJSONResponse(JSONResponse):
    """The answer to a draft, encoded by orjson: the same bytes as Starlette's compact
    ``json.dumps`` (UTF-8 as it is, no spaces), in 3 µs instead of 40 for a 60-word
    draft's 3 kB (docs/serve.md, "Measured")."""

    def render(self, content) -> bytes:
        import orjson

        return orjson.dumps(content)


async def _answer_check(checker: Checker, text: str, client: str | None, select, ignore, mode) -> JSONResponse:
    """The answer of /api/check to a valid request.

    Raises:
        ApiError: a text over the limit, an unknown rule, a check past the time limit.
    """
    _within_limit(text, "text")
    if client is not None:
        _within_limit(client, "client")
    session = _session(checker, select, ignore, mode)
    result, seconds = await _run(checker, len(text) + len(client or ""), _timed, check_reply, session, text, client)
    body = {"diagnostics": [diagnostic.to_json() for diagnostic in result.diagnostics]}
    score = mean_score(result.scores)  # (one reply: its score; none for a blank text)
    if score is not None:
        body["score"] = score
    return _FastJSONResponse(body, headers=_server_timing(seconds))


def _rule_json(rule, categories, posts) -> dict:
    category = categories.get(rule.category)
    quote = _quote(rule.source, posts)
    return {"message": rule.message, "category": rule.category, "category_title": category.title if category else "",
            "severity": rule.severity, "explanation": rule.explanation, "source": rule.source, "quote": quote}


def _quote(source: str, posts) -> str | None:
    """The words of the post a rule's ``source`` names («first words of the post» (a note))."""
    import re

    found = re.match(r"\s*«(.+?)»(?:\s*\(|\s*$)", source)
    title = (found.group(1) if found else source).strip(" .!?…")
    for post in posts:  # (a source may name a post by fewer of its first words)
        if title and post.title.strip(" .!?…").startswith(title):
            return post.quote
    return None


def _languagetool(app: FastAPI, checker: Checker) -> None:
    rules_by_id = {rule.id: rule for rule in checker.session.rules}  # (every session shares these)

    @app.get("/v2/check", include_in_schema=False)  # (LanguageTool answers GET with a query too)
    @app.post("/v2/check", tags=["languagetool"], responses=ERRORS,
              summary="Проверить текст по API LanguageTool (поля формы text или data, language, enabledRules, …)",
              response_description="Ответ в формате LanguageTool (matches)")
    async def lt_check(request: Request):
        fields = await _lt_fields(request)
        token = checker.settings.token
        if token and not authorized(request.headers.get("authorization", ""), token, fields.get("apiKey")):
            raise ApiError(401, "нужен токен: заголовок Authorization: Bearer … или поле apiKey")
        if "text" in fields:
            annotated = languagetool.Annotated.from_text(fields["text"])
        elif "data" in fields:
            annotated = _parse(languagetool.Annotated.from_data, fields["data"])
        else:
            raise ApiError(400, "нужно поле text или data")
        _within_limit(annotated.original, "text")
        language = fields.get("language", "auto")
        if not _is_russian(language):  # a text in another language: nothing for us to say
            return JSONResponse(languagetool.response(annotated, [], {}, __version__, language))
        session = checker.session
        choice = languagetool.choose_rules(fields, session.rules, [rule.id for rule in session.running_rules])
        if choice.nothing:
            return JSONResponse(languagetool.response(annotated, [], {}, __version__, language))
        session = _session(checker, choice.select, choice.ignore, None)
        result, seconds = await _run(checker, len(annotated.plain), _timed, check_reply, session, annotated.plain, None)
        return JSONResponse(languagetool.response(annotated, result.diagnostics, rules_by_id, __version__, language),
                            headers=_server_timing(seconds))

    @app.get("/v2/languages", tags=["languagetool"], summary="Языки (только русский)",
             response_description="Список языков в формате LanguageTool")
    async def lt_languages():
        return languagetool.LANGUAGES


async def _lt_fields(request: Request) -> dict[str, str]:
    """The fields of a /v2/check request: the query, then the form. A form body sent
    without its content type (some LTeX LS versions) is read as URL-encoded."""
    fields = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        fields.update((key, value) for key, value in form.items() if isinstance(value, str))
    elif request.method == "POST":
        from urllib.parse import parse_qsl

        body = (await request.body()).decode("utf-8", "replace")
        fields.update(parse_qsl(body, keep_blank_values=True))
    return fields


def _is_russian(language: str) -> bool:
    language = language.strip().lower()
    return language in ("", "auto") or language == "ru" or language.startswith("ru-")


def _within_limit(text: str, name: str) -> None:
    if len(text) > MAX_REPLY_CHARS:
        raise ApiError(413, f"{name}: {len(text):,} символов — больше предела проверки "
                            f"({MAX_REPLY_CHARS:,})".replace(",", " "))


def _parse(function, value):
    try:
        return function(value)
    except ReplylintError as error:
        raise ApiError(400, error.message) from None


#: The checking API names an unknown rule as `check`'s options would; over HTTP they are
#: the request's fields, and the list of rules is an address.
_OPTION_WORDS = (("--select: ", "options.select: "), ("--ignore: ", "options.ignore: "),
                 ("`replylint rules`", "GET /api/rules"))


def _session(checker: Checker, select, ignore, mode):
    try:
        return checker.session_for(tuple(select), tuple(ignore), mode)
    except ReplylintError as error:
        message = "; ".join(one.message for one in error.errors)
        for cli_words, api_words in _OPTION_WORDS:
            message = message.replace(cli_words, api_words)
        raise ApiError(422, message) from None


def _timed(function, *args):
    import time

    started = time.perf_counter()
    return function(*args), time.perf_counter() - started


def _server_timing(seconds: float) -> dict:
    """How long the check itself took (browsers' developer tools show it)."""
    return {"Server-Timing": f"check;dur={seconds * 1000:.1f}"}


async def _run(checker: Checker, length: int, function, *args):
    try:
        return await checker.run(function, *args, short=length <= INLINE_CHARS)
    except CheckTimeout:
        raise ApiError(503, f"проверка не уложилась в {checker.settings.timeout:g} с; "
                            "попробуйте ещё раз или сократите текст") from None
    except ReplylintError as error:
        raise ApiError(422, error.message) from None


# -------------------------------------------------------------- the guard


class _BodyTooLarge(StarletteHTTPException):
    """Raised while the body is read: an HTTP exception, so that FastAPI's body parsing
    lets it through to the error handlers (anything else it turns into a 400)."""

    def __init__(self, max_body: int) -> None:
        super().__init__(413, f"тело запроса больше {max_body:,} байт".replace(",", " "))


class _Guard:
    """ASGI middleware: the bearer token on the API, and the body size limit (413 on
    Content-Length before anything is read, and while reading a body sent without it)."""

    def __init__(self, app, token: str | None, max_body: int) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        # (/v2/check may carry the token as LanguageTool's apiKey field instead: checked there)
        if scope["method"] != "OPTIONS" and self.token and not self._public(scope["path"]):
            if not authorized(headers.get("authorization", ""), self.token) and scope["path"] != "/v2/check":
                return await _send_json(send, 401, {"message": "нужен токен: заголовок Authorization: Bearer …"},
                                        [(b"www-authenticate", b"Bearer")])
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            return await _send_json(send, 413, {"message": _BodyTooLarge(self.max_body).detail})
        received = 0
        started = False

        async def counted():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge(self.max_body)
            return message

        async def watched(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _BodyTooLarge:
            if not started:
                await _send_json(send, 413, {"message": _BodyTooLarge(self.max_body).detail})

    @staticmethod
    def _public(path: str) -> bool:
        return path == "/" or any(path.startswith(prefix) for prefix in PUBLIC[1:])



# ------------------------------------------------------------ the fast door

CHECK_FIELDS = frozenset({"text", "client", "options"})
OPTION_FIELDS = frozenset({"select", "ignore", "mode"})
MODES = (None, "drafts", "templates")


class _FastCheck:
    """ASGI middleware (inside the guard and CORS): a well-formed ``POST /api/check``
    answered without FastAPI's request machinery.

    The door's own cost is what a draft waits for besides its check, and FastAPI's
    routing, dependency solver and models cost ~0.25 ms of processor time a request
    (docs/serve.md, "Measured"). A body this door does not recognise as plainly valid
    (another content type, bad JSON, a field of the wrong type or name) is handed on,
    read already, to the FastAPI route, whose models give every refusal its usual
    answer; so the route stays the one description of the contract (``/openapi.json``).
    """

    def __init__(self, app, checker: Checker) -> None:
        self.app = app
        self.checker = checker

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/api/check" or scope["method"] != "POST" \
                or not _is_json(scope["headers"]):
            return await self.app(scope, receive, send)
        try:
            body = await _read_body(receive)
        except _BodyTooLarge as error:  # (as the error handler answers it for the route)
            return await JSONResponse({"message": error.detail}, status_code=413)(scope, receive, send)
        if body is None:  # the client went away
            return None
        fields = _plainly_valid(body)
        if fields is None:
            return await self.app(scope, _replaying(body, receive), send)
        try:
            response = await _answer_check(self.checker, *fields)
        except ApiError as error:
            response = JSONResponse({"message": error.message}, status_code=error.status)
        await response(scope, receive, send)


def _is_json(headers) -> bool:
    """The request says its body is JSON in the plain way (``application/json``, maybe
    with a charset); FastAPI reads ``+json`` types too, and gets those requests."""
    for key, value in headers:
        if key == b"content-type":
            return value.partition(b";")[0].strip().lower() == b"application/json"
    return False


async def _read_body(receive) -> bytes | None:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replaying(body: bytes, receive):
    """``receive`` for the next application: the body already read, then what comes."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replay():
        return pending.pop() if pending else await receive()

    return replay


def _plainly_valid(body: bytes) -> tuple | None:
    """(text, client, select, ignore, mode) of a body that the models would take as it is,
    or None: let the models judge it. Stricter than the models, never laxer: exact types
    (JSON gives no others), known names, no nulls where a list is due."""
    import json

    try:
        data = json.loads(body)
    except Exception:  # noqa: BLE001 (the route reads it again and says what is wrong)
        return None
    if type(data) is not dict or not CHECK_FIELDS.issuperset(data):
        return None
    text, client, options = data.get("text"), data.get("client"), data.get("options", {})
    if type(text) is not str or (client is not None and type(client) is not str) \
            or type(options) is not dict or not OPTION_FIELDS.issuperset(options):
        return None
    select, ignore, mode = options.get("select", []), options.get("ignore", []), options.get("mode")
    if type(select) is not list or type(ignore) is not list or mode not in MODES \
            or any(type(name) is not str for name in (*select, *ignore)):
        return None
    return text, client, select, ignore, mode


def authorized(header: str, token: str, api_key: str | None = None) -> bool:
    """The request carries the token: ``Authorization: Bearer TOKEN``, or LanguageTool's
    ``apiKey`` field (what the add-ons and LTeX+ can send)."""
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode()):
        return True
    return api_key is not None and hmac.compare_digest(api_key.encode(), token.encode())


async def _send_json(send, status: int, body: dict, headers=()) -> None:
    import json

    data = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(data)).encode()),
                            (b"access-control-allow-origin", b"*"), *headers]})
    await send({"type": "http.response.body", "body": data})
