#!/bin/sh
# Makes the private CA and the Temporal server's certificate the compose file expects in ./tls:
# ca.crt (grantflow, the UI and the admin tools trust it) and temporal.crt/.key (the frontend and
# the server's own connections, for the name "temporal"). Run once: ./make-certificates.sh
# Keep ca.key offline; a new server certificate before temporal.crt expires (825 days).
set -eu
cd "$(dirname "$0")"
mkdir -p tls
cd tls
[ -f ca.key ] || openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days 3650 \
  -subj "/CN=grantflow Temporal CA" -keyout ca.key -out ca.crt
openssl req -new -nodes -newkey rsa:3072 -sha256 -subj "/CN=temporal" -keyout temporal.key -out temporal.csr
printf 'subjectAltName=DNS:temporal,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n' > temporal.ext
openssl x509 -req -in temporal.csr -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days 825 \
  -extfile temporal.ext -out temporal.crt
rm -f temporal.csr temporal.ext
# Temporal's server and grantflow both run as uid 1000: the key is theirs alone.
chmod 0644 ca.crt temporal.crt
chmod 0600 ca.key temporal.key
chown 1000:1000 temporal.key 2>/dev/null || echo "run as root (or as uid 1000): tls/temporal.key must belong to uid 1000" >&2
echo "tls/ca.crt and tls/temporal.crt written; keep tls/ca.key safe."
