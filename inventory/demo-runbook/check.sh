#!/usr/bin/env bash
# check.sh ROOT NODE CHECK — acceptance checks of a demo node:
#   invoices-readable       every invoice row has the header's fields, amounts are whole cents
#   config-matches-release  the settings name the release the switch points at
source "$(dirname "$0")/lib.sh"
[[ $# -eq 3 ]] || die "usage: check.sh ROOT NODE CHECK"
dir=$(node_dir "$1" "$2")
case "$3" in
  invoices-readable)
    csv="$dir/data/invoices.csv"
    [[ -r "$csv" ]] || die "$csv is missing"
    head -n 1 "$csv" | grep -q '^id;customer;amount_cents' || die "$csv has no invoice header"
    awk -F';' 'NR == 1 { fields = NF; next }
               NF != fields || $3 !~ /^[0-9]+$/ { printf "line %d is malformed: %s\n", NR, $0; bad++ }
               END { if (NR < 2) { print "no invoices"; exit 1 } if (bad) exit 1; printf "%d invoices readable\n", NR - 1 }' "$csv" \
      || die "invoices of $2 are not readable"
    ;;
  config-matches-release)
    release=$(running_version "$dir")
    configured=$(sed -n 's/^release=//p' "$dir/config/settings.properties")
    [[ "$configured" == "$release" ]] || die "settings name release '$configured', running '$release'"
    echo "settings match running release $release"
    ;;
  *) die "unknown check '$3'" ;;
esac
