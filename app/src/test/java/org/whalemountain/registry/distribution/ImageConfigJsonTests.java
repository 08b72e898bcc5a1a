package org.whalemountain.registry.distribution;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.ImageConfig;
import org.whalemountain.registry.RegistryClient.ImageDetails;
import org.whalemountain.registry.UnsupportedImageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageConfigJsonTests {

	@Test
	void aDockerBuiltConfigGivesHowTheImageRunsAndWhenItWasBuilt() {
		ImageDetails details = ImageConfigJson.parse(Fixtures.bytes("image-config.json"));

		assertThat(details.config()).isEqualTo(new ImageConfig(java.util.List.of("PATH=/bin", "GREETING=hello world"),
				java.util.List.of("/bin/httpd", "-f"), java.util.List.of("--port", "8080"), "/srv", "nobody",
				Map.of("org.opencontainers.image.title", "demo", "maintainer", "alice"), "amd64", "linux"));
		assertThat(details.created()).isEqualTo(Instant.parse("2026-11-21T09:58:12.123456789Z"));
	}

	@Test
	void nullsAndAbsentFieldsBecomeEmpty() {
		ImageDetails details = ImageConfigJson.parse(Fixtures.bytes("image-config-minimal.json"));

		assertThat(details.config().env()).isEmpty();
		assertThat(details.config().entrypoint()).isEmpty();
		assertThat(details.config().cmd()).isEmpty();
		assertThat(details.config().labels()).isEmpty();
		assertThat(details.config().workingDir()).isEmpty();
		assertThat(details.created()).isNull();
	}

	@Test
	void createdIsReadWithAnyOffsetAndIgnoredWhenUnreadable() {
		assertThat(ImageConfigJson.created("2026-11-21T18:58:12+09:00"))
			.isEqualTo(Instant.parse("2026-11-21T09:58:12Z"));
		assertThat(ImageConfigJson.created("yesterday")).isNull();
		assertThat(ImageConfigJson.created("")).isNull();
	}

	@Test
	void aBlobThatIsNoJsonObjectIsUnsupported() {
		assertThatThrownBy(() -> ImageConfigJson.parse("[1,2]".getBytes()))
			.isInstanceOf(UnsupportedImageException.class);
		assertThatThrownBy(() -> ImageConfigJson.parse(new byte[] { 0x1f, (byte) 0x8b }))
			.isInstanceOf(UnsupportedImageException.class);
	}

}
