#!/usr/bin/env bash
# Prints $1 lines of 99 'x' and a newline (100 bytes per line).
line=$(printf 'x%.0s' $(seq 1 99))
for ((i = 0; i < $1; i++)); do
  echo "$line"
done
