package org.whalemountain;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the PlantUML module diagrams (all modules, and each one with its neighbours) to
 * {@code app/target/spring-modulith-docs}: a documentation step, not a test, run with
 * {@code ./mvnw -Pdocs test} (the {@code docs} profile runs only {@code *Documentation}
 * classes).
 */
class ModuleDocumentation {

	static final Path OUTPUT = Path.of("target", "spring-modulith-docs");

	@Test
	void writeModuleDiagrams() {
		ApplicationModules modules = ApplicationModules.of(WhaleMountainApplication.class);

		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();

		assertThat(OUTPUT.resolve("components.puml")).isNotEmptyFile();
		for (ApplicationModule module : modules) {
			assertThat(OUTPUT.resolve("module-" + module.getIdentifier() + ".puml")).isNotEmptyFile();
		}
		System.out.println("Module diagrams written to " + OUTPUT.toAbsolutePath());
	}

}
