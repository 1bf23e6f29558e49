"""One error hierarchy; the CLI turns these into one-line messages.

Every message says what went wrong, with which file, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class ReviewkitError(Exception):
    """Base class of every error reviewkit reports to a user."""

    exit_code = 1


class ProjectNotFoundError(ReviewkitError):
    """No review folder was given or found upwards from the current folder."""


class DamagedStoreError(ReviewkitError):
    """A review database that SQLite cannot read: damaged, or not a database at all."""


class ConfigError(ReviewkitError):
    """reviewkit.toml or a template is invalid."""


class TemplateError(ConfigError):
    """An extraction template failed validation."""


class InvalidArgumentError(ReviewkitError, ValueError):
    """An argument asks for what the review or data set cannot give.

    Also a `ValueError`, which is what these errors were before the hierarchy
    took them in, so callers that catch `ValueError` keep working.
    """


class InputFileError(ReviewkitError):
    """A file given by the user cannot be read as what it claims to be.

    Args:
        path: the offending file.
        problem: what is wrong, e.g. "empty file".
        advice: what the user can do about it.
    """

    #: short machine-readable reason stored with failed ingests
    reason = "unreadable"

    def __init__(self, path: str | Path, problem: str, advice: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.advice = advice
        text = f"{self.path}: {problem}"
        if advice:
            text += f"; {advice}"
        super().__init__(text)


class EmptyFileError(InputFileError):
    """The file has no bytes."""

    reason = "empty"


class NotAPdfError(InputFileError):
    """The file does not start like a PDF."""

    reason = "not-pdf"


class CorruptPdfError(InputFileError):
    """The PDF is damaged beyond what the reader can recover."""

    reason = "corrupt"


class EncryptedPdfError(InputFileError):
    """The PDF needs a password that was not given (or was wrong)."""

    reason = "encrypted"


class UnsupportedFileError(InputFileError):
    """The file's kind is not one reviewkit reads."""

    reason = "unsupported"
