package org.whalemountain.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.whalemountain.identity.IdentityProperties;

@Controller
class LoginController {

	private final IdentityProperties identity;

	LoginController(IdentityProperties identity) {
		this.identity = identity;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("loginThrottleWindow", Math.max(1, this.identity.loginThrottle().window().toMinutes()));
		return "login";
	}

}
