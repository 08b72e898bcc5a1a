package org.whalemountain.registry.token;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTests {

	@Test
	void pushScopeAsDockerSendsIt() {
		assertThat(Scopes.parse(List.of("repository:alice/app:pull,push")))
			.containsExactly(Access.repository("alice/app", "pull", "push"));
	}

	@Test
	void everyScopeParameterAndEverySpaceSeparatedScopeCounts() {
		List<Access> scopes = Scopes
			.parse(List.of("repository:alice/app:pull,push", "repository:bob/base:pull registry:catalog:*"));

		assertThat(scopes).containsExactly(Access.repository("alice/app", "pull", "push"),
				Access.repository("bob/base", "pull"), new Access("registry", "catalog", List.of("*")));
	}

	@Test
	void typeIsCutAtTheFirstColonAndActionsAtTheLast() {
		assertThat(Scopes.parse(List.of("repository(plugin):alice/plug:pull")))
			.containsExactly(new Access("repository(plugin)", "alice/plug", List.of("pull")));
		assertThat(Scopes.parse(List.of("repository:localhost:5000/alice/app:pull")))
			.containsExactly(Access.repository("localhost:5000/alice/app", "pull"));
	}

	@Test
	void repeatedAndEmptyActionsCollapse() {
		assertThat(Scopes.parse(List.of("repository:alice/app:pull,,pull,push")))
			.containsExactly(Access.repository("alice/app", "pull", "push"));
	}

	@Test
	void malformedScopesAreLeftOut() {
		assertThat(Scopes.parse(Arrays.asList("", "   ", "repository", "repository:alice/app", ":alice/app:pull",
				"repository::pull", "repository:alice/app:", "repository:alice/app:,", null)))
			.isEmpty();
	}

	@Test
	void noScopeParameterIsALogin() {
		assertThat(Scopes.parse(null)).isEmpty();
		assertThat(Scopes.parse(List.of())).isEmpty();
	}

	@Test
	void accessPrintsAsAScope() {
		assertThat(Access.repository("alice/app", "pull", "push")).hasToString("repository:alice/app:pull,push");
	}

}
