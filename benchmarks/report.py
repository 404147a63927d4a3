#!/usr/bin/env python3
"""Turns JMH JSON files (one per thread count) into results.json, results.md and chart.svg."""
import glob
import json
import os
import platform
import subprocess
import sys


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - a missing tool just leaves the field empty
        return ""


def pom_property(name):
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        with open(os.path.join(here, "..", "pom.xml")) as f:
            text = f.read()
    except OSError:
        return "?"
    start = text.find(f"<{name}>")
    if start < 0:
        return "?"
    return text[start + len(name) + 2:text.find(f"</{name}>", start)]


def machine():
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    return {
        "cores": os.cpu_count(),
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "cpu": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "jdk": sh("java -version 2>&1 | head -1"),
        "postgresql": sh("psql -h 127.0.0.1 -U postgres -d test -tAc 'show server_version' 2>/dev/null"),
        "mariadb": sh("mariadb -h127.0.0.1 -uroot -N -e 'select version()' 2>/dev/null"),
        "postgresql durability": sh("psql -h 127.0.0.1 -U postgres -d test -tAc "
                                    "\"select 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || "
                                    "current_setting('synchronous_commit')\" 2>/dev/null"),
        "mariadb durability": sh("mariadb -h127.0.0.1 -uroot -N -e "
                                 "\"select concat('innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, "
                                 "', sync_binlog=', @@sync_binlog, ', log_bin=', @@log_bin)\" 2>/dev/null"),
        "redis": sh("redis-server --version | awk '{print $3}'"),
        "redis standalone persistence": sh("redis-cli config get appendonly | tr '\\n' ' '"),
        "redis cluster persistence": os.environ.get("TRACKNUM_BENCH_CLUSTER_NOTE", ""),
        "drivers": ", ".join(f"{n} {pom_property(k)}" for n, k in [
            ("pgjdbc", "postgresql.version"), ("MariaDB C/J", "mariadb.version"), ("H2", "h2.version"),
            ("sqlite-jdbc", "sqlite.version"), ("Jedis", "jedis.version"), ("HikariCP", "hikaricp.version"),
            ("JMH", "jmh.version")]),
        "date": sh("date -u +%Y-%m-%dT%H:%MZ"),
    }


MEMORY_TARGET_FILE = "memory-target.json"


def load(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                name = r["benchmark"].rsplit(".", 2)
                cls, method = name[-2], name[-1]
                metric = r["primaryMetric"]
                row = {"class": cls, "method": method, "threads": r["threads"], "mode": r["mode"],
                       # run.sh's dedicated run of the memory store's target: used for that target only
                       "target_run": os.path.basename(path) == MEMORY_TARGET_FILE,
                       "params": r.get("params", {}),
                       "score": metric["score"], "error": metric.get("scoreError"), "unit": metric["scoreUnit"]}
                if r["mode"] == "thrpt" and metric.get("rawData"):
                    row["iterations"] = [v for fork in metric["rawData"] for v in fork]
                    row["iteration_time"] = r.get("measurementTime")
                    row["jvm_args"] = " ".join(a for a in r.get("jvmArgs", []) if a.startswith("-X"))
                if r["mode"] == "sample":
                    row["p50"] = metric["scorePercentiles"].get("50.0")
                    row["p99"] = metric["scorePercentiles"].get("99.0")
                secondary = r.get("secondaryMetrics", {})
                gc = secondary.get("gc.alloc.rate.norm")
                if gc:
                    row["alloc_bytes_per_op"] = gc["score"]
                for key, value in secondary.items():
                    if key.startswith("cpu."):
                        row[key] = value["score"]
                rows.append(row)
    return rows


def fmt(v):
    if v is None or v != v:
        return "–"
    if v >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"


# Stores that run inside the benchmark JVM: their CPU per number is the JVM's alone.
IN_PROCESS = {"FormatBenchmark", "MemoryBenchmark", "H2Benchmark", "SqliteBenchmark", "RoundTripBenchmark"}


def label(r):
    """Benchmark name with its JMH parameters, e.g. PostgresGrowthBenchmark.next [prefilled=10000000]."""
    params = ", ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
    return f"{r['class']}.{r['method']}" + (f" [{params}]" if params else "")


def thrpt_rows(rows):
    return [r for r in rows if r["mode"] == "thrpt" and "alloc_bytes_per_op" not in r and not r.get("target_run")]


def cpu_total(r):
    """µs of CPU per operation, JVM + server; the JVM alone for in-process stores; None if unknown."""
    if r is None or "cpu.jvm" not in r:
        return None
    if "cpu.total" in r:
        return r["cpu.total"]
    return r["cpu.jvm"] if r["class"] in IN_PROCESS else None


def fmt_cpu(r):
    """'12.3 µs (JVM 8.1 + server 4.2)' for a row with CPU figures, '' without."""
    if r is None or "cpu.jvm" not in r:
        return ""
    total = cpu_total(r)
    if "cpu.server" in r:
        return f"{fmt(total)} µs (JVM {fmt(r['cpu.jvm'])} + server {fmt(r['cpu.server'])})"
    where = "in-process" if r["class"] in IN_PROCESS else "server not measured"
    return f"{fmt(r['cpu.jvm'])} µs JVM ({where})"


def markdown(mode, info, rows, tmp):
    out = [f"# Tracknum benchmarks ({mode} run)", "",
           f"Reproduce: `mvn -B -pl benchmarks -am package -DskipTests && benchmarks/run.sh {mode}` "
           "with PostgreSQL, MariaDB and Redis up (addresses: `TRACKNUM_TEST_*`; the script starts a local Redis "
           "Cluster unless `TRACKNUM_TEST_REDIS_CLUSTER` is set). JMH options: see `benchmarks/run.sh`.", ""]
    out.append("| machine | |")
    out.append("|---|---|")
    for k, v in info.items():
        out.append(f"| {k} | {v} |")
    out.append("")
    out += targets(rows)
    out.append("")
    out += earlier_targets(rows)
    out.append("")
    out += conditions(tmp)
    tp = thrpt_rows(rows)
    thr = sorted({r["threads"] for r in tp})
    top_thr = max(thr) if thr else None
    out.append("## Throughput (operations/s; `next` = one issued tracking number, a baseline's operation = one row or key)")
    out.append("")
    out.append("| benchmark | " + " | ".join(f"{t} thr" for t in thr)
               + " | ratio to baselines at max threads | CPU per operation at max threads |")
    out.append("|---|" + "---|" * (len(thr) + 2))
    by, at = {}, {}
    for r in tp:
        by.setdefault(label(r), {})[r["threads"]] = r["score"]
        at[(label(r), r["threads"])] = r
    for name in sorted(by):
        scores = by[name]
        cls, method = name.split(" ")[0].rsplit(".", 1)
        top = max(scores)
        ratio = ""
        if not method.startswith("baseline"):
            bases = [(n, s) for n, s in by.items() if n.startswith(cls + ".baseline") and top in s]
            ratio = ", ".join(f"{scores[top] / s[top]:.2f}× {n.split('.', 1)[1]}" for n, s in bases if s[top])
        out.append(f"| {name} | " + " | ".join(fmt(scores.get(t)) for t in thr)
                   + f" | {ratio} | {fmt_cpu(at.get((name, top)))} |")
    cpu_rows = [r for r in tp if "cpu.jvm" in r]
    if cpu_rows:
        out += ["", "## CPU per operation (`-prof org.tracknum.benchmarks.CpuProfiler`, µs; cores = average cores busy)",
                "",
                "From `/proc`: this JVM (user + system; `sys` is its kernel part) and the server's processes "
                "(every process of that PostgreSQL, `mariadbd`, `redis-server`), counted from the end of each "
                "iteration's set-up to the start of its tear-down. The server's CPU includes any other client's: "
                "only an idle machine gives figures that mean something. H2, SQLite and the memory store run in the JVM.",
                "",
                "| benchmark | threads | ops/s | JVM | JVM sys | server | total | JVM cores | server cores |",
                "|---|---|---|---|---|---|---|---|---|"]
        for r in sorted(cpu_rows, key=lambda r: (label(r), r["threads"])):
            out.append(f"| {label(r)} | {r['threads']} | {fmt(r['score'])} | {fmt(r.get('cpu.jvm'))} | "
                       f"{fmt(r.get('cpu.jvm.sys'))} | {fmt(r.get('cpu.server'))} | {fmt(cpu_total(r))} | "
                       f"{fmt(r.get('cpu.jvm.cores'))} | {fmt(r.get('cpu.server.cores'))} |")
    sample = [r for r in rows if r["mode"] == "sample"]
    if sample:
        out.append("")
        out.append("## Latency of one call (sample mode, ms)")
        out.append("")
        out.append("| benchmark | threads | p50 | p99 |")
        out.append("|---|---|---|---|")
        for r in sorted(sample, key=lambda r: (label(r), r["threads"])):
            out.append(f"| {label(r)} | {r['threads']} | {fmt(millis(r, 'p50'))} | {fmt(millis(r, 'p99'))} |")
    alloc = [r for r in rows if "alloc_bytes_per_op" in r and r["mode"] == "thrpt"]
    if alloc:
        out.append("")
        out.append("## Allocation (`-prof gc`, bytes per operation)")
        out.append("")
        for r in alloc:
            out.append(f"- {label(r)} at {r['threads']} threads: {r['alloc_bytes_per_op']:.0f} B/op")
    return "\n".join(out) + "\n"


def millis(r, key):
    v = r.get(key)
    if v is None:
        return None
    unit = r["unit"]
    scale = 1e3 if unit.startswith("s/") else (1e-3 if unit.startswith("us/") else (1e-6 if unit.startswith("ns/") else 1))
    return v * scale


def find(rows, cls, method, threads, mode="thrpt", target_run=False, **params):
    for r in rows:
        if (r["class"], r["method"], r["threads"], r["mode"]) == (cls, method, threads, mode) \
                and "alloc_bytes_per_op" not in r and r.get("target_run", False) == target_run \
                and all(str(r.get("params", {}).get(k)) == str(v) for k, v in params.items()):
            return r
    return None


def throughput(rows, cls, method, threads):
    r = find(rows, cls, method, threads)
    return r["score"] if r else None


GROWTH_TARGET_ROWS = 10_000_000

# Issue 16: (label, class, threads, minimum ops/s, baseline method, minimum ratio to it)
THROUGHPUT_TARGETS = [
    ("PostgreSQL `next()`: ≥ 100,000/s and ≥ 0.5 × baselineMultiRowInsert", "PostgresBenchmark", 32, 100_000,
     "baselineMultiRowInsert", 0.5),
    ("MariaDB `next()`: ≥ 80,000/s and ≥ 0.5 × baselineMultiRowInsert", "MariaDbBenchmark", 32, 80_000,
     "baselineMultiRowInsert", 0.5),
    ("Redis `next()`: ≥ 250,000/s and ≥ 0.5 × baselinePipelinedSetNx", "RedisBenchmark", 32, 250_000,
     "baselinePipelinedSetNx", 0.5),
]


def cores(r):
    """'JVM 0.76 + server 0.76 of 2 cores busy' from a row's CPU figures, '' without them."""
    if r is None or "cpu.jvm.cores" not in r:
        return ""
    busy = f"JVM {r['cpu.jvm.cores']:.2f}"
    if "cpu.server.cores" in r:
        busy += f" + server {r['cpu.server.cores']:.2f}"
    return busy + f" of {os.cpu_count()} cores busy"


def cpu_reason(r, b):
    """Why a store's next() falls short, from this run: its CPU per number against its baseline's."""
    total, base = cpu_total(r), cpu_total(b)
    if total is None:
        return "no CPU figures in this run"
    reason = f"{fmt(total)} µs of CPU per number"
    if base:
        reason += f" against {fmt(base)} µs for the baseline's rows ({total / base:.1f}×)"
    return reason + "; " + cores(r) + "; docs/performance.md says where it goes"


def target_row(label_, threads, measured, baseline, ratio, cpu, met, why=""):
    verdict = {True: "met", False: "**not met**", None: "–"}[met]
    reason = (why or "see docs/performance.md") if met is False else "–"
    return f"| {label_} | {threads} | {measured} | {baseline} | {ratio} | {cpu} | {verdict} | {reason} |"


def targets(rows):
    out = ["## Targets (issue 16; 2-core machine, stores on the same cores, ratios within this run)", "",
           "Where a target is not met, the reason column gives what this run measured about it; "
           "docs/performance.md explains it with the flame graphs.", "",
           "| target | threads | measured | baseline (same run) | ratio | CPU per number | met | reason if not met |",
           "|---|---|---|---|---|---|---|---|"]
    for text, cls, t, minimum, base, min_ratio in THROUGHPUT_TARGETS:
        r, b = find(rows, cls, "next", t), find(rows, cls, base, t)
        if r is None:
            out.append(target_row(text, t, "not measured in this run", "", "", "", None))
            continue
        ratio = r["score"] / b["score"] if b else None
        met = r["score"] >= minimum and ratio is not None and ratio >= min_ratio
        out.append(target_row(text, t, f"{fmt(r['score'])}/s", f"{fmt(b['score'])}/s {base}" if b else "not measured",
                              f"{ratio:.2f}×" if ratio else "", fmt_cpu(r), met if b else None, cpu_reason(r, b)))
    # One caller: a batch of one must not cost more than a plain INSERT.
    text = "one caller, PostgreSQL: `next()` p50 ≤ 1.1 × baselineSingleInsert p50"
    n, b = find(rows, "PostgresBenchmark", "next", 1, "sample"), find(rows, "PostgresBenchmark", "baselineSingleInsert", 1, "sample")
    if n is None or b is None:
        out.append(target_row(text, 1, "not measured in this run", "", "", "", None))
    else:
        ratio = millis(n, "p50") / millis(b, "p50")
        cpu = fmt_cpu(find(rows, "PostgresBenchmark", "next", 1))
        out.append(target_row(text, 1, f"{millis(n, 'p50'):.3f} ms", f"{millis(b, 'p50'):.3f} ms baselineSingleInsert",
                              f"{ratio:.2f}×", cpu, ratio <= 1.1,
                              f"p99 {millis(n, 'p99'):.3f} ms against {millis(b, 'p99'):.3f} ms"))
    out.append(target_row("`tracknum-server`, embedded default store, 64 connections: ≥ 20,000 requests/s, p99 ≤ 20 ms",
                          64, "measured by wrk, not by this suite: see docs/server.md", "", "", "", None))
    text = "memory store: ≥ 2,000,000/s with a JMH error under 10 %"
    r = find(rows, "MemoryBenchmark", "next", 2, target_run=True)
    if r is not None:
        text += (f" (run.sh's dedicated run: {len(r.get('iterations', []))} × {r.get('iteration_time')}"
                 f" iterations, {r.get('jvm_args') or 'default heap'})")
    else:
        r = find(rows, "MemoryBenchmark", "next", 2)
    if r is None:
        out.append(target_row(text, 2, "not measured in this run", "", "", "", None))
    else:
        err = r["error"] / r["score"] if r.get("error") is not None and r["error"] == r["error"] else None
        err_text = f" ± {err * 100:.1f} %" if err is not None else " (one iteration: no error)"
        met = r["score"] >= 2_000_000 and err is not None and err < 0.10
        why = "; ".join(filter(None, [
            f"{fmt(r['score'])}/s is below 2,000,000/s" if r["score"] < 2_000_000 else "",
            "the iterations spread too widely for a 10 % error" if err is None or err >= 0.10 else ""]))
        if r.get("iterations"):
            why += f" (iterations from {fmt(min(r['iterations']))} to {fmt(max(r['iterations']))}/s)"
        out.append(target_row(text, 2, f"{fmt(r['score'])}/s{err_text}", "", "", fmt_cpu(r), met, why))
    out.append(growth_target(rows))
    return out


def growth_target(rows):
    text = "table growth, PostgreSQL: `next()` with 10 M numbers in the table ≥ 0.8 × with an empty table"
    growth = [r for r in thrpt_rows(rows) if r["class"] == "PostgresGrowthBenchmark" and r["method"] == "next"]
    empty = [r for r in growth if int(r["params"].get("prefilled", -1)) == 0]
    filled = [r for r in growth if int(r["params"].get("prefilled", 0)) > 0]
    if not empty or not filled:
        return target_row(text, 32, "not measured in this run", "", "", "", None)
    e = empty[0]
    f = max((r for r in filled if r["threads"] == e["threads"]), key=lambda r: int(r["params"]["prefilled"]), default=None)
    if f is None:
        return target_row(text, e["threads"], "not measured at the same thread count", "", "", "", None)
    n = int(f["params"]["prefilled"])
    ratio = f["score"] / e["score"]
    met = ratio >= 0.8 if n >= GROWTH_TARGET_ROWS else None
    measured = f"{fmt(f['score'])}/s with {n:,} numbers" + ("" if met is not None else " (fewer than the target's 10 M)")
    return target_row(text, e["threads"], measured, f"{fmt(e['score'])}/s empty table", f"{ratio:.2f}×",
                      fmt_cpu(f) + (" vs " + fmt_cpu(e) if fmt_cpu(e) else ""), met, cpu_reason(f, e))


# Earlier targets, kept to see regressions: (label, class, method, threads, minimum ops/s, baseline, minimum ratio)
EARLIER_TARGETS = [
    ("generation alone: next ≥ baselineTsid", "FormatBenchmark", "next", 2, None, "baselineTsid", 1.0),
    ("PostgreSQL: ≥ 3× baselineSingleInsert", "PostgresBenchmark", "next", 32, None, "baselineSingleInsert", 3.0),
    ("MariaDB: ≥ 3× baselineSingleInsert", "MariaDbBenchmark", "next", 32, None, "baselineSingleInsert", 3.0),
    ("H2 (file): ≥ 50,000/s", "H2Benchmark", "next", 32, 50_000, "baselineSingleInsert", None),
    ("SQLite: ≥ 20,000/s", "SqliteBenchmark", "next", 8, 20_000, "baselineSingleInsert", None),
    ("Redis: ≥ 2× baselineSetNx", "RedisBenchmark", "next", 32, None, "baselineSetNx", 2.0),
]


def earlier_targets(rows):
    out = ["## Earlier targets", "", "| target | threads | measured | baseline | ratio | met |", "|---|---|---|---|---|---|"]
    for text, cls, method, t, minimum, base, min_ratio in EARLIER_TARGETS:
        v = throughput(rows, cls, method, t)
        b = throughput(rows, cls, base, t) if base else None
        if v is None:
            out.append(f"| {text} | {t} | not measured in this run | | | – |")
            continue
        ratio = v / b if b else None
        ok = (minimum is None or v >= minimum) and (min_ratio is None or (ratio is not None and ratio >= min_ratio))
        out.append(f"| {text} | {t} | {fmt(v)}/s | {fmt(b) + '/s ' + base if b else ''} | "
                   f"{f'{ratio:.2f}×' if ratio else ''} | {'yes' if ok else '**no**'} |")
    alloc = [r for r in rows if "alloc_bytes_per_op" in r and r["class"] == "MemoryBenchmark" and r["method"] == "next"]
    if alloc:
        a = alloc[0]["alloc_bytes_per_op"]
        out.append(f"| memory: ≤ 1 KB allocated per number | {alloc[0]['threads']} | {a:.0f} B/op | | | "
                   f"{'yes' if a <= 1024 else '**no**'} |")
    n = find(rows, "PostgresBenchmark", "next", 1, "sample")
    if n:
        ms = millis(n, "p50")
        out.append(f"| PostgreSQL: p50 ≤ 0.3 ms | 1 | {ms:.3f} ms | | | {'yes' if ms <= 0.3 else '**no**'} |")
    return out


def conditions(tmp):
    out = []
    path = os.path.join(tmp, "conditions.txt")
    if os.path.exists(path):
        with open(path) as f:
            text = f.read().strip()
        out += ["## Machine load during the run", "", "```", text, "```", ""]
    failures = []
    for log in sorted(glob.glob(os.path.join(tmp, "*.log"))):
        current, expect_message = None, False
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("# Benchmark: "):
                    current = line.split(": ", 1)[1].strip().rsplit(".", 2)
                    current = ".".join(current[-2:])
                elif line.startswith("# Threads: "):
                    threads = line.split(": ", 1)[1].split()[0]
                elif line.strip() == "<failure>":
                    expect_message = True
                elif expect_message and line.strip():
                    failures.append(f"- {current} at {threads} threads: {line.strip()}")
                    expect_message = False
    if failures:
        out += ["## Benchmarks that failed", ""] + sorted(set(failures)) + [""]
    return out


def esc(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def series_name(r):
    params = ", ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
    return r["method"] + (f" [{params}]" if params else "")


def svg(rows):
    """Per store: throughput against threads (next solid, baselines dashed), then bars at the
    highest thread count with the store's next beside its baselines and the CPU per operation."""
    tp = thrpt_rows(rows)
    classes = sorted({r["class"] for r in tp})
    thr = sorted({r["threads"] for r in tp})
    if not classes or not thr:
        return "<svg xmlns='http://www.w3.org/2000/svg'/>"
    cols, w, h, pad = 3, 360, 240, 44
    line_rows = (len(classes) + cols - 1) // cols
    bar_h = 16
    bar_blocks = []
    for cls in classes:
        top_t = max(r["threads"] for r in tp if r["class"] == cls)
        bars = sorted((r for r in tp if r["class"] == cls and r["threads"] == top_t),
                      key=lambda r: (r["method"].startswith("baseline"), series_name(r)))
        bar_blocks.append((cls, top_t, bars))
    bars_height = sum(28 + bar_h * len(b) for _, _, b in bar_blocks) + 30
    total_h = line_rows * h + 20 + bars_height
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{cols * w}' height='{total_h}' "
             "font-family='sans-serif' font-size='10'>",
             "<rect width='100%' height='100%' fill='white'/>"]
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    for i, cls in enumerate(classes):
        ox, oy = (i % cols) * w, (i // cols) * h + 10
        series = {}
        for r in tp:
            if r["class"] == cls:
                series.setdefault(series_name(r), {})[r["threads"]] = r["score"]
        top = max(max(s.values()) for s in series.values()) or 1
        pw, ph = w - 2 * pad, h - 2 * pad
        parts.append(f"<text x='{ox + pad}' y='{oy + 15}' font-size='12' font-weight='bold'>{esc(cls)} (ops/s)</text>")
        parts.append(f"<line x1='{ox + pad}' y1='{oy + pad + ph}' x2='{ox + pad + pw}' y2='{oy + pad + ph}' stroke='black'/>")
        parts.append(f"<line x1='{ox + pad}' y1='{oy + pad}' x2='{ox + pad}' y2='{oy + pad + ph}' stroke='black'/>")
        parts.append(f"<text x='{ox + 2}' y='{oy + pad + 4}'>{fmt(top)}</text>")
        for j, t in enumerate(thr):
            x = ox + pad + (pw * j / max(len(thr) - 1, 1))
            parts.append(f"<text x='{x - 4}' y='{oy + pad + ph + 14}'>{t}</text>")
        for k, (name, s) in enumerate(sorted(series.items(), key=lambda kv: (kv[0].startswith("baseline"), kv[0]))):
            color = palette[k % len(palette)]
            pts = []
            for j, t in enumerate(thr):
                if t in s:
                    x = ox + pad + (pw * j / max(len(thr) - 1, 1))
                    y = oy + pad + ph - ph * s[t] / top
                    pts.append((x, y))
                    parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='2.5' fill='{color}'/>")
            dash = " stroke-dasharray='4,3'" if name.startswith("baseline") else ""
            if len(pts) > 1:
                parts.append(f"<polyline points='{' '.join(f'{x:.1f},{y:.1f}' for x, y in pts)}' fill='none' "
                             f"stroke='{color}' stroke-width='2'{dash}/>")
            parts.append(f"<text x='{ox + pad + 5}' y='{oy + pad + 10 + 11 * k}' fill='{color}'>{esc(name)}</text>")
        parts.append(f"<text x='{ox + pad + pw - 40}' y='{oy + pad + ph + 26}'>threads</text>")
    y = line_rows * h + 30
    parts.append(f"<text x='10' y='{y}' font-size='13' font-weight='bold'>At the highest thread count: each store's "
                 "next beside its baselines (ops/s; CPU µs per operation, JVM + server)</text>")
    y += 10
    label_w, bar_w = 300, cols * w - 300 - 190
    for cls, top_t, bars in bar_blocks:
        y += 18
        parts.append(f"<text x='10' y='{y}' font-size='11' font-weight='bold'>{esc(cls)}, {top_t} threads</text>")
        y += 4
        top = max(r["score"] for r in bars) or 1
        for r in bars:
            color = "#1f77b4" if not r["method"].startswith("baseline") else "#aaaaaa"
            width = bar_w * r["score"] / top
            cpu = cpu_total(r)
            parts.append(f"<text x='20' y='{y + 11}'>{esc(series_name(r))}</text>")
            parts.append(f"<rect x='{label_w}' y='{y + 2}' width='{width:.1f}' height='{bar_h - 4}' fill='{color}'/>")
            parts.append(f"<text x='{label_w + width + 4:.1f}' y='{y + 11}'>{fmt(r['score'])}/s"
                         + (f", {fmt(cpu)} µs" if cpu is not None else "") + "</text>")
            y += bar_h
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    mode, out, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows = load(paths)
    info = machine()
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"mode": mode, "machine": info, "results": rows}, f, indent=1)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(markdown(mode, info, rows, os.path.dirname(paths[0]) if paths else out))
    with open(os.path.join(out, "chart.svg"), "w") as f:
        f.write(svg(rows))


if __name__ == "__main__":
    main()
