#!/usr/bin/env bash
# Where a package cannot be installed and run (no emulation for its architecture): lintian, the
# control fields, and that every ELF file in it is for the package's architecture.
set -euo pipefail
deb="$1"
"$(dirname "$0")/../need-apt.sh" lintian file
arch="$(dpkg-deb -f "$deb" Architecture)"
# tolerated here: a private tree under /opt by design, the wheels' own bundled and unstripped
# libraries and byte-code, reportlab's font data; no changelog/copyright file in this package yet
out="$(lintian --no-tag-display-limit --suppress-tags dir-or-file-in-opt,embedded-library,unstripped-binary-or-object,\
package-installs-python-pycache-dir,license-problem-font-adobe-copyrighted-fragment,\
license-problem-font-adobe-copyrighted-fragment-no-credit,library-not-linked-against-libc,no-changelog,\
no-copyright-file,bogus-mail-host "$deb" 2>&1 || true)"
if grep '^E:' <<<"$out"; then echo "lintian errors in $deb" >&2; exit 1; fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
want="$([ "$arch" = arm64 ] && echo aarch64 || echo x86-64)"
wrong="$(find "$tmp" -type f \( -name '*.so*' -o -perm -u+x \) -exec file {} + | grep ELF | grep -v -i "$want" || true)"
[ -z "$wrong" ] || { echo "ELF files of another architecture in $deb:"; echo "$wrong" | head; exit 1; } >&2
printf '\033[1m[lint]\033[0m %s: lintian has no errors, every ELF file is %s\n' "$deb" "$want" >&2
