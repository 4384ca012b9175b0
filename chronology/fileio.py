"""Writing files so that a reader never sees a half-written one.

:func:`write_atomic` writes the bytes to a temporary file beside the target,
flushes them to disk and renames the temporary file over the target in one
step. Data files (``chronology fmt``, ``chronology new``), timelines
(:func:`chronology.render.save`) and exports (:func:`chronology.exports.write`)
are written this way.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     target = pathlib.Path(folder) / "out.txt"
...     write_atomic(target, b"one\\r\\n")
...     write_atomic(target, b"two\\n")
...     target.read_bytes(), sorted(p.name for p in pathlib.Path(folder).iterdir())
(b'two\\n', ['out.txt'])

A process killed while writing can leave its temporary file behind (nothing
can remove it then). Such a file is hidden and named
``.<target name>.<random>.~tmp`` (see :data:`TEMPORARY_SUFFIX`), never
``*.yaml`` or any other name a command reads; it can be deleted.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = [
    "TEMPORARY_SUFFIX",
    "SymlinkOutsideError",
    "is_temporary",
    "read_regular_file",
    "write_atomic",
]

#: The end of the name of every temporary file :func:`write_atomic` makes.
TEMPORARY_SUFFIX = ".~tmp"


class SymlinkOutsideError(OSError):
    """The target is a symbolic link to a file outside the target's folder: not written."""


def is_temporary(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is named like a temporary file of :func:`write_atomic`.

    >>> is_temporary(".events.yaml.k2j4_x.~tmp"), is_temporary("events.yaml")
    (True, False)
    """
    name = Path(path).name
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permission bits; give a new one the usual umask-based ones."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        return 0o666 & ~mask


def _destination(target: Path, folder: Path) -> Path:
    """The file to replace: ``target`` itself, or what the symbolic link ``target`` points to.

    A link is followed only when the file it leads to (through any number of
    links) is in the same folder as the link; otherwise :class:`SymlinkOutsideError`.
    The folder itself may be reached through links: the user named it.
    """
    if not target.is_symlink():
        return target
    resolved = Path(os.path.realpath(target))
    if resolved.is_symlink():  # a loop that realpath gave up on
        raise SymlinkOutsideError(
            errno.ELOOP, "is a symbolic link that cannot be resolved", os.fspath(target)
        )
    if Path(os.path.realpath(folder)) != resolved.parent:
        raise SymlinkOutsideError(
            errno.EPERM,
            "is a symbolic link to a file outside its folder; not written through it",
            os.fspath(target),
        )
    return resolved


def _fsync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # e.g. Windows cannot open a folder
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems refuse fsync on a folder; the data is already safe
        pass
    finally:
        os.close(descriptor)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: all of it, or nothing at all.

    The bytes go to a temporary file in the same folder (so that the rename
    never crosses file systems), are flushed to disk with ``fsync``, and the
    temporary file is renamed over ``path`` with :func:`os.replace`; the
    folder is then flushed too. A process killed at any moment leaves
    ``path`` as the old file or the new one, never a mix. When ``path``
    exists, its permission bits are kept; a new file gets the permissions the
    umask allows. On any error, the temporary file is removed, ``path`` is
    left as it was, and the error is raised. (Killed with SIGKILL, a process
    cannot remove its temporary file: see :func:`is_temporary`.)

    Symbolic links: when ``path`` itself is a link, the link is kept and the
    file it leads to is replaced, but only if that file is in the same folder
    as the link (after resolving every link). A link that leads out of its
    folder is refused with :class:`SymlinkOutsideError` (an :class:`OSError`)
    and nothing is written: the link is neither replaced by a regular file nor
    written through. A folder named through a link (``out/`` linking elsewhere)
    is fine: the user named it.

    The bytes are written as given: no encoding, no newline translation.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    destination = _destination(target, folder)
    folder = destination.parent if destination is not target else folder
    mode = _mode_for(destination)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=TEMPORARY_SUFFIX, dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            os.chmod(temporary, mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


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
