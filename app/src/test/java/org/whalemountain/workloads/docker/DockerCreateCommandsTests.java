package org.whalemountain.workloads.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerSpec.PortBinding;
import org.whalemountain.workloads.engine.ContainerSpec.Resources;
import org.whalemountain.workloads.engine.ContainerSpec.RestartPolicy;
import org.whalemountain.workloads.engine.ContainerSpec.Security;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service asks dockerd for, without a dockerd: each spec's create request is
 * compared with an expected request body next to this test.
 */
class DockerCreateCommandsTests {

	/** docker-java's own mapper, without the many fields it would send as null. */
	private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper()
		.copy()
		.setSerializationInclusion(JsonInclude.Include.NON_NULL);

	@Test
	void aHardenedWebContainerBecomesThisCreateRequest() throws Exception {
		ContainerSpec spec = new ContainerSpec("wm-alice-web", "registry.example/alice/web:1",
				List.of("httpd", "-f", "-p", "8080"), List.of("GREETING=hello"),
				List.of(new PortBinding(8080, "127.0.0.1", 0), new PortBinding(22, "10.0.0.5", 30022)),
				Map.of("wm.owner", "alice"), "wm-alice", List.of(new ContainerSpec.Mount("/srv/alice", "/data", true)),
				new Resources(1_500_000_000, 512L << 20, 256), RestartPolicy.UNLESS_STOPPED,
				new Security(true, true, List.of("seccomp=unconfined")), "1000:1000");

		assertRequest(spec, "create-hardened-web.json");
	}

	@Test
	void aSpecWithoutOptionalPartsKeepsTheImageCommandAndIsHardened() throws Exception {
		ContainerSpec spec = new ContainerSpec("wm-bob-job", "alpine:3", List.of(), List.of(), List.of(), Map.of(),
				null, List.of(), null, null, null, null);

		assertRequest(spec, "create-minimal.json");
	}

	@Test
	void nothingIsEverPrivileged() {
		HostConfig host = DockerCreateCommands
			.hostConfig(spec(new Security(false, false, List.of()), Resources.NONE, RestartPolicy.ALWAYS));

		assertThat(host.getPrivileged()).isFalse();
		assertThat(host.getSecurityOpts()).isEmpty();
		assertThat(host.getCapDrop()).isNull();
	}

	@Test
	void noNewPrivilegesIsNotRepeatedWhenAlsoPassedAsAnOption() {
		assertThat(DockerCreateCommands
			.securityOptions(new Security(true, false, List.of("no-new-privileges", "apparmor=unconfined"))))
			.containsExactly("no-new-privileges", "apparmor=unconfined");
	}

	@Test
	void zeroResourcesMeanNoLimits() {
		HostConfig host = DockerCreateCommands.hostConfig(spec(Security.HARDENED, Resources.NONE, RestartPolicy.NO));

		assertThat(host.getNanoCPUs()).isNull();
		assertThat(host.getMemory()).isNull();
		assertThat(host.getPidsLimit()).isNull();
	}

	@Test
	void everyRestartPolicyHasItsDockerName() {
		// the Engine API reads an empty name as "no"
		assertThat(DockerCreateCommands.restartPolicy(RestartPolicy.NO).getName()).isEmpty();
		assertThat(DockerCreateCommands.restartPolicy(RestartPolicy.ON_FAILURE).getName()).isEqualTo("on-failure");
		assertThat(DockerCreateCommands.restartPolicy(RestartPolicy.UNLESS_STOPPED).getName())
			.isEqualTo("unless-stopped");
		assertThat(DockerCreateCommands.restartPolicy(RestartPolicy.ALWAYS).getName()).isEqualTo("always");
	}

	@Test
	void aGuestPortBoundTwiceIsExposedOnce() {
		ContainerSpec spec = new ContainerSpec("n", "i", List.of(), List.of(),
				List.of(new PortBinding(80, "127.0.0.1", 8080), new PortBinding(80, "::1", 8080)), Map.of(), null,
				List.of(), Resources.NONE, RestartPolicy.NO, Security.HARDENED, null);

		assertThat(DockerCreateCommands.exposedPorts(spec)).hasSize(1);
		assertThat(DockerCreateCommands.portBindings(spec.ports()).getBindings().values()).singleElement()
			.satisfies((bindings) -> assertThat(bindings).hasSize(2));
	}

	@Test
	void logsAreRotatedInDockersOwnSizeNotation() {
		assertThat(DockerCreateCommands.logConfig(new DockerProperties.Logs(DataSize.ofKilobytes(1536), 5)).getConfig())
			.containsExactlyInAnyOrderEntriesOf(Map.of("max-size", "1536k", "max-file", "5"));
		assertThat(DockerCreateCommands.size(DataSize.ofGigabytes(2).toBytes())).isEqualTo("2g");
		assertThat(DockerCreateCommands.size(DataSize.ofMegabytes(10).toBytes())).isEqualTo("10m");
		assertThat(DockerCreateCommands.size(1500)).isEqualTo("1500");
	}

	private static ContainerSpec spec(Security security, Resources resources, RestartPolicy restart) {
		return new ContainerSpec("n", "i", List.of(), List.of(), List.of(), Map.of(), null, List.of(), resources,
				restart, security, null);
	}

	private static void assertRequest(ContainerSpec spec, String expectedFile) throws Exception {
		CreateContainerCmd command = new CreateContainerCmdImpl((unused) -> null, null, spec.image());

		DockerCreateCommands.fill(command, spec, DockerProperties.Logs.DEFAULTS);

		assertThat(command.getName()).isEqualTo(spec.name());
		JSONAssert.assertEquals(expected(expectedFile), JSON.writeValueAsString(command), JSONCompareMode.STRICT);
	}

	private static String expected(String name) throws IOException {
		try (InputStream in = DockerCreateCommandsTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
