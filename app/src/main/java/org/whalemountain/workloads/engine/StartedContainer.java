package org.whalemountain.workloads.engine;

/**
 * A container {@link ContainerEngine#run run} made and started.
 *
 * @param id the engine's id of the container, what every other call takes
 * @param networkId the id of the owner's network it joined, or {@code null} when the
 * engine has no such thing
 */
public record StartedContainer(String id, String networkId) {
}
