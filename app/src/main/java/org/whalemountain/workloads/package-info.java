/**
 * Containers run for users and for the service itself: the
 * {@link org.whalemountain.workloads.engine.ContainerEngine} port with its Docker (and
 * later Kubernetes) adapters. Containers lent to users go through
 * {@link org.whalemountain.workloads.Workloads}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workloads",
		allowedDependencies = { "identity", "images", "registry", "platform" })
package org.whalemountain.workloads;
