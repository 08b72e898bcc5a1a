package org.whalemountain.console;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.whalemountain.images.Image;
import org.whalemountain.images.ImageActions;
import org.whalemountain.images.ImagePatch;
import org.whalemountain.images.Images;
import org.whalemountain.images.Visibility;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.UnavailableException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * One image's page: the forms' fields as {@link Images} gets them, its refusals as form
 * errors that keep what was typed, and the panel swapped in place for htmx.
 */
@WebMvcTest(ImagePageController.class)
@Import(Sizes.class)
class ImagePageControllerTests {

	private static final Image APP = new Image(7, "alice", "alice/app", "1", "127.0.0.1:5000/alice/app:1", "sha256:aaa",
			1234, Instant.EPOCH, "# Usage", "<h1>Usage</h1>", Visibility.PRIVATE, null, null, Instant.EPOCH);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Images images;

	@Test
	void plainRequestGetsTheWholePageWithThePullLine() throws Exception {
		owned();

		this.mvc.perform(get("/images/7").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("image"))
			.andExpect(content().string(containsString("<nav")))
			.andExpect(content().string(containsString("docker pull 127.0.0.1:5000/alice/app:1")))
			.andExpect(content().string(containsString("<h1>Usage</h1>")))
			.andExpect(content().string(containsString("id=\"sharing-form\"")));
	}

	@Test
	void htmxRequestGetsThePanelOnly() throws Exception {
		owned();

		this.mvc.perform(get("/images/7").header("HX-Request", "true").with(alice()))
			.andExpect(status().isOk())
			.andExpect(view().name("image :: panel"))
			.andExpect(content().string(startsWith("<section id=\"image-panel\"")))
			.andExpect(content().string(not(containsString("<nav"))));
	}

	@Test
	void aViewerWhoMayNotChangeItGetsNoForms() throws Exception {
		given(this.images.get("alice", 7)).willReturn(APP);
		given(this.images.actions("alice", 7)).willReturn(new ImageActions(false, false));

		this.mvc.perform(get("/images/7").with(alice()))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"description-form\""))))
			.andExpect(content().string(not(containsString("id=\"sharing-form\""))))
			.andExpect(content().string(not(containsString("id=\"image-delete\""))));
	}

	@Test
	void anImageTheUserMayNotSeeIsNotFound() throws Exception {
		given(this.images.get("alice", 9)).willThrow(new NotFoundException("image-not-found", "No image 9."));

		this.mvc.perform(get("/images/9").with(alice())).andExpect(status().isNotFound());
	}

	@Test
	void theDescriptionFormChangesOnlyTheDescription() throws Exception {
		owned();

		this.mvc
			.perform(post("/images/7/description").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("description", "## New"))
			.andExpect(status().isOk())
			.andExpect(view().name("image :: panel"))
			.andExpect(content().string(containsString("The description was saved.")));

		verify(this.images).update("alice", 7, new ImagePatch("## New", null, null), "127.0.0.1");
	}

	@Test
	void aRefusedDescriptionIsAFormErrorThatKeepsTheDraft() throws Exception {
		owned();
		given(this.images.update(eq("alice"), eq(7L), any(), anyString())).willThrow(new InvalidInputException(
				"description-too-long", "description", "The description has 10001 characters; shorten it."));

		this.mvc.perform(post("/images/7/description").with(alice()).with(csrf()).param("description", "draft text"))
			.andExpect(status().isOk())
			.andExpect(view().name("image"))
			.andExpect(content().string(containsString("The description has 10001 characters; shorten it.")))
			.andExpect(content().string(containsString(">draft text</textarea>")));
	}

	@Test
	void sharingWithAGroupSendsTheGroup() throws Exception {
		owned();

		this.mvc
			.perform(post("/images/7/sharing").with(alice())
				.with(csrf())
				.param("visibility", "GROUP")
				.param("group", "course-os"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The sharing was saved.")));

		verify(this.images).update("alice", 7, new ImagePatch(null, "GROUP", "course-os"), "127.0.0.1");
	}

	@Test
	void theGroupSelectIsDroppedForEveryOtherVisibility() throws Exception {
		owned();

		this.mvc
			.perform(post("/images/7/sharing").with(alice())
				.with(csrf())
				.param("visibility", "PUBLIC")
				.param("group", "course-os"))
			.andExpect(status().isOk());

		verify(this.images).update("alice", 7, new ImagePatch(null, "PUBLIC", null), "127.0.0.1");
	}

	@Test
	void aRefusedSharingIsAFormError() throws Exception {
		owned();
		given(this.images.update(eq("alice"), eq(7L), any(), anyString()))
			.willThrow(new InvalidInputException("group-required", "group",
					"Visibility GROUP needs a group; share with one of your groups: course-os."));

		this.mvc
			.perform(post("/images/7/sharing").with(alice())
				.with(csrf())
				.header("HX-Request", "true")
				.param("visibility", "GROUP")
				.param("group", ""))
			.andExpect(status().isOk())
			.andExpect(view().name("image :: panel"))
			.andExpect(content().string(containsString("id=\"sharing-error\"")))
			.andExpect(content()
				.string(containsString("Visibility GROUP needs a group; share with one of your groups: course-os.")));
	}

	@Test
	void deletingReturnsToMyImagesThroughHtmxOrARedirect() throws Exception {
		this.mvc.perform(post("/images/7/delete").with(alice()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Redirect", "/images"));
		this.mvc.perform(post("/images/7/delete").with(alice()).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/images"));

		verify(this.images, org.mockito.Mockito.times(2)).delete("alice", 7, "127.0.0.1");
	}

	@Test
	void aDeletionTheRegistryRefusesKeepsThePageAndSaysWhy() throws Exception {
		owned();
		willThrow(new UnavailableException("registry-unavailable", "The registry does not answer; try again later.",
				Duration.ofMinutes(1)))
			.given(this.images)
			.delete("alice", 7, "127.0.0.1");

		this.mvc.perform(post("/images/7/delete").with(alice()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("image"))
			.andExpect(content().string(containsString("The registry does not answer; try again later.")));
	}

	@Test
	void deletingAnImageThatIsNotTheUsersIsNotFound() throws Exception {
		willThrow(new NotFoundException("image-not-found", "You have no image with id 8.")).given(this.images)
			.delete("alice", 8, "127.0.0.1");

		this.mvc.perform(post("/images/8/delete").with(alice()).with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void formPostWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/images/7/sharing").with(alice()).param("visibility", "PUBLIC"))
			.andExpect(status().isForbidden());

		verify(this.images, never()).update(anyString(), anyLong(), any(), anyString());
	}

	private void owned() {
		given(this.images.get("alice", 7)).willReturn(APP);
		given(this.images.actions("alice", 7)).willReturn(new ImageActions(true, true));
	}

}
