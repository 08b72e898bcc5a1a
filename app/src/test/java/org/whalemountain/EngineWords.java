package org.whalemountain;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * An ArchUnit condition: a class says no word of one engine, neither in its name nor in
 * any text of its class file (string constants and messages, field and method names),
 * which ArchUnit itself does not show, so the class file's constant pool is read here.
 * Docker Hub's registry name ({@code docker.io}) is a registry, not an engine, and may
 * appear.
 */
final class EngineWords extends ArchCondition<JavaClass> {

	private static final Pattern WORDS = Pattern.compile("docker|bridge|seccomp");

	private static final String REGISTRY = "docker.io";

	private static final java.util.Set<String> ENGINE_NAMES = java.util.Set.of("docker", "kubernetes");

	EngineWords() {
		super("say no word of one engine (docker, dockerd, bridge, seccomp)");
	}

	@Override
	public void check(JavaClass javaClass, ConditionEvents events) {
		for (String text : texts(javaClass)) {
			if (ENGINE_NAMES.contains(text)) {
				continue;
			}
			String lower = text.toLowerCase(Locale.ROOT).replace(REGISTRY, "");
			if (WORDS.matcher(lower).find()) {
				events.add(SimpleConditionEvent.violated(javaClass,
						javaClass.getName() + " says \"" + text + "\", a word of one engine"));
			}
		}
	}

	/** The UTF-8 entries of the class file's constant pool. */
	static List<String> texts(JavaClass javaClass) {
		String resource = "/" + javaClass.getName().replace('.', '/') + ".class";
		try (InputStream in = EngineWords.class.getResourceAsStream(resource)) {
			if (in == null) {
				return List.of(javaClass.getName());
			}
			return utf8Constants(new DataInputStream(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> utf8Constants(DataInputStream in) throws IOException {
		in.readInt();
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		List<String> texts = new ArrayList<>();
		for (int i = 1; i < count; i++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case 1 -> texts.add(in.readUTF());
				case 3, 4 -> in.skipBytes(4);
				case 5, 6 -> {
					in.skipBytes(8);
					i++;
				}
				case 7, 8, 16, 19, 20 -> in.skipBytes(2);
				case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
				case 15 -> in.skipBytes(3);
				default -> throw new IOException("Unknown constant pool tag " + tag);
			}
		}
		return texts;
	}

}
