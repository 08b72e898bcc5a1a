package org.whalemountain.identity.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests a browser started elsewhere, for a service at http://wm.dept.test. */
class CrossSiteBasicGuardTests {

	@ParameterizedTest(name = "Sec-Fetch-Site: {0}, Origin: {1} -> {2}")
	@CsvSource(nullValues = "-", value = { "-, -, false", // curl -u, scripts
			"none, -, false", // typed into the address bar
			"same-origin, http://wm.dept.test, false", "cross-site, -, true", "same-site, -, true",
			"cross-site, http://wm.dept.test, true", // the browser knows best
			"-, http://wm.dept.test, false", // an older browser, same origin
			"-, http://evil.test, true", "-, https://wm.dept.test, true", "-, http://wm.dept.test:8080, true",
			"-, null, true" // sandboxed frames and privacy redirects send an opaque
							// origin
	})
	void startedElsewhere(String fetchSite, String origin, boolean refused) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/tokens");
		request.setScheme("http");
		request.setServerName("wm.dept.test");
		request.setServerPort(80);
		if (fetchSite != null) {
			request.addHeader("Sec-Fetch-Site", fetchSite);
		}
		if (origin != null) {
			request.addHeader("Origin", origin);
		}

		assertThat(CrossSiteBasicGuard.startedElsewhere(request)).isEqualTo(refused);
	}

}
