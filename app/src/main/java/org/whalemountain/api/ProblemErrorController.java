package org.whalemountain.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.whalemountain.platform.Problems;

import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces Spring Boot's error controller: errors that never reached a controller (an
 * unknown path, a wrong method) become problems for API paths and for any client that
 * does not ask for HTML; browsers get the console's error page.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController extends AbstractErrorController {

	private final JsonMapper json;

	ProblemErrorController(ErrorAttributes errorAttributes, List<ErrorViewResolver> resolvers, JsonMapper json) {
		super(errorAttributes, resolvers);
		this.json = json;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView html(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = getStatus(request);
		if (isApi(request)) {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem(request, status));
			return null;
		}
		Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
		response.setStatus(status.value());
		ModelAndView view = resolveErrorView(request, response, status, model);
		return (view != null) ? view : new ModelAndView("error", model, status);
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(request, status));
	}

	private ProblemDetail problem(HttpServletRequest request, HttpStatus status) {
		String detail = switch (status) {
			case NOT_FOUND -> "There is nothing at this path. The API is described at /v3/api-docs.";
			case METHOD_NOT_ALLOWED -> "This path does not take that HTTP method; see /v3/api-docs.";
			default -> status.getReasonPhrase();
		};
		ProblemDetail problem = Problems.of(status, StatusCodes.code(status), detail);
		problem.setTitle(status.getReasonPhrase());
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			problem.setInstance(URI.create(path.toString()));
		}
		return problem;
	}

	private static boolean isApi(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return path != null && path.toString().startsWith("/api/");
	}

}
