#!/usr/bin/env bash
# Runs every test of CongDongSo: unit and HTTP-level tests on SQLite, the same suite on the
# machine's PostgreSQL (a throwaway database per test class), and the browser journeys in
# Debian's Chromium. Starts what it needs; says loudly what it cannot. With CI=true nothing may
# be skipped. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
CI="${CI:-false}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
missing=()

say() { printf '\n=== %s\n' "$*"; }
loud() { printf '\n!!! %s\n' "$*" >&2; }

# --- PostgreSQL -------------------------------------------------------------------------
start_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local cluster
  cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || return 1
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start 2>/dev/null || true
  local port
  port=$(pg_lsclusters -h | awk 'NR==1 {print $3}')
  for _ in $(seq 1 30); do
    su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -p $port -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cds_test') THEN CREATE ROLE cds_test LOGIN CREATEDB PASSWORD 'cds_test'; END IF; END \\\$\\\$;\"" >/dev/null || return 1
  # Dropping a test database may have to stop an autovacuum worker on it.
  su postgres -c "psql -p $port -qtAc 'GRANT pg_signal_backend TO cds_test'" >/dev/null 2>&1 || true
  # Leftovers of an interrupted run.
  for db in $(su postgres -c "psql -p $port -qtAc \"SELECT datname FROM pg_database WHERE datname LIKE 'cds\\_t\\_%'\"" 2>/dev/null); do
    su postgres -c "psql -p $port -qtAc 'DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)'" >/dev/null 2>&1 || true
  done
  export CDS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=cds_test;Password=cds_test;Database=postgres;Pooling=true"
}

# --- Chromium ---------------------------------------------------------------------------
find_chromium() {
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -x "$c" ] && { export CDS_CHROMIUM="$c"; return 0; }
  done
  return 1
}
install_chromium() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  say "Installing Debian's chromium (apt-get)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null 2>&1
}

say "Building"
dotnet build CongDongSo.slnx -nologo -v quiet || { loud "build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

if start_postgres; then
  echo "PostgreSQL ready ($CDS_TEST_POSTGRES)" | sed 's/Password=[^;]*/Password=***/'
else
  loud "PostgreSQL is not available on this machine: the PostgreSQL suite will be reported as skipped."
  missing+=("PostgreSQL")
fi
if find_chromium || { install_chromium && find_chromium; }; then
  echo "Chromium: $CDS_CHROMIUM"
else
  loud "Chromium is not available and could not be installed: the browser suite will be reported as skipped."
  missing+=("Chromium")
fi
if [ "$CI" = "true" ] && [ ${#missing[@]} -gt 0 ]; then
  loud "CI=true and missing: ${missing[*]}. Nothing may be skipped in CI."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

passed=0; failed=0; skipped=0; status=0
run_suite() { # name, project, env...
  local name=$1 project=$2; shift 2
  say "Suite: $name"
  local log
  log=$(mktemp)
  env "$@" dotnet test "$project" --no-build -nologo 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '(Passed|Failed)!  - Failed:' "$log" | tail -1)
  if [ -n "$line" ]; then
    local f p s
    f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")
    s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    echo "--- $name: $p passed, $f failed, $s skipped"
  fi
  # A non-zero exit with no failed test (a class clean-up error, a crash) is still a failure.
  if [ "$rc" -ne 0 ] && { [ -z "$line" ] || [ "${f:-0}" -eq 0 ]; }; then
    loud "$name: dotnet test exited with $rc"
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 0 ] || status=1
  rm -f "$log"
}

run_suite "SQLite" tests/CongDongSo.Tests CDS_TEST_DB=sqlite
run_suite "PostgreSQL" tests/CongDongSo.Tests CDS_TEST_DB=postgres
run_suite "Browser (Chromium)" tests/CongDongSo.BrowserTests CDS_TEST_DB=sqlite

echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$CI" = "true" ] && [ "$skipped" -gt 0 ]; then
  loud "CI=true: $skipped test(s) skipped"
  status=1
fi
exit $status
