package org.whalemountain.console;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.Kubeconfigs;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.Workloads;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.whalemountain.testsupport.SignedIn.alice;

@WebMvcTest(ContainersPageController.class)
class ContainersPageControllerTests {

	private static final ContainerView WEB = new ContainerView(7, "alice-web", "nginx:1.27", "docker", "c0ffee", "n1",
			"running", List.of(new ContainerView.Port(80, 20080)), Instant.EPOCH, null, null, null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Workloads workloads;

	/** The page's Kubernetes panel asks it; its default answer is no Kubernetes. */
	@MockitoBean
	Kubeconfigs kubeconfigs;

	@Test
	void plainRequestGetsTheWholePage() throws Exception {
		given(this.workloads.list("alice")).willReturn(List.of(WEB));

		this.mvc.perform(get("/containers").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("containers"))
			.andExpect(content().string(containsString("<nav")))
			.andExpect(content().string(containsString("alice-web")));
	}

	@Test
	void htmxRequestGetsThePanelOnly() throws Exception {
		given(this.workloads.list("alice")).willReturn(List.of(WEB));

		this.mvc.perform(get("/containers").header("HX-Request", "true").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("containers :: panel"))
			.andExpect(content().string(startsWith("<section id=\"containers-panel\"")))
			.andExpect(content().string(not(containsString("<nav"))))
			.andExpect(content().string(containsString("alice-web")));
	}

	@Test
	void launchFormFieldsAreSplitIntoTypedLists() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString())).willReturn(WEB);

		this.mvc
			.perform(post("/containers").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("name", "web")
				.param("image", "nginx:1.27")
				.param("env", "GREETING='hello world' MODE=dev")
				.param("ports", "80 443")
				.param("command", "sh -c \"echo $X\""))
			.andExpect(status().isOk())
			.andExpect(view().name("containers :: panel"))
			.andExpect(content().string(containsString("id=\"containers-launched\"")));

		verify(this.workloads).launch("alice", new LaunchRequest("web", "nginx:1.27",
				List.of("GREETING=hello world", "MODE=dev"), List.of(80, 443), List.of("sh", "-c", "echo $X"), null),
				"127.0.0.1");
	}

	@Test
	void blankCommandKeepsTheImagesOwn() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString())).willReturn(WEB);

		this.mvc
			.perform(post("/containers").with(alice())
				.with(csrf())
				.param("name", "web")
				.param("image", "nginx:1.27")
				.param("command", "  "))
			.andExpect(status().isOk())
			.andExpect(view().name("containers"));

		verify(this.workloads).launch("alice", new LaunchRequest("web", "nginx:1.27", List.of(), List.of(), null, null),
				"127.0.0.1");
	}

	@Test
	void domainErrorIsAFormErrorAndKeepsWhatWasTyped() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString()))
			.willThrow(new InvalidInputException("image-not-allowed", "image", "busybox is not an allowed image."));

		this.mvc
			.perform(post("/containers").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("name", "web")
				.param("image", "busybox")
				.param("env", "A=1")
				.param("ports", "8080")
				.param("command", "sleep 1"))
			.andExpect(status().isOk())
			.andExpect(model().attribute("form",
					new ContainersPageController.LaunchForm("web", "busybox", "A=1", "8080", "sleep 1")))
			.andExpect(content().string(containsString("busybox is not an allowed image.")))
			.andExpect(content().string(containsString("value=\"busybox\"")))
			.andExpect(content().string(containsString("value=\"sleep 1\"")));
	}

	@Test
	void portThatIsNoNumberIsAFormErrorWithoutCallingTheEngine() throws Exception {
		this.mvc
			.perform(post("/containers").with(alice())
				.with(csrf())
				.param("name", "web")
				.param("image", "nginx:1.27")
				.param("ports", "http"))
			.andExpect(status().isOk())
			.andExpect(model().attributeExists("formError"))
			.andExpect(content().string(containsString("&#39;http&#39; is not a port")))
			.andExpect(content().string(containsString("value=\"http\"")));

		verify(this.workloads, org.mockito.Mockito.never()).launch(anyString(), any(), anyString());
	}

	@Test
	void anotherUsersContainerIsNotFound() throws Exception {
		given(this.workloads.get("alice", 9))
			.willThrow(new NotFoundException("container-not-found", "No container 9."));

		this.mvc.perform(get("/containers/9").with(alice())).andExpect(status().isNotFound());
	}

	@Test
	void formPostWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/containers").with(alice()).param("name", "web")).andExpect(status().isForbidden());

		verify(this.workloads, org.mockito.Mockito.never()).launch(anyString(), any(), anyString());
	}

}
