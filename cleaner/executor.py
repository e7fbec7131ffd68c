"""``clean --executor local|ray|slurm``: a datatrove read, clean, write pipeline.

The ``clean`` command hands over here when ``--executor`` is given; everything datatrove is
imported lazily, so ``cleaner`` and the plain ``clean`` command work without it.

    clean pages/ -o out/ --executor local --tasks 8 --workers 2
    clean crawl.jsonl.gz --in jsonl -o out/ --executor ray --tasks 64
    clean s3://bucket/pages/ -o s3://bucket/clean/ --executor slurm --partition cpu --tasks 500

Input is one folder of pages (one file one document, every file under it), a folder of JSONL
files (``--in jsonl``) or one JSONL file, a folder of WARC files (``--in warc``, or every file
named ``*.warc*``) or one WARC file; compressed files are read by name. Remote paths (``s3://``, ``hf://``, ...) work when the
matching fsspec package is installed. Output is a folder with one ``RANK.jsonl`` per task
(datatrove's document schema: ``text``, ``id``, ``metadata``). datatrove shards by file: task
``r`` of ``n`` reads files ``r``, ``r + n``, ...; a single JSONL file is read by one task.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .io import format_of
from .types import Config, Kind

__all__ = ["EXECUTORS", "add_arguments", "build_pipeline", "make_executor", "run_from_args"]

EXECUTORS = ("local", "ray", "slurm")
ExecutorName = Literal["local", "ray", "slurm"]


_SUFFIXES = {"gz": "gzip", "bz2": "bz2", "xz": "xz", "zst": "zstd"}
"""``--compress`` choice -> fsspec's compression name (the file suffix is the choice)."""


class ExecutorUsageError(Exception):
    """A cluster command line that cannot run (exit status 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The cluster options of the ``clean`` command."""
    g = parser.add_argument_group(
        "cluster runs (datatrove; pip install 'cleaner[datatrove]', 'cleaner[ray]' for Ray)"
    )
    g.add_argument(
        "--executor",
        choices=EXECUTORS,
        help="run a datatrove read/clean/write pipeline: PATH is a folder of pages, a folder of "
        "JSONL files or one JSONL file (--in jsonl), a folder of WARC files or one WARC file; "
        "-o is a folder getting one RANK.jsonl per task",
    )
    g.add_argument("--tasks", type=int, metavar="N", help="tasks (shards of the input files)")
    g.add_argument(
        "--workers", type=int, default=-1, metavar="N", help="tasks run at once (-1: all)"
    )
    g.add_argument("--logging-dir", metavar="DIR", help="datatrove logs (default: OUT.logs)")
    g.add_argument("--glob", metavar="PATTERN", help="read only input files matching this")
    g.add_argument(
        "--compress",
        choices=sorted(_SUFFIXES),
        help="write RANK.jsonl.gz (or .bz2, .xz, .zst) instead of plain RANK.jsonl",
    )
    g.add_argument("--partition", help="slurm: partition (required)")
    g.add_argument("--time", default="24:00:00", help="slurm: time limit per job array task")
    g.add_argument("--job-name", default="cleaner", help="slurm: job name")
    g.add_argument("--qos", default="", help="slurm: quality of service")
    g.add_argument("--cpus-per-task", type=int, default=1, metavar="N", help="slurm/ray")
    g.add_argument("--mem-per-cpu-gb", type=float, default=2, metavar="GB", help="slurm/ray")
    g.add_argument(
        "--sbatch-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="slurm: extra #SBATCH option (repeatable), e.g. account=proj",
    )
    g.add_argument(
        "--env-command",
        metavar="CMD",
        help="slurm: shell command that sets up Python on the nodes "
        "(default: activate this virtual environment)",
    )
    g.add_argument(
        "--dry-run",
        action="store_true",
        help="slurm: write the sbatch script into the logging folder, submit nothing",
    )
    g.add_argument(
        "--ray-address",
        metavar="ADDR",
        help="ray: cluster to join (default: $RAY_ADDRESS, else a local cluster)",
    )


# ------------------------------------------------------------------------------------ pipeline


def _is_remote(path: str) -> bool:
    return "://" in path


def _split_input(path: str, glob: str | None) -> tuple[str, str | None, bool]:
    """(folder, glob pattern, recursive) for a folder or a single file."""
    if not _is_remote(path) and os.path.isfile(path):
        return os.path.dirname(os.path.abspath(path)), os.path.basename(path), False
    return path, glob, True


def input_format(source: str, requested: str = "auto") -> Literal["text", "jsonl", "warc"]:
    """How the executor reads ``source``: as asked; else WARC when it is a WARC file, or a
    local folder whose files are all WARC files; else pages."""
    if requested != "auto":
        return requested  # type: ignore[return-value]
    if _is_remote(source) or not os.path.isdir(source):
        return format_of(os.path.basename(source.rstrip("/")))
    names = [
        name
        for _dir, _subdirs, files in os.walk(source)
        for name in files
        if not name.startswith(".")
    ]
    return "warc" if names and all(format_of(n) == "warc" for n in names) else "text"


def build_pipeline(
    source: str,
    output: str,
    *,
    config: Config | None = None,
    jsonl: bool = False,
    fmt: Literal["auto", "text", "jsonl", "warc"] = "auto",
    kind: Kind = "auto",
    lang: str | None = None,
    text_key: str = "text",
    id_key: str = "id",
    glob: str | None = None,
    keep_langs: frozenset[str] | None = None,
    compress: str | None = None,
) -> list[Any]:
    """Read (``PageReader``, ``RecordReader`` for JSONL or ``WarcReader``: the readers of
    ``cleaner.io``), clean (``CleanDocuments``, through ``clean_many``), write (``JsonlWriter``,
    one ``RANK.jsonl`` per task into ``output``, ``RANK.jsonl.gz`` with ``compress="gz"``, and
    likewise ``bz2``, ``xz`` and ``zst``)."""
    from datatrove.pipeline.writers import JsonlWriter

    from .datatrove import CleanDocuments, PageReader, RecordReader, WarcReader

    config = config or Config()
    folder, pattern, recursive = _split_input(source, glob)
    how = input_format(source, "jsonl" if jsonl else fmt)
    reader: Any
    if how == "jsonl":
        reader = RecordReader(
            folder,
            glob_pattern=pattern,
            recursive=recursive,
            text_key=text_key,
            id_key=id_key,
            max_bytes=config.max_bytes,
        )
    elif how == "warc":
        reader = WarcReader(
            folder, glob_pattern=pattern, recursive=recursive, max_bytes=config.max_bytes
        )
    else:
        reader = PageReader(
            folder, kind=kind, glob_pattern=pattern, recursive=recursive, max_bytes=config.max_bytes
        )
    return [
        reader,
        CleanDocuments(config, kind=kind, lang=lang, keep_langs=keep_langs),
        JsonlWriter(
            output,
            output_filename="${rank}.jsonl" + (f".{compress}" if compress else ""),
            compression=_SUFFIXES[compress] if compress else None,
        ),
    ]


def make_executor(
    name: ExecutorName,
    pipeline: list[Any],
    *,
    tasks: int = 1,
    workers: int = -1,
    logging_dir: str | None = None,
    skip_completed: bool = True,
    stderr_level: str = "INFO",
    partition: str | None = None,
    time: str = "24:00:00",
    job_name: str = "cleaner",
    qos: str = "",
    cpus_per_task: int = 1,
    mem_per_cpu_gb: float = 2,
    sbatch_args: dict[str, str] | None = None,
    env_command: str | None = None,
) -> Any:
    """The datatrove executor named ``name`` over ``pipeline``. For ``"ray"``, connect first
    (``ray.init``; ``run_from_args`` does it)."""
    if name == "local":
        from .datatrove import LocalExecutor

        local = LocalExecutor(
            pipeline,
            tasks=tasks,
            workers=workers,
            logging_dir=logging_dir,
            skip_completed=skip_completed,
        )
        local.stderr_level = stderr_level
        return local
    if name == "ray":
        from .datatrove import RayExecutor

        ray = RayExecutor(
            pipeline,
            tasks=tasks,
            workers=workers,
            logging_dir=logging_dir,
            skip_completed=skip_completed,
            cpus_per_task=cpus_per_task,
            mem_per_cpu_gb=mem_per_cpu_gb,
        )
        ray.stderr_level = stderr_level
        return ray
    if name == "slurm":
        from datatrove.executor import SlurmPipelineExecutor

        if not partition:
            raise ExecutorUsageError("--executor slurm needs --partition")
        if env_command is None:
            activate = os.path.join(sys.prefix, "bin", "activate")
            env_command = f"source {activate}" if os.path.isfile(activate) else None
        return SlurmPipelineExecutor(
            pipeline,
            tasks=tasks,
            time=time,
            partition=partition,
            workers=workers,
            job_name=job_name,
            qos=qos,
            cpus_per_task=cpus_per_task,
            mem_per_cpu_gb=int(mem_per_cpu_gb) if mem_per_cpu_gb >= 1 else 1,
            sbatch_args=sbatch_args or None,
            env_command=env_command,
            logging_dir=logging_dir,
            skip_completed=skip_completed,
        )
    raise ExecutorUsageError(f"unknown executor {name!r}; use one of {', '.join(EXECUTORS)}")


@contextlib.contextmanager
def no_submission() -> Iterator[list[str]]:
    """Within this block a Slurm executor writes its job (``executor.pik``,
    ``launch_script.slurm``, ``ranks_to_run.json`` in the logging folder) but submits nothing;
    the sbatch scripts it would have submitted are collected in the yielded list."""
    from datatrove.executor import slurm

    scripts: list[str] = []

    def fake_submit(contents: str, job_id_retriever: Any, *args: str) -> str:
        scripts.append(contents)
        return f"dry-run-{len(scripts)}"

    original = slurm.launch_slurm_job
    slurm.launch_slurm_job = fake_submit
    try:
        yield scripts
    finally:
        slurm.launch_slurm_job = original


# ------------------------------------------------------------------------------------ the command


def _sbatch_args(items: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ExecutorUsageError(f"--sbatch-arg {item!r}: use KEY=VALUE (e.g. account=proj)")
        out[key.strip().lstrip("-")] = value.strip()
    return out


def _check(args: argparse.Namespace) -> None:
    paths: list[str] = args.paths
    if len(paths) != 1 or paths[0] == "-":
        raise ExecutorUsageError("--executor takes one PATH: a folder, or one JSONL file")
    if not _is_remote(paths[0]) and not os.path.exists(paths[0]):
        raise ExecutorUsageError(f"{paths[0]}: no such file or directory")
    if (
        not _is_remote(paths[0])
        and os.path.isfile(paths[0])
        and input_format(paths[0], args.input_format) == "text"
    ):
        raise ExecutorUsageError(
            f"{paths[0]}: with --executor a single file is read as JSONL (add --in jsonl) or "
            "WARC; pages are read from a folder"
        )
    out = args.output
    if not out or out == "-" or out.endswith(".jsonl"):
        raise ExecutorUsageError(
            "--executor writes one RANK.jsonl per task: give -o DIR (a folder)"
        )
    if not _is_remote(out) and os.path.exists(out) and not os.path.isdir(out):
        raise ExecutorUsageError(f"{out}: exists and is not a directory")
    if args.format not in (None, "jsonl"):
        raise ExecutorUsageError("--executor writes JSONL records (--format jsonl)")
    if getattr(args, "corpus", False):
        raise ExecutorUsageError("--corpus is for local runs without --executor")
    if args.explain or args.diff:
        raise ExecutorUsageError("--explain and --diff are for local runs without --executor")
    if args.dry_run and args.executor != "slurm":
        raise ExecutorUsageError("--dry-run is for --executor slurm")
    if args.tasks is not None and args.tasks < 1:
        raise ExecutorUsageError("--tasks must be 1 or more")
    if args.workers == 0 or args.workers < -1:
        raise ExecutorUsageError("--workers must be 1 or more (or -1 for all tasks at once)")


def _load_stats(logging_dir: str) -> list[dict[str, Any]]:
    from datatrove.io import get_datafolder

    folder = get_datafolder(logging_dir)
    if not folder.isfile("stats.json"):
        return []
    with folder.open("stats.json", "r") as f:
        data = json.load(f)
    return data if isinstance(data, list) else []


def _forget_stats(logging_dir: str) -> None:
    from datatrove.io import get_datafolder

    folder = get_datafolder(logging_dir)
    if folder.isfile("stats.json"):
        folder.rm("stats.json")


def _total(value: Any) -> int:
    if isinstance(value, dict):
        return int(value.get("total", 0))
    return int(value or 0)


def _output_bytes(output: str) -> int:
    """The size of what the run wrote (the task files of the output folder)."""
    from datatrove.io import get_datafolder

    try:
        folder = get_datafolder(output)
        return sum(int(folder.size(f)) for f in folder.list_files(glob_pattern="*.jsonl*"))
    except (OSError, ValueError):
        return 0


def run_stats(stats: list[dict[str, Any]], bytes_out: int = 0) -> Any:
    """The ``clean`` command's ``Stats`` of a finished run, read from datatrove's merged stats:
    the same counts the plain command reports, so both print the same summary line."""
    from .report import Stats

    out = Stats(bytes_out=bytes_out)
    not_pages: Counter[str] = Counter()
    for step in stats:
        s = step.get("stats", {})
        name = step.get("name", "")
        out.bytes_replaced += _total(s.get("bytes_replaced"))  # the readers decode pages
        out.docs_replaced += _total(s.get("docs_replaced"))
        out.empty += _total(s.get("empty"))  # read empty, or cleaned to nothing: left out
        if "cleaner" in name:
            out.docs += _total(s.get("forwarded"))
            out.failed += _total(s.get("input_error")) + _total(s.get("internal_error"))
            out.other_lang += _total(s.get("other_lang"))
            out.no_article += _total(s.get("no_article"))
            out.bytes_in += _total(s.get("bytes_in"))
            out.chars_out += _total(s.get("chars_out"))
            out.chars_in += _total(s.get("chars_out")) + _total(s.get("removed_chars"))
        else:  # the readers
            out.failed += sum(_total(s.get(k)) for k in ("undecodable", "too_large", "bad_record"))
            for key, value in s.items():
                if key.startswith("not_page_"):
                    not_pages[key.removeprefix("not_page_")] += _total(value)
    out.not_documents = not_pages
    return out


@dataclass(frozen=True, slots=True)
class _Run:
    """A cluster run ready to start."""

    executor: Any
    out: str
    logging_dir: str
    tasks: int
    level: str


def _prepare(args: argparse.Namespace) -> _Run:
    """The executor of a checked ``clean --executor`` command line (``_check``);
    ``ExecutorUsageError`` when it cannot run."""
    sbatch = _sbatch_args(args.sbatch_arg)
    config = Config(
        disabled_rules=frozenset(args.disable),
        extractor=args.extractor,
        title_in_text=args.title_in_text,
    )
    level = "ERROR" if args.quiet else ("INFO" if args.verbose else "WARNING")
    source, out = args.paths[0], args.output.rstrip("/") or args.output
    logging_dir = args.logging_dir or f"{out}.logs"
    tasks = args.tasks or args.jobs
    try:
        pipeline = build_pipeline(
            source,
            out,
            config=config,
            fmt=args.input_format,
            kind=args.kind,
            lang=args.lang,
            text_key=args.text_key,
            id_key=args.id_key,
            glob=args.glob,
            keep_langs=args.keep_lang,
            compress=args.compress,
        )
    except ValueError as e:
        raise ExecutorUsageError(str(e)) from None
    executor = make_executor(
        args.executor,
        pipeline,
        tasks=tasks,
        workers=args.workers,
        logging_dir=logging_dir,
        skip_completed=args.skip_existing,
        stderr_level=level,
        partition=args.partition,
        time=args.time,
        job_name=args.job_name,
        qos=args.qos,
        cpus_per_task=args.cpus_per_task,
        mem_per_cpu_gb=args.mem_per_cpu_gb,
        sbatch_args=sbatch,
        env_command=args.env_command,
    )
    return _Run(executor, out, logging_dir, tasks, level)


def run_from_args(args: argparse.Namespace) -> int:
    """Run ``clean --executor ...``; returns the exit status."""
    from .datatrove import DATATROVE_MISSING, have_datatrove

    try:
        _check(args)
        if not have_datatrove():
            print(f"clean: error: {DATATROVE_MISSING}", file=sys.stderr)
            return 2
        run = _prepare(args)
    except ExecutorUsageError as e:
        print(f"clean: error: {e}", file=sys.stderr)
        return 2
    if args.executor == "slurm":
        return _submit(run, dry_run=args.dry_run)
    return _run_here(run, args)


def _submit(run: _Run, *, dry_run: bool) -> int:
    if dry_run:
        with no_submission():
            run.executor.run()
        script = os.path.join(run.logging_dir, "launch_script.slurm")
        print(f"clean: dry run: sbatch script in {script}; nothing submitted", file=sys.stderr)
    else:
        run.executor.run()
        print(
            f"clean: submitted Slurm job {run.executor.job_id} ({run.tasks} tasks); output in "
            f"{run.out}/, logs and stats in {run.logging_dir}/",
            file=sys.stderr,
        )
    return 0


def _run_here(run: _Run, args: argparse.Namespace) -> int:
    """A local or Ray run: it ends with the plain command's summary line."""
    from .datatrove import stderr_level

    out, logging_dir = run.out, run.logging_dir
    _forget_stats(logging_dir)  # the summary must be this run's
    start = time.monotonic()
    try:
        if args.executor == "ray":
            import ray

            if not ray.is_initialized():
                ray.init(address=args.ray_address or os.environ.get("RAY_ADDRESS") or None)
        with stderr_level(run.level):
            run.executor.run()
    except KeyboardInterrupt:
        print("clean: interrupted; rerun with --skip-existing to finish", file=sys.stderr)
        return 130
    except Exception as e:
        print(
            f"clean: a task failed: {type(e).__name__}: {e}; logs in {logging_dir}/",
            file=sys.stderr,
        )
        return 1
    stats = _load_stats(logging_dir)
    if not stats:
        if args.skip_existing and not run.executor.get_incomplete_ranks():
            print(f"clean: every task was already complete; output in {out}/", file=sys.stderr)
            return 0
        print(f"clean: some tasks did not complete; logs in {logging_dir}/", file=sys.stderr)
        return 1
    from .report import summary_line

    totals = run_stats(stats, _output_bytes(out))
    if not args.quiet:
        where = f"output in {out}/, logs in {logging_dir}/"
        print(summary_line(totals, time.monotonic() - start, where), file=sys.stderr)
    return 1 if totals.failed else 0
