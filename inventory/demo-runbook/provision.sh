#!/usr/bin/env bash
# provision.sh ROOT NODE VERSION — creates a demo node running VERSION (settings, scheduled jobs, invoice data),
# unless it exists already.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: provision.sh ROOT NODE VERSION"
dir=$(node_dir "$1" "$2")
if [[ -L "$dir/current" ]]; then
  echo "$2 already provisioned, running $(running_version "$dir")"
  exit 0
fi
mkdir -p "$dir/config" "$dir/data" "$dir/logs"
install_release "$dir" "$3"
# a per-node integration key: configuration records show it masked (integration_api_key=****)
key=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
cat > "$dir/config/settings.properties" <<SETTINGS
node=$2
release=$3
max_connections=100
integration_api_key=$key
SETTINGS
cat > "$dir/config/scheduled-jobs" <<JOBS
# minute hour day month weekday  job
15 2 * * *  export-invoices --to /srv/exchange/invoices
0 6 1 * *   month-end-report --mail finance@example.org
JOBS
cat > "$dir/data/invoices.csv" <<DATA
id;customer;amount_cents
1001;Acme GmbH;129900
1002;Globex AG;45000
1003;Initech KG;990
1004;Umbrella SE;1250000
1005;Stark OHG;7300
DATA
switch_to "$dir" "$3"
log "$dir" "INFO provisioned $2 at release $3"
echo "provisioned $2 at release $3"
