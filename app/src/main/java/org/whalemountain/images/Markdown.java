package org.whalemountain.images;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders image descriptions, which other users read in their browsers, so nothing the
 * owner writes may become markup of its own: raw HTML is escaped into text, and link and
 * image addresses keep only {@code http}, {@code https} and {@code mailto} schemes (or
 * none, for relative ones); {@code javascript:}, {@code data:} and the like become empty.
 * Links get {@code rel="nofollow"}. A pure function; the parser and renderer are
 * thread-safe.
 */
final class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
		.escapeHtml(true)
		.sanitizeUrls(true)
		// commonmark's default list also admits data:, which can carry a whole HTML page
		.urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
		.build();

	private Markdown() {
	}

	/** The HTML for {@code markdown}; empty for {@code null} or blank input. */
	static String toHtml(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			return "";
		}
		return RENDERER.render(PARSER.parse(markdown));
	}

}
