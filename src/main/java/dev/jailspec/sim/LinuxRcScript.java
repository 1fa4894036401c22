package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * /etc/rc.d/linux of FreeBSD 14 (freebsd-facts 3.1), run by service(8): {@code start} needs
 * {@code linux_enable=YES} (else rc.subr's "Cannot 'start' linux..." on stdout, exit 0),
 * {@code onestart} does not. Starting loads linux.ko and linux64.ko (with linux_common.ko) and,
 * while {@code linux_mounts_enable} is YES (the default), mounts linprocfs, linsysfs, devfs,
 * fdescfs and tmpfs under /compat/linux (creating the mount points first, loading the file
 * system modules as mount(8) does). It prints nothing. {@code stop} is {@code ":"}.
 */
final class LinuxRcScript {
    static final String EMUL_PATH = "/compat/linux";

    /** {@code linux_mount} calls of the script: type, mount point below the emul path, options. */
    private static final List<String[]> MOUNTS = List.of(
            new String[] {"linprocfs", "/proc", "nocover"},
            new String[] {"linsysfs", "/sys", "nocover"},
            new String[] {"devfs", "/dev", "nocover"},
            new String[] {"fdescfs", "/dev/fd", "nocover,linrdlnk"},
            new String[] {"tmpfs", "/dev/shm", "nocover,mode=1777"});

    private LinuxRcScript() {
    }

    /** {@code service linux ARG}: the rc.subr verbs the script has. */
    static int run(Invocation inv, String verb) throws IOException {
        return switch (verb) {
            case "start" -> start(inv, false);
            case "onestart" -> start(inv, true);
            case "stop", "onestop", "faststop", "forcestop" -> 0;
            default -> throw new SimUnsupportedException("service linux " + verb);
        };
    }

    /** start ({@code one}: onestart, which skips the linux_enable check). */
    static int start(Invocation inv, boolean one) throws IOException {
        SimFileSystem fs = inv.machine().hostFs();
        if (!one && !RcConf.checkyesno(RcConf.effective(fs).get("linux_enable"))) {
            inv.out("Cannot 'start' linux. Set linux_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'.");
            return 0;
        }
        SimState state = inv.state();
        for (String file : new String[] {"linux.ko", "linux64.ko"}) {
            if (Kld.loadedFile(state, file).isEmpty()) {
                Kld.load(state, file);
            }
        }
        if (RcConf.checkyesno(RcConf.effective(fs).getOrDefault("linux_mounts_enable", "YES"))) {
            for (String[] m : MOUNTS) {
                String point = EMUL_PATH + m[1];
                boolean mounted = state.mounts.stream().anyMatch(x -> x.fstype.equals(m[0]) && x.mountpoint.equals(point));
                if (mounted) {
                    continue;
                }
                fs.mkdirs(point);
                String module = m[0] + ".ko";
                if (Kld.CATALOG.containsKey(module) && Kld.loadedFile(state, module).isEmpty()) {
                    Kld.load(state, module);
                }
                SimState.MountState ms = new SimState.MountState();
                ms.device = m[0];
                ms.mountpoint = point;
                ms.fstype = m[0];
                ms.options.addAll(List.of(m[2].split(",")));
                state.mounts.add(ms);
            }
        }
        return 0;
    }
}
