#!/usr/bin/env bash
# Appends one line to the counter file ($1), optionally taking a while ($2 seconds).
echo "run" >> "$1"
sleep "${2:-0}"
echo "counted"
