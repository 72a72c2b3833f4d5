"""replylint benchmarks: throughput against the NLP pipeline alone, start-up against
spaCy's own, peak memory, and textlint + prh side by side. Figures, not tests.

    python bench/run.py                # everything, 5 runs of each measurement
    python bench/run.py --runs 3 --skip-textlint

Every measurement runs in a fresh process (cold caches, as a batch run or a CI job sees
them) and is repeated; the script prints medians and the ratios the targets are about:

* throughput: replylint with every bundled rule vs the floor (spaCy tokenizer + sentence
  split + pymorphy3 lemma sets, cached) on a generated corpus of varied drafts and, when
  ../shared/corpus/real-replies.jsonl exists (a developer's local file of real replies,
  not in the repository), on that too; target ≥ 50 % of the floor.
  Each run times one replylint pass on each of two cores while floor passes run on the
  other one, so that the load of a shared machine weighs on both alike (both cores
  busy, as a `--jobs` run keeps them) and a core slowed by a neighbour's work slows
  both modes; then, alone on one core, a pass of one mode, one of the other and one
  of the first again (one core busy, as an agent's single `check`). Each share is the
  median over runs (the first is steadier; the second is not flattered or hurt by the
  other core's use of the caches the cores share);
* start-up: `replylint check` on one short draft vs `import spacy; spacy.blank('ru')`,
  one of each in turn, with Python's bytecode cache on as in an installed copy (target
  ≤ 1.2×); `rules`, `explain`, `--help` (target < 0.3 s, no spaCy);
* peak RSS of the batch run (target < 300 MB);
* textlint + textlint-rule-prh with a dictionary of the same jargon terms, installed by
  this script with npm into a cache folder outside the repository (skipped without npm).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REAL_CORPUS = REPO.parent / "shared" / "corpus" / "real-replies.jsonl"
CACHE = Path(os.environ.get("REPLYLINT_BENCH_CACHE", Path.home() / ".cache" / "replylint-bench"))
NPM_PACKAGES = ["textlint@14", "textlint-rule-prh@6"]
SHORT_DRAFT = "Здравствуйте! Ваш тикет передан специалисту, ответим завтра до 18:00.\n"


# ---------------------------------------------------------------- worker (one process)

def worker(mode: str, corpus: str, core: int | None = None) -> None:
    """Time one pass over ``corpus`` in this (fresh) process, on ``core`` when given;
    print JSON."""
    from replylint.checking import StartupCollector

    if core is not None:
        os.sched_setaffinity(0, {core})

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    with StartupCollector() as collector:
        result = timed_pass(mode, texts, collector)
    print(json.dumps(result))


def timed_pass(mode: str, texts: list[str], collector) -> dict:
    from replylint import nlp

    nlp.tokenizer(), nlp.morph()  # loading is start-up, measured separately
    linter = None
    if mode == "lint":
        from replylint.linter import Linter
        from replylint.loader import load_rules, select_rules

        linter = Linter(select_rules(load_rules()))
    # As `replylint check` does once its models and rules are loaded, in both modes: later
    # collections skip the objects that live as long as the process, and come less often.
    collector.resume()
    tokens = diagnostics = 0
    cpu_started = time.process_time()
    started = time.perf_counter()
    if linter is None:
        for text in texts:
            tokens += len(nlp.parse(text).tokens)
    else:
        # As `check` does with the replies of a file (a JSONL archive, a CSV export)
        for found in linter.lint_many(texts):
            diagnostics += len(found)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if linter is not None:
        tokens = sum(len(linter.parse(text).tokens) for text in texts)  # (not timed)
    return {"seconds": seconds, "cpu": cpu, "tokens": tokens, "replies": len(texts),
            "diagnostics": diagnostics, "characters": sum(map(len, texts)),
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _start_worker(mode: str, corpus: Path, core: int | None = None) -> subprocess.Popen:
    command = [sys.executable, __file__, "--worker", mode, str(corpus)]
    if core is not None:
        command += ["--core", str(core)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def _result(process: subprocess.Popen) -> dict:
    output, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a benchmark worker failed (exit {process.returncode})")
    return json.loads(output.strip().splitlines()[-1])


def run_worker(mode: str, corpus: Path, core: int | None = None) -> dict:
    """One pass in a fresh process (on ``core`` when given), waited for."""
    return _result(_start_worker(mode, corpus, core))


def worker_cores() -> list[int | None]:
    """Two cores to pin the passes to, or [None] where the OS cannot pin a process or
    this one may use a single core."""
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_setaffinity") else []
    return cores[:2] if len(cores) >= 2 else [None]


def run_pair(corpus: Path, lint_core: int | None = None,
             floor_core: int | None = None) -> tuple[list[dict], dict]:
    """One replylint pass and, on the other core at the same time, fresh pipeline-floor
    passes one after another for as long as it runs: a shared machine's load swings
    (seen here: one mode 40 % slower from one minute to the next) then hit both modes
    alike. replylint never runs alone; the last floor pass may end after it, which can
    only favour the floor. Each mode keeps to its core when given one."""
    lint = _start_worker("lint", corpus, lint_core)
    floors = []
    try:
        while True:
            floors.append(run_worker("pipeline", corpus, floor_core))
            if lint.poll() is not None:
                break
    except BaseException:  # a failed floor pass or ^C: do not leave the lint pass running
        lint.kill()
        lint.wait()
        raise
    return floors, _result(lint)


def run_alone(corpus: Path, lint_first: bool, core: int | None = None) -> tuple[float, float]:
    """Floor passes and replylint passes, each alone on the machine (as far as this script
    goes), one right after the other on ``core`` when given: one mode, the other, the
    first again (so that a load that grows or fades during the three weighs on both
    modes alike). Returns the CPU time of each mode, the mean of the two for the mode
    that ran twice: (floor, lint)."""
    order = ("lint", "pipeline", "lint") if lint_first else ("pipeline", "lint", "pipeline")
    times: dict[str, list[float]] = {"pipeline": [], "lint": []}
    for mode in order:
        times[mode].append(run_worker(mode, corpus, core)["cpu"])
    return statistics.mean(times["pipeline"]), statistics.mean(times["lint"])


# ---------------------------------------------------------------- helpers

def timed(command: list[str], **options) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
    return time.perf_counter() - started


def timed_both(command: list[str], **options) -> tuple[float, float]:
    """Wall clock and processor time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(command, **options)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_time(command: list[str], runs: int, **options) -> float:
    timed(command, **options)  # warm the OS file cache and the bytecode; not counted
    return statistics.median(timed(command, **options) for _ in range(runs))


def installed_env() -> dict[str, str]:
    """The environment for start-up timings, with Python's bytecode cache on: pip compiles
    what it installs (spaCy's modules are), but an editable install run under
    PYTHONDONTWRITEBYTECODE compiles every module of replylint anew on every start
    (0.1–0.2 s here), which no installed copy does."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def replylint_command() -> list[str]:
    script = Path(sys.executable).parent / "replylint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "replylint.cli"]


def corpus_files() -> list[tuple[str, Path]]:
    sys.path.insert(0, str(HERE))
    import corpus as generator

    CACHE.mkdir(parents=True, exist_ok=True)
    generated = CACHE / "generated-2500.jsonl"
    if not generated.exists():
        with open(generated, "w", encoding="utf-8") as stream:
            for number, text in enumerate(generator.generate(2500)):
                stream.write(json.dumps({"id": f"gen-{number:05d}", "text": text}, ensure_ascii=False) + "\n")
    corpora = [("generated", generated)]
    if REAL_CORPUS.exists():
        corpora.append(("real-replies", REAL_CORPUS))
    return corpora


def describe(path: Path) -> str:
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    size = sum(len(text.encode("utf-8")) for text in texts)
    words = {word for text in texts for word in re.findall(r"\w+", text.lower())}
    return f"{len(texts)} replies, {size / 1e6:.2f} MB UTF-8, {len(words)} distinct words"


# ---------------------------------------------------------------- sections

def throughput(runs: int) -> None:
    cores = worker_cores()
    print("\n## Throughput (cold passes in fresh processes; medians of", runs, "runs. Each run is")
    print("## a replylint pass on each core with pipeline-floor passes on the other meanwhile,")
    print("## then passes alone on one core: floor, replylint, floor (or replylint, floor,")
    print("## replylint, in turn); CPU time is steadier than wall time on a shared machine)")
    for name, path in corpus_files():
        print(f"\n{name}: {describe(path)}")
        samples: dict[str, list[dict]] = {"pipeline": [], "lint": []}
        shares: list[tuple[float, float]] = []
        alone: list[float] = []
        for run in range(runs):
            # replylint on one core, then on the other: a neighbour's load on one core (seen
            # here: the same pass 40 % slower on one than on the other) weighs on both modes
            floor_cpu = floor_wall = lint_cpu = lint_wall = 0.0
            for lint_core in cores:
                floor_core = next((core for core in cores if core != lint_core), None)
                floors, lint = run_pair(path, lint_core, floor_core)
                samples["pipeline"].extend(floors)
                samples["lint"].append(lint)
                floor_cpu += statistics.median(result["cpu"] for result in floors)
                floor_wall += statistics.median(result["seconds"] for result in floors)
                lint_cpu += lint["cpu"]
                lint_wall += lint["seconds"]
            shares.append((floor_cpu / lint_cpu, floor_wall / lint_wall))
            # drift favours neither: the order alternates, and both modes share a core
            floor_alone, lint_alone = run_alone(path, lint_first=run % 2 == 1, core=cores[run % len(cores)])
            alone.append(floor_alone / lint_alone)
        for mode, results in samples.items():
            wall = statistics.median(result["seconds"] for result in results)
            cpu = statistics.median(result["cpu"] for result in results)
            first = results[0]
            label = f"pipeline floor (tokenizer + sentences + lemma sets), {len(results)} passes" \
                if mode == "pipeline" else "replylint, every bundled rule"
            print(f"  {label}:")
            print(f"    wall {wall:.2f} s, CPU {cpu:.2f} s   {first['tokens'] / cpu:,.0f} tokens/s   "
                  f"{first['replies'] / cpu:,.0f} replies/s (per CPU second)   "
                  f"peak RSS {max(result['max_rss_mb'] for result in results):.0f} MB"
                  + (f"   {first['diagnostics']} diagnostics" if mode == "lint" else ""))
        by_cpu = sorted(share for share, _ in shares)
        print(f"  replylint runs at {statistics.median(by_cpu):.0%} of the floor's throughput by CPU "
              f"time with both cores busy (runs: {', '.join(f'{share:.0%}' for share in by_cpu)}; "
              f"{statistics.median(share for _, share in shares):.0%} by wall time; target ≥ 50 %)")
        alone.sort()
        print(f"  and at {statistics.median(alone):.0%} with each pass alone "
              f"(runs: {', '.join(f'{share:.0%}' for share in alone)}; target ≥ 50 %)")


def startup(runs: int) -> None:
    print("\n## Start-up (wall clock, and CPU time where given; median of", runs, "runs)")
    replylint = replylint_command()
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "draft.txt"
        draft.write_text(SHORT_DRAFT, encoding="utf-8")
        env = installed_env()
        floor_command = [sys.executable, "-c", "import spacy; spacy.blank('ru')"]
        check_command = replylint + ["check", str(draft)]
        for command in (floor_command, check_command):
            timed(command, env=env)  # warm the OS file cache and the bytecode; not counted
        # One of each in turn, run by run: the load of a shared machine swings from one
        # minute to the next, and weighs on both alike within a run. Processor time is
        # the steadier figure there (a busy machine stretches wall time, not the work).
        floors, checks = [], []
        for _ in range(runs):
            floors.append(timed_both(floor_command, env=env))
            checks.append(timed_both(check_command, env=env))
        for label, which in (("wall", 0), ("CPU", 1)):
            floor = statistics.median(run[which] for run in floors)
            check = statistics.median(run[which] for run in checks)
            ratio = statistics.median(mine[which] / theirs[which] for mine, theirs in zip(checks, floors))
            print(f"  {label:<4} floor: python -c \"import spacy; spacy.blank('ru')\"   {floor:.2f} s")
            print(f"  {label:<4} replylint check (one short draft)         {check:.2f} s   "
                  f"{ratio:.2f}× the floor, run by run (target ≤ 1.2×)")
        for arguments in (["rules"], ["explain", "jargon.glossary"], ["--help"]):
            seconds = median_time(replylint + arguments, runs, env=env)
            print(f"  replylint {' '.join(arguments):<30}          {seconds:.2f} s   (target < 0.3 s)")
    examples = sorted((REPO / "examples" / "drafts").glob("*.txt"))
    if examples:
        seconds = median_time(replylint + ["check", str(REPO / "examples" / "drafts")], runs, env=installed_env())
        print(f"  replylint check examples/drafts/ ({len(examples)} files)            {seconds:.2f} s   "
              f"{len(examples) / seconds:.1f} replies/s including start-up")


# ---------------------------------------------------------------- textlint + prh

def jargon_dictionary() -> list[tuple[str, str]]:
    """(term, replacement) for every plain word of the bundled jargon glossaries."""
    sys.path.insert(0, str(REPO))
    from replylint.loader import load_rules

    pairs: list[tuple[str, str]] = []
    for rule in load_rules():
        if rule.kind != "substitution" or rule.category != "jargon":
            continue
        swap = rule.options["swap"]
        entries = [(term, replacement) for term, replacement in swap.items()] if isinstance(swap, dict) \
            else [(entry["match"], entry.get("replace")) for entry in swap]
        for match, replacement in entries:
            if isinstance(replacement, list):
                replacement = replacement[0] if replacement else None
            if not replacement:
                continue
            phrases = match if isinstance(match, list) else [match] if isinstance(match, str) \
                else match.get("phrases") or []
            for phrase in [phrases] if isinstance(phrases, str) else phrases:
                if "{" in phrase or "?" in phrase or "=" in phrase:
                    continue
                for term in _alternatives(phrase):
                    pairs.append((term, replacement))
    return sorted(set(pairs))


def _alternatives(phrase: str) -> list[str]:
    """«на бэке|беке» → «на бэке», «на беке»."""
    results = [""]
    for chunk in phrase.split():
        results = [f"{prefix} {option}".strip() for prefix in results for option in chunk.split("|")]
    return results


def _prh_pattern(term: str) -> str:
    """prh escapes «-» as «\\-», which a JavaScript /u regex rejects («топ-мастер»); such
    terms are given as a regex literal instead."""
    if "-" not in term:
        return term
    return "/" + re.sub(r"([.*+?^${}()|[\]\\/])", r"\\\1", term) + "/"


def install_textlint() -> Path | None:
    if shutil.which("npm") is None or shutil.which("node") is None:
        print("\n## textlint + prh: skipped (npm/node not found)")
        return None
    prefix = CACHE / "npm"
    binary = prefix / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        print(f"  installing {' '.join(NPM_PACKAGES)} into {prefix} …", flush=True)
        prefix.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                                 *NPM_PACKAGES], capture_output=True, text=True)
        if result.returncode != 0 or not binary.exists():
            print("\n## textlint + prh: skipped (npm install failed)\n" + result.stderr[-500:])
            return None
    return binary


def textlint_side_by_side(runs: int) -> None:
    binary = install_textlint()
    if binary is None:
        return
    name, corpus = corpus_files()[0]
    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")][:1000]
    dictionary = jargon_dictionary()
    print(f"\n## textlint + prh vs replylint ({name} corpus, first {len(texts)} replies as files; "
          f"{len(dictionary)} jargon terms; median of {runs} runs, start-up included)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        drafts = root / "drafts"
        drafts.mkdir()
        for number, text in enumerate(texts):
            (drafts / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        prh = root / "prh.yml"
        prh.write_text("version: 1\nrules:\n" + "".join(
            f"  - expected: {json.dumps(replacement, ensure_ascii=False)}\n"
            f"    pattern: {json.dumps(_prh_pattern(term), ensure_ascii=False)}\n"
            for term, replacement in dictionary), encoding="utf-8")
        (root / ".textlintrc.json").write_text(json.dumps(
            {"rules": {"prh": {"rulePaths": [str(prh)]}}}), encoding="utf-8")
        textlint = [str(binary), "--format", "json", "drafts"]
        trial = subprocess.run(textlint, cwd=root, capture_output=True, text=True)
        if not trial.stdout.startswith("["):
            print("  textlint failed, skipped:", (trial.stdout + trial.stderr).strip()[:300])
            return
        replylint_jargon = replylint_command() + ["check", "drafts", "--format", "json", "--select", "jargon"]
        replylint_all = replylint_command() + ["check", "drafts", "--format", "json"]
        seconds = {
            "textlint + prh": median_time(textlint, runs, cwd=root),
            "replylint --select jargon": median_time(replylint_jargon, runs, cwd=root),
            "replylint, every rule": median_time(replylint_all, runs, cwd=root),
        }
        for label, value in seconds.items():
            print(f"  {label:<28} {value:6.2f} s   {len(texts) / value:7.0f} replies/s")
        print(f"  textlint + prh takes {seconds['textlint + prh'] / seconds['replylint --select jargon']:.2f}× "
              f"the time of replylint on the same jargon (and "
              f"{seconds['textlint + prh'] / seconds['replylint, every rule']:.2f}× replylint with every rule)")
        found_prh = _textlint_spans(subprocess.run(textlint, cwd=root, capture_output=True, text=True).stdout,
                                    drafts)
        found_replylint = _replylint_spans(
            subprocess.run(replylint_jargon, cwd=root, capture_output=True, text=True).stdout, drafts)
        _compare(found_prh, found_replylint)


def _textlint_spans(output: str, drafts: Path) -> dict[tuple[str, int], str]:
    """(file, start offset) → matched text, from textlint's JSON (prh's fix range)."""
    spans = {}
    inside_words: dict[str, int] = {}
    for result in json.loads(output or "[]"):
        path = Path(result["filePath"])
        text = path.read_text(encoding="utf-8")
        for message in result["messages"]:
            fix = message.get("fix")
            start, end = fix["range"] if fix else message["range"]
            spans[(path.name, start)] = text[start:end]
            if fix and end < len(text) and text[end].isalpha():
                word_end = end
                while word_end < len(text) and text[word_end].isalpha():
                    word_end += 1
                rewrite = f"«{text[start:word_end]}» → «{fix['text']}{text[end:word_end]}»"
                inside_words[rewrite] = inside_words.get(rewrite, 0) + 1
    if inside_words:
        examples = sorted(inside_words.items(), key=lambda item: -item[1])[:5]
        print(f"  prh matched inside a longer word {sum(inside_words.values())} times (no word boundary "
              f"for Cyrillic, no inflection), fixing e.g. " + ", ".join(f"{text} ×{count}" for text, count in examples))
    return spans


def _replylint_spans(output: str, drafts: Path) -> dict[tuple[str, int], str]:
    spans = {}
    for result in json.loads(output)["files"]:
        for diagnostic in result.get("diagnostics", ()):
            spans[(Path(result["path"]).name, diagnostic["start"])] = diagnostic["text"]
    return spans


def _compare(prh: dict, replylint: dict) -> None:
    both = prh.keys() & replylint.keys()
    only_prh = sorted(prh.keys() - replylint.keys())
    only_replylint = sorted(replylint.keys() - prh.keys())
    print(f"  found: textlint+prh {len(prh)}, replylint (jargon) {len(replylint)}; "
          f"at the same place {len(both)}")

    def sample(keys, spans, limit=8):
        counts: dict[str, int] = {}
        for key in keys:
            counts[spans[key].lower()] = counts.get(spans[key].lower(), 0) + 1
        return ", ".join(f"«{text}» ×{count}" for text, count in
                         sorted(counts.items(), key=lambda item: -item[1])[:limit])

    if only_replylint:
        print(f"  only replylint ({len(only_replylint)}): {sample(only_replylint, replylint)}")
    if only_prh:
        print(f"  only prh ({len(only_prh)}): {sample(only_prh, prh)}")


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description="replylint benchmarks (figures, not tests)")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each measurement")
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--only", choices=["throughput", "startup", "textlint"])
    parser.add_argument("--worker", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--core", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(*arguments.worker, core=arguments.core)
        return
    print(f"replylint benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if arguments.only in (None, "throughput"):
        throughput(arguments.runs)
    if arguments.only in (None, "startup"):
        startup(arguments.runs)
    if arguments.only in (None, "textlint") and not arguments.skip_textlint:
        textlint_side_by_side(arguments.runs)


if __name__ == "__main__":
    main()
