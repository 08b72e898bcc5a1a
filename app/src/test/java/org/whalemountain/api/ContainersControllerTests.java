package org.whalemountain.api;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.workloads.ContainerView;
import org.whalemountain.workloads.LaunchRequest;
import org.whalemountain.workloads.Workloads;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

@WebMvcTest(ContainersController.class)
class ContainersControllerTests {

	private static final ContainerView WEB = new ContainerView(7, "alice-web", "nginx:1.27", "docker", "c0ffee", "n1",
			"running", List.of(new ContainerView.Port(80, 20080)), Instant.EPOCH, null, null, null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Workloads workloads;

	@Test
	void listsAreTakenAsTheyAre() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString())).willReturn(WEB);

		launch("""
				{"name":"web","image":"nginx:1.27","env":["A=1","B=two words"],"ports":[80,"443"],
				 "command":["sh","-c","echo $X"],"engine":"docker"}""").andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/containers/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.ports[0].host").value(20080));

		verify(this.workloads).launch("alice", new LaunchRequest("web", "nginx:1.27", List.of("A=1", "B=two words"),
				List.of(80, 443), List.of("sh", "-c", "echo $X"), "docker"), "127.0.0.1");
	}

	@Test
	void stringsAreSplitAsAShellWould() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString())).willReturn(WEB);

		launch("""
				{"name":"web","image":"nginx:1.27","env":"A=1 B='two words'","ports":"80 443",
				 "command":"sh -c \\"echo $X\\""}""").andExpect(status().isCreated());

		verify(this.workloads).launch("alice", new LaunchRequest("web", "nginx:1.27", List.of("A=1", "B=two words"),
				List.of(80, 443), List.of("sh", "-c", "echo $X"), null), "127.0.0.1");
	}

	@Test
	void leftOutFieldsAreEmptyAndTheCommandTheImagesOwn() throws Exception {
		given(this.workloads.launch(eq("alice"), any(), anyString())).willReturn(WEB);

		launch("""
				{"name":"web","image":"nginx:1.27","command":null}""").andExpect(status().isCreated());

		verify(this.workloads).launch("alice", new LaunchRequest("web", "nginx:1.27", List.of(), List.of(), null, null),
				"127.0.0.1");
	}

	@Test
	void fieldOfTheWrongShapeIsAProblemNamingTheField() throws Exception {
		launch("""
				{"name":"web","image":"nginx:1.27","env":{"A":"1"}}""").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/invalid-env")))
			.andExpect(jsonPath("$.errors[0].field").value("env"));

		verify(this.workloads, never()).launch(anyString(), any(), anyString());
	}

	@Test
	void portThatIsNoNumberIsAProblemNamingPorts() throws Exception {
		launch("""
				{"name":"web","image":"nginx:1.27","ports":"80 http"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/invalid-port")))
			.andExpect(jsonPath("$.errors[0].field").value("ports"));
	}

	@Test
	void bodyThatIsNoJsonIsAMalformedBodyProblem() throws Exception {
		launch("{\"name\":").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/malformed-body")));
	}

	@Test
	void idThatIsNoNumberIsAnInvalidParameterProblem() throws Exception {
		this.mvc.perform(get("/api/v1/containers/seven").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/invalid-parameter")));
	}

	@Test
	void anotherUsersContainerIsANotFoundProblem() throws Exception {
		given(this.workloads.get("alice", 9))
			.willThrow(new NotFoundException("container-not-found", "No container 9."));

		this.mvc.perform(get("/api/v1/containers/9").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/container-not-found")));
	}

	private org.springframework.test.web.servlet.ResultActions launch(String json) throws Exception {
		return this.mvc.perform(post("/api/v1/containers").with(alice())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
