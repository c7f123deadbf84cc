"""File locks that the OS frees when their holder dies, name their holder, and are broken when stale.

No Prefect import here: `dossier serve` takes its lock before Prefect is first imported.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from flows.lifeline import kept_from_children


def lock_holder(lock_path: Path) -> int | None:
    """The PID the lock file names (written by whoever took the lock), or None."""
    try:
        text = lock_path.read_text(encoding="ascii", errors="replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def try_lock(lock_path: Path) -> TextIO | None:
    """The open, locked lock file with this process's PID in it, or None when another holds the lock."""
    handle = open(lock_path, "a+")  # noqa: SIM115 - the caller closes it; Python opens it close-on-exec
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


@contextmanager
def exclusive(lock_path: Path, report: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Yields whether this process got the lock; it is released on exit, or by the OS when the process dies.

    Forked children (parse workers) do not keep it. A lock still held although the PID it names is dead is stale
    (a process of a killed run kept it): it is broken, with a message, by replacing the file."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = try_lock(lock_path)
    if handle is None:
        holder = lock_holder(lock_path)
        if holder is not None and holder != os.getpid() and not pid_alive(holder):
            (report or print)(f"dossier watch: broke a stale lock {lock_path.name}: its holder, PID {holder}, is "
                              "dead (a process of a killed run still held it)")
            lock_path.unlink(missing_ok=True)  # the dead run's processes keep the old file; a new one is free
            handle = try_lock(lock_path)
    if handle is None:
        yield False
        return
    try:
        with kept_from_children(handle.fileno()):
            yield True
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
