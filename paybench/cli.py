"""Command line: python -m paybench <verb>."""

import argparse
import sys
from pathlib import Path

from paybench import dataset, sample
from paybench.paths import SHIPPED_DATASET


def build_sample(args: argparse.Namespace) -> int:
    records = sample.generate(n_records=args.rows, seed=args.seed)
    dataset.write_parquet_atomic(dataset.to_arrow(records), args.output)
    print(f"wrote {len(records):,} records to {args.output} "
          f"(version {dataset.file_version(args.output)})")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m paybench", description=__doc__)
    verbs = root.add_subparsers(dest="verb", required=True)

    build = verbs.add_parser("build-sample", help="write the calibrated sample dataset")
    build.add_argument("--rows", type=int, default=sample.SAMPLE_SIZE)
    build.add_argument("--seed", type=int, default=sample.SEED)
    build.add_argument("--output", type=Path, default=SHIPPED_DATASET)
    build.set_defaults(handler=build_sample)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
