#!/usr/bin/env bash
# installer/need-apt.sh PKG...: install the Debian packages a build or check step needs (as root;
# a fresh CI machine has none of them). apt-get update runs only when an install fails without it.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then echo "needs these Debian packages: sudo apt-get install -y ${missing[*]}" >&2; exit 1; fi
printf '\033[1m[apt]\033[0m installing %s\n' "${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt_install() { apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
apt_install 2>/dev/null || { apt-get -o DPkg::Lock::Timeout=600 update -qq && apt_install; }
