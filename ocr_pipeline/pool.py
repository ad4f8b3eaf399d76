"""A pool of reusable sandboxed worker children and the scheduler that runs jobs on them.

Starting a child (Python plus pdfium, Pillow, NumPy) costs 0.2–0.75 s, more than reading most
documents, so children are kept across documents: a ``WorkerPool`` is an object its owner
keeps for a batch (``with WorkerPool() as pool``) and closes at the end; nothing is held at
module level.  Each job still runs under the same limits as a fresh child: the address-space cap
is set once per child (a job with another cap gets another child), the CPU budget is renewed
per document (``epoch``), and the wall-clock deadlines kill the child.  A child is replaced
after any failure, after ``jobs_per_child`` jobs, and when a job left its memory high, so a
hostile file still kills only its own child and is classified as before.

Jobs are handed out one at a time to whichever child is free, so one slow page does not leave
the other core idle while its share waits.  A pool belongs to the process that made it; after a
fork the copy starts its own children and leaves the parent's alone.
"""

from __future__ import annotations

import os
import selectors
import time
import weakref
from collections import deque
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from ocr_pipeline.errors import ExtractionError
from ocr_pipeline.model import ExtractionOptions
from ocr_pipeline.sandbox import WorkerChild, WorkerJob

__all__ = ["WorkerPool"]

_STALL_SLACK_S = 30.0
DEFAULT_JOBS_PER_CHILD = 200


def _shut_down(children: list[WorkerChild], owner: list[int]) -> None:
    if os.getpid() != owner[0]:
        return
    for child in children:
        child.kill()
    children.clear()


class WorkerPool:
    """Live worker children reused across jobs and documents.  Not thread-safe: one caller."""

    def __init__(self, *, jobs_per_child: int = DEFAULT_JOBS_PER_CHILD) -> None:
        self.jobs_per_child = max(1, jobs_per_child)
        self._children: list[WorkerChild] = []
        self._owner = [os.getpid()]
        self._epoch = 0
        # Largest peak resident memory any child reported at the end of a job (its own VmHWM
        # and its Tesseract processes'), in kB: for monitoring and the memory benchmark.
        self.peak_rss_kb = 0
        self._finalizer = weakref.finalize(self, _shut_down, self._children, self._owner)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def pids(self) -> tuple[int, ...]:
        """Process ids of the children alive now (for tests and monitoring)."""
        return tuple(child.pid for child in self._children if child.alive)

    def new_epoch(self) -> int:
        """A fresh CPU-budget period: jobs of one document share one ``epoch``."""
        self._epoch += 1
        return self._epoch

    def close(self) -> None:
        """End every child: idle ones are let go, a busy one cannot exist between calls."""
        self._adopt()
        for child in self._children:
            child.release()  # all told first, so they wind down together
        for child in self._children:
            child.close()
        self._children.clear()

    def run(self, jobs: Sequence[WorkerJob], options: ExtractionOptions, deadline: float,
            epoch: int | None = None) -> list[list[dict[str, Any]]]:
        """Run ``jobs`` on up to ``options.workers`` children; each job's events, in order.

        ``deadline`` is a ``time.monotonic()`` value for the whole document.  The first failure
        is raised after every child still busy has been killed (idle ones are kept).
        """
        self._adopt()
        epoch = self.new_epoch() if epoch is None else epoch
        pending = deque(enumerate(jobs))
        results: list[list[dict[str, Any]]] = [[] for _ in jobs]
        slots = max(1, min(options.workers, len(jobs)))
        stall_limit = options.page_timeout_s + _STALL_SLACK_S
        busy: dict[WorkerChild, int] = {}
        selector = selectors.DefaultSelector()
        try:
            while pending or busy:
                while pending and len(busy) < slots:
                    index, job = pending.popleft()
                    child = self._start_job(job, options, epoch, set(busy))
                    busy[child] = index
                    selector.register(child.stdout, selectors.EVENT_READ, child)
                now = time.monotonic()
                if now > deadline:
                    raise ExtractionError("timeout", "document time limit")
                if any(now - child.last_event > stall_limit for child in busy):
                    raise ExtractionError("timeout", "page time limit")
                for key, _ in selector.select(timeout=min(1.0, max(0.05, deadline - now))):
                    child = key.data
                    child.drain()
                    if child.finished:
                        selector.unregister(child.stdout)
                        index = busy.pop(child)
                        results[index] = child.result()
                        self.peak_rss_kb = max(self.peak_rss_kb, child.peak_rss_kb)
                        self._retire_if_spent(child)
            return results
        finally:
            selector.close()
            for child in busy:
                child.kill()
            self._children[:] = [c for c in self._children if c.process.returncode is None]

    def _start_job(self, job: WorkerJob, options: ExtractionOptions, epoch: int,
                   busy: set[WorkerChild]) -> WorkerChild:
        for attempt in (1, 2):
            child = self._idle_child(options.memory_bytes, busy)
            try:
                child.submit(job, options, epoch)
            except (BrokenPipeError, ConnectionResetError):
                # The child died while idle (killed from outside): the job never started.
                child.kill()
                self._children.remove(child)
                if attempt == 2:
                    raise ExtractionError("crashed", "worker died before the job") from None
                continue
            return child
        raise AssertionError("unreachable")

    def _idle_child(self, memory_bytes: int, busy: set[WorkerChild]) -> WorkerChild:
        for child in list(self._children):
            if child in busy:
                continue
            if child.memory_bytes == memory_bytes and child.alive:
                return child
            child.close()  # another memory cap, or dead since its last job
            self._children.remove(child)
        child = WorkerChild(memory_bytes)
        self._children.append(child)
        return child

    def _retire_if_spent(self, child: WorkerChild) -> None:
        if child.jobs_done >= self.jobs_per_child or child.worn_out():
            child.close()
            self._children.remove(child)

    def _adopt(self) -> None:
        """After a fork the children are the parent's: drop our copies, start our own."""
        if os.getpid() == self._owner[0]:
            return
        for child in self._children:
            child.forget()
        self._children.clear()
        self._owner[0] = os.getpid()
