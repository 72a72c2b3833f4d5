"""The command line: arguments → linter → reporter. Exit codes: 0 clean, 1 diagnostics at
or above --fail-on, 2 usage, configuration, rule-file or input errors.

Only click is imported at start-up; each command imports what it needs, so `rules`,
`explain` and `--help` never load spaCy.
"""

from __future__ import annotations

import sys

import click

from replylint import __version__
from replylint.errors import ReplylintError

EXIT_CLEAN, EXIT_DIAGNOSTICS, EXIT_ERROR = 0, 1, 2


def _fail(error: ReplylintError) -> None:
    click.echo(f"replylint: {error}", err=True)
    sys.exit(error.exit_code)


def _rule_options(function):
    function = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(),
                            help="Add a folder of your own rule files (repeatable).")(function)
    function = click.option("--no-bundled", is_flag=True,
                            help="Use only the rules given with --rules.")(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """replylint: a coaching linter for Russian customer-support replies."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_rule_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Use this config file (default: .replylint.yaml or [tool.replylint] in pyproject.toml, "
                   "the nearest one above the first path).")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "github"]),
              default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion"]), default=None,
              help="Exit 1 when a diagnostic at or above this level is found (default: warning).")
@click.option("--select", multiple=True, help="Only these rule ids or categories (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories (repeatable, or comma-separated).")
@click.option("--encoding", default=None, help="Input encoding (default: UTF-8, or Windows-1251 detected).")
@click.option("--mode", type=click.Choice(["drafts", "templates"]), default=None,
              help="templates: canned responses, where unfilled placeholders are expected.")
@click.option("--input-format", type=click.Choice(["text", "markdown", "yaml", "json", "jsonl", "csv"]),
              default=None, help="Read every file (and stdin) as this format instead of by suffix.")
@click.option("--no-inline-config", is_flag=True, help="Ignore replylint-disable comments in the files.")
@click.option("--fix", is_flag=True, help="Apply the safe rewrites to the files, then report what is left.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what --fix would change; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Check files in this many processes (default: all cores; 1: no workers).")
@click.option("--no-context", is_flag=True, help="Do not print the sentence under each diagnostic.")
def check(paths, rule_dirs, no_bundled, config_path, isolated, output_format, fail_on, select, ignore,
          encoding, mode, input_format, no_inline_config, fix, show_diff, jobs, no_context):
    """Check replies: files, folders, globs, or - for standard input.

    Plain text, Markdown, YAML, JSON, JSON Lines and CSV collections of canned responses.
    """
    from replylint.checking import StartupCollector

    with StartupCollector() as collector:
        _check(collector, paths, rule_dirs, no_bundled, config_path, isolated, output_format, fail_on, select,
               ignore, encoding, mode, input_format, no_inline_config, fix, show_diff, jobs, no_context)


def _check(collector, paths, rule_dirs, no_bundled, config_path, isolated, output_format, fail_on, select, ignore,
           encoding, mode, input_format, no_inline_config, fix, show_diff, jobs, no_context):
    import os

    from replylint import config as config_module
    from replylint.checking import Job, run
    from replylint.diagnostics import Severity
    from replylint.formats import FormatOptions
    from replylint.inputs import expand, filter_files
    from replylint.loader import check_names, select_rules
    from replylint.rulecache import load_rules

    try:
        config = _config(config_module, paths, config_path, isolated)
        cli_select = _split(select)
        cli_ignore = _split(ignore)
        rules = load_rules(tuple(config.rule_dirs) + tuple(rule_dirs), include_bundled=not no_bundled)
        config_module.check_against_rules(config, rules)
        check_names(rules, [name for name in cli_select if name != "suppression.unused"], "--select")
        check_names(rules, [name for name in cli_ignore if name != "suppression.unused"], "--ignore")
        chosen_select = cli_select or config.select
        off = tuple(name for name, level in config.severities.items() if level == "off")
        chosen_ignore = tuple(config.ignore) + cli_ignore + off
        severities = {name: level for name, level in config.severities.items() if level != "off"}
        settings = config_module.linter_settings(config, rules)
        formats = {name: config.format_options(name) for name in config.formats}
        job = Job(tuple(config.rule_dirs) + tuple(rule_dirs), not no_bundled, chosen_select, chosen_ignore,
                  severities, settings, mode or config.mode, config.placeholders,
                  encoding or config.encoding, input_format,
                  {name: options for name, options in formats.items() if isinstance(options, FormatOptions)},
                  config.inline_config and not no_inline_config,
                  "diff" if show_diff else "write" if fix else None)
        chosen = select_rules(rules, chosen_select, chosen_ignore)
    except ReplylintError as error:
        _fail(error)
    files, input_errors = expand(paths)
    files = filter_files(files, paths, config.root, config.include, config.exclude)
    workers = jobs if jobs else (config.jobs or os.cpu_count() or 1)
    outcomes = run(files, job, workers, all_rules=rules, force_parallel=jobs is not None and jobs > 1,
                   collector=collector)
    collector.resume()  # no file to check

    from replylint.checking import display_path
    from replylint.diagnostics import FileResult

    results = []
    had_input_error = bool(input_errors)
    for error in input_errors:
        click.echo(f"replylint: {error}", err=True)
        results.append(FileResult(display_path(error.path), error=error.message))
    for outcome in outcomes:
        if outcome.error:
            click.echo(f"replylint: {outcome.error}", err=True)
            had_input_error = True
        results.append(outcome.result)
    if show_diff:
        changed = [outcome for outcome in outcomes if outcome.diff]
        for outcome in changed:
            click.echo(outcome.diff, nl=False)
        from replylint.report.text import plural

        count = sum(outcome.edits for outcome in changed)
        click.echo(f"replylint: --fix заменит {plural(count, ('место', 'места', 'мест'))} "
                   f"в {plural(len(changed), ('файле', 'файлах', 'файлах'))}" if changed
                   else "replylint: исправлять нечего", err=True)
        sys.exit(EXIT_ERROR if had_input_error else EXIT_DIAGNOSTICS if changed else EXIT_CLEAN)
    _report(results, output_format, not no_context, [r for r in chosen if _runs_in(r, job.mode)])
    if fix:
        from replylint.report.text import plural

        written = [outcome for outcome in outcomes if outcome.written]
        click.echo(f"replylint: исправлено: {plural(sum(o.edits for o in written), ('место', 'места', 'мест'))} "
                   f"в {plural(len(written), ('файле', 'файлах', 'файлах'))}", err=True)
    if had_input_error:
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_on or config.fail_on)
    failing = any(d.severity >= threshold for result in results for d in result.diagnostics)
    sys.exit(EXIT_DIAGNOSTICS if failing else EXIT_CLEAN)


def _runs_in(rule, mode: str) -> bool:
    return not ((mode == "templates" and rule.applies_to == "drafts")
                or (mode == "drafts" and rule.applies_to == "templates"))


def _config(config_module, paths, config_path, isolated):
    if isolated:
        return config_module.Config()
    if config_path:
        return config_module.load(config_path)
    start = next((path for path in paths if path != "-"), ".")
    found = config_module.find(start if _exists_or_parent(start) else ".")
    return config_module.load(found) if found else config_module.Config()


def _exists_or_parent(path: str) -> bool:
    import os

    return os.path.exists(path) or os.path.isdir(os.path.dirname(path) or ".")


def _report(results, output_format: str, show_context: bool, rules) -> None:
    if output_format == "json":
        from replylint.report import json as json_report

        click.echo(json_report.render(results), nl=False)
    elif output_format == "sarif":
        from replylint.report import sarif

        click.echo(sarif.render(results, rules), nl=False)
    elif output_format == "github":
        from replylint.report import github

        click.echo(github.render(results), nl=False)
    else:
        from rich.console import Console

        from replylint.report import text as text_report

        text_report.render(results, Console(highlight=False, soft_wrap=True), show_context)


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing .replylint.yaml.")
def init(directory, force):
    """Write a commented starter .replylint.yaml into DIRECTORY (default: here)."""
    from pathlib import Path

    from replylint.config import starter

    target = Path(directory) / ".replylint.yaml"
    if target.exists() and not force:
        click.echo(f"replylint: {target}: already exists (use --force to overwrite)", err=True)
        sys.exit(EXIT_ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter(), encoding="utf-8")
    click.echo(f"Создан {target}: раскомментируйте нужное и запустите `replylint check .`")


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
              show_default=True)
@click.option("--category", default=None, help="Only the rules of this category.")
def list_rules(rule_dirs, no_bundled, output_format, category):
    """List the rules: id, category, severity and message (a table in a terminal; piped
    or redirected, one rule a line with tab-separated fields, for grep and cut)."""
    from replylint.rulecache import load_rules

    try:
        rules = load_rules(rule_dirs, include_bundled=not no_bundled)
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
        click.echo(f"replylint: неизвестное правило или категория «{name}» "
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


@main.command(name="test-rules")
@click.argument("directories", nargs=-1, type=click.Path())
@click.option("--verbose", "-v", is_flag=True, help="List every example, not only failures.")
def test_rules(directories, verbose):
    """Validate rule files and run their examples: every bad must fire, every good must not.

    With no DIRECTORIES, the bundled rules are tested.
    """
    from replylint.loader import load_rules
    from replylint.ruletest import run_examples

    try:
        rules = load_rules(directories, include_bundled=not directories)
    except ReplylintError as error:
        _fail(error)
    outcomes = run_examples(rules)
    failures = [outcome for outcome in outcomes if not outcome.passed]
    for outcome in outcomes:
        if verbose or not outcome.passed:
            mark = "ok  " if outcome.passed else "FAIL"
            click.echo(f"{mark} {outcome.case_id}: {outcome.text}")
            if not outcome.passed:
                click.echo(f"     {outcome.problem}")
    click.echo(f"{len(rules)} rules, {len(outcomes)} examples: "
               f"{len(outcomes) - len(failures)} passed, {len(failures)} failed")
    sys.exit(EXIT_DIAGNOSTICS if failures else EXIT_CLEAN)


if __name__ == "__main__":
    main()
