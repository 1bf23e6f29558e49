"""Every setting of a review, declared once with its default and help text.

The CLI, the README's settings table and ``reviewkit.toml`` all read
:data:`SETTINGS`; nothing else invents a setting.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewkit.errors import ConfigError

CONFIG_NAME = "reviewkit.toml"


@dataclass(frozen=True)
class Setting:
    """One setting: ``section.name`` in reviewkit.toml.

    Attributes:
        key: dotted name, e.g. ``"stopping.recall_target"``.
        default: the value used when reviewkit.toml does not set it; its type
            is the setting's type.
        help: one sentence for users.
    """

    key: str
    default: Any
    help: str

    @property
    def section(self) -> str:
        """The part of the key before the first dot (the TOML table)."""
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The part of the key after the first dot."""
        return self.key.split(".", 1)[1]


SETTINGS: tuple[Setting, ...] = (
    Setting("review.title", "", "Title of the review, shown in the TUI and on exports."),
    Setting(
        "ingest.jobs",
        0,
        "Worker processes for ingest; 0 means one per CPU core.",
    ),
    Setting(
        "ingest.timeout_seconds",
        120,
        "A PDF still being parsed after this many seconds is killed and reported as failed.",
    ),
    Setting(
        "ingest.max_pages",
        2000,
        "Pages read per PDF at most; longer files are read up to this page, with a warning.",
    ),
    Setting(
        "ingest.extract",
        True,
        "Run the default extraction template on newly ingested documents.",
    ),
    Setting(
        "ingest.match_title_threshold",
        90.0,
        "Title similarity (rapidfuzz token-sort ratio, 0-100) at which an ingested document "
        "without a matching DOI is linked to a record.",
    ),
    Setting(
        "dedup.title_threshold",
        93.0,
        "Title similarity (rapidfuzz ratio, 0-100) at which two records of the same year and "
        "first author are the same work.",
    ),
    Setting(
        "dedup.author_threshold",
        85.0,
        "First-author surname similarity (0-100) needed as well for a title match.",
    ),
    Setting(
        "dedup.possible_threshold",
        80.0,
        "Title similarity (0-100) from which a near-match under dedup.title_threshold, or "
        "a year apart, is queued as a possible duplicate (`reviewkit duplicates --possible`).",
    ),
    Setting(
        "extract.template",
        "integration",
        "Extraction template used by `reviewkit extract` and by ingest.",
    ),
    Setting(
        "extract.min_confidence",
        0.4,
        "Proposed definitions below this confidence are hidden from `analyse` and the evidence "
        "table (`--all` shows them); at 0.3, 29 of the 37 shown on the real tuning texts were "
        "right (precision 0.78, recall 0.74; each text scored by a model trained without it).",
    ),
    Setting(
        "screening.exclusion_reasons",
        [
            "wrong population",
            "wrong intervention",
            "wrong comparator",
            "wrong outcomes",
            "wrong study design",
            "wrong publication type",
            "not in English",
            "full text not available",
            "duplicate",
        ],
        "Exclusion reasons offered when excluding a record.",
    ),
    Setting(
        "screening.include_keywords",
        ["integrat*", "partnership*", "collaborat*", "co-ordinat*", "coordinat*", "joint"],
        "Words highlighted in green while screening (whole words; end one with * for a stem).",
    ),
    Setting(
        "screening.exclude_keywords",
        ["animal*", "mice", "mouse", "rat", "rats", "in vitro"],
        "Words highlighted in red while screening (whole words; end one with * for a stem).",
    ),
    Setting(
        "screening.model",
        "default",
        "Prioritisation model: 'default' or a name from `reviewkit simulate --help`.",
    ),
    Setting("stopping.recall_target", 0.95, "Recall the stopping rule must reach."),
    Setting("stopping.confidence", 0.95, "Confidence with which the stopping rule must reach it."),
    Setting(
        "search.embed",
        True,
        "Embed passages for semantic search when documents are ingested.",
    ),
    Setting("search.k", 10, "Results shown by `reviewkit search`."),
    Setting(
        "search.ann_min_passages",
        200_000,
        "Passages from which semantic search uses an approximate index (faiss IVF) "
        "instead of scoring every passage.",
    ),
    Setting(
        "search.ann_nprobe",
        32,
        "Cells of the approximate index scanned per query: more is slower and nearer exact.",
    ),
)

_BY_KEY = {s.key: s for s in SETTINGS}

#: The keyword defaults of versions whose keywords were prefixes.
_PREFIX_DEFAULTS: dict[str, list[str]] = {
    "screening.include_keywords": [
        "integrat",
        "partnership",
        "collaborat",
        "co-ordinat",
        "coordinat",
        "joint",
    ],
    "screening.exclude_keywords": ["animal", "mice", "rat", "in vitro"],
}


@dataclass(frozen=True)
class Config:
    """The effective settings of one review: defaults overlaid with reviewkit.toml."""

    values: Mapping[str, Any]
    path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        if key not in _BY_KEY:
            raise KeyError(f"unknown setting {key!r}")
        return self.values.get(key, _BY_KEY[key].default)

    def get(self, key: str) -> Any:
        """The value of setting `key` (its default when the file does not set it)."""
        return self[key]

    def integer(self, key: str) -> int:
        """An int setting's value."""
        return int(self._typed(key, int))

    def number(self, key: str) -> float:
        """A float setting's value."""
        return float(self._typed(key, float))

    def flag(self, key: str) -> bool:
        """A bool setting's value."""
        return bool(self._typed(key, bool))

    def text(self, key: str) -> str:
        """A str setting's value."""
        return str(self._typed(key, str))

    def words(self, key: str) -> list[str]:
        """A list-of-strings setting's value (a copy)."""
        return [str(v) for v in self._typed(key, list)]

    def _typed(self, key: str, kind: type) -> Any:
        value = self[key]
        if type(_BY_KEY[key].default) is not kind:
            raise TypeError(f"setting {key!r} is not a {kind.__name__}")
        return value


def defaults() -> Config:
    """The configuration of a review whose reviewkit.toml sets nothing."""
    return Config({s.key: s.default for s in SETTINGS})


def load_config(path: Path) -> Config:
    """Read reviewkit.toml, check every value, and overlay it on the defaults.

    Raises:
        ConfigError: on invalid TOML, an unknown setting or a value of the wrong type.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(defaults().values, path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix the file or delete it") from exc
    values = dict(defaults().values)
    for section, table in raw.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: '{section}' must be a [section]; see `reviewkit init`")
        for name, value in table.items():
            key = f"{section}.{name}"
            setting = _BY_KEY.get(key)
            if setting is None:
                raise ConfigError(f"{path}: unknown setting '{key}'; remove it or check spelling")
            values[key] = _checked(path, setting, value)
    for key, old_default in _PREFIX_DEFAULTS.items():
        if values[key] == old_default:
            # Written by `init` before keywords matched whole words: the same intent.
            values[key] = _BY_KEY[key].default
    return Config(values, path)


def _checked(path: Path, setting: Setting, value: Any) -> Any:
    expected = type(setting.default)
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if expected is list and ok:
        ok = all(isinstance(v, str) for v in value)
    if not ok:
        raise ConfigError(
            f"{path}: '{setting.key}' must be {expected.__name__}, got {value!r}; "
            f"default is {setting.default!r}"
        )
    return value


def render_config(config: Config | None = None) -> str:
    """Write a reviewkit.toml with every setting and its help text as a comment."""
    config = config or defaults()
    lines = ["# reviewkit settings. Every setting is listed with its default.", ""]
    section = None
    for s in SETTINGS:
        if s.section != section:
            if section is not None:
                lines.append("")
            lines.append(f"[{s.section}]")
            section = s.section
        lines.append(f"# {s.help}")
        lines.append(f"{s.name} = {toml_value(config[s.key])}")
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        # JSON string lists are valid TOML arrays.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def save_config(config: Config, path: Path) -> None:
    """Write `config` to `path` (used when a setting is changed from the TUI)."""
    path.write_text(render_config(config), encoding="utf-8")


def with_value(config: Config, key: str, value: Any) -> Config:
    """Return a copy of `config` with one setting changed (validated)."""
    setting = _BY_KEY.get(key)
    if setting is None:
        raise ConfigError(f"unknown setting '{key}'")
    values = dict(config.values)
    values[key] = _checked(config.path or Path(CONFIG_NAME), setting, value)
    return Config(values, config.path)
