package org.whalemountain.workloads.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.whalemountain.workloads.engine.ContainerSpec;

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

	/**
	 * Puts a spec's files into a created container: each directory as one tar unpacked in
	 * its parent, with the directory itself made {@code 0700}, as the files may be
	 * secrets.
	 */
	void seed(String containerId, List<ContainerSpec.SeedFile> files) {
		Map<String, List<ContainerSpec.SeedFile>> byDirectory = new LinkedHashMap<>();
		for (ContainerSpec.SeedFile file : files) {
			byDirectory.computeIfAbsent(parent(file.path()), (dir) -> new java.util.ArrayList<>()).add(file);
		}
		byDirectory.forEach((directory, inIt) -> copyIn(containerId, directory.equals("/") ? "/" : parent(directory),
				new ByteArrayInputStream(tar(directory, inIt))));
	}

	static byte[] tar(String directory, List<ContainerSpec.SeedFile> files) {
		String prefix = directory.equals("/") ? "" : directory.substring(directory.lastIndexOf('/') + 1) + "/";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			if (!prefix.isEmpty()) {
				TarArchiveEntry dir = new TarArchiveEntry(prefix);
				dir.setMode(040700);
				tar.putArchiveEntry(dir);
				tar.closeArchiveEntry();
			}
			for (ContainerSpec.SeedFile file : files) {
				byte[] content = file.content();
				TarArchiveEntry entry = new TarArchiveEntry(prefix + file.path().substring(directory.length() + 1));
				entry.setMode(0100000 | file.mode());
				entry.setSize(content.length);
				tar.putArchiveEntry(entry);
				tar.write(content);
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Writing a tar to memory cannot fail", ex);
		}
		return bytes.toByteArray();
	}

	private static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return (slash <= 0) ? "/" : path.substring(0, slash);
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
