package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * bsdtar's command line as libarchive's {@code tar/bsdtar.c} (main()'s option switch) and
 * {@code tar/cmdline.c} (bsdtar_getopt(): a leading bundle without '-', short options, long
 * options by unique prefix) read it, reduced to what the simulated tar does: the mode
 * ({@code -x}, {@code -t}), {@code -f}, {@code -C}, {@code -p}, {@code -U}, {@code -v},
 * {@code --numeric-owner} and member patterns. Apart from {@link TarExtraction} so the option rules are tested on their own.
 */
final class TarOptions {
    /** _PATH_DEFTAPE on FreeBSD: what tar reads without -f (and TAPE unset). */
    static final String DEFAULT_TAPE = "/dev/sa0";
    private static final String SHORT_OPTIONS = "Bb:C:cf:HhI:JjkLlmnOoPpqrSs:T:tUuvW:wX:xyZz";
    /** Long options of bsdtar 3.7 (name, takes an argument, short equivalent or 0). */
    private static final Map<String, String> LONG = new LinkedHashMap<>();

    static {
        for (String o : new String[] {"absolute-paths:P", "acls", "append:r", "b64encode", "block-size=b", "bunzip2:j",
            "bzip:j", "bzip2:j", "cd=C", "check-links", "chroot", "clear-nochange-fflags", "compress:Z", "confirmation:w",
            "create:c", "dereference:L", "directory=C", "disable-copyfile", "exclude=", "exclude-from=X",
            "exclude-vcs", "extract:x", "fast-read:q", "fflags", "file=f", "files-from=T", "format=", "gid=",
            "gname=", "grzip", "gunzip:z", "gzip:z", "help", "hfsCompression", "ignore-zeros", "include=",
            "insecure:P", "interactive:w", "keep-newer-files", "keep-old-files:k", "list:t", "lrzip", "lz4",
            "lzip", "lzma", "lzop", "mac-metadata", "modification-time:m", "newer=", "newer-ctime=",
            "newer-ctime-than=", "newer-mtime=", "newer-mtime-than=", "newer-than=", "no-acls", "no-fflags",
            "no-mac-metadata", "no-read-sparse", "no-recursion:n", "no-safe-writes", "no-same-owner",
            "no-same-permissions", "no-xattrs", "nodump", "nopreserveHFSCompression", "norecurse:n", "null",
            "numeric-owner", "older=", "older-ctime=", "older-ctime-than=", "older-mtime=", "older-mtime-than=",
            "older-than=", "one-file-system", "options=", "passphrase=", "posix", "preserve-permissions:p",
            "read-full-blocks:B", "read-sparse", "safe-writes", "same-owner", "same-permissions:p",
            "strip-components=", "to-stdout:O", "totals", "uid=", "uname=", "uncompress:Z", "unlink:U",
            "unlink-first:U", "update:u", "use-compress-program=", "uuencode", "verbose:v", "version", "xattrs",
            "xz:J", "zstd"}) {
            int cut = Math.max(o.indexOf(':'), o.indexOf('='));
            String name = cut < 0 ? o : o.substring(0, cut);
            String value = cut < 0 ? "" : o.substring(cut); // ":x" short equivalent, "=" or "=x" takes an argument
            LONG.put(name, value);
        }
    }

    char mode;
    String file = DEFAULT_TAPE;
    String chdir;
    boolean unlink;
    /** --numeric-owner: the archive's ids as they are, not looked up by uname/gname (OPTFLAG_NUMERIC_OWNER). */
    boolean numericOwner;
    int verbose;
    final List<String> patterns = new ArrayList<>();

    /** bsdtar_getopt() and main()'s option switch; null means usage(). */
    static TarOptions parse(List<String> args, String prog, Consumer<String> err) throws TarFatal {
        TarOptions o = new TarOptions();
        List<String[]> opts = new ArrayList<>(); // {option, argument}
        int i = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
            String bundle = args.get(0);
            i = 1;
            for (char c : bundle.toCharArray()) {
                int at = SHORT_OPTIONS.indexOf(c);
                if (at < 0) {
                    return null;
                }
                String arg = null;
                if (at + 1 < SHORT_OPTIONS.length() && SHORT_OPTIONS.charAt(at + 1) == ':') {
                    if (i >= args.size()) {
                        err.accept(prog + ": Option " + c + " requires an argument");
                        return null;
                    }
                    arg = args.get(i++);
                }
                opts.add(new String[] {String.valueOf(c), arg});
            }
        }
        while (i < args.size()) {
            String w = args.get(i);
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            i++;
            if (w.equals("--")) {
                break;
            }
            if (w.startsWith("--")) {
                String body = w.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String arg = eq < 0 ? null : body.substring(eq + 1);
                String match = null;
                String match2 = null;
                for (String known : LONG.keySet()) {
                    if (known.startsWith(name) && !name.isEmpty()) {
                        if (known.equals(name)) {
                            match = known;
                            match2 = null;
                            break;
                        }
                        match2 = match;
                        match = known;
                    }
                }
                if (match == null) {
                    err.accept(prog + ": Option --" + body + " is not supported");
                    return null;
                }
                if (match2 != null) {
                    err.accept(prog + ": Ambiguous option --" + body + " (matches --" + match2 + " and --" + match + ")");
                    return null;
                }
                String spec = LONG.get(match);
                boolean required = spec.startsWith("=");
                if (required && arg == null) {
                    if (i >= args.size()) {
                        err.accept(prog + ": Option --" + match + " requires an argument");
                        return null;
                    }
                    arg = args.get(i++);
                } else if (!required && arg != null) {
                    err.accept(prog + ": Option --" + match + " does not allow an argument");
                    return null;
                }
                String shortName = spec.length() == 2 ? spec.substring(1) : "--" + match;
                opts.add(new String[] {shortName, arg});
                continue;
            }
            for (int j = 1; j < w.length(); j++) {
                char c = w.charAt(j);
                int at = SHORT_OPTIONS.indexOf(c);
                if (at < 0 || c == ':') {
                    return null;
                }
                if (at + 1 < SHORT_OPTIONS.length() && SHORT_OPTIONS.charAt(at + 1) == ':') {
                    String arg;
                    if (j + 1 < w.length()) {
                        arg = w.substring(j + 1);
                    } else if (i < args.size()) {
                        arg = args.get(i++);
                    } else {
                        err.accept(prog + ": Option -" + c + " requires an argument");
                        return null;
                    }
                    opts.add(new String[] {String.valueOf(c), arg});
                    break;
                }
                opts.add(new String[] {String.valueOf(c), null});
            }
        }
        o.patterns.addAll(args.subList(i, args.size()));
        boolean helpRequest = false;
        for (String[] opt : opts) {
            switch (opt[0]) {
                case "x", "t" -> setMode(o, opt[0].charAt(0));
                case "c", "r", "u" -> throw new SimUnsupportedException(prog + " -" + opt[0] + " (the simulator only reads archives)");
                case "f" -> o.file = opt[1];
                case "C" -> {
                    if (opt[1].isEmpty()) {
                        throw new TarFatal("Meaningless option: -C ''");
                    }
                    o.chdir = setChdir(o.chdir, opt[1]);
                }
                case "p" -> {
                    // root's bsdtar restores permissions anyway
                }
                case "U" -> o.unlink = true;
                case "--numeric-owner" -> o.numericOwner = true;
                case "v" -> o.verbose++;
                case "h" -> helpRequest = true;
                default -> throw new SimUnsupportedException(prog + " option " + (opt[0].length() == 1 ? "-" : "") + opt[0]);
            }
        }
        if (o.mode == 't') {
            o.verbose++; // bsdtar counts -t as one level of verbosity
        }
        if (o.mode == '\0' && helpRequest) {
            throw new SimUnsupportedException(prog + " --help text");
        }
        if (helpRequest) {
            throw new SimUnsupportedException(prog + " -h (follow symlinks) is for creating archives");
        }
        if (o.mode == '\0') {
            throw new TarFatal("Must specify one of -c, -r, -t, -u, -x");
        }
        if (o.unlink && o.mode != 'x') {
            throw new TarFatal("Option -U is not permitted in mode -" + o.mode);
        }
        return o;
    }

    private static void setMode(TarOptions o, char opt) throws TarFatal {
        if (o.mode != '\0' && o.mode != opt) {
            throw new TarFatal("Can't specify both -" + opt + " and -" + o.mode);
        }
        o.mode = opt;
    }

    /** set_chdir(): an absolute -C replaces the pending one, a relative one is appended. */
    private static String setChdir(String pending, String dir) {
        if (dir.startsWith("/") || pending == null) {
            return dir;
        }
        return (pending.endsWith("/") ? pending.substring(0, pending.length() - 1) : pending) + "/" + dir;
    }
}
