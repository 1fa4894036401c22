package dev.jailspec.sim;

import java.util.List;
import java.util.Set;

/**
 * The simulated machine's CPU as the kernel describes it at boot in {@code /var/run/dmesg.boot}:
 * printcpuinfo() of sys/x86/x86/identcpu.c prints each feature word with the kernel printf's
 * {@code %b}, {@code "  Features2=0x%b"}: the word in hex, then the names of its set bits in bit
 * order between {@code <} and {@code >}; a word that is 0 (no Structured Extended Features on an
 * older CPU) is not printed. Bit names and numbers are identcpu.c's [UNVERIFIED: read in an
 * unpinned copy, not at releng/14.x]. Two CPUs: an x86-64-v2 one (Westmere-like: SSE4.2 and
 * POPCNT, no AVX) and an x86-64-v3 one (Haswell-like: AVX2, BMI1/2, FMA, MOVBE, LZCNT shown as ABM).
 */
public enum SimCpu {
    X86_64_V2("x86-64-v2", "Intel(R) Xeon(R) CPU           X5670  @ 2.93GHz", "2933.44", "0x206c2", "0x2c", 2,
            Set.of("SSE3", "PCLMULQDQ", "DTES64", "MON", "DS_CPL", "VMX", "SMX", "EST", "TM2", "SSSE3", "CX16", "xTPR",
                    "PDCM", "PCID", "DCA", "SSE4.1", "SSE4.2", "POPCNT", "AESNI"),
            Set.of("LAHF"), Set.of()),
    X86_64_V3("x86-64-v3", "Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz", "2494.28", "0x306f2", "0x3f", 2,
            Set.of("SSE3", "PCLMULQDQ", "DTES64", "MON", "DS_CPL", "VMX", "SMX", "EST", "TM2", "SSSE3", "SDBG", "FMA",
                    "CX16", "xTPR", "PDCM", "PCID", "DCA", "SSE4.1", "SSE4.2", "x2APIC", "MOVBE", "POPCNT", "TSCDLT",
                    "AESNI", "XSAVE", "OSXSAVE", "AVX", "F16C", "RDRAND"),
            Set.of("LAHF", "ABM"), Set.of("FSGSBASE", "TSCADJ", "BMI1", "AVX2", "SMEP", "BMI2", "ERMS", "INVPCID"));

    /** identcpu.c's "\001FPU" ... "\040PBE": index = bit number. */
    private static final List<String> FEATURES = List.of("FPU", "VME", "DE", "PSE", "TSC", "MSR", "PAE", "MCE", "CX8",
            "APIC", "oldMTRR", "SEP", "MTRR", "PGE", "MCA", "CMOV", "PAT", "PSE36", "PN", "CLFLUSH", "<b20>", "DTS",
            "ACPI", "MMX", "FXSR", "SSE", "SSE2", "SS", "HTT", "TM", "IA64", "PBE");
    private static final List<String> FEATURES2 = List.of("SSE3", "PCLMULQDQ", "DTES64", "MON", "DS_CPL", "VMX", "SMX",
            "EST", "TM2", "SSSE3", "CNXT-ID", "SDBG", "FMA", "CX16", "xTPR", "PDCM", "<b16>", "PCID", "DCA", "SSE4.1",
            "SSE4.2", "x2APIC", "MOVBE", "POPCNT", "TSCDLT", "AESNI", "XSAVE", "OSXSAVE", "AVX", "F16C", "RDRAND", "HV");
    private static final List<String> AMD_FEATURES = List.of("<s0>", "<s1>", "<s2>", "<s3>", "<s4>", "<s5>", "<s6>",
            "<s7>", "<s8>", "<s9>", "<b10>", "SYSCALL", "<s12>", "<s13>", "<s14>", "<s15>", "<s16>", "<s17>", "<b18>",
            "MP", "NX", "<b21>", "MMX+", "<s23>", "<s24>", "FFXSR", "Page1GB", "RDTSCP", "<b28>", "LM", "3DNow!+",
            "3DNow!");
    private static final List<String> AMD_FEATURES2 = List.of("LAHF", "CMP", "SVM", "ExtAPIC", "CR8", "ABM", "SSE4A",
            "MAS", "Prefetch", "OSVW", "IBS", "XOP", "SKINIT", "WDT");
    private static final List<String> STRUCTURED = List.of("FSGSBASE", "TSCADJ", "SGX", "BMI1", "HLE", "AVX2", "FDPEXC",
            "SMEP", "BMI2", "ERMS", "INVPCID", "RTM");
    private static final Set<String> BASE_FEATURES = Set.of("FPU", "VME", "DE", "PSE", "TSC", "MSR", "PAE", "MCE", "CX8",
            "APIC", "SEP", "MTRR", "PGE", "MCA", "CMOV", "PAT", "PSE36", "CLFLUSH", "DTS", "ACPI", "MMX", "FXSR", "SSE",
            "SSE2", "SS", "HTT", "TM", "PBE");

    private final String level;
    private final String brand;
    private final String mhz;
    private final String id;
    private final String model;
    private final int stepping;
    private final Set<String> features2;
    private final Set<String> amdFeatures2;
    private final Set<String> structured;

    SimCpu(String level, String brand, String mhz, String id, String model, int stepping, Set<String> features2,
           Set<String> amdFeatures2, Set<String> structured) {
        this.level = level;
        this.brand = brand;
        this.mhz = mhz;
        this.id = id;
        this.model = model;
        this.stepping = stepping;
        this.features2 = features2;
        this.amdFeatures2 = amdFeatures2;
        this.structured = structured;
    }

    /** jailspec.sim.cpu's value: "x86-64-v2" or "x86-64-v3". */
    public String level() {
        return level;
    }

    public static SimCpu of(String level) {
        for (SimCpu c : values()) {
            if (c.level.equals(level)) {
                return c;
            }
        }
        throw new SimUnsupportedException("a simulated CPU of level '" + level + "': the sim models x86-64-v2 and x86-64-v3");
    }

    /** The CPU block of dmesg.boot, as printcpuinfo() prints it (the rest of the boot messages is not modelled). */
    public String dmesgBoot() {
        StringBuilder sb = new StringBuilder();
        sb.append("CPU: ").append(brand).append(" (").append(mhz).append("-MHz K8-class CPU)\n");
        sb.append("  Origin=\"GenuineIntel\"  Id=").append(id).append("  Family=0x6  Model=").append(model)
                .append("  Stepping=").append(stepping).append('\n');
        sb.append("  Features=").append(bits(FEATURES, BASE_FEATURES)).append('\n');
        sb.append("  Features2=").append(bits(FEATURES2, features2)).append('\n');
        sb.append("  AMD Features=").append(bits(AMD_FEATURES, Set.of("SYSCALL", "NX", "Page1GB", "RDTSCP", "LM")))
                .append('\n');
        sb.append("  AMD Features2=").append(bits(AMD_FEATURES2, amdFeatures2)).append('\n');
        if (!structured.isEmpty()) {
            sb.append("  Structured Extended Features=").append(bits(STRUCTURED, structured)).append('\n');
        }
        return sb.toString();
    }

    /** The kernel printf's %b: the value in hex ("0x%b" in the format), then {@code <NAME,NAME>} of the set bits. */
    static String bits(List<String> names, Set<String> set) {
        long value = 0;
        StringBuilder list = new StringBuilder();
        for (int bit = 0; bit < names.size(); bit++) {
            if (set.contains(names.get(bit))) {
                value |= 1L << bit;
                list.append(list.length() == 0 ? "" : ",").append(names.get(bit));
            }
        }
        for (String name : set) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("identcpu.c has no feature " + name + " in this word");
            }
        }
        return "0x" + Long.toHexString(value) + "<" + list + ">";
    }
}
