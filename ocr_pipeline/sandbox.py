"""One sandboxed worker child kept alive across jobs, and how its endings are classified.

The parent never parses a file itself.  A ``WorkerChild`` is a ``python -m ocr_pipeline.worker``
process in its own session with RLIMIT_AS set once at start; jobs go to it one JSON line at a
time and its JSON-line events come back on a pipe the caller watches (see
:mod:`ocr_pipeline.pool`).  A job ends with ``done`` (the child stays, reusable), with ``error``
(the child exits: the error it names is raised), or with the child's death, classified from its
exit status: a CPU-limit signal is a timeout, a signal after growing close to the memory cap is
"too large", any other death a crash (retryable).  A child is never reused once a job of its
failed or overran: it is killed and a fresh one takes its place.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ocr_pipeline.errors import ERROR_MESSAGES, ExtractionError
from ocr_pipeline.model import ExtractionOptions

__all__ = ["OOM_FRACTION", "WorkerChild", "WorkerJob"]

# A child that dies by a signal after its peak RSS reached this share of its address-space cap
# ran out of memory (native parsers abort rather than raise when an allocation is refused).
# A reused child is retired once a job leaves its peak above this share, so a later crash is
# only ever blamed on memory when that job itself grew the child.
OOM_FRACTION = 0.4
_CLOSE_GRACE_S = 2.0


@dataclass(frozen=True)
class WorkerJob:
    path: Path
    kind: str
    mode: str  # "text" or "ocr"
    pages: tuple[int, ...] = ()


def _package_root() -> str:
    root = str(Path(__file__).resolve().parent.parent)
    existing = os.environ.get("PYTHONPATH")
    return f"{root}{os.pathsep}{existing}" if existing else root


class WorkerChild:
    """A live worker process: submit a job, feed ``drain`` when its pipe is readable, then
    ``result`` the job's events (or the classified error).  Not thread-safe."""

    def __init__(self, memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": _package_root()}
        # Linux hands the spawning process's peak RSS to the child's ru_maxrss across exec;
        # only a peak above it tells about the child itself (see ``_reap``).
        self._inherited_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ocr_pipeline.worker", str(memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )
        if self.process.stdin is None or self.process.stdout is None:
            raise ExtractionError("crashed", "worker pipes missing")
        self.stdout = self.process.stdout
        self.jobs_done = 0
        self.peak_rss_kb = 0  # the child's own peak (and its Tesseracts'), in kB
        self.job: WorkerJob | None = None
        self.events: list[dict[str, Any]] = []
        self.last_event = time.monotonic()
        self._buffer = b""
        self._eof = False

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return not self._eof and not self._reap(block=False)

    @property
    def finished(self) -> bool:
        """The current job has ended: a last event arrived or the child is gone."""
        ended = bool(self.events) and self.events[-1].get("type") in ("done", "error")
        return ended or self._eof

    def submit(self, job: WorkerJob, options: ExtractionOptions, epoch: int) -> None:
        """Send ``job``; ``epoch`` names the document whose CPU budget it draws on."""
        payload = {"path": str(job.path), "kind": job.kind, "mode": job.mode,
                   "pages": list(job.pages), "options": asdict(options), "epoch": epoch}
        self.job, self.events, self.last_event = job, [], time.monotonic()
        stdin = self.process.stdin
        if stdin is None:
            raise ExtractionError("crashed", "worker stdin closed")
        stdin.write(json.dumps(payload).encode() + b"\n")
        stdin.flush()

    def drain(self) -> None:
        """Read what the child wrote (call when its stdout is readable)."""
        chunk = os.read(self.stdout.fileno(), 65536)
        if not chunk:
            self._eof = True
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self.events.append(json.loads(line))
                self.last_event = time.monotonic()

    def result(self) -> list[dict[str, Any]]:
        """The finished job's events, or raise the classified error its ending implies.

        After an error the child is dead (reaped here) and must not be reused.
        """
        last = self.events[-1] if self.events else {}
        if last.get("type") == "done":
            self.jobs_done += 1
            self.peak_rss_kb = int(last.get("peak_rss_kb", 0))
            self.job = None
            return [*self.events, {"type": "rusage", "peak_rss_kb": self.peak_rss_kb}]
        self.kill()
        if last.get("type") == "error":
            code = last.get("code")
            if code not in ERROR_MESSAGES:
                raise ExtractionError("crashed", f"unknown error code {code!r}")
            raise ExtractionError(code, str(last.get("detail", "")))
        status = self.process.returncode
        if status == -signal.SIGXCPU:
            raise ExtractionError("timeout", "CPU time limit")
        if status < 0 and self.peak_rss_kb * 1024 >= self.memory_bytes * OOM_FRACTION:
            raise ExtractionError("too_large", f"signal {-status} at {self.peak_rss_kb} kB")
        raise ExtractionError("crashed", f"worker exit status {status}")

    def worn_out(self) -> bool:
        """Retire after a job that left the child's peak memory near the cap."""
        return self.peak_rss_kb * 1024 >= self.memory_bytes * OOM_FRACTION

    def kill(self) -> None:
        """SIGKILL the child's whole session (it may have Tesseract running) and reap it."""
        if self.process.returncode is None:
            # Even a child already dead may leave Tesseract running in its session.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self._reap(block=True)
        self._close_pipes()

    def release(self) -> None:
        """Tell an idle child to finish (its stdin closes); ``close`` then waits for it."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()

    def close(self) -> None:
        """Let an idle child finish by closing its stdin; kill it if it lingers."""
        self.release()
        deadline = time.monotonic() + _CLOSE_GRACE_S
        while not self._reap(block=False) and time.monotonic() < deadline:
            time.sleep(0.002)
        self.kill()

    def forget(self) -> None:
        """Drop this process's copies of the pipes without touching the child (after fork)."""
        self._close_pipes()

    def _reap(self, *, block: bool) -> bool:
        """Collect the child's exit status and lifetime peak memory; ``True`` once it is gone.

        ``os.wait4`` rather than ``Popen.poll``: only it reports the peak RSS, which decides
        whether a death by signal was the memory cap.  A peak no higher than this process's own
        may be inherited rather than the child's; then the peak the child last reported
        (``VmHWM`` at the end of its last job) stands, so a big parent (a test runner, a CKAN
        worker) does not make every crash look like the memory cap.
        """
        if self.process.returncode is not None:
            return True
        pid, status, usage = os.wait4(self.process.pid, 0 if block else os.WNOHANG)
        if pid == 0:
            return False
        self.process.returncode = os.waitstatus_to_exitcode(status)
        if usage.ru_maxrss > self._inherited_kb:
            self.peak_rss_kb = max(self.peak_rss_kb, usage.ru_maxrss)
        return True

    def _close_pipes(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(BrokenPipeError, OSError):
                    pipe.close()
