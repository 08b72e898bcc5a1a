package org.whalemountain.registry.distribution;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 8288 {@code Link} headers as Distribution sends them for pagination:
 * {@code </v2/_catalog?last=b%2Fy&n=100>; rel="next"}. Pure.
 */
final class LinkHeader {

	/** One link value: the target in angle brackets, then its parameters. */
	private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,<]+)*)");

	private static final Pattern REL = Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

	private LinkHeader() {
	}

	/**
	 * The target of the link whose {@code rel} includes {@code next}, as written (usually
	 * a path with a query, to resolve against the registry's URL); empty if there is none
	 * or the header is absent.
	 */
	static Optional<String> next(String header) {
		if (header == null) {
			return Optional.empty();
		}
		Matcher link = LINK.matcher(header);
		while (link.find()) {
			Matcher rel = REL.matcher(link.group(2));
			if (rel.find()) {
				String relations = (rel.group(1) != null) ? rel.group(1) : rel.group(2);
				for (String relation : relations.trim().split("\\s+")) {
					if ("next".equalsIgnoreCase(relation)) {
						return Optional.of(link.group(1).trim());
					}
				}
			}
		}
		return Optional.empty();
	}

}
