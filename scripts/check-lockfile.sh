#!/usr/bin/env bash
# Fails when package-lock.json differs from the committed one (run it right after
# `npm install`). The lockfile is written by npm 11; npm 10 drops its "libc" fields.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "lockfile: not a git checkout, nothing to compare" >&2
  exit 0
fi
if ! git diff --quiet --exit-code -- package-lock.json; then
  echo "lockfile: npm install (npm $(npm --version)) changed package-lock.json:" >&2
  git --no-pager diff --stat -- package-lock.json >&2
  echo "lockfile: regenerate it with npm 11 (npm install), review and commit it" >&2
  exit 1
fi
echo "lockfile: package-lock.json is unchanged by npm install"
