"""Is a core idle? What decides whether a part of a build or a check is worth a second
process (pdf.writer.Beside, preflight.runner's structure check beside the reads).

A fork pays (~3–8 ms of CPU: page tables, pages copied on write) only when the child gets
a core of its own; on this kind of shared two-core machine the other core is often busy with
another process, and then the child only waits for it and makes the build slower. The
1-minute load average lags by a minute and counts this process's own recent work; the
kernel's per-core idle time (/proc/stat, in 10 ms ticks) since this process began (`mark`,
called as the command starts) says how many cores stood idle while it ran. Where there is
no /proc/stat, the load average decides.
"""
from __future__ import annotations

import os

_MARK: tuple[int, int] | None = None   # (idle ticks, all ticks) of every core at mark()
MIN_TICKS = 8                           # a shorter window says too little: load average


def _ticks() -> tuple[int, int] | None:
    """(idle + iowait, all) ticks of all cores since boot (proc(5): the first line)."""
    try:
        with open("/proc/stat", "rb") as f:
            fields = f.readline().split()[1:]
        n = [int(x) for x in fields[:8]]
    except (OSError, ValueError):
        return None
    return n[3] + n[4], sum(n)


def mark() -> None:
    """Begin the window idle_cores() looks at (the command's start)."""
    global _MARK
    _MARK = _ticks()


def idle_cores() -> float:
    """About how many cores stood idle since mark() (else: cores less the 1-minute load
    average, this process's own work included)."""
    now = _ticks()
    if _MARK is not None and now is not None and now[1] - _MARK[1] >= MIN_TICKS:
        idle, every = now[0] - _MARK[0], now[1] - _MARK[1]
        return (os.cpu_count() or 1) * idle / every
    try:
        return (os.cpu_count() or 1) - os.getloadavg()[0]
    except OSError:
        return 0.0


def one_idle() -> bool:
    """Is a core likely idle for a second process (most of one stood idle meanwhile)?"""
    return idle_cores() >= 0.75
