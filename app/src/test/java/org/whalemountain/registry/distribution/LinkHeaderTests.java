package org.whalemountain.registry.distribution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTests {

	@Test
	void distributionsNextLinkIsReadAsWritten() {
		assertThat(LinkHeader.next("</v2/_catalog?last=b%2Fy&n=2>; rel=\"next\""))
			.hasValue("/v2/_catalog?last=b%2Fy&n=2");
	}

	@Test
	void theNextLinkIsFoundAmongOthersWhateverTheSpacingAndCase() {
		assertThat(LinkHeader.next("</v2/_catalog?n=2>; rel=\"first\", </v2/_catalog?last=c&n=2>;rel=NEXT"))
			.hasValue("/v2/_catalog?last=c&n=2");
		assertThat(LinkHeader.next("<https://r.example/v2/x/tags/list?last=9>; title=\"page\"; rel=\"prefetch next\""))
			.hasValue("https://r.example/v2/x/tags/list?last=9");
	}

	@Test
	void noHeaderOrNoNextLinkMeansTheLastPage() {
		assertThat(LinkHeader.next(null)).isEmpty();
		assertThat(LinkHeader.next("")).isEmpty();
		assertThat(LinkHeader.next("</v2/_catalog?n=2>; rel=\"prev\"")).isEmpty();
		assertThat(LinkHeader.next("/v2/_catalog?last=x; rel=\"next\"")).isEmpty();
		assertThat(LinkHeader.next("</v2/_catalog?nextpage=1>; rel=\"nextish\"")).isEmpty();
	}

}
