#!/usr/bin/env python3
"""Time `ssw` against baselines and write benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py [--scales S,M,L] [--reps 5] [--reps-large N]
                                       [--out benchmarks/RESULTS.md]

What is compared (each command a fresh subprocess, the way users run it):

a. on the real plan (the repository root): `ssw --version` and `ssw status`
   against the floor `python -c "import yaml"` (same interpreter): the cost of
   starting Python and loading the one library every command needs;
b. at each scale (synthetic roots from generate.py, in benchmarks/out/):
   `ssw validate`, `ssw status --format json` and `ssw report --format html`
   against a baseline that only parses the same YAML files with libyaml's C
   loader: the least any tool reading these files has to do;
c. growth from S to M to L: time ratio against size ratio (updates + plan items).

Within each repetition the commands of a group run round-robin (the start
rotates every repetition), so drift in the machine's speed hits every command
alike; the table shows medians. One unrecorded warm-up run per command fills
the OS file cache and the bytecode caches, and tells which commands work: a
command that fails (e.g. `report` before it exists) is reported as n/a.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT_DIR = HERE / "out"
TODAY = "2026-11-23"
SEED = 1

sys.path.insert(0, str(HERE))
import generate  # noqa: E402

PARSE_SRC = """\
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
for base in ("plan", "regions"):
    folder = root / base
    if folder.is_dir():
        for path in sorted(folder.rglob("*.yaml")):
            with open(path, encoding="utf-8") as f:
                yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""

# What any command on the project's fixed stack pays before it reads a file: interpreter,
# PyYAML, Typer and pydantic imported, one strict model built and used (plugins skipped, as
# ssw does) and one Typer command with one option run. `ssw status` on the real plan cannot
# be faster than this; the target is to stay within 1.15x of it.
FLOOR_SRC = """
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import yaml, typer
from pydantic import BaseModel, ConfigDict
class One(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
app = typer.Typer(add_completion=False)
@app.command()
def status(root: str = ".") -> None:
    print(One.model_validate({"id": "4.1"}).id, yaml.safe_load("a: 1"))
@app.command()
def other() -> None:
    pass
app(["status", "--root", "."], standalone_mode=False)
"""
FLOOR_LABEL = "floor: typer command + pydantic model"

# (label, target factor, command label, baseline label, scale or None for the real plan)
TARGETS = [
    ("`ssw --version` within 3x of `import yaml`", 3.0, "ssw --version", "python -c 'import yaml'", None),
    ("`ssw status` (real plan) within 5x of `import yaml`", 5.0, "ssw status", "python -c 'import yaml'", None),
    ("`ssw status` (real plan) within 1.15x of the stack's floor", 1.15, "ssw status", FLOOR_LABEL, None),
    ("`ssw status` (real plan), empty cache, within 1.5x of the stack's floor", 1.5, "ssw status, empty cache", FLOOR_LABEL, None),
    ("`ssw validate` at L within 2x of the C-loader parse", 2.0, "ssw validate", "parse (C loader)", "L"),
    ("`ssw validate` at L, empty cache, within 2x of the C-loader parse", 2.0, "ssw validate, empty cache", "parse (C loader)", "L"),
    ("`ssw status --format json` at L within 2x of the C-loader parse", 2.0, "ssw status --format json", "parse (C loader)", "L"),
    ("`ssw report --format html` at L within 3x of the C-loader parse", 3.0, "ssw report --format html", "parse (C loader)", "L"),
]


@dataclass
class Bench:
    label: str
    argv: list[str]
    baseline: bool = False
    empty_cache: bool = False  # every run with an empty cache folder: a first run after an edit
    times: list[float] = field(default_factory=list)
    failed: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.failed else None


@dataclass
class Group:
    name: str  # "real" or a scale
    title: str
    benches: list[Bench]
    reps: int
    size: dict | None = None  # generator counts
    loads: list[float] = field(default_factory=list)  # 1-min load average after each repetition

    def get(self, label: str) -> Bench | None:
        return next((b for b in self.benches if b.label == label), None)

    @property
    def baseline(self) -> Bench:
        return next(b for b in self.benches if b.baseline)


def ssw_command() -> list[str]:
    """The `ssw` script next to this interpreter (what users run); else `python -m ssw`."""
    folder = Path(sys.executable).parent
    for name in ("ssw", "ssw.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    print(f"warning: no ssw script next to {sys.executable}; using python -m ssw", file=sys.stderr)
    return [sys.executable, "-m", "ssw"]


CACHE_DIR = OUT_DIR / "cache"


def environment() -> dict[str, str]:
    """SSW_TODAY fixed; bytecode cached under benchmarks/out/pycache like an installed ssw;
    ssw's cache folder (validated files) under benchmarks/out/cache, emptied at the start."""
    drop = ("SSW_ROOT", "SSW_LANG", "SSW_TODAY", "PYTHONDONTWRITEBYTECODE", "NO_COLOR", "SSW_CACHE_DIR")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["SSW_TODAY"] = TODAY
    env["PYTHONPYCACHEPREFIX"] = str(OUT_DIR / "pycache")
    env["SSW_CACHE_DIR"] = str(CACHE_DIR)
    return env


def run_bench(bench: Bench, env: dict[str, str], timeout: float) -> tuple[float, int, str]:
    """One run; an `empty_cache` bench gets a cache folder of its own, empty (the compiled
    message catalogues come along: they are not what is measured)."""
    if not bench.empty_cache:
        return run_once(bench.argv, env, timeout)
    fresh = Path(tempfile.mkdtemp(prefix="ssw-bench-cache-"))
    try:
        if (CACHE_DIR / "locale").is_dir():
            shutil.copytree(CACHE_DIR / "locale", fresh / "locale")
        return run_once(bench.argv, {**env, "SSW_CACHE_DIR": str(fresh)}, timeout)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


TIMED_OUT = -999


def run_once(argv: list[str], env: dict[str, str], timeout: float) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, TIMED_OUT, ""
    elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, proc.stderr.decode("utf-8", "replace")


def failure(rc: int, stderr: str, timeout: float) -> str:
    if rc == TIMED_OUT:
        return f"timed out: over {timeout:.0f} s"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = lines[-1] if lines else "no message"
    return f"command failed: exit {rc}: {detail[:160]}"


LOADS: list[float] = []  # 1-minute load average after each repetition


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):  # Windows
        return None


def measure(group: Group, env: dict[str, str], timeout: float) -> None:
    for bench in group.benches:  # warm-up: caches, and which commands work
        elapsed, rc, err = run_bench(bench, env, timeout)
        if rc != 0:
            bench.failed = failure(rc, err, timeout)
            print(f"  [{group.name}] {bench.label}: n/a ({bench.failed})", file=sys.stderr)
        else:
            print(f"  [{group.name}] warm-up {bench.label}: {elapsed * 1000:.0f} ms", file=sys.stderr)
    live = [b for b in group.benches if not b.failed]
    for rep in range(group.reps):
        shift = rep % len(live) if live else 0
        for bench in live[shift:] + live[:shift]:
            if bench.failed:
                continue
            elapsed, rc, err = run_bench(bench, env, timeout)
            if rc != 0:
                bench.failed = failure(rc, err, timeout)
                continue
            bench.times.append(elapsed)
        if (load := load_average()) is not None:
            LOADS.append(load)
            group.loads.append(load)
        done = ", ".join(f"{b.label} {b.times[-1] * 1000:.0f} ms" for b in live if b.times and not b.failed)
        print(f"  [{group.name}] rep {rep + 1}/{group.reps}: {done}", file=sys.stderr)


def ensure_root(scale: str, seed: int) -> dict:
    """benchmarks/out/<scale>, reused when the stamp matches this generator and seed."""
    out = OUT_DIR / scale
    stamp = generate.read_stamp(out)
    if stamp and stamp.get("generator") == generate.GENERATOR_VERSION and stamp.get("scale") == scale and stamp.get("seed") == seed:
        print(f"  [{scale}] reusing {out.relative_to(REPO)}", file=sys.stderr)
        return stamp["counts"]
    print(f"  [{scale}] generating {out.relative_to(REPO)} ...", file=sys.stderr)
    start = time.perf_counter()
    generate.generate(generate.SCALES[scale], out, seed, scale)
    print(f"  [{scale}] generated in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return generate.read_stamp(out)["counts"]


# -- output -----------------------------------------------------------------------------


def ms(value: float | None) -> str:
    return f"{value * 1000:,.0f}" if value is not None else "n/a"


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except (OSError, ValueError):
        pass
    return [
        ("platform", platform.platform()),
        ("python", f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})"),
        ("cpu", cpu),
        ("cores", str(os.cpu_count())),
        ("memory", memory),
    ]


def git_describe() -> str:
    try:
        proc = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, timeout=10)
        return proc.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def ssw_version(cmd: list[str], env: dict[str, str]) -> str:
    try:
        proc = subprocess.run([*cmd, "--version"], capture_output=True, text=True, env=env, timeout=60)
        return proc.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def medians_table(groups: list[Group]) -> list[str]:
    lines = [
        "| data | command | median (ms) | min (ms) | max (ms) | runs | ratio vs baseline |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for g in groups:
        base = g.baseline.median
        for b in g.benches:
            if b.failed:
                lines.append(f"| {g.title} | {b.label} | n/a ({b.failed.replace('|', '/')}) | | | | |")
                continue
            ratio = "baseline" if b.baseline else (f"{b.median / base:.2f}x" if base else "n/a")
            lines.append(f"| {g.title} | {b.label} | {ms(b.median)} | {ms(min(b.times))} | {ms(max(b.times))} "
                         f"| {len(b.times)} | {ratio} |")
    return lines


def units(size: dict) -> int:
    return int(size["updates"]) + int(size["items"])


def growth_table(groups: list[Group]) -> list[str]:
    scaled = [g for g in groups if g.size]
    if len(scaled) < 2:
        return ["(needs at least two scales)"]
    lines = [
        "| command | step | size ratio (updates + items) | time ratio | growth |",
        "|---|---|---:|---:|---|",
    ]
    for label in [b.label for b in scaled[0].benches]:
        for a, b in zip(scaled, scaled[1:]):
            ba, bb = a.get(label), b.get(label)
            size_ratio = units(b.size) / units(a.size)
            if not ba or not bb or ba.median is None or bb.median is None:
                lines.append(f"| {label} | {a.name} -> {b.name} | {size_ratio:.1f} | n/a | n/a |")
                continue
            time_ratio = bb.median / ba.median
            verdict = "linear or better" if time_ratio <= size_ratio else "faster than linear growth (superlinear)"
            lines.append(f"| {label} | {a.name} -> {b.name} | {size_ratio:.1f} | {time_ratio:.1f} | {verdict} |")
    return lines


def targets_table(groups: list[Group]) -> list[str]:
    by_name = {g.name: g for g in groups}
    lines = ["| target | measured | met |", "|---|---:|---|"]
    for text, factor, label, base_label, scale in TARGETS:
        g = by_name.get(scale or "real")
        if g is None:
            lines.append(f"| {text} | not measured | - |")
            continue
        bench, base = g.get(label), g.get(base_label)
        if bench is None or bench.failed or base is None or base.median is None or bench.median is None:
            why = f"n/a ({bench.failed})" if bench and bench.failed else "n/a"
            met = "**no**" if bench and bench.failed and bench.failed.startswith("timed out") else "no (not measurable)"
            lines.append(f"| {text} | {why.replace('|', '/')} | {met} |")
            continue
        ratio = bench.median / base.median
        lines.append(f"| {text} | {ratio:.2f}x ({ms(bench.median)} vs {ms(base.median)} ms) | {'yes' if ratio <= factor else '**no**'} |")
    real = by_name.get("real")
    floor, base, status = (real.get(FLOOR_LABEL), real.get("python -c 'import yaml'"), real.get("ssw status")) if real else (None,) * 3
    if floor and base and status and floor.median and base.median and status.median:
        lines += ["", f"The stack's own floor (`{FLOOR_LABEL}`) is {floor.median / base.median:.2f}x of `import yaml`; "
                  f"`ssw status` takes {status.median / floor.median:.2f}x the floor, "
                  f"{ms(status.median - floor.median)} ms above it to read, validate and summarise the plan."]
    return lines


def sizes_table(groups: list[Group]) -> list[str]:
    lines = [
        "| scale | themes | actions | initiatives | trackable (regional) | updates | platforms | files | MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for g in groups:
        if g.size:
            s = g.size
            lines.append(f"| {g.name} | {s['themes']:,} | {s['actions']:,} | {s['initiatives']:,} | {s['trackable']:,} ({s['regional']:,}) "
                         f"| {s['updates']:,} | {s['platforms']} | {s['files']:,} | {s['bytes'] / 1e6:.1f} |")
    return lines


def render(groups: list[Group], args: argparse.Namespace, started: dt.datetime, elapsed: float,
           version: str) -> str:
    reps = ", ".join(f"{g.title}: {g.reps}" for g in groups)
    out = [
        "# Benchmark results",
        "",
        "Produced by `benchmarks/run.py` (see `benchmarks/README.md`). Do not edit by hand; rerun it.",
        "",
        f"- date: {started:%Y-%m-%d %H:%M}",
        f"- ssw: {version} (commit `{git_describe()}`)",
        *(f"- {k}: {v}" for k, v in machine()),
        f"- command line: `{' '.join(['benchmarks/run.py', *sys.argv[1:]])}`",
        f"- repetitions per command: {reps} (round-robin within each repetition, plus one unrecorded warm-up)",
        f"- environment: `SSW_TODAY={TODAY}`, `PYTHONPYCACHEPREFIX=benchmarks/out/pycache`, `SSW_CACHE_DIR=benchmarks/out/cache` (emptied first; filled by the warm-up; \"empty cache\" rows get an empty one every run); every command a fresh subprocess; stdout to /dev/null",
        f"- whole run: {elapsed / 60:.1f} min",
        *([f"- machine load (1-min load average after each repetition, {os.cpu_count()} cores): "
           f"median {statistics.median(LOADS):.1f}, max {max(LOADS):.1f}"] if LOADS else []),
        *([f"- note: repetitions at L reduced to {args.reps_large} (of {args.reps}) to keep the run short"]
          if args.reps_large and args.reps_large < args.reps and "L" in {g.name for g in groups} else []),
        "",
        "## Data",
        "",
        "`real` is this repository (the real plan, 2 plans, 7 platforms, 1 update). S, M and L are",
        f"synthetic roots from `benchmarks/generate.py --seed {args.seed}` (generator version {generate.GENERATOR_VERSION}).",
        "",
        *sizes_table(groups),
        "",
        "## Medians",
        "",
        "Baselines: on the real plan `python -c 'import yaml'` (interpreter start + PyYAML import);",
        "at each scale `parse (C loader)`: a `python -c` script that reads every .yaml file under",
        "plan/ and regions/ with `yaml.load(..., Loader=yaml.CSafeLoader)` and nothing else.",
        f"`{FLOOR_LABEL}` is a reference, not a baseline: interpreter, PyYAML, Typer and pydantic",
        "imported, one strict model built and used and one Typer command run, which every command",
        "on this stack pays before it reads a file. `ssw status` cannot go below it.",
        "",
        *medians_table(groups),
        "",
        *([f"Machine load during each group (1-min load average after each repetition; {os.cpu_count()} cores): "
           + "; ".join(f"{g.title}: median {statistics.median(g.loads):.1f}, max {max(g.loads):.1f}" for g in groups if g.loads)
           + ". Other work on the machine widens the spread; min is the least disturbed run.", ""]
          if LOADS else []),
        "## Growth",
        "",
        "Time ratio of the medians between scales against the ratio of their sizes (updates +",
        "themes + actions + initiatives). \"linear or better\": time grows no faster than size.",
        "S is dominated by start-up, so S -> M says little; M -> L is the telling step.",
        "",
        *growth_table(groups),
        "",
        "## Targets (issue 7)",
        "",
        *targets_table(groups),
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time ssw against baselines; write benchmarks/RESULTS.md.")
    parser.add_argument("--scales", default="S,M,L", help="comma-separated scales from S, M, L (default S,M,L)")
    parser.add_argument("--reps", type=int, default=5, help="recorded repetitions per command (default 5)")
    parser.add_argument("--reps-large", type=int, default=None, help="repetitions at L (default: --reps)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="markdown file to write (default benchmarks/RESULTS.md)")
    parser.add_argument("--no-real", action="store_true", help="skip the real-plan group")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds before one run counts as failed (default 1200)")
    args = parser.parse_args(argv)
    scales = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    unknown = [s for s in scales if s not in ("S", "M", "L")]
    if unknown or args.reps < 1 or (args.reps_large is not None and args.reps_large < 1):
        parser.error(f"scales are S, M, L (got {', '.join(unknown)}); reps >= 1" if unknown else "reps >= 1")
    scales = [s for s in ("S", "M", "L") if s in scales]

    started = dt.datetime.now()
    t0 = time.perf_counter()
    env = environment()
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    ssw = ssw_command()
    py = sys.executable
    tmp = Path(tempfile.mkdtemp(prefix="ssw-bench-"))
    groups: list[Group] = []
    try:
        if not args.no_real:
            groups.append(Group("real", "real plan", [
                Bench("python -c 'import yaml'", [py, "-c", "import yaml"], baseline=True),
                Bench(FLOOR_LABEL, [py, "-c", FLOOR_SRC]),
                Bench("ssw --version", [*ssw, "--version"]),
                Bench("ssw status", [*ssw, "--root", str(REPO), "status"]),
                Bench("ssw status, empty cache", [*ssw, "--root", str(REPO), "status"], empty_cache=True),
            ], args.reps))
        for scale in scales:
            size = ensure_root(scale, args.seed)
            root = str(OUT_DIR / scale)
            reps = args.reps_large if (scale == "L" and args.reps_large) else args.reps
            groups.append(Group(scale, scale, [
                Bench("parse (C loader)", [py, "-c", PARSE_SRC, root], baseline=True),
                Bench("ssw validate", [*ssw, "--root", root, "validate"]),
                Bench("ssw validate, empty cache", [*ssw, "--root", root, "validate"], empty_cache=True),
                Bench("ssw status --format json", [*ssw, "--root", root, "status", "--format", "json"]),
                Bench("ssw report --format html", [*ssw, "--root", root, "report", "--format", "html",
                                                   "--out", str(tmp / f"report-{scale}.html")]),
            ], reps, size))
        for g in groups:
            print(f"measuring {g.title} ({g.reps} reps) ...", file=sys.stderr)
            measure(g, env, args.timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    text = render(groups, args, started, time.perf_counter() - t0, ssw_version(ssw, env))
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
