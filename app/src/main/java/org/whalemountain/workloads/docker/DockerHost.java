package org.whalemountain.workloads.docker;

/**
 * What the Docker adapter knows of its host that specs leave open: the address published
 * ports bind to, where owners' home directories live, dockerd's socket for workloads that
 * drive it, and log rotation.
 *
 * @param publishAddress the host address every published port binds to
 * ({@code wm.workloads.host-address})
 * @param socketPath dockerd's socket on its host, bound into containers that run further
 * containers
 */
record DockerHost(String publishAddress, DockerHomeDirectories homes, String socketPath, DockerProperties.Logs logs) {

	static DockerHost of(DockerProperties properties, String publishAddress, String homeTemplate) {
		return new DockerHost(publishAddress, new DockerHomeDirectories(homeTemplate), properties.socketPath(),
				properties.logs());
	}

}
