"""Writing files without losing what the user had."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError, OutputExistsError

__all__ = ["atomic_write", "check_writable"]


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_stale(directory: Path, name: str) -> None:
    """Remove ``.NAME.PID.XXXX.tmp`` files whose process is gone (killed mid-write)."""
    prefix = f".{name}."
    try:
        leftovers = [e for e in os.scandir(directory) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in leftovers:
        pid = entry.name[len(prefix) :].split(".", 1)[0]
        if not entry.name.endswith(".tmp") or not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _same_file(a: Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # either is missing (or not a path at all)
        return False


def check_writable(
    path: str | Path, *, force: bool = False, inputs: Iterable[str | Path] = ()
) -> Path:
    """``path`` as a ``Path`` if ``atomic_write`` could write it, else the error it would raise
    (so a command can refuse before any slow or paid work). A file among ``inputs`` (the
    command's own input) is never replaced, even with ``force``: it is what the user had."""
    for source in inputs:
        if str(source) != "-" and _same_file(Path(path), source):
            raise InputError(
                f"{path}: is the input file {source}; writing the output there would replace "
                "it, so give -o another name"
            )
    if (getattr(path, "folder", False) or str(path).endswith(("/", os.sep))) and not Path(
        path
    ).is_dir():
        raise InputError(f"{path}: names a folder that does not exist; create it first, or "
                         "give a file name")  # fmt: skip
    path = Path(path)
    if path.is_symlink():  # write through a link to a file; never replace the link itself
        target = path.resolve()
        if target.is_dir():
            raise InputError(f"{path}: links to a directory; give a file name for the output")
        if target.exists() and not target.is_file():
            raise InputError(f"{path}: links to a device, FIFO or socket; leave out -o")
        if not force and (target.exists() or path.exists()):
            raise OutputExistsError(f"{path}: already exists; pass --force to overwrite it")
        path = target
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name for the output")
    if path.exists() and not path.is_file():  # a device, FIFO or socket: never replace it
        raise InputError(f"{path}: is not a regular file; leave out -o to write to stdout")
    if not force and path.exists():
        raise OutputExistsError(f"{path}: already exists; pass --force to overwrite it")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{path}: directory {directory} does not exist; create it first")
    return path


def atomic_write(
    path: str | Path,
    text: str | bytes,
    *,
    force: bool = False,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write ``text`` (or bytes) to ``path`` atomically; refuse to replace a file unless ``force``.

    The text goes to a temporary file in the same directory first, so a crash
    leaves either the old file or the new one, never half of one. Without
    ``force`` the final step is a hard link, which fails if the name was taken
    meanwhile.
    """
    path = check_writable(path, force=force, inputs=inputs)
    directory = path.parent if str(path.parent) else Path(".")
    _remove_stale(directory, path.name)
    try:
        # the pid in the name lets a later write remove what a killed process left
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory
        )
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        # mkstemp makes the file 0600; give it the mode a plain open() would (or keep
        # the mode of the file being replaced).
        os.chmod(tmp, _mode_for(path))
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputExistsError(
                    f"{path}: already exists; pass --force to overwrite it"
                ) from None
            except OSError:  # filesystems without hard links
                if path.exists():
                    raise OutputExistsError(
                        f"{path}: already exists; pass --force to overwrite it"
                    ) from None
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return path
