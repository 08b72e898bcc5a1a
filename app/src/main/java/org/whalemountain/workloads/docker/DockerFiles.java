package org.whalemountain.workloads.docker;

import java.io.InputStream;

import com.github.dockerjava.api.DockerClient;

/** Files into a container and its logs out of it. */
final class DockerFiles {

	/** Logs are read whole into memory; a container cannot make the service hold more. */
	static final int LOG_LIMIT_BYTES = 8 * 1024 * 1024;

	private final DockerClient client;

	private final DockerFailures failures;

	DockerFiles(DockerClient client, DockerFailures failures) {
		this.client = client;
		this.failures = failures;
	}

	/**
	 * The files go to the container's user: numbers are written into the tar (see
	 * {@link TarOwners}), a name dockerd looks up in the container itself; without a user
	 * they stay as the tar says, root's for the service's own tars.
	 */
	void copyIn(String containerId, String directory, InputStream tar) {
		String action = "copy files to " + directory + " in container " + containerId;
		String user;
		try {
			user = this.client.inspectContainerCmd(containerId).exec().getConfig().getUser();
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, action, ex);
		}
		int[] numbers = TarOwners.numeric(user);
		InputStream owned = (numbers != null) ? TarOwners.owned(tar, numbers[0], numbers[1]) : tar;
		try {
			this.client.copyArchiveToContainerCmd(containerId)
				.withRemotePath(directory)
				.withCopyUIDGID(numbers == null && user != null && !user.isBlank())
				.withTarInputStream(owned)
				.exec();
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, action, ex);
		}
	}

	String logs(String containerId, int tail) {
		FrameCollector output = FrameCollector.interleaved(LOG_LIMIT_BYTES);
		String action = "read the logs of container " + containerId;
		try {
			this.client.logContainerCmd(containerId)
				.withStdOut(true)
				.withStdErr(true)
				.withTail(Math.max(0, tail))
				.exec(output)
				.awaitCompletion();
			return output.text();
		}
		catch (InterruptedException ex) {
			throw this.failures.interrupted(action, ex);
		}
		catch (RuntimeException ex) {
			throw this.failures.container(containerId, action, ex);
		}
	}

}
