package org.whalemountain.workloads.launch;

import org.whalemountain.workloads.LaunchRequest;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LaunchInputsTests {

	@Test
	void envAndPortsPassWhenWellFormed() {
		assertThat(LaunchInputs.env(List.of("A=1", "B_2=x=y"))).containsExactly("A=1", "B_2=x=y");
		assertThat(LaunchInputs.env(List.of("A=with space"))).containsExactly("A=with space");
		assertThat(LaunchInputs.ports(List.of(80, 443), 10)).containsExactly(80, 443);
		assertThat(LaunchInputs.ports(List.of(), 10)).isEmpty();
	}

	@Test
	void portWordsBecomeNumbersOrAreRefused() {
		assertThat(LaunchRequest.ports(List.of("80", "443"))).containsExactly(80, 443);
		for (String bad : new String[] { "http", "0", "65536", "-1", "" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad)
				.isThrownBy(() -> LaunchRequest.ports(List.of(bad)))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo("invalid-port"));
		}
	}

	@Test
	void namesAreDnsLabelsThatFitWithTheUserPrefix() {
		assertThat(LaunchInputs.fullName("alice", "web")).isEqualTo("alice-web");
		assertThat(LaunchInputs.fullName("alice", "web-1")).isEqualTo("alice-web_1");
		for (String bad : new String[] { null, "", "Web", "web_1", "-web", "web-", "x".repeat(58) }) {
			assertThatExceptionOfType(InvalidInputException.class).as(bad)
				.isThrownBy(() -> LaunchInputs.fullName("alice", bad));
		}
	}

	@Test
	void envNamesMustBeShellNames() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.env(List.of("1A=x")))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("env"));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.env(List.of("=x")));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.env(List.of("A=x\u0000y")))
			.withMessageContaining("NUL");
	}

	@Test
	void portsOutsideTheRangeOrAboveTheLimitAreRefused() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.ports(List.of(0), 10));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.ports(List.of(65536), 10));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> LaunchInputs.ports(List.of(80, 443, 80), 10))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("duplicate-port"));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> LaunchInputs.ports(List.of(1, 2, 3), 2))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("too-many-ports"));
	}

}
