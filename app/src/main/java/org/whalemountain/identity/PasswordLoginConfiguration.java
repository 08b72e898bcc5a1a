package org.whalemountain.identity;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;

/**
 * Password logins (console form and HTTP Basic): the username policy first, then the
 * throttle, then a bind against the directory. Success and failure events feed
 * {@link LoginRecorder}.
 */
@Configuration(proxyBeanMethods = false)
class PasswordLoginConfiguration {

	@Bean
	AuthenticationManager passwordAuthenticationManager(LdapAuthenticationProvider directory,
			IdentityProperties properties, LoginThrottle throttle, ApplicationEventPublisher events) {
		ProviderManager manager = new ProviderManager(new UsernamePolicyProvider(
				new ThrottledLoginProvider(directory, throttle), properties.usernamePattern()));
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		return manager;
	}

	/** HTTP Basic only: the console's form login always binds and is always audited. */
	@Bean
	BasicLoginCache basicLoginCache(IdentityProperties properties, LoginThrottle throttle, Clock clock) {
		return new BasicLoginCache(properties.basicAuthCache(), throttle, clock);
	}

}
