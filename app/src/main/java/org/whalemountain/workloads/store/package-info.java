/**
 * What the service remembers of lent containers: their rows ({@code ContainerStore},
 * {@code ContainerRecord}) and the host ports handed out ({@code HostPorts}).
 */
package org.whalemountain.workloads.store;
