#!/usr/bin/env bash
# Installs the Debian 12 packages ims needs to build and test. Idempotent; run as root or with sudo.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config binutils unzip
    qt6-base-dev libboost-dev nlohmann-json3-dev libvalijson-dev libsqlite3-dev libssl-dev
    libgtest-dev libgmock-dev libbenchmark-dev libxlsxwriter-dev sqlite3 libxml2-utils time
    clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
