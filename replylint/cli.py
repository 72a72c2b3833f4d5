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
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "suggestion"]), default="warning",
              show_default=True, help="Exit 1 when a diagnostic at or above this level is found.")
@click.option("--select", multiple=True, help="Only these rule ids or categories (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or categories (repeatable, or comma-separated).")
@click.option("--encoding", default=None, help="Input encoding (default: UTF-8, or Windows-1251 detected).")
@click.option("--no-context", is_flag=True, help="Do not print the sentence under each diagnostic.")
def check(paths, rule_dirs, no_bundled, output_format, fail_on, select, ignore, encoding, no_context):
    """Check reply drafts: files, folders, globs, or - for standard input."""
    from replylint.diagnostics import FileResult, Severity
    from replylint.inputs import decode, expand, read_bytes
    from replylint.linter import Linter
    from replylint.loader import check_names, load_rules, select_rules

    select = _split(select)
    ignore = _split(ignore)
    try:
        rules = load_rules(rule_dirs, include_bundled=not no_bundled)
        check_names(rules, select, "--select")
        check_names(rules, ignore, "--ignore")
        chosen = select_rules(rules, select, ignore)
    except ReplylintError as error:
        _fail(error)
    files, input_errors = expand(paths)
    results: list[FileResult] = []
    had_input_error = bool(input_errors)
    for error in input_errors:
        click.echo(f"replylint: {error}", err=True)
        results.append(FileResult(error.path, error=error.message))
    linter = None
    for path in files:
        display = "<stdin>" if path == "-" else path
        try:
            decoded = decode(read_bytes(path), path, encoding)
            if linter is None:
                linter = Linter(chosen)
            diagnostics = linter.lint(decoded.text)
            results.append(FileResult(display, diagnostics, text=decoded.text))
        except ReplylintError as error:
            if error.path is None:
                error.path = display
            click.echo(f"replylint: {error}", err=True)
            results.append(FileResult(display, error=error.message))
            had_input_error = True
    if output_format == "json":
        from replylint.report import json as json_report

        click.echo(json_report.render(results), nl=False)
    else:
        from rich.console import Console

        from replylint.report import text as text_report

        text_report.render(results, Console(highlight=False, soft_wrap=True), not no_context)
    if had_input_error:
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_on)
    failing = any(d.severity >= threshold for result in results for d in result.diagnostics)
    sys.exit(EXIT_DIAGNOSTICS if failing else EXIT_CLEAN)


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command(name="rules")
@_rule_options
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--category", default=None, help="Only the rules of this category.")
def list_rules(rule_dirs, no_bundled, output_format, category):
    """List the rules: id, category, severity and message."""
    from replylint.loader import load_rules

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
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Правила replylint ({len(rules)})", show_lines=False)
    for column in ("id", "категория", "уровень", "что делать"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        table.add_row(rule.id, rule.category, rule.severity, rule.message)
    Console(highlight=False).print(table)


@main.command()
@click.argument("rule_id")
@_rule_options
def explain(rule_id, rule_dirs, no_bundled):
    """Explain a rule: why it matters, the post behind it, bad and good examples."""
    from rich.console import Console
    from rich.markup import escape

    from replylint.categories import CATEGORIES
    from replylint.loader import find_rule, load_rules

    try:
        rules = load_rules(rule_dirs, include_bundled=not no_bundled)
    except ReplylintError as error:
        _fail(error)
    rule = find_rule(rules, rule_id)
    if rule is None:
        click.echo(f"replylint: unknown rule '{rule_id}' (see `replylint rules`)", err=True)
        sys.exit(EXIT_ERROR)
    console = Console(highlight=False, soft_wrap=True)
    console.print(f"[bold]{escape(rule.id)}[/] — {escape(CATEGORIES[rule.category])} "
                  f"([dim]{rule.category}, {rule.severity}[/])")
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
