package dev.jailspec.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * pkg's progress bar when stdout is not a terminal (freebsd/pkg tag 2.7.5, src/event.c
 * progressbar_start, progressbar_tick, progressbar_stop): "MESSAGE: ", then one dot each time a tick's
 * percentage reaches a new tenth ({@code last_progress_percent / 10 < percent / 10}, C's division, so
 * the first dot needs 10%), and " done" at the first tick whose current reaches its total; later ticks
 * print nothing. The ticks are the callers': fetch_file.c stdio_fetch one per 8192-byte read,
 * repo/binary/update.c one per ten catalogue entries and one at the end, pkg_jobs.c one per candidate
 * and one at the end, pkg_add.c one per extracted file that is not a directory and two at the end.
 */
final class PkgProgress {
    private PkgProgress() {
    }

    /** The line for {@code ticks} ({current, total} pairs). */
    static String line(String message, List<long[]> ticks) {
        StringBuilder b = new StringBuilder(message).append(": ");
        int last = -1;
        for (long[] t : ticks) {
            int percent = t[1] != 0 ? (int) (t[0] * 100.0 / t[1]) : 100;
            if (last / 10 < percent / 10) {
                last = percent;
                b.append('.');
            }
            if (t[0] >= t[1]) {
                return b.append(" done").toString();
            }
        }
        return b.toString();
    }

    /** stdio_fetch's ticks for a body of {@code size} bytes (the server sends its length). */
    static List<long[]> fetch(long size) {
        List<long[]> out = new ArrayList<>();
        for (long done = Math.min(8192, size); done > 0; done = done >= size ? 0 : Math.min(done + 8192, size)) {
            out.add(new long[] {done, size});
        }
        return out;
    }

    /** pkg_repo_binary_update_proceed's ticks for {@code n} entries of the catalogue. */
    static List<long[]> entries(long n) {
        List<long[]> out = new ArrayList<>();
        for (long cnt = 10; cnt <= n; cnt += 10) {
            out.add(new long[] {cnt, n});
        }
        out.add(new long[] {n, n});
        return out;
    }

    /** pkg_jobs.c's ticks: one per element, {@code elements} of {@code total}, then total of total. */
    static List<long[]> candidates(long elements, long total) {
        List<long[]> out = new ArrayList<>();
        for (long i = 1; i <= elements; i++) {
            out.add(new long[] {i, total});
        }
        out.add(new long[] {total, total});
        return out;
    }

    /**
     * pkg_add.c do_extract's ticks for an xz tar package: nfiles is its files and directories (the
     * fixture has no +MANIFEST, so its entries stand for the manifest's, {@code ./} left out); with none,
     * do_extract returns before "Extracting" is printed, which {@code null} says.
     */
    static List<long[]> extraction(byte[] pkg) throws IOException {
        long nfiles = 0;
        long notDirs = 0;
        try (InputStream in = ArchiveFilters.open(new ByteArrayInputStream(pkg))) {
            TarReader r = new TarReader(in);
            for (TarReader.Entry e = r.next(); e != null; e = r.next()) {
                if (e.name().equals("./") || e.name().equals(".")) {
                    continue;
                }
                nfiles++;
                if (e.type() != '5') {
                    notDirs++;
                }
            }
        }
        if (nfiles == 0) {
            return null;
        }
        List<long[]> out = new ArrayList<>();
        for (long cur = 0; cur < notDirs; cur++) {
            out.add(new long[] {cur, nfiles});
        }
        out.add(new long[] {notDirs, nfiles});
        out.add(new long[] {nfiles, nfiles});
        return out;
    }
}
