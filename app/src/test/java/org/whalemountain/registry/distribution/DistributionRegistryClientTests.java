package org.whalemountain.registry.distribution;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.whalemountain.registry.RegistryClient;
import org.whalemountain.registry.RegistryClient.ImageManifest;
import org.whalemountain.registry.RegistryUnavailableException;
import org.whalemountain.registry.UnsupportedImageException;
import org.whalemountain.testsupport.GitLabStubs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against a registry stub that answers as Distribution's API specification
 * says; the real registry is exercised by the sync's integration test.
 */
class DistributionRegistryClientTests {

	private static final String CONFIG = "sha256:9b31b4f14a03e4ba9937aa99e971a31cba45bfcf14248b7dc3bb5ae199a5fbe5";

	private final WireMockServer registry = GitLabStubs.server();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DistributionRegistryClient client = new DistributionRegistryClient(
			URI.create(this.registry.baseUrl()), Duration.ofSeconds(2),
			new ServiceTokens((access) -> new ServiceTokens.Token("t-" + access.get(0), Instant.now().plusSeconds(300)),
					java.time.Clock.systemUTC()),
			this.meters);

	@AfterEach
	void stop() {
		this.registry.stop();
	}

	@Test
	void theCatalogIsFollowedAcrossPagesWithTheCatalogToken() {
		this.registry
			.stubFor(get(urlEqualTo("/v2/_catalog?n=1000")).willReturn(json("{\"repositories\":[\"a/x\",\"b/y\"]}")
				.withHeader("Link", "</v2/_catalog?last=b%2Fy&n=1000>; rel=\"next\"")));
		this.registry.stubFor(
				get(urlEqualTo("/v2/_catalog?last=b%2Fy&n=1000")).willReturn(json("{\"repositories\":[\"c/z\"]}")));

		assertThat(this.client.repositories()).containsExactly("a/x", "b/y", "c/z");
		this.registry.verify(2, getRequestedFor(urlPathEqualTo("/v2/_catalog")).withHeader("Authorization",
				equalTo("Bearer t-registry:catalog:*")));
		assertThat(count(RequestKind.CATALOG)).isEqualTo(2);
	}

	@Test
	void tagsAreFollowedAcrossPagesAndAnUnknownOrEmptyRepositoryHasNone() {
		this.registry.stubFor(get(urlEqualTo("/v2/alice/app/tags/list?n=1000"))
			.willReturn(json("{\"name\":\"alice/app\",\"tags\":[\"2\",\"1\"]}").withHeader("Link",
					"</v2/alice/app/tags/list?last=1&n=1000>; rel=\"next\"")));
		this.registry.stubFor(get(urlEqualTo("/v2/alice/app/tags/list?last=1&n=1000"))
			.willReturn(json("{\"name\":\"alice/app\",\"tags\":[\"latest\"]}")));
		this.registry.stubFor(get(urlPathEqualTo("/v2/alice/gone/tags/list"))
			.willReturn(json("{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}").withStatus(404)));
		this.registry.stubFor(get(urlPathEqualTo("/v2/alice/empty/tags/list"))
			.willReturn(json("{\"name\":\"alice/empty\",\"tags\":null}")));

		assertThat(this.client.tags("alice/app")).containsExactly("2", "1", "latest");
		assertThat(this.client.tags("alice/gone")).isEmpty();
		assertThat(this.client.tags("alice/empty")).isEmpty();
		this.registry.verify(getRequestedFor(urlPathEqualTo("/v2/alice/app/tags/list")).withHeader("Authorization",
				equalTo("Bearer t-repository:alice/app:pull")));
		assertThat(count(RequestKind.TAGS)).isEqualTo(4);
	}

	@Test
	void theDigestComesFromAHeadThatAcceptsSchema2AndIndexes() {
		this.registry
			.stubFor(head(urlEqualTo("/v2/alice/app/manifests/1")).withHeader("Accept", equalTo(ManifestJson.ACCEPT))
				.willReturn(aResponse().withStatus(200).withHeader("Docker-Content-Digest", "sha256:abc")));
		this.registry.stubFor(head(urlEqualTo("/v2/alice/app/manifests/2")).willReturn(aResponse().withStatus(404)));

		assertThat(this.client.digest("alice/app", "1")).hasValue("sha256:abc");
		assertThat(this.client.digest("alice/app", "2")).isEmpty();
		assertThat(count(RequestKind.MANIFEST_HEAD)).isEqualTo(2);
		assertThat(count(RequestKind.MANIFEST_GET)).isZero();
	}

	@Test
	void anIndexIsFollowedToItsLinuxAmd64Image() {
		this.registry.stubFor(get(urlEqualTo("/v2/alice/multi/manifests/latest"))
			.willReturn(manifest(ManifestJson.OCI_INDEX, "oci-index-with-attestation.json", "sha256:index")));
		this.registry.stubFor(get(urlEqualTo(
				"/v2/alice/multi/manifests/sha256:3333333333333333333333333333333333333333333333333333333333333333"))
			.willReturn(manifest(ManifestJson.DOCKER_MANIFEST, "docker-manifest-v2.json", "sha256:amd64")));

		assertThat(this.client.manifest("alice/multi", "latest")).hasValueSatisfying((manifest) -> {
			assertThat(manifest.digest()).isEqualTo("sha256:amd64");
			assertThat(manifest.configDigest()).isEqualTo(CONFIG);
			assertThat(manifest.sizeBytes()).isEqualTo(911 + 1068845 + 244);
			assertThat(manifest.layers()).extracting(RegistryClient.Blob::size).containsExactly(1068845L, 244L);
		});
		assertThat(count(RequestKind.MANIFEST_GET)).isEqualTo(2);
	}

	@Test
	void theConfigIsReadAndCheckedAgainstItsDigest() {
		byte[] config = Fixtures.bytes("image-config.json");
		String digest = ContentDigests.of(config, "sha256:");
		this.registry.stubFor(get(urlEqualTo("/v2/alice/app/blobs/" + digest))
			.willReturn(aResponse().withStatus(200).withBody(config)));
		this.registry.stubFor(get(urlEqualTo("/v2/alice/app/blobs/" + CONFIG))
			.willReturn(aResponse().withStatus(200).withBody(config)));

		assertThat(this.client
			.config("alice/app", new ImageManifest("sha256:m", digest, config.length, 1, java.util.List.of()))
			.config()
			.entrypoint()).containsExactly("/bin/httpd", "-f");
		assertThatThrownBy(() -> this.client.config("alice/app",
				new ImageManifest("sha256:m", CONFIG, 911, 1, java.util.List.of())))
			.isInstanceOf(UnsupportedImageException.class)
			.hasMessageContaining("digest");
		assertThat(count(RequestKind.BLOB_GET)).isEqualTo(2);
	}

	@Test
	void deletingAsksForTheDeleteActionAndTellsAMissingManifestApart() {
		this.registry.stubFor(delete(urlEqualTo("/v2/alice/app/manifests/sha256:a"))
			.withHeader("Authorization", equalTo("Bearer t-repository:alice/app:delete"))
			.willReturn(aResponse().withStatus(202)));
		this.registry
			.stubFor(delete(urlEqualTo("/v2/alice/app/manifests/sha256:b")).willReturn(aResponse().withStatus(404)));
		this.registry
			.stubFor(delete(urlEqualTo("/v2/alice/app/manifests/sha256:c")).willReturn(aResponse().withStatus(405)));

		assertThat(this.client.deleteManifest("alice/app", "sha256:a")).isTrue();
		assertThat(this.client.deleteManifest("alice/app", "sha256:b")).isFalse();
		assertThatThrownBy(() -> this.client.deleteManifest("alice/app", "sha256:c"))
			.isInstanceOf(RegistryUnavailableException.class)
			.hasMessageContaining("storage.delete.enabled");
	}

	@Test
	void serverErrorsRefusedTokensAndSilenceAreUnavailableWithWhatToDo() {
		this.registry.stubFor(get(urlEqualTo("/v2/_catalog?n=1000")).willReturn(aResponse().withStatus(503)));
		this.registry.stubFor(get(urlPathEqualTo("/v2/alice/app/tags/list")).willReturn(aResponse().withStatus(401)
			.withHeader("WWW-Authenticate", "Bearer realm=\"x\",error=\"invalid_token\"")));
		this.registry.stubFor(
				get(urlPathEqualTo("/v2/alice/slow/tags/list")).willReturn(json("{\"tags\":[]}").withFixedDelay(3000)));

		assertThatThrownBy(this.client::repositories)
			.isInstanceOfSatisfying(RegistryUnavailableException.class,
					(ex) -> assertThat(ex.retryAfter()).isEqualTo(RegistryUnavailableException.RETRY_AFTER))
			.hasMessageContaining("503");
		assertThatThrownBy(() -> this.client.tags("alice/app"))
			.isInstanceOfSatisfying(RegistryUnavailableException.class, (ex) -> assertThat(ex.retryAfter()).isNull())
			.hasMessageContaining("rootcertbundle");
		assertThatThrownBy(() -> this.client.tags("alice/slow")).isInstanceOf(RegistryUnavailableException.class)
			.hasMessageContaining("wm.registry.request-timeout");
		this.registry.stop();
		assertThatThrownBy(this.client::repositories).isInstanceOf(RegistryUnavailableException.class)
			.hasMessageContaining("wm.registry.url");
	}

	@Test
	void aPingNeedsNoTokenAndReportsTheStatus() {
		this.registry.stubFor(
				get(urlEqualTo("/v2/")).withHeader("Authorization", absent()).willReturn(json("{}").withStatus(401)));

		assertThat(this.client.ping()).isEqualTo(401);
	}

	private double count(RequestKind kind) {
		return this.meters.get(RequestKind.METER).tag("kind", kind.tag()).counter().count();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder manifest(String type, String file,
			String digest) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", type)
			.withHeader("Docker-Content-Digest", digest)
			.withBody(Fixtures.bytes(file));
	}

}
