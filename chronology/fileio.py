"""Writing files so that a reader never sees a half-written one.

:func:`write_atomic` writes the bytes to a temporary file beside the target,
flushes them to disk and renames the temporary file over the target in one
step. Timelines (:func:`chronology.render.save`) and exports
(:func:`chronology.exports.write`) are written this way.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     target = pathlib.Path(folder) / "out.txt"
...     write_atomic(target, b"one\\r\\n")
...     write_atomic(target, b"two\\n")
...     target.read_bytes(), sorted(p.name for p in pathlib.Path(folder).iterdir())
(b'two\\n', ['out.txt'])
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["read_regular_file", "write_atomic"]


def _mode_for(target: Path) -> int:
    """Keep an existing file's permission bits; give a new one the usual umask-based ones."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: all of it, or nothing at all.

    The bytes go to a temporary file in the same folder (so that the rename
    never crosses file systems), are flushed to disk with ``fsync``, and the
    temporary file is renamed over ``path`` with :func:`os.replace`. When
    ``path`` exists, its permission bits are kept; a new file gets the
    permissions the umask allows. On any error, the temporary file is removed,
    ``path`` is left as it was, and the error is raised.

    The bytes are written as given: no encoding, no newline translation.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes of ``path``, refusing what is not a regular file.

    A folder, a device or a pipe is refused before it is opened (an
    :class:`OSError`), so reading never blocks on a FIFO or reads a device.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", os.fspath(path))
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
    with open(path, "rb") as handle:
        return handle.read(max_bytes + 1)
