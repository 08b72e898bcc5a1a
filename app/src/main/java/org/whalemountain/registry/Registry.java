package org.whalemountain.registry;

import java.net.URI;
import java.util.Optional;

import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;

/**
 * The registry module's entry: where users' images live, the credentials their CI runners
 * push with, and the sync that tells the catalogue what the registry holds
 * ({@link org.whalemountain.registry.events.ImageTagPushed},
 * {@link org.whalemountain.registry.events.ImageTagRemoved}). Each user may push only
 * under {@link #imagePrefix(String)}; the token service at {@code /registry/token}
 * enforces it.
 *
 * <p>
 * An interface so that this package, the module's public face, names none of the
 * sub-packages that implement it: they depend on it, never the other way round.
 */
public interface Registry {

	/**
	 * A registry token of the service itself that lets the bearer pull this one
	 * repository and nothing else, for the Docker host to pull a catalogue image a user
	 * launches. It lives {@code wm.registry.token.lifetime}; hand it only to the engine,
	 * never to a user, and never log it.
	 * @param repository the repository path, e.g. {@code alice/app}
	 * @throws InvalidInputException for a blank repository
	 */
	String pullToken(String repository);

	/**
	 * The image behind a manifest digest, with its config and layer list.
	 * @throws NotFoundException if the registry no longer has it
	 * @throws RegistryUnavailableException if the registry cannot be reached
	 * @throws UnsupportedImageException if it is not a linux/amd64 image the service
	 * reads
	 */
	RegistryImage image(String repository, String digest);

	/**
	 * Opens one blob of a repository as a stream, checked against its digest as it is
	 * read: the read that reaches its end throws {@link UnsupportedImageException} when
	 * the bytes do not match; a transfer that breaks off fails a read with an
	 * {@link java.io.IOException}. The caller closes it.
	 * @throws UnsupportedImageException if the blob is missing
	 */
	java.io.InputStream openBlob(String repository, String digest);

	/** The registry's name in image references, e.g. {@code 127.0.0.1:5000}. */
	String host();

	/**
	 * The registry's name as CI jobs reach it ({@code wm.registry.job-host}, by default
	 * the Docker host's bridge gateway), e.g. {@code host.docker.internal:5000}; the same
	 * registry as {@link #host()}, which is how users and the service name it.
	 */
	String jobHost();

	/** {@code <job host>/<username>}: where the user's CI jobs push. */
	default String jobImagePrefix(String username) {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("An image prefix needs a username");
		}
		return jobHost() + "/" + username;
	}

	/**
	 * The token realm as CI jobs reach it ({@code wm.registry.job-realm}): the registry's
	 * {@code auth.token.realm} must name it for jobs to push.
	 */
	URI jobRealm();

	/**
	 * Where the user's images go: {@code <host>/<username>}, e.g.
	 * {@code 127.0.0.1:5000/alice}; the user may push {@code <prefix>/<name>:<tag>}.
	 */
	String imagePrefix(String username);

	/**
	 * Makes a new push credential ({@code wmr_…}) for the user's CI runner, to be used
	 * with the username as {@code docker login} password. Any earlier one stops working
	 * at once. Only its hash is stored: the secret is returned here and never again, and
	 * must not be logged.
	 * @throws NotFoundException if the user never logged in
	 */
	String issueRunnerCredential(String username);

	/**
	 * A new runner credential that works nowhere yet: it is made first so that a runner
	 * can be set up with it, and counts only once {@link #storeRunnerCredential} has
	 * stored it, so that a failed replacement leaves the earlier credential working. It
	 * is {@code wmr_} and 43 characters of unpadded base64url: a single line of 47
	 * characters from an alphabet GitLab can mask in job logs. Must not be logged.
	 */
	String newRunnerCredential();

	/**
	 * Makes a credential from {@link #newRunnerCredential} the user's only runner
	 * credential; any earlier one stops working at once. Joins the caller's transaction.
	 * @throws NotFoundException if the user never logged in
	 * @throws IllegalArgumentException for anything that is not a runner credential
	 */
	void storeRunnerCredential(String username, String credential);

	/**
	 * Makes the user's runner credential stop working at once. Tokens already issued with
	 * it keep working until they expire ({@code wm.registry.token.lifetime}). Does
	 * nothing if there is none.
	 */
	void revokeRunnerCredential(String username);

	/**
	 * Asks for a sync of the whole registry into the catalogue and returns at once
	 * (QUEUED): the sync runs on one background thread, at most one at a time across all
	 * replicas. A request while another full sync is still queued joins that one and gets
	 * its run.
	 * @param trigger {@code manual}, {@code webhook} or {@code notification}
	 * @param requestedBy the user who asked, or {@code null}
	 * @throws InvalidInputException for another trigger
	 */
	default SyncRun requestSync(String trigger, String requestedBy) {
		return requestSync(trigger, requestedBy, null);
	}

	/**
	 * Like {@link #requestSync(String, String)}, recording where a user's request came
	 * from in the audit log.
	 * @param sourceAddress the client's address, or {@code null}
	 */
	SyncRun requestSync(String trigger, String requestedBy, String sourceAddress);

	/**
	 * One sync run.
	 * @throws NotFoundException if there is no run with that id
	 */
	SyncRun syncRun(String id);

	/** The newest sync run, finished or not. */
	Optional<SyncRun> lastSync();

	/**
	 * Deletes a manifest from the registry (every tag of the repository that points at
	 * this digest goes with it, as Distribution does) and publishes
	 * {@link org.whalemountain.registry.events.ImageTagRemoved} for each such tag. The
	 * digest may also be the linux/amd64 image of an index a tag points at: then the
	 * index is deleted. Blocks until the registry answered.
	 * @throws NotFoundException if neither the registry nor the last sync knows such a
	 * manifest (a manifest the registry lost already is only forgotten)
	 * @throws InvalidInputException for a malformed repository name or digest
	 * @throws org.whalemountain.platform.UnavailableException if the registry cannot be
	 * reached, with a retry hint; nothing was changed
	 */
	void deleteManifest(String repository, String digest);

}
