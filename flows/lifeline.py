"""Processes that end with the process that started them, even when it is killed outright (kill -9).

Linux's parent-death signal (prctl PR_SET_PDEATHSIG) does it without any cooperation from the parent. A store
write is one transaction per document, so a child killed mid-way leaves nothing half-done. Elsewhere (no prctl) a
thread that watches the parent's pid does the same, a little later.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
PARENT_POLL_S = 1.0


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """End this process with `sig` when its parent dies. Call it from the main thread or just after fork: Linux
    ties the parent-death signal to the calling thread (and fires it when the parent's forking thread ends)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig) == 0:
                if os.getppid() != parent:  # the parent died before the signal was armed
                    os.kill(os.getpid(), sig)
                return
        except (OSError, AttributeError):
            pass
    watch_parent(parent, sig)


def clear_parent_death_signal() -> None:
    """Undo a parent-death signal set before exec (so that a watcher thread can act first)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, 0)
        except (OSError, AttributeError):
            pass


def watch_parent(parent: int, sig: int, whole_group: bool = False) -> None:
    """A daemon thread that sends `sig` to this process once its parent is no longer `parent`; with
    `whole_group`, to this process's whole process group (what it started, however far down)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        if whole_group:
            os.killpg(os.getpgrp(), sig)
        os.kill(os.getpid(), sig)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


_forks_die_with_parent = threading.local()
# Descriptors a forked child must not keep: a lock held through a child's copy outlives its holder's death.
_not_for_children: set[int] = set()


def _after_fork_in_child() -> None:
    for fd in list(_not_for_children):
        try:
            os.close(fd)
        except OSError:
            pass
    _not_for_children.clear()
    if getattr(_forks_die_with_parent, "on", False):
        die_with_parent(signal.SIGKILL)


@contextmanager
def kept_from_children(fd: int) -> Iterator[None]:
    """`fd` is closed in any child forked while the block runs (and never passed on exec: close-on-exec)."""
    os.set_inheritable(fd, False)
    _not_for_children.add(fd)
    try:
        yield
    finally:
        _not_for_children.discard(fd)


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def forked_children_die_with_this_process() -> Iterator[None]:
    """Processes forked by this thread inside the block (spaCy's parse workers) are killed when this process dies.

    The parent-death signal fires when the forking *thread* ends, so it is armed only for forks of this thread,
    and only inside the block, whose children end before it does."""
    previous = getattr(_forks_die_with_parent, "on", False)
    _forks_die_with_parent.on = True
    try:
        yield
    finally:
        _forks_die_with_parent.on = previous
