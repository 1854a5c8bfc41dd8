"""Every error jdtailor raises on purpose.

    JdtailorError                 base; carries the exit code the CLI uses
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
into one line on stderr and an exit code.
"""

from __future__ import annotations

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
]


class JdtailorError(Exception):
    """Base class: a message meant for the user and an exit code."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class InputError(JdtailorError):
    exit_code = 2


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

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("the posting is not grounded: " + "; ".join(problems))


class ModelError(JdtailorError):
    exit_code = 4


class ModelConfigError(ModelError):
    exit_code = 2


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

    exit_code = 3

    def __init__(self, message: str, *, content: str = "") -> None:
        super().__init__(message)
        self.content = content


class RunawayReplyError(TruncatedReplyError):
    """The reply fell into a loop (the same text again and again); stopped early."""


class CacheMissError(ModelError):
    """``--cache only`` and no reply is cached for this request."""


class RepairFailedError(ModelError):
    exit_code = 3
