package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bsdtar's command line (tar/cmdline.c, tar/bsdtar.c), read without running anything. */
class TarOptionsTest {
    private final List<String> err = new ArrayList<>();

    private TarOptions parse(String... args) throws TarFatal {
        return TarOptions.parse(List.of(args), "tar", err::add);
    }

    @Test
    void aLeadingBundleTakesItsArgumentsInOrderAndTheRestArePatterns() throws TarFatal {
        TarOptions o = parse("xfC", "base.txz", "/jail", "--unlink", "-v", "./etc", "bin");

        assertThat(o.mode).isEqualTo('x');
        assertThat(o.file).isEqualTo("base.txz");
        assertThat(o.chdir).isEqualTo("/jail");
        assertThat(o.unlink).isTrue();
        assertThat(o.verbose).isEqualTo(1);
        assertThat(o.patterns).containsExactly("./etc", "bin");
        assertThat(err).isEmpty();
    }

    @Test
    void withoutMinusFTarReadsTheTapeAndListingCountsAsOneLevelOfVerbosity() throws TarFatal {
        TarOptions o = parse("-t");

        assertThat(o.file).isEqualTo(TarOptions.DEFAULT_TAPE).isEqualTo("/dev/sa0");
        assertThat(o.verbose).isEqualTo(1);
    }

    @Test
    void aRelativeMinusCIsAppendedToThePendingOneAndAnAbsoluteOneReplacesIt() throws TarFatal {
        assertThat(parse("-x", "-C", "/a/", "-C", "b").chdir).isEqualTo("/a/b");
        assertThat(parse("-x", "-C", "a", "-C", "/b").chdir).isEqualTo("/b");
        assertThatThrownBy(() -> parse("-x", "-C", "")).isInstanceOf(TarFatal.class)
                .hasMessage("Meaningless option: -C ''");
    }

    @Test
    void longOptionsMatchByUniquePrefixAndAnAmbiguousOneIsUsage() throws TarFatal {
        assertThat(parse("--ext", "--unlink", "--file=x.tar").file).isEqualTo("x.tar");
        assertThat(parse("--no-same")).isNull();
        assertThat(err).containsExactly("tar: Ambiguous option --no-same"
                + " (matches --no-same-owner and --no-same-permissions)");
    }

    @Test
    void aMissingArgumentOrAnUnknownOptionIsUsage() throws TarFatal {
        assertThat(parse("-xf")).isNull();
        assertThat(parse("--frobnicate")).isNull();
        assertThat(parse("-xQ")).isNull();
        assertThat(err).containsExactly("tar: Option -f requires an argument", "tar: Option --frobnicate is not supported");
    }

    @Test
    void theModeIsRequiredOnceAndMinusUOnlyExtracts() {
        assertThatThrownBy(() -> parse("-f", "x.tar")).isInstanceOf(TarFatal.class)
                .hasMessage("Must specify one of -c, -r, -t, -u, -x");
        assertThatThrownBy(() -> parse("-x", "-t")).isInstanceOf(TarFatal.class)
                .hasMessage("Can't specify both -t and -x");
        assertThatThrownBy(() -> parse("-tU")).isInstanceOf(TarFatal.class)
                .hasMessage("Option -U is not permitted in mode -t");
        assertThatThrownBy(() -> parse("-c")).isInstanceOf(SimUnsupportedException.class);
    }
}
