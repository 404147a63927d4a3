#!/usr/bin/env python3
"""Turns JMH JSON files (one per thread count) into results.json, results.md and chart.svg."""
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
        "redis": sh("redis-server --version | awk '{print $3}'"),
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


def markdown(mode, info, rows):
    out = [f"# Tracknum benchmarks ({mode} run)", ""]
    out.append("| machine | |")
    out.append("|---|---|")
    for k, v in info.items():
        out.append(f"| {k} | {v} |")
    out.append("")
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
        f.write(markdown(mode, info, rows))
    with open(os.path.join(out, "chart.svg"), "w") as f:
        f.write(svg(rows))


if __name__ == "__main__":
    main()
