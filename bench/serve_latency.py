#!/usr/bin/env python3
"""Edit-to-reload latency of `huanjie serve` (and `hugo server`), with ../shared/bench/watch_latency.py.

For each site, starts the preview server, appends a paragraph to one article N times and reports
the time from the file write until the served page holds the new text (min / median / max), and
the start-up time (until the page first answers). Sites:

  example   a copy of the bundled example site (target/bench/serve-example)
  corpus    the N-article corpus of ../shared/bench/gen_corpus.py (hugo flavor, like bench/bench.py),
            with huanjie and, if installed, with Hugo (`apt-get install -y hugo`)

Usage: python3 bench/serve_latency.py [--pages 10000] [--runs 20] [--no-hugo] [--full-too]
Run from the repository root after `cargo build --release`. `--full-too` adds a run of huanjie
with HUANJIE_SERVE_FULL=1 (every page rendered on every change) for comparison.
"""
import argparse, json, os, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(REPO, "..", "shared", "bench")
SITE_YAML = """title: 县域换届工作动态
base_url: https://example.org
languages:
  - { code: zh-Hans, name: 简体中文, prefix: "" }
paginate_by: 20
slug_from: filename
"""
EXAMPLE_PARTS = ["site.yaml", "content", "static", "templates", "i18n", "themes", "data"]


def measure(label, url, md, cmd, runs, env=None, log=None):
    args = [sys.executable, os.path.join(SHARED, "watch_latency.py"), "--url", url, "--file", md,
            "--runs", str(runs), "--label", label]
    if log:
        args += ["--log", log]
    p = subprocess.run(args + ["--"] + cmd, stdout=subprocess.PIPE, text=True, env=env)
    if p.returncode != 0 or not p.stdout.strip():
        sys.exit(f"{label}: watch_latency failed")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--full-too", action="store_true")
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench"))
    a = ap.parse_args()
    exe = os.path.join(REPO, "target", "release", "huanjie")
    exe = os.environ.get("HUANJIE", exe)
    if not os.path.exists(exe):
        sys.exit("build first: cargo build --release")
    os.makedirs(a.work, exist_ok=True)
    rows = []

    # The example site, copied so the benchmark never edits the repository's own content.
    ex = os.path.join(a.work, "serve-example")
    shutil.rmtree(ex, ignore_errors=True)
    os.makedirs(ex)
    for part in EXAMPLE_PARTS:
        src = os.path.join(REPO, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(ex, part))
        elif os.path.isfile(src):
            shutil.copy(src, os.path.join(ex, part))
    rows.append(measure("huanjie example", "http://127.0.0.1:1411/news/mobilisation-meeting/",
                        os.path.join(ex, "content", "news", "mobilisation-meeting.md"),
                        [exe, "serve", "--root", ex, "--port", "1411"], a.runs))

    # The generated corpus.
    site = os.path.join(a.work, f"corpus-{a.pages}")
    if not os.path.exists(os.path.join(site, "content")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--pages", str(a.pages),
                        "--out", site, "--flavor", "hugo"], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(site, "site.yaml"), "w") as f:
        f.write(SITE_YAML)
    article = "a%06d" % (a.pages // 2)
    md = os.path.join(site, "content", "news", article + ".md")
    rows.append(measure(f"huanjie corpus-{a.pages}", f"http://127.0.0.1:1412/news/{article}/", md,
                        [exe, "serve", "--root", site, "--port", "1412"], a.runs))
    if a.full_too:
        env = dict(os.environ, HUANJIE_SERVE_FULL="1")
        rows.append(measure(f"huanjie-full corpus-{a.pages}", f"http://127.0.0.1:1413/news/{article}/", md,
                            [exe, "serve", "--root", site, "--port", "1413"], a.runs, env=env))
    hugo = None if a.no_hugo else shutil.which("hugo")
    if not a.no_hugo and not hugo:
        print("hugo not found (apt-get install -y hugo): measuring huanjie only", file=sys.stderr)
    if hugo:
        rows.append(measure(f"hugo corpus-{a.pages}", f"http://127.0.0.1:1414/news/{article}/", md,
                            [hugo, "server", "-s", site, "--bind", "127.0.0.1", "--port", "1414"], a.runs))

    print(f"{'server':28} {'start s':>8} {'p50 ms':>8} {'min ms':>8} {'max ms':>8} {'timeouts':>8}")
    for r in rows:
        print(f"{r['label']:28} {r['startup_s']:>8.2f} {r['median_ms'] or 0:>8.1f} {r['min_ms'] or 0:>8.1f} "
              f"{r['max_ms'] or 0:>8.1f} {r['timeouts']:>8}")


if __name__ == "__main__":
    main()
