package org.whalemountain.registry;

import java.util.List;
import java.util.Map;

/**
 * What an image's config blob says about how to run it, kept for the SIF builder and the
 * catalogue. Lists are never {@code null}; absent values are empty.
 *
 * @param env {@code NAME=value} entries of the image's ENV, in order
 * @param entrypoint ENTRYPOINT words
 * @param cmd CMD words
 * @param workingDir WORKDIR, or empty
 * @param user USER, or empty
 * @param labels LABELs
 * @param architecture e.g. {@code amd64}
 * @param os e.g. {@code linux}
 */
public record ImageConfig(List<String> env, List<String> entrypoint, List<String> cmd, String workingDir, String user,
		Map<String, String> labels, String architecture, String os) {

	public ImageConfig {
		env = List.copyOf(env);
		entrypoint = List.copyOf(entrypoint);
		cmd = List.copyOf(cmd);
		labels = Map.copyOf(labels);
	}

}
