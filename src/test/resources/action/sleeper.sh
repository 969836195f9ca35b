#!/usr/bin/env bash
# Starts a child that sleeps long, writes the child's pid to $1, and waits for it.
sleep 60 &
echo $! > "$1"
echo "waiting for $!"
wait
