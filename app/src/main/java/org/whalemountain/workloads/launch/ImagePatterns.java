package org.whalemountain.workloads.launch;

import java.util.regex.Pattern;

import org.whalemountain.platform.ImageReference;

/**
 * The operator's allow and deny patterns ({@code *} matches any run of characters),
 * matched against normalised names. A pattern is normalised as a name is, so that
 * {@code python:*} still means Docker Hub's {@code docker.io/library/python:*} and cannot
 * be dodged by writing the image's long name; a pattern that starts with {@code *} is
 * taken as it is.
 */
final class ImagePatterns {

	private ImagePatterns() {
	}

	static boolean matches(String pattern, ImageReference image) {
		String[] parts = normalised(pattern).split("\\*", -1);
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			regex.append((i > 0) ? ".*" : "").append(Pattern.quote(parts[i]));
		}
		return image.canonical().matches(regex.toString());
	}

	static String normalised(String pattern) {
		if (pattern.startsWith("*")) {
			return pattern;
		}
		int slash = pattern.indexOf('/');
		String first = (slash >= 0) ? pattern.substring(0, slash) : null;
		boolean hasHost = first != null && (first.contains(".") || first.contains(":") || first.equals("localhost"));
		if (hasHost) {
			return first.equals("index.docker.io") ? ImageReference.DOCKER_HUB + pattern.substring(slash) : pattern;
		}
		return ImageReference.DOCKER_HUB + "/" + ((slash >= 0) ? "" : "library/") + pattern;
	}

}
