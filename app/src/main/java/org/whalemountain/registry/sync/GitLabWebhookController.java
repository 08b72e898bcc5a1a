package org.whalemountain.registry.sync;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.registry.Registry;
import org.whalemountain.registry.RegistryProperties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab's project or group webhook: a successful pipeline (which pushed an image) or a
 * push queues a registry sync at once instead of waiting for the schedule. GitLab proves
 * itself with {@code X-Gitlab-Token}, which must equal
 * {@code wm.registry.gitlab-webhook-secret}; without a configured secret the endpoint
 * does not exist.
 */
@RestController
class GitLabWebhookController {

	static final String PIPELINE = "Pipeline Hook";

	static final String PUSH = "Push Hook";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RegistryProperties properties;

	private final Registry registry;

	GitLabWebhookController(RegistryProperties properties, Registry registry) {
		this.properties = properties;
		this.registry = registry;
	}

	/**
	 * 202 with the queued run's id, 204 for events that need no sync (other hooks, a
	 * pipeline that did not succeed), 401 for a wrong or missing token.
	 */
	@PostMapping("/hooks/gitlab")
	ResponseEntity<QueuedSync> receive(@RequestHeader(name = "X-Gitlab-Token", required = false) String token,
			@RequestHeader(name = "X-Gitlab-Event", required = false) String event,
			@RequestBody(required = false) byte[] body) {
		String secret = this.properties.gitlabWebhookSecret();
		if (secret.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		if (!SharedSecrets.matches(secret, token)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		if (!PUSH.equals(event) && !(PIPELINE.equals(event) && succeeded(body))) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.accepted().body(new QueuedSync(this.registry.requestSync("webhook", null).id()));
	}

	private static boolean succeeded(byte[] body) {
		if (body == null) {
			return false;
		}
		try {
			JsonNode root = JSON.readTree(body);
			return root != null && "success".equals(root.path("object_attributes").path("status").asString(""));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
