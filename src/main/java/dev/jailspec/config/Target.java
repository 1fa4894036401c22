package dev.jailspec.config;

import java.util.regex.Pattern;

/** Where the features run. Real targets are destructive, so they are only ever chosen explicitly. */
public sealed interface Target permits Target.Sim, Target.Local, Target.Ssh {

    /** What jailspec.target may be, for messages. */
    String ALLOWED = "sim, local or ssh://[user@]host[:port] (e.g. ssh://root@192.0.2.10:22)";

    // ssh://[user@]host[:port]: a user and host of letters, digits, '_', '-', '.', or an IPv6 literal in
    // brackets; nothing a shell, a URI or an ssh_config pattern could read differently.
    Pattern SSH = Pattern.compile("ssh://([A-Za-z0-9_][A-Za-z0-9_.-]{0,63}@)?"
            + "([A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

    /** The simulated FreeBSD host inside the JVM: the default and the demo. */
    record Sim() implements Target {
        @Override
        public String toString() {
            return "sim";
        }
    }

    /** The FreeBSD machine the JVM runs on, as root. */
    record Local() implements Target {
        @Override
        public String toString() {
            return "local";
        }
    }

    /** A FreeBSD machine over SSH, {@code ssh://[user@]host[:port]}; user and port may come from ~/.ssh/config. */
    record Ssh(String uri) implements Target {
        public Ssh {
            if (!SSH.matcher(uri).matches() || uri.contains("..")) {
                throw new IllegalArgumentException("'" + uri + "' is not an SSH target: use " + ALLOWED);
            }
        }

        @Override
        public String toString() {
            return uri;
        }
    }

    default boolean isReal() {
        return !(this instanceof Sim);
    }

    /** One registry of names: an unknown one is an error naming what is allowed, never a fallback to sim. */
    static Target parse(String value) {
        if (value.startsWith("ssh://")) {
            return new Ssh(value);
        }
        return switch (value) {
            case "sim" -> new Sim();
            case "local" -> new Local();
            default -> throw new IllegalArgumentException("unknown target '" + value + "': use " + ALLOWED);
        };
    }

    /** Whether {@link #parse} takes {@code value}. */
    static boolean accepts(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
