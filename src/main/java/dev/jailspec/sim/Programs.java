package dev.jailspec.sim;

import java.util.List;

/** Every program the simulated host has. */
final class Programs {
    private Programs() {
    }

    static List<SimTool> all() {
        return List.of(
                new MkdirTool(),
                new TestTool(),
                new CatTool(),
                new RmTool(),
                new CpTool(),
                new SysrcTool(),
                new ZfsTool(),
                new IfconfigTool(),
                new RouteTool(),
                new MountTool(),
                new HostnameTool(),
                new ShTool(),
                new JlsTool(),
                new JexecTool(),
                new ServiceTool(),
                new TarTool(),
                new Sha256Tool(),
                new FreebsdVersionTool(),
                new UnameTool(),
                new KldstatTool(),
                new KldloadTool(),
                new SysctlTool(),
                new ChrootTool(),
                new FetchTool(),
                new FreebsdUpdateTool(),
                new PkgTool(),
                new IdTool(),
                new DevfsTool(),
                new LsTool(),
                new DmesgTool(),
                new NetstatTool(),
                new DfTool());
    }
}
