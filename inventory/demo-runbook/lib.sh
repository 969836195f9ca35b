# Shared by the demo runbook scripts. A demo node is a folder:
#   <root>/<node>/releases/<version>/   installed releases (VERSION file, release notes)
#   <root>/<node>/current               symlink to releases/<version>: the switch an upgrade flips
#   <root>/<node>/config/               settings of the node (release=, max_connections=, ...) and its
#                                       scheduled jobs (crontab lines)
#   <root>/<node>/data/invoices.csv     business data; an upgrade migrates it (adds the currency column)
#   <root>/<node>/logs/                 what the scripts did, for log scans
set -euo pipefail

die() { echo "ERROR: $*" >&2; exit 1; }

# node_dir ROOT NODE: the node's folder, refusing names that could leave the root.
node_dir() {
  [[ "$2" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "invalid node id '$2'"
  [[ -n "$1" ]] || die "no demo target root given"
  echo "$1/$2"
}

# running_version NODE_DIR: the release the current symlink points at.
running_version() {
  local link
  link=$(readlink "$1/current") || die "$1/current is not a symlink: node not provisioned"
  basename "$link"
}

# install_release NODE_DIR VERSION: unpacks a release (here: writes its files) unless already installed.
install_release() {
  [[ "$2" =~ ^[0-9A-Za-z][0-9A-Za-z._+-]*$ ]] || die "invalid version '$2'"
  local dir="$1/releases/$2"
  if [[ ! -f "$dir/VERSION" ]]; then
    mkdir -p "$dir"
    echo "Demo release $2 of $(basename "$1")" > "$dir/RELEASE-NOTES.txt"
    echo "$2" > "$dir/VERSION"
  fi
}

# switch_to NODE_DIR VERSION: points current at the release in one atomic rename.
switch_to() {
  ln -sfn "releases/$2" "$1/current.next"
  mv -T "$1/current.next" "$1/current"
}

# set_setting FILE KEY VALUE
set_setting() {
  if grep -q "^$2=" "$1"; then
    sed -i "s|^$2=.*|$2=$3|" "$1"
  else
    echo "$2=$3" >> "$1"
  fi
}

log() {
  mkdir -p "$1/logs"
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $2" >> "$1/logs/runbook.log"
}
