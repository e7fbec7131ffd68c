"""One run of the ``clean`` command, assembled from the library: the inputs' documents
(``cleaner.io.inputs``) routed to their outputs (``cleaner.io.sink``), cleaned by
``clean_many``, written by the sink; counts, messages and the summary line by
``cleaner.report``. What this module adds is the run itself: signals, exit codes, ``--diff``
and ``--keep-lang``, and corpus mode's two passes."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TextIO

from ..batch import Outcome, clean_many
from ..corpus import Corpus, CorpusSettings, dedup_available, source_of
from ..decode import replaced_bytes
from ..io import Document, NotADocument
from ..io.inputs import Source, sources
from ..io.sink import Job, Sink, WriteError
from ..report import Reporter, Stats
from ..types import InputError, Result
from .plan import Plan

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "EXIT_OK", "Runner"]

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


class Runner:
    """A run of a ``Plan``; ``run()`` returns the exit status."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.stats = Stats()
        self.report = Reporter(self.stats, progress=plan.progress, quiet=plan.quiet)
        self.sink = Sink(
            plan.mode,
            plan.out,
            plan.fmt,
            plan.cleaner.config,
            events=self,
            explain=plan.explain,
            skip_existing=plan.skip_existing,
            text_key=plan.text_key,
        )

    # -- what the sink tells (SinkEvents)

    def fail(self, name: str, reason: str) -> None:
        self.stats.failed += 1
        self.report.error(name, reason)

    def not_document(self, item: NotADocument) -> None:
        self.stats.not_documents[item.what] += 1
        if self.plan.verbose:
            self.report.info(f"{item.name}: skipped ({item.what})")

    def up_to_date(self) -> None:
        self.stats.skipped += 1

    # -- the run

    def inputs(self) -> list[Source]:
        """The sources to read; what was met but is not read is reported now."""
        plan = self.plan
        exclude = frozenset(
            {os.path.realpath(plan.out)} if plan.out and plan.mode != "stdout" else ()
        )
        found: list[Source] = []
        for item in sources(
            plan.paths, plan.reading, exclude=exclude, follow_symlinks=plan.follow_symlinks
        ):
            if isinstance(item, Source):
                found.append(item)
            elif item.failed:
                self.fail(item.path, item.reason)
            elif not plan.quiet:
                self.report.info(f"{item.path}: {item.reason}")
        return found

    def run(self) -> int:
        plan = self.plan
        inputs = self.inputs()
        many = any(s.many for s in inputs)
        if any(s.fmt == "warc" for s in inputs) and plan.mode == "dir" and not plan.format_given:
            plan.fmt = self.sink.fmt = "jsonl"  # a WARC holds many documents: mirrored as JSONL
        if not many:
            self.stats.total = len(inputs)
        interrupted = False
        status = EXIT_OK
        previous_term = _stop_on_sigterm()
        jobs = self.sink.route(inputs, plan.reading)
        results = self.corpus_results(jobs) if plan.corpus else run_jobs(jobs, plan)
        try:
            self.sink.open()
            for job, outcome in results:
                self.handle(job, outcome)
                self.report.tick()
        except KeyboardInterrupt:
            interrupted = True
        except WriteError as e:
            self.report.error("clean", str(e))
            status = EXIT_FAILED
        except BrokenProcessPool:
            self.report.error("clean", "a worker process died; the run stopped")
            status = EXIT_FAILED
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            status = EXIT_FAILED
        finally:
            with contextlib.suppress(KeyboardInterrupt):
                results.close()  # workers finish their document and end
            status = self._close(status)
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
        self.stats.bytes_out = self.sink.bytes_out
        self.report.summary(self.sink.where(), interrupted)
        if interrupted:
            return EXIT_INTERRUPTED
        if status != EXIT_OK:
            return status
        return EXIT_FAILED if self.stats.failed else EXIT_OK

    def _close(self, status: int) -> int:
        """Commit the output of a run that ended well; leave it as it was otherwise."""
        if status != EXIT_OK:
            self.sink.abort()
            return status
        for unit in self.sink.open_units:  # an interrupted file is not put in place
            if unit.writer is not None:
                unit.writer.abort()
        try:
            self.sink.commit()
        except WriteError as e:
            self.report.error(self.plan.out or "", str(e).removeprefix(f"{self.plan.out}: "))
            return EXIT_FAILED
        return status

    def handle(self, job: Job, outcome: Outcome[Document]) -> None:
        plan = self.plan
        stats = self.stats
        stats.bytes_in += outcome.bytes_in
        r = outcome.result
        if r is None:
            self.fail(job.name, str(outcome.error or "failed"))
            self.sink.skip(job)
            return
        if plan.keep_lang is not None and r.lang not in plan.keep_lang:
            stats.other_lang += 1
            if plan.verbose:
                self.report.info(f"{job.name}: language {r.lang}, left out (--keep-lang)")
            self.sink.skip(job)
            return
        # The share removed is of the text (kept plus removed characters): an HTML page's
        # markup is not counted as removed.
        stats.chars_in += len(r.text) + sum(len(x.text) for x in r.removed)
        stats.chars_out += len(r.text)
        replaced = sum(replaced_bytes(step) for step in r.steps if step.startswith("decode:"))
        if replaced:
            stats.bytes_replaced += replaced
            stats.docs_replaced += 1
        if plan.diff:
            print_diff(job.name, r, sys.stderr if plan.mode == "stdout" else sys.stdout)
        if r.no_article:
            stats.no_article += 1
        if not r.text and self.sink.drops_empty:
            stats.empty += 1
            if plan.verbose:
                self.report.info(f"{job.name}: nothing left, left out")
            self.sink.skip(job)
            return
        where = self.sink.write(job, r)
        stats.docs += 1
        stats.bytes_out = self.sink.bytes_out
        if plan.verbose:
            self.report.info(f"{job.name} -> {where}")

    # -- corpus mode

    def corpus_results(
        self, routed: Iterable[Job]
    ) -> Generator[tuple[Job, Outcome[Document]], None, None]:
        """Corpus mode: every document is cleaned twice, first to learn (``cleaner.corpus``),
        then to apply what was learned."""
        plan = self.plan
        if plan.corpus_summary and plan.mode == "dir" and plan.out is not None:
            self.sink.claim(os.path.join(plan.out, "corpus-summary.jsonl"), "the corpus summary")
        jobs = list(routed)
        corpus = Corpus(CorpusSettings(dedup=dedup_available()))
        sources: dict[str, str] = {}
        first = run_jobs(jobs, plan)
        try:
            for job, outcome in first:
                if outcome.result is not None:
                    sources[job.doc.id] = key = corpus_source(job.doc, outcome.result)
                    corpus.learn(job.doc.id, key, outcome.result)
        finally:
            first.close()
        corpus.finish()
        kept: list[Job] = []
        dropped = 0
        for job in jobs:
            if plan.drop_duplicates and corpus.duplicate_of(job.doc.id) is not None:
                dropped += 1
                if job.unit is not None and job.unit.shared and job.last_in_unit:
                    same = [j for j in kept if j.unit is job.unit]
                    if same:
                        same[-1].last_in_unit = True
                    else:
                        self.sink.finish(job.unit, job.name)
                continue
            kept.append(job)
        for job, outcome in run_jobs(kept, plan):
            r = outcome.result
            if r is not None:
                key = sources.get(job.doc.id) or corpus_source(job.doc, r)
                r, job.extra = corpus.apply(job.doc.id, key, r, _reader(job.doc, plan))
                outcome = Outcome(job.doc, r, None, outcome.bytes_in)
            yield job, outcome
        self._corpus_summary(corpus, dropped)

    def _corpus_summary(self, corpus: Corpus, dropped: int) -> None:
        plan = self.plan
        t = corpus.totals()
        where = ""
        if plan.corpus_summary:
            lines = [json.dumps(x, ensure_ascii=False) + "\n" for x in corpus.summary()]
            self.sink.write_file(plan.corpus_summary, "".join(lines).encode())
            where = f"; summary in {plan.corpus_summary}"
        if not plan.quiet:
            dups = t["duplicates"]
            self.report.info(
                f"corpus: {t['sources']} sources, {t['boilerplate_lines']} repeated lines learned,"
                f" {t['removed']} removed, {dups} near-duplicate{'' if dups == 1 else 's'}"
                + (f" ({dropped} dropped)" if plan.drop_duplicates else "")
                + where
            )


def run_jobs(
    jobs: Iterable[Job], plan: Plan
) -> Generator[tuple[Job, Outcome[Document]], None, None]:
    """Clean every job through ``clean_many`` (in ``plan.jobs`` processes), in input order."""
    queue: deque[Job] = deque()

    def docs() -> Iterator[Document]:
        for job in jobs:
            queue.append(job)
            yield job.doc

    outcomes = clean_many(plan.cleaner, docs(), kind=plan.kind, lang=plan.lang, workers=plan.jobs)
    try:
        for outcome in outcomes:
            yield queue.popleft(), outcome
    finally:
        outcomes.close()  # workers finish their document and end


def corpus_source(doc: Document, r: Result) -> str:
    """A document's source in corpus mode: the domain of its URL, a JSONL record's "domain" or
    "source" field, else the JSONL file or the folder it is in."""
    field = None
    if doc.record is not None:
        value = doc.record.get("domain") or doc.record.get("source")
        field = value if isinstance(value, str) else None
    key = source_of(doc.url or r.url, field)
    if not key:
        origin = doc.origin or ""
        key = origin if doc.record is not None else source_of(path=origin)
    return key


def _reader(doc: Document, plan: Plan) -> Callable[[], str | bytes]:
    def read() -> str | bytes:
        try:
            return doc.load(plan.cleaner.config.max_bytes)
        except (InputError, OSError):
            return b""

    return read


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def print_diff(name: str, r: Result, stream: TextIO) -> None:
    if not r.removed:
        return
    c = _colour(stream)
    bold, red, yellow, off = ("\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m") if c else ("",) * 4
    lines = [f"{bold}--- {name}{off}"]
    for x in r.removed:
        lines.append(f"{red}-{x.line:>5}{off} {yellow}[{x.rule}]{off} {red}{x.text}{off}")
    stream.write("\n".join(lines) + "\n")
    stream.flush()


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """Make ``kill`` (SIGTERM) stop the run like Ctrl-C; returns the handler to restore."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)
