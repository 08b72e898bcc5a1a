package org.whalemountain.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.whalemountain.images.Image;
import org.whalemountain.images.ImagePatch;
import org.whalemountain.images.Images;
import org.whalemountain.images.Visibility;
import org.whalemountain.platform.InvalidInputException;
import org.whalemountain.platform.NotFoundException;
import org.whalemountain.platform.UnavailableException;
import org.whalemountain.sif.SifBuild;
import org.whalemountain.sif.SifBuilds;
import org.whalemountain.sif.SifStatus;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.whalemountain.testsupport.SignedIn.alice;

/**
 * The image API's mapping: what reaches {@link Images} from a request, and how its
 * answers and refusals reach the caller. The rules themselves (who sees what, which
 * patches are refused) are {@link Images}'s and have their own tests.
 */
@WebMvcTest(ImagesController.class)
class ImagesControllerTests {

	private static final Image APP = new Image(7, "alice", "alice/app", "1", "127.0.0.1:5000/alice/app:1", "sha256:aaa",
			1234, Instant.EPOCH, "# App", "<h1>App</h1>", Visibility.GROUP, "course-os", null, Instant.EPOCH);

	private static final Image TOOL = new Image(8, "bob", "bob/tool", "2", "127.0.0.1:5000/bob/tool:2", "sha256:bbb",
			99, Instant.EPOCH, "", "", Visibility.PUBLIC, null, null, Instant.EPOCH);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Images images;

	@MockitoBean
	SifBuilds sifBuilds;

	@Test
	void ownImagesCarryTheirSharingAndTheStateOfTheirSif() throws Exception {
		given(this.images.mine("alice")).willReturn(List.of(APP));
		given(this.sifBuilds.build("sha256:aaa")).willReturn(Optional.of(new SifBuild("sha256:aaa", "alice/app",
				SifStatus.READY, 100, 4096L, "cafe", "2 files unreadable", null, 1, null, null, null)));

		this.mvc.perform(get("/api/v1/images").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].reference").value("127.0.0.1:5000/alice/app:1"))
			.andExpect(jsonPath("$[0].visibility").value("GROUP"))
			.andExpect(jsonPath("$[0].group").value("course-os"))
			.andExpect(jsonPath("$[0].descriptionHtml").value("<h1>App</h1>"))
			.andExpect(jsonPath("$[0].sif.status").value("READY"))
			.andExpect(jsonPath("$[0].sif.sizeBytes").value(4096))
			.andExpect(jsonPath("$[0].sif.sha256").value("cafe"))
			// a ready SIF's notes are no error to show
			.andExpect(jsonPath("$[0].sif.message").doesNotExist());
	}

	@Test
	void sharedImagesOfADigestNeverQueuedShowNotBuilt() throws Exception {
		given(this.images.sharedWith("alice")).willReturn(List.of(TOOL));
		given(this.sifBuilds.build("sha256:bbb")).willReturn(Optional.empty());

		this.mvc.perform(get("/api/v1/images/shared").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].owner").value("bob"))
			.andExpect(jsonPath("$[0].visibility").value("PUBLIC"))
			.andExpect(jsonPath("$[0].sif.status").value("NOT_BUILT"));
	}

	@Test
	void aFailedSifSaysWhyWithItsStableReason() throws Exception {
		given(this.images.get("alice", 7)).willReturn(APP);
		given(this.sifBuilds.build("sha256:aaa"))
			.willReturn(Optional.of(new SifBuild("sha256:aaa", "alice/app", SifStatus.FAILED, 0, null, null,
					"The image is too large.", "sif-image-too-large", 1, null, null, null)));

		this.mvc.perform(get("/api/v1/images/7").with(alice()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.sif.status").value("FAILED"))
			.andExpect(jsonPath("$.sif.reason").value("sif-image-too-large"))
			.andExpect(jsonPath("$.sif.message").value("The image is too large."));
	}

	@Test
	void anImageTheCallerMayNotSeeIsANotFoundProblem() throws Exception {
		given(this.images.get("alice", 9)).willThrow(new NotFoundException("image-not-found", "No image 9."));

		this.mvc.perform(get("/api/v1/images/9").with(alice()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/image-not-found")))
			.andExpect(jsonPath("$.detail").value("No image 9."));
	}

	@Test
	void anIdThatIsNoNumberIsAnInvalidParameterProblem() throws Exception {
		this.mvc.perform(get("/api/v1/images/latest").with(alice()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/invalid-parameter")))
			.andExpect(jsonPath("$.detail").value("'latest' is not a valid id."));
	}

	@Test
	void patchFieldsLeftOutReachImagesAsNull() throws Exception {
		given(this.images.update(eq("alice"), eq(7L), any(), anyString())).willReturn(APP);

		patchImage(7, """
				{"description": "## Usage"}""").andExpect(status().isOk()).andExpect(jsonPath("$.id").value(7));

		verify(this.images).update("alice", 7, new ImagePatch("## Usage", null, null), "127.0.0.1");
	}

	@Test
	void patchSharingWithAGroupReachesImagesAsSent() throws Exception {
		given(this.images.update(eq("alice"), eq(7L), any(), anyString())).willReturn(APP);

		patchImage(7, """
				{"visibility": "GROUP", "group": "course-os"}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.visibility").value("GROUP"));

		verify(this.images).update("alice", 7, new ImagePatch(null, "GROUP", "course-os"), "127.0.0.1");
	}

	@Test
	void anUnknownVisibilityIsAProblemNamingTheField() throws Exception {
		given(this.images.update(eq("alice"), eq(7L), any(), anyString())).willThrow(new InvalidInputException(
				"invalid-visibility", "visibility", "visibility must be PRIVATE, PUBLIC or GROUP, in capitals."));

		patchImage(7, """
				{"visibility": "friends"}""").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/invalid-visibility")))
			.andExpect(jsonPath("$.errors[0].field").value("visibility"))
			.andExpect(
					jsonPath("$.errors[0].message").value("visibility must be PRIVATE, PUBLIC or GROUP, in capitals."));
	}

	@Test
	void aGroupTheOwnerIsNotInIsAProblemNamingTheGroupField() throws Exception {
		given(this.images.update(eq("alice"), eq(7L), any(), anyString())).willThrow(new InvalidInputException(
				"not-your-group", "group", "You are not in group 'staff'; share with one of your groups: course-os."));

		patchImage(7, """
				{"visibility": "GROUP", "group": "staff"}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/not-your-group")))
			.andExpect(jsonPath("$.errors[0].field").value("group"))
			.andExpect(jsonPath("$.detail")
				.value("You are not in group 'staff'; share with one of your groups: course-os."));
	}

	@Test
	void aPatchOfAnImageOnlySharedWithTheCallerIsNotFound() throws Exception {
		given(this.images.update(eq("alice"), eq(8L), any(), anyString()))
			.willThrow(new NotFoundException("image-not-found", "You have no image with id 8."));

		patchImage(8, """
				{"description": "mine now"}""").andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value(endsWith("/image-not-found")));
	}

	@Test
	void aPatchThatIsNoJsonObjectIsAMalformedBodyProblem() throws Exception {
		patchImage(7, "[\"PUBLIC\"]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value(endsWith("/malformed-body")));

		verify(this.images, never()).update(anyString(), anyLong(), any(), anyString());
	}

	@Test
	void deletingAnswersNoContent() throws Exception {
		this.mvc.perform(delete("/api/v1/images/7").with(alice()).with(csrf())).andExpect(status().isNoContent());

		verify(this.images).delete("alice", 7, "127.0.0.1");
	}

	@Test
	void aRegistryThatIsDownIsAProblemThatSaysWhenToRetry() throws Exception {
		org.mockito.BDDMockito
			.willThrow(new UnavailableException("registry-unavailable",
					"The registry does not answer; try again in a minute.", Duration.ofSeconds(60)))
			.given(this.images)
			.delete("alice", 7, "127.0.0.1");

		this.mvc.perform(delete("/api/v1/images/7").with(alice()).with(csrf()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(jsonPath("$.type").value(endsWith("/registry-unavailable")));
	}

	private ResultActions patchImage(long id, String json) throws Exception {
		return this.mvc.perform(patch("/api/v1/images/" + id).with(alice())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
