#!/usr/bin/env bash
# Installs the Debian 12 packages the end-to-end tests need: PostgreSQL (the tests start their own
# throwaway clusters, never the Debian service) and the "classic" Python stack that runs generated
# factory_boy/pytest code (SQLAlchemy 1.4, factory_boy 2.11, Faker 0.9, Alembic 1.8, pytest 7).
# It also installs the compiled modules that the "modern" stack (20-python-modern.sh) borrows from
# bookworm, because compiled packages from trixie are built for another Python.
# Idempotent: when every package is already installed it does nothing (not even `apt-get update`).
set -euo pipefail

packages=(
  postgresql
  python3-pytest
  python3-pytest-xdist
  python3-pytest-asyncio
  python3-sqlalchemy
  python3-factory-boy
  python3-fake-factory
  python3-alembic
  python3-psycopg2
  python3-psycopg
  python3-asyncpg
  python3-sqlmodel
  # Compiled modules the modern stack imports from bookworm.
  python3-markupsafe
  python3-greenlet
)

# Prints the packages that are not installed yet, one a line.
missing_packages() {
  local p
  for p in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != "installed" ]; then
      echo "$p"
    fi
  done
}

missing="$(missing_packages)"
if [ -z "$missing" ]; then
  echo "Debian packages already installed."
  exit 0
fi
echo "Installing: $(echo "$missing" | tr '\n' ' ')"

if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing Debian packages needs root; run as root or: sudo bash $0" >&2
  exit 1
fi

# Keep package scripts from starting the Debian PostgreSQL service: tests start their own clusters.
# An existing policy (as in container images) is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 update
# shellcheck disable=SC2086 # $missing is a newline-separated list of package names.
apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 install -y --no-install-recommends $missing
