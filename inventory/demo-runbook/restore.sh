#!/usr/bin/env bash
# restore.sh BACKUP_FILE DIRECTORY — unpacks a backup into DIRECTORY, replacing its config, data and switch.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 2 ]] || die "usage: restore.sh BACKUP_FILE DIRECTORY"
[[ -s "$1" ]] || die "backup $1 is missing or empty"
mkdir -p "$2"
staging=$(mktemp -d "$2/.restore.XXXXXX")
trap 'rm -rf "$staging"' EXIT
tar -xzf "$1" -C "$staging" || die "backup $1 cannot be unpacked"
rm -rf "$2/config" "$2/data" "$2/current"
mv "$staging/config" "$staging/data" "$staging/current" "$2/"
echo "restored $1 into $2"
