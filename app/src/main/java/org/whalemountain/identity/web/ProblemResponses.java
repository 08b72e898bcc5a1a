package org.whalemountain.identity.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import org.whalemountain.identity.LoginHeldBackException;
import org.whalemountain.platform.Problems;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API's 401 and 403 answers, written as RFC 9457 problems before any controller runs.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof LoginHeldBackException held) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, held.retryAfter().toSeconds())));
			write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-login-failures",
					"This name sent too many wrong passwords lately; try again in " + held.retryAfter().toMinutesPart()
							+ " min " + held.retryAfter().toSecondsPart() + " s, or use a personal access token.");
			return;
		}
		boolean bearer = scheme(request, "bearer ");
		String code;
		String detail;
		if (ex instanceof CredentialsExpiredException) {
			code = "token-expired";
			detail = "The token has expired. Create a new one under Tokens in the console.";
		}
		else if (ex instanceof DisabledException) {
			code = "account-left-directory";
			detail = "The token's owner is no longer in the department directory, so the token no longer works.";
		}
		else if (bearer) {
			code = "invalid-token";
			detail = "The bearer token is not valid (unknown or revoked). Create a new one under Tokens in the console.";
		}
		else if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			code = "invalid-credentials";
			detail = "The username or password is wrong.";
		}
		else {
			code = "unauthenticated";
			detail = "Send 'Authorization: Bearer <token>' (a personal access token) or HTTP Basic credentials.";
		}
		// never a Basic challenge: a browser would ask for the password and then attach
		// it
		// to every request to the API, other sites' included; curl -u sends it unasked
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				bearer ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"WhaleMountain\"");
		write(request, response, HttpStatus.UNAUTHORIZED, code, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		if (ex instanceof CrossSiteBasicGuard.CrossSiteBasicException) {
			write(request, response, HttpStatus.FORBIDDEN, "cross-site-basic-auth",
					"The browser sent HTTP Basic credentials on a request that another site started; that is refused "
							+ "against cross-site request forgery. Use the console, or call the API from a script.");
			return;
		}
		if (ex instanceof CsrfException) {
			write(request, response, HttpStatus.FORBIDDEN, "csrf-token-missing",
					"A request with the console's session cookie must carry its CSRF token (header X-CSRF-TOKEN); "
							+ "scripts should send 'Authorization: Bearer <token>' instead.");
			return;
		}
		write(request, response, HttpStatus.FORBIDDEN, "forbidden",
				"Your account may not do this. Ask the system administration team if you think it should.");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, code, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * Whether the request's {@code Authorization} uses this scheme (lower case, with its
	 * space).
	 */
	static boolean scheme(HttpServletRequest request, String scheme) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
	}

}
