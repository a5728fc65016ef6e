#!/usr/bin/env bash
# Usage: ./scripts/setup.sh   (or: pnpm run setup)
# Idempotent set-up of a fresh Debian machine for Mockroom: Debian packages (speech engines, Chromium,
# PostgreSQL for the tests), pnpm, node modules, livekit-server built from its Go module, the speech models (models/)
# and the web build.
set -euo pipefail
cd "$(dirname "$0")/.."

LIVEKIT_VERSION=v1.13.5
# API fuzzing in the security suite (tests/security/schemathesis.test.ts), from PyPI into a venv under .tools/.
SCHEMATHESIS_VERSION=4.32.5
# iproute2 and nftables: network namespaces, packet loss and blackouts for the impairment harness (docs/decisions/011).
# redis-server and haproxy: `pnpm start --cluster` and tests/cluster*.test.ts (LiveKit's multi-node store, the balancer).
APT_PACKAGES=(pocketsphinx pocketsphinx-en-us libpocketsphinx3 flite libflite1 espeak-ng libespeak-ng1 sox chromium postgresql python3-venv iproute2 nftables redis-server haproxy)

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "all present"
fi

step "pnpm"
if ! command -v pnpm >/dev/null 2>&1 || ! pnpm --version | grep -q '^10\.'; then
  # corepack cannot verify pnpm's signatures on this network; npm can install it.
  npm i -g pnpm@10
fi
pnpm --version

step "node modules"
# onnxruntime-node's install script downloads CUDA files; its CPU binaries ship in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install
fi

step "livekit-server ${LIVEKIT_VERSION}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/mockroom"
cached="$cache_dir/livekit-server-${LIVEKIT_VERSION}"
mkdir -p .tools
if [ -x .tools/livekit-server ] && .tools/livekit-server --version 2>/dev/null | grep -q "${LIVEKIT_VERSION#v}"; then
  echo "present: .tools/livekit-server"
elif [ -x "$cached" ]; then
  cp "$cached" .tools/livekit-server
  echo "reused the cached build: $cached"
elif command -v livekit-server >/dev/null 2>&1; then
  echo "using livekit-server on PATH: $(command -v livekit-server) ($(livekit-server --version))"
else
  command -v go >/dev/null 2>&1 || { echo "Go is required to build livekit-server (https://go.dev/doc/install), then re-run this script" >&2; exit 1; }
  echo "building github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION} (a few minutes on 2 cores; each package is listed as it compiles)"
  tmp_bin=$(mktemp -d)
  # GOTOOLCHAIN=auto fetches the Go release the module asks for (1.26) when the local one is older.
  GOTOOLCHAIN=auto GOFLAGS=-buildvcs=false GOBIN="$tmp_bin" go install -v "github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}"
  mv "$tmp_bin/server" .tools/livekit-server
  mkdir -p "$cache_dir" && cp .tools/livekit-server "$cached"
fi

step "schemathesis ${SCHEMATHESIS_VERSION}"
if [ -x .tools/schemathesis/bin/st ] && .tools/schemathesis/bin/st --version 2>/dev/null | grep -q " ${SCHEMATHESIS_VERSION}$"; then
  echo "present: .tools/schemathesis"
else
  python3 -m venv .tools/schemathesis
  .tools/schemathesis/bin/pip install --quiet --disable-pip-version-check "schemathesis==${SCHEMATHESIS_VERSION}"
  .tools/schemathesis/bin/st --version
fi

step "speech models"
# Moonshine, the Piper voice and Smart Turn come out of pinned PyPI wheels, checked against scripts/models.sha256.
./scripts/fetch-models.sh

step "web app build"
pnpm --filter @mockroom/web run --if-present build

step "done"
echo "Start the stack with: pnpm start"
