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


def load(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                name = r["benchmark"].rsplit(".", 2)
                cls, method = name[-2], name[-1]
                metric = r["primaryMetric"]
                row = {"class": cls, "method": method, "threads": r["threads"], "mode": r["mode"],
                       "score": metric["score"], "error": metric.get("scoreError"), "unit": metric["scoreUnit"]}
                if r["mode"] == "sample":
                    row["p50"] = metric["scorePercentiles"].get("50.0")
                    row["p99"] = metric["scorePercentiles"].get("99.0")
                gc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
                if gc:
                    row["alloc_bytes_per_op"] = gc["score"]
                rows.append(row)
    return rows


def fmt(v):
    if v is None or v != v:
        return "–"
    if v >= 100:
        return f"{v:,.0f}"
    return f"{v:.3g}"


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
    out += conditions(tmp)
    thr = sorted({r["threads"] for r in rows})
    out.append("## Throughput (operations/s; `next` = one issued tracking number)")
    out.append("")
    out.append("| benchmark | " + " | ".join(f"{t} thr" for t in thr) + " | ratio to baseline at max threads |")
    out.append("|---|" + "---|" * (len(thr) + 1))
    tp = [r for r in rows if r["mode"] == "thrpt" and "alloc_bytes_per_op" not in r]
    by = {}
    for r in tp:
        by.setdefault((r["class"], r["method"]), {})[r["threads"]] = r["score"]
    for (cls, method) in sorted(by):
        scores = by[(cls, method)]
        ratio = ""
        if not method.startswith("baseline"):
            top = max(scores)
            bases = [(m, s) for (c, m), s in by.items() if c == cls and m.startswith("baseline") and top in s]
            ratio = ", ".join(f"{scores[top] / s[top]:.2f}× {m}" for m, s in bases if s[top])
        out.append(f"| {cls}.{method} | " + " | ".join(fmt(scores.get(t)) for t in thr) + f" | {ratio} |")
    sample = [r for r in rows if r["mode"] == "sample"]
    if sample:
        out.append("")
        out.append("## Latency of one call (sample mode, ms)")
        out.append("")
        out.append("| benchmark | threads | p50 | p99 |")
        out.append("|---|---|---|---|")
        for r in sorted(sample, key=lambda r: (r["class"], r["method"], r["threads"])):
            scale = 1e3 if r["unit"].startswith("s/") else (1e-3 if r["unit"].startswith("us/") else 1)
            out.append(f"| {r['class']}.{r['method']} | {r['threads']} | {fmt((r['p50'] or 0) * scale)} | "
                       f"{fmt((r['p99'] or 0) * scale)} |")
    alloc = [r for r in rows if "alloc_bytes_per_op" in r and r["mode"] == "thrpt"]
    if alloc:
        out.append("")
        out.append("## Allocation (`-prof gc`, bytes per operation)")
        out.append("")
        for r in alloc:
            out.append(f"- {r['class']}.{r['method']} at {r['threads']} threads: {r['alloc_bytes_per_op']:.0f} B/op")
    return "\n".join(out) + "\n"


# (label, class, method, threads, minimum ops/s or None, baseline method, minimum ratio or None)
TARGETS = [
    ("generation alone: next ≥ baselineTsid", "FormatBenchmark", "next", 2, None, "baselineTsid", 1.0),
    ("memory: ≥ 2,000,000/s", "MemoryBenchmark", "next", 2, 2_000_000, None, None),
    ("PostgreSQL: ≥ 100,000/s and ≥ 3× baselineSingleInsert", "PostgresBenchmark", "next", 32, 100_000,
     "baselineSingleInsert", 3.0),
    ("MariaDB: ≥ 80,000/s and ≥ 3× baselineSingleInsert", "MariaDbBenchmark", "next", 32, 80_000,
     "baselineSingleInsert", 3.0),
    ("H2 (file): ≥ 50,000/s", "H2Benchmark", "next", 32, 50_000, "baselineSingleInsert", None),
    ("SQLite: ≥ 20,000/s", "SqliteBenchmark", "next", 8, 20_000, "baselineSingleInsert", None),
    ("Redis: ≥ 250,000/s and ≥ 2× baselineSetNx", "RedisBenchmark", "next", 32, 250_000, "baselineSetNx", 2.0),
]


def throughput(rows, cls, method, threads):
    for r in rows:
        if (r["class"], r["method"], r["threads"], r["mode"]) == (cls, method, threads, "thrpt") \
                and "alloc_bytes_per_op" not in r:
            return r["score"]
    return None


def targets(rows):
    out = ["## Targets (2-core machine, library `next()`, durable where the store is)", "",
           "| target | threads | measured | baseline | ratio | met |", "|---|---|---|---|---|---|"]
    for label, cls, method, t, minimum, base, min_ratio in TARGETS:
        v = throughput(rows, cls, method, t)
        b = throughput(rows, cls, base, t) if base else None
        if v is None:
            out.append(f"| {label} | {t} | not measured in this run | | | – |")
            continue
        ratio = v / b if b else None
        ok = (minimum is None or v >= minimum) and (min_ratio is None or (ratio is not None and ratio >= min_ratio))
        out.append(f"| {label} | {t} | {fmt(v)}/s | {fmt(b) + '/s ' + base if b else ''} | "
                   f"{f'{ratio:.2f}×' if ratio else ''} | {'yes' if ok else '**no**'} |")
    alloc = [r for r in rows if "alloc_bytes_per_op" in r and r["class"] == "MemoryBenchmark" and r["method"] == "next"]
    if alloc:
        a = alloc[0]["alloc_bytes_per_op"]
        out.append(f"| memory: ≤ 1 KB allocated per number | {alloc[0]['threads']} | {a:.0f} B/op | | | "
                   f"{'yes' if a <= 1024 else '**no**'} |")
    p50 = [r for r in rows if (r["class"], r["method"], r["threads"], r["mode"]) == ("PostgresBenchmark", "next", 1, "sample")]
    if p50:
        scale = 1e3 if p50[0]["unit"].startswith("s/") else 1
        ms = (p50[0]["p50"] or 0) * scale
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


def svg(rows):
    tp = [r for r in rows if r["mode"] == "thrpt" and "alloc_bytes_per_op" not in r]
    classes = sorted({r["class"] for r in tp})
    thr = sorted({r["threads"] for r in tp})
    if not classes or not thr:
        return "<svg xmlns='http://www.w3.org/2000/svg'/>"
    cols = 3
    w, h, pad = 330, 230, 40
    rows_n = (len(classes) + cols - 1) // cols
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{cols * w}' height='{rows_n * h + 20}' "
             "font-family='sans-serif' font-size='10'>",
             "<rect width='100%' height='100%' fill='white'/>"]
    palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    for i, cls in enumerate(classes):
        ox, oy = (i % cols) * w, (i // cols) * h + 10
        series = {}
        for r in tp:
            if r["class"] == cls:
                series.setdefault(r["method"], {})[r["threads"]] = r["score"]
        top = max(max(s.values()) for s in series.values()) or 1
        pw, ph = w - 2 * pad, h - 2 * pad
        parts.append(f"<text x='{ox + pad}' y='{oy + 15}' font-size='12' font-weight='bold'>{cls} (ops/s)</text>")
        parts.append(f"<line x1='{ox + pad}' y1='{oy + pad + ph}' x2='{ox + pad + pw}' y2='{oy + pad + ph}' stroke='black'/>")
        parts.append(f"<line x1='{ox + pad}' y1='{oy + pad}' x2='{ox + pad}' y2='{oy + pad + ph}' stroke='black'/>")
        parts.append(f"<text x='{ox + 2}' y='{oy + pad + 4}'>{fmt(top)}</text>")
        for j, t in enumerate(thr):
            x = ox + pad + (pw * j / max(len(thr) - 1, 1))
            parts.append(f"<text x='{x - 4}' y='{oy + pad + ph + 14}'>{t}</text>")
        for k, (method, s) in enumerate(sorted(series.items())):
            color = palette[k % len(palette)]
            pts = []
            for j, t in enumerate(thr):
                if t in s:
                    x = ox + pad + (pw * j / max(len(thr) - 1, 1))
                    y = oy + pad + ph - ph * s[t] / top
                    pts.append(f"{x:.1f},{y:.1f}")
            dash = " stroke-dasharray='4,3'" if method.startswith("baseline") else ""
            parts.append(f"<polyline points='{' '.join(pts)}' fill='none' stroke='{color}' stroke-width='2'{dash}/>")
            parts.append(f"<text x='{ox + pad + 5}' y='{oy + pad + 10 + 11 * k}' fill='{color}'>{method}</text>")
        parts.append(f"<text x='{ox + pad + pw - 40}' y='{oy + pad + ph + 26}'>threads</text>")
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
