package org.whalemountain.platform;

/**
 * What an audit entry may show of text a stranger sent: no control characters, bounded
 * length.
 */
public final class AuditText {

	private AuditText() {
	}

	public static String printable(String sent, int max) {
		if (sent == null) {
			return "";
		}
		String cleaned = sent.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (cleaned.length() > max) ? cleaned.substring(0, max) + "…" : cleaned;
	}

}
