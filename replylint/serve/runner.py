"""Starting the server: options from the flags, a warm checker, uvicorn.

With ``--workers N`` uvicorn starts N processes that each import the application; they
rebuild the same settings from :data:`ENVIRONMENT` (the flags, as JSON), so each process
reads the team's configuration exactly as the first one did.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from dataclasses import asdict, dataclass

from replylint.serve.core import Checker, Settings

ENVIRONMENT = "REPLYLINT_SERVE_FLAGS"


@dataclass(frozen=True, slots=True)
class Flags:
    """The flags of `replylint serve` that decide what and how to check."""

    config_path: str | None = None
    isolated: bool = False
    rule_dirs: tuple[str, ...] = ()
    no_bundled: bool = False
    token: str | None = None
    timeout: float = 10.0

    def settings(self) -> Settings:
        """Raises ConfigError: the configuration file cannot be read."""
        from replylint import config as config_module
        from replylint.api import CheckOptions

        if self.isolated:
            config = config_module.Config()
        elif self.config_path:
            config = config_module.load(self.config_path, strict=False)
        else:
            return Settings(CheckOptions.discover(".", rule_dirs=tuple(self.rule_dirs),
                                                  include_bundled=not self.no_bundled), self.token, self.timeout)
        return Settings(CheckOptions(config, tuple(self.rule_dirs), not self.no_bundled), self.token, self.timeout)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> str | None:
    """Why the server cannot listen there (in Russian), or None. uvicorn's own message is
    English and comes after the language model has loaded; this is said at once."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return f"адрес не найден ({error.strerror})"
    family, kind, protocol, _, address = infos[0]
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return "порт занят другой программой (выберите другой: --port)"
            return f"не удаётся слушать: {error.strerror}"
    return None


def app_from_environment():
    """The application of one of several worker processes (uvicorn's factory)."""
    from replylint.serve.app import create_app

    flags = json.loads(os.environ[ENVIRONMENT])
    flags["rule_dirs"] = tuple(flags["rule_dirs"])
    checker = Checker(Flags(**flags).settings())
    checker.warm_up()
    return create_app(checker.settings, checker)


def _exit_quietly_after_signals() -> None:
    """uvicorn answers SIGTERM and SIGINT by finishing the requests in flight, then raises
    the signal again for whatever handled it before; with these handlers that is nothing,
    and the process exits 0 with no KeyboardInterrupt traceback."""
    import signal

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda signum, frame: None)


def _http_protocol():
    """uvicorn's httptools protocol sending each answer in one write (see
    :mod:`replylint.serve.protocol`); without httptools, whatever uvicorn has."""
    try:
        from replylint.serve.protocol import OneWriteHttpToolsProtocol
    except ImportError:
        return "auto"
    return OneWriteHttpToolsProtocol


def run(flags: Flags, checker: Checker, host: str, port: int, workers: int) -> None:
    """Serve until SIGINT or SIGTERM (uvicorn finishes the requests in flight, then exits)."""
    import uvicorn

    from replylint.serve.app import create_app

    shown = f"[{host}]" if ":" in host else host
    print(f"replylint serve: http://{shown}:{port}/ — страница для агентов; API: /api/check, "
          f"совместимый с LanguageTool: /v2/check; остановить — Ctrl+C", file=sys.stderr, flush=True)
    _exit_quietly_after_signals()
    common = {"host": host, "port": port, "log_level": "warning", "access_log": False,
              "timeout_graceful_shutdown": 5, "server_header": False, "http": _http_protocol()}
    if workers > 1:
        os.environ[ENVIRONMENT] = json.dumps(asdict(flags))
        checker.close()
        uvicorn.run("replylint.serve.runner:app_from_environment", factory=True, workers=workers, **common)
    else:
        uvicorn.run(create_app(checker.settings, checker), **common)
