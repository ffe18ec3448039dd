"""docs/operations.md: the commands it tells an operator to run exist, its figures match deploy/."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from schemas import topics
from schemas.events import ReasonCode

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "operations.md"


def code_lines() -> list[str]:
    return [line.strip() for line in GUIDE.read_text().splitlines() if line.startswith("    ")]


def himflow_invocations() -> list[list[str]]:
    """argv after `... -- himflow` (kubectl exec) and `compose run --rm SERVICE` in code blocks."""
    out = []
    for line in code_lines():
        line = line.split("#", 1)[0].strip()
        if " -- himflow " in line:
            out.append(shlex.split(line.split(" -- himflow ", 1)[1]))
        match = re.search(r"compose -f \S+ run --rm (\S+)(.*)$", line)
        if match and match.group(2).strip():
            out.append(shlex.split(match.group(2)))
    return out


def test_the_guide_names_commands():
    assert len(himflow_invocations()) >= 4


@pytest.mark.parametrize("argv", himflow_invocations(), ids=" ".join)
def test_every_himflow_command_in_the_guide_is_accepted_by_the_cli(argv):
    from himflow.cli import build_parser

    args = build_parser().parse_args(argv)
    if getattr(args, "reason", None):
        assert args.reason in {r.value for r in ReasonCode}


def test_compose_services_the_guide_runs_exist():
    services = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())["services"]
    for line in code_lines():
        match = re.search(r"compose -f \S+ run --rm (\S+)", line)
        if match:
            assert match.group(1) in services


def test_the_guide_names_every_topic_and_consumer_group():
    text = GUIDE.read_text()
    assert topics.OBJECT_CREATED in text and topics.DEAD_LETTER in text
    for group in (topics.GROUP_INTAKE, topics.GROUP_OCR, topics.GROUP_TRANSCRIPTION, topics.GROUP_INDEXING):
        assert group in text
