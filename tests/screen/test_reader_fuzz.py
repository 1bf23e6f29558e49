"""Random and mutated bytes into every record reader: a clear error or records, never a
traceback, and a failed import leaves the review exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewkit.errors import ReviewkitError
from reviewkit.screen.importing import import_file
from reviewkit.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
#: suffix -> a real export of that kind to mutate
SEEDS = {
    ".ris": "zotero.ris",
    ".bib": "zotero.bib",
    ".csv": "asreview.csv",
    ".tsv": "scopus.tsv",
    ".nbib": "pubmed.nbib",
    ".ciw": "wos.ciw",
    ".txt": "pubmed.nbib",
}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _digest(store: Store) -> str:
    return hashlib.sha256("\n".join(store.db.conn.iterdump()).encode()).hexdigest()


def _import_or_clear_error(tmp_path: Path, suffix: str, data: bytes) -> None:
    store = Store(":memory:")
    import_file(store, FIXTURES / SEEDS[".ris"])  # something already stored
    before = _digest(store)
    path = tmp_path / f"fuzzed{suffix}"
    path.write_bytes(data)
    try:
        import_file(store, path, again=True)
    except ReviewkitError as exc:
        message = str(exc)
        assert str(path) in message and "\n" not in message
        assert _digest(store) == before, "a failed import changed the review"


def _mutate(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for at, drop, insert in cuts:
        at %= max(1, len(out))
        out[at : at + drop] = insert
    return bytes(out)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    _import_or_clear_error(tmp_path, suffix, data)


@pytest.mark.parametrize("suffix", sorted(SEEDS))
@FUZZ
@given(
    cuts=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.integers(min_value=0, max_value=40),
            st.binary(max_size=12) | st.sampled_from([b"\n", b",", b'"', b"\t", b"  - ", b"}"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_real_exports(tmp_path: Path, suffix: str, cuts: list) -> None:
    seed = (FIXTURES / SEEDS[suffix]).read_bytes()
    _import_or_clear_error(tmp_path, suffix, _mutate(seed, cuts))
