"""Benchmark: pictures at their limits — time and peak memory of a build, each in a fresh
process (issue 19: a 12,000 × 12,000 PNG took 34 s and 3.9 GB, embedded at full size).

Cases, each a one-page tabloid issue with one picture in a 3-column × 20-row frame:

- bomb:     a 12,000 × 12,000 gray PNG (144 MP, ~140 KB on disk): refused from its header
            (exit 2), never decoded;
- big-jpeg: a 9,000 × 6,000 RGB JPEG (54 MP): decoded at 1/8 scale (libjpeg DCT scaling),
            down-sampled to 300 ppi, embedded;
- big-png:  a 9,000 × 6,000 RGB PNG (54 MP): decoded whole (PNG has no scaled decoding),
            resampled from the crop box, embedded;
- 16-bit:   a 6,000 × 4,000 16-bit gray PNG.

Prints, per case: exit status, wall time, peak RSS of the child (ru_maxrss), PDF size, and
the embedded pixels.

    python benchmarks/bench_pictures.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ISSUE = """\
paper: {{name: 测试报}}
issue: {{date: 2023-01-13}}
pages:
  - number: 2
    name: 地方科协
    format: tabloid
    pictures:
      - id: p
        file: {file}
        caption: 会场一角。
        credit: 本报记者 林晓雯 摄
        place: {{col: 1, span: 3, row: 1, rows: 20}}
"""


def make(d: Path) -> dict[str, Path]:
    from PIL import Image

    from tests.kit.pictures import photo, png_bomb
    files = {"bomb": png_bomb(d / "bomb.png"),
             "big-jpeg": photo(d / "big.jpg", 9000, 6000, quality=90),
             "big-png": photo(d / "big.png", 9000, 6000, compress_level=1)}
    Image.new("I;16", (6000, 4000), 20315).save(d / "g16.png")
    files["16-bit"] = d / "g16.png"
    return files


def run(issue: Path, out: Path) -> tuple[int, float, float]:
    """(exit status, seconds, peak RSS in MB) of `layout build` in a new process; the peak is
    that child's own (os.wait4)."""
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "layout.cli", "build", str(issue), "-o",
                          str(out), "--no-check", "--dump", str(out.with_suffix(".txt"))],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, time.perf_counter() - t, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        print("making the pictures …", flush=True)
        # made in a child: a forked child's peak RSS counts the parent's pages it started with
        subprocess.run([sys.executable, __file__, "--make", str(d)], check=True)
        files = {"bomb": d / "bomb.png", "big-jpeg": d / "big.jpg", "big-png": d / "big.png",
                 "16-bit": d / "g16.png"}
        print(f"{'case':<10} {'file MB':>8} {'exit':>5} {'seconds':>8} {'peak MB':>8} "
              f"{'PDF MB':>7}  embedded")
        for name, path in files.items():
            issue = d / f"{name}.yaml"
            issue.write_text(ISSUE.format(file=path.name), encoding="utf-8")
            out = d / f"{name}.pdf"
            code, secs, peak = run(issue, out)
            size = out.stat().st_size / 1e6 if out.exists() else 0.0
            dump = out.with_suffix(".txt")
            px = next((w.split("=")[1] for ln in (dump.read_text().splitlines()
                                                    if dump.exists() else [])
                       if ln.startswith("I ") for w in ln.split() if w.startswith("px=")), "-")
            print(f"{name:<10} {path.stat().st_size / 1e6:>8.2f} {code:>5} {secs:>8.2f} "
                  f"{peak:>8.0f} {size:>7.2f}  {px}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make(Path(sys.argv[2]))
    else:
        main()
