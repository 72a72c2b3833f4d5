"""Which rules run, at what severity and with which settings — decided once, here.

The config file and a door's overrides (the CLI's ``--select``, ``--ignore``, ``--mode``)
name rules by id, old id (alias), category or id prefix (``jargon.``). This module checks
every such name against the loaded rules, reports every mistake at once (with the closest
known name), and turns the names into the rules that run: ``select`` replaces the
config's, ``ignore`` adds to it, and a severity of ``off`` ignores the rule.
"""

from __future__ import annotations

from typing import NamedTuple

from replylint.errors import ConfigError, did_you_mean

#: The pseudo-rule reporting suppressions that suppress nothing; it can be selected,
#: ignored and given a severity like a rule.
UNUSED_SUPPRESSION = "suppression.unused"


class Policy(NamedTuple):
    """The outcome of :func:`resolve` (a named tuple: made once, read often, and a
    ten-field dataclass costs every `check` a millisecond to define).

    Attributes:
        rules: the chosen rules, in load order, before the mode drops any (the linter
            compiles these and skips those of the other mode).
        select: rule names to run (empty: every enabled rule).
        ignore: rule names not to run (including those switched ``off``).
        severities: a level by rule name, overriding the rule's own.
        settings: what the rule kinds read (thresholds, address form, team words).
        mode: ``drafts`` or ``templates``.
        placeholders: the placeholder patterns (None: the default ones).
        known: every name a suppression comment may use (ids, aliases, categories).
        active: the names of the rules that run (a suppression of another rule is not
            reported as unused: the config switched that rule off).
        names: rule id → the names it answers to.
    """

    rules: tuple
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severities: dict
    settings: dict
    mode: str
    placeholders: tuple[str, ...] | None
    known: frozenset[str]
    active: frozenset[str]
    names: dict

    def running(self) -> list:
        """The chosen rules that run in :attr:`mode` (SARIF lists them)."""
        return [rule for rule in self.rules if runs_in(rule, self.mode)]


def runs_in(rule, mode: str) -> bool:
    return not ((mode == "templates" and rule.applies_to == "drafts")
                or (mode == "drafts" and rule.applies_to == "templates"))


def names_of(rule) -> frozenset[str]:
    """Every name a rule answers to: its id, its old ids and its category."""
    return frozenset({rule.id, rule.category, *rule.aliases})


def known_names(rules) -> frozenset[str]:
    """Every rule id, old id and category (the categories of the taxonomy, with or
    without a rule)."""
    from replylint.categories import CATEGORIES

    names = set(CATEGORIES)
    for rule in rules:
        names.update(names_of(rule))
    return frozenset(names)


def resolve(config, rules, *, select=(), ignore=(), mode: str | None = None) -> Policy:
    """Check every rule name in ``config`` and the overrides, and choose the rules.

    Args:
        config: the team's :class:`~replylint.config.Config` (its ``problems`` are
            reported here, with the mistakes in names).
        rules: every loaded rule.
        select: names that replace the config's ``select`` (when not empty).
        ignore: names added to the config's ``ignore``.
        mode: replaces the config's mode.

    Raises:
        ConfigError: every mistake at once.
    """
    from replylint import config as config_module
    from replylint.loader import select_rules

    known = known_names(rules)
    problems = list(config.problems) + _config_name_problems(config, rules, known)
    for option, names in (("--select", select), ("--ignore", ignore)):
        problems.extend(ConfigError(f"{option}: {message}") for message in _unknown(names, rules, known))
    if problems:
        raise ConfigError.combine(problems)
    chosen_select = tuple(select) or config.select
    off = tuple(name for name, level in config.severities.items() if level == config_module.OFF)
    chosen_ignore = tuple(config.ignore) + tuple(ignore) + off
    chosen = select_rules(rules, chosen_select, chosen_ignore)
    chosen_mode = mode or config.mode
    names = {rule.id: names_of(rule) for rule in chosen if runs_in(rule, chosen_mode)}
    return Policy(
        rules=tuple(chosen), select=chosen_select, ignore=chosen_ignore,
        severities={name: level for name, level in config.severities.items() if level != config_module.OFF},
        settings=config_module.linter_settings(config, rules), mode=chosen_mode, placeholders=config.placeholders,
        known=known, active=frozenset().union(*names.values()), names=names)


def _unknown(names, rules, known) -> list[str]:
    messages = []
    for name in names:
        if name == UNUSED_SUPPRESSION or name in known:
            continue
        if name.endswith(".") and any(rule.id.startswith(name) for rule in rules):
            continue
        messages.append(f"неизвестное правило или категория '{name}'{did_you_mean(name, known)} "
                        "(список: `replylint rules`)")
    return messages


def _config_name_problems(config, rules, known) -> list[ConfigError]:
    problems = []
    for key in ("select", "ignore"):
        for index, name in enumerate(getattr(config, key)):
            for message in _unknown([name], rules, known):
                problems.append(ConfigError(f"{key}: {message}", config.path,
                                            config.lines.get(f"{key}.{index}") or config.line_of(key)))
    for name in config.severities:
        for message in _unknown([name], rules, known):
            problems.append(ConfigError(f"severity: {message}", config.path, config.lines.get(f"severity.{name}")))
    from replylint.config import settings_problems

    problems.extend(settings_problems(config, rules))
    settings_read = sorted({setting for rule in rules if (setting := _setting_of(rule))})
    for name in config.thresholds:
        if name not in settings_read:
            problems.append(ConfigError(
                f"thresholds: ни одно правило не читает '{name}'{did_you_mean(name, settings_read)} "
                f"(правила читают: {', '.join(settings_read) or 'ничего'})",
                config.path, config.lines.get(f"thresholds.{name}")))
    return problems


def _setting_of(rule) -> str | None:
    """The threshold a rule reads from the config, if any."""
    options = rule.options
    return options.get("setting") if isinstance(options, dict) else getattr(options, "setting", None)
