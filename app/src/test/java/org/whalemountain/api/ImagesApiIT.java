package org.whalemountain.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.whalemountain.registry.Registry;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.whalemountain.audit.AuditEntry;
import org.whalemountain.audit.AuditLog;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.RegistryEvents;
import org.whalemountain.testsupport.ServiceTest;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;
import static org.whalemountain.testsupport.RegistryEvents.randomDigest;

/**
 * The image catalogue over real HTTP, fed by the registry's events. Deleting an image
 * needs the registry's manifest deletion, which arrives with the registry sync: only the
 * refusals are tested here, the deletion itself with the sync.
 */
@ServiceTest
class ImagesApiIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	static final String CAROL = basic("carol", "carol-pass");

	static final String SENSEI = basic("sensei", "sensei-pass");

	@LocalServerPort
	int port;

	@Autowired
	Registry realRegistry;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	Http http;

	RegistryEvents registry;

	String repository;

	@BeforeEach
	void logInEverybody() {
		this.http = new Http(this.port);
		for (String user : List.of(ALICE, BOB, CAROL, SENSEI)) {
			assertThat(this.http.get("/api/v1/me", user).status()).isEqualTo(200);
		}
		this.registry = new RegistryEvents(this.events, this.transaction, this.jdbc);
		this.repository = RegistryEvents.repository("alice");
	}

	@Test
	void listsTheCallersImagesWithEveryField() {
		String digest = randomDigest();
		long id = this.registry.push(this.repository, "v1", digest);

		Http.Response list = this.http.get("/api/v1/images", ALICE);

		assertThat(list.status()).isEqualTo(200);
		JsonNode image = find(list.json(), id);
		assertThat(image.get("owner").asString()).isEqualTo("alice");
		assertThat(image.get("repository").asString()).isEqualTo(this.repository);
		assertThat(image.get("tag").asString()).isEqualTo("v1");
		assertThat(image.get("reference").asString())
			.isEqualTo(this.realRegistry.host() + "/" + this.repository + ":v1");
		assertThat(image.get("digest").asString()).isEqualTo(digest);
		assertThat(image.get("sizeBytes").asLong()).isEqualTo(2_345_678L);
		assertThat(Instant.parse(image.get("pushedAt").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(image.get("description").asString()).isEmpty();
		assertThat(image.get("descriptionHtml").asString()).isEmpty();
		assertThat(image.get("visibility").asString()).isEqualTo("PRIVATE");
		assertThat(image.get("group").isNull()).isTrue();
		// every pushed digest is queued for a SIF at once; this one is in no registry, so
		// it never gets further
		assertThat(image.get("sif").get("status").asString()).isIn("QUEUED", "BUILDING", "FAILED");
		assertThat(this.http.get("/api/v1/images/" + id, ALICE).json().get("digest").asString()).isEqualTo(digest);
	}

	@Test
	void unsharedImageOfAnotherUserIsNotFound() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		assertThat(ids(this.http.get("/api/v1/images", BOB))).doesNotContain(id);
		assertThat(ids(this.http.get("/api/v1/images/shared", BOB))).doesNotContain(id);
		assertNotFound(this.http.get("/api/v1/images/" + id, BOB));
		assertNotFound(this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"PUBLIC\"}", BOB));
		assertNotFound(this.http.delete("/api/v1/images/" + id, BOB));
		assertNotFound(this.http.get("/api/v1/images/987654321", ALICE));
		assertThat(this.http.get("/api/v1/images/" + id, ALICE).json().get("visibility").asString())
			.isEqualTo("PRIVATE");
	}

	@Test
	void publicImageIsSeenByEveryUserButChangedOnlyByItsOwner() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		Http.Response shared = this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"PUBLIC\"}", ALICE);
		assertThat(shared.status()).isEqualTo(200);
		assertThat(shared.json().get("visibility").asString()).isEqualTo("PUBLIC");

		for (String other : List.of(BOB, CAROL)) {
			assertThat(ids(this.http.get("/api/v1/images/shared", other))).contains(id);
			assertThat(this.http.get("/api/v1/images/" + id, other).json().get("owner").asString()).isEqualTo("alice");
			assertThat(ids(this.http.get("/api/v1/images", other))).doesNotContain(id);
		}
		// a viewer learns nothing from trying to change or delete what is not theirs
		assertNotFound(this.http.patch("/api/v1/images/" + id, "{\"description\":\"mine now\"}", BOB));
		assertNotFound(this.http.delete("/api/v1/images/" + id, BOB));
		assertThat(ids(this.http.get("/api/v1/images/shared", ALICE))).doesNotContain(id);
		assertThat(this.http.get("/api/v1/images/" + id, ALICE).json().get("description").asString()).isEmpty();
	}

	@Test
	void groupImageIsSeenByGroupMembersOnly() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		Http.Response shared = this.http.patch("/api/v1/images/" + id,
				"{\"visibility\":\"GROUP\",\"group\":\"course-os\"}", ALICE);
		assertThat(shared.status()).isEqualTo(200);
		assertThat(shared.json().get("group").asString()).isEqualTo("course-os");

		assertThat(ids(this.http.get("/api/v1/images/shared", BOB))).contains(id);
		assertThat(this.http.get("/api/v1/images/" + id, BOB).status()).isEqualTo(200);
		assertThat(ids(this.http.get("/api/v1/images/shared", CAROL))).doesNotContain(id);
		assertNotFound(this.http.get("/api/v1/images/" + id, CAROL));

		assertThat(this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"PRIVATE\"}", ALICE).status())
			.isEqualTo(200);
		assertNotFound(this.http.get("/api/v1/images/" + id, BOB));
	}

	@Test
	void adminSeesEveryImageButChangesNoneAndHasNoSharedFlood() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		assertThat(this.http.get("/api/v1/images/" + id, SENSEI).status()).isEqualTo(200);
		assertThat(ids(this.http.get("/api/v1/images/shared", SENSEI))).doesNotContain(id);
		assertNotFound(this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"PUBLIC\"}", SENSEI));
		assertThat(this.http.get("/api/v1/images/" + id, ALICE).json().get("visibility").asString())
			.isEqualTo("PRIVATE");
	}

	@Test
	void aRePushKeepsDescriptionAndVisibility() {
		long id = this.registry.push(this.repository, "latest", randomDigest());
		this.http.patch("/api/v1/images/" + id,
				"{\"description\":\"# Usage\",\"visibility\":\"GROUP\",\"group\":\"course-os\"}", ALICE);

		String newer = randomDigest();
		this.registry.push(this.repository, "latest", newer);

		JsonNode image = this.http.get("/api/v1/images/" + id, ALICE).json();
		assertThat(image.get("digest").asString()).isEqualTo(newer);
		assertThat(image.get("description").asString()).isEqualTo("# Usage");
		assertThat(image.get("descriptionHtml").asString()).isEqualTo("<h1>Usage</h1>\n");
		assertThat(image.get("visibility").asString()).isEqualTo("GROUP");
		assertThat(image.get("group").asString()).isEqualTo("course-os");
	}

	@Test
	void aRemovedTagIsGone() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		this.registry.remove(this.repository, "v1");

		assertThat(ids(this.http.get("/api/v1/images", ALICE))).doesNotContain(id);
		assertNotFound(this.http.get("/api/v1/images/" + id, ALICE));
	}

	@Test
	void descriptionsAreRenderedWithoutRawHtml() {
		long id = this.registry.push(this.repository, "v1", randomDigest());

		Http.Response described = this.http.patch("/api/v1/images/" + id,
				"{\"description\":\"**Hi** <script>alert(1)</script> [x](javascript:alert(2))\"}", ALICE);

		assertThat(described.status()).isEqualTo(200);
		assertThat(described.json().get("description").asString()).contains("<script>");
		assertThat(described.json().get("descriptionHtml").asString()).contains("<strong>Hi</strong>")
			.contains("&lt;script&gt;")
			.doesNotContain("<script")
			.doesNotContain("javascript:");
	}

	@Test
	void badPatchesAre400ProblemsAndChangeNothing() {
		long id = this.registry.push(this.repository, "v1", randomDigest());
		String path = "/api/v1/images/" + id;

		assertBadRequest(this.http.patch(path, "{\"description\":\"" + "x".repeat(10_001) + "\"}", ALICE),
				"description-too-long", "description");
		assertBadRequest(this.http.patch(path, "{\"visibility\":\"EVERYONE\"}", ALICE), "invalid-visibility",
				"visibility");
		assertBadRequest(this.http.patch(path, "{\"visibility\":\"GROUP\"}", ALICE), "group-required", "group");
		assertBadRequest(this.http.patch(path, "{\"visibility\":\"GROUP\",\"group\":\"wm-admins\"}", ALICE),
				"not-your-group", "group");
		assertBadRequest(this.http.patch(path, "{\"visibility\":\"PUBLIC\",\"group\":\"course-os\"}", ALICE),
				"group-not-allowed", "group");
		assertBadRequest(this.http.patch(path, "{\"description\":\"ok\",\"visibility\":\"GROUP\"}", ALICE),
				"group-required", "group");
		Http.Response malformed = this.http.patch(path, "{\"visibility\":", ALICE);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("type").asString()).isEqualTo("/problems/malformed-body");

		JsonNode unchanged = this.http.get(path, ALICE).json();
		assertThat(unchanged.get("description").asString()).isEmpty();
		assertThat(unchanged.get("visibility").asString()).isEqualTo("PRIVATE");
		assertThat(this.http.get("/api/v1/images/" + id, BOB).status()).isEqualTo(404);
	}

	@Test
	void carolWithoutGroupsIsToldToSharePublicly() {
		String carols = RegistryEvents.repository("carol");
		long id = this.registry.push(carols, "v1", randomDigest());

		Http.Response refused = this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"GROUP\"}", CAROL);

		assertBadRequest(refused, "group-required", "group");
		assertThat(refused.json().get("detail").asString()).contains("no directory group").contains("PUBLIC");
	}

	@Test
	void describingAndSharingAreAudited() {
		long id = this.registry.push(this.repository, "v1", randomDigest());
		String target = "image:" + this.repository + ":v1";

		this.http.patch("/api/v1/images/" + id, "{\"description\":\"Hello\"}", ALICE);
		this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"GROUP\",\"group\":\"course-os\"}", ALICE);
		this.http.patch("/api/v1/images/" + id, "{\"visibility\":\"PRIVATE\"}", ALICE);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<AuditEntry> entries = this.audit.latest(200, "alice")
				.stream()
				.filter((entry) -> target.equals(entry.target()))
				.toList();
			assertThat(entries).extracting(AuditEntry::action)
				.containsExactly("image.unshare", "image.share", "image.describe");
			assertThat(entries.get(0).detail()).contains("was GROUP, group=course-os");
			assertThat(entries.get(1).detail()).contains("visibility=GROUP, group=course-os");
			assertThat(entries.get(2).detail()).isEqualTo("id=" + id + ", length=5");
			assertThat(entries).allSatisfy((entry) -> assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1"));
		});
	}

	private static void assertNotFound(Http.Response response) {
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/image-not-found");
	}

	private static void assertBadRequest(Http.Response response, String code, String field) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("type").asString()).isEqualTo("/problems/" + code);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
	}

	private static List<Long> ids(Http.Response list) {
		assertThat(list.status()).isEqualTo(200);
		return list.json().valueStream().map((image) -> image.get("id").asLong()).toList();
	}

	private static JsonNode find(JsonNode list, long id) {
		return list.valueStream()
			.filter((image) -> image.get("id").asLong() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no image " + id + " in " + list));
	}

}
