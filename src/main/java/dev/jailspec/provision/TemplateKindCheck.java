package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.TemplateKind;
import dev.jailspec.freebsd.ReleaseChange;
import dev.jailspec.freebsd.ReleaseVersion;
import java.util.Optional;

/**
 * Whether the template's kind fits its release: pkgbase needs the FreeBSD-base repository, which
 * FreeBSD defines from 15.0 on ({@link ReleaseChange#PKGBASE_REPOSITORY}: 15.0R relnotes, Userland
 * Configuration Changes). Asked when the run opens (a settings error) and of each matrix cell (not
 * applicable).
 */
public final class TemplateKindCheck {
    private TemplateKindCheck() {
    }

    /** Empty when the kind fits the release of {@code resolved} (its release known); else why not and what to do. */
    public static Optional<String> problem(Settings resolved) {
        if (resolved.templateKind() != TemplateKind.PKGBASE || resolved.freebsdRelease().isEmpty()) {
            return Optional.empty();
        }
        ReleaseVersion release = ReleaseVersion.parse(resolved.freebsdRelease());
        ReleaseVersion since = ReleaseChange.PKGBASE_REPOSITORY.since();
        if (release.compareTo(since) >= 0) {
            return Optional.empty();
        }
        return Optional.of(Setting.FREEBSD_TEMPLATE.key() + "=pkgbase needs FreeBSD " + since + " or later, and the"
                + " template's release is " + release + ": the FreeBSD-base repository pkg installs the base system from"
                + " is defined from " + since + " on (" + since + " release notes, Userland Configuration Changes); use "
                + Setting.FREEBSD_TEMPLATE.key() + "=dist for " + release.major() + ".x, or a release from " + since
                + " (" + Setting.FREEBSD_RELEASE.key() + ")");
    }
}
