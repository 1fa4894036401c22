package dev.jailspec.config;

/** Where the features run. Real targets are destructive, so they are only ever chosen explicitly. */
public sealed interface Target permits Target.Sim, Target.Local {

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

    default boolean isReal() {
        return !(this instanceof Sim);
    }

    static Target parse(String value) {
        return switch (value) {
            case "sim" -> new Sim();
            case "local" -> new Local();
            default -> throw new IllegalArgumentException("unknown target '" + value + "'");
        };
    }
}
