#!/usr/bin/env bash
# show-config.sh ROOT NODE ITEM — prints a configuration item of a demo node, to be recorded before and after an
# upgrade:
#   release-link   where the switch points and the release found there
# Exits 3 when the item is not there (a "no": recorded as missing).
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: show-config.sh ROOT NODE ITEM"
dir=$(node_dir "$1" "$2")
case "$3" in
  release-link)
    link=$(readlink "$dir/current") || { echo "$dir/current is not a symlink"; exit 3; }
    echo "current -> $link"
    if [[ -f "$dir/$link/VERSION" ]]; then
      echo "VERSION $(cat "$dir/$link/VERSION")"
    else
      echo "VERSION (none: $link is not an installed release)"
    fi
    ;;
  *) die "unknown item '$3'" ;;
esac
