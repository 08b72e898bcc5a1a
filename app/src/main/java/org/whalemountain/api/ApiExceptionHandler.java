package org.whalemountain.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.ForbiddenException;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.Problems;
import org.whalemountain.platform.TooManyRequestsException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.workloads.engine.EngineException;

/**
 * Turns every exception an API controller throws into an RFC 9457 problem with a stable
 * type. Domain exceptions keep their own code; Spring MVC's get one per status.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(DomainException.class)
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		HttpStatus status = statusOf(ex);
		ProblemDetail problem = Problems.of(status, ex.code(), ex.getMessage());
		if (ex instanceof InvalidInputException invalid && invalid.field() != null) {
			problem.setProperty("errors", List.of(Map.of("field", invalid.field(), "message", ex.getMessage())));
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		Duration retryAfter = (ex instanceof UnavailableException unavailable) ? unavailable.retryAfter()
				: (ex instanceof TooManyRequestsException tooMany) ? tooMany.retryAfter() : null;
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		}
		return response.body(problem);
	}

	static HttpStatus statusOf(DomainException ex) {
		if (ex instanceof NotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (ex instanceof InvalidInputException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof ForbiddenException) {
			return HttpStatus.FORBIDDEN;
		}
		if (ex instanceof UnavailableException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof TooManyRequestsException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		return HttpStatus.CONFLICT;
	}

	/**
	 * The container engine failed in a way the service did not foresee: its words, not a
	 * bare 500.
	 */
	@ExceptionHandler(EngineException.class)
	ResponseEntity<ProblemDetail> engine(EngineException ex) {
		log.warn("Container engine failure: {}", ex.getMessage(), ex);
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.body(Problems.of(HttpStatus.BAD_GATEWAY, "engine-error", "The container engine refused: " + ex.getMessage()
					+ " Try again; if it keeps failing, tell the " + "administrators."));
	}

	/** Anything else is a bug: logged with its stack, answered without internals. */
	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Unexpected failure of an API request", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-server-error",
					"Something unexpected failed on the service's side. Try again; if it keeps happening, tell the "
							+ "administrators."));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter",
					"'" + ex.getValue() + "' is not a valid " + ex.getName() + "."));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body",
					"The request body is not valid JSON of the documented shape; see /v3/api-docs."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& "about:blank".equals(problem.getType().toString())) {
			problem.setType(Problems.type(StatusCodes.code(statusCode)));
		}
		return response;
	}

}
