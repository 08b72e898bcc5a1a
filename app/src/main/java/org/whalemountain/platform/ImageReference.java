package org.whalemountain.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image named the way docker reads a name, for every feature of the service: launches,
 * the catalogue, SIF builds and pulls. A name always has a registry: a reference without
 * one belongs to the default registry the caller names ({@link #DOCKER_HUB} for launches,
 * as on the docker command line), and a one-part Docker Hub name is an official image
 * under {@code library/}.
 * <p>
 * What is <em>not</em> a name is refused here: an image ID, the bare hex digits of one or
 * a prefix of them, and a digest without a name. Docker resolves such strings by ID, past
 * every name-based check, so they never reach an engine.
 *
 * @param registry the registry host, with its port if it has one ({@code docker.io},
 * {@code registry.example.org:5000})
 * @param repository the path in that registry ({@code library/python}, {@code alice/web})
 * @param tag the tag, {@code latest} when neither tag nor digest was given; {@code null}
 * when only a digest was
 * @param digest the content digest ({@code sha256:…}), or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

	/** Docker Hub as docker names it in normalised references. */
	public static final String DOCKER_HUB = "docker.io";

	private static final String DEFAULT_TAG = "latest";

	private static final int MAX_NAME_LENGTH = 255;

	private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

	private static final Pattern DOMAIN = Pattern
		.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*"
				+ "[a-zA-Z0-9]))*(?::[0-9]{1,5})?");

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

	/** What docker may take for an image ID or a prefix of one: hex digits only. */
	private static final Pattern HEX = Pattern.compile("[a-f0-9]{4,64}");

	public ImageReference {
		Objects.requireNonNull(registry, "registry");
		Objects.requireNonNull(repository, "repository");
		if (tag == null && digest == null) {
			throw new IllegalArgumentException("A reference has a tag, a digest or both");
		}
	}

	/**
	 * Parses a reference as docker does, with the registry made explicit.
	 * @param text {@code [<registry>/]<path>[:<tag>][@<digest>]}
	 * @param defaultRegistry the registry of a reference that names none
	 * @throws InvalidImageReferenceException with a message for the user when the text is
	 * not an image name, or only an image ID or a digest
	 */
	public static ImageReference parse(String text, String defaultRegistry) {
		if (text == null || text.isBlank()) {
			throw new InvalidImageReferenceException("Name the image, for example python:3.12.");
		}
		if (looksLikeAnId(text)) {
			throw new InvalidImageReferenceException("'" + text + "' is an image ID or digest, not a name."
					+ " Name the image with its repository and tag, for example python:3.12.");
		}
		String rest = text;
		String digest = null;
		int at = rest.indexOf('@');
		if (at >= 0) {
			digest = rest.substring(at + 1);
			rest = rest.substring(0, at);
			if (!DIGEST.matcher(digest).matches()) {
				throw invalid(text, "the digest after @ must be sha256: and 64 lower-case hex digits");
			}
		}
		String registry = defaultRegistry;
		int slash = rest.indexOf('/');
		if (slash > 0 && isDomain(rest.substring(0, slash))) {
			registry = rest.substring(0, slash);
			rest = rest.substring(slash + 1);
			if (!DOMAIN.matcher(registry).matches()) {
				throw invalid(text, "'" + registry + "' is not a registry host");
			}
		}
		String tag = null;
		int colon = rest.lastIndexOf(':');
		if (colon >= 0) {
			tag = rest.substring(colon + 1);
			rest = rest.substring(0, colon);
			if (!TAG.matcher(tag).matches()) {
				throw invalid(text,
						"a tag is letters, digits, '_', '.' and '-', at most 128, not starting with" + " '.' or '-'");
			}
		}
		for (String component : rest.split("/", -1)) {
			if (!PATH_COMPONENT.matcher(component).matches()) {
				throw invalid(text,
						"each part of the name is lower-case letters and digits, separated by" + " '.', '_' or '-'");
			}
		}
		if (isHub(registry)) {
			registry = DOCKER_HUB;
			if (!rest.contains("/")) {
				rest = "library/" + rest;
			}
		}
		if (registry.length() + 1 + rest.length() > MAX_NAME_LENGTH) {
			throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
		}
		return new ImageReference(registry, rest, (tag == null && digest == null) ? DEFAULT_TAG : tag, digest);
	}

	/** {@code registry/repository}, without tag or digest. */
	public String name() {
		return this.registry + "/" + this.repository;
	}

	/**
	 * The full normalised form, {@code registry/repository[:tag][@digest]}: what engines
	 * are given, since docker never reads a fully qualified name as an ID.
	 */
	public String canonical() {
		return name() + ((this.tag != null) ? ":" + this.tag : "") + ((this.digest != null) ? "@" + this.digest : "");
	}

	/** Whether this image lives on the registry at {@code host}. */
	public boolean isOn(String host) {
		return this.registry.equals(host);
	}

	/**
	 * Whether a name docker lists for an image it holds ({@code RepoTags} such as
	 * {@code python:3} or {@code RepoDigests} such as {@code python@sha256:…}) is this
	 * reference: the same name and, by digest when this one has a digest, else the same
	 * tag.
	 */
	public boolean isListedAs(String listed) {
		ImageReference other;
		try {
			other = parse(listed, DOCKER_HUB);
		}
		catch (InvalidImageReferenceException ex) {
			// "<none>:<none>" and the like name nothing
			return false;
		}
		if (!other.name().equals(name())) {
			return false;
		}
		if (this.digest != null) {
			return this.digest.equals(other.digest());
		}
		return other.digest() == null && this.tag.equals(other.tag());
	}

	@Override
	public String toString() {
		return canonical();
	}

	private static boolean looksLikeAnId(String text) {
		if (text.startsWith("sha256:") || text.startsWith("@")) {
			return true;
		}
		// a bare name of hex digits, with or without a tag: docker tries it as an ID
		// prefix
		String name = (text.indexOf(':') >= 0) ? text.substring(0, text.indexOf(':')) : text;
		return HEX.matcher(name).matches();
	}

	/**
	 * Docker's rule: a first part with a dot or a port, or {@code localhost}, is a host.
	 */
	private static boolean isDomain(String first) {
		return first.contains(".") || first.contains(":") || first.equals("localhost");
	}

	private static boolean isHub(String registry) {
		return registry.equals(DOCKER_HUB) || registry.equals("index.docker.io")
				|| registry.equals("registry-1.docker.io");
	}

	private static InvalidImageReferenceException invalid(String text, String why) {
		return new InvalidImageReferenceException("'" + text + "' is not an image name: " + why + ".");
	}

}
