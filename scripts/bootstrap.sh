#!/usr/bin/env bash
# Makes Node 24 LTS and pnpm 12 available for this checkout.
#
#   . scripts/bootstrap.sh     put them on PATH in the current shell (installing them if needed)
#   scripts/bootstrap.sh       install only
#
# Installs nothing when `node` is already 24.15+ and `pnpm` is 12.x. Otherwise it fetches the exact pins
# from the npm registry (the `node-<os>-<arch>` package ships the official binary) into .tools/, which
# git ignores. Used by .ci/run.

_bfy_bootstrap() {
  local node_pin=24.22.3 pnpm_pin=12.4.2
  local root tools os arch
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$root/.tools"

  _bfy_node_ok() {
    command -v node >/dev/null 2>&1 &&
      node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a===24&&b>=15?0:1)'
  }
  _bfy_pnpm_ok() {
    command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" = "12" ]
  }

  # A stalled registry download would hold CI for npm's own timeouts (minutes per fetch, retried):
  # each attempt is bounded (where `timeout` exists) and tried again.
  _bfy_npm_install() {
    local attempt bound=()
    command -v timeout >/dev/null 2>&1 && bound=(timeout 300)
    for attempt in 1 2 3; do
      "${bound[@]}" npm install --no-audit --no-fund --loglevel=error --fetch-timeout=60000 --fetch-retries=3 "$@" >&2 && return 0
      echo "bootstrap: npm install $* did not finish (attempt $attempt of 3)" >&2
    done
    return 1
  }

  [ -x "$tools/node/node_modules/.bin/node" ] && PATH="$tools/node/node_modules/.bin:$PATH"
  if ! _bfy_node_ok; then
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "bootstrap: unsupported OS $(uname -s)" >&2; return 1 ;; esac
    case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "bootstrap: unsupported CPU $(uname -m)" >&2; return 1 ;; esac
    echo "bootstrap: installing Node $node_pin into .tools/node" >&2
    _bfy_npm_install --prefix "$tools/node" --ignore-scripts "node-$os-$arch@$node_pin" || return 1
    PATH="$tools/node/node_modules/.bin:$PATH"
    _bfy_node_ok || { echo "bootstrap: Node 24 is still not the first node on PATH" >&2; return 1; }
  fi

  [ -x "$tools/pnpm/node_modules/.bin/pnpm" ] && PATH="$tools/pnpm/node_modules/.bin:$PATH"
  if ! _bfy_pnpm_ok; then
    echo "bootstrap: installing pnpm $pnpm_pin into .tools/pnpm" >&2
    _bfy_npm_install --prefix "$tools/pnpm" "pnpm@$pnpm_pin" || return 1
    PATH="$tools/pnpm/node_modules/.bin:$PATH"
  fi
  export PATH
  echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
}

_bfy_bootstrap
_bfy_status=$?
unset -f _bfy_bootstrap _bfy_node_ok _bfy_pnpm_ok _bfy_npm_install
# Sourced: return the status; executed: exit with it.
return "$_bfy_status" 2>/dev/null || exit "$_bfy_status"
