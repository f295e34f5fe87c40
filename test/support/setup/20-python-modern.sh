#!/usr/bin/env bash
# Unpacks the "modern" Python stack (SQLAlchemy 2.0, factory_boy 3.3, Faker 33, Alembic 1.13,
# pytest 8, pytest-xdist 3.6, pytest-asyncio, psycopg 3) into .cache/python-modern/site-packages
# for Debian's /usr/bin/python3 (3.11). PyPI is out of reach, so the packages come from Debian
# trixie: only architecture-independent (`_all.deb`) packages are taken, downloaded with
# `apt-get download` and unpacked with `dpkg -x`, never installed. Compiled modules they need
# (greenlet, markupsafe, psycopg2, asyncpg) come from bookworm via 10-debian-packages.sh.
# The trixie apt source is pinned at priority 50, so apt never upgrades anything from it.
# test/support/python.ts puts the folder first on PYTHONPATH so these versions win over bookworm's.
# Idempotent: does nothing when the folder already holds exactly this list of packages and imports
# cleanly; otherwise it is rebuilt from scratch.
set -euo pipefail

root="$(cd "$(dirname "$0")/../../.." && pwd)"
target="$root/.cache/python-modern"
stamp="$target/packages.txt"

# Every package is pure Python in trixie; the list is closed under the dependencies that bookworm
# cannot satisfy with a recent enough version.
packages=(
  python3-sqlalchemy
  python3-typing-extensions
  python3-factory-boy
  python3-fake-factory
  python3-dateutil
  python3-alembic
  python3-mako
  python3-pytest
  python3-pluggy
  python3-iniconfig
  python3-packaging
  python3-pytest-xdist
  python3-execnet
  python3-pytest-asyncio
  python3-psycopg
  python3-sqlmodel
)

sources_file=/etc/apt/sources.list.d/fixture-scaffold-trixie.sources
pin_file=/etc/apt/preferences.d/fixture-scaffold-trixie

# Prints the package names this script wants, sorted, one a line.
wanted_list() {
  printf '%s\n' "${packages[@]}" | LC_ALL=C sort
}

# Succeeds when the folder was unpacked from exactly the wanted packages and still imports cleanly.
already_unpacked() {
  [ -f "$stamp" ] && [ -d "$target/site-packages" ] &&
    [ "$(cut -d= -f1 "$stamp" | LC_ALL=C sort)" = "$(wanted_list)" ] &&
    check_stack "$target" >/dev/null 2>&1
}

# Prints the URI of the Debian mirror that serves bookworm on this machine (deb822 or one-line
# format), or deb.debian.org.
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri="$(awk '
      /^ *$/ { uri = ""; suites = ""; next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { suites = " " substr($0, 8) " " }
      uri != "" && suites ~ / bookworm / { print uri; exit }
    ' /etc/apt/sources.list.d/debian.sources)"
  elif [ -f /etc/apt/sources.list ]; then
    uri="$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# Adds the trixie apt source with a priority-50 pin and refreshes the package lists.
add_trixie_source() {
  cat >"$sources_file" <<SOURCES
# Added by fixture-scaffold's test setup: pure-Python packages for the modern test stack are
# downloaded from here, never installed (see $pin_file).
Types: deb
URIs: $(debian_mirror)
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  cat >"$pin_file" <<PIN
# Added by fixture-scaffold's test setup: never install or upgrade anything from trixie.
Package: *
Pin: release n=trixie
Pin-Priority: 50
PIN
  apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 update
}

# Downloads the trixie packages into the current folder and checks none of them is compiled.
download_packages() {
  local names=() p deb
  for p in "${packages[@]}"; do names+=("$p/trixie"); done
  apt-get -o APT::Sandbox::User=root -o Acquire::Retries=3 download "${names[@]}"
  for deb in ./*.deb; do
    if [ "$(dpkg-deb -f "$deb" Architecture)" != "all" ]; then
      echo "error: $deb is not architecture-independent; compiled trixie packages do not fit Python 3.11" >&2
      exit 1
    fi
  done
}

# Unpacks the downloaded packages into $1/site-packages and records their versions in $1/packages.txt.
unpack_packages() {
  local out="$1" deb
  mkdir -p "$out/root"
  for deb in ./*.deb; do
    dpkg -x "$deb" "$out/root"
    echo "$(dpkg-deb -f "$deb" Package)=$(dpkg-deb -f "$deb" Version)" >>"$out/packages.txt.unsorted"
  done
  mv "$out/root/usr/lib/python3/dist-packages" "$out/site-packages"
  rm -rf "$out/root"
  LC_ALL=C sort "$out/packages.txt.unsorted" >"$out/packages.txt"
  rm "$out/packages.txt.unsorted"
}

# Imports the stack in folder $1 with Debian's Python and prints the versions; fails when a module
# is missing, comes from outside the folder (bookworm's older copy), or is too old. Bytecode goes
# where test/support/python.ts keeps it.
check_stack() {
  env -u PYTHONDONTWRITEBYTECODE PYTHONPATH="$1/site-packages" PYTHONNOUSERSITE=1 \
    PYTHONPYCACHEPREFIX="$root/.cache/pycache" /usr/bin/python3 - "$1/site-packages" <<'PY'
import importlib, os, sys

site = os.path.realpath(sys.argv[1]) + os.sep
versions = {}
for name in ["sqlalchemy", "factory", "faker", "alembic", "pytest", "xdist", "pytest_asyncio", "psycopg"]:
    module = importlib.import_module(name)
    if not os.path.realpath(module.__file__).startswith(site):
        sys.exit(f"{name} is imported from {module.__file__}, not from {site}")
    versions[name] = getattr(module, "__version__", None) or module.VERSION
print(" ".join(f"{name}={version}" for name, version in versions.items()))
if not versions["sqlalchemy"].startswith("2."):
    sys.exit("SQLAlchemy 2 expected")
if not versions["pytest"].startswith("8."):
    sys.exit("pytest 8 expected")
PY
}

if already_unpacked; then
  echo "Modern Python stack already unpacked in $target."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: adding the trixie apt source needs root; run as root or: sudo bash $0" >&2
  exit 1
fi
if [ ! -x /usr/bin/python3 ]; then
  echo "error: /usr/bin/python3 is missing; run test/support/setup/10-debian-packages.sh first" >&2
  exit 1
fi

add_trixie_source
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/debs"
(cd "$work/debs" && download_packages)
(cd "$work/debs" && unpack_packages "$work/stack")
rm -rf "$target"
mkdir -p "$(dirname "$target")"
mv "$work/stack" "$target"
if ! check_stack "$target"; then
  rm -rf "$target"
  echo "error: the unpacked modern Python stack does not import cleanly (see above)" >&2
  exit 1
fi
echo "Modern Python stack unpacked in $target."
