#!/usr/bin/env bash
# Builds the local Debian base image the lossparity images start from. No container registry is needed:
# debootstrap assembles a minimal bookworm root file system from Debian's packages and docker imports it.
# Run as root on a machine with docker.io and debootstrap installed and dockerd running.
set -euo pipefail
name=${1:-lossparity-base:bookworm}
if docker image inspect "$name" >/dev/null 2>&1; then
  echo "base image $name already present"
  exit 0
fi
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
debootstrap --variant=minbase bookworm "$rootfs"
tar -C "$rootfs" -c . | docker import - "$name"
echo "built $name"
