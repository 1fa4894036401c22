package dev.jailspec.config;

import java.util.Arrays;

/**
 * How the release template is built ({@code jailspec.freebsd.template}): from the release's
 * distribution sets ({@code base.txz}, patched with freebsd-update), or from the base system's
 * packages (pkgbase: pkg installs them from the FreeBSD-base repository and patches them).
 */
public enum TemplateKind {
    DIST("dist"),
    PKGBASE("pkgbase");

    private final String word;

    TemplateKind(String word) {
        this.word = word;
    }

    /** The setting's value, also the template's suffix in its dataset name (pkgbase only). */
    public String word() {
        return word;
    }

    public static TemplateKind of(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst()
                .orElseThrow(() -> new SettingsException("bad value for " + Setting.FREEBSD_TEMPLATE.key() + ": '"
                        + word + "'; " + Setting.FREEBSD_TEMPLATE.allowed()));
    }
}
