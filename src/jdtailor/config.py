"""The user's config file: ``$JDTAILOR_CONFIG_DIR/config.toml``, else
``~/.config/jdtailor/config.toml`` (``$XDG_CONFIG_HOME`` honoured).

Nothing in it is required; a missing file is an empty config. Python 3.11+ reads
it with ``tomllib``; 3.10 needs ``tomli`` (a dependency there).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ConfigFileError
from .resources import user_dir

__all__ = ["config_dir", "config_path", "load_config"]


def config_dir() -> Path:
    """$JDTAILOR_CONFIG_DIR, else the user config dir."""
    return user_dir("config")


def config_path() -> Path:
    return config_dir() / "config.toml"


def _toml() -> Any:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef, import-not-found, unused-ignore]
        except ImportError:
            return None
    return tomllib


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed config file, or ``{}`` when there is none."""
    path = path or config_path()
    if not path.is_file():
        return {}
    toml = _toml()
    if toml is None:
        raise ConfigFileError(
            f"{path}: reading TOML on Python 3.10 needs the tomli package; pip install tomli"
        )
    from .reading.files import read_bytes

    data, _ = read_bytes(path, limit=1_000_000, error=ConfigFileError, what="config file")
    try:
        return dict(toml.loads(data.decode("utf-8")))
    except toml.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{path}: not UTF-8 text; save it as UTF-8 TOML") from None
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot read it ({exc.strerror})") from None
