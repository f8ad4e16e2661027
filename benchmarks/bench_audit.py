"""perfxl audit against the floor: merely reading the same files with python-calamine.

    python benchmarks/bench_audit.py --sizes 1000 10000 --workers 2

For each size N it generates N synthetic returns (benchmarks/generate.py; cached under --data), then runs,
each in a fresh process, --repeat times in turn (this machine's speed drifts: medians of interleaved runs):
  floor   one process that opens every file with python-calamine and reads every sheet, nothing else;
  audit   `perfxl audit DIR -o 汇总.xlsx` end to end (imports, reading, computing, the summary workbook);
and reports median wall times, files per second, the ratio audit / floor and the peak memory (largest
process of the run; the median of the runs, and in brackets the most of any run), and the CPU seconds each
run took (the same work each time: a run that took more CPU seconds ran on a slower machine).
Before each run the files are put in the page cache (--cache warm, the default: both commands read from
memory, as the floor reads fastest) or dropped from it (--cache cold: as on a first run or a network share;
the floor then asks for each 256 files ahead at once, as audit's workers do, else it would not be the
fastest way to read them).
With --write-back it also times `--write-back` with 1 and with 2 workers, --repeat times, on the sizes given after
it (by default the smallest of --sizes); before each of these runs the last run's copies are deleted and the disk
is synced, so that no run pays for writing out another's. It also reports how many cores the 2-worker runs kept
busy on average (their CPU seconds over their wall seconds: what perfxl's parallelism controls) and each pair's
CPU seconds (the same work: where 2 workers took more, the machine ran slower with both cores busy, which no
code controls; the speed-up is about the cores kept busy over that slowdown).
The two runs of each pair take turns at going first.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple, TypeVar

from generate import generate

T = TypeVar("T")

FLOOR = """
import os
import sys
from pathlib import Path
import python_calamine
paths = sorted(Path(sys.argv[1]).rglob("*.xlsx"))
for i, path in enumerate(paths):
    if sys.argv[2:] == ["prefetch"] and i % 256 == 0:  # a cold cache: ask for the next files at once, as audit does
        for ahead in paths[i : i + 256]:
            fd = os.open(ahead, os.O_RDONLY)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            os.close(fd)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        book.close()
    except Exception:
        pass
"""


class Run(NamedTuple):
    seconds: float  # wall
    mib: float  # peak RSS of the largest process of the command's tree
    cpu: float  # user + system seconds of the whole tree: the same work should cost the same, run after run


def run(command: list[str]) -> Run:
    """Time one command in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: some inputs were (deliberately) unreadable
        raise SystemExit(f"failed: {' '.join(command)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def set_cache(folder: Path, state: str) -> None:
    """Every file under folder read into the page cache ("warm"), or dropped from it ("cold": clean pages are
    let go with POSIX_FADV_DONTNEED, no privileges needed). This machine's kernel reclaims cached files within
    minutes, so without this a run's reads came from memory or from the disk by chance."""
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if state == "warm":
            path.read_bytes()
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def alternate(i: int, first: T, second: T) -> tuple[T, T]:
    """The two runs of pair i, in turn first: neither always runs just after the other (the page cache, the
    disk's write-back of the last run's output)."""
    return (first, second) if i % 2 == 0 else (second, first)


def fingerprint() -> str:
    """What the generated returns depend on: the generator, the template writer and the rule data. A cached
    data set made by other code (a template with fewer sheets, say) is made again, never measured."""
    import perfxl

    package = Path(perfxl.__file__).parent
    sources = [
        Path(generate.__code__.co_filename),
        *sorted((package / "write" / "templates").glob("*.py")),
        *sorted((package / "rules" / "data").glob("*.yaml")),
    ]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def dataset(root: Path, size: int) -> Path:
    folder = root / f"n{size}"
    marker = root / f"n{size}.complete"
    made_by = fingerprint()
    if not marker.exists() or marker.read_text(encoding="utf-8").strip() != made_by:
        marker.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, size)
        marker.write_text(made_by, encoding="utf-8")
    return folder


def compiled() -> None:
    """perfxl's bytecode written, as ``pip install`` writes it: an editable install under PYTHONDONTWRITEBYTECODE
    (set on this machine) would otherwise compile every module again in each measured run."""
    import perfxl

    compileall.compile_dir(Path(perfxl.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "perfxl-bench")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, interleaved; medians are reported")
    parser.add_argument(
        "--write-back",
        type=int,
        nargs="*",
        metavar="N",
        help="also time --write-back with 1 and 2 workers (on these sizes; default the smallest)",
    )
    parser.add_argument(
        "--cache",
        choices=("warm", "cold"),
        default="warm",
        help="the inputs in the page cache before each run, or dropped from it",
    )
    args = parser.parse_args()
    compiled()
    perfxl = [sys.executable, "-m", "perfxl"]
    rows = []
    cpu_seconds: dict[int, tuple[list[Run], list[Run]]] = {}
    out = Path(tempfile.mkdtemp(prefix="perfxl-bench-out-"))
    for size in args.sizes:
        folder = dataset(args.data, size)
        floors: list[Run] = []
        audits: list[Run] = []
        floor = [sys.executable, "-c", FLOOR, str(folder), *(["prefetch"] if args.cache == "cold" else [])]
        audit = [*perfxl, "audit", str(folder), "-o", str(out / "汇总.xlsx"), "--force", "--workers", str(args.workers)]
        for i in range(args.repeat):
            for command, times in alternate(i, (floor, floors), (audit, audits)):
                set_cache(folder, args.cache)
                times.append(run(command))
            print(
                f"N={size}: floor {floors[-1].seconds:.2f} s (CPU {floors[-1].cpu:.2f} s), "
                f"audit {audits[-1].seconds:.2f} s (CPU {audits[-1].cpu:.2f} s)",
                file=sys.stderr,
            )
        floor_s, audit_s = statistics.median(r.seconds for r in floors), statistics.median(r.seconds for r in audits)
        audit_mb = statistics.median(r.mib for r in audits)
        rows.append(
            (size, floor_s, audit_s, audit_mb, max(r.mib for r in audits), statistics.median(r.mib for r in floors))
        )
        cpu_seconds[size] = (floors, audits)
    print(f"\npage cache before each run: {args.cache}")
    print(
        f"\n| N | floor: calamine read (s) | perfxl audit --workers {args.workers} (s) | audit / floor "
        "| files/s | peak memory audit (MiB) | peak memory floor (MiB) |"
    )
    print("|---|---|---|---|---|---|---|")
    for size, floor_s, audit_s, audit_mb, most_mb, floor_mb in rows:
        print(
            f"| {size:,} | {floor_s:.2f} | {audit_s:.2f} | {audit_s / floor_s:.2f}× | {size / audit_s:,.0f} "
            f"| {audit_mb:.0f} ({most_mb:.0f}) | {floor_mb:.0f} |"
        )
    for size, (floors, audits) in cpu_seconds.items():
        print(
            f"\nN={size:,}, CPU seconds of each run in turn (the same work: where a run took more, the machine was "
            f"slower): floor {', '.join(f'{r.cpu:.2f}' for r in floors)}; "
            f"audit {', '.join(f'{r.cpu:.2f}' for r in audits)}"
        )
    if len(rows) > 1:
        print(
            f"\npeak memory N={rows[-1][0]:,} / N={rows[0][0]:,}: {rows[-1][3] / rows[0][3]:.2f}× "
            f"(the most of any run: {rows[-1][4] / rows[0][4]:.2f}×)"
        )
    if args.write_back is not None:
        for size in args.write_back or [min(args.sizes)]:
            write_back(size, dataset(args.data, size), perfxl, out, args)
    shutil.rmtree(out, ignore_errors=True)


def write_back(size: int, folder: Path, perfxl: list[str], out: Path, args: argparse.Namespace) -> None:
    """`--write-back` with 1 worker against 2, in interleaved pairs."""
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for i in range(args.repeat):  # interleaved and repeated: this machine's speed drifts between runs
        for workers, took in alternate(i, (1, runs[1]), (2, runs[2])):
            shutil.rmtree(out / "wb", ignore_errors=True)
            if hasattr(os, "sync"):  # the last run's copies on disk now, not while this run is timed
                os.sync()
            set_cache(folder, args.cache)
            took.append(
                run(
                    [
                        *perfxl,
                        "audit",
                        str(folder),
                        "-o",
                        str(out / "汇总.xlsx"),
                        "--force",
                        "--workers",
                        str(workers),
                        "--write-back",
                        str(out / "wb"),
                    ]
                )
            )
        print(
            f"--write-back N={size}: 1 worker {runs[1][-1].seconds:.2f} s (CPU {runs[1][-1].cpu:.2f} s), "
            f"2 workers {runs[2][-1].seconds:.2f} s (CPU {runs[2][-1].cpu:.2f} s)",
            file=sys.stderr,
        )
    one, two = (statistics.median(r.seconds for r in runs[n]) for n in (1, 2))
    pairs = list(zip(runs[1], runs[2], strict=True))
    print(
        f"\n--write-back, N={size:,} (median of {args.repeat}): 1 worker {one:.2f} s, 2 workers {two:.2f} s, "
        f"speed-up {one / two:.2f}× (each pair: {', '.join(f'{a.seconds / b.seconds:.2f}' for a, b in pairs)}). "
        f"Cores busy on average with 2 workers (CPU s / wall s): "
        f"{', '.join(f'{b.cpu / b.seconds:.2f}' for _, b in pairs)}; CPU seconds 1 worker "
        f"{', '.join(f'{a.cpu:.2f}' for a, _ in pairs)}, 2 workers {', '.join(f'{b.cpu:.2f}' for _, b in pairs)} "
        f"({', '.join(f'{b.cpu / a.cpu - 1:+.0%}' for a, b in pairs)}: the same work, so where 2 workers took more, "
        f"the machine ran slower with both cores busy)",
        flush=True,
    )


if __name__ == "__main__":
    main()
