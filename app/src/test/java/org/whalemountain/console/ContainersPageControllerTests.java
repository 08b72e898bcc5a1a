package org.whalemountain.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainersPageControllerTests {

	@Test
	void aCommandLineIsSplitAtSpacesOutsideQuotes() {
		assertThat(ContainersPageController.words("  echo   hi ")).containsExactly("echo", "hi");
		assertThat(ContainersPageController.words("sh -c \"echo 'a b' > /x\"")).containsExactly("sh", "-c",
				"echo 'a b' > /x");
		assertThat(ContainersPageController.words("printf '' x")).containsExactly("printf", "", "x");
		assertThat(ContainersPageController.words("   ")).isEmpty();
	}

}
