"""Hardening, the rest of issue 23: what a terminal shows, Ctrl-C, workers (too many of
them, or one killed), links where a config should be, and the config's ``settings:``.

Process-level behaviour (a signal, a killed worker) is tested on a real `replylint`
process; the rest through the CLI in-process.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_cli as run

TYPO = "Здраствуйте! Ваш заказ готов.\n"  # a safe fix: «Здравствуйте»
FIXED = "Здравствуйте! Ваш заказ готов.\n"
ESCAPE = "\x1b[2J\x1b[31m"  # clear the screen, then red


# ------------------------------------------------------------- what a terminal shows


def test_escape_sequences_in_text_and_file_names_are_shown_not_obeyed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = f"{ESCAPE}reply.txt"
    (tmp_path / name).write_text(f"Ваш тикет {ESCAPE}закрыт\u202e.\n", encoding="utf-8")
    result = run("check", name, "--isolated")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b[2J\\x1b[31mreply.txt:1:5" in result.stdout  # the name, escaped
    assert "тикет \\x1b[2J\\x1b[31mзакрыт\\u202e." in result.stdout  # the sentence, escaped
    # machine formats keep the exact data
    data = json.loads(run("check", name, "--isolated", "--format", "json").stdout)
    assert data["files"][0]["path"] == name


def test_escape_sequences_in_error_lines_are_shown_not_obeyed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = f"{ESCAPE}broken.txt"
    (tmp_path / name).write_bytes(b"ab\x00cd")
    result = run("check", name, "--isolated")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "replylint: \\x1b[2J\\x1b[31mbroken.txt: не текстовый файл" in result.stderr


def test_github_annotations_escape_control_characters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(f"Ваш тикет {ESCAPE}закрыт.\n", encoding="utf-8")
    result = run("check", "reply.txt", "--isolated", "--format", "github")
    assert "::warning file=reply.txt" in result.stdout
    assert "\x1b" not in result.stdout


# ------------------------------------------------------------------------ workers


def test_more_jobs_than_cores_is_a_warning_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    cores = os.cpu_count() or 1
    result = run("check", "a.txt", "--isolated", "--jobs", str(cores + 62))
    assert result.exit_code == 1
    assert (f"replylint: --jobs {cores + 62} — больше, чем ядер ({cores}): проверка идёт не более чем в "
            f"{cores} процессах") in result.stderr
    (tmp_path / ".replylint.yaml").write_text("jobs: 100000\n", encoding="utf-8")
    result = run("check", "a.txt")
    assert result.exit_code == 1
    assert f"replylint: jobs: 100000 в настройках — больше, чем ядер ({cores})" in result.stderr
    assert "больше, чем ядер" not in run("check", "a.txt", "--jobs", "1").stderr


def _replylint(*args, cwd, **kwargs) -> subprocess.Popen:
    environment = dict(os.environ, PYTHONWARNINGS="ignore")
    script = Path(sys.executable).with_name("replylint")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "replylint.cli"]
    return subprocess.Popen([*command, *args], cwd=cwd, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def _workers_of(pid: int) -> list[int]:
    """The pool's worker processes under ``pid`` (not the resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def _many_files(folder: Path, count: int, lines: int = 20) -> list[Path]:
    folder.mkdir()
    paths = []
    for index in range(count):
        path = folder / f"{index:03}.txt"
        path.write_text(TYPO * lines, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_a_killed_worker_names_its_files_and_every_file_is_still_checked(tmp_path):
    _many_files(tmp_path / "replies", 24)
    process = _replylint("check", "replies", "--isolated", "--jobs", "2", cwd=tmp_path)
    worker = _wait_for(lambda: _workers_of(process.pid))[0]
    os.kill(worker, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "процесс проверки аварийно завершился" in stderr
    assert any(line.startswith("replylint: replies/0") for line in stderr.splitlines())
    assert "(проверено: 24 файла;" in stdout  # every file, the lost ones checked again
    assert stdout.count("spelling.common-typos") == 24 * 20


# ------------------------------------------------------------------------- Ctrl-C


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_one_line_and_leaves_each_file_old_or_new(tmp_path, jobs):
    # enough files that the run is far from over when the first one is written, however
    # fast the machine (interrupted early, the test costs little more)
    paths = _many_files(tmp_path / "replies", 400, lines=40)
    # A child inherits an ignored SIGINT (not a handler): if a test before this one left
    # the signal ignored in this process, Ctrl-C could never reach the run.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = _replylint("check", "replies", "--isolated", "--fix", "--jobs", jobs, cwd=tmp_path,
                             start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    # the run is under way (a file was fixed) and not over
    _wait_for(lambda: any(path.read_text(encoding="utf-8") != TYPO * 40 for path in paths))
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C reaches the whole group
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "replylint: прервано (Ctrl-C)"
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    contents = {path.read_text(encoding="utf-8") for path in paths}
    assert contents <= {TYPO * 40, FIXED * 40}
    assert TYPO * 40 in contents  # interrupted: some files were left as they were
    time.sleep(0.5)  # (a worker that outlived the run would still be writing)
    assert not list((tmp_path / "replies").glob(".*.replylint-tmp"))


# ------------------------------------------------------------------ configs and links


def test_a_config_link_loop_is_an_error_not_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    os.symlink("loop", tmp_path / ".replylint.yaml")
    os.symlink(".replylint.yaml", tmp_path / "loop")
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"replylint: {tmp_path / '.replylint.yaml'}: не удаётся прочитать настройки: "
        "символические ссылки замкнуты в петлю"]


def test_a_dangling_config_link_is_an_error_not_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    os.symlink("gone.yaml", tmp_path / ".replylint.yaml")
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "битая символическая ссылка: её цели нет" in result.stderr


@pytest.mark.parametrize("force", [False, True])
def test_init_never_writes_through_a_config_link(tmp_path, force):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("mode: templates\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    os.symlink(elsewhere, project / ".replylint.yaml")
    result = run("init", str(project), *(["--force"] if force else []))
    assert result.exit_code == 2
    assert "это символическая ссылка — init не пишет через неё" in result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "mode: templates\n"
    assert os.path.islink(project / ".replylint.yaml")


def test_init_does_not_create_the_target_of_a_dangling_link(tmp_path):
    os.symlink(tmp_path / "nowhere.yaml", tmp_path / ".replylint.yaml")
    result = run("init", str(tmp_path))
    assert result.exit_code == 2
    assert not (tmp_path / "nowhere.yaml").exists()


def test_settings_keys_are_validated_with_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text(
        "mode: drafts\nsettings:\n  sentence_wrds: 5\n  paragraph_words: много\n"
        "  spelling.ignore: Пятёрочка\n  familiarity.ty-vy-mix.expected: они\n", encoding="utf-8")
    result = run("check", "a.txt")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    config = tmp_path / ".replylint.yaml"
    assert lines[0].startswith(f"replylint: {config}:3: settings: неизвестный ключ 'sentence_wrds' — "
                               "может быть, 'sentence_words'? (ключи: ")
    assert "spelling.ignore" in lines[0] and "familiarity.ty-vy-mix.expected" in lines[0]
    assert lines[1:] == [
        f"replylint: {config}:4: settings.paragraph_words: ожидается целое положительное число, а не 'много'",
        f"replylint: {config}:5: settings.spelling.ignore: ожидается список строк, а не 'Пятёрочка'",
        f"replylint: {config}:6: settings.familiarity.ty-vy-mix.expected: ожидается один из вариантов "
        "правила: ты | вы, а не 'они'",
    ]


def test_valid_settings_still_take_effect(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Ваш заказ в Пятёрочке уже готов к выдаче.\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("settings:\n  sentence_words: 3\n", encoding="utf-8")
    result = run("check", "a.txt", "--format", "json")
    assert "readability.long-sentence" in {d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]}


# ------------------------------------------------- minor cases of the issue, kept


def test_no_all_clear_when_the_only_file_failed_to_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(b"ab\x00cd")
    result = run("check", "a.txt", "--isolated")
    assert result.exit_code == 2
    assert "Замечаний нет" not in result.stdout and result.stdout == ""


def test_a_dangling_link_is_reported_as_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("nowhere.txt", tmp_path / "a.txt")
    result = run("check", "a.txt", "--isolated")
    assert result.exit_code == 2
    assert result.stderr == "replylint: a.txt: битая символическая ссылка: её цели нет\n"


# ------------------------------------------- large archives, read reply by reply

DRAFTS = ["Здраствуйте! Ваш тикет эскалирован на бэкенд, ждите апдейт.",
          "Добрый день. К сожалению, мы не можем вернуть деньги, это не наша проблема.",
          "Ваш заказ готов. Заберите его в пункте выдачи до пятницы."]


def _archive(path: Path, replies: int) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for number in range(replies):
            stream.write(json.dumps({"id": f"r{number}", "text": DRAFTS[number % len(DRAFTS)]},
                                    ensure_ascii=False) + "\n")
    return path


def _tricky_csv(path: Path) -> Path:
    """Quoted fields over several lines, doubled quotes, a quote inside an unquoted field,
    CRLF, a lone CR and blank lines."""
    rows = ["id;text"]
    for number in range(40):
        text = DRAFTS[number % 3].replace('"', '""')
        if number % 4 == 0:
            text += '\nИ ещё: ""тикет"" закрыт.\r\nСпасибо.'
        rows.append(f'{number};"{text}"')
        if number % 5 == 0:
            rows.append(f'x{number};Ваш тикет за"крыт без кавычек')
    ends = ["\r\n", "\n", "\r", "\n\n"]
    path.write_text("".join(row + ends[index % 4] for index, row in enumerate(rows)), encoding="utf-8",
                    newline="")
    return path


def _tricky_jsonl(path: Path) -> Path:
    lines = []
    for number in range(40):
        lines.append(json.dumps({"id": number, "text": DRAFTS[number % 3] + "\n\tтикет"},
                                ensure_ascii=number % 2 == 0))
        lines.append(["\r\n", "\n", "\n \r \n", "\n\n"][number % 4])
    path.write_text("\ufeff" + "".join(lines), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("make", [_tricky_csv, _tricky_jsonl], ids=["csv", "jsonl"])
def test_an_archive_read_reply_by_reply_gives_what_reading_it_whole_gives(tmp_path, monkeypatch, make):
    monkeypatch.chdir(tmp_path)
    path = make(tmp_path / f"archive.{'csv' if make is _tricky_csv else 'jsonl'}")
    streamed = run("check", path.name, "--isolated", "--format", "json")
    whole = run("check", path.name, "--isolated", "--format", "json", "--encoding", "utf-8")  # (read whole)
    assert streamed.exit_code == whole.exit_code == 1
    assert json.loads(streamed.stdout)["summary"]["diagnostics"] > 40
    assert streamed.stdout == whole.stdout
    text = run("check", path.name, "--isolated")
    assert text.stdout == run("check", path.name, "--isolated", "--encoding", "utf-8").stdout
    with path.open(encoding="utf-8-sig", newline="") as stream:  # (offsets count from after the BOM)
        raw = stream.read()
    found = json.loads(streamed.stdout)["files"][0]["diagnostics"]
    # each points at its words in the file (or at their \u escapes, in an ASCII-only line,
    # or at their doubled quotes, in a quoted CSV field: «""тикет"" закрыт»)
    assert all(raw[d["start"]:d["end"]] in (d["text"], d["text"].replace('"', '""')) or "\\u" in raw[d["start"]:d["end"]]
               for d in found)
    assert sum(raw[d["start"]:d["end"]] == d["text"] for d in found) > 20


@pytest.mark.parametrize("suffix, content, error", [
    ("jsonl", '{"text": "Ваш тикет закрыт."}\n{"text": "x"\n', "archive.jsonl:2:13: ошибка JSON: не хватает запятой между элементами"),
    ("csv", 'id,text\n1,Ваш тикет закрыт.\n2,"Ваш тикет\n', "archive.csv:3: незакрытая кавычка в поле CSV"),
    ("csv", 'id,body2\n1,Ваш тикет закрыт.\n2,"ok\n', "archive.csv:3: незакрытая кавычка в поле CSV"),
    ("jsonl", '{"text": "Ваш тикет закрыт."}\n{"name": "x"}\n', "archive.jsonl:2: в строке нет текста ответа"),
])
def test_a_broken_record_late_in_an_archive_is_its_one_error_before_any_finding(tmp_path, monkeypatch, suffix,
                                                                                content, error):
    monkeypatch.chdir(tmp_path)
    (tmp_path / f"archive.{suffix}").write_text(content, encoding="utf-8")
    result = run("check", f"archive.{suffix}", "--isolated")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing of the replies before it
    assert result.stderr.startswith(f"replylint: {error}")
    whole = run("check", f"archive.{suffix}", "--isolated", "--encoding", "utf-8")
    assert whole.stderr == result.stderr


def _peak_memory(session, path: Path, format_name: str = "text", whole: bool = False) -> int:
    """Peak traced memory of checking ``path`` as `check` does with the report of
    ``format_name``, the report written nowhere (``whole``: the results held, then rendered)."""
    import gc
    import tracemalloc

    from replylint import checking, report
    from replylint.report import ReportOptions

    gc.collect()
    tracemalloc.start()
    try:
        stream = report.stream(format_name, ReportOptions(), lambda text: None)
        results = []
        for outcome in checking.stream_paths(session, [str(path)], jobs=1):
            assert outcome.error is None
            if whole:
                results.append(outcome.result)
            else:
                stream.add(outcome.result, partial=outcome.partial)
        if whole:
            report.render(results, format_name, ReportOptions())
        else:
            stream.close()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_replies_of_an_archive(tmp_path):
    from replylint.api import CheckOptions, Session

    session = Session(CheckOptions(select=("jargon",)))  # (the reading is what is measured, not the rules)
    for draft in DRAFTS:  # load the rules and the dictionaries, fill the caches (untraced)
        session.check_text(draft)
    _peak_memory(session, _archive(tmp_path / "warm.jsonl", 3))
    small = _peak_memory(session, _archive(tmp_path / "small.jsonl", 80))
    large = _peak_memory(session, _archive(tmp_path / "large.jsonl", 320))
    # 4× the replies: the same peak (a few dozen replies are read ahead), not 4× of it
    assert large < small * 1.25, (small, large)
    # the measurement can tell: the file read whole (an explicit encoding) grows with it
    whole = Session(CheckOptions(select=("jargon",), encoding="utf-8"), rules=session.rules)
    whole._linter = session.linter
    whole_small = _peak_memory(whole, tmp_path / "small.jsonl")
    whole_large = _peak_memory(whole, tmp_path / "large.jsonl")
    assert whole_large > whole_small * 2, (whole_small, whole_large)


@pytest.mark.parametrize("format_name", ["json", "sarif", "github"])
def test_memory_of_a_machine_report_does_not_grow_with_the_replies_of_an_archive(tmp_path, monkeypatch,
                                                                                 format_name):
    from replylint import report
    from replylint.api import CheckOptions, Session

    # what waits for the end of a file or run (reply scores, SARIF results) moves to disk
    # beyond a few kilobytes here, as beyond a megabyte in use
    monkeypatch.setattr(report, "SPOOL_CHARS", 4096)
    session = Session(CheckOptions(select=("jargon",)))
    for draft in DRAFTS:
        session.check_text(draft)
    _peak_memory(session, _archive(tmp_path / "warm.jsonl", 3), format_name)
    small = _peak_memory(session, _archive(tmp_path / "small.jsonl", 80), format_name)
    large = _peak_memory(session, _archive(tmp_path / "large.jsonl", 320), format_name)
    assert large < small * 1.25, (small, large)
    if format_name == "github":  # (one short line per finding: held whole, they hardly show here)
        return
    # the measurement can tell: the results held and rendered whole grow with the replies
    whole_small = _peak_memory(session, tmp_path / "small.jsonl", format_name, whole=True)
    whole_large = _peak_memory(session, tmp_path / "large.jsonl", format_name, whole=True)
    assert whole_large > whole_small * 1.5, (whole_small, whole_large)


def test_diff_on_a_terminal_shows_escape_sequences_escaped(tmp_path, monkeypatch):
    from replylint import cli

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(f"Здраствуйте! {ESCAPE}Ваш заказ готов.\n", encoding="utf-8")
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: True)
    shown = run("check", "a.txt", "--isolated", "--diff")
    assert shown.exit_code == 1
    assert "\x1b" not in shown.stdout
    assert "+Здравствуйте! \\x1b[2J\\x1b[31mВаш заказ готов.\n" in shown.stdout
