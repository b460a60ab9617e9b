#!/usr/bin/env bash
# Runs every test: builds in Release (warnings are errors), checks formatting, runs NUnit.
# Tests that need real servers get their Debian packages here: the SFTP tests run a private OpenSSH sshd, the
# email tests a private Postfix and Dovecot (all on 127.0.0.1, started and stopped by the tests themselves), and the
# console tests drive Debian's Chromium through Playwright.
set -euo pipefail
cd "$(dirname "$0")"
if { [ ! -x /usr/sbin/sshd ] || [ ! -x /usr/sbin/postfix ] || [ ! -x /usr/lib/dovecot/lmtp ] || [ ! -x /usr/lib/dovecot/pop3 ] || [ ! -x /usr/bin/chromium ]; } && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q openssh-server postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd chromium >/dev/null
fi
dotnet build Gateway.sln -c Release
dotnet format Gateway.sln --verify-no-changes --no-restore
log=$(mktemp)
set +e
rm -f Gateway.Tests/bin/Release/net10.0/summary-*.txt
dotnet test Gateway.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# The adversarial suites' summary tables (issue #11), written beside the test assembly.
for summary in Gateway.Tests/bin/Release/net10.0/summary-*.txt; do
  if [ -f "$summary" ]; then cat "$summary"; fi
done
# One closing line in the plain form CI reads: "tests: N passed, N failed, N skipped".
summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1 || true)
rm -f "$log"
if [ -z "$summary" ]; then
  echo "tests: no test summary found (dotnet test exit $status)"
  exit 1
fi
passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
failed=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
