# shellcheck shell=bash
# What bench/archive-inspect and bench/download-inspect share: jailspec's classes and classpath,
# the bench's own classes, and the synthetic Rocky-like root file system they both read. Sourced
# from the project root with MVN, bytes and out set.
: "${MVN:?}" "${bytes:?}" "${out:?}"

# Sets cp: jailspec's classes (recompiled when a main source is newer), the runtime classpath and
# the bench classes (compiled when a bench source is newer).
bench_classes() {
    if [ ! -f target/classes/dev/jailspec/artifact/ArchiveInspector.class ] \
            || [ -n "$(find src/main/java -name '*.java' -newer target/classes/dev/jailspec/artifact/ArchiveInspector.class | head -1)" ]; then
        echo "compiling jailspec (mvn compile) ..." >&2
        $MVN compile >&2
    fi
    if [ ! -s "$out/classpath.txt" ] || [ pom.xml -nt "$out/classpath.txt" ]; then
        $MVN dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/classpath.txt" >&2
    fi
    cp="target/classes:$(cat "$out/classpath.txt")"
    if [ ! -f "$out/classes/DownloadInspect.class" ] || [ -n "$(find bench/src -newer "$out/classes/DownloadInspect.class" | head -1)" ] \
            || [ -n "$(find target/classes -name '*.class' -newer "$out/classes/DownloadInspect.class" | head -1)" ]; then
        javac -d "$out/classes" -cp "$cp" bench/src/RootfsGen.java bench/src/InspectArchive.java bench/src/DownloadInspect.java
    fi
    cp="$out/classes:$cp"
}

# Sets archive and single: the userland compressed by `xz -T2 -6` (blocks) and by `xz -T1 -6` (one
# block), each built once (a few minutes) and kept under $out.
bench_archives() {
    archive="$out/rootfs-$bytes.tar.xz"
    if [ ! -s "$archive" ]; then
        echo "building $archive (once; cached) ..." >&2
        java -cp "$cp" RootfsGen "$bytes" 2> "$archive.info" | xz -T2 -6 -c > "$archive.part"
        mv "$archive.part" "$archive"
    fi
    single="$out/rootfs-$bytes.single-block.tar.xz"
    if [ ! -s "$single" ]; then
        echo "building $single (once; cached; single-threaded xz) ..." >&2
        xz -dc "$archive" | xz -T1 -6 -c > "$single.part"
        mv "$single.part" "$single"
    fi
    [ "$(xz --robot -l "$single" | awk -F'\t' '$1=="totals"{print $3}')" = 1 ] \
        || { echo "bench: $single should be one xz block" >&2; exit 1; }
}

# `bench_describe FILE`: one line with its sizes, blocks and sha256.
bench_describe() {
    local blocks usize csize
    blocks=$(xz --robot -l "$1" | awk -F'\t' '$1=="totals"{print $3}')
    usize=$(xz --robot -l "$1" | awk -F'\t' '$1=="totals"{print $5}')
    csize=$(stat -c %s "$1")
    echo "archive: $1  $csize bytes xz, $usize bytes tar, $blocks xz blocks, sha256 $(sha256sum "$1" | cut -c1-16)..."
}

bench_machine() {
    echo "machine: $(nproc) cpus ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'))," \
         "$(java -version 2>&1 | head -1), $(xz --version | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
