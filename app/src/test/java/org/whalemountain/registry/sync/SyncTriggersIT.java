package org.whalemountain.registry.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.registry.Registry;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestRegistry;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitLab's webhook and the registry's notifications as they arrive over HTTP: the right
 * secret queues a sync, a wrong or missing one is refused and queues nothing.
 */
@ServiceTest
class SyncTriggersIT {

	private static final String PIPELINE_SUCCEEDED = "{\"object_kind\":\"pipeline\",\"object_attributes\":"
			+ "{\"id\":31,\"status\":\"success\",\"ref\":\"main\"},\"project\":{\"path_with_namespace\":\"alice/app\"}}";

	@LocalServerPort
	int port;

	@Autowired
	Registry registry;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSuccessfulPipelineWithTheRightTokenQueuesASync() throws Exception {
		HttpResponse<String> answer = post("/hooks/gitlab", PIPELINE_SUCCEEDED,
				ServiceTest.TestEnvironment.GITLAB_WEBHOOK_SECRET, "Pipeline Hook");

		assertThat(answer.statusCode()).isEqualTo(202);
		String syncId = JsonMapper.builder().build().readTree(answer.body()).get("syncId").asString();
		assertThat(this.registry.syncRun(syncId).trigger()).isEqualTo("webhook");
		assertThat(post("/hooks/gitlab", "{\"object_kind\":\"push\"}",
				ServiceTest.TestEnvironment.GITLAB_WEBHOOK_SECRET, "Push Hook")
			.statusCode()).isEqualTo(202);
	}

	@Test
	void aWrongOrMissingTokenIsRefusedAndQueuesNothing() throws Exception {
		long before = runs();

		assertThat(post("/hooks/gitlab", PIPELINE_SUCCEEDED, "guessed", "Pipeline Hook").statusCode()).isEqualTo(401);
		assertThat(post("/hooks/gitlab", PIPELINE_SUCCEEDED, null, "Pipeline Hook").statusCode()).isEqualTo(401);
		assertThat(runs()).isEqualTo(before);
	}

	@Test
	void pipelinesThatDidNotSucceedAndOtherHooksQueueNothing() throws Exception {
		long before = runs();
		String secret = ServiceTest.TestEnvironment.GITLAB_WEBHOOK_SECRET;

		assertThat(post("/hooks/gitlab", PIPELINE_SUCCEEDED.replace("success", "failed"), secret, "Pipeline Hook")
			.statusCode()).isEqualTo(204);
		assertThat(post("/hooks/gitlab", "{}", secret, "Issue Hook").statusCode()).isEqualTo(204);
		assertThat(runs()).isEqualTo(before);
	}

	@Test
	void registryNotificationsNeedTheSecretAndQueueASyncOfTheRepository() throws Exception {
		String envelope = "{\"events\":[{\"action\":\"push\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.docker.distribution.manifest.v2+json\",\"repository\":\"alice/hooked\",\"tag\":\"1\"}}]}";
		long before = runs();

		assertThat(notify(envelope, "Bearer wrong").statusCode()).isEqualTo(401);
		assertThat(notify(envelope, null).statusCode()).isEqualTo(401);
		assertThat(runs()).isEqualTo(before);
		assertThat(notify("[]", "Bearer " + TestRegistry.NOTIFICATIONS_SECRET).statusCode()).isEqualTo(400);
		HttpResponse<String> accepted = notify(envelope, "Bearer " + TestRegistry.NOTIFICATIONS_SECRET);

		assertThat(accepted.statusCode()).isEqualTo(202);
		// the run that covers the push: a targeted one of its own, or a full sync that
		// was
		// already queued (the scheduler's or another test's) and absorbed it
		String syncId = JsonMapper.builder().build().readTree(accepted.body()).get("syncId").asString();
		String scope = this.jdbc.sql("SELECT scope_repositories FROM registry_sync_runs WHERE id = ?")
			.param(syncId)
			.query(String.class)
			.single();
		assertThat(scope).satisfiesAnyOf((repositories) -> assertThat(repositories).contains("alice/hooked"),
				(repositories) -> assertThat(repositories).isEqualTo("[]"));
	}

	private long runs() {
		return this.jdbc.sql("SELECT COUNT(*) FROM registry_sync_runs").query(Long.class).single();
	}

	private HttpResponse<String> post(String path, String body, String token, String event) throws Exception {
		HttpRequest.Builder request = request(path, body).header("X-Gitlab-Event", event);
		if (token != null) {
			request.header("X-Gitlab-Token", token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> notify(String body, String authorization) throws Exception {
		HttpRequest.Builder request = request("/registry/notifications", body).setHeader("Content-Type",
				"application/vnd.docker.distribution.events.v1+json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

}
