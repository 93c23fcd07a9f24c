#!/usr/bin/env bash
# Regenerates the model seeds: fuzz/corpus/{tagger_model,parser_model,model_io}.
# Trains tiny taggers/parsers (1 iteration, 1 or 3 short UD EWT training
# sentences, CC BY-SA 4.0) with `entente train` of a Release build, and
# stores their payloads (tagger/parser fuzzers) or whole files (model_io).
#
# Usage: fuzz/tools/make_model_seeds.sh BUILD_DIR [SHARED_DIR]
# (ENTENTE overrides the entente binary.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:?usage: make_model_seeds.sh BUILD_DIR [SHARED_DIR]}"
shared="${2:-$root/../shared}"
entente="${ENTENTE:-$(cd "$build" && pwd)/tools/entente/entente}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/tagger_model" "$corpus/parser_model" "$corpus/model_io"

python3 - "$shared/data/ud-english-ewt/en_ewt-ud-train.conllu" "$tmp" <<'PY'
import sys
blocks = open(sys.argv[1], 'rb').read().split(b'\n\n')
def words(b): return sum(1 for l in b.split(b'\n') if l and not l.startswith(b'#'))
short = [b for b in blocks if 3 <= words(b) <= 6]
out = sys.argv[2]
open(out + '/train3.conllu', 'wb').write(b'\n\n'.join(short[:3]) + b'\n\n')
open(out + '/dev1.conllu', 'wb').write(short[3] + b'\n\n')
open(out + '/train1.conllu', 'wb').write(short[4] + b'\n\n')
open(out + '/train10.conllu', 'wb').write(b'\n\n'.join(short[5:15]) + b'\n\n')
PY
cd "$tmp"
for n in 1 3; do
  "$entente" train tagger --train train$n.conllu --dev dev1.conllu \
    -o tagger$n.bin --iterations 1 >/dev/null
  python3 "$here/model_payload.py" tagger$n.bin --payload "$corpus/tagger_model/tiny-$n-sentence.payload"
done
# The parser prunes small averaged weights: train to convergence on the
# sentences themselves (dev = train) so that some weights survive.
for n in 3 10; do
  "$entente" train parser --train train$n.conllu --dev train$n.conllu \
    -o parser$n.bin --iterations 3 >/dev/null
  python3 "$here/model_payload.py" parser$n.bin --payload "$corpus/parser_model/tiny-$n-sentence.payload"
done
# A prefix of the shipped model's payload: its header tables, then truncation.
if [ -f "$root/data/models/en_ewt-tagger.bin" ]; then
  python3 "$here/model_payload.py" "$root/data/models/en_ewt-tagger.bin" \
    --payload "$corpus/tagger_model/en_ewt-prefix-16k.payload" --max 16384
fi
# model_io: first byte is the mode (bit 0: fix the CRC, bit 1: expect tagger v2).
{ printf '\x00'; cat tagger1.bin; } >"$corpus/model_io/tagger-as-fuzz-kind.bin"
{ printf '\x03'; cat tagger1.bin; } >"$corpus/model_io/tagger-crc-fixed.bin"
{ printf '\x02'; head -c 200 parser3.bin; } >"$corpus/model_io/truncated.bin"
printf 'payload bytes' | python3 "$here/model_payload.py" --container fuzz.bin fuzz 1 a=b c=
{ printf '\x00'; cat fuzz.bin; } >"$corpus/model_io/fuzz-kind-meta.bin"
python3 - "$corpus/model_io/fuzz-kind-vectors.bin" "$here" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[2])
from model_payload import container
payload = struct.pack('<Q', 3) + struct.pack('<III', 1, 2, 3) + struct.pack('<I', 5) + b'hello' + struct.pack('<Q', 2**63)
open(sys.argv[1], 'wb').write(b'\x10' + container('fuzz', 1, [('k', 'v')], payload))
PY
ls -la "$corpus/tagger_model" "$corpus/parser_model" "$corpus/model_io"
