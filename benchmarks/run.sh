#!/usr/bin/env bash
# Builds the benchmark the way the gateway ships (ReadyToRun: no JIT at start) and runs it.
# The last three rows repeat the 100 MB file with DOTNET_GCgen0size=0x400000, the gen0 budget the
# service's deploy files set (issue #5); the runtime's default budget is sized from the CPU cache.
# Then the whole gateway end to end, then the AS2 load (issue #8): ./benchmarks/run.sh endtoend or
# ./benchmarks/run.sh as2 runs only that part.
set -euo pipefail
cd "$(dirname "$0")/.."
part="${1:-all}"
case "$part" in
  all | endtoend | as2) ;;
  *) echo "usage: $0 [endtoend | as2]" >&2; exit 2 ;;
esac
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
out=$(mktemp -d)
gateway_out=$(mktemp -d)
trap 'rm -rf "$out" "$gateway_out"' EXIT
dotnet publish benchmarks/Gateway.Benchmarks -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" >/dev/null
dotnet publish Gateway.Host -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$gateway_out" >/dev/null
if [[ "$part" == "all" ]]; then
  "$out/Gateway.Benchmarks"
fi
if [[ "$part" == "all" || "$part" == "endtoend" ]]; then
  "$out/Gateway.Benchmarks" endtoend "$gateway_out/gateway"
fi
if [[ "$part" == "all" || "$part" == "as2" ]]; then
  "$out/Gateway.Benchmarks" as2 "$gateway_out/gateway"
fi
