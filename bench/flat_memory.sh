#!/usr/bin/env bash
# Flat memory on a corpus far larger than RAM (issue 5, "bounded resources").
#
# A generator writes JSONL news documents to a PIPE (never to disk): the text
# of examples/nato-asia-pacific.txt and, when ../shared is present, of the
# gigaword-sample sentences, mixed into documents of 0.3-8 KB with distinct
# ids and dates (1990-2025).  Each stage reads that stream from stdin while
# the script samples the reader's VmRSS from /proc/PID/status every few
# seconds; /usr/bin/time -f %M gives its peak resident size.
#
#   1. read    ingest_cat --stats --format jsonl -   (DocumentReader on every
#              byte: the cheapest stage; `entente parse --no-parse` would also
#              tokenise and tag) over GB gigabytes
#   2. code    entente code --input-format jsonl -t THREADS -   for
#              CODE_SECONDS seconds of generated input; the events go to stdout,
#              into a pipe that counts them (no events file on disk)
#   3. code --db  the same with --db (the SQLite store grows on disk, in the
#              scratch folder; it is deleted at the end) for DB_SECONDS seconds
#
# Prints one table: bytes read, documents, wall, peak RSS, and the sampled
# RSS at 10%, 50% and 100% of the run (the sample nearest to that share of
# the wall time; 100% = the last sample before exit).
#
#   bench/flat_memory.sh [BUILD_DIR=build-stream] [GB=30] [CODE_SECONDS=300] [DB_SECONDS=300]
# Environment: ENTENTE_SHARED_DIR (default ../shared), THREADS (default 1),
#   SAMPLE_SECONDS (default 5), STAGES (default "read code db"),
#   TMPDIR (scratch: the store of stage 3, about 0.3 KiB per event).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build-stream}"
GB="${2:-30}"
CODE_SECONDS="${3:-300}"
DB_SECONDS="${4:-300}"
SHARED="${ENTENTE_SHARED_DIR:-../shared}"
THREADS="${THREADS:-1}"
EVERY="${SAMPLE_SECONDS:-5}"
STAGES="${STAGES:-read code db}"
CAT="$BUILD/src/ingest/ingest_cat"
E="$BUILD/tools/entente/entente"
for b in "$CAT" "$E"; do
  [ -x "$b" ] || { echo "flat_memory: $b missing (ninja -C $BUILD entente ingest_cat)" >&2; exit 2; }
done
TMP="$(mktemp -d "${TMPDIR:-/tmp}/entente-flat.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# The generator: JSONL documents on stdout until --bytes or --seconds is
# reached; "documents N bytes B seconds S" on stderr.  A closed pipe ends it.
cat >"$TMP/gen.py" <<'PY'
import json, os, random, sys, time

def main():
    args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    limit = int(float(args.get("--bytes", "0")))
    seconds = float(args.get("--seconds", "0"))
    chunk = int(args.get("--chunk", str(1 << 20)))
    paras = []
    with open(args["--nato"], encoding="utf-8") as f:
        paras += [p.strip().replace("\n", " ") for p in f.read().split("\n\n") if p.strip()]
    gw = args.get("--gigaword", "")
    if gw and os.path.exists(gw):
        with open(gw, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text", "")
                if t:
                    paras.append(t.strip())
    rng = random.Random(20261129)
    # 2048 distinct bodies of 1-24 paragraphs, JSON-escaped once.
    bodies = []
    for _ in range(2048):
        k = rng.randint(1, 24)
        text = "\n\n".join(rng.choice(paras) for _ in range(k))
        bodies.append(json.dumps(text, ensure_ascii=False).encode("utf-8"))
    sources = [b"Example Wire", b"Agence Exemple", b"Seoul Daily", b"Pacific Herald"]
    # 13,149 days: 1990-01-01 .. 2025-12-31
    import datetime
    d0 = datetime.date(1990, 1, 1)
    dates = [(d0 + datetime.timedelta(days=i)).isoformat().encode() for i in range(13149)]
    out = sys.stdout.buffer
    n = written = 0
    t0 = time.monotonic()
    parts = []
    size = 0
    try:
        while True:
            i = n
            doc = b'{"id":"fm-%d","date":"%s","source":"%s","title":"Generated %d","text":%s}\n' % (
                i, dates[(i * 7) % 13149], sources[i & 3], i, bodies[(i * 7919) % 2048])
            if limit and written + size + len(doc) > limit:
                break
            parts.append(doc)
            size += len(doc)
            n += 1
            if size >= chunk:
                out.write(b"".join(parts))
                written += size
                parts, size = [], 0
                if seconds and time.monotonic() - t0 >= seconds:
                    break
        if parts:
            out.write(b"".join(parts))
            written += size
        out.flush()
    except BrokenPipeError:
        pass
    print("documents %d bytes %d seconds %.1f" % (n, written, time.monotonic() - t0), file=sys.stderr)
    try:
        sys.stdout = None
        os.close(1)
    except OSError:
        pass

main()
PY
GEN=(python3 "$TMP/gen.py" --nato examples/nato-asia-pacific.txt
     --gigaword "$SHARED/data/validation/gigaword-sample/gigaword.normalized.jsonl")

# run NAME SAMPLES_FILE -- GENERATOR ARGS... -- CONSUMER ARGS...
# Starts GENERATOR | /usr/bin/time CONSUMER in the background, samples the
# consumer's VmRSS every $EVERY s until it exits, then records its figures.
run() {
  local name="$1"
  shift
  local gen=() cons=()
  while [ "$1" != "--" ]; do gen+=("$1"); shift; done
  shift
  cons=("$@")
  local s="$TMP/$name"
  # stdout (events) goes through a FIFO to a counter, never to a file.
  mkfifo "$s.fifo"
  wc -l <"$s.fifo" >"$s.count" &
  local wpid=$!
  "${gen[@]}" 2>"$s.gen" | /usr/bin/time -f "%e %M" -o "$s.time" "${cons[@]}" 2>"$s.err" >"$s.fifo" &
  local tpid=$! cpid=""
  for _ in $(seq 200); do
    cpid=$(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null | awk '{print $1}') || true
    [ -n "$cpid" ] && break
    sleep 0.05
  done
  local t0 now rss
  t0=$(date +%s.%N)
  : >"$s.samples"
  while [ -n "$cpid" ] && [ -r "/proc/$cpid/status" ]; do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$cpid/status" 2>/dev/null || true)
    now=$(date +%s.%N)
    [ -n "$rss" ] && awk -v a="$now" -v b="$t0" -v r="$rss" 'BEGIN {printf "%.1f %s\n", a - b, r}' >>"$s.samples"
    sleep "$EVERY"
  done
  wait "$tpid" || { echo "flat_memory: $name failed:" >&2; tail -5 "$s.err" >&2; }
  wait "$wpid" || true
}

date -u +"flat_memory: started %Y-%m-%dT%H:%M:%SZ"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for stage in $STAGES; do
  case "$stage" in
    read)
      echo "stage read: $GB GB -> ingest_cat --stats --format jsonl -"
      run read "${GEN[@]}" --bytes "${GB}e9" -- "$CAT" --stats --format jsonl - ;;
    code)
      echo "stage code: $CODE_SECONDS s -> entente code -t $THREADS"
      run code "${GEN[@]}" --seconds "$CODE_SECONDS" --chunk 65536 -- \
        "$E" code --input-format jsonl -t "$THREADS" - ;;
    db)
      echo "stage db: $DB_SECONDS s -> entente code -t $THREADS --db"
      run db "${GEN[@]}" --seconds "$DB_SECONDS" --chunk 65536 -- \
        "$E" code --input-format jsonl -t "$THREADS" --db "$TMP/store.db" -
      du -k "$TMP"/store.db* 2>/dev/null | awk '{s += $1} END {printf "%d\n", s}' >"$TMP/db.size" ;;
    *) echo "flat_memory: unknown stage $stage" >&2; exit 2 ;;
  esac
done
for f in "$TMP"/*.err; do
  echo "--- $(basename "$f" .err): consumer stderr (last lines)"
  tail -4 "$f"
done

python3 - "$TMP" $STAGES <<'PY'
import os, re, sys
tmp, stages = sys.argv[1], sys.argv[2:]
def at(samples, share):
    if not samples:
        return None
    t_end = samples[-1][0]
    return min(samples, key=lambda s: abs(s[0] - share * t_end))[1]
print()
print("| stage | bytes read | documents | wall s | peak RSS MiB | RSS 10% | RSS 50% | RSS 100% | samples (min-max MiB) | extra |")
print("|---|---|---|---|---|---|---|---|---|---|")
series = []
for st in stages:
    p = os.path.join(tmp, st)
    gen = open(p + ".gen").read()
    m = re.search(r"documents (\d+) bytes (\d+)", gen)
    docs, nbytes = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    try:
        wall, peak = open(p + ".time").read().split()[-2:]
    except Exception:
        wall, peak = "?", "0"
    samples = [tuple(map(float, l.split())) for l in open(p + ".samples") if l.strip()]
    err = open(p + ".err").read()
    extra = ""
    m = re.search(r"documents (\d+) skipped (\d+).*?bytes_read (\d+)", err)
    if m:  # ingest_cat's own count
        docs_read, nbytes = int(m.group(1)), int(m.group(3))
        extra = "reader: %d documents, %d skipped" % (docs_read, int(m.group(2)))
        docs = docs_read
    m = re.search(r"(\d+) documents, (\d+) sentences, (\d+) events", err)
    if st in ("code", "db") and m:
        docs = int(m.group(1))
        extra = "%s sentences, %s events (%s lines out)" % (
            format(int(m.group(2)), ","), format(int(m.group(3)), ","),
            format(int((open(p + ".count").read().strip() or "0")), ","))
    if st == "db" and os.path.exists(os.path.join(tmp, "db.size")):
        extra += ", store %.1f MiB" % (int(open(os.path.join(tmp, "db.size")).read() or 0) / 1024)
    f = lambda kib: "-" if kib is None else "%.1f" % (kib / 1024)
    rng = "%s-%s" % (f(min(s[1] for s in samples)), f(max(s[1] for s in samples))) if samples else "-"
    print("| %s | %s (%.2f GB) | %s | %s | %s | %s | %s | %s | %d (%s) | %s |" % (
        st, format(nbytes, ","), nbytes / 1e9, format(docs, ","), wall, f(int(peak)),
        f(at(samples, 0.1)), f(at(samples, 0.5)), f(at(samples, 1.0)), len(samples), rng, extra))
    series.append("%s: %s" % (st, " ".join(f(at(samples, k / 10)) for k in range(11))))
print()
print("RSS (MiB) at 0%, 10%, ..., 100% of each run:")
for line in series:
    print("  " + line)
PY
