package org.whalemountain.registry.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.audit.AuditEntry;
import org.whalemountain.audit.AuditLog;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/** The token endpoint over HTTP, as Docker's client calls it, without a registry. */
@ServiceTest
class RegistryTokenEndpointIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	String token;

	@BeforeEach
	void aliceHasAPersonalAccessToken() {
		Http.Response created = new Http(this.port).post("/api/v1/tokens", "{\"name\":\"registry\"}",
				basic("alice", "alice-pass"));
		assertThat(created.status()).isEqualTo(201);
		this.token = created.json().get("token").asString();
	}

	@Test
	void aLoginWithoutScopeGetsATokenThatGrantsNothing() throws Exception {
		HttpResponse<String> answer = get(
				"?account=alice&client_id=docker&offline_token=true&service=whalemountain-registry",
				basic("alice", this.token));

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
		JsonNode body = JSON.readTree(answer.body());
		assertThat(body.get("access_token").asString()).isEqualTo(body.get("token").asString());
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		Instant issuedAt = Instant.parse(body.get("issued_at").asString());
		SignedJWT jwt = SignedJWT.parse(body.get("token").asString());
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("whalemountain");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("whalemountain-registry");
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(issuedAt);
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(issuedAt.plusSeconds(300));
		assertThat(jwt.getPayload().toJSONObject()).containsEntry("access", List.of());
		String jwtId = jwt.getJWTClaimsSet().getJWTID();
		assertThat(jwtId).isNotBlank();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.audit.latest(20, "alice")).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("registry.login");
				assertThat(entry.detail()).isEqualTo("via personal-access-token");
				assertThat(entry.occurredAt()).isEqualTo(issuedAt);
			}));
	}

	@Test
	void everyScopeIsReadAndOnlyTheAllowedPartGranted() throws Exception {
		HttpResponse<String> answer = get("?service=whalemountain-registry&scope=repository:alice/app:pull,push"
				+ "&scope=repository:bob/app:pull&scope=registry:catalog:*", basic("alice", this.token));

		assertThat(answer.statusCode()).isEqualTo(200);
		SignedJWT jwt = SignedJWT.parse(JSON.readTree(answer.body()).get("token").asString());
		assertThat(jwt.getPayload().toJSONObject().get("access"))
			.isEqualTo(List.of(Map.of("type", "repository", "name", "alice/app", "actions", List.of("pull", "push"))));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.audit.latest(20, "alice")).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("registry.token");
				assertThat(entry.target()).isEqualTo("repository:alice/app:pull,push");
				assertThat(entry.detail()).contains("via personal-access-token")
					.contains("refused repository:bob/app:pull registry:catalog:*");
				assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1");
			}));
	}

	@Test
	void noCredentialsAre401WithABasicChallengeInDockersErrorShape() throws Exception {
		HttpResponse<String> answer = get("?service=whalemountain-registry&scope=repository:alice/app:pull", null);

		assertUnauthorized(answer);
		assertThat(answer.body()).contains("docker login");
	}

	@Test
	void wrongCredentialsAre401AndAuditedWithoutTheSecret() throws Exception {
		String stranger = "ghost-" + UUID.randomUUID().toString().substring(0, 8);

		assertUnauthorized(get("?service=whalemountain-registry", basic(stranger, "wm_guessed-secret")));
		assertUnauthorized(get("", basic("alice", "alice-pass")));
		assertUnauthorized(get("", basic("bob", this.token)));
		assertUnauthorized(get("", "Basic not-base64!"));
		assertUnauthorized(get("", "Bearer " + this.token));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<AuditEntry> entries = this.audit.latest(5, stranger);
			assertThat(entries).singleElement().satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("registry.login.failed");
				assertThat(entry.detail()).doesNotContain("guessed");
				assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1");
			});
		});
	}

	@Test
	void aRegistryConfiguredForAnotherServiceIsToldSo() throws Exception {
		HttpResponse<String> answer = get("?service=someone-else", basic("alice", this.token));

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(answer.body()).get("errors").get(0).get("code").asString())
			.isEqualTo("INVALID_REQUEST");
		assertThat(answer.body()).contains("wm.registry.token.service");
	}

	private static void assertUnauthorized(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"WhaleMountain registry\"");
		JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
		assertThat(error.get("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(error.get("message").asString()).isNotBlank();
	}

	private HttpResponse<String> get(String query, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/registry/token" + query))
			.timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
