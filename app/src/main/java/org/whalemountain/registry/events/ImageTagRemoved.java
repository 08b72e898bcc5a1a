package org.whalemountain.registry.events;

/** A tag is no longer in the registry; the catalogue drops it. */
public record ImageTagRemoved(String owner, String repository, String tag) {
}
