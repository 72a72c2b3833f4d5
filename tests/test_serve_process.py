"""`replylint serve` as a process: started by the CLI, answering over a real socket,
stopping cleanly on SIGTERM; its refusals; and that other commands never import it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

pytest.importorskip("fastapi", reason="the serve extra is not installed")

from replylint.cli import main  # noqa: E402

WEB = ("fastapi", "uvicorn", "starlette", "multipart", "python_multipart", "anyio")  # (spaCy brings pydantic)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*args: str, env=None) -> tuple[subprocess.Popen, str]:
    """Start `replylint serve` and wait until it answers; returns the process and its URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "replylint.cli", "serve", "--port", str(port), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}: {process.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/api/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not answer within 120 s")


def post_json(url: str, body: dict, headers=None) -> tuple[int, dict]:
    request = urllib.request.Request(url, json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("the server did not stop within 20 s of SIGTERM") from None
    return process.returncode, stderr


def test_serve_answers_and_stops_on_sigterm(tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text("ignore: [vague-promise]\n", encoding="utf-8")
    process, url = start("--config", str(config))
    try:
        status, body = post_json(url + "/api/check", {"text": "Ваш тикет эскалирован. Ответим в ближайшее время."})
        assert status == 200
        rules = {d["rule"] for d in body["diagnostics"]}
        assert "jargon.glossary" in rules
        assert not any(rule.startswith("vague-promise") for rule in rules)  # the team's config applies
    finally:
        code, stderr = stop(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert f"{url}/" in stderr  # it said where it listens


def test_serve_with_workers_and_a_token_from_the_environment():
    process, url = start("--workers", "2", env={"REPLYLINT_TOKEN": "s3cret"})
    try:
        assert post_json(url + "/api/check", {"text": "Ваш тикет"})[0] == 401
        status, body = post_json(url + "/api/check", {"text": "Ваш тикет эскалирован."},
                                 {"Authorization": "Bearer s3cret"})
        assert status == 200 and body["diagnostics"]
    finally:
        code, stderr = stop(process)
    assert code == 0, stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.org"])
def test_non_loopback_host_needs_allow_remote(host):
    result = CliRunner().invoke(main, ["serve", "--host", host])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output
    assert "Traceback" not in result.output


def test_port_in_use_is_one_line_and_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip() == f"replylint: 127.0.0.1:{port}: порт занят другой программой (выберите другой: --port)"


def test_config_mistake_is_one_line_and_exit_2(tmp_path):
    config = tmp_path / "team.yaml"
    config.write_text("select: [jargn]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--config", str(config), "--port", str(free_port())])
    assert result.exit_code == 2
    assert "jargn" in result.output and str(config) in result.output
    assert "Traceback" not in result.output


def imported(*args: str, stdin: str | None = None) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "replylint.cli", *args], input=stdin,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip().split(".")[0] for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize("args", [["check", "-"], ["serve", "--help"], ["--help"]])
def test_other_commands_do_not_import_the_web_libraries(args):
    modules = imported(*args, stdin="Ваш тикет эскалирован.")
    assert "replylint" in modules  # (the probe parsed something)
    assert not modules & set(WEB), f"replylint {' '.join(args)} imported {sorted(modules & set(WEB))}"
