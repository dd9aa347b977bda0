#!/usr/bin/env python3
"""Save-to-served latency of `folio serve` and `hugo server`, on the same sites, in one run.

    python3 bench/serve-latency.py                 # 1,000 and 10,000 pages, 20 edits each
    EDITS=5 SIZES=1000 python3 bench/serve-latency.py

For each site size it generates the benchmark portfolio (examples/bench_site.rs; it also
builds with Hugo), starts each server on a free loopback port, and times edits from the
moment the file is saved until the server returns a page showing the change (polled
every 5 ms). Edit kinds:

  body      a page's text                         → that page
  title     a page's title (listings change)      → its section's listing and the home page
  badge     a badge replaced by another genuine   → the badge's page (folio only)
  template  the page template                     → a page

Edits alternate between writing in place and saving by atomic rename (a temporary file
renamed over the original, as many editors do). Prints median and worst per kind and the
ratio folio/Hugo. Needs Hugo (installed from Debian's packages if missing).

    BASELINE=/path/to/older/folio python3 bench/serve-latency.py

also measures an older folio binary on the same sites in the same run (before/after a
change) and prints its medians and the ratio folio/baseline.
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EDITS = int(os.environ.get("EDITS", "20"))
SIZES = [int(s) for s in os.environ.get("SIZES", "1000 10000").split()]
BADGES = 20
BASELINE = os.environ.get("BASELINE")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
POLL = 0.005
TIMEOUT = 30.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(urls, token):
    """Seconds until every URL shows `token` (checked in turn, each polled)."""
    start = time.perf_counter()
    for url in urls:
        while token not in get(url):
            if time.perf_counter() - start > TIMEOUT:
                raise RuntimeError(f"{url} never showed {token} (last answer: {get(url)[:300]!r})")
            time.sleep(POLL)
    return time.perf_counter() - start


def save(path, text, atomic):
    if atomic:
        tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w") as f:
            f.write(text)


class Server:
    def __init__(self, tool, site, port):
        self.base = f"http://127.0.0.1:{port}/"
        if tool in ("folio", "baseline"):
            binary = BASELINE if tool == "baseline" else os.path.join(TARGET, "release/folio")
            cmd = [binary, "serve", "--root", site, "--port", str(port), "--offline"]
        else:
            cmd = ["hugo", "server", "-s", site, "--port", str(port), "--bind", "127.0.0.1",
                   "--baseURL", f"http://127.0.0.1:{port}/", "--appendPort=false",
                   "--disableLiveReload", "--quiet"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = time.time()
        while "<h1" not in get(self.base + "sec-00/"):
            if time.time() - start > 180:
                raise RuntimeError(f"{tool} server did not start")
            time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def edits(tool, site):
    """(kind, list of (path, new text), urls to poll, token) for each edit."""
    page = os.path.join(site, "content/sec-01/page-00001.md")
    ours = tool in ("folio", "baseline")
    template = (os.path.join(site, "bench-theme/templates/page.html") if ours
                else os.path.join(site, "layouts/_default/single.html"))
    original = {p: open(p).read() for p in (page, template)}
    kinds = ["body", "title", "template"] + (["badge"] if ours else [])
    for kind in kinds:
        for i in range(EDITS):
            token = f"edit{kind}{i:02d}x{os.getpid()}"
            atomic = i % 2 == 1
            if kind == "body":
                text = original[page] + f"\nThe edited text {token}.\n"
                yield kind, page, text, atomic, ["sec-01/page-00001/"], token
            elif kind == "title":
                text = original[page].replace('title: "', f'title: "{token} ', 1)
                yield kind, page, text, atomic, ["sec-01/", ""], token
            elif kind == "template":
                marker = "<h1>"
                text = original[template].replace(marker, f"<p>{token}</p>{marker}", 1)
                yield kind, template, text, atomic, ["sec-02/page-00002/"], token
            else:
                src = os.path.join(site, f"bench-edits/badge-{i:02d}.json")
                token = f"Edited badge {i:02d}"
                text = open(src).read()
                yield kind, os.path.join(site, "badges/badge-0000.json"), text, atomic, \
                    ["badges/badge-0000/"], token
        # Put the file back, and let the server settle, before the next kind.
        for p, t in original.items():
            save(p, t, False)
        time.sleep(1.0)


def measure(tool, site):
    port = free_port()
    server = Server(tool, site, port)
    results = {}
    try:
        time.sleep(1.0)
        for kind, path, text, atomic, urls, token in edits(tool, site):
            before = time.perf_counter()
            save(path, text, atomic)
            try:
                took = wait_for([server.base + u for u in urls], token)
            except RuntimeError as e:
                # Counted as a miss (the change never showed within TIMEOUT).
                print(f"  {tool}: {e}", file=sys.stderr)
                took = TIMEOUT
            results.setdefault(kind, []).append(took)
            # Let a slow server finish before the next save.
            time.sleep(max(0.05, 2 * (time.perf_counter() - before)))
    finally:
        server.stop()
    return results


def main():
    if not shutil.which("hugo"):
        subprocess.run(["apt-get", "install", "-y", "hugo"], check=True,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "folio",
                    "--example", "bench_site"], cwd=ROOT, check=True)
    gen = os.path.join(TARGET, "release/examples/bench_site")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"machine: {os.cpu_count()} cores; Hugo {hugo_version}; {EDITS} edits per kind, "
          f"half in place, half by atomic rename; polled every {POLL * 1000:.0f} ms")
    print(f"{'site':<14} {'edit':<9} {'folio median':>13} {'worst':>8} {'hugo median':>12} "
          f"{'worst':>8} {'folio/hugo':>11}")
    for size in SIZES:
        with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as tmp:
            figures = {}
            for tool in ("folio", "hugo") + (("baseline",) if BASELINE else ()):
                site = os.path.join(tmp, f"{tool}-{size}")
                subprocess.run([gen, site, str(size), str(BADGES)], check=True,
                               stdout=subprocess.DEVNULL)
                figures[tool] = measure(tool, site)
            for kind in ("body", "title", "badge", "template"):
                f = figures["folio"].get(kind)
                h = figures["hugo"].get(kind)
                fm = statistics.median(f) * 1000 if f else None
                hm = statistics.median(h) * 1000 if h else None
                cell = lambda v: f"{v:.0f} ms" if v is not None else "n/a"
                print(f"{str(size) + ' pages':<14} {kind:<9} {cell(fm):>13} "
                      f"{cell(max(f) * 1000 if f else None):>8} {cell(hm):>12} "
                      f"{cell(max(h) * 1000 if h else None):>8} "
                      f"{(f'{fm / hm:.2f}' if fm and hm else 'n/a'):>11}")
                if BASELINE:
                    b = figures["baseline"].get(kind)
                    bm = statistics.median(b) * 1000 if b else None
                    print(f"{'':<14} {'':<9} {'baseline':>13} {cell(bm):>8} "
                          f"worst {cell(max(b) * 1000 if b else None)}; folio/baseline "
                          f"{(f'{fm / bm:.2f}' if fm and bm else 'n/a')}")


if __name__ == "__main__":
    sys.exit(main())
