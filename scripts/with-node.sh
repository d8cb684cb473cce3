#!/usr/bin/env bash
# Runs a command with Node >= 22 first on PATH (the local ./.node copy when the system Node is
# older), so `npm test` and friends work in any shell once scripts/setup-node.sh has run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
eval "$(bash "$here/setup-node.sh" --env)"
exec "$@"
