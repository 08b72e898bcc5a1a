package org.whalemountain.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The problem code for an error that has no domain code of its own: the status in kebab
 * case.
 */
final class StatusCodes {

	private StatusCodes() {
	}

	static String code(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase().replace('_', '-') : "error-" + status.value();
	}

}
