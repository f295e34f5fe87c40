#!/usr/bin/env bash
# Installs the pinned Prisma 7 + vitest toolchain that the end-to-end tests use to generate a Prisma
# client, type-check generated TypeScript and run generated vitest files against a real PostgreSQL
# (test/support/prisma.ts). See /work/shared/notes/prisma-offline.md for why each piece is here.
#
# - `npm ci --ignore-scripts` into test/support/toolchains/prisma/node_modules. The only install
#   scripts in the tree are prisma's Node version check and @prisma/engines' download of the native
#   engines, which is unreachable offline and not needed: Prisma 7 has no query-engine binary, and
#   the tables are created with the wasm schema engine (create-tables.mjs).
# - A schema-engine stub: every `prisma` command first looks for the native schema engine and tries
#   to download it unless PRISMA_SCHEMA_ENGINE_BINARY names an executable. `generate` never runs
#   it, so a script that exits 1 is enough.
#
# Idempotent: when node_modules was installed from the current package-lock.json on this machine
# architecture, nothing is reinstalled. Needs Node >= 20.19 (vitest 4 and faker 10).
set -euo pipefail
cd "$(dirname "$0")/../toolchains/prisma"

readonly STATE_DIR=node_modules/.fixture-scaffold
readonly STAMP="$STATE_DIR/installed-lock"
readonly STUB="$STATE_DIR/schema-engine-stub"

log() { echo "[40-prisma] $*"; }

# Fails unless Node is at least 20.19, the oldest release vitest 4 and faker 10 support.
check_node() {
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "error: the Prisma toolchain needs Node >= 20.19, found $(node --version)" >&2
    exit 1
  fi
}

# Prints what the install depends on: the lock file's checksum and the machine architecture
# (npm picks native optional packages, e.g. rolldown's binding, per platform).
install_key() {
  echo "$(sha256sum package-lock.json | cut -d' ' -f1) $(uname -s)-$(uname -m)"
}

# Runs `npm ci` unless the stamp says the same lock was already installed here.
install_packages() {
  local key
  key="$(install_key)"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$key" ] && [ -x node_modules/.bin/prisma ]; then
    log "toolchain already installed"
    return
  fi
  log "npm ci (prisma 7, vitest 4, typescript 5.9)"
  CHECKPOINT_DISABLE=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  mkdir -p "$STATE_DIR"
  echo "$key" >"$STAMP"
}

# Writes the schema-engine stub (node_modules/ is rewritten by every `npm ci`, so always check).
write_stub() {
  mkdir -p "$STATE_DIR"
  cat >"$STUB" <<'EOF'
#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded here (see 40-prisma.sh).
echo "schema-engine stub: the native schema engine is not installed; use create-tables.mjs" >&2
exit 1
EOF
  chmod 755 "$STUB"
}

check_node
install_packages
write_stub
log "ready: prisma $(node -p 'require("./node_modules/prisma/package.json").version')"
