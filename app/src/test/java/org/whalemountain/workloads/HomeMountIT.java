package org.whalemountain.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.testsupport.Http.basic;

/**
 * With {@code wm.workloads.home-mount.source} set (a context of its own), each user's
 * containers get the user's own directory on the host and run as the user's LDAP numbers,
 * so that files written there keep their owner.
 */
@ServiceTest
class HomeMountIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	static final Path HOMES = temporaryDirectory();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	@DynamicPropertySource
	static void homeMount(DynamicPropertyRegistry registry) {
		registry.add("wm.workloads.home-mount.source", () -> HOMES + "/{user}");
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		LentContainers.deleteAll(this.http, List.of(ALICE, BOB));
	}

	@AfterAll
	static void removeHomes() {
		FileSystemUtils.deleteRecursively(HOMES.toFile());
	}

	@Test
	void aContainerRunsAsItsOwnerWithTheOwnersDirectoryAsHome() throws IOException {
		long alice = launch(ALICE, "home" + this.run);
		int[] numbers = posixNumbers("alice");

		assertThat(exec(ALICE, alice, "id -u")).isEqualTo(numbers[0] + "\n");
		assertThat(exec(ALICE, alice, "id -g")).isEqualTo(numbers[1] + "\n");
		assertThat(exec(ALICE, alice, "sh -c 'echo $HOME; echo from-alice > $HOME/note.txt'"))
			.isEqualTo("/home/alice\n");

		Path home = HOMES.resolve("alice");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
		assertThat(Files.getAttribute(home, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(numbers[0]);
		Path note = home.resolve("note.txt");
		assertThat(note).hasContent("from-alice");
		assertThat(Files.getAttribute(note, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(numbers[0]);
		assertThat(Files.getAttribute(note, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(numbers[1]);
	}

	@Test
	void anotherUsersContainerSeesOnlyItsOwnDirectory() {
		long alice = launch(ALICE, "mine" + this.run);
		exec(ALICE, alice, "sh -c 'echo secret > $HOME/secret.txt'");
		long bob = launch(BOB, "peek" + this.run);

		assertThat(exec(BOB, bob, "sh -c 'echo $HOME; id -u; ls /home'"))
			.isEqualTo("/home/bob\n" + posixNumbers("bob")[0] + "\nbob\n");
		JsonNode peek = this.http
			.post("/api/v1/containers/" + bob + "/exec", "{\"command\": \"cat /home/alice/secret.txt\"}", BOB)
			.json();
		assertThat(peek.get("exitCode").asInt()).isNotZero();
		String bobsContainer = this.http.get("/api/v1/containers/" + bob, BOB).json().get("containerId").asString();
		assertThat(
				DockerCli.docker("inspect", "--format", "{{range .Mounts}}{{.Source}} {{end}}", bobsContainer).trim())
			.isEqualTo(HOMES.resolve("bob").toString());
	}

	@Test
	void aUserWithoutPosixNumbersIsRefusedAndNothingIsMade() {
		String token = this.http.post("/api/v1/tokens", "{\"name\":\"home-test\"}", basic("carol", "carol-pass"))
			.json()
			.get("token")
			.asString();
		this.jdbc.sql("UPDATE users SET uid_number = NULL WHERE username = 'carol'").update();
		try {
			Http.Response refused = this.http.post("/api/v1/containers",
					"{\"name\": \"nouid" + this.run + "\", \"image\": \"" + TestImages.BUSYBOX + "\"}",
					Http.bearer(token));

			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).endsWith("/no-posix-account");
			assertThat(HOMES.resolve("carol")).doesNotExist();
			assertThat(this.http.get("/api/v1/containers", Http.bearer(token)).json()).isEmpty();
		}
		finally {
			this.jdbc.sql("UPDATE users SET uid_number = 10003 WHERE username = 'carol'").update();
		}
	}

	@Test
	void aFileUploadedIntoTheHomeDirectoryBelongsToItsOwner() throws Exception {
		long alice = launch(ALICE, "upload" + this.run);
		int[] numbers = posixNumbers("alice");
		ContainerLendingIT lending = new ContainerLendingIT();
		lending.port = this.port;

		HttpResponse<String> uploaded = lending.upload(ALICE, alice, "uploaded.txt", "/home/alice", "from the browser");

		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
		Path file = HOMES.resolve("alice").resolve("uploaded.txt");
		assertThat(file).hasContent("from the browser");
		assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(numbers[0]);
		assertThat(Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(numbers[1]);
		assertThat(exec(ALICE, alice, "sh -c 'echo , edited >> $HOME/uploaded.txt && cat $HOME/uploaded.txt'"))
			.isEqualTo("from the browser, edited\n");
	}

	@Test
	void anAccountWithRootsNumbersIsRefusedAndNothingIsMade() {
		String token = this.http.post("/api/v1/tokens", "{\"name\":\"home-root\"}", basic("carol", "carol-pass"))
			.json()
			.get("token")
			.asString();
		this.jdbc.sql("UPDATE users SET gid_number = 0 WHERE username = 'carol'").update();
		try {
			Http.Response refused = this.http.post("/api/v1/containers",
					"{\"name\": \"root" + this.run + "\", \"image\": \"" + TestImages.BUSYBOX + "\"}",
					Http.bearer(token));

			assertThat(refused.status()).as(refused.body()).isEqualTo(400);
			assertThat(refused.json().get("type").asString()).endsWith("/root-posix-account");
			assertThat(HOMES.resolve("carol")).doesNotExist();
			assertThat(this.http.get("/api/v1/containers", Http.bearer(token)).json()).isEmpty();
		}
		finally {
			this.jdbc.sql("UPDATE users SET gid_number = 10003 WHERE username = 'carol'").update();
		}
	}

	long launch(String user, String name) {
		Http.Response launched = this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]}"""
			.formatted(name, TestImages.BUSYBOX), user);
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		assertThat(launched.json().get("status").asString()).isEqualTo("running");
		return launched.json().get("id").asLong();
	}

	String exec(String user, long id, String command) {
		JsonNode result = this.http
			.post("/api/v1/containers/" + id + "/exec",
					"{\"command\": [\"sh\", \"-c\", \"%s\"]}".formatted(command.replace("\"", "\\\"")), user)
			.json();
		assertThat(result.get("exitCode").asInt()).as(result.toString()).isZero();
		return result.get("stdout").asString();
	}

	int[] posixNumbers(String username) {
		return this.jdbc.sql("SELECT uid_number, gid_number FROM users WHERE username = ?")
			.param(username)
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("wm-homes");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
