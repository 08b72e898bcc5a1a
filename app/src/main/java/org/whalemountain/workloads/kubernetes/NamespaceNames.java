package org.whalemountain.workloads.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Usernames as Kubernetes names. A username that already is a DNS label is used as it is
 * ({@code alice} → {@code wm-alice}); any other ({@code Alice.Smith}, {@code a_b}) is
 * lower-cased, its other characters written as {@code -}, and a hash of the exact
 * username appended ({@code wm-alice-smith-3f2a9c01d4}), so that {@code a.b} and
 * {@code a_b} never share a namespace. A username that itself ends like such a hash is
 * hashed too, so that nobody can be named into another user's namespace.
 */
public final class NamespaceNames {

	/** The longest DNS label, which namespace names and label values must keep to. */
	static final int MAX_LENGTH = 63;

	private static final int HASH_CHARS = 10;

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern LOOKS_HASHED = Pattern.compile(".*-[0-9a-f]{" + HASH_CHARS + "}");

	private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

	private NamespaceNames() {
	}

	/** The user's namespace: {@code prefix} + the user's DNS-safe name. */
	public static String namespace(String prefix, String username) {
		return prefix + dnsName(username, MAX_LENGTH - prefix.length());
	}

	/**
	 * The value of the {@code wm.owner} label: the username when it is a valid label
	 * value, otherwise its DNS-safe name (the exact username is then in the
	 * {@code wm.owner} annotation).
	 */
	public static String ownerLabel(String username) {
		if (username.length() <= MAX_LENGTH && LABEL_VALUE.matcher(username).matches()) {
			return username;
		}
		return dnsName(username, MAX_LENGTH);
	}

	static String dnsName(String username, int room) {
		if (username.length() <= room && DNS_LABEL.matcher(username).matches()
				&& !LOOKS_HASHED.matcher(username).matches()) {
			return username;
		}
		String safe = username.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
		String hash = hash(username);
		int keep = Math.min(safe.length(), room - HASH_CHARS - 1);
		String head = safe.substring(0, keep).replaceAll("-+$", "");
		return head.isEmpty() ? "u-" + hash : head + "-" + hash;
	}

	private static String hash(String username) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
