package dev.jailspec.provision;

/**
 * The part of the host jailspec may change: datasets under {@code jailspec.zfs.root}, files
 * under its mountpoint, and its own files in {@code /etc/jail.conf.d}. Checked before any
 * command that creates or destroys something runs; a name outside is refused, naming the setting.
 */
final class Sandbox {
    static final String JAIL_CONF_DIR = "/etc/jail.conf.d";

    private final Layout layout;

    Sandbox(Layout layout) {
        this.layout = layout;
    }

    /** {@code name} (a dataset or snapshot) when it is the ZFS root or below it; else throws. */
    String requireDataset(String name) {
        String dataset = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        boolean inside = (dataset.equals(layout.zfsRoot()) || dataset.startsWith(layout.zfsRoot() + "/"))
                && !dataset.contains("..") && !name.contains("\n");
        if (!inside) {
            throw new ProvisionException("refusing to touch the dataset " + name + ": it is outside jailspec.zfs.root="
                    + layout.zfsRoot() + ", the only place jailspec creates or destroys datasets");
        }
        return name;
    }

    /** {@code path} when it is below the ZFS mountpoint or a .conf file directly in /etc/jail.conf.d; else throws. */
    String requirePath(String path) {
        String mount = layout.mountpoint().replaceAll("/+$", "");
        boolean clean = path.startsWith("/") && !path.contains("/../") && !path.endsWith("/..")
                && !path.contains("/./") && !path.contains("\n") && !path.contains("//");
        boolean underRoot = path.startsWith(mount + "/");
        boolean confFile = path.startsWith(JAIL_CONF_DIR + "/") && path.endsWith(".conf")
                && path.indexOf('/', JAIL_CONF_DIR.length() + 1) < 0;
        if (!clean || !(underRoot || confFile)) {
            throw new ProvisionException("refusing to touch " + path + ": it is neither below jailspec.zfs.mountpoint="
                    + mount + " nor a jail's file in " + JAIL_CONF_DIR);
        }
        return path;
    }

    /** Checks every name the layout derives from the settings, before the first command runs. */
    void requireLayoutInside() {
        for (String ds : new String[] {layout.mediaDataset(), layout.templatesDataset(), layout.containersDataset(),
            layout.templateDataset(), layout.templateSnapshot(), layout.jailDataset()}) {
            requireDataset(ds);
        }
        for (String p : new String[] {layout.templatePath(), layout.jailPath(), layout.baseArchivePath(),
            layout.jailConfPath()}) {
            requirePath(p);
        }
    }
}
