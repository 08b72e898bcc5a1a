package org.whalemountain.workloads.events;

import java.time.Instant;

/**
 * A user downloaded a kubeconfig for their namespace; the token itself is not kept.
 */
public record KubeconfigIssued(String owner, String namespace, Instant expiresAt, String sourceAddress, Instant at) {
}
