#!/usr/bin/env bash
# Prints secrets it was given: one from the environment, one as an argument.
echo "connecting with password $DB_PASSWORD and token $1"
