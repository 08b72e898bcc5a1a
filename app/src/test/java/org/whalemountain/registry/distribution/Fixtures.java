package org.whalemountain.registry.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The JSON documents next to these tests, as a registry would send them. */
final class Fixtures {

	private Fixtures() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("No test resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
