package dev.jailspec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.Matrix.Axis;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {
    @Test
    void aGroupIsEveryCombinationOfItsAxesAndGroupsAddCellsOnce() {
        Matrix m = Matrix.parse("freebsd=14.4-RELEASE,14.5-RELEASE;rocky=9,10 | host=14.4-RELEASE;freebsd=14.5-RELEASE;rocky=9"
                + "|freebsd=14.4-RELEASE;rocky=9", "rocky");
        assertThat(m.cells()).extracting(Matrix.Cell::id).containsExactly(
                "freebsd=14.4-RELEASE rocky=9", "freebsd=14.4-RELEASE rocky=10",
                "freebsd=14.5-RELEASE rocky=9", "freebsd=14.5-RELEASE rocky=10",
                "freebsd=14.5-RELEASE rocky=9 host=14.4-RELEASE");
        assertThat(m.cells().get(4).settings()).containsExactly(Map.entry("jailspec.freebsd.release", "14.5-RELEASE"),
                Map.entry("jailspec.rocky.release", "9"), Map.entry("jailspec.sim.release", "14.4-RELEASE"));
        assertThat(m.cells().get(0).values()).containsOnlyKeys(Axis.FREEBSD, Axis.LINUX);
    }

    @Test
    void theTemplateAxisGivesEachCellItsKindOfTemplate() {
        Matrix m = Matrix.parse("freebsd=15.1-RELEASE;rocky=9;template=dist,pkgbase", "rocky");
        assertThat(m.cells()).extracting(Matrix.Cell::id).containsExactly(
                "freebsd=15.1-RELEASE rocky=9 template=dist", "freebsd=15.1-RELEASE rocky=9 template=pkgbase");
        assertThat(m.cells().get(1).settings()).containsEntry("jailspec.freebsd.template", "pkgbase");
        assertThatThrownBy(() -> Matrix.parse("template=pkg", "rocky")).hasMessageContaining("'pkg' is not a value of the"
                + " axis template (jailspec.freebsd.template): dist (the release's base.txz");
        assertThat(Matrix.formProblem("freebsd=15.1-RELEASE;template=pkgbase")).isEmpty();
    }

    @Test
    void badMatricesSayWhatIsWrongAndWhatIsAllowed() {
        assertThatThrownBy(() -> Matrix.parse("", "rocky")).hasMessageContaining("the matrix is empty");
        assertThatThrownBy(() -> Matrix.parse("kernel=14.4", "rocky")).hasMessageContaining("unknown matrix axis 'kernel'")
                .hasMessageContaining("freebsd, rocky, host").hasMessageContaining("named after jailspec.linux.distribution");
        assertThatThrownBy(() -> Matrix.parse("freebsd=14.4", "rocky")).hasMessageContaining("'14.4' is not a value of the axis"
                + " freebsd (jailspec.freebsd.release)").hasMessageContaining("14.5-RELEASE");
        assertThatThrownBy(() -> Matrix.parse("rocky=9,,10", "rocky")).hasMessageContaining("'' is not a value of the axis rocky");
        assertThatThrownBy(() -> Matrix.parse("rocky=9;rocky=10", "rocky")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Matrix.parse("rocky=9,9", "rocky")).hasMessageContaining("repeats a value");
        assertThatThrownBy(() -> Matrix.parse("rocky=9||rocky=10", "rocky")).hasMessageContaining("an empty group");
        assertThatThrownBy(() -> Matrix.parse("rocky", "rocky")).hasMessageContaining("is not name=value,value");
    }

    @Test
    void theSettingAcceptsAMatrixAndSaysWhatIsWrongWithABadOne() {
        assertThat(Setting.MATRIX.accepts("")).isTrue();
        assertThat(Setting.MATRIX.accepts("freebsd=14.4-RELEASE;rocky=9,10")).isTrue();
        assertThat(Setting.MATRIX.accepts("freebsd=14.4")).isFalse();
        assertThat(Matrix.problem("freebsd=14.4", "rocky")).isPresent();
        assertThat(Matrix.problem("rocky=9", "rocky")).isEmpty();
        assertThat(Matrix.problem("fedora=41", "rocky")).hasValueSatisfying(p -> assertThat(p).contains("unknown matrix axis"));
        assertThat(Matrix.formProblem("fedora=41;freebsd=14.5-RELEASE")).as("form only: the distribution is not known yet")
                .isEmpty();
        assertThat(Matrix.formProblem("fedora=;freebsd=14.5-RELEASE")).isPresent();
        assertThat(Setting.MATRIX.accepts("freebsd=14.4-RELEASE;host=15")).isFalse();
    }
}
