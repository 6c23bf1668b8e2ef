#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sourced by the scripts in this folder: makes sure the Debian 12 packages
# they need are installed. As root it installs what is missing with apt-get;
# otherwise it prints the apt-get line to run and stops.
#
# Usage: source scripts/deps.sh; need_packages pkg...
need_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "missing packages; run as root first:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# What building the library, the tools and the C/C++ tests needs.
MIP_BUILD_PACKAGES=(build-essential cmake pkg-config libcurl4-openssl-dev libsimdjson-dev
  libcpp-httplib-dev libcli11-dev libgtest-dev curl)

# What the .debs need besides (scripts/package.sh --debs): dpkg-buildflags
# and dpkg-shlibdeps (dpkg-dev) and file, which cpack runs, and help2man,
# which writes the man pages.
MIP_DEB_PACKAGES=(dpkg-dev file help2man)
