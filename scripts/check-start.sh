#!/usr/bin/env bash
# Proves that `pnpm start` comes up and leaves nothing behind, however it is stopped:
#   1. Ctrl-C (SIGINT to the whole process group)   -> everything gone within 10 s
#   2. SIGTERM to the supervisor                       -> exit 0, everything gone within 10 s
#   3. a crashing app (worker SIGKILLed)               -> restarted and ready again; then, killed until
#      the supervisor gives up (5 crashes in 60 s)     -> non-zero exit, everything gone within 10 s
#   4. SIGKILL of the supervisor                       -> apps and PostgreSQL gone within 12 s
# Uses its own data directory and ports, so it never touches a developer's running instance.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PORT=${CHECK_PORT:-3870}
SCIM_PORT=${CHECK_SCIM_PORT:-3871}
OKTA_SIM_PORT=${CHECK_OKTA_SIM_PORT:-3872}
ENTRA_SIM_PORT=${CHECK_ENTRA_SIM_PORT:-3873}
GOOGLE_SIM_PORT=${CHECK_GOOGLE_SIM_PORT:-3874}
PG_PORT=${CHECK_PG_PORT:-3879}
DATA=$(mktemp -d /tmp/bfy-check.XXXXXX)
LOG=$DATA/start.log
SID=

fail() {
  echo "FAIL: $*" >&2
  echo "--- last lines of pnpm start ---" >&2
  tail -n 40 "$LOG" >&2 || true
  leftovers >&2 || true
  exit 1
}

# Live processes (zombies don't count: this machine's init does not reap orphans) in session $1.
in_session() { ps -o pid=,stat=,args= -s "$1" 2>/dev/null | awk '$2 !~ /^Z/'; }

# Everything this check may have started: the session created by setsid (pnpm, tsx, supervisor,
# apps, db keeper), PostgreSQL (pg_ctl puts it in a session of its own), and the ports.
leftovers() {
  local found=1
  if [[ -n $SID ]] && [[ -n $(in_session "$SID") ]]; then echo "session $SID:"; in_session "$SID"; found=0; fi
  if pgrep -f "$DATA" >/dev/null; then echo "processes on $DATA:"; pgrep -af "$DATA"; found=0; fi
  for p in $PORT $SCIM_PORT $OKTA_SIM_PORT $ENTRA_SIM_PORT $GOOGLE_SIM_PORT $PG_PORT; do
    if ss -Hltn "sport = :$p" | grep -q .; then echo "port $p still listening"; found=0; fi
  done
  return $found
}

cleanup() {
  if [[ -n $SID ]]; then kill -KILL -- "-$SID" 2>/dev/null || true; fi
  pkill -KILL -f "$DATA" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

start() {
  : >"$LOG"
  BUTTERFLY_DATA_DIR=$DATA BUTTERFLY_PG_PORT=$PG_PORT PORT=$PORT APP_URL=http://localhost:$PORT \
    SCIM_PORT=$SCIM_PORT OKTA_SIM_PORT=$OKTA_SIM_PORT ENTRA_SIM_PORT=$ENTRA_SIM_PORT GOOGLE_SIM_PORT=$GOOGLE_SIM_PORT setsid pnpm start >"$LOG" 2>&1 &
  SID=$!
  local t0=$SECONDS
  until grep -q '| ready$' "$LOG"; do
    kill -0 "$SID" 2>/dev/null || fail "pnpm start exited before ready"
    ((SECONDS - t0 < 240)) || fail "not ready after 240 s"
    sleep 0.2
  done
  SUPERVISOR=$(sed -n 's/.*supervisor pid \([0-9]*\).*/\1/p' "$LOG" | head -1)
  [[ -n $SUPERVISOR ]] || fail "no supervisor pid in the output"
  echo "ready in $((SECONDS - t0)) s (supervisor $SUPERVISOR)"
}

check_health() {
  if grep -q "| web    http" "$LOG"; then
    local body
    body=$(curl -fsS --max-time 5 "http://127.0.0.1:$PORT/healthz") || fail "web /healthz failed"
    [[ $body == *'"ok"'* ]] || fail "web /healthz said: $body"
    echo "web /healthz: $body"
  fi
  if grep -q "| entra  http" "$LOG"; then
    curl -fsS --max-time 5 "http://127.0.0.1:$ENTRA_SIM_PORT/_sim/health" | grep -q '"ok"' || fail "entra-sim /_sim/health failed"
    echo "entra-sim /_sim/health: ok"
  fi
  if grep -q "| google http" "$LOG"; then
    curl -fsS --max-time 5 "http://127.0.0.1:$GOOGLE_SIM_PORT/_sim/health" | grep -q '"ok"' || fail "google-sim /_sim/health failed"
    echo "google-sim /_sim/health: ok"
  fi
  if grep -q "| scim   http" "$LOG"; then
    local code
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$SCIM_PORT/scim/v2/ServiceProviderConfig") ||
      fail "scim does not answer"
    ((code < 500)) || fail "scim answered $code"
    echo "scim /scim/v2/ServiceProviderConfig: HTTP $code"
  fi
  ss -Hltn "sport = :$PG_PORT" | grep -q . || fail "PostgreSQL is not listening on $PG_PORT"
}

# Waits up to $1 seconds for everything to be gone; prints how long it took.
expect_gone() {
  local limit=$1 t0=$EPOCHREALTIME
  while leftovers >/dev/null; do
    awk "BEGIN{exit !($EPOCHREALTIME - $t0 > $limit)}" && fail "processes or ports left after ${limit} s"
    sleep 0.1
  done
  echo "everything gone after $(awk "BEGIN{printf \"%.1f\", $EPOCHREALTIME - $t0}") s"
}

until_line() { # $1: the end of a line of pnpm start's output, awaited for up to $2 seconds
  local t0=$SECONDS
  until grep -q -- "$1" "$LOG"; do
    ((SECONDS - t0 < $2)) || fail "no line '$1' after $2 s"
    sleep 0.1
  done
}

pid_of_app() { # the process of an app, by its working directory
  for pid in $(pgrep -s "$SID" -f 'main\.ts'); do
    [[ $(readlink "/proc/$pid/cwd") == "$ROOT/apps/$1" ]] && echo "$pid" && return
  done
}

echo "== 1. Ctrl-C"
start
check_health
kill -INT -- "-$SID"
expect_gone 10
grep -q '| stopped$' "$LOG" || fail "the supervisor did not report a clean stop"

echo "== 2. SIGTERM to the supervisor"
start
kill -TERM "$SUPERVISOR"
expect_gone 10
wait "$SID" && code=0 || code=$?
((code == 0)) || fail "pnpm start exited with $code after SIGTERM"
echo "exit code 0"

echo "== 3. an app crashes: restarted; one that keeps crashing stops everything"
start
WORKER=$(pid_of_app worker)
[[ -n $WORKER ]] || fail "worker process not found"
kill -KILL "$WORKER"
until_line '| worker ready again$' 60
NEW=$(pid_of_app worker)
[[ -n $NEW && $NEW != "$WORKER" ]] || fail "no new worker process after the restart"
echo "worker $WORKER killed, $NEW ready in its place"
check_health
# Four more crashes, each as soon as the restarted process exists: the fifth in 60 s gives up.
for _ in 1 2 3 4; do
  WORKER=$NEW
  kill -KILL "$WORKER"
  t0=$SECONDS
  until NEW=$(pid_of_app worker) && [[ -n $NEW && $NEW != "$WORKER" ]]; do
    grep -q 'stopping everything$' "$LOG" && break
    ((SECONDS - t0 < 30)) || fail "the worker was not restarted within 30 s"
    sleep 0.1
  done
done
until_line 'worker exited unexpectedly (SIGKILL), 5 crashes in 60 s; stopping everything$' 10
expect_gone 10
wait "$SID" && code=0 || code=$?
((code != 0)) || fail "pnpm start exited 0 after repeated crashes"
echo "exit code $code"

echo "== 4. SIGKILL of the supervisor"
start
kill -KILL "$SUPERVISOR"
# Each app notices its parent is gone within a second (exitWithParent), then stops as on SIGTERM,
# forced after 10 s (onShutdownSignal): the same bound as the cases above, plus that second.
expect_gone 12

echo "OK"
