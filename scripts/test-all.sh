#!/usr/bin/env bash
# `npm test`: build, unit tests, end-to-end tests, then one closing line "N passed, N failed".
# Every stage runs even when an earlier one fails, so one run shows everything that is broken.
set -u
cd "$(dirname "$0")/.."
rm -rf reports && mkdir -p reports
status=0
npm run --silent build || status=1
# Lint and format (eslint with the layering rules, prettier): counted as one test in the closing line.
if npm run --silent lint; then export CONSENT_GUARD_LINT=passed; else export CONSENT_GUARD_LINT=failed; status=1; fi
npx vitest run || status=1
if [ -f dist/manifest.json ]; then npx playwright test || status=1; else echo "e2e skipped: the build failed"; fi
node scripts/test-summary.mjs || status=1
exit $status
