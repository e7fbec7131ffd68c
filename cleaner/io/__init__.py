"""Readers and writers: every way documents come into cleaner and go out of it.

- ``files``: walking input trees, safe output paths, atomic writes;
- ``compression``: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` by name, in and out, every read bounded;
- ``readers``: JSONL and WARC (``warc``) files and streams to ``Document`` items;
- ``writers``: a mirrored tree, or one stream (a JSONL file compressed by name, renamed into
  place when complete; standard output);
- ``inputs``: the inputs of a run (files, trees, globs, standard input) as ``Source`` objects
  whose documents the readers give, each with the Dolma fields of its record;
- ``sink``: where each document of a run goes (routed before it is cleaned) and its writing.

The ``clean`` command and the datatrove steps assemble the same path: a reader yields documents,
``Cleaner.clean_many`` cleans them, a writer writes them. ``inputs`` and ``sink`` are imported
from their modules (``cleaner.io.inputs``, ``cleaner.io.sink``).
"""

from .compression import (
    COMPRESSIONS,
    CORRUPT_ERRORS,
    compressing,
    compression_of,
    decompressing,
    open_input,
    read_bounded,
    read_lines,
    strip_compression,
)
from .documents import Document, NotADocument, ReadError
from .files import (
    TEMP_SUFFIX,
    AtomicFile,
    InputFile,
    Skipped,
    atomic_write,
    ensure_inside,
    glob_base,
    has_magic,
    is_inside,
    remove_stale_temp_files,
    safe_relpath,
    walk,
)
from .readers import InputFormat, format_of, read_file, read_jsonl, read_records, read_stream
from .warc import is_warc_name, read_warc
from .writers import JsonlWriter, StreamOutput, TreeOutput, json_bytes, text_bytes

__all__ = [
    "COMPRESSIONS",
    "CORRUPT_ERRORS",
    "TEMP_SUFFIX",
    "AtomicFile",
    "Document",
    "InputFile",
    "InputFormat",
    "JsonlWriter",
    "NotADocument",
    "ReadError",
    "Skipped",
    "StreamOutput",
    "TreeOutput",
    "atomic_write",
    "compressing",
    "compression_of",
    "decompressing",
    "ensure_inside",
    "format_of",
    "glob_base",
    "has_magic",
    "is_inside",
    "is_warc_name",
    "json_bytes",
    "open_input",
    "read_bounded",
    "read_file",
    "read_jsonl",
    "read_lines",
    "read_records",
    "read_stream",
    "read_warc",
    "remove_stale_temp_files",
    "safe_relpath",
    "strip_compression",
    "text_bytes",
    "walk",
]
