#!/bin/sh
# Fetches the `results` artifact of each cell task of this Cirrus build into CELLS_DIR/<alias>/,
# for merge-cells.sh. Cirrus serves a task's artifacts as one zip at
# https://api.cirrus-ci.com/v1/artifact/build/<CIRRUS_BUILD_ID>/<task name or alias>/<artifacts name>.zip
# (Cirrus CI's artifacts docs; used so by many public .cirrus.yml files).
#
#   sh ci-examples/cirrus/fetch-cells.sh CELLS_DIR ALIAS...
set -eu

[ $# -ge 2 ] || { echo "usage: fetch-cells.sh CELLS_DIR ALIAS..." >&2; exit 2; }
: "${CIRRUS_BUILD_ID:?fetch-cells.sh runs in a Cirrus task: CIRRUS_BUILD_ID is not set}"
cells=$1
shift
mkdir -p "$cells"
for alias in "$@"; do
    url="https://api.cirrus-ci.com/v1/artifact/build/$CIRRUS_BUILD_ID/$alias/results.zip"
    if curl -fsSL -o "$cells/$alias.zip" "$url"; then
        mkdir -p "$cells/$alias"
        unzip -q -o "$cells/$alias.zip" -d "$cells/$alias"
        rm "$cells/$alias.zip"
    else
        echo "fetch-cells.sh: no results for $alias ($url)" >&2
    fi
done
