#!/usr/bin/env bash
# A backup that cannot read its data directory.
echo "backing up $1"
echo "tar: data: Cannot open: No such file or directory" >&2
exit 2
