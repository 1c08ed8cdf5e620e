#!/usr/bin/env bash
# The one test command (npm test): lint, typecheck, build, unit + integration tests, browser e2e.
# Tests run inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks to a
# real Secret Service. Ends with one line: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
: > test-results/steps.txt

step() {
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "pass $name" >> test-results/steps.txt
  else echo "fail $name" >> test-results/steps.txt; echo "!! step failed: $name"; fi
}

run_tests() {
  step vitest npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
  if ls e2e/*/*.spec.ts >/dev/null 2>&1; then
    step playwright npx playwright test
  fi
}

step lint npx eslint . --max-warnings 0
step typecheck npm run -s typecheck
step build npx electron-vite build
step electronegativity node tools/audit-electron.mjs

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export -f step run_tests
  dbus-run-session -- bash -c 'echo pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; run_tests'
else
  echo "note: dbus-run-session or gnome-keyring-daemon is missing, so keychain tests will report the Secret Service as unavailable"
  run_tests
fi

node tools/summarize.mjs
