package org.whalemountain.workloads.kubernetes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceNamesTests {

	private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	@Test
	void aUsernameThatIsADnsLabelIsKeptAsItIs() {
		assertThat(NamespaceNames.namespace("wm-", "alice")).isEqualTo("wm-alice");
		assertThat(NamespaceNames.namespace("wm-", "s1234-x")).isEqualTo("wm-s1234-x");
		assertThat(NamespaceNames.ownerLabel("alice")).isEqualTo("alice");
	}

	@Test
	void dotsUppercaseAndUnderscoresBecomeValidLabelsWithAHashOfTheExactName() {
		String dotted = NamespaceNames.namespace("wm-", "alice.smith");
		assertThat(dotted).matches("wm-alice-smith-[0-9a-f]{10}").matches(DNS_LABEL);
		assertThat(NamespaceNames.namespace("wm-", "Alice")).matches("wm-alice-[0-9a-f]{10}");
		assertThat(NamespaceNames.namespace("wm-", "_build")).matches("wm-build-[0-9a-f]{10}");
		assertThat(NamespaceNames.namespace("wm-", "...")).matches("wm-u-[0-9a-f]{10}");
		// the same user always gets the same namespace
		assertThat(NamespaceNames.namespace("wm-", "alice.smith")).isEqualTo(dotted);
	}

	@Test
	void usernamesThatSanitiseAlikeNeverShareANamespace() {
		List<String> users = List.of("a.b", "a_b", "a-b", "A.b", "A-B", "a..b", "a.b.", "ab", "a-b-", "a__b");
		Set<String> namespaces = new HashSet<>();
		for (String user : users) {
			String namespace = NamespaceNames.namespace("wm-", user);
			assertThat(namespace).as(user).matches(DNS_LABEL);
			namespaces.add(namespace);
		}
		assertThat(namespaces).hasSameSizeAs(users);
	}

	@Test
	void nobodyCanBeNamedIntoAnotherUsersHashedNamespace() {
		String victim = NamespaceNames.namespace("wm-", "Alice");
		String lookalike = victim.substring("wm-".length());
		assertThat(NamespaceNames.namespace("wm-", lookalike)).isNotEqualTo(victim).matches(DNS_LABEL);
	}

	@Test
	void longUsernamesAreCutToFitTheLongestPrefix() {
		String user = "x".repeat(70);
		String namespace = NamespaceNames.namespace("a-twenty-char-prefix", user);
		assertThat(namespace).hasSizeLessThanOrEqualTo(63).startsWith("a-twenty-char-prefix").matches(DNS_LABEL);
		assertThat(NamespaceNames.namespace("a-twenty-char-prefix", user + "y")).isNotEqualTo(namespace);
	}

	@Test
	void anOwnerLabelIsTheUsernameWhenKubernetesAcceptsItAsALabelValue() {
		assertThat(NamespaceNames.ownerLabel("Alice.Smith_2")).isEqualTo("Alice.Smith_2");
		assertThat(NamespaceNames.ownerLabel("_build")).matches("build-[0-9a-f]{10}");
	}

}
