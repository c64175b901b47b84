#!/usr/bin/env bash
# The one test command (README, CI): type-check everything, lint and format-check it, build the app, run every unit and
# integration test through Node's test runner, then the end-to-end tests in Chromium (and Electron
# where it exists). Node 20 does not expand globs itself, so bash does (globstar).
# The last line is "N passed, N failed" over both runners.
set -uo pipefail
shopt -s globstar nullglob
cd "$(dirname "$0")/.."

echo "== typecheck (TypeScript 7, the native compiler)"
node node_modules/typescript-native/bin/tsc -p tsconfig.json || exit 1

echo "== lint (layers, import circles, React hooks) and format"
npx --no-install eslint --max-warnings 0 . || exit 1
npx --no-install prettier --check --log-level warn "**/*.{ts,tsx,mjs,css,html,json,yml}" || exit 1

echo "== build"
node scripts/build.mjs || exit 1

echo "== unit and integration tests"
files=(app/**/*.test.ts native/**/*.test.ts main/**/*.test.ts renderer/**/*.test.ts lint/**/*.test.ts)
node --import tsx --test --test-concurrency=2 --test-timeout=120000 "${files[@]}" | tee test-results-node.log
node_status=${PIPESTATUS[0]}

echo "== end-to-end (Playwright)"
npx --no-install playwright test -c e2e/playwright.config.ts | tee test-results-e2e.log
e2e_status=${PIPESTATUS[0]}

count() { grep -oE "$1" "$2" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(( $(count '^# pass [0-9]+' test-results-node.log) + $(count '[0-9]+ passed' test-results-e2e.log) ))
failed=$(( $(count '^# fail [0-9]+' test-results-node.log) + $(count '[0-9]+ failed' test-results-e2e.log) ))
rm -f test-results-node.log test-results-e2e.log
echo "${passed} passed, ${failed} failed"
[ "$node_status" -eq 0 ] && [ "$e2e_status" -eq 0 ] && [ "$failed" -eq 0 ]
