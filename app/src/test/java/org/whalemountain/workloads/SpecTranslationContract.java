package org.whalemountain.workloads;

import org.whalemountain.workloads.engine.ContainerSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first half of the engine contract, without a daemon: each adapter turns the one set
 * of {@link SharedSpecs} into its engine's own objects (a Docker create request, a
 * Kubernetes Deployment and Service), each compared with an expected-output file next to
 * the adapter's test. The live half is {@link ContainerEngineContract}.
 */
public abstract class SpecTranslationContract {

	/** The engine's own object for the spec, written as the expected file holds it. */
	protected abstract String translate(ContainerSpec spec) throws Exception;

	/** The expected file of a shared spec, next to the subclass. */
	protected abstract String expectedFile(String specName);

	/** Compares the engine's object with the expected file's content. */
	protected abstract void assertSame(String expected, String actual) throws Exception;

	static Stream<String> sharedSpecs() {
		return SharedSpecs.all().keySet().stream().sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sharedSpecs")
	void eachSharedSpecBecomesTheExpectedObject(String specName) throws Exception {
		assertSame(expected(expectedFile(specName)), translate(SharedSpecs.all().get(specName)));
	}

	private String expected(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
