package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The feature lines printcpuinfo() (sys/x86/x86/identcpu.c) writes with %b, as /var/run/dmesg.boot keeps them. */
class CpuFeaturesTest {
    private static final String DMESG = """
            CPU: Intel(R) Core(TM) i5-4590 CPU @ 3.30GHz (3292.45-MHz K8-class CPU)
              Origin="GenuineIntel"  Id=0x306c3  Family=0x6  Model=0x3c  Stepping=3
              Features=0xbfebfbff<FPU,VME,DE,PSE,TSC,MSR,PAE,MCE,CX8,APIC,SEP,MTRR,PGE,MCA,CMOV,PAT,PSE36,CLFLUSH,DTS,ACPI,MMX,FXSR,SSE,SSE2,SS,HTT,TM,PBE>
              Features2=0x7ffafbff<SSE3,PCLMULQDQ,DTES64,MON,DS_CPL,VMX,SMX,EST,TM2,SSSE3,SDBG,FMA,CX16,xTPR,PDCM,PCID,SSE4.1,SSE4.2,x2APIC,MOVBE,POPCNT,TSCDLT,AESNI,XSAVE,OSXSAVE,AVX,F16C,RDRAND>
              AMD Features=0x2c100800<SYSCALL,NX,Page1GB,RDTSCP,LM>
              AMD Features2=0x21<LAHF,ABM>
              Structured Extended Features=0x2fbb<FSGSBASE,TSCADJ,BMI1,HLE,AVX2,SMEP,BMI2,ERMS,INVPCID,RTM,NFPUSG>
              XSAVE Features=0x1<XSAVEOPT>
              TSC: P-state invariant, performance statistics
            real memory  = 17179869184 (16384 MB)
            """;

    @Test
    void everyFeatureLineCountsAndThePsAbiNamesAreMappedToIdentcpusNames() {
        CpuFeatures cpu = CpuFeatures.parse(DMESG);
        assertThat(cpu.names()).contains("SSE4.2", "AVX", "AVX2", "BMI2", "LAHF", "ABM", "CX16", "LM")
                .doesNotContain("XSAVEOPT", "P-state invariant");
        assertThat(cpu.has("LZCNT")).as("LZCNT is AMD Features2's ABM").isTrue();
        assertThat(cpu.has("CMPXCHG16B")).isTrue();
        assertThat(cpu.has("SSE4_1")).isTrue();
        assertThat(cpu.has("AVX512F")).isFalse();
        assertThat(CpuFeatures.describe("LZCNT")).isEqualTo("LZCNT (ABM)");
        assertThat(CpuFeatures.describe("AVX2")).isEqualTo("AVX2");
    }

    @Test
    void textWithoutFeatureLinesHasNoFeatures() {
        assertThat(CpuFeatures.parse("Copyright (c) 1992-2025 The FreeBSD Project.\nreal memory  = 1\n").isEmpty()).isTrue();
    }
}
