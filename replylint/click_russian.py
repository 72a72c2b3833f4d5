"""Click's own words — usage lines, help headings, usage errors — in Russian, like
everything else replylint says to its user.

Click looks each of them up through ``gettext`` (bound in each of its modules as ``_``
and ``ngettext``) and has no Russian catalogue; :func:`install` answers those lookups for
the strings below and passes any other through unchanged, so a click release that adds a
message shows it in English rather than breaking. It must run before the commands are
declared: click translates some words (the ``file`` of a path type) at that moment.
"""

from __future__ import annotations

_WORDS = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "Error: {message}": "Ошибка: {message}",
    "Try '{command} {option}' for help.": "Справка: {command} {option}",
    "Missing argument": "Не хватает аргумента",
    "Missing option": "Не хватает параметра",
    "Missing parameter": "Не хватает параметра",
    "Missing parameter: {param_name}": "Не хватает параметра {param_name}",
    "Missing {param_type}": "Не хватает: {param_type}",
    "Missing command.": "Не указана команда.",
    "No such option {name!r}.": "Нет параметра {name!r}.",
    "No such command {name!r}.": "Нет команды {name!r}.",
    "Invalid value for {param_hint}: {message}": "Неверное значение {param_hint}: {message}",
    "Invalid value: {message}": "Неверное значение: {message}",
    "Option {name!r} does not take a value.": "Параметр {name!r} не принимает значения.",
    "Argument {name!r} takes {nargs} values.": "Аргумент {name!r} принимает значений: {nargs}.",
    "default: {default}": "по умолчанию: {default}",
    "required": "обязательно",
    "Aborted!": "Прервано!",
    "Value must be an iterable.": "Значение должно быть списком.",
    "{value!r} is not a valid integer.": "{value!r} — не целое число.",
    "{value!r} is not a valid float.": "{value!r} — не число.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} — не логическое значение (понятны: {states})",
    "{value} is not in the range {range}.": "{value} — вне диапазона {range}.",
    # (the number type of a range is «integer range»: one word for every kind of number)
    "{value!r} is not a valid {number_type}.": "{value!r} — не число.",
    "{value!r} is not a valid UUID.": "{value!r} — не UUID.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} не исполняемый.",
    "Invalid start character for option ({option})": "Параметр не может начинаться с этого знака ({option})",
    "Error: invalid input": "Ошибка: неверный ввод",
    "Error: The two entered values do not match.": "Ошибка: введённые значения не совпадают.",
    "Repeat for confirmation": "Повторите для подтверждения",
    "Do you want to continue?": "Продолжить?",
    "Confirm the action without prompting.": "Подтвердить действие без вопроса.",
    "Choose from:\n\t{choices}": "Выберите из:\n\t{choices}",
    "Press any key to continue...": "Нажмите любую клавишу…",
    "env var: {var}": "переменная окружения: {var}",
    "(dynamic)": "(вычисляется)",
    "deprecated": "устарело",
    "file": "файл",
    "directory": "папка",
    "path": "путь",
    "{name} {filename!r} does not exist.": "{name} {filename!r} не существует.",
    "{name} {filename!r} is a file.": "{name} {filename!r} — файл, а не папка.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} — папка, а не файл.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} не читается.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} не записывается.",
    "Could not open file {filename!r}: {message}": "Не удаётся открыть файл {filename!r}: {message}",
}

#: (singular, plural) in click → (one, many) in Russian.
_PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Лишний аргумент: {args}", "Лишние аргументы: {args}"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Может быть, {possibility}?", "(Может быть, одно из: {possibilities}?)"),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} — не {choice}.", "{value!r} — не одно из: {choices}."),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Параметру {name!r} нужно значение.", "Параметру {name!r} нужно значений: {nargs}."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Нужно значений: {nargs}, дано одно.", "Нужно значений: {nargs}, дано: {len}."),
}


def gettext(message: str) -> str:
    return _WORDS.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    russian = _PLURALS.get((singular, plural))
    if russian is None:
        return singular if count == 1 else plural
    return russian[0] if count == 1 else russian[1]


def install() -> None:
    """Answer click's lookups in Russian (for this process)."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
