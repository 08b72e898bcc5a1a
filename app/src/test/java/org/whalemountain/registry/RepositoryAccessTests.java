package org.whalemountain.registry;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.token.Access;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryAccessTests {

	private final RepositoryAccess policy = new RepositoryAccess();

	@Test
	void ownRepositoriesArePullAndPush() {
		assertThat(this.policy.grant("alice", List.of(Access.repository("alice/app", "pull", "push"))))
			.containsExactly(Access.repository("alice/app", "pull", "push"));
		assertThat(this.policy.grant("alice", List.of(Access.repository("alice/group/deep.name_x", "push"))))
			.containsExactly(Access.repository("alice/group/deep.name_x", "push"));
	}

	@Test
	void anotherUsersRepositoryIsAbsentFromTheGrant() {
		assertThat(this.policy.grant("alice", List.of(Access.repository("bob/app", "pull", "push")))).isEmpty();
	}

	@Test
	void onlyTheWholeFirstSegmentCounts() {
		assertThat(this.policy.allowedActions("alice", "alice2/app")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alic/app")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alice")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "team/alice/app")).isEmpty();
	}

	@Test
	void namesOutsideTheRepositoryGrammarGetNothing() {
		assertThat(this.policy.allowedActions("alice", "alice/../bob/app")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alice/App")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alice//app")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alice/app/")).isEmpty();
		assertThat(this.policy.allowedActions("alice", "alice/" + "a".repeat(250))).isEmpty();
	}

	@Test
	void onlyTheRequestedSubsetOfAllowedActionsIsGranted() {
		assertThat(this.policy.grant("alice", List.of(Access.repository("alice/app", "pull"))))
			.containsExactly(Access.repository("alice/app", "pull"));
		assertThat(this.policy.grant("alice", List.of(Access.repository("alice/app", "delete", "push", "*"))))
			.containsExactly(Access.repository("alice/app", "push"));
	}

	@Test
	void deleteAndWildcardAreNeverGrantedToUsers() {
		assertThat(this.policy.grant("alice", List.of(Access.repository("alice/app", "delete", "*")))).isEmpty();
	}

	@Test
	void theCatalogIsNeverGrantedToUsers() {
		assertThat(this.policy.grant("alice", List.of(new Access("registry", "catalog", List.of("*"))))).isEmpty();
		assertThat(this.policy.grant("admin", List.of(new Access("registry", "catalog", List.of("pull"))))).isEmpty();
	}

	@Test
	void otherResourceTypesAreIgnored() {
		assertThat(this.policy.grant("alice", List.of(new Access("repository(plugin)", "alice/plug", List.of("pull")))))
			.isEmpty();
	}

	@Test
	void aCrossRepositoryMountGetsOnlyWhatTheUserMayHave() {
		List<Access> requested = List.of(Access.repository("alice/app", "pull", "push"),
				Access.repository("bob/base", "pull"), Access.repository("alice/base", "pull"));

		assertThat(this.policy.grant("alice", requested))
			.containsExactly(Access.repository("alice/app", "pull", "push"), Access.repository("alice/base", "pull"));
	}

	@Test
	void aRepositoryAskedForTwiceIsGrantedOnceInCanonicalOrder() {
		List<Access> requested = List.of(Access.repository("alice/app", "push"),
				Access.repository("alice/app", "pull"));

		assertThat(this.policy.grant("alice", requested))
			.containsExactly(Access.repository("alice/app", "pull", "push"));
	}

	@Test
	void aRepositorySharedWithTheUserIsPullOnly() {
		RepositoryAccess sharing = new RepositoryAccess() {
			@Override
			boolean isSharedWith(String username, String repository) {
				return "bob/base".equals(repository);
			}
		};

		assertThat(sharing.grant("alice", List.of(Access.repository("bob/base", "pull", "push"))))
			.containsExactly(Access.repository("bob/base", "pull"));
		assertThat(sharing.grant("alice", List.of(Access.repository("bob/secret", "pull")))).isEmpty();
	}

}
