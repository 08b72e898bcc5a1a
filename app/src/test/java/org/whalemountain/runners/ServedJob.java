package org.whalemountain.runners;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * One job of a served {@code .gitlab-ci.yml}, as GitLab hands it to a runner: its image,
 * its {@code variables:} and its {@code script:} lines as one shell script; and its
 * {@code rules:}, which GitLab reads to decide whether the job is created at all.
 */
record ServedJob(String name, String image, Map<String, String> variables, String script, JobRules rules) {

	/**
	 * The job {@code name} of {@code gitlabCiYml}; fails if there is none or it has no
	 * script.
	 */
	static ServedJob parse(String gitlabCiYml, String name) {
		Map<String, Object> job = map(new Yaml().<Map<String, Object>>load(gitlabCiYml).get(name));
		if (job == null || !(job.get("script") instanceof List<?> lines)) {
			throw new IllegalArgumentException(".gitlab-ci.yml has no job " + name + " with a script");
		}
		Map<String, String> variables = new LinkedHashMap<>();
		Map<String, Object> own = map(job.get("variables"));
		if (own != null) {
			own.forEach((variable, value) -> variables.put(variable, String.valueOf(value)));
		}
		return new ServedJob(name, (String) map(job.get("image")).get("name"), variables, script(lines),
				JobRules.parse(job.get("rules")));
	}

	/**
	 * The same job with {@code extra} among its variables, as an edited file would have.
	 */
	ServedJob withVariables(Map<String, String> extra) {
		Map<String, String> variables = new LinkedHashMap<>(this.variables);
		variables.putAll(extra);
		return new ServedJob(this.name, this.image, variables, this.script, this.rules);
	}

	/**
	 * The {@code script:} lines in one shell, as gitlab-runner runs them: each echoed, as
	 * in a job log, and the first that fails ends the job with its status.
	 */
	private static String script(List<?> lines) {
		StringBuilder script = new StringBuilder("set -e\n");
		for (Object line : lines) {
			String text = (String) line;
			script.append("printf '%s\\n' ")
				.append(shellQuote("$ " + text.lines().findFirst().orElse("")))
				.append('\n');
			script.append(text).append('\n');
		}
		return script.toString();
	}

	private static String shellQuote(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
