package org.whalemountain.workloads.launch;

import org.junit.jupiter.api.Test;
import org.whalemountain.platform.ImageReference;

import static org.assertj.core.api.Assertions.assertThat;

class ImagePatternsTests {

	@Test
	void aShortPatternMeansTheDockerHubNameItStandsFor() {
		assertThat(ImagePatterns.matches("nginx:*", image("nginx:1.27"))).isTrue();
		assertThat(ImagePatterns.matches("nginx:*", image("docker.io/library/nginx:1.27"))).isTrue();
		assertThat(ImagePatterns.matches("nginx:*", image("index.docker.io/library/nginx:1"))).isTrue();
		assertThat(ImagePatterns.matches("nginx:*", image("nginx-evil:1"))).isFalse();
		assertThat(ImagePatterns.matches("nginx:*", image("evil/nginx:1"))).isFalse();
	}

	@Test
	void patternsWithAUserOrAHostAreNormalisedLikeNames() {
		assertThat(ImagePatterns.normalised("bitnami/*")).isEqualTo("docker.io/bitnami/*");
		assertThat(ImagePatterns.normalised("python")).isEqualTo("docker.io/library/python");
		assertThat(ImagePatterns.normalised("ghcr.io/x/*")).isEqualTo("ghcr.io/x/*");
		assertThat(ImagePatterns.normalised("index.docker.io/library/*")).isEqualTo("docker.io/library/*");
		assertThat(ImagePatterns.matches("bitnami/*", image("bitnami/redis:7"))).isTrue();
		assertThat(ImagePatterns.matches("*/redis:*", image("bitnami/redis:7"))).isTrue();
	}

	@Test
	void onlyTheStarIsSpecial() {
		assertThat(ImagePatterns.matches("a.b", image("axb"))).isFalse();
		assertThat(ImagePatterns.matches("a.b:latest", image("a.b"))).isTrue();
	}

	private static ImageReference image(String text) {
		return ImageReference.parse(text, ImageReference.DOCKER_HUB);
	}

}
