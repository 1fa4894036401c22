package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * service(8) (usr.sbin/service/service.sh): {@code service SCRIPT ARGS...} runs
 * /etc/rc.d/SCRIPT or a script of {@code local_startup}. The simulated rc.d scripts are
 * classes: {@link LinuxRcScript} for {@code linux}; {@code jail} is not on this branch yet. A
 * script that exists nowhere gets service.sh's two lines on stdout and exit 1:
 * <pre>
 * NAME does not exist in /etc/rc.d or the local startup
 * directories (/usr/local/etc/rc.d), or is not executable
 * </pre>
 */
final class ServiceTool implements SimTool {
    static final String LOCAL_STARTUP = "/usr/local/etc/rc.d";

    @Override
    public String name() {
        return "service";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/service");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> args = inv.args();
        if (!args.isEmpty() && args.get(0).startsWith("-")) {
            throw new SimUnsupportedException("service " + args.get(0));
        }
        if (args.size() < 2) {
            throw new SimUnsupportedException("service's usage text");
        }
        String script = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (script) {
            case "linux":
                if (rest.size() != 1) {
                    throw new SimUnsupportedException("service linux " + String.join(" ", rest));
                }
                return LinuxRcScript.run(inv, rest.get(0));
            case "jail":
                throw new SimUnsupportedException("service jail: not yet simulated on this branch");
            default:
                if (inv.fs().exists("/etc/rc.d/" + script) || inv.fs().exists(LOCAL_STARTUP + "/" + script)) {
                    throw new SimUnsupportedException("running the rc.d script " + script);
                }
                inv.out(script + " does not exist in /etc/rc.d or the local startup");
                inv.out("directories (" + LOCAL_STARTUP + "), or is not executable");
                return 1;
        }
    }
}
