# shellcheck shell=bash
# Shared steps of scripts/setup.sh and scripts/test.sh: install what is
# missing (each step skips what is present, so a second run is fast), then
# build. Sourced, not run. The facts behind each step are in
# ../shared/PLATFORM.md.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
cd "$REPO"

log() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Root runs apt-get itself; anyone else goes through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif have sudo; then sudo "$@"; else die "need root (or sudo) for: $*"; fi
}

require_toolchains() {
  have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs), then run this again"
  have rustup || die "rustup not found: the wasm32 target is added with rustup"
  have node || die "node not found: install Node.js 20 or newer, then run this again"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "node $(node --version) is too old: lede needs Node.js 20 or newer"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

# The wasm-bindgen version the crate is locked to. The CLI must equal it
# exactly, or wasm-pack tries to download one (PLATFORM.md).
wasm_bindgen_version() {
  [ -f Cargo.lock ] || cargo generate-lockfile
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have_version=""
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  if have wasm-bindgen; then have_version="$(wasm-bindgen --version | awk '{print $2}')"; fi
  if [ "$have_version" != "$want" ]; then
    log "cargo install wasm-bindgen-cli --version $want (found: ${have_version:-none})"
    # No --locked: its lock file pins a since-yanked dependency.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_cargo_tool() { # binary crate
  if ! have "$1"; then
    log "cargo install $2"
    cargo install "$2"
  fi
}

# Chromium, its driver and Firefox ESR from Debian (no geckodriver package
# there: cargo installs it above).
ensure_browsers() {
  local missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  have firefox-esr || missing+=(firefox-esr)
  if [ "${#missing[@]}" -gt 0 ]; then
    have apt-get || die "missing ${missing[*]} and no apt-get to install them"
    log "apt-get install ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
}

# npm ci when node_modules is missing or older than package-lock.json
# (npm writes node_modules/.package-lock.json on every install).
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund
  fi
}

ensure_all() {
  require_toolchains
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_cargo_tool wasm-pack wasm-pack
  ensure_cargo_tool geckodriver geckodriver
  ensure_browsers
  ensure_node_modules
}

# The wasm package, both extensions (dist/) and the playground's copy (www/pkg/).
build_all() {
  log "build: node extension/build.mjs"
  node extension/build.mjs
}
