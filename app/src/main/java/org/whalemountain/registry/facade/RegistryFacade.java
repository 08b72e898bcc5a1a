package org.whalemountain.registry.facade;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryImage;
import org.whalemountain.registry.RegistryProperties;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.sync.ManifestDeletion;
import org.whalemountain.registry.sync.SyncQueue;
import org.whalemountain.registry.sync.SyncRuns;
import org.whalemountain.registry.sync.SyncScope;
import org.whalemountain.registry.token.Access;
import org.whalemountain.registry.token.RunnerCredentialIssuer;
import org.whalemountain.registry.token.TokenMinter;

/**
 * {@link Registry} as the module's parts provide it: each call checks its input and goes
 * to the one part that does it, the sync, the token service or the registry itself.
 */
@Service
class RegistryFacade implements Registry {

	private static final List<String> TRIGGERS = List.of("manual", "webhook", "notification");

	private final RegistryProperties properties;

	private final RunnerCredentialIssuer runnerCredentials;

	private final SyncQueue syncQueue;

	private final SyncRuns syncRuns;

	private final ManifestDeletion manifestDeletion;

	private final ImageReader images;

	private final TokenMinter tokens;

	/**
	 * The default job realm is the service on the Docker host, at the port it listens on.
	 */
	private final int serverPort;

	RegistryFacade(RegistryProperties properties, RunnerCredentialIssuer runnerCredentials, SyncQueue syncQueue,
			SyncRuns syncRuns, ManifestDeletion manifestDeletion, ImageReader images, TokenMinter tokens,
			@Value("${server.port:8080}") int serverPort) {
		this.serverPort = serverPort;
		this.properties = properties;
		this.runnerCredentials = runnerCredentials;
		this.syncQueue = syncQueue;
		this.syncRuns = syncRuns;
		this.manifestDeletion = manifestDeletion;
		this.images = images;
		this.tokens = tokens;
	}

	@Override
	public String pullToken(String repository) {
		if (repository == null || repository.isBlank()) {
			throw new InvalidInputException("invalid-repository", "image", "Name the repository to pull.");
		}
		return this.tokens.forService(List.of(Access.repository(repository, "pull")));
	}

	@Override
	public RegistryImage image(String repository, String digest) {
		return this.images.image(repository, digest);
	}

	@Override
	public java.io.InputStream openBlob(String repository, String digest) {
		return this.images.open(repository, digest);
	}

	@Override
	public String host() {
		return this.properties.host();
	}

	@Override
	public String jobHost() {
		return this.properties.jobHostOrDefault();
	}

	@Override
	public URI jobRealm() {
		return this.properties.jobRealmOrDefault(this.serverPort);
	}

	@Override
	public String imagePrefix(String username) {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("An image prefix needs a username");
		}
		return host() + "/" + username;
	}

	@Override
	public String issueRunnerCredential(String username) {
		return this.runnerCredentials.issue(username);
	}

	@Override
	public String newRunnerCredential() {
		return this.runnerCredentials.newCredential();
	}

	@Override
	public void storeRunnerCredential(String username, String credential) {
		this.runnerCredentials.store(username, credential);
	}

	@Override
	public void revokeRunnerCredential(String username) {
		this.runnerCredentials.revoke(username);
	}

	@Override
	public SyncRun requestSync(String trigger, String requestedBy, String sourceAddress) {
		if (!TRIGGERS.contains(trigger)) {
			throw new InvalidInputException("invalid-sync-trigger", "trigger",
					"A sync is triggered by one of " + TRIGGERS + ", not '" + trigger + "'.");
		}
		return this.syncQueue.request(trigger, requestedBy, SyncScope.FULL, sourceAddress);
	}

	@Override
	public SyncRun syncRun(String id) {
		return this.syncRuns.find(id)
			.orElseThrow(() -> new NotFoundException("sync-not-found", "There is no sync with the id '" + id + "'."));
	}

	@Override
	public Optional<SyncRun> lastSync() {
		return this.syncRuns.latest();
	}

	@Override
	public void deleteManifest(String repository, String digest) {
		this.manifestDeletion.delete(repository, digest);
	}

}
