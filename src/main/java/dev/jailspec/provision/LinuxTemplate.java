package dev.jailspec.provision;

/**
 * The names of the kept Linux template and of a jail's clone of it (jailspec.linux.template=true).
 * The template is named after the release template and the userland's distribution and major release
 * ({@code templates/15.1-RELEASE-rocky9}), so the templates of a matrix's cells stay side by side; which
 * image and extraction it holds is in its marks ({@link Marks#LINUX_IMAGE}, {@link Marks#LINUX_RECIPE}),
 * and another image rebuilds it. The jail's clone is a child of the jail's own clone
 * ({@code containers/lrdev/rocky}) mounted at the userland's place in it ({@code .../lrdev/compat/rocky}),
 * so {@code zfs destroy -r} of the jail's dataset takes it too, and its exec, setuid and readonly are
 * inherited from the jail's clone as the userland's directory's are without a template.
 */
public record LinuxTemplate(String dataset, String path, String cloneDataset, String cloneMountpoint) {

    static LinuxTemplate of(Layout layout, LinuxUserland userland) {
        String suffix = "-" + userland.distribution().name() + userland.settings().release();
        return new LinuxTemplate(layout.templateDataset() + suffix, layout.templatePath() + suffix,
                layout.jailDataset() + "/" + userland.distribution().name(), layout.linuxRootOnHost());
    }

    public String snapshot() {
        return dataset + "@" + Layout.BASE_SNAPSHOT;
    }
}
