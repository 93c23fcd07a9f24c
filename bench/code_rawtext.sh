#!/usr/bin/env bash
# Raw text to events on one core with the production dictionaries: the
# gigaword-sample sentences (../shared, not shipped) and the seed article,
# repeated to at least 40,000 sentences, coded by `entente code --threads 1`.
# Prints sentences/s by CPU time (user+sys, steady on a loaded machine) and
# by wall clock, the dictionary/model load time and the peak resident size,
# the CPU-time rate without issue coding (--no-issues), and the rate and
# event count with the models alone (--models-only).
#   bench/code_rawtext.sh [BUILD_DIR] [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
SHARED="${2:-../shared}"
E="$BUILD/tools/entente/entente"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
GW="$SHARED/data/validation/gigaword-sample/GigaWord.sample.PETR.xml"
[ -f "$GW" ] || { echo "code_rawtext: needs $GW" >&2; exit 2; }
# One document per gigaword record plus the seed, as JSONL, repeated.
"$E" parse --no-parse --format json "$GW" examples/nato-asia-pacific.txt 2>/dev/null |
  python3 -c '
import sys, json
docs = [json.loads(l) for l in sys.stdin]
sents = sum(len(d["sentences"]) for d in docs)
reps = -(-40000 // sents)
with open(sys.argv[1], "w") as out:
    for r in range(reps):
        for d in docs:
            text = " ".join(s["text"] for s in d["sentences"])
            out.write(json.dumps({"id": "%s-%d" % (d["id"], r), "date": d.get("date", "2008-08-04"), "text": text}) + "\n")
print(reps * sents, file=sys.stderr)
' "$TMP/in.jsonl" 2>"$TMP/n"
N=$(cat "$TMP/n")
/usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$E" code -q --threads 1 -o "$TMP/out.jsonl" "$TMP/in.jsonl"
# The same without issue coding (--no-issues), to show what it costs.
/usr/bin/time -f "%e %U %S %M" -o "$TMP/time_noiss" "$E" code -q --threads 1 --no-issues -o /dev/null "$TMP/in.jsonl"
# The same with the models alone (--models-only: no newswire rules), to show what they cost.
/usr/bin/time -f "%e %U %S %M" -o "$TMP/time_models" "$E" code -q --threads 1 --models-only -o "$TMP/out_models.jsonl" "$TMP/in.jsonl"
/usr/bin/time -f "%e %U %S %M" -o "$TMP/load" "$E" code -q --threads 1 -o /dev/null /dev/null 2>/dev/null || true
# The last line: /usr/bin/time puts "Command exited with non-zero status N" first when
# the command fails (the load run on an empty input exits 1: nothing to code).
read -r WALL USER SYS RSS < <(tail -n 1 "$TMP/time")
read -r LWALL LUSER LSYS LRSS < <(tail -n 1 "$TMP/load")
read -r NWALL NUSER NSYS NRSS < <(tail -n 1 "$TMP/time_noiss")
read -r MWALL MUSER MSYS MRSS < <(tail -n 1 "$TMP/time_models")
EVENTS=$(wc -l < "$TMP/out.jsonl")
MEVENTS=$(wc -l < "$TMP/out_models.jsonl")
python3 - "$N" "$WALL" "$USER" "$SYS" "$RSS" "$LWALL" "$LUSER" "$LSYS" "$EVENTS" "$NUSER" "$NSYS" "$MUSER" "$MSYS" "$MEVENTS" <<'PY'
import sys
n, wall, user, sys_, rss, lwall, luser, lsys, events, nuser, nsys, muser, msys, mevents = sys.argv[1:]
n = int(n); cpu = float(user) + float(sys_); lcpu = float(luser) + float(lsys)
print(f"machine: 2 cores, 24 GiB (shared); raw text -> events, one thread, production dictionaries")
print(f"sentences {n}, events {events}")
print(f"load (dictionaries, tables, models): {lcpu:.2f} s CPU, {float(lwall):.2f} s wall")
print(f"coding: {n / max(cpu - lcpu, 1e-9):,.0f} sentences/s by CPU time (load excluded); {n / float(wall):,.0f} sentences/s wall (load included)")
print(f"peak resident memory: {int(rss) / 1024:.0f} MiB")
ncpu = float(nuser) + float(nsys)
print(f"without issue coding (--no-issues): {n / max(ncpu - lcpu, 1e-9):,.0f} sentences/s by CPU time")
mcpu = float(muser) + float(msys)
print(f"models alone (--models-only, no newswire rules): {n / max(mcpu - lcpu, 1e-9):,.0f} sentences/s by CPU time, {mevents} events")
PY
