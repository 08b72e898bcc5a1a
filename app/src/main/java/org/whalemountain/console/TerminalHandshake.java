package org.whalemountain.console;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.workloads.Workloads;

/**
 * Lets the handshake through only for the user's own container: an unknown id and
 * somebody else's container are both refused with 404, as the console's pages answer.
 * Whether the container runs is told over the open socket, where the page can show it.
 */
final class TerminalHandshake implements HandshakeInterceptor {

	static final String USERNAME = "wm.username";

	static final String CONTAINER = "wm.container";

	static final String SOURCE = "wm.source";

	static final String COLUMNS = "wm.columns";

	static final String ROWS = "wm.rows";

	private static final Pattern PATH = Pattern.compile(".*/containers/(\\d{1,18})/terminal/socket");

	private final Workloads workloads;

	TerminalHandshake(Workloads workloads) {
		this.workloads = workloads;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Matcher path = PATH.matcher(request.getURI().getPath());
		UserPrincipal user = user(request.getPrincipal());
		if (!path.matches() || user == null) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		long id = Long.parseLong(path.group(1));
		try {
			this.workloads.get(user.username(), id);
		}
		catch (NotFoundException ex) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		catch (DomainException ex) {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		Map<String, String> query = UriComponentsBuilder.fromUri(request.getURI())
			.build()
			.getQueryParams()
			.toSingleValueMap();
		attributes.put(USERNAME, user.username());
		attributes.put(CONTAINER, id);
		attributes.put(SOURCE, address(request.getRemoteAddress()));
		attributes.put(COLUMNS, number(query.get("cols"), 80));
		attributes.put(ROWS, number(query.get("rows"), 24));
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception failure) {
	}

	private static UserPrincipal user(Principal principal) {
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof UserPrincipal user) {
			return user;
		}
		return null;
	}

	private static String address(InetSocketAddress remote) {
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "";
	}

	/** A size the page could not compute falls back to the classic 80x24. */
	static int number(String value, int fallback) {
		if (value == null || !value.matches("\\d{1,4}")) {
			return fallback;
		}
		return Integer.parseInt(value);
	}

}
