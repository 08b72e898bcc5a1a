package org.whalemountain.registry.sync;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.events.ImageTagRemoved;
import org.whalemountain.registry.token.RepositoryAccess;

/**
 * Deletes a manifest in the registry and then forgets every tag that pointed at it. The
 * catalogue knows an image by its linux/amd64 digest; when that image sits in an index,
 * the index is what the tag points at, so the index is deleted (deleting only the image
 * would leave the tag pointing at a broken index).
 */
@Component
public class ManifestDeletion {

	private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");

	private final RegistryClient client;

	private final RegistryTags tags;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	ManifestDeletion(RegistryClient client, RegistryTags tags, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.client = client;
		this.tags = tags;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Deletes the manifest and forgets the tags that pointed at it, as
	 * {@link org.whalemountain.registry.Registry#deleteManifest} describes.
	 */
	public void delete(String repository, String digest) {
		if (repository == null || !RepositoryAccess.isRepositoryName(repository)) {
			throw new InvalidInputException("invalid-repository", "repository",
					"'" + repository + "' is not a repository name such as alice/app.");
		}
		if (digest == null || !DIGEST.matcher(digest).matches()) {
			throw new InvalidInputException("invalid-digest", "digest",
					"'" + digest + "' is not a manifest digest such as sha256:<64 hex digits>.");
		}
		List<StoredTag> pointing = this.tags.pointingAt(repository, digest);
		Set<String> manifests = new TreeSet<>();
		pointing.forEach((tag) -> manifests.add(tag.digest()));
		if (manifests.isEmpty()) {
			manifests.add(digest);
		}
		boolean deleted = false;
		for (String manifest : manifests) {
			deleted |= this.client.deleteManifest(repository, manifest);
		}
		if (!deleted && pointing.isEmpty()) {
			throw new NotFoundException("manifest-not-found",
					"The registry has no manifest " + digest + " in " + repository + ".");
		}
		// tags the registry no longer has, whether this delete or an earlier one removed
		// them
		this.transaction.executeWithoutResult((status) -> {
			for (StoredTag tag : pointing) {
				if (this.tags.delete(tag.repository(), tag.tag()) && tag.catalogued()) {
					this.events.publishEvent(new ImageTagRemoved(tag.owner(), tag.repository(), tag.tag()));
				}
			}
		});
	}

}
