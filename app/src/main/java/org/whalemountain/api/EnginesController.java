package org.whalemountain.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.workloads.engine.ContainerEngines;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Containers")
class EnginesController {

	private final ContainerEngines engines;

	EnginesController(ContainerEngines engines) {
		this.engines = engines;
	}

	@GetMapping("/api/v1/engines")
	@Operation(summary = "The engines containers may be launched on, which one a launch without \"engine\" gets, "
			+ "and whether each answers now")
	List<EngineView> engines() {
		return this.engines.states()
			.stream()
			.map((state) -> new EngineView(state.name(), state.isDefault(), state.up()))
			.toList();
	}

	/** {@code default} is a Java keyword, hence the name in JSON is given. */
	record EngineView(String name, @JsonProperty("default") boolean isDefault, boolean up) {
	}

}
