package org.whalemountain.images;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.images.VisibilityPolicy.Viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.images.CatalogueEntries.owned;

class VisibilityPolicyTests {

	static final Viewer ALICE = new Viewer("alice", List.of("course-os"), false);

	static final Viewer BOB = new Viewer("bob", List.of("course-os"), false);

	static final Viewer CAROL = new Viewer("carol", List.of(), false);

	static final Viewer SENSEI = new Viewer("sensei", List.of("wm-admins"), true);

	@Test
	void ownerSeesChangesAndDeletesEveryOwnImage() {
		for (CatalogueEntry image : List.of(owned("alice", Visibility.PRIVATE, null),
				owned("alice", Visibility.PUBLIC, null), owned("alice", Visibility.GROUP, "lab-x"))) {
			assertThat(VisibilityPolicy.canSee(ALICE, image)).isTrue();
			assertThat(VisibilityPolicy.canChange(ALICE, image)).isTrue();
			assertThat(VisibilityPolicy.canDelete(ALICE, image)).isTrue();
			assertThat(VisibilityPolicy.isSharedWith(ALICE, image)).as("own images are not 'shared with me'").isFalse();
		}
	}

	@Test
	void unsharedImageOfAnotherUserIsInvisible() {
		CatalogueEntry image = owned("alice", Visibility.PRIVATE, null);

		assertThat(VisibilityPolicy.canSee(BOB, image)).isFalse();
		assertThat(VisibilityPolicy.isSharedWith(BOB, image)).isFalse();
		assertThat(VisibilityPolicy.canChange(BOB, image)).isFalse();
		assertThat(VisibilityPolicy.canDelete(BOB, image)).isFalse();
	}

	@Test
	void publicImageIsSeenByEveryUserButChangedAndDeletedOnlyByItsOwner() {
		CatalogueEntry image = owned("alice", Visibility.PUBLIC, null);

		for (Viewer other : List.of(BOB, CAROL)) {
			assertThat(VisibilityPolicy.canSee(other, image)).isTrue();
			assertThat(VisibilityPolicy.isSharedWith(other, image)).isTrue();
			assertThat(VisibilityPolicy.canChange(other, image)).isFalse();
			assertThat(VisibilityPolicy.canDelete(other, image)).isFalse();
		}
	}

	@Test
	void groupImageIsSeenByGroupMembersOnly() {
		CatalogueEntry image = owned("alice", Visibility.GROUP, "course-os");

		assertThat(VisibilityPolicy.canSee(BOB, image)).isTrue();
		assertThat(VisibilityPolicy.isSharedWith(BOB, image)).isTrue();
		assertThat(VisibilityPolicy.canChange(BOB, image)).isFalse();
		assertThat(VisibilityPolicy.canSee(CAROL, image)).isFalse();
		assertThat(VisibilityPolicy.isSharedWith(CAROL, image)).isFalse();
	}

	@Test
	void groupNamesMatchExactly() {
		CatalogueEntry image = owned("alice", Visibility.GROUP, "Course-OS");

		assertThat(VisibilityPolicy.canSee(BOB, image)).isFalse();
	}

	@Test
	void adminSeesAndDeletesEveryImageButChangesNone() {
		CatalogueEntry image = owned("alice", Visibility.PRIVATE, null);

		assertThat(VisibilityPolicy.canSee(SENSEI, image)).isTrue();
		assertThat(VisibilityPolicy.canDelete(SENSEI, image)).isTrue();
		assertThat(VisibilityPolicy.canChange(SENSEI, image)).isFalse();
	}

	@Test
	void adminRightsDoNotMakeAPrivateImageSharedWithTheAdmin() {
		assertThat(VisibilityPolicy.isSharedWith(SENSEI, owned("alice", Visibility.PRIVATE, null))).isFalse();
		assertThat(VisibilityPolicy.isSharedWith(SENSEI, owned("alice", Visibility.GROUP, "course-os"))).isFalse();
		assertThat(VisibilityPolicy.isSharedWith(SENSEI, owned("alice", Visibility.PUBLIC, null))).isTrue();
	}

}
