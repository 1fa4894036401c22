package dev.jailspec.linux;

import java.util.List;

/**
 * The x86-64 micro-architecture levels of the x86-64 psABI ("System V Application Binary
 * Interface, AMD64 Architecture Processor Supplement", table "Micro-Architecture Levels"; the
 * same lists as glibc's sysdeps/x86/get-isa-level.h, which added BMI1 and BMI2 to v3 in commit
 * b80f16ad "x86: include BMI1 and BMI2 in x86-64-v3 level"). A userland built for a level does
 * not run on a CPU without all of its features. Feature names as GCC's -march documentation and the ELF
 * property GNU_PROPERTY_X86_ISA_1_V3 list them [UNVERIFIED: the psABI PDF itself was not read].
 */
public enum CpuBaseline {
    X86_64_V2("x86-64-v2", List.of("CMPXCHG16B", "LAHF-SAHF", "POPCNT", "SSE3", "SSE4_1", "SSE4_2", "SSSE3")),
    X86_64_V3("x86-64-v3", List.of("CMPXCHG16B", "LAHF-SAHF", "POPCNT", "SSE3", "SSE4_1", "SSE4_2", "SSSE3",
            "AVX", "AVX2", "BMI1", "BMI2", "F16C", "FMA", "LZCNT", "MOVBE", "XSAVE"));

    private final String label;
    private final List<String> features;

    CpuBaseline(String label, List<String> features) {
        this.label = label;
        this.features = features;
    }

    /** "x86-64-v3". */
    public String label() {
        return label;
    }

    /** Every feature of the level, the lower levels' included (v1's baseline aside: every amd64 CPU has it). */
    public List<String> features() {
        return features;
    }

    public static CpuBaseline parse(String label) {
        for (CpuBaseline b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("not an x86-64 level: '" + label + "'; known: x86-64-v2, x86-64-v3");
    }
}
