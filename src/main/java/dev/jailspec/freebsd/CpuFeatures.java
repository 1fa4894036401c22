package dev.jailspec.freebsd;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The x86 CPU features the kernel found at boot, from the feature lines of
 * {@code /var/run/dmesg.boot} (saved at every boot by rc.d/dmesg). printcpuinfo() of
 * sys/x86/x86/identcpu.c prints each CPUID word with the kernel printf's {@code %b}:
 * {@code "  Features2=0x7ffefbff<SSE3,PCLMULQDQ,...,AVX,F16C,RDRAND>"}, and likewise
 * {@code Features}, {@code AMD Features}, {@code AMD Features2}, {@code Structured Extended Features}
 * (and its 2 and 3) [UNVERIFIED: identcpu.c read in an unpinned copy, not at releng/14.x].
 */
public record CpuFeatures(Set<String> names) {
    /** Where the boot messages are kept. */
    public static final String DMESG_BOOT = "/var/run/dmesg.boot";

    private static final Pattern LINE = Pattern.compile(
            "\\s+(Features|Features2|AMD Features|AMD Features2|Structured Extended Features[23]?)=0x[0-9a-fA-F]+<([^>]*)>\\s*");

    /**
     * The psABI's feature names (x86-64 micro-architecture levels) as identcpu.c prints them,
     * where they differ: CMPXCHG16B is CX16, LAHF-SAHF is AMD Features2's LAHF, LZCNT is ABM
     * ("\006ABM" /* LZCNT instruction *&#47;), SSE4_1 and SSE4_2 are SSE4.1 and SSE4.2.
     */
    private static final Map<String, String> DMESG_NAME = Map.of("CMPXCHG16B", "CX16", "LAHF-SAHF", "LAHF",
            "LZCNT", "ABM", "SSE4_1", "SSE4.1", "SSE4_2", "SSE4.2");

    public CpuFeatures {
        names = Set.copyOf(names);
    }

    /** The features of every feature line; empty when the text has none (not an x86 machine, or no CPU block). */
    public static CpuFeatures parse(String dmesgBoot) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : dmesgBoot.split("\r?\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && !m.group(2).isEmpty()) {
                out.addAll(List.of(m.group(2).split(",")));
            }
        }
        return new CpuFeatures(out);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Whether the CPU has the feature the psABI calls {@code psAbiName} (e.g. "LZCNT", "SSE4_2"). */
    public boolean has(String psAbiName) {
        return names.contains(dmesgName(psAbiName));
    }

    /** How dmesg.boot names a psABI feature, e.g. LZCNT is "ABM"; the same name where they agree. */
    public static String dmesgName(String psAbiName) {
        return DMESG_NAME.getOrDefault(psAbiName, psAbiName);
    }

    /** {@code psAbiName} with its dmesg name when that differs: "LZCNT (ABM)". */
    public static String describe(String psAbiName) {
        return Optional.ofNullable(DMESG_NAME.get(psAbiName)).map(d -> psAbiName + " (" + d + ")").orElse(psAbiName);
    }
}
