#!/usr/bin/env bash
# verify-backup.sh BACKUP_FILE — the archive is intact and holds configuration, data and the release switch.
source "$(dirname "$0")/lib.sh"
[[ $# -eq 1 ]] || die "usage: verify-backup.sh BACKUP_FILE"
[[ -s "$1" ]] || die "backup $1 is missing or empty"
gzip -t "$1" 2>/dev/null || die "backup $1 is not a valid gzip file"
listing=$(tar -tzf "$1") || die "backup $1 cannot be listed"
for entry in config/settings.properties data/invoices.csv current; do
  grep -qx "$entry" <<<"$listing" || die "backup $1 lacks $entry"
done
echo "backup $1 is intact: $(wc -l <<<"$listing") entries"
