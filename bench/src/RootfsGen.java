import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a synthetic Linux root file system as a tar to stdout, the same bytes on every run
 * (java.util.Random with a fixed seed; its algorithm is specified by the JDK). Shaped like a
 * distribution userland: thousands of small text and binary files, shared libraries with
 * symlinks, a few large data files, already-compressed man pages. Content is mixed so that
 * xz -6 compresses it roughly 3 to 4 times, as it does a real userland.
 *
 * <p>Usage: {@code java -cp CLASSPATH RootfsGen [totalBytes]} (default 300,000,000).
 */
public final class RootfsGen {
    static final long SEED = 20250531L;
    static final long MTIME = 1748649600000L; // 2025-05-31T00:00:00Z

    private final Random rnd = new Random(SEED);
    private final String[] words;
    private final byte[][] snippets;
    private final TarArchiveOutputStream tar;
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private long written;
    private int files;
    private int links;
    private int dirs;

    private RootfsGen(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        words = new String[6000];
        for (int i = 0; i < words.length; i++) {
            int len = 2 + rnd.nextInt(9);
            StringBuilder sb = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                sb.append((char) ('a' + skew(26, 2)));
            }
            words[i] = sb.toString();
        }
        snippets = new byte[3000][];
        for (int i = 0; i < snippets.length; i++) {
            byte[] s = new byte[1 + rnd.nextInt(7)];
            for (int j = 0; j < s.length; j++) {
                s[j] = (byte) skew(256, 2);
            }
            snippets[i] = s;
        }
    }

    /** An index in [0, n), small ones far more likely (u^power). */
    private int skew(int n, int power) {
        double u = rnd.nextDouble();
        double p = u;
        for (int i = 1; i < power; i++) {
            p *= u;
        }
        return (int) (p * n);
    }

    private long logNormal(double median, double sigma, long min, long max) {
        double v = median * StrictMath.exp(sigma * rnd.nextGaussian());
        return Math.max(min, Math.min(max, (long) v));
    }

    enum Kind { TEXT, BINARY, RANDOM, DATA }

    record Spec(String path, long size, Kind kind, int mode) {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 300_000_000L;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        OutputStream out = new DigestOutputStream(new BufferedOutputStream(System.out, 1 << 20), sha);
        RootfsGen g = new RootfsGen(out);
        g.run(total);
        out.flush();
        System.err.printf("RootfsGen: %d bytes of content in %d files, %d dirs, %d links; tar sha256 %s%n",
                g.written, g.files, g.dirs, g.links, HexFormat.of().formatHex(sha.digest()));
    }

    private void run(long total) throws IOException {
        List<String> dirList = new ArrayList<>();
        List<Spec> specs = new ArrayList<>();
        for (String d : new String[] {"", "etc", "etc/pki", "etc/yum.repos.d", "usr", "usr/bin", "usr/sbin",
                "usr/lib", "usr/lib64", "usr/libexec", "usr/share", "usr/share/doc", "usr/share/man",
                "usr/share/licenses", "usr/share/zoneinfo", "usr/share/locale", "usr/lib/python3.9",
                "usr/lib/python3.9/site-packages", "var", "var/lib", "var/lib/rpm", "var/cache", "tmp", "root",
                "proc", "sys", "dev", "run", "home"}) {
            dirList.add(d);
        }
        for (int i = 1; i <= 8; i++) {
            dirList.add("usr/share/man/man" + i);
        }
        for (int i = 0; i < 90; i++) {
            String lang = words[100 + i].substring(0, Math.min(2, words[100 + i].length())) + "_" + i;
            dirList.add("usr/share/locale/" + lang);
            dirList.add("usr/share/locale/" + lang + "/LC_MESSAGES");
            for (int j = 0; j < 14; j++) {
                specs.add(new Spec("usr/share/locale/" + lang + "/LC_MESSAGES/" + words[j * 7 + i] + ".mo",
                        logNormal(12_000, 1.0, 200, 400_000), Kind.TEXT, 0644));
            }
        }
        for (int p = 0; p < 420; p++) {
            String pkg = words[1000 + p] + "-" + (1 + p % 7) + "." + (p % 13);
            dirList.add("usr/share/doc/" + pkg);
            dirList.add("usr/share/licenses/" + pkg);
            specs.add(new Spec("usr/share/licenses/" + pkg + "/COPYING", logNormal(18_000, 0.5, 500, 60_000),
                    Kind.TEXT, 0644));
            for (int j = 0; j < 1 + p % 5; j++) {
                specs.add(new Spec("usr/share/doc/" + pkg + "/" + words[2000 + j * 31 + p] + ".txt",
                        logNormal(6_000, 1.2, 100, 300_000), Kind.TEXT, 0644));
            }
            for (int j = 0; j < 1 + p % 3; j++) {
                specs.add(new Spec("usr/share/man/man" + (1 + (p + j) % 8) + "/" + words[3000 + p] + j + ".gz",
                        logNormal(3_000, 0.8, 200, 80_000), Kind.RANDOM, 0644));
            }
            String py = "usr/lib/python3.9/site-packages/" + words[1000 + p];
            if (p % 3 == 0) {
                dirList.add(py);
                dirList.add(py + "/__pycache__");
                for (int j = 0; j < 6; j++) {
                    String mod = words[4000 + (p + j * 17) % 1500];
                    specs.add(new Spec(py + "/" + mod + ".py", logNormal(9_000, 1.0, 100, 200_000), Kind.TEXT, 0644));
                    specs.add(new Spec(py + "/__pycache__/" + mod + ".cpython-39.pyc",
                            logNormal(7_000, 1.0, 100, 150_000), Kind.BINARY, 0644));
                }
            }
        }
        for (int i = 0; i < 700; i++) {
            specs.add(new Spec((i % 5 == 0 ? "usr/sbin/" : "usr/bin/") + words[500 + i] + (i / 500),
                    logNormal(45_000, 1.3, 2_000, 6_000_000), Kind.BINARY, 0755));
        }
        for (int i = 0; i < 1100; i++) {
            specs.add(new Spec("usr/lib64/lib" + words[1500 + i] + ".so." + (1 + i % 4) + "." + (i % 9) + ".0",
                    logNormal(90_000, 1.4, 4_000, 12_000_000), Kind.BINARY, 0755));
        }
        for (int i = 0; i < 600; i++) {
            String d = "usr/share/zoneinfo/" + words[5000 + i / 40];
            if (i % 40 == 0) {
                dirList.add(d);
            }
            specs.add(new Spec(d + "/" + words[5200 + i], logNormal(2_000, 0.4, 100, 8_000), Kind.BINARY, 0644));
        }
        for (int i = 0; i < 250; i++) {
            specs.add(new Spec("etc/" + words[5500 + i] + ".conf", logNormal(1_500, 1.0, 20, 40_000), Kind.TEXT, 0644));
        }
        specs.add(new Spec("etc/os-release", 0, Kind.TEXT, 0644)); // written below with real content
        specs.add(new Spec("usr/lib/locale/locale-archive", 24_000_000, Kind.DATA, 0644));
        specs.add(new Spec("var/lib/rpm/rpmdb.sqlite", 22_000_000, Kind.DATA, 0644));
        specs.add(new Spec("usr/lib64/libicudata.so.67.1", 28_000_000, Kind.DATA, 0755));
        specs.add(new Spec("usr/share/pki/ca-trust-legacy/ca-bundle.legacy.crt", 200_000, Kind.RANDOM, 0644));

        // Scale the file sizes so the content adds up to about `total` bytes.
        long sum = specs.stream().mapToLong(Spec::size).sum();
        double scale = (double) total / sum;

        for (String d : dirList) {
            dir(d);
        }
        dir("usr/lib/locale");
        dir("usr/share/pki");
        dir("usr/share/pki/ca-trust-legacy");
        for (Spec s : specs) {
            if (s.path().equals("etc/os-release")) {
                byte[] osr = ("NAME=\"Rocky Linux\"\nVERSION=\"9.6 (Blue Onyx)\"\nID=\"rocky\"\nVERSION_ID=\"9.6\"\n"
                        + "PRETTY_NAME=\"Rocky Linux 9.6 (Blue Onyx)\"\n").getBytes(StandardCharsets.UTF_8);
                file(s.path(), 0644, osr);
                continue;
            }
            long size = Math.max(1, (long) (s.size() * scale));
            file(s.path(), s.mode(), content(s.kind(), (int) size));
            if (s.path().startsWith("usr/lib64/lib") && s.path().endsWith(".0")) {
                String base = s.path().substring(0, s.path().indexOf(".so.") + 3);
                symlink(base, s.path().substring("usr/lib64/".length()));
            }
        }
        symlink("bin", "usr/bin");
        symlink("sbin", "usr/sbin");
        symlink("lib", "usr/lib");
        symlink("lib64", "usr/lib64");
        symlink("usr/bin/dnf", "dnf-3");
        file("usr/bin/dnf-3", 0755, content(Kind.TEXT, 400));
        file("usr/bin/rpm", 0755, content(Kind.BINARY, 20_000));
        hardlink("usr/bin/rpm2", "usr/bin/rpm");
        tar.finish();
    }

    private byte[] content(Kind kind, int size) {
        byte[] b = new byte[size];
        switch (kind) {
            case TEXT -> text(b, 0, size);
            case BINARY -> binary(b, 0, size);
            case RANDOM -> {
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
            case DATA -> {
                // Large data files: pages of binary records, string tables and some compressed payload.
                int pos = 0;
                while (pos < size) {
                    int n = Math.min(size - pos, 4096);
                    int which = rnd.nextInt(20);
                    if (which < 11) {
                        binary(b, pos, n);
                    } else if (which < 19) {
                        text(b, pos, n);
                    } else {
                        for (int i = 0; i < n; i++) {
                            b[pos + i] = (byte) rnd.nextInt(256);
                        }
                    }
                    pos += n;
                }
            }
        }
        return b;
    }

    private void text(byte[] b, int from, int len) {
        int end = from + len;
        int pos = from;
        int col = 0;
        while (pos < end) {
            if (pos - from > 256 && rnd.nextInt(100) < 12) {
                // a phrase said before (headers, licence boilerplate, message catalogues)
                int dist = 16 + rnd.nextInt(Math.min(pos - from - 15, 8 * 1024));
                int n = 12 + rnd.nextInt(60);
                for (int i = 0; i < n && pos < end; i++, pos++) {
                    b[pos] = b[pos - dist];
                }
                continue;
            }
            String w = words[skew(words.length, 4)];
            for (int i = 0; i < w.length() && pos < end; i++) {
                b[pos++] = (byte) w.charAt(i);
            }
            col += w.length() + 1;
            if (pos < end) {
                int r = rnd.nextInt(100);
                b[pos++] = (byte) (col > 60 + rnd.nextInt(20) ? '\n' : r < 6 ? ',' : r < 9 ? '.' : ' ');
                if (b[pos - 1] == '\n') {
                    col = 0;
                }
            }
        }
    }

    /** Machine-code-like bytes: frequent short snippets, addresses, back-references, zero padding. */
    private void binary(byte[] b, int from, int len) {
        int end = from + len;
        int pos = from;
        while (pos < end) {
            int r = rnd.nextInt(100);
            if (r < 5) {
                int v = rnd.nextInt(1 << 14);
                for (int i = 0; i < 4 && pos < end; i++) {
                    b[pos++] = (byte) (v >>> (8 * i));
                }
            } else if (r < 20 && pos - from > 64) {
                int dist = 1 + rnd.nextInt(Math.min(pos - from, 32 * 1024));
                int n = 8 + rnd.nextInt(40);
                for (int i = 0; i < n && pos < end; i++, pos++) {
                    b[pos] = b[pos - dist];
                }
            } else if (r < 21) {
                int n = 8 + rnd.nextInt(120);
                for (int i = 0; i < n && pos < end; i++) {
                    b[pos++] = 0;
                }
            } else {
                byte[] s = snippets[skew(snippets.length, 3)];
                for (int i = 0; i < s.length && pos < end; i++) {
                    b[pos++] = s[i];
                }
            }
        }
    }

    private TarArchiveEntry entry(String name, byte flag, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag);
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(MTIME);
        return e;
    }

    private void dir(String path) throws IOException {
        if (!seen.add(path + "/")) {
            return;
        }
        tar.putArchiveEntry(entry(path.isEmpty() ? "./" : "./" + path + "/", TarConstants.LF_DIR, 040755));
        tar.closeArchiveEntry();
        dirs++;
    }

    /** Words repeat: a taken name gets a numeric suffix, so every path is written once. */
    private String unique(String path) {
        String p = path;
        for (int i = 2; !seen.add(p); i++) {
            p = path + "-" + i;
        }
        return p;
    }

    private void file(String path, int mode, byte[] content) throws IOException {
        path = unique(path);
        TarArchiveEntry e = entry("./" + path, TarConstants.LF_NORMAL, 0100000 | mode);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
        written += content.length;
        files++;
    }

    private void symlink(String path, String target) throws IOException {
        path = unique(path);
        TarArchiveEntry e = entry("./" + path, TarConstants.LF_SYMLINK, 0120777);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        links++;
    }

    private void hardlink(String path, String target) throws IOException {
        path = unique(path);
        TarArchiveEntry e = entry("./" + path, TarConstants.LF_LINK, 0100755);
        e.setLinkName("./" + target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        links++;
    }
}
