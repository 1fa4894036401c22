package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * sha256(1) of FreeBSD's sbin/md5 in its BSD mode: {@code sha256 [-qr] [file ...]}. Without -q
 * each file prints {@code SHA256 (file) = hex}; {@code -r} prints {@code hex file}; standard
 * input (no file operand) prints the hex alone. A file it cannot open is warn()ed as
 * {@code sha256: file: No such file or directory} and the exit status is 1. Files are hashed
 * as a stream.
 */
final class Sha256Tool implements SimTool {

    @Override
    public String name() {
        return "sha256";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/sha256");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "sha256", "bc:pqrs:tx", "usage: sha256 [-pqrtx] [-c string] [-s string] [files ...]");
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("sha256", "bcpstx");
        if (g.operands().isEmpty()) {
            inv.out(hex(new java.io.ByteArrayInputStream(inv.stdin())));
            return 0;
        }
        int status = 0;
        for (String f : g.operands()) {
            Path real;
            try {
                real = inv.fs().resolve(inv.abs(f));
            } catch (SimPathException e) {
                real = null;
            }
            if (real == null || !Files.exists(real)) {
                inv.err("sha256: " + f + ": " + Errno.ENOENT);
                status = 1;
                continue;
            }
            if (Files.isDirectory(real)) {
                throw new SimUnsupportedException("sha256 of a directory (" + f + ")");
            }
            String hex;
            try (InputStream in = Files.newInputStream(real)) {
                hex = hex(in);
            }
            if (g.has('q')) {
                inv.out(hex);
            } else if (g.has('r')) {
                inv.out(hex + " " + f);
            } else {
                inv.out("SHA256 (" + f + ") = " + hex);
            }
        }
        return status;
    }

    private static String hex(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
