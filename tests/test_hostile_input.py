"""Hostile and broken input: nothing hangs, nothing explodes, every bad file is one line.

Large-scale cases are scaling tests: the same work on a 1× and a 4× input in one run, never
a fixed time budget. The work is repeated until one measurement of the 1× input takes at
least 0.05 s of processor time, so that the ratio stands clear of a timer's grain and a
neighbour's load; a linear cost makes the 4× run four times as dear, a quadratic one
sixteen times, and the bounds sit between the two.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import stat
import subprocess
import threading
import time
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import COFFEE_RULE
from helpers import run_cli as run
from replylint import loader, segment
from replylint.document import LineIndex
from replylint.errors import ReplylintError
from replylint.formats import scalars
from replylint.formats import yamlfile as reply_yaml
from replylint.rules.matching import prefilter
from replylint.yamlfile import load_yaml_text

GOOD = "- Ваш тикет закрыт.\n"
TYPO = "Здраствуйте! Ваш заказ готов.\n"  # a safe fix: «Здравствуйте»


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for previous, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    return text


#: How much larger the second input of a scaling test is, and how long (processor seconds)
#: one measurement of the first must last at least.
SCALE = 4
MIN_SECONDS = 0.05


def _loops_for(work, data) -> int:
    """How many times ``work(data)`` must run for one measurement to last MIN_SECONDS."""
    loops = 1
    while True:
        start = time.process_time()
        for _ in range(loops):
            work(data)
        spent = time.process_time() - start
        if spent >= MIN_SECONDS:
            return loops
        loops = loops * 2 if spent < MIN_SECONDS / 10 else max(loops + 1, int(loops * 1.5 * MIN_SECONDS / spent))


def scaling_ratio(work, make_input, repeats: int = 3) -> float:
    """The cost of ``work`` on the SCALE× input over its cost on the 1× input: each the best
    of ``repeats`` measurements of as many runs of it as make the 1× one last MIN_SECONDS."""
    small, large = make_input(1), make_input(SCALE)
    work(large)  # warm caches and imports
    loops = _loops_for(work, small)

    def best(data):
        times = []
        for _ in range(repeats):
            gc.collect()
            start = time.process_time()
            for _ in range(loops):
                work(data)
            times.append(time.process_time() - start)
        return min(times)
    # Processor time, without the collector: other processes and the collector's
    # generations add noise, never the growth being measured.
    gc.disable()
    try:
        return best(large) / best(small)
    finally:
        gc.enable()


HOSTILE_YAML = {
    "laughs.yaml": (billion_laughs(), 5, "раскрываются в слишком много узлов"),
    "recursive.yaml": ('a: &a ["Ваш тикет", *a]\n', 1, "ссылка «*a» ведёт внутрь своего же якоря"),
    "deep-flow.yaml": ("x: " + "[" * 600 + "]" * 600 + "\n", 1, "вложенность глубже 200 уровней"),
    "deep-block.yaml": ("".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "v\n",
                        201, "вложенность глубже 200 уровней"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_reply_yaml_is_one_error_and_other_files_are_checked(tmp_path, monkeypatch, name):
    text, line, problem = HOSTILE_YAML[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", ".")
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"replylint: {name}:{line}:")
    assert problem in errors[0] and "Traceback" not in result.stderr
    assert "ok.yaml:1:" in result.stdout  # the good file was still checked


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_in_config_and_rule_files_is_a_config_error(tmp_path, name):
    text, line, problem = HOSTILE_YAML[name]
    with pytest.raises(ReplylintError) as caught:
        load_yaml_text(text, ".replylint.yaml")
    assert caught.value.line == line and problem in caught.value.message


def test_aliases_that_do_not_explode_still_load():
    text = "base: &b {severity: warning, tags: [a, b]}\none: {<<: *b, x: 1}\ntwo: *b\n"
    data = load_yaml_text(text, "x.yaml")
    assert data["one"] == {"severity": "warning", "tags": ["a", "b"], "x": 1}
    assert data["two"]["tags"] == ["a", "b"]
    replies = reply_yaml.parse("x: &t Ваш тикет закрыт\ny: *t\n", "r.yaml", reply_yaml.Options())
    assert [reply.text for reply in replies] == ["Ваш тикет закрыт", "Ваш тикет закрыт"]


def test_hostile_rule_file_is_reported_with_its_line(tmp_path, monkeypatch):
    rules = tmp_path / "my-rules" / "jargon"
    rules.mkdir(parents=True)
    (rules / "laughs.yaml").write_text("kind: existence\n" + billion_laughs(), encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("rules: [my-rules]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ваш тикет\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "laughs.yaml:6:" in result.stderr and "раскрываются в слишком много узлов" in result.stderr
    assert "Traceback" not in result.stderr


def _block_export(size: int) -> str:
    # block scalars of many short lines: where each line's column costs a search back to
    # the start of the file, that cost outgrows the parse itself
    item = "- id: {0}\n  text: |\n    Ваш заказ {0} будет доставлен завтра.\n" + "    Да.\n" * 40
    return "".join(item.format(index) for index in range(500 * size))


def test_reading_a_large_reply_yaml_is_linear():
    def parse(text):
        assert len(reply_yaml.parse(text, "big.yaml", reply_yaml.Options())) >= 500
    assert scaling_ratio(parse, _block_export) < 8


def test_a_block_scalar_costs_the_same_wherever_it_stands_in_the_file():
    block = "t: |\n" + "    строка текста ответа\n" * 200

    def make(size):
        source = "x: y\n" * (250_000 * size) + block
        return source, source.index("|")

    def read(data):
        source, start = data
        assert scalars.block(source, start, 0)[0].count("\n") == 200
    # the same cost after 1 MB and after 5 MB of other keys; a block that rescans the
    # file before it pays four times as much
    assert scaling_ratio(read, make) < 2


def _tree_with_special_files(tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "sub").mkdir(parents=True)
    outside.mkdir()
    (tree / "a.txt").write_text(TYPO, encoding="utf-8")
    (outside / "o.txt").write_text(TYPO, encoding="utf-8")
    os.mkfifo(tree / "fifo.txt")
    (tree / "zero.txt").symlink_to("/dev/zero")
    (tree / "out").symlink_to(outside)
    (tree / "out-file.txt").symlink_to(outside / "o.txt")
    (tree / "sub" / "in-link.txt").symlink_to(tree / "a.txt")
    (tree / "dangling.txt").symlink_to(tree / "nothing-here.txt")
    return tree


def test_a_folder_walk_takes_only_regular_files_inside_the_tree(tmp_path, monkeypatch):
    _tree_with_special_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "tree", "--format", "json", "--isolated")
    files = {f["path"]: f.get("error") for f in json.loads(result.stdout)["files"]}
    assert files == {"tree/a.txt": None, "tree/sub/in-link.txt": None,
                     "tree/dangling.txt": "битая символическая ссылка: её цели нет"}
    assert result.exit_code == 2


def test_fix_never_writes_outside_the_checked_tree(tmp_path, monkeypatch):
    _tree_with_special_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    run("check", "tree", "--fix", "--isolated")
    assert (tmp_path / "outside" / "o.txt").read_text(encoding="utf-8") == TYPO
    assert (tmp_path / "tree" / "a.txt").read_text(encoding="utf-8").startswith("Здравствуйте")


def test_special_files_named_outright_are_input_errors(tmp_path, monkeypatch):
    _tree_with_special_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "tree/fifo.txt", "tree/zero.txt", "tree/a.txt", "--isolated")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["replylint: tree/fifo.txt: не обычный файл (канал, устройство или сокет)",
                                          "replylint: tree/zero.txt: не обычный файл (канал, устройство или сокет)"]
    assert "tree/a.txt:1:" in result.stdout


def test_the_same_file_by_relative_and_absolute_path_is_checked_once(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Ваш тикет закрыт.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt", str(tmp_path / "a.txt"), "./a.txt", "--format", "json", "--isolated")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["a.txt"]


def test_a_huge_rule_folder_is_refused_not_walked(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Ваш тикет закрыт.\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text('rules: ["/"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(loader, "MAX_RULE_FOLDER_ENTRIES", 1000)
    result = run("check", "a.txt")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("replylint: /: в папке с правилами больше 1000 файлов и папок; "
                                     "укажите папку, где лежат только файлы правил")


def test_one_bad_byte_in_utf8_is_an_error_with_its_line_not_cp1251(tmp_path, monkeypatch):
    good = "Здравствуйте!\nВаш тикет закрыт.\n".encode("utf-8")
    (tmp_path / "bad-byte.txt").write_bytes(good + b"\xff\n")
    (tmp_path / "mixed.txt").write_bytes(good + "Ваш тикет закрыт.\n".encode("cp1251"))
    (tmp_path / "cp1251.txt").write_bytes("Пётр, ваш тикет «ТЕСТ» закрыт.\n".encode("cp1251"))
    monkeypatch.chdir(tmp_path)
    result = run("check", ".", "--isolated")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "replylint: bad-byte.txt:3:1: не UTF-8: байт 0xff не может здесь стоять "
        "(если файл в другой кодировке, укажите --encoding)",
        "replylint: mixed.txt:3:1: не UTF-8: байт 0xc2 не может здесь стоять "
        "(если файл в другой кодировке, укажите --encoding)"]
    assert "cp1251.txt:1:" in result.stdout  # a real Windows-1251 file is still read


@pytest.mark.parametrize("bom, codec", [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")])
def test_explicit_utf16_fix_keeps_byte_order_and_bom(tmp_path, bom, codec):
    path = tmp_path / "reply.txt"
    path.write_bytes(bom + TYPO.encode(codec))
    run("check", str(path), "--encoding", "utf-16", "--fix", "--isolated")
    data = path.read_bytes()
    assert data.startswith(bom) and data[2:].decode(codec).startswith("Здравствуйте!")


def test_explicit_utf8_on_a_file_with_a_bom_keeps_the_first_word_and_the_bom(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TYPO.encode("utf-8"))
    result = run("check", str(path), "--encoding", "utf-8", "--format", "json", "--isolated")
    first = json.loads(result.stdout)["files"][0]["diagnostics"][0]
    assert (first["line"], first["column"], first["rule"]) == (1, 1, "spelling.common-typos")
    run("check", str(path), "--encoding", "utf-8", "--fix", "--isolated")
    assert path.read_bytes() == b"\xef\xbb\xbf" + TYPO.replace("Здраствуйте", "Здравствуйте").encode()


def test_a_catastrophic_placeholder_regex_is_a_config_error(tmp_path, monkeypatch):
    (tmp_path / ".replylint.yaml").write_text('placeholders:\n  - mustache\n  - {regex: "(x|xx)+y"}\n',
                                              encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ваш тикет закрыт.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt")
    assert result.exit_code == 2
    [error] = result.stderr.splitlines()
    assert error.startswith(f"replylint: {tmp_path / '.replylint.yaml'}:3")
    assert "'(x|xx)+y'" in error and "работает катастрофически долго" in error


def test_placeholders_match_as_before():
    text = "{{ticket.requester.first_name}}, {% if x %}да{% endif %} {{{raw}}} {{a}} b}} {{ c\n d }}"
    assert [m.group() for m in segment.DEFAULT_PLACEHOLDER_REGEX.finditer(text)] == [
        "{{ticket.requester.first_name}}", "{% if x %}", "{% endif %}", "{{{raw}}", "{{a}}", "{{ c\n d }}"]


@pytest.mark.parametrize("opening", ["{{", "{%", "{{ ", "{{\n"])
def test_unclosed_placeholders_are_scanned_in_linear_time(opening):
    def scan(text):
        list(segment.DEFAULT_PLACEHOLDER_REGEX.finditer(text))
    assert scaling_ratio(scan, lambda size: opening * 8000 * size) < 8


def test_line_index_is_linear_without_carriage_returns():
    assert scaling_ratio(LineIndex, lambda size: "Ваш тикет закрыт.\n" * (20_000 * size)) < 8
    index = LineIndex("a\r\nb\rc\nd")
    assert index.line_starts == [0, 3, 5, 7] and index.position(6) == (3, 2)


def _alternatives(size: int) -> frozenset[str]:
    # of four lengths, in the same shares at every size: the work per string depends on
    # how many shorter lengths the set holds and how long the string is
    letters = "абвгдежзиклмнопрстуфхцчшщ"
    return frozenset(letters[index % 25] + letters[index // 25 % 25] + letters[index // 625 % 25]
                     + f"{index:05d}" + letters[:index % 4] for index in range(1500 * size))


def test_minimal_literal_sets_are_near_linear_in_alternatives():
    assert scaling_ratio(prefilter._minimal, _alternatives) < 8
    assert prefilter._minimal(frozenset({"закрыт", "закрыта", "закрыты", "ответ", "от"})) == \
        frozenset({"закрыт", "от"})


def _append_under_lock(path, text: str) -> None:
    """Append as a cooperating program does: under the advisory lock, to the file that is
    at ``path`` once the lock is held (a rename may have replaced the one opened)."""
    while True:
        with open(path, "ab") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if os.fstat(handle.fileno()).st_ino != os.stat(path).st_ino:
                continue
            handle.write(text.encode("utf-8"))
            return


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(appends=st.integers(min_value=1, max_value=40), fixes=st.integers(min_value=1, max_value=4),
       pause=st.sampled_from([0.0, 0.0005, 0.002]))
def test_fix_under_concurrent_appends_loses_no_write(tmp_path_factory, appends, fixes, pause):
    path = tmp_path_factory.mktemp("appends") / "log.txt"
    path.write_text(TYPO, encoding="utf-8")

    def appender():
        for index in range(appends):
            _append_under_lock(path, f"Здраствуйте, строка {index}.\n")
            time.sleep(pause)

    thread = threading.Thread(target=appender)
    thread.start()
    for _ in range(fixes):
        result = run("check", str(path), "--fix", "--isolated")
        assert "Traceback" not in result.stderr
        # written, or refused as a conflict: never an overwrite
        assert result.exit_code in (0, 1) or "не исправлено: файл изменился" in result.stderr
    thread.join()
    text = path.read_text(encoding="utf-8")
    assert [f"строка {index}." in text for index in range(appends)] == [True] * appends
    run("check", str(path), "--fix", "--isolated")  # alone, it fixes every line
    assert path.read_text(encoding="utf-8").count("Здравствуйте") == appends + 1
    assert not [name for name in os.listdir(path.parent) if name.endswith(".replylint-tmp")]


def test_fix_keeps_hard_links_and_owner(tmp_path):
    path, link = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_text(TYPO, encoding="utf-8")
    os.link(path, link)
    if os.getuid() == 0:
        os.chown(path, 12345, 12345)
    before = os.stat(path)
    run("check", str(path), "--fix", "--isolated")
    after = os.stat(path)
    assert link.read_text(encoding="utf-8").startswith("Здравствуйте")
    assert (after.st_ino, after.st_nlink, after.st_uid, after.st_gid) == \
        (before.st_ino, 2, before.st_uid, before.st_gid)


def test_fix_keeps_the_owner_through_a_rename(tmp_path):
    if os.getuid() != 0:
        pytest.skip("only the superuser may give a file away")
    path = tmp_path / "a.txt"
    path.write_text(TYPO, encoding="utf-8")
    os.chown(path, 12345, 12346)
    os.chmod(path, 0o640)
    run("check", str(path), "--fix", "--isolated")
    info = os.stat(path)
    assert path.read_text(encoding="utf-8").startswith("Здравствуйте")
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 12346, 0o640)


def test_fix_refuses_a_read_only_file_and_goes_on(tmp_path, monkeypatch):
    (tmp_path / "locked.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / "open.txt").write_text(TYPO, encoding="utf-8")
    os.chmod(tmp_path / "locked.txt", 0o444)
    monkeypatch.chdir(tmp_path)
    result = run("check", "locked.txt", "open.txt", "--fix", "--isolated")
    assert result.exit_code == 2
    assert "replylint: locked.txt: не исправлено: файл только для чтения" in result.stderr
    assert (tmp_path / "locked.txt").read_text(encoding="utf-8") == TYPO
    assert (tmp_path / "open.txt").read_text(encoding="utf-8").startswith("Здравствуйте")


def test_an_os_error_while_writing_is_a_per_file_error(tmp_path, monkeypatch):
    from replylint import fix

    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TYPO, encoding="utf-8")
    real = fix.tempfile.mkstemp

    def full_disk(*args, prefix="", **kwargs):
        if prefix.startswith(".a.txt."):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(fix.tempfile, "mkstemp", full_disk)
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt", "b.txt", "--fix", "--isolated", "--jobs", "1")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "replylint: a.txt: не исправлено: на диске нет места" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == TYPO
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").startswith("Здравствуйте")


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path):
    finished = subprocess.run(["true"], check=True)
    dead_pid = subprocess.Popen(["true"])
    dead_pid.wait()
    path = tmp_path / "a.txt"
    path.write_text(TYPO, encoding="utf-8")
    dead = tmp_path / f".a.txt.{dead_pid.pid}.k9x1.replylint-tmp"
    old = tmp_path / f".b.txt.{os.getpid()}.k9x2.replylint-tmp"
    fresh = tmp_path / f".c.txt.{os.getpid()}.k9x3.replylint-tmp"
    foreign = tmp_path / ".d.txt.keep.replylint-tmp"
    for temporary in (dead, old, fresh, foreign):
        temporary.write_bytes(b"partial")
    os.utime(old, (time.time() - 120, time.time() - 120))
    os.utime(foreign, (time.time() - 120, time.time() - 120))
    assert finished.returncode == 0
    run("check", str(path), "--fix", "--isolated")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", fresh.name, foreign.name])


EVASIONS = {"latin": "тикeт", "soft-hyphen": "тик\u00adет", "zero-width-space": "тик\u200bет",
            "zero-width-joiner": "тик\u200dет", "combining-accent": "тике\u0301т"}


@pytest.mark.parametrize("name", sorted(EVASIONS))
def test_invisible_characters_and_lookalikes_do_not_hide_a_word(tmp_path, name):
    word = EVASIONS[name]
    text = f"Здравствуйте! Ваш {word} закрыт, ответим в ближaйшее время.\n"
    (tmp_path / "reply.txt").write_text(text, encoding="utf-8")
    result = run("check", str(tmp_path / "reply.txt"), "--format", "json", "--isolated")
    found = {d["rule"]: d for d in json.loads(result.stdout)["files"][0]["diagnostics"]}
    glossary = found["jargon.glossary"]
    start = text.index("Ваш")
    assert text[start:start + 4 + len(word)] == f"Ваш {word}"  # offsets point at the original
    word_start = start + 4  # «Ваш тикет» or the word alone: either ends where the word does
    assert glossary["line"] == 1 and glossary["column"] in (start + 1, word_start + 1)
    assert glossary["end_column"] == word_start + len(word) + 1
    assert "vague-promise.no-time" in found


def test_mixed_alphabet_words_are_reported_and_fixed_safely(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("Мы cможем помочь: пeредали заказ, Wi-Fi-роутер и iPhone в пути.\n", encoding="utf-8")
    result = run("check", str(path), "--format", "json", "--isolated")
    mixed = [d for d in json.loads(result.stdout)["files"][0]["diagnostics"]
             if d["rule"] == "spelling.mixed-alphabet"]
    assert [(d["column"], d["end_column"] - d["column"]) for d in mixed] == [(4, 6), (19, 8)]
    run("check", str(path), "--fix", "--isolated")
    assert path.read_text(encoding="utf-8") == \
        "Мы сможем помочь: передали заказ, Wi-Fi-роутер и iPhone в пути.\n"


@pytest.mark.parametrize("message", ["«{match:>400000000}»", "«{match.nosuch}»", "«{match[0]}» {0}"])
def test_a_message_with_format_specs_or_attributes_is_shown_as_written(tmp_path, monkeypatch, message):
    rules = tmp_path / "my-rules" / "jargon"
    rules.mkdir(parents=True)
    (rules / "coffee.yaml").write_text(COFFEE_RULE.replace('"«{match}» → «{replacement}»"', repr(message)),
                                       encoding="utf-8")
    (tmp_path / "a.txt").write_text("Вам купаж?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt", "--rules", "my-rules", "--no-bundled", "--format", "json")
    [diagnostic] = [d for d in json.loads(result.stdout)["files"][0]["diagnostics"] if d["rule"] == "jargon.coffee"]
    assert diagnostic["message"] == message
    assert run("test-rules", "my-rules").exit_code == 0


@pytest.mark.parametrize("name, text", [("s.json", '{"a": "Ваш тикет \\ud800 закрыт"}\n'),
                                        ("s.jsonl", '{"text": "Ваш тикет закрыт"}\n{"text": "x \\udc00"}\n')])
def test_a_lone_surrogate_escape_is_an_input_error_and_the_rest_is_reported(tmp_path, monkeypatch, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pair.json").write_text('{"a": "Ваш тикет \\ud83d\\ude00, \\\\ud800"}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", name, "pair.json", "--isolated", "--format", "json")
    assert result.exit_code == 2
    line = text.count("\n", 0, text.index("\\ud")) + 1
    assert result.stderr.startswith(f"replylint: {name}:{line}: ошибка JSON: \\u")
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files["pair.json"]["diagnostics"] and "одиночный суррогат" in files[name]["error"]


def test_an_os_error_while_checking_is_that_files_error(tmp_path, monkeypatch):
    from replylint import inputs

    (tmp_path / "a.txt").write_text(TYPO, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TYPO, encoding="utf-8")
    real = inputs.read_bytes

    def failing_disk(path):
        if path.endswith("a.txt"):
            raise OSError(errno.EIO, "Input/output error")
        return real(path)

    monkeypatch.setattr(inputs, "read_bytes", failing_disk)
    monkeypatch.chdir(tmp_path)
    result = run("check", "a.txt", "b.txt", "--isolated", "--jobs", "1")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "replylint: a.txt: не удаётся прочитать или записать файл: Input/output error" in result.stderr
    assert "b.txt:1:1" in result.stdout


def test_workers_are_capped_at_the_cpu_count(tmp_path, monkeypatch):
    import concurrent.futures

    from replylint import checking

    asked = []

    class Refused(Exception):
        pass

    def spy(max_workers, **kwargs):
        asked.append(max_workers)
        raise Refused

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spy)
    paths = []
    for index in range(70):
        (tmp_path / f"{index}.txt").write_text(TYPO, encoding="utf-8")
        paths.append(str(tmp_path / f"{index}.txt"))
    with pytest.raises(Refused):
        checking.run(paths, types.SimpleNamespace(options=None), jobs=64, force_parallel=True)
    assert asked == [min(64, os.cpu_count() or 1)]


def test_a_letter_without_a_unicode_name_before_a_replaced_word(tmp_path):
    # found by test_properties: pymorphy3 asks unicodedata.name() of every letter
    path = tmp_path / "reply.txt"
    path.write_text("𗀀 тикет\n", encoding="utf-8")
    result = run("check", str(path), "--format", "json", "--isolated")
    assert result.exit_code == 1
    assert "jargon.glossary" in {d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]}
