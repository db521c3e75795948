"""Where a dataset comes from: its name (what a link carries), title, kind, source, licence,
the method or command that made it, and when. A dataset file carries its provenance in its
Parquet footer (key paybench_provenance), beside the summary of its records, so a file
describes itself wherever it is copied."""

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow.parquet as pq

FOOTER_KEY = b"paybench_provenance"
KIND_SAMPLE = "calibrated sample"  # generated to match published figures: not real people's pay
KIND_PUBLIC = "real public records"  # people's reported pay, published (e.g. under CC0)
KIND_IMPORTED = "imported records"  # an organisation's own records, imported by a user
KIND_UNKNOWN = "unknown"  # a file this app did not write
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


@dataclass(frozen=True)
class Provenance:
    name: str
    title: str
    kind: str
    source: str = ""
    licence: str = ""
    method: str = ""
    made_on: str = ""  # ISO date the file was made; empty for the deterministic sample

    @property
    def is_real(self) -> bool:
        """Records of real people's pay (privacy rules apply), as opposed to the sample."""
        return self.kind != KIND_SAMPLE

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Provenance":
        fields = json.loads(text)
        return cls(**{key: str(value) for key, value in fields.items()
                      if key in cls.__dataclass_fields__})


def is_dataset_name(text: str) -> bool:
    """A name a dataset may have (and a link may carry): lowercase letters, digits and dashes."""
    return NAME_PATTERN.fullmatch(text) is not None


def unnamed(path: Path) -> Provenance:
    """What is known of a file that carries no provenance: only its name."""
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(path).stem.lower()).strip("-") or "dataset"
    return Provenance(name=stem[:40], title=Path(path).name, kind=KIND_UNKNOWN)


def read(path: Path) -> Provenance:
    """The provenance in a dataset file's footer, or what its name says when it has none."""
    metadata = pq.read_metadata(path).metadata or {}
    text = metadata.get(FOOTER_KEY)
    return Provenance.from_json(text.decode()) if text else unnamed(path)
