package org.whalemountain.runners.templates;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.ClassPathResource;

/**
 * Renders the files in {@code runner-templates/} and {@code ci-templates/}: pure
 * functions of their input, compiled once. Every value is escaped for the target format
 * (TOML or YAML basic strings), so no input can add a key.
 */
public final class RunnerTemplates {

	private final Template dockerConfigToml;

	private final Template kubernetesConfigToml;

	private final Map<Builder, Template> gitlabCi = new EnumMap<>(Builder.class);

	public RunnerTemplates() {
		this.dockerConfigToml = compile("runner-templates/config.toml.mustache");
		this.kubernetesConfigToml = compile("runner-templates/config.kubernetes.toml.mustache");
		for (Builder builder : Builder.values()) {
			this.gitlabCi.put(builder, compile(builder.template()));
		}
	}

	/**
	 * The runner's {@code config.toml}: the kubernetes executor's when the runner runs in
	 * a namespace ({@link RunnerConfig#onKubernetes()}), the docker executor's otherwise.
	 */
	public String configToml(RunnerConfig config) {
		return (config.onKubernetes() ? this.kubernetesConfigToml : this.dockerConfigToml).execute(config);
	}

	public String gitlabCi(CiTemplate template) {
		return this.gitlabCi.get(template.builder()).execute(template);
	}

	private static Template compile(String path) {
		try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
				StandardCharsets.UTF_8)) {
			return Mustache.compiler()
				.withEscaper(Escapers.simple(QUOTED_STRING_ESCAPES))
				.strictSections(false)
				// {{> name}} is ci-templates/name.yml.mustache: what every builder's file
				// shares
				.withLoader((name) -> new InputStreamReader(
						new ClassPathResource("ci-templates/" + name + ".yml.mustache").getInputStream(),
						StandardCharsets.UTF_8))
				.compile(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Template " + path + " is missing from the build", ex);
		}
	}

	/**
	 * Escapes shared by TOML and YAML double-quoted strings; other control characters are
	 * refused by the callers' validation before they get here.
	 */
	private static final String[][] QUOTED_STRING_ESCAPES = { { "\\", "\\\\" }, { "\"", "\\\"" }, { "\n", "\\n" },
			{ "\r", "\\r" }, { "\t", "\\t" } };

}
