#!/usr/bin/env bash
# upgrade.sh ROOT NODE TARGET_VERSION — installs the release, migrates the data (adds the currency column),
# updates the settings and flips the switch. Safe to run again.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: upgrade.sh ROOT NODE TARGET_VERSION"
dir=$(node_dir "$1" "$2")
from=$(running_version "$dir")
install_release "$dir" "$3"
csv="$dir/data/invoices.csv"
if ! head -n 1 "$csv" | grep -q ';currency$'; then
  awk 'NR == 1 { print $0 ";currency"; next } { print $0 ";EUR" }' "$csv" > "$csv.next"
  mv -f "$csv.next" "$csv"
fi
set_setting "$dir/config/settings.properties" release "$3"
switch_to "$dir" "$3"
log "$dir" "INFO upgraded $2 from release $from to $3"
echo "upgraded $2 from release $from to $3"
