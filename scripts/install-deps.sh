#!/usr/bin/env bash
# Installs the Debian 12 packages klaude needs to build and test. Idempotent: installs only
# what is missing, and does nothing (no apt-get update) when everything is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache
  libpoco-dev rapidjson-dev libboost-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev libedit-dev libmd4c-dev
  nodejs npm openssl git valgrind
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node and npm may come from outside Debian (e.g. NodeSource); accept any Node >= 18 on PATH.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do
    [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p")
  done
  missing=("${filtered[@]}")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
