package org.whalemountain.api;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics and the OpenAPI document, as an operator's tools and a user's browser
 * see them.
 */
@ServiceTest
class OperationsIT {

	@LocalServerPort
	int port;

	@Test
	void healthReportsTheDatabaseTheDirectoryDockerAndTheRegistry() {
		Http.Response health = new Http(this.port).get("/actuator/health", null);

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").get("ldap").get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").get("docker").get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components").get("registry").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusScrapeHasJvmAndHttpMetrics() {
		new Http(this.port).get("/api/v1/me", null);

		Http.Response scrape = new Http(this.port).getAnything("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
	}

	@Test
	void openApiDocumentDescribesTheApiAndItsSecuritySchemes() {
		Http.Response docs = new Http(this.port).get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").has("/api/v1/tokens")).isTrue();
		assertThat(docs.json().get("paths").has("/api/v1/me")).isTrue();
		assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
		JsonNode launched = docs.json().get("paths").get("/api/v1/containers").get("post").get("responses").get("201");
		assertThat(launched.get("headers").has("Location")).isTrue();
		assertThat(launched.get("content").toString()).contains("ContainerView");
		JsonNode view = docs.json().get("components").get("schemas").get("ContainerView").get("properties");
		assertThat(view.has("pullPercent") && view.has("pullMessage") && view.has("message")).isTrue();
		assertThat(new Http(this.port).getAnything("/swagger-ui/index.html").status()).isEqualTo(200);
	}

}
