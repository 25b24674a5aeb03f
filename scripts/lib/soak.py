#!/usr/bin/env python3
"""The soak's measurements (scripts/soak.sh), plain python3 without extra packages.

  soak.py sample --csv F --interval S --db DB --apps PID=URL,... --broker-pid P --driver F --marker ID --token-file F --logs F,...
      every S seconds until killed: one row to the CSV and one line of the table to stdout
  soak.py report --csv F --md OUT.md --svg OUT.svg [--title T]
      growth per hour of each series over the last half, a verdict per series, the markdown table and the SVG chart
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone

SHANGHAI = timezone(timedelta(hours=8))


def psql(db, sql):
    out = subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-At", "-F", "\t", "-h",
                          os.environ.get("RW_PGHOST", "127.0.0.1"), "-p", os.environ.get("RW_PGPORT", "5432"),
                          "-d", db, "-c", sql], capture_output=True, text=True, timeout=50)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def postgres_pss_mb():
    """All PostgreSQL processes' proportional set size: shared buffers counted once, not once per backend."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def metrics(url, token):
    """(heap used MiB, live heap after the last collection MiB, ingest queue depth) from the instance's /actuator/prometheus."""
    try:
        req = urllib.request.Request(url + "/actuator/prometheus", headers={"Authorization": "Bearer " + token})
        text = urllib.request.urlopen(req, timeout=10).read().decode()
    except Exception:  # noqa: BLE001 - an instance that does not answer shows as n/a
        return float("nan"), float("nan"), float("nan")
    heap = live = queue = 0.0
    for line in text.splitlines():
        if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line:
            heap += float(line.rsplit(" ", 1)[1])
        elif line.startswith("jvm_gc_live_data_size_bytes"):
            live += float(line.rsplit(" ", 1)[1])
        elif line.startswith("rw_ingest_queue{"):
            queue += float(line.rsplit(" ", 1)[1])
    return heap / 1048576, live / 1048576, queue


def count_errors(logs):
    n = 0
    for path in logs:
        try:
            with open(path, errors="replace") as f:
                n += sum(1 for line in f if " ERROR " in line)
        except OSError:
            pass
    return n


def last_driver_row(path):
    try:
        with open(path) as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        return rows[-1] if rows else None
    except OSError:
        return None


COLUMNS = ["minute", "time", "app_rss_mb", "app_heap_mb", "app_live_mb", "mosquitto_mb", "postgres_mb", "lag_p50_ms", "lag_max_ms", "queue",
           "events_acked_s", "events_stored_s", "positions_stored_s", "stomp_msgs_s", "sessions", "db_mb", "biggest",
           "removed_rows", "removed_detail", "open_alarms", "alarms_closed", "dead_letters", "errors"]


def sample(a):
    apps = [x.split("=", 1) for x in a.apps.split(",")]
    logs = a.logs.split(",")
    with open(a.token_file) as f:
        token = f.read().strip()
    new = not os.path.exists(a.csv)
    out = open(a.csv, "a", newline="")
    w = csv.writer(out)
    if new:
        w.writerow(COLUMNS)
    prev = None
    t_start = time.time()
    minute = 0
    print("min time  | RSS MiB (heap) per app          | mosq | pg PSS | lag p50/max ms | queue | ev/s acked→stored | pos/s | "
          "STOMP/s sess | DB MiB | biggest tables                  | removed | open al. | dead | err", flush=True)
    while True:
        now = time.time()
        stats = {r[0]: (r[1], int(r[2]), int(r[3]), int(r[4]), r[5]) for r in psql(a.db, """
            select c.oid, c.relname, s.n_tup_ins, s.n_tup_del, s.n_live_tup, coalesce(pg_partition_root(c.oid)::regclass::text, c.relname)
            from pg_stat_user_tables s join pg_class c on c.oid = s.relid""")}
        (db_bytes, open_alarms, dead, lag_p50, lag_max) = psql(a.db, f"""
            select pg_database_size(current_database()),
                   (select count(*) from alarm where status in ('NEW', 'ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE')),
                   (select count(*) from dead_letter),
                   coalesce(round(percentile_cont(0.5) within group (order by l))::text, ''), coalesce(round(max(l))::text, '')
            from (select extract(epoch from received_at) * 1000 - (payload->>'sentMs')::bigint l from device_event
                  where device_id = '{a.marker}' and ts > now() - interval '10 minutes'
                    and received_at > now() - interval '{a.interval} seconds') x""")[0]
        biggest = psql(a.db, """
            select coalesce(pg_partition_root(c.oid)::regclass::text, c.relname) root, sum(pg_total_relation_size(c.oid))
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind = 'r' and n.nspname = 'public' group by 1 order by 2 desc limit 3""")
        heaps, lives, queue = [], [], 0.0
        for _, url in apps:
            h, lv, q = metrics(url, token)
            heaps.append(h)
            lives.append(lv)
            queue += q
        drv = last_driver_row(a.driver)
        errors = count_errors(logs)
        row = {"minute": minute, "time": datetime.now(SHANGHAI).strftime("%H:%M"),
               "app_rss_mb": "/".join(f"{rss_mb(p):.0f}" for p, _ in apps), "app_heap_mb": "/".join(f"{h:.0f}" for h in heaps),
               "app_live_mb": "/".join(f"{v:.0f}" for v in lives),
               "mosquitto_mb": f"{rss_mb(a.broker_pid):.0f}", "postgres_mb": f"{postgres_pss_mb():.0f}",
               "lag_p50_ms": lag_p50, "lag_max_ms": lag_max, "queue": f"{queue:.0f}", "db_mb": f"{int(db_bytes) / 1048576:.0f}",
               "biggest": " ".join(f"{r[0]}:{int(r[1]) / 1048576:.0f}" for r in biggest), "open_alarms": open_alarms}
        if prev is not None:
            dt = now - prev["t"]
            ins = {"device_event": 0, "device_position": 0}
            removed, detail = 0, {}
            for oid, (name, n_ins, n_del, live, root) in stats.items():
                p = prev["stats"].get(oid)
                if root in ins:
                    ins[root] += n_ins - (p[1] if p else 0)
                d = n_del - (p[2] if p else 0)
                if d > 0:
                    removed += d
                    detail[root] = detail.get(root, 0) + d
            for oid, (name, n_ins, n_del, live, root) in prev["stats"].items():
                if oid not in stats:   # a partition dropped by retention: its rows went with it
                    removed += live
                    detail[root + "(partition)"] = detail.get(root + "(partition)", 0) + live
            row.update({"events_stored_s": f"{ins['device_event'] / dt:.0f}", "positions_stored_s": f"{ins['device_position'] / dt:.0f}",
                        "removed_rows": removed, "removed_detail": " ".join(f"{k}:{v}" for k, v in sorted(detail.items())),
                        "dead_letters": int(dead) - prev["dead"], "errors": errors - prev["errors"]})
            if drv and prev["drv"]:
                ddt = (int(drv["epochMs"]) - int(prev["drv"]["epochMs"])) / 1000 or 1
                row["events_acked_s"] = f"{(int(drv['acked']) - int(prev['drv']['acked'])) / ddt:.0f}"
                row["stomp_msgs_s"] = f"{(int(drv['frames']) - int(prev['drv']['frames'])) / ddt:.0f}"
                row["alarms_closed"] = int(drv["alarmsClosed"]) - int(prev["drv"]["alarmsClosed"])
        if drv:
            row["sessions"] = drv["sessionsOpen"]
        w.writerow([row.get(c, "") for c in COLUMNS])
        out.flush()
        g = row.get
        print(f"{minute:3d} {g('time')} | {g('app_rss_mb'):>14} ({g('app_heap_mb'):>9}) | {g('mosquitto_mb'):>4} | {g('postgres_mb'):>6} | "
              f"{g('lag_p50_ms') or '-':>6}/{g('lag_max_ms') or '-':<7} | {g('queue'):>5} | {g('events_acked_s', '-'):>5}→{g('events_stored_s', '-'):<5}     | "
              f"{g('positions_stored_s', '-'):>5} | {g('stomp_msgs_s', '-'):>6} {g('sessions', '-'):>5} | {g('db_mb'):>6} | {g('biggest'):<31} | "
              f"{g('removed_rows', '-'):>7} | {g('open_alarms'):>8} | {g('dead_letters', '-'):>4} | {g('errors', '-')}", flush=True)
        prev = {"t": now, "stats": stats, "dead": int(dead), "errors": errors, "drv": drv}
        minute += 1
        time.sleep(max(1, t_start + minute * a.interval - time.time()))


# series of the verdict: name, how to read it from a row, unit, tolerance (an absolute change below this is noise)
def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def series(rows):
    apps = len(rows[0]["app_rss_mb"].split("/"))
    out = []
    for i in range(apps):
        out.append((f"rw-{i + 1} RSS", [num(r["app_rss_mb"].split("/")[i]) for r in rows], "MiB", 32))
        # heap used is a saw-tooth between collections; what is still live after one is what would show a leak
        out.append((f"rw-{i + 1} live heap after GC", [num(r["app_live_mb"].split("/")[i]) for r in rows], "MiB", 64))
    out += [("mosquitto RSS", [num(r["mosquitto_mb"]) for r in rows], "MiB", 16),
            ("PostgreSQL PSS", [num(r["postgres_mb"]) for r in rows], "MiB", 64),
            ("ingestion lag p50", [num(r["lag_p50_ms"]) for r in rows], "ms", 250),
            ("ingestion queue", [num(r["queue"]) for r in rows], "msgs", 5000),
            ("database size", [num(r["db_mb"]) for r in rows], "MiB", 64),
            ("open alarms", [num(r["open_alarms"]) for r in rows], "", 10),
            ("events stored/s", [num(r["events_stored_s"]) for r in rows], "/s", 250),
            ("positions stored/s", [num(r["positions_stored_s"]) for r in rows], "/s", 100),
            ("STOMP messages/s", [num(r["stomp_msgs_s"]) for r in rows], "/s", 100)]
    return out


def verdict(values, tol):
    pts = [(i, v) for i, v in enumerate(values) if v is not None and v == v]
    if len(pts) < 4:
        return None, None, "too short"
    half = [(i, v) for i, v in pts if i >= pts[-1][0] / 2]
    n = len(half)
    mx = sum(i for i, _ in half) / n
    my = sum(v for _, v in half) / n
    sxx = sum((i - mx) ** 2 for i, _ in half) or 1
    slope = sum((i - mx) * (v - my) for i, v in half) / sxx        # per sample (minute)
    per_hour = slope * 60
    allv = [v for _, v in pts]
    mean = sum(allv) / len(allv)
    band = max(0.10 * abs(mean), tol)
    rise = slope * (half[-1][0] - half[0][0])                       # fitted change over the last half
    if max(allv) - min(allv) <= band:
        return per_hour, my, "flat"
    if rise > band:
        return per_hour, my, "grows"
    return per_hour, my, "bounded"


def report(a):
    with open(a.csv) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit("no samples")
    lines = ["| series | first | last | growth per hour (last half) | verdict |", "|---|---|---|---|---|"]
    print(f"\n=== soak: growth per hour over the last half ({len(rows)} samples, one a minute) ===")
    for name, vals, unit, tol in series(rows):
        per_hour, _, v = verdict(vals, tol)
        first = next((x for x in vals if x is not None), None)
        last = next((x for x in reversed(vals) if x is not None), None)
        fmt = lambda x: "n/a" if x is None else f"{x:,.0f}"   # noqa: E731
        g = "n/a" if per_hour is None else f"{per_hour:+,.0f} {unit}/h"
        print(f"  {name:<22} first {fmt(first):>9} last {fmt(last):>9} {unit:<4}  growth {g:>16}  → {v}")
        lines.append(f"| {name} ({unit}) | {fmt(first)} | {fmt(last)} | {g} | {v} |" if unit else
                     f"| {name} | {fmt(first)} | {fmt(last)} | {g} | {v} |")
    table = ["| min | time | RSS MiB per app (heap used; live after GC) | mosquitto | PostgreSQL PSS | lag p50/max ms | queue | events/s acked → stored | "
             "positions/s | STOMP msgs/s | sessions | DB MiB | biggest tables (MiB) | rows removed | open alarms | dead letters | errors |",
             "|" + "---|" * 17]
    for r in rows:
        table.append(f"| {r['minute']} | {r['time']} | {r['app_rss_mb']} ({r['app_heap_mb']}; {r['app_live_mb']}) | {r['mosquitto_mb']} | {r['postgres_mb']} | "
                     f"{r['lag_p50_ms'] or '-'}/{r['lag_max_ms'] or '-'} | {r['queue']} | {r['events_acked_s'] or '-'} → {r['events_stored_s'] or '-'} | "
                     f"{r['positions_stored_s'] or '-'} | {r['stomp_msgs_s'] or '-'} | {r['sessions'] or '-'} | {r['db_mb']} | "
                     f"{r['biggest'].replace(' ', ', ')} | {r['removed_rows'] or '-'} | {r['open_alarms']} | {r['dead_letters'] or '-'} | "
                     f"{r['errors'] or '-'} |")
    with open(a.md, "w") as f:
        f.write((a.title + "\n\n" if a.title else "") + "\n".join(table) + "\n\n" + "\n".join(lines) + "\n")
    svg(rows, a.svg, a.title)
    print(f"\ntable: {a.md}\nchart: {a.svg}")


def svg(rows, path, title):
    """Three panels over the minutes: memory of each process (MiB), database size (MiB), ingestion lag (ms)."""
    mins = [int(r["minute"]) for r in rows]
    apps = len(rows[0]["app_rss_mb"].split("/"))
    panels = [("memory (MiB, RSS; PostgreSQL PSS)",
               [(f"rw-{i + 1}", [num(r["app_rss_mb"].split("/")[i]) for r in rows]) for i in range(apps)]
               + [("mosquitto", [num(r["mosquitto_mb"]) for r in rows]), ("PostgreSQL", [num(r["postgres_mb"]) for r in rows])]),
              ("database size (MiB)", [("database", [num(r["db_mb"]) for r in rows])]),
              ("ingestion lag, publish → stored (ms)", [("p50", [num(r["lag_p50_ms"]) for r in rows]),
                                                        ("max", [num(r["lag_max_ms"]) for r in rows])])]
    colours = ["#c0392b", "#2471a3", "#229954", "#7d3c98", "#d68910", "#17a589"]
    W, PH, L, R, T = 720, 170, 60, 130, 30
    H = T + len(panels) * (PH + 40)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{L}" y="18" font-size="13">{(title or "soak").replace("&", "&amp;").replace("<", "&lt;")}</text>']
    xmax = max(mins) or 1
    for k, (name, lines) in enumerate(panels):
        top = T + k * (PH + 40) + 15
        vals = [v for _, vs in lines for v in vs if v is not None and v == v]
        ymax = max(vals) * 1.1 if vals and max(vals) > 0 else 1
        out.append(f'<text x="{L}" y="{top - 4}" font-weight="bold">{name}</text>')
        out.append(f'<rect x="{L}" y="{top}" width="{W - L - R}" height="{PH}" fill="none" stroke="#999"/>')
        for j in range(5):
            y = top + PH - PH * j / 4
            out.append(f'<line x1="{L}" x2="{W - R}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
                       f'<text x="{L - 4}" y="{y + 4:.1f}" text-anchor="end">{ymax * j / 4:,.0f}</text>')
        for j in range(0, xmax + 1, max(1, xmax // 6)):
            x = L + (W - L - R) * j / xmax
            out.append(f'<text x="{x:.1f}" y="{top + PH + 13}" text-anchor="middle">{j} min</text>')
        for n, (label, vs) in enumerate(lines):
            pts = [(L + (W - L - R) * m / xmax, top + PH - PH * v / ymax) for m, v in zip(mins, vs) if v is not None and v == v]
            c = colours[n % len(colours)]
            if pts:
                out.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.5" points="'
                           + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
            out.append(f'<rect x="{W - R + 10}" y="{top + 6 + 16 * n}" width="10" height="10" fill="{c}"/>'
                       f'<text x="{W - R + 24}" y="{top + 15 + 16 * n}">{label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    for opt in ("csv", "db", "apps", "broker-pid", "driver", "marker", "token-file", "logs"):
        s.add_argument("--" + opt, required=True)
    s.add_argument("--interval", type=int, default=60)
    r = sub.add_parser("report")
    r.add_argument("--csv", required=True)
    r.add_argument("--md", required=True)
    r.add_argument("--svg", required=True)
    r.add_argument("--title", default="")
    a = p.parse_args()
    sample(a) if a.cmd == "sample" else report(a)


if __name__ == "__main__":
    main()
