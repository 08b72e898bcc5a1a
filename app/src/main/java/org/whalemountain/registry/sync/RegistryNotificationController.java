package org.whalemountain.registry.sync;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.registry.RegistryProperties;

/**
 * Where the registry's {@code notifications} endpoint posts its events: a pushed or
 * deleted manifest queues a sync of just that repository, so that a push reaches the
 * catalogue within seconds instead of at the next scheduled sync. The registry proves
 * itself with {@code Authorization: Bearer <wm.registry.notifications.secret>}; without a
 * configured secret the endpoint does not exist.
 */
@RestController
class RegistryNotificationController {

	private static final String BEARER = "Bearer ";

	private final RegistryProperties properties;

	private final SyncQueue queue;

	RegistryNotificationController(RegistryProperties properties, SyncQueue queue) {
		this.properties = properties;
		this.queue = queue;
	}

	/**
	 * 202 with the id of the run that covers the events (queued, or an already queued run
	 * they joined), 204 when the events change no tag (blob pushes, pulls); 401 for a
	 * wrong or missing secret, 400 for a body that is no envelope, and nothing happens in
	 * either case. Any 2xx tells the registry the events arrived.
	 */
	@PostMapping("/registry/notifications")
	ResponseEntity<QueuedSync> receive(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) byte[] body) {
		String secret = this.properties.notifications().secret();
		if (secret.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| !SharedSecrets.matches(secret, authorization.substring(BEARER.length()).trim())) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"registry notifications\"")
				.build();
		}
		List<NotificationEnvelope.Event> events;
		try {
			events = NotificationEnvelope.parse((body != null) ? body : new byte[0]);
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.badRequest().build();
		}
		Set<String> repositories = NotificationEnvelope.repositoriesToSync(events);
		if (repositories.isEmpty()) {
			return ResponseEntity.noContent().build();
		}
		String syncId = this.queue.request("notification", null, SyncScope.of(repositories), null).id();
		return ResponseEntity.accepted().body(new QueuedSync(syncId));
	}

}
