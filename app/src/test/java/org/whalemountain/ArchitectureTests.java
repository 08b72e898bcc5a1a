package org.whalemountain;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.whalemountain.archfixture.LeakingGitLabPort;
import org.whalemountain.archfixture.LeakingKubernetesPort;
import org.whalemountain.archfixture.kubernetes.PodNames;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Library types stay inside their adapter packages, so that ports speak the service's own
 * language and an adapter can be replaced without touching its callers; the packages of a
 * module depend on each other one way only.
 */
class ArchitectureTests {

	static final ArchRule DOCKER_JAVA_ONLY_IN_DOCKER_ADAPTERS = confined("com.github.dockerjava..", "..docker..");

	/** The one Docker adapter is the only user of docker-java in the service. */
	static final ArchRule DOCKER_JAVA_ONLY_IN_THE_WORKLOADS_DOCKER_ADAPTER = confined("com.github.dockerjava..",
			"org.whalemountain.workloads.docker..");

	/**
	 * The engine port and the launch logic are engine-neutral: no word of Docker in their
	 * names, strings or messages, and nothing of the Docker adapter.
	 */
	static final ArchRule NO_ENGINE_WORDS_IN_THE_PORT_AND_LAUNCHES = neutral("org.whalemountain.workloads.engine..",
			"org.whalemountain.workloads.launch..");

	static final ArchRule FABRIC8_ONLY_IN_KUBERNETES_ADAPTERS = confined("io.fabric8..", "..kubernetes..");

	static final ArchRule GITLAB4J_ONLY_IN_GITLAB_ADAPTERS = confined("org.gitlab4j..", "..gitlab..");

	/**
	 * The registry module speaks to the registry only through its RegistryClient port.
	 */
	static final ArchRule HTTP_ONLY_IN_THE_REGISTRY_ADAPTER = noClasses().that()
		.resideInAPackage("org.whalemountain.registry..")
		.and()
		.resideOutsideOfPackage("org.whalemountain.registry.distribution..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("java.net.http..")
		.because("the registry is reached through RegistryClient, implemented in registry.distribution");

	/**
	 * The registry's root is its public face, and its sub-packages depend on it, never
	 * the other way round: the root names none of them (Spring wires them in).
	 */
	static final ArchRule NO_PACKAGE_CYCLES_IN_THE_REGISTRY = packagesFreeOfCycles("org.whalemountain.registry");

	static final ArchRule NO_FIELD_INJECTION = noFields().should()
		.beAnnotatedWith(Autowired.class)
		.because("dependencies come through constructors");

	/**
	 * Imported once: JUnit makes an instance per test, and the fixture tests need none.
	 */
	private static final JavaClasses SERVICE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.whalemountain");

	@Test
	void libraryTypesStayInTheirAdapterPackages() {
		DOCKER_JAVA_ONLY_IN_DOCKER_ADAPTERS.check(SERVICE);
		DOCKER_JAVA_ONLY_IN_THE_WORKLOADS_DOCKER_ADAPTER.check(SERVICE);
		FABRIC8_ONLY_IN_KUBERNETES_ADAPTERS.check(SERVICE);
		GITLAB4J_ONLY_IN_GITLAB_ADAPTERS.check(SERVICE);
		HTTP_ONLY_IN_THE_REGISTRY_ADAPTER.check(SERVICE);
	}

	@Test
	void theEnginePortAndTheLaunchesSayNoWordOfOneEngine() {
		NO_ENGINE_WORDS_IN_THE_PORT_AND_LAUNCHES.check(SERVICE);
	}

	@Test
	void theEngineWordRuleCatchesANameAndAStringButLetsDockerHubsNameBe() {
		JavaClasses offender = new ClassFileImporter().importClasses(
				org.whalemountain.archfixture.neutral.BridgeSettings.class,
				org.whalemountain.archfixture.neutral.PlainSettings.class);

		assertThat(
				neutral("org.whalemountain.archfixture.neutral..").evaluate(offender).getFailureReport().getDetails())
			.isNotEmpty()
			.allSatisfy((violation) -> assertThat(violation).contains("BridgeSettings"))
			.anySatisfy((violation) -> assertThat(violation).contains("seccomp=unconfined"));
	}

	@Test
	void theRegistrysPackagesHaveNoCycles() {
		NO_PACKAGE_CYCLES_IN_THE_REGISTRY.check(SERVICE);
	}

	@Test
	void theCycleRuleCatchesARootAndASubPackageThatNameEachOther() {
		JavaClasses offender = new ClassFileImporter().importClasses(
				org.whalemountain.archfixture.cycle.CyclicEntry.class,
				org.whalemountain.archfixture.cycle.part.CyclicPart.class);

		assertThat(packagesFreeOfCycles("org.whalemountain.archfixture.cycle").evaluate(offender).hasViolation())
			.isTrue();
	}

	@Test
	void noFieldInjection() {
		NO_FIELD_INJECTION.check(SERVICE);
	}

	@Test
	void theAdapterRuleCatchesALibraryTypeOutsideItsAdapter() {
		JavaClasses offender = new ClassFileImporter().importClasses(org.whalemountain.archfixture.LeakingPort.class,
				com.github.dockerjava.api.FakeClient.class);

		assertThat(DOCKER_JAVA_ONLY_IN_DOCKER_ADAPTERS.evaluate(offender).hasViolation()).isTrue();
	}

	@Test
	void theKubernetesRuleCatchesAFabric8TypeOutsideItsAdapter() {
		JavaClasses offender = new ClassFileImporter().importClasses(LeakingKubernetesPort.class);

		assertThat(FABRIC8_ONLY_IN_KUBERNETES_ADAPTERS.evaluate(offender).getFailureReport().getDetails())
			.anySatisfy((violation) -> assertThat(violation).contains(LeakingKubernetesPort.class.getName())
				.contains("io.fabric8.kubernetes.api.model.Pod"));
	}

	@Test
	void theKubernetesRuleLetsFabric8TypesLiveInAKubernetesPackage() {
		// with a class outside the adapter that uses no fabric8, so that the rule has
		// something to check
		JavaClasses adapter = new ClassFileImporter().importClasses(PodNames.class,
				org.whalemountain.archfixture.LeakingPort.class);

		assertThat(FABRIC8_ONLY_IN_KUBERNETES_ADAPTERS.evaluate(adapter).hasViolation()).isFalse();
	}

	@Test
	void theGitLabRuleCatchesAGitlab4jTypeOutsideItsAdapter() {
		JavaClasses offender = new ClassFileImporter().importClasses(LeakingGitLabPort.class);

		assertThat(GITLAB4J_ONLY_IN_GITLAB_ADAPTERS.evaluate(offender).hasViolation()).isTrue();
	}

	private static ArchRule neutral(String... packages) {
		return classes().that()
			.resideInAnyPackage(packages)
			.should(new EngineWords())
			.andShould()
			.onlyDependOnClassesThat()
			.resideOutsideOfPackages("org.whalemountain.workloads.docker..", "com.github.dockerjava..")
			.because("the port and the launches must serve every engine alike");
	}

	private static ArchRule confined(String library, String adapterPackage) {
		return noClasses().that()
			.resideOutsideOfPackage(adapterPackage)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(library)
			.because(library + " types belong in " + adapterPackage + " adapters only");
	}

	/**
	 * Every package under {@code modulePackage}, the package itself included, is a slice
	 * of its own, so that a root and a sub-package naming each other is a cycle too.
	 */
	private static ArchRule packagesFreeOfCycles(String modulePackage) {
		SliceAssignment packages = new SliceAssignment() {

			@Override
			public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
				String name = javaClass.getPackageName();
				return (name.equals(modulePackage) || name.startsWith(modulePackage + ".")) ? SliceIdentifier.of(name)
						: SliceIdentifier.ignore();
			}

			@Override
			public String getDescription() {
				return "the packages of " + modulePackage;
			}

		};
		return slices().assignedFrom(packages)
			.should()
			.beFreeOfCycles()
			.because("a module's packages depend on each other one way only");
	}

}
