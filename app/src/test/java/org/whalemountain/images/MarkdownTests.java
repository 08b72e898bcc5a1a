package org.whalemountain.images;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownTests {

	@Test
	void rendersOrdinaryMarkdown() {
		String html = Markdown.toHtml("""
				## Usage

				Run `make` with **two** cores:

				```
				docker run --rm app make -j2
				```

				- [Docs](https://example.ac.jp/docs)
				- mail [us](mailto:lab@example.ac.jp)
				""");

		assertThat(html).contains("<h2>Usage</h2>")
			.contains("<code>make</code>")
			.contains("<strong>two</strong>")
			.contains("<pre><code>docker run --rm app make -j2\n</code></pre>")
			.contains("<a rel=\"nofollow\" href=\"https://example.ac.jp/docs\">Docs</a>")
			.contains("href=\"mailto:lab@example.ac.jp\"");
	}

	@Test
	void scriptTagsBecomeText() {
		String html = Markdown.toHtml("Hello\n\n<script>alert('owned')</script>\n\ninline <script>x()</script> too");

		assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert('owned')&lt;/script&gt;");
	}

	@Test
	void eventHandlerAttributesBecomeText() {
		String html = Markdown.toHtml("<img src=x onerror=alert(1)>\n\ntext <b onclick=\"steal()\">bold</b>");

		assertThat(html).doesNotContain("<img").doesNotContain("<b ").contains("&lt;img src=x onerror=alert(1)&gt;");
	}

	@Test
	void javascriptLinksLoseTheirTarget() {
		String html = Markdown.toHtml(
				"[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) <javascript:alert(2)>");

		assertThat(html).doesNotContainIgnoringCase("javascript:alert(1)\"")
			.doesNotContainIgnoringCase("href=\"javascript")
			.contains("<a rel=\"nofollow\" href=\"\">a</a>");
	}

	@Test
	void dataAndOtherSchemesAreDropped() {
		String html = Markdown
			.toHtml("[page](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox) [f](file:///etc/passwd)");

		assertThat(html).doesNotContain("data:").doesNotContain("vbscript:").doesNotContain("file:");
	}

	@Test
	void imagesKeepOnlySafeAddresses() {
		String html = Markdown.toHtml("![logo](https://example.ac.jp/logo.png \"Logo\") ![x](javascript:alert(1)) "
				+ "![y](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)");

		assertThat(html).contains("<img src=\"https://example.ac.jp/logo.png\" alt=\"logo\" title=\"Logo\" />")
			.contains("<img src=\"\" alt=\"x\" />")
			.doesNotContain("javascript:")
			.doesNotContain("data:");
	}

	@Test
	void relativeLinksStay() {
		assertThat(Markdown.toHtml("[shared](/images/shared)")).contains("href=\"/images/shared\"");
	}

	@Test
	void nothingForBlankOrMissingText() {
		assertThat(Markdown.toHtml(null)).isEmpty();
		assertThat(Markdown.toHtml("  \n ")).isEmpty();
	}

}
