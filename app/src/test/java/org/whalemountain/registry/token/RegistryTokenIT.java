package org.whalemountain.registry.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;
import org.whalemountain.platform.PlatformProperties;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryProperties;
import org.whalemountain.testsupport.DistributionRegistry;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * The real Debian registry with token authentication pointed at the service, driven by
 * the real docker CLI: what users and runners will do.
 */
@ServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryTokenIT {

	private static final String ALICE = basic("alice", "alice-pass");

	@LocalServerPort
	int port;

	@Autowired
	RegistryProperties properties;

	@Autowired
	PlatformProperties platform;

	@Autowired
	Registry registry;

	@Autowired
	TokenMinter minter;

	@Autowired
	SigningKey signingKey;

	DistributionRegistry distribution;

	Path registryDir;

	Http http;

	/**
	 * A fresh docker client configuration per test, so credentials never reach ~/.docker.
	 */
	Path dockerConfig;

	final List<String> tagged = new ArrayList<>();

	@BeforeAll
	void startRegistry() throws Exception {
		this.http = new Http(this.port);
		this.registryDir = Files.createTempDirectory("wm-registry-it");
		this.distribution = DistributionRegistry.start(this.registryDir,
				"http://127.0.0.1:" + this.port + "/registry/token", this.properties.token().service(),
				this.properties.token().issuer(), this.properties.token().certificateFile(this.platform.dataDir()));
		TestImages.busybox();
	}

	@AfterAll
	void stopRegistry() throws Exception {
		this.distribution.close();
		FileSystemUtils.deleteRecursively(this.registryDir);
	}

	@BeforeEach
	void aliceHasLoggedInAndNobodyInThisDockerClient() throws Exception {
		assertThat(this.http.get("/api/v1/me", ALICE).status()).isEqualTo(200);
		this.dockerConfig = Files.createTempDirectory("wm-docker-config");
	}

	@AfterEach
	void removeTaggedImagesAndStoredCredentials() {
		for (String image : this.tagged) {
			DockerCli.attempt(Map.of(), null, "rmi", image);
		}
		this.tagged.clear();
		FileSystemUtils.deleteRecursively(this.dockerConfig.toFile());
	}

	@Test
	void aliceLogsInWithHerPersonalAccessTokenAndPushesUnderHerName() throws Exception {
		assertSucceeded(login("alice", createToken(ALICE, "docker")));

		assertSucceeded(push("alice/app:1"));

		assertThat(tagsOf("alice/app")).contains("\"1\"");
	}

	@Test
	void pushingUnderAnotherUsersNameIsDenied() {
		assertSucceeded(login("alice", createToken(ALICE, "docker")));

		assertRefused(push("bob/app:1"), "denied");
	}

	@Test
	void aWrongPasswordFailsTheLogin() {
		assertRefused(login("alice", "wm_not-a-token"), "personal access token");
		assertRefused(login("alice", "alice-pass"), "unauthorized");
		assertRefused(login("bob", createToken(ALICE, "not-bobs")), "unauthorized");
	}

	@Test
	void pushingWithoutLoginIsRefused() {
		assertRefused(push("alice/anonymous:1"), "docker login");
	}

	@Test
	void aRevokedTokenNoLongerLogsInAndItsStoredCredentialCannotPush() {
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"to-revoke\"}", ALICE);
		String token = created.json().get("token").asString();
		assertSucceeded(login("alice", token));

		assertThat(this.http.delete("/api/v1/tokens/" + created.json().get("id").asLong(), ALICE).status())
			.isEqualTo(204);

		assertRefused(push("alice/revoked:1"), "unauthorized");
		assertRefused(login("alice", token), "unauthorized");
	}

	@Test
	void theRunnerCredentialPushesUnderItsUserAndAReissuedOneReplacesIt() {
		String first = this.registry.issueRunnerCredential("alice");
		assertSucceeded(login("alice", first));
		assertSucceeded(push("alice/built-by-ci:1"));
		assertRefused(push("bob/built-by-ci:1"), "denied");

		String second = this.registry.issueRunnerCredential("alice");

		assertRefused(push("alice/built-by-ci:2"), "unauthorized");
		assertRefused(login("alice", first), "unauthorized");
		assertSucceeded(login("alice", second));
		assertSucceeded(push("alice/built-by-ci:3"));
		assertRefused(login("bob", second), "unauthorized");
	}

	@Test
	void aRevokedRunnerCredentialNoLongerLogsIn() {
		String credential = this.registry.issueRunnerCredential("alice");
		assertSucceeded(login("alice", credential));

		this.registry.revokeRunnerCredential("alice");

		assertRefused(login("alice", credential), "unauthorized");
	}

	@Test
	void theServicesOwnTokenReadsTheCatalogButAUsersCannot() throws Exception {
		String service = this.minter.forService(List.of(new Access("registry", "catalog", List.of("*"))));
		assertThat(registryGet("/v2/_catalog", service).statusCode()).isEqualTo(200);

		String alices = this.http
			.get("/registry/token?service=" + this.properties.token().service() + "&scope=registry:catalog:*",
					basic("alice", createToken(ALICE, "catalog")))
			.json()
			.get("token")
			.asString();

		HttpResponse<String> refused = registryGet("/v2/_catalog", alices);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("error=\"insufficient_scope\""));
		assertThat(refused.body()).doesNotContain("alice/");
	}

	@Test
	void theRegistryFindsTheSigningKeyByItsLibtrustKeyIdAlone() throws Exception {
		assertThat(registryGet("/v2/_catalog", catalogTokenWithKeyIdOnly(this.signingKey.keyId())).statusCode())
			.isEqualTo(200);
		assertThat(
				registryGet("/v2/_catalog", catalogTokenWithKeyIdOnly("AAAA:" + this.signingKey.keyId().substring(5)))
					.statusCode())
			.isEqualTo(401);
	}

	/** A token like the service's own, but whose header has no x5c: only the kid. */
	private String catalogTokenWithKeyIdOnly(String keyId) throws Exception {
		Instant now = Instant.now();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
				new JWTClaimsSet.Builder().issuer(this.properties.token().issuer())
					.subject("kid-test")
					.audience(this.properties.token().service())
					.issueTime(Date.from(now))
					.notBeforeTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(60)))
					.jwtID(UUID.randomUUID().toString())
					.claim("access", List.of(Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))))
					.build());
		jwt.sign(new RSASSASigner(this.signingKey.privateKey()));
		return jwt.serialize();
	}

	private void assertSucceeded(DockerCli.Result result) {
		assertThat(result.exitCode())
			.as("docker failed: %s%nregistry log:%n%s", result.stderr(), this.distribution.log())
			.isZero();
	}

	private void assertRefused(DockerCli.Result result, String reason) {
		assertThat(result.exitCode()).as("docker should have failed: %s", result.stdout()).isNotZero();
		// what docker prints is what users see: it must say why
		assertThat(result.stderr()).contains(reason);
	}

	private DockerCli.Result login(String username, String password) {
		return DockerCli.attempt(environment(), password, "login", this.distribution.host(), "-u", username,
				"--password-stdin");
	}

	private DockerCli.Result push(String repositoryAndTag) {
		String image = this.distribution.host() + "/" + repositoryAndTag;
		DockerCli.docker("tag", TestImages.BUSYBOX, image);
		this.tagged.add(image);
		return DockerCli.attempt(environment(), null, "push", image);
	}

	private Map<String, String> environment() {
		return Map.of("DOCKER_CONFIG", this.dockerConfig.toString());
	}

	private String createToken(String authorization, String name) {
		Http.Response created = this.http.post("/api/v1/tokens", "{\"name\":\"" + name + "\"}", authorization);
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private String tagsOf(String repository) throws Exception {
		String token = this.minter.forService(List.of(Access.repository(repository, "pull")));
		HttpResponse<String> tags = registryGet("/v2/" + repository + "/tags/list", token);
		assertThat(tags.statusCode()).isEqualTo(200);
		return tags.body();
	}

	private HttpResponse<String> registryGet(String path, String bearer) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.distribution.url() + path))
				.header("Authorization", "Bearer " + bearer)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
