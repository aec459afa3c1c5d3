#!/usr/bin/env bash
# Installs everything ddb-server and Cruddur need to build and test on Debian 12 (bookworm), from
# Debian's own packages (npm for the web pages' tooling). Safe to run again: apt-get skips what
# is installed. Needs root or sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl
  librocksdb-dev libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev
  libboost-url1.81-dev libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-client openssl
  libhiredis-dev redis-server libsodium-dev
  libsimdjson-dev libssl-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy clang libclang-rt-14-dev
  python3 python3-pytest python3-boto3 python3-requests awscli
  openjdk-17-jre-headless
)
command -v npm >/dev/null || packages+=(npm)
# --browser: Debian's chromium, which the browser tests drive (tools/dev test).
[[ ${1:-} == --browser ]] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
