package org.whalemountain.images;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueReferenceTests {

	static final String HOST = "127.0.0.1:5000";

	@Test
	void fullReferenceWithTheRegistryHost() {
		assertThat(parse("127.0.0.1:5000/alice/app:1.0")).contains(new CatalogueReference("alice/app", "1.0", null));
	}

	@Test
	void theHostMayBeLeftOut() {
		assertThat(parse("alice/group/app:v2")).contains(new CatalogueReference("alice/group/app", "v2", null));
	}

	@Test
	void noTagMeansLatest() {
		assertThat(parse("alice/app")).contains(new CatalogueReference("alice/app", "latest", null));
		assertThat(parse("127.0.0.1:5000/alice/app")).contains(new CatalogueReference("alice/app", "latest", null));
	}

	@Test
	void aDigestIsKept() {
		String digest = "sha256:" + "b".repeat(64);

		assertThat(parse("alice/app@" + digest)).contains(new CatalogueReference("alice/app", "latest", digest));
		assertThat(parse(HOST + "/alice/app:1@" + digest)).contains(new CatalogueReference("alice/app", "1", digest));
	}

	@Test
	void anotherRegistryIsNotInTheCatalogue() {
		assertThat(parse("docker.io/library/busybox:latest")).isEmpty();
		assertThat(parse("localhost/alice/app:1")).isEmpty();
		assertThat(parse("127.0.0.1:5001/alice/app:1")).isEmpty();
	}

	@Test
	void singleNamesAndMalformedReferencesAreNot() {
		assertThat(parse("busybox")).isEmpty();
		assertThat(parse("alice/app:")).isEmpty();
		assertThat(parse("alice/app@")).isEmpty();
		assertThat(parse(" alice/app:1")).isEmpty();
		assertThat(parse("")).isEmpty();
		assertThat(parse(null)).isEmpty();
	}

	private static Optional<CatalogueReference> parse(String reference) {
		return CatalogueReference.parse(reference, HOST);
	}

}
