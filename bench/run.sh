#!/usr/bin/env bash
# Measures Lanyard and, in the same run on the same machine, node oidc-provider (the
# peer) with wrk: client_credentials grants (RS256, ES256, EdDSA JWTs), refresh grants,
# discovery, JWKS, userinfo, password sign-ins, p50/p99 latency, idle and peak RSS,
# start-up.
# Needs: wrk (apt-get install wrk), node + npm (for the peer), curl, sqlite3.
# Usage: bench/run.sh            DUR=10s CONC=32 bench/run.sh
#        LANYARD_BIN=/path/to/lanyard bench/run.sh   (another build, say the one before
#        a refactor; its argon2_rate example is looked for next to it)
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${DUR:-10s}
CONC=${CONC:-32}
PORT=18080
PEER_PORT=18081
SECRET=bench-secret-0123456789
AUTH=$(printf 'service:%s' "$SECRET" | base64 -w0)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ -n "${LANYARD_BIN:-}" ]; then
  BIN=$LANYARD_BIN; RATE=$(dirname "$LANYARD_BIN")/argon2_rate
  PASSKEY_RATE=$(dirname "$LANYARD_BIN")/passkey_rate
else
  cargo build --release --quiet --bin lanyard --example argon2_rate --example passkey_rate
  BIN=target/release/lanyard; RATE=target/release/examples/argon2_rate
  PASSKEY_RATE=target/release/examples/passkey_rate
fi
[ -d bench/node_modules/oidc-provider ] || npm --prefix bench install --silent --no-audit --no-fund

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/lanyard.toml" <<TOML
issuer = "http://127.0.0.1:$PORT"
listen = "127.0.0.1:$PORT"
data_dir = "$work/data"
[[clients]]
id = "service"
secret = "$SECRET"
grant_types = ["client_credentials"]
scopes = ["api.read"]
[[clients]]
id = "service-es"
secret = "$SECRET"
grant_types = ["client_credentials"]
scopes = ["api.read"]
id_token_signed_response_alg = "ES256"
[[clients]]
id = "service-ed"
secret = "$SECRET"
grant_types = ["client_credentials"]
scopes = ["api.read"]
id_token_signed_response_alg = "EdDSA"
[[clients]]
id = "webapp"
secret = "$SECRET"
redirect_uris = ["http://127.0.0.1:1/cb"]
scopes = ["openid", "profile", "offline_access"]
first_party = true
TOML
# The sign-in row posts one wrong password over and over to time argon2id; with
# throttling on it would measure 429s instead, so the benchmark turns it off.
export LANYARD_CONFIG="$work/lanyard.toml" RUST_LOG=warn LANYARD_RATE_LIMIT__ENABLED=false

rss() { ps -o rss= -p "$1" | awk '{printf "%.1f", $1/1024}'; }
peak_watch() { # pid file: keeps the largest RSS (KiB) seen
  local max=0; while kill -0 "$1" 2>/dev/null; do
    local r; r=$(ps -o rss= -p "$1" 2>/dev/null || echo 0); r=${r// /}
    [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" > "$2"; sleep 0.2; done; }
wait_ready() { for _ in $(seq 1 2000); do curl -sf -o /dev/null "$1" && return 0; sleep 0.005; done; return 1; }

# Start-up on SQLite: fresh data directory, migrations and key generation included.
t0=$(date +%s%N)
"$BIN" serve > "$work/lanyard.log" 2>&1 & lpid=$!; pids+=("$lpid")
wait_ready "http://127.0.0.1:$PORT/readyz"
startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
t0=$(date +%s%N)
# The peer mints its refresh tokens and userinfo access token itself (no sign-in pages).
TOKENS=$((CONC + 16))
PORT=$PEER_PORT TOKENS_OUT="$work/peer_tokens" REFRESH_TOKENS=$TOKENS node bench/peer.mjs > "$work/peer.log" 2>&1 & ppid=$!; pids+=("$ppid")
wait_ready "http://127.0.0.1:$PEER_PORT/.well-known/openid-configuration"
peer_startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
for _ in $(seq 1 500); do [ -s "$work/peer_tokens.access" ] && break; sleep 0.01; done
sleep 2
idle_l=$(rss "$lpid"); idle_p=$(rss "$ppid")
peak_watch "$lpid" "$work/peak_l" & pids+=($!)
peak_watch "$ppid" "$work/peak_p" & pids+=($!)

# A person's access token for userinfo, and a CSRF pair for password sign-ins.
printf 'a long bench password\n' | "$BIN" user add --email bench@example.com --username bench --password-stdin --verified > /dev/null
sqlite3 "$work/data/lanyard.db" "UPDATE users SET onboarded_at = 1"
jar="$work/jar"; base="http://127.0.0.1:$PORT"
verifier=$(head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=')
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 -w0 | tr '+/' '-_' | tr -d '=')
login=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$base/authorize?response_type=code&client_id=webapp&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&scope=openid%20profile&code_challenge=$challenge&code_challenge_method=S256")
page=$(curl -s -c "$jar" -b "$jar" "$login")
csrf=$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"$//')
uid=$(grep -o 'name="uid" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//;s/"$//')
resume=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "csrf=$csrf" --data-urlencode "uid=$uid" --data "identifier=bench&password=a+long+bench+password" "$base/login")
back=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$resume")
code=$(sed 's/.*code=\([^&]*\).*/\1/' <<<"$back")
token=$(curl -s -u "webapp:$SECRET" --data "grant_type=authorization_code&code=$code&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_verifier=$verifier" "$base/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
csrf_cookie=$(awk '$6=="lanyard_csrf"{print $7}' "$jar")
# Refresh tokens for the refresh-grant row: one authorization code flow each, on the
# session above (first-party client, so no consent page).
for _ in $(seq 1 "$TOKENS"); do
  back=$(curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' "$base/authorize?response_type=code&client_id=webapp&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&scope=openid%20profile%20offline_access&code_challenge=$challenge&code_challenge_method=S256")
  code=$(sed 's/.*code=\([^&]*\).*/\1/' <<<"$back")
  curl -s -u "webapp:$SECRET" --data "grant_type=authorization_code&code=$code&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_verifier=$verifier" "$base/token" |
    { grep -o '"refresh_token":"[^"]*"' || true; } | cut -d'"' -f4
done > "$work/lanyard_tokens"
[ "$(grep -c . "$work/lanyard_tokens")" -eq "$TOKENS" ] || { echo "could not get $TOKENS refresh tokens from Lanyard" >&2; exit 1; }

# measure URL [lua] -> "req/s p50_ms p99_ms"; non-2xx answers are reported on stderr
# (expected only for the sign-in row, which posts a wrong password).
measure() {
  local url=$1 script=${2:-}
  local out; out=$(THREADS=2 wrk -t2 -c"$CONC" -d"$DUR" --latency ${script:+-s "$script"} "$url")
  grep -q 'Non-2xx' <<<"$out" && echo "note: $url $(grep 'Non-2xx' <<<"$out" | xargs)" >&2
  local rps p50 p99
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p50=$(awk '$1=="50%"{print $2}' <<<"$out"); p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  echo "$rps $(ms "$p50") $(ms "$p99")"
}
ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); printf "%.2f", v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); printf "%.2f", v} else if (v ~ /s$/) {sub(/s/,"",v); printf "%.2f", v*1000} else print "?" }'; }

rows=()
row() { rows+=("$(printf '%-30s %10s %8s %8s | %10s %8s %8s | %6s' "$1" $2 $3 "$(ratio "$2" "$3")")"); }
ratio() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN{ if (b+0 > 0) printf "%.2fx", a/b; else print "-" }'; }

cc() { BODY="grant_type=client_credentials&scope=api.read$2" AUTH=$(printf '%s:%s' "$1" "$SECRET" | base64 -w0) measure "$3/token" bench/post.lua; }
peer_cc() { BODY="grant_type=client_credentials&scope=api.read&resource=$1" AUTH=$AUTH measure "http://127.0.0.1:$PEER_PORT/token" bench/post.lua; }

L=$(cc service "" "$base"); P=$(peer_cc urn:bench:rs256); row "client_credentials RS256" "$L" "$P"
L=$(cc service-es "" "$base"); P=$(peer_cc urn:bench:es256); row "client_credentials ES256" "$L" "$P"
L=$(cc service-ed "" "$base"); P=$(peer_cc urn:bench:eddsa); row "client_credentials EdDSA" "$L" "$P"
L=$(measure "$base/.well-known/openid-configuration"); P=$(measure "http://127.0.0.1:$PEER_PORT/.well-known/openid-configuration"); row "discovery" "$L" "$P"
L=$(measure "$base/jwks"); P=$(measure "http://127.0.0.1:$PEER_PORT/jwks"); row "JWKS" "$L" "$P"
L=$(TOKEN=$token measure "$base/userinfo" bench/bearer.lua); P=$(TOKEN=$(cat "$work/peer_tokens.access") measure "http://127.0.0.1:$PEER_PORT/me" bench/bearer.lua); row "userinfo" "$L" "$P"
refresh() { BASIC=$(printf 'webapp:%s' "$SECRET" | base64 -w0) TOKENS=$1 measure "$2" bench/refresh.lua; }
L=$(refresh "$work/lanyard_tokens" "$base/token"); P=$(refresh "$work/peer_tokens" "http://127.0.0.1:$PEER_PORT/token"); row "refresh_token (rotating)" "$L" "$P"
L=$(BODY="csrf=$csrf&identifier=bench&password=wrong+password+here" COOKIE="lanyard_csrf=$csrf_cookie" AUTH="" measure "$base/login" bench/post.lua); row "password sign-ins (Lanyard)" "$L" "- - -"; signins=${L%% *}
hash_rate=$("$RATE")
# Passkey sign-ins: the server's ceremony work per sign-in on one core (the builds
# before passkeys have no such example).
passkeys=$([ -x "$PASSKEY_RATE" ] && "$PASSKEY_RATE" || echo "not measured (no passkey_rate example)")

echo
echo "Lanyard vs node oidc-provider, $(nproc) cores, wrk -t2 -c$CONC -d$DUR, same machine, same run"
printf '%-30s %10s %8s %8s | %10s %8s %8s | %6s\n' "workload" "Lanyard/s" "p50 ms" "p99 ms" "peer/s" "p50 ms" "p99 ms" "ratio"
for r in "${rows[@]}"; do echo "$r"; done
echo
echo "raw argon2id hash rate (m=19456 KiB, t=2, p=1, all cores): $hash_rate/s; sign-ins are $(awk -v a="$signins" -v b="$hash_rate" 'BEGIN{printf "%.0f", 100*a/b}') % of it"
echo "passkey sign-ins: $passkeys"
echo "RSS idle: Lanyard ${idle_l} MB, peer ${idle_p} MB"
echo "RSS peak: Lanyard $(awk '{printf "%.1f", $1/1024}' "$work/peak_l") MB, peer $(awk '{printf "%.1f", $1/1024}' "$work/peak_p") MB"
echo "start-up to ready: Lanyard ${startup_ms} ms (SQLite, fresh keys), peer ${peer_startup_ms} ms"
