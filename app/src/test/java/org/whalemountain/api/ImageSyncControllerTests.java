package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.registry.SyncRun;
import org.whalemountain.registry.SyncRunStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ImageSyncControllerTests {

	private static final SyncRun BOBS = new SyncRun("r1", "manual", "bob", SyncRunStatus.SUCCEEDED, Instant.EPOCH,
			Instant.EPOCH, 3, 1, 0, 0, List.of("bob/app:1: a schema 1 manifest",
					"alice/app:2: an index without a linux/amd64 image", "ghost/x: no user 'ghost' has logged in"),
			null);

	@Test
	void usersSeeOnlyWhatTheRunSaysAboutTheirOwnRepositories() {
		SyncRun seen = ImageSyncController.visibleTo(BOBS, user("alice", false));

		assertThat(seen.requestedBy()).isNull();
		assertThat(seen.skipped()).containsExactly("alice/app:2: an index without a linux/amd64 image");
		assertThat(seen.tagsAdded()).isEqualTo(1);
	}

	@Test
	void whoAskedSeesThemselvesAndAdminsSeeEverything() {
		assertThat(ImageSyncController.visibleTo(BOBS, user("bob", false)).requestedBy()).isEqualTo("bob");
		assertThat(ImageSyncController.visibleTo(BOBS, user("sensei", true))).isEqualTo(BOBS);
	}

	private static UserPrincipal user(String username, boolean admin) {
		return new UserPrincipal(username, username, null, null, null, List.of(), admin);
	}

}
