package dev.jailspec.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code property=value} arguments of zfs create/clone/set, checked as zfs_valid_proplist() does. */
final class ZfsPropInput {
    private static final int ZAP_MAXNAMELEN = 256;
    private static final int ZFS_MAXPROPLEN = 8192;

    private ZfsPropInput() {
    }

    /**
     * parseprop() of zfs_main.c: splits the arguments; prints the error and returns empty for a
     * missing '=' or a property given twice.
     */
    static Optional<Map<String, String>> parse(Invocation inv, List<String> args) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                inv.err("missing '=' for property=value argument");
                return Optional.empty();
            }
            String name = arg.substring(0, eq);
            if (props.containsKey(name)) {
                inv.err("property '" + name + "' specified multiple times");
                return Optional.empty();
            }
            props.put(name, arg.substring(eq + 1));
        }
        return Optional.of(props);
    }

    /** Why a property cannot be set to a value (libzfs's aux text), or empty if it can. */
    static Optional<String> problem(String name, String value) {
        if (ZfsProps.isUserProp(name)) {
            if (name.length() >= ZAP_MAXNAMELEN) {
                return Optional.of("property name '" + name + "' is too long");
            }
            if (value.length() >= ZFS_MAXPROPLEN) {
                return Optional.of("property value '" + value + "' is too long");
            }
            return Optional.empty();
        }
        Optional<ZfsProps.Native> prop = ZfsProps.nativeProp(name);
        if (prop.isEmpty()) {
            ZfsProps.requireModelled(name);
            return Optional.of("invalid property '" + name + "'");
        }
        if (prop.get().readonly()) {
            return Optional.of("'" + prop.get().name() + "' is readonly");
        }
        if (!prop.get().indexValues().isEmpty() && !prop.get().indexValues().contains(value)) {
            // zprop_parse_value(): an index property's value must be one of its table's names
            return Optional.of("'" + prop.get().name() + "' must be one of '" + prop.get().usageValues() + "'");
        }
        if (prop.get().name().equals("mountpoint")
                && !(value.startsWith("/") || value.equals("none") || value.equals("legacy"))) {
            return Optional.of("'mountpoint' must be an absolute path, 'none', or 'legacy'");
        }
        return Optional.empty();
    }

    /** The properties with canonical names, to store on a dataset. */
    static Map<String, String> canonical(Map<String, String> props) {
        Map<String, String> out = new LinkedHashMap<>();
        props.forEach((k, v) -> out.put(ZfsProps.nativeProp(k).map(ZfsProps.Native::name).orElse(k),
                k.equals("mountpoint") ? normalizeMountpoint(v) : v));
        return out;
    }

    /** A mount point as ZFS stores it: without trailing slashes (except "/"). */
    static String normalizeMountpoint(String v) {
        if (!v.startsWith("/")) {
            return v;
        }
        String s = v.replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
