#!/usr/bin/env bash
# verify-restore.sh DIRECTORY — a restored copy is usable: settings name the release the switch points at,
# and the invoices are complete and well-formed.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 1 ]] || die "usage: verify-restore.sh DIRECTORY"
[[ -L "$1/current" ]] || die "$1/current was not restored"
release=$(running_version "$1")
configured=$(sed -n 's/^release=//p' "$1/config/settings.properties" 2>/dev/null) || true
[[ "$configured" == "$release" ]] || die "settings name release '$configured' but the switch points at '$release'"
"$(dirname "$0")/check.sh" "$(dirname "$1")" "$(basename "$1")" invoices-readable
echo "restore in $1 verified: release $release"
