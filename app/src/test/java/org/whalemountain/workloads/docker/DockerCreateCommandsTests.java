package org.whalemountain.workloads.docker;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.util.unit.DataSize;

import org.whalemountain.workloads.SharedSpecs;
import org.whalemountain.workloads.SpecTranslationContract;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerSpec.Lifecycle;
import org.whalemountain.workloads.engine.ContainerSpec.Resources;
import org.whalemountain.workloads.engine.ContainerSpec.Security;
import org.whalemountain.workloads.engine.ContainerSpec.SyscallFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the service asks dockerd for, without a dockerd: each shared spec's create request
 * is compared with an expected request body next to this test
 * ({@code create-<spec>.json}), with the owner's home at {@code /srv/<owner>}, ports on
 * 127.0.0.1 and the owner's network {@code wm-<owner>}. A spec's files are no part of the
 * request: they are copied in before the start.
 */
class DockerCreateCommandsTests extends SpecTranslationContract {

	/** docker-java's own mapper, without the many fields it would send as null. */
	private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper()
		.copy()
		.setSerializationInclusion(JsonInclude.Include.NON_NULL);

	@Override
	protected String translate(ContainerSpec spec) throws Exception {
		CreateContainerCmd command = new CreateContainerCmdImpl((unused) -> null, null, spec.image());

		DockerCreateCommands.fill(command, spec, placement(spec));

		assertThat(command.getName()).isEqualTo(spec.name());
		return JSON.writeValueAsString(command);
	}

	@Override
	protected String expectedFile(String specName) {
		return "create-" + specName + ".json";
	}

	@Override
	protected void assertSame(String expected, String actual) throws Exception {
		JSONAssert.assertEquals(expected, actual, JSONCompareMode.STRICT);
	}

	@Test
	void nothingIsEverPrivileged() {
		HostConfig host = DockerCreateCommands.hostConfig(
				spec(new Security(false, false, SyscallFilter.ENGINE_DEFAULT), Resources.NONE, Lifecycle.KEEP_RUNNING),
				placement(SharedSpecs.minimal()));

		assertThat(host.getPrivileged()).isFalse();
		assertThat(host.getSecurityOpts()).isEmpty();
		assertThat(host.getCapDrop()).isNull();
	}

	@Test
	void onlyAnUnconfinedSpecLosesTheSyscallFilter() {
		assertThat(DockerCreateCommands.securityOptions(new Security(true, false, SyscallFilter.UNCONFINED)))
			.containsExactly("no-new-privileges", "seccomp=unconfined");
		assertThat(DockerCreateCommands.securityOptions(Security.HARDENED)).containsExactly("no-new-privileges");
	}

	@Test
	void zeroResourcesMeanNoLimits() {
		HostConfig host = DockerCreateCommands.hostConfig(spec(Security.HARDENED, Resources.NONE, Lifecycle.RUN_ONCE),
				placement(SharedSpecs.minimal()));

		assertThat(host.getNanoCPUs()).isNull();
		assertThat(host.getMemory()).isNull();
		assertThat(host.getPidsLimit()).isNull();
	}

	@Test
	void eachLifecycleHasItsDockerRestartPolicy() {
		// the Engine API reads an empty name as "no"
		assertThat(DockerCreateCommands.restartPolicy(Lifecycle.RUN_ONCE).getName()).isEmpty();
		assertThat(DockerCreateCommands.restartPolicy(null).getName()).isEmpty();
		assertThat(DockerCreateCommands.restartPolicy(Lifecycle.KEEP_RUNNING).getName()).isEqualTo("unless-stopped");
	}

	@Test
	void aGuestPortAskedForTwiceIsExposedOnce() {
		ContainerSpec spec = new ContainerSpec("n", "i", List.of(), List.of(),
				List.of(new ContainerSpec.Port(80, 8080), new ContainerSpec.Port(80, 8081)), Map.of(), null, List.of(),
				Resources.NONE, Security.HARDENED, null, Lifecycle.RUN_ONCE, List.of());

		assertThat(DockerCreateCommands.exposedPorts(spec)).hasSize(1);
		assertThat(DockerCreateCommands.portBindings(spec.ports(), "127.0.0.1").getBindings().values()).singleElement()
			.satisfies((bindings) -> assertThat(bindings).hasSize(2));
	}

	@Test
	void aVolumeWithoutAHostPathIsRefusedRatherThanLeftOut() {
		assertThatThrownBy(() -> DockerCreateCommands.mounts(SharedSpecs.runner().volumes(), Map.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("ENGINE_API");
	}

	@Test
	void logsAreRotatedInDockersOwnSizeNotation() {
		assertThat(DockerCreateCommands.logConfig(new DockerProperties.Logs(DataSize.ofKilobytes(1536), 5)).getConfig())
			.containsExactlyInAnyOrderEntriesOf(Map.of("max-size", "1536k", "max-file", "5"));
		assertThat(DockerCreateCommands.size(DataSize.ofGigabytes(2).toBytes())).isEqualTo("2g");
		assertThat(DockerCreateCommands.size(DataSize.ofMegabytes(10).toBytes())).isEqualTo("10m");
		assertThat(DockerCreateCommands.size(1500)).isEqualTo("1500");
	}

	private static ContainerSpec spec(Security security, Resources resources, Lifecycle lifecycle) {
		return new ContainerSpec("n", "i", List.of(), List.of(), List.of(), Map.of(), null, List.of(), resources,
				security, null, lifecycle, List.of());
	}

	/** What the Docker adapter resolves for a spec on the test's Docker host. */
	private static DockerPlacement placement(ContainerSpec spec) {
		String owner = spec.owner();
		return new DockerPlacement(
				(owner != null) ? org.whalemountain.workloads.engine.EngineLabels.network(owner) : null, "127.0.0.1",
				Map.of(ContainerSpec.VolumeSource.OWNER_HOME, "/srv/" + owner, ContainerSpec.VolumeSource.ENGINE_API,
						"/var/run/docker.sock"),
				DockerProperties.Logs.DEFAULTS);
	}

}
