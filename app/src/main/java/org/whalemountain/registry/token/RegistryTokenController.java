package org.whalemountain.registry.token;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.whalemountain.registry.RegistryProperties;

/**
 * The token endpoint that the registry's {@code auth.token.realm} names. Docker sends the
 * username and a personal access token (or runner credential) as HTTP Basic, and the
 * scopes it needs; the answer is a token with what of them the user may have. The
 * security chain lets every request through: the credentials are checked here, and
 * refusals take Docker's error shape, which the docker CLI prints.
 */
@RestController
class RegistryTokenController {

	static final String REALM = "Basic realm=\"WhaleMountain registry\"";

	private static final String BASIC = "basic ";

	private final RegistryTokens tokens;

	private final RegistryProperties properties;

	RegistryTokenController(RegistryTokens tokens, RegistryProperties properties) {
		this.tokens = tokens;
		this.properties = properties;
	}

	@GetMapping(path = "/registry/token", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "service", required = false) String service, HttpServletRequest request) {
		// a registry set up with another service name would refuse all our tokens
		if (service != null && !service.equals(this.properties.token().service())) {
			return ResponseEntity.badRequest()
				.body(errors("INVALID_REQUEST",
						"The registry asked for another service than '" + this.properties.token().service()
								+ "': make the registry's auth.token.service equal wm.registry.token.service."));
		}
		if (authorization == null) {
			return unauthorized("Log in first: docker login " + this.properties.host()
					+ " -u <username>, with a personal access token as the password.");
		}
		Optional<String[]> credentials = basic(authorization);
		Optional<IssuedToken> issued = this.tokens.issue(credentials.map((pair) -> pair[0]).orElse(null),
				credentials.map((pair) -> pair[1]).orElse(null), Scopes.parse(scopes(request)),
				request.getRemoteAddr());
		if (issued.isEmpty()) {
			return unauthorized("The username or token is wrong, expired or revoked. Use your username and a "
					+ "personal access token (create one under Tokens in the console) as the password.");
		}
		IssuedToken token = issued.get();
		return ResponseEntity.ok(new TokenResponse(token.token(), token.token(), token.expiresIn().toSeconds(),
				DateTimeFormatter.ISO_INSTANT.format(token.issuedAt())));
	}

	/**
	 * Every {@code scope} parameter as sent: binding them to a {@code List} would split
	 * {@code pull,push} at its comma.
	 */
	private static List<String> scopes(HttpServletRequest request) {
		String[] values = request.getParameterValues("scope");
		return (values != null) ? Arrays.asList(values) : List.of();
	}

	/** Username and secret of a well-formed Basic header. */
	static Optional<String[]> basic(String authorization) {
		if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon < 0) ? Optional.empty()
					: Optional.of(new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) });
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static ResponseEntity<DockerErrors> unauthorized(String message) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, REALM)
			.body(errors("UNAUTHORIZED", message));
	}

	private static DockerErrors errors(String code, String message) {
		return new DockerErrors(List.of(new DockerError(code, message)));
	}

	/**
	 * Docker's token response; {@code access_token} repeats the token for OAuth 2
	 * clients.
	 */
	record TokenResponse(String token, @JsonProperty("access_token") String accessToken,
			@JsonProperty("expires_in") long expiresIn, @JsonProperty("issued_at") String issuedAt) {

		@Override
		public String toString() {
			return "TokenResponse[expiresIn=" + this.expiresIn + ", issuedAt=" + this.issuedAt + "]";
		}

	}

	/** Docker's error body, {@code {"errors":[{"code","message"}]}}. */
	record DockerErrors(List<DockerError> errors) {
	}

	record DockerError(String code, String message) {
	}

}
