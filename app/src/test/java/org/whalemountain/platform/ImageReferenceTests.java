package org.whalemountain.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageReferenceTests {

	static final String HOST = "127.0.0.1:5000";

	static final String HUB = ImageReference.DOCKER_HUB;

	static final String DIGEST = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

	@Test
	void dockerHubNamesAreNormalisedAsDockerDoes() {
		assertThat(ImageReference.parse("python:3", HUB))
			.isEqualTo(new ImageReference(HUB, "library/python", "3", null));
		assertThat(ImageReference.parse("python:3", HUB).canonical()).isEqualTo("docker.io/library/python:3");
		assertThat(ImageReference.parse("bitnami/redis", HUB).canonical()).isEqualTo("docker.io/bitnami/redis:latest");
		assertThat(ImageReference.parse("index.docker.io/library/busybox:1", HUB).canonical())
			.isEqualTo("docker.io/library/busybox:1");
		assertThat(ImageReference.parse("docker.io/busybox", HUB).canonical())
			.isEqualTo("docker.io/library/busybox:latest");
	}

	@Test
	void aRegistryHostWithItsPortIsKept() {
		assertThat(ImageReference.parse("127.0.0.1:5000/alice/app:1.0", HUB))
			.isEqualTo(new ImageReference(HOST, "alice/app", "1.0", null));
		assertThat(ImageReference.parse("localhost/alice/app", HUB).registry()).isEqualTo("localhost");
		assertThat(ImageReference.parse("ghcr.io/x/y:1", HUB).isOn("ghcr.io")).isTrue();
	}

	@Test
	void theDefaultRegistryIsTheCallers() {
		assertThat(ImageReference.parse("alice/group/app:v2", HOST))
			.isEqualTo(new ImageReference(HOST, "alice/group/app", "v2", null));
		// the library/ prefix is Docker Hub's alone
		assertThat(ImageReference.parse("app", HOST).repository()).isEqualTo("app");
	}

	@Test
	void noTagMeansLatestAndADigestDecides() {
		assertThat(ImageReference.parse("alice/app", HOST).tag()).isEqualTo("latest");
		assertThat(ImageReference.parse("alice/app@" + DIGEST, HOST))
			.isEqualTo(new ImageReference(HOST, "alice/app", null, DIGEST));
		assertThat(ImageReference.parse(HOST + "/alice/app:1@" + DIGEST, HUB).canonical())
			.isEqualTo(HOST + "/alice/app:1@" + DIGEST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sha256:82bc", "82bc", "82bc4d1e9f3a", "82bc:latest",
			"82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc",
			"sha256:82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc4d1e9f3a82bc", "@" + DIGEST, "1234" })
	void imageIdsPrefixesAndBareDigestsAreNotNames(String text) {
		assertThatExceptionOfType(InvalidImageReferenceException.class)
			.isThrownBy(() -> ImageReference.parse(text, HUB))
			.withMessageContaining("image ID or digest");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "Not A Reference", "alice/app:", "alice/app@", "alice/App:1", " alice/app:1",
			"alice//app", "alice/web 1", "alice/app:-x", "alice/app@sha256:short", "ex ample.org/a/b", "a/b:c:d" })
	void malformedReferencesAreRefusedWithWhatIsWrong(String text) {
		assertThatExceptionOfType(InvalidImageReferenceException.class)
			.isThrownBy(() -> ImageReference.parse(text, HUB))
			.withMessageMatching("(?s).*(not an image name|Name the image).*");
	}

	@Test
	void nullIsRefused() {
		assertThatExceptionOfType(InvalidImageReferenceException.class)
			.isThrownBy(() -> ImageReference.parse(null, HUB));
	}

	@Test
	void anImageIsListedUnderItsFamiliarOrFullName() {
		ImageReference python = ImageReference.parse("docker.io/library/python:3", HUB);
		assertThat(python.isListedAs("python:3")).isTrue();
		assertThat(python.isListedAs("docker.io/library/python:3")).isTrue();
		assertThat(python.isListedAs("python:3.12")).isFalse();
		assertThat(python.isListedAs("evil/python:3")).isFalse();
		assertThat(python.isListedAs("<none>:<none>")).isFalse();
		ImageReference pinned = ImageReference.parse(HOST + "/alice/app@" + DIGEST, HUB);
		assertThat(pinned.isListedAs(HOST + "/alice/app@" + DIGEST)).isTrue();
		assertThat(pinned.isListedAs(HOST + "/alice/app:1")).isFalse();
		assertThat(pinned.isListedAs(HOST + "/bob/app@" + DIGEST)).isFalse();
	}

}
