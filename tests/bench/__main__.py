# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: the collection against baselines doing the same work, side by side in one run.

Every tests/bench/bench_*.py module has run() -> rows; this prints them as one table of ratios
(candidate / baseline, lower is better) with each benchmark's target.
"""

import importlib
import os
import pkgutil
import sys


def main(selected=None):
    here = os.path.dirname(os.path.abspath(__file__))
    names = sorted(m.name for m in pkgutil.iter_modules([here]) if m.name.startswith("bench_"))
    rows = []
    for name in names:
        if selected and name not in selected:
            continue
        rows.extend(importlib.import_module("tests.bench." + name).run())
    print("\n%-70s %11s %11s %8s %7s" % ("benchmark", "candidate", "baseline", "ratio", "target"))
    for r in rows:
        if "note" in r:
            continue
        verdict = "ok" if r["ok"] else "MISSED"
        print("%-70s %9.1fms %9.1fms %7.3fx %6.2fx %s" % (r["name"], r["candidate_ms"], r["baseline_ms"], r["ratio"], r["target"], verdict))
    for r in rows:
        if "note" in r:
            print("\n" + r["note"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
