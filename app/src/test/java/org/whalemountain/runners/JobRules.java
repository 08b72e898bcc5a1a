package org.whalemountain.runners;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's {@code rules:}, evaluated as GitLab documents them ("Specify when jobs run with
 * rules", "CI/CD variable expressions"), for the expressions the served templates use and
 * no others: rules are checked in order and the first whose {@code if:} is true decides;
 * {@code when: never} leaves the job out, a rule without {@code when} adds it; no match
 * leaves it out. An {@code if:} is {@code ||} of {@code &&} (which binds tighter) of
 * {@code $VAR} (true when the variable is set and not empty), {@code $VAR == "text"} or
 * {@code $VAR != "text"} (an unset variable equals no text). Anything else (parentheses,
 * regular expressions, {@code changes:}, {@code exists:}, other {@code when:} values) is
 * refused rather than guessed, so a template that grows one fails this test's parse.
 */
record JobRules(List<Rule> rules) {

	private static final Pattern TERM = Pattern
		.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(?:\\s*(==|!=)\\s*\"([^\"\\\\]*)\")?");

	/**
	 * One rule: its condition ({@code ||} of {@code &&} of terms; none when it has no
	 * {@code if:}), and whether it adds the job.
	 */
	record Rule(List<List<Term>> condition, boolean adds) {

		boolean matches(Map<String, String> variables) {
			return this.condition.isEmpty() || this.condition.stream()
				.anyMatch((all) -> all.stream().allMatch((term) -> term.holds(variables)));
		}

	}

	/** {@code $variable}, or {@code $variable <operator> "text"}. */
	record Term(String variable, String operator, String text) {

		boolean holds(Map<String, String> variables) {
			String value = variables.get(this.variable);
			if (this.operator == null) {
				return value != null && !value.isEmpty();
			}
			boolean equal = this.text.equals(value);
			return this.operator.equals("==") ? equal : !equal;
		}

	}

	/** A job without {@code rules:} is always added. */
	static JobRules parse(Object rules) {
		List<Rule> parsed = new ArrayList<>();
		if (rules == null) {
			return new JobRules(parsed);
		}
		for (Object item : (List<?>) rules) {
			Map<?, ?> rule = (Map<?, ?>) item;
			if (!List.of("if", "when").containsAll(rule.keySet())) {
				throw new IllegalArgumentException("a rule with keys this evaluator does not know: " + rule.keySet());
			}
			Object when = rule.get("when");
			if (when != null && !List.of("never", "on_success").contains(when)) {
				throw new IllegalArgumentException("when: " + when + " is not evaluated here");
			}
			parsed.add(new Rule(condition((String) rule.get("if")), !"never".equals(when)));
		}
		return new JobRules(parsed);
	}

	/** Whether GitLab adds the job to a pipeline with these variables. */
	boolean addsJob(Map<String, String> variables) {
		if (this.rules.isEmpty()) {
			return true;
		}
		return this.rules.stream().filter((rule) -> rule.matches(variables)).findFirst().map(Rule::adds).orElse(false);
	}

	private static List<List<Term>> condition(String expression) {
		List<List<Term>> anyOf = new ArrayList<>();
		if (expression == null) {
			return anyOf;
		}
		for (String alternative : expression.split("\\|\\|", -1)) {
			List<Term> allOf = new ArrayList<>();
			for (String text : alternative.split("&&", -1)) {
				Matcher term = TERM.matcher(text.strip());
				if (!term.matches()) {
					throw new IllegalArgumentException(
							"'" + text.strip() + "' in '" + expression + "' is not an expression this evaluator knows");
				}
				allOf.add(new Term(term.group(1), term.group(2), term.group(3)));
			}
			anyOf.add(allOf);
		}
		return anyOf;
	}

}
