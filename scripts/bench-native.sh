#!/usr/bin/env bash
# Native benchmarks of lede, and a summary of their figures:
#
# 1. cargo bench --bench pipeline: synthetic pages (100 to 10,000
#    paragraphs; 1k, 10k and 100k DOM nodes, with time per node) and the
#    seed pages.
# 2. cargo bench --bench corpus: parse, analyse, extract and read over all of
#    Readability's test pages and the WCXB article pages, their largest
#    pages, and the whole `lede read --format html` path in-process on 1 and
#    2 threads (pages/s). Also writes the WCXB article pages decompressed to
#    target/tmp/bench-corpus/wcxb-articles/ for step 3.
# 3. hyperfine: the real CLI, one process per page, over each corpus with
#    xargs -P1 and -P2 (process start included in every page).
#
# Needs the shared corpora beside the repository (../shared/corpora) and
# installs hyperfine with apt-get if missing. Takes about 8 minutes on two
# cores. The whole run holds the lock /tmp/lede-cargo.lock (set
# LEDE_BENCH_LOCK to change it), so that other heavy jobs taking the same
# lock do not run at the same time. Outputs are kept in target/bench-native/.
#
# Usage: scripts/bench-native.sh

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOCK="${LEDE_BENCH_LOCK:-/tmp/lede-cargo.lock}"
if [ -z "${LEDE_BENCH_LOCKED:-}" ] && have flock; then
  log "waiting for the lock $LOCK"
  LEDE_BENCH_LOCKED=1 exec flock "$LOCK" bash "$REPO/scripts/bench-native.sh" "$@"
fi

CORPORA="$REPO/../shared/corpora"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
OUT="$TARGET/bench-native"
LEDE="$TARGET/release/lede"
WCXB_PLAIN="$TARGET/tmp/bench-corpus/wcxb-articles"
# Criterion's timing, short enough for the whole run to stay near 8 minutes;
# groups whose iterations are long take 10 samples of one iteration each.
CRITERION_ARGS=(--warm-up-time 1 --measurement-time 3)

have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs)"
[ -d "$CORPORA/readability" ] || [ -d "$CORPORA/wcxb-dev" ] ||
  die "no corpora in $CORPORA: check out the shared directory beside the repository"
if ! have hyperfine; then
  log "apt-get install -y hyperfine"
  as_root apt-get install -y hyperfine || { as_root apt-get update && as_root apt-get install -y hyperfine; }
fi
mkdir -p "$OUT"

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$(rustc --version), $(hyperfine --version)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- src Cargo.toml tests/bench || echo ' (src, Cargo.toml or tests/bench modified)')"
} | tee "$OUT/environment.txt"

log "cargo build --release"
cargo build --release

log "cargo bench --bench pipeline"
cargo bench --bench pipeline -- "${CRITERION_ARGS[@]}" | tee "$OUT/pipeline.txt"

log "cargo bench --bench corpus"
cargo bench --bench corpus -- "${CRITERION_ARGS[@]}" | tee "$OUT/corpus.txt"

# The CLI runs: one `lede read --format html FILE` per page, as a person
# or a script would call it; -P2 runs two at a time.
cli_runs() { # name list-file runs
  local name="$1" list="$2" runs="$3"
  log "hyperfine: $name, $(wc -l <"$list") pages, xargs -P1 and -P2"
  hyperfine --warmup 1 --runs "$runs" --export-csv "$OUT/cli-$name.csv" \
    -n "$name -P1" "xargs -a '$list' -P1 -n1 '$LEDE' read --format html >/dev/null" \
    -n "$name -P2" "xargs -a '$list' -P2 -n1 '$LEDE' read --format html >/dev/null"
}
if [ -d "$CORPORA/readability" ]; then
  # The corpus bench's pages: cases with both source.html and expected.html.
  for d in "$CORPORA"/readability/*/; do
    if [ -f "$d/source.html" ] && [ -f "$d/expected.html" ]; then echo "$(cd "$d" && pwd)/source.html"; fi
  done >"$OUT/readability.list"
  cli_runs readability "$OUT/readability.list" 10
fi
if [ -d "$WCXB_PLAIN" ]; then
  find "$WCXB_PLAIN" -name '*.html' | sort >"$OUT/wcxb-articles.list"
  cli_runs wcxb-articles "$OUT/wcxb-articles.list" 5
fi

# The synthetic pages must be the browser benchmark's (tests/bench/synthetic.mjs).
synth_check="not checked (no node or no tests/bench/synthetic.mjs)"
if have node && [ -f "$REPO/tests/bench/synthetic.mjs" ]; then
  cargo build --release --example synth 2>/dev/null
  synth_check="identical to tests/bench/synthetic.mjs"
  for n in 1000 10000 100000; do
    if ! cmp -s <("$TARGET/release/examples/synth" "$n") \
      <(node --input-type=module -e "import('$REPO/tests/bench/synthetic.mjs').then((m) => process.stdout.write(m.synthetic($n)))"); then
      synth_check="DIFFERENT from tests/bench/synthetic.mjs at $n nodes"
    fi
  done
fi

{
  echo
  echo "==================== lede native benchmarks: summary ===================="
  cat "$OUT/environment.txt"
  sed -n '/^== synthetic pages by DOM nodes/,$p' "$OUT/pipeline.txt"
  echo "synthetic pages: $synth_check"
  sed -n '/^== lede corpus benchmarks/,$p' "$OUT/corpus.txt"
  echo
  echo "real CLI, one process per page (\`xargs -PN -n1 lede read --format html FILE\`), hyperfine median:"
  for csv in "$OUT"/cli-*.csv; do
    [ -f "$csv" ] || continue
    name="$(basename "$csv" .csv)"
    pages="$(wc -l <"$OUT/${name#cli-}.list")"
    awk -F, -v pages="$pages" 'NR > 1 { printf "%-22s %8.2f s  %7.1f pages/s  (%d pages)\n", $1, $4, pages / $4, pages }' "$csv"
  done
} | tee "$OUT/summary.txt"
