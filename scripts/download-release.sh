#!/usr/bin/env bash
# download-release.sh VERSION DIR: install the released hybridadvisor binary for
# this runner into DIR, checked against the release's checksums.txt. VERSION is
# a tag (v1.2.0) or "latest". Exits 1 when there is no such release or no
# archive for this OS and architecture, so the caller can build instead (used by
# action.yml; REPO and GH_TOKEN come from the environment).
set -euo pipefail

version=${1:?usage: download-release.sh VERSION DIR}
dir=${2:?usage: download-release.sh VERSION DIR}
repo=${REPO:-hybridadvisor/hybridadvisor}
auth=()
if [ -n "${GH_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer $GH_TOKEN"); fi

case "${RUNNER_OS:-$(uname -s)}" in
  Linux) os=linux ;;
  macOS | Darwin) os=darwin ;;
  Windows | MINGW* | MSYS*) os=windows ;;
  *) echo "no release archive for OS ${RUNNER_OS:-$(uname -s)}" >&2; exit 1 ;;
esac
case "${RUNNER_ARCH:-$(uname -m)}" in
  X64 | x86_64 | amd64) arch=amd64 ;;
  ARM64 | arm64 | aarch64) arch=arm64 ;;
  *) echo "no release archive for architecture ${RUNNER_ARCH:-$(uname -m)}" >&2; exit 1 ;;
esac

tag=$version
if [ "$version" = latest ]; then
  tag=$(curl -fsSL "${auth[@]}" "${API_URL:-https://api.github.com}/repos/$repo/releases/latest" 2>/dev/null |
    sed -n 's/^ *"tag_name": *"\([^"]*\)".*/\1/p' | head -n 1) || true
  if [ -z "$tag" ]; then
    echo "no release of $repo yet" >&2
    exit 1
  fi
fi

ext=tar.gz
if [ "$os" = windows ]; then ext=zip; fi
asset="hybridadvisor_${tag#v}_${os}_${arch}.${ext}"
base="${RELEASES_URL:-https://github.com/$repo/releases/download}/$tag"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! curl -fsSL "${auth[@]}" -o "$tmp/$asset" "$base/$asset" ||
  ! curl -fsSL "${auth[@]}" -o "$tmp/checksums.txt" "$base/checksums.txt"; then
  echo "no $asset in release $tag of $repo" >&2
  exit 1
fi

want=$(awk -v f="$asset" '$2 == f { print $1 }' "$tmp/checksums.txt")
if command -v sha256sum >/dev/null; then
  got=$(sha256sum "$tmp/$asset" | cut -d' ' -f1)
else
  got=$(shasum -a 256 "$tmp/$asset" | cut -d' ' -f1)
fi
if [ -z "$want" ] || [ "$want" != "$got" ]; then
  echo "::error::$asset does not match checksums.txt of release $tag" >&2
  exit 2
fi

mkdir -p "$dir"
if [ "$ext" = zip ]; then
  unzip -q -o "$tmp/$asset" -d "$tmp/x"
else
  mkdir "$tmp/x" && tar -xzf "$tmp/$asset" -C "$tmp/x"
fi
cp "$tmp/x"/hybridadvisor* "$dir"/
echo "installed hybridadvisor $tag ($os/$arch) from the release"
