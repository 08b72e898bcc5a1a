package org.whalemountain.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.whalemountain.identity.Identity;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.token.Access;

/**
 * The registry module's entry: where users' images live, the credentials their CI runners
 * push with, and the sync that tells the catalogue what the registry holds
 * ({@link ImageTagPushed}, {@link ImageTagRemoved}). Each user may push only under
 * {@link #imagePrefix(String)}; the token service at {@code /registry/token} enforces it.
 */
@Service
public class Registry {

	private static final List<String> TRIGGERS = List.of("manual", "webhook", "notification");

	private final RegistryProperties properties;

	private final RunnerCredentials runnerCredentials;

	private final Identity identity;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SyncQueue syncQueue;

	private final SyncRuns syncRuns;

	private final ManifestDeletion manifestDeletion;

	private final ImageReader images;

	private final TokenMinter tokens;

	Registry(RegistryProperties properties, RunnerCredentials runnerCredentials, Identity identity,
			ApplicationEventPublisher events, Clock clock, SyncQueue syncQueue, SyncRuns syncRuns,
			ManifestDeletion manifestDeletion, ImageReader images, TokenMinter tokens) {
		this.properties = properties;
		this.runnerCredentials = runnerCredentials;
		this.identity = identity;
		this.events = events;
		this.clock = clock;
		this.syncQueue = syncQueue;
		this.syncRuns = syncRuns;
		this.manifestDeletion = manifestDeletion;
		this.images = images;
		this.tokens = tokens;
	}

	/**
	 * A registry token of the service itself that lets the bearer pull this one
	 * repository and nothing else, for the Docker host to pull a catalogue image a user
	 * launches. It lives {@code wm.registry.token.lifetime}; hand it only to the engine,
	 * never to a user, and never log it.
	 * @param repository the repository path, e.g. {@code alice/app}
	 * @throws InvalidInputException for a blank repository
	 */
	public String pullToken(String repository) {
		if (repository == null || repository.isBlank()) {
			throw new InvalidInputException("invalid-repository", "image", "Name the repository to pull.");
		}
		return this.tokens.forService(List.of(Access.repository(repository, "pull")));
	}

	/**
	 * The image behind a manifest digest, with its config and layer list.
	 * @throws NotFoundException if the registry no longer has it
	 * @throws RegistryUnavailableException if the registry cannot be reached
	 * @throws UnsupportedImageException if it is not a linux/amd64 image the service
	 * reads
	 */
	public RegistryImage image(String repository, String digest) {
		return this.images.image(repository, digest);
	}

	/**
	 * Streams one blob of a repository into a file, checked against its digest. Blocks
	 * for as long as the transfer takes.
	 * @throws UnsupportedImageException if the blob is missing or does not match
	 */
	public void downloadBlob(String repository, String digest, java.nio.file.Path target) {
		this.images.download(repository, digest, target);
	}

	/** The registry's name in image references, e.g. {@code 127.0.0.1:5000}. */
	public String host() {
		return this.properties.host();
	}

	/**
	 * Where the user's images go: {@code <host>/<username>}, e.g.
	 * {@code 127.0.0.1:5000/alice}; the user may push {@code <prefix>/<name>:<tag>}.
	 */
	public String imagePrefix(String username) {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("An image prefix needs a username");
		}
		return host() + "/" + username;
	}

	/**
	 * Makes a new push credential ({@code wmr_…}) for the user's CI runner, to be used
	 * with the username as {@code docker login} password. Any earlier one stops working
	 * at once. Only its hash is stored: the secret is returned here and never again, and
	 * must not be logged.
	 * @throws NotFoundException if the user never logged in
	 */
	@Transactional
	public String issueRunnerCredential(String username) {
		this.identity.user(username);
		String secret = RunnerSecrets.generate();
		Instant now = this.clock.instant();
		boolean replaced = this.runnerCredentials.replace(username, RunnerSecrets.hash(secret), now);
		this.events.publishEvent(new RunnerCredentialIssued(username, replaced, now));
		return secret;
	}

	/**
	 * Makes the user's runner credential stop working at once. Tokens already issued with
	 * it keep working until they expire ({@code wm.registry.token.lifetime}). Does
	 * nothing if there is none.
	 */
	@Transactional
	public void revokeRunnerCredential(String username) {
		if (this.runnerCredentials.delete(username)) {
			this.events.publishEvent(new RunnerCredentialRevoked(username, this.clock.instant()));
		}
	}

	/**
	 * Asks for a sync of the whole registry into the catalogue and returns at once
	 * (QUEUED): the sync runs on one background thread, at most one at a time across all
	 * replicas. A request while another full sync is still queued joins that one and gets
	 * its run.
	 * @param trigger {@code manual}, {@code webhook} or {@code notification}
	 * @param requestedBy the user who asked, or {@code null}
	 * @throws InvalidInputException for another trigger
	 */
	public SyncRun requestSync(String trigger, String requestedBy) {
		return requestSync(trigger, requestedBy, null);
	}

	/**
	 * Like {@link #requestSync(String, String)}, recording where a user's request came
	 * from in the audit log.
	 * @param sourceAddress the client's address, or {@code null}
	 */
	public SyncRun requestSync(String trigger, String requestedBy, String sourceAddress) {
		if (!TRIGGERS.contains(trigger)) {
			throw new InvalidInputException("invalid-sync-trigger", "trigger",
					"A sync is triggered by one of " + TRIGGERS + ", not '" + trigger + "'.");
		}
		return this.syncQueue.request(trigger, requestedBy, SyncScope.FULL, sourceAddress);
	}

	/**
	 * One sync run.
	 * @throws NotFoundException if there is no run with that id
	 */
	public SyncRun syncRun(String id) {
		return this.syncRuns.find(id)
			.orElseThrow(() -> new NotFoundException("sync-not-found", "There is no sync with the id '" + id + "'."));
	}

	/** The newest sync run, finished or not. */
	public Optional<SyncRun> lastSync() {
		return this.syncRuns.latest();
	}

	/**
	 * Deletes a manifest from the registry (every tag of the repository that points at
	 * this digest goes with it, as Distribution does) and publishes
	 * {@link ImageTagRemoved} for each such tag. The digest may also be the linux/amd64
	 * image of an index a tag points at: then the index is deleted. Blocks until the
	 * registry answered.
	 * @throws NotFoundException if neither the registry nor the last sync knows such a
	 * manifest (a manifest the registry lost already is only forgotten)
	 * @throws InvalidInputException for a malformed repository name or digest
	 * @throws org.whalemountain.platform.UnavailableException if the registry cannot be
	 * reached, with a retry hint; nothing was changed
	 */
	public void deleteManifest(String repository, String digest) {
		this.manifestDeletion.delete(repository, digest);
	}

}
