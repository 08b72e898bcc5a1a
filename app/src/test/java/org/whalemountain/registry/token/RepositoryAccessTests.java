package org.whalemountain.registry.token;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.whalemountain.registry.PullPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryAccessTests {

	private final RepositoryAccess policy = new RepositoryAccess(withPolicy(null));

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
	void aRepositoryThePolicySharesIsPullOnly() {
		RepositoryAccess sharing = new RepositoryAccess(
				withPolicy((username, repository) -> "alice".equals(username) && "bob/base".equals(repository)));

		assertThat(sharing.grant("alice", List.of(Access.repository("bob/base", "pull", "push"))))
			.containsExactly(Access.repository("bob/base", "pull"));
		assertThat(sharing.grant("alice", List.of(Access.repository("bob/secret", "pull")))).isEmpty();
		assertThat(sharing.grant("carol", List.of(Access.repository("bob/base", "pull")))).isEmpty();
	}

	@Test
	void thePolicyIsNotAskedAboutTheCallersOwnRepositoriesNorAboutPush() {
		List<String> asked = new ArrayList<>();
		RepositoryAccess recording = new RepositoryAccess(withPolicy((username, repository) -> {
			asked.add(username + " " + repository);
			return true;
		}));

		assertThat(recording.grant("alice", List.of(Access.repository("alice/app", "pull", "push"))))
			.containsExactly(Access.repository("alice/app", "pull", "push"));
		assertThat(recording.grant("alice", List.of(Access.repository("bob/app", "push")))).isEmpty();
		assertThat(recording.grant("alice", List.of(Access.repository("Bob/app", "pull")))).isEmpty();
		assertThat(asked).containsExactly("alice bob/app");
	}

	@Test
	void withoutAPolicyNothingOfAnotherUserCanBePulled() {
		assertThat(this.policy.grant("alice", List.of(Access.repository("bob/base", "pull")))).isEmpty();
	}

	@Test
	void aFailingPolicyRefusesThePullInsteadOfFailingTheTokenRequest() {
		RepositoryAccess failing = new RepositoryAccess(withPolicy((username, repository) -> {
			throw new IllegalStateException("catalogue down");
		}));

		assertThat(failing.grant("alice",
				List.of(Access.repository("bob/base", "pull"), Access.repository("alice/app", "pull"))))
			.containsExactly(Access.repository("alice/app", "pull"));
	}

	/** What the application context hands over: the policy bean, or none. */
	private static ObjectProvider<PullPolicy> withPolicy(PullPolicy policy) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		if (policy != null) {
			beans.addBean("pullPolicy", policy);
		}
		return beans.getBeanProvider(PullPolicy.class);
	}

}
