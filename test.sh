#!/usr/bin/env bash
# Runs every test: builds in Release (warnings are errors), checks formatting, runs NUnit.
# Tests that need real servers install their Debian packages here once the transports exist.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Gateway.sln -c Release
dotnet format Gateway.sln --verify-no-changes --no-restore
dotnet test Gateway.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee /tmp/gateway-test.log
# One closing line in the plain form CI reads.
summary=$(grep -E "^(Passed|Failed)!" /tmp/gateway-test.log | tail -1)
passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" = "0" ]
