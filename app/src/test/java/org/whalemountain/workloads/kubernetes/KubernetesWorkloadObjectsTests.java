package org.whalemountain.workloads.kubernetes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import org.whalemountain.workloads.SharedSpecs;
import org.whalemountain.workloads.SpecBuilder;
import org.whalemountain.workloads.SpecTranslationContract;
import org.whalemountain.workloads.engine.ContainerSpec;
import org.whalemountain.workloads.engine.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service asks the cluster for, without a cluster: each shared spec's objects
 * (files Secret, Service, Ingresses, Deployment, in apply order) are compared with the
 * expected YAML next to this test ({@code objects-<spec>.yaml}), placed in
 * {@code wm-<owner>} with NodePorts, the owner's home claim {@code wm-home} and uid 1000
 * for specs that name no user. Run with {@code -Dwm.test.write-expected=true} to rewrite
 * the files after an intended change, then read the diff.
 */
class KubernetesWorkloadObjectsTests extends SpecTranslationContract {

	static final KubernetesProperties.Ingress NO_INGRESS = new KubernetesProperties.Ingress("", "", List.of(80, 8080));

	static final KubernetesProperties.NodePorts NODE_PORTS = new KubernetesProperties.NodePorts("", 30000, 32767);

	/** The shared spec being translated, for rewriting its expected file. */
	private String specName;

	@Override
	protected String translate(ContainerSpec spec) {
		this.specName = SharedSpecs.all()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(spec))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		return yaml(KubernetesWorkloadObjects.of(spec, placement(spec, NO_INGRESS, "wm-home")));
	}

	@Override
	protected String expectedFile(String specName) {
		return "objects-" + specName + ".yaml";
	}

	@Override
	protected void assertSame(String expected, String actual) throws Exception {
		if (Boolean.getBoolean("wm.test.write-expected")) {
			Files.writeString(
					Path.of("src/test/resources/org/whalemountain/workloads/kubernetes", expectedFile(this.specName)),
					actual);
			return;
		}
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void withAnIngressDomainEachHttpPortGetsAnIngressBehindAClusterIpService() {
		KubernetesProperties.Ingress ingress = new KubernetesProperties.Ingress("apps.example.org", "nginx",
				List.of(80, 8080));
		ContainerSpec spec = new SpecBuilder("alice-web", "nginx:1", List.of()).owner("alice")
			.port(8080, 0)
			.port(80, 0)
			.port(22, 0)
			.build();

		List<HasMetadata> objects = KubernetesWorkloadObjects.of(spec, placement(spec, ingress, null));

		Service service = (Service) objects.stream().filter(Service.class::isInstance).findFirst().orElseThrow();
		assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(objects).filteredOn(Ingress.class::isInstance)
			.extracting((object) -> ((Ingress) object).getSpec().getRules().get(0).getHost())
			.containsExactly("web-alice.apps.example.org", "web-8080-alice.apps.example.org");
		assertThat(objects).filteredOn(Ingress.class::isInstance)
			.allSatisfy((object) -> assertThat(((Ingress) object).getSpec().getIngressClassName()).isEqualTo("nginx"));
	}

	@Test
	void withoutAHomeStorageClassTheHomeIsAnEmptyDirectoryAndNeverAHostPath() {
		ContainerSpec spec = SharedSpecs.lentWithHome();

		PodSpec pod = KubernetesWorkloadObjects.pod(spec, placement(spec, NO_INGRESS, null));

		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getName().equals("home"))
			.singleElement()
			.satisfies((volume) -> {
				assertThat(volume.getEmptyDir()).isNotNull();
				assertThat(volume.getPersistentVolumeClaim()).isNull();
			});
		assertThat(SharedSpecs.all().values()).allSatisfy((shared) -> assertThat(
				KubernetesWorkloadObjects.pod(shared, placement(shared, NO_INGRESS, "wm-home")).getVolumes())
			.allSatisfy((volume) -> assertThat(volume.getHostPath()).isNull()));
	}

	@Test
	void aRootOrMissingUserRunsAsTheDefaultNonRootUser() {
		ContainerSpec root = new SpecBuilder("n", "i", List.of()).runAs(0, 0).build();

		PodSpec pod = KubernetesWorkloadObjects.pod(root, placement(root, NO_INGRESS, null));

		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
	}

	@Test
	void onlyAnUnconfinedSpecLosesTheSeccompProfile() {
		ContainerSpec hardened = SharedSpecs.lentWithHome();
		ContainerSpec unconfined = SharedSpecs.hardenedWeb();

		assertThat(KubernetesWorkloadObjects.pod(hardened, placement(hardened, NO_INGRESS, null))
			.getSecurityContext()
			.getSeccompProfile()
			.getType()).isEqualTo("RuntimeDefault");
		assertThat(KubernetesWorkloadObjects.pod(unconfined, placement(unconfined, NO_INGRESS, null))
			.getSecurityContext()
			.getSeccompProfile()
			.getType()).isEqualTo("Unconfined");
	}

	@Test
	void aPublicPortOutsideTheNodePortRangeIsLeftToTheCluster() {
		ContainerSpec spec = new SpecBuilder("alice-web", "i", List.of()).owner("alice")
			.port(80, 49200)
			.port(22, 30022)
			.build();

		Service service = KubernetesServiceObjects.service(spec, placement(spec, NO_INGRESS, null)).orElseThrow();

		assertThat(service.getSpec().getPorts()).extracting((port) -> port.getPort() + ":" + port.getNodePort())
			.containsExactly("80:null", "22:30022");
	}

	@Test
	void namesBecomeDnsLabelsInTheOwnersNamespace() {
		assertThat(
				KubernetesPlacement.objectName(new SpecBuilder("alice-my_web", "i", List.of()).owner("alice").build()))
			.isEqualTo("my-web");
		assertThat(KubernetesPlacement
			.objectName(new SpecBuilder("wm-runner-alice", "i", List.of()).owner("alice").build()))
			.isEqualTo("wm-runner-alice");
		String odd = KubernetesPlacement.objectName(new SpecBuilder("Alice.Smith-9web", "i", List.of()).build());
		assertThat(odd).matches("[a-z]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(50);
		assertThat(odd)
			.isNotEqualTo(KubernetesPlacement.objectName(new SpecBuilder("alice_smith-9web", "i", List.of()).build()));
	}

	@Test
	void labelValuesThatAreNoLabelValuesAreKeptExactlyInAnAnnotation() {
		ContainerSpec spec = new SpecBuilder("web", "i", List.of()).label("wm.owner", "Alice Smith@example").build();

		HasMetadata deployment = KubernetesWorkloadObjects.deployment(spec, placement(spec, NO_INGRESS, null));

		assertThat(deployment.getMetadata().getLabels().get("wm.owner")).matches("[a-z0-9-]+");
		assertThat(KubernetesLabels.of(deployment.getMetadata())).containsEntry("wm.owner", "Alice Smith@example");
		assertThat(KubernetesLabels.selector(Map.of("wm.owner", "Alice Smith@example"))).containsEntry("wm.owner",
				deployment.getMetadata().getLabels().get("wm.owner"));
	}

	@Test
	void pullCredentialsBecomeADockerConfigJsonSecret() {
		ContainerSpec spec = SharedSpecs.lentWithHome();
		KubernetesPlacement placement = new KubernetesPlacement("wm-alice", "web", "alice", NO_INGRESS, NODE_PORTS,
				null, new ContainerSpec.RunAs(1000, 1000), "web-pull");

		Secret secret = KubernetesSecretObjects.pull(spec, placement,
				new RegistryCredentials("127.0.0.1:5000", "alice", "s3cret"));

		assertThat(secret.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
		String config = new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")),
				StandardCharsets.UTF_8);
		assertThat(config).contains("\"127.0.0.1:5000\"", "\"username\":\"alice\"", "\"password\":\"s3cret\"",
				"\"auth\":\"" + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
		assertThat(KubernetesWorkloadObjects.pod(spec, placement).getImagePullSecrets())
			.extracting((ref) -> ref.getName())
			.containsExactly("web-pull");
	}

	@Test
	void theHomeClaimAsksTheConfiguredStorageClassAndIsLabelledWithItsOwner() {
		var claim = KubernetesHomeClaims.claim("wm-alice", "alice", new KubernetesProperties.Home("fast-ssd", "20Gi"));

		assertThat(claim.getMetadata().getName()).isEqualTo("wm-home");
		assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
		assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
		assertThat(claim.getMetadata().getLabels()).containsEntry("wm.owner", "alice");
	}

	static KubernetesPlacement placement(ContainerSpec spec, KubernetesProperties.Ingress ingress, String homeClaim) {
		String owner = (spec.owner() != null) ? spec.owner() : "nobody";
		return new KubernetesPlacement("wm-" + owner, KubernetesPlacement.objectName(spec), owner, ingress, NODE_PORTS,
				homeClaim, new ContainerSpec.RunAs(1000, 1000), null);
	}

	static String yaml(List<HasMetadata> objects) {
		return objects.stream().map(Serialization::asYaml).collect(Collectors.joining());
	}

}
