"""Extract many articles: in parallel across cores, in input order, with guards.

Guards, so that no input hangs a run:
- an article over `max_chars` characters is refused with a clear error (default
  1,000,000: a 5 MB "article" is a broken scrape, not news);
- each article gets `timeout` seconds (a SIGALRM timer inside the worker); past it,
  that article fails with a clear error and the run goes on;
- the rules themselves skip sentences over 2,000 characters and bound every count.

Output order is input order (`Pool.imap`), and records carry no wall-clock time, so
the same input gives byte-identical JSON Lines however many workers run.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.extractors.articles import ArticleInput, ArticleInputError, iter_articles
from ingest.extractors.interface import load_extractor

MAX_CHARS = 1_000_000
# A worker allocates many short-lived objects per article (matches, mentions, dicts);
# the collector's default (a young-generation pass every 700 allocations) spent ~3% of
# its time re-examining objects an article still holds. Workers only.
WORKER_GC_THRESHOLD = (20_000, 10, 10)
# What survives an article in a worker is the finders' caches, which grow all run long;
# every collection re-examined them and freed nothing (~3% of a worker's time at 5,000
# articles, most of it in the older generations). A worker freezes the survivors every
# so many articles, so that a collection reads only what the articles since allocated.
# The cost: cyclic garbage alive at a freeze is never freed; the extractor makes none.
WORKER_FREEZE_EVERY = 100
TIMEOUT_SECONDS = 20.0
# Below this many articles the start-up of worker processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 32
# Inputs up to this size are read at once (and their chunk size fitted to them);
# larger ones stream with at most IN_FLIGHT_CHUNKS chunks per worker read ahead.
STREAM_AFTER_ARTICLES = 20_000
IN_FLIGHT_CHUNKS = 8


@dataclass(frozen=True, slots=True)
class Outcome:
    source: str
    article_id: str | None
    line: str | None  # the record as one JSON line (no newline), or None on error
    error: str | None
    strikes: int = 0
    interceptions: int = 0
    visits: int = 0


class ArticleTimeout(TimeoutError):
    pass


_worker_extractor: Callable | None = None
_worker_settings: dict = {}
# True while SIGALRM stays with `_on_alarm` (a worker; the in-process loop while it runs)
_alarm_handler_kept = False


def _load(spec: str | None, timeout: float, max_chars: int) -> None:
    global _worker_extractor
    _worker_extractor = load_extractor(spec)
    _worker_settings.update(timeout=timeout, max_chars=max_chars)


def _init_worker(spec: str | None, timeout: float, max_chars: int) -> None:
    # a worker ignores Ctrl-C; the parent decides when to stop
    global _alarm_handler_kept
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker_extractor is None or _worker_settings.get("spec") != spec:
        _load(spec, timeout, max_chars)
    _worker_settings.update(timeout=timeout, max_chars=max_chars, spec=spec)
    # a worker process is ours: SIGALRM stays with the article timer
    signal.signal(signal.SIGALRM, _on_alarm)
    _alarm_handler_kept = True
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    _worker_settings["freeze_every"] = WORKER_FREEZE_EVERY
    _worker_settings["since_freeze"] = 0


def _freeze_survivors_now_and_then() -> None:
    """In a worker, `gc.freeze()` once every `WORKER_FREEZE_EVERY` articles."""
    every = _worker_settings.get("freeze_every")
    if not every:
        return  # not a worker: the caller's process keeps its collector as it was
    count = _worker_settings["since_freeze"] + 1
    if count >= every:
        gc.freeze()
        count = 0
    _worker_settings["since_freeze"] = count


def _on_alarm(signum, frame):  # pragma: no cover - exercised through the timeout test
    raise ArticleTimeout()


def _extract_one(article: ArticleInput | ArticleInputError) -> Outcome:
    if isinstance(article, ArticleInputError):
        return Outcome(source="", article_id=None, line=None, error=str(article))
    max_chars = _worker_settings.get("max_chars", MAX_CHARS)
    timeout = _worker_settings.get("timeout", TIMEOUT_SECONDS)
    if len(article.text) > max_chars:
        return Outcome(
            article.source,
            article.article_id,
            None,
            f"{article.source}: text has {len(article.text):,} characters, over the "
            f"{max_chars:,} limit per article (--max-chars)",
        )
    use_timer = timeout > 0 and threading.current_thread() is threading.main_thread()
    previous = None
    # installing a handler costs more than a small article's extraction: a worker (or
    # the in-process loop) installs it once and keeps it; otherwise install and restore
    install = use_timer and not _alarm_handler_kept
    if install:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    if use_timer:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        record = _worker_extractor(article)
        line = record.model_dump_json()
    except ArticleTimeout:
        return Outcome(
            article.source,
            article.article_id,
            None,
            f"{article.source}: extraction took over {timeout:g} s and was stopped",
        )
    except Exception as error:  # one bad article must not stop the run
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return Outcome(
            article.source,
            article.article_id,
            None,
            f"{article.source}: {type(error).__name__}: {first}",
        )
    finally:
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if install:
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
        _freeze_survivors_now_and_then()
    return Outcome(
        article.source,
        record.article.article_id,
        line,
        None,
        len(record.strikes),
        len(record.interceptions),
        len(record.visits),
    )


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def extract_articles(
    articles: Iterable[ArticleInput | ArticleInputError],
    extractor: str | None = None,
    workers: int | None = None,
    timeout: float = TIMEOUT_SECONDS,
    max_chars: int = MAX_CHARS,
) -> Iterator[Outcome]:
    """One outcome per input item, in input order.

    The input is read as the workers need it: a corpus of a million articles is never
    held in memory at once (see `_bounded`)."""
    stream = iter(articles)
    head = list(itertools.islice(stream, STREAM_AFTER_ARTICLES))
    workers = workers or default_workers()
    # load (and warm) the extractor before forking, so workers inherit it ready
    _load(extractor, timeout, max_chars)
    _worker_settings["spec"] = extractor
    _warm()
    if workers <= 1 or len(head) < PARALLEL_MIN_ARTICLES or not _can_fork():
        yield from _extract_in_process(itertools.chain(head, stream), timeout)
        return
    context = multiprocessing.get_context("fork")
    # about 32 chunks per worker: few enough that passing them costs nothing, many
    # enough that the last chunk a worker finishes alone is a small part of the run
    chunk = max(1, min(64, len(head) // (workers * 32)))
    with context.Pool(
        workers, initializer=_init_worker, initargs=(extractor, timeout, max_chars)
    ) as pool:
        if len(head) < STREAM_AFTER_ARTICLES:
            yield from pool.imap(_extract_one, head, chunksize=chunk)
            return
        in_flight = threading.BoundedSemaphore(chunk * workers * IN_FLIGHT_CHUNKS)
        items = _bounded(itertools.chain(head, stream), in_flight)
        del head
        for outcome in pool.imap(_extract_one, items, chunksize=chunk):
            in_flight.release()
            yield outcome


def _bounded(items: Iterator, in_flight: threading.BoundedSemaphore) -> Iterator:
    """`items`, each taken only once fewer than the semaphore's count are in flight.

    `Pool.imap` feeds its workers from a thread that reads the whole input as fast as
    it can and queues it; this makes that thread wait instead, so memory holds the
    articles being worked on, not the corpus. The caller releases one per outcome.
    The count must exceed the items of the chunks all workers hold at once, or the
    feeder would wait for a chunk that cannot be sent."""
    for item in items:
        in_flight.acquire()
        yield item


def _extract_in_process(items: Iterable, timeout: float) -> Iterator[Outcome]:
    """`_extract_one` over the items in this process, with the SIGALRM handler set
    once for the run and the caller's handler put back at the end."""
    global _alarm_handler_kept
    if (
        _alarm_handler_kept
        or timeout <= 0
        or threading.current_thread() is not threading.main_thread()
    ):
        for item in items:
            yield _extract_one(item)
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _alarm_handler_kept = True
    try:
        for item in items:
            yield _extract_one(item)
    finally:
        _alarm_handler_kept = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def _warm() -> None:
    """Build the gazetteer, the sentencizer and the weapon-model pattern once, in the
    parent, before forking: every worker would otherwise build its own."""
    if _worker_settings.get("spec") in (None, "", "rules"):
        from ingest.extractors.rules.gazetteer import get_gazetteer
        from ingest.extractors.rules.interceptions import find_models
        from ingest.extractors.rules.text import sentencizer

        get_gazetteer()
        sentencizer()
        find_models("")  # loads the weapon-model table and compiles its pattern
        # the gazetteer and spaCy's tables live as long as the process: keep them out
        # of the collector's passes (and forked workers from touching their pages)
        # (once: no collection first, which would cost a short run ~0.1 s)
        if not _worker_settings.get("frozen"):
            gc.freeze()
            _worker_settings["frozen"] = True


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def extract_paths(
    paths: Iterable[str | Path],
    extractor: str | None = None,
    workers: int | None = None,
    on_error: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """JSON lines (without newline) of the records of every article under `paths`.

    Articles that fail are skipped; `on_error` hears why (default: a warning on stderr).
    """
    report = on_error or _warn
    for outcome in extract_articles(iter_articles(paths), extractor=extractor, workers=workers):
        if outcome.line is not None:
            yield outcome.line
        else:
            report(outcome.error or "unknown error")


def _warn(message: str) -> None:
    import sys

    print(f"warning: {message}", file=sys.stderr)
