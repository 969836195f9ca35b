#!/usr/bin/env bash
# backup.sh ROOT NODE BACKUP_FILE — configuration, data and the release switch as one tar.gz.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: backup.sh ROOT NODE BACKUP_FILE"
dir=$(node_dir "$1" "$2")
[[ -d "$dir/config" && -d "$dir/data" && -L "$dir/current" ]] || die "$dir is not a provisioned demo node"
mkdir -p "$(dirname "$3")"
# write to a temporary name first: an interrupted backup never looks complete
tar -czf "$3.partial" -C "$dir" config data current
mv -f "$3.partial" "$3"
log "$dir" "INFO backup of release $(running_version "$dir") written to $3"
echo "backup of $2 (release $(running_version "$dir")) written to $3"
