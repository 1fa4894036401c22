package dev.jailspec.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IniFileTest {
    static final String ROCKY_DNF_CONF = "[main]\ngpgcheck=1\ninstallonly_limit=3\nclean_requirements_on_remove=True\n"
            + "best=True\nskip_if_unavailable=False\n";

    private static String withMainOption(String text, String assignment) {
        return IniFile.withOption(text, "main", assignment);
    }

    @Test
    void adds_the_line_at_the_end_of_main() {
        assertThat(withMainOption(ROCKY_DNF_CONF, "max_parallel_downloads=5"))
                .isEqualTo(ROCKY_DNF_CONF + "max_parallel_downloads=5\n");
        assertThat(withMainOption("[main]\ngpgcheck=1\n\n[other]\nx=1\n", "max_parallel_downloads=5"))
                .isEqualTo("[main]\ngpgcheck=1\nmax_parallel_downloads=5\n\n[other]\nx=1\n");
    }

    @Test
    void replaces_an_existing_value_once_and_is_idempotent() {
        String once = withMainOption("[main]\nmax_parallel_downloads = 3\ngpgcheck=1\n", "max_parallel_downloads=5");
        assertThat(once).isEqualTo("[main]\nmax_parallel_downloads=5\ngpgcheck=1\n");
        assertThat(withMainOption(once, "max_parallel_downloads=5")).isEqualTo(once);
    }

    @Test
    void creates_main_when_the_file_is_empty_or_lacks_it() {
        assertThat(withMainOption("", "max_parallel_downloads=5")).isEqualTo("[main]\nmax_parallel_downloads=5\n");
        assertThat(withMainOption("[x]\na=1\n", "max_parallel_downloads=5"))
                .isEqualTo("[main]\nmax_parallel_downloads=5\n[x]\na=1\n");
    }

    @Test
    void main_section_ignores_other_sections() {
        assertThat(IniFile.section("[x]\nmax_parallel_downloads=5\n[main]\ngpgcheck=1\n", "main"))
                .containsExactly("gpgcheck=1");
    }

    @Test
    void other_sections_are_edited_the_same_way_and_main_is_left_alone() {
        assertThat(IniFile.withOption("[main]\nmax_parallel_downloads=3\n[epel]\nenabled=1\n", "epel",
                "max_parallel_downloads=5"))
                .isEqualTo("[main]\nmax_parallel_downloads=3\n[epel]\nenabled=1\nmax_parallel_downloads=5\n");
        assertThat(IniFile.section("[main]\na=1\n", "epel")).isEmpty();
    }

    @Test
    void an_assignment_without_a_key_is_refused_saying_how_to_write_it() {
        assertThatThrownBy(() -> withMainOption(ROCKY_DNF_CONF, "max_parallel_downloads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'max_parallel_downloads' is not an INI assignment: write it as key=value,"
                        + " e.g. max_parallel_downloads=5");
        assertThatThrownBy(() -> withMainOption(ROCKY_DNF_CONF, "=5")).isInstanceOf(IllegalArgumentException.class);
    }
}
