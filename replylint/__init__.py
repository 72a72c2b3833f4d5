"""replylint: a coaching linter for Russian-language customer-support replies.

The public API is small and imports nothing heavy until it is used::

    from replylint import lint_text
    diagnostics = lint_text("Ваш тикет эскалирован на L2.")

A program that checks files or texts the way `replylint check` does — with the team's
config, formats, suppressions and fixes — uses :class:`replylint.api.Session` (see
docs/api.md).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text"]


def lint_text(text: str, **options):
    """Lint one reply with the bundled rules; see :func:`replylint.linter.lint_text`."""
    from replylint.linter import lint_text as _lint_text

    return _lint_text(text, **options)
