package org.whalemountain.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.whalemountain.identity.UserPrincipal;

/** Puts the signed-in user and the base URL into every console page's model. */
@ControllerAdvice(basePackageClasses = CurrentUserAdvice.class)
class CurrentUserAdvice {

	@ModelAttribute("currentUser")
	UserPrincipal currentUser(@AuthenticationPrincipal UserPrincipal user) {
		return user;
	}

	/** The console's own address, for copy-paste command lines. */
	@ModelAttribute("baseUrl")
	String baseUrl() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

}
