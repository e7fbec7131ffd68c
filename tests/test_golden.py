"""Golden cases: every page in seeds/ and golden/inputs/ against its reviewed expected files.

For a case named STEM:
- ``golden/STEM.txt``: the expected clean text;
- ``golden/STEM.removed.tsv``: one removal per line, ``line<TAB>rule<TAB>text``, so a review shows
  why each line went;
- ``golden/STEM.meta.json``: title, date, author, source, lang, kind.

HTML cases are also cleaned with the fast extractor (``Config(extractor="fast")``), against
``golden/fast/STEM.txt``, ``.removed.tsv`` and ``.meta.json``.

``pytest tests/test_golden.py --update-golden`` rewrites them; read the diff line by line
before committing it: a golden file is a claim that a person checked it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Config, Result, clean

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
CASES = sorted(
    [p for p in (ROOT / "seeds").iterdir() if p.is_file()]
    + [p for p in (GOLDEN / "inputs").glob("*") if p.is_file()]
)


def removed_tsv(result: Result) -> str:
    rows = [f"{r.line}\t{r.rule}\t{r.text}" for r in result.removed]
    return "\n".join(rows) + ("\n" if rows else "")


def meta_json(result: Result) -> str:
    meta = {
        "title": result.title,
        "date": result.date,
        "author": result.author,
        "source": result.source,
        "lang": result.lang,
        "kind": result.kind,
    }
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"


def expected_files(case: Path, folder: Path = GOLDEN) -> dict[str, Path]:
    stem = case.stem
    return {
        "text": folder / f"{stem}.txt",
        "removed": folder / f"{stem}.removed.tsv",
        "meta": folder / f"{stem}.meta.json",
    }


FAST = GOLDEN / "fast"
HTML_CASES = [c for c in CASES if c.suffix in (".html", ".htm")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, request: pytest.FixtureRequest) -> None:
    _check(case, clean(case.read_bytes()), expected_files(case), request)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c.name for c in HTML_CASES])
def test_golden_fast_extractor(case: Path, request: pytest.FixtureRequest) -> None:
    result = clean(case.read_bytes(), config=Config(extractor="fast"))
    assert result.kind == "html"
    assert "extract:fast" in result.steps
    _check(case, result, expected_files(case, FAST), request)


def _check(
    case: Path, result: Result, files: dict[str, Path], request: pytest.FixtureRequest
) -> None:
    actual = {"text": result.text + "\n", "removed": removed_tsv(result), "meta": meta_json(result)}
    if request.config.getoption("--update-golden"):
        for key, path in files.items():
            path.write_text(actual[key], encoding="utf-8")
        return
    for key, path in files.items():
        assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
        assert actual[key] == path.read_text(encoding="utf-8"), f"{case.name}: {key} differs"


def test_every_case_has_expected_files() -> None:
    assert CASES, "no golden cases found"
    assert HTML_CASES, "no HTML golden cases found"
    for case in CASES:
        for path in expected_files(case).values():
            assert path.exists(), f"{path} missing for {case.name}"
    for case in HTML_CASES:
        for path in expected_files(case, FAST).values():
            assert path.exists(), f"{path} missing for {case.name} (fast extractor)"


def test_no_orphan_expected_files() -> None:
    stems = {c.stem for c in CASES}
    for path in GOLDEN.glob("*.txt"):
        assert path.stem in stems, f"{path.name} has no input in seeds/ or golden/inputs/"
    html_stems = {c.stem for c in HTML_CASES}
    for path in FAST.glob("*.txt"):
        assert path.stem in html_stems, f"fast/{path.name} has no HTML input"
