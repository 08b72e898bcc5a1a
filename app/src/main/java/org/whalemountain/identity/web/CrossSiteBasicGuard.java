package org.whalemountain.identity.web;

import java.io.IOException;
import java.io.Serial;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses HTTP Basic credentials on a request that a browser says was not started by this
 * origin, before they are checked. Browsers attach Basic credentials they once cached to
 * any request to the same place, so without this a page on another site could act as the
 * user; scripts such as {@code curl -u} send neither header and pass. The browser's
 * {@code Sec-Fetch-Site} decides where it is sent; older browsers are judged by
 * {@code Origin}. {@code same-site} is refused too: sibling hosts under the department's
 * domain are other people's pages, and no page elsewhere can call the API anyway, since
 * it allows no cross-origin requests.
 */
class CrossSiteBasicGuard extends OncePerRequestFilter {

	static final String FETCH_SITE = "Sec-Fetch-Site";

	private final AccessDeniedHandler problems;

	CrossSiteBasicGuard(AccessDeniedHandler problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (ProblemResponses.scheme(request, "basic ") && startedElsewhere(request)) {
			this.problems.handle(request, response, new CrossSiteBasicException());
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean startedElsewhere(HttpServletRequest request) {
		String site = request.getHeader(FETCH_SITE);
		if (site != null) {
			return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
		}
		return request.getHeader(HttpHeaders.ORIGIN) != null && CorsUtils.isCorsRequest(request);
	}

	/** Basic credentials on a request another site started. */
	static class CrossSiteBasicException extends AccessDeniedException {

		@Serial
		private static final long serialVersionUID = 1L;

		CrossSiteBasicException() {
			super("HTTP Basic credentials on a request another site started");
		}

	}

}
