package org.whalemountain.workloads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.DockerCli;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

/**
 * Containers lent to users on the real dockerd, reached only on 127.0.0.1, launched from
 * the locally built busybox image.
 */
@ServiceTest
class ContainerLendingIT {

	static final String ALICE = basic("alice", "alice-pass");

	static final String BOB = basic("bob", "bob-pass");

	static final String CAROL = basic("carol", "carol-pass");

	static final String SENSEI = basic("sensei", "sensei-pass");

	/** Serves /www on 8081 in the background and on 8080 in the foreground. */
	static final String HTTPD = "[\"sh\", \"-c\", \"mkdir -p /www && echo hello > /www/index.html && echo started"
			+ " && httpd -p 8081 -h /www && exec httpd -f -p 8080 -h /www\"]";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		LentContainers.deleteAll(this.http, List.of(ALICE, BOB, CAROL));
	}

	static String name() {
		return "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	Http.Response launch(String user, String name, String ports) {
		return this.http.post("/api/v1/containers", """
				{"name": "%s", "image": "%s", "env": "GREETING=hi TOKEN=s3cret", "ports": "%s", "command": %s}"""
			.formatted(name, TestImages.BUSYBOX, ports, HTTPD), user);
	}

	@Test
	void launchedContainerServesOnItsHostPortsAndDeletingItFreesThem() throws Exception {
		String name = name();
		Http.Response launched = launch(ALICE, name, "8080 8081");
		assertThat(launched.status()).as(launched.body()).isEqualTo(201);
		JsonNode body = launched.json();
		long id = body.get("id").asLong();
		assertThat(launched.header("Location")).isEqualTo("/api/v1/containers/" + id);
		assertThat(body.get("name").asString()).isEqualTo("alice-" + name);
		assertThat(body.get("engine").asString()).isEqualTo("docker");
		assertThat(body.get("status").asString()).isEqualTo("running");
		assertThat(body.get("ports")).hasSize(2);
		for (JsonNode port : body.get("ports")) {
			int host = port.get("host").asInt();
			assertThat(host).isBetween(49152, 65535);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fetch(host)).isEqualTo("hello\n"));
		}
		String containerId = body.get("containerId").asString();
		assertHardened(containerId);

		JsonNode greeting = exec(ALICE, id, "[\"sh\", \"-c\", \"echo $GREETING\"]").json();
		assertThat(greeting.get("stdout").asString()).isEqualTo("hi\n");
		assertThat(greeting.get("exitCode").asInt()).isZero();
		assertThat(exec(ALICE, id, "\"cat /etc/hostname\"").json().get("exitCode").asInt()).isZero();

		assertThat(upload(ALICE, id, "notes.txt", "/tmp", "uploaded text").statusCode()).isEqualTo(204);
		assertThat(exec(ALICE, id, "\"cat /tmp/notes.txt\"").json().get("stdout").asString())
			.isEqualTo("uploaded text");

		Http.Response logs = this.http.getAnything("/api/v1/containers/" + id + "/logs?tail=10", ALICE);
		assertThat(logs.contentType()).startsWith("text/plain");
		assertThat(logs.body()).contains("started");

		assertThat(this.http.post("/api/v1/containers/" + id + "/stop", "", ALICE).json().get("status").asString())
			.isEqualTo("stopped");
		assertThat(this.http.post("/api/v1/containers/" + id + "/start", "", ALICE).json().get("status").asString())
			.isEqualTo("running");
		int host = body.get("ports").get(0).get("host").asInt();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fetch(host)).isEqualTo("hello\n"));

		assertThat(this.http.delete("/api/v1/containers/" + id, ALICE).status()).isEqualTo(204);
		assertThat(portRows(id)).isZero();
		assertThat(DockerCli.attempt(java.util.Map.of(), null, "inspect", containerId).exitCode()).isNotZero();
		assertThat(this.http.get("/api/v1/containers/" + id, ALICE).status()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(auditActions("alice-" + name)).contains("container.launch",
					"container.exec", "container.upload", "container.stop", "container.start", "container.delete"));
	}

	@Test
	void theEnvironmentIsSealedAtRest() {
		String name = name();
		assertThat(launch(ALICE, name, "").status()).isEqualTo(201);
		String sealed = this.jdbc.sql("SELECT env_sealed FROM containers WHERE name = ?")
			.param("alice-" + name)
			.query(String.class)
			.single();
		assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
	}

	@Test
	void commandsAreCutAtTheirTimeoutAndOutputLimitAndUploadsCannotEscape() throws Exception {
		long id = launch(ALICE, name(), "").json().get("id").asLong();

		JsonNode slow = execBody(ALICE, id, "{\"command\": \"sleep 30\", \"timeoutSeconds\": 1}").json();
		assertThat(slow.get("exitCode").isNull()).isTrue();
		JsonNode loud = exec(ALICE, id, "[\"sh\", \"-c\", \"head -c 1200000 /dev/zero | tr '\\\\0' a\"]").json();
		assertThat(loud.get("truncated").asBoolean()).isTrue();
		assertThat(loud.get("stdout").asString()).hasSize(1_048_576);
		assertThat(execBody(ALICE, id, "{\"command\": \"ls\", \"timeoutSeconds\": 301}").status()).isEqualTo(400);
		assertThat(exec(ALICE, id, "[]").status()).isEqualTo(400);
		JsonNode quoted = execBody(ALICE, id, "{\"command\": \"sh -c \\\"echo 'a  b'; echo $0\\\" x\"}").json();
		assertThat(quoted.get("stdout").asString()).isEqualTo("a  b\nx\n");
		assertThat(execBody(ALICE, id, "{\"command\": \"sh -c \\\"echo\"}").status()).isEqualTo(400);

		assertThat(upload(ALICE, id, "x.txt", "/tmp/../etc", "x").statusCode()).isEqualTo(400);
		assertThat(upload(ALICE, id, "x.txt", "tmp", "x").statusCode()).isEqualTo(400);
		assertThat(upload(ALICE, id, "x.txt", "/no/such/dir", "x").statusCode()).isEqualTo(400);
		HttpResponse<String> dotted = upload(ALICE, id, "../evil.txt", "/tmp", "x");
		// a client-side path is either refused or reduced to its last component
		assertThat(dotted.statusCode()).isIn(204, 400);
		assertThat(exec(ALICE, id, "\"ls /evil.txt\"").json().get("exitCode").asInt()).isNotZero();
	}

	Http.Response execBody(String user, long id, String body) {
		return this.http.post("/api/v1/containers/" + id + "/exec", body, user);
	}

	void assertHardened(String containerId) {
		String inspected = DockerCli
			.docker("inspect", "--format",
					"{{.HostConfig.Privileged}} {{.HostConfig.SecurityOpt}} {{.HostConfig.PidsLimit}} "
							+ "{{.HostConfig.Memory}} {{.HostConfig.NetworkMode}} {{len .Mounts}} "
							+ "{{range $p, $b := .HostConfig.PortBindings}}{{(index $b 0).HostIp}} {{end}}"
							+ "{{index .Config.Labels \"wm.kind\"}} {{index .Config.Labels \"wm.owner\"}} "
							+ "{{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config \"max-size\"}} "
							+ "{{index .HostConfig.LogConfig.Config \"max-file\"}}",
					containerId)
			.trim();
		assertThat(inspected).startsWith("false [no-new-privileges] 256 536870912 wm-alice 0 127.0.0.1 127.0.0.1 ")
			.endsWith("container alice json-file 10m 3");
	}

	Http.Response exec(String user, long id, String command) {
		return this.http.post("/api/v1/containers/" + id + "/exec", "{\"command\": " + command + "}", user);
	}

	HttpResponse<String> upload(String user, long id, String fileName, String path, String content) throws Exception {
		String boundary = "b" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + path + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/containers/" + id + "/files"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (user != null) {
			request.header("Authorization", user);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String fetch(int hostPort) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/index.html"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	int portRows(long id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM host_ports WHERE container = ?")
			.param(id)
			.query(Integer.class)
			.single();
	}

	List<String> auditActions(String name) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE target = ?")
			.param("container:" + name)
			.query(String.class)
			.list();
	}

}
