#!/usr/bin/env bash
# Starts the local PostgreSQL and MariaDB servers when they are installed but not running,
# and installs tmux (for the terminal tests) and chromium (for the browser tests) when missing.
# The test matrix itself decides whether a missing server is an error (CI=true) or a skip.
set -u

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
my_up() { (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; }

wait_for() {
  local check=$1 name=$2
  for _ in $(seq 1 60); do
    $check && { echo "services: $name is up"; return 0; }
    sleep 0.5
  done
  echo "services: $name did not come up" >&2
  return 1
}

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "services: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    wait_for pg_up PostgreSQL || true
  else
    echo "services: PostgreSQL is not installed here" >&2
  fi
fi

if ! my_up; then
  if [ -x /usr/sbin/mariadbd ]; then
    echo "services: starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
    wait_for my_up MariaDB || true
  else
    echo "services: MariaDB is not installed here" >&2
  fi
fi
# The TTY tests drive the interactive shell through tmux (a real terminal).
if ! command -v tmux >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "services: installing tmux for the terminal tests"
    (apt-get install -y -qq tmux >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1; }) \
      || echo "services: could not install tmux" >&2
  else
    echo "services: tmux is missing (apt-get install tmux)" >&2
  fi
fi
# The browser tests drive Debian's headless Chromium (/usr/bin/chromium) through playwright-core.
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "services: installing chromium for the browser tests"
    (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }) \
      || echo "services: could not install chromium" >&2
  else
    echo "services: chromium is missing (apt-get install chromium)" >&2
  fi
fi
exit 0
