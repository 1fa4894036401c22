package dev.jailspec.provision;

import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.host.Host;

/**
 * What every template gets and must hold, whichever kind built it: the host's resolv.conf and
 * localtime (how-to step 8), and a FreeBSD base system, checked by /bin/sh, /etc/rc and
 * /bin/freebsd-version.
 */
final class TemplateContent {
    private TemplateContent() {
    }

    static void copyHostFiles(Host host, Layout layout) {
        var files = new FileCopy(host);
        files.copy("/etc/resolv.conf", layout.templatePath() + "/etc/resolv.conf");
        files.copy("/etc/localtime", layout.templatePath() + "/etc/localtime");
    }

    /** Throws naming the first missing file; {@code after} says what filled the template and what it then was not. */
    static void requireBaseSystem(Host host, Layout layout, String after) {
        for (String required : new String[] {"/bin/sh", "/etc/rc", "/bin/freebsd-version"}) {
            if (host.stat(layout.templatePath() + required).isEmpty()) {
                throw new ProvisionException("the template " + layout.templatePath() + " has no " + required + " " + after);
            }
        }
    }
}
