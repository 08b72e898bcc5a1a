package org.whalemountain.api;

import tools.jackson.databind.JsonNode;

import org.whalemountain.workloads.ExecRequest;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a command to run, as users send it. */
@Schema(name = "ExecRequest")
record ExecBody(@Schema(description = "The command: an argument list, or one string split as a shell would", oneOf = {
		String.class, String[].class }) JsonNode command,
		@Schema(description = "How long to wait, in seconds; the configured default when left out") Integer timeoutSeconds){

	ExecRequest toRequest() {
		return new ExecRequest(WordList.of(this.command, "command"), this.timeoutSeconds);
	}

}
