#!/usr/bin/env bash
# Builds every fuzz target and runs each for FUZZ_SECONDS (default 60) from a scratch
# copy of its seeds (fuzz/seeds/ stays small). Exits non-zero if any target crashed;
# the crashing input is left in fuzz/artifacts/<target>/.
#   FUZZ_SECONDS=300 fuzz/run.sh            # all targets
#   fuzz/run.sh jws captcha_payload          # some targets
set -euo pipefail

cd "$(dirname "$0")"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
RSS_MB="${FUZZ_RSS_MB:-2048}"
TOOLCHAIN="${FUZZ_TOOLCHAIN:-+nightly}"
# FUZZ_TARGET_DIR: build elsewhere than fuzz/target (e.g. to share one build).
TDIR=()
[ -n "${FUZZ_TARGET_DIR:-}" ] && TDIR=(--target-dir "$FUZZ_TARGET_DIR")
ALL=(form_body jws authorize_params captcha_payload client_auth avatar)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
nice -n 10 cargo "$TOOLCHAIN" fuzz build "${TDIR[@]}"

failed=()
for t in "${TARGETS[@]}"; do
    corpus="corpus/$t"
    mkdir -p "$corpus" "artifacts/$t"
    cp -n "seeds/$t"/* "$corpus"/ 2>/dev/null || true
    echo "=== $t: ${SECONDS_EACH}s" >&2
    log="artifacts/$t/run.log"
    rc=0
    nice -n 10 cargo "$TOOLCHAIN" fuzz run "${TDIR[@]}" "$t" "$corpus" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb="$RSS_MB" -print_final_stats=1 \
        >"$log" 2>&1 || rc=$?
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$log" >&2 || true
    if [ "$rc" -ne 0 ]; then
        grep -E -A30 '==[0-9]+==|panicked' "$log" | head -60 >&2 || true
        echo "!!! $t failed (exit $rc); see fuzz/$log and fuzz/artifacts/$t/" >&2
        failed+=("$t")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "crashed: ${failed[*]}" >&2
    exit 1
fi
echo "all ${#TARGETS[@]} targets ran ${SECONDS_EACH}s without a crash" >&2
