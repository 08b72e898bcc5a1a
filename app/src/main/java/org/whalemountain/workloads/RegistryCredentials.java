package org.whalemountain.workloads;

/** Credentials for pulling from a registry; {@code toString} hides the password. */
public record RegistryCredentials(String registry, String username, String password) {

	@Override
	public String toString() {
		return "RegistryCredentials[" + this.registry + ", " + this.username + ", ****]";
	}

}
