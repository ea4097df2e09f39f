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
from concurrent.futures import Future, ProcessPoolExecutor
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
    busy processes. Each copy is kept two chunks ahead; between its own chunks this process takes
    the next one, so nobody waits while chunks remain.
    """
    if workers <= 1 or len(chunks) < 2:
        yield from map(function, chunks)
        return
    ahead = 2 * (workers - 1)
    done: dict[int, Result] = {}
    sent: dict[int, Future] = {}
    following = 0  # the next chunk nobody has taken
    with forked_pool(workers - 1) as pool:
        for number in range(len(chunks)):
            while number not in done:
                while following < len(chunks) and sum(not f.done() for f in sent.values()) < ahead:
                    sent[following] = pool.submit(function, chunks[following])
                    following += 1
                if number in sent and (sent[number].done() or following == len(chunks)):
                    done[number] = sent.pop(number).result()
                elif following < len(chunks):
                    done[following] = function(chunks[following])
                    following += 1
            yield done.pop(number)
