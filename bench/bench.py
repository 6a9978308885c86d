#!/usr/bin/env python3
"""Build-speed benchmark: huanjie against Hugo on the same generated corpus.

Generates the corpus with ../shared/bench/gen_corpus.py (hugo flavor: neutral content/ plus
Hugo's config and templates), adds a site.yaml for huanjie in the same folder (one language,
20 entries a list page like the peers' templates, slugs from file names like Hugo), then builds
it with each tool, side by side, several times, and prints wall time, pages per second and peak
memory (max RSS of the process, from wait4).

Each run starts after `sync`, so no tool pays for the write-back of the previous one's output.
`--tmpfs` builds into /dev/shm instead, which takes the disk out of the figures.

Usage: python3 bench/bench.py [--pages 1000 10000] [--runs 3] [--no-hugo] [--gen PATH]
Run from the repository root after `cargo build --release`.
"""
import argparse, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SITE_YAML = """title: 县域换届工作动态
base_url: https://example.org
languages:
  - { code: zh-Hans, name: 简体中文, prefix: "" }
paginate_by: 20
slug_from: filename
"""


def run(cmd, cwd):
    """Runs cmd, returns (wall seconds, peak RSS in MB)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, ru.ru_maxrss / 1024.0


def count_html(d):
    return sum(1 for _, _, fs in os.walk(d) for f in fs if f.endswith(".html"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--gen", default=os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py"))
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench"))
    ap.add_argument("--tmpfs", action="store_true", help="write the output to /dev/shm")
    a = ap.parse_args()
    exe = os.path.join(REPO, "target", "release", "huanjie")
    if not os.path.exists(exe):
        sys.exit("build first: cargo build --release")
    hugo = shutil.which("hugo") if not a.no_hugo else None
    if not a.no_hugo and not hugo:
        print("hugo not found (apt-get install -y hugo): measuring huanjie only", file=sys.stderr)
    print(f"{'tool':8} {'articles':>8} {'html files':>10} {'wall s (median)':>16} {'pages/s':>9} {'peak MB':>8}")
    for n in a.pages:
        site = os.path.join(a.work, f"corpus-{n}")
        if not os.path.exists(os.path.join(site, "content")):
            subprocess.run([sys.executable, a.gen, "--pages", str(n), "--out", site, "--flavor", "hugo"], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(site, "site.yaml"), "w") as f:
            f.write(SITE_YAML)
        outdir = "/dev/shm/huanjie-bench" if a.tmpfs else site
        hj_out, hg_out = os.path.join(outdir, "public-huanjie"), os.path.join(outdir, "public-hugo")
        tools = [("huanjie", [exe, "build", "--root", site, "--output", hj_out], hj_out)]
        if hugo:
            tools.append(("hugo", [hugo, "--quiet", "--destination", hg_out], hg_out))
        results = {}
        # Interleave the tools run by run so drift on a shared machine hits both alike.
        for _ in range(a.runs):
            for name, cmd, out in tools:
                shutil.rmtree(out, ignore_errors=True)
                # Start every run with no dirty pages of the last one still being written back:
                # otherwise each tool pays for the previous tool's output.
                os.sync()
                results.setdefault(name, []).append(run(cmd, site))
        for name, _, out in tools:
            walls = [w for w, _ in results[name]]
            peak = max(m for _, m in results[name])
            files = count_html(out)
            med = statistics.median(walls)
            print(f"{name:8} {n:>8} {files:>10} {med:>16.2f} {files / med:>9.0f} {peak:>8.0f}")
        if len(tools) == 2:
            hj = statistics.median(w for w, _ in results["huanjie"])
            hg = statistics.median(w for w, _ in results["hugo"])
            mj = max(m for _, m in results["huanjie"])
            mg = max(m for _, m in results["hugo"])
            print(f"ratio huanjie/hugo at {n}: wall {hj / hg:.2f}, peak memory {mj / mg:.2f}")


if __name__ == "__main__":
    main()
