package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an {@code ifconfig NAME} block the harness checks. {@code flags} are the words
 * between {@code <>} on the first line ({@code UP}, {@code RUNNING}, ...).
 */
public record InterfaceInfo(String name, List<String> flags, int mtu, Optional<String> ether,
                            List<IfconfigInet> inet, List<BridgeMember> members,
                            Optional<String> description, List<String> groups) {

    public InterfaceInfo {
        Objects.requireNonNull(name, "name");
        flags = List.copyOf(flags);
        Objects.requireNonNull(ether, "ether");
        inet = List.copyOf(inet);
        members = List.copyOf(members);
        Objects.requireNonNull(description, "description");
        groups = List.copyOf(groups);
    }

    public boolean isUp() {
        return flags.contains("UP");
    }

    public boolean hasMember(String member) {
        return members.stream().anyMatch(m -> m.name().equals(member));
    }
}
