"""Every error jdtailor raises on purpose.

    JdtailorError                 base: message, and where known file / place / fix
    ├── InputError                bad input from the user (exit 2)
    │   ├── ContextError          company.md or a command-line override
    │   ├── CorpusError           a corpus directory or YAML file
    │   ├── PostingFileError      a posting file given to lint/render
    │   ├── SessionError          a refinement session file that cannot be resumed
    │   ├── OutputExistsError     refusing to overwrite without --force
    │   └── ConfigFileError       the user's config.toml cannot be read
    ├── GroundingError            a posting that cites or states what it may not (exit 3)
    └── ModelError                talking to a model failed (exit 4)
        ├── ModelConfigError      no key, unknown mode, bad base URL (exit 2)
        │   ├── ModelAuthError        the server refused the key (401/403)
        │   └── ModelNotFoundError    the server does not know the model
        ├── ModelRefusedError     the model refused or the server said no
        ├── ModelRequestError     the server rejected the request (400/422)
        ├── QuotaExceededError    the account has no quota left
        ├── ModelUnavailableError timeout, connection, 429/5xx after our retries
        ├── TruncatedReplyError   the reply hit the token limit (finish_reason=length; exit 3)
        │   └── RunawayReplyError     the reply repeated itself (a loop, not a long posting)
        ├── CacheMissError        --cache only and no cached reply
        └── RepairFailedError     re-asks ran out; the last reply is saved (exit 3)

Core code raises these and never prints or exits; only ``jdtailor.cli`` turns them
into one line on stderr and picks the exit code by class (``cli/_util.EXIT_CODES``;
the codes in brackets above). An error carries its data: ``file`` (the path the user
gave), ``place`` (a line, a key, a case) and ``fix`` (what to do), when known; the
message is the user's line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = [
    "CacheMissError",
    "ConfigFileError",
    "ContextError",
    "CorpusError",
    "GroundingError",
    "InputError",
    "JdtailorError",
    "ModelAuthError",
    "ModelConfigError",
    "ModelError",
    "ModelNotFoundError",
    "ModelRefusedError",
    "ModelRequestError",
    "ModelUnavailableError",
    "OutputExistsError",
    "PostingFileError",
    "QuotaExceededError",
    "RepairFailedError",
    "RunawayReplyError",
    "SessionError",
    "TruncatedReplyError",
    "FieldProblem",
    "field_problems",
    "validation_line",
]


class JdtailorError(Exception):
    """Base class: a message meant for the user, and where known the file, the place in
    it and the fix (``str(exc)`` is the message)."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        place: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.place = place
        self.fix = fix

    def __str__(self) -> str:
        return self.message


class InputError(JdtailorError):
    """Bad input: a file, an option or a value the user gave."""


class ContextError(InputError):
    """company.md could not be read or says something invalid."""


class CorpusError(InputError):
    """A corpus file is missing, malformed or inconsistent."""


class PostingFileError(InputError):
    """A posting file given to lint or render could not be read."""


class SessionError(InputError):
    """A refinement session file is missing, unreadable or not a session."""


class OutputExistsError(InputError):
    """The output file exists and --force was not given."""


class ConfigFileError(InputError):
    """The user's config.toml is not valid TOML or has a wrong value."""


class GroundingError(JdtailorError):
    """A posting cites unknown sources or states facts the context lacks."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the posting is not grounded: " + "; ".join(problems))


class ModelError(JdtailorError):
    """Talking to a model failed."""


class ModelConfigError(ModelError):
    """The model settings are wrong: no key, unknown mode, bad base URL."""


class ModelAuthError(ModelConfigError):
    """401/403: the key is wrong or may not use this model. Never echoes the key."""


class ModelNotFoundError(ModelConfigError):
    """The server does not serve the model named with -m/--model."""


class ModelRefusedError(ModelError):
    pass


class ModelRequestError(ModelError):
    """400/422: the server rejected the request itself."""


class QuotaExceededError(ModelError):
    """insufficient_quota: retrying cannot help until billing changes."""


class ModelUnavailableError(ModelError):
    """No usable answer after the transport retries."""


class TruncatedReplyError(ModelError):
    """The reply stopped at the token limit. The server worked (exit 3); the reply
    is in ``content`` so the caller can save it."""

    def __init__(self, message: str, *, content: str = "") -> None:
        super().__init__(message)
        self.content = content


class RunawayReplyError(TruncatedReplyError):
    """The reply fell into a loop (the same text again and again); stopped early."""


class CacheMissError(ModelError):
    """``--cache only`` and no reply is cached for this request."""


class RepairFailedError(ModelError):
    """Re-asks ran out; the last reply is saved (at ``saved``, when it could be) and
    kept in ``content``, so eval can score what parses of it."""

    def __init__(
        self,
        message: str,
        *,
        content: str = "",
        saved: str | None = None,
        problems: list[str] | None = None,
    ) -> None:
        super().__init__(message)
        self.content = content
        self.saved = saved
        self.problems = problems or []  # the last reply's, as the model was told them


class FieldProblem(NamedTuple):
    """One thing a pydantic ``ValidationError`` found, in words a user can act on."""

    loc: tuple[str | int, ...]
    message: str  # "must be one of ...", "is missing", "unknown field"
    type: str  # pydantic's error type ("extra_forbidden", "missing", ...)
    input: Any = None  # the value found there (a model's repair names its kind)

    @property
    def place(self) -> str:
        """``salary.min``, ``items.3.levels``: the dotted location ("" at the top)."""
        return ".".join(str(p) for p in self.loc)


def field_problems(
    exc: ValidationError, *, unknown: str = "unknown field", skip: tuple[str, ...] = ()
) -> list[FieldProblem]:
    """Each error in ``exc`` as (location, plain message); ``unknown`` is what an extra
    key is called (with the fix, e.g. "unknown field; see corpus/README.md"), ``skip``
    drops location parts the user never wrote (a loader-set ``family``)."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p not in skip)
        if err["type"] == "extra_forbidden":
            msg = unknown
        elif err["type"] == "missing":
            msg = "is missing"
        else:
            msg = err["msg"].removeprefix("Value error, ").replace("Input should be", "must be")
        out.append(FieldProblem(loc, msg, err["type"], err.get("input")))
    return out


def validation_line(exc: ValidationError, *, unknown: str = "unknown field") -> str:
    """The first problem in ``exc`` as one line, "`salary.min`: must be a number (and 2
    more)", to follow the file name in a message."""
    problems = field_problems(exc, unknown=unknown)
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    where = f"`{first.place}`: " if first.place else ""
    return f"{where}{first.message}{more}"
