package org.whalemountain.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.workloads.Workloads;
import org.whalemountain.workloads.WorkloadsProperties;

/**
 * The page with a container's terminal; the shell itself comes over the WebSocket of
 * {@link TerminalSocketHandler}. Somebody else's container is the ordinary 404 page.
 */
@Controller
class TerminalPageController {

	private final Workloads workloads;

	private final WorkloadsProperties properties;

	TerminalPageController(Workloads workloads, WorkloadsProperties properties) {
		this.workloads = workloads;
		this.properties = properties;
	}

	@GetMapping("/containers/{id}/terminal")
	String terminal(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, Model model) {
		model.addAttribute("container", this.workloads.get(user.username(), id));
		model.addAttribute("idleMinutes", Math.max(1, this.properties.terminal().idleTimeout().toMinutes()));
		return "terminal";
	}

}
