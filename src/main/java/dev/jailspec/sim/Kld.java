package dev.jailspec.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's linker files (kldstat(8), kldload(8)) as kept in {@link SimState#klds}: the
 * kernel and zfs.ko from boot (the host has ZFS pools), then whatever was loaded, in load order.
 * Which module names each file holds is what the kernel linker registers: only the
 * {@code DECLARE_MODULE} ({@code moduledata_t}) names, which {@code modfind(2)} and
 * {@code kldstat -m} look up; {@code MODULE_VERSION} tags are dependency metadata only
 * (sys/kern/kern_linker.c {@code linker_file_register_modules()} registers {@code MDT_MODULE}
 * entries). So linux64.ko holds {@code linux64elf}, not {@code linux64}
 * (sys/amd64/linux/linux_sysvec.c: {@code moduledata_t linux64_elf_mod = {"linux64elf", ...}},
 * {@code MODULE_VERSION(linux64, 1)}), and the 32-bit linux.ko holds {@code linuxelf}
 * (sys/amd64/linux32/linux32_sysvec.c); linux_common.ko holds {@code linux_common}
 * (sys/compat/linux/linux_common.c); a file system's {@code VFS_SET} declares a module of its name;
 * OpenZFS's zfs.ko declares {@code zfsctrl} (module/os/freebsd/zfs/kmod_core.c), {@code zfs}
 * (VFS_SET), {@code zfs_vdev} and {@code zfs_zvol} (DECLARE_GEOM_CLASS). These declarations were
 * read in freebsd-src and openzfs/zfs copies of the 13-15 era, identical in each
 * [UNVERIFIED: not read at the releng/14.3 tag itself]; which modules the GENERIC kernel file
 * itself holds is the simulator's choice [UNVERIFIED: GENERIC's list of built-in modules not read]. Load addresses and sizes are the
 * simulator's own constants, laid out page-aligned one after the other (freebsd-facts 3.2).
 */
final class Kld {
    static final long KERNEL_ADDRESS = 0xffffffff80200000L;
    static final long FIRST_MODULE_ADDRESS = 0xffffffff82200000L;

    /** A loadable file: its sizes and modules, and the files it needs loaded first. */
    record KldFile(String name, long size, List<String> modules, List<String> depends) {
    }

    /** Files the simulator can load; anything else kldload(8) would search /boot for is not modelled. */
    static final Map<String, KldFile> CATALOG = Map.of(
            "kernel", new KldFile("kernel", 0x1f6b618L, List.of("kernel", "tmpfs", "pty", "nullfs"), List.of()),
            "zfs.ko", new KldFile("zfs.ko", 0x5f6d40L, List.of("zfsctrl", "zfs", "zfs_vdev", "zfs_zvol"), List.of()),
            "linux_common.ko", new KldFile("linux_common.ko", 0x9698L, List.of("linux_common"), List.of()),
            "linux.ko", new KldFile("linux.ko", 0xb7bd8L, List.of("linuxelf"), List.of("linux_common.ko")),
            "linux64.ko", new KldFile("linux64.ko", 0x8c3e8L, List.of("linux64elf"), List.of("linux_common.ko")),
            "linprocfs.ko", new KldFile("linprocfs.ko", 0x10a48L, List.of("linprocfs"), List.of("linux_common.ko")),
            "linsysfs.ko", new KldFile("linsysfs.ko", 0x1eaeL, List.of("linsysfs"), List.of("linux_common.ko")),
            "fdescfs.ko", new KldFile("fdescfs.ko", 0x6a48L, List.of("fdescfs"), List.of()));

    /** Real GENERIC modules the simulator does not model: loading them is not guessed. */
    private static final Set<String> KNOWN_UNMODELLED = Set.of("if_bridge", "if_epair", "pf", "ipfw", "vmm", "nvidia",
            "cryptodev", "aesni", "ichsmb", "coretemp", "amdtemp", "fusefs", "sem", "mqueuefs", "accf_http", "accf_data");

    private Kld() {
    }

    /** The loaded files in id order; a fresh host has the kernel and zfs.ko. */
    static List<SimState.KldState> files(SimState state) {
        if (state.klds.isEmpty()) {
            add(state, "kernel");
            add(state, "zfs.ko");
            state.klds.get(0).refs++; // every file holds a reference on the kernel
        }
        return state.klds;
    }

    /** The file name kldload/kldstat -n mean: "linux", "linux.ko" and "/boot/kernel/linux.ko" are linux.ko. */
    static String fileName(String arg) {
        String base = arg.substring(arg.lastIndexOf('/') + 1);
        return base.equals("kernel") || base.endsWith(".ko") ? base : base + ".ko";
    }

    static Optional<SimState.KldState> loadedFile(SimState state, String arg) {
        String name = fileName(arg);
        return files(state).stream().filter(f -> f.name.equals(name)).findFirst();
    }

    /** The loaded file that holds module {@code module} (modfind), if any. */
    static Optional<SimState.KldState> fileWithModule(SimState state, String module) {
        return files(state).stream().filter(f -> CATALOG.get(f.name).modules().contains(module)).findFirst();
    }

    static boolean isKnownButUnmodelled(String arg) {
        String name = fileName(arg);
        return KNOWN_UNMODELLED.contains(name.substring(0, name.length() - ".ko".length()));
    }

    /** Loads a catalog file and its dependencies (kern_kldload); returns the new file. */
    static SimState.KldState load(SimState state, String fileName) {
        files(state);
        for (String dep : CATALOG.get(fileName).depends()) {
            if (loadedFile(state, dep).isEmpty()) {
                load(state, dep);
            }
            loadedFile(state, dep).orElseThrow().refs++;
        }
        SimState.KldState f = add(state, fileName);
        files(state).get(0).refs++;
        if (fileName.equals("linux_common.ko")) {
            LinuxAbi.moduleLoaded(state);
        }
        return f;
    }

    private static SimState.KldState add(SimState state, String fileName) {
        KldFile spec = CATALOG.get(fileName);
        SimState.KldState f = new SimState.KldState();
        f.id = state.klds.stream().mapToInt(k -> k.id).max().orElse(0) + 1;
        f.name = spec.name();
        f.size = spec.size();
        if (fileName.equals("kernel")) {
            f.address = KERNEL_ADDRESS;
        } else {
            long next = FIRST_MODULE_ADDRESS;
            for (SimState.KldState k : state.klds) {
                if (k.address >= FIRST_MODULE_ADDRESS) {
                    next = Math.max(next, (k.address + k.size + 0xfff) & ~0xfffL);
                }
            }
            f.address = next;
        }
        state.klds.add(f);
        return f;
    }

    /** What {@code sysctl compat.linux.*} needs: the linux_common.ko file. */
    static boolean linuxCompat(SimState state) {
        return loadedFile(state, "linux_common.ko").isPresent();
    }

    /** Linux ELF binaries run only with linux64.ko's brand handler. */
    static boolean linux64(SimState state) {
        return loadedFile(state, "linux64.ko").isPresent();
    }
}
