#!/usr/bin/python3
"""Turns bench/results (perf.txt, wait.txt, throughput.txt, jmh-*.json, machine.txt) into results.md and perf.svg.

Usage: bench/report.py RESULTS_DIR [--readme FILE]... [--compact-jmh]

perf.txt holds one perf-tool line per run (key=value pairs); each cell (impl, transport,
pattern, size) reports the median of its runs. Ratios are zmq-ffm over C and over JeroMQ for
the same cell: for throughput higher is better (target >= 0.95 against C, >= 1.0 against
JeroMQ), for latency lower is better (target <= 1.05 against C, <= 1.0 against JeroMQ).
With --readme, the text between "<!-- perf:begin -->" and "<!-- perf:end -->" in each FILE is
replaced by the machine line and the perf-tool tables, and the text between "<!-- jmh:begin -->"
and "<!-- jmh:end -->" (where present) by the JMH tables, and between "<!-- wait:begin -->" and
"<!-- wait:end -->" by the wait-strategy tables made from wait.txt (bench/wait-strategy.sh), and between
"<!-- throughput:begin -->" and "<!-- throughput:end -->" by issue #17's small-frame throughput tables made
from throughput.txt (bench/throughput.sh: C, jzmq, JeroMQ and zmq-ffm per cell, unpinned and pinned, in
one process and in two; zmq-ffm over C and over jzmq). With --compact-jmh, the sample histograms (rawDataHistogram) are first dropped from the
jmh-*.json files, which keeps them small enough to commit. Python 3 standard library only.
"""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict

# What the perf tables and the chart set against C, in order: (key, column name, bar colour).
# The key is the result line's impl, with "/style" for a zmq-ffm style other than byte[].
COMPARED = [("zmq-ffm", "zmq-ffm byte[]", "#1f77b4"),
            ("zmq-ffm/segment", "zmq-ffm segment", "#6baed6"),
            ("jeromq", "JeroMQ", "#ff7f0e")]
NAMES = {"c": "C", "zmq-ffm": "zmq-ffm", "jeromq": "JeroMQ"}
TRANSPORTS = ["inproc", "ipc", "tcp"]
SIZES = [1, 64, 1024, 65536]


def read_perf(path):
    """{(impl, transport, pattern, size): median value} from perf-tool lines."""
    runs = defaultdict(list)
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        for line in f:
            fields = dict(p.split("=", 1) for p in line.split() if "=" in p)
            if "impl" not in fields:
                continue
            value = fields.get("msgs_per_s") or fields.get("lat_us")
            impl = fields["impl"] + ("/" + fields["style"] if "style" in fields else "")
            key = (impl, fields["transport"], fields["pattern"], int(fields["size"]))
            runs[key].append(float(value))
    return {k: statistics.median(v) for k, v in runs.items()}


def read_wait(path):
    """({(series, transport, pattern, size, pinned): median}, [idle lines]) from wait-strategy.sh's file.

    series is the impl, with "/spin0" for zmq-ffm with spin=0 (spin_us=N: "/spinN")."""
    runs, idle = defaultdict(list), defaultdict(list)
    if not os.path.exists(path):
        return {}, {}
    with open(path) as f:
        for line in f:
            fields = dict(p.split("=", 1) for p in line.split() if "=" in p)
            if line.startswith("idle receiver:"):
                idle[(fields["transport"], int(fields["spin_us"]))].append(
                    (float(fields["cpu_ms"]), float(fields["limit_ms"]), int(fields["seconds"])))
                continue
            if "impl" not in fields:
                continue
            value = fields.get("msgs_per_s") or fields.get("lat_us")
            series = fields["impl"] + ("/spin" + fields["spin_us"] if "spin_us" in fields else "")
            key = (series, fields["transport"], fields["pattern"], int(fields["size"]), fields.get("pinned") == "1")
            runs[key].append(float(value))
    medians = {k: statistics.median(v) for k, v in runs.items()}
    idle_medians = {k: (statistics.median(c for c, _, _ in v), v[0][1], v[0][2], len(v)) for k, v in idle.items()}
    return medians, idle_medians


def wait_cells(wait, pattern, pinned, impls):
    """(transport, size, one value per impl) for every cell of a wait-strategy table, in table order."""
    sizes = sorted({k[3] for k in wait if k[2] == pattern})
    for t in TRANSPORTS:
        for s in sizes:
            yield t, s, [wait.get((i, t, pattern, s, pinned)) for i in impls]


def wait_tables(wait, idle):
    """The wait strategy's acceptance tables (issue #9): latency against JeroMQ and C, throughput, idle CPU."""
    out = []
    at_most = lambda limit: (lambda r: r <= limit)
    out.append("REQ/REP one-way latency, µs, unpinned (perf tool `pattern=lat`; **bold** misses the target: "
               "zmq-ffm with its default wait strategy ≤ 1.0× JeroMQ):\n")
    out.append("| transport | size (B) | C | zmq-ffm | zmq-ffm spin=0 | JeroMQ | zmq-ffm / JeroMQ | zmq-ffm / C "
               "| zmq-ffm spin=0 / C |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t, s, (c, z, z0, j) in wait_cells(wait, "lat", False, ("c", "zmq-ffm", "zmq-ffm/spin0", "jeromq")):
        out.append(f"| {t} | {s} | {fmt(c, 1)} | {fmt(z, 1)} | {fmt(z0, 1)} | {fmt(j, 1)} | "
                   f"{fmt_ratio(ratio(z, j), at_most(1.0))} | {fmt_ratio(ratio(z, c), lambda r: True)} | "
                   f"{fmt_ratio(ratio(z0, c), lambda r: True)} |")
    out.append("")
    out.append("The same, the whole process pinned to one CPU (`taskset -c 0`; **bold** misses the target: "
               "zmq-ffm ≤ 1.05× C):\n")
    out.append("| transport | size (B) | C | zmq-ffm | JeroMQ | zmq-ffm / C | JeroMQ / C |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for t, s, (c, z, j) in wait_cells(wait, "lat", True, ("c", "zmq-ffm", "jeromq")):
        out.append(f"| {t} | {s} | {fmt(c, 1)} | {fmt(z, 1)} | {fmt(j, 1)} | "
                   f"{fmt_ratio(ratio(z, c), at_most(1.05))} | {fmt_ratio(ratio(j, c), lambda r: True)} |")
    out.append("")
    out.append("PUSH/PULL throughput, messages/s (perf tool `pattern=thr`; **bold** misses the target: the "
               "default wait strategy ≥ 0.95× spin=0, which never spins):\n")
    out.append("| transport | size (B) | zmq-ffm spin=0 | zmq-ffm | zmq-ffm / spin=0 |")
    out.append("|---|---:|---:|---:|---:|")
    for t, s, (z0, z) in wait_cells(wait, "thr", False, ("zmq-ffm/spin0", "zmq-ffm")):
        out.append(f"| {t} | {s} | {fmt(z0)} | {fmt(z)} | {fmt_ratio(ratio(z, z0), lambda r: r >= 0.95)} |")
    out.append("")
    if idle:
        out.append("A receiver blocked with nothing to receive (`IdleReceiverCpu`; its thread's CPU time over "
                   "the window; **bold** misses the target: ≤ the spin budget + 1 % of the window):\n")
        out.append("| transport | spin budget (µs) | window (s) | CPU time (ms, median) | limit (ms) | runs |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for (t, spin), (cpu, limit, seconds, n) in sorted(idle.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            text = f"{cpu:.2f}" if cpu <= limit else f"**{cpu:.2f}**"
            out.append(f"| {t} | {spin} | {seconds} | {text} | {limit:.2f} | {n} |")
        out.append("")
    return out


THROUGHPUT_IMPLS = [("c", "C"), ("jzmq", "jzmq"), ("jeromq", "JeroMQ"), ("zmq-ffm", "zmq-ffm"),
                    ("raw-ffm", "FFM floor")]
THROUGHPUT_SETUPS = [((False, 1), "one process (two threads), unpinned"),
                     ((True, 1), "one process (two threads), pinned to one CPU (`taskset -c 0`)"),
                     ((False, 2), "two processes (`role=measure` / `role=peer`), unpinned"),
                     ((True, 2), "two processes, both pinned to one CPU (`taskset -c 0`)")]


def read_throughput(path):
    """{(impl, transport, size, pinned, procs): {rep: msgs/s}} from bench/throughput.sh's lines."""
    runs = defaultdict(dict)
    if not os.path.exists(path):
        return runs
    with open(path) as f:
        for line in f:
            fields = dict(p.split("=", 1) for p in line.split() if "=" in p)
            if "msgs_per_s" not in fields:
                continue
            key = (fields["impl"], fields["transport"], int(fields["size"]), fields.get("pinned") == "1",
                   int(fields.get("procs", "1")))
            runs[key][int(fields.get("rep", "0"))] = float(fields["msgs_per_s"])
    return runs


def rep_ratios(a, b):
    """The ratio a/b within each repetition both have: the same interleaved round, the same load."""
    return [a[r] / b[r] for r in sorted(set(a) & set(b)) if b[r]]


def spread(ratios):
    return f"{min(ratios):.2f}–{max(ratios):.2f}" if ratios else "—"


def throughput_tables(runs):
    """Issue #17's tables: msgs/s medians per implementation, zmq-ffm over C and over jzmq, per setup."""
    out = []
    sizes = sorted({k[2] for k in runs})
    for (pinned, procs), title in THROUGHPUT_SETUPS:
        cells = [(t, s) for t in TRANSPORTS for s in sizes
                 if any((i, t, s, pinned, procs) in runs for i, _ in THROUGHPUT_IMPLS)]
        if not cells:
            continue
        impls = [(i, n) for i, n in THROUGHPUT_IMPLS if any(k[0] == i and k[3:] == (pinned, procs) for k in runs)]
        reps = max(len(v) for k, v in runs.items() if k[3:] == (pinned, procs))
        out.append(f"PUSH→PULL throughput, messages/s, {title}: median of {reps} interleaved repetitions "
                   f"(ratios of the medians; **bold** misses issue #17's target of ≥ 0.95× C and ≥ 1.0× jzmq; "
                   f"the ranges are the ratio within each repetition, lowest to highest):\n")
        out.append("| transport | size (B) | " + " | ".join(n for _, n in impls)
                   + " | zmq-ffm / C | (per rep) | zmq-ffm / jzmq | (per rep) |")
        out.append("|---|---:|" + "---:|" * len(impls) + "---:|---|---:|---|")
        for t, s in cells:
            series = {i: runs.get((i, t, s, pinned, procs), {}) for i, _ in impls}
            med = {i: statistics.median(v.values()) if v else None for i, v in series.items()}
            z, c, j = series.get("zmq-ffm", {}), series.get("c", {}), series.get("jzmq", {})
            out.append(f"| {t} | {s} | " + " | ".join(fmt(med[i]) for i, _ in impls) + " | "
                       f"{fmt_ratio(ratio(med.get('zmq-ffm'), med.get('c')), lambda r: r >= 0.95)} | "
                       f"{spread(rep_ratios(z, c))} | "
                       f"{fmt_ratio(ratio(med.get('zmq-ffm'), med.get('jzmq')), lambda r: r >= 1.0)} | "
                       f"{spread(rep_ratios(z, j))} |")
        out.append("")
    return out


def compact_jmh(directory):
    for path in glob.glob(os.path.join(directory, "jmh-*.json")):
        with open(path) as f:
            try:
                rows = json.load(f)
            except json.JSONDecodeError:
                continue
        for row in rows:
            for metric in [row.get("primaryMetric", {})] + list(row.get("secondaryMetrics", {}).values()):
                metric.pop("rawDataHistogram", None)
        with open(path, "w") as f:
            json.dump(rows, f, indent=1)


def read_jmh(directory):
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "jmh-*.json"))):
        with open(path) as f:
            try:
                rows.extend(json.load(f))
            except json.JSONDecodeError:
                pass  # a run cut short by its time limit leaves no usable file
    return rows


def read_machine(path):
    info = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if ":" in line:
                    k, v = line.split(":", 1)
                    info[k.strip()] = v.strip()
    return info


def fmt(x, digits=0):
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(r, good):
    if r is None:
        return "—"
    text = f"{r:.2f}"
    return text if good(r) else f"**{text}**"


PERF_TABLES = [
    ("thr", "Throughput, PUSH→PULL, messages/s (perf tool `pattern=thr`; ratios: higher is better, "
            "**bold** misses the target of ≥ 0.95× C, ≥ 1.0× JeroMQ):", 0,
     lambda r: r >= 0.95, lambda r: r >= 1.0),
    ("lat", "One-way latency, REQ/REP round trip / 2, µs (perf tool `pattern=lat`; ratios: lower is "
            "better, **bold** misses the target of ≤ 1.05× C, ≤ 1.0× JeroMQ):", 1,
     lambda r: r <= 1.05, lambda r: r <= 1.0),
]


def perf_tables(perf):
    """One table per pattern: C, each compared series, and each series over C; zmq-ffm byte[] over JeroMQ."""
    series = [(key, name) for key, name, _ in COMPARED if any(k[0] == key for k in perf)]
    out = []
    for pattern, title, digits, near_c, near_jeromq in PERF_TABLES:
        out.append(title + "\n")
        out.append("| transport | size (B) | C | " + " | ".join(name for _, name in series) + " | "
                   + " | ".join(f"{name} / C" for key, name in series if key != "jeromq")
                   + " | zmq-ffm byte[] / JeroMQ |")
        out.append("|---|---:|" + "---:|" * (2 * len(series) + 1))
        for t in TRANSPORTS:
            for s in SIZES:
                c = perf.get(("c", t, pattern, s))
                values = {key: perf.get((key, t, pattern, s)) for key, _ in series}
                cells = [fmt(c, digits)] + [fmt(values[key], digits) for key, _ in series]
                cells += [fmt_ratio(ratio(values[key], c), near_c) for key, _ in series if key != "jeromq"]
                cells.append(fmt_ratio(ratio(values.get("zmq-ffm"), values.get("jeromq")), near_jeromq))
                out.append(f"| {t} | {s} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def short(benchmark):
    parts = benchmark.split(".")
    return parts[-2].replace("Benchmark", ""), parts[-1]


def alloc(row):
    m = row.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return m["score"] if m else None


def jmh_tables(rows):
    out = []
    by_class = defaultdict(list)
    for r in rows:
        by_class[short(r["benchmark"])[0]].append(r)

    thr = by_class.get("Throughput", [])
    if thr:
        cells = defaultdict(dict)
        for r in thr:
            p = r["params"]
            cells[(p["transport"], int(p["size"]))][p["impl"]] = r
        out.append("JMH `ThroughputBenchmark` (`byte[]`, one thread, 64 frames in flight; "
                   "frames/µs and bytes allocated per frame):\n")
        out.append("| transport | size (B) | zmq-ffm ops/µs | JeroMQ ops/µs | zmq-ffm / JeroMQ | zmq-ffm B/op | JeroMQ B/op |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for (t, s) in sorted(cells, key=lambda k: (TRANSPORTS.index(k[0]), k[1])):
            z, j = cells[(t, s)].get("zmq-ffm"), cells[(t, s)].get("jeromq")
            zs = z["primaryMetric"]["score"] if z else None
            js = j["primaryMetric"]["score"] if j else None
            out.append(f"| {t} | {s} | {fmt(zs, 3)} | {fmt(js, 3)} | "
                       f"{fmt_ratio(ratio(zs, js), lambda r: r >= 1.0)} | "
                       f"{fmt(alloc(z) if z else None)} | {fmt(alloc(j) if j else None)} |")
        out.append("")

    styles = by_class.get("MessageStyles", [])
    if styles:
        names = sorted({short(r["benchmark"])[1] for r in styles})
        cells = defaultdict(dict)
        for r in styles:
            cells[(r["params"]["transport"], int(r["params"]["size"]))][short(r["benchmark"])[1]] = r
        out.append("JMH `MessageStylesBenchmark` (zmq-ffm send/receive styles, frames/µs, "
                   "with bytes allocated per frame in brackets):\n")
        out.append("| transport | size (B) | " + " | ".join(names) + " |")
        out.append("|---|---:|" + "---:|" * len(names))
        for (t, s) in sorted(cells, key=lambda k: (TRANSPORTS.index(k[0]), k[1])):
            row = []
            for n in names:
                r = cells[(t, s)].get(n)
                row.append(f"{fmt(r['primaryMetric']['score'], 3)} ({fmt(alloc(r))})" if r else "—")
            out.append(f"| {t} | {s} | " + " | ".join(row) + " |")
        out.append("")

    lat = by_class.get("Latency", [])
    if lat:
        out.append("JMH `LatencyBenchmark` (REQ/REP round trip, µs, sample mode; its B/op is mostly JMH's own "
                   "sample bookkeeping and warm-up spread over few operations, not the libraries' "
                   "allocation per message, which the throughput tables show):\n")
        out.append("| impl | transport | size (B) | p50 | p99 | p99.9 | mean | B/op |")
        out.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for r in sorted(lat, key=lambda r: (TRANSPORTS.index(r["params"]["transport"]),
                                            int(r["params"]["size"]), r["params"]["impl"])):
            p, m = r["params"], r["primaryMetric"]
            pct = m.get("scorePercentiles", {})
            out.append(f"| {NAMES.get(p['impl'], p['impl'])} | {p['transport']} | {p['size']} | "
                       f"{fmt(pct.get('50.0'), 1)} | {fmt(pct.get('99.0'), 1)} | {fmt(pct.get('99.9'), 1)} | "
                       f"{fmt(m['score'], 1)} | {fmt(alloc(r))} |")
        out.append("")

    out.extend(zero_copy_table(by_class.get("ZeroCopy", [])))
    out.extend(frame_cost_table(by_class.get("FrameCost", [])))

    other = [r for c, rs in sorted(by_class.items())
             if c not in ("Throughput", "Latency", "MessageStyles", "ZeroCopy", "FrameCost") for r in rs]
    if other:
        out.append("Other JMH benchmarks (downcall floor and any other class run; `-prof gc` bytes per operation):\n")
        out.append("| benchmark | params | score | unit | B/op |")
        out.append("|---|---|---:|---|---:|")
        for r in other:
            cls, method = short(r["benchmark"])
            params = ", ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
            m = r["primaryMetric"]
            out.append(f"| {cls}.{method} | {params} | {fmt(m['score'], 3)} | {m['scoreUnit']} | {fmt(alloc(r))} |")
        out.append("")
    return out


def iterations(row):
    """A JMH row's per-iteration scores (rawData, all forks)."""
    return [x for fork in row["primaryMetric"].get("rawData", []) for x in fork]


def frame_cost_table(rows):
    """FrameCostBenchmark: ns per send-and-receive round (or per piece), fastest iteration and median, per size.

    On a shared machine the fastest of many short iterations is the cost undisturbed by other
    processes; the median shows how much the load added."""
    if not rows:
        return []
    sizes = sorted({int(r["params"]["size"]) for r in rows})
    cells = defaultdict(dict)
    for r in rows:
        cells[short(r["benchmark"])[1]][int(r["params"]["size"])] = iterations(r)
    out = ["JMH `FrameCostBenchmark` (one thread, inproc, each operation one frame sent and received, or one "
           "piece alone; ns per operation: the fastest iteration, then the median of the iterations):\n",
           "| benchmark | " + " | ".join(f"{s} B" for s in sizes) + " |",
           "|---|" + "---:|" * len(sizes)]
    for name in sorted(cells, key=lambda n: (not n.startswith("api"), not n.startswith("raw"), n)):
        row = [f"{min(v):.1f} ({statistics.median(v):.1f})" if (v := cells[name].get(s)) else "—" for s in sizes]
        out.append(f"| {name} | " + " | ".join(row) + " |")
    out.append("")
    return out


def sender_score(row, method):
    """A JMH group's score for one of its methods: (mean, error) in the row's unit."""
    m = row.get("secondaryMetrics", {}).get(method)
    return (m["score"], m["scoreError"]) if m else (None, None)


def zero_copy_table(rows):
    """ZeroCopyBenchmark: the sending thread's frames/ms, copy against lend, per transport and size."""
    if not rows:
        return []
    cells = defaultdict(dict)
    for r in rows:
        cells[(r["params"]["transport"], int(r["params"]["size"]))][short(r["benchmark"])[1]] = r
    out = ["JMH `ZeroCopyBenchmark` (a sending and a receiving thread, a context each over tcp; frames "
           "sent per ms ± JMH's 99.9 % error; **bold** misses the target: lending ≥ 0.5× copying at "
           "64 B, > 1.0× from 8 KiB):\n",
           "| transport | size (B) | copy | wrap | wrap / copy |",
           "|---|---:|---:|---:|---:|"]
    for (t, s) in sorted(cells, key=lambda k: (TRANSPORTS.index(k[0]), k[1])):
        copy, copy_err = sender_score(cells[(t, s)].get("copy", {}), "send")
        lend, lend_err = sender_score(cells[(t, s)].get("wrap", {}), "lend")
        target = (lambda r: r >= 0.5) if s <= 64 else (lambda r: r > 1.0) if s >= 8192 else (lambda r: True)
        out.append(f"| {t} | {s} | {fmt(copy, 1)} ± {fmt(copy_err, 1)} | {fmt(lend, 1)} ± {fmt(lend_err, 1)} | "
                   f"{fmt_ratio(ratio(lend, copy), target)} |")
    out.append("")
    return out


def svg_chart(perf, machine):
    """Two panels, each compared series relative to C per cell: throughput and latency."""
    cells = [(t, s) for t in TRANSPORTS for s in SIZES]
    series = [entry for entry in COMPARED if any(k[0] == entry[0] for k in perf)]
    width, panel_h, left, top_pad = 980, 250, 60, 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{2 * panel_h + 110}" '
             f'font-family="sans-serif" font-size="11">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{left}" y="20" font-size="14" font-weight="bold">zmq-ffm and JeroMQ relative to C '
             f'(libzmq {machine.get("libzmq", "?")}), per transport and message size</text>',
             f'<text x="{left}" y="38" fill="#555">{machine.get("cpu", "")}; JDK {machine.get("jdk", "")}; '
             f'{machine.get("date", "")}, {machine.get("mode", "")} run, load {machine.get("load_before", "?")}</text>']
    panels = [("thr", "Throughput ÷ C's (higher is better; target ≥ 0.95)", 0.95),
              ("lat", "Latency ÷ C's (lower is better; target ≤ 1.05)", 1.05)]
    plot_w = width - left - 20
    group_w = plot_w / len(cells)
    for index, (pattern, title, target) in enumerate(panels):
        y0 = top_pad + index * (panel_h + 30)
        plot_h = panel_h - 60
        values = [ratio(perf.get((i, t, pattern, s)), perf.get(("c", t, pattern, s)))
                  for (t, s) in cells for i, _, _ in series]
        top = max([2.0] + [v for v in values if v is not None])
        top = min(top * 1.1, 6.0)

        def y(v):
            return y0 + 20 + plot_h - min(v, top) / top * plot_h

        parts.append(f'<text x="{left}" y="{y0 + 12}" font-weight="bold">{title}</text>')
        step = 0.5 if top <= 3 else 1.0
        v = 0.0
        while v <= top + 1e-9:
            parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>')
            parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.1f}×</text>')
            v += step
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(1):.1f}" y2="{y(1):.1f}" stroke="black"/>')
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                     f'stroke="green" stroke-dasharray="4,3"/>')
        for ci, (t, s) in enumerate(cells):
            gx = left + ci * group_w
            bar_w = group_w * 0.8 / len(series)
            for bi, (impl, _, colour) in enumerate(series):
                r = ratio(perf.get((impl, t, pattern, s)), perf.get(("c", t, pattern, s)))
                bx = gx + group_w * 0.1 + bi * bar_w
                if r is None:
                    parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{y(0) - 4:.1f}" text-anchor="middle">—</text>')
                    continue
                parts.append(f'<rect x="{bx:.1f}" y="{y(r):.1f}" width="{bar_w * 0.92:.1f}" '
                             f'height="{y(0) - y(r):.1f}" fill="{colour}"/>')
                parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{y(r) - 3:.1f}" text-anchor="middle" '
                             f'font-size="8">{r:.2f}</text>')
            parts.append(f'<text x="{gx + group_w / 2:.1f}" y="{y(0) + 14:.1f}" text-anchor="middle">{t}</text>')
            parts.append(f'<text x="{gx + group_w / 2:.1f}" y="{y(0) + 26:.1f}" text-anchor="middle">{s} B</text>')
    ly = 2 * panel_h + 100
    lx = left
    for _, name, colour in series:
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 18}" y="{ly}">{name}</text>')
        lx += 140
    parts.append(f'<line x1="{lx}" x2="{lx + 30}" y1="{ly - 4}" y2="{ly - 4}" stroke="black"/>')
    parts.append(f'<text x="{lx + 36}" y="{ly}">C = 1.0</text>')
    parts.append(f'<line x1="{lx + 100}" x2="{lx + 130}" y1="{ly - 4}" y2="{ly - 4}" stroke="green" '
                 f'stroke-dasharray="4,3"/>')
    parts.append(f'<text x="{lx + 136}" y="{ly}">target</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def caveat(machine):
    """A warning line when the numbers cannot stand for the machine: a quick run, or a busy one."""
    cpus = machine.get("cpu", "").rsplit(", ", 1)[-1].split(" ")[0]
    loads = [float(x) for key in ("load_before", "load_after") for x in machine.get(key, "").split()[:1]]
    busy = cpus.isdigit() and loads and max(loads) > 0.5 * int(cpus)
    if machine.get("mode") != "quick" and not busy:
        return []
    load = f"load average up to {max(loads):.1f} on {cpus} CPUs" if loads else "load unknown"
    if machine.get("mode") == "quick":
        return [f"**These numbers come from a quick run (one repetition, small counts, a JMH subset; {load}): "
                f"they show that the tooling works, not how fast zmq-ffm is. A full run (`bench/run-all.sh`) "
                f"replaces them.**", ""]
    if machine.get("mode") == "zero-copy":
        return [f"**Measured on a shared machine ({load}): JMH ran copy and wrap one after the other, so "
                f"their ratio holds only as far as the load stayed the same; the error columns show how "
                f"much it moved.**", ""]
    # A full run on a shared machine still compares like with like: the cells of one row run
    # interleaved, under the same load; only the absolute numbers drift between runs.
    return [f"**A full run on a shared machine ({load}, partly the benchmark's own threads): the columns "
            f"of a row were measured interleaved under the same load, so their ratios are what this run "
            f"shows; absolute numbers of a cell vary by up to 2× between runs.**", ""]


def replace_block(path, name, text):
    """Replaces what stands between <!-- name:begin --> and <!-- name:end --> in path, if both are there."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    with open(path) as f:
        content = f.read()
    if begin not in content or end not in content:
        return False
    head, rest = content.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + text + end + tail)
    return True


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = argv[1]
    readmes = [argv[i + 1] for i, a in enumerate(argv) if a == "--readme" and i + 1 < len(argv)]
    if "--compact-jmh" in argv:
        compact_jmh(directory)
    perf = read_perf(os.path.join(directory, "perf.txt"))
    rows = read_jmh(directory)
    machine = read_machine(os.path.join(directory, "machine.txt"))

    command = machine.get("command") or f"bench/run-all.sh {machine.get('mode', '?')}"
    machine_line = [f"Measured {machine.get('date', '?')} by `{command}` on {machine.get('cpu', '?')}, "
             f"{machine.get('kernel', '?')}, JDK {machine.get('jdk', '?')}, libzmq {machine.get('libzmq', '?')}, "
             f"JeroMQ {machine.get('jeromq', '?')}"
             + "".join(f", {name} {machine[key]}" for key, name in (("zmqffm", "zmq-ffm"), ("jzmq", "jzmq"))
                       if key in machine)
             + f"; load average before {machine.get('load_before', '?')}, "
             f"after {machine.get('load_after', '?')}.", ""]
    machine_line += caveat(machine)
    perf_text = "\n".join(machine_line + (perf_tables(perf) if perf else [])).rstrip() + "\n"
    jmh_text = "\n".join(jmh_tables(rows)).rstrip() + "\n"
    wait, idle = read_wait(os.path.join(directory, "wait.txt"))
    wait_text = "\n".join(machine_line + wait_tables(wait, idle)).rstrip() + "\n" if wait or idle else None
    throughput = read_throughput(os.path.join(directory, "throughput.txt"))
    throughput_text = ("\n".join(machine_line + throughput_tables(throughput)).rstrip() + "\n"
                       if throughput else None)
    table = perf_text + "\n" + jmh_text + ("\n## The wait strategy (issue #9)\n\n" + wait_text if wait_text else "")
    if throughput_text:
        alone = not perf and not rows and not wait_text
        table = throughput_text if alone else table + "\n## Small-frame throughput (issue #17)\n\n" + throughput_text
    with open(os.path.join(directory, "results.md"), "w") as f:
        chart = "![zmq-ffm and JeroMQ relative to C](perf.svg)\n\n" if perf else ""
        f.write("# zmq-ffm benchmark results\n\n" + chart + table)
    if perf:
        with open(os.path.join(directory, "perf.svg"), "w") as f:
            f.write(svg_chart(perf, machine))
    summary = {"machine": machine,
               "perf": [{"impl": k[0], "transport": k[1], "pattern": k[2], "size": k[3], "median": v}
                        for k, v in sorted(perf.items())],
               "throughput": [{"impl": k[0], "transport": k[1], "size": k[2], "pinned": k[3], "processes": k[4],
                               "median": statistics.median(v.values()), "runs": v}
                              for k, v in sorted(throughput.items())]}
    with open(os.path.join(directory, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    for readme in readmes:
        # Only what this run measured: a run of bench/wait-strategy.sh alone leaves the perf and JMH tables.
        found = bool(perf) and replace_block(readme, "perf", perf_text)
        found = bool(rows) and replace_block(readme, "jmh", jmh_text) or found
        if wait_text:
            found = replace_block(readme, "wait", wait_text) or found
        if throughput_text:
            found = replace_block(readme, "throughput", throughput_text) or found
        if not found:
            print(f"report: {readme} has no <!-- perf:begin --> ... <!-- perf:end --> block; left alone",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
