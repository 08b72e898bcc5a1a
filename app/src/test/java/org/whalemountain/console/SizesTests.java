package org.whalemountain.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTests {

	private final Sizes sizes = new Sizes();

	@Test
	void smallSizesInBytes() {
		assertThat(this.sizes.human(0)).isEqualTo("0 B");
		assertThat(this.sizes.human(999)).isEqualTo("999 B");
	}

	@Test
	void largerSizesInDecimalUnitsAsDockerShowsThem() {
		assertThat(this.sizes.human(1000)).isEqualTo("1.0 kB");
		assertThat(this.sizes.human(2_345_678)).isEqualTo("2.3 MB");
		assertThat(this.sizes.human(7_500_000_000L)).isEqualTo("7.5 GB");
	}

	@Test
	void neverShowsAThousandOfAUnit() {
		assertThat(this.sizes.human(999_960)).isEqualTo("1.0 MB");
		assertThat(this.sizes.human(999_949)).isEqualTo("999.9 kB");
	}

}
