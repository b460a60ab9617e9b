#!/usr/bin/env bash
# Sends samples/acme-retail-850.edi to the running gateway the way ACME's AS2 software would: signed with
# ACME's demo key and encrypted to the gateway's demo certificate by openssl, posted to the partner
# listener, and prints the MDN's disposition and MIC next to the MIC openssl computes itself.
# Demo keys only: never use them with a real partner.
set -euo pipefail
cd "$(dirname "$0")"
url=${1:-http://127.0.0.1:5081/as2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename="acme-retail-850.edi"\r\n\r\n' > "$tmp/entity"
cat ../acme-retail-850.edi >> "$tmp/entity"
openssl cms -sign -binary -md sha256 -signer acme-retail-demo.crt -inkey acme-retail-demo.key -in "$tmp/entity" -outform SMIME -out "$tmp/signed"
openssl cms -encrypt -binary -aes256 -in "$tmp/signed" -outform DER -out "$tmp/message" distributor-demo.crt
curl -sS -o "$tmp/mdn" --data-binary "@$tmp/message" \
  -H 'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m' \
  -H 'AS2-Version: 1.2' -H 'AS2-From: ACMERETAIL' -H 'AS2-To: DISTRIBUTOR' \
  -H "Message-ID: <$(date +%s%N)@acme-retail.example>" \
  -H 'Disposition-Notification-To: edi@acme-retail.example' \
  -H 'Disposition-Notification-Options: signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256' \
  "$url"
grep -a -E '^(Original-Message-ID|Received-Content-MIC|Disposition):' "$tmp/mdn" | tr -d '\r'
# openssl signed the entity byte for byte (-binary): its digest is the MIC the MDN must return.
echo "MIC of the signed part by openssl dgst: $(openssl dgst -sha256 -binary "$tmp/entity" | base64), sha-256"
