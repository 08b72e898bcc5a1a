package org.whalemountain.workloads;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.whalemountain.testsupport.Http;
import org.whalemountain.testsupport.ServiceTest;
import org.whalemountain.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.whalemountain.workloads.ContainerLendingIT.ALICE;
import static org.whalemountain.workloads.ContainerLendingIT.BOB;

/** A host port range of two ports, so that exhausting it is cheap. */
@ServiceTest
@TestPropertySource(properties = { "wm.workloads.min-host-port=61731", "wm.workloads.max-host-port=61732" })
class HostPortRangeIT {

	@LocalServerPort
	int port;

	ContainerLendingIT lending = new ContainerLendingIT();

	@BeforeEach
	void setUp() {
		this.lending.http = new Http(this.port);
		this.lending.port = this.port;
		TestImages.busybox();
	}

	@AfterEach
	void deleteContainers() {
		this.lending.deleteContainers();
	}

	@Test
	void anExhaustedRangeIsAClearConflictAndDeletingFreesItForOthers() {
		Http.Response first = this.lending.launch(ALICE, ContainerLendingIT.name(), "8080 8081");
		assertThat(first.status()).as(first.body()).isEqualTo(201);

		Http.Response none = this.lending.launch(BOB, ContainerLendingIT.name(), "8080");
		assertThat(none.status()).isEqualTo(409);
		assertThat(none.json().get("type").asString()).isEqualTo("/problems/host-ports-exhausted");
		assertThat(none.json().get("detail").asString()).contains("61731-61732");
		assertThat(this.lending.http.get("/api/v1/containers", BOB).json()).isEmpty();

		this.lending.http.delete("/api/v1/containers/" + first.json().get("id").asLong(), ALICE);
		assertThat(this.lending.launch(BOB, ContainerLendingIT.name(), "8080").status()).isEqualTo(201);
	}

}
