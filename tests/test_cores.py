"""layout.cores: idle cores counted from the kernel's idle ticks since mark(), the load
average when the window is too short to say or there is no /proc/stat."""
from __future__ import annotations

import os

from layout import cores


def _reads(monkeypatch, *values):
    """/proc/stat's counts read as `values`, the last one again after that."""
    left = list(values)
    monkeypatch.setattr(cores, "_ticks", lambda: left.pop(0) if len(left) > 1 else left[0])


def test_idle_cores_are_the_idle_share_of_the_ticks_since_the_mark(monkeypatch):
    _reads(monkeypatch, (1000, 4000), (1030, 4040))   # 30 of 40 ticks idle since the mark
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    cores.mark()
    assert cores.idle_cores() == 1.5 and cores.one_idle()


def test_a_busy_machine_has_no_idle_core(monkeypatch):
    _reads(monkeypatch, (1000, 4000), (1004, 4040))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    cores.mark()
    assert cores.idle_cores() == 0.2 and not cores.one_idle()


def test_a_short_window_or_no_proc_stat_asks_the_load_average(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.75, 1.0, 1.0))
    _reads(monkeypatch, (1000, 4000), (1001, 4002))   # 2 ticks: too few to tell
    cores.mark()
    assert cores.idle_cores() == 0.25 and not cores.one_idle()
    monkeypatch.setattr(cores, "_ticks", lambda: None)
    cores.mark()
    assert cores.idle_cores() == 0.25


def test_the_kernels_counts_are_read():
    got = cores._ticks()
    if got is None:
        return                                        # no /proc/stat here: nothing to read
    idle, every = got
    assert 0 <= idle <= every and every > 0
