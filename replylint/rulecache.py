"""An on-disk cache of loaded and compiled rules, so a repeated `replylint check` skips
YAML parsing, validation and compilation (a quarter of a second of its start-up), and
`replylint rules` and `explain` skip the first two (`test-rules` always reads the files).

Two kinds of entries, each a file named by a hash of its key:

* ``rules-*.pickle``: the validated rules of the bundled folder and the ``--rules`` and
  config folders. The key holds the versions of replylint, Python, pymorphy3, its Russian
  dictionaries, spaCy and regex, the size and mtime of every file of replylint's own code
  (an editable install changes without a new version), and the path, size and mtime of
  every rule file: a rule file added, removed or edited is a miss.
* ``linter-*.pickle``: a compiled :class:`~replylint.linter.Linter`. The key is the rules
  key plus everything that changes what is compiled (the chosen rules, settings,
  severities, mode and placeholder patterns). Its rules are stored as positions in the
  rule list, so they are the very objects the rules entry (or a fresh load) returned.

The cache lives in ``$REPLYLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/replylint``, else
``~/.cache/replylint``; ``REPLYLINT_NO_CACHE=1`` turns it off. It never fails a run: an
unwritable, corrupt or foreign entry is ignored and the rules are loaded and compiled as
without it. A rule file with errors raises before anything is written, so errors are
always reported by the loader itself.

The entries are pickles. Unpickling runs code named in the file, which is safe here
because the cache directory is the user's own (created with the user's permissions and
written only by replylint running as that user): whoever can write there can already
change the user's installed code. Do not point ``REPLYLINT_CACHE_DIR`` at a folder others
can write to.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import types
from pathlib import Path

#: Bump when the layout of an entry changes.
FORMAT = 1
#: Entries of each kind kept; the least recently used beyond this are deleted.
MAX_ENTRIES = 4
_MAGIC = "replylint-rule-cache"
_DISTRIBUTIONS = ("pymorphy3", "pymorphy3-dicts-ru", "spacy", "regex")

#: id(rule list) → (the list, its rules key): which loaded lists a linter entry may
#: refer to. The list is kept alive with its key, so its id cannot be reused; only the
#: last few are remembered (a long-lived caller, such as a test session, loads many).
_LOADED: dict[int, tuple[list, str]] = {}
_LOADED_KEPT = 4


def enabled() -> bool:
    return os.environ.get("REPLYLINT_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    explicit = os.environ.get("REPLYLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "replylint"
    return Path.home() / ".cache" / "replylint"


# ---------------------------------------------------------------------------- keys


def _versions() -> list:
    from importlib import metadata

    from replylint import __version__

    versions: list = [FORMAT, __version__, sys.version, sys.implementation.cache_tag]
    for name in _DISTRIBUTIONS:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return versions


def _stamp(path: str) -> tuple:
    # ctime and inode as well: an editor that saves by renaming a new file over the old
    # one changes the inode even within one tick of the file system's clock
    info = os.stat(path)
    return path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _code_stamps() -> list:
    """Size and mtime of every module of replylint: a changed class must not be unpickled
    from an entry written by the old code (an editable install keeps its version)."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamps = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".yaml")):  # moves.yaml is compiled into the linter
                stamps.append(_stamp(os.path.join(folder, name)))
    return stamps


def _digest(parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def rules_key(extra_dirs=(), include_bundled: bool = True) -> str | None:
    """The key of the rules these folders hold now, or None when a folder is missing
    (the loader reports that)."""
    from replylint.loader import bundled_rules_dir, rule_files

    directories = ([bundled_rules_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
    parts: list = [_MAGIC, "rules", _versions(), _code_stamps()]
    for directory in directories:
        if not directory.is_dir():
            return None
        parts.append(("dir", str(directory), os.path.abspath(directory)))
        for path in rule_files(directory):
            parts.append(_stamp(str(path)))
    return _digest(parts)


# ---------------------------------------------------------------------- the store


class _Pickler(pickle.Pickler):
    """Writes rules as positions in the loaded rule list and modules by name (kind
    modules are not picklable)."""

    def __init__(self, file, rules: list) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._positions = {id(rule): position for position, rule in enumerate(rules)}

    def persistent_id(self, obj):
        if isinstance(obj, types.ModuleType):
            return ("module", obj.__name__)
        position = self._positions.get(id(obj))
        if position is not None:
            return ("rule", position)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, rules: list) -> None:
        super().__init__(file)
        self._rules = rules

    def persistent_load(self, pid):
        kind, value = pid
        if kind == "module":
            import importlib

            return importlib.import_module(value)
        if kind == "rule":
            return self._rules[value]
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _entry_path(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key[:40]}.pickle"


def _read(kind: str, key: str, rules: list | None = None):
    """The payload stored under ``key``, or None (missing, corrupt, foreign: a miss)."""
    path = _entry_path(kind, key)
    enabled_gc = gc.isenabled()
    try:
        with open(path, "rb") as file:
            header = pickle.load(file)
            if header != (_MAGIC, kind, key):
                return None
            # Unpickling makes thousands of small objects and no garbage: without this the
            # collector runs many times over everything spaCy has loaded (most of the time).
            gc.disable()
            payload = _Unpickler(file, rules or []).load()
    except Exception:  # noqa: BLE001 — any broken entry is just a miss
        return None
    finally:
        if enabled_gc:
            gc.enable()
    try:
        os.utime(path)  # most recently used: kept when old entries are pruned
    except OSError:
        pass
    return payload


def _write(kind: str, key: str, payload, rules: list | None = None) -> None:
    """Store atomically (a temporary file, then os.replace); never raise."""
    import tempfile

    folder = cache_dir()
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "wb") as file:
            pickle.dump((_MAGIC, kind, key), file, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(file, rules or []).dump(payload)
        os.replace(temporary, _entry_path(kind, key))
        temporary = None
        _prune(folder, kind)
    except Exception:  # noqa: BLE001 — a cache that cannot be written is no cache
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _prune(folder: Path, kind: str) -> None:
    entries = []
    for path in folder.glob(f"{kind}-*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[MAX_ENTRIES:]:
        try:
            path.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------------ the API


def load_rules(extra_dirs=(), include_bundled: bool = True) -> list:
    """:func:`replylint.loader.load_rules`, from the cache when no rule file changed."""
    from replylint import loader

    if not enabled():
        return loader.load_rules(extra_dirs, include_bundled=include_bundled)
    try:
        key = rules_key(extra_dirs, include_bundled)
    except Exception:  # noqa: BLE001 — e.g. a file removed while listing: load as usual
        key = None
    rules = _read("rules", key) if key else None
    if not isinstance(rules, list):
        rules = loader.load_rules(extra_dirs, include_bundled=include_bundled)  # raises on errors
        if key:
            _write("rules", key, rules)
    if key:
        _LOADED.pop(id(rules), None)
        _LOADED[id(rules)] = (rules, key)
        while len(_LOADED) > _LOADED_KEPT:
            del _LOADED[next(iter(_LOADED))]
    return rules


def build_linter(all_rules: list, rules: list, settings=None, severities=None, mode: str = "drafts",
                 placeholders=None, placeholder_regex=None):
    """``Linter(rules, settings, severities, mode, placeholder_regex)``, from the cache when
    ``all_rules`` came from :func:`load_rules` and was compiled this way before.

    ``placeholders`` are the patterns ``placeholder_regex`` was compiled from.
    """
    from replylint.linter import Linter

    def compile_now():
        return Linter(rules, settings, severities, mode, placeholder_regex)

    loaded = _LOADED.get(id(all_rules))
    if not enabled() or loaded is None or loaded[0] is not all_rules:
        return compile_now()
    positions = {id(rule): position for position, rule in enumerate(all_rules)}
    chosen = [positions.get(id(rule)) for rule in rules]
    if None in chosen:
        return compile_now()
    key = _digest([_MAGIC, "linter", loaded[1], chosen, sorted((settings or {}).items(), key=repr),
                   sorted((severities or {}).items()), mode,
                   None if placeholders is None else list(placeholders)])
    linter = _read("linter", key, all_rules)
    if isinstance(linter, Linter):
        linter.placeholder_regex = placeholder_regex
        return linter
    linter = compile_now()
    _write("linter", key, linter, all_rules)
    return linter
