package org.whalemountain.api;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.whalemountain.workloads.LaunchRequest;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a launch as users send it; {@link #toRequest()} hands the domain typed
 * lists.
 */
@Schema(name = "LaunchRequest")
record LaunchBody(@Schema(description = "The name after the <user>- prefix (a DNS label)") String name,
		@Schema(description = "A catalogue image (<registry>/<owner>/<name>:<tag>) or an allowed Docker Hub name; never"
				+ " an image ID") String image,
		@Schema(description = "NAME=value entries: a list, or one string split as a shell would", oneOf = {
				String.class, String[].class }) JsonNode env,
		@Schema(description = "Guest ports: a list of numbers, or one string such as \"80 443\"",
				oneOf = { String.class, Integer[].class }) JsonNode ports,
		@Schema(description = "Arguments replacing the image's CMD: a list, or one string split as a shell would",
				oneOf = { String.class, String[].class }) JsonNode command,
		@Schema(description = "The engine to run on; the default one when left out") String engine){

	/**
	 * @throws org.whalemountain.platform.InvalidInputException for a field of the wrong
	 * shape
	 */
	LaunchRequest toRequest() {
		List<String> portWords = WordList.of(this.ports, "ports");
		return new LaunchRequest(this.name, this.image, WordList.of(this.env, "env"),
				(portWords != null) ? LaunchRequest.ports(portWords) : null, WordList.of(this.command, "command"),
				this.engine);
	}

}
