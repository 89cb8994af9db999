#!/usr/bin/env bash
# What `make run` serves: the development server, one background worker and the scheduler,
# each background process restarted if it exits (as systemd or a Procfile runner would in
# production; see docs/operations.md). Ctrl-C (or SIGTERM) stops everything.
set -uo pipefail
cd "$(dirname "$0")/.."
export GOVCX_ENV=development
BIN=.venv/bin

supervise() {  # run "$@" again whenever it exits, until this script ends
  while :; do
    "$@"
    echo "govcx: '$*' exited with status $?; restarting in 2 s" >&2
    sleep 2
  done
}

stop() {
  trap - EXIT INT TERM
  for loop in $worker $scheduler; do
    kill $loop $(pgrep -P $loop) 2>/dev/null
  done
  kill $server 2>/dev/null
  wait
}

supervise $BIN/govcx worker --interval 2 &
worker=$!
supervise $BIN/govcx scheduler &
scheduler=$!
echo "govcx is starting at http://127.0.0.1:8000 with a background worker and the scheduler (Ctrl-C stops all)"
$BIN/govcx runserver 127.0.0.1:8000 &
server=$!
trap stop EXIT INT TERM
wait $server
