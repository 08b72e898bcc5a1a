package org.whalemountain.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.whalemountain.testsupport.ServiceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's answers promise the browser, read off the wire: the
 * Content-Security-Policy on every page, and a session cookie that is {@code HttpOnly}
 * and {@code SameSite=Lax}, before and after the login.
 */
@ServiceTest
class ConsoleHeadersIT {

	static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "frame-ancestors 'none'";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	HttpClient client;

	@BeforeEach
	void browser() {
		this.client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Test
	void everyConsolePageCarriesTheContentSecurityPolicy() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().allValues("Content-Security-Policy")).containsExactly(POLICY);

		logIn("alice", "alice-pass");

		for (String path : List.of("/images", "/images/shared", "/tokens", "/containers", "/runner",
				"/images/987654321")) {
			HttpResponse<String> page = get(path);
			assertThat(page.statusCode()).as(path).isIn(200, 404);
			assertThat(page.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.headers().allValues("Content-Security-Policy")).as(path).containsExactly(POLICY);
		}
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSiteLaxBeforeAndAfterTheLogin() throws Exception {
		HttpResponse<String> form = get("/login");
		HttpResponse<String> login = logIn("alice", "alice-pass");

		List<String> cookies = sessionCookies(form);
		cookies.addAll(sessionCookies(login));
		assertThat(sessionCookies(login)).as("a new session at login").isNotEmpty();
		assertThat(cookies).allSatisfy((cookie) -> assertThat(cookie).containsIgnoringCase("; HttpOnly")
			.containsIgnoringCase("; SameSite=Lax"));
	}

	private HttpResponse<String> logIn(String username, String password) throws Exception {
		Matcher csrf = CSRF.matcher(get("/login").body());
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		HttpResponse<String> login = this.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password=" + encode(password)
					+ "&_csrf=" + encode(csrf.group(1))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).doesNotContain("error"));
		return login;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> sessionCookies(HttpResponse<String> response) {
		return new java.util.ArrayList<>(response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.toList());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
