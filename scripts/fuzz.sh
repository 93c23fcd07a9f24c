#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan + UBSan + libFuzzer) in
# build-fuzz and runs each one for a bounded time on a scratch COPY of its
# committed seed corpus (fuzz/corpus/<name>/; the committed corpus never
# grows), then replays every input under fuzz/regressions/<name>/.
# Fails (non-zero) on any crash, leak, timeout, OOM or sanitizer report and
# prints the path of the reproducer.  See doc/robustness.md.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET=60] [NAME ...]
#   NAME: reader conllu dictionary model_io tagger_model parser_model
#         edge_list cameo event_json store_ingest (default: all)
# Environment: ENTENTE_FUZZ_BUILD_DIR (build directory, default build-fuzz;
#   relative to the source tree; ENTENTE_FUZZ_DIR is the older name and is
#   still honoured), ENTENTE_JOBS (build, default 2),
#   ENTENTE_FUZZ_KEEP=1 keeps the grown scratch corpora (their path is printed);
#   ENTENTE_FUZZ_CONTINUE=1 keeps fuzzing after a finding (libFuzzer -fork=1
#   -ignore_crashes...; for long exploratory runs: every finding is saved,
#   the script still fails at the end).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECS="${1:-60}"
shift || true
BUILD="${ENTENTE_FUZZ_BUILD_DIR:-${ENTENTE_FUZZ_DIR:-$ROOT/build-fuzz}}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
JOBS="${ENTENTE_JOBS:-2}"

# name max_len: the largest input each target is given (its seeds fit).
TARGETS="
reader 16384
conllu 16384
dictionary 16384
model_io 8192
tagger_model 24576
parser_model 16384
edge_list 4096
cameo 65536
event_json 4096
store_ingest 8192
"
selected=("$@")

start=$(date +%s)
scripts/install-deps.sh || exit 1

# The libraries get -fsanitize=fuzzer-no-link (coverage, no main) on top of
# ENTENTE_SANITIZE's address,undefined; fuzz/CMakeLists.txt adds
# -fsanitize=fuzzer to the targets.  -O1 without NDEBUG keeps assert()s.
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -fno-sanitize-recover=all" \
  -DENTENTE_FUZZ=ON -DENTENTE_SANITIZE=ON -DENTENTE_BUILD_TESTS=OFF -DENTENTE_BUILD_BENCH=OFF \
  >"$BUILD.configure.log" 2>&1 || { tail -30 "$BUILD.configure.log"; exit 1; }
if ! ninja -C "$BUILD" -j "$JOBS" fuzzers >"$BUILD/build.log" 2>&1; then
  echo "fuzz: BUILD FAILED" >&2
  grep -E '^FAILED:|error:' "$BUILD/build.log" | head -40 >&2
  exit 1
fi
built=$(date +%s)
echo "fuzz: built the fuzzers in $((built - start)) s"

sym=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$sym" ] && export ASAN_SYMBOLIZER_PATH="$sym"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/entente-fuzz.XXXXXX")
[ "${ENTENTE_FUZZ_KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT
artifacts="$BUILD/artifacts"
mkdir -p "$artifacts"
failed=()

while read -r name maxlen; do
  [ -n "$name" ] || continue
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then continue; fi
  bin="$BUILD/fuzz/${name}_fuzzer"
  work="$scratch/$name"
  mkdir -p "$work" "$artifacts/$name"
  cp -r "fuzz/corpus/$name/." "$work/"
  extra=()
  [ "${ENTENTE_FUZZ_CONTINUE:-0}" = 1 ] &&
    extra=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  dict=()
  [ -f "fuzz/dict/$name.dict" ] && dict=(-dict="fuzz/dict/$name.dict")
  log="$artifacts/$name/fuzz.log"
  rm -f "$artifacts/$name"/crash-* "$artifacts/$name"/leak-* "$artifacts/$name"/timeout-* \
        "$artifacts/$name"/oom-* "$artifacts/$name"/slow-unit-*
  t0=$(date +%s)
  timeout -k 10 $((SECS + 120)) "$bin" "$work" "${dict[@]}" "${extra[@]}" -max_total_time="$SECS" -max_len="$maxlen" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$name/" \
    >"$log" 2>&1
  rc=$?
  t1=$(date +%s)
  last=$(grep -E '^#[0-9]+:?[[:space:]].*cov: [0-9]+' "$log" | tail -1)
  stats=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9/]+[a-zA-Z]*' <<<"$last" || true)
  execs=$(grep -oE '^#[0-9]+' <<<"$last" | tr -d '#' || true)
  repro=$(ls "$artifacts/$name"/{crash,leak,timeout,oom}-* 2>/dev/null | head -1 || true)
  nrepro=$(ls "$artifacts/$name"/{crash,leak,timeout,oom}-* 2>/dev/null | wc -l)
  if [ "$rc" -ne 0 ] || [ -n "$repro" ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    echo "fuzz: $name FAILED (exit $rc) after $((t1 - t0)) s; reproducer: ${repro:-none} ($nrepro saved); log: $log" >&2
    grep -E 'property violated|ERROR|runtime error|SUMMARY|^    #[0-9]+ .* in [^_]' "$log" | grep -v -E ' in (fuzzer::|__sanitizer|__libc|_start|main |raise|abort|__pthread)' | head -25 >&2
    echo "      replay: $bin ${repro:-<input>}" >&2
    failed+=("$name")
  else
    echo "fuzz: $name ok: $((t1 - t0)) s, $execs runs, $stats"
  fi
  # Replays every regression input of this target (each run once).
  if [ -d "fuzz/regressions/$name" ] && compgen -G "fuzz/regressions/$name/*" >/dev/null; then
    if ! "$bin" -runs=1 "fuzz/regressions/$name"/* >"$artifacts/$name/regressions.log" 2>&1; then
      echo "fuzz: $name REGRESSION FAILED; log: $artifacts/$name/regressions.log" >&2
      grep -E 'Running:|ERROR|runtime error|SUMMARY' "$artifacts/$name/regressions.log" | head -20 >&2
      failed+=("$name(regressions)")
    else
      echo "fuzz: $name regressions ok ($(ls "fuzz/regressions/$name" | wc -l) inputs)"
    fi
  fi
done <<<"$TARGETS"

[ "${ENTENTE_FUZZ_KEEP:-0}" = 1 ] && echo "fuzz: grown corpora kept in $scratch"
end=$(date +%s)
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} ($((end - start)) s wall)" >&2
  exit 1
fi
echo "fuzz: all targets clean ($((end - start)) s wall)"
