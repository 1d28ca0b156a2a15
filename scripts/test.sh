#!/usr/bin/env bash
# Runs every test of lede, after installing whatever is missing and
# building: native tests, the wasm in real browsers, and the built
# extension end to end in Chromium and Firefox ESR. Fails if any fails
# (all run, so one failure does not hide the others).
#
# Usage: scripts/test.sh

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_all
build_all

CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"

failed=()
step() { # name command...
  local name="$1"
  shift
  log "test: $name"
  if ! "$@"; then
    failed+=("$name")
  fi
}

step "cargo test" cargo test
# The browser parity test compares decisions on twenty blind-bank pages too:
# written here, from ../shared, never kept in the repository.
for bank in bank2 bank3; do
  cargo run --quiet --bin lede -- eval bank "tests/banks/$bank" --hosts ../shared/corpora/readability \
    --out "target/parity-banks/$bank" > /dev/null
done
# The parity test (tests/web.rs) compiles the native HTML adapter into the
# wasm build too: feature `parity`.
# wasm-bindgen's test runner picks its browser from whichever driver
# variable is set (GECKODRIVER first), whatever --chrome says: each run gets
# only its own driver, or both would run in Firefox.
step "wasm-pack test --chrome" env -u GECKODRIVER CHROMEDRIVER="$CHROMEDRIVER" \
  wasm-pack test --headless --chrome --mode no-install -- --features parity
step "wasm-pack test --firefox" env -u CHROMEDRIVER GECKODRIVER="$GECKODRIVER" \
  wasm-pack test --headless --firefox --mode no-install -- --features parity
step "e2e (node --test tests/e2e/)" node --test tests/e2e/

if [ "${#failed[@]}" -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "all tests passed"
