package org.whalemountain.audit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.whalemountain.testsupport.Http.basic;

@ServiceTest
class AuditIT {

	@LocalServerPort
	int port;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loginsAndTokenChangesAreRecordedWithActorAndSource() {
		Http http = new Http(this.port);
		String name = "audited-" + UUID.randomUUID();
		Http.Response created = http.post("/api/v1/tokens", "{\"name\":\"" + name + "\"}",
				basic("carol", "carol-pass"));
		long id = created.json().get("id").asLong();
		http.delete("/api/v1/tokens/" + id, basic("carol", "carol-pass"));
		String stranger = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
		http.get("/api/v1/me", basic(stranger, "whatever"));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<AuditEntry> carols = this.audit.latest(50, "carol");
			assertThat(carols).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("token.create");
				assertThat(entry.target()).isEqualTo("token:" + id);
				assertThat(entry.detail()).contains(name);
				assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1");
			});
			assertThat(carols).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("token.revoke");
				assertThat(entry.target()).isEqualTo("token:" + id);
			});
			assertThat(carols).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("login");
				assertThat(entry.sourceAddress()).isEqualTo("127.0.0.1");
			});
			assertThat(this.audit.latest(5, stranger)).singleElement().satisfies((entry) -> {
				assertThat(entry.action()).isEqualTo("login.failed");
				assertThat(entry.detail()).doesNotContain("whatever");
			});
		});
	}

	@Test
	void theAuditTableRefusesUpdatesAndDeletes() {
		new Http(this.port).get("/api/v1/me", basic("alice", "alice-pass"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.audit.latest(1, "alice").isEmpty());

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("UPDATE audit_events SET actor = 'nobody'").update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("DELETE FROM audit_events").update())
			.withMessageContaining("append-only");
	}

}
