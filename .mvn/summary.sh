#!/bin/sh
# Prints compile errors and a one-line summary per test class from the latest Surefire/Failsafe reports.
cd "$(dirname "$0")/.." || exit 1
for f in target/surefire-reports/TEST-*.xml target/failsafe-reports/TEST-*.xml; do
  [ -f "$f" ] || continue
  sed -n 's/.*<testsuite [^>]*name="\([^"]*\)" time="\([^"]*\)" tests="\([0-9]*\)" errors="\([0-9]*\)" skipped="\([0-9]*\)" failures="\([0-9]*\)".*/\1 time=\2 tests=\3 errors=\4 skipped=\5 failures=\6/p' "$f"
done
