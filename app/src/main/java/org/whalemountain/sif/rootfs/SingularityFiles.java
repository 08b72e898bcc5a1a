package org.whalemountain.sif.rootfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.whalemountain.registry.ImageConfig;

/**
 * The runtime layout Apptainer and Singularity expect inside a container image, made from
 * the image's config: environment script, runscript, labels, and the directories and
 * files the runtime binds over. A pure function of its input.
 */
public final class SingularityFiles {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private SingularityFiles() {
	}

	/**
	 * @param config the image config (ENV, ENTRYPOINT, CMD, labels)
	 * @param definition the definition file recorded in
	 * {@code /.singularity.d/Singularity}
	 */
	public static List<SyntheticEntry> entries(ImageConfig config, String definition) {
		List<SyntheticEntry> entries = new ArrayList<>();
		for (String dir : List.of("dev", "proc", "root", "sys", "home", "etc", ".singularity.d", ".singularity.d/env",
				".singularity.d/libs", ".singularity.d/actions")) {
			entries.add(SyntheticEntry.directory(dir, 0755));
		}
		entries.add(SyntheticEntry.directory("tmp", 01777));
		entries.add(SyntheticEntry.directory("var", 0755));
		entries.add(SyntheticEntry.directory("var/tmp", 01777));
		entries.add(file("etc/hosts", 0644, ""));
		entries.add(file("etc/resolv.conf", 0644, ""));
		entries.add(file(".singularity.d/env/01-base.sh", 0755, "#!/bin/sh\n"));
		entries.add(file(".singularity.d/env/10-docker2singularity.sh", 0755, environment(config.env())));
		entries.add(file(".singularity.d/env/90-environment.sh", 0755, "#!/bin/sh\n# Custom environment shell code\n"));
		entries.add(file(".singularity.d/env/99-base.sh", 0755, """
				#!/bin/sh
				# GPU libraries bound by --nv land in /.singularity.d/libs
				if [ -z "$LD_LIBRARY_PATH" ]; then
				    LD_LIBRARY_PATH="/.singularity.d/libs"
				else
				    LD_LIBRARY_PATH="$LD_LIBRARY_PATH:/.singularity.d/libs"
				fi
				PS1="Apptainer> "
				export LD_LIBRARY_PATH PS1
				"""));
		entries.add(file(".singularity.d/runscript", 0755, runscript(config.entrypoint(), config.cmd())));
		entries.add(file(".singularity.d/labels.json", 0644, labels(config.labels())));
		entries.add(file(".singularity.d/Singularity", 0644, definition));
		entries.add(SyntheticEntry.symlink("singularity", ".singularity.d/runscript"));
		entries.add(SyntheticEntry.symlink("environment", ".singularity.d/env/90-environment.sh"));
		return entries;
	}

	/**
	 * {@code 10-docker2singularity.sh}: one export per valid ENV entry; a value the user
	 * already has wins, except PATH.
	 */
	static String environment(List<String> env) {
		StringBuilder script = new StringBuilder("#!/bin/sh\n");
		for (String entry : env) {
			int equals = entry.indexOf('=');
			String name = (equals < 0) ? entry : entry.substring(0, equals);
			if (!NAME.matcher(name).matches()) {
				continue;
			}
			if (equals < 0) {
				script.append("export ").append(name).append("=\"${").append(name).append(":-}\"\n");
			}
			else if ("PATH".equals(name)) {
				script.append("export PATH=\"").append(escape(entry.substring(equals + 1))).append("\"\n");
			}
			else {
				script.append("export ")
					.append(name)
					.append("=\"${")
					.append(name)
					.append(":-\"")
					.append(escape(entry.substring(equals + 1)))
					.append("\"}\"\n");
			}
		}
		return script.toString();
	}

	/**
	 * Runs ENTRYPOINT with the user's arguments if any were given, else ENTRYPOINT + CMD,
	 * else {@code /bin/sh}. The user's arguments never pass through {@code eval}.
	 */
	static String runscript(List<String> entrypoint, List<String> cmd) {
		return "#!/bin/sh\n" + "# Written by WhaleMountain from the image's ENTRYPOINT and CMD.\n" + "OCI_ENTRYPOINT="
				+ singleQuoted(words(entrypoint)) + "\n" + "OCI_CMD=" + singleQuoted(words(cmd)) + "\n" + """
						if [ $# -gt 0 ]; then
						    SINGULARITY_OCI_RUN="${OCI_ENTRYPOINT} \\"\\$@\\""
						elif [ -n "${OCI_ENTRYPOINT}${OCI_CMD}" ]; then
						    SINGULARITY_OCI_RUN="${OCI_ENTRYPOINT} ${OCI_CMD}"
						else
						    SINGULARITY_OCI_RUN='"/bin/sh"'
						fi
						eval "set -- ${SINGULARITY_OCI_RUN}"
						exec "$@"
						""";
	}

	/** Labels as JSON with sorted keys, as Apptainer writes {@code labels.json}. */
	static String labels(Map<String, String> labels) {
		StringBuilder json = new StringBuilder("{");
		new TreeMap<>(labels).forEach((key, value) -> {
			if (json.length() > 1) {
				json.append(",");
			}
			json.append("\n\t").append(jsonString(key)).append(": ").append(jsonString(value));
		});
		return json.append(labels.isEmpty() ? "}\n" : "\n}\n").toString();
	}

	/** Each word double-quoted with {@code \ " ` $} escaped, separated by spaces. */
	static String words(List<String> words) {
		List<String> quoted = new ArrayList<>();
		for (String word : words) {
			quoted.add("\"" + escape(word) + "\"");
		}
		return String.join(" ", quoted);
	}

	/** The escaping Apptainer 1.5 uses inside double quotes, in this order. */
	static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$");
	}

	private static String singleQuoted(String value) {
		return "'" + value.replace("'", "'\"'\"'") + "'";
	}

	private static String jsonString(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static SyntheticEntry file(String path, int mode, String content) {
		return SyntheticEntry.file(path, mode, content.getBytes(StandardCharsets.UTF_8));
	}

}
