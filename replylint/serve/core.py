"""What the server does with a request, without the web framework: one warm
:class:`~replylint.api.Session` per choice of rules, checks run one at a time off the
event loop, each with a time limit.

The linter is CPU-bound and not meant to be shared between threads, so every check of a
process runs on its one worker thread: the event loop stays free to answer the page,
health checks and requests that are only waiting, and a check that runs past its time
limit answers 503 without holding up the answer to others (more processes:
``--workers``).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from replylint.api import CheckOptions, Session
from replylint.checking import MAX_REPLY_CHARS

__all__ = ["MAX_BODY_BYTES", "MAX_REPLY_CHARS", "Checker", "CheckTimeout", "Settings", "check_reply"]

MAX_BODY_BYTES = 1_000_000  # a request body above ~1 MB is refused (413) before it is read
SESSIONS_KEPT = 16  # warm sessions for other choices of rules (select, ignore, mode)
#: A text this short is checked on the event loop itself when no other check is running:
#: it takes milliseconds, less than handing it to the worker thread and back costs on a
#: loaded machine. Longer texts go to the worker thread, under the time limit.
INLINE_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class Settings:
    """How the server runs (the flags of `replylint serve`).

    Attributes:
        options: the team's configuration and rule folders, as `check` reads them.
        token: the bearer token every API request must carry (None: none asked).
        timeout: seconds a check may take, waiting included, before the answer is 503.
        max_body: bytes of a request body.
    """

    options: CheckOptions = field(default_factory=CheckOptions)
    token: str | None = None
    timeout: float = 10.0
    max_body: int = MAX_BODY_BYTES


class CheckTimeout(Exception):
    """A check did not finish within the time limit."""


def check_reply(session: Session, text: str, client: str | None = None):
    """Check one reply, with the client's message as its context when there is one.

    The one place the server's endpoints call the checking API.
    """
    return session.check_text(text, client=client or None)


class Checker:
    """The server's sessions and its worker thread."""

    def __init__(self, settings: Settings, session: Session | None = None) -> None:
        self.settings = settings
        self.session = session or Session(settings.options)
        self._sessions: OrderedDict[tuple, Session] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replylint-check")
        self._queued = 0  # checks handed to the worker thread and not finished

    # ------------------------------------------------------------ sessions

    def session_for(self, select=(), ignore=(), mode: str | None = None) -> Session:
        """A warm session for these overrides of the server's options.

        Raises:
            ConfigError: a name is not a rule or category, or ``mode`` is unknown.
        """
        key = (tuple(select), tuple(ignore), mode)
        if key == ((), (), None):
            return self.session
        with self._lock:
            session = self._sessions.get(key)
            if session is not None:
                self._sessions.move_to_end(key)
                return session
        options = self.session.options
        session = Session(CheckOptions(options.config, options.rule_dirs, options.include_bundled,
                                       key[0] or options.select, options.ignore + key[1], mode or options.mode,
                                       options.encoding, options.input_format, options.inline_config),
                          rules=self.session.rules)
        with self._lock:
            self._sessions[key] = session
            while len(self._sessions) > SESSIONS_KEPT:
                self._sessions.popitem(last=False)
        return session

    # ---------------------------------------------------------------- work

    async def run(self, function, *args, short: bool = False):
        """Run ``function(*args)`` on the worker thread within the time limit, or, when
        it is ``short`` and the worker thread is idle, right here (see :data:`INLINE_CHARS`;
        the linter is then still used by one thread at a time).

        Raises:
            CheckTimeout: it did not finish in time (a check still waiting is dropped;
                one already running finishes on its own and its result is discarded).
        """
        if short and not self._queued:
            return function(*args)
        loop = asyncio.get_running_loop()
        self._queued += 1
        work = self._executor.submit(function, *args)
        # counted down when the work is really over (run or dropped), not when we stop waiting
        work.add_done_callback(lambda _: loop.call_soon_threadsafe(self._finished))
        try:
            return await asyncio.wait_for(asyncio.wrap_future(work), self.settings.timeout)
        except TimeoutError:  # (wait_for cancelled the work: dropped if it had not started)
            raise CheckTimeout from None

    def _finished(self) -> None:
        self._queued -= 1

    def warm_up(self) -> None:
        """Compile the rules, load the language model and what the first remark with a
        rewrite loads (the rewriting and inflection modules, ~0.1 s) before the first request."""
        self.session.check_text("Здравствуйте! Ваш тикет эскалирован, ответим в ближайшее время.")

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
