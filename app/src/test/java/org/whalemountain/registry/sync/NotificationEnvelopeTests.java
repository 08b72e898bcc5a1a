package org.whalemountain.registry.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationEnvelopeTests {

	@Test
	void everyEventOfTheEnvelopeIsRead() throws IOException {
		List<NotificationEnvelope.Event> events = NotificationEnvelope.parse(envelope());

		assertThat(events).hasSize(5);
		assertThat(events.get(1)).isEqualTo(new NotificationEnvelope.Event("push", "alice/app", "1",
				"sha256:cac2fbc1d15ce666332883cef4f85997a48dc32d07714ce7d4cc395012000bba",
				"application/vnd.docker.distribution.manifest.v2+json"));
		assertThat(events.get(3).tag()).isNull();
	}

	@Test
	void manifestPushesAndDeletesAreSyncedButBlobPushesPullsAndBadNamesAreNot() throws IOException {
		assertThat(NotificationEnvelope.repositoriesToSync(NotificationEnvelope.parse(envelope())))
			.containsExactly("alice/app", "bob/old");
	}

	@Test
	void anIndexPushedByDigestIsSyncedToo() {
		List<NotificationEnvelope.Event> events = List.of(new NotificationEnvelope.Event("push", "alice/multi", null,
				"sha256:1", "application/vnd.oci.image.index.v1+json"));

		assertThat(NotificationEnvelope.repositoriesToSync(events)).containsExactly("alice/multi");
	}

	@Test
	void aPushedBuildCacheAsksForNoSyncButTheImageBesideItDoes() {
		String manifest = "application/vnd.oci.image.manifest.v1+json";
		List<NotificationEnvelope.Event> events = List.of(
				new NotificationEnvelope.Event("push", "alice/group/app--buildcache",
						"e1391f1438a8f8d8406893226764f2052cd954181790a03b868f4dc9753b61d2", "sha256:1", manifest),
				new NotificationEnvelope.Event("push", "alice/group/web", "buildcache", "sha256:2",
						"application/vnd.oci.image.index.v1+json"),
				new NotificationEnvelope.Event("push", "alice/group/app", "latest", "sha256:3", manifest));

		assertThat(NotificationEnvelope.repositoriesToSync(events)).containsExactly("alice/group/app");
	}

	@Test
	void aBodyThatIsNoEnvelopeIsRefused() {
		assertThatThrownBy(() -> NotificationEnvelope.parse("not json".getBytes()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NotificationEnvelope.parse("{\"event\":[]}".getBytes()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NotificationEnvelope.parse(new byte[0])).isInstanceOf(IllegalArgumentException.class);
		assertThat(NotificationEnvelope.parse("{\"events\":[]}".getBytes())).isEmpty();
	}

	private static byte[] envelope() throws IOException {
		try (InputStream in = NotificationEnvelopeTests.class.getResourceAsStream("notification-events.json")) {
			return in.readAllBytes();
		}
	}

}
