#!/bin/sh
# Merges the allure-results of several matrix cells (one CI job each) into one Allure HTML report.
#
#   sh ci-examples/merge-cells.sh CELLS_DIR OUT_DIR
#
# CELLS_DIR holds one directory per cell, each with the cell's reports/ as the cell job uploaded
# it (allure-results/, events.jsonl, transcripts/). OUT_DIR gets allure-results/ (all cells'
# results side by side: Allure names every result file by its own UUID, so nothing collides),
# allure-report/ (the HTML report) and transcripts/<cell>/ (the fidelity bundles).
# Needs Java 17 and Maven: Allure's command line comes from Maven Central, the version the
# project's pom.xml pins, unless ALLURE names an allure executable to use.
set -eu

[ $# -eq 2 ] || { echo "usage: merge-cells.sh CELLS_DIR OUT_DIR" >&2; exit 2; }
cells=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$cells" ] || { echo "merge-cells.sh: $cells is not a directory" >&2; exit 2; }

mkdir -p "$out/allure-results" "$out/transcripts"
found=0
for cell in "$cells"/*/; do
    name=$(basename "$cell")
    results=$(find "$cell" -type d -name allure-results | head -n 1)
    if [ -z "$results" ]; then
        echo "merge-cells.sh: $name has no allure-results (its job failed before the features ran?)" >&2
        continue
    fi
    # Two cells with the same file name would be a copy of one result, not two results.
    for f in "$results"/*; do
        [ -e "$out/allure-results/$(basename "$f")" ] && { echo "merge-cells.sh: $f is in two cells" >&2; exit 1; }
        cp "$f" "$out/allure-results/"
    done
    transcripts=$(find "$cell" -type d -name transcripts | head -n 1)
    [ -z "$transcripts" ] || cp -R "$transcripts" "$out/transcripts/$name"
    found=$((found + 1))
done
[ "$found" -gt 0 ] || { echo "merge-cells.sh: no cell in $cells has allure-results" >&2; exit 1; }

allure=${ALLURE:-}
if [ -z "$allure" ]; then
    version=$(sed -n 's:.*<allure.commandline.version>\(.*\)</allure.commandline.version>.*:\1:p' "$here/pom.xml")
    [ -n "$version" ] || { echo "merge-cells.sh: no allure.commandline.version in $here/pom.xml" >&2; exit 1; }
    tools="$out/.allure-commandline"
    allure="$tools/allure-$version/bin/allure"
    if [ ! -x "$allure" ]; then
        mvn -B -q dependency:unpack -Dartifact="io.qameta.allure:allure-commandline:$version:zip" \
            -DoutputDirectory="$tools" -Dmdep.overWriteReleases=true
    fi
fi
"$allure" generate --clean -o "$out/allure-report" "$out/allure-results"
echo "merge-cells.sh: $found cells merged into $out/allure-report/index.html"
