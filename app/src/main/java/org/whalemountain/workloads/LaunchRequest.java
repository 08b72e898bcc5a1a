package org.whalemountain.workloads;

/**
 * What a user asks to launch.
 *
 * @param name the name after the {@code <user>-} prefix (a DNS label)
 * @param image a catalogue reference the user may see, or a Docker Hub reference
 * @param env a list of {@code NAME=value} or one space-separated string, or {@code null}
 * @param ports a list of guest ports or one space-separated string, or {@code null}
 * @param command arguments replacing the image's CMD (a list or one string), or
 * {@code null} for the image's own
 * @param engine {@code docker} (the default) or {@code kubernetes}
 */
public record LaunchRequest(String name, String image, Object env, Object ports, Object command, String engine) {
}
