#!/usr/bin/env bash
# Sets lede up on this machine and runs it: installs whatever is missing
# (skipping what is present), builds the wasm, the extension and the
# playground, then
#   - with a display ($DISPLAY set): serves www/ and opens Chromium with the
#     extension loaded, on the playground and a demo page;
#   - without one: runs the CLI on a bundled demo page and prints the
#     cleaned text and what was hidden.
#
# Usage: scripts/setup.sh [DEMO]   (a file name in www/demo/, default harbour-ferry.html)

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO="${1:-harbour-ferry.html}"
[ -f "www/demo/$DEMO" ] || die "no demo page www/demo/$DEMO (have: $(cd www/demo && ls ./*.html | xargs -n1 basename | tr '\n' ' '))"

ensure_all
build_all
log "build: cargo build --release (the lede CLI)"
cargo build --release

if [ -n "${DISPLAY:-}" ]; then
  log "opening Chromium with lede on www/demo/$DEMO"
  node scripts/demo.mjs "$DEMO"
else
  log "no display: lede clean www/demo/$DEMO --format text"
  cargo run --quiet --release -- clean "www/demo/$DEMO" --format text
  log "what lede hid: lede clean www/demo/$DEMO --format json"
  cargo run --quiet --release -- clean "www/demo/$DEMO" --format json
fi
