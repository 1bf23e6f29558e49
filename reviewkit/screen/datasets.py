"""Labelled screening datasets (ASReview's CSV conventions) for simulation."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reviewkit.errors import InputFileError, InvalidArgumentError

#: Columns holding the final inclusion label, in order of preference (ASReview's names).
LABEL_COLUMNS = ("label_included", "included", "label", "final_included", "include")


@dataclass(frozen=True)
class LabelledDataset:
    """A fully labelled screening dataset.

    Attributes:
        name: the file's stem.
        ids: the dataset's ``record_id`` column, else the 0-based row index.
        titles, abstracts: text per row ("" when missing).
        labels: 1 = included, 0 = excluded, per row.
    """

    name: str
    ids: list[str | int]
    titles: list[str]
    abstracts: list[str]
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def n_included(self) -> int:
        """How many records are labelled relevant."""
        return int(self.labels.sum())


def load_labelled_csv(path: str | Path) -> LabelledDataset:
    """Read a labelled CSV/TSV (columns title, abstract, label_included, record_id).

    Raises:
        InputFileError: when the file has no label column or a label is not 0/1.
    """
    path = Path(path)
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputFileError(path, f"cannot read as CSV ({exc})", "check the file") from exc
    header = {k.strip().lower(): k for k in (rows[0].keys() if rows else [])}
    label_col = next((header[c] for c in LABEL_COLUMNS if c in header), None)
    if label_col is None:
        raise InputFileError(
            path, "no label column", f"add one of {', '.join(LABEL_COLUMNS)} (1 = included)"
        )
    labels = []
    for i, row in enumerate(rows):
        value = (row[label_col] or "").strip()
        if value not in {"0", "1", "0.0", "1.0"}:
            raise InputFileError(path, f"row {i + 2}: label {value!r} is not 0 or 1", "fix it")
        labels.append(int(float(value)))
    id_col = header.get("record_id")
    ids: list[str | int] = [_id(row[id_col]) if id_col else i for i, row in enumerate(rows)]
    title_col, abstract_col = header.get("title"), header.get("abstract")
    return LabelledDataset(
        name=path.stem,
        ids=ids,
        titles=[(row[title_col] or "") if title_col else "" for row in rows],
        abstracts=[(row[abstract_col] or "") if abstract_col else "" for row in rows],
        labels=np.asarray(labels, dtype=np.int8),
    )


def _id(value: str) -> str | int:
    value = value.strip()
    return int(value) if value.lstrip("-").isdigit() else value


def draw_priors(
    labels: np.ndarray, seed: int, n_included: int = 1, n_excluded: int = 1
) -> list[int]:
    """Row positions of the prior records: included first, then excluded.

    The same seed always gives the same rows, so ASReview (``--prior-idx``)
    and reviewkit can be started from identical priors.
    """
    rng = np.random.default_rng(seed)
    included = np.flatnonzero(labels == 1)
    excluded = np.flatnonzero(labels == 0)
    if n_included > len(included) or n_excluded > len(excluded):
        raise InvalidArgumentError(
            f"{n_included} included and {n_excluded} excluded prior records asked for, but "
            f"the dataset holds {len(included)} included and {len(excluded)} excluded; "
            "lower --prior-included / --prior-excluded"
        )
    chosen_inc = rng.choice(included, size=n_included, replace=False)
    chosen_exc = rng.choice(excluded, size=n_excluded, replace=False)
    return [int(i) for i in (*chosen_inc, *chosen_exc)]
