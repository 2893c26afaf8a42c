"""Run every benchmark in turn; each prints its own table of ratios.

Every ratio is measured inside one process, against a reference run in the
same process, so the figures compare like with like on whatever machine runs
them. These are reports, not tests: they never fail the build.
"""

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["train_step", "public_path", "digits", "frames", "playground_page", "explorables"]


def load(name):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    for name in BENCHMARKS:
        print(f"\n=== {name} ===", flush=True)
        load(name).main()


if __name__ == "__main__":
    main()
