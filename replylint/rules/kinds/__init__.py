"""Rule kinds: the few ways a rule can look at a reply, one module each, and their registry.

A kind module has:

* ``NAME``: what a rule file writes as ``kind:``.
* ``FIRES_WHEN``: one line of Markdown for the kinds table of docs/rules.md.
* ``Options``: a frozen, slotted, keyword-only dataclass of the keys a rule of this kind
  may have, each with its meaning, default and reader (see :mod:`replylint.rules.options`).
* ``compile(rule, compiler)``: the rule, made ready to run from ``rule.kind_options`` (its
  ``Options``) and ``rule.unless``, its pattern sets registered with ``compiler``. The
  kinds return a named tuple: every kind module is imported to read rule files
  (`replylint rules`), and a named tuple class costs a fraction of a dataclass to create.
* ``check(compiled, table, settings) -> Iterator[Match]``: what it finds in one reply. A
  kind yields matches (span and text); the linter stamps id, category and severity.

and may have (what a kind without it gets is in brackets):

* ``triggers(compiled)``: pattern sets one of which must have hits for the rule to find
  anything, so the linter does not call ``check`` on a reply where none has; None when
  that cannot be said of this rule [checked on every reply].
* ``team_settings(config, rules, settings) -> dict``: the settings a team's config
  (:class:`replylint.config.Config`: its address form, its words) gives the kind's
  ``rules``, added to ``settings`` [none].
* ``YIELDS_TO_OTHER_RULES``: True when a finding of this kind is dropped where another
  rule has a finding on the very same span [False]; ``kept_beside(rule)``: the categories
  whose findings do not displace this rule's [none].
* ``REWRITES_MATCHES``: True when every finding offers a rewrite of its words (a
  glossary): a typo inside them is the rewrite's to mend [False].
* ``INFLECTS_REPLACEMENTS``: False when replacements are written as they should stand,
  not in dictionary form to inflect into the match [True].

Adding a kind is adding its module here and its name to :data:`KINDS`.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from replylint.rules.kinds.match import Match
from replylint.rules.options import keys_of

#: Every kind, in the order docs/rules.md lists them.
KINDS: tuple[ModuleType, ...] = tuple(import_module(f"{__name__}.{name}") for name in (
    "existence", "substitution", "absence", "position", "occurrence", "condition", "metric",
    "consistency", "spelling", "moves",
))

_BY_NAME: dict[str, ModuleType] = {kind.NAME: kind for kind in KINDS}
#: What a rule file may write as ``kind:``.
NAMES: tuple[str, ...] = tuple(_BY_NAME)
#: The keys each kind adds to the keys every rule has.
KEYS: dict[str, frozenset[str]] = {kind.NAME: frozenset(keys_of(kind.Options)) for kind in KINDS}


def kind_named(name: str) -> ModuleType:
    return _BY_NAME[name]


def yields_to_other_rules(kind: ModuleType) -> bool:
    return getattr(kind, "YIELDS_TO_OTHER_RULES", False)


def rewrites_matches(kind: ModuleType) -> bool:
    return getattr(kind, "REWRITES_MATCHES", False)


def kept_beside(kind: ModuleType, rule) -> frozenset[str]:
    """The categories whose findings on the same span do not displace a yielding rule's."""
    hook = getattr(kind, "kept_beside", None)
    return frozenset() if hook is None else hook(rule)


def inflects_replacements(kind: ModuleType) -> bool:
    return getattr(kind, "INFLECTS_REPLACEMENTS", True)


def team_settings(config, rules, settings: dict) -> dict:
    """The settings every kind derives from a team's ``config`` for its ``rules``."""
    derived: dict = {}
    for kind in KINDS:
        settings_of = getattr(kind, "team_settings", None)
        if settings_of is not None:
            derived.update(settings_of(config, [rule for rule in rules if rule.kind == kind.NAME], settings))
    return derived


__all__ = ["KINDS", "KEYS", "NAMES", "Match", "inflects_replacements", "kind_named", "team_settings",
           "yields_to_other_rules"]
