#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer + UndefinedBehaviorSanitizer
# (g++, RelWithDebInfo, -DENTENTE_SANITIZE=ON) in build-asan and runs the whole
# ctest suite under it.  Fails (non-zero) when the build fails, a test fails, or
# any sanitizer report (error, UB, leak) was written, even one from a process
# whose exit status was ignored: reports go to $BUILD/sanitizer-logs/ and are
# printed at the end.
#
# Environment: ENTENTE_ASAN_DIR (default build-asan), ENTENTE_JOBS (default 2),
# ENTENTE_CTEST_ARGS (extra ctest arguments, e.g. "-R ingest").
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD="${ENTENTE_ASAN_DIR:-$ROOT/build-asan}"
JOBS="${ENTENTE_JOBS:-2}"
start=$(date +%s)

scripts/install-deps.sh || exit 1

# -fno-sanitize-recover makes UBSan abort at the first report (as ASan does).
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DENTENTE_SANITIZE=ON -DENTENTE_BUILD_TESTS=ON -DENTENTE_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fno-sanitize-recover=all" >/dev/null || exit 1

build_rc=0
# -k 0: build everything that can be built, so one broken file does not hide
# the sanitizer results of every other test.
ninja -C "$BUILD" -j "$JOBS" -k 0 >"$BUILD/build.log" 2>&1 || build_rc=$?
if [ "$build_rc" -ne 0 ]; then
  echo "sanitize: BUILD FAILED (exit $build_rc); the failing commands:" >&2
  grep -E '^FAILED:|error:' "$BUILD/build.log" | head -40 >&2
  echo "sanitize: running the tests that did build" >&2
fi

logs="$BUILD/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:detect_invalid_pointer_pairs=0:log_path=$logs/asan"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
export LSAN_OPTIONS="log_path=$logs/lsan"

test_rc=0
# shellcheck disable=SC2086
ctest --test-dir "$BUILD" --output-on-failure -j 1 -E '_NOT_BUILT' ${ENTENTE_CTEST_ARGS:-} \
  >"$BUILD/ctest.log" 2>&1 || test_rc=$?
tail -n 25 "$BUILD/ctest.log"

report_rc=0
if compgen -G "$logs/*" >/dev/null; then
  report_rc=1
  echo "sanitize: SANITIZER REPORTS:" >&2
  for f in "$logs"/*; do
    echo "==== $f" >&2
    head -n 80 "$f" >&2
  done
fi

end=$(date +%s)
echo "sanitize: build exit $build_rc, ctest exit $test_rc, sanitizer reports: $([ $report_rc -eq 0 ] && echo none || echo YES); $((end - start)) s wall" >&2
[ "$build_rc" -eq 0 ] && [ "$test_rc" -eq 0 ] && [ "$report_rc" -eq 0 ]
