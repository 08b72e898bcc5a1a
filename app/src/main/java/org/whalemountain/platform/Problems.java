package org.whalemountain.platform;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the service's RFC 9457 problems. A problem's {@code type} is
 * {@code /problems/<code>}, where the code is stable and listed in the user guide, so
 * that scripts can branch on it.
 */
public final class Problems {

	private Problems() {
	}

	public static URI type(String code) {
		return URI.create("/problems/" + code);
	}

	/** A problem with type, title (the status's reason phrase) and detail set. */
	public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(code));
		if (problem.getTitle() == null) {
			problem.setTitle("Error " + status.value());
		}
		return problem;
	}

}
