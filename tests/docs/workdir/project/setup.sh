#!/usr/bin/env bash
# A one-file script, as the docs' run_script examples upload and run it.
echo "setting up with: $*"
