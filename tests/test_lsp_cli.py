"""`replylint lsp` as a process: its help, a clean shutdown/exit, and the doors' promise
that `check` never imports the language-server libraries."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from lsprotocol import types
from pytest_lsp import ClientServerConfig

from helpers import run_cli

SERVER = [sys.executable, "-m", "replylint.cli", "lsp"]


def test_shutdown_then_exit_ends_the_server_cleanly():
    async def session() -> int:
        client = await ClientServerConfig(server_command=SERVER).start()
        await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
        await client.shutdown_session()  # shutdown, exit, and waits for the process
        code = client._server.returncode
        await client.stop()
        return code

    assert asyncio.run(session()) == 0


def test_lsp_help_is_russian_and_check_never_imports_pygls(tmp_path):
    result = run_cli("lsp", "--help")
    assert result.exit_code == 0 and "Языковой сервер" in result.output
    draft = tmp_path / "draft.txt"
    draft.write_text("Здравствуйте!\n", encoding="utf-8")
    probe = subprocess.run([sys.executable, "-X", "importtime", "-m", "replylint.cli", "check", str(draft)],
                           capture_output=True, text=True, timeout=120)
    imported = {line.rsplit("|", 1)[1].strip() for line in probe.stderr.splitlines() if "|" in line}
    assert "spacy" in imported  # the probe works
    assert not {name for name in imported if name.split(".")[0] in ("pygls", "lsprotocol", "cattrs")}
