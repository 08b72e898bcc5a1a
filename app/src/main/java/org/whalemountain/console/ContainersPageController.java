package org.whalemountain.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.platform.DomainException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.ShellWords;
import org.whalemountain.workloads.ExecRequest;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.Workloads;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/**
 * The user's containers: the list with a launch form, and a page per container with its
 * controls, a command runner, its logs and a file upload. An htmx request gets the panel
 * only; a plain form post gets the whole page. Somebody else's container is the ordinary
 * 404 page.
 */
@Controller
class ContainersPageController {

	static final int LOG_LINES = 200;

	private final Workloads workloads;

	ContainersPageController(Workloads workloads) {
		this.workloads = workloads;
	}

	@GetMapping("/containers")
	String containers(@AuthenticationPrincipal UserPrincipal user, HtmxRequest htmx, Model model) {
		return list(user, model, htmx);
	}

	@PostMapping("/containers")
	String launch(@AuthenticationPrincipal UserPrincipal user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String image, @RequestParam(defaultValue = "") String env,
			@RequestParam(defaultValue = "") String ports, @RequestParam(defaultValue = "") String command,
			HtmxRequest htmx, HttpServletRequest request, Model model) {
		try {
			LaunchRequest launch = new LaunchRequest(name, image, ShellWords.split(env, "env"),
					LaunchRequest.ports(ShellWords.split(ports, "ports")),
					command.isBlank() ? null : ShellWords.split(command, "command"), null);
			model.addAttribute("launched", this.workloads.launch(user.username(), launch, request.getRemoteAddr()));
		}
		catch (DomainException ex) {
			model.addAttribute("formError", ex.getMessage());
			model.addAttribute("form", new LaunchForm(name, image, env, ports, command));
		}
		return list(user, model, htmx);
	}

	@GetMapping("/containers/{id}")
	String container(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, Model model) {
		return detail(user, id, model, null, HtmxRequest.empty());
	}

	@PostMapping("/containers/{id}/start")
	String start(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, HtmxRequest htmx,
			HttpServletRequest request, Model model) {
		return act(user, id, model, htmx, "containers.started",
				() -> this.workloads.start(user.username(), id, request.getRemoteAddr()));
	}

	@PostMapping("/containers/{id}/stop")
	String stop(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, HtmxRequest htmx,
			HttpServletRequest request, Model model) {
		return act(user, id, model, htmx, "containers.stopped",
				() -> this.workloads.stop(user.username(), id, request.getRemoteAddr()));
	}

	/**
	 * Back to the list afterwards: htmx follows {@code HX-Redirect}, a form the redirect.
	 */
	@PostMapping("/containers/{id}/delete")
	String delete(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, HtmxRequest htmx,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		try {
			this.workloads.delete(user.username(), id, request.getRemoteAddr());
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			model.addAttribute("formError", ex.getMessage());
			return detail(user, id, model, null, htmx);
		}
		if (htmx.isHtmxRequest()) {
			response.setHeader("HX-Redirect", request.getContextPath() + "/containers");
			return list(user, model, htmx);
		}
		return "redirect:/containers";
	}

	@PostMapping("/containers/{id}/exec")
	String exec(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id,
			@RequestParam(defaultValue = "") String command, HtmxRequest htmx, HttpServletRequest request,
			Model model) {
		model.addAttribute("execCommand", command);
		try {
			model.addAttribute("execResult", this.workloads.exec(user.username(), id,
					new ExecRequest(ShellWords.split(command, "command"), null), request.getRemoteAddr()));
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			model.addAttribute("execError", ex.getMessage());
		}
		return detail(user, id, model, null, htmx);
	}

	@PostMapping("/containers/{id}/upload")
	String upload(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id,
			@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "/tmp") String directory,
			HtmxRequest htmx, HttpServletRequest request, Model model) throws IOException {
		model.addAttribute("uploadDirectory", directory);
		try {
			String fileName = (file != null) ? file.getOriginalFilename() : "";
			byte[] content = (file != null) ? file.getBytes() : new byte[0];
			this.workloads.upload(user.username(), id, fileName, directory, content, request.getRemoteAddr());
			model.addAttribute("uploaded", fileName);
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			model.addAttribute("uploadError", ex.getMessage());
		}
		return detail(user, id, model, null, htmx);
	}

	@GetMapping("/containers/{id}/logs")
	String logs(@AuthenticationPrincipal UserPrincipal user, @PathVariable long id, Model model) {
		model.addAttribute("container", this.workloads.get(user.username(), id));
		addLogs(user, id, model);
		return "container :: logs";
	}

	private String act(UserPrincipal user, long id, Model model, HtmxRequest htmx, String notice, Runnable action) {
		try {
			action.run();
			return detail(user, id, model, notice, htmx);
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			model.addAttribute("formError", ex.getMessage());
			return detail(user, id, model, null, htmx);
		}
	}

	private String list(UserPrincipal user, Model model, HtmxRequest htmx) {
		model.addAttribute("containers", this.workloads.list(user.username()));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new LaunchForm("", "", "", "", ""));
		}
		return htmx.isHtmxRequest() ? "containers :: panel" : "containers";
	}

	private String detail(UserPrincipal user, long id, Model model, String notice, HtmxRequest htmx) {
		model.addAttribute("container", this.workloads.get(user.username(), id));
		model.addAttribute("notice", notice);
		addLogs(user, id, model);
		return htmx.isHtmxRequest() ? "container :: panel" : "container";
	}

	private void addLogs(UserPrincipal user, long id, Model model) {
		try {
			model.addAttribute("logs", this.workloads.logs(user.username(), id, LOG_LINES));
		}
		catch (NotFoundException ex) {
			throw ex;
		}
		catch (DomainException ex) {
			model.addAttribute("logsError", ex.getMessage());
		}
	}

	/** What the launch form held, shown again with its error. */
	record LaunchForm(String name, String image, String env, String ports, String command) {
	}

}
