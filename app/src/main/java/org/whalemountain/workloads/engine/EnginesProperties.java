package org.whalemountain.workloads.engine;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Which engines the service uses ({@code wm.workloads.engines.*}). Both are checked at
 * start against the engines the service has: see {@link ContainerEngines}. Kept apart
 * from {@code WorkloadsProperties}, as {@code wm.workloads.docker} is, so that the port's
 * package depends on nothing else of the module.
 *
 * @param enabled the engines users may launch on and whose containers may be operated on
 * @param defaultName the engine a launch that names none runs on
 * ({@code wm.workloads.engines.default}); one of the enabled
 */
@Validated
@ConfigurationProperties("wm.workloads.engines")
public record EnginesProperties(@NotEmpty @DefaultValue("docker") List<String> enabled,
		@NotBlank @Name("default") @DefaultValue("docker") String defaultName) {

	public EnginesProperties {
		enabled = List.copyOf(enabled);
	}

}
