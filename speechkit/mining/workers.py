"""Worker processes that mine files in parallel and stop at once.

multiprocessing.Pool cannot be relied on to stop: its terminate() first
takes the task queue's lock, which an idle worker holds while it waits for
a task, so a Ctrl-C could hang the parent for good. Here each worker has
a pipe of its own (no shared lock): the parent keeps two files in hand for each,
gathers the results in file order, and on any interrupt or error
terminates the workers and waits at most a second for each.
"""

from __future__ import annotations

import contextlib
import signal
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any

from speechkit.errors import CorpusError

_STOP_SIGNALS = [signal.SIGINT, *(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))]


def _serve(conn: Any, work: Callable[[str], Any], parent_ends: list[Any]) -> None:
    """A worker: interrupts are the parent's business (a Ctrl-C reaches the
    whole process group, and each worker would print a traceback). It closes
    the parent's ends of the pipes it inherited, so that when the parent dies
    (even by SIGKILL) its own pipe ends and it exits, never left behind."""
    for end in parent_ends:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in _STOP_SIGNALS[1:]:
        signal.signal(sig, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    while True:
        try:
            item = conn.recv()
        except EOFError:  # the parent has gone
            return
        if item is None:
            return
        try:
            conn.send((True, work(item)))
        except Exception:
            conn.send((False, traceback.format_exc()))


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Workers are forked with the stop signals blocked, so none reaches a
    worker before it has set itself up; the parent gets them afterwards."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


_IN_FLIGHT = 2  # items handed to a worker at once


def results_in_order(
    context: Any, work: Callable[[Any], Any], items: Sequence[Any], processes: int
) -> Generator[Any, None, None]:
    """``work(item)`` for every item, computed by ``processes`` workers, yielded in item order."""
    from multiprocessing.connection import wait

    workers: list[tuple[Any, Any]] = []
    try:
        with _signals_blocked():
            for _ in range(min(processes, len(items))):
                mine, theirs = context.Pipe()
                parent_ends = [end for _, end in workers] + [mine]
                proc = context.Process(target=_serve, args=(theirs, work, parent_ends), daemon=True)
                proc.start()
                theirs.close()
                workers.append((proc, mine))
        # Each worker holds a second item while it works on one, so it never waits for the
        # parent (busy merging a result) to hand it the next; results come back in order.
        busy: dict[Any, deque[int]] = {conn: deque() for _, conn in workers}
        done: dict[int, Any] = {}
        queued = iter(range(len(items)))

        def hand_out(conn: Any) -> None:
            index = next(queued, None)
            if index is not None:
                conn.send(items[index])
                busy[conn].append(index)

        for _ in range(_IN_FLIGHT):
            for _, conn in workers:
                hand_out(conn)
        for wanted in range(len(items)):
            while wanted not in done:
                ready = wait([c for c, held in busy.items() if held])
                for conn in [c for c, held in busy.items() if held and c in ready]:
                    try:
                        ok, result = conn.recv()
                    except EOFError:
                        raise CorpusError(
                            "a mining process stopped unexpectedly (out of memory?); try again with --jobs 1"
                        ) from None
                    if not ok:
                        raise RuntimeError(f"a mining process failed:\n{result}")
                    done[busy[conn].popleft()] = result
                    hand_out(conn)
            yield done.pop(wanted)
        for _, conn in workers:
            conn.send(None)
    finally:
        _stop(workers)


def _stop(workers: list[tuple[Any, Any]]) -> None:
    for proc, conn in workers:
        if proc.exitcode is None:
            proc.terminate()  # a no-op for a worker that has just finished
        conn.close()
    for proc, _ in workers:
        proc.join(timeout=1)
        if proc.exitcode is None:
            proc.kill()
            proc.join(timeout=1)


def _run_once(work: Callable[[], bool]) -> None:
    """A helper process: like a worker, it leaves interrupts to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in _STOP_SIGNALS[1:]:
        signal.signal(sig, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    raise SystemExit(0 if work() else 1)


@contextlib.contextmanager
def beside(context: Any, work: Callable[[], bool]) -> Iterator[Callable[[], bool]]:
    """Run ``work()`` in a forked process while the caller goes on (it sees the
    caller's memory as it was, without copying it through a pipe). Yields a
    function that waits for it and tells whether it succeeded; any error or
    interrupt in between stops it at once."""
    with _signals_blocked():
        proc = context.Process(target=_run_once, args=(work,), daemon=True)
        proc.start()

    def wait() -> bool:
        proc.join()
        return bool(proc.exitcode == 0)

    try:
        yield wait
    finally:
        if proc.exitcode is None:
            proc.terminate()
        proc.join(timeout=1)
        if proc.exitcode is None:
            proc.kill()
            proc.join(timeout=1)
