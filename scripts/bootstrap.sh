#!/usr/bin/env bash
# Make Node 24 LTS and pnpm available for this checkout.
#
# Source it (`. scripts/bootstrap.sh`) to put them on PATH in the current shell, or run it to install
# them once. It installs nothing when `node` is already 24.15+ and `pnpm` is 12.x; otherwise it fetches
# the exact pins from the npm registry into .tools/ (ignored by git). Used by .ci/run.
set -euo pipefail
NODE_PIN=24.22.3
PNPM_PIN=12.4.2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a===24&&b>=15?0:1)'
}

node_pkg() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "unsupported OS $(uname -s)" >&2; return 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "unsupported CPU $(uname -m)" >&2; return 1 ;; esac
  echo "node-$os-$arch"
}

if [ -x "$tools/node/node_modules/.bin/node" ]; then export PATH="$tools/node/node_modules/.bin:$PATH"; fi
if ! node_ok; then
  echo "bootstrap: installing Node $NODE_PIN into .tools/node" >&2
  npm install --prefix "$tools/node" --ignore-scripts --no-audit --no-fund --loglevel=error "$(node_pkg)@$NODE_PIN" >&2
  export PATH="$tools/node/node_modules/.bin:$PATH"
  node_ok || { echo "bootstrap: Node 24 still not on PATH" >&2; exit 1; }
fi

if [ -x "$tools/pnpm/node_modules/.bin/pnpm" ]; then export PATH="$tools/pnpm/node_modules/.bin:$PATH"; fi
if ! { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" = "12" ]; }; then
  echo "bootstrap: installing pnpm $PNPM_PIN into .tools/pnpm" >&2
  npm install --prefix "$tools/pnpm" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_PIN" >&2
  export PATH="$tools/pnpm/node_modules/.bin:$PATH"
fi
echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
