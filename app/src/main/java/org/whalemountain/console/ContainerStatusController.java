package org.whalemountain.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.Workloads;

/**
 * The status badge of one container, which the list and the detail page poll (htmx) while
 * its image is being pulled. Once the launch settled, running or failed, the page is
 * reloaded instead ({@code HX-Refresh}), since more than the badge changes then: the
 * actions, the logs, the reason.
 */
@Controller
class ContainerStatusController {

	private final Workloads workloads;

	ContainerStatusController(Workloads workloads) {
		this.workloads = workloads;
	}

	@GetMapping("/containers/{id}/status")
	String status(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, HttpServletResponse response,
			Model model) {
		ContainerView container = this.workloads.get(user.username(), id);
		if (!"pending".equals(container.status())) {
			response.setHeader("HX-Refresh", "true");
		}
		model.addAttribute("c", container);
		return "containers :: status";
	}

}
