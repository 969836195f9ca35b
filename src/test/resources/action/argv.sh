#!/usr/bin/env bash
# Prints the number of arguments, then each argument in brackets on its own line.
printf '%s\n' "$#"
for argument in "$@"; do
  printf '[%s]\n' "$argument"
done
