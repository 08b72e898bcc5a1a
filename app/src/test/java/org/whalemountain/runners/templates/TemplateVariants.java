package org.whalemountain.runners.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The variants every template test renders, and their expected-output files under
 * {@code src/test/resources/org/whalemountain/runners/templates/}.
 */
final class TemplateVariants {

	static final String BUILDKIT_IMAGE = "moby/buildkit:v0.25.1-rootless";

	static final String BUILDAH_IMAGE = "quay.io/buildah/stable:v1.41.0";

	/** BuildKit, plain registry, no CA: the defaults. */
	static final RunnerConfig ALICE_BUILDKIT = new RunnerConfig("alice", "wm-runner-alice", "https://gitlab.dept.test",
			42L, "glrt-secret\"token\\",
			List.of("WM_REGISTRY=host.docker.internal:5000", "WM_IMAGE_PREFIX=host.docker.internal:5000/alice",
					"WM_REGISTRY_USER=alice", "WM_REGISTRY_PASSWORD=p\"w\\d"),
			BUILDKIT_IMAGE, List.of(BUILDKIT_IMAGE, "alpine:3.22"), List.of(),
			List.of("seccomp:unconfined", "apparmor:unconfined"), "wm-alice", "2", "4g", 1, "1000:1000", "", null);

	/** Buildah, a registry over plain HTTP and a department CA. */
	static final RunnerConfig BOB_BUILDAH_CA_INSECURE = new RunnerConfig("bob", "wm-runner-bob",
			"https://gitlab.dept.test", 7L, "glrt-bob",
			List.of("WM_REGISTRY=registry.dept.test:5000", "WM_IMAGE_PREFIX=registry.dept.test:5000/bob",
					"WM_REGISTRY_USER=bob", "WM_REGISTRY_INSECURE=true", "WM_CA_FILE=" + RunnerConfig.JOB_CA_FILE),
			BUILDAH_IMAGE, List.of(BUILDAH_IMAGE), List.of(), List.of("seccomp:unconfined", "apparmor:unconfined"),
			"wm-bob", "1.5", "2g", 2, "1000:1000", "/etc/whalemountain/dept-ca.pem", null);

	/**
	 * On Kubernetes with Buildah: no lifted profiles, one allowed service, another job
	 * user, and a namespace whose name differs from the username.
	 */
	static final RunnerConfig CAROL_KUBERNETES_BUILDAH = new RunnerConfig("Carol.K", "wm-runner-Carol.K",
			"https://gitlab.dept.test", 9L, "glrt-carol\"k8s",
			List.of("WM_REGISTRY=registry.dept.test:5000", "WM_IMAGE_PREFIX=registry.dept.test:5000/Carol.K",
					"WM_REGISTRY_USER=Carol.K"),
			BUILDAH_IMAGE, List.of(BUILDAH_IMAGE, "alpine:3.22"), List.of("postgres:17"), List.of(), "wm-Carol.K", "2",
			"4g", 1, "2000:3000", "", "wm-carol-k-1a2b3c4d5e");

	/**
	 * On Kubernetes with rootless BuildKit and the default build security options, which
	 * lift the build container's seccomp and AppArmor profiles; no services.
	 */
	static final RunnerConfig ALICE_KUBERNETES_BUILDKIT = new RunnerConfig("alice", "wm-runner-alice",
			"https://gitlab.dept.test", 42L, "glrt-alice",
			List.of("WM_REGISTRY=registry.dept.test:5000", "WM_IMAGE_PREFIX=registry.dept.test:5000/alice",
					"WM_REGISTRY_USER=alice"),
			BUILDKIT_IMAGE, List.of(BUILDKIT_IMAGE), List.of(), List.of("seccomp:unconfined", "apparmor:unconfined"),
			"wm-alice", "2", "4g", 2, "1000:1000", "", "wm-alice");

	static final CiTemplate ALICE_CI_BUILDKIT = new CiTemplate("alice", "wm-alice", BUILDKIT_IMAGE,
			"host.docker.internal:5000/alice", Builder.BUILDKIT);

	static final CiTemplate ALICE_CI_BUILDAH = new CiTemplate("alice", "wm-alice", BUILDAH_IMAGE,
			"host.docker.internal:5000/alice", Builder.BUILDAH);

	private TemplateVariants() {
	}

	@SuppressWarnings("unchecked")
	static <T> List<T> listOf(Object value) {
		return (List<T>) value;
	}

	static String expected(String file) {
		try (var in = TemplateVariants.class.getResourceAsStream("/org/whalemountain/runners/templates/" + file)) {
			if (in == null) {
				throw new IllegalStateException("No expected-output file " + file);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
