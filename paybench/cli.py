"""Command line: python -m paybench <verb>."""

import argparse
import sys
from datetime import date
from pathlib import Path

from paybench.datasets import dataset, importer, registry, sample
from paybench.datasets.provenance import KIND_IMPORTED, KIND_PUBLIC, Provenance, is_dataset_name
from paybench.paths import SHIPPED_DATASET
from paybench.present import import_report

KINDS = {"imported": KIND_IMPORTED, "public": KIND_PUBLIC}


def build_sample(args: argparse.Namespace) -> int:
    records = sample.generate(n_records=args.rows, seed=args.seed)
    dataset.write_parquet_atomic(dataset.to_arrow(records), args.output, sample.PROVENANCE)
    print(f"wrote {len(records):,} records to {args.output} "
          f"(version {dataset.file_version(args.output)})")
    return 0


def import_data(args: argparse.Namespace) -> int:
    if not is_dataset_name(args.name):
        raise SystemExit(f"--name {args.name!r}: use lowercase letters, digits and dashes "
                         "(it is what a link carries)")
    replacing_sample = args.name == sample.PROVENANCE.name
    output = args.output or (SHIPPED_DATASET if replacing_sample
                             else registry.data_folder() / f"{args.name}.parquet")
    if output.resolve() == SHIPPED_DATASET.resolve() and not args.replace_sample:
        raise SystemExit(f"{output} is the shipped calibrated sample; an import never writes "
                         "over it unless you add --replace-sample.")
    described = Provenance(
        name=args.name, title=args.title or args.name, kind=KINDS[args.kind],
        source=args.source or f"imported from {args.file.name}", licence=args.licence,
        method=" ".join(["python -m paybench import", *sys.argv[2:]]) if args.method is None
        else args.method, made_on=date.today().isoformat())
    options = importer.ImportOptions(
        format=args.format, mapping=_pairs(args.map, "--map"), constants=_pairs(args.set, "--set"),
        drop_duplicates=args.drop_duplicates, duplicate_ids=args.duplicates,
        hours_per_year=args.hours_per_year, number_style=args.number_style, ranges=args.ranges,
        trust_usd_label=args.trust_usd_label, encoding=args.encoding, provenance=described,
        replace_sample=args.replace_sample)
    args.output = output
    rejects_path = args.rejects or output.with_name(f"{output.stem}-rejects.csv")
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

    return benchmark.run(args.rows, args.browser, args.folder, repeats=args.repeats)


def load_test(args: argparse.Namespace) -> int:
    if args.browser:
        from paybench.tools import browser_load

        return browser_load.run(args.url, int(args.sessions.split(",")[0]), args.seconds)
    from paybench.tools import bench, load

    data = args.data
    if data is None and args.rows:
        data = bench.prepare_data(args.rows, args.folder or bench.default_folder())
    return load.run([int(n) for n in args.sessions.split(",")], args.changes,
                    [int(n) for n in args.replicas.split(",")], data, args.page, args.think,
                    args.ramp, args.url)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m paybench", description=__doc__)
    verbs = root.add_subparsers(dest="verb", required=True)

    build = verbs.add_parser("build-sample", help="write the calibrated sample dataset")
    build.add_argument("--rows", type=int, default=sample.SAMPLE_SIZE,
                       help="how many records to generate")
    build.add_argument("--seed", type=int, default=sample.SEED,
                       help="the random seed (the default makes the shipped file)")
    build.add_argument("--output", type=Path, default=SHIPPED_DATASET,
                       help="where to write the sample (default: the shipped data/salaries.parquet)")
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
    load.add_argument("file", type=Path, help="the CSV or Parquet file to import")
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
    load.add_argument("--name", required=True,
                      help="the dataset's name: lowercase letters, digits and dashes; the app "
                           "lists it under this name and links carry it (?dataset=NAME). An "
                           "import with the name of an existing dataset replaces it (earlier "
                           "versions are kept in data/versions/)")
    load.add_argument("--title", help="the name people read in the app (default: --name)")
    load.add_argument("--kind", choices=sorted(KINDS), default="imported",
                      help="imported: your organisation's records (default); public: published "
                           "records such as the aijobs.net file")
    load.add_argument("--source", help="where the records come from, with attribution")
    load.add_argument("--licence", default="", help="the records' licence, if any")
    load.add_argument("--method", default=None,
                      help="how the dataset was made (default: this command line)")
    load.add_argument("--output", type=Path, default=None,
                      help="write the dataset here instead of data/NAME.parquet")
    load.add_argument("--replace-sample", action="store_true",
                      help="allow the import to replace the shipped calibrated sample "
                           "(data/salaries.parquet); without it, that file is never written")
    load.add_argument("--rejects", type=Path, default=None,
                      help="where to write the rejected rows as CSV, one line per reason with "
                           "row number, column and value (only written when rows are rejected; "
                           "default: beside the dataset, NAME-rejects.csv)")
    load.set_defaults(handler=import_data)

    timing = verbs.add_parser("bench", help="time every page query in DuckDB against pandas "
                                            "and polars, and what a browser waits for",
                              description="Generate N records and time every query the pages "
                                          "run, DuckDB against competent pandas, polars and "
                                          "polars lazy, the page reruns and, with --browser, "
                                          "the first chart and filter changes in chromium.")
    timing.add_argument("--rows", type=int, default=1_000_000,
                        help="how many records to generate and time the queries on "
                             "(default: 1,000,000; the README's figures use 10,000,000)")
    timing.add_argument("--browser", action="store_true",
                        help="also time the first chart in Debian's chromium")
    timing.add_argument("--folder", type=Path, default=None,
                        help="where to keep the generated data (reused when present)")
    timing.add_argument("--repeats", type=int, default=7,
                        help="timed rounds per query after the warm-up (default: 7)")
    timing.set_defaults(handler=bench)

    crowd = verbs.add_parser(
        "load", help="many sessions changing filters at once, over the websocket as browsers do",
        description="Sessions that open a page and change filters, each speaking to the server "
                    "as a browser tab does, from one process; p50 and p95 from a change to the "
                    "run finished, the servers' CPU per change and memory per session. With "
                    "--replicas 2, two servers behind HAProxy. With --browser, real chromium "
                    "sessions instead (a smoke test of the whole path).")
    crowd.add_argument("--sessions", default="10",
                       help="how many sessions at once; a comma list runs each in turn "
                            "(default: 10; the README uses 10,50,100)")
    crowd.add_argument("--changes", type=int, default=10,
                       help="filter changes per session, each a state not asked for before "
                            "(default: 10)")
    crowd.add_argument("--think", type=float, default=2.0,
                       help="seconds a session waits before each change, on average "
                            "(default: 2)")
    crowd.add_argument("--ramp", type=float, default=5.0,
                       help="seconds over which the sessions open (default: 5)")
    crowd.add_argument("--replicas", default="1",
                       help="servers on the same data: 1 (connected directly) or more behind "
                            "HAProxy with sticky sessions; a comma list runs each in turn")
    crowd.add_argument("--page", default="", help="the page's URL path (default: the Overview)")
    crowd.add_argument("--rows", type=int, default=None,
                       help="generate this many records as the benchmark does (kept in "
                            "--folder) and serve them")
    crowd.add_argument("--data", type=Path, default=None, help="serve this dataset file")
    crowd.add_argument("--folder", type=Path, default=None,
                       help="where --rows keeps the generated data")
    crowd.add_argument("--url", default=None,
                       help="a running dashboard instead of servers started here (no CPU or "
                            "memory figures then)")
    crowd.add_argument("--browser", action="store_true",
                       help="real chromium sessions (the first --sessions number) instead")
    crowd.add_argument("--seconds", type=float, default=60,
                       help="with --browser: how long each session keeps changing the filter")
    crowd.set_defaults(handler=load_test)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
