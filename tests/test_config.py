"""Settings: declared once, written with help text, validated when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.config import SETTINGS, defaults, load_config, render_config, with_value
from reviewkit.errors import ConfigError


def test_rendered_config_lists_every_setting_with_help_and_reads_back(tmp_path: Path) -> None:
    text = render_config()
    for setting in SETTINGS:
        assert f"# {setting.help}" in text
    path = tmp_path / "reviewkit.toml"
    path.write_text(text)
    assert dict(load_config(path).values) == dict(defaults().values)


def test_values_overlay_defaults_and_ints_widen_to_floats(tmp_path: Path) -> None:
    path = tmp_path / "reviewkit.toml"
    path.write_text("[stopping]\nrecall_target = 1\n[ingest]\njobs = 2\n")
    config = load_config(path)
    assert config["stopping.recall_target"] == 1.0
    assert config["ingest.jobs"] == 2
    assert config["stopping.confidence"] == 0.95


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[ingest]\njobs = 'two'\n", "'ingest.jobs' must be int"),
        ("[ingest]\nspeed = 3\n", "unknown setting 'ingest.speed'"),
        ("[ingest\n", "invalid TOML"),
        ("title = 'x'\n", r"must be a \[section\]"),
        ("[screening]\nexclusion_reasons = [1, 2]\n", "must be list"),
    ],
)
def test_invalid_settings_name_the_file_and_the_setting(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "reviewkit.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message) as err:
        load_config(path)
    assert str(path) in str(err.value)


def test_with_value_validates() -> None:
    config = with_value(defaults(), "screening.include_keywords", ["care"])
    assert config["screening.include_keywords"] == ["care"]
    with pytest.raises(ConfigError):
        with_value(defaults(), "screening.include_keywords", "care")


def test_keyword_lists_written_when_keywords_were_prefixes_read_as_stems(tmp_path: Path) -> None:
    path = tmp_path / "reviewkit.toml"
    path.write_text(
        "[screening]\n"
        'include_keywords = ["integrat", "partnership", "collaborat", "co-ordinat", '
        '"coordinat", "joint"]\n'
        'exclude_keywords = ["rat", "mice"]\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.words("screening.include_keywords") == defaults().words(
        "screening.include_keywords"
    )
    assert "integrat*" in config.words("screening.include_keywords")
    assert config.words("screening.exclude_keywords") == ["rat", "mice"]  # a user's own list


def test_typed_accessors_refuse_the_wrong_type() -> None:
    config = defaults()
    assert config.integer("search.k") == 10 and config.flag("search.embed") is True
    assert config.number("extract.min_confidence") == 0.4
    with pytest.raises(TypeError, match="not a int"):
        config.integer("review.title")
