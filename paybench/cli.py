"""Command line: python -m paybench <verb>."""

import argparse
import sys
from pathlib import Path

from paybench.datasets import dataset, importer, sample
from paybench.paths import DATA_DIR, SHIPPED_DATASET
from paybench.present import import_report

IMPORTED_DATASET = DATA_DIR / "imported.parquet"  # an import's default: never the sample


def build_sample(args: argparse.Namespace) -> int:
    records = sample.generate(n_records=args.rows, seed=args.seed)
    dataset.write_parquet_atomic(dataset.to_arrow(records), args.output)
    print(f"wrote {len(records):,} records to {args.output} "
          f"(version {dataset.file_version(args.output)})")
    return 0


def import_data(args: argparse.Namespace) -> int:
    rejects_path = args.rejects or args.output.with_name(f"{args.output.stem}-rejects.csv")
    options = importer.ImportOptions(
        format=args.format, mapping=_pairs(args.map, "--map"), constants=_pairs(args.set, "--set"),
        drop_duplicates=args.drop_duplicates, duplicate_ids=args.duplicates,
        hours_per_year=args.hours_per_year, number_style=args.number_style, ranges=args.ranges,
        trust_usd_label=args.trust_usd_label, encoding=args.encoding,
        replace_sample=args.replace_sample)
    bar = ProgressBar(sys.stderr)
    try:
        report = importer.import_file(args.file, args.output, options, progress=bar.update)
    except (importer.ImportFailed, FileNotFoundError, ValueError) as error:
        bar.finish()
        print(f"import failed: {error}\nThe current dataset is unchanged.", file=sys.stderr)
        return 2
    bar.finish()
    rejects = report.rejects_frame()
    if len(rejects):
        rejects_path.parent.mkdir(parents=True, exist_ok=True)
        rejects.to_csv(rejects_path, index=False)
    print("\n".join(import_report.summary_lines(report)))
    if len(rejects):
        print(f"rejected rows, with row number, column, value and every reason: {rejects_path}")
    print(f"wrote {args.output} (version {report.version}); earlier versions are kept in "
          f"{args.output.parent / 'versions'}")
    return 0


def _pairs(items: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        name, separator, value = item.partition("=")
        if not separator or not name.strip():
            raise SystemExit(f"{option} takes field=value, not {item!r}")
        pairs[name.strip()] = value.strip()  # --map field= : the file has no such column
    return pairs


class ProgressBar:
    """A one-line progress bar on a terminal; a line every 10% elsewhere."""

    WIDTH = 30

    def __init__(self, stream) -> None:
        self.stream, self.last_step = stream, -1
        self.interactive = stream.isatty()

    def update(self, fraction: float, message: str) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        filled = int(fraction * self.WIDTH)
        line = f"[{'#' * filled}{' ' * (self.WIDTH - filled)}] {fraction:4.0%} {message}"
        if self.interactive:
            self.stream.write("\r" + line.ljust(79))
        elif int(fraction * 10) > self.last_step:
            self.last_step = int(fraction * 10)
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.interactive:
            self.stream.write("\n")


def bench(args: argparse.Namespace) -> int:
    from paybench.tools import bench as benchmark

    return benchmark.run(args.rows, args.browser, args.folder)


def load_test(args: argparse.Namespace) -> int:
    from paybench.tools import load

    return load.run(args.url, args.sessions, args.seconds)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m paybench", description=__doc__)
    verbs = root.add_subparsers(dest="verb", required=True)

    build = verbs.add_parser("build-sample", help="write the calibrated sample dataset")
    build.add_argument("--rows", type=int, default=sample.SAMPLE_SIZE)
    build.add_argument("--seed", type=int, default=sample.SEED)
    build.add_argument("--output", type=Path, default=SHIPPED_DATASET)
    build.set_defaults(handler=build_sample)

    load = verbs.add_parser(
        "import", help="import a salary file (CSV or Parquet), such as an HRIS or ATS export",
        description="Import a CSV or Parquet salary file. Columns are matched to fields by "
                    "name (data/import_aliases/columns.csv) or by --map; the report accounts "
                    "for every column and warns first about pay columns left out. Rows that "
                    "cannot be used go to the rejects file with their row number, column, "
                    "value and every reason. The output is replaced only if the import "
                    "succeeds; earlier versions are kept. The shipped sample "
                    "(data/salaries.parquet) is never replaced without --replace-sample.")
    load.add_argument("file", type=Path)
    load.add_argument("--format", choices=["generic", "aijobs"], default="generic",
                      help="aijobs: the aijobs.net salaries file; generic: any file, with "
                           "columns named like the fields or mapped with --map")
    load.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                      help=f"take FIELD from COLUMN (FIELD= : from no column, to undo a wrong "
                           f"guess); fields: {', '.join(importer.FIELDS)}")
    load.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                      help="give FIELD this value on every row (e.g. year=2025, currency=EUR)")
    load.add_argument("--duplicates", choices=importer.DUPLICATE_POLICIES,
                      default="keep-latest",
                      help="the same employee id on several rows: keep the latest (by the "
                           "effective date, then the last in the file) or reject them all "
                           "(default: keep-latest)")
    load.add_argument("--drop-duplicates", action="store_true",
                      help="drop rows that repeat another row exactly")
    load.add_argument("--hours-per-year", type=float, default=importer.HOURS_PER_YEAR,
                      help="the hours of a full-time year, to make an hourly rate yearly "
                           "(default: %(default).0f = 40 x 52; a day is a year's hours / 8)")
    load.add_argument("--number-style", choices=["auto", "point", "comma"], default="auto",
                      help="how amounts write decimals: point (185,000.00), comma "
                           "(185.000,00), or auto: from the cells that can be read only one way")
    load.add_argument("--ranges", choices=["keep", "midpoint"], default="keep",
                      help="aijobs: keep both rows of a posted range, or one at the midpoint")
    load.add_argument("--trust-usd-label", action="store_true",
                      help="aijobs: take Canadian and Australian rows labelled USD as US dollars")
    load.add_argument("--encoding", default="utf-8", help="the file's text encoding")
    load.add_argument("--output", type=Path, default=IMPORTED_DATASET,
                      help="the dataset file to write (default: data/imported.parquet); its "
                           "earlier versions are kept in versions/ beside it")
    load.add_argument("--rejects", type=Path, default=None,
                      help="where to write the rejected rows as CSV (default: beside the "
                           "output, <output name>-rejects.csv)")
    load.add_argument("--replace-sample", action="store_true",
                      help="allow --output data/salaries.parquet, replacing the shipped "
                           "calibrated sample (refused otherwise)")
    load.set_defaults(handler=import_data)

    timing = verbs.add_parser("bench", help="time every page query in DuckDB against pandas",
                              description="Generate N records and time every query the pages "
                                          "run, DuckDB against pandas, and the page reruns.")
    timing.add_argument("--rows", type=int, default=1_000_000)
    timing.add_argument("--browser", action="store_true",
                        help="also time the first chart in Debian's chromium")
    timing.add_argument("--folder", type=Path, default=None,
                        help="where to keep the generated data (reused when present)")
    timing.set_defaults(handler=bench)

    crowd = verbs.add_parser("load", help="many browser sessions changing filters at once",
                             description="Open browser sessions that change a filter again and "
                                         "again; report p50 and p95 of filter change to update.")
    crowd.add_argument("--sessions", type=int, default=10)
    crowd.add_argument("--seconds", type=float, default=60)
    crowd.add_argument("--url", default=None,
                       help="a running dashboard; without it one is started on the data")
    crowd.set_defaults(handler=load_test)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
