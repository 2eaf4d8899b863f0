#!/usr/bin/env bash
# The main job on the embedded default policy: builds what is needed, then
# scans and redacts a sample prompt through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build.sh

sample=examples/sample-prompt.txt
cli=js-wrapper/bin/llm-airlock.js
printf '\n\033[1m== findings in %s\033[0m\n' "$sample"
node "$cli" scan --exit-zero "$sample"
printf '\n\033[1m== what would be sent\033[0m\n'
node "$cli" redact "$sample"
