#!/usr/bin/env bash
# release-extras.sh: the man pages and shell completions that go into the release
# archives (see .goreleaser.yaml), written to release-extras/.
set -euo pipefail
cd "$(dirname "$0")/.."

out=release-extras
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"
go build -o "$out/hybridadvisor" ./cmd/hybridadvisor
"$out/hybridadvisor" man "$out/man"
for shell in bash zsh fish; do
  "$out/hybridadvisor" completion "$shell" > "$out/completions/hybridadvisor.$shell"
done
"$out/hybridadvisor" completion powershell > "$out/completions/hybridadvisor.ps1"
rm "$out/hybridadvisor"
