"""The committed test data: each file has its source and licence, copies match ../shared."""

from __future__ import annotations

import csv
import fnmatch
import re
from pathlib import Path

import pytest

from tests.conftest import CONTRACTS, CORPUS, FIXTURES, REPO, SCREENING, SHARED

# Folders whose README.md must list every file (by name or glob) with its licence.
DATA_FOLDERS = [FIXTURES, REPO / "corpora" / "demo"]


def _listed_patterns(readme: Path) -> list[str]:
    """The `file` column of the "Sources and licences" table (backquoted, comma-separated)."""
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Sources and licences", 1)
    assert len(section) == 2, f"{readme} has no '## Sources and licences' section"
    patterns = []
    for line in re.split(r"\n## ", section[1])[0].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 4 or cells[0] in ("file", "---"):
            continue
        assert cells[-1], f"{readme}: no licence for {cells[0]}"
        patterns += re.findall(r"`([^`]+)`", cells[0])
    return patterns


@pytest.mark.parametrize("folder", DATA_FOLDERS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_data_file_has_a_source_and_licence(folder: Path) -> None:
    patterns = _listed_patterns(folder / "README.md")
    unlisted = [
        str(path.relative_to(folder))
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.name != "README.md"
        and "__pycache__" not in path.parts
        and not any(fnmatch.fnmatch(str(path.relative_to(folder)), p) for p in patterns)
    ]
    assert not unlisted, f"add these to {folder}/README.md (file, source, licence): {unlisted}"


def test_non_commercial_material_is_never_committed() -> None:
    """The IRISS Insight (non-commercial use only) and files made from it stay in ../shared."""
    assert not [p for p in FIXTURES.rglob("*") if re.search(r"(^|_)001[_.]", p.name)]


def _copies() -> list[tuple[Path, Path]]:
    """(committed file, the ../shared file it copies)."""
    pairs = [(p, SHARED / "contracts" / p.name) for p in sorted(CONTRACTS.iterdir())]
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.name != "README.md":
            relative = path.relative_to(CORPUS)
            if relative.parts[0] == "gold":
                pairs.append((path, SHARED / relative))
            else:
                pairs.append((path, SHARED / "corpus" / relative))
    return pairs


@pytest.fixture(scope="module")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout: nothing to compare the copies with")
    return SHARED


@pytest.mark.parametrize(
    ("copy", "original"), _copies(), ids=lambda p: str(p).rsplit("fixtures/", 1)[-1]
)
def test_committed_copy_is_identical_to_shared(shared: Path, copy: Path, original: Path) -> None:
    assert original.is_file(), f"{original} is gone from ../shared: remove or update {copy}"
    assert copy.read_bytes() == original.read_bytes(), (
        f"{copy} differs from {original}: cp {original} {copy}"
    )


def test_every_shared_contract_is_committed(shared: Path) -> None:
    names = {p.name for p in (shared / "contracts").glob("*.schema.json")}
    assert names == {p.name for p in CONTRACTS.glob("*.schema.json")}


def test_screening_sample_rows_are_rows_of_the_dataset(shared: Path) -> None:
    def rows(path: Path) -> list[dict[str, str]]:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    sample = rows(SCREENING / "kitchenham_2010_400.csv")
    full = {row["record_id"]: row for row in rows(shared / "screening" / "Kitchenham_2010.csv")}
    assert len(sample) == 400 and sum(r["label_included"] == "1" for r in sample) == 30
    assert all(full[row["record_id"]] == row for row in sample)
