package org.whalemountain.registry.sync;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.RegistryProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a configured secret, the webhook and the notifications endpoint do not exist,
 * whatever is sent: nothing may trigger syncs unauthenticated.
 */
class SyncEndpointsWithoutSecretsTests {

	private final RegistryProperties unconfigured = new RegistryProperties(URI.create("http://127.0.0.1:5000"),
			"127.0.0.1:5000",
			new RegistryProperties.Token("whalemountain-registry", "whalemountain", Duration.ofMinutes(5), "", ""),
			Duration.ofMinutes(5), 16, Duration.ofSeconds(10), new RegistryProperties.Notifications(""), "");

	@Test
	void theGitLabWebhookIsNotFound() {
		GitLabWebhookController webhook = new GitLabWebhookController(this.unconfigured, null);

		assertThat(webhook.receive("", "Push Hook", new byte[0]).getStatusCode().value()).isEqualTo(404);
		assertThat(webhook.receive(null, "Push Hook", null).getStatusCode().value()).isEqualTo(404);
	}

	@Test
	void theNotificationsEndpointIsNotFound() {
		RegistryNotificationController notifications = new RegistryNotificationController(this.unconfigured, null);

		assertThat(notifications.receive("Bearer ", "{\"events\":[]}".getBytes()).getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void anEmptySecretNeverMatches() {
		assertThat(SharedSecrets.matches("", "")).isFalse();
		assertThat(SharedSecrets.matches("s3cret", null)).isFalse();
		assertThat(SharedSecrets.matches("s3cret", "s3cre")).isFalse();
		assertThat(SharedSecrets.matches("s3cret", "s3cret")).isTrue();
	}

}
