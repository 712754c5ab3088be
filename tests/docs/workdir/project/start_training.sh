#!/usr/bin/env bash
# The seeds' training entry point, as the documentation's examples upload and run it.
set -euo pipefail
cd "$(dirname "$0")"
echo "training started on $(hostname)"
python3 train.py --epochs "${EPOCHS:-1}" | tee train.log
