#!/usr/bin/env bash
# Usage: pnpm test [vitest args]
# Runs every test (unit, API on PGlite and on a real Postgres, cross-process stack and browser tests) and ends
# with the plain line "N passed, N failed". Starts a throwaway PostgreSQL when TEST_DATABASE_URL is unset.
set -uo pipefail
cd "$(dirname "$0")/.."

pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1
    else "$PG_BIN/pg_ctl" -D "$pg_dir" -m immediate stop >/dev/null 2>&1; fi
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]; then
  pg_dir=$(mktemp -d /tmp/mockroom-pg.XXXXXX)
  pg_port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  run_pg "$PG_BIN/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/data/log" \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
  pg_dir="$pg_dir/data"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "test Postgres on 127.0.0.1:$pg_port"
fi

reports=()
run_vitest() {
  local report
  report=$(mktemp /tmp/mockroom-vitest.XXXXXX.json)
  reports+=("$report")
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
}

status=0
if [ $# -gt 0 ]; then
  run_vitest "$@" || status=$?
else
  # Unit and in-process suites first, in parallel; then the cross-process suites (real servers, a browser,
  # timing-sensitive audio) on their own, so they do not share the 2 cores with the unit suites.
  run_vitest --project core --project db --project api --project agent --project web --project bench --project eval --passWithNoTests || status=$?
  run_vitest --project tests || status=$?
fi

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    let r;
    try { r = JSON.parse(fs.readFileSync(file, "utf8")); } catch { failed += 1; continue; }
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    // A file that failed to load has no assertion results; count it as a failure.
    failed += (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  }
  console.log(`${passed} passed, ${failed} failed`);
' "${reports[@]}"
rm -f "${reports[@]}"
exit $status
