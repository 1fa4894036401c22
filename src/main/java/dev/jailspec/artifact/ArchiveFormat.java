package dev.jailspec.artifact;

/** What an archive holds, decided by its members, never by its name. */
public enum ArchiveFormat {
    /** A root file system: extract it and it is the tree. */
    PLAIN_ROOTFS,
    /** An OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/}): layers must be applied. */
    OCI_ARCHIVE
}
