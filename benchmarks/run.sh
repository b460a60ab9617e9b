#!/usr/bin/env bash
# Builds the benchmark the way the gateway ships (ReadyToRun: no JIT at start) and runs it.
# The last three rows repeat the 100 MB file with DOTNET_GCgen0size=0x400000, the gen0 budget the
# service's deploy files set (issue #5); the runtime's default budget is sized from the CPU cache.
# Then the whole gateway end to end (./benchmarks/run.sh endtoend runs only that part).
set -euo pipefail
cd "$(dirname "$0")/.."
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
out=$(mktemp -d)
dotnet publish benchmarks/Gateway.Benchmarks -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" >/dev/null
gateway_out=$(mktemp -d)
dotnet publish Gateway.Host -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$gateway_out" >/dev/null
if [[ "${1:-}" != "endtoend" ]]; then
  "$out/Gateway.Benchmarks"
fi
"$out/Gateway.Benchmarks" endtoend "$gateway_out/gateway"
rm -rf "$out" "$gateway_out"
