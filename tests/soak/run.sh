#!/usr/bin/env bash
# Issue #11, item 4: the load soak. Publishes the gateway as it ships (ReadyToRun) and the benchmark driver, starts a
# private OpenSSH sshd on loopback for the SFTP partner, then runs "Gateway.Benchmarks soak": signed + encrypted AS2
# with synchronous signed MDNs, SFTP pickup and folder intake at steady rates for SOAK_MINUTES (default 10). Prints a
# line a minute and then documents/s, MDN latency p50/p99, the gateway's peak memory and the documents lost; exits
# non-zero when any document sent did not reach the loopback ERP.
#   SOAK_MINUTES=10 SOAK_AS2_RATE=20 SOAK_SFTP_RATE=5 SOAK_FOLDER_RATE=5 tests/soak/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
sshd_bin=/usr/sbin/sshd
[[ -x "$sshd_bin" ]] || { echo "$sshd_bin is missing: install openssh-server (./test.sh does)" >&2; exit 2; }
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
work=$(mktemp -d)
sshd_pid=""
cleanup() {
  if [[ -n "$sshd_pid" ]]; then kill "$sshd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
echo "publishing the gateway and the soak driver..." >&2
dotnet publish benchmarks/Gateway.Benchmarks -c Release -r "$rid" --self-contained false --artifacts-path "$work/artifacts" -o "$work/bench" >/dev/null
dotnet publish Gateway.Host -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true --artifacts-path "$work/artifacts" -o "$work/gateway" >/dev/null

# The SFTP partner: a private sshd, its own host key, one client key for the current user, two folders.
ssh="$work/sshd"
mkdir -p "$ssh/edi/out" "$ssh/edi/in" /run/sshd
ssh-keygen -q -t ed25519 -N "" -f "$ssh/host_ed25519"
ssh-keygen -q -t ed25519 -N "" -f "$ssh/client_ed25519"
cp "$ssh/client_ed25519.pub" "$ssh/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$ssh/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $port
HostKey $ssh/host_ed25519
PidFile $ssh/sshd.pid
AuthorizedKeysFile $ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
LogLevel ERROR
CONFIG
"$sshd_bin" -D -e -f "$ssh/sshd_config" 2>"$ssh/sshd.log" &
sshd_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

export SOAK_SFTP_PORT="$port"
export SOAK_SFTP_USER="$(id -un)"
export SOAK_SFTP_FINGERPRINT="$(ssh-keygen -l -f "$ssh/host_ed25519.pub" | cut -d' ' -f2)"
export SOAK_SFTP_KEY="$ssh/client_ed25519"
export SOAK_SFTP_FOLDER="$ssh/edi/out"
export SOAK_SFTP_OUTBOUND="$ssh/edi/in"
"$work/bench/Gateway.Benchmarks" soak "$work/gateway/gateway"
