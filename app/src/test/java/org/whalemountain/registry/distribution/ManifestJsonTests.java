package org.whalemountain.registry.distribution;

import org.junit.jupiter.api.Test;

import org.whalemountain.registry.RegistryClient;

import org.whalemountain.registry.UnsupportedImageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestJsonTests {

	@Test
	void aDockerSchema2ManifestNamesItsConfigAndItsSizeIsConfigPlusLayers() {
		ManifestJson.Parsed parsed = ManifestJson.parse(ManifestJson.DOCKER_MANIFEST,
				Fixtures.bytes("docker-manifest-v2.json"));

		assertThat(parsed).isInstanceOfSatisfying(ManifestJson.Image.class, (image) -> {
			assertThat(image.configDigest())
				.isEqualTo("sha256:9b31b4f14a03e4ba9937aa99e971a31cba45bfcf14248b7dc3bb5ae199a5fbe5");
			assertThat(image.configSize()).isEqualTo(911);
			assertThat(image.layers()).containsExactly(
					new RegistryClient.Blob("sha256:bd65005ec221bbcad603464d4914c1050a0010eeba0635708c957151f74e03d6",
							1068845L, "application/vnd.docker.image.rootfs.diff.tar.gzip"),
					new RegistryClient.Blob("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef",
							244L, "application/vnd.docker.image.rootfs.diff.tar.gzip"));
			assertThat(image.sizeBytes()).isEqualTo(911 + 1068845 + 244);
		});
	}

	@Test
	void anOciManifestIsAnImageToo() {
		ManifestJson.Parsed parsed = ManifestJson.parse(ManifestJson.OCI_MANIFEST + "; charset=utf-8",
				Fixtures.bytes("oci-manifest.json"));

		assertThat(parsed).isInstanceOfSatisfying(ManifestJson.Image.class,
				(image) -> assertThat(image.sizeBytes()).isEqualTo(1200 + 3000));
	}

	@Test
	void theBodysMediaTypeDecidesWhenTheHeaderSaysOnlyJson() {
		assertThat(ManifestJson.parse("application/json", Fixtures.bytes("docker-manifest-list.json")))
			.isInstanceOf(ManifestJson.Index.class);
		assertThat(ManifestJson.parse(null, Fixtures.bytes("docker-manifest-v2.json")))
			.isInstanceOf(ManifestJson.Image.class);
	}

	@Test
	void anIndexLeadsToItsLinuxAmd64ImageAndNeverToAnAttestation() {
		ManifestJson.Parsed parsed = ManifestJson.parse(ManifestJson.OCI_INDEX,
				Fixtures.bytes("oci-index-with-attestation.json"));

		assertThat(parsed).isInstanceOfSatisfying(ManifestJson.Index.class, (index) -> {
			assertThat(index.manifests()).hasSize(3);
			assertThat(index.linuxAmd64()).hasValueSatisfying((entry) -> assertThat(entry.digest())
				.isEqualTo("sha256:3333333333333333333333333333333333333333333333333333333333333333"));
		});
	}

	@Test
	void aDockerManifestListIsAnIndex() {
		ManifestJson.Parsed parsed = ManifestJson.parse(ManifestJson.DOCKER_LIST,
				Fixtures.bytes("docker-manifest-list.json"));

		assertThat(((ManifestJson.Index) parsed).linuxAmd64()).hasValueSatisfying((entry) -> assertThat(entry.digest())
			.isEqualTo("sha256:4444444444444444444444444444444444444444444444444444444444444444"));
	}

	@Test
	void anIndexWithoutLinuxAmd64HasNoImageForTheCatalogue() {
		byte[] armOnly = new String(Fixtures.bytes("oci-index-with-attestation.json"))
			.replace("\"amd64\"", "\"riscv64\"")
			.getBytes();

		assertThat(((ManifestJson.Index) ManifestJson.parse(ManifestJson.OCI_INDEX, armOnly)).linuxAmd64()).isEmpty();
	}

	@Test
	void schema1ArtifactsAndGarbageAreUnsupportedWithAReason() {
		assertThatThrownBy(() -> ManifestJson.parse("application/vnd.docker.distribution.manifest.v1+prettyjws",
				Fixtures.bytes("schema1-signed.json")))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("schema 1");
		assertThatThrownBy(() -> ManifestJson.parse(null, Fixtures.bytes("schema1-signed.json")))
			.hasMessageContaining("schema 1");
		assertThatThrownBy(
				() -> ManifestJson.parse(ManifestJson.OCI_MANIFEST, Fixtures.bytes("helm-chart-artifact.json")))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("application/vnd.cncf.helm.config.v1+json");
		assertThatThrownBy(() -> ManifestJson.parse("text/html", "<html>".getBytes()))
			.isInstanceOf(UnsupportedImageException.class);
		assertThatThrownBy(() -> ManifestJson.parse(ManifestJson.DOCKER_MANIFEST, "{\"schemaVersion\":2}".getBytes()))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("config");
	}

	@Test
	void theAcceptListPutsSchema2FirstAndAsksForIndexesToo() {
		assertThat(ManifestJson.ACCEPT.split(", ")).containsExactly(
				"application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json",
				"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json");
	}

}
