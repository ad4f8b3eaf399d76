"""Run worker children under limits and collect their streamed events, several at once.

The parent never parses the file itself.  Each child gets a job on stdin; its JSON lines are
read with a wall-clock deadline for the whole run and a stall deadline between events (one page
may take at most ``page_timeout_s`` plus rendering slack).  A child that overruns is killed;
one that dies is classified from its exit status: a CPU-limit signal is a timeout, any other
death a crash (retryable), an error event the error it names.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ocr_pipeline.errors import ERROR_MESSAGES, ExtractionError
from ocr_pipeline.model import ExtractionOptions

__all__ = ["WorkerJob", "run_jobs"]

_STALL_SLACK_S = 30.0


@dataclass(frozen=True)
class WorkerJob:
    path: Path
    kind: str
    mode: str  # "text" or "ocr"
    pages: tuple[int, ...] = ()


@dataclass
class _Running:
    job: WorkerJob
    process: subprocess.Popen[bytes]
    buffer: bytes = b""
    events: list[dict[str, Any]] = field(default_factory=list)
    last_event: float = field(default_factory=time.monotonic)
    peak_rss_kb: int = 0


def _start(job: WorkerJob, options: ExtractionOptions) -> _Running:
    payload = {"path": str(job.path), "kind": job.kind, "mode": job.mode,
               "pages": list(job.pages), "options": asdict(options)}
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": _package_root()}
    process = subprocess.Popen(
        [sys.executable, "-m", "ocr_pipeline.worker"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=env, start_new_session=True,
    )
    if process.stdin is None or process.stdout is None:
        raise ExtractionError("crashed", "worker pipes missing")
    process.stdin.write(json.dumps(payload).encode())
    process.stdin.close()
    return _Running(job, process)


def _package_root() -> str:
    root = str(Path(__file__).resolve().parent.parent)
    existing = os.environ.get("PYTHONPATH")
    return f"{root}{os.pathsep}{existing}" if existing else root


def _kill(running: _Running) -> None:
    if running.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.process.pid, signal.SIGKILL)
    _reap(running)


def _reap(running: _Running) -> int:
    """Wait for the child and note its peak resident memory (for limits and benchmarks)."""
    process = running.process
    if process.returncode is None:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        running.peak_rss_kb = usage.ru_maxrss
    return process.returncode


def _outcome(running: _Running, memory_bytes: int) -> list[dict[str, Any]]:
    """The child's events, or the classified error its ending implies."""
    status = _reap(running)
    errors = [e for e in running.events if e.get("type") == "error"]
    if errors:
        code = errors[0].get("code")
        if code not in ERROR_MESSAGES:
            raise ExtractionError("crashed", f"unknown error code {code!r}")
        raise ExtractionError(code, str(errors[0].get("detail", "")))
    if status == 0 and running.events and running.events[-1].get("type") == "done":
        return [*running.events, {"type": "rusage", "peak_rss_kb": running.peak_rss_kb}]
    if status == -signal.SIGXCPU:
        raise ExtractionError("timeout", "CPU time limit")
    # Native parsers abort rather than raise when RLIMIT_AS refuses an allocation; a child that
    # died by a signal after growing close to the cap ran out of memory: a property of the file.
    if status < 0 and running.peak_rss_kb * 1024 >= memory_bytes * 0.4:
        raise ExtractionError("too_large", f"signal {-status} at {running.peak_rss_kb} kB")
    raise ExtractionError("crashed", f"worker exit status {status}")


def _drain(running: _Running) -> bool:
    """Read what the child wrote; ``False`` at end of stream."""
    stdout = running.process.stdout
    chunk = os.read(stdout.fileno(), 65536) if stdout is not None else b""
    if not chunk:
        return False
    running.buffer += chunk
    *lines, running.buffer = running.buffer.split(b"\n")
    for line in lines:
        if line.strip():
            running.events.append(json.loads(line))
            running.last_event = time.monotonic()
    return True


def run_jobs(
    jobs: Sequence[WorkerJob], options: ExtractionOptions, deadline: float
) -> list[list[dict[str, Any]]]:
    """Run ``jobs`` concurrently; return each job's events in order, or raise the first failure.

    ``deadline`` is a ``time.monotonic()`` value for the whole document.  On any failure every
    child still running is killed before the error propagates.
    """
    running = [_start(job, options) for job in jobs]
    stall_limit = options.page_timeout_s + _STALL_SLACK_S
    selector = selectors.DefaultSelector()
    try:
        for item in running:
            if item.process.stdout is not None:
                selector.register(item.process.stdout, selectors.EVENT_READ, item)
        open_count = len(running)
        while open_count:
            now = time.monotonic()
            if now > deadline:
                raise ExtractionError("timeout", "document time limit")
            if any(now - r.last_event > stall_limit for r in running if r.process.stdout
                   and not r.process.stdout.closed):
                raise ExtractionError("timeout", "page time limit")
            for key, _ in selector.select(timeout=min(1.0, max(0.05, deadline - now))):
                item = key.data
                if not _drain(item):
                    selector.unregister(key.fileobj)
                    if item.process.stdout is not None:
                        item.process.stdout.close()
                    open_count -= 1
                    if item.events and item.events[-1].get("type") == "error":
                        _outcome(item, options.memory_bytes)
        return [_outcome(item, options.memory_bytes) for item in running]
    finally:
        selector.close()
        for item in running:
            _kill(item)
            if item.process.stdout is not None and not item.process.stdout.closed:
                item.process.stdout.close()
