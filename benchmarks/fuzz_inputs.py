"""The whole malformed-input corpus, the mutation fuzzer and the damaged PDFs (issue 19), each
case in its own forked process (its peak memory is its own, a hang is cut off), printing the
count of every outcome:

    built / refused / overset        fine: a PDF, or every problem at file:line:column with a hint
    internal                         exit 1: a bug
    unpositioned                     exit 2 but a diagnostic without file:line:column or hint
    flagged                          fine: built, and the check found only what the input
                                     brings (a photo printing under 100 ppi)
    wrong-output                     built, but the check found problems (exit 4)
    lost-file                        an input file changed
    timeout                          over --timeout seconds

and the slowest refusal and the largest peak memory of a refusal (targets: < 5 s, < 500 MB).
Damaged PDFs: 100 copies of each sample's PDF, each checked (`layout check`): none may pass,
none may give an internal error.

    python3 benchmarks/fuzz_inputs.py                 # everything (~1 h on 2 cores)
    python3 benchmarks/fuzz_inputs.py --only yaml,limit,encoding --mutants 0 --pdfs 0
    python3 benchmarks/fuzz_inputs.py --only none --mutants 300 --pdfs 100

Details of every bad outcome go to --json (default out/fuzz-report.json).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kit import corpus  # noqa: E402

BAD = ("internal", "unpositioned", "wrong-output", "lost-file", "timeout", "passed-damaged")


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start the peak-memory count afresh (Linux: 5 > /proc/self/clear_refs), so a case is
    measured without the memory its parent held when it was forked."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _case_job(case):
    def job(folder: Path):
        names = corpus.write_case(case, folder)
        args = case.args
        case.files.clear()             # the case's bytes are on disk now; free them
        import gc
        gc.collect()
        _reset_peak()
        out = corpus.run_written(folder, names, args)._asdict()
        out["peak_mb"] = _peak_mb()
        return out
    return job


def _child(job, folder: Path, wfd: int) -> None:
    try:
        out = job(folder)
        msg = json.dumps(out._asdict() if hasattr(out, "_asdict") else out)
    except BaseException as e:       # the harness itself must not hide a crash
        msg = json.dumps({"kind": "internal", "code": -1, "seconds": 0,
                          "detail": f"harness: {type(e).__name__}: {e}"})
    os.write(wfd, msg.encode())
    os._exit(0)


def run_forked(job, timeout: float) -> tuple[dict, float]:
    """job(folder) in a child process; (its outcome, its peak RSS in MB)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as d:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(job, Path(d), w)
        os.close(w)
        t0 = time.monotonic()
        chunks = []
        os.set_blocking(r, False)
        status = ru = None
        while True:
            try:
                data = os.read(r, 65536)
                if data:
                    chunks.append(data)
            except BlockingIOError:
                pass
            got, status, ru = os.wait4(pid, os.WNOHANG)
            if got:
                break
            if time.monotonic() - t0 > timeout:
                os.kill(pid, signal.SIGKILL)
                _, status, ru = os.wait4(pid, 0)
                os.close(r)
                return ({"kind": "timeout", "code": -9, "seconds": timeout, "detail": ""},
                        ru.ru_maxrss / 1024)
            time.sleep(0.005)
        try:
            while data := os.read(r, 65536):
                chunks.append(data)
        except BlockingIOError:
            pass
        os.close(r)
        raw = b"".join(chunks)
        if not raw:
            return ({"kind": "internal", "code": status, "seconds": time.monotonic() - t0,
                     "detail": f"the process died (status {status})"}, ru.ru_maxrss / 1024)
        res = json.loads(raw)
        return res, res.pop("peak_mb", ru.ru_maxrss / 1024)


def _pdf_job(pdf_data: bytes, issue: Path, seed: int):
    def job(folder: Path):
        from layout.cli import main
        import contextlib
        import io
        how, data = corpus.damage(pdf_data, random.Random(seed))
        p = folder / "damaged.pdf"
        p.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(p), "--issue", str(issue)])
        kind = {0: "passed-damaged", 1: "internal", 2: "refused", 4: "refused"}.get(code, "internal")
        return {"kind": kind, "code": code, "seconds": time.perf_counter() - t0,
                "detail": f"{how}: {(err.getvalue() or out.getvalue())[-300:]}"}
    return job


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="comma-separated case prefixes (base,key,yaml,"
                    "encoding,limit) or 'none'; default all")
    ap.add_argument("--every", type=int, default=1, help="take every n-th key case")
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--pdfs", type=int, default=100, help="damaged copies of each sample PDF")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--json", default="out/fuzz-report.json")
    a = ap.parse_args()

    import layout.build  # noqa: F401  warm imports shared by every child
    import layout.cli  # noqa: F401
    import layout.preflight  # noqa: F401
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    only = set(filter(None, a.only.split(",")))
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    bad, refusals = [], []
    t_start = time.monotonic()

    def record(group: str, name: str, res: dict, rss: float) -> None:
        counts[group][res["kind"]] += 1
        if res["kind"] in ("refused", "overset"):
            refusals.append((res["seconds"], rss, name))
        if res["kind"] in BAD:
            bad.append({"case": name, **res, "rss_mb": round(rss)})
            print(f"  {res['kind']}: {name}: {res['detail'][:200]!r}", flush=True)

    def cases():           # generated one at a time: the parent holds no case's bytes
        if only != {"none"}:
            for k, c in enumerate(corpus.all_cases()):
                if ((not only or c.name.split(":")[0] in only)
                        and (not c.name.startswith("key:") or k % a.every == 0)):
                    yield c
        yield from corpus.mutation_cases(a.mutants)

    print(f"parent RSS {base_rss:.0f} MB", flush=True)
    for k, case in enumerate(cases(), 1):
        res, rss = run_forked(_case_job(case), a.timeout)
        record(case.name.split(":")[0], case.name, res, rss)
        del case
        if k % 100 == 0:
            print(f"  … {k} cases ({time.monotonic() - t_start:.0f} s)", flush=True)

    if a.pdfs:
        from layout.build import build_issue
        with tempfile.TemporaryDirectory() as d:
            for sample in (corpus.SAMPLE, corpus.TABLOID):
                pdf = Path(d) / (sample.stem + ".pdf")
                build_issue(str(sample), pdf)
                data = pdf.read_bytes()
                for seed in range(a.pdfs):
                    res, rss = run_forked(_pdf_job(data, sample, seed), a.timeout)
                    record(f"pdf:{sample.stem}", f"pdf:{sample.stem}:{seed}", res, rss)

    print(f"\noutcomes ({time.monotonic() - t_start:.0f} s):")
    for group, c in sorted(counts.items()):
        print(f"  {group:<28} " + ", ".join(f"{k} {n}" for k, n in sorted(c.items())))
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    print("  " + "total".ljust(28) + " " + ", ".join(f"{k} {n}" for k, n in sorted(total.items())))
    if refusals:
        slow = max(refusals)
        big = max(refusals, key=lambda x: x[1])
        print(f"slowest refusal {slow[0]:.2f} s ({slow[2]}); largest refusal peak memory "
              f"{big[1]:.0f} MB ({big[2]}; the process's imports alone: {base_rss:.0f} MB)")
    print("bad outcomes: " + (", ".join(f"{k} {total[k]}" for k in BAD if total[k]) or "none"))
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps({"counts": {g: dict(c) for g, c in counts.items()},
                                        "bad": bad}, ensure_ascii=False, indent=1))
    return 1 if any(total[k] for k in BAD) else 0


if __name__ == "__main__":
    sys.exit(main())
