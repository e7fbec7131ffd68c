"""Where the documents of a run go: a mirrored tree, one stream (a file or standard output), or
nowhere (``--diff`` review). ``Sink.route`` decides, before a document is cleaned, which output
it gets (so that an input whose output is up to date, or whose output another input already
took, is not cleaned at all); ``Sink.write`` writes its result.

In a mirrored tree a page file gets a file of its own (``in/a.html`` -> ``OUT/a.txt``), and a
JSONL or WARC input mirrored as JSONL gets one JSONL file for all its records, streamed into a
temporary file and renamed into place after its last record (memory stays flat). In JSONL (a
stream of records, as datatrove writes too) a document with no text left is left out and
counted; a page's own ``.txt`` or ``.json`` output is written even when empty, so the tree
mirrors the input one to one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from ..records import make_record
from ..types import Config, Result
from .documents import Document, NotADocument, ReadError
from .files import safe_relpath
from .inputs import Source, SourceOptions
from .writers import JsonlWriter, StreamOutput, TreeOutput, json_bytes, text_bytes

__all__ = ["EXT", "Format", "Job", "Mode", "Sink", "SinkEvents", "Unit", "WriteError"]

Format = Literal["txt", "jsonl", "json"]
Mode = Literal["dir", "file", "stdout", "none"]
EXT: dict[str, str] = {"txt": ".txt", "jsonl": ".jsonl", "json": ".json"}


class WriteError(Exception):
    """The output cannot be written (a full disk, an unwritable directory): every later
    document would fail too, so the run stops. Outputs already in place stay."""


class SinkEvents(Protocol):
    """What the sink tells the run about: the run counts and reports it."""

    def fail(self, name: str, reason: str) -> None: ...

    def not_document(self, item: NotADocument) -> None: ...

    def up_to_date(self) -> None: ...


@dataclass(slots=True)
class Unit:
    """One output file in a mirrored tree. A page's output is written at once; the records of
    a JSONL or WARC input (``shared``) stream into a ``JsonlWriter`` as they come."""

    out_path: str
    shared: bool = False
    lines: list[bytes] = field(default_factory=list)
    writer: JsonlWriter | None = None  # a shared output, once its first record came

    @property
    def has_output(self) -> bool:
        return bool(self.lines) or self.writer is not None


@dataclass(slots=True)
class Job:
    """A document routed to its output. ``last_in_unit`` says that the unit is complete after
    it; ``extra`` is metadata added after cleaning (corpus mode)."""

    doc: Document
    unit: Unit | None = None
    last_in_unit: bool = True
    extra: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return self.doc.name


class Sink:
    """The output of a run (see the module docstring); raises ``WriteError`` when it cannot
    write."""

    def __init__(
        self,
        mode: Mode,
        out: str | None,
        fmt: Format,
        config: Config,
        *,
        events: SinkEvents,
        explain: bool = False,
        skip_existing: bool = False,
        text_key: str = "text",
    ) -> None:
        self.mode = mode
        self.out = out
        self.fmt = fmt
        self.config = config
        self.events = events
        self.explain = explain
        self.skip_existing = skip_existing
        self.text_key = text_key
        self.bytes_out = 0
        self.open_units: list[Unit] = []  # shared outputs being written (aborted if the run stops)
        self.tree: TreeOutput | None = None
        self.stream: StreamOutput | None = None
        if mode == "dir":
            assert out is not None
            self.tree = TreeOutput(out)
        elif mode in ("file", "stdout"):
            self.stream = StreamOutput(out if mode == "file" else None, text=fmt == "txt")

    @property
    def drops_empty(self) -> bool:
        """Whether a document with no text left is left out: in JSONL, a stream of records."""
        return self.fmt == "jsonl" and self.mode != "none"

    def where(self) -> str:
        if self.mode == "dir":
            return f"output in {self.out}{os.sep}"
        if self.mode == "file":
            return f"output in {self.out}"
        if self.mode == "stdout":
            return "output on standard output"
        return "no output written (--diff review)"

    # -- opening and closing

    def open(self) -> None:
        try:
            if self.tree is not None:
                self.tree.open(resume=self.skip_existing)
            elif self.stream is not None:
                self.stream.open(resume=self.skip_existing)
        except OSError as e:
            what = "cannot write to the output directory" if self.tree else "cannot write"
            raise WriteError(f"{self.out}: {what}: {e.strerror or e}") from None

    def commit(self) -> None:
        """Put a stream's file in place (a run that ends well)."""
        if self.stream is not None:
            try:
                self.stream.commit()
            except OSError as e:
                raise WriteError(f"{self.out}: cannot write: {e.strerror or e}") from None

    def abort(self) -> None:
        """Leave every unfinished output as it was (a run that stops)."""
        for unit in self.open_units:
            if unit.writer is not None:
                unit.writer.abort()
        if self.stream is not None:
            self.stream.abort()

    def claim(self, out_path: str, name: str) -> bool:
        """Reserve ``out_path`` in the tree for ``name``; False (a failure reported) when
        another input of this run has it."""
        assert self.tree is not None
        other = self.tree.claim(out_path, name)
        if other is not None:
            self.events.fail(name, f"output {out_path} is already written by {other} in this run")
            return False
        return True

    # -- routing

    def route(self, inputs: Iterable[Source], options: SourceOptions) -> Iterator[Job]:
        """Every document of ``inputs`` with its output, in input order; what is not read or
        not cleaned (a bad record, a taken or up-to-date output) is told to ``events``."""
        for source in inputs:
            if source.many:
                yield from self._records(source, options)
                continue
            for item in source.documents(options):
                if not isinstance(item, Document):
                    self._not_read(item)
                    continue
                job = self._page(source, item)
                if job is not None:
                    yield job

    def _not_read(self, item: ReadError | NotADocument) -> None:
        if isinstance(item, ReadError):
            self.events.fail(item.name, item.reason)
        else:
            self.events.not_document(item)

    def _page(self, source: Source, doc: Document) -> Job | None:
        if self.mode != "dir":
            return None if self._already_written(doc.id) else Job(doc)
        unit = self._own_file(source.output_name(EXT[self.fmt]), doc.name, source.mtime)
        return None if unit is None else Job(doc, unit)

    def _records(self, source: Source, options: SourceOptions) -> Iterator[Job]:
        file_unit: Unit | None = None
        if self.mode == "dir" and self.fmt == "jsonl":
            out_path = self._target(source.output_name(".jsonl"), source.path)
            if out_path is None or not self.claim(out_path, source.path):
                return
            if self._up_to_date(out_path, source.mtime):
                return
            file_unit = Unit(out_path, shared=True)
        previous: Job | None = None
        for item in source.documents(options):
            if not isinstance(item, Document):
                self._not_read(item)
                continue
            job = self._record(item, source, file_unit)
            if job is None:
                continue
            if previous is not None:
                previous.last_in_unit = file_unit is None
                yield previous
            previous = job
        if previous is not None:
            yield previous  # last_in_unit stays True
        elif file_unit is not None:
            self.finish(file_unit, source.path)  # an input without documents: an empty file

    def _record(self, doc: Document, source: Source, file_unit: Unit | None) -> Job | None:
        if file_unit is not None or self.mode != "dir":
            return None if self._already_written(doc.id) else Job(doc, file_unit)
        parts = safe_relpath(doc.id)
        if not parts:
            self.events.fail(doc.name, f"id {doc.id!r} cannot name an output file")
            return None
        unit = self._own_file((*parts[:-1], parts[-1] + EXT[self.fmt]), doc.name, source.mtime)
        return None if unit is None else Job(doc, unit)

    def _target(self, parts: tuple[str, ...], name: str) -> str | None:
        assert self.tree is not None
        try:
            return self.tree.path(parts)
        except ValueError as e:
            self.events.fail(name, str(e))
            return None

    def _own_file(self, parts: tuple[str, ...], name: str, mtime: float | None) -> Unit | None:
        """The output file of one document in the tree, or None when the document is skipped:
        its path is unsafe or taken, or it is up to date under ``skip_existing``."""
        out_path = self._target(parts, name)
        if out_path is None or not self.claim(out_path, name):
            return None
        return None if self._up_to_date(out_path, mtime) else Unit(out_path)

    def _up_to_date(self, out_path: str, mtime: float | None) -> bool:
        if self.skip_existing and mtime is not None and TreeOutput.up_to_date(out_path, mtime):
            self.events.up_to_date()
            return True
        return False

    def _already_written(self, doc_id: str) -> bool:
        """Whether a resumed JSONL output already holds this document."""
        if self.mode == "file" and self.stream and doc_id in self.stream.done_ids:
            self.events.up_to_date()
            return True
        return False

    # -- writing

    def render(self, job: Job, r: Result, *, explain: bool = False) -> bytes:
        """The output of one document; ``explain`` puts the full result in the record."""
        if self.fmt == "txt":
            return text_bytes(r.text)
        record = make_record(
            job.doc, r, self.config, text_key=self.text_key, extra=job.extra, explain=explain
        )
        return json_bytes(record, None if self.fmt == "jsonl" else 2)

    def write(self, job: Job, r: Result) -> str:
        """Write the result of ``job``; returns where it went (for ``-v``)."""
        if self.mode == "none":
            return self.where()
        # An output of its own gets the full result beside it; a shared one (a JSONL stream or
        # a mirrored JSONL input) carries it in each record's metadata.
        separate = self.mode == "dir" and job.unit is not None and not job.unit.shared
        data = self.render(job, r, explain=self.explain and not separate)
        if self.mode != "dir":
            assert self.stream is not None
            try:
                self.bytes_out += self.stream.write(data)
            except OSError as e:
                if isinstance(e, BrokenPipeError):
                    raise
                raise WriteError(f"{self.out or '-'}: cannot write: {e.strerror or e}") from None
            return self.where()
        unit = job.unit
        assert unit is not None
        if self.explain and separate:
            explain = os.path.splitext(unit.out_path)[0] + ".explain.json"
            self._write(explain, json.dumps(r.to_dict(), ensure_ascii=False, indent=2).encode())
        if unit.shared:
            self._append(unit, data)
        else:
            unit.lines.append(data)
        if job.last_in_unit:
            self.finish(unit, job.name)
        return unit.out_path

    def skip(self, job: Job) -> None:
        """``job`` is not written (it failed, or is left out): its unit still completes."""
        if job.unit is not None and job.last_in_unit and job.unit.has_output:
            self.finish(job.unit, job.name)

    def finish(self, unit: Unit, name: str) -> None:
        """Put a complete unit in place."""
        if unit.writer is not None:
            try:
                unit.writer.commit()
            except OSError as e:
                raise WriteError(f"{unit.out_path}: cannot write: {e.strerror or e}") from None
            finally:
                self.open_units.remove(unit)
            unit.writer = None
            return
        data = b"".join(unit.lines)
        self._write(unit.out_path, data)
        self.bytes_out += len(data)
        unit.lines.clear()

    def write_file(self, path: str, data: bytes) -> None:
        """A file beside the outputs (the corpus summary)."""
        self._write(path, data)

    def _append(self, unit: Unit, data: bytes) -> None:
        """One more record of a shared output, written to its temporary file now."""
        try:
            if unit.writer is None:
                os.makedirs(os.path.dirname(unit.out_path) or ".", exist_ok=True)
                unit.writer = JsonlWriter(unit.out_path)
                self.open_units.append(unit)
            unit.writer.write(data)
        except OSError as e:
            raise WriteError(f"{unit.out_path}: cannot write: {e.strerror or e}") from None
        self.bytes_out += len(data)

    @staticmethod
    def _write(path: str, data: bytes) -> None:
        try:
            TreeOutput.write(path, data)
        except OSError as e:
            raise WriteError(f"{path}: cannot write: {e.strerror or e}") from None
