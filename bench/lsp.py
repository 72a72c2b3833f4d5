"""How long an editor waits for remarks: the time from a ``didChange`` to the server's
``publishDiagnostics`` for that version, on a warm `replylint lsp` (target ≤ 50 ms).

A 60-word draft is opened, checked a few times to warm up, then changed one word at a
time, waiting for each version's diagnostics before the next change (a typist pausing,
so the debounce is part of the figure).

    python bench/lsp.py                 # 40 changes; median and p90 in milliseconds
    python bench/lsp.py --changes 100
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

#: 60 words, with remarks of several rules (jargon, a vague promise, a typo, officialese).
DRAFT = ("Здравствуйте, Анна! Спасибо, что написали нам. Ваш тикет эскалирован на второй уровень "
         "саппорта, и данный вопрос сейчас разбирают специалисты. Мы проверили заказ 45821: "
         "посылка пришла на склад в Казани, но курьер не смог её передать из-за ошибки в адресе. "
         "Пожалуйста, уточните номер квартиры в приложении, и мы отправим посылку повторно. "
         "Ждите ответа в ближайшее время. С уважением, Ольга, служба поддержки.")
#: The word the benchmark changes back and forth (one keystroke's worth of difference).
SWAPS = ("второй", "третий")


async def measure(changes: int, warmup: int) -> list[float]:
    client = LanguageClient("replylint-bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Future] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived[params.version] = time.perf_counter()
        future = waiting.pop(params.version, None)
        if future is not None and not future.done():
            future.set_result(params.diagnostics)

    await client.start_io(sys.executable, "-m", "replylint.cli", "lsp")
    with tempfile.TemporaryDirectory() as folder:
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                             root_uri=Path(folder).as_uri()))
        client.initialized(types.InitializedParams())
        uri = (Path(folder) / "draft.txt").as_uri()
        loop = asyncio.get_running_loop()
        waiting[1] = loop.create_future()
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=DRAFT)))
        found = await asyncio.wait_for(waiting[1], 300)
        assert found, "the draft should have remarks"
        times = []
        for version in range(2, 2 + warmup + changes):
            text = DRAFT.replace(SWAPS[0], SWAPS[version % 2])
            waiting[version] = loop.create_future()
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [types.TextDocumentContentChangeWholeDocument(text=text)]))
            await asyncio.wait_for(waiting[version], 60)
            if version >= 2 + warmup:
                times.append((arrived[version] - sent) * 1000)
            await asyncio.sleep(0.05)  # a pause between keystrokes
        await client.shutdown_async(None)
        client.exit(None)
    await client.stop()
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40, help="changes timed (default 40)")
    parser.add_argument("--warmup", type=int, default=5, help="changes not timed first (default 5)")
    args = parser.parse_args(argv)
    print(f"draft: {len(DRAFT.split())} words")
    times = sorted(asyncio.run(measure(args.changes, args.warmup)))
    p90 = times[max(0, int(round(0.9 * len(times))) - 1)]
    print(f"didChange → publishDiagnostics over {len(times)} changes: median {statistics.median(times):.1f} ms, "
          f"p90 {p90:.1f} ms, max {times[-1]:.1f} ms (target ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
