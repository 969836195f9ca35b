#!/usr/bin/env bash
# rollback.sh ROOT NODE BACKUP_FILE — returns the node to the state in the backup: settings, data and the
# release switch. Installed releases stay, so the old release is there to switch back to.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: rollback.sh ROOT NODE BACKUP_FILE"
dir=$(node_dir "$1" "$2")
from=$(running_version "$dir")
"$(dirname "$0")/restore.sh" "$3" "$dir" > /dev/null
to=$(running_version "$dir")
[[ -f "$dir/releases/$to/VERSION" ]] || die "release $to is not installed on $2"
log "$dir" "INFO rolled back $2 from release $from to $to"
echo "rolled back $2 from release $from to $to"
