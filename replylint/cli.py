"""The command line: click only — arguments → the checking API (:mod:`replylint.api`) →
a reporter. Exit codes: 0 clean, 1 diagnostics at or above --fail-on, 2 usage,
configuration, rule-file or input errors.

Only click is imported at start-up; each command imports what it needs, so `rules`,
`explain` and `--help` never load spaCy. Everything the command line says is Russian,
click's own words included (:mod:`replylint.click_russian`).
"""

from __future__ import annotations

import sys
from typing import NamedTuple

import click

from replylint import __version__, click_russian
from replylint.errors import ReplylintError

EXIT_CLEAN, EXIT_DIAGNOSTICS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
STDIN = "-"

click_russian.install()  # before the commands are declared (see the module)


def _fail(error: ReplylintError):
    from replylint.report.text import visible

    for one in error.errors:
        click.echo(f"replylint: {visible(one.location() + one.message)}", err=True)
    sys.exit(error.exit_code)


class _RegistryChoice(click.Choice):
    """The names of a registry (``formats`` or ``report``), read when click first needs
    them: `replylint --help`, `rules` and `explain` import no format and no reporter."""

    def __init__(self, registry: str) -> None:
        self._registry = registry
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        import importlib

        return importlib.import_module(f"replylint.{self._registry}").names()

    @choices.setter
    def choices(self, value) -> None:
        pass  # (click.Choice sets the list it was given; ours is the registry's)

    def convert(self, value, param, ctx):
        import importlib

        try:  # (imports the registry's modules only as far as this one)
            importlib.import_module(f"replylint.{self._registry}").REGISTRY.named(value)
        except KeyError:
            return super().convert(value, param, ctx)  # the error, with every choice
        return value


class _Group(click.Group):
    """Commands whose usage line reads «[ПАРАМЕТРЫ]» (click's own says «[OPTIONS]»)."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[ПАРАМЕТРЫ]")
        return super().command(*args, **kwargs)

    def invoke(self, ctx):
        # Ctrl-C: one line and the shell's code for SIGINT (128 + 2), not click's
        # «Aborted!» with code 1 nor a traceback; a file being fixed is old or new
        # (replylint.fix writes by rename and finishes a write in place first)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\nreplylint: прервано (Ctrl-C)", err=True)
            sys.exit(EXIT_INTERRUPTED)


def _rule_options(function):
    function = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(), metavar="ПАПКА",
                            help="Добавить папку своих правил (можно несколько раз).")(function)
    function = click.option("--no-bundled", is_flag=True,
                            help="Только правила из --rules, без встроенных.")(function)
    return function


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             options_metavar="[ПАРАМЕТРЫ]", subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
@click.version_option(__version__, prog_name="replylint", message="%(prog)s, версия %(version)s")
def main() -> None:
    """replylint: линтер-наставник для ответов поддержки на русском языке."""


class _CheckFlags(NamedTuple):
    """The flags of `check`, as click parsed them (a named tuple: `--help` need not import
    dataclasses)."""

    rule_dirs: tuple[str, ...]
    no_bundled: bool
    config_path: str | None
    isolated: bool
    output_format: str
    fail_on: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    encoding: str | None
    mode: str | None
    input_format: str | None
    no_inline_config: bool
    fix: bool
    show_diff: bool
    jobs: int | None
    no_context: bool
    baseline: str | None
    write_baseline: str | None
    client: str | None = None


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="ПУТЬ...")
@_rule_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Файл настроек (по умолчанию .replylint.yaml или [tool.replylint] в pyproject.toml — "
                   "ближайший над первым путём).")
@click.option("--isolated", is_flag=True, help="Не читать файлы настроек.")
@click.option("--format", "output_format", type=_RegistryChoice("report"), default="text", show_default=True,
              help="Формат вывода.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion"]), default=None,
              help="Код выхода 1, если есть замечание этого уровня или выше (по умолчанию warning).")
@click.option("--select", multiple=True, metavar="ПРАВИЛА",
              help="Только эти правила или категории (можно несколько раз или через запятую).")
@click.option("--ignore", multiple=True, metavar="ПРАВИЛА",
              help="Пропустить эти правила или категории (можно несколько раз или через запятую).")
@click.option("--encoding", default=None, metavar="КОДИРОВКА",
              help="Кодировка файлов (по умолчанию UTF-8 или распознанная Windows-1251).")
@click.option("--mode", type=click.Choice(["drafts", "templates"]), default=None,
              help="templates — шаблоны ответов: незаполненные плейсхолдеры ожидаемы.")
@click.option("--input-format", type=_RegistryChoice("formats"), default=None,
              help="Читать все файлы (и стандартный ввод) в этом формате, а не по расширению.")
@click.option("--no-inline-config", is_flag=True, help="Не учитывать комментарии replylint-disable в файлах.")
@click.option("--fix", is_flag=True, help="Применить безопасные замены к файлам и показать, что осталось "
                                          "(для стандартного ввода — напечатать исправленный текст).")
@click.option("--diff", "show_diff", is_flag=True, help="Показать, что изменит --fix; ничего не записывать.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Проверять файлы в N процессах (по умолчанию на всех ядрах; 1 — в одном).")
@click.option("--no-context", is_flag=True, help="Не печатать предложение под каждым замечанием.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Показать только замечания, которых нет в базовой линии.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Записать все нынешние замечания в базовую линию (и ничего не показывать).")
@click.option("--client", type=click.Path(dir_okay=False, allow_dash=True), default=None, metavar="ФАЙЛ",
              help="Сообщение клиента, на которое отвечает черновик (- — стандартный ввод): слова клиента не "
                   "считаются жаргоном, о законе можно ответить, если клиент о нём спросил.")
def check(paths, **flags):
    """Проверить ответы: файлы, папки, шаблоны путей или - (стандартный ввод).

    Формат файла — по расширению или --input-format (форматы перечислены ниже): в файле
    может быть один ответ или целая коллекция шаблонов.
    """
    from replylint.checking import StartupCollector

    flags = _CheckFlags(**flags)
    _refuse_conflicts(paths, flags)
    with StartupCollector() as collector:
        code = _check(paths, flags, collector)
    sys.exit(code)


def _refuse_conflicts(paths, flags: _CheckFlags) -> None:
    if flags.write_baseline and (flags.fix or flags.show_diff):
        raise click.UsageError("--write-baseline не сочетается с --fix и --diff: сначала исправьте, потом "
                               "запишите базовую линию")
    if flags.fix and not flags.show_diff and STDIN in paths and len(paths) > 1:
        raise click.UsageError("--fix печатает исправленный стандартный ввод: проверяйте «-» отдельно от файлов")
    if flags.client == STDIN and STDIN in paths:
        raise click.UsageError("стандартный ввод один: с --client - черновик читайте из файла")


def _check(paths, flags: _CheckFlags, collector) -> int:
    from replylint.api import Session

    try:
        session = Session(_with_client(_check_options(paths, flags), flags.client))
        baseline = _load_baseline(flags.baseline)
    except ReplylintError as error:
        _fail(error)
    fix = "diff" if flags.show_diff else "write" if flags.fix else None
    _warn_about_jobs(flags.jobs, session.options.config)
    if not fix and not flags.write_baseline:
        return _check_streaming(paths, flags, session, collector, baseline)
    with _files_progress() as progress:
        outcomes = session.check_paths(paths, fix=fix, jobs=flags.jobs, collector=collector, progress=progress)
    collector.resume()  # (when there was no file to check)
    had_error = _print_errors(outcomes)
    if not outcomes:
        click.echo("replylint: проверять нечего: все названные файлы исключены настройкой exclude", err=True)
        return EXIT_CLEAN
    if flags.write_baseline:
        return _write_baseline(flags.write_baseline, outcomes, had_error)
    if flags.show_diff:
        return _show_diff(outcomes, had_error)
    fail_on = flags.fail_on or session.options.config.fail_on
    if fix and paths == (STDIN,):
        return _print_fixed_stdin(outcomes[0], fail_on)
    results = [outcome.result for outcome in outcomes]
    if baseline is not None:
        results = _without_baseline(baseline, results)
    from replylint import report

    options = report.ReportOptions(tuple(session.running_rules), not flags.no_context,
                                   True if _is_terminal(sys.stdout) else None)
    click.echo(report.render(results, flags.output_format, options), nl=False)
    if fix:
        written = [outcome for outcome in outcomes if outcome.written]
        click.echo(f"replylint: исправлено: {_places(sum(o.edits for o in written))} "
                   f"в {_files_in(len(written))}", err=True)
    return EXIT_ERROR if had_error else _exit_code(results, fail_on)


def _check_streaming(paths, flags: _CheckFlags, session, collector, baseline=None) -> int:
    """`check` with the report written as results come (what :func:`_check` prints, byte
    for byte, in the same order; every format): an archive of a million replies is never
    held in memory, nor are its findings. A baseline filters each result as it comes."""
    from replylint import checking, report
    from replylint.diagnostics import Severity
    from replylint.report.text import visible

    options = report.ReportOptions(tuple(session.running_rules), not flags.no_context,
                                   True if _is_terminal(sys.stdout) else None)
    stream = report.stream(flags.output_format, options, lambda text: click.echo(text, nl=False))
    filtering = baseline.filtering() if baseline is not None else None
    threshold = Severity.parse(flags.fail_on or session.options.config.fail_on)
    had_error = failing = False
    count = 0
    with _files_progress() as progress:
        for outcome in checking.stream_paths(session, paths, jobs=flags.jobs, collector=collector,
                                             progress=progress):
            count += not outcome.partial
            if outcome.error:
                click.echo(f"replylint: {visible(outcome.error)}", err=True)
                had_error = True
            result = outcome.result if filtering is None else filtering.filter(outcome.result)
            failing = failing or any(d.severity >= threshold for d in result.diagnostics)
            stream.add(result, partial=outcome.partial)
    collector.resume()  # (when there was no file to check)
    if not count:
        click.echo("replylint: проверять нечего: все названные файлы исключены настройкой exclude", err=True)
        return EXIT_CLEAN
    if filtering is not None:
        _tell_baseline(filtering.hidden, filtering.gone)
    stream.close()
    return EXIT_ERROR if had_error else EXIT_DIAGNOSTICS if failing else EXIT_CLEAN


def _warn_about_jobs(jobs: int | None, config) -> None:
    """More workers than cores only compete for them (and each holds its own spaCy): the
    run takes as many as there are cores, and says so."""
    from replylint.checking import cpu_count

    cores = cpu_count()
    asked, where = (jobs, f"--jobs {jobs}") if jobs else (config.jobs, f"jobs: {config.jobs} в настройках")
    if asked and asked > cores:
        click.echo(f"replylint: {where} — больше, чем ядер ({cores}): проверка идёт не более чем "
                   f"в {cores} процессах", err=True)


def _check_options(paths, flags: _CheckFlags):
    """Flags and the config file → the options of the check, once."""
    from replylint import config as config_module
    from replylint.api import CheckOptions

    if flags.isolated:
        config = config_module.Config()
    elif flags.config_path:
        config = config_module.load(flags.config_path, strict=False)
    else:
        start = next((path for path in paths if path != STDIN), ".")
        found = config_module.find(start if _exists_or_parent(start) else ".")
        config = config_module.load(found, strict=False) if found else config_module.Config()
    return CheckOptions(config, tuple(flags.rule_dirs), not flags.no_bundled, _split(flags.select),
                        _split(flags.ignore), flags.mode, flags.encoding, flags.input_format,
                        not flags.no_inline_config)


def _with_client(options, client_path: str | None):
    """The options with the client's message of ``--client`` (a file or standard input)."""
    if client_path is None:
        return options
    import dataclasses
    import os

    from replylint.checking import MAX_REPLY_CHARS
    from replylint.errors import InputError, describe_os_error
    from replylint.inputs import decode, read_bytes

    if client_path != STDIN and not os.path.lexists(client_path):
        raise InputError("нет такого файла (сообщение клиента, --client)", client_path)
    try:
        data = read_bytes(client_path)
    except OSError as error:
        raise InputError(f"не удаётся прочитать сообщение клиента: {describe_os_error(error)}",
                         "<stdin>" if client_path == STDIN else client_path) from None
    text = decode(data, client_path, options.encoding or options.config.encoding).text
    if len(text) > MAX_REPLY_CHARS:
        raise InputError(f"сообщение клиента длиннее {MAX_REPLY_CHARS} символов", client_path)
    return dataclasses.replace(options, client=text)


def _exists_or_parent(path: str) -> bool:
    import os

    return os.path.exists(path) or os.path.isdir(os.path.dirname(path) or ".")


def _load_baseline(path: str | None):
    if path is None:
        return None
    from replylint import baseline

    return baseline.load(path)


def _print_errors(outcomes) -> bool:
    from replylint.report.text import visible

    had_error = False
    for outcome in outcomes:
        if outcome.error:  # (a file's name may hold an escape sequence: shown, not obeyed)
            click.echo(f"replylint: {visible(outcome.error)}", err=True)
            had_error = True
    return had_error


def _places(count: int) -> str:
    from replylint.report.text import plural

    return plural(count, ("место", "места", "мест"))


def _files_in(count: int) -> str:
    from replylint.report.text import plural

    return plural(count, ("файле", "файлах", "файлах"))


def _show_diff(outcomes, had_error: bool) -> int:
    changed = [outcome for outcome in outcomes if outcome.diff]
    terminal = _is_terminal(sys.stdout)
    for outcome in changed:
        # a terminal shows the changed lines; a pipe gets the exact patch
        click.echo(_visible_lines(outcome.diff) if terminal else outcome.diff, nl=False)
    if changed:
        click.echo(f"replylint: --fix заменит {_places(sum(outcome.edits for outcome in changed))} "
                   f"в {_files_in(len(changed))}", err=True)
    else:
        click.echo("replylint: исправлять нечего", err=True)
    return EXIT_ERROR if had_error else EXIT_DIAGNOSTICS if changed else EXIT_CLEAN


def _visible_lines(diff: str) -> str:
    from replylint.report.text import visible

    # (a CRLF line keeps its \r: at a line's end it moves nothing)
    return "\n".join(visible(line[:-1]) + "\r" if line.endswith("\r") else visible(line)
                     for line in diff.split("\n"))


def _print_fixed_stdin(outcome, fail_on: str) -> int:
    """Standard input cannot be written back: its fixed text goes to standard output."""
    if outcome.error:
        return EXIT_ERROR
    click.echo(outcome.fixed, nl=False)
    left = len(outcome.result.diagnostics)
    click.echo(f"replylint: исправлено: {_places(outcome.edits)}; осталось замечаний: {left}"
               + (" (запустите без --fix, чтобы увидеть их)" if left else ""), err=True)
    return _exit_code([outcome.result], fail_on)


def _without_baseline(baseline, results):
    results, hidden, gone = baseline.filter(results)
    _tell_baseline(hidden, gone)
    return results


def _tell_baseline(hidden: int, gone: int) -> None:
    from replylint.report.text import plural

    if hidden or gone:
        message = f"replylint: базовая линия скрыла {plural(hidden, ('замечание', 'замечания', 'замечаний'))}"
        if gone:
            message += (f"; {plural(gone, ('замечания', 'замечаний', 'замечаний'))} из неё больше нет "
                        "(обновите её: --write-baseline)")
        click.echo(message, err=True)


def _write_baseline(path: str, outcomes, had_error: bool) -> int:
    from replylint import baseline
    from replylint.report.text import plural

    try:
        findings, files = baseline.write(path, [outcome.result for outcome in outcomes])
    except ReplylintError as error:
        _fail(error)
    click.echo(f"replylint: {path}: в базовой линии "
               f"{plural(findings, ('замечание', 'замечания', 'замечаний'))} в {_files_in(files)}", err=True)
    return EXIT_ERROR if had_error else EXIT_CLEAN


def _exit_code(results, fail_on: str) -> int:
    from replylint.diagnostics import Severity

    threshold = Severity.parse(fail_on)
    failing = any(d.severity >= threshold for result in results for d in result.diagnostics)
    return EXIT_DIAGNOSTICS if failing else EXIT_CLEAN


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False), metavar="ПАПКА")
@click.option("--force", is_flag=True, help="Перезаписать существующий .replylint.yaml.")
@click.option("--templates", is_flag=True,
              help="Сразу включить режим шаблонов (mode: templates): для репозитория шаблонов ответов, "
                   "где незаполненные плейсхолдеры ожидаемы.")
def init(directory, force, templates):
    """Записать в ПАПКУ (по умолчанию текущую) начальный .replylint.yaml с комментариями.

    Всё в нём закомментировано, поэтому проверка идёт как без него, пока нужное не
    раскомментировать; --templates сразу включает режим шаблонов.
    """
    from pathlib import Path

    from replylint.config import starter

    target = Path(directory) / ".replylint.yaml"
    if target.is_symlink():  # (--force too: the link's target may be anyone's file)
        click.echo(f"replylint: {target}: это символическая ссылка — init не пишет через неё; "
                   "удалите ссылку или впишите настройки в файл, на который она указывает", err=True)
        sys.exit(EXIT_ERROR)
    if target.exists() and not force:
        click.echo(f"replylint: {target}: файл уже есть (--force перезапишет его)", err=True)
        sys.exit(EXIT_ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_no_follow(target, starter(templates=templates))
    click.echo(f"Создан {target}: раскомментируйте нужное и запустите `replylint check .`")


def _write_no_follow(target, text: str) -> None:
    """Write ``target`` unless it is (or has just become) a symbolic link."""
    import os

    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as error:
        from replylint.errors import describe_os_error

        click.echo(f"replylint: {target}: не удаётся записать: {describe_os_error(error)}", err=True)
        sys.exit(EXIT_ERROR)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # (a closed or unusual stream)
        return False


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command(name="rules")
@_rule_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Формат вывода.")
@click.option("--category", default=None, metavar="КАТЕГОРИЯ", help="Только правила этой категории.")
def list_rules(rule_dirs, no_bundled, output_format, category):
    """Список правил: id, категория, уровень и что делать (в терминале — таблица; в канале
    или файле — по правилу в строке, поля через табуляцию, для grep и cut)."""
    from replylint.rulecache import load_rules

    try:
        rules = load_rules(rule_dirs, include_bundled=not no_bundled)
        _check_category(category)
    except ReplylintError as error:
        _fail(error)
    if category:
        rules = [rule for rule in rules if rule.category == category]
    if output_format == "json":
        import json

        click.echo(json.dumps({"rules": [rule.to_json() for rule in rules]}, ensure_ascii=False, indent=2))
        return
    if not _is_terminal(sys.stdout):
        for rule in rules:
            click.echo("\t".join((rule.id, rule.category, rule.severity, " ".join(rule.message.split()))))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Правила replylint ({len(rules)})", show_lines=False)
    for column in ("id", "категория", "уровень", "что делать"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        table.add_row(rule.id, rule.category, rule.severity, rule.message)
    Console(highlight=False).print(table)


def _check_category(category: str | None) -> None:
    from replylint.categories import CATEGORIES
    from replylint.errors import ConfigError, did_you_mean

    if category is not None and category not in CATEGORIES:
        raise ConfigError(f"--category: неизвестная категория '{category}'{did_you_mean(category, CATEGORIES)} "
                          f"(категории: {', '.join(CATEGORIES)})")


@main.command()
@click.argument("name", metavar="RULE_OR_CATEGORY")
@_rule_options
def explain(name, rule_dirs, no_bundled):
    """Explain a rule (why it matters, the post behind it, examples) or a category
    (what it catches, why, the post, and its rules): `replylint explain jargon`."""
    from rich.console import Console

    from replylint.categories import BY_ID
    from replylint.loader import find_rule
    from replylint.rulecache import load_rules

    try:
        rules = load_rules(rule_dirs, include_bundled=not no_bundled)
    except ReplylintError as error:
        _fail(error)
    console = Console(highlight=False, soft_wrap=True)
    if name in BY_ID:
        _explain_category(console, BY_ID[name], [rule for rule in rules if rule.category == name])
        return
    rule = find_rule(rules, name)
    if rule is None:
        from replylint.errors import did_you_mean

        click.echo(f"replylint: неизвестное правило или категория «{name}»"
                   f"{did_you_mean(name, [*BY_ID, *(known.id for known in rules)])} "
                   f"(правила: `replylint rules`; категории: {', '.join(BY_ID)})", err=True)
        sys.exit(EXIT_ERROR)
    _explain_rule(console, rule)


def _explain_category(console, category, rules) -> None:
    from rich.markup import escape

    from replylint.categories import SEVERITY_TITLES

    console.print(f"[bold]{escape(category.id)}[/] — {escape(category.title)}")
    console.print(f"\n[bold]Что ловит:[/] {escape(category.catches)}")
    console.print(f"\n[bold]Почему это вредит клиенту:[/] {escape(category.harm)}")
    console.print("\n[bold]Откуда:[/]")
    for post in category.posts:
        console.print(f"  «{escape(post.title)}»\n    {escape(post.quote)}")
    if category.examples:
        console.print("\n[bold]Например:[/]")
        for text in category.examples:
            console.print(f"  [red]✗[/] {escape(text)}")
    console.print(f"\n[bold]Правила ({len(rules)}):[/]")
    for rule in sorted(rules, key=lambda rule: rule.id):
        severity = SEVERITY_TITLES.get(rule.severity, rule.severity)
        off = ", выключено" if not rule.enabled else ""
        console.print(f"  [bold]{escape(rule.id)}[/] ([dim]{severity}{off}[/]) — {escape(rule.message)}")
    if rules:
        console.print(f"\nПодробнее о правиле: replylint explain {escape(min(rule.id for rule in rules))}")


def _explain_rule(console, rule) -> None:
    from rich.markup import escape

    from replylint.categories import CATEGORIES, SEVERITY_TITLES

    console.print(f"[bold]{escape(rule.id)}[/] — {escape(CATEGORIES[rule.category])} "
                  f"([dim]{rule.category}, {SEVERITY_TITLES.get(rule.severity, rule.severity)}[/])")
    console.print(f"\n[bold]Что делать:[/] {escape(rule.message)}")
    console.print(f"\n[bold]Почему:[/] {escape(rule.explanation)}")
    console.print(f"\n[bold]Источник:[/] {escape(rule.source)}")
    if rule.suggest:
        console.print("\n[bold]Как исправить:[/]")
        for spec in rule.suggest:
            console.print(f"  → {'замена: ' if spec.replace else ''}{escape(spec.text)}")
    console.print("\n[bold]Плохо:[/]")
    for text in rule.examples_bad:
        console.print(f"  [red]✗[/] {escape(text)}")
    if rule.examples_good:
        console.print("\n[bold]Хорошо:[/]")
        for text in rule.examples_good:
            console.print(f"  [green]✓[/] {escape(text)}")




@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="АДРЕС",
              help="Адрес, на котором слушать. Не локальный — только вместе с --allow-remote.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, metavar="ПОРТ",
              help="Порт.")
@click.option("--allow-remote", is_flag=True,
              help="Разрешить адрес, доступный из сети (тогда задайте и --token).")
@click.option("--token", envvar="REPLYLINT_TOKEN", default=None, metavar="ТОКЕН",
              help="Требовать заголовок Authorization: Bearer ТОКЕН (или поле apiKey) в запросах к API "
                   "(также из REPLYLINT_TOKEN).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Файл настроек (по умолчанию ближайший над текущей папкой, как у check).")
@click.option("--isolated", is_flag=True, help="Не читать файлы настроек.")
@_rule_options
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Процессов, обслуживающих запросы.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, metavar="СЕКУНДЫ",
              help="Сколько может длиться одна проверка (дольше — ответ 503).")
def serve(host, port, allow_remote, token, config_path, isolated, rule_dirs, no_bundled, workers, timeout):
    """Запустить HTTP-сервер: страница для агентов, API /api/check и API, совместимый с
    LanguageTool (/v2/check) — для его дополнения к браузеру, LTeX+ и Obsidian.

    Настройки и папки правил — как у check. Останавливается по Ctrl+C или SIGTERM.
    """
    try:
        import fastapi  # noqa: F401  (only to say what is missing, before anything starts)
        import uvicorn  # noqa: F401
    except ImportError as error:
        click.echo(f"replylint: для serve нужны дополнительные пакеты ({error.name} не установлен): "
                   "pip install 'replylint[serve]'", err=True)
        sys.exit(EXIT_ERROR)
    from replylint.serve.core import Checker
    from replylint.serve.runner import Flags, check_port, is_loopback, run

    if not is_loopback(host) and not allow_remote:
        raise click.UsageError(f"--host {host}: адрес доступен из сети; если так и задумано, добавьте "
                               "--allow-remote (и --token)")
    problem = check_port(host, port)
    if problem:
        click.echo(f"replylint: {host}:{port}: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    flags = Flags(config_path, isolated, tuple(rule_dirs), no_bundled, token or None, timeout)
    try:
        checker = Checker(flags.settings())
        checker.warm_up()
    except ReplylintError as error:
        _fail(error)
    run(flags, checker, host, port, workers)


@main.command(name="test-rules")
@click.argument("directories", nargs=-1, type=click.Path(), metavar="[ПАПКА]...")
@click.option("--verbose", "-v", is_flag=True, help="Показать каждый пример, а не только непрошедшие.")
def test_rules(directories, verbose):
    """Проверить файлы правил и прогнать их примеры: каждый плохой должен сработать,
    ни один хороший — нет.

    Без ПАПОК проверяются встроенные правила. Правила из ПАПОК загружаются вместе со
    встроенными (так, как их загрузит `check --rules`), чтобы поймать совпадение id;
    прогоняются только их примеры.
    """
    from replylint.loader import load_rules, rules_under
    from replylint.report.text import plural
    from replylint.ruletest import run_examples

    try:
        rules = load_rules(directories)
    except ReplylintError as error:
        _fail(error)
    if directories:
        rules = rules_under(rules, directories)
    outcomes = run_examples(rules)
    failures = [outcome for outcome in outcomes if not outcome.passed]
    for outcome in outcomes:
        if verbose or not outcome.passed:
            mark = "ок  " if outcome.passed else "СБОЙ"
            click.echo(f"{mark} {outcome.case_id}: {outcome.text}")
            if not outcome.passed:
                click.echo(f"     {outcome.problem}")
    click.echo(f"{plural(len(rules), ('правило', 'правила', 'правил'))}, "
               f"{plural(len(outcomes), ('пример', 'примера', 'примеров'))}: "
               f"прошли {len(outcomes) - len(failures)}, не прошли {len(failures)}")
    sys.exit(EXIT_DIAGNOSTICS if failures else EXIT_CLEAN)


@main.command()
@click.option("--stdio", is_flag=True, help="Общаться с редактором через стандартные ввод и вывод "
                                            "(так и без флага; его передают некоторые редакторы).")
def lsp(stdio):
    """Языковой сервер (LSP) для редакторов: замечания, быстрые исправления и пояснения
    правил по мере набора. Его запускает редактор; настройка — docs/lsp.md."""
    try:
        from replylint.lsp.server import serve
    except ImportError as error:
        click.echo(f"replylint: для lsp нужен pygls ({error.name}): pip install 'replylint[lsp]'", err=True)
        sys.exit(EXIT_ERROR)
    serve()


# ---------------------------------------------------------------- report (the QA lead's page)

@main.command(name="report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="ФАЙЛ...")
@click.option("--out", required=True, type=click.Path(file_okay=False), metavar="ПАПКА",
              help="Куда записать summary.json, findings.parquet и index.html.")
@click.option("--agent-column", default=None, metavar="СТОЛБЕЦ", help="Столбец с именем сотрудника.")
@click.option("--time-column", default=None, metavar="СТОЛБЕЦ", help="Столбец с датой и временем ответа.")
@click.option("--client-column", default=None, metavar="СТОЛБЕЦ",
              help="Столбец с сообщением клиента, на которое отвечали.")
@click.option("--since", default=None, metavar="ДАТА", help="Только ответы с этого дня (ГГГГ-ММ-ДД).")
@click.option("--until", default=None, metavar="ДАТА", help="Только ответы по этот день включительно.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local — процессы на этой машине; dask — кластер Dask.")
@click.option("--scheduler", default=None, metavar="АДРЕС",
              help="Адрес планировщика Dask (tcp://host:8786); без него — LocalCluster на этой машине.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Процессов (local) или рабочих LocalCluster (по умолчанию по числу ядер).")
@_rule_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, metavar="ФАЙЛ",
              help="Файл настроек (по умолчанию ближайший над первым файлом).")
@click.option("--isolated", is_flag=True, help="Не читать файлы настроек.")
@click.option("--select", multiple=True, metavar="ПРАВИЛА", help="Только эти правила или категории.")
@click.option("--ignore", multiple=True, metavar="ПРАВИЛА", help="Пропустить эти правила или категории.")
def report_command(paths, out, agent_column, time_column, client_column, since, until, engine, scheduler, jobs,
                   rule_dirs, no_bundled, config_path, isolated, select, ignore):
    """Отчёт для руководителя контроля качества по архиву отправленных ответов (JSONL, CSV,
    JSON/YAML): оценки, сотрудники, недели, категории и худшие ответы — в ПАПКЕ summary.json,
    findings.parquet и страница index.html.
    """
    import os

    from replylint.dashboard.archive import Columns, parse_day

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler — адрес кластера Dask: он нужен только с --engine dask")
    try:
        _require_report_libraries(engine)
        options = _report_options(paths, config_path, isolated, rule_dirs, no_bundled, select, ignore)
        from replylint.dashboard import ReportRequest, run
        from replylint.dashboard.lint import session_for

        session_for(options)  # every mistake in the config and the rules, before any work
        request = ReportRequest(tuple(paths), out, options, Columns(agent_column, time_column, client_column),
                                parse_day(since, "--since") if since else None,
                                parse_day(until, "--until") if until else None,
                                engine, scheduler, jobs or os.cpu_count() or 1)
        with _progress("Проверка ответов") as (started, advance):
            # (the archive is counted first only for a bar to show: a second reading)
            done = run(request, advance, started if _is_terminal(sys.stderr) else None)
    except ReplylintError as error:
        _fail(error)
    _print_report_outcome(out, done)


def _require_report_libraries(engine: str) -> None:
    import importlib.util

    from replylint.errors import ConfigError

    modules = ("polars", "pyarrow", "matplotlib", "jinja2")  # (the page is written by either engine)
    extra, modules = ("dask", ("dask", "distributed", *modules)) if engine == "dask" else ("report", modules)
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigError(f"для отчёта нужны {', '.join(missing)}: pip install 'replylint[{extra}]'")


def _report_options(paths, config_path, isolated, rule_dirs, no_bundled, select, ignore):
    from replylint import config as config_module
    from replylint.api import CheckOptions

    if isolated:
        config = config_module.Config()
    elif config_path:
        config = config_module.load(config_path, strict=False)
    else:
        found = config_module.find(paths[0] if _exists_or_parent(paths[0]) else ".")
        config = config_module.load(found, strict=False) if found else config_module.Config()
    return CheckOptions(config, tuple(rule_dirs), not no_bundled, _split(select), _split(ignore))


def _print_report_outcome(out: str, done) -> None:
    import os

    from replylint.report.text import plural

    summary = done.summary
    listed = 20
    for row in done.skipped[:listed]:
        click.echo(f"replylint: {row}", err=True)
    if done.skipped_rows > listed:
        click.echo(f"replylint: и ещё {done.skipped_rows - listed} (все причины — в summary.json)", err=True)
    skipped = f"; пропущено строк: {done.skipped_rows}" if done.skipped_rows else ""
    mean = summary["score"]["mean"]
    score = f"; средняя оценка {mean:.1f}".replace(".", ",") if mean is not None else ""
    click.echo(f"replylint: {plural(summary['replies'], ('ответ', 'ответа', 'ответов'))}{score}{skipped}; "
               f"отчёт: {os.path.join(out, 'index.html')}", err=True)


#: `check` shows a progress bar from this many files on (fewer are done before it is read).
_PROGRESS_MIN_FILES = 20


class _files_progress:  # noqa: N801 — used as a context manager, like a function
    """`check`'s progress over files: a bar on a terminal once there are enough files."""

    def __enter__(self):
        self.bar = None
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < _PROGRESS_MIN_FILES or not _is_terminal(sys.stderr):
                return
            self.bar = _ProgressBar("Проверка файлов")
            self.bar.__enter__()
            self.bar.started(total)
        self.bar.advance(1)

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


class _NoProgress:
    def __enter__(self):
        return (lambda total: None), (lambda done: None)

    def __exit__(self, *exc_info) -> None:
        return None


def _progress(title: str):
    """A rich progress bar on standard error when it is a terminal; nothing otherwise
    (a pipe or a CI log gets no control characters)."""
    if not _is_terminal(sys.stderr):
        return _NoProgress()
    return _ProgressBar(title)


class _ProgressBar:
    def __init__(self, title: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.title = title
        self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(file=sys.stderr), transient=True)
        self.task = None

    def __enter__(self):
        self.bar.__enter__()
        return self.started, self.advance

    def started(self, total: int) -> None:
        self.task = self.bar.add_task(self.title, total=total)

    def advance(self, done: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, done)

    def __exit__(self, *exc_info) -> None:
        self.bar.__exit__(*exc_info)


if __name__ == "__main__":
    main()
