#!/usr/bin/env bash
# Retrains the bundled models (data/models/) from UD English EWT, reproducibly:
# the same treebank and this script give byte-identical model files.
#   scripts/train-models.sh [UD_EWT_DIR]     (default ../shared/data/ud-english-ewt)
set -euo pipefail
cd "$(dirname "$0")/.."
EWT="${1:-../shared/data/ud-english-ewt}"
[ -f "$EWT/en_ewt-ud-train.conllu" ] || { echo "train-models: no $EWT/en_ewt-ud-train.conllu" >&2; exit 2; }
scripts/install-deps.sh
scripts/build.sh
ENTENTE="${ENTENTE_BUILD_DIR:-build}/tools/entente/entente"
"$ENTENTE" train tagger --train "$EWT/en_ewt-ud-train.conllu" --dev "$EWT/en_ewt-ud-dev.conllu" \
  --iterations 12 -o data/models/en_ewt-tagger.bin
"$ENTENTE" train parser --train "$EWT/en_ewt-ud-train.conllu" --dev "$EWT/en_ewt-ud-dev.conllu" \
  --tagger data/models/en_ewt-tagger.bin --jackknife 4 --iterations 12 -o data/models/en_ewt-parser.bin
