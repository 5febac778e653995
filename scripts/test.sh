#!/usr/bin/env bash
# The whole test suite: starts local database servers if needed, builds the apps
# (end-to-end tests run the built console and API), then runs every jest project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-services.sh
npm run build --silent
npx jest --ci "$@"
