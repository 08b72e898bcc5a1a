package org.whalemountain.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.whalemountain.identity.UserPrincipal;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.engine.ExecResult;
import org.whalemountain.workloads.Workloads;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Containers")
class ContainersController {

	private final Workloads workloads;

	ContainersController(Workloads workloads) {
		this.workloads = workloads;
	}

	@PostMapping("/api/v1/containers")
	@Operation(summary = "Launch a container <user>-<name> from a catalogue or Docker Hub image",
			description = "Answers status running, or pending when the engine lacks the image: the engine then pulls it"
					+ " in the background, and GET on the Location tells pullPercent and pullMessage until the"
					+ " container is running, or failed with the reason in message. Statuses are pending, running,"
					+ " stopped, failed and gone.")
	@ApiResponse(responseCode = "201", description = "Launched, or pending",
			headers = @Header(name = "Location", description = "/api/v1/containers/{id} of the new container"))
	ResponseEntity<ContainerView> launch(@RequestBody LaunchBody launch, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		ContainerView launched = this.workloads.launch(user.username(), launch.toRequest(), request.getRemoteAddr());
		return ResponseEntity.created(URI.create("/api/v1/containers/" + launched.id())).body(launched);
	}

	@GetMapping("/api/v1/containers")
	@Operation(summary = "The caller's containers with their live status")
	List<ContainerView> list(@AuthenticationPrincipal UserPrincipal user) {
		return this.workloads.list(user.username());
	}

	@GetMapping("/api/v1/containers/{id}")
	@Operation(summary = "One of the caller's containers")
	ContainerView get(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user) {
		return this.workloads.get(user.username(), id);
	}

	@PostMapping("/api/v1/containers/{id}/start")
	@Operation(summary = "Start a stopped container")
	ContainerView start(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		return this.workloads.start(user.username(), id, request.getRemoteAddr());
	}

	@PostMapping("/api/v1/containers/{id}/stop")
	@Operation(summary = "Stop a container; it keeps its host ports")
	ContainerView stop(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user, HttpServletRequest request) {
		return this.workloads.stop(user.username(), id, request.getRemoteAddr());
	}

	@DeleteMapping("/api/v1/containers/{id}")
	@Operation(summary = "Stop and remove a container and free its host ports")
	ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		this.workloads.delete(user.username(), id, request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/containers/{id}/exec")
	@Operation(summary = "Run a command (argument list or one string) and return its exit code and output")
	ExecResult exec(@PathVariable long id, @RequestBody ExecBody exec, @AuthenticationPrincipal UserPrincipal user,
			HttpServletRequest request) {
		return this.workloads.exec(user.username(), id, exec.toRequest(), request.getRemoteAddr());
	}

	@GetMapping(path = "/api/v1/containers/{id}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "The last tail lines of the container's output")
	String logs(@PathVariable long id, @RequestParam(defaultValue = "100") int tail,
			@AuthenticationPrincipal UserPrincipal user) {
		return this.workloads.logs(user.username(), id, tail);
	}

	@PostMapping(path = "/api/v1/containers/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload one file into an existing directory of the container")
	ResponseEntity<Void> upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
			@RequestParam("path") String path, @AuthenticationPrincipal UserPrincipal user, HttpServletRequest request)
			throws IOException {
		this.workloads.upload(user.username(), id, file.getOriginalFilename(), path, file.getBytes(),
				request.getRemoteAddr());
		return ResponseEntity.noContent().build();
	}

}
