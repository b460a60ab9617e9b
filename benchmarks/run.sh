#!/usr/bin/env bash
# Builds the benchmark the way the gateway ships (ReadyToRun: no JIT at start) and runs it.
# The last three rows repeat the 100 MB file with DOTNET_GCgen0size=0x400000, the gen0 budget the
# service's deploy files set (issue #5); the runtime's default budget is sized from the CPU cache.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
out=$(mktemp -d)
dotnet publish benchmarks/Gateway.Benchmarks -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" >/dev/null
"$out/Gateway.Benchmarks"
rm -rf "$out"
