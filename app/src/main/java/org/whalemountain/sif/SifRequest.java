package org.whalemountain.sif;

/**
 * What a caller knows about the image whose SIF it asks for.
 *
 * @param digest the manifest digest, {@code sha256:…}
 * @param repository a repository that holds the digest now; the build reads from it
 * unless it is gone by then
 * @param owner the user whose image it is: the build counts against their
 * {@code wm.sif.max-queued-per-user}
 * @param sizeBytes the image's size as its manifest states it, checked against
 * {@code wm.sif.max-image-size} before the build is queued
 */
public record SifRequest(String digest, String repository, String owner, long sizeBytes) {
}
