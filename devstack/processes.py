"""Background processes of the local stack: pidfiles, port checks and clean stops.

`make stop` must stop what `make run` started and nothing else, so every process we start is
recorded in a pidfile together with a marker that must appear in its command line; a stale
pidfile whose pid now belongs to another program is ignored.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


class StackError(Exception):
    """A problem the person running the stack must fix; its message is one line saying how."""


@dataclass(frozen=True)
class ManagedProcess:
    name: str
    pidfile: Path
    marker: str  # a string that must appear in the process's command line

    def pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            return None
        return pid if self.marker in cmdline else None

    def is_running(self) -> bool:
        return self.pid() is not None

    def stop(self, timeout: float = 30.0) -> bool:
        """Stops the process (and its process group) if it is ours; True if it was running."""
        pid = self.pid()
        if pid is None:
            self.pidfile.unlink(missing_ok=True)
            return False
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            _signal_group(pid, signal.SIGKILL)
        self.pidfile.unlink(missing_ok=True)
        return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0


def require_free_port(port: int, what: str, env_var: str) -> None:
    if port_in_use(port):
        raise StackError(
            f"port {port} (for {what}) is taken by another program: stop it, "
            f"or choose another port with {env_var}=<port>"
        )


def spawn(
    proc: ManagedProcess,
    argv: Sequence[str],
    log: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Starts argv detached in its own session, output to log, and records its pid."""
    log.parent.mkdir(parents=True, exist_ok=True)
    proc.pidfile.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        child = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
            cwd=cwd,
        )
    proc.pidfile.write_text(str(child.pid))
    return child


def wait_until(
    ready: Callable[[], bool],
    what: str,
    timeout: float,
    failed: Callable[[], str | None] = lambda: None,
) -> None:
    """Polls `ready` until true; `failed` may report early that the process died, and why."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        reason = failed()
        if reason:
            raise StackError(f"{what} did not start: {reason}")
        time.sleep(0.3)
    raise StackError(f"{what} did not become ready within {timeout:.0f} s")


def exited(child: subprocess.Popen[bytes], log: Path, lines: int = 3) -> Callable[[], str | None]:
    """The early-failure check for wait_until: the log's tail once the child we spawned has
    exited. (Not the pidfile's marker: right after fork the child's command line is still ours.)"""
    return lambda: None if child.poll() is None else tail(log, lines)


def tail(path: Path, lines: int = 5) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except FileNotFoundError:
        return "(no log)"
    return " | ".join(text[-lines:])
