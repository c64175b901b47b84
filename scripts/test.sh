#!/usr/bin/env bash
# The one test command (README, CI): type-check everything, then every test file through Node's
# test runner. Node 20 does not expand globs itself, so bash does (globstar).
set -euo pipefail
shopt -s globstar nullglob
cd "$(dirname "$0")/.."

echo "== typecheck"
npx --no-install tsc -p tsconfig.json

echo "== tests"
files=(app/**/*.test.ts native/**/*.test.ts main/**/*.test.ts renderer/**/*.test.ts)
node --import tsx --test --test-concurrency=2 --test-timeout=120000 "${files[@]}"
