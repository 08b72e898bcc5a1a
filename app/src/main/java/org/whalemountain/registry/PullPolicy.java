package org.whalemountain.registry;

/**
 * Whether a user may pull a repository that is not under their own name: implemented by
 * the image catalogue (which knows what is shared with whom), consulted by the registry
 * token service. Kept here, as a port, so that the catalogue depends on the registry and
 * not the other way round.
 */
public interface PullPolicy {

	/**
	 * @param username the authenticated caller
	 * @param repository {@code owner/name}, never the caller's own (those are always
	 * allowed)
	 * @return whether at least one tag of the repository is visible to the caller
	 */
	boolean mayPull(String username, String repository);

}
