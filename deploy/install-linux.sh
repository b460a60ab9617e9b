#!/usr/bin/env bash
# Installs the gateway as a systemd service: binaries in /opt/gateway, settings and partner profiles in
# /etc/gateway, data (archive, tracking store, folders, logs) in /var/lib/gateway. Run as root from the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
# Keep an edited appsettings.json across upgrades.
[ -f /opt/gateway/appsettings.json ] && cp /opt/gateway/appsettings.json /tmp/gateway-appsettings.json.keep
dotnet publish Gateway.Host -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o /opt/gateway
[ -f /tmp/gateway-appsettings.json.keep ] && mv /tmp/gateway-appsettings.json.keep /opt/gateway/appsettings.json
id gateway >/dev/null 2>&1 || useradd --system --home-dir /var/lib/gateway --shell /usr/sbin/nologin gateway
install -d -o gateway -g gateway -m 750 /var/lib/gateway
install -d -m 755 /etc/gateway
[ -d /etc/gateway/partner-profiles ] || cp -r partner-profiles /etc/gateway/partner-profiles
[ -d /etc/gateway/maps ] || cp -r maps /etc/gateway/maps
touch /etc/gateway/secrets.env && chmod 600 /etc/gateway/secrets.env
install -m 644 deploy/gateway.service /etc/systemd/system/gateway.service
systemctl daemon-reload
systemctl enable --now gateway
echo "Installed. Status: systemctl status gateway; logs: journalctl -u gateway or /var/lib/gateway/logs/"
echo "Turn off the sandbox back end (Gateway:Sandbox:Enabled) and point Gateway:Endpoints at your ERP, CRM and WMS in /opt/gateway/appsettings.json."
