package org.whalemountain.workloads;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.whalemountain.testsupport.DockerCli;

/**
 * What Docker itself says it published, read from the outside with {@code docker
 * inspect}: per container, each guest port and the {@code address:port} it is bound to.
 */
final class PublishedPorts {

	private static final String FORMAT = "{{.Id}}{{range $p, $b := .NetworkSettings.Ports}}"
			+ " {{$p}}={{range $b}}{{.HostIp}}:{{.HostPort}}{{end}}{{end}}";

	private PublishedPorts() {
	}

	/** One {@code docker inspect} for all of them; fails if one of them is missing. */
	static Map<String, Map<Integer, String>> of(Collection<String> containerIds) {
		String[] args = new String[containerIds.size() + 3];
		args[0] = "inspect";
		args[1] = "--format";
		args[2] = FORMAT;
		int i = 3;
		for (String id : containerIds) {
			args[i++] = id;
		}
		Map<String, Map<Integer, String>> published = new HashMap<>();
		for (String line : DockerCli.docker(args).strip().split("\n")) {
			String[] fields = line.strip().split(" ");
			Map<Integer, String> ports = new TreeMap<>();
			for (int f = 1; f < fields.length; f++) {
				String[] binding = fields[f].split("=", 2);
				ports.put(Integer.valueOf(binding[0].replace("/tcp", "")), binding[1]);
			}
			published.put(fields[0], ports);
		}
		return published;
	}

}
