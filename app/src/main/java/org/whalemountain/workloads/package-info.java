/**
 * Containers run for users and for the service itself: the
 * {@link org.whalemountain.workloads.ContainerEngine} port with its Docker (and later
 * Kubernetes) adapters. User container lending comes with its own issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workloads", allowedDependencies = "platform")
package org.whalemountain.workloads;
