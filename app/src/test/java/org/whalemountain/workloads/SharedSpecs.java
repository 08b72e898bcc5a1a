package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.ContainerSpec.Lifecycle;
import org.whalemountain.workloads.engine.ContainerSpec.Port;
import org.whalemountain.workloads.engine.ContainerSpec.Resources;
import org.whalemountain.workloads.engine.ContainerSpec.RunAs;
import org.whalemountain.workloads.engine.ContainerSpec.Security;
import org.whalemountain.workloads.engine.ContainerSpec.SyscallFilter;
import org.whalemountain.workloads.engine.ContainerSpec.Volume;
import org.whalemountain.workloads.engine.ContainerSpec.VolumeSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one set of specs every engine's translation is checked against (see
 * {@link SpecTranslationContract}): each names what the service asks of any engine, and
 * each adapter keeps the object it makes of it in an expected-output file.
 */
public final class SharedSpecs {

	private SharedSpecs() {
	}

	/** Every shared spec by name; the names are part of the expected files' names. */
	public static Map<String, ContainerSpec> all() {
		return Map.of("hardened-web", hardenedWeb(), "minimal", minimal(), "lent-with-home", lentWithHome(), "runner",
				runner());
	}

	/** Everything a spec can say, at its strictest, with an owner's read-only home. */
	public static ContainerSpec hardenedWeb() {
		return new ContainerSpec("wm-alice-web", "registry.example/alice/web:1", List.of("httpd", "-f", "-p", "8080"),
				List.of("GREETING=hello"), List.of(new Port(8080, 0), new Port(22, 30022)), Map.of("wm.owner", "alice"),
				"alice", List.of(new Volume(VolumeSource.OWNER_HOME, "/data", true)),
				new Resources(1_500_000_000, 512L << 20, 256), new Security(true, true, SyscallFilter.UNCONFINED),
				new RunAs(1000, 1000), Lifecycle.KEEP_RUNNING, List.of());
	}

	/** Nothing but a name and an image: the engine's defaults, hardened. */
	public static ContainerSpec minimal() {
		return new ContainerSpec("wm-bob-job", "alpine:3", List.of(), List.of(), List.of(), Map.of(), null, List.of(),
				null, null, null, null, List.of());
	}

	/** A lent container as {@code LendingSpecs} makes it, with the owner's home. */
	public static ContainerSpec lentWithHome() {
		return new ContainerSpec("alice-web", "docker.io/library/nginx:1", List.of(), List.of("HOME=/home/alice"),
				List.of(new Port(80, 49200)),
				Map.of("wm.kind", "container", "wm.owner", "alice", "wm.container-id", "7"), "alice",
				List.of(new Volume(VolumeSource.OWNER_HOME, "/home/alice", false)),
				new Resources(1_000_000_000, 536_870_912, 256), Security.HARDENED, new RunAs(10001, 10002),
				Lifecycle.RUN_ONCE, List.of());
	}

	/**
	 * A runner: it drives the engine, keeps running, and reads a secret file at start.
	 */
	public static ContainerSpec runner() {
		return new ContainerSpec("wm-runner-alice", "gitlab/gitlab-runner:v18.5.0", List.of(), List.of(), List.of(),
				Map.of("wm.kind", "runner", "wm.owner", "alice"), "alice",
				List.of(new Volume(VolumeSource.ENGINE_API, "/var/run/docker.sock", false)),
				new Resources(1_000_000_000, 268_435_456, 256), Security.HARDENED, null, Lifecycle.KEEP_RUNNING,
				List.of(new ContainerSpec.SeedFile("/etc/gitlab-runner/config.toml",
						"concurrent = 1\n".getBytes(StandardCharsets.UTF_8), 0600)));
	}

}
