"""The command line explains itself, and the README's commands work as written: the first two
run in a virtual environment (Debian's pip installs nothing outside one), and its import
examples are valid commands that never write the shipped datasets."""

import argparse
import re
import shlex

import pytest

from paybench import cli
from paybench.datasets import registry
from paybench.paths import SHIPPED_DATASET
from tests.helpers import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()
SHIPPED = {path.stem for path in registry.data_folder().glob("*.parquet")} | {"sample", "aijobs"}


def subcommands() -> dict[str, argparse.ArgumentParser]:
    root = cli.parser()
    verbs = next(action for action in root._actions
                 if isinstance(action, argparse._SubParsersAction))
    return dict(verbs.choices)


@pytest.mark.parametrize("verb", sorted(subcommands()))
def test_every_option_has_help(verb):
    parser = subcommands()[verb]
    missing = [action.dest for action in parser._actions
               if not isinstance(action, argparse._HelpAction) and not action.help]
    assert missing == []


def code_blocks(text: str) -> list[list[str]]:
    """The README's bash blocks, each as its lines (a trailing backslash joins lines)."""
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    return [block.replace("\\\n", " ").strip().splitlines() for block in blocks]


def test_the_first_two_commands_install_into_a_virtual_environment():
    start, tests = (block[0] for block in code_blocks(README)[:2])
    for command, requirements, then in ((start, "requirements.txt", "streamlit run dashboard.py"),
                                        (tests, "requirements-dev.txt", "python -m pytest")):
        steps = [step.strip() for step in command.split("&&")]
        assert steps == ["python3 -m venv .venv", ". .venv/bin/activate",
                         f"pip install -r {requirements}", then]


def import_examples() -> list[list[str]]:
    lines = [line for block in code_blocks(README) for line in block]
    return [shlex.split(line.split("  #")[0])[4:] for line in lines
            if line.startswith("python -m paybench import ")]


def test_the_import_examples_are_valid_and_never_write_the_shipped_datasets():
    examples = import_examples()
    assert len(examples) >= 3
    for arguments in examples:
        parsed = cli.parser().parse_args(["import", *arguments])  # exits on a bad command
        assert parsed.name not in SHIPPED, arguments
        assert parsed.output is None or parsed.output.resolve() != SHIPPED_DATASET.resolve()
        assert not parsed.replace_sample
