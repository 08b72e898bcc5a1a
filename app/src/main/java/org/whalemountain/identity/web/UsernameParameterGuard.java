package org.whalemountain.identity.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security trims the login form's username, which silently strips control
 * characters such as NUL ({@code "alice\0"} would log in as alice). This guard turns
 * every control character into U+FFFD first, which no trim removes and no username policy
 * accepts, so such a name matches nobody.
 */
class UsernameParameterGuard extends OncePerRequestFilter {

	private static final char REPLACEMENT = '\uFFFD';

	private final String parameter;

	UsernameParameterGuard(String parameter) {
		this.parameter = parameter;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public String getParameter(String name) {
				String value = super.getParameter(name);
				return UsernameParameterGuard.this.parameter.equals(name) ? visible(value) : value;
			}

			@Override
			public String[] getParameterValues(String name) {
				String[] values = super.getParameterValues(name);
				if (values == null || !UsernameParameterGuard.this.parameter.equals(name)) {
					return values;
				}
				return Arrays.stream(values).map(UsernameParameterGuard::visible).toArray(String[]::new);
			}

			@Override
			public Map<String, String[]> getParameterMap() {
				return super.getParameterMap().keySet()
					.stream()
					.collect(Collectors.toMap((key) -> key, this::getParameterValues));
			}
		}, response);
	}

	static String visible(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(value.length());
		value.codePoints().forEach((c) -> out.appendCodePoint(Character.isISOControl(c) ? REPLACEMENT : c));
		return out.toString();
	}

}
