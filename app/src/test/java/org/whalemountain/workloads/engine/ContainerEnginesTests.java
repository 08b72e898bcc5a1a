package org.whalemountain.workloads.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.UnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerEnginesTests {

	private final FakeEngine docker = new FakeEngine("docker");

	private final FakeEngine kubernetes = new FakeEngine("kubernetes");

	private ContainerEngines engines(List<String> enabled, String defaultName) {
		return new ContainerEngines(List.of(this.docker, this.kubernetes), new EnginesProperties(enabled, defaultName));
	}

	@Test
	void aLaunchWithoutAnEngineGoesToTheDefaultAndOneNamingAnEngineToThatOne() {
		ContainerEngines engines = engines(List.of("docker", "kubernetes"), "kubernetes");

		assertThat(engines.forLaunch(null)).isSameAs(this.kubernetes);
		assertThat(engines.forLaunch("docker")).isSameAs(this.docker);
		assertThat(engines.defaultName()).isEqualTo("kubernetes");
	}

	@Test
	void aLaunchOnAnUnknownOrDisabledEngineIsRefusedNamingTheAvailableOnes() {
		ContainerEngines engines = engines(List.of("docker"), "docker");

		for (String name : List.of("kubernetes", "podman")) {
			assertThatThrownBy(() -> engines.forLaunch(name)).isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> {
						assertThat(ex.code()).isEqualTo("engine-not-available");
						assertThat(ex.field()).isEqualTo("engine");
						assertThat(ex.getMessage()).contains("'" + name + "'").contains("docker");
					});
		}
	}

	@Test
	void anExistingContainerGoesToTheEngineItsRowNames() {
		ContainerEngines engines = engines(List.of("docker", "kubernetes"), "docker");

		assertThat(engines.named("kubernetes")).isSameAs(this.kubernetes);
		assertThat(engines.named("docker")).isSameAs(this.docker);
	}

	@Test
	void aRowOnAnEngineThatIsNotEnabledOrNotThereIsUnavailable() {
		ContainerEngines engines = engines(List.of("docker"), "docker");

		for (String name : List.of("kubernetes", "podman")) {
			assertThatThrownBy(() -> engines.named(name)).isInstanceOfSatisfying(UnavailableException.class, (ex) -> {
				assertThat(ex.code()).isEqualTo("engine-unavailable");
				assertThat(ex.getMessage()).contains("'" + name + "'").contains("wm.workloads.engines.enabled");
			});
			assertThat(engines.isEnabled(name)).isFalse();
		}
		assertThat(engines.isEnabled("docker")).isTrue();
	}

	@Test
	void statesListTheEnabledEnginesInOrderWithTheDefaultAndWhetherEachAnswers() {
		this.kubernetes.answering(false);
		ContainerEngines engines = engines(List.of("kubernetes", "docker"), "docker");

		assertThat(engines.states()).containsExactly(new ContainerEngines.EngineState("kubernetes", false, false),
				new ContainerEngines.EngineState("docker", true, true));
		assertThat(engines.enabled()).containsExactly(this.kubernetes, this.docker);
	}

	@Test
	void aProbeThatThrowsCountsAsDown() {
		FakeEngine broken = new FakeEngine("docker") {
			@Override
			public boolean answers() {
				throw new IllegalStateException("probe broke");
			}
		};
		ContainerEngines engines = new ContainerEngines(List.of(broken),
				new EnginesProperties(List.of("docker"), "docker"));

		assertThat(engines.states()).containsExactly(new ContainerEngines.EngineState("docker", true, false));
	}

	@Test
	void aDefaultThatIsNotEnabledStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> engines(List.of("docker"), "kubernetes"))
			.withMessageContaining("wm.workloads.engines.default is kubernetes")
			.withMessageContaining("[docker]");
	}

	@Test
	void anEnabledEngineTheServiceDoesNotHaveStopsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ContainerEngines(List.of(this.docker),
					new EnginesProperties(List.of("docker", "kubernetes"), "docker")))
			.withMessageContaining("wm.workloads.engines.enabled names the engine kubernetes")
			.withMessageContaining("[docker]");
	}

	@Test
	void twoEnginesOfOneNameStopTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ContainerEngines(List.of(this.docker, new FakeEngine("docker")),
					new EnginesProperties(List.of("docker"), "docker")))
			.withMessageContaining("Two container engines are named docker");
	}

}
