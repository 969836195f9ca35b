#!/usr/bin/env bash
# A runbook step for the crash test: $1 is a path prefix, $2 the step's name.
# Appends one line to $1.$2.runs (so a test can count how often the step really ran), then waits while the file
# $1.$2.hold exists (at most a minute), then writes the file $3 if one is named (a backup must not be empty).
set -eu
prefix=$1
step=$2
mkdir -p "$(dirname "$prefix")"
echo "$step $$" >> "$prefix.$step.runs"
for _ in $(seq 1 300); do
  [ -e "$prefix.$step.hold" ] || break
  sleep 0.2
done
if [ $# -ge 3 ]; then
  echo "$step of $prefix" > "$3"
fi
echo "$step done"
