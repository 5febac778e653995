#!/usr/bin/env bash
# The whole test suite: starts local database servers if needed, builds the apps
# (end-to-end tests run the built console and API), then runs every jest project.
set -euo pipefail
cd "$(dirname "$0")/.."
# Under CI the install that preceded this must have left package-lock.json as committed.
if [ "${CI:-}" = "true" ]; then bash scripts/check-lockfile.sh; fi
bash scripts/ensure-services.sh
npm run build --silent
npx jest --ci "$@"
