package dev.jailspec.artifact;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A verified file in the cache.
 *
 * @param path             the verified file (never a {@code .part})
 * @param size             its size
 * @param bytesTransferred bytes that came over the network in this call: 0 for a cache hit
 * @param fromCache        nothing was downloaded
 * @param resumed          the transfer continued a partial file with a Range request
 * @param attempts         HTTP requests made (0 for a cache hit)
 * @param sha256           the verified hash
 */
public record DownloadResult(URI url, Path path, long size, long bytesTransferred, boolean fromCache,
                             boolean resumed, int attempts, String sha256, Duration elapsed) {
}
