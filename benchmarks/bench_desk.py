"""The desk's edit-to-image time and the resident process's memory.

    python3 benchmarks/bench_desk.py [--saves 9] [--gap 2.5] [--no-check] [ISSUE.yaml]

Starts `layout serve` on a copy of the sample, opens it in Debian's chromium (Playwright),
then saves the YAML `--saves` times (a one-story edit, as an editor's save: the file
rewritten), each `--gap` s after the last (the preflight runs between saves, as it does for
an editor), and prints for each save the time from the save to the new page image loaded
in the browser (the browser's clock and ours are the same machine's), with the server's own
part (save seen to PDF written), then the median, and the server process's resident memory
(VmRSS now, VmHWM its peak; the preflight runs in a child process, not counted).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.kit.browser import browser_page, desk_server, playwright  # noqa: E402


def _memory(pid: int) -> dict:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line[:5]] = int(line.split()[1]) / 1024
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("issue", nargs="?", default=str(ROOT / "issues" / "sample-difang-kexie.yaml"))
    ap.add_argument("--saves", type=int, default=9)
    ap.add_argument("--gap", type=float, default=2.5)
    ap.add_argument("--no-check", action="store_true")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-desk-"))
    issue = tmp / Path(a.issue).name
    shutil.copy(a.issue, issue)
    text = issue.read_text(encoding="utf-8")
    old = "省科协党组领导、厅级干部出席会议"
    assert old in text, "the benchmark edits a sentence of the sample's story zongjie"
    extra = ("--no-check",) if a.no_check else ()
    rows = []
    with desk_server(issue, tmp / "out.pdf", *extra) as (url, proc), playwright() as pw, \
            browser_page(pw, 1500, 1000) as page:
        page.goto(url)
        page.wait_for_function("window.desk && window.desk.imageGen > 0", timeout=60000)
        time.sleep(a.gap)
        for i in range(a.saves):
            gen = page.evaluate("window.desk.imageGen")
            new = text.replace(old, old.replace("出席", "出席了"), 1) if i % 2 == 0 else text
            t0 = time.time()
            issue.write_text(new, encoding="utf-8")
            page.wait_for_function(f"window.desk.imageGen > {gen}", timeout=30000)
            shown = page.evaluate("window.desk.imageAt") / 1000 - t0
            with urllib.request.urlopen(url + "blocks.json") as r:
                server = json.load(r)["ms"]
            rows.append((shown * 1000, server))
            print(f"save {i + 1}: image in the browser {shown * 1000:6.0f} ms after the save "
                  f"(server: save seen to PDF written {server:5.0f} ms)", flush=True)
            time.sleep(a.gap)
        mem = _memory(proc.pid)
    ms = [r[0] for r in rows]
    print(f"\nedit-to-image, {len(ms)} saves: median {statistics.median(ms):.0f} ms, "
          f"min {min(ms):.0f}, max {max(ms):.0f}; server part median "
          f"{statistics.median(r[1] for r in rows):.0f} ms")
    print(f"resident memory of the desk process: {mem['VmRSS']:.0f} MB now, "
          f"{mem['VmHWM']:.0f} MB peak")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
