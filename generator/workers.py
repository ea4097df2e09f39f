"""Worker processes of a build: how many, and how they end with the build that started them.

Extraction and page rendering each spread their work over a process pool. Either way a worker
must never outlive its build: a build killed with -9 cannot shut its pool down, and its workers
would wait on the task queue forever.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator, Sequence, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")


def worker_count() -> int:
    """Processes to use: $SUMMIT_WORKERS, else one per core (at most eight)."""
    configured = os.environ.get("SUMMIT_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 8))


def die_with(build_pid: int, interval: float = 0.2) -> None:
    """End this worker as soon as the build that started it is gone (killed with -9, say).

    Its death shows as the worker being re-parented, or as its process id gone.
    """
    parent = os.getppid()

    def build_is_gone() -> bool:
        if os.getppid() != parent:
            return True
        try:
            os.kill(build_pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False

    def watch() -> None:
        while not build_is_gone():
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-build", daemon=True).start()


def can_fork() -> bool:
    """Whether workers can start as copies of the build (Linux): they then share what the build
    has made so far instead of receiving it pickled."""
    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" \
        and os.uname().sysname == "Linux"


def forked_pool(workers: int, initializer=None, initargs=()) -> ProcessPoolExecutor:
    """A pool whose workers are forked copies of this process, each ending with it."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_forked, initargs=(os.getpid(), initializer,
                                                                   initargs))


def _start_forked(build_pid: int, initializer, initargs) -> None:
    die_with(build_pid)
    if initializer is not None:
        initializer(*initargs)


def map_here_and_forked(function: Callable[[Chunk], Result], chunks: Sequence[Chunk],
                        workers: int) -> Iterator[Result]:
    """`function` of each chunk, in order, worked out by this process and `workers - 1` forked
    copies of it at once.

    The forked copies share this process's memory until they write to it, and every object they
    read is written to (its reference count): each copy ends up holding much of what it reads as
    its own. Working here as well as in the copies keeps one copy fewer for the same number of
    busy processes. Whoever is free takes the next chunk nobody has taken (a counter the
    processes share), so a long chunk in one process keeps no other waiting for work.
    """
    if workers <= 1 or len(chunks) < 2:
        yield from map(function, chunks)
        return
    global _shared
    following = multiprocessing.get_context("fork").Value("q", 0)  # the next chunk nobody took
    _shared = (function, chunks, following)
    done: dict[int, Result] = {}
    given = 0  # chunks handed back so far, in order
    try:
        with forked_pool(workers - 1) as pool:
            pending = [pool.submit(_take_next) for _ in chunks]  # each copy takes chunks as it can
            while (number := _claim(following, len(chunks))) is not None:
                done[number] = function(chunks[number])
                pending = _collect(pending, done)
                while given in done:
                    yield done.pop(given)
                    given += 1
            wait(pending)
            _collect(pending, done)
    except BaseException:
        with following.get_lock():
            following.value = len(chunks)  # the copies take no more
        raise
    finally:
        _shared = None
    while given < len(chunks):
        yield done.pop(given)
        given += 1


_shared: tuple | None = None  # (function, chunks, counter) of the map under way, for the copies


def _claim(following, count: int) -> int | None:
    with following.get_lock():
        number = following.value
        if number >= count:
            return None
        following.value = number + 1
    return number


def _take_next():
    """In a forked copy: the next chunk nobody has taken, worked out; None once all are taken."""
    function, chunks, following = _shared
    number = _claim(following, len(chunks))
    return None if number is None else (number, function(chunks[number]))


def _collect(pending: list[Future], done: dict) -> list[Future]:
    """Put what the copies have finished into `done` (a failure raises); the rest still pending."""
    waiting = []
    for future in pending:
        if not future.done():
            waiting.append(future)
        elif (result := future.result()) is not None:
            number, value = result
            done[number] = value
    return waiting
