package org.whalemountain.images;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.whalemountain.platform.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.whalemountain.images.CatalogueEntries.owned;

class ImageChangesTests {

	static final List<String> ALICES_GROUPS = List.of("course-os", "lab-x");

	static final CatalogueEntry PRIVATE = owned("alice", Visibility.PRIVATE, null);

	@Test
	void describesWithoutTouchingTheSharing() {
		ImageChanges.Result result = ImageChanges.apply(PRIVATE, new ImagePatch("# Hi", null, null), ALICES_GROUPS);

		assertThat(result.description()).isEqualTo("# Hi");
		assertThat(result.visibility()).isEqualTo(Visibility.PRIVATE);
		assertThat(result.descriptionChanged()).isTrue();
		assertThat(result.sharingChanged()).isFalse();
	}

	@Test
	void anEmptyDescriptionClearsIt() {
		CatalogueEntry described = CatalogueEntries.described("old");

		assertThat(ImageChanges.apply(described, new ImagePatch("", null, null), ALICES_GROUPS).description())
			.isEmpty();
	}

	@Test
	void aDescriptionOfTenThousandCharactersIsTheLimit() {
		String longest = "鯨".repeat(Images.MAX_DESCRIPTION);

		assertThat(ImageChanges.apply(PRIVATE, new ImagePatch(longest, null, null), ALICES_GROUPS).description())
			.isEqualTo(longest);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(longest + "!", null, null), ALICES_GROUPS))
			.withMessageContaining("10001 characters")
			.withMessageContaining("at most 10000")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("description-too-long"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("description"));
	}

	@Test
	void charactersOutsideTheBasicPlaneCountOnce() {
		String whales = "🐋".repeat(Images.MAX_DESCRIPTION);

		assertThat(ImageChanges.apply(PRIVATE, new ImagePatch(whales, null, null), ALICES_GROUPS).description())
			.isEqualTo(whales);
	}

	@Test
	void sharesWithEveryone() {
		ImageChanges.Result result = ImageChanges.apply(PRIVATE, new ImagePatch(null, "PUBLIC", null), ALICES_GROUPS);

		assertThat(result.visibility()).isEqualTo(Visibility.PUBLIC);
		assertThat(result.group()).isNull();
		assertThat(result.sharingChanged()).isTrue();
		assertThat(result.descriptionChanged()).isFalse();
	}

	@Test
	void sharesWithOneOfTheOwnersGroups() {
		ImageChanges.Result result = ImageChanges.apply(PRIVATE, new ImagePatch(null, "GROUP", "lab-x"), ALICES_GROUPS);

		assertThat(result.visibility()).isEqualTo(Visibility.GROUP);
		assertThat(result.group()).isEqualTo("lab-x");
	}

	@Test
	void keepsTheGroupWhenOnlyTheDescriptionChanges() {
		CatalogueEntry shared = owned("alice", Visibility.GROUP, "course-os");

		ImageChanges.Result result = ImageChanges.apply(shared, new ImagePatch("text", "GROUP", null), ALICES_GROUPS);

		assertThat(result.group()).isEqualTo("course-os");
		assertThat(result.sharingChanged()).isFalse();
	}

	@Test
	void goingPrivateOrPublicDropsTheGroup() {
		CatalogueEntry shared = owned("alice", Visibility.GROUP, "course-os");

		ImageChanges.Result result = ImageChanges.apply(shared, new ImagePatch(null, "PRIVATE", null), ALICES_GROUPS);

		assertThat(result.visibility()).isEqualTo(Visibility.PRIVATE);
		assertThat(result.group()).isNull();
		assertThat(result.sharingChanged()).isTrue();
	}

	@Test
	void unknownVisibilityIsRefused() {
		for (String bad : List.of("public", "FRIENDS", "", " PUBLIC")) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, bad, null), ALICES_GROUPS))
				.withMessageContaining("PRIVATE")
				.withMessageContaining("PUBLIC")
				.withMessageContaining("GROUP")
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo("invalid-visibility"));
		}
	}

	@Test
	void groupVisibilityNeedsAGroup() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, "GROUP", " "), ALICES_GROUPS))
			.withMessageContaining("course-os, lab-x")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("group-required"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("group"));
	}

	@Test
	void anOwnerWithoutGroupsIsToldToUsePublic() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, "GROUP", null), List.of()))
			.withMessageContaining("no directory group")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("group-required"));
	}

	@Test
	void aGroupTheOwnerIsNotInIsRefused() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, "GROUP", "wm-admins"), ALICES_GROUPS))
			.withMessageContaining("not in group 'wm-admins'")
			.withMessageContaining("course-os, lab-x")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("not-your-group"));
	}

	@Test
	void aGroupWithPrivateOrPublicIsRefused() {
		for (String visibility : List.of("PRIVATE", "PUBLIC")) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(
						() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, visibility, "course-os"), ALICES_GROUPS))
				.withMessageContaining("only to visibility GROUP")
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo("group-not-allowed"));
		}
	}

	@Test
	void aGroupAloneOnAPrivateImageIsRefused() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> ImageChanges.apply(PRIVATE, new ImagePatch(null, null, "course-os"), ALICES_GROUPS))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("group-not-allowed"));
	}

	@Test
	void anEmptyPatchChangesNothing() {
		ImageChanges.Result result = ImageChanges.apply(PRIVATE, new ImagePatch(null, null, null), ALICES_GROUPS);

		assertThat(result.descriptionChanged()).isFalse();
		assertThat(result.sharingChanged()).isFalse();
	}

}
