#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests: code-server 4.100.3 (VS Code 1.100.3 served to a
# browser, the newest release that runs on Node 20) from npm, plus Debian's chromium to drive it
# through playwright-core. VS Code's own download hosts are unreachable, so this is the only route;
# see /work/shared/notes/vscode-e2e.md for why each step is here.
#
# Idempotent: each step checks whether its work is already done. Runs as root in CI (apt needs it);
# elsewhere it uses sudo for apt when the packages are missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."

readonly CS_DIR=test/support/toolchains/code-server
readonly CS_VERSION=4.100.3
# The @vscode/ripgrep release inside code-server 4.100.3 and the ripgrep build its postinstall wants.
readonly RG_PKG_VERSION=1.15.11
readonly RG_BUILD=v13.0.0-10
readonly STAMP="$CS_DIR/node_modules/.fixture-scaffold-installed"

log() { echo "[30-vscode] $*"; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: the browser; ripgrep (replaces a GitHub download, see seed_ripgrep_cache);
# Kerberos headers for VS Code's `kerberos` native module; compilers and Python for node-gyp, which
# builds code-server's native modules from source (a fresh Debian image has none); a font so
# screenshots show text.
readonly DEBIAN_PACKAGES=(chromium ripgrep libkrb5-dev build-essential python3 fonts-dejavu-core)

# Installs the Debian packages that are not installed yet. `apt-get update` runs only when needed:
# when apt does not know one of them (a fresh image has empty package lists) or the install fails
# (stale lists pointing at superseded versions).
install_debian_packages() {
  local missing=() pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages already installed"
    return
  fi
  export DEBIAN_FRONTEND=noninteractive
  if apt-cache show "${missing[@]}" >/dev/null 2>&1 && apt_install "${missing[@]}"; then
    return
  fi
  log "apt-get update"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt_install "${missing[@]}"
}

# Installs Debian packages without their recommended extras.
apt_install() {
  log "apt-get install $*"
  as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@"
}

# Prints the ripgrep target triple @vscode/ripgrep's postinstall computes for this machine.
ripgrep_target() {
  case "$(uname -m)" in
    x86_64) echo x86_64-unknown-linux-musl ;;
    aarch64 | arm64) echo aarch64-unknown-linux-musl ;;
    *) echo "unsupported-$(uname -m)" ;;
  esac
}

# Puts Debian's rg where @vscode/ripgrep's postinstall looks for a cached download, so it never
# contacts GitHub (which may be unreachable).
seed_ripgrep_cache() {
  local cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG_VERSION"
  local tarball
  tarball="$cache/ripgrep-$RG_BUILD-$(ripgrep_target).tar.gz"
  if [ -s "$tarball" ]; then
    log "ripgrep cache already seeded: $tarball"
    return
  fi
  local staging
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  mkdir -p "$cache"
  tar -czf "$tarball.partial" -C "$staging" rg
  mv "$tarball.partial" "$tarball"
  rm -rf "$staging"
  log "ripgrep cache seeded: $tarball"
}

# Points node-gyp at the running Node's own headers when they are installed (as with Debian's
# nodejs or an official tarball), so building native modules does not download them.
use_local_node_headers() {
  local prefix
  prefix="$(dirname "$(dirname "$(node -p process.execPath)")")"
  if [ -z "${npm_config_nodedir:-}" ] && [ -f "$prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$prefix"
  fi
}

# Prints a fingerprint of what `npm ci` would install: the pinned version plus the lockfile's hash.
install_fingerprint() {
  echo "$CS_VERSION $(sha256sum "$CS_DIR/package-lock.json" | cut -d' ' -f1)"
}

# Installs code-server from the lockfile unless the same install already completed (the stamp is
# written only after `npm ci`, including code-server's postinstall, succeeded).
install_code_server() {
  local want
  want="$(install_fingerprint)"
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] &&
    [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
    log "code-server $CS_VERSION already installed"
    return
  fi
  seed_ripgrep_cache
  use_local_node_headers
  log "npm ci in $CS_DIR (builds native modules from source, about 70 s)"
  local started=$SECONDS
  # unsafe_perm: code-server's postinstall refuses to run as root otherwise. yes: its nested
  # `npx node-gyp` must not stop at a prompt (a user ~/.npmrc may say yes=false).
  # dangerously_allow_all_scripts: npm >= 11.19 skips dependency install scripts unless a
  # package.json `allowScripts` policy approves them, and code-server's postinstall runs
  # `npm install` inside its own bundled VS Code tree (whose package.json we cannot edit) to build
  # node-pty, kerberos and friends. Older npm ignores the setting.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_dangerously_allow_all_scripts=true npm ci --no-audit --no-fund)
  check_code_server
  echo "$want" >"$STAMP"
  log "code-server $CS_VERSION installed in $((SECONDS - started)) s"
}

# Fails when the install is incomplete: the server entry point and version, and the work of
# code-server's postinstall (the node_modules.asar link VS Code loads ripgrep through, and the
# terminal's native module built for this Node).
check_code_server() {
  local cs="$CS_DIR/node_modules/code-server"
  local vs="$cs/lib/vscode"
  [ -f "$cs/out/node/entry.js" ] || fail "$cs/out/node/entry.js is missing"
  local got
  got="$(node -p "require('./$cs/package.json').version")"
  [ "$got" = "$CS_VERSION" ] || fail "code-server is $got, expected $CS_VERSION"
  [ -L "$vs/node_modules.asar" ] || fail "$vs/node_modules.asar is missing: code-server's postinstall did not run"
  [ -x "$vs/node_modules.asar/@vscode/ripgrep/bin/rg" ] || fail "VS Code's ripgrep binary is missing"
  [ -f "$vs/node_modules/node-pty/build/Release/pty.node" ] || fail "node-pty was not built"
}

# Prints an error and stops the script.
fail() {
  log "ERROR: $*"
  exit 1
}

install_debian_packages
install_code_server
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'not runnable')"
