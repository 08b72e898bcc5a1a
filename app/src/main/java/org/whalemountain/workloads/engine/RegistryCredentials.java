package org.whalemountain.workloads.engine;

/**
 * Credentials for pulling from a registry: a username and password, or a bearer token the
 * engine hands to the registry as it is. {@code toString} hides the secrets.
 *
 * @param registry the registry's host, e.g. {@code registry.example.org:5000}
 * @param username the username, or {@code null} with a token
 * @param password the password, or {@code null} with a token
 * @param registryToken a registry token (a JWT of the registry's token service) sent as
 * {@code Authorization: Bearer}, or {@code null}
 */
public record RegistryCredentials(String registry, String username, String password, String registryToken) {

	public RegistryCredentials(String registry, String username, String password) {
		this(registry, username, password, null);
	}

	/** Credentials that are only a registry token. */
	public static RegistryCredentials token(String registry, String registryToken) {
		return new RegistryCredentials(registry, null, null, registryToken);
	}

	@Override
	public String toString() {
		return "RegistryCredentials[" + this.registry + ", " + ((this.registryToken != null) ? "token" : this.username)
				+ ", ****]";
	}

}
