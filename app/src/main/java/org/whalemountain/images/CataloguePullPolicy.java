package org.whalemountain.images;

import org.springframework.stereotype.Component;
import org.whalemountain.identity.Identity;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.registry.PullPolicy;
import org.whalemountain.images.VisibilityPolicy.Viewer;

/**
 * Answers the registry token service from the catalogue: a user may pull another user's
 * repository when at least one of its tags is visible to them. The registry cannot tell
 * tags apart in a pull scope, so sharing one tag exposes the repository's other tags to
 * pulls by name.
 */
@Component
class CataloguePullPolicy implements PullPolicy {

	private final ImageStore store;

	private final Identity identity;

	CataloguePullPolicy(ImageStore store, Identity identity) {
		this.store = store;
		this.identity = identity;
	}

	@Override
	public boolean mayPull(String username, String repository) {
		Viewer viewer;
		try {
			viewer = Viewer.of(this.identity.user(username));
		}
		catch (NotFoundException ex) {
			return false;
		}
		return this.store.inRepository(repository).stream().anyMatch((image) -> VisibilityPolicy.canSee(viewer, image));
	}

}
