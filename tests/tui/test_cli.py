"""`reviewkit screen` builds the app with the shared factory and runs it."""

from __future__ import annotations

from click.testing import CliRunner

from reviewkit.cli import cli


def test_screen_passes_options_to_the_app_factory(review, monkeypatch) -> None:
    _, _, folder = review
    calls = {}

    class FakeApp:
        def run(self) -> None:
            calls["ran"] = True

    def fake_make_app(store, config, *, reviewer, stage):
        calls.update(
            path=store.path,
            reviewer=reviewer,
            stage=stage,
            keywords=config["screening.include_keywords"],
        )
        return FakeApp()

    monkeypatch.setattr("reviewkit.tui.app.make_app", fake_make_app)
    result = CliRunner().invoke(
        cli,
        ["screen", "--project", str(folder), "--reviewer", "alice", "--stage", "full-text"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert calls["ran"] and calls["reviewer"] == "alice" and calls["stage"] == "full-text"
    assert calls["path"] == str(folder / "reviewkit.db")


def test_screen_help_and_bad_stage(review) -> None:
    _, _, folder = review
    runner = CliRunner()
    result = runner.invoke(cli, ["screen", "--help"])
    assert result.exit_code == 0 and "--reviewer" in result.output and "full-text" in result.output
    result = runner.invoke(cli, ["screen", "--project", str(folder), "--stage", "abstract"])
    assert result.exit_code == 2
