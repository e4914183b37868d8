#!/usr/bin/env python3
"""run: every test_* function of tests/integration/test_*.py, in parallel
workers, each test on its own supervisor. Ends with "N passed, N failed";
exit 1 if any failed.

    python3 tests/integration/run.py [-j N] [-k SUBSTRING] [-v]
"""

import argparse
import concurrent.futures
import glob
import importlib.util
import io
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def discover(filt):
    tests = []
    for path in sorted(glob.glob(os.path.join(HERE, "test_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for attr in sorted(vars(mod)):
            fn = getattr(mod, attr)
            if attr.startswith("test_") and callable(fn):
                full = "%s.%s" % (name, attr)
                if not filt or any(f in full for f in filt):
                    tests.append((full, fn))
    return tests


def run_one(item):
    name, fn = item
    t0 = time.monotonic()
    try:
        fn()
        return name, True, time.monotonic() - t0, ""
    except Exception:
        return name, False, time.monotonic() - t0, traceback.format_exc()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", type=int, default=int(os.environ.get("VYOMA_IT_JOBS", "4")))
    ap.add_argument("-k", action="append", default=[])
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    tests = discover(args.k)
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as ex:
        for name, ok, secs, err in ex.map(run_one, tests):
            if ok:
                passed += 1
                print("PASS %s (%.1fs)" % (name, secs), flush=True)
            else:
                failed += 1
                print("FAIL %s (%.1fs)\n%s" % (name, secs, err), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
