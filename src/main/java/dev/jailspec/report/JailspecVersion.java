package dev.jailspec.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** jailspec's own version, from {@code build.properties} that Maven fills in at build time. */
public final class JailspecVersion {
    static final String RESOURCE = "build.properties";

    private JailspecVersion() {
    }

    /** E.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the classes were not built by Maven (an IDE, say). */
    public static String get() {
        try (InputStream in = JailspecVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            var props = new Properties();
            props.load(in);
            String version = props.getProperty("version", "unknown");
            return version.contains("${") ? "unknown (not built by Maven)" : version;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
