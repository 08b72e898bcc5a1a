package org.whalemountain.console;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Byte counts as people read them, in the decimal units {@code docker images} uses, so
 * that the console and the command line agree. Templates call it as
 * {@code ${@sizes.human(bytes)}}.
 */
@Component("sizes")
public class Sizes {

	private static final String[] UNITS = { "kB", "MB", "GB", "TB", "PB" };

	/** e.g. {@code 999 B}, {@code 2.3 MB}; public for the templates' expressions. */
	public String human(long bytes) {
		if (bytes < 1000) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = -1;
		while (value >= 999.95 && unit < UNITS.length - 1) {
			value /= 1000;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
	}

}
