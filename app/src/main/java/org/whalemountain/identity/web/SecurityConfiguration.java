package org.whalemountain.identity.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.whalemountain.identity.BasicLoginCache;
import org.whalemountain.identity.Identity;
import org.whalemountain.identity.LoginHeldBackException;
import org.whalemountain.identity.tokens.BearerTokenAuthenticationProvider;
import org.whalemountain.identity.tokens.BearerTokenConverter;
import org.whalemountain.identity.tokens.TokenStore;

import tools.jackson.databind.json.JsonMapper;

/**
 * Three filter chains: {@code /registry/**} (the registry's token endpoint and its
 * notifications) and {@code /hooks/**} (GitLab's webhook) check their credentials
 * themselves; {@code /api/**} takes bearer tokens, HTTP Basic (never from another site in
 * a browser, and never challenged for) or the console session and answers 401/403 as
 * problems; everything else is the console with form login and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] PUBLIC_PATHS = { "/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
			"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**" };

	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	/**
	 * Docker calls the token endpoint with HTTP Basic (username and personal access
	 * token) and expects Docker's error shape, not a form login or a problem; the
	 * registry's notifications and GitLab's webhook carry a shared secret in a header. No
	 * session, no cookie, so nothing for CSRF to protect.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain registryTokenSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/registry/**", "/hooks/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager passwordAuthenticationManager,
			BasicLoginCache basicLogins, TokenStore tokens, Identity identity, Clock clock, ProblemResponses problems)
			throws Exception {
		AuthenticationFilter bearer = new AuthenticationFilter(
				new ProviderManager(new BearerTokenAuthenticationProvider(tokens, identity::tokenOwner, clock)),
				new BearerTokenConverter());
		bearer.setSuccessHandler((request, response, authentication) -> {
			// no redirect: the request goes on to its controller
		});
		bearer.setFailureHandler(problems::commence);
		http.securityMatcher("/api/**")
			.authenticationManager(basicLogins.around(passwordAuthenticationManager))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers("/api/v1/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.addFilterBefore(new CrossSiteBasicGuard(problems), CsrfFilter.class)
			.addFilterBefore(bearer, BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::csrfTokenRequired))
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain consoleSecurity(HttpSecurity http, AuthenticationManager passwordAuthenticationManager)
			throws Exception {
		http.authenticationManager(passwordAuthenticationManager)
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(PUBLIC_PATHS)
				.permitAll()
				.requestMatchers("/admin/**", "/actuator/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.addFilterBefore(new UsernameParameterGuard("username"), UsernamePasswordAuthenticationFilter.class)
			.formLogin((form) -> form.loginPage("/login").failureHandler(loginFailures()).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")));
		return http.build();
	}

	/** A held-back name gets its own message: "wrong password" would make them retry. */
	private static AuthenticationFailureHandler loginFailures() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setExceptionMappings(Map.of(LoginHeldBackException.class.getName(), "/login?held"));
		handler.setDefaultFailureUrl("/login?error");
		return handler;
	}

	/**
	 * Unsafe requests need the console's CSRF token unless a script built them: a browser
	 * never adds a bearer token by itself, and Basic credentials a browser adds to
	 * another site's request were refused by {@link CrossSiteBasicGuard} before this (so
	 * {@code curl -u} needs no token). Anything else, such as the session cookie or an
	 * unknown scheme, needs it.
	 */
	private static boolean csrfTokenRequired(HttpServletRequest request) {
		if (List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())) {
			return false;
		}
		return !ProblemResponses.scheme(request, "bearer ") && !ProblemResponses.scheme(request, "basic ");
	}

}
