package org.whalemountain.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs in through the console's login form as a browser does (CSRF token included) and
 * hands out the session cookie, for clients that are not browsers, such as a WebSocket
 * client.
 */
public final class ConsoleLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private ConsoleLogin() {
	}

	/** {@code JSESSIONID=…} of a fresh console session of this user. */
	public static String sessionCookie(int port, String username, String password) {
		CookieManager cookies = new CookieManager();
		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = "http://127.0.0.1:" + port;
		try {
			String page = client
				.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = CSRF.matcher(page);
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF token on the login page");
			}
			String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
					+ encode(csrf.group(1));
			HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			String location = login.headers().firstValue("Location").orElse("");
			if (login.statusCode() != 302 || location.contains("error")) {
				throw new IllegalStateException(
						"Login of " + username + " failed: " + login.statusCode() + " " + location);
			}
			return cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals("JSESSIONID"))
				.map(HttpCookie::toString)
				.findFirst()
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Logs this session out through the console's logout form (CSRF token included). */
	public static void logOut(int port, String sessionCookie) {
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = "http://127.0.0.1:" + port;
		try {
			String page = client
				.send(HttpRequest.newBuilder(URI.create(base + "/tokens")).header("Cookie", sessionCookie).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = CSRF.matcher(page);
			if (!csrf.find()) {
				throw new IllegalStateException("No CSRF token on the page: is the session logged in?");
			}
			HttpResponse<String> logout = client.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
				.header("Cookie", sessionCookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf.group(1))))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (logout.statusCode() != 302) {
				throw new IllegalStateException("Logout failed: " + logout.statusCode());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
