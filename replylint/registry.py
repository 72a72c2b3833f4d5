"""A family of modules with one contract (input formats, reporters), listed once.

A module is imported only when it is needed: `check draft.txt` reads plain text and prints
text, so it imports one format and one reporter, not every Options class and regex of
the others (importing them all cost its start-up about a hundredth of a second). Asking
for every name or suffix imports them all.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class Registry:
    """The modules of ``package`` named in ``names``, in order, each with a ``NAME``.

    Args:
        package: e.g. ``replylint.formats``.
        names: the module names inside it, in the order help and docs list them.
    """

    def __init__(self, package: str, names: tuple[str, ...]) -> None:
        self.package = package
        self.module_names = names
        self._loaded: dict[str, ModuleType] = {}

    def _module(self, module_name: str) -> ModuleType:
        module = self._loaded.get(module_name)
        if module is None:
            module = self._loaded[module_name] = importlib.import_module(f"{self.package}.{module_name}")
        return module

    def modules(self) -> tuple[ModuleType, ...]:
        """Every module (all imported)."""
        return tuple(self._module(name) for name in self.module_names)

    def names(self) -> tuple[str, ...]:
        return tuple(module.NAME for module in self.modules())

    def find(self, wanted) -> ModuleType | None:
        """The first module for which ``wanted(module)`` is true, importing no further."""
        for module_name in self.module_names:
            module = self._module(module_name)
            if wanted(module):
                return module
        return None

    def named(self, name: str) -> ModuleType:
        """The module whose ``NAME`` is ``name`` (KeyError: none)."""
        module = self.find(lambda candidate: candidate.NAME == name)
        if module is None:
            raise KeyError(name)
        return module
