"""A real browser for the desk's tests: Playwright driving Debian's chromium (installed by
.ci/run; Playwright's own browser download is not reachable), headless, in a new empty
profile, with nothing that reaches the network by itself."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tests.kit.paths import ROOT

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser")
                 if os.path.exists(p)), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def playwright():
    """One Playwright driver (its sync API allows one at a time in a thread)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        yield pw


@contextlib.contextmanager
def browser_page(pw, width: int = 1500, height: int = 1000, extra_args: tuple = ()):
    """A page in chromium with a new, empty profile, closed afterwards."""
    profile = tempfile.mkdtemp(prefix="desk-profile-")
    try:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS + list(extra_args),
            viewport={"width": width, "height": height}, locale="zh-CN")
        try:
            yield ctx.pages[0] if ctx.pages else ctx.new_page()
        finally:
            ctx.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@contextlib.contextmanager
def desk_server(issue: Path, out: Path, *extra: str):
    """`layout serve` in a child process on a free port; yields (url, process)."""
    proc = subprocess.Popen([sys.executable, "-m", "layout.cli", "serve", str(issue), "-o",
                             str(out), "--port", "0", *extra], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    try:
        url = None
        deadline = time.time() + 30
        while url is None and time.time() < deadline and proc.poll() is None:
            url = next((w for line in lines for w in line.split() if w.startswith("http://")), None)
            time.sleep(0.05)
        assert url, "layout serve did not start:\n" + "".join(lines)
        while time.time() < deadline:           # the first build done
            with urllib.request.urlopen(url + "blocks.json") as r:
                if b'"built": ' in r.read():
                    break
            time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
