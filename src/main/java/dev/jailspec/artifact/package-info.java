/**
 * Release artifacts: fetching, verifying and looking inside them before anything reaches a host.
 *
 * <p>The usual flow for FreeBSD: {@link dev.jailspec.artifact.Downloader#fetchText} the release
 * {@code MANIFEST}, {@link dev.jailspec.artifact.FreebsdManifest#sha256Of} {@code base.txz},
 * {@link dev.jailspec.artifact.Downloader#download} it with that hash, then
 * {@link dev.jailspec.artifact.ArchiveInspector#inspect} it and check it with
 * {@link dev.jailspec.artifact.RootfsValidator#safetyOnly()}.
 *
 * <p>For Rocky: fetch {@code CHECKSUM}, {@link dev.jailspec.artifact.TaggedChecksums#resolveLatest}
 * the {@code .latest.} alias to a dated name, download that, inspect it; when the inventory says
 * {@link dev.jailspec.artifact.ArchiveFormat#OCI_ARCHIVE}, open it as an
 * {@link dev.jailspec.artifact.OciImage}, validate {@link dev.jailspec.artifact.OciImage#inventory()}
 * with {@link dev.jailspec.artifact.RootfsValidator#linuxUserland}, then stream
 * {@link dev.jailspec.artifact.OciImage#writeFlattenedTar} into the host's {@code tar -xpf -}.
 * After extracting, {@link dev.jailspec.artifact.ExtractionCheck#require} compares the tree with
 * the inventory of what was extracted (path count, sampled files and sizes).
 *
 * <p>A multi-block {@code .xz} file is decoded by several threads, one block each, every
 * block's integrity check and the memory limit kept ({@code ParallelXzInputStream}).
 */
package dev.jailspec.artifact;
